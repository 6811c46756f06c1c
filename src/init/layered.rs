//! `samspil init DIR --extends PATH`: a municipality's site over the shared knowledge base. It
//! builds at once and holds only what is always the site's own: the configuration, its home
//! text, one local contact to fill in, and its accessibility statement and privacy page (these
//! belong to a website and its publisher). Everything else comes from PATH, unchanged, and
//! keeps improving there.

use super::{InitOptions, InitReport, example_pages, q, site_name, text_language, write_all};
use crate::config::{CONFIG_FILE, Config};
use std::path::{Path, PathBuf};

/// A layered site's own home text: it links nothing, since the upstream's items are not known
/// here. Files a translator can edit, like the example site's.
static LAYERED_SITE: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/init/layered-site");

/// The example site's files a layered site starts with (stems below `content/`).
const LOCAL_STEMS: [&str; 3] = [
    "content/contacts/volunteer-coordinator",
    "content/about/accessibility",
    "content/about/privacy",
];

/// `extends:` as written in the new site's `samspil.yaml`: PATH relative to DIR.
fn relative_extends(dir: &Path, upstream: &Path) -> Result<String, String> {
    let absolute = |p: &Path| -> Result<PathBuf, String> {
        let p = match p.is_absolute() {
            true => p.to_path_buf(),
            false => std::env::current_dir().map_err(|e| e.to_string())?.join(p),
        };
        Ok(p)
    };
    let up = absolute(upstream)?
        .canonicalize()
        .map_err(|e| format!("--extends {}: {e}", upstream.display()))?;
    // DIR may not exist yet: its parent does (or is created with it).
    let dir = absolute(dir)?;
    let dir = match (
        dir.parent().and_then(|p| p.canonicalize().ok()),
        dir.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => dir,
    };
    let rel = pathdiff::diff_paths(&up, &dir).ok_or_else(|| {
        format!(
            "cannot express {} relative to {}",
            up.display(),
            dir.display()
        )
    })?;
    Ok(rel.to_string_lossy().replace('\\', "/"))
}

pub fn init(opts: &InitOptions, upstream: &Path) -> Result<InitReport, String> {
    super::check_empty(&opts.dir)?;
    let up = Config::load(upstream).map_err(|_| {
        format!(
            "--extends {}: not a samspil site (no valid {CONFIG_FILE}); give the folder of the shared knowledge base",
            upstream.display()
        )
    })?;
    let langs = &opts.languages;
    let missing: Vec<&String> = langs.iter().filter(|l| !up.languages.contains(l)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "the upstream site publishes {}, not {}: choose --languages among those",
            up.languages.join(", "),
            missing
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let default = langs.first().ok_or("give at least one language")?.clone();
    let extends = relative_extends(&opts.dir, upstream)?;
    let base_url = super::normalize_base_url(&opts.base_url)?;
    let today_date = crate::build::today();
    let values_for = |lang: &str| -> Result<Vec<(&'static str, String)>, String> {
        let text = text_language(lang, &default);
        let mut contact_languages = lang.to_string();
        if lang != "en" {
            contact_languages.push_str(", en");
        }
        Ok(vec![
            ("site_name", site_name(opts, text)?),
            ("today", today_date.to_string()),
            ("review_by", super::add_days(today_date, 365)),
            ("domain", super::domain_of(&base_url)),
            ("contact_languages", contact_languages),
        ])
    };
    let name = match &opts.name {
        Some(n) => n.clone(),
        None => site_name(opts, text_language(&default, &default))?,
    };
    let mut files = vec![(
        CONFIG_FILE.to_string(),
        config(&name, &extends, &base_url, langs).into_bytes(),
    )];
    for lang in langs {
        let text = text_language(lang, &default);
        let values = values_for(lang)?;
        files.push((format!("content/_index.{lang}.md"), home(text, &values)?));
        let pages = example_pages(lang, text, opts.name.as_deref(), &values)?;
        files.extend(pages.into_iter().filter(|(rel, _)| {
            LOCAL_STEMS
                .iter()
                .any(|stem| rel.strip_prefix(stem).is_some_and(|r| r.starts_with('.')))
        }));
    }
    files.push(("static/".into(), Vec::new()));
    files.push(("templates/".into(), Vec::new()));
    write_all(&opts.dir, &files)?;
    // The statement and privacy page replace the upstream's: record which version they were
    // written over, so `check` says when the upstream's change (see crate::drift).
    crate::drift::accept(&opts.dir, &[]).map_err(|ds| {
        let first = ds.first().map(|d| d.to_string()).unwrap_or_default();
        format!("the new site does not load over {extends}: {first}")
    })?;
    Ok(InitReport {
        files: files.iter().filter(|(r, _)| !r.ends_with('/')).count(),
        notes: vec![format!(
            "this site extends {extends}: its content is shared from there; add, replace or patch items in content/ (see the README)"
        )],
    })
}

/// The home text in `text`'s language (the example site's languages; others get Danish).
fn home(text: &str, values: &[(&str, String)]) -> Result<Vec<u8>, String> {
    let rel = format!("content/_index.{text}.md");
    let file = LAYERED_SITE
        .get_file(&rel)
        .or_else(|| LAYERED_SITE.get_file("content/_index.da.md"))
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| format!("built-in layered site: no {rel}"))?;
    let page = super::template::fill(file, values)
        .map_err(|e| format!("built-in layered site, {rel}: {e}"))?;
    Ok(page.into_bytes())
}

fn config(name: &str, extends: &str, base_url: &str, langs: &[String]) -> String {
    let was = match langs.iter().any(|l| l == "da") {
        true => {
            "redirects:\n  # Denmark: the accessibility statement must also answer at /was.\n  was: \"@/about/accessibility.da.md\"\n"
        }
        false => "",
    };
    format!(
        "# A municipality's site over the shared knowledge base: see the README, \"For a municipality\".\ntitle: {name}\nbase_url: \"{base_url}\"\nlanguages: [{langs}]\ndefault_language: {default}\n# The shared knowledge base this site is built over, relative to this folder.\nextends: \"{extends}\"\n# Shared items to leave out, e.g. [\"@/contacts/modrehjaelpen.md\"].\nhide: []\npublisher: {name}\n# brand:\n#   name: {name}\n#   logo: img/logo.svg          # an SVG file in static/\n#   colour: \"#00587a\"           # checked for WCAG AA contrast\nfooter:\n  - \"@/about/about.md\"\n  - \"@/about/accessibility.md\"\n  - \"@/about/privacy.md\"\n{was}",
        name = q(name),
        langs = langs.join(", "),
        default = langs[0],
    )
}
