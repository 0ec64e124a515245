//! A filter that finds nothing is not taken for "no such checkpoint": the home page says how
//! many checkpoints the list holds on the borders chosen against the official count, and that
//! one may be missing; the truck e-queue filter keeps only the checkpoints where trucks book.

use serde_json::json;

use super::open;

#[test]
fn an_empty_result_says_the_list_is_not_complete_for_the_borders_chosen() {
    let Some((site, browser)) = open() else { return };
    browser.goto(&format!("{site}index.html"));
    let before =
        browser.eval("return document.querySelector('#completeness .completeness-text').textContent;", json!([]));
    browser.eval("document.querySelector('details.filter-box').open = true;", json!([]));
    browser.click("form.filters input[name='border'][value='RU']");
    browser.click("form.filters input[name='modes'][value='air']");
    let seen = browser.eval(
        "const e = document.getElementById('result-empty');
         return {shown: document.querySelectorAll('.checkpoint-item:not([hidden])').length,
                 empty: !e.hidden, incomplete: !e.querySelector('.incomplete').hidden, text: e.textContent,
                 count: document.querySelector('#completeness .completeness-text').textContent,
                 borders: document.getElementById('completeness').dataset.borders};",
        json!([]),
    );
    assert_eq!(seen["shown"], json!(0), "{seen}");
    assert_eq!(seen["empty"], json!(true), "{seen}");
    let borders = seen["borders"].as_str().unwrap();
    let ru: Vec<u64> = borders
        .split(',')
        .find(|t| t.starts_with("RU "))
        .unwrap()
        .split(' ')
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect();
    let count = seen["count"].as_str().unwrap();
    assert!(count.contains(&format!("on this list: {}; by the official count: {}.", ru[0], ru[1])), "{seen}");
    assert_eq!(seen["incomplete"], json!(ru[0] < ru[1]), "the caveat shows only while the list is short: {seen}");
    // Clearing the border goes back to the whole list's count.
    browser.click("form.filters input[name='border'][value='RU']");
    let after =
        browser.eval("return document.querySelector('#completeness .completeness-text').textContent;", json!([]));
    assert_eq!(after, before);
    // The e-queue filter keeps only the checkpoints where trucks book.
    browser.goto(&format!("{site}index.html"));
    browser.eval("document.querySelector('details.filter-box').open = true;", json!([]));
    browser.click("form.filters input[name='equeue'][value='yes']");
    let queue = browser.eval(
        "const shown = [...document.querySelectorAll('.checkpoint-item')].filter((i) => !i.hidden);
         return {shown: shown.length, wrong: shown.filter((i) => i.dataset.equeue !== 'yes').length,
                 bidaik: shown.some((i) => i.dataset.id === 'bidaik')};",
        json!([]),
    );
    assert!(queue["shown"].as_u64().unwrap() >= 20, "{queue}");
    assert_eq!(queue["wrong"], json!(0), "{queue}");
    assert_eq!(queue["bidaik"], json!(true), "{queue}");
}
