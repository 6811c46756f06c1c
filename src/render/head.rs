//! What every template gets: the page head (title, canonical, hreflang alternates, the
//! language's feed, Open Graph), the navigation, the footer and the language switcher.
//! Navigation and footer are the same on every page of a language, so they are resolved once
//! per language.

use super::{Link, Renderer};
use crate::languages;
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub(super) struct NavItem {
    title: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
pub(super) struct LangLink {
    code: String,
    name: String,
    url: String,
    current: bool,
    missing: bool,
    /// Leads to a stand-in with another language's text: no `hreflang` on the link.
    fallback: bool,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// Open Graph metadata, for the preview a page gets when it is shared.
#[derive(Serialize)]
pub(super) struct OpenGraph {
    title: String,
    description: String,
    /// `og:type`: `article` for content pages, `website` for the rest.
    pub kind: &'static str,
    url: String,
    site_name: String,
    locale: String,
    /// The locales of the languages this output also exists in.
    pub locale_alternates: Vec<String>,
}

/// A language's navigation (section id, title, href) and footer links.
pub(super) struct LanguageChrome {
    nav: Vec<(String, String, String)>,
    footer: Vec<Link>,
}

impl LanguageChrome {
    pub fn all(site: &Site) -> BTreeMap<String, LanguageChrome> {
        site.config
            .languages
            .iter()
            .map(|lang| (lang.clone(), LanguageChrome::new(site, lang)))
            .collect()
    }

    fn new(site: &Site, lang: &str) -> LanguageChrome {
        let nav = site
            .sections
            .iter()
            .filter_map(|s| {
                let sl = s.langs.get(lang)?;
                let url = site.routes.href(&site.routes.section(lang, &sl.slug));
                Some((s.id.clone(), sl.title.clone(), url))
            })
            .collect();
        // Footer links were checked with the other links; one that does not resolve is
        // already an error, so it is simply left out here.
        let footer = site
            .config
            .footer
            .iter()
            .filter_map(|f| {
                let r = site.resolve(lang, f.strip_prefix("@/").unwrap_or(f)).ok()?;
                let title = r
                    .page
                    .map(|i| site.pages[i].meta.title.clone())
                    .unwrap_or_default();
                Some(Link { title, url: r.url })
            })
            .collect();
        LanguageChrome { nav, footer }
    }
}

/// What every template gets.
#[derive(Serialize)]
pub(super) struct Common<'a> {
    pub lang: &'a str,
    /// "rtl" for a language written right to left, else "ltr" (`dir` on `<html>`).
    dir: &'static str,
    site_title: String,
    site_description: String,
    base_path: String,
    nav: Vec<NavItem>,
    footer: Vec<Link>,
    switcher: Vec<LangLink>,
    pub alternates: Vec<Alternate>,
    pub canonical: String,
    title: String,
    description: String,
    breadcrumbs: Vec<Link>,
    home_url: String,
    search_url: String,
    live_reload: bool,
    /// A portable copy: load scripts as classic scripts (see `crate::portable`).
    portable: bool,
    /// The "Save for offline use" button (see `crate::offline`): not in a portable copy, which
    /// has no service worker, nor under `serve`.
    offline: bool,
    body_class: String,
    /// The municipality's name and logo (href), when `brand:` is set.
    brand_name: String,
    brand_logo: String,
    /// The layered or branded site's stylesheet (href), empty otherwise.
    brand_css: String,
    /// The responsible authority, named in the footer; empty when the site names none.
    authority: String,
    /// The output's JSON-LD (a `WebPage`); content pages replace it with a fuller one.
    pub json_ld: String,
    /// The language's Atom feed and "New and changed" page.
    feed_url: String,
    feed_title: String,
    changes_url: String,
    pub og: OpenGraph,
}

/// The parts of a head that differ from output to output.
pub(super) struct Head<'h> {
    /// This output's URL (relative) in each language, None where it is not translated.
    pub urls: &'h BTreeMap<String, Option<String>>,
    pub title: &'h str,
    pub description: &'h str,
    pub crumbs: Vec<Link>,
    pub current_section: Option<&'h str>,
    pub body_class: &'h str,
    /// The output's own JSON-LD, given its canonical URL (a content page's names its review
    /// date or its organisation); None for the plain `WebPage` every output gets.
    pub json_ld: Option<&'h dyn Fn(&str) -> String>,
}

