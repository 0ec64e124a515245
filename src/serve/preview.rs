//! The previewed site: validating and building content into folders the server owns, and what
//! requests are answered from (the last good build, and the problems of the latest attempt).
//!
//! The first build, and every build after a change of templates or of content other than
//! checkpoint files, goes into a new folder `site-N` inside a temporary folder (through
//! [`Site::render`], so each is written whole before it is served); requests switch to it
//! at once, the previous one is kept for requests still reading it, older ones are removed. When
//! only checkpoint files changed since the last good build, that build is updated in place
//! ([`render::update_site`]: the affected checkpoint pages and everything that lists
//! checkpoints, each file replaced whole), and only the files that changed are read again
//! ([`LoadCache`]): on a large site an edit shows in a fraction of a whole build's time. The
//! user's `output/` is never touched, so previewing never clobbers a publish build.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use anyhow::Context as _;
use serde_json::json;

use super::reload::Hub;
use crate::content::{Changes, LoadCache};
use crate::render;
use crate::site::Site;
use crate::validate::{Format, Report, Settings, notice::Severity};

/// What requests are answered from, at one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last good build's folder (canonical), if any build succeeded yet.
    pub dir: Option<PathBuf>,
    /// The path the site is served under, from `base_url` (e.g. `/crossings/`).
    pub prefix: String,
    /// The last good build's id (empty before the first).
    pub build: String,
    /// The latest attempt's problems (JSON for the overlay), when it was refused.
    pub problems: Option<String>,
}

/// Builds in progress and done, behind one lock so that two never overlap.
#[derive(Default)]
struct Builds {
    count: u64,
    previous: Option<PathBuf>,
    stopped: bool,
    /// What the previous load read, so that the next reads only the files that changed.
    cache: LoadCache,
    /// The last good build, which a change of checkpoint files only can update.
    good: Option<Good>,
    /// What changed since the last good build (over attempts refused since).
    pending: Changes,
}

/// A good build and what it was built from.
struct Good {
    /// The content, as built (with the preview's `base_url`).
    content: crate::content::Content,
    /// [`fingerprint`] of the templates folder.
    templates: u64,
    /// The folder.
    dir: PathBuf,
}

/// How one attempt ended.
enum Attempt {
    Built { prefix: String, summary: String, dir: PathBuf, how: String },
    Refused { prefix: String, text: String, problems: serde_json::Value },
}

/// The site being previewed.
pub struct Preview {
    content_dir: PathBuf,
    templates_dir: PathBuf,
    root: PathBuf,
    temp: Mutex<Option<tempfile::TempDir>>,
    session: u64,
    builds: Mutex<Builds>,
    state: RwLock<Arc<Snapshot>>,
    /// The pages listening for reloads.
    pub hub: Hub,
}

impl Preview {
    /// A preview of `content_dir` with `templates_dir`, building into a new temporary folder.
    pub fn new(content_dir: &Path, templates_dir: &Path) -> anyhow::Result<Preview> {
        let temp = tempfile::Builder::new()
            .prefix("crossings-serve-")
            .tempdir()
            .context("cannot create a temporary folder to build the preview in")?;
        let root = temp.path().canonicalize().context("cannot resolve the temporary folder")?;
        let session = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Ok(Preview {
            content_dir: content_dir.to_path_buf(),
            templates_dir: templates_dir.to_path_buf(),
            root,
            temp: Mutex::new(Some(temp)),
            session,
            builds: Mutex::new(Builds::default()),
            state: RwLock::new(Arc::new(Snapshot { prefix: "/".into(), ..Snapshot::default() })),
            hub: Hub::default(),
        })
    }

