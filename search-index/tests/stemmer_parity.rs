//! The browser stems query words with `js/snowball.js`; the index was stemmed by tantivy's
//! `Stemmer` (frostem's Snowball code). A query only finds what it should if both give the very
//! same stem, so this test runs both over every word of the bundled content and the Debian word
//! lists (wdanish, wswedish, wnorwegian, wamerican, wbritish) and requires them to agree on every
//! single word.
//!
//! Needs `node` on PATH. Word lists are optional unless `SAMSPIL_REQUIRE_WORDLISTS=1`.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
};

struct Case {
    /// The code `snowballStem` takes.
    code: &'static str,
    language: Language,
    /// Content files `*.<code>.md` that are analyzed with this stemmer.
    content_codes: &'static [&'static str],
    /// (path, Debian package) of the word lists.
    word_lists: &'static [(&'static str, &'static str)],
    /// The stemmer only ever cuts a word's end (the client's excerpts rely on it for these).
    truncating: bool,
}

const CASES: &[Case] = &[
    Case {
        code: "da",
        language: Language::Danish,
        content_codes: &["da"],
        word_lists: &[("/usr/share/dict/danish", "wdanish")],
        truncating: true,
    },
    Case {
        code: "sv",
        language: Language::Swedish,
        content_codes: &["sv"],
        word_lists: &[("/usr/share/dict/swedish", "wswedish")],
        truncating: true,
    },
    Case {
        code: "nb",
        language: Language::Norwegian,
        content_codes: &["nb", "nn", "no"],
        // tantivy has one Norwegian stemmer, used for nn too, so Nynorsk is checked as well.
        word_lists: &[
            ("/usr/share/dict/bokmaal", "wnorwegian"),
            ("/usr/share/dict/nynorsk", "wnorwegian"),
        ],
        truncating: true,
    },
    Case {
        code: "en",
        language: Language::English,
        content_codes: &["en"],
        word_lists: &[
            ("/usr/share/dict/american-english", "wamerican"),
            ("/usr/share/dict/british-english", "wbritish"),
        ],
        // Porter2 rewrites endings ("happy" -> "happi", "ational" -> "ate").
        truncating: false,
    },
];

/// Words that exercise the corners of the Snowball runtime rather than the language: too short
/// for `hop 3`, apostrophes (p1 and the final "'" rule), combining marks, non-BMP letters,
/// letters outside every grouping, and suffixes right at the p1 boundary.
const EDGE_WORDS: &str = "a ab abc ' '' 's a's bil's bilens' o'neill d'arc rock'n'roll igst vigst \
    løst fullt höst kröst hetslov erte ert kers skapers havers rs ers aers straße strasse ﬁsk \
    İstanbul a\u{30a}rene ka\u{308}rlek 𝐀bers 日本語 ßen æøå åäö øst ætt ett matt kvitet alitet \
    rakets upphetsade 123 12s 1990erne x2s ΣΟΦΟΣ \
    skis skies sky idly gently ugly early only singly news howe atlas cosmos bias andes \
    generously communism arsenal past pasted universal organization yelling yyy ayy byyy \
    'yes y's dying lying tying eying hopping hoping luxuriating succeeded proceeded exceeded \
    agreed feed bled inning outing canning herring earring evening cries ties gases gaps kiwis \
    sses caresses ponies ties' 'tis it's ogi ogist geologist analogies fulli lessli dances \
    conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli \
    analogousli vietnamization predication operator feudalism decisiveness hopefulness \
    callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti \
    electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable \
    defensible irritant replacement adjustment dependent adoption homologou communism activate \
    angulariti homologous effective bowdlerize probate rate cease controll rolling tapas \
    café naïve résumé façade";

fn lowercaser() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

fn first_token(analyzer: &mut TextAnalyzer, text: &str) -> String {
    let mut stream = analyzer.token_stream(text);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        String::new()
    }
}

/// All `*.md` files under `dir`, recursively.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every token of the bundled content in this language, as the index sees it before stemming.
fn content_words(case: &Case) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    let mut words = BTreeSet::new();
    for file in files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if !case
            .content_codes
            .iter()
            .any(|code| name.ends_with(&format!(".{code}.md")))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            words.insert(stream.token().text.clone());
        }
    }
    words
}

