//! The raw-HTML policy: which tags and attributes an author's HTML in Markdown may use.
//!
//! pulldown-cmark escapes everything it writes itself, so only the author's raw HTML, heading
//! attributes and link addresses can carry markup an attacker chose. [`scan`] reads each raw
//! fragment once, cheaply: it finds what the policy removes (each a warning with its line),
//! comments that never close and how deep elements nest. Only a body whose raw HTML is more
//! than plain allowed tags goes through [`clean`], ammonia's allow-list sanitizer, which is
//! what actually removes things; the scan only explains them. Most bodies have no raw HTML,
//! and the bundled site's only has `<span lang>`, so the sanitizer's full HTML parse is the
//! rare case and a large build stays fast.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Tags an article may need: text structure, tables, figures, disclosure and inline semantics.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes any allowed tag may have.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "title", "lang", "dir"];

/// Attributes only some tags may have. `href` and `src` are addresses: they must also pass
/// [`is_safe_url`].
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("details", &["open"]),
];

/// The address schemes a link or image may use; any other (`javascript:`, `data:`, `file:`…)
/// is removed. Relative addresses have no scheme and are allowed.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements whose content goes with them: their text is code, not prose.
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements not counted in the nesting: those that never have an end tag, and those whose end
/// tag may be left out (`<li>a<li>b` are siblings, not nested), so a long list written that way
/// is not mistaken for a deep one.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "caption", "option", "optgroup", "rb", "rt", "rp", "rtc",
];

static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .url_schemes(SAFE_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        // The policy allows no `target`, so no `rel` is needed and links stay as written.
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|_, _, value| match PLACEHOLDER_MARK.get() {
            Some(m) if value.contains(m) => Some(value.replace(m, "").into()),
            _ => Some(value.into()),
        });
    b
});

thread_local! {
    /// The character that marks placeholders for our own HTML in the body being cleaned.
    static PLACEHOLDER_MARK: Cell<Option<char>> = const { Cell::new(None) };
}

/// Sanitizes a whole rendered body by the policy. `mark` is the character around the
/// placeholders that stand for samspil's own HTML: placeholders belong in text, and one that
/// an unclosed quote in the author's HTML pulled into an attribute value loses its marks, so
/// our HTML (which has quotes of its own) is never put back inside an attribute.
pub fn clean(html: &str, mark: Option<char>) -> String {
    PLACEHOLDER_MARK.set(mark);
    let out = POLICY.clean(html).to_string();
    PLACEHOLDER_MARK.set(None);
    out
}

/// The scheme of `url` as a browser reads it (tabs and line feeds inside it ignored, leading
/// spaces and control characters trimmed, letters lower-cased); None for a relative address.
pub fn url_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    // Not a scheme (`a:b` where `a` has other characters) reads as a relative path, but a
    // browser is not that generous with everything; treat it as an unknown scheme.
    Some(if valid {
        scheme.to_ascii_lowercase()
    } else {
        scheme.to_string()
    })
}

/// Whether a link or image may point at `url`: relative, or one of [`SAFE_SCHEMES`].
pub fn is_safe_url(url: &str) -> bool {
    url_scheme(url).is_none_or(|s| SAFE_SCHEMES.contains(&s.as_str()))
}

/// Something the policy removes from a fragment, at a byte offset into it.
#[derive(Debug, PartialEq, Eq)]
pub struct Removal {
    pub offset: usize,
    pub message: String,
}

/// What [`scan`] learned about one fragment of raw HTML.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every token is an allowed tag with allowed attributes, or plain text: the fragment is
    /// published as written, without the sanitizer.
    pub plain: bool,
    pub removals: Vec<Removal>,
    /// Byte offset of a `<!--` that the fragment never closes.
    pub unclosed_comment: Option<usize>,
    /// The deepest the element nesting went inside this fragment, counted from `depth` as it
    /// was when the fragment started.
    pub peak_depth: usize,
}

/// Reads one fragment of raw HTML (an inline tag or a whole HTML block). `depth` is the
/// nesting of raw elements still open from earlier fragments, and is updated.
pub fn scan(html: &str, depth: &mut usize) -> Scan {
    let mut s = Scan {
        plain: true,
        peak_depth: *depth,
        ..Scan::default()
    };
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let at = i + rel;
        let rest = &html[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            s.plain = false;
            // `<!-->` and `<!--->` are complete (empty) comments in HTML.
            if after.starts_with('>') || after.starts_with("->") {
                i = at + 4 + if after.starts_with('>') { 1 } else { 2 };
                continue;
            }
            match after.find("-->") {
                Some(e) => i = at + 4 + e + 3,
                None => {
                    s.unclosed_comment = Some(at);
                    return s;
                }
            }
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            s.plain = false;
            s.removals.push(Removal {
                offset: at,
                message: "a markup declaration (`<!…>` or `<?…>`) in raw HTML was removed".into(),
            });
            i = at + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let end_tag = rest.starts_with("</");
        let name_start = at + if end_tag { 2 } else { 1 };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // A `<` that starts no tag is text; the sanitizer writes it as `&lt;`.
            s.plain = false;
            i = at + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let allowed = TAGS.contains(&name.as_str());
        let (attrs, close) = attributes(html, name_start + name_len);
        let Some(close) = close else {
            // A tag that never ends: let the sanitizer read it as a browser would.
            s.plain = false;
            return s;
        };
        i = close + 1;
        if end_tag {
            s.plain &= allowed && attrs.is_empty();
            if !NOT_NESTING.contains(&name.as_str()) {
                *depth = depth.saturating_sub(1);
            }
            continue;
        }
        let self_closing = html[..close].ends_with('/');
        if !NOT_NESTING.contains(&name.as_str()) && !self_closing {
            *depth += 1;
            s.peak_depth = s.peak_depth.max(*depth);
        }
        if !allowed {
            s.plain = false;
            let content = if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
                " with its content"
            } else {
                ""
            };
            s.removals.push(Removal {
                offset: at,
                message: format!("raw HTML `<{name}>` is not allowed and was removed{content}"),
            });
            continue;
        }
        for a in attrs {
            let attr = a.name.to_ascii_lowercase();
            let ok_attr = GENERIC_ATTRIBUTES.contains(&attr.as_str())
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, list)| *t == name && list.contains(&attr.as_str()));
            if !ok_attr {
                s.plain = false;
                s.removals.push(Removal {
                    offset: at,
                    message: format!(
                        "attribute `{attr}` on `<{name}>` is not allowed and was removed"
                    ),
                });
                continue;
            }
            // Character references could hide a scheme (`&#106;avascript:`); the sanitizer
            // decodes them, so such a value always goes through it.
            if a.value.contains(['&', '<', '>', '"', '\'', '`']) {
                s.plain = false;
            }
            if (attr == "href" || attr == "src") && !is_safe_url(&a.value) {
                s.plain = false;
                let scheme = url_scheme(&a.value).unwrap_or_default();
                s.removals.push(Removal {
                    offset: at,
                    message: format!(
                        "the `{scheme}:` address in `{attr}` on `<{name}>` is not allowed and was removed"
                    ),
                });
            }
        }
    }
    s
}

