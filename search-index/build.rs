//! Bundles the browser modules: `samspil-search.js` is `js/client.js` with each of its
//! `/* @NAME */` lines replaced by `js/NAME.js` (snowball, variants); `samspil-search-NAME.js`
//! is `js/NAME.js` for each lazy part (merge, suggest), a module of its own that the client
//! imports only when it needs it (several languages; a suggestion), so a first query does not
//! download it. Comment-only
//! lines and indentation of every file are dropped (the modules ship as they are, without a
//! minifier; the files keep their comments on lines of their own, and no string spans lines).

use std::env;
use std::fs;
use std::path::PathBuf;

/// The files spliced into client.js, each at its own marker line, each exactly once.
const PARTS: &[&str] = &["snowball", "variants"];
/// The modules the client imports when it needs them (names as in lib.rs's LAZY_MODULES).
const LAZY: &[&str] = &["merge", "suggest"];

/// `source` without comment-only lines and indentation (the files keep their comments on
/// lines of their own, so this is safe).
fn strip(source: &str, out: &mut String) {
    for line in source.lines() {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with("//") {
            out.push_str(trimmed);
            out.push('\n');
        }
    }
}

fn read(path: &PathBuf) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let client = read(&dir.join("js/client.js"));
    let parts: Vec<(String, String)> = PARTS
        .iter()
        .map(|name| {
            (
                format!("/* @{name} */"),
                read(&dir.join(format!("js/{name}.js"))),
            )
        })
        .collect();
    let mut out =
        String::with_capacity(client.len() + parts.iter().map(|p| p.1.len()).sum::<usize>());
    let mut inserted = vec![0usize; parts.len()];
    for line in client.lines() {
        let trimmed = line.trim();
        if let Some(i) = parts.iter().position(|(marker, _)| marker == trimmed) {
            strip(&parts[i].1, &mut out);
            inserted[i] += 1;
        } else if !trimmed.is_empty() && !trimmed.starts_with("//") {
            out.push_str(trimmed);
            out.push('\n');
        }
    }
    for ((marker, _), n) in parts.iter().zip(inserted) {
        assert_eq!(n, 1, "js/client.js must have exactly one {marker} line");
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    fs::write(out_dir.join("samspil-search.js"), out).expect("write the bundled module");
    for name in LAZY {
        let mut module = String::new();
        strip(&read(&dir.join(format!("js/{name}.js"))), &mut module);
        fs::write(out_dir.join(format!("samspil-search-{name}.js")), module)
            .expect("write a lazy module");
    }
}
