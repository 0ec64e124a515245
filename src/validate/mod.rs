//! Checking loaded content and reporting every problem. Writes nothing, and reads only the
//! templates (for the interface strings they use): the pipeline ([`crate::site::Site`]) loads
//! the content and hands it here.

mod checkpoints;
mod common;
mod hours;
pub mod keys;
mod near_duplicates;
pub mod translations;
pub use crate::diagnostics as notice;
pub mod report;
mod rule_text;
mod rules;
mod state;

use std::path::Path;

pub use self::common::Settings;
pub use self::report::{Format, Report};
use crate::content::{Content, Loaded};

/// Check loaded content: the loader's notices (files that cannot be read or parsed), then every
/// semantic problem, less those that only follow from an entry the loader set aside.
pub fn check_loaded(Loaded { content, mut notices, files_read }: Loaded, settings: Settings) -> (Content, Report) {
    let checked = crate::timing::phase("check", || check(&content, settings));
    notices.extend(without_consequences(checked, &notices));
    let report = Report::new(notices, files_read.checkpoints, files_read.rules);
    (content, report)
}

/// `report` and the problems of the interface strings the templates in `templates_dir` use,
/// checked against the translation files (the templates' texts join `content.files`).
pub fn check_templates(content: &mut Content, report: Report, templates_dir: &Path) -> anyhow::Result<Report> {
    let mut notices = report.notices;
    notices.extend(keys::check_usage(content, templates_dir)?);
    Ok(Report::new(notices, report.checkpoints, report.rules))
}

/// Every semantic problem in loaded content.
pub fn check(content: &Content, settings: Settings) -> Vec<notice::Notice> {
    let mut notices = Vec::new();
    checkpoints::check_all(content, settings, &mut notices);
    state::check_digest_dates(content, &mut notices);
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
