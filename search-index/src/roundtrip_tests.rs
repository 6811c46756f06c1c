//! The shard writer against tantivy: what `read_index` extracts and the shards carry must be
//! exactly what tantivy indexed and scores with.

use std::collections::BTreeMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{BoostQuery, EnableScoring, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Term};

use crate::analyzer::{analyze, tokenizer_name};
use crate::index::{build_index, indexed_docs};
use crate::schema::{FIELD_BOOSTS, NUM_FIELDS, fields_of};
use crate::shards::{IndexDump, TermEntry, cut_shards, decode_shard, read_index};
use crate::{Document, Section};

/// Per term, per field: (doc, tf, fieldnorm id) postings.
type Expected = BTreeMap<String, [Vec<(u32, u32, u8)>; NUM_FIELDS]>;

fn doc(i: usize, kind: &str, words: usize) -> Document {
    let body: Vec<String> = (0..words)
        .map(|w| {
            [
                "frivillig",
                "kommune",
                "bisidder",
                "møde",
                "tavshedspligt",
                "ældre",
            ][(w * 7 + i) % 6]
                .to_string()
        })
        .collect();
    Document {
        url: format!("da/side-{i}/"),
        title: format!("Frivillige i kommunen nummer {i}"),
        kind: kind.to_string(),
        language: "da".to_string(),
        tags: vec!["samarbejde".into(), format!("emne{}", i % 3)],
        summary: "En kort opsummering om frivillige.".into(),
        sections: vec![
            Section {
                heading: String::new(),
                anchor: String::new(),
                text: body.join(" "),
                links: false,
            },
            Section {
                heading: "Møder og aftaler".into(),
                anchor: "moeder".into(),
                text: format!("Aftaler med kommunen og {} bisiddere.", i),
                links: false,
            },
        ],
        stale: i % 4 == 1,
        group: String::new(),
        ..Document::default()
    }
}

/// Documents of many lengths, so fieldnorm ids cover the exact range (0–40) and the quantized
/// range above it.
fn corpus() -> Vec<Document> {
    let kinds = ["role", "page", "checklist", "role", "contact"];
    let lengths = [0, 1, 5, 38, 39, 40, 41, 45, 100, 333, 1000, 5000, 40_000];
    lengths
        .iter()
        .enumerate()
        .map(|(i, &n)| doc(i, kinds[i % kinds.len()], n))
        .collect()
}

/// The field values of a document as `build_index` adds them, per scored field.
fn field_values(d: &Document, parts: String) -> [Vec<String>; NUM_FIELDS] {
    let mut body = vec![d.summary.clone()];
    body.extend(
        d.sections
            .iter()
            .map(|s| s.text.clone())
            .filter(|t| !t.is_empty()),
    );
    [
        vec![d.title.clone()],
        d.sections
            .iter()
            .map(|s| s.heading.clone())
            .filter(|h| !h.is_empty())
            .collect(),
        d.tags.clone(),
        body,
        vec![parts],
    ]
}

/// What the index must hold, computed with the analyzer alone (not by reading tantivy).
fn expected(docs: &[&Document]) -> (Expected, [u64; NUM_FIELDS]) {
    let mut terms = Expected::new();
    let mut totals = [0u64; NUM_FIELDS];
    let parts = crate::compounds::parts_texts("da", docs).unwrap();
    for (id, (d, parts)) in docs.iter().zip(parts).enumerate() {
        for (slot, values) in field_values(d, parts).iter().enumerate() {
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            let mut len = 0u32;
            for v in values {
                // The parts field holds terms already, separated by spaces.
                let terms: Vec<String> = if slot == 4 {
                    v.split_whitespace().map(str::to_string).collect()
                } else {
                    analyze("da", v).unwrap()
                };
                for t in terms {
                    *counts.entry(t).or_default() += 1;
                    len += 1;
                }
            }
            totals[slot] += u64::from(len);
            let norm = FieldNormReader::fieldnorm_to_id(len);
            for (t, tf) in counts {
                terms.entry(t).or_default()[slot].push((id as u32, tf, norm));
            }
        }
    }
    (terms, totals)
}

