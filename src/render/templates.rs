//! Loading the theme's and the site's templates, and turning tera's errors into diagnostics
//! that name the template file.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "home.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "terms.html",
    "search.html",
    "404.html",
    "root.html",
    "redirect.html",
    "changes.html",
];

pub fn load(theme: &Theme, roots: &[PathBuf], diags: &Diagnostics) -> Option<tera::Tera> {
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (name, f) in theme.under("templates") {
        sources.insert(
            name,
            (
                f.origin.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            ),
        );
    }
    // The site's own templates override the theme's of the same name (and, in a layered
    // site, the nearer layer's override the farther one's).
    let site_root = roots.last().cloned().unwrap_or_default();
    for site_dir in roots.iter().map(|r| r.join("templates")) {
        let root = &site_root;
        if !site_dir.is_dir() {
            continue;
        }
        for entry in crate::walk::files(&site_dir) {
            let (name, path) = match entry {
                Ok(f) => f,
                Err(problem) => {
                    diags.push(Diagnostic::error(
                        problem.file(root, "templates"),
                        problem.to_string(),
                    ));
                    continue;
                }
            };
            let origin = crate::diagnostics::display_path(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(t) => {
                    sources.insert(name, (origin, t));
                }
                Err(err) => diags.push(Diagnostic::error(origin, format!("cannot read: {err}"))),
            }
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut ok = true;
    // Added together because templates include and extend each other; the error names the
    // template, which we map back to the file it came from.
    if let Err(e) = tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str())),
    ) {
        ok = false;
        let msg = format!("{e} {e:?}");
        let origin = sources
            .iter()
            .find(|(name, _)| {
                msg.contains(&format!("--> {name}:")) || msg.contains(&format!("`{name}`"))
            })
            .map(|(_, (o, _))| o.as_str())
            .unwrap_or("templates");
        diags.push(template_error(origin, &e));
    }
    for r in REQUIRED_TEMPLATES {
        if !sources.contains_key(*r) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    format!("templates/{r}"),
                    format!("template `{r}` is missing"),
                )
                .help("add it to the theme or to the site's templates/ folder"),
            );
        }
    }
    ok.then_some(tera)
}

pub fn template_error(origin: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    // tera reports "line:col" inside its message; lift it into the diagnostic when present.
    let mut d = Diagnostic::error(origin, msg.trim().to_string());
    if let Some((line, col)) = find_line_col(&msg) {
        d = d.at(line, col);
    }
    d.help("fix the template syntax (tera: https://keats.github.io/tera/docs/)")
}

fn find_line_col(msg: &str) -> Option<(usize, usize)> {
    // Accepts "--> 3:14" or "line 3, column 14" styles.
    if let Some(i) = msg.find("--> ") {
        let rest = &msg[i + 4..];
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let l = it.next()?.parse().ok()?;
        let c = it.next()?.parse().ok()?;
        return Some((l, c));
    }
    None
}
