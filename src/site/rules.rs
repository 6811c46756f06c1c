//! Content rules: what one page must have for its kind, dates, translations, and the rules
//! that need the rendered body (a checklist needs items).

use super::Site;
use crate::config::{Config, MissingTranslations};
use crate::content::PageFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::{Date, Kind};
use std::collections::BTreeMap;

/// The rules that need the whole assembled site (before bodies are rendered).
pub fn check_site(site: &Site, diags: &Diagnostics) {
    check_translations(site, diags);
    check_dates(site, diags);
    check_verification(site, diags);
    for l in &site.config.languages {
        if !site.homes.contains_key(l) {
            diags.push(missing_translation_level(
                &site.config,
                Diagnostic::warning(
                    format!("content/_index.{l}.md"),
                    format!("no home page text for `{l}`"),
                )
                .help(format!("create content/_index.{l}.md with a `title:`")),
            ));
        }
    }
}

/// The rules that need rendered bodies.
pub fn check_bodies(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        if p.kind == Kind::Checklist && p.body.checklist_items == 0 {
            diags.push(
                Diagnostic::error(&p.file, "a checklist has no items")
                    .line(Some(p.body_line))
                    .help("write the items as a Markdown task list: `- [ ] Do this`"),
            );
        }
    }
    let bodies = site
        .pages
        .iter()
        .map(|p| (&p.file, &p.body))
        .chain(
            site.sections
                .iter()
                .flat_map(|s| s.langs.values().map(|l| (&l.file, &l.body))),
        )
        .chain(site.homes.values().map(|h| (&h.file, &h.body)));
    for (_, body) in bodies {
        diags.extend(body.problems.iter().cloned());
    }
}

pub fn missing_translation_level(config: &Config, mut d: Diagnostic) -> Diagnostic {
    if config.missing_translations == MissingTranslations::Error {
        d.severity = crate::diagnostics::Severity::Error;
        d.help = Some(format!(
            "{} (samspil.yaml sets `missing_translations: error`)",
            d.help.unwrap_or_default()
        ));
    }
    d
}

/// What a page must (and must not) have for its kind; run on each file as it is assembled.
pub fn check_kind(f: &PageFile, kind: Kind, diags: &Diagnostics) {
    check_role(f, kind, diags);
    check_contact(f, kind, diags);
    check_common_fields(f, kind, diags);
    check_accessibility(f, diags);
}

/// The line of `key:` inside the front matter's `contact:` block (a page may have other
/// keys of that name elsewhere).
fn contact_key_line(f: &PageFile, key: &str) -> Option<usize> {
    let mut lines = f.parts.keys.lines();
    lines.find(|(_, l)| l.starts_with("contact:"))?;
    lines
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|(n, _)| n)
}

fn check_role(f: &PageFile, kind: Kind, diags: &Diagnostics) {
    let m = &f.meta;
    if kind == Kind::Role && m.role.is_none() {
        diags.push(
            Diagnostic::error(&f.parts.file, "a role needs a `role:` block")
                .line(f.parts.keys.of("kind"))
                .field("role")
                .help("add `role:` with `responsibilities:`, `expectations:` and `limits:` lists"),
        );
    }
    if kind != Kind::Role && m.role.is_some() {
        diags.push(
            Diagnostic::error(
                &f.parts.file,
                format!(
                    "`role:` is only for kind role, this page is a {}",
                    kind.as_str()
                ),
            )
            .line(f.parts.keys.of("role"))
            .field("role")
            .help("remove the block or set `kind: role`"),
        );
    }
}

fn check_contact(f: &PageFile, kind: Kind, diags: &Diagnostics) {
    let m = &f.meta;
    if kind == Kind::Contact {
        match &m.contact {
            None => diags.push(
                Diagnostic::error(&f.parts.file, "a contact needs a `contact:` block")
                    .field("contact")
                    .help(
                        "add `contact:` with at least `organisation:` and a `phone:` or `email:`",
                    ),
            ),
            // A website alone is enough: details that cannot be verified are left out and the
            // organisation's own site linked instead.
            Some(c)
                if [&c.phone, &c.email, &c.url]
                    .iter()
                    .all(|v| v.as_deref().unwrap_or("").trim().is_empty()) =>
            {
                diags.push(
                    Diagnostic::error(&f.parts.file, "a contact has no phone, e-mail or website")
                        .line(f.parts.keys.of("contact"))
                        .field("contact")
                        .help("add `phone:`, `email:` (a switchboard or a role mailbox) or `url:`"),
                )
            }
            Some(c) => {
                if let Some(p) = &c.phone
                    && !p
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
                {
                    diags.push(
                        Diagnostic::error(
                            &f.parts.file,
                            format!("phone `{p}` has characters a phone link cannot dial"),
                        )
                        .line(f.parts.keys.of("phone"))
                        .field("contact.phone")
                        .help("write only digits, spaces and a leading +, e.g. +45 87 94 70 00"),
                    );
                }
                if let Some(u) = &c.url
                    && let Some(problem) = crate::contact::url_problem(u)
                {
                    diags.push(
                        Diagnostic::error(&f.parts.file, format!("contact website {problem}"))
                            .line(contact_key_line(f, "url"))
                            .field("contact.url")
                            .help("write the organisation's full address, e.g. https://kommune.dk/kontakt (mailto: and tel: addresses work too)"),
                    );
                }
                if let Some(e) = &c.email
                    && (!e.contains('@') || e.contains(' '))
                {
                    diags.push(
                        Diagnostic::error(&f.parts.file, format!("e-mail `{e}` is not an address"))
                            .line(f.parts.keys.of("email"))
                            .field("contact.email")
                            .help("write it as name@example.dk"),
                    );
                }
            }
        }
    }
    if kind != Kind::Contact && m.contact.is_some() {
        diags.push(
            Diagnostic::error(
                &f.parts.file,
                format!(
                    "`contact:` is only for kind contact, this page is a {}",
                    kind.as_str()
                ),
            )
            .line(f.parts.keys.of("contact"))
            .field("contact")
            .help("remove the block or set `kind: contact`"),
        );
    }
}

