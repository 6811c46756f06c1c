//! The walk over a body's events: headings, search text, checklist boxes, links and images.

use super::links::{HIDDEN_LINK_MARK, RAW_LINK_MARK, cross_language_anchor, rewrite_link};
use super::sanitize::{self, is_safe_url, url_scheme};
use super::*;
use crate::slug::slugify;
use pulldown_cmark::{HeadingLevel, LinkType};
use std::collections::HashMap;

pub(super) struct Lines {
    starts: Vec<usize>,
    /// The file's line where the body starts.
    first: usize,
}

impl Lines {
    pub(super) fn new(body: &str, first: usize) -> Lines {
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
pub(super) struct OpenHeading {
    id: String,
    text: String,
    level: u8,
}

/// One walk over a body's events: collects the table of contents, search text and
/// problems into `out`, and builds the event stream to write as HTML (checklist boxes and
/// rewritten links in place of the author's).
pub(super) struct Pass<'a, 'r> {
    file: &'r str,
    lines: &'r Lines,
    resolve: &'r Resolver<'r>,
    out: Body,
    events: Vec<Piece<'a>>,
    /// `raw_html: trusted`: the author's HTML is published as written.
    trusted_html: bool,
    /// Open Markdown containers (block quotes, lists, emphasis…) and open raw HTML elements.
    depth: usize,
    raw_depth: usize,
    /// The text of the HTML block being read, and where it started.
    html_block: Option<(String, usize)>,
    pub(super) raw: RawHtml,
    /// Level of the last heading, to catch skipped levels; the page title counts as 1.
    prev_level: u8,
    /// A checklist item's `<label>` has been opened and not yet closed.
    label_open: bool,
    heading: Option<OpenHeading>,
    /// Search text under the current heading.
    section: TextSection,
    in_image: bool,
    image_alt: String,
    /// Links open around the current text (they do not nest, but a count is robust).
    in_link: usize,
}

impl<'a, 'r> Pass<'a, 'r> {
    pub(super) fn new(
        file: &'r str,
        lines: &'r Lines,
        resolve: &'r Resolver<'r>,
        out: Body,
        capacity: usize,
        trusted_html: bool,
    ) -> Self {
        Pass {
            file,
            lines,
            resolve,
            out,
            events: Vec::with_capacity(capacity),
            trusted_html,
            depth: 0,
            raw_depth: 0,
            html_block: None,
            raw: RawHtml::default(),
            prev_level: 1,
            label_open: false,
            heading: None,
            section: TextSection::default(),
            in_image: false,
            image_alt: String::new(),
            in_link: 0,
        }
    }

    pub(super) fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.label_open && closes_label(&event) {
            self.close_label();
        }
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                self.check_depth(self.depth + self.raw_depth, offset);
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let heading = self.safe_heading(level, id, classes, attrs, offset);
                self.observe(&heading, offset);
                self.events.push(Piece::Event(heading));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = self.lines.line_of(offset);
                let dest_url = if self.safe_address(&dest_url, line, "image") {
                    dest_url
                } else {
                    CowStr::Borrowed("")
                };
                let image = Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                });
                self.observe(&image, offset);
                self.events.push(Piece::Event(image));
            }
            Event::TaskListMarker(checked) => self.checklist_box(checked),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Its end comes through `observe`, whatever `link` makes of the start.
                self.in_link += 1;
                self.link(link_type, dest_url, title, id, offset)
            }
            other => {
                self.observe(&other, offset);
                self.events.push(Piece::Event(other));
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
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), offset)),
            Event::Html(h) => match self.html_block.as_mut() {
                Some((text, _)) => text.push_str(h),
                None => self.raw_fragment(h, offset),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, start)) = self.html_block.take() {
                    self.raw_fragment(&text, start);
                }
            }
            Event::InlineHtml(h) => self.raw_fragment(h, offset),
            Event::End(TagEnd::Link) => self.in_link = self.in_link.saturating_sub(1),
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
            let letters = t.chars().filter(|c| c.is_alphanumeric()).count();
            self.section.letters += letters;
            if self.in_link > 0 {
                self.section.link_letters += letters;
            }
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
        self.events.push(Piece::Ours(
            format!("<label class=\"cl-item\"><input type=\"checkbox\" class=\"cl-box\" data-item=\"{n}\"{mark} hidden> ").into(),
        ));
        self.label_open = true;
    }

    fn close_label(&mut self) {
        self.events.push(Piece::Ours("</label>".into()));
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
        // An address that could run code keeps its text only, like a link to a hidden item.
        if !dest_url.starts_with("@/") && !self.safe_address(&dest_url, line, "link") {
            self.events.push(Piece::Ours(HIDDEN_LINK_MARK.into()));
            return;
        }
        if is_external(&dest_url) {
            self.out.external.push(ExternalLink {
                url: dest_url.to_string(),
                line,
            });
        }
        let Some((href, lang)) = rewrite_link(&dest_url, line, self.resolve, &mut self.out) else {
            self.events.push(Piece::Ours(HIDDEN_LINK_MARK.into()));
            return;
        };
        match lang {
            Some(lang) => {
                // pulldown-cmark cannot add attributes to links; emit the tag ourselves.
                let a = cross_language_anchor(&href, &title, &lang);
                self.events.push(Piece::Ours(a.into()));
                self.events.push(Piece::Ours(RAW_LINK_MARK.into()));
            }
            None => self.events.push(Piece::Event(Event::Start(Tag::Link {
                link_type,
                dest_url: href,
                title,
                id,
            }))),
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

    /// Deep nesting overflows the stack of the HTML minifier and of browsers' parsers, so a
    /// body nested past [`MAX_DEPTH`] is an error and is not rendered at all.
    fn check_depth(&mut self, depth: usize, offset: usize) {
        if depth > MAX_DEPTH && !self.raw.too_deep {
            self.raw.too_deep = true;
            self.out.problems.push(
                Diagnostic::error(
                    self.file,
                    format!("block quotes, lists or HTML elements nest more than {MAX_DEPTH} levels deep here"),
                )
                .at(self.lines.line_of(offset), 1)
                .help(format!("nest at most {MAX_DEPTH} levels: split the quote or list, or close the HTML elements you opened")),
            );
        }
    }

    /// One fragment of the author's raw HTML (an inline tag or a whole block), at `offset`.
    fn raw_fragment(&mut self, html: &str, offset: usize) {
        let scan = sanitize::scan(html, &mut self.raw_depth);
        self.check_depth(self.depth + scan.peak_depth, offset);
        let first = self.lines.line_of(offset);
        let line = |at: usize| first + html[..at].matches('\n').count();
        if let Some(at) = scan.unclosed_comment {
            self.out.problems.push(
                Diagnostic::error(self.file, "an HTML comment `<!--` is never closed, so everything after it would vanish from the page")
                    .at(line(at), 1)
                    .help("end the comment with `-->`, or delete it"),
            );
        }
        if self.trusted_html {
            return;
        }
        self.raw.sanitize |= !scan.plain;
        for r in scan.removals {
            self.out.problems.push(
                Diagnostic::warning(self.file, r.message)
                    .at(line(r.offset), 1)
                    .help("raw HTML may use only the tags and attributes an article needs (README: Raw HTML); write it in Markdown, or set `raw_html: trusted` in samspil.yaml if every author is trusted"),
            );
        }
    }

    /// A heading's `{#id .class}`: ids and classes of safe characters, no other attributes.
    fn safe_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        offset: usize,
    ) -> Event<'a> {
        let line = self.lines.line_of(offset);
        if let Some(i) = id.as_deref()
            && !safe_name(i)
        {
            self.out.problems.push(
                Diagnostic::error(
                    self.file,
                    format!(
                        "heading id `{i}` has characters other than letters, digits, `-` and `_`"
                    ),
                )
                .at(line, 1)
                .help("write the id as `{#a-name}` with letters, digits, `-` and `_` only"),
            );
        }
        let mut kept = Vec::with_capacity(classes.len());
        for c in classes {
            if safe_name(&c) {
                kept.push(c);
            } else {
                self.out.problems.push(
                    Diagnostic::warning(self.file, format!("heading class `{c}` has characters other than letters, digits, `-` and `_`, and was removed"))
                        .at(line, 1)
                        .help("write a class as `{.a-name}` with letters, digits, `-` and `_` only"),
                );
            }
        }
        for (name, _) in attrs {
            self.out.problems.push(
                Diagnostic::warning(
                    self.file,
                    format!("heading attribute `{name}` is not allowed and was removed"),
                )
                .at(line, 1)
                .help("a heading takes only an id and classes: `## Title {#an-id .a-class}`"),
            );
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes: kept,
            attrs: Vec::new(),
        })
    }

    /// Whether a link or image may point at `url`; an error at `line` if not.
    fn safe_address(&mut self, url: &str, line: usize, what: &str) -> bool {
        if is_safe_url(url) {
            return true;
        }
        let scheme = url_scheme(url).unwrap_or_default();
        self.out.problems.push(
            Diagnostic::error(self.file, format!("{what} address `{url}` uses `{scheme}:`, which a page may not point to"))
                .at(line, 1)
                .field(what)
                .help("use an https:, http:, mailto: or tel: address, a page (`@/section/page.md`) or a file of the site"),
        );
        false
    }

    /// Closes what is still open and hands back the body, the pieces to write and what the
    /// author's raw HTML needs.
    pub(super) fn finish(mut self) -> (Body, Vec<Piece<'a>>, RawHtml) {
        if self.label_open {
            self.close_label();
        }
        if let Some((text, start)) = self.html_block.take() {
            self.raw_fragment(&text, start);
        }
        push_section(&mut self.out.sections, self.section);
        (self.out, self.events, self.raw)
    }
}

