//! Calendar dates as content writes them (`YYYY-MM-DD`), and today's date.

use std::fmt;

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day, 1-31.
    pub day: u32,
}

impl Date {
    /// Parse `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            text.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse().ok()
        };
        let (year, month, day) = (digits(0..4)? as i32, digits(5..7)?, digits(8..10)?);
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// The last day of the period an `as_of` names: a year (`2021`), a month (`2021-03`) or a
    /// day (`2021-03-05`).
    pub fn end_of_period(text: &str) -> Option<Date> {
        let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse::<u32>().ok()).flatten();
        match text.len() {
            4 => Some(Date { year: digits(text)? as i32, month: 12, day: 31 }),
            7 if text.as_bytes()[4] == b'-' => {
                let (year, month) = (digits(&text[..4])? as i32, digits(&text[5..])?);
                (1..=12).contains(&month).then(|| Date { year, month, day: days_in_month(year, month) })
            }
            _ => Date::parse(text),
        }
    }

    /// The first day of the period an `as_of` names (see [`Date::end_of_period`]).
    pub fn start_of_period(text: &str) -> Option<Date> {
        let end = Date::end_of_period(text)?;
        Some(match text.len() {
            4 => Date { month: 1, day: 1, ..end },
            7 => Date { day: 1, ..end },
            _ => end,
        })
    }

    /// Whether a statement dated `as_of` (a year, month or day) is more than `days` days old on
    /// `today`, counted from the first day of the period it names: "2025" may describe January
    /// as well as December, so it is judged like "2025-01-01".
    pub fn is_older_than(as_of: &str, days: u32, today: Date) -> bool {
        Date::start_of_period(as_of).is_some_and(|start| today.days() - start.days() > i64::from(days))
    }

    /// Whether `text` is a valid `as_of`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn is_period(text: &str) -> bool {
        Date::end_of_period(text).is_some()
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// The date a build describes the world at: `SOURCE_DATE_EPOCH` (seconds, as reproducible
    /// builds set it) when given, else today. What is stale, and which states have ended,
    /// follows from it.
    pub fn build_date() -> Date {
        static DATE: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
        *DATE.get_or_init(|| match std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
            Some(secs) => Date::from_days(secs.div_euclid(86_400)),
            None => Date::today(),
        })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_periods_of_a_year_month_or_day() {
        assert_eq!(Date::end_of_period("2021"), Some(Date { year: 2021, month: 12, day: 31 }));
        assert_eq!(Date::end_of_period("2024-02"), Some(Date { year: 2024, month: 2, day: 29 }));
        assert_eq!(Date::end_of_period("2023-08-17"), Some(Date { year: 2023, month: 8, day: 17 }));
        for bad in ["21", "2021-13", "2021-1", "2021-02-30", "abcd", ""] {
            assert!(!Date::is_period(bad), "{bad}");
        }
    }

    #[test]
    fn a_date_of_a_year_or_month_is_judged_from_its_first_day() {
        let today = Date::parse("2026-12-07").unwrap();
        assert!(Date::is_older_than("2025", 365, today), "a year-only date is stale like 2025-01-01");
        assert!(Date::is_older_than("2025-10-02", 365, today));
        assert!(Date::is_older_than("2025-11", 365, today));
        assert!(!Date::is_older_than("2026", 365, today));
        assert!(!Date::is_older_than("2025-12-08", 365, today));
        assert!(!Date::is_older_than("not a date", 0, today));
    }

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2024-02-29"), Some(Date { year: 2024, month: 2, day: 29 }));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("2023-1-01"), None);
        assert_eq!(Date::parse("yesterday"), None);
    }

    #[test]
    fn counts_days_both_ways() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-25", "1899-12-31"] {
            let d = Date::parse(text).unwrap();
            assert_eq!(Date::from_days(d.days()), d);
            assert_eq!(d.to_string(), text);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days(), 1);
    }
}
