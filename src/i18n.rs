//! UI strings per language from the theme's `i18n/<lang>.yaml`, with fallback to the default
//! language (and a warning naming the key and language).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::theme::Theme;
use std::collections::BTreeMap;

pub type Strings = BTreeMap<String, String>;

pub fn load(
    theme: &Theme,
    languages: &[String],
    default_lang: &str,
    diags: &Diagnostics,
) -> BTreeMap<String, Strings> {
    let files = theme.under("i18n");
    let mut all: BTreeMap<String, Strings> = BTreeMap::new();
    for lang in languages {
        let name = format!("{lang}.yaml");
        let Some(f) = files.get(&name) else {
            diags.push(
                Diagnostic::warning(
                    format!("i18n/{name}"),
                    format!("the theme has no UI strings for `{lang}`; using `{default_lang}`"),
                )
                .help(format!(
                    "add i18n/{name} to the theme, copying the keys of i18n/{default_lang}.yaml"
                )),
            );
            all.insert(lang.clone(), Strings::new());
            continue;
        };
        let text = String::from_utf8_lossy(&f.bytes);
        match crate::yaml::parse::<Strings>(&f.origin, &text, 0) {
            Ok(s) => {
                all.insert(lang.clone(), s);
            }
            Err(d) => {
                diags.push(d);
                all.insert(lang.clone(), Strings::new());
            }
        }
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
