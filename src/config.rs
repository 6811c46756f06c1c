//! `samspil.yaml`: the site configuration.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::languages;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "samspil.yaml";

/// A string given once for all languages, or per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    pub fn get(&self, lang: &str, default_lang: &str) -> String {
        match self {
            Localized::One(s) => s.clone(),
            Localized::PerLanguage(m) => m
                .get(lang)
                .or_else(|| m.get(default_lang))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslations {
    /// Build anyway; the language switcher points to that language's home with a notice.
    #[default]
    Warn,
    Error,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Localized,
    #[serde(default)]
    pub description: Option<Localized>,
    pub base_url: String,
    pub languages: Vec<String>,
    pub default_language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub missing_translations: MissingTranslations,
    #[serde(default = "yes")]
    pub minify: bool,
    #[serde(default = "yes")]
    pub search: bool,
    /// Content paths (`@/about/privacy.md`) linked in the same order from every page's footer.
    #[serde(default)]
    pub footer: Vec<String>,
    /// Extra paths answered with a redirect page, e.g. Denmark's required `/was` → statement.
    #[serde(default)]
    pub redirects: BTreeMap<String, String>,
    /// Who publishes the site (shown in the footer and in JSON-LD).
    #[serde(default)]
    pub publisher: Option<String>,
}

fn default_theme() -> String {
    "default".into()
}
fn yes() -> bool {
    true
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![
                Diagnostic::error(CONFIG_FILE, format!("cannot read the site configuration: {e}")).help(
                    "run samspil in a site folder (one with samspil.yaml), pass --root DIR, or create one with `samspil init`",
                ),
            ]
        })?;
        let mut cfg: Config = yaml::parse(CONFIG_FILE, &text, 0).map_err(|d| vec![d])?;
        let errors = cfg.validate(&text);
        if !errors.is_empty() {
            return Err(errors);
        }
        if !cfg.base_url.ends_with('/') {
            cfg.base_url.push('/');
        }
        Ok(cfg)
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let at = |field: &str| yaml::find_key_line(text, field);
        for lang in &self.languages {
            if let Err(help) = languages::check_code(lang) {
                errs.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("`{lang}` is not a language code samspil accepts"),
                    )
                    .line(at("languages"))
                    .field("languages")
                    .help(help),
                );
            }
        }
        // Checked here, not when the index is built, so a site `check` accepts always builds.
        let unsearchable: Vec<&str> = self
            .languages
            .iter()
            .filter(|l| languages::check_code(l).is_ok() && !languages::search_supported(l))
            .map(String::as_str)
            .collect();
        if self.search && !unsearchable.is_empty() {
            errs.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "search has no analyzer for {} (it supports {})",
                        unsearchable
                            .iter()
                            .map(|l| format!("`{l}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        languages::search_languages().join(", ")
                    ),
                )
                .line(at("languages"))
                .field("languages")
                .help("set `search: false` in samspil.yaml, or publish only languages search supports"),
            );
        }
        if self.languages.is_empty() {
            errs.push(
                Diagnostic::error(CONFIG_FILE, "no languages configured")
                    .line(at("languages"))
                    .field("languages")
                    .help("list at least one, e.g. `languages: [da, sv, nb]`"),
            );
        }
        if !self.languages.contains(&self.default_language) {
            let mut d = Diagnostic::error(
                CONFIG_FILE,
                format!(
                    "default language `{}` is not in `languages`",
                    self.default_language
                ),
            )
            .line(at("default_language"))
            .field("default_language");
            d.help = Some(
                match did_you_mean(
                    &self.default_language,
                    self.languages.iter().map(String::as_str),
                ) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of: {}", self.languages.join(", ")),
                },
            );
            errs.push(d);
        }
        let mut seen = std::collections::BTreeSet::new();
        for l in &self.languages {
            if !seen.insert(l) {
                errs.push(
                    Diagnostic::error(CONFIG_FILE, format!("language `{l}` is listed twice"))
                        .line(at("languages"))
                        .field("languages"),
                );
            }
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            errs.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "base_url `{}` is not an absolute http(s) URL",
                        self.base_url
                    ),
                )
                .line(at("base_url"))
                .field("base_url")
                .help(
                    "write the address the site will live at, e.g. `https://kommune.dk/frivillig/`",
                ),
            );
        }
        errs
    }

    pub fn title(&self, lang: &str) -> String {
        self.title.get(lang, &self.default_language)
    }

    pub fn description(&self, lang: &str) -> String {
        self.description
            .as_ref()
            .map(|d| d.get(lang, &self.default_language))
            .unwrap_or_default()
    }

    /// Who answers for the site's content: named in every page's footer and JSON-LD, and as the
    /// reviewer beside "last reviewed". The one place that decides it, so a layered site's
    /// brand name can take precedence later without touching the templates.
    pub fn responsible_authority(&self) -> Option<&str> {
        self.publisher
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }

    /// The path part of base_url ("/frivillig/"), prefixed to every site-internal link.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }
}

pub fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    let mut p = path.to_string();
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://kommune.dk/frivillig/"), "/frivillig/");
        assert_eq!(base_path_of("https://kommune.dk/frivillig"), "/frivillig/");
        assert_eq!(base_path_of("https://kommune.dk"), "/");
    }

    #[test]
    fn the_responsible_authority_is_the_publisher_when_there_is_one() {
        let cfg = |extra: &str| -> Config {
            serde_norway::from_str(&format!(
                "title: T\nbase_url: https://k.dk/\nlanguages: [da]\ndefault_language: da\n{extra}"
            ))
            .unwrap()
        };
        assert_eq!(
            cfg("publisher: Samspil-projektet\n").responsible_authority(),
            Some("Samspil-projektet")
        );
        assert_eq!(cfg("publisher: \" \"\n").responsible_authority(), None);
        assert_eq!(cfg("").responsible_authority(), None);
    }
}
