//! `samspil init` and `samspil new`: the sites they make build, and they refuse to overwrite.

mod common;

use common::{init, new_site, read, samspil, stderr, stdout};
use std::path::Path;

fn assert_builds_and_passes_strict_check(site: &Path) {
    let b = samspil(&["build"], site);
    assert!(b.status.success(), "build failed:\n{}", stderr(&b));
    let c = samspil(&["check", "--strict"], site);
    assert!(
        c.status.success(),
        "check --strict failed:\n{}{}",
        stdout(&c),
        stderr(&c)
    );
}

#[test]
fn init_makes_a_complete_site_that_builds_and_passes_strict_check() {
    let (_tmp, site) = new_site(&[
        "--name",
        "Frivillig i Testby",
        "--languages",
        "da,sv,nb",
        "--base-url",
        "https://testby.dk/frivillig",
    ]);
    let config = read(&site.join("samspil.yaml"));
    assert!(config.contains("title: \"Frivillig i Testby\""), "{config}");
    assert!(
        config.contains("base_url: \"https://testby.dk/frivillig/\""),
        "{config}"
    );
    assert!(config.contains("languages: [da, sv, nb]"), "{config}");
    for lang in ["da", "sv", "nb"] {
        for file in [
            "_index",
            "principles/_index",
            "about/_index",
            "contacts/_index",
        ] {
            assert!(
                site.join(format!("content/{file}.{lang}.md")).is_file(),
                "{file}.{lang}"
            );
        }
        let role = read(&site.join(format!("content/roles/volunteer.{lang}.md")));
        assert!(
            role.contains("kind: role") && role.contains("responsibilities:"),
            "{role}"
        );
        let checklist = read(&site.join(format!("content/checklists/getting-started.{lang}.md")));
        assert!(
            checklist.contains("kind: checklist") && checklist.contains("- [ ] "),
            "{checklist}"
        );
        let contact = read(&site.join(format!("content/contacts/volunteer-coordinator.{lang}.md")));
        assert!(
            contact.contains("kind: contact") && contact.contains("email: \"frivillig@testby.dk\""),
            "{contact}"
        );
        let principle = read(&site.join(format!("content/principles/trust.{lang}.md")));
        assert!(principle.contains("kind: principle"), "{principle}");
        let page = read(&site.join(format!("content/guidance/writing.{lang}.md")));
        assert!(page.contains("kind: page"), "{page}");
        let statement = read(&site.join(format!("content/about/accessibility.{lang}.md")));
        assert!(
            statement.contains("accessibility:") && statement.contains("enforcement_url:"),
            "{statement}"
        );
        assert!(
            site.join(format!("content/about/privacy.{lang}.md"))
                .is_file()
        );
        assert!(
            site.join(format!("content/about/about.{lang}.md"))
                .is_file()
        );
    }
    assert!(site.join("themes/default/templates/page.html").is_file());
    assert!(site.join("themes/default/i18n/sv.yaml").is_file());

    assert_builds_and_passes_strict_check(&site);
    let out = site.join("public");
    let role = read(&out.join("sv/roller/frivillig/index.html"));
    assert!(role.contains("/frivillig/sv/"), "links carry the base path");
    assert!(
        out.join("da/kontakt/frivilligkoordinator/contact.vcf")
            .is_file()
    );
    assert!(out.join("was/index.html").is_file(), "Danish /was redirect");
}

