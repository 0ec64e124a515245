//! `crossings serve`: the binary serving a project copy on an ephemeral port, spoken to
//! over plain TCP: pages and assets, live reload, refused content, path traversal, shutdown.
//! Every wait has a deadline, so a failing test fails instead of hanging.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

use crate::util::Project;

mod browser;
mod refused;

const WAIT: Duration = Duration::from_secs(30);

/// A running `crossings serve`, killed when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:port`.
    host: String,
    /// What it printed so far, both streams.
    printed: Arc<Mutex<String>>,
    /// The child's TMPDIR, where its build folder lives.
    tmp: tempfile::TempDir,
}

/// A response: status, head (lower-cased header names) and body.
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    fn start(project: &Project) -> Server {
        Server::start_with(project, &[], &[])
    }

    /// Start with more arguments and environment variables.
    fn start_with(project: &Project, args: &[&str], envs: &[(&str, &str)]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::cargo_bin("crossings")
            .unwrap()
            .current_dir(project.path())
            .env("TMPDIR", tmp.path())
            .envs(envs.iter().copied())
            .args(["serve", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start crossings serve");
        let printed = Arc::new(Mutex::new(String::new()));
        collect(child.stdout.take().unwrap(), &printed);
        collect(child.stderr.take().unwrap(), &printed);
        let mut server = Server { child, host: String::new(), printed, tmp };
        server.wait_for_output("serving http://");
        let text = server.output();
        let url = text.split("serving http://").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
        server.host = url.split('/').next().unwrap().to_string();
        server
    }

    fn output(&self) -> String {
        self.printed.lock().unwrap().clone()
    }

    #[track_caller]
    fn wait_for_output(&mut self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.output().contains(needle) {
            let exited = self.child.try_wait().unwrap();
            assert!(exited.is_none() && Instant::now() < deadline, "no {needle:?} in\n{}", self.output());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.host).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// Send `request` as is and read the whole response.
    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Reply { status, head: head.to_lowercase(), body: body.to_string() }
    }

    fn get(&self, target: &str) -> Reply {
        self.raw(format!("GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host).as_bytes())
    }

    fn events(&self) -> Events {
        let mut stream = self.connect();
        write!(stream, "GET /__crossings/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.host).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        Events { reader: BufReader::new(stream), name: String::new(), data: String::new() }
    }

    /// Send SIGINT (what Ctrl-C sends) and wait for the exit.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "did not stop on SIGINT:\n{}", self.output());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(stream: impl Read + Send + 'static, into: &Arc<Mutex<String>>) {
    let into = into.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            let mut text = into.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
}

/// An open event stream.
struct Events {
    reader: BufReader<TcpStream>,
    name: String,
    data: String,
}

impl Events {
    /// The next event named `wanted` (others are skipped), as its data.
    #[track_caller]
    fn next(&mut self, wanted: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no {wanted:?} event arrived");
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed before a {wanted:?} event"),
                Ok(_) => {}
                Err(_) => continue,
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(name) = line.strip_prefix("event: ") {
                self.name = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                self.data.push_str(data);
            } else if line.is_empty() {
                let (name, data) = (std::mem::take(&mut self.name), std::mem::take(&mut self.data));
                if name == wanted {
                    return data;
                }
            }
        }
    }
}

/// Break `bakhty.yaml` (an unknown border code); returns where validate points: `file:line:col`.
fn break_border(project: &Project) -> String {
    let file = "content/checkpoints/bakhty.yaml";
    edit(project, file, "\nborder: CN\n", "\nborder: XX\n");
    let text = std::fs::read_to_string(project.path().join(file)).unwrap();
    let line = text.lines().position(|l| l == "border: XX").unwrap() + 1;
    format!("{file}:{line}:9")
}

fn fix_border(project: &Project) {
    edit(project, "content/checkpoints/bakhty.yaml", "\nborder: XX\n", "\nborder: CN\n");
}

fn edit(project: &Project, relative: &str, from: &str, to: &str) {
    let path = project.path().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no {from:?}");
    project.write(relative, text.replacen(from, to, 1));
}

#[test]
fn serves_pages_and_assets_under_the_sub_path_with_their_types() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    assert!(server.output().contains(&format!("serving http://{}/crossings/", server.host)), "{}", server.output());
    let root = server.get("/");
    assert_eq!((root.status, root.head.contains("location: /crossings/")), (302, true), "{}", root.head);
    for (path, kind) in [
        ("/crossings/", "text/html; charset=utf-8"),
        ("/crossings/checkpoints/khorgos/", "text/html; charset=utf-8"),
        ("/crossings/static/style.css", "text/css"),
        ("/crossings/static/site.js", "text/javascript"),
        ("/crossings/data/checkpoints.geojson", "application/geo+json"),
        ("/crossings/data/checkpoints.json", "application/json"),
        ("/crossings/data/checkpoints.csv", "text/csv"),
        ("/crossings/sitemap.xml", "text/xml"),
        ("/crossings/robots.txt", "text/plain"),
        ("/__crossings/reload.js", "text/javascript"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.head);
        assert!(reply.head.contains(&format!("content-type: {kind}")), "{path}: {}", reply.head);
        assert!(!reply.body.is_empty(), "{path} is empty");
    }
    let page = server.get("/crossings/checkpoints/khorgos/");
    assert!(page.body.contains("<script src=\"/__crossings/reload.js?build="), "the reload script is injected");
    let folder = server.get("/crossings/checkpoints");
    assert_eq!(
        (folder.status, folder.head.contains("location: /crossings/checkpoints/")),
        (307, true),
        "{}",
        folder.head
    );
    let head = server
        .raw(format!("HEAD /crossings/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.host).as_bytes());
    assert_eq!((head.status, head.body.as_str()), (200, ""), "HEAD sends no body");
    assert!(head.head.contains("content-length: "), "{}", head.head);
}

#[test]
fn the_reload_script_never_reaches_built_files() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    let built = crate::build::read_tree(server.tmp.path());
    assert!(built.keys().any(|p| p.ends_with("index.html")), "the preview builds in its TMPDIR");
    for (path, bytes) in built {
        assert!(!String::from_utf8_lossy(&bytes).contains("__crossings"), "{} has the reload script", path.display());
    }
}

#[test]
fn unknown_pages_get_the_sites_404_page() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    for path in ["/crossings/no-such-page/", "/crossings/checkpoints/nowhere/", "/elsewhere.html"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.body.contains("Page not found"), "{path}: the site's 404 page:\n{}", reply.body);
        assert!(reply.body.contains("href=\"/crossings/static/style.css\""), "its links work in the preview");
    }
}

#[test]
fn a_saved_edit_reloads_open_pages_with_the_change() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    let mut events = server.events();
    events.next("hello");
    edit(&project, "content/checkpoints/khorgos.yaml", "  en: Khorgos", "  en: Khorgos Eastgate");
    let reload = events.next("reload");
    assert!(reload.contains("\"build\""), "{reload}");
    let page = server.get("/crossings/checkpoints/khorgos/");
    assert!(page.body.contains("Khorgos Eastgate"), "the page shows the edit");

    edit(&project, "templates/static/style.css", "", "/* edited */\n");
    events.next("reload");
    assert!(server.get("/crossings/static/style.css").body.starts_with("/* edited */"), "theme edits reload too");
}

