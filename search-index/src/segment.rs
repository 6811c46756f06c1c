//! The general analyzer's tokenizer: Unicode words (UAX #29), so that `об’єднаннями` and
//! `з'явитися` stay one word, and single letters for the scripts written without spaces.
//! The browser client must cut exactly the same tokens with `Intl.Segmenter` (`words` in
//! `js/client.js`); `tests/unicode.rs` and `tests/general.rs` hold the two sides together.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// Scripts whose words ICU (the browser's `Intl.Segmenter`) finds with dictionaries (Han,
/// kana, Thai, Lao, Khmer, Myanmar) or as runs of complex-context letters (Tai Le, New Tai
/// Lue, Tai Tham, Tai Viet, Ahom), while UAX #29 splits them into single letters: neither
/// side can know the other's words, so both index such text one letter at a time (as Lucene's
/// StandardTokenizer does for ideographs).
const UNIGRAM_SCRIPTS: [Script; 12] = [
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Thai,
    Script::Lao,
    Script::Khmer,
    Script::Myanmar,
    Script::Tai_Le,
    Script::New_Tai_Lue,
    Script::Tai_Tham,
    Script::Tai_Viet,
    Script::Ahom,
];

/// Whether `c` ends a word at both sides in ICU's view (see [`UNIGRAM_SCRIPTS`]): a char of
/// those scripts by its Script (their symbols and marks too; they are dropped), or a letter or
/// digit of them by its Script_Extensions, so that the Common letters used only with them (the
/// prolonged sound mark `ー`, halfwidth voiced marks) count too. Other marks don't: the
/// combining acute lists Han among its scripts, and a decomposed `á` must stay whole. Common
/// and Inherited chars without an extension list every script here, hence the exclusion.
fn is_cut_char(c: char) -> bool {
    if UNIGRAM_SCRIPTS.contains(&c.script()) {
        return true;
    }
    if !c.is_alphanumeric() {
        return false;
    }
    let scripts = c.script_extension();
    !scripts.is_common()
        && !scripts.is_inherited()
        && UNIGRAM_SCRIPTS.iter().any(|s| scripts.contains_script(*s))
}

/// Whether UAX #29 joins `c` to whatever precedes it (WB4: Extend, Format, ZWJ), asked of
/// unicode-segmentation itself, which keeps those classes to itself: after a full stop only
/// they do not start a segment.
fn joins_previous(c: char) -> bool {
    let mut buf = [0u8; 5];
    buf[0] = b'.';
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    let text = std::str::from_utf8(&buf[..len]).expect("a full stop and a char");
    text.split_word_bounds().nth(1).is_none()
}

/// Hangul syllables are letters to UAX #29 (`API를` is one word) but a class of their own to
/// ICU, which ends a word at each change between them and anything else.
fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// UAX #29 words (segments with a letter or digit), cut where ICU's rules differ: a word with
/// Hangul syllables is cut into its runs of Hangul grapheme clusters and the UAX #29 words of
/// what lies between them; a word with letters or digits of [`UNIGRAM_SCRIPTS`] into each of
/// them alone and the UAX #29 words of what lies between them, their other chars dropped.
#[derive(Clone, Default)]
pub(crate) struct WordSegmenter {
    token: Token,
}

pub(crate) struct WordStream<'a> {
    text: &'a str,
    /// Byte ranges of the tokens, in order.
    words: std::vec::IntoIter<(usize, usize)>,
    token: &'a mut Token,
}

impl Tokenizer for WordSegmenter {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        let mut words = Vec::new();
        segment(text, 0, &mut words);
        WordStream {
            text,
            words: words.into_iter(),
            token: &mut self.token,
        }
    }
}

/// Pushes the byte ranges of the tokens of `text` (which starts at byte `at` of the whole).
fn segment(text: &str, at: usize, out: &mut Vec<(usize, usize)>) {
    for (from, word) in text.unicode_word_indices() {
        if word.chars().any(is_hangul_syllable) {
            hangul_runs(word, at + from, out);
        } else {
            cut(word, at + from, out);
        }
    }
}

