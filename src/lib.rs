//! `crossings`: a reference of Kazakhstan's border crossings, and the tool that keeps it true.
//!
//! One module per pipeline stage: [`content`] loads, [`ingest`] updates it from sources, [`validate`] checks, [`render`] builds the
//! site, [`serve`] previews it while editing; [`site`] is the pipeline `build`, `validate` and `serve` run. [`yaml`] is the only module that knows the YAML crate; [`diagnostics`] are the notices
//! every stage reports; [`fs`] reads and writes files, naming the path in every error.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fs;
pub mod ingest;
pub mod render;
pub mod serve;
pub mod site;
pub mod timing;
pub mod translit;
pub mod validate;
pub mod yaml;
