//! samspil: a static site generator for a multilingual knowledge base.
//!
//! Data flows one way: [`content`] loads files → [`site`] validates and links them →
//! [`render`] turns them into HTML → `search_index` indexes them → [`output`] writes the
//! folder atomically. [`build`] drives the whole pipeline.

// A `Diagnostic` is the error type of every fallible step on user input. It is returned on
// cold paths only (the build stops and reports), so its size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod contact;
pub mod content;
pub mod diagnostics;
pub mod frontmatter;
pub mod i18n;
pub mod init;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod theme;
pub mod yaml;
