//! A tiny HTTP/1.1 server on 127.0.0.1 for the ingest tests: fixed answers per path, optionally
//! slow. It answers a bounded number of requests and stops by itself after a deadline.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Most connections one server answers.
const MAX_CONNECTIONS: usize = 50;
/// How long a server lives.
const LIFETIME: Duration = Duration::from_secs(60);

/// One canned answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// Extra headers, e.g. `("Content-Type", "text/html")`.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Answer {
    /// 200 with a body and content type.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer::status(200).header("Content-Type", content_type).body(body)
    }

    /// An empty answer with `status`.
    pub fn status(status: u16) -> Answer {
        Answer { status, headers: Vec::new(), body: Vec::new(), delay: Duration::ZERO }
    }

    /// A redirect to `location`.
    pub fn redirect(location: &str) -> Answer {
        Answer::status(301).header("Location", location)
    }

    /// This answer with a header.
    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// This answer with a body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Answer {
        self.body = body.into();
        self
    }

    /// This answer, late.
    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }
}

/// Serve `routes` (path → answer; anything else is 404) on a free port; returns the base URL.
pub fn serve(routes: Vec<(&str, Answer)>) -> String {
    serve_logged(routes).0
}

/// Like [`serve`], also returning the heads of the requests received.
pub fn serve_logged(routes: Vec<(&str, Answer)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let requests = Arc::clone(&log);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    listener.set_nonblocking(true).expect("non-blocking");
    let routes: Vec<(String, Answer)> = routes.into_iter().map(|(p, a)| (p.to_string(), a)).collect();
    thread::spawn(move || {
        let deadline = Instant::now() + LIFETIME;
        let mut served = 0;
        while Instant::now() < deadline && served < MAX_CONNECTIONS {
            match listener.accept() {
                Ok((stream, _)) => {
                    served += 1;
                    let (routes, requests) = (routes.clone(), Arc::clone(&requests));
                    thread::spawn(move || answer(stream, &routes, &requests));
                }
                Err(_) => thread::sleep(Duration::from_millis(10)),
            }
        }
    });
    (base, log)
}

fn answer(mut stream: TcpStream, routes: &[(String, Answer)], log: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&head).into_owned();
    if let Ok(mut log) = log.lock() {
        log.push(request.clone());
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let answer = routes.iter().find(|(p, _)| *p == path).map(|(_, a)| a.clone()).unwrap_or_else(|| Answer::status(404));
    thread::sleep(answer.delay);
    let mut out =
        format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n", answer.status, answer.body.len());
    for (name, value) in &answer.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&answer.body);
    let _ = stream.flush();
}
