//! End-to-end tests of `samspil build` on fixture sites: output shape, links, languages,
//! determinism, and one invalid site per kind of error.

mod common;
use common::error_cases::{self, ErrorCase};
use common::*;

#[test]
fn valid_site_builds_complete_output_under_a_sub_path() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    let log = build_ok(&site, &out);
    assert!(log.contains("16 pages (da 8, sv 8)"), "summary line: {log}");

    for f in [
        "index.html",
        "404.html",
        "da/404.html",
        "sitemap.xml",
        "da/feed.xml",
        "sv/nytt/index.html",
        "was/index.html",
        "da/index.html",
        "sv/index.html",
        "da/roller/index.html",
        "da/roller/frivillig/index.html",
        "sv/roller/handlaggare/index.html",
        "da/emner/tavshedspligt/index.html",
        "da/maalgrupper/frivillige/index.html",
        "da/soeg/index.html",
        "da/kontakter/alarm-112/contact.vcf",
        "da/vejledning/med-billede/diagram.svg",
        "humans.txt",
        "search/samspil-search.js",
        "search/samspil-search-suggest.js",
        "search/samspil-search-merge.js",
        "search/da/manifest.bin",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }

    let page = read(&out.join("da/roller/frivillig/index.html"));
    assert!(
        page.to_ascii_lowercase()
            .starts_with("<!doctype html><html lang=da>"),
        "{}",
        &page[..80]
    );
    // Reciprocal, absolute hreflang alternates plus x-default, and a canonical URL.
    assert!(has_tag(
        &page,
        "link",
        &[
            ("rel", "canonical"),
            ("href", "https://kommune.dk/frivillig/da/roller/frivillig/")
        ]
    ));
    assert!(has_tag(
        &page,
        "link",
        &[
            ("rel", "alternate"),
            ("hreflang", "sv"),
            ("href", "https://kommune.dk/frivillig/sv/roller/frivillig/")
        ]
    ));
    assert!(page.contains("hreflang=x-default"));
    let sv = read(&out.join("sv/roller/frivillig/index.html"));
    assert!(has_tag(
        &sv,
        "link",
        &[
            ("rel", "alternate"),
            ("hreflang", "da"),
            ("href", "https://kommune.dk/frivillig/da/roller/frivillig/")
        ]
    ));
    // Internal links resolve to the same language, with anchors; cross-language links are marked.
    assert!(page.contains("href=/frivillig/da/tjeklister-da/start/#foer-du-starter"));
    assert!(page.contains(
        "<a href=/frivillig/sv/roller/frivillig/ hreflang=sv lang=sv>den svenske side</a>"
    ));
    // Every site URL carries the sub-path.
    for cap in page.split("href=").skip(1) {
        let url = cap.trim_start_matches('"');
        assert!(
            url.starts_with("/frivillig/")
                || url.starts_with("https://kommune.dk/frivillig/")
                || url.starts_with('#')
                || url.starts_with("mailto:")
                || url.starts_with("tel:"),
            "URL outside the sub-path: {}",
            &url[..url.len().min(60)]
        );
    }
    // Role blocks, related checklists and contacts, source, dates, breadcrumbs, prev/next.
    for needle in [
        "role-block responsibilities",
        "role-block limits",
        "Tjeklister til rollen",
        "Kontakter til rollen",
        "Det gode samarbejde",
        "2018-01-01",
        "breadcrumbs",
        "class=next",
    ] {
        assert!(page.contains(needle), "role page lacks {needle}");
    }
    // Table, footnote and strikethrough render.
    assert!(page.contains("<table>") && page.contains("footnote") && page.contains("<del>"));
    // No inline script other than the JSON-LD data block, no inline style, nothing third-party.
    for p in [&page, &read(&out.join("da/kontakter/alarm-112/index.html"))] {
        assert!(!p.contains("style="), "inline style");
        assert!(!p.contains("<style"), "inline style element");
        for s in p.split("<script").skip(1) {
            let tag = &s[..s.find('>').unwrap()];
            assert!(
                tag.contains("src=") || tag.contains("application/ld+json"),
                "inline script: {tag}"
            );
        }
        assert!(
            !p.contains("src=http") && !p.contains("src=\"http"),
            "third-party resource"
        );
    }

    let checklist = read(&out.join("da/tjeklister-da/start/index.html"));
    assert!(checklist.contains("data-checklist=samspil-checklist:da/tjeklister-da/start/"));
    assert_eq!(checklist.matches("class=cl-box").count(), 3);
    assert!(
        has_tag(
            &checklist,
            "input",
            &[("data-item", "3"), ("data-checked", "true"), ("hidden", "")]
        ),
        "ticked item keeps its default"
    );

    let contact = read(&out.join("da/kontakter/alarm-112/index.html"));
    assert!(contact.contains("href=tel:112"), "tel link");
    assert!(
        contact.contains("\"@type\":\"GovernmentOrganization\""),
        "JSON-LD"
    );
    assert!(contact.contains("Akut"), "urgent marker");
    let vcf = read(&out.join("da/kontakter/alarm-112/contact.vcf"));
    assert!(
        vcf.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n")
            && vcf.contains("TEL;VALUE=uri;TYPE=work,voice:tel:112")
    );

    let root = read(&out.join("index.html"));
    assert!(root.contains("hreflang=x-default"));
    assert!(root.contains(">Dansk<") && root.contains(">Svenska<"));
    assert!(
        !root.contains("http-equiv=refresh"),
        "the language chooser must not redirect"
    );

    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"sv\" href=\"https://kommune.dk/frivillig/sv/roller/frivillig/\"/>"));
    // Under a sub-path crawlers never read our robots.txt: tests/publishing.rs covers both cases.
    assert!(!out.join("robots.txt").exists());
    assert!(read(&out.join("was/index.html")).contains("url=/frivillig/da/om/tilgaengelighed/"));

    // Footer: same links in the same order on every page of a language.
    let footer = |p: &str| {
        p[p.find("class=footer-links").unwrap()..]
            .split("</ul>")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(footer(&page), footer(&checklist));
    assert_eq!(footer(&page), footer(&contact));
}

