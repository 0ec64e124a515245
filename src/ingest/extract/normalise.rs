//! Normalisation of what sources say into the model's values, keeping the source's wording
//! beside them: classification and traffic, places and contacts (hours have their own module,
//! [`super::hours`]).
//!
//! Each parser recognises the phrasings met so far, in English and Russian, and otherwise
//! leaves the normalised value unknown (absent) while keeping `source_text`.

use crate::content::reference::Region;
use crate::content::{Classification, Classified, Contact, ContactKind, Facts, Location, Reference, Traffic};
use crate::yaml::Spanned;

use crate::ingest::names::collapse;

/// "Multilateral (international), cargo-passenger" → `multilateral` and [passenger, cargo].
pub fn classification(text: &str) -> (Option<Classified>, Facts<Traffic>) {
    let text = collapse(text);
    if text.is_empty() {
        return (None, Facts::default());
    }
    let lower = text.to_lowercase();
    let starts = |words: &[&str]| words.iter().any(|w| lower.starts_with(w));
    let kind = if starts(&["multilateral", "многосторон", "көпжақты"]) {
        Some(Classification::Multilateral)
    } else if starts(&["international", "международн", "халықаралық"]) {
        Some(Classification::International)
    } else if starts(&["bilateral", "двусторон", "екіжақты"]) {
        Some(Classification::Bilateral)
    } else {
        None
    };
    (Some(Classified { kind, source_text: Some(text) }), super::wording::traffic(&lower))
}

/// A place with contacts, "Almaty region, Panfilov district, village. Khorgos. Tel.: ...",
/// as a location (today's region, district, settlement) and the contacts given.
pub fn place(text: &str, reference: &Reference) -> (Option<Location>, Vec<Contact>) {
    let text = collapse(text);
    let (place, phones) = split_contacts(&text);
    let place = place.trim().trim_end_matches('.').trim().to_string();
    if place.is_empty() {
        return (None, contacts(&phones));
    }
    let parts: Vec<&str> = place.split(", ").map(str::trim).collect();
    let old_region = parts.iter().find_map(|p| find_region(p, reference));
    let district = parts.iter().find(|p| is_district(p)).map(|d| d.to_string());
    let region = old_region.map(|r| reference.current_region(r, district.as_deref().unwrap_or("")).code.clone());
    let settlement = parts.iter().find_map(|p| settlement(p));
    let location = Location {
        region: region.map(Spanned::new),
        district,
        settlement,
        source_text: Some(place),
        lat: None,
        lon: None,
        precision: None,
    };
    (Some(location), contacts(&phones))
}

/// Split "place. Tel.: numbers" at the telephone label.
fn split_contacts(text: &str) -> (String, String) {
    let lower = text.to_lowercase();
    let at = ["tel.", "tel:", "phone", "тел."].iter().filter_map(|label| lower.find(label)).min();
    match at {
        Some(i) if text.is_char_boundary(i) => {
            let rest = &text[i..];
            let numbers = rest.split_once([':', '.']).map_or("", |(_, n)| n).trim_start_matches([':', '.']);
            (text[..i].to_string(), numbers.trim().to_string())
        }
        _ => (text.to_string(), String::new()),
    }
}

/// Telephone numbers in a contacts text (separated by commas or semicolons).
fn contacts(text: &str) -> Vec<Contact> {
    text.split([',', ';'])
        .map(|n| n.trim().trim_end_matches('.').trim())
        .filter(|n| n.chars().filter(char::is_ascii_digit).count() >= 5)
        .map(|n| Contact { kind: ContactKind::Phone, value: Spanned::new(n.to_string()), label: None })
        .collect()
}

/// The region a source names ("Almaty region", "East Kazakhstan oblast", "Алматинская область").
fn find_region<'a>(part: &str, reference: &'a Reference) -> Option<&'a Region> {
    let wanted = region_words(part);
    if wanted.is_empty() {
        return None;
    }
    reference.regions.iter().find(|r| {
        r.name.all().map(|(_, n)| n.to_string()).chain(r.aliases.iter().cloned()).any(|n| region_words(&n) == wanted)
    })
}

