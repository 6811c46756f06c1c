//! YAML parsing that turns serde errors into diagnostics with file, line, column and field.

use crate::diagnostics::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;

/// Parses `text` (which starts at `line_offset` lines into `file`) into `T`.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    // An empty document is `null` in YAML; treat it as an empty mapping so the
    // "missing field" message names the field rather than complaining about null.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_norway::from_str::<T>(text).map_err(|e| to_diagnostic(file, text, line_offset, &e))
}

fn to_diagnostic(
    file: &str,
    text: &str,
    line_offset: usize,
    e: &serde_norway::Error,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_norway appends " at line X column Y"; the location is reported separately.
    let msg = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let mut d = Diagnostic::error(file, msg.clone());
    if let Some(loc) = e.location() {
        d = d.at(loc.line() + line_offset, loc.column());
    }
    // Errors raised by our own value types (dates) point at the enclosing mapping; the line
    // that holds the offending value is more useful.
    if let Some(value) = between(&msg, "`", "`") {
        let reported = d
            .line
            .and_then(|l| text.lines().nth(l.saturating_sub(line_offset + 1)));
        if !reported.is_some_and(|l| l.contains(value))
            && let Some(i) = text
                .lines()
                .position(|l| l.contains(value) && l.contains(':'))
        {
            d = d.at(i + 1 + line_offset, 1);
        }
    }
    if let Some(field) = between(&msg, "unknown field `", "`") {
        let expected = expected_fields(&msg);
        d.field = Some(field.to_string());
        d.message = format!("unknown field `{field}`");
        d.help = Some(match did_you_mean(field, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed here: {}", expected.join(", ")),
            None => format!("remove it; allowed here: {}", expected.join(", ")),
        });
        if d.line.is_none() {
            d = d.line(find_key_line(text, field).map(|l| l + line_offset));
        }
    } else if let Some(field) = between(&msg, "missing field `", "`") {
        d.field = Some(field.to_string());
        d.help = Some(format!("add `{field}: ...` to the front matter"));
    } else if let Some(variant) = between(&msg, "unknown variant `", "`") {
        let expected = expected_fields(&msg);
        d.help = Some(match did_you_mean(variant, expected.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? Allowed values: {}",
                expected.join(", ")
            ),
            None => format!("allowed values: {}", expected.join(", ")),
        });
        if let Some(field) = field_at_line(text, d.line.map(|l| l - line_offset)) {
            d.field = Some(field);
        }
    } else if let Some(field) = field_at_line(text, d.line.map(|l| l.saturating_sub(line_offset))) {
        d.field = Some(field);
        d.help = Some("check the value's type and indentation (quote text that contains `: ` or starts with a special character)".into());
    }
    d
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// The names listed after "expected one of" / "expected" in a serde message.
fn expected_fields(msg: &str) -> Vec<&str> {
    let Some(i) = msg.find("expected") else {
        return vec![];
    };
    msg[i..].split('`').skip(1).step_by(2).collect()
}

/// The 1-based line (within `text`) where `key:` appears, at any indentation.
pub fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The key whose value sits on 1-based `line` of `text`, if the line is `key: value`.
fn field_at_line(text: &str, line: Option<usize>) -> Option<String> {
    let l = text.lines().nth(line?.checked_sub(1)?)?;
    let key = l
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()?
        .trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| key.to_string())
}

/// A text field where YAML's `null` (or `~`) means "nothing written", not the word "null":
/// `title: null` would otherwise publish a page called "null". Empty text is then reported
/// by the rule that needs the field.
pub fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::Deserialize;
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}
