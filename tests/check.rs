//! `samspil check`: text grouped by file, JSON, --strict, the missing-translations table and
//! --external against a local HTTP server (never the internet).

mod common;

use common::{edit, new_site, read, remove, samspil, stdout};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[test]
fn errors_are_grouped_by_file_and_fail_the_check() {
    let (_tmp, site) = new_site(&[]);
    edit(
        &site.join("content/roles/volunteer.da.md"),
        "summary:",
        "sumary:",
    );
    edit(
        &site.join("content/principles/trust.sv.md"),
        "(@/roles/volunteer.md)",
        "(@/roles/volunter.md)",
    );
    edit(
        &site.join("content/principles/trust.sv.md"),
        "## Så syns tillit",
        "#### Så syns tillit",
    );
    let o = samspil(&["check"], &site);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    // A header line per file, its problems indented below it.
    let trust = lines
        .iter()
        .position(|l| *l == "content/principles/trust.sv.md")
        .unwrap_or_else(|| panic!("no group for trust.sv.md:\n{text}"));
    let group: Vec<&str> = lines[trust + 1..]
        .iter()
        .take_while(|l| l.starts_with(' '))
        .copied()
        .collect();
    assert!(
        group
            .iter()
            .any(|l| l.contains("warning: heading level skips")),
        "{text}"
    );
    assert!(
        group
            .iter()
            .any(|l| l.contains("error:") && l.contains("@/roles/volunter.md")),
        "{text}"
    );
    assert!(
        group
            .iter()
            .any(|l| l.contains("help: did you mean `@/roles/volunteer.md`")),
        "{text}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| **l == "content/principles/trust.sv.md")
            .count(),
        1
    );
    assert!(text.contains("content/roles/volunteer.da.md\n"), "{text}");
    assert!(text.contains("did you mean `summary`"), "{text}");
    assert!(text.contains("check failed: 2 error(s)"), "{text}");
    // The broken file exists: the table marks it as having errors, not as missing.
    assert!(
        text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["roles/volunteer", "!", "✓", "✓"]),
        "{text}"
    );
    // Nothing written.
    assert!(!site.join("public").exists());
}

#[test]
fn json_format_is_structured() {
    let (_tmp, site) = new_site(&[]);
    edit(
        &site.join("content/roles/volunteer.da.md"),
        "summary:",
        "sumary:",
    );
    let o = samspil(&["check", "--format", "json"], &site);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 1);
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert_eq!(d["file"], "content/roles/volunteer.da.md");
    assert!(d["line"].as_u64().is_some());
    assert!(v["missing_translations"]["items"].as_array().is_some());
    assert!(
        v["external_links"].is_null(),
        "no --external, no external section"
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let (_tmp, site) = new_site(&[]);
    // A page whose review date has passed: a warning, not an error.
    let page = site.join("content/guidance/writing.nb.md");
    edit(&page, "updated: 2026-11-23", "updated: 2026-01-01");
    edit(&page, "review_by: 2027-11-23", "review_by: 2026-06-30");
    let lenient = samspil(&["check"], &site);
    assert!(lenient.status.success(), "{}", stdout(&lenient));
    assert!(
        stdout(&lenient).contains("review date 2026-06-30 has passed"),
        "{}",
        stdout(&lenient)
    );
    assert!(stdout(&lenient).contains("check passed: 0 error(s), 1 warning(s)"));
    let strict = samspil(&["check", "--strict"], &site);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("check failed (--strict: warnings count)"));
    let strict_json = samspil(&["check", "--strict", "--format", "json"], &site);
    assert_eq!(strict_json.status.code(), Some(1));
    assert_eq!(json(&strict_json)["ok"], false);
}

