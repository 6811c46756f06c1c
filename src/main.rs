//! The `samspil` command line.

use clap::{Parser, Subcommand, ValueEnum};
use samspil::build::{self, BuildOptions};
use samspil::check::{self, CheckOptions};
use samspil::diagnostics::{Diagnostic, Severity};
use samspil::frontmatter::Kind;
use samspil::init::InitOptions;
use samspil::new::NewOptions;
use samspil::serve::{self, ServeOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Make every link relative: the folder works at any sub-path and opened from disk.
        #[arg(long)]
        portable: bool,
        /// Also write the output folder as one zip file (implies --portable).
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
    },
    /// Validate everything a build would, without writing output.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also check that external http(s) links in content answer (uses the network).
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each external link.
        #[arg(long, default_value_t = 10, requires = "external")]
        timeout: u64,
        /// External requests to one host at the same time.
        #[arg(long, default_value_t = 2, requires = "external")]
        per_host: usize,
    },
    /// Build into memory, serve on http://127.0.0.1:1111 and rebuild and reload on every change.
    Serve {
        /// The port; 0 picks a free one (the address is printed).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the site reachable from other devices.
        #[arg(long, short, default_value = "127.0.0.1")]
        interface: String,
        /// Poll for changes (for sites on network drives or in VMs, where edits are not reported).
        #[arg(long)]
        poll: bool,
    },
    /// Create a new site in DIR (asks for missing settings when run in a terminal).
    Init {
        dir: PathBuf,
        /// The site's name (default: one per language).
        #[arg(long)]
        name: Option<String>,
        /// Comma-separated; the first is the default language [default: da,sv,nb].
        #[arg(long)]
        languages: Option<String>,
        /// Where the site will be published [default: https://example.org/].
        #[arg(long)]
        base_url: Option<String>,
        /// Build the new site over the samspil site in this folder (a municipality's layer
        /// over the shared knowledge base).
        #[arg(long)]
        extends: Option<PathBuf>,
    },
    /// Create a page in each language: `samspil new roles/mentor --kind role`.
    New {
        /// <section>/<slug>
        path: String,
        /// Default: the section's default_kind, else page.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Comma-separated [default: every language of the site].
        #[arg(long)]
        languages: Option<String>,
    },
    /// Record which version of the upstream file each local change was made over (samspil.lock).
    Upstream {
        #[command(subcommand)]
        command: UpstreamCommand,
    },
    /// Record which version of its source each translation was made from (samspil.lock).
    Translations {
        #[command(subcommand)]
        command: TranslationsCommand,
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
        /// Only these kinds.
        #[arg(long = "kind", value_enum)]
        kinds: Vec<Kind>,
        /// Only pages for these audiences.
        #[arg(long = "audience", value_parser = ["citizen", "volunteer", "staff"])]
        audiences: Vec<String>,
        /// Only pages about these countries.
        #[arg(long = "country", value_parser = ["DK", "SE", "NO"])]
        countries: Vec<String>,
        /// Only pages about these municipalities (as written in `municipality:`).
        #[arg(long = "municipality")]
        municipalities: Vec<String>,
        /// Only pages with these tags.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Order of the results: by relevance, or the most recently updated first.
        #[arg(long, default_value = "relevance", value_parser = ["relevance", "date"])]
        sort: String,
        /// Also print the number of matching pages per filter value, and the urgent contacts
        /// the query names (with --json: one object with `hits`, `counts` and `best_bets`).
        #[arg(long)]
        facets: bool,
    },
}

