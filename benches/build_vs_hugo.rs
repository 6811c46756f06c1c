//! Benchmark (issue #2): `samspil build` (search index included) against Hugo on the same
//! 10,000 generated pages, side by side in one run. Run with `cargo bench --bench build_vs_hugo`
//! (`BENCH_PAGES=3000` for a quicker run). Needs Debian's `hugo` and GNU `time`.

mod corpus;

use std::path::Path;
use std::process::Command;

struct Run {
    wall: f64,
    peak_mb: f64,
}

/// Runs `cmd` under GNU time and returns wall seconds and peak RSS.
fn timed(cmd: &mut Command) -> Run {
    let report = tempfile::NamedTempFile::new().expect("temp file");
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(report.path())
        .arg(program)
        .args(args)
        .current_dir(cmd.get_current_dir().unwrap_or(Path::new(".")))
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run /usr/bin/time (apt-get install time)");
    assert!(status.success(), "{cmd:?} failed");
    let text = std::fs::read_to_string(report.path()).expect("read time report");
    let last = text.lines().last().unwrap_or("");
    let mut it = last.split_whitespace();
    let wall: f64 = it.next().and_then(|s| s.parse().ok()).expect("wall time");
    let kb: f64 = it.next().and_then(|s| s.parse().ok()).expect("max rss");
    Run {
        wall,
        peak_mb: kb / 1024.0,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, runs) = corpus::settings();
    let work = root.join("target/bench-corpus");
    let (s_dir, h_dir) = (work.join("samspil"), work.join("hugo"));
    let stats = corpus::generate(root, pages, &s_dir, &h_dir);
    println!(
        "corpus: {} pages, {} words (avg {} per page)",
        stats.pages,
        stats.words,
        stats.words / stats.pages.max(1)
    );
    let hugo_ok = Command::new("hugo")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(hugo_ok, "hugo is missing: apt-get install hugo");

    let samspil = env!("CARGO_BIN_EXE_samspil");
    // Two places for the output. A RAM file system (tmpfs) shows the generators' own work. The
    // work disk is what an author has, but on this machine it is ext4 without a journal, where
    // creating a file scans every inode deleted in the last minute or so (`recently_deleted` in
    // ext4's inode allocator): a build right after deleting a big output pays seconds of kernel
    // time. So every run writes into a folder of its own, nothing is deleted until all runs are
    // done, and the two tools take turns going first.
    let mut places = vec![("disk", work.join("out"))];
    let shm = Path::new("/dev/shm");
    if std::env::var_os("BENCH_NO_TMPFS").is_none() && shm.is_dir() {
        places.insert(0, ("tmpfs", shm.join("samspil-bench")));
    }
    let mut summary = Vec::new();
    for (place, dir) in &places {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("bench output folder");
        let (mut sw, mut sm, mut hw, mut hm) = (vec![], vec![], vec![], vec![]);
        for i in 0..runs {
            let s_out = dir.join(format!("samspil-{i}"));
            let h_out = dir.join(format!("hugo-{i}"));
            let run_samspil = || {
                timed(
                    Command::new(samspil)
                        .args(["build", "--quiet", "--root"])
                        .arg(&s_dir)
                        .args(["--output"])
                        .arg(&s_out),
                )
            };
            let run_hugo = || {
                timed(
                    Command::new("hugo")
                        .args(["--quiet", "--source"])
                        .arg(&h_dir)
                        .args(["--destination"])
                        .arg(&h_out),
                )
            };
            let (s, h) = if i % 2 == 0 {
                let s = run_samspil();
                (s, run_hugo())
            } else {
                let h = run_hugo();
                (run_samspil(), h)
            };
            println!(
                "{place} run {}: samspil {:.2} s {:.0} MB | hugo {:.2} s {:.0} MB",
                i + 1,
                s.wall,
                s.peak_mb,
                h.wall,
                h.peak_mb
            );
            sw.push(s.wall);
            sm.push(s.peak_mb);
            hw.push(h.wall);
            hm.push(h.peak_mb);
        }
        let files = walkdir::WalkDir::new(dir.join("samspil-0"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        let hugo_files = walkdir::WalkDir::new(dir.join("hugo-0"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        let (s, h) = (median(sw), median(hw));
        let peak = sm.iter().cloned().fold(0.0, f64::max);
        let hugo_peak = hm.iter().cloned().fold(0.0, f64::max);
        summary.push(format!(
            "{place}: median wall samspil {s:.2} s, hugo {h:.2} s, ratio {:.2} (goal ≤ 0.50: {}); \
             peak memory samspil {peak:.0} MB (goal ≤ 500 MB: {}), hugo {hugo_peak:.0} MB; \
             files samspil {files}, hugo {hugo_files}",
            s / h,
            if s / h <= 0.5 { "met" } else { "NOT met" },
            if peak <= 500.0 { "met" } else { "NOT met" },
        ));
    }
    for (_, dir) in &places {
        let _ = std::fs::remove_dir_all(dir);
    }
    for line in summary {
        println!("{line}");
    }
    println!(
        "(the disk outputs were just deleted: wait about 6 minutes before timing builds on this \
         disk again, see benches/README.md)"
    );
}
