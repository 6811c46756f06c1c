//! Content pages: the page view (body, table of contents, role and contact blocks, related
//! items, previous/next) and its template.

use super::head::Head;
use super::{Card, Link, Renderer};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{AccessibilityInfo, ContactInfo, Date, Kind, RoleInfo, Source};
use crate::markdown::TocEntry;
use crate::site::Page;
use crate::site::rules::contact_is_stale;
use serde::Serialize;

#[derive(Serialize)]
struct ContactView<'a> {
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
    toc: &'a [TocEntry],
    updated: String,
    review_by: String,
    updated_human: String,
    review_by_human: String,
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
    prev: Option<Link>,
    next: Option<Link>,
    vcard_url: String,
    json_ld: String,
    section_title: String,
    section_url: String,
}

impl Renderer<'_> {
    pub fn page(&self, i: usize) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let p: &Page = &site.pages[i];
        let lang = p.lang.as_str();
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
            },
        );
        common.og.kind = "article";
        let siblings = self.siblings(&p.section, lang);
        let pos = siblings.iter().position(|&j| j == i).unwrap_or(0);
        let link = |j: usize| Link {
            title: site.pages[j].meta.title.clone(),
            url: self.href(&site.pages[j].url),
        };
        let related: Vec<usize> = p
            .meta
            .related
            .iter()
            .filter_map(|r| {
                site.resolve(lang, r.strip_prefix("@/").unwrap_or(r))
                    .ok()?
                    .page
            })
            .collect();
        let is_role = p.kind == Kind::Role;
        let by_kind = |k: Kind| match is_role {
            true => self.related_of_kind(i, &related, k),
            false => vec![],
        };
        let view = PageView {
            title: &p.meta.title,
            summary: &p.meta.summary,
            kind: p.kind.as_str(),
            kind_label: self.kind_label(lang, p.kind),
            content: &p.body.html,
            toc: &p.body.toc,
            updated: p.meta.updated.map(|d| d.to_string()).unwrap_or_default(),
            review_by: p.meta.review_by.map(|d| d.to_string()).unwrap_or_default(),
            updated_human: self.human_date(p.meta.updated, lang),
            review_by_human: self.human_date(p.meta.review_by, lang),
            source: &p.meta.source,
            country: p
                .meta
                .country
                .map(|c| self.t(lang, &format!("country_{c:?}")))
                .unwrap_or_default(),
            municipality: &p.meta.municipality,
            tags: p
                .meta
                .tags
                .iter()
                .map(|t| Link {
                    title: t.clone(),
                    url: self.href(&routes.tag(lang, t)),
                })
                .collect(),
            audience: p
                .meta
                .audience
                .iter()
                .map(|a| Link {
                    title: self.t(lang, &format!("audience_{}", a.as_str())),
                    url: self.href(&routes.audience(lang, *a)),
                })
                .collect(),
            role: &p.meta.role,
            contact: p.meta.contact.as_ref().map(|c| self.contact_view(c, lang)),
            accessibility: &p.meta.accessibility,
            checklist_items: p.body.checklist_items,
            checklist_key: format!("samspil-checklist:{}", p.url),
            related: related.iter().map(|&j| self.card(j)).collect(),
            related_checklists: by_kind(Kind::Checklist),
            related_contacts: by_kind(Kind::Contact),
            prev: pos.checked_sub(1).map(|k| link(siblings[k])),
            next: siblings.get(pos + 1).map(|&j| link(j)),
            vcard_url: match p.meta.contact {
                Some(_) => self.href(&routes.vcard(&p.url)),
                None => String::new(),
            },
            json_ld: p
                .meta
                .contact
                .as_ref()
                .map(|c| {
                    let abs = routes.absolute(&p.url);
                    crate::contact::json_ld(c, &p.meta.title, &p.meta.summary, &abs)
                })
                .unwrap_or_default(),
            section_title: sl.title.clone(),
            section_url,
        };
        self.render("page.html", &self.with(&common, "page", &view))
    }

    fn contact_view<'c>(&self, c: &'c ContactInfo, lang: &str) -> ContactView<'c> {
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

    fn human_date(&self, d: Option<Date>, lang: &str) -> String {
        d.map(|d| crate::languages::human_date(d, lang))
            .unwrap_or_default()
    }

    /// A role's checklists or contacts: the related ones of that kind, then pages of that kind
    /// sharing a tag, so a role lists them even when the author did not name them (at most 6).
    fn related_of_kind(&self, i: usize, related: &[usize], k: Kind) -> Vec<Card> {
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
        v.into_iter().map(|j| self.card(j)).collect()
    }
}
