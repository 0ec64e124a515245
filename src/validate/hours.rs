//! Checks on a checkpoint's opening hours: the kind agrees with the schedule, times are times
//! of day, each opening closes after it opens and holds its break, no weekday has two
//! openings, a season's days exist, and the UTC offset is one.

use std::path::Path;

use super::notice::Notice;
use crate::content::hours::{parse_offset, parse_time};
use crate::content::{Checkpoint, Hours, HoursKind, Opening};
use crate::yaml::Spanned;

/// Check `c.hours`, each problem at its line and column.
pub fn check(path: &Path, c: &Checkpoint, out: &mut Vec<Notice>) {
    let Some(hours) = &c.hours else { return };
    check_kind(path, hours, out);
    let mut days_used = [false; 7];
    for (i, opening) in hours.schedule.iter().enumerate() {
        check_opening(path, &format!("hours.schedule[{i}]"), opening, out);
        let twice: Vec<&str> = opening
            .weekdays()
            .into_iter()
            .filter(|d| std::mem::replace(&mut days_used[d.index()], true))
            .map(|d| d.code())
            .collect();
        if !twice.is_empty() {
            out.push(
                Notice::error(
                    path,
                    opening.open.pos,
                    "overlapping_days",
                    format!("{} already have an opening", twice.join(", ")),
                )
                .field(format!("hours.schedule[{i}].days"))
                .hint("give each weekday in one entry of `schedule` only (no `days` means every day)"),
            );
        }
    }
    if let Some(season) = &hours.season {
        for (name, day) in [("from", &season.from), ("to", &season.to)] {
            if !day.is_valid() {
                out.push(
                    Notice::error(path, day.pos, "invalid_season_date", "not a day of the year")
                        .field(format!("hours.season.{name}"))
                        .hint("write `{month: 4, day: 1}` (a month 1-12 and a day that month has) or `{month: 5}`"),
                );
            }
        }
    }
    if let Some(offset) = hours.utc_offset.as_ref().filter(|o| parse_offset(&o.value).is_none()) {
        out.push(
            Notice::error(path, offset.pos, "invalid_utc_offset", format!("`{}` is not a UTC offset", offset.value))
                .field("hours.utc_offset")
                .hint("write it as \"+05:00\", in quotes; leave it out where no source tells the zone"),
        );
    }
}

/// `kind: schedule` needs opening times, and opening times need `kind: schedule` (or
/// `seasonal`, when the months are not known).
fn check_kind(path: &Path, hours: &Spanned<Hours>, out: &mut Vec<Notice>) {
    let with_times = matches!(hours.kind, Some(HoursKind::Schedule | HoursKind::Seasonal));
    let (code, message) = match (hours.kind, hours.schedule.is_empty()) {
        (Some(HoursKind::Schedule), true) => {
            ("missing_field", "`kind: schedule` needs a `schedule` with opening times")
        }
        (_, false) if !with_times => ("hours_kind_mismatch", "opening times are given but `kind` is not `schedule`"),
        _ => return,
    };
    out.push(Notice::error(path, hours.pos, code, message).field("hours.schedule").hint(
        "give `schedule: [{days: [Mo, Tu, We, Th, Fr], open: \"09:00\", close: \"18:00\"}]` with `kind: schedule`, or change `kind`",
    ));
}

fn check_opening(path: &Path, field: &str, o: &Opening, out: &mut Vec<Notice>) {
    let pause = o.pause.as_ref();
    let times = [("open", &o.open), ("close", &o.close)]
        .into_iter()
        .chain(pause.into_iter().flat_map(|b| [("break.start", &b.start), ("break.end", &b.end)]));
    let mut read = Vec::new();
    for (name, time) in times {
        match parse_time(&time.value) {
            Some(minutes) => read.push(minutes),
            None => out.push(
                Notice::error(path, time.pos, "invalid_time", format!("`{}` is not a time of day", time.value))
                    .field(format!("{field}.{name}"))
                    .hint("write times as HH:MM on a 24-hour clock, in quotes: \"09:00\" (\"24:00\" for the end of the day)"),
            ),
        }
    }
    match (read.as_slice(), pause) {
        ([open, close, ..], _) if open >= close => out.push(
            Notice::error(
                path,
                o.close.pos,
                "invalid_opening",
                format!("closes at {} but opens at {}", o.close.value, o.open.value),
            )
            .field(format!("{field}.close"))
            .hint("an opening closes after it opens on the same day; past midnight, close at \"24:00\""),
        ),
        ([open, close, start, end], Some(b)) if !(open < start && start < end && end < close) => out.push(
            Notice::error(
                path,
                b.start.pos,
                "break_outside_opening",
                format!("the break {}-{} is not inside {}-{}", b.start.value, b.end.value, o.open.value, o.close.value),
            )
            .field(format!("{field}.break"))
            .hint("a break starts after the opening and ends before the closing, and ends after it starts"),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (line:column, code) of each notice on a record whose `hours` are `yaml`.
    fn notices(yaml: &str) -> Vec<(String, &'static str)> {
        let c: Checkpoint = crate::yaml::from_str(&format!("id: x\nname: {{en: X}}\nhours:\n{yaml}")).unwrap();
        let mut out = Vec::new();
        check(Path::new("x.yaml"), &c, &mut out);
        out.into_iter().map(|n| (n.pos.to_string(), n.code)).collect()
    }

    #[test]
    fn a_good_schedule_passes() {
        let good = "  kind: schedule\n  schedule:\n    - {days: [Mo, Fr], open: \"09:00\", close: \"18:00\", break: {start: \"13:00\", end: \"14:00\"}}\n    - {days: [Sa], open: \"10:00\", close: \"24:00\"}\n  season: {from: {month: 2, day: 29}, to: {month: 10}}\n  utc_offset: \"+05:00\"\n";
        assert_eq!(notices(good), []);
        assert_eq!(notices("  kind: 24h\n"), []);
    }

    #[test]
    fn each_problem_is_found_at_its_place() {
        let bad = "  kind: schedule\n  schedule:\n    - open: \"25:00\"\n      close: \"18:00\"\n    - days: [Mo]\n      open: \"18:00\"\n      close: \"09:00\"\n    - open: \"09:00\"\n      close: \"18:00\"\n      break: {start: \"17:00\", end: \"19:00\"}\n  season: {from: {month: 4, day: 31}, to: {month: 13}}\n  utc_offset: \"+5\"\n";
        let want = [
            ("6:13", "invalid_time"),
            ("10:14", "invalid_opening"),
            ("9:13", "overlapping_days"),
            ("13:22", "break_outside_opening"),
            ("11:13", "overlapping_days"),
            ("14:18", "invalid_season_date"),
            ("14:43", "invalid_season_date"),
            ("15:15", "invalid_utc_offset"),
        ];
        assert_eq!(notices(bad), want.map(|(at, code)| (at.to_string(), code)));
    }

    #[test]
    fn the_kind_agrees_with_the_schedule() {
        assert_eq!(notices("  kind: schedule\n"), [("4:3".to_string(), "missing_field")]);
        let times = "  kind: 24h\n  schedule: [{open: \"09:00\", close: \"18:00\"}]\n";
        assert_eq!(notices(times), [("4:3".to_string(), "hours_kind_mismatch")]);
        assert_eq!(notices("  kind: seasonal\n  schedule: [{open: \"09:00\", close: \"18:00\"}]\n"), []);
    }
}
