//! The slug rule, in one place: what a URL segment written by an author may look like
//! (`slug:` in front matter, section folders, `samspil new`), and how text becomes one
//! (heading ids, tag URLs).

/// Whether `s` may be a URL segment: lowercase letters (any script), digits, `-` and `_`, at
/// most 100 bytes, not starting with `-`, `.` or `_` (a leading `_` marks samspil's own files,
/// such as `_index.md`).
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with(['-', '.', '_'])
        && s.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A slug to suggest in place of `s` when it is not valid.
pub fn suggestion(s: &str) -> String {
    let slug = slugify(s);
    if slug.is_empty() {
        "min-side".to_string()
    } else {
        slug
    }
}

/// A URL- and id-safe slug that keeps Nordic words readable: æ→ae, ø→oe, å→aa, ä→a, ö→o.
pub fn slugify(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let rep: &str = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'ä' | 'á' | 'à' | 'â' => "a",
            'ö' | 'ó' | 'ò' | 'ô' => "o",
            'ü' | 'ú' => "u",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ï' => "i",
            'ß' => "ss",
            '§' => "paragraf",
            c if c.is_ascii_alphanumeric() => {
                if dash && !s.is_empty() {
                    s.push('-');
                }
                dash = false;
                s.push(c);
                continue;
            }
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !s.is_empty() {
            s.push('-');
        }
        dash = false;
        s.push_str(rep);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hvad gør en bisidder?"), "hvad-goer-en-bisidder");
        assert_eq!(
            slugify("Tystnadsplikt för gode män"),
            "tystnadsplikt-for-gode-man"
        );
        assert_eq!(slugify("§ 18 i serviceloven"), "paragraf-18-i-serviceloven");
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid("bisidder"));
        assert!(is_valid("räddning-2"));
        for bad in ["", "-x", ".x", "_x", "a/b", "..", "Store", "a b"] {
            assert!(!is_valid(bad), "{bad:?}");
        }
        assert_eq!(suggestion("Min Side!"), "min-side");
    }
}
