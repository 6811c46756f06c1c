//! Trust and publishing (issue 16): the responsible authority in every footer and in every
//! page's JSON-LD, who reviewed a page and when, a notice and a search mark on a page past its
//! review date, redirects at old addresses (`aliases:`), and the warning when a page's address
//! changed since the previous build into the same folder.
//!
//! Every test works on a copy of `tests/fixtures/valid` (base_url `https://kommune.dk/frivillig/`,
//! so the site lives under a sub-path) with the binary's date fixed at 2026-11-23.

mod common;

use common::{build_ok, copy_fixture, edit, read, samspil, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

const VOLUNTEER_DA: &str = "content/roles/volunteer.da.md";

/// The valid fixture with `publisher:` set.
fn site_with_publisher() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\npublisher: Samspil-projektet\n",
    );
    (tmp, site)
}

/// Every HTML file under `out`, relative path → text.
/// The text of the first element with `class` (the minifier may drop the attribute's quotes).
fn text_of_class(html: &str, class: &str) -> Option<String> {
    let at = html
        .find(&format!("class={class}>"))
        .or_else(|| html.find(&format!("class=\"{class}\">")))?;
    let start = at + html[at..].find('>')? + 1;
    let end = start + html[start..].find("</")?;
    Some(html[start..end].to_string())
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("application/ld+json") {
        rest = &rest[i..];
        let start = rest.find('>').expect("script start") + 1;
        let end = rest.find("</script>").expect("script end");
        out.push(serde_json::from_str(&rest[start..end]).expect("JSON-LD parses as JSON"));
        rest = &rest[end..];
    }
    out
}

#[test]
fn the_footer_of_every_page_names_the_responsible_authority_in_its_language() {
    let (tmp, site) = site_with_publisher();
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    let mut pages = 0;
    for (path, html) in common::html_files(&out) {
        if html.contains("http-equiv=refresh") || path == "index.html" {
            continue; // redirect pages and the language chooser have no site footer
        }
        let want = match path.starts_with("sv/") {
            true => "Ansvarig: Samspil-projektet",
            false => "Ansvarlig: Samspil-projektet",
        };
        assert_eq!(
            text_of_class(&html, "footer-authority").as_deref(),
            Some(want),
            "{path}"
        );
        pages += 1;
    }
    assert!(pages > 30, "only {pages} pages checked");

    // Without a publisher the footer names nobody rather than an empty "Ansvarlig:".
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    let home = read(&out.join("da/index.html"));
    assert!(!home.contains("footer-authority"), "{home}");
}

#[test]
fn every_page_has_json_ld_naming_the_publisher() {
    let (tmp, site) = site_with_publisher();
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    let mut checked = 0;
    for (path, html) in common::html_files(&out) {
        if html.contains("http-equiv=refresh") || path == "index.html" || path.ends_with("404.html")
        {
            continue; // a 404 page has no address of its own to describe
        }
        let blocks = json_ld(&html);
        assert_eq!(blocks.len(), 1, "{path}: one JSON-LD block");
        let v = &blocks[0];
        // A contact page describes the organisation; the page is its `subjectOf`.
        let page = match v["@type"].as_str() {
            Some("GovernmentOrganization") => &v["subjectOf"],
            _ => v,
        };
        assert_eq!(page["@type"], "WebPage", "{path}: {v}");
        assert_eq!(page["publisher"]["@type"], "Organization", "{path}");
        assert_eq!(page["publisher"]["name"], "Samspil-projektet", "{path}");
        checked += 1;
    }
    assert!(checked > 30, "only {checked} pages checked");

    let contact = read(&out.join("da/kontakter/alarm-112/index.html"));
    assert_eq!(json_ld(&contact)[0]["@type"], "GovernmentOrganization");
    let role = json_ld(&read(&out.join("da/roller/frivillig/index.html"))).remove(0);
    assert_eq!(role["lastReviewed"], "2018-01-01");
    assert_eq!(role["reviewedBy"]["name"], "Samspil-projektet");
    assert_eq!(
        role["url"],
        "https://kommune.dk/frivillig/da/roller/frivillig/"
    );
}

