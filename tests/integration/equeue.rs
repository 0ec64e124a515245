//! The truck e-queue as a dated fact: whether trucks book their crossing at a checkpoint and
//! since when, with the queue's fees and where to book, on checkpoint pages and cards in every
//! language, as a filter, and in the exports; and how complete the list is against the
//! official count, on border pages and the home page.

use std::path::PathBuf;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::build::repo_site;

fn page(path: &str) -> Html {
    Html::parse_document(&String::from_utf8_lossy(&repo_site()[&PathBuf::from(path)]))
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let s = Selector::parse(selector).unwrap();
    doc.select(&s).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let s = Selector::parse(selector).unwrap();
    doc.select(&s).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

#[test]
fn a_checkpoint_page_says_since_when_trucks_book_and_the_queue_s_page_what_it_costs() {
    for (prefix, since, fee) in [
        ("", "since 1 November 2023", "1 MCI: in turn, at the booked time"),
        ("ru/", "с 1 ноября 2023", "1 МРП: в порядке очереди, в забронированное время"),
        ("kk/", "2023 жылғы 1 қараша күнінен бастап", "1 АЕК: кезек тәртібімен, брондалған уақытта"),
    ] {
        let bidaik = page(&format!("{prefix}checkpoints/bidaik/index.html"));
        let fact = texts(&bidaik, "dl.facts dd.e-queue-yes").join(" ");
        assert!(fact.contains(since), "{prefix}: {fact}");
        // Dated and attributed: the dated page that gives the start.
        assert!(fact.contains("Dzen"), "{prefix}: {fact}");
        let links = attrs(&bidaik, "dl.facts dd.e-queue-yes a", "href");
        assert!(links.iter().any(|l| l == "https://cgr.qoldau.kz/"), "a link to book: {links:?}");
        assert!(links.iter().any(|l| l == "../../e-queue/index.html"), "a link to the fees: {links:?}");
        // The queue's page: the fees with their source and date, and the checkpoints in it.
        let queue = page(&format!("{prefix}e-queue/index.html"));
        let fees = texts(&queue, "ul.fees li");
        assert_eq!(fees.len(), 2, "{fees:?}");
        assert_eq!(fees[0], fee);
        let cites = attrs(&queue, "small.cite a", "href");
        assert!(cites.iter().any(|l| l == "https://cgr.qoldau.kz/en/information/faq"), "{cites:?}");
        let listed = texts(&queue, "ul.link-list li");
        assert!(listed.iter().any(|l| l.contains(since)), "{prefix}: {listed:?}");
        assert!(!listed.iter().any(|l| l.contains("Almaty") || l.contains("Алматы")), "{listed:?}");
    }
    assert!(texts(&page("e-queue/index.html"), "ul.fees li")[1].contains("100 MCI: out of turn"));
    // A checkpoint no source puts in the queue says nothing of it: not "no".
    let almaty = page("checkpoints/almaty-airport/index.html");
    assert!(texts(&almaty, "dl.facts dd.e-queue-yes, dl.facts dd.e-queue-no").is_empty());
    assert!(!texts(&almaty, "dl.facts dt").iter().any(|t| t == "Truck e-queue"));
}

#[test]
fn cards_show_the_queue_and_the_filter_offers_it() {
    let index = page("index.html");
    let card = |id: &str| {
        let s = Selector::parse(&format!("li.checkpoint-item[data-id='{id}']")).unwrap();
        let li = index.select(&s).next().unwrap_or_else(|| panic!("no card for {id}"));
        let text = li.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
        (li.value().attr("data-equeue").unwrap_or_default().to_string(), text)
    };
    let (token, text) = card("bidaik");
    assert_eq!(token, "yes");
    assert!(text.contains("Truck e-queueTrucks book their crossing in the e-queue, since 1 November 2023"), "{text}");
    let (token, text) = card("dostyk");
    assert_eq!(token, "yes", "listed by the queue, no start date: {text}");
    assert!(text.contains("Trucks book their crossing in the e-queue") && !text.contains("e-queue, since"), "{text}");
    let (token, text) = card("almaty-airport");
    assert_eq!(token, "unknown");
    assert!(!text.contains("e-queue"), "{text}");
    let values = attrs(&index, "form.filters input[name='equeue']", "value");
    assert_eq!(values, ["yes", "no", "unknown"], "the filter offers booking needed, not in the queue, unknown");
    let legend = texts(&index, "form.filters fieldset legend");
    assert!(legend.iter().any(|l| l == "Truck e-queue"), "{legend:?}");
}

#[test]
fn exports_give_whether_trucks_book_and_since_when() {
    let tree = repo_site();
    let csv = String::from_utf8(tree[&PathBuf::from("data/checkpoints.csv")].clone()).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row = |id: &str| -> Vec<String> {
        csv.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap().split(',').map(str::to_string).collect()
    };
    let cell = |r: &[String], name: &str| r[header.iter().position(|h| *h == name).unwrap()].clone();
    let bidaik = row("bidaik");
    assert_eq!((cell(&bidaik, "e_queue"), cell(&bidaik, "e_queue_since")), ("yes".into(), "2023-11-01".into()));
    let almaty = row("almaty-airport");
    assert_eq!((cell(&almaty, "e_queue"), cell(&almaty, "e_queue_since")), ("unknown".into(), String::new()));

    let geo: Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.geojson")]).unwrap();
    let props =
        |id: &str| geo["features"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap()["properties"].clone();
    assert_eq!(
        (props("bidaik")["e_queue"].clone(), props("bidaik")["e_queue_since"].clone()),
        ("yes".into(), "2023-11-01".into())
    );
    assert_eq!(props("almaty-airport")["e_queue"], "unknown");
    assert_eq!(props("almaty-airport")["e_queue_since"], Value::Null);

    let json: Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.json")]).unwrap();
    let record = json["checkpoints"].as_array().unwrap().iter().find(|r| r["id"] == "bidaik").unwrap().clone();
    assert_eq!(record["e_queue"], serde_json::json!({"booking": "yes", "since": "2023-11-01"}));
    let cites: Vec<&Value> = record["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["supports"].as_array().unwrap().iter().any(|f| f == "e_queue"))
        .collect();
    assert!(cites.iter().any(|s| s["as_of"] == "2024-02"), "the page that dates the start: {cites:?}");
}

#[test]
fn border_pages_and_the_home_page_say_how_complete_the_list_is() {
    let counts =
        std::fs::read_to_string(crate::util::repo_root().join("content/reference/official-counts.yaml")).unwrap();
    let official = |group: &str| -> usize {
        let line = counts.lines().find(|l| l.contains(&format!("group: {group},"))).unwrap();
        line.rsplit("count: ").next().unwrap().trim_end_matches('}').trim().parse().unwrap()
    };
    for (border, group) in [("ru", "RU"), ("kg", "KG"), ("cn", "CN")] {
        let doc = page(&format!("borders/{border}/index.html"));
        let rows = texts(&doc, "table.border-table tbody tr").len();
        let said = texts(&doc, "p.completeness").join(" ");
        let expected = format!("On this list: {rows} checkpoints; by the official count: {}.", official(group));
        assert!(said.starts_with(&expected), "{border}: {said}");
        assert!(said.contains("The Astana Times, as of 17 August 2023"), "{said}");
    }
    let ru = page("ru/borders/none/index.html");
    let said = texts(&ru, "p.completeness").join(" ");
    let sea_and_air = official("sea") + official("air");
    assert!(said.contains(&format!("по официальному подсчёту: {sea_and_air}.")), "{said}");
    // The home page gives the filters the counts per border, and a note for an empty result.
    let index = page("index.html");
    let borders = attrs(&index, "#completeness", "data-borders").join("");
    assert!(
        borders.split(',').any(|t| t.starts_with("RU ") && t.ends_with(&format!(" {}", official("RU")))),
        "{borders}"
    );
    let empty = texts(&index, "#result-empty").join(" ");
    assert!(empty.contains("may be missing"), "{empty}");
}
