//! What `write_site_search` writes: deterministic bytes, the documented layout, stale builds
//! removed, and stats that add up.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::corpus::{LANGUAGES, load_corpus};
use search_index::{MODULE_FILE, write_site_search};

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn languages() -> Vec<String> {
    LANGUAGES.iter().map(|l| l.to_string()).collect()
}

#[test]
fn two_builds_give_identical_bytes() {
    let docs = load_corpus();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let sa = write_site_search(&docs, &languages(), a.path()).unwrap();
    let sb = write_site_search(&docs, &languages(), b.path()).unwrap();
    assert_eq!(sa, sb);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{name} differs between two builds");
    }
    // Languages given in another order or twice change nothing either.
    let c = tempfile::tempdir().unwrap();
    let langs = vec!["nb".to_string(), "da".into(), "sv".into(), "da".into()];
    write_site_search(&docs, &langs, c.path()).unwrap();
    assert!(tree(c.path()) == ta);
}

#[test]
fn layout_and_stats_agree() {
    let docs = load_corpus();
    let out = tempfile::tempdir().unwrap();
    let stats = write_site_search(&docs, &languages(), out.path()).unwrap();
    let files = tree(out.path());
    assert_eq!(files.len(), stats.files());
    assert_eq!(
        files.values().map(|b| b.len() as u64).sum::<u64>(),
        stats.bytes()
    );
    assert_eq!(
        files[MODULE_FILE],
        search_index::client_module().into_bytes()
    );
    for l in &stats.languages {
        assert_eq!(
            l.docs,
            docs.iter().filter(|d| d.language == l.language).count()
        );
        assert!(files.contains_key(&format!("{}/manifest.bin", l.language)));
        for i in 0..l.shard_files {
            assert!(files.contains_key(&format!("{}/{}/t{i}.bin", l.language, l.build)));
        }
        for i in 0..l.fragment_files {
            assert!(files.contains_key(&format!("{}/{}/d{i}.bin", l.language, l.build)));
        }
        assert_eq!(l.build.len(), 16);
    }
    // Every data file is gzip (so a host must not add Content-Encoding: the .bin extension).
    for (name, bytes) in &files {
        if name.ends_with(".bin") {
            assert_eq!(&bytes[..2], &[0x1f, 0x8b], "{name}");
            assert_eq!(&bytes[4..8], &[0, 0, 0, 0], "{name}: gzip mtime must be 0");
        }
    }
}

#[test]
fn a_changed_document_makes_a_new_build_and_drops_the_old_one() {
    let mut docs = load_corpus();
    let out = tempfile::tempdir().unwrap();
    let first = write_site_search(&docs, &languages(), out.path()).unwrap();
    // Something that is not ours stays.
    fs::write(out.path().join("da").join("README"), "keep").unwrap();
    let d = docs.iter_mut().find(|d| d.language == "da").unwrap();
    d.title.push_str(" ændret");
    let second = write_site_search(&docs, &languages(), out.path()).unwrap();
    let (a, b) = (&first.languages[0], &second.languages[0]);
    assert_eq!(a.language, "da");
    assert_ne!(a.build, b.build);
    assert!(!out.path().join("da").join(&a.build).exists());
    assert!(out.path().join("da").join(&b.build).exists());
    assert!(out.path().join("da").join("README").exists());
    // Untouched languages keep their build.
    assert_eq!(first.languages[1].build, second.languages[1].build);
}

#[test]
fn empty_and_unknown_languages() {
    let docs = load_corpus();
    let out = tempfile::tempdir().unwrap();
    // A code that cannot name a directory is refused; any language code is not.
    assert!(write_site_search(&docs, &["../x".to_string()], out.path()).is_err());
    assert!(
        !out.path().join(MODULE_FILE).exists(),
        "nothing is written on error"
    );
    let stats = write_site_search(&[], &["da".to_string()], out.path()).unwrap();
    assert_eq!(stats.languages[0].docs, 0);
    assert_eq!(stats.languages[0].shard_files, 0);
    let stats = write_site_search(&docs, &["xx".to_string()], out.path()).unwrap();
    assert_eq!(stats.languages[0].docs, 0);
}
