//! Files below a folder, in name order, with `/`-separated paths relative to it: the form in
//! which themes, templates and static files are named in URLs and messages on every platform.

use std::path::{Path, PathBuf};

/// `(relative path, full path)` of every file below `dir`; entries that cannot be read are
/// returned as errors, so the caller can name them.
pub fn files(dir: &Path) -> Vec<Result<(String, PathBuf), walkdir::Error>> {
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
            Ok(_) => None,
            Err(err) => Some(Err(err)),
        })
        .collect()
}
