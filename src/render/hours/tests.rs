//! The OpenStreetMap strings, the words in three languages and the badge's JSON.

use std::sync::OnceLock;

use super::*;
use crate::content::{Break, Content};
use crate::yaml::Spanned;

fn s(t: &str) -> Spanned<String> {
    Spanned::new(t.to_string())
}

fn at(days: &[Weekday], open: &str, close: &str, pause: Option<(&str, &str)>) -> Opening {
    Opening {
        days: days.to_vec(),
        open: s(open),
        close: s(close),
        pause: pause.map(|(a, b)| Break { start: s(a), end: s(b) }),
    }
}

fn season(from: (u32, Option<u32>), to: (u32, Option<u32>)) -> Option<Season> {
    let md = |(month, day)| Spanned::new(MonthDay { month, day });
    Some(Season { from: md(from), to: md(to) })
}

fn hours(kind: HoursKind, schedule: Vec<Opening>, season: Option<Season>, offset: Option<&str>) -> Hours {
    Hours { kind: Some(kind), schedule, season, utc_offset: offset.map(s), source_text: None }
}

use crate::content::Weekday::*;
const WEEK: [Weekday; 5] = [Mo, Tu, We, Th, Fr];

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        crate::content::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))).unwrap().content
    })
}

#[test]
fn writes_opening_hours_for_openstreetmap() {
    let lunch = Some(("13:00", "14:00"));
    for (h, want) in [
        (hours(HoursKind::RoundTheClock, vec![], None, None), Some("24/7")),
        (
            hours(HoursKind::Schedule, vec![at(&WEEK, "09:00", "18:00", lunch)], None, None),
            Some("Mo-Fr 09:00-13:00,14:00-18:00"),
        ),
        (
            hours(
                HoursKind::Schedule,
                vec![at(&[], "08:00", "20:00", None)],
                season((4, Some(1)), (10, Some(31))),
                Some("+05:00"),
            ),
            Some("Apr 01-Oct 31: 08:00-20:00"),
        ),
        (
            hours(HoursKind::Schedule, vec![at(&[], "08:00", "20:00", None)], season((5, None), (10, None)), None),
            Some("May-Oct: 08:00-20:00"),
        ),
        (
            hours(HoursKind::Schedule, vec![at(&[Mo, Tu, We, Th, Fr, Sa], "09:00", "18:00", None)], None, None),
            Some("Mo-Sa 09:00-18:00"),
        ),
        (
            hours(
                HoursKind::Schedule,
                vec![at(&WEEK, "09:00", "18:00", None), at(&[Sa, Su], "10:00", "14:00", None)],
                None,
                None,
            ),
            Some("Mo-Fr 09:00-18:00; Sa,Su 10:00-14:00"),
        ),
        (
            hours(HoursKind::Schedule, vec![at(&[Mo, We, Fr], "09:00", "12:00", None)], None, None),
            Some("Mo,We,Fr 09:00-12:00"),
        ),
        (
            hours(HoursKind::RoundTheClock, vec![], season((11, None), (3, None)), Some("+05:00")),
            Some("Nov-Mar: 00:00-24:00"),
        ),
        (
            hours(HoursKind::Schedule, vec![at(&[], "08:00", "20:00", None)], season((5, None), (10, Some(15))), None),
            Some("May 01-Oct 15: 08:00-20:00"),
        ),
        (hours(HoursKind::Daytime, vec![], None, None), None),
        (hours(HoursKind::Seasonal, vec![], season((5, None), (10, None)), None), None),
        (Hours::default(), None),
    ] {
        assert_eq!(osm(&h).as_deref(), want, "{h:?}");
    }
}

