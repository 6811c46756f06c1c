//! Words the index does not know, tried the way people actually type them: with the Nordic
//! letters spelled out or left off (folding), and as compounds of words it does know. The
//! browser client has the same rules in `js/variants.js`; `FORMAT.md` ("Query variants") is the
//! common description, and the parity tests hold both sides to it.

/// Spellings tried per unknown word at most (the word itself not counted). Candidates are
/// generated with the fewest changes first, so the cap only cuts unlikely many-change spellings
/// of long words; it bounds the stems computed and the shards a browser fetches.
pub(crate) const MAX_FOLD_CANDIDATES: usize = 64;
/// Spellings of an unknown word tried as compounds: the word and the first spellings (the
/// fewest changes). Each costs the browser a look-up of every possible first part.
pub(crate) const MAX_SPLIT_CANDIDATES: usize = 16;
/// Known terms kept per folded word (in candidate order).
pub(crate) const MAX_FOLDED_TERMS: usize = 4;
/// Words shorter than this are not folded: two letters give too many unrelated words.
pub(crate) const MIN_FOLD_CHARS: usize = 3;
/// A compound's first part has at least this many letters (linking letter removed), its last
/// part at least [`MIN_TAIL_CHARS`]. Shorter parts are where nonsense splits come from
/// ("sam" + "arbejd"); stems of real last parts are often three letters ("mød", "råd", "lov").
pub(crate) const MIN_HEAD_CHARS: usize = 4;
pub(crate) const MIN_TAIL_CHARS: usize = 3;
/// Word endings that are also indexed terms but never the last part of a compound: without
/// this list `forsikring` would split into `forsikr` + `ing` and `partnerskab` into `partn` +
/// `skab`. Checked against the last part as cut and against its term.
pub(crate) const NOT_LAST_PARTS: &[&str] = &[
    "and", "ande", "ende", "else", "ering", "hed", "het", "ing", "isk", "lig", "ling", "ning",
    "ring", "skab", "skap",
];
/// Derivational endings a query's last compound part is also tried without, in this order:
/// the query may build its compound on a form the site never uses (`konflikthåndtering` on a
/// Danish site that only says `håndtere`: `håndtering` is unknown, `håndter` has the known
/// term `hånd`). Index time stays strict: it splits only into terms the site has.
pub(crate) const QUERY_STRIP: &[&str] = &["ing", "ning", "else", "het", "hed"];
/// A last part without its ending keeps at least this many letters.
pub(crate) const MIN_STRIPPED_CHARS: usize = 4;
/// Compound parts found at index time are split again at most this deep, so a word yields at
/// most 2^depth parts.
pub(crate) const MAX_SPLIT_DEPTH: usize = 3;
/// Folded and compound-part terms weigh half of a term typed as is (a power of two, so field
/// boost × factor is exact in f32 on both sides): a document matching the word typed ranks
/// above an otherwise equal one matching a guessed spelling or a part.
pub(crate) const VARIANT_FACTOR: f32 = 0.5;

/// The spellings of one segment of a word: first as typed, then the alternatives tried.
fn options(chars: &[char], at: usize) -> (usize, &'static [&'static str]) {
    let next = chars.get(at + 1).copied();
    match (chars[at], next) {
        ('a', Some('a')) => (2, &["aa", "å"]),
        ('a', Some('e')) => (2, &["ae", "æ", "ä"]),
        ('o', Some('e')) => (2, &["oe", "ø", "ö"]),
        ('a', _) => (1, &["a", "ä", "å"]),
        ('o', _) => (1, &["o", "ö", "ø"]),
        ('æ', _) => (1, &["æ", "ä"]),
        ('ä', _) => (1, &["ä", "æ"]),
        ('ø', _) => (1, &["ø", "ö"]),
        ('ö', _) => (1, &["ö", "ø"]),
        _ => (1, &[]),
    }
}

/// The other spellings of `word` (lowercased): `aa`→`å`, `ae`→`æ`/`ä`, `oe`→`ø`/`ö`, `a`→`ä`/`å`,
/// `o`→`ö`/`ø`, and `æ`↔`ä`, `ø`↔`ö` between the languages. Segments are read left to right
/// (`aa`, `ae`, `oe` first). Order: by number of segments changed, then by the changed
/// positions (leftmost first, the leftmost position varying slowest), then by alternative in
/// the order above; at most [`MAX_FOLD_CANDIDATES`].
pub fn fold_candidates(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_FOLD_CHARS {
        return Vec::new();
    }
    // (text as typed, alternatives) per segment.
    let mut segments: Vec<(String, &'static [&'static str])> = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let (len, alts) = options(&chars, at);
        segments.push((chars[at..at + len].iter().collect(), alts));
        at += len;
    }
    let foldable: Vec<usize> = (0..segments.len())
        .filter(|&s| !segments[s].1.is_empty())
        .collect();
    let mut out = Vec::new();
    for k in 1..=foldable.len() {
        let mut chosen = Vec::new();
        if choose(&segments, &foldable, k, 0, &mut chosen, &mut out) {
            break;
        }
    }
    out
}

