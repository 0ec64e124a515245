//! Extraction recipes: how a source's material becomes checkpoints and rules, declared in
//! `content/sources.yaml` so that a new source of a known shape needs no code.

use std::collections::BTreeMap;

use scraper::Selector;
use serde::Deserialize;

use crate::yaml::Spanned;

use crate::content::evidence::Evidence;
use crate::content::model::{Border, Facts, Mode, Traffic};
use crate::content::rule_meta::{Direction, ListKind, RuleCategory};

/// A CSS selector from a recipe.
pub fn selector(css: &str) -> anyhow::Result<Selector> {
    Selector::parse(css).map_err(|e| anyhow::anyhow!("`{css}` is not a valid CSS selector in sources.yaml: {e}"))
}

/// A language a source writes names in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Kazakh.
    Kk,
}

impl Lang {
    /// The language's code, as a key of `name`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }
}

/// How to read an HTML page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlRecipe {
    /// Selectors of boilerplate to drop before anything is read (related posts, share blocks).
    #[serde(default)]
    pub remove: Vec<String>,
    /// Selector of the element holding the article, for rule text (default: `body`).
    #[serde(default)]
    pub content: Option<String>,
    /// Tables of checkpoints, one row each.
    #[serde(default)]
    pub tables: Vec<TableRecipe>,
    /// Lists naming checkpoints.
    #[serde(default)]
    pub lists: Vec<ListRecipe>,
    /// Rule documents made from parts of the article.
    #[serde(default)]
    pub rules: Vec<RuleRecipe>,
}

/// A table whose rows are checkpoints, read as a browser lays it out (merged cells fill every
/// row and column they cover).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRecipe {
    /// Selector of the table.
    pub selector: Spanned<String>,
    /// Selector of its data rows, within the table.
    #[serde(default = "default_rows")]
    pub rows: Spanned<String>,
    /// Selector of a row's cells, among the row's own cells.
    #[serde(default = "default_cells")]
    pub cells: Spanned<String>,
    /// The language of the names.
    pub language: Lang,
    /// The border all rows are on; without it, each row's `counterpart_country` gives it.
    #[serde(default)]
    pub border: Option<Spanned<Border>>,
    /// What each column holds: by position (`[skip, name, hours]`), or by header text
    /// (`{name: "Пункт пропуска", hours: "Режим работы"}`).
    pub columns: Spanned<Columns>,
}

fn default_rows() -> Spanned<String> {
    Spanned::new("tbody > tr".to_string())
}

fn default_cells() -> Spanned<String> {
    Spanned::new("td, th".to_string())
}

/// The columns of a table recipe.
#[derive(Debug, Clone)]
pub enum Columns {
    /// What each column holds, in order.
    ByPosition(Vec<Spanned<Column>>),
    /// The columns by the text of their header cell, compared after folding case and spaces;
    /// columns not named are skipped.
    ByHeader(Vec<(Spanned<Column>, Spanned<String>)>),
}

