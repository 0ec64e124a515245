//! Opening hours: what kind they are, the opening times per set of weekdays with a break, the
//! part of the year they hold, and the UTC offset their clock times are in; always beside the
//! source's own words.
//!
//! ```yaml
//! hours:
//!   kind: schedule
//!   schedule:
//!     - {days: [Mo, Tu, We, Th, Fr], open: "09:00", close: "18:00", break: {start: "13:00", end: "14:00"}}
//!   season: {from: {month: 4, day: 1}, to: {month: 10, day: 31}}
//!   utc_offset: "+05:00"
//!   source_text: с 9 до 18 (перерыв 13:00–14:00), с 1 апреля по 31 октября
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use crate::yaml::Spanned;

/// Opening hours, normalised and as the source words them. What the source does not say stays
/// absent: no days means every day, no season means all year, no `utc_offset` means the zone
/// is unknown.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Normalised kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<HoursKind>,
    /// Opening times for `kind: schedule`, one entry per set of weekdays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule: Vec<Opening>,
    /// The part of the year the hours hold; all year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    /// The UTC offset of the clock times, `+05:00`. Kazakhstan keeps UTC+5 everywhere since
    /// 1 March 2024; a source dated before then that says "по времени Астаны" (Astana time)
    /// meant UTC+6. Where a source names no zone, this is the offset in force on the source's
    /// date in the record's region ([`offset_in_force`]), and absent where that is not known.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "crate::yaml::quoted_option")]
    pub utc_offset: Option<Spanned<String>>,
    /// The source's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
}

impl Hours {
    /// Whether the hours say, for any moment, whether the checkpoint is open: round the clock
    /// or fixed times, with the UTC offset known wherever the clock matters.
    pub fn is_structured(&self) -> bool {
        match self.kind {
            Some(HoursKind::RoundTheClock) => self.season.is_none() || self.utc_offset.is_some(),
            Some(HoursKind::Schedule) => !self.schedule.is_empty() && self.utc_offset.is_some(),
            _ => false,
        }
    }

    /// The UTC offset in minutes, when given and well formed.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.utc_offset.as_ref().and_then(|o| parse_offset(&o.value))
    }
}

/// Kind of opening hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
pub enum HoursKind {
    /// Round the clock, every day (of the `season`, if one is given).
    #[serde(rename = "24h")]
    RoundTheClock,
    /// During the daytime, hours not given.
    #[serde(rename = "daytime")]
    Daytime,
    /// Fixed times, see `schedule`.
    #[serde(rename = "schedule")]
    Schedule,
    /// Part of the year only (see `season` where the source says which), times not given.
    #[serde(rename = "seasonal")]
    Seasonal,
}

impl HoursKind {
    /// Every value, in the order pages list them.
    pub const ALL: [HoursKind; 4] =
        [HoursKind::RoundTheClock, HoursKind::Daytime, HoursKind::Schedule, HoursKind::Seasonal];

    /// The value as written in YAML.
    pub fn code(self) -> &'static str {
        match self {
            HoursKind::RoundTheClock => "24h",
            HoursKind::Daytime => "daytime",
            HoursKind::Schedule => "schedule",
            HoursKind::Seasonal => "seasonal",
        }
    }
}

/// The opening times of a set of weekdays.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The weekdays, `[Mo, Tu, We, Th, Fr]`; every day when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Weekday>,
    /// Opening time, `HH:MM`.
    #[serde(serialize_with = "crate::yaml::quoted")]
    pub open: Spanned<String>,
    /// Closing time, `HH:MM` (`24:00` for midnight at the end of the day).
    #[serde(serialize_with = "crate::yaml::quoted")]
    pub close: Spanned<String>,
    /// A break within the opening.
    #[serde(rename = "break", default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<Break>,
}

impl Opening {
    /// The weekdays this opening holds on: `days`, or every day.
    pub fn weekdays(&self) -> Vec<Weekday> {
        if self.days.is_empty() { Weekday::ALL.to_vec() } else { self.days.clone() }
    }
}

/// A break in an opening, when the checkpoint is closed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Break {
    /// When the break starts, `HH:MM`.
    #[serde(serialize_with = "crate::yaml::quoted")]
    pub start: Spanned<String>,
    /// When it ends, `HH:MM`.
    #[serde(serialize_with = "crate::yaml::quoted")]
    pub end: Spanned<String>,
}

/// A day of the week, as OpenStreetMap abbreviates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[allow(missing_docs)]
pub enum Weekday {
    Mo,
    Tu,
    We,
    Th,
    Fr,
    Sa,
    Su,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] =
        [Weekday::Mo, Weekday::Tu, Weekday::We, Weekday::Th, Weekday::Fr, Weekday::Sa, Weekday::Su];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The abbreviation, `Mo`.
    pub fn code(self) -> &'static str {
        ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][self.index()]
    }
}

/// The part of the year hours hold, from one day to another (across the new year when `to`
/// comes before `from`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Season {
    /// The first day; a month alone means its first day.
    pub from: Spanned<MonthDay>,
    /// The last day; a month alone means its last day.
    pub to: Spanned<MonthDay>,
}

/// A day of the year (`{month: 4, day: 1}`), or a whole month (`{month: 5}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month; absent for the whole month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

impl MonthDay {
    /// Whether the month exists and the day exists in it (29 February included).
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day.is_none_or(|d| d >= 1 && d <= super::date::days_in_month(2024, self.month))
    }

    /// The day a season starting here starts on: the day, or the month's first.
    pub fn first_day(self) -> u32 {
        self.day.unwrap_or(1)
    }

    /// The day a season ending here ends on: the day, or the month's last in the years that
    /// have the most days (29 February: a season to the end of February takes in the 29th
    /// when there is one, and a date past the 28th never comes otherwise).
    pub fn last_day(self) -> u32 {
        self.day.unwrap_or_else(|| super::date::days_in_month(2024, self.month))
    }
}

