//! What the output folder may be. A build replaces its output folder whole, so the folder must
//! be samspil's own: missing, empty, or marked by an earlier build. Anything else — the site,
//! a source folder, a home folder, a folder of someone's files, a file, a symbolic link — is
//! refused before anything is written, with the folder named and a way forward.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Written into every output folder: the next build may replace a folder that has it.
pub const MARKER: &str = ".samspil-output";
const MARKER_TEXT: &str = "This folder is written by `samspil build` and replaced whole by the next build.\nDo not keep other files here: they would be deleted.\n";
/// Outputs of builds before the marker existed carry the address record; they count as ours.
const EARLIER_MARKER: &str = crate::site::routes::URL_MANIFEST;
/// An output in a source folder would overwrite the site or be read as input.
use crate::config::SOURCE_DIRS;

pub fn marker() -> (&'static str, &'static [u8]) {
    (MARKER, MARKER_TEXT.as_bytes())
}

/// Whether a folder is one samspil wrote (or may write: an empty one).
fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || dir.join(EARLIER_MARKER).is_file()
}

/// Refuses an output folder a build must not replace. `sites`: the site's folder and those of
/// the sites it extends.
pub fn check(target: &Path, sites: &[PathBuf]) -> Result<(), Diagnostic> {
    let shown = target.display().to_string();
    let refuse = |msg: String, help: &str| {
        Err(Diagnostic::error(&shown, msg)
            .field("--output")
            .help(help.to_string()))
    };
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return refuse(
                format!("cannot look at the output folder: {e}"),
                "check the path and its permissions",
            );
        }
    };
    if let Some(m) = &meta {
        if m.file_type().is_symlink() {
            return refuse(
                "the output is a symbolic link; a build replaces its output whole and never writes through a link".into(),
                "give the folder the link points to as --output, or remove the link",
            );
        }
        if !m.is_dir() {
            return refuse(
                "the output is a file, not a folder; a build would replace it".into(),
                "choose a folder for --output (a new one is created), or move the file away",
            );
        }
    }
    // Compare real paths: `--output .`, `--output ..` or a path through a link must not
    // slip past. A folder that does not exist yet is resolved through its nearest parent.
    let real = resolve(target);
    for site in sites {
        let site_real = std::fs::canonicalize(site).unwrap_or_else(|_| site.clone());
        if site_real.starts_with(&real) {
            return refuse(
                format!(
                    "the output would replace the site's own folder {} (the output is it or holds it)",
                    site.display()
                ),
                "build into a folder of its own, e.g. `--output public` (the default)",
            );
        }
        for dir in SOURCE_DIRS {
            if real.starts_with(site_real.join(dir)) {
                return refuse(
                    format!("the output is inside the site's source folder {dir}/"),
                    "build into a folder of its own, e.g. `--output public` (the default)",
                );
            }
        }
    }
    if meta.is_some() && !is_ours(target) {
        let mut names: Vec<String> = std::fs::read_dir(target)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !names.is_empty() {
            names.sort();
            let more = match names.len() > 3 {
                true => format!(" and {} more", names.len() - 3),
                false => String::new(),
            };
            names.truncate(3);
            return refuse(
                format!(
                    "the output folder holds files samspil did not write ({}{more}); a build replaces the folder whole and would delete them",
                    names.join(", ")
                ),
                &format!(
                    "choose a new or empty folder for --output; or, if this is an output of samspil from before it marked its folders, empty it first (samspil marks its output with {MARKER})"
                ),
            );
        }
    }
    Ok(())
}

/// The real path of `p`, through its nearest existing ancestor when it does not exist yet.
fn resolve(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(cur) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return abs,
        }
    }
}

/// Removes what builds that died (killed, crashed, out of memory) left beside `target`: their
/// `.NAME.tmp-PID` and `.NAME.old-PID` folders, when that process is gone and the folder is
/// samspil's. Returns the names removed, for a note.
pub fn clean_leftovers(target: &Path) -> Vec<String> {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let parent = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p,
        None => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&file, &name) else {
            continue;
        };
        let path = e.path();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        let empty = std::fs::read_dir(&path).is_ok_and(|mut r| r.next().is_none());
        if pid != std::process::id()
            && !process_alive(pid)
            && is_dir
            && (empty || is_ours(&path))
            && std::fs::remove_dir_all(&path).is_ok()
        {
            removed.push(file);
        }
    }
    removed.sort();
    removed
}

/// The PID in `.NAME.tmp-PID` or `.NAME.old-PID`.
fn leftover_pid(file: &str, name: &str) -> Option<u32> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".tmp-")
        .or_else(|| rest.strip_prefix(".old-"))?;
    pid.parse().ok()
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only asks whether the process exists; it sends nothing.
    let r = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to someone else.
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere there is no cheap portable question; leftovers are kept rather than risk
/// removing a running build's folder.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names() {
        assert_eq!(leftover_pid(".public.tmp-123", "public"), Some(123));
        assert_eq!(leftover_pid(".public.old-9", "public"), Some(9));
        assert_eq!(leftover_pid(".public.tmp-x", "public"), None);
        assert_eq!(leftover_pid(".publicx.tmp-1", "public"), None);
        assert_eq!(leftover_pid("public.tmp-1", "public"), None);
    }

    #[test]
    fn a_folder_that_does_not_exist_resolves_through_its_parent() {
        let d = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(d.path()).unwrap();
        assert_eq!(resolve(&d.path().join("a/b")), real.join("a/b"));
    }
}
