//! What a change of checkpoint files affects, so that `serve` rewrites only that after an edit
//! instead of the whole site.
//!
//! A checkpoint's page shows its own record, the rules that apply to it (rule documents are not
//! checkpoint files: a change to them rebuilds everything) and its nearest neighbours' names and
//! distances. So when only checkpoint files changed, a checkpoint page changes only if its own
//! file did, or its list of neighbours did, or a neighbour's file did. A border's page changes
//! only if one of its checkpoints' files did. Everything else that lists checkpoints (index,
//! lists, search indexes, feeds, exports, sitemap) is always rewritten.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use super::nearby;
use crate::content::{Border, Content};

/// The checkpoint pages a change affects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Affected {
    /// Checkpoints, by index in the new content, whose pages are new or may differ.
    pub checkpoints: HashSet<usize>,
    /// Ids whose pages are gone.
    pub removed: Vec<String>,
    /// Borders whose pages may differ: those of the changed checkpoints, before and after.
    pub borders: HashSet<Border>,
}

/// The checkpoint pages of `new` that may differ from those built from `old`, when nothing but
/// the checkpoint files `changed` (changed, added or removed; paths as the content lists them)
/// differs between the two.
pub fn affected(old: &Content, new: &Content, changed: &BTreeSet<PathBuf>) -> Affected {
    let in_changed_file = |content: &Content| -> Vec<(String, Option<Border>)> {
        content
            .checkpoints
            .iter()
            .filter(|r| changed.contains(&r.path))
            .map(|r| (r.data.id.value.clone(), r.data.border.as_ref().map(|b| b.value)))
            .collect()
    };
    let before_and_after: Vec<(String, Option<Border>)> =
        in_changed_file(old).into_iter().chain(in_changed_file(new)).collect();
    let borders = before_and_after.iter().filter_map(|(_, b)| *b).collect();
    let changed_ids: HashSet<String> = before_and_after.into_iter().map(|(id, _)| id).collect();
    let old_index: HashMap<&str, usize> =
        old.checkpoints.iter().enumerate().map(|(i, r)| (r.data.id.value.as_str(), i)).collect();
    let (old_near, new_near) = rayon::join(|| nearby::neighbours(old), || nearby::neighbours(new));
    // The same neighbours at the same distances, by id (indexes shift as files come and go).
    let same_neighbours = |now: &[(usize, Option<f64>)], before: &[(usize, Option<f64>)]| {
        now.len() == before.len()
            && now.iter().zip(before).all(|((j, km), (k, was))| id(new, *j) == id(old, *k) && km == was)
    };
    let checkpoints = (0..new.checkpoints.len())
        .filter(|&i| {
            let me = id(new, i);
            let Some(&before) = old_index.get(me) else { return true };
            changed_ids.contains(me)
                || !same_neighbours(&new_near[i], &old_near[before])
                || new_near[i].iter().any(|(j, _)| changed_ids.contains(id(new, *j)))
        })
        .collect();
    let now: HashSet<&str> = new.checkpoints.iter().map(|r| r.data.id.value.as_str()).collect();
    let mut removed: Vec<String> = old_index.keys().filter(|id| !now.contains(*id)).map(|id| id.to_string()).collect();
    removed.sort();
    Affected { checkpoints, removed, borders }
}

/// The id of checkpoint `i` of `content`.
fn id(content: &Content, i: usize) -> &str {
    &content.checkpoints[i].data.id.value
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// Every file under `dir` and its bytes.
    fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        let mut out = std::collections::BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
                }
            }
        }
        out
    }

    /// The content of `dir`, which must read without an error (render sits below validate, so
    /// the repository's content being valid is the integration tests' to show).
    fn load(dir: &Path) -> Content {
        let loaded = crate::content::load(dir).unwrap();
        let errors: Vec<_> =
            loaded.notices.iter().filter(|n| n.severity == crate::diagnostics::Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:?}");
        loaded.content
    }

    #[test]
    fn updating_in_place_gives_the_site_a_whole_build_gives() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let templates = repo.join("templates");
        let temp = tempfile::tempdir().unwrap();
        let content_dir = temp.path().join("content");
        copy_dir(&repo.join("content"), &content_dir);
        let old = load(&content_dir);
        let updated = temp.path().join("updated");
        crate::render::build_site(&old, &templates, &updated).unwrap();

        // A renamed checkpoint (its neighbours by name change too), one removed, one added.
        let checkpoints = content_dir.join("checkpoints");
        let renamed = checkpoints.join("atameken.yaml");
        let text = std::fs::read_to_string(&renamed).unwrap();
        std::fs::write(&renamed, text.replace("ru: Атамекен", "ru: Яблоневый")).unwrap();
        let removed = checkpoints.join("kegen.yaml");
        std::fs::remove_file(&removed).unwrap();
        let added = checkpoints.join("new-post.yaml");
        let text = std::fs::read_to_string(checkpoints.join("ubagan.yaml")).unwrap();
        std::fs::write(&added, text.replace("id: ubagan", "id: new-post")).unwrap();
        let new = load(&content_dir);
        let changed: BTreeSet<PathBuf> = [&renamed, &removed, &added].into_iter().cloned().collect();

        let change = affected(&old, &new, &changed);
        assert_eq!(change.removed, ["kegen"]);
        assert!(
            change.checkpoints.len() < new.checkpoints.len() / 2,
            "{} pages of {}",
            change.checkpoints.len(),
            new.checkpoints.len()
        );
        crate::render::update_site(&new, &templates, &updated, &change).unwrap();
        let whole = temp.path().join("whole");
        crate::render::build_site(&new, &templates, &whole).unwrap();

        let (updated, whole) = (files(&updated), files(&whole));
        assert_eq!(updated.keys().collect::<Vec<_>>(), whole.keys().collect::<Vec<_>>());
        for (path, bytes) in &whole {
            assert!(updated[path] == *bytes, "`{}` differs from a whole build's", path.display());
        }
    }

    #[test]
    fn an_unchanged_site_affects_nothing() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let content = load(&repo.join("content"));
        assert_eq!(affected(&content, &content, &BTreeSet::new()), Affected::default());
    }
}
