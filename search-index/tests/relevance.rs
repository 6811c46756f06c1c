//! The relevance set (`tests/data/relevance.tsv`): at least 40 queries per language as people
//! type them (questions in plain words, words without æ/ø/å/ä/ö, compounds the pages do not
//! use, one typo, everyday and official terms), each with the page(s) it means. They run
//! through the browser client in Node, as a visitor's search does, and the share whose page is
//! among the first three results must stay at or above [`MIN_TOP3`] in every language. The
//! rates are printed per language and per kind of query.

mod common;

use std::collections::BTreeMap;

use common::corpus::{LANGUAGES, load_corpus};
use common::node::run_driver;
use search_index::write_site_search;
use serde_json::{Value, json};

/// Queries per language at least.
const MIN_QUERIES: usize = 40;
/// Top-3 hit rate each language must reach. Measured when the set was written (issue 14):
/// da 0.95, sv 0.95, nb 1.00 (query variants and typo matches included).
const MIN_TOP3: f64 = 0.85;

struct Case {
    lang: String,
    kind: String,
    query: String,
    wanted: Vec<String>,
}

fn cases() -> Vec<Case> {
    let path = common::corpus::workspace_root().join("search-index/tests/data/relevance.tsv");
    let text = std::fs::read_to_string(&path).expect("relevance.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "bad line in relevance.tsv: {l:?}");
            Case {
                lang: f[0].into(),
                kind: f[1].into(),
                query: f[2].into(),
                wanted: f[3].split('|').map(|w| w.to_lowercase()).collect(),
            }
        })
        .collect()
}

#[test]
fn top_3_hit_rate_of_the_relevance_set() {
    common::node::require_node();
    let cases = cases();
    let docs = load_corpus();
    let site = tempfile::tempdir().expect("temp dir");
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    write_site_search(&docs, &languages, &site.path().join("search")).expect("write search");
    let jobs: Vec<Value> = cases
        .iter()
        .map(|c| json!({ "q": c.query, "languages": [c.lang], "limit": 10 }))
        .collect();
    let answers = run_driver(site.path(), &Value::Array(jobs));

    // (hits, queries) per language and per (language, kind).
    let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut by_kind: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (case, answer) in cases.iter().zip(&answers) {
        let titles: Vec<String> = answer["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: {answer}", case.query))
            .iter()
            .take(3)
            .map(|h| h["title"].as_str().unwrap_or_default().to_string())
            .collect();
        let hit = titles.iter().any(|t| {
            let t = t.to_lowercase();
            case.wanted.iter().any(|w| t.contains(w.as_str()))
        });
        for entry in [
            by_lang.entry(&case.lang).or_default(),
            by_kind.entry((&case.lang, &case.kind)).or_default(),
        ] {
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
        if !hit {
            misses.push(format!(
                "  [{}] {:?} ({}): wanted {:?}, top 3 {titles:?}",
                case.lang, case.query, case.kind, case.wanted
            ));
        }
    }
    println!("relevance set, top-3 hit rate (browser client):");
    for (lang, (hits, n)) in &by_lang {
        let kinds: Vec<String> = by_kind
            .iter()
            .filter(|((l, _), _)| l == lang)
            .map(|((_, k), (h, n))| format!("{k} {h}/{n}"))
            .collect();
        println!(
            "  {lang}: {hits}/{n} = {:.2} ({})",
            *hits as f64 / *n as f64,
            kinds.join(", ")
        );
    }
    println!("misses:\n{}", misses.join("\n"));
    for lang in LANGUAGES {
        let (hits, n) = by_lang.get(lang).copied().unwrap_or_default();
        assert!(n >= MIN_QUERIES, "{lang}: only {n} queries in the set");
        let rate = hits as f64 / n as f64;
        assert!(
            rate >= MIN_TOP3,
            "{lang}: top-3 hit rate {rate:.2} < {MIN_TOP3}\n{}",
            misses.join("\n")
        );
    }
}