#[test]
fn missing_translations_are_a_table() {
    let (_tmp, site) = new_site(&[]);
    remove(&site.join("content/guidance/writing.sv.md"));
    remove(&site.join("content/guidance/writing.nb.md"));
    remove(&site.join("content/guidance/_index.nb.md"));
    let o = samspil(&["check"], &site);
    assert!(o.status.success(), "warnings only: {}", stdout(&o));
    let text = stdout(&o);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Missing translations"))
        .collect();
    assert!(table[0].contains("2 item(s) × 3 languages"), "{text}");
    let header: Vec<&str> = table[1].split_whitespace().collect();
    assert_eq!(header, ["item", "da", "sv", "nb"], "{text}");
    let row = |item: &str| -> Vec<&str> {
        table
            .iter()
            .find(|l| l.split_whitespace().next() == Some(item))
            .unwrap_or_else(|| panic!("no row {item}:\n{text}"))
            .split_whitespace()
            .skip(1)
            .collect()
    };
    assert_eq!(row("guidance/writing"), ["✓", "✗", "✗"]);
    assert_eq!(row("guidance/_index"), ["✓", "✓", "✗"]);
    // Not listed a second time as groups of files that do not exist.
    assert!(
        !text.contains("\ncontent/guidance/writing.sv.md\n"),
        "{text}"
    );

    let v = json(&samspil(&["check", "--format", "json"], &site));
    let items = v["missing_translations"]["items"]
        .as_array()
        .expect("items");
    let writing = items
        .iter()
        .find(|i| i["item"] == "guidance/writing")
        .expect("writing row");
    assert_eq!(writing["kind"], "page");
    assert_eq!(writing["present"], serde_json::json!(["da"]));
    assert_eq!(writing["missing"], serde_json::json!(["sv", "nb"]));
    assert_eq!(
        writing["missing_files"],
        serde_json::json!([
            "content/guidance/writing.sv.md",
            "content/guidance/writing.nb.md"
        ])
    );
    assert_eq!(
        v["missing_translations"]["languages"],
        serde_json::json!(["da", "sv", "nb"])
    );
}

/// A small HTTP server on 127.0.0.1 that counts requests per path and the most requests it
/// had open at once.
struct Server {
    port: u16,
    hits: Arc<Mutex<BTreeMap<String, usize>>>,
    max_open: Arc<AtomicUsize>,
}

fn server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let hits = Arc::new(Mutex::new(BTreeMap::new()));
    let open = Arc::new(AtomicUsize::new(0));
    let max_open = Arc::new(AtomicUsize::new(0));
    let (h, o, m) = (hits.clone(), open.clone(), max_open.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (h, o, m) = (h.clone(), o.clone(), m.clone());
            std::thread::spawn(move || answer(stream, &h, &o, &m));
        }
    });
    Server {
        port,
        hits,
        max_open,
    }
}

fn answer(
    mut stream: TcpStream,
    hits: &Mutex<BTreeMap<String, usize>>,
    open: &AtomicUsize,
    max_open: &AtomicUsize,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut l = String::new();
        if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
            break;
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    *hits
        .lock()
        .expect("lock")
        .entry(format!("{method} {path}"))
        .or_default() += 1;
    // Concurrency is measured on the /busy/ requests: a timed-out /slow one keeps its server
    // thread busy after the client gave up on it.
    let busy = path.starts_with("/busy/");
    if busy {
        let now = open.fetch_add(1, Ordering::SeqCst) + 1;
        max_open.fetch_max(now, Ordering::SeqCst);
    }
    let status = match path.as_str() {
        "/ok" | "/moved-here" => "200 OK",
        "/moved" => "301 Moved Permanently",
        "/head-refused" if method == "HEAD" => "405 Method Not Allowed",
        "/head-refused" => "200 OK",
        p if p.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(300));
            "200 OK"
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(4));
            "200 OK"
        }
        _ => "404 Not Found",
    };
    if busy {
        open.fetch_sub(1, Ordering::SeqCst);
    }
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nLocation: /moved-here\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