    /// The folder builds go into (removed by [`Preview::stop`]).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What requests are answered from now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.state.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set_snapshot(&self, snapshot: Snapshot) {
        *self.state.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }

    /// Validate and build the content; serve the result if it is good, or keep serving the last
    /// good build and report the problems (terminal and pages) if not.
    pub fn rebuild(&self) {
        let mut builds = self.builds.lock().unwrap_or_else(|e| e.into_inner());
        if builds.stopped {
            return;
        }
        builds.count += 1;
        let started = Instant::now();
        let dir = self.root.join(format!("site-{}", builds.count));
        match self.attempt(&dir, &mut builds) {
            Ok(Attempt::Built { prefix, summary, dir, how }) => {
                let build = format!("{}-{}", self.session, builds.count);
                self.publish(&dir, prefix, &build, &mut builds);
                eprintln!("serve: {how} in {} ms ({summary})", started.elapsed().as_millis());
            }
            Ok(Attempt::Refused { prefix, text, problems }) => {
                eprint!("{text}");
                eprintln!("serve: not rebuilt: fix the errors above (still serving the last good build)");
                self.refuse(Some(prefix), problems);
            }
            Err(e) => {
                let lines: Vec<String> = e.chain().map(|c| c.to_string()).collect();
                eprintln!("serve: not rebuilt: {}", lines.join("\n  caused by: "));
                self.refuse(None, failure(&lines));
            }
        }
    }

    fn attempt(&self, dir: &Path, builds: &mut Builds) -> anyhow::Result<Attempt> {
        let loaded = Site::load_cached(&self.content_dir, &self.templates_dir, Settings::default(), &mut builds.cache);
        let (mut site, changes) = loaded.inspect_err(|_| builds.good = None)?;
        builds.pending.first |= changes.first;
        builds.pending.others |= changes.others;
        builds.pending.checkpoints.extend(changes.checkpoints);
        let prefix = site_prefix(&site.content.config.base_url);
        if site.is_refused() {
            let text = site.report.render(Format::Human, &site.content.files);
            return Ok(Attempt::Refused { prefix, text, problems: problems(&site.report) });
        }
        // Pages link relatively; what names the site absolutely (canonical links, the 404 page's
        // links, sitemap, feed) points at the preview instead of the published address.
        site.content.config.base_url = prefix.clone();
        let templates = fingerprint(&self.templates_dir);
        let pending = std::mem::take(&mut builds.pending);
        let (dir, how) = match builds.good.take() {
            Some(good) if !pending.first && !pending.others && good.templates == templates => {
                let change = render::incremental::affected(&good.content, &site.content, &pending.checkpoints);
                // A failure midway leaves `good` dropped: the next attempt builds whole.
                site.update(&self.templates_dir, &good.dir, &change)?;
                let how = format!("updated {} checkpoint pages and the lists", change.checkpoints.len());
                (good.dir, how)
            }
            _ => {
                site.render(&self.templates_dir, dir)?;
                let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                (dir, "built".to_string())
            }
        };
        let summary = site.report.summary();
        builds.good = Some(Good { content: site.content, templates, dir: dir.clone() });
        Ok(Attempt::Built { prefix, summary, dir, how })
    }

    fn publish(&self, dir: &Path, prefix: String, build: &str, builds: &mut Builds) {
        let replaced = self.snapshot().dir.clone();
        let updated = replaced.as_deref() == Some(dir);
        self.set_snapshot(Snapshot { dir: Some(dir.to_path_buf()), prefix, build: build.to_string(), problems: None });
        self.hub.broadcast("reload", &json!({ "build": build }).to_string());
        if updated {
            return;
        }
        // The build just replaced stays for requests still reading it; the one before goes (after
        // the pages were told, so that they need not wait for it).
        if let Some(older) = std::mem::replace(&mut builds.previous, replaced) {
            let _ = std::fs::remove_dir_all(older);
        }
    }

    fn refuse(&self, prefix: Option<String>, mut problems: serde_json::Value) {
        let mut snapshot = (*self.snapshot()).clone();
        if let (None, Some(prefix)) = (&snapshot.dir, prefix) {
            snapshot.prefix = prefix;
        }
        problems["kept"] = json!(snapshot.dir.is_some());
        let problems = problems.to_string();
        snapshot.problems = Some(problems.clone());
        self.set_snapshot(snapshot);
        self.hub.broadcast("problems", &problems);
    }

    /// Stop building, end the event streams and remove the temporary folder.
    pub fn stop(&self) -> anyhow::Result<()> {
        let mut builds = match self.builds.try_lock() {
            Ok(builds) => builds,
            Err(_) => {
                eprintln!("serve: waiting for the build in progress to finish");
                self.builds.lock().unwrap_or_else(|e| e.into_inner())
            }
        };
        builds.stopped = true;
        self.hub.close();
        match self.temp.lock().unwrap_or_else(|e| e.into_inner()).take() {
            Some(temp) => temp.close().with_context(|| format!("cannot remove `{}`", self.root.display())),
            None => Ok(()),
        }
    }
}

/// A digest of every file under `dir` (names and bytes, dot-files left out), to tell whether
/// templates changed.
fn fingerprint(dir: &Path) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    match crate::fs::walk(dir) {
        Ok(files) => {
            for path in files {
                path.hash(&mut hasher);
                crate::fs::read(&path).ok().hash(&mut hasher);
            }
        }
        // The rebuild this change starts reports the folder it cannot read.
        Err(e) => format!("{e:#}").hash(&mut hasher),
    }
    hasher.finish()
}

/// The path part of `base_url`, with a leading and a trailing `/`: where `build`'s output is
/// published, and so where the preview serves it. `/` when the address has no usable path.
pub fn site_prefix(base_url: &str) -> String {
    let rest = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None if base_url.starts_with('/') => base_url,
        None => "/",
    };
    let path = rest.split(['?', '#']).next().unwrap_or("/");
    let safe = path.chars().all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c));
    let dots = path.split('/').any(|segment| segment == "." || segment == "..");
    if !safe || dots || path.contains("//") {
        return "/".to_string();
    }
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

/// The overlay's report of refused content: errors, each with file:line:column and message.
fn problems(report: &Report) -> serde_json::Value {
    let problems: Vec<_> = report
        .notices
        .iter()
        .filter(|n| n.severity == Severity::Error)
        .map(|n| {
            let message = if n.field.is_empty() { n.message.clone() } else { format!("{}: {}", n.field, n.message) };
            json!({
                "location": format!("{}:{}", n.path.display(), n.pos),
                "file": n.path.display().to_string(),
                "line": n.pos.line,
                "column": n.pos.column,
                "code": n.code,
                "message": format!("error[{}] {message}", n.code),
                "hint": n.hint,
            })
        })
        .collect();
    let title = "The content has errors: the site was not rebuilt";
    json!({ "title": title, "summary": report.summary(), "problems": problems })
}

/// The overlay's report of a build that failed for another reason (a template error, say).
fn failure(lines: &[String]) -> serde_json::Value {
    let problems: Vec<_> = lines.iter().map(|line| json!({ "message": line })).collect();
    json!({ "title": "The site could not be built", "problems": problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_under_the_path_of_base_url() {
        assert_eq!(site_prefix("https://crossings-kz.github.io/crossings/"), "/crossings/");
        assert_eq!(site_prefix("https://example.org/a/b"), "/a/b/");
        assert_eq!(site_prefix("https://example.org"), "/");
        assert_eq!(site_prefix("http://localhost/"), "/");
        assert_eq!(site_prefix("/docs/?x"), "/docs/");
        assert_eq!(site_prefix("https://example.org/../etc/"), "/");
        assert_eq!(site_prefix("https://example.org/a b/"), "/");
    }
}