#[test]
fn init_without_flags_uses_defaults_and_asks_nothing_without_a_terminal() {
    let (_tmp, site) = new_site(&[]);
    let config = read(&site.join("samspil.yaml"));
    assert!(config.contains("languages: [da, sv, nb]"), "{config}");
    assert!(
        config.contains("base_url: \"https://example.org/\""),
        "{config}"
    );
    assert!(
        config.contains("  sv: \"Frivilliga och kommunen\""),
        "{config}"
    );
    assert_builds_and_passes_strict_check(&site);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let o = init(tmp.path(), &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert!(!tmp.path().join("samspil.yaml").exists());
    assert_eq!(read(&tmp.path().join("notes.txt")), "mine");
}

#[test]
fn init_rejects_country_codes_as_languages() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let o = init(&tmp.path().join("s"), &["--languages", "dk,se"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Danish is `da`"), "{}", stderr(&o));
    assert!(!tmp.path().join("s").exists());
}

#[test]
fn init_with_a_language_without_example_text_says_so_and_still_builds() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let o = init(&site, &["--languages", "sv,en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("no example text in `en`") && err.contains("Swedish"),
        "{err}"
    );
    // English has its own stemmer: no note about plain-word search.
    assert!(!err.contains("words as written"), "{err}");
    let en = read(&site.join("content/roles/volunteer.en.md"));
    assert!(
        en.contains("Frivillig"),
        "Swedish text in the English file: {en}"
    );
    assert!(!read(&site.join("samspil.yaml")).contains("search: false"));
    assert!(read(&site.join("themes/default/i18n/en.yaml")).contains("lang_name: \"English\""));
    assert_builds_and_passes_strict_check(&site);
}

/// Any language builds with search (issue 14): Ukrainian and Arabic get the general analyzer,
/// Arabic pages are written right to left, and each language's index finds its own pages.
#[test]
fn init_with_any_languages_builds_with_search_and_rtl_where_needed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let o = init(&site, &["--languages", "da,en,uk,ar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("search finds `uk`, `ar` words as written"),
        "{}",
        stderr(&o)
    );
    assert!(!read(&site.join("samspil.yaml")).contains("search"));
    assert_builds_and_passes_strict_check(&site);
    let public = site.join("public");
    for lang in ["da", "en", "uk", "ar"] {
        assert!(
            public.join(format!("search/{lang}/manifest.bin")).is_file(),
            "no search index for {lang}"
        );
        let home = read(&public.join(format!("{lang}/index.html")));
        let html = &home[home.find("<html").expect("html")..];
        let html = &html[..html.find('>').expect("tag end")];
        assert_eq!(html.contains("dir=rtl"), lang == "ar", "{lang}: {html}");
        // The files of a language without example text carry the default language's text.
        let s = samspil(&["search", "frivillige", "--lang", lang, "--json"], &site);
        assert!(s.status.success(), "{}", stderr(&s));
        let hits: serde_json::Value = serde_json::from_str(&stdout(&s)).expect("json");
        let hits = hits.as_array().expect("hits");
        assert!(!hits.is_empty(), "{lang}: nothing found");
        for h in hits {
            assert!(
                h["url"].as_str().unwrap().starts_with(&format!("{lang}/")),
                "{h}"
            );
        }
    }
}

#[test]
fn new_creates_one_file_per_language_with_the_kind_and_the_site_builds() {
    let (_tmp, site) = new_site(&[]);
    let o = samspil(&["new", "roles/mentor", "--kind", "role"], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(printed.len(), 3, "{printed:?}");
    for lang in ["da", "sv", "nb"] {
        let f = site.join(format!("content/roles/mentor.{lang}.md"));
        assert!(printed.iter().any(|p| Path::new(p) == f), "{printed:?}");
        let text = read(&f);
        assert!(text.contains("title: \"Mentor\""), "{text}");
        assert!(
            text.contains("kind: role") && text.contains("limits:"),
            "{text}"
        );
    }
    assert_builds_and_passes_strict_check(&site);
    assert!(site.join("public/da/roller/mentor/index.html").is_file());

    // Never overwrites, and reports which file is in the way.
    let before = read(&site.join("content/roles/mentor.da.md"));
    let again = samspil(&["new", "roles/mentor"], &site);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("content/roles/mentor.da.md already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read(&site.join("content/roles/mentor.da.md")), before);
}

#[test]
fn new_in_a_new_section_creates_its_index_files() {
    let (_tmp, site) = new_site(&[]);
    let o = samspil(&["new", "helpers/night-line", "--kind", "contact"], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        6,
        "3 pages and 3 section indexes"
    );
    for lang in ["da", "sv", "nb"] {
        let index = read(&site.join(format!("content/helpers/_index.{lang}.md")));
        assert!(
            index.contains("title: \"Helpers\"") && index.contains("default_kind: contact"),
            "{index}"
        );
        let page = read(&site.join(format!("content/helpers/night-line.{lang}.md")));
        assert!(
            page.contains("contact:") && page.contains("email:"),
            "{page}"
        );
    }
    // A new contact has not been checked against an official page: strict check says so
    // until the author records the check.
    let c = samspil(&["check", "--strict"], &site);
    assert!(!c.status.success());
    assert!(
        stdout(&c).contains("field `contact.verified`"),
        "{}",
        stdout(&c)
    );
    for lang in ["da", "sv", "nb"] {
        let path = site.join(format!("content/helpers/night-line.{lang}.md"));
        let page = read(&path)
            .replace("  # verified: YYYY-MM-DD", "  verified: 2026-11-23")
            .replace("  # checked_against:", "  checked_against:")
            .replace("https://...", "https://example.org/kontakt");
        std::fs::write(&path, page).unwrap();
    }
    assert_builds_and_passes_strict_check(&site);
    assert!(
        site.join("public/sv/helpers/night-line/contact.vcf")
            .is_file()
    );
}

#[test]
fn new_takes_the_kind_from_the_section_and_can_limit_languages() {
    let (_tmp, site) = new_site(&[]);
    let o = samspil(&["new", "checklists/first-day", "--languages", "sv"], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    let page = read(&site.join("content/checklists/first-day.sv.md"));
    assert!(
        page.contains("kind: checklist") && page.contains("- [ ] "),
        "{page}"
    );
    assert!(!site.join("content/checklists/first-day.da.md").exists());
    // Builds; the missing translations are warnings.
    let b = samspil(&["build"], &site);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(
        site.join("public/sv/checklistor/first-day/index.html")
            .is_file()
    );
}

#[test]
fn new_rejects_bad_paths_and_unknown_languages() {
    let (_tmp, site) = new_site(&[]);
    let o = samspil(&["new", "mentor"], &site);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("<section>/<slug>"), "{}", stderr(&o));
    let o = samspil(&["new", "roles/Min Mentor"], &site);
    assert!(stderr(&o).contains("`min-mentor`"), "{}", stderr(&o));
    let o = samspil(&["new", "roles/mentor", "--languages", "fi"], &site);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not one of the site's languages"),
        "{}",
        stderr(&o)
    );
    assert!(!site.join("content/roles/mentor.da.md").exists());
}

#[test]
fn init_fills_every_placeholder_of_the_example_site() {
    let (_tmp, site) = new_site(&[
        "--languages",
        "da,en",
        "--name",
        "Frivillig i \"Testby\"",
        "--base-url",
        "https://www.testby.dk/frivillig",
    ]);
    for e in walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
    {
        let page = read(e.path());
        assert!(!page.contains("{{"), "{}:\n{page}", e.path().display());
    }
    let home = read(&site.join("content/_index.en.md"));
    assert!(
        home.contains("title: \"Frivillig i \\\"Testby\\\"\"\n"),
        "{home}"
    );
    let contact = read(&site.join("content/contacts/volunteer-coordinator.en.md"));
    assert!(
        contact.contains("organisation: \"Frivillig i \\\"Testby\\\"\"\n")
            && contact.contains("email: \"frivillig@testby.dk\"\n")
            && contact.contains("languages: [en]\n"),
        "{contact}"
    );
    let contact = read(&site.join("content/contacts/volunteer-coordinator.da.md"));
    assert!(contact.contains("languages: [da, en]\n"), "{contact}");
    assert!(read(&site.join("content/about/about.da.md")).contains("web@testby.dk"));
    let config = read(&site.join("samspil.yaml"));
    assert!(
        !config.contains("search: false")
            && config.contains("\nredirects:\n")
            && config.contains("\npublisher: \"Frivillig i \\\"Testby\\\"\"\n")
            && !config.contains("{{")
            && !config.contains("\n\n"),
        "{config}"
    );
    let b = samspil(&["build"], &site);
    assert!(b.status.success(), "build failed:\n{}", stderr(&b));
}

#[test]
fn new_outside_a_site_says_error_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::samspil(&["new", "roles/mentor"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(
        err.starts_with("error: samspil.yaml: cannot read the site configuration"),
        "{err}"
    );
    assert!(!err.contains("error: error:"), "{err}");
}
