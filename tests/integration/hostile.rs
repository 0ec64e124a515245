//! Hostile input end to end: every case runs through `validate`, `build` and
//! `ingest --offline --check` with memory and time capped. Each must end with the right exit
//! code and a message naming the file and line, never a panic, never a write outside the
//! output folder, and never a change to an earlier output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::read_tree;
use crate::util::Project;

/// Address space cap for every run, MiB (a build of today's content needs well under 1 GiB).
const MEMORY_MIB: u64 = 2048;
/// Time cap for every run, seconds.
const SECONDS: u64 = 60;

/// One hostile case: files written into a copy of the repository, and what validate must say.
struct Case {
    name: &'static str,
    files: Vec<(String, Vec<u8>)>,
    /// Exit code of `validate` (0: the input is odd but acceptable).
    code: i32,
    /// `path:line` (or `path:line:column`) the report must name; empty for clean cases.
    names: String,
}

fn case(name: &'static str, file: &str, bytes: impl Into<Vec<u8>>, code: i32, location: &str) -> Case {
    let names = if location.is_empty() { String::new() } else { format!("content/{file}:{location}") };
    Case { name, files: vec![(format!("content/{file}"), bytes.into())], code, names }
}

fn valid(id: &str) -> String {
    format!("id: {id}\nname: {{en: {id}}}\nborder: CN\ncounterpart: {{country: CN}}\n")
}

