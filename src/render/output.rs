//! The output folder: written whole into a temporary sibling, then swapped in, so a failed or
//! interrupted build leaves the previous site untouched. Each file written is hashed as it is
//! written, so that what names the build (see [`super::offline`]) never reads the site back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, bail};
use sha2::{Digest as _, Sha256};

/// A marker file that says "this folder is a crossings build", so `build` never replaces a
/// folder it did not make.
pub const MARKER: &str = ".crossings-build";

/// A site being written: into a temporary folder beside its final place ([`Staging::new`]), or,
/// for a preview's partial rebuild, over an earlier build in place ([`Staging::update`]).
pub struct Staging {
    /// The temporary folder of a whole build; `None` when updating `target` in place.
    temp: Option<tempfile::TempDir>,
    target: PathBuf,
    /// What this staging wrote, by path inside the site; for an update, with what the earlier
    /// build wrote, when this process made it.
    written: Mutex<HashMap<String, Written>>,
    /// Whether `written` holds every file of the site (a whole build, or the update of a build
    /// this process finished).
    complete: bool,
}

/// The files of the last build this process finished, and its folder: what an update of that
/// folder starts from, so that it never reads back the files it leaves as they were (a preview
/// at 10,000 checkpoints would spend most of an update's time reading them). One build only, so
/// that a long preview session does not pile up the lists of folders it has removed.
static LAST_FINISHED: Mutex<Option<(PathBuf, HashMap<String, Written>)>> = Mutex::new(None);

/// A file as written: its size and the SHA-256 of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes.
    pub digest: [u8; 32],
}

