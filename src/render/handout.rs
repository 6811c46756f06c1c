//! A role's handout: what a role page adds for print (its checklists in full, items as boxes,
//! and its contacts' details), so a coordinator can hand a new volunteer one sheet.
//!
//! The template puts it in a `hidden` block that only print CSS shows: on screen the role
//! page already lists the same checklists and contacts as cards, so showing (or reading out)
//! their full text there too would only repeat them.

use super::Renderer;
use super::page::ContactView;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Handout<'a> {
    checklists: Vec<HandoutChecklist>,
    contacts: Vec<HandoutContact<'a>>,
}

#[derive(Serialize)]
struct HandoutChecklist {
    title: String,
    summary: String,
    /// Printed under the checklist, so the paper says where it lives online.
    url: String,
    html: String,
}

#[derive(Serialize)]
struct HandoutContact<'a> {
    title: String,
    contact: ContactView<'a>,
}

impl<'a> Renderer<'a> {
    /// The handout of a role whose related checklists and contacts are the pages `checklists`
    /// and `contacts`; None when it has neither.
    pub(super) fn handout(&self, checklists: &[usize], contacts: &[usize]) -> Option<Handout<'a>> {
        let site: &'a crate::site::Site = self.site;
        let handout = Handout {
            checklists: checklists
                .iter()
                .map(|&j| {
                    let q = &site.pages[j];
                    HandoutChecklist {
                        title: q.meta.title.clone(),
                        summary: q.meta.summary.clone(),
                        url: site.routes.absolute(&q.url),
                        html: embeddable(&q.body.html, &self.href(&q.url)),
                    }
                })
                .collect(),
            contacts: contacts
                .iter()
                .filter_map(|&j| {
                    let q = &site.pages[j];
                    Some(HandoutContact {
                        title: q.meta.title.clone(),
                        contact: self.contact_view(q.meta.contact.as_ref()?, &q.lang),
                    })
                })
                .collect(),
        };
        (!handout.checklists.is_empty() || !handout.contacts.is_empty()).then_some(handout)
    }
}

/// Another page's body made safe to include in this one: its ids dropped (they would clash
/// with this page's), its fragment and relative links pointed at `page_href` (the page they
/// were written for), and its headings moved two levels down, below the handout's
/// "checklists" (h2) and the checklist's title (h3). The body is pulldown-cmark's output, so
/// attribute values are always double-quoted.
fn embeddable(html: &str, page_href: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        out.push_str(&tag(&rest[i..end], page_href));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One tag (`<…>`) of [`embeddable`].
fn tag(t: &str, page_href: &str) -> String {
    // Comments (and a raw-HTML block's doctype) are left as they are.
    if t.starts_with("<!") {
        return t.to_string();
    }
    let t = demote_heading(t);
    let mut out = String::with_capacity(t.len() + page_href.len());
    let mut rest = t.as_str();
    while let Some(i) = rest.find("=\"") {
        let (before, after) = (&rest[..i], &rest[i + 2..]);
        let Some(close) = after.find('"') else {
            break;
        };
        let value = &after[..close];
        let name_at = before.rfind(char::is_whitespace).map_or(0, |k| k + 1);
        match &before[name_at..] {
            "id" => out.push_str(before[..name_at].trim_end()),
            "href" | "src" if is_relative(value) => {
                out.push_str(&format!("{before}=\"{page_href}{value}\""));
            }
            _ => out.push_str(&format!("{before}=\"{value}\"")),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `<h2 …>` → `<h4 …>`, `</h3>` → `</h5>`; h5 and h6 both become h6.
fn demote_heading(t: &str) -> String {
    for prefix in ["</h", "<h"] {
        let level = t
            .strip_prefix(prefix)
            .and_then(|r| r.chars().next())
            .and_then(|c| c.to_digit(10))
            .filter(|n| (1..=6).contains(n));
        if let Some(n) = level {
            return format!("{prefix}{}{}", (n + 2).min(6), &t[prefix.len() + 1..]);
        }
    }
    t.to_string()
}

/// A link or image address that means something else on another page: a fragment, or a path
/// relative to the page (a bundle's image). Root paths and URLs with a scheme mean the same.
fn is_relative(url: &str) -> bool {
    if url.is_empty() || url.starts_with('/') {
        return false;
    }
    if url.starts_with('#') {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), Some(p)) => c > p,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::embeddable;

    #[test]
    fn bodies_embed_without_clashing_ids_or_broken_links() {
        let body = concat!(
            "<h2 id=\"foer-du-starter\">Før du starter</h2>\n",
            "<ul>\n<li><label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"1\" hidden> Læs <a href=\"/fx/da/roller/frivillig/\">her</a> og <a href=\"#noter\">noter</a></label></li>\n</ul>\n",
            "<h3 class=\"x\" id=\"noter\">Noter</h3><p><img src=\"diagram.svg\" alt=\"a &gt; b\"> <a href=\"https://kommune.dk/a#b\">k</a> <a href=\"mailto:a@b.dk\">m</a></p>\n",
            "<h6>Dybt</h6><!-- <h2 id=\"c\"> -->",
        );
        assert_eq!(
            embeddable(body, "/fx/da/tjeklister/start/"),
            concat!(
                "<h4>Før du starter</h4>\n",
                "<ul>\n<li><label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"1\" hidden> Læs <a href=\"/fx/da/roller/frivillig/\">her</a> og <a href=\"/fx/da/tjeklister/start/#noter\">noter</a></label></li>\n</ul>\n",
                "<h5 class=\"x\">Noter</h5><p><img src=\"/fx/da/tjeklister/start/diagram.svg\" alt=\"a &gt; b\"> <a href=\"https://kommune.dk/a#b\">k</a> <a href=\"mailto:a@b.dk\">m</a></p>\n",
                "<h6>Dybt</h6><!-- <h2 id=\"c\"> -->",
            )
        );
    }
}
