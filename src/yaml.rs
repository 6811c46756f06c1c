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
    crate::limits::yaml(file, text, line_offset)?;
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
    } else if let Some(field) = between(&msg, "duplicate field `", "`") {
        d.field = Some(field.to_string());
        d.message = format!("`{field}` is written twice");
        d.help = Some(format!("keep one of the `{field}:` lines"));
    } else if let Some(field) = field_at_line(text, d.line.map(|l| l.saturating_sub(line_offset))) {
        // serde_norway starts the message with the field's path, which is shown as the field.
        let msg = msg.strip_prefix(&format!("{field}: ")).unwrap_or(&msg);
        let (message, help) = plain_types(msg, &field);
        d.message = message;
        d.field = Some(field);
        d.help = Some(help);
    }
    if let Some(quote) = unclosed_quote(text, &raw) {
        d = Diagnostic::error(file, "this quoted text is never closed")
            .at(quote.line + line_offset, quote.column)
            .field(quote.key)
            .help(format!(
                "end the text with {} on the same line, or remove the opening {}",
                quote.mark, quote.mark
            ));
    }
    d
}

/// serde's type names (`i64`, `a sequence`) said the way an author writes YAML, with an
/// example of the right form.
fn plain_types(msg: &str, field: &str) -> (String, String) {
    let mut m = msg.to_string();
    for (rust, plain) in [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected u16", "expected a whole number of 0 or more"),
        ("expected u8", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected text"),
        ("expected a sequence", "expected a list"),
        ("expected a boolean", "expected true or false"),
        ("invalid type: string", "invalid type: text"),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: a group of fields"),
    ] {
        m = m.replace(rust, plain);
    }
    let example = if m.contains("expected a whole number") {
        format!("write a whole number, e.g. `{field}: 10`")
    } else if m.contains("expected a number") {
        format!("write a number, e.g. `{field}: 1.5`")
    } else if m.contains("expected a list") {
        format!("write a list, e.g. `{field}: [a, b]`")
    } else if m.contains("expected true or false") {
        format!("write `{field}: true` or `{field}: false`")
    } else if m.contains("expected text") {
        format!(
            "write text, quoted if it contains `: ` or starts with a special character: `{field}: \"...\"`"
        )
    } else {
        "check the value's type and indentation (quote text that contains `: ` or starts with a special character)".into()
    };
    (m, example)
}

struct OpenQuote {
    line: usize,
    column: usize,
    key: String,
    mark: char,
}

/// The first `key: "…` whose quote never closes on its line, when the parser's error is the
/// kind an unclosed quote causes (it reads on to the end, then complains about the wrong line).
fn unclosed_quote(text: &str, raw_error: &str) -> Option<OpenQuote> {
    let symptoms = [
        "end of stream",
        "did not find expected key",
        "while scanning a quoted scalar",
        "found unexpected end",
    ];
    if !symptoms.iter().any(|s| raw_error.contains(s)) {
        return None;
    }
    for (i, line) in text.lines().enumerate() {
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let v = value.trim_start();
        let Some(mark) = v.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let rest = &v[1..];
        let closed = match mark {
            // A double-quoted scalar: `\"` does not close it.
            '"' => {
                let mut escaped = false;
                rest.chars().any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            }
            // A single-quoted scalar: `''` is a quote inside it.
            _ => rest.replace("''", "").contains('\''),
        };
        if !closed {
            return Some(OpenQuote {
                line: i + 1,
                column: line.len() - v.len() + 1,
                key: key.trim().trim_start_matches("- ").to_string(),
                mark,
            });
        }
    }
    None
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