fn dump_of(docs: &[Document]) -> IndexDump {
    read_index(&build_index("da", docs).unwrap()).unwrap()
}

#[test]
#[allow(clippy::needless_range_loop)] // slot indexes several parallel arrays
fn read_index_matches_the_analyzed_documents() {
    let docs = corpus();
    let dump = dump_of(&docs);
    let ordered = indexed_docs("da", &docs);
    let (want, totals) = expected(&ordered);
    assert_eq!(dump.num_docs as usize, ordered.len());
    assert_eq!(dump.terms.len(), want.len());
    for (entry, (term, fields)) in dump.terms.iter().zip(&want) {
        assert_eq!(&entry.term, term);
        for slot in 0..NUM_FIELDS {
            let got: Vec<(u32, u32, u8)> = entry.fields[slot]
                .as_ref()
                .map(|f| {
                    f.docs
                        .iter()
                        .zip(&f.tfs)
                        .zip(&f.norms)
                        .map(|((&d, &tf), &n)| (d, tf, n))
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(got, fields[slot], "term {term:?} field {slot}");
        }
    }
    for slot in 0..NUM_FIELDS {
        assert_eq!(
            dump.avg_fieldnorms[slot],
            totals[slot] as f32 / ordered.len() as f32
        );
    }
}

#[test]
fn shards_read_back_to_what_tantivy_holds() {
    let dump = dump_of(&corpus());
    for target in [1, 64, 1024, 1 << 20] {
        let shards = cut_shards(&dump.terms, target);
        let back: Vec<TermEntry> = shards
            .iter()
            .flat_map(|s| decode_shard(&s.bytes).expect("decodes"))
            .collect();
        assert_eq!(back, dump.terms, "target {target}");
        // Every term lies in the shard its key range names.
        for (i, s) in shards.iter().enumerate() {
            for t in decode_shard(&s.bytes).unwrap() {
                assert!(s.key.as_bytes() <= t.term.as_bytes());
                if let Some(next) = shards.get(i + 1) {
                    assert!(t.term.as_bytes() < next.key.as_bytes());
                }
            }
        }
    }
}

/// The client's BM25 (FORMAT.md), written out in Rust f32 steps.
fn client_score(idf: f32, tf: u32, norm_id: u8, avg: f32, boost: f32) -> f32 {
    let k1 = 1.2f32;
    let b = 0.75f32;
    let mut weight = idf * (1.0 + k1);
    if boost != 1.0 {
        weight *= boost;
    }
    let fieldnorm = fieldnorm_by_rule(norm_id) as f32;
    let cache = k1 * ((1.0 - b) + (b * fieldnorm) / avg);
    let tf = tf as f32;
    weight * (tf / (tf + cache))
}

/// FORMAT.md's rule for fieldnorm ids (the client computes the table this way).
fn fieldnorm_by_rule(id: u8) -> u32 {
    let id = u32::from(id);
    if id <= 40 {
        return id;
    }
    let k = ((id - 41) >> 3) + 1;
    24 + (1 << (k + 3)) + (1 << k) * (((id - 41) & 7) + 1)
}

#[test]
fn fieldnorm_rule_is_tantivys_table() {
    for id in 0..=255u8 {
        assert_eq!(
            fieldnorm_by_rule(id),
            FieldNormReader::id_to_fieldnorm(id),
            "id {id}"
        );
    }
}

#[test]
#[allow(clippy::needless_range_loop)] // slot indexes several parallel arrays
fn shipped_statistics_give_tantivys_scores_bit_for_bit() {
    let docs = corpus();
    let index = build_index("da", &docs).unwrap();
    let dump = read_index(&index).unwrap();
    let fields = fields_of(&index.schema()).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let mut checked = 0;
    for entry in &dump.terms {
        for slot in 0..NUM_FIELDS {
            let Some(fp) = &entry.fields[slot] else {
                continue;
            };
            let boost = FIELD_BOOSTS[slot];
            let q = BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.text[slot], &entry.term),
                    IndexRecordOption::WithFreqs,
                )),
                boost,
            );
            // The scorer tantivy really runs (explain() rounds differently: it boosts last).
            let weight = q
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
            for i in 0..fp.docs.len() {
                assert_eq!(scorer.seek(fp.docs[i]), fp.docs[i]);
                let want = scorer.score();
                let got = client_score(
                    fp.idf,
                    fp.tfs[i],
                    fp.norms[i],
                    dump.avg_fieldnorms[slot],
                    boost,
                );
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "{} field {slot} doc {}",
                    entry.term,
                    fp.docs[i]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100);
    assert_eq!(tokenizer_name("da"), "samspil_da");
}

