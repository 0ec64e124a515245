//! The layout on a 360x800 phone and a 1280x900 screen, in every language: a one-bar header
//! with search at hand, the home page's first checkpoint on the first screen with the filters
//! folded, readable map labels that no button covers, search results counted aloud, and the
//! search box's placeholder whole.

use serde_json::{Value, json};

use super::open;
use crate::webdriver::Browser;

/// Make the page a phone's: 360x800 CSS pixels, touch, high density (until the browser is lent
/// to the next test).
fn as_phone(browser: &Browser) {
    let metrics = json!({"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": true});
    browser.cdp("Emulation.setDeviceMetricsOverride", metrics);
}

/// What the phone layout checks measure on the page open in `browser`.
fn measure(browser: &Browser) -> Value {
    browser.eval(
        "const r = (s) => document.querySelector(s).getBoundingClientRect();
         const svg = r('svg.map'), zoom = r('.map-zoom');
         const labels = [...document.querySelectorAll('svg.map text.country-label')]
           .filter((t) => getComputedStyle(t).display !== 'none').map((t) => t.getBoundingClientRect().height);
         return {header: r('.site-header').height, first: r('.checkpoint-item h3').bottom, screen: innerHeight,
                 wide: document.documentElement.scrollWidth, folded: !document.querySelector('details.filter-box').open,
                 zoomBelowMap: zoom.top >= svg.bottom, labels,
                 live: document.getElementById('search-status').getAttribute('aria-live')};",
        json!([]),
    )
}

#[test]
fn on_a_phone_the_list_starts_on_the_first_screen() {
    let Some((site, browser)) = open() else { return };
    as_phone(&browser);
    for prefix in ["", "ru/", "kk/"] {
        browser.goto(&format!("{site}{prefix}index.html"));
        let m = measure(&browser);
        assert!(m["header"].as_f64().unwrap() <= 64.0, "{prefix}: the header is one bar: {m}");
        assert!(m["first"].as_f64().unwrap() <= m["screen"].as_f64().unwrap(), "{prefix}: first checkpoint: {m}");
        assert_eq!(m["wide"], json!(360), "{prefix}: nothing wider than the screen: {m}");
        assert_eq!(m["folded"], json!(true), "{prefix}: {m}");
        assert_eq!(m["zoomBelowMap"], json!(true), "{prefix}: {m}");
        assert_eq!(m["live"], json!("polite"), "{prefix}: {m}");
        let labels = m["labels"].as_array().unwrap();
        assert!(labels.len() >= 3 && labels.iter().all(|h| h.as_f64().unwrap() >= 12.0), "{prefix}: {m}");
    }
    // One button opens the search box, focused; the filters' button says how many are on.
    browser.goto(&format!("{site}index.html"));
    browser.click("button[data-toggle=search]");
    assert_eq!(browser.eval("return document.activeElement.id;", json!([])), json!("q"));
    browser.type_into("#q", "zzzzqqq");
    browser.wait_for("return document.getElementById('search-status').textContent === 'No results';", "no results");
    browser.eval("const q = document.getElementById('q'); q.value = '';", json!([]));
    browser.type_into("#q", "Khorgos");
    browser.wait_for("return /^Results: \\d+$/.test(document.getElementById('search-status').textContent);", "count");
    browser.goto(&format!("{site}index.html"));
    browser.click("details.filter-box summary");
    browser.click("form.filters input[name='border'][value='KG']");
    browser.click("form.filters input[name='modes'][value='road']");
    let badge = browser.eval("return document.getElementById('filter-count').textContent;", json!([]));
    assert_eq!(badge, json!("(2 on)"));
}

#[test]
fn the_search_placeholder_shows_whole_on_a_wide_screen() {
    let Some((site, browser)) = open() else { return };
    for prefix in ["", "ru/", "kk/"] {
        browser.goto(&format!("{site}{prefix}checkpoints/khorgos/index.html"));
        let fit = browser.eval(
            "const q = document.getElementById('q'), s = getComputedStyle(q);
             const c = document.createElement('canvas').getContext('2d');
             c.font = s.font;
             const room = q.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
             return {text: c.measureText(q.placeholder).width, room};",
            json!([]),
        );
        assert!(fit["text"].as_f64().unwrap() <= fit["room"].as_f64().unwrap(), "{prefix}: {fit}");
    }
}
