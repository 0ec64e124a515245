//! Rendering content into the static site.

pub mod markdown;
