//! Reading normalised text phrase by phrase into a schedule (see the parent module).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::words::{
    self, ASTANA_TIME, DAYTIME, EVERY_DAY, OFFSET, ROUND_THE_CLOCK, SEASONAL, day, day_of, month, month_of,
};
use crate::content::{Break, Hours, HoursKind, MonthDay, Opening, Season, Weekday};
use crate::yaml::Spanned;

/// The time zone a text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// None.
    Unstated,
    /// Astana's clock ("по времени Астаны"), whose offset depends on the date.
    Astana,
    /// An offset written out, in minutes east of UTC.
    Offset(i32),
}

/// A time of day in a larger pattern, its groups named after `p`: `9`, `09:00`, `9.00`, `9 am`.
fn time(p: &str) -> String {
    format!(r"(?P<{p}h>\d{{1,2}})(?:[:.](?P<{p}m>\d{{2}}))?(?:\s*(?P<{p}x>[ap])\.?\s?m\b\.?)?")
}

/// Ablative and dative endings of Kazakh numbers ("9:00-ден 18:00-ге дейін").
const FROM_KK: &str = r"\s*-?\s*(?:ден|дан|тен|тан|нен|нан)";
const TO_KK: &str = r"\s*-?\s*(?:ге|ға|ке|қа)";

fn compile(pattern: String) -> Regex {
    Regex::new(&pattern).unwrap_or_else(|e| unreachable!("hours pattern `{pattern}`: {e}"))
}

/// Time ranges, most specific first; the last, a bare dash, only counts with minutes or am/pm.
static RANGES: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    let (a, b) = (time("a"), time("b"));
    [
        compile(format!(r"(?:\bсағат\s+)?{a}{FROM_KK}\s+{b}{TO_KK}\s+дейін")),
        compile(format!(r"\bс\s*{a}\s*(?:ч\b\.?\s*)?до\s*{b}(?:\s*ч\b\.?)?")),
        compile(format!(r"\bfrom\s+{a}\s+(?:to|till|until)\s+{b}")),
        compile(format!(r"(?:\bсағат\s+)?{a}\s*-\s*{b}")),
    ]
});

static BREAK: LazyLock<Regex> = LazyLock::new(|| {
    let (a, b) = (time("a"), time("b"));
    compile(format!(
        r"(?:перерыв\w*|обед\w*|түскі үзіліс|үзіліс\w*|lunch(?: break)?|break)(?:\s+на обед)?\s*[:-]?\s*(?:\bс\s*|from\s+)?{a}(?:{FROM_KK})?\s*(?:-|до|to|till|until)?\s*{b}(?:{TO_KK}\s+дейін)?"
    ))
});

static SEASONS: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let m = |n: &str| format!("(?P<{n}>{})", month());
    let (m1, m2) = (m("m1"), m("m2"));
    let to = r"\s*(?:-|по|to|till|until|through)\s*";
    let end = r"(?:\s+дейін|\s+включительно|\s+inclusive)?";
    [
        compile(format!(r"(?:\bс\s+|from\s+)?(?P<d1>\d{{1,2}})\s*{m1}(?:{to}|\s+)(?P<d2>\d{{1,2}})\s*{m2}{end}")),
        compile(format!(
            r"(?:from\s+)?{m1}\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{to}{m2}\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
        )),
        compile(format!(r"(?:\bс\s+|from\s+)?{m1}(?:{to}|\s+){m2}{end}")),
    ]
});

static DAY_RANGES: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let d = |n: &str| format!("(?P<{n}>{})", day());
    let (a, b) = (d("a"), d("b"));
    [
        compile(format!(
            r"(?:\bс\s+|from\s+)?{a}\s*(?:-|по|to|till|until|through|thru)\s*{b}(?:\s+включительно|\s+дейін)?"
        )),
        compile(format!(r"{a}\s+{b}\s+дейін")),
    ]
});

