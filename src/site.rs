//! Validation and linking: turns loaded files into a site of sections and pages with URLs,
//! checks cross-file rules (slugs, translations, duplicates, related items, kinds).

use crate::config::{Config, MissingTranslations};
use crate::content::{Content, HomeFile, KeyLines, PageFile, SectionFile};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::frontmatter::{Date, Kind, PageMeta, SortBy};
use crate::markdown::{Resolved, slugify};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct SectionLang {
    pub title: String,
    pub slug: String,
    pub description: String,
    pub body: String,
    pub body_line: usize,
    /// Empty when the section has no `_index.<lang>.md` in this language.
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub weight: i64,
    pub sort_by: SortBy,
    pub default_kind: Kind,
    pub langs: BTreeMap<String, SectionLang>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub section: String,
    pub id: String,
    pub lang: String,
    pub kind: Kind,
    pub meta: PageMeta,
    /// Relative to the site root, e.g. `da/roller/bisidder/`.
    pub url: String,
    pub file: String,
    pub body: String,
    pub body_line: usize,
    pub keys: KeyLines,
    pub assets: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub root: PathBuf,
    pub homes: BTreeMap<String, HomeFile>,
    /// In navigation order.
    pub sections: Vec<Section>,
    /// Sorted by section order, then the section's sort order, then language.
    pub pages: Vec<Page>,
    index: HashMap<(String, String, String), usize>,
    /// Pages that exist but failed to load (already reported), so links to them stay quiet.
    broken: std::collections::HashSet<(String, String, String)>,
    /// The date stale content is judged against (today, or fixed by tests).
    pub today: Date,
}

