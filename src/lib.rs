//! `crossings`: a reference of Kazakhstan's border crossings, and the tool that keeps it true.
//!
//! One module per pipeline stage: [`content`] loads, [`validate`] checks, [`render`] builds the
//! site. [`yaml`] is the only module that knows the YAML crate.

pub mod cli;
pub mod config;
pub mod content;
pub mod geocode;
pub mod render;
pub mod translit;
pub mod validate;
pub mod yaml;