/// The valid fixture with a publisher, and the Danish volunteer page past its review date.
fn site_with_stale_page() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = site_with_publisher();
    edit(
        &site.join(VOLUNTEER_DA),
        "review_by: 2030-01-01",
        "review_by: 2026-01-01",
    );
    (tmp, site)
}

#[test]
fn a_page_past_its_review_date_tells_readers_near_the_top_and_names_the_reviewer() {
    let (tmp, site) = site_with_stale_page();
    let out = tmp.path().join("out");
    let err = build_ok(&site, &out);
    assert!(err.contains("review date 2026-01-01 has passed"), "{err}");

    let html = read(&out.join("da/roller/frivillig/index.html"));
    let notice_at = html.find("review-passed").expect("a review notice");
    assert!(
        common::has_tag(
            &html,
            "p",
            &[("class", "notice review-passed"), ("role", "note")]
        ),
        "{html}"
    );
    let notice = &html[notice_at..notice_at + html[notice_at..].find("</p>").unwrap()];
    assert!(
        notice.contains("Siden kan være forældet.") && notice.contains("1. januar 2026"),
        "{notice}"
    );
    // Near the top: right after the page's heading and lead, before the body.
    let (h1, content) = (
        html.find("<h1").unwrap(),
        html.find("class=content").unwrap(),
    );
    assert!(h1 < notice_at && notice_at < content, "{html}");
    assert_eq!(
        text_of_class(&html, "reviewed-by").as_deref(),
        Some("af Samspil-projektet")
    );

    // The Swedish version is not past its date, and says who reviewed it in Swedish.
    let sv = read(&out.join("sv/roller/frivillig/index.html"));
    assert!(!sv.contains("review-passed"), "{sv}");
    assert_eq!(
        text_of_class(&sv, "reviewed-by").as_deref(),
        Some("av Samspil-projektet")
    );
}

#[test]
fn the_library_judges_staleness_against_build_options_today() {
    let (tmp, site) = site_with_publisher();
    let build = |today: &str, out: &str| {
        let report = samspil::build::build(&samspil::build::BuildOptions {
            root: site.clone(),
            output: Some(tmp.path().join(out)),
            today: samspil::frontmatter::Date::parse(today),
            ..Default::default()
        });
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        read(&tmp.path().join(out).join("da/roller/frivillig/index.html"))
    };
    assert!(!build("2029-12-31", "before").contains("review-passed"));
    assert!(build("2030-01-02", "after").contains("review-passed"));
}

/// `samspil search --json` for `query` in Danish.
fn cli_search(site: &Path, query: &str) -> Vec<Value> {
    let o = samspil(&["search", query, "--lang", "da", "--json"], site);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("search JSON")
}

/// The browser client (run in Node over the built files) for `query` in Danish.
fn browser_search(out: &Path, query: &str) -> Vec<Value> {
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("search-index/tests/search-driver.mjs");
    let mut child = std::process::Command::new("node")
        .arg(driver)
        .arg(out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs the search client (install Node 20 or later)");
    let job = serde_json::json!([{ "q": query, "languages": ["da"], "limit": 10 }]);
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), job.to_string().as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let answers: Value = serde_json::from_slice(&o.stdout).expect("driver JSON");
    answers[0]["results"].as_array().expect("results").clone()
}

#[test]
fn search_results_mark_a_stale_page_alike_in_the_cli_and_the_browser() {
    let (tmp, site) = site_with_stale_page();
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    for query in ["samarbejde", "frivillig borgeren"] {
        let cli = cli_search(&site, query);
        let js = browser_search(&out, query);
        assert!(cli.len() > 1, "{query}: {cli:?}");
        let of = |hits: &[Value], base: &str| -> Vec<(String, bool)> {
            hits.iter()
                .filter(|h| h["match"] != "fuzzy")
                .map(|h| {
                    let url = h["url"].as_str().unwrap();
                    (
                        url.strip_prefix(base).unwrap_or(url).to_string(),
                        h["stale"] == true,
                    )
                })
                .collect()
        };
        let base = format!("file://{}/", out.display());
        let cli_hits = of(&cli, "");
        assert_eq!(
            cli_hits,
            of(&js, &base),
            "{query}: same results, same order, same marks"
        );
        let stale: Vec<&(String, bool)> = cli_hits.iter().filter(|(_, s)| *s).collect();
        assert_eq!(stale.len(), 1, "{query}: {cli_hits:?}");
        assert!(stale[0].0.starts_with("da/roller/frivillig/"), "{stale:?}");
    }
    // The popup and the search page get the label in the reader's language.
    let page = read(&out.join("da/soeg/index.html"));
    assert!(page.matches("kan være forældet").count() >= 2, "{page}");
}

