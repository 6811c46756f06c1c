//! `write_site_search`: builds every language's index and writes the static search files.

use std::fs;
use std::path::Path;

use crate::analyzer::{LanguageSpec, language_spec};
use crate::codec::{Fnv64, gzip, put_varint};
use crate::compounds::add_parts;
use crate::facets::{best_bets, facet_file};
use crate::fragments::{docs_per_fragment, fragment_json};
use crate::index::{build, indexed_docs};
use crate::manifest::{Manifest, ManifestField};
use crate::schema::{FIELD_BOOSTS, FIELD_NAMES};
use crate::shards::{IndexDump, RawShard, SHARD_TARGET_BYTES, cut_shards, read_index};
use crate::{
    Document, Error, FORMAT_VERSION, LAZY_MODULES, LanguageStats, SearchStats, client_module,
};

/// The module's file name in `out_dir`.
pub const MODULE_FILE: &str = "samspil-search.js";

/// gzip levels (zlib-rs). Shards: level 6, which on these small files comes out 0.9 % smaller
/// than level 9 (3.77 against 3.80 MB for the 10,000-page corpus) and costs about half the
/// time. Fragments are most of the bytes to compress; level 4 is within 0.5 % of level 9 there
/// at about half the time (level 3: +0.5 %, level 2: +4 %, no faster in the whole build).
const SHARD_LEVEL: u32 = 6;
const FRAGMENT_LEVEL: u32 = 4;
/// The groups file is small and fetched only by "search all languages".
const GROUP_LEVEL: u32 = 9;
const GROUP_FILE: &str = "g.bin";
/// The facets file is fetched only when a reader filters, sorts by date or sees counts.
const FACET_LEVEL: u32 = 9;
const FACET_FILE: &str = "f.bin";

/// Everything one language writes, in memory, before it goes to disk.
pub(crate) struct LanguageOutput {
    pub manifest: Manifest,
    /// gzip of the manifest JSON.
    pub manifest_bytes: Vec<u8>,
    /// (file name inside `<lang>/<build>/`, gzip bytes), shards then fragments.
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: LanguageStats,
}

/// The fragment files of one language: (gzip bytes per file, documents per file).
fn encode_fragments(docs: &[&Document]) -> Result<(Vec<Vec<u8>>, usize), Error> {
    let per = docs_per_fragment(docs);
    let files = docs
        .chunks(per)
        .map(|chunk| Ok(gzip(&fragment_json(chunk)?, FRAGMENT_LEVEL)?))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((files, per))
}

/// Builds `language`'s index and encodes its files (no disk access).
pub(crate) fn build_language(language: &str, docs: &[Document]) -> Result<LanguageOutput, Error> {
    let spec = language_spec(language)?;
    let docs_in_order = indexed_docs(language, docs);
    let (dump, fragment_files, per) = index_with_fragments(language, docs, &docs_in_order)?;
    let group_raw = group_file(docs, &docs_in_order);
    let docs = docs_in_order;
    if docs.len() != dump.num_docs as usize {
        return Err(Error::Invariant("index and document list differ".into()));
    }

    // The build hash covers the format, every data file in order, then the manifest.
    let mut hash = Fnv64::new();
    hash.update(&FORMAT_VERSION.to_le_bytes());
    let shards = cut_shards(&dump.terms, SHARD_TARGET_BYTES);
    let fragments = fragment_files.len() as u32;
    let mut data = data_files(&shards, fragment_files, &mut hash)?;
    let groups = gzip(&group_raw, GROUP_LEVEL)?;
    hash.update(&groups);
    data.group_bytes = groups.len() as u64;
    data.files.push((GROUP_FILE.to_string(), groups));
    let facets = gzip(&facet_file(&docs)?, FACET_LEVEL)?;
    hash.update(&facets);
    data.facet_bytes = facets.len() as u64;
    data.files.push((FACET_FILE.to_string(), facets));
    let mut manifest = manifest(language, &spec, &dump, &docs, &shards, per, fragments);
    manifest.best = best_bets(language, &docs)?;
    hash.update(&serde_json::to_vec(&manifest)?);
    manifest.build = hash.hex();
    let manifest_bytes = gzip(&serde_json::to_vec(&manifest)?, 9)?;
    let stats = LanguageStats {
        language: language.to_string(),
        docs: docs.len(),
        terms: dump.terms.len(),
        shard_files: shards.len(),
        fragment_files: fragments as usize,
        manifest_bytes: manifest_bytes.len() as u64,
        shard_bytes: data.shard_bytes,
        fragment_bytes: data.fragment_bytes,
        group_bytes: data.group_bytes,
        facet_bytes: data.facet_bytes,
        build: manifest.build.clone(),
    };
    Ok(LanguageOutput {
        manifest,
        manifest_bytes,
        files: data.files,
        stats,
    })
}

