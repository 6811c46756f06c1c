//! Markdown → HTML with heading ids, resolved internal links, checklists and search text.
//!
//! Pure: a body and a resolver in, a [`Body`] out. Whether a link is broken is decided by the
//! resolver; turning problems into diagnostics is `site::links`' job. [`pass`] walks the events,
//! [`links`] rewrites links.

mod links;
mod pass;
pub mod sanitize;

use crate::diagnostics::Diagnostic;
use links::close_raw_links;
use pass::{Lines, Pass, assign_heading_ids};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Plain text under one heading, for the search index and its excerpts.
#[derive(Debug, Clone, Default)]
pub struct TextSection {
    pub heading: String,
    pub anchor: String,
    pub text: String,
    /// Letters (alphanumeric chars) of `text`, and how many of them are link texts: a
    /// section that is mostly links ("See also") is searched but never used as an excerpt.
    pub letters: usize,
    pub link_letters: usize,
}

impl TextSection {
    /// Mostly link texts: a list of links rather than prose.
    pub fn is_links(&self) -> bool {
        self.link_letters * 2 > self.letters
    }
}

/// An `@/section/page.md#anchor` or same-page `#anchor` link whose anchor must be checked once
/// every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// The page linked to; None for this body itself.
    pub target: Option<usize>,
    pub anchor: String,
    pub line: usize,
}

/// An internal link that could not be resolved, at its line; `site::links` reports it.
#[derive(Debug, Clone)]
pub struct LinkProblem {
    pub line: usize,
    pub error: LinkError,
}

/// Why a link cannot be followed, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    pub message: String,
    pub help: String,
}

impl LinkError {
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> LinkError {
        LinkError {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// A link to an item the site leaves out on purpose, kept as plain text; `site::links` warns.
#[derive(Debug, Clone)]
pub struct HiddenLink {
    pub line: usize,
    /// The `@/` path, without `#anchor`.
    pub path: String,
}

/// An http(s) link or image in the body, for `check --external`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub line: usize,
}

/// A page's (or section's, or home's) rendered body: everything later steps need from its
/// Markdown, stored on the model so no step re-parses it.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Plain text by heading, for the search index (moved out when the index is built).
    pub sections: Vec<TextSection>,
    pub anchors: Vec<AnchorRef>,
    pub heading_ids: Vec<String>,
    pub checklist_items: usize,
    /// Structure problems (headings, alt text); link problems are in `links`.
    pub problems: Vec<Diagnostic>,
    pub links: Vec<LinkProblem>,
    pub hidden_links: Vec<HiddenLink>,
    pub external: Vec<ExternalLink>,
}

/// What an internal link resolves to.
pub struct Resolved {
    pub url: String,
    /// Index of the target page (for anchor checks), if it is a page.
    pub page: Option<usize>,
    /// Set when the link goes to another language, so the `<a>` gets `hreflang`.
    pub lang: Option<String>,
    /// The target is left out of this site on purpose (a layered site's `hide:`, or a
    /// language it does not publish): the link text stays, as plain text.
    pub hidden: bool,
}

/// Maps an `@/...` path (without `#anchor`) to a URL, or says why it cannot.
pub type Resolver<'a> = dyn Fn(&str) -> Result<Resolved, LinkError> + 'a;

pub struct Source<'a> {
    pub file: &'a str,
    pub body: &'a str,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// `raw_html: trusted` in samspil.yaml: the author's raw HTML is published as written.
    pub trusted_html: bool,
}