#[test]
fn an_alias_redirects_to_the_page_under_the_sub_path() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join(VOLUNTEER_DA),
        "slug: frivillig\n",
        "slug: frivillig\naliases: [\"/da/gammel/frivillig/\", \"/frivillig.html\"]\n",
    );
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    for file in ["da/gammel/frivillig/index.html", "frivillig.html"] {
        let html = read(&out.join(file));
        let target = "/frivillig/da/roller/frivillig/";
        assert!(
            common::has_tag(
                &html,
                "meta",
                &[
                    ("http-equiv", "refresh"),
                    ("content", &format!("0; url={target}"))
                ]
            ),
            "{file}: {html}"
        );
        assert!(common::has_tag(&html, "a", &[("href", target)]), "{file}");
        assert!(common::has_tag(&html, "html", &[("lang", "da")]), "{file}");
    }
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        !sitemap.contains("gammel"),
        "an old address is not a page of the site"
    );
}

#[test]
fn a_changed_slug_warns_on_the_next_build_into_the_same_folder() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("out");
    let first = build_ok(&site, &out);
    assert!(!first.contains("address changed"), "{first}");

    edit(
        &site.join(VOLUNTEER_DA),
        "slug: frivillig\n",
        "slug: frivillig-ny\n",
    );
    let second = build_ok(&site, &out);
    let warning = second
        .lines()
        .skip_while(|l| !l.contains("address changed"))
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        warning.starts_with(&format!("warning: {VOLUNTEER_DA}:3:1: field `slug`")),
        "{second}"
    );
    assert!(
        warning.contains("/da/roller/frivillig/ is now /da/roller/frivillig-ny/"),
        "{warning}"
    );
    assert!(
        warning.contains("aliases: [\"/da/roller/frivillig/\"]"),
        "{warning}"
    );
    assert_eq!(second.matches("address changed").count(), 1, "{second}");

    // A build into a new folder has nothing to compare with.
    let fresh = build_ok(&site, &tmp.path().join("elsewhere"));
    assert!(!fresh.contains("address changed"), "{fresh}");

    // Following the advice keeps the old address and silences the warning.
    edit(
        &site.join(VOLUNTEER_DA),
        "slug: frivillig-ny\n",
        "slug: frivillig-ny\naliases: [\"/da/roller/frivillig/\"]\n",
    );
    let third = build_ok(&site, &out);
    assert!(!third.contains("address changed"), "{third}");
    assert!(read(&out.join("da/roller/frivillig/index.html")).contains("frivillig-ny"));
}

#[test]
fn a_renamed_section_warns_and_suggests_a_redirect() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("out");
    build_ok(&site, &out);
    let index = site.join("content/roles/_index.sv.md");
    let text = read(&index);
    let slug_line = text
        .lines()
        .find(|l| l.starts_with("slug:"))
        .expect("a slug");
    edit(&index, slug_line, "slug: roller-ny");
    let err = build_ok(&site, &out);
    let old = slug_line.trim_start_matches("slug:").trim();
    assert!(
        err.contains(&format!("/sv/{old}/ is now /sv/roller-ny/")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "redirects: {{\"sv/{old}\": \"@/roles/_index.sv.md\"}}"
        )),
        "{err}"
    );
    // Each page in the section moved too, and says so.
    assert!(err.contains("content/roles/volunteer.sv.md"), "{err}");
}