/// Indexes `docs` and reads the index back, while another thread encodes the fragment
/// files (they come from the documents alone). Returns the index, the fragment files and
/// the documents per fragment.
fn index_with_fragments(
    language: &str,
    docs: &[Document],
    docs_in_order: &[&Document],
) -> Result<(IndexDump, Vec<Vec<u8>>, usize), Error> {
    let (dump, fragments) = std::thread::scope(|scope| {
        let fragments = scope.spawn(|| encode_fragments(docs_in_order));
        let dump = build(language, docs, false)
            .and_then(|index| read_index(&index))
            .and_then(|mut dump| {
                add_parts(language, &mut dump)?;
                Ok(dump)
            });
        let fragments = fragments
            .join()
            .unwrap_or_else(|_| Err(Error::Invariant("fragment thread panicked".into())));
        (dump, fragments)
    });
    let (dump, (fragment_files, per)) = (dump?, fragments?);
    Ok((dump, fragment_files, per))
}

/// The translation groups of one language's documents (`FORMAT.md`, "Groups"): per doc id,
/// 1 + the index of its group in the sorted list of all groups of the site (every language),
/// or 0 for a document without one. The same item has the same number in every language.
fn group_file(all: &[Document], docs: &[&Document]) -> Vec<u8> {
    let groups: std::collections::BTreeSet<&str> = all
        .iter()
        .map(|d| d.group.as_str())
        .filter(|g| !g.is_empty())
        .collect();
    let index: std::collections::HashMap<&str, u32> = groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| (g, i as u32 + 1))
        .collect();
    let mut out = Vec::with_capacity(docs.len() * 2 + 4);
    put_varint(&mut out, docs.len() as u32);
    for d in docs {
        put_varint(&mut out, index.get(d.group.as_str()).copied().unwrap_or(0));
    }
    out
}

/// One language's data files, named, with their sizes.
struct DataFiles {
    /// (file name inside `<lang>/<build>/`, gzip bytes), shards then fragments.
    files: Vec<(String, Vec<u8>)>,
    shard_bytes: u64,
    fragment_bytes: u64,
    group_bytes: u64,
    facet_bytes: u64,
}

/// Compresses the shards and names every data file, feeding each into `hash` in file order.
fn data_files(
    shards: &[RawShard],
    fragment_files: Vec<Vec<u8>>,
    hash: &mut Fnv64,
) -> Result<DataFiles, Error> {
    let mut files = Vec::new();
    let mut shard_bytes = 0u64;
    for (i, shard) in shards.iter().enumerate() {
        let gz = gzip(&shard.bytes, SHARD_LEVEL)?;
        hash.update(shard.key.as_bytes());
        hash.update(&[0]);
        hash.update(&gz);
        shard_bytes += gz.len() as u64;
        files.push((format!("t{i}.bin"), gz));
    }
    let mut fragment_bytes = 0u64;
    for (i, gz) in fragment_files.into_iter().enumerate() {
        hash.update(&gz);
        fragment_bytes += gz.len() as u64;
        files.push((format!("d{i}.bin"), gz));
    }
    Ok(DataFiles {
        files,
        shard_bytes,
        fragment_bytes,
        group_bytes: 0,
        facet_bytes: 0,
    })
}

/// The manifest without its build hash, which covers the manifest itself and is set after.
fn manifest(
    language: &str,
    spec: &LanguageSpec,
    dump: &IndexDump,
    docs: &[&Document],
    shards: &[RawShard],
    per: usize,
    fragments: u32,
) -> Manifest {
    Manifest {
        format: FORMAT_VERSION,
        language: language.to_string(),
        stemmer: spec.stemmer.to_string(),
        build: String::new(),
        docs: dump.num_docs,
        k1: 1.2f32.to_bits(),
        b: 0.75f32.to_bits(),
        fields: FIELD_NAMES
            .iter()
            .zip(FIELD_BOOSTS)
            .zip(dump.avg_fieldnorms)
            .map(|((name, boost), avg)| ManifestField {
                name: name.to_string(),
                boost,
                avg: avg.to_bits(),
            })
            .collect(),
        stopwords: spec.stop_words.iter().map(|w| w.to_string()).collect(),
        variants: spec.variants,
        kinds: kind_ranges(docs),
        shards: shards.iter().map(|s| s.key.clone()).collect(),
        fragment_docs: per as u32,
        fragments,
        best: Vec::new(),
    }
}

/// `(kind, first doc id, end doc id)` for each run of one kind; documents are in index
/// order, grouped by kind.
fn kind_ranges(docs: &[&Document]) -> Vec<(String, u32, u32)> {
    let mut kinds: Vec<(String, u32, u32)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        match kinds.last_mut() {
            Some(last) if last.0 == doc.kind => last.2 = id as u32 + 1,
            _ => kinds.push((doc.kind.clone(), id as u32, id as u32 + 1)),
        }
    }
    kinds
}