fn alias_bomb() -> String {
    let mut bomb = String::from("a: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n");
    for i in 0..10 {
        let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!("b{i}: &b{i} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    bomb
}

fn cases() -> Vec<Case> {
    let cp = "checkpoints";
    let huge = "# padding line of a huge file\n".repeat(50 * 1024 * 1024 / 30);
    let long_scalar = format!("{}notes: \"{}\"\n", valid("long"), "x".repeat(1_000_000));
    vec![
        case("unclosed flow", &format!("{cp}/unclosed.yaml"), "id: unclosed\nname: {en: [x\n", 1, "2:12"),
        case("bad indentation", &format!("{cp}/indent.yaml"), "id: indent\nname:\n  en: A\n ru: B\n", 1, "4:2"),
        case("unterminated quote", &format!("{cp}/quote.yaml"), "id: quote\nname: {en: \"A}\n", 1, "2:12"),
        case("bad escape", &format!("{cp}/escape.yaml"), "id: escape\nname: {en: \"\\q\"}\n", 1, "2:12"),
        case("two documents", &format!("{cp}/docs.yaml"), format!("{}---\n{}", valid("docs"), valid("docs")), 1, "5:1"),
        case("undefined alias", &format!("{cp}/alias.yaml"), "id: alias\nname: *nowhere\n", 1, "2:7"),
        case("python tag", &format!("{cp}/tag.yaml"), "id: tag\nname: !!python/object:os.system {en: x}\n", 1, "2:"),
        case("alias bomb", &format!("{cp}/bomb.yaml"), alias_bomb(), 1, "1:1"),
        case(
            "deep flow nesting",
            &format!("{cp}/deep.yaml"),
            format!("id: deep\nname: {{en: x}}\naliases: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            1,
            "3:",
        ),
        case(
            "deep block nesting",
            &format!("{cp}/block.yaml"),
            (0..1000).map(|i| format!("{}k:\n", " ".repeat(i))).collect::<String>(),
            1,
            "1:1",
        ),
        case("fifty megabytes", &format!("{cp}/huge.yaml"), huge, 1, "1:1"),
        case("a megabyte scalar", &format!("{cp}/long.yaml"), long_scalar, 0, ""),
        case("latin-1 bytes", &format!("{cp}/latin.yaml"), b"id: latin\nname: {en: Caf\xe9}\n".to_vec(), 1, "2:15"),
        case("utf-16", &format!("{cp}/utf16.yaml"), b"\xff\xfei\x00d\x00:\x00".to_vec(), 1, "1:1"),
        case("nul byte", &format!("{cp}/nul.yaml"), "id: nul\nname: {en: \"a\0b\"}\n", 1, "2:14"),
        case("byte order mark", &format!("{cp}/bom.yaml"), format!("\u{feff}{}", valid("bom")), 0, ""),
        case("crlf", &format!("{cp}/crlf.yaml"), valid("crlf").replace('\n', "\r\n"), 0, ""),
        case("tabs", &format!("{cp}/tabs.yaml"), "id: tabs\nname:\n\ten: Tabs\n", 1, "3:1"),
        case("duplicate keys", &format!("{cp}/dup.yaml"), "id: dup\nname: {en: A}\nid: dup\n", 1, "3:1"),
        case("unknown field", &format!("{cp}/unknown.yaml"), format!("{}colour: red\n", valid("unknown")), 1, "5:1"),
        case(
            "misspelt field",
            &format!("{cp}/misspelt.yaml"),
            format!("{}lattitude: 4\n", valid("misspelt")),
            1,
            "5:1",
        ),
        case("wrong type", &format!("{cp}/wrong.yaml"), "id: wrong\nname: Just a string\n", 1, "2:7"),
        case("id with separators", &format!("{cp}/x.yaml"), valid("../../x"), 1, "1:5"),
        case("id with a slash", &format!("{cp}/y.yaml"), valid("a/b"), 1, "1:5"),
        case("zero-width id", &format!("{cp}/z.yaml"), valid("z\u{200b}"), 1, "1:5"),
        Case {
            name: "right-to-left override in a name",
            files: vec![(format!("content/{cp}/rtl.yaml"), "id: rtl\nname: {en: \"gnp.\u{202e}exe\"}\n".into())],
            code: 0,
            names: format!("content/{cp}/rtl.yaml:2:7: warning[suspicious_unicode]"),
        },
        case("empty file", &format!("{cp}/empty.yaml"), "", 1, "1:1"),
        case("only whitespace", &format!("{cp}/blank.yaml"), " \n\n  \n", 1, "1:1"),
        case(
            "javascript link in notes",
            &format!("{cp}/js.yaml"),
            format!("{}notes: \"[x](javascript:alert(1))\"\n", valid("js")),
            1,
            "5:",
        ),
        case(
            "data link in notes",
            &format!("{cp}/data.yaml"),
            format!("{}notes: \"[x](data:text/html,<script>alert(1)</script>)\"\n", valid("data")),
            1,
            "5:",
        ),
        case(
            "raw html in notes",
            &format!("{cp}/raw.yaml"),
            format!("{}notes: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"\n", valid("raw")),
            0,
            "",
        ),
        case("unclosed front matter", "rules/open.md", "---\ntitle: Open\ncategory: visa\n", 1, "1:1"),
        case(
            "rule with raw html",
            "rules/raw.md",
            "---\ntitle: Raw\ncategory: visa\n---\n<script>alert(1)</script>\n<a href=\"javascript:alert(2)\">x</a>\n",
            0,
            "",
        ),
        Case {
            name: "two files claiming one id",
            files: vec![
                (format!("content/{cp}/one.yaml"), valid("one").into_bytes()),
                (format!("content/{cp}/two.yaml"), valid("one").into_bytes()),
            ],
            code: 1,
            names: format!("content/{cp}/two.yaml:1:5"),
        },
    ]
}

/// Every file under the project except the output folder and `except`.
fn project_files(root: &Path, except: &[PathBuf]) -> BTreeMap<PathBuf, Vec<u8>> {
    read_tree(root).into_iter().filter(|(p, _)| !p.starts_with("output") && !except.contains(p)).collect()
}

fn check_case(case: &Case, project: &Project, earlier: &BTreeMap<PathBuf, Vec<u8>>) {
    let added: Vec<PathBuf> = case.files.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let before = project_files(project.path(), &added);
    let run = project.run_bounded(&["validate"], MEMORY_MIB, SECONDS);
    assert_eq!(run.code, Some(case.code), "{}: validate\n{}", case.name, run.output());
    assert!(!run.stderr.contains("panicked"), "{}: {}", case.name, run.output());
    assert!(run.stdout.contains(&case.names), "{}: report does not name {:?}\n{}", case.name, case.names, run.output());
    let run = project.run_bounded(&["build"], MEMORY_MIB, SECONDS);
    assert_eq!(run.code, Some(case.code), "{}: build\n{}", case.name, run.output());
    assert!(!run.stderr.contains("panicked"), "{}: {}", case.name, run.output());
    if case.code != 0 {
        assert!(
            read_tree(&project.path().join("output")) == *earlier,
            "{}: a refused build changed the output",
            case.name
        );
    } else {
        let site = read_tree(&project.path().join("output"));
        for (path, bytes) in site.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")) {
            let page = String::from_utf8_lossy(bytes).to_lowercase();
            assert!(
                !page.contains("<script>alert") && !page.contains("javascript:") && !page.contains("onerror="),
                "{}: {} carries live script",
                case.name,
                path.display()
            );
        }
    }
    let run = project.run_bounded(&["ingest", "--offline", "--check"], MEMORY_MIB, SECONDS);
    assert!(matches!(run.code, Some(0..=2)), "{}: ingest\n{}", case.name, run.output());
    assert!(!run.stderr.contains("panicked"), "{}: {}", case.name, run.output());
    assert!(
        project_files(project.path(), &added) == before,
        "{}: a file outside the output folder was written",
        case.name
    );
}

#[test]
fn the_hostile_corpus_is_refused_cleanly() {
    let cases = cases();
    for case in &cases {
        let project = Project::from_repo();
        project.run(&["build"]).expect_code(0);
        let earlier = read_tree(&project.path().join("output"));
        for (path, bytes) in &case.files {
            project.write(path, bytes);
        }
        check_case(case, &project, &earlier);
    }
    assert!(cases.len() >= 30, "{} cases", cases.len());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_content_and_loops_are_refused() {
    let project = Project::from_repo();
    project.run(&["build"]).expect_code(0);
    let earlier = read_tree(&project.path().join("output"));
    project.write("outside.yaml", valid("outside"));
    let cp = project.path().join("content/checkpoints");
    std::os::unix::fs::symlink(project.path().join("outside.yaml"), cp.join("outside.yaml")).unwrap();
    std::os::unix::fs::symlink(cp.join("loop-b.yaml"), cp.join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink(cp.join("loop-a.yaml"), cp.join("loop-b.yaml")).unwrap();
    let run = project.run_bounded(&["validate"], MEMORY_MIB, SECONDS);
    assert_eq!(run.code, Some(1), "{}", run.output());
    assert!(
        run.stdout.contains("content/checkpoints/outside.yaml:1:1: error[symlink_outside_content]"),
        "{}",
        run.output()
    );
    assert!(run.stdout.contains("content/checkpoints/loop-a.yaml:1:1: error[unreadable_file]"), "{}", run.output());
    project.run_bounded(&["build"], MEMORY_MIB, SECONDS).expect_code(1);
    assert!(read_tree(&project.path().join("output")) == earlier);
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_the_previous_site_or_none() {
    let project = Project::from_repo();
    let khorgos = std::fs::read_to_string(project.path().join("content/checkpoints/khorgos.yaml")).unwrap();
    for i in 0..1500 {
        project.write(
            &format!("content/checkpoints/copy-{i}.yaml"),
            khorgos.replace("id: khorgos", &format!("id: copy-{i}")),
        );
    }
    project.run(&["build"]).expect_code(0);
    let earlier = read_tree(&project.path().join("output"));
    let binary = assert_cmd::cargo::cargo_bin("crossings");
    for delay_ms in [20, 80, 200, 400, 800] {
        let mut child = std::process::Command::new(&binary)
            .current_dir(project.path())
            .arg("build")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let after_kill = read_tree(&project.path().join("output"));
        assert!(after_kill.is_empty() || after_kill == earlier, "killed after {delay_ms} ms: the site is half-written");
        project.run(&["build"]).expect_code(0);
        assert!(read_tree(&project.path().join("output")) == earlier, "the next build after a kill at {delay_ms} ms");
        let leftovers: Vec<_> = std::fs::read_dir(project.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().starts_with(".output"))
            .collect();
        assert!(leftovers.is_empty(), "leftovers after a kill at {delay_ms} ms: {leftovers:?}");
    }
}
