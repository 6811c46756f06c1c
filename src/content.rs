//! Loading: walks `content/` and parses every file's front matter. No cross-file checks here.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::frontmatter::{self, HomeMeta, PageMeta, SectionMeta};
use crate::languages::check_code as check_language_code;
use std::path::{Path, PathBuf};

/// Where a front-matter key sits in its file, so later stages can point at it.
#[derive(Debug, Clone, Default)]
pub struct KeyLines {
    yaml: String,
    offset: usize,
}

impl KeyLines {
    /// `yaml` is the front matter; `offset` the number of lines above its first line.
    pub fn new(yaml: &str, offset: usize) -> KeyLines {
        KeyLines {
            yaml: yaml.to_string(),
            offset,
        }
    }
    pub fn of(&self, key: &str) -> Option<usize> {
        crate::yaml::find_key_line(&self.yaml, key).map(|l| l + self.offset)
    }
    /// The line that mentions `needle` inside the front matter (e.g. one entry of `related`).
    pub fn containing(&self, needle: &str) -> Option<usize> {
        self.yaml
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1 + self.offset)
    }
    /// Every front-matter line with its line number in the file.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.yaml
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1 + self.offset, l))
    }
}

#[derive(Debug, Clone)]
pub struct HomeFile {
    pub lang: String,
    pub meta: HomeMeta,
    pub body: String,
    pub body_line: usize,
    pub file: String,
    pub keys: KeyLines,
}

#[derive(Debug, Clone)]
pub struct SectionFile {
    pub section: String,
    pub lang: String,
    pub meta: SectionMeta,
    pub body: String,
    pub body_line: usize,
    pub file: String,
    pub keys: KeyLines,
}

#[derive(Debug, Clone)]
pub struct PageFile {
    pub section: String,
    pub id: String,
    pub lang: String,
    pub meta: PageMeta,
    pub body: String,
    pub body_line: usize,
    pub file: String,
    pub keys: KeyLines,
    /// Files beside `index.<lang>.md` in a page bundle, copied next to the page.
    pub assets: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub struct Content {
    pub homes: Vec<HomeFile>,
    pub sections: Vec<SectionFile>,
    pub pages: Vec<PageFile>,
    /// Pages whose front matter could not be read (already reported): (section, id, lang).
    /// Links to them are not reported again as broken.
    pub broken: Vec<(String, String, String)>,
}

enum Shape {
    Home,
    Section(String),
    Page { section: String, id: String },
}

/// Reads every Markdown file under `root/content`. Problems go to `diags`; the files that
/// could be read are returned so one run reports as much as possible.
pub fn load(root: &Path, cfg: &Config, diags: &Diagnostics) -> Content {
    let dir = root.join("content");
    let mut content = Content::default();
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error("content", "there is no content/ folder")
                .help("create content/_index.<lang>.md and one folder per section"),
        );
        return content;
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                e.path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| "content".into()),
                format!("cannot read: {e}"),
            )),
        }
    }
    let bundle_dirs: Vec<PathBuf> = files
        .iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("index.") && n.ends_with(".md"))
        })
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();

    let parsed: Vec<_> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .filter_map(|path| load_one(root, &dir, path, cfg, &bundle_dirs, diags))
            .collect()
    };
    for item in parsed {
        match item {
            Loaded::Home(h) => content.homes.push(h),
            Loaded::Section(s) => content.sections.push(s),
            Loaded::Page(p) => content.pages.push(p),
            Loaded::Broken(key) => content.broken.push(key),
        }
    }
    // Attach bundle assets to every language version of the bundle's page.
    for path in &files {
        let is_md = path.extension().is_some_and(|e| e == "md");
        if is_md {
            continue;
        }
        if let Some(bundle) = bundle_dirs.iter().find(|b| path.starts_with(b)) {
            for p in &mut content.pages {
                if root.join(&p.file).parent() == Some(bundle.as_path()) {
                    p.assets.push(path.clone());
                }
            }
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            diags.push(
                Diagnostic::warning(display_path(root, path), "this file is not a page and is not in a page bundle, so it is not published")
                    .help("put files a page needs beside it in a bundle (content/<section>/<slug>/index.<lang>.md), or site-wide files in static/"),
            );
        }
    }
    content
}

