//! UI strings per language: the theme's `i18n/<lang>.yaml`, then each site layer's own
//! `i18n/<lang>.yaml` (most upstream first) over it key by key, with fallback to the default
//! language (and a warning naming the key and language).
//!
//! Key by key, not file by file: a municipality that renames one button should not have to
//! copy — and then maintain — every other string of the shared theme.

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub type Strings = BTreeMap<String, String>;

/// `roots`: the site's layers, most upstream first, the site itself last.
pub fn load(
    theme: &Theme,
    roots: &[PathBuf],
    languages: &[String],
    default_lang: &str,
    diags: &Diagnostics,
) -> BTreeMap<String, Strings> {
    let files = theme.under("i18n");
    let site = roots.last().map(PathBuf::as_path).unwrap_or(Path::new("."));
    let mut all: BTreeMap<String, Strings> = BTreeMap::new();
    for lang in languages {
        let name = format!("{lang}.yaml");
        let mut strings = match files.get(&name) {
            Some(f) => parse(&f.origin, &f.bytes, diags),
            None => Strings::new(),
        };
        let theme_keys: std::collections::BTreeSet<String> = strings.keys().cloned().collect();
        let mut own = false;
        for root in roots {
            let path = root.join("i18n").join(&name);
            let shown = display_path(site, &path);
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    diags.push(Diagnostic::error(&shown, format!("cannot read: {e}")));
                    continue;
                }
            };
            own = true;
            for (k, v) in parse(&shown, &bytes, diags) {
                // A key the theme does not have is shown nowhere: most likely a typo.
                if !files.is_empty() && !theme_keys.contains(&k) {
                    let mut d = Diagnostic::warning(
                        &shown,
                        format!("`{k}` is not a UI string of the theme; it is used nowhere"),
                    )
                    .field(k.clone());
                    if let Some(near) =
                        crate::diagnostics::did_you_mean(&k, theme_keys.iter().map(String::as_str))
                    {
                        d = d.help(format!("did you mean `{near}`?"));
                    }
                    diags.push(d);
                }
                strings.insert(k, v);
            }
        }
        if !files.contains_key(&name) && !own {
            diags.push(
                Diagnostic::warning(
                    format!("i18n/{name}"),
                    format!("the theme has no UI strings for `{lang}`; using `{default_lang}`"),
                )
                .help(format!(
                    "add i18n/{name} to the site (or the theme), copying the keys of the theme's i18n/{default_lang}.yaml"
                )),
            );
        }
        all.insert(lang.clone(), strings);
    }
    let default = all.get(default_lang).cloned().unwrap_or_default();
    for lang in languages {
        if lang == default_lang {
            continue;
        }
        let strings = all.entry(lang.clone()).or_default();
        for (k, v) in &default {
            if !strings.contains_key(k) {
                diags.push(
                    Diagnostic::warning(format!("i18n/{lang}.yaml"), format!("UI string `{k}` is missing for `{lang}`; using the `{default_lang}` text"))
                        .field(k.clone())
                        .help(format!("add `{k}: ...` in {lang}")),
                );
                strings.insert(k.clone(), v.clone());
            }
        }
    }
    all
}

fn parse(origin: &str, bytes: &[u8], diags: &Diagnostics) -> Strings {
    let text = String::from_utf8_lossy(bytes);
    crate::yaml::parse::<Strings>(origin, &text, 0).unwrap_or_else(|d| {
        diags.push(d);
        Strings::new()
    })
}
