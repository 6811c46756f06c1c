//! Spec tests for issue #10 ("one owner for each concern"): what must hold once every URL and
//! output path has one owner and `check` runs the build's validations through the same code.
//!
//! - `check` and `build` report the same errors and warnings, and exit alike, on every error
//!   case of `tests/build.rs` and on the valid fixture; a site `check` accepts always builds.
//! - Two owners of one output path fail `build` and `check` with exit 1 and an error that names
//!   both sources and a fix, and the previous output stays as it was.
//! - The build summary's file count is the number of files on disk.
//! - `check` writes nothing.
//!
//! Some of these fail before the restructuring lands; the report of the change that added this
//! file lists which and why.

mod common;
use common::error_cases::{self, ErrorCase};
use common::*;
use samspil::build::{BuildOptions, build};
use samspil::check::{CheckOptions, run};
use samspil::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeSet;
use std::path::Path;

type Key = (Severity, String, Option<usize>, String);

/// The diagnostics as comparable (severity, file, line, message) keys.
fn keys(ds: &[Diagnostic]) -> BTreeSet<Key> {
    ds.iter()
        .map(|d| (d.severity, d.file.clone(), d.line, d.message.clone()))
        .collect()
}

fn show(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| format!("{d}\n")).collect()
}

fn errors(ds: &[Diagnostic]) -> Vec<&Diagnostic> {
    ds.iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// What `check` and a build into `out` report for `site`, through the library.
fn check_and_build(site: &Path, out: &Path) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let checked = run(&CheckOptions::new(site.to_path_buf())).diagnostics;
    let built = build(&BuildOptions {
        root: site.to_path_buf(),
        output: Some(out.to_path_buf()),
        ..Default::default()
    })
    .diagnostics;
    (checked, built)
}

/// `check` and `build` report the same set of errors and of warnings for `site`, through the
/// library and through the CLI's exit code. Returns the build's diagnostics.
fn assert_check_and_build_agree(name: &str, site: &Path, scratch: &Path) -> Vec<Diagnostic> {
    let (checked, built) = check_and_build(site, &scratch.join("library-out"));
    let (c, b) = (keys(&checked), keys(&built));
    assert!(
        c == b,
        "{name}: check and build disagree\nonly check:\n{:#?}\nonly build:\n{:#?}\n\
         check said:\n{}\nbuild said:\n{}",
        c.difference(&b).collect::<Vec<_>>(),
        b.difference(&c).collect::<Vec<_>>(),
        show(&checked),
        show(&built)
    );

    let cli_check = samspil(&["check"], site);
    let cli_out = scratch.join("cli-out");
    let cli_build = samspil(&["build", "--output", cli_out.to_str().unwrap()], site);
    assert_eq!(
        cli_check.status.code(),
        cli_build.status.code(),
        "{name}: exit codes differ\ncheck said:\n{}\nbuild said:\n{}",
        stdout(&cli_check),
        stderr(&cli_build)
    );
    built
}

/// A copy of the valid fixture broken by `case`: `check` and `build` both fail, with the same
/// diagnostics, and exit 1.
fn assert_agree_on_case(case: &ErrorCase) {
    let (tmp, site) = copy_fixture("valid");
    case.apply(&site);
    let built = assert_check_and_build_agree(case.name, &site, tmp.path());
    assert!(
        !errors(&built).is_empty(),
        "{}: no error:\n{}",
        case.name,
        show(&built)
    );
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(1), "{}: {}", case.name, stdout(&o));
}

