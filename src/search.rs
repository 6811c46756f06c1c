//! Turns the site's pages into the documents the search index is built from.

use crate::output::Output;
use crate::site::Site;
use crate::site::routes::SEARCH_DIR;
use crate::site::rules::review_has_passed;

/// Hands the search index's files to a build's output, below `search/`, so they are written
/// (or kept in memory) and counted like every other file.
pub struct IndexSink<'o>(pub &'o Output);

impl search_index::Sink for IndexSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write(&format!("{SEARCH_DIR}{rel}"), bytes)
    }
}

/// One document per page. Each page's plain-text sections are moved out of its body, not
/// copied: only the search index reads them, and on a large site they are tens of MB.
pub fn documents(site: &mut Site) -> Vec<search_index::Document> {
    let today = site.today;
    site.pages
        .iter_mut()
        .map(|p| search_index::Document {
            url: p.url.clone(),
            title: p.meta.title.clone(),
            kind: p.kind.as_str().to_string(),
            language: p.lang.clone(),
            tags: p.meta.tags.clone(),
            summary: p.meta.summary.clone(),
            sections: std::mem::take(&mut p.body.sections)
                .into_iter()
                .map(|s| search_index::Section {
                    links: s.is_links(),
                    heading: s.heading,
                    anchor: s.anchor,
                    text: s.text,
                })
                .collect(),
            stale: review_has_passed(p.meta.review_by, today),
            group: format!("{}/{}", p.section, p.id),
            audience: p
                .meta
                .audience
                .iter()
                .map(|a| a.as_str().to_string())
                .collect(),
            country: p.meta.country.map(|c| format!("{c:?}")).unwrap_or_default(),
            municipality: p.meta.municipality.clone().unwrap_or_default(),
            date: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
            urgent: p.meta.contact.as_ref().and_then(|c| {
                let phone = c.phone.clone().filter(|_| c.urgent)?;
                Some(search_index::Urgent {
                    name: c.name.clone().unwrap_or_else(|| p.meta.title.clone()),
                    phone,
                })
            }),
        })
        .collect()
}
