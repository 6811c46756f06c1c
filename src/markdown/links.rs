//! Links in a body: `@/` paths resolved to URLs, links into other languages written as raw
//! tags (pulldown-cmark cannot add `hreflang`), and links to hidden items kept as text.

use super::*;

/// Marks the raw `<a ...>` we emit for a cross-language link, so [`close_raw_links`] knows
/// which `End(Link)` must become a raw `</a>`.
pub(super) const RAW_LINK_MARK: &str = "<!--a-->";
/// Stands in for the start of a link to a hidden item: the link's text is kept, its tags are not.
pub(super) const HIDDEN_LINK_MARK: &str = "<!--hidden-->";

pub(super) fn cross_language_anchor(href: &str, title: &str, lang: &str) -> String {
    let mut a = format!(
        "<a href=\"{}\" hreflang=\"{lang}\" lang=\"{lang}\"",
        html_escape::encode_double_quoted_attribute(href)
    );
    if !title.is_empty() {
        a.push_str(&format!(
            " title=\"{}\"",
            html_escape::encode_double_quoted_attribute(title)
        ));
    }
    a.push('>');
    a
}

/// Links we emitted as raw HTML need their closing tag as raw HTML too: drops each
/// [`RAW_LINK_MARK`] and turns the matching `End(Link)` into `</a>`. Only our own marks
/// count: an author's `<!--a-->` is raw HTML like any other.
pub(super) fn close_raw_links(pieces: Vec<Piece>) -> Vec<Piece> {
    // One entry per open link: how it was opened (as pulldown-cmark's tag, as raw HTML, or
    // not at all because its target is hidden).
    #[derive(PartialEq)]
    enum Opened {
        Tag,
        Raw,
        Hidden,
    }
    let mut stack: Vec<Opened> = Vec::new();
    pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Ours(ref h) if h.as_ref() == RAW_LINK_MARK => {
                stack.push(Opened::Raw);
                None
            }
            Piece::Ours(ref h) if h.as_ref() == HIDDEN_LINK_MARK => {
                stack.push(Opened::Hidden);
                None
            }
            Piece::Event(Event::Start(Tag::Link { .. })) => {
                stack.push(Opened::Tag);
                Some(p)
            }
            Piece::Event(Event::End(TagEnd::Link)) => match stack.pop() {
                Some(Opened::Raw) => Some(Piece::Ours("</a>".into())),
                Some(Opened::Hidden) => None,
                _ => Some(p),
            },
            other => Some(other),
        })
        .collect()
}

pub(super) fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    line: usize,
    resolve: &Resolver,
    out: &mut Body,
) -> Option<(CowStr<'a>, Option<String>)> {
    let Some(path) = dest.strip_prefix("@/") else {
        if let Some(anchor) = dest.strip_prefix('#').filter(|a| !a.is_empty()) {
            out.anchors.push(AnchorRef {
                target: None,
                anchor: anchor.to_string(),
                line,
            });
        }
        if dest.ends_with(".md") || dest.contains(".md#") {
            out.links.push(LinkProblem {
                line,
                error: LinkError::new(
                    format!("link to `{dest}` is a relative file path"),
                    "write internal links as `@/<section>/<page>.md`, relative to content/",
                ),
            });
        }
        return Some((dest.clone(), None));
    };
    let (path, anchor) = match path.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (path, None),
    };
    match resolve(path) {
        Ok(r) if r.hidden => {
            out.hidden_links.push(HiddenLink {
                line,
                path: path.to_string(),
            });
            None
        }
        Ok(r) => {
            if let (Some(target), Some(a)) = (r.page, anchor) {
                out.anchors.push(AnchorRef {
                    target: Some(target),
                    anchor: a.to_string(),
                    line,
                });
            }
            let url = match anchor {
                Some(a) => format!("{}#{a}", r.url),
                None => r.url,
            };
            Some((url.into(), r.lang))
        }
        Err(error) => {
            out.links.push(LinkProblem { line, error });
            Some((dest.clone(), None))
        }
    }
}
