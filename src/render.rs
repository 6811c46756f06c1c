//! Rendering: builds each output page's template context and renders it with tera.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::{AccessibilityInfo, Audience, ContactInfo, Kind, RoleInfo, Source};
use crate::i18n::Strings;
use crate::markdown::{Rendered, TocEntry, slugify};
use crate::site::{Page, Site};
use crate::theme::Theme;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "home.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "terms.html",
    "search.html",
    "404.html",
    "root.html",
    "redirect.html",
];

pub fn load_templates(theme: &Theme, root: &Path, diags: &Diagnostics) -> Option<tera::Tera> {
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (name, f) in theme.under("templates") {
        sources.insert(
            name,
            (
                f.origin.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            ),
        );
    }
    // The site's own templates override the theme's of the same name.
    let site_dir = root.join("templates");
    if site_dir.is_dir() {
        for e in walkdir::WalkDir::new(&site_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() {
                let name = e
                    .path()
                    .strip_prefix(&site_dir)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let origin = crate::diagnostics::display_path(root, e.path());
                match std::fs::read_to_string(e.path()) {
                    Ok(t) => {
                        sources.insert(name, (origin, t));
                    }
                    Err(err) => {
                        diags.push(Diagnostic::error(origin, format!("cannot read: {err}")))
                    }
                }
            }
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut ok = true;
    // Added together because templates include and extend each other; the error names the
    // template, which we map back to the file it came from.
    if let Err(e) = tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    ) {
        ok = false;
        let msg = format!("{e} {e:?}");
        let origin = sources
            .iter()
            .find(|(name, _)| {
                msg.contains(&format!("--> {name}:")) || msg.contains(&format!("`{name}`"))
            })
            .map(|(_, (o, _))| o.as_str())
            .unwrap_or("templates");
        diags.push(template_error(origin, &e));
    }
    for r in REQUIRED_TEMPLATES {
        if !sources.contains_key(*r) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    format!("templates/{r}"),
                    format!("template `{r}` is missing"),
                )
                .help("add it to the theme or to the site's templates/ folder"),
            );
        }
    }
    ok.then_some(tera)
}

pub fn template_error(origin: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    // tera reports "line:col" inside its message; lift it into the diagnostic when present.
    let mut d = Diagnostic::error(origin, msg.trim().to_string());
    if let Some((line, col)) = find_line_col(&msg) {
        d = d.at(line, col);
    }
    d.help("fix the template syntax (tera: https://keats.github.io/tera/docs/)")
}

fn find_line_col(msg: &str) -> Option<(usize, usize)> {
    // Accepts "--> 3:14" or "line 3, column 14" styles.
    if let Some(i) = msg.find("--> ") {
        let rest = &msg[i + 4..];
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let l = it.next()?.parse().ok()?;
        let c = it.next()?.parse().ok()?;
        return Some((l, c));
    }
    None
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct LangLink {
    code: String,
    name: String,
    url: String,
    current: bool,
    missing: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// What every template gets.
#[derive(Serialize)]
struct Common<'a> {
    lang: &'a str,
    site_title: String,
    site_description: String,
    base_path: String,
    nav: Vec<NavItem>,
    footer: Vec<Link>,
    switcher: Vec<LangLink>,
    alternates: Vec<Alternate>,
    canonical: String,
    title: String,
    description: String,
    breadcrumbs: Vec<Link>,
    home_url: String,
    search_url: String,
    live_reload: bool,
    body_class: String,
}

#[derive(Serialize, Clone)]
pub struct Card {
    title: String,
    url: String,
    summary: String,
    kind: &'static str,
    kind_label: String,
    lang: String,
    updated: String,
}

#[derive(Serialize)]
struct ContactView<'a> {
    #[serde(flatten)]
    info: &'a ContactInfo,
    tel: String,
    languages_named: Vec<String>,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    summary: &'a str,
    kind: &'static str,
    kind_label: String,
    content: &'a str,
    toc: &'a [TocEntry],
    updated: String,
    review_by: String,
    source: &'a Option<Source>,
    country: String,
    municipality: &'a Option<String>,
    tags: Vec<Link>,
    audience: Vec<Link>,
    role: &'a Option<RoleInfo>,
    contact: Option<ContactView<'a>>,
    accessibility: &'a Option<AccessibilityInfo>,
    checklist_items: usize,
    checklist_key: String,
    related: Vec<Card>,
    related_checklists: Vec<Card>,
    related_contacts: Vec<Card>,
    prev: Option<Link>,
    next: Option<Link>,
    vcard_url: String,
    json_ld: String,
    section_title: String,
    section_url: String,
}