impl Columns {
    /// Every kind the recipe names.
    pub fn kinds(&self) -> Vec<Column> {
        match self {
            Columns::ByPosition(list) => list.iter().map(|c| c.value).collect(),
            Columns::ByHeader(list) => list.iter().map(|(c, _)| c.value).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Columns;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of column kinds, or a map of column kinds to header texts")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Columns, A::Error> {
                let mut out = Vec::new();
                while let Some(c) = seq.next_element()? {
                    out.push(c);
                }
                Ok(Columns::ByPosition(out))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Columns, A::Error> {
                let mut out: Vec<(Spanned<Column>, Spanned<String>)> = Vec::new();
                while let Some((kind, header)) = map.next_entry::<Spanned<Column>, Spanned<String>>()? {
                    out.push((kind, header));
                }
                Ok(Columns::ByHeader(out))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// Nothing to keep (row numbers).
    Skip,
    /// The Kazakh side's name; a parenthesised part is an alias: "Dostyk (Friendship)".
    Name,
    /// The other side's name.
    Counterpart,
    /// The neighbouring country ("Кыргызская Республика"), which gives the row's border.
    CounterpartCountry,
    /// Opening hours.
    Hours,
    /// Classification, with the traffic it names ("..., cargo-passenger").
    Classification,
    /// Kinds of transport ("автомобильный", "теміржол", "rail"): each named one is `yes`.
    Modes,
    /// Passengers and cargo ("грузопассажирский", "жүк"): each named one is `yes`.
    Traffic,
    /// Whether it operates ("временно закрыт", "на реконструкции").
    Status,
    /// Place (region, district, settlement), then contacts after "Tel.".
    Place,
    /// The region, by any of its names.
    Region,
    /// The district, as the source names it.
    District,
    /// The settlement, as the source names it.
    Settlement,
    /// Remarks, kept as the record's notes.
    Notes,
    /// A label with another name in quotes: `Checkpoint "Druzhba"` gives the alias Druzhba.
    AliasQuoted,
}

/// A list whose entries name checkpoints.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRecipe {
    /// Selector of the entries (`li` elements).
    pub selector: String,
    /// The language of the names.
    pub language: Lang,
    /// The border all entries are on.
    pub border: Border,
    /// Which side the names are of.
    pub side: Side,
    /// What separates several names in one entry; a trailing "(...)" is dropped.
    #[serde(default = "default_name_separator")]
    pub separator: String,
}

fn default_name_separator() -> String {
    ", ".to_string()
}

/// A side of the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Kazakhstan's side.
    Kazakh,
    /// The neighbour's side.
    Counterpart,
}

/// A rule document made from parts of an article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRecipe {
    /// The document's id: `content/rules/<id>.md`.
    pub id: String,
    /// Its title; the first part's heading when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// Its category.
    pub category: RuleCategory,
    /// The runs of blocks that make its text, in order.
    pub parts: Vec<Part>,
    /// Lists of the text to keep as structured lists.
    #[serde(default)]
    pub lists: Vec<ListSpec>,
    /// Lists of the text whose entries are customs allowances.
    #[serde(default)]
    pub allowances: Vec<AllowanceSpec>,
}

/// A run of the article's blocks (headings, paragraphs, lists), from one to before another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The text the first block starts with.
    pub start: String,
    /// The text the block after the last one starts with; the article's end when absent.
    #[serde(default)]
    pub end: Option<String>,
    /// Keep the first block when it is a heading (headings that open a part are dropped).
    #[serde(default)]
    pub keep_heading: bool,
}

/// A list to keep as structured data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// The text of the block just before the list.
    pub after: String,
    /// What the list holds.
    pub kind: ListKind,
    /// Its title; the block before it, without a final colon, when absent.
    #[serde(default)]
    pub title: Option<String>,
}

/// A list whose entries are allowances ("Up to 1000 cigarettes;").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowanceSpec {
    /// The text of the block just before the list.
    pub after: String,
    /// Which way the goods go.
    pub direction: Direction,
}

/// How to read a tab-separated table of "Kazakh side – other side" pairs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TsvRecipe {
    /// The header's column name of the group a row belongs to.
    pub group_column: String,
    /// The header's column name of the name pair.
    pub name_column: String,
    /// What separates the two sides' names, tried in order.
    pub separators: Vec<String>,
    /// The language of the names.
    pub language: Lang,
    /// What each group means; a row of another group is an error.
    pub groups: BTreeMap<String, Group>,
    /// Transport modes the source states for every row, `{road: yes}` (unless its group says
    /// otherwise); modes not named stay unknown.
    #[serde(default)]
    pub modes: Facts<Mode>,
    /// Traffic the source states for every row, `{cargo: yes}` (unless its group says otherwise).
    #[serde(default)]
    pub traffic: Facts<Traffic>,
    /// The evidence of operation every row gives as of the source's date (`queue` for the
    /// truck e-queue's list of the points it serves), if any.
    #[serde(default)]
    pub operating: Option<Evidence>,
    /// True for the truck e-queue's own list: trucks book their crossing at every row's
    /// checkpoint in the queue.
    #[serde(default)]
    pub e_queue: bool,
}

/// A group of rows in a TSV source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The border of the group's checkpoints.
    pub border: Border,
    /// Modes of this group, instead of the recipe's.
    #[serde(default)]
    pub modes: Option<Facts<Mode>>,
    /// Traffic of this group, instead of the recipe's.
    #[serde(default)]
    pub traffic: Option<Facts<Traffic>>,
}

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
