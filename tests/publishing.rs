//! Publishing: the Atom feed and "New and changed" page of each language, the feed link and
//! Open Graph metadata on every page, and `robots.txt` only at the host's root. Each test
//! builds a copy of `tests/fixtures/valid`; feeds are read with a real Atom parser.

mod common;
use atom_syndication::Feed;
use common::*;
use std::path::{Path, PathBuf};

const BASE: &str = "https://kommune.dk/frivillig/";

/// The valid fixture with two recent changes in Danish: "Tillid" changed on 1 November with a
/// `changelog` line (an `&` in it, to prove escaping), "Sagsbehandler" on 1 October without one.
/// The fixture's other dated pages are from 2018.
fn changed_site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("content/principles/trust.da.md"),
        "slug: tillid\n",
        "slug: tillid\nupdated: 2026-11-01\nchangelog: \"Nyt afsnit om tavshedspligt & fortrolighed\"\n",
    );
    edit(
        &site.join("content/roles/caseworker.da.md"),
        "weight: 20\n",
        "weight: 20\nupdated: 2026-10-01\n",
    );
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    (tmp, site, out)
}

fn feed(out: &Path, lang: &str) -> Feed {
    let text = read(&out.join(lang).join("feed.xml"));
    Feed::read_from(text.as_bytes()).unwrap_or_else(|e| panic!("{lang}/feed.xml: {e}\n{text}"))
}

fn date(feed_date: &atom_syndication::FixedDateTime) -> String {
    feed_date.format("%Y-%m-%d").to_string()
}

#[test]
fn the_feed_is_valid_atom_and_lists_the_changed_item_first() {
    let (_tmp, _site, out) = changed_site();
    let f = feed(&out, "da");
    assert_eq!(f.id, format!("{BASE}da/feed.xml"));
    assert_eq!(f.title.value, "Nyt og ændret – Prøvesite");
    assert_eq!(f.lang.as_deref(), Some("da"));
    assert_eq!(date(&f.updated), "2026-11-01", "the newest entry's date");
    assert!(
        f.authors.iter().any(|a| a.name == "Prøvesite"),
        "the site names itself when it has no publisher: {:?}",
        f.authors
    );
    let link = |rel: &str| {
        f.links
            .iter()
            .find(|l| l.rel == rel)
            .map(|l| l.href.clone())
    };
    assert_eq!(link("self"), Some(format!("{BASE}da/feed.xml")));
    assert_eq!(link("alternate"), Some(format!("{BASE}da/nyt/")));

    let titles: Vec<&str> = f.entries.iter().map(|e| e.title.value.as_str()).collect();
    assert_eq!(titles[..2], ["Tillid da", "Sagsbehandler"], "{titles:?}");
    let first = &f.entries[0];
    assert_eq!(first.id, format!("{BASE}da/principper/tillid/"));
    assert_eq!(first.links[0].href, format!("{BASE}da/principper/tillid/"));
    assert_eq!(date(&first.updated), "2026-11-01");
    let summary = |i: usize| f.entries[i].summary.as_ref().map(|s| s.value.clone());
    assert_eq!(
        summary(0).as_deref(),
        Some("Nyt afsnit om tavshedspligt & fortrolighed"),
        "the changelog line is the summary"
    );
    assert_eq!(
        summary(1).as_deref(),
        Some("Sagsbehandleren har ansvaret for borgerens sag."),
        "without a changelog, the page's summary"
    );
    // Only dated pages of this language, newest first, every one with an absolute URL.
    assert_eq!(f.entries.len(), 4, "{titles:?}");
    for pair in f.entries.windows(2) {
        assert!(pair[0].updated >= pair[1].updated, "{titles:?}");
    }
    for e in &f.entries {
        assert!(e.id.starts_with(&format!("{BASE}da/")), "{}", e.id);
        assert!(!e.title.value.is_empty());
    }

    let sv = feed(&out, "sv");
    assert_eq!(sv.lang.as_deref(), Some("sv"));
    assert_eq!(sv.title.value, "Nytt och ändrat – Provsajt");
    assert_eq!(
        date(&sv.updated),
        "2018-01-01",
        "Swedish pages did not change"
    );
    assert!(
        sv.entries
            .iter()
            .all(|e| e.id.starts_with(&format!("{BASE}sv/")))
    );
}

