//! Benchmark: builds a synthetic 10,000-document site in memory (da/sv/nb, 300–800 words per
//! document, Zipf-distributed pseudo-words plus real stop words), times `write_site_search`
//! and prints file count, bytes, and what a first query downloads.
//!
//! `cargo run --release -p search-index --example synthetic -- [docs] [out_dir]`
//! (default 10000 documents into a temporary directory). Peak memory:
//! `/usr/bin/time -v target/release/examples/synthetic`.
//! When `node` is on PATH, the real client also runs a few first queries (empty cache) and the
//! files it fetched are listed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use flate2::read::GzDecoder;
use search_index::{Document, Section, write_site_search};

const LANGUAGES: [&str; 3] = ["da", "sv", "nb"];
const KINDS: [&str; 5] = ["page", "principle", "role", "checklist", "contact"];
const VOCABULARY: usize = 40_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Language {
    code: &'static str,
    words: Vec<String>,
    /// Cumulative Zipf weights over `words`.
    cumulative: Vec<f64>,
    stop: Vec<&'static str>,
}

fn vocabulary(code: &str, rng: &mut Rng) -> Vec<String> {
    let onsets = [
        "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "st",
        "tr", "fr", "kr", "bl", "sp", "gr", "fl",
    ];
    let vowels: &[&str] = match code {
        "sv" => &["a", "e", "i", "o", "u", "y", "ä", "ö", "å"],
        _ => &["a", "e", "i", "o", "u", "y", "æ", "ø", "å"],
    };
    let codas = [
        "", "n", "r", "l", "d", "g", "s", "t", "nd", "ng", "st", "rk", "ld", "m",
    ];
    let suffixes: &[&str] = match code {
        "sv" => &[
            "", "", "a", "ar", "en", "et", "or", "ning", "het", "lig", "arna",
        ],
        "da" => &[
            "", "", "e", "er", "en", "et", "ene", "ing", "hed", "lig", "erne",
        ],
        _ => &[
            "", "", "e", "er", "en", "et", "ene", "ing", "het", "lig", "ene",
        ],
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(VOCABULARY);
    while out.len() < VOCABULARY {
        let mut w = String::new();
        for _ in 0..rng.range(1, 3) {
            w.push_str(onsets[rng.below(onsets.len())]);
            w.push_str(vowels[rng.below(vowels.len())]);
            w.push_str(codas[rng.below(codas.len())]);
        }
        w.push_str(suffixes[rng.below(suffixes.len())]);
        if w.chars().count() >= 3 && seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

impl Language {
    fn new(code: &'static str, rng: &mut Rng) -> Self {
        let words = vocabulary(code, rng);
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 2.7);
                total
            })
            .collect();
        let stop = search_index::stop_words(code).expect("language").to_vec();
        Language {
            code,
            words,
            cumulative,
            stop,
        }
    }
    fn word(&self, rng: &mut Rng) -> &str {
        // About a third of running text is stop words.
        if rng.below(100) < 35 {
            return self.stop[rng.below(self.stop.len())];
        }
        let total = *self.cumulative.last().expect("words");
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
    fn text(&self, rng: &mut Rng, n: usize) -> String {
        let mut out = String::new();
        let mut sentence = 0;
        for i in 0..n {
            let w = self.word(rng);
            if sentence == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(w);
            }
            sentence += 1;
            if i + 1 == n || (sentence > 6 && rng.below(8) == 0) {
                out.push_str(". ");
                sentence = 0;
            } else if rng.below(15) == 0 {
                out.push_str(", ");
            } else {
                out.push(' ');
            }
        }
        out.trim_end().to_string()
    }
}

