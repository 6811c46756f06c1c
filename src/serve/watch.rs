//! Watching the site's sources: content/, static/, templates/, themes/, i18n/, samspil.yaml and
//! samspil.lock — of the site and of every upstream it extends, so an edit in the shared
//! knowledge base shows at once in the municipality's preview.
//!
//! Only those, never the whole root: the bundled site's root is also a Cargo workspace whose
//! target/ holds hundreds of thousands of files. The root itself is watched without recursion
//! to see samspil.yaml (editors replace it by renaming, which a watch on the file would lose)
//! and source folders created after the server started.
//!
//! notify reports reads too (a file opened and closed without writing). A build reads every
//! source file, so those must be dropped or each build would trigger the next; the debouncer
//! crates cannot filter by kind, so the debouncing is done here.

use notify::event::{AccessKind, EventKind};
use notify::{PollWatcher, RecursiveMode};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

type EventResult = notify::Result<notify::Event>;

use crate::config::SOURCE_DIRS;
/// Quiet time that ends a burst: long enough to fold an editor's save (write a temp file,
/// rename, chmod) into one rebuild, short enough not to be noticed.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// A burst that never goes quiet (a `git checkout` of many files) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(500);
/// How often the fallback watcher looks at the files.
const POLL: Duration = Duration::from_millis(250);

pub struct Watcher {
    root: PathBuf,
    /// The upstreams' folders (canonical) and how messages name them from the site (`../samspil`).
    upstreams: Vec<(PathBuf, String)>,
    watcher: Box<dyn notify::Watcher + Send>,
    polling: bool,
    tx: Sender<EventResult>,
    rx: Receiver<EventResult>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// `poll`: look for changes by polling instead of the system's notifications, which
    /// do not reach into some VMs, containers and network drives.
    pub fn new(root: &Path, poll: bool) -> Result<Watcher, String> {
        // Events carry absolute paths; compare against the same form.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (tx, rx) = channel();
        let (watcher, polling): (Box<dyn notify::Watcher + Send>, bool) = if poll {
            (poller(&tx, None)?, true)
        } else {
            match notify::recommended_watcher(tx.clone()) {
                Ok(w) => (Box::new(w), false),
                Err(e) => (poller(&tx, Some(&e))?, true),
            }
        };
        let mut w = Watcher {
            root,
            upstreams: Vec::new(),
            watcher,
            polling,
            tx,
            rx,
            watched: BTreeSet::new(),
        };
        w.watch_all()?;
        Ok(w)
    }

    /// Watches the root and every source folder. The system's watcher can run out (Linux
    /// limits inotify instances and watches per user, shared with every other program); then
    /// polling takes over, slower but never blind.
    fn watch_all(&mut self) -> Result<(), String> {
        match self.try_watch_all() {
            Ok(()) => Ok(()),
            Err(e) if !self.polling => {
                self.watcher = poller(&self.tx, Some(&e))?;
                self.polling = true;
                self.watched.clear();
                self.try_watch_all()
                    .map_err(|e| format!("cannot watch files for changes: {e}"))
            }
            Err(e) => Err(format!("cannot watch files for changes: {e}")),
        }
    }

    /// Follows the site's `extends` chain as it is now: watches upstreams that joined it and
    /// stops watching those that left (samspil.yaml may have changed).
    pub fn set_upstreams(&mut self, upstreams: Vec<(PathBuf, String)>) {
        let canonical: Vec<(PathBuf, String)> = upstreams
            .into_iter()
            .map(|(p, shown)| (std::fs::canonicalize(&p).unwrap_or(p), shown))
            .collect();
        if canonical == self.upstreams {
            return;
        }
        let keep: Vec<&PathBuf> = std::iter::once(&self.root)
            .chain(canonical.iter().map(|(p, _)| p))
            .collect();
        let gone: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|d| !keep.iter().any(|r| *d == *r || root_of(r, d)))
            .cloned()
            .collect();
        for d in gone {
            let _ = self.watcher.unwatch(&d);
            self.watched.remove(&d);
        }
        self.upstreams = canonical;
        if let Err(e) = self.watch_all() {
            eprintln!("warning: {e}");
        }
    }

    fn try_watch_all(&mut self) -> Result<(), notify::Error> {
        // A folder that was deleted is no longer watched; forget it so it is re-added if it
        // comes back.
        self.watched.retain(|d| d.is_dir());
        let roots: Vec<PathBuf> = std::iter::once(self.root.clone())
            .chain(self.upstreams.iter().map(|(p, _)| p.clone()))
            .collect();
        for root in roots {
            if root.is_dir() && !self.watched.contains(&root) {
                self.watcher.watch(&root, RecursiveMode::NonRecursive)?;
                self.watched.insert(root.clone());
            }
            for name in SOURCE_DIRS {
                let dir = root.join(name);
                if dir.is_dir() && !self.watched.contains(&dir) {
                    self.watcher.watch(&dir, RecursiveMode::Recursive)?;
                    self.watched.insert(dir);
                }
            }
        }
        Ok(())
    }

    /// Blocks until a source file changes, waits for the burst to end, and returns the changed
    /// paths relative to the root.
    pub fn next(&mut self) -> Option<Vec<String>> {
        let mut changed = BTreeSet::new();
        // Files being written: a build must not read one half-written (an editor that saves
        // in place truncates first), so the burst lasts until they are closed.
        let mut writing = BTreeSet::new();
        // Wait for the first change that matters.
        while changed.is_empty() {
            let event = self.rx.recv().ok()?;
            self.collect(event, &mut changed, &mut writing);
        }
        // Then until things are quiet and every written file is closed.
        let start = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(DEBOUNCE.min(left)) {
                Ok(event) => self.collect(event, &mut changed, &mut writing),
                Err(RecvTimeoutError::Timeout) if writing.is_empty() => break,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // New source folders (e.g. the first file in static/) need a watch of their own.
        if let Err(e) = self.watch_all() {
            eprintln!("warning: {e}");
        }
        // Name the files that are there now first: an editor's temporary files come and go.
        let (mut now, gone): (Vec<String>, Vec<String>) = changed
            .into_iter()
            .partition(|r| self.root.join(r).exists());
        now.extend(gone);
        Some(now)
    }

    fn collect(
        &self,
        event: notify::Result<notify::Event>,
        changed: &mut BTreeSet<String>,
        writing: &mut BTreeSet<PathBuf>,
    ) {
        match event {
            Ok(e) => {
                if is_read(&e.kind) {
                    return;
                }
                for p in &e.paths {
                    if let Some(rel) = self.relevant(p) {
                        changed.insert(rel);
                        // The poller sees no opens and closes.
                        let state = if self.polling {
                            None
                        } else {
                            write_state(&e.kind)
                        };
                        match state {
                            Some(true) => writing.insert(p.clone()),
                            Some(false) => writing.remove(p),
                            None => false,
                        };
                    }
                }
            }
            Err(e) => eprintln!("warning: file watcher: {e}"),
        }
    }

    /// The changed file as messages name it (`content/a.da.md`, `../samspil/content/b.da.md`)
    /// when it is a source of the site or of an upstream. The site is asked first: an upstream
    /// may be a folder that holds the site (the worked example extends the repository root).
    fn relevant(&self, path: &Path) -> Option<String> {
        let name = path.file_name()?.to_string_lossy();
        if is_editor_scratch(&name) {
            return None;
        }
        std::iter::once((&self.root, ""))
            .chain(self.upstreams.iter().map(|(p, s)| (p, s.as_str())))
            .find_map(|(root, shown)| {
                let rel = source_path(root, path)?;
                Some(match shown {
                    "" => rel,
                    _ => format!("{shown}/{rel}"),
                })
            })
    }
}

