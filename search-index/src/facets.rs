//! Filters, their counts, sorting by date and best bets: what a reader narrows a result list
//! with. Both sides read the same data: the Rust `search` from a stored field, the client from
//! `<lang>/<build>/f.bin` (FORMAT.md, "Facets"), and the rules below are mirrored step for step
//! in `js/client.js` (`facetFilter`, `countFacets`, `byDate`, `bestBetsOf`).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::Document;

/// The facets a query can be narrowed by, in the order the counts list them. `kind` is in the
/// manifest already (documents are grouped by kind); the others are in `f.bin`.
pub const FACETS: [&str; 5] = ["kind", "audience", "country", "municipality", "tag"];

/// What one document carries for filtering and sorting (stored with the document for the Rust
/// `search`, written per language to `f.bin` for the client).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct DocFacets {
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    #[serde(rename = "c", default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(rename = "m", default, skip_serializing_if = "String::is_empty")]
    pub municipality: String,
    #[serde(rename = "g", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// ISO date (`YYYY-MM-DD`) or empty: ISO dates sort as strings.
    #[serde(rename = "d", default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

impl DocFacets {
    pub(crate) fn of(doc: &Document) -> Self {
        DocFacets {
            audience: doc.audience.clone(),
            country: doc.country.clone(),
            municipality: doc.municipality.clone(),
            tags: doc.tags.clone(),
            date: doc.date.clone(),
        }
    }

    /// The document's values for `facet` (one of [`FACETS`] but `kind`).
    fn values(&self, facet: &str) -> Vec<&str> {
        match facet {
            "audience" => self.audience.iter().map(String::as_str).collect(),
            "country" => one(&self.country),
            "municipality" => one(&self.municipality),
            "tag" => self.tags.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

fn one(s: &str) -> Vec<&str> {
    if s.is_empty() { Vec::new() } else { vec![s] }
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// By score, then doc id (tantivy's ranking).
    #[default]
    Relevance,
    /// Newest `date` first; documents without a date after those with one; then by score, then
    /// doc id.
    Date,
}

/// What a search is narrowed to. Within one facet the values are alternatives (any of them);
/// the facets are all required. An empty list does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sort: Sort,
}

impl Filters {
    /// Only these kinds (what `search` took before filters).
    pub fn kinds(kinds: &[String]) -> Self {
        Filters {
            kinds: kinds.to_vec(),
            ..Filters::default()
        }
    }

    fn wanted(&self, facet: &str) -> &[String] {
        match facet {
            "kind" => &self.kinds,
            "audience" => &self.audiences,
            "country" => &self.countries,
            "municipality" => &self.municipalities,
            "tag" => &self.tags,
            _ => &[],
        }
    }

    /// Whether a document of `kind` with `facets` passes every filter but `except`'s (the
    /// counts of a facet are counted as if its own choice were not made, so a reader sees
    /// what each alternative would give).
    pub(crate) fn keeps(&self, kind: &str, facets: &DocFacets, except: Option<&str>) -> bool {
        FACETS.iter().filter(|f| Some(**f) != except).all(|f| {
            let wanted = self.wanted(f);
            wanted.is_empty()
                || if *f == "kind" {
                    wanted.iter().any(|w| w == kind)
                } else {
                    facets
                        .values(f)
                        .iter()
                        .any(|v| wanted.iter().any(|w| w == v))
                }
        })
    }
}

/// Per facet, per value, the number of matching documents (values with none are left out).
pub type Counts = BTreeMap<String, BTreeMap<String, u32>>;

/// The counts for documents matching a query, each given as `(kind, facets)`.
pub(crate) fn count<'a>(
    matches: impl Iterator<Item = (&'a str, &'a DocFacets)> + Clone,
    filters: &Filters,
) -> Counts {
    let mut counts = Counts::new();
    for facet in FACETS {
        let mut per: BTreeMap<String, u32> = BTreeMap::new();
        for (kind, facets) in matches.clone() {
            if !filters.keeps(kind, facets, Some(facet)) {
                continue;
            }
            let values = if facet == "kind" {
                vec![kind]
            } else {
                facets.values(facet)
            };
            // A document with a value twice (a repeated tag) counts once.
            for v in values.into_iter().collect::<BTreeSet<_>>() {
                *per.entry(v.to_string()).or_default() += 1;
            }
        }
        if !per.is_empty() {
            counts.insert(facet.to_string(), per);
        }
    }
    counts
}

/// The facet file of one language (FORMAT.md, "Facets"): per facet but `kind`, its values in
/// byte order, each with its documents as delta-coded doc ids; and every document's date.
pub(crate) fn facet_file(docs: &[&Document]) -> Result<Vec<u8>, serde_json::Error> {
    let all: Vec<DocFacets> = docs.iter().map(|d| DocFacets::of(d)).collect();
    let mut out = serde_json::Map::new();
    for facet in &FACETS[1..] {
        let mut per: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (id, f) in all.iter().enumerate() {
            for v in f.values(facet).into_iter().collect::<BTreeSet<_>>() {
                per.entry(v).or_default().push(id as u32);
            }
        }
        let values: Vec<serde_json::Value> = per
            .into_iter()
            .map(|(v, ids)| {
                let mut prev = 0;
                let deltas: Vec<u32> = ids
                    .into_iter()
                    .enumerate()
                    .map(|(i, id)| {
                        let d = if i == 0 { id } else { id - prev };
                        prev = id;
                        d
                    })
                    .collect();
                serde_json::json!([v, deltas])
            })
            .collect();
        out.insert(facet.to_string(), values.into());
    }
    let dates: Vec<&str> = all.iter().map(|f| f.date.as_str()).collect();
    out.insert("date".into(), serde_json::json!(dates));
    serde_json::to_vec(&out)
}

/// An urgent contact shown above the results when a query names it (FORMAT.md, "Best bets").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestBet {
    /// The contact's name as the reader should see it.
    #[serde(rename = "n")]
    pub name: String,
    /// The number as written (digits, spaces, `+`).
    #[serde(rename = "p")]
    pub phone: String,
    /// The contact's page, relative to the site root.
    #[serde(rename = "u")]
    pub url: String,
    /// The analyzed terms of its title, name and tags, sorted: a query word whose term is one
    /// of them names the contact.
    #[serde(rename = "k")]
    pub terms: Vec<String>,
}

