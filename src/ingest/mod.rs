//! `crossings ingest`: the sources in `content/sources.yaml` to normalised, merged YAML in
//! `content/`, never losing an editor's edit.
//!
//! The run takes five steps, one folder each, and a step uses only the steps before it: read the
//! sources' material ([`acquire`]: fetched, or from snapshots with `--offline`), extract
//! normalised candidates and rule drafts by recipe ([`extract`]), match candidates to records
//! ([`matching`]), combine what the sources say and merge that three ways with the files and
//! what ingest wrote last time ([`merge`]), then plan the files and write them all or none
//! ([`write`](mod@write)). `--check` stops before writing. The files at this level are this
//! driver, its [`report`], and what every step shares: [`sources`], [`names`], [`node`],
//! [`emit`].

mod acquire;
mod emit;
mod extract;
mod matching;
mod merge;
mod names;
mod node;
#[cfg(test)]
mod properties;
mod report;
pub mod sources;
#[cfg(test)]
mod tests;
mod write;

pub use self::acquire::fetch;
use self::extract::digest;
use self::extract::hours;
use self::extract::sections;
use self::extract::table;
use self::matching::assignment;
use self::matching::spelling;
use self::merge::provenance;
use self::write::plan;
use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use self::extract::candidate::Candidate;
use self::extract::sections::RuleDraft;
pub use self::report::Report;
use self::sources::SnapshotStamp;
use self::sources::Source;
use crate::content::{self, Reference};
use crate::diagnostics::Severity;

/// How a run fetches and what it may write.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Use only the snapshots; no network.
    pub offline: bool,
    /// Write nothing; report what differs.
    pub check: bool,
    /// Limits of requests.
    pub limits: fetch::Limits,
}

/// Run ingest on `content_dir`.
pub fn run(content_dir: &Path, options: &Options) -> anyhow::Result<Report> {
    let (file, sources_text) = sources::load(content_dir)?;
    let content = load_content(content_dir)?;
    let base = provenance::load(content_dir)?;
    let bar = progress_bar(file.sources.len() as u64);
    let mut read = read_all(content_dir, &file.sources, options, &content.reference, &bar)?;
    bar.set_message("merging");
    read.candidates.iter_mut().for_each(Candidate::add_romanised_aliases);
    read.candidates.iter_mut().for_each(Candidate::date_hours);
    let mut pool = assignment::pool(&content.checkpoints, &base.checkpoints);
    let assignment = matching::assign(&read.candidates, &mut pool);
    spelling::names_as_aliases(&mut read.candidates, &assignment, &pool);
    let mut plan = plan::Plan::default();
    let retrieved = |id: &str| read.retrieved.get(id).cloned().flatten();
    plan::checkpoints(&mut plan, &content, &base, &read.candidates, &assignment, &retrieved)?;
    plan::rules(&mut plan, &content, &base, read.drafts)?;
    plan_sources(&mut plan, content_dir, &sources_text, &read.stamps, read.snapshots)?;
    bar.finish_and_clear();
    if !options.check {
        write::remove_leftovers(content_dir)?;
        write::apply(&plan.writes)?;
    }
    Ok(Report {
        read: read.counts,
        matched: assignment.records.len() - assignment.created.len(),
        unresolved: assignment.unresolved,
        skipped: read.skipped,
        spellings: assignment.spellings,
        unread_hours: unread_hours(&read.candidates),
        deleted: assignment.deleted,
        plan,
        check: options.check,
    })
}

/// The hours ingest could not read, each with its source and entry, once.
fn unread_hours(candidates: &[Candidate]) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = candidates
        .iter()
        .filter_map(|c| {
            let text = c.hours.as_ref().filter(|h| hours::is_unread(h))?.source_text.clone()?;
            Some((c.source.clone(), c.label.clone(), text))
        })
        .collect();
    out.dedup();
    out
}

/// What the sources gave.
struct ReadSources<'a> {
    candidates: Vec<Candidate>,
    drafts: Vec<RuleDraft>,
    stamps: Vec<(&'a Source, SnapshotStamp)>,
    snapshots: Vec<(std::path::PathBuf, Vec<u8>)>,
    retrieved: BTreeMap<String, Option<String>>,
    counts: Vec<(String, usize, usize)>,
    skipped: Vec<table::SkippedRow>,
}

