//! The samspil search format, both sides of it.
//!
//! Rust side: [`build_index`] builds one tantivy index per language with that language's analyzer,
//! [`search`] queries it (the reference ranking, used by `samspil search`), and
//! [`write_site_search`] reads the built indexes back and writes the static files the browser
//! client needs (see `FORMAT.md`). Browser side: [`client_module`] is the ES module
//! `samspil-search.js`, which mirrors the analyzer and tantivy's BM25 arithmetic exactly.

mod analyzer;
mod classic;
mod codec;
mod compounds;
mod excerpt;
mod facets;
mod fragments;
mod index;
mod manifest;
mod query;
#[cfg(test)]
mod roundtrip_tests;
mod schema;
mod shards;
mod site;
mod stopwords;
mod variants;

use serde::{Deserialize, Serialize};

pub use analyzer::{
    SUPPORTED_LANGUAGES, analyze, has_stemmer, stop_words, supports_language, tokenizer_name,
};
pub use facets::{BestBet, Counts, FACETS, Filters, Sort};

pub use classic::{CLASSIC_MODULE_FILE, PortableSink, classic_module, data_script};
pub use index::build_index;
pub use query::{Answer, search, search_with};
pub use schema::{FIELD_BOOSTS, FIELD_NAMES};
pub use site::{
    MODULE_FILE, Sink, write_portable_site_search, write_site_search, write_site_search_to,
};

/// Version of the static file format written by [`write_site_search`]; the client refuses
/// manifests of another version. Bump it with any change to `FORMAT.md`.
pub const FORMAT_VERSION: u32 = 4;

/// One page of the site, as the build pipeline hands it over.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the site root, e.g. `da/roller/bisidder/` (no leading slash).
    pub url: String,
    pub title: String,
    /// page | principle | role | checklist | contact
    pub kind: String,
    /// da | sv | nb
    pub language: String,
    pub tags: Vec<String>,
    pub summary: String,
    /// In page order; the first may have an empty heading and anchor.
    pub sections: Vec<Section>,
    /// The page may be out of date (its review date has passed): results say so. It never
    /// changes the ranking.
    #[serde(default)]
    pub stale: bool,
    /// The translation group: documents of different languages with the same group are
    /// versions of one item (samspil uses `<section>/<id>`). "Search all languages" shows one
    /// result per group. Empty: a group of its own.
    #[serde(default)]
    pub group: String,
    /// Who the page is for (`citizen`, `volunteer`, `staff`): a filter.
    #[serde(default)]
    pub audience: Vec<String>,
    /// `DK`, `SE`, `NO` or empty: a filter.
    #[serde(default)]
    pub country: String,
    /// The municipality the page is about, or empty: a filter.
    #[serde(default)]
    pub municipality: String,
    /// When the page was last updated (`YYYY-MM-DD`) or empty: shown with the result, and
    /// what results can be sorted by.
    #[serde(default)]
    pub date: String,
    /// A contact to call at once (112, an on-call line): pinned above the results when a query
    /// names it.
    #[serde(default)]
    pub urgent: Option<Urgent>,
}

/// The name and number of an urgent contact (see [`Document::urgent`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Urgent {
    pub name: String,
    pub phone: String,
}

/// A part of a page under one heading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub anchor: String,
    pub text: String,
    /// The text is mostly link texts (a "See also" list), not prose: it is searched but never
    /// shown as an excerpt.
    #[serde(default)]
    pub links: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The document's relative URL, plus `#anchor` when the best passage is under a heading.
    pub url: String,
    pub title: String,
    pub kind: String,
    pub language: String,
    pub score: f32,
    /// HTML-safe text with the matched words wrapped in `<mark>`.
    pub excerpt: String,
    /// How the query found it: its words as typed, or other spellings or compound parts of
    /// words the index does not know.
    #[serde(rename = "match", default)]
    pub match_kind: MatchKind,
    /// The document's [`Document::stale`] flag.
    #[serde(default)]
    pub stale: bool,
    /// The document's [`Document::date`] (empty when it has none).
    #[serde(default)]
    pub date: String,
    /// Up to [`MAX_SECTIONS`] sections of the page that match the query, best first.
    #[serde(default)]
    pub sections: Vec<HitSection>,
}

