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
