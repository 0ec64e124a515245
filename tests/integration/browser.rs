//! End-to-end tests of the built site in headless Chromium: search, filters, the map, keyboard
//! use and a clean console, served over HTTP from a sub-path and from disk; the open-now badge
//! (`hours`), reading offline (`offline`), the layout on a phone (`phone`), the map's labels
//! at six views (`map_labels`), how complete a filtered list is (`completeness`) and WCAG 2.1
//! AA by axe-core (`axe`).
//!
//! Every test here uses one site, built once per test process from the repository's content and
//! `tests/fixtures/browser-site`, one server and one browser session ([`open`]).

mod axe;
mod completeness;
mod hours;
mod map_labels;
mod offline;
mod offline_timeout;
mod phone;

use std::path::PathBuf;
use std::sync::{LazyLock, MutexGuard};

use serde_json::{Value, json};

use crate::static_site::StaticSite;
use crate::util::{Project, process_folder};
use crate::webdriver::{Browser, browser, browser_available};

/// The browser tests' site, built and served.
struct Site {
    /// The built site's folder.
    output: PathBuf,
    /// Its address: the server's, under the published sub-path.
    url: String,
    _server: StaticSite,
    _project: Project,
}

/// The repository's content and the browser fixture's checkpoints, built.
fn fixture_project(project: Project) -> Project {
    let project = project.with_fixture("browser-site");
    project.run(&["build"]).expect_code(0);
    project
}

impl std::fmt::Display for Site {
    /// The site's address, ending in `/`: `format!("{site}index.html")` is the home page's.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url)
    }
}

/// The shared site and the browser, for as long as the test holds the browser; `None` where
/// Chromium is missing (outside CI).
fn open() -> Option<(&'static Site, MutexGuard<'static, Browser>)> {
    static SITE: LazyLock<Site> = LazyLock::new(|| {
        let project = fixture_project(Project::from_repo_in(&process_folder("browser-site")));
        let output = project.path().join("output");
        let server = StaticSite::serve(&output);
        Site { output, url: server.url.clone(), _server: server, _project: project }
    });
    if !browser_available() {
        return None;
    }
    let site = &*SITE;
    Some((site, browser()?))
}

/// The names and links of the search results for `text`, in order, typed into the box.
fn search_results(browser: &Browser, text: &str) -> Vec<(String, String)> {
    browser
        .eval("const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'));", json!([]));
    browser.type_into("#q", text);
    browser.wait_for(
        "const l = document.getElementById('search-results'); return !!l && !l.hidden && l.children.length > 0;",
        &format!("results for {text:?}"),
    );
    let found = browser.eval(
        "return [...document.querySelectorAll('#search-results [role=option] a')].map(a => [a.textContent, a.href]);",
        json!([]),
    );
    serde_json::from_value(found).unwrap()
}

/// The names of the search results for `text`.
fn search(browser: &Browser, text: &str) -> Vec<String> {
    search_results(browser, text).into_iter().map(|(name, _)| name).collect()
}

/// Search cases on the page open in `browser`, a page of the language whose pages are under
/// `prefix`: each finds the right page first, in that language. Khorgos names the road
/// checkpoint (Nur Zholy) and the Chinese side of both it and the railway crossing at Altynkol:
/// the road checkpoint, which is also written Khorgos, comes first.
fn check_search_cases(browser: &Browser, prefix: &str) {
    for (query, first) in [
        ("хоргос", "checkpoints/khorgos/"),
        ("Khorgos", "checkpoints/khorgos/"),
        ("Horgos", "checkpoints/khorgos/"),
        ("Nur Zholy", "checkpoints/khorgos/"),
        ("Нұр жолы", "checkpoints/khorgos/"),
        ("druzhba", "checkpoints/dostyk-rail/"),
        ("майкапчагай", "checkpoints/maykapchagay/"),
        ("Maikapshagai", "checkpoints/maykapchagay/"),
        ("Khorg", "checkpoints/khorgos/"),
        ("cigarettes", "rules/customs/"),
    ] {
        let results = search_results(browser, query);
        let top = results.first().map(|(_, href)| href.as_str()).unwrap_or("");
        assert!(top.ends_with(&format!("/{prefix}{first}index.html")), "{prefix}: {query:?} gave {results:?}");
    }
    let results = search_results(browser, "migration card");
    let documents = format!("/{prefix}rules/documents/index.html");
    assert!(results.iter().any(|(_, href)| href.ends_with(&documents)), "{results:?}");
    let results = search(browser, "zzzzqqq");
    assert!(results.is_empty(), "{results:?}");
}

