//! Running the JS client in Node through `tests/search-driver.mjs`.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// Fails the test with a clear message when Node.js (20 or newer) is not installed.
pub fn require_node() {
    let out = Command::new("node").arg("--version").output();
    let version = match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => panic!(
            "this test runs the JavaScript search client and needs Node.js 20 or newer on PATH \
             (`node --version` failed); install Node.js (e.g. `apt-get install nodejs`)"
        ),
    };
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "the JavaScript search client needs Node.js 20 or newer (DecompressionStream, fetch \
         types); found {version}"
    );
}

/// Runs the jobs (see search-driver.mjs) against the site in `site_dir` (which holds
/// `search/`), returns the answers.
pub fn run_driver(site_dir: &Path, jobs: &Value) -> Vec<Value> {
    require_node();
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-driver.mjs");
    let mut child = Command::new("node")
        .arg(&driver)
        .arg(site_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let input = serde_json::to_vec(jobs).expect("jobs as JSON");
    let mut stdin = child.stdin.take().expect("node stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("run node");
    writer
        .join()
        .expect("writer thread")
        .expect("write jobs to node");
    assert!(
        out.status.success(),
        "node search-driver.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("driver output is JSON")
}