#[test]
fn checkpoint_edits_update_the_build_in_place_and_template_edits_rebuild_it() {
    let project = Project::from_repo();
    let mut server = Server::start(&project);
    let mut events = server.events();
    events.next("hello");
    let folder = |server: &Server| server.get("/crossings/checkpoints/dostyk/").body.len();
    let before = folder(&server);

    edit(&project, "content/checkpoints/khorgos.yaml", "  en: Khorgos", "  en: Khorgos Eastgate");
    events.next("reload");
    server.wait_for_output("serve: updated ");
    assert!(server.get("/crossings/checkpoints/khorgos/").body.contains("Khorgos Eastgate"));
    assert!(server.get("/crossings/").body.contains("Khorgos Eastgate"), "the index lists the new name");
    assert!(server.get("/crossings/borders/cn/").body.contains("Khorgos Eastgate"), "so do border pages");
    assert_eq!(folder(&server), before, "a page the edit does not reach is the same");

    let removed = project.path().join("content/checkpoints/kegen.yaml");
    std::fs::remove_file(&removed).unwrap();
    events.next("reload");
    assert_eq!(server.get("/crossings/checkpoints/kegen/").status, 404, "a removed checkpoint's page is gone");
    assert_eq!(server.get("/crossings/kk/checkpoints/kegen/").status, 404, "in every language");
    assert!(!server.get("/crossings/").body.contains("checkpoints/kegen/"), "and no longer listed");

    edit(&project, "templates/checkpoint.html", "{% block main %}", "{% block main %}<p>Template edited</p>");
    events.next("reload");
    assert!(server.get("/crossings/checkpoints/dostyk/").body.contains("Template edited"), "templates rebuild all");
    // Built whole (the line follows the reload event, so wait for it).
    server.wait_for_output("serve: changed: templates/checkpoint.html\nserve: built in");
}