/// A writer that hashes and counts what goes through it.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Staging {
    /// Prepare to replace `target` (which must be absent, empty, or an earlier build).
    pub fn new(target: &Path, protected: &[&Path]) -> anyhow::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        recover_interrupted(&parent, &name, target)?;
        check_target(target, protected)?;
        std::fs::create_dir_all(&parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a temporary folder in `{}`", parent.display()))?;
        Ok(Staging { temp: Some(temp), target: target.to_path_buf(), written: Mutex::default(), complete: true })
    }

    /// Rewrite files of the finished build in `dir` in place, each replaced whole (written beside
    /// it, then renamed over it): readers see every file old or new, never half-written, though
    /// for a moment some files are new and others old. For `serve`, whose pages reload once the
    /// update is done; `build` always writes a whole new site.
    pub fn update(dir: &Path) -> anyhow::Result<Staging> {
        if !dir.join(MARKER).is_file() {
            bail!("`{}` is not a finished build: build it whole first", dir.display());
        }
        let mut last = LAST_FINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let folder = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let earlier = last.take_if(|(finished, _)| *finished == folder).map(|(_, files)| files);
        let complete = earlier.is_some();
        let written = Mutex::new(earlier.unwrap_or_default());
        Ok(Staging { temp: None, target: dir.to_path_buf(), written, complete })
    }

    /// The folder pages are written into.
    pub fn dir(&self) -> &Path {
        self.temp.as_ref().map_or(&self.target, |t| t.path())
    }

    /// Every file of the site so far, by path inside it, with its size and digest: those written,
    /// and for an update of a build this process did not finish, the others read from disk.
    pub fn files(&self) -> anyhow::Result<HashMap<String, Written>> {
        let mut files = self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        if self.complete {
            return Ok(files);
        }
        let dir = self.dir();
        for path in crate::fs::walk(dir)? {
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if let std::collections::hash_map::Entry::Vacant(entry) = files.entry(relative) {
                let bytes = crate::fs::read(&path)?;
                entry.insert(Written { bytes: bytes.len() as u64, digest: Sha256::digest(&bytes).into() });
            }
        }
        Ok(files)
    }

    fn record(&self, relative: &str, written: Written) {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(relative.to_string(), written);
    }

    /// Remove `relative` (a file or a folder) from the site being written, if it is there.
    pub fn remove(&self, relative: &str) -> anyhow::Result<()> {
        let path = self.path_of(relative)?;
        let removed = if path.is_dir() { remove_tree(&path) } else { std::fs::remove_file(&path) };
        let folder = format!("{relative}/");
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|p, _| p != relative && !p.starts_with(&folder));
        match removed {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("cannot remove `{}`", path.display()))
            }
            _ => Ok(()),
        }
    }

    /// Write `bytes` to `relative` inside the staging folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if self.temp.is_none() {
            return self.write_with(relative, |out| Ok(out.write_all(bytes)?));
        }
        let path = self.path_of(relative)?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
        self.record(relative, Written { bytes: bytes.len() as u64, digest: Sha256::digest(bytes).into() });
        Ok(())
    }

    /// Write `relative` inside the staging folder piece by piece: `fill` writes the file's bytes
    /// (buffered) into the writer it is given.
    pub fn write_with(
        &self,
        relative: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let path = self.path_of(relative)?;
        let cannot = || format!("cannot write `{}`", path.display());
        /// `fill` into `file` through a buffer; `file` back, everything written, and what was.
        fn filled<W: std::io::Write>(
            file: W,
            fill: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
        ) -> anyhow::Result<(W, Written)> {
            let hashing = Hashing { inner: file, hash: Sha256::new(), bytes: 0 };
            let mut out = std::io::BufWriter::with_capacity(1 << 16, hashing);
            fill(&mut out)?;
            let Hashing { inner, hash, bytes } = out.into_inner().map_err(|e| e.into_error())?;
            Ok((inner, Written { bytes, digest: hash.finalize().into() }))
        }
        let written = if self.temp.is_some() {
            filled(std::fs::File::create(&path).with_context(cannot)?, fill).with_context(cannot)?.1
        } else {
            let folder = path.parent().unwrap_or(&self.target);
            let temp = tempfile::Builder::new().prefix(".writing-").tempfile_in(folder).with_context(cannot)?;
            let (temp, written) = filled(temp, fill).with_context(cannot)?;
            temp.persist(&path).with_context(cannot)?;
            written
        };
        self.record(relative, written);
        Ok(())
    }

    /// Where `relative` goes in the staging folder (its folder made), refusing paths that leave it.
    fn path_of(&self, relative: &str) -> anyhow::Result<PathBuf> {
        if relative.split('/').any(|part| part == ".." || part.is_empty()) || relative.starts_with('/') {
            bail!("refusing to write outside the output folder: `{relative}`");
        }
        let path = self.dir().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        Ok(path)
    }

    /// Put the finished site in place of the old one.
    pub fn commit(mut self) -> anyhow::Result<()> {
        if self.temp.is_some() {
            self.write(MARKER, b"This folder is generated by `crossings build`; it is replaced on every build.\n")?;
            self.swap_in()?;
        }
        if self.complete {
            let files = std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
            let folder = self.target.canonicalize().unwrap_or_else(|_| self.target.clone());
            *LAST_FINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((folder, files));
        }
        Ok(())
    }

    /// Move the temporary folder in place of the target, the old site aside and then away.
    fn swap_in(&mut self) -> anyhow::Result<()> {
        let temp = self.temp.take().map(tempfile::TempDir::keep).unwrap_or_default();
        let old = self.target.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)
                .with_context(|| format!("cannot move the previous site `{}` aside", self.target.display()))?;
        }
        if let Err(e) = std::fs::rename(&temp, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            let _ = std::fs::remove_dir_all(&temp);
            return Err(e).with_context(|| format!("cannot move the new site into `{}`", self.target.display()));
        }
        if had_old {
            remove_tree(&old).with_context(|| format!("cannot remove the previous site `{}`", old.display()))?;
        }
        Ok(())
    }
}

