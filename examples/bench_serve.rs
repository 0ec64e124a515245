//! Benchmark of `crossings serve` (issue 7): from saving a content file to the reloaded page
//! showing the change. Starts the server on a project folder, then, each round, renames a
//! checkpoint, times the `reload` event on `/__crossings/events` and the fetch of the page that
//! shows the new name. Run by `scripts/bench-serve.sh`, which builds the release binary.
//!
//! `bench_serve BINARY PROJECT_DIR [ROUNDS]` (PROJECT_DIR holds content/ and templates/; the
//! first name of its first checkpoint file is edited).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(binary), Some(project)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench_serve BINARY PROJECT_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(10);
    let (mut child, host, prefix) = start(binary, Path::new(project));
    let file = first_checkpoint(Path::new(project));
    let id = file.file_stem().unwrap().to_string_lossy().into_owned();
    let page = format!("{prefix}checkpoints/{id}/");
    let original = std::fs::read_to_string(&file).unwrap();
    let (mut to_event, mut to_page) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let marker = format!("Bench{round}x{}", std::process::id());
        let (event, shown) = measure(&host, &page, &file, &original, &marker);
        to_event.push(event);
        to_page.push(shown);
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(&file, &original).unwrap();
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let _ = child.wait();
    println!("{rounds} edits of {}", file.display());
    report("save -> reload event", &mut to_event);
    report("save -> page shows the change", &mut to_page);
}

/// Start `crossings serve --port 0` in `project`; its `host:port` and site prefix.
fn start(binary: &str, project: &Path) -> (Child, String, String) {
    let mut child = Command::new(binary)
        .current_dir(project)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start crossings serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("serving line");
    let url = line.split("http://").nth(1).expect("a URL").split_whitespace().next().unwrap().to_string();
    let (host, path) = url.split_once('/').unwrap();
    (child, host.to_string(), format!("/{path}"))
}

fn first_checkpoint(project: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project.join("content/checkpoints"))
        .expect("content/checkpoints")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.into_iter().next().expect("a checkpoint file")
}

/// One round: (save -> reload event, save -> page with the change), in milliseconds.
fn measure(host: &str, page: &str, file: &Path, original: &str, marker: &str) -> (f64, f64) {
    let mut events = TcpStream::connect(host).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(events, "GET /__crossings/events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    read_until(&mut events, "event: hello");
    let edited = rename(original, marker);
    let saved = Instant::now();
    std::fs::write(file, edited).unwrap();
    read_until(&mut events, "event: reload");
    let event = saved.elapsed();
    let body = get(host, page);
    let shown = saved.elapsed();
    assert!(body.contains(marker), "the page at {page} does not show {marker}");
    (event.as_secs_f64() * 1000.0, shown.as_secs_f64() * 1000.0)
}

/// `original` with the first name under `name:` (`  <lang>: <name>`) changed to `marker`.
fn rename(original: &str, marker: &str) -> String {
    let mut in_name = false;
    let mut done = false;
    let mut out = String::new();
    for line in original.lines() {
        if let Some((lang, _)) = line.strip_prefix("  ").and_then(|l| l.split_once(": ")).filter(|_| in_name && !done) {
            out.push_str(&format!("  {lang}: {marker}\n"));
            done = true;
            continue;
        }
        in_name = line == "name:";
        out.push_str(line);
        out.push('\n');
    }
    assert!(done, "no `name:` block to edit");
    out
}

fn read_until(reader: &mut BufReader<TcpStream>, wanted: &str) {
    let mut line = String::new();
    while line.trim_end() != wanted {
        line.clear();
        assert!(reader.read_line(&mut line).expect("event stream") > 0, "event stream closed");
    }
}

fn get(host: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}

fn report(what: &str, millis: &mut [f64]) {
    millis.sort_by(f64::total_cmp);
    let at = |q: f64| millis[((millis.len() - 1) as f64 * q).round() as usize];
    println!("{what}: median {:.0} ms, p90 {:.0} ms, max {:.0} ms", at(0.5), at(0.9), at(1.0));
}
