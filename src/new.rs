//! `samspil new <section>/<slug>`: one file per language with the front matter of its kind,
//! ready to fill in, and the section's `_index` files when the section is new.

use crate::config::Config;
use crate::frontmatter::Kind;
use crate::init::text::{self, Ctx, q};
use crate::slug::{self, slugify};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    /// `<section>/<slug>`, e.g. `roles/mentor` (`content/` and `.md` are tolerated).
    pub path: String,
    /// Default: the section's `default_kind`, else `page`.
    pub kind: Option<Kind>,
    /// Default: every configured language.
    pub languages: Option<Vec<String>>,
}

fn split_path(path: &str) -> Result<(String, String), String> {
    let p = path.trim().trim_matches('/');
    let p = p.strip_prefix("content/").unwrap_or(p);
    let p = p.strip_suffix(".md").unwrap_or(p);
    let parts: Vec<&str> = p.split('/').collect();
    let [section, slug] = parts.as_slice() else {
        return Err(format!(
            "`{path}` is not `<section>/<slug>`; write e.g. `samspil new roles/mentor` (sections cannot be nested)"
        ));
    };
    for (what, s) in [("section", section), ("slug", slug)] {
        if !slug::is_valid(s) {
            let suggestion = slugify(s);
            return Err(format!(
                "{what} `{s}` cannot be part of a URL: use lowercase letters, digits and `-`{}",
                if suggestion.is_empty() || suggestion == *s {
                    String::new()
                } else {
                    format!(", e.g. `{suggestion}`")
                }
            ));
        }
    }
    Ok((section.to_string(), slug.to_string()))
}

/// `first-steps` → `First steps`: a title to overwrite, but a readable one.
fn title_from(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The section's `default_kind`, read from its `_index` file in the default language.
fn section_kind(root: &Path, section: &str, cfg: &Config) -> Option<Kind> {
    let langs = std::iter::once(&cfg.default_language).chain(cfg.languages.iter());
    for l in langs {
        let file = format!("content/{section}/_index.{l}.md");
        let Ok(t) = std::fs::read_to_string(root.join(&file)) else {
            continue;
        };
        let split = crate::frontmatter::split(&file, &t).ok()?;
        return crate::frontmatter::parse_section(&file, &split)
            .ok()?
            .default_kind;
    }
    None
}

/// Creates the files and returns their paths relative to the root, pages first.
pub fn create(opts: &NewOptions) -> Result<Vec<String>, String> {
    let cfg = Config::load(&opts.root).map_err(|ds| {
        let all = ds.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        // The caller says "error: " once; the first diagnostic must not say it again.
        let all = all.join("\n");
        all.strip_prefix("error: ").unwrap_or(&all).to_string()
    })?;
    let (section, slug) = split_path(&opts.path)?;
    let langs = chosen_languages(opts, &cfg)?;
    let kind = opts
        .kind
        .or_else(|| section_kind(&opts.root, &section, &cfg))
        .unwrap_or(Kind::Page);

    refuse_existing(&opts.root, &section, &slug, &langs)?;
    let mut planned: Vec<(String, String)> = langs
        .iter()
        .map(|l| page_file(&cfg, &section, &slug, l, kind))
        .collect();
    planned.extend(section_index_files(&opts.root, &section, &langs, kind));
    write_new(&opts.root, &planned)
}

/// `--languages`, each one checked against the site's, or else every language of the site.
fn chosen_languages(opts: &NewOptions, cfg: &Config) -> Result<Vec<String>, String> {
    let Some(ls) = &opts.languages else {
        return Ok(cfg.languages.clone());
    };
    if let Some(l) = ls.iter().find(|l| !cfg.languages.contains(l)) {
        return Err(format!(
            "`{l}` is not one of the site's languages ({}); add it to `languages` in samspil.yaml first",
            cfg.languages.join(", ")
        ));
    }
    Ok(ls.clone())
}

/// Fails, before anything is written, if the page exists in any of `langs` as a file or a bundle.
fn refuse_existing(root: &Path, section: &str, slug: &str, langs: &[String]) -> Result<(), String> {
    for l in langs {
        let file = format!("content/{section}/{slug}.{l}.md");
        let bundle = format!("content/{section}/{slug}/index.{l}.md");
        for existing in [&file, &bundle] {
            if root.join(existing).exists() {
                return Err(format!(
                    "{existing} already exists; nothing was created (samspil new never overwrites)"
                ));
            }
        }
    }
    Ok(())
}

/// The page in language `l`: its path and its skeleton, due for review in a year.
fn page_file(cfg: &Config, section: &str, slug: &str, l: &str, kind: Kind) -> (String, String) {
    let file = format!("content/{section}/{slug}.{l}.md");
    let today = crate::build::today();
    let review_by = today
        .0
        .checked_add(time::Duration::days(365))
        .map(crate::frontmatter::Date)
        .unwrap_or(today);
    let (today, review_by) = (today.to_string(), review_by.to_string());
    let name = cfg.title(l);
    let c = Ctx {
        lang: l,
        text: crate::init::text_language(l, &cfg.default_language),
        name: &name,
        today: &today,
        review_by: &review_by,
        domain: "example.org",
    };
    (
        file,
        text::skeleton(&c, &title_from(slug), slug, kind.as_str()),
    )
}

/// A new section gets its _index files, so it has a title and a default kind; the
/// languages that already have one keep it.
fn section_index_files(
    root: &Path,
    section: &str,
    langs: &[String],
    kind: Kind,
) -> Vec<(String, String)> {
    let content = root.join("content");
    langs
        .iter()
        .filter(|l| {
            !content
                .join(section)
                .join(format!("_index.{l}.md"))
                .exists()
        })
        .map(|l| {
            (
                format!("content/{section}/_index.{l}.md"),
                format!(
                    "---\ntitle: {}\nslug: {}\ndescription: \"\"\nweight: 100\nsort_by: weight\ndefault_kind: {}\n---\n",
                    q(&title_from(section)),
                    q(section),
                    kind.as_str()
                ),
            )
        })
        .collect()
}

/// Writes each planned file; on the first failure removes the ones already written, so
/// a failed `new` leaves nothing behind.
fn write_new(root: &Path, planned: &[(String, String)]) -> Result<Vec<String>, String> {
    let mut created = Vec::new();
    for (rel, body) in planned {
        let path = root.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| {
                // create_new: never overwrite, even a file that appeared since the check above.
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| std::io::Write::write_all(&mut f, body.as_bytes()));
        if let Err(e) = written {
            for c in &created {
                let _ = std::fs::remove_file(root.join(c));
            }
            return Err(format!("cannot write {rel}: {e}"));
        }
        created.push(rel.clone());
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            split_path("roles/mentor").unwrap(),
            ("roles".into(), "mentor".into())
        );
        assert_eq!(
            split_path("content/roles/mentor.md").unwrap(),
            ("roles".into(), "mentor".into())
        );
        assert!(split_path("mentor").is_err());
        assert!(split_path("a/b/c").is_err());
        assert!(
            split_path("roles/Mentor Role")
                .unwrap_err()
                .contains("mentor-role")
        );
        assert!(split_path("roles/../x").is_err());
    }

    #[test]
    fn titles() {
        assert_eq!(title_from("first-steps"), "First steps");
    }
}
