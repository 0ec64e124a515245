//! Loading content again after edits (`crossings serve`): checkpoint files that did not change
//! since the previous load are neither read nor parsed again, and what changed is told.
//!
//! A checkpoint file is taken as unchanged when its stamp (length, modification time and, on
//! Unix, device, inode and status-change time; for a symbolic link, those of the link and of its
//! target) is the one recorded. File times come from a coarse clock, so a file written just before
//! it was read could be written again within the same tick and keep its stamp: the stamp of a file
//! changed less than [`SETTLE`] before a load is not trusted, and the file is read again next time
//! (and parsed again only if it reads differently). A file counts as changed when what reading it
//! gives (its text, or why it cannot be read) differs, so saving a file unchanged changes nothing.

use std::collections::{BTreeSet, HashMap};
use std::hash::DefaultHasher;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::loader::{CheckpointFile, Loader};

/// How long after its last change a file's stamp is trusted to show the next change.
pub const SETTLE: Duration = Duration::from_secs(2);

/// What changed since the previous load through the same [`LoadCache`]. Templates are not
/// content: their changes are not told here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// There was no previous load. Every file then counts as added: `others` is true and
    /// `checkpoints` lists every checkpoint file.
    pub first: bool,
    /// A file other than a checkpoint file was changed, added or removed: `site.yaml`,
    /// `sources.yaml`, `reference/`, `geo/`, `i18n/`, `rules/`, or a file ignored (with a
    /// notice) in `checkpoints/` or `rules/`.
    pub others: bool,
    /// The checkpoint files changed, added or removed, by the paths records have
    /// ([`super::Record::path`]).
    pub checkpoints: BTreeSet<PathBuf>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.first && !self.others && self.checkpoints.is_empty()
    }
}

/// What [`super::load_cached`] keeps from one load of a content folder to the next: each
/// checkpoint file's stamp and what reading it gave, and a digest of the other files.
#[derive(Debug)]
pub struct LoadCache {
    entries: HashMap<PathBuf, Entry>,
    /// Digest of what the previous load read of the other files; `None` before the first load.
    others: Option<u64>,
    changes: Changes,
    /// How many checkpoint files the latest load read (the others it reused unread).
    read: usize,
    /// [`SETTLE`] (shorter in tests).
    settle: Duration,
}

impl Default for LoadCache {
    fn default() -> LoadCache {
        LoadCache { entries: HashMap::new(), others: None, changes: Changes::default(), read: 0, settle: SETTLE }
    }
}

/// One checkpoint file as last read.
#[derive(Debug)]
pub(super) struct Entry {
    /// The file's stamp before it was read, if it can be trusted to show a later change.
    stamp: Option<Stamp>,
    /// Digest of what reading the file gave.
    digest: u64,
    file: CheckpointFile,
}

/// How [`LoadCache::read`] got a checkpoint file.
pub(super) enum Outcome {
    /// Its stamp is the one recorded: the previous entry holds.
    Unchanged,
    /// Read again, it gave what it gave before: the previous entry holds, with a new stamp.
    Same(Option<Stamp>),
    /// Read and parsed.
    Read(Box<Entry>),
}

impl LoadCache {
    /// What changed, as the latest successful load found.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// How many checkpoint files the latest successful load read (it reused the others unread).
    pub fn files_read(&self) -> usize {
        self.read
    }

    /// How many checkpoint files the latest successful load reused unread.
    pub fn files_reused(&self) -> usize {
        self.entries.len() - self.read
    }

    /// Read checkpoint file `path` with `loader`, or reuse what the previous load read of it;
    /// `started`: when this load started.
    pub(super) fn read(&self, loader: &Loader, path: &Path, started: SystemTime) -> (CheckpointFile, Outcome) {
        let stamp = Stamp::of(path);
        let previous = self.entries.get(path);
        if let Some(previous) = previous
            && previous.stamp.is_some()
            && previous.stamp == stamp
        {
            return (previous.file.clone(), Outcome::Unchanged);
        }
        let stamp = stamp.filter(|s| s.settled(started, self.settle));
        let mut one = loader.fork();
        one.digest = Some(DefaultHasher::new());
        let text = one.read_text(path);
        let digest = one.take_digest().unwrap_or_default();
        if let Some(previous) = previous
            && previous.digest == digest
        {
            return (previous.file.clone(), Outcome::Same(stamp));
        }
        let file = one.checkpoint_from(path, text.as_deref());
        (file.clone(), Outcome::Read(Box::new(Entry { stamp, digest, file })))
    }

    /// Take on what a load that succeeded read: the checkpoint files `paths`, how
    /// [`LoadCache::read`] got each (`outcomes`, in the same order), and the digest of the other
    /// files (`others`); note what changed.
    pub(super) fn commit(&mut self, paths: &[PathBuf], outcomes: Vec<Outcome>, others: u64) {
        let mut previous = std::mem::take(&mut self.entries);
        let mut changed = BTreeSet::new();
        self.read = 0;
        for (path, outcome) in paths.iter().zip(outcomes) {
            let before = previous.remove(path);
            let entry = match (outcome, before) {
                (Outcome::Unchanged, Some(before)) => before,
                (Outcome::Same(stamp), Some(before)) => {
                    self.read += 1;
                    Entry { stamp, ..before }
                }
                (Outcome::Read(entry), before) => {
                    self.read += 1;
                    if before.is_none_or(|b| b.digest != entry.digest) {
                        changed.insert(path.clone());
                    }
                    *entry
                }
                // Not reached: only an entry of the previous load is reused, and only this changes them.
                (Outcome::Unchanged | Outcome::Same(_), None) => continue,
            };
            self.entries.insert(path.clone(), entry);
        }
        changed.extend(previous.into_keys());
        let first = self.others.is_none();
        self.changes = Changes { first, others: self.others != Some(others), checkpoints: changed };
        self.others = Some(others);
    }
}

