//! The browser client beyond plain-word parity (tests/parity.rs): odd queries on both sides,
//! prefix and typo matches ranking below exact ones, kinds, several languages, sub-paths,
//! caching and lazy fragments, and BM25 parity on very short and very long documents.

mod common;

use common::corpus::{LANGUAGES, load_corpus};
use common::node::run_driver;
use search_index::{Document, Section, build_index, search, write_site_search};
use serde_json::{Value, json};

fn site(docs: &[Document]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    write_site_search(docs, &languages, &dir.path().join("search")).unwrap();
    dir
}

fn results(answer: &Value) -> &Vec<Value> {
    answer["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results in {answer}"))
}

const ODD: &[&str] = &[
    "",
    "   ",
    "***",
    "!!!???",
    "\"frivillig\"",
    "frivillig*",
    "🙂",
    "👨‍👩‍👧 frivillig 🙂",
    "\u{0}",
    "\u{feff}\u{200b}",
    "og i at det",
    "<script>alert(1)</script>",
    "العربية עברית",
    "ÆØÅ æøå ÄÖ",
    "x",
    "ab",
];

#[test]
fn odd_queries_neither_panic_nor_throw() {
    let docs = load_corpus();
    let dir = site(&docs);
    let long_word = "frivillig".repeat(1000);
    let many_words = "frivillig kommune bisidder tavshedspligt ".repeat(300);
    let emoji_run = "🙂".repeat(5000);
    let mut queries: Vec<String> = ODD.iter().map(|q| q.to_string()).collect();
    queries.extend([long_word, many_words, emoji_run]);
    let mut jobs = Vec::new();
    for lang in LANGUAGES {
        let index = build_index(lang, &docs).unwrap();
        for q in &queries {
            let hits = search(&index, lang, q, &[], 10).expect("no error on odd input");
            assert!(hits.len() <= 10);
            if q.trim().is_empty() {
                assert!(hits.is_empty());
            }
            jobs.push(json!({ "q": q, "languages": [lang], "limit": 10 }));
        }
        assert!(
            search(&index, lang, "frivillig", &[], 0)
                .unwrap()
                .is_empty()
        );
        assert!(
            search(&index, lang, "frivillig", &["nonexistent".into()], 10)
                .unwrap()
                .is_empty()
        );
    }
    jobs.push(json!({ "q": "frivillig", "languages": ["da"], "limit": 0 }));
    jobs.push(json!({ "q": "frivillig", "languages": ["da"], "kinds": ["nonexistent"] }));
    jobs.push(json!({ "q": "frivillig", "languages": [] }));
    jobs.push(json!({ "q": "frivillig", "languages": ["da"], "limit": "x" }));
    jobs.push(json!({ "q": "frivillig", "languages": "da", "kinds": "role" }));
    jobs.push(json!({ "q": "frivillig", "languages": ["da"], "kinds": null, "limit": 1e9 }));
    let answers = run_driver(dir.path(), &Value::Array(jobs.clone()));
    for (job, answer) in jobs.iter().zip(&answers) {
        assert!(answer.get("error").is_none(), "{job} threw: {answer}");
        let r = results(answer);
        assert!(r.len() <= 10 || job["limit"] == 1e9);
        if job["q"].as_str().is_some_and(|q| q.trim().is_empty()) || job["limit"] == 0 {
            assert!(r.is_empty(), "{job}");
        }
        for hit in r {
            let excerpt = hit["excerpt"].as_str().unwrap();
            assert!(
                !excerpt.contains("<script"),
                "excerpt not escaped: {excerpt}"
            );
        }
    }
}

