//! `samspil.lock`: the record of "this file follows that file, as of this content hash".
//!
//! A translation follows its default-language version; a layered site's local change will
//! follow the upstream file it replaces. Both need the same three answers — is the follower
//! current, has its source changed since it was last brought up to date, or was it never
//! recorded — and the same way to show *what* changed, so there is one mechanism for both.
//!
//! The lock file is line-based text, one follower per line, meant to be reviewed in version
//! control like any other file:
//!
//! ```text
//! translation content/roles/bisidder.sv.md content/roles/bisidder.da.md sha256:9f86d0…
//! ```
//!
//! The hash alone cannot say what changed, so the accepted text of every source is kept too,
//! as a snapshot named by its hash under [`ACCEPTED_DIR`] (committed beside the lock file;
//! followers of the same text share one snapshot). Saving removes snapshots no line refers to.

use crate::diagnostics::Diagnostic;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "samspil.lock";
/// Below the site root.
pub const ACCEPTED_DIR: &str = ".samspil/accepted";

const HEADER: &str = "\
# samspil.lock: which version of the file it follows each file was last brought up to date with.
# Written by `samspil translations accept` and `samspil upstream accept`; the accepted texts are in .samspil/accepted/
# Review changes to it like any other file. One line per file:
# <relation> <follower> <source it follows> sha256:<hash of the source when accepted>
";

/// How a follower relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// A non-default-language version of an item follows the default language's version.
    Translation,
    /// A layered site's local file follows the upstream file it replaces or patches.
    Upstream,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Translation => "translation",
            Relation::Upstream => "upstream",
        }
    }
    fn parse(s: &str) -> Option<Relation> {
        match s {
            "translation" => Some(Relation::Translation),
            "upstream" => Some(Relation::Upstream),
            _ => None,
        }
    }
}

/// A file and the file it follows, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub follower: String,
    pub source: String,
}

/// At most this many lines of a source's diff go into a warning.
const DIFF_LINES: usize = 12;

/// One line of the lock file. Paths are relative to the site root, with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub relation: Relation,
    pub follower: String,
    pub source: String,
    /// `sha256:<hex>` of the source's text when the follower was accepted.
    pub hash: String,
}

/// Where a follower stands against its source's current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Current,
    /// The source changed (or a different source is followed) since the follower was accepted.
    Changed(Entry),
    NeverRecorded,
}

#[derive(Debug, Default)]
pub struct Lock {
    root: PathBuf,
    entries: BTreeMap<(Relation, String), Entry>,
    /// Texts accepted since loading, written as snapshots by [`Lock::save`].
    new_snapshots: BTreeMap<String, String>,
}

/// The content hash of a text. Line endings are normalised first, so a checkout that turns
/// `\n` into `\r\n` (Git on Windows) does not make every translation look outdated.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(normalise(text).as_bytes());
    let mut s = String::from("sha256:");
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Paths are space-separated fields; a space, tab or `%` inside one is percent-escaped.
fn escape(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace('\t', "%09")
}

fn unescape(field: &str) -> String {
    percent_encoding::percent_decode_str(field)
        .decode_utf8_lossy()
        .into_owned()
}

fn bad_line(line: usize, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::error(LOCK_FILE, message)
        .line(Some(line))
        .help(help)
}

const FIX: &str = "correct the line, or delete it and run `samspil translations accept FILE` to record the file again";