#[test]
fn external_links_are_checked_once_each_with_a_per_host_limit() {
    let s = server();
    let (_tmp, site) = new_site(&[]);
    let u = |p: &str| format!("http://127.0.0.1:{}{p}", s.port);
    // No request may leave this machine: the example statement links the real supervisory
    // authorities, so point those at the local server too.
    // The same for the example contact's `checked_against` (the site's own domain).
    for (file, key) in [
        ("about/accessibility", "enforcement_url:"),
        ("contacts/volunteer-coordinator", "checked_against:"),
    ] {
        for lang in ["da", "sv", "nb"] {
            let f = site.join(format!("content/{file}.{lang}.md"));
            let text = read(&f);
            let kept: Vec<String> = text
                .lines()
                .map(|l| match l.trim_start().starts_with(key) {
                    true => format!("  {key} \"{}\"", u("/ok")),
                    false => l.to_string(),
                })
                .collect();
            std::fs::write(&f, kept.join("\n") + "\n").expect("write");
        }
    }
    for f in common::snapshot(&site.join("content")) {
        let text = String::from_utf8_lossy(&f.1);
        for w in text.split(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == ')') {
            assert!(
                !w.starts_with("http") || w.starts_with("http://127.0.0.1:"),
                "{} links outside this machine: {w}",
                f.0
            );
        }
    }
    let page = site.join("content/guidance/writing.da.md");
    let mut text = read(&page);
    text.push_str(&format!(
        "\n## Links\n\n[ok]({}) [moved]({}) [head]({})\n\n[gone]({})\n\n[slow]({})\n",
        u("/ok"),
        u("/moved"),
        u("/head-refused"),
        u("/gone#part"),
        u("/slow")
    ));
    for i in 0..6 {
        text.push_str(&format!("\n[busy {i}]({})\n", u(&format!("/busy/{i}"))));
    }
    std::fs::write(&page, text).expect("write");
    // The same broken URL in front matter of another file: reported there too, requested once.
    edit(
        &site.join("content/principles/trust.sv.md"),
        "weight: 10",
        &format!(
            "weight: 10\nsource:\n  title: \"Källa\"\n  publisher: \"Utgivare\"\n  url: \"{}\"",
            u("/gone")
        ),
    );

    let o = samspil(
        &["check", "--external", "--timeout", "1", "--format", "json"],
        &site,
    );
    let v = json(&o);
    assert_eq!(o.status.code(), Some(0), "broken links are warnings: {v}");
    let warnings: Vec<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap_or("")
                .starts_with("external link")
        })
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let about = |p: &str| {
        warnings
            .iter()
            .filter(|w| w.2.contains(p))
            .collect::<Vec<_>>()
    };
    assert!(
        about("/ok").is_empty() && about("/moved").is_empty() && about("/head-refused").is_empty(),
        "{warnings:?}"
    );
    let gone = about("/gone");
    assert_eq!(gone.len(), 2, "{warnings:?}");
    assert!(
        gone.iter()
            .any(|w| w.0 == "content/guidance/writing.da.md" && w.2.contains("HTTP 404")),
        "{warnings:?}"
    );
    assert!(
        gone.iter()
            .any(|w| w.0 == "content/principles/trust.sv.md" && w.1 > 1),
        "{warnings:?}"
    );
    let slow = about("/slow");
    assert_eq!(slow.len(), 1, "{warnings:?}");
    assert!(
        slow[0].2.contains("did not answer within 1 s"),
        "{warnings:?}"
    );
    let written_at = read(&page)
        .lines()
        .position(|l| l.contains("/gone#part"))
        .expect("line")
        + 1;
    assert!(
        gone.iter().any(|w| w.1 == written_at as u64),
        "line {written_at}: {warnings:?}"
    );
    assert_eq!(v["external_links"]["checked"], 11);
    assert_eq!(v["external_links"]["broken"], 2);

    let hits = s.hits.lock().expect("lock").clone();
    assert_eq!(hits.get("HEAD /gone"), Some(&1), "deduplicated: {hits:?}");
    assert_eq!(
        hits.get("GET /gone"),
        Some(&1),
        "HEAD failures are retried with GET: {hits:?}"
    );
    assert_eq!(hits.get("GET /ok"), None, "HEAD was enough: {hits:?}");
    assert!(
        s.max_open.load(Ordering::SeqCst) <= 2,
        "at most 2 requests to one host at a time, saw {}",
        s.max_open.load(Ordering::SeqCst)
    );

    // The text report names file and line, and the check still passes unless --strict.
    let t = samspil(&["check", "--external", "--timeout", "1"], &site);
    assert!(t.status.success());
    assert!(
        stdout(&t).contains("External links: 11 checked on 1 host(s), 2 broken"),
        "{}",
        stdout(&t)
    );
    let strict = samspil(
        &["check", "--external", "--timeout", "1", "--strict"],
        &site,
    );
    assert_eq!(strict.status.code(), Some(1));
}
