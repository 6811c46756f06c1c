//! What the output folder may be (issue #11): a build replaces its output whole, so it writes
//! only into a folder that is missing, empty or its own, and never loses a file of anyone
//! else's. Every case runs on throwaway folders under a temporary directory.

mod common;

use common::{copy_dir, copy_fixture, fixture, read, stderr, write};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every file under `dir` with its bytes, to show that nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `samspil build --output OUT` run from `cwd`, as a person types it.
fn build_from(cwd: &Path, site: &Path, out: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["build", "--output", out, "--root"])
        .arg(site)
        .current_dir(cwd)
        .env("SAMSPIL_TODAY", "2026-11-23")
        .output()
        .expect("run samspil")
}

/// The build failed with `message`, named the output, and changed nothing under `tmp`.
fn refused(
    o: &std::process::Output,
    message: &str,
    before: &BTreeMap<String, Vec<u8>>,
    tmp: &Path,
) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "expected {message:?} in:\n{err}");
    assert!(err.contains("field `--output`"), "{err}");
    assert!(err.contains("help: "), "a way forward: {err}");
    assert!(
        snapshot(tmp) == *before,
        "something changed outside the output:\n{err}"
    );
}

#[test]
fn the_site_its_parent_and_its_source_folders_are_never_the_output() {
    let (tmp, site) = copy_fixture("valid");
    let before = snapshot(tmp.path());
    let md_files = || {
        walkdir::WalkDir::new(site.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .count()
    };
    let mds = md_files();
    assert!(mds > 5);
    refused(
        &build_from(&site, &site, "content"),
        "inside the site's source folder content/",
        &before,
        tmp.path(),
    );
    refused(
        &build_from(&site, &site, "static/out"),
        "inside the site's source folder static/",
        &before,
        tmp.path(),
    );
    refused(
        &build_from(&site, &site, "."),
        "would replace the site's own folder",
        &before,
        tmp.path(),
    );
    refused(
        &build_from(&site, &site, ".."),
        "would replace the site's own folder",
        &before,
        tmp.path(),
    );
    // Through a link the same.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&site, tmp.path().join("link-to-site")).unwrap();
        let before = snapshot(tmp.path());
        refused(
            &build_from(tmp.path(), &site, "link-to-site/content/x"),
            "inside the site's source folder content/",
            &before,
            tmp.path(),
        );
    }
    assert_eq!(md_files(), mds);
}

#[test]
fn a_folder_of_someone_elses_files_a_file_and_a_link_are_refused() {
    let (tmp, site) = copy_fixture("valid");
    // A stand-in for a home folder: files samspil did not write.
    let home = tmp.path().join("home");
    write(&home.join("notes.txt"), "mine");
    write(&home.join("photos/a.jpg"), "jpeg");
    let before = snapshot(tmp.path());
    refused(
        &build_from(tmp.path(), &site, "home"),
        "the output folder holds files samspil did not write (notes.txt, photos)",
        &before,
        tmp.path(),
    );
    // A file.
    write(&tmp.path().join("report.pdf"), "pdf");
    let before = snapshot(tmp.path());
    refused(
        &build_from(tmp.path(), &site, "report.pdf"),
        "the output is a file, not a folder",
        &before,
        tmp.path(),
    );
    // A link to a folder: never written through, whatever it points at.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&home, tmp.path().join("public-link")).unwrap();
        let before = snapshot(tmp.path());
        refused(
            &build_from(tmp.path(), &site, "public-link"),
            "the output is a symbolic link",
            &before,
            tmp.path(),
        );
    }
}

#[test]
fn an_upstream_site_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), &dir.path().join("valid"));
    copy_dir(&fixture("layered"), &dir.path().join("layered"));
    let site = dir.path().join("layered");
    let before = snapshot(dir.path());
    refused(
        &build_from(&site, &site, "../valid"),
        "would replace the site's own folder",
        &before,
        dir.path(),
    );
    refused(
        &build_from(&site, &site, "../valid/content/out"),
        "inside the site's source folder content/",
        &before,
        dir.path(),
    );
}

#[test]
fn a_missing_an_empty_and_its_own_earlier_folder_are_replaced() {
    let (tmp, site) = copy_fixture("valid");
    let out = tmp.path().join("public");
    // Missing.
    let o = build_from(tmp.path(), &site, "public");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&out.join(".samspil-output")).contains("samspil build"));
    // Its own, with a stray file in it: replaced whole.
    write(&out.join("stray.html"), "x");
    let o = build_from(tmp.path(), &site, "public");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("stray.html").exists());
    // Empty.
    std::fs::create_dir_all(tmp.path().join("empty")).unwrap();
    let o = build_from(tmp.path(), &site, "empty");
    assert!(o.status.success(), "{}", stderr(&o));
    // An output of samspil from before the marker: it has the address record.
    std::fs::remove_file(out.join(".samspil-output")).unwrap();
    assert!(out.join(".samspil-urls.json").is_file());
    let o = build_from(tmp.path(), &site, "public");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn leftovers_of_builds_that_died_are_removed_by_the_next() {
    let (tmp, site) = copy_fixture("valid");
    // What `kill -9` leaves: a temporary folder with the marker, a previous output moved aside.
    // PIDs above the kernel's limit (4,194,304) belong to no process.
    let dead_tmp = tmp.path().join(".public.tmp-4194399");
    let dead_old = tmp.path().join(".public.old-4194398");
    write(&dead_tmp.join(".samspil-output"), "x");
    write(&dead_tmp.join("da/index.html"), "half");
    write(&dead_old.join(".samspil-output"), "x");
    // A running build's folder (this test's own process is alive) and a folder that is not
    // samspil's stay.
    let alive = tmp
        .path()
        .join(format!(".public.tmp-{}", std::process::id()));
    write(&alive.join(".samspil-output"), "x");
    let foreign = tmp.path().join(".public.tmp-4194397");
    write(&foreign.join("thesis.tex"), "mine");
    let o = build_from(tmp.path(), &site, "public");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!dead_tmp.exists() && !dead_old.exists(), "{err}");
    assert!(alive.exists() && foreign.join("thesis.tex").is_file());
    assert!(
        err.contains("note: removed .public.old-4194398, .public.tmp-4194399 left beside the output by builds that did not finish"),
        "{err}"
    );
}
