//! `content/sources.yaml`: where each source's material is, its kept snapshot, and its recipe.
//!
//! Ingest rewrites only the snapshot's `retrieved`, `sha256` and `charset` values, in place, so
//! that the editors' comments and layout of the file survive.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::Deserialize;

use super::json_recipe::JsonRecipe;
use super::recipe::{HtmlRecipe, TsvRecipe};
use crate::yaml::{self, Spanned};

/// The file, relative to the content folder.
pub const FILE: &str = "sources.yaml";

/// `sources.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    /// The sources, in the order their facts take precedence.
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

    /// The date (YYYY-MM-DD) the snapshot was retrieved, if recorded.
    pub fn retrieved_date(&self) -> Option<String> {
        self.snapshot.retrieved.as_ref().and_then(|r| r.value.get(..10)).map(str::to_string)
    }
}

/// Read and check `content/sources.yaml`; returns it with its text.
pub fn load(content_dir: &Path) -> anyhow::Result<(SourcesFile, String)> {
    let path = content_dir.join(FILE);
    let text = crate::fs::read_to_string(&path).context("ingest needs the list of sources")?;
    let file: SourcesFile = yaml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: {} (run `crossings validate` and see README, \"Adding a source\")",
            path.display(),
            e.pos,
            e.message
        )
    })?;
    for source in &file.sources {
        check_source(&path, source)?;
    }
    let mut ids: Vec<&str> = file.sources.iter().map(|s| s.id.value.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        bail!("{}: two sources have the id `{}`: give each its own", path.display(), w[0]);
    }
    Ok((file, text))
}

fn check_source(file: &Path, s: &Source) -> anyhow::Result<()> {
    let at = |pos: yaml::Pos| format!("{}:{pos}: source `{}`", file.display(), s.id.value);
    if s.digest.is_some() {
        let Some(p) = &s.path else { bail!("{}: a digest is read from its `path` under `digests/`", at(s.id.pos)) };
        if s.url.is_some() || s.html.is_some() || s.tsv.is_some() || s.json.is_some() {
            bail!("{}: a digest gives `path` and `digest: {{}}` only", at(s.id.pos));
        }
        let path = content_path(Path::new(""), &p.value).with_context(|| at(p.pos))?;
        if !path.starts_with("digests") {
            bail!("{}: keep digests under `digests/`", at(p.pos));
        }
        return Ok(());
    }
    match (&s.url, &s.path) {
        (Some(_), Some(p)) => bail!("{}: give `url` or `path`, not both", at(p.pos)),
        (None, None) => bail!("{}: say where the material is, with `url` (http or https) or `path`", at(s.id.pos)),
        (None, Some(p)) => {
            content_path(Path::new(""), &p.value).with_context(|| at(p.pos))?;
        }
        (Some(_), None) => {}
    }
    if [s.html.is_some(), s.tsv.is_some(), s.json.is_some()].iter().filter(|g| **g).count() != 1 {
        bail!("{}: give exactly one recipe, `html`, `tsv`, `json` or `digest`", at(s.id.pos));
    }
    check_yields(s).with_context(|| at(s.id.pos))?;
    let snapshot = content_path(Path::new(""), &s.snapshot.path.value).with_context(|| at(s.snapshot.path.pos))?;
    if !snapshot.starts_with("snapshots") {
        bail!("{}: the snapshot must be kept under `snapshots/`", at(s.snapshot.path.pos));
    }
    Ok(())
}

/// `yields`, when given, must say what the recipe reads.
fn check_yields(s: &Source) -> anyhow::Result<()> {
    if s.yields.is_empty() {
        return Ok(());
    }
    let html = s.html.as_ref();
    let checkpoints =
        s.tsv.is_some() || s.json.is_some() || html.is_some_and(|h| !h.tables.is_empty() || !h.lists.is_empty());
    let rules = html.is_some_and(|h| !h.rules.is_empty());
    for (what, given, word) in [
        (Yield::Checkpoints, checkpoints, "tables, lists, a tsv or a json recipe"),
        (Yield::Rules, rules, "html.rules"),
    ] {
        if s.yields.contains(&what) != given {
            let say = if given { "yields does not list" } else { "yields lists" };
            bail!(
                "{say} `{}`, but the recipe has {}{word}",
                format!("{what:?}").to_lowercase(),
                if given { "" } else { "no " }
            );
        }
    }
    Ok(())
}

