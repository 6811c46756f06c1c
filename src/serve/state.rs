//! What the HTTP side sees: the last good build, the build status and the change events that
//! the live-reload streams wait for.

use super::rebuild::{Files, Rebuild, Rebuilder};
use serde::Serialize;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Changed paths sent to the browser at most; past that the event says `all`.
const MAX_CHANGED: usize = 500;

/// The last good build, swapped in whole.
pub struct Snapshot {
    pub files: Arc<Files>,
    pub base_path: String,
}

/// `__samspil/status`, and the payload of each `build` event.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub ok: bool,
    pub generation: u64,
    /// Changes when the server restarts, so open tabs know to reload.
    pub server: String,
    pub errors: usize,
    pub warnings: usize,
    pub millis: u128,
    /// The errors (then warnings) as the terminal shows them; empty when the build is fine.
    pub text: String,
}

/// One `build` event: tabs reload when a path they show is in `changed`, or on `all`.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub ok: bool,
    pub generation: u64,
    /// Counts events, so a stream that slept through one knows to reload everything.
    #[serde(skip)]
    pub seq: u64,
    pub all: bool,
    /// Site-absolute paths (base path included) of changed output files.
    pub changed: Vec<String>,
}

pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    search: RwLock<Arc<Files>>,
    status: Mutex<(Status, Option<Event>)>,
    changed: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new() -> Shared {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot {
                files: Arc::new(Files::new()),
                base_path: "/".into(),
            })),
            search: RwLock::new(Arc::new(Files::new())),
            status: Mutex::new((
                Status {
                    ok: true,
                    generation: 0,
                    server: format!("{:x}-{}", nanos, std::process::id()),
                    errors: 0,
                    warnings: 0,
                    millis: 0,
                    text: String::new(),
                },
                None,
            )),
            changed: Condvar::new(),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn search(&self) -> Arc<Files> {
        self.search
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_search(&self, files: Files) {
        *self.search.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
    }

    pub fn status(&self) -> Status {
        lock(&self.status).0.clone()
    }

    /// Makes a finished build visible and wakes the live-reload streams.
    pub fn publish(&self, rebuilder: &Rebuilder, r: &Rebuild) {
        let base = rebuilder.base_path().to_string();
        if r.ok {
            *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Snapshot {
                files: rebuilder.files(),
                base_path: base.clone(),
            });
        }
        let mut text: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.to_string())
            .collect();
        if !r.ok {
            text.extend(
                r.diagnostics
                    .iter()
                    .filter(|d| d.severity != crate::diagnostics::Severity::Error)
                    .map(|d| d.to_string()),
            );
        }
        let mut guard = lock(&self.status);
        let server = guard.0.server.clone();
        guard.0 = Status {
            ok: r.ok,
            generation: r.generation,
            server,
            errors: r.errors,
            warnings: r.warnings,
            millis: r.elapsed.as_millis(),
            text: text.join("\n"),
        };
        // A build that changed nothing and fixed nothing needs no event.
        if r.ok && r.changed.is_empty() && !r.recovered {
            return;
        }
        let all = r.recovered || r.changed.len() > MAX_CHANGED;
        let seq = guard.1.as_ref().map_or(0, |e| e.seq) + 1;
        guard.1 = Some(Event {
            ok: r.ok,
            generation: r.generation,
            seq,
            all,
            changed: if all {
                vec![]
            } else {
                r.changed.iter().map(|c| format!("{base}{c}")).collect()
            },
        });
        drop(guard);
        self.changed.notify_all();
    }

    /// Waits up to `timeout` for an event after number `seen`. Returns it, marked `all` when
    /// events were missed in between (their changed lists are gone).
    pub fn wait_event(&self, seen: u64, timeout: Duration) -> Option<Event> {
        let guard = lock(&self.status);
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |(_, e)| {
                e.as_ref().is_none_or(|e| e.seq <= seen)
            })
            .unwrap_or_else(|e| e.into_inner());
        let mut event = guard.1.clone()?;
        if event.seq <= seen {
            return None;
        }
        if event.seq > seen + 1 {
            event.all = true;
            event.changed.clear();
        }
        Some(event)
    }

    /// The number of the newest event, where a new stream starts listening.
    pub fn last_event(&self) -> u64 {
        lock(&self.status).1.as_ref().map_or(0, |e| e.seq)
    }
}
