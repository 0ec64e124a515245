//! `content/snapshots/ingested.yaml`: for every record, the values ingest last wrote from the
//! sources. It is the *base* of the three-way merge (see `merge`), the only way to tell an
//! editor's change from a source's. Machine-written; editors never need to touch it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::ingest::emit;
use crate::ingest::node::Node;
use crate::yaml;

/// The file, relative to the content folder.
pub const FILE: &str = "snapshots/ingested.yaml";

const HEADER: &str = "# Written by `crossings ingest`: what it last wrote for each record from the sources, the\n\
# base of its three-way merge (docs/sources.md, \"How ingest keeps edits\"). Do not edit; commit\n\
# it with the content it describes.\n";

/// What ingest last wrote, per record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    /// Checkpoint id → record as the sources made it.
    pub checkpoints: BTreeMap<String, Node>,
    /// Rule id → front matter and `body` as the sources made them.
    pub rules: BTreeMap<String, Node>,
}

/// Read the file; an absent file is an empty provenance (every value counts as an edit).
pub fn load(content_dir: &Path) -> anyhow::Result<Provenance> {
    let path = content_dir.join(FILE);
    let Some(text) = crate::fs::read_to_string_if_exists(&path)? else { return Ok(Provenance::default()) };
    let node: Node = yaml::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{}:{}: {}: restore the file from version control (deleting it makes ingest treat every value as an editor's)", path.display(), e.pos, e.message)
    })?;
    let section = |name: &str| -> BTreeMap<String, Node> {
        match node.get(name) {
            Some(Node::Map(entries)) => entries.iter().cloned().collect(),
            _ => BTreeMap::new(),
        }
    };
    Ok(Provenance { checkpoints: section("checkpoints"), rules: section("rules") })
}

/// The file's text.
pub fn render(provenance: &Provenance) -> String {
    let section = |m: &BTreeMap<String, Node>| Node::Map(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
    let node = Node::Map(vec![
        ("checkpoints".into(), section(&provenance.checkpoints)),
        ("rules".into(), section(&provenance.rules)),
    ]);
    format!("{HEADER}{}", emit::document(&node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut p = Provenance::default();
        p.checkpoints.insert("a".into(), yaml::from_str("{id: a, name: {ru: Аят}}").unwrap());
        p.rules.insert("r".into(), yaml::from_str("{title: T, body: \"x\\n\\ny\\n\"}").unwrap());
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("snapshots")).unwrap();
        std::fs::write(dir.path().join(FILE), render(&p)).unwrap();
        assert_eq!(load(dir.path()).unwrap(), p);
        assert_eq!(load(&dir.path().join("none")).unwrap(), Provenance::default());
    }
}
