//! Languages without an analyzer of their own (English, Ukrainian, Arabic, …) get the general
//! analyzer, and a site with them builds with search: the client finds their pages and ranks
//! them exactly as the Rust `search` does (same top 10, bit-identical scores, same excerpts).

mod common;

use common::node::run_driver;
use search_index::{Document, Section, build_index, search, write_site_search};
use serde_json::{Value, json};

/// Sentences per language; each document takes a few of them, so terms recur with varying
/// frequencies and document lengths.
const TEXTS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "Volunteers help the municipality with visits, transport and homework clubs.",
            "Every volunteer has a duty of confidentiality about what they hear.",
            "The volunteer coordinator answers questions about insurance and expenses.",
            "Conflicts between volunteers and staff are solved in three steps.",
            "Ask the municipality before you share sensitive information.",
        ],
    ),
    (
        "uk",
        &[
            "Волонтери допомагають громаді з відвідуваннями та транспортом.",
            "Кожен волонтер зобов'язаний зберігати конфіденційність.",
            "Координатор волонтерів відповідає на питання про страхування.",
            "Конфлікти між волонтерами та працівниками вирішують у три кроки.",
            "Запитайте громаду, перш ніж ділитися чутливою інформацією.",
        ],
    ),
    (
        "ar",
        &[
            "يساعد المتطوعون البلدية في الزيارات والنقل.",
            "على كل متطوع واجب السرية بشأن ما يسمعه.",
            "يجيب منسق المتطوعين عن أسئلة التأمين والنفقات.",
            "تحل النزاعات بين المتطوعين والموظفين في ثلاث خطوات.",
            "اسأل البلدية قبل مشاركة المعلومات الحساسة.",
        ],
    ),
];

fn docs() -> Vec<Document> {
    let mut out = Vec::new();
    for (lang, sentences) in TEXTS {
        for i in 0..12 {
            let pick = |k: usize| sentences[(i * 3 + k * 2) % sentences.len()];
            out.push(Document {
                url: format!("{lang}/page-{i}/"),
                title: pick(0).split(' ').take(3).collect::<Vec<_>>().join(" "),
                kind: if i % 3 == 0 { "role" } else { "page" }.into(),
                language: lang.to_string(),
                tags: Vec::new(),
                summary: pick(1).to_string(),
                sections: (0..1 + i % 4)
                    .map(|k| Section {
                        heading: format!("{} {k}", pick(k + 2).split(' ').next().unwrap()),
                        anchor: format!("s{k}"),
                        text: [pick(k), pick(k + 1), pick(k + 3)].join(" "),
                        links: false,
                    })
                    .collect(),
                stale: false,
                group: format!("page-{i}"),
                ..Default::default()
            });
        }
    }
    out
}

#[test]
fn other_languages_search_alike_on_both_sides() {
    common::node::require_node();
    let docs = docs();
    let dir = tempfile::tempdir().unwrap();
    let languages: Vec<String> = ["en", "uk", "ar"].iter().map(|l| l.to_string()).collect();
    write_site_search(&docs, &languages, &dir.path().join("search")).unwrap();
    let queries: &[(&str, &str)] = &[
        ("en", "volunteers"),
        ("en", "Volunteer confidentiality"),
        ("en", "the municipality insurance"),
        ("en", "conflicts"),
        ("uk", "волонтери"),
        ("uk", "Конфлікти громаду"),
        ("uk", "страхування"),
        ("ar", "المتطوعين"),
        ("ar", "السرية البلدية"),
        ("ar", "التأمين"),
    ];
    let jobs: Vec<Value> = queries
        .iter()
        .map(|(l, q)| json!({ "q": q, "languages": [l], "limit": 10 }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    for ((lang, q), answer) in queries.iter().zip(&answers) {
        let index = build_index(lang, &docs).unwrap();
        let rust = search(&index, lang, q, &[], 10).unwrap();
        assert!(!rust.is_empty(), "[{lang}] {q}: nothing found");
        let js = answer["results"].as_array().expect("results");
        assert!(js.len() >= rust.len(), "[{lang}] {q}: {answer}");
        for (r, j) in rust.iter().zip(js) {
            assert!(j["url"].as_str().unwrap().ends_with(&r.url), "[{lang}] {q}");
            assert_eq!(j["score"].as_f64().unwrap() as f32, r.score, "[{lang}] {q}");
            assert_eq!(j["excerpt"], r.excerpt.as_str(), "[{lang}] {q}");
            assert_eq!(j["match"], "exact");
        }
        assert!(
            rust[0].excerpt.contains("<mark>"),
            "[{lang}] {q}: {}",
            rust[0].excerpt
        );
    }
}