fn check_common_fields(f: &PageFile, kind: Kind, diags: &Diagnostics) {
    let m = &f.meta;
    if kind != Kind::Page && m.summary.trim().is_empty() {
        diags.push(
            Diagnostic::warning(
                &f.parts.file,
                format!("this {} has no summary", kind.as_str()),
            )
            .field("summary")
            .help("add `summary:` with one or two sentences; listings and search show it"),
        );
    }
    if m.tags.len() > crate::limits::TAGS_PER_PAGE {
        diags.push(
            Diagnostic::error(
                &f.parts.file,
                format!(
                    "{} tags; a page may have at most {}",
                    m.tags.len(),
                    crate::limits::TAGS_PER_PAGE
                ),
            )
            .line(f.parts.keys.of("tags"))
            .field("tags")
            .help("keep the few words a reader would look for; each tag makes a page of its own"),
        );
    }
    if m.title.trim().is_empty() {
        diags.push(
            Diagnostic::error(&f.parts.file, "the title is empty")
                .line(f.parts.keys.of("title"))
                .field("title")
                .help("write the page's title"),
        );
    }
    check_changelog(f, diags);
}

/// `changelog:` is one line shown beside a date: the feed's entry summary and a line on the
/// "New and changed" page. Without `updated` the page is in neither, so the line would be lost.
fn check_changelog(f: &PageFile, diags: &Diagnostics) {
    let Some(c) = &f.meta.changelog else {
        return;
    };
    let at = |d: Diagnostic| d.line(f.parts.keys.of("changelog")).field("changelog");
    if c.trim().is_empty() || c.trim().contains('\n') {
        diags.push(at(Diagnostic::error(
            &f.parts.file,
            "`changelog` must be one line of text",
        )
        .help("say in one sentence what changed, e.g. `changelog: New phone number for the duty officer`")));
    } else if f.meta.updated.is_none() {
        diags.push(at(Diagnostic::warning(
            &f.parts.file,
            "`changelog` without `updated`: the page is not listed as changed",
        )
        .help("add `updated: YYYY-MM-DD` with the date of the change")));
    }
}

/// The fields an accessibility statement must have by law.
fn check_accessibility(f: &PageFile, diags: &Diagnostics) {
    if let Some(a) = &f.meta.accessibility {
        let mut missing = vec![];
        if a.method.trim().is_empty() {
            missing.push("method");
        }
        if a.enforcement_url.trim().is_empty() {
            missing.push("enforcement_url");
        }
        if a.feedback_email.as_deref().unwrap_or("").is_empty()
            && a.feedback_phone.as_deref().unwrap_or("").is_empty()
        {
            missing.push("feedback_email or feedback_phone");
        }
        for field in missing {
            diags.push(
                Diagnostic::error(
                    &f.parts.file,
                    format!("the accessibility statement has no `{field}`"),
                )
                .line(f.parts.keys.of("accessibility"))
                .field(format!("accessibility.{field}"))
                .help("the law requires it: fill it in"),
            );
        }
    }
}

