//! Languages without an analyzer of their own (Ukrainian, Arabic, Finnish, Northern Sámi,
//! Chinese, Japanese, Thai, …) get the general analyzer, and a site with them builds with
//! search: the client cuts the same terms (Unicode words, unigrams) and finds their pages and
//! ranks them exactly as the Rust `search` does (same top 10, bit-identical scores, same
//! excerpts). English, with its own analyzer, searches beside them.

mod common;

use common::node::run_driver;
use search_index::{
    Document, Section, analyze, build_index, search, write_portable_site_search, write_site_search,
};
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
            "Між об’єднаннями громад може з'явитися спільний координатор.",
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
    (
        "zh",
        &[
            "志愿者帮助市政府进行探访和交通服务。",
            "每位志愿者都有保密义务，不得泄露所听到的内容。",
            "志愿者协调员回答有关保险和费用的问题。",
            "志愿者与工作人员之间的冲突分三步解决。",
            "分享敏感信息之前，请先询问市政府。",
        ],
    ),
    (
        "ja",
        &[
            "ボランティアは自治体の訪問や送迎を手伝います。",
            "すべてのボランティアには守秘義務があります。",
            "コーディネーターが保険と費用についての質問に答えます。",
            "ボランティアと職員の対立は三つの段階で解決します。",
            "機密情報を共有する前に自治体に確認してください。",
        ],
    ),
    (
        "th",
        &[
            "อาสาสมัครช่วยเทศบาลในการเยี่ยมเยียนและการขนส่ง",
            "อาสาสมัครทุกคนมีหน้าที่รักษาความลับ",
            "ผู้ประสานงานอาสาสมัครตอบคำถามเกี่ยวกับประกันภัยและค่าใช้จ่าย",
            "ความขัดแย้งระหว่างอาสาสมัครและเจ้าหน้าที่แก้ไขในสามขั้นตอน",
            "สอบถามเทศบาลก่อนแบ่งปันข้อมูลที่ละเอียดอ่อน",
        ],
    ),
    (
        "fi",
        &[
            "Vapaaehtoiset auttavat kuntaa vierailuissa ja kuljetuksissa.",
            "Jokaisella vapaaehtoisella on vaitiolovelvollisuus.",
            "Vapaaehtoiskoordinaattori vastaa EU:n vakuutuksia koskeviin kysymyksiin.",
            "Vapaaehtoisten ja henkilöstön väliset ristiriidat ratkaistaan kolmessa vaiheessa.",
            "Kysy kunnalta ennen kuin jaat arkaluonteista tietoa: www.kunta.fi.",
        ],
    ),
    (
        "se",
        &[
            "Eaktodáhtolaččat veahkehit gieldda galledemiin ja johtalemiin.",
            "Juohkehaš eaktodáhtolaččas lea jávohisvuođageatnegasvuohta.",
            "Koordináhtor vástida gažaldagaide dáhkádusa ja goluid birra.",
            "Riiddut eaktodáhtolaččaid ja bargiid gaskkas čovdojuvvojit golmma lávkkis.",
            "Jeara gielddas ovdal go juogát ŋ-, š-, ŧ- ja ž-bustávaid dieđuid.",
        ],
    ),
];

/// The languages of [`TEXTS`], in order.
fn languages() -> Vec<String> {
    TEXTS.iter().map(|(l, _)| l.to_string()).collect()
}

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

