//! The search index: every checkpoint, rule and border under every name in one folded key
//! space, written as a script (`static/search-index.js`) so it loads from a static host and
//! from a folder opened from disk alike (browsers block `fetch` of JSON over file://).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::content::{Border, Content};
use crate::render::view::border_label;
use crate::render::views;
use crate::translit::{self, fold};

/// One thing search can find.
#[derive(Debug, Serialize)]
struct Entry {
    /// Kind: `c` checkpoint, `r` rule, `b` border.
    t: &'static str,
    /// Page, relative to the site's root.
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

/// The folding tables, so the browser folds queries exactly as the build folded names.
#[derive(Debug, Serialize)]
struct FoldTables {
    cyrillic: Vec<(char, &'static str)>,
    latin: Vec<(&'static str, &'static str)>,
}

/// The index as JavaScript: `window.crossingsSearch = {...};`.
pub fn index_script(content: &Content) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    let lang = content.config.default_language.as_str();
    for r in &content.checkpoints {
        let c = &r.data;
        let name = c.name.best(lang).map_or(c.id.value.clone(), |(_, t)| t.to_string());
        let names: BTreeSet<String> = c.name.all().map(|(_, t)| fold(t)).collect();
        let mut aliases: BTreeSet<String> = c.aliases.iter().map(|a| fold(a)).collect();
        if let Some(p) = &c.counterpart {
            aliases.extend(p.name.iter().flat_map(|n| n.all()).map(|(_, t)| fold(t)));
            aliases.extend(p.aliases.iter().map(|a| fold(a)));
        }
        aliases.insert(fold(&c.id.value));
        let facts = [
            c.border.as_ref().map(|b| border_label(b.value, content)),
            c.modes.as_ref().map(|m| m.iter().map(|m| views::mode_label(*m)).collect::<Vec<_>>().join(", ")),
            c.hours.as_ref().and_then(|h| h.kind).map(|h| views::hours_label(h).to_string()),
            Some(c.status.as_ref().map_or("status unknown", |s| views::status_label(s.state)).to_string()),
        ];
        entries.push(Entry {
            t: "c",
            u: format!("checkpoints/{}/index.html", c.id.value),
            n: name,
            d: facts.into_iter().flatten().collect::<Vec<_>>().join(" · "),
            a: aliases.difference(&names).cloned().collect(),
            k: names.into_iter().collect(),
            x: String::new(),
        });
    }
    for rule in content.rules.iter().filter(|r| r.lang == lang) {
        let m = &rule.meta;
        let mut text = format!("{} {} ", m.summary.clone().unwrap_or_default(), rule.body);
        for a in &m.allowances {
            text.push_str(&format!("{} {} ", a.item, a.condition.clone().unwrap_or_default()));
        }
        for l in &m.lists {
            text.push_str(&format!("{} {} ", l.title, l.items.join(" ")));
        }
        let words: BTreeSet<String> = fold(&text).split(' ').filter(|w| w.len() > 1).map(str::to_string).collect();
        entries.push(Entry {
            t: "r",
            u: format!("rules/{}/index.html", rule.id),
            n: m.title.value.clone(),
            d: views::category_label(m.category).to_string(),
            k: vec![fold(&m.title.value)],
            a: vec![fold(&rule.id)],
            x: words.into_iter().collect::<Vec<_>>().join(" "),
        });
    }
    for border in Border::ALL {
        let label = border_label(border, content);
        let mut aliases: BTreeSet<String> = BTreeSet::from([fold(border.code())]);
        if let Some(country) = content.reference.country(border.code()) {
            aliases.extend(country.name.all().map(|(_, t)| fold(t)));
        }
        let count =
            content.checkpoints.iter().filter(|c| c.data.border.as_ref().is_some_and(|b| b.value == border)).count();
        entries.push(Entry {
            t: "b",
            u: crate::render::view::border_url(border),
            n: label.clone(),
            d: format!("{count} checkpoints"),
            k: vec![fold(&label)],
            a: aliases.into_iter().collect(),
            x: String::new(),
        });
    }
    let tables = FoldTables { cyrillic: translit::CYRILLIC.to_vec(), latin: translit::LATIN.to_vec() };
    let json = serde_json::json!({"fold": tables, "entries": entries});
    format!("window.crossingsSearch = {};\n", serde_json::to_string(&json).unwrap_or_default().replace("</", "<\\/"))
}