/// `relative` inside `content_dir`, refusing absolute paths and `..`.
pub fn content_path(content_dir: &Path, relative: &str) -> anyhow::Result<PathBuf> {
    let rel = Path::new(relative);
    if relative.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        bail!("`{relative}` must be a relative path inside the content folder, without `..`");
    }
    Ok(content_dir.join(rel))
}

/// Where a source's recipe is, for errors and reports: `content/sources.yaml:line:column:
/// source `id``.
#[derive(Debug, Clone, Copy)]
pub struct RecipeAt<'a> {
    /// `sources.yaml`'s path, as the user reads it.
    pub file: &'a Path,
    /// The source's id.
    pub source: &'a str,
}

impl RecipeAt<'_> {
    /// The recipe's place at `pos`, as a message starts.
    pub fn at(&self, pos: yaml::Pos) -> String {
        format!("{}:{pos}: source `{}`", self.file.display(), self.source)
    }

    /// An error at `pos` of the recipe.
    pub fn error(&self, pos: yaml::Pos, message: impl std::fmt::Display) -> anyhow::Error {
        anyhow::anyhow!("{}: {message}", self.at(pos))
    }
}

/// New snapshot provenance for one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotStamp {
    /// When retrieved (RFC 3339), or `None` to keep the recorded time.
    pub retrieved: Option<String>,
    /// SHA-256 of the bytes.
    pub sha256: String,
    /// Character set.
    pub charset: String,
}

/// `text` of sources.yaml with `source`'s snapshot values replaced (or added after `path:`).
pub fn stamp(text: &str, source: &Source, stamp: &SnapshotStamp) -> anyhow::Result<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let snap = &source.snapshot;
    let fields = [
        ("retrieved", &snap.retrieved, stamp.retrieved.as_deref()),
        ("sha256", &snap.sha256, Some(stamp.sha256.as_str())),
        ("charset", &snap.charset, Some(stamp.charset.as_str())),
    ];
    let mut inserts = Vec::new();
    for (key, old, new) in fields {
        let Some(new) = new else { continue };
        match old {
            Some(old) => replace_scalar(&mut lines, old, new)?,
            None => inserts.push(format!("{key}: {new}")),
        }
    }
    if !inserts.is_empty() {
        insert_after_path(&mut lines, source, inserts)?;
    }
    let out = lines.join("\n");
    let check: SourcesFile = yaml::from_str(&out).map_err(|e| {
        anyhow::anyhow!("recording the snapshot of `{}` would break sources.yaml ({})", source.id.value, e.message)
    })?;
    let recorded = check.sources.iter().find(|s| s.id.value == source.id.value).and_then(|s| s.snapshot.sha256.clone());
    if recorded.map(|r| r.value) != Some(stamp.sha256.clone()) {
        bail!(
            "cannot record the snapshot of `{}` in sources.yaml: write its values on lines of their own",
            source.id.value
        );
    }
    Ok(out)
}

/// Add `entries` as lines after the snapshot's `path:` line, at its indentation.
fn insert_after_path(lines: &mut Vec<String>, source: &Source, entries: Vec<String>) -> anyhow::Result<()> {
    let line_no = source.snapshot.path.pos.line as usize;
    let line = lines.get(line_no.wrapping_sub(1)).context("snapshot path position out of range")?;
    let key_col = line.find("path:").context("cannot find the snapshot's `path:` line in sources.yaml")?;
    if line[..key_col].contains('{') {
        bail!(
            "source `{}`: write its `snapshot` as a block (`path:` on a line of its own) so that ingest can add its provenance",
            source.id.value
        );
    }
    let indent = " ".repeat(line[..key_col].chars().count());
    for (i, entry) in entries.into_iter().enumerate() {
        lines.insert(line_no + i, format!("{indent}{entry}"));
    }
    Ok(())
}

