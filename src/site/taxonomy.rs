//! Tags and audiences as data, built once when the site is assembled: which pages of a
//! language carry each tag and each audience, in site order.

use super::Page;
use crate::frontmatter::Audience;
use crate::slug::slugify;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag as first written (tags that slugify alike share a page).
    pub name: String,
    /// Indexes into `Site::pages`, in site order.
    pub pages: Vec<usize>,
}

#[derive(Debug, Default, Clone)]
pub struct LanguageTaxonomy {
    /// By the tag's slug.
    pub tags: BTreeMap<String, Tag>,
    /// Pages of each audience, in [`Audience::ALL`] order.
    pub audiences: [Vec<usize>; 3],
}

#[derive(Debug, Default, Clone)]
pub struct Taxonomies {
    by_lang: BTreeMap<String, LanguageTaxonomy>,
}

impl Taxonomies {
    pub fn build(pages: &[Page], languages: &[String]) -> Taxonomies {
        let mut by_lang: BTreeMap<String, LanguageTaxonomy> = languages
            .iter()
            .map(|l| (l.clone(), LanguageTaxonomy::default()))
            .collect();
        for (i, p) in pages.iter().enumerate() {
            let Some(t) = by_lang.get_mut(&p.lang) else {
                continue;
            };
            for tag in &p.meta.tags {
                t.tags
                    .entry(slugify(tag))
                    .or_insert_with(|| Tag {
                        name: tag.clone(),
                        pages: vec![],
                    })
                    .pages
                    .push(i);
            }
            for (k, a) in Audience::ALL.iter().enumerate() {
                if p.meta.audience.contains(a) {
                    t.audiences[k].push(i);
                }
            }
        }
        Taxonomies { by_lang }
    }

    /// The tags and audiences of `lang` (empty for a language the site does not have).
    pub fn lang(&self, lang: &str) -> &LanguageTaxonomy {
        static EMPTY: std::sync::OnceLock<LanguageTaxonomy> = std::sync::OnceLock::new();
        self.by_lang
            .get(lang)
            .unwrap_or_else(|| EMPTY.get_or_init(LanguageTaxonomy::default))
    }
}

impl LanguageTaxonomy {
    pub fn audience(&self, a: Audience) -> &[usize] {
        let i = Audience::ALL.iter().position(|x| *x == a).unwrap_or(0);
        &self.audiences[i]
    }
}
