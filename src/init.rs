//! `samspil init DIR`: a new site that builds at once — configuration, home and sections, one
//! example of each kind per language, about, accessibility statement and privacy pages, and
//! the default theme to adapt.

pub mod text;

use crate::languages::check_code as check_language_code;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use text::{Ctx, SECTIONS, TEXT_LANGUAGES, q};

pub const DEFAULT_BASE_URL: &str = "https://example.org/";

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// One name for every language; None gives a default name per language.
    pub name: Option<String>,
    pub languages: Vec<String>,
    pub base_url: String,
}

impl InitOptions {
    pub fn new(dir: PathBuf) -> InitOptions {
        InitOptions {
            dir,
            name: None,
            languages: default_languages(),
            base_url: DEFAULT_BASE_URL.into(),
        }
    }
}

#[derive(Debug, Default)]
pub struct InitReport {
    pub files: usize,
    /// Things the author should know (languages without example text, search turned off).
    pub notes: Vec<String>,
}

pub fn default_languages() -> Vec<String> {
    vec!["da".into(), "sv".into(), "nb".into()]
}

/// `da, sv,nb` → `[da, sv, nb]`, each checked (so `dk` gets "Danish is `da`").
pub fn parse_languages(list: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for code in list
        .split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        check_language_code(code).map_err(|h| format!("`{code}` is not a language code: {h}"))?;
        if out.iter().any(|c| c == code) {
            return Err(format!("`{code}` is listed twice"));
        }
        out.push(code.to_string());
    }
    if out.is_empty() {
        return Err("give at least one language, e.g. `da,sv,nb`".into());
    }
    Ok(out)
}

