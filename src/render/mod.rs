//! Rendering: builds each output's template context and renders it with tera.
//!
//! - [`templates`]: loading templates and their errors;
//! - [`head`]: what every template gets (head, navigation, footer, language switcher);
//! - [`page`]: content pages; [`handout`]: what a role page adds for print; [`feedback`]:
//!   "Was this page useful?";
//! - [`listings`]: sections, homes, tags, audiences, search, 404, root and redirects;
//! - [`translation`]: notices on outdated translations and stand-ins for missing ones;
//! - [`changes`]: the "New and changed" page (its feed is [`crate::feed`]).
//!
//! URLs come from [`crate::site::routes`]; nothing here invents one.

mod changes;
mod feedback;
mod handout;
mod head;
mod listings;
mod page;
pub mod templates;
mod translation;

use crate::diagnostics::Diagnostic;
use crate::frontmatter::Kind;
use crate::i18n::Strings;
use crate::site::Site;
use head::{Common, LanguageChrome};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use templates::template_error;

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct Card {
    title: String,
    url: String,
    summary: String,
    kind: &'static str,
    kind_label: String,
    lang: String,
    updated: String,
}

/// Everything the renderer needs that does not change from output to output.
pub struct Renderer<'a> {
    pub site: &'a Site,
    tera: tera::Tera,
    strings: BTreeMap<String, Strings>,
    live_reload: bool,
    /// A portable copy (see `crate::portable`): scripts load as classic scripts, which
    /// browsers run from `file://` (module scripts they refuse there).
    portable: bool,
    /// The "Save for offline use" button (see `crate::offline`).
    offline: bool,
    /// Pages of each (section, language) in order, computed once: prev/next and listings
    /// would otherwise scan every page for every page.
    siblings: HashMap<&'a str, HashMap<&'a str, Vec<usize>>>,
    chrome: BTreeMap<String, LanguageChrome>,
    /// `t` and `assets` for the templates, converted to tera values once (see `insert_shared`).
    strings_value: BTreeMap<String, tera::Value>,
    /// Each language's kind labels as `[{kind, label}]` (see `insert_shared`).
    kinds_value: BTreeMap<String, tera::Value>,
    assets_value: tera::Value,
    brand_css: String,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        tera: tera::Tera,
        strings: BTreeMap<String, Strings>,
        assets: &BTreeMap<String, String>,
        live_reload: bool,
        portable: bool,
        offline: bool,
    ) -> Self {
        let strings_value = strings
            .iter()
            .map(|(l, s)| (l.clone(), tera::Value::from_serializable(s)))
            .collect();
        let kinds_value = strings
            .iter()
            .map(|(l, s)| (l.clone(), kind_labels(s)))
            .collect();
        let mut siblings: HashMap<&str, HashMap<&str, Vec<usize>>> = HashMap::new();
        for (i, p) in site.pages.iter().enumerate() {
            siblings
                .entry(p.section.as_str())
                .or_default()
                .entry(p.lang.as_str())
                .or_default()
                .push(i);
        }
        Renderer {
            site,
            tera,
            strings,
            live_reload,
            portable,
            offline,
            siblings,
            chrome: LanguageChrome::all(site),
            strings_value,
            kinds_value,
            assets_value: tera::Value::from_serializable(assets),
            brand_css: assets.get("css/layered.css").cloned().unwrap_or_default(),
        }
    }

    /// The UI string `key` of `lang` (the key itself when the theme has none).
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.strings
            .get(lang)
            .and_then(|s| s.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn kind_label(&self, lang: &str, kind: Kind) -> String {
        self.t(lang, &format!("kind_{}", kind.as_str()))
    }

    fn href(&self, rel: &str) -> String {
        self.site.routes.href(rel)
    }

    fn card(&self, i: usize) -> Card {
        let p = &self.site.pages[i];
        Card {
            title: p.meta.title.clone(),
            url: self.href(&p.url),
            summary: p.meta.summary.clone(),
            kind: p.kind.as_str(),
            kind_label: self.kind_label(&p.lang, p.kind),
            lang: p.lang.clone(),
            updated: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    fn siblings(&self, section: &str, lang: &str) -> &[usize] {
        self.siblings
            .get(section)
            .and_then(|m| m.get(lang))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(&format!("templates/{template}"), &e))
    }

    fn with<T: Serialize>(&self, common: &Common, key: &'static str, value: &T) -> tera::Context {
        let mut ctx = tera::Context::from_serialize(common).unwrap_or_default();
        self.insert_shared(&mut ctx, common.lang);
        ctx.insert(key, value);
        ctx
    }

    /// Adds `t` (the language's UI strings) and `assets`. They are the same on every page of a
    /// language, so they are converted to tera values once (in `new`) and shared: tera values
    /// are reference-counted, and converting them for each page was a tenth of render time.
    fn insert_shared(&self, ctx: &mut tera::Context, lang: &str) {
        if let Some(t) = self.strings_value.get(lang) {
            ctx.insert_value("t", t.clone());
        }
        if let Some(k) = self.kinds_value.get(lang) {
            ctx.insert_value("kinds", k.clone());
        }
        ctx.insert_value("assets", self.assets_value.clone());
    }

    fn crumbs_home(&self, lang: &str) -> Vec<Link> {
        vec![Link {
            title: self.t(lang, "home"),
            url: self.href(&self.site.routes.home(lang)),
        }]
    }

    /// The same relative URL in every language (generated pages exist in all of them).
    fn all_languages(&self, f: &dyn Fn(&str) -> String) -> BTreeMap<String, Option<String>> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), Some(f(l))))
            .collect()
    }
}

/// The kinds with their label in one language, in name order, for templates (the search
/// popup's badges). Looping over all UI strings in the template to find them cost a quarter of
/// the page render time on a 10,000-page site.
fn kind_labels(strings: &Strings) -> tera::Value {
    #[derive(Serialize)]
    struct KindLabel<'k> {
        kind: &'static str,
        label: &'k str,
    }
    let mut kinds: Vec<KindLabel> = Kind::ALL
        .iter()
        .map(|k| KindLabel {
            kind: k.as_str(),
            label: strings
                .get(&format!("kind_{}", k.as_str()))
                .map(String::as_str)
                .unwrap_or(k.as_str()),
        })
        .collect();
    kinds.sort_by_key(|k| k.kind);
    tera::Value::from_serializable(&kinds)
}