/// Adds every spelling changing exactly `k` segments (from `foldable[from..]`, after those in
/// `chosen`); true once [`MAX_FOLD_CANDIDATES`] are there.
fn choose(
    segments: &[(String, &'static [&'static str])],
    foldable: &[usize],
    k: usize,
    from: usize,
    chosen: &mut Vec<(usize, usize)>,
    out: &mut Vec<String>,
) -> bool {
    if chosen.len() == k {
        let mut s = String::new();
        let mut next = chosen.iter().peekable();
        for (i, (typed, alts)) in segments.iter().enumerate() {
            match next.peek() {
                Some(&&(seg, alt)) if seg == i => {
                    s.push_str(alts[alt]);
                    next.next();
                }
                _ => s.push_str(typed),
            }
        }
        out.push(s);
        return out.len() >= MAX_FOLD_CANDIDATES;
    }
    for p in from..foldable.len() {
        if foldable.len() - p < k - chosen.len() {
            break;
        }
        let seg = foldable[p];
        // Alternative 0 is the segment as typed.
        for alt in 1..segments[seg].1.len() {
            chosen.push((seg, alt));
            if choose(segments, foldable, k, p + 1, chosen, out) {
                return true;
            }
            chosen.pop();
        }
    }
    false
}

/// Ways `term` (a stem) may be cut into a first part and a last part: `(first part spellings,
/// last part)` per cut, the first part as is and without a linking `s` or `e` (in that order),
/// each at least [`MIN_HEAD_CHARS`], the last part at least [`MIN_TAIL_CHARS`]. Cuts go from
/// the shortest first part to the longest.
pub(crate) fn cuts(term: &str) -> Vec<(Vec<String>, String)> {
    let chars: Vec<char> = term.chars().collect();
    let mut out = Vec::new();
    if chars.len() < MIN_HEAD_CHARS + MIN_TAIL_CHARS {
        return out;
    }
    for i in MIN_HEAD_CHARS..=chars.len() - MIN_TAIL_CHARS {
        let head: String = chars[..i].iter().collect();
        let tail: String = chars[i..].iter().collect();
        let mut heads = vec![head.clone()];
        if i > MIN_HEAD_CHARS && matches!(chars[i - 1], 's' | 'e') {
            heads.push(chars[..i - 1].iter().collect());
        }
        out.push((heads, tail));
    }
    out
}

/// Splits `term` in two known terms: for each cut ([`cuts`]), the first first-part spelling
/// whose term `known` accepts, and the last part's term, if `known` accepts it and neither the
/// part nor its term is in [`NOT_LAST_PARTS`]. With `strip` (queries) the last part may also
/// lose a derivational ending ([`tail_term`]). Of the cuts
/// that work, the one whose shorter part is longest wins (short parts are where nonsense comes
/// from); on a tie, the shorter first part. `term_of` is the language's analyzer on one word
/// (`None` for a stop word or a too long word).
pub(crate) fn split_term(
    term: &str,
    strip: bool,
    term_of: &mut dyn FnMut(&str) -> Option<String>,
    known: &dyn Fn(&str) -> bool,
) -> Option<[String; 2]> {
    let mut best: Option<(usize, [String; 2])> = None;
    for (heads, tail) in cuts(term) {
        let Some((head, head_term)) = heads
            .iter()
            .find_map(|h| term_of(h).filter(|t| known(t)).map(|t| (h, t)))
        else {
            continue;
        };
        if NOT_LAST_PARTS.contains(&tail.as_str()) {
            continue;
        }
        let Some(tail_term) = tail_term(&tail, strip, term_of, known) else {
            continue;
        };
        let score = head.chars().count().min(tail.chars().count());
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, [head_term, tail_term]));
        }
    }
    best.map(|(_, parts)| parts)
}

/// The term of a compound's last part: the part's own term if known, else (with `strip`, for
/// queries) the term of the part without a derivational ending ([`QUERY_STRIP`]), if known;
/// never one in [`NOT_LAST_PARTS`].
fn tail_term(
    tail: &str,
    strip: bool,
    term_of: &mut dyn FnMut(&str) -> Option<String>,
    known: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let usable = |t: &String| known(t) && !NOT_LAST_PARTS.contains(&t.as_str());
    if let Some(t) = term_of(tail).filter(usable) {
        return Some(t);
    }
    if !strip {
        return None;
    }
    QUERY_STRIP.iter().find_map(|ending| {
        let rest = tail.strip_suffix(ending)?;
        if rest.chars().count() < MIN_STRIPPED_CHARS {
            return None;
        }
        term_of(rest).filter(usable)
    })
}