#[test]
fn the_feed_names_the_publisher_and_stays_valid_without_dated_pages() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\npublisher: Kommunen <Frivilligcenter>\n",
    );
    for f in [
        "contacts/emergency.da.md",
        "contacts/emergency.sv.md",
        "roles/volunteer.da.md",
        "roles/volunteer.sv.md",
    ] {
        edit(&site.join("content").join(f), "updated: 2018-01-01\n", "");
    }
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let f = feed(&out, "da");
    assert!(f.entries.is_empty());
    assert_eq!(f.authors[0].name, "Kommunen <Frivilligcenter>");
    assert_eq!(
        date(&f.updated),
        "2026-11-23",
        "the build's date when nothing is dated"
    );
    let page = read(&out.join("da/nyt/index.html"));
    assert!(page.contains("Ingen sider har endnu en dato"), "{page}");
}

#[test]
fn the_changes_page_lists_the_same_items_with_dates_in_the_readers_language() {
    let (_tmp, _site, out) = changed_site();
    let da = read(&out.join("da/nyt/index.html"));
    assert!(has_tag(&da, "time", &[("datetime", "2026-11-01")]), "{da}");
    assert!(da.contains(">1. november 2026</time>"), "{da}");
    assert!(da.contains(">1. oktober 2026</time>"), "{da}");
    let order: Vec<usize> = ["Tillid da", "Sagsbehandler", "Frivillig"]
        .iter()
        .map(|t| {
            da.find(&format!(">{t}"))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest first: {order:?}"
    );
    // The minifier writes `&` bare where that is unambiguous.
    assert!(
        da.contains("Nyt afsnit om tavshedspligt &amp; fortrolighed")
            || da.contains("Nyt afsnit om tavshedspligt & fortrolighed"),
        "{da}"
    );
    assert!(has_tag(
        &da,
        "a",
        &[
            ("href", "/frivillig/da/feed.xml"),
            ("type", "application/atom+xml")
        ]
    ));
    // The page exists in every language, under the language's own segment.
    let sv = read(&out.join("sv/nytt/index.html"));
    assert!(sv.contains(">1 januari 2018</time>"), "{sv}");
    assert!(has_tag(
        &da,
        "link",
        &[
            ("rel", "alternate"),
            ("hreflang", "sv"),
            ("href", &format!("{BASE}sv/nytt/"))
        ]
    ));
    // Linked from every page's footer, and in the sitemap.
    let page = read(&out.join("da/roller/frivillig/index.html"));
    let footer = &page[page.find("class=footer-links").expect("footer")..];
    assert!(
        footer.contains("href=/frivillig/da/nyt/>Nyt og ændret</a>"),
        "{footer}"
    );
    let sitemap = read(&out.join("sitemap.xml"));
    for u in ["da/nyt/", "sv/nytt/"] {
        assert!(sitemap.contains(&format!("<loc>{BASE}{u}</loc>")), "{u}");
    }
}

/// Every HTML page but the redirect pages, with its path.
/// Every HTML page but redirect stubs.
fn html_pages(out: &Path) -> Vec<(String, String)> {
    common::html_files(out)
        .into_iter()
        .filter(|(_, html)| !html.contains("http-equiv=refresh"))
        .collect()
}

fn meta(html: &str, property: &str) -> Vec<String> {
    tags(html, "meta")
        .into_iter()
        .filter(|a| a.iter().any(|(k, v)| k == "property" && v == property))
        .filter_map(|a| a.into_iter().find(|(k, _)| k == "content").map(|(_, v)| v))
        .collect()
}

#[test]
fn every_page_links_its_languages_feed_and_has_open_graph_metadata() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let pages = html_pages(&out);
    assert!(pages.len() > 30, "{}", pages.len());
    for (path, html) in &pages {
        let lang = if path.starts_with("sv/") { "sv" } else { "da" };
        let feed = format!("/frivillig/{lang}/feed.xml");
        assert!(
            has_tag(
                html,
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "application/atom+xml"),
                    ("href", &feed)
                ]
            ),
            "{path}: no feed link"
        );
        for p in [
            "og:type",
            "og:title",
            "og:description",
            "og:url",
            "og:site_name",
            "og:locale",
        ] {
            let v = meta(html, p);
            assert!(v.len() == 1 && !v[0].is_empty(), "{path}: {p} {v:?}");
        }
        assert!(
            meta(html, "og:url")[0].starts_with(BASE),
            "{path}: og:url not absolute"
        );
        let locale = if lang == "sv" { "sv_SE" } else { "da_DK" };
        assert_eq!(meta(html, "og:locale"), [locale], "{path}");
    }
}

