//! Prints `word<TAB>stem` for every line of stdin, stemmed by tantivy itself (a `RawTokenizer`
//! followed by tantivy's `Stemmer` token filter), so the JavaScript stemmer can be checked by
//! hand: `printf 'huse\nbilerne\n' | cargo run -p search-index --example stem -- da`.
//! Lines are taken as they are: lowercase them first, as the real analyzer does.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

fn main() -> ExitCode {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let language = match arg.as_str() {
        "da" => Language::Danish,
        "sv" => Language::Swedish,
        "nb" | "nn" | "no" => Language::Norwegian,
        _ => {
            eprintln!("usage: stem da|sv|nb < words");
            return ExitCode::from(2);
        }
    };
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(language))
        .build();
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let word = match line {
            Ok(word) => word,
            Err(err) => {
                eprintln!("stem: cannot read stdin: {err}");
                return ExitCode::FAILURE;
            }
        };
        let mut stream = analyzer.token_stream(&word);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            String::new()
        };
        if writeln!(out, "{word}\t{stem}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
