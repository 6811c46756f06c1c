//! What samspil knows about each language, in one place: which codes it accepts, which ones the
//! search index can analyse, the URL segments a language's taxonomy, search and "new and
//! changed" pages use, its Open Graph locale and how it writes dates.
//!
//! UI text is the theme's business (`i18n/<lang>.yaml`); URL segments are site policy and live
//! here, so a theme's translation can never move a published address.

use crate::frontmatter::{Audience, Date};

/// Checks a language code from `samspil.yaml` or a file name: simple BCP 47 tags, with a hint
/// for country codes people write by mistake.
pub fn check_code(code: &str) -> Result<(), String> {
    let hint = match code.to_ascii_lowercase().as_str() {
        "dk" => Some("`dk` is Denmark's country code; Danish is `da`"),
        "se" => Some("`se` is Northern Sámi (and Sweden's country code); Swedish is `sv`"),
        "no" => {
            Some("`no` is the macrolanguage Norwegian; use `nb` for Bokmål or `nn` for Nynorsk")
        }
        "no-nb" | "nb-no" => Some("use plain `nb` for Norwegian Bokmål"),
        "en-uk" => Some("British English is `en-GB`"),
        _ => None,
    };
    if let Some(h) = hint {
        return Err(h.to_string());
    }
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    let rest_ok =
        parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        Ok(())
    } else {
        Err(
            "write a BCP 47 language tag: two or three lowercase letters, e.g. `da`, `sv`, `nb`"
                .into(),
        )
    }
}

/// Whether the search index has a stemmer and stop words of its own for `code` (da, sv, nb,
/// nn, en); every other language is searched with its general analyzer (words, lower case). The
/// search crate owns the analyzers; this only asks it, so the two can never disagree.
pub fn search_stems(code: &str) -> bool {
    search_index::has_stemmer(code)
}

/// The writing direction of `code`'s script for `dir` on `<html>`: "rtl" for Arabic, Hebrew,
/// Persian, Urdu and the other languages written right to left (or a tag naming an
/// Arabic or Hebrew script), else "ltr".
pub fn direction(code: &str) -> &'static str {
    const RTL: &[&str] = &[
        "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    let primary = code.split('-').next().unwrap_or_default();
    let script = code.split('-').skip(1).find(|p| p.len() == 4);
    let rtl = match script {
        Some(s) => matches!(
            s,
            "Arab" | "Hebr" | "Syrc" | "Thaa" | "Adlm" | "Rohg" | "Nkoo"
        ),
        None => RTL.contains(&primary),
    };
    if rtl { "rtl" } else { "ltr" }
}

/// The URL segments of one language's generated pages: `/<lang>/<tags>/`, `/<lang>/<audience>/`,
/// `/<lang>/<search>/` and one segment per audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSegments {
    pub tags: &'static str,
    pub audience: &'static str,
    pub search: &'static str,
    /// The "New and changed" page.
    pub changes: &'static str,
    /// Citizen, volunteer, staff, in [`Audience::ALL`] order.
    pub audiences: [&'static str; 3],
}

impl UrlSegments {
    pub fn audience_segment(&self, a: Audience) -> &'static str {
        let i = Audience::ALL.iter().position(|x| *x == a).unwrap_or(0);
        self.audiences[i]
    }
}

const ENGLISH: UrlSegments = UrlSegments {
    tags: "tags",
    audience: "audience",
    search: "search",
    changes: "new",
    audiences: ["citizens", "volunteers", "staff"],
};

fn known_segments(code: &str) -> Option<UrlSegments> {
    Some(match code {
        "da" => UrlSegments {
            tags: "emner",
            audience: "maalgrupper",
            search: "soeg",
            changes: "nyt",
            audiences: ["borgere", "frivillige", "ansatte"],
        },
        "sv" => UrlSegments {
            tags: "amnen",
            audience: "malgrupper",
            search: "sok",
            changes: "nytt",
            audiences: ["invaanare", "frivilliga", "anstallda"],
        },
        "nb" | "nn" | "no" => UrlSegments {
            tags: "emner",
            audience: "malgrupper",
            search: "sok",
            changes: "nytt",
            audiences: ["innbyggere", "frivillige", "ansatte"],
        },
        _ => return None,
    })
}

/// The countries a page can be about (`country:`), the one where `code` is the national
/// language first: a reader filtering search results mostly wants their own country.
pub fn countries_for(code: &str) -> [&'static str; 3] {
    match code {
        "sv" => ["SE", "DK", "NO"],
        "nb" | "nn" | "no" | "se" => ["NO", "DK", "SE"],
        _ => ["DK", "SE", "NO"],
    }
}

