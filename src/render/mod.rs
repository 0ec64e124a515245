//! `crossings build`: render content into a static site, refusing invalid content and never
//! leaving a half-written site.

pub mod context;
pub mod escape;
pub mod exports;
pub mod feeds;
pub mod format;
pub mod hours;
pub mod i18n;
pub mod incremental;
pub mod keys;
pub mod map;
pub mod map_labels;
pub mod markdown;
pub mod nearby;
pub mod offline;
pub mod output;
pub mod pages;
pub mod search;
pub mod site;
pub mod sitemap;
pub mod templates;
pub mod url;
pub mod view;

use std::path::Path;

use anyhow::Context as _;

/// Copy the theme's assets (`templates/static/`) into the site.
fn copy_static(templates_dir: &Path, staging: &output::Staging) -> anyhow::Result<()> {
    let dir = templates_dir.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    let mut files = Vec::new();
    collect_files(&dir, &mut files)?;
    files.sort();
    for file in files {
        let relative = file.strip_prefix(templates_dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&file).with_context(|| format!("cannot read `{}`", file.display()))?;
        staging.write(&relative, &bytes)?;
    }
    Ok(())
}

/// Every file under `dir` (not dot-files), in the order the file system lists them.
fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(&entry.path(), out)?;
        } else if kind.is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Render valid `content` with the templates in `templates_dir` into `out_dir`, atomically.
pub fn build_site(content: &crate::content::Content, templates_dir: &Path, out_dir: &Path) -> anyhow::Result<()> {
    use crate::timing::phase;
    let mut tera = phase("templates", || templates::load(templates_dir))?;
    let staging = output::Staging::new(out_dir, &[&content.root, templates_dir])?;
    copy_static(templates_dir, &staging)?;
    site::write_site(content, &mut tera, &staging, &site::Pages::All)?;
    phase("swap", || staging.commit())
}

/// Rewrite, in place, what changed checkpoint files affect in the finished build `dir` of
/// earlier content (see [`incremental`]): the pages of `change.checkpoints` and
/// `change.borders`, the removal of `change.removed`, and every other page and file that lists
/// checkpoints. For `serve`.
pub fn update_site(
    content: &crate::content::Content,
    templates_dir: &Path,
    dir: &Path,
    change: &incremental::Affected,
) -> anyhow::Result<()> {
    let mut tera = crate::timing::phase("templates", || templates::load(templates_dir))?;
    let staging = output::Staging::update(dir)?;
    for id in &change.removed {
        for lang in &content.config.languages {
            staging.remove(&format!("{}checkpoints/{id}", url::prefix(content, lang)))?;
        }
    }
    let pages = site::Pages::Some { checkpoints: change.checkpoints.clone(), borders: change.borders.clone() };
    site::write_site(content, &mut tera, &staging, &pages)?;
    staging.commit()
}
