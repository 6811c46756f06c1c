//! Benchmark (issue #12): a municipality's layer costs little. The 10,000-page corpus alone
//! against the same corpus extended by a site with 50 local items (in da, sv and nb) and 20
//! patches, built side by side in one run, taking turns going first, median of 3 (goal: the
//! layered build at most 1.2 × the corpus alone). `cargo bench --bench layered`;
//! `BENCH_PAGES=3000` for a quicker run.

mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The layer: `extends` the corpus, 50 local items in a section of their own, 20 patches of
/// corpus pages (a summary and a tag each; bodies kept).
fn write_layer(corpus: &Path, layer: &Path) {
    let _ = std::fs::remove_dir_all(layer);
    let content = layer.join("content");
    std::fs::create_dir_all(content.join("lokalt")).expect("mkdir");
    std::fs::write(
        layer.join("samspil.yaml"),
        "title: Kommune\nbase_url: https://kommune.dk/frivillig/\nlanguages: [da, sv, nb]\ndefault_language: da\nextends: ../samspil\npublisher: Kommune\n",
    )
    .expect("write config");
    for lang in ["da", "sv", "nb"] {
        std::fs::write(
            content.join(format!("lokalt/_index.{lang}.md")),
            "---\ntitle: Lokalt\n---\n",
        )
        .expect("write");
        for i in 0..50 {
            std::fs::write(
                content.join(format!("lokalt/item-{i}.{lang}.md")),
                format!("---\ntitle: Lokal side {i}\nsummary: En lokal side.\ntags: [lokal]\n---\n## Lokalt\n\nKommunens egen tekst nummer {i}, med et par sætninger om samarbejdet.\n"),
            )
            .expect("write");
        }
    }
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(corpus.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".da.md") && !name.starts_with("_index")
        })
        .collect();
    pages.truncate(20);
    for p in pages {
        let rel = p.strip_prefix(corpus).expect("below the corpus");
        let dest = layer.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).expect("mkdir");
        std::fs::write(
            dest,
            "---\npatch: true\nsummary: Ændret lokalt.\ntags: [lokal]\n---\n",
        )
        .expect("write patch");
    }
}

fn build(site: &Path, out: &Path) -> f64 {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_samspil"))
        .args(["build", "--quiet", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .status()
        .expect("run samspil");
    assert!(status.success(), "{} did not build", site.display());
    start.elapsed().as_secs_f64()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, runs) = corpus::settings();
    let work = root.join("target/bench-corpus");
    let (corpus_dir, hugo_dir) = (work.join("samspil"), work.join("hugo"));
    let stats = corpus::generate(root, pages, &corpus_dir, &hugo_dir);
    let layer = work.join("layered");
    write_layer(&corpus_dir, &layer);
    println!(
        "corpus: {} pages; layer: 150 local pages, 20 patches",
        stats.pages
    );
    // tmpfs: the generator's own work, without the disk's inode effects (benches/README.md).
    let out = Path::new("/dev/shm/samspil-layered-bench");
    let _ = std::fs::remove_dir_all(out);
    let (mut alone, mut layered) = (vec![], vec![]);
    for i in 0..runs {
        let a = || build(&corpus_dir, &out.join(format!("alone-{i}")));
        let l = || build(&layer, &out.join(format!("layered-{i}")));
        let (ta, tl) = if i % 2 == 0 {
            let ta = a();
            (ta, l())
        } else {
            let tl = l();
            (a(), tl)
        };
        println!("run {}: corpus alone {ta:.2} s, layered {tl:.2} s", i + 1);
        alone.push(ta);
        layered.push(tl);
    }
    let _ = std::fs::remove_dir_all(out);
    let (a, l) = (median(alone), median(layered));
    println!(
        "median: corpus alone {a:.2} s, layered {l:.2} s, ratio {:.2} (goal ≤ 1.20: {})",
        l / a,
        if l / a <= 1.2 { "met" } else { "NOT met" }
    );
}
