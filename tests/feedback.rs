//! "Was this page useful?" (config `feedback`, issue #16): off by default; with `email` every
//! content page has two `mailto:` links (yes/no) whose subject and body carry the page's title
//! and address, percent-encoded; with `endpoint` a plain form POSTs to the site's own host; an
//! endpoint on another host is a config error.

mod common;
use common::error_cases;
use common::*;
use percent_encoding::percent_decode_str;
use std::path::Path;

const ROLE_DA: &str = "da/roller/frivillig/index.html";
const ROLE_SV: &str = "sv/roller/frivillig/index.html";
const ROLE_URL_DA: &str = "https://kommune.dk/frivillig/da/roller/frivillig/";

/// The valid fixture with `feedback:` set to `yaml` (indented lines), built; (tmp, output).
fn built_with(feedback: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = copy_fixture("valid");
    if !feedback.is_empty() {
        edit(
            &site.join("samspil.yaml"),
            "default_language: da\n",
            &format!("default_language: da\nfeedback:\n{feedback}"),
        );
    }
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    (tmp, out)
}

/// The `mailto:` hrefs of a page, with `&amp;` decoded (the minifier may keep or drop it).
fn mailtos(html: &str) -> Vec<String> {
    tags(html, "a")
        .into_iter()
        .filter_map(|attrs| {
            attrs
                .into_iter()
                .find(|(k, v)| k == "href" && v.starts_with("mailto:") && v.contains("?subject="))
                .map(|(_, v)| v.replace("&amp;", "&"))
        })
        .collect()
}

/// `subject` and `body` of a mailto: URL, decoded; also checks they were fully encoded.
fn subject_and_body(href: &str) -> (String, String) {
    let query = href.split_once('?').expect("a query").1;
    let mut subject = None;
    let mut body = None;
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').expect("key=value");
        assert!(
            !v.contains([' ', '+', '\n', '\r', '/', ':', '#', '?']),
            "{k} not percent-encoded: {v}"
        );
        let decoded = percent_decode_str(v)
            .decode_utf8()
            .expect("UTF-8")
            .into_owned();
        match k {
            "subject" => subject = Some(decoded),
            "body" => body = Some(decoded),
            other => panic!("unexpected mailto field {other}"),
        }
    }
    (subject.expect("subject"), body.expect("body"))
}

#[test]
fn off_by_default() {
    let (_tmp, out) = built_with("");
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = read(e.path());
            assert!(!html.contains("feedback-title"), "{}", e.path().display());
            assert!(mailtos(&html).is_empty(), "{}", e.path().display());
        }
    }
}

#[test]
fn email_gives_yes_and_no_mail_links_with_the_page_address() {
    let (_tmp, out) = built_with("  email: web@kommune.dk\n");
    let html = read(&out.join(ROLE_DA));
    let links = mailtos(&html);
    assert_eq!(links.len(), 2, "{links:?}");
    let encoded_url = "https%3A%2F%2Fkommune.dk%2Ffrivillig%2Fda%2Froller%2Ffrivillig%2F";
    for (href, answer) in links.iter().zip(["Ja", "Nej"]) {
        assert!(href.starts_with("mailto:web@kommune.dk?subject="), "{href}");
        assert!(href.contains(encoded_url), "{href}");
        let (subject, body) = subject_and_body(href);
        assert_eq!(subject, format!("Var siden nyttig? {answer} – Frivillig"));
        assert!(
            body.contains(&format!("Siden: Frivillig\r\n{ROLE_URL_DA}\r\n")),
            "{body:?}"
        );
        assert!(body.contains(&format!("Svar: {answer}\r\n")), "{body:?}");
        assert!(body.ends_with("Kommentar (valgfri):\r\n"), "{body:?}");
    }
    assert!(html.contains("Var siden nyttig?"), "no heading");
    assert!(!html.contains("<form class=feedback-form") && !has_tag(&html, "textarea", &[]));

    // In the reader's language, with that page's address.
    let sv = read(&out.join(ROLE_SV));
    let links = mailtos(&sv);
    assert_eq!(links.len(), 2, "{links:?}");
    let (subject, body) = subject_and_body(&links[1]);
    assert!(
        subject.starts_with("Hade du nytta av sidan? Nej – "),
        "{subject}"
    );
    assert!(body.contains("https://kommune.dk/frivillig/sv/"), "{body}");
    assert!(body.contains("Kommentar (frivilligt):"), "{body}");

    // Every content page has it; listings do not.
    assert_eq!(
        mailtos(&read(&out.join("da/kontakter/alarm-112/index.html"))).len(),
        2
    );
    assert!(mailtos(&read(&out.join("da/index.html"))).is_empty());
}

