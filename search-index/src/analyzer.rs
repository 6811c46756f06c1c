//! The per-language analyzer. The browser client mirrors each step (see `js/client.js`), so any
//! change here is a format change.

use rustc_hash::FxHashMap as HashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, TokenFilter, TokenStream, Tokenizer,
};

use crate::segment::WordSegmenter;
use crate::{Error, stopwords};

/// Tokens of this many UTF-8 bytes or more are dropped (tantivy's `RemoveLongFilter` keeps
/// `len < limit`).
pub(crate) const MAX_TOKEN_BYTES: usize = 40;

/// How one site language maps onto tantivy's analyzers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LanguageSpec {
    /// The code the JS stemmer takes: "da" | "sv" | "nb" | "en", or "" for none.
    pub stemmer: &'static str,
    /// tantivy's stemmer and stop-word language; `None` for the general analyzer.
    pub language: Option<Language>,
    pub stop_words: &'static [&'static str],
    /// Nordic folding and compound splitting (`variants.rs`) apply: their rules are made for
    /// Danish, Swedish and Norwegian.
    pub variants: bool,
}

/// The site language codes with a language's own analyzer (stop words, Snowball stemmer;
/// `no` is accepted as Bokmål too, `en-GB` etc. as English). Every other language gets the
/// general analyzer.
pub const SUPPORTED_LANGUAGES: &[&str] = &["da", "sv", "nb", "nn", "en"];

/// Whether [`language_spec`] accepts `language`: any code of ASCII letters, digits and `-`
/// starting with a lowercase letter (it names a directory of the output), which covers every
/// BCP 47 tag a site may use.
pub fn supports_language(language: &str) -> bool {
    language_spec(language).is_ok()
}

/// Whether `language` has its own stemmer and stop words (else the general analyzer:
/// words, lower case, nothing dropped, nothing stemmed).
pub fn has_stemmer(language: &str) -> bool {
    language_spec(language).is_ok_and(|s| s.language.is_some())
}

pub(crate) fn language_spec(language: &str) -> Result<LanguageSpec, Error> {
    let spec = match language {
        "da" => LanguageSpec {
            stemmer: "da",
            language: Some(Language::Danish),
            stop_words: stopwords::DANISH,
            variants: true,
        },
        "sv" => LanguageSpec {
            stemmer: "sv",
            language: Some(Language::Swedish),
            stop_words: stopwords::SWEDISH,
            variants: true,
        },
        // tantivy has a single Norwegian (Bokmål) stemmer and stop-word list.
        "nb" | "nn" | "no" => LanguageSpec {
            stemmer: "nb",
            language: Some(Language::Norwegian),
            stop_words: stopwords::NORWEGIAN,
            variants: true,
        },
        // English in any region (en-GB, en-US): tantivy's Snowball English (Porter2).
        en if en == "en" || en.starts_with("en-") => LanguageSpec {
            stemmer: "en",
            language: Some(Language::English),
            stop_words: stopwords::ENGLISH,
            variants: false,
        },
        other
            if other.starts_with(|c: char| c.is_ascii_lowercase())
                && other.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            LanguageSpec {
                stemmer: "",
                language: None,
                stop_words: &[],
                variants: false,
            }
        }
        other => return Err(Error::UnsupportedLanguage(other.to_string())),
    };
    Ok(spec)
}

/// The name the analyzer is registered under in each index, e.g. `samspil_da`.
pub fn tokenizer_name(language: &str) -> String {
    format!("samspil_{language}")
}

/// The stop words the analyzer drops for `language` (tantivy's lists).
pub fn stop_words(language: &str) -> Result<&'static [&'static str], Error> {
    Ok(language_spec(language)?.stop_words)
}

/// The language's analyzer. Without a stemmer (the general analyzer) it is Unicode words
/// ([`WordSegmenter`]), lower case, nothing dropped: the split at every char that is no letter
/// or digit, right for the stemmed languages, would cut `об’єднаннями` in two and leave
/// Chinese or Thai sentences whole.
pub(crate) fn text_analyzer(language: &str) -> Result<TextAnalyzer, Error> {
    let spec = language_spec(language)?;
    let Some(lang) = spec.language else {
        return Ok(general_words());
    };
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser);
    let stop = StopWordFilter::new(lang)
        .ok_or_else(|| Error::UnsupportedLanguage(language.to_string()))?;
    Ok(words.filter(stop).filter(StemCache(lang)).build())
}

/// The general analyzer: [`WordSegmenter`], then the same filters as the stemmed ones.
fn general_words() -> TextAnalyzer {
    TextAnalyzer::builder(WordSegmenter::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

/// tantivy's Snowball `Stemmer` with a memory: each distinct word is stemmed once by tantivy's
/// own filter, later occurrences are looked up. A site repeats its words (2.2 million tokens,
/// about 60,000 distinct words per language in the 10,000-page benchmark), and stemming was the
/// largest single cost of indexing. The terms are exactly tantivy's: a miss runs the word
/// through `RawTokenizer` → `Stemmer`, which stems a whole token just as the chain would.
#[derive(Clone, Copy)]
struct StemCache(Language);

/// Entries kept before the memory starts afresh, so a pathological input can't grow it without
/// bound (a few MB at most).
const STEM_CACHE_MAX: usize = 200_000;

impl TokenFilter for StemCache {
    type Tokenizer<T: Tokenizer> = StemCacheTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemCacheTokenizer<T> {
        StemCacheTokenizer {
            inner,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.0))
                .build(),
            cache: HashMap::default(),
        }
    }
}

