//! Each wording met in sources, read to the exact schedule; and what must stay unread.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::is_unread;
use super::parse;
use crate::content::Weekday::{self, *};
use crate::content::{Break, Hours, HoursKind, MonthDay, Opening, Season};
use crate::yaml::Spanned;

/// A source of 2025 in Almaty Region: its clock is UTC+5.
fn read(text: &str) -> Hours {
    parse(text, Some("2025-06-01"), Some("KZ-19")).unwrap()
}

fn at(days: &[Weekday], open: &str, close: &str) -> Opening {
    let s = |t: &str| Spanned::new(t.to_string());
    Opening { days: days.to_vec(), open: s(open), close: s(close), pause: None }
}

fn with_break(o: Opening, start: &str, end: &str) -> Opening {
    let s = |t: &str| Spanned::new(t.to_string());
    Opening { pause: Some(Break { start: s(start), end: s(end) }), ..o }
}

fn season(from: (u32, Option<u32>), to: (u32, Option<u32>)) -> Option<Season> {
    let day = |(month, day)| Spanned::new(MonthDay { month, day });
    Some(Season { from: day(from), to: day(to) })
}

fn hours(kind: HoursKind, schedule: Vec<Opening>, season: Option<Season>, offset: Option<&str>, text: &str) -> Hours {
    Hours {
        kind: Some(kind),
        schedule,
        season,
        utc_offset: offset.map(|o| Spanned::new(o.to_string())),
        source_text: Some(text.to_string()),
    }
}

const WEEK: [Weekday; 5] = [Mo, Tu, We, Th, Fr];
const EXCEPT_SUNDAY: [Weekday; 6] = [Mo, Tu, We, Th, Fr, Sa];

#[test]
fn reads_round_the_clock_and_daytime() {
    for text in [
        "круглосуточно",
        "Круглосуточно",
        "тәулік бойы",
        "24/7",
        "24 часа в сутки",
        "24 hours a day",
        "24-hour operating mode",
        "round-the-clock",
        "круглосуточная эксплуатация",
        "Режим работы: круглосуточно",
    ] {
        assert_eq!(read(text), hours(HoursKind::RoundTheClock, vec![], None, None, text), "{text}");
    }
    for text in ["в дневное время", "During the daytime", "светлое время суток", "жарық уақыт", "күндізгі уақытта"]
    {
        assert_eq!(read(text), hours(HoursKind::Daytime, vec![], None, None, text), "{text}");
    }
    assert_eq!(read("seasonal"), hours(HoursKind::Seasonal, vec![], None, None, "seasonal"));
}

#[test]
fn reads_times_in_every_spelling() {
    let daily = |open, close| vec![at(&[], open, close)];
    for (text, schedule) in [
        ("с 08:00 до 20:00", daily("08:00", "20:00")),
        ("09.00–18.00", daily("09:00", "18:00")),
        ("9:00 - 18:00", daily("09:00", "18:00")),
        ("с 9 до 18 ч.", daily("09:00", "18:00")),
        ("сағат 9:00-ден 18:00-ге дейін", daily("09:00", "18:00")),
        ("from 9 am to 6 pm", daily("09:00", "18:00")),
        ("9am–6pm", daily("09:00", "18:00")),
        ("from 12 p.m. to 11:30 p.m.", daily("12:00", "23:30")),
        ("ежедневно с 08:00 до 20:00", daily("08:00", "20:00")),
        ("күн сайын 08:00-20:00", daily("08:00", "20:00")),
        ("daily 8:00-20:00", daily("08:00", "20:00")),
        ("с 0:00 до 24:00", daily("00:00", "24:00")),
    ] {
        assert_eq!(read(text), hours(HoursKind::Schedule, schedule, None, Some("+05:00"), text), "{text}");
    }
}