#[test]
fn hits_and_fragments_carry_the_stale_flag_and_it_never_changes_the_ranking() {
    let docs = corpus();
    assert!(docs.iter().any(|d| d.stale) && docs.iter().any(|d| !d.stale));
    let index = build_index("da", &docs).unwrap();
    let hits = crate::search(&index, "da", "bisiddere", &[], 100).unwrap();
    assert!(hits.len() > 4, "{}", hits.len());
    for h in &hits {
        let d = docs.iter().find(|d| h.url.starts_with(&d.url)).unwrap();
        assert_eq!(h.stale, d.stale, "{}", h.url);
    }
    assert!(hits.iter().any(|h| h.stale) && hits.iter().any(|h| !h.stale));
    let fresh: Vec<Document> = docs
        .iter()
        .map(|d| Document {
            stale: false,
            group: String::new(),
            ..d.clone()
        })
        .collect();
    let fresh_hits = crate::search(
        &build_index("da", &fresh).unwrap(),
        "da",
        "bisiddere",
        &[],
        100,
    )
    .unwrap();
    let key = |hs: &[crate::Hit]| -> Vec<(String, u32)> {
        hs.iter()
            .map(|h| (h.url.clone(), h.score.to_bits()))
            .collect()
    };
    assert_eq!(key(&hits), key(&fresh_hits));

    let ordered = indexed_docs("da", &docs);
    let json: serde_json::Value =
        serde_json::from_slice(&crate::fragments::fragment_json(&ordered).unwrap()).unwrap();
    for (d, f) in ordered.iter().zip(json.as_array().unwrap()) {
        match d.stale {
            true => assert_eq!(f["o"], 1, "{f}"),
            false => assert!(f.get("o").is_none(), "{f}"),
        }
    }
}

/// The site build leaves the `parts` field out of the tantivy index and derives it from the
/// other fields' postings (`compounds::add_parts`); `build_index` (for `samspil search`) has
/// tantivy index it. Both must give the very same dump: every term, posting, term frequency,
/// fieldnorm and statistic.
#[test]
fn derived_parts_equal_tantivys() {
    let mut docs = corpus();
    for (i, d) in docs.iter_mut().enumerate() {
        d.title = format!("Frivilligkoordinator og konflikthåndtering {i}");
        d.tags = vec!["Netværksmøde".into(), String::new()];
        d.summary = "En koordinator, en konflikt, håndtering, et netværk og et møde.".into();
    }
    let tantivys = read_index(&build_index("da", &docs).unwrap()).unwrap();
    let mut derived = read_index(&crate::index::build("da", &docs, false).unwrap()).unwrap();
    assert!(derived.terms.iter().all(|t| t.fields[4].is_none()));
    crate::compounds::add_parts("da", &mut derived).unwrap();
    assert!(
        tantivys.terms.iter().any(|t| t.fields[4].is_some()),
        "no parts"
    );
    assert_eq!(derived, tantivys);
}
