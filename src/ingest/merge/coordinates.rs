//! Coordinates for records the sources place, from reference data, each with a precision that
//! says how it was found: the settlement a source states, in its region, when the GeoNames
//! gazetteer (`content/geo/gazetteer-kz.tsv`, then the villages of
//! `gazetteer-kz-localities.tsv` in the stated region and district) knows it exactly once
//! (`settlement`); else the checkpoint opposite's own coordinates, when they lie within
//! `opposite_distance_km` of Kazakhstan's border line (`opposite`); else the one place of the
//! checkpoint's name near its border, or a sea port's town (`namesake`, a guess); an airport
//! from `content/reference/airports.tsv` (the `airportsdata` package) by its code or city
//! (`approximate`). The reference is listed as the source of the coordinates. An editor's
//! coordinates always win: they are "ours" in the merge that follows.

use crate::content::geo::Place;
use crate::content::{Checkpoint, Content, Fact, Mode, Precision};
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
    /// The date of the package's version the list comes from (`version 20260905` in the
    /// file's comment gives `2026-09-05`), if the file names it.
    pub as_of: Option<String>,
}

/// The version date of the GeoNames gazetteer (`geo/gazetteer-kz.tsv`): its newest modification
/// date is of March 2023 (see `geo/README.md`).
const GAZETTEER_AS_OF: &str = "2023-03";

/// The version date of the fuller list (`geo/gazetteer-kz-localities.tsv`): the date of the
/// Who's On First commit it was made from (see `geo/README.md`).
const LOCALITIES_AS_OF: &str = "2024-03-05";

/// The version date a comment line of `airports.tsv` gives (`... version 20260905`).
fn airports_version(text: &str) -> Option<String> {
    let comment = text.lines().filter(|l| l.starts_with('#')).find_map(|l| l.split_once("version "))?;
    let digits: String = comment.1.chars().take_while(char::is_ascii_digit).collect();
    let date = (digits.len() == 8).then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]))?;
    crate::content::date::Date::parse(&date).map(|_| date)
}

/// The airports of a `airports.tsv` text (comment lines start with `#`; a header row).
pub fn parse_airports(text: &str) -> Vec<Airport> {
    let as_of = airports_version(text);
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
                as_of: as_of.clone(),
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
    let place = find_place(&record, content.geo.main_places(), content).map(|p| (p, GAZETTEER_AS_OF)).or_else(|| {
        let villages = in_stated_area(&record, &content.geo.gazetteer, &content.reference)?;
        find_place(&record, &villages, content).map(|p| (p, LOCALITIES_AS_OF))
    });
    // The checkpoint opposite is nearer the crossing than a namesake, not than the settlement
    // a source names.
    let stated = place.as_ref().is_some_and(|((_, p), _)| *p == Precision::Settlement);
    if let Some((lat, lon)) = opposite_point(&record, content).filter(|_| !stated) {
        set_point(theirs, lat, lon, Precision::Opposite);
        return;
    }
    let (lat, lon, precision, source, as_of) = match (place, find_airport(&record, airports)) {
        (Some(((p, precision), as_of)), _) => {
            let url = format!("https://www.geonames.org/{}", p.geonameid);
            (p.lat, p.lon, precision, (url, format!("GeoNames gazetteer: {}", p.name)), Some(as_of.to_string()))
        }
        (None, Some(a)) if record.modes.get(Mode::Air) == Fact::Yes => {
            let title = format!("airportsdata: {} {} ({})", a.icao, a.name, a.city);
            let url = "https://pypi.org/project/airportsdata/".to_string();
            (a.lat, a.lon, Precision::Approximate, (url, title), a.as_of.clone())
        }
        _ => return,
    };
    set_point(theirs, lat, lon, precision);
    cite_reference(theirs, source, as_of);
}

