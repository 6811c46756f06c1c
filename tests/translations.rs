//! Translations that say when they fall behind (`samspil.lock`, `samspil translations
//! accept`, `check`'s warnings, the reader's notice) and `missing_translations: fallback`.

mod common;

use common::{
    build_ok, edit, has_tag, missing_translation_site, new_site, read, samspil, snapshot, stderr,
    stdout, write,
};
use std::path::Path;

fn accept(site: &Path, paths: &[&str]) -> String {
    let mut args = vec!["translations", "accept"];
    args.extend_from_slice(paths);
    let o = samspil(&args, site);
    assert!(o.status.success(), "accept failed:\n{}", stderr(&o));
    stderr(&o)
}

fn check_json(site: &Path) -> serde_json::Value {
    let o = samspil(&["check", "--format", "json"], site);
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn outdated(site: &Path) -> Vec<String> {
    let v = check_json(site);
    v["translations"]["outdated"]
        .as_array()
        .expect("translations.outdated")
        .iter()
        .map(|f| f.as_str().unwrap_or_default().to_string())
        .collect()
}

const NOTICE: &str = "Originaltexten på danska har ändrats";

#[test]
fn an_outdated_translation_is_listed_and_marked_until_it_is_accepted() {
    let (tmp, site) = new_site(&[]);
    // Untracked translations are counted in one info line, not reported as problems.
    let first = samspil(&["check"], &site);
    assert!(
        stdout(&first).contains("not recorded in samspil.lock")
            && stdout(&first).contains("0 warning(s)"),
        "{}",
        stdout(&first)
    );
    let log = accept(&site, &[]);
    assert!(log.contains("newly recorded"), "{log}");
    assert!(read(&site.join("samspil.lock")).contains(
        "translation content/principles/trust.sv.md content/principles/trust.da.md sha256:"
    ));
    assert!(outdated(&site).is_empty());
    assert!(!stdout(&samspil(&["check"], &site)).contains("not recorded"));

    let source = site.join("content/principles/trust.da.md");
    edit(&source, "weight: 10", "weight: 11");
    let o = samspil(&["check"], &site);
    let text = stdout(&o);
    assert!(o.status.success(), "outdated is a warning: {text}");
    for lang in ["sv", "nb"] {
        let f = format!("content/principles/trust.{lang}.md");
        assert!(text.contains(&format!("{f}\n")), "{text}");
        assert!(
            text.contains(&format!("run `samspil translations accept {f}`")),
            "{text}"
        );
    }
    assert!(
        text.contains("its source content/principles/trust.da.md changed")
            && text.contains("-weight: 10")
            && text.contains("+weight: 11"),
        "the warning shows the source's diff: {text}"
    );
    assert!(!samspil(&["check", "--strict"], &site).status.success());

    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let page = read(&out.join("sv/principer/tillit/index.html"));
    assert!(page.contains(NOTICE), "the reader is told");
    assert!(
        has_tag(
            &page,
            "a",
            &[
                ("href", "/da/principper/tillid/"),
                ("hreflang", "da"),
                ("lang", "da")
            ]
        ),
        "the notice links to the newer version"
    );
    assert!(!read(&out.join("da/principper/tillid/index.html")).contains("translation-notice"));

    // Accepting one translation by its path leaves the other outdated.
    accept(&site, &["content/principles/trust.sv.md"]);
    assert_eq!(outdated(&site), ["content/principles/trust.nb.md"]);
    // Naming the source accepts every translation that follows it.
    let log = accept(&site, &["content/principles/trust.da.md"]);
    assert!(
        log.contains("trust.nb.md (its source had changed)"),
        "{log}"
    );
    assert!(outdated(&site).is_empty());
    build_ok(&site, &out);
    assert!(!read(&out.join("sv/principer/tillit/index.html")).contains(NOTICE));
}

#[test]
fn a_broken_lock_file_line_is_a_clear_error_and_changes_nothing() {
    let (tmp, site) = new_site(&[]);
    accept(&site, &[]);
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let before = snapshot(&out);
    let lock = site.join("samspil.lock");
    let text = read(&lock);
    let broken = text.replacen("\ntranslation ", "\ntranslaton ", 1);
    write(&lock, &broken);
    let line = broken
        .lines()
        .position(|l| l.starts_with("translaton "))
        .expect("the broken line")
        + 1;

    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(1));
    let report = stdout(&o);
    assert!(
        report.contains("samspil.lock\n")
            && report.contains(&format!("{line}:1  error: unknown relation `translaton`"))
            && report.contains("help: the first field is `translation` or `upstream`"),
        "{report}"
    );
    let b = samspil(&["build", "--output", out.to_str().unwrap()], &site);
    assert!(!b.status.success());
    assert!(
        stderr(&b).contains(&format!("samspil.lock:{line}:1")),
        "{}",
        stderr(&b)
    );
    assert_eq!(snapshot(&out), before, "the previous output stays");
    let a = samspil(&["translations", "accept"], &site);
    assert!(!a.status.success());
    assert!(stderr(&a).contains("unknown relation"), "{}", stderr(&a));
    assert_eq!(
        read(&lock),
        broken,
        "accept does not overwrite a lock it cannot read"
    );

    let a = samspil(&["translations", "accept", "content/nowhere"], &{
        write(&lock, &text);
        site.clone()
    });
    assert!(
        !a.status.success() && stderr(&a).contains("content/nowhere: no translation here"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn fallback_shows_the_source_text_with_its_lang_and_a_notice() {
    let (tmp, site) = missing_translation_site();
    edit(
        &site.join("samspil.yaml"),
        "missing_translations: warn",
        "missing_translations: fallback",
    );
    // A link to the missing page resolves to its stand-in instead of failing the build.
    edit(
        &site.join("content/roles/volunteer.sv.md"),
        "\n---\n",
        "\n---\nSe även [handläggaren](@/roles/caseworker.md).\n\n",
    );
    let out = tmp.path().join("public");
    let log = build_ok(&site, &out);
    assert!(
        log.contains("has no `sv` translation"),
        "still a warning: {log}"
    );
    let page = read(&out.join("sv/roller/caseworker/index.html"));
    assert!(
        page.to_lowercase()
            .starts_with("<!doctype html><html lang=sv>"),
        "the chrome is Swedish"
    );
    assert!(page.contains("<h1 lang=da>Sagsbehandler</h1>"));
    assert!(page.contains("<div class=content lang=da><h2"), "{page}");
    assert!(page.contains(
        "Den här sidan är inte översatt till svenska än. Texten visas därför på danska."
    ));
    // Not a translation: no hreflang says it is one, and the original is canonical.
    assert!(has_tag(
        &page,
        "link",
        &[
            ("rel", "canonical"),
            ("href", "https://kommune.dk/frivillig/da/roller/caseworker/")
        ]
    ));
    assert!(!has_tag(&page, "link", &[("hreflang", "sv")]));
    let da = read(&out.join("da/roller/caseworker/index.html"));
    assert!(!has_tag(&da, "link", &[("hreflang", "sv")]));
    let switch = common::tags(&da, "a")
        .into_iter()
        .find(|a| {
            a.iter()
                .any(|(k, v)| k == "href" && v == "/frivillig/sv/roller/caseworker/")
        })
        .expect("the switcher leads to the stand-in");
    assert!(!switch.iter().any(|(k, _)| k == "hreflang"), "{switch:?}");
    assert!(
        read(&out.join("sv/roller/frivillig/index.html"))
            .contains("href=/frivillig/sv/roller/caseworker/>handläggaren</a>")
    );
    assert!(read(&out.join("sv/roller/index.html")).contains("/frivillig/sv/roller/caseworker/"));
    assert!(!read(&out.join("sitemap.xml")).contains("sv/roller/caseworker/"));
}

#[test]
fn accept_keeps_the_lines_of_drafts_and_refuses_a_site_that_does_not_load() {
    let (_tmp, site) = new_site(&[]);
    accept(&site, &[]);
    let line = "translation content/principles/trust.sv.md content/principles/trust.da.md";
    // A draft is not published, but its file and its record stay.
    edit(
        &site.join("content/principles/trust.sv.md"),
        "title:",
        "draft: true\ntitle:",
    );
    accept(&site, &[]);
    assert!(read(&site.join("samspil.lock")).contains(line));
    // A source whose front matter breaks: nothing is recorded or dropped, the error is shown.
    let lock = read(&site.join("samspil.lock"));
    edit(
        &site.join("content/principles/trust.da.md"),
        "title:",
        "titel:",
    );
    let o = samspil(&["translations", "accept"], &site);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("content/principles/trust.da.md"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&site.join("samspil.lock")), lock);
}

#[test]
fn an_outdated_section_introduction_promises_no_notice() {
    let (_tmp, site) = new_site(&[]);
    accept(&site, &[]);
    let source = site.join("content/roles/_index.da.md");
    write(&source, &format!("{}\nEn ny indledning.\n", read(&source)));
    let o = samspil(&["check"], &site);
    let out = stdout(&o);
    assert!(
        out.contains("content/roles/_index.sv.md") && out.contains("translation is outdated"),
        "{out}"
    );
    assert!(
        out.contains("until then readers get the outdated introduction without a notice"),
        "{out}"
    );
}
