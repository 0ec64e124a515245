//! `crossings validate`: check all content and report every problem. Writes nothing.

mod checkpoints;
mod common;
mod hours;
pub mod keys;
mod near_duplicates;
pub mod translations;
pub use crate::diagnostics as notice;
pub mod report;
mod rules;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use self::common::Settings;
pub use self::report::{Format, Report};
use crate::content::{Changes, Content, LoadCache, Loaded};

/// Load `content_dir` and check it. Fails only when the folder cannot be read at all.
pub fn validate_dir(content_dir: &Path, settings: Settings) -> anyhow::Result<(Content, Report)> {
    let loaded = crate::timing::phase("load", || crate::content::load(content_dir))?;
    Ok(check_loaded(loaded, settings))
}

/// [`validate_dir`], and the interface strings the templates in `templates_dir` use checked
/// against the translation files (skipped when there is no such folder).
pub fn validate_site(
    content_dir: &Path,
    templates_dir: &Path,
    settings: Settings,
) -> anyhow::Result<(Content, Report)> {
    let loaded = crate::timing::phase("load", || crate::content::load(content_dir))?;
    check_site(loaded, templates_dir, settings)
}

/// [`validate_site`], loading through `cache`: only the checkpoint files that changed since the
/// previous call with the same cache are read again. Also returns what changed since then.
pub fn validate_site_cached(
    content_dir: &Path,
    templates_dir: &Path,
    settings: Settings,
    cache: &mut LoadCache,
) -> anyhow::Result<(Content, Report, Changes)> {
    let loaded = crate::timing::phase("load", || crate::content::load_cached(content_dir, cache))?;
    crate::timing::note(|| {
        format!("load read {} checkpoint files, reused {}", cache.files_read(), cache.files_reused())
    });
    let (content, report) = check_site(loaded, templates_dir, settings)?;
    Ok((content, report, cache.changes().clone()))
}

/// The files `crossings validate PATH...` was given, by kind.
#[derive(Debug, Default)]
struct Focus {
    /// File names in `checkpoints/`.
    checkpoints: Vec<String>,
    /// File names in `rules/`.
    rules: Vec<String>,
}

impl Focus {
    /// The checkpoint and rule files among `paths`, or `None` when one of them is another kind
    /// of content (settings, sources, translations), on which everything may depend.
    fn of(content_dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Option<Focus>> {
        let folder = |name: &str| content_dir.join(name).canonicalize().ok();
        let (checkpoints, rules) = (folder("checkpoints"), folder("rules"));
        let mut focus = Focus::default();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let parent = parent.canonicalize().with_context(|| format!("cannot find `{}`", path.display()))?;
            if Some(&parent) == checkpoints.as_ref() && name.ends_with(".yaml") {
                focus.checkpoints.push(name);
            } else if Some(&parent) == rules.as_ref() && name.ends_with(".md") {
                focus.rules.push(name);
            } else if parent.starts_with(content_dir.canonicalize()?) {
                return Ok(None);
            } else {
                anyhow::bail!(
                    "`{}` is not in the content folder `{}`: give checkpoint or rule files from it",
                    path.display(),
                    content_dir.display()
                );
            }
        }
        Ok(Some(focus))
    }

    /// Whether `path` is one of the given files.
    fn holds(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let folder = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
        match folder {
            Some("checkpoints") => self.checkpoints.iter().any(|n| n == name),
            Some("rules") => self.rules.iter().any(|n| n == name),
            _ => false,
        }
    }
}

/// Check the checkpoint and rule files `paths` of `content_dir` and what depends on them
/// (a duplicate id, the records they name as the same place, links to checkpoints), reading
/// only those of the checkpoint files. Reports the notices on those files and those that point
/// at them. A path to other content (settings, sources, translations) checks everything.
pub fn validate_paths(content_dir: &Path, paths: &[PathBuf], settings: Settings) -> anyhow::Result<(Content, Report)> {
    let Some(focus) = Focus::of(content_dir, paths)? else {
        return validate_dir(content_dir, settings);
    };
    let loaded = crate::timing::phase("load", || crate::content::load_focused(content_dir, &focus.checkpoints))?;
    let (content, report) = check_loaded(loaded, settings);
    let concerns = |n: &notice::Notice| focus.holds(&n.path) || n.related.iter().any(|r| focus.holds(&r.path));
    let notices = report.notices.into_iter().filter(concerns).collect();
    Ok((content, Report::new(notices, report.checkpoints, report.rules)))
}

fn check_loaded(Loaded { content, mut notices, files_read }: Loaded, settings: Settings) -> (Content, Report) {
    let checked = crate::timing::phase("check", || check(&content, settings));
    notices.extend(without_consequences(checked, &notices));
    let report = Report::new(notices, files_read.checkpoints, files_read.rules);
    (content, report)
}

fn check_site(loaded: Loaded, templates_dir: &Path, settings: Settings) -> anyhow::Result<(Content, Report)> {
    let (mut content, report) = check_loaded(loaded, settings);
    if !templates_dir.is_dir() {
        return Ok((content, report));
    }
    let mut notices = report.notices;
    notices.extend(keys::check_usage(&mut content, templates_dir)?);
    Ok((content, Report::new(notices, report.checkpoints, report.rules)))
}

/// Every semantic problem in loaded content.
pub fn check(content: &Content, settings: Settings) -> Vec<notice::Notice> {
    let mut notices = Vec::new();
    checkpoints::check_all(content, settings, &mut notices);
    near_duplicates::check_all(content, &mut notices);
    rules::check_all(content, settings, &mut notices);
    translations::check_all(content, &mut notices);
    if let Err(e) = crate::content::equeue::terms(&content.root) {
        let path = content.root.join(crate::content::equeue::TERMS_FILE);
        notices.push(notice::Notice::error(&path, crate::yaml::Pos::new(1, 1), "bad_e_queue_terms", format!("{e:#}")));
    }
    notices
}

/// The semantic notices `checked` less those about an entry the loader set aside to read the
/// rest of its file (a `lat` that is not a number makes "only one of lat and lon" too): the
/// mistake is reported once, where it is.
fn without_consequences(checked: Vec<notice::Notice>, loaded: &[notice::Notice]) -> Vec<notice::Notice> {
    let set_aside: Vec<(&Path, &str)> = loaded
        .iter()
        .filter(|n| n.severity == notice::Severity::Error && !n.field.is_empty())
        .map(|n| (n.path.as_path(), n.field.as_str()))
        .collect();
    if set_aside.is_empty() {
        return checked;
    }
    let related = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}.")) || b.starts_with(&format!("{a}."));
    let follows = |n: &notice::Notice| {
        !n.field.is_empty() && set_aside.iter().any(|(path, field)| *path == n.path && related(&n.field, field))
    };
    checked.into_iter().filter(|n| !follows(n)).collect()
}
