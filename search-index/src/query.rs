//! `search`: the reference ranking. The browser client reproduces it exactly, query variants
//! (other spellings, compound parts) included; only its prefix and typo matches go beyond it.

use std::collections::HashSet;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Index, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use crate::analyzer::{Words, text_analyzer};
use crate::excerpt::{excerpt, matching_sections};
use crate::facets::{self, BestBet, Counts, DocFacets, Filters, Sort};
use crate::fragments::ExcerptSection;
use crate::schema::{FIELD_BOOSTS, fields_of};
use crate::variants::{Resolved, Via, resolve};
use crate::{Error, Hit, HitSection, MatchKind};
use serde::{Deserialize, Serialize};

/// At most this many distinct query terms count (the client has the same limit): a pasted
/// paragraph must not turn into hundreds of clauses.
pub(crate) const MAX_QUERY_TERMS: usize = 32;

/// The terms `query` is searched with in `index` (see [`resolve`]): the distinct terms of its
/// words in order of first occurrence, at most [`MAX_QUERY_TERMS`], words the dictionary
/// lacks replaced by their known spellings or parts. Duplicates are dropped so that "frivillig
/// frivillig" scores like "frivillig" (the client does the same).
pub(crate) fn query_terms(index: &Index, language: &str, query: &str) -> Result<Resolved, Error> {
    let variants = crate::analyzer::language_spec(language)?.variants;
    let mut words = Words::new(language)?;
    let query_words = words.words(query);
    let fields = fields_of(&index.schema())?;
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut dictionaries = Vec::new();
    for segment in searcher.segment_readers() {
        for field in fields.text {
            dictionaries.push(segment.inverted_index(field)?);
        }
    }
    let known = |term: &str| {
        dictionaries
            .iter()
            .any(|inv| inv.terms().get(term.as_bytes()).ok().flatten().is_some())
    };
    Ok(resolve(
        &query_words,
        variants,
        &mut |w| words.term_of(w),
        &known,
        MAX_QUERY_TERMS,
    ))
}

/// Searches `index` (built by [`crate::build_index`] for `language`) for the words of `query`.
///
/// The query is analyzed with the language's analyzer and resolved ([`query_terms`]); for every
/// term there is one should-clause per field (title, headings, tags, body, parts, in that order)
/// with the field's boost times the term's factor, scored with tantivy's BM25 and summed in
/// clause order. Results are ordered by score, then by doc id;
/// `kinds` (when not empty) keeps only those kinds. Odd queries give no results, not errors.
pub fn search(
    index: &Index,
    language: &str,
    query: &str,
    kinds: &[String],
    limit: usize,
) -> Result<Vec<Hit>, Error> {
    Ok(search_with(index, language, query, &Filters::kinds(kinds), limit)?.hits)
}

/// What [`search_with`] finds: the results, the counts per filter value of every matching
/// document, and the urgent contacts the query names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub hits: Vec<Hit>,
    pub counts: Counts,
    pub best_bets: Vec<BestBet>,
    /// Every match the filters keep (`hits` holds the first `limit`).
    pub total: usize,
}

