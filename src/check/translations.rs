//! The missing-translations table: one row per item (home text, section, page) that lacks a
//! language, one column per language.

use crate::site::Site;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Serialize)]
pub struct TranslationTable {
    pub languages: Vec<String>,
    /// Only items missing in at least one language.
    pub items: Vec<TranslationRow>,
}

#[derive(Debug, Serialize)]
pub struct TranslationRow {
    /// `roles/bisidder` for a page, `roles/_index` for a section, `_index` for the home text.
    pub item: String,
    /// `page`, `section` or `home`.
    pub kind: &'static str,
    pub present: Vec<String>,
    pub missing: Vec<String>,
    /// The files to create, one per missing language.
    pub missing_files: Vec<String>,
    /// Languages whose file exists but could not be read (its errors are listed above).
    pub with_errors: Vec<String>,
}

pub fn table(site: &Site) -> TranslationTable {
    let langs = &site.config.languages;
    let mut rows = Vec::new();
    let mut row =
        |item: String, kind, present: BTreeSet<&str>, file_of: &dyn Fn(&str) -> String| {
            let absent = langs.iter().filter(|l| !present.contains(l.as_str()));
            // A file that is there but failed to load is not a missing translation.
            let (with_errors, missing): (Vec<String>, Vec<String>) = absent
                .cloned()
                .partition(|l| site.root.join(file_of(l)).is_file());
            if !missing.is_empty() || !with_errors.is_empty() {
                rows.push(TranslationRow {
                    item,
                    kind,
                    present: langs
                        .iter()
                        .filter(|l| present.contains(l.as_str()))
                        .cloned()
                        .collect(),
                    missing_files: missing.iter().map(|l| file_of(l)).collect(),
                    missing,
                    with_errors,
                });
            }
        };

    row(
        "_index".into(),
        "home",
        site.homes.keys().map(String::as_str).collect(),
        &|l| format!("content/_index.{l}.md"),
    );
    for s in &site.sections {
        let present = s
            .langs
            .iter()
            .filter(|(_, sl)| !sl.file.is_empty())
            .map(|(l, _)| l.as_str())
            .collect();
        let id = s.id.clone();
        row(format!("{id}/_index"), "section", present, &|l| {
            format!("content/{id}/_index.{l}.md")
        });
    }
    // Pages grouped by what makes them translations of each other: section and id.
    let mut groups: BTreeMap<(&str, &str), (BTreeSet<&str>, bool)> = BTreeMap::new();
    for p in &site.pages {
        let g = groups.entry((&p.section, &p.id)).or_default();
        g.0.insert(&p.lang);
        g.1 |= p.file.ends_with(&format!("/index.{}.md", p.lang));
    }
    for ((section, id), (present, bundle)) in groups {
        let (section, id) = (section.to_string(), id.to_string());
        row(format!("{section}/{id}"), "page", present, &|l| {
            if bundle {
                format!("content/{section}/{id}/index.{l}.md")
            } else {
                format!("content/{section}/{id}.{l}.md")
            }
        });
    }
    TranslationTable {
        languages: langs.clone(),
        items: rows,
    }
}

impl TranslationTable {
    /// The paths the build names in its missing-translation diagnostics: the files to create,
    /// plus the plain-page spelling of a missing bundle file, which is what the build reports.
    pub fn reported_files(&self) -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for f in self.items.iter().flat_map(|r| r.missing_files.iter()) {
            set.insert(f.clone());
            if let Some((dir, lang)) = f.strip_suffix(".md").and_then(|s| s.rsplit_once("/index."))
            {
                set.insert(format!("{dir}.{lang}.md"));
            }
        }
        set
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Missing translations ({} item(s) × {} languages; ✓ = exists, ✗ = missing, ! = has errors):",
            self.items.len(),
            self.languages.len()
        );
        let width = self
            .items
            .iter()
            .map(|r| r.item.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let col = self
            .languages
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        let _ = write!(out, "  {:width$}", "item");
        for l in &self.languages {
            let _ = write!(out, "  {l:^col$}");
        }
        out.push('\n');
        for r in &self.items {
            let _ = write!(out, "  {:width$}", r.item);
            for l in &self.languages {
                let mark = if r.present.contains(l) {
                    "✓"
                } else if r.with_errors.contains(l) {
                    "!"
                } else {
                    "✗"
                };
                let _ = write!(out, "  {mark:^col$}");
            }
            out.push('\n');
        }
        out
    }
}
