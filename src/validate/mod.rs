//! `crossings validate`: check all content and report every problem. Writes nothing.

mod checkpoints;
pub use checkpoints::unknown_fields;
mod common;
mod hours;
pub mod i18n;
pub mod keys;
pub mod notice;
pub mod report;
mod rules;

use std::path::Path;

pub use self::common::suggest_id;
pub use self::report::{Format, Report};
use crate::content::{Changes, Content, LoadCache, Loaded, date::Date};

/// What the checks compare against.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The day "in the future" and "too old" are measured from.
    pub today: Date,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { today: Date::today() }
    }
}

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

fn check_loaded(Loaded { content, mut notices }: Loaded, settings: Settings) -> (Content, Report) {
    notices.extend(crate::timing::phase("check", || check(&content, settings)));
    let report = Report::new(notices, content.checkpoints.len(), content.rules.len());
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
    rules::check_all(content, settings, &mut notices);
    i18n::check_all(content, &mut notices);
    notices
}
