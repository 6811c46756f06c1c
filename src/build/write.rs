//! Render and write: every planned output is rendered and written in parallel, while the
//! search index is built on its own threads and written through the same [`Output`].

use super::{Loaded, phase};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::render::{Renderer, templates};
use crate::search::IndexSink;
use crate::site::routes::{Planned, Target};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

pub struct Settings {
    pub minify: bool,
    pub search: bool,
    pub live_reload: bool,
    pub progress: bool,
    /// Links made relative to each page (see [`crate::portable`]).
    pub portable: bool,
    /// The "Save for offline use" button in every page (see [`crate::offline`]).
    pub offline: bool,
}

pub fn io_err(what: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        what.display().to_string(),
        format!("cannot write the output: {e}"),
    )
    .help("check that the output folder's parent exists and is writable")
}

/// Renders and writes everything in the plan; returns how long the search index took (ms).
pub fn render_all(
    l: &mut Loaded,
    settings: &Settings,
    out: &Output,
    diags: &Diagnostics,
) -> Result<u128, Diagnostic> {
    let docs = match settings.search {
        true => l.search_documents(),
        false => vec![],
    };
    let l = &*l;
    let site = &l.site;
    let strings = crate::i18n::load(
        &l.theme,
        &site.layer_roots(),
        &site.config.languages,
        &site.config.default_language,
        diags,
    );
    // Template errors are already in `diags`; the build stops here with them.
    let Some(tera) = templates::load(&l.theme, &site.layer_roots(), diags) else {
        return Ok(0);
    };
    let r = Renderer::new(
        site,
        tera,
        strings,
        &l.assets,
        settings.live_reload,
        settings.portable,
        settings.offline,
    );
    let bar = progress_bar(
        settings.progress && site.pages.len() > 300,
        site.pages.len() as u64,
    );
    let minify = settings.minify;
    let portable = settings
        .portable
        .then(|| site.routes.base_path().to_string());
    let finish = |path: &str, html: String| -> Result<Vec<u8>, Diagnostic> {
        let html = match &portable {
            Some(base) => crate::portable::relativize(&html, path, base).map_err(|e| {
                Diagnostic::error(path, format!("cannot make the links relative: {e}"))
            })?,
            None => html,
        };
        Ok(match minify {
            true => minify_html(html),
            false => html.into_bytes(),
        })
    };
    // The search index needs only the documents, not the pages: it is built on its own threads
    // while the pages render, so neither waits for the other's serial stretches.
    let (written, search) = std::thread::scope(|scope| {
        let search = settings.search.then(|| {
            let docs = &docs;
            scope.spawn(move || {
                let t = Instant::now();
                let langs = &site.config.languages;
                let sink = IndexSink(out);
                // A portable copy also carries the search as classic scripts, for file://.
                let result = if settings.portable {
                    let portable = search_index::PortableSink(&sink);
                    search_index::write_site_search_to(docs, langs, &portable)
                } else {
                    search_index::write_site_search_to(docs, langs, &sink)
                };
                phase("search index", t);
                (result, t.elapsed())
            })
        });
        let t = Instant::now();
        let written = l.plan.files.par_iter().try_for_each(|p| {
            if matches!(p.target, Target::Page(_)) {
                bar.inc(1);
            }
            write_one(&r, p, out, &finish)
        });
        bar.finish_and_clear();
        phase("render and write", t);
        (written, search.map(|h| h.join()))
    });
    written?;
    let Some(joined) = search else {
        return Ok(0);
    };
    let (result, took) = joined.map_err(|_| {
        Diagnostic::error(
            "search",
            "building the search index failed: a thread panicked",
        )
    })?;
    result.map_err(|e| {
        Diagnostic::error("search", format!("building the search index failed: {e}"))
    })?;
    Ok(took.as_millis())
}

/// Turns a rendered page (at its output path) into the bytes written: links made relative in a
/// portable copy, minified.
type Finish<'a> = dyn Fn(&str, String) -> Result<Vec<u8>, Diagnostic> + Sync + 'a;

fn write_one(
    r: &Renderer,
    p: &Planned,
    out: &Output,
    finish: &Finish<'_>,
) -> Result<(), Diagnostic> {
    let site = r.site;
    let html = match &p.target {
        Target::Page(i) => r.page(*i)?,
        Target::Fallback { page, lang } => r.fallback(*page, lang)?,
        Target::Section { section, lang } => r.section(*section, lang)?,
        Target::Home(lang) => r.home(lang)?,
        Target::NotFound(lang) => r.not_found(lang)?,
        Target::Search(lang) => r.search_page(lang)?,
        Target::TagIndex(lang) => r.tag_index(lang)?,
        Target::Tag { lang, slug } => r.tag(lang, slug)?,
        Target::AudienceIndex(lang) => r.audience_index(lang)?,
        Target::Audience { lang, audience } => r.audience(lang, *audience)?,
        Target::Root => r.root()?,
        Target::RootNotFound => r.not_found(&site.config.default_language)?,
        Target::Redirect { lang, href } => r.redirect(lang, href)?,
        Target::Vcard(i) => {
            let page = &site.pages[*i];
            let abs = site.routes.absolute(&page.url);
            let c = page.meta.contact.as_ref();
            let card = c.map(|c| crate::contact::vcard(c, &page.meta.title, &page.lang, &abs));
            return write_bytes(out, p, card.unwrap_or_default().as_bytes());
        }
        Target::PageAsset(from) | Target::SiteStatic(from) => {
            return out
                .copy(&p.path, from)
                .map_err(|e| io_err(Path::new(&p.owner.file), e));
        }
        Target::ThemeFile(bytes) => return write_bytes(out, p, bytes),
        Target::Sitemap => {
            return write_bytes(out, p, crate::sitemap::sitemap(site).as_bytes());
        }
        Target::UrlManifest => {
            return write_bytes(out, p, &super::moved::manifest(site));
        }
        Target::Changes(lang) => r.changes(lang)?,
        Target::Feed(lang) => {
            let feed = crate::feed::atom(site, lang, &r.feed_title(lang));
            return write_bytes(out, p, feed.as_bytes());
        }
        // Written by the build once every other file is (crate::offline).
        Target::ServiceWorker => return Ok(()),
        Target::Robots => {
            let base = &site.config.base_url;
            let robots = format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n");
            return write_bytes(out, p, robots.as_bytes());
        }
    };
    write_bytes(out, p, &finish(&p.path, html)?)
}

fn write_bytes(out: &Output, p: &Planned, bytes: &[u8]) -> Result<(), Diagnostic> {
    out.write(&p.path, bytes)
        .map_err(|e| io_err(Path::new(&p.path), e))
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
