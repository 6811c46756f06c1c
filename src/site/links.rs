//! Every link check in one place: `@/` links in bodies, `related:`, the footer, redirects and
//! `#anchor`s. Each reports all of its errors, never only the first.

use super::Site;
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{Body, LinkError, Resolved};
use std::collections::HashSet;

/// A configured redirect, resolved: `/<from>/` sends readers to `href`.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// The key as written in `samspil.yaml` (for messages).
    pub key: String,
    /// The path without surrounding `/`.
    pub from: String,
    /// The output file written there (`gammel/index.html`).
    pub output: String,
    pub lang: String,
    pub href: String,
}

impl Site {
    /// Resolves an internal link path (the part after `@/`, without `#anchor`) written in a
    /// `from_lang` page. Returned URLs are site-absolute paths including the base path.
    pub fn resolve(&self, from_lang: &str, path: &str) -> Result<Resolved, LinkError> {
        let Some(stem) = path.strip_suffix(".md") else {
            return Err(LinkError::new(
                format!("internal link `@/{path}` does not point to a Markdown file"),
                "write it as `@/<section>/<page>.md` (the path of the content file, without the language code)",
            ));
        };
        let (stem, lang, explicit) = match stem.rsplit_once('.') {
            Some((s, l)) if self.config.languages.iter().any(|x| x == l) => {
                (s, l.to_string(), true)
            }
            _ => (stem, from_lang.to_string(), false),
        };
        let lang_attr = (explicit && lang != from_lang).then(|| lang.clone());
        let parts: Vec<&str> = stem.split('/').collect();
        let to = |url: String, page: Option<usize>| Resolved {
            url: self.routes.href(&url),
            page,
            lang: lang_attr.clone(),
            hidden: false,
        };
        if self.is_hidden(stem) {
            return Ok(Resolved {
                url: String::new(),
                page: None,
                lang: None,
                hidden: true,
            });
        }
        let found = match parts.as_slice() {
            ["_index"] => self
                .homes
                .contains_key(&lang)
                .then(|| to(self.routes.home(&lang), None)),
            [section, "_index"] => self.section_url(section, &lang).map(|u| to(u, None)),
            [section, id] | [section, id, "index"] => self
                .page(section, id, &lang)
                .map(|i| to(self.pages[i].url.clone(), Some(i))),
            _ => None,
        };
        if let Some(r) = found {
            return Ok(r);
        }
        // `missing_translations: fallback`: the stand-in answers for the missing version. No
        // hreflang: the page it leads to is not in that language.
        if let [section, id] | [section, id, "index"] = parts.as_slice()
            && let Some(i) = self.fallback_source(section, id)
            && let Some(url) = self.fallback_url(i, &lang)
        {
            return Ok(Resolved {
                url: self.routes.href(&url),
                page: Some(i),
                lang: None,
                hidden: false,
            });
        }
        if let [section, id] | [section, id, "index"] = parts.as_slice()
            && self.is_broken(section, id, &lang)
        {
            // Reported already where it failed to load.
            return Ok(Resolved {
                url: "#".into(),
                page: None,
                lang: None,
                hidden: false,
            });
        }
        Err(self.not_found(path, stem, &lang, &parts))
    }