#[test]
fn open_graph_describes_the_page_and_its_other_languages() {
    let (tmp, site) = missing_translation_site();
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let page = read(&out.join("da/roller/frivillig/index.html"));
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:title"), ["Frivillig"]);
    assert_eq!(
        meta(&page, "og:description"),
        ["Den frivillige hjælper borgeren i sin fritid."]
    );
    assert_eq!(
        meta(&page, "og:url"),
        [format!("{BASE}da/roller/frivillig/")]
    );
    assert_eq!(meta(&page, "og:site_name"), ["Prøvesite"]);
    assert_eq!(meta(&page, "og:locale"), ["da_DK"]);
    assert_eq!(meta(&page, "og:locale:alternate"), ["sv_SE"]);
    // Not translated: no other language to offer.
    let untranslated = read(&out.join("da/roller/caseworker/index.html"));
    assert!(meta(&untranslated, "og:locale:alternate").is_empty());
    let sv_home = read(&out.join("sv/index.html"));
    assert_eq!(meta(&sv_home, "og:type"), ["website"]);
    assert_eq!(meta(&sv_home, "og:locale"), ["sv_SE"]);
    assert_eq!(meta(&sv_home, "og:locale:alternate"), ["da_DK"]);
    let root = read(&out.join("index.html"));
    assert_eq!(
        meta(&root, "og:locale:alternate"),
        ["sv_SE"],
        "the chooser leads to both"
    );
}

#[test]
fn robots_txt_is_written_only_at_the_hosts_root() {
    let (tmp, site) = copy_fixture("valid");
    let sub = tmp.path().join("sub");
    build_ok(&site, &sub);
    assert!(
        !sub.join("robots.txt").exists(),
        "crawlers never read /frivillig/robots.txt"
    );
    let root = tmp.path().join("root");
    let o = samspil(
        &[
            "build",
            "--base-url",
            "https://example.org/",
            "--output",
            root.to_str().unwrap(),
        ],
        &site,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let robots = read(&root.join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
    let f = feed(&root, "da");
    assert_eq!(
        f.id, "https://example.org/da/feed.xml",
        "feed URLs follow base_url"
    );
}

#[test]
fn a_changelog_of_more_than_one_line_fails_check_and_build_and_keeps_the_output() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    let before = snapshot(&out);
    edit(
        &site.join("content/principles/trust.da.md"),
        "slug: tillid\n",
        "slug: tillid\nupdated: 2026-11-01\nchangelog: |\n  Første linje\n  Anden linje\n",
    );
    let o = samspil(&["build", "--output", out.to_str().unwrap()], &site);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for want in [
        "content/principles/trust.da.md:5",
        "field `changelog`",
        "must be one line",
        "help:",
    ] {
        assert!(err.contains(want), "{want:?} not in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(snapshot(&out) == before, "the previous output changed");
    let check = samspil(&["check"], &site);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("must be one line") || stderr(&check).contains("must be one line")
    );
}

#[test]
fn a_changelog_without_a_date_is_a_warning() {
    let (_tmp, site) = copy_fixture("valid");
    edit(
        &site.join("content/principles/trust.da.md"),
        "slug: tillid\n",
        "slug: tillid\nchangelog: Nyt afsnit\n",
    );
    let o = samspil(&["check"], &site);
    let text = format!("{}{}", stdout(&o), stderr(&o));
    assert!(text.contains("`changelog` without `updated`"), "{text}");
    assert_eq!(o.status.code(), Some(0), "a warning only: {text}");
}

#[test]
fn a_section_slugged_like_the_changes_page_is_refused_naming_both() {
    let (tmp, site) = copy_fixture("valid");
    edit(
        &site.join("content/principles/_index.da.md"),
        "slug: principper",
        "slug: nyt",
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
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("two outputs want `da/nyt/index.html`"),
        "{err}"
    );
    assert!(err.contains("\"New and changed\" page of `da`"), "{err}");
    assert!(err.contains("content/principles/_index.da.md"), "{err}");
}

/// Offline on request (issue 17): by default every page has the button and the build writes
/// `sw.js` listing every file; `offline: false` removes both; a portable copy has neither.
#[test]
fn the_offline_copy_is_on_by_default_and_can_be_switched_off() {
    let (tmp, site) = copy_fixture("valid");
    let on = tmp.path().join("on");
    build_ok(&site, &on);
    let sw = read(&on.join("sw.js"));
    assert!(
        sw.contains("\"da/\"") && sw.contains("\"sitemap.xml\""),
        "{sw}"
    );
    assert!(!sw.contains(".samspil-output"), "{sw}");
    let home = read(&on.join("da/index.html"));
    assert!(home.contains("data-offline-save"), "no button: {home}");

    let portable = tmp.path().join("portable");
    let o = samspil(
        &[
            "build",
            "--portable",
            "--output",
            portable.to_str().unwrap(),
        ],
        &site,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!portable.join("sw.js").exists());
    assert!(!read(&portable.join("da/index.html")).contains("data-offline"));

    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\noffline: false\n",
    );
    let off = tmp.path().join("off");
    build_ok(&site, &off);
    assert!(!off.join("sw.js").exists());
    assert!(!read(&off.join("da/index.html")).contains("data-offline"));
}