#[test]
fn reads_breaks_and_weekdays() {
    let nine_to_six = |days: &[Weekday]| with_break(at(days, "09:00", "18:00"), "13:00", "14:00");
    for (text, schedule) in [
        ("с 9 до 18 (перерыв 13:00–14:00)", vec![nine_to_six(&[])]),
        ("пн–пт с 9 до 18, перерыв с 13 до 14", vec![nine_to_six(&WEEK)]),
        ("Mo-Fr 09:00-13:00, 14:00-18:00", vec![nine_to_six(&WEEK)]),
        ("дүйсенбі–жұма 9:00-18:00, үзіліс 13:00-14:00", vec![nine_to_six(&WEEK)]),
        ("Mon–Fri from 9 am to 6 pm, lunch break 1 pm - 2 pm", vec![nine_to_six(&WEEK)]),
        ("с понедельника по пятницу с 9 до 18", vec![at(&WEEK, "09:00", "18:00")]),
        ("дүйсенбіден жұмаға дейін 09:00-18:00", vec![at(&WEEK, "09:00", "18:00")]),
        ("Monday to Friday 9:00-18:00", vec![at(&WEEK, "09:00", "18:00")]),
        ("9:00-18:00 Mon-Fri", vec![at(&WEEK, "09:00", "18:00")]),
        ("с 9 до 18, кроме воскресенья", vec![at(&EXCEPT_SUNDAY, "09:00", "18:00")]),
        ("жексенбіден басқа 09:00-18:00", vec![at(&EXCEPT_SUNDAY, "09:00", "18:00")]),
        ("9:00-18:00 except Sunday", vec![at(&EXCEPT_SUNDAY, "09:00", "18:00")]),
        ("пн-пт 9:00-18:00, сб 10:00-14:00", vec![at(&WEEK, "09:00", "18:00"), at(&[Sa], "10:00", "14:00")]),
        ("сб, вс с 10 до 14", vec![at(&[Sa, Su], "10:00", "14:00")]),
        ("круглосуточно, кроме воскресенья", vec![at(&EXCEPT_SUNDAY, "00:00", "24:00")]),
    ] {
        assert_eq!(read(text), hours(HoursKind::Schedule, schedule, None, Some("+05:00"), text), "{text}");
    }
}

#[test]
fn reads_seasons() {
    let may_october = season((5, None), (10, None));
    let april_october = season((4, Some(1)), (10, Some(31)));
    for (text, s) in [
        ("сезонный (май–октябрь)", may_october.clone()),
        ("сезонный, с мая по октябрь", may_october.clone()),
        ("маусымдық (мамыр-қазан)", may_october.clone()),
        ("seasonal (May to October)", may_october.clone()),
        ("с 1 апреля по 31 октября", april_october.clone()),
        ("1 сәуірден 31 қазанға дейін", april_october.clone()),
        ("from 1 April to 31 October", april_october.clone()),
        ("April 1 - October 31", april_october.clone()),
    ] {
        assert_eq!(read(text), hours(HoursKind::Seasonal, vec![], s, Some("+05:00"), text), "{text}");
    }
    let text = "с 08:00 до 20:00, сезонный (май–октябрь)";
    let want = hours(HoursKind::Schedule, vec![at(&[], "08:00", "20:00")], may_october, Some("+05:00"), text);
    assert_eq!(read(text), want);
    let text = "круглосуточно с 1 апреля по 31 октября";
    assert_eq!(read(text), hours(HoursKind::RoundTheClock, vec![], april_october, Some("+05:00"), text));
    let text = "сезонный, с 9 до 18";
    let want = hours(HoursKind::Seasonal, vec![at(&[], "09:00", "18:00")], None, Some("+05:00"), text);
    assert_eq!(read(text), want, "seasonal, months not said: times kept, season unknown");
}

