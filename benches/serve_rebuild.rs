//! Benchmark (issue #5): how long `samspil serve` takes to rebuild after one page is edited.
//! Goal: at most 200 ms for the bundled site.
//!
//! `cargo bench --bench serve_rebuild` works on a temp copy of the bundled site (or of
//! `SAMSPIL_BENCH_SITE=DIR`) and prints median and p95 of
//! 1. the rebuild itself (`serve::Rebuilder::rebuild`, the function the server calls), and
//! 2. edit → live-reload event, end to end through the real binary: file watcher, debounce,
//!    rebuild and the Server-Sent Event a browser tab reloads on.
//!
//! `SAMSPIL_BENCH_N` sets the number of edits (default 30).

#[path = "../tests/common/mod.rs"]
mod common;

use samspil::serve::Rebuilder;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let n: usize = std::env::var("SAMSPIL_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let source = std::env::var_os("SAMSPIL_BENCH_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    copy_site(&source, &site);
    let page = pick_page(&site);
    println!(
        "serve rebuild benchmark (goal: ≤ 200 ms): {} (copy of {}), editing {} {n} times",
        site.display(),
        source.display(),
        page.strip_prefix(&site).unwrap_or(&page).display()
    );

    let mut rebuilder = Rebuilder::new(site.clone(), "http://127.0.0.1:1111".into());
    let first = rebuilder.rebuild();
    if !first.ok {
        for d in first.diagnostics.iter().take(20) {
            eprintln!("{d}");
        }
        eprintln!(
            "the site does not build ({} errors), so there is nothing to measure; fix it or set SAMSPIL_BENCH_SITE",
            first.errors
        );
        std::process::exit(1);
    }
    println!(
        "first build: {} pages, {} files, {} ms",
        first.pages,
        rebuilder.files().len(),
        first.elapsed.as_millis()
    );

    let original = std::fs::read_to_string(&page).expect("read page");
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        std::fs::write(&page, format!("{original}\nRedigering nummer {i}.\n")).expect("edit");
        let r = rebuilder.rebuild();
        assert!(r.ok, "rebuild failed: {:?}", r.diagnostics.first());
        assert!(!r.changed.is_empty(), "the edit changed no output");
        times.push(r.elapsed);
    }
    report("rebuild (in process)", &mut times);

    // Where the time goes: reading, validating and rendering Markdown, the rest is templates.
    let opts = rebuilder.build_options();
    let mut load = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let loaded = samspil::build::load(&opts, &samspil::diagnostics::Diagnostics::default());
        assert!(loaded.is_some());
        load.push(start.elapsed());
    }
    report("  of which reading + validation + Markdown", &mut load);

    std::fs::write(&page, &original).expect("restore");
    match end_to_end(&site, &page, &original, n) {
        Ok(mut t) => report("edit → reload event (binary, watcher included)", &mut t),
        Err(e) => eprintln!("end-to-end measurement skipped: {e}"),
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "{what}: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms (n = {})",
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// Starts `samspil serve`, listens to its event stream and times each edit until the event.
fn end_to_end(site: &Path, page: &Path, original: &str, n: usize) -> Result<Vec<Duration>, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["serve", "--port", "0", "--quiet", "--root"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start samspil: {e}"))?;
    let result = (|| {
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| format!("no URL in {line:?}"))?
            .to_string();
        let hostport = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("")
            .to_string();
        let base = format!(
            "/{}",
            url.trim_start_matches("http://")
                .split_once('/')
                .map(|x| x.1)
                .unwrap_or("")
        );
        let mut stream = TcpStream::connect(&hostport).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        write!(
            stream,
            "GET {base}__samspil/events HTTP/1.1\r\nHost: {hostport}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut events = BufReader::new(stream);
        // Skip the response head and the `retry:` line.
        let mut l = String::new();
        while events.read_line(&mut l).map_err(|e| e.to_string())? > 0 {
            if l.starts_with("retry:") {
                break;
            }
            l.clear();
        }
        let mut times = Vec::with_capacity(n);
        for i in 0..n {
            // Let the watcher settle, so each edit is its own rebuild.
            std::thread::sleep(Duration::from_millis(150));
            let start = Instant::now();
            std::fs::write(page, format!("{original}\nEnd-to-end {i}.\n"))
                .map_err(|e| e.to_string())?;
            loop {
                l.clear();
                if events.read_line(&mut l).map_err(|e| e.to_string())? == 0 {
                    return Err("the event stream closed".to_string());
                }
                if l.starts_with("data:") {
                    break;
                }
            }
            times.push(start.elapsed());
        }
        Ok(times)
    })();
    stop(&mut child);
    let _ = std::fs::write(page, original);
    result
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The site's sources, without public/, target/ and the like.
fn copy_site(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    std::fs::copy(from.join("samspil.yaml"), to.join("samspil.yaml")).expect("copy samspil.yaml");
    for dir in ["content", "static", "templates", "themes"] {
        let src = from.join(dir);
        if !src.is_dir() {
            continue;
        }
        common::copy_dir(&src, &to.join(dir));
    }
}

/// A typical page to edit: the first role page in the default order, else any page.
fn pick_page(site: &Path) -> PathBuf {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("_index"))
        })
        .collect();
    pages.sort_by_key(|p| !p.to_string_lossy().contains("/roles/"));
    pages.into_iter().next().expect("the site has a page")
}
