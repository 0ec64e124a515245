//! Site settings: `content/site.yaml`.

use serde::Deserialize;

/// The site's settings; every field has a default so a bare content folder builds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's title: one text, or one per language.
    pub title: SiteText,
    /// One sentence on what the site is: one text, or one per language.
    pub description: SiteText,
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
    /// The licence of the content and data exports: one text, or one per language.
    pub licence: SiteText,
    /// Warn when a checkpoint lies farther than this from the border it is on.
    pub border_distance_km: f64,
    /// The checkpoint opposite places a record only when it lies within this of Kazakhstan's
    /// border line (a railway station inland does not).
    pub opposite_distance_km: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: SiteText::One("Kazakhstan border crossings".to_string()),
            description: SiteText::default(),
            base_url: "http://localhost/".to_string(),
            repository_url: String::new(),
            edit_url: String::new(),
            languages: vec!["en".to_string()],
            default_language: "en".to_string(),
            stale_after_days: 365,
            licence: SiteText::default(),
            border_distance_km: 60.0,
            opposite_distance_km: 25.0,
        }
    }
}

/// A setting shown on pages: one text for every language, or a text per language code.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum SiteText {
    /// The same text in every language.
    One(String),
    /// A text per language code (`en: ...`, `ru: ...`).
    PerLanguage(std::collections::BTreeMap<String, String>),
}

impl Default for SiteText {
    fn default() -> SiteText {
        SiteText::One(String::new())
    }
}

impl SiteText {
    /// The text in `lang`, else in `fallback`, else any.
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        match self {
            SiteText::One(text) => text,
            SiteText::PerLanguage(map) => {
                map.get(lang).or_else(|| map.get(fallback)).or_else(|| map.values().next()).map_or("", String::as_str)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_texts_are_one_or_per_language() {
        let one: SiteText = crate::yaml::from_str("Crossings").unwrap();
        assert_eq!(one.get("ru", "en"), "Crossings");
        let many: SiteText = crate::yaml::from_str("{en: Crossings, ru: Переходы}").unwrap();
        assert_eq!(many.get("ru", "en"), "Переходы");
        assert_eq!(many.get("kk", "en"), "Crossings");
    }
}
