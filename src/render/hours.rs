//! Opening hours as pages and exports give them: in words of the page's language, as an
//! OpenStreetMap `opening_hours` string, and as the compact JSON `static/hours.js` reads to say
//! whether a checkpoint is open now.

use serde_json::json;

use super::keys::{self, BADGE, MONTHS, WEEKDAYS};
use super::ui::Ui;
use crate::content::{Hours, HoursKind, MonthDay, Opening, Season, Weekday};

/// Weekdays in runs of consecutive days: Mo-Fr, Sa-Su.
fn runs(days: &[Weekday]) -> Vec<(Weekday, Weekday)> {
    let mut out: Vec<(Weekday, Weekday)> = Vec::new();
    for day in days {
        match out.last_mut() {
            Some((_, last)) if last.index() + 1 == day.index() => *last = *day,
            _ => out.push((*day, *day)),
        }
    }
    out
}

/// The first and last day of a season, as (month, day) (see [`MonthDay::last_day`]).
fn season_days(s: &Season) -> ((u32, u32), (u32, u32)) {
    let (from, to) = (s.from.value, s.to.value);
    ((from.month, from.first_day()), (to.month, to.last_day()))
}

/// The hours in words of `ui`'s language, beyond their kind's label: "Mon–Fri 09:00–18:00,
/// break 13:00–14:00 · 1 April – 31 October · UTC+5". `None` when there is nothing beyond it.
pub fn words(h: &Hours, ui: &Ui) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if !h.schedule.is_empty() {
        parts.push(h.schedule.iter().map(|o| opening_words(o, ui)).collect::<Vec<_>>().join("; "));
    }
    if let Some(s) = &h.season {
        let day = |md: MonthDay, last: bool| {
            let d = if last { md.last_day() } else { md.first_day() };
            ui.fill("day_month", &[("day", &d.to_string()), ("month", keys::month(md.month).map_or("", |k| ui.get(k)))])
        };
        parts.push(ui.fill("hours_season", &[("from", &day(s.from.value, false)), ("to", &day(s.to.value, true))]));
    }
    if !parts.is_empty() && h.kind != Some(HoursKind::Daytime) {
        parts.push(h.offset_minutes().map_or_else(|| ui.get("hours_zone_unknown").to_string(), utc_words));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn opening_words(o: &Opening, ui: &Ui) -> String {
    let day = |d: Weekday| ui.get(WEEKDAYS[d.index()]);
    let days = if o.days.is_empty() {
        ui.get("hours_every_day").to_string()
    } else {
        let run = |(a, b): (Weekday, Weekday)| match b.index() - a.index() {
            0 => day(a).to_string(),
            1 => format!("{}, {}", day(a), day(b)),
            _ => format!("{}–{}", day(a), day(b)),
        };
        runs(&o.days).into_iter().map(run).collect::<Vec<_>>().join(", ")
    };
    let mut text = format!("{days} {}–{}", o.open.value, o.close.value);
    if let Some(b) = &o.pause {
        text.push_str(", ");
        text.push_str(&ui.fill("hours_break", &[("start", &b.start.value), ("end", &b.end.value)]));
    }
    text
}

/// "UTC+5", "UTC+5:30", "UTC−3".
fn utc_words(minutes: i32) -> String {
    let sign = if minutes < 0 { '−' } else { '+' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    if m == 0 { format!("UTC{sign}{h}") } else { format!("UTC{sign}{h}:{m:02}") }
}

/// The hours as an OpenStreetMap `opening_hours` value: `24/7`, `Mo-Fr 09:00-13:00,14:00-18:00`,
/// `Apr 01-Oct 31: 08:00-20:00`. `None` unless the hours are round the clock or fixed times.
pub fn osm(h: &Hours) -> Option<String> {
    let season = h.season.as_ref().map(|s| format!("{}: ", osm_season(s)));
    let rules: Vec<String> = match h.kind? {
        HoursKind::RoundTheClock if season.is_none() => return Some("24/7".to_string()),
        HoursKind::RoundTheClock => vec!["00:00-24:00".to_string()],
        HoursKind::Schedule if !h.schedule.is_empty() => h.schedule.iter().map(osm_rule).collect(),
        _ => return None,
    };
    let prefix = season.unwrap_or_default();
    Some(rules.iter().map(|r| format!("{prefix}{r}")).collect::<Vec<_>>().join("; "))
}

fn osm_rule(o: &Opening) -> String {
    let times = match &o.pause {
        Some(b) => format!("{}-{},{}-{}", o.open.value, b.start.value, b.end.value, o.close.value),
        None => format!("{}-{}", o.open.value, o.close.value),
    };
    if o.days.is_empty() {
        return times;
    }
    let run = |(a, b): (Weekday, Weekday)| match b.index() - a.index() {
        0 => a.code().to_string(),
        1 => format!("{},{}", a.code(), b.code()),
        _ => format!("{}-{}", a.code(), b.code()),
    };
    format!("{} {times}", runs(&o.days).into_iter().map(run).collect::<Vec<_>>().join(","))
}

/// `May-Oct` for whole months, else `Apr 01-Oct 31`.
fn osm_season(s: &Season) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = |m: u32| MONTHS.get(m.saturating_sub(1) as usize).copied().unwrap_or("Jan");
    if s.from.day.is_none() && s.to.day.is_none() {
        return format!("{}-{}", month(s.from.month), month(s.to.month));
    }
    let ((fm, fd), (tm, td)) = season_days(s);
    format!("{} {fd:02}-{} {td:02}", month(fm), month(tm))
}

/// The compact JSON `hours.js` reads, for hours that say when the checkpoint is open:
/// `{"utc":300,"season":[[4,1],[10,31]],"week":[[[540,780],[840,1080]],…]}`, one list of
/// opening intervals (minutes since midnight) per weekday, Monday first.
pub fn badge_json(h: &Hours) -> Option<String> {
    if !h.is_structured() {
        return None;
    }
    let mut week: Vec<Vec<[u32; 2]>> = vec![Vec::new(); 7];
    let all_day = Opening {
        days: Vec::new(),
        open: crate::yaml::Spanned::new("00:00".into()),
        close: crate::yaml::Spanned::new("24:00".into()),
        pause: None,
    };
    let openings =
        if h.kind == Some(HoursKind::RoundTheClock) { std::slice::from_ref(&all_day) } else { &h.schedule[..] };
    for o in openings {
        let time = |t: &str| crate::content::hours::parse_time(t);
        let (open, close) = (time(&o.open)?, time(&o.close)?);
        let pause = o.pause.as_ref().and_then(|b| Some((time(&b.start)?, time(&b.end)?)));
        for d in o.weekdays() {
            match pause {
                Some((s, e)) => week[d.index()].extend([[open, s], [e, close]]),
                None => week[d.index()].push([open, close]),
            }
        }
    }
    week.iter_mut().for_each(|day| day.sort());
    let season = h.season.as_ref().map(season_days).map(|((fm, fd), (tm, td))| [[fm, fd], [tm, td]]);
    Some(json!({"utc": h.offset_minutes(), "season": season, "week": week}).to_string())
}

/// The badge's texts in `ui`'s language, with the names `hours.js` formats dates with, as
/// compact JSON for the script's `data-strings`.
pub fn badge_strings(ui: &Ui) -> String {
    let texts: serde_json::Map<String, serde_json::Value> =
        BADGE.iter().map(|k| (k.trim_start_matches("open_").to_string(), json!(ui.get(k)))).collect();
    let months: Vec<String> = MONTHS.iter().map(|k| ui.get(k).to_string()).collect();
    let days: Vec<&str> = WEEKDAYS.iter().map(|k| ui.get(k)).collect();
    json!({"texts": texts, "months": months, "days": days, "day_month": ui.get("day_month")}).to_string()
}

#[cfg(test)]
mod tests;
