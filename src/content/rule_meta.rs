//! A rule document's front matter: what it is about, where and for whom it applies, its
//! allowances and lists, and its sources.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Border, SourceRef};
use crate::yaml::Spanned;

/// A regulation document's front matter.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    /// The document's title.
    pub title: Spanned<String>,
    /// What the rule is about.
    pub category: RuleCategory,
    /// A one-sentence summary for lists and search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Whom and where the rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<AppliesTo>,
    /// Customs allowances and limits, as structured data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowances: Vec<Allowance>,
    /// Structured lists: documents, prohibited goods, grounds for refusal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<RuleList>,
    /// Where the text comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// The date (YYYY-MM-DD) an editor checked this document against `verified_against`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<Spanned<String>>,
    /// The source an editor checked the document against on `last_verified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_against: Option<Spanned<String>>,
    /// In the default language's document: the date (YYYY-MM-DD) its text last changed in
    /// substance, so that translations made before it are reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<Spanned<String>>,
    /// In a translation: the `revised` date of the default language's text it translates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<Spanned<String>>,
}

/// Category of a regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleCategory {
    /// Visas and visa-free stays.
    Visa,
    /// Documents to carry.
    Documents,
    /// What happens at the checkpoint.
    Procedure,
    /// Driving across in a vehicle.
    Vehicles,
    /// Customs allowances and prohibitions.
    Customs,
    /// Grounds for refusal of entry.
    Refusal,
}

impl RuleCategory {
    /// Every value.
    pub const ALL: [RuleCategory; 6] = [
        RuleCategory::Visa,
        RuleCategory::Documents,
        RuleCategory::Procedure,
        RuleCategory::Vehicles,
        RuleCategory::Customs,
        RuleCategory::Refusal,
    ];

    /// The value as written in YAML.
    pub fn code(self) -> &'static str {
        match self {
            RuleCategory::Visa => "visa",
            RuleCategory::Documents => "documents",
            RuleCategory::Procedure => "procedure",
            RuleCategory::Vehicles => "vehicles",
            RuleCategory::Customs => "customs",
            RuleCategory::Refusal => "refusal",
        }
    }
}

/// A customs allowance or limit.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    /// What is allowed, e.g. "Cigarettes".
    pub item: String,
    /// Which way: import into Kazakhstan, export, or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The limit's amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Spanned<f64>>,
    /// The unit of `amount` (e.g. `l`, `kg`, `pieces`), when not money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The currency of `amount` (ISO 4217), when money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Spanned<String>>,
    /// When the allowance applies or what goes beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The source's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// The source that gives this figure: an id of `sources.yaml` or an address among the
    /// document's `sources`. Two entries for one item from different sources are shown together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Spanned<String>>,
    /// For a figure computed from others (360 MCI at the year's MCI): the source of each other
    /// figure it uses, as `source` names them. The page marks the figure as computed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub computed_from: Vec<Spanned<String>>,
    /// Where and for whom this figure applies, when narrower than the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<AppliesTo>,
}

/// Direction of goods across the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Into Kazakhstan.
    Import,
    /// Out of Kazakhstan.
    Export,
    /// Both ways.
    Both,
}

/// A titled list inside a rule: documents, prohibited goods, grounds.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleList {
    /// What the list holds.
    pub kind: ListKind,
    /// The list's heading.
    pub title: String,
    /// The entries, in the source's order and words.
    pub items: Vec<String>,
    /// Where and for whom this list applies, when narrower than the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<AppliesTo>,
}

/// Kind of structured list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Documents to present.
    Documents,
    /// Goods that may not be brought in.
    ProhibitedImport,
    /// Goods that may not be taken out.
    ProhibitedExport,
    /// Grounds for refusing entry.
    Grounds,
    /// Steps of a procedure.
    Steps,
}

/// Whom and where a rule or statement applies to; an absent list or value means "not limited".
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// Borders (neighbour codes, or `none` for airports and sea ports) it applies on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub borders: Vec<Spanned<Border>>,
    /// Kinds of crossing it applies at: `eaeu_internal` (the Russian and Kyrgyz borders),
    /// `eaeu_external` (China, Uzbekistan, Turkmenistan, airports and sea ports), `air`, `sea`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crossings: Vec<Spanned<Crossing>>,
    /// Checkpoint ids it applies at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkpoints: Vec<Spanned<String>>,
    /// Travellers' nationalities (ISO 3166-1 alpha-2) it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<Spanned<String>>,
    /// Where the travellers it concerns live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence: Option<Residence>,
    /// The youngest age (in years) it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    /// The oldest age (in years) it concerns: `13` for children under 14.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    /// Which way the travellers go: into Kazakhstan or out of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey: Option<Journey>,
}

/// A kind of crossing, by the customs area it lies on and how people cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Crossing {
    /// A border inside the Eurasian Economic Union (Russia, Kyrgyzstan): no customs control.
    EaeuInternal,
    /// The Union's outer border: China, Uzbekistan, Turkmenistan, airports and sea ports.
    EaeuExternal,
    /// An airport.
    Air,
    /// A sea port.
    Sea,
}

impl Crossing {
    /// Every value.
    pub const ALL: [Crossing; 4] = [Crossing::EaeuInternal, Crossing::EaeuExternal, Crossing::Air, Crossing::Sea];

    /// The value as written in YAML.
    pub fn code(self) -> &'static str {
        match self {
            Crossing::EaeuInternal => "eaeu_internal",
            Crossing::EaeuExternal => "eaeu_external",
            Crossing::Air => "air",
            Crossing::Sea => "sea",
        }
    }
}

/// Where the travellers a statement concerns live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Residence {
    /// In Kazakhstan.
    Kazakhstan,
    /// Outside Kazakhstan.
    Abroad,
}

/// Which way travellers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Journey {
    /// Into Kazakhstan.
    Entry,
    /// Out of Kazakhstan.
    Exit,
}
