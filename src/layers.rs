//! A layered site: `extends: PATH` in `samspil.yaml` puts this site over another samspil site
//! (a checkout of the shared knowledge base), so a municipality keeps the shared text and adds,
//! replaces or patches items of its own.
//!
//! Each layer's `content/` is loaded by [`crate::content::load`] as if it were a site of its own;
//! this module then merges them, most upstream first:
//! - a file at a new path adds an item;
//! - a file at the same path replaces that item in that language;
//! - a file with `patch: true` changes only what it names: its front-matter fields replace
//!   upstream's field by field (maps merged key by key), and a non-empty body replaces the body;
//! - `hide:` leaves an upstream item out in every language;
//! - upstream files in languages this site does not publish are ignored without a word.
//!
//! Every item remembers where it came from ([`Origin`]), which the page states to its readers.

use crate::config::{CONFIG_FILE, Config};
use crate::content::{self, Content, KeyLines};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::Serialize;
use serde_norway::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Where an item of a layered site comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "origin", content = "upstream", rename_all = "lowercase")]
pub enum Origin {
    /// The site's own item (every item of a site that extends nothing).
    #[default]
    Local,
    /// An upstream item, unchanged; the upstream's name.
    Shared(String),
    /// An upstream item that this site replaced or patched; the upstream's name.
    Changed(String),
}

/// One site this site is layered over.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub root: PathBuf,
    /// How the site's messages name its files: the path from this site's root, e.g. `../samspil`.
    pub prefix: String,
    /// Its name for readers ("Fælles tekst fra …"): its publisher, else its title.
    pub name: String,
    pub config: Config,
}

/// The sites below this one, nearest first (a chain: municipal → national → Nordic). Errors
/// name `samspil.yaml` and the `extends` field of the site where the chain breaks.
pub fn upstreams(root: &Path, config: &Config, diags: &Diagnostics) -> Vec<Upstream> {
    let mut chain: Vec<Upstream> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    seen.insert(root.canonicalize().unwrap_or_else(|_| root.to_path_buf()));
    let (mut from_root, mut from_prefix, mut extends) =
        (root.to_path_buf(), String::new(), config.extends.clone());
    while let Some(rel) = extends {
        let file = match from_prefix.is_empty() {
            true => CONFIG_FILE.to_string(),
            false => format!("{from_prefix}/{CONFIG_FILE}"),
        };
        let up_root = from_root.join(&rel);
        let prefix = match from_prefix.is_empty() {
            true => rel.trim_end_matches('/').to_string(),
            false => format!("{from_prefix}/{}", rel.trim_end_matches('/')),
        };
        let fail = |msg: String, help: &str| {
            diags.push(
                Diagnostic::error(&file, msg)
                    .field("extends")
                    .help(help.to_string()),
            )
        };
        let canonical = up_root.canonicalize().unwrap_or_else(|_| up_root.clone());
        if !seen.insert(canonical) {
            fail(
                format!("`extends: {rel}` leads back to a site already in the chain"),
                "a site cannot extend itself, directly or through others",
            );
            break;
        }
        let up_config = match Config::load(&up_root) {
            Ok(c) => c,
            Err(ds) => {
                let missing = !up_root.join(CONFIG_FILE).is_file();
                match missing {
                    true => fail(
                        format!(
                            "`extends: {rel}` is not a samspil site: there is no {}",
                            up_root.join(CONFIG_FILE).display()
                        ),
                        "write the path, relative to this site's folder, of a folder with samspil.yaml and content/ (a checkout of the shared knowledge base)",
                    ),
                    false => diags.extend(ds.into_iter().map(|d| in_upstream(d, &prefix))),
                }
                break;
            }
        };
        let name = up_config
            .publisher
            .clone()
            .unwrap_or_else(|| up_config.title(&up_config.default_language));
        extends = up_config.extends.clone();
        chain.push(Upstream {
            root: up_root.clone(),
            prefix: prefix.clone(),
            name,
            config: up_config,
        });
        (from_root, from_prefix) = (up_root, prefix);
    }
    chain
}

/// The folders of the sites `root` extends, nearest first, with how messages name them — for
/// `serve`, which watches them. Problems are left to the build, which reports them.
pub fn upstream_folders(root: &Path) -> Vec<(PathBuf, String)> {
    let Ok(config) = Config::load(root) else {
        return Vec::new();
    };
    upstreams(root, &config, &Diagnostics::default())
        .into_iter()
        .map(|u| (u.root, u.prefix))
        .collect()
}

/// A problem in an upstream file, said so and pointing at the file from this site's folder.
fn in_upstream(mut d: Diagnostic, prefix: &str) -> Diagnostic {
    d.file = format!("{prefix}/{}", d.file);
    d.message = format!("in upstream {prefix}: {}", d.message);
    d
}

