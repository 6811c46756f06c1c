//! The parity test: the browser client, run in Node on the files `write_site_search` wrote,
//! must return the same top 10 as the Rust `search` (tantivy) for plain-word queries and for
//! query variants (words typed without æ/ø/å/ä/ö, compounds the site never uses): same
//! documents, same order, scores within 1e-4 (in practice bit-identical), same excerpts,
//! anchors and match kinds. Queries are picked deterministically from the bundled content's
//! vocabulary. Every query also runs through the classic client of a portable copy (the
//! `.bin.js` script twins, as from `file://`), which must answer exactly as the module does.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::corpus::{LANGUAGES, load_corpus};
use common::node::run_driver;
use search_index::{
    Document, Filters, Hit, Sort, build_index, search, search_with, write_portable_site_search,
};
use serde_json::{Value, json};

const LIMIT: usize = 10;
const SCORE_TOLERANCE: f64 = 1e-4;

/// A small deterministic generator (xorshift64*), so query picks are stable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Surface words (lowercased) of a document, as a reader would type them.
fn doc_words(doc: &Document) -> Vec<String> {
    let mut text = format!("{} {} {}", doc.title, doc.summary, doc.tags.join(" "));
    for s in &doc.sections {
        text.push(' ');
        text.push_str(&s.heading);
        text.push(' ');
        text.push_str(&s.text);
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// At least 60 queries for `lang`: single words across the frequency range, words with
/// æ/ø/å/ä/ö, capitalised words, and two- and three-word queries from one document.
fn pick_queries(lang: &str, docs: &[&Document]) -> Vec<String> {
    let stop: BTreeSet<&str> = search_index::stop_words(lang)
        .expect("language")
        .iter()
        .copied()
        .collect();
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    let per_doc: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let words: Vec<String> = doc_words(d)
                .into_iter()
                .filter(|w| !stop.contains(w.as_str()))
                .collect();
            for w in words.iter().collect::<BTreeSet<_>>() {
                *df.entry(w.clone()).or_default() += 1;
            }
            words
        })
        .collect();
    let mut by_freq: Vec<(&String, &usize)> = df.iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut queries: Vec<String> = Vec::new();
    let add = |q: String, queries: &mut Vec<String>| {
        if !queries.contains(&q) {
            queries.push(q);
        }
    };
    // 20 single words spread over the frequency range (common to rare).
    for i in 0..20 {
        let at = i * (by_freq.len() - 1) / 19;
        add(by_freq[at].0.clone(), &mut queries);
    }
    // 12 words with Nordic letters.
    let nordic: Vec<&String> = by_freq
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| w.chars().any(|c| "æøåäö".contains(c)))
        .collect();
    for i in 0..12.min(nordic.len()) {
        let at = i * (nordic.len() - 1) / 11;
        add(nordic[at].clone(), &mut queries);
    }
    let mut rng = Rng(0x5a3d_5e1f_0000_0001 ^ lang.len() as u64 ^ u64::from(lang.as_bytes()[0]));
    // 5 capitalised single words.
    for _ in 0..5 {
        let w = by_freq[rng.below(by_freq.len().min(200))].0;
        let mut c = w.chars();
        let first = c
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        add(format!("{first}{}", c.as_str()), &mut queries);
    }
    // 15 two-word and 15 three-word queries, words from the same document.
    for n in [2usize, 3] {
        let mut made = 0;
        let mut tries = 0;
        while made < 15 && tries < 1000 {
            tries += 1;
            let words = &per_doc[rng.below(per_doc.len())];
            if words.len() < n {
                continue;
            }
            let q: Vec<&str> = (0..n)
                .map(|_| words[rng.below(words.len())].as_str())
                .collect();
            let q = q.join(" ");
            if !queries.contains(&q) {
                queries.push(q);
                made += 1;
            }
        }
    }
    queries
}

