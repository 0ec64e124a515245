//! One key space for names in any script: Cyrillic (Russian and Kazakh) and Latin spellings of
//! the same name fold to the same or a near key ("Қорғас", "Хоргос", "Khorgos", "Horgos" and
//! "Korgas" all land within one letter of each other). Used for matching sources, geocoding and
//! search; the search script applies the same tables, which the build exports.

/// A name in Latin letters, by one romanisation (`any_ascii`: Майкапчагай → Maykapchagay,
/// Жезкент → Zhezkent): the spelling ingest adds as an alias and the English site shows where
/// no English name is sourced. Quotation marks are dropped: «Орал» халықаралық әуежайы →
/// Oral khalyqaralyq auezhayy, not <<Oral>>.
pub fn romanise(text: &str) -> String {
    let unquoted: String = text.chars().filter(|c| !matches!(c, '«' | '»' | '„' | '“' | '”' | '‹' | '›')).collect();
    any_ascii::any_ascii(&unquoted).replace(['\'', '"', '`'], "")
}

/// The language a text is most likely in, from its letters: Kazakh where it has letters only
/// Kazakh uses, Russian where it is otherwise Cyrillic, else English. For marking source words
/// (`lang`) and naming a new record, where the content does not say.
pub fn script_lang(text: &str) -> &'static str {
    const KAZAKH_ONLY: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
    if text.chars().any(|c| KAZAKH_ONLY.contains(c)) {
        "kk"
    } else if text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
        "ru"
    } else {
        "en"
    }
}

/// Russian and Kazakh alphabets in their own order, lowercase.
const RUSSIAN: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
const KAZAKH: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

/// A key that sorts names in `lang`'s alphabetical order: Russian and Kazakh letters in their
/// alphabet's order (Kazakh's ә after а, қ after к...), Latin after Cyrillic on their pages and
/// before it elsewhere; case and punctuation apart from letters and digits ignored.
pub fn collation_key(text: &str, lang: &str) -> Vec<u32> {
    let alphabet = match lang {
        "kk" => KAZAKH,
        "ru" => RUSSIAN,
        _ => "",
    };
    let cyrillic_first = !alphabet.is_empty();
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            let in_alphabet = alphabet.chars().position(|a| a == c).map(|i| 0x1000 + i as u32);
            let cyrillic = KAZAKH.chars().position(|a| a == c).map(|i| 0x1000 + i as u32);
            let rank = in_alphabet.or(if cyrillic_first { None } else { cyrillic });
            match (rank, c.is_ascii()) {
                (Some(r), _) => {
                    if cyrillic_first {
                        r
                    } else {
                        r + 0x10000
                    }
                }
                (None, true) => {
                    if cyrillic_first {
                        0x10000 + c as u32
                    } else {
                        c as u32
                    }
                }
                (None, false) => 0x20000 + c as u32,
            }
        })
        .collect()
}

/// Cyrillic letters (Russian and Kazakh) and their Latin spelling in the key space.
pub const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('ә', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('ғ', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "j"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('і', "i"),
    ('к', "k"),
    ('қ', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('ң', "n"),
    ('о', "o"),
    ('ө', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ұ', "u"),
    ('ү', "u"),
    ('ф', "f"),
    ('х', "k"),
    ('һ', "k"),
    ('ц', "c"),
    ('ч', "c"),
    ('ш', "s"),
    ('щ', "s"),
    ('ъ', ""),
    ('ы', "i"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "iu"),
    ('я', "ia"),
];

/// Latin spellings rewritten, in order, so transliterations agree ("kh" and "h" both `k`).
pub const LATIN: &[(&str, &str)] = &[
    ("shch", "s"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "k"),
    ("gh", "g"),
    ("ts", "c"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("ye", "e"),
    ("q", "k"),
    ("h", "k"),
    ("y", "i"),
    ("w", "v"),
    ("x", "ks"),
];

/// The search and matching key of `text`: lowercase ASCII words separated by single spaces.
pub fn fold(text: &str) -> String {
    let mut latin = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii() {
            latin.push(ch);
            continue;
        }
        match CYRILLIC.iter().find(|(c, _)| *c == ch) {
            Some((_, l)) => latin.push_str(l),
            None => latin.push_str(&any_ascii::any_ascii_char(ch).to_lowercase()),
        }
    }
    let words: Vec<String> = latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut w = w.to_string();
            for (from, to) in LATIN {
                if w.contains(from) {
                    w = w.replace(from, to);
                }
            }
            collapse_doubles(&w)
        })
        .collect();
    words.join(" ")
}

fn collapse_doubles(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for ch in word.chars() {
        if !out.ends_with(ch) {
            out.push(ch);
        }
    }
    out
}

/// Levenshtein distance, for "one typo" matching.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// Longest id a record may have, in characters.
pub const MAX_ID_LEN: usize = 80;

/// A kebab-case id made from any text (Cyrillic and Kazakh romanised by `any_ascii`).
pub fn suggest_id(text: &str) -> String {
    let ascii = any_ascii::any_ascii(text).to_lowercase();
    let mut id = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').chars().take(MAX_ID_LEN).collect::<String>().trim_end_matches('-').to_string()
}

/// The id a record named `name` gets (as ingest and `crossings new` make it): the name
/// romanised, then made kebab-case.
pub fn id_from_name(name: &str) -> String {
    suggest_id(&romanise(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_each_language_s_alphabet() {
        let mut kk = vec!["Қорғас", "Кеген", "Әлімбет", "Ауыл", "Бахты"];
        kk.sort_by_key(|n| collation_key(n, "kk"));
        assert_eq!(kk, ["Ауыл", "Әлімбет", "Бахты", "Кеген", "Қорғас"]);
        let mut ru = vec!["Ёлкино", "Жана Жол", "Елизаветинка", "Zeta"];
        ru.sort_by_key(|n| collation_key(n, "ru"));
        assert_eq!(ru, ["Елизаветинка", "Ёлкино", "Жана Жол", "Zeta"]);
        let mut en = vec!["Zhezkent", "Ayat", "Кордай", "b-konysbaeva"];
        en.sort_by_key(|n| collation_key(n, "en"));
        assert_eq!(en, ["Ayat", "b-konysbaeva", "Zhezkent", "Кордай"]);
        assert_eq!(romanise("Нур Жолы"), "Nur Zholy");
    }

    #[test]
    fn spellings_of_khorgos_meet() {
        let keys: Vec<String> =
            ["хоргос", "Хоргос", "Khorgos", "Horgos", "Korgas", "Қорғас"].iter().map(|s| fold(s)).collect();
        for k in &keys {
            assert!(edit_distance(k, "korgos") <= 1, "{k}");
        }
        assert_eq!(fold("Хоргос"), fold("Khorgos"));
    }

    #[test]
    fn spellings_of_maykapchagay_meet() {
        assert_eq!(fold("майкапчагай"), fold("Maykapchagay"));
        assert!(edit_distance(&fold("Maikapshagai"), &fold("Maykapchagay")) <= 1);
    }

    #[test]
    fn folds_kazakh_letters_and_diacritics() {
        assert_eq!(fold("Әйтеке Би"), "aiteke bi");
        assert_eq!(fold("Dostyk (Friendship)"), "dostik friendsip");
        assert_eq!(fold("Zharkent"), fold("Жаркент"));
        assert_eq!(fold("Dzharkent"), fold("Zharkent"));
        assert_eq!(fold("Ürümqi"), "urumki");
    }
}
