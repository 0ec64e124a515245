//! `crossings validate`: every check passes good content and catches bad, at the right place.

use crate::util::Project;

/// A minimal valid checkpoint with the given id.
fn checkpoint(id: &str) -> String {
    format!(
        "id: {id}\nname:\n  en: Test {id}\nborder: CN\ncounterpart:\n  country: CN\n  name: {{en: Other}}\n\
         modes: {{road: yes}}\ntraffic: {{passenger: yes, cargo: no}}\nclassification: {{kind: international}}\n\
         hours: {{kind: 24h}}\nstatus: {{state: open}}\nlocation:\n  region: KZ-33\n  lat: 44.2\n  lon: 80.3\n  \
         precision: approximate\nsources:\n  - url: https://example.org/x\n    retrieved: 2026-01-01\n    as_of: 2025-12\n\
         last_verified: 2026-01-01\nverified_against: https://example.org/x\n"
    )
}

#[test]
fn repository_content_is_valid() {
    let project = Project::from_repo();
    let run = project.run(&["validate"]);
    run.expect_code(0).expect_output("0 errors");
}

#[test]
fn a_complete_record_gives_no_notice_and_the_summary_counts_it() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    let run = project.run(&["validate", "--deny-warnings"]);
    run.expect_code(0).expect_output("0 errors, 0 warnings in 1 checkpoint and 0 rule documents");
}

/// Write `content/checkpoints/<file>.yaml` as `text` and expect `file:line:col`, `code` and exit 1.
#[track_caller]
fn expect_notice(file: &str, text: &str, location: &str, code: &str) -> String {
    let project = Project::empty();
    project.write(&format!("content/checkpoints/{file}.yaml"), text);
    let run = project.run(&["validate"]);
    run.expect_code(1).expect_no_panic();
    let wanted = format!("content/checkpoints/{file}.yaml:{location}: error[{code}]");
    run.expect_output(&wanted);
    run.stdout.clone()
}

#[test]
fn latitude_out_of_range_points_at_the_value() {
    let text = checkpoint("alpha").replace("lat: 44.2", "lat: 95");
    expect_notice("alpha", &text, "15:8", "lat_out_of_range");
}

#[test]
fn coordinates_outside_kazakhstan_are_errors() {
    let text = checkpoint("alpha").replace("lon: 80.3", "lon: 30.1");
    expect_notice("alpha", &text, "15:8", "outside_kazakhstan");
}

#[test]
fn coordinates_in_the_caspian_are_outside_the_outline() {
    let text = checkpoint("alpha").replace("lat: 44.2", "lat: 43.0").replace("lon: 80.3", "lon: 50.5");
    expect_notice("alpha", &text, "15:8", "outside_kazakhstan");
}

#[test]
fn coordinates_far_from_their_border_are_a_warning() {
    let project = Project::empty();
    let almaty = checkpoint("alpha").replace("lat: 44.2", "lat: 43.25").replace("lon: 80.3", "lon: 76.9");
    project.write("content/checkpoints/alpha.yaml", &almaty);
    project.run(&["validate"]).expect_code(0).expect_output("alpha.yaml:15:8: warning[far_from_border] location:");
    project.write(
        "content/checkpoints/alpha.yaml",
        almaty.replace("border: CN", "border: KG").replace("country: CN", "country: KG"),
    );
    let run = project.run(&["validate", "--deny-warnings"]);
    run.expect_code(0);
}

#[test]
fn misspelt_field_gets_a_suggestion() {
    let text = checkpoint("alpha").replace("  lat: 44.2", "  latitude: 44.2");
    let out = expect_notice("alpha", &text, "15:3", "unknown_field");
    assert!(out.contains("did you mean `lat`?"), "{out}");
}

#[test]
fn unknown_enum_value_names_the_choices() {
    let text = checkpoint("alpha").replace("modes: {road: yes}", "modes: {raod: yes}");
    let out = expect_notice("alpha", &text, "8:9", "invalid_value");
    assert!(out.contains("did you mean `road`?"), "{out}");
}

#[test]
fn duplicate_id_points_at_both_files() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write("content/checkpoints/beta.yaml", checkpoint("alpha"));
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_output("content/checkpoints/beta.yaml:1:5: error[duplicate_id]")
        .expect_output("first used here: content/checkpoints/alpha.yaml:1:5")
        .expect_output("content/checkpoints/beta.yaml:1:5: error[id_mismatch]");
}