/// A word as typed without the Nordic letters, in one of the ways people do it.
fn unfold(word: &str, plain: bool) -> String {
    word.chars()
        .map(|c| match (c, plain) {
            ('æ' | 'ä', false) => "ae".to_string(),
            ('ø' | 'ö', false) => "oe".to_string(),
            ('å', false) => "aa".to_string(),
            ('æ' | 'ä' | 'å', true) => "a".to_string(),
            ('ø' | 'ö', true) => "o".to_string(),
            (c, _) => c.to_string(),
        })
        .collect()
}

/// At least 40 variant queries for `lang`: words with æ/ø/å/ä/ö written with `ae`/`oe`/`aa`
/// and with plain `a`/`o`, two content words run together as a compound (plain and with a
/// linking `s`), and a folded word beside a plain one.
fn pick_variant_queries(lang: &str, docs: &[&Document]) -> Vec<String> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        for w in doc_words(d).into_iter().collect::<BTreeSet<_>>() {
            *df.entry(w).or_default() += 1;
        }
    }
    let stop: BTreeSet<&str> = search_index::stop_words(lang)
        .expect("language")
        .iter()
        .copied()
        .collect();
    let words: Vec<&String> = df
        .keys()
        .filter(|w| w.chars().count() >= 5 && !stop.contains(w.as_str()))
        .collect();
    let nordic: Vec<&&String> = words
        .iter()
        .filter(|w| w.chars().any(|c| "æøåäö".contains(c)))
        .collect();
    let mut queries = Vec::new();
    for i in 0..20 {
        let w = nordic[i * (nordic.len() - 1) / 19];
        queries.push(unfold(w, i % 2 == 1));
    }
    let mut rng = Rng(0x00c0_ffee_0000_0003 ^ u64::from(lang.as_bytes()[1]));
    for i in 0..20 {
        let a = words[rng.below(words.len())];
        let b = words[rng.below(words.len())];
        let q = if i % 3 == 0 {
            format!("{a}s{b}")
        } else {
            format!("{a}{b}")
        };
        queries.push(if i % 4 == 1 { unfold(&q, false) } else { q });
    }
    for _ in 0..6 {
        let a = nordic[rng.below(nordic.len())];
        let b = words[rng.below(words.len())];
        queries.push(format!("{b} {}", unfold(a, false)));
    }
    queries
}

struct Job {
    lang: &'static str,
    query: String,
    kinds: Vec<String>,
    rust: Vec<Hit>,
}

