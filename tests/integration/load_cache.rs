//! Loading through a `LoadCache` (`serve` re-parses only the checkpoint files that
//! changed): it gives what a fresh load gives, and tells what changed.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use crossings::content::{Changes, LoadCache, Loaded, load, load_cached};
use crossings::site::Site;
use crossings::validate::Settings;

use crate::util::Project;

/// Load `root` through `cache`, check it equals a fresh load, and return what changed.
#[track_caller]
fn reload(root: &Path, cache: &mut LoadCache) -> (Loaded, Changes) {
    let cached = load_cached(root, cache).expect("cached load");
    let fresh = load(root).expect("fresh load");
    let records = |l: &Loaded| -> Vec<_> {
        l.content.checkpoints.iter().map(|r| (r.path.clone(), r.stem.clone(), r.data.clone())).collect()
    };
    assert_eq!(records(&cached), records(&fresh), "checkpoints differ from a fresh load");
    assert_eq!(cached.notices, fresh.notices, "notices differ from a fresh load");
    assert_eq!(cached.content.rules.len(), fresh.content.rules.len());
    assert_eq!(cached.content.config.title, fresh.content.config.title);
    (cached, cache.changes().clone())
}

fn checkpoints(paths: &[&Path]) -> BTreeSet<PathBuf> {
    paths.iter().map(|p| p.to_path_buf()).collect()
}

fn codes(loaded: &Loaded, path: &Path) -> Vec<&'static str> {
    loaded.notices.iter().filter(|n| n.path == path).map(|n| n.code).collect()
}

#[test]
fn a_second_load_of_unchanged_content_is_the_same_and_changes_nothing() {
    let project = Project::from_repo();
    let root = project.path().join("content");
    let mut cache = LoadCache::default();
    let (first, changes) = reload(&root, &mut cache);
    assert!(changes.first && changes.others);
    let all: BTreeSet<PathBuf> = first.content.checkpoints.iter().map(|r| r.path.clone()).collect();
    assert_eq!(changes.checkpoints, all, "on the first load every checkpoint file is new");
    let (_, changes) = reload(&root, &mut cache);
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn an_edit_keeping_length_and_modification_time_is_read_again() {
    let project = Project::from_repo();
    let root = project.path().join("content");
    let path = root.join("checkpoints/aksay.yaml");
    let mut cache = LoadCache::default();
    reload(&root, &mut cache);
    let text = std::fs::read_to_string(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (old, new) = ("id: aksay\n", "id: aksaz\n");
    assert!(text.contains(old));
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    let (loaded, changes) = reload(&root, &mut cache);
    assert_eq!(changes, Changes { first: false, others: false, checkpoints: checkpoints(&[&path]) });
    assert!(loaded.content.checkpoints.iter().any(|r| r.data.id.value == "aksaz"));
}

#[test]
fn added_and_removed_files_are_changes() {
    let project = Project::from_repo();
    let root = project.path().join("content");
    let (removed, added) = (root.join("checkpoints/aksay.yaml"), root.join("checkpoints/aksay-2.yaml"));
    let mut cache = LoadCache::default();
    reload(&root, &mut cache);
    std::fs::rename(&removed, &added).unwrap();
    let (loaded, changes) = reload(&root, &mut cache);
    assert_eq!(changes.checkpoints, checkpoints(&[&removed, &added]));
    assert!(!changes.others);
    assert!(loaded.content.checkpoints.iter().any(|r| r.path == added));
    std::fs::remove_file(&added).unwrap();
    let (_, changes) = reload(&root, &mut cache);
    assert_eq!(changes.checkpoints, checkpoints(&[&added]));
}

#[test]
fn a_file_turned_invalid_has_its_notices_until_it_is_fixed() {
    let project = Project::from_repo();
    let root = project.path().join("content");
    let path = root.join("checkpoints/aksay.yaml");
    let good = std::fs::read_to_string(&path).unwrap();
    let mut cache = LoadCache::default();
    let (loaded, _) = reload(&root, &mut cache);
    assert!(codes(&loaded, &path).is_empty());
    std::fs::write(&path, good.replacen("id: aksay\n", "id: aksay\nlattitude: 1\n", 1)).unwrap();
    let (loaded, changes) = reload(&root, &mut cache);
    assert_eq!(codes(&loaded, &path), ["unknown_field"]);
    // The rest of the file is still read, for the checks of its other fields; the error stands.
    assert!(loaded.content.checkpoints.iter().any(|r| r.path == path && r.data.id.value == "aksay"));
    assert_eq!(changes.checkpoints, checkpoints(&[&path]));
    let (loaded, changes) = reload(&root, &mut cache);
    assert_eq!(codes(&loaded, &path), ["unknown_field"], "still invalid, unchanged");
    assert!(changes.is_empty(), "{changes:?}");
    std::fs::write(&path, &good).unwrap();
    let (loaded, changes) = reload(&root, &mut cache);
    assert!(codes(&loaded, &path).is_empty());
    assert_eq!(changes.checkpoints, checkpoints(&[&path]));
}

#[test]
fn other_files_changed_added_or_removed_are_told_apart_from_checkpoints() {
    let project = Project::from_repo();
    let root = project.path().join("content");
    let mut cache = LoadCache::default();
    reload(&root, &mut cache);
    let site = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), site.replacen("title:", "title: X", 1)).unwrap();
    let (_, changes) = reload(&root, &mut cache);
    assert_eq!(changes, Changes { first: false, others: true, checkpoints: BTreeSet::new() });
    let (_, changes) = reload(&root, &mut cache);
    assert!(changes.is_empty(), "{changes:?}");
    std::fs::remove_file(root.join("rules/customs.md")).unwrap();
    assert!(reload(&root, &mut cache).1.others, "a rule removed");
    project.write("content/checkpoints/notes.txt", "not content");
    assert!(reload(&root, &mut cache).1.others, "a file ignored with a notice");
}

#[test]
fn validation_through_the_cache_reports_what_validation_does() {
    let project = Project::from_repo();
    let (content, templates) = (project.path().join("content"), project.path().join("templates"));
    let settings = Settings::default();
    let mut cache = LoadCache::default();
    Site::load_cached(&content, &templates, settings, &mut cache).unwrap();
    std::fs::write(content.join("checkpoints/aksay.yaml"), "id: aksay\nname: {en: Aksay}\nlat: 1\n").unwrap();
    let (cached, changes) = Site::load_cached(&content, &templates, settings, &mut cache).unwrap();
    let fresh = Site::load(&content, &templates, settings).unwrap();
    assert_eq!(cached.report.notices, fresh.report.notices);
    assert!(cached.report.errors() > 0 && cached.is_refused());
    assert_eq!(changes.checkpoints.len(), 1);
}
