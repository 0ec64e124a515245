//! Coordinates for records the sources place in a settlement, taken from the GeoNames gazetteer
//! (`content/geo/gazetteer-kz.tsv`) by the strict lookup of [`crate::geocode`], with precision
//! `settlement` and GeoNames listed as their source. An editor's coordinates always win: they
//! are "ours" in the merge that follows.

use super::node::{Node, from_node};
use crate::content::{Checkpoint, Content};
use crate::geocode::{Lookup, lookup};

/// Add the gazetteer's coordinates to what the sources say of one record, when it names a
/// settlement and region that the gazetteer knows exactly once.
pub fn add_coordinates(theirs: &mut Node, content: &Content) {
    let Ok(record) = from_node::<Checkpoint>(theirs) else { return };
    let Lookup::Found(place) = lookup(&record, &content.geo.gazetteer, &content.reference) else { return };
    let Some(mut location) = theirs.get("location").cloned() else { return };
    location.set("lat", Node::Num(place.lat));
    location.set("lon", Node::Num(place.lon));
    location.set("precision", Node::str("settlement"));
    theirs.set("location", location);
    let entry = Node::Map(vec![
        ("url".into(), Node::str(format!("https://www.geonames.org/{}", place.geonameid))),
        ("title".into(), Node::str(format!("GeoNames gazetteer: {}", place.name))),
        ("supports".into(), Node::strs(["location.coordinates"])),
    ]);
    let mut sources = match theirs.get("sources") {
        Some(Node::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    sources.push(entry);
    theirs.set("sources", Node::Seq(sources));
}
