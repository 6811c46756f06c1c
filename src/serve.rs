//! `samspil serve`: builds the site in memory, serves it over HTTP, rebuilds when a source file
//! changes and reloads the open browser tabs.
//!
//! Shape: the main thread waits for file changes and rebuilds; an HTTP thread answers requests
//! from the latest good build (an `Arc` swapped in whole, so a request never sees half a build);
//! one thread per open tab holds a Server-Sent Events stream; a background thread rebuilds the
//! search index after the tabs have reloaded. A failed build keeps the last good one online and
//! shows its errors in the terminal and, through `__samspil/status`, in the browser.

mod http;
mod rebuild;
mod state;
mod watch;

pub use rebuild::{Files, Rebuild, Rebuilder};

use crate::build::BuildOptions;
use state::Shared;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: String,
    /// 0 picks a free port (handy for scripts and tests; the URL is printed).
    pub port: u16,
    /// Print only errors.
    pub quiet: bool,
    /// Poll for changes instead of relying on the system's file notifications.
    pub poll: bool,
}

/// Runs until the process is stopped. Returns an error only when serving cannot start.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    // Bind first: with `--port 0` the real port is only known now, and the site's links need it.
    let server = tiny_http::Server::http((opts.interface.as_str(), opts.port)).map_err(|e| {
        format!(
            "cannot listen on {}:{}: {e}\n  help: is another `samspil serve` running? Pick another port with --port",
            opts.interface, opts.port
        )
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    let host = match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    let origin = format!("http://{host}:{}", addr.port());

    // Watch before the first build, so a save during it is not lost.
    let mut watcher = watch::Watcher::new(&opts.root, opts.poll)?;
    watcher.set_upstreams(crate::layers::upstream_folders(&opts.root));
    let shared = Arc::new(Shared::new());
    let mut rebuilder = Rebuilder::new(opts.root.clone(), origin.clone());
    let log = Log { quiet: opts.quiet };
    let search = search_worker(&shared);

    let first = rebuilder.rebuild();
    log.first(&first);
    shared.publish(&rebuilder, &first);
    if first.ok {
        search(rebuilder.build_options(), first.generation);
    }

    let http_shared = shared.clone();
    std::thread::Builder::new()
        .name("http".into())
        .spawn(move || http::serve(server, http_shared))
        .map_err(|e| format!("cannot start the HTTP thread: {e}"))?;

    let url = format!("{origin}{}", rebuilder.base_path());
    // stdout carries only this line, so scripts and tests can read the address.
    println!("Serving {url}  (Ctrl+C to stop)");
    let _ = std::io::stdout().flush();
    if opts.interface != "127.0.0.1" && opts.interface != "localhost" && opts.interface != "::1" {
        log.note(&format!(
            "links in the pages point at {origin}; other devices reach the site only if that address works for them"
        ));
    }

    loop {
        let Some(changed) = watcher.next() else {
            return Err("the file watcher stopped".into());
        };
        // samspil.yaml may have changed what the site extends.
        watcher.set_upstreams(crate::layers::upstream_folders(&opts.root));
        let r = rebuilder.rebuild();
        log.rebuilt(&changed, &r);
        shared.publish(&rebuilder, &r);
        if r.ok && !r.changed.is_empty() {
            search(rebuilder.build_options(), r.generation);
        }
    }
}

/// Starts the background search indexer and returns the function that asks it for a new index.
/// Indexing the bundled site takes about a second, far over the 200 ms a rebuild may take, so it
/// runs after the tabs have reloaded, once edits pause, at low priority; requests meanwhile get
/// the previous index.
fn search_worker(shared: &Arc<Shared>) -> impl Fn(BuildOptions, u64) + use<> {
    let (tx, rx) = std::sync::mpsc::channel::<(BuildOptions, u64)>();
    let shared = shared.clone();
    let spawned = std::thread::Builder::new()
        .name("search".into())
        .spawn(move || {
            lower_priority();
            while let Ok(mut newest) = rx.recv() {
                // Only the newest build matters, and only once the author pauses.
                loop {
                    match rx.recv_timeout(SEARCH_AFTER_IDLE) {
                        Ok(n) => newest = n,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                let (opts, generation) = newest;
                if let Some(files) = rebuild::search_files(&opts, generation) {
                    shared.set_search(files);
                }
            }
        });
    let tx = spawned.ok().map(|_| tx);
    move |opts, generation| {
        if let Some(tx) = &tx {
            let _ = tx.send((opts, generation));
        }
    }
}

/// How long edits must pause before the search index is rebuilt.
const SEARCH_AFTER_IDLE: Duration = Duration::from_millis(400);

/// Lets rebuilds have the CPU first: the search thread and the threads it starts (Linux nice
/// values are per thread and inherited) yield to them.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority only reads its plain-integer arguments; `who = 0` is this thread.
    // Failure only means normal priority, so the result is ignored.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Terminal output. Errors always go to stderr; warnings only when they are new, so a site with
/// known warnings does not bury each rebuild's result.
struct Log {
    quiet: bool,
}

impl Log {
    /// New diagnostics of a build; errors always, warnings unless --quiet.
    fn print_diagnostics(&self, r: &Rebuild) {
        for d in &r.new_diagnostics {
            if d.severity == crate::diagnostics::Severity::Error || !self.quiet {
                eprintln!("{d}");
            }
        }
    }

    fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    fn first(&self, r: &Rebuild) {
        // On the first build every diagnostic is new.
        self.print_diagnostics(r);
        if r.ok {
            self.note(&format!(
                "built {} pages in {} ms{}",
                r.pages,
                r.elapsed.as_millis(),
                warnings(r.warnings)
            ));
        } else {
            eprintln!(
                "build failed: {} error(s); fix them and save, the browser shows them until then",
                r.errors
            );
        }
    }

    fn rebuilt(&self, changed: &[String], r: &Rebuild) {
        let what = match changed {
            [] => "change".to_string(),
            [one] => one.clone(),
            [one, rest @ ..] => format!("{one} and {} more", rest.len()),
        };
        self.print_diagnostics(r);
        if r.ok {
            let out = match r.changed.len() {
                0 => "no output changed".to_string(),
                1 => "1 file changed".to_string(),
                n => format!("{n} files changed"),
            };
            self.note(&format!(
                "{what}: rebuilt in {} ms, {out}{}",
                r.elapsed.as_millis(),
                warnings(r.warnings)
            ));
        } else {
            eprintln!(
                "{what}: build failed with {} error(s); still serving the last good build",
                r.errors
            );
        }
    }
}

fn warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (1 warning)".into(),
        n => format!(" ({n} warnings)"),
    }
}
