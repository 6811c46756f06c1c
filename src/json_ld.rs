//! schema.org JSON-LD that every page carries: a `WebPage` naming the site it is part of and
//! the responsible authority as its publisher (and, on content pages, as the reviewer beside
//! the date it was last reviewed). Contact pages describe an organisation instead and reuse
//! [`organization`] for their page's publisher (see [`crate::contact::json_ld`]).

use crate::frontmatter::Date;
use serde_json::{Value, json};

/// What one page's `WebPage` object says.
pub struct WebPage<'a> {
    pub name: &'a str,
    pub description: &'a str,
    /// Absolute URL.
    pub url: &'a str,
    pub lang: &'a str,
    pub site_name: &'a str,
    pub site_url: &'a str,
    /// The responsible authority ([`crate::config::Config::responsible_authority`]).
    pub publisher: Option<&'a str>,
    /// The date a content page was last reviewed (its `updated`).
    pub last_reviewed: Option<Date>,
}

/// The responsible authority as a schema.org `Organization`.
pub fn organization(name: &str) -> Value {
    json!({ "@type": "Organization", "name": name })
}

pub fn web_page(p: &WebPage) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": p.name,
        "url": p.url,
        "inLanguage": p.lang,
        "isPartOf": { "@type": "WebSite", "name": p.site_name, "url": p.site_url },
    });
    if !p.description.is_empty() {
        v["description"] = p.description.into();
    }
    if let Some(name) = p.publisher {
        v["publisher"] = organization(name);
    }
    if let Some(d) = p.last_reviewed {
        v["lastReviewed"] = d.to_string().into();
        if let Some(name) = p.publisher {
            v["reviewedBy"] = organization(name);
        }
    }
    v
}

/// `v` ready for a `<script type="application/ld+json">` block.
pub fn script(v: &Value) -> String {
    // Inside a script element `</script>` ends the block and `<!--` switches the HTML parser
    // into a mode where the real `</script>` no longer does, blanking the rest of the page.
    // JSON strings may write any character as `\uXXXX`, so no `<` is written at all.
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_page_names_its_publisher_and_reviewer_and_stays_in_its_script_block() {
        let page = WebPage {
            name: "Bisidder </script> <!--<script>",
            description: "",
            url: "https://k.dk/da/roller/bisidder/",
            lang: "da",
            site_name: "Samspil",
            site_url: "https://k.dk/",
            publisher: Some("Samspil-projektet"),
            last_reviewed: Date::parse("2026-03-03"),
        };
        let s = script(&web_page(&page));
        assert!(!s.contains('<'), "{s}");
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["@type"], "WebPage");
        assert_eq!(v["name"], "Bisidder </script> <!--<script>");
        assert_eq!(v["publisher"]["@type"], "Organization");
        assert_eq!(v["publisher"]["name"], "Samspil-projektet");
        assert_eq!(v["reviewedBy"]["name"], "Samspil-projektet");
        assert_eq!(v["lastReviewed"], "2026-03-03");
        assert!(v.get("description").is_none());

        let anonymous = web_page(&WebPage {
            publisher: None,
            last_reviewed: None,
            ..page
        });
        assert!(anonymous.get("publisher").is_none() && anonymous.get("reviewedBy").is_none());
    }
}
