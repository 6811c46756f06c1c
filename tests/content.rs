//! Content people act on (issue #13): every contact traceable to an official page, balance
//! across the three countries, no copied passages, and the questions newcomers ask first found
//! by the words they type.

use samspil::build::{BuildOptions, Loaded, Purpose, load};
use samspil::diagnostics::Diagnostics;
use samspil::frontmatter::{Country, Kind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bundled() -> Loaded {
    let opts = BuildOptions {
        root: root().to_path_buf(),
        purpose: Purpose::Check,
        ..Default::default()
    };
    let diags = Diagnostics::default();
    let loaded = load(&opts, &diags).expect("bundled site loads");
    assert!(!diags.has_errors(), "{:?}", diags.into_sorted());
    loaded
}

#[test]
fn every_contact_says_when_and_against_which_official_page_it_was_checked() {
    let l = bundled();
    let mut contacts = 0;
    for p in &l.site.pages {
        let Some(c) = &p.meta.contact else { continue };
        contacts += 1;
        assert!(c.verified.is_some(), "{}: no contact.verified", p.file);
        let url = c.checked_against.as_deref().unwrap_or("");
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "{}: contact.checked_against `{url}` is not an official page's address",
            p.file
        );
        // A number or an address may only be published with its check.
        if c.phone.is_some() || c.email.is_some() || c.address.is_some() {
            assert!(c.verified.is_some(), "{}: details without a check", p.file);
        }
        // No direct lines of named employees: a contact names a function, not a person.
        if let Some(name) = &c.name {
            assert!(
                !name.contains("lokal") && !name.contains("direkte"),
                "{}: `{name}` looks like a direct line",
                p.file
            );
        }
        let (v, r) = (c.verified.unwrap(), p.meta.review_by.expect("review_by"));
        assert!(
            r <= samspil::site::rules::one_year_after(v),
            "{}: review_by {r} more than 12 months after verified {v}",
            p.file
        );
    }
    assert!(contacts >= 3 * 12, "only {contacts} contact pages");
}

#[test]
fn every_page_names_its_source() {
    let l = bundled();
    for p in &l.site.pages {
        let s = p
            .meta
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no source", p.file));
        assert!(
            !s.title.trim().is_empty() && !s.publisher.trim().is_empty(),
            "{}",
            p.file
        );
    }
}

#[test]
fn each_country_has_its_own_checklists_and_contacts_and_every_item_all_languages() {
    let l = bundled();
    let mut items: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut by_country: BTreeMap<(Kind, Country), BTreeSet<String>> = BTreeMap::new();
    for p in &l.site.pages {
        items
            .entry((p.section.clone(), p.id.clone()))
            .or_default()
            .insert(p.lang.clone());
        if let Some(c) = p.meta.country {
            by_country
                .entry((p.kind, c))
                .or_default()
                .insert(p.id.clone());
        }
    }
    for ((section, id), langs) in &items {
        assert_eq!(langs.len(), 3, "{section}/{id} is only in {langs:?}");
    }
    assert!(
        items.len() >= 85,
        "{} items per language, want 85",
        items.len()
    );
    let count = |k, c| by_country.get(&(k, c)).map_or(0, BTreeSet::len);
    for c in [Country::SE, Country::NO] {
        assert!(count(Kind::Checklist, c) >= 3, "{c:?} checklists");
        assert!(count(Kind::Contact, c) >= 4, "{c:?} contacts");
    }
}

#[test]
fn no_run_of_twelve_words_from_a_seed() {
    let seeds = root().join("../shared/seeds");
    if !seeds.is_dir() {
        // The seeds live beside the repository on the project's machines, not in it.
        eprintln!("skipped: no {}", seeds.display());
        return;
    }
    let o = Command::new("python3")
        .arg(root().join("scripts/copycheck.py"))
        .arg(&seeds)
        .arg(root().join("content"))
        .output()
        .expect("run scripts/copycheck.py");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && !out.contains(": copied run:"),
        "copied runs:\n{out}"
    );
}

/// The words people type for the questions newcomers ask first: everyday and official terms
/// and questions, in each language, with the item that must be in the top three.
const QUERIES: &[(&str, &str, &str)] = &[
    ("da", "børneattest", "criminal-record-checks"),
    (
        "da",
        "skal jeg have en børneattest",
        "criminal-record-checks",
    ),
    ("da", "straffeattest frivillig", "criminal-record-checks"),
    (
        "sv",
        "utdrag ur belastningsregistret",
        "criminal-record-checks",
    ),
    ("sv", "belastningsregistret", "criminal-record-checks"),
    ("nb", "politiattest", "criminal-record-checks"),
    ("nb", "politiattest frivillig", "criminal-record-checks"),
    ("da", "er jeg forsikret som frivillig", "insurance"),
    ("sv", "försäkring volontär", "insurance"),
    ("nb", "forsikring frivillig", "insurance"),
    ("da", "skal jeg betale skat", "expenses-and-tax"),
    ("da", "kørselsgodtgørelse", "expenses-and-tax"),
    ("sv", "ersättning ideellt arbete", "expenses-and-tax"),
    ("nb", "skatt frivillig", "expenses-and-tax"),
    ("da", "persondata forening", "personal-data"),
    ("da", "GDPR", "personal-data"),
    ("sv", "personuppgifter", "personal-data"),
    ("nb", "personopplysninger", "personal-data"),
    ("da", "hvor kan jeg blive frivillig", "find-volunteering"),
    ("sv", "bli volontär", "find-volunteering"),
    ("nb", "bli frivillig", "find-volunteering"),
    ("da", "§18 støtte", "public-support"),
    (
        "da",
        "søge tilskud frivilligt socialt arbejde",
        "public-support",
    ),
    ("sv", "föreningsbidrag", "public-support"),
    ("nb", "tilskudd frivilligsentral", "public-support"),
    ("da", "klage over kommunen", "stop-complain-say-no"),
    (
        "da",
        "kan jeg sige nej til en frivillig",
        "stop-complain-say-no",
    ),
    ("sv", "klaga på kommunen", "stop-complain-say-no"),
    ("nb", "klage på vedtak", "stop-complain-say-no"),
];

#[test]
fn newcomers_questions_are_found_in_the_top_three() {
    let mut l = bundled();
    let urls: BTreeMap<(String, String), String> = l
        .site
        .pages
        .iter()
        .map(|p| ((p.id.clone(), p.lang.clone()), p.url.clone()))
        .collect();
    let docs = l.search_documents();
    let mut failed = Vec::new();
    for lang in ["da", "sv", "nb"] {
        let mine: Vec<_> = docs
            .iter()
            .filter(|d| d.language == lang)
            .cloned()
            .collect();
        let index = search_index::build_index(lang, &mine).expect("index");
        for (_, query, id) in QUERIES.iter().filter(|(l, _, _)| *l == lang) {
            let want = &urls[&(id.to_string(), lang.to_string())];
            let hits = search_index::search(&index, lang, query, &[], 3).expect("search");
            if !hits
                .iter()
                .any(|h| h.url.split('#').next() == Some(want.as_str()))
            {
                let got: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
                failed.push(format!("{lang} `{query}`: want {want}, top three {got:?}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
