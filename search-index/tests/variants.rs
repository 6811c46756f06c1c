//! Query variants on the bundled content, as citizens type (issue 14): words without æ/ø/å/ä/ö
//! and compounds the site never uses find the right pages, on both sides (Rust `search` and
//! the client in Node), ranked above typo matches; compounds in the text are found by their
//! parts.

mod common;

use common::corpus::{LANGUAGES, load_corpus};
use common::node::run_driver;
use search_index::{Document, MatchKind, Section, build_index, search, write_site_search};
use serde_json::{Value, json};

fn site(docs: &[Document], languages: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
    write_site_search(docs, &languages, &dir.path().join("search")).unwrap();
    dir
}

fn urls(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results in {answer}"))
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_string())
        .collect()
}

/// (language, query, a page expected in the top 3, how the query finds it). The pages were
/// looked up in the content by hand: each is the page about what the query names.
const EXPECTED: &[(&str, &str, &str, MatchKind)] = &[
    // The contact page's web address spells the name this way, so it is an indexed word.
    (
        "da",
        "moedrehjaelpen",
        "da/contacts/moedrehjaelpen/",
        MatchKind::Exact,
    ),
    (
        "da",
        "netvaerksmoede",
        "da/checklists/netvaerksmoede/",
        MatchKind::Folded,
    ),
    (
        "da",
        "netvaerksmode",
        "da/checklists/netvaerksmoede/",
        MatchKind::Folded,
    ),
    (
        "sv",
        "overformyndarnamnden",
        "sv/contacts/overformyndarnamnden-lund/",
        MatchKind::Folded,
    ),
    (
        "nb",
        "overformyndarnamnden",
        "nb/contacts/overformyndarnamnden-lund/",
        MatchKind::Folded,
    ),
    (
        "da",
        "konflikthåndtering",
        "da/checklists/konflikt-tre-trin/",
        MatchKind::Compound,
    ),
    (
        "nb",
        "konflikthåndtering",
        "nb/checklists/konflikt-tre-trinn/",
        MatchKind::Compound,
    ),
    (
        "nb",
        "konflikthandtering",
        "nb/checklists/konflikt-tre-trinn/",
        MatchKind::Compound,
    ),
    (
        "sv",
        "konflikthantering",
        "sv/checklists/konflikt-tre-steg/",
        MatchKind::Compound,
    ),
    (
        "da",
        "koordinator",
        "da/roles/frivilligkoordinator/",
        MatchKind::Exact,
    ),
    (
        "nb",
        "koordinator",
        "nb/roles/frivilligkoordinator/",
        MatchKind::Exact,
    ),
];

