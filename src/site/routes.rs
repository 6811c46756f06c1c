//! Every URL and output path of the site, computed in one place before anything is rendered.
//!
//! Longer than most files on purpose (about 700 lines with its tests): the URL scheme, the list
//! of every output and the registry that refuses two owners of one path belong together, so a
//! reader sees in one file every address the site can have and who may claim it.
//!
//! [`Routes`] is the URL scheme: `<lang>/`, `<lang>/<section>/`, `<lang>/<section>/<page>/`,
//! `<lang>/<tags>/<tag>/`, `<lang>/<audience>/<audience>/`, `<lang>/<search>/`, with the
//! language's segments from [`crate::languages`]. [`plan`] lists every file the build will
//! write, each with its owner (the file and field it comes from), and refuses a path with two
//! owners — a section slugged like the tag index would otherwise silently replace it. The
//! renderer, the sitemap, serve and the search index all take their URLs from here.

use super::Site;
use super::links::Redirect;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::Audience;
use crate::languages::{self, UrlSegments};
use crate::slug::slugify;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// The folder the search index is written to (below the output root).
pub const SEARCH_DIR: &str = "search/";

/// Which content file each page and section URL came from, so the next build into the same
/// folder can tell a moved page (see `build::moved`).
pub const URL_MANIFEST: &str = ".samspil-urls.json";

#[derive(Debug, Clone)]
pub struct Routes {
    base_path: String,
    base_url: String,
    segments: BTreeMap<String, UrlSegments>,
}

impl Routes {
    pub fn new(config: &crate::config::Config) -> Routes {
        let segments = config
            .languages
            .iter()
            .map(|l| {
                let s = languages::url_segments(l, &config.default_language);
                (l.clone(), s)
            })
            .collect();
        Routes {
            base_path: config.base_path(),
            base_url: config.base_url.clone(),
            segments,
        }
    }

    /// The path part of `base_url` (`/frivillig/`), prefixed to every link.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A link to `rel` from inside the site.
    pub fn href(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }

    /// `rel` as an absolute URL (canonical, hreflang, sitemap, vCard).
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }

    fn segments(&self, lang: &str) -> UrlSegments {
        self.segments
            .get(lang)
            .cloned()
            .unwrap_or_else(|| languages::url_segments(lang, lang))
    }

    pub fn home(&self, lang: &str) -> String {
        format!("{lang}/")
    }
    pub fn section(&self, lang: &str, section_slug: &str) -> String {
        format!("{lang}/{section_slug}/")
    }
    pub fn page(&self, lang: &str, section_slug: &str, slug: &str) -> String {
        format!("{lang}/{section_slug}/{slug}/")
    }
    pub fn tags(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.segments(lang).tags)
    }
    /// Tags that slugify alike (`Tavshedspligt`, `tavshedspligt`) share one page.
    pub fn tag(&self, lang: &str, tag: &str) -> String {
        format!("{}{}/", self.tags(lang), slugify(tag))
    }
    pub fn audiences(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.segments(lang).audience)
    }
    pub fn audience(&self, lang: &str, a: Audience) -> String {
        let s = self.segments(lang);
        format!("{lang}/{}/{}/", s.audience, s.audience_segment(a))
    }
    pub fn search(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.segments(lang).search)
    }
    /// The 404 page of a language (a file, not a folder: servers are pointed at it).
    pub fn not_found(&self, lang: &str) -> String {
        format!("{lang}/404.html")
    }
    /// The Atom feed of a language's new and changed pages.
    pub fn feed(&self, lang: &str) -> String {
        format!("{lang}/feed.xml")
    }
    /// The "New and changed" page: the feed's items as a page.
    pub fn changes(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.segments(lang).changes)
    }
    /// Whether the site is at its host's root: only then is its `robots.txt` the one crawlers
    /// read (they ask for `/robots.txt`, never `/sub-path/robots.txt`).
    pub fn at_host_root(&self) -> bool {
        self.base_path == "/"
    }
    pub fn vcard(&self, page_url: &str) -> String {
        format!("{page_url}contact.vcf")
    }
}

