//! Reading files into the model: each file's text with the checks every content file gets,
//! parsed into its type, and every problem met on the way as a notice.

use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::fields::{checkpoint_keys, rule_keys};
use super::geo::{self, Geo};
use super::model::Checkpoint;
use super::record::{Record, Rule};
use super::rule_meta::RuleMeta;
use super::source_files::{FileText, SourceFiles, read_checked};
use crate::diagnostics::{Notice, did_you_mean};
use crate::yaml::{self, Pos};

/// The first tab character at or after `from` (parsers report the token before it).
fn first_tab_from(text: &str, from: Pos) -> Option<Pos> {
    text.lines()
        .enumerate()
        .skip(from.line.saturating_sub(1) as usize)
        .find_map(|(i, line)| line.chars().position(|c| c == '\t').map(|col| Pos::new(i as u32 + 1, col as u32 + 1)))
}

pub(super) fn file_stem(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("").to_string()
}

/// What reading one checkpoint file gave.
#[derive(Debug, Clone)]
pub(super) struct CheckpointFile {
    /// The record, unless the file could not be read or parsed.
    pub(super) record: Option<Record<Checkpoint>>,
    /// The problems met.
    pub(super) notices: Vec<Notice>,
    /// Whether the file was read, and its text if kept.
    pub(super) text: FileText,
}

/// Reads files of one content folder, collecting their notices and which files were read.
pub(super) struct Loader {
    /// The content folder, canonical.
    pub(super) root: PathBuf,
    pub(super) files: SourceFiles,
    pub(super) notices: Vec<Notice>,
    /// When on, a digest of what each read gave (path, and text or failure), to tell whether
    /// anything read differs from the previous load.
    pub(super) digest: Option<DefaultHasher>,
}

impl Loader {
    /// A loader of the content folder `root` (canonical), with a digest of what it reads or not.
    pub(super) fn new(root: PathBuf, digest: bool) -> Loader {
        let files = SourceFiles::new(&root);
        Loader { root, files, notices: Vec::new(), digest: digest.then(DefaultHasher::new) }
    }

    /// The digest of what this loader read, if it kept one (then no longer kept).
    pub(super) fn take_digest(&mut self) -> Option<u64> {
        self.digest.take().map(|d| d.finish())
    }

    /// An empty loader for the same folder, for reading files in parallel.
    pub(super) fn fork(&self) -> Loader {
        Loader { root: self.root.clone(), files: SourceFiles::default(), notices: Vec::new(), digest: None }
    }

    /// Read checkpoint file `path` (in a loader of its own, so that files can be read in parallel).
    pub(super) fn read_checkpoint(&self, path: &Path) -> CheckpointFile {
        let mut one = self.fork();
        let text = one.read_text(path);
        one.checkpoint_from(path, text.as_deref())
    }

    /// What checkpoint file `path` gives, as read by this (forked) loader: its `text`, or `None`
    /// when it could not be read (as a notice says).
    pub(super) fn checkpoint_from(mut self, path: &Path, text: Option<&str>) -> CheckpointFile {
        let data = text.and_then(|text| {
            self.make_from(path, text, |this, text| this.parse_yaml(path, text, 0, checkpoint_keys()))
        });
        let record = data.map(|mut data: Checkpoint| {
            data.shrink_to_fit();
            Record { stem: file_stem(path), path: path.to_path_buf(), data }
        });
        CheckpointFile { record, notices: self.notices, text: self.files.take(path) }
    }

    /// The files in `dir` ending in `.ext`, sorted; other entries become notices.
    pub(super) fn list(&mut self, dir: &Path, ext: &str) -> anyhow::Result<Vec<PathBuf>> {
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut paths = Vec::new();
        for path in crate::fs::list(dir)? {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if path.extension().and_then(|e| e.to_str()) == Some(ext) {
                paths.push(path);
            } else {
                if let Some(digest) = &mut self.digest {
                    path.hash(digest);
                }
                self.notices.push(
                    Notice::warning(
                        &path,
                        Pos::new(1, 1),
                        "ignored_file",
                        format!("`{name}` is not a `.{ext}` file and is ignored"),
                    )
                    .hint(format!(
                        "rename it to end in `.{ext}` if it is content, or move it out of `{}`",
                        dir.display()
                    )),
                );
            }
        }
        Ok(paths)
    }

