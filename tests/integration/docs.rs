//! The documentation holds together: README is a front page that links every page of `docs/`,
//! and every relative link of README, `docs/` and CONTRIBUTING leads to a file that exists (and
//! to a heading of it, for a link with `#`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::util::repo_root;

/// The links (and images) of a Markdown text, as written.
fn links(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The anchors GitHub gives the headings of a Markdown text: lowercase, spaces to hyphens,
/// punctuation other than hyphens and underscores dropped.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => heading.iter_mut().for_each(|h| h.push_str(&t)),
            Event::End(TagEnd::Heading(_)) => {
                let words = heading.take().unwrap_or_default().to_lowercase();
                let kept = words.chars().filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
                anchors.insert(kept.map(|c| if c == ' ' { '-' } else { c }).collect());
            }
            _ => {}
        }
    }
    anchors
}

/// README, CONTRIBUTING, CHANGELOG and every page of `docs/`.
fn documents() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files: Vec<PathBuf> =
        ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"].iter().map(|f| root.join(f)).collect();
    files.extend(docs_pages());
    files
}

fn docs_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo_root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

/// Where a relative link of `from` leads, and its anchor; `None` for an absolute address.
fn target(from: &Path, link: &str) -> Option<(PathBuf, Option<String>)> {
    if link.contains("://") || link.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match link.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_string())),
        None => (link, None),
    };
    let file = if path.is_empty() { from.to_path_buf() } else { from.parent().expect("folder").join(path) };
    Some((file, anchor))
}

#[test]
fn readme_is_a_front_page_that_links_every_docs_page() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let lines = readme.lines().count();
    assert!(lines < 150, "README.md has {lines} lines: move reference to a page of docs/");
    let linked: BTreeSet<PathBuf> =
        links(&readme).iter().filter_map(|l| target(&repo_root().join("README.md"), l)).map(|(file, _)| file).collect();
    let pages = docs_pages();
    assert!(pages.len() >= 4, "docs/ has its pages: {pages:?}");
    for page in pages {
        assert!(linked.contains(&page), "README.md does not link {}", page.display());
    }
}

#[test]
fn every_relative_link_of_the_docs_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("document");
        for link in links(&text) {
            let Some((file, anchor)) = target(&doc, &link) else { continue };
            checked += 1;
            if !file.exists() {
                broken.push(format!("{}: `{link}`: no such file", doc.display()));
                continue;
            }
            let is_markdown = file.extension().is_some_and(|e| e == "md");
            if let Some(anchor) = anchor.filter(|_| is_markdown) {
                let text = std::fs::read_to_string(&file).expect("linked document");
                if !anchors(&text).contains(&anchor) {
                    broken.push(format!("{}: `{link}`: no heading `#{anchor}` in {}", doc.display(), file.display()));
                }
            }
        }
    }
    assert!(checked > 10, "the links were read: {checked}");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_and_targets_are_read_as_github_makes_them() {
    let text = "# Sources and recipes\n## Dates: `as_of`, `retrieved`\n### Editors' digests\n";
    assert_eq!(
        anchors(text),
        BTreeSet::from([
            "sources-and-recipes".to_string(),
            "dates-as_of-retrieved".to_string(),
            "editors-digests".to_string()
        ])
    );
    let from = Path::new("/r/docs/a.md");
    assert_eq!(target(from, "b.md#x"), Some((PathBuf::from("/r/docs/b.md"), Some("x".to_string()))));
    assert_eq!(target(from, "#y"), Some((PathBuf::from("/r/docs/a.md"), Some("y".to_string()))));
    assert_eq!(target(from, "https://example.org/"), None);
}
