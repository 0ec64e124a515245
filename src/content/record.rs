//! Records as read from their files: a checkpoint (or any typed record) with its path and file
//! name ([`Record`]), and a rule document with its front matter and Markdown body ([`Rule`]).

use std::path::PathBuf;

use super::model::RuleMeta;

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