/// One piece of a body to write: a Markdown event, or HTML samspil made itself (checklist
/// boxes, links into other languages), which the raw-HTML policy must not touch.
pub(super) enum Piece<'a> {
    Event(Event<'a>),
    Ours(CowStr<'a>),
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `src`. `resolve` maps an `@/...` path (without `#anchor`) to a URL or an error
/// message with a hint.
pub fn render(src: &Source, resolve: &Resolver) -> Body {
    let lines = Lines::new(src.body, src.body_line);
    let mut events: Vec<(Event, usize)> = Parser::new_ext(src.body, options())
        .into_offset_iter()
        .map(|(e, r)| (e, r.start))
        .collect();

    let mut out = Body::default();
    assign_heading_ids(&mut events, &mut out);

    let mut pass = Pass::new(
        src.file,
        &lines,
        resolve,
        out,
        events.len(),
        src.trusted_html,
    );
    for (event, offset) in events {
        pass.event(event, offset);
    }
    let (mut out, pieces, raw) = pass.finish();
    if raw.too_deep {
        return out; // an error: rendering it could overflow the stack
    }
    let pieces = close_raw_links(pieces);
    let mut html = String::with_capacity(src.body.len() * 2);
    if raw.sanitize {
        sanitized(&mut html, pieces, src.body);
    } else {
        let events = pieces.into_iter().map(|p| match p {
            Piece::Event(e) => e,
            Piece::Ours(h) => Event::Html(h),
        });
        pulldown_cmark::html::push_html(&mut html, events);
    }
    out.html = html;
    out
}

/// Writes a body whose raw HTML needs the sanitizer. Our own HTML goes through it as
/// placeholders (a private-use character the body does not contain, and a number), put back
/// afterwards, so the policy need not allow `<input>` for the checklist boxes.
fn sanitized(html: &mut String, pieces: Vec<Piece>, body: &str) {
    let mark = ('\u{E000}'..='\u{F8FF}').find(|c| !body.contains(*c));
    let mut ours: Vec<CowStr> = Vec::new();
    let events = pieces.into_iter().filter_map(|p| match p {
        Piece::Event(e) => Some(e),
        Piece::Ours(h) => {
            let m = mark?; // no free character (never in practice): our HTML is left out
            ours.push(h);
            Some(Event::Text(format!("{m}{}{m}", ours.len() - 1).into()))
        }
    });
    pulldown_cmark::html::push_html(html, events);
    let clean = sanitize::clean(html, mark);
    html.clear();
    let Some(mark) = mark else {
        html.push_str(&clean);
        return;
    };
    let mut parts = clean.split(mark);
    html.push_str(parts.next().unwrap_or_default());
    // Between two marks is a number; the sanitizer keeps text, so the marks stay paired.
    while let Some(n) = parts.next() {
        match n.parse::<usize>().ok().and_then(|i| ours.get(i)) {
            Some(h) => html.push_str(h),
            None => html.push_str(n),
        }
        html.push_str(parts.next().unwrap_or_default());
    }
}

/// Maps a byte offset in the body to its 1-based line in the file.
pub fn is_external(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Returns the href to write and, for links into another language, that language; None for a
/// link to a hidden item, which is written as plain text.
#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(p: &str) -> Result<Resolved, LinkError> {
        Err(LinkError::new(format!("no page `{p}`"), "fix it"))
    }

    fn src(body: &str) -> Source<'_> {
        Source {
            file: "x.da.md",
            body,
            body_line: 5,
            trusted_html: false,
        }
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let r = render(
            &src("## Om os\n\ntekst\n\n## Om os\n\n### Detalje {#mit-id}\n"),
            &no_links,
        );
        assert!(r.html.contains("<h2 id=\"om-os\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"om-os-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"mit-id\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.sections[0].heading, "Om os");
        assert_eq!(r.sections[0].text, "tekst");
    }

    /// A "See also" list is mostly link texts; prose with a link in it is not, and neither is a
    /// list item whose link is one word of a sentence (cross-language links count too).
    #[test]
    fn sections_of_links_are_told_from_prose() {
        let ok = |p: &str| {
            Ok(Resolved {
                url: format!("/da/{p}/"),
                page: Some(1),
                lang: p.contains("sv").then(|| "sv".to_string()),
                hidden: false,
            })
        };
        let r = render(
            &src(
                "Tekst med et [link](@/a.md) i en lang sætning om frivillige.\n\n\
                  ## Se også\n\n- [Trin ved konflikter](@/b.md)\n\
                  - Princippet om [én vej ind](@/c.md)\n- [Volontär](@/sv.md)\n\n\
                  ## Kilder\n\nLoven siger det, se [lov](@/d.md) og mere tekst her.\n",
            ),
            &ok,
        );
        let links: Vec<(&str, bool)> = r
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.is_links()))
            .collect();
        assert_eq!(links, [("", false), ("Se også", true), ("Kilder", false)]);
    }

    #[test]
    fn broken_internal_link_is_error_with_line() {
        let r = render(&src("Hej\n\n[x](@/roles/nope.md)\n"), &no_links);
        let e = &r.links[0];
        assert_eq!(e.line, 7, "{e:?}");
        assert!(e.error.message.contains("nope"), "{e:?}");
    }

    #[test]
    fn resolves_links_and_records_anchor() {
        let ok = |_: &str| {
            Ok(Resolved {
                url: "/da/roller/x/".into(),
                page: Some(3),
                lang: None,
                hidden: false,
            })
        };
        let r = render(&src("[x](@/roles/x.md#top)"), &ok);
        assert!(r.html.contains("href=\"/da/roller/x/#top\""), "{}", r.html);
        assert_eq!(r.anchors[0].target, Some(3));
    }

    #[test]
    fn cross_language_link_gets_hreflang() {
        let ok = |_: &str| {
            Ok(Resolved {
                url: "/sv/roller/x/".into(),
                page: Some(1),
                lang: Some("sv".into()),
                hidden: false,
            })
        };
        let r = render(&src("Se [her *nu*](@/roles/x.sv.md) tak"), &ok);
        assert!(
            r.html.contains(
                "<a href=\"/sv/roller/x/\" hreflang=\"sv\" lang=\"sv\">her <em>nu</em></a> tak"
            ),
            "{}",
            r.html
        );
    }

    #[test]
    fn a_link_to_a_hidden_item_keeps_its_text_only() {
        let hidden = |_: &str| {
            Ok(Resolved {
                url: String::new(),
                page: None,
                lang: None,
                hidden: true,
            })
        };
        let r = render(&src("Se [den *gamle* side](@/roles/x.md#a) her"), &hidden);
        assert_eq!(r.html, "<p>Se den <em>gamle</em> side her</p>\n");
        assert_eq!(r.hidden_links[0].path, "roles/x.md");
        assert!(r.links.is_empty());
    }

    #[test]
    fn checklist_items_are_labelled_boxes() {
        let r = render(&src("- [ ] Første\n- [x] Anden\n"), &no_links);
        assert_eq!(r.checklist_items, 2);
        assert!(r.html.contains("<label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"1\" hidden> Første</label>"), "{}", r.html);
        assert!(
            r.html
                .contains("data-item=\"2\" data-checked=\"true\" hidden"),
            "{}",
            r.html
        );
    }

    #[test]
    fn skipped_heading_and_missing_alt_warn() {
        let r = render(&src("### Tre\n\n![](a.png)\n"), &no_links);
        assert!(
            r.problems
                .iter()
                .any(|p| p.message.contains("skips from 1 to 3"))
        );
        assert!(r.problems.iter().any(|p| p.message.contains("alt text")));
    }

    #[test]
    fn raw_html_is_sanitized_and_our_own_html_survives() {
        let body = "- [ ] Første <span lang=\"sv\">ja</span>\n\n<form action=\"https://evil.example\"><input name=p></form>\n";
        let r = render(&src(body), &no_links);
        assert!(
            !r.html.contains("<form") && !r.html.contains("name=\"p\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("<label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"1\" hidden> Første <span lang=\"sv\">ja</span></label>"), "{}", r.html);
        let lines: Vec<(usize, &str)> = r
            .problems
            .iter()
            .map(|p| (p.line.unwrap(), p.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (7, "raw HTML `<form>` is not allowed and was removed"),
                (7, "raw HTML `<input>` is not allowed and was removed")
            ]
        );
    }

    #[test]
    fn our_own_html_is_never_put_back_inside_an_attribute() {
        // The unclosed quote pulls the following list into `title` until the span's quote.
        let body = "<div title=\"\n\n- [ ] x\n\nand <span class=\"y\">z</span>\n";
        let r = render(&src(body), &no_links);
        assert!(!r.html.contains("cl-item"), "{}", r.html);
        assert!(!r.html.contains('\u{E000}'), "{}", r.html);
    }

    #[test]
    fn allowed_raw_html_is_written_as_is_without_warnings() {
        let r = render(
            &src("Se <span lang=\"sv\">ja</span> <!-- note -->\n"),
            &no_links,
        );
        assert_eq!(r.html, "<p>Se <span lang=\"sv\">ja</span> </p>\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let trusted = Source {
            trusted_html: true,
            ..src("<meta http-equiv=refresh>\n")
        };
        assert_eq!(
            render(&trusted, &no_links).html,
            "<meta http-equiv=refresh>\n"
        );
    }

    #[test]
    fn heading_attributes_are_ids_and_classes_only() {
        let r = render(
            &src("## H {#ok .c onclick=alert(1)}\n\n## I {#bad\"id}\n"),
            &no_links,
        );
        assert!(
            r.html.contains("<h2 id=\"ok\" class=\"c\">H</h2>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("onclick"), "{}", r.html);
        let problems: Vec<_> = r.problems.iter().map(|p| (p.severity, p.line)).collect();
        use crate::diagnostics::Severity::*;
        assert_eq!(problems, [(Warning, Some(5)), (Error, Some(7))]);
    }

    #[test]
    fn a_link_that_could_run_code_is_an_error_and_keeps_its_text() {
        let r = render(
            &src("[x](javascript:alert(1)) ![y](data:image/png;base64,AA)\n"),
            &no_links,
        );
        assert_eq!(r.html, "<p>x <img src=\"\" alt=\"y\" /></p>\n");
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(
            r.problems[0].message.contains("`javascript:`"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn unclosed_comments_and_deep_nesting_are_errors() {
        let r = render(&src("a\n\n<!-- start\n\nb\n"), &no_links);
        assert_eq!(r.problems[0].line, Some(7), "{:?}", r.problems);
        assert!(r.problems[0].message.contains("never closed"));
        let deep = format!("{}x\n", "> ".repeat(150));
        let r = render(&src(&deep), &no_links);
        assert!(r.html.is_empty());
        assert!(
            r.problems[0].message.contains("more than 100 levels"),
            "{:?}",
            r.problems
        );
        let deep_html = "<div>".repeat(150);
        assert!(!render(&src(&deep_html), &no_links).problems.is_empty());
    }
}
