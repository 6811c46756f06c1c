//! Escaping text for the XML the build writes (sitemap, feeds).

/// Text for XML content and attributes. Control characters other than tab and newline are
/// not allowed in XML 1.0 at all, so they are dropped rather than escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            esc("Råd & \"vejledning\" <ny>\u{7}"),
            "Råd &amp; &quot;vejledning&quot; &lt;ny&gt;"
        );
    }
}