// Short-lived: one per file, moved straight into `Content`.
#[allow(clippy::large_enum_variant)]
enum Loaded {
    Home(HomeFile),
    Section(SectionFile),
    Page(PageFile),
    Broken((String, String, String)),
}

fn load_one(
    root: &Path,
    dir: &Path,
    path: &Path,
    cfg: &Config,
    bundles: &[PathBuf],
    diags: &Diagnostics,
) -> Option<Loaded> {
    if path.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let file = display_path(root, path);
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?.clone();
    let Some((stem, lang)) = name.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) else {
        diags.push(
            Diagnostic::error(&file, "the file name has no language code").help(format!(
                "name it `{}.{}.md` (one file per language)",
                name.trim_end_matches(".md"),
                cfg.default_language
            )),
        );
        return None;
    };
    if !cfg.languages.iter().any(|l| l == lang) {
        let help = match check_language_code(lang) {
            Err(h) => h,
            Ok(()) => format!(
                "configured languages are {}; add `{lang}` to `languages` in samspil.yaml or rename the file",
                cfg.languages.join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                &file,
                format!("`{lang}` in the file name is not a configured language"),
            )
            .help(help),
        );
        return None;
    }
    let shape = match (parts.len(), stem) {
        (1, "_index") => Shape::Home,
        (2, "_index") => Shape::Section(parts[0].clone()),
        (2, _) => Shape::Page {
            section: parts[0].clone(),
            id: stem.to_string(),
        },
        (3, "index") if bundles.iter().any(|b| path.parent() == Some(b.as_path())) => Shape::Page {
            section: parts[0].clone(),
            id: parts[1].clone(),
        },
        (1, _) => {
            diags.push(Diagnostic::error(&file, "pages must be inside a section folder").help(format!(
                "move it to content/<section>/{name}, or name it _index.{lang}.md if it is the home page text"
            )));
            return None;
        }
        _ => {
            diags.push(Diagnostic::error(&file, "sections cannot be nested").help(
                "use content/<section>/<slug>.<lang>.md, or a bundle content/<section>/<slug>/index.<lang>.md",
            ));
            return None;
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(&file, format!("cannot read: {e}"))
                    .help("content files must be UTF-8 text"),
            );
            return None;
        }
    };
    let split = match frontmatter::split(&file, &text) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return match shape {
                Shape::Page { section, id } => {
                    Some(Loaded::Broken((section, id, lang.to_string())))
                }
                _ => None,
            };
        }
    };
    let keys = KeyLines {
        yaml: split.yaml.to_string(),
        offset: split.yaml_line_offset,
    };
    let body = split.body.to_string();
    let lang = lang.to_string();
    let broken_key = match &shape {
        Shape::Page { section, id } => Some((section.clone(), id.clone(), lang.clone())),
        _ => None,
    };
    let result = match shape {
        Shape::Home => frontmatter::parse_home(&file, &split).map(|meta| {
            Loaded::Home(HomeFile {
                lang,
                meta,
                body,
                body_line: split.body_line,
                file,
                keys,
            })
        }),
        Shape::Section(section) => frontmatter::parse_section(&file, &split).map(|meta| {
            Loaded::Section(SectionFile {
                section,
                lang,
                meta,
                body,
                body_line: split.body_line,
                file,
                keys,
            })
        }),
        Shape::Page { section, id } => frontmatter::parse_page(&file, &split).map(|meta| {
            Loaded::Page(PageFile {
                section,
                id,
                lang,
                meta,
                body,
                body_line: split.body_line,
                file,
                keys,
                assets: vec![],
            })
        }),
    };
    result
        .map_err(|d| diags.push(d))
        .ok()
        .or(broken_key.map(Loaded::Broken))
}
