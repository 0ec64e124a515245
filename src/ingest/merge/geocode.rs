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
    one_place(candidates)
}

/// Look up `c` by its names (and its settlement's) among the places within `max_km` of the
/// outline of the neighbour across its border: the settlement a border checkpoint is named
/// after, when exactly one place of that name lies near that border. A namesake far from the
/// border, or two near it, is never taken.
pub fn lookup_near_border<'a>(
    c: &Checkpoint,
    gazetteer: &'a [Place],
    boundaries: &crate::content::geo::Boundaries,
    max_km: f64,
) -> Lookup<'a> {
    if c.location.as_ref().is_some_and(|l| l.lat.is_some() || l.lon.is_some()) {
        return Lookup::NotApplicable;
    }
    let Some(neighbour) = c.border.as_ref().and_then(|b| boundaries.country(b.value.code())) else {
        return Lookup::NotApplicable;
    };
    let keys = name_keys(c);
    if keys.is_empty() {
        return Lookup::NotApplicable;
    }
    let near: Vec<&Place> = gazetteer
        .iter()
        .filter(|p| p.names.iter().any(|n| keys.contains(&fold(n))))
        .filter(|p| neighbour.distance_km(p.lon, p.lat) <= max_km)
        .collect();
    one_place(near)
}

/// Look up `c` by its names across the whole gazetteer: for a sea port, whose town has no land
/// border to be near; one place of that name only.
pub fn lookup_by_name<'a>(c: &Checkpoint, gazetteer: &'a [Place]) -> Lookup<'a> {
    if c.location.as_ref().is_some_and(|l| l.lat.is_some() || l.lon.is_some()) {
        return Lookup::NotApplicable;
    }
    let keys = name_keys(c);
    one_place(gazetteer.iter().filter(|p| p.names.iter().any(|n| keys.contains(&fold(n)))).collect())
}

/// The places of `gazetteer` that lie in the region `c` states and, when it states one, in its
/// district: the places a fuller list of villages may give `c`, where a name alone would find
/// namesakes all along a border. None when `c` states no region.
pub fn in_stated_area(c: &Checkpoint, gazetteer: &[Place], reference: &Reference) -> Option<Vec<Place>> {
    let location = c.location.as_ref()?;
    let region = reference.region(location.region.as_ref()?)?;
    let district = location.district.as_deref().map(district_key);
    let places = gazetteer
        .iter()
        .filter(|p| region.geonames_admin1.contains(&p.admin1))
        .filter(|p| match (&district, &p.district) {
            (None, _) => true,
            (Some(stated), Some(own)) => same_district(stated, &district_key(own)),
            (Some(_), None) => false,
        })
        .cloned()
        .collect();
    Some(places)
}

/// A district's name reduced to its stem: "Maktaaral district", "Мактааральский район" and
/// "Maktaaral'skiy" all give a word starting `maktaaral`.
fn district_key(name: &str) -> String {
    fold(name).split(' ').next().unwrap_or_default().to_string()
}

/// Two district stems name one district when one begins the other (the adjective's ending
/// aside), at four letters or more.
fn same_district(a: &str, b: &str) -> bool {
    a.len().min(b.len()) >= 4 && (a.starts_with(b) || b.starts_with(a))
}

/// The folded names of a checkpoint, its spellings and its settlement's name.
fn name_keys(c: &Checkpoint) -> Vec<String> {
    let settlement = c.location.as_ref().and_then(|l| l.settlement.as_deref());
    let names = c.name.all().map(|(_, n)| n).chain(c.aliases.iter().map(|a| a.value.as_str())).chain(settlement);
    let mut keys: Vec<String> = names.map(fold).filter(|k| !k.is_empty()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// One place, or places so close they are one; otherwise none or ambiguous.
fn one_place(candidates: Vec<&Place>) -> Lookup<'_> {
    match candidates.as_slice() {
        [] => Lookup::NotFound,
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
        Place { geonameid: id, name: name.into(), names, lat, lon: 80.0, admin1: admin1.into(), district: None }
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

    #[test]
    fn the_stated_area_keeps_places_of_the_region_and_district_only() {
        let mut maktaaral = place(1, "Syrdarya", &[], "10", 40.8);
        maktaaral.district = Some("Мактааральский район".into());
        let mut shardara = place(2, "Syrdarya", &[], "10", 41.5);
        shardara.district = Some("Шардаринский район".into());
        let unknown = place(3, "Syrdarya", &[], "10", 41.0);
        let elsewhere = place(4, "Syrdarya", &[], "15", 49.0);
        let regions = Reference {
            regions: vec![Region {
                code: "KZ-61".into(),
                geonames_admin1: vec!["10".into()],
                ..reference().regions[0].clone()
            }],
            ..reference()
        };
        let gazetteer = [maktaaral, shardara, unknown, elsewhere];
        let record = |location: &str| -> Checkpoint {
            crate::yaml::from_str(&format!("id: x\nname: {{ru: Сырдарья}}\nborder: UZ\nlocation: {location}\n"))
                .unwrap()
        };
        let ids = |c: &Checkpoint| {
            in_stated_area(c, &gazetteer, &regions).map(|v| v.iter().map(|p| p.geonameid).collect::<Vec<_>>())
        };
        assert_eq!(ids(&record("{region: KZ-61}")), Some(vec![1, 2, 3]), "the region's places, any district");
        assert_eq!(
            ids(&record("{region: KZ-61, district: Maktaaral district}")),
            Some(vec![1]),
            "the stated district only"
        );
        assert_eq!(ids(&record("{source_text: somewhere}")), None, "no region stated: no village is taken");
    }

    /// A neighbour whose outline is the square lon 80..90, lat 40..45: its edge at lat 45 is
    /// the border.
    fn neighbour() -> crate::content::geo::Boundaries {
        let square = vec![[80.0, 40.0], [90.0, 40.0], [90.0, 45.0], [80.0, 45.0], [80.0, 40.0]];
        let shape = crate::content::geo::CountryShape::new("CN".into(), "China".into(), false, vec![vec![square]]);
        crate::content::geo::Boundaries { countries: vec![shape], ..Default::default() }
    }

    fn border_checkpoint(name: &str) -> Checkpoint {
        crate::yaml::from_str(&format!("id: x\nname: {{ru: {name}}}\nborder: CN\n")).unwrap()
    }

    #[test]
    fn places_a_border_checkpoint_at_the_one_namesake_near_that_border() {
        // One Kalzhat 10 km from the border, another 300 km inland: the one near the border.
        let near = place(1, "Kalzhat", &["Калжат"], "01", 45.09);
        let far = place(2, "Kalzhat", &[], "15", 47.7);
        let gazetteer = [near.clone(), far];
        assert_eq!(
            lookup_near_border(&border_checkpoint("Калжат"), &gazetteer, &neighbour(), 60.0),
            Lookup::Found(&gazetteer[0])
        );
        // Two namesakes near the border: an editor must choose.
        let gazetteer = [near.clone(), place(3, "Kalzhat", &[], "01", 45.3)];
        let mut second = gazetteer[1].clone();
        second.lon = 85.0;
        let gazetteer = [gazetteer[0].clone(), second];
        assert!(matches!(
            lookup_near_border(&border_checkpoint("Калжат"), &gazetteer, &neighbour(), 60.0),
            Lookup::Ambiguous(v) if v.len() == 2
        ));
        // None near the border.
        let gazetteer = [place(2, "Kalzhat", &[], "15", 47.7)];
        assert_eq!(lookup_near_border(&border_checkpoint("Калжат"), &gazetteer, &neighbour(), 60.0), Lookup::NotFound);
    }
}