#[test]
fn base_url_flag_overrides_config() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    let o = samspil(
        &[
            "build",
            "--quiet",
            "--base-url",
            "https://example.org/x",
            "--output",
            out.to_str().unwrap(),
        ],
        &site,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).is_empty(),
        "--quiet prints nothing on success: {}",
        stderr(&o)
    );
    let page = read(&out.join("da/roller/frivillig/index.html"));
    assert!(has_tag(
        &page,
        "link",
        &[
            ("rel", "canonical"),
            ("href", "https://example.org/x/da/roller/frivillig/")
        ]
    ));
    assert!(page.contains("href=/x/da/roller/"));
}

#[test]
fn missing_translation_links_to_home_with_notice_and_no_hreflang() {
    let (tmp, site) = missing_translation_site();
    let out = tmp.path().join("public");
    let log = build_ok(&site, &out);
    assert!(
        log.contains("content/roles/caseworker.sv.md") && log.contains("has no `sv` translation"),
        "{log}"
    );
    let page = read(&out.join("da/roller/caseworker/index.html"));
    assert!(
        has_tag(
            &page,
            "a",
            &[
                ("href", "/frivillig/sv/#untranslated"),
                ("hreflang", "sv"),
                ("lang", "sv")
            ]
        ) && page.contains(">Svenska <span class=untranslated lang=da>(ikke oversat)"),
        "switcher"
    );
    assert!(
        !has_tag(&page, "link", &[("rel", "alternate"), ("hreflang", "sv")]),
        "no hreflang for a missing translation"
    );
    assert!(read(&out.join("sv/index.html")).contains("id=untranslated"));
}