#[test]
fn prefix_and_typo_matches_rank_below_exact_ones() {
    let docs = load_corpus();
    let dir = site(&docs);
    let index = build_index("da", &docs).unwrap();
    let jobs = json!([
        // A word cut short while typing: no exact term, prefix matches.
        { "q": "tavshedspl", "languages": ["da"], "limit": 10 },
        // Typos: substitution, transposition, deletion.
        { "q": "tavshedsplikt", "languages": ["da"], "limit": 10 },
        { "q": "konfilkt", "languages": ["da"], "limit": 10 },
        { "q": "frivllig", "languages": ["da"], "limit": 10 },
        // An exact word and a typo: exact results first, unchanged.
        { "q": "bisidder tavshedsplikt", "languages": ["da"], "limit": 10 },
        // A finished word (space typed): no prefix expansion of it; unfinished: expanded.
        { "q": "tavs ", "languages": ["da"], "limit": 10 },
        { "q": "tavs", "languages": ["da"], "limit": 10 },
        // Short words get no typo tolerance.
        { "q": "mødx ", "languages": ["da"], "limit": 10 },
    ]);
    let answers = run_driver(dir.path(), &jobs);
    for (i, q) in ["tavshedspl", "tavshedsplikt", "konfilkt", "frivllig"]
        .iter()
        .enumerate()
    {
        assert!(
            search(&index, "da", q, &[], 10).unwrap().is_empty(),
            "{q} is not a word"
        );
        let r = results(&answers[i]);
        assert!(!r.is_empty(), "{q}: no prefix/typo results");
        for hit in r {
            assert_eq!(hit["match"], "fuzzy", "{q}");
        }
        // A page that has the word only in a list of links shows its summary, unmarked.
        assert!(
            r[0]["excerpt"].as_str().unwrap().contains("<mark>"),
            "{q}: {}",
            r[0]
        );
        for w in r.windows(2) {
            assert!(w[0]["score"].as_f64() >= w[1]["score"].as_f64());
        }
    }
    let exact = search(&index, "da", "bisidder tavshedsplikt", &[], 10).unwrap();
    assert!(!exact.is_empty());
    let r = results(&answers[4]);
    for (i, hit) in r.iter().enumerate() {
        if i < exact.len() {
            assert_eq!(hit["match"], "exact");
            assert_eq!(hit["score"].as_f64().unwrap() as f32, exact[i].score);
            assert!(hit["url"].as_str().unwrap().ends_with(&exact[i].url));
        } else {
            assert_eq!(hit["match"], "fuzzy");
        }
    }
    assert!(
        results(&answers[5]).is_empty(),
        "a finished non-word matched: {}",
        answers[5]
    );
    assert!(
        !results(&answers[6]).is_empty(),
        "an unfinished word is a prefix"
    );
    assert!(search(&index, "da", "mødx", &[], 10).unwrap().is_empty());
    assert!(!search(&index, "da", "møde", &[], 10).unwrap().is_empty());
    assert!(
        results(&answers[7]).is_empty(),
        "short words are not typo-corrected"
    );
}