/// Cuts a UAX #29 word with Hangul syllables as ICU does (see [`is_hangul_syllable`]): runs of
/// syllables with the marks and format chars that follow them (WB4) are words, what lies
/// between them is segmented again.
fn hangul_runs(word: &str, at: usize, out: &mut Vec<(usize, usize)>) {
    let mut chars = word.char_indices().peekable();
    let mut run = 0;
    while let Some((from, c)) = chars.next() {
        if !is_hangul_syllable(c) {
            continue;
        }
        segment(&word[run..from], at + run, out);
        let mut to = from + c.len_utf8();
        let in_run = |&(_, c): &(usize, char)| is_hangul_syllable(c) || joins_previous(c);
        while let Some((i, c)) = chars.next_if(in_run) {
            to = i + c.len_utf8();
        }
        cut(&word[from..to], at + from, out);
        run = to;
    }
    segment(&word[run..], at + run, out);
}

/// Pushes `word` (at byte `at`), or, if it has chars of [`UNIGRAM_SCRIPTS`] ([`is_cut_char`]),
/// each letter or digit of them alone and the UAX #29 words of the runs between them
/// (`abc_カタ`: `abc_`, `カ`, `タ`).
fn cut(word: &str, at: usize, out: &mut Vec<(usize, usize)>) {
    if !word.chars().any(is_cut_char) {
        out.push((at, at + word.len()));
        return;
    }
    let mut run = 0;
    for (i, c) in word.char_indices() {
        if is_cut_char(c) {
            segment(&word[run..i], at + run, out);
            if c.is_alphanumeric() {
                out.push((at + i, at + i + c.len_utf8()));
            }
            run = i + c.len_utf8();
        }
    }
    segment(&word[run..], at + run, out);
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((from, to)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens_of(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = WordSegmenter::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens_of(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn apostrophes_and_hyphens() {
        assert_eq!(
            texts("об’єднаннями, з'явитися — well-known"),
            ["об’єднаннями", "з'явитися", "well", "known"]
        );
    }

    #[test]
    fn unigrams_with_offsets_and_positions() {
        assert_eq!(
            tokens_of("中文 ok 日本語"),
            [
                ("中".into(), 0, 3, 0),
                ("文".into(), 3, 6, 1),
                ("ok".into(), 7, 9, 2),
                ("日".into(), 10, 13, 3),
                ("本".into(), 13, 16, 4),
                ("語".into(), 16, 19, 5),
            ]
        );
        // Katakana joins Latin through `_` in UAX #29; the Latin run stays a word.
        assert_eq!(
            texts("abc_カタ スーパー"),
            ["abc_", "カ", "タ", "ス", "ー", "パ", "ー"]
        );
        // Thai tone marks are no letters: dropped, their syllable's letters kept.
        assert_eq!(texts("ไม่"), ["ไ", "ม"]);
        // Hangul: ICU's runs, not UAX #29's words.
        assert_eq!(
            tokens_of("API를 don’t가 3개 가’가"),
            [
                ("API".into(), 0, 3, 0),
                ("를".into(), 3, 6, 1),
                ("don’t".into(), 7, 14, 2),
                ("가".into(), 14, 17, 3),
                ("3".into(), 18, 19, 4),
                ("개".into(), 19, 22, 5),
                ("가".into(), 23, 26, 6),
                ("가".into(), 29, 32, 7),
            ]
        );
    }

    #[test]
    fn common_marks_are_no_unigram_script() {
        assert!(!is_cut_char('a'));
        assert!(!is_cut_char('1'));
        assert!(!is_cut_char('\u{301}'));
        assert!(!is_cut_char('。'));
        assert_eq!(texts("ka\u{301}zka\u{301}"), ["ka\u{301}zka\u{301}"]);
        assert!(is_cut_char('ー'));
        assert!(is_cut_char('漢'));
    }
}
