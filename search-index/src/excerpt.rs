//! Excerpts: the passage of a result that best shows why it matched. `js/client.js` has the
//! same algorithm (function `excerptOf`), step for step, so both sides give the same excerpt.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

use crate::analyzer::{Token, tokens};
use crate::fragments::ExcerptSection;

/// Tokens (analyzed words; stop words do not count) shown before the first match.
pub(crate) const WINDOW_BEFORE: usize = 6;
/// Tokens shown in all.
pub(crate) const WINDOW_TOKENS: usize = 24;

/// The anchor of the chosen section ("" when none) and the excerpt HTML.
pub(crate) fn excerpt(
    analyzer: &mut TextAnalyzer,
    sections: &[ExcerptSection],
    summary: &str,
    terms: &HashSet<String>,
) -> (String, String) {
    // The section matching the most distinct query terms in its heading and text; the first
    // one on a tie.
    let mut best: Option<(usize, usize)> = None;
    for (i, [heading, _, text]) in sections.iter().enumerate() {
        let mut hit: HashSet<String> = HashSet::new();
        for t in tokens(analyzer, heading)
            .into_iter()
            .chain(tokens(analyzer, text))
        {
            if terms.contains(&t.term) {
                hit.insert(t.term);
            }
        }
        if !hit.is_empty() && best.is_none_or(|(_, n)| hit.len() > n) {
            best = Some((i, hit.len()));
        }
    }
    if let Some((i, _)) = best {
        let [_, anchor, text] = &sections[i];
        let source = if text.is_empty() { summary } else { text };
        return (anchor.clone(), window(analyzer, source, terms));
    }
    let source = if summary.is_empty() {
        sections
            .iter()
            .map(|[_, _, text]| text.as_str())
            .find(|t| !t.is_empty())
            .unwrap_or("")
    } else {
        summary
    };
    (String::new(), window(analyzer, source, terms))
}

/// The sections a result lists ([`crate::MAX_SECTIONS`] at most): those with an anchor whose
/// heading or text holds a term to mark, by the number of distinct such terms (page order on a
/// tie), each as `(anchor, heading, excerpt of its text)`. A section of links has an empty
/// text, so it is listed by its heading with an empty excerpt.
pub(crate) fn matching_sections(
    analyzer: &mut TextAnalyzer,
    sections: &[ExcerptSection],
    terms: &HashSet<String>,
) -> Vec<(String, String, String)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, [heading, anchor, text]) in sections.iter().enumerate() {
        if anchor.is_empty() {
            continue;
        }
        let mut hit: HashSet<String> = HashSet::new();
        for t in tokens(analyzer, heading)
            .into_iter()
            .chain(tokens(analyzer, text))
        {
            if terms.contains(&t.term) {
                hit.insert(t.term);
            }
        }
        if !hit.is_empty() {
            found.push((i, hit.len()));
        }
    }
    // Stable: page order among sections with as many terms.
    found.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    found
        .into_iter()
        .take(crate::MAX_SECTIONS)
        .map(|(i, _)| {
            let [heading, anchor, text] = &sections[i];
            (
                anchor.clone(),
                heading.clone(),
                window(analyzer, text, terms),
            )
        })
        .collect()
}

/// Where a sentence starts in `gap`, the text between two words, if one does: after the last
/// full stop, `!`, `?` or line break (a list item or paragraph ends), and the ASCII whitespace
/// after it.
fn sentence_start(gap: &str) -> Option<usize> {
    let last = gap.rfind(['.', '!', '?', '\n'])?;
    let rest = &gap[last + 1..];
    Some(last + 1 + (rest.len() - rest.trim_start_matches(is_space).len()))
}

