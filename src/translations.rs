//! Translations that say when they fall behind.
//!
//! A translation is every non-default-language version of an item (home text, section index,
//! page); its source is the default language's version of the same item. `samspil
//! translations accept` records in [`crate::lock`] which version of its source each
//! translation was made from; [`check`] then finds the translations whose source changed
//! since, warns with a short diff of the source, and marks them for the renderer, which shows
//! readers a notice linking to the newer version.
//!
//! A translation the lock file does not record is not a problem: sites that do not track
//! translations have none recorded. `check` counts them in one info line.

use crate::build::{self, BuildOptions, Purpose};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::lock::{Lock, Relation, Status};
use crate::site::Site;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What [`check`] found, kept on the site for the renderer and `check`'s report.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Freshness {
    /// Translation files whose source changed since they were accepted.
    pub outdated: BTreeSet<String>,
    /// Translation files the lock file does not record.
    pub untracked: Vec<String>,
}

pub use crate::lock::Pair;

/// Every translation of the site with its source, in a fixed order (homes, sections, pages).
pub fn pairs(site: &Site) -> Vec<Pair> {
    let default = &site.config.default_language;
    let mut out = Vec::new();
    // An upstream's translations are its own lock file's business, not this site's.
    let mut add = |follower: &str, source: &str| {
        if !follower.is_empty() && !source.is_empty() && !site.is_upstream_file(follower) {
            out.push(Pair {
                follower: follower.to_string(),
                source: source.to_string(),
            });
        }
    };
    if let Some(source) = site.homes.get(default) {
        for (l, h) in &site.homes {
            if l != default {
                add(&h.file, &source.file);
            }
        }
    }
    for s in &site.sections {
        // A language without an `_index` file has an empty `file`: nothing to follow.
        let Some(source) = s.langs.get(default) else {
            continue;
        };
        for (l, sl) in &s.langs {
            if l != default {
                add(&sl.file, &source.file);
            }
        }
    }
    for p in site.pages.iter().filter(|p| &p.lang != default) {
        if let Some(j) = site.page(&p.section, &p.id, default) {
            add(&p.file, &site.pages[j].file);
        }
    }
    out
}

/// Compares every recorded translation with its source; outdated ones are warnings (with a
/// diff) and are marked in `site.freshness`.
pub fn check(site: &mut Site, lock: &Lock, diags: &Diagnostics) {
    let mut f = Freshness::default();
    for (p, status, text) in lock.statuses(Relation::Translation, pairs(site), &site.root) {
        match status {
            Status::Current => {}
            Status::Changed(e) => {
                diags.push(outdated(lock, &e, &p, &text));
                f.outdated.insert(p.follower);
            }
            Status::NeverRecorded => f.untracked.push(p.follower),
        }
    }
    site.freshness = f;
}

fn outdated(lock: &Lock, e: &crate::lock::Entry, p: &Pair, text: &str) -> Diagnostic {
    let what = match e.source == p.source {
        true => format!("its source {} changed", p.source),
        false => format!("it now follows {} (it followed {})", p.source, e.source),
    };
    Diagnostic::warning(
        &p.follower,
        format!(
            "translation is outdated: {what} since the translation was accepted:\n{}",
            lock.indented_changes(e, &p.source, text)
        ),
    )
    .help(format!(
        "bring {} up to date with {}, then run `samspil translations accept {}`; {}",
        p.follower,
        p.source,
        p.follower,
        // Only pages carry the notice; a section's or home page's introduction is shown as it is.
        match is_index(&p.follower) {
            true => "until then readers get the outdated introduction without a notice",
            false => "until then readers see a notice linking to the newer version",
        }
    ))
}

/// Whether `file` is a section's or the home page's `_index.<lang>.md`.
fn is_index(file: &str) -> bool {
    file.rsplit('/')
        .next()
        .is_some_and(|name| name.starts_with("_index."))
}

/// What `samspil translations accept` did.
#[derive(Debug, Default)]
pub struct Accepted {
    /// Translations recorded for the first time.
    pub new: Vec<String>,
    /// Translations whose source had changed since they were last accepted.
    pub updated: Vec<String>,
    /// Translations that were current already.
    pub unchanged: usize,
    /// Lock lines dropped because their translation is gone.
    pub dropped: usize,
}

