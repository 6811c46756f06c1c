//! The "New and changed" page of a language: the pages its Atom feed lists
//! ([`crate::feed::changes`]), newest first, with the date in the reader's language.

use super::Renderer;
use super::head::Head;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct Change {
    title: String,
    url: String,
    kind_label: String,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    date: String,
    /// The same date as the reader writes it ("3. marts 2026").
    date_human: String,
    /// The `changelog` line, else the summary.
    line: String,
}

impl Renderer<'_> {
    pub fn changes(&self, lang: &str) -> Result<String, Diagnostic> {
        let site = self.site;
        let routes = &site.routes;
        let urls = self.all_languages(&|l| routes.changes(l));
        let title = self.t(lang, "changes_title");
        let description = self.t(lang, "changes_intro");
        let head = Head {
            urls: &urls,
            title: &title,
            description: &description,
            crumbs: self.crumbs_home(lang),
            current_section: None,
            body_class: "changes",
            json_ld: None,
        };
        let common = self.common(lang, head);
        let items: Vec<Change> = crate::feed::changes(site, lang)
            .into_iter()
            .filter_map(|i| {
                let p = &site.pages[i];
                let date = p.meta.updated?;
                Some(Change {
                    title: p.meta.title.clone(),
                    url: self.href(&p.url),
                    kind_label: self.kind_label(lang, p.kind),
                    date: date.to_string(),
                    date_human: crate::languages::human_date(date, lang),
                    line: crate::feed::change_line(p).to_string(),
                })
            })
            .collect();
        #[derive(Serialize)]
        struct View<'v> {
            title: &'v str,
            items: Vec<Change>,
        }
        let view = View {
            title: &title,
            items,
        };
        self.render("changes.html", &self.with(&common, "changes", &view))
    }
}
