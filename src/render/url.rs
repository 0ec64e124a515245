//! Where things are: a page's path under its language's root, the site's absolute URLs, links
//! rewritten for the page that shows them, and the editor's link to a file.

use crate::content::{Border, Content};

/// The public address of a page whose output path is `path` (`index.html` dropped).
pub fn absolute_url(content: &Content, path: &str) -> String {
    let base = content.config.base_url.trim_end_matches('/');
    format!("{base}/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// The output prefix of `lang`'s pages.
pub fn prefix(content: &Content, lang: &str) -> String {
    if lang == content.config.default_language { String::new() } else { format!("{lang}/") }
}

/// The page of a checkpoint, relative to the language's root.
pub fn checkpoint_url(id: &str) -> String {
    format!("checkpoints/{id}/index.html")
}

/// The page of a rule document, relative to the language's root.
pub fn rule_url(id: &str) -> String {
    format!("rules/{id}/index.html")
}

/// The page of a border, relative to the language's root.
pub fn border_url(border: Border) -> String {
    format!("borders/{}/index.html", border.code().to_lowercase())
}

/// Rewrite a Markdown link: site-root paths become relative to the page at `root`.
pub fn rewrite_link(dest: &str, root: &str) -> String {
    match dest.strip_prefix('/') {
        Some(path) if !path.starts_with('/') => {
            let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
            let mut url = format!("{root}{path}");
            if url.ends_with('/') || path.is_empty() {
                url.push_str("index.html");
            }
            if !fragment.is_empty() {
                url.push('#');
                url.push_str(fragment);
            }
            url
        }
        _ => dest.to_string(),
    }
}

/// The "edit this page" link for a content file.
pub fn edit_url(content: &Content, path: &std::path::Path) -> Option<String> {
    if content.config.edit_url.is_empty() {
        return None;
    }
    let relative = path.strip_prefix(&content.root).ok()?;
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(format!("{}{}", content.config.edit_url, parts.join("/")))
}

/// The search index of `lang`, relative to the site's root.
pub fn search_index_path(lang: &str) -> String {
    format!("static/search-index.{lang}.js")
}

/// A language's list of files to keep, relative to the site's root.
pub fn manifest_path(lang: &str) -> String {
    format!("static/offline.{lang}.json")
}
