//! `samspil init DIR`: a new site that builds at once — configuration, home and sections, one
//! example of each kind per language, about, accessibility statement and privacy pages, and
//! the default theme to adapt.
//!
//! The example site is files, embedded in the binary from `src/init/site/`: `samspil.yaml` and
//! `content/**/*.<lang>.md`, one file per page per language, as in any site. A language has
//! example text when it has a home page there (`content/_index.<lang>.md`); a language without
//! gets the files of another (`nn` those of `nb`, else the default language's, else `da`'s),
//! renamed. The home page's `title` and `description` are the site's default name and
//! description in that language (they also go into `samspil.yaml`); `--name` replaces the title.
//!
//! Placeholders in those files, filled in here:
//!
//! | placeholder                 | becomes                                                     |
//! |-----------------------------|-------------------------------------------------------------|
//! | `{{ site_name }}`           | `--name`, else the home page's title                        |
//! | `{{ today }}`               | today's date, e.g. `2026-11-23`                             |
//! | `{{ review_by }}`           | the date a year from today                                  |
//! | `{{ domain }}`              | the base URL's host without `www.`, e.g. `kommune.dk`       |
//! | `{{ contact_languages }}`   | the page's language, then `en`, e.g. `da, en`               |
//! | `{{ base_url }}`, `{{ languages }}`, `{{ default_language }}` | `samspil.yaml` only    |
//!
//! In front matter and `samspil.yaml` a value is escaped for a YAML double-quoted string, so
//! write `organisation: "{{ site_name }}"`; in the Markdown body it is inserted as is. A
//! placeholder alone on its line in `samspil.yaml` (`{{ title }}`, `{{ descriptions }}`,
//! `{{ redirects }}`, `{{ publisher }}`) stands for whole lines that depend on
//! the options; the line goes when there are none.

mod layered;
mod template;
pub mod text;

use crate::languages::check_code as check_language_code;
use include_dir::{Dir, File, include_dir};
use std::path::{Path, PathBuf};
use template::{fill, fill_yaml, split_front_matter, with_title};
use text::q;

static EXAMPLE_SITE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/init/site");

pub const DEFAULT_BASE_URL: &str = "https://example.org/";

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// One name for every language; None gives a default name per language.
    pub name: Option<String>,
    pub languages: Vec<String>,
    pub base_url: String,
    /// `--extends PATH`: a layered site over the site at PATH (see [`layered`]).
    pub extends: Option<PathBuf>,
}

impl InitOptions {
    pub fn new(dir: PathBuf) -> InitOptions {
        InitOptions {
            dir,
            name: None,
            languages: default_languages(),
            base_url: DEFAULT_BASE_URL.into(),
            extends: None,
        }
    }
}

#[derive(Debug, Default)]
pub struct InitReport {
    pub files: usize,
    /// Things the author should know (languages without example text, searched without stemming).
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

/// Languages with example text: those with a home page in the example site.
fn text_languages() -> impl Iterator<Item = &'static str> {
    EXAMPLE_SITE
        .get_dir("content")
        .into_iter()
        .flat_map(Dir::files)
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?;
            name.strip_prefix("_index.")?.strip_suffix(".md")
        })
}

/// The language whose example text a file in `lang` gets.
pub(crate) fn text_language(lang: &str, default: &str) -> &'static str {
    let find = |l: &str| text_languages().find(|t| *t == l);
    find(lang)
        .or_else(|| (lang == "nn").then_some("nb"))
        .or_else(|| find(default))
        .unwrap_or("da")
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
    if let Some(up) = &opts.extends {
        return layered::init(opts, up);
    }
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
    let without_text: Vec<&String> = langs
        .iter()
        .filter(|l| !text_languages().any(|t| t == l.as_str()))
        .collect();
    let report_notes = notes(langs, &default, &without_text);

    let mut files: Vec<(String, Vec<u8>)> = vec![(
        crate::config::CONFIG_FILE.into(),
        config_yaml(opts, langs, &base_url)?.into_bytes(),
    )];
    for lang in langs {
        let text = text_language(lang, &default);
        let mut contact_languages = lang.clone();
        if lang != "en" {
            contact_languages.push_str(", en");
        }
        let values = [
            ("site_name", site_name(opts, text)?),
            ("today", today.clone()),
            ("review_by", review_by.clone()),
            ("domain", domain.clone()),
            ("contact_languages", contact_languages),
        ];
        files.extend(example_pages(lang, text, opts.name.as_deref(), &values)?);
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
        files.extend(ui_strings_copy(l, &default, &theme));
    }

    write_all(&opts.dir, &files)?;
    Ok(InitReport {
        files: files.iter().filter(|(r, _)| !r.ends_with('/')).count(),
        notes: report_notes,
    })
}

