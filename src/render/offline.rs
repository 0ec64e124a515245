//! The site offline: for each language, the list of files a visitor's browser keeps (its pages,
//! the assets and its search index: `static/offline.<lang>.json`, with their size), the footer
//! note of its pages that says that size, and the service worker (`sw.js` at the site's root,
//! from `templates/sw.js`) that keeps them in a cache named after a hash of those files, so a new
//! build replaces the cache whole.

use std::path::Path;

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

/// Where a page's footer note goes: the text of the element with this id (templates/base.html).
const NOTE_ID: &str = "id=\"offline-note\"";

/// What `static/offline.<lang>.json` says.
#[derive(Serialize)]
struct Manifest<'a> {
    build: &'a str,
    lang: &'a str,
    bytes: u64,
    files: Vec<&'a str>,
}

/// A file of the site and its size.
struct File {
    path: String,
    bytes: u64,
}

/// Write every language's footer note into its pages, then its manifest, then the service
/// worker, from the files of the finished site in `staging` (after every other file is written).
pub fn write_offline(content: &Content, uis: &Uis, tera: &tera::Tera, staging: &Staging) -> anyhow::Result<()> {
    for (lang, files) in per_language(content, &site_files(staging.dir())?) {
        write_note(staging, &files, &uis[lang])?;
    }
    let files = site_files(staging.dir())?;
    let per_language = per_language(content, &files);
    let mut kept: Vec<&File> = per_language.iter().flat_map(|(_, files)| files.iter().copied()).collect();
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    kept.dedup_by(|a, b| a.path == b.path);
    let build = build_hash(staging.dir(), &kept)?;
    for (lang, files) in &per_language {
        let manifest = Manifest {
            build: &build,
            lang,
            bytes: files.iter().map(|f| f.bytes).sum(),
            files: files.iter().map(|f| f.path.as_str()).collect(),
        };
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

/// Write into the footer note of each page of `files` (a language's kept files) how much they
/// weigh, that note included; a page whose note already says so is left as it is, so that
/// `serve`'s partial rebuilds rewrite only what changed.
fn write_note(staging: &Staging, files: &[&File], ui: &super::ui::Ui) -> anyhow::Result<()> {
    // Two passes over the pages, each holding one page per thread at a time: a site of tens of
    // thousands of pages is never held in memory whole.
    let read = |f: &File| crate::fs::read_to_string(&staging.dir().join(&f.path));
    let pages: Vec<&File> = files.iter().copied().filter(|f| f.path.ends_with(".html")).collect();
    let note_lengths: Vec<Option<usize>> =
        pages.par_iter().map(|f| Ok(note_range(&read(f)?).map(|r| r.len()))).collect::<anyhow::Result<_>>()?;
    let with_note = note_lengths.iter().flatten().count() as u64;
    let without_notes =
        files.iter().map(|f| f.bytes).sum::<u64>() - note_lengths.iter().flatten().map(|n| *n as u64).sum::<u64>();
    let note = note_text(without_notes, with_note, ui);
    pages.par_iter().zip(&note_lengths).filter(|(_, n)| n.is_some()).try_for_each(|(f, _)| {
        let html = read(f)?;
        match note_range(&html) {
            Some(range) if html[range.clone()] != note => {
                staging.write(&f.path, [&html[..range.start], &note, &html[range.end..]].concat().as_bytes())
            }
            _ => Ok(()),
        }
    })
}

/// Where the text of the footer note is in `html`, if the page has one.
fn note_range(html: &str) -> Option<std::ops::Range<usize>> {
    let at = html.find(NOTE_ID)?;
    let start = at + html[at..].find('>')? + 1;
    Some(start..start + html[start..].find("</p>")?)
}

/// The note (escaped for HTML) of `pages` pages that weigh `without_notes` bytes before each gets
/// the note: a text true of itself, the size it states counting its own bytes in every page.
/// Within a few hundred bytes below a whole megabyte there is none ("2 MB" is shorter than
/// "1.9 MB", and each makes the other true): there the loop stops at one of the two, whose size
/// is off by less than the notes' bytes beyond its rounding.
fn note_text(without_notes: u64, pages: u64, ui: &super::ui::Ui) -> String {
    let mut note = String::new();
    for _ in 0..8 {
        let size = size_text(without_notes + pages * note.len() as u64, ui);
        let next = super::escape::xml_escape(&ui.fill("offline_stored", &[("size", &size)]));
        if next == note {
            break;
        }
        note = next;
    }
    note
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
    let paths = crate::fs::walk(dir)?;
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
            let bytes = crate::fs::read(&path)?;
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
    use crate::render::ui::Ui;

    fn english() -> Ui {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"));
        Ui::new(&crate::content::load(dir).unwrap().content, "en")
    }

    #[test]
    fn the_note_counts_its_own_bytes_in_every_page() {
        let ui = english();
        for without_notes in [0, 1_234_567, 1_449_990, 1_500_000, 9_937_000, 99_990_000] {
            let note = note_text(without_notes, 250, &ui);
            let total = without_notes + 250 * note.len() as u64;
            assert_eq!(note, format!("Available offline: {} kept on this device", size_text(total, &ui)));
        }
        // Just below two megabytes no text is true of itself: with "1.9 MB" (45 bytes) the pages
        // weigh 2 MB, with "2 MB" (43 bytes) 1.9 MB. Either is said, and the loop ends.
        assert_eq!(size_text(1_939_000 + 250 * 45, &ui), "2 MB");
        assert_eq!(size_text(1_939_000 + 250 * 43, &ui), "1.9 MB");
        let note = note_text(1_939_000, 250, &ui);
        assert!(note.contains(" 2 MB ") || note.contains(" 1.9 MB "), "{note}");
    }

    #[test]
    fn the_note_goes_in_the_element_with_its_id() {
        let html = "<p>a</p><p class=\"offline-note\" id=\"offline-note\" hidden>old</p><p>b</p>";
        assert_eq!(&html[note_range(html).unwrap()], "old");
        assert_eq!(note_range("<p id=\"other\">x</p>"), None);
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
