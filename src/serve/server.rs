//! Accepting connections (a thread each, up to a cap) and routing each request: the reload
//! script, the event stream, or a file of the site.

use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::http::{self, Method, Response};
use super::site::Preview;
use super::{files, reload};

/// Most connections handled at once (event streams included); more get a 503.
pub const MAX_CONNECTIONS: usize = 128;

/// How long a response may take to be written to a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Counts a connection while it is handled.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answer connections on `listener` until the process ends.
pub fn accept(listener: &TcpListener, preview: &Arc<Preview>) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // Out of file descriptors, say: let connections finish.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = Response::text(503, "too many connections; try again").write_to(&mut stream, true);
            continue;
        }
        let slot = Slot(active.clone());
        let preview = preview.clone();
        let spawned = std::thread::Builder::new().name("serve-connection".into()).spawn(move || {
            let _slot = slot;
            handle(stream, &preview);
        });
        if spawned.is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Read one request from `stream` and answer it.
fn handle(mut stream: TcpStream, preview: &Preview) {
    let _ = stream.set_read_timeout(Some(http::READ_TIMEOUT));
    let request = match http::read_request(&mut stream) {
        Ok(Some(request)) => request,
        Ok(None) => return,
        Err(refusal) => {
            let _ = refusal.write_to(&mut stream, true);
            http::close(&mut stream);
            return;
        }
    };
    let path = request.target.split('?').next().unwrap_or_default();
    if path == reload::EVENTS_PATH && request.method == Method::Get {
        return reload::stream(stream, preview);
    }
    let response = route(path, &request.target, preview);
    let _ = response.write_to(&mut stream, request.method == Method::Get);
    http::close(&mut stream);
}

fn route(path: &str, target: &str, preview: &Preview) -> Response {
    match path {
        reload::SCRIPT_PATH => Response::new(200, "text/javascript; charset=utf-8", reload::SCRIPT),
        reload::EVENTS_PATH => Response::new(200, "text/event-stream", Vec::new()),
        _ => files::respond(target, &preview.snapshot()),
    }
}