    /// The text of `path`, or `None` (with a notice) when it is missing, unsafe or unreadable.
    /// The file is remembered, to be read again should a notice need its lines.
    pub(super) fn read_text(&mut self, path: &Path) -> Option<String> {
        let read = read_checked(&self.root, path);
        if let Some(digest) = &mut self.digest {
            path.hash(digest);
            match &read {
                Ok(text) => (0u8, text).hash(digest),
                Err(None) => 1u8.hash(digest),
                Err(Some(notice)) => (2u8, &notice.message).hash(digest),
            }
        }
        match read {
            Ok(text) => {
                self.files.remember(path);
                Some(text)
            }
            Err(notice) => {
                if let Some(n) = notice {
                    self.notices.push(*n);
                }
                None
            }
        }
    }

    /// Read `path` and `make` something of its text. When that finds problems, the text is
    /// kept: their notices show its lines.
    fn read_with<T>(&mut self, path: &Path, make: impl FnOnce(&mut Loader, &str) -> Option<T>) -> Option<T> {
        let text = self.read_text(path)?;
        self.make_from(path, &text, make)
    }

    /// `make` something of `path`'s `text`, keeping the text if that finds problems.
    fn make_from<T>(
        &mut self,
        path: &Path,
        text: &str,
        make: impl FnOnce(&mut Loader, &str) -> Option<T>,
    ) -> Option<T> {
        let before = self.notices.len();
        let made = make(self, text);
        if self.notices.len() > before {
            self.files.insert(path, text);
        }
        made
    }

    pub(super) fn read_yaml<T: DeserializeOwned>(&mut self, path: &Path, fields: &[&str]) -> Option<T> {
        self.read_with(path, |this, text| this.parse_yaml(path, text, 0, fields))
    }

    fn parse_yaml<T: DeserializeOwned>(
        &mut self,
        path: &Path,
        text: &str,
        line_offset: u32,
        fields: &[impl AsRef<str>],
    ) -> Option<T> {
        let (value, errors) = yaml::from_str_recovering::<T>(text);
        for mut e in errors {
            {
                if e.message.contains("tab") {
                    e.pos = first_tab_from(text, e.pos).unwrap_or(e.pos);
                }
                let mut notice = Notice::error(path, e.pos.below(line_offset), e.code, e.message.clone());
                if let Some(field) = &e.path {
                    notice = notice.field(field.clone());
                }
                if e.code == "unknown_field" {
                    let subject = e.subject.clone().unwrap_or_default();
                    if e.path.is_none() {
                        notice = notice.field(subject.clone());
                    }
                    notice = match did_you_mean(&subject, fields.iter().map(AsRef::as_ref)) {
                        Some(h) => notice.hint(h),
                        None => notice.hint("remove the field; `crossings schema` lists the fields"),
                    };
                } else if e.code == "invalid_value" {
                    let expected = e.message.split_once("expected one of ").map_or("", |(_, list)| list);
                    let choices = expected.split(", ").map(|c| c.trim_matches('`'));
                    let hint = e.subject.as_deref().and_then(|s| did_you_mean(s, choices));
                    notice = notice.hint(hint.unwrap_or_else(|| format!("use one of: {expected}")));
                } else if e.code == "duplicate_key" {
                    if let Some(first) = e.first {
                        notice = notice.related(path, first.below(line_offset), "note: first given here");
                    }
                    notice = notice
                        .hint("keep one of the two: move what the second one says into the first, then remove it");
                } else if e.code == "yaml_limit" {
                    notice = notice.hint("the file is too big, too deep or uses too many aliases for a content file");
                } else if e.code == "yaml_syntax" {
                    notice = notice.hint("check indentation (spaces, not tabs), quotes and colons near this line");
                }
                self.notices.push(notice);
            }
        }
        value
    }