/// How a query's terms were found: the words as typed, or (also) other spellings or parts of
/// words the index does not know. It labels the results (`Hit::match_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Via {
    Typed,
    Compound,
    Folded,
}

/// The terms a query is searched with: `(term, factor)` in order, distinct, at most
/// `max_terms`; factor 1 for a word's own term, [`VARIANT_FACTOR`] for variants.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub terms: Vec<(String, f32)>,
    pub via: Via,
}

/// Resolves the query `words` (lowercased, in order, stop words included) against the index's
/// dictionary `known`. A word whose term is known stands as typed. Otherwise its other
/// spellings ([`fold_candidates`]) whose terms are known replace it (at most
/// [`MAX_FOLDED_TERMS`], in candidate order); failing that, the first of the word and its
/// first spellings ([`MAX_SPLIT_CANDIDATES`]) whose term splits into two known terms
/// ([`split_term`]) is replaced by those;
/// failing that, it stays (and matches nothing). Without `variants` (languages other than
/// Danish, Swedish and Norwegian) every term stands as typed. The browser does the same (`resolve` in
/// `js/variants.js`), fetching the shards each step needs.
pub(crate) fn resolve(
    words: &[String],
    variants: bool,
    term_of: &mut dyn FnMut(&str) -> Option<String>,
    known: &dyn Fn(&str) -> bool,
    max_terms: usize,
) -> Resolved {
    let mut terms: Vec<(String, f32)> = Vec::new();
    let mut via = Via::Typed;
    let push = |terms: &mut Vec<(String, f32)>, t: String, factor: f32| {
        if !terms.iter().any(|(u, _)| *u == t) {
            terms.push((t, factor));
        }
    };
    for word in words {
        let Some(term) = term_of(word) else { continue };
        if !variants || known(&term) {
            push(&mut terms, term, 1.0);
            continue;
        }
        let candidates = fold_candidates(word);
        let mut folded: Vec<String> = Vec::new();
        for c in &candidates {
            if let Some(t) = term_of(c)
                && t != term
                && known(&t)
                && !folded.contains(&t)
            {
                folded.push(t);
                if folded.len() == MAX_FOLDED_TERMS {
                    break;
                }
            }
        }
        if !folded.is_empty() {
            via = via.max(Via::Folded);
            for t in folded {
                push(&mut terms, t, VARIANT_FACTOR);
            }
            continue;
        }
        let mut split = None;
        for c in std::iter::once(word)
            .chain(&candidates)
            .take(MAX_SPLIT_CANDIDATES)
        {
            if let Some(t) = term_of(c) {
                split = split_term(&t, true, term_of, known);
                if split.is_some() {
                    break;
                }
            }
        }
        match split {
            Some(parts) => {
                via = via.max(Via::Compound);
                for t in parts {
                    push(&mut terms, t, VARIANT_FACTOR);
                }
            }
            None => push(&mut terms, term, 1.0),
        }
    }
    terms.truncate(max_terms);
    Resolved { terms, via }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_fewest_changes_first() {
        let c = fold_candidates("aeldre");
        assert_eq!(c, ["ældre", "äldre"]);
        let c = fold_candidates("moedrehjaelpen");
        assert_eq!(
            &c[..4],
            [
                "mødrehjaelpen",
                "mödrehjaelpen",
                "moedrehjælpen",
                "moedrehjälpen"
            ]
        );
        assert!(c.contains(&"mødrehjælpen".to_string()));
        assert_eq!(c.len(), 8);
        assert!(fold_candidates("overformyndarnamnden").contains(&"överförmyndarnämnden".into()));
        assert_eq!(fold_candidates("paa"), ["på"]);
        assert!(fold_candidates("xy").is_empty());
        assert_eq!(fold_candidates("tilskud"), Vec::<String>::new());
        assert_eq!(fold_candidates("skole"), ["sköle", "skøle"]);
        // A long word with many a/o stops at the cap, without enumerating 3^n spellings.
        assert_eq!(fold_candidates(&"ao".repeat(30)).len(), MAX_FOLD_CANDIDATES);
    }

    #[test]
    fn splits_into_known_parts_only() {
        let known =
            |t: &str| ["konflikt", "håndtering", "netværk", "mød", "sam", "arbejd"].contains(&t);
        let mut term_of = |w: &str| match w {
            "over" => None,
            "møde" => Some("mød".to_string()),
            w => Some(w.to_string()),
        };
        assert_eq!(
            split_term("konflikthåndtering", false, &mut term_of, &known),
            Some(["konflikt".into(), "håndtering".into()])
        );
        assert_eq!(
            split_term("netværksmød", false, &mut term_of, &known),
            Some(["netværk".into(), "mød".into()])
        );
        // "sam" is too short to be a first part.
        assert_eq!(split_term("samarbejd", false, &mut term_of, &known), None);
        assert_eq!(split_term("konfliktxyz", false, &mut term_of, &known), None);
    }
}
