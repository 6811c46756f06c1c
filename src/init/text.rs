//! The front matter and placeholder text of `samspil new`'s pages, in Danish, Swedish and
//! Norwegian Bokmål (any other language gets the Danish text). The example site that
//! `samspil init` writes is not here: it is files under `src/init/site/` (see `init.rs`).

/// What every generated file needs to know.
pub struct Ctx<'a> {
    /// The file's language (`lang` in its name).
    pub lang: &'a str,
    /// The language of the text: `da`, `sv` or `nb`.
    pub text: &'a str,
    /// The site's name in this language.
    pub name: &'a str,
    pub today: &'a str,
    pub review_by: &'a str,
    /// Host for example addresses, e.g. `kommune.dk`.
    pub domain: &'a str,
}

/// A YAML double-quoted string (JSON strings are valid YAML), safe for any user input.
pub fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Picks the text of `c.text`.
fn t<'s>(c: &Ctx, da: &'s str, sv: &'s str, nb: &'s str) -> &'s str {
    match c.text {
        "sv" => sv,
        "nb" => nb,
        _ => da,
    }
}

/// Front matter lines every new page has.
fn common(
    c: &Ctx,
    title: &str,
    slug: &str,
    kind: &str,
    summary: &str,
    tags: &[&str],
    weight: i64,
) -> String {
    let tags: Vec<String> = tags.iter().map(|s| q(s)).collect();
    format!(
        "title: {}\nslug: {}\nkind: {kind}\nsummary: {}\ntags: [{}]\naudience: [citizen, volunteer, staff]\nupdated: {}\nreview_by: {}\nweight: {weight}\n",
        q(title),
        q(slug),
        q(summary),
        tags.join(", "),
        c.today,
        c.review_by
    )
}

/// Front matter for `samspil new`: the fields of `kind`, with placeholders that build.
pub fn skeleton(c: &Ctx, title: &str, slug: &str, kind: &str) -> String {
    let summary = t(
        c,
        "Skriv et resumé på en eller to sætninger.",
        "Skriv en sammanfattning på en eller två meningar.",
        "Skriv et sammendrag på én eller to setninger.",
    );
    let mut fm = common(c, title, slug, kind, summary, &[], 100);
    fm.push_str("# draft: true    (uncomment to keep the page unpublished while you write it)\n");
    let (block, body) = match kind {
        "role" => (
            t(
                c,
                "role:\n  responsibilities:\n    - \"Hvad rollen gør\"\n  expectations:\n    - \"Hvad andre kan forvente\"\n  limits:\n    - \"Hvad rollen ikke gør\"\n",
                "role:\n  responsibilities:\n    - \"Vad rollen gör\"\n  expectations:\n    - \"Vad andra kan förvänta sig\"\n  limits:\n    - \"Vad rollen inte gör\"\n",
                "role:\n  responsibilities:\n    - \"Hva rollen gjør\"\n  expectations:\n    - \"Hva andre kan forvente\"\n  limits:\n    - \"Hva rollen ikke gjør\"\n",
            )
            .to_string(),
            t(c, "Beskriv rollen.\n", "Beskriv rollen.\n", "Beskriv rollen.\n").to_string(),
        ),
        "contact" => (
            format!(
                "contact:\n  name: {}\n  organisation: {}\n  email: {}\n  # phone: \"+45 12 34 56 78\"\n  # address: \"Street 1, 1234 Town\"\n  opening_hours: []\n  urgent: false\n  languages: [{}]\n  # When you compared the details with the official page, and which page:\n  # verified: YYYY-MM-DD\n  # checked_against: \"https://...\"\n",
                q(title),
                q(c.name),
                q(&format!("{slug}@example.org")),
                c.lang
            ),
            t(
                c,
                "Skriv, hvad man kan kontakte dem om. Erstat e-mailadressen.\n",
                "Skriv vad man kan kontakta dem om. Byt ut e-postadressen.\n",
                "Skriv hva man kan kontakte dem om. Bytt ut e-postadressen.\n",
            )
            .to_string(),
        ),
        "checklist" => (
            String::new(),
            t(
                c,
                "## Før du starter\n\n- [ ] Første punkt\n- [ ] Andet punkt\n",
                "## Innan du börjar\n\n- [ ] Första punkten\n- [ ] Andra punkten\n",
                "## Før du begynner\n\n- [ ] Første punkt\n- [ ] Andre punkt\n",
            )
            .to_string(),
        ),
        _ => (
            String::new(),
            t(
                c,
                "Skriv teksten her. Brug `##` til overskrifter.\n",
                "Skriv texten här. Använd `##` för rubriker.\n",
                "Skriv teksten her. Bruk `##` for overskrifter.\n",
            )
            .to_string(),
        ),
    };
    format!("---\n{fm}{block}---\n{body}")
}
