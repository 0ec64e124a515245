//! The recipe of a JSON source (`json` in `sources.yaml`): where the records are, which to keep,
//! and the path of each field. [`super::json`] reads a document by it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::recipe::{Column, Lang, Side};
use crate::content::Border;
use crate::yaml::Spanned;

/// How to read a JSON document of records.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonRecipe {
    /// Path to the records.
    pub records: Spanned<String>,
    /// Conditions a record meets to be read; all must hold.
    #[serde(default)]
    pub filter: Vec<JsonFilter>,
    /// Path of the record's own id, which errors name.
    pub id: Spanned<String>,
    /// The language of the names and words.
    pub language: Lang,
    /// The border all records are on.
    pub border: Border,
    /// Whose checkpoint a record describes: `counterpart` for a neighbour's register, whose
    /// hours, functioning and coordinates are its own side's.
    #[serde(default = "kazakh")]
    pub describes: Side,
    /// The path giving each field.
    pub fields: BTreeMap<JsonField, Spanned<String>>,
    /// Fields every record must give; a record without one is an error.
    #[serde(default)]
    pub required: Vec<JsonField>,
    /// Whether every record is a checkpoint of its own, even where two name the same place
    /// (a station facing two stations across the border).
    #[serde(default)]
    pub record_per_row: bool,
}

fn kazakh() -> Side {
    Side::Kazakh
}

/// A condition on a record: the value at `path` equals `equals`, or one of the values a
/// `lookup` finds elsewhere in the document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonFilter {
    /// Path within the record.
    pub path: Spanned<String>,
    /// The value wanted, as text (`"4"`, `"true"`, `KZ`).
    #[serde(default)]
    pub equals: Option<String>,
    /// The values wanted, looked up elsewhere in the document.
    #[serde(default)]
    pub lookup: Option<Lookup>,
}

/// Values found elsewhere in the document: of the entries at `entries` whose `where` equals
/// `is`, the values at `take` ("the `id` of the country whose `iso_code` is KZ").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// Path to the entries, from the document's root.
    pub entries: Spanned<String>,
    /// Path within an entry to compare.
    #[serde(rename = "where")]
    pub where_path: String,
    /// The value it must have.
    pub is: String,
    /// Path within an entry of the value to take.
    pub take: String,
}

/// What a path of a JSON record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonField {
    /// The Kazakh side's name.
    Name,
    /// The other side's name.
    Counterpart,
    /// Kind of transport, in words.
    Modes,
    /// Classification, in words.
    Classification,
    /// Passengers and cargo, in words.
    Traffic,
    /// Opening hours, in words.
    Hours,
    /// Whether the checkpoint functions: yes, no or unknown.
    Functioning,
    /// The definition of the record's class, which says who may cross.
    OpenTo,
    /// Latitude of the checkpoint described.
    Lat,
    /// Longitude of the checkpoint described.
    Lon,
    /// Address of the checkpoint described.
    Address,
    /// The date the record describes (its last update).
    AsOf,
    /// Remarks.
    Notes,
}

impl JsonField {
    /// The table column whose reader reads this field, where one does.
    pub fn column(self) -> Option<Column> {
        Some(match self {
            JsonField::Name => Column::Name,
            JsonField::Counterpart => Column::Counterpart,
            JsonField::Modes => Column::Modes,
            JsonField::Classification => Column::Classification,
            JsonField::Traffic => Column::Traffic,
            JsonField::Hours => Column::Hours,
            JsonField::Notes => Column::Notes,
            _ => return None,
        })
    }
}