/// `HH:MM` on a 24-hour clock (`24:00` allowed) as minutes since midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let digits = |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())?;
    let (h, m) = (digits(h)?, digits(m)?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// `+05:00` (from `-12:00` to `+14:00`) as minutes east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let minutes = i32::try_from(parse_time(text.get(1..)?)?).ok()?;
    (-12 * 60..=14 * 60).contains(&(sign * minutes)).then_some(sign * minutes)
}

/// Minutes east of UTC as `+05:00`.
pub fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// Regions on UTC+5 from the end of summer time in 2004 until 1 March 2024: Aktobe, Atyrau,
/// West Kazakhstan and Mangystau; Kyzylorda joined them on 21 December 2018.
const WEST: [&str; 4] = ["KZ-15", "KZ-23", "KZ-27", "KZ-47"];
const KYZYLORDA: &str = "KZ-43";

/// The UTC offset (minutes) Kazakhstan's clocks kept in `region` (an ISO 3166-2:KZ code) over
/// the whole period `as_of` names (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when one offset held
/// throughout and is known:
///
/// - from 1 March 2024: UTC+5 everywhere (the region need not be known);
/// - from 31 October 2004 (the last change of summer time) until then: UTC+5 in the west
///   (Aktobe, Atyrau, West Kazakhstan, Mangystau, and Kyzylorda from 21 December 2018),
///   UTC+6 elsewhere;
/// - before: not known here (summer time), so `None`, as for a period that spans a change.
pub fn offset_in_force(as_of: &str, region: Option<&str>) -> Option<i32> {
    let (first, last) = (Date::start_of_period(as_of)?, Date::end_of_period(as_of)?);
    let one = |d: Date| offset_on(d, region);
    let offset = one(first)?;
    let changes = [date(2018, 12, 21), date(2024, 3, 1)];
    let crosses = changes.iter().any(|c| first < *c && *c <= last);
    (!crosses && one(last) == Some(offset)).then_some(offset)
}

fn offset_on(day: Date, region: Option<&str>) -> Option<i32> {
    if day >= date(2024, 3, 1) {
        return Some(5 * 60);
    }
    if day < date(2004, 10, 31) {
        return None;
    }
    let region = region?;
    let west = WEST.contains(&region) || (region == KYZYLORDA && day >= date(2018, 12, 21));
    Some(if west { 5 * 60 } else { 6 * 60 })
}

fn date(year: i32, month: u32, day: u32) -> Date {
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_times_and_offsets() {
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("24:00"), Some(1440));
        for bad in ["24:01", "9:00", "09:60", "0900", "", "+5"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(parse_offset("+05:00"), Some(300));
        assert_eq!(parse_offset("-03:30"), Some(-210));
        assert_eq!(parse_offset("05:00"), None);
        assert_eq!(parse_offset("+15:00"), None);
        assert_eq!(format_offset(360), "+06:00");
        assert_eq!(format_offset(-210), "-03:30");
    }

    #[test]
    fn knows_the_offset_in_force() {
        assert_eq!(offset_in_force("2024-03-01", None), Some(300), "UTC+5 everywhere, region or not");
        assert_eq!(offset_in_force("2026", Some("KZ-19")), Some(300));
        assert_eq!(offset_in_force("2024-02-29", Some("KZ-19")), Some(360), "Almaty Region the day before");
        assert_eq!(offset_in_force("2024-02", None), None, "the region decides before March 2024");
        assert_eq!(offset_in_force("2024", Some("KZ-19")), None, "2024 spans the change");
        assert_eq!(offset_in_force("2021", Some("KZ-47")), Some(300), "Mangystau");
        assert_eq!(offset_in_force("2017", Some("KZ-43")), Some(360), "Kyzylorda before December 2018");
        assert_eq!(offset_in_force("2019", Some("KZ-43")), Some(300));
        assert_eq!(offset_in_force("2018", Some("KZ-43")), None);
        assert_eq!(offset_in_force("2003", Some("KZ-19")), None, "summer time: not known here");
        assert_eq!(offset_in_force("never", None), None);
    }

    #[test]
    fn checks_days_of_the_year() {
        assert!(MonthDay { month: 2, day: Some(29) }.is_valid());
        assert!(MonthDay { month: 5, day: None }.is_valid());
        assert!(!MonthDay { month: 4, day: Some(31) }.is_valid());
        assert!(!MonthDay { month: 13, day: None }.is_valid());
        assert!(!MonthDay { month: 1, day: Some(0) }.is_valid());
    }

    #[test]
    fn clock_times_and_offsets_are_written_in_quotes() {
        let text = "kind: schedule\nschedule:\n  - open: 09:00\n    close: 18:00\n    break: {start: 13:00, end: 14:00}\nutc_offset: +06:00\n";
        let hours: Hours = crate::yaml::from_str(text).unwrap();
        let written = crate::yaml::to_string(&hours).unwrap();
        for quoted in ["\"09:00\"", "\"18:00\"", "\"13:00\"", "\"14:00\"", "utc_offset: \"+06:00\""] {
            assert!(written.contains(quoted), "{quoted} in\n{written}");
        }
        assert_eq!(crate::yaml::from_str::<Hours>(&written).unwrap(), hours);
        let json = serde_json::to_value(&hours).unwrap();
        assert_eq!(json["utc_offset"], "+06:00");
        assert_eq!(json["schedule"][0]["open"], "09:00");
    }
}
