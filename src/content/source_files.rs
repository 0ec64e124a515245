//! The text of every file read, so diagnostics can show the offending line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File texts by path.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    texts: BTreeMap<PathBuf, String>,
}

impl SourceFiles {
    /// Remember the text of `path`.
    pub fn insert(&mut self, path: &Path, text: &str) {
        self.texts.insert(path.to_path_buf(), text.to_string());
    }

    /// Take over the texts of `other`.
    pub fn extend(&mut self, other: SourceFiles) {
        self.texts.extend(other.texts);
    }

    /// The text of `path`, if it was read.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    /// Line `line` (1-based) of `path`, if it was read and has that line.
    pub fn line(&self, path: &Path, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text(path)?.lines().nth(index)
    }
}
