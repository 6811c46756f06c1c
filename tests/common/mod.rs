//! Helpers shared by the integration tests: temp copies of fixture sites, sites made by
//! `samspil init`, small edits to a site's files, and running the binary.
#![allow(dead_code)]

pub mod error_cases;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// Runs `samspil init <dir> <args>` with no terminal, so it asks nothing.
pub fn init(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samspil"))
        .arg("init")
        .arg(dir)
        .args(args)
        .env("SAMSPIL_TODAY", "2026-11-23")
        .stdin(Stdio::null())
        .output()
        .expect("run samspil init")
}

/// A site made by `samspil init <args>` in a fresh temp dir.
pub fn new_site(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let o = init(&site, args);
    assert!(o.status.success(), "init failed: {}", stderr(&o));
    (tmp, site)
}

/// `samspil build --output <out>` that must succeed; returns what it printed to stderr.
pub fn build_ok(site: &Path, out: &Path) -> String {
    let o = samspil(
        &["build", "--output", out.to_str().expect("UTF-8 path")],
        site,
    );
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    stderr(&o)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Replaces the first `from` in the file with `to`; fails the test if `from` is not there, so a
/// changed fixture cannot turn an edit into a silent no-op.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// Writes `text` to the file, creating its folder.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Deletes a file that must exist.
pub fn remove(path: &Path) {
    std::fs::remove_file(path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
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

/// The `valid` fixture with one page's translation missing and missing translations reported
/// as warnings: `content/roles/caseworker.sv.md` is gone.
pub fn missing_translation_site() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = copy_fixture("valid");
    remove(&site.join("content/roles/caseworker.sv.md"));
    edit(
        &site.join("samspil.yaml"),
        "default_language: da\n",
        "default_language: da\nmissing_translations: warn\n",
    );
    (tmp, site)
}

/// Every HTML file under `out`, relative path → text, sorted.
pub fn html_files(out: &Path) -> Vec<(String, String)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("UTF-8 page")))
        .collect()
}