    fn not_found(&self, path: &str, stem: &str, lang: &str, parts: &[&str]) -> LinkError {
        if let [section, id] | [section, id, "index"] = parts
            && let Some(file) = self.draft(section, id, lang)
        {
            return LinkError::new(
                format!(
                    "internal link `@/{path}`: that page is a draft (`draft: true` in {file}), so it is not published"
                ),
                format!(
                    "publish it by removing `draft: true` from {file}, or leave the link out until it is ready"
                ),
            );
        }
        let exists_elsewhere: Vec<&str> = match parts {
            [section, id] | [section, id, "index"] => self
                .config
                .languages
                .iter()
                .filter(|l| self.page(section, id, l).is_some())
                .map(String::as_str)
                .collect(),
            _ => vec![],
        };
        if let Some(other) = exists_elsewhere.first() {
            return LinkError::new(
                format!("internal link `@/{path}`: that page has no `{lang}` version"),
                format!(
                    "write content/{stem}.{lang}.md, or link to an existing language explicitly, e.g. `@/{stem}.{other}.md`"
                ),
            );
        }
        let candidates: Vec<String> = self
            .pages
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| format!("{}/{}.md", p.section, p.id))
            .collect();
        let wanted = format!("{stem}.md");
        let help = match did_you_mean(&wanted, candidates.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `@/{s}`?"),
            None => "internal links are paths below content/, e.g. `@/roles/volunteer.md`".into(),
        };
        LinkError::new(
            format!("internal link `@/{path}` points to no content file"),
            help,
        )
    }
}

/// Runs every link check on the assembled site with its bodies rendered, and resolves the
/// redirects (the output plan needs them).
/// `theme_ids`: the ids the theme's templates give parts of a page, which a same-page
/// `#anchor` may name too.
pub fn check(site: &Site, theme_ids: &HashSet<String>, diags: &Diagnostics) -> Vec<Redirect> {
    for p in &site.pages {
        body_links(&p.file, &p.body, site, theme_ids, diags);
    }
    for s in &site.sections {
        for sl in s.langs.values() {
            body_links(&sl.file, &sl.body, site, theme_ids, diags);
        }
    }
    for h in site.homes.values() {
        body_links(&h.file, &h.body, site, theme_ids, diags);
    }
    related(site, diags);
    footer(site, diags);
    redirects(site, diags)
}

fn hidden_link(file: &str, path: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        format!("`@/{path}` is left out of this site (`hide:` in samspil.yaml, or a language it does not publish); the link is shown as plain text"),
    )
    .help("link to another item, or keep this one (remove it from `hide:`)")
}

/// Broken `@/` links and `#anchor`s of one body.
fn body_links(
    file: &str,
    body: &Body,
    site: &Site,
    theme_ids: &HashSet<String>,
    diags: &Diagnostics,
) {
    for h in &body.hidden_links {
        // A link into a language the site chose not to publish goes quietly: that was the
        // site's choice, not an item it took away.
        let into_unpublished = h
            .path
            .strip_suffix(".md")
            .and_then(|p| p.rsplit_once('.'))
            .is_some_and(|(_, l)| site.unpublished.iter().any(|u| u == l));
        if !into_unpublished {
            diags.push(hidden_link(file, &h.path).at(h.line, 1).field("link"));
        }
    }
    for l in &body.links {
        diags.push(
            Diagnostic::error(file, l.error.message.clone())
                .at(l.line, 1)
                .field("link")
                .help(l.error.help.clone()),
        );
    }
    for a in &body.anchors {
        let (ids, there) = match a.target {
            Some(t) => (&site.pages[t].body.heading_ids, site.pages[t].file.as_str()),
            None => (&body.heading_ids, "this page"),
        };
        // A same-page link may also go to a part the theme makes (`#main`, a role's lists).
        let in_theme = a.target.is_none() && theme_ids.contains(&a.anchor);
        if !ids.contains(&a.anchor) && !in_theme {
            diags.push(
                Diagnostic::error(
                    file,
                    format!("anchor `#{}` does not exist in {there}", a.anchor),
                )
                .at(a.line, 1)
                .field("link")
                .help(match ids.is_empty() {
                    true => format!(
                        "{there} has no headings to link to; remove the `#{}`",
                        a.anchor
                    ),
                    false if a.target.is_none() => {
                        format!("headings on this page have the ids: {}", ids.join(", "))
                    }
                    false => format!("headings there have the ids: {}", ids.join(", ")),
                }),
            );
        }
    }
}

