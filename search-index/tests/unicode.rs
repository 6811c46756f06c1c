//! The client's tokenizers against Rust's, for every code point, run by the Node that runs the
//! tests (a Node with another Unicode or ICU version may differ on new letters):
//!
//! * the stemmed analyzers: Rust's `char::is_alphanumeric` (tantivy's split rule) is the JS
//!   class `[\p{Alphabetic}\p{N}]`, and Rust's per-char `to_lowercase` (tantivy's LowerCaser) is
//!   JS's per-char `toLowerCase`;
//! * the general analyzer: the terms of a short text around each code point (between letters,
//!   between digits, doubled, beside an ideograph, a Thai letter, Katakana and Hangul, after an
//!   apostrophe; every code point of planes 0 to 3 and 14 but private use) are the same from
//!   Rust's `analyze` (unicode-segmentation, unicode-script) and the client's
//!   (`Intl.Segmenter`, `\p{sc=…}`, `\p{scx=…}`).

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// The text the general analyzer gets for code point `c`; the JS in SCRIPT builds the same.
fn context(c: char) -> String {
    format!("a{c}b 1{c}2 {c}{c} 中{c}x ก{c} l’{c} カ_a{c}b 가{c}a")
}

/// Code points whose contexts are analyzed as one text, joined by line breaks (a word break
/// on both sides): one call per 256 code points.
const BATCH: u32 = 256;

/// Whether the contexts of `c` are analyzed: not in planes 4 to 13 (unassigned, no different
/// from the unassigned code points of planes 0 to 3) nor in the private use areas (which
/// Unicode will never assign), so that both segmenters run over a quarter of the code points
/// (the Intl.Segmenter of Node 20 needs about a minute for all of them on 2 cores).
fn in_context_test(c: u32) -> bool {
    !(0x40000..0xe0000).contains(&c) && !(0xe000..=0xf8ff).contains(&c) && c < 0xf0000
}

const SCRIPT: &str = r#"
import { analyze } from './samspil-search.js';
const re = /^[\p{Alphabetic}\p{N}]$/u;
const hex = (s) => Array.from(s, (x) => x.codePointAt(0).toString(16)).join('.');
const out = [];
let batch = [];
const flush = (first) => {
  out.push(`${first.toString(16)} | ${analyze('uk', batch.join('\n')).map(hex).join(' ')}`);
  batch = [];
};
for (let c = 0; c <= 0x10ffff; c++) {
  if (c < 0xd800 || c > 0xdfff) {
    const ch = String.fromCodePoint(c);
    const low = Array.from(ch.toLowerCase(), (x) => x.codePointAt(0).toString(16)).join(',');
    out.push(`${c.toString(16)} ${re.test(ch) ? 1 : 0} ${low}`);
    const tested = !(c >= 0x40000 && c < 0xe0000) && !(c >= 0xe000 && c <= 0xf8ff) && c < 0xf0000;
    if (tested) batch.push(`a${ch}b 1${ch}2 ${ch}${ch} 中${ch}x ก${ch} l’${ch} カ_a${ch}b 가${ch}a`);
  }
  if (c % 256 === 255 && batch.length > 0) flush(c - 255);
}
process.stdout.write(out.join('\n') + '\n');
"#;

fn hex(s: &str) -> String {
    s.chars()
        .map(|x| format!("{:x}", x as u32))
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn tokenizers_and_lowercase_match_for_every_code_point() {
    common::node::require_node();
    let mut want = String::with_capacity(32 << 20);
    let mut batch: Vec<String> = Vec::new();
    for c in 0u32..=0x10ffff {
        if let Some(c) = char::from_u32(c) {
            let low: Vec<String> = c
                .to_lowercase()
                .map(|l| format!("{:x}", l as u32))
                .collect();
            let _ = writeln!(
                want,
                "{:x} {} {}",
                c as u32,
                u8::from(c.is_alphanumeric()),
                low.join(",")
            );
            if in_context_test(c as u32) {
                batch.push(context(c));
            }
        }
        if c % BATCH == BATCH - 1 && !batch.is_empty() {
            let terms: Vec<String> = search_index::analyze("uk", &batch.join("\n"))
                .unwrap()
                .iter()
                .map(|t| hex(t))
                .collect();
            let _ = writeln!(want, "{:x} | {}", c + 1 - BATCH, terms.join(" "));
            batch.clear();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("samspil-search.js"),
        search_index::client_module(),
    )
    .unwrap();
    let mut child = Command::new("node")
        .args(["--input-type=module", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SCRIPT.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    let differ: Vec<(&str, &str)> = want
        .lines()
        .zip(got.lines())
        .filter(|(w, g)| w != g)
        .collect();
    assert_eq!(want.lines().count(), got.lines().count());
    if let Ok(path) = std::env::var("SAMSPIL_UNICODE_DIFF") {
        let mut report = String::new();
        for (w, g) in &differ {
            let _ = writeln!(report, "rust {w}\njs   {g}");
        }
        std::fs::write(path, report).unwrap();
    }
    // A batch that differs names its first code point; the first differing terms show where.
    let shown: Vec<String> = differ
        .iter()
        .take(20)
        .map(|(w, g)| {
            let (w, g): (Vec<&str>, Vec<&str>) = (w.split(' ').collect(), g.split(' ').collect());
            let at = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
            let near = |v: &[&str]| v[at.saturating_sub(3)..(at + 3).min(v.len())].join(" ");
            format!("{}: rust {} / js {}", w[0], near(&w), near(&g))
        })
        .collect();
    assert!(
        differ.is_empty(),
        "Rust vs JS differ in {} lines (code points, or batches of {BATCH} from the one named; \
         first 20): {shown:#?}",
        differ.len()
    );
}
