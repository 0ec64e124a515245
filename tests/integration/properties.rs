//! Property-based tests: arbitrary input never panics the YAML loader or the
//! Markdown renderer and finishes within a bound; a loaded record saved and loaded again is
//! equal; rendered Markdown never carries live script. `PROPTEST_CASES=10000 cargo test
//! properties` runs a larger budget.

use std::time::{Duration, Instant};

use crossings::content::{
    Border, Break, Checkpoint, Classification, Classified, Contact, ContactKind, Counterpart, Fact, Facts, Hours,
    HoursKind, LocalizedText, Location, Mode, MonthDay, Opening, Precision, Season, SourceRef, Status, StatusState,
    Traffic, Weekday,
};
use crossings::render::markdown;
use crossings::yaml::{self, Spanned};
use proptest::prelude::*;

/// How long one input may take.
const BOUND: Duration = Duration::from_secs(2);

/// Text built from YAML's punctuation and our field names, so inputs reach deep into the parser.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("id"),
        Just("name"),
        Just("en"),
        Just("aliases"),
        Just("location"),
        Just("lat"),
        Just("notes"),
        Just(": "),
        Just(":"),
        Just("- "),
        Just("\n"),
        Just("  "),
        Just("\t"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just(","),
        Just("&a "),
        Just("*a"),
        Just("!!str "),
        Just("!tag "),
        Just("'"),
        Just("\""),
        Just("#"),
        Just("|"),
        Just(">"),
        Just("---\n"),
        Just("..."),
        Just("? "),
        Just("<<: "),
        Just("95"),
        Just("1e999"),
        Just("null"),
        Just("~"),
        Just("\u{feff}"),
        Just("\u{202e}"),
        Just("х"),
        Just("\\u0000"),
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

/// A literal as an owned string, to mix with generated text.
fn lit(s: &'static str) -> Just<String> {
    Just(s.to_string())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z ]{1,12}", "[а-яА-ЯәғқңөұүһіӘҒҚ ]{1,12}", "\\PC{1,12}"]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn localized() -> impl Strategy<Value = LocalizedText> {
    (opt_text(), opt_text(), opt_text()).prop_map(|(en, ru, kk)| LocalizedText { en, ru, kk })
}

fn spanned<T: std::fmt::Debug + Clone>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Spanned<T>> {
    s.prop_map(Spanned::new)
}

fn fact() -> impl Strategy<Value = Fact> {
    prop::sample::select(Fact::ALL.to_vec())
}

fn time() -> impl Strategy<Value = Spanned<String>> {
    spanned("(([01][0-9])|(2[0-3])):[0-5][0-9]")
}

/// Hours of every kind, with openings, breaks, seasons and offsets.
fn hours() -> impl Strategy<Value = Hours> {
    let opening = (
        prop::collection::vec(prop::sample::select(Weekday::ALL.to_vec()), 0..4),
        time(),
        time(),
        prop::option::of((time(), time()).prop_map(|(start, end)| Break { start, end })),
    )
        .prop_map(|(days, open, close, pause)| Opening { days, open, close, pause });
    let day = (1..=12u32, prop::option::of(1..=31u32)).prop_map(|(month, day)| Spanned::new(MonthDay { month, day }));
    (
        prop::option::of(prop::sample::select(HoursKind::ALL.to_vec())),
        prop::collection::vec(opening, 0..3),
        prop::option::of((day.clone(), day).prop_map(|(from, to)| Season { from, to })),
        prop::option::of(spanned(prop::sample::select(vec!["+05:00".to_string(), "+06:00".to_string()]))),
        opt_text(),
    )
        .prop_map(|(kind, schedule, season, utc_offset, source_text)| Hours {
            kind,
            schedule,
            season,
            utc_offset,
            source_text,
        })
}

