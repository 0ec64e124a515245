//! Checks on translations: the site's languages, one summary warning per language for each kind
//! of text not yet translated (interface strings, checkpoint and counterpart names, rule
//! documents), and interface strings whose `{placeholders}` differ between languages.
//! Which keys templates use is checked apart ([`super::keys`]), as it needs the templates.

use std::collections::BTreeSet;
use std::path::Path;

use super::notice::Notice;
use crate::content::i18n::{FOLDER, Message, required_plural_forms};
use crate::content::{Content, languages};
use crate::yaml::Pos;

/// How many items a coverage hint names.
const HINT_ITEMS: usize = 5;

/// Every check here.
pub fn check_all(content: &Content, out: &mut Vec<Notice>) {
    check_languages(content, out);
    for lang in &content.config.languages {
        interface_coverage(content, lang, out);
        content_coverage(content, lang, out);
    }
    check_placeholders(content, out);
    check_plurals(content, out);
}

/// Every text with a count (plural forms in some language) has, in every language, the forms
/// that language's plural rules need (Russian: one, few, many, other; Kazakh and English: one,
/// other), so that no page ever falls back to another language's text.
fn check_plurals(content: &Content, out: &mut Vec<Notice>) {
    let counted: BTreeSet<&str> = content
        .i18n
        .catalogs
        .iter()
        .flat_map(|c| {
            c.entries.iter().filter(|(_, e)| matches!(e.message, Message::Plural(_))).map(|(k, _)| k.as_str())
        })
        .collect();
    for catalog in &content.i18n.catalogs {
        let needed = required_plural_forms(&catalog.lang);
        for key in &counted {
            let Some(entry) = catalog.entries.get(*key) else { continue };
            let missing: Vec<&str> = match &entry.message {
                Message::Text(_) => needed.to_vec(),
                Message::Plural(forms) => {
                    needed.iter().copied().filter(|c| *c != "other" && forms.given(c).is_none()).collect()
                }
            };
            if !missing.is_empty() {
                out.push(
                    Notice::error(
                        &catalog.path,
                        entry.pos,
                        "missing_plural_forms",
                        format!("`{key}` has a count but lacks the {} form(s) {}", catalog.lang, missing.join(", ")),
                    )
                    .field(key.to_string())
                    .hint(format!(
                        "give `{key}` as a map with {} (the same text may serve several where the wording allows)",
                        needed.join(", ")
                    )),
                );
            }
        }
    }
}