/// List the reference data (address, title) that placed `record` among its sources.
fn cite_reference(record: &mut Node, (url, title): (String, String), as_of: Option<String>) {
    let mut entry = Node::Map(vec![("url".into(), Node::str(url)), ("title".into(), Node::str(title))]);
    // Reference data describes the moment of its version.
    if let Some(as_of) = as_of {
        entry.set("as_of", Node::str(as_of));
    }
    entry.set("supports", Node::strs(["location.coordinates"]));
    let mut sources = match record.get("sources") {
        Some(Node::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    sources.push(entry);
    record.set("sources", Node::Seq(sources));
}

/// The one place of `gazetteer` that `record` names, and how exact it is: the settlement a
/// source states, in its region; else (not for an airport) its port's town or the namesake
/// near its border, a guess.
fn find_place(record: &Checkpoint, gazetteer: &[Place], content: &Content) -> Option<(Place, Precision)> {
    let stated = |p: &Place| (p.clone(), Precision::Settlement);
    let guessed = |p: &Place| (p.clone(), Precision::Namesake);
    match lookup(record, gazetteer, &content.reference) {
        Lookup::Found(p) => Some(stated(p)),
        _ if record.modes.get(Mode::Air) == Fact::Yes => None,
        _ => match (&content.geo.boundaries, record.modes.get(Mode::Sea)) {
            (_, Fact::Yes) => found(lookup_by_name(record, gazetteer)).map(guessed),
            (Some(b), _) => {
                found(lookup_near_border(record, gazetteer, b, content.config.border_distance_km)).map(guessed)
            }
            _ => None,
        },
    }
}

/// The checkpoint opposite's own coordinates, when they lie within `opposite_distance_km` of
/// Kazakhstan's border line: what places a record no source places itself.
pub fn opposite_point(record: &Checkpoint, content: &Content) -> Option<(f64, f64)> {
    let location = record.counterpart.as_ref()?.location.as_ref()?;
    let (lat, lon) = (location.lat.as_ref()?.value, location.lon.as_ref()?.value);
    let kazakhstan = content.geo.boundaries.as_ref()?.country("KZ")?;
    (kazakhstan.distance_km(lon, lat) <= content.config.opposite_distance_km).then_some((lat, lon))
}

/// Set the coordinates of `record` (a node), with their precision.
fn set_point(record: &mut Node, lat: f64, lon: f64, precision: Precision) {
    let mut location = record.get("location").cloned().unwrap_or(Node::Map(Vec::new()));
    location.set("lat", Node::Num(lat));
    location.set("lon", Node::Num(lon));
    location.set("precision", Node::str(precision.code()));
    record.set("location", location);
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

    /// Content whose Kazakhstan is the square lon 50..60, lat 40..50.
    fn square_kazakhstan() -> Content {
        let dir = tempfile::tempdir().unwrap();
        let mut content = crate::content::load(dir.path()).unwrap().content;
        let square = vec![[50.0, 40.0], [60.0, 40.0], [60.0, 50.0], [50.0, 50.0], [50.0, 40.0]];
        let kz = crate::content::geo::CountryShape::new("KZ".into(), "Kazakhstan".into(), false, vec![vec![square]]);
        content.geo.boundaries = Some(crate::content::geo::Boundaries { countries: vec![kz], ..Default::default() });
        content
    }

    fn facing(lat: f64, lon: f64) -> Checkpoint {
        record(&format!(
            "id: x\nname: {{ru: Х}}\nborder: RU\ncounterpart: {{name: {{ru: Y}}, location: {{lat: {lat}, lon: {lon}}}}}\n"
        ))
    }

    #[test]
    fn the_checkpoint_opposite_places_a_record_only_within_25_km_of_the_border() {
        let content = square_kazakhstan();
        // 0.2° of longitude east of the border at 45° N: about 16 km.
        assert_eq!(opposite_point(&facing(45.0, 60.2), &content), Some((45.0, 60.2)));
        // A station 0.5° inland: about 39 km.
        assert_eq!(opposite_point(&facing(45.0, 60.5), &content), None);
        assert_eq!(opposite_point(&record("id: x\nname: {ru: Х}\n"), &content), None, "nothing opposite");
        let mut node = crate::ingest::emit::to_node(&facing(45.0, 60.2)).unwrap();
        add_coordinates(&mut node, &content, &[]);
        let placed: Checkpoint = from_node(&node).unwrap();
        let location = placed.location.unwrap();
        assert_eq!((location.lat.map(|v| v.value), location.precision), (Some(45.0), Some(Precision::Opposite)));
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

    #[test]
    fn an_airport_is_dated_by_the_package_s_version() {
        assert_eq!(parse_airports(TSV)[0].as_of, None, "the file names no version");
        let versioned = TSV.replace("# comment", "# Source: PyPI package airportsdata, version 20260905");
        assert_eq!(parse_airports(&versioned)[0].as_of.as_deref(), Some("2026-09-05"));
        let odd = TSV.replace("# comment", "# version 2026-09");
        assert_eq!(parse_airports(&odd)[0].as_of, None);
    }
}
