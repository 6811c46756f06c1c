//! The example content of a new site, in Danish, Swedish and Norwegian Bokmål.
//!
//! Each file's three versions sit together so a change to one is easy to carry to the others.
//! Languages without text here get the text of a language that has one (the caller says so).

/// Languages that have example text.
pub const TEXT_LANGUAGES: &[&str] = &["da", "sv", "nb"];

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

/// The default site name, when `--name` is not given.
pub fn default_name(text: &str) -> &'static str {
    match text {
        "sv" => "Frivilliga och kommunen",
        "nb" => "Frivillige og kommunen",
        _ => "Frivillige og kommunen",
    }
}

pub fn description(text: &str) -> &'static str {
    match text {
        "sv" => "Så samarbetar frivilliga och kommunen – för invånare, frivilliga och anställda.",
        "nb" => "Slik samarbeider frivillige og kommunen – for innbyggere, frivillige og ansatte.",
        _ => "Sådan arbejder frivillige og kommunen sammen – for borgere, frivillige og ansatte.",
    }
}

/// Sections: id, weight, default kind, and per language (da, sv, nb) title, slug, description.
pub struct SectionText {
    pub id: &'static str,
    pub weight: i64,
    pub kind: &'static str,
    pub da: (&'static str, &'static str, &'static str),
    pub sv: (&'static str, &'static str, &'static str),
    pub nb: (&'static str, &'static str, &'static str),
}

pub const SECTIONS: &[SectionText] = &[
    SectionText {
        id: "principles",
        weight: 10,
        kind: "principle",
        da: (
            "Principper",
            "principper",
            "De værdier, samarbejdet mellem frivillige og kommunen bygger på.",
        ),
        sv: (
            "Principer",
            "principer",
            "De värderingar som samarbetet mellan frivilliga och kommunen bygger på.",
        ),
        nb: (
            "Prinsipper",
            "prinsipper",
            "Verdiene samarbeidet mellom frivillige og kommunen bygger på.",
        ),
    },
    SectionText {
        id: "roles",
        weight: 20,
        kind: "role",
        da: (
            "Roller",
            "roller",
            "Hvem gør hvad – og hvad I kan forvente af hinanden.",
        ),
        sv: (
            "Roller",
            "roller",
            "Vem gör vad – och vad ni kan förvänta er av varandra.",
        ),
        nb: (
            "Roller",
            "roller",
            "Hvem gjør hva – og hva dere kan forvente av hverandre.",
        ),
    },
    SectionText {
        id: "checklists",
        weight: 30,
        kind: "checklist",
        da: (
            "Tjeklister",
            "tjeklister",
            "Trin for trin, når du skal i gang eller står i en bestemt situation.",
        ),
        sv: (
            "Checklistor",
            "checklistor",
            "Steg för steg när du ska komma igång eller står i en viss situation.",
        ),
        nb: (
            "Sjekklister",
            "sjekklister",
            "Steg for steg når du skal i gang eller står i en bestemt situasjon.",
        ),
    },
    SectionText {
        id: "contacts",
        weight: 40,
        kind: "contact",
        da: ("Kontakt", "kontakt", "Hvem du kan ringe eller skrive til."),
        sv: ("Kontakt", "kontakt", "Vem du kan ringa eller skriva till."),
        nb: ("Kontakt", "kontakt", "Hvem du kan ringe eller skrive til."),
    },
    SectionText {
        id: "guidance",
        weight: 50,
        kind: "page",
        da: (
            "Vejledning",
            "vejledning",
            "Baggrund og gode råd – også om at skrive til dette site.",
        ),
        sv: (
            "Vägledning",
            "vagledning",
            "Bakgrund och goda råd – även om att skriva för den här webbplatsen.",
        ),
        nb: (
            "Veiledning",
            "veiledning",
            "Bakgrunn og gode råd – også om å skrive for dette nettstedet.",
        ),
    },
    SectionText {
        id: "about",
        weight: 90,
        kind: "page",
        da: (
            "Om sitet",
            "om",
            "Hvem står bag, tilgængelighed og privatliv.",
        ),
        sv: (
            "Om webbplatsen",
            "om",
            "Vem som står bakom, tillgänglighet och integritet.",
        ),
        nb: (
            "Om nettstedet",
            "om",
            "Hvem som står bak, tilgjengelighet og personvern.",
        ),
    },
];

impl SectionText {
    pub fn for_text(&self, text: &str) -> (&'static str, &'static str, &'static str) {
        match text {
            "sv" => self.sv,
            "nb" => self.nb,
            _ => self.da,
        }
    }
}

pub fn section(c: &Ctx, s: &SectionText) -> String {
    let (title, slug, description) = s.for_text(c.text);
    let body = match s.id {
        "principles" => t(
            c,
            "Principperne beskriver, hvad vi lægger vægt på, når frivillige og ansatte arbejder sammen.",
            "Principerna beskriver vad vi lägger vikt vid när frivilliga och anställda arbetar tillsammans.",
            "Prinsippene beskriver hva vi legger vekt på når frivillige og ansatte jobber sammen.",
        ),
        "roles" => t(
            c,
            "Frivillige og ansatte har forskellige opgaver. Her kan du læse, hvad hver rolle gør, og hvor grænserne går.",
            "Frivilliga och anställda har olika uppgifter. Här kan du läsa vad varje roll gör och var gränserna går.",
            "Frivillige og ansatte har ulike oppgaver. Her kan du lese hva hver rolle gjør, og hvor grensene går.",
        ),
        "checklists" => t(
            c,
            "Sæt flueben, mens du går listen igennem. Dine flueben gemmes kun i din egen browser.",
            "Bocka av medan du går igenom listan. Dina bockar sparas bara i din egen webbläsare.",
            "Kryss av mens du går gjennom listen. Kryssene lagres bare i din egen nettleser.",
        ),
        "contacts" => t(
            c,
            "Her finder du telefonnumre og adresser. Er der fare for liv eller helbred, så ring 112.",
            "Här hittar du telefonnummer och adresser. Är liv eller hälsa i fara, ring 112.",
            "Her finner du telefonnumre og adresser. Er liv eller helse i fare, ring 112.",
        ),
        "guidance" => t(
            c,
            "Vejledning og baggrund til borgere, frivillige og ansatte.",
            "Vägledning och bakgrund för invånare, frivilliga och anställda.",
            "Veiledning og bakgrunn for innbyggere, frivillige og ansatte.",
        ),
        _ => t(
            c,
            "Om sitet, hvem der står bag, tilgængelighed og privatliv.",
            "Om webbplatsen, vem som står bakom, tillgänglighet och integritet.",
            "Om nettstedet, hvem som står bak, tilgjengelighet og personvern.",
        ),
    };
    format!(
        "---\ntitle: {}\nslug: {}\ndescription: {}\nweight: {}\nsort_by: weight\ndefault_kind: {}\n---\n{body}\n",
        q(title),
        q(slug),
        q(description),
        s.weight,
        s.kind
    )
}

pub fn home(c: &Ctx) -> String {
    let body = t(
        c,
        "Velkommen. Her kan du læse, hvordan frivillige og kommunen arbejder sammen – og hvad du selv kan gøre, for at samarbejdet lykkes.

## Find det, du har brug for

- **Er du frivillig?** Start med [tjeklisten om at komme godt i gang](@/checklists/getting-started.md).
- **Arbejder du i kommunen?** Læs [principperne](@/principles/_index.md) og om [rollerne](@/roles/_index.md).
- **Har du brug for hjælp?** Se, hvem du kan [kontakte](@/contacts/_index.md).
",
        "Välkommen. Här kan du läsa hur frivilliga och kommunen arbetar tillsammans – och vad du själv kan göra för att samarbetet ska lyckas.

## Hitta det du behöver

- **Är du frivillig?** Börja med [checklistan om att komma igång](@/checklists/getting-started.md).
- **Arbetar du i kommunen?** Läs [principerna](@/principles/_index.md) och om [rollerna](@/roles/_index.md).
- **Behöver du hjälp?** Se vem du kan [kontakta](@/contacts/_index.md).
",
        "Velkommen. Her kan du lese hvordan frivillige og kommunen jobber sammen – og hva du selv kan gjøre for at samarbeidet skal lykkes.

## Finn det du trenger

- **Er du frivillig?** Begynn med [sjekklisten om å komme i gang](@/checklists/getting-started.md).
- **Jobber du i kommunen?** Les [prinsippene](@/principles/_index.md) og om [rollene](@/roles/_index.md).
- **Trenger du hjelp?** Se hvem du kan [kontakte](@/contacts/_index.md).
",
    );
    format!(
        "---\ntitle: {}\ndescription: {}\n---\n{body}",
        q(c.name),
        q(description(c.text))
    )
}

/// Front matter lines every example page shares.
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

pub fn principle(c: &Ctx) -> String {
    let (title, slug, summary, tag) = match c.text {
        "sv" => (
            "Tillit",
            "tillit",
            "Tillit mellan frivilliga, anställda och invånare gör det lättare att arbeta tillsammans – och den behöver vårdas varje dag.",
            "tillit",
        ),
        "nb" => (
            "Tillit",
            "tillit",
            "Tillit mellom frivillige, ansatte og innbyggere gjør det lettere å jobbe sammen – og den må pleies hver dag.",
            "tillit",
        ),
        _ => (
            "Tillid",
            "tillid",
            "Tillid mellem frivillige, ansatte og borgere gør det lettere at arbejde sammen – og den skal plejes hver dag.",
            "tillid",
        ),
    };
    let body = t(
        c,
        "Når frivillige og ansatte stoler på hinanden, kan de dele opgaverne og tale åbent om det, der er svært.

## Sådan viser tillid sig

- Vi holder, hvad vi lover – og siger til i god tid, hvis vi ikke kan.
- Vi taler med hinanden, ikke om hinanden.
- Vi respekterer, at borgeren selv bestemmer over sit eget liv.

## Det kan du gøre

Aftal, hvem der gør hvad, og skriv det ned. Læs mere om [den frivilliges rolle](@/roles/volunteer.md).
",
        "När frivilliga och anställda litar på varandra kan de dela på uppgifterna och tala öppet om det som är svårt.

## Så syns tillit

- Vi håller det vi lovar – och säger till i god tid om vi inte kan.
- Vi talar med varandra, inte om varandra.
- Vi respekterar att invånaren själv bestämmer över sitt eget liv.

## Det kan du göra

Kom överens om vem som gör vad och skriv ner det. Läs mer om [den frivilliges roll](@/roles/volunteer.md).
",
        "Når frivillige og ansatte stoler på hverandre, kan de dele oppgavene og snakke åpent om det som er vanskelig.

## Slik viser tillit seg

- Vi holder det vi lover – og sier fra i god tid hvis vi ikke kan.
- Vi snakker med hverandre, ikke om hverandre.
- Vi respekterer at innbyggeren selv bestemmer over sitt eget liv.

## Det kan du gjøre

Avtal hvem som gjør hva, og skriv det ned. Les mer om [den frivilliges rolle](@/roles/volunteer.md).
",
    );
    format!(
        "---\n{}related: [\"@/roles/volunteer.md\"]\n---\n{body}",
        common(c, title, slug, "principle", summary, &[tag], 10)
    )
}

pub fn role(c: &Ctx) -> String {
    let (title, slug, summary, tag) = match c.text {
        "sv" => (
            "Frivillig",
            "frivillig",
            "En frivillig ger av sin tid utan lön och kompletterar kommunens arbete – men tar inte över det.",
            "frivillig",
        ),
        "nb" => (
            "Frivillig",
            "frivillig",
            "En frivillig gir av tiden sin uten lønn og utfyller kommunens arbeid – men tar ikke over det.",
            "frivillig",
        ),
        _ => (
            "Frivillig",
            "frivillig",
            "En frivillig giver af sin tid uden løn og supplerer kommunens arbejde – men overtager det ikke.",
            "frivillig",
        ),
    };
    let block = t(
        c,
        "role:
  responsibilities:
    - \"Møder op som aftalt eller melder afbud i god tid\"
    - \"Siger til, hvis en opgave bliver for stor\"
  expectations:
    - \"Får en kontaktperson i kommunen\"
    - \"Bliver introduceret til opgaven, før den går i gang\"
  limits:
    - \"Træffer ikke afgørelser i borgerens sag\"
    - \"Giver ikke fortrolige oplysninger videre\"
",
        "role:
  responsibilities:
    - \"Kommer som överenskommet eller lämnar återbud i god tid\"
    - \"Säger till om en uppgift blir för stor\"
  expectations:
    - \"Får en kontaktperson i kommunen\"
    - \"Får en introduktion till uppgiften innan den börjar\"
  limits:
    - \"Fattar inte beslut i invånarens ärende\"
    - \"Lämnar inte vidare sekretessbelagda uppgifter\"
",
        "role:
  responsibilities:
    - \"Møter opp som avtalt eller melder fra i god tid\"
    - \"Sier fra hvis en oppgave blir for stor\"
  expectations:
    - \"Får en kontaktperson i kommunen\"
    - \"Får en innføring i oppgaven før den starter\"
  limits:
    - \"Fatter ikke vedtak i innbyggerens sak\"
    - \"Gir ikke taushetsbelagte opplysninger videre\"
",
    );
    let body = t(
        c,
        "Frivillige gør en forskel, fordi de kommer af lyst og har tid til det nære. Kommunen har ansvaret for myndighedsopgaverne; den frivillige supplerer.

## Før du går i gang

Brug [tjeklisten](@/checklists/getting-started.md), og tal med [frivilligkoordinatoren](@/contacts/volunteer-coordinator.md).
",
        "Frivilliga gör skillnad eftersom de kommer av lust och har tid för det nära. Kommunen har ansvaret för myndighetsuppgifterna; den frivillige kompletterar.

## Innan du börjar

Använd [checklistan](@/checklists/getting-started.md) och prata med [volontärsamordnaren](@/contacts/volunteer-coordinator.md).
",
        "Frivillige gjør en forskjell fordi de kommer av lyst og har tid til det nære. Kommunen har ansvaret for myndighetsoppgavene; den frivillige utfyller.

## Før du begynner

Bruk [sjekklisten](@/checklists/getting-started.md), og snakk med [frivilligkoordinatoren](@/contacts/volunteer-coordinator.md).
",
    );
    format!(
        "---\n{}related: [\"@/checklists/getting-started.md\", \"@/contacts/volunteer-coordinator.md\"]\n{block}---\n{body}",
        common(c, title, slug, "role", summary, &[tag], 10)
    )
}

pub fn checklist(c: &Ctx) -> String {
    let (title, slug, summary, tag) = match c.text {
        "sv" => (
            "Kom igång som frivillig",
            "kom-igang",
            "Det här bör vara på plats innan du börjar som frivillig.",
            "frivillig",
        ),
        "nb" => (
            "Kom i gang som frivillig",
            "kom-i-gang",
            "Dette bør være på plass før du begynner som frivillig.",
            "frivillig",
        ),
        _ => (
            "Kom godt i gang som frivillig",
            "kom-godt-i-gang",
            "Det her skal være på plads, før du starter som frivillig.",
            "frivillig",
        ),
    };
    let body = t(
        c,
        "## Før du starter

- [ ] Du har talt med en kontaktperson i kommunen.
- [ ] I har aftalt, hvad din opgave er, og hvad den ikke er.
- [ ] Du ved, hvem du ringer til, hvis noget går galt.

## De første uger

- [ ] Du har mødt de ansatte, du skal arbejde sammen med.
- [ ] I har talt om, hvordan det går.
",
        "## Innan du börjar

- [ ] Du har pratat med en kontaktperson i kommunen.
- [ ] Ni har kommit överens om vad din uppgift är och vad den inte är.
- [ ] Du vet vem du ringer om något går fel.

## De första veckorna

- [ ] Du har träffat de anställda du ska arbeta med.
- [ ] Ni har pratat om hur det går.
",
        "## Før du begynner

- [ ] Du har snakket med en kontaktperson i kommunen.
- [ ] Dere har avtalt hva oppgaven din er, og hva den ikke er.
- [ ] Du vet hvem du ringer hvis noe går galt.

## De første ukene

- [ ] Du har møtt de ansatte du skal jobbe sammen med.
- [ ] Dere har snakket om hvordan det går.
",
    );
    format!(
        "---\n{}related: [\"@/roles/volunteer.md\"]\n---\n{body}",
        common(c, title, slug, "checklist", summary, &[tag], 10)
    )
}

pub fn contact(c: &Ctx) -> String {
    let (title, slug, summary, tag, hours) = match c.text {
        "sv" => (
            "Volontärsamordnare",
            "volontarsamordnare",
            "Volontärsamordnaren svarar på frågor om frivilligt arbete i kommunen.",
            "frivillig",
            "Måndag–torsdag 9–15",
        ),
        "nb" => (
            "Frivilligkoordinator",
            "frivilligkoordinator",
            "Frivilligkoordinatoren svarer på spørsmål om frivillig arbeid i kommunen.",
            "frivillig",
            "Mandag–torsdag 9–15",
        ),
        _ => (
            "Frivilligkoordinator",
            "frivilligkoordinator",
            "Frivilligkoordinatoren svarer på spørgsmål om frivilligt arbejde i kommunen.",
            "frivillig",
            "Mandag–torsdag 9–15",
        ),
    };
    let body = t(
        c,
        "Skriv til frivilligkoordinatoren, hvis du vil være frivillig, eller hvis du som ansat vil samarbejde med frivillige.

Erstat e-mailadressen og åbningstiderne med jeres egne, før sitet udgives.
",
        "Skriv till volontärsamordnaren om du vill bli frivillig eller om du som anställd vill samarbeta med frivilliga.

Byt ut e-postadressen och öppettiderna mot era egna innan webbplatsen publiceras.
",
        "Skriv til frivilligkoordinatoren hvis du vil bli frivillig, eller hvis du som ansatt vil samarbeide med frivillige.

Bytt ut e-postadressen og åpningstidene med deres egne før nettstedet publiseres.
",
    );
    let mut spoken = vec![c.lang.to_string()];
    if c.lang != "en" {
        spoken.push("en".into());
    }
    format!(
        "---\n{}contact:\n  name: {}\n  organisation: {}\n  email: {}\n  opening_hours: [{}]\n  languages: [{}]\n---\n{body}",
        common(c, title, slug, "contact", summary, &[tag], 10),
        q(title),
        q(c.name),
        q(&format!("frivillig@{}", c.domain)),
        q(hours),
        spoken.join(", ")
    )
}

pub fn guide(c: &Ctx) -> String {
    let (title, slug, summary) = match c.text {
        "sv" => (
            "Så skriver du för webbplatsen",
            "skriv-for-webbplatsen",
            "Filer, front matter och länkar: det du behöver veta för att lägga till och ändra innehåll.",
        ),
        "nb" => (
            "Slik skriver du for nettstedet",
            "skriv-for-nettstedet",
            "Filer, front matter og lenker: det du trenger å vite for å legge til og endre innhold.",
        ),
        _ => (
            "Sådan skriver du til sitet",
            "skriv-til-sitet",
            "Filer, front matter og links: det, du skal vide for at tilføje og ændre indhold.",
        ),
    };
    let body = t(
        c,
        "Hver side er en Markdown-fil i mappen `content/`, én fil pr. sprog: `content/roles/volunteer.da.md` er den danske udgave, `volunteer.sv.md` den svenske.

## Ny side

Kør `samspil new roles/mentor --kind role`. Så får du en fil pr. sprog med de rigtige felter.

## Links mellem sider

Link til filen, ikke til adressen: `[frivillig](@/roles/volunteer.md)` bliver til det rigtige link på hvert sprog. Et link til en side, der ikke findes, stopper opbygningen med en fejl.

## Se ændringerne med det samme

Kør `samspil serve`, og åbn adressen. Siden opdaterer sig selv, når du gemmer. `samspil check` finder fejl, før du udgiver.
",
        "Varje sida är en Markdown-fil i mappen `content/`, en fil per språk: `content/roles/volunteer.sv.md` är den svenska versionen, `volunteer.da.md` den danska.

## Ny sida

Kör `samspil new roles/mentor --kind role`. Då får du en fil per språk med rätt fält.

## Länkar mellan sidor

Länka till filen, inte till adressen: `[frivillig](@/roles/volunteer.md)` blir rätt länk på varje språk. En länk till en sida som inte finns stoppar bygget med ett fel.

## Se ändringarna direkt

Kör `samspil serve` och öppna adressen. Sidan uppdateras av sig själv när du sparar. `samspil check` hittar fel innan du publicerar.
",
        "Hver side er en Markdown-fil i mappen `content/`, én fil per språk: `content/roles/volunteer.nb.md` er den norske versjonen, `volunteer.da.md` den danske.

## Ny side

Kjør `samspil new roles/mentor --kind role`. Da får du én fil per språk med de riktige feltene.

## Lenker mellom sider

Lenk til filen, ikke til adressen: `[frivillig](@/roles/volunteer.md)` blir riktig lenke på hvert språk. En lenke til en side som ikke finnes, stopper byggingen med en feil.

## Se endringene med en gang

Kjør `samspil serve` og åpne adressen. Siden oppdaterer seg selv når du lagrer. `samspil check` finner feil før du publiserer.
",
    );
    format!(
        "---\n{}---\n{body}",
        common(c, title, slug, "page", summary, &[], 10)
    )
}

pub fn about(c: &Ctx) -> String {
    let (title, slug, summary) = match c.text {
        "sv" => (
            "Om webbplatsen",
            "om-webbplatsen",
            "Vem som står bakom webbplatsen och hur du kontaktar oss.",
        ),
        "nb" => (
            "Om nettstedet",
            "om-nettstedet",
            "Hvem som står bak nettstedet, og hvordan du kontakter oss.",
        ),
        _ => (
            "Om sitet",
            "om-sitet",
            "Hvem der står bag sitet, og hvordan du kontakter os.",
        ),
    };
    let body = t(
        c,
        "Sitet samler viden om samarbejdet mellem frivillige og kommunen. Det redigeres af kommunen.

## Kontakt redaktionen

Skriv til {email}, hvis du finder en fejl.
",
        "Webbplatsen samlar kunskap om samarbetet mellan frivilliga och kommunen. Den redigeras av kommunen.

## Kontakta redaktionen

Skriv till {email} om du hittar ett fel.
",
        "Nettstedet samler kunnskap om samarbeidet mellom frivillige og kommunen. Det redigeres av kommunen.

## Kontakt redaksjonen

Skriv til {email} hvis du finner en feil.
",
    )
    .replace("{email}", &format!("web@{}", c.domain));
    format!(
        "---\n{}related: [\"@/about/accessibility.md\", \"@/about/privacy.md\"]\n---\n{body}",
        common(c, title, slug, "page", summary, &[], 10)
    )
}

pub fn accessibility(c: &Ctx) -> String {
    let (title, slug, summary, method, enforcement) = match c.text {
        "sv" => (
            "Tillgänglighetsredogörelse",
            "tillganglighetsredogorelse",
            "Hur tillgänglig webbplatsen är, vilka brister vi känner till och hur du anmäler ett problem.",
            "Självskattning: automatiska tester och manuell test med tangentbord och skärmläsare.",
            "https://www.digg.se/tdosanmalan",
        ),
        "nb" => (
            "Tilgjengelighetserklæring",
            "tilgjengelighetserklaering",
            "Hvor tilgjengelig nettstedet er, hvilke feil vi kjenner til, og hvordan du melder fra.",
            "Egenvurdering: automatiske tester og manuell test med tastatur og skjermleser.",
            "https://www.uutilsynet.no/",
        ),
        _ => (
            "Tilgængelighedserklæring",
            "tilgaengelighedserklaering",
            "Hvor tilgængeligt sitet er, hvilke fejl vi kender til, og hvordan du giver besked.",
            "Selvevaluering: automatiske test og manuel test med tastatur og skærmlæser.",
            "https://www.digst.dk/digital-inklusion/webtilgaengelighed/",
        ),
    };
    let body = t(
        c,
        "Vi vil gerne have, at alle kan bruge sitet – også med skærmlæser, forstørrelse eller kun tastatur.

## Sådan lever sitet op til kravene

Sitet lever delvist op til kravene i WCAG 2.1 på niveau AA. Opdatér erklæringen, når I har testet jeres eget indhold.

## Giv besked

Kan du ikke bruge en del af sitet, så skriv til os. Får du ikke et svar, du er tilfreds med, kan du klage til tilsynsmyndigheden.
",
        "Vi vill att alla ska kunna använda webbplatsen – även med skärmläsare, förstoring eller bara tangentbord.

## Så uppfyller webbplatsen kraven

Webbplatsen uppfyller delvis kraven i WCAG 2.1 på nivå AA. Uppdatera redogörelsen när ni har testat ert eget innehåll.

## Meddela oss

Kan du inte använda en del av webbplatsen, skriv till oss. Är du inte nöjd med svaret kan du anmäla det till tillsynsmyndigheten.
",
        "Vi vil at alle skal kunne bruke nettstedet – også med skjermleser, forstørrelse eller bare tastatur.

## Slik oppfyller nettstedet kravene

Nettstedet oppfyller delvis kravene i WCAG 2.1 på nivå AA. Oppdater erklæringen når dere har testet deres eget innhold.

## Meld fra

Kan du ikke bruke en del av nettstedet, skriv til oss. Er du ikke fornøyd med svaret, kan du klage til tilsynsmyndigheten.
",
    );
    format!(
        "---\n{}related: [\"@/about/about.md\"]\naccessibility:\n  status: partial\n  assessed: {}\n  method: {}\n  known_problems: []\n  feedback_email: {}\n  enforcement_url: {}\n---\n{body}",
        common(c, title, slug, "page", summary, &[], 20),
        c.today,
        q(method),
        q(&format!("web@{}", c.domain)),
        q(enforcement)
    )
}

pub fn privacy(c: &Ctx) -> String {
    let (title, slug, summary) = match c.text {
        "sv" => (
            "Integritet",
            "integritet",
            "Webbplatsen använder inga kakor och samlar inte in personuppgifter.",
        ),
        "nb" => (
            "Personvern",
            "personvern",
            "Nettstedet bruker ikke informasjonskapsler og samler ikke inn personopplysninger.",
        ),
        _ => (
            "Privatliv",
            "privatliv",
            "Sitet bruger ikke cookies og indsamler ikke personoplysninger.",
        ),
    };
    let body = t(
        c,
        "Sitet bruger ikke cookies og sporer ikke, hvad du gør. Flueben i tjeklister og dit valg af sprog gemmes kun i din egen browser.

## Hvis du skriver til os

Vi bruger kun dine oplysninger til at svare dig.
",
        "Webbplatsen använder inga kakor och spårar inte vad du gör. Bockar i checklistor och ditt val av språk sparas bara i din egen webbläsare.

## Om du skriver till oss

Vi använder bara dina uppgifter för att svara dig.
",
        "Nettstedet bruker ikke informasjonskapsler og sporer ikke hva du gjør. Kryss i sjekklister og valget ditt av språk lagres bare i din egen nettleser.

## Hvis du skriver til oss

Vi bruker bare opplysningene dine til å svare deg.
",
    );
    format!(
        "---\n{}related: [\"@/about/about.md\"]\n---\n{body}",
        common(c, title, slug, "page", summary, &[], 30)
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
                "contact:\n  name: {}\n  organisation: {}\n  email: {}\n  # phone: \"+45 12 34 56 78\"\n  # address: \"Street 1, 1234 Town\"\n  opening_hours: []\n  urgent: false\n  languages: [{}]\n",
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