struct StemCacheTokenizer<T> {
    inner: T,
    stemmer: TextAnalyzer,
    cache: HashMap<String, String>,
}

/// A clone starts with an empty memory (tantivy clones analyzers per indexing thread).
impl<T: Clone> Clone for StemCacheTokenizer<T> {
    fn clone(&self) -> Self {
        StemCacheTokenizer {
            inner: self.inner.clone(),
            stemmer: self.stemmer.clone(),
            cache: HashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for StemCacheTokenizer<T> {
    type TokenStream<'a> = StemCacheStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemCacheStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            cache: &mut self.cache,
        }
    }
}

struct StemCacheStream<'a, S> {
    tail: S,
    stemmer: &'a mut TextAnalyzer,
    cache: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for StemCacheStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let mut stemmed = self.stemmer.token_stream(&token.text);
        let stem = match stemmed.advance() {
            true => stemmed.token().text.clone(),
            false => token.text.clone(),
        };
        drop(stemmed);
        if self.cache.len() >= STEM_CACHE_MAX {
            self.cache.clear();
        }
        self.cache
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.tail.token_mut()
    }
}

/// A term with the byte range of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub term: String,
    pub from: usize,
    pub to: usize,
}

pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Token {
            term: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

/// The terms `text` yields in `language`, in order (duplicates kept): what the index stores and
/// what the browser's `analyze(language, text)` must return too.
pub fn analyze(language: &str, text: &str) -> Result<Vec<String>, Error> {
    let mut analyzer = text_analyzer(language)?;
    Ok(tokens(&mut analyzer, text)
        .into_iter()
        .map(|t| t.term)
        .collect())
}

/// The analyzer one word at a time, for query variants: [`Words::words`] splits and lowercases
/// as the analyzer does, [`Words::term_of`] is the term of one such word (`None` for a stop
/// word or a word of [`MAX_TOKEN_BYTES`] or more), i.e. what the analyzer makes of it.
pub(crate) struct Words {
    words: TextAnalyzer,
    /// `None` for the general analyzer.
    stemmer: Option<TextAnalyzer>,
    stop: std::collections::HashSet<&'static str>,
    memo: HashMap<String, String>,
}

impl Words {
    pub(crate) fn new(language: &str) -> Result<Self, Error> {
        let spec = language_spec(language)?;
        Ok(Words {
            words: match spec.language {
                None => general_words(),
                Some(_) => TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                    .filter(LowerCaser)
                    .build(),
            },
            stemmer: spec.language.map(|l| {
                TextAnalyzer::builder(RawTokenizer::default())
                    .filter(Stemmer::new(l))
                    .build()
            }),
            stop: spec.stop_words.iter().copied().collect(),
            memo: HashMap::default(),
        })
    }

    /// The lowercased words of `text`, stop words included.
    pub(crate) fn words(&mut self, text: &str) -> Vec<String> {
        tokens(&mut self.words, text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    pub(crate) fn term_of(&mut self, word: &str) -> Option<String> {
        if word.len() >= MAX_TOKEN_BYTES || self.stop.contains(word) {
            return None;
        }
        let Some(stemmer) = self.stemmer.as_mut() else {
            return Some(word.to_string());
        };
        if let Some(t) = self.memo.get(word) {
            return Some(t.clone());
        }
        let mut stream = stemmer.token_stream(word);
        let stem = match stream.advance() {
            true => stream.token().text.clone(),
            false => word.to_string(),
        };
        drop(stream);
        if self.memo.len() >= STEM_CACHE_MAX {
            self.memo.clear();
        }
        self.memo.insert(word.to_string(), stem.clone());
        Some(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stem memory must not change a single term: the same text, analyzed twice with one
    /// analyzer (the second time from memory) and with tantivy's plain chain, gives the same
    /// terms and offsets.
    #[test]
    fn stem_memory_gives_tantivys_terms() {
        let texts = [
            (
                "da",
                "Frivillige hjælper kommunerne. Frivilligheden vokser; FRIVILLIGE og frivillig.",
            ),
            (
                "sv",
                "Volontärer och kommuner samarbetar. Samarbetet, samarbeten, volontärerna!",
            ),
            (
                "nb",
                "Frivillige i kommunene. Frivilligsentralen og frivilligsentraler, kommunenes.",
            ),
        ];
        for (lang, text) in texts {
            let language = language_spec(lang).unwrap().language.unwrap();
            let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(StopWordFilter::new(language).unwrap())
                .filter(Stemmer::new(language))
                .build();
            let mut cached = text_analyzer(lang).unwrap();
            let want = tokens(&mut plain, text);
            assert!(want.len() >= 5, "{lang}: {want:?}");
            assert_eq!(tokens(&mut cached, text), want, "{lang}, first pass");
            assert_eq!(tokens(&mut cached, text), want, "{lang}, from memory");
            assert_eq!(tokens(&mut cached.clone(), text), want, "{lang}, clone");
        }
    }
}
