//! A municipality's site over the shared knowledge base (issue #12): `tests/fixtures/layered`
//! extends `tests/fixtures/valid`, publishes Danish only, adds, replaces, patches and hides.

mod common;

use common::{copy_dir, fixture, read, samspil, stderr, stdout};
use std::path::PathBuf;

/// Copies both fixtures side by side, as `extends: ../valid` expects.
fn layered() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture("valid"), &dir.path().join("valid"));
    copy_dir(&fixture("layered"), &dir.path().join("layered"));
    let site = dir.path().join("layered");
    (dir, site)
}

fn build(site: &std::path::Path) -> (std::process::Output, PathBuf) {
    let out = site.join("public");
    let o = samspil(&["build", "--output", out.to_str().unwrap()], site);
    (o, out)
}

#[test]
fn adds_replaces_patches_and_hides_and_publishes_only_its_languages() {
    let (_tmp, site) = layered();
    let (o, out) = build(&site);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    // Added: a local section, page and contact.
    assert!(out.join("da/local/policy/index.html").is_file());
    assert!(out.join("da/kontakter/coordinator/contact.vcf").is_file());
    // Replaced: the local role text, not the upstream's.
    let role = read(&out.join("da/roller/frivillig/index.html"));
    assert!(
        role.contains("Frivillige i Testkommune besøger borgere"),
        "{role}"
    );
    assert!(
        !role.contains("Den frivillige støtter borgeren"),
        "upstream text left"
    );
    // Patched: one field of the contact map changed, the rest (the phone) kept.
    let contact = read(&out.join("da/kontakter/alarm-112/index.html"));
    assert!(contact.contains("Hele døgnet, hele året"), "{contact}");
    assert!(contact.contains("href=tel:112"), "{contact}");
    // Hidden: gone in every language, the inbound link kept as plain text with a warning.
    assert!(!out.join("da/roller/sagsbehandler").exists());
    assert!(role.contains("ligger hos sagsbehandleren, ikke"), "{role}");
    assert!(
        !role.contains("sagsbehandler/"),
        "a link to the hidden page is left"
    );
    assert!(
        err.contains(
            "content/roles/volunteer.da.md:19:1: field `link`: `@/roles/caseworker.md` is left out"
        ),
        "{err}"
    );
    // A language subset: upstream's sv files are ignored without a word.
    assert!(!out.join("sv").exists());
    assert!(!err.contains(".sv.md"), "{err}");
    // The upstream's static files are published under the site's own.
    assert!(out.join("humans.txt").is_file());
}

#[test]
fn every_page_says_whose_text_it_is() {
    let (_tmp, site) = layered();
    let (o, out) = build(&site);
    assert!(o.status.success(), "{}", stderr(&o));
    for (page, line) in [
        ("da/principper/tillid", "Fælles tekst fra Prøvesite"),
        (
            "da/roller/frivillig",
            "Lokal tilpasning af fælles tekst fra Prøvesite",
        ),
        ("da/local/policy", "Lokal tekst fra Testkommune"),
    ] {
        let html = read(&out.join(format!("{page}/index.html")));
        assert!(
            html.contains(&format!("<p class=provenance>{line}</p>")),
            "{page}"
        );
    }
    let c = samspil(&["check", "--format", "json"], &site);
    let json: serde_json::Value = serde_json::from_str(&stdout(&c)).expect("json");
    let origins = &json["items_by_origin"];
    assert!(
        origins["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "../valid/content/principles/trust.da.md")
    );
    assert!(
        origins["changed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "content/contacts/emergency.da.md")
    );
    assert!(
        origins["local"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "content/local/policy.da.md")
    );
}

#[test]
fn a_site_that_extends_nothing_says_nothing_of_origins() {
    let (_tmp, site) = common::copy_fixture("valid");
    let (o, out) = build(&site);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&out.join("da/principper/tillid/index.html"));
    assert!(!html.contains("provenance"));
    let c = samspil(&["check", "--format", "json"], &site);
    assert!(!stdout(&c).contains("items_by_origin"));
}

#[test]
fn an_error_in_an_upstream_file_says_so() {
    let (tmp, site) = layered();
    let trust = tmp.path().join("valid/content/principles/trust.da.md");
    std::fs::write(&trust, read(&trust).replace("title:", "titel:")).unwrap();
    for cmd in [&["check"][..], &["build"][..]] {
        let o = samspil(cmd, &site);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            all.contains("../valid/content/principles/trust.da.md"),
            "{all}"
        );
        assert!(all.contains("in upstream ../valid: "), "{all}");
    }
}

