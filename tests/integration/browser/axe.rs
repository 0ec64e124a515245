//! WCAG 2.1 AA, checked by axe-core in Chromium on each kind of page in every language: the home
//! page, a checkpoint, a border and a rule.
//!
//! axe-core is not kept in the repository: `.ci/run` installs it with npm and names its script
//! in `CROSSINGS_AXE`; without that variable the test looks where `.ci/run` installs it. It is
//! run through WebDriver's script execution, which the pages' CSP does not govern.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::open;
use crate::webdriver::Browser;

/// The pages checked, under each language's root.
const PAGES: [&str; 4] =
    ["index.html", "checkpoints/khorgos/index.html", "borders/kg/index.html", "rules/customs/index.html"];

/// Where `.ci/run` installs axe-core's script.
fn axe_path() -> PathBuf {
    if let Some(path) = std::env::var_os("CROSSINGS_AXE") {
        return path.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache"));
    cache.join("crossings-axe/node_modules/axe-core/axe.min.js")
}

/// axe-core's script; `None` (and a note) where it is missing outside CI, a failure under CI=true.
fn axe_script() -> Option<String> {
    let path = axe_path();
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(e) => {
            let install = "npm install --prefix \"${XDG_CACHE_HOME:-$HOME/.cache}/crossings-axe\" axe-core@4";
            let message = format!(
                "axe-core not found at {} ({e}): install it with `{install}` (.ci/run does), or name its axe.min.js in CROSSINGS_AXE",
                path.display()
            );
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
            eprintln!("accessibility test not run: {message}");
            None
        }
    }
}

/// The WCAG 2.1 A and AA violations axe-core finds on the open page, one line each: the rule,
/// what it asks for, and the elements that fail it.
fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.wait_for("return document.readyState === 'complete';", "the page to load");
    if browser.eval("return typeof window.axe;", json!([])) != json!("object") {
        browser.eval(&format!("{axe}\n;return true;"), json!([]));
    }
    let found = browser.eval(
        "return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
           .then((r) => ({passed: r.passes.length, violations: r.violations.map((v) =>
             ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' '))}))}));",
        json!([]),
    );
    assert!(found["passed"].as_u64().is_some_and(|n| n > 10), "axe checked next to nothing: {found}");
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or("?").to_string();
    let line = |v: &Value| format!("{}: {} at {}", text(v, "id"), text(v, "help"), v["nodes"]);
    found["violations"].as_array().expect("axe's violations").iter().map(line).collect()
}

#[test]
fn every_kind_of_page_meets_wcag_2_1_aa_in_every_language() {
    let Some(axe) = axe_script() else { return };
    let Some((site, browser)) = open() else { return };
    let mut failures = Vec::new();
    for prefix in ["", "ru/", "kk/"] {
        for page in PAGES {
            browser.goto(&format!("{site}{prefix}{page}"));
            failures.extend(violations(&browser, &axe).into_iter().map(|v| format!("{prefix}{page}: {v}")));
        }
    }
    assert!(failures.is_empty(), "WCAG 2.1 AA violations:\n{}", failures.join("\n"));
}
