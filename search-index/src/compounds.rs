//! The `parts` field: the known words each document's compounds are made of, found at index
//! time with the same split rule the query side uses for unknown words (`variants.rs`). The
//! indexed text itself is never changed: parts go in a field of their own, with its own weight.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tantivy::fieldnorm::FieldNormReader;

use crate::analyzer::{Words, text_analyzer, tokens};
use crate::shards::{FieldPostings, IndexDump, idf};
use crate::variants::{MAX_SPLIT_DEPTH, split_term};
use crate::{Document, Error};

/// Per document (in the order given), the terms of its `parts` field separated by spaces: for
/// every term of its title, headings, tags and body that splits into terms of the language's
/// vocabulary (all terms of those fields over all documents), the parts, each split again up
/// to [`MAX_SPLIT_DEPTH`] deep. Empty for a document without compounds.
pub(crate) fn parts_texts(language: &str, docs: &[&Document]) -> Result<Vec<String>, Error> {
    if !crate::analyzer::language_spec(language)?.variants {
        return Ok(vec![String::new(); docs.len()]);
    }
    let mut analyzer = text_analyzer(language)?;
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut vocab: Vec<String> = Vec::new();
    let mut doc_terms: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mut terms = Vec::new();
        let texts = std::iter::once(doc.title.as_str())
            .chain(doc.sections.iter().map(|s| s.heading.as_str()))
            .chain(doc.tags.iter().map(String::as_str))
            .chain(std::iter::once(doc.summary.as_str()))
            .chain(doc.sections.iter().map(|s| s.text.as_str()));
        for text in texts {
            for t in tokens(&mut analyzer, text) {
                let next = vocab.len() as u32;
                let id = *ids.entry(t.term).or_insert_with_key(|term| {
                    vocab.push(term.clone());
                    next
                });
                terms.push(id);
            }
        }
        doc_terms.push(terms);
    }

    let known: HashSet<&str> = vocab.iter().map(String::as_str).collect();
    let mut words = Words::new(language)?;
    let mut memo: HashMap<u32, String> = HashMap::default();
    let mut out = Vec::with_capacity(docs.len());
    for terms in doc_terms {
        let mut text = String::new();
        for id in terms {
            let parts = memo.entry(id).or_insert_with(|| {
                let mut parts = Vec::new();
                parts_of(
                    &vocab[id as usize],
                    MAX_SPLIT_DEPTH,
                    &known,
                    &mut words,
                    &mut parts,
                );
                parts.join(" ")
            });
            if !parts.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(parts);
            }
        }
        out.push(text);
    }
    Ok(out)
}

/// Fills the `parts` field (slot 4) of `dump`, read from an index built without it, exactly as
/// tantivy would have indexed [`parts_texts`]: the vocabulary is the dump's terms, a term's
/// parts count once per occurrence (its term frequencies over slots 0–3), a document's
/// fieldnorm is its number of parts, the average and idf are tantivy's. The site build uses
/// this so the text is analyzed once, by tantivy; `tests` compare it with tantivy's own.
pub(crate) fn add_parts(language: &str, dump: &mut IndexDump) -> Result<(), Error> {
    if !crate::analyzer::language_spec(language)?.variants || dump.num_docs == 0 {
        return Ok(());
    }
    let splits: Vec<(usize, Vec<String>)> = {
        let known: HashSet<&str> = dump.terms.iter().map(|t| t.term.as_str()).collect();
        let mut words = Words::new(language)?;
        dump.terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let mut parts = Vec::new();
                parts_of(&t.term, MAX_SPLIT_DEPTH, &known, &mut words, &mut parts);
                (!parts.is_empty()).then_some((i, parts))
            })
            .collect()
    };
    let n = dump.num_docs as usize;
    let mut lens = vec![0u32; n];
    let mut tfs: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (i, parts) in &splits {
        for f in dump.terms[*i].fields[..4].iter().flatten() {
            for (&doc, &tf) in f.docs.iter().zip(&f.tfs) {
                lens[doc as usize] += tf * parts.len() as u32;
                for p in parts {
                    *tfs.entry(p.clone()).or_default().entry(doc).or_default() += tf;
                }
            }
        }
    }
    let total: u64 = lens.iter().map(|&l| u64::from(l)).sum();
    // As tantivy's Bm25Weight::for_terms (shards.rs reads it the same way).
    dump.avg_fieldnorms[4] = total as f32 / u64::from(dump.num_docs) as f32;
    for (part, docs) in tfs {
        let at = dump
            .terms
            .binary_search_by(|t| t.term.as_str().cmp(part.as_str()))
            .map_err(|_| Error::Invariant(format!("part {part:?} is no term")))?;
        dump.terms[at].fields[4] = Some(FieldPostings {
            idf: idf(docs.len() as u64, u64::from(dump.num_docs)),
            norms: docs
                .keys()
                .map(|&d| FieldNormReader::fieldnorm_to_id(lens[d as usize]))
                .collect(),
            docs: docs.keys().copied().collect(),
            tfs: docs.values().copied().collect(),
        });
    }
    Ok(())
}

/// Appends the parts of `term` (nothing when it does not split).
fn parts_of(
    term: &str,
    depth: usize,
    known: &HashSet<&str>,
    words: &mut Words,
    out: &mut Vec<String>,
) {
    if depth == 0 || !may_split(term, known) {
        return;
    }
    let split = split_term(term, false, &mut |w| words.term_of(w), &|t| {
        known.contains(t)
    });
    let Some([head, tail]) = split else { return };
    for part in [head, tail] {
        let before = out.len();
        parts_of(&part, depth - 1, known, words, out);
        if out.len() == before {
            out.push(part);
        }
    }
}

/// A quick necessary condition, so most terms are never stemmed piece by piece (a large site
/// has some 60,000 terms per language): a split needs a known term that is a proper prefix of
/// `term`, the first part's stem (these stemmers only ever cut a word's end, which
/// `tests/stemmer_parity.rs` checks on 1.8 million words).
fn may_split(term: &str, known: &HashSet<&str>) -> bool {
    term.char_indices()
        .skip(1)
        .any(|(end, _)| known.contains(&term[..end]))
}
