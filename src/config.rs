//! Site settings: `content/site.yaml`.

use serde::Deserialize;

/// The site's settings; every field has a default so a bare content folder builds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's title.
    pub title: String,
    /// One sentence on what the site is.
    pub description: String,
    /// The address the site is published at, ending in `/` (for canonical URLs and the sitemap).
    pub base_url: String,
    /// The repository's web page.
    pub repository_url: String,
    /// Base of "edit this page" links; the file's path under `content/` is appended.
    pub edit_url: String,
    /// Languages the site is published in.
    pub languages: Vec<String>,
    /// The language of pages at the site's root.
    pub default_language: String,
    /// Warn when `last_verified` is older than this many days.
    pub stale_after_days: u32,
    /// The licence of the content and data exports.
    pub licence: String,
    /// Warn when a checkpoint lies farther than this from the border it is on.
    pub border_distance_km: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "Kazakhstan border crossings".to_string(),
            description: String::new(),
            base_url: "http://localhost/".to_string(),
            repository_url: String::new(),
            edit_url: String::new(),
            languages: vec!["en".to_string()],
            default_language: "en".to_string(),
            stale_after_days: 365,
            licence: String::new(),
            border_distance_km: 60.0,
        }
    }
}
