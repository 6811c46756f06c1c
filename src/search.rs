//! Turns rendered pages into the documents the search index is built from.

use crate::markdown::Rendered;
use crate::site::Site;

pub fn documents(site: &Site, rendered: &[Rendered]) -> Vec<search_index::Document> {
    site.pages
        .iter()
        .zip(rendered)
        .map(|(p, r)| search_index::Document {
            url: p.url.clone(),
            title: p.meta.title.clone(),
            kind: p.kind.as_str().to_string(),
            language: p.lang.clone(),
            tags: p.meta.tags.clone(),
            summary: p.meta.summary.clone(),
            sections: r
                .sections
                .iter()
                .map(|s| search_index::Section {
                    heading: s.heading.clone(),
                    anchor: s.anchor.clone(),
                    text: s.text.clone(),
                })
                .collect(),
        })
        .collect()
}
