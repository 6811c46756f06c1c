//! The theme: templates, static files and UI strings, from `themes/<name>/` in the site or,
//! for `default`, from the copy built into the binary (so a site needs no theme folder).

use crate::diagnostics::Diagnostic;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme file's path (relative to the theme folder, `/`-separated) and bytes.
pub struct ThemeFile {
    pub rel: String,
    pub bytes: Vec<u8>,
    /// Where it came from, for messages: `themes/x/templates/page.html` or `(built-in)/...`.
    pub origin: String,
}

pub struct Theme {
    pub files: Vec<ThemeFile>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            let mut files = Vec::new();
            // Unreadable entries are skipped here as before; a missing template is reported
            // when templates load.
            for (rel, path) in crate::walk::files(&dir).into_iter().filter_map(Result::ok) {
                let bytes = std::fs::read(&path).map_err(|err| {
                    Diagnostic::error(
                        crate::diagnostics::display_path(root, &path),
                        format!("cannot read: {err}"),
                    )
                })?;
                files.push(ThemeFile {
                    origin: format!("themes/{name}/{rel}"),
                    rel,
                    bytes,
                });
            }
            return Ok(Theme { files });
        }
        if name == "default" {
            let mut files = Vec::new();
            collect(&DEFAULT_THEME, &mut files);
            files.sort_by(|a, b| a.rel.cmp(&b.rel));
            return Ok(Theme { files });
        }
        Err(Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("theme `{name}` not found in themes/{name}/"),
        )
        .field("theme")
        .help("use `theme: default` (built in) or add the theme folder under themes/"))
    }

    /// Files under `prefix/` (e.g. `templates`), keyed by the rest of the path.
    pub fn under(&self, prefix: &str) -> BTreeMap<String, &ThemeFile> {
        let p = format!("{prefix}/");
        self.files
            .iter()
            .filter_map(|f| f.rel.strip_prefix(&p).map(|r| (r.to_string(), f)))
            .collect()
    }
}

fn collect(dir: &Dir<'_>, out: &mut Vec<ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.push(ThemeFile {
            origin: format!("(built-in default theme)/{rel}"),
            rel,
            bytes: f.contents().to_vec(),
        });
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// The built-in default theme, for `samspil init` to copy into a new site.
pub fn default_theme_files() -> Vec<(PathBuf, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_path_buf(), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut v = Vec::new();
    walk(&DEFAULT_THEME, &mut v);
    v.sort();
    v
}
