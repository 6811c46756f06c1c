//! Content pages: the page view (body, table of contents, role and contact blocks, related
//! items, previous/next) and its template.

use super::feedback::FeedbackView;
use super::handout::Handout;
use super::head::Head;
use super::translation::TranslationNotice;
use super::{Card, Link, Renderer};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{AccessibilityInfo, ContactInfo, Date, Kind, RoleInfo, Source};
use crate::layers::Origin;
use crate::markdown::TocEntry;
use crate::site::Page;
use crate::site::rules::{contact_is_stale, review_has_passed};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct ContactView<'a> {
    #[serde(flatten)]
    info: &'a ContactInfo,
    tel: String,
    languages_named: Vec<String>,
    /// `verified` in the reader's language ("4. december 2026"); empty when not recorded.
    verified_human: String,
    /// Checked more than 12 months before the build: the page says so.
    stale: bool,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    summary: &'a str,
    kind: &'static str,
    kind_label: String,
    content: &'a str,
    /// The text's language where it differs from the reader's (a stand-in for a missing
    /// translation); empty otherwise.
    content_lang: &'a str,
    translation_notice: Option<TranslationNotice>,
    toc: &'a [TocEntry],
    updated: String,
    review_by: String,
    updated_human: String,
    review_by_human: String,
    /// `review_by` lay before the build date: readers see that the page may be out of date.
    review_passed: bool,
    source: &'a Option<Source>,
    country: String,
    municipality: &'a Option<String>,
    tags: Vec<Link>,
    audience: Vec<Link>,
    role: &'a Option<RoleInfo>,
    contact: Option<ContactView<'a>>,
    accessibility: &'a Option<AccessibilityInfo>,
    checklist_items: usize,
    checklist_key: String,
    related: Vec<Card>,
    related_checklists: Vec<Card>,
    related_contacts: Vec<Card>,
    /// A role's checklists and contacts in full, for print (see `handout.rs`).
    handout: Option<Handout<'a>>,
    feedback: Option<FeedbackView>,
    prev: Option<Link>,
    next: Option<Link>,
    vcard_url: String,
    section_title: String,
    section_url: String,
    /// In a layered site, where the text comes from ("Fælles tekst fra …"); empty otherwise.
    origin: String,
}

