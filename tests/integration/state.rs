//! What a record says of its state today: validate's warnings on closures newer evidence
//! overrides or contradicts, on a verification against an old source, and on a page dated two
//! ways in the digests, each at its position.

use crate::util::Project;

const SOURCES: &str = "sources:\n  - id: queue\n    title: Queue\n    as_of: 2026-07-06\n";

/// A project with `sources.yaml` and the checkpoint `alpha` written as `record`.
fn project(record: &str) -> Project {
    let project = Project::empty();
    project.write("content/sources.yaml", SOURCES);
    project.write("content/checkpoints/alpha.yaml", format!("id: alpha\nname: {{en: Alpha}}\n{record}"));
    project
}

const OLD_PAGE: &str = "  - url: https://example.kz/2020\n    as_of: 2020-04\n    supports: [status]\n";

#[test]
fn a_closure_later_evidence_overrides_is_superseded_at_its_state() {
    let record = format!(
        "status: {{state: closed, since: 2020-04-04}}\noperating:\n  - {{evidence: queue, source: queue}}\n\
         sources:\n  - source: queue\n    supports: [operating]\n{OLD_PAGE}"
    );
    let project = project(&record);
    project.run(&["validate"]).expect_code(0).expect_output("1 record's closure gives way to later evidence");
    project
        .run(&["validate", "--verbose"])
        .expect_code(0)
        .expect_output("content/checkpoints/alpha.yaml:3:17: warning[status_superseded]");
}

#[test]
fn a_closure_newer_hours_contradict_is_a_warning_at_its_state() {
    let record = format!(
        "status:\n  state: suspended\nsources:\n  - url: https://example.kz/2025\n    as_of: 2025-08-14\n    \
         supports: [hours]\n{OLD_PAGE}"
    );
    let run = project(&record).run(&["validate"]);
    run.expect_code(0).expect_output("content/checkpoints/alpha.yaml:4:10: warning[status_contradicted]");
    // Without the newer source, nothing contradicts it.
    let record = format!("status:\n  state: suspended\nsources:\n{OLD_PAGE}");
    let run = project(&record).run(&["validate"]);
    assert!(!run.output().contains("status_contradicted"), "{}", run.output());
}

#[test]
fn a_verification_against_an_old_source_is_a_warning_at_the_source() {
    let record = format!("sources:\n{OLD_PAGE}last_verified: 2026-11-01\nverified_against: https://example.kz/2020\n");
    project(&record)
        .run(&["validate"])
        .expect_code(0)
        .expect_output("content/checkpoints/alpha.yaml:8:19: warning[verified_against_stale]");
}

#[test]
fn one_page_dated_two_ways_in_two_digests_is_a_warning_at_the_second_date() {
    let page = |as_of: &str| {
        format!(
            "pages:\n  - id: p\n    url: https://example.kz/p\n    title: P\n    language: ru\n    as_of: {as_of}\n    \
             retrieved: 2026-12-01\n    statements: []\n"
        )
    };
    let project = project("sources:\n  - source: queue\n    supports: [name]\n");
    project.write("content/digests/a.yaml", page("2025-08-14"));
    project.write("content/digests/b.yaml", page("2025-08"));
    project.run(&["validate"]).expect_code(0).expect_output("content/digests/b.yaml:6:12: warning[page_dated_twice]");
}

/// The text of the elements `selector` matches on the built page `path`, spaces collapsed.
fn texts(path: &str, selector: &str) -> Vec<String> {
    let tree = crate::build::repo_site();
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&tree[&std::path::PathBuf::from(path)]));
    let selector = scraper::Selector::parse(selector).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn korday_and_kegen_pages_say_they_work_with_the_date_and_source() {
    for (id, closure) in [("korday", "Closed 4 April 2020"), ("kegen", "Closed 4 April 2020")] {
        let glance = texts(&format!("checkpoints/{id}/index.html"), "p.glance .status");
        assert!(glance.len() == 1 && glance[0].starts_with("Working · as of 6 July 2026"), "{id}: {glance:?}");
        let facts = texts(&format!("checkpoints/{id}/index.html"), "dl.facts dd");
        let state = facts.iter().find(|t| t.starts_with("Working")).unwrap_or_else(|| panic!("{id}: {facts:?}"));
        assert!(state.contains(&format!("{closure} – not reported since; later sources show it working")), "{state}");
        assert!(state.contains("Kazakhstan's truck e-queue (via a public scraper), as of 6 July 2026"), "{state}");
    }
    let ru = texts("ru/checkpoints/korday/index.html", "p.glance .status");
    assert!(ru[0].starts_with("Работает · на 6 июля 2026"), "{ru:?}");
    let kk = texts("kk/checkpoints/kegen/index.html", "p.glance .status");
    assert!(kk[0].starts_with("Жұмыс істейді · "), "{kk:?}");
}

#[test]
fn the_repository_s_exports_give_korday_and_kegen_working_with_date_and_source() {
    let tree = crate::build::repo_site();
    let csv = String::from_utf8(tree[&std::path::PathBuf::from("data/checkpoints.csv")].clone()).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for id in ["korday", "kegen"] {
        let row: Vec<&str> = csv.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap().split(',').collect();
        let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
        let state = (cell("status"), cell("status_as_of"), cell("status_source"), cell("status_evidence"));
        assert_eq!(state, ("open", "2026-07-06", "equeue", "queue"), "{id}");
    }
}
