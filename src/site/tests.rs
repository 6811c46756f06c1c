//! The site's rules on in-memory content: no files, no templates, just the model.

use super::links::{self, Redirect};
use super::routes::{Plan, Target, plan};
use super::{Site, assemble};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::Date;

const CONFIG: &str =
    "title: T\nbase_url: https://k.dk/frivillig/\nlanguages: [da, sv]\ndefault_language: da\n";

/// A site from `(path below content/, text)` pairs, assembled with its bodies rendered.
fn site_with(config: &str, files: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    let config: Config = serde_norway::from_str(config).unwrap();
    let diags = Diagnostics::default();
    let mut content = Content::default();
    for (path, text) in files {
        content.add_text(path, text, &config, &diags);
    }
    let today = Date::parse("2026-11-23").unwrap();
    let mut site = assemble(config, "/nowhere".into(), content, today, &diags);
    crate::build::bodies::render(&mut site);
    (site, diags.into_sorted())
}

fn checked(site: &Site) -> (Vec<Redirect>, Plan, Vec<Diagnostic>) {
    let diags = Diagnostics::default();
    let redirects = links::check(site, &Default::default(), &diags);
    let plan = plan(site, &redirects, vec![], &diags);
    (redirects, plan, diags.into_sorted())
}

const ROLES_DA: &str = "---\ntitle: Roller\nslug: roller\ndefault_kind: page\n---\n";
const ROLES_SV: &str = "---\ntitle: Roller\nslug: roller\n---\n";

fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: S.\n{extra}---\n{body}")
}

#[test]
fn pages_get_their_urls_in_section_order_and_language_order() {
    let (site, diags) = site_with(
        CONFIG,
        &[
            ("roles/_index.da.md", ROLES_DA),
            ("roles/_index.sv.md", ROLES_SV),
            ("roles/b.sv.md", &page("B", "weight: 2\nslug: bee\n", "")),
            ("roles/b.da.md", &page("B", "weight: 2\n", "")),
            ("roles/a.da.md", &page("A", "weight: 1\n", "")),
            ("roles/a.sv.md", &page("A", "weight: 1\n", "")),
        ],
    );
    let order: Vec<(&str, &str)> = site
        .pages
        .iter()
        .map(|p| (p.url.as_str(), p.lang.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("da/roller/a/", "da"),
            ("sv/roller/a/", "sv"),
            ("da/roller/b/", "da"),
            ("sv/roller/bee/", "sv")
        ]
    );
    assert_eq!(site.translations(2), [2, 3]);
    assert!(
        diags.iter().all(|d| !d.message.contains("roles")),
        "{diags:?}"
    );
}

#[test]
fn every_link_problem_is_reported_not_only_the_first() {
    let config = format!(
        "{CONFIG}footer: [\"@/roles/nope.md\"]\nredirects: {{was: \"@/roles/gone.md\", ok: \"@/roles/a.sv.md\"}}\n"
    );
    let (site, _) = site_with(
        &config,
        &[
            ("roles/_index.da.md", ROLES_DA),
            ("roles/_index.sv.md", ROLES_SV),
            (
                "roles/a.da.md",
                &page(
                    "A",
                    "related: [\"@/roles/x.md\"]\n",
                    "[b](@/roles/b.md) [c](@/roles/a.md#nope)\n\n## Her\n",
                ),
            ),
            ("roles/a.sv.md", &page("A", "", "")),
        ],
    );
    let (redirects, _, diags) = checked(&site);
    let fields: Vec<(&str, Option<&str>)> = diags
        .iter()
        .map(|d| (d.file.as_str(), d.field.as_deref()))
        .collect();
    for want in [
        ("content/roles/a.da.md", Some("related")),
        ("content/roles/a.da.md", Some("link")),
        ("samspil.yaml", Some("footer[0]")),
        ("samspil.yaml", Some("redirects.was")),
    ] {
        assert!(fields.contains(&want), "{want:?} not in {diags:#?}");
    }
    let anchor = diags
        .iter()
        .find(|d| d.message.contains("#nope"))
        .expect("anchor error");
    assert!(anchor.help.as_deref().unwrap().contains("her"), "{anchor}");
    assert_eq!(redirects.len(), 1, "the good redirect is still resolved");
    assert_eq!(redirects[0].href, "/frivillig/sv/roller/a/");
}

