//! `crossings build`: render content into a static site, refusing invalid content and never
//! leaving a half-written site.

mod completeness;
mod context;
mod driver;
mod escape;
mod exports;
mod feeds;
mod format;
mod hours;
pub mod incremental;
pub mod keys;
mod map;
pub mod markdown;
mod nearby;
mod offline;
mod output;
mod pages;
mod search;
mod sitemap;
pub mod templates;
mod ui;
mod url;
mod view;

use std::path::Path;

/// Render valid `content` with the templates in `templates_dir` into `out_dir`, atomically.
pub fn build_site(content: &crate::content::Content, templates_dir: &Path, out_dir: &Path) -> anyhow::Result<()> {
    use crate::timing::phase;
    let mut tera = phase("templates", || templates::load(templates_dir))?;
    let staging = output::Staging::new(out_dir, &[&content.root, templates_dir])?;
    driver::copy_static(templates_dir, &staging)?;
    driver::write_site(content, &mut tera, &staging, &driver::Pages::All)?;
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
    let pages = driver::Pages::Some { checkpoints: change.checkpoints.clone(), borders: change.borders.clone() };
    driver::write_site(content, &mut tera, &staging, &pages)?;
    staging.commit()
}
