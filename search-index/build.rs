//! Bundles the browser modules: `samspil-search.js` is `js/client.js` with each of its
//! `/* @NAME */` lines replaced by `js/NAME.js` (snowball, variants); `samspil-search-NAME.js`
//! is `js/NAME.js` for each lazy part (merge, suggest), a module of its own that the client
//! imports only when it needs it (several languages; a suggestion), so a first query does not
//! download it. `samspil-search-classic.js` is all of them and `js/classic.js` as one classic
//! script, for portable copies opened from disk (no modules there). Comment-only
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
    fs::write(out_dir.join("samspil-search.js"), &out).expect("write the bundled module");
    let mut classic = String::from("(function () {\n'use strict';\nconst LAZY_INLINE = {};\n");
    for name in LAZY {
        let mut module = String::new();
        strip(&read(&dir.join(format!("js/{name}.js"))), &mut module);
        fs::write(out_dir.join(format!("samspil-search-{name}.js")), &module)
            .expect("write a lazy module");
        let (body, exports) = without_exports(&module);
        classic.push_str(&format!(
            "LAZY_INLINE.{name} = (function () {{\n{body}return {{ {} }};\n}})();\n",
            exports.join(", ")
        ));
    }
    let (core, exports) = without_exports(&out);
    assert!(
        core.contains(LAZY_IMPORT),
        "js/client.js must import its lazy modules with the line `{LAZY_IMPORT}`"
    );
    classic.push_str(&core.replace(LAZY_IMPORT, "return Promise.resolve(LAZY_INLINE[name]);"));
    strip(&read(&dir.join("js/classic.js")), &mut classic);
    classic.push_str(&format!(
        "globalThis.samspilSearch = {{ {}, scriptFetch }};\n}})();\n",
        exports.join(", ")
    ));
    assert!(
        !classic.contains("import.meta") && !classic.contains("export "),
        "the classic script still has module syntax"
    );
    fs::write(out_dir.join("samspil-search-classic.js"), classic)
        .expect("write the classic script");
}

/// The line of client.js that imports a lazy module; the classic script has them inlined.
const LAZY_IMPORT: &str =
    "return import(new URL(`samspil-search-${name}.js`, import.meta.url).href);";

/// A stripped module's text without its `export` keywords, and the names it exported
/// (`export function f`, `export async function f`, `export { a, b };`).
fn without_exports(module: &str) -> (String, Vec<String>) {
    let mut body = String::with_capacity(module.len());
    let mut names = Vec::new();
    for line in module.lines() {
        if let Some(list) = line
            .strip_prefix("export {")
            .and_then(|l| l.strip_suffix("};"))
        {
            names.extend(list.split(',').map(|n| n.trim().to_string()));
            continue;
        }
        let line = match line.strip_prefix("export ") {
            Some(declaration) => {
                let rest = declaration.strip_prefix("async ").unwrap_or(declaration);
                let rest = rest
                    .strip_prefix("function ")
                    .expect("an export is a function or a list");
                names.push(
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect(),
                );
                declaration
            }
            None => line,
        };
        body.push_str(line);
        body.push('\n');
    }
    (body, names)
}