/// Real text of the general analyzer's languages and the hard cases of word segmentation:
/// apostrophes (’ and '), Sámi letters, scripts without spaces (unigrams), Hangul next to Latin,
/// numbers, e-mail and URL-like strings, hyphens.
const SEGMENTATION: &[(&str, &str)] = &[
    (
        "uk",
        "Між об’єднаннями громад може з'явитися спільний координатор. Ім’я та прізвище, \
         обов'язково п’ятниця; М'ЯКИЙ знак — «пам’ять» (2024 р.).",
    ),
    (
        "ar",
        "يساعد المتطوعون البلدية في الزيارات والنقل. على كل متطوع واجب السرية، رقم ٣٤٥ و2024.",
    ),
    (
        "fi",
        "Vapaaehtoiskoordinaattori vastaa EU:n ohjeisiin; lisätietoja www.kunta.fi/ohjeet \
         tai vaitiolovelvollisuus@kunta.fi, 3.5.2024 klo 10:30.",
    ),
    (
        "se",
        "Eaktodáhtolaččat veahkehit gieldda. Sámegiella čállojuvvo ođđa bustávaiguin: \
         á č đ ŋ š ŧ ž, Á Č Đ Ŋ Š Ŧ Ž; jávohisvuođageatnegasvuohta.",
    ),
    (
        "zh",
        "志愿者帮助市政府进行探访和交通服务。每位志愿者都有保密义务，2024年3月起生效。",
    ),
    (
        "ja",
        "ボランティアは自治体の訪問や送迎を手伝います。すべてのボランティアには守秘義務があります。\
         ｶﾀｶﾅ、ひらがな、漢字、スーパー。",
    ),
    (
        "th",
        "อาสาสมัครช่วยเทศบาลในการเยี่ยมเยียนและการขนส่ง ทุกคนมีหน้าที่รักษาความลับ ๑๒๓ 2567",
    ),
    (
        "ko",
        "자원봉사자는 API를 사용해 3개 지역을 돕습니다. don’t가 아니라",
    ),
    (
        "uk",
        "Version 2.0.1 vom 2024-03-05, 1,000.50 kr; mail test.user@example.com or \
         https://www.example.org/path/to-page?q=a_b&x=1#frag — well-known co-operate \
         e-mail U.S.A. don't l’été _under_score_ iPhone用 2024年 abc_カタ x²",
    ),
];

/// The terms of each text from Rust's analyzer and from the client's `analyze` are the same,
/// and the words that made the general analyzer change come out as one term (or one per
/// letter).
#[test]
fn general_analyzer_terms_match_the_client() {
    common::node::require_node();
    let dir = tempfile::tempdir().unwrap();
    write_site_search(&docs(), &languages(), &dir.path().join("search")).unwrap();
    let jobs: Vec<Value> = SEGMENTATION
        .iter()
        .map(|(l, t)| json!({ "analyze": [l, t] }))
        .collect();
    let answers = run_driver(dir.path(), &Value::Array(jobs));
    let mut total = 0;
    for ((lang, text), js) in SEGMENTATION.iter().zip(&answers) {
        let rust = analyze(lang, text).unwrap();
        assert!(!rust.is_empty(), "[{lang}] {text}");
        assert_eq!(json!(rust), *js, "[{lang}] {text}");
        total += rust.len();
    }
    let terms = |i: usize| analyze(SEGMENTATION[i].0, SEGMENTATION[i].1).unwrap();
    for word in [
        "об’єднаннями",
        "з'явитися",
        "ім’я",
        "обов'язково",
        "м'який",
        "пам’ять",
    ] {
        assert!(terms(0).iter().any(|t| t == word), "{word}: {:?}", terms(0));
    }
    for word in ["eu:n", "www.kunta.fi", "3.5.2024", "10", "30"] {
        assert!(terms(2).iter().any(|t| t == word), "{word}: {:?}", terms(2));
    }
    for word in [
        "eaktodáhtolaččat",
        "đ",
        "ŋ",
        "ŧ",
        "jávohisvuođageatnegasvuohta",
    ] {
        assert!(terms(3).iter().any(|t| t == word), "{word}: {:?}", terms(3));
    }
    assert_eq!(terms(4)[..6], ["志", "愿", "者", "帮", "助", "市"]);
    assert!(terms(4).contains(&"2024".to_string()), "{:?}", terms(4));
    assert!(terms(5).starts_with(
        &["ボ", "ラ", "ン", "テ", "ィ", "ア", "は", "自", "治", "体"].map(String::from)
    ));
    assert!(
        terms(6)
            .iter()
            .all(|t| t.chars().count() == 1 || t == "2567"),
        "{:?}",
        terms(6)
    );
    assert_eq!(terms(7)[..4], ["자원봉사자는", "api", "를", "사용해"]);
    let mixed = terms(8);
    for word in [
        "2.0.1",
        "2024",
        "03",
        "1,000.50",
        "test.user",
        "example.com",
        "https",
        "www.example.org",
        "path",
        "to",
        "page",
        "a_b",
        "well",
        "known",
        "don't",
        "l’été",
        "_under_score_",
        "iphone",
        "用",
        "年",
        "abc_",
        "カ",
        "x",
        "²",
    ] {
        assert!(mixed.iter().any(|t| t == word), "{word}: {mixed:?}");
    }
    assert!(total > 250, "{total} terms");
    println!("{total} terms from {} texts", SEGMENTATION.len());
}