/// Read and extract every source, in order.
fn read_all<'a>(
    content_dir: &Path,
    sources: &'a [Source],
    options: &Options,
    reference: &Reference,
    bar: &ProgressBar,
) -> anyhow::Result<ReadSources<'a>> {
    let mut read = ReadSources {
        candidates: Vec::new(),
        drafts: Vec::new(),
        stamps: Vec::new(),
        snapshots: Vec::new(),
        retrieved: BTreeMap::new(),
        counts: Vec::new(),
        skipped: Vec::new(),
    };
    let sources_file = content_dir.join(sources::FILE);
    let mut client = None;
    for source in sources {
        let id = source.id.value.clone();
        bar.set_message(format!("reading {id}"));
        if source.digest.is_some() {
            let c = read_digest(content_dir, source, reference)?;
            read.counts.push((id, c.len(), 0));
            read.candidates.extend(c);
            bar.inc(1);
            continue;
        }
        let material = acquire::acquire(content_dir, source, options.offline, options.limits, &mut client)?;
        bar.set_message(format!("extracting {id}"));
        let at = sources::RecipeAt { file: &sources_file, source: &id };
        let (c, d, skipped) = extract_source(source, &material, at, reference)?;
        read.counts.push((id.clone(), c.len(), d.len()));
        read.skipped.extend(skipped);
        read.stamps.extend(material.stamp.map(|s| (source, s)));
        if let Some(bytes) = material.snapshot_bytes {
            read.snapshots.push((sources::content_path(content_dir, &source.snapshot.path.value)?, bytes));
        }
        read.retrieved.insert(id, material.retrieved);
        let as_of = source.as_of.as_ref().map(|d| d.value.clone());
        read.candidates.extend(c.into_iter().map(|c| Candidate { as_of: as_of.clone(), ..c }));
        read.drafts.extend(d);
        bar.inc(1);
    }
    Ok(read)
}

/// The candidates of a digest source (checked in `sources::load` to have a `path`).
fn read_digest(content_dir: &Path, source: &Source, reference: &Reference) -> anyhow::Result<Vec<Candidate>> {
    let relative = source.path.as_ref().map(|p| p.value.as_str()).unwrap_or_default();
    let path = sources::content_path(content_dir, relative)?;
    let text =
        crate::fs::read_to_string(&path).with_context(|| format!("the digest of source `{}`", source.id.value))?;
    digest::candidates(&path, &text, &source.id.value, reference)
}

/// Content as it is now; ingest refuses to merge into files it cannot read.
fn load_content(content_dir: &Path) -> anyhow::Result<content::Content> {
    let loaded = content::load(content_dir)?;
    let errors: Vec<String> = loaded
        .notices
        .iter()
        .filter(|n| n.severity == Severity::Error)
        .map(|n| format!("{}:{}: {}", n.path.display(), n.pos, n.message))
        .collect();
    if !errors.is_empty() {
        anyhow::bail!(
            "content has files ingest cannot read, so it could overwrite them; fix these first (`crossings validate` explains each):\n  {}",
            errors.join("\n  ")
        );
    }
    let mut content = loaded.content;
    content.geo.read_gazetteer(content_dir)?;
    Ok(content)
}

/// A source's candidates, rule drafts and table rows left out. Errors of a table's recipe
/// name its line in sources.yaml; others name the source.
fn extract_source(
    source: &Source,
    material: &acquire::Material,
    at: sources::RecipeAt,
    reference: &Reference,
) -> anyhow::Result<(Vec<Candidate>, Vec<RuleDraft>, Vec<table::SkippedRow>)> {
    let id = &source.id.value;
    let context = || format!("source `{id}` in sources.yaml");
    if let Some(recipe) = &source.html {
        let page = extract::parse_page(&material.text, recipe).with_context(context)?;
        let (candidates, skipped) = extract::html_candidates(&page, recipe, at, reference)?;
        let drafts = sections::rule_drafts(&page, recipe, id, material.retrieved.as_deref()).with_context(context)?;
        return Ok((candidates, drafts, skipped));
    }
    match &source.tsv {
        Some(recipe) => {
            Ok((extract::tsv_candidates(&material.text, recipe, id).with_context(context)?, Vec::new(), Vec::new()))
        }
        None => Ok((Vec::new(), Vec::new(), Vec::new())),
    }
}

/// Plan `sources.yaml` (new snapshot provenance), the snapshots, and `ingested.yaml`.
fn plan_sources(
    plan: &mut plan::Plan,
    content_dir: &Path,
    text: &str,
    stamps: &[(&Source, SnapshotStamp)],
    snapshots: Vec<(std::path::PathBuf, Vec<u8>)>,
) -> anyhow::Result<()> {
    let mut new_text = text.to_string();
    // Later sources first: lines added to one source's entry do not move those above it.
    for (source, stamp) in stamps.iter().rev() {
        new_text = sources::stamp(&new_text, source, stamp)?;
    }
    // Snapshots go first: a run killed before the records are written reads them again and
    // makes the same records; `ingested.yaml`, the merge's base, goes last, so it never says
    // ingest wrote what a file does not hold yet.
    let records = std::mem::take(&mut plan.writes);
    for (path, bytes) in snapshots {
        plan::file_if_changed(plan, &path, bytes, "snapshot")?;
    }
    plan.writes.extend(records);
    plan::file_if_changed(plan, &content_dir.join(sources::FILE), new_text.into_bytes(), "snapshot provenance")?;
    let provenance = provenance::render(&plan.provenance);
    plan::file_if_changed(plan, &content_dir.join(provenance::FILE), provenance.into_bytes(), "what ingest wrote")
}

/// A progress bar on a terminal; nothing when stderr is not one.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} sources {msg}") {
        bar.set_style(style);
    }
    bar
}
