//! Placeholders in the example site's files (`{{ key }}`, listed in `init.rs`): filled in
//! escaped for a YAML double-quoted string in front matter and `samspil.yaml`, as is in a
//! Markdown body; a placeholder alone on a YAML line stands for whole lines.

use super::text::q;

/// `page` with its front matter's `title:` line set to `name`.
pub(super) fn with_title(page: &str, name: &str) -> String {
    let (front_matter, body) = split_front_matter(page);
    let mut out = String::with_capacity(page.len());
    for line in front_matter.split_inclusive('\n') {
        if line.starts_with("title:") {
            out.push_str(&format!("title: {}\n", q(name)));
        } else {
            out.push_str(line);
        }
    }
    out + body
}

/// `("---\n…\n---\n", body)`; `("", page)` when the page has no front matter.
pub(super) fn split_front_matter(page: &str) -> (&str, &str) {
    match page
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n"))
    {
        Some(i) => page.split_at("---\n".len() + i + "\n---\n".len()),
        None => ("", page),
    }
}

/// A page with its placeholders filled in: escaped in the front matter, as is in the body.
pub(super) fn fill(page: &str, values: &[(&str, String)]) -> Result<String, String> {
    let (front_matter, body) = split_front_matter(page);
    Ok(fill_yaml(front_matter, values)? + &substitute(body, values, false)?)
}

/// YAML with its placeholders filled in: a placeholder alone on its line by whole lines
/// (none: the line goes), any other by its value escaped for a double-quoted string.
pub(super) fn fill_yaml(yaml: &str, values: &[(&str, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(yaml.len());
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim();
        let whole = trimmed.starts_with("{{") && trimmed.ends_with("}}");
        if whole && trimmed.matches("{{").count() == 1 {
            let lines = substitute(trimmed, values, false)?;
            if !lines.is_empty() {
                out.push_str(&lines);
                out.push('\n');
            }
        } else {
            out.push_str(&substitute(line, values, true)?);
        }
    }
    Ok(out)
}

/// Replaces each `{{ key }}` in `text` by its value; an unknown key is an error.
fn substitute(text: &str, values: &[(&str, String)], escape: bool) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let end = rest[start..]
            .find("}}")
            .map(|e| start + e)
            .ok_or("`{{` without `}}`")?;
        let key = rest[start + 2..end].trim();
        let (_, value) = values
            .iter()
            .find(|(k, _)| *k == key)
            .ok_or_else(|| format!("unknown placeholder `{{{{ {key} }}}}`"))?;
        out.push_str(&rest[..start]);
        if escape {
            let quoted = q(value);
            out.push_str(&quoted[1..quoted.len() - 1]);
        } else {
            out.push_str(value);
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let v = [("a", "x \"y\"".to_string()), ("b", String::new())];
        assert_eq!(
            fill("---\nt: \"{{ a }}\"\n---\n{{a}}\n", &v).unwrap(),
            "---\nt: \"x \\\"y\\\"\"\n---\nx \"y\"\n"
        );
        assert_eq!(
            fill_yaml("k: 1\n{{ b }}\n{{ a }}\n", &v).unwrap(),
            "k: 1\nx \"y\"\n"
        );
        assert!(
            substitute("{{ c }}", &v, false)
                .unwrap_err()
                .contains("`{{ c }}`")
        );
        assert!(substitute("{{ a", &v, false).is_err());
    }
}
