//! Rule documents for pages: which language version a page shows, and its view model with
//! labels, amounts and dates in the page's language.

use serde::Serialize;

use super::source::{Attribution, SourceView, attribution, source_view, verified_label};
use super::text::*;
use crate::content::languages::fallbacks;
use crate::content::{
    Allowance, AppliesTo, Content, Crossing, Direction, Journey, Residence, Rule, RuleCategory, RuleMeta,
};
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
        applies_to: meta.applies_to.as_ref().map(|a| scope_lines(a, content, ui)).unwrap_or_default(),
        allowances: allowance_groups(meta, content, ui),
        lists: meta
            .lists
            .iter()
            .map(|l| ListView {
                kind: labelled(l.kind, "", ui).code,
                title: l.title.clone(),
                items: l.items.clone(),
                scope: l.applies_to.as_ref().map(|a| scope_lines(a, content, ui).join("; ")),
            })
            .collect(),
        body_html,
        sources: meta.sources.iter().map(|s| source_view(s, content, ui)).collect(),
        last_verified: meta.last_verified.as_ref().map(|d| DateView::new(&d.value, ui)),
        verified_against: meta.verified_against.as_ref().map(|v| {
            let cited = meta.sources.iter().find(|s| s.url.as_ref().is_some_and(|u| u.value == v.value));
            cited
                .and_then(|s| s.publisher.as_deref())
                .map(super::source::publisher)
                .unwrap_or_else(|| verified_label(&v.value, content))
        }),
        edit_url: edit_url(content, &rule.path),
    }
}

/// Where and for whom a rule or statement applies, one line per kind of limit.
fn scope_lines(a: &AppliesTo, content: &Content, ui: &Ui) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |key: &str, names: Vec<String>| {
        if !names.is_empty() {
            lines.push(ui.fill(key, &[("list", &names.join(", "))]));
        }
    };
    push("applies_crossings", a.crossings.iter().map(|c| ui.get(crossing_key(c.value)).to_string()).collect());
    push("applies_borders", a.borders.iter().map(|b| border_label(b.value, content, ui)).collect());
    push("applies_checkpoints", a.checkpoints.iter().map(|c| checkpoint_name(content, c, &ui.lang)).collect());
    let country = |n: &str| {
        content.reference.country(n).and_then(|c| text_in(&c.name, &ui.lang)).map_or(n.to_string(), |t| t.text)
    };
    push("applies_nationalities", a.nationalities.iter().map(|n| country(n)).collect());
    let age = |n: u32| n.to_string();
    match (a.min_age, a.max_age) {
        (Some(min), Some(max)) => lines.push(ui.fill("applies_age_between", &[("min", &age(min)), ("max", &age(max))])),
        (Some(min), None) => lines.push(ui.fill("applies_age_from", &[("min", &age(min))])),
        (None, Some(max)) => lines.push(ui.fill("applies_age_under", &[("age", &age(max + 1))])),
        (None, None) => {}
    }
    lines.extend(a.residence.map(|r| ui.get(residence_key(r)).to_string()));
    lines.extend(a.journey.map(|j| ui.get(journey_key(j)).to_string()));
    lines
}

/// The key of a kind of crossing's label.
pub fn crossing_key(c: Crossing) -> &'static str {
    match c {
        Crossing::EaeuInternal => "crossing_eaeu_internal",
        Crossing::EaeuExternal => "crossing_eaeu_external",
        Crossing::Air => "crossing_air",
        Crossing::Sea => "crossing_sea",
    }
}

fn residence_key(r: Residence) -> &'static str {
    match r {
        Residence::Kazakhstan => "applies_residents",
        Residence::Abroad => "applies_non_residents",
    }
}

fn journey_key(j: Journey) -> &'static str {
    match j {
        Journey::Entry => "applies_entry",
        Journey::Exit => "applies_exit",
    }
}

fn checkpoint_name(content: &Content, id: &str, lang: &str) -> String {
    content
        .checkpoints
        .iter()
        .find(|c| c.data.id.value == id)
        .and_then(|c| text_in(&c.data.name, lang))
        .map_or_else(|| id.to_string(), |t| t.text)
}

/// An allowance row with the key (item and direction) it is shown under.
type KeyedRow = (String, AllowanceRow);

/// The allowances grouped by where and for whom they apply (the document's own scope first),
/// one row per item and direction: the first source's figure (sources are in order of
/// precedence), with the other sources' figures for the same item beneath it.
fn allowance_groups(meta: &RuleMeta, content: &Content, ui: &Ui) -> Vec<AllowanceGroup> {
    let cite = |named: &str| {
        let reference = meta.sources.iter().find(|s| {
            s.source.as_ref().is_some_and(|id| id.value == named) || s.url.as_ref().is_some_and(|u| u.value == named)
        })?;
        Some(attribution(reference, content, ui))
    };
    let mut groups: Vec<(Option<&AppliesTo>, Vec<KeyedRow>)> = Vec::new();
    for a in &meta.allowances {
        let mut row = allowance_row(a, ui);
        row.cited = a.source.as_ref().and_then(|s| cite(&s.value));
        row.computed_from = a.computed_from.iter().filter_map(|s| cite(&s.value)).collect();
        let rows = match groups.iter_mut().find(|(scope, _)| *scope == a.applies_to.as_ref()) {
            Some((_, rows)) => rows,
            None => {
                groups.push((a.applies_to.as_ref(), Vec::new()));
                &mut groups.last_mut().expect("just pushed").1
            }
        };
        let key = format!("{}|{:?}", a.item.to_lowercase(), a.direction);
        let by = |r: &AllowanceRow| r.cited.as_ref().map(|c| c.by.clone());
        match rows.iter_mut().find(|(k, kept)| *k == key && by(kept) != by(&row)) {
            Some((_, kept)) => kept.others.push(row),
            None => rows.push((key, row)),
        }
    }
    groups.sort_by_key(|(scope, _)| scope.is_some());
    groups
        .into_iter()
        .map(|(scope, rows)| AllowanceGroup {
            scope: scope.map(|a| scope_lines(a, content, ui).join("; ")),
            rows: rows.into_iter().map(|(_, row)| row).collect(),
        })
        .collect()
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
        computed_from: Vec::new(),
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
    /// Allowance rows, grouped by where they apply.
    pub allowances: Vec<AllowanceGroup>,
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

/// Allowances that apply at the same places and to the same travellers.
#[derive(Debug, Clone, Serialize)]
pub struct AllowanceGroup {
    /// Where and for whom, in words; `None` where the document's own scope holds.
    pub scope: Option<String>,
    /// The rows.
    pub rows: Vec<AllowanceRow>,
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
    /// For a computed figure: who gives each figure it is computed from.
    pub computed_from: Vec<Attribution>,
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
        let crossings = Crossing::ALL.map(crossing_key);
        let residences = [Residence::Kazakhstan, Residence::Abroad].map(residence_key);
        let journeys = [Journey::Entry, Journey::Exit].map(journey_key);
        let all = categories.into_iter().chain(directions).chain(units).chain(crossings).chain(residences);
        for key in all.chain(journeys) {
            assert!(is_rust_key(key), "`{key}` is not in render::keys");
        }
    }
}
