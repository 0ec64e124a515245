//! What the site states is as strong as its sources: yes, no or unknown per value, every fact
//! dated and attributed (publishers named in their letters' language), disagreements shown,
//! the seed page's prose not republished.

use std::path::PathBuf;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::build::repo_site;
use crate::util::Project;

fn page(tree: &std::collections::BTreeMap<PathBuf, Vec<u8>>, path: &str) -> Html {
    Html::parse_document(&String::from_utf8_lossy(&tree[&PathBuf::from(path)]))
}

fn text_of(doc: &Html, selector: &str) -> Vec<String> {
    let s = Selector::parse(selector).unwrap();
    doc.select(&s).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn exports_state_every_value_and_date_every_source() {
    let tree = repo_site();
    let json: Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.json")]).unwrap();
    let records = json["checkpoints"].as_array().unwrap();
    for r in records {
        for (field, values) in [("modes", 6), ("traffic", 2)] {
            let facts = r[field].as_object().unwrap_or_else(|| panic!("{}: {field} is not an object", r["id"]));
            assert_eq!(facts.len(), values, "{}: {field}", r["id"]);
            assert!(facts.values().all(|v| ["yes", "no", "unknown"].contains(&v.as_str().unwrap())));
        }
        for s in r["sources"].as_array().unwrap() {
            let entry = s.as_object().unwrap();
            assert!(entry.contains_key("as_of") && entry.contains_key("retrieved"), "{}: {s}", r["id"]);
        }
        assert_eq!(r.get("last_verified").is_some(), r.get("verified_against").is_some(), "{}", r["id"]);
    }
    let korday = records.iter().find(|r| r["id"] == "korday").unwrap();
    assert_eq!(korday["traffic"]["passenger"], "unknown", "the truck queue says nothing of passengers");
    assert_eq!(korday["traffic"]["cargo"], "yes");
    assert_eq!(korday["sources"][0]["as_of"], "2026-07-06");

    let csv = String::from_utf8(tree[&PathBuf::from("data/checkpoints.csv")].clone()).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().find(|l| l.starts_with("korday,")).unwrap().split(',').collect();
    let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((cell("traffic_passenger"), cell("traffic_cargo"), cell("mode_road")), ("unknown", "yes", "yes"));

    let geo: Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.geojson")]).unwrap();
    let feature = geo["features"].as_array().unwrap().iter().find(|f| f["id"] == "korday").unwrap();
    assert_eq!(feature["properties"]["traffic"]["passenger"], "unknown");
}

#[test]
fn checkpoint_pages_say_what_is_unknown_and_cite_each_fact_with_its_date() {
    let tree = repo_site();
    let korday = page(tree, "checkpoints/korday/index.html");
    let traffic = text_of(&korday, "dl.facts dd");
    assert!(traffic.iter().any(|t| t.contains("Passengers: unknown") && t.contains("Cargo: yes")), "{traffic:?}");
    // Each cited fact names its sources, newest first, with the date each describes.
    let cites: Vec<String> =
        text_of(&korday, "dl.facts small.cite").into_iter().filter(|c| !c.contains("more")).collect();
    assert!(!cites.is_empty());
    assert!(cites.iter().all(|c| c.matches("as of").count() == c.split("; ").count()), "{cites:?}");
    assert!(
        cites.iter().any(|c| c.starts_with("Kazakhstan's truck e-queue (via a public scraper), as of 6 July 2026")),
        "{cites:?}"
    );
    // The seed page describes 2021: its facts are marked as possibly out of date.
    let dostyk = page(tree, "checkpoints/dostyk-rail/index.html");
    let cites = text_of(&dostyk, "dl.facts small.cite");
    assert!(
        cites.iter().any(|c| c.contains("tpk-pravo.ru, as of 2021") && c.contains("may be out of date")),
        "{cites:?}"
    );
    // Editors' provenance notes stay on the Data page.
    let html = String::from_utf8_lossy(&tree[&PathBuf::from("checkpoints/korday/index.html")]).into_owned();
    assert!(!html.contains("420936cd"), "commit hashes are for the Data page");
    let data = String::from_utf8_lossy(&tree[&PathBuf::from("data/index.html")]).into_owned();
    assert!(data.contains("420936cd") && data.contains("tpk-pravo.ru/en/drugoe"), "the Data page names each source");
}

#[test]
fn road_and_rail_checkpoints_of_one_town_are_separate_and_linked() {
    let tree = repo_site();
    let road = page(tree, "checkpoints/dostyk/index.html");
    let links = Selector::parse("dl.facts a[href$='dostyk-rail/index.html']").unwrap();
    assert!(road.select(&links).next().is_some(), "the road checkpoint links its rail neighbour");
    let rail = page(tree, "checkpoints/dostyk-rail/index.html");
    let facts = text_of(&rail, "dl.facts dd").join(" ");
    assert!(facts.contains("International"), "the seed's row went to the station: {facts}");
    let road_facts = text_of(&road, "dl.facts dd").join(" ");
    assert!(!road_facts.contains("International"), "and not to the road checkpoint: {road_facts}");
}

#[test]
fn validate_warns_about_facts_older_than_the_limit() {
    let project = Project::from_repo();
    let run = project.run(&["validate", "--format", "json"]);
    run.expect_code(0).expect_output("stale_facts");
    assert!(run.stdout.contains("dostyk-rail"), "the seed's 2021 facts on the station are stale");
}

#[test]
fn the_english_home_page_titles_checkpoints_in_latin_script() {
    let tree = repo_site();
    let home = page(tree, "index.html");
    let titles = text_of(&home, ".checkpoint-item h3 a");
    let latin = titles.iter().filter(|t| t.chars().all(|c| !matches!(c, '\u{0400}'..='\u{04FF}'))).count();
    assert!(latin * 100 >= titles.len() * 95, "{latin} of {} titles in Latin script", titles.len());
    // In each language's alphabetical order.
    for (path, lang) in [("index.html", "en"), ("ru/index.html", "ru"), ("kk/index.html", "kk")] {
        let titles = text_of(&page(tree, path), ".checkpoint-item h3 a");
        let keys: Vec<Vec<u32>> = titles.iter().map(|t| crossings::translit::collation_key(t, lang)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{path}: {titles:?}");
    }
}

#[test]
fn rule_pages_are_the_project_s_own_words_and_quote_only_marked() {
    let tree = repo_site();
    let runs = crate::third_party_text::seed_page_runs();
    for (path, bytes) in tree.iter().filter(|(p, _)| p.to_string_lossy().contains("rules/")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        // Quotations, and citations (which name a source by its title), are not the site's prose.
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        let own = doc.tree.nodes().filter_map(|n| {
            let text = n.value().as_text()?;
            let quoted = n.ancestors().filter_map(|a| a.value().as_element()).any(|e| {
                matches!(e.name(), "q" | "blockquote" | "head")
                    || e.attr("class").is_some_and(|c| c == "sources" || c == "cite")
            });
            (!quoted).then(|| text.to_string())
        });
        let text = own.collect::<Vec<_>>().join(" ");
        let copied = crate::third_party_text::copied_passages(&text, &runs);
        assert!(copied.is_empty(), "{}: the seed page's words: {copied:?}", path.display());
    }
    // The customs page shows today's allowances, each with its dated source; the 2021 figures
    // that no current rule gives (1,000 cigarettes, 100 litres of petrol) are only history.
    let customs = page(tree, "rules/customs/index.html");
    let rows = text_of(&customs, "table.stack tbody tr").join("\n");
    assert!(rows.contains("200") && rows.contains("Tengrinews.kz, as of 2025"), "{rows}");
    assert!(!rows.contains("1,000") && !rows.contains("tpk-pravo.ru"), "{rows}");
}

/// The language an element is in: its own `lang`, else its nearest ancestor's.
fn language_of(element: scraper::ElementRef) -> Option<String> {
    std::iter::once(*element)
        .chain(element.ancestors())
        .find_map(|n| n.value().as_element().and_then(|e| e.attr("lang")).map(str::to_string))
}

/// Names kept untranslated (`translate="no"`: publishers) whose marked language does not fit
/// their letters: a name in Latin letters must be in English, one in Cyrillic in Russian or
/// Kazakh.
fn mismarked_names(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let untranslated = Selector::parse("[translate=no]").unwrap();
    doc.select(&untranslated)
        .filter_map(|e| {
            let text = e.text().collect::<String>();
            let cyrillic = text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
            let latin = text.chars().any(|c| c.is_ascii_alphabetic());
            let lang = language_of(e).unwrap_or_default();
            let fits = if cyrillic { lang == "ru" || lang == "kk" } else { !latin || lang == "en" };
            (!fits).then(|| format!("`{}` in lang `{lang}`", text.trim()))
        })
        .collect()
}

#[test]
fn publishers_names_are_marked_with_the_language_of_their_letters() {
    let tree = repo_site();
    let mut problems = Vec::new();
    let mut names = 0;
    for (path, bytes) in tree.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")) {
        let html = String::from_utf8_lossy(bytes);
        names += html.matches("translate=\"no\"").count();
        problems.extend(mismarked_names(&html).into_iter().map(|p| format!("{}: {p}", path.display())));
    }
    assert!(names > 1000, "only {names} publishers' names on the site");
    assert!(problems.is_empty(), "{} mismarked:\n{}", problems.len(), problems.join("\n"));
    // A Russian page's publisher in Latin letters, on Altynkol's page (beside its facts and in
    // its sources) and on the Data page, is English.
    for path in ["ru/checkpoints/altynkol/index.html", "kk/checkpoints/altynkol/index.html", "ru/data/index.html"] {
        let doc = Html::parse_document(&String::from_utf8_lossy(&tree[&PathBuf::from(path)]));
        let publisher = Selector::parse("[translate=no]").unwrap();
        let maral_sai: Vec<_> =
            doc.select(&publisher).filter(|e| e.text().collect::<String>().starts_with("Maral-Sai")).collect();
        assert!(!maral_sai.is_empty(), "{path}: Maral-Sai is not named");
        assert!(maral_sai.iter().all(|e| language_of(*e).as_deref() == Some("en")), "{path}");
    }
    // The check itself: an unmarked Latin name on a Russian page, and Cyrillic marked English.
    assert_eq!(mismarked_names("<html lang=\"ru\"><span translate=\"no\">Kazinform</span></html>").len(), 1);
    assert_eq!(mismarked_names("<html lang=\"en\"><span translate=\"no\">Казинформ</span></html>").len(), 1);
    assert!(mismarked_names("<html lang=\"ru\"><span lang=\"en\" translate=\"no\">Kazinform</span></html>").is_empty());
}