/// Everything the renderer needs that does not change from page to page.
pub struct Renderer<'a> {
    pub site: &'a Site,
    tera: tera::Tera,
    strings: BTreeMap<String, Strings>,
    live_reload: bool,
    rendered: &'a [Rendered],
    /// Pages of each (section, language) in order, computed once: prev/next and listings
    /// would otherwise scan every page for every page.
    siblings: std::collections::HashMap<(&'a str, &'a str), Vec<usize>>,
    /// `t` and `assets` for the templates, converted to tera values once (see `insert_shared`).
    strings_value: BTreeMap<String, tera::Value>,
    assets_value: tera::Value,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        tera: tera::Tera,
        strings: BTreeMap<String, Strings>,
        assets: BTreeMap<String, String>,
        live_reload: bool,
        rendered: &'a [Rendered],
    ) -> Self {
        let strings_value = strings
            .iter()
            .map(|(l, s)| (l.clone(), tera::Value::from_serializable(s)))
            .collect();
        let assets_value = tera::Value::from_serializable(&assets);
        Renderer {
            site,
            tera,
            strings,
            live_reload,
            rendered,
            siblings: siblings(site),
            strings_value,
            assets_value,
        }
    }
}

/// Indexes the site's pages by (section, language), in site order.
fn siblings(site: &Site) -> std::collections::HashMap<(&str, &str), Vec<usize>> {
    let mut m: std::collections::HashMap<(&str, &str), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        m.entry((p.section.as_str(), p.lang.as_str()))
            .or_default()
            .push(i);
    }
    m
}

impl<'a> Renderer<'a> {
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.strings
            .get(lang)
            .and_then(|s| s.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn base(&self) -> String {
        self.site.config.base_path()
    }

    fn abs(&self, rel: &str) -> String {
        format!("{}{rel}", self.site.config.base_url)
    }

    pub fn kind_label(&self, lang: &str, kind: Kind) -> String {
        self.t(lang, &format!("kind_{}", kind.as_str()))
    }

    pub fn tags_url(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.t(lang, "url_tags"))
    }
    pub fn tag_url(&self, lang: &str, tag: &str) -> String {
        format!("{}{}/", self.tags_url(lang), slugify(tag))
    }
    pub fn audience_url(&self, lang: &str, a: Audience) -> String {
        format!(
            "{lang}/{}/{}/",
            self.t(lang, "url_audience"),
            slugify(&self.t(lang, &format!("audience_{}", a.as_str())))
        )
    }
    pub fn search_url(&self, lang: &str) -> String {
        format!("{lang}/{}/", self.t(lang, "url_search"))
    }

