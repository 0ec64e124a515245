//! Whose fact a value is. A register of the neighbour's checkpoints describes the checkpoint
//! opposite: its hours are that side's, kept under `counterpart`. Where the Kazakh side's own
//! hours are unknown, the other side's may stand for the crossing, always marked as theirs.

use serde::Serialize;

use super::{Checkpoint, Hours};

/// Which side of the border a fact describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Kazakhstan's checkpoint.
    Kazakh,
    /// The checkpoint opposite, across the border.
    Opposite,
}

impl Side {
    /// The value's code, as exports write it.
    pub fn code(self) -> &'static str {
        match self {
            Side::Kazakh => "kazakh",
            Side::Opposite => "opposite",
        }
    }
}

impl Checkpoint {
    /// The hours that tell a traveller when the crossing works: the Kazakh side's own where a
    /// source states their kind, else the checkpoint opposite's, with whose they are.
    pub fn crossing_hours(&self) -> Option<(&Hours, Side)> {
        let known = |h: &&Hours| h.kind.is_some();
        let own = self.hours.as_ref().map(|h| &h.value).filter(known).map(|h| (h, Side::Kazakh));
        own.or_else(|| {
            let theirs = self.counterpart.as_ref()?.hours.as_ref().map(|h| &h.value).filter(known)?;
            Some((theirs, Side::Opposite))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opposite_sides_hours_stand_in_only_for_unknown_own_hours() {
        let both: Checkpoint = crate::yaml::from_str(
            "id: a\nname: {ru: А}\nhours: {kind: daytime}\ncounterpart: {name: {ru: Б}, hours: {kind: 24h}}\n",
        )
        .unwrap();
        assert_eq!(
            both.crossing_hours().map(|(h, s)| (h.kind, s)),
            Some((Some(crate::content::HoursKind::Daytime), Side::Kazakh))
        );
        let theirs: Checkpoint =
            crate::yaml::from_str("id: a\nname: {ru: А}\ncounterpart: {name: {ru: Б}, hours: {kind: 24h}}\n").unwrap();
        assert_eq!(theirs.crossing_hours().map(|(_, s)| s), Some(Side::Opposite));
        let none: Checkpoint = crate::yaml::from_str("id: a\nname: {ru: А}\n").unwrap();
        assert!(none.crossing_hours().is_none());
    }
}
