//! Live reload: the event stream open pages listen to (`/__crossings/events`, Server-Sent
//! Events), the script that listens (`/__crossings/reload.js`, added to HTML responses only,
//! never to the built files), and the page shown before the first good build.
//!
//! Events: `hello` on connecting (the current build's id, so a page that loaded an older build
//! reloads), `reload` after every good build, `problems` (JSON) when content was refused.

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::site::Preview;

/// The reload script, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("reload.js");

/// Where the reload script is served.
pub const SCRIPT_PATH: &str = "/__crossings/reload.js";

/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__crossings/events";

/// The page every path shows until the content first builds (the overlay says why).
pub const WAITING_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>crossings serve: no site yet</title>\n</head>\n<body>\n<h1>No site yet</h1>\n\
<p>The content has errors, so the site was not built. Fix them and save: this page reloads.</p>\n\
</body>\n</html>\n";

/// Most pages listening at once; more are refused (they retry).
const MAX_LISTENERS: usize = 64;

/// Events queued for one page before it counts as gone.
const QUEUE: usize = 16;

/// How often an idle stream gets a comment line, to notice pages that went away.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open pages' event queues.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<SyncSender<Arc<str>>>>,
}

impl Hub {
    /// A queue for one more page, unless too many are listening.
    pub fn subscribe(&self) -> Option<Receiver<Arc<str>>> {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        if listeners.len() >= MAX_LISTENERS {
            let ping: Arc<str> = Arc::from(": ping\n\n");
            listeners.retain(|l| l.try_send(ping.clone()).is_ok());
        }
        if listeners.len() >= MAX_LISTENERS {
            return None;
        }
        let (sender, receiver) = std::sync::mpsc::sync_channel(QUEUE);
        listeners.push(sender);
        Some(receiver)
    }

    /// Send an event to every page; pages that are gone or not reading are dropped.
    pub fn broadcast(&self, name: &str, data: &str) {
        let event: Arc<str> = Arc::from(event(name, data));
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|l| l.try_send(event.clone()).is_ok());
    }

    /// End every stream (on shutdown).
    pub fn close(&self) {
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// One Server-Sent Event.
pub fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Stream events to a page until it goes away or the server stops.
pub fn stream(mut stream: TcpStream, preview: &Preview) {
    let Some(events) = preview.hub.subscribe() else {
        let _ = super::http::Response::text(503, "too many pages are listening").write_to(&mut stream, true);
        return;
    };
    let snapshot = preview.snapshot();
    let mut first = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    );
    first.push_str(&event("hello", &serde_json::json!({ "build": snapshot.build }).to_string()));
    if let Some(problems) = &snapshot.problems {
        first.push_str(&event("problems", problems));
    }
    if send(&mut stream, &first).is_err() {
        return;
    }
    let _ = stream.set_write_timeout(Some(KEEP_ALIVE));
    loop {
        let sent = match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => send(&mut stream, &event),
            Err(RecvTimeoutError::Timeout) => send(&mut stream, ": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(stream: &mut TcpStream, text: &str) -> std::io::Result<()> {
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

/// `html` with the reload script added before `</head>` (or `</body>`, or at the end).
/// `build` is the id of the build the page comes from.
pub fn inject(mut html: Vec<u8>, build: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}?build={build}\" defer></script>\n");
    let at = find_tag(&html, b"</head>").or_else(|| find_tag(&html, b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn find_tag(html: &[u8], tag: &[u8]) -> Option<usize> {
    html.windows(tag.len()).position(|w| w.eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_end_of_head() {
        let html = inject(b"<html><head><title>x</title></HEAD><body></body></html>".to_vec(), "7-2");
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<script src=\"/__crossings/reload.js?build=7-2\" defer></script>\n</HEAD>"), "{html}");
        let bare = String::from_utf8(inject(b"plain".to_vec(), "1")).unwrap();
        assert!(bare.starts_with("plain<script"), "{bare}");
    }

    #[test]
    fn events_carry_every_data_line() {
        assert_eq!(event("problems", "{\"a\":\n1}"), "event: problems\ndata: {\"a\":\ndata: 1}\n\n");
    }

    #[test]
    fn drops_pages_that_went_away() {
        let hub = Hub::default();
        let kept = hub.subscribe().unwrap();
        drop(hub.subscribe().unwrap());
        hub.broadcast("reload", "{}");
        assert_eq!(hub.listeners.lock().unwrap().len(), 1);
        assert!(kept.try_recv().unwrap().contains("event: reload"));
    }
}
