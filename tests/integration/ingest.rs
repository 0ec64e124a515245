//! `crossings ingest`: against a local HTTP server for fetching, and on the
//! repository's content for merging, editors' edits and `--check`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::http_server::{Answer, serve, serve_logged};
use crate::util::Project;

const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Checkpoints</title></head><body>\
    <div class=\"share\">Share with friends</div><table class=\"checkpoints\"><tbody>\
    <tr><td>Testpoint</td><td>Otherside</td><td>Round the clock</td></tr></tbody></table></body></html>";

/// sources.yaml with one web source at `url`, names in `language`.
fn web_source(url: &str, language: &str) -> String {
    format!(
        "sources:\n  - id: web\n    url: {url}\n    snapshot:\n      path: snapshots/web.html\n    html:\n      \
         remove: [div.share]\n      tables:\n        - selector: table.checkpoints\n          language: {language}\n          \
         border: KG\n          columns: [name, counterpart, hours]\n"
    )
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(tree(&path));
        } else {
            out.insert(path.clone(), std::fs::read(&path).expect("read"));
        }
    }
    out
}

/// A project whose only source is `routes`' `/page`, served locally.
fn web_project(routes: Vec<(&str, Answer)>, language: &str) -> (Project, String) {
    let base = serve(routes);
    let project = Project::empty();
    project.write("content/sources.yaml", web_source(&format!("{base}/page"), language));
    (project, base)
}

/// Run ingest with `extra` flags, expect exit 2 with `needle`, and content/ unchanged.
#[track_caller]
fn expect_failure(project: &Project, extra: &[&str], needle: &str) {
    let before = tree(&project.path().join("content"));
    let mut args = vec!["ingest", "--allow-private"];
    args.extend_from_slice(extra);
    let run = project.run(&args);
    run.expect_code(2).expect_output(needle).expect_no_panic();
    assert_eq!(tree(&project.path().join("content")), before, "content/ changed on error");
}

fn read(project: &Project, relative: &str) -> String {
    std::fs::read_to_string(project.path().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn follows_redirects_and_keeps_a_snapshot_with_provenance() {
    let (project, _) =
        web_project(vec![("/page", Answer::redirect("/moved")), ("/moved", Answer::ok("text/html", PAGE))], "en");
    project.run(&["ingest", "--allow-private"]).expect_code(0).expect_no_panic();
    let record = read(&project, "content/checkpoints/testpoint.yaml");
    assert!(
        record.starts_with("# yaml-language-server: $schema=../schema/checkpoint.schema.json\nid: testpoint\n"),
        "{record}"
    );
    assert!(record.contains("hours:\n  kind: 24h\n  source_text: Round the clock\n"), "{record}");
    assert_eq!(read(&project, "content/snapshots/web.html"), PAGE);
    let sources = read(&project, "content/sources.yaml");
    assert!(
        sources.contains("      retrieved: 20")
            && sources.contains("      sha256: ")
            && sources.contains("charset: UTF-8"),
        "{sources}"
    );
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
    project.run(&["validate"]).expect_code(0);
}

#[test]
fn too_many_redirects_is_an_error() {
    let (project, _) = web_project(vec![("/page", Answer::redirect("/page"))], "en");
    expect_failure(&project, &["--max-redirects", "2"], "more than 2 redirects");
}

#[test]
fn a_slow_server_times_out() {
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", PAGE).after(Duration::from_secs(5)))], "en");
    let started = std::time::Instant::now();
    expect_failure(&project, &["--timeout", "0.5"], "--timeout");
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
}

#[test]
fn an_oversized_page_is_refused() {
    let big = format!("<html><body>{}</body></html>", "x".repeat(200_000));
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", big))], "en");
    expect_failure(&project, &["--max-bytes", "10000"], "larger than the limit of 10000 bytes");
}

#[test]
fn a_windows_1251_page_decodes() {
    let page = "<html><head><title>Пункты пропуска</title></head><body><p>Пункты пропуска через границу Республики \
        Казахстан с Кыргызской Республикой, режим работы.</p><table class=\"checkpoints\"><tbody>\
        <tr><td>Кордай</td><td>Ак-Жол</td><td>Круглосуточно</td></tr></tbody></table></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", bytes.into_owned()))], "ru");
    project.run(&["ingest", "--allow-private"]).expect_code(0).expect_no_panic();
    let record = read(&project, "content/checkpoints/korday.yaml");
    assert!(record.contains("name:\n  ru: Кордай\n") && record.contains("    ru: Ак-Жол\n"), "{record}");
    assert!(read(&project, "content/sources.yaml").contains("charset: windows-1251"));
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
}