/// Up to [`WINDOW_TOKENS`] tokens of `text` from the sentence with the most distinct marked
/// terms (the first on a tie; the text's start if none): from the sentence's start, or from
/// [`WINDOW_BEFORE`] tokens before its first match when that is later. Matches marked.
fn window(analyzer: &mut TextAnalyzer, text: &str, terms: &HashSet<String>) -> String {
    let toks: Vec<Token> = tokens(analyzer, text);
    // The best sentence so far: (first token, where it starts in `text`, distinct marked
    // terms, first marked token).
    let mut best: Option<(usize, usize, usize, usize)> = None;
    let mut current = (0, 0, HashSet::new(), None);
    let close =
        |best: &mut Option<(usize, usize, usize, usize)>,
         (start, from, hit, first): (usize, usize, HashSet<&str>, Option<usize>)| {
            if let Some(first) = first
                && best.is_none_or(|(_, _, n, _)| hit.len() > n)
            {
                *best = Some((start, from, hit.len(), first));
            }
        };
    for (i, t) in toks.iter().enumerate() {
        let gap_from = if i == 0 { 0 } else { toks[i - 1].to };
        if i > 0
            && let Some(at) = sentence_start(&text[gap_from..t.from])
        {
            close(&mut best, std::mem::take(&mut current));
            current.0 = i;
            current.1 = gap_from + at;
        }
        if terms.contains(&t.term) {
            current.2.insert(&t.term);
            current.3.get_or_insert(i);
        }
    }
    close(&mut best, current);
    let (start, from) = match best {
        None => (0, 0),
        Some((sentence, from, _, first)) if first.saturating_sub(WINDOW_BEFORE) <= sentence => {
            (sentence, from)
        }
        Some((_, _, _, first)) => {
            let start = first - WINDOW_BEFORE;
            (start, toks[start].from)
        }
    };
    let end = toks.len().min(start + WINDOW_TOKENS);
    let to = if end == toks.len() {
        text.len()
    } else {
        toks[end - 1].to
    };
    let mut out = String::new();
    let mut pos = from;
    for t in &toks[start..end] {
        out.push_str(&escape(&collapse(&text[pos..t.from])));
        if terms.contains(&t.term) {
            out.push_str("<mark>");
            out.push_str(&escape(&text[t.from..t.to]));
            out.push_str("</mark>");
        } else {
            out.push_str(&escape(&text[t.from..t.to]));
        }
        pos = t.to;
    }
    out.push_str(&escape(&collapse(&text[pos..to])));
    let body = out.trim_matches(is_space);
    let mut html = String::with_capacity(body.len() + 8);
    if from > 0 {
        html.push_str("… ");
    }
    html.push_str(body);
    if to < text.len() {
        html.push_str(" …");
    }
    html
}

/// The whitespace excerpts collapse: ASCII only, so both sides agree on it.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if is_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::text_analyzer;

    fn set(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn marks_matches_and_escapes() {
        let mut a = text_analyzer("da").unwrap();
        let sections = vec![
            [
                "".into(),
                "".into(),
                "Indledning uden noget særligt.".into(),
            ],
            [
                "Tavshedspligt".into(),
                "tavshedspligt".into(),
                "Som <frivillig> har du tavshedspligt & ansvar.".into(),
            ],
        ];
        let terms: HashSet<String> = crate::analyze("da", "tavshedspligt")
            .unwrap()
            .into_iter()
            .collect();
        let (anchor, html) = excerpt(&mut a, &sections, "Resumé", &terms);
        assert_eq!(anchor, "tavshedspligt");
        assert_eq!(
            html,
            "Som &lt;frivillig&gt; har du <mark>tavshedspligt</mark> &amp; ansvar."
        );
    }

    /// The window starts at the sentence with the most query terms, not at the first match.
    #[test]
    fn prefers_the_sentence_with_most_terms() {
        let mut a = text_analyzer("da").unwrap();
        let text = "Kommunen har mange frivillige. Alle frivillige bisiddere har tavshedspligt, \
                    også efter opgaven. Spørg kommunen.";
        let sections = vec![["".into(), "".into(), text.into()]];
        let terms: HashSet<String> = crate::analyze("da", "frivillig tavshedspligt")
            .unwrap()
            .into_iter()
            .collect();
        let (_, html) = excerpt(&mut a, &sections, "", &terms);
        assert!(
            html.starts_with(
                "… Alle <mark>frivillige</mark> bisiddere har <mark>tavshedspligt</mark>"
            ),
            "{html}"
        );
        // A line break ends a sentence too (list items, paragraphs).
        let text = "Frivillige hjælper\nTavshedspligt og frivillige: det gælder alle";
        let sections = vec![["".into(), "".into(), text.into()]];
        let (_, html) = excerpt(&mut a, &sections, "", &terms);
        assert!(
            html.starts_with("… <mark>Tavshedspligt</mark> og <mark>frivillige</mark>"),
            "{html}"
        );
    }

    #[test]
    fn falls_back_to_summary_and_windows_long_text() {
        let mut a = text_analyzer("da").unwrap();
        let (anchor, html) = excerpt(&mut a, &[], "Kort  resumé\n her", &set(&["xyz"]));
        assert_eq!((anchor.as_str(), html.as_str()), ("", "Kort resumé her"));
        let text = (0..100)
            .map(|i| format!("ord{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let sections = vec![["".into(), "".into(), text]];
        let (_, html) = excerpt(&mut a, &sections, "", &set(&["ord50"]));
        assert_eq!(
            html,
            "… ord44 ord45 ord46 ord47 ord48 ord49 <mark>ord50</mark> ord51 ord52 ord53 ord54 \
             ord55 ord56 ord57 ord58 ord59 ord60 ord61 ord62 ord63 ord64 ord65 ord66 ord67 …"
        );
    }
}
