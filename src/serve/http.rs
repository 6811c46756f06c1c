//! The HTTP side of `samspil serve`: files of the last good build under the site's base path,
//! the live-reload script, its event stream and the build status.

use super::state::{Shared, Snapshot};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Built into the binary: it is part of the dev server, not of any theme.
const LIVERELOAD_JS: &str = include_str!("livereload.js");
/// The same policy the pages declare in their `<meta>`; sent as a header too so the dev server
/// catches anything a theme adds that would break on a strict host.
const CSP: &str = "default-src 'self'";
/// How often an idle event stream sends a comment, which also detects closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(5);
/// Open event streams at most: each holds a thread for as long as its tab is open, so a page
/// (or a script) opening streams in a loop must not be able to exhaust the machine. Far more
/// than one author's tabs.
pub const MAX_STREAMS: usize = 64;
static OPEN_STREAMS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts one open stream for as long as it lives.
struct StreamSlot;

impl StreamSlot {
    fn take() -> Option<StreamSlot> {
        use std::sync::atomic::Ordering;
        let taken = OPEN_STREAMS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < MAX_STREAMS).then_some(n + 1)
        });
        taken.ok().map(|_| StreamSlot)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        OPEN_STREAMS.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

pub fn serve(server: tiny_http::Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        // A thread per request: event streams block for as long as a tab is open, and a dev
        // server sees a few requests per page load at most.
        let spawned = std::thread::Builder::new()
            .name("request".into())
            .spawn(move || handle(request, &shared));
        if let Err(e) = spawned {
            eprintln!("error: cannot start a request thread: {e}");
        }
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for h in [
        header("Content-Type", content_type),
        header("Content-Security-Policy", CSP),
        // Always fresh: a dev server must never show a stale page after a rebuild.
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    // The client may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn redirect(request: Request, status: u16, location: &str) {
    // Header values are ASCII: a base path like `/frivillig-å/` goes out percent-encoded.
    const UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');
    let location = percent_encoding::utf8_percent_encode(location, UNSAFE).to_string();
    let location = location.as_str();
    let mut response =
        Response::from_string(format!("see {location}\n")).with_status_code(StatusCode(status));
    if let Some(h) = header("Location", location) {
        response.add_header(h);
    }
    if let Some(h) = header("Cache-Control", "no-store") {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

/// Content types by extension. JavaScript is `text/javascript` (RFC 9239); text types carry a
/// charset so Danish, Swedish and Norwegian letters survive.
pub fn mime_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "vcf" => "text/vcard; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"samspil serve answers GET and HEAD only\n".to_vec(),
        );
    }
    let raw = request.url().to_string();
    let (raw_path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (raw.as_str(), None),
    };
    let path = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8_lossy()
        .into_owned();
    let snap = shared.snapshot();
    let base = snap.base_path.as_str();

    let Some(rel) = path.strip_prefix(base) else {
        // `/` and `/frivillig` lead to the site; a path that forgot the base path too.
        let trimmed = path.trim_start_matches('/');
        let target = if path == "/" || base.trim_end_matches('/') == path.trim_end_matches('/') {
            Some(base.to_string())
        } else if find(&snap, shared, trimmed).is_some() {
            Some(format!("{base}{}", raw_path.trim_start_matches('/')))
        } else {
            None
        };
        return match target {
            Some(t) => redirect(request, 302, &with_query(&t, query)),
            None => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                format!("Not found. The site is served under {base}\n").into_bytes(),
            ),
        };
    };
    match rel {
        "__samspil/livereload.js" => respond(
            request,
            200,
            mime_type("x.js"),
            LIVERELOAD_JS.as_bytes().to_vec(),
        ),
        "__samspil/status" => {
            let body = serde_json::to_vec_pretty(&shared.status()).unwrap_or_default();
            respond(request, 200, mime_type("x.json"), body)
        }
        "__samspil/events" if *request.method() == Method::Head => {
            respond(request, 200, "text/event-stream; charset=utf-8", Vec::new())
        }
        "__samspil/events" => events(request, shared),
        // No good build yet (the first one failed): a page that shows the errors through the
        // live-reload overlay and turns into the site once it builds.
        _ if snap.files.is_empty() => respond(
            request,
            503,
            mime_type("x.html"),
            not_built_yet(base).into_bytes(),
        ),
        _ => serve_file(request, shared, &snap, rel, raw_path, query),
    }
}

