//! `samspil serve` end to end: a real server on a free port, real file edits, real HTTP.

mod common;

use common::{copy_dir, fixture, new_site, stderr};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Stops the server however the test ends.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/frivillig/`
    url: String,
    /// What the server printed to stderr, for failure messages.
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Path) -> Server {
        Server::start_with(site, &[])
    }

    fn start_with(site: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samspil"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site)
            .args(args)
            .env("SAMSPIL_TODAY", "2026-11-23")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start samspil serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap_or_else(|e| e.into_inner());
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        Server { child, url, log }
    }

    /// Polls until `ok` holds (the server rebuilds on its own time), or fails after 30 s
    /// showing the server's log.
    fn eventually(&self, what: &str, mut ok: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ok() {
            if start.elapsed() > Duration::from_secs(30) {
                let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
                panic!("timed out waiting for {what}; the server said:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn origin(&self) -> String {
        let rest = self.url.trim_start_matches("http://");
        format!("http://{}", rest.split('/').next().unwrap_or(""))
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// GET without following redirects.
fn get(url: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let mut r = agent
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    Reply {
        status: r.status().as_u16(),
        headers,
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn status(s: &Server) -> serde_json::Value {
    serde_json::from_str(&get(&format!("{}__samspil/status", s.url)).body).expect("status JSON")
}

/// Reads the event stream in the background and hands over each `data:` line.
fn events(s: &Server) -> mpsc::Receiver<String> {
    let origin = s.origin();
    let hostport = origin.trim_start_matches("http://").to_string();
    let path = format!(
        "/{}__samspil/events",
        s.url.trim_start_matches(&format!("{origin}/"))
    );
    let mut stream = TcpStream::connect(&hostport).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {hostport}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("request");
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    reader.read_line(&mut head).expect("status line");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut l = String::new();
        while reader.read_line(&mut l).unwrap_or(0) > 0 {
            if l.starts_with("Content-Type") {
                let _ = tx.send(l.trim().to_string());
            }
            if let Some(data) = l.strip_prefix("data: ") {
                let _ = tx.send(data.trim().to_string());
            }
            l.clear();
        }
    });
    rx
}

#[test]
fn serves_rebuilds_reports_errors_and_recovers() {
    let (_tmp, site) = new_site(&["--base-url", "https://testby.dk/frivillig/"]);
    let s = Server::start(&site);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    assert!(
        s.url.ends_with("/frivillig/"),
        "same sub-path as base_url: {}",
        s.url
    );

    // `/` leads to the base path.
    let root = get(&format!("{}/", s.origin()));
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location"), "/frivillig/");

    // A page: HTML, the CSP header, the live-reload script and local links.
    let page_url = format!("{}da/principper/tillid/", s.url);
    let page = get(&page_url);
    assert_eq!(page.status, 200);
    assert_eq!(page.header("Content-Type"), "text/html; charset=utf-8");
    assert_eq!(page.header("Content-Security-Policy"), "default-src 'self'");
    assert!(
        page.body
            .contains("<script src=\"/frivillig/__samspil/livereload.js\"></script>")
    );
    assert!(
        page.body
            .contains(&format!("{}da/principper/tillid/", s.url)),
        "canonical URL is local"
    );

    // MIME types.
    let css = page
        .body
        .split('"')
        .find(|p| p.contains("/css/site.") && p.ends_with(".css"))
        .expect("stylesheet link");
    let css = get(&format!("{}{css}", s.origin()));
    assert_eq!(
        (css.status, css.header("Content-Type")),
        (200, "text/css; charset=utf-8")
    );
    let js = get(&format!("{}__samspil/livereload.js", s.url));
    assert_eq!(js.header("Content-Type"), "text/javascript; charset=utf-8");
    assert!(js.body.contains("EventSource") && !js.body.contains("innerHTML"));
    for (path, mime) in [
        ("sitemap.xml", "application/xml"),
        ("da/feed.xml", "application/xml"),
        ("favicon.svg", "image/svg+xml"),
        (
            "da/kontakt/frivilligkoordinator/contact.vcf",
            "text/vcard; charset=utf-8",
        ),
        ("__samspil/status", "application/json"),
    ] {
        let r = get(&format!("{}{path}", s.url));
        assert_eq!((r.status, r.header("Content-Type")), (200, mime), "{path}");
    }
    // A folder without its slash is redirected; a missing page gets the language's 404 page.
    let noslash = get(&format!("{}da/principper", s.url));
    assert_eq!(
        (noslash.status, noslash.header("Location")),
        (301, "/frivillig/da/principper/")
    );
    let missing = get(&format!("{}sv/finns-inte/", s.url));
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("lang=\"sv\"") || missing.body.contains("lang=sv"),
        "{}",
        missing.body
    );

    let file = site.join("content/principles/trust.da.md");
    let original = std::fs::read_to_string(&file).expect("read");

    // Edit → the page changes, and the tab showing it is told.
    let rx = events(&s);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(10)).expect("head"),
        "Content-Type: text/event-stream; charset=utf-8"
    );
    std::fs::write(
        &file,
        original.replace("Når frivillige", "Ændret i testen: når frivillige"),
    )
    .expect("edit");
    s.eventually("the edit to show", || {
        get(&page_url).body.contains("Ændret i testen")
    });
    let event = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a build event");
    assert!(event.contains("\"ok\":true"), "{event}");
    assert!(
        event.contains("/frivillig/da/principper/tillid/index.html"),
        "{event}"
    );

    // Broken front matter → the error in the status, the last good page still served.
    std::fs::write(&file, original.replace("title: ", "titel: ")).expect("break");
    s.eventually("the error", || status(&s)["ok"] == false);
    let st = status(&s);
    let text = st["text"].as_str().unwrap_or("");
    assert!(
        text.contains("content/principles/trust.da.md") && text.contains("titel"),
        "{st}"
    );
    assert_eq!(st["errors"], 1);
    let still = get(&page_url);
    assert_eq!(still.status, 200);
    assert!(
        still.body.contains("Ændret i testen"),
        "the last good build stays online"
    );
    let event = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("an error event");
    assert!(event.contains("\"ok\":false"), "{event}");

    // Fixed → the page is back with the fix, and open tabs reload.
    std::fs::write(
        &file,
        original.replace("Når frivillige", "Rettet: når frivillige"),
    )
    .expect("fix");
    s.eventually("recovery", || status(&s)["ok"] == true);
    let fixed = get(&page_url);
    assert_eq!(fixed.status, 200);
    assert!(fixed.body.contains("Rettet"), "{}", fixed.body);
    let event = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a recovery event");
    assert!(
        event.contains("\"ok\":true") && event.contains("\"all\":true"),
        "{event}"
    );
}

#[test]
fn a_new_page_appears_and_search_is_served() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let s = Server::start(&site);
    let o = Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["new", "roles/mentor", "--kind", "role", "--root"])
        .arg(&site)
        .output()
        .expect("new");
    assert!(o.status.success(), "{}", stderr(&o));
    s.eventually("the new page", || {
        get(&format!("{}nb/roller/mentor/", s.url)).status == 200
    });
    // The search index is built in the background after each build.
    s.eventually("the search client", || {
        let r = get(&format!("{}search/samspil-search.js", s.url));
        r.status == 200 && r.header("Content-Type") == "text/javascript; charset=utf-8"
    });
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["serve", "--port", &port, "--root"])
        .arg(&site)
        .output()
        .expect("serve");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("cannot listen on 127.0.0.1:") && err.contains("--port"),
        "{err}"
    );
    let _ = taken.local_addr();
    let mut buf = String::new();
    let _ = (&o.stdout[..]).read_to_string(&mut buf);
    assert!(buf.is_empty(), "no address printed: {buf}");
}

#[test]
fn a_site_that_does_not_build_yet_shows_its_errors_and_recovers() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let file = site.join("content/roles/volunteer.sv.md");
    let original = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, original.replace("kind: role", "kind: rol")).expect("break");
    let s = Server::start(&site);
    let page = get(&format!("{}sv/roller/frivillig/", s.url));
    assert_eq!(page.status, 503);
    assert!(
        page.body
            .contains("<script src=\"/__samspil/livereload.js\"></script>"),
        "{}",
        page.body
    );
    let st = status(&s);
    assert_eq!(st["ok"], false);
    assert!(
        st["text"].as_str().unwrap_or("").contains("`role`"),
        "did-you-mean: {st}"
    );
    std::fs::write(&file, original).expect("fix");
    s.eventually("the first good build", || {
        get(&format!("{}sv/roller/frivillig/", s.url)).status == 200
    });
}

#[test]
fn deep_nesting_is_reported_by_serve_not_a_crash() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let file = site.join("content/principles/trust.sv.md");
    let original = std::fs::read_to_string(&file).expect("read");
    let deep = format!("{original}\n\n{}djupt\n", "> ".repeat(3000));
    std::fs::write(&file, deep).expect("nest");
    let mut s = Server::start(&site);
    let st = status(&s);
    assert_eq!(st["ok"], false, "{st}");
    let text = st["text"].as_str().unwrap_or("");
    assert!(
        text.contains("content/principles/trust.sv.md")
            && text.contains("nest more than 100 levels deep"),
        "{st}"
    );
    assert_eq!(get(&format!("{}sv/", s.url)).status, 503);
    assert!(s.child.try_wait().expect("wait").is_none(), "serve exited");
    std::fs::write(&file, original).expect("fix");
    s.eventually("the first good build", || {
        get(&format!("{}sv/", s.url)).status == 200
    });
}

#[test]
fn polling_sees_edits_too() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let s = Server::start_with(&site, &["--poll"]);
    let file = site.join("content/principles/trust.nb.md");
    let original = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        original.replace("Når frivillige", "Pollet: når frivillige"),
    )
    .expect("edit");
    s.eventually("the polled edit", || {
        get(&format!("{}nb/prinsipper/tillit/", s.url))
            .body
            .contains("Pollet")
    });
}

#[test]
fn an_edit_in_the_shared_site_shows_in_the_municipalitys_preview() {
    // The municipality's site (tests/fixtures/layered) extends ../valid: an edit there must
    // rebuild the preview like an edit of the site's own files.
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture("valid"), &dir.path().join("valid"));
    copy_dir(&fixture("layered"), &dir.path().join("layered"));
    let s = Server::start(&dir.path().join("layered"));
    let page = format!("{}da/principper/tillid/", s.url);
    assert_eq!(get(&page).status, 200);
    let file = dir.path().join("valid/content/principles/trust.da.md");
    let original = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{original}\nFælles rettelse.\n")).expect("edit");
    s.eventually("the upstream edit", || {
        get(&page).body.contains("Fælles rettelse")
    });
    let log = s.log.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(
        log.contains("../valid/content/principles/trust.da.md"),
        "the log names the upstream file: {log}"
    );
}

#[test]
fn live_reload_streams_are_capped() {
    let (_tmp, site) = new_site(&["--base-url", "https://example.org/"]);
    let s = Server::start(&site);
    let origin = s.origin();
    let hostport = origin.trim_start_matches("http://").to_string();
    let path = format!(
        "/{}__samspil/events",
        s.url.trim_start_matches(&format!("{origin}/"))
    );
    let open = || {
        let mut stream = TcpStream::connect(&hostport).expect("connect");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {hostport}\r\n\r\n").expect("request");
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        reader.read_line(&mut head).expect("status line");
        (head, reader)
    };
    // The server's limit (64): every one of them is a real stream, kept open.
    let streams: Vec<_> = (0..64).map(|_| open()).collect();
    assert!(streams.iter().all(|(h, _)| h.starts_with("HTTP/1.1 200")));
    let (head, _) = open();
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    // Pages are still served, and a closed stream frees its place.
    assert_eq!(get(&s.url).status, 200);
    drop(streams);
    s.eventually("a free stream", || open().0.starts_with("HTTP/1.1 200"));
}
