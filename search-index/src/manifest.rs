//! The per-language manifest: the one file a query always needs, kept small (no per-document
//! data: its size grows only with the number of shards).

use serde::{Deserialize, Serialize};

/// `<lang>/manifest.bin` = gzip of this, as JSON. f32 values are carried as their IEEE-754 bit
/// patterns (u32) so the client gets the exact f32 without any decimal round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// [`crate::FORMAT_VERSION`]
    pub format: u32,
    /// The site language code, e.g. "da".
    pub language: String,
    /// The code the stemmer takes: "da" | "sv" | "nb".
    pub stemmer: String,
    /// Build hash: the directory `<lang>/<build>/` holding shards and fragments.
    pub build: String,
    /// N, the number of documents (tantivy's max_doc).
    pub docs: u32,
    /// BM25 k1 and b as f32 bits (tantivy's constants 1.2 and 0.75).
    pub k1: u32,
    pub b: u32,
    /// Scored fields in clause order.
    pub fields: Vec<ManifestField>,
    /// tantivy's stop words for the language, dropped after lowercasing.
    pub stopwords: Vec<String>,
    /// Query variants (Nordic folding, compounds) apply to this language.
    pub variants: bool,
    /// `[kind, first doc id, end doc id (exclusive)]`, by kind name.
    pub kinds: Vec<(String, u32, u32)>,
    /// Shard keys, ascending (by code point); shard `i` is `<build>/t<i>.bin` and holds the terms
    /// `t` with `shards[i] <= t < shards[i + 1]`. The first key is "".
    pub shards: Vec<String>,
    /// Documents per fragment file: doc `d` is entry `d % per` of `<build>/d<d / per>.bin`.
    pub fragment_docs: u32,
    /// Number of fragment files.
    pub fragments: u32,
    /// The language's urgent contacts (FORMAT.md, "Best bets"): few, and needed by the first
    /// query, so they travel here rather than in a file of their own.
    pub best: Vec<crate::BestBet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ManifestField {
    pub name: String,
    pub boost: f32,
    /// Average fieldnorm (total tokens / N) as f32 bits.
    pub avg: u32,
}
