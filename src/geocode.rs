//! Geocoding: a checkpoint's settlement looked up in the GeoNames gazetteer, strictly — same
//! region, exact name in the folded key space, one place only — so that a namesake elsewhere in
//! the country is never taken.

use crate::content::geo::Place;
use crate::content::{Checkpoint, Reference};
use crate::translit::fold;

/// What the gazetteer says about a checkpoint's settlement.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'a> {
    /// The record has no settlement or region to look up, or already has coordinates.
    NotApplicable,
    /// No place of that name in that region.
    NotFound,
    /// One place: take its coordinates.
    Found(&'a Place),
    /// Several different places of that name in that region: an editor must choose.
    Ambiguous(Vec<&'a Place>),
}

/// Places farther apart than this are different places, not duplicate entries (km).
const SAME_PLACE_KM: f64 = 5.0;

/// Look up `c`'s settlement in `gazetteer`.
pub fn lookup<'a>(c: &Checkpoint, gazetteer: &'a [Place], reference: &Reference) -> Lookup<'a> {
    let Some(location) = &c.location else { return Lookup::NotApplicable };
    if location.lat.is_some() || location.lon.is_some() {
        return Lookup::NotApplicable;
    }
    let (Some(settlement), Some(region)) = (&location.settlement, &location.region) else {
        return Lookup::NotApplicable;
    };
    let Some(region) = reference.region(region) else { return Lookup::NotApplicable };
    let key = fold(settlement);
    if key.is_empty() {
        return Lookup::NotApplicable;
    }
    let candidates: Vec<&Place> = gazetteer
        .iter()
        .filter(|p| region.geonames_admin1.contains(&p.admin1))
        .filter(|p| p.names.iter().any(|n| fold(n) == key))
        .collect();
    match candidates.as_slice() {
        [] => Lookup::NotFound,
        [one] => Lookup::Found(one),
        [first, rest @ ..]
            if rest
                .iter()
                .all(|p| crate::content::geo::distance_km((first.lat, first.lon), (p.lat, p.lon)) < SAME_PLACE_KM) =>
        {
            Lookup::Found(first)
        }
        _ => Lookup::Ambiguous(candidates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::LocalizedText;
    use crate::content::reference::Region;

    fn place(id: u64, name: &str, alternates: &[&str], admin1: &str, lat: f64) -> Place {
        let mut names = vec![name.to_string()];
        names.extend(alternates.iter().map(|s| s.to_string()));
        Place { geonameid: id, name: name.into(), names, lat, lon: 80.0, admin1: admin1.into() }
    }

    fn reference() -> Reference {
        let region = |code: &str, admin1: &[&str]| Region {
            code: code.into(),
            name: LocalizedText::default(),
            former_codes: vec![],
            aliases: vec![],
            geonames_admin1: admin1.iter().map(|s| s.to_string()).collect(),
            districts_moved_in: vec![],
        };
        Reference { countries: vec![], regions: vec![region("KZ-33", &["01"]), region("KZ-63", &["15"])] }
    }

    fn checkpoint(settlement: &str, region: &str) -> Checkpoint {
        let yaml = format!("id: x\nname: {{en: X}}\nlocation: {{settlement: {settlement}, region: {region}}}\n");
        crate::yaml::from_str(&yaml).unwrap()
    }

    #[test]
    fn finds_a_place_by_any_of_its_names_in_the_same_region() {
        let gazetteer = [place(1, "Druzhba", &["Dostyk", "Достық"], "01", 45.25)];
        assert_eq!(lookup(&checkpoint("Dostyk", "KZ-33"), &gazetteer, &reference()), Lookup::Found(&gazetteer[0]));
        assert_eq!(lookup(&checkpoint("Достык", "KZ-33"), &gazetteer, &reference()), Lookup::Found(&gazetteer[0]));
    }

    #[test]
    fn never_takes_a_namesake_in_another_region() {
        let gazetteer = [place(1, "Druzhba", &["Dostyk"], "15", 49.0)];
        assert_eq!(lookup(&checkpoint("Dostyk", "KZ-33"), &gazetteer, &reference()), Lookup::NotFound);
    }

    #[test]
    fn two_places_of_one_name_in_a_region_are_ambiguous() {
        let gazetteer = [place(1, "Aksu", &[], "01", 45.0), place(2, "Aksu", &[], "01", 44.0)];
        assert!(
            matches!(lookup(&checkpoint("Aksu", "KZ-33"), &gazetteer, &reference()), Lookup::Ambiguous(v) if v.len() == 2)
        );
    }

    #[test]
    fn editor_coordinates_win() {
        let gazetteer = [place(1, "Dostyk", &[], "01", 45.25)];
        let yaml = "id: x\nname: {en: X}\nlocation: {settlement: Dostyk, region: KZ-33, lat: 45.1, lon: 82.1, precision: surveyed}\n";
        let c: Checkpoint = crate::yaml::from_str(yaml).unwrap();
        assert_eq!(lookup(&c, &gazetteer, &reference()), Lookup::NotApplicable);
    }
}
