//! The offline copy (`offline: true`, the default): a "Save for offline use" button in every
//! page's footer registers `sw.js`, a service worker that keeps every file of the build and
//! answers from it when the connection drops. Nothing is stored before a reader presses the
//! button (site.js registers the worker only then; the privacy page says how to undo it).
//!
//! `sw.js` lists every file of the build and carries a version made from their hashes, so a
//! new build that changes any file gives a new `sw.js`: the browser installs it on the next
//! visit, and it replaces the old cache. That is why it is written last.

use crate::output::Output;

/// The service worker's path in the output (at the root, so its scope is the whole site).
pub const SERVICE_WORKER: &str = "sw.js";

const TEMPLATE: &str = include_str!("offline/sw.js");

/// `sw.js` for the files in `hashes` (path in the output, hash of its bytes).
pub fn service_worker(hashes: &[(String, u64)]) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    let mut files = Vec::with_capacity(hashes.len());
    for (path, hash) in hashes {
        std::hash::Hash::hash(&(path, hash), &mut hasher);
        if let Some(url) = url_of(path) {
            files.push(url);
        }
    }
    let version = format!("{:016x}", std::hash::Hasher::finish(&hasher));
    let files = serde_json::to_string(&files).expect("strings serialize");
    TEMPLATE
        .replacen("@VERSION@", &version, 1)
        .replacen("@FILES@", &files, 1)
}

/// The address of an output file as pages link it (a folder for its `index.html`), relative
/// to the site's root; `None` for files a reader never needs (the output folder's marker).
fn url_of(path: &str) -> Option<String> {
    if path.starts_with('.') || path == SERVICE_WORKER {
        return None;
    }
    Some(match path.strip_suffix("index.html") {
        Some("") => "./".to_string(),
        Some(folder) if folder.ends_with('/') => folder.to_string(),
        _ => path.to_string(),
    })
}

/// Writes `sw.js` into `out`, listing what `out` has written since it was asked to keep hashes.
pub fn write(out: &Output) -> std::io::Result<()> {
    out.write(SERVICE_WORKER, service_worker(&out.hashes()).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pages_by_their_folder_and_changes_version_with_any_file() {
        let files = vec![
            ("index.html".to_string(), 1),
            ("da/roller/index.html".to_string(), 2),
            ("css/site.0123.css".to_string(), 3),
            (".samspil-output".to_string(), 4),
        ];
        let sw = service_worker(&files);
        assert!(
            sw.contains(r#"const FILES = ["./","da/roller/","css/site.0123.css"];"#),
            "{sw}"
        );
        let version = |s: &str| {
            let from = s.find("const VERSION = '").expect("a version") + 17;
            s[from..from + 16].to_string()
        };
        let mut changed = files.clone();
        changed[2].1 = 5;
        assert_ne!(version(&sw), version(&service_worker(&changed)));
        assert_eq!(version(&sw), version(&service_worker(&files)));
        assert!(!sw.contains("@VERSION@") && !sw.contains("@FILES@"));
    }
}