fn related(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        for r in &p.meta.related {
            let path = r.strip_prefix("@/").unwrap_or(r);
            let resolved = site.resolve(&p.lang, path);
            if resolved.as_ref().is_ok_and(|r| r.hidden) {
                diags.push(
                    hidden_link(&p.file, path)
                        .line(p.keys.containing(r))
                        .field("related"),
                );
            }
            if let Err(e) = resolved {
                diags.push(
                    Diagnostic::error(&p.file, e.message)
                        .line(p.keys.containing(r))
                        .field("related")
                        .help(e.help),
                );
            }
        }
    }
}

fn footer(site: &Site, diags: &Diagnostics) {
    for (i, link) in site.config.footer.iter().enumerate() {
        for l in &site.config.languages {
            if let Err(e) = site.resolve(l, link.strip_prefix("@/").unwrap_or(link)) {
                diags.push(
                    Diagnostic::error(CONFIG_FILE, e.message)
                        .field(format!("footer[{i}]"))
                        .help(e.help),
                );
            }
        }
    }
}

/// `redirects:` targets are content paths; one written with a language code
/// (`@/about/accessibility.da.md`) redirects to that language, others to the default one.
fn redirects(site: &Site, diags: &Diagnostics) -> Vec<Redirect> {
    let config = &site.config;
    let mut out = Vec::new();
    for (from, to) in &config.redirects {
        let path = to.strip_prefix("@/").unwrap_or(to);
        let lang = path
            .strip_suffix(".md")
            .and_then(|p| p.rsplit_once('.'))
            .map(|(_, l)| l)
            .filter(|l| config.languages.iter().any(|x| x == l))
            .unwrap_or(&config.default_language)
            .to_string();
        // The key is an old address below the site's root; checked like a page's `aliases:`,
        // so `../x` or `a b` is refused here, not when the file is written.
        let output = match super::routes::alias_path(&format!("/{}", from.trim_start_matches('/')))
        {
            Ok(p) => p,
            Err(why) => {
                let line = std::fs::read_to_string(site.root.join(CONFIG_FILE))
                    .ok()
                    .and_then(|t| crate::yaml::find_key_line(&t, from));
                diags.push(
                    Diagnostic::error(CONFIG_FILE, format!("redirect `{from}`: {why}"))
                        .line(line)
                        .field(format!("redirects.{from}"))
                        .help("write the old address as it was after the site's address, e.g. `gammel-side/` or `da/roller/gammel/`"),
                );
                continue;
            }
        };
        match site.resolve(&lang, path) {
            Ok(target) => out.push(Redirect {
                key: from.clone(),
                from: from.trim_matches('/').to_string(),
                output,
                lang,
                href: target.url,
            }),
            Err(e) => diags.push(
                Diagnostic::error(CONFIG_FILE, e.message)
                    .field(format!("redirects.{from}"))
                    .help(e.help),
            ),
        }
    }
    out
}

impl Site {
    /// Whether `stem` (`roles/x`, `roles/x.sv`) is an item a layered site leaves out: one named
    /// in `hide:`, or a version in a language the upstream has and this site does not publish.
    fn is_hidden(&self, stem: &str) -> bool {
        if let Some((rest, lang)) = stem.rsplit_once('.')
            && self.unpublished.iter().any(|l| l == lang)
        {
            return !rest.is_empty();
        }
        match stem.split_once('/') {
            Some((section, id)) => self.hidden.contains(&(
                section.to_string(),
                id.trim_end_matches("/index").to_string(),
            )),
            None => false,
        }
    }

    /// The file of the draft at (section, id, lang), if there is one.
    pub(crate) fn draft(&self, section: &str, id: &str, lang: &str) -> Option<&str> {
        let key = (section.to_string(), id.to_string(), lang.to_string());
        self.drafts.get(&key).map(String::as_str)
    }

    pub(crate) fn is_broken(&self, section: &str, id: &str, lang: &str) -> bool {
        self.broken
            .contains(&(section.to_string(), id.to_string(), lang.to_string()))
    }
}