/// The file a folder URL is served from.
pub fn index_file(url: &str) -> String {
    format!("{url}index.html")
}

/// The output file of an old address in `aliases:` (`/da/roller/gammel/` →
/// `da/roller/gammel/index.html`; `/gammel.html` stays a file), or why it cannot be one.
pub fn alias_path(alias: &str) -> Result<String, String> {
    let Some(rel) = alias.strip_prefix('/') else {
        return Err("an old address is a path from the site's root and starts with `/`".into());
    };
    if rel.is_empty() {
        return Err("`/` is the language chooser, not an old address of a page".into());
    }
    if let Some(c) = rel
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "?#\\%\"<>".contains(*c))
    {
        return Err(format!(
            "an old address is a plain path; it cannot hold `{c}`"
        ));
    }
    let segments: Vec<&str> = rel.trim_end_matches('/').split('/').collect();
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err("an old address has no empty, `.` or `..` segments".into());
    }
    let last = segments[segments.len() - 1];
    match last.rsplit_once('.') {
        None => Ok(index_file(&format!("{}/", rel.trim_end_matches('/')))),
        Some((_, "html" | "htm")) if !rel.ends_with('/') => Ok(rel.to_string()),
        Some(_) => Err(format!(
            "`{last}` looks like a file; an old address is a folder address (`/old/path/`) or an `.html` file"
        )),
    }
}

/// What is written at one output path.
#[derive(Debug, Clone)]
pub enum Target {
    Page(usize),
    /// Page `page`'s text at its URL in `lang`, which has no translation of it
    /// (`missing_translations: fallback`).
    Fallback {
        page: usize,
        lang: String,
    },
    Vcard(usize),
    /// A file of a page bundle, copied beside the page.
    PageAsset(PathBuf),
    Section {
        section: usize,
        lang: String,
    },
    Home(String),
    NotFound(String),
    Search(String),
    TagIndex(String),
    Tag {
        lang: String,
        slug: String,
    },
    AudienceIndex(String),
    Audience {
        lang: String,
        audience: Audience,
    },
    /// The language chooser at the site root.
    Root,
    RootNotFound,
    Redirect {
        lang: String,
        href: String,
    },
    /// A theme file (CSS and JS carry a content hash in their names).
    ThemeFile(Vec<u8>),
    /// A file from the site's `static/` folder.
    SiteStatic(PathBuf),
    Sitemap,
    Robots,
    /// [`crate::offline::SERVICE_WORKER`]: written last, since it lists every other file.
    ServiceWorker,
    /// [`URL_MANIFEST`].
    UrlManifest,
    /// A language's Atom feed of new and changed pages.
    Feed(String),
    /// A language's "New and changed" page.
    Changes(String),
}

/// Who wants a path, for the message when two do.
#[derive(Debug, Clone)]
pub struct Owner {
    /// "section `roles`", "the tag index of `da`".
    pub what: String,
    /// The file to change, relative to the site root; empty for built-in outputs.
    pub file: String,
    pub field: Option<String>,
    pub line: Option<usize>,
}

