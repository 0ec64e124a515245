//! Where and for whom a rule, or one statement of it, applies: borders, kinds of crossing,
//! checkpoints, travellers and the way they go; and whether that takes in a given checkpoint.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Border, Checkpoint, Fact, Mode};
use crate::yaml::Spanned;

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

    /// Whether a checkpoint at `place` is a crossing of this kind.
    pub fn includes(self, place: Place) -> bool {
        match self {
            Crossing::EaeuInternal => matches!(place.border, Some(Border::RU | Border::KG)),
            Crossing::EaeuExternal => !matches!(place.border, Some(Border::RU | Border::KG)),
            Crossing::Air => place.air,
            Crossing::Sea => place.sea,
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

/// What decides which rules apply at a checkpoint: its border, and whether it is an airport or
/// a sea port (a checkpoint with no land border whose air or sea traffic is stated as yes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// The neighbour across the border (`Some(Border::None)` for airports and ports).
    pub border: Option<Border>,
    /// An airport.
    pub air: bool,
    /// A sea port.
    pub sea: bool,
}

impl Place {
    /// Where checkpoint `c` is.
    pub fn of(c: &Checkpoint) -> Place {
        let border = c.border.as_ref().map(|b| b.value);
        let away = border == Some(Border::None);
        Place {
            border,
            air: away && c.modes.get(Mode::Air) == Fact::Yes,
            sea: away && c.modes.get(Mode::Sea) == Fact::Yes,
        }
    }

    /// Every place a checkpoint can be: for rendering one list of rules per place.
    pub fn all() -> Vec<Place> {
        let borders = std::iter::once(None).chain(Border::ALL.into_iter().map(Some));
        borders
            .flat_map(|border| {
                [(false, false), (true, false), (false, true), (true, true)].into_iter().map(move |(air, sea)| Place {
                    border,
                    air,
                    sea,
                })
            })
            .collect()
    }
}

impl AppliesTo {
    /// Whether it limits where it applies (by border, kind of crossing or checkpoint).
    pub fn limits_place(&self) -> bool {
        !(self.borders.is_empty() && self.crossings.is_empty() && self.checkpoints.is_empty())
    }

    /// Whether it applies at every checkpoint at `place` (those it names aside).
    pub fn applies_in(&self, place: Place) -> bool {
        !self.limits_place()
            || place.border.is_some_and(|b| self.borders.iter().any(|x| x.value == b))
            || self.crossings.iter().any(|c| c.value.includes(place))
    }

    /// Whether it applies at checkpoint `c`.
    pub fn applies_at(&self, c: &Checkpoint) -> bool {
        self.applies_in(Place::of(c)) || self.checkpoints.iter().any(|id| id.value == c.id.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn scope(text: &str) -> AppliesTo {
        yaml::from_str(text).unwrap()
    }

    fn place(border: Border, air: bool, sea: bool) -> Place {
        Place { border: Some(border), air, sea }
    }

    #[test]
    fn inner_and_outer_eaeu_borders_split_the_checkpoints() {
        let inner = scope("{crossings: [eaeu_internal]}");
        let outer = scope("{crossings: [eaeu_external]}");
        for b in [Border::RU, Border::KG] {
            assert!(inner.applies_in(place(b, false, false)) && !outer.applies_in(place(b, false, false)));
        }
        for b in [Border::CN, Border::UZ, Border::TM, Border::None] {
            assert!(!inner.applies_in(place(b, false, false)) && outer.applies_in(place(b, false, false)));
        }
    }

    #[test]
    fn air_and_sea_take_in_only_airports_and_ports() {
        let air = scope("{crossings: [air]}");
        assert!(air.applies_in(place(Border::None, true, false)));
        assert!(!air.applies_in(place(Border::None, false, true)));
        assert!(!air.applies_in(place(Border::RU, false, false)));
    }

    #[test]
    fn a_scope_of_travellers_only_applies_everywhere() {
        let children = scope("{max_age: 13, nationalities: [RU]}");
        assert!(!children.limits_place());
        assert!(children.applies_in(place(Border::RU, false, false)));
        let russia = scope("{borders: [RU]}");
        assert!(!russia.applies_in(place(Border::CN, false, false)));
    }
}
