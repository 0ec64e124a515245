//! Opening hours from a source's words, in Russian, Kazakh and English, into the model's
//! schedule: kind, opening times per set of weekdays, break, season and UTC offset.
//!
//! The text is read phrase by phrase ([`words`]): time zone, season, round the clock /
//! daytime / seasonal, break, time ranges, weekdays; each phrase read is blanked out. What is
//! left must be words that carry no meaning ("режим работы"); anything else, or phrases that
//! contradict each other, leaves the hours unread: only `source_text` is kept (ingest reports
//! it), nothing is guessed. Every pattern is a regular expression without backtracking, and
//! text longer than [`MAX_CHARS`] is not read, so any input ends in bounded time.

mod read;
#[cfg(test)]
mod tests;
mod words;

use crate::content::Hours;
use crate::content::hours::{format_offset, offset_in_force};

use self::read::Zone;
use crate::ingest::names::collapse;

/// Longest text read; a longer one keeps only its words.
pub const MAX_CHARS: usize = 1000;

/// The hours `text` states, read from a source whose statements describe `as_of` (`YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`) for a checkpoint in `region` (ISO 3166-2:KZ), or `None` for blank
/// text. Unreadable text gives hours with only `source_text`.
///
/// The UTC offset, given where clock times or a season make it matter, follows the rule of
/// [`Hours::utc_offset`]: an offset the text writes out; for "Astana time", Astana's offset on
/// the source's date (UTC+6 before 1 March 2024, UTC+5 from then); else the offset in force on
/// that date in the region ([`offset_in_force`]); unknown when the date (or, before March 2024,
/// the region) is not known.
pub fn parse(text: &str, as_of: Option<&str>, region: Option<&str>) -> Option<Hours> {
    let text = collapse(text);
    if text.is_empty() {
        return None;
    }
    let readable = text.chars().count() <= MAX_CHARS && !has_day_month_range(&text);
    let read = readable.then(|| read::read(&normalise(&text))).flatten();
    let mut hours = Hours { source_text: Some(text), ..Hours::default() };
    if let Some((mut read, zone)) = read {
        if !read.schedule.is_empty() || read.season.is_some() {
            let offset = match zone {
                Zone::Offset(minutes) => Some(minutes),
                Zone::Astana => as_of.and_then(|d| offset_in_force(d, Some("KZ-71"))),
                Zone::Unstated => as_of.and_then(|d| offset_in_force(d, region)),
            };
            read.utc_offset = offset.map(|o| crate::yaml::Spanned::new(format_offset(o)));
        }
        hours = Hours { source_text: hours.source_text, ..read };
    }
    Some(hours)
}

/// Whether `text` has a range such as "01.05–15.09", which reads as days and months as well as
/// times (01:05 to 15:09): such hours are left unread rather than guessed. Times whose minutes
/// cannot be a month ("09.00–18.00", "8.30–17.45") are not in doubt.
fn has_day_month_range(text: &str) -> bool {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(\d{1,2})\.(\d{2})\s*[-\u{2010}-\u{2015}\u{2212}]\s*(\d{1,2})\.(\d{2})\b")
            .expect("pattern")
    });
    let as_date = |day: &str, month: &str| {
        let (day, month) = (day.parse::<u32>().unwrap_or(0), month.parse::<u32>().unwrap_or(0));
        (1..=31).contains(&day) && (1..=12).contains(&month)
    };
    RANGE.captures_iter(text).any(|c| as_date(&c[1], &c[2]) && as_date(&c[3], &c[4]))
}

/// Whether `hours` say nothing beyond the source's words (reported by ingest).
pub fn is_unread(hours: &Hours) -> bool {
    hours.kind.is_none() && hours.schedule.is_empty() && hours.season.is_none()
}

/// Lowercase, `ё` as `е`, every dash and minus as `-`, one space between words.
fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c => c,
        })
        .collect();
    collapse(&mapped)
}