impl Lock {
    /// Reads `<root>/samspil.lock`; a site without one has an empty lock. Every bad line is
    /// reported (with its line number), not only the first.
    pub fn load(root: &Path) -> Result<Lock, Vec<Diagnostic>> {
        let mut lock = Lock {
            root: root.to_path_buf(),
            ..Lock::default()
        };
        let text = match std::fs::read_to_string(root.join(LOCK_FILE)) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(lock),
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(LOCK_FILE, format!("cannot read the lock file: {e}")).help(
                        "make it readable, or delete it and run `samspil translations accept`",
                    ),
                ]);
            }
        };
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            match parse_line(i + 1, line) {
                Ok(None) => {}
                Ok(Some(e)) => {
                    let key = (e.relation, e.follower.clone());
                    if lock.entries.insert(key, e.clone()).is_some() {
                        errors.push(bad_line(
                            i + 1,
                            format!("`{}` is recorded twice", e.follower),
                            "keep one line per file (the later one wins when you run the accept command)",
                        ));
                    }
                }
                Err(d) => errors.push(d),
            }
        }
        match errors.is_empty() {
            true => Ok(lock),
            false => Err(errors),
        }
    }

    /// Writes the new snapshots, then the lock file in a fixed order (relation, follower), so
    /// the same state always gives the same bytes; then removes snapshots nothing refers to.
    pub fn save(&mut self) -> std::io::Result<()> {
        let dir = self.root.join(ACCEPTED_DIR);
        let referenced: BTreeSet<String> = self.entries.values().map(|e| e.hash.clone()).collect();
        for (h, text) in std::mem::take(&mut self.new_snapshots) {
            if referenced.contains(&h) {
                std::fs::create_dir_all(&dir)?;
                write_atomic(&dir.join(snapshot_name(&h)), &normalise(&text))?;
            }
        }
        let mut out = String::from(HEADER);
        for e in self.entries.values() {
            let _ = writeln!(
                out,
                "{} {} {} {}",
                e.relation.as_str(),
                escape(&e.follower),
                escape(&e.source),
                e.hash
            );
        }
        write_atomic(&self.root.join(LOCK_FILE), &out)?;
        self.prune(&dir, &referenced)
    }

    fn prune(&self, dir: &Path, referenced: &BTreeSet<String>) -> std::io::Result<()> {
        let Ok(files) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        let keep: BTreeSet<String> = referenced.iter().map(|h| snapshot_name(h)).collect();
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            // Only files that look like snapshots: anything else there is not ours to delete.
            let is_snapshot = name
                .strip_suffix(".txt")
                .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
            if is_snapshot && !keep.contains(&name) {
                std::fs::remove_file(f.path())?;
            }
        }
        Ok(())
    }

    /// Records that `follower` is up to date with `source` as `source_text` is now.
    pub fn accept(&mut self, relation: Relation, follower: &str, source: &str, source_text: &str) {
        let h = hash(source_text);
        self.new_snapshots
            .entry(h.clone())
            .or_insert_with(|| source_text.to_string());
        self.entries.insert(
            (relation, follower.to_string()),
            Entry {
                relation,
                follower: follower.to_string(),
                source: source.to_string(),
                hash: h,
            },
        );
    }

    /// Drops the lines of `relation` whose follower `keep` refuses (files that are gone).
    pub fn retain(&mut self, relation: Relation, keep: impl Fn(&str) -> bool) {
        self.entries
            .retain(|(r, follower), _| *r != relation || keep(follower));
    }

    pub fn entry(&self, relation: Relation, follower: &str) -> Option<&Entry> {
        self.entries.get(&(relation, follower.to_string()))
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// Where `follower` stands, given its source's path and current text.
    pub fn status(
        &self,
        relation: Relation,
        follower: &str,
        source: &str,
        source_text: &str,
    ) -> Status {
        match self.entry(relation, follower) {
            None => Status::NeverRecorded,
            Some(e) if e.source == source && e.hash == hash(source_text) => Status::Current,
            Some(e) => Status::Changed(e.clone()),
        }
    }

    /// The source's text as it was when `e` was accepted, if its snapshot is there.
    pub fn accepted_text(&self, e: &Entry) -> Option<String> {
        if let Some(t) = self.new_snapshots.get(&e.hash) {
            return Some(t.clone());
        }
        std::fs::read_to_string(self.root.join(ACCEPTED_DIR).join(snapshot_name(&e.hash))).ok()
    }

    /// Where each of `pairs` stands. A source is read only when its follower is recorded: a
    /// site that records nothing pays nothing. Changed entries come with the source's current
    /// text (for [`Lock::indented_changes`]).
    pub fn statuses(
        &self,
        relation: Relation,
        pairs: Vec<Pair>,
        root: &Path,
    ) -> Vec<(Pair, Status, String)> {
        use rayon::prelude::*;
        pairs
            .into_par_iter()
            .map(|p| {
                if self.entry(relation, &p.follower).is_none() {
                    return (p, Status::NeverRecorded, String::new());
                }
                match std::fs::read_to_string(root.join(&p.source)) {
                    Ok(text) => {
                        let s = self.status(relation, &p.follower, &p.source, &text);
                        (p, s, text)
                    }
                    // Unreadable now: loading reported it.
                    Err(_) => (p, Status::Current, String::new()),
                }
            })
            .collect()
    }

    /// [`Lock::changes`] for a warning: at most a dozen lines, indented to line up under the
    /// message in `check`'s report.
    pub fn indented_changes(&self, e: &Entry, source: &str, current: &str) -> String {
        let diff = self.changes(e, source, current, DIFF_LINES);
        let lines: Vec<String> = diff.lines().map(|l| format!("{:11}{l}", "")).collect();
        lines.join("\n")
    }

    /// A unified diff of the source from its accepted text to `current`, at most `max_lines`
    /// long, for a warning; says so when the accepted text was not kept.
    pub fn changes(&self, e: &Entry, source: &str, current: &str, max_lines: usize) -> String {
        match self.accepted_text(e) {
            Some(old) => diff(&old, current, &e.source, source, max_lines),
            None => format!(
                "(the accepted text of {} is not in {ACCEPTED_DIR}/, so what changed cannot be shown; compare with version control)",
                e.source
            ),
        }
    }
}

fn snapshot_name(hash: &str) -> String {
    format!("{}.txt", hash.strip_prefix("sha256:").unwrap_or(hash))
}

