//! Content: the model, and loading `content/` into it.
//!
//! Loading never stops at a bad file: each unreadable or malformed file becomes a notice and
//! the rest is still read, so that one run reports every problem.

pub mod cache;
pub mod coverage;
pub mod date;
pub mod equeue;
pub mod evidence;
pub mod fields;
pub mod geo;
pub mod hours;
pub mod i18n;
pub mod languages;
mod loader;
pub mod model;
pub mod recipe;
pub mod record;
pub mod reference;
pub mod rule_meta;
pub mod scope;
pub mod sides;
mod source_files;
pub mod sources;
pub mod state;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

pub use self::cache::{Changes, LoadCache};
pub use self::equeue::EQueue;
pub use self::fields::supportable_fields;
pub use self::geo::Geo;
use self::loader::Loader;
pub use self::model::*;
pub use self::record::{Record, Rule};
pub use self::reference::Reference;
pub use self::rule_meta::*;
pub use self::scope::Place;
pub use self::source_files::SourceFiles;
use crate::config::Config;
use crate::diagnostics::Notice;
use crate::yaml::Pos;

/// Everything in `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// The content folder.
    pub root: PathBuf,
    /// Site settings from `site.yaml`.
    pub config: Config,
    /// Checkpoints, sorted by id.
    pub checkpoints: Vec<Record<Checkpoint>>,
    /// Rule documents, sorted by id and language.
    pub rules: Vec<Rule>,
    /// Countries and regions.
    pub reference: Reference,
    /// Boundaries and gazetteer from `geo/` (absent files leave them empty).
    pub geo: Geo,
    /// The sources listed in `sources.yaml`.
    pub sources: Vec<sources::Source>,
    /// Interface strings per language, from `i18n/<lang>.yaml`.
    pub i18n: i18n::Translations,
    /// The text of every file read, for diagnostics.
    pub files: SourceFiles,
    /// Checkpoint ids, built on first use.
    ids: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl Content {
    /// The listed source a reference names, if any.
    pub fn listed_source(&self, reference: &SourceRef) -> Option<&sources::Source> {
        self.listed(&reference.source.as_ref()?.value)
    }

    /// The source `sources.yaml` lists under `id`, if any.
    pub fn listed(&self, id: &str) -> Option<&sources::Source> {
        self.sources.iter().find(|s| s.id.value == id)
    }

    /// The date a source reference's statements describe: its own `as_of`, else its listed
    /// source's.
    pub fn as_of(&self, reference: &SourceRef) -> Option<String> {
        let own = reference.as_of.as_ref().map(|d| d.value.clone());
        own.or_else(|| self.listed_source(reference).and_then(|l| l.as_of.as_ref().map(|d| d.value.clone())))
    }

    /// The newest `as_of` among the sources of `c` that support `field` (a top-level field).
    pub fn newest_as_of(&self, c: &Checkpoint, field: &str) -> Option<String> {
        let supports = |s: &&SourceRef| s.supports.iter().any(|f| f.value.split('.').next() == Some(field));
        let dated = c.sources.iter().filter(supports).filter_map(|s| self.as_of(s));
        dated.max_by_key(|d| date::Date::end_of_period(d))
    }

    /// The facts of `c` (top-level fields) whose newest source describes a date more than
    /// `stale_after_days` before `today`, in field order. A source dated by year or month only
    /// counts from the period's first day: "2025" may describe January as well as December.
    pub fn stale_fields<'a>(&self, c: &'a Checkpoint, today: date::Date) -> Vec<&'a str> {
        let mut newest: std::collections::BTreeMap<&str, date::Date> = Default::default();
        for s in &c.sources {
            let Some(end) = self.as_of(s).as_deref().and_then(date::Date::start_of_period) else { continue };
            for field in &s.supports {
                let at = newest.entry(field.value.split('.').next().unwrap_or_default()).or_insert(end);
                *at = (*at).max(end);
            }
        }
        newest.into_iter().filter(|(_, end)| self.is_stale_on(*end, today)).map(|(f, _)| f).collect()
    }

    /// Whether a fact whose source describes up to `end` is older than `stale_after_days` on
    /// `today`.
    pub fn is_stale_on(&self, end: date::Date, today: date::Date) -> bool {
        today.days() - end.days() > i64::from(self.config.stale_after_days)
    }

    /// Whether a fact of `as_of` (a year, month or day) is older than `stale_after_days` on the
    /// build's date, counted from the first day of the period it names, as [`Self::stale_fields`].
    pub fn is_stale(&self, as_of: &str) -> bool {
        self.is_stale_as_of(as_of, date::Date::build_date())
    }

    /// Whether a fact of `as_of` is older than `stale_after_days` on `today`.
    pub fn is_stale_as_of(&self, as_of: &str, today: date::Date) -> bool {
        date::Date::is_older_than(as_of, self.config.stale_after_days, today)
    }

    /// Whether a checkpoint with `id` exists.
    pub fn has_checkpoint(&self, id: &str) -> bool {
        self.ids.get_or_init(|| self.checkpoints.iter().map(|c| c.data.id.value.clone()).collect()).contains(id)
    }
}

