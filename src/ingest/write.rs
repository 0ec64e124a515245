//! Writing: the whole run's files are planned in memory, then written in two phases (every
//! file to a temporary file beside it, then all renamed, in the plan's order), so an error
//! leaves `content/` as it was and a reader never sees half a file. A run killed midway leaves
//! temporary files, which the next run removes.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::emit;
use super::node::Node;

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
    let mut staged = Vec::new();
    for write in plan {
        let dir = write.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder `{}`", dir.display()))?;
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
        temp.write_all(&write.bytes)
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write `{}`", write.path.display()))?;
        staged.push((temp, &write.path));
    }
    for (temp, path) in staged {
        temp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot replace `{}`", path.display()))?;
    }
    Ok(())
}

/// Remove the temporary files a killed run left in the folders ingest writes to.
pub fn remove_leftovers(content_dir: &Path) -> anyhow::Result<()> {
    for folder in ["", "checkpoints", "rules", "snapshots"] {
        let dir = content_dir.join(folder);
        if dir.is_dir() {
            remove_leftovers_in(&dir)?;
        }
    }
    Ok(())
}

fn remove_leftovers_in(dir: &Path) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the leftover `{}`", entry.path().display()))?;
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
