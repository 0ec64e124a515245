//! Evidence that a checkpoint was working on a source's date, and whom a status concerns.
//!
//! Pages that show a checkpoint working rarely say "open": they count the people who crossed,
//! show a queue at the point, report an inspection or a bus route through it, or give new hours.
//! Each such statement is an [`Operating`] entry dated by its source; a closure an older source
//! reported gives way to it (see [`super::state`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Traffic, Vocabulary};
use crate::yaml::Spanned;

/// One source's evidence that the checkpoint was working on the source's date (its `as_of`:
/// the record's own `sources` entry's, else the listed source's in `sources.yaml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operating {
    /// What the source shows.
    pub evidence: Spanned<Evidence>,
    /// The source: an id of `sources.yaml`, or the address of one of the record's `sources`.
    pub source: Spanned<String>,
    /// The editor's own short words on what the source shows (never the source's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A kind of evidence that a checkpoint works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Vehicles or people crossing, counted.
    Traffic,
    /// A queue at the point, or a listing in the truck e-queue.
    Queue,
    /// An official inspected the working point.
    Inspection,
    /// A scheduled route runs through it.
    BusRoute,
    /// New or stated working hours.
    Hours,
    /// An official register's "functioning" flag.
    Register,
    /// A dated official list that serves it.
    Listed,
}

impl Vocabulary for Evidence {
    const ALL: &'static [Evidence] = &[
        Evidence::Traffic,
        Evidence::Queue,
        Evidence::Inspection,
        Evidence::BusRoute,
        Evidence::Hours,
        Evidence::Register,
        Evidence::Listed,
    ];

    fn code(self) -> &'static str {
        match self {
            Evidence::Traffic => "traffic",
            Evidence::Queue => "queue",
            Evidence::Inspection => "inspection",
            Evidence::BusRoute => "bus_route",
            Evidence::Hours => "hours",
            Evidence::Register => "register",
            Evidence::Listed => "listed",
        }
    }
}

/// Whom a partial closure or suspension concerns: the rest still crosses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// Cars.
    Cars,
    /// Buses.
    Buses,
    /// Lorries.
    Trucks,
    /// People on foot.
    Pedestrians,
    /// Passenger trains.
    PassengerTrains,
    /// Freight trains.
    FreightTrains,
}

impl Vocabulary for Concern {
    const ALL: &'static [Concern] = &[
        Concern::Cars,
        Concern::Buses,
        Concern::Trucks,
        Concern::Pedestrians,
        Concern::PassengerTrains,
        Concern::FreightTrains,
    ];

    fn code(self) -> &'static str {
        match self {
            Concern::Cars => "cars",
            Concern::Buses => "buses",
            Concern::Trucks => "trucks",
            Concern::Pedestrians => "pedestrians",
            Concern::PassengerTrains => "passenger_trains",
            Concern::FreightTrains => "freight_trains",
        }
    }
}

impl Concern {
    /// The kind of traffic it is part of.
    pub fn traffic(self) -> Traffic {
        match self {
            Concern::Trucks | Concern::FreightTrains => Traffic::Cargo,
            _ => Traffic::Passenger,
        }
    }

    /// The kinds of traffic a status concerning `concerns` spares: those none of them is part
    /// of. A status concerning everyone (no list) spares none.
    pub fn spared(concerns: &[Concern]) -> Vec<Traffic> {
        if concerns.is_empty() {
            return Vec::new();
        }
        Traffic::ALL.iter().copied().filter(|t| !concerns.iter().any(|c| c.traffic() == *t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closure_for_cars_and_buses_spares_cargo_only() {
        assert_eq!(Concern::spared(&[Concern::Cars, Concern::Buses]), vec![Traffic::Cargo]);
        assert_eq!(Concern::spared(&[Concern::Trucks]), vec![Traffic::Passenger]);
        assert_eq!(Concern::spared(&[]), Vec::<Traffic>::new(), "a closure of everyone spares nobody");
        assert_eq!(Concern::spared(&[Concern::Cars, Concern::Trucks]), Vec::<Traffic>::new());
    }
}
