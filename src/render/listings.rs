//! Outputs that list or lead to pages: sections, homes, tag and audience pages and their
//! indexes, the search page, 404 pages, the root language chooser and redirects.

use super::head::{Alternate, Head, og_alternates};
use super::{Card, Link, Renderer};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{Audience, Kind};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Term {
    title: String,
    url: String,
    count: usize,
}

impl Renderer<'_> {
    pub fn section(&self, s: usize, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let section = &site.sections[s];
        let sl = &section.langs[lang];
        let urls: BTreeMap<String, Option<String>> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), site.section_url(&section.id, l)))
            .collect();
        let common = self.common(
            lang,
            Head {
                urls: &urls,
                title: &sl.title,
                description: &sl.description,
                crumbs: self.crumbs_home(lang),
                current_section: Some(&section.id),
                body_class: &format!("section-{}", section.id),
                json_ld: None,
            },
        );
        #[derive(Serialize)]
        struct View<'v> {
            id: &'v str,
            title: &'v str,
            description: &'v str,
            content: &'v str,
            pages: Vec<Card>,
            default_kind: &'static str,
        }
        let view = View {
            id: &section.id,
            title: &sl.title,
            description: &sl.description,
            content: &sl.body.html,
            pages: self
                .siblings(&section.id, lang)
                .iter()
                .map(|&j| self.card(j))
                .chain(self.fallback_cards(&section.id, lang))
                .collect(),
            default_kind: section.default_kind.as_str(),
        };
        self.render("section.html", &self.with(&common, "section", &view))
    }

    pub fn home(&self, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let urls = self.all_languages(&|l| routes.home(l));
        let home = site.homes.get(lang);
        let title = home
            .map(|h| h.title.clone())
            .unwrap_or_else(|| site.config.title(lang));
        let description = home
            .map(|h| h.description.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| site.config.description(lang));
        let mut common = self.common(
            lang,
            Head {
                urls: &urls,
                title: &title,
                description: &description,
                crumbs: vec![],
                current_section: None,
                body_class: "home",
                json_ld: None,
            },
        );
        // The root language chooser is the x-default of every language's home page.
        if let Some(x) = common
            .alternates
            .iter_mut()
            .find(|a| a.hreflang == "x-default")
        {
            x.href = routes.absolute("");
        }
        #[derive(Serialize)]
        struct SectionCard {
            title: String,
            url: String,
            description: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'v> {
            title: String,
            content: &'v str,
            sections: Vec<SectionCard>,
            audiences: Vec<Link>,
        }
        let sections = site
            .sections
            .iter()
            .map(|s| {
                let sl = &s.langs[lang];
                SectionCard {
                    title: sl.title.clone(),
                    url: self.href(&routes.section(lang, &sl.slug)),
                    description: sl.description.clone(),
                    count: self.siblings(&s.id, lang).len(),
                }
            })
            .collect();
        let audiences = Audience::ALL
            .iter()
            .map(|a| Link {
                title: self.t(lang, &format!("audience_{}_long", a.as_str())),
                url: self.href(&routes.audience(lang, *a)),
            })
            .collect();
        let view = View {
            title,
            content: home.map(|h| h.body.html.as_str()).unwrap_or(""),
            sections,
            audiences,
        };
        self.render("home.html", &self.with(&common, "home", &view))
    }

    /// The list of a language's tags.
    pub fn tag_index(&self, lang: &str) -> Result<String, Diagnostic> {
        let routes = &self.site.routes;
        let terms = self
            .site
            .taxonomies
            .lang(lang)
            .tags
            .values()
            .map(|tag| Term {
                title: tag.name.clone(),
                url: self.href(&routes.tag(lang, &tag.name)),
                count: tag.pages.len(),
            })
            .collect();
        let urls = self.all_languages(&|l| routes.tags(l));
        self.terms(lang, &urls, &self.t(lang, "tags_title"), terms)
    }

    /// The pages of one tag (tags are per language: the page exists only in `lang`).
    pub fn tag(&self, lang: &str, slug: &str) -> Result<String, Diagnostic> {
        let routes = &self.site.routes;
        let Some(tag) = self.site.taxonomies.lang(lang).tags.get(slug) else {
            return Err(Diagnostic::error(
                "content",
                format!("no tag `{slug}` in `{lang}`"),
            ));
        };
        let url = routes.tag(lang, &tag.name);
        let urls = self
            .site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), (l == lang).then(|| url.clone())))
            .collect();
        let title = format!("{}: {}", self.t(lang, "tag"), tag.name);
        let parent = Link {
            title: self.t(lang, "tags_title"),
            url: self.href(&routes.tags(lang)),
        };
        self.taxonomy(lang, &urls, &title, parent, &tag.pages)
    }

    /// The list of audiences, with the number of pages for each.
    pub fn audience_index(&self, lang: &str) -> Result<String, Diagnostic> {
        let routes = &self.site.routes;
        let taxonomy = self.site.taxonomies.lang(lang);
        let terms = Audience::ALL
            .iter()
            .map(|a| Term {
                title: self.t(lang, &format!("audience_{}_long", a.as_str())),
                url: self.href(&routes.audience(lang, *a)),
                count: taxonomy.audience(*a).len(),
            })
            .collect();
        let urls = self.all_languages(&|l| routes.audiences(l));
        self.terms(lang, &urls, &self.t(lang, "audience_title"), terms)
    }

    pub fn audience(&self, lang: &str, a: Audience) -> Result<String, Diagnostic> {
        let routes = &self.site.routes;
        let pages = self.site.taxonomies.lang(lang).audience(a);
        let title = self.t(lang, &format!("audience_{}_long", a.as_str()));
        let parent = Link {
            title: self.t(lang, "audience_title"),
            url: self.href(&routes.audiences(lang)),
        };
        let urls = self.all_languages(&|l| routes.audience(l, a));
        self.taxonomy(lang, &urls, &title, parent, pages)
    }

    /// A list of pages sharing a tag or an audience.
    fn taxonomy(
        &self,
        lang: &str,
        urls: &BTreeMap<String, Option<String>>,
        title: &str,
        parent: Link,
        pages: &[usize],
    ) -> Result<String, Diagnostic> {
        let mut crumbs = self.crumbs_home(lang);
        crumbs.push(parent);
        let head = Head {
            urls,
            title,
            description: title,
            crumbs,
            current_section: None,
            body_class: "taxonomy",
            json_ld: None,
        };
        let common = self.common(lang, head);
        #[derive(Serialize)]
        struct View<'v> {
            title: &'v str,
            pages: Vec<Card>,
        }
        let view = View {
            title,
            pages: pages.iter().map(|&j| self.card(j)).collect(),
        };
        self.render("taxonomy.html", &self.with(&common, "taxonomy", &view))
    }

    /// The list of all tags (or audiences) of a language.
    fn terms(
        &self,
        lang: &str,
        urls: &BTreeMap<String, Option<String>>,
        title: &str,
        terms: Vec<Term>,
    ) -> Result<String, Diagnostic> {
        let head = Head {
            urls,
            title,
            description: title,
            crumbs: self.crumbs_home(lang),
            current_section: None,
            body_class: "terms",
            json_ld: None,
        };
        let common = self.common(lang, head);
        #[derive(Serialize)]
        struct View<'v> {
            title: &'v str,
            terms: Vec<Term>,
        }
        let view = View { title, terms };
        self.render("terms.html", &self.with(&common, "terms", &view))
    }

    pub fn search_page(&self, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let urls = self.all_languages(&|l| routes.search(l));
        let title = self.t(lang, "search_title");
        let head = Head {
            urls: &urls,
            title: &title,
            description: &title,
            crumbs: self.crumbs_home(lang),
            current_section: None,
            body_class: "search",
            json_ld: None,
        };
        let common = self.common(lang, head);
        /// A filter choice: the value in the URL and index, and its label.
        #[derive(Serialize)]
        struct Choice {
            value: &'static str,
            label: String,
        }
        #[derive(Serialize)]
        struct View {
            sections: Vec<Link>,
            kinds: Vec<Link>,
            audiences: Vec<Choice>,
            countries: Vec<Choice>,
        }
        let sections = site
            .sections
            .iter()
            .map(|s| Link {
                title: s.langs[lang].title.clone(),
                url: self.href(&routes.section(lang, &s.langs[lang].slug)),
            })
            .collect();
        let kinds = Kind::ALL
            .iter()
            .map(|k| Link {
                title: self.kind_label(lang, *k),
                url: k.as_str().to_string(),
            })
            .collect();
        let audiences = Audience::ALL
            .iter()
            .map(|a| Choice {
                value: a.as_str(),
                label: self.t(lang, &format!("audience_{}_long", a.as_str())),
            })
            .collect();
        let countries = crate::languages::countries_for(lang)
            .into_iter()
            .map(|c| Choice {
                value: c,
                label: self.t(lang, &format!("country_{c}")),
            })
            .collect();
        let view = View {
            sections,
            kinds,
            audiences,
            countries,
        };
        self.render("search.html", &self.with(&common, "search", &view))
    }

    pub fn not_found(&self, lang: &str) -> Result<String, Diagnostic> {
        let urls = BTreeMap::new();
        let title = self.t(lang, "not_found_title");
        let head = Head {
            urls: &urls,
            title: &title,
            description: &title,
            crumbs: vec![],
            current_section: None,
            body_class: "not-found",
            json_ld: None,
        };
        let common = self.common(lang, head);
        let homes: Vec<Link> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| Link {
                title: self.t(l, "not_found_home"),
                url: self.href(&self.site.routes.home(l)),
            })
            .collect();
        // The sections of every language, the page's own first: without a script they are the
        // way on from an address that no longer exists (with one, site.js searches its words).
        #[derive(Serialize)]
        struct SectionsOf {
            code: String,
            name: String,
            sections: Vec<Link>,
        }
        let languages = &self.site.config.languages;
        let sections: Vec<SectionsOf> = languages
            .iter()
            .filter(|l| l.as_str() == lang)
            .chain(languages.iter().filter(|l| l.as_str() != lang))
            .map(|l| SectionsOf {
                code: l.clone(),
                name: self.t(l, "lang_name"),
                sections: self
                    .site
                    .sections
                    .iter()
                    .filter_map(|s| s.langs.get(l))
                    .map(|s| Link {
                        title: s.title.clone(),
                        url: self.href(&self.site.routes.section(l, &s.slug)),
                    })
                    .collect(),
            })
            .filter(|s| !s.sections.is_empty())
            .collect();
        let mut ctx = self.with(&common, "homes", &homes);
        ctx.insert("sections", &sections);
        self.render("404.html", &ctx)
    }

    /// The root language chooser.
    pub fn root(&self) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let lang = site.config.default_language.as_str();
        let urls = BTreeMap::new();
        let title = site.config.title(lang);
        let description = site.config.description(lang);
        let head = Head {
            urls: &urls,
            title: &title,
            description: &description,
            crumbs: vec![],
            current_section: None,
            body_class: "root",
            json_ld: None,
        };
        let mut common = self.common(lang, head);
        common.canonical = routes.absolute("");
        common.alternates = site
            .config
            .languages
            .iter()
            .map(|l| Alternate {
                hreflang: l.clone(),
                href: routes.absolute(&routes.home(l)),
            })
            .collect();
        common.alternates.push(Alternate {
            hreflang: "x-default".into(),
            href: routes.absolute(""),
        });
        // The chooser leads to every language, so it shares in all of their locales.
        common.og.locale_alternates = og_alternates(lang, site.config.languages.iter());
        #[derive(Serialize)]
        struct Choice {
            code: String,
            name: String,
            title: String,
            intro: String,
            url: String,
        }
        let choices: Vec<Choice> = site
            .config
            .languages
            .iter()
            .map(|l| Choice {
                code: l.clone(),
                name: self.t(l, "lang_name"),
                title: site.config.title(l),
                intro: self.t(l, "choose_language_intro"),
                url: self.href(&routes.home(l)),
            })
            .collect();
        self.render("root.html", &self.with(&common, "choices", &choices))
    }

    pub fn redirect(&self, lang: &str, target: &str) -> Result<String, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("dir", crate::languages::direction(lang));
        ctx.insert("target", target);
        self.insert_shared(&mut ctx, lang);
        self.render("redirect.html", &ctx)
    }
}
