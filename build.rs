//! The default theme and the `init` sites are embedded with `include_dir!`, which on stable
//! Rust does not tell cargo which files it read: without this, editing a template or site.js
//! and running `cargo build` would keep the old theme in the binary.

fn main() {
    for dir in ["themes/default", "src/init/site", "src/init/layered-site"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
