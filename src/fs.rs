//! Files and folders: reading, replacing a file whole, listing and walking folders. Every error
//! names the path it is about, so a caller needs no context of its own to say which file failed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The prefix of the temporary file [`write_atomic`] writes beside its target.
pub const TEMP_PREFIX: &str = ".writing-";

/// The text of `path`.
pub fn read_to_string(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// The bytes of `path`.
pub fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// The text of `path`, or `None` when there is no such file.
pub fn read_to_string_if_exists(path: &Path) -> anyhow::Result<Option<String>> {
    optional(std::fs::read_to_string(path), path)
}

/// The bytes of `path`, or `None` when there is no such file.
pub fn read_if_exists(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    optional(std::fs::read(path), path)
}

fn optional<T>(read: std::io::Result<T>, path: &Path) -> anyhow::Result<Option<T>> {
    match read {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    }
}

/// Make `dir` and the folders above it that are missing.
pub fn create_dir_all(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder `{}`", dir.display()))
}

/// Remove the file `path`.
pub fn remove_file(path: &Path) -> anyhow::Result<()> {
    std::fs::remove_file(path).with_context(|| format!("cannot remove `{}`", path.display()))
}

/// Write `bytes` to a new file `path`, refusing one that exists. Its folder is made if missing.
pub fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir_all(dir)?;
    }
    let cannot = || format!("cannot create `{}`", path.display());
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).with_context(cannot)?;
    file.write_all(bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Replace `path` with `bytes` whole: a reader sees the old file or the new one, never part of
/// one, and a failure leaves the old file as it was. Its folder is made if missing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    Staged::write(path, bytes, TEMP_PREFIX)?.commit()
}

/// A file's new bytes written to a temporary file beside it (named `prefix` and a random tail),
/// not yet in its place: [`Staged::commit`] renames it over the file; dropping it removes it.
/// Staging several files before committing any makes a set of writes all or nothing.
pub struct Staged {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Staged {
    /// Write `bytes` beside `path`, flushed to disk, in a temporary file named `prefix...`.
    pub fn write(path: &Path, bytes: &[u8], prefix: &str) -> anyhow::Result<Staged> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(prefix)
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        Ok(Staged { temp, path: path.to_path_buf() })
    }

    /// Put the new bytes in place of the file.
    pub fn commit(self) -> anyhow::Result<()> {
        let path = self.path;
        self.temp
            .persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot replace `{}`", path.display()))?;
        Ok(())
    }

    /// Remove the temporary files named `prefix...` in `dir` that a killed run left behind.
    pub fn remove_leftovers(dir: &Path, prefix: &str) -> anyhow::Result<()> {
        let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
        for entry in entries.flatten() {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && entry.file_name().to_string_lossy().starts_with(prefix) {
                remove_file(&entry.path())?;
            }
        }
        Ok(())
    }
}

/// The entries of the folder `dir` (files and folders) whose names do not start with `.`, sorted.
pub fn list(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let cannot = || format!("cannot list `{}`", dir.display());
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(cannot)? {
        let entry = entry.with_context(cannot)?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            paths.push(entry.path());
        }
    }
    // By name: they share the folder, and comparing whole paths component by component is slow.
    paths.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(paths)
}

/// Every file under `dir`, in its subfolders too, sorted by path; files and folders whose names
/// start with `.` are left out, and so is what a symbolic link points to.
pub fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk_into(dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk_into(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for path in list(dir)? {
        let kind =
            std::fs::symlink_metadata(&path).with_context(|| format!("cannot read `{}`", path.display()))?.file_type();
        if kind.is_dir() {
            walk_into(&path, files)?;
        } else if kind.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.yaml");
        for error in [
            read_to_string(&missing).unwrap_err(),
            read(&missing).unwrap_err(),
            list(&missing).unwrap_err(),
            walk(&missing).unwrap_err(),
            remove_file(&missing).unwrap_err(),
        ] {
            assert!(format!("{error:#}").contains(&missing.display().to_string()), "{error:#}");
        }
        let not_text = dir.path().join("latin1.txt");
        std::fs::write(&not_text, b"caf\xe9").unwrap();
        let error = read_to_string_if_exists(&not_text).unwrap_err();
        assert!(format!("{error:#}").contains(&not_text.display().to_string()), "{error:#}");
    }

    #[test]
    fn a_missing_file_is_none_only_where_asked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_to_string_if_exists(&dir.path().join("none")).unwrap(), None);
        assert_eq!(read_if_exists(&dir.path().join("none")).unwrap(), None);
        std::fs::write(dir.path().join("some"), "text").unwrap();
        assert_eq!(read_to_string_if_exists(&dir.path().join("some")).unwrap().as_deref(), Some("text"));
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/folder/x.yaml");
        write_atomic(&path, b"old\n").unwrap();
        write_atomic(&path, b"new\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new\n");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["x.yaml"]);
    }

    #[test]
    fn a_new_file_is_never_written_over_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rules/x.md");
        write_new(&path, b"first").unwrap();
        let error = write_new(&path, b"second").unwrap_err();
        assert!(format!("{error:#}").contains(&path.display().to_string()), "{error:#}");
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, "old\n").unwrap();
        // A file cannot be renamed over a folder: the write fails, and what was there stays.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(write_atomic(&blocked, b"new\n").is_err());
        assert!(blocked.join("inside").is_dir());
        // A staged write never committed leaves the old file and no temporary file; one left by
        // a killed run is removed.
        drop(Staged::write(&path, b"new\n", TEMP_PREFIX).unwrap());
        std::fs::write(dir.path().join(".writing-left"), "half").unwrap();
        Staged::remove_leftovers(dir.path(), TEMP_PREFIX).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old\n");
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["blocked", "x.yaml"]);
    }

    #[test]
    fn walk_is_sorted_and_skips_dot_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a/z.txt", "a/c/d.txt", ".hidden", ".git/config", "a/.tmp", "B.txt"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, name).unwrap();
        }
        let found: Vec<String> = walk(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["B.txt", "a/c/d.txt", "a/z.txt", "b.txt"]);
        let listed: Vec<String> =
            list(dir.path()).unwrap().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(listed, ["B.txt", "a", "b.txt"]);
    }
}
