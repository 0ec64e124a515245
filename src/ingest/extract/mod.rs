//! Reading checkpoints out of material by recipe: HTML tables and lists, and TSV name pairs.
//!
//! A selector that matches nothing is an error, not an empty result: it means the page changed
//! shape, and ingesting nothing would look like every checkpoint vanished.

pub mod allowance;
pub mod candidate;
pub mod digest;
pub mod grid;
pub mod hours;
pub mod normalise;
pub mod sections;
pub mod table;
pub mod wording;

use anyhow::{Context as _, bail};
use scraper::{ElementRef, Html};

use self::candidate::Candidate;
use self::table::SkippedRow;
use super::names::{self, collapse};
use super::sources::RecipeAt;
use crate::content::recipe::{HtmlRecipe, ListRecipe, Side, TsvRecipe, selector};
use crate::content::{Border, Reference};

/// Parse `html` and drop what the recipe's `remove` selectors match.
pub fn parse_page(html: &str, recipe: &HtmlRecipe) -> anyhow::Result<Html> {
    let mut page = Html::parse_document(html);
    for css in &recipe.remove {
        let selector = selector(css)?;
        let ids: Vec<_> = page.select(&selector).map(|e| e.id()).collect();
        for id in ids {
            if let Some(mut node) = page.tree.get_mut(id) {
                node.detach();
            }
        }
    }
    Ok(page)
}

/// The whitespace-collapsed text of an element.
pub fn text_of(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>())
}

/// Candidates from a page's tables and lists, and the table rows left out.
pub fn html_candidates(
    page: &Html,
    recipe: &HtmlRecipe,
    at: RecipeAt,
    reference: &Reference,
) -> anyhow::Result<(Vec<Candidate>, Vec<SkippedRow>)> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for table in &recipe.tables {
        let (c, s) = table::candidates(page, table, at, reference)?;
        out.extend(c);
        skipped.extend(s);
    }
    for list in &recipe.lists {
        out.extend(list_candidates(page, list, at.source).with_context(|| format!("list `{}`", list.selector))?);
    }
    Ok((out, skipped))
}

fn list_candidates(page: &Html, recipe: &ListRecipe, source: &str) -> anyhow::Result<Vec<Candidate>> {
    let sel = selector(&recipe.selector)?;
    let mut out = Vec::new();
    for item in page.select(&sel) {
        let text = names::clean_item(&text_of(item));
        let (bare, qualifier) = names::split_parenthesis(&text);
        for name in bare.split(recipe.separator.as_str()).map(names::clean_item).filter(|n| !n.is_empty()) {
            let mut c = Candidate {
                source: source.to_string(),
                label: text.clone(),
                border: Some(recipe.border),
                qualifier: qualifier.clone(),
                ..Candidate::default()
            };
            match recipe.side {
                Side::Kazakh => c.name.push((recipe.language, name)),
                Side::Counterpart => c.counterpart.push((recipe.language, name)),
            }
            out.push(c);
        }
    }
    if out.is_empty() {
        bail!("the selector matched nothing: the page's layout may have changed; update the recipe in sources.yaml");
    }
    Ok(out)
}

/// Candidates from a TSV table of "Kazakh side – other side" names.
pub fn tsv_candidates(text: &str, recipe: &TsvRecipe, source: &str) -> anyhow::Result<Vec<Candidate>> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().context("the table is empty")?;
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    let find = |name: &str| {
        columns
            .iter()
            .position(|c| *c == name)
            .with_context(|| format!("the header has no column `{name}` (it has: {})", columns.join(", ")))
    };
    let (group_at, name_at) = (find(&recipe.group_column)?, find(&recipe.name_column)?);
    let mut out = Vec::new();
    for (i, line) in lines {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let (Some(group), Some(pair)) = (cells.get(group_at), cells.get(name_at)) else {
            bail!("line {}: expected {} tab-separated columns, found {}", i + 1, columns.len(), cells.len());
        };
        let g = recipe.groups.get(*group).with_context(|| {
            format!(
                "line {}: the group `{group}` is not in the recipe's `groups`: add what it means to sources.yaml",
                i + 1
            )
        })?;
        let mut candidate = pair_candidate(pair, g.border, recipe, source);
        candidate.modes = g.modes.clone().unwrap_or_else(|| recipe.modes.clone());
        candidate.traffic = g.traffic.clone().unwrap_or_else(|| recipe.traffic.clone());
        out.push(candidate);
    }
    Ok(out)
}

