//! A municipality's brand on a site: its name, an SVG logo from `static/` and one accent colour.
//!
//! The theme uses the accent where contrast matters — the header band and buttons (white text on
//! it), links and headings on white and on the light grey surfaces — so a colour is accepted only
//! when it reaches WCAG AA for normal text, 4.5:1, against the weakest of those backgrounds;
//! otherwise the build says the measured ratio and the nearest shade that passes.

use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The responsible authority's name, shown in the header and footer and in JSON-LD.
    pub name: String,
    /// An SVG file's path below the site's `static/` folder, e.g. `img/logo.svg`.
    #[serde(default)]
    pub logo: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub colour: Option<String>,
}

/// WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// `#rrggbb` → (r, g, b).
fn parse_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Relative luminance (WCAG 2.1).
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Where the default theme puts the accent: white text on it (header band, buttons), and the
/// accent as text (links, headings) on white and on the light grey surfaces of cards and the
/// footer (`--c-surface`, `--c-surface-2`). The weakest of these is what counts.
const BACKGROUNDS: [(u8, u8, u8); 3] = [(0xff, 0xff, 0xff), (0xf3, 0xf6, 0xf9), (0xe8, 0xee, 0xf5)];

/// The lowest contrast the accent has where the theme uses it.
fn theme_contrast(c: (u8, u8, u8)) -> f64 {
    BACKGROUNDS
        .iter()
        .map(|&bg| contrast(c, bg))
        .fold(f64::INFINITY, f64::min)
}

/// The lightest darker shade of `c` (mixed with black in 1 % steps) that reaches the minimum:
/// the nearest passing colour with the same hue.
fn nearest_passing(c: (u8, u8, u8)) -> (u8, u8, u8) {
    let (r, g, b) = c;
    (0..=100)
        .map(|step| {
            let k = 1.0 - step as f64 / 100.0;
            let scale = |x: u8| (x as f64 * k).round() as u8;
            (scale(r), scale(g), scale(b))
        })
        .find(|&shade| theme_contrast(shade) >= MIN_CONTRAST)
        .unwrap_or((0, 0, 0))
}

impl Brand {
    /// Problems with the brand settings, each naming its field in `samspil.yaml`.
    pub fn check(&self, line: Option<usize>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(
                Diagnostic::error(CONFIG_FILE, "the brand has no name")
                    .line(line)
                    .field("brand.name")
                    .help("write the municipality's name, e.g. `name: Frederikshavn Kommune`"),
            );
        }
        if let Some(c) = &self.colour {
            match parse_colour(c) {
                None => out.push(
                    Diagnostic::error(CONFIG_FILE, format!("brand colour `{c}` is not a colour"))
                        .line(line)
                        .field("brand.colour")
                        .help("write it as #rrggbb, e.g. `colour: \"#00587a\"` (quoted: # starts a YAML comment)"),
                ),
                Some(rgb) if theme_contrast(rgb) < MIN_CONTRAST => out.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!(
                            "brand colour {c} has a contrast of {:.2}:1 where the theme uses it (links on the light grey #e8eef5, white text on the header band); WCAG AA needs {MIN_CONTRAST}:1",
                            theme_contrast(rgb)
                        ),
                    )
                    .line(line)
                    .field("brand.colour")
                    .help(format!(
                        "the nearest shade that passes is {} ({:.2}:1)",
                        hex(nearest_passing(rgb)),
                        theme_contrast(nearest_passing(rgb))
                    )),
                ),
                Some(_) => {}
            }
        }
        if let Some(logo) = &self.logo
            && (!logo.ends_with(".svg") || logo.contains("..") || logo.starts_with('/'))
        {
            out.push(
                Diagnostic::error(CONFIG_FILE, format!("brand logo `{logo}` is not an SVG file below static/"))
                    .line(line)
                    .field("brand.logo")
                    .help("put the logo in static/ (e.g. static/img/logo.svg) and write `logo: img/logo.svg`"),
            );
        }
        out
    }

    /// The stylesheet that puts the accent colour into the theme's tokens (light scheme only:
    /// the dark scheme keeps the theme's own, tested colours).
    pub fn stylesheet(&self) -> Option<String> {
        let rgb = self.colour.as_deref().and_then(parse_colour)?;
        let (c, ratio) = (hex(rgb), theme_contrast(rgb));
        Some(format!(
            "/* Generated from brand.colour in samspil.yaml (at least {ratio:.2}:1 where used). */\n@media not (prefers-color-scheme: dark) {{\n  :root {{ --c-band: {c}; --c-btn: {c}; --c-link: {c}; --c-focus-out: {c}; --c-heading: {c}; }}\n}}\n"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast_with_white(c: (u8, u8, u8)) -> f64 {
        contrast(c, (255, 255, 255))
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((contrast_with_white((255, 255, 255)) - 1.0).abs() < 0.01);
        // The theme's navy, noted as 15.4:1 in site.css.
        let navy = parse_colour("#0b2545").unwrap();
        assert!((contrast_with_white(navy) - 15.4).abs() < 0.1);
    }

    #[test]
    fn a_light_colour_is_refused_with_the_nearest_passing_shade() {
        let b = Brand {
            name: "Kommune".into(),
            logo: None,
            colour: Some("#4fa3d1".into()),
        };
        let ds = b.check(Some(7));
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(
            (d.field.as_deref(), d.line),
            (Some("brand.colour"), Some(7))
        );
        let measured = theme_contrast(parse_colour("#4fa3d1").unwrap());
        assert!(d.message.contains(&format!("{measured:.2}:1")), "{d}");
        let help = d.help.as_deref().unwrap();
        let shade = parse_colour(&help[help.find('#').unwrap()..][..7]).unwrap();
        assert!(theme_contrast(shade) >= MIN_CONTRAST);
        // Nearest: the passing shade maps to itself.
        assert_eq!(nearest_passing(shade), shade);
    }

    #[test]
    fn a_passing_colour_gives_a_stylesheet_and_bad_values_are_named() {
        let ok = Brand {
            name: "K".into(),
            logo: Some("img/logo.svg".into()),
            colour: Some("#00587a".into()),
        };
        assert!(ok.check(None).is_empty());
        assert!(ok.stylesheet().unwrap().contains("--c-band: #00587a"));
        let bad = Brand {
            name: " ".into(),
            logo: Some("../logo.png".into()),
            colour: Some("blue".into()),
        };
        let fields: Vec<_> = bad
            .check(None)
            .into_iter()
            .filter_map(|d| d.field)
            .collect();
        assert_eq!(fields, ["brand.name", "brand.colour", "brand.logo"]);
    }
}
