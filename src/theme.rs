//! The theme: templates, static files and UI strings, from `themes/<name>/` in the site or,
//! for `default`, from the copy built into the binary (so a site needs no theme folder).

use crate::diagnostics::Diagnostic;
use include_dir::{Dir, include_dir};
use std::collections::{BTreeMap, HashSet};
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
    /// The theme `name` of a site whose layers are `roots`, most upstream first (one root for a
    /// site that extends nothing). Each layer's `themes/<name>/` sits over the farther ones file
    /// by file, and `default` over the copy built into the binary, so a municipality can change
    /// one template or stylesheet of the shared theme without copying — and then maintaining —
    /// the rest.
    pub fn load(roots: &[PathBuf], name: &str) -> Result<Theme, Diagnostic> {
        let mut by_rel: BTreeMap<String, ThemeFile> = BTreeMap::new();
        let mut found = name == "default";
        if found {
            let mut files = Vec::new();
            collect(&DEFAULT_THEME, &mut files);
            by_rel.extend(files.into_iter().map(|f| (f.rel.clone(), f)));
        }
        let site = roots.last().map(PathBuf::as_path).unwrap_or(Path::new("."));
        for root in roots {
            let dir = root.join("themes").join(name);
            if !dir.is_dir() {
                continue;
            }
            found = true;
            let shown = crate::diagnostics::display_path(site, &dir);
            // Unreadable entries are skipped here as before; a missing template is reported
            // when templates load.
            for (rel, path) in crate::walk::files(&dir).into_iter().filter_map(Result::ok) {
                let bytes = std::fs::read(&path).map_err(|err| {
                    Diagnostic::error(
                        crate::diagnostics::display_path(site, &path),
                        format!("cannot read: {err}"),
                    )
                })?;
                let origin = format!("{shown}/{rel}");
                by_rel.insert(rel.clone(), ThemeFile { rel, bytes, origin });
            }
        }
        if found {
            return Ok(Theme {
                files: by_rel.into_values().collect(),
            });
        }
        Err(Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("theme `{name}` not found in themes/{name}/"),
        )
        .field("theme")
        .help("use `theme: default` (built in) or add the theme folder under themes/"))
    }

    /// The fixed `id`s the templates give parts of a page (`main`, `toc-title`), which a
    /// same-page link in Markdown may point at. Ids made by template expressions are not
    /// known here, and not needed: content cannot predict them either.
    pub fn element_ids(&self) -> HashSet<String> {
        let mut ids = HashSet::new();
        for f in self.under("templates").values() {
            let text = String::from_utf8_lossy(&f.bytes);
            for (i, _) in text.match_indices("id=") {
                let rest = text[i + 3..].trim_start_matches(['"', '\'']);
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                // Skip `data-id=`, `aria-labelledby=`-like names: only a whole `id=` counts.
                let whole = i == 0
                    || !text.as_bytes()[i - 1].is_ascii_alphanumeric()
                        && text.as_bytes()[i - 1] != b'-';
                if whole && !id.is_empty() {
                    ids.insert(id);
                }
            }
        }
        ids
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
