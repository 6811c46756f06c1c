//! The index schema: four scored text fields, plus stored fields for results and excerpts.

use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::Error;

/// The scored fields, in clause order: for every query term, one should-clause per field in this
/// order (the order in which scores are summed, which matters for f32 parity).
pub const FIELD_NAMES: [&str; 5] = ["title", "headings", "tags", "body", "parts"];

/// Per-field boosts. A word in the title weighs most: the title names the page. Headings name
/// its parts, tags are curated keywords but often generic (e.g. "samarbejde"), and the body is
/// the baseline. `parts` holds the known words compounds are made of (`konflikt` and
/// `håndtering` for `konflikthåndtering`, see `variants.rs`): a page about the whole is only
/// partly about each part, so it weighs half of body. All are exact in f32, and so are their
/// products with the variant factor 1/2, so `weight · boost` rounds the same on both sides.
pub const FIELD_BOOSTS: [f32; 5] = [3.0, 2.0, 1.5, 1.0, 0.5];

pub(crate) const NUM_FIELDS: usize = FIELD_NAMES.len();

/// Field handles of an index built by [`crate::build_index`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// title, headings, tags, body, parts (see [`FIELD_NAMES`]); title is stored too.
    pub text: [Field; NUM_FIELDS],
    /// Raw (untokenized) kind, indexed for filtering and stored.
    pub kind: Field,
    pub url: Field,
    pub language: Field,
    pub summary: Field,
    /// JSON `[[heading, anchor, text], ...]`, the texts cut as in the fragments.
    pub sections: Field,
    /// 1 when the document may be out of date (stored only; it never affects scores).
    pub stale: Field,
    /// JSON of the document's filter values and date (`facets::DocFacets`), stored only.
    pub facets: Field,
    /// 1 on an urgent contact (indexed, so best bets are found without reading every document).
    pub urgent: Field,
    /// JSON of an urgent contact's best bet (`facets::BestBet`), stored only.
    pub bet: Field,
}

/// The tokenizer of the `parts` field: the indexer writes its terms already analyzed, separated
/// by spaces.
pub(crate) const PARTS_TOKENIZER: &str = "samspil_parts";

pub(crate) fn build_schema(tokenizer: &str) -> (Schema, Fields) {
    let mut builder = Schema::builder();
    // Frequencies but no positions: scoring needs tf, and phrase queries are not offered.
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqs)
        .set_fieldnorms(true);
    let parts_indexing = indexing.clone().set_tokenizer(PARTS_TOKENIZER);
    let scored = TextOptions::default().set_indexing_options(indexing);
    let title = builder.add_text_field("title", scored.clone().set_stored());
    let headings = builder.add_text_field("headings", scored.clone());
    let tags = builder.add_text_field("tags", scored.clone());
    let body = builder.add_text_field("body", scored);
    let parts = builder.add_text_field(
        "parts",
        TextOptions::default().set_indexing_options(parts_indexing),
    );
    let kind = builder.add_text_field("kind", STRING | STORED);
    let url = builder.add_text_field("url", STORED);
    let language = builder.add_text_field("language", STORED);
    let summary = builder.add_text_field("summary", STORED);
    let sections = builder.add_text_field("sections", STORED);
    let stale = builder.add_u64_field("stale", STORED);
    let facets = builder.add_text_field("facets", STORED);
    let urgent = builder.add_u64_field("urgent", INDEXED);
    let bet = builder.add_text_field("bet", STORED);
    let fields = Fields {
        text: [title, headings, tags, body, parts],
        kind,
        url,
        language,
        summary,
        sections,
        stale,
        facets,
        urgent,
        bet,
    };
    (builder.build(), fields)
}

/// Looks the fields up by name in an existing index's schema.
pub(crate) fn fields_of(schema: &Schema) -> Result<Fields, Error> {
    let get = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| Error::Invariant(format!("index has no field {name:?}")))
    };
    Ok(Fields {
        text: [
            get("title")?,
            get("headings")?,
            get("tags")?,
            get("body")?,
            get("parts")?,
        ],
        kind: get("kind")?,
        url: get("url")?,
        language: get("language")?,
        summary: get("summary")?,
        sections: get("sections")?,
        stale: get("stale")?,
        facets: get("facets")?,
        urgent: get("urgent")?,
        bet: get("bet")?,
    })
}
