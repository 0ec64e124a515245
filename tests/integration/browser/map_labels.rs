//! The home map stays readable as it fills up: on a 360-pixel phone and a 1280-pixel screen,
//! in every language, no two labels on screen overlap, none runs past the map's edge, enough
//! of them are shown to find one's way, and on the phone every marker is a tap target of at
//! least 24 pixels.

use serde_json::{Value, json};

use super::open;
use crate::webdriver::Browser;

/// The labels on screen, with their boxes, and the markers' smallest tap target, in pixels.
fn measure(browser: &Browser) -> Value {
    browser.eval(
        "const map = document.querySelector('svg.map').getBoundingClientRect();
         const shown = [...document.querySelectorAll('svg.map text.label, svg.map text.country-label')]
           .filter((t) => getComputedStyle(t).display !== 'none')
           .map((t) => { const r = t.getBoundingClientRect();
                         return {text: t.textContent, country: t.classList.contains('country-label'),
                                 x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; });
         const overlaps = [];
         shown.forEach((a, i) => shown.slice(i + 1).forEach((b) => {
           if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5) overlaps.push([a.text, b.text]);
         }));
         const cut = shown.filter((l) => l.x0 < map.left - 0.5 || l.x1 > map.right + 0.5
                                      || l.y0 < map.top - 0.5 || l.y1 > map.bottom + 0.5).map((l) => l.text);
         const taps = [...document.querySelectorAll('svg.map a.marker')].map((a) => {
           const r = a.getBoundingClientRect(); return Math.min(r.width, r.height); });
         return {overlaps, cut, checkpoints: shown.filter((l) => !l.country).length,
                 countries: shown.filter((l) => l.country).length, markers: taps.length, tap: Math.min(...taps)};",
        json!([]),
    )
}

#[test]
fn map_labels_never_overlap_nor_run_past_the_edge_at_six_views() {
    let Some((site, browser)) = open() else { return };
    for (width, height, mobile) in [(360, 800, true), (1280, 900, false)] {
        let metrics = json!({"width": width, "height": height, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile});
        browser.cdp("Emulation.setDeviceMetricsOverride", metrics);
        for prefix in ["", "ru/", "kk/"] {
            browser.goto(&format!("{site}{prefix}index.html"));
            browser.wait_for("return document.readyState === 'complete';", "the home page");
            let m = measure(&browser);
            let view = format!("{width} px, {prefix:?}: {m}");
            assert_eq!(m["overlaps"], json!([]), "{view}");
            assert_eq!(m["cut"], json!([]), "{view}");
            assert!(m["markers"].as_u64().unwrap() >= 40, "the repository's placed records are on the map: {view}");
            let wanted = if mobile { 3 } else { 12 };
            assert!(m["checkpoints"].as_u64().unwrap() >= wanted, "too few checkpoint labels shown: {view}");
            assert!(m["countries"].as_u64().unwrap() >= 3, "{view}");
            if mobile {
                assert!(m["tap"].as_f64().unwrap() >= 24.0, "a marker smaller than a finger: {view}");
            }
        }
    }
    browser.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
}
