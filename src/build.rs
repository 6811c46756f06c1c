//! The build pipeline: load → validate → render → index → write.

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::frontmatter::{Audience, Date};
use crate::markdown::{self, Rendered};
use crate::output::Output;
use crate::render::{Link, Renderer};
use crate::site::{self, Site};
use crate::theme::Theme;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Inject the live-reload script (serve mode only).
    pub live_reload: bool,
    /// Validate only: render in memory, write nothing (`samspil check`).
    pub dry_run: bool,
    /// The date stale content is judged against; today when None.
    pub today: Option<Date>,
    /// Show a progress bar (the CLI sets it when stderr is a terminal).
    pub progress: bool,
    /// `samspil serve`: keep the output in memory (`BuildReport::memory`), unminified and
    /// without the search index, so a rebuild takes milliseconds.
    pub in_memory: bool,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub pages_per_language: BTreeMap<String, usize>,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub search_millis: u128,
    /// The output files of an `in_memory` build, keyed by path.
    pub memory: BTreeMap<String, Vec<u8>>,
}

impl BuildReport {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
    pub fn summary(&self) -> String {
        let per: Vec<String> = self
            .pages_per_language
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        format!(
            "{} pages ({}), {} files, {:.1} MB in {:.2} s (search {} ms) → {}",
            self.pages_per_language.values().sum::<usize>(),
            per.join(", "),
            self.files,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.search_millis,
            self.output.display()
        )
    }
}

pub fn today() -> Date {
    if let Some(d) = std::env::var("SAMSPIL_TODAY")
        .ok()
        .and_then(|s| Date::parse(&s))
    {
        return d;
    }
    Date(time::OffsetDateTime::now_utc().date())
}

/// Loads and validates the site and renders every page's Markdown. Shared by build and check.
pub struct Loaded {
    pub site: Site,
    pub rendered: Vec<Rendered>,
    pub section_html: BTreeMap<(usize, String), String>,
    pub home_html: BTreeMap<String, String>,
    pub theme: Theme,
}

impl Loaded {
    /// The search index's documents, one per page. Each page's plain-text sections are moved
    /// into them, not copied (only the search index reads them; on a large site they are tens
    /// of MB), so call this once.
    pub fn search_documents(&mut self) -> Vec<search_index::Document> {
        let texts = self
            .rendered
            .iter_mut()
            .map(|r| std::mem::take(&mut r.sections))
            .collect();
        crate::search::documents(&self.site, texts)
    }
}