/// [`search`] narrowed by `filters` and ordered by `filters.sort`, with the counts (each facet
/// counted under every other facet's filter, see [`Filters::keeps`]) and best bets.
pub fn search_with(
    index: &Index,
    language: &str,
    query: &str,
    filters: &Filters,
    limit: usize,
) -> Result<Answer, Error> {
    let Resolved { terms, via } = query_terms(index, language, query)?;
    if terms.is_empty() {
        return Ok(Answer::default());
    }
    let match_kind = match via {
        Via::Typed => MatchKind::Exact,
        Via::Folded => MatchKind::Folded,
        Via::Compound => MatchKind::Compound,
    };
    let fields = fields_of(&index.schema())?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (term, factor) in &terms {
        for (field, field_boost) in fields.text.iter().zip(FIELD_BOOSTS) {
            // Exact in f32: the factor is 1 or 1/2.
            let boost = field_boost * factor;
            let tq = TermQuery::new(
                Term::from_field_text(*field, term),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(tq), boost)),
            ));
        }
    }
    let query_tree = BooleanQuery::new(clauses);
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let term_set: HashSet<String> = terms.into_iter().map(|(t, _)| t).collect();
    let best_bets = bets(&searcher, &fields, &term_set, query)?;

    // Every match with what filters and sorting need, read once.
    let mut matches = Vec::new();
    for (score, address) in searcher.search(&query_tree, &AllScores)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        let kind = stored_text(&doc, fields.kind);
        let facets: DocFacets = serde_json::from_str(&stored_text(&doc, fields.facets))?;
        matches.push((score, address, kind, facets, doc));
    }
    let counts = facets::count(
        matches.iter().map(|(_, _, k, f, _)| (k.as_str(), f)),
        filters,
    );
    matches.retain(|(_, _, kind, facets, _)| filters.keeps(kind, facets, None));
    let total = matches.len();
    // Score descending, then doc id ascending: a total order the client mirrors; by date, the
    // newest first and undated last, before that.
    matches.sort_by(|a, b| {
        let by_date = match filters.sort {
            Sort::Relevance => std::cmp::Ordering::Equal,
            Sort::Date => b.3.date.cmp(&a.3.date),
        };
        by_date.then(b.0.total_cmp(&a.0)).then(a.1.cmp(&b.1))
    });

    let mut analyzer = text_analyzer(language)?;
    let mut hits = Vec::new();
    for (score, _, kind, facets, doc) in matches.into_iter().take(limit) {
        let sections: Vec<ExcerptSection> =
            serde_json::from_str(&stored_text(&doc, fields.sections))?;
        let summary = stored_text(&doc, fields.summary);
        let (anchor, excerpt) = excerpt(&mut analyzer, &sections, &summary, &term_set);
        let page = stored_text(&doc, fields.url);
        let url = if anchor.is_empty() {
            page.clone()
        } else {
            format!("{page}#{anchor}")
        };
        let sections = matching_sections(&mut analyzer, &sections, &term_set)
            .into_iter()
            .map(|(anchor, heading, excerpt)| HitSection {
                url: format!("{page}#{anchor}"),
                heading,
                excerpt,
            })
            .collect();
        hits.push(Hit {
            url,
            title: stored_text(&doc, fields.text[0]),
            kind,
            language: stored_text(&doc, fields.language),
            score,
            excerpt,
            match_kind,
            stale: doc
                .get_first(fields.stale)
                .and_then(|v| v.as_u64())
                .is_some_and(|s| s == 1),
            date: facets.date,
            sections,
        });
    }
    Ok(Answer {
        hits,
        counts,
        best_bets,
        total,
    })
}

fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// The urgent contacts of the index that the query names ([`facets::matching_bets`]).
fn bets(
    searcher: &tantivy::Searcher,
    fields: &crate::schema::Fields,
    terms: &HashSet<String>,
    query: &str,
) -> Result<Vec<BestBet>, Error> {
    let urgent = TermQuery::new(
        Term::from_field_u64(fields.urgent, 1),
        IndexRecordOption::Basic,
    );
    let mut found = searcher.search(&urgent, &AllScores)?;
    found.sort_by_key(|(_, address)| *address);
    let mut all = Vec::new();
    for (_, address) in found {
        let doc: TantivyDocument = searcher.doc(address)?;
        all.push(serde_json::from_str::<BestBet>(&stored_text(
            &doc, fields.bet,
        ))?);
    }
    Ok(facets::matching_bets(&all, terms, query)
        .into_iter()
        .cloned()
        .collect())
}

/// Collects every matching document with its score. tantivy's `TopDocs` prunes with block-WAND,
/// which sums clause scores in an order that depends on posting-block state; collecting through
/// `Weight::for_each` sums them in clause order instead, which the client can reproduce.
struct AllScores;

struct AllScoresSegment {
    segment: SegmentOrdinal,
    hits: Vec<(Score, DocAddress)>,
}

impl Collector for AllScores {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = AllScoresSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<AllScoresSegment> {
        Ok(AllScoresSegment {
            segment,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Score, DocAddress)>>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for AllScoresSegment {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((score, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
