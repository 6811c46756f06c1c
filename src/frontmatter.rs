//! Front matter: the YAML block between `---` lines at the top of a content file.

use crate::diagnostics::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Deserializer, Serialize};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Date(pub time::Date);

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
    }
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s.trim(), &fmt).ok().map(Date)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30"
            ))
        })
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    Serialize,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Page,
    Principle,
    Role,
    Checklist,
    Contact,
}

impl Kind {
    /// Every kind, in the order the search filters list them.
    pub const ALL: [Kind; 5] = [
        Kind::Principle,
        Kind::Role,
        Kind::Checklist,
        Kind::Contact,
        Kind::Page,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Principle => "principle",
            Kind::Role => "role",
            Kind::Checklist => "checklist",
            Kind::Contact => "contact",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Citizen,
    Volunteer,
    Staff,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Citizen, Audience::Volunteer, Audience::Staff];
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Citizen => "citizen",
            Audience::Volunteer => "volunteer",
            Audience::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Country {
    DK,
    SE,
    NO,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub year: Option<u16>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleInfo {
    #[serde(default)]
    pub responsibilities: Vec<String>,
    #[serde(default)]
    pub expectations: Vec<String>,
    #[serde(default)]
    pub limits: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactInfo {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub opening_hours: Vec<String>,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub languages: Vec<String>,
    /// When the details above were last compared with an official page.
    #[serde(default)]
    pub verified: Option<Date>,
    /// The official page that shows the details above.
    #[serde(default)]
    pub checked_against: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnownProblem {
    pub problem: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub alternative: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Full,
    Partial,
    None,
}

/// The fields an accessibility statement must have by law (EU 2016/2102 and national rules).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityInfo {
    pub status: Compliance,
    pub assessed: Date,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub known_problems: Vec<KnownProblem>,
    #[serde(default)]
    pub feedback_email: Option<String>,
    #[serde(default)]
    pub feedback_phone: Option<String>,
    #[serde(default)]
    pub enforcement_url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// In a layered site: change only the fields named here of the upstream item at this path.
    #[serde(default)]
    pub patch: bool,
    #[serde(deserialize_with = "crate::yaml::text")]
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default, deserialize_with = "crate::yaml::text")]
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Vec<Audience>,
    #[serde(default)]
    pub country: Option<Country>,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub updated: Option<Date>,
    #[serde(default)]
    pub review_by: Option<Date>,
    /// One line on what changed at `updated`: the summary of the page's entry in the feed and
    /// on the "New and changed" page (the page's summary when absent).
    #[serde(default)]
    pub changelog: Option<String>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub role: Option<RoleInfo>,
    #[serde(default)]
    pub contact: Option<ContactInfo>,
    #[serde(default)]
    pub accessibility: Option<AccessibilityInfo>,
    /// Old addresses of the page (`/da/roller/gammel/`, from the site root), each answered
    /// with a redirect page so links and bookmarks to them keep working.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Weight,
    Title,
    Date,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// In a layered site: change only the fields named here of the upstream item at this path.
    #[serde(default)]
    pub patch: bool,
    #[serde(deserialize_with = "crate::yaml::text")]
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub sort_by: SortBy,
    #[serde(default)]
    pub default_kind: Option<Kind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeMeta {
    /// In a layered site: change only the fields named here of the upstream item at this path.
    #[serde(default)]
    pub patch: bool,
    #[serde(deserialize_with = "crate::yaml::text")]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// A content file split into its front matter and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// Number of lines before the YAML starts (the opening `---`), to report YAML positions
    /// as lines of the whole file.
    pub yaml_line_offset: usize,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    crate::limits::content_file(file, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Diagnostic::error(file, "no front matter")
            .at(1, 1)
            .help("start the file with a `---` line, then YAML such as `title: ...`, then another `---` line")
    };
    let first_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_end].trim_end() != "---" {
        return Err(missing());
    }
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                body,
                yaml_line_offset: 1,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, "the front matter is never closed")
        .at(1, 1)
        .help("end the YAML block with a line containing only `---`"))
}

pub fn parse_page(file: &str, split: &Split) -> Result<PageMeta, Diagnostic> {
    parse_meta(file, split)
}

pub fn parse_section(file: &str, split: &Split) -> Result<SectionMeta, Diagnostic> {
    parse_meta(file, split)
}

pub fn parse_home(file: &str, split: &Split) -> Result<HomeMeta, Diagnostic> {
    parse_meta(file, split)
}

/// A patch (`patch: true`, in a layered site) names only the fields it changes, so the one
/// required field, `title`, may be missing: it is read as empty here, and the layer merge
/// (`crate::layers`) puts the upstream's fields under the patch's.
fn parse_meta<T: serde::de::DeserializeOwned>(file: &str, split: &Split) -> Result<T, Diagnostic> {
    let is_patch = split.yaml.lines().any(|l| l.trim_end() == "patch: true");
    let has_title = split.yaml.lines().any(|l| l.starts_with("title:"));
    if is_patch && !has_title && split.yaml_line_offset > 0 {
        // One line above the front matter is the opening `---`: the stand-in title takes its
        // place, so every other line keeps its number in messages.
        let text = format!("title: \"\"\n{}", split.yaml);
        return yaml::parse(file, &text, split.yaml_line_offset - 1);
    }
    yaml::parse(file, split.yaml, split.yaml_line_offset)
}

/// 1-based line in the whole file of front-matter key `key`, for messages about valid YAML
/// that breaks a rule.
pub fn key_line(split: &Split, key: &str) -> Option<usize> {
    yaml::find_key_line(split.yaml, key).map(|l| l + split.yaml_line_offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_names_line_and_suggests() {
        let text = "---\ntitle: Hej\ntitel: x\n---\nbody\n";
        let s = split("a.da.md", text).unwrap();
        let e = parse_page("a.da.md", &s).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert_eq!(e.field.as_deref(), Some("titel"));
        assert!(
            e.help.as_deref().unwrap().contains("did you mean `title`"),
            "{e}"
        );
    }

    #[test]
    fn bad_kind_suggests() {
        let text = "---\ntitle: Hej\nkind: rol\n---\n";
        let s = split("a.da.md", text).unwrap();
        let e = parse_page("a.da.md", &s).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.help.as_deref().unwrap().contains("`role`"), "{e}");
    }

    #[test]
    fn bad_date_is_located() {
        let text = "---\ntitle: Hej\nupdated: 2018-13-01\n---\n";
        let s = split("a.da.md", text).unwrap();
        let e = parse_page("a.da.md", &s).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn missing_title() {
        let text = "---\nsummary: x\n---\n";
        let s = split("a.da.md", text).unwrap();
        let e = parse_page("a.da.md", &s).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("title"), "{e}");
    }

    #[test]
    fn unclosed() {
        assert!(split("a", "---\ntitle: x\n").is_err());
        assert!(split("a", "title: x\n").is_err());
        let s = split("a", "---\ntitle: x\n---\nHello\n").unwrap();
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 4);
    }
}
