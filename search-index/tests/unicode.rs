//! The client's tokenizer claims that Rust's `char::is_alphanumeric` (tantivy's split rule) is
//! the JS class `[\p{Alphabetic}\p{N}]`, and that Rust's per-char `to_lowercase` (tantivy's
//! LowerCaser) is JS's per-char `toLowerCase`. Checked here for every code point, against the
//! Node that runs the tests (a Node with another Unicode version may differ on new letters).

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

const SCRIPT: &str = r#"
const re = /^[\p{Alphabetic}\p{N}]$/u;
const out = [];
for (let c = 0; c <= 0x10ffff; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const ch = String.fromCodePoint(c);
  const low = Array.from(ch.toLowerCase(), (x) => x.codePointAt(0).toString(16)).join(',');
  out.push(`${c.toString(16)} ${re.test(ch) ? 1 : 0} ${low}`);
}
process.stdout.write(out.join('\n') + '\n');
"#;

#[test]
fn tokenizer_and_lowercase_match_for_every_code_point() {
    common::node::require_node();
    let mut want = String::with_capacity(20 << 20);
    for c in (0u32..=0x10ffff).filter_map(char::from_u32) {
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
    }
    let mut child = Command::new("node")
        .args(["--input-type=module", "-"])
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
        .take(20)
        .collect();
    assert_eq!(want.lines().count(), got.lines().count());
    assert!(
        differ.is_empty(),
        "Rust vs JS differ (first 20): {differ:?}"
    );
}