#[test]
fn other_languages_search_alike_on_both_sides() {
    common::node::require_node();
    let docs = docs();
    let dir = tempfile::tempdir().unwrap();
    let languages = languages();
    write_portable_site_search(&docs, &languages, &dir.path().join("search")).unwrap();
    let queries: &[(&str, &str)] = &[
        ("en", "volunteers"),
        ("en", "Volunteer confidentiality"),
        ("en", "the municipality insurance"),
        ("en", "conflicts"),
        ("uk", "волонтери"),
        ("uk", "Конфлікти громаду"),
        ("uk", "страхування"),
        ("uk", "об’єднаннями"),
        ("uk", "з'явитися координатор"),
        ("ar", "المتطوعين"),
        ("ar", "السرية البلدية"),
        ("ar", "التأمين"),
        ("zh", "保密义务"),
        ("zh", "志愿者 保险"),
        ("ja", "守秘義務"),
        ("ja", "ボランティア"),
        ("th", "รักษาความลับ"),
        ("fi", "vaitiolovelvollisuus"),
        ("fi", "EU:n"),
        ("se", "jávohisvuođageatnegasvuohta"),
        ("se", "Eaktodáhtolaččat gieldda"),
    ];
    // Every query through the module and through the classic client of a portable copy, which
    // segments with the same code and must answer the same.
    let jobs: Vec<Value> = [false, true]
        .iter()
        .flat_map(|portable| {
            queries.iter().map(move |(l, q)| {
                json!({ "q": q, "languages": [l], "limit": 10, "portable": portable })
            })
        })
        .collect();
    let mut answers = run_driver(dir.path(), &Value::Array(jobs));
    let classic = answers.split_off(queries.len());
    for (((lang, q), module), classic) in queries.iter().zip(&answers).zip(&classic) {
        assert_eq!(
            module["results"], classic["results"],
            "[{lang}] {q}: classic"
        );
    }
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
    // The whole word with its apostrophe is one term, and the page that has it ranks first.
    assert_eq!(analyze("uk", "об’єднаннями").unwrap(), ["об’єднаннями"]);
    let top = |lang: &str, q: &str| {
        let index = build_index(lang, &docs).unwrap();
        search(&index, lang, q, &[], 10).unwrap().remove(0)
    };
    let hit = top("uk", "об’єднаннями");
    assert!(
        hit.excerpt.contains("<mark>об’єднаннями</mark>"),
        "{}",
        hit.excerpt
    );
    // A Chinese query finds a page with its characters, each marked.
    let hit = top("zh", "保密义务");
    for c in ["保", "密", "义", "务"] {
        assert!(
            hit.excerpt.contains(&format!("<mark>{c}</mark>")),
            "{}",
            hit.excerpt
        );
    }
    let hit = top("th", "รักษาความลับ");
    assert!(hit.excerpt.contains("<mark>"), "{}", hit.excerpt);
}

/// A page opened from a result marks what the query's words are in the page's language: the
/// query is cut into words by the same analyzer as the page, so `об’єднаннями` is one term and
/// marks the whole word (not `об` and `єднаннями` as the Nordic tokenizer would cut it).
#[test]
fn the_marker_cuts_the_query_as_the_general_analyzer_does() {
    common::node::require_node();
    let docs = docs();
    let dir = tempfile::tempdir().unwrap();
    write_portable_site_search(&docs, &languages(), &dir.path().join("search")).unwrap();
    let text = "Разом з об’єднаннями громади; об та єднаннями окремо.";
    let jobs = json!([
        { "marker": "об’єднаннями", "language": "uk", "text": text },
        { "marker": "保密", "language": "zh", "text": "遵守保密义务。" },
    ]);
    let answers = run_driver(dir.path(), &jobs);
    assert_eq!(
        answers[0]["terms"],
        json!(["об’єднаннями"]),
        "{}",
        answers[0]
    );
    assert_eq!(
        answers[0]["marked"],
        json!(["об’єднаннями"]),
        "{}",
        answers[0]
    );
    assert_eq!(answers[1]["marked"], json!(["保", "密"]), "{}", answers[1]);
}