fn check_translations(site: &Site, diags: &Diagnostics) {
    let mut groups: BTreeMap<(&str, &str), BTreeMap<&str, &str>> = BTreeMap::new();
    for p in &site.pages {
        groups
            .entry((&p.section, &p.id))
            .or_default()
            .insert(&p.lang, &p.file);
    }
    for ((section, id), have) in groups {
        for l in &site.config.languages {
            // A file that is there but could not be read is reported already, as itself.
            if have.contains_key(l.as_str()) || site.is_broken(section, id, l) {
                continue;
            }
            let default = site.config.default_language.as_str();
            let (some, some_file) = match have.get_key_value(default) {
                Some((l, f)) => (*l, *f),
                None => have
                    .iter()
                    .next()
                    .map(|(l, f)| (*l, *f))
                    .unwrap_or((default, "")),
            };
            // Named the way the existing version is: `x.da.md` or, in a bundle, `x/index.da.md`.
            let file = some_file
                .strip_suffix(&format!("{some}.md"))
                .map(|stem| format!("{stem}{l}.md"))
                .unwrap_or_else(|| format!("content/{section}/{id}.{l}.md"));
            let until = match site.config.missing_translations {
                MissingTranslations::Fallback => format!(
                    "`{l}` readers get the `{some}` text with a notice that it is not translated yet"
                ),
                _ => format!(
                    "the language switcher sends `{l}` readers to their home page with a notice"
                ),
            };
            let (message, help) = match site.draft(section, id, l) {
                Some(draft) => (
                    format!(
                        "the `{l}` translation of `{section}/{id}` is a draft, so it is not published"
                    ),
                    format!(
                        "remove `draft: true` from {draft} when it is ready; until then {until}"
                    ),
                ),
                None => (
                    format!("`{section}/{id}` has no `{l}` translation"),
                    format!("translate {some_file} into `{l}`; until then {until}"),
                ),
            };
            let file = site
                .draft(section, id, l)
                .map(str::to_string)
                .unwrap_or(file);
            diags.push(missing_translation_level(
                &site.config,
                Diagnostic::warning(file, message).help(help),
            ));
        }
    }
}

fn check_dates(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        if let Some(r) = p.meta.review_by
            && review_has_passed(Some(r), site.today)
        {
            diags.push(
                Diagnostic::warning(
                    &p.file,
                    format!("review date {r} has passed: the content may be out of date"),
                )
                .line(p.keys.of("review_by"))
                .field("review_by")
                .help("check the facts against the source, then move `review_by` forward"),
            );
        }
        if let (Some(u), Some(r)) = (p.meta.updated, p.meta.review_by)
            && r < u
        {
            diags.push(
                Diagnostic::error(&p.file, format!("review_by {r} is before updated {u}"))
                    .line(p.keys.of("review_by"))
                    .field("review_by")
                    .help("set a review date after the last update"),
            );
        }
    }
}

/// Whether a page's `review_by` lies before `today`: the author is warned, readers see a
/// notice on the page and search results mark it as possibly out of date.
pub fn review_has_passed(review_by: Option<Date>, today: Date) -> bool {
    review_by.is_some_and(|r| r < today)
}

/// The same day a year later (28 February for 29 February).
pub fn one_year_after(d: Date) -> Date {
    let (y, m, day) = (d.0.year() + 1, d.0.month(), d.0.day());
    let day = day.min(m.length(y));
    Date(time::Date::from_calendar_date(y, m, day).unwrap_or(d.0))
}

/// Whether a contact's details were last checked more than a year before `today`: readers
/// then see a notice, and `check` warns.
pub fn contact_is_stale(verified: Date, today: Date) -> bool {
    one_year_after(verified) < today
}

/// A contact is dialled and trusted, so its details must say when and against which official
/// page they were last checked, and be checked again within a year.
fn check_verification(site: &Site, diags: &Diagnostics) {
    for p in &site.pages {
        let Some(c) = &p.meta.contact else { continue };
        let at = |key: &str, d: Diagnostic| d.line(p.keys.of(key)).field(format!("contact.{key}"));
        match c.verified {
            None => diags.push(at(
                "contact",
                Diagnostic::warning(&p.file, "nobody has recorded when this contact's details were last checked")
                    .help("compare them with the organisation's official page, then add `verified: YYYY-MM-DD` and `checked_against: URL` under `contact:`; leave out what the page does not show"),
            ).field("contact.verified")),
            Some(v) if v > site.today => diags.push(at(
                "verified",
                Diagnostic::error(&p.file, format!("`verified` {v} is in the future"))
                    .help("write the date the details were compared with the official page"),
            )),
            Some(v) if contact_is_stale(v, site.today) => diags.push(at(
                "verified",
                Diagnostic::warning(&p.file, format!("the details were last checked on {v}, more than 12 months ago; readers see a notice"))
                    .help("check them against the official page again and move `verified` forward"),
            )),
            Some(_) => {}
        }
        if let (Some(v), Some(r)) = (c.verified, p.meta.review_by)
            && r > one_year_after(v)
        {
            diags.push(
                Diagnostic::error(
                    &p.file,
                    format!("review_by {r} is more than 12 months after `verified` {v}"),
                )
                .line(p.keys.of("review_by"))
                .field("review_by")
                .help(format!(
                    "a contact is checked again within a year: set `review_by` to {} or earlier",
                    one_year_after(v)
                )),
            );
        }
        match c.checked_against.as_deref().map(str::trim) {
            None | Some("") if c.verified.is_some() => diags.push(at(
                "verified",
                Diagnostic::warning(&p.file, "`verified` says when, but not against which official page")
                    .help("add `checked_against:` with the address of the official page that shows these details"),
            ).field("contact.checked_against")),
            Some(u)
                if !u.is_empty()
                    && (!crate::markdown::is_external(u)
                        || crate::contact::url_problem(u).is_some()) =>
            {
                diags.push(at(
                "checked_against",
                Diagnostic::error(&p.file, format!("`checked_against` `{u}` is not a web address"))
                    .help("write the official page's full address, starting with https://"),
            ))
            }
            _ => {}
        }
    }
}
