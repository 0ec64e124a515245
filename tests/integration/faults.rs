//! Ingest against misbehaving servers: refused connections, bodies cut off, slow
//! drips, endless bodies, gzip bombs and a wrong character set. Each ends with a clear error
//! (or a correct result) within the configured limits, and leaves content/ untouched.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::read_tree;
use crate::util::Project;

/// sources.yaml with one web source at `url`.
fn web_source(url: &str) -> String {
    format!(
        "sources:\n  - id: web\n    url: {url}\n    snapshot:\n      path: snapshots/web.html\n    html:\n      \
         tables:\n        - selector: table.checkpoints\n          language: ru\n          border: KG\n          \
         columns: [name, counterpart, hours]\n"
    )
}

/// A server on 127.0.0.1 that runs `misbehave` on each connection (after reading the request).
fn misbehaving(misbehave: fn(TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/page", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(5).flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head);
                misbehave(stream);
            });
        }
    });
    url
}

fn project_for(url: &str) -> Project {
    let project = Project::empty();
    project.write("content/sources.yaml", web_source(url));
    project
}

fn content_of(project: &Project) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    read_tree(&project.path().join("content"))
}

/// Run ingest with `flags` under a 512 MiB cap; expect exit 2 naming `needle`, within `within`.
#[track_caller]
fn expect_refused(project: &Project, flags: &[&str], needle: &str, within: Duration) {
    let before = content_of(project);
    let mut args = vec!["ingest", "--allow-private"];
    args.extend_from_slice(flags);
    let started = Instant::now();
    let run = project.run_bounded(&args, 512, 60);
    assert_eq!(run.code, Some(2), "{}", run.output());
    assert!(run.stderr.to_lowercase().contains(&needle.to_lowercase()), "missing {needle:?}\n{}", run.output());
    assert!(!run.stderr.contains("panicked"), "{}", run.output());
    assert!(started.elapsed() < within, "took {:?}", started.elapsed());
    assert!(content_of(project) == before, "content/ changed");
}

#[test]
fn connection_refused() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let project = project_for(&format!("http://127.0.0.1:{port}/page"));
    expect_refused(&project, &[], "127.0.0.1", Duration::from_secs(10));
}

#[test]
fn reset_in_the_middle_of_the_body() {
    let url = misbehaving(|mut s| {
        let _ =
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body>");
        let _ = s.write_all(&[b'x'; 2000]);
        let _ = s.shutdown(std::net::Shutdown::Both);
    });
    expect_refused(&project_for(&url), &[], "web", Duration::from_secs(10));
}

#[test]
fn a_slow_drip_hits_the_timeout() {
    let url = misbehaving(|mut s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n");
        for _ in 0..100 {
            if s.write_all(b"x").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    expect_refused(&project_for(&url), &["--timeout", "1"], "--timeout", Duration::from_secs(6));
}

#[test]
fn an_endless_body_stops_at_the_size_limit() {
    let url = misbehaving(|mut s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n");
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..16 * 1024 {
            if s.write_all(&chunk).is_err() {
                return;
            }
        }
    });
    expect_refused(&project_for(&url), &["--max-bytes", "1000000"], "1000000", Duration::from_secs(20));
}

#[test]
fn a_gzip_bomb_stops_at_the_size_limit() {
    let zeros = std::process::Command::new("sh")
        .args(["-c", "head -c 300000000 /dev/zero | gzip -9 -c"])
        .output()
        .expect("gzip");
    assert!(zeros.stdout.len() < 1_000_000, "{} bytes compressed", zeros.stdout.len());
    BOMB.set(zeros.stdout).unwrap();
    let url = misbehaving(|mut s| {
        let bomb = BOMB.get().unwrap();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            bomb.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(bomb);
    });
    expect_refused(&project_for(&url), &["--max-bytes", "1000000"], "1000000", Duration::from_secs(20));
}

static BOMB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

#[test]
fn a_page_in_the_wrong_character_set_is_read_right_or_refused() {
    let url = misbehaving(|mut s| {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><table class=\"checkpoints\"><tbody>\
                    <tr><td>Кордай</td><td>Ак-Жол</td><td>Круглосуточно</td></tr></tbody></table></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            bytes.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(&bytes);
    });
    let project = project_for(&url);
    let before = content_of(&project);
    let run = project.run_bounded(&["ingest", "--allow-private"], 512, 60);
    assert!(!run.stderr.contains("panicked"), "{}", run.output());
    match run.code {
        Some(0) => {
            let record = std::fs::read_to_string(project.path().join("content/checkpoints/korday.yaml")).unwrap();
            assert!(record.contains("ru: Кордай"), "mis-decoded: {record}");
        }
        Some(2) => assert!(content_of(&project) == before, "content/ changed on error"),
        other => panic!("exit {other:?}\n{}", run.output()),
    }
    assert!(!Path::new(&project.path().join("content/checkpoints/korday.yaml")).exists() || run.code == Some(0));
}