fn checkpoint() -> impl Strategy<Value = Checkpoint> {
    let head =
        (
            spanned("[a-z][a-z0-9-]{0,20}"),
            spanned(localized()),
            prop::collection::vec(spanned(text()), 0..3),
            prop::option::of(spanned(prop::sample::select(Border::ALL.to_vec()))),
            prop::option::of((prop::option::of(spanned("[A-Z]{2}")), prop::option::of(localized())).prop_map(
                |(country, name)| Counterpart { country, name, aliases: vec![], hours: None, location: None },
            )),
            prop::collection::vec((prop::sample::select(vec![Mode::Road, Mode::Rail, Mode::Sea]), fact()), 0..3)
                .prop_map(Facts::from_pairs),
            prop::collection::vec((prop::sample::select(vec![Traffic::Passenger, Traffic::Cargo]), fact()), 0..2)
                .prop_map(Facts::from_pairs),
        );
    let tail = (
        prop::option::of(
            (
                prop::option::of(prop::sample::select(vec![Classification::International, Classification::Bilateral])),
                opt_text(),
            )
                .prop_map(|(kind, source_text)| Classified { kind, source_text }),
        ),
        prop::option::of(hours().prop_map(Spanned::new)),
        prop::option::of((prop::sample::select(vec![StatusState::Open, StatusState::Closed]), opt_text()).prop_map(
            |(state, note)| Status {
                state: Spanned::new(state),
                since: None,
                until: None,
                approximate: false,
                concerns: Vec::new(),
                note,
            },
        )),
        prop::option::of((opt_text(), opt_text(), prop::option::of((-90.0..90.0f64, -180.0..180.0f64))).prop_map(
            |(district, settlement, at)| Location {
                region: None,
                district,
                settlement,
                source_text: None,
                lat: at.map(|a| Spanned::new(a.0)),
                lon: at.map(|a| Spanned::new(a.1)),
                precision: at.map(|_| Precision::Approximate),
            },
        )),
        prop::collection::vec(
            spanned("\\+7 [0-9]{3} [0-9]{4}").prop_map(|value| Contact {
                kind: ContactKind::Phone,
                value,
                label: None,
            }),
            0..2,
        ),
        prop::option::of(spanned("\\PC{0,200}")),
        prop::collection::vec(
            (prop::option::of(spanned("https://[a-z]{1,10}\\.kz/[a-z]{0,5}")), opt_text()).prop_map(|(url, title)| {
                SourceRef {
                    source: None,
                    url,
                    title,
                    publisher: None,
                    language: None,
                    as_of: Some(Spanned::new("2025-12".into())),
                    retrieved: Some(Spanned::new("2026-01-02".into())),
                    supports: vec![Spanned::new("name".into())],
                }
            }),
            0..2,
        ),
    );
    (head, tail).prop_map(
        |(
            (id, name, aliases, border, counterpart, modes, traffic),
            (classification, hours, status, location, contacts, notes, sources),
        )| {
            Checkpoint {
                id,
                name,
                aliases,
                border,
                counterpart,
                modes,
                traffic,
                open_to: None,
                classification,
                hours,
                status,
                operating: Vec::new(),
                e_queue: None,
                location,
                contacts,
                notes,
                also_stated: Vec::new(),
                same_place: Vec::new(),
                sources,
                last_verified: None,
                verified_against: None,
            }
        },
    )
}

/// What in `html` could run script, if anything: a script-bearing element, an event handler
/// attribute, or a URL attribute with a script or data scheme. (Text that merely reads
/// "javascript:" runs nothing.)
fn live_script(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(html);
    let all = scraper::Selector::parse("*").unwrap();
    for element in doc.select(&all) {
        let name = element.value().name();
        if ["script", "iframe", "svg", "style", "form", "object", "embed", "math"].contains(&name) {
            return Some(format!("<{name}>"));
        }
        for (attr, value) in element.value().attrs() {
            let value: String =
                value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
            if attr.starts_with("on") {
                return Some(format!("handler {attr}"));
            }
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr)
                && ["javascript:", "data:", "vbscript:"].iter().any(|s| value.starts_with(s))
            {
                return Some(format!("{attr}={value}"));
            }
        }
    }
    None
}

proptest! {
    #[test]
    fn the_yaml_loader_never_panics(input in prop_oneof![yamlish(), "\\PC{0,300}", any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned())]) {
        let start = Instant::now();
        let _ = yaml::from_str::<Checkpoint>(&input);
        let _ = yaml::from_str::<serde_json::Value>(&input);
        prop_assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
    }

    #[test]
    fn a_saved_record_loads_back_equal(record in checkpoint()) {
        let text = yaml::to_string(&record).expect("serialise");
        let loaded: Checkpoint = yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert_eq!(loaded, record);
    }

    #[test]
    fn markdown_renders_without_live_script(parts in prop::collection::vec(prop_oneof![
        lit("<script>alert(1)</script>"), lit("[x](javascript:alert(1))"), lit("[y](JAVASCRIPT:x)"), lit("<a href=\"javascript:x\">"),
        lit("<img src=x onerror=alert(1)>"), lit("[z](data:text/html,x)"), lit("![i](javascript:x)"), lit("<svg onload=x>"),
        lit("<iframe src=x>"), lit("[t]: javascript:x\n[t]"), lit("\n- "), lit("\n\n"), lit("**"), lit("`"), lit("<"), lit("&"),
        lit("java\tscript:"), lit("<style>"), lit("<form action=x>"), "\\PC{0,20}",
    ], 0..40)) {
        let input = parts.concat();
        let start = Instant::now();
        let html = markdown::to_html(&input, &|d| d.to_string());
        prop_assert!(start.elapsed() < BOUND);
        if let Some(problem) = live_script(&html) {
            return Err(TestCaseError::fail(format!("{problem} in {html}")));
        }
    }
}
