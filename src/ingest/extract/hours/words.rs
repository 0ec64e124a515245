//! The words hours are written in, in Russian, Kazakh and English: months, weekdays, the
//! phrases for round the clock, daytime, seasons, breaks and time zones, and the words that
//! carry no meaning of their own ("режим работы", "operating mode"). Text is matched lowercased,
//! with `ё` as `е` and every dash as `-`.

use std::sync::LazyLock;

use regex::Regex;

use crate::content::Weekday;

/// A pattern compiled once. The patterns are constants of this file (a unit test compiles
/// every one), so building them cannot fail on any input.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("hours pattern `{pattern}`: {e}"))
}

/// Month names and their numbers: a pattern matches a whole word in any grammatical case.
const MONTHS: [(&str, u32); 12] = [
    (r"январ\w*|jan(?:uary)?|қаңтар\w*", 1),
    (r"феврал\w*|feb(?:ruary)?|ақпан\w*", 2),
    (r"март\w*|mar(?:ch)?|наурыз\w*", 3),
    (r"апрел\w*|apr(?:il)?|сәуір\w*", 4),
    (r"ма[йяюе]|may|мамыр\w*", 5),
    (r"июн\w*|june?|маусым(?:нан|ға|да)?", 6),
    (r"июл\w*|july?|шілде\w*", 7),
    (r"август\w*|aug(?:ust)?|тамыз\w*", 8),
    (r"сентябр\w*|sep(?:t|tember)?|қыркүйек\w*", 9),
    (r"октябр\w*|oct(?:ober)?|қазан\w*", 10),
    (r"ноябр\w*|nov(?:ember)?|қараша\w*", 11),
    (r"декабр\w*|dec(?:ember)?|желтоқсан\w*", 12),
];

/// Weekday names and abbreviations; Kazakh names take case endings (дүйсенбіден, жұмаға).
const DAYS: [(&str, Weekday); 7] = [
    (r"понедельник\w*|пн|mon(?:day)?|mo|дүйсенбі\w*|дс", Weekday::Mo),
    (r"вторник\w*|вт|tue(?:s|sday)?|tu|сейсенбі\w*|сс", Weekday::Tu),
    (r"сред[ауы]|ср|wed(?:nesday)?|we|сәрсенбі\w*", Weekday::We),
    (r"четверг\w*|чт|thu(?:r|rs|rsday)?|th|бейсенбі\w*|бс", Weekday::Th),
    (r"пятниц\w*|пт|fri(?:day)?|fr|жұма\w*|жм", Weekday::Fr),
    (r"суббот\w*|сб|sat(?:urday)?|sa|сенбі\w*", Weekday::Sa),
    (r"воскресень\w*|вс|sun(?:day)?|su|жексенбі\w*|жс", Weekday::Su),
];

/// Any month name, for use inside a larger pattern.
pub fn month() -> String {
    format!(r"\b(?:{})\b\.?", MONTHS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join("|"))
}

/// Any weekday name, for use inside a larger pattern.
pub fn day() -> String {
    format!(r"\b(?:{})\b\.?", DAYS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join("|"))
}

static MONTH_WORDS: LazyLock<Vec<(Regex, u32)>> =
    LazyLock::new(|| MONTHS.iter().map(|(p, n)| (compile(&format!(r"^(?:{p})\.?$")), *n)).collect());

static DAY_WORDS: LazyLock<Vec<(Regex, Weekday)>> =
    LazyLock::new(|| DAYS.iter().map(|(p, d)| (compile(&format!(r"^(?:{p})\.?$")), *d)).collect());

/// The month a word names.
pub fn month_of(word: &str) -> Option<u32> {
    MONTH_WORDS.iter().find(|(re, _)| re.is_match(word)).map(|(_, n)| *n)
}

/// The weekday a word names.
pub fn day_of(word: &str) -> Option<Weekday> {
    DAY_WORDS.iter().find(|(re, _)| re.is_match(word)).map(|(_, d)| *d)
}

