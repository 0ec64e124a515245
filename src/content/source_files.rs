//! The files read, so diagnostics can show the offending line.
//!
//! Holding the text of every file would cost as much memory as the content itself (a fifth of
//! `validate`'s peak on 10,000 checkpoints), and most files never get a notice. So only the texts
//! of files that problems were found in while reading them are kept (and those given with
//! [`SourceFiles::insert`]); any other file read is read again from disk, with the same checks,
//! when a notice points into it. A file edited in between shows its new line.

use std::collections::{BTreeMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostics::Notice;
use crate::yaml::{MAX_FILE_BYTES, Pos};

/// The files read, by path: some with their text, the others to read again when needed.
#[derive(Debug, Default)]
pub struct SourceFiles {
    /// The content folder, canonical: files read again must still lie in it.
    root: PathBuf,
    /// Texts kept.
    kept: BTreeMap<PathBuf, Arc<str>>,
    /// The other files read.
    read: HashSet<PathBuf>,
    /// The file last read again (notices come in file order, several to a file).
    last: Mutex<Option<(PathBuf, Option<Arc<str>>)>>,
}

/// What is known of one file's text.
#[derive(Debug, Clone)]
pub(super) enum FileText {
    /// The file was not read (it is missing, unsafe or unreadable).
    Unread,
    /// The file was read; its text is not kept.
    Read,
    /// The file was read and its text kept.
    Kept(Arc<str>),
}

impl Clone for SourceFiles {
    fn clone(&self) -> SourceFiles {
        SourceFiles {
            root: self.root.clone(),
            kept: self.kept.clone(),
            read: self.read.clone(),
            last: Mutex::default(),
        }
    }
}

impl SourceFiles {
    /// No files yet, of the content folder `root` (canonical).
    pub fn new(root: &Path) -> SourceFiles {
        SourceFiles { root: root.to_path_buf(), ..SourceFiles::default() }
    }

    /// Keep the text of `path`.
    pub fn insert(&mut self, path: &Path, text: &str) {
        self.keep(path, text.into());
    }

    /// Keep the text of `path`, shared.
    pub fn keep(&mut self, path: &Path, text: Arc<str>) {
        self.read.remove(path);
        self.kept.insert(path.to_path_buf(), text);
    }

    /// Note that `path` was read, to read it again if a notice needs its text.
    pub fn remember(&mut self, path: &Path) {
        if !self.kept.contains_key(path) {
            self.read.insert(path.to_path_buf());
        }
    }

    /// What is known of `path`, taken out.
    pub(super) fn take(&mut self, path: &Path) -> FileText {
        match self.kept.remove(path) {
            Some(text) => FileText::Kept(text),
            None if self.read.remove(path) => FileText::Read,
            None => FileText::Unread,
        }
    }

    /// Take `text` as what is known of `path`.
    pub(super) fn add(&mut self, path: &Path, text: &FileText) {
        match text {
            FileText::Unread => {}
            FileText::Read => self.remember(path),
            FileText::Kept(text) => self.keep(path, text.clone()),
        }
    }

    /// The text of `path`, if it was read (and, when not kept, can still be read).
    pub fn text(&self, path: &Path) -> Option<Arc<str>> {
        if let Some(text) = self.kept.get(path) {
            return Some(text.clone());
        }
        if !self.read.contains(path) {
            return None;
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        match &*last {
            Some((p, text)) if p == path => text.clone(),
            _ => {
                let text: Option<Arc<str>> = read_checked(&self.root, path).ok().map(Arc::from);
                *last = Some((path.to_path_buf(), text.clone()));
                text
            }
        }
    }

    /// Line `line` (1-based) of `path`, if it was read and has that line.
    pub fn line(&self, path: &Path, line: u32) -> Option<String> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text(path)?.lines().nth(index).map(str::to_string)
    }
}

/// Read `path` as UTF-8 text, refusing what no content file should be.
/// `Err(None)` means the file is simply absent.
pub fn read_checked(root: &Path, path: &Path) -> Result<String, Option<Box<Notice>>> {
    let start = Pos::new(1, 1);
    let fail =
        |code, message: String, hint: &str| Err(Some(Box::new(Notice::error(path, start, code, message).hint(hint))));
    let unreadable = |e: std::io::Error| {
        fail("unreadable_file", format!("cannot read the file: {e}"), "check the file's permissions")
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        Err(e) => return unreadable(e),
    };
    let meta = if meta.file_type().is_symlink() {
        match path.canonicalize() {
            Ok(target) if target.starts_with(root) => {}
            Ok(target) => {
                return fail(
                    "symlink_outside_content",
                    format!("this symbolic link points outside the content folder, to `{}`", target.display()),
                    "content must live inside `content/`: copy the file in instead of linking to it",
                );
            }
            Err(e) => {
                return fail(
                    "unreadable_file",
                    format!("broken symbolic link: {e}"),
                    "remove the link or fix its target",
                );
            }
        }
        match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return unreadable(e),
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return fail("unreadable_file", "not a regular file".to_string(), "content files must be plain files");
    }
    let too_large = |size: u64| {
        fail(
            "file_too_large",
            format!("the file is {size} bytes; content files may be at most {MAX_FILE_BYTES}"),
            "split the content or remove what does not belong in it",
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return too_large(meta.len());
    }
    // Read at most one byte past the limit: a file that grew since `meta` is still refused.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    let read = std::fs::File::open(path).and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return unreadable(e);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(bytes.len() as u64);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let at = Pos::at_offset(std::str::from_utf8(valid).unwrap_or(""), valid.len());
            return Err(Some(Box::new(
                Notice::error(path, at, "not_utf8", "the file is not valid UTF-8 text")
                    .hint("save the file as UTF-8 (without changing its characters by hand)"),
            )));
        }
    };
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    if text.trim().is_empty() {
        return fail("empty_file", "the file is empty".to_string(), "fill in the record's fields, or delete the file");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_again_only_files_that_were_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let [a, b, c, d] = ["a", "b", "c", "d"].map(|name| root.join(format!("{name}.yaml")));
        for path in [&a, &b, &c, &d] {
            std::fs::write(path, "one\ntwo\n").unwrap();
        }
        let mut files = SourceFiles::new(&root);
        files.remember(&a);
        files.insert(&b, "kept\n");
        files.remember(&c);
        assert_eq!(files.line(&a, 2).as_deref(), Some("two"));
        assert_eq!(files.line(&a, 3), None);
        assert_eq!(files.line(&b, 1).as_deref(), Some("kept"));
        assert_eq!(files.line(&d, 1), None, "never read");
        assert_eq!(files.line(&c, 1).as_deref(), Some("one"));
        std::fs::write(&a, "uno\n").unwrap();
        assert_eq!(files.line(&a, 1).as_deref(), Some("uno"), "read again");
        std::fs::remove_file(&a).unwrap();
        assert_eq!(files.clone().line(&a, 1), None);
    }
}
