//! Reading a built index back (terms, postings, fieldnorms, statistics) and cutting its term
//! dictionary into shards by term range. Layouts are in `FORMAT.md`.

use std::collections::BTreeMap;

use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

use crate::Error;
#[cfg(test)]
use crate::codec::get_varint;
use crate::codec::put_varint;
use crate::schema::{NUM_FIELDS, fields_of};

/// Raw (uncompressed) bytes aimed at per shard. A shard is closed once it reaches this, so
/// shards are a little bigger, and a single term with a long posting list can be much bigger.
/// About 10 KB raw gzips to 4–6 KB: one shard per query word keeps the first query small.
pub(crate) const SHARD_TARGET_BYTES: usize = 6 * 1024;

/// One term's postings in one field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldPostings {
    /// tantivy's idf for this term in this field, ln(1 + (N − n + 0.5) / (n + 0.5)) in f32.
    pub idf: f32,
    /// Ascending doc ids.
    pub docs: Vec<u32>,
    /// Term frequency in each doc.
    pub tfs: Vec<u32>,
    /// The field's fieldnorm id (tantivy's quantized length byte) in each doc.
    pub norms: Vec<u8>,
}

/// A term and its postings per scored field (title, headings, tags, body).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermEntry {
    pub term: String,
    pub fields: [Option<FieldPostings>; NUM_FIELDS],
}

/// Everything the browser needs from one language's index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndexDump {
    /// N: max_doc of the one segment (no deletes happen).
    pub num_docs: u32,
    /// total_num_tokens(field) as f32 / N as f32, per field, as tantivy computes it.
    pub avg_fieldnorms: [f32; NUM_FIELDS],
    /// All terms of all scored fields, sorted by UTF-8 bytes (tantivy's order).
    pub terms: Vec<TermEntry>,
}

/// tantivy 0.27's `bm25::idf` (crate-private there), same expression, same f32 steps.
pub(crate) fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// Reads terms, postings with frequencies, fieldnorms and statistics out of `index`.
pub(crate) fn read_index(index: &Index) -> Result<IndexDump, Error> {
    let fields = fields_of(&index.schema())?;
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers();
    let Some(segment) = segments.first() else {
        return Ok(IndexDump {
            num_docs: 0,
            avg_fieldnorms: [0.0; NUM_FIELDS],
            terms: Vec::new(),
        });
    };
    if segments.len() != 1 || segment.num_deleted_docs() != 0 {
        return Err(Error::Invariant(
            "the shard writer needs one segment without deletes".into(),
        ));
    }
    let num_docs = segment.max_doc();
    let mut avg_fieldnorms = [0f32; NUM_FIELDS];
    let mut by_term: BTreeMap<Vec<u8>, [Option<FieldPostings>; NUM_FIELDS]> = BTreeMap::new();
    for (slot, &field) in fields.text.iter().enumerate() {
        let inverted = segment.inverted_index(field)?;
        let norms = segment.get_fieldnorms_reader(field)?;
        // As in tantivy's Bm25Weight::for_terms.
        avg_fieldnorms[slot] = inverted.total_num_tokens() as f32 / u64::from(num_docs) as f32;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let info = stream.value().clone();
            let mut postings =
                inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            let mut fp = FieldPostings {
                idf: idf(u64::from(info.doc_freq), u64::from(num_docs)),
                docs: Vec::with_capacity(info.doc_freq as usize),
                tfs: Vec::with_capacity(info.doc_freq as usize),
                norms: Vec::with_capacity(info.doc_freq as usize),
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                fp.docs.push(doc);
                fp.tfs.push(postings.term_freq());
                fp.norms.push(norms.fieldnorm_id(doc));
                doc = postings.advance();
            }
            if fp.docs.len() != info.doc_freq as usize {
                return Err(Error::Invariant("doc_freq differs from postings".into()));
            }
            by_term.entry(stream.key().to_vec()).or_default()[slot] = Some(fp);
        }
    }
    let terms = by_term
        .into_iter()
        .map(|(bytes, fields)| {
            let term = String::from_utf8(bytes)
                .map_err(|_| Error::Invariant("a term is not UTF-8".into()))?;
            Ok(TermEntry { term, fields })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(IndexDump {
        num_docs,
        avg_fieldnorms,
        terms,
    })
}

/// A shard before compression: its key (every term in it sorts at or after the key, and before
/// the next shard's key) and its raw bytes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawShard {
    pub key: String,
    pub bytes: Vec<u8>,
    pub num_terms: usize,
}

/// Cuts the sorted `terms` into shards of about [`SHARD_TARGET_BYTES`].
pub(crate) fn cut_shards(terms: &[TermEntry], target: usize) -> Vec<RawShard> {
    let mut shards = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, entry) in terms.iter().enumerate() {
        size += estimated_size(entry);
        if size >= target || i + 1 == terms.len() {
            let key = if start == 0 {
                String::new()
            } else {
                separating_key(&terms[start - 1].term, &terms[start].term)
            };
            shards.push(RawShard {
                key,
                bytes: encode_shard(&terms[start..=i]),
                num_terms: i + 1 - start,
            });
            start = i + 1;
            size = 0;
        }
    }
    shards
}

fn estimated_size(entry: &TermEntry) -> usize {
    entry.term.len()
        + 2
        + entry
            .fields
            .iter()
            .flatten()
            .map(|f| 8 + f.docs.len() * 3)
            .sum::<usize>()
}

