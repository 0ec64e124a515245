//! Rule documents for pages: which language version a page shows, and its view model with
//! labels, amounts and dates in the page's language.

use serde::Serialize;

use super::source::{Attribution, SourceView, attribution, source_view, verified_label};
use super::text::*;
use crate::content::languages::fallbacks;
use crate::content::{Allowance, Content, Direction, Rule, RuleCategory};
use crate::render::markdown;
use crate::render::ui::Ui;
use crate::render::url::{edit_url, rewrite_link, rule_url};

/// Every rule id, once, sorted.
pub fn rule_ids(content: &Content) -> Vec<&str> {
    let mut ids: Vec<&str> = content.rules.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    ids
}

/// The version of rule `id` a `lang` page shows (its index in `content.rules`): its own
/// language's, else the default language's, else the first there is.
pub fn rule_for(content: &Content, id: &str, lang: &str) -> Option<usize> {
    let versions: Vec<usize> = (0..content.rules.len()).filter(|i| content.rules[*i].id == id).collect();
    [lang, content.config.default_language.as_str()]
        .into_iter()
        .chain(fallbacks(lang))
        .find_map(|l| versions.iter().find(|i| content.rules[**i].lang == l).copied())
        .or_else(|| versions.first().copied())
}

/// The versions of every rule a `lang` page shows (indices in `content.rules`), in id order.
pub fn rules_for(content: &Content, lang: &str) -> Vec<usize> {
    rule_ids(content).into_iter().filter_map(|id| rule_for(content, id, lang)).collect()
}

/// A link to a rule's page, marked with the document's language when it is not the page's.
pub fn rule_link(rule: &Rule, ui: &Ui) -> LinkView {
    LinkView {
        title: rule.meta.title.value.clone(),
        url: rule_url(&rule.id),
        detail: rule.meta.summary.clone(),
        lang: (rule.lang != ui.lang).then(|| rule.lang.clone()),
        original: None,
    }
}

/// The key of a rule category's label.
pub fn category_key(c: RuleCategory) -> &'static str {
    match c {
        RuleCategory::Visa => "category_visa",
        RuleCategory::Documents => "category_documents",
        RuleCategory::Procedure => "category_procedure",
        RuleCategory::Vehicles => "category_vehicles",
        RuleCategory::Customs => "category_customs",
        RuleCategory::Refusal => "category_refusal",
    }
}

fn direction_key(d: Direction) -> &'static str {
    match d {
        Direction::Import => "direction_import",
        Direction::Export => "direction_export",
        Direction::Both => "direction_both",
    }
}

/// The key of a unit's label, for the units content uses; other units are shown as written.
fn unit_key(unit: &str) -> Option<&'static str> {
    match unit {
        "l" => Some("unit_l"),
        "kg" => Some("unit_kg"),
        "pieces" => Some("unit_pieces"),
        _ => None,
    }
}

/// A rule's body as sanitised HTML, for a page two folders below its language's root (the
/// same for every language, so made once per document).
pub fn body_html(rule: &Rule) -> String {
    markdown::to_html(&rule.body, &|d| rewrite_link(d, "../../"))
}

/// A rule's view for its page in `ui`'s language; `body_html` is [`body_html`] of it.
pub fn rule_view(rule: &Rule, content: &Content, ui: &Ui, body_html: String) -> RuleView {
    let meta = &rule.meta;
    RuleView {
        id: rule.id.clone(),
        url: rule_url(&rule.id),
        lang: rule.lang.clone(),
        title: meta.title.value.clone(),
        category: labelled(meta.category, category_key(meta.category), ui),
        summary: meta.summary.clone(),
        applies_to: applies_to(rule, content, ui),
        allowances: allowance_rows(meta, content, ui),
        lists: meta
            .lists
            .iter()
            .map(|l| ListView { kind: labelled(l.kind, "", ui).code, title: l.title.clone(), items: l.items.clone() })
            .collect(),
        body_html,
        sources: meta.sources.iter().map(|s| source_view(s, content, ui)).collect(),
        last_verified: meta.last_verified.as_ref().map(|d| DateView::new(&d.value, ui)),
        verified_against: meta.verified_against.as_ref().map(|v| verified_label(&v.value, content)),
        edit_url: edit_url(content, &rule.path),
    }
}

/// Where a rule applies, one line per kind of limit.
fn applies_to(rule: &Rule, content: &Content, ui: &Ui) -> Vec<String> {
    let Some(a) = &rule.meta.applies_to else { return Vec::new() };
    let mut lines = Vec::new();
    if !a.borders.is_empty() {
        let names: Vec<String> = a.borders.iter().map(|b| border_label(b.value, content, ui)).collect();
        lines.push(ui.fill("applies_borders", &[("list", &names.join(", "))]));
    }
    if !a.checkpoints.is_empty() {
        let names: Vec<String> = a.checkpoints.iter().map(|c| checkpoint_name(content, c, &ui.lang)).collect();
        lines.push(ui.fill("applies_checkpoints", &[("list", &names.join(", "))]));
    }
    if !a.nationalities.is_empty() {
        let names: Vec<String> = a
            .nationalities
            .iter()
            .map(|n| {
                content.reference.country(n).and_then(|c| text_in(&c.name, &ui.lang)).map_or(n.to_string(), |t| t.text)
            })
            .collect();
        lines.push(ui.fill("applies_nationalities", &[("list", &names.join(", "))]));
    }
    lines
}

