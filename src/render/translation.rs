//! What readers see of a translation's state: a notice on a translation whose source changed
//! since it was made (linking to the newer version), a notice on a stand-in for a missing
//! translation, and links to the stand-ins from the language switcher and section listings.

use super::head::Common;
use super::{Card, Renderer};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct TranslationNotice {
    /// `outdated`: the source changed since this translation was made; `fallback`: not
    /// translated yet, the text shown is the source's.
    kind: &'static str,
    /// The source's language: its code and its name in the reader's language.
    source_lang: String,
    source_lang_name: String,
    source_title: String,
    source_url: String,
}

impl Renderer<'_> {
    /// The notice page `i` shows when rendered for `lang` readers, if any.
    pub(super) fn translation_notice(&self, i: usize, lang: &str) -> Option<TranslationNotice> {
        let site = self.site;
        let p = &site.pages[i];
        let (kind, source) = if lang != p.lang {
            ("fallback", i)
        } else if site.freshness.outdated.contains(&p.file) {
            let default = &site.config.default_language;
            ("outdated", site.page(&p.section, &p.id, default)?)
        } else {
            return None;
        };
        let s = &site.pages[source];
        Some(TranslationNotice {
            kind,
            source_lang: s.lang.clone(),
            source_lang_name: self.t(lang, &format!("language_{}", s.lang)),
            source_title: s.meta.title.clone(),
            source_url: self.href(&s.url),
        })
    }

    /// Points the language switcher of page `i` (shown to `lang` readers) at the stand-ins of
    /// the languages it is missing in. A stand-in is not a translation: it gets no hreflang
    /// alternate, and it names the page it stands in for as canonical.
    pub(super) fn link_fallbacks(&self, common: &mut Common, i: usize, lang: &str) {
        let site = self.site;
        let hrefs = site
            .fallback_urls(i)
            .into_iter()
            .map(|(l, u)| (l, self.href(&u)))
            .collect();
        common.use_fallbacks(&hrefs);
        if lang != site.pages[i].lang {
            common.canonical = site.routes.absolute(&site.pages[i].url);
        }
    }

    /// Cards for the stand-ins in section `section` of `lang` (after its own pages): the text
    /// is in its own language, the kind label in the reader's.
    pub(super) fn fallback_cards(&self, section: &str, lang: &str) -> Vec<Card> {
        let site = self.site;
        site.fallbacks()
            .into_iter()
            .filter(|(i, l)| l == lang && site.pages[*i].section == section)
            .filter_map(|(i, l)| {
                let p = &site.pages[i];
                Some(Card {
                    url: self.href(&site.fallback_url(i, &l)?),
                    kind_label: self.kind_label(lang, p.kind),
                    ..self.card(i)
                })
            })
            .collect()
    }
}