/// The digits of a phone number or query (`+47 116 117` → `47116117`).
pub(crate) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The best bets of one language: its urgent contacts, in doc-id order.
pub(crate) fn best_bets(language: &str, docs: &[&Document]) -> Result<Vec<BestBet>, crate::Error> {
    let mut words = crate::analyzer::Words::new(language)?;
    let mut out = Vec::new();
    for d in docs {
        let Some(u) = &d.urgent else { continue };
        let mut terms: BTreeSet<String> = BTreeSet::new();
        let text = std::iter::once(d.title.as_str())
            .chain(std::iter::once(u.name.as_str()))
            .chain(d.tags.iter().map(String::as_str));
        for t in text {
            for w in words.words(t) {
                if let Some(term) = words.term_of(&w) {
                    terms.insert(term);
                }
            }
        }
        out.push(BestBet {
            name: u.name.clone(),
            phone: u.phone.clone(),
            url: d.url.clone(),
            terms: terms.into_iter().collect(),
        });
    }
    Ok(out)
}

/// The best bets a query names: one of its words' terms is a bet's term, or its digits (at
/// least 3) are the bet's number's digits.
pub(crate) fn matching_bets<'a>(
    bets: &'a [BestBet],
    query_terms: &HashSet<String>,
    query: &str,
) -> Vec<&'a BestBet> {
    let query_digits = digits(query);
    bets.iter()
        .filter(|b| {
            b.terms.iter().any(|t| query_terms.contains(t))
                || (query_digits.len() >= 3 && query_digits == digits(&b.phone))
        })
        .collect()
}
