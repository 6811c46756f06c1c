//! Loading: walks `content/` and parses every file's front matter. No cross-file checks here.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::frontmatter::{self, HomeMeta, PageMeta, SectionMeta};
use crate::languages::check_code as check_language_code;
use crate::layers::Origin;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where a front-matter key sits in its file, so later stages can point at it.
#[derive(Debug, Clone, Default)]
pub struct KeyLines {
    yaml: String,
    offset: usize,
}

impl KeyLines {
    /// `yaml` is the front matter; `offset` the number of lines above its first line.
    /// The front matter as written.
    pub fn yaml(&self) -> &str {
        &self.yaml
    }
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

/// What every content file has besides its front matter's meaning.
#[derive(Debug, Clone, Default)]
pub struct FileParts {
    /// Relative to the site root, `/`-separated (`../samspil/content/…` for an upstream's).
    pub file: String,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    pub keys: KeyLines,
    /// In a layered site: the upstream file this local file replaces or patches.
    pub replaces: Option<String>,
}

#[derive(Debug, Clone)]
pub struct HomeFile {
    pub lang: String,
    pub meta: HomeMeta,
    pub parts: FileParts,
}

#[derive(Debug, Clone)]
pub struct SectionFile {
    pub section: String,
    pub lang: String,
    pub meta: SectionMeta,
    pub parts: FileParts,
}

#[derive(Debug, Clone)]
pub struct PageFile {
    pub section: String,
    pub id: String,
    pub lang: String,
    pub meta: PageMeta,
    pub parts: FileParts,
    /// Files beside `index.<lang>.md` in a page bundle, copied next to the page.
    pub assets: Vec<PathBuf>,
    /// In a layered site: the site's own, an upstream's, or an upstream's changed here.
    pub origin: Origin,
}

#[derive(Debug, Default)]
pub struct Content {
    pub homes: Vec<HomeFile>,
    pub sections: Vec<SectionFile>,
    pub pages: Vec<PageFile>,
    /// Pages whose front matter could not be read (already reported): (section, id, lang).
    /// Links to them are not reported again as broken.
    pub broken: Vec<(String, String, String)>,
    /// Upstream items left out by `hide:` (section, id): links to them become plain text.
    pub hidden: HashSet<(String, String)>,
}

impl Content {
    /// Drops files in languages the site does not publish (an upstream may have more).
    pub fn retain_languages(&mut self, languages: &HashSet<&str>) {
        self.homes.retain(|h| languages.contains(h.lang.as_str()));
        self.sections
            .retain(|s| languages.contains(s.lang.as_str()));
        self.pages.retain(|p| languages.contains(p.lang.as_str()));
        self.broken.retain(|b| languages.contains(b.2.as_str()));
    }

    /// Adds one file given as text, at `rel` below `content/` (`roles/x.da.md`), by the rules
    /// `load` applies to files on disk (no page bundles). For building sites in memory.
    pub fn add_text(&mut self, rel: &str, text: &str, cfg: &Config, diags: &Diagnostics) {
        let file = format!("content/{rel}");
        let parts: Vec<String> = rel.split('/').map(str::to_string).collect();
        let name = parts.last().cloned().unwrap_or_default();
        let loaded = split_name(&file, &name, cfg)
            .and_then(|(stem, lang)| {
                check_configured(&file, lang, cfg)?;
                Ok((shape_from_parts(&file, &parts, stem, lang, || false)?, lang))
            })
            .and_then(|(shape, lang)| {
                let split = frontmatter::split(&file, text)?;
                parse_split(file.clone(), &split, shape, lang.to_string())
            });
        match loaded {
            Ok(item) => self.push(item),
            Err(d) => diags.push(d),
        }
    }

    fn push(&mut self, item: Loaded) {
        match item {
            Loaded::Home(h) => self.homes.push(h),
            Loaded::Section(s) => self.sections.push(s),
            Loaded::Page(p) => self.pages.push(p),
            Loaded::Broken(key) => self.broken.push(key),
        }
    }