#[test]
fn a_missing_page_is_an_error() {
    let (project, _) = web_project(vec![], "en");
    expect_failure(&project, &[], "404");
}

#[test]
fn a_non_html_answer_is_an_error() {
    let (project, _) = web_project(vec![("/page", Answer::ok("application/json", "{\"a\": 1}"))], "en");
    expect_failure(&project, &[], "application/json");
}

#[test]
fn malformed_html_still_reads_and_a_missing_table_is_an_error() {
    let broken = "<html><body><table class=checkpoints><tbody><tr><td>Testpoint<td>Otherside<td>Round the clock</table";
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", broken))], "en");
    project.run(&["ingest", "--allow-private"]).expect_code(0).expect_no_panic();
    assert!(read(&project, "content/checkpoints/testpoint.yaml").contains("    en: Otherside\n"));
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", "<p>redesigned <b>page"))], "en");
    expect_failure(&project, &[], "matched nothing");
}

#[test]
fn refuses_file_urls_and_private_addresses_without_the_flag() {
    let project = Project::empty();
    project.write("content/sources.yaml", web_source("file:///etc/passwd", "en"));
    expect_failure(&project, &[], "not an http(s) address");
    let (project, _) = web_project(vec![("/page", Answer::ok("text/html", PAGE))], "en");
    let before = tree(&project.path().join("content"));
    project.run(&["ingest"]).expect_code(2).expect_output("--allow-private");
    assert_eq!(tree(&project.path().join("content")), before);
}

#[test]
fn the_repository_is_the_output_of_an_offline_ingest() {
    let project = Project::from_repo();
    let before = tree(&project.path().join("content"));
    project.run(&["ingest", "--offline", "--check"]).expect_code(0).expect_output("agrees with the sources");
    project.run(&["ingest", "--offline"]).expect_code(0).expect_no_panic();
    assert_eq!(tree(&project.path().join("content")), before, "a second ingest changed content/");
}

#[test]
fn a_hand_edit_survives_a_re_ingest() {
    let project = Project::from_repo();
    let path = "content/checkpoints/khorgos.yaml";
    let edited = read(&project, path)
        .replace("  source_text: Almaty region, Panfilov district, village. Khorgos\n", "  source_text: Almaty region, Panfilov district, village. Khorgos\n  lat: 44.21\n  lon: 80.41\n  precision: settlement\n")
        .replace("notes: >-\n  The truck queue", "notes: >-\n  The road crossing is called Nur Zholy. The truck queue");
    project.write(path, &edited);
    project.run(&["ingest", "--offline"]).expect_code(0).expect_no_panic();
    assert_eq!(read(&project, path), edited);
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
}

#[test]
fn a_conflict_is_reported_and_the_editors_value_kept() {
    let project = Project::from_repo();
    // Bakhty's hours come from the seed page alone.
    let path = "content/checkpoints/bakhty.yaml";
    let edited = read(&project, path).replace(
        "  kind: daytime\n  source_text: During the daytime\n",
        "  kind: seasonal\n  season: {from: {month: 5}, to: {month: 10}}\n  source_text: During the daytime\n",
    );
    project.write(path, &edited);
    let page = read(&project, "content/snapshots/kz-crossing-rules.html");
    let (before, row) = page.split_at(page.find("Bakhty").unwrap());
    let page = format!("{before}{}", row.replacen("<td>During the daytime</td>", "<td>Round the clock</td>", 1));
    project.write("content/snapshots/kz-crossing-rules.html", page);
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(0).expect_output("warning[conflict] content/checkpoints/bakhty.yaml: hours.kind");
    let after = read(&project, path);
    assert!(after.contains("  kind: seasonal\n  season:\n    from:\n      month: 5\n    to:\n      month: 10\n  source_text: Round the clock\n"), "{after}");
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
}

#[test]
fn check_notices_a_changed_snapshot_and_writes_nothing() {
    let project = Project::from_repo();
    let tsv = read(&project, "content/snapshots/equeue-checkpoints.tsv").replace("Аксай – Илек", "Аксай – Илек-2");
    project.write("content/snapshots/equeue-checkpoints.tsv", tsv);
    let before = tree(&project.path().join("content"));
    let run = project.run(&["ingest", "--offline", "--check"]);
    run.expect_code(1).expect_output("content/checkpoints/aksay.yaml: counterpart.name.ru: `Илек` → `Илек-2`");
    run.expect_output("differs: content/sources.yaml (snapshot provenance)");
    assert_eq!(tree(&project.path().join("content")), before);
}