/// The shortest prefix of `first` (on a char boundary) that sorts after `prev_last`. Shard keys
/// are these prefixes: short keys keep the manifest small.
fn separating_key(prev_last: &str, first: &str) -> String {
    for (i, _) in first.char_indices().skip(1) {
        if first.as_bytes()[..i] > *prev_last.as_bytes() {
            return first[..i].to_string();
        }
    }
    first.to_string()
}

/// Encodes one shard (raw, before gzip). See `FORMAT.md`, "Term shards".
pub(crate) fn encode_shard(terms: &[TermEntry]) -> Vec<u8> {
    let mut table = Vec::new();
    let mut postings = Vec::new();
    put_varint(&mut table, terms.len() as u32);
    let mut prev: &[u8] = &[];
    for entry in terms {
        let bytes = entry.term.as_bytes();
        let shared = prev.iter().zip(bytes).take_while(|(a, b)| a == b).count();
        put_varint(&mut table, shared as u32);
        put_varint(&mut table, (bytes.len() - shared) as u32);
        table.extend_from_slice(&bytes[shared..]);
        let mask = entry
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_some())
            .fold(0u8, |m, (i, _)| m | (1 << i));
        table.push(mask);
        for fp in entry.fields.iter().flatten() {
            let start = postings.len();
            let mut last = 0u32;
            for (n, &doc) in fp.docs.iter().enumerate() {
                put_varint(&mut postings, if n == 0 { doc } else { doc - last });
                last = doc;
            }
            for &tf in &fp.tfs {
                put_varint(&mut postings, tf);
            }
            postings.extend_from_slice(&fp.norms);
            table.extend_from_slice(&fp.idf.to_le_bytes());
            put_varint(&mut table, fp.docs.len() as u32);
            put_varint(&mut table, (postings.len() - start) as u32);
        }
        prev = bytes;
    }
    table.extend_from_slice(&postings);
    table
}

/// Decodes a raw shard written by [`encode_shard`] (the Rust twin of the client's reader, used
/// by the round-trip tests).
#[cfg(test)]
pub(crate) fn decode_shard(bytes: &[u8]) -> Option<Vec<TermEntry>> {
    struct Pending {
        term: String,
        fields: Vec<(usize, f32, usize, usize)>,
    }
    let mut pos = 0;
    let count = get_varint(bytes, &mut pos)? as usize;
    let mut pending = Vec::with_capacity(count.min(bytes.len()));
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = get_varint(bytes, &mut pos)? as usize;
        let len = get_varint(bytes, &mut pos)? as usize;
        let mut term = prev.get(..shared)?.to_vec();
        term.extend_from_slice(bytes.get(pos..pos + len)?);
        pos += len;
        let mask = *bytes.get(pos)?;
        pos += 1;
        let mut fields = Vec::new();
        for slot in 0..NUM_FIELDS {
            if mask & (1 << slot) != 0 {
                let idf = f32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?);
                pos += 4;
                let df = get_varint(bytes, &mut pos)? as usize;
                let plen = get_varint(bytes, &mut pos)? as usize;
                fields.push((slot, idf, df, plen));
            }
        }
        pending.push(Pending {
            term: String::from_utf8(term.clone()).ok()?,
            fields,
        });
        prev = term;
    }
    let mut out = Vec::with_capacity(pending.len());
    for p in pending {
        let mut fields: [Option<FieldPostings>; NUM_FIELDS] = Default::default();
        for (slot, idf, df, plen) in p.fields {
            let block = bytes.get(pos..pos + plen)?;
            pos += plen;
            let mut at = 0;
            let mut docs = Vec::with_capacity(df);
            let mut last = 0u32;
            for n in 0..df {
                let d = get_varint(block, &mut at)?;
                last = if n == 0 { d } else { last.checked_add(d)? };
                docs.push(last);
            }
            let mut tfs = Vec::with_capacity(df);
            for _ in 0..df {
                tfs.push(get_varint(block, &mut at)?);
            }
            let norms = block.get(at..at + df)?.to_vec();
            if at + df != block.len() {
                return None;
            }
            fields[slot] = Some(FieldPostings {
                idf,
                docs,
                tfs,
                norms,
            });
        }
        out.push(TermEntry {
            term: p.term,
            fields,
        });
    }
    (pos == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, docs: &[u32]) -> TermEntry {
        let mut fields: [Option<FieldPostings>; NUM_FIELDS] = Default::default();
        fields[3] = Some(FieldPostings {
            idf: 0.5,
            docs: docs.to_vec(),
            tfs: docs.iter().map(|d| d % 3 + 1).collect(),
            norms: docs.iter().map(|d| (d % 250) as u8).collect(),
        });
        TermEntry {
            term: term.to_string(),
            fields,
        }
    }

    #[test]
    fn separating_keys_are_short_and_separate() {
        assert_eq!(separating_key("abc", "abd"), "abd");
        assert_eq!(separating_key("abc", "b"), "b");
        assert_eq!(separating_key("abc", "bcd"), "b");
        assert_eq!(separating_key("ab", "abc"), "abc");
        assert_eq!(separating_key("åb", "æøå"), "æ");
    }

    #[test]
    fn shards_round_trip() {
        let terms: Vec<TermEntry> = (0..300)
            .map(|i| entry(&format!("ord{i:04}æ"), &[i, i + 7, i * 3 + 20]))
            .collect();
        let shards = cut_shards(&terms, 512);
        assert!(shards.len() > 3);
        let mut back = Vec::new();
        for s in &shards {
            back.extend(decode_shard(&s.bytes).unwrap());
        }
        assert_eq!(back, terms);
        for w in shards.windows(2) {
            assert!(w[0].key < w[1].key);
        }
    }
}
