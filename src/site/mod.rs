//! The site model: sections and pages with their URLs, bodies and taxonomies, and the rules
//! that need more than one file to check.
//!
//! - [`assemble`] turns loaded files into the model (and reports what cannot be assembled);
//! - [`routes`] computes every URL and output path, and refuses two owners of one path;
//! - [`links`] resolves `@/` links and checks every kind of link (body, related, footer,
//!   redirects, anchors);
//! - [`rules`] holds the per-page and cross-file content rules;
//! - [`taxonomy`] groups pages by tag and audience;
//! - [`fallback`] lists the stand-ins for missing translations (`missing_translations: fallback`).

pub mod assemble;
pub mod fallback;
pub mod links;
pub mod routes;
pub mod rules;
pub mod taxonomy;
#[cfg(test)]
mod tests;

pub use assemble::assemble;

use crate::config::Config;
use crate::content::KeyLines;
use crate::frontmatter::{Date, Kind, PageMeta, SortBy};
use crate::layers::{Origin, Upstream};
use crate::markdown::Body;
use routes::Routes;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use taxonomy::Taxonomies;

#[derive(Debug)]
pub struct SectionLang {
    pub title: String,
    pub slug: String,
    pub description: String,
    /// The `_index` file's Markdown, emptied once `body` is rendered.
    pub markdown: String,
    pub body_line: usize,
    /// Empty when the section has no `_index.<lang>.md` in this language.
    pub file: String,
    /// Line of `slug:` in `file`, for messages about the section's URL.
    pub slug_line: Option<usize>,
    pub keys: KeyLines,
    /// In a layered site: the upstream `_index` file this one replaces or patches.
    pub replaces: Option<String>,
    pub body: Body,
}

#[derive(Debug)]
pub struct Section {
    pub id: String,
    pub weight: i64,
    pub sort_by: SortBy,
    pub default_kind: Kind,
    pub langs: BTreeMap<String, SectionLang>,
}

#[derive(Debug)]
pub struct Page {
    pub section: String,
    pub id: String,
    pub lang: String,
    pub kind: Kind,
    pub meta: PageMeta,
    /// Relative to the site root, e.g. `da/roller/bisidder/` (made by [`Routes::page`]).
    pub url: String,
    pub file: String,
    /// The Markdown source, emptied once `body` is rendered (tens of MB on a large site).
    pub markdown: String,
    pub body_line: usize,
    pub keys: KeyLines,
    pub assets: Vec<PathBuf>,
    pub body: Body,
    pub origin: Origin,
    /// In a layered site: the upstream file this page's file replaces or patches.
    pub replaces: Option<String>,
}

/// A language's home page text (`content/_index.<lang>.md`).
#[derive(Debug)]
pub struct Home {
    /// In a layered site: the upstream home text this one replaces or patches.
    pub replaces: Option<String>,
    pub title: String,
    pub description: String,
    pub file: String,
    pub markdown: String,
    pub body_line: usize,
    pub keys: KeyLines,
    pub body: Body,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub root: PathBuf,
    pub homes: BTreeMap<String, Home>,
    /// In navigation order.
    pub sections: Vec<Section>,
    /// Sorted by section order, then the section's sort order, then language.
    pub pages: Vec<Page>,
    pub routes: Routes,
    pub taxonomies: Taxonomies,
    index: HashMap<(String, String, String), usize>,
    /// Pages that exist but failed to load (already reported), so links to them stay quiet.
    broken: HashSet<(String, String, String)>,
    /// Drafts (`draft: true`), left out of the site, by (section, id, lang): their file, so a
    /// link to one says it is a draft instead of "no such page".
    drafts: HashMap<(String, String, String), String>,
    /// The date stale content is judged against (today, or fixed by tests).
    pub today: Date,
    /// A layered site's upstreams, nearest first (empty for a site that extends nothing).
    pub upstreams: Vec<Upstream>,
    /// Upstream items left out by `hide:` (section, id).
    pub hidden: HashSet<(String, String)>,
    /// Languages an upstream has and this site does not publish.
    pub unpublished: Vec<String>,
    /// Which translations fell behind their source (filled by [`crate::translations::check`]).
    pub freshness: crate::translations::Freshness,
}

impl Site {
    pub fn page(&self, section: &str, id: &str, lang: &str) -> Option<usize> {
        self.index
            .get(&(section.to_string(), id.to_string(), lang.to_string()))
            .copied()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every language version of page `i`, including itself, in configured language order.
    pub fn translations(&self, i: usize) -> Vec<usize> {
        let p = &self.pages[i];
        self.config
            .languages
            .iter()
            .filter_map(|l| self.page(&p.section, &p.id, l))
            .collect()
    }

    /// Page `i`'s URL in each configured language, None where it is not translated.
    pub fn page_urls(&self, i: usize) -> BTreeMap<String, Option<String>> {
        let p = &self.pages[i];
        self.config
            .languages
            .iter()
            .map(|l| {
                let url = self
                    .page(&p.section, &p.id, l)
                    .map(|j| self.pages[j].url.clone());
                (l.clone(), url)
            })
            .collect()
    }

    /// The site folders whose `static/` and `templates/` make up this site, most upstream
    /// first: a layered site's files sit over its upstreams'.
    pub fn layer_roots(&self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = self
            .upstreams
            .iter()
            .rev()
            .map(|u| u.root.clone())
            .collect();
        roots.push(self.root.clone());
        roots
    }

    /// Whether `file` (as messages name it) belongs to an upstream rather than to this site.
    pub fn is_upstream_file(&self, file: &str) -> bool {
        self.upstreams
            .iter()
            .any(|u| file.starts_with(&format!("{}/", u.prefix)))
    }

    /// The URL of section `id` in `lang` (relative), if it exists there.
    pub fn section_url(&self, id: &str, lang: &str) -> Option<String> {
        let s = self.section(id)?.langs.get(lang)?;
        Some(self.routes.section(lang, &s.slug))
    }
}
