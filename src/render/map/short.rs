//! Short labels for the index map: an airport or a sea port is labelled with its city
//! ("Atyrau", not "Atyrau International Airport named after Khiuaz Dospanova"), which is what
//! a reader looks for on a map and what fits beside a marker. Pages keep the full name.

use crate::content::{Checkpoint, Fact, LocalizedText, Mode};
use crate::translit::fold;

/// Words that say what kind of place a name is, in en, ru and kk (compared in lower case).
const KIND_WORDS: &[&str] = &[
    "international",
    "airport",
    "commercial",
    "seaport",
    "sea",
    "port",
    "международный",
    "аэропорт",
    "морской",
    "торговый",
    "порт",
    "халықаралық",
    "әуежайы",
    "әуежай",
    "теңіз",
    "порты",
];

/// `name` without the words that say it is an airport or port, nor whom it is named after;
/// `None` when nothing is left.
pub fn strip_kind(name: &str) -> Option<String> {
    let name = name.replace(['«', '»', '"', '“', '”'], "");
    // "… named after X", "… имени X" end a name; "X атындағы …" begins one.
    let name = ["named after", "имени"].iter().fold(name, |n, m| n.split(m).next().unwrap_or_default().to_string());
    let name = name.rsplit("атындағы").next().unwrap_or_default().to_string();
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| !KIND_WORDS.contains(&w.to_lowercase().as_str())).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The label the map shows for `c` given its display name `shown` (in language `lang`): the
/// city for an airport or port, else the name itself. A Russian city name that follows
/// "аэропорт" is in the genitive ("аэропорт Павлодара"): its nominative is the form another
/// language's name of the same record spells.
pub fn map_label(c: &Checkpoint, shown: &str, lang: &str) -> String {
    let kind = [Mode::Air, Mode::Sea].iter().any(|m| c.modes.get(*m) == Fact::Yes);
    if !kind {
        return shown.to_string();
    }
    let Some(short) = strip_kind(shown) else { return shown.to_string() };
    if lang != "ru" {
        return short;
    }
    let others: Vec<String> = other_names(&c.name, shown).filter_map(|n| strip_kind(&n)).map(|n| fold(&n)).collect();
    nominatives(&short).into_iter().find(|form| others.contains(&fold(form))).unwrap_or(short)
}

fn other_names<'a>(names: &'a LocalizedText, shown: &'a str) -> impl Iterator<Item = String> + 'a {
    names.all().map(|(_, n)| n.to_string()).filter(move |n| n != shown)
}

/// `word` and the forms its nominative may take if it is a genitive: Астаны → Астана,
/// Павлодара → Павлодар, Костаная → Костанай.
fn nominatives(word: &str) -> Vec<String> {
    let stem: String = word.chars().take(word.chars().count().saturating_sub(1)).collect();
    let mut forms = vec![word.to_string()];
    match word.chars().last() {
        Some('ы' | 'и') => forms.push(format!("{stem}а")),
        Some('а') => forms.push(stem),
        Some('я') => forms.extend([format!("{stem}й"), format!("{stem}ь")]),
        _ => {}
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn airports_are_labelled_with_their_city() {
        assert_eq!(strip_kind("Atyrau International Airport named after Khiuaz Dospanova").as_deref(), Some("Atyrau"));
        assert_eq!(strip_kind("«Орал» халықаралық әуежайы").as_deref(), Some("Орал"));
        assert_eq!(strip_kind("Ахмет Байтұрсынұлы атындағы Қостанай халықаралық әуежайы").as_deref(), Some("Қостанай"));
        assert_eq!(strip_kind("Aktau commercial seaport").as_deref(), Some("Aktau"));
        assert_eq!(strip_kind("Airport"), None);
        let record = |yaml: &str| -> Checkpoint { crate::yaml::from_str(yaml).unwrap() };
        let astana = record(
            "id: a\nname: {en: Astana, ru: Международный аэропорт Астаны, kk: Астана халықаралық әуежайы}\nmodes: {air: \"yes\"}\n",
        );
        assert_eq!(map_label(&astana, "Международный аэропорт Астаны", "ru"), "Астана");
        assert_eq!(map_label(&astana, "Астана халықаралық әуежайы", "kk"), "Астана");
        let aktobe = record("id: a\nname: {en: Aktobe, kk: Әлия Молдағұлова атындағы әуежай}\nmodes: {air: \"yes\"}\n");
        assert_eq!(map_label(&aktobe, "Әлия Молдағұлова атындағы әуежай", "kk"), "Әлия Молдағұлова атындағы әуежай");
        let road = record("id: r\nname: {ru: Порт Курык}\nmodes: {road: \"yes\"}\n");
        assert_eq!(map_label(&road, "Порт Курык", "ru"), "Порт Курык", "only airports and ports are shortened");
    }
}
