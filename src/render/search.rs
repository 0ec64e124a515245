//! The search index: every checkpoint, rule and border under every name in one folded key
//! space, one per language (`static/search-index.<lang>.js`, with that language's names, details
//! and links), written as a script so it loads from a static host and from a folder opened from
//! disk alike (browsers block `fetch` of JSON over file://).

use std::collections::BTreeSet;

use serde::Serialize;

use super::context::Language;
use super::url::{border_url, rule_url};
use super::view::{CheckpointItem, border_label};
use super::view::{category_key, rule_for, rule_ids};
use crate::content::{Border, Checkpoint, Rule};
use crate::translit::{self, fold};

/// One thing search can find.
#[derive(Debug, Serialize)]
struct Entry {
    /// Kind: `c` checkpoint, `r` rule, `b` border.
    t: &'static str,
    /// Page, relative to the site's root (the language's prefix included).
    u: String,
    /// Name shown.
    n: String,
    /// One line of key facts.
    d: String,
    /// Folded names (exact and prefix matches rank first).
    k: Vec<String>,
    /// Folded aliases and other-language names.
    a: Vec<String>,
    /// Folded words of the body text (rules), space-separated.
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
}

/// A language's index: serialised as it is (a tree of JSON values of a large site's index would
/// be many times its size).
#[derive(Serialize)]
struct Index {
    entries: Vec<Entry>,
    fold: FoldTables,
}

/// The folding tables, so the browser folds queries exactly as the build folded names.
#[derive(Debug, Serialize)]
struct FoldTables {
    cyrillic: Vec<(char, &'static str)>,
    latin: Vec<(&'static str, &'static str)>,
}

/// A language's index as JavaScript: `window.crossingsSearch = {...};`. Names, details and
/// links are the language's; every name and every language version's words are searchable.
pub fn index_script(l: &Language) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    for (r, view) in l.content.checkpoints.iter().zip(&l.items) {
        entries.push(checkpoint_entry(l, &r.data, view));
    }
    for id in rule_ids(l.content) {
        if let Some(i) = rule_for(l.content, id, &l.ui.lang) {
            entries.push(rule_entry(l, &l.content.rules[i]));
        }
    }
    for border in Border::ALL {
        entries.push(border_entry(l, border));
    }
    let tables = FoldTables { cyrillic: translit::CYRILLIC.to_vec(), latin: translit::LATIN.to_vec() };
    let json = serde_json::to_string(&Index { entries, fold: tables }).unwrap_or_default();
    format!("window.crossingsSearch = {};\n", json.replace("</", "<\\/"))
}

fn checkpoint_entry(l: &Language, c: &Checkpoint, view: &CheckpointItem) -> Entry {
    let ui = &l.ui;
    // The checkpoint's own names and spellings rank as names; the other side's below them.
    let names: BTreeSet<String> = c.name.all().map(|(_, t)| fold(t)).chain(c.aliases.iter().map(|a| fold(a))).collect();
    let mut aliases: BTreeSet<String> = BTreeSet::new();
    if let Some(p) = &c.counterpart {
        aliases.extend(p.name.iter().flat_map(|n| n.all()).map(|(_, t)| fold(t)));
        aliases.extend(p.aliases.iter().map(|a| fold(a)));
    }
    aliases.insert(fold(&c.id.value));
    let facts = [
        view.border.as_ref().map(|b| b.label.clone()),
        view.modes_label.clone(),
        view.hours.as_ref().map(|h| h.label.clone()),
        Some(view.status.as_ref().map_or_else(|| ui.get("status_unknown").to_string(), |s| s.label.clone())),
    ];
    Entry {
        t: "c",
        u: format!("{}{}", l.prefix, view.url),
        n: view.name.text.clone(),
        d: facts.into_iter().flatten().collect::<Vec<_>>().join(" · "),
        a: aliases.difference(&names).cloned().collect(),
        k: names.into_iter().collect(),
        x: String::new(),
    }
}

/// A rule under its title in every language, with the words of every language version.
fn rule_entry(l: &Language, shown: &Rule) -> Entry {
    let versions: Vec<&Rule> = l.content.rules.iter().filter(|r| r.id == shown.id).collect();
    let mut text = String::new();
    let mut titles: BTreeSet<String> = BTreeSet::from([fold(&shown.id)]);
    for rule in &versions {
        let m = &rule.meta;
        titles.insert(fold(&m.title.value));
        text.push_str(&format!("{} {} ", m.summary.clone().unwrap_or_default(), rule.body));
        for a in &m.allowances {
            text.push_str(&format!("{} {} ", a.item, a.condition.clone().unwrap_or_default()));
        }
        for list in &m.lists {
            text.push_str(&format!("{} {} ", list.title, list.items.join(" ")));
        }
    }
    let words: BTreeSet<String> = fold(&text).split(' ').filter(|w| w.len() > 1).map(str::to_string).collect();
    let title = fold(&shown.meta.title.value);
    titles.remove(&title);
    Entry {
        t: "r",
        u: format!("{}{}", l.prefix, rule_url(&shown.id)),
        n: shown.meta.title.value.clone(),
        d: l.ui.get(category_key(shown.meta.category)).to_string(),
        k: vec![title],
        a: titles.into_iter().collect(),
        x: words.into_iter().collect::<Vec<_>>().join(" "),
    }
}

fn border_entry(l: &Language, border: Border) -> Entry {
    let label = border_label(border, l.content, &l.ui);
    let mut aliases: BTreeSet<String> = BTreeSet::from([fold(border.code())]);
    if let Some(country) = l.content.reference.country(border.code()) {
        aliases.extend(country.name.all().map(|(_, t)| fold(t)));
    }
    let key = fold(&label);
    aliases.remove(&key);
    let count = l.shared.count(border) as u64;
    Entry {
        t: "b",
        u: format!("{}{}", l.prefix, border_url(border)),
        n: label,
        d: l.ui.count("count_checkpoints", count),
        k: vec![key],
        a: aliases.into_iter().collect(),
        x: String::new(),
    }
}