#[derive(Subcommand)]
enum UpstreamCommand {
    /// Record that local files replacing or patching upstream files were checked against the
    /// upstream files as they are now; `check` then warns when those change.
    Accept {
        /// Local files or content folders [default: every local change].
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TranslationsCommand {
    /// Record that translations are up to date with their source as it is now; `check` then
    /// warns when the source changes.
    Accept {
        /// Translations, their source files or content folders [default: every translation].
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (root, quiet) = (cli.root, cli.quiet);
    match cli.command {
        Command::Build {
            output,
            base_url,
            portable,
            zip,
        } => build_site(root, output, base_url, portable, zip, quiet),
        Command::Check {
            strict,
            format,
            external,
            timeout,
            per_host,
        } => {
            let opts = CheckOptions {
                external,
                timeout: Duration::from_secs(timeout.max(1)),
                per_host,
                ..CheckOptions::new(root)
            };
            check_site(&opts, strict, format, quiet)
        }
        Command::Serve {
            port,
            interface,
            poll,
        } => serve_site(ServeOptions {
            root,
            interface,
            port,
            quiet,
            poll,
        }),
        Command::Init {
            dir,
            name,
            languages,
            base_url,
            extends,
        } => init_site(dir, name, languages, base_url, extends, quiet),
        Command::New {
            path,
            kind,
            languages,
        } => new_page(root, path, kind, languages),
        Command::Translations { command } => translations(&root, command, quiet),
        Command::Upstream {
            command: UpstreamCommand::Accept { paths },
        } => accepted(
            "local change(s) of upstream files",
            samspil::drift::accept(&root, &paths),
            quiet,
        ),
        Command::Search {
            query,
            lang,
            json,
            limit,
            kinds,
            audiences,
            countries,
            municipalities,
            tags,
            sort,
            facets,
        } => {
            let filters = search_index::Filters {
                kinds: kinds.iter().map(|k| k.as_str().to_string()).collect(),
                audiences,
                countries,
                municipalities,
                tags,
                sort: if sort == "date" {
                    search_index::Sort::Date
                } else {
                    search_index::Sort::Relevance
                },
            };
            search(
                &root,
                &query,
                &lang,
                limit,
                &filters,
                Shown { json, facets },
            )
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn build_site(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    portable: bool,
    zip: Option<PathBuf>,
    quiet: bool,
) -> ExitCode {
    let absolute = |p: PathBuf| match p.is_absolute() {
        true => p,
        false => std::env::current_dir().unwrap_or_default().join(p),
    };
    let opts = BuildOptions {
        portable: portable || zip.is_some(),
        root,
        output: output.map(absolute),
        base_url,
        progress: !quiet && std::io::stderr().is_terminal(),
        ..Default::default()
    };
    let report = build::build(&opts);
    if !report.cleaned.is_empty() && !quiet {
        eprintln!(
            "note: removed {} left beside the output by builds that did not finish",
            report.cleaned.join(", ")
        );
    }
    print_diagnostics(&report.diagnostics, quiet);
    if report.errors() > 0 {
        eprintln!(
            "build failed: {} error(s), {} warning(s); the previous output was left untouched",
            report.errors(),
            report.warnings()
        );
        return ExitCode::FAILURE;
    }
    if !quiet {
        eprintln!("built {}", report.summary());
    }
    if let Some(zip) = zip.map(absolute) {
        match samspil::portable::zip_folder(&report.output, &zip) {
            Ok(bytes) if !quiet => eprintln!(
                "zipped {} into {} ({:.1} MB)",
                report.output.display(),
                zip.display(),
                bytes as f64 / 1e6
            ),
            Ok(_) => {}
            Err(e) => {
                return fail(&format!(
                    "{}: cannot write the zip file: {e}",
                    zip.display()
                ));
            }
        }
    }
    ExitCode::SUCCESS
}

fn check_site(opts: &CheckOptions, strict: bool, format: Format, quiet: bool) -> ExitCode {
    let report = check::run(opts);
    match format {
        Format::Json => println!("{}", check::to_json(&report, strict)),
        Format::Text => print!("{}", check::to_text(&report, strict, quiet)),
    }
    if report.passed(strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn serve_site(opts: ServeOptions) -> ExitCode {
    match serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn new_page(
    root: PathBuf,
    path: String,
    kind: Option<Kind>,
    languages: Option<String>,
) -> ExitCode {
    let languages = match languages.as_deref().map(samspil::init::parse_languages) {
        None => None,
        Some(Ok(ls)) => Some(ls),
        Some(Err(e)) => return fail(&e),
    };
    let opts = NewOptions {
        root,
        path,
        kind,
        languages,
    };
    match samspil::new::create(&opts) {
        Ok(files) => {
            for f in files {
                println!("{}", opts.root.join(f).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn init_site(
    dir: PathBuf,
    name: Option<String>,
    languages: Option<String>,
    base_url: Option<String>,
    extends: Option<PathBuf>,
    quiet: bool,
) -> ExitCode {
    let mut opts = InitOptions::new(dir);
    opts.extends = extends;
    let (has_name, has_langs, has_url) = (name.is_some(), languages.is_some(), base_url.is_some());
    opts.name = name.filter(|n| !n.trim().is_empty());
    if let Some(l) = languages {
        match samspil::init::parse_languages(&l) {
            Ok(ls) => opts.languages = ls,
            Err(e) => return fail(&e),
        }
    }
    if let Some(u) = base_url {
        opts.base_url = u;
    }
    // Ask only a person: in scripts and CI (no terminal) the flags and defaults are final.
    if std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
        && let Err(e) = samspil::init::ask(&mut opts, has_name, has_langs, has_url)
    {
        return fail(&e);
    }
    match samspil::init::init(&opts) {
        Ok(report) => {
            for n in &report.notes {
                eprintln!("note: {n}");
            }
            if !quiet {
                let d = opts.dir.display();
                eprintln!(
                    "Created a new site in {d} ({} files, languages {}).\n\nNext:\n  cd {d}\n  samspil serve            preview at http://127.0.0.1:1111 with live reload\n  samspil new roles/mentor add a page in every language\n  samspil check --strict   before you publish\n\nBefore publishing, fill in the contact details (content/contacts/) and the\naccessibility statement (content/about/accessibility.*.md).",
                    report.files,
                    opts.languages.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// `samspil translations accept [PATH...]`.
fn translations(root: &std::path::Path, command: TranslationsCommand, quiet: bool) -> ExitCode {
    let TranslationsCommand::Accept { paths } = command;
    accepted(
        "translation(s)",
        samspil::translations::accept(root, &paths),
        quiet,
    )
}

/// Reports what `translations accept` or `upstream accept` recorded in samspil.lock.
fn accepted(
    what: &str,
    result: Result<samspil::translations::Accepted, Vec<Diagnostic>>,
    quiet: bool,
) -> ExitCode {
    match result {
        Ok(r) => {
            if !quiet {
                for f in &r.updated {
                    eprintln!("accepted {f} (its source had changed)");
                }
                // A first run records every file; naming each would bury the summary.
                if r.new.len() <= 10 {
                    for f in &r.new {
                        eprintln!("recorded {f}");
                    }
                }
                eprintln!(
                    "samspil.lock: {} {what} accepted ({} newly recorded, {} had an outdated record, {} already current){}",
                    r.new.len() + r.updated.len() + r.unchanged,
                    r.new.len(),
                    r.updated.len(),
                    r.unchanged,
                    match r.dropped {
                        0 => String::new(),
                        n => format!("; {n} line(s) of files that no longer exist removed"),
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Err(ds) => {
            print_diagnostics(&ds, true);
            eprintln!("nothing was recorded: samspil.lock was left as it was");
            ExitCode::FAILURE
        }
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

/// What `samspil search` prints besides the hits.
struct Shown {
    json: bool,
    facets: bool,
}

fn search(
    root: &std::path::Path,
    query: &str,
    lang: &str,
    limit: usize,
    filters: &search_index::Filters,
    shown: Shown,
) -> ExitCode {
    let diags = samspil::diagnostics::Diagnostics::default();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        purpose: samspil::build::Purpose::Check,
        ..Default::default()
    };
    let Some(mut loaded) = build::load(&opts, &diags) else {
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
    let docs: Vec<_> = loaded
        .search_documents()
        .into_iter()
        .filter(|d| d.language == lang)
        .collect();
    let answer = search_index::build_index(lang, &docs)
        .and_then(|index| search_index::search_with(&index, lang, query, filters, limit));
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => {
            eprintln!("error: search failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    if shown.json {
        let json = if shown.facets {
            serde_json::to_string_pretty(&answer)
        } else {
            serde_json::to_string_pretty(&answer.hits)
        };
        println!("{}", json.unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    for bet in &answer.best_bets {
        println!("!! {}: {}  (/{})", bet.name, bet.phone, bet.url);
    }
    print_hits(&answer.hits);
    if shown.facets {
        for (facet, values) in &answer.counts {
            let list: Vec<String> = values.iter().map(|(v, n)| format!("{v} {n}")).collect();
            println!("{facet}: {}", list.join(", "));
        }
    }
    ExitCode::SUCCESS
}

/// The hits as a numbered plain-text list, with the excerpt's highlighting removed.
fn print_hits(hits: &[search_index::Hit]) {
    if hits.is_empty() {
        println!("no results");
    }
    for (i, h) in hits.iter().enumerate() {
        println!(
            "{:>2}. {} [{}]{}{} {:.4}\n    /{}\n    {}",
            i + 1,
            h.title,
            h.kind,
            if h.date.is_empty() {
                String::new()
            } else {
                format!(" {}", h.date)
            },
            if h.stale { " (may be out of date)" } else { "" },
            h.score,
            h.url,
            h.excerpt.replace("<mark>", "").replace("</mark>", "")
        );
        for section in &h.sections {
            println!("      § {}  /{}", section.heading, section.url);
        }
    }
}