/// Tidy up after a build that was killed: a half-written site is removed, and a previous site
/// that was moved aside but not replaced is put back.
fn recover_interrupted(parent: &Path, name: &str, target: &Path) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let mut leftovers: Vec<(PathBuf, String)> = entries
        .flatten()
        .map(|e| (e.path(), e.file_name().to_string_lossy().into_owned()))
        .filter(|(_, n)| n.starts_with(&format!(".{name}.building-")) || n.starts_with(&format!(".{name}.old-")))
        .collect();
    leftovers.sort();
    for (path, file_name) in leftovers {
        if file_name.starts_with(&format!(".{name}.old-")) && !target.exists() {
            std::fs::rename(&path, target)
                .with_context(|| format!("cannot restore the previous site from `{}`", path.display()))?;
        } else {
            remove_tree(&path).with_context(|| format!("cannot remove the unfinished build `{}`", path.display()))?;
        }
    }
    Ok(())
}

/// Remove a folder tree, its subfolders in parallel (a large site has thousands).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() { remove_tree(&entry.path()) } else { std::fs::remove_file(entry.path()) }
    })?;
    std::fs::remove_dir(dir)
}

/// Refuse targets whose replacement would destroy something that is not a build.
fn check_target(target: &Path, protected: &[&Path]) -> anyhow::Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let target_abs = absolute(target);
    for p in protected {
        let p = absolute(p);
        if p.starts_with(&target_abs) || target_abs.starts_with(&p) {
            bail!("the output folder `{}` overlaps `{}`: choose another --out", target.display(), p.display());
        }
    }
    if target.is_file() {
        bail!("`{}` is a file, not a folder: choose another --out", target.display());
    }
    if target.is_dir() {
        let empty = std::fs::read_dir(target).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty && !target.join(MARKER).exists() {
            bail!(
                "`{}` is not empty and was not made by `crossings build`; refusing to replace it: choose another --out or empty it",
                target.display()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_a_finished_site_in_and_keeps_the_old_one_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let staging = Staging::new(&out, &[]).unwrap();
        staging.write("a/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");

        let staging = Staging::new(&out, &[]).unwrap();
        staging.write("a/index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the abandoned temporary folder is removed");
    }

    #[test]
    fn recovers_from_a_build_killed_midway() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let staging = Staging::new(&out, &[]).unwrap();
        staging.write("index.html", b"first").unwrap();
        staging.commit().unwrap();
        // Killed after moving the old site aside, before moving the new one in.
        std::fs::rename(&out, dir.path().join(".out.old-999")).unwrap();
        std::fs::create_dir(dir.path().join(".out.building-xyz")).unwrap();
        let staging = Staging::new(&out, &[]).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"first");
        drop(staging);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["out"]);
    }

    #[test]
    fn the_files_of_an_update_are_those_on_disk_with_their_digests() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let staging = Staging::new(&out, &[]).unwrap();
        staging.write("a/index.html", b"one").unwrap();
        staging.write_with("b/index.html", |w| Ok(w.write_all(b"two")?)).unwrap();
        staging.write("c/index.html", b"three").unwrap();
        staging.commit().unwrap();
        let on_disk = || -> HashMap<String, Written> {
            ["a/index.html", "b/index.html"]
                .map(|p| {
                    let bytes = std::fs::read(out.join(p)).unwrap();
                    (p.to_string(), Written { bytes: bytes.len() as u64, digest: Sha256::digest(&bytes).into() })
                })
                .into_iter()
                .collect()
        };
        // Whether the update starts from this process's list (another test may have finished a
        // build since) or reads the others back, the files are those on disk.
        let staging = Staging::update(&out).unwrap();
        staging.write_with("b/index.html", |w| Ok(w.write_all(b"two, edited")?)).unwrap();
        staging.remove("c").unwrap();
        let files: HashMap<String, Written> =
            staging.files().unwrap().into_iter().filter(|(p, _)| p != MARKER).collect();
        staging.commit().unwrap();
        assert_eq!(files, on_disk());
    }

    #[test]
    fn refuses_foreign_folders_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), b"x").unwrap();
        assert!(Staging::new(dir.path(), &[]).is_err());
        let content = dir.path().join("content");
        assert!(Staging::new(&content.join("out"), &[&content]).is_err());
        let staging = Staging::new(&dir.path().join("out"), &[]).unwrap();
        assert!(staging.write("../x", b"").is_err());
        assert!(staging.write("/etc/x", b"").is_err());
    }
}
