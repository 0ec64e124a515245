//! Whose facts pages show: the checkpoint opposite's hours, named as theirs with their source
//! and date, and who may cross in words naming the neighbouring country.

use super::source::attribution;
use serde::Serialize;

use super::text::{Text, name_in, text_in};
use crate::content::sides::Side;
use crate::content::{Checkpoint, Content, OpenTo};
use crate::render::ui::Ui;

/// The key of who may cross's label.
pub fn open_to_key(o: OpenTo) -> &'static str {
    match o {
        OpenTo::All => "open_to_all",
        OpenTo::Neighbours => "open_to_neighbours",
    }
}

/// The neighbouring country's name in the page's language.
fn country_label(c: &Checkpoint, content: &Content, ui: &Ui) -> Option<String> {
    let code = c.counterpart.as_ref().and_then(|p| p.country.as_ref()).map(|x| x.value.clone());
    let code = code.or_else(|| c.border.as_ref().map(|b| b.value.code().to_string()))?;
    let name = content.reference.country(&code).and_then(|k| text_in(&k.name, &ui.lang)).map(|t| t.text);
    Some(name.unwrap_or(code))
}

/// Whose hours a page shows, where they are the checkpoint opposite's standing in for unknown
/// Kazakh hours: "Russia's checkpoint Ozinki", the source, "as of 18 February 2026".
#[derive(Debug, Clone, Serialize)]
pub struct HoursSide {
    /// The side, in the page's language.
    pub side: String,
    /// Who states them, in its own language (marked where it is not the page's).
    pub by: Option<Text>,
    /// As of when, in the page's language.
    pub when: Option<String>,
}

/// Whose the hours shown are; `None` where they are the Kazakh side's own or unknown.
pub fn hours_side(c: &Checkpoint, content: &Content, ui: &Ui) -> Option<HoursSide> {
    if c.crossing_hours()?.1 != Side::Opposite {
        return None;
    }
    let name = c.counterpart.as_ref()?.name.as_ref().and_then(|n| name_in(n, &ui.lang)).map(|t| t.text)?;
    let country = country_label(c, content, ui).unwrap_or_default();
    let side = ui.fill("side_opposite", &[("country", &country), ("name", &name)]);
    let source = c.sources.iter().find(|s| s.supports.iter().any(|f| f.value == "counterpart.hours"));
    let cited = source.map(|s| attribution(s, content, ui));
    Some(HoursSide {
        side,
        by: cited.as_ref().map(|a| Text::new(a.by.clone(), a.lang.clone())),
        when: cited.and_then(|a| a.when),
    })
}

/// Who may cross, in words: "Citizens of Kazakhstan and Russia only".
pub fn open_to_label(c: &Checkpoint, content: &Content, ui: &Ui) -> Option<String> {
    let open = c.open_to?;
    let country = country_label(c, content, ui).unwrap_or_default();
    Some(ui.fill(open_to_key(open), &[("country", &country)]))
}

/// The filter tokens of who may cross (see [`super::CheckpointItem::open_to_codes`]).
pub fn open_to_codes(c: &Checkpoint) -> &'static str {
    match c.open_to {
        Some(OpenTo::All) => "all",
        Some(OpenTo::Neighbours) => "neighbours",
        None => "all unknown",
    }
}
