//! Records as read from their files: a checkpoint (or any typed record) with its path and file
//! name ([`Record`]), and a rule document with its front matter and Markdown body ([`Rule`]).

use std::path::PathBuf;

use super::model::{Border, Checkpoint};
use super::rule_meta::RuleMeta;
use super::scope::Place;

/// A record read from a file.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// The file, as a path from where the tool runs.
    pub path: PathBuf,
    /// The file name without its extensions.
    pub stem: String,
    /// What the file says.
    pub data: T,
}

/// A regulation document: front matter and Markdown body.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The file, as a path from where the tool runs.
    pub path: PathBuf,
    /// The document's id (file name without language and `.md`).
    pub id: String,
    /// The document's language (from `<id>.<lang>.md`; the default language otherwise).
    pub lang: String,
    /// The front matter.
    pub meta: RuleMeta,
    /// The Markdown body.
    pub body: String,
    /// The line of the file on which the body starts.
    pub body_line: u32,
}

impl Rule {
    /// Whether the rule applies at checkpoint `c` (a rule limited to nothing applies everywhere).
    pub fn applies_at(&self, c: &Checkpoint) -> bool {
        self.meta.applies_to.as_ref().is_none_or(|a| a.applies_at(c))
    }

    /// Whether the rule applies at some checkpoints on `border` (for the border's page).
    pub fn applies_on_border(&self, border: Border) -> bool {
        Place::all().into_iter().filter(|p| p.border == Some(border)).any(|p| self.applies_in(p))
    }

    /// Whether the rule applies at every checkpoint at `place`.
    pub fn applies_in(&self, place: Place) -> bool {
        self.meta.applies_to.as_ref().is_none_or(|a| a.applies_in(place))
    }
}