fn parse_line(n: usize, line: &str) -> Result<Option<Entry>, Diagnostic> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return Ok(None);
    }
    if ["<<<<<<<", "=======", ">>>>>>>"]
        .iter()
        .any(|m| t.starts_with(m))
    {
        return Err(bad_line(
            n,
            "samspil.lock has an unresolved merge conflict",
            "keep one line per file: resolve the conflict, or delete both sides and run `samspil translations accept FILE` for the files involved",
        ));
    }
    // One space separates fields (`escape` writes no other), so a file name with another kind of
    // blank in it reads back as written.
    let fields: Vec<&str> = t.split(' ').filter(|f| !f.is_empty()).collect();
    let [relation, follower, source, h] = fields.as_slice() else {
        return Err(bad_line(
            n,
            format!(
                "a line needs 4 fields separated by spaces, this one has {}",
                fields.len()
            ),
            format!("write `<relation> <follower> <source> sha256:<hash>`; {FIX}"),
        ));
    };
    let Some(relation) = Relation::parse(relation) else {
        return Err(bad_line(
            n,
            format!("unknown relation `{relation}`"),
            format!("the first field is `translation` or `upstream`; {FIX}"),
        ));
    };
    let hex = h.strip_prefix("sha256:").unwrap_or("");
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad_line(
            n,
            format!("`{h}` is not a content hash"),
            format!("the last field is `sha256:` and 64 hex digits; {FIX}"),
        ));
    }
    Ok(Some(Entry {
        relation,
        follower: unescape(follower),
        source: unescape(source),
        hash: format!("sha256:{}", hex.to_ascii_lowercase()),
    }))
}

/// A short unified diff (one line of context), cut after `max_lines` lines with a note of how
/// many more there are.
pub fn diff(old: &str, new: &str, old_name: &str, new_name: &str, max_lines: usize) -> String {
    let (old, new) = (normalise(old), normalise(new));
    let d = similar::TextDiff::from_lines(&old, &new);
    let text = d
        .unified_diff()
        .context_radius(1)
        .header(
            &format!("{old_name} (accepted)"),
            &format!("{new_name} (now)"),
        )
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines
        .iter()
        .take(max_lines)
        .map(|l| l.to_string())
        .collect();
    if lines.len() > max_lines {
        out.push(format!("… {} more diff lines", lines.len() - max_lines));
    }
    out.join("\n")
}

/// Writes through a temporary file and a rename, so an interrupted save never leaves half a
/// lock file.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp-samspil");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_then_changed_then_accepted_again_with_a_diff() {
        let tmp = tempfile::tempdir().unwrap();
        let (f, s) = ("content/a.sv.md", "content/a.da.md");
        let mut lock = Lock::load(tmp.path()).unwrap();
        assert_eq!(
            lock.status(Relation::Translation, f, s, "en\nto\n"),
            Status::NeverRecorded
        );
        lock.accept(Relation::Translation, f, s, "en\nto\n");
        lock.save().unwrap();
        let lock = Lock::load(tmp.path()).unwrap();
        assert_eq!(
            lock.status(Relation::Translation, f, s, "en\r\nto\r\n"),
            Status::Current
        );
        let Status::Changed(e) = lock.status(Relation::Translation, f, s, "en\ntre\n") else {
            panic!("not changed")
        };
        let d = lock.changes(&e, s, "en\ntre\n", 10);
        assert!(d.contains("-to\n+tre"), "{d}");
        // The upstream relation of the same file is a separate record.
        assert_eq!(
            lock.status(Relation::Upstream, f, s, "en\nto\n"),
            Status::NeverRecorded
        );
    }

    #[test]
    fn save_is_deterministic_and_prunes_unreferenced_snapshots() {
        let tmp = tempfile::tempdir().unwrap();
        let mut lock = Lock::load(tmp.path()).unwrap();
        lock.accept(Relation::Translation, "b c.sv.md", "b c.da.md", "1");
        lock.accept(Relation::Translation, "a.sv.md", "a.da.md", "2");
        lock.save().unwrap();
        let first = std::fs::read_to_string(tmp.path().join(LOCK_FILE)).unwrap();
        let lines: Vec<&str> = first.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(lines[0].starts_with("translation a.sv.md a.da.md sha256:"));
        assert!(lines[1].starts_with("translation b%20c.sv.md b%20c.da.md "));
        let mut lock = Lock::load(tmp.path()).unwrap();
        assert_eq!(lock.entries().count(), 2);
        lock.accept(Relation::Translation, "a.sv.md", "a.da.md", "3");
        lock.save().unwrap();
        let snaps = std::fs::read_dir(tmp.path().join(ACCEPTED_DIR)).unwrap();
        assert_eq!(snaps.count(), 2, "the snapshot of \"2\" is gone");
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "# c\ntranslation a b\nsideways a b sha256:00\n<<<<<<< HEAD\n";
        std::fs::write(tmp.path().join(LOCK_FILE), text).unwrap();
        let errs = Lock::load(tmp.path()).unwrap_err();
        let lines: Vec<Option<usize>> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        assert!(errs.iter().all(|d| d.file == LOCK_FILE && d.help.is_some()));
        assert!(errs[1].message.contains("unknown relation `sideways`"));
    }
}