/// An absolute http(s) URL ending in `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`{url}` is not an absolute http(s) URL, e.g. https://kommune.dk/frivillig/")
        })?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err(format!("`{url}` has no host name"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The host of the base URL without `www.` and port, for example e-mail addresses.
fn domain_of(base_url: &str) -> String {
    let host = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("example.org");
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.contains('.') {
        host.to_string()
    } else {
        "example.org".into()
    }
}

/// The language whose example text a file in `lang` gets.
pub(crate) fn text_language(lang: &str, default: &str) -> &'static str {
    let find = |l: &str| TEXT_LANGUAGES.iter().copied().find(|t| *t == l);
    find(lang)
        .or_else(|| (lang == "nn").then_some("nb"))
        .or_else(|| find(default))
        .unwrap_or("da")
}

/// Languages the search index has an analyzer for.
fn search_supports(lang: &str) -> bool {
    crate::languages::search_supported(lang)
}

fn endonym(lang: &str) -> &str {
    match lang {
        "en" => "English",
        "de" => "Deutsch",
        "fi" => "Suomi",
        "nn" => "Nynorsk",
        "is" => "Íslenska",
        "fo" => "Føroyskt",
        "kl" => "Kalaallisut",
        "se" | "sme" => "Davvisámegiella",
        "fr" => "Français",
        "es" => "Español",
        "pl" => "Polski",
        "uk" => "Українська",
        "ar" => "العربية",
        "fa" => "فارسی",
        "so" => "Soomaali",
        "ti" => "ትግርኛ",
        other => other,
    }
}

/// Refuses a folder with anything in it but a `.git` (a fresh `git init` is fine).
fn check_empty(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!("{} exists and is not a folder", dir.display()));
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let others: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".git")
        .collect();
    if !others.is_empty() {
        return Err(format!(
            "{} is not empty (it has {}); samspil init only creates a site in a new or empty folder, so nothing is overwritten",
            dir.display(),
            others
                .iter()
                .take(3)
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(())
}

fn add_days(date: crate::frontmatter::Date, days: i64) -> String {
    date.0
        .checked_add(time::Duration::days(days))
        .map(|d| crate::frontmatter::Date(d).to_string())
        .unwrap_or_else(|| date.to_string())
}

pub fn init(opts: &InitOptions) -> Result<InitReport, String> {
    check_empty(&opts.dir)?;
    let langs = &opts.languages;
    for l in langs {
        check_language_code(l).map_err(|h| format!("`{l}` is not a language code: {h}"))?;
    }
    let default = langs.first().ok_or("give at least one language")?.clone();
    let base_url = normalize_base_url(&opts.base_url)?;
    let domain = domain_of(&base_url);
    let today_date = crate::build::today();
    let today = today_date.to_string();
    let review_by = add_days(today_date, 365);
    let mut report = InitReport::default();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    let without_text: Vec<&String> = langs
        .iter()
        .filter(|l| !TEXT_LANGUAGES.contains(&l.as_str()))
        .collect();
    for l in &without_text {
        let from = text_language(l, &default);
        report.notes.push(format!(
            "samspil has no example text in `{l}`: its files use the {} text ({from}) — translate content/**/*.{l}.md and themes/default/i18n/{l}.yaml",
            language_name(from)
        ));
    }
    let search = langs.iter().all(|l| search_supports(l));
    if !search {
        report.notes.push(format!(
            "search is turned off (`search: false` in samspil.yaml): the search index supports da, sv, nb and nn, not {}",
            langs
                .iter()
                .filter(|l| !search_supports(l))
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    files.push((
        crate::config::CONFIG_FILE.into(),
        config_yaml(opts, langs, &base_url, search).into_bytes(),
    ));
    for lang in langs {
        let text = text_language(lang, &default);
        let name = opts.name.as_deref().unwrap_or(text::default_name(text));
        let c = Ctx {
            lang,
            text,
            name,
            today: &today,
            review_by: &review_by,
            domain: &domain,
        };
        files.push((
            format!("content/_index.{lang}.md"),
            text::home(&c).into_bytes(),
        ));
        for s in SECTIONS {
            files.push((
                format!("content/{}/_index.{lang}.md", s.id),
                text::section(&c, s).into_bytes(),
            ));
        }
        for (path, body) in [
            ("principles/trust", text::principle(&c)),
            ("roles/volunteer", text::role(&c)),
            ("checklists/getting-started", text::checklist(&c)),
            ("contacts/volunteer-coordinator", text::contact(&c)),
            ("guidance/writing", text::guide(&c)),
            ("about/about", text::about(&c)),
            ("about/accessibility", text::accessibility(&c)),
            ("about/privacy", text::privacy(&c)),
        ] {
            files.push((format!("content/{path}.{lang}.md"), body.into_bytes()));
        }
    }
    // Empty folders (a trailing `/`), ready for the site's own files and template overrides.
    files.push(("static/".into(), Vec::new()));
    files.push(("templates/".into(), Vec::new()));

    let theme = crate::theme::default_theme_files();
    for (rel, bytes) in &theme {
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.push((format!("themes/default/{rel}"), bytes.to_vec()));
    }
    // UI strings for languages the theme has none for: a copy to translate, so the site
    // builds without warnings meanwhile.
    for l in &without_text {
        let from = format!("i18n/{}.yaml", text_language(l, &default));
        if let Some((_, bytes)) = theme
            .iter()
            .find(|(p, _)| p.to_string_lossy().replace('\\', "/") == from)
        {
            let text = String::from_utf8_lossy(bytes);
            let strings: String = text
                .lines()
                .map(|line| {
                    if line.starts_with("lang_name:") {
                        format!("lang_name: {}", q(endonym(l)))
                    } else {
                        line.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            files.push((
                format!("themes/default/i18n/{l}.yaml"),
                format!("# Copied from {from}: translate these strings.\n{strings}\n").into_bytes(),
            ));
        }
    }

    write_all(&opts.dir, &files)?;
    report.files = files.iter().filter(|(r, _)| !r.ends_with('/')).count();
    Ok(report)
}

fn language_name(text: &str) -> &'static str {
    match text {
        "sv" => "Swedish",
        "nb" => "Norwegian",
        _ => "Danish",
    }
}

fn config_yaml(opts: &InitOptions, langs: &[String], base_url: &str, search: bool) -> String {
    let default = &langs[0];
    let mut y = String::from(
        "# The site configuration. `samspil check` explains any mistake here; see the README for every key.\n",
    );
    match &opts.name {
        Some(n) => {
            let _ = writeln!(y, "title: {}", q(n));
        }
        None => {
            y.push_str("title:\n");
            for l in langs {
                let _ = writeln!(
                    y,
                    "  {l}: {}",
                    q(text::default_name(text_language(l, default)))
                );
            }
        }
    }
    y.push_str("description:\n");
    for l in langs {
        let _ = writeln!(
            y,
            "  {l}: {}",
            q(text::description(text_language(l, default)))
        );
    }
    let _ = writeln!(y, "base_url: {}", q(base_url));
    let _ = writeln!(y, "languages: [{}]", langs.join(", "));
    let _ = writeln!(y, "default_language: {default}");
    y.push_str("theme: default\n");
    y.push_str("# warn: a page not yet translated gets a notice in the language switcher; error: the build fails.\n");
    y.push_str("missing_translations: warn\n");
    if !search {
        y.push_str("# The search index supports da, sv, nb and nn only.\nsearch: false\n");
    }
    y.push_str("# Linked in this order from every page's footer.\nfooter:\n  - \"@/about/about.md\"\n  - \"@/about/accessibility.md\"\n  - \"@/about/privacy.md\"\n");
    if langs.iter().any(|l| l == "da") {
        y.push_str("redirects:\n  # Denmark: the accessibility statement must also answer at /was.\n  was: \"@/about/accessibility.da.md\"\n");
    }
    if let Some(n) = &opts.name {
        let _ = writeln!(y, "publisher: {}", q(n));
    }
    y
}

/// Writes every file; on failure removes what it wrote, so a retry starts clean.
fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let existed = dir.exists();
    let result = files.iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        if rel.ends_with('/') {
            return std::fs::create_dir_all(&path);
        }
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(&path, bytes)
    });
    result.map_err(|e| {
        for (rel, _) in files {
            if !rel.ends_with('/') {
                let _ = std::fs::remove_file(dir.join(rel));
            }
        }
        if !existed {
            let _ = std::fs::remove_dir_all(dir);
        }
        format!("cannot write the new site in {}: {e}", dir.display())
    })
}

/// Asks for what the flags did not give, when a person is at the terminal.
pub fn ask(
    opts: &mut InitOptions,
    name: bool,
    languages: bool,
    base_url: bool,
) -> Result<(), String> {
    use dialoguer::Input;
    use dialoguer::theme::ColorfulTheme;
    let theme = ColorfulTheme::default();
    let err = |e: dialoguer::Error| format!("cannot read the answer: {e}");
    if !languages {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Languages (BCP 47 codes, the first is the default)")
            .default(opts.languages.join(","))
            .validate_with(|s: &String| parse_languages(s).map(|_| ()))
            .interact_text()
            .map_err(err)?;
        opts.languages = parse_languages(&answer)?;
    }
    if !name {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Site name (empty: a default name in each language)")
            .allow_empty(true)
            .interact_text()
            .map_err(err)?;
        let answer = answer.trim();
        opts.name = (!answer.is_empty()).then(|| answer.to_string());
    }
    if !base_url {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Address the site will be published at")
            .default(opts.base_url.clone())
            .validate_with(|s: &String| normalize_base_url(s).map(|_| ()))
            .interact_text()
            .map_err(err)?;
        opts.base_url = normalize_base_url(&answer)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked() {
        assert_eq!(
            parse_languages("da, sv,nb").unwrap(),
            vec!["da", "sv", "nb"]
        );
        assert!(parse_languages("dk").unwrap_err().contains("`da`"));
        assert!(parse_languages("da,da").is_err());
        assert!(parse_languages("").is_err());
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            normalize_base_url("https://k.dk/frivillig").unwrap(),
            "https://k.dk/frivillig/"
        );
        assert!(normalize_base_url("k.dk").is_err());
        assert!(normalize_base_url("https://").is_err());
        assert_eq!(domain_of("https://www.aarhus.dk:8080/x/"), "aarhus.dk");
    }

    #[test]
    fn text_fallbacks() {
        assert_eq!(text_language("sv", "da"), "sv");
        assert_eq!(text_language("nn", "da"), "nb");
        assert_eq!(text_language("en", "sv"), "sv");
        assert_eq!(text_language("en", "en"), "da");
    }
}
