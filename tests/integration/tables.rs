//! `crossings ingest` on tables as government and news pages write them: merged cells, columns
//! named by their headers, footnotes, windows-1251 without a declaration, Kazakh, names spelt
//! otherwise than the records'; errors at the recipe's line.

use crate::util::Project;

/// sources.yaml with one local page and the table recipe `table` (lines indented under `tables:`).
fn local_source(table: &str) -> String {
    format!(
        "sources:\n  - id: page\n    path: snapshots/page.html\n    yields: [checkpoints]\n    snapshot:\n      \
         path: snapshots/page.html\n    html:\n      tables:\n{table}"
    )
}

fn read(project: &Project, relative: &str) -> String {
    std::fs::read_to_string(project.path().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A page of the border with Kyrgyzstan: a two-row header whose "Наименование" spans two
/// columns, a region cell spanning two rows, a kind cell spanning two columns, a row without a
/// name and a footnote across the table.
const KG_PAGE: &str = "<html><head><title>Пункты пропуска</title></head><body>\
    <p>Перечень пунктов пропуска через государственную границу Республики Казахстан с Кыргызской Республикой.</p>\
    <table class=\"list\"><thead>\
    <tr><th rowspan=\"2\">№</th><th rowspan=\"2\">Режим  работы</th><th colspan=\"2\">Наименование пункта пропуска</th>\
    <th rowspan=\"2\">Вид</th><th rowspan=\"2\">Характер</th><th rowspan=\"2\">Статус</th><th rowspan=\"2\">Область</th>\
    <th rowspan=\"2\">Примечание</th></tr>\
    <tr><th>казахстанский</th><th>сопредельный</th></tr></thead><tbody>\
    <tr><td>1</td><td>круглосуточно</td><td>Кордай</td><td>Ак-Жол</td><td>автомобильный (грузовой)</td><td>грузовой</td>\
    <td>открыт</td><td rowspan=\"3\">Жамбылская область</td><td>расширен в 2020 году</td></tr>\
    <tr><td>2</td><td>в дневное время</td><td>Карасу</td><td>Кара-Суу</td><td colspan=\"2\">пешеходный, пассажирский</td>\
    <td>на реконструкции</td><td></td></tr>\
    <tr><td>3</td><td>круглосуточно</td><td></td><td>Чон-Капка</td><td>автомобильный</td><td>пассажирский</td><td></td><td></td></tr>\
    <tr><td colspan=\"9\">* Примечание: режим работы указан по местному времени.</td></tr>\
    </tbody></table></body></html>";

const KG_RECIPE: &str = "        - selector: table.list\n          language: ru\n          border: KG\n          columns:\n            \
    name: Казахстанский\n            counterpart: сопредельный\n            hours: режим работы\n            modes: Вид\n            \
    traffic: Характер\n            status: Статус\n            region: Область\n            notes: Примечание\n";

#[test]
fn a_windows_1251_page_with_merged_cells_and_header_named_columns() {
    let project = Project::empty();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(KG_PAGE);
    assert!(!KG_PAGE.contains("charset"));
    project.write("content/snapshots/page.html", bytes.as_ref());
    project.write("content/sources.yaml", local_source(KG_RECIPE));
    let run = project.run(&["ingest"]);
    run.expect_code(0).expect_no_panic();
    let korday = read(&project, "content/checkpoints/korday.yaml");
    for line in [
        "  ru: Кордай\n",
        "    ru: Ак-Жол\n",
        "modes:\n  road: \"yes\"\ntraffic:\n  cargo: \"yes\"\n",
        "  source_text: круглосуточно\n",
        "status:\n  state: open\n",
        "  region: KZ-31\n",
        "notes: расширен в 2020 году\n",
    ] {
        assert!(korday.contains(line), "{line:?} in\n{korday}");
    }
    assert!(!korday.contains("passenger"), "the page says nothing of passengers at Кордай: {korday}");
    let karasu = read(&project, "content/checkpoints/karasu.yaml");
    for line in ["modes:\n  pedestrian: \"yes\"\ntraffic:\n  passenger: \"yes\"\n", "state: suspended", "region: KZ-31"]
    {
        assert!(karasu.contains(line), "{line:?} in\n{karasu}");
    }
    assert!(read(&project, "content/sources.yaml").contains("charset: windows-1251"));
    // The row without a name and the footnote are reported at the recipe, and left out.
    run.expect_output("note[row_without_name] content/sources.yaml:9:21: source `page`: a row without a name, left out: `3 | круглосуточно | Чон-Капка");
    run.expect_output("note[footnote_row] content/sources.yaml:9:21:");
    assert_eq!(std::fs::read_dir(project.path().join("content/checkpoints")).unwrap().count(), 2);
    project.run(&["ingest", "--offline", "--check"]).expect_code(0).expect_output("agrees with the sources");
    project.run(&["validate"]).expect_code(0);
}

#[test]
fn a_kazakh_page_gives_each_row_its_border_from_the_neighbour_named() {
    let project = Project::empty();
    let page = "<html><head><meta charset=\"utf-8\"></head><body><table><tbody>\
        <tr><th>Өткізу пункті</th><th>Көрші мемлекет</th><th>Шекаралас пункт</th><th>Түрі</th><th>Жұмыс уақыты</th></tr>\
        <tr><td>Қордай</td><td>Қырғыз Республикасы</td><td>Ақ-Жол</td><td>автомобиль, жаяу</td><td>тәулік бойы</td></tr>\
        <tr><td>Алтынкөл</td><td>Қытай</td><td>Қорғас</td><td>теміржол, жүк</td><td>тәулік бойы</td></tr>\
        </tbody></table></body></html>";
    project.write("content/snapshots/page.html", page);
    project.write(
        "content/sources.yaml",
        local_source("        - selector: table\n          language: kk\n          columns: [name, counterpart_country, counterpart, modes, hours]\n"),
    );
    project.run(&["ingest"]).expect_code(0).expect_no_panic();
    let korday = read(&project, "content/checkpoints/qorday.yaml");
    assert!(korday.contains("  kk: Қордай\n") && korday.contains("border: KG\n"), "{korday}");
    assert!(korday.contains("modes:\n  road: \"yes\"\n  pedestrian: \"yes\"\n"), "{korday}");
    let altynkol = read(&project, "content/checkpoints/altynkol.yaml");
    assert!(altynkol.contains("border: CN\n") && altynkol.contains("  country: CN\n"), "{altynkol}");
    assert!(altynkol.contains("modes:\n  rail: \"yes\"\n"), "{altynkol}");
    project.run(&["ingest", "--offline", "--check"]).expect_code(0);
}

#[test]
fn names_spelt_otherwise_match_their_record_or_are_reported_never_duplicated() {
    let project = Project::empty();
    project.write(
        "content/checkpoints/sortobe.yaml",
        "id: sortobe\nname: {ru: Сортобе}\nborder: KG\ncounterpart: {name: {ru: Ак-Тилек}}\n",
    );
    project.write(
        "content/checkpoints/kaynar.yaml",
        "id: kaynar\nname: {ru: Кайнар}\nborder: KG\ncounterpart: {name: {ru: Кен-Булун}}\n",
    );
    let page = "<html><body><table><tr><td>Сартобе</td><td>Ак-Тилек</td></tr>\
        <tr><td>Кайнур</td><td>Жибек-Жолу</td></tr></table></body></html>";
    project.write("content/snapshots/page.html", page);
    project.write(
        "content/sources.yaml",
        local_source("        - selector: table\n          language: ru\n          border: KG\n          columns: [name, counterpart]\n"),
    );
    let run = project.run(&["ingest"]);
    run.expect_code(0).expect_no_panic();
    run.expect_output("warning[spelling_variant] page: `Сартобе | Ак-Тилек`: `Сартобе` is taken to be sortobe");
    run.expect_output("warning[ambiguous] page: `Кайнур | Жибек-Жолу`: `Кайнур` is spelt like one record on this border, none with its counterpart or region: kaynar");
    let sortobe = read(&project, "content/checkpoints/sortobe.yaml");
    assert!(sortobe.contains("name:\n  ru: Сортобе\n") && sortobe.contains("aliases: [Сартобе, Sartobe]"), "{sortobe}");
    let files = std::fs::read_dir(project.path().join("content/checkpoints")).unwrap().count();
    assert_eq!(files, 2, "no record is made for a spelling");
    // The next run matches through the alias and changes nothing.
    project.run(&["ingest", "--offline", "--check"]).expect_code(0).expect_output("agrees with the sources");
}

#[test]
fn a_recipe_s_problems_are_errors_at_its_line_with_the_row_quoted() {
    let project = Project::empty();
    project.write("content/snapshots/page.html", KG_PAGE);
    for (recipe, at, says) in [
        (KG_RECIPE.replace("notes: Примечание", "notes: Комментарий"), "content/sources.yaml:20:20:", "no column of the table is headed `Комментарий`"),
        (KG_RECIPE.replace("table.list", "table.gone"), "content/sources.yaml:9:21:", "`table.gone` matched nothing"),
        (KG_RECIPE.replace("modes: Вид", "colour: Вид"), "content/sources.yaml:16:13:", "colour"),
        (KG_RECIPE.replace("name: Казахстанский", "name: Наименование пункта пропуска"), "content/sources.yaml:13:19:", "heads 2 columns"),
        (
            "        - selector: table.list\n          language: ru\n          border: KG\n          columns: [skip, name, counterpart]\n".to_string(),
            "content/sources.yaml:12:20:",
            "a row has 9 cells where the recipe names 3 columns: `1 | круглосуточно | Кордай | Ак-Жол",
        ),
    ] {
        project.write("content/sources.yaml", local_source(&recipe));
        let run = project.run(&["ingest"]);
        run.expect_code(2).expect_no_panic().expect_output(at).expect_output(says);
        assert!(!project.path().join("content/checkpoints/korday.yaml").exists());
    }
}

/// A page of `n` checkpoints whose hours read `hours`.
fn many_rows(n: usize, hours: &str) -> String {
    let rows: String =
        (0..n).map(|i| format!("<tr><td>Пункт {i}</td><td>Сосед {i}</td><td>{hours}</td></tr>")).collect();
    format!("<html><head><meta charset=\"utf-8\"></head><body><table>{rows}</table></body></html>")
}

/// A project whose 120 records ingest made, one of them edited, and whose page has changed
/// since: the next ingest rewrites every record.
fn edited_project() -> Project {
    let project = Project::empty();
    project.write("content/snapshots/page.html", many_rows(120, "круглосуточно"));
    project.write(
        "content/sources.yaml",
        local_source("        - selector: table\n          language: ru\n          border: KG\n          columns: [name, counterpart, hours]\n"),
    );
    project.run(&["ingest"]).expect_code(0);
    let path = "content/checkpoints/punkt-7.yaml";
    project.write(path, format!("{}notes: An editor's note.\n", read(&project, path)));
    project.write("content/snapshots/page.html", many_rows(120, "в дневное время"));
    project
}

/// content/ with the times of retrieval left out (they differ from run to run).
fn content_tree(project: &Project) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = project.path().join("content");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !["reference", "geo", "i18n"].iter().any(|f| path.starts_with(root.join(f))) {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((path.strip_prefix(&root).unwrap().display().to_string(), masked(&text)));
            }
        }
    }
    out.sort();
    out
}

