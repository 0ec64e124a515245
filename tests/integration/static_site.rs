//! A built site served over HTTP for the browser tests, under the sub-path it is published at,
//! on 127.0.0.1: tower-http's `ServeDir` (as in `crossings serve`) nested in an axum router, on
//! the tests' runtime. The preview server itself is not used: it builds the site it serves and
//! adds its reload script to every page.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::oneshot;
use tower_http::services::ServeDir;

use crate::webdriver::RUNTIME;

/// The path the site is published under (its `base_url`'s).
pub const PREFIX: &str = "/crossings/";

/// `response`, never kept in the browser's HTTP cache: files carry their modification time, from
/// which a browser would otherwise guess them fresh for a while and answer from its cache (a
/// service worker's "network first" included) after the site has gone offline.
async fn uncached(mut response: axum::response::Response) -> axum::response::Response {
    let no_store = axum::http::HeaderValue::from_static("no-store");
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, no_store);
    response
}

/// A folder served until the test process ends, or until [`StaticSite::go_offline`].
pub struct StaticSite {
    /// The site's address, ending in [`PREFIX`].
    pub url: String,
    stop: Mutex<Option<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)>>,
}

impl StaticSite {
    /// Serve `dir` under [`PREFIX`] on a free port.
    pub fn serve(dir: &Path) -> StaticSite {
        let router = axum::Router::new()
            .nest_service(PREFIX.trim_end_matches('/'), ServeDir::new(dir))
            .layer(axum::middleware::map_response(uncached));
        let listener = RUNTIME.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a free port");
        let url = format!("http://{}{PREFIX}", listener.local_addr().expect("the bound address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = RUNTIME.spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            axum::serve(listener, router).with_graceful_shutdown(shutdown).await.expect("the test server");
        });
        StaticSite { url, stop: Mutex::new(Some((stop, server))) }
    }

    /// Take the site off the network, as when the signal is gone: open connections are closed
    /// and new ones refused.
    pub fn go_offline(&self) {
        let Some((stop, server)) = self.stop.lock().unwrap().take() else { return };
        let _ = stop.send(());
        RUNTIME
            .block_on(async { tokio::time::timeout(Duration::from_secs(10), server).await })
            .expect("the test server did not close its connections within 10 s")
            .expect("the test server");
    }
}
