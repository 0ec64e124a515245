//! Reading offline: after one visit to the home page the service worker has kept the language's
//! pages, so with the server gone a page never visited, a border's page and search still work;
//! a new build replaces the kept copy whole.

use serde_json::json;

use super::{fixture_project, open, search_results};
use crate::static_site::StaticSite;
use crate::util::Project;
use crate::webdriver::Browser;

/// Wait until the service worker says this language is kept (the footer's note), and return
/// the note.
fn wait_until_kept(browser: &Browser) -> String {
    browser.wait_for_secs("const n = document.getElementById('offline-note'); return !!n && !n.hidden;", "kept", 60);
    browser.eval("return document.getElementById('offline-note').textContent;", json!([])).as_str().unwrap().into()
}

/// The names of the caches the site's worker keeps.
fn cache_names(browser: &Browser) -> Vec<String> {
    serde_json::from_value(browser.eval("return caches.keys();", json!([]))).unwrap()
}

fn build_of(project: &Project) -> String {
    let text = std::fs::read_to_string(project.path().join("output/static/offline.en.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["build"].as_str().unwrap().to_string()
}

#[test]
fn after_one_visit_pages_and_search_work_without_a_network() {
    let Some((shared, browser)) = open() else { return };
    // A server of its own (an origin of its own, which the browser has not kept yet) to take away.
    let server = StaticSite::serve(&shared.output);
    let site = &server.url;
    browser.goto(&format!("{site}index.html"));
    let note = wait_until_kept(&browser);
    assert!(note.starts_with("Available offline: ") && note.contains(" MB"), "{note}");
    let copy = "const c = document.getElementById('offline-copy'); return !c.hidden && c.textContent;";
    assert_eq!(browser.eval(copy, json!([])), json!(false), "online, the page is the network's");

    server.go_offline();
    for (page, title) in [("checkpoints/zhelkuar/index.html", "Zhelkuar"), ("borders/kg/index.html", "Kyrgyzstan")] {
        browser.goto(&format!("{site}{page}"));
        let h1 = browser.eval("return document.querySelector('h1')?.textContent || '';", json!([]));
        assert!(h1.as_str().unwrap().contains(title), "{page} offline: {h1}");
        let shown = browser.eval(copy, json!([]));
        assert!(shown.as_str().is_some_and(|t| t.starts_with("Offline copy of ")), "{page}: {shown}");
    }
    let results = search_results(&browser, "Khorgos");
    assert!(results[0].1.ends_with("/crossings/checkpoints/khorgos/index.html"), "{results:?}");
    browser.goto(&format!("{site}ru/index.html"));
    let page = browser.eval("return !!document.getElementById('offline-copy');", json!([]));
    assert_eq!(page, json!(false), "Russian pages were not kept by an English visit");
}

#[test]
fn a_new_build_replaces_the_kept_copy_whole() {
    let Some((_, browser)) = open() else { return };
    // A build of its own to build again, on a server of its own.
    let project = fixture_project(Project::from_repo());
    let server = StaticSite::serve(&project.path().join("output"));
    let site = &server.url;
    browser.goto(&format!("{site}index.html"));
    wait_until_kept(&browser);
    let first = build_of(&project);
    assert_eq!(cache_names(&browser).len(), 1);
    assert!(cache_names(&browser)[0].ends_with(&first));

    let file = "content/checkpoints/test-placed.yaml";
    let text = std::fs::read_to_string(project.path().join(file)).unwrap();
    project.write(file, text.replace("Placed Test", "Renamed Test"));
    project.run(&["build"]).expect_code(0);
    let second = build_of(&project);
    assert_ne!(first, second);
    // Opening a page makes the browser look for a new worker; it keeps the same language anew,
    // then the old cache goes.
    browser.goto(&format!("{site}index.html"));
    let only_new = format!("return caches.keys().then(k => k.length === 1 && k[0].endsWith('{second}'));");
    browser.wait_for_secs(&only_new, "only the new build's cache", 60);
    server.go_offline();
    browser.goto(&format!("{site}checkpoints/test-placed/index.html"));
    let h1 = browser.eval("return document.querySelector('h1')?.textContent || '';", json!([]));
    assert!(h1.as_str().unwrap().contains("Renamed Test"), "{h1}");
}