/// A file's text without its times of retrieval.
fn masked(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("retrieved: 20")).collect::<Vec<_>>().join("\n")
}

/// How far a run has got with its writes: temporary files staged, and records replaced.
fn progress(project: &Project, before: &[(String, String)]) -> (usize, usize) {
    let dir = project.path().join("content/checkpoints");
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let staged = names.iter().filter(|n| n.starts_with(".ingest-")).count();
    let replaced = before
        .iter()
        .filter(|(p, _)| p.starts_with("checkpoints/"))
        .filter(|(p, old)| {
            std::fs::read_to_string(project.path().join("content").join(p)).is_ok_and(|t| masked(&t) != *old)
        })
        .count();
    (staged, replaced)
}

#[cfg(unix)]
#[test]
fn an_ingest_killed_while_writing_is_finished_by_the_next() {
    let reference = edited_project();
    reference.run(&["ingest"]).expect_code(0);
    let expected = content_tree(&reference);
    assert!(expected.iter().any(|(p, t)| p.ends_with("punkt-7.yaml") && t.contains("An editor's note.")));
    let binary = assert_cmd::cargo::cargo_bin("crossings");
    // Killed once files are staged, after the first record is replaced, and halfway through.
    for (stage, (staged, replaced)) in [("staging", (1, 0)), ("renaming", (0, 1)), ("halfway", (0, 60))] {
        let project = edited_project();
        let before = content_tree(&project);
        let mut child = std::process::Command::new(&binary)
            .current_dir(project.path())
            .arg("ingest")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        loop {
            let (s, r) = progress(&project, &before);
            if child.try_wait().unwrap().is_some() || (s >= staged && r >= replaced) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let after_kill = content_tree(&project);
        assert!(finished || after_kill != before || stage == "staging", "the kill while {stage} hit nothing");
        let run = project.run(&["ingest"]);
        run.expect_code(0).expect_no_panic();
        assert!(!run.stdout.contains("conflict]"), "a false conflict after a kill while {stage}:\n{}", run.stdout);
        assert!(content_tree(&project) == expected, "the run after a kill while {stage} ended otherwise");
        project.run(&["ingest", "--offline", "--check"]).expect_code(0);
        eprintln!("killed while {stage}: {}", if finished { "the run had already finished" } else { "interrupted" });
    }
}
