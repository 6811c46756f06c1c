//! `write_site_search`: builds every language's index and writes the static search files.

use std::fs;
use std::path::Path;

use crate::analyzer::language_spec;
use crate::codec::{Fnv64, gzip};
use crate::fragments::{docs_per_fragment, fragment_json};
use crate::index::{build_index, indexed_docs};
use crate::manifest::{Manifest, ManifestField};
use crate::schema::{FIELD_BOOSTS, FIELD_NAMES};
use crate::shards::{SHARD_TARGET_BYTES, cut_shards, read_index};
use crate::{Document, Error, FORMAT_VERSION, LanguageStats, SearchStats, client_module};

/// The module's file name in `out_dir`.
pub const MODULE_FILE: &str = "samspil-search.js";

/// Everything one language writes, in memory, before it goes to disk.
pub(crate) struct LanguageOutput {
    pub manifest: Manifest,
    /// gzip of the manifest JSON.
    pub manifest_bytes: Vec<u8>,
    /// (file name inside `<lang>/<build>/`, gzip bytes), shards then fragments.
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: LanguageStats,
}

/// Builds `language`'s index and encodes its files (no disk access).
pub(crate) fn build_language(language: &str, docs: &[Document]) -> Result<LanguageOutput, Error> {
    let spec = language_spec(language)?;
    let index = build_index(language, docs)?;
    let dump = read_index(&index)?;
    drop(index);
    let docs = indexed_docs(language, docs);
    if docs.len() != dump.num_docs as usize {
        return Err(Error::Invariant("index and document list differ".into()));
    }

    let mut files = Vec::new();
    let mut hash = Fnv64::new();
    hash.update(&FORMAT_VERSION.to_le_bytes());
    let shards = cut_shards(&dump.terms, SHARD_TARGET_BYTES);
    let mut shard_bytes = 0u64;
    for (i, shard) in shards.iter().enumerate() {
        let gz = gzip(&shard.bytes)?;
        hash.update(shard.key.as_bytes());
        hash.update(&[0]);
        hash.update(&gz);
        shard_bytes += gz.len() as u64;
        files.push((format!("t{i}.bin"), gz));
    }
    let per = docs_per_fragment(&docs);
    let mut fragment_bytes = 0u64;
    let mut fragments = 0u32;
    for (i, chunk) in docs.chunks(per).enumerate() {
        let gz = gzip(&fragment_json(chunk)?)?;
        hash.update(&gz);
        fragment_bytes += gz.len() as u64;
        files.push((format!("d{i}.bin"), gz));
        fragments += 1;
    }

    let mut kinds: Vec<(String, u32, u32)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        match kinds.last_mut() {
            Some(last) if last.0 == doc.kind => last.2 = id as u32 + 1,
            _ => kinds.push((doc.kind.clone(), id as u32, id as u32 + 1)),
        }
    }
    let mut manifest = Manifest {
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
        kinds,
        shards: shards.iter().map(|s| s.key.clone()).collect(),
        fragment_docs: per as u32,
        fragments,
    };
    hash.update(&serde_json::to_vec(&manifest)?);
    manifest.build = hash.hex();
    let manifest_bytes = gzip(&serde_json::to_vec(&manifest)?)?;
    let stats = LanguageStats {
        language: language.to_string(),
        docs: docs.len(),
        terms: dump.terms.len(),
        shard_files: shards.len(),
        fragment_files: fragments as usize,
        manifest_bytes: manifest_bytes.len() as u64,
        shard_bytes,
        fragment_bytes,
        build: manifest.build.clone(),
    };
    Ok(LanguageOutput {
        manifest,
        manifest_bytes,
        files,
        stats,
    })
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
    let mut unique: Vec<&str> = Vec::new();
    for l in languages {
        language_spec(l)?;
        if !unique.contains(&l.as_str()) {
            unique.push(l);
        }
    }
    // Languages are independent: build them side by side.
    let outputs: Vec<Result<LanguageOutput, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = unique
            .iter()
            .map(|l| scope.spawn(move || build_language(l, docs)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Invariant("indexing thread panicked".into())))
            })
            .collect()
    });

    // Nothing is written unless every language built.
    let outputs = outputs.into_iter().collect::<Result<Vec<_>, Error>>()?;
    fs::create_dir_all(out_dir)?;
    let module = client_module();
    fs::write(out_dir.join(MODULE_FILE), &module)?;
    let mut stats = SearchStats {
        languages: Vec::new(),
        module_bytes: module.len() as u64,
    };
    for output in outputs {
        let lang_dir = out_dir.join(&output.manifest.language);
        fs::create_dir_all(&lang_dir)?;
        remove_old_builds(&lang_dir, &output.manifest.build)?;
        let build_dir = lang_dir.join(&output.manifest.build);
        fs::create_dir_all(&build_dir)?;
        for (name, bytes) in &output.files {
            fs::write(build_dir.join(name), bytes)?;
        }
        fs::write(lang_dir.join("manifest.bin"), &output.manifest_bytes)?;
        stats.languages.push(output.stats);
    }
    Ok(stats)
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
