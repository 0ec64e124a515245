//! The "open now" badge in headless Chromium: `static/hours.js`'s answer for a schedule at
//! fixed moments (open, in the break, closed, before the season), and the badge on real pages,
//! absent where the hours are unknown. The fixture's three test checkpoints have weekday hours
//! with a break, round-the-clock hours from April to October, and unknown hours.

use serde_json::json;

use super::open;
use crate::webdriver::Browser;

/// The badge's text on the open page for its schedule at `moments` (ISO 8601, UTC).
fn badge_at(browser: &Browser, moments: &[&str]) -> Vec<String> {
    let texts = browser.eval(
        "const badge = document.querySelector('.open-now');
         const strings = JSON.parse(document.querySelector('script[src$=\"hours.js\"]').dataset.strings);
         const schedule = JSON.parse(badge.dataset.hours);
         return arguments[0].map(m => window.crossingsHours.text(schedule, new Date(m), strings));",
        json!([moments]),
    );
    serde_json::from_value(texts).unwrap()
}

#[test]
fn the_badge_says_open_or_closed_at_fixed_times() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("{site}checkpoints/test-weekdays/index.html"));
    browser.wait_for("return !!window.crossingsHours;", "hours.js");
    // Wednesday 15 April 2026 on the checkpoint's clock (UTC+5), then Friday evening.
    let texts = badge_at(
        &browser,
        &["2026-04-15T05:00:00Z", "2026-04-15T08:30:00Z", "2026-04-15T15:00:00Z", "2026-04-17T14:00:00Z"],
    );
    assert_eq!(
        texts,
        ["Open now · closes 13:00", "Closed · opens 14:00", "Closed · opens 09:00", "Closed · opens Mon 09:00"]
    );
    browser.goto(&format!("{site}ru/checkpoints/test-weekdays/index.html"));
    browser.wait_for("return !!window.crossingsHours;", "hours.js");
    assert_eq!(badge_at(&browser, &["2026-04-15T05:00:00Z"]), ["Сейчас открыто · закроется в 13:00"]);
    browser.goto(&format!("{site}checkpoints/test-season/index.html"));
    browser.wait_for("return !!window.crossingsHours;", "hours.js");
    let texts = badge_at(&browser, &["2026-03-20T06:00:00Z", "2026-04-01T00:00:00Z", "2026-10-31T18:00:00Z"]);
    assert_eq!(texts, ["Closed · opens 1 April", "Open now · round the clock", "Open now · closes 00:00"]);
    browser.goto(&format!("{site}kk/checkpoints/test-season/index.html"));
    browser.wait_for("return !!window.crossingsHours;", "hours.js");
    assert_eq!(badge_at(&browser, &["2026-03-20T06:00:00Z"]), ["Жабық · ашылады: 1 сәуір"]);
}

#[test]
fn the_badge_shows_on_pages_and_cards_and_never_where_hours_are_unknown() {
    let Some((site, browser)) = open() else { return };
    browser.console();
    let shown = "const b = document.querySelector(arguments[0]);
         if (!b || b.hidden || !b.textContent) return null;
         const strings = JSON.parse(document.querySelector('script[src$=\"hours.js\"]').dataset.strings);
         const now = window.crossingsHours.text(JSON.parse(b.dataset.hours), new Date(), strings);
         return {text: b.textContent, now: now, visible: b.offsetWidth > 0};";
    browser.goto(&format!("{site}checkpoints/test-weekdays/index.html"));
    browser.wait_for("const b = document.querySelector('.open-now'); return !!b && !b.hidden;", "the badge");
    let badge = browser.eval(shown, json!([".open-now"]));
    assert_eq!(badge["visible"], json!(true), "{badge}");
    assert_eq!(badge["text"], badge["now"], "the badge says what the schedule gives for this moment");
    browser.goto(&format!("{site}index.html"));
    browser.wait_for(
        "const b = document.querySelector('[data-id=test-weekdays] .open-now'); return !!b && !b.hidden;",
        "the card's badge",
    );
    let card = browser.eval(shown, json!(["[data-id=test-weekdays] .open-now"]));
    assert_eq!(card["text"], card["now"]);
    assert!(card["text"].as_str().is_some_and(|t| t.starts_with("Open now") || t.starts_with("Closed")), "{card}");
    let none = "return document.querySelectorAll(arguments[0]).length;";
    assert_eq!(browser.eval(none, json!(["[data-id=test-unknown] .open-now"])), json!(0), "no badge without hours");
    browser.goto(&format!("{site}checkpoints/test-unknown/index.html"));
    assert_eq!(browser.eval(none, json!([".open-now, script[src$='hours.js']"])), json!(0), "no badge, no script");
    let problems: Vec<(String, String)> =
        browser.console().into_iter().filter(|(level, _)| level == "SEVERE" || level == "WARNING").collect();
    assert!(problems.is_empty(), "{problems:?}");
}