static EXCEPT: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let d = |n: &str| format!("(?P<{n}>{})", day());
    let (a, b) = (d("a"), d("b"));
    let and = r"\s*(?:,|и|and|және|мен)\s*";
    [
        compile(format!(
            r"(?:кроме|за исключением|except(?:\s+on)?|closed(?:\s+on)?|выходн\w*(?:\s+дн\w*)?|days? off|демалыс\w*(?:\s+күн\w*)?)\s*[:-]?\s*{a}(?:{and}{b})?"
        )),
        compile(format!(r"{a}(?:{and}{b})?\s+(?:басқа|өзге)")),
    ]
});

static ONE_DAY: LazyLock<Regex> = LazyLock::new(|| compile(format!("(?P<a>{})", day())));

/// One phrase read, at its place in the text.
#[derive(Debug, Clone)]
enum Item {
    Days(Vec<Weekday>),
    Times(u32, u32),
}

/// What a text says: phrases read, in text order, and the flags of the rest.
#[derive(Debug, Default)]
struct Said {
    items: Vec<(usize, Item)>,
    breaks: Vec<(u32, u32)>,
    except: Vec<Weekday>,
    season: Option<Season>,
    seasonal: bool,
    round: bool,
    daytime: bool,
    every_day: bool,
    zone: Option<Zone>,
}

/// The text being read: each phrase taken is blanked (same byte length, so places hold).
struct Text(String);

impl Text {
    /// Take every match of `re` that `f` reads, returning what it read with its place.
    fn take<T>(&mut self, re: &Regex, mut f: impl FnMut(&Captures) -> Option<T>) -> Vec<(usize, T)> {
        let found: Vec<(std::ops::Range<usize>, T)> = re
            .captures_iter(&self.0)
            .filter_map(|c| {
                let whole = c.get(0)?;
                f(&c).map(|v| (whole.range(), v))
            })
            .collect();
        for (range, _) in &found {
            self.0.replace_range(range.clone(), &" ".repeat(range.len()));
        }
        found.into_iter().map(|(r, v)| (r.start, v)).collect()
    }

    /// Whether any match of `re` was taken.
    fn took(&mut self, re: &Regex) -> bool {
        !self.take(re, |_| Some(())).is_empty()
    }

    /// Whether what is left says nothing: filler words and punctuation only.
    fn is_spent(&self) -> bool {
        self.0.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(words::is_filler)
    }
}

/// Read normalised `text`; `None` when some of it is not understood or phrases disagree.
pub fn read(text: &str) -> Option<(Hours, Zone)> {
    let mut text = Text(text.to_string());
    let said = take_phrases(&mut text)?;
    if !text.is_spent() {
        return None;
    }
    assemble(said)
}

fn take_phrases(text: &mut Text) -> Option<Said> {
    let mut said = Said { zone: Some(zone(text)?), ..Said::default() };
    let seasons: Vec<Season> = SEASONS.iter().flat_map(|re| text.take(re, season)).map(|(_, s)| s).collect();
    if seasons.len() > 1 {
        return None;
    }
    said.season = seasons.into_iter().next();
    said.round = text.took(&ROUND_THE_CLOCK);
    said.daytime = text.took(&DAYTIME);
    said.seasonal = text.took(&SEASONAL);
    said.every_day = text.took(&EVERY_DAY);
    said.breaks = text.take(&BREAK, |c| range(c, false)).into_iter().map(|(_, r)| r).collect();
    for (i, re) in RANGES.iter().enumerate() {
        let explicit_only = i == RANGES.len() - 1;
        let found = text.take(re, |c| range(c, explicit_only));
        said.items.extend(found.into_iter().map(|(at, (a, b))| (at, Item::Times(a, b))));
    }
    for re in EXCEPT.iter() {
        said.except.extend(text.take(re, days_listed).into_iter().flat_map(|(_, d)| d));
    }
    for re in DAY_RANGES.iter() {
        let found = text.take(re, |c| Some(span(day_of(&c["a"])?, day_of(&c["b"])?)));
        said.items.extend(found.into_iter().map(|(at, d)| (at, Item::Days(d))));
    }
    let single = text.take(&ONE_DAY, |c| Some(vec![day_of(&c["a"])?]));
    said.items.extend(single.into_iter().map(|(at, d)| (at, Item::Days(d))));
    said.items.sort_by_key(|(at, _)| *at);
    Some(said)
}