#[test]
fn check_and_build_agree_on_the_valid_fixture() {
    let (tmp, site) = copy_fixture("valid");
    let built = assert_check_and_build_agree("valid", &site, tmp.path());
    assert!(errors(&built).is_empty(), "{}", show(&built));
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

macro_rules! agree_on {
    ($($test:ident => $case:ident),* $(,)?) => {$(
        #[test]
        fn $test() {
            assert_agree_on_case(&error_cases::$case);
        }
    )*};
}

agree_on! {
    agree_on_unknown_field => UNKNOWN_FIELD,
    agree_on_yaml_syntax => YAML_SYNTAX,
    agree_on_missing_title => MISSING_TITLE,
    agree_on_bad_kind => BAD_KIND,
    agree_on_bad_date => BAD_DATE,
    agree_on_broken_link => BROKEN_LINK,
    agree_on_broken_anchor => BROKEN_ANCHOR,
    agree_on_broken_related => BROKEN_RELATED,
    agree_on_slug_escape => SLUG_ESCAPE,
    agree_on_country_as_language_code => COUNTRY_AS_LANGUAGE_CODE,
    agree_on_feedback_endpoint_on_another_host => FEEDBACK_ENDPOINT_ON_ANOTHER_HOST,
    agree_on_contact_without_phone_or_email => CONTACT_WITHOUT_PHONE_OR_EMAIL,
    agree_on_role_without_role_block => ROLE_WITHOUT_ROLE_BLOCK,
    agree_on_duplicate_url => DUPLICATE_URL,
    agree_on_base_url_with_query => BASE_URL_WITH_QUERY,
    agree_on_same_page_anchor => SAME_PAGE_ANCHOR,
    agree_on_anchor_from_section_index => ANCHOR_FROM_SECTION_INDEX,
    agree_on_title_null => TITLE_NULL,
    agree_on_unclosed_quote => UNCLOSED_QUOTE,
    agree_on_weight_not_a_number => WEIGHT_NOT_A_NUMBER,
    agree_on_duplicate_key => DUPLICATE_KEY,
    agree_on_bad_redirect_key => BAD_REDIRECT_KEY,
    agree_on_link_to_draft => LINK_TO_DRAFT,
    agree_on_alias_over_page => ALIAS_OVER_PAGE,
    agree_on_bad_alias => BAD_ALIAS,
    agree_on_template_syntax => TEMPLATE_SYNTAX,
    agree_on_missing_translation_as_error => MISSING_TRANSLATION_AS_ERROR,
    agree_on_broken_lock_file_line => BROKEN_LOCK_LINE,
}

/// Every error case of `tests/build.rs` has an agreement test above.
#[test]
fn every_error_case_has_an_agreement_test() {
    let this = include_str!("agreement.rs");
    for case in error_cases::ALL {
        let test = format!("agree_on_{} =>", case.name.replace(' ', "_"));
        assert!(this.contains(&test), "no `{test}` for {:?}", case.name);
    }
}

/// Every language can be searched (issue 14): one without a stemmer of its own (`en`) is no
/// configuration error; `check` passes and the build writes its search index.
#[test]
fn a_language_without_a_stemmer_checks_and_builds_with_search() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("samspil.yaml"),
        "languages: [da, sv]",
        "languages: [da, sv, en]",
    );
    for page in ["about", "accessibility"] {
        let da = site.join(format!("content/about/{page}.da.md"));
        write(&da.with_file_name(format!("{page}.en.md")), &read(&da));
    }
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    assert!(out.join("search/en/manifest.bin").is_file());
}

/// Builds the valid fixture into `public/`, applies `change`, then builds over it and checks:
/// both exit 1, both report an error whose text (file, line, field, message and help) contains
/// every one of `needles` (the two owners of the path) and has a fix, and the previous output is
/// byte-identical.
fn assert_collision(name: &str, change: impl Fn(&Path), needles: &[&str]) {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let before = snapshot(&out);
    change(&site);

    let o = samspil(&["build", "--output", out.to_str().unwrap()], &site);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{name}: build exit code:\n{err}");
    assert!(!err.contains("panicked"), "{name}: panic:\n{err}");
    assert!(snapshot(&out) == before, "{name}: previous output changed");
    let c = samspil(&["check"], &site);
    assert_eq!(
        c.status.code(),
        Some(1),
        "{name}: check exit code:\n{}",
        stdout(&c)
    );

    let (checked, built) = check_and_build(&site, &tmp.path().join("library-out"));
    for (who, ds) in [("check", &checked), ("build", &built)] {
        let found = errors(ds).into_iter().any(|d| {
            let text = d.to_string();
            d.help.is_some() && needles.iter().all(|n| text.contains(n))
        });
        assert!(
            found,
            "{name}: {who} has no error naming all of {needles:?} with a fix:\n{}",
            show(ds)
        );
    }
    for needle in needles {
        assert!(err.contains(needle), "{name}: {needle:?} not in:\n{err}");
        assert!(
            stdout(&c).contains(needle),
            "{name}: {needle:?} not in check's report:\n{}",
            stdout(&c)
        );
    }
}

/// (i) The example: the roles section's Danish slug is the theme's tag segment
/// (`url_tags: emner` in themes/default/i18n/da.yaml), so its listing and the tag index both
/// want `da/emner/index.html`. Today the tag index silently replaces the roles listing.
#[test]
fn collision_section_slug_and_tag_index() {
    assert_collision(
        "section vs tag index",
        |site| {
            edit(
                &site.join("content/roles/_index.da.md"),
                "slug: roller",
                "slug: emner",
            )
        },
        &["da/emner/", "content/roles/_index.da.md", "slug", "tag"],
    );
}

/// A section whose slug is the search page's segment (`url_search: soeg`).
#[test]
fn collision_section_slug_and_search_page() {
    assert_collision(
        "section vs search page",
        |site| {
            edit(
                &site.join("content/roles/_index.da.md"),
                "slug: roller",
                "slug: soeg",
            )
        },
        &["da/soeg/", "content/roles/_index.da.md", "slug", "search"],
    );
}

