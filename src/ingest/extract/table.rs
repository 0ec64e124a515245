//! Checkpoints from an HTML table by its recipe: the table laid out as a browser does
//! ([`grid`](super::grid)), its columns found by position or by header text, one candidate per
//! data row. Header rows are skipped; footnote rows and rows without a name or border are
//! reported and skipped, never guessed. A problem of the recipe is an error at its line.

use std::collections::HashSet;

use scraper::Html;

use super::candidate::Candidate;
use super::grid::Grid;
use super::grid::Row;
use super::grid::layout;
use super::normalise;
use super::wording;
use crate::content::recipe::{Column, Columns, TableRecipe, selector};
use crate::content::{Border, Location, Reference};
use crate::ingest::names::{self, collapse};
use crate::ingest::sources::RecipeAt;
use crate::yaml::Spanned;

/// A row read and left out, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The recipe's place: `content/sources.yaml:line:column: source `id``.
    pub at: String,
    /// `footnote_row`, `row_without_name`, `row_without_border` or `row_of_another_border`.
    pub code: &'static str,
    /// The row's text, shortened.
    pub row: String,
}

/// Candidates from the table of `recipe`, and the rows left out.
pub fn candidates(
    page: &Html,
    recipe: &TableRecipe,
    at: RecipeAt,
    reference: &Reference,
) -> anyhow::Result<(Vec<Candidate>, Vec<SkippedRow>)> {
    let css = |s: &Spanned<String>| selector(s).map_err(|e| at.error(s.pos, format!("{e:#}")));
    let (table_sel, row_sel, cell_sel) = (css(&recipe.selector)?, css(&recipe.rows)?, css(&recipe.cells)?);
    check_recipe(recipe, at)?;
    let Some(table) = page.select(&table_sel).next() else {
        let message =
            format!("`{}` matched nothing: the page's layout may have changed; update the recipe", *recipe.selector);
        return Err(at.error(recipe.selector.pos, message));
    };
    let grid = layout(table, &cell_sel).map_err(|e| at.error(recipe.selector.pos, e))?;
    let selected: HashSet<_> = table.select(&row_sel).map(|r| r.id()).collect();
    let (columns, first) = resolve(&grid, recipe, at)?;
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for row in grid.rows[first..].iter().filter(|r| selected.contains(&r.element.id())) {
        let cells = grid.row_cells(row);
        if cells.iter().all(|&i| grid.cells[i].header || collapse(&grid.cells[i].text).is_empty()) {
            continue;
        }
        let quoted = quote(&grid, row);
        let skip = |code| SkippedRow { at: at.at(recipe.selector.pos), code, row: quoted.clone() };
        if is_footnote(&grid, row) {
            skipped.push(skip("footnote_row"));
            continue;
        }
        if let Columns::ByPosition(list) = &*recipe.columns {
            let filled = row.slots.iter().flatten().count();
            if filled != list.len() {
                let message =
                    format!("a row has {filled} cells where the recipe names {} columns: `{quoted}`", list.len());
                return Err(at.error(recipe.columns.pos, message));
            }
        }
        let c = row_candidate(&grid, row, &columns, recipe, at.source, reference);
        match why_skipped(&c, recipe) {
            Some(code) => skipped.push(skip(code)),
            None => out.push(c),
        }
    }
    if out.is_empty() && skipped.is_empty() {
        let message = format!("the table has no rows matching `{}`: update the recipe", *recipe.rows);
        return Err(at.error(recipe.rows.pos, message));
    }
    Ok((out, skipped))
}

/// A recipe that cannot name a checkpoint or its border is an error before the page is read.
fn check_recipe(recipe: &TableRecipe, at: RecipeAt) -> anyhow::Result<()> {
    let kinds = recipe.columns.kinds();
    if !kinds.contains(&Column::Name) && !kinds.contains(&Column::Counterpart) {
        return Err(at.error(recipe.columns.pos, "the columns name neither `name` nor `counterpart`"));
    }
    if recipe.border.is_none() && !kinds.contains(&Column::CounterpartCountry) {
        return Err(at.error(recipe.selector.pos, "give the table's `border`, or a `counterpart_country` column"));
    }
    Ok(())
}