/// What the author should know: languages without example text, languages searched without
/// stemming.
fn notes(langs: &[String], default: &str, without_text: &[&String]) -> Vec<String> {
    let mut notes = Vec::new();
    for l in without_text {
        let from = text_language(l, default);
        notes.push(format!(
            "samspil has no example text in `{l}`: its files use the {} text ({from}) — translate content/**/*.{l}.md and themes/default/i18n/{l}.yaml",
            language_name(from)
        ));
    }
    let plain: Vec<String> = langs
        .iter()
        .filter(|l| !crate::languages::search_stems(l))
        .map(|l| format!("`{l}`"))
        .collect();
    if !plain.is_empty() {
        notes.push(format!(
            "search finds {} words as written (no stemming or stop words for {}); da, sv, nb, nn and en are stemmed",
            plain.join(", "),
            if plain.len() == 1 { "it" } else { "them" }
        ));
    }
    notes
}

/// The theme's UI strings of `l`'s text language, as `i18n/<l>.yaml` with `l`'s own name.
fn ui_strings_copy(
    l: &str,
    default: &str,
    theme: &[(PathBuf, &[u8])],
) -> Option<(String, Vec<u8>)> {
    let from = format!("i18n/{}.yaml", text_language(l, default));
    let (_, bytes) = theme
        .iter()
        .find(|(p, _)| p.to_string_lossy().replace('\\', "/") == from)?;
    let strings: String = String::from_utf8_lossy(bytes)
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
    Some((
        format!("themes/default/i18n/{l}.yaml"),
        format!("# Copied from {from}: translate these strings.\n{strings}\n").into_bytes(),
    ))
}

fn language_name(text: &str) -> &str {
    match text {
        "da" => "Danish",
        "sv" => "Swedish",
        "nb" => "Norwegian",
        other => endonym(other),
    }
}

/// An example site file, which must exist (a unit test checks every text language).
fn example_file(rel: &str) -> Result<&'static str, String> {
    EXAMPLE_SITE
        .get_file(rel)
        .and_then(File::contents_utf8)
        .ok_or_else(|| format!("the built-in example site has no {rel} (a bug in samspil)"))
}

/// The home page's `title` and `description`: the site's default name and description.
#[derive(serde::Deserialize)]
struct HomeFields {
    title: String,
    description: String,
}

fn home_fields(text: &str) -> Result<HomeFields, String> {
    let rel = format!("content/_index.{text}.md");
    let (front_matter, _) = split_front_matter(example_file(&rel)?);
    let yaml = front_matter.trim_start_matches("---\n");
    let yaml = yaml.strip_suffix("---\n").unwrap_or(yaml);
    serde_norway::from_str(yaml).map_err(|e| format!("built-in example site, {rel}: {e}"))
}

fn site_name(opts: &InitOptions, text: &str) -> Result<String, String> {
    match &opts.name {
        Some(n) => Ok(n.clone()),
        None => Ok(home_fields(text)?.title),
    }
}

