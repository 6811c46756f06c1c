//! Search in a portable copy opened from disk (`file://`), where browsers refuse `fetch` and
//! module `import()`: each data file `X.bin` is written a second time as `X.bin.js`, a classic
//! script that hands the same bytes to the client (`samspilSearchData(path, base64)`), and the
//! client comes as one classic script too, `samspil-search-classic.js` (`js/classic.js`,
//! bundled by build.rs). Same files, same bytes, so the same results as over HTTP.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::site::{MODULE_FILE, Sink};

/// The classic script beside `samspil-search.js`: sets `globalThis.samspilSearch`.
pub const CLASSIC_MODULE_FILE: &str = "samspil-search-classic.js";

/// The text of [`CLASSIC_MODULE_FILE`].
pub fn classic_module() -> &'static str {
    include_str!(concat!(env!("OUT_DIR"), "/samspil-search-classic.js"))
}

/// The classic script that delivers the data file `rel` (below `search/`) holding `bytes`.
pub fn data_script(rel: &str, bytes: &[u8]) -> String {
    // A path of the format is ASCII letters, digits, `-`, `.` and `/`: JSON-quoting it is
    // enough to make it a JavaScript string.
    let path = serde_json::to_string(rel).expect("a string serializes");
    format!(
        "samspilSearchData({path},\"{}\");\n",
        STANDARD.encode(bytes)
    )
}

/// A [`Sink`] that writes what the search writes and, beside it, what a copy opened from disk
/// needs: the `.bin.js` twin of every data file, and the classic client with the module.
pub struct PortableSink<'a>(pub &'a dyn Sink);

impl Sink for PortableSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write(rel, bytes)?;
        if rel == MODULE_FILE {
            self.0
                .write(CLASSIC_MODULE_FILE, classic_module().as_bytes())?;
        } else if rel.ends_with(".bin") {
            self.0
                .write(&format!("{rel}.js"), data_script(rel, bytes).as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_scripts_carry_the_bytes_as_base64() {
        assert_eq!(
            data_script("da/0123456789abcdef/t0.bin", &[0x1f, 0x8b, 0, 255]),
            "samspilSearchData(\"da/0123456789abcdef/t0.bin\",\"H4sA/w==\");\n"
        );
    }

    #[test]
    fn the_classic_script_is_no_module() {
        let s = classic_module();
        assert!(s.starts_with("(function () {"));
        assert!(s.contains("globalThis.samspilSearch = {"));
        for module_syntax in ["import.meta", "import(", "\nexport "] {
            assert!(!s.contains(module_syntax), "{module_syntax}");
        }
    }
}