/// `path` relative to `root` when it is one of the site's sources there.
fn source_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let rel_s = rel.to_string_lossy().replace('\\', "/");
    let top = rel_s.split('/').next().unwrap_or("");
    let is_source = rel_s == crate::config::CONFIG_FILE
        || rel_s == crate::lock::LOCK_FILE
        || SOURCE_DIRS.contains(&top);
    is_source.then_some(rel_s)
}

/// Whether `dir` is `root` or one of the source folders the watcher put under it.
fn root_of(root: &Path, dir: &Path) -> bool {
    dir.parent() == Some(root)
        && dir
            .file_name()
            .is_some_and(|n| SOURCE_DIRS.iter().any(|s| n == *s))
}

fn poller(
    tx: &Sender<EventResult>,
    why: Option<&notify::Error>,
) -> Result<Box<dyn notify::Watcher + Send>, String> {
    if let Some(why) = why {
        eprintln!(
            "note: the system's file watcher is not available ({why}); checking for changes every {} ms instead\n  help: on Linux, raise fs.inotify.max_user_watches and fs.inotify.max_user_instances",
            POLL.as_millis()
        );
    }
    // Contents, not only times: modification times are compared in whole seconds, which
    // would miss a second save within the same second.
    let config = notify::Config::default()
        .with_poll_interval(POLL)
        .with_compare_contents(true);
    PollWatcher::new(tx.clone(), config)
        .map(|w| Box::new(w) as Box<dyn notify::Watcher + Send>)
        .map_err(|e| format!("cannot watch files for changes: {e}"))
}

/// Some(true) when `kind` starts writing a file, Some(false) when it ends (closed or gone).
/// Only Linux (inotify) reports the close; elsewhere the quiet time alone ends a burst.
fn write_state(kind: &EventKind) -> Option<bool> {
    use notify::event::{AccessMode, CreateKind, DataChange, ModifyKind};
    if !cfg!(target_os = "linux") {
        return None;
    }
    match kind {
        EventKind::Create(CreateKind::File)
        | EventKind::Modify(ModifyKind::Data(DataChange::Any)) => Some(true),
        EventKind::Access(AccessKind::Close(AccessMode::Write)) | EventKind::Remove(_) => {
            Some(false)
        }
        _ => None,
    }
}

/// Opening, reading and closing without writing change nothing.
fn is_read(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        _ => false,
    }
}

/// Files editors write next to the real one while saving.
fn is_editor_scratch(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913" // vim's probe file
        || name == ".DS_Store"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files() {
        assert!(is_editor_scratch(".a.da.md.swp"));
        assert!(is_editor_scratch("a.da.md~"));
        assert!(is_editor_scratch("4913"));
        assert!(!is_editor_scratch("a.da.md"));
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_file_is_written_until_closed() {
        use notify::event::{AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind};
        assert_eq!(
            write_state(&EventKind::Create(CreateKind::File)),
            Some(true)
        );
        assert_eq!(
            write_state(&EventKind::Modify(ModifyKind::Data(DataChange::Any))),
            Some(true)
        );
        assert_eq!(
            write_state(&EventKind::Access(AccessKind::Close(AccessMode::Write))),
            Some(false)
        );
        assert_eq!(
            write_state(&EventKind::Remove(RemoveKind::File)),
            Some(false)
        );
        assert_eq!(write_state(&EventKind::Create(CreateKind::Folder)), None);
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{AccessMode, ModifyKind};
        assert!(is_read(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_read(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_read(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_read(&EventKind::Modify(ModifyKind::Any)));
    }
}
