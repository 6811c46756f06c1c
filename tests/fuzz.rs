//! Fuzzing front matter and Markdown (issue 11): generated files, hostile fragments mixed
//! in, go through load, the Markdown pass, the site's checks and, for fewer cases, a whole
//! build with templates and the minifier. Whatever they hold, samspil reports problems; it
//! never panics or overflows its stack. The case counts keep the run to seconds in CI.

mod common;

use common::copy_fixture;
use proptest::prelude::*;
use samspil::build::{BuildOptions, Purpose, build};
use samspil::config::Config;
use samspil::content::Content;
use samspil::diagnostics::Diagnostics;
use samspil::frontmatter::Date;

/// Pieces that have broken parsers, sanitizers or renderers before, or could.
const MARKDOWN: &[&str] = &[
    "\n\n",
    "\n",
    "> ",
    "- ",
    "1. ",
    "  ",
    "    ",
    "- [ ] ",
    "- [x] ",
    "# ",
    "## ",
    "###### ",
    "{#id .c onclick=x}",
    "{#a\"b}",
    "[x](javascript:alert(1))",
    "[x](@/roles/volunteer.md#a)",
    "[x](@/roles/volunteer.sv.md)",
    "[x](@/nope.md)",
    "![](data:x)",
    "![a](b.png)",
    "<!--",
    "-->",
    "<!-- c -->",
    "<div>",
    "</div>",
    "<span lang=\"sv\">",
    "</span>",
    "<script>",
    "</script>",
    "<meta http-equiv=refresh content=0>",
    "<form action=//e>",
    "<a href=\"",
    "&#106;avascript:",
    "<img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| c | d |\n",
    "```\n",
    "`",
    "*",
    "_",
    "**",
    "~~",
    "[^1]",
    "[^1]: note\n",
    "\\",
    "&amp;",
    "&",
    "<",
    ">",
    "\u{E000}0\u{E000}",
    "\u{0}",
    "\r\n",
    "\t",
    "æøå",
    "<!--a-->",
    "<!--hidden-->",
    "<details>",
    "<summary>",
    "</details>",
    "<table><tr><td>",
    "<br>",
    "<?x?>",
    "<!DOCTYPE html>",
];

const FRONT_MATTER: &[&str] = &[
    "title: T\n",
    "title: \"<!--<script>\"\n",
    "title: null\n",
    "title: [a, b]\n",
    "summary: S.\n",
    "summary: \"</script><!--\"\n",
    "slug: x\n",
    "slug: ../x\n",
    "kind: role\n",
    "kind: contact\n",
    "kind: checklist\n",
    "kind: nope\n",
    "weight: 1\n",
    "weight: x\n",
    "tags: [a, b]\n",
    "tags: [\"???\"]\n",
    "updated: 2020-01-01\n",
    "updated: 1/1/2020\n",
    "review_by: 2030-01-01\n",
    "draft: true\n",
    "related: [\"@/roles/volunteer.md\"]\n",
    "aliases: [/da/gammel/]\n",
    "contact:\n  organisation: O\n  phone: \"+45 12\"\n",
    "contact:\n  url: \"javascript:alert(1)\"\n  address: |\n    a\n    TEL:1\n",
    "contact:\n  email: a@b.dk\n  verified: 2026-01-01\n  checked_against: https://x.dk/\n",
    "role:\n  responsibilities: [a]\n",
    "unknown: 1\n",
    "  bad indent\n",
    "\"unclosed\n",
    "[",
    "{",
    ": x\n",
    "- a\n",
];

fn pieces(from: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(from).prop_map(str::to_string),
            1 => any::<String>(),
            1 => (prop::sample::select(from), 1..3000usize).prop_map(|(s, n)| s.repeat(n)),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

/// Mostly a valid front matter (`base`) with a hostile body, so most cases get as far as
/// rendering; sometimes extra keys, sometimes no valid front matter at all.
fn file(base: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pieces(MARKDOWN, 40).prop_map(move |body| format!("---\n{base}---\n{body}")),
        1 => (prop::sample::select(FRONT_MATTER), pieces(MARKDOWN, 20))
            .prop_map(move |(extra, body)| format!("---\n{base}{extra}---\n{body}")),
        1 => (pieces(FRONT_MATTER, 8), pieces(MARKDOWN, 20), any::<bool>()).prop_map(
            |(fm, body, fenced)| {
                if fenced {
                    format!("---\n{fm}---\n{body}")
                } else {
                    format!("{fm}{body}")
                }
            }
        ),
    ]
}

/// The front matter of the fixture's `content/roles/volunteer.da.md`.
const VOLUNTEER: &str = "title: Frivillig\nslug: frivillig\nsummary: S.\ntags: [samarbejde]\naudience: [volunteer]\ncountry: DK\nmunicipality: Skanderborg Kommune\nsource: {title: \"S\", publisher: \"P\", year: 2018}\nupdated: 2018-01-01\nreview_by: 2030-01-01\nrole:\n  responsibilities: [\"a\"]\n  expectations: [\"b\"]\n  limits: [\"c\"]\n";

const CONFIG: &str =
    "title: T\nbase_url: https://k.dk/\nlanguages: [da, sv]\ndefault_language: da\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// The in-memory path: load, assemble, the Markdown pass and the checks on its result.
    #[test]
    fn any_file_loads_and_renders_in_memory_without_a_panic(
        da in file("title: T\nsummary: S.\n"),
        sv in file("title: T\nsummary: S.\nkind: contact\ncontact:\n  phone: \"+45 12\"\n"),
        trusted in any::<bool>(),
    ) {
        let config = if trusted { format!("{CONFIG}raw_html: trusted\n") } else { CONFIG.to_string() };
        let config: Config = serde_norway::from_str(&config).unwrap();
        let diags = Diagnostics::default();
        let mut content = Content::default();
        content.add_text("roles/_index.da.md", "---\ntitle: Roller\n---\n", &config, &diags);
        content.add_text("roles/_index.sv.md", "---\ntitle: Roller\n---\n", &config, &diags);
        content.add_text("roles/x.da.md", &da, &config, &diags);
        content.add_text("roles/x.sv.md", &sv, &config, &diags);
        let today = Date::parse("2026-11-23").unwrap();
        let mut site = samspil::site::assemble(config, "/nowhere".into(), content, today, &diags);
        samspil::build::bodies::render(&mut site);
        samspil::site::links::check(&site, &Default::default(), &diags);
        samspil::site::rules::check_bodies(&site, &diags);
        for d in diags.into_sorted() {
            prop_assert!(!d.file.is_empty() && !d.message.is_empty(), "{d:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// The whole build on disk, templates and minifier included, with one page replaced.
    #[test]
    fn any_page_builds_or_is_reported_without_a_panic(page in file(VOLUNTEER)) {
        let (tmp, site) = copy_fixture("valid");
        std::fs::write(site.join("content/roles/volunteer.da.md"), &page).unwrap();
        let out = tmp.path().join("public");
        let report = build(&BuildOptions {
            root: site.clone(),
            output: Some(out.clone()),
            purpose: Purpose::Publish,
            today: Date::parse("2026-11-23"),
            ..BuildOptions::default()
        });
        if report.errors() == 0 {
            prop_assert!(out.join("da/index.html").is_file());
        } else {
            prop_assert!(!out.exists(), "a failed build published");
        }
    }
}
