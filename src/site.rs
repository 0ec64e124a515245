//! The pipeline every command and the preview run: load the content, check it, render it.
//!
//! [`Site::load`] reads `content/` ([`crate::content`]) and checks what it read
//! ([`crate::validate`]), with the interface strings the templates use; [`Site::render`]
//! writes the pages ([`crate::render`]) when the check found no error. `build` does all three,
//! `validate` the first two, `serve` all three on every edit (through [`Site::load_cached`]).

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::content::{Changes, Content, LoadCache, Loaded};
use crate::diagnostics::Notice;
use crate::render::incremental::Affected;
use crate::timing::phase;
use crate::validate::{self, Report, Settings};

/// Content as loaded and checked, ready to render if its report has no error.
#[derive(Debug)]
pub struct Site {
    /// What `content/` holds (with the text of files that have notices, for the report).
    pub content: Content,
    /// Every problem found, loading and checking.
    pub report: Report,
}

impl Site {
    /// Load `content_dir` and check it, with the interface strings the templates in
    /// `templates_dir` use (skipped when there is no such folder). Fails only when the content
    /// folder or the templates cannot be read at all.
    pub fn load(content_dir: &Path, templates_dir: &Path, settings: Settings) -> anyhow::Result<Site> {
        let loaded = phase("load", || crate::content::load(content_dir))?;
        Site::check(loaded, Some(templates_dir), settings)
    }

    /// [`Site::load`] through `cache`: only the checkpoint files that changed since the previous
    /// call with the same cache are read again. Also returns what changed since then.
    pub fn load_cached(
        content_dir: &Path,
        templates_dir: &Path,
        settings: Settings,
        cache: &mut LoadCache,
    ) -> anyhow::Result<(Site, Changes)> {
        let loaded = phase("load", || crate::content::load_cached(content_dir, cache))?;
        crate::timing::note(|| {
            format!("load read {} checkpoint files, reused {}", cache.files_read(), cache.files_reused())
        });
        let site = Site::check(loaded, Some(templates_dir), settings)?;
        Ok((site, cache.changes().clone()))
    }

    /// Check the checkpoint and rule files `paths` of `content_dir` and what depends on them
    /// (a duplicate id, the records they name as the same place, links to checkpoints), reading
    /// only those of the checkpoint files. The report holds the notices on those files and
    /// those that point at them. A path to other content (settings, sources, translations)
    /// checks all the content.
    pub fn load_paths(content_dir: &Path, paths: &[PathBuf], settings: Settings) -> anyhow::Result<Site> {
        let Some(focus) = Focus::of(content_dir, paths)? else {
            let loaded = phase("load", || crate::content::load(content_dir))?;
            return Site::check(loaded, None, settings);
        };
        let loaded = phase("load", || crate::content::load_focused(content_dir, &focus.checkpoints))?;
        let Site { content, report } = Site::check(loaded, None, settings)?;
        let concerns = |n: &Notice| focus.holds(&n.path) || n.related.iter().any(|r| focus.holds(&r.path));
        let notices = report.notices.into_iter().filter(concerns).collect();
        Ok(Site { content, report: Report::new(notices, report.checkpoints, report.rules) })
    }

    fn check(loaded: Loaded, templates_dir: Option<&Path>, settings: Settings) -> anyhow::Result<Site> {
        let (mut content, report) = validate::check_loaded(loaded, settings);
        let report = match templates_dir.filter(|d| d.is_dir()) {
            Some(dir) => validate::check_templates(&mut content, report, dir)?,
            None => report,
        };
        Ok(Site { content, report })
    }

    /// Whether the content has errors, so that it must not be published.
    pub fn is_refused(&self) -> bool {
        self.report.fails(false)
    }

    /// Render the content with the templates in `templates_dir` into `out_dir`, replacing what
    /// was there at once when all is written.
    pub fn render(&self, templates_dir: &Path, out_dir: &Path) -> anyhow::Result<()> {
        anyhow::ensure!(!self.is_refused(), "the content has errors: fix them before building");
        crate::render::build_site(&self.content, templates_dir, out_dir)
    }

    /// Rewrite, in place, what `change` affects in `dir`, a finished build of earlier content
    /// (see [`crate::render::incremental`]).
    pub fn update(&self, templates_dir: &Path, dir: &Path, change: &Affected) -> anyhow::Result<()> {
        anyhow::ensure!(!self.is_refused(), "the content has errors: fix them before building");
        crate::render::update_site(&self.content, templates_dir, dir, change)
    }
}

/// The files `crossings validate PATH...` was given, by kind.
#[derive(Debug, Default)]
struct Focus {
    /// File names in `checkpoints/`.
    checkpoints: Vec<String>,
    /// File names in `rules/`.
    rules: Vec<String>,
}

impl Focus {
    /// The checkpoint and rule files among `paths`, or `None` when one of them is another kind
    /// of content (settings, sources, translations), on which everything may depend.
    fn of(content_dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Option<Focus>> {
        let folder = |name: &str| content_dir.join(name).canonicalize().ok();
        let (checkpoints, rules) = (folder("checkpoints"), folder("rules"));
        let mut focus = Focus::default();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let parent = parent.canonicalize().with_context(|| format!("cannot find `{}`", path.display()))?;
            if Some(&parent) == checkpoints.as_ref() && name.ends_with(".yaml") {
                focus.checkpoints.push(name);
            } else if Some(&parent) == rules.as_ref() && name.ends_with(".md") {
                focus.rules.push(name);
            } else if parent.starts_with(content_dir.canonicalize()?) {
                return Ok(None);
            } else {
                anyhow::bail!(
                    "`{}` is not in the content folder `{}`: give checkpoint or rule files from it",
                    path.display(),
                    content_dir.display()
                );
            }
        }
        Ok(Some(focus))
    }

    /// Whether `path` is one of the given files.
    fn holds(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let folder = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
        match folder {
            Some("checkpoints") => self.checkpoints.iter().any(|n| n == name),
            Some("rules") => self.rules.iter().any(|n| n == name),
            _ => false,
        }
    }
}
