//! What sources' words state of modes, traffic, status and the neighbouring country, in
//! Russian, Kazakh and English: "автомобильный (грузовой)", "теміржол", "временно закрыт".
//!
//! A word names a `yes`; `no` only where the wording says so ("кроме пешеходов", "только
//! грузовой" of passengers). What is not named stays unknown.

use crate::content::{Fact, Facts, Mode, Reference, Status, StatusState, Traffic};

/// Word stems naming each mode, lowercase.
const MODE_WORDS: &[(Mode, &[&str])] = &[
    (Mode::Road, &["автомоб", "автодорож", "road", "motor", "highway"]),
    (Mode::Rail, &["железнодорож", "ж/д", "ж.д", "теміржол", "темір жол", "rail", "railway", "railroad"]),
    (Mode::Air, &["воздушн", "авиа", "аэропорт", "әуе", "air", "airport"]),
    (Mode::Sea, &["морск", "теңіз", "sea", "seaport", "maritime"]),
    (Mode::River, &["речн", "өзен", "river"]),
    (Mode::Pedestrian, &["пешеход", "жаяу", "pedestrian", "pedestrians", "foot"]),
];

/// Word stems naming each kind of traffic; "грузопассажирский" names both.
const TRAFFIC_WORDS: &[(Traffic, &[&str])] = &[
    (Traffic::Passenger, &["пассажир", "жолаушы", "passenger", "passengers"]),
    (Traffic::Cargo, &["груз", "жүк", "cargo", "freight", "goods"]),
];

/// Words that deny what follows them ("кроме пешеходов", "except pedestrians").
const DENIALS: &[&str] = &["не ", "без ", "кроме ", "except ", "no ", "not "];

/// Words that limit a statement to what they name ("только грузовой").
const ONLY: &[&str] = &["только", "тек", "only"];

/// The modes `text` names: each named one `yes`, a denied one `no`, the rest unknown.
pub fn modes(text: &str) -> Facts<Mode> {
    stated(&text.to_lowercase(), MODE_WORDS, false)
}

/// The traffic `text` names; "только грузовой" (one kind, limited) also says `no` of the other.
pub fn traffic(text: &str) -> Facts<Traffic> {
    stated(&text.to_lowercase(), TRAFFIC_WORDS, true)
}

fn stated<K: crate::content::Vocabulary>(lower: &str, words: &[(K, &[&str])], only_denies_rest: bool) -> Facts<K> {
    let mut facts = Facts::default();
    for (kind, stems) in words {
        let Some(at) = stems.iter().filter_map(|s| find_stem(lower, s)).min() else { continue };
        // "жаяу емес": Kazakh denies with the word after.
        let denied = DENIALS.iter().any(|d| lower[..at].ends_with(d))
            || lower[at..].split_whitespace().nth(1).is_some_and(|w| w.starts_with("емес"));
        facts.0.insert(*kind, if denied { Fact::No } else { Fact::Yes });
    }
    let limited = lower.split(|c: char| !c.is_alphanumeric()).any(|w| ONLY.contains(&w));
    let yes: Vec<K> = facts.yes().collect();
    if only_denies_rest && limited && yes.len() == 1 {
        for (kind, _) in words {
            facts.0.entry(*kind).or_insert(Fact::No);
        }
    }
    facts
}

/// Where `stem` starts in `lower`: a Cyrillic stem anywhere ("пассажир" in
/// "грузопассажирский"), an English word only whole ("sea" is not in "seasonal").
fn find_stem(lower: &str, stem: &str) -> Option<usize> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lower.match_indices(stem).map(|(at, _)| at).find(|&at| {
        !stem.is_ascii() || (!alnum(lower[..at].chars().next_back()) && !alnum(lower[at + stem.len()..].chars().next()))
    })
}

/// A status from its wording, the words kept as its note: "временно закрыт" and "на
/// реконструкции" are suspended, "закрыт" closed, "открыт" or "работает" open.
pub fn status(text: &str) -> Option<Status> {
    let lower = text.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let state = if says(&[
        "временно",
        "приостанов",
        "реконструкц",
        "ремонт",
        "уақытша",
        "тоқтатыл",
        "қайта жаңарт",
        "temporar",
        "suspended",
        "reconstruction",
        "repair",
    ]) {
        StatusState::Suspended
    } else if says(&["закрыт", "не работает", "не функционир", "жабық", "жұмыс істемейді", "closed", "not operating"])
    {
        StatusState::Closed
    } else if says(&["открыт", "работает", "действ", "функционир", "ашық", "жұмыс істейді", "open", "operat"])
    {
        StatusState::Open
    } else {
        return None;
    };
    Some(Status { state, since: None, until: None, note: Some(text.to_string()) })
}

