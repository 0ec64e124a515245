//! The map: one linked marker per placed checkpoint, a locator map on placed
//! checkpoints' pages, and the unplaced listed beside the map.

use scraper::{Html, Selector};

use crate::util::Project;

#[test]
fn one_linked_marker_per_placed_checkpoint() {
    let project = Project::from_repo();
    project.write(
        "content/checkpoints/test-placed.yaml",
        "id: test-placed\nname: {en: Placed Test}\nborder: KG\ncounterpart: {country: KG}\nstatus: {state: closed}\n\
         location: {region: KZ-31, lat: 43.15, lon: 74.68, precision: approximate}\n",
    );
    project.run(&["build"]).expect_code(0);
    let mut placed = Vec::new();
    let mut unplaced = 0;
    for entry in std::fs::read_dir(project.path().join("content/checkpoints")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let id = text.lines().find_map(|l| l.strip_prefix("id: ")).unwrap().to_string();
        // The record's own coordinates, not those of the checkpoint opposite (indented deeper).
        let own = |l: &str| l.starts_with("  lat: ") || (l.starts_with("location:") && l.contains(" lat: "));
        if text.lines().any(own) {
            placed.push(id);
        } else {
            unplaced += 1;
        }
    }
    assert!(placed.len() >= 2, "Dostyk (geocoded) and the test checkpoint: {placed:?}");
    let index = Html::parse_document(&std::fs::read_to_string(project.path().join("output/index.html")).unwrap());
    let markers = Selector::parse("svg.map a.marker").unwrap();
    let mut found: Vec<String> =
        index.select(&markers).map(|m| m.value().attr("data-id").unwrap().to_string()).collect();
    found.sort();
    placed.sort();
    assert_eq!(found, placed);
    for marker in index.select(&markers) {
        let id = marker.value().attr("data-id").unwrap();
        assert_eq!(marker.value().attr("href"), Some(format!("checkpoints/{id}/index.html").as_str()));
        assert!(marker.text().any(|t| !t.trim().is_empty()), "{id}: no tooltip title");
    }
    let closed = index.select(&Selector::parse("a.marker[data-id='test-placed'] use.glyph").unwrap()).count();
    assert_eq!(closed, 1, "a closed checkpoint carries a glyph, not colour alone");
    let page = std::fs::read_to_string(project.path().join("output/checkpoints/test-placed/index.html")).unwrap();
    assert!(page.contains("<svg class=\"locator\""), "locator map");
    let page = std::fs::read_to_string(project.path().join("output/checkpoints/khorgos/index.html")).unwrap();
    assert!(!page.contains("<svg class=\"locator\""), "no locator for an unplaced checkpoint");
    let html = std::fs::read_to_string(project.path().join("output/index.html")).unwrap();
    assert!(
        html.contains(&format!("({unplaced})")) || html.contains(&format!(": {unplaced}")),
        "unplaced count {unplaced} shown"
    );
}
