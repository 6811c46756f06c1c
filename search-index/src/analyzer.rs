//! The per-language analyzer. The browser client mirrors each step (see `js/client.js`), so any
//! change here is a format change.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    TokenStream,
};

use crate::{Error, stopwords};

/// Tokens of this many UTF-8 bytes or more are dropped (tantivy's `RemoveLongFilter` keeps
/// `len < limit`).
pub(crate) const MAX_TOKEN_BYTES: usize = 40;

/// How one site language maps onto tantivy's analyzers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LanguageSpec {
    /// The code the JS stemmer takes: "da" | "sv" | "nb".
    pub stemmer: &'static str,
    pub language: Language,
    pub stop_words: &'static [&'static str],
}

pub(crate) fn language_spec(language: &str) -> Result<LanguageSpec, Error> {
    let spec = match language {
        "da" => LanguageSpec {
            stemmer: "da",
            language: Language::Danish,
            stop_words: stopwords::DANISH,
        },
        "sv" => LanguageSpec {
            stemmer: "sv",
            language: Language::Swedish,
            stop_words: stopwords::SWEDISH,
        },
        // tantivy has a single Norwegian (Bokmål) stemmer and stop-word list.
        "nb" | "nn" | "no" => LanguageSpec {
            stemmer: "nb",
            language: Language::Norwegian,
            stop_words: stopwords::NORWEGIAN,
        },
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

pub(crate) fn text_analyzer(language: &str) -> Result<TextAnalyzer, Error> {
    let spec = language_spec(language)?;
    let stop = StopWordFilter::new(spec.language)
        .ok_or_else(|| Error::UnsupportedLanguage(language.to_string()))?;
    Ok(TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop)
        .filter(Stemmer::new(spec.language))
        .build())
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
