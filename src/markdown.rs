//! Markdown → HTML with heading ids, resolved internal links, checklists and search text.
//!
//! Pure: a body and a resolver in, a [`Body`] out. Whether a link is broken is decided by the
//! resolver; turning problems into diagnostics is `site::links`' job.

use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashMap;

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
}

/// An `@/section/page.md#anchor` link whose anchor must be checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target: usize,
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

    let mut pass = Pass::new(src.file, &lines, resolve, out, events.len());
    for (event, offset) in events {
        pass.event(event, offset);
    }
    let (mut out, events) = pass.finish();

    let mut html = String::with_capacity(src.body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, close_raw_links(events).into_iter());
    out.html = html;
    out
}

/// Maps a byte offset in the body to its 1-based line in the file.
struct Lines {
    starts: Vec<usize>,
    /// The file's line where the body starts.
    first: usize,
}

impl Lines {
    fn new(body: &str, first: usize) -> Lines {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, first }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1 + self.first
    }
}

/// A heading whose text is still being collected.
struct OpenHeading {
    id: String,
    text: String,
    level: u8,
}

/// Marks the raw `<a ...>` we emit for a cross-language link, so [`close_raw_links`] knows
/// which `End(Link)` must become a raw `</a>`.
const RAW_LINK_MARK: &str = "<!--a-->";
/// Stands in for the start of a link to a hidden item: the link's text is kept, its tags are not.
const HIDDEN_LINK_MARK: &str = "<!--hidden-->";

/// One walk over a body's events: collects the table of contents, search text and
/// problems into `out`, and builds the event stream to write as HTML (checklist boxes and
/// rewritten links in place of the author's).
struct Pass<'a, 'r> {
    file: &'r str,
    lines: &'r Lines,
    resolve: &'r Resolver<'r>,
    out: Body,
    events: Vec<Event<'a>>,
    /// Level of the last heading, to catch skipped levels; the page title counts as 1.
    prev_level: u8,
    /// A checklist item's `<label>` has been opened and not yet closed.
    label_open: bool,
    heading: Option<OpenHeading>,
    /// Search text under the current heading.
    section: TextSection,
    in_image: bool,
    image_alt: String,
}

impl<'a, 'r> Pass<'a, 'r> {
    fn new(
        file: &'r str,
        lines: &'r Lines,
        resolve: &'r Resolver<'r>,
        out: Body,
        capacity: usize,
    ) -> Self {
        Pass {
            file,
            lines,
            resolve,
            out,
            events: Vec::with_capacity(capacity),
            prev_level: 1,
            label_open: false,
            heading: None,
            section: TextSection::default(),
            in_image: false,
            image_alt: String::new(),
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.label_open && closes_label(&event) {
            self.close_label();
        }
        match event {
            Event::TaskListMarker(checked) => self.checklist_box(checked),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id, offset),
            other => {
                self.observe(&other, offset);
                self.events.push(other);
            }
        }
    }

    /// Takes what it needs from an event that is written unchanged.
    fn observe(&mut self, event: &Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.start_heading(heading_num(*level), id.as_deref(), offset)
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => self.section.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.section.text.push('\n')
            }
            Event::Start(Tag::Image { dest_url, .. }) => self.start_image(dest_url, offset),
            Event::End(TagEnd::Image) => self.end_image(offset),
            _ => {}
        }
    }

    fn start_heading(&mut self, level: u8, id: Option<&str>, offset: usize) {
        let line = self.lines.line_of(offset);
        if let Some(problem) = heading_problem(self.file, self.prev_level, level, line) {
            self.out.problems.push(problem);
        }
        self.prev_level = level;
        self.heading = Some(OpenHeading {
            id: id.unwrap_or_default().to_string(),
            text: String::new(),
            level,
        });
    }

    /// A heading starts a new search-text section, and levels 2–3 go into the table of contents.
    fn end_heading(&mut self) {
        let Some(OpenHeading { id, text, level }) = self.heading.take() else {
            return;
        };
        let text = text.trim().to_string();
        push_section(&mut self.out.sections, std::mem::take(&mut self.section));
        self.section.heading = text.clone();
        self.section.anchor = id.clone();
        if (2..=3).contains(&level) {
            self.out.toc.push(TocEntry { level, id, text });
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(t);
        } else if self.in_image {
            self.image_alt.push_str(t);
        } else {
            self.section.text.push_str(t);
        }
    }

    fn checklist_box(&mut self, checked: bool) {
        self.out.checklist_items += 1;
        let n = self.out.checklist_items;
        // A data attribute, not `checked`: minify-html 0.18 drops `checked` inside full
        // documents, and the checklist script applies the author's default anyway.
        let mark = if checked {
            " data-checked=\"true\""
        } else {
            ""
        };
        // Hidden until the checklist script enables it: without JavaScript the
        // checklist reads as a plain list, not as a form that does nothing.
        self.events.push(Event::Html(
            format!("<label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"{n}\"{mark} hidden> ").into(),
        ));
        self.label_open = true;
    }

    fn close_label(&mut self) {
        self.events.push(Event::Html("</label>".into()));
        self.label_open = false;
    }

    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        let line = self.lines.line_of(offset);
        if is_external(&dest_url) {
            self.out.external.push(ExternalLink {
                url: dest_url.to_string(),
                line,
            });
        }
        let Some((href, lang)) = rewrite_link(&dest_url, line, self.resolve, &mut self.out) else {
            self.events.push(Event::Html(HIDDEN_LINK_MARK.into()));
            return;
        };
        match lang {
            Some(lang) => {
                // pulldown-cmark cannot add attributes to links; emit the tag ourselves.
                let a = cross_language_anchor(&href, &title, &lang);
                self.events.push(Event::Html(a.into()));
                self.events.push(Event::Html(RAW_LINK_MARK.into()));
            }
            None => self.events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: href,
                title,
                id,
            })),
        }
    }

    fn start_image(&mut self, dest_url: &str, offset: usize) {
        if is_external(dest_url) {
            self.out.external.push(ExternalLink {
                url: dest_url.to_string(),
                line: self.lines.line_of(offset),
            });
        }
        self.in_image = true;
        self.image_alt.clear();
    }

    fn end_image(&mut self, offset: usize) {
        self.in_image = false;
        if self.image_alt.trim().is_empty() {
            self.out.problems.push(
                Diagnostic::warning(self.file, "an image has no alt text")
                    .at(self.lines.line_of(offset), 1)
                    .help("describe the image between the brackets: ![what it shows](path)"),
            );
        }
    }

    /// Closes what is still open and hands back the body and the events to write.
    fn finish(mut self) -> (Body, Vec<Event<'a>>) {
        if self.label_open {
            self.close_label();
        }
        push_section(&mut self.out.sections, self.section);
        (self.out, self.events)
    }
}