/// The search cases hold on every language's version of the site: the first result is the
/// right page, in the page's language.
#[test]
fn search_finds_names_in_every_script_and_spelling() {
    let Some((site, browser)) = open() else { return };
    for prefix in ["", "ru/", "kk/"] {
        browser.goto(&format!("{site}{prefix}index.html"));
        check_search_cases(&browser, prefix);
    }
    browser.goto(&format!("{site}index.html"));
    assert_eq!(search(&browser, "Khorgos").first().map(String::as_str), Some("Nur zholy"), "the English name");
    browser.goto(&format!("{site}ru/index.html"));
    assert_eq!(search(&browser, "Khorgos").first().map(String::as_str), Some("Нур Жолы"), "the Russian name");
    let detail =
        browser.eval("return document.querySelector('#search-results .search-detail').textContent;", json!([]));
    assert!(detail.as_str().unwrap().starts_with("Пункт пропуска · Китай"), "{detail}");
}

#[test]
fn search_by_keyboard_and_from_a_sub_path() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("{site}rules/customs/index.html"));
    browser.press("/");
    assert_eq!(browser.eval("return document.activeElement.id;", json!([])), json!("q"), "`/` focuses the search box");
    // The search script, loaded when the box is first focused, makes it a combobox.
    browser.wait_for("return document.getElementById('q').getAttribute('role') === 'combobox';", "the search script");
    search(&browser, "zhelkuar");
    browser.type_into("#q", "\u{E015}");
    let active = browser.eval("return document.getElementById('q').getAttribute('aria-activedescendant');", json!([]));
    assert_eq!(active, json!("sr-0"));
    browser.type_into("#q", "\u{E007}");
    browser.wait_for(
        "return location.pathname.endsWith('/crossings/checkpoints/zhelkuar/index.html');",
        "the result page",
    );
}

#[test]
fn search_works_from_a_folder_opened_from_disk() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("file://{}/checkpoints/khorgos/index.html", site.output.display()));
    let results = search(&browser, "Khorgos");
    assert_eq!(results.first().map(String::as_str), Some("Nur zholy"));
    browser.goto(&format!("file://{}/kk/checkpoints/khorgos/index.html", site.output.display()));
    let results = search_results(&browser, "Khorgos");
    assert!(results[0].1.ends_with("/output/kk/checkpoints/khorgos/index.html"), "{results:?}");
}