/// Loads this site's content over its upstreams' (or alone when it extends nothing).
pub fn load(root: &Path, config: &Config, ups: &[Upstream], diags: &Diagnostics) -> Content {
    if ups.is_empty() {
        return content::load(root, config, diags);
    }
    let languages: HashSet<&str> = config.languages.iter().map(String::as_str).collect();
    let mut merged = Content::default();
    for up in ups.iter().rev() {
        let up_diags = Diagnostics::default();
        let mut c = content::load(&up.root, &up.config, &up_diags);
        // Problems in files of languages this site does not publish are not its problems.
        diags.extend(
            up_diags
                .into_sorted()
                .into_iter()
                .filter(|d| file_language(&d.file).is_none_or(|l| languages.contains(l)))
                .map(|d| in_upstream(d, &up.prefix)),
        );
        c.retain_languages(&languages);
        c.relocate(&up.prefix, Origin::Shared(up.name.clone()));
        overlay(&mut merged, c, false, diags);
    }
    let own = content::load(root, config, diags);
    overlay(&mut merged, own, true, diags);
    hide(&mut merged, config, diags);
    merged
}

/// `content/roles/x.da.md` → `da`.
fn file_language(file: &str) -> Option<&str> {
    let stem = file.strip_suffix(".md")?;
    stem.rsplit_once('.').map(|(_, l)| l)
}

/// Puts `top` over `below`: new items are added, items at the same path replace or patch.
/// `local` is this site's own layer: what it replaces is a local change of shared text (and
/// is watched for drift); what a middle layer of a chain replaces is simply that layer's
/// shared text, as this site sees it.
fn overlay(below: &mut Content, top: Content, local: bool, diags: &Diagnostics) {
    overlay_files(&mut below.pages, top.pages, local, diags);
    overlay_files(&mut below.sections, top.sections, local, diags);
    overlay_files(&mut below.homes, top.homes, local, diags);
    below.broken.extend(top.broken);
}

/// What layering needs of a content file, so pages, section indexes and home texts follow
/// one rule.
trait Layered {
    type Key: Eq + std::hash::Hash;
    type Meta: serde::de::DeserializeOwned;
    fn key(&self) -> Self::Key;
    fn file(&self) -> &content::FileParts;
    fn file_mut(&mut self) -> &mut content::FileParts;
    fn set_meta(&mut self, meta: Self::Meta);
    fn is_patch(&self) -> bool;
    /// What a local file takes over from the one it replaces beyond text (a page's origin and
    /// bundle files).
    fn took_over(&mut self, _under: &mut Self, _local: bool) {}
}

fn overlay_files<T: Layered>(below: &mut Vec<T>, top: Vec<T>, local: bool, diags: &Diagnostics) {
    // An index, not a search per file: a layer may be as large as the site below it.
    let mut at: std::collections::HashMap<T::Key, usize> = below
        .iter()
        .enumerate()
        .map(|(i, f)| (f.key(), i))
        .collect();
    for item in top {
        let Some(&i) = at.get(&item.key()) else {
            if item.is_patch() {
                diags.push(nothing_to_patch(item.file()));
            }
            at.insert(item.key(), below.len());
            below.push(item);
            continue;
        };
        let mut under = std::mem::replace(&mut below[i], item);
        let over = &mut below[i];
        over.took_over(&mut under, local);
        if local {
            over.file_mut().replaces = Some(under.file().file.clone());
        }
        if over.is_patch() {
            let (u, o) = (under.file(), over.file());
            if let Some(meta) = merged_meta::<T::Meta>(&u.keys, &o.keys, &o.file, diags) {
                over.set_meta(meta);
            }
            // A patch with an empty body keeps the upstream body.
            let u = under.file_mut();
            let o = over.file_mut();
            if o.body.trim().is_empty() {
                o.body = std::mem::take(&mut u.body);
                o.body_line = u.body_line;
            }
        }
    }
}

impl Layered for content::PageFile {
    type Key = (String, String, String);
    type Meta = crate::frontmatter::PageMeta;
    fn key(&self) -> Self::Key {
        (self.section.clone(), self.id.clone(), self.lang.clone())
    }
    fn file(&self) -> &content::FileParts {
        &self.parts
    }
    fn file_mut(&mut self) -> &mut content::FileParts {
        &mut self.parts
    }
    fn set_meta(&mut self, meta: Self::Meta) {
        self.meta = meta;
    }
    fn is_patch(&self) -> bool {
        self.meta.patch
    }
    fn took_over(&mut self, under: &mut Self, local: bool) {
        if local {
            self.origin = changed(&under.origin);
        }
        if self.meta.patch && self.assets.is_empty() {
            self.assets = std::mem::take(&mut under.assets);
        }
    }
}

impl Layered for content::SectionFile {
    type Key = (String, String);
    type Meta = crate::frontmatter::SectionMeta;
    fn key(&self) -> Self::Key {
        (self.section.clone(), self.lang.clone())
    }
    fn file(&self) -> &content::FileParts {
        &self.parts
    }
    fn file_mut(&mut self) -> &mut content::FileParts {
        &mut self.parts
    }
    fn set_meta(&mut self, meta: Self::Meta) {
        self.meta = meta;
    }
    fn is_patch(&self) -> bool {
        self.meta.patch
    }
}

