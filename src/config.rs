//! `samspil.yaml`: the site configuration.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::languages;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const CONFIG_FILE: &str = "samspil.yaml";
/// The folders a site's sources live in (besides samspil.yaml and samspil.lock): what `serve`
/// watches, and where a build's output may never go.
pub const SOURCE_DIRS: &[&str] = &["content", "static", "templates", "themes", "i18n"];

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
    /// Warn, and render the missing page at its URL in that language with the source
    /// language's text and a notice that it is not translated yet.
    Fallback,
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
    /// Every link relative, so the output works from any folder and from disk (`--portable`).
    #[serde(default)]
    pub portable: bool,
    /// A "Save for offline use" button in every page's footer (a service worker, registered
    /// only when a reader presses it; see `offline.rs`).
    #[serde(default = "yes")]
    pub offline: bool,
    /// Content paths (`@/about/privacy.md`) linked in the same order from every page's footer.
    #[serde(default)]
    pub footer: Vec<String>,
    /// Extra paths answered with a redirect page, e.g. Denmark's required `/was` → statement.
    #[serde(default)]
    pub redirects: BTreeMap<String, String>,
    /// Who publishes the site (shown in the footer and in JSON-LD).
    #[serde(default)]
    pub publisher: Option<String>,
    /// A layered site: the folder of the site this one is built over, relative to this one.
    #[serde(default)]
    pub extends: Option<String>,
    /// Upstream items (`@/<section>/<id>.md`) a layered site leaves out in every language.
    #[serde(default)]
    pub hide: Vec<String>,
    /// A municipality's name, logo and accent colour.
    #[serde(default)]
    pub brand: Option<crate::brand::Brand>,
    /// "Was this page useful?" under every content page; off when absent.
    #[serde(default)]
    pub feedback: Option<Feedback>,
    /// What happens to raw HTML in Markdown (README: Raw HTML).
    #[serde(default)]
    pub raw_html: RawHtml,
}

/// `sanitize` (the default) keeps the tags and attributes an article needs and removes the
/// rest with a warning; `trusted` publishes raw HTML as written, for sites whose every author
/// may put anything on the site's pages.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    #[default]
    Sanitize,
    Trusted,
}

/// Where readers' "Was this page useful?" answers go: one of the two (checked in `validate`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// The page owner's mailbox: the answer is a `mailto:` link, so it needs no server.
    #[serde(default)]
    pub email: Option<String>,
    /// A form handler on the site's own host (the site promises no third-party requests).
    #[serde(default)]
    pub endpoint: Option<String>,
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
        // Valid by now (validate checked it); every link is made from this one form.
        cfg.base_url = normalize_base_url(&cfg.base_url).unwrap_or(cfg.base_url);
        Ok(cfg)
    }

    /// Every rule the parsed file must meet, each reported on its own.
    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut errs = self.unknown_language_codes(text);
        errs.extend(self.no_languages(text));
        errs.extend(self.default_language_not_listed(text));
        errs.extend(self.duplicate_languages(text));
        errs.extend(self.base_url_not_absolute(text));
        if let Some(b) = &self.brand {
            errs.extend(b.check(yaml::find_key_line(text, "brand")));
        }
        if let Some(f) = &self.feedback {
            errs.extend(f.validate(&self.base_url, text));
        }
        errs
    }

    fn unknown_language_codes(&self, text: &str) -> Vec<Diagnostic> {
        self.languages
            .iter()
            .filter_map(|lang| {
                let help = languages::check_code(lang).err()?;
                Some(
                    field_error(
                        text,
                        "languages",
                        format!("`{lang}` is not a language code samspil accepts"),
                    )
                    .help(help),
                )
            })
            .collect()
    }

    fn no_languages(&self, text: &str) -> Option<Diagnostic> {
        self.languages.is_empty().then(|| {
            field_error(text, "languages", "no languages configured")
                .help("list at least one, e.g. `languages: [da, sv, nb]`")
        })
    }

    fn default_language_not_listed(&self, text: &str) -> Option<Diagnostic> {
        if self.languages.contains(&self.default_language) {
            return None;
        }
        let mut d = field_error(
            text,
            "default_language",
            format!(
                "default language `{}` is not in `languages`",
                self.default_language
            ),
        );
        d.help = Some(
            match did_you_mean(
                &self.default_language,
                self.languages.iter().map(String::as_str),
            ) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", self.languages.join(", ")),
            },
        );
        Some(d)
    }

    /// One error for each repeat, so a language listed three times gets two.
    fn duplicate_languages(&self, text: &str) -> Vec<Diagnostic> {
        let mut seen = std::collections::BTreeSet::new();
        self.languages
            .iter()
            .filter(|l| !seen.insert(*l))
            .map(|l| field_error(text, "languages", format!("language `{l}` is listed twice")))
            .collect()
    }

    fn base_url_not_absolute(&self, text: &str) -> Option<Diagnostic> {
        let problem = normalize_base_url(&self.base_url).err()?;
        Some(field_error(text, "base_url", problem).help(BASE_URL_HELP))
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
        // A municipality's brand names the authority of its layered site.
        let brand = self.brand.as_ref().map(|b| b.name.as_str());
        brand
            .or(self.publisher.as_deref())
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }

    /// The path part of base_url ("/frivillig/"), prefixed to every site-internal link.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }
}