/// The country a cell names ("Кыргызская Республика", "Қытай", "КНР", "Russia"), as its ISO
/// code, when exactly one of the reference's countries fits.
pub fn country(text: &str, reference: &Reference) -> Option<String> {
    let words: Vec<String> = crate::translit::fold(text).split(' ').map(str::to_string).collect();
    let abbreviations = [("кнр", "CN"), ("рф", "RU"), ("prc", "CN")];
    let lower = text.to_lowercase();
    if let Some((_, code)) = abbreviations.iter().find(|(a, _)| lower.split_whitespace().any(|w| w == *a)) {
        return Some(code.to_string());
    }
    let fits = |name: &str| {
        let key = crate::translit::fold(name).replace(' ', "");
        let stem: String = key.chars().take(4).collect();
        stem.chars().count() >= 4 && words.iter().any(|w| w.starts_with(&stem))
    };
    let mut found: Vec<&str> = reference
        .countries
        .iter()
        .filter(|c| c.code != "KZ" && c.name.all().any(|(_, n)| fits(n)))
        .map(|c| c.code.as_str())
        .collect();
    found.dedup();
    (found.len() == 1).then(|| found[0].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_modes_in_three_languages() {
        for (text, mode) in [
            ("автомобильный (грузовой)", Mode::Road),
            ("железнодорожный", Mode::Rail),
            ("воздушный", Mode::Air),
            ("морской", Mode::Sea),
            ("речной", Mode::River),
            ("пешеходный", Mode::Pedestrian),
            ("автомобиль", Mode::Road),
            ("теміржол", Mode::Rail),
            ("әуе", Mode::Air),
            ("теңіз", Mode::Sea),
            ("өзен", Mode::River),
            ("жаяу", Mode::Pedestrian),
            ("rail", Mode::Rail),
        ] {
            let m = modes(text);
            assert_eq!(m.yes().collect::<Vec<_>>(), vec![mode], "{text}");
        }
        let m = modes("автомобильный (кроме пешеходов)");
        assert_eq!(
            (m.get(Mode::Road), m.get(Mode::Pedestrian), m.get(Mode::Rail)),
            (Fact::Yes, Fact::No, Fact::Unknown)
        );
    }

    #[test]
    fn names_traffic_and_says_no_only_when_the_words_do() {
        let both = traffic("грузопассажирский");
        assert_eq!((both.get(Traffic::Passenger), both.get(Traffic::Cargo)), (Fact::Yes, Fact::Yes));
        let cargo = traffic("автомобильный (грузовой)");
        assert_eq!((cargo.get(Traffic::Passenger), cargo.get(Traffic::Cargo)), (Fact::Unknown, Fact::Yes));
        let only = traffic("только грузовой");
        assert_eq!((only.get(Traffic::Passenger), only.get(Traffic::Cargo)), (Fact::No, Fact::Yes));
        assert_eq!(traffic("жүк-жолаушы").yes().count(), 2);
        assert_eq!(traffic("жолаушылар").get(Traffic::Passenger), Fact::Yes);
        assert_eq!(traffic("passenger only").get(Traffic::Cargo), Fact::No);
        assert_eq!(modes("жаяу емес").get(Mode::Pedestrian), Fact::No);
        assert!(modes("seasonal repair").is_empty(), "Latin stems start words");
        assert!(traffic("международный").is_empty());
    }

    #[test]
    fn reads_statuses() {
        let state = |t: &str| status(t).map(|s| s.state);
        assert_eq!(state("временно закрыт"), Some(StatusState::Suspended));
        assert_eq!(state("на реконструкции"), Some(StatusState::Suspended));
        assert_eq!(state("Закрыт"), Some(StatusState::Closed));
        assert_eq!(state("открыт"), Some(StatusState::Open));
        assert_eq!(state("уақытша жабық"), Some(StatusState::Suspended));
        assert_eq!(state("жабық"), Some(StatusState::Closed));
        assert_eq!(state("temporarily closed"), Some(StatusState::Suspended));
        assert_eq!(state("—"), None);
        assert_eq!(status("на реконструкции").unwrap().note.as_deref(), Some("на реконструкции"));
    }

    #[test]
    fn names_countries() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/reference/countries.yaml"));
        let list: crate::content::reference::CountryList = crate::yaml::from_str(&text.unwrap()).unwrap();
        let reference = Reference { countries: list.countries, regions: Vec::new() };
        for (text, code) in [
            ("Кыргызская Республика", "KG"),
            ("Қытай", "CN"),
            ("КНР", "CN"),
            ("Российская Федерация", "RU"),
            ("Uzbekistan", "UZ"),
            ("Туркменистан", "TM"),
        ] {
            assert_eq!(country(text, &reference).as_deref(), Some(code), "{text}");
        }
        assert_eq!(country("Марс", &reference), None);
    }
}
