//! Static files: the theme's (CSS and JS renamed with a content hash, so they can be cached
//! for ever) and the site's own `static/` folder, planned as outputs like every other file.

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::site::Site;
use crate::site::routes::{Owner, Planned, Target};
use crate::theme::Theme;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn hash10(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    h.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// The static outputs, and the theme's asset map (path in the theme → href) for templates.
pub fn plan(
    site: &Site,
    theme: &Theme,
    diags: &Diagnostics,
) -> (Vec<Planned>, BTreeMap<String, String>) {
    let site_files = site_static(site, diags);
    let mut files = Vec::new();
    let mut assets = BTreeMap::new();
    for (rel, f) in theme.under("static") {
        let out_rel = match rel.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js"))) => format!("{stem}.{}.{ext}", hash10(&f.bytes)),
            _ => rel.clone(),
        };
        assets.insert(rel.clone(), site.routes.href(&out_rel));
        // A site's own static file replaces the theme's of the same path (a logo, a favicon),
        // as in Zola and Hugo: that is an override, not a collision.
        if site_files.iter().any(|s| s.path == out_rel) {
            continue;
        }
        files.push(Planned {
            path: out_rel,
            target: Target::ThemeFile(f.bytes.clone()),
            owner: Owner::new(format!("theme file `{rel}`"), f.origin.clone()),
        });
    }
    layer_files(site, theme, &site_files, &mut files, &mut assets, diags);
    files.extend(site_files);
    (files, assets)
}

/// The stylesheet of a layered or branded site: the theme's `layered.css` (provenance line,
/// logo) and the brand's colour tokens. A generated file, since the site's CSP allows no inline
/// style; and a separate one, so a site without layers or brand keeps the theme's files exactly.
/// Also checks that the brand's logo is one of the static files.
fn layer_files(
    site: &Site,
    theme: &Theme,
    site_files: &[Planned],
    files: &mut Vec<Planned>,
    assets: &mut BTreeMap<String, String>,
    diags: &Diagnostics,
) {
    let brand = site.config.brand.as_ref();
    if brand.is_none() && site.upstreams.is_empty() {
        return;
    }
    let mut css = theme
        .files
        .iter()
        .find(|f| f.rel == "layered.css")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default();
    css.push_str(&brand.and_then(|b| b.stylesheet()).unwrap_or_default());
    let rel = format!("css/layered.{}.css", hash10(css.as_bytes()));
    assets.insert("css/layered.css".into(), site.routes.href(&rel));
    files.push(Planned {
        path: rel,
        target: Target::ThemeFile(css.into_bytes()),
        owner: Owner::new("the layered site's stylesheet", crate::config::CONFIG_FILE)
            .field("brand", None),
    });
    if let Some(logo) = brand.and_then(|b| b.logo.as_ref())
        && !site_files.iter().any(|f| &f.path == logo)
    {
        diags.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!("brand logo `{logo}` is not in static/"),
            )
            .field("brand.logo")
            .help(format!("put the SVG file at static/{logo}")),
        );
    }
}

/// The `static/` files of the site and, for a layered site, of its upstreams: a file at the
/// same path in a nearer layer replaces the farther one's (an override, not a collision).
fn site_static(site: &Site, diags: &Diagnostics) -> Vec<Planned> {
    let mut files: Vec<Planned> = Vec::new();
    for root in site.layer_roots() {
        let dir = root.join("static");
        if !dir.is_dir() {
            continue;
        }
        for entry in crate::walk::files(&dir) {
            match entry {
                Ok((rel, path)) => {
                    // Found now, not as a failed copy after every page is rendered.
                    if let Err(e) = std::fs::File::open(&path) {
                        diags.push(
                            Diagnostic::warning(
                                display_path(&site.root, &path),
                                format!("cannot read: {e}; it is left out"),
                            )
                            .help("make the file readable (or remove it) to publish it"),
                        );
                        continue;
                    }
                    files.retain(|f| f.path != rel);
                    files.push(Planned {
                        owner: Owner::new("a static file", display_path(&site.root, &path)),
                        path: rel,
                        target: Target::SiteStatic(path),
                    });
                }
                Err(problem @ crate::walk::Problem::Link(_)) => diags.push(
                    Diagnostic::warning(problem.file(&site.root, "static"), problem.to_string())
                        .help("put the file itself in static/ instead of a link to it"),
                ),
                Err(problem) => diags.push(Diagnostic::warning(
                    problem.file(&site.root, "static"),
                    format!("{problem}; it is left out"),
                )),
            }
        }
    }
    files
}
