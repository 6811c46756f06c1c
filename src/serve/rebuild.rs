//! One serve-mode build: in memory, unminified, without the search index, compared with the
//! previous build so only tabs showing a changed file reload.
//!
//! Why this is fast enough (≤ 200 ms for the bundled site): a full `samspil build` spends most
//! of its time writing ~700 files, minifying them and indexing for search. Serve mode skips all
//! three: files stay in memory (`Purpose::Serve`), minification is off and the search
//! index is rebuilt in the background after the reload. What is left — reading and parsing the
//! content, rendering Markdown and templates — runs in parallel.

use crate::build::{self, BuildOptions, Purpose};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Output files by their `/`-separated path below the base path.
pub type Files = BTreeMap<String, Vec<u8>>;

pub struct Rebuilder {
    root: PathBuf,
    /// `http://127.0.0.1:1111`, without a path.
    origin: String,
    base_path: String,
    files: Arc<Files>,
    generation: u64,
    last_ok: bool,
    last_diagnostics: BTreeSet<String>,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    pub ok: bool,
    /// Counts up with every build, failed ones included.
    pub generation: u64,
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics the previous build did not have (errors are always included).
    pub new_diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    /// Output paths added, removed or changed since the last good build.
    pub changed: Vec<String>,
    /// The previous build had failed: tabs show an overlay that must go.
    pub recovered: bool,
    pub pages: usize,
    pub elapsed: Duration,
}

impl Rebuilder {
    /// `origin` is where the server listens, e.g. `http://127.0.0.1:1111`; the site's base path
    /// (from `base_url` in samspil.yaml) is appended, so links work under the same sub-path.
    pub fn new(root: PathBuf, origin: String) -> Rebuilder {
        Rebuilder {
            root,
            origin,
            base_path: "/".into(),
            files: Arc::new(Files::new()),
            generation: 0,
            last_ok: true,
            last_diagnostics: BTreeSet::new(),
        }
    }

    /// The base path pages are served under, e.g. `/` or `/frivillig/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The files of the last good build.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    pub fn build_options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url: Some(format!("{}{}", self.origin, self.base_path)),
            live_reload: true,
            purpose: Purpose::Serve,
            ..Default::default()
        }
    }

    pub fn rebuild(&mut self) -> Rebuild {
        let start = Instant::now();
        self.generation += 1;
        // base_url may have changed; a broken config keeps the last base path (the build
        // reports the error).
        if let Ok(cfg) = Config::load(&self.root) {
            self.base_path = cfg.base_path();
        }
        let mut report = build::build(&self.build_options());
        let errors = report.errors();
        let warnings = report.warnings();
        let seen: BTreeSet<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        let new_diagnostics = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == Severity::Error || !self.last_diagnostics.contains(&d.to_string())
            })
            .cloned()
            .collect();
        self.last_diagnostics = seen;
        let pages = report.pages_per_language.values().sum();
        let recovered = !self.last_ok;
        let ok = errors == 0;
        let changed = if ok {
            let files = std::mem::take(&mut report.memory);
            let changed = diff(&self.files, &files);
            self.files = Arc::new(files);
            changed
        } else {
            Vec::new()
        };
        self.last_ok = ok;
        Rebuild {
            ok,
            generation: self.generation,
            diagnostics: report.diagnostics,
            new_diagnostics,
            errors,
            warnings,
            changed,
            recovered: ok && recovered,
            pages,
            elapsed: start.elapsed(),
        }
    }
}

fn diff(old: &Files, new: &Files) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
    changed.sort();
    changed
}

/// Builds the search index of the site as it is now, for serving under `search/`, through
/// an in-memory output like the pages (no temporary folder).
pub fn search_files(opts: &BuildOptions, _generation: u64) -> Option<Files> {
    let diags = crate::diagnostics::Diagnostics::default();
    let mut loaded = build::load(opts, &diags)?;
    if diags.has_errors() || !loaded.site.config.search {
        return None;
    }
    let docs = loaded.search_documents();
    let mut out = crate::output::Output::in_memory();
    let sink = crate::search::IndexSink(&out);
    search_index::write_site_search_to(&docs, &loaded.site.config.languages, &sink).ok()?;
    Some(out.take_memory())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_added_removed_and_changed() {
        let old: Files = [("a", "1"), ("b", "2"), ("c", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        let new: Files = [("a", "1"), ("b", "x"), ("d", "4")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        assert_eq!(diff(&old, &new), vec!["b", "c", "d"]);
    }
}