#[test]
fn the_plan_refuses_a_redirect_over_a_page_and_a_section_over_the_search_page() {
    let config = format!("{CONFIG}redirects: {{\"da/roller/a\": \"@/roles/b.md\"}}\n");
    let (site, _) = site_with(
        &config,
        &[
            ("roles/_index.da.md", ROLES_DA),
            ("roles/_index.sv.md", ROLES_SV),
            ("roles/a.da.md", &page("A", "", "")),
            ("roles/a.sv.md", &page("A", "", "")),
            ("roles/b.da.md", &page("B", "", "")),
            ("roles/b.sv.md", &page("B", "", "")),
            ("search/_index.da.md", "---\ntitle: Søg\nslug: soeg\n---\n"),
            (
                "search/_index.sv.md",
                "---\ntitle: Sök\nslug: sok-sida\n---\n",
            ),
        ],
    );
    let (_, plan, diags) = checked(&site);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert!(
        messages.iter().any(
            |m| m.contains("`da/roller/a/index.html`") && m.contains("redirect `/da/roller/a`")
        )
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`da/soeg/index.html`") && m.contains("search page"))
    );
    // The first owner keeps each path; nothing is planned twice.
    let mut paths: Vec<&str> = plan.files.iter().map(|p| p.path.as_str()).collect();
    let n = paths.len();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), n);
}

#[test]
fn tags_that_slugify_alike_share_one_page_per_language() {
    let (site, _) = site_with(
        CONFIG,
        &[
            ("roles/_index.da.md", ROLES_DA),
            ("roles/_index.sv.md", ROLES_SV),
            ("roles/a.da.md", &page("A", "tags: [Tavshedspligt]\n", "")),
            ("roles/b.da.md", &page("B", "tags: [tavshedspligt]\n", "")),
            ("roles/a.sv.md", &page("A", "tags: [Sekretess]\n", "")),
            ("roles/b.sv.md", &page("B", "", "")),
        ],
    );
    let da = &site.taxonomies.lang("da").tags;
    assert_eq!(da.len(), 1);
    assert_eq!(da["tavshedspligt"].name, "Tavshedspligt");
    assert_eq!(da["tavshedspligt"].pages.len(), 2);
    let (_, plan, _) = checked(&site);
    let tag_pages: Vec<&str> = plan
        .files
        .iter()
        .filter(|p| matches!(p.target, Target::Tag { .. }))
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        tag_pages,
        [
            "da/emner/tavshedspligt/index.html",
            "sv/amnen/sekretess/index.html"
        ]
    );
}

#[test]
fn contacts_must_say_when_and_against_what_they_were_checked() {
    let contact = |extra: &str| {
        page(
            "K",
            &format!(
                "kind: contact\nreview_by: 2027-06-01\ncontact:\n  organisation: O\n  url: https://o.dk/\n{extra}"
            ),
            "",
        )
    };
    let (_, diags) = site_with(
        CONFIG,
        &[
            ("c/_index.da.md", "---\ntitle: K\n---\n"),
            ("c/_index.sv.md", "---\ntitle: K\n---\n"),
            ("c/never.da.md", &contact("")),
            (
                "c/old.da.md",
                &contact("  verified: 2025-01-10\n  checked_against: https://o.dk/k\n"),
            ),
            (
                "c/late.da.md",
                &contact("  verified: 2026-01-10\n  checked_against: o.dk/k\n"),
            ),
            (
                "c/ok.da.md",
                &contact("  verified: 2026-11-01\n  checked_against: https://o.dk/k\n"),
            ),
        ],
    );
    let of = |file: &str| -> Vec<String> {
        let mut v: Vec<String> = diags
            .iter()
            .filter(|d| d.file == format!("content/c/{file}.da.md"))
            .map(|d| format!("{:?} {}", d.severity, d.field.clone().unwrap_or_default()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(of("never"), ["Warning contact.verified"]);
    assert_eq!(of("old"), ["Error review_by", "Warning contact.verified"]);
    assert_eq!(
        of("late"),
        ["Error contact.checked_against", "Error review_by"]
    );
    assert!(of("ok").is_empty(), "{:?}", of("ok"));
}
