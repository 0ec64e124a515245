//! Where and for whom a rule, or one statement of it, applies: whether a kind of crossing or a
//! rule's scope takes in a checkpoint, by the place it is at.

use super::model::{Border, Checkpoint, Fact, Mode};
use super::rule_meta::{AppliesTo, Crossing};

impl Crossing {
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