/// Prints how long a build phase took when `SAMSPIL_TIMINGS` is set (for benchmarks).
fn phase(name: &str, since: Instant) {
    if std::env::var_os("SAMSPIL_TIMINGS").is_some() {
        eprintln!(
            "timing: {name} {:.0} ms",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
}

pub fn load(opts: &BuildOptions, diags: &Diagnostics) -> Option<Loaded> {
    let mut config = match Config::load(&opts.root) {
        Ok(c) => c,
        Err(ds) => {
            diags.extend(ds);
            return None;
        }
    };
    if let Some(b) = &opts.base_url {
        config.base_url = if b.ends_with('/') {
            b.clone()
        } else {
            format!("{b}/")
        };
    }
    let theme = match Theme::load(&opts.root, &config.theme) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let t = Instant::now();
    let content = content::load(&opts.root, &config, diags);
    phase("load: read and parse", t);
    let t = Instant::now();
    let mut site = site::assemble(
        config,
        opts.root.clone(),
        content,
        opts.today.unwrap_or_else(today),
        diags,
    );

    phase("load: validate and assemble", t);
    let t = Instant::now();
    let rendered: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|p| {
            let src = markdown::Source {
                file: &p.file,
                body: &p.body,
                body_line: p.body_line,
            };
            markdown::render(&src, &|path| site.resolve(&p.lang, path))
        })
        .collect();
    for (i, r) in rendered.iter().enumerate() {
        let p = &site.pages[i];
        diags.extend(r.problems.iter().cloned());
        for a in &r.anchors {
            if !rendered[a.target].heading_ids.contains(&a.anchor) {
                let t = &site.pages[a.target];
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        format!("anchor `#{}` does not exist in {}", a.anchor, t.file),
                    )
                    .at(a.line, 1)
                    .field("link")
                    .help(format!(
                        "headings there have the ids: {}",
                        rendered[a.target].heading_ids.join(", ")
                    )),
                );
            }
        }
        if p.kind == crate::frontmatter::Kind::Checklist && r.checklist_items == 0 {
            diags.push(
                Diagnostic::error(&p.file, "a checklist has no items")
                    .line(Some(p.body_line))
                    .help("write the items as a Markdown task list: `- [ ] Do this`"),
            );
        }
    }
    phase("markdown", t);
    // The Markdown source is not needed after this; on a large site it is tens of MB.
    for p in &mut site.pages {
        p.body = String::new();
    }
    let mut section_html = BTreeMap::new();
    for (i, s) in site.sections.iter().enumerate() {
        for (lang, sl) in &s.langs {
            let src = markdown::Source {
                file: &sl.file,
                body: &sl.body,
                body_line: sl.body_line,
            };
            let r = markdown::render(&src, &|path| site.resolve(lang, path));
            diags.extend(r.problems);
            section_html.insert((i, lang.clone()), r.html);
        }
    }
    let mut home_html = BTreeMap::new();
    for (lang, h) in &site.homes {
        let src = markdown::Source {
            file: &h.file,
            body: &h.body,
            body_line: h.body_line,
        };
        let r = markdown::render(&src, &|path| site.resolve(lang, path));
        diags.extend(r.problems);
        home_html.insert(lang.clone(), r.html);
    }
    Some(Loaded {
        site,
        rendered,
        section_html,
        home_html,
        theme,
    })
}

/// Runs the whole build. On any error nothing is written and the previous output stays.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let start = Instant::now();
    let diags = Diagnostics::default();
    let mut report = BuildReport {
        output: opts
            .output
            .clone()
            .unwrap_or_else(|| opts.root.join("public")),
        ..Default::default()
    };
    let loaded = load(opts, &diags);
    if let Some(l) = &loaded {
        for p in &l.site.pages {
            *report.pages_per_language.entry(p.lang.clone()).or_default() += 1;
        }
    }
    let result = match loaded {
        Some(mut l) if !diags.has_errors() => {
            let docs = l.search_documents();
            write_site(opts, &l, docs, &diags, &mut report)
        }
        _ => Ok(()),
    };
    if let Err(d) = result {
        diags.push(d);
    }
    report.diagnostics = diags.into_sorted();
    report.elapsed = start.elapsed();
    report
}

