//! The analyzer on both sides: Rust (tantivy) and the JS client's `analyze`, which must agree
//! term for term, and the stop-word lists, which must be tantivy's.

mod common;

use std::collections::BTreeSet;

use common::corpus::{LANGUAGES, load_corpus};
use common::node::run_driver;
use search_index::{analyze, stop_words, tokenizer_name};
use serde_json::{Value, json};

#[test]
fn analyzer_chain_behaves_like_the_contract() {
    assert_eq!(tokenizer_name("sv"), "samspil_sv");
    // Split on non-alphanumerics, lowercase, stop words out, Snowball stems.
    assert_eq!(
        analyze("da", "Frivillige OG kommunen").unwrap(),
        ["frivil", "kommun"]
    );
    assert_eq!(analyze("sv", "Och frivilliga").unwrap(), ["frivil"]);
    // Tokens of 40 bytes or more are dropped (before lowercasing); 39 bytes stay.
    let ae39 = format!("{}a", "æ".repeat(19));
    let ae40 = "æ".repeat(20);
    assert_eq!(analyze("da", &ae39).unwrap().len(), 1);
    assert!(analyze("da", &ae40).unwrap().is_empty());
    assert!(analyze("da", "").unwrap().is_empty());
    // Every other language code gets the general analyzer: words, lower case, nothing dropped
    // or stemmed, in any script. A code that could not name a directory is refused.
    assert_eq!(
        analyze("uk", "Волонтери ДОПОМАГАЮТЬ громаді, and the volunteers").unwrap(),
        [
            "волонтери",
            "допомагають",
            "громаді",
            "and",
            "the",
            "volunteers"
        ]
    );
    assert_eq!(
        analyze("ar", "المتطوعون في البلدية").unwrap(),
        ["المتطوعون", "في", "البلدية"]
    );
    assert_eq!(
        analyze("se-FI", "Eaktodáhtolaš").unwrap(),
        ["eaktodáhtolaš"]
    );
    // English: tantivy's stop words and Snowball stemmer.
    assert_eq!(
        analyze("en", "The volunteers are happily helping").unwrap(),
        ["volunt", "happili", "help"]
    );
    for bad in ["", "../x", "Da", "d a", "da/x"] {
        assert!(analyze(bad, "a").is_err(), "{bad:?}");
    }
    // nn and no use the Norwegian (Bokmål) analyzer.
    assert_eq!(
        analyze("nn", "frivillige").unwrap(),
        analyze("nb", "frivillige").unwrap()
    );
}

#[test]
fn stop_words_are_exactly_tantivys() {
    let docs = load_corpus();
    for lang in LANGUAGES {
        let stop: BTreeSet<&str> = stop_words(lang).unwrap().iter().copied().collect();
        // tantivy drops every listed word...
        for w in &stop {
            assert!(
                analyze(lang, w).unwrap().is_empty(),
                "{lang}: {w:?} not dropped"
            );
        }
        // ...and no other word of the corpus.
        let mut vocabulary = BTreeSet::new();
        for d in docs.iter().filter(|d| d.language == lang) {
            for s in &d.sections {
                for w in s.text.split(|c: char| !c.is_alphanumeric()) {
                    if !w.is_empty() && w.len() < 40 {
                        vocabulary.insert(w.to_lowercase());
                    }
                }
            }
        }
        for w in &vocabulary {
            let dropped = analyze(lang, w).unwrap().is_empty();
            assert_eq!(dropped, stop.contains(w.as_str()), "{lang}: {w:?}");
        }
    }
}