impl Renderer<'_> {
    pub fn page(&self, i: usize) -> Result<String, Diagnostic> {
        self.page_in(i, &self.site.pages[i].lang)
    }

    /// Page `i`'s text at its URL in `lang`, which has no translation of it
    /// (`missing_translations: fallback`): the chrome in the reader's language, the text in
    /// its own, marked with `lang`.
    pub fn fallback(&self, i: usize, lang: &str) -> Result<String, Diagnostic> {
        self.page_in(i, lang)
    }

    fn page_in(&self, i: usize, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let p: &Page = &site.pages[i];
        let fallback = lang != p.lang;
        let sl = site
            .section(&p.section)
            .and_then(|s| s.langs.get(lang))
            .ok_or_else(|| Diagnostic::error(&p.file, "the page's section is missing"))?;
        let section_url = self.href(&routes.section(lang, &sl.slug));
        let mut crumbs = self.crumbs_home(lang);
        crumbs.push(Link {
            title: sl.title.clone(),
            url: section_url.clone(),
        });
        let urls = site.page_urls(i);
        let mut common = self.common(
            lang,
            Head {
                urls: &urls,
                title: &p.meta.title,
                description: &p.meta.summary,
                crumbs,
                current_section: Some(&p.section),
                body_class: &format!("kind-{}", p.kind.as_str()),
                json_ld: Some(&|canonical: &str| self.page_json_ld(p, canonical)),
            },
        );
        self.link_fallbacks(&mut common, i, lang);
        if fallback {
            // A stand-in has no address of its own in `urls`: it describes the original.
            common.json_ld = self.page_json_ld(p, &common.canonical);
        }
        common.og.kind = "article";
        // A stand-in has no place among the language's pages, nor its tag pages.
        let (prev, next) = match fallback {
            true => (None, None),
            false => self.prev_next(i),
        };
        let url = match fallback {
            true => site.fallback_url(i, lang).unwrap_or_default(),
            false => p.url.clone(),
        };
        let related = self.related(i, lang);
        let named = |v: &[usize]| -> Vec<usize> {
            v.iter().copied().filter(|j| related.contains(j)).collect()
        };
        let by_kind = |k: Kind| match p.kind == Kind::Role {
            true => self.related_of_kind(i, &related, k),
            false => vec![],
        };
        let (checklists, contacts) = (by_kind(Kind::Checklist), by_kind(Kind::Contact));
        let cards = |v: &[usize]| v.iter().map(|&j| self.card(j)).collect();
        let view = PageView {
            title: &p.meta.title,
            summary: &p.meta.summary,
            kind: p.kind.as_str(),
            kind_label: self.kind_label(lang, p.kind),
            content: &p.body.html,
            content_lang: if fallback { &p.lang } else { "" },
            translation_notice: self.translation_notice(i, lang),
            toc: &p.body.toc,
            updated: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
            review_by: p.meta.review_by.map(|d| d.to_string()).unwrap_or_default(),
            updated_human: self.human_date(p.meta.updated, lang),
            review_by_human: self.human_date(p.meta.review_by, lang),
            review_passed: review_has_passed(p.meta.review_by, site.today),
            source: &p.meta.source,
            country: p
                .meta
                .country
                .map(|c| self.t(lang, &format!("country_{c:?}")))
                .unwrap_or_default(),
            municipality: &p.meta.municipality,
            tags: match fallback {
                true => vec![],
                false => self.tag_links(p, lang),
            },
            audience: self.audience_links(p, lang),
            role: &p.meta.role,
            contact: p.meta.contact.as_ref().map(|c| self.contact_view(c, lang)),
            accessibility: &p.meta.accessibility,
            checklist_items: p.body.checklist_items,
            checklist_key: format!("samspil-checklist:{url}"),
            related: related.iter().map(|&j| self.card(j)).collect(),
            related_checklists: cards(&checklists),
            related_contacts: cards(&contacts),
            // Print in full only the checklists the author named in `related:`: the cards that
            // tags add would quadruple every role page's HTML (and slowed the 10,000-page build
            // by a fifth). Contacts are a few lines each: all of them are printed.
            handout: self.handout(&named(&checklists), &contacts),
            feedback: self.feedback(lang, &p.meta.title, &url),
            prev,
            next,
            vcard_url: match p.meta.contact {
                Some(_) => self.href(&routes.vcard(&p.url)),
                None => String::new(),
            },
            section_title: sl.title.clone(),
            section_url,
            origin: self.origin_line(&p.origin, lang),
        };
        self.render("page.html", &self.with(&common, "page", &view))
    }

    fn prev_next(&self, i: usize) -> (Option<Link>, Option<Link>) {
        let site = self.site;
        let p = &site.pages[i];
        let siblings = self.siblings(&p.section, &p.lang);
        let pos = siblings.iter().position(|&j| j == i).unwrap_or(0);
        let link = |j: usize| Link {
            title: site.pages[j].meta.title.clone(),
            url: self.href(&site.pages[j].url),
        };
        (
            pos.checked_sub(1).map(|k| link(siblings[k])),
            siblings.get(pos + 1).map(|&j| link(j)),
        )
    }

    /// The pages `related:` names, as seen from `lang`.
    fn related(&self, i: usize, lang: &str) -> Vec<usize> {
        let p = &self.site.pages[i];
        p.meta
            .related
            .iter()
            .filter_map(|r| {
                self.site
                    .resolve(lang, r.strip_prefix("@/").unwrap_or(r))
                    .ok()?
                    .page
            })
            .collect()
    }

    fn audience_links(&self, p: &Page, lang: &str) -> Vec<Link> {
        p.meta
            .audience
            .iter()
            .map(|a| Link {
                title: self.t(lang, &format!("audience_{}", a.as_str())),
                url: self.href(&self.site.routes.audience(lang, *a)),
            })
            .collect()
    }

    fn tag_links(&self, p: &Page, lang: &str) -> Vec<Link> {
        p.meta
            .tags
            .iter()
            .map(|t| Link {
                title: t.clone(),
                url: self.href(&self.site.routes.tag(lang, t)),
            })
            .collect()
    }

    /// A contact page describes its organisation; any other page is a `WebPage` with the date
    /// it was last reviewed. Both name the responsible authority as publisher.
    fn page_json_ld(&self, p: &Page, url: &str) -> String {
        let config = &self.site.config;
        let (title, summary) = (&p.meta.title, &p.meta.summary);
        let publisher = config.responsible_authority();
        if let Some(c) = &p.meta.contact {
            return crate::contact::json_ld(c, title, summary, url, publisher);
        }
        let site_title = config.title(&p.lang);
        let page = crate::json_ld::WebPage {
            last_reviewed: p.meta.updated,
            ..self.web_page(&p.lang, &site_title, title, summary, url)
        };
        crate::json_ld::script(&crate::json_ld::web_page(&page))
    }

    pub(super) fn contact_view<'c>(&self, c: &'c ContactInfo, lang: &str) -> ContactView<'c> {
        ContactView {
            info: c,
            tel: c
                .phone
                .as_deref()
                .map(crate::contact::tel_uri)
                .unwrap_or_default(),
            languages_named: c
                .languages
                .iter()
                .map(|l| self.t(lang, &format!("language_{l}")))
                .collect(),
            verified_human: self.human_date(c.verified, lang),
            stale: c
                .verified
                .is_some_and(|v| contact_is_stale(v, self.site.today)),
        }
    }

    /// A quiet line saying whose text this is; only layered sites have one.
    fn origin_line(&self, origin: &Origin, lang: &str) -> String {
        let site = self.site;
        if site.upstreams.is_empty() {
            return String::new();
        }
        let own = || {
            site.config
                .publisher
                .clone()
                .unwrap_or_else(|| site.config.title(lang))
        };
        let (key, name) = match origin {
            Origin::Local => ("origin_local", own()),
            Origin::Shared(n) => ("origin_shared", n.clone()),
            Origin::Changed(n) => ("origin_changed", n.clone()),
        };
        self.t(lang, key).replace("{name}", &name)
    }

    fn human_date(&self, d: Option<Date>, lang: &str) -> String {
        d.map(|d| crate::languages::human_date(d, lang))
            .unwrap_or_default()
    }

    /// A role's checklists or contacts: the related ones of that kind, then pages of that kind
    /// sharing a tag, so a role lists them even when the author did not name them (at most 6).
    fn related_of_kind(&self, i: usize, related: &[usize], k: Kind) -> Vec<usize> {
        let site = self.site;
        let p = &site.pages[i];
        let mut v: Vec<usize> = related
            .iter()
            .copied()
            .filter(|&j| site.pages[j].kind == k)
            .collect();
        for (j, q) in site.pages.iter().enumerate() {
            if v.len() >= 6 {
                break;
            }
            if q.lang == p.lang
                && q.kind == k
                && j != i
                && !v.contains(&j)
                && q.meta.tags.iter().any(|t| p.meta.tags.contains(t))
            {
                v.push(j);
            }
        }
        v
    }
}