/// Round the clock.
pub static ROUND_THE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"круглосуточн\w*|тәулік бойы|тәуліктік|24\s*/\s*7|24 час\w*(?: в сутки)?|24 сағат\w*|",
        r"24[ -]hours?(?: a day)?|round[ -]the[ -]clock|around the clock"
    ))
});

/// In the daytime, hours not given.
pub static DAYTIME: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?:в )?(?:дневное|светлое) время(?: суток)?|жарық уақыт\w*|күндізгі уақыт\w*|\bкүндіз\b|",
        r"day ?time|daylight(?: hours)?"
    ))
});

/// Part of the year only.
pub static SEASONAL: LazyLock<Regex> = LazyLock::new(|| compile(r"сезонн\w*|маусымдық\w*|\bseasonal(?:ly)?\b"));

/// Every day of the week.
pub static EVERY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"ежедневн\w*|каждый день|без выходных|7 дней в неделю|күн сайын|күнделікті|апта бойы|",
        r"\bdaily\b|every day|(?:7|seven) days a week"
    ))
});

/// "по времени Астаны", "астана уақытымен", "Astana time": the capital's clock.
pub static ASTANA_TIME: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?:по )?(?:времени|времени г\. ?) ?астаны|по астанинскому времени|астана уақыт\w*|astana time")
});

/// An offset written out: "UTC+6", "GMT+05:00".
pub static OFFSET: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:utc|gmt)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b"));

/// Words that say nothing beyond the phrases around them.
const FILLERS: &[&str] = &[
    // Russian
    "режим",
    "режима",
    "режиме",
    "работы",
    "работа",
    "работает",
    "работают",
    "график",
    "время",
    "времени",
    "в",
    "с",
    "по",
    "до",
    "на",
    "и",
    "ч",
    "час",
    "часа",
    "часов",
    "г",
    "сутки",
    "суток",
    "эксплуатация",
    "эксплуатации",
    "круглогодично",
    "местному",
    "местное",
    "без",
    "перерыва",
    "обеда",
    // Kazakh
    "жұмыс",
    "режимі",
    "уақыты",
    "уақытында",
    "уақыт",
    "сағат",
    "сағ",
    "кестесі",
    "және",
    "мен",
    "үзіліссіз",
    "жергілікті",
    // English
    "open",
    "opening",
    "operating",
    "operation",
    "operates",
    "works",
    "working",
    "mode",
    "hours",
    "hour",
    "a",
    "the",
    "during",
    "and",
    "is",
    "local",
    "time",
    "schedule",
    "all",
    "year",
    "round",
    "without",
    "break",
    "h",
];

/// Whether `word` (lowercased) is a filler.
pub fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_names_one_thing() {
        for re in [&*ROUND_THE_CLOCK, &*DAYTIME, &*SEASONAL, &*EVERY_DAY, &*ASTANA_TIME, &*OFFSET] {
            assert!(!re.is_match(""), "{re} matches nothing at all");
        }
        compile(&month());
        compile(&day());
        assert_eq!(MONTH_WORDS.len(), 12);
        for (word, n) in [("мая", 5), ("октября", 10), ("сәуірден", 4), ("қазанға", 10), ("october", 10), ("may", 5)]
        {
            assert_eq!(month_of(word), Some(n), "{word}");
        }
        assert_eq!(month_of("маяк"), None);
        for (word, d) in [("пн", Weekday::Mo), ("дс", Weekday::Mo), ("жұмаға", Weekday::Fr), ("пятницу", Weekday::Fr)]
        {
            assert_eq!(day_of(word), Some(d), "{word}");
        }
        assert_eq!(day_of("сенбі"), Some(Weekday::Sa));
        assert_eq!(day_of("жексенбіден"), Some(Weekday::Su), "not Saturday: the word is Sunday's");
    }
}