impl Owner {
    pub fn new(what: impl Into<String>, file: impl Into<String>) -> Owner {
        Owner {
            what: what.into(),
            file: file.into(),
            field: None,
            line: None,
        }
    }
    pub fn field(mut self, field: impl Into<String>, line: Option<usize>) -> Owner {
        self.field = Some(field.into());
        self.line = line;
        self
    }
    fn describe(&self) -> String {
        match (&self.file, &self.field) {
            (f, _) if f.is_empty() => self.what.clone(),
            (f, Some(field)) => format!("{} ({f}, field `{field}`)", self.what),
            (f, None) => format!("{} ({f})", self.what),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Planned {
    pub path: String,
    pub target: Target,
    pub owner: Owner,
}

/// Every file the build writes (the search index's files are under [`SEARCH_DIR`]).
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<Planned>,
    pub search: bool,
}

/// Refuses a second owner of a path, and a file where another output needs a folder.
#[derive(Default)]
struct Registry {
    owners: HashMap<String, Owner>,
    files: Vec<Planned>,
}

impl Registry {
    fn add(&mut self, path: String, target: Target, owner: Owner, diags: &Diagnostics) {
        if let Some(first) = self.owners.get(&path) {
            diags.push(collision(&path, first, &owner));
            return;
        }
        self.owners.insert(path.clone(), owner.clone());
        self.files.push(Planned {
            path,
            target,
            owner,
        });
    }

    /// A file at `a` and a file at `a/b` cannot both exist; neither can anything under the
    /// search folder the index owns.
    fn check_folders(&self, search: bool, diags: &Diagnostics) {
        let files: HashSet<&str> = self.owners.keys().map(String::as_str).collect();
        let search_owner = Owner::new("the search index", CONFIG_FILE).field("search", None);
        for p in &self.files {
            if search && p.path.starts_with(SEARCH_DIR) {
                diags.push(collision(&p.path, &search_owner, &p.owner));
            }
            for (i, _) in p.path.match_indices('/') {
                let folder = &p.path[..i];
                if files.contains(folder) {
                    diags.push(collision(folder, &self.owners[folder], &p.owner));
                }
            }
        }
    }
}

fn collision(path: &str, first: &Owner, second: &Owner) -> Diagnostic {
    // Point at a file the author can change: the later owner's, else the earlier one's.
    let at = if second.file.is_empty() {
        first
    } else {
        second
    };
    let mut d = Diagnostic::error(
        if at.file.is_empty() {
            CONFIG_FILE
        } else {
            &at.file
        },
        format!(
            "two outputs want `{path}`: {} and {}",
            first.describe(),
            second.describe()
        ),
    )
    .line(at.line);
    if let Some(f) = &at.field {
        d = d.field(f.clone());
    }
    d.help(format!(
        "change {} so that its URL differs; nothing was written, because one would silently replace the other",
        match &at.field {
            Some(f) => format!("`{f}` in {}", at.file),
            None => at.file.clone(),
        }
    ))
}

/// Lists every output of `site` with its owner; collisions are errors in `diags`. `extra` are
/// the theme's and the site's static files.
pub fn plan(site: &Site, redirects: &[Redirect], extra: Vec<Planned>, diags: &Diagnostics) -> Plan {
    let mut reg = Registry::default();
    let built_in = |what: &str| Owner::new(what, "");
    reg.add(
        "index.html".into(),
        Target::Root,
        built_in("the language chooser"),
        diags,
    );
    reg.add(
        "404.html".into(),
        Target::RootNotFound,
        built_in("the 404 page"),
        diags,
    );
    reg.add(
        "sitemap.xml".into(),
        Target::Sitemap,
        built_in("the sitemap"),
        diags,
    );
    // At a sub-path the host's own robots.txt rules (README: what to add there).
    if site.routes.at_host_root() {
        reg.add(
            "robots.txt".into(),
            Target::Robots,
            built_in("robots.txt"),
            diags,
        );
    }
    if site.config.offline {
        reg.add(
            crate::offline::SERVICE_WORKER.into(),
            Target::ServiceWorker,
            built_in("the offline copy's service worker"),
            diags,
        );
    }
    reg.add(
        URL_MANIFEST.into(),
        Target::UrlManifest,
        built_in("the list of page addresses"),
        diags,
    );
    for lang in &site.config.languages {
        plan_language(site, lang, &mut reg, diags);
        plan_generated(site, lang, &mut reg, diags);
        plan_changes(&site.routes, lang, &mut reg, diags);
    }
    plan_sections(site, &mut reg, diags);
    plan_pages(site, &mut reg, diags);
    plan_fallbacks(site, &mut reg, diags);
    // After every page, so an alias that takes a page's address is the one refused.
    plan_aliases(site, &mut reg, diags);
    for r in redirects {
        let target = Target::Redirect {
            lang: r.lang.clone(),
            href: r.href.clone(),
        };
        let owner = Owner::new(format!("redirect `/{}`", r.from), CONFIG_FILE)
            .field(format!("redirects.{}", r.key), None);
        reg.add(r.output.clone(), target, owner, diags);
    }
    for e in extra {
        reg.add(e.path, e.target, e.owner, diags);
    }
    reg.check_folders(site.config.search, diags);
    Plan {
        files: reg.files,
        search: site.config.search,
    }
}

/// A language's home and 404 pages.
fn plan_language(site: &Site, lang: &str, reg: &mut Registry, diags: &Diagnostics) {
    let routes = &site.routes;
    let home_file = site.homes.get(lang).map(|h| h.file.clone());
    let home = Owner::new(
        format!("the `{lang}` home page"),
        home_file.unwrap_or_default(),
    );
    let path = index_file(&routes.home(lang));
    reg.add(path, Target::Home(lang.to_string()), home, diags);
    let not_found = Owner::new(format!("the `{lang}` 404 page"), "");
    reg.add(
        routes.not_found(lang),
        Target::NotFound(lang.to_string()),
        not_found,
        diags,
    );
}

/// Each section's listing in each language, owned by its `_index` file's `slug`.
fn plan_sections(site: &Site, reg: &mut Registry, diags: &Diagnostics) {
    for (i, s) in site.sections.iter().enumerate() {
        for (lang, sl) in &s.langs {
            let what = format!("section `{}`", s.id);
            let owner = match sl.file.is_empty() {
                true => Owner::new(what, format!("content/{}", s.id)),
                false => Owner::new(what, sl.file.clone()).field("slug", sl.slug_line),
            };
            let target = Target::Section {
                section: i,
                lang: lang.clone(),
            };
            let path = index_file(&site.routes.section(lang, &sl.slug));
            reg.add(path, target, owner, diags);
        }
    }
}

/// Each page, its vCard and the files of its bundle.
fn plan_pages(site: &Site, reg: &mut Registry, diags: &Diagnostics) {
    for (i, p) in site.pages.iter().enumerate() {
        let owner = || {
            Owner::new(format!("page `{}/{}`", p.section, p.id), p.file.clone())
                .field("slug", p.keys.of("slug"))
        };
        reg.add(index_file(&p.url), Target::Page(i), owner(), diags);
        if p.meta.contact.is_some() {
            reg.add(site.routes.vcard(&p.url), Target::Vcard(i), owner(), diags);
        }
        for a in &p.assets {
            let file = crate::diagnostics::display_path(&site.root, a);
            let owner = Owner::new(format!("a file of page `{}/{}`", p.section, p.id), file);
            let path = format!("{}{}", p.url, bundle_path(site, p, a));
            reg.add(path, Target::PageAsset(a.clone()), owner, diags);
        }
    }
}

/// Where a bundle file goes below its page's URL: at the same path as beside the page's
/// `index.<lang>.md`, subfolders kept, so `![](img/a.png)` works and two `a.png` in different
/// folders stay two files.
fn bundle_path(site: &Site, p: &super::Page, asset: &std::path::Path) -> String {
    let bundle = site.root.join(&p.file);
    let rel = bundle
        .parent()
        .and_then(|dir| asset.strip_prefix(dir).ok())
        .map(|r| r.to_string_lossy().replace('\\', "/"));
    rel.or_else(|| asset.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// The stand-ins for missing translations, each with its page's bundle files beside it.
fn plan_fallbacks(site: &Site, reg: &mut Registry, diags: &Diagnostics) {
    for (i, lang) in site.fallbacks() {
        let p = &site.pages[i];
        let Some(url) = site.fallback_url(i, &lang) else {
            continue;
        };
        let what = format!(
            "the `{lang}` stand-in for page `{}/{}` (missing_translations: fallback)",
            p.section, p.id
        );
        let owner = Owner::new(what, p.file.clone()).field("slug", p.keys.of("slug"));
        for a in &p.assets {
            let target = Target::PageAsset(a.clone());
            let path = format!("{url}{}", bundle_path(site, p, a));
            reg.add(path, target, owner.clone(), diags);
        }
        let target = Target::Fallback { page: i, lang };
        reg.add(index_file(&url), target, owner, diags);
    }
}

/// A redirect page at each old address in `aliases:`, pointing to the page's URL.
fn plan_aliases(site: &Site, reg: &mut Registry, diags: &Diagnostics) {
    for p in &site.pages {
        for a in &p.meta.aliases {
            let line = p.keys.containing(a).or(p.keys.of("aliases"));
            let path = match alias_path(a) {
                Ok(path) => path,
                Err(why) => {
                    diags.push(
                        Diagnostic::error(&p.file, format!("alias `{a}`: {why}"))
                            .line(line)
                            .field("aliases")
                            .help(format!(
                                "write the page's old address as it was after the site's address, e.g. `/{}`",
                                p.url
                            )),
                    );
                    continue;
                }
            };
            let target = Target::Redirect {
                lang: p.lang.clone(),
                href: site.routes.href(&p.url),
            };
            let what = format!("alias `{a}` of page `{}/{}`", p.section, p.id);
            let owner = Owner::new(what, p.file.clone()).field("aliases", line);
            reg.add(path, target, owner, diags);
        }
    }
}

/// A language's feed and "New and changed" page.
fn plan_changes(routes: &Routes, lang: &str, reg: &mut Registry, diags: &Diagnostics) {
    let reserved = |what: &str| {
        Owner::new(
            format!("the {what} of `{lang}` (a URL samspil reserves)"),
            "",
        )
    };
    let feed = Target::Feed(lang.to_string());
    reg.add(routes.feed(lang), feed, reserved("feed"), diags);
    let changes = Target::Changes(lang.to_string());
    let url = index_file(&routes.changes(lang));
    reg.add(url, changes, reserved("\"New and changed\" page"), diags);
}

/// A language's search, tag and audience pages.
fn plan_generated(site: &Site, lang: &str, reg: &mut Registry, diags: &Diagnostics) {
    let routes = &site.routes;
    let segment = |what: &str| {
        Owner::new(
            format!("the {what} of `{lang}` (a URL samspil reserves)"),
            "",
        )
    };
    if site.config.search {
        let search = Target::Search(lang.to_string());
        reg.add(
            index_file(&routes.search(lang)),
            search,
            segment("search page"),
            diags,
        );
    }
    let tags = Target::TagIndex(lang.to_string());
    reg.add(
        index_file(&routes.tags(lang)),
        tags,
        segment("tag index"),
        diags,
    );
    for (slug, tag) in &site.taxonomies.lang(lang).tags {
        let first = &site.pages[tag.pages[0]];
        if slug.is_empty() {
            // Its page would be the tag index itself.
            diags.push(
                Diagnostic::error(
                    &first.file,
                    format!(
                        "tag `{}` has no letter or digit to make its address from",
                        tag.name
                    ),
                )
                .line(first.keys.containing(&tag.name).or(first.keys.of("tags")))
                .field("tags")
                .help("write the tag as a word, e.g. `tags: [tavshedspligt]`"),
            );
            continue;
        }
        let owner = Owner::new(
            format!("the page of tag `{}`", tag.name),
            first.file.clone(),
        )
        .field("tags", first.keys.containing(&tag.name));
        let target = Target::Tag {
            lang: lang.to_string(),
            slug: slug.clone(),
        };
        reg.add(
            index_file(&routes.tag(lang, &tag.name)),
            target,
            owner,
            diags,
        );
    }
    let index = Target::AudienceIndex(lang.to_string());
    reg.add(
        index_file(&routes.audiences(lang)),
        index,
        segment("audience index"),
        diags,
    );
    for a in Audience::ALL {
        let target = Target::Audience {
            lang: lang.to_string(),
            audience: a,
        };
        let what = format!("audience page `{}`", a.as_str());
        reg.add(
            index_file(&routes.audience(lang, a)),
            target,
            segment(&what),
            diags,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(file: &str) -> Owner {
        Owner::new(format!("x in {file}"), file).field("slug", Some(3))
    }

    #[test]
    fn a_second_owner_is_refused_with_both_named() {
        let diags = Diagnostics::default();
        let mut reg = Registry::default();
        reg.add(
            "da/emner/index.html".into(),
            Target::Root,
            Owner::new("the tag index", ""),
            &diags,
        );
        reg.add(
            "da/emner/index.html".into(),
            Target::Root,
            owner("content/roles/_index.da.md"),
            &diags,
        );
        let ds = diags.into_sorted();
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(d.file, "content/roles/_index.da.md");
        assert_eq!((d.line, d.field.as_deref()), (Some(3), Some("slug")));
        assert!(
            d.message.contains("the tag index") && d.message.contains("x in content/roles"),
            "{d}"
        );
        assert_eq!(reg.files.len(), 1, "the first owner keeps the path");
    }

    #[test]
    fn a_file_where_a_folder_is_needed_and_the_search_folder_are_refused() {
        let diags = Diagnostics::default();
        let mut reg = Registry::default();
        reg.add("da".into(), Target::Root, owner("static/da"), &diags);
        reg.add(
            "da/index.html".into(),
            Target::Root,
            Owner::new("home", ""),
            &diags,
        );
        reg.add(
            "search/x.js".into(),
            Target::Root,
            owner("static/search/x.js"),
            &diags,
        );
        reg.check_folders(true, &diags);
        let ds = diags.into_sorted();
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert!(ds.iter().any(|d| d.message.contains("`da`")));
        assert!(ds.iter().any(|d| d.message.contains("search index")));
    }

    #[test]
    fn urls_follow_the_languages_segments_and_base_path() {
        let cfg: crate::config::Config = serde_norway::from_str(
            "title: T\nbase_url: https://k.dk/frivillig/\nlanguages: [da, sv]\ndefault_language: da\n",
        )
        .unwrap();
        let r = Routes::new(&cfg);
        assert_eq!(r.tag("da", "Tavshedspligt"), "da/emner/tavshedspligt/");
        assert_eq!(
            r.audience("sv", Audience::Citizen),
            "sv/malgrupper/invaanare/"
        );
        assert_eq!(r.search("sv"), "sv/sok/");
        assert_eq!(r.changes("da"), "da/nyt/");
        assert_eq!(r.feed("sv"), "sv/feed.xml");
        assert!(!r.at_host_root(), "a sub-path is not the host's root");
        assert_eq!(r.href("da/"), "/frivillig/da/");
        assert_eq!(r.absolute("da/"), "https://k.dk/frivillig/da/");
    }

    #[test]
    fn aliases_become_folder_or_html_files_and_odd_ones_say_why() {
        let ok = |a: &str| alias_path(a).unwrap();
        assert_eq!(ok("/da/roller/gammel/"), "da/roller/gammel/index.html");
        assert_eq!(ok("/da/roller/gammel"), "da/roller/gammel/index.html");
        assert_eq!(ok("/gammel-side.html"), "gammel-side.html");
        assert_eq!(ok("/da/ældre/"), "da/ældre/index.html");
        for bad in [
            "da/x/",
            "/",
            "/da/../x/",
            "/da//x/",
            "/x?y=1",
            "/x#a",
            "/a b/",
            "/x.php",
            "/x.html/",
        ] {
            let why = alias_path(bad).unwrap_err();
            assert!(!why.is_empty(), "{bad}");
        }
    }
}
