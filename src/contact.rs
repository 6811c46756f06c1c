//! Machine-readable contact details: vCard 4.0 (RFC 6350) and schema.org JSON-LD.

use crate::frontmatter::ContactInfo;

/// Escapes a vCard text value (RFC 6350 §3.4): a line break becomes `\n`, so a multi-line
/// value cannot start a property line of its own (`TEL:…`); other control characters, which
/// no vCard value may hold, are dropped.
fn vtext(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line_breaks(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted parameter value (RFC 6868): `^` as `^^`, a line break as `^n`, `"` as `^'`.
fn vparam(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line_breaks(s).chars() {
        match c {
            '^' => out.push_str("^^"),
            '\n' => out.push_str("^n"),
            '"' => out.push_str("^'"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value that is not text (a URI, a language tag): written as is, minus control characters.
fn vraw(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn one_line_breaks(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The schemes a contact's `url` may use.
const CONTACT_SCHEMES: &[&str] = &["https", "http", "mailto", "tel"];

/// Why a contact's `url` cannot be published, if it cannot: it must parse as an absolute URL
/// of one of [`CONTACT_SCHEMES`], with nothing a parser would silently drop or re-encode.
pub fn url_problem(u: &str) -> Option<String> {
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("`{}` has spaces or line breaks", u.escape_debug()));
    }
    let parsed = match url::Url::parse(u) {
        Ok(p) => p,
        Err(e) => return Some(format!("`{u}` is not a web address ({e})")),
    };
    let scheme = parsed.scheme();
    if !CONTACT_SCHEMES.contains(&scheme) {
        return Some(format!(
            "`{u}` uses `{scheme}:`, which a contact may not link to"
        ));
    }
    let empty = match scheme {
        "mailto" => !parsed.path().contains('@'),
        "tel" => !parsed.path().chars().any(|c| c.is_ascii_digit()),
        _ => parsed.host_str().is_none_or(str::is_empty),
    };
    empty.then(|| {
        format!(
            "`{u}` has no {}",
            match scheme {
                "mailto" => "e-mail address",
                "tel" => "phone number",
                _ => "host",
            }
        )
    })
}

/// Folds lines longer than 75 octets, as RFC 6350 §3.2 requires, without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out.push_str("\r\n");
    out
}

pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

pub fn vcard(c: &ContactInfo, title: &str, lang: &str, page_url: &str) -> String {
    let mut v = String::new();
    v.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
    let name = c
        .name
        .as_deref()
        .or(c.organisation.as_deref())
        .unwrap_or(title);
    v.push_str(&fold(&format!("FN;LANGUAGE={lang}:{}", vtext(name))));
    v.push_str("KIND:org\r\n");
    if let Some(org) = &c.organisation {
        v.push_str(&fold(&format!("ORG:{}", vtext(org))));
    }
    if let Some(p) = &c.phone {
        v.push_str(&fold(&format!(
            "TEL;VALUE=uri;TYPE=work,voice:{}",
            tel_uri(p)
        )));
    }
    if let Some(e) = &c.email {
        v.push_str(&fold(&format!("EMAIL;TYPE=work:{}", vtext(e))));
    }
    if let Some(a) = &c.address {
        // The address is free text; put it in the street component and as a label.
        v.push_str(&fold(&format!(
            "ADR;TYPE=work;LABEL=\"{}\":;;{};;;;",
            vparam(a),
            vtext(a)
        )));
    }
    if let Some(u) = &c.url {
        v.push_str(&fold(&format!("URL:{}", vraw(u))));
    }
    for l in &c.languages {
        v.push_str(&fold(&format!("LANG:{}", vraw(l))));
    }
    if !c.opening_hours.is_empty() {
        v.push_str(&fold(&format!(
            "NOTE;LANGUAGE={lang}:{}",
            vtext(&c.opening_hours.join("; "))
        )));
    }
    // When the details were last checked, so an address book can tell an old card from a new.
    if let Some(d) = c.verified {
        let d = d.0;
        v.push_str(&format!(
            "REV:{:04}{:02}{:02}T000000Z\r\n",
            d.year(),
            d.month() as u8,
            d.day()
        ));
    }
    v.push_str(&fold(&format!("SOURCE:{page_url}contact.vcf")));
    v.push_str("END:VCARD\r\n");
    v
}

/// The organisation a contact page describes, with the page itself as `subjectOf` (published
/// by the site's responsible authority, `publisher`, and reviewed when `verified` says).
pub fn json_ld(
    c: &ContactInfo,
    title: &str,
    description: &str,
    page_url: &str,
    publisher: Option<&str>,
) -> String {
    let mut point = serde_json::json!({ "@type": "ContactPoint", "contactType": title });
    if let Some(p) = &c.phone {
        point["telephone"] = p.clone().into();
    }
    if let Some(e) = &c.email {
        point["email"] = e.clone().into();
    }
    if !c.languages.is_empty() {
        point["availableLanguage"] = c.languages.clone().into();
    }
    if !c.opening_hours.is_empty() {
        point["description"] = c.opening_hours.join("; ").into();
    }
    let mut org = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": c.organisation.clone().unwrap_or_else(|| title.to_string()),
        "url": page_url,
        "description": description,
        "contactPoint": point,
    });
    if let Some(a) = &c.address {
        org["address"] = a.clone().into();
    }
    // An organisation has no review date or publisher in schema.org; the page describing it does.
    let mut page = serde_json::json!({ "@type": "WebPage", "url": page_url });
    if let Some(d) = c.verified {
        page["lastReviewed"] = d.to_string().into();
    }
    if let Some(p) = publisher {
        page["publisher"] = crate::json_ld::organization(p);
    }
    org["subjectOf"] = page;
    crate::json_ld::script(&org)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcard_is_valid_shape() {
        let c = ContactInfo {
            name: Some("Integrationsteamet".into()),
            organisation: Some("Skanderborg Kommune".into()),
            phone: Some("+45 87 94 70 00".into()),
            email: Some("integration@skanderborg.dk".into()),
            languages: vec!["da".into(), "en".into()],
            verified: crate::frontmatter::Date::parse("2026-12-04"),
            ..Default::default()
        };
        let v = vcard(&c, "Integration", "da", "https://x.dk/da/kontakter/i/");
        assert!(v.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        assert!(v.contains("TEL;VALUE=uri;TYPE=work,voice:tel:+4587947000\r\n"));
        assert!(v.ends_with("END:VCARD\r\n"));
        assert!(v.contains("\r\nREV:20261204T000000Z\r\n"), "{v}");
        assert!(v.lines().all(|l| l.len() <= 76));
        assert!(v.split("\r\n").all(|l| !l.contains(['\r', '\n'])));
        let j = json_ld(
            &c,
            "Integration",
            "d",
            "https://x.dk/",
            Some("Samspil-projektet"),
        );
        let parsed: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(parsed["@type"], "GovernmentOrganization");
        assert_eq!(parsed["contactPoint"]["availableLanguage"][1], "en");
        assert_eq!(parsed["subjectOf"]["lastReviewed"], "2026-12-04");
        assert_eq!(parsed["subjectOf"]["publisher"]["@type"], "Organization");
        assert_eq!(
            parsed["subjectOf"]["publisher"]["name"],
            "Samspil-projektet"
        );
    }

    #[test]
    fn a_multi_line_value_stays_on_its_own_property() {
        let c = ContactInfo {
            organisation: Some("Kommune\r\nTEL:+4500000000".into()),
            address: Some("Torvet 1\nURL:https://evil.example \"^\" a;b,c\\".into()),
            email: Some("a@b.dk\nTEL:1".into()),
            ..Default::default()
        };
        let v = vcard(&c, "T", "da", "https://x.dk/");
        let unfolded = v.replace("\r\n ", "");
        let names: Vec<&str> = unfolded
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split([':', ';']).next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "BEGIN", "VERSION", "FN", "KIND", "ORG", "EMAIL", "ADR", "SOURCE", "END"
            ],
            "{v}"
        );
        assert!(
            unfolded.contains("ORG:Kommune\\nTEL:+4500000000\r\n"),
            "{v}"
        );
        assert!(
            unfolded.contains(
                "ADR;TYPE=work;LABEL=\"Torvet 1^nURL:https://evil.example ^'^^^' a;b,c\\\":;;Torvet 1\\nURL:https://evil.example \"^\" a\\;b\\,c\\\\;;;;\r\n"
            ),
            "{v}"
        );
        assert!(v.split("\r\n").all(|l| l.len() <= 75), "{v}");
    }

    #[test]
    fn contact_urls_are_web_mail_or_phone_addresses() {
        assert_eq!(url_problem("https://kommune.dk/kontakt"), None);
        assert_eq!(url_problem("mailto:a@kommune.dk"), None);
        assert_eq!(url_problem("tel:+4587947000"), None);
        assert!(
            url_problem("javascript:alert(1)")
                .unwrap()
                .contains("`javascript:`")
        );
        assert!(url_problem("data:text/html,x").is_some());
        assert!(
            url_problem("kommune.dk")
                .unwrap()
                .contains("not a web address")
        );
        assert!(
            url_problem("https://kommune.dk/\nTEL:1")
                .unwrap()
                .contains("line breaks")
        );
        assert!(url_problem("https://").is_some());
        assert!(
            url_problem("mailto:")
                .unwrap()
                .contains("no e-mail address")
        );
    }
}