/// An error about one field of samspil.yaml, at that field's line.
fn field_error(text: &str, field: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(CONFIG_FILE, message)
        .line(yaml::find_key_line(text, field))
        .field(field)
}

impl Feedback {
    fn validate(&self, base_url: &str, text: &str) -> Vec<Diagnostic> {
        let err = |key: &str, msg: String, help: &str| {
            let field = match key {
                "feedback" => key.to_string(),
                _ => format!("feedback.{key}"),
            };
            field_error(text, "feedback", msg)
                .line(nested_key_line(text, "feedback", key))
                .field(field)
                .help(help)
        };
        let problem = match (&self.email, &self.endpoint) {
            (None, None) | (Some(_), Some(_)) => Some(err(
                "feedback",
                "`feedback` needs exactly one of `email` and `endpoint`".into(),
                "write `feedback: {email: web@kommune.dk}` for answers by e-mail, or `feedback: {endpoint: https://<base_url's host>/…}` for a form; remove `feedback` to turn it off",
            )),
            (Some(e), None) if !plausible_email(e) => Some(err(
                "email",
                format!("feedback email `{e}` is not an e-mail address"),
                "write one address, e.g. `email: web@kommune.dk`",
            )),
            (None, Some(u)) => endpoint_problem(u, base_url).map(|m| {
                err(
                    "endpoint",
                    m,
                    "the site promises readers no third-party requests: receive the answers on the site's own host (a path like `/feedback` works too), or use `email:` instead",
                )
            }),
            _ => None,
        };
        problem.into_iter().collect()
    }
}

/// The line of `key` inside the block of `parent` (not a key of that name elsewhere in the
/// file); `parent`'s own line when the value is written inline (`feedback: {email: …}`).
fn nested_key_line(text: &str, parent: &str, key: &str) -> Option<usize> {
    let start = yaml::find_key_line(text, parent)?;
    let inside = text
        .lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
        });
    Some(inside.map_or(start, |(i, _)| i + 1))
}

/// One address with nothing a `mailto:` link or a mail program would read as more than that.
fn plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    let forbidden =
        |c: char| c.is_whitespace() || c.is_control() || "@?&#%\"<>,;:/\\()[]".contains(c);
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !local.chars().any(forbidden)
        && !domain.chars().any(forbidden)
}

/// Why `endpoint` is not first-party for a site at `base_url`, if it is not. A root path
/// (`/feedback`) is on the site's host by definition; an absolute URL must share its origin.
fn endpoint_problem(endpoint: &str, base_url: &str) -> Option<String> {
    if endpoint.starts_with('/') && !endpoint.starts_with("//") {
        return None;
    }
    let origin = |u: &str| {
        let (scheme, rest) = u.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
        (matches!(scheme, "http" | "https") && !host.is_empty()).then(|| (scheme.to_string(), host))
    };
    let Some((scheme, host)) = origin(endpoint) else {
        return Some(format!(
            "feedback endpoint `{endpoint}` is neither an http(s) URL nor a path on the site's host"
        ));
    };
    let (base_scheme, base_host) = origin(base_url)?;
    if host != base_host {
        Some(format!(
            "feedback endpoint `{endpoint}` is on another host than base_url (`{base_host}`)"
        ))
    } else if scheme != base_scheme {
        Some(format!(
            "feedback endpoint `{endpoint}` uses {scheme}, base_url uses {base_scheme}"
        ))
    } else {
        None
    }
}

pub const BASE_URL_HELP: &str =
    "write the address the site will live at, e.g. `https://kommune.dk/frivillig/`";