/// The example site's pages in `text`, as files in `lang` with the placeholders filled in.
fn example_pages(
    lang: &str,
    text: &str,
    name: Option<&str>,
    values: &[(&str, String)],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let suffix = format!(".{text}.md");
    let mut pages = Vec::new();
    let mut dirs = vec![&EXAMPLE_SITE];
    while let Some(dir) = dirs.pop() {
        dirs.extend(dir.dirs());
        for file in dir.files() {
            let rel = file.path().to_string_lossy().replace('\\', "/");
            let Some(stem) = rel.strip_suffix(&suffix) else {
                continue;
            };
            let page = file
                .contents_utf8()
                .ok_or_else(|| format!("built-in example site, {rel}: not UTF-8"))?;
            let mut page =
                fill(page, values).map_err(|e| format!("built-in example site, {rel}: {e}"))?;
            if let (Some(n), "content/_index") = (name, stem) {
                page = with_title(&page, n);
            }
            pages.push((format!("{stem}.{lang}.md"), page.into_bytes()));
        }
    }
    Ok(pages)
}

/// `samspil.yaml` from the example site's template.
fn config_yaml(opts: &InitOptions, langs: &[String], base_url: &str) -> Result<String, String> {
    let default = &langs[0];
    let mut titles = vec!["title:".to_string()];
    let mut descriptions = Vec::new();
    for l in langs {
        let home = home_fields(text_language(l, default))?;
        titles.push(format!("  {l}: {}", q(&home.title)));
        descriptions.push(format!("  {l}: {}", q(&home.description)));
    }
    let redirects = if langs.iter().any(|l| l == "da") {
        "redirects:\n  # Denmark: the accessibility statement must also answer at /was.\n  was: \"@/about/accessibility.da.md\""
    } else {
        ""
    };
    let values = [
        (
            "title",
            match &opts.name {
                Some(n) => format!("title: {}", q(n)),
                None => titles.join("\n"),
            },
        ),
        ("descriptions", descriptions.join("\n")),
        ("base_url", base_url.to_string()),
        ("languages", langs.join(", ")),
        ("default_language", default.clone()),
        ("redirects", redirects.into()),
        (
            "publisher",
            opts.name
                .as_ref()
                .map(|n| format!("publisher: {}", q(n)))
                .unwrap_or_default(),
        ),
    ];
    fill_yaml(example_file("samspil.yaml")?, &values)
        .map_err(|e| format!("built-in example site, samspil.yaml: {e}"))
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

    /// Every text language has the same pages as Danish, and every page and the config
    /// template fill in without an unknown placeholder.
    #[test]
    fn example_site_is_complete_in_every_text_language() {
        let mut langs: Vec<&str> = text_languages().collect();
        langs.sort_unstable();
        assert_eq!(langs, ["da", "nb", "sv"]);
        let values = [
            ("site_name", "Navn \"x\"".to_string()),
            ("today", "2026-11-23".into()),
            ("review_by", "2027-11-23".into()),
            ("domain", "k.dk".into()),
            ("contact_languages", "fi, en".into()),
        ];
        let stems = |text: &str| {
            let mut v: Vec<String> = example_pages("fi", text, Some("N"), &values)
                .unwrap()
                .into_iter()
                .map(|(rel, bytes)| {
                    let page = String::from_utf8(bytes).unwrap();
                    assert!(!page.contains("{{"), "{rel} in {text}: {page}");
                    assert!(page.starts_with("---\n"), "{rel} in {text}");
                    rel
                })
                .collect();
            v.sort();
            v
        };
        let da = stems("da");
        assert_eq!(da.len(), 15, "{da:?}");
        for text in langs {
            assert_eq!(stems(text), da, "{text}");
            let home = home_fields(text).unwrap();
            assert!(!home.title.is_empty() && !home.description.is_empty());
        }
        let opts = InitOptions::new(PathBuf::from("x"));
        let config = config_yaml(&opts, &default_languages(), DEFAULT_BASE_URL).unwrap();
        assert!(
            !config.contains("{{") && !config.contains("\n\n"),
            "{config}"
        );
    }

    #[test]
    fn text_fallbacks() {
        assert_eq!(text_language("sv", "da"), "sv");
        assert_eq!(text_language("nn", "da"), "nb");
        assert_eq!(text_language("en", "sv"), "sv");
        assert_eq!(text_language("en", "en"), "da");
    }
}
