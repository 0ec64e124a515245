//! The site offline: for each language, the list of files a visitor's browser keeps (its pages,
//! the assets and its search index: `static/offline.<lang>.json`, with their size), and the
//! service worker (`sw.js` at the site's root, from `templates/sw.js`) that keeps them in a cache
//! named after a hash of those files, so a new build replaces the cache whole.

use std::path::Path;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::output::{MARKER, Staging};
use super::ui::Uis;
use super::url::{manifest_path, prefix};
use crate::content::Content;

/// The service worker's template, and where it goes: at the site's root, so that its scope is
/// the whole site.
pub const WORKER: &str = "sw.js";

/// What `static/offline.<lang>.json` says.
#[derive(Serialize)]
struct Manifest<'a> {
    build: &'a str,
    lang: &'a str,
    bytes: u64,
    note: String,
    files: Vec<&'a str>,
}

/// A file of the site and its size.
struct File {
    path: String,
    bytes: u64,
}

/// Write every language's manifest and the service worker, from the files of the finished
/// site in `staging` (after every other file is written).
pub fn write_offline(content: &Content, uis: &Uis, tera: &tera::Tera, staging: &Staging) -> anyhow::Result<()> {
    let files = site_files(staging.dir())?;
    let prefixes: Vec<String> = content.config.languages.iter().map(|l| prefix(content, l)).collect();
    let per_language: Vec<(&String, Vec<&File>)> = content
        .config
        .languages
        .iter()
        .zip(&prefixes)
        .map(|(lang, prefix)| (lang, files.iter().filter(|f| kept_for(&f.path, lang, prefix, &prefixes)).collect()))
        .collect();
    let mut kept: Vec<&File> = per_language.iter().flat_map(|(_, files)| files.iter().copied()).collect();
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    kept.dedup_by(|a, b| a.path == b.path);
    let build = build_hash(staging.dir(), &kept)?;
    for (lang, files) in &per_language {
        let ui = &uis[*lang];
        let bytes = files.iter().map(|f| f.bytes).sum();
        let manifest = Manifest {
            build: &build,
            lang,
            bytes,
            note: ui.fill("offline_stored", &[("size", &size_text(bytes, ui))]),
            files: files.iter().map(|f| f.path.as_str()).collect(),
        };
        staging.write(&manifest_path(lang), &serde_json::to_vec(&manifest)?)?;
    }
    let mut ctx = tera::Context::new();
    ctx.insert("build", &build);
    ctx.insert("languages", &serde_json::to_string(&content.config.languages)?);
    staging.write(WORKER, super::templates::render(tera, WORKER, &ctx)?.as_bytes())
}

/// Whether a visitor reading `lang` keeps `path`: the language's pages (not the 404 page, whose
/// links point at the published site), and every asset but other languages' search indexes and
/// lists of files.
/// `prefix` is where the language's pages are, `prefixes` every language's.
fn kept_for(path: &str, lang: &str, prefix: &str, prefixes: &[String]) -> bool {
    if let Some(name) = path.strip_prefix("static/") {
        let other_language =
            |stem: &str| name.strip_prefix(stem).and_then(|rest| rest.split('.').next()).is_some_and(|l| l != lang);
        return !name.starts_with("offline.") && !other_language("search-index.");
    }
    let Some(rest) = path.strip_prefix(prefix) else { return false };
    let in_other = prefixes.iter().any(|p| p.len() > prefix.len() && path.starts_with(p.as_str()));
    rest.ends_with(".html") && rest != "404.html" && !in_other
}

/// Every file of the site in `dir` but the build's marker and what this module writes, sorted.
fn site_files(dir: &Path) -> anyhow::Result<Vec<File>> {
    let mut paths = Vec::new();
    super::output::collect_files(dir, &mut paths)?;
    let mut files: Vec<File> = paths
        .iter()
        .filter_map(|p| {
            let path = p.strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            let bytes = p.metadata().ok()?.len();
            (path != MARKER && path != WORKER).then_some(File { path, bytes })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A hash of `files` (their paths and bytes): what names a build's cache.
fn build_hash(dir: &Path, files: &[&File]) -> anyhow::Result<String> {
    let digests: Vec<[u8; 32]> = files
        .par_iter()
        .map(|f| {
            let path = dir.join(&f.path);
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
            let mut h = Sha256::new();
            h.update(f.path.as_bytes());
            h.update([0]);
            h.update(&bytes);
            Ok(h.finalize().into())
        })
        .collect::<anyhow::Result<_>>()?;
    let mut all = Sha256::new();
    for d in digests {
        all.update(d);
    }
    Ok(all.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect())
}

/// `bytes` in megabytes to one decimal, as `ui`'s language writes it (at least 0.1).
fn size_text(bytes: u64, ui: &super::ui::Ui) -> String {
    let tenths = (bytes as f64 / 100_000.0).round().max(1.0);
    ui.fill("offline_megabytes", &[("n", &ui.number(tenths / 10.0))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_keeps_its_pages_the_assets_and_its_search_index() {
        let prefixes: Vec<String> = ["", "ru/", "kk/"].map(String::from).to_vec();
        let prefix = |lang: &str| if lang == "en" { String::new() } else { format!("{lang}/") };
        let kept = |path: &str, lang: &str| kept_for(path, lang, &prefix(lang), &prefixes);
        assert!(kept("index.html", "en"));
        assert!(kept("checkpoints/khorgos/index.html", "en"));
        assert!(!kept("ru/checkpoints/khorgos/index.html", "en"));
        assert!(kept("ru/checkpoints/khorgos/index.html", "ru"));
        assert!(!kept("kk/index.html", "ru"));
        assert!(!kept("404.html", "en") && !kept("ru/404.html", "ru"));
        assert!(!kept("feed.xml", "en") && !kept("data/checkpoints.csv", "en"));
        assert!(kept("static/style.css", "kk") && kept("static/search.js", "kk"));
        assert!(kept("static/search-index.kk.js", "kk"));
        assert!(!kept("static/search-index.en.js", "kk"));
        assert!(!kept("static/offline.kk.json", "kk"));
    }
}
