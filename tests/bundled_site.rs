//! The bundled knowledge base (issue #4): complete in da/sv/nb, every kind well covered, every
//! page naming its source, and `samspil check --strict` clean — judged against today's date, so
//! content whose `review_by` has passed fails CI until someone reviews it.

use samspil::build::{BuildOptions, load};
use samspil::diagnostics::Diagnostics;
use samspil::frontmatter::Kind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_site_checks_clean_with_no_warnings() {
    let o = Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["check", "--strict", "--root"])
        .arg(root())
        .output()
        .expect("run samspil check");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "samspil check --strict failed on the bundled site:\n{err}"
    );
    assert!(!err.contains("warning:"), "warnings:\n{err}");
}

#[test]
fn bundled_site_covers_every_kind_in_every_language() {
    let diags = Diagnostics::default();
    let opts = BuildOptions {
        root: root().to_path_buf(),
        purpose: samspil::build::Purpose::Check,
        ..Default::default()
    };
    let loaded = load(&opts, &diags).expect("bundled site loads");
    let site = &loaded.site;
    assert_eq!(site.config.languages, ["da", "sv", "nb"]);

    let mut items: BTreeMap<(String, String), (Kind, BTreeSet<String>)> = BTreeMap::new();
    for p in &site.pages {
        let e = items
            .entry((p.section.clone(), p.id.clone()))
            .or_insert((p.kind, BTreeSet::new()));
        assert_eq!(e.0, p.kind, "{}: kind differs between translations", p.file);
        e.1.insert(p.lang.clone());
        let source = p
            .meta
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("{}: names no source", p.file));
        assert!(
            !source.title.trim().is_empty() && !source.publisher.trim().is_empty(),
            "{}: empty source",
            p.file
        );
        assert!(!p.meta.summary.trim().is_empty(), "{}: no summary", p.file);
        if p.kind == Kind::Contact {
            assert!(
                p.meta.updated.is_some() && p.meta.review_by.is_some(),
                "{}: contacts need updated and review_by",
                p.file
            );
        }
    }
    for ((section, id), (_, langs)) in &items {
        assert_eq!(langs.len(), 3, "{section}/{id} exists only in {langs:?}");
    }
    let count = |k: Kind| items.values().filter(|(kind, _)| *kind == k).count();
    println!(
        "items: {} (principles {}, roles {}, checklists {}, contacts {}, pages {})",
        items.len(),
        count(Kind::Principle),
        count(Kind::Role),
        count(Kind::Checklist),
        count(Kind::Contact),
        count(Kind::Page)
    );
    assert!(items.len() >= 60, "only {} items", items.len());
    assert!(count(Kind::Principle) >= 9);
    assert!(count(Kind::Role) >= 8);
    assert!(count(Kind::Checklist) >= 8);
    assert!(
        count(Kind::Contact) >= 10,
        "only {} contacts",
        count(Kind::Contact)
    );
    for (id, name) in [
        ("about", "about"),
        ("accessibility", "accessibility statement"),
        ("privacy", "privacy"),
    ] {
        assert!(
            items.contains_key(&("about".to_string(), id.to_string())),
            "no {name} page"
        );
    }
    let statement = site
        .pages
        .iter()
        .filter(|p| p.id == "accessibility")
        .count();
    assert_eq!(statement, 3);
    assert!(
        site.pages
            .iter()
            .filter(|p| p.id == "accessibility")
            .all(|p| p.meta.accessibility.is_some())
    );
}
