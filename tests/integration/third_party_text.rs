//! No third party's prose in the repository: no committed text file holds 12 or more
//! consecutive words of the seed page (the page the first content was read from), outside a
//! quotation in a rule document (`<q>`, or a Markdown block quote, in `content/rules/`).
//!
//! The seed page is not in the repository, and its text is not in this test either: the test
//! keeps the SHA-256 of each of its runs of 12 words, in
//! `tests/fixtures/third-party-text/seed-page-runs.txt`, made once by
//! [`write_seed_page_runs`] from the page's saved text.

use std::collections::HashSet;
use std::path::Path;

use sha2::{Digest as _, Sha256};

use crate::util::repo_root;

/// How many consecutive words count as copied prose.
const RUN: usize = 12;

/// The list of the seed page's runs, relative to the repository's root.
const RUNS_FILE: &str = "tests/fixtures/third-party-text/seed-page-runs.txt";

/// A text's words, normalised: maximal runs of letters and digits, lowercased ("Kazakhstan-Russia
/// border's" → `kazakhstan`, `russia`, `border`, `s`).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// A run of words as the list keeps it: the first 16 hex digits of the SHA-256 of the words
/// joined by one space.
fn run_hash(run: &[String]) -> String {
    let digest = Sha256::digest(run.join(" ").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The hashes of every run of [`RUN`] words in `words`.
fn run_hashes(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words.windows(RUN).map(run_hash)
}

/// The seed page's runs, as committed.
pub fn seed_page_runs() -> HashSet<String> {
    let path = repo_root().join(RUNS_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let runs: HashSet<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    assert!(runs.len() > 1000, "{}: {} runs; regenerate it (see write_seed_page_runs)", path.display(), runs.len());
    runs
}

/// The runs of `text` that are in `runs`, as "words N to M" of the text (1-based), joined where
/// they overlap into one passage.
pub fn copied_passages(text: &str, runs: &HashSet<String>) -> Vec<String> {
    let words = words(text);
    let hits: Vec<usize> = run_hashes(&words).enumerate().filter(|(_, h)| runs.contains(h)).map(|(i, _)| i).collect();
    let mut passages: Vec<(usize, usize)> = Vec::new();
    for i in hits {
        match passages.last_mut() {
            Some((_, end)) if i <= *end => *end = i + RUN,
            _ => passages.push((i, i + RUN)),
        }
    }
    passages
        .iter()
        .map(|(start, end)| format!("words {} to {}: `{}`", start + 1, end, words[*start..*end].join(" ")))
        .collect()
}

/// The parts of a file that are its own text: a rule document without its quotations (each
/// quotation ends a part, so no run spans one); any other file whole.
fn own_parts(path: &str, text: &str) -> Vec<String> {
    if !(path.starts_with("content/rules/") && path.ends_with(".md")) {
        return vec![text.to_string()];
    }
    let mut parts = vec![String::new()];
    let mut in_quote = false;
    for line in text.lines() {
        if line.trim_start().starts_with('>') {
            parts.push(String::new());
            continue;
        }
        let mut rest = line;
        loop {
            if in_quote {
                let Some(end) = rest.find("</q>") else { break };
                rest = &rest[end + "</q>".len()..];
                in_quote = false;
                parts.push(String::new());
            } else if let Some((start, after)) = quote_start(rest) {
                parts.last_mut().expect("a part").push_str(&rest[..start]);
                rest = &rest[after..];
                in_quote = true;
            } else {
                let part = parts.last_mut().expect("a part");
                part.push_str(rest);
                part.push('\n');
                break;
            }
        }
    }
    parts
}

/// Where a `<q>` or `<q cite="...">` tag starts in `line`, and where its text starts.
fn quote_start(line: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = line[from..].find("<q").map(|i| from + i) {
        let next = line[at + 2..].chars().next();
        if matches!(next, Some('>')) || next.is_some_and(char::is_whitespace) {
            let close = line[at..].find('>')? + at;
            return Some((at, close + 1));
        }
        from = at + 2;
    }
    None
}

/// Every file git tracks, relative to the repository's root.
fn committed_files(root: &Path) -> Vec<String> {
    let out = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .expect("this test lists the committed files with `git ls-files`: install git");
    assert!(out.status.success(), "git ls-files: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .expect("file names in UTF-8")
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn no_committed_file_holds_12_words_of_the_seed_page() {
    let runs = seed_page_runs();
    let root = repo_root();
    let mut found = Vec::new();
    let mut checked = 0;
    for path in committed_files(&root) {
        // A file deleted but not yet committed as deleted, or a binary file: nothing to read.
        let Ok(bytes) = std::fs::read(root.join(&path)) else { continue };
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if text.contains('\0') {
            continue;
        }
        checked += 1;
        for part in own_parts(&path, &text) {
            found.extend(copied_passages(&part, &runs).into_iter().map(|p| format!("{path}: {p}")));
        }
    }
    assert!(checked > 100, "only {checked} text files checked");
    assert!(found.is_empty(), "the seed page's words, copied:\n{}", found.join("\n"));
}

#[test]
fn finds_a_copied_run_and_exempts_only_rule_documents_quotations() {
    // A stand-in for the seed page: the check does not depend on which page it is.
    let page = "Travellers crossing the border by car must show the vehicle's registration, a driving licence and proof of insurance.";
    let runs: HashSet<String> = run_hashes(&words(page)).collect();
    let copied =
        "Note. TRAVELLERS crossing the border by car must show the vehicle's registration, a driving-licence and more.";
    let passages = copied_passages(copied, &runs);
    assert_eq!(passages.len(), 1, "{passages:?}");
    assert!(passages[0].starts_with("words 2 to 17: `travellers crossing"), "{passages:?}");
    // Eleven words are not a run.
    assert!(copied_passages("crossing the border by car must show the vehicle's registration", &runs).is_empty());
    // In a rule document, a quotation is exempt, and a passage around one is not joined across it.
    let quoted =
        format!("---\ntitle: T\n---\nThe page says <q cite=\"https://example.kz\">{page}</q> (2021).\n\n> {page}\n");
    let checked = |path: &str| own_parts(path, &quoted).iter().flat_map(|p| copied_passages(p, &runs)).count();
    assert_eq!(checked("content/rules/vehicles.md"), 0);
    assert_eq!(checked("content/digests/road-ru.yaml"), 2, "outside a rule document, a quotation is not exempt");
    let unquoted = format!("---\ntitle: T\n---\n<p>{page}</p>\n");
    assert_eq!(
        own_parts("content/rules/vehicles.md", &unquoted).iter().flat_map(|p| copied_passages(p, &runs)).count(),
        1
    );
}

/// Writes the list of the seed page's runs from its saved text, named by `CROSSINGS_SEED_TEXT`
/// (the text is not in the repository):
///
/// ```text
/// CROSSINGS_SEED_TEXT=/path/to/000_f774a39ef5baf8d2.txt \
///     cargo test --test integration third_party_text::write_seed_page_runs -- --ignored
/// ```
#[test]
#[ignore = "run once, by hand, with CROSSINGS_SEED_TEXT naming the seed page's saved text"]
fn write_seed_page_runs() {
    let source = std::env::var("CROSSINGS_SEED_TEXT").expect("CROSSINGS_SEED_TEXT: the seed page's saved text");
    let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let mut hashes: Vec<String> = run_hashes(&words(&text)).collect();
    hashes.sort();
    hashes.dedup();
    let file = Path::new(&source).file_name().map_or(source.clone(), |n| n.to_string_lossy().into_owned());
    let header = format!(
        "# The seed page's runs of {RUN} consecutive words, as hashes: the first 16 hex digits of the\n\
         # SHA-256 of the run's words (letters and digits, lowercased) joined by one space. Made from\n\
         # the page's saved text ({file}) by `third_party_text::write_seed_page_runs`.\n"
    );
    let path = repo_root().join(RUNS_FILE);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
    std::fs::write(&path, format!("{header}{}\n", hashes.join("\n"))).expect("write the list");
}