/// (ii) A page and a section can never share a path with one-segment slugs (a section is
/// `<lang>/<section>/`, a page `<lang>/<section>/<page>/`), so the page-level collision that can
/// happen is a page against a generated page at page depth: in a section whose slug is the
/// audience segment (`url_audience: maalgrupper`), a page whose slug is an audience
/// (`audience_volunteer: frivillige`) wants the audience page `da/maalgrupper/frivillige/`.
#[test]
fn collision_page_slug_and_audience_page() {
    assert_collision(
        "page vs audience page",
        |site| {
            edit(
                &site.join("content/principles/_index.da.md"),
                "slug: principper",
                "slug: maalgrupper",
            );
            edit(
                &site.join("content/principles/trust.da.md"),
                "slug: tillid",
                "slug: frivillige",
            );
        },
        &[
            "da/maalgrupper/frivillige/",
            "content/principles/trust.da.md",
            "slug",
        ],
    );
}

/// (iii) Two pages of one language in one section with the same slug.
#[test]
fn collision_two_pages_with_the_same_slug() {
    assert_collision(
        "two pages, one slug",
        |site| {
            edit(
                &site.join("content/roles/caseworker.da.md"),
                "title: Sagsbehandler",
                "title: Sagsbehandler\nslug: frivillig",
            )
        },
        &[
            "da/roller/frivillig/",
            "content/roles/caseworker.da.md",
            "content/roles/volunteer.da.md",
            "slug",
        ],
    );
}

/// (iii, variant) A page without `slug:` takes its file name, which another page of the same
/// language and section already has as its `slug:`.
#[test]
fn collision_a_file_name_and_another_pages_slug() {
    assert_collision(
        "file name vs slug",
        |site| {
            write(
                &site.join("content/roles/frivillig.da.md"),
                "---\ntitle: \"Frivillig igen\"\nkind: page\n---\nTekst.\n",
            )
        },
        &[
            "da/roller/frivillig/",
            "content/roles/frivillig.da.md",
            "content/roles/volunteer.da.md",
        ],
    );
}

/// (iv) A redirect from an existing page's path: the redirect page would replace the page.
#[test]
fn collision_redirect_over_a_page() {
    assert_collision(
        "redirect over page",
        |site| {
            edit(
                &site.join("samspil.yaml"),
                "redirects:\n",
                "redirects:\n  \"da/roller/frivillig\": \"@/about/accessibility.da.md\"\n",
            )
        },
        &[
            "da/roller/frivillig",
            "samspil.yaml",
            "redirects",
            "content/roles/volunteer.da.md",
        ],
    );
}

/// A file in a page bundle named like the page's own output file.
#[test]
fn collision_bundle_file_and_its_page() {
    assert_collision(
        "bundle file vs page",
        |site| {
            write(
                &site.join("content/guide/bundle/index.html"),
                "<p>not the page</p>\n",
            )
        },
        &[
            "content/guide/bundle/index.html",
            "content/guide/bundle/index.da.md",
        ],
    );
}

/// A site-wide static file at a page's output path.
#[test]
fn collision_static_file_and_a_page() {
    assert_collision(
        "static file vs page",
        |site| {
            write(
                &site.join("static/da/roller/frivillig/index.html"),
                "<p>not the page</p>\n",
            )
        },
        &[
            "static/da/roller/frivillig/index.html",
            "content/roles/volunteer.da.md",
        ],
    );
}

/// The summary's "N files" is every file the build wrote, the search index's included.
#[test]
fn summary_counts_every_file_on_disk() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    let log = build_ok(&site, &out);
    assert!(
        out.join("search/da/manifest.bin").is_file(),
        "search is on in the valid fixture"
    );
    let counted: usize = log
        .split(", ")
        .find_map(|part| part.strip_suffix(" files")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no file count in the summary: {log}"));
    let on_disk = snapshot(&out).len();
    assert_eq!(counted, on_disk, "summary: {log}");
}

/// `check` leaves the site folder exactly as it was: no public/, no temporary folder, no file
/// changed; through the CLI and through the library.
#[test]
fn check_writes_nothing() {
    let (tmp, site) = copy_fixture("valid");
    let before = snapshot(&site);
    let entries = |dir: &Path| -> Vec<std::ffi::OsString> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .expect("read_dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        v.sort();
        v
    };
    let around = entries(tmp.path());
    let o = samspil(&["check"], &site);
    assert!(o.status.success(), "{}", stdout(&o));
    let report = run(&CheckOptions::new(site.clone()));
    assert_eq!(report.errors, 0, "{}", show(&report.diagnostics));
    assert!(!site.join("public").exists(), "check wrote public/");
    assert!(snapshot(&site) == before, "check changed the site folder");
    assert_eq!(entries(tmp.path()), around, "check wrote beside the site");
}