#[test]
fn bad_layer_settings_are_clear_errors() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "extends: ../valid",
            "extends: ../nowhere",
            "field `extends`: `extends: ../nowhere` is not a samspil site",
        ),
        (
            "hide: [\"@/roles/caseworker.md\"]",
            "hide: [\"@/roles/nobody.md\"]",
            "field `hide[0]`: `@/roles/nobody.md` names no upstream item",
        ),
    ];
    for (from, to, want) in cases {
        let (_tmp, site) = layered();
        let cfg = site.join("samspil.yaml");
        std::fs::write(&cfg, read(&cfg).replace(from, to)).unwrap();
        let o = samspil(&["check"], &site);
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).contains(want), "{}", stdout(&o));
    }
    // A patch needs something to patch.
    let (_tmp, site) = layered();
    std::fs::write(
        site.join("content/local/nothing.da.md"),
        "---\npatch: true\nsummary: x\n---\n",
    )
    .unwrap();
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("`patch: true`, but the upstream has no item at this path"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_brand_names_the_municipality_and_its_colour_must_pass_contrast() {
    let (_tmp, site) = layered();
    let (o, out) = build(&site);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(&out.join("da/index.html"));
    assert!(
        home.contains("<span class=brand-name>Testkommune</span>"),
        "{home}"
    );
    assert!(home.contains("src=/frivillig/img/logo.svg"), "{home}");
    let css_href = home
        .split("rel=stylesheet")
        .filter_map(|s| s.rsplit("href=").next())
        .find(|h| h.contains("layered."))
        .expect("a layered stylesheet link");
    let css = std::fs::read_dir(out.join("css"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("layered."))
        .map(|e| read(&e.path()))
        .expect("layered css");
    assert!(css.contains("--c-band: #00587a"), "{css} ({css_href})");

    let cfg = site.join("samspil.yaml");
    std::fs::write(&cfg, read(&cfg).replace("#00587a", "#4fa3d1")).unwrap();
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("field `brand.colour`: brand colour #4fa3d1 has a contrast of"),
        "{text}"
    );
    assert!(
        text.contains("the nearest shade that passes is #"),
        "{text}"
    );
}

#[test]
fn search_covers_shared_and_local_items() {
    let (_tmp, site) = layered();
    let opts = samspil::build::BuildOptions {
        root: site.clone(),
        purpose: samspil::build::Purpose::Check,
        ..Default::default()
    };
    let diags = samspil::diagnostics::Diagnostics::default();
    let mut loaded = samspil::build::load(&opts, &diags).expect("loads");
    let docs = loaded.search_documents();
    let index = search_index::build_index("da", &docs).expect("index");
    for (query, want) in [
        ("frivilligkoordinator", "da/kontakter/coordinator/"),
        ("Testkommune koordinator", "da/kontakter/coordinator/"),
        ("tillid", "da/principper/tillid/"),
    ] {
        let hits = search_index::search(&index, "da", query, &[], 3).expect("search");
        assert!(
            hits.iter().any(|h| h.url.starts_with(want)),
            "`{query}`: {:?}",
            hits.iter().map(|h| &h.url).collect::<Vec<_>>()
        );
    }
    // The hidden item is not in the index.
    let hits = search_index::search(&index, "da", "sagsbehandler", &[], 10).expect("search");
    assert!(hits.iter().all(|h| !h.url.contains("sagsbehandler/")));
}

#[test]
fn init_extends_makes_a_site_over_the_knowledge_base_that_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("frederikshavn");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["init", site.to_str().unwrap(), "--extends"])
        .arg(repo)
        .args(["--name", "Frederikshavn Kommune", "--languages", "da"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // Only what is always the site's own; nothing copied from upstream.
    // (and the record of which upstream versions its statement and privacy page replace).
    let mut files: Vec<String> = common::snapshot(&site)
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| !f.starts_with(".samspil/accepted/"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "content/_index.da.md",
            "content/about/accessibility.da.md",
            "content/about/privacy.da.md",
            "content/contacts/volunteer-coordinator.da.md",
            "samspil.lock",
            "samspil.yaml"
        ]
    );
    let cfg = read(&site.join("samspil.yaml"));
    let extends = cfg.lines().find(|l| l.starts_with("extends:")).unwrap();
    assert!(extends.contains("\""), "{extends}");
    assert!(
        !extends.contains(&tmp.path().display().to_string()),
        "relative: {extends}"
    );
    // Judged against today, like the bundled site it extends.
    let today = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_samspil"))
            .args(args)
            .arg("--root")
            .arg(&site)
            .output()
            .unwrap()
    };
    let c = today(&["check", "--strict"]);
    assert!(c.status.success(), "{}{}", stdout(&c), stderr(&c));
    let out = site.join("public");
    let b = today(&["build", "--output", out.to_str().unwrap()]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(
        out.join("da/roller/bisidder/index.html").is_file(),
        "shared items are published"
    );
    assert!(!out.join("sv").exists());
    let statement = read(&out.join("da/om/tilgaengelighedserklaering/index.html"));
    assert!(
        statement.contains("Lokal tilpasning af fælles tekst"),
        "the statement is the site's own"
    );

    // Languages the upstream does not publish are refused.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["init", tmp.path().join("x").to_str().unwrap(), "--extends"])
        .arg(repo)
        .args(["--languages", "fi"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("publishes da, sv, nb, not fi"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_worked_example_checks_clean_and_reaches_no_real_person() {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kommune");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["check", "--strict", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    for (file, bytes) in common::snapshot(&site.join("content")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("phone:"),
            "{file}: no phone numbers in the example"
        );
        for word in text.split(|c: char| c.is_whitespace() || "\"'()<>[],".contains(c)) {
            if let Some((user, host)) = word.split_once('@')
                && !user.is_empty()
            {
                assert!(host.ends_with("example.org"), "{file}: {word}");
            }
        }
    }
}

#[test]
fn drift_is_warned_with_what_changed_upstream_then_accepted() {
    let (tmp, site) = layered();
    let o = samspil(&["upstream", "accept"], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("recorded content/contacts/emergency.da.md"),
        "{}",
        stderr(&o)
    );
    let lock = read(&site.join("samspil.lock"));
    assert!(
        lock.contains(
            "upstream content/roles/volunteer.da.md ../valid/content/roles/volunteer.da.md sha256:"
        ),
        "{lock}"
    );
    let strict = samspil(&["check", "--strict"], &site);
    let drift_free = !stdout(&strict).contains("changed since this local change");
    assert!(drift_free, "{}", stdout(&strict));

    // The shared text changes under the local replacement.
    let up = tmp.path().join("valid/content/roles/volunteer.da.md");
    std::fs::write(
        &up,
        read(&up).replace(
            "Den frivillige støtter borgeren.",
            "Den frivillige støtter borgeren og familien.",
        ),
    )
    .unwrap();
    let c = samspil(&["check", "--strict"], &site);
    assert_eq!(c.status.code(), Some(1), "strict check fails on drift");
    let text = stdout(&c);
    assert!(text.contains("the upstream file ../valid/content/roles/volunteer.da.md changed since this local change was accepted"), "{text}");
    assert!(
        text.contains("+Den frivillige støtter borgeren og familien."),
        "a diff of the upstream file: {text}"
    );
    assert!(
        text.contains("samspil upstream accept content/roles/volunteer.da.md"),
        "{text}"
    );
    let (b, _) = build(&site);
    assert!(b.status.success(), "build only warns: {}", stderr(&b));

    let o = samspil(
        &["upstream", "accept", "content/roles/volunteer.da.md"],
        &site,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let c = samspil(&["check"], &site);
    assert!(
        !stdout(&c).contains("changed since this local change"),
        "{}",
        stdout(&c)
    );
}

#[test]
fn a_chain_of_layers_works_and_each_site_sees_its_own_changes() {
    // valid (shared) → layered (a municipality) → a district over the municipality.
    let (tmp, _) = layered();
    let district = tmp.path().join("district");
    std::fs::create_dir_all(district.join("content/local")).unwrap();
    std::fs::write(
        district.join("samspil.yaml"),
        "title: Bydel\nbase_url: https://bydel.example.org/\nlanguages: [da]\ndefault_language: da\nextends: ../layered\npublisher: Bydelen\nfooter: [\"@/about/about.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        district.join("content/local/_index.da.md"),
        "---\ntitle: Bydelen\n---\n",
    )
    .unwrap();
    std::fs::write(
        district.join("content/local/policy.da.md"),
        "---\ntitle: Bydelens politik\nsummary: Bydelens egen tekst.\nsource: {title: Bydelen, publisher: Bydelen}\n---\nBydelens egen tekst.\n",
    )
    .unwrap();
    let (o, out) = build(&district);
    assert!(o.status.success(), "{}", stderr(&o));
    let provenance = |page: &str| {
        let html = read(&out.join(format!("{page}/index.html")));
        let start = html
            .find("<p class=provenance>")
            .expect("a provenance line")
            + 20;
        html[start..start + html[start..].find('<').unwrap()].to_string()
    };
    // The district's own replacement of the municipality's page, the municipality's changes
    // of the shared text as shared text from the municipality, and the shared text as such.
    assert_eq!(
        provenance("da/local/policy"),
        "Lokal tilpasning af fælles tekst fra Testkommune"
    );
    assert_eq!(
        provenance("da/roller/frivillig"),
        "Fælles tekst fra Testkommune"
    );
    assert_eq!(
        provenance("da/principper/tillid"),
        "Fælles tekst fra Prøvesite"
    );
    let c = samspil(&["check", "--format", "json"], &district);
    let json: serde_json::Value = serde_json::from_str(&stdout(&c)).expect("json");
    let changed = json["items_by_origin"]["changed"].as_array().unwrap();
    assert_eq!(
        changed.len(),
        1,
        "only the district's own change: {changed:?}"
    );
    // Drift is watched for the district's own changes only.
    assert!(!stdout(&samspil(&["check"], &district)).contains("../valid/content/roles"));
}

#[test]
fn ui_strings_and_theme_files_sit_over_the_upstreams_one_by_one() {
    let (tmp, site) = layered();
    let upstream = tmp.path().join("valid");
    // The shared site renames one string; the municipality another, and overrides one of the
    // shared site's keys again; one theme file is replaced without copying the rest.
    std::fs::create_dir_all(upstream.join("i18n")).unwrap();
    std::fs::write(
        upstream.join("i18n/da.yaml"),
        "skip_to_content: Spring til teksten\nmain_nav_label: Fælles menu\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.join("i18n")).unwrap();
    std::fs::write(
        site.join("i18n/da.yaml"),
        "main_nav_label: Kommunens menu\nmain_nav_lable: tastefejl\n",
    )
    .unwrap();
    std::fs::create_dir_all(upstream.join("themes/default/static")).unwrap();
    std::fs::write(
        upstream.join("themes/default/static/favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>fælles</title></svg>",
    )
    .unwrap();
    let (o, out) = build(&site);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let page = read(&out.join("da/roller/frivillig/index.html"));
    assert!(page.contains("Spring til teksten"), "upstream's key kept");
    assert!(
        page.contains("Kommunens menu"),
        "the nearest layer's key wins"
    );
    assert!(!page.contains("Fælles menu"));
    // Every other string still comes from the theme.
    assert!(page.contains("Søg på sitet"), "{page}");
    assert!(
        err.contains(
            "i18n/da.yaml: field `main_nav_lable`: `main_nav_lable` is not a UI string of the theme"
        ) && err.contains("did you mean `main_nav_label`?"),
        "{err}"
    );
    // One theme file from the upstream's themes/default/, the rest from the built-in theme.
    assert!(read(&out.join("favicon.svg")).contains("fælles"));
    assert!(out.join("da/roller/frivillig/index.html").is_file());
    let css = std::fs::read_dir(out.join("css")).unwrap().count();
    assert!(css > 0, "the built-in stylesheet is still there");
}
