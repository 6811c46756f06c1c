//! Turns rendered pages into the documents the search index is built from.

use crate::markdown::TextSection;
use crate::site::Site;

/// One document per page; `texts` (each page's sections, in page order) is moved in, not copied.
pub fn documents(site: &Site, texts: Vec<Vec<TextSection>>) -> Vec<search_index::Document> {
    site.pages
        .iter()
        .zip(texts)
        .map(|(p, sections)| search_index::Document {
            url: p.url.clone(),
            title: p.meta.title.clone(),
            kind: p.kind.as_str().to_string(),
            language: p.lang.clone(),
            tags: p.meta.tags.clone(),
            summary: p.meta.summary.clone(),
            sections: sections
                .into_iter()
                .map(|s| search_index::Section {
                    heading: s.heading,
                    anchor: s.anchor,
                    text: s.text,
                })
                .collect(),
        })
        .collect()
}