fn hash10(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    h.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

fn io_err(what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(what, format!("cannot write the output: {e}"))
        .help("check that the output folder's parent exists and is writable")
}

fn write_site(
    opts: &BuildOptions,
    l: &Loaded,
    docs: Vec<search_index::Document>,
    diags: &Diagnostics,
    report: &mut BuildReport,
) -> Result<(), Diagnostic> {
    let site = &l.site;
    let root_s = site.root.display().to_string();
    let strings = crate::i18n::load(
        &l.theme,
        &site.config.languages,
        &site.config.default_language,
        diags,
    );

    // Theme static files: CSS and JS get a content hash in their names for safe long caching.
    let base = site.config.base_path();
    let mut assets: BTreeMap<String, String> = BTreeMap::new();
    let mut static_files: Vec<(String, Vec<u8>)> = Vec::new();
    for (rel, f) in l.theme.under("static") {
        let out_rel = match rel.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js"))) => format!("{stem}.{}.{ext}", hash10(&f.bytes)),
            _ => rel.clone(),
        };
        assets.insert(rel.clone(), format!("{base}{out_rel}"));
        static_files.push((out_rel, f.bytes.clone()));
    }

    // Template errors are already in `diags`; the build stops here with them.
    let Some(tera) = crate::render::load_templates(&l.theme, &site.root, diags) else {
        return Ok(());
    };
    let r = Renderer::new(site, tera, strings, assets, opts.live_reload, &l.rendered);

    let bar = progress_bar(
        opts.progress && site.pages.len() > 300,
        site.pages.len() as u64,
    );
    let minify = site.config.minify && !opts.in_memory;
    let finish = |html: String| -> Vec<u8> {
        if minify {
            minify_html(html)
        } else {
            html.into_bytes()
        }
    };

    // Pages are written as soon as they are rendered, so a large site never holds all of its
    // HTML in memory at once. A check (dry run) renders everything and writes nothing.
    let out = match opts.dry_run {
        true => None,
        false if opts.in_memory => Some(Output::in_memory()),
        false => Some(
            Output::create(&report.output)
                .map_err(|e| io_err(&report.output.display().to_string(), e))?,
        ),
    };
    // The search index needs only the documents, not the pages: it is built on its own threads
    // while the pages render, so neither waits for the other's serial stretches.
    let search_dir = out
        .as_ref()
        .filter(|_| site.config.search && !opts.in_memory)
        .map(|o| o.dir().join("search"));
    let write = |rel: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        match &out {
            Some(o) => o.write(rel, bytes).map_err(|e| io_err(rel, e)),
            None => Ok(()),
        }
    };
    let render_all = || -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let t = Instant::now();
        site.pages.par_iter().enumerate().try_for_each(|(i, p)| {
            let html = r.page(i)?;
            bar.inc(1);
            write(&format!("{}index.html", p.url), &finish(html))
        })?;
        bar.finish_and_clear();
        phase("pages: render, minify, write", t);
        let t = Instant::now();

        let pages = listing_pages(&r, l, &finish)?;
        phase("listings, homes, taxonomies", t);
        Ok(pages)
    };
    let (pages, search) = std::thread::scope(|scope| {
        let search = search_dir.map(|dir| {
            scope.spawn(move || {
                let t = Instant::now();
                let r = search_index::write_site_search(&docs, &site.config.languages, &dir);
                phase("search index", t);
                (r, t.elapsed())
            })
        });
        let pages = render_all();
        (pages, search.map(|h| h.join()))
    });
    let pages = pages?;
    if let Some(joined) = search {
        let (r, took) = joined.map_err(|_| {
            Diagnostic::error(
                "search",
                "building the search index failed: a thread panicked",
            )
        })?;
        r.map_err(|e| {
            Diagnostic::error("search", format!("building the search index failed: {e}"))
        })?;
        report.search_millis = took.as_millis();
    }

    let Some(mut out) = out else { return Ok(()) };
    let t_tail = Instant::now();
    for (rel, bytes) in static_files {
        out.write(&rel, &bytes).map_err(|e| io_err(&rel, e))?;
    }
    copy_site_static(site, &out)?;
    for (rel, bytes) in &pages {
        out.write(rel, bytes).map_err(|e| io_err(rel, e))?;
    }
    for p in &site.pages {
        if let Some(c) = &p.meta.contact {
            let abs = format!("{}{}", site.config.base_url, p.url);
            out.write(
                &format!("{}contact.vcf", p.url),
                crate::contact::vcard(c, &p.meta.title, &p.lang, &abs).as_bytes(),
            )
            .map_err(|e| io_err(&p.file, e))?;
        }
        for a in &p.assets {
            let name = a
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.copy(&format!("{}{name}", p.url), a)
                .map_err(|e| io_err(&root_s, e))?;
        }
    }
    out.write("sitemap.xml", crate::sitemap::sitemap(&r).as_bytes())
        .map_err(|e| io_err("sitemap.xml", e))?;
    out.write(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        )
        .as_bytes(),
    )
    .map_err(|e| io_err("robots.txt", e))?;

    phase("static files, vCards, sitemap", t_tail);
    report.files = out.files();
    report.bytes = out.bytes();
    report.memory = out.take_memory();
    out.commit()
        .map_err(|e| io_err(&report.output.display().to_string(), e))?;
    Ok(())
}