impl Site {
    pub fn page(&self, section: &str, id: &str, lang: &str) -> Option<usize> {
        self.index
            .get(&(section.to_string(), id.to_string(), lang.to_string()))
            .copied()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every language version of page `i`, including itself, in configured language order.
    pub fn translations(&self, i: usize) -> Vec<usize> {
        let p = &self.pages[i];
        self.config
            .languages
            .iter()
            .filter_map(|l| self.page(&p.section, &p.id, l))
            .collect()
    }

    pub fn section_url(&self, section: &str, lang: &str) -> Option<String> {
        let s = self.section(section)?.langs.get(lang)?;
        Some(format!("{lang}/{}/", s.slug))
    }

    /// Resolves an internal link path (the part after `@/`, without `#anchor`) written in a
    /// `from_lang` page. Returned URLs are site-absolute paths including the base path.
    pub fn resolve(&self, from_lang: &str, path: &str) -> Result<Resolved, (String, String)> {
        let base = self.config.base_path();
        let Some(stem) = path.strip_suffix(".md") else {
            return Err((
                format!("internal link `@/{path}` does not point to a Markdown file"),
                "write it as `@/<section>/<page>.md` (the path of the content file, without the language code)".into(),
            ));
        };
        let (stem, lang, explicit) = match stem.rsplit_once('.') {
            Some((s, l)) if self.config.languages.iter().any(|x| x == l) => {
                (s, l.to_string(), true)
            }
            _ => (stem, from_lang.to_string(), false),
        };
        let other = explicit && lang != from_lang;
        let lang_attr = other.then(|| lang.clone());
        let parts: Vec<&str> = stem.split('/').collect();
        let found = match parts.as_slice() {
            ["_index"] => self.homes.contains_key(&lang).then(|| Resolved {
                url: format!("{base}{lang}/"),
                page: None,
                lang: lang_attr.clone(),
            }),
            [section, "_index"] => self.section_url(section, &lang).map(|u| Resolved {
                url: format!("{base}{u}"),
                page: None,
                lang: lang_attr.clone(),
            }),
            [section, id] | [section, id, "index"] => {
                self.page(section, id, &lang).map(|i| Resolved {
                    url: format!("{base}{}", self.pages[i].url),
                    page: Some(i),
                    lang: lang_attr.clone(),
                })
            }
            _ => None,
        };
        let found = found.or_else(|| match parts.as_slice() {
            [section, id] | [section, id, "index"]
                if self
                    .broken
                    .contains(&(section.to_string(), id.to_string(), lang.clone())) =>
            {
                Some(Resolved {
                    url: "#".into(),
                    page: None,
                    lang: None,
                })
            }
            _ => None,
        });
        found.ok_or_else(|| {
            let exists_elsewhere: Vec<&str> = match parts.as_slice() {
                [section, id] | [section, id, "index"] => self
                    .config
                    .languages
                    .iter()
                    .filter(|l| self.page(section, id, l).is_some())
                    .map(String::as_str)
                    .collect(),
                _ => vec![],
            };
            if !exists_elsewhere.is_empty() {
                (
                    format!("internal link `@/{path}`: that page has no `{lang}` version"),
                    format!(
                        "write content/{stem}.{lang}.md, or link to an existing language explicitly, e.g. `@/{stem}.{}.md`",
                        exists_elsewhere[0]
                    ),
                )
            } else {
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
                (format!("internal link `@/{path}` points to no content file"), help)
            }
        })
    }
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with(['-', '.'])
        && s.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn slug_error(file: &str, line: Option<usize>, slug: &str) -> Diagnostic {
    Diagnostic::error(file, format!("slug `{slug}` is not allowed"))
        .line(line)
        .field("slug")
        .help(format!(
            "a slug is one URL segment of lowercase letters, digits and `-`, e.g. `{}`; it cannot contain `/` or `..`",
            { let s = slugify(slug); if s.is_empty() { "min-side".to_string() } else { s } }
        ))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub fn assemble(
    config: Config,
    root: PathBuf,
    content: Content,
    today: Date,
    diags: &Diagnostics,
) -> Site {
    let langs = config.languages.clone();
    let homes: BTreeMap<String, HomeFile> = content
        .homes
        .into_iter()
        .map(|h| (h.lang.clone(), h))
        .collect();

    // Sections: every folder that has pages or an _index file.
    let mut section_ids: BTreeSet<String> =
        content.sections.iter().map(|s| s.section.clone()).collect();
    section_ids.extend(content.pages.iter().map(|p| p.section.clone()));
    let mut by_section: BTreeMap<String, Vec<SectionFile>> = BTreeMap::new();
    for s in content.sections {
        by_section.entry(s.section.clone()).or_default().push(s);
    }
    let mut sections = Vec::new();
    for id in section_ids {
        let files = by_section.remove(&id).unwrap_or_default();
        let default_meta = files
            .iter()
            .find(|f| f.lang == config.default_language)
            .or(files.first())
            .map(|f| f.meta.clone());
        let mut ls = BTreeMap::new();
        for f in &files {
            let slug = f.meta.slug.clone().unwrap_or_else(|| id.clone());
            if !valid_slug(&slug) {
                diags.push(slug_error(&f.file, f.keys.of("slug"), &slug));
            }
            ls.insert(
                f.lang.clone(),
                SectionLang {
                    title: f.meta.title.clone(),
                    slug,
                    description: f.meta.description.clone(),
                    body: f.body.clone(),
                    body_line: f.body_line,
                    file: f.file.clone(),
                },
            );
        }
        for l in &langs {
            if !ls.contains_key(l) {
                if !valid_slug(&id) {
                    diags.push(Diagnostic::error(format!("content/{id}"), format!("folder name `{id}` cannot be used as a URL")).help("rename the folder to lowercase letters, digits and `-`, or give it a `slug:` in _index files"));
                }
                let d = Diagnostic::warning(
                    format!("content/{id}/_index.{l}.md"),
                    format!(
                        "section `{id}` has no `{l}` index file; using the folder name as its title"
                    ),
                )
                .help(format!(
                    "create content/{id}/_index.{l}.md with a `title:` in that language"
                ));
                diags.push(missing_translation_level(&config, d));
                ls.insert(
                    l.clone(),
                    SectionLang {
                        title: capitalize(&id),
                        slug: id.clone(),
                        description: String::new(),
                        body: String::new(),
                        body_line: 1,
                        file: String::new(),
                    },
                );
            }
        }
        let meta = default_meta;
        sections.push(Section {
            id: id.clone(),
            weight: meta.as_ref().map(|m| m.weight).unwrap_or(0),
            sort_by: meta.as_ref().map(|m| m.sort_by).unwrap_or_default(),
            default_kind: meta
                .as_ref()
                .and_then(|m| m.default_kind)
                .unwrap_or(Kind::Page),
            langs: ls,
        });
    }
    sections.sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));

    let mut pages: Vec<Page> = Vec::new();
    for f in content.pages {
        if f.meta.draft {
            continue;
        }
        let section = sections
            .iter()
            .find(|s| s.id == f.section)
            .expect("every page's section was collected above");
        let kind = f.meta.kind.unwrap_or(section.default_kind);
        let slug = f.meta.slug.clone().unwrap_or_else(|| f.id.clone());
        if !valid_slug(&slug) {
            diags.push(slug_error(
                &f.file,
                if f.meta.slug.is_some() {
                    f.keys.of("slug")
                } else {
                    None
                },
                &slug,
            ));
            continue;
        }
        check_kind(&f, kind, diags);
        let sec_slug = &section.langs[&f.lang].slug;
        let url = format!("{}/{sec_slug}/{slug}/", f.lang);
        pages.push(Page {
            section: f.section,
            id: f.id,
            lang: f.lang,
            kind,
            meta: f.meta,
            url,
            file: f.file,
            body: f.body,
            body_line: f.body_line,
            keys: f.keys,
            assets: f.assets,
        });
    }

    // Deterministic order: section order, then the section's own sort, then id and language.
    let sec_pos: HashMap<&str, (usize, SortBy)> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), (i, s.sort_by)))
        .collect();
    pages.sort_by(|a, b| {
        let (sa, sort) = sec_pos[a.section.as_str()];
        let (sb, _) = sec_pos[b.section.as_str()];
        let lang_pos = |l: &str| langs.iter().position(|x| x == l).unwrap_or(usize::MAX);
        let key = |p: &Page| match sort {
            SortBy::Weight => (p.meta.weight, String::new()),
            SortBy::Title => (0, p.meta.title.to_lowercase()),
            SortBy::Date => (
                -(p.meta
                    .updated
                    .map(|d| d.0.to_julian_day() as i64)
                    .unwrap_or(0)),
                String::new(),
            ),
        };
        (sa, key(a), &a.id, lang_pos(&a.lang)).cmp(&(sb, key(b), &b.id, lang_pos(&b.lang)))
    });

    let mut index = HashMap::new();
    let mut urls: HashMap<String, usize> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        index.insert((p.section.clone(), p.id.clone(), p.lang.clone()), i);
        if let Some(&j) = urls.get(&p.url) {
            diags.push(
                Diagnostic::error(
                    &p.file,
                    format!("URL /{} is also used by {}", p.url, pages[j].file),
                )
                .line(p.keys.of("slug"))
                .field("slug")
                .help("give one of the two pages a different `slug:`"),
            );
        } else {
            urls.insert(p.url.clone(), i);
        }
    }
    let section_urls: BTreeSet<String> = sections
        .iter()
        .flat_map(|s| s.langs.iter().map(|(l, sl)| format!("{l}/{}/", sl.slug)))
        .collect();
    if section_urls.len() < sections.len() * langs.len() {
        diags.push(
            Diagnostic::error("content", "two sections share a URL in the same language")
                .help("give each section a distinct `slug:` in its _index files"),
        );
    }

    for l in &langs {
        if !homes.contains_key(l) {
            diags.push(missing_translation_level(
                &config,
                Diagnostic::warning(
                    format!("content/_index.{l}.md"),
                    format!("no home page text for `{l}`"),
                )
                .help(format!("create content/_index.{l}.md with a `title:`")),
            ));
        }
    }

    let broken = content.broken.into_iter().collect();
    let site = Site {
        config,
        root,
        homes,
        sections,
        pages,
        index,
        broken,
        today,
    };
    check_translations(&site, diags);
    check_related(&site, diags);
    check_dates(&site, diags);
    site
}

