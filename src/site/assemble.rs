//! Loaded files → the site model: sections (with a stand-in where a language has no `_index`
//! file), pages with their kind and URL in a deterministic order, homes and taxonomies.
//! Output-path collisions are not checked here but in [`super::routes::plan`], which sees
//! every output at once.

use super::routes::Routes;
use super::rules::{check_kind, check_site, missing_translation_level};
use super::taxonomy::Taxonomies;
use super::{Home, Page, Section, SectionLang, Site};
use crate::config::Config;
use crate::content::{Content, HomeFile, KeyLines, PageFile, SectionFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::{Date, Kind, SortBy};
use crate::markdown::Body;
use crate::slug;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

pub fn assemble(
    config: Config,
    root: PathBuf,
    content: Content,
    today: Date,
    diags: &Diagnostics,
) -> Site {
    let routes = Routes::new(&config);
    let homes = content
        .homes
        .into_iter()
        .map(|h| (h.lang.clone(), home(h)))
        .collect();
    let sections = sections(&config, content.sections, &content.pages, diags);
    let drafts = content
        .pages
        .iter()
        .filter(|f| f.meta.draft)
        .map(|f| {
            let key = (f.section.clone(), f.id.clone(), f.lang.clone());
            (key, f.parts.file.clone())
        })
        .collect();
    let mut pages = pages(content.pages, &sections, &routes, diags);
    sort_pages(&mut pages, &sections, &config.languages);
    let index = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.section.clone(), p.id.clone(), p.lang.clone()), i))
        .collect();
    let taxonomies = Taxonomies::build(&pages, &config.languages);
    let site = Site {
        config,
        root,
        homes,
        sections,
        pages,
        routes,
        taxonomies,
        index,
        broken: content.broken.into_iter().collect(),
        drafts,
        today,
        upstreams: vec![],
        hidden: content.hidden,
        unpublished: vec![],
        freshness: Default::default(),
    };
    check_site(&site, diags);
    site
}

fn home(h: HomeFile) -> Home {
    Home {
        replaces: h.parts.replaces,
        title: h.meta.title,
        description: h.meta.description,
        file: h.parts.file,
        markdown: h.parts.body,
        body_line: h.parts.body_line,
        keys: h.parts.keys,
        body: Body::default(),
    }
}

fn slug_error(file: &str, line: Option<usize>, s: &str) -> Diagnostic {
    Diagnostic::error(file, format!("slug `{s}` is not allowed"))
        .line(line)
        .field("slug")
        .help(format!(
            "a slug is one URL segment of lowercase letters, digits and `-`, e.g. `{}`; it cannot contain `/` or `..`",
            slug::suggestion(s)
        ))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Every folder that has pages or an `_index` file is a section, in navigation order.
fn sections(
    config: &Config,
    files: Vec<SectionFile>,
    pages: &[PageFile],
    diags: &Diagnostics,
) -> Vec<Section> {
    let mut ids: BTreeSet<String> = files.iter().map(|s| s.section.clone()).collect();
    ids.extend(pages.iter().map(|p| p.section.clone()));
    let mut by_section: BTreeMap<String, Vec<SectionFile>> = BTreeMap::new();
    for s in files {
        by_section.entry(s.section.clone()).or_default().push(s);
    }
    let mut sections: Vec<Section> = ids
        .into_iter()
        .map(|id| {
            let files = by_section.remove(&id).unwrap_or_default();
            section(config, id, files, diags)
        })
        .collect();
    sections.sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));
    sections
}