#[test]
fn id_must_be_kebab_case_and_match_the_file() {
    let out = expect_notice("alpha", &checkpoint("Alpha_1"), "1:5", "invalid_id");
    assert!(out.contains("e.g. `alpha-1`"), "{out}");
    expect_notice("alpha", &checkpoint("gamma"), "1:5", "id_mismatch");
}

#[test]
fn region_codes_are_checked_and_former_codes_explained() {
    let project = Project::from_repo();
    let text = std::fs::read_to_string(project.path().join("content/checkpoints/khorgos.yaml")).unwrap();
    project.write("content/checkpoints/khorgos.yaml", text.replace("region: KZ-33", "region: KZ-ALM"));
    let line = text.lines().position(|l| l.contains("region: KZ-33")).unwrap() + 1;
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_output(&format!("content/checkpoints/khorgos.yaml:{line}:11: error[unknown_region] location.region:"))
        .expect_output("today this is `KZ-19`");
}

#[test]
fn counterpart_must_be_across_the_given_border() {
    let text = checkpoint("alpha").replace("  country: CN", "  country: RU");
    expect_notice("alpha", &text, "6:12", "counterpart_mismatch");
    let text = checkpoint("alpha").replace("  country: CN", "  country: XX");
    expect_notice("alpha", &text, "6:12", "unknown_country");
}

#[test]
fn dates_are_real_and_not_in_the_future() {
    let text = checkpoint("alpha").replace("last_verified: 2026-01-01", "last_verified: 2026-02-30");
    expect_notice("alpha", &text, "22:16", "invalid_date");
    let text = checkpoint("alpha").replace("last_verified: 2026-01-01", "last_verified: 2999-01-01");
    expect_notice("alpha", &text, "22:16", "future_date");
}

#[test]
fn old_verification_is_a_warning_not_an_error() {
    let project = Project::empty();
    project.write(
        "content/checkpoints/alpha.yaml",
        checkpoint("alpha").replace("last_verified: 2026-01-01", "last_verified: 2001-01-01"),
    );
    project.run(&["validate", "--verbose"]).expect_code(0).expect_output("warning[stale_verification]");
    project.run(&["validate"]).expect_code(0).expect_output("note: 1 record was last verified longer ago");
    project.run(&["validate", "--deny-warnings"]).expect_code(1);
}

#[test]
fn source_urls_must_be_http() {
    let text = checkpoint("alpha").replace("https://example.org/x", "file:///etc/passwd");
    expect_notice("alpha", &text, "19:10", "invalid_url");
}

#[test]
fn internal_links_in_notes_must_resolve_and_scripts_are_refused() {
    let text = checkpoint("alpha") + "notes: |\n  See [beta](/checkpoints/beta/) and\n  [x](javascript:alert(1)).\n";
    let out = expect_notice("alpha", &text, "25:7", "broken_link");
    assert!(out.contains("content/checkpoints/alpha.yaml:26:3: error[unsafe_link]"), "{out}");
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha") + "notes: See [beta](/checkpoints/beta/).\n");
    project.write("content/checkpoints/beta.yaml", checkpoint("beta"));
    project.run(&["validate"]).expect_code(0);
}

#[test]
fn unknown_values_are_counted_as_warnings() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", "id: alpha\nname: {ru: Альфа}\n");
    project
        .run(&["validate", "--verbose"])
        .expect_code(0)
        .expect_output("warning[unknown_values] 10 unknown: border, counterpart, modes, traffic.passenger, traffic.cargo, classification, hours, status, location.region, location.coordinates");
}

#[test]
fn rule_front_matter_positions_count_from_the_file_start() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write(
        "content/rules/customs.md",
        "---\ntitle: Customs\ncategory: customs\nallowances:\n  - item: Cash\n    amount: 100\n    currency: usd\n---\nText with [a link](/rules/nowhere/).\n",
    );
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_output("content/rules/customs.md:7:15: error[invalid_currency]")
        .expect_output("content/rules/customs.md:9:11: error[broken_link]");
}

