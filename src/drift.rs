//! Drift: a layered site's local file that replaces or patches an upstream file was written
//! against one version of it. When the upstream file changes afterwards, `check` warns, naming
//! both files and showing what changed upstream; `samspil upstream accept [PATH]` records that
//! the local change was looked at again. The record is a line in `samspil.lock` (relation
//! `upstream`), the same mechanism translations use to say when they fall behind.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lock::Pair;
use crate::lock::{Lock, Relation, Status};
use crate::site::Site;
use crate::translations::Accepted;
use std::path::{Path, PathBuf};

/// Every local file that replaces or patches an upstream file (pages, section `_index`
/// files, home texts), with that file.
pub fn pairs(site: &Site) -> Vec<Pair> {
    let pair = |file: &String, replaces: &Option<String>| {
        Some(Pair {
            follower: file.clone(),
            source: replaces.clone()?,
        })
    };
    let homes = site.homes.values().map(|h| (&h.file, &h.replaces));
    let sections = site
        .sections
        .iter()
        .flat_map(|s| s.langs.values().map(|l| (&l.file, &l.replaces)));
    let pages = site.pages.iter().map(|p| (&p.file, &p.replaces));
    homes
        .chain(sections)
        .chain(pages)
        .filter_map(|(f, r)| pair(f, r))
        .collect()
}

/// Warns about every local change whose upstream file changed since it was accepted, or that
/// was never accepted (so a later upstream change could not be noticed).
pub fn check(site: &Site, lock: &Lock, diags: &Diagnostics) {
    for (p, status, text) in lock.statuses(Relation::Upstream, pairs(site), &site.root) {
        match status {
            Status::Current => {}
            Status::Changed(e) => diags.push(
                Diagnostic::warning(
                    &p.follower,
                    format!(
                        "the upstream file {} changed since this local change was accepted:\n{}",
                        p.source,
                        lock.indented_changes(&e, &p.source, &text)
                    ),
                )
                .help(format!(
                    "see whether {} still says what you want over the new upstream text, then run `samspil upstream accept {}`",
                    p.follower, p.follower
                )),
            ),
            Status::NeverRecorded => diags.push(
                Diagnostic::warning(
                    &p.follower,
                    format!("replaces {}, but samspil.lock does not record which version of it", p.source),
                )
                .help(format!(
                    "run `samspil upstream accept {}`, so check can tell you when the upstream file changes",
                    p.follower
                )),
            ),
        }
    }
}

/// Records the upstream files of the local changes under `paths` (all when empty) as they are
/// now.
pub fn accept(root: &Path, paths: &[PathBuf]) -> Result<Accepted, Vec<Diagnostic>> {
    crate::translations::accept_pairs(root, paths, Relation::Upstream, pairs)
}
