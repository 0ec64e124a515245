//! Coordinates for records the sources place, from reference data: a settlement in a region
//! known to the GeoNames gazetteer (`content/geo/gazetteer-kz.tsv`) exactly once; else the
//! settlement a border checkpoint is named after, when exactly one place of that name lies near
//! that border; failing both among the towns, the same among the villages of the fuller list
//! (`gazetteer-kz-localities.tsv`), but only those in the region (and district) the record states; an airport from `content/reference/airports.tsv` (the `airportsdata` package) by
//! its code or city; a sea port's town when the gazetteer knows one place of that name. Each
//! with its precision and its reference listed as the source of the coordinates. An editor's
//! coordinates always win: they are "ours" in the merge that follows.

use crate::content::geo::Place;
use crate::content::{Checkpoint, Content, Fact, Mode};
use crate::ingest::emit::from_node;
use crate::ingest::merge::geocode::{Lookup, in_stated_area, lookup, lookup_by_name, lookup_near_border};
use crate::ingest::node::Node;
use crate::translit::fold;

/// An airport of `reference/airports.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    /// ICAO code.
    pub icao: String,
    /// IATA code.
    pub iata: String,
    /// Name.
    pub name: String,
    /// City served.
    pub city: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// The airports of a `airports.tsv` text (comment lines start with `#`; a header row).
pub fn parse_airports(text: &str) -> Vec<Airport> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let Some(header) = lines.next() else { return Vec::new() };
    let columns: Vec<&str> = header.split('\t').collect();
    let at = |name: &str| columns.iter().position(|c| *c == name);
    let (Some(icao), Some(iata), Some(name), Some(city), Some(lat), Some(lon)) =
        (at("icao"), at("iata"), at("name"), at("city"), at("lat"), at("lon"))
    else {
        return Vec::new();
    };
    lines
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Some(Airport {
                icao: cells.get(icao)?.to_string(),
                iata: cells.get(iata)?.to_string(),
                name: cells.get(name)?.to_string(),
                city: cells.get(city)?.to_string(),
                lat: cells.get(lat)?.parse().ok()?,
                lon: cells.get(lon)?.parse().ok()?,
            })
        })
        .collect()
}

/// The airports of `content`'s `reference/airports.tsv` (none when it is missing), read once
/// per run.
pub fn load_airports(content: &Content) -> anyhow::Result<Vec<Airport>> {
    let text = crate::fs::read_to_string_if_exists(&content.root.join("reference/airports.tsv"))?;
    Ok(text.map(|t| parse_airports(&t)).unwrap_or_default())
}

/// Words that say "airport" rather than which one, in the languages names come in.
const AIRPORT_WORDS: &[&str] =
    &["international", "airport", "международный", "аэропорт", "халықаралық", "әуежайы", "әуежай", "атындағы"];

/// A name's distinctive part, folded: "Қостанай халықаралық әуежайы" → `kostanai`.
fn stem(name: &str) -> String {
    let generic: Vec<String> = AIRPORT_WORDS.iter().map(|w| fold(w)).collect();
    fold(name).split(' ').filter(|w| !generic.iter().any(|g| g == w)).collect::<Vec<_>>().join(" ")
}