#[test]
fn builds_are_deterministic() {
    let (tmp, site) = copy_fixture("valid");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    build_ok(&site, &a);
    build_ok(&site, &b);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.len(), sb.len());
    for ((pa, ba), (pb, bb)) in sa.iter().zip(&sb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

/// Builds the valid fixture, breaks a copy of it with `case`, and builds again over the same
/// output: the message names file, line and field and says how to fix it; the exit code is 1;
/// the previous output is byte-identical and no temporary folder is left behind.
fn assert_error_reported_and_previous_output_kept(case: &ErrorCase) {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let before = snapshot(&out);
    case.apply(&site);
    let o = samspil(&["build", "--output", out.to_str().unwrap()], &site);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}: exit code; stderr:\n{err}",
        case.name
    );
    assert!(!err.contains("panicked"), "{}: panic:\n{err}", case.name);
    assert!(
        err.contains("help:"),
        "{}: no fix suggested:\n{err}",
        case.name
    );
    assert!(
        err.contains("previous output was left untouched"),
        "{}:\n{err}",
        case.name
    );
    for e in case.expect {
        assert!(err.contains(e), "{}: expected {e:?} in:\n{err}", case.name);
    }
    assert!(
        snapshot(&out) == before,
        "{}: previous output changed",
        case.name
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "{}: temporary folders left behind: {leftovers:?}",
        case.name
    );
}

#[test]
fn error_unknown_field() {
    assert_error_reported_and_previous_output_kept(&error_cases::UNKNOWN_FIELD);
}

#[test]
fn error_yaml_syntax() {
    assert_error_reported_and_previous_output_kept(&error_cases::YAML_SYNTAX);
}

#[test]
fn error_missing_title() {
    assert_error_reported_and_previous_output_kept(&error_cases::MISSING_TITLE);
}

#[test]
fn error_bad_kind() {
    assert_error_reported_and_previous_output_kept(&error_cases::BAD_KIND);
}

#[test]
fn error_bad_date() {
    assert_error_reported_and_previous_output_kept(&error_cases::BAD_DATE);
}

#[test]
fn error_broken_link() {
    assert_error_reported_and_previous_output_kept(&error_cases::BROKEN_LINK);
}

#[test]
fn error_broken_anchor() {
    assert_error_reported_and_previous_output_kept(&error_cases::BROKEN_ANCHOR);
}

#[test]
fn error_broken_related() {
    assert_error_reported_and_previous_output_kept(&error_cases::BROKEN_RELATED);
}

#[test]
fn error_slug_escape() {
    assert_error_reported_and_previous_output_kept(&error_cases::SLUG_ESCAPE);
}

#[test]
fn error_country_as_language_code() {
    assert_error_reported_and_previous_output_kept(&error_cases::COUNTRY_AS_LANGUAGE_CODE);
}

#[test]
fn error_feedback_endpoint_on_another_host() {
    assert_error_reported_and_previous_output_kept(&error_cases::FEEDBACK_ENDPOINT_ON_ANOTHER_HOST);
}

#[test]
fn error_contact_without_phone_or_email() {
    assert_error_reported_and_previous_output_kept(&error_cases::CONTACT_WITHOUT_PHONE_OR_EMAIL);
}

#[test]
fn error_role_without_role_block() {
    assert_error_reported_and_previous_output_kept(&error_cases::ROLE_WITHOUT_ROLE_BLOCK);
}

#[test]
fn error_duplicate_url() {
    assert_error_reported_and_previous_output_kept(&error_cases::DUPLICATE_URL);
}

#[test]
fn error_alias_over_page() {
    assert_error_reported_and_previous_output_kept(&error_cases::ALIAS_OVER_PAGE);
}

#[test]
fn error_bad_alias() {
    assert_error_reported_and_previous_output_kept(&error_cases::BAD_ALIAS);
}

#[test]
fn error_template_syntax() {
    assert_error_reported_and_previous_output_kept(&error_cases::TEMPLATE_SYNTAX);
}