#[test]
fn invalid_content_keeps_the_last_good_site_and_a_fix_clears_it() {
    let project = Project::from_repo();
    let mut server = Server::start(&project);
    let mut events = server.events();
    events.next("hello");
    let location = break_border(&project);
    let problems = events.next("problems");
    let report: serde_json::Value = serde_json::from_str(&problems).unwrap();
    let first = &report["problems"][0];
    assert_eq!(first["location"], location.as_str(), "{report}");
    assert!(first["message"].as_str().unwrap().contains("XX"), "{report}");
    server.wait_for_output(&format!("{location}: error[invalid_value]"));
    let page = server.get("/crossings/checkpoints/bakhty/");
    assert_eq!(page.status, 200, "the last good build is still served");

    let mut late = server.events();
    assert!(late.next("problems").contains(&location), "a page opened now sees the problems too");
    fix_border(&project);
    events.next("reload");
    let mut after = server.events();
    after.next("hello");
    after.reader.get_mut().set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let mut rest = String::new();
    let _ = after.reader.read_line(&mut rest);
    assert!(!rest.contains("problems"), "fixed content has no problems left: {rest}");
}

#[test]
fn refuses_path_traversal_and_oversized_or_unexpected_requests() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    for target in [
        "/../../etc/passwd",
        "/crossings/../../../../etc/passwd",
        "/crossings/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/crossings/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/crossings/..%5c..%5c..%5cetc%5cpasswd",
        "/crossings/index.html%00.css",
        "/crossings/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    ] {
        let reply = server.get(target);
        assert!(matches!(reply.status, 400 | 404), "{target}: {}", reply.head);
        assert!(!reply.body.contains("root:"), "{target} leaked /etc/passwd");
    }
    let long = format!("GET /crossings/ HTTP/1.1\r\nHost: localhost\r\nX-Long: {}\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(server.raw(long.as_bytes()).status, 431);
    let post = "POST /crossings/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi";
    assert_eq!(server.raw(post.as_bytes()).status, 405);
    assert_eq!(server.get("/crossings/").status, 200, "still serving");
}

#[test]
fn refuses_requests_for_other_host_names() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    let port = server.host.rsplit(':').next().unwrap().to_string();
    for host in [format!("localhost:{port}"), server.host.clone(), format!("[::1]:{port}")] {
        let request = format!("GET /crossings/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(server.raw(request.as_bytes()).status, 200, "{host}");
    }
    // A page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding) gets nothing.
    for host in [format!("rebind.example:{port}"), "localhost.rebind.example".to_string()] {
        let request = format!("GET /crossings/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let reply = server.raw(request.as_bytes());
        assert_eq!(reply.status, 403, "{host}");
        assert!(!reply.body.contains("<html"), "{host}: no page");
    }
    let events = "GET /__crossings/events HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n";
    assert_eq!(server.raw(events.as_bytes()).status, 403);
}

#[test]
fn keeps_connections_open_for_more_requests_and_serves_ranges() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    let mut stream = server.connect();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for path in ["/crossings/static/style.css", "/crossings/", "/crossings/data/checkpoints.json"] {
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", server.host).unwrap();
        let (status, length) = read_head(&mut reader);
        assert_eq!(status, 200, "{path} on the same connection");
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
    }
    let request = format!(
        "GET /crossings/static/style.css HTTP/1.1\r\nHost: {}\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n",
        server.host
    );
    let reply = server.raw(request.as_bytes());
    assert_eq!((reply.status, reply.body.len()), (206, 10), "{}", reply.head);
}

/// The status and `Content-Length` of the next response on `reader`.
fn read_head(reader: &mut impl BufRead) -> (u16, usize) {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            return (status, length);
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
    }
}

#[test]
fn answers_many_requests_at_once() {
    let project = Project::from_repo();
    let server = Arc::new(Server::start(&project));
    let _listening: Vec<Events> = (0..8).map(|_| server.events()).collect();
    let workers: Vec<_> = (0..24)
        .map(|i| {
            let server = server.clone();
            std::thread::spawn(move || {
                let path = ["/crossings/", "/crossings/static/style.css", "/crossings/data/checkpoints.json"][i % 3];
                (0..5).map(|_| server.get(path).status).collect::<Vec<_>>()
            })
        })
        .collect();
    for worker in workers {
        assert!(worker.join().unwrap().iter().all(|&s| s == 200));
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_build_folder() {
    let project = Project::from_repo();
    let mut server = Server::start(&project);
    let _listening = server.events();
    assert_eq!(server.get("/crossings/").status, 200);
    let started = Instant::now();
    let status = server.interrupt();
    assert!(status.success(), "exit {status:?}\n{}", server.output());
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    let left: Vec<_> = std::fs::read_dir(server.tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!server.output().contains("panicked"), "{}", server.output());
    assert!(project.path().join("output").read_dir().is_err(), "output/ is never touched");
}

#[test]
fn open_without_a_desktop_still_serves() {
    let project = Project::from_repo();
    let empty = tempfile::tempdir().unwrap();
    let mut server = Server::start_with(&project, &["--open"], &[("PATH", empty.path().to_str().unwrap())]);
    server.wait_for_output("`xdg-open` not found");
    assert_eq!(server.get("/crossings/").status, 200);
}

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let project = Project::from_repo();
    let run = project.run(&["serve", "--port", "0", "--content", "nowhere"]);
    run.expect_code(2).expect_output("content folder `nowhere` not found");
}
