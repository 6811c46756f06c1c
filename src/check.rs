//! `samspil check`: every validation a build does, without writing anything, plus a missing
//! translations table and (with `--external`) a check of external links.

pub mod external;
pub mod translations;

use crate::build::{self, BuildOptions, Purpose};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

pub use external::ExternalSummary;
pub use translations::TranslationTable;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Check external http(s) links in content (network access).
    pub external: bool,
    /// Per request of the external check.
    pub timeout: Duration,
    /// Requests to one host at the same time, so a check never hammers a municipality's site.
    pub per_host: usize,
}

impl CheckOptions {
    pub fn new(root: PathBuf) -> CheckOptions {
        CheckOptions {
            root,
            external: false,
            timeout: Duration::from_secs(10),
            per_host: 2,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CheckReport {
    #[serde(skip)]
    pub root: PathBuf,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// None when the site could not be loaded far enough to know its pages.
    pub missing_translations: Option<TranslationTable>,
    /// None without `--external`.
    pub external_links: Option<ExternalSummary>,
    /// A layered site's content files by origin (`local`, `shared`, `changed`); None for a
    /// site that extends nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_by_origin: Option<BTreeMap<&'static str, Vec<String>>>,
    /// Outdated translations and those samspil.lock does not record; None when the site could
    /// not be loaded.
    pub translations: Option<crate::translations::Freshness>,
}

impl CheckReport {
    /// Errors always fail; warnings only when `strict`.
    pub fn passed(&self, strict: bool) -> bool {
        self.errors == 0 && !(strict && self.warnings > 0)
    }
}

pub fn run(opts: &CheckOptions) -> CheckReport {
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        purpose: Purpose::Check,
        ..Default::default()
    };
    // The same steps as a build, in the same code, with an output that keeps nothing; the
    // loaded site then gives the translations table and the external links.
    let diags = Diagnostics::default();
    let (report, loaded) = build::run(&build_opts, &diags);
    let mut diagnostics = report.diagnostics;
    let table = loaded.as_ref().map(|l| translations::table(&l.site));
    let items_by_origin = loaded
        .as_ref()
        .filter(|l| !l.site.upstreams.is_empty())
        .map(|l| {
            let pages = l.site.pages.iter();
            crate::layers::by_origin(pages.map(|p| (p.file.as_str(), &p.origin)))
        });
    let freshness = loaded.as_ref().map(|l| l.site.freshness.clone());
    let external_links = opts.external.then(|| {
        let uses = loaded
            .as_ref()
            .map(|l| external::collect(&l.site))
            .unwrap_or_default();
        let (ds, summary) = external::check(&uses, opts);
        diagnostics.extend(ds);
        summary
    });
    let diagnostics = crate::diagnostics::sorted(diagnostics);
    CheckReport {
        root: opts.root.clone(),
        errors: count(&diagnostics, Severity::Error),
        warnings: count(&diagnostics, Severity::Warning),
        diagnostics,
        missing_translations: table,
        external_links,
        items_by_origin,
        translations: freshness,
    }
}

fn count(ds: &[Diagnostic], s: Severity) -> usize {
    ds.iter().filter(|d| d.severity == s).count()
}

/// The report for a terminal: problems grouped by file, then the translations table.
pub fn to_text(r: &CheckReport, strict: bool, quiet: bool) -> String {
    let mut out = String::new();
    let (by_file, tabled) = group_by_file(r, quiet);
    for (file, ds) in &by_file {
        write_file(&mut out, file, ds);
    }
    write_translations(&mut out, r, tabled);
    write_untracked(&mut out, r);
    if let Some(e) = &r.external_links {
        let _ = writeln!(
            out,
            "External links: {} checked on {} host(s), {} broken\n",
            e.checked, e.hosts, e.broken
        );
    }
    write_verdict(&mut out, r, strict);
    out
}

/// The diagnostics to list, by file, and how many were left out because the translations
/// table already shows them.
fn group_by_file(r: &CheckReport, quiet: bool) -> (BTreeMap<&str, Vec<&Diagnostic>>, usize) {
    // Missing translations are in the table; listing each again per (non-existent) file
    // would only bury the other problems.
    let in_table: BTreeSet<String> = r
        .missing_translations
        .as_ref()
        .map(|t| t.reported_files())
        .unwrap_or_default();
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    let mut tabled = 0;
    for d in &r.diagnostics {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        // Only files that do not exist: a problem inside an existing file is listed as usual.
        if in_table.contains(&d.file) && !r.root.join(&d.file).exists() {
            tabled += 1;
            continue;
        }
        by_file.entry(&d.file).or_default().push(d);
    }
    (by_file, tabled)
}

/// One file's problems: its name, then one line per problem with its help below.
fn write_file(out: &mut String, file: &str, ds: &[&Diagnostic]) {
    let _ = writeln!(out, "{file}");
    for d in ds {
        let pos = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => l.to_string(),
            _ => "-".into(),
        };
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let field = d
            .field
            .as_ref()
            .map(|f| format!("field `{f}`: "))
            .unwrap_or_default();
        let _ = writeln!(out, "  {pos:>7}  {sev}: {field}{}", d.message);
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  {:>7}  help: {h}", "");
        }
    }
    out.push('\n');
}

/// The missing translations table, if anything is missing.
fn write_translations(out: &mut String, r: &CheckReport, tabled: usize) {
    let Some(t) = r
        .missing_translations
        .as_ref()
        .filter(|t| !t.items.is_empty())
    else {
        return;
    };
    out.push_str(&t.to_text());
    if tabled > 0 {
        let _ = writeln!(
            out,
            "  (counted as {tabled} of the problems below; `missing_translations: error` in samspil.yaml makes them errors)"
        );
    }
    out.push('\n');
}

/// Translations samspil.lock does not record. Not a problem, so not a diagnostic: a site may
/// choose not to track its translations.
fn write_untracked(out: &mut String, r: &CheckReport) {
    if let Some(n) = r
        .translations
        .as_ref()
        .map(|f| f.untracked.len())
        .filter(|&n| n > 0)
    {
        let _ = writeln!(
            out,
            "Translations: {n} not recorded in samspil.lock, so check cannot tell when their source changes; `samspil translations accept` records them\n"
        );
    }
}

fn write_verdict(out: &mut String, r: &CheckReport, strict: bool) {
    let files: BTreeSet<&str> = r.diagnostics.iter().map(|d| d.file.as_str()).collect();
    let verdict = if r.passed(strict) {
        "passed"
    } else if r.errors == 0 {
        "failed (--strict: warnings count)"
    } else {
        "failed"
    };
    let _ = writeln!(
        out,
        "check {verdict}: {} error(s), {} warning(s) in {} file(s)",
        r.errors,
        r.warnings,
        files.len()
    );
}

pub fn to_json(r: &CheckReport, strict: bool) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        ok: bool,
        strict: bool,
        #[serde(flatten)]
        report: &'a CheckReport,
    }
    serde_json::to_string_pretty(&Json {
        ok: r.passed(strict),
        strict,
        report: r,
    })
    .unwrap_or_else(|e| format!("{{\"ok\": false, \"error\": \"{e}\"}}"))
}