/// Sections a result lists at most.
pub const MAX_SECTIONS: usize = 3;

/// A part of a result's page that matches the query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitSection {
    /// The document's relative URL with the section's `#anchor`.
    pub url: String,
    pub heading: String,
    /// HTML-safe text with the matched words wrapped in `<mark>`.
    pub excerpt: String,
}

/// How a result was found (the browser client's `match`; it adds `fuzzy` for its prefix and
/// typo matches).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Every word of the query was searched as typed.
    #[default]
    Exact,
    /// Some word the index does not know was searched as known words with other spellings
    /// (`aeldre` as `ældre`).
    Folded,
    /// Some word the index does not know was searched as the known words it is made of
    /// (`konflikthåndtering` as `konflikt` and `håndtering`).
    Compound,
}

/// What [`write_site_search`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchStats {
    pub languages: Vec<LanguageStats>,
    /// Size of `samspil-search.js` (what a first query loads).
    pub module_bytes: u64,
    /// Size of the modules loaded only when needed ([`LAZY_MODULES`]).
    pub lazy_module_bytes: u64,
}

/// What [`write_site_search`] wrote for one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LanguageStats {
    pub language: String,
    pub docs: usize,
    /// Distinct terms over all text fields.
    pub terms: usize,
    pub shard_files: usize,
    pub fragment_files: usize,
    pub manifest_bytes: u64,
    pub shard_bytes: u64,
    pub fragment_bytes: u64,
    /// The translation groups file (`g.bin`).
    #[serde(default)]
    pub group_bytes: u64,
    /// The facets file (`f.bin`).
    #[serde(default)]
    pub facet_bytes: u64,
    /// The build hash: the directory under `<lang>/` holding the shards and fragments.
    pub build: String,
}

impl LanguageStats {
    /// Files written for this language (manifest, shards, fragments, groups, facets).
    pub fn files(&self) -> usize {
        3 + self.shard_files + self.fragment_files
    }
    /// Bytes written for this language.
    pub fn bytes(&self) -> u64 {
        self.manifest_bytes
            + self.shard_bytes
            + self.fragment_bytes
            + self.group_bytes
            + self.facet_bytes
    }
}

impl SearchStats {
    /// All files written, the modules included.
    pub fn files(&self) -> usize {
        1 + LAZY_MODULES.len()
            + self
                .languages
                .iter()
                .map(LanguageStats::files)
                .sum::<usize>()
    }
    /// All bytes written, the modules included.
    pub fn bytes(&self) -> u64 {
        self.module_bytes
            + self.lazy_module_bytes
            + self.languages.iter().map(LanguageStats::bytes).sum::<u64>()
    }
}

/// Everything that can go wrong while indexing, searching or writing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "unusable search language code {0:?} (a language code starts with a lowercase letter and has only ASCII letters, digits and `-`)"
    )]
    UnsupportedLanguage(String),
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("search index invariant broken: {0}")]
    Invariant(String),
}

/// The ES module `samspil-search.js`: `js/client.js` with `js/snowball.js`, `js/variants.js`
/// and `js/merge.js` put in place of its marker lines (bundled by `build.rs`).
pub fn client_module() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/samspil-search.js")).to_string()
}

/// The ES modules the client imports only when it needs them, as (file name, text):
/// `samspil-search-merge.js` (several languages at once, `js/merge.js`) and
/// `samspil-search-suggest.js` ("Mente du …?", `js/suggest.js`).
pub const LAZY_MODULES: [(&str, &str); 2] = [
    (
        "samspil-search-merge.js",
        include_str!(concat!(env!("OUT_DIR"), "/samspil-search-merge.js")),
    ),
    (
        "samspil-search-suggest.js",
        include_str!(concat!(env!("OUT_DIR"), "/samspil-search-suggest.js")),
    ),
];
