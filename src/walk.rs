//! Files below a folder, in name order, with `/`-separated paths relative to it: the form in
//! which themes, templates and static files are named in URLs and messages on every platform.

use std::path::{Path, PathBuf};

/// Why an entry below the folder is not returned as a file.
#[derive(Debug)]
pub enum Problem {
    /// A folder or file that cannot be read.
    Unreadable(walkdir::Error),
    /// A symbolic link: not followed, so a site never publishes what a link points at outside
    /// it (and never loops).
    Link(PathBuf),
}

impl Problem {
    /// What a message names, relative to `root`.
    pub fn file(&self, root: &Path, fallback: &str) -> String {
        match self {
            Problem::Unreadable(e) => e
                .path()
                .map(|p| crate::diagnostics::display_path(root, p))
                .unwrap_or_else(|| fallback.to_string()),
            Problem::Link(p) => crate::diagnostics::display_path(root, p),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unreadable(e) => write!(f, "cannot read: {e}"),
            Problem::Link(_) => write!(
                f,
                "is a symbolic link; links are not followed, so it is left out"
            ),
        }
    }
}

/// `(relative path, full path)` of every file below `dir`; entries that cannot be read and
/// symbolic links are returned as problems, so the caller can name them.
pub fn files(dir: &Path) -> Vec<Result<(String, PathBuf), Problem>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                Some(Ok((rel, e.into_path())))
            }
            Ok(e) if e.path_is_symlink() => Some(Err(Problem::Link(e.into_path()))),
            Ok(_) => None,
            Err(err) => Some(Err(Problem::Unreadable(err))),
        })
        .collect()
}
