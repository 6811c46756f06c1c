//! A portable copy (`build --portable`): every link between the site's own files relative to
//! the page that holds it, with an explicit `index.html`, so the same folder works at any
//! sub-path on any host and opened straight from disk (`file://`), where a folder address
//! shows a file listing instead of the page.
//!
//! Pages are rendered as usual, with links from the site's base path, and rewritten here with
//! a real HTML rewriter (lol_html), attribute by attribute: a link that does not start with the
//! base path (another host, `mailto:`, `#anchor`) is left as it is, and so are the absolute
//! URLs that must stay absolute (canonical, hreflang alternates, Open Graph, JSON-LD).

use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::path::Path;

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "poster"];

/// `html`, written at `out_path` (`da/roller/frivillig/index.html`) in a site whose links
/// start with `base_path` (`/frivillig/`), with those links made relative.
pub fn relativize(html: &str, out_path: &str, base_path: &str) -> Result<String, String> {
    let up = to_root(out_path);
    let link = |url: &str| relative(url, base_path, &up);
    let mut handlers = vec![
        element!("*", |el| {
            for name in URL_ATTRIBUTES {
                if let Some(v) = el.get_attribute(name)
                    && let Some(rel) = link(&v)
                {
                    el.set_attribute(name, &rel)?;
                }
            }
            Ok(())
        }),
        // The scripts find the site's root (search data, the search client) from here.
        element!(r#"meta[name="samspil-base"]"#, |el| {
            let root = if up.is_empty() { "./" } else { up.as_str() };
            el.set_attribute("content", root)?;
            Ok(())
        }),
        // Redirect pages: `<meta http-equiv="refresh" content="0; url=/frivillig/da/">`.
        element!(r#"meta[http-equiv="refresh"]"#, |el| {
            if let Some(content) = el.get_attribute("content")
                && let Some((delay, url)) = content.split_once("url=")
                && let Some(rel) = link(url)
            {
                el.set_attribute("content", &format!("{delay}url={rel}"))?;
            }
            Ok(())
        }),
    ];
    let settings = RewriteStrSettings {
        element_content_handlers: std::mem::take(&mut handlers),
        ..RewriteStrSettings::new()
    };
    rewrite_str(html, settings).map_err(|e| e.to_string())
}

/// Writes every file of `folder` into the zip file `zip` (through a temporary file beside it,
/// so a failed run leaves no half-written zip); returns its size. The paths inside are those
/// below the folder, so the zip unpacks into a folder that works as it is.
pub fn zip_folder(folder: &Path, zip: &Path) -> std::io::Result<u64> {
    if zip.starts_with(folder) {
        return Err(std::io::Error::other(
            "the zip file cannot be inside the output folder it holds",
        ));
    }
    let name = zip.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = zip.with_file_name(format!(
        ".{}.tmp-{}",
        name.unwrap_or_default(),
        std::process::id()
    ));
    let result = (|| {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&tmp)?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for entry in crate::walk::files(folder) {
            let (rel, path) = entry.map_err(|p| std::io::Error::other(p.to_string()))?;
            w.start_file(rel, options)?;
            std::io::copy(&mut std::fs::File::open(&path)?, &mut w)?;
        }
        w.finish()?;
        std::fs::rename(&tmp, zip)?;
        Ok(std::fs::metadata(zip)?.len())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `../` once per folder between `out_path` and the output's root.
fn to_root(out_path: &str) -> String {
    "../".repeat(out_path.matches('/').count())
}

/// `url` relative to a page `up` below the root, or None when it is not one of the site's own.
fn relative(url: &str, base_path: &str, up: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(base_path).or_else(|| {
        // `/frivillig` without its closing slash is the site's root too.
        (url == base_path.trim_end_matches('/') && !url.is_empty()).then_some("")
    })?;
    let split = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, suffix) = rest.split_at(split);
    let path = match path.is_empty() || path.ends_with('/') {
        true => format!("{path}index.html"),
        false => path.to_string(),
    };
    Some(format!("{up}{path}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_relative_with_index_html() {
        let up = to_root("da/roller/frivillig/index.html");
        assert_eq!(up, "../../../");
        let r = |u: &str| relative(u, "/frivillig/", &up);
        assert_eq!(r("/frivillig/da/"), Some("../../../da/index.html".into()));
        assert_eq!(r("/frivillig/"), Some("../../../index.html".into()));
        assert_eq!(r("/frivillig"), Some("../../../index.html".into()));
        assert_eq!(
            r("/frivillig/da/roller/#ansvar"),
            Some("../../../da/roller/index.html#ansvar".into())
        );
        assert_eq!(
            r("/frivillig/css/site.1a2b.css"),
            Some("../../../css/site.1a2b.css".into())
        );
        assert_eq!(r("https://kommune.dk/frivillig/da/"), None);
        assert_eq!(r("#top"), None);
        assert_eq!(r("mailto:a@b.dk"), None);
        assert_eq!(r("//cdn.example/x"), None);
        assert_eq!(r("/andet/"), None);
        assert_eq!(relative("/", "/", ""), Some("index.html".into()));
    }

    #[test]
    fn pages_are_rewritten_attribute_by_attribute() {
        let html = r#"<html><head><meta name="samspil-base" content="/f/"><link rel="canonical" href="https://k.dk/f/da/"><link rel="stylesheet" href="/f/css/s.css"><meta http-equiv="refresh" content="0; url=/f/da/"></head><body><a href="/f/da/roller/">R</a><a href="mailto:x@y.dk">M</a><img src="/f/da/x/a.png" alt=""><form action="/f/da/soeg/"></form></body></html>"#;
        let out = relativize(html, "da/index.html", "/f/").unwrap();
        assert!(out.contains(r#"content="../""#), "{out}");
        assert!(
            out.contains(r#"href="https://k.dk/f/da/""#),
            "canonical stays absolute"
        );
        assert!(out.contains(r#"href="../css/s.css""#), "{out}");
        assert!(
            out.contains(r#"content="0; url=../da/index.html""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../da/roller/index.html""#), "{out}");
        assert!(out.contains(r#"href="mailto:x@y.dk""#), "{out}");
        assert!(out.contains(r#"src="../da/x/a.png""#), "{out}");
        assert!(out.contains(r#"action="../da/soeg/index.html""#), "{out}");
        let root = relativize(html, "index.html", "/f/").unwrap();
        assert!(
            root.contains(r#"content="./""#) && root.contains(r#"href="da/roller/index.html""#),
            "{root}"
        );
    }
}
