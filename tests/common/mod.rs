//! Helpers shared by the integration tests: temp copies of fixture sites and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture site into a fresh temp dir, so tests can change it freely.
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    copy_dir(&fixture(name), &site);
    (dir, site)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk fixture");
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

pub fn samspil(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("SAMSPIL_TODAY", "2026-11-23")
        .output()
        .expect("run samspil")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file under `dir`, relative path → bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    v.sort();
    v
}

/// The attributes of each `<name ...>` start tag in `html`, in source order. Values may be
/// quoted or not (the minifier drops quotes it doesn't need), so tests assert on attributes
/// rather than on the bytes of a tag, which depend on the minifier's choices.
pub fn tags(html: &str, name: &str) -> Vec<Vec<(String, String)>> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        if !rest.starts_with([' ', '>', '/', '\n']) {
            continue;
        }
        let mut attrs = Vec::new();
        let mut s = rest.trim_start();
        while !s.is_empty() && !s.starts_with('>') && !s.starts_with("/>") {
            let key_end = s
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(s.len());
            let key = s[..key_end].to_ascii_lowercase();
            s = &s[key_end..];
            let mut value = String::new();
            if let Some(v) = s.strip_prefix('=') {
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                        (&v[1..end], v.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = v
                            .find(|c: char| c == '>' || c.is_whitespace())
                            .unwrap_or(v.len());
                        (&v[..end], &v[end..])
                    }
                };
                value = val.to_string();
                s = after;
            }
            attrs.push((key, value));
            s = s.trim_start();
        }
        out.push(attrs);
    }
    out
}

/// Whether `html` has a `<name>` start tag with all of `want` among its attributes.
pub fn has_tag(html: &str, name: &str, want: &[(&str, &str)]) -> bool {
    tags(html, name).iter().any(|attrs| {
        want.iter()
            .all(|(k, v)| attrs.iter().any(|(ak, av)| ak == k && av == v))
    })
}
