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

/// What made an address: a page, or a section's listing in one language.
enum Source<'s> {
    Page(usize),
    Section {
        id: &'s str,
        lang: &'s str,
        slug_line: Option<usize>,
    },
}

/// Every content file that makes an address: (file, address, what it is).
fn addresses(site: &Site) -> Vec<(&str, String, Source<'_>)> {
    let pages = site.pages.iter().enumerate();
    let mut out: Vec<_> = pages
        .map(|(i, p)| (p.file.as_str(), p.url.clone(), Source::Page(i)))
        .collect();
    for s in &site.sections {
        for (lang, sl) in s.langs.iter().filter(|(_, sl)| !sl.file.is_empty()) {
            let source = Source::Section {
                id: &s.id,
                lang,
                slug_line: sl.slug_line,
            };
            out.push((&sl.file, site.routes.section(lang, &sl.slug), source));
        }
    }
    out
}

fn urls(site: &Site) -> BTreeMap<String, String> {
    addresses(site)
        .into_iter()
        .map(|(file, url, _)| (file.to_string(), url))
        .collect()
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
    for (file, url, source) in addresses(site) {
        let Some(old) = previous.urls.get(file) else {
            continue;
        };
        if *old == url || planned.contains(index_file(old).as_str()) {
            continue;
        }
        diags.push(moved(site, file, &source, old, &url));
    }
}

fn moved(site: &Site, file: &str, source: &Source, old: &str, new: &str) -> Diagnostic {
    let line = match source {
        Source::Page(i) => site.pages[*i].keys.of("slug"),
        Source::Section { slug_line, .. } => *slug_line,
    };
    let d = Diagnostic::warning(
        file,
        format!("the address changed since the previous build: /{old} is now /{new}"),
    )
    .line(line)
    .field("slug");
    let lost = format!("links and bookmarks to /{old} now end on the 404 page");
    let redirect = |target: String| {
        format!(
            "{lost}; to keep the old address working, add to {CONFIG_FILE}: `redirects: {{\"{}\": \"{target}\"}}`",
            old.trim_end_matches('/')
        )
    };
    let help = match source {
        // A shared page's file is not this site's to edit: the redirect goes in its config.
        Source::Page(i) if site.is_upstream_file(file) => {
            let p = &site.pages[*i];
            redirect(format!("@/{}/{}.{}.md", p.section, p.id, p.lang))
        }
        Source::Page(i) if !site.pages[*i].meta.aliases.is_empty() => format!(
            "{lost}; to keep the old address working, add `\"/{old}\"` to the `aliases:` list in this file's front matter"
        ),
        Source::Page(_) => format!(
            "{lost}; to keep the old address working, add it to this file's front matter: `aliases: [\"/{old}\"]`"
        ),
        Source::Section { id, lang, .. } => redirect(format!("@/{id}/_index.{lang}.md")),
    };
    d.help(help)
}
