//! Live reload: the event stream open pages listen to (`/__crossings/events`, Server-Sent
//! Events), the script that listens (`/__crossings/reload.js`, added to HTML responses only,
//! never to the built files), and the page shown before the first good build.
//!
//! Events: `hello` on connecting (the current build's id, so a page that loaded an older build
//! reloads), `reload` after every good build, `problems` (JSON) when content was refused.

use std::sync::Mutex;

use tokio::sync::broadcast;

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

/// Events kept for a page that is slow to read; one further behind skips to the newest.
const QUEUE: usize = 16;

/// An event: its name and its data.
pub type Message = (&'static str, String);

/// The open pages' event streams.
pub struct Hub {
    sender: Mutex<Option<broadcast::Sender<Message>>>,
}

impl Default for Hub {
    fn default() -> Hub {
        Hub { sender: Mutex::new(Some(broadcast::channel(QUEUE).0)) }
    }
}

impl Hub {
    /// The events for one more page, unless too many are listening or the hub is closed.
    pub fn subscribe(&self) -> Option<broadcast::Receiver<Message>> {
        let sender = self.sender.lock().unwrap_or_else(|e| e.into_inner());
        sender.as_ref().filter(|s| s.receiver_count() < MAX_LISTENERS).map(broadcast::Sender::subscribe)
    }

    /// Send an event to every page listening.
    pub fn broadcast(&self, name: &'static str, data: &str) {
        if let Some(sender) = self.sender.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            let _ = sender.send((name, data.to_string()));
        }
    }

    /// End every stream (on shutdown).
    pub fn close(&self) {
        self.sender.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
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
    fn sends_to_every_page_listening_until_closed() {
        let hub = Hub::default();
        let mut kept = hub.subscribe().unwrap();
        drop(hub.subscribe().unwrap());
        hub.broadcast("reload", "{}");
        assert_eq!(kept.try_recv().unwrap(), ("reload", "{}".to_string()));
        hub.close();
        assert!(hub.subscribe().is_none());
        assert!(matches!(kept.try_recv(), Err(broadcast::error::TryRecvError::Closed)));
    }

    #[test]
    fn refuses_listeners_beyond_the_cap() {
        let hub = Hub::default();
        let listening: Vec<_> = (0..MAX_LISTENERS).map(|_| hub.subscribe().unwrap()).collect();
        assert!(hub.subscribe().is_none());
        drop(listening);
        assert!(hub.subscribe().is_some());
    }
}