type Finish<'f> = dyn Fn(String) -> Vec<u8> + Sync + 'f;

/// Listings, homes, search, taxonomy, root and redirect pages, rendered (not yet written):
/// fewer than the pages, but each lists many of them, so they are rendered in parallel too
/// (one job per section and language, one per language).
fn listing_pages(
    r: &Renderer,
    l: &Loaded,
    finish: &Finish,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let site = r.site;
    let listing = |(i, lang): (usize, &String)| -> Result<(String, Vec<u8>), Diagnostic> {
        let body = l
            .section_html
            .get(&(i, lang.clone()))
            .map(String::as_str)
            .unwrap_or("");
        let slug = &site.sections[i].langs[lang].slug;
        Ok((
            format!("{lang}/{slug}/index.html"),
            finish(r.section(i, lang, body)?),
        ))
    };
    let per_language = |lang: &String| -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let body = l.home_html.get(lang).map(String::as_str).unwrap_or("");
        let mut v = vec![
            (format!("{lang}/index.html"), finish(r.home(lang, body)?)),
            (format!("{lang}/404.html"), finish(r.not_found(lang)?)),
        ];
        if site.config.search {
            v.push((
                format!("{}index.html", r.search_url(lang)),
                finish(r.search_page(lang)?),
            ));
        }
        v.extend(taxonomies(r, lang, finish)?);
        Ok(v)
    };
    let section_langs: Vec<(usize, &String)> = site
        .sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.langs.keys().map(move |lang| (i, lang)))
        .collect();
    let (listings, languages) = rayon::join(
        || {
            section_langs
                .par_iter()
                .map(|&job| listing(job))
                .collect::<Result<Vec<_>, Diagnostic>>()
        },
        || {
            site.config
                .languages
                .par_iter()
                .map(per_language)
                .collect::<Result<Vec<_>, Diagnostic>>()
        },
    );
    let mut pages = listings?;
    pages.extend(languages?.into_iter().flatten());
    pages.push(("index.html".into(), finish(r.root()?)));
    let default = &site.config.default_language;
    pages.push(("404.html".into(), finish(r.not_found(default)?)));
    for (from, to) in &site.config.redirects {
        let (lang, path) = match to
            .strip_prefix("@/")
            .and_then(|p| p.strip_suffix(".md"))
            .and_then(|p| p.rsplit_once('.'))
        {
            Some((_, l)) if site.config.languages.contains(&l.to_string()) => {
                (l.to_string(), to.strip_prefix("@/").unwrap_or(to))
            }
            _ => (default.clone(), to.strip_prefix("@/").unwrap_or(to)),
        };
        let target = site.resolve(&lang, path).map_err(|(m, h)| {
            Diagnostic::error(crate::config::CONFIG_FILE, m)
                .field(format!("redirects.{from}"))
                .help(h)
        })?;
        let from = from.trim_matches('/');
        pages.push((
            format!("{from}/index.html"),
            finish(r.redirect(&lang, &target.url)?),
        ));
    }

    Ok(pages)
}

