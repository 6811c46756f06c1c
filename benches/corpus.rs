//! A synthetic corpus for benchmarks: N pages in da/sv/nb with realistic Nordic text (words
//! drawn from the bundled knowledge base), written as a samspil site and as a Hugo site with
//! the same pages. Deterministic: the same N gives the same files.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

pub const LANGS: [&str; 3] = ["da", "sv", "nb"];
const SECTIONS: [(&str, &str); 5] = [
    ("principles", "principle"),
    ("roles", "role"),
    ("checklists", "checklist"),
    ("contacts", "contact"),
    ("guidance", "page"),
];

/// xorshift: small, fast, reproducible.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Vocabulary per language, from the bundled content's Markdown bodies.
pub fn vocabulary(root: &Path) -> BTreeMap<&'static str, Vec<String>> {
    let mut v: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = e.file_name().to_string_lossy().into_owned();
        for l in LANGS {
            if name.ends_with(&format!(".{l}.md")) {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                let body = text.splitn(3, "---").nth(2).unwrap_or("");
                for w in body
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() > 1)
                {
                    v.entry(l).or_default().push(w.to_lowercase());
                }
            }
        }
    }
    for words in v.values_mut() {
        if words.is_empty() {
            words.extend(["frivillig", "kommune", "samarbejde", "borger"].map(String::from));
        }
    }
    v
}