#[test]
fn says_the_schedule_in_three_languages() {
    let h = hours(
        HoursKind::Schedule,
        vec![at(&WEEK, "09:00", "18:00", Some(("13:00", "14:00"))), at(&[Sa], "10:00", "14:00", None)],
        season((4, Some(1)), (10, Some(31))),
        Some("+05:00"),
    );
    for (lang, want) in [
        ("en", "Mon–Fri 09:00–18:00, break 13:00–14:00; Sat 10:00–14:00 · 1 April – 31 October · UTC+5"),
        ("ru", "Пн–Пт 09:00–18:00, перерыв 13:00–14:00; Сб 10:00–14:00 · с 1 апреля по 31 октября · UTC+5"),
        ("kk", "Дс–Жм 09:00–18:00, үзіліс 13:00–14:00; Сб 10:00–14:00 · 1 сәуір – 31 қазан · UTC+5"),
    ] {
        assert_eq!(words(&h, &Ui::new(content(), lang)).as_deref(), Some(want), "{lang}");
    }
    let daily = hours(HoursKind::Schedule, vec![at(&[], "08:00", "20:00", None)], None, None);
    let en = Ui::new(content(), "en");
    assert_eq!(words(&daily, &en).as_deref(), Some("every day 08:00–20:00 · time zone not given"));
    let ru = Ui::new(content(), "ru");
    assert_eq!(words(&daily, &ru).as_deref(), Some("ежедневно 08:00–20:00 · часовой пояс не указан"));
    let may = hours(HoursKind::Seasonal, vec![], season((5, None), (10, None)), Some("+06:00"));
    assert_eq!(words(&may, &en).as_deref(), Some("1 May – 31 October · UTC+6"));
    assert_eq!(words(&hours(HoursKind::RoundTheClock, vec![], None, None), &en), None, "the kind's label says it all");
}

/// A season to the end of February was written as ending on the 28th while the badge kept it
/// open on the 29th: the words and the badge now end it on the same day.
#[test]
fn a_season_to_the_end_of_february_ends_on_the_same_day_in_words_and_in_the_badge() {
    let winter = hours(HoursKind::RoundTheClock, vec![], season((12, None), (2, None)), Some("+05:00"));
    let en = Ui::new(content(), "en");
    assert_eq!(words(&winter, &en).as_deref(), Some("1 December – 29 February · UTC+5"));
    let badge: serde_json::Value = serde_json::from_str(&badge_json(&winter).unwrap()).unwrap();
    assert_eq!(badge["season"], serde_json::json!([[12, 1], [2, 29]]));
    let to_day = hours(HoursKind::RoundTheClock, vec![], season((12, None), (2, Some(28))), Some("+05:00"));
    assert_eq!(words(&to_day, &en).as_deref(), Some("1 December – 28 February · UTC+5"), "a day given is kept");
}

#[test]
fn gives_the_badge_a_week_of_intervals() {
    let h = hours(
        HoursKind::Schedule,
        vec![at(&WEEK, "09:00", "18:00", Some(("13:00", "14:00")))],
        season((5, None), (10, None)),
        Some("+05:00"),
    );
    let want = r#"{"season":[[5,1],[10,31]],"utc":300,"week":[[[540,780],[840,1080]],[[540,780],[840,1080]],[[540,780],[840,1080]],[[540,780],[840,1080]],[[540,780],[840,1080]],[],[]]}"#;
    assert_eq!(badge_json(&h).as_deref(), Some(want));
    let round = hours(HoursKind::RoundTheClock, vec![], None, None);
    assert_eq!(
        badge_json(&round).as_deref(),
        Some(
            r#"{"season":null,"utc":null,"week":[[[0,1440]],[[0,1440]],[[0,1440]],[[0,1440]],[[0,1440]],[[0,1440]],[[0,1440]]]}"#
        )
    );
    let no_zone = hours(HoursKind::Schedule, vec![at(&[], "08:00", "20:00", None)], None, None);
    assert_eq!(badge_json(&no_zone), None, "the clock's zone unknown: no badge");
    assert_eq!(badge_json(&hours(HoursKind::Daytime, vec![], None, Some("+05:00"))), None);
}

#[test]
fn gives_the_script_its_texts() {
    let strings: serde_json::Value = serde_json::from_str(&badge_strings(&Ui::new(content(), "kk"))).unwrap();
    assert_eq!(strings["days"][0], "Дс");
    assert_eq!(strings["months"][3], "сәуір");
    assert!(strings["texts"]["now_closes"].as_str().unwrap().contains("{time}"), "{strings}");
}