#[test]
fn kinds_languages_subpaths_caching_and_lazy_fragments() {
    let docs = load_corpus();
    let dir = site(&docs);
    let jobs = json!([
        { "q": "frivillig", "languages": ["da"], "kinds": ["role", "contact"], "limit": 10 },
        { "q": "frivillig kommune", "languages": ["da", "sv", "nb"], "limit": 10, "fresh": true },
        { "q": "frivillig", "languages": ["sv"], "limit": 1, "fresh": true },
        { "q": "frivillig", "languages": ["sv"], "limit": 1 },
        { "q": "frivillig", "languages": ["nb"], "limit": 3,
          "base": "https://kommune.example/frivillig/" },
        { "q": "frivillig", "languages": ["nb"], "limit": 3, "base": "/frivillig",
          "location": "https://kommune.example/frivillig/nb/side/" },
    ]);
    let answers = run_driver(dir.path(), &jobs);

    for hit in results(&answers[0]) {
        assert!(
            ["role", "contact"].contains(&hit["kind"].as_str().unwrap()),
            "{hit}"
        );
    }
    let da = build_index("da", &docs).unwrap();
    let filtered = search(
        &da,
        "da",
        "frivillig",
        &["role".into(), "contact".into()],
        10,
    )
    .unwrap();
    let urls: Vec<&str> = results(&answers[0])
        .iter()
        .map(|h| h["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), filtered.len());
    for (u, h) in urls.iter().zip(&filtered) {
        assert!(u.ends_with(&h.url));
    }

    // Several languages: one result per translation group, the best version (by relevance,
    // the score as a share of what its index could give the query) standing for the others,
    // which it lists; scores stay each index's own (tantivy's).
    let group_of: std::collections::HashMap<String, &str> = docs
        .iter()
        .map(|d| (d.url.clone(), d.group.as_str()))
        .collect();
    let path_of = |url: &str| {
        let u = url.split('#').next().unwrap();
        group_of
            .keys()
            .find(|k| u.ends_with(k.as_str()))
            .cloned()
            .unwrap_or_else(|| panic!("{url} is no document"))
    };
    let multi = results(&answers[1]);
    assert_eq!(multi.len(), 10);
    let mut seen = std::collections::BTreeSet::new();
    let mut last = f64::INFINITY;
    let mut with_also = 0;
    for hit in multi {
        let path = path_of(hit["url"].as_str().unwrap());
        assert!(
            seen.insert(group_of[&path]),
            "two results for {}",
            group_of[&path]
        );
        let lang = hit["language"].as_str().unwrap();
        let index = build_index(lang, &docs).unwrap();
        let rust = search(&index, lang, "frivillig kommune", &[], 100).unwrap();
        let r = rust
            .iter()
            .find(|r| path.ends_with(r.url.split('#').next().unwrap()));
        assert_eq!(
            r.map(|r| r.score),
            Some(hit["score"].as_f64().unwrap() as f32),
            "{hit}"
        );
        let relevance = hit["relevance"].as_f64().unwrap();
        assert!(
            relevance > 0.0 && relevance <= 1.0 && relevance <= last,
            "{hit}"
        );
        last = relevance;
        for other in hit["also"].as_array().unwrap() {
            assert_ne!(other["language"], hit["language"]);
            let other_path = path_of(other["url"].as_str().unwrap());
            assert_eq!(group_of[&other_path], group_of[&path], "{hit}");
            with_also += 1;
        }
    }
    assert!(with_also > 0, "no result lists its other versions");
    let langs: std::collections::BTreeSet<&str> = multi
        .iter()
        .map(|h| h["language"].as_str().unwrap())
        .collect();
    assert!(
        langs.len() > 1,
        "expected hits from several languages: {langs:?}"
    );

    // A first query fetches the manifest, the shard of its term and one fragment file; the
    // same query again fetches nothing.
    let first: Vec<&str> = answers[2]["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[0].as_str().unwrap())
        .collect();
    assert_eq!(first.len(), 3, "{first:?}");
    assert!(first[0].ends_with("sv/manifest.bin"));
    assert_eq!(first.iter().filter(|p| p.contains("/d")).count(), 1);
    assert!(
        answers[3]["fetched"].as_array().unwrap().is_empty(),
        "{}",
        answers[3]
    );

    // Under a sub-path, absolute or relative to the page.
    for answer in &answers[4..6] {
        let r = results(answer);
        assert_eq!(r.len(), 3, "{answer}");
        for hit in r {
            let url = hit["url"].as_str().unwrap();
            assert!(
                url.starts_with("https://kommune.example/frivillig/nb/")
                    || url.starts_with("/frivillig/nb/"),
                "{url}"
            );
        }
        for f in answer["fetched"].as_array().unwrap() {
            assert!(f[0].as_str().unwrap().starts_with("search/nb/"), "{f}");
        }
    }
}

/// Documents from 1 to 70,000 words: fieldnorms in the exact range and far into the quantized
/// one, where client and tantivy must still agree bit for bit.
#[test]
fn scores_agree_on_very_short_and_very_long_documents() {
    let words = [
        "frivillig",
        "kommune",
        "møde",
        "ældre",
        "bisidder",
        "tavshedspligt",
        "hjælp",
    ];
    let mut docs = Vec::new();
    for (i, n) in [1usize, 2, 7, 39, 40, 41, 42, 90, 400, 3000, 20_000, 70_000]
        .iter()
        .enumerate()
    {
        let text: Vec<&str> = (0..*n).map(|k| words[(k * 3 + i) % words.len()]).collect();
        docs.push(Document {
            url: format!("da/len-{n}/"),
            title: words[i % words.len()].to_string(),
            kind: if i % 2 == 0 { "page" } else { "role" }.into(),
            language: "da".into(),
            tags: vec![words[(i + 1) % words.len()].to_string()],
            summary: String::new(),
            sections: vec![Section {
                heading: if i % 3 == 0 {
                    "Hjælp til ældre".into()
                } else {
                    String::new()
                },
                anchor: if i % 3 == 0 {
                    "hjaelp".into()
                } else {
                    String::new()
                },
                text: text.join(" "),
                links: false,
            }],
            stale: false,
            group: String::new(),
            ..Default::default()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    write_site_search(&docs, &["da".to_string()], &dir.path().join("search")).unwrap();
    let index = build_index("da", &docs).unwrap();
    let queries = [
        "frivillig",
        "kommune møde",
        "ældre hjælp bisidder",
        "tavshedspligt frivillig",
    ];
    let jobs: Vec<Value> = queries
        .iter()
        .map(|q| json!({ "q": q, "languages": ["da"], "limit": 12 }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    for (q, answer) in queries.iter().zip(&answers) {
        let want = search(&index, "da", q, &[], 12).unwrap();
        let got = results(answer);
        assert_eq!(got.len(), want.len(), "{q}");
        for (g, w) in got.iter().zip(&want) {
            assert!(
                g["url"].as_str().unwrap().ends_with(&w.url),
                "{q}: {g} vs {w:?}"
            );
            assert_eq!(
                (g["score"].as_f64().unwrap() as f32).to_bits(),
                w.score.to_bits(),
                "{q}: {g}"
            );
            assert_eq!(g["excerpt"].as_str().unwrap(), w.excerpt, "{q}");
        }
    }
}

/// A pasted paragraph: only the first 32 distinct terms count, on both sides.
#[test]
fn long_queries_keep_the_same_32_terms() {
    let docs = load_corpus();
    let dir = site(&docs);
    let mut jobs = Vec::new();
    let mut want = Vec::new();
    for lang in LANGUAGES {
        let index = build_index(lang, &docs).unwrap();
        for d in docs.iter().filter(|d| d.language == lang).take(3) {
            let text: String = d
                .sections
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let words: Vec<&str> = text.split_whitespace().take(120).collect();
            let q = words.join(" ");
            want.push(search(&index, lang, &q, &[], 10).unwrap());
            jobs.push(json!({ "q": q, "languages": [lang], "limit": 10 }));
        }
    }
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    for (w, a) in want.iter().zip(&answers) {
        let got = results(a);
        assert_eq!(got.len(), w.len());
        for (g, h) in got.iter().zip(w) {
            assert!(g["url"].as_str().unwrap().ends_with(&h.url));
            assert_eq!(
                (g["score"].as_f64().unwrap() as f32).to_bits(),
                h.score.to_bits()
            );
        }
    }
}

/// The client keeps only the best `limit` hits while scoring (and sorts all of them above 64):
/// every limit must give a prefix of the same order, ties broken by doc id, as tantivy ranks.
#[test]
fn any_limit_gives_the_same_order_ties_included() {
    let mut docs = Vec::new();
    for i in 0..150 {
        // Groups of identical documents tie exactly; the groups differ in length.
        let n = 3 + (i / 10) % 6;
        let text: Vec<&str> = (0..n)
            .map(|k| if k % 2 == 0 { "frivillig" } else { "kommune" })
            .collect();
        docs.push(Document {
            url: format!("da/d{i}/"),
            title: "Side".into(),
            kind: "page".into(),
            language: "da".into(),
            tags: vec![],
            summary: String::new(),
            sections: vec![Section {
                heading: String::new(),
                anchor: String::new(),
                text: text.join(" "),
                links: false,
            }],
            stale: false,
            group: String::new(),
            ..Default::default()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    write_site_search(&docs, &["da".to_string()], &dir.path().join("search")).unwrap();
    let index = build_index("da", &docs).unwrap();
    let limits = [1usize, 3, 10, 64, 65, 100, 150];
    let jobs: Vec<Value> = limits
        .iter()
        .map(|l| json!({ "q": "frivillig kommune", "languages": ["da"], "limit": l }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let want = search(&index, "da", "frivillig kommune", &[], 150).unwrap();
    assert_eq!(want.len(), 150);
    for (limit, answer) in limits.iter().zip(&answers) {
        let got = results(answer);
        assert_eq!(got.len(), *limit);
        for (g, w) in got.iter().zip(&want) {
            assert!(
                g["url"].as_str().unwrap().ends_with(&w.url),
                "limit {limit}: {g} vs {w:?}"
            );
        }
    }
}

/// "See also" lists name other pages, so their words match many queries; the excerpt must come
/// from prose all the same (the section is searched but never shown), on both sides.
#[test]
fn excerpts_never_come_from_lists_of_links() {
    let docs = load_corpus();
    let dir = site(&docs);
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for doc in &docs {
        for s in doc.sections.iter().filter(|s| s.links) {
            let Some(word) = s
                .text
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.chars().count() >= 6)
            else {
                continue;
            };
            jobs.push(json!({ "q": word, "languages": [doc.language], "limit": 50 }));
            expected.push((
                doc.language.clone(),
                word.to_string(),
                doc.url.clone(),
                s.anchor.clone(),
            ));
        }
    }
    assert!(
        jobs.len() >= 20,
        "only {} link lists in the corpus",
        jobs.len()
    );
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let indexes: std::collections::BTreeMap<&str, _> = LANGUAGES
        .iter()
        .map(|l| (*l, build_index(l, &docs).unwrap()))
        .collect();
    let mut checked = 0;
    for ((lang, word, url, anchor), answer) in expected.iter().zip(&answers) {
        let index = &indexes[lang.as_str()];
        let bad = format!("{url}#{anchor}");
        for hit in search(index, lang, word, &[], 50).unwrap() {
            assert_ne!(hit.url, bad, "{word}: excerpt from a list of links");
            checked += usize::from(hit.url.starts_with(url.as_str()));
        }
        for hit in results(answer) {
            let u = hit["url"].as_str().unwrap();
            assert!(
                !u.ends_with(&bad),
                "{word}: JS excerpt from a list of links"
            );
        }
    }
    assert!(
        checked >= 20,
        "the pages themselves were found {checked} times"
    );
}

/// A Danish reader searching all languages with the Swedish word finds the Swedish page first,
/// marked as Swedish, with the Danish version of the same item beside it, not as a second hit.
#[test]
fn another_languages_version_that_matches_better_stands_for_the_item() {
    let docs = load_corpus();
    let dir = site(&docs);
    let answers = run_driver(
        dir.path(),
        &json!([{ "q": "tystnadsplikt", "languages": ["da", "sv", "nb"], "limit": 10 }]),
    );
    let r = results(&answers[0]);
    let top = &r[0];
    assert_eq!(top["language"], "sv", "{top}");
    assert!(
        top["title"].as_str().unwrap().contains("Tystnadsplikt"),
        "{top}"
    );
    let also: Vec<&str> = top["also"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["language"].as_str().unwrap())
        .collect();
    assert!(also.contains(&"da"), "{top}");
    for (i, hit) in r.iter().enumerate() {
        for other in hit["also"].as_array().unwrap() {
            let url = other["url"].as_str().unwrap();
            assert!(
                r.iter()
                    .all(|h| h["url"].as_str().unwrap().split('#').next() != Some(url)),
                "#{i}: {url} is listed as another version and also a result of its own"
            );
        }
    }
}

#[test]
fn suggestions_offer_known_words_for_unknown_ones() {
    let docs = load_corpus();
    let dir = site(&docs);
    let cases: &[(&str, &str, Option<&str>)] = &[
        // One edit: a letter missing, one too many; the reader sees a word of the text, not
        // the stem (`frivillig`, `tavshedsp`).
        ("da", "frivilige ", Some("frivillige")),
        ("da", "tavshedspligtt", Some("tavshedspligt")),
        (
            "sv",
            "frivilliga samordnarre",
            Some("frivilliga samordnare"),
        ),
        ("nb", "taushetsplikk", Some("taushetsplikt")),
        // Two edits, where the search itself finds nothing.
        ("da", "bissidderr", Some("bisidder")),
        // Typed without æ/ø/å/ä/ö: the spelling with them.
        ("da", "aeldre", Some("ældre")),
        ("da", "netvaerksmoede", Some("netværksmøde")),
        ("sv", "overformyndarnamnden", Some("överförmyndarnämnden")),
        // Words the index knows, compounds it can split, stop words, short words: no suggestion.
        ("da", "frivillig bisidder", None),
        ("da", "konflikthåndtering", None),
        ("da", "og i at", None),
        ("da", "xyz", None),
        // The last word while typing begins known words: no suggestion yet.
        ("da", "tavshedsp", None),
        // Nothing near at all.
        ("da", "qqqqqqqqqq", None),
    ];
    let jobs: Vec<Value> = cases
        .iter()
        .map(|(lang, q, _)| json!({ "suggest": q, "language": lang }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let wrong: Vec<String> = cases
        .iter()
        .zip(answers.iter())
        .filter(|((_, _, want), answer)| answer["suggestion"]["query"].as_str() != *want)
        .map(|((lang, q, want), answer)| format!("{lang} {q:?}: want {want:?}, got {answer}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        answers[1]["suggestion"]["words"],
        json!([{ "from": "tavshedspligtt", "to": "tavshedspligt" }])
    );
    // After a search that found something, the suggestion costs no request; after one that
    // found nothing, one fragment file at most.
    assert_eq!(answers[0]["fetched"], json!([]), "{}", answers[0]);
    assert!(
        answers[4]["fetched"].as_array().unwrap().len() <= 1,
        "{}",
        answers[4]
    );
}

#[test]
fn a_page_opened_from_a_result_marks_stems_spellings_and_compounds() {
    let docs = load_corpus();
    let dir = site(&docs);
    let da = "Frivillige og frivillig: ældre borgere, konflikthåndtering og konflikter, \
              frivilligkoordinatoren, en rolle. Bisidderen og fri vilje.";
    let cases: &[(&str, &str, &str, &[&str])] = &[
        // Stems: every form of the word, in any case.
        (
            "da",
            "frivillige",
            da,
            &["Frivillige", "frivillig", "frivilligkoordinatoren"],
        ),
        // Typed without æ: the spelling the index knows.
        ("da", "aeldre", da, &["ældre"]),
        // A query term of four letters or more at either end of a page word.
        (
            "da",
            "konflikt koordinator",
            da,
            &["konflikthåndtering", "konflikter", "frivilligkoordinatoren"],
        ),
        // A query term shorter than that marks only itself (`fri` not `frivillig`).
        ("da", "fri", da, &["fri"]),
        // Stop words mark nothing.
        ("da", "og en", da, &[]),
        (
            "sv",
            "frivilliga",
            "Den frivillige och frivilligorganisationen.",
            &["frivillige", "frivilligorganisationen"],
        ),
    ];
    let jobs: Vec<Value> = cases
        .iter()
        .map(|(lang, q, text, _)| json!({ "marker": q, "language": lang, "text": text }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let wrong: Vec<String> = cases
        .iter()
        .zip(answers.iter())
        .filter(|((_, _, _, want), answer)| answer["marked"] != json!(want))
        .map(|((lang, q, _, want), answer)| format!("{lang} {q:?}: want {want:?}, got {answer}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