impl Renderer<'_> {
    pub(super) fn common<'s>(&'s self, lang: &'s str, h: Head) -> Common<'s> {
        let site = self.site;
        let routes = &site.routes;
        let chrome = self.chrome.get(lang);
        let nav = chrome
            .map(|c| c.nav.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|(id, title, url)| NavItem {
                title: title.clone(),
                url: url.clone(),
                current: h.current_section == Some(id.as_str()),
            })
            .collect();
        let footer = chrome.map(|c| c.footer.clone()).unwrap_or_default();
        let switcher = site
            .config
            .languages
            .iter()
            .map(|l| {
                let (url, missing) = match h.urls.get(l).cloned().flatten() {
                    Some(u) => (routes.href(&u), false),
                    // Never a silent 404: the language's home explains that this page is not translated.
                    None => (
                        format!("{}#untranslated", routes.href(&routes.home(l))),
                        true,
                    ),
                };
                LangLink {
                    code: l.clone(),
                    name: self.t(l, "lang_name"),
                    url,
                    current: l == lang,
                    missing,
                    fallback: false,
                }
            })
            .collect();
        let mut alternates: Vec<Alternate> = h
            .urls
            .iter()
            .filter_map(|(l, u)| {
                u.as_ref().map(|u| Alternate {
                    hreflang: l.clone(),
                    href: routes.absolute(u),
                })
            })
            .collect();
        if !alternates.is_empty() {
            let default = &site.config.default_language;
            let x = h
                .urls
                .get(default)
                .cloned()
                .flatten()
                .map(|u| routes.absolute(&u))
                .unwrap_or_else(|| routes.absolute(""));
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: x,
            });
        }
        let here = h.urls.get(lang).cloned().flatten().unwrap_or_default();
        let site_title = site.config.title(lang);
        let canonical = routes.absolute(&here);
        // An output without an address of its own (a 404 page) describes no web page.
        let json_ld = match (here.is_empty(), h.json_ld) {
            (true, _) => String::new(),
            (false, Some(own)) => own(&canonical),
            (false, None) => {
                let page = self.web_page(lang, &site_title, h.title, h.description, &canonical);
                crate::json_ld::script(&crate::json_ld::web_page(&page))
            }
        };
        let og = self.open_graph(lang, &h, &here);
        Common {
            lang,
            dir: crate::languages::direction(lang),
            title: if h.title == site_title {
                h.title.to_string()
            } else {
                format!("{} – {site_title}", h.title)
            },
            site_title,
            site_description: site.config.description(lang),
            base_path: routes.base_path().to_string(),
            nav,
            footer,
            switcher,
            alternates,
            canonical,
            description: h.description.to_string(),
            breadcrumbs: h.crumbs,
            home_url: routes.href(&routes.home(lang)),
            search_url: routes.href(&routes.search(lang)),
            live_reload: self.live_reload,
            portable: self.portable,
            offline: self.offline,
            body_class: h.body_class.to_string(),
            brand_name: site
                .config
                .brand
                .as_ref()
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            brand_logo: site
                .config
                .brand
                .as_ref()
                .and_then(|b| b.logo.as_deref())
                .map(|l| routes.href(l))
                .unwrap_or_default(),
            brand_css: self.brand_css.clone(),
            authority: site
                .config
                .responsible_authority()
                .unwrap_or_default()
                .to_string(),
            json_ld,
            feed_url: routes.href(&routes.feed(lang)),
            feed_title: self.feed_title(lang),
            changes_url: routes.href(&routes.changes(lang)),
            og,
        }
    }

    /// The `WebPage` JSON-LD of an output, without a review date (content pages add theirs).
    pub(super) fn web_page<'w>(
        &'w self,
        lang: &'w str,
        site_name: &'w str,
        name: &'w str,
        description: &'w str,
        url: &'w str,
    ) -> crate::json_ld::WebPage<'w> {
        let config = &self.site.config;
        crate::json_ld::WebPage {
            name,
            description,
            url,
            lang,
            site_name,
            site_url: &config.base_url,
            publisher: config.responsible_authority(),
            last_reviewed: None,
        }
    }
}

impl Common<'_> {
    /// Points the switcher's links for languages without a translation at their stand-ins
    /// (`missing_translations: fallback`; relative hrefs by language).
    pub fn use_fallbacks(&mut self, hrefs: &BTreeMap<String, String>) {
        for l in &mut self.switcher {
            if let Some(h) = hrefs.get(&l.code) {
                l.url = h.clone();
                l.missing = true;
                l.fallback = true;
            }
        }
    }
}

impl Renderer<'_> {
    /// Open Graph for an output whose URL in `lang` is `here`.
    fn open_graph(&self, lang: &str, h: &Head, here: &str) -> OpenGraph {
        let site = self.site;
        OpenGraph {
            title: h.title.to_string(),
            // Listings without a description of their own share the site's: the home text's
            // description, else samspil.yaml's.
            description: [
                h.description,
                site.homes.get(lang).map_or("", |h| h.description.as_str()),
                &site.config.description(lang),
            ]
            .iter()
            .map(|d| d.trim())
            .find(|d| !d.is_empty())
            .unwrap_or_default()
            .to_string(),
            kind: "website",
            url: site.routes.absolute(here),
            site_name: site.config.title(lang),
            locale: languages::og_locale(lang),
            locale_alternates: og_alternates(
                lang,
                h.urls.iter().filter(|(_, u)| u.is_some()).map(|(l, _)| l),
            ),
        }
    }

    /// The title of a language's feed (also its `<link rel="alternate">` title).
    pub(crate) fn feed_title(&self, lang: &str) -> String {
        let changes = self.t(lang, "changes_title");
        format!("{changes} – {}", self.site.config.title(lang))
    }
}

/// `og:locale:alternate`: the Open Graph locales of `langs` other than `lang`.
pub(super) fn og_alternates<'l>(
    lang: &str,
    langs: impl Iterator<Item = &'l String>,
) -> Vec<String> {
    langs
        .filter(|l| *l != lang)
        .map(|l| languages::og_locale(l))
        .collect()
}
