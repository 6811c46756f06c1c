//! How much one file may hold. Each limit is far above what a real page needs and far below
//! what makes a build slow or huge: without them a single hostile or broken file (100,000
//! nested `[`, 400,000 tags) took half a minute to parse or wrote gigabytes of output.
//! Every limit is an error naming the file, the limit and how to stay under it.

use crate::diagnostics::Diagnostic;

/// A content file (Markdown with front matter): far more than a long policy document.
pub const CONTENT_FILE_BYTES: usize = 1024 * 1024;
/// A YAML document (front matter or samspil.yaml).
pub const YAML_BYTES: usize = 256 * 1024;
/// Nested `[`/`{` in YAML; real front matter uses two or three.
pub const YAML_DEPTH: usize = 32;
/// Tags on one page: each one makes a tag page and a link on every page that has it.
pub const TAGS_PER_PAGE: usize = 50;

/// A content file over [`CONTENT_FILE_BYTES`].
pub fn content_file(file: &str, text: &str) -> Result<(), Diagnostic> {
    if text.len() <= CONTENT_FILE_BYTES {
        return Ok(());
    }
    Err(Diagnostic::error(
        file,
        format!(
            "the file is {:.1} MB; a content file may be at most {} MB",
            text.len() as f64 / 1e6,
            CONTENT_FILE_BYTES / (1024 * 1024)
        ),
    )
    .help("split it into several pages and link them; put large data files in the page's bundle or static/"))
}

/// A YAML document that is too large or nested too deeply, checked before the parser sees it
/// (its time grows with the square of the nesting).
pub fn yaml(file: &str, text: &str, line_offset: usize) -> Result<(), Diagnostic> {
    if text.len() > YAML_BYTES {
        return Err(Diagnostic::error(
            file,
            format!(
                "the YAML is {} KB; it may be at most {} KB",
                text.len() / 1024,
                YAML_BYTES / 1024
            ),
        )
        .at(line_offset + 1, 1)
        .help("keep long text in the Markdown body, not in the front matter"));
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut line = 1;
    let mut column = 0;
    let mut comment = false;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
            // Flow collections may span lines; quotes do not in front matter that parses.
            quote = None;
            continue;
        }
        if comment {
            continue;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > YAML_DEPTH {
                    return Err(Diagnostic::error(
                        file,
                        format!("the YAML is nested more than {YAML_DEPTH} levels deep"),
                    )
                    .at(line + line_offset, column)
                    .help("a field holds text, a list or a map of those; check for a runaway `[` or `{`"));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_and_large_yaml_is_refused_quickly() {
        let deep = format!("tags: {}", "[".repeat(100_000));
        let start = std::time::Instant::now();
        let e = yaml("a.md", &deep, 1).unwrap_err();
        assert!(start.elapsed().as_millis() < 500);
        assert_eq!((e.line, e.column), (Some(2), Some(39)));
        assert!(yaml("a.md", "tags: [a, [b, {c: d}]]\ntitle: \"[[[[\"\n", 0).is_ok());
        let big = "x".repeat(YAML_BYTES + 1);
        assert!(
            yaml("a.md", &big, 0)
                .unwrap_err()
                .message
                .contains("at most 256 KB")
        );
    }
}