fn pair_candidate(pair: &str, border: Border, recipe: &TsvRecipe, source: &str) -> Candidate {
    let mut c =
        Candidate { source: source.to_string(), label: pair.to_string(), border: Some(border), ..Candidate::default() };
    let split = recipe.separators.iter().filter_map(|sep| pair.find(sep.as_str()).map(|at| (at, sep.len()))).min();
    let (ours, theirs) = match split {
        Some((at, len)) => (&pair[..at], Some(&pair[at + len..])),
        None => (pair, None),
    };
    c.name.push((recipe.language, collapse(ours)));
    if let Some(other) = theirs.map(collapse).filter(|t| !t.is_empty()) {
        c.counterpart.push((recipe.language, other));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv_recipe() -> TsvRecipe {
        crate::yaml::from_str(
            "group_column: border_group\nname_column: name\nseparators: [' – ', ' - ']\nlanguage: ru\n\
             groups:\n  Kazakhstan - Russia: {border: RU}\n  Kazakhstan: {border: none, modes: {sea: yes}}\n\
             modes: {road: yes}\ntraffic: {cargo: yes}\n",
        )
        .unwrap()
    }

    #[test]
    fn splits_name_pairs_on_either_dash() {
        let text = "border_group\tqueue_id\tname\nKazakhstan - Russia\t1\tТаскала – Озинки\n\
                    Kazakhstan - Russia\t2\tТемир-Баба - Карабугаз\nKazakhstan\t3\tПорт Курык\n";
        let c = tsv_candidates(text, &tsv_recipe(), "q").unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].name[0].1.as_str(), c[0].counterpart[0].1.as_str()), ("Таскала", "Озинки"));
        assert_eq!((c[1].name[0].1.as_str(), c[1].counterpart[0].1.as_str()), ("Темир-Баба", "Карабугаз"));
        assert_eq!((c[2].border, c[2].counterpart.len()), (Some(Border::None), 0));
        assert_eq!(c[2].modes.yes().collect::<Vec<_>>(), vec![crate::content::Mode::Sea]);
        assert_eq!(c[0].traffic.yes().collect::<Vec<_>>(), vec![crate::content::Traffic::Cargo]);
        assert_eq!(c[0].traffic.get(crate::content::Traffic::Passenger), crate::content::Fact::Unknown);
    }

    #[test]
    fn reads_the_seed_page_by_its_recipe() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (file, _) = crate::ingest::sources::load(&content).unwrap();
        let seed = file.sources.iter().find(|s| s.id.value == "kz-crossing-rules").unwrap();
        let recipe = seed.html.as_ref().unwrap();
        let html = std::fs::read_to_string(content.join("snapshots/kz-crossing-rules.html")).unwrap();
        let page = parse_page(&html, recipe).unwrap();
        let at = RecipeAt { file: std::path::Path::new("sources.yaml"), source: "seed" };
        let (c, skipped) = html_candidates(&page, recipe, at, &Reference::default()).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(c.len(), 4 + 12, "four China checkpoints, twelve Russian-side places");
        assert_eq!(
            (c[1].name[0].1.as_str(), c[1].aliases.clone()),
            ("Dostyk", vec!["Friendship".to_string(), "Druzhba".to_string()])
        );
        assert_eq!(c[3].counterpart[0].1, "Zimunai");
        let russian: Vec<&str> = c[4..].iter().map(|c| c.counterpart[0].1.as_str()).collect();
        assert_eq!(&russian[..4], ["Veseloyarsk", "Pavlovka", "Gornyak", "Karazoek"]);
        assert_eq!(c[4].qualifier.as_deref(), Some("Altai Territory"));
        assert!(
            page.root_element().html().contains("railway") && !page.root_element().html().contains("You may also like")
        );
    }

    #[test]
    fn unknown_groups_and_columns_are_errors() {
        let e = tsv_candidates("border_group\tname\nMars\tA - B\n", &tsv_recipe(), "q").unwrap_err();
        assert!(format!("{e:#}").contains("`Mars`"), "{e:#}");
        let e = tsv_candidates("group\tname\nx\ty\n", &tsv_recipe(), "q").unwrap_err();
        assert!(format!("{e:#}").contains("no column `border_group`"), "{e:#}");
    }
}
