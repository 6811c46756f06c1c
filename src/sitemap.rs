//! `sitemap.xml` with `xhtml:link` hreflang alternates for every translated URL.

use crate::site::Site;
use crate::xml::esc;
use std::fmt::Write;

pub fn sitemap(site: &Site) -> String {
    let routes = &site.routes;
    // Each group is one document in all its languages: (lang, relative URL, lastmod).
    let mut groups: Vec<Vec<(String, String, String)>> = Vec::new();
    groups.push(
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), routes.home(l), String::new()))
            .collect(),
    );
    groups.push(
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), routes.changes(l), String::new()))
            .collect(),
    );
    for s in &site.sections {
        groups.push(
            s.langs
                .iter()
                .map(|(l, sl)| (l.clone(), routes.section(l, &sl.slug), String::new()))
                .collect(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for p in &site.pages {
        if !seen.insert((&p.section, &p.id)) {
            continue;
        }
        groups.push(
            site.config
                .languages
                .iter()
                .filter_map(|l| site.page(&p.section, &p.id, l))
                .map(|j| {
                    let q = &site.pages[j];
                    (
                        q.lang.clone(),
                        q.url.clone(),
                        q.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
                    )
                })
                .collect(),
        );
    }
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for g in &groups {
        for (_, url, lastmod) in g {
            let _ = writeln!(x, "  <url>\n    <loc>{}</loc>", esc(&routes.absolute(url)));
            if !lastmod.is_empty() {
                let _ = writeln!(x, "    <lastmod>{lastmod}</lastmod>");
            }
            if g.len() > 1 {
                for (l, u, _) in g {
                    let _ = writeln!(
                        x,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
                        esc(&routes.absolute(u))
                    );
                }
                let default = g
                    .iter()
                    .find(|(l, _, _)| *l == site.config.default_language)
                    .unwrap_or(&g[0]);
                let _ = writeln!(
                    x,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    esc(&routes.absolute(&default.1))
                );
            }
            x.push_str("  </url>\n");
        }
    }
    x.push_str("</urlset>\n");
    x
}
