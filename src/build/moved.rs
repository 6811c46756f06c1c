//! Links that last: the output records which content file each page and section URL came
//! from ([`URL_MANIFEST`]), and the next build into the same folder compares. A URL that
//! changed (a new `slug`, a renamed section) and is no longer written by anything breaks every
//! link and bookmark to it, so the build warns, naming the file and both addresses, and says
//! how to keep the old one alive (`aliases:` for a page, `redirects:` for a section).
//!
//! Pages are matched by their content file because that is what stays put when an address
//! changes; the sitemap lists the same URLs but cannot say which file made them. A renamed
//! file is a new page to this check.

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::site::routes::{Plan, URL_MANIFEST, index_file};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// Content file (relative to the site root) → its URL (relative to the site root).
    urls: BTreeMap<String, String>,
}

/// Every content file that makes an address, with that address.
fn urls(site: &Site) -> BTreeMap<String, String> {
    let mut urls: BTreeMap<String, String> = site
        .pages
        .iter()
        .map(|p| (p.file.clone(), p.url.clone()))
        .collect();
    for s in &site.sections {
        for (lang, sl) in &s.langs {
            if !sl.file.is_empty() {
                urls.insert(sl.file.clone(), site.routes.section(lang, &sl.slug));
            }
        }
    }
    urls
}

/// The manifest's bytes, written into the output like any other file.
pub fn manifest(site: &Site) -> Vec<u8> {
    let m = Manifest {
        format: FORMAT,
        urls: urls(site),
    };
    serde_json::to_vec_pretty(&m).unwrap_or_default()
}

/// Warns about each page or section whose URL differs from the one recorded in the previous
/// build in `output`, when nothing is written at the old URL any more. A folder without a
/// readable manifest (a first build, another tool's output) is not compared.
pub fn check(site: &Site, plan: &Plan, output: &Path, diags: &Diagnostics) {
    let Ok(bytes) = std::fs::read(output.join(URL_MANIFEST)) else {
        return;
    };
    let Ok(previous) = serde_json::from_slice::<Manifest>(&bytes) else {
        return;
    };
    if previous.format != FORMAT {
        return;
    }
    let planned: HashSet<&str> = plan.files.iter().map(|f| f.path.as_str()).collect();
    for (file, url) in urls(site) {
        let Some(old) = previous.urls.get(&file) else {
            continue;
        };
        if *old == url || planned.contains(index_file(old).as_str()) {
            continue;
        }
        diags.push(moved(site, &file, old, &url));
    }
}

fn moved(site: &Site, file: &str, old: &str, new: &str) -> Diagnostic {
    let page = site.pages.iter().find(|p| p.file == file);
    let line = match page {
        Some(p) => p.keys.of("slug"),
        None => site
            .sections
            .iter()
            .flat_map(|s| s.langs.values())
            .find(|sl| sl.file == file)
            .and_then(|sl| sl.slug_line),
    };
    let d = Diagnostic::warning(
        file,
        format!("the address changed since the previous build: /{old} is now /{new}"),
    )
    .line(line)
    .field("slug");
    let lost = format!("links and bookmarks to /{old} now end on the 404 page");
    let help = match page {
        Some(p) if !p.meta.aliases.is_empty() => format!(
            "{lost}; to keep the old address working, add `\"/{old}\"` to the `aliases:` list in this file's front matter"
        ),
        Some(_) => format!(
            "{lost}; to keep the old address working, add it to this file's front matter: `aliases: [\"/{old}\"]`"
        ),
        None => {
            let (section, lang) = section_of(file);
            format!(
                "{lost}; to keep the old address working, add to {CONFIG_FILE}: `redirects: {{\"{}\": \"@/{section}/_index.{lang}.md\"}}`",
                old.trim_end_matches('/')
            )
        }
    };
    d.help(help)
}

/// `content/roles/_index.da.md` → (`roles`, `da`).
fn section_of(file: &str) -> (&str, &str) {
    let rest = file.strip_prefix("content/").unwrap_or(file);
    let (dir, name) = rest.rsplit_once('/').unwrap_or(("", rest));
    let lang = name
        .strip_prefix("_index.")
        .and_then(|n| n.strip_suffix(".md"))
        .unwrap_or("");
    (dir, lang)
}

#[cfg(test)]
mod tests {
    use super::section_of;

    #[test]
    fn a_section_file_names_its_section_and_language() {
        assert_eq!(section_of("content/roles/_index.sv.md"), ("roles", "sv"));
    }
}