fn sentence(rng: &mut Rng, words: &[String], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = &words[rng.below(words.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// One page body of 300–800 words with headings, paragraphs and lists.
fn body(rng: &mut Rng, words: &[String], checklist: bool) -> String {
    let target = 300 + rng.below(501);
    let mut out = String::new();
    let mut count = 0;
    while count < target {
        let n = 2 + rng.below(4);
        let _ = writeln!(
            out,
            "## {}\n",
            sentence(rng, words, n).trim_end_matches('.')
        );
        for _ in 0..1 + rng.below(3) {
            let n = 8 + rng.below(14);
            let mut para = Vec::new();
            for _ in 0..2 + rng.below(3) {
                para.push(sentence(rng, words, n));
                count += n;
            }
            let _ = writeln!(out, "{}\n", para.join(" "));
        }
        let marker = if checklist { "- [ ] " } else { "- " };
        for _ in 0..2 + rng.below(4) {
            let n = 4 + rng.below(8);
            let _ = writeln!(out, "{marker}{}", sentence(rng, words, n));
            count += n;
        }
        out.push('\n');
    }
    out
}

pub struct Stats {
    pub pages: usize,
    pub words: usize,
}

impl Stats {
    /// Reads "<pages> <words>", as the stamp file stores them.
    fn parse(line: &str) -> Option<Stats> {
        let (pages, words) = line.split_once(' ')?;
        Some(Stats {
            pages: pages.parse().ok()?,
            words: words.parse().ok()?,
        })
    }
}

/// Bump when the generator's output changes, so existing corpora are written again.
const CORPUS_VERSION: u32 = 2;

/// Writes `pages` pages (split evenly over the three languages) to `samspil_dir` and `hugo_dir`.
pub fn generate(root: &Path, pages: usize, samspil_dir: &Path, hugo_dir: &Path) -> Stats {
    // An existing corpus of the same size and version is kept: deleting 20,000 files right
    // before timing builds on the work disk slows file creation there for minutes (see
    // benches/README.md), and the generator would write the same bytes anyway.
    let stamp = samspil_dir.join(".corpus-stamp");
    let want = format!("version {CORPUS_VERSION}, {pages} pages\n");
    if let Ok(have) = std::fs::read_to_string(&stamp)
        && have.lines().next() == want.lines().next()
        && let Some(stats) = have.lines().nth(1).and_then(Stats::parse)
        && hugo_dir.join("hugo.toml").is_file()
    {
        return stats;
    }
    let vocab = vocabulary(root);
    let _ = std::fs::remove_dir_all(samspil_dir);
    let _ = std::fs::remove_dir_all(hugo_dir);
    let mut words = 0;
    let per_lang = pages / LANGS.len();
    std::fs::create_dir_all(samspil_dir.join("content")).expect("mkdir");
    std::fs::create_dir_all(hugo_dir.join("content")).expect("mkdir");
    std::fs::write(
        samspil_dir.join("samspil.yaml"),
        "title: Benchmark\nbase_url: https://kommune.dk/frivillig/\nlanguages: [da, sv, nb]\ndefault_language: da\n",
    )
    .expect("write config");
    write_hugo_site(hugo_dir);
    for (s, (section, kind)) in SECTIONS.iter().enumerate() {
        for l in LANGS {
            let idx = format!(
                "---\ntitle: \"{section} {l}\"\nslug: \"{section}\"\nweight: {s}\ndefault_kind: {kind}\n---\n"
            );
            write(
                &samspil_dir.join(format!("content/{section}/_index.{l}.md")),
                &idx,
            );
            write(
                &hugo_dir.join(format!("content/{section}/_index.{l}.md")),
                &format!("---\ntitle: \"{section} {l}\"\n---\n"),
            );
        }
    }
    for i in 0..per_lang {
        let (section, kind) = SECTIONS[i % SECTIONS.len()];
        for l in LANGS {
            let w = &vocab[l];
            // One seed per (page, language): every page gets its own text.
            let lang_index = LANGS.iter().position(|x| *x == l).unwrap_or(0) as u64;
            let mut rng = Rng::new(i as u64 * LANGS.len() as u64 + lang_index);
            let n = 2 + rng.below(3);
            let title = sentence(&mut rng, w, n).trim_end_matches('.').to_string();
            let summary = sentence(&mut rng, w, 12);
            let text = body(&mut rng, w, kind == "checklist");
            words += text.split_whitespace().count();
            let extra = match kind {
                "role" => {
                    "role:\n  responsibilities: [\"Støtter\"]\n  expectations: [\"Lytter\"]\n  limits: [\"Tavshedspligt\"]\n"
                }
                "contact" => {
                    "contact:\n  organisation: \"Kommune\"\n  phone: \"+45 70 00 00 00\"\n"
                }
                _ => "",
            };
            // The same front matter for both; samspil's adds the kind's own block.
            let common = format!(
                "---\ntitle: \"{title}\"\nsummary: \"{summary}\"\ntags: [\"t{}\", \"t{}\"]\nweight: {i}\n",
                i % 40,
                i % 17
            );
            let file = format!("content/{section}/p{i:05}.{l}.md");
            write(
                &samspil_dir.join(&file),
                &format!("{common}{extra}---\n{text}"),
            );
            write(&hugo_dir.join(&file), &format!("{common}---\n{text}"));
        }
    }
    let stats = Stats {
        pages: per_lang * LANGS.len(),
        words,
    };
    write(&stamp, &format!("{want}{} {}\n", stats.pages, stats.words));
    stats
}

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A Hugo site whose layouts produce comparable pages: header, language links, breadcrumbs,
/// table of contents, content, tags, previous/next; tag pages; sitemap with alternates.
fn write_hugo_site(dir: &Path) {
    write(
        &dir.join("hugo.toml"),
        "baseURL = 'https://kommune.dk/frivillig/'\ndefaultContentLanguage = 'da'\ndefaultContentLanguageInSubdir = true\n\
         [markup.goldmark.extensions]\n  strikethrough = true\n  table = true\n  taskList = true\n  footnote = true\n\
         [minify]\n  minifyOutput = true\n\
         [languages]\n  [languages.da]\n    weight = 1\n    languageName = 'Dansk'\n  [languages.sv]\n    weight = 2\n    languageName = 'Svenska'\n  [languages.nb]\n    weight = 3\n    languageName = 'Norsk bokmål'\n",
    );
    write(
        &dir.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"{{ .Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>\
         <link rel=\"canonical\" href=\"{{ .Permalink }}\">{{ range .Translations }}<link rel=\"alternate\" hreflang=\"{{ .Language.Lang }}\" href=\"{{ .Permalink }}\">{{ end }}</head>\
         <body><header><a href=\"{{ .Site.Home.RelPermalink }}\">{{ .Site.Title }}</a><nav>{{ range .Translations }}<a href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}</a>{{ end }}</nav>\
         <nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>",
    );
    write(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<nav>{{ with .Parent }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav><article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>\
         {{ .TableOfContents }}{{ .Content }}<p>{{ range .Params.tags }}<a href=\"{{ (urlize .) }}\">{{ . }}</a> {{ end }}</p>\
         {{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</article>{{ end }}",
    );
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}",
    );
}

/// `BENCH_PAGES` (default 10,000) and `BENCH_RUNS` (default 3), shared by the build benches.
pub fn settings() -> (usize, usize) {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    (var("BENCH_PAGES", 10_000), var("BENCH_RUNS", 3))
}