fn replace_scalar(lines: &mut [String], old: &Spanned<String>, new: &str) -> anyhow::Result<()> {
    let line = lines.get_mut((old.pos.line as usize).wrapping_sub(1)).context("value position out of range")?;
    let start: usize =
        line.char_indices().nth(old.pos.column.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = rest.find(" #").unwrap_or(rest.len());
    if rest[..len].trim().trim_matches(['"', '\'']) != old.value {
        bail!("sources.yaml changed while ingest ran, or `{}` is not a one-line value; not updating it", old.value);
    }
    let trailing_ws = rest[..len].len() - rest[..len].trim_end().len();
    line.replace_range(start..start + len - trailing_ws, new);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# keep me\nsources:\n  - id: a\n    url: https://example.org/\n    snapshot:\n      \
                        path: snapshots/a.html  # the copy\n      sha256: abc\n    html: {}\n";

    #[test]
    fn stamps_in_place_keeping_comments() {
        let (file, _) = parse(TEXT);
        let new = SnapshotStamp {
            retrieved: Some("2026-01-02T03:04:05Z".into()),
            sha256: "def".into(),
            charset: "UTF-8".into(),
        };
        let out = stamp(TEXT, &file.sources[0], &new).unwrap();
        assert!(out.starts_with("# keep me\n"), "{out}");
        assert!(out.contains("      path: snapshots/a.html  # the copy\n      retrieved: 2026-01-02T03:04:05Z\n      charset: UTF-8\n      sha256: def\n"), "{out}");
        let (again, _) = parse(&out);
        assert_eq!(again.sources[0].snapshot.sha256.as_ref().unwrap().value, "def");
    }

    fn parse(text: &str) -> (SourcesFile, ()) {
        (yaml::from_str(text).unwrap(), ())
    }

    #[test]
    fn the_readme_example_is_a_valid_source() {
        let readme = include_str!("../../README.md");
        let section = readme.split("## Adding a source").nth(1).expect("README has \"Adding a source\"");
        let block = section.split("```yaml\n").nth(1).and_then(|b| b.split("```").next()).expect("a yaml block");
        let file: SourcesFile = yaml::from_str(&format!("sources:\n{block}")).unwrap();
        check_source(Path::new("sources.yaml"), &file.sources[0]).unwrap();
    }

    #[test]
    fn yields_must_agree_with_the_recipe() {
        let text = "sources:\n  - id: a\n    path: snapshots/a.tsv\n    yields: [rules]\n    snapshot: {path: snapshots/a.tsv}\n    \
                    tsv: {group_column: g, name_column: n, separators: [' - '], language: ru, groups: {}}\n";
        let (file, _) = parse(text);
        let e = check_source(Path::new("sources.yaml"), &file.sources[0]).unwrap_err();
        assert!(format!("{e:#}").contains("yields does not list `checkpoints`"), "{e:#}");
    }

    #[test]
    fn refuses_to_stamp_a_flow_mapping() {
        let text = "sources:\n  - id: a\n    url: https://example.org/\n    snapshot: {path: snapshots/a.html}\n    html: {}\n";
        let (file, _) = parse(text);
        let new = SnapshotStamp { retrieved: None, sha256: "def".into(), charset: "UTF-8".into() };
        let e = stamp(text, &file.sources[0], &new).unwrap_err();
        assert!(format!("{e:#}").contains("as a block"), "{e:#}");
    }

    #[test]
    fn refuses_paths_outside_content() {
        assert!(content_path(Path::new("c"), "../x").is_err());
        assert!(content_path(Path::new("c"), "/etc/passwd").is_err());
        assert!(content_path(Path::new("c"), "snapshots/x.html").is_ok());
    }
}