/// `base_url` (from samspil.yaml or `--base-url`) in the one form every link is made from —
/// scheme and host lower case, `.`/`..` resolved, ending in `/` — or why it cannot be a site's
/// address. Every page's links, canonical URLs, feeds and sitemap start with it, so a query,
/// a fragment or an empty path segment (`//js/…` would load from the host `js`) would break
/// all of them at once.
pub fn normalize_base_url(raw: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("base_url `{raw}` {why}"));
    if raw.chars().any(char::is_whitespace) {
        return bad("contains a space; write spaces in a path as %20, or leave them out");
    }
    let url = match url::Url::parse(raw) {
        Ok(u) => u,
        Err(e) => return bad(&format!("is not an absolute http(s) URL ({e})")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return bad("is not an absolute http(s) URL");
    }
    // The URL standard forgives `https:/x`, `https:///x` and backslashes (reading a host
    // where the author wrote a path); a site's address is written out in full.
    let after_scheme = raw.split_once("://").map(|(_, r)| r);
    if url.host_str().is_none_or(str::is_empty)
        || after_scheme.is_none_or(|r| r.starts_with('/') || r.is_empty())
        || raw.contains('\\')
    {
        return bad("has no host; write it as `https://host/path/`");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return bad("carries a user name or password; leave them out");
    }
    if url.query().is_some() {
        return bad("has a query (`?…`); a site's address ends with its path");
    }
    if url.fragment().is_some() {
        return bad("has a fragment (`#…`); a site's address ends with its path");
    }
    let path = url.path();
    if path.contains("//") {
        return bad("has an empty path segment (`//`)");
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
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
    fn base_urls_are_parsed_and_normalized() {
        let ok = |s: &str| normalize_base_url(s).unwrap();
        assert_eq!(
            ok("https://kommune.dk/frivillig"),
            "https://kommune.dk/frivillig/"
        );
        assert_eq!(ok("HTTPS://Kommune.DK"), "https://kommune.dk/");
        assert_eq!(
            ok("https://kommune.dk/a/../frivillig/"),
            "https://kommune.dk/frivillig/"
        );
        assert_eq!(ok("http://127.0.0.1:8080/x/"), "http://127.0.0.1:8080/x/");
        let err = |s: &str| normalize_base_url(s).unwrap_err();
        assert!(err("https://kommune.dk/?a=1").contains("has a query"));
        assert!(err("https://kommune.dk/#top").contains("has a fragment"));
        assert!(err("https://kommune.dk/fri villig/").contains("contains a space"));
        assert!(err("https://kommune.dk//frivillig/").contains("empty path segment"));
        assert!(err("https:///frivillig/").contains("host"));
        assert!(err("javascript:alert(1)//").contains("not an absolute http(s) URL"));
        assert!(err("/frivillig/").contains("not an absolute http(s) URL"));
        assert!(err("https://user:pw@kommune.dk/").contains("user name"));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://kommune.dk/frivillig/"), "/frivillig/");
        assert_eq!(base_path_of("https://kommune.dk/frivillig"), "/frivillig/");
        assert_eq!(base_path_of("https://kommune.dk"), "/");
    }

    #[test]
    fn feedback_endpoints_must_be_first_party() {
        let base = "https://kommune.dk/frivillig/";
        assert_eq!(endpoint_problem("https://kommune.dk/api/svar", base), None);
        assert_eq!(endpoint_problem("https://KOMMUNE.dk", base), None);
        assert_eq!(endpoint_problem("/api/svar", base), None);
        for bad in [
            "https://forms.example.com/kommune",
            "https://kommune.dk.evil.example/x",
            "https://kommune.dk:8443/x",
            "//forms.example.com/x",
            "http://kommune.dk/x",
            "api/svar",
            "mailto:web@kommune.dk",
        ] {
            assert!(endpoint_problem(bad, base).is_some(), "{bad} accepted");
        }
    }

    #[test]
    fn a_nested_key_is_found_in_its_block_or_on_its_parents_line() {
        let block = "email: a@b.dk\nfeedback:\n  endpoint: /x\nother: 1\n";
        assert_eq!(nested_key_line(block, "feedback", "endpoint"), Some(3));
        assert_eq!(nested_key_line(block, "feedback", "email"), Some(2));
        let inline = "feedback: {email: x}\n";
        assert_eq!(nested_key_line(inline, "feedback", "email"), Some(1));
    }

    #[test]
    fn feedback_emails() {
        assert!(plausible_email("web@kommune.dk"));
        for bad in [
            "web",
            "web@kommune",
            "a@b.dk?cc=x@y.dk",
            "a b@c.dk",
            "a@b@c.dk",
            "@c.dk",
        ] {
            assert!(!plausible_email(bad), "{bad} accepted");
        }
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
