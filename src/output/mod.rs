//! Writing the output folder atomically: everything goes to a temporary folder beside the
//! target, which replaces the target only when the whole build succeeded; or to memory (serve)
//! or nowhere (check). What the folder may be is [`target`]'s to say.

pub mod target;

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Where a build's files go.
pub enum Mode {
    /// `samspil build`: a folder, replaced atomically when the build succeeds.
    Disk(PathBuf),
    /// `samspil serve`: kept in memory (no disk churn; swapping a whole new build in is one
    /// pointer swap).
    Memory,
    /// `samspil check`: counted, never written.
    Discard,
}

enum Store {
    Disk { target: PathBuf, tmp: PathBuf },
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
    Discard,
}

/// The one sink every output file goes through, pages and search index alike, so the build's
/// summary counts what is really there. Writes take `&self`, so pages are written from every
/// rendering thread at once: creating 10,000 folders and files is kernel work that a lock
/// would leave on one core.
pub struct Output {
    store: Store,
    files: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
    /// Each file written and a hash of its bytes, when asked for (the offline copy's list).
    hashes: Option<Mutex<Vec<(String, u64)>>>,
}

impl Output {
    pub fn new(mode: Mode) -> io::Result<Output> {
        let store = match mode {
            Mode::Disk(target) => {
                let tmp = Self::prepare_tmp(&target)?;
                Store::Disk { target, tmp }
            }
            Mode::Memory => Store::Memory(Mutex::new(BTreeMap::new())),
            Mode::Discard => Store::Discard,
        };
        let out = Output {
            store,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
            hashes: None,
        };
        // First, so that a build that dies leaves a folder the next one knows as samspil's.
        if let Store::Disk { .. } = out.store {
            let (marker, text) = target::marker();
            out.write(marker, text)?;
        }
        Ok(out)
    }

    /// A folder output (see [`Mode::Disk`]).
    pub fn create(target: &Path) -> io::Result<Output> {
        Output::new(Mode::Disk(target.to_path_buf()))
    }

    /// An output that collects files in memory instead of writing a folder.
    pub fn in_memory() -> Output {
        Output::new(Mode::Memory).expect("a memory output needs no I/O")
    }

    fn prepare_tmp(target: &Path) -> io::Result<PathBuf> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        Ok(tmp)
    }

    /// Whether anything is kept (false for `check`, which renders but stores nothing).
    pub fn keeps_files(&self) -> bool {
        !matches!(self.store, Store::Discard)
    }

    /// The files of an in-memory output, keyed by their `/`-separated path (empty otherwise).
    pub fn take_memory(&mut self) -> BTreeMap<String, Vec<u8>> {
        match &mut self.store {
            Store::Memory(m) => std::mem::take(m.get_mut().unwrap_or_else(|e| e.into_inner())),
            _ => BTreeMap::new(),
        }
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// From now on, remembers each file written with a hash of its bytes ([`Output::hashes`]).
    pub fn keep_hashes(&mut self) {
        self.hashes = Some(Mutex::new(Vec::new()));
    }

    /// The files written since [`Output::keep_hashes`], by path, with their hashes.
    pub fn hashes(&self) -> Vec<(String, u64)> {
        let mut all = match &self.hashes {
            Some(h) => h.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            None => Vec::new(),
        };
        all.sort();
        all
    }

    fn remember(&self, rel: &str, bytes: &[u8]) {
        if let Some(h) = &self.hashes {
            let mut hasher = rustc_hash::FxHasher::default();
            std::hash::Hasher::write(&mut hasher, bytes);
            let hash = std::hash::Hasher::finish(&hasher);
            h.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((rel.to_string(), hash));
        }
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes `bytes` at `rel` (a `/`-separated path inside the output). Paths that would
    /// leave the output folder are refused, whatever the content says.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        check_rel(rel)?;
        match &self.store {
            Store::Memory(m) => {
                m.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(rel.to_string(), bytes.to_vec());
            }
            Store::Disk { tmp, .. } => {
                let path = tmp.join(rel);
                if let Some(p) = path.parent() {
                    std::fs::create_dir_all(p)?;
                }
                std::fs::write(&path, bytes)?;
            }
            Store::Discard => {}
        }
        self.remember(rel, bytes);
        self.count(bytes.len() as u64);
        Ok(())
    }

    pub fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        check_rel(rel)?;
        match &self.store {
            Store::Disk { tmp, .. } => {
                let path = tmp.join(rel);
                if let Some(p) = path.parent() {
                    std::fs::create_dir_all(p)?;
                }
                let n = std::fs::copy(from, &path)?;
                if self.hashes.is_some() {
                    self.remember(rel, &std::fs::read(&path)?);
                }
                self.count(n);
                Ok(())
            }
            Store::Memory(_) => self.write(rel, &std::fs::read(from)?),
            Store::Discard => {
                self.count(std::fs::metadata(from)?.len());
                Ok(())
            }
        }
    }

    /// Swaps the finished folder in. The old output is moved aside first and removed last, so
    /// at no point is there neither.
    pub fn commit(mut self) -> io::Result<()> {
        let Store::Disk { target, tmp } = &self.store else {
            self.committed = true;
            return Ok(());
        };
        let old = tmp.with_file_name(format!(
            ".{}.old-{}",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = target.exists();
        if had_old {
            std::fs::rename(target, &old)?;
        }
        if let Err(e) = std::fs::rename(tmp, target) {
            if had_old {
                let _ = std::fs::rename(&old, target);
            }
            return Err(e);
        }
        if had_old {
            remove_dir_parallel(&old)?;
        }
        self.committed = true;
        Ok(())
    }
}

/// Refuses paths that would leave the output folder.
fn check_rel(rel: &str) -> io::Result<()> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {rel}"),
        ));
    }
    Ok(())
}

/// Removing the previous output (tens of thousands of small files on a large site) is bound by
/// file-system metadata operations; removing the top-level folders (one per language, search)
/// side by side roughly halves the time. Deeper parallelism measured slower (directory locks).
fn remove_dir_parallel(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.par_iter().try_for_each(|(p, is_dir)| {
        if *is_dir {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Drop for Output {
    /// A build that did not commit leaves nothing behind.
    fn drop(&mut self) {
        if let Store::Disk { tmp, .. } = &self.store
            && !self.committed
        {
            let _ = std::fs::remove_dir_all(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_collects_files_and_refuses_escape() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("a.txt");
        std::fs::write(&src, "copied").unwrap();
        let mut o = Output::in_memory();
        o.write("da/index.html", b"<p>").unwrap();
        o.copy("img/a.txt", &src).unwrap();
        assert!(o.write("../x", b"no").is_err());
        assert_eq!((o.files(), o.bytes()), (2, 9));
        let files = o.take_memory();
        assert_eq!(files["da/index.html"], b"<p>");
        assert_eq!(files["img/a.txt"], b"copied");
        o.commit().unwrap();
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "nothing written"
        );
    }

    #[test]
    fn refuses_escape_and_keeps_old_on_drop() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        {
            let o = Output::create(&target).unwrap();
            assert!(o.write("../x.html", b"no").is_err());
            assert!(o.write("/etc/x", b"no").is_err());
            o.write("a/b.html", b"new").unwrap();
        } // dropped without commit
        assert_eq!(
            std::fs::read_to_string(target.join("old.html")).unwrap(),
            "old"
        );
        assert!(!target.join("a/b.html").exists());
        let o = Output::create(&target).unwrap();
        o.write("a/b.html", b"new").unwrap();
        o.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/b.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temporary folders left"
        );
    }
}
