//! Which interface strings are used, and whether each is defined: templates use `t.<key>` and
//! `plural(key="<key>", ...)`, crossings itself the keys in `render::keys`. A key that a file
//! defines and nothing uses is an error at the key's line; a key used but defined in no file is
//! an error at the template that uses it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::notice::Notice;
use crate::content::Content;
use crate::content::i18n::Message;
use crate::render::keys::{is_rust_key, rust_keys};
use crate::yaml::Pos;

/// One use of a key in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUse {
    /// The key.
    pub key: String,
    /// Byte offset of the use in the template.
    pub offset: usize,
    /// Used through `plural(...)` rather than `t.`.
    pub plural: bool,
}

/// The keys a template's text uses, inside `{{ }}` and `{% %}` tags (comments are skipped).
pub fn template_keys(text: &str) -> Vec<KeyUse> {
    let mut uses = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find(['{']).map(|i| rest + i) {
        let close = match text.get(open..open + 2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                rest = open + 1;
                continue;
            }
        };
        let end = text[open..].find(close).map_or(text.len(), |i| open + i);
        scan_tag(&text[open..end], open, &mut uses);
        rest = end;
    }
    uses
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn scan_tag(tag: &str, base: usize, uses: &mut Vec<KeyUse>) {
    let bytes = tag.as_bytes();
    for (i, _) in tag.match_indices("t.") {
        if i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b'.') {
            continue;
        }
        let key: String = tag[i + 2..].bytes().take_while(|b| is_ident(*b)).map(char::from).collect();
        if !key.is_empty() {
            uses.push(KeyUse { key, offset: base + i, plural: false });
        }
    }
    for (i, _) in tag.match_indices("plural(") {
        let args = &tag[i..];
        let Some(k) = args.find("key=").map(|k| k + 4) else { continue };
        let quoted = args[k..].trim_start_matches(' ');
        let Some(quote) = quoted.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        let key: String = quoted[1..].chars().take_while(|c| *c != quote).collect();
        uses.push(KeyUse { key, offset: base + i, plural: true });
    }
}

/// Check the keys the templates in `templates_dir` and crossings use against the translation
/// files. The templates' texts are added to `content.files`, so notices can show their lines.
pub fn check_usage(content: &mut Content, templates_dir: &Path) -> anyhow::Result<Vec<Notice>> {
    let mut used: BTreeMap<String, Vec<(PathBuf, Pos, bool)>> = BTreeMap::new();
    for (path, _) in crate::render::templates::template_files(templates_dir)? {
        let text = crate::fs::read_to_string(&path)?;
        for u in template_keys(&text) {
            used.entry(u.key).or_default().push((path.clone(), Pos::at_offset(&text, u.offset), u.plural));
        }
        content.files.insert(&path, &text);
    }
    let mut out = Vec::new();
    unused(content, &used, &mut out);
    undefined(content, &used, &mut out);
    shapes(content, &used, &mut out);
    Ok(out)
}

fn unused(content: &Content, used: &BTreeMap<String, Vec<(PathBuf, Pos, bool)>>, out: &mut Vec<Notice>) {
    for catalog in &content.i18n.catalogs {
        for (key, entry) in &catalog.entries {
            if !used.contains_key(key) && !is_rust_key(key) {
                out.push(
                    Notice::error(&catalog.path, entry.pos, "unused_translation_key", format!("`{key}` is not used"))
                        .field(key.clone())
                        .hint("no template uses it (as `t.key` or `plural(key=...)`) and crossings does not: remove it from every translation file, or use it"),
                );
            }
        }
    }
}

fn undefined(content: &Content, used: &BTreeMap<String, Vec<(PathBuf, Pos, bool)>>, out: &mut Vec<Notice>) {
    let defined: BTreeSet<&str> = content.i18n.keys();
    let default_file = content.i18n.catalog(&content.config.default_language).map(|c| c.path.clone());
    let hint = |key: &str| format!("add `{key}: ...` to the translation file of every language in content/i18n/");
    for (key, places) in used {
        if !defined.contains(key.as_str()) {
            for (path, pos, _) in places {
                let message = format!("`{key}` is used here but defined in no translation file");
                out.push(Notice::error(path, *pos, "undefined_translation_key", message).hint(hint(key)));
            }
        }
    }
    let Some(file) = default_file else { return };
    for key in rust_keys().filter(|k| !defined.contains(*k)) {
        let message = format!("`{key}` is used by crossings but defined in no translation file");
        out.push(Notice::error(&file, Pos::new(1, 1), "undefined_translation_key", message).hint(hint(key)));
    }
}

/// Templates print `t.key` only for plain texts; texts with plural forms need `plural(...)`.
fn shapes(content: &Content, used: &BTreeMap<String, Vec<(PathBuf, Pos, bool)>>, out: &mut Vec<Notice>) {
    for catalog in &content.i18n.catalogs {
        for (key, entry) in &catalog.entries {
            let as_text = used.get(key).is_some_and(|places| places.iter().any(|(_, _, plural)| !plural));
            if as_text && matches!(entry.message, Message::Plural(_)) {
                out.push(
                    Notice::error(
                        &catalog.path,
                        entry.pos,
                        "translation_shape",
                        format!("`{key}` has plural forms, but a template prints it as `t.{key}`"),
                    )
                    .field(key.clone())
                    .hint(format!("give one text, or print it with `plural(key=\"{key}\", n=...)`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_in_tags_only() {
        let text = "{# t.comment #}<p>t.prose {{ t.facts }} {% if x %}{{ facet.label }}{{ t.a_b | upper }}{% endif %}\n{{ plural(key=\"count\", n=3) }}</p>";
        let uses = template_keys(text);
        let keys: Vec<(&str, bool)> = uses.iter().map(|u| (u.key.as_str(), u.plural)).collect();
        assert_eq!(keys, [("facts", false), ("a_b", false), ("count", true)]);
        assert_eq!(Pos::at_offset(text, uses[2].offset), Pos::new(2, 4));
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(Pos::at_offset("ab\nжж t", 7), Pos::new(2, 3));
    }
}