#[test]
fn error_missing_translation_as_error() {
    assert_error_reported_and_previous_output_kept(&error_cases::MISSING_TRANSLATION_AS_ERROR);
}

#[test]
fn error_broken_lock_file_line() {
    assert_error_reported_and_previous_output_kept(&error_cases::BROKEN_LOCK_LINE);
}

/// Every case in `error_cases::ALL` has its own test above (a new case needs one too).
#[test]
fn every_error_case_has_its_own_test() {
    let this = include_str!("build.rs");
    for case in error_cases::ALL {
        let test = format!("fn error_{}()", case.name.replace(' ', "_"));
        assert!(
            this.contains(&test),
            "no `{test}` for the case {:?}",
            case.name
        );
    }
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("content/principles/trust.da.md"),
        "slug: tillid",
        "slug: tillid\nfoo: 1",
    );
    edit(
        &site.join("content/roles/volunteer.sv.md"),
        "@/checklists/start.md",
        "@/nope.md",
    );
    let o = samspil(
        &[
            "build",
            "--output",
            tmp.path().join("out").to_str().unwrap(),
        ],
        &site,
    );
    let err = stderr(&o);
    assert!(
        err.contains("trust.da.md") && err.contains("volunteer.sv.md"),
        "{err}"
    );
    assert!(err.contains("2 error(s)"), "{err}");
    assert!(
        !tmp.path().join("out").exists(),
        "a failed first build writes nothing"
    );
}

#[test]
fn missing_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = samspil(&["build"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("samspil.yaml") && err.contains("samspil init"),
        "{err}"
    );
}

#[test]
fn error_same_page_anchor() {
    assert_error_reported_and_previous_output_kept(&error_cases::SAME_PAGE_ANCHOR);
}

#[test]
fn error_anchor_from_section_index() {
    assert_error_reported_and_previous_output_kept(&error_cases::ANCHOR_FROM_SECTION_INDEX);
}

#[test]
fn error_title_null() {
    assert_error_reported_and_previous_output_kept(&error_cases::TITLE_NULL);
}

#[test]
fn error_unclosed_quote() {
    assert_error_reported_and_previous_output_kept(&error_cases::UNCLOSED_QUOTE);
}

#[test]
fn error_weight_not_a_number() {
    assert_error_reported_and_previous_output_kept(&error_cases::WEIGHT_NOT_A_NUMBER);
}

#[test]
fn error_duplicate_key() {
    assert_error_reported_and_previous_output_kept(&error_cases::DUPLICATE_KEY);
}

#[test]
fn error_bad_redirect_key() {
    assert_error_reported_and_previous_output_kept(&error_cases::BAD_REDIRECT_KEY);
}

#[test]
fn error_link_to_draft() {
    assert_error_reported_and_previous_output_kept(&error_cases::LINK_TO_DRAFT);
}

#[test]
fn a_bundles_missing_translation_is_named_as_a_bundle_file() {
    let (tmp, site) = copy_fixture("valid");
    remove(&site.join("content/guide/bundle/index.sv.md"));
    let log = build_ok(&site, &tmp.path().join("public"));
    assert!(
        log.contains(
            "warning: content/guide/bundle/index.sv.md: `guide/bundle` has no `sv` translation"
        ) && log.contains("translate content/guide/bundle/index.da.md into `sv`"),
        "{log}"
    );
}

#[test]
fn error_base_url_with_query() {
    assert_error_reported_and_previous_output_kept(&error_cases::BASE_URL_WITH_QUERY);
}

