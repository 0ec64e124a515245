//! The site offline: for each language, the list of files a visitor's browser keeps (its pages,
//! the assets and its search index: `static/offline.<lang>.json`, with their size and the
//! footer's note that says it, which `static/site.js` shows once the service worker has kept
//! them), and the service worker (`sw.js` at the site's root, from `templates/sw.js`) that keeps
//! them in a cache named after a hash of those files, so a new build replaces the cache whole.
//! Pages are not read back: sizes and digests are those [`Staging`] took while writing them.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::output::{MARKER, Staging, Written};
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
    /// The footer's note, in the language: how much the files weigh.
    note: String,
    files: Vec<&'a str>,
}

/// A file of the site, its size and digest.
struct File {
    path: String,
    written: Written,
}

/// Write every language's manifest, then the service worker, from the files of the finished
/// site in `staging` (after every other file is written).
pub fn write_offline(content: &Content, uis: &Uis, tera: &tera::Tera, staging: &Staging) -> anyhow::Result<()> {
    let files = site_files(staging)?;
    let per_language = per_language(content, &files);
    let mut kept: Vec<&File> = per_language.iter().flat_map(|(_, files)| files.iter().copied()).collect();
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    kept.dedup_by(|a, b| a.path == b.path);
    let build = build_hash(&kept);
    for (lang, files) in &per_language {
        let bytes = files.iter().map(|f| f.written.bytes).sum();
        let ui = &uis[lang.as_str()];
        let note = ui.fill("offline_stored", &[("size", &size_text(bytes, ui))]);
        let files = files.iter().map(|f| f.path.as_str()).collect();
        let manifest = Manifest { build: &build, lang, bytes, note, files };
        staging.write(&manifest_path(lang), &serde_json::to_vec(&manifest)?)?;
    }
    let mut ctx = tera::Context::new();
    ctx.insert("build", &build);
    ctx.insert("languages", &serde_json::to_string(&content.config.languages)?);
    staging.write(WORKER, super::templates::render(tera, WORKER, &ctx)?.as_bytes())
}

/// Each language's files, of the site's `files`, that a visitor reading it keeps.
fn per_language<'a>(content: &'a Content, files: &'a [File]) -> Vec<(&'a String, Vec<&'a File>)> {
    let prefixes: Vec<String> = content.config.languages.iter().map(|l| prefix(content, l)).collect();
    content
        .config
        .languages
        .iter()
        .zip(&prefixes)
        .map(|(lang, prefix)| (lang, files.iter().filter(|f| kept_for(&f.path, lang, prefix, &prefixes)).collect()))
        .collect()
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

/// Every file of the site in `staging` but the build's marker and what this module writes,
/// sorted.
fn site_files(staging: &Staging) -> anyhow::Result<Vec<File>> {
    let mut files: Vec<File> = staging
        .files()?
        .into_iter()
        .filter(|(path, _)| path != MARKER && path != WORKER)
        .map(|(path, written)| File { path, written })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A hash of `files` (their paths and digests): what names a build's cache.
fn build_hash(files: &[&File]) -> String {
    let mut all = Sha256::new();
    for f in files {
        all.update(f.path.as_bytes());
        all.update([0]);
        all.update(f.written.digest);
    }
    all.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// `bytes` in megabytes to one decimal, as `ui`'s language writes it (at least 0.1).
fn size_text(bytes: u64, ui: &super::ui::Ui) -> String {
    let tenths = (bytes as f64 / 100_000.0).round().max(1.0);
    ui.fill("offline_megabytes", &[("n", &ui.number(tenths / 10.0))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::ui::Ui;

    fn english() -> Ui {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"));
        Ui::new(&crate::content::load(dir).unwrap().content, "en")
    }

    #[test]
    fn the_size_is_in_megabytes_to_one_decimal() {
        let ui = english();
        assert_eq!(size_text(0, &ui), "0.1 MB");
        assert_eq!(size_text(1_234_567, &ui), "1.2 MB");
        assert_eq!(size_text(1_960_000, &ui), "2 MB");
        assert_eq!(size_text(99_990_000, &ui), "100 MB");
    }

    #[test]
    fn the_manifest_gives_the_size_of_the_files_kept_and_the_build_names_their_contents() {
        let dir = tempfile::tempdir().unwrap();
        let mut loaded = crate::content::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")))
            .unwrap()
            .content;
        loaded.config.languages = vec!["en".to_string()];
        let uis: Uis = [("en".to_string(), std::sync::Arc::new(english()))].into_iter().collect();
        let tera =
            super::super::templates::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates")))
                .unwrap();
        let build = |page: &[u8]| {
            let staging = Staging::new(&dir.path().join("out"), &[]).unwrap();
            staging.write("index.html", page).unwrap();
            staging.write("static/site.js", &[b'x'; 1_500_000]).unwrap();
            staging.write("feed.xml", b"not kept").unwrap();
            write_offline(&loaded, &uis, &tera, &staging).unwrap();
            let text = std::fs::read_to_string(staging.dir().join("static/offline.en.json")).unwrap();
            serde_json::from_str::<serde_json::Value>(&text).unwrap()
        };
        let manifest = build(b"<p>one</p>");
        assert_eq!(manifest["files"], serde_json::json!(["index.html", "static/site.js"]));
        assert_eq!(manifest["bytes"], 1_500_010);
        assert_eq!(manifest["note"], "Available offline: 1.5 MB kept on this device");
        assert_eq!(build(b"<p>one</p>")["build"], manifest["build"], "the same files name the same build");
        assert_ne!(build(b"<p>two</p>")["build"], manifest["build"], "a changed page names a new build");
    }

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