#[test]
fn every_filter_shows_only_matching_checkpoints() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("{site}index.html"));
    let total =
        browser.eval("return document.querySelectorAll('.checkpoint-item').length;", json!([])).as_u64().unwrap();
    assert!(total >= 5);
    let fields = browser.eval(
        "return [...new Set([...document.querySelectorAll('form.filters input[type=checkbox]')].map(i => i.name))];",
        json!([]),
    );
    let fields: Vec<String> = serde_json::from_value(fields).unwrap();
    for field in ["border", "modes", "traffic", "hours", "status"] {
        assert!(fields.contains(&field.to_string()), "no {field} filter in {fields:?}");
    }
    for (field, value) in [
        ("border", "KG"),
        ("modes", "road"),
        ("traffic", "cargo"),
        ("hours", "daytime"),
        ("status", "open"),
        ("border", "unknown"),
    ] {
        browser.goto(&format!("{site}index.html"));
        browser.click(&format!("form.filters input[name='{field}'][value='{value}']"));
        let check = browser.eval(
            "const [f, v] = arguments; const items = [...document.querySelectorAll('.checkpoint-item')];
             const shown = items.filter(i => !i.hidden && getComputedStyle(i).display !== 'none');
             const spares = (i) => f === 'status' && v === 'open' && !!i.dataset.openFor;
             return {shown: shown.length, wrong: shown.filter(i => !(i.dataset[f] || '').split(' ').includes(v) && !spares(i)).length,
                     missing: items.filter(i => (i.dataset[f] || '').split(' ').includes(v) && !shown.includes(i)).length,
                     count: document.getElementById('result-count').textContent};",
            json!([field, value]),
        );
        assert_eq!(check["wrong"], json!(0), "{field}={value}: {check}");
        assert_eq!(check["missing"], json!(0), "{field}={value}: {check}");
        let shown = check["shown"].as_u64().unwrap();
        assert!(check["count"].as_str().unwrap().contains(&shown.to_string()), "{check}");
    }
    // Filtering for passengers keeps the checkpoints whose passenger traffic no source states
    // (Korday, listed by the truck queue), marked unknown; "confirmed" keeps only the stated.
    for (value, korday_shown) in [("passenger", true), ("passenger:yes", false)] {
        browser.goto(&format!("{site}index.html"));
        browser.click(&format!("form.filters input[name='traffic'][value='{value}']"));
        let korday = browser.eval(
            "const k = document.querySelector('.checkpoint-item[data-id=korday]');
             return {shown: !k.hidden, unknown: k.querySelector('.fact-unknown')?.textContent || ''};",
            json!([]),
        );
        assert_eq!(korday["shown"], json!(korday_shown), "traffic={value}: {korday}");
        assert!(korday["unknown"].as_str().unwrap().contains("Passengers: unknown"), "{korday}");
    }
    // Syrym, suspended for cars and buses while trucks cross, counts as open for cargo only,
    // and stays under "suspended".
    for (query, syrym_shown) in
        [("status=open&traffic=cargo", true), ("status=open&traffic=passenger", false), ("status=suspended", true)]
    {
        browser.goto(&format!("{site}index.html?{query}"));
        let syrym =
            browser.eval("return !document.querySelector('.checkpoint-item[data-id=syrym]').hidden;", json!([]));
        assert_eq!(syrym, json!(syrym_shown), "{query}");
    }
}

#[test]
fn clicking_a_map_marker_opens_its_page() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("{site}index.html"));
    let markers = browser.eval("return document.querySelectorAll('svg.map a.marker').length;", json!([]));
    assert!(markers.as_u64().unwrap() >= 1, "no marker");
    browser.click("svg.map a.marker[data-id='test-placed']");
    browser.wait_for("return location.pathname.endsWith('/checkpoints/test-placed/index.html');", "the marker's page");
}

#[test]
fn no_page_logs_an_error() {
    let Some((site, browser)) = open() else { return };
    let output = &site.output;
    let mut pages = Vec::new();
    let mut stack = vec![output.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") && !path.ends_with("404.html") {
                pages.push(path.strip_prefix(output).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    pages.sort();
    assert!(pages.len() > 10);
    browser.console();
    for page in &pages {
        browser.goto(&format!("{site}{page}"));
        browser.eval("document.getElementById('q') && document.getElementById('q').focus();", json!([]));
        browser.wait_for("return document.readyState === 'complete';", page);
        let problems: Vec<(String, String)> =
            browser.console().into_iter().filter(|(level, _)| level == "SEVERE" || level == "WARNING").collect();
        assert!(problems.is_empty(), "{page}: {problems:?}");
    }
    let _: Value = browser.eval("return 1;", json!([]));
}