/// Records the current source of the translations under `paths` (files or folders, relative
/// to the working directory or to the site root; a source file selects its translations);
/// every translation when `paths` is empty.
pub fn accept(root: &Path, paths: &[PathBuf]) -> Result<Accepted, Vec<Diagnostic>> {
    accept_pairs(root, paths, Relation::Translation, pairs)
}

/// Records, for the followers under `paths` among `pairs_of(site)`, their source as it is now
/// (translations, or a layered site's local changes of upstream files).
pub(crate) fn accept_pairs(
    root: &Path,
    paths: &[PathBuf],
    relation: Relation,
    pairs_of: fn(&Site) -> Vec<Pair>,
) -> Result<Accepted, Vec<Diagnostic>> {
    let mut lock = Lock::load(root)?;
    let diags = Diagnostics::default();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        purpose: Purpose::Check,
        ..Default::default()
    };
    // A site that does not load is not one whose files can be told apart from deleted ones.
    let Some(loaded) = build::load(&opts, &diags).filter(|_| !diags.has_errors()) else {
        return Err(diags.into_sorted());
    };
    let all = pairs_of(&loaded.site);
    let wanted: Vec<String> = paths.iter().map(|p| site_relative(root, p)).collect();
    let chosen: Vec<&Pair> = all
        .iter()
        .filter(|p| wanted.is_empty() || wanted.iter().any(|w| selects(w, p)))
        .collect();
    if let Some(w) = wanted.iter().find(|w| !all.iter().any(|p| selects(w, p))) {
        let what = match relation {
            Relation::Translation => "no translation here to accept",
            Relation::Upstream => "no local change of an upstream file here to accept",
        };
        return Err(vec![Diagnostic::error(w.as_str(), what).help(
            "give a file (e.g. content/roles/mentor.sv.md), the file it follows, or a folder of content; without a path all are accepted",
        )]);
    }
    let mut report = Accepted::default();
    for p in chosen {
        let text = std::fs::read_to_string(root.join(&p.source)).map_err(|e| {
            vec![Diagnostic::error(
                &p.source,
                format!("cannot read the source: {e}"),
            )]
        })?;
        match lock.status(relation, &p.follower, &p.source, &text) {
            Status::Current => report.unchanged += 1,
            Status::Changed(_) => report.updated.push(p.follower.clone()),
            Status::NeverRecorded => report.new.push(p.follower.clone()),
        }
        lock.accept(relation, &p.follower, &p.source, &text);
    }
    // Lines of files that no longer exist (deleted, renamed) would never be read again. A
    // draft still exists: its line stays.
    let before = lock.entries().count();
    lock.retain(relation, |f| {
        root.join(f).is_file() || (!wanted.is_empty() && !wanted.iter().any(|w| under(w, f)))
    });
    report.dropped = before - lock.entries().count();
    lock.save().map_err(|e| {
        vec![
            Diagnostic::error(
                crate::lock::LOCK_FILE,
                format!("cannot write the lock file: {e}"),
            )
            .help("check that the site folder is writable"),
        ]
    })?;
    Ok(report)
}

/// `path` as the site-relative form the lock file uses: taken from the working directory
/// when it exists there, else from the site root.
fn site_relative(root: &Path, path: &Path) -> String {
    let canon_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let rel = match std::fs::canonicalize(path) {
        Ok(abs) if abs.starts_with(&canon_root) => display_path(&canon_root, &abs),
        _ => path.to_string_lossy().replace('\\', "/"),
    };
    let rel = rel.trim_start_matches("./").trim_end_matches('/');
    match rel {
        "" | "." => String::new(),
        r => r.to_string(),
    }
}

fn under(path: &str, file: &str) -> bool {
    path.is_empty() || file == path || file.starts_with(&format!("{path}/"))
}

fn selects(path: &str, p: &Pair) -> bool {
    under(path, &p.follower) || p.source == path
}