    pub fn card(&self, i: usize) -> Card {
        let p = &self.site.pages[i];
        Card {
            title: p.meta.title.clone(),
            url: format!("{}{}", self.base(), p.url),
            summary: p.meta.summary.clone(),
            kind: p.kind.as_str(),
            kind_label: self.kind_label(&p.lang, p.kind),
            lang: p.lang.clone(),
            updated: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// `urls` maps each language to this output's URL in it (relative), or None where the
    /// translation is missing.
    // Each argument is a distinct part of the page head; a struct for one private call site
    // would only rename them.
    #[allow(clippy::too_many_arguments)]
    fn common<'s>(
        &'s self,
        lang: &'s str,
        urls: &BTreeMap<String, Option<String>>,
        title: &str,
        description: &str,
        crumbs: Vec<Link>,
        current_section: Option<&str>,
        body_class: &str,
    ) -> Common<'s> {
        let site = self.site;
        let base = self.base();
        let nav = site
            .sections
            .iter()
            .filter_map(|s| {
                let sl = s.langs.get(lang)?;
                Some(NavItem {
                    title: sl.title.clone(),
                    url: format!("{base}{lang}/{}/", sl.slug),
                    current: current_section == Some(s.id.as_str()),
                })
            })
            .collect();
        let footer = site
            .config
            .footer
            .iter()
            .filter_map(|f| {
                let r = site.resolve(lang, f.strip_prefix("@/").unwrap_or(f)).ok()?;
                let title = r
                    .page
                    .map(|i| site.pages[i].meta.title.clone())
                    .unwrap_or_default();
                Some(Link { title, url: r.url })
            })
            .collect();
        let switcher = site
            .config
            .languages
            .iter()
            .map(|l| {
                let (url, missing) = match urls.get(l).cloned().flatten() {
                    Some(u) => (format!("{base}{u}"), false),
                    // Never a silent 404: the language's home explains that this page is not translated.
                    None => (format!("{base}{l}/#{}", "untranslated"), true),
                };
                LangLink {
                    code: l.clone(),
                    name: self.t(l, "lang_name"),
                    url,
                    current: l == lang,
                    missing,
                }
            })
            .collect();
        let mut alternates: Vec<Alternate> = urls
            .iter()
            .filter_map(|(l, u)| {
                u.as_ref().map(|u| Alternate {
                    hreflang: l.clone(),
                    href: self.abs(u),
                })
            })
            .collect();
        if !alternates.is_empty() {
            let default = &site.config.default_language;
            let x = urls
                .get(default)
                .cloned()
                .flatten()
                .map(|u| self.abs(&u))
                .unwrap_or_else(|| self.abs(""));
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: x,
            });
        }
        let here = urls.get(lang).cloned().flatten().unwrap_or_default();
        let site_title = site.config.title(lang);
        Common {
            lang,
            title: if title == site_title {
                title.to_string()
            } else {
                format!("{title} – {site_title}")
            },
            site_title,
            site_description: site.config.description(lang),
            base_path: base.clone(),
            nav,
            footer,
            switcher,
            alternates,
            canonical: self.abs(&here),
            description: description.to_string(),
            breadcrumbs: crumbs,
            home_url: format!("{base}{lang}/"),
            search_url: format!("{base}{}", self.search_url(lang)),
            live_reload: self.live_reload,
            body_class: body_class.to_string(),
        }
    }

    fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(&format!("templates/{template}"), &e))
    }

    fn with<T: Serialize>(&self, common: &Common, key: &'static str, value: &T) -> tera::Context {
        let mut ctx = tera::Context::from_serialize(common).unwrap_or_default();
        self.insert_shared(&mut ctx, common.lang);
        ctx.insert(key, value);
        ctx
    }

    /// Adds `t` (the language's UI strings) and `assets`. They are the same on every page of a
    /// language, so they are converted to tera values once (in `new`) and shared: tera values
    /// are reference-counted, and converting them for each page was a tenth of render time.
    fn insert_shared(&self, ctx: &mut tera::Context, lang: &str) {
        if let Some(t) = self.strings_value.get(lang) {
            ctx.insert_value("t", t.clone());
        }
        ctx.insert_value("assets", self.assets_value.clone());
    }

    fn crumbs_home(&self, lang: &str) -> Vec<Link> {
        vec![Link {
            title: self.t(lang, "home"),
            url: format!("{}{lang}/", self.base()),
        }]
    }

    pub fn page(&self, i: usize) -> Result<String, Diagnostic> {
        let site = self.site;
        let p: &Page = &site.pages[i];
        let lang = p.lang.as_str();
        let r = &self.rendered[i];
        let section = site.section(&p.section).expect("page's section exists");
        let sl = &section.langs[lang];
        let mut crumbs = self.crumbs_home(lang);
        crumbs.push(Link {
            title: sl.title.clone(),
            url: format!("{}{lang}/{}/", self.base(), sl.slug),
        });
        let urls: BTreeMap<String, Option<String>> = site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    site.page(&p.section, &p.id, l)
                        .map(|j| site.pages[j].url.clone()),
                )
            })
            .collect();
        let common = self.common(
            lang,
            &urls,
            &p.meta.title,
            &p.meta.summary,
            crumbs,
            Some(&p.section),
            &format!("kind-{}", p.kind.as_str()),
        );

        let siblings: &[usize] = self
            .siblings
            .get(&(p.section.as_str(), lang))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let pos = siblings.iter().position(|&j| j == i).unwrap_or(0);
        let link = |j: usize| Link {
            title: site.pages[j].meta.title.clone(),
            url: format!("{}{}", self.base(), site.pages[j].url),
        };

        let related: Vec<usize> = p
            .meta
            .related
            .iter()
            .filter_map(|r| {
                site.resolve(lang, r.strip_prefix("@/").unwrap_or(r))
                    .ok()?
                    .page
            })
            .collect();
        let by_kind = |k: Kind| -> Vec<Card> {
            let mut v: Vec<usize> = related
                .iter()
                .copied()
                .filter(|&j| site.pages[j].kind == k)
                .collect();
            // Then pages of that kind that share a tag, so a role lists its checklists and contacts
            // even when the author did not name them.
            for (j, q) in site.pages.iter().enumerate() {
                if v.len() >= 6 {
                    break;
                }
                if q.lang == p.lang
                    && q.kind == k
                    && j != i
                    && !v.contains(&j)
                    && q.meta.tags.iter().any(|t| p.meta.tags.contains(t))
                {
                    v.push(j);
                }
            }
            v.into_iter().map(|j| self.card(j)).collect()
        };
        let is_role = p.kind == Kind::Role;
        let page_abs = self.abs(&p.url);
        let view = PageView {
            title: &p.meta.title,
            summary: &p.meta.summary,
            kind: p.kind.as_str(),
            kind_label: self.kind_label(lang, p.kind),
            content: &r.html,
            toc: &r.toc,
            updated: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
            review_by: p.meta.review_by.map(|d| d.to_string()).unwrap_or_default(),
            source: &p.meta.source,
            country: p
                .meta
                .country
                .map(|c| self.t(lang, &format!("country_{c:?}")))
                .unwrap_or_default(),
            municipality: &p.meta.municipality,
            tags: p
                .meta
                .tags
                .iter()
                .map(|t| Link {
                    title: t.clone(),
                    url: format!("{}{}", self.base(), self.tag_url(lang, t)),
                })
                .collect(),
            audience: p
                .meta
                .audience
                .iter()
                .map(|a| Link {
                    title: self.t(lang, &format!("audience_{}", a.as_str())),
                    url: format!("{}{}", self.base(), self.audience_url(lang, *a)),
                })
                .collect(),
            role: &p.meta.role,
            contact: p.meta.contact.as_ref().map(|c| ContactView {
                info: c,
                tel: c
                    .phone
                    .as_deref()
                    .map(crate::contact::tel_uri)
                    .unwrap_or_default(),
                languages_named: c
                    .languages
                    .iter()
                    .map(|l| self.t(lang, &format!("language_{l}")))
                    .collect(),
            }),
            accessibility: &p.meta.accessibility,
            checklist_items: r.checklist_items,
            checklist_key: format!("samspil-checklist:{}", p.url),
            related: related.iter().map(|&j| self.card(j)).collect(),
            related_checklists: if is_role {
                by_kind(Kind::Checklist)
            } else {
                vec![]
            },
            related_contacts: if is_role {
                by_kind(Kind::Contact)
            } else {
                vec![]
            },
            prev: pos.checked_sub(1).map(|k| link(siblings[k])),
            next: siblings.get(pos + 1).map(|&j| link(j)),
            vcard_url: if p.meta.contact.is_some() {
                format!("{}{}contact.vcf", self.base(), p.url)
            } else {
                String::new()
            },
            json_ld: p
                .meta
                .contact
                .as_ref()
                .map(|c| crate::contact::json_ld(c, &p.meta.title, &p.meta.summary, &page_abs))
                .unwrap_or_default(),
            section_title: sl.title.clone(),
            section_url: format!("{}{lang}/{}/", self.base(), sl.slug),
        };
        self.render("page.html", &self.with(&common, "page", &view))
    }

    pub fn section(&self, s: usize, lang: &str, body_html: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let section = &site.sections[s];
        let sl = &section.langs[lang];
        let urls: BTreeMap<String, Option<String>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), site.section_url(&section.id, l)))
            .collect();
        let common = self.common(
            lang,
            &urls,
            &sl.title,
            &sl.description,
            self.crumbs_home(lang),
            Some(&section.id),
            &format!("section-{}", section.id),
        );
        let pages: Vec<Card> = self
            .siblings
            .get(&(section.id.as_str(), lang))
            .into_iter()
            .flatten()
            .map(|&j| self.card(j))
            .collect();
        #[derive(Serialize)]
        struct View<'v> {
            id: &'v str,
            title: &'v str,
            description: &'v str,
            content: &'v str,
            pages: Vec<Card>,
            default_kind: &'static str,
        }
        let view = View {
            id: &section.id,
            title: &sl.title,
            description: &sl.description,
            content: body_html,
            pages,
            default_kind: section.default_kind.as_str(),
        };
        self.render("section.html", &self.with(&common, "section", &view))
    }

    pub fn home(&self, lang: &str, body_html: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let urls: BTreeMap<String, Option<String>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), Some(format!("{l}/"))))
            .collect();
        let home = site.homes.get(lang);
        let title = home
            .map(|h| h.meta.title.clone())
            .unwrap_or_else(|| site.config.title(lang));
        let description = home
            .map(|h| h.meta.description.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| site.config.description(lang));
        let mut common = self.common(lang, &urls, &title, &description, vec![], None, "home");
        // The root language chooser is the x-default of every language's home page.
        if let Some(x) = common
            .alternates
            .iter_mut()
            .find(|a| a.hreflang == "x-default")
        {
            x.href = self.abs("");
        }
        #[derive(Serialize)]
        struct SectionCard {
            title: String,
            url: String,
            description: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'v> {
            title: String,
            content: &'v str,
            sections: Vec<SectionCard>,
            audiences: Vec<Link>,
        }
        let sections = site
            .sections
            .iter()
            .map(|s| {
                let sl = &s.langs[lang];
                SectionCard {
                    title: sl.title.clone(),
                    url: format!("{}{lang}/{}/", self.base(), sl.slug),
                    description: sl.description.clone(),
                    count: site
                        .pages
                        .iter()
                        .filter(|p| p.section == s.id && p.lang == lang)
                        .count(),
                }
            })
            .collect();
        let audiences = Audience::ALL
            .iter()
            .map(|a| Link {
                title: self.t(lang, &format!("audience_{}_long", a.as_str())),
                url: format!("{}{}", self.base(), self.audience_url(lang, *a)),
            })
            .collect();
        let view = View {
            title,
            content: body_html,
            sections,
            audiences,
        };
        self.render("home.html", &self.with(&common, "home", &view))
    }

    /// A list of pages sharing a tag or an audience.
    pub fn taxonomy(
        &self,
        lang: &str,
        urls: &BTreeMap<String, Option<String>>,
        title: &str,
        parent: Link,
        pages: &[usize],
    ) -> Result<String, Diagnostic> {
        let mut crumbs = self.crumbs_home(lang);
        crumbs.push(parent);
        let common = self.common(lang, urls, title, title, crumbs, None, "taxonomy");
        #[derive(Serialize)]
        struct View<'v> {
            title: &'v str,
            pages: Vec<Card>,
        }
        let view = View {
            title,
            pages: pages.iter().map(|&j| self.card(j)).collect(),
        };
        self.render("taxonomy.html", &self.with(&common, "taxonomy", &view))
    }

    /// The list of all tags (or audiences) of a language.
    pub fn terms(
        &self,
        lang: &str,
        urls: &BTreeMap<String, Option<String>>,
        title: &str,
        terms: Vec<(Link, usize)>,
    ) -> Result<String, Diagnostic> {
        let common = self.common(
            lang,
            urls,
            title,
            title,
            self.crumbs_home(lang),
            None,
            "terms",
        );
        #[derive(Serialize)]
        struct Term {
            title: String,
            url: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'v> {
            title: &'v str,
            terms: Vec<Term>,
        }
        let view = View {
            title,
            terms: terms
                .into_iter()
                .map(|(l, count)| Term {
                    title: l.title,
                    url: l.url,
                    count,
                })
                .collect(),
        };
        self.render("terms.html", &self.with(&common, "terms", &view))
    }

    pub fn search_page(&self, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let urls: BTreeMap<String, Option<String>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), Some(self.search_url(l))))
            .collect();
        let title = self.t(lang, "search_title");
        let common = self.common(
            lang,
            &urls,
            &title,
            &title,
            self.crumbs_home(lang),
            None,
            "search",
        );
        #[derive(Serialize)]
        struct View {
            sections: Vec<Link>,
            kinds: Vec<Link>,
        }
        let sections = site
            .sections
            .iter()
            .map(|s| Link {
                title: s.langs[lang].title.clone(),
                url: format!("{}{lang}/{}/", self.base(), s.langs[lang].slug),
            })
            .collect();
        let kinds = [
            Kind::Principle,
            Kind::Role,
            Kind::Checklist,
            Kind::Contact,
            Kind::Page,
        ]
        .iter()
        .map(|k| Link {
            title: self.kind_label(lang, *k),
            url: k.as_str().to_string(),
        })
        .collect();
        self.render(
            "search.html",
            &self.with(&common, "search", &View { sections, kinds }),
        )
    }

    pub fn not_found(&self, lang: &str) -> Result<String, Diagnostic> {
        let urls: BTreeMap<String, Option<String>> = BTreeMap::new();
        let title = self.t(lang, "not_found_title");
        let common = self.common(lang, &urls, &title, &title, vec![], None, "not-found");
        let homes: Vec<Link> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| Link {
                title: self.t(l, "not_found_home"),
                url: format!("{}{l}/", self.base()),
            })
            .collect();
        self.render("404.html", &self.with(&common, "homes", &homes))
    }

    /// The root language chooser.
    pub fn root(&self) -> Result<String, Diagnostic> {
        let site = self.site;
        let lang = site.config.default_language.as_str();
        let urls: BTreeMap<String, Option<String>> = BTreeMap::new();
        let title = site.config.title(lang);
        let mut common = self.common(
            lang,
            &urls,
            &title,
            &site.config.description(lang),
            vec![],
            None,
            "root",
        );
        common.canonical = self.abs("");
        common.alternates = site
            .config
            .languages
            .iter()
            .map(|l| Alternate {
                hreflang: l.clone(),
                href: self.abs(&format!("{l}/")),
            })
            .collect();
        common.alternates.push(Alternate {
            hreflang: "x-default".into(),
            href: self.abs(""),
        });
        #[derive(Serialize)]
        struct Choice {
            code: String,
            name: String,
            title: String,
            intro: String,
            url: String,
        }
        let choices: Vec<Choice> = site
            .config
            .languages
            .iter()
            .map(|l| Choice {
                code: l.clone(),
                name: self.t(l, "lang_name"),
                title: site.config.title(l),
                intro: self.t(l, "choose_language_intro"),
                url: format!("{}{l}/", self.base()),
            })
            .collect();
        self.render("root.html", &self.with(&common, "choices", &choices))
    }

    pub fn redirect(&self, lang: &str, target: &str) -> Result<String, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("target", target);
        self.insert_shared(&mut ctx, lang);
        self.render("redirect.html", &ctx)
    }
}
