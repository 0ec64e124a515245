//! An official register as a source: the Russian border's pairs from Rosgranstroy's register,
//! kept in step by `ingest --check`, and its facts shown as the side's they describe.

use std::io::{Read as _, Write as _};

use sha2::{Digest as _, Sha256};

use crate::util::Project;

const SNAPSHOT: &str = "content/snapshots/rosgranstroy-map-data.json.gz";

fn unpack(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).unwrap();
    text
}

fn pack(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Replace the first `from` after `anchor` in `text`.
fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let at = text.find(anchor).unwrap_or_else(|| panic!("`{anchor}` is not in the register"));
    let (before, after) = text.split_at(at);
    format!("{before}{}", after.replacen(from, to, 1))
}

#[test]
fn check_names_the_checkpoint_whose_hours_the_register_changed() {
    let project = Project::from_repo();
    let packed = std::fs::read(project.path().join(SNAPSHOT)).unwrap();
    let original = unpack(&packed);
    // Record 226 is the road pair Озинки – Таскала.
    let changed = replace_after(&original, "\"id\": 226,", "\"ru\": \"Круглосуточно\"", "\"ru\": \"С 08.00 до 20.00\"");
    assert_ne!(changed, original);
    project.write(SNAPSHOT, pack(&changed));
    // The copy is re-sealed: its checksum is right, so only the facts differ.
    let sources = std::fs::read_to_string(project.path().join("content/sources.yaml")).unwrap();
    project.write("content/sources.yaml", sources.replace(&hex(original.as_bytes()), &hex(changed.as_bytes())));
    let run = project.run(&["ingest", "--offline", "--check"]);
    run.expect_code(1).expect_no_panic();
    run.expect_output("content/checkpoints/taskala.yaml: counterpart.hours");
    run.expect_output("С 08.00 до 20.00");
}

fn page(path: &str) -> String {
    let tree = crate::build::repo_site();
    String::from_utf8_lossy(tree.get(&std::path::PathBuf::from(path)).unwrap_or_else(|| panic!("no {path}")))
        .into_owned()
}

#[test]
fn the_opposite_sides_hours_are_shown_and_exported_as_theirs() {
    // Taskala's own hours are unknown; the register gives those of Ozinki opposite.
    let taskala = page("checkpoints/taskala/index.html");
    for needle in ["24 hours", "checkpoint Ozinki, <span>Rosgranstroy</span>", "as of 18 February 2026"] {
        assert!(taskala.contains(needle), "`{needle}` not on Taskala's page");
    }
    let csv = page("data/checkpoints.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().find(|l| l.starts_with("taskala,")).unwrap().split(',').collect();
    let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((cell("hours"), cell("hours_side"), cell("open_to")), ("24h", "opposite", "all"));
    let geo: serde_json::Value = serde_json::from_str(&page("data/checkpoints.geojson")).unwrap();
    let feature = geo["features"].as_array().unwrap().iter().find(|f| f["properties"]["id"] == "taskala").unwrap();
    assert_eq!(feature["properties"]["hours_side"], "opposite");
    assert_eq!(feature["properties"]["precision"], "opposite", "placed at Ozinki, a few km across the border");
}

#[test]
fn who_may_cross_follows_the_class_and_its_filter_keeps_the_unknown() {
    let kayrak = page("checkpoints/kayrak-rail/index.html");
    assert!(kayrak.contains("Citizens of Kazakhstan and Russia only"), "a bilateral pair");
    let index = page("index.html");
    let item = |id: &str| {
        let at = index
            .find(&format!("class=\"checkpoint-item\" data-id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} is not listed"));
        index[at..at + index[at..].find('>').unwrap()].to_string()
    };
    assert!(item("kayrak-rail").contains("data-open_to=\"neighbours\""));
    assert!(item("taskala").contains("data-open_to=\"all\""));
    // Alakol's class is unknown: "open to other nationalities" must not hide it.
    assert!(item("alakol").contains("data-open_to=\"all unknown\""));
    assert!(index.contains("name=\"open_to\" value=\"all\""), "the filter is offered");
}