fn generate(n: usize) -> (Vec<Document>, Vec<Language>) {
    let mut rng = Rng(20_260_821);
    let langs: Vec<Language> = LANGUAGES
        .iter()
        .map(|c| Language::new(c, &mut rng))
        .collect();
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let lang = &langs[i % langs.len()];
        let kind = KINDS[rng.below(KINDS.len())];
        let total_words = rng.range(300, 800);
        let num_sections = rng.range(3, 6);
        let mut sections = Vec::new();
        let mut left = total_words;
        for s in 0..num_sections {
            let words = if s + 1 == num_sections {
                left
            } else {
                (total_words / num_sections).min(left)
            };
            left -= words;
            let heading = if s == 0 {
                String::new()
            } else {
                {
                    let k = rng.range(2, 4);
                    lang.text(&mut rng, k).trim_end_matches('.').to_string()
                }
            };
            let anchor = heading
                .to_lowercase()
                .replace(|c: char| !c.is_alphanumeric(), "-");
            sections.push(Section {
                heading,
                anchor,
                text: lang.text(&mut rng, words),
                links: false,
            });
        }
        let tags = (0..rng.range(2, 5))
            .map(|_| lang.words[100 + rng.below(60)].clone())
            .collect();
        let title_words = rng.range(3, 7);
        let summary_words = rng.range(15, 30);
        docs.push(Document {
            url: format!("{}/{kind}/side-{i}/", lang.code),
            title: lang
                .text(&mut rng, title_words)
                .trim_end_matches('.')
                .to_string(),
            kind: kind.to_string(),
            language: lang.code.to_string(),
            tags,
            summary: lang.text(&mut rng, summary_words),
            sections,
            stale: false,
            group: String::new(),
            ..Default::default()
        });
    }
    (docs, langs)
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(std::fs::File::open(path).expect("open"))
        .read_to_end(&mut out)
        .expect("gunzip");
    out
}

fn dir_stats(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (f, b) = dir_stats(&path);
            files += f;
            bytes += b;
        } else {
            files += 1;
            bytes += entry.metadata().expect("metadata").len();
        }
    }
    (files, bytes)
}

/// Bytes of manifest + shards that a query for `words` needs in `lang`.
fn query_bytes(search_dir: &Path, lang: &str, query: &str) -> (u64, usize) {
    let manifest_path = search_dir.join(lang).join("manifest.bin");
    let manifest: serde_json::Value =
        serde_json::from_slice(&gunzip(&manifest_path)).expect("manifest JSON");
    let keys: Vec<&str> = manifest["shards"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|k| k.as_str().expect("key"))
        .collect();
    let build = manifest["build"].as_str().expect("build");
    let mut shards: Vec<usize> = search_index::analyze(lang, query)
        .expect("analyze")
        .iter()
        .map(|t| keys.partition_point(|k| k.as_bytes() <= t.as_bytes()) - 1)
        .collect();
    shards.sort();
    shards.dedup();
    let mut bytes = std::fs::metadata(&manifest_path).expect("manifest").len();
    for s in &shards {
        bytes += std::fs::metadata(search_dir.join(lang).join(build).join(format!("t{s}.bin")))
            .expect("shard")
            .len();
    }
    (bytes, shards.len())
}