fn checkpoint_name(content: &Content, id: &str, lang: &str) -> String {
    content
        .checkpoints
        .iter()
        .find(|c| c.data.id.value == id)
        .and_then(|c| text_in(&c.data.name, lang))
        .map_or_else(|| id.to_string(), |t| t.text)
}

/// The allowances, one row per item and direction: the first source's figure (sources are in
/// order of precedence), with the other sources' figures for the same item beneath it.
fn allowance_rows(meta: &crate::content::RuleMeta, content: &Content, ui: &Ui) -> Vec<AllowanceRow> {
    let cite = |a: &Allowance| {
        let named = a.source.as_ref()?;
        let reference = meta.sources.iter().find(|s| {
            s.source.as_ref().is_some_and(|id| id.value == named.value)
                || s.url.as_ref().is_some_and(|u| u.value == named.value)
        })?;
        Some(attribution(reference, content, ui))
    };
    let mut rows: Vec<(String, AllowanceRow)> = Vec::new();
    for a in &meta.allowances {
        let mut row = allowance_row(a, ui);
        row.cited = cite(a);
        let key = format!("{}|{:?}", a.item.to_lowercase(), a.direction);
        match rows
            .iter_mut()
            .find(|(k, kept)| *k == key && kept.cited.as_ref().map(|c| &c.by) != row.cited.as_ref().map(|c| &c.by))
        {
            Some((_, kept)) => kept.others.push(row),
            None => rows.push((key, row)),
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

fn allowance_row(a: &Allowance, ui: &Ui) -> AllowanceRow {
    let limit = a.amount.as_ref().map(|amount| {
        let unit = match (&a.currency, &a.unit) {
            (Some(c), _) => c.value.clone(),
            (None, Some(u)) => unit_key(u).map_or_else(|| u.clone(), |k| ui.get(k).to_string()),
            (None, None) => String::new(),
        };
        format!("{}\u{A0}{unit}", ui.number(amount.value)).trim_end_matches('\u{A0}').to_string()
    });
    AllowanceRow {
        item: a.item.clone(),
        direction: a.direction.map(|d| ui.get(direction_key(d)).to_string()),
        limit,
        condition: a.condition.clone(),
        source_text: a.source_text.clone(),
        cited: None,
        others: Vec::new(),
    }
}

/// A rule document as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    /// Id.
    pub id: String,
    /// Page, relative to the site's root.
    pub url: String,
    /// The language the document is written in (the page's, or another until it is translated).
    pub lang: String,
    /// Title.
    pub title: String,
    /// Category.
    pub category: Labelled,
    /// Summary.
    pub summary: Option<String>,
    /// Where it applies, in words.
    pub applies_to: Vec<String>,
    /// Allowance rows.
    pub allowances: Vec<AllowanceRow>,
    /// Structured lists.
    pub lists: Vec<ListView>,
    /// The body as sanitised HTML.
    pub body_html: String,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// The date an editor checked the document.
    pub last_verified: Option<DateView>,
    /// The source of that check.
    pub verified_against: Option<Text>,
    /// Edit link to the Markdown file.
    pub edit_url: Option<String>,
}

/// One row of an allowances table.
#[derive(Debug, Clone, Serialize)]
pub struct AllowanceRow {
    /// What.
    pub item: String,
    /// Direction label.
    pub direction: Option<String>,
    /// Amount with unit or currency, e.g. "10,000 USD".
    pub limit: Option<String>,
    /// Condition.
    pub condition: Option<String>,
    /// Source's words.
    pub source_text: Option<String>,
    /// Who gives this figure and as of when.
    pub cited: Option<Attribution>,
    /// Other sources' figures for the same item, with their dates (shown beneath the kept one).
    pub others: Vec<AllowanceRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_label_key_is_listed() {
        use crate::render::keys::is_rust_key;
        use RuleCategory::*;
        let categories = [Visa, Documents, Procedure, Vehicles, Customs, Refusal].map(category_key);
        let directions = [Direction::Import, Direction::Export, Direction::Both].map(direction_key);
        let units = ["l", "kg", "pieces"].map(|u| unit_key(u).unwrap());
        for key in categories.into_iter().chain(directions).chain(units) {
            assert!(is_rust_key(key), "`{key}` is not in render::keys");
        }
    }
}
