//! New and changed pages: which pages a language lists as changed ([`changes`]), and its Atom
//! feed ([`atom`], RFC 4287). The "New and changed" page (`render/changes.rs`) lists the same
//! pages, so a reader of either sees the same news.

use crate::site::{Page, Site};
use crate::xml::esc;
use std::fmt::Write;

/// How many pages the feed and the page list: enough for a reader who looks in monthly, small
/// enough that a site of thousands of pages does not write thousands of entries per language.
pub const MAX_ITEMS: usize = 50;

/// The pages of `lang` that carry an `updated` date, newest first; pages of one date keep the
/// site's order (section, then the section's own order), so the output is deterministic.
pub fn changes(site: &Site, lang: &str) -> Vec<usize> {
    let mut v: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].lang == lang && site.pages[i].meta.updated.is_some())
        .collect();
    v.sort_by(|&a, &b| site.pages[b].meta.updated.cmp(&site.pages[a].meta.updated));
    v.truncate(MAX_ITEMS);
    v
}

/// What changed: the page's `changelog` line, else its summary.
pub fn change_line(p: &Page) -> &str {
    match p.meta.changelog.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => c,
        _ => p.meta.summary.trim(),
    }
}

/// The Atom feed of `lang`. `title` is the feed's title in that language.
pub fn atom(site: &Site, lang: &str, title: &str) -> String {
    let routes = &site.routes;
    let items = changes(site, lang);
    let self_url = routes.absolute(&routes.feed(lang));
    // A feed's `updated` is its newest entry's; one with no entries has only the build's date.
    let updated = items
        .first()
        .and_then(|&i| site.pages[i].meta.updated)
        .unwrap_or(site.today);
    // Atom requires an author: the one responsible for the site's text, as in every footer.
    let author = match site.config.responsible_authority() {
        Some(a) => a.to_string(),
        None => site.config.title(lang),
    };
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(lang)
    );
    let _ = writeln!(x, "  <id>{}</id>", esc(&self_url));
    let _ = writeln!(x, "  <title>{}</title>", esc(title));
    let description = site.config.description(lang);
    if !description.trim().is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(&description));
    }
    let _ = writeln!(x, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", esc(&author));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&self_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&routes.absolute(&routes.changes(lang)))
    );
    let _ = writeln!(x, "  <generator>samspil</generator>");
    for &i in &items {
        entry(&mut x, site, &site.pages[i]);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(x: &mut String, site: &Site, p: &Page) {
    let url = esc(&site.routes.absolute(&p.url));
    let updated = p.meta.updated.unwrap_or(site.today);
    let _ = writeln!(x, "  <entry>");
    let _ = writeln!(x, "    <id>{url}</id>");
    let _ = writeln!(x, "    <title>{}</title>", esc(&p.meta.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
    );
    let _ = writeln!(x, "    <updated>{updated}T00:00:00Z</updated>");
    let line = change_line(p);
    if !line.is_empty() {
        let _ = writeln!(x, "    <summary>{}</summary>", esc(line));
    }
    let _ = writeln!(x, "  </entry>");
}