impl Layered for content::HomeFile {
    type Key = String;
    type Meta = crate::frontmatter::HomeMeta;
    fn key(&self) -> Self::Key {
        self.lang.clone()
    }
    fn file(&self) -> &content::FileParts {
        &self.parts
    }
    fn file_mut(&mut self) -> &mut content::FileParts {
        &mut self.parts
    }
    fn set_meta(&mut self, meta: Self::Meta) {
        self.meta = meta;
    }
    fn is_patch(&self) -> bool {
        self.meta.patch
    }
}

/// What a replaced item is: a local change of the item an upstream shared.
fn changed(under: &Origin) -> Origin {
    match under {
        Origin::Shared(n) | Origin::Changed(n) => Origin::Changed(n.clone()),
        Origin::Local => Origin::Local,
    }
}

fn nothing_to_patch(f: &content::FileParts) -> Diagnostic {
    Diagnostic::error(&f.file, "`patch: true`, but the upstream has no item at this path to patch")
        .line(f.keys.of("patch"))
        .field("patch")
        .help("name the file exactly as in the upstream (content/<section>/<id>.<lang>.md), or remove `patch: true` to add a new item")
}

/// The upstream's front matter with the patch's fields on top, read as `T`.
fn merged_meta<T: serde::de::DeserializeOwned>(
    under: &KeyLines,
    over: &KeyLines,
    file: &str,
    diags: &Diagnostics,
) -> Option<T> {
    let parse = |k: &KeyLines| serde_norway::from_str::<Value>(k.yaml()).unwrap_or(Value::Null);
    let mut merged = parse(under);
    let mut patch = parse(over);
    if let Value::Mapping(m) = &mut patch {
        m.remove("patch");
    }
    merge_values(&mut merged, patch);
    if let Value::Mapping(m) = &mut merged {
        m.insert("patch".into(), Value::Bool(true));
    }
    match serde_norway::from_value::<T>(merged) {
        Ok(m) => Some(m),
        Err(e) => {
            diags.push(
                Diagnostic::error(file, format!("the patched front matter is not valid: {e}"))
                    .field("patch")
                    .help("a patch names only fields the upstream item has, with values of the same shape"),
            );
            None
        }
    }
}

/// Maps are merged key by key (so a patch can change just `contact.phone`); anything else is
/// replaced.
fn merge_values(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Mapping(b), Value::Mapping(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(existing) => merge_values(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, t) => *b = t,
    }
}

/// Leaves out the upstream items named in `hide:` in every language.
fn hide(content: &mut Content, config: &Config, diags: &Diagnostics) {
    for (i, h) in config.hide.iter().enumerate() {
        let path = h.strip_prefix("@/").unwrap_or(h);
        let Some((section, id)) = path.strip_suffix(".md").and_then(|p| p.split_once('/')) else {
            diags.push(
                Diagnostic::error(CONFIG_FILE, format!("`{h}` is not the path of an item"))
                    .field(format!("hide[{i}]"))
                    .help("write it as `@/<section>/<id>.md`, without a language code"),
            );
            continue;
        };
        let before = content.pages.len();
        content
            .pages
            .retain(|p| !(p.section == section && p.id == id && p.origin != Origin::Local));
        if content.pages.len() == before {
            diags.push(
                Diagnostic::error(CONFIG_FILE, format!("`{h}` names no upstream item"))
                    .field(format!("hide[{i}]"))
                    .help(
                        "hide takes paths of upstream items, as in the upstream's content/ folder",
                    ),
            );
            continue;
        }
        content.hidden.insert((section.to_string(), id.to_string()));
    }
}

/// The items of a layered site by origin, for `check --format json`.
pub fn by_origin<'a>(
    items: impl Iterator<Item = (&'a str, &'a Origin)>,
) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (file, origin) in items {
        let key = match origin {
            Origin::Local => "local",
            Origin::Shared(_) => "shared",
            Origin::Changed(_) => "changed",
        };
        out.entry(key).or_default().push(file.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_merge_key_by_key_and_the_rest_is_replaced() {
        let mut base: Value = serde_norway::from_str(
            "title: A\ntags: [x, y]\ncontact:\n  phone: '1'\n  email: a@b.dk\n",
        )
        .unwrap();
        let top: Value = serde_norway::from_str("tags: [z]\ncontact:\n  phone: '2'\n").unwrap();
        merge_values(&mut base, top);
        let want: Value = serde_norway::from_str(
            "title: A\ntags: [z]\ncontact:\n  phone: '2'\n  email: a@b.dk\n",
        )
        .unwrap();
        assert_eq!(base, want);
    }

    #[test]
    fn file_languages() {
        assert_eq!(file_language("../s/content/roles/x.sv.md"), Some("sv"));
        assert_eq!(file_language("samspil.yaml"), None);
    }
}