/// How deeply block quotes, lists and HTML elements may nest: far beyond what a reader can
/// follow, far below what overflows a parser's stack.
pub(super) const MAX_DEPTH: usize = 100;

/// What the author's raw HTML in one body needs.
#[derive(Debug, Default)]
pub(super) struct RawHtml {
    /// Some raw HTML is more than allowed tags: the whole body goes through the sanitizer.
    pub sanitize: bool,
    /// Nested past [`MAX_DEPTH`]: reported, and nothing is rendered.
    pub too_deep: bool,
}

/// An id or class of letters, digits, `-` and `_`: safe in any attribute, selector or URL.
fn safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A level-1 heading in the body, or one that skips a level, is a warning.
pub(super) fn heading_problem(
    file: &str,
    prev_level: u8,
    level: u8,
    line: usize,
) -> Option<Diagnostic> {
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
pub(super) fn push_section(sections: &mut Vec<TextSection>, s: TextSection) {
    if !s.text.trim().is_empty() || !s.heading.is_empty() {
        sections.push(TextSection {
            text: s.text.trim().to_string(),
            ..s
        });
    }
}

pub(super) fn heading_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

pub(super) fn closes_label(e: &Event) -> bool {
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
pub(super) fn assign_heading_ids(events: &mut [(Event, usize)], out: &mut Body) {
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