/// The word list's lines, lowercased. wswedish and wnorwegian ship ISO-8859-1, wdanish UTF-8.
fn word_list(path: &str) -> Option<BTreeSet<String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect());
    let mut lower = lowercaser();
    Some(
        text.lines()
            .filter(|line| !line.is_empty())
            .map(|line| first_token(&mut lower, line))
            .collect(),
    )
}

fn check_node() {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`node` was not found on PATH: the JS stemmer parity test needs Node.js 20 or newer"
    );
}

/// Stems `words` with js/snowball.js in node, one output line per input line.
fn js_stems(code: &str, words: &[&str]) -> Vec<String> {
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stem-driver.mjs");
    let mut child = Command::new("node")
        .arg(&driver)
        .arg(code)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cannot start node");
    let input = words.join("\n");
    let mut stdin = child.stdin.take().expect("node stdin");
    // Write from another thread: node answers only after reading everything, but a full
    // stdout pipe must not block our writes either.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut output = String::new();
    child
        .stdout
        .take()
        .expect("node stdout")
        .read_to_string(&mut output)
        .expect("node printed invalid UTF-8");
    writer
        .join()
        .expect("writer thread")
        .expect("cannot write to node");
    let status = child.wait().expect("node did not finish");
    assert!(status.success(), "stem-driver.mjs failed: {status}");
    output.split('\n').map(str::to_string).collect()
}

#[test]
fn js_snowball_matches_tantivy_stemmer() {
    check_node();
    let require_lists = std::env::var("SAMSPIL_REQUIRE_WORDLISTS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for case in CASES {
        let started = Instant::now();
        let mut words = content_words(case);
        let content_count = words.len();
        let mut list_count = 0;
        for (path, package) in case.word_lists {
            match word_list(path) {
                Some(list) => {
                    list_count += list.len();
                    words.extend(list);
                }
                None if require_lists => {
                    panic!("word list {path} missing: apt-get install {package}")
                }
                None => eprintln!(
                    "WARNING: word list {path} missing (apt-get install {package}): \
                     checked only content words"
                ),
            }
        }
        let mut lower = lowercaser();
        words.extend(
            EDGE_WORDS
                .split_whitespace()
                .map(|w| first_token(&mut lower, w)),
        );
        words.remove("");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();

        let mut stemmer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(case.language))
            .build();
        let expected: Vec<String> = words.iter().map(|w| first_token(&mut stemmer, w)).collect();
        let actual = js_stems(case.code, &words);
        assert_eq!(
            actual.len(),
            words.len(),
            "{}: node returned {} stems for {} words",
            case.code,
            actual.len(),
            words.len()
        );

        let diffs: Vec<usize> = (0..words.len())
            .filter(|&i| expected[i] != actual[i])
            .collect();
        println!(
            "{}: compared {} words ({} from content, {} from word lists, plus edge cases): \
             {} differences ({:.1?})",
            case.code,
            words.len(),
            content_count,
            list_count,
            diffs.len(),
            started.elapsed()
        );
        for &i in diffs.iter().take(20) {
            println!(
                "  {}: {:?} tantivy {:?} js {:?}",
                case.code, words[i], expected[i], actual[i]
            );
        }
        if !diffs.is_empty() {
            failures.push(format!("{}: {} differences", case.code, diffs.len()));
        }
        // The client's excerpts stem only words that start with a marked term (client.js,
        // `marked`): exact only because these stemmers never do more than cut a word's end.
        let not_prefix: Vec<usize> = (0..words.len())
            .filter(|&i| !words[i].starts_with(expected[i].as_str()))
            .collect();
        for &i in not_prefix.iter().take(20) {
            println!(
                "  {}: stem {:?} is not a prefix of {:?}",
                case.code, expected[i], words[i]
            );
        }
        if case.truncating && !not_prefix.is_empty() {
            failures.push(format!(
                "{}: {} stems are not a prefix of their word",
                case.code,
                not_prefix.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "JS stems differ from tantivy's: {}",
        failures.join(", ")
    );
}
