//! Document fragments: what a result shows (title, URL, kind, summary, sections for excerpts),
//! several documents per file so big sites stay far below hosts' file-count limits.

use serde::Serialize;

use crate::Document;

/// Section texts are cut to about this many characters for excerpts. Excerpts come from the
/// start of a section far more often than from its tail, and a fragment file must stay small;
/// the index itself holds the whole text, so this only limits where an excerpt can come from.
pub(crate) const EXCERPT_SECTION_CHARS: usize = 700;

/// Raw (uncompressed) bytes aimed at per fragment file; the number of documents per file is
/// chosen from the average document size so that files land near it.
pub(crate) const FRAGMENT_TARGET_BYTES: usize = 10 * 1024;
/// Never more documents per file than this (many tiny documents would otherwise make one
/// result fetch a big file).
pub(crate) const MAX_DOCS_PER_FRAGMENT: usize = 32;

/// One section as stored for excerpts: `[heading, anchor, text]`.
pub(crate) type ExcerptSection = [String; 3];

/// The sections of `doc` as kept for excerpts (texts cut with [`cut_text`]; a section of
/// links keeps its heading and anchor but no text, so no excerpt comes from a run of link
/// texts). Both the Rust `search` and the fragments use this, so both sides make excerpts from
/// the same text.
pub(crate) fn excerpt_sections(doc: &Document) -> Vec<ExcerptSection> {
    doc.sections
        .iter()
        .map(|s| {
            let text = if s.links {
                String::new()
            } else {
                cut_text(&s.text, EXCERPT_SECTION_CHARS)
            };
            [s.heading.clone(), s.anchor.clone(), text]
        })
        .collect()
}

/// `text` cut to at most `max_chars` characters, at the last space in the final 60 characters
/// when there is one (so no word is cut in half).
pub(crate) fn cut_text(text: &str, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let floor = head
        .char_indices()
        .rev()
        .nth(60)
        .map(|(i, _)| i)
        .unwrap_or(0);
    match head[floor..].rfind(' ') {
        Some(space) if floor + space > 0 => head[..floor + space].to_string(),
        _ => head.to_string(),
    }
}

#[derive(Serialize)]
struct FragmentDoc<'a> {
    /// title
    t: &'a str,
    /// URL relative to the site root
    u: &'a str,
    /// kind
    k: &'a str,
    /// summary
    s: &'a str,
    /// sections `[heading, anchor, text]`
    x: Vec<ExcerptSection>,
    /// 1 when the document may be out of date; left out otherwise (most documents are not).
    #[serde(skip_serializing_if = "Option::is_none")]
    o: Option<u8>,
    /// the date (`YYYY-MM-DD`), left out when the document has none
    #[serde(skip_serializing_if = "str::is_empty")]
    d: &'a str,
}

/// How many documents go in one fragment file for this language.
pub(crate) fn docs_per_fragment(docs: &[&Document]) -> usize {
    if docs.is_empty() {
        return 1;
    }
    let total: usize = docs.iter().map(|d| approx_fragment_bytes(d)).sum();
    let avg = (total / docs.len()).max(1);
    ((FRAGMENT_TARGET_BYTES + avg / 2) / avg).clamp(1, MAX_DOCS_PER_FRAGMENT)
}

fn approx_fragment_bytes(doc: &Document) -> usize {
    let sections: usize = doc
        .sections
        .iter()
        .map(|s| {
            s.heading.len() + s.anchor.len() + s.text.len().min(EXCERPT_SECTION_CHARS * 2) + 12
        })
        .sum();
    doc.title.len()
        + doc.url.len()
        + doc.kind.len()
        + doc.summary.len()
        + sections
        + 36
        + if doc.date.is_empty() { 0 } else { 18 }
}

/// The JSON of one fragment file: an array of the documents, in doc-id order.
pub(crate) fn fragment_json(docs: &[&Document]) -> Result<Vec<u8>, serde_json::Error> {
    let out: Vec<FragmentDoc> = docs
        .iter()
        .map(|d| FragmentDoc {
            t: &d.title,
            u: &d.url,
            k: &d.kind,
            s: &d.summary,
            x: excerpt_sections(d),
            o: d.stale.then_some(1),
            d: &d.date,
        })
        .collect();
    serde_json::to_vec(&out)
}

#[cfg(test)]
mod tests {
    use super::cut_text;

    #[test]
    fn cut_keeps_short_text() {
        assert_eq!(cut_text("kort tekst", 100), "kort tekst");
    }

    #[test]
    fn cut_at_a_space_and_on_char_boundaries() {
        let text = "æøå ".repeat(100);
        let cut = cut_text(&text, 50);
        assert!(cut.chars().count() <= 50);
        assert!(cut.ends_with('å'));
        let one_word = "ø".repeat(100);
        assert_eq!(cut_text(&one_word, 10).chars().count(), 10);
    }
}