#[test]
fn a_local_page_makes_a_rule_document_and_lists() {
    let project = Project::empty();
    let page = "<html><body><article><h2>Visa regime</h2><p>Stay up to <strong>90 days</strong>.</p>\
        <p>Documents:</p><ol><li>Passport;</li><li>Migration card.</li></ol><h2>Other</h2><p>Not this.</p></article></body></html>";
    project.write("content/snapshots/page.html", page);
    project.write(
        "content/sources.yaml",
        "sources:\n  - id: local\n    path: snapshots/page.html\n    yields: [rules]\n    snapshot:\n      path: snapshots/page.html\n    \
         html:\n      content: article\n      rules:\n        - id: visa\n          category: visa\n          \
         parts: [{start: Visa regime, end: Other}]\n          lists: [{after: 'Documents:', kind: documents}]\n",
    );
    project.run(&["ingest"]).expect_code(0).expect_output("wrote: content/rules/visa.md (new)");
    let rule = read(&project, "content/rules/visa.md");
    assert!(rule.starts_with("---\ntitle: Visa regime\ncategory: visa\nlists:\n  - kind: documents\n"), "{rule}");
    assert!(
        rule.ends_with("---\nStay up to **90 days**.\n\nDocuments:\n\n1. Passport;\n2. Migration card.\n"),
        "{rule}"
    );
    assert!(read(&project, "content/sources.yaml").contains("sha256: "));
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
    project.run(&["validate"]).expect_code(0);
}

#[test]
fn a_rule_no_recipe_makes_any_more_keeps_its_file_and_leaves_the_base() {
    let project = Project::from_repo();
    let rule = read(&project, "content/rules/visa-regime.md");
    // An earlier ingest made the rule from a recipe that is gone.
    let base = read(&project, "content/snapshots/ingested.yaml");
    assert!(base.ends_with("\nrules: {}\n"), "no recipe makes a rule: {}", &base[base.len() - 200..]);
    let earlier =
        "\nrules:\n  visa-regime:\n    title: Visa regime\n    category: visa\n    body: |\n      Earlier text.\n";
    project.write("content/snapshots/ingested.yaml", base.replace("\nrules: {}\n", earlier));
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(0)
        .expect_output("note[rule_not_in_sources] rule `visa-regime`: no source's recipe makes it any more");
    assert_eq!(read(&project, "content/rules/visa-regime.md"), rule, "the editors' file is kept as it is");
    assert_eq!(read(&project, "content/snapshots/ingested.yaml"), base, "the rule leaves the base");
    // Said once: the next run has nothing to say of it, and nothing to write.
    let again = project.run(&["ingest", "--offline", "--check"]);
    again.expect_code(0).expect_output("agrees with the sources");
    assert!(!again.stdout.contains("rule_not_in_sources"), "{}", again.stdout);
}

#[test]
fn requests_say_who_is_asking() {
    let (base, log) = serve_logged(vec![("/page", Answer::ok("text/html", PAGE))]);
    let project = Project::empty();
    project.write("content/sources.yaml", web_source(&format!("{base}/page"), "en"));
    project.run(&["ingest", "--allow-private"]).expect_code(0);
    let requests = log.lock().expect("log").join("\n").to_lowercase();
    assert!(requests.contains("user-agent: crossings/"), "{requests}");
}

#[test]
fn a_malformed_record_stops_ingest_before_it_writes() {
    let project = Project::from_repo();
    project.write("content/checkpoints/khorgos.yaml", "id: khorgos\nname: [unclosed\n");
    let before = tree(&project.path().join("content"));
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(2).expect_output("content/checkpoints/khorgos.yaml:").expect_output("crossings validate");
    assert_eq!(tree(&project.path().join("content")), before);
}

