//! `content/sources.yaml`: the listed sources, where each one's material is, its kept
//! snapshot and its recipe. One model for every stage: pages cite the sources, validate checks
//! what records cite, ingest reads the material by the recipe.

use serde::Deserialize;

use super::recipe::{HtmlRecipe, JsonRecipe, TsvRecipe};
use crate::yaml::Spanned;

/// The file, relative to the content folder.
pub const FILE: &str = "sources.yaml";

/// `sources.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    /// The sources, in the order their facts take precedence.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// One source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Id that records cite.
    pub id: Spanned<String>,
    /// What the material is.
    #[serde(default)]
    pub title: Option<String>,
    /// Anything an editor should know about it.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the material is published (http or https).
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// A file inside the content folder, for material ingest does not fetch.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Where material read from `path` was published, for readers (never fetched).
    #[serde(default)]
    pub published_url: Option<Spanned<String>>,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// The date its statements describe (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): its publication
    /// or "as of" date, as the material itself gives it.
    #[serde(default)]
    pub as_of: Option<Spanned<String>>,
    /// What the source gives: `checkpoints`, `rules` or both (checked against the recipe).
    #[serde(default)]
    pub yields: Vec<Yield>,
    /// The kept copy (none for a digest, which is itself content).
    #[serde(default)]
    pub snapshot: Snapshot,
    /// The recipe for an HTML page.
    #[serde(default)]
    pub html: Option<HtmlRecipe>,
    /// The recipe for a tab-separated table.
    #[serde(default)]
    pub tsv: Option<TsvRecipe>,
    /// The recipe for a JSON document (a register's API answer).
    #[serde(default)]
    pub json: Option<JsonRecipe>,
    /// An editors' digest (`path` to a YAML file under `digests/`): see `digests/README.md`.
    #[serde(default)]
    pub digest: Option<DigestRecipe>,
    /// The title and publisher as pages in other languages give them, by language.
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, SourceNames>,
}

/// A listed source's title and publisher in one language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceNames {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
}

/// How to read an editors' digest: it says everything itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestRecipe {}

/// The kept copy of a source's material, and its provenance.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The file, relative to the content folder, under `snapshots/`.
    pub path: Spanned<String>,
    /// When the material was retrieved (RFC 3339, UTC).
    #[serde(default)]
    pub retrieved: Option<Spanned<String>>,
    /// SHA-256 of the file's bytes, in hex.
    #[serde(default)]
    pub sha256: Option<Spanned<String>>,
    /// The character set the bytes are in.
    #[serde(default)]
    pub charset: Option<Spanned<String>>,
    /// True when the file is a reconstruction, not a copy of what was published.
    #[serde(default)]
    pub reconstruction: bool,
    /// How the copy was made.
    #[serde(default)]
    pub note: Option<String>,
}

/// What a source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Yield {
    /// Checkpoint records.
    Checkpoints,
    /// Rule documents.
    Rules,
}

/// The kind of material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page.
    Html,
    /// A tab-separated table.
    Tsv,
    /// A JSON document.
    Json,
}

impl Source {
    /// The kind of material, from the recipe given.
    pub fn kind(&self) -> Kind {
        match (&self.tsv, &self.json) {
            (Some(_), _) => Kind::Tsv,
            (_, Some(_)) => Kind::Json,
            _ => Kind::Html,
        }
    }

    /// Its title and publisher for a `lang` page: the ones given in `names` for `lang`, else
    /// the default language's; with the language they are in.
    pub fn named_in<'a>(&'a self, lang: &'a str, default: &'a str) -> (&'a str, Option<&'a str>, &'a str) {
        let title = self.title.as_deref().unwrap_or_default();
        match self.names.get(lang) {
            Some(n) => (
                n.title.as_deref().unwrap_or(title),
                n.publisher.as_deref().or(self.publisher.as_deref()),
                if n.title.is_some() || n.publisher.is_some() { lang } else { default },
            ),
            None => (title, self.publisher.as_deref(), default),
        }
    }

    /// The date (YYYY-MM-DD) the snapshot was retrieved, if recorded.
    pub fn retrieved_date(&self) -> Option<String> {
        self.snapshot.retrieved.as_ref().and_then(|r| r.value.get(..10)).map(str::to_string)
    }
}