fn missing_translation_level(config: &Config, mut d: Diagnostic) -> Diagnostic {
    if config.missing_translations == MissingTranslations::Error {
        d.severity = crate::diagnostics::Severity::Error;
        d.help = Some(format!(
            "{} (samspil.yaml sets `missing_translations: error`)",
            d.help.unwrap_or_default()
        ));
    }
    d
}

fn check_kind(f: &PageFile, kind: Kind, diags: &Diagnostics) {
    let m = &f.meta;
    if kind == Kind::Role && m.role.is_none() {
        diags.push(
            Diagnostic::error(&f.file, "a role needs a `role:` block")
                .line(f.keys.of("kind"))
                .field("role")
                .help("add `role:` with `responsibilities:`, `expectations:` and `limits:` lists"),
        );
    }
    if kind != Kind::Role && m.role.is_some() {
        diags.push(
            Diagnostic::error(
                &f.file,
                format!(
                    "`role:` is only for kind role, this page is a {}",
                    kind.as_str()
                ),
            )
            .line(f.keys.of("role"))
            .field("role")
            .help("remove the block or set `kind: role`"),
        );
    }
    if kind == Kind::Contact {
        match &m.contact {
            None => diags.push(
                Diagnostic::error(&f.file, "a contact needs a `contact:` block")
                    .field("contact")
                    .help(
                        "add `contact:` with at least `organisation:` and a `phone:` or `email:`",
                    ),
            ),
            Some(c)
                if c.phone.as_deref().unwrap_or("").trim().is_empty()
                    && c.email.as_deref().unwrap_or("").trim().is_empty() =>
            {
                diags.push(
                    Diagnostic::error(&f.file, "a contact has neither phone nor e-mail")
                        .line(f.keys.of("contact"))
                        .field("contact")
                        .help("add `phone:` or `email:` (prefer a switchboard or a role mailbox)"),
                )
            }
            Some(c) => {
                if let Some(p) = &c.phone
                    && !p
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
                {
                    diags.push(
                        Diagnostic::error(
                            &f.file,
                            format!("phone `{p}` has characters a phone link cannot dial"),
                        )
                        .line(f.keys.of("phone"))
                        .field("contact.phone")
                        .help("write only digits, spaces and a leading +, e.g. +45 87 94 70 00"),
                    );
                }
                if let Some(e) = &c.email
                    && (!e.contains('@') || e.contains(' '))
                {
                    diags.push(
                        Diagnostic::error(&f.file, format!("e-mail `{e}` is not an address"))
                            .line(f.keys.of("email"))
                            .field("contact.email")
                            .help("write it as name@example.dk"),
                    );
                }
            }
        }
    }
    if kind != Kind::Contact && m.contact.is_some() {
        diags.push(
            Diagnostic::error(
                &f.file,
                format!(
                    "`contact:` is only for kind contact, this page is a {}",
                    kind.as_str()
                ),
            )
            .line(f.keys.of("contact"))
            .field("contact")
            .help("remove the block or set `kind: contact`"),
        );
    }
    if kind != Kind::Page && m.summary.trim().is_empty() {
        diags.push(
            Diagnostic::warning(&f.file, format!("this {} has no summary", kind.as_str()))
                .field("summary")
                .help("add `summary:` with one or two sentences; listings and search show it"),
        );
    }
    if m.title.trim().is_empty() {
        diags.push(
            Diagnostic::error(&f.file, "the title is empty")
                .line(f.keys.of("title"))
                .field("title")
                .help("write the page's title"),
        );
    }
    if let Some(a) = &m.accessibility {
        let mut missing = vec![];
        if a.method.trim().is_empty() {
            missing.push("method");
        }
        if a.enforcement_url.trim().is_empty() {
            missing.push("enforcement_url");
        }
        if a.feedback_email.as_deref().unwrap_or("").is_empty()
            && a.feedback_phone.as_deref().unwrap_or("").is_empty()
        {
            missing.push("feedback_email or feedback_phone");
        }
        for field in missing {
            diags.push(
                Diagnostic::error(
                    &f.file,
                    format!("the accessibility statement has no `{field}`"),
                )
                .line(f.keys.of("accessibility"))
                .field(format!("accessibility.{field}"))
                .help("the law requires it: fill it in"),
            );
        }
    }
}