/// Content loaded from `files` (paths under `content/` and their text) in a temporary folder.
#[cfg(test)]
pub(crate) fn load_files(files: &[(&str, &str)]) -> Content {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("checkpoints")).expect("the checkpoints folder");
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).expect("a content file");
    }
    let loaded = load(dir.path()).expect("content");
    // Only the files given are checked: the rest (reference data, translations) is absent.
    let given = |n: &&Notice| files.iter().any(|(path, _)| n.path.ends_with(path));
    let errors: Vec<_> = loaded.notices.iter().filter(given).collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded.content
}

/// Content and the problems met while reading it.
#[derive(Debug)]
pub struct Loaded {
    /// What could be read.
    pub content: Content,
    /// What could not, or not wholly.
    pub notices: Vec<Notice>,
    /// How many checkpoint and rule files were read, those that could not be parsed included.
    pub files_read: FilesRead,
}

/// How many files of each kind a load read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilesRead {
    /// Checkpoint files.
    pub checkpoints: usize,
    /// Rule documents.
    pub rules: usize,
}

/// Read everything under `root`. Fails only when `root` itself cannot be read.
pub fn load(root: &Path) -> anyhow::Result<Loaded> {
    load_with(root, None, None)
}

/// [`load`], but of the checkpoint files only `focus` (names in `checkpoints/`) and the files
/// they name as the same place or share an id with; the ids of all the others are still known,
/// so links to them resolve. For checking a few files of a large folder quickly.
pub fn load_focused(root: &Path, focus: &[String]) -> anyhow::Result<Loaded> {
    load_with(root, None, Some(focus))
}

/// [`load`], but reading again only the checkpoint files that changed since the previous load
/// through `cache` (see [`cache`]); [`LoadCache::changes`] then tells what changed. A load that
/// fails leaves the cache as it was.
pub fn load_cached(root: &Path, cache: &mut LoadCache) -> anyhow::Result<Loaded> {
    load_with(root, Some(cache), None)
}