/// Why a row's candidate is left out, if it is.
fn why_skipped(c: &Candidate, recipe: &TableRecipe) -> Option<&'static str> {
    let kinds = recipe.columns.kinds();
    if kinds.contains(&Column::Name) && !c.has_name() {
        return Some("row_without_name");
    }
    if !kinds.contains(&Column::Name) && c.counterpart.is_empty() {
        return Some("row_without_name");
    }
    match (recipe.border.as_ref().map(|b| b.value), c.border) {
        (_, None) => Some("row_without_border"),
        (Some(wanted), Some(got)) if wanted != got => Some("row_of_another_border"),
        _ => None,
    }
}

/// Each kind with its column, and the first row after the header.
fn resolve(grid: &Grid, recipe: &TableRecipe, at: RecipeAt) -> anyhow::Result<(Vec<(usize, Column)>, usize)> {
    let list = match &*recipe.columns {
        Columns::ByPosition(list) => return Ok((list.iter().map(|c| c.value).enumerate().collect(), 0)),
        Columns::ByHeader(list) => list,
    };
    let wanted: Vec<String> = list.iter().map(|(_, h)| names::fold(h)).collect();
    let heads = |row: &Row| (0..row.slots.len()).any(|c| wanted.contains(&names::fold(grid.text(row, c))));
    let all_th = |row: &Row| grid.row_cells(row).iter().all(|&i| grid.cells[i].header);
    let start = grid.rows.iter().position(heads);
    let header = match start {
        Some(s) => s..s + grid.rows[s..].iter().take_while(|r| heads(r) || all_th(r)).count(),
        None => 0..0,
    };
    let mut out = Vec::new();
    for ((kind, name), key) in list.iter().zip(&wanted) {
        // The lowest header row naming it: under a merged "Наименование", "казахстанский".
        let found = grid.rows[header.clone()].iter().rev().find_map(|row| {
            let columns: Vec<usize> =
                (0..row.slots.len()).filter(|&c| names::fold(grid.text(row, c)) == *key).collect();
            (!columns.is_empty()).then_some(columns)
        });
        match found.as_deref() {
            Some([column]) => out.push((*column, kind.value)),
            Some(several) => {
                let message = format!(
                    "`{}` heads {} columns; name the header cell of the one meant (the row below a merged header)",
                    **name,
                    several.len()
                );
                return Err(at.error(name.pos, message));
            }
            None => {
                let message = format!("no column of the table is headed `{}`; its headers: {}", **name, headers(grid));
                return Err(at.error(name.pos, message));
            }
        }
    }
    Ok((out, header.end))
}

/// The texts of the table's first rows, for an error.
fn headers(grid: &Grid) -> String {
    let rows: Vec<String> = grid.rows.iter().take(3).map(|r| quote(grid, r)).collect();
    if rows.is_empty() { "none (the table has no rows)".to_string() } else { rows.join(" / ") }
}

/// A row of one cell across a table of several columns, or one starting with `*` or a word
/// for "note".
fn is_footnote(grid: &Grid, row: &Row) -> bool {
    let cells = grid.row_cells(row);
    if cells.len() == 1 && grid.width() > 1 && row.slots.len() == grid.width() {
        return true;
    }
    let first = cells.iter().map(|&i| collapse(&grid.cells[i].text)).find(|t| !t.is_empty()).unwrap_or_default();
    let lower = first.to_lowercase();
    lower.starts_with('*') || ["примечание", "прим.", "ескерту", "note"].iter().any(|w| lower.starts_with(w))
}

