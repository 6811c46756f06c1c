//! Building one language's tantivy index.

use tantivy::indexer::NoMergePolicy;
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::analyzer::{text_analyzer, tokenizer_name};
use crate::compounds::parts_texts;
use crate::facets::{DocFacets, best_bets};
use crate::fragments::excerpt_sections;
use crate::schema::{PARTS_TOKENIZER, build_schema};
use crate::{Document, Error};

/// Memory budget of the single indexing thread. tantivy grows its arena page by page, so this
/// is a ceiling, not an allocation; it only has to be big enough that the writer never flushes
/// early, since a second segment would break the single-segment statistics the client mirrors.
const WRITER_BUDGET_BYTES: usize = 2_000_000_000;

/// The documents of `language` in index order: grouped by kind (stable, so page order is kept
/// within a kind). Doc ids are positions in this list, and grouping makes each kind a contiguous
/// doc-id range, so the client filters by kind with two numbers per kind instead of a table.
pub(crate) fn indexed_docs<'a>(language: &str, docs: &'a [Document]) -> Vec<&'a Document> {
    let mut out: Vec<&Document> = docs.iter().filter(|d| d.language == language).collect();
    out.sort_by(|a, b| a.kind.cmp(&b.kind));
    out
}

/// Builds the index of `language` in RAM, as exactly one segment, deterministically.
///
/// Only documents whose `language` equals `language` are indexed (so the whole site may be
/// passed). Doc ids follow the input order, grouped by kind (stable).
pub fn build_index(language: &str, docs: &[Document]) -> Result<Index, Error> {
    build(language, docs, true)
}

/// [`build_index`]; with `stored` false only the indexed fields are filled (the shard writer
/// reads nothing else, and storing the texts again would cost time for nothing), and the
/// `parts` field is left empty: the shard writer derives it from the other fields' postings
/// ([`crate::compounds::add_parts`]), which spares a second analysis of all the text.
pub(crate) fn build(language: &str, docs: &[Document], stored: bool) -> Result<Index, Error> {
    let name = tokenizer_name(language);
    let analyzer = text_analyzer(language)?;
    let (schema, fields) = build_schema(&name);
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(&name, analyzer);
    index.tokenizers().register(
        PARTS_TOKENIZER,
        TextAnalyzer::from(WhitespaceTokenizer::default()),
    );

    let docs = indexed_docs(language, docs);
    if docs.is_empty() {
        return Ok(index);
    }
    let parts = if stored {
        parts_texts(language, &docs)?
    } else {
        vec![String::new(); docs.len()]
    };
    // One thread: documents get doc ids in the order they are added.
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(1, WRITER_BUDGET_BYTES)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for (doc, parts_text) in docs.into_iter().zip(parts) {
        let mut td = TantivyDocument::default();
        let [title, headings, tags, body, parts] = fields.text;
        td.add_text(title, &doc.title);
        for section in &doc.sections {
            if !section.heading.is_empty() {
                td.add_text(headings, &section.heading);
            }
        }
        for tag in &doc.tags {
            td.add_text(tags, tag);
        }
        // The summary is page text the reader sees first; it counts as body.
        if !doc.summary.is_empty() {
            td.add_text(body, &doc.summary);
        }
        for section in &doc.sections {
            if !section.text.is_empty() {
                td.add_text(body, &section.text);
            }
        }
        if !parts_text.is_empty() {
            td.add_text(parts, &parts_text);
        }
        td.add_text(fields.kind, &doc.kind);
        if stored {
            td.add_text(fields.url, &doc.url);
            td.add_text(fields.language, &doc.language);
            td.add_text(fields.summary, &doc.summary);
            td.add_text(
                fields.sections,
                serde_json::to_string(&excerpt_sections(doc))?,
            );
            td.add_u64(fields.stale, u64::from(doc.stale));
            td.add_text(fields.facets, serde_json::to_string(&DocFacets::of(doc))?);
            if let Some(bet) = best_bets(language, &[doc])?.pop() {
                td.add_u64(fields.urgent, 1);
                td.add_text(fields.bet, serde_json::to_string(&bet)?);
            }
        }
        writer.add_document(td)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    let segments = index.searchable_segment_metas()?;
    if segments.len() != 1 {
        return Err(Error::Invariant(format!(
            "expected one segment, tantivy wrote {}",
            segments.len()
        )));
    }
    Ok(index)
}