#[test]
fn client_top_10_equals_tantivy_top_10() {
    common::node::require_node();
    let mut docs = load_corpus();
    // Some pages are past their review date: both sides must mark the same results.
    for (i, d) in docs.iter_mut().enumerate() {
        d.stale = i % 5 == 2;
    }
    let site = tempfile::tempdir().expect("temp dir");
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    // A portable copy's files: the module's and, beside them, the classic client's.
    write_portable_site_search(&docs, &languages, &site.path().join("search"))
        .expect("write search");

    let mut jobs: Vec<Job> = Vec::new();
    for lang in LANGUAGES {
        let lang_docs: Vec<&Document> = docs.iter().filter(|d| d.language == lang).collect();
        assert!(
            lang_docs.len() >= 10,
            "the bundled content has too few {lang} documents ({}) for the parity test",
            lang_docs.len()
        );
        let index = build_index(lang, &docs).expect("index");
        let mut queries = pick_queries(lang, &lang_docs);
        assert!(
            queries.len() >= 50,
            "{lang}: only {} queries",
            queries.len()
        );
        queries.extend(pick_variant_queries(lang, &lang_docs));
        let kinds_seen: BTreeSet<&str> = lang_docs.iter().map(|d| d.kind.as_str()).collect();
        for (i, q) in queries.iter().enumerate() {
            // Every fifth query also runs with a kinds filter.
            let kind_filters: Vec<Vec<String>> = if i % 5 == 0 {
                let k = kinds_seen
                    .iter()
                    .nth(i / 5 % kinds_seen.len())
                    .expect("a kind");
                vec![Vec::new(), vec![k.to_string()]]
            } else {
                vec![Vec::new()]
            };
            for kinds in kind_filters {
                let rust = search(&index, lang, q, &kinds, LIMIT).expect("search");
                jobs.push(Job {
                    lang,
                    query: q.clone(),
                    kinds,
                    rust,
                });
            }
        }
    }
    let input: Vec<Value> = jobs
        .iter()
        .map(|j| json!({ "q": j.query, "languages": [j.lang], "kinds": j.kinds, "limit": LIMIT }))
        .collect();
    // Every job twice: through the module, and through the classic client of a portable copy
    // (file://), which must answer exactly the same.
    let portable: Vec<Value> = input
        .iter()
        .map(|j| {
            let mut j = j.clone();
            j["portable"] = json!(true);
            j
        })
        .collect();
    let mut answers = run_driver(site.path(), &Value::Array([input, portable].concat()));
    let portable_answers = answers.split_off(jobs.len());
    for ((job, module), classic) in jobs.iter().zip(&answers).zip(&portable_answers) {
        assert_eq!(
            module["results"], classic["results"],
            "{} {:?}: the portable loader answers differently",
            job.lang, job.query
        );
    }
    let base = format!("{}/", url_of_dir(site.path()));

    let mut failures = Vec::new();
    let mut stale_hits = 0;
    let mut summary: BTreeMap<&str, (usize, usize, usize, f64, usize)> = BTreeMap::new();
    // Queries whose Rust results came through each kind of match, per language.
    let mut kinds_seen: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for (job, answer) in jobs.iter().zip(&answers) {
        let js = answer["results"].as_array().expect("results");
        let entry = summary.entry(job.lang).or_default();
        entry.0 += 1;
        entry.2 += job.rust.len();
        let mut problems = Vec::new();
        if let Some(first) = job.rust.first() {
            let kind = serde_json::to_value(first.match_kind).expect("kind");
            *kinds_seen
                .entry((job.lang, kind.as_str().unwrap_or_default().to_string()))
                .or_default() += 1;
        }
        if js.len() < job.rust.len() || (job.rust.len() == LIMIT && js.len() != LIMIT) {
            problems.push(format!(
                "{} JS results for {} Rust results",
                js.len(),
                job.rust.len()
            ));
        }
        for (i, r) in job.rust.iter().enumerate() {
            let Some(j) = js.get(i) else { break };
            let url = j["url"].as_str().unwrap_or_default();
            // The client's scores are f32 values; JSON carries them as decimals, so round back.
            let score = j["score"].as_f64().unwrap_or(f64::NAN) as f32;
            let diff = f64::from((score - r.score).abs());
            entry.3 = entry.3.max(diff);
            if score.to_bits() == r.score.to_bits() {
                entry.4 += 1;
            }
            if url != format!("{base}{}", r.url) {
                problems.push(format!("#{i}: JS {url} vs Rust {}", r.url));
            }
            if diff.is_nan() || diff > SCORE_TOLERANCE {
                problems.push(format!(
                    "#{i} {}: JS score {score} vs Rust {}",
                    r.url, r.score
                ));
            }
            if j["excerpt"].as_str() != Some(r.excerpt.as_str()) {
                problems.push(format!(
                    "#{i} {}: excerpts differ:\n  JS   {}\n  Rust {}",
                    r.url, j["excerpt"], r.excerpt
                ));
            }
            if j["stale"] != r.stale {
                problems.push(format!(
                    "#{i} {}: JS stale {} vs Rust {}",
                    r.url, j["stale"], r.stale
                ));
            }
            stale_hits += usize::from(r.stale);
            let sections: Vec<Value> = r
                .sections
                .iter()
                .map(|x| json!({ "url": format!("{base}{}", x.url), "heading": x.heading, "excerpt": x.excerpt }))
                .collect();
            if j["date"] != r.date.as_str() || j["sections"] != Value::Array(sections) {
                problems.push(format!(
                    "#{i} {}: dates or sections differ:\n  JS   {} {}\n  Rust {} {:?}",
                    r.url, j["date"], j["sections"], r.date, r.sections
                ));
            }
            if j["match"] != serde_json::to_value(r.match_kind).expect("kind")
                || j["language"] != job.lang
                || j["kind"] != r.kind.as_str()
                || j["title"] != r.title.as_str()
            {
                problems.push(format!("#{i} {}: fields differ: {j}", r.url));
            }
        }
        for j in js.iter().skip(job.rust.len()) {
            if j["match"] != "fuzzy" {
                problems.push(format!("extra JS result that is not a fuzzy match: {j}"));
            }
        }
        if problems.is_empty() {
            entry.1 += 1;
        } else {
            failures.push(format!(
                "[{}] {:?} kinds {:?}:\n  {}",
                job.lang,
                job.query,
                job.kinds,
                problems.join("\n  ")
            ));
        }
    }
    println!("parity summary (JS client in Node vs Rust search / tantivy), top {LIMIT}:");
    for (lang, (queries, same, hits, max_diff, bit_equal)) in &summary {
        println!(
            "  {lang}: {same}/{queries} queries identical, {hits} ranked hits compared, \
             {bit_equal} scores bit-identical, max |score diff| {max_diff:e}"
        );
    }
    println!("  queries by the match kind of their Rust results: {kinds_seen:?}");
    assert!(stale_hits > 0, "no compared hit was marked stale");
    for lang in LANGUAGES {
        for kind in ["folded", "compound"] {
            let n = kinds_seen
                .get(&(lang, kind.to_string()))
                .copied()
                .unwrap_or(0);
            assert!(
                n >= 5,
                "{lang}: only {n} queries found results as {kind} matches"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries differ:\n{}",
        failures.len(),
        jobs.len(),
        failures.join("\n")
    );
}

fn url_of_dir(dir: &std::path::Path) -> String {
    let path = dir.to_str().expect("UTF-8 temp path");
    let mut out = String::from("file://");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out.trim_end_matches('/').to_string()
}

/// Filters, counts, the date order and best bets: for queries of every language under several
/// filters, the client's `searchWithFacets` gives the Rust `search_with`'s results (documents,
/// order, scores, dates, sections), the same counts per facet value and the same best bets.
#[test]
fn filters_counts_dates_and_best_bets_agree() {
    common::node::require_node();
    let docs = load_corpus();
    let site = tempfile::tempdir().expect("temp dir");
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    search_index::write_site_search(&docs, &languages, &site.path().join("search"))
        .expect("write search");
    let base = format!("{}/", url_of_dir(site.path()));
    let mut jobs = Vec::new();
    let mut wanted = Vec::new();
    for lang in LANGUAGES {
        let lang_docs: Vec<&Document> = docs.iter().filter(|d| d.language == lang).collect();
        let index = build_index(lang, &docs).expect("index");
        let mut rng = Rng(0x5eed ^ lang.len() as u64 ^ u64::from(lang.as_bytes()[0]));
        let mut queries = pick_queries(lang, &lang_docs);
        let picked: Vec<String> = (0..12)
            .map(|_| queries.swap_remove(rng.below(queries.len())))
            .chain(["112".to_string()])
            .collect();
        // Values that occur in this language, so every filter narrows something.
        let tag = lang_docs
            .iter()
            .flat_map(|d| d.tags.iter())
            .nth(7)
            .expect("a tag")
            .clone();
        let municipality = lang_docs
            .iter()
            .map(|d| d.municipality.clone())
            .find(|m| !m.is_empty())
            .expect("a municipality");
        let filter_sets = [
            Filters::default(),
            Filters {
                audiences: vec!["volunteer".into()],
                ..Filters::default()
            },
            Filters {
                countries: vec!["SE".into(), "NO".into()],
                kinds: vec!["contact".into(), "page".into()],
                ..Filters::default()
            },
            Filters {
                tags: vec![tag],
                ..Filters::default()
            },
            Filters {
                municipalities: vec![municipality],
                sort: Sort::Date,
                ..Filters::default()
            },
            Filters {
                sort: Sort::Date,
                ..Filters::default()
            },
        ];
        for (i, q) in picked.iter().enumerate() {
            let filters = &filter_sets[i % filter_sets.len()];
            // Every fourth query asks for a later page: results 4 to 7 (offset 3, limit 4).
            let (offset, limit) = if i % 4 == 1 { (3, 4) } else { (0, LIMIT) };
            let mut answer = search_with(&index, lang, q, filters, offset + limit).expect("search");
            answer.hits.drain(..offset.min(answer.hits.len()));
            let mut job = serde_json::to_value(filters).expect("filters");
            job["q"] = json!(q);
            job["languages"] = json!([lang]);
            job["limit"] = json!(limit);
            job["offset"] = json!(offset);
            job["facets"] = json!(true);
            jobs.push(job);
            wanted.push((lang, q.clone(), filters.clone(), answer, offset + limit));
        }
    }
    let answers = run_driver(site.path(), &Value::Array(jobs));
    let mut failures = Vec::new();
    let (mut counted, mut bets) = (0, 0);
    for ((lang, q, filters, rust, asked), js) in wanted.iter().zip(&answers) {
        let mut problems = Vec::new();
        let results = js["results"].as_array().cloned().unwrap_or_default();
        let rust_urls: Vec<String> = rust
            .hits
            .iter()
            .map(|h| format!("{base}{}", h.url))
            .collect();
        let js_urls: Vec<String> = results
            .iter()
            .filter(|r| r["match"] != "fuzzy")
            .map(|r| r["url"].as_str().unwrap_or_default().to_string())
            .collect();
        if rust_urls != js_urls {
            problems.push(format!(
                "results differ:\n  JS   {js_urls:?}\n  Rust {rust_urls:?}"
            ));
        }
        for (r, j) in rust.hits.iter().zip(&results) {
            let score = j["score"].as_f64().unwrap_or(f64::NAN) as f32;
            if (f64::from(score - r.score)).abs() > SCORE_TOLERANCE || j["date"] != r.date.as_str()
            {
                problems.push(format!("{}: score or date differ: {j}", r.url));
            }
        }
        if filters.sort == Sort::Date {
            let dates: Vec<&str> = rust.hits.iter().map(|h| h.date.as_str()).collect();
            assert!(
                dates.windows(2).all(|w| w[0] >= w[1]),
                "not newest first: {dates:?}"
            );
        }
        if js["counts"] != serde_json::to_value(&rust.counts).expect("counts") {
            problems.push(format!(
                "counts differ:\n  JS   {}\n  Rust {:?}",
                js["counts"], rust.counts
            ));
        }
        // The client's total adds prefix and typo matches only when the exact ones do not
        // fill the limit.
        let js_total = js["total"].as_u64().unwrap_or(u64::MAX) as usize;
        let total_ok = if rust.total >= *asked {
            js_total == rust.total
        } else {
            js_total >= rust.total && js_total >= results.len()
        };
        if !total_ok {
            problems.push(format!("total: JS {js_total}, Rust {}", rust.total));
        }
        counted += usize::from(!rust.counts.is_empty());
        let rust_bets: Vec<Value> = rust
            .best_bets
            .iter()
            .map(|b| json!({ "name": b.name, "phone": b.phone, "url": format!("{base}{}", b.url) }))
            .collect();
        bets += rust_bets.len();
        if js["bestBets"] != Value::Array(rust_bets) {
            problems.push(format!("best bets differ: {}", js["bestBets"]));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "[{lang}] {q:?} {filters:?}:\n  {}",
                problems.join("\n  ")
            ));
        }
    }
    println!(
        "facets parity: {} queries, {counted} with counts, {bets} best bets",
        wanted.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The emergency number names its contact in every language.
    for lang in LANGUAGES {
        let (_, _, _, answer, _) = wanted
            .iter()
            .find(|(l, q, _, _, _)| *l == lang && q == "112")
            .expect("112 was asked");
        assert_eq!(
            answer.best_bets.len(),
            1,
            "{lang}: 112 names one urgent contact"
        );
    }
}
