//! `missing_translations: fallback`: a page missing in a language is still published at its
//! URL in that language, with the source language's text and a notice. The stand-ins are
//! listed here once; [`super::routes::plan`] registers them and the renderer links to them.

use super::Site;
use crate::config::MissingTranslations;
use std::collections::BTreeMap;

impl Site {
    /// Every stand-in as (the page whose text it shows, the language it is shown in), in page
    /// order. Empty unless the site asks for fallbacks.
    pub fn fallbacks(&self) -> Vec<(usize, String)> {
        if self.config.missing_translations != MissingTranslations::Fallback {
            return vec![];
        }
        let mut out = Vec::new();
        for (i, p) in self.pages.iter().enumerate() {
            if self.fallback_source(&p.section, &p.id) != Some(i) {
                continue; // one stand-in per item and language, from its source
            }
            for l in &self.config.languages {
                // A version that failed to load is an error already, not a missing one.
                if self.page(&p.section, &p.id, l).is_none()
                    && !self.is_broken(&p.section, &p.id, l)
                {
                    out.push((i, l.clone()));
                }
            }
        }
        out
    }

    /// The text a missing version of an item falls back to: the default language's, else the
    /// first configured language that has it.
    pub fn fallback_source(&self, section: &str, id: &str) -> Option<usize> {
        self.page(section, id, &self.config.default_language)
            .or_else(|| {
                self.config
                    .languages
                    .iter()
                    .find_map(|l| self.page(section, id, l))
            })
    }

    /// Where the stand-in for page `i`'s item in `lang` is published (relative), if it has one.
    pub fn fallback_url(&self, i: usize, lang: &str) -> Option<String> {
        let p = &self.pages[i];
        if self.config.missing_translations != MissingTranslations::Fallback
            || self.page(&p.section, &p.id, lang).is_some()
            || self.is_broken(&p.section, &p.id, lang)
        {
            return None;
        }
        let source = &self.pages[self.fallback_source(&p.section, &p.id)?];
        let section_slug = &self.section(&source.section)?.langs.get(lang)?.slug;
        let slug = source.meta.slug.as_deref().unwrap_or(&source.id);
        Some(self.routes.page(lang, section_slug, slug))
    }

    /// Page `i`'s stand-ins by language (relative URLs); empty without fallbacks.
    pub fn fallback_urls(&self, i: usize) -> BTreeMap<String, String> {
        self.config
            .languages
            .iter()
            .filter_map(|l| Some((l.clone(), self.fallback_url(i, l)?)))
            .collect()
    }
}