#[test]
fn a_base_url_on_the_command_line_is_checked_like_the_configs() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    for (bad, why) in [
        ("javascript:alert(1)//", "is not an absolute http(s) URL"),
        ("https://kommune.dk/a b/", "contains a space"),
        ("https:///frivillig/", "has no host"),
        ("https://kommune.dk//x/", "has an empty path segment"),
    ] {
        let o = samspil(
            &[
                "build",
                "--base-url",
                bad,
                "--output",
                out.to_str().unwrap(),
            ],
            &site,
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{bad}: {err}");
        assert!(
            err.contains(&format!(
                "--base-url: field `--base-url`: base_url `{bad}` {why}"
            )),
            "{err}"
        );
        assert!(!out.exists(), "nothing written for {bad}");
    }
    // A good one is normalized: host in lower case, `..` resolved, a closing slash.
    let o = samspil(
        &[
            "build",
            "--base-url",
            "https://Kommune.DK/x/../frivillig",
            "--output",
            out.to_str().unwrap(),
        ],
        &site,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(&out.join("da/index.html"));
    assert!(
        home.contains("https://kommune.dk/frivillig/da/"),
        "canonical URL"
    );
}

#[test]
fn bundle_files_keep_their_folders() {
    let (tmp, site) = copy_fixture("valid");
    write(&site.join("content/guide/bundle/img/a.png"), "image");
    write(&site.join("content/guide/bundle/docs/a.png"), "document");
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let page = out.join("da/vejledning/med-billede");
    assert_eq!(read(&page.join("img/a.png")), "image");
    assert_eq!(read(&page.join("docs/a.png")), "document");
    assert!(page.join("diagram.svg").is_file());
    assert!(!page.join("a.png").exists(), "not flattened");
}

#[test]
fn a_tag_without_letters_is_an_error_not_a_replaced_tag_index() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("content/roles/volunteer.da.md"),
        "tags: [samarbejde, tavshedspligt]",
        "tags: [samarbejde, tavshedspligt, \"???\"]",
    );
    let o = samspil(
        &[
            "build",
            "--output",
            tmp.path().join("public").to_str().unwrap(),
        ],
        &site,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/roles/volunteer.da.md:5:1: field `tags`: tag `???` has no letter or digit to make its address from"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_static_and_content_are_named_and_left_out() {
    let (tmp, site) = copy_fixture("valid");
    write(&tmp.path().join("secret.txt"), "outside the site");
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        site.join("static/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.join("content/roles/volunteer.da.md"),
        site.join("content/roles/copy.da.md"),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let log = build_ok(&site, &out);
    assert!(
        log.contains("warning: static/secret.txt: is a symbolic link; links are not followed, so it is left out"),
        "{log}"
    );
    assert!(
        log.contains("warning: content/roles/copy.da.md: is a symbolic link"),
        "{log}"
    );
    assert!(!out.join("secret.txt").exists());
}

#[test]
fn limits_are_clear_errors_and_quick() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    let page = site.join("content/roles/volunteer.da.md");
    let original = read(&page);
    let run = |text: String| {
        write(&page, &text);
        let start = std::time::Instant::now();
        let o = samspil(&["build", "--output", out.to_str().unwrap()], &site);
        assert!(start.elapsed().as_secs() < 10, "refused quickly");
        assert_eq!(o.status.code(), Some(1));
        stderr(&o)
    };
    let tags: Vec<String> = (0..51).map(|i| format!("t{i}")).collect();
    let err = run(original.replace(
        "tags: [samarbejde, tavshedspligt]",
        &format!("tags: [{}]", tags.join(", ")),
    ));
    assert!(
        err.contains(
            "content/roles/volunteer.da.md:5:1: field `tags`: 51 tags; a page may have at most 50"
        ),
        "{err}"
    );
    let err = run(original.replace(
        "tags: [samarbejde, tavshedspligt]",
        &format!("tags: {}", "[".repeat(100_000)),
    ));
    assert!(
        err.contains(
            "content/roles/volunteer.da.md:5:39: the YAML is nested more than 32 levels deep"
        ),
        "{err}"
    );
    let err = run(format!("{original}\n{}", "Lang tekst. ".repeat(100_000)));
    assert!(
        err.contains(
            "content/roles/volunteer.da.md: the file is 1.2 MB; a content file may be at most 1 MB"
        ),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
}