#[test]
fn rule_without_front_matter_is_an_error() {
    let project = Project::empty();
    project.write("content/rules/visa.md", "# Visa\n");
    project.run(&["validate"]).expect_code(1).expect_output("content/rules/visa.md:1:1: error[missing_front_matter]");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha").replace("lat: 44.2", "lat: 95"));
    project.write("content/checkpoints/beta.yaml", checkpoint("beta").replace("region: KZ-33", "region: KZ-99"));
    project.write("content/checkpoints/gamma.yaml", "id: gamma\nname: [\n");
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_output("alpha.yaml:15:8")
        .expect_output("beta.yaml:14:11")
        .expect_output("gamma.yaml:")
        .expect_output("3 errors");
}

#[test]
fn five_mistakes_in_one_file_are_all_reported_in_line_order() {
    let project = Project::empty();
    let text = checkpoint("alpha")
        .replace("border: CN", "bordr: CN")
        .replace("modes: {road: yes}", "modes: {raod: yes}")
        .replace("status: {state: open}", "status: {state: opn}")
        .replace("lat: 44.2", "lat: north")
        .replace("lon: 80.3", "lon: 280.3")
        .replace("    retrieved: 2026-01-01", "    retreived: 2026-01-01");
    project.write("content/checkpoints/alpha.yaml", text);
    let run = project.run(&["validate", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let in_file: Vec<&serde_json::Value> = doc["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|n| n["path"].as_str().is_some_and(|f| f.ends_with("alpha.yaml")) && n["severity"] == "error")
        .collect();
    let found: Vec<(u64, &str, &str)> = in_file
        .iter()
        .filter(|n| n["code"] != "unknown_country" && n["code"] != "unknown_region")
        .map(|n| (n["line"].as_u64().unwrap(), n["code"].as_str().unwrap(), n["field"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (4, "unknown_field", "bordr"),
            (8, "invalid_value", "modes.raod"),
            (12, "invalid_value", "status.state"),
            (15, "invalid_type", "location.lat"),
            (16, "lon_out_of_range", "location.lon"),
            (20, "unknown_field", "sources.retreived"),
        ],
        "{}",
        run.stdout
    );
    let hints: Vec<&str> = in_file.iter().filter_map(|n| n["hint"].as_str()).collect();
    for wanted in
        ["did you mean `border`?", "did you mean `road`?", "did you mean `open`?", "did you mean `retrieved`?"]
    {
        assert!(hints.contains(&wanted), "no hint {wanted:?} in {hints:?}");
    }
    // The file is counted although it has errors.
    assert_eq!(doc["summary"]["checkpoints"], 1);
}

/// An editor pasting a second `location:` block used to hide every other mistake of the file
/// behind one message in the YAML library's words.
#[test]
fn a_key_given_twice_is_reported_with_the_other_mistakes_of_its_file() {
    let project = Project::empty();
    let text = checkpoint("alpha")
        .replace("border: CN", "bordr: CN")
        .replace("modes: {road: yes}", "modes: {raod: yes}")
        .replace("status: {state: open}", "status: {state: opn}")
        .replace("lat: 44.2", "lat: north")
        .replace("    retrieved: 2026-01-01", "    retreived: 2026-01-01")
        + "location:\n  region: KZ-33\n  lat: 44.3\n  lon: 80.4\n";
    project.write("content/checkpoints/alpha.yaml", text);
    let run = project.run(&["validate", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let found: Vec<(u64, &str)> = doc["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|n| n["severity"] == "error" && n["code"] != "unknown_country" && n["code"] != "unknown_region")
        .map(|n| (n["line"].as_u64().unwrap(), n["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (4, "unknown_field"),
            (8, "invalid_value"),
            (12, "invalid_value"),
            (15, "invalid_type"),
            (20, "unknown_field"),
            (24, "duplicate_key"),
        ],
        "{}",
        run.stdout
    );
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_output("content/checkpoints/alpha.yaml:24:1: error[duplicate_key] location: `location` is given twice")
        .expect_output("= note: first given here: content/checkpoints/alpha.yaml:13:1")
        .expect_output("6 errors");
    assert!(!run.stdout.contains("DuplicateKeyPolicy"), "{}", run.stdout);
}

#[test]
fn validate_paths_checks_only_the_given_files_and_what_points_at_them() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write("content/checkpoints/beta.yaml", checkpoint("beta").replace("lat: 44.2", "lat: 95"));
    // gamma takes alpha's id: checking gamma alone must still find alpha's file.
    project.write("content/checkpoints/gamma.yaml", checkpoint("alpha"));
    project.write(
        "content/checkpoints/delta.yaml",
        checkpoint("delta").replace("last_verified:", "same_place: [alpha, omega]\nlast_verified:"),
    );

    let run = project.run(&["validate", "content/checkpoints/alpha.yaml"]);
    run.expect_code(0).expect_output("0 errors, 0 warnings in 1 checkpoint");
    assert!(!run.stdout.contains("beta.yaml"), "{}", run.stdout);

    let run = project.run(&["validate", "content/checkpoints/gamma.yaml"]);
    run.expect_code(1).expect_output("error[duplicate_id]").expect_output("content/checkpoints/alpha.yaml:1:5");
    assert!(!run.stdout.contains("lat_out_of_range"), "{}", run.stdout);

    // A link to a checkpoint that exists is fine; one to a missing file is an error; alpha,
    // named as the same place, is read and does not name delta back.
    let run = project.run(&["validate", "content/checkpoints/delta.yaml"]);
    run.expect_code(1).expect_output("`omega`").expect_output("`alpha` does not list `delta`");

    let run = project.run(&["validate", "content/checkpoints/beta.yaml", "content/checkpoints/alpha.yaml"]);
    run.expect_code(1).expect_output("beta.yaml:15:8: error[lat_out_of_range]").expect_output("in 2 checkpoints");

    // Other content may concern everything: every file is checked.
    let run = project.run(&["validate", "content/site.yaml"]);
    run.expect_code(1).expect_output("beta.yaml:15:8").expect_output("in 4 checkpoints");

    project.run(&["validate", "/etc/hostname"]).expect_code(2).expect_output("is not in the content folder");
}

/// The published pre-commit hook picks checkpoint and rule files, and its command, given them as
/// pre-commit gives them (paths from the repository's root), checks them.
#[test]
fn pre_commit_hook_checks_the_files_it_picks() {
    let text = std::fs::read_to_string(crate::util::repo_root().join(".pre-commit-hooks.yaml")).expect("hook file");
    let hooks: serde_json::Value = serde_saphyr::from_str(&text).expect("hook file is YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "crossings-validate");
    assert_eq!(hook["pass_filenames"], true);
    let files = regex::Regex::new(hook["files"].as_str().expect("files pattern")).expect("pattern");
    for picked in ["content/checkpoints/korday.yaml", "content/rules/customs-allowances.ru.md"] {
        assert!(files.is_match(picked), "{picked}");
    }
    for left in ["content/sources.yaml", "content/checkpoints/sub/x.yaml", "src/main.rs", "content/rules/x.yaml"] {
        assert!(!files.is_match(left), "{left}");
    }
    let entry: Vec<&str> = hook["entry"].as_str().expect("entry").split_whitespace().collect();
    assert_eq!(entry[0], "crossings");
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha").replace("border: CN", "bordr: CN"));
    let mut args = entry[1..].to_vec();
    args.push("content/checkpoints/alpha.yaml");
    project.run(&args).expect_code(1).expect_output("alpha.yaml:4:1: error[unknown_field]");
}

#[test]
fn records_whose_names_fold_nearly_alike_on_one_border_are_a_warning() {
    let project = Project::empty();
    let sortobe = |id: &str, name: &str| checkpoint(id).replace(&format!("en: Test {id}"), &format!("ru: {name}"));
    project.write("content/checkpoints/sortobe.yaml", sortobe("sortobe", "Сортобе"));
    project.write("content/checkpoints/sartobe.yaml", sortobe("sartobe", "Сартобе"));
    let run = project.run(&["validate", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let near: Vec<&serde_json::Value> =
        doc["notices"].as_array().unwrap().iter().filter(|n| n["code"] == "near_duplicate").collect();
    assert_eq!(near.len(), 1, "{}", run.stdout);
    assert_eq!(near[0]["severity"], "warning");
    assert!(near[0]["message"].as_str().unwrap().contains("`sartobe` and `sortobe`"), "{}", near[0]);

    // In other regions, or crossing by other modes, they are two checkpoints.
    project.write("content/checkpoints/sartobe.yaml", sortobe("sartobe", "Сартобе").replace("KZ-33", "KZ-31"));
    assert!(!project.run(&["validate"]).stdout.contains("near_duplicate"));
    project.write("content/checkpoints/sartobe.yaml", sortobe("sartobe", "Сартобе").replace("road: yes", "rail: yes"));
    assert!(!project.run(&["validate"]).stdout.contains("near_duplicate"));
    // Short names must be equal to count.
    project.write("content/checkpoints/sortobe.yaml", sortobe("sortobe", "Ак").replace("Other", "Кош"));
    project.write("content/checkpoints/sartobe.yaml", sortobe("sartobe", "Аж").replace("Other", "Кок"));
    assert!(!project.run(&["validate", "--verbose"]).stdout.contains("near_duplicate"));
}

#[test]
fn json_and_github_formats() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha").replace("lat: 44.2", "lat: 95"));
    let run = project.run(&["validate", "--format", "json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["summary"]["errors"], 1);
    let notice = &doc["notices"][0];
    assert_eq!(notice["code"], "lat_out_of_range");
    assert_eq!(notice["line"], 15);
    assert_eq!(notice["column"], 8);
    assert_eq!(notice["field"], "location.lat");
    assert_eq!(notice["record"], "alpha");
    let run = project.run(&["validate", "--format", "github"]);
    run.expect_code(1)
        .expect_output("::error file=content/checkpoints/alpha.yaml,line=15,col=8,title=lat_out_of_range::");
}

#[test]
fn missing_content_folder_is_a_usage_error() {
    let project = Project::empty();
    let run = project.run(&["validate", "--content", "nowhere"]);
    run.expect_code(2).expect_output("content folder `nowhere` not found");
}

#[test]
fn schema_files_in_content_are_current() {
    for kind in ["checkpoint", "rule"] {
        let project = Project::empty();
        let run = project.run(&["schema", kind]);
        run.expect_code(0);
        let kept = std::fs::read_to_string(crate::util::repo_root().join(format!("content/schema/{kind}.schema.json")))
            .unwrap();
        assert_eq!(
            run.stdout, kept,
            "content/schema/{kind}.schema.json is stale: run `cargo run -- schema {kind} > content/schema/{kind}.schema.json`"
        );
    }
}

mod hostile {
    //! Hostile input: each gets exit 1, a message naming the file, no panic, and no hang.

    use super::*;
    use std::time::Duration;

    #[track_caller]
    fn expect_refused(file: &str, bytes: &[u8], location: &str, code: &str) {
        let project = Project::empty();
        project.write(&format!("content/checkpoints/{file}"), bytes);
        let run = project.run(&["validate"]);
        run.expect_code(1)
            .expect_no_panic()
            .expect_output(&format!("content/checkpoints/{file}:{location}: error[{code}]"));
        assert!(run.elapsed < Duration::from_secs(20), "took {:?}", run.elapsed);
    }

    #[test]
    fn alias_bomb() {
        let mut bomb =
            String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 0..9 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
        }
        let project = Project::empty();
        project.write("content/checkpoints/bomb.yaml", &bomb);
        let run = project.run(&["validate"]);
        run.expect_code(1).expect_no_panic().expect_output("content/checkpoints/bomb.yaml:");
        assert!(run.elapsed < Duration::from_secs(20));
    }

    #[test]
    fn deep_nesting() {
        let deep = format!("id: x\nname: {{en: x}}\naliases: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let project = Project::empty();
        project.write("content/checkpoints/deep.yaml", deep);
        let run = project.run(&["validate"]);
        run.expect_code(1).expect_no_panic().expect_output("content/checkpoints/deep.yaml:3:");
        assert!(run.elapsed < Duration::from_secs(20), "took {:?}", run.elapsed);
    }

    #[test]
    fn deep_block_nesting() {
        let deep: String = (0..5000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let project = Project::empty();
        project.write("content/checkpoints/deep.yaml", deep);
        project.run(&["validate"]).expect_code(1).expect_no_panic().expect_output("content/checkpoints/deep.yaml:");
    }

    #[test]
    fn fifty_megabyte_file() {
        let huge = "# padding\n".repeat(5 * 1024 * 1024);
        expect_refused("huge.yaml", huge.as_bytes(), "1:1", "file_too_large");
    }

    #[test]
    fn not_utf8() {
        expect_refused("latin.yaml", b"id: alpha\nname: {en: Caf\xe9}\n", "2:15", "not_utf8");
    }

    #[test]
    fn empty_file() {
        expect_refused("empty.yaml", b"", "1:1", "empty_file");
    }

    #[test]
    fn tabs_for_indentation() {
        expect_refused("tabs.yaml", b"id: tabs\nname:\n\ten: Tabs\n", "3:1", "yaml_syntax");
    }

    #[test]
    fn duplicate_keys() {
        expect_refused("dup.yaml", b"id: dup\nname: {en: A}\nid: dup\n", "3:1", "duplicate_key");
    }

    #[test]
    fn id_with_path_separators() {
        let text = checkpoint("x").replace("id: x", "id: ../../x");
        expect_refused("x.yaml", text.as_bytes(), "1:5", "invalid_id");
    }

    #[test]
    fn zero_width_characters_in_ids() {
        let text = checkpoint("x").replace("id: x", "id: x\u{200b}");
        expect_refused("x.yaml", text.as_bytes(), "1:5", "invalid_id");
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let project = Project::empty();
        let text = format!("\u{feff}{}", checkpoint("alpha").replace('\n', "\r\n"));
        project.write("content/checkpoints/alpha.yaml", text);
        project.run(&["validate"]).expect_code(0);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_pointing_outside_content() {
        let project = Project::empty();
        project.write("secret.yaml", checkpoint("secret"));
        std::os::unix::fs::symlink(
            project.path().join("secret.yaml"),
            project.path().join("content/checkpoints/secret.yaml"),
        )
        .unwrap();
        let run = project.run(&["validate"]);
        run.expect_code(1).expect_output("content/checkpoints/secret.yaml:1:1: error[symlink_outside_content]");
    }

    #[test]
    fn wrong_types() {
        let text = checkpoint("alpha").replace("lat: 44.2", "lat: [1, 2]");
        expect_refused("alpha.yaml", text.as_bytes(), "15:8", "invalid_type");
    }
}

#[test]
fn human_report_snapshot() {
    let project = Project::empty();
    let text = checkpoint("alpha").replace("lat: 44.2", "lat: 95").replace("  region: KZ-33", "  region: KZ-ALM");
    project.write("content/checkpoints/alpha.yaml", text);
    project.write(
        "content/checkpoints/beta.yaml",
        checkpoint("alpha").replace("modes: {road: yes}", "modes: {road: yes, raod: yes}"),
    );
    project.write("content/checkpoints/gamma.yaml", checkpoint("alpha"));
    let run = project.run(&["validate"]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_check_names_its_source_and_a_source_its_date() {
    let text = checkpoint("alpha").replace("verified_against: https://example.org/x\n", "");
    expect_notice("alpha", &text, "22:16", "missing_field");
    let text = checkpoint("alpha").replace("verified_against: https://example.org/x", "verified_against: elsewhere");
    expect_notice("alpha", &text, "23:19", "unknown_source");
    let text = checkpoint("alpha").replace("as_of: 2025-12", "as_of: 2025-13");
    expect_notice("alpha", &text, "21:12", "invalid_date");
    let project = Project::empty();
    let old = checkpoint("alpha").replace("as_of: 2025-12", "as_of: 2019\n    supports: [traffic.cargo]");
    project.write("content/checkpoints/alpha.yaml", old);
    project.run(&["validate", "--verbose"]).expect_code(0).expect_output(
        "warning[stale_facts] sources: the newest source of these facts is older than 365 days: traffic",
    );
}

#[test]
fn a_counted_text_needs_every_plural_form_of_its_language() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write(
        "content/site.yaml",
        std::fs::read_to_string(crate::util::repo_root().join("content/site.yaml")).unwrap(),
    );
    let ru = std::fs::read_to_string(project.path().join("content/i18n/ru.yaml")).unwrap();
    let start = ru.find("\ndata_lead:\n").unwrap() + 1;
    let end = start + ru[start..].find("\n  other:").unwrap();
    let end = end + 1 + ru[end + 1..].find('\n').unwrap();
    let plain = format!("{}data_lead: \"Все пункты пропуска ({{n}})\"{}", &ru[..start], &ru[end..]);
    project.write("content/i18n/ru.yaml", plain);
    let run = project.run(&["validate"]);
    run.expect_code(1).expect_output("error[missing_plural_forms] data_lead").expect_output("one, few, many, other");
}

#[test]
fn new_starts_a_record_that_validates_and_refuses_an_id_in_use() {
    let project = Project::empty();
    project.run(&["new", "checkpoint", "Қарасу"]).expect_code(0);
    let text = std::fs::read_to_string(project.path().join("content/checkpoints/qarasu.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../schema/checkpoint.schema.json\nid: qarasu\n"),
        "{text}"
    );
    assert!(text.contains("  kk: \"Қарасу\"") && text.contains("# aliases, border, counterpart"), "{text}");
    // Clean but for what a new record does not know yet: its facts, its source, its name in the
    // other languages.
    let run = project.run(&["validate", "--format", "json"]);
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = report["notices"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert!(codes.iter().all(|c| matches!(*c, "unknown_values" | "no_source" | "translation_coverage")), "{codes:?}");
    let again = project.run(&["new", "checkpoint", "Қарасу"]);
    again.expect_code(2);
    assert!(again.stderr.contains("exists"), "{}", again.stderr);
    project.run(&["new", "rule", "Crossing with a pet", "--category", "pets"]).expect_code(2);
    project.run(&["new", "rule", "Crossing with a pet", "--category", "documents"]).expect_code(0);
    project.run(&["validate"]).expect_code(0);
}

#[test]
fn a_figure_without_a_source_is_refused_at_its_line() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write(
        "content/rules/customs.md",
        "---\ntitle: Customs\ncategory: customs\nallowances:\n  - item: Cigarettes\n    amount: 200\n    unit: pieces\n\
         sources:\n  - url: https://example.org/a\n    as_of: 2026-01-01\n    retrieved: 2026-01-02\n---\n\
         Up to 3 litres of alcohol.\n\nUp to 5 kg of fish.[^a]\n\n[^a]: [A](https://example.org/a)\n",
    );
    let run = project.run(&["validate"]);
    run.expect_code(1)
        .expect_no_panic()
        .expect_output("content/rules/customs.md:6:13: error[number_without_source]")
        .expect_output("content/rules/customs.md:13:1: error[number_without_source]");
    assert!(!run.stdout.contains("customs.md:15:1"), "a cited figure is not reported:\n{}", run.stdout);
    // Naming the source for the amount and citing the paragraph settles both.
    let text = std::fs::read_to_string(project.path().join("content/rules/customs.md")).unwrap();
    let fixed = text
        .replace("    unit: pieces\n", "    unit: pieces\n    source: https://example.org/a\n")
        .replace("alcohol.\n", "alcohol.[^a]\n");
    project.write("content/rules/customs.md", fixed);
    let run = project.run(&["validate"]);
    assert!(!run.stdout.contains("number_without_source"), "{}", run.stdout);
}

#[test]
fn a_translation_older_than_the_text_it_translates_is_reported_at_its_date() {
    let project = Project::empty();
    project.write("content/checkpoints/alpha.yaml", checkpoint("alpha"));
    project.write("content/site.yaml", "title: {en: Test}\nlanguages: [en, ru, kk]\n");
    project.write(
        "content/rules/visa.md",
        "---\ntitle: Visas\ncategory: visa\nrevised: 2026-03-01\n---\nNo visa is needed.\n",
    );
    project.write(
        "content/rules/visa.ru.md",
        "---\ntitle: Визы\ncategory: visa\ntranslated_from: 2026-01-15\n---\nВиза не нужна.\n",
    );
    project.write(
        "content/rules/visa.kk.md",
        "---\ntitle: Виза\ncategory: visa\ntranslated_from: 2026-03-01\n---\nВиза керек емес.\n",
    );
    let run = project.run(&["validate"]);
    run.expect_no_panic().expect_output("content/rules/visa.ru.md:4:18: warning[translation_outdated]");
    assert!(!run.stdout.contains("visa.kk.md:4:18: warning[translation_outdated]"), "{}", run.stdout);
    // A translation that does not say what it translates is reported too.
    project.write("content/rules/visa.kk.md", "---\ntitle: Виза\ncategory: visa\n---\nВиза керек емес.\n");
    project.run(&["validate"]).expect_output("content/rules/visa.kk.md:1:1: warning[translation_undated]");
}