/// English (Snowball, Porter2) and languages without a stemmer of their own (the general
/// analyzer), with text in them.
const GENERAL: &[(&str, &str)] = &[
    (
        "en",
        "Volunteers happily help the municipality; the volunteer's duty of confidentiality, \
         generously organized by coordinators.",
    ),
    (
        "en-GB",
        "Organisations and neighbourhoods: flying, dying, agreed.",
    ),
    (
        "uk",
        "Волонтери допомагають громаді. Обов'язок конфіденційності — для всіх!",
    ),
    (
        "ar",
        "يساعد المتطوعون البلدية. واجب السرية على الجميع، ١٢٣ ٤٥.",
    ),
    (
        "fi",
        "Vapaaehtoiset auttavat kuntaa. Vaitiolovelvollisuus koskee kaikkia.",
    ),
    (
        "se",
        "Eaktodáhtolaččat veahkehit suohkana. Jávohisvuođageatnegasvuohta.",
    ),
];

/// Text that exercises each analyzer step, in every script the tokenizer might meet.
const TRICKY: &[&str] = &[
    "Frivillige ÆBLER, øl og ÅER — ÄRLIG ÖL",
    "Σίσυφος ΣΑΣ ΟΔΟΣ İstanbul ǅemal ß ẞ ﬁne",
    "e-mail don't 3.5 2018-01-01 ½ ² Ⅻ ٣ 𝟘𝟙 x²",
    "🙂 emoji👍🏽tekst \u{200b} zero\u{200b}width \u{200d} family👨\u{200d}👩\u{200d}👧",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ææææææææææææææææææææ æææææææææææææææææææa ÆÆÆÆÆÆÆÆÆÆÆÆÆÆÆÆÆÆÆa",
    "日本語のテキスト 中文 한국어 العربية עברית हिन्दी ไทย",
    "combining: e\u{301}te\u{301} A\u{30a}r cafe\u{301}",
    "\u{0} \u{7f} \u{feff}bom \u{a0}nbsp tab\there\nnewline",
];

#[test]
fn js_analyze_equals_rust_analyze() {
    let docs = load_corpus();
    let mut jobs = Vec::new();
    let mut want: Vec<Vec<String>> = Vec::new();
    for lang in LANGUAGES {
        let mut texts: Vec<String> = TRICKY.iter().map(|t| t.to_string()).collect();
        for w in stop_words(lang).unwrap() {
            texts.push(w.to_string());
            texts.push(w.to_uppercase());
        }
        for d in docs.iter().filter(|d| d.language == lang) {
            texts.push(d.title.clone());
            texts.push(d.tags.join(" "));
            texts.push(d.summary.clone());
            for s in &d.sections {
                texts.push(format!("{}\n{}", s.heading, s.text));
            }
        }
        for t in texts {
            want.push(analyze(lang, &t).unwrap());
            jobs.push(json!({ "analyze": [lang, t] }));
        }
    }
    for (lang, text) in GENERAL {
        for t in TRICKY.iter().chain([text]) {
            want.push(analyze(lang, t).unwrap());
            jobs.push(json!({ "analyze": [lang, t] }));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let search = dir.path().join("search");
    std::fs::create_dir_all(&search).unwrap();
    std::fs::write(
        search.join("samspil-search.js"),
        search_index::client_module(),
    )
    .unwrap();
    let got = run_driver(dir.path(), &Value::Array(jobs.clone()));
    let mut differ = Vec::new();
    for ((job, w), g) in jobs.iter().zip(&want).zip(&got) {
        if g != &json!(w) {
            differ.push(format!("{}: Rust {w:?} JS {g}", job["analyze"]));
        }
    }
    println!(
        "analyzer parity: {} texts, {} differ",
        jobs.len(),
        differ.len()
    );
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn client_module_embeds_tantivys_stop_words() {
    let module = search_index::client_module();
    for lang in LANGUAGES.iter().chain(&["en"]) {
        let marker = format!("{lang}: '");
        let start = module.find(&marker).expect("stop list in module") + marker.len();
        let end = start + module[start..].find('\'').expect("end of list");
        let js: Vec<&str> = module[start..end].split(' ').collect();
        assert_eq!(js, stop_words(lang).unwrap(), "{lang}");
    }
}