fn check_languages(content: &Content, out: &mut Vec<Notice>) {
    let cfg = &content.config;
    let path = content.root.join("site.yaml");
    for lang in &cfg.languages {
        if !languages::is_known(lang) {
            out.push(
                Notice::error(
                    &path,
                    Pos::new(1, 1),
                    "unknown_language",
                    format!("`{lang}` is not a supported language"),
                )
                .field("languages")
                .hint(format!(
                    "use languages content can be written in: {}",
                    languages::codes().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    if !cfg.languages.contains(&cfg.default_language) {
        out.push(
            Notice::error(
                &path,
                Pos::new(1, 1),
                "unknown_language",
                format!("the default language `{}` is not one of `languages`", cfg.default_language),
            )
            .field("default_language")
            .hint("add it to `languages`, or choose one of them"),
        );
    }
}

/// A coverage warning: `done` of `total` `what` in `lang`, naming the first missing ones.
fn coverage(path: &Path, lang: &str, what: &str, done: usize, missing: &[&str], hint: &str) -> Option<Notice> {
    if missing.is_empty() {
        return None;
    }
    let total = done + missing.len();
    let mut named: Vec<String> = missing.iter().take(HINT_ITEMS).map(|m| format!("`{m}`")).collect();
    if missing.len() > HINT_ITEMS {
        named.push(format!("and {} more", missing.len() - HINT_ITEMS));
    }
    let message = format!("{lang}: {done} of {total} {what} translated");
    Some(
        Notice::warning(path, Pos::new(1, 1), "translation_coverage", message)
            .hint(format!("not yet in `{lang}`: {}; {hint}", named.join(", "))),
    )
}

fn interface_coverage(content: &Content, lang: &str, out: &mut Vec<Notice>) {
    let all = content.i18n.keys();
    let mine = content.i18n.catalog(lang);
    let missing: Vec<&str> = all.iter().copied().filter(|k| mine.is_none_or(|c| !c.entries.contains_key(*k))).collect();
    let path = mine.map_or_else(|| content.root.join(FOLDER).join(format!("{lang}.yaml")), |c| c.path.clone());
    let hint = "pages show the default language's text there until a translator adds it";
    out.extend(coverage(&path, lang, "interface strings", all.len() - missing.len(), &missing, hint));
}

fn content_coverage(content: &Content, lang: &str, out: &mut Vec<Notice>) {
    let never_invent = "add it from a source or an editor who knows the name (never a machine translation)";
    let (mut names, mut counterparts) = ((0, Vec::new()), (0, Vec::new()));
    for r in &content.checkpoints {
        let c = &r.data;
        tally(&mut names, c.name.get(lang).is_some(), &c.id.value);
        if let Some(name) = c.counterpart.as_ref().and_then(|p| p.name.as_ref()).filter(|n| !n.is_empty()) {
            tally(&mut counterparts, name.get(lang).is_some(), &c.id.value);
        }
    }
    let folder = content.root.join("checkpoints");
    let hint = format!("`name.{lang}`: {never_invent}");
    out.extend(coverage(&folder, lang, "checkpoint names", names.0, &names.1, &hint));
    let hint = format!("`counterpart.name.{lang}`: {never_invent}");
    out.extend(coverage(&folder, lang, "counterpart names", counterparts.0, &counterparts.1, &hint));
    let mut rules = (0, Vec::new());
    let mut ids: Vec<&str> = content.rules.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    for id in ids {
        tally(&mut rules, content.rules.iter().any(|r| r.id == id && r.lang == lang), id);
    }
    let hint = format!("add `<id>.{lang}.md`, translated by an editor from the regulation's text");
    out.extend(coverage(&content.root.join("rules"), lang, "rule documents", rules.0, &rules.1, &hint));
}

fn tally<'a>(counts: &mut (usize, Vec<&'a str>), done: bool, id: &'a str) {
    if done {
        counts.0 += 1;
    } else {
        counts.1.push(id);
    }
}

/// The `{name}`s in a text.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

fn message_placeholders(message: &Message) -> BTreeSet<&str> {
    match message {
        Message::Text(text) => placeholders(text),
        Message::Plural(forms) => [Some(&forms.other), forms.one.as_ref(), forms.few.as_ref(), forms.many.as_ref()]
            .into_iter()
            .flatten()
            .flat_map(|t| placeholders(t))
            .collect(),
    }
}

/// Every language's text of a key must fill in the same values as the default language's.
fn check_placeholders(content: &Content, out: &mut Vec<Notice>) {
    let Some(reference) = content.i18n.catalog(&content.config.default_language) else { return };
    for catalog in content.i18n.catalogs.iter().filter(|c| c.lang != reference.lang) {
        for (key, entry) in &catalog.entries {
            let Some(expected) = reference.entries.get(key) else { continue };
            let (want, have) = (message_placeholders(&expected.message), message_placeholders(&entry.message));
            if want != have {
                let list = |s: &BTreeSet<&str>| s.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ");
                out.push(
                    Notice::error(
                        &catalog.path,
                        entry.pos,
                        "translation_placeholders",
                        format!(
                            "`{key}` fills in [{}], but `{}` fills in [{}]",
                            list(&have),
                            reference.lang,
                            list(&want)
                        ),
                    )
                    .field(key.clone())
                    .hint(format!("keep the same `{{...}}` names as in {}", reference.path.display())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_each_language_needs() {
        assert_eq!(required_plural_forms("ru"), ["one", "few", "many", "other"]);
        assert_eq!(required_plural_forms("kk"), ["one", "other"]);
        assert_eq!(required_plural_forms("en"), ["one", "other"]);
    }

    #[test]
    fn finds_placeholders() {
        let found: Vec<&str> = placeholders("{name}: {n} km, {n}").into_iter().collect();
        assert_eq!(found, ["n", "name"]);
        assert!(placeholders("none").is_empty());
    }
}