struct Attribute<'h> {
    name: &'h str,
    value: String,
}

/// The attributes of a tag whose name ends at `from`, and the offset of its closing `>`
/// (None if the fragment ends first), read the way HTML's tokenizer reads them.
fn attributes(html: &str, from: usize) -> (Vec<Attribute<'_>>, Option<usize>) {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    let space = |c: u8| c.is_ascii_whitespace() || c == b'/';
    loop {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return (out, None);
        }
        if b[i] == b'>' {
            return (out, Some(i));
        }
        let start = i;
        i += 1; // a name may start with `=`
        while i < b.len() && !space(b[i]) && b[i] != b'>' && b[i] != b'=' {
            i += 1;
        }
        let name = &html[start..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = String::new();
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => match html[j + 1..].find(q as char) {
                    Some(e) => {
                        value = html[j + 1..j + 1 + e].to_string();
                        j = j + 1 + e + 1;
                    }
                    None => return (out, None),
                },
                _ => {
                    let e = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(html.len(), |e| j + e);
                    value = html[j..e].to_string();
                    j = e;
                }
            }
            i = j;
        }
        out.push(Attribute { name, value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(html: &str) -> Vec<String> {
        scan(html, &mut 0)
            .removals
            .into_iter()
            .map(|r| r.message)
            .collect()
    }

    #[test]
    fn plain_allowed_tags_skip_the_sanitizer() {
        let s = scan("<span lang=\"sv\">", &mut 0);
        assert!(s.plain && s.removals.is_empty());
        assert!(scan("</span>", &mut 1).plain);
        assert!(scan("<details open>\n<summary>Mere</summary>\n", &mut 0).plain);
        assert!(!scan("<a href=\"&#106;avascript:x\">", &mut 0).plain);
        assert!(!scan("<!-- note -->", &mut 0).plain);
    }

    #[test]
    fn what_is_removed_is_named() {
        assert_eq!(
            messages("<meta http-equiv=refresh content=\"0;url=https://evil.example\">"),
            ["raw HTML `<meta>` is not allowed and was removed"]
        );
        assert_eq!(
            messages("<div onclick='x()' class=a>"),
            ["attribute `onclick` on `<div>` is not allowed and was removed"]
        );
        assert_eq!(
            messages("<a href=\" JavaScript:alert(1)\">x</a>"),
            ["the `javascript:` address in `href` on `<a>` is not allowed and was removed"]
        );
        assert_eq!(
            messages("<script>alert(1)</script>"),
            ["raw HTML `<script>` is not allowed and was removed with its content"]
        );
    }

    #[test]
    fn comments_that_never_close_are_found() {
        assert_eq!(scan("a <!-- b", &mut 0).unclosed_comment, Some(2));
        assert_eq!(
            scan("<!--> <!---> <!-- x -->", &mut 0).unclosed_comment,
            None
        );
    }

    #[test]
    fn nesting_is_counted_across_fragments() {
        let mut depth = 0;
        assert_eq!(
            scan("<div><div><br><img src=a.png>", &mut depth).peak_depth,
            2
        );
        assert_eq!(scan("</div>", &mut depth).peak_depth, 2);
        assert_eq!(depth, 1);
        let long_list = format!("<ul>{}</ul>", "<li>punkt".repeat(500));
        assert_eq!(scan(&long_list, &mut 0).peak_depth, 1);
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert!(!is_safe_url("java\tscript:alert(1)"));
        assert!(!is_safe_url(" data:text/html,x"));
        assert!(is_safe_url("/da/roller/"));
        assert!(is_safe_url("billede.png"));
        assert!(is_safe_url("#top"));
        assert!(is_safe_url("MAILTO:a@b.dk"));
        assert!(is_safe_url("?q=a:b"));
    }

    #[test]
    fn the_sanitizer_keeps_the_allowed_and_drops_the_rest() {
        let out = clean(
            "<div><abbr title=\"x\">X</abbr><form action=https://evil.example><input name=p></form>\
             <base href=https://evil.example/><a href=\"javascript:alert(1)\" onclick=x>y</a></div>",
            None,
        );
        assert_eq!(out, "<div><abbr title=\"x\">X</abbr><a>y</a></div>");
    }
}