#[test]
fn takes_the_time_zone_from_the_words_or_the_date() {
    let astana = "с 9 до 18 по времени Астаны";
    let offset = |text: &str, as_of: Option<&str>, region: Option<&str>| {
        parse(text, as_of, region).unwrap().utc_offset.map(|o| o.value)
    };
    assert_eq!(
        offset(astana, Some("2021-05-04"), Some("KZ-47")).as_deref(),
        Some("+06:00"),
        "Astana's clock, not Aktau's"
    );
    assert_eq!(offset(astana, Some("2024-05-04"), None).as_deref(), Some("+05:00"));
    assert_eq!(offset(astana, Some("2024"), None), None, "2024 spans the change: unknown, not guessed");
    assert_eq!(offset("с 9 до 18 (UTC+6)", None, None).as_deref(), Some("+06:00"));
    assert_eq!(offset("с 9 до 18", Some("2021"), Some("KZ-47")).as_deref(), Some("+05:00"));
    assert_eq!(offset("с 9 до 18", Some("2021"), Some("KZ-19")).as_deref(), Some("+06:00"));
    assert_eq!(offset("с 9 до 18", Some("2021"), None), None, "region unknown before 2024");
    assert_eq!(offset("с 9 до 18", None, None), None, "date unknown");
    assert_eq!(offset("круглосуточно", Some("2025"), None), None, "no clock times: no offset");
    assert_eq!(parse(astana, Some("2021"), None).unwrap().source_text.as_deref(), Some(astana));
}

#[test]
fn leaves_unread_what_it_does_not_understand() {
    for text in [
        "Mondays only",
        "по согласованию",
        "с 9 до 18, кроме праздников",
        "9-18",
        "ежедневно",
        "пн-пт",
        "перерыв 13-14",
        "круглосуточно, с 9 до 18",
        "круглосуточно в дневное время",
        "с 18 до 9",
        "с 9 до 25",
        "с 31 апреля по 1 мая",
        "UTC+5, по времени Астаны, с 9 до 18",
        "с 9 до 18, с 8 до 20, с 10 до 12",
    ] {
        let h = read(text);
        assert!(is_unread(&h), "{text}: {h:?}");
        assert_eq!(h.source_text.as_deref(), Some(text));
    }
    assert_eq!(parse("  ", None, None), None);
    let long = "с 9 до 18 ".repeat(200);
    assert!(is_unread(&read(&long)), "too long to read");
}

/// A literal as an owned string, to mix with generated text.
fn lit(s: &'static str) -> Just<String> {
    Just(s.to_string())
}

proptest! {
    #[test]
    fn any_text_ends_quickly_and_keeps_its_words(parts in prop::collection::vec(prop_oneof![
        lit("с "), lit("до "), lit("9"), lit(":"), lit("00"), lit("-"), lit("–"), lit("пн"), lit("кроме "),
        lit("воскресенья"), lit("перерыв "), lit("(май–октябрь)"), lit("1 апреля "), lit("по "), lit("дейін"),
        lit("-ден "), lit("am "), lit("pm "), lit("круглосуточно"), lit("сезонный"), lit("UTC+"), lit(" "),
        "\\PC{0,6}",
    ], 0..60)) {
        let text = parts.concat();
        parse("с 9 до 18", None, None); // the patterns are compiled at their first use
        let start = Instant::now();
        let h = parse(&text, Some("2025"), None);
        prop_assert!(start.elapsed() < Duration::from_secs(1));
        if let Some(h) = h {
            prop_assert!(h.source_text.is_some());
            for o in &h.schedule {
                let (open, close) = (crate::content::hours::parse_time(&o.open), crate::content::hours::parse_time(&o.close));
                prop_assert!(open.is_some() && close.is_some() && open < close, "{h:?}");
            }
        }
    }
}

#[test]
fn a_range_that_reads_as_days_and_months_is_not_guessed() {
    for text in ["01.05–15.09", "сезонный, 01.05-30.09"] {
        let hours = parse(text, None, None).unwrap();
        assert!(is_unread(&hours), "{text}: {hours:?}");
    }
    let times = parse("09.00–18.00", None, None).unwrap();
    assert!(!is_unread(&times), "{times:?}");
    assert!(!is_unread(&parse("8.30-17.45", None, None).unwrap()));
}
