//! `crossings serve` in headless Chromium: the reload script runs under the pages' CSP, a save
//! reloads the open page, refused content shows the overlay, and a fix removes it.

use serde_json::json;

use super::Server;
use crate::util::Project;
use crate::webdriver::{browser, browser_available};

const FILE: &str = "content/checkpoints/serve-test.yaml";

fn checkpoint(name: &str, border: &str) -> String {
    format!("id: serve-test\nname: {{en: {name}}}\nborder: {border}\n")
}

#[test]
fn open_pages_reload_on_save_and_show_problems_until_fixed() {
    if !browser_available() {
        return;
    }
    let project = Project::from_repo();
    let server = Server::start(&project);
    let Some(browser) = browser() else { return };
    browser.goto(&format!("http://{}/crossings/checkpoints/index.html", server.host));
    browser.eval("window.crossingsMarker = true;", json!([]));

    project.write(FILE, checkpoint("Preview Test", "CN"));
    browser.wait_for(
        "return !window.crossingsMarker && document.body.textContent.includes('Preview Test');",
        "the page to reload with the new checkpoint",
    );

    project.write(FILE, checkpoint("Preview Test", "XX"));
    browser.wait_for(
        "const o = document.getElementById('crossings-serve-problems'); \
         return !!o && o.textContent.includes('serve-test.yaml:3:9') && o.textContent.includes('XX');",
        "the overlay naming the file, line and column",
    );
    let kept = browser.eval("return document.body.textContent.includes('Preview Test');", json!([]));
    assert_eq!(kept, json!(true), "the last good build stays under the overlay");

    project.write(FILE, checkpoint("Preview Fixed", "CN"));
    browser.wait_for(
        "return !document.getElementById('crossings-serve-problems') \
         && document.body.textContent.includes('Preview Fixed');",
        "the fix to reload the page without the overlay",
    );
    let blocked: Vec<_> =
        browser.console().into_iter().filter(|(_, m)| m.contains("Content Security Policy")).collect();
    assert!(blocked.is_empty(), "the CSP blocked something: {blocked:?}");
}