fn check_translations(site: &Site, diags: &Diagnostics) {
    let mut groups: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for p in &site.pages {
        groups
            .entry((&p.section, &p.id))
            .or_default()
            .insert(&p.lang);
    }
    for ((section, id), have) in groups {
        for l in &site.config.languages {
            if !have.contains(l.as_str()) {
                let some = have.iter().next().copied().unwrap_or("da");
                diags.push(missing_translation_level(
                    &site.config,
                    Diagnostic::warning(format!("content/{section}/{id}.{l}.md"), format!("`{section}/{id}` has no `{l}` translation"))
                        .help(format!("translate content/{section}/{id}.{some}.md into `{l}`; until then the language switcher sends `{l}` readers to their home page with a notice")),
                ));
            }
        }
    }
}

fn check_related(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        for r in &p.meta.related {
            let path = r.strip_prefix("@/").unwrap_or(r);
            if let Err((msg, help)) = site.resolve(&p.lang, path) {
                diags.push(
                    Diagnostic::error(&p.file, msg)
                        .line(p.keys.containing(r))
                        .field("related")
                        .help(help),
                );
            }
        }
    }
    for (i, link) in site.config.footer.iter().enumerate() {
        for l in &site.config.languages {
            if let Err((msg, help)) = site.resolve(l, link.strip_prefix("@/").unwrap_or(link)) {
                diags.push(
                    Diagnostic::error(crate::config::CONFIG_FILE, msg)
                        .field(format!("footer[{i}]"))
                        .help(help),
                );
            }
        }
    }
}

fn check_dates(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        if let Some(r) = p.meta.review_by
            && r < site.today
        {
            diags.push(
                Diagnostic::warning(
                    &p.file,
                    format!("review date {r} has passed: the content may be out of date"),
                )
                .line(p.keys.of("review_by"))
                .field("review_by")
                .help("check the facts against the source, then move `review_by` forward"),
            );
        }
        if let (Some(u), Some(r)) = (p.meta.updated, p.meta.review_by)
            && r < u
        {
            diags.push(
                Diagnostic::error(&p.file, format!("review_by {r} is before updated {u}"))
                    .line(p.keys.of("review_by"))
                    .field("review_by")
                    .help("set a review date after the last update"),
            );
        }
    }
}