/// A level-1 heading in the body, or one that skips a level, is a warning.
fn heading_problem(file: &str, prev_level: u8, level: u8, line: usize) -> Option<Diagnostic> {
    if level == 1 {
        Some(
            Diagnostic::warning(file, "a level-1 heading in the body")
                .at(line, 1)
                .help("the page title is the page's only level-1 heading; start body headings at `##`"),
        )
    } else if level > prev_level + 1 {
        Some(
            Diagnostic::warning(
                file,
                format!("heading level skips from {prev_level} to {level}"),
            )
            .at(line, 1)
            .help(format!(
                "use {} here, so screen-reader users can follow the structure",
                "#".repeat(prev_level as usize + 1)
            )),
        )
    } else {
        None
    }
}

/// The opening `<a>` of a link into another language, with `hreflang` and `lang`.
fn cross_language_anchor(href: &str, title: &str, lang: &str) -> String {
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
/// [`RAW_LINK_MARK`] and turns the matching `End(Link)` into `</a>`.
fn close_raw_links(events: Vec<Event>) -> Vec<Event> {
    // One entry per open link: how it was opened (as pulldown-cmark's tag, as raw HTML, or
    // not at all because its target is hidden).
    #[derive(PartialEq)]
    enum Opened {
        Tag,
        Raw,
        Hidden,
    }
    let mut stack: Vec<Opened> = Vec::new();
    events
        .into_iter()
        .filter_map(|e| match e {
            Event::Html(ref h) if h.as_ref() == RAW_LINK_MARK => {
                stack.push(Opened::Raw);
                None
            }
            Event::Html(ref h) if h.as_ref() == HIDDEN_LINK_MARK => {
                stack.push(Opened::Hidden);
                None
            }
            Event::Start(Tag::Link { .. }) => {
                stack.push(Opened::Tag);
                Some(e)
            }
            Event::End(TagEnd::Link) => match stack.pop() {
                Some(Opened::Raw) => Some(Event::Html("</a>".into())),
                Some(Opened::Hidden) => None,
                _ => Some(e),
            },
            other => Some(other),
        })
        .collect()
}

fn push_section(sections: &mut Vec<TextSection>, s: TextSection) {
    if !s.text.trim().is_empty() || !s.heading.is_empty() {
        sections.push(TextSection {
            text: s.text.trim().to_string(),
            ..s
        });
    }
}

fn heading_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn closes_label(e: &Event) -> bool {
    let block = |t: &Tag| {
        !matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        )
    };
    let block_end = |t: &TagEnd| {
        !matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        )
    };
    match e {
        Event::Start(t) => block(t),
        Event::End(t) => block_end(t),
        _ => false,
    }
}

/// Gives every heading a stable id: its explicit `{#id}` or a slug of its text, made unique.
fn assign_heading_ids(events: &mut [(Event, usize)], out: &mut Body) {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i].0 {
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| slugify(&text));
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let n = used.entry(base.clone()).or_insert(0);
            let unique = if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(unique.clone()));
            }
            out.heading_ids.push(unique);
            i = j;
        }
        i += 1;
    }
}

/// Whether a link leaves the site (http or https), for `check --external`.
pub fn is_external(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Returns the href to write and, for links into another language, that language; None for a
/// link to a hidden item, which is written as plain text.
fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    line: usize,
    resolve: &Resolver,
    out: &mut Body,
) -> Option<(CowStr<'a>, Option<String>)> {
    let Some(path) = dest.strip_prefix("@/") else {
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
                    target,
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
        assert_eq!(r.anchors[0].target, 3);
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
}