/// `date` as people write it in `code`: "3. marts 2026", "3 mars 2026", "3. mars 2026".
/// Languages samspil has no month names for get the ISO form, which every reader can parse.
pub fn human_date(date: Date, code: &str) -> String {
    let d = date.0;
    let month = d.month() as usize - 1;
    let (months, dot) = match code {
        "da" => (
            [
                "januar",
                "februar",
                "marts",
                "april",
                "maj",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "december",
            ],
            ".",
        ),
        "sv" => (
            [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "",
        ),
        "nb" | "nn" | "no" => (
            [
                "januar",
                "februar",
                "mars",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            ".",
        ),
        _ => return date.to_string(),
    };
    format!("{}{dot} {} {}", d.day(), months[month], d.year())
}

/// The Open Graph locale of `code` (`language_TERRITORY`, as `og:locale` wants it): the
/// country where samspil's languages are the national language, a region written in the code
/// (`en-GB` → `en_GB`), else the bare code, which readers of the tag still understand.
pub fn og_locale(code: &str) -> String {
    let known = match code {
        "da" => Some("da_DK"),
        "sv" => Some("sv_SE"),
        "nb" | "no" => Some("nb_NO"),
        "nn" => Some("nn_NO"),
        "fi" => Some("fi_FI"),
        "is" => Some("is_IS"),
        "fo" => Some("fo_FO"),
        "kl" => Some("kl_GL"),
        _ => None,
    };
    if let Some(k) = known {
        return k.to_string();
    }
    match code.split_once('-') {
        Some((lang, region)) if region.len() == 2 => {
            format!("{lang}_{}", region.to_ascii_uppercase())
        }
        _ => code.split('-').next().unwrap_or(code).to_string(),
    }
}

/// The URL segments for `code`; a language samspil has no words for borrows the site's default
/// language's (as its UI text does), and English when that is unknown too.
pub fn url_segments(code: &str, default_language: &str) -> UrlSegments {
    known_segments(code)
        .or_else(|| known_segments(default_language))
        .unwrap_or(ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert!(check_code("da").is_ok());
        assert!(check_code("nb").is_ok());
        assert!(check_code("en-GB").is_ok());
        assert!(check_code("dk").unwrap_err().contains("`da`"));
        assert!(check_code("se").unwrap_err().contains("`sv`"));
        assert!(check_code("no").unwrap_err().contains("`nb`"));
        assert!(check_code("Danish").is_err());
    }

    #[test]
    fn stemming_comes_from_the_search_crate() {
        for l in ["da", "sv", "nb", "nn", "en", "en-GB"] {
            assert!(search_stems(l), "{l}");
        }
        for l in ["uk", "ar", "fi", "se"] {
            assert!(!search_stems(l), "{l}");
        }
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        for l in ["ar", "fa", "he", "ur", "ar-SA", "ku-Arab", "pa-Arab"] {
            assert_eq!(direction(l), "rtl", "{l}");
        }
        for l in [
            "da", "en", "uk", "se", "ku", "ku-Latn", "az-Latn", "ar-Latn",
        ] {
            assert_eq!(direction(l), "ltr", "{l}");
        }
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let d = Date::parse("2026-03-03").unwrap();
        assert_eq!(human_date(d, "da"), "3. marts 2026");
        assert_eq!(human_date(d, "sv"), "3 mars 2026");
        assert_eq!(human_date(d, "nb"), "3. mars 2026");
        assert_eq!(human_date(d, "fi"), "2026-03-03");
        let d = Date::parse("2026-05-17").unwrap();
        assert_eq!(human_date(d, "nb"), "17. mai 2026");
    }

    #[test]
    fn unknown_languages_borrow_the_default_languages_segments() {
        assert_eq!(url_segments("fi", "da").tags, "emner");
        assert_eq!(url_segments("fi", "xx").search, "search");
        assert_eq!(
            url_segments("sv", "da").audience_segment(Audience::Staff),
            "anstallda"
        );
        assert_eq!(url_segments("da", "da").changes, "nyt");
        assert_eq!(url_segments("nb", "da").changes, "nytt");
        assert_eq!(url_segments("fi", "sv").changes, "nytt");
    }

    #[test]
    fn open_graph_locales() {
        assert_eq!(og_locale("da"), "da_DK");
        assert_eq!(og_locale("sv"), "sv_SE");
        assert_eq!(og_locale("nb"), "nb_NO");
        assert_eq!(og_locale("en-gb"), "en_GB");
        assert_eq!(og_locale("de"), "de");
    }
}
