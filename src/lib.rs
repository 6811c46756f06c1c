//! samspil: a static site generator for a multilingual knowledge base.
//!
//! Data flows one way, and [`build`] reads as its steps: [`content`] loads files →
//! [`site::assemble`] builds the model → the Markdown pass ([`markdown`]) stores each body on
//! its page → [`site::links`] and [`site::rules`] check it → [`site::routes`] plans every output
//! path → [`render`] turns them into HTML (and `search_index` indexes the text) → [`output`]
//! writes the folder atomically, keeps it in memory (serve) or discards it (check).
//!
//! Where things live: URLs and output paths in `site/routes.rs`; link checks in
//! `site/links.rs`; what samspil knows about a language in `languages.rs`; the slug rule in
//! `slug.rs`; UI text in the theme's `i18n/<lang>.yaml`.

// A `Diagnostic` is the error type of every fallible step on user input. It is returned on
// cold paths only (the build stops and reports), so its size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod brand;
pub mod build;
pub mod check;
pub mod config;
pub mod contact;
pub mod content;
pub mod diagnostics;
pub mod drift;
pub mod feed;
pub mod frontmatter;
pub mod i18n;
pub mod init;
pub mod json_ld;
pub mod languages;
pub mod layers;
pub mod limits;
pub mod lock;
pub mod markdown;
pub mod new;
pub mod offline;
pub mod output;
pub mod portable;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod slug;
pub mod theme;
pub mod translations;
mod walk;
pub mod xml;
pub mod yaml;
