//! Bundles the browser module: `js/client.js` with `js/snowball.js` in place of its
//! `/* @snowball */` line, `js/variants.js` in place of `/* @variants */` and `js/merge.js` in
//! place of `/* @merge */`. Comment-only lines and indentation of all four are dropped (the
//! module ships as is, without a minifier; the files keep their comments on lines of their own,
//! and no string spans lines).

use std::env;
use std::fs;
use std::path::PathBuf;

const MARKER: &str = "/* @snowball */";
const VARIANTS_MARKER: &str = "/* @variants */";
const MERGE_MARKER: &str = "/* @merge */";

/// `source` without comment-only lines and indentation (both files keep their comments on
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

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let client_path = dir.join("js/client.js");
    let snowball_path = dir.join("js/snowball.js");
    let variants_path = dir.join("js/variants.js");
    let merge_path = dir.join("js/merge.js");
    println!("cargo:rerun-if-changed={}", client_path.display());
    println!("cargo:rerun-if-changed={}", snowball_path.display());
    println!("cargo:rerun-if-changed={}", variants_path.display());
    println!("cargo:rerun-if-changed={}", merge_path.display());
    let merge = fs::read_to_string(&merge_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", merge_path.display()));
    let variants = fs::read_to_string(&variants_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", variants_path.display()));

    let client = fs::read_to_string(&client_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", client_path.display()));
    let snowball = fs::read_to_string(&snowball_path).unwrap_or_else(|e| {
        panic!(
            "cannot read the Snowball stemmer {}: {e}",
            snowball_path.display()
        )
    });
    let mut out = String::with_capacity(client.len() + snowball.len());
    let mut inserted = false;
    let mut inserted_variants = false;
    let mut inserted_merge = false;
    for line in client.lines() {
        let trimmed = line.trim();
        if trimmed == VARIANTS_MARKER {
            strip(&variants, &mut out);
            inserted_variants = true;
        } else if trimmed == MERGE_MARKER {
            strip(&merge, &mut out);
            inserted_merge = true;
        } else if trimmed == MARKER {
            strip(&snowball, &mut out);
            inserted = true;
        } else if trimmed.is_empty() || trimmed.starts_with("//") {
            // client.js keeps its comments on lines of their own, so this is safe.
        } else {
            out.push_str(trimmed);
            out.push('\n');
        }
    }
    assert!(inserted, "js/client.js has no {MARKER} line");
    assert!(
        inserted_variants,
        "js/client.js has no {VARIANTS_MARKER} line"
    );
    assert!(inserted_merge, "js/client.js has no {MERGE_MARKER} line");
    let out_path = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("samspil-search.js");
    fs::write(&out_path, out).expect("write the bundled module");
}