/// A region's name without its generic word, lowercased: "Almaty Region" → "almaty".
fn region_words(text: &str) -> String {
    let lower = text.to_lowercase();
    let generic = ["region", "oblast", "province", "область", "облысы"];
    let words: Vec<&str> = lower.split_whitespace().filter(|w| !generic.contains(w)).collect();
    if words.len() == lower.split_whitespace().count() { String::new() } else { words.join(" ") }
}

fn is_district(part: &str) -> bool {
    let lower = part.to_lowercase();
    lower.ends_with(" district") || lower.contains(" район") || lower.ends_with(" ауданы")
}

/// "village. Khorgos", "st. Dostyk", "с. Бахты" → the settlement's name.
fn settlement(part: &str) -> Option<String> {
    let prefixes =
        ["village.", "village", "vil.", "st.", "station", "settlement", "town", "city", "с.", "п.", "пос.", "ст."];
    let lower = part.to_lowercase();
    let prefix = prefixes.iter().find(|p| lower.starts_with(*p))?;
    let name = part.get(prefix.len()..)?.trim().trim_end_matches([')', '.']).trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Fact;
    use crate::content::reference::RegionList;

    fn reference() -> Reference {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/reference/regions.yaml"));
        let regions: RegionList = crate::yaml::from_str(&text.unwrap()).unwrap();
        Reference { countries: Vec::new(), regions: regions.regions }
    }

    #[test]
    fn reads_kazakh_classifications() {
        assert_eq!(classification("көпжақты").0.unwrap().kind, Some(Classification::Multilateral));
        assert_eq!(classification("екіжақты өткізу пункті").0.unwrap().kind, Some(Classification::Bilateral));
        assert_eq!(classification("халықаралық әуежай").0.unwrap().kind, Some(Classification::International));
    }

    #[test]
    fn reads_classification_and_traffic() {
        let (c, t) = classification("Multilateral (international), cargo-passenger");
        assert_eq!(c.unwrap().kind, Some(Classification::Multilateral));
        assert_eq!(t, Facts::from_pairs([(Traffic::Passenger, Fact::Yes), (Traffic::Cargo, Fact::Yes)]));
        let (c, t) = classification("International, cargo");
        assert_eq!(c.unwrap().kind, Some(Classification::International));
        assert_eq!(t.get(Traffic::Cargo), Fact::Yes);
        assert_eq!(t.get(Traffic::Passenger), Fact::Unknown, "a cargo crossing says nothing of passengers");
    }

    #[test]
    fn maps_moved_districts_to_todays_region() {
        let (l, contacts) = place("Almaty region, Panfilov district, village. Khorgos. Tel.: ", &reference());
        let l = l.unwrap();
        assert_eq!(l.region.as_deref().map(String::as_str), Some("KZ-33"));
        assert_eq!(l.district.as_deref(), Some("Panfilov district"));
        assert_eq!(l.settlement.as_deref(), Some("Khorgos"));
        assert_eq!(l.source_text.as_deref(), Some("Almaty region, Panfilov district, village. Khorgos"));
        assert!(contacts.is_empty());
        let (l, _) = place("East Kazakhstan region, Zaisan district, village. Maykapshagay). Tel. ", &reference());
        let l = l.unwrap();
        assert_eq!((l.region.unwrap().value.as_str(), l.settlement.as_deref()), ("KZ-63", Some("Maykapshagay")));
        let (l, _) = place("East Kazakhstan region, Urjar district, village. Bakhty", &reference());
        assert_eq!(l.unwrap().region.unwrap().value, "KZ-10");
    }

    #[test]
    fn reads_russian_places() {
        let (l, _) = place("Жамбылская область, Кордайский район, с. Кордай", &reference());
        let l = l.unwrap();
        assert_eq!(l.region.unwrap().value, "KZ-31");
        assert_eq!((l.district.as_deref(), l.settlement.as_deref()), (Some("Кордайский район"), Some("Кордай")));
    }

    #[test]
    fn keeps_telephone_numbers() {
        let (_, c) = place("Almaty region, st. Dostyk. Tel.: +7 (72832) 2-12-34, 8 800 123 45", &reference());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].value.value, "+7 (72832) 2-12-34");
    }
}
