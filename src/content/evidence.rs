//! Evidence that a checkpoint was working on a source's date, and whom a status concerns.
//!
//! Pages that show a checkpoint working rarely say "open": they count the people who crossed,
//! show a queue at the point, report an inspection or a bus route through it, or give new hours.
//! Each such statement is an [`Operating`] entry dated by its source; a closure an older source
//! reported gives way to it (see [`super::state`]). Their codes and the traffic a partial
//! closure spares are in [`super::model`], beside the other vocabularies.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