fn not_built_yet(base: &str) -> String {
    let base = html_escape::encode_double_quoted_attribute(base);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>samspil serve: the site has not built yet</title>\n</head>\n<body>\n<h1>The site has not built yet</h1>\n<p>The errors are in the terminal (and here, with JavaScript on). Fix them and save: this page reloads by itself.</p>\n<script src=\"{base}__samspil/livereload.js\"></script>\n</body>\n</html>\n"
    )
}

fn with_query(path: &str, query: Option<&str>) -> String {
    match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    }
}

/// The bytes at `rel` (below the base path), from the pages or the search index.
fn find(snap: &Snapshot, shared: &Shared, rel: &str) -> Option<(String, Vec<u8>)> {
    // Keys are plain relative paths, so `..` and the like simply match nothing; refuse them
    // anyway, so no future change of the lookup can turn them into a path on disk.
    if rel
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains('\\'))
    {
        return None;
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(b) = snap.files.get(&key) {
        return Some((key, b.clone()));
    }
    if key.starts_with("search/") {
        return shared.search().get(&key).map(|b| (key, b.clone()));
    }
    None
}

fn serve_file(
    request: Request,
    shared: &Shared,
    snap: &Snapshot,
    rel: &str,
    raw_path: &str,
    query: Option<&str>,
) {
    if let Some((key, bytes)) = find(snap, shared, rel) {
        return respond(request, 200, mime_type(&key), bytes);
    }
    // `/da/roller` → `/da/roller/`, as static hosts do, so relative links resolve.
    if !rel.is_empty()
        && !rel.ends_with('/')
        && snap.files.contains_key(&format!("{rel}/index.html"))
    {
        return redirect(request, 301, &with_query(&format!("{raw_path}/"), query));
    }
    // The 404 page of the language the path is in, else the root one (status 404 either way).
    let lang_404 = rel
        .split('/')
        .next()
        .map(|l| format!("{l}/404.html"))
        .filter(|p| snap.files.contains_key(p));
    let page = lang_404
        .or_else(|| Some("404.html".to_string()))
        .and_then(|p| snap.files.get(&p).cloned());
    match page {
        Some(bytes) => respond(request, 404, mime_type("x.html"), bytes),
        None => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"Not found (and the site has no 404.html yet)\n".to_vec(),
        ),
    }
}

/// `__samspil/events`: a Server-Sent Events stream. tiny_http buffers the bodies it sends, so
/// the stream writes its own response head on the raw connection and flushes every event.
fn events(request: Request, shared: &Shared) {
    let Some(_slot) = StreamSlot::take() else {
        let body = format!(
            "samspil serve: {MAX_STREAMS} live-reload connections are open already; close some tabs of this site\n"
        );
        respond(request, 503, "text/plain; charset=utf-8", body.into_bytes());
        return;
    };
    let mut seen = shared.last_event();
    let mut w = request.into_writer();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nContent-Security-Policy: {CSP}\r\nConnection: close\r\n\r\nretry: 1000\n\n"
    );
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match shared.wait_event(seen, KEEPALIVE) {
            Some(event) => {
                seen = event.seq;
                let data = serde_json::to_string(&event).unwrap_or_default();
                format!("event: build\ndata: {data}\n\n")
            }
            None => ": keep-alive\n\n".to_string(),
        };
        // A failed write means the tab is gone.
        if w.write_all(chunk.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mime_type;

    #[test]
    fn mime_types() {
        assert_eq!(mime_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("css/site.0123.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("js/site.js"), "text/javascript; charset=utf-8");
        assert_eq!(mime_type("search/x.json"), "application/json");
        assert_eq!(mime_type("favicon.svg"), "image/svg+xml");
        assert_eq!(mime_type("da/k/contact.vcf"), "text/vcard; charset=utf-8");
        assert_eq!(mime_type("sitemap.xml"), "application/xml");
        assert_eq!(mime_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(mime_type("search/da/seg.bin"), "application/octet-stream");
        assert_eq!(mime_type("noext"), "application/octet-stream");
        assert_eq!(mime_type("IMG.JPG"), "image/jpeg");
    }
}