/// The one airport a record names by code, else by its city or the airport's own name (one
/// letter of spelling apart at most, for names of six letters or more).
pub fn find_airport<'a>(c: &Checkpoint, airports: &'a [Airport]) -> Option<&'a Airport> {
    let spellings: Vec<&str> = c.name.all().map(|(_, n)| n).chain(c.aliases.iter().map(|a| a.value.as_str())).collect();
    let by_code: Vec<&Airport> =
        airports.iter().filter(|a| spellings.iter().any(|s| *s == a.iata || *s == a.icao)).collect();
    if let [one] = by_code.as_slice() {
        return Some(one);
    }
    let keys: Vec<String> = spellings.iter().map(|s| stem(s)).filter(|k| !k.is_empty()).collect();
    let alike = |k: &str, key: &str| k == key || (key.len() >= 6 && crate::translit::edit_distance(k, key) <= 1);
    let by_name: Vec<&Airport> = airports
        .iter()
        .filter(|a| {
            let own = stem(&a.name);
            let first = own.split(' ').next().unwrap_or_default().to_string();
            [stem(&a.city), own, first].iter().any(|key| keys.iter().any(|k| alike(k, key)))
        })
        .collect();
    match by_name.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Add reference coordinates to what the sources say of one record (see the module's text).
pub fn add_coordinates(theirs: &mut Node, content: &Content, airports: &[Airport]) {
    let Ok(record) = from_node::<Checkpoint>(theirs) else { return };
    if record.location.as_ref().is_some_and(|l| l.lat.is_some()) {
        return;
    }
    let place = find_place(&record, content.geo.main_places(), content).or_else(|| {
        let villages = in_stated_area(&record, &content.geo.gazetteer, &content.reference)?;
        find_place(&record, &villages, content)
    });
    let (lat, lon, precision, source) = match (place, find_airport(&record, airports)) {
        (Some(p), _) => {
            let url = format!("https://www.geonames.org/{}", p.geonameid);
            (p.lat, p.lon, "settlement", (url, format!("GeoNames gazetteer: {}", p.name)))
        }
        (None, Some(a)) if record.modes.get(Mode::Air) == Fact::Yes => {
            let title = format!("airportsdata: {} {} ({})", a.icao, a.name, a.city);
            (a.lat, a.lon, "approximate", ("https://pypi.org/project/airportsdata/".to_string(), title))
        }
        _ => return,
    };
    let mut location = theirs.get("location").cloned().unwrap_or(Node::Map(Vec::new()));
    location.set("lat", Node::Num(lat));
    location.set("lon", Node::Num(lon));
    location.set("precision", Node::str(precision));
    theirs.set("location", location);
    let entry = Node::Map(vec![
        ("url".into(), Node::str(source.0)),
        ("title".into(), Node::str(source.1)),
        ("supports".into(), Node::strs(["location.coordinates"])),
    ]);
    let mut sources = match theirs.get("sources") {
        Some(Node::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    sources.push(entry);
    theirs.set("sources", Node::Seq(sources));
}

/// The one place of `gazetteer` that `record` names: its settlement in its region, else (not for
/// an airport) its port's town or the namesake near its border.
fn find_place(record: &Checkpoint, gazetteer: &[Place], content: &Content) -> Option<Place> {
    let place = match lookup(record, gazetteer, &content.reference) {
        Lookup::Found(p) => Some(p),
        _ if record.modes.get(Mode::Air) == Fact::Yes => None,
        _ => match (&content.geo.boundaries, record.modes.get(Mode::Sea)) {
            (_, Fact::Yes) => found(lookup_by_name(record, gazetteer)),
            (Some(b), _) => found(lookup_near_border(record, gazetteer, b, content.config.border_distance_km)),
            _ => None,
        },
    };
    place.cloned()
}

fn found(l: Lookup<'_>) -> Option<&Place> {
    match l {
        Lookup::Found(p) => Some(p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# comment\nicao\tiata\tname\tcity\tsubd\tlat\tlon\ttz\televation\n\
        UAAA\tALA\tAlmaty Airport\tAlmaty\tAlmaty\t43.35\t77.04\tAsia/Almaty\t2234\n\
        UACC\tNQZ\tNursultan Nazarbayev International Airport\tAstana\tAstana\t51.02\t71.46\tAsia/Almaty\t1165\n";

    fn record(yaml: &str) -> Checkpoint {
        crate::yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn finds_an_airport_by_code_or_city_and_nothing_else() {
        let airports = parse_airports(TSV);
        assert_eq!(airports.len(), 2);
        let by_city = record("id: a\nname: {en: Almaty}\n");
        assert_eq!(find_airport(&by_city, &airports).map(|a| a.iata.as_str()), Some("ALA"));
        let by_code = record("id: b\nname: {kk: Елорда әуежайы}\naliases: [NQZ]\n");
        assert_eq!(find_airport(&by_code, &airports).map(|a| a.icao.as_str()), Some("UACC"));
        assert_eq!(find_airport(&record("id: c\nname: {en: Taraz}\n"), &airports), None);
        let kazakh = record("id: d\nname: {kk: Алматы халықаралық әуежайы}\n");
        assert_eq!(find_airport(&kazakh, &airports).map(|a| a.iata.as_str()), Some("ALA"));
    }
}
