//! Names: the one romanisation used for ids and aliases, the spelling-blind keys records are
//! matched on, and the small parsers for names as sources write them.
//!
//! Romanisation is `any_ascii` (close to BGN/PCGN: Майкапчагай → Maykapchagay, Жезкент →
//! Zhezkent, Қорғас → Qorghas) with the apostrophes it writes for ь and ъ dropped. Ids are
//! made from it by `translit::id_from_name`. Matching keys fold the spellings that
//! romanisations disagree on (y/i, ye/e, kh/h, zh/j, -iy/-y), so that Voskresenskoye and
//! Воскресенское, or Komsomolsky and Комсомольский, meet.

/// The documented romanisation of `text` (Latin text is returned as it is).
pub fn romanise(text: &str) -> String {
    crate::translit::romanise(text)
}

/// Whether `text` has Cyrillic letters.
pub fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The id for a record named `name`.
pub fn make_id(name: &str) -> String {
    crate::translit::id_from_name(name)
}

/// The matching key of a name: romanised, lowercased, letters and digits only, with
/// the spellings romanisations disagree on folded together.
pub fn fold(text: &str) -> String {
    crate::translit::fold(text).replace(' ', "")
}

/// Whether two keys are spellings of one name (Сортобе / Сартобе): one letter apart, two in
/// long names, long enough that a letter does not make another place, and with the same
/// numbers ("Пост 7" and "Пост 17" are two places).
pub fn near(a: &str, b: &str) -> bool {
    let n = a.chars().count().min(b.chars().count());
    let digits = |k: &str| k.chars().filter(char::is_ascii_digit).collect::<String>();
    n >= 5 && digits(a) == digits(b) && crate::translit::edit_distance(a, b) <= if n >= 12 { 2 } else { 1 }
}

/// Every key a name gives: the whole name, and the name without a parenthesised part
/// ("Павловка (Славгород)" also gives "Павловка").
pub fn keys(name: &str) -> Vec<String> {
    let mut out = vec![fold(name)];
    let (bare, _) = split_parenthesis(name);
    let bare_key = fold(&bare);
    if !out.contains(&bare_key) {
        out.push(bare_key);
    }
    out.retain(|k| !k.is_empty());
    out
}

/// "Dostyk (Friendship)" → ("Dostyk", Some("Friendship")).
pub fn split_parenthesis(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if let Some(open) = text.find('(')
        && text.ends_with(')')
        && open > 0
    {
        let inner = text[open + 1..text.len() - 1].trim();
        let outer = text[..open].trim();
        if !inner.is_empty() && !outer.is_empty() {
            return (outer.to_string(), Some(inner.to_string()));
        }
    }
    (text.to_string(), None)
}

/// The text between the first pair of double quotes (straight or typographic).
pub fn quoted(text: &str) -> Option<String> {
    let start = text.find(['"', '“', '«'])?;
    let open_len = text[start..].chars().next().map_or(1, char::len_utf8);
    let rest = &text[start + open_len..];
    let end = rest.find(['"', '”', '»'])?;
    let inner = rest[..end].trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

/// A list entry or cell without its trailing punctuation and with whitespace collapsed.
pub fn clean_item(text: &str) -> String {
    collapse(text).trim_end_matches([';', ',', '.', ' ']).trim().to_string()
}

/// Whitespace runs (including no-break spaces) as single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether two names are the same, ignoring case.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanises_russian_and_kazakh_names() {
        assert_eq!(romanise("Майкапчагай"), "Maykapchagay");
        assert_eq!(romanise("Исилькуль"), "Isilkul");
        assert_eq!(romanise("Нур Жолы"), "Nur Zholy");
        assert_eq!(romanise("«Орал» халықаралық әуежайы"), "Oral khalyqaralyq auezhayy");
        assert_eq!(make_id("Б. Конысбаева"), "b-konysbaeva");
        assert_eq!(make_id("Порт Курык"), "port-kuryk");
        assert_eq!(make_id("Амангельды"), "amangeldy");
    }

    #[test]
    fn folds_spellings_across_scripts() {
        for (a, b) in [
            ("Maykapchagay", "Майкапчагай"),
            ("Maikapchagai", "Maykapchagay"),
            ("Voskresenskoye", "Воскресенское"),
            ("Komsomolsky", "Комсомольский"),
            ("Mariinsky", "Мариинский"),
            ("Isilkul", "Исилькуль"),
            ("Alashankou", "Алашанькоу"),
            ("Khorgos", "Хоргос"),
            ("Veseloyarsk", "Веселоярск"),
            ("Dostyk", "Достык"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_ne!(fold("Karazoek"), fold("Караузек"));
        assert_ne!(fold("Orsk"), fold("Озинки"));
    }

    #[test]
    fn near_spellings_are_a_letter_apart_with_the_same_numbers() {
        assert!(near(&fold("Сортобе"), &fold("Сартобе")));
        assert!(near(&fold("Урлютобе"), &fold("Үрлітөбе")) || fold("Урлютобе") == fold("Үрлітөбе"));
        assert!(!near(&fold("Пункт 7"), &fold("Пункт 17")));
        assert!(!near(&fold("Аят"), &fold("Ает")), "short names are not spellings of each other");
        assert!(near(&fold("Тажен-Батыр"), &fold("Тажен батыр")) || fold("Тажен-Батыр") == fold("Тажен батыр"));
    }

    #[test]
    fn keys_include_the_name_without_its_parenthesis() {
        assert_eq!(keys("Павловка (Славгород)"), vec!["pavlovkaslavgorod".to_string(), "pavlovka".to_string()]);
    }

    #[test]
    fn splits_names_and_quotes() {
        assert_eq!(split_parenthesis("Dostyk (Friendship)"), ("Dostyk".into(), Some("Friendship".into())));
        assert_eq!(split_parenthesis("Khorgos"), ("Khorgos".into(), None));
        assert_eq!(split_parenthesis("(x)"), ("(x)".into(), None));
        assert_eq!(quoted("Checkpoint \"Druzhba\"").as_deref(), Some("Druzhba"));
        assert_eq!(quoted("Checkpoint «Достык»").as_deref(), Some("Достык"));
        assert_eq!(quoted("no quotes"), None);
        assert_eq!(clean_item(" Migration\u{a0}card. "), "Migration card");
    }
}
