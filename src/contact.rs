//! Machine-readable contact details: vCard 4.0 (RFC 6350) and schema.org JSON-LD.

use crate::frontmatter::ContactInfo;

/// Escapes a vCard text value (RFC 6350 §3.4).
fn vtext(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
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
        v.push_str(&fold(&format!("EMAIL;TYPE=work:{e}")));
    }
    if let Some(a) = &c.address {
        // The address is free text; put it in the street component and as a label.
        v.push_str(&fold(&format!(
            "ADR;TYPE=work;LABEL=\"{}\":;;{};;;;",
            a.replace('"', "'"),
            vtext(a)
        )));
    }
    if let Some(u) = &c.url {
        v.push_str(&fold(&format!("URL:{u}")));
    }
    for l in &c.languages {
        v.push_str(&format!("LANG:{l}\r\n"));
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
}
