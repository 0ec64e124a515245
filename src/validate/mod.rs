//! `crossings validate`: check all content and report every problem. Writes nothing.

mod checkpoints;
pub use checkpoints::unknown_fields;
mod common;
pub mod notice;
pub mod report;
mod rules;

use std::path::Path;

pub use self::common::{SUPPORTABLE_FIELDS, suggest_id};
pub use self::report::{Format, Report};
use crate::content::{Content, Loaded, date::Date};

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
    let Loaded { content, mut notices } = crate::timing::phase("load", || crate::content::load(content_dir))?;
    notices.extend(crate::timing::phase("check", || check(&content, settings)));
    let report = Report::new(notices, content.checkpoints.len(), content.rules.len());
    Ok((content, report))
}

/// Every semantic problem in loaded content.
pub fn check(content: &Content, settings: Settings) -> Vec<notice::Notice> {
    let mut notices = Vec::new();
    checkpoints::check_all(content, settings, &mut notices);
    rules::check_all(content, settings, &mut notices);
    notices
}