/// Where the search files go: a `/`-separated path below the search folder and its bytes.
/// The site build passes its output (a folder, memory or nothing), so every file it publishes
/// goes through one writer and is counted once.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;
}

/// Builds each language's index from `docs` and writes into `out_dir` (`<public>/search`):
/// `samspil-search.js`, and per language `<lang>/manifest.bin` plus `<lang>/<build>/t*.bin`
/// (term shards) and `<lang>/<build>/d*.bin` (document fragments). Older build directories
/// under `<lang>/` are removed. Output is byte-identical for identical input.
pub fn write_site_search(
    docs: &[Document],
    languages: &[String],
    out_dir: &Path,
) -> Result<SearchStats, Error> {
    write_into_dir(docs, languages, out_dir, false)
}

/// [`write_site_search`] for a portable copy: with the classic client and the `.bin.js` twin of
/// every data file (see [`crate::PortableSink`]).
pub fn write_portable_site_search(
    docs: &[Document],
    languages: &[String],
    out_dir: &Path,
) -> Result<SearchStats, Error> {
    write_into_dir(docs, languages, out_dir, true)
}

fn write_into_dir(
    docs: &[Document],
    languages: &[String],
    out_dir: &Path,
    portable: bool,
) -> Result<SearchStats, Error> {
    fs::create_dir_all(out_dir)?;
    let dir = DirSink(out_dir);
    let stats = if portable {
        write_site_search_to(docs, languages, &crate::PortableSink(&dir))?
    } else {
        write_site_search_to(docs, languages, &dir)?
    };
    for l in &stats.languages {
        remove_old_builds(&out_dir.join(&l.language), &l.build)?;
    }
    Ok(stats)
}

/// Builds each language's index from `docs` and hands every file to `sink`, with the same names
/// as [`write_site_search`]: per language, data files first, then the manifest that points at
/// them (a server showing the files meanwhile never serves a manifest whose files are missing).
pub fn write_site_search_to(
    docs: &[Document],
    languages: &[String],
    sink: &dyn Sink,
) -> Result<SearchStats, Error> {
    let mut unique: Vec<&str> = Vec::new();
    for l in languages {
        language_spec(l)?;
        if !unique.contains(&l.as_str()) {
            unique.push(l);
        }
    }
    let module = client_module();
    sink.write(MODULE_FILE, module.as_bytes())?;
    // Beside it: the client imports these by name, relative to its own URL.
    let mut lazy_module_bytes = 0;
    for (name, text) in LAZY_MODULES {
        sink.write(name, text.as_bytes())?;
        lazy_module_bytes += text.len() as u64;
    }
    // Languages are independent: each is built and written in its own thread, so one
    // language's files are written while another is still indexing.
    let results: Vec<Result<LanguageStats, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = unique
            .iter()
            .map(|l| scope.spawn(move || write_language(build_language(l, docs)?, sink)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Invariant("indexing thread panicked".into())))
            })
            .collect()
    });
    Ok(SearchStats {
        languages: results.into_iter().collect::<Result<Vec<_>, Error>>()?,
        module_bytes: module.len() as u64,
        lazy_module_bytes,
    })
}

fn write_language(output: LanguageOutput, sink: &dyn Sink) -> Result<LanguageStats, Error> {
    let lang = &output.manifest.language;
    let build = &output.manifest.build;
    for (name, bytes) in &output.files {
        sink.write(&format!("{lang}/{build}/{name}"), bytes)?;
    }
    sink.write(&format!("{lang}/manifest.bin"), &output.manifest_bytes)?;
    Ok(output.stats)
}

/// Writes into a folder, leaving files that already hold the same bytes alone.
struct DirSink<'a>(&'a Path);

impl Sink for DirSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_if_changed(&path, bytes)
    }
}

/// Writes `bytes` to `path` unless the file already holds exactly them: a rebuild of unchanged
/// content then leaves the files (and their timestamps) alone instead of rewriting thousands
/// of them, which is slow on file systems that flush truncated files on close.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(meta) = fs::metadata(path)
        && meta.len() == bytes.len() as u64
        && fs::read(path)? == bytes
    {
        return Ok(());
    }
    fs::write(path, bytes)?;
    Ok(())
}

/// Removes `<lang>/<hash>/` directories of earlier builds (names of 16 hex digits only, so
/// nothing else in the directory is touched).
fn remove_old_builds(lang_dir: &Path, keep: &str) -> Result<(), Error> {
    for entry in fs::read_dir(lang_dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_build = name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if is_build && name != keep && entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}