fn taxonomies(
    r: &Renderer,
    lang: &str,
    finish: &Finish,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let site = r.site;
    let base = site.config.base_path();
    let mut out = Vec::new();
    let mut tags: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, p) in site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == lang)
    {
        for t in &p.meta.tags {
            tags.entry(crate::markdown::slugify(t))
                .or_insert_with(|| (t.clone(), vec![]))
                .1
                .push(i);
        }
    }
    let all_langs = |f: &dyn Fn(&str) -> String| -> BTreeMap<String, Option<String>> {
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), Some(f(l))))
            .collect()
    };
    let only_here = |u: String| -> BTreeMap<String, Option<String>> {
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), (l == lang).then(|| u.clone())))
            .collect()
    };
    let tags_title = r.t(lang, "tags_title");
    let tags_link = Link {
        title: tags_title.clone(),
        url: format!("{base}{}", r.tags_url(lang)),
    };
    let terms: Vec<(Link, usize)> = tags
        .values()
        .map(|(name, pages)| {
            (
                Link {
                    title: name.clone(),
                    url: format!("{base}{}", r.tag_url(lang, name)),
                },
                pages.len(),
            )
        })
        .collect();
    out.push((
        format!("{}index.html", r.tags_url(lang)),
        finish(r.terms(lang, &all_langs(&|l| r.tags_url(l)), &tags_title, terms)?),
    ));
    for (name, pages) in tags.values() {
        let url = r.tag_url(lang, name);
        let title = format!("{}: {name}", r.t(lang, "tag"));
        out.push((
            format!("{url}index.html"),
            finish(r.taxonomy(
                lang,
                &only_here(url.clone()),
                &title,
                tags_link.clone(),
                pages,
            )?),
        ));
    }
    let aud_index = format!("{lang}/{}/", r.t(lang, "url_audience"));
    let aud_title = r.t(lang, "audience_title");
    let aud_link = Link {
        title: aud_title.clone(),
        url: format!("{base}{aud_index}"),
    };
    let mut terms = Vec::new();
    for a in Audience::ALL {
        let pages: Vec<usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.lang == lang && p.meta.audience.contains(&a))
            .map(|(i, _)| i)
            .collect();
        let url = r.audience_url(lang, a);
        let title = r.t(lang, &format!("audience_{}_long", a.as_str()));
        terms.push((
            Link {
                title: title.clone(),
                url: format!("{base}{url}"),
            },
            pages.len(),
        ));
        let urls = all_langs(&|l| r.audience_url(l, a));
        out.push((
            format!("{url}index.html"),
            finish(r.taxonomy(lang, &urls, &title, aud_link.clone(), &pages)?),
        ));
    }
    let urls = all_langs(&|l| format!("{l}/{}/", r.t(l, "url_audience")));
    out.push((
        format!("{aud_index}index.html"),
        finish(r.terms(lang, &urls, &aud_title, terms)?),
    ));
    Ok(out)
}

fn copy_site_static(site: &Site, out: &Output) -> Result<(), Diagnostic> {
    let dir = site.root.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for e in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            out.copy(&rel, e.path()).map_err(|err| io_err(&rel, err))?;
        }
    }
    Ok(())
}

fn progress_bar(show: bool, len: u64) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} pages {wide_bar} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Minifies a rendered page with minify-html, keeping every closing tag and the `<html>` and
/// `<head>` start tags. Omitting them is valid HTML5, but tools that read the output choke on
/// it: Pagefind indexes no page at all when `</head>` is missing, which is why the faster
/// minify-html-onepass (which omits it, with no option to keep it) is not used.
pub fn minify_html(html: String) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        ..Default::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::minify_html;

    #[test]
    fn minifies_pages_and_keeps_closing_tags() {
        let page = "<!DOCTYPE html>\n<html lang=\"da\">\n  <head>\n    <title>T</title>\n  </head>\n  <body>\n    <p class=\"x\">Hej   verden</p>\n  </body>\n</html>\n";
        let out = String::from_utf8(minify_html(page.to_string())).unwrap();
        assert!(out.len() + 30 < page.len(), "{out}");
        assert!(
            out.contains("<html lang=da>") && out.contains("Hej verden</p>"),
            "{out}"
        );
        assert!(out.ends_with("</body></html>"), "{out}");
    }
}
