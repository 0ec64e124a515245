//! Notices: every problem found in content, with where it is and what to do about it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::yaml::Pos;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The content cannot be published as it is.
    Error,
    /// Publishable, but something is missing or doubtful.
    Warning,
}

/// Another place a notice refers to (the first use of a duplicate id, say).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Related {
    /// The other file.
    pub path: PathBuf,
    /// Where in it.
    #[serde(flatten)]
    pub pos: Pos,
    /// What is there.
    pub label: String,
}

/// One problem in the content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Notice {
    /// The file, as a path from where the tool runs.
    pub path: PathBuf,
    /// Where in the file.
    #[serde(flatten)]
    pub pos: Pos,
    /// Error or warning.
    pub severity: Severity,
    /// Stable snake_case code, for scripts and for finding the rule's documentation.
    pub code: &'static str,
    /// The record's id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The field path, e.g. `location.lat`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Other places involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Notice {
    /// An error at `pos` in `path`.
    pub fn error(path: &Path, pos: Pos, code: &'static str, message: impl Into<String>) -> Notice {
        Notice {
            path: path.to_path_buf(),
            pos,
            severity: Severity::Error,
            code,
            record: None,
            field: String::new(),
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    /// A warning at `pos` in `path`.
    pub fn warning(path: &Path, pos: Pos, code: &'static str, message: impl Into<String>) -> Notice {
        Notice { severity: Severity::Warning, ..Notice::error(path, pos, code, message) }
    }

    /// This notice about `field`.
    pub fn field(mut self, field: impl Into<String>) -> Notice {
        self.field = field.into();
        self
    }

    /// This notice with a hint on what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Notice {
        self.hint = Some(hint.into());
        self
    }

    /// This notice about the record `id`.
    pub fn record(mut self, id: impl Into<String>) -> Notice {
        self.record = Some(id.into());
        self
    }

    /// This notice also pointing at another place.
    pub fn related(mut self, path: &Path, pos: Pos, label: impl Into<String>) -> Notice {
        self.related.push(Related { path: path.to_path_buf(), pos, label: label.into() });
        self
    }
}

/// "did you mean `x`?" for the candidate closest to `word`, if one is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        let fields = ["lat", "lon", "latitude_deg", "region"];
        assert_eq!(did_you_mean("regoin", fields).as_deref(), Some("did you mean `region`?"));
        assert_eq!(did_you_mean("zzzz", fields), None);
    }
}