/// The zone stated, if any; `None` when two disagree.
fn zone(text: &mut Text) -> Option<Zone> {
    let astana = text.took(&ASTANA_TIME);
    let offsets: Vec<i32> = text.take(&OFFSET, offset).into_iter().map(|(_, o)| o).collect();
    match (astana, offsets.as_slice()) {
        (false, []) => Some(Zone::Unstated),
        (true, []) => Some(Zone::Astana),
        (false, [o, rest @ ..]) if rest.iter().all(|r| r == o) => Some(Zone::Offset(*o)),
        _ => None,
    }
}

fn offset(c: &Captures) -> Option<i32> {
    let sign = if &c["sign"] == "-" { -1 } else { 1 };
    let h: i32 = c["h"].parse().ok()?;
    let m: i32 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn season(c: &Captures) -> Option<Season> {
    let day = |n: &str| c.name(n).map(|d| d.as_str().parse::<u32>().ok()).map_or(Some(None), |d| d.map(Some));
    let from = MonthDay { month: month_of(c["m1"].trim())?, day: day("d1")? };
    let to = MonthDay { month: month_of(c["m2"].trim())?, day: day("d2")? };
    (from.is_valid() && to.is_valid()).then(|| Season { from: Spanned::new(from), to: Spanned::new(to) })
}

/// A time range in minutes; with `explicit_only`, both ends need minutes or am/pm.
fn range(c: &Captures, explicit_only: bool) -> Option<(u32, u32)> {
    let (a, b) = (clock(c, "a", explicit_only)?, clock(c, "b", explicit_only)?);
    (a < b).then_some((a, b))
}

/// The time in group `p`, in minutes since midnight.
fn clock(c: &Captures, p: &str, explicit_only: bool) -> Option<u32> {
    let hour: u32 = c.name(&format!("{p}h"))?.as_str().parse().ok()?;
    let minutes = c.name(&format!("{p}m"));
    let half = c.name(&format!("{p}x")).map(|x| x.as_str());
    if explicit_only && minutes.is_none() && half.is_none() {
        return None;
    }
    let minute: u32 = minutes.map_or(Some(0), |m| m.as_str().parse().ok())?;
    let hour = match half {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some("a") => hour % 12,
        Some(_) => hour % 12 + 12,
        None => hour,
    };
    (minute < 60 && (hour < 24 || (hour == 24 && minute == 0))).then_some(hour * 60 + minute)
}

fn days_listed(c: &Captures) -> Option<Vec<Weekday>> {
    let second = c.name("b").map(|b| day_of(b.as_str())).map_or(Some(None), |d| d.map(Some))?;
    Some([Some(day_of(&c["a"])?), second].into_iter().flatten().collect())
}

/// The days from `a` to `b`, across the week's end if need be (Fr-Mo).
fn span(a: Weekday, b: Weekday) -> Vec<Weekday> {
    let (start, len) = (a.index(), (b.index() + 7 - a.index()) % 7 + 1);
    (0..len).map(|i| Weekday::ALL[(start + i) % 7]).collect()
}

/// The schedule the phrases make, if they make one. Round the clock on some days only, or in
/// a season not named, is an opening from 00:00 to 24:00.
fn assemble(mut said: Said) -> Option<(Hours, Zone)> {
    let has_times = said.items.iter().any(|(_, i)| matches!(i, Item::Times(..)));
    let has_days = said.items.iter().any(|(_, i)| matches!(i, Item::Days(_)));
    let seasonal_unknown = said.seasonal && said.season.is_none();
    if said.round && has_times {
        return None;
    }
    if said.round && (has_days || !said.except.is_empty() || seasonal_unknown) {
        said.items.push((usize::MAX, Item::Times(0, 24 * 60)));
    }
    let openings = with_days(openings(&said.items)?, &said.except, said.every_day)?;
    let schedule = finish(openings, &said.breaks)?;
    let round = said.round && schedule.is_empty();
    let kind = kind_of(!schedule.is_empty(), round, said.daytime, seasonal_unknown, said.season.is_some())?;
    let hours = Hours { kind: Some(kind), schedule, season: said.season, ..Hours::default() };
    Some((hours, said.zone.unwrap_or(Zone::Unstated)))
}

/// Day sets with their time ranges.
type Sets = Vec<(Vec<Weekday>, Vec<(u32, u32)>)>;

/// Pair the runs of days and of times, in text order: days then times ("пн-пт с 9 до 18, сб
/// с 10 до 14"), or times then days ("9:00-18:00 Mon-Fri"); times alone hold every day.
fn openings(items: &[(usize, Item)]) -> Option<Sets> {
    let mut runs: Sets = Vec::new();
    let mut last_was_days = None;
    for (_, item) in items {
        let is_days = matches!(item, Item::Days(_));
        if last_was_days != Some(is_days) {
            runs.push((Vec::new(), Vec::new()));
        }
        last_was_days = Some(is_days);
        let run = runs.last_mut()?;
        match item {
            Item::Days(d) => run.0.extend(d),
            Item::Times(a, b) => run.1.push((*a, *b)),
        }
    }
    match runs.as_slice() {
        [] => Some(Vec::new()),
        [(d, _)] if d.is_empty() => Some(runs),
        _ if runs.len() % 2 == 1 => None,
        _ => Some(
            runs.chunks(2)
                .map(|p| (p[0].0.iter().chain(&p[1].0).copied().collect(), [&p[0].1[..], &p[1].1[..]].concat()))
                .collect(),
        ),
    }
}

/// Apply "except" and "every day" to the sets; `None` for days without times.
fn with_days(sets: Sets, except: &[Weekday], every_day: bool) -> Option<Sets> {
    if sets.iter().any(|(_, t)| t.is_empty()) || (every_day && sets.iter().any(|(d, _)| !d.is_empty())) {
        return None;
    }
    if sets.is_empty() && !except.is_empty() {
        return None;
    }
    Some(
        sets.into_iter()
            .map(|(days, times)| {
                let days = if days.is_empty() { Weekday::ALL.to_vec() } else { days };
                (days.into_iter().filter(|d| !except.contains(d)).collect(), times)
            })
            .collect(),
    )
}

/// The model's openings: days sorted, all seven as none; two ranges of a day as one opening
/// with a break; the breaks written apart placed in the openings that contain them.
fn finish(sets: Sets, breaks: &[(u32, u32)]) -> Option<Vec<Opening>> {
    let mut out = Vec::new();
    for (mut days, times) in sets {
        days.sort();
        days.dedup();
        if days.is_empty() {
            return None;
        }
        let days = if days.len() == 7 { Vec::new() } else { days };
        let (open, close, pause) = match times.as_slice() {
            [(a, b)] => (*a, *b, None),
            [(a, b), (c, d)] if b < c => (*a, *d, Some((*b, *c))),
            _ => return None,
        };
        out.push((days, open, close, pause));
    }
    for (start, end) in breaks {
        let holders: Vec<_> = out.iter_mut().filter(|o| o.1 < *start && *end < o.2 && o.3.is_none()).collect();
        if holders.is_empty() {
            return None;
        }
        holders.into_iter().for_each(|o| o.3 = Some((*start, *end)));
    }
    Some(out.into_iter().map(|(days, open, close, pause)| opening(days, open, close, pause)).collect())
}

fn opening(days: Vec<Weekday>, open: u32, close: u32, pause: Option<(u32, u32)>) -> Opening {
    let hhmm = |m: u32| Spanned::new(format!("{:02}:{:02}", m / 60, m % 60));
    Opening {
        days,
        open: hhmm(open),
        close: hhmm(close),
        pause: pause.map(|(s, e)| Break { start: hhmm(s), end: hhmm(e) }),
    }
}

/// The kind the phrases read give, when they agree: times make a schedule, round the clock or
/// daytime their kind, a season alone (or "seasonal" without the months) seasonal.
fn kind_of(times: bool, round: bool, daytime: bool, seasonal_unknown: bool, season: bool) -> Option<HoursKind> {
    match (times, round, daytime) {
        _ if seasonal_unknown => Some(HoursKind::Seasonal),
        (true, false, _) => Some(HoursKind::Schedule),
        (false, true, false) => Some(HoursKind::RoundTheClock),
        (false, false, true) => Some(HoursKind::Daytime),
        (false, false, false) if season => Some(HoursKind::Seasonal),
        _ => None,
    }
}
