//! Drift: a layered site's local file that replaces or patches an upstream file was written
//! against one version of it. When the upstream file changes afterwards, `check` warns, naming
//! both files and showing what changed upstream; `samspil upstream accept [PATH]` records that
//! the local change was looked at again. The record is a line in `samspil.lock` (relation
//! `upstream`), the same mechanism translations use to say when they fall behind.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lock::{Lock, Relation, Status};
use crate::site::Site;
use crate::translations::{Accepted, Pair};
use std::path::{Path, PathBuf};

/// At most this many lines of an upstream file's diff go into a warning.
const DIFF_LINES: usize = 12;

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
pub fn check(site: &Site, diags: &Diagnostics) {
    let pairs = pairs(site);
    if pairs.is_empty() {
        return;
    }
    let lock = match Lock::load(&site.root) {
        Ok(l) => l,
        Err(ds) => return diags.extend(ds),
    };
    for p in pairs {
        let Ok(text) = std::fs::read_to_string(site.root.join(&p.source)) else {
            continue; // unreadable: loading reported it
        };
        match lock.status(Relation::Upstream, &p.follower, &p.source, &text) {
            Status::Current => {}
            Status::Changed(e) => {
                let diff = lock.changes(&e, &p.source, &text, DIFF_LINES);
                let indented: Vec<String> = diff.lines().map(|l| format!("{:11}{l}", "")).collect();
                diags.push(
                    Diagnostic::warning(
                        &p.follower,
                        format!(
                            "the upstream file {} changed since this local change was accepted:\n{}",
                            p.source,
                            indented.join("\n")
                        ),
                    )
                    .help(format!(
                        "see whether {} still says what you want over the new upstream text, then run `samspil upstream accept {}`",
                        p.follower, p.follower
                    )),
                );
            }
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