fn load_with(root: &Path, cache: Option<&mut LoadCache>, focus: Option<&[String]>) -> anyhow::Result<Loaded> {
    let started = std::time::SystemTime::now();
    if !root.is_dir() {
        bail!("content folder `{}` not found: run from the project's root or pass --content DIR", root.display());
    }
    let canonical_root =
        root.canonicalize().with_context(|| format!("cannot resolve the content folder `{}`", root.display()))?;
    let mut loader = Loader::new(canonical_root, cache.is_some());

    let config =
        loader.read_yaml::<Config>(&root.join("site.yaml"), fields::struct_fields::<Config>()).unwrap_or_default();
    for required in ["reference/countries.yaml", "reference/regions.yaml"] {
        if !root.join(required).exists() {
            loader.notices.push(
                Notice::error(&root.join(required), Pos::new(1, 1), "missing_reference", "reference data is missing")
                    .hint(
                        "country and region codes cannot be checked without it: restore the file from the repository",
                    ),
            );
        }
    }
    let reference = Reference {
        countries: loader
            .read_yaml::<reference::CountryList>(&root.join("reference/countries.yaml"), &[])
            .map(|l| l.countries)
            .unwrap_or_default(),
        regions: loader
            .read_yaml::<reference::RegionList>(&root.join("reference/regions.yaml"), &[])
            .map(|l| l.regions)
            .unwrap_or_default(),
    };
    let sources = loader
        .read_yaml::<sources::SourcesFile>(&root.join(sources::FILE), fields::struct_fields::<sources::Source>())
        .map(|s| s.sources)
        .unwrap_or_default();

    let geo = loader.read_geo(root);
    let translations = i18n::load(&mut loader, root, &config);

    let listed = loader.list(&root.join("checkpoints"), "yaml")?;
    let all_ids: Option<std::collections::HashSet<String>> =
        focus.map(|_| listed.iter().map(|p| loader::file_stem(p)).collect());
    let paths = match focus {
        Some(names) => focused_paths(&loader, &listed, names),
        None => listed,
    };
    // Records go straight into one vector (a second one would hold them twice for a moment).
    let mut outcomes = Vec::new();
    let (records, texts): (Vec<_>, Vec<_>) = match cache.as_deref() {
        Some(cache) => {
            let (records, (texts, read)): (Vec<_>, (Vec<_>, _)) = paths
                .par_iter()
                .map(|path| {
                    let (file, outcome) = cache.read(&loader, path, started);
                    (file.record, ((file.text, file.notices), outcome))
                })
                .collect();
            outcomes = read;
            (records, texts)
        }
        None => paths
            .par_iter()
            .map(|path| {
                let file = loader.read_checkpoint(path);
                (file.record, (file.text, file.notices))
            })
            .collect(),
    };
    for (path, (text, notices)) in paths.iter().zip(texts) {
        loader.files.add(path, &text);
        loader.notices.extend(notices);
    }
    #[expect(clippy::filter_map_identity, reason = "unlike `flatten`, `filter_map` collects in place")]
    let mut checkpoints: Vec<Record<Checkpoint>> = records.into_iter().filter_map(|record| record).collect();
    // Unstable: no two records share a path, and a stable sort would take a buffer of them.
    checkpoints.sort_unstable_by(|a, b| (&a.data.id.value, &a.path).cmp(&(&b.data.id.value, &b.path)));

    let mut rules = Vec::new();
    let rule_paths = loader.list(&root.join("rules"), "md")?;
    let files_read = FilesRead { checkpoints: paths.len(), rules: rule_paths.len() };
    for path in rule_paths {
        if let Some(rule) = loader.read_rule(&path, &config.default_language) {
            rules.push(rule);
        }
    }
    rules.sort_by(|a, b| (&a.id, &a.lang, &a.path).cmp(&(&b.id, &b.lang, &b.path)));
    if let Some(cache) = cache {
        cache.commit(&paths, outcomes, loader.take_digest().unwrap_or_default());
    }

    let content = Content {
        root: root.to_path_buf(),
        config,
        checkpoints,
        rules,
        reference,
        geo,
        sources,
        i18n: translations,
        files: loader.files,
        ids: all_ids.map(std::sync::OnceLock::from).unwrap_or_default(),
    };
    Ok(Loaded { content, notices: loader.notices, files_read })
}

/// The checkpoint files of `listed` named in `focus`, and those their records point at: the
/// files of the checkpoints they name in `same_place`, and of an id they take that is not their
/// own file's name (a second file with that id is a duplicate).
fn focused_paths(loader: &Loader, listed: &[PathBuf], focus: &[String]) -> Vec<PathBuf> {
    let by_name = |name: &str| listed.iter().find(|p| p.file_name().and_then(|n| n.to_str()) == Some(name));
    let mut paths: Vec<PathBuf> = focus.iter().filter_map(|name| by_name(name)).cloned().collect();
    let mut linked = Vec::new();
    for path in &paths {
        let Some(record) = loader.read_checkpoint(path).record else { continue };
        let ids = record.data.same_place.iter().map(|s| s.value.as_str()).chain([record.data.id.value.as_str()]);
        linked.extend(ids.filter_map(|id| by_name(&format!("{id}.yaml"))).cloned());
    }
    paths.extend(linked);
    paths.sort_unstable();
    paths.dedup();
    paths
}