#[test]
fn endpoint_gives_a_plain_form_to_the_sites_own_host() {
    let (_tmp, out) = built_with("  endpoint: https://kommune.dk/api/feedback\n");
    let html = read(&out.join(ROLE_DA));
    assert!(mailtos(&html).is_empty());
    let forms = tags(&html, "form");
    let form = forms
        .iter()
        .find(|a| a.iter().any(|(k, v)| k == "class" && v == "feedback-form"))
        .expect("the feedback form");
    let attr = |k: &str| form.iter().find(|(ak, _)| ak == k).map(|(_, v)| v.as_str());
    assert_eq!(attr("action"), Some("https://kommune.dk/api/feedback"));
    assert_eq!(attr("method"), Some("post"));
    assert!(has_tag(
        &html,
        "input",
        &[("type", "hidden"), ("name", "page"), ("value", ROLE_URL_DA)]
    ));
    assert!(has_tag(
        &html,
        "input",
        &[
            ("type", "radio"),
            ("name", "useful"),
            ("value", "yes"),
            ("id", "feedback-yes")
        ]
    ));
    assert!(has_tag(
        &html,
        "input",
        &[
            ("type", "radio"),
            ("name", "useful"),
            ("value", "no"),
            ("id", "feedback-no")
        ]
    ));
    assert!(has_tag(&html, "label", &[("for", "feedback-yes")]));
    assert!(has_tag(&html, "label", &[("for", "feedback-comment")]));
    assert!(has_tag(
        &html,
        "textarea",
        &[("name", "comment"), ("id", "feedback-comment")]
    ));
    assert!(
        html.contains("<fieldset><legend>Dit svar</legend>"),
        "a fieldset with a legend"
    );
    // A root path is first-party too.
    let (_tmp, out) = built_with("  endpoint: /api/feedback\n");
    assert!(has_tag(
        &read(&out.join(ROLE_SV)),
        "form",
        &[("action", "/api/feedback")]
    ));
}

fn config_error(site: &Path) -> String {
    let out = site.with_file_name("public");
    let o = samspil(&["build", "--output", out.to_str().unwrap()], site);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn an_endpoint_on_another_host_is_a_config_error() {
    let (_tmp, site) = copy_fixture("valid");
    error_cases::FEEDBACK_ENDPOINT_ON_ANOTHER_HOST.apply(&site);
    let err = config_error(&site);
    for e in error_cases::FEEDBACK_ENDPOINT_ON_ANOTHER_HOST.expect {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
}

#[test]
fn feedback_needs_exactly_one_way_and_a_real_address() {
    for (yaml, want) in [
        (
            "  email: web@kommune.dk\n  endpoint: /x\n",
            "needs exactly one of `email` and `endpoint`",
        ),
        (
            "  email: web@kommune.dk?cc=a@b.dk\n",
            "is not an e-mail address",
        ),
        ("  endpoint: forms/x\n", "neither an http(s) URL nor a path"),
        ("  mail: web@kommune.dk\n", "unknown field `mail`"),
    ] {
        let (_tmp, site) = copy_fixture("valid");
        edit(
            &site.join("samspil.yaml"),
            "default_language: da\n",
            &format!("default_language: da\nfeedback:\n{yaml}"),
        );
        let err = config_error(&site);
        assert!(
            err.contains(want) && err.contains("samspil.yaml:"),
            "{yaml}: {err}"
        );
    }
}