#[test]
fn issue_queries_find_their_pages_on_both_sides() {
    common::node::require_node();
    let docs = load_corpus();
    let dir = site(&docs, &LANGUAGES);
    let jobs: Vec<Value> = EXPECTED
        .iter()
        .map(|(lang, q, _, _)| json!({ "q": q, "languages": [lang], "limit": 10 }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let mut failures = Vec::new();
    for ((lang, q, want, kind), answer) in EXPECTED.iter().zip(&answers) {
        let index = build_index(lang, &docs).unwrap();
        let hits = search(&index, lang, q, &[], 10).unwrap();
        let top: Vec<&str> = hits.iter().take(3).map(|h| h.url.as_str()).collect();
        if !top.iter().any(|u| u.starts_with(want)) {
            failures.push(format!("[{lang}] {q}: {want} not in the top 3 {top:?}"));
        }
        if hits.first().map(|h| h.match_kind) != Some(*kind) {
            failures.push(format!("[{lang}] {q}: expected {kind:?} matches"));
        }
        let js = urls(answer);
        for (i, h) in hits.iter().enumerate() {
            if !js.get(i).is_some_and(|u| u.ends_with(&h.url)) {
                failures.push(format!(
                    "[{lang}] {q}: #{i} JS {:?} vs Rust {}",
                    js.get(i),
                    h.url
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `aeldre` found five wrong pages through a typo (`aldre`, the stem of *aldrig*); folded, it
/// is `ældre` and ranks exactly as `ældre` does, and the client puts the typo matches below.
#[test]
fn folded_words_rank_as_the_word_and_above_typos() {
    common::node::require_node();
    let docs = load_corpus();
    let dir = site(&docs, &["da"]);
    let index = build_index("da", &docs).unwrap();
    let typed = search(&index, "da", "ældre", &[], 10).unwrap();
    let folded = search(&index, "da", "aeldre", &[], 10).unwrap();
    assert!(typed.len() >= 3, "{typed:?}");
    assert_eq!(
        folded.iter().map(|h| &h.url).collect::<Vec<_>>(),
        typed.iter().map(|h| &h.url).collect::<Vec<_>>()
    );
    for (f, t) in folded.iter().zip(&typed) {
        assert_eq!(f.match_kind, MatchKind::Folded);
        // Variant terms weigh half (exact in f32).
        assert_eq!(f.score, t.score * 0.5);
        assert_eq!(f.excerpt, t.excerpt);
    }
    assert!(
        folded[0].excerpt.contains("<mark>"),
        "{}",
        folded[0].excerpt
    );
    let answers = run_driver(
        dir.path(),
        &json!([{ "q": "aeldre", "languages": ["da"], "limit": 40 }]),
    );
    let r = answers[0]["results"].as_array().unwrap();
    let n = folded.len();
    for (i, hit) in r.iter().enumerate() {
        let want = if i < n { "folded" } else { "fuzzy" };
        assert_eq!(hit["match"], want, "#{i}: {hit}");
    }
}

fn page(url: &str, title: &str, text: &str) -> Document {
    Document {
        url: url.into(),
        title: title.into(),
        kind: "page".into(),
        language: "da".into(),
        tags: Vec::new(),
        summary: String::new(),
        sections: vec![Section {
            heading: String::new(),
            anchor: String::new(),
            text: text.into(),
            links: false,
        }],
        stale: false,
        group: String::new(),
        ..Default::default()
    }
}

/// A page that only says `konflikthåndtering` is found by `konflikt` (through its indexed
/// parts), below pages that say `konflikt` itself; a word that merely starts like a known one
/// is not split.
#[test]
fn compounds_in_the_text_are_found_by_their_parts() {
    common::node::require_node();
    let docs = vec![
        page(
            "da/a/",
            "Kurser",
            "Vi holder kurser i konflikthåndtering for frivillige.",
        ),
        page("da/b/", "Uenighed", "En konflikt kan løses ved et møde."),
        page("da/c/", "Klager", "Håndtering af klager sker i kommunen."),
        page("da/d/", "Behandling", "Behandlingen af sagen tager tid."),
        page("da/e/", "Ingenting", "Der sker ingenting i dag."),
    ];
    let dir = site(&docs, &["da"]);
    let index = build_index("da", &docs).unwrap();
    let hits = search(&index, "da", "konflikt", &[], 10).unwrap();
    let found: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
    assert_eq!(found, ["da/b/", "da/a/"]);
    // "behandlingen" is not "behandl" + "ingen".
    let hits = search(&index, "da", "ingen", &[], 10).unwrap();
    assert!(hits.iter().all(|h| h.url != "da/d/"), "{hits:?}");
    let answers = run_driver(
        dir.path(),
        &json!([
            { "q": "konflikt", "languages": ["da"], "limit": 10 },
            { "q": "klagehåndtering", "languages": ["da"], "limit": 10 },
        ]),
    );
    let js = urls(&answers[0]);
    assert_eq!(js.len(), 2, "{js:?}");
    assert!(
        js[0].ends_with("da/b/") && js[1].ends_with("da/a/"),
        "{js:?}"
    );
    let rust = search(&index, "da", "klagehåndtering", &[], 10).unwrap();
    assert_eq!(rust.first().map(|h| h.url.as_str()), Some("da/c/"));
    assert_eq!(rust[0].match_kind, MatchKind::Compound);
    let js = urls(&answers[1]);
    assert_eq!(js.len(), rust.len());
    assert!(js[0].ends_with("da/c/"), "{js:?}");
}
