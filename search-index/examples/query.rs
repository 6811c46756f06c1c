//! Debugging aid: builds the search files from the bundled content into a directory and runs
//! one query with the Rust `search`, printing the hits as JSON.
//! `cargo run -p search-index --example query -- da "frivillig bisidder" [out_dir]`

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(lang), Some(query)) = (args.first(), args.get(1)) else {
        eprintln!("usage: query <lang> <query> [out_dir]");
        return ExitCode::from(2);
    };
    let docs = corpus::load_corpus();
    let run = || -> Result<(), search_index::Error> {
        if let Some(out) = args.get(2) {
            let languages: Vec<String> = corpus::LANGUAGES.iter().map(|l| l.to_string()).collect();
            let stats = search_index::write_site_search(
                &docs,
                &languages,
                &PathBuf::from(out).join("search"),
            )?;
            eprintln!("{}", serde_json::to_string_pretty(&stats)?);
        }
        let index = search_index::build_index(lang, &docs)?;
        let hits = search_index::search(&index, lang, query, &[], 10)?;
        println!("{}", serde_json::to_string_pretty(&hits)?);
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("query: {e}");
            ExitCode::FAILURE
        }
    }
}