    /// Names every file from another site's folder (`prefix`, e.g. `../samspil`) and marks its
    /// pages with `origin`.
    pub fn relocate(&mut self, prefix: &str, origin: Origin) {
        let moved = |f: &mut String| *f = format!("{prefix}/{f}");
        self.homes.iter_mut().for_each(|h| moved(&mut h.parts.file));
        self.sections
            .iter_mut()
            .for_each(|s| moved(&mut s.parts.file));
        for p in &mut self.pages {
            moved(&mut p.parts.file);
            p.origin = origin.clone();
        }
    }
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
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::warning(
                    display_path(root, e.path()),
                    "is a symbolic link; links are not followed, so it is left out",
                )
                .help("put the file itself in content/ instead of a link to it"),
            ),
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
        content.push(item);
    }
    // Attach bundle assets to every language version of the bundle's page.
    for path in &files {
        let is_md = path.extension().is_some_and(|e| e == "md");
        if is_md {
            continue;
        }
        if let Some(bundle) = bundle_dirs.iter().find(|b| path.starts_with(b)) {
            for p in &mut content.pages {
                if root.join(&p.parts.file).parent() == Some(bundle.as_path()) {
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
    let (shape, lang) = shape_of(&file, dir, path, cfg, bundles, diags)?;
    parse_file(file, path, shape, lang, diags)
}

/// Works out from its path alone what a content file is (home, section or page, and the
/// page's id) and its language. Reports and returns `None` for a path that breaks a rule.
fn shape_of(
    file: &str,
    dir: &Path,
    path: &Path,
    cfg: &Config,
    bundles: &[PathBuf],
    diags: &Diagnostics,
) -> Option<(Shape, String)> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    let in_bundle = || bundles.iter().any(|b| path.parent() == Some(b.as_path()));
    let shape = split_name(file, name, cfg).and_then(|(stem, lang)| {
        check_configured(file, lang, cfg)?;
        let shape = shape_from_parts(file, &parts, stem, lang, in_bundle)?;
        Ok((shape, lang.to_string()))
    });
    shape.map_err(|d| diags.push(d)).ok()
}

/// `<stem>.<lang>.md` → (stem, lang).
fn split_name<'n>(
    file: &str,
    name: &'n str,
    cfg: &Config,
) -> Result<(&'n str, &'n str), Diagnostic> {
    name.strip_suffix(".md")
        .and_then(|s| s.rsplit_once('.'))
        .ok_or_else(|| {
            Diagnostic::error(file, "the file name has no language code").help(format!(
                "name it `{}.{}.md` (one file per language)",
                name.trim_end_matches(".md"),
                cfg.default_language
            ))
        })
}

fn check_configured(file: &str, lang: &str, cfg: &Config) -> Result<(), Diagnostic> {
    if cfg.languages.iter().any(|l| l == lang) {
        return Ok(());
    }
    // A code that is not a language code at all gets that explanation instead.
    let help = match check_language_code(lang) {
        Err(h) => h,
        Ok(()) => format!(
            "configured languages are {}; add `{lang}` to `languages` in samspil.yaml or rename the file",
            cfg.languages.join(", ")
        ),
    };
    Err(Diagnostic::error(
        file,
        format!("`{lang}` in the file name is not a configured language"),
    )
    .help(help))
}

/// `parts` is the path below content/, `stem` the file name without language and `.md`.
fn shape_from_parts(
    file: &str,
    parts: &[String],
    stem: &str,
    lang: &str,
    in_bundle: impl Fn() -> bool,
) -> Result<Shape, Diagnostic> {
    match (parts.len(), stem) {
        (1, "_index") => Ok(Shape::Home),
        (2, "_index") => Ok(Shape::Section(parts[0].clone())),
        (2, _) => Ok(Shape::Page {
            section: parts[0].clone(),
            id: stem.to_string(),
        }),
        (3, "index") if in_bundle() => Ok(Shape::Page {
            section: parts[0].clone(),
            id: parts[1].clone(),
        }),
        (1, _) => {
            let name = &parts[0];
            Err(Diagnostic::error(file, "pages must be inside a section folder").help(format!(
                "move it to content/<section>/{name}, or name it _index.{lang}.md if it is the home page text"
            )))
        }
        _ => Err(Diagnostic::error(file, "sections cannot be nested").help(
            "use content/<section>/<slug>.<lang>.md, or a bundle content/<section>/<slug>/index.<lang>.md",
        )),
    }
}

/// Reads and parses a file whose shape is known. A page whose front matter cannot be read
/// comes back as `Broken`, so links to it are not reported a second time.
fn parse_file(
    file: String,
    path: &Path,
    shape: Shape,
    lang: String,
    diags: &Diagnostics,
) -> Option<Loaded> {
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
    let broken_key = match &shape {
        Shape::Page { section, id } => Some((section.clone(), id.clone(), lang.clone())),
        _ => None,
    };
    frontmatter::split(&file, &text)
        .and_then(|split| parse_split(file, &split, shape, lang))
        .map_err(|d| diags.push(d))
        .ok()
        .or(broken_key.map(Loaded::Broken))
}

/// Parses the front matter the file's shape calls for and keeps the body beside it.
fn parse_split(
    file: String,
    split: &frontmatter::Split,
    shape: Shape,
    lang: String,
) -> Result<Loaded, Diagnostic> {
    let parts = |file: String| FileParts {
        keys: KeyLines::new(split.yaml, split.yaml_line_offset),
        body: split.body.to_string(),
        body_line: split.body_line,
        file,
        replaces: None,
    };
    Ok(match shape {
        Shape::Home => Loaded::Home(HomeFile {
            meta: frontmatter::parse_home(&file, split)?,
            lang,
            parts: parts(file),
        }),
        Shape::Section(section) => Loaded::Section(SectionFile {
            meta: frontmatter::parse_section(&file, split)?,
            section,
            lang,
            parts: parts(file),
        }),
        Shape::Page { section, id } => Loaded::Page(PageFile {
            meta: frontmatter::parse_page(&file, split)?,
            section,
            id,
            lang,
            parts: parts(file),
            assets: vec![],
            origin: Origin::Local,
        }),
    })
}