    pub(super) fn read_geo(&mut self, root: &Path) -> Geo {
        let path = root.join("geo/boundaries.json");
        let boundaries = self.read_with(&path, |this, text| match serde_json::from_str::<geo::Boundaries>(text) {
            Ok(b) => Some(b),
            Err(e) => {
                let pos = Pos::new(e.line() as u32, e.column() as u32);
                this.notices.push(
                    Notice::error(&path, pos, "invalid_geo_data", format!("cannot read the boundaries: {e}")).hint(
                        "restore the file from the repository, or regenerate it with content/geo/make-geo-data.mjs",
                    ),
                );
                None
            }
        });
        // The gazetteer serves ingest alone, which reads it (`Geo::read_gazetteer`).
        Geo { boundaries, gazetteer_main: 0, gazetteer: Vec::new() }
    }

    pub(super) fn read_rule(&mut self, path: &Path, default_language: &str) -> Option<Rule> {
        self.read_with(path, |this, text| this.parse_rule(path, text, default_language))
    }

    fn parse_rule(&mut self, path: &Path, text: &str, default_language: &str) -> Option<Rule> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let base = name.strip_suffix(".md").unwrap_or(name);
        let (id, lang) = match base.rsplit_once('.') {
            Some((id, lang)) => (id.to_string(), lang.to_string()),
            None => (base.to_string(), default_language.to_string()),
        };
        let Some(rest) = text.strip_prefix("---\n") else {
            self.notices.push(
                Notice::error(
                    path,
                    Pos::new(1, 1),
                    "missing_front_matter",
                    "a rule document must start with YAML front matter",
                )
                .hint("begin the file with a line `---`, the fields (title, category, ...), and another `---` line"),
            );
            return None;
        };
        let (front, body) = match rest.find("\n---\n") {
            Some(i) => (&rest[..=i], &rest[i + 5..]),
            None if rest.ends_with("\n---") => (&rest[..rest.len() - 3], ""),
            None => {
                self.notices.push(
                    Notice::error(path, Pos::new(1, 1), "missing_front_matter", "the front matter is not closed")
                        .hint("add a line `---` after the front matter's last field"),
                );
                return None;
            }
        };
        let body_line = 3 + front.lines().count() as u32;
        let meta = self.parse_yaml::<RuleMeta>(path, front, 1, rule_keys())?;
        let meta = shift_rule_positions(meta, 1);
        Some(Rule { path: path.to_path_buf(), id, lang, meta, body: body.to_string(), body_line })
    }
}

/// Front matter starts on line 2 of a rule file: move its positions there.
fn shift_rule_positions(mut meta: RuleMeta, lines: u32) -> RuleMeta {
    let shift = |s: &mut yaml::Spanned<String>| s.pos = s.pos.below(lines);
    shift(&mut meta.title);
    for d in [&mut meta.last_verified, &mut meta.revised, &mut meta.translated_from].into_iter().flatten() {
        shift(d)
    }
    let scopes = meta.allowances.iter_mut().filter_map(|a| a.applies_to.as_mut());
    let scopes = scopes.chain(meta.lists.iter_mut().filter_map(|l| l.applies_to.as_mut()));
    for a in scopes.chain(meta.applies_to.as_mut()) {
        a.borders.iter_mut().for_each(|b| b.pos = b.pos.below(lines));
        a.crossings.iter_mut().for_each(|c| c.pos = c.pos.below(lines));
        a.checkpoints.iter_mut().for_each(shift);
        a.nationalities.iter_mut().for_each(shift);
    }
    for allowance in &mut meta.allowances {
        if let Some(a) = allowance.amount.as_mut() {
            a.pos = a.pos.below(lines);
        }
        allowance.currency.iter_mut().chain(allowance.source.as_mut()).for_each(shift);
        allowance.computed_from.iter_mut().for_each(shift);
    }
    for s in &mut meta.sources {
        for f in [&mut s.source, &mut s.url, &mut s.as_of, &mut s.retrieved].into_iter().flatten() {
            shift(f);
        }
        s.supports.iter_mut().for_each(shift);
    }
    meta
}