/// CPU time (user + system) of this process so far, in seconds (Linux; 0 elsewhere). The
/// machine may be shared, so CPU time is reported beside wall time.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(rest) = stat.rsplit(')').next() else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the ")"; 100 ticks/s.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let temp;
    let site: PathBuf = match args.get(1) {
        Some(dir) => PathBuf::from(dir),
        None => {
            temp = std::env::temp_dir().join(format!("samspil-synthetic-{}", std::process::id()));
            temp.clone()
        }
    };
    let t0 = Instant::now();
    let (docs, langs) = generate(n);
    let words: usize = docs
        .iter()
        .map(|d| {
            d.sections
                .iter()
                .map(|s| s.text.split(' ').count())
                .sum::<usize>()
        })
        .sum();
    println!(
        "generated {} documents ({} words in sections) in {:.2} s",
        docs.len(),
        words,
        t0.elapsed().as_secs_f64()
    );

    let search_dir = site.join("search");
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    let stats = write_site_search(&docs, &languages, &search_dir).expect("write_site_search");
    let build_time = t1.elapsed().as_secs_f64();
    let (files, bytes) = dir_stats(&search_dir);
    let cpu = cpu_seconds() - c1;
    println!(
        "write_site_search: {build_time:.2} s wall, {cpu:.2} s CPU (user + system, all threads)"
    );
    println!(
        "output: {files} files, {bytes} bytes ({:.1} MiB)",
        bytes as f64 / 1048576.0
    );
    for l in &stats.languages {
        println!(
            "  {}: {} docs, {} terms, {} shards ({} B, avg {} B), {} fragment files ({} B, avg {} B), manifest {} B",
            l.language,
            l.docs,
            l.terms,
            l.shard_files,
            l.shard_bytes,
            l.shard_bytes / l.shard_files.max(1) as u64,
            l.fragment_files,
            l.fragment_bytes,
            l.fragment_bytes / l.fragment_files.max(1) as u64,
            l.manifest_bytes
        );
    }
    let module = search_index::client_module();
    let module_gz = {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(module.as_bytes()).expect("gzip");
        enc.finish().expect("gzip").len()
    };
    println!(
        "module samspil-search.js: {} B, {module_gz} B gzipped",
        module.len()
    );

    let da = &langs[0];
    let non_stop: Vec<&String> = da
        .words
        .iter()
        .filter(|w| !da.stop.contains(&w.as_str()))
        .collect();
    let one = [
        non_stop[0].as_str(),
        non_stop[300].as_str(),
        non_stop[5000].as_str(),
    ];
    let three = format!("{} {} {}", non_stop[20], non_stop[700], non_stop[9000]);
    for q in one.iter().copied().chain([three.as_str()]) {
        let (b, s) = query_bytes(&search_dir, "da", q);
        println!("query {q:?} (da): manifest + {s} shard(s) = {b} B");
    }

    if Command::new("node").arg("--version").output().is_ok() {
        let jobs: Vec<serde_json::Value> = one
            .iter()
            .copied()
            .chain([three.as_str()])
            .map(|q| serde_json::json!({ "q": q, "languages": ["da"], "limit": 10, "fresh": true }))
            .collect();
        let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-driver.mjs");
        let mut child = Command::new("node")
            .arg(driver)
            .arg(&site)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("stdin");
            stdin
                .write_all(&serde_json::to_vec(&jobs).expect("json"))
                .expect("write");
        }
        let t = Instant::now();
        let out = child.wait_with_output().expect("node output");
        let answers: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).expect("driver JSON");
        println!(
            "client in Node ({:.0} ms for {} first queries incl. start-up):",
            t.elapsed().as_secs_f64() * 1000.0,
            jobs.len()
        );
        for (job, answer) in jobs.iter().zip(&answers) {
            let fetched = answer["fetched"].as_array().expect("fetched");
            let data: u64 = fetched.iter().map(|f| f[1].as_u64().unwrap_or(0)).sum();
            let frags: Vec<u64> = fetched
                .iter()
                .filter(|f| {
                    f[0].as_str()
                        .and_then(|p| p.rsplit('/').next())
                        .is_some_and(|name| name.starts_with('d'))
                })
                .map(|f| f[1].as_u64().unwrap_or(0))
                .collect();
            let non_frag = data - frags.iter().sum::<u64>();
            let first_query = module_gz as u64 + non_frag + frags.first().copied().unwrap_or(0);
            println!(
                "  {:?}: {} results, fetched {} files / {data} B ({} fragment files); \
                 module gz + manifest + shards + one fragment file = {first_query} B ({:.1} KiB)",
                job["q"],
                answer["results"].as_array().map_or(0, Vec::len),
                fetched.len(),
                frags.len(),
                first_query as f64 / 1024.0
            );
        }
    }
    if args.get(1).is_none() {
        let _ = std::fs::remove_dir_all(&site);
    }
}