fn section(config: &Config, id: String, files: Vec<SectionFile>, diags: &Diagnostics) -> Section {
    // Order, sorting and default kind come from the default language's `_index` file.
    let meta = files
        .iter()
        .find(|f| f.lang == config.default_language)
        .or(files.first())
        .map(|f| f.meta.clone());
    let mut langs = BTreeMap::new();
    for f in files {
        let slug = f.meta.slug.clone().unwrap_or_else(|| id.clone());
        if !slug::is_valid(&slug) {
            diags.push(slug_error(&f.parts.file, f.parts.keys.of("slug"), &slug));
        }
        let slug_line = f.parts.keys.of("slug");
        langs.insert(
            f.lang.clone(),
            SectionLang {
                title: f.meta.title,
                slug,
                description: f.meta.description,
                markdown: f.parts.body,
                body_line: f.parts.body_line,
                file: f.parts.file,
                slug_line,
                keys: f.parts.keys,
                replaces: f.parts.replaces,
                body: Body::default(),
            },
        );
    }
    for l in &config.languages {
        if langs.contains_key(l) {
            continue;
        }
        if !slug::is_valid(&id) {
            diags.push(
                Diagnostic::error(format!("content/{id}"), format!("folder name `{id}` cannot be used as a URL"))
                    .help("rename the folder to lowercase letters, digits and `-`, or give it a `slug:` in _index files"),
            );
        }
        let d = Diagnostic::warning(
            format!("content/{id}/_index.{l}.md"),
            format!("section `{id}` has no `{l}` index file; using the folder name as its title"),
        )
        .help(format!(
            "create content/{id}/_index.{l}.md with a `title:` in that language"
        ));
        diags.push(missing_translation_level(config, d));
        langs.insert(
            l.clone(),
            SectionLang {
                title: capitalize(&id),
                slug: id.clone(),
                description: String::new(),
                markdown: String::new(),
                body_line: 1,
                file: String::new(),
                slug_line: None,
                keys: KeyLines::default(),
                replaces: None,
                body: Body::default(),
            },
        );
    }
    Section {
        weight: meta.as_ref().map(|m| m.weight).unwrap_or(0),
        sort_by: meta.as_ref().map(|m| m.sort_by).unwrap_or_default(),
        default_kind: meta
            .as_ref()
            .and_then(|m| m.default_kind)
            .unwrap_or(Kind::Page),
        id,
        langs,
    }
}

/// Published pages with their kind and URL; drafts are left out.
fn pages(
    files: Vec<PageFile>,
    sections: &[Section],
    routes: &Routes,
    diags: &Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for f in files {
        if f.meta.draft {
            continue;
        }
        let Some(section) = sections.iter().find(|s| s.id == f.section) else {
            continue; // every page's folder is a section (see `sections`)
        };
        let kind = f.meta.kind.unwrap_or(section.default_kind);
        let slug = f.meta.slug.clone().unwrap_or_else(|| f.id.clone());
        if !slug::is_valid(&slug) {
            let line = f.meta.slug.as_ref().and_then(|_| f.parts.keys.of("slug"));
            diags.push(slug_error(&f.parts.file, line, &slug));
            continue;
        }
        check_kind(&f, kind, diags);
        let url = routes.page(&f.lang, &section.langs[&f.lang].slug, &slug);
        pages.push(Page {
            section: f.section,
            id: f.id,
            lang: f.lang,
            kind,
            meta: f.meta,
            url,
            file: f.parts.file,
            markdown: f.parts.body,
            body_line: f.parts.body_line,
            keys: f.parts.keys,
            assets: f.assets,
            body: Body::default(),
            origin: f.origin,
            replaces: f.parts.replaces,
        });
    }
    pages
}

/// Deterministic order: section order, then the section's own sort, then id and language.
fn sort_pages(pages: &mut [Page], sections: &[Section], langs: &[String]) {
    let sec_pos: HashMap<&str, (usize, SortBy)> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), (i, s.sort_by)))
        .collect();
    let lang_pos = |l: &str| langs.iter().position(|x| x == l).unwrap_or(usize::MAX);
    pages.sort_by(|a, b| {
        let (sa, sort) = sec_pos[a.section.as_str()];
        let (sb, _) = sec_pos[b.section.as_str()];
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
}