/// What tells that a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    /// The directory entry's (a symbolic link's own, if it is one).
    own: Meta,
    /// A symbolic link's target's.
    target: Option<Meta>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    len: u64,
    modified: Option<SystemTime>,
    /// When the file's status last changed (any write, rename or change of times or rights).
    changed: Option<SystemTime>,
    device: u64,
    inode: u64,
}

impl Stamp {
    /// `path`'s stamp, `None` when it cannot be had.
    fn of(path: &Path) -> Option<Stamp> {
        let own = std::fs::symlink_metadata(path).ok()?;
        let target = if own.file_type().is_symlink() { Some(Meta::of(&std::fs::metadata(path).ok()?)) } else { None };
        Some(Stamp { own: Meta::of(&own), target })
    }

    /// Whether the file last changed at least `settle` before `now`, as far as its times tell.
    fn settled(&self, now: SystemTime, settle: Duration) -> bool {
        [Some(self.own), self.target].into_iter().flatten().all(|meta| {
            [meta.modified, meta.changed]
                .into_iter()
                .flatten()
                .all(|t| now.duration_since(t).is_ok_and(|d| d >= settle))
                && meta.modified.is_some()
        })
    }
}

impl Meta {
    fn of(meta: &std::fs::Metadata) -> Meta {
        #[cfg(unix)]
        let (changed, device, inode) = {
            use std::os::unix::fs::MetadataExt as _;
            let changed = u64::try_from(meta.ctime())
                .ok()
                .and_then(|secs| SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, meta.ctime_nsec() as u32)));
            (changed, meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, device, inode) = (None, 0, 0);
        Meta { len: meta.len(), modified: meta.modified().ok(), changed, device, inode }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_cached;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    const A: (&str, &str) = ("checkpoints/a.yaml", "id: a\nname: {en: A}\n");
    const B: (&str, &str) = ("checkpoints/b.yaml", "id: b\nname: {en: B}\n");

    #[test]
    fn files_whose_stamp_is_trusted_are_not_read_again() {
        let dir = folder(&[A, B]);
        let mut cache = LoadCache { settle: Duration::ZERO, ..LoadCache::default() };
        let first = load_cached(dir.path(), &mut cache).unwrap();
        assert_eq!(cache.files_read(), 2);
        assert!(cache.changes().first && cache.changes().others);
        assert_eq!(cache.changes().checkpoints.len(), 2);
        let again = load_cached(dir.path(), &mut cache).unwrap();
        assert_eq!((cache.files_read(), cache.files_reused()), (0, 2));
        assert!(cache.changes().is_empty(), "{:?}", cache.changes());
        assert_eq!(again.content.checkpoints.len(), 2);
        assert_eq!(again.notices, first.notices);
    }

    #[test]
    #[cfg(unix)]
    fn a_file_replaced_by_one_of_the_same_length_and_time_is_read_again() {
        let dir = folder(&[A]);
        let path = dir.path().join(A.0);
        let mut cache = LoadCache { settle: Duration::ZERO, ..LoadCache::default() };
        load_cached(dir.path(), &mut cache).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        // As editors save: a new file renamed over the old one (so another inode).
        let new = dir.path().join("checkpoints/.a.yaml.new");
        std::fs::write(&new, A.1.replace("{en: A}", "{en: Z}")).unwrap();
        std::fs::File::options().write(true).open(&new).unwrap().set_modified(modified).unwrap();
        std::fs::rename(&new, &path).unwrap();
        let loaded = load_cached(dir.path(), &mut cache).unwrap();
        assert_eq!(cache.changes().checkpoints, BTreeSet::from([path]));
        assert_eq!(loaded.content.checkpoints[0].data.name.value.en.as_deref(), Some("Z"));
    }

    #[test]
    fn files_changed_lately_are_read_again_and_changed_only_if_they_read_differently() {
        let dir = folder(&[A, B]);
        let mut cache = LoadCache::default();
        load_cached(dir.path(), &mut cache).unwrap();
        load_cached(dir.path(), &mut cache).unwrap();
        assert_eq!(cache.files_read(), 2, "written less than SETTLE ago");
        assert!(cache.changes().is_empty(), "{:?}", cache.changes());
        std::fs::write(dir.path().join(A.0), A.1).unwrap();
        load_cached(dir.path(), &mut cache).unwrap();
        assert!(cache.changes().is_empty(), "saved unchanged: {:?}", cache.changes());
    }

    #[test]
    fn a_failed_load_leaves_the_cache_as_it_was() {
        let dir = folder(&[A]);
        let mut cache = LoadCache::default();
        load_cached(dir.path(), &mut cache).unwrap();
        std::fs::write(dir.path().join(A.0), "id: a\nname: {en: Changed}\n").unwrap();
        // Checkpoints are read before the rules folder turns out not to be one.
        std::fs::write(dir.path().join("rules"), "").unwrap();
        assert!(load_cached(dir.path(), &mut cache).is_err());
        std::fs::remove_file(dir.path().join("rules")).unwrap();
        load_cached(dir.path(), &mut cache).unwrap();
        let path = dir.path().join(A.0);
        assert_eq!(cache.changes().checkpoints, BTreeSet::from([path]));
    }

    #[test]
    fn stamps_of_recent_changes_are_not_trusted() {
        let dir = folder(&[A]);
        let stamp = Stamp::of(&dir.path().join(A.0)).unwrap();
        let now = SystemTime::now();
        assert!(!stamp.settled(now, SETTLE));
        assert!(stamp.settled(now + SETTLE, SETTLE));
        assert!(Stamp::of(&dir.path().join("absent.yaml")).is_none());
    }
}