/// A digest of two pages: one names a checkpoint on record in another spelling and says what
/// it is open to, one names a new checkpoint, and one (in Uzbek) names a checkpoint no record
/// has by a name ingest can use.
const DIGEST: &str = "pages:
  - id: news-2025
    url: https://news.example.kz/a
    title: Кордай работает круглосуточно
    publisher: Example News
    language: ru
    as_of: 2025-08-14
    retrieved: 2026-12-02
    statements:
      - {checkpoint: Қордай, border: KG, field: hours, value: круглосуточно}
      - {checkpoint: Қордай, border: KG, field: traffic.passenger, value: \"yes\"}
      - {checkpoint: Карасу, border: KG, field: modes.road, value: \"yes\"}
  - id: uz-2024
    url: https://news.example.uz/b
    title: Chegara
    language: uz
    as_of: 2024
    retrieved: 2026-12-02
    statements:
      - {checkpoint: Qoraqalpoq, border: UZ, field: modes.road, value: \"yes\"}
";

#[test]
fn a_digest_s_rows_match_merge_and_cite_their_pages() {
    let project = Project::empty();
    project.write(
        "content/checkpoints/korday.yaml",
        "id: korday\nname: {ru: Кордай}\nborder: KG\nmodes: {road: \"yes\"}\n",
    );
    project.write("content/digests/news.yaml", DIGEST);
    project.write(
        "content/sources.yaml",
        "sources:\n  - id: digest-news\n    title: News\n    path: digests/news.yaml\n    yields: [checkpoints]\n    digest: {}\n",
    );
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(0).expect_no_panic();
    // The page's spelling matched the record, which now cites the page with its date.
    let korday = read(&project, "content/checkpoints/korday.yaml");
    assert!(korday.contains("kind: 24h") && korday.contains("passenger: \"yes\""), "{korday}");
    assert!(korday.contains("url: https://news.example.kz/a") && korday.contains("as_of: 2025-08-14"), "{korday}");
    assert!(korday.contains("supports: [name, aliases, border, traffic.passenger, hours]"), "{korday}");
    assert!(korday.contains("aliases: [Qorday]"), "the page's spelling, romanised, is an alias: {korday}");
    // Placed at the one Korday near the border with Kyrgyzstan in the gazetteer: a namesake,
    // since no source states the settlement.
    assert!(korday.contains("precision: namesake") && korday.contains("GeoNames gazetteer: Korday"), "{korday}");
    // A checkpoint no record has gets one.
    assert!(read(&project, "content/checkpoints/karasu.yaml").contains("ru: Карасу"));
    // A row naming a checkpoint in a language ingest cannot give a name in is reported.
    assert!(
        run.stdout.contains("warning[unmatched] digest-news") && run.stdout.contains("Qoraqalpoq"),
        "{}",
        run.stdout
    );
    project.run(&["ingest", "--offline", "--check"]).expect_code(0).expect_output("agrees with the sources");
    // A statement that is not a field: an error at its line, nothing written.
    project.write("content/digests/news.yaml", DIGEST.replace("field: hours", "field: hourz"));
    let before = tree(&project.path().join("content"));
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(2);
    assert_eq!(tree(&project.path().join("content")), before, "a failed ingest writes nothing");
    assert!(run.stderr.contains("news.yaml:10:49:") && run.stderr.contains("`hourz` is not a field"), "{}", run.stderr);
}

#[test]
fn hours_are_read_into_a_schedule_and_words_not_understood_are_reported() {
    let project = Project::from_repo();
    let page = read(&project, "content/snapshots/kz-crossing-rules.html")
        .replacen(
            "<td>Pokitu</td><td>During the daytime</td>",
            "<td>Pokitu</td><td>пн–пт с 9 до 18 (перерыв 13:00–14:00) по времени Астаны</td>",
            1,
        )
        .replacen("<td>Zimunai</td><td>During the daytime</td>", "<td>Zimunai</td><td>по согласованию</td>", 1);
    project.write("content/snapshots/kz-crossing-rules.html", page);
    let run = project.run(&["ingest", "--offline"]);
    run.expect_code(0).expect_output("warning[hours_not_read] kz-crossing-rules: `4 | Maykapchagay");
    // The page is of 2021: Astana's clock was then UTC+6.
    let bakhty = read(&project, "content/checkpoints/bakhty.yaml");
    let wanted = "hours:\n  kind: schedule\n  schedule:\n    - days: [Mo, Tu, We, Th, Fr]\n      open: \"09:00\"\n      close: \"18:00\"\n      break:\n        start: \"13:00\"\n        end: \"14:00\"\n  utc_offset: +06:00\n";
    assert!(bakhty.contains(wanted), "{bakhty}");
    assert!(
        bakhty
            .contains("  utc_offset: +06:00\n  source_text: пн–пт с 9 до 18 (перерыв 13:00–14:00) по времени Астаны\n"),
        "{bakhty}"
    );
    let maykapchagay = read(&project, "content/checkpoints/maykapchagay.yaml");
    assert!(
        maykapchagay.contains("hours:\n  source_text: по согласованию\n"),
        "unread hours keep only their words: {maykapchagay}"
    );
    project.run(&["validate"]).expect_code(0);
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
}
