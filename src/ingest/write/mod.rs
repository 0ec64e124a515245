//! Writing: the whole run's files are planned in memory, then written in two phases (every
//! file to a temporary file beside it, then all renamed, in the plan's order), so an error
//! leaves `content/` as it was and a reader never sees half a file. A run killed midway leaves
//! temporary files, which the next run removes.

pub mod plan;

use std::path::{Path, PathBuf};

use super::emit;
use super::node::Node;
use crate::fs::Staged;

/// The first line of every checkpoint file.
pub const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../schema/checkpoint.schema.json\n";

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    /// Where.
    pub path: PathBuf,
    /// What.
    pub bytes: Vec<u8>,
    /// Why, for the report: `new`, `updated`, `snapshot`, ...
    pub reason: String,
}

/// A checkpoint file's text.
pub fn checkpoint_text(node: &Node) -> String {
    format!("{SCHEMA_LINE}{}", emit::document(node))
}

/// A rule document's text: front matter, then the Markdown body.
pub fn rule_text(front: &Node, body: &str) -> String {
    let body = if body.ends_with('\n') { body.to_string() } else { format!("{body}\n") };
    format!("---\n{}---\n{body}", emit::document(front))
}

/// The prefix of ingest's temporary files.
const TEMP_PREFIX: &str = ".ingest-";

/// Write every planned file, or none.
pub fn apply(plan: &[PlannedWrite]) -> anyhow::Result<()> {
    let staged: Vec<Staged> =
        plan.iter().map(|write| Staged::write(&write.path, &write.bytes, TEMP_PREFIX)).collect::<Result<_, _>>()?;
    staged.into_iter().try_for_each(Staged::commit)
}

/// Remove the temporary files a killed run left in the folders ingest writes to.
pub fn remove_leftovers(content_dir: &Path) -> anyhow::Result<()> {
    for folder in ["", "checkpoints", "rules", "snapshots"] {
        let dir = content_dir.join(folder);
        if dir.is_dir() {
            Staged::remove_leftovers(&dir, TEMP_PREFIX)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let plan = vec![
            PlannedWrite { path: dir.path().join("a/x.yaml"), bytes: b"x: 1\n".to_vec(), reason: "new".into() },
            PlannedWrite { path: dir.path().join("y.yaml"), bytes: b"y: 2\n".to_vec(), reason: "new".into() },
        ];
        apply(&plan).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("a/x.yaml")).unwrap(), "x: 1\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn rule_text_has_front_matter() {
        let front = Node::Map(vec![("title".into(), Node::str("Visa regime"))]);
        assert_eq!(rule_text(&front, "Text."), "---\ntitle: Visa regime\n---\nText.\n");
    }
}