/// A row's cells' texts, joined and shortened for a message.
pub fn quote(grid: &Grid, row: &Row) -> String {
    let texts: Vec<String> =
        grid.row_cells(row).iter().map(|&i| collapse(&grid.cells[i].text)).filter(|t| !t.is_empty()).collect();
    let text = texts.join(" | ");
    if text.chars().count() <= 120 { text } else { format!("{}…", text.chars().take(119).collect::<String>()) }
}

fn row_candidate(
    grid: &Grid,
    row: &Row,
    columns: &[(usize, Column)],
    recipe: &TableRecipe,
    source: &str,
    reference: &Reference,
) -> Candidate {
    let mut c = Candidate {
        source: source.to_string(),
        border: recipe.border.as_ref().map(|b| b.value),
        ..Candidate::default()
    };
    let texts: Vec<String> =
        grid.row_cells(row).iter().map(|&i| collapse(&grid.cells[i].text)).filter(|t| !t.is_empty()).collect();
    c.label = texts.join(" | ");
    for (column, kind) in columns {
        let raw = grid.text(row, *column);
        if !collapse(raw).is_empty() {
            apply(&mut c, *kind, raw, recipe, reference);
        }
    }
    let name = c.name.first().map(|(_, n)| n.clone()).unwrap_or_default();
    c.aliases.retain(|a| !names::same(a, &name));
    c.aliases.dedup();
    c
}

/// What one cell says, added to `c`.
fn apply(c: &mut Candidate, kind: Column, raw: &str, recipe: &TableRecipe, reference: &Reference) {
    let text = collapse(raw);
    let lang = recipe.language;
    match kind {
        Column::Skip => {}
        Column::Name => {
            let (name, alias) = names::split_parenthesis(&text);
            c.name.push((lang, name));
            c.aliases.extend(alias);
        }
        Column::Counterpart => c.counterpart.push((lang, names::split_parenthesis(&text).0)),
        Column::CounterpartCountry => {
            let code = wording::country(&text, reference);
            let border = code.as_deref().map(|code| Border::ALL.into_iter().find(|b| b.code() == code));
            // A neighbour across the sea (Azerbaijan, Iran) is no land border.
            c.border = border.map(|b| b.unwrap_or(Border::None)).or(c.border);
            c.counterpart_country = code;
        }
        Column::Hours => c.hours = super::hours::parse(&text, None, None),
        Column::Classification => {
            let (classified, traffic) = normalise::classification(&text);
            c.classification = classified;
            traffic.0.into_iter().for_each(|(k, f)| _ = c.traffic.0.entry(k).or_insert(f));
        }
        Column::Modes => wording::modes(&text).0.into_iter().for_each(|(k, f)| _ = c.modes.0.insert(k, f)),
        Column::Traffic => wording::traffic(&text).0.into_iter().for_each(|(k, f)| _ = c.traffic.0.insert(k, f)),
        Column::Status => c.status = wording::status(&text),
        Column::Place => {
            let (location, contacts) = normalise::place(raw, reference);
            if let Some(found) = location {
                fill(location_of(c), found);
            }
            c.contacts.extend(contacts);
        }
        Column::Region => {
            let (placed, _) = normalise::place(&text, reference);
            let location = location_of(c);
            location.region = location.region.take().or(placed.and_then(|p| p.region));
            location.source_text.get_or_insert(text);
        }
        Column::District => _ = location_of(c).district.get_or_insert(text),
        Column::Settlement => _ = location_of(c).settlement.get_or_insert(text),
        Column::Notes => c.notes = Some(text),
        Column::AliasQuoted => c.aliases.extend(names::quoted(&text)),
    }
}

fn location_of(c: &mut Candidate) -> &mut Location {
    c.location.get_or_insert_with(Location::default)
}

/// Fill what `into` lacks from `from`.
fn fill(into: &mut Location, from: Location) {
    into.region = into.region.take().or(from.region);
    into.district = into.district.take().or(from.district);
    into.settlement = into.settlement.take().or(from.settlement);
    into.source_text = into.source_text.take().or(from.source_text);
}
