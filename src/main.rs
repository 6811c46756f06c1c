//! The `samspil` command line.

use clap::{Parser, Subcommand, ValueEnum};
use samspil::build::{self, BuildOptions};
use samspil::diagnostics::{Diagnostic, Severity};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "samspil",
    version,
    about = "Builds a multilingual knowledge base into a static site"
)]
struct Cli {
    /// The site folder (the one with samspil.yaml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build {
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override base_url from samspil.yaml, e.g. https://kommune.dk/frivillig/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate everything a build would, without writing output.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Search the site's index from the command line.
    Search {
        query: String,
        #[arg(long)]
        lang: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only these kinds (principle, role, checklist, contact, page).
        #[arg(long = "kind")]
        kinds: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { output, base_url } => {
            let opts = BuildOptions {
                root: cli.root.clone(),
                output: output.map(|o| {
                    if o.is_absolute() {
                        o
                    } else {
                        std::env::current_dir().unwrap_or_default().join(o)
                    }
                }),
                base_url,
                progress: !cli.quiet && std::io::stderr().is_terminal(),
                ..Default::default()
            };
            let report = build::build(&opts);
            print_diagnostics(&report.diagnostics, cli.quiet);
            if report.errors() > 0 {
                eprintln!(
                    "build failed: {} error(s), {} warning(s); the previous output was left untouched",
                    report.errors(),
                    report.warnings()
                );
                return ExitCode::FAILURE;
            }
            if !cli.quiet {
                eprintln!("built {}", report.summary());
            }
            ExitCode::SUCCESS
        }
        Command::Check { strict, format } => {
            let opts = BuildOptions {
                root: cli.root.clone(),
                dry_run: true,
                ..Default::default()
            };
            let report = build::build(&opts);
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report.diagnostics).unwrap_or_default()
                );
            } else {
                print_diagnostics(&report.diagnostics, cli.quiet);
                if !cli.quiet {
                    eprintln!(
                        "checked: {} error(s), {} warning(s)",
                        report.errors(),
                        report.warnings()
                    );
                }
            }
            if report.errors() > 0 || (strict && report.warnings() > 0) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Search {
            query,
            lang,
            json,
            limit,
            kinds,
        } => search(&cli.root, &query, &lang, json, limit, &kinds),
    }
}

fn print_diagnostics(ds: &[Diagnostic], quiet: bool) {
    for d in ds {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        eprintln!("{d}");
    }
}

#[cfg(feature = "search")]
fn search(
    root: &std::path::Path,
    query: &str,
    lang: &str,
    json: bool,
    limit: usize,
    kinds: &[String],
) -> ExitCode {
    let diags = samspil::diagnostics::Diagnostics::default();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        dry_run: true,
        ..Default::default()
    };
    let Some(loaded) = build::load(&opts, &diags) else {
        print_diagnostics(&diags.into_sorted(), true);
        return ExitCode::FAILURE;
    };
    if !loaded.site.config.languages.iter().any(|l| l == lang) {
        eprintln!(
            "error: `{lang}` is not one of the site's languages ({})",
            loaded.site.config.languages.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let docs: Vec<_> = samspil::search::documents(&loaded.site, &loaded.rendered)
        .into_iter()
        .filter(|d| d.language == lang)
        .collect();
    let hits = search_index::build_index(lang, &docs)
        .and_then(|index| search_index::search(&index, lang, query, kinds, limit));
    match hits {
        Ok(hits) if json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&hits).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Ok(hits) => {
            if hits.is_empty() {
                println!("no results");
            }
            for (i, h) in hits.iter().enumerate() {
                println!(
                    "{:>2}. {} [{}] {:.4}\n    /{}\n    {}",
                    i + 1,
                    h.title,
                    h.kind,
                    h.score,
                    h.url,
                    h.excerpt.replace("<mark>", "").replace("</mark>", "")
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: search failed: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "search"))]
fn search(_: &std::path::Path, _: &str, _: &str, _: bool, _: usize, _: &[String]) -> ExitCode {
    eprintln!("error: this samspil was built without the `search` feature");
    ExitCode::FAILURE
}
