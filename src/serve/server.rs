//! The preview's HTTP server, on axum: the reload script, the event stream, and the site's
//! files from the last good build (tower-http's `ServeDir`: HEAD, ranges, conditional requests,
//! keep-alive, and no path out of the folder), HTML with the reload script added, the site's
//! own 404 page, and requests for another host name refused.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceExt as _;
use tower_http::services::ServeDir;

use super::preview::Preview;
use super::reload;

/// Largest HTML page the preview adds its script to, in bytes; larger ones are sent as built.
const MAX_INJECTED_PAGE: usize = 16 * 1024 * 1024;

/// The routes, for `preview`.
pub fn router(preview: Arc<Preview>) -> Router {
    Router::new()
        .route(reload::SCRIPT_PATH, get(script))
        .route(reload::EVENTS_PATH, get(events))
        .fallback(site)
        .layer(axum::middleware::from_fn(only_local_names))
        .with_state(preview)
}

/// Serve `router` on `listener` until `stop` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    preview: Arc<Preview>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(preview)).with_graceful_shutdown(stop).await
}

/// Refuse a request whose `Host` is a name other than `localhost` (an IP address is fine):
/// a page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) cannot read the preview.
async fn only_local_names(request: Request, next: axum::middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if is_local_host(host) {
        return next.run(request).await;
    }
    let message = "403 Forbidden: the preview answers requests for localhost or an IP address only\n";
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

/// Whether a `Host` header names this machine by address or as `localhost` (any port).
pub fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            let Some((address, port)) = v6.split_once(']') else { return false };
            let port_ok = port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok());
            return port_ok && address.parse::<std::net::Ipv6Addr>().is_ok();
        }
        None => host.rsplit_once(':').filter(|(_, port)| port.parse::<u16>().is_ok()).map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], reload::SCRIPT).into_response()
}

/// The event stream: `hello` with the current build, the latest problems if any, then every
/// event the previewer broadcasts; a comment line keeps idle streams open.
async fn events(State(preview): State<Arc<Preview>>) -> Response {
    let Some(receiver) = preview.hub.subscribe() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many pages are listening\n").into_response();
    };
    let snapshot = preview.snapshot();
    let mut first =
        vec![Event::default().event("hello").data(serde_json::json!({ "build": snapshot.build }).to_string())];
    if let Some(problems) = &snapshot.problems {
        first.push(Event::default().event("problems").data(problems));
    }
    let later = futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok((name, data)) => return Some((Event::default().event(name).data(data), receiver)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let stream = futures_util::StreamExt::map(
        futures_util::StreamExt::chain(futures_util::stream::iter(first), later),
        Ok::<_, Infallible>,
    );
    let mut response = Sse::new(stream).keep_alive(KeepAlive::default()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file of the site: under the site's prefix, from the last good build.
async fn site(State(preview): State<Arc<Preview>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "405 Method Not Allowed\n")
            .into_response();
    }
    let snapshot = preview.snapshot();
    let path = request.uri().path().to_string();
    let prefix = snapshot.prefix.as_str();
    if path != prefix && (path == "/" || format!("{path}/") == prefix) {
        return redirect(StatusCode::FOUND, prefix);
    }
    let Some(dir) = snapshot.dir.clone() else {
        return html(StatusCode::SERVICE_UNAVAILABLE, reload::WAITING_PAGE.as_bytes().to_vec(), &snapshot.build);
    };
    let Some(rest) = path.strip_prefix(prefix) else {
        return not_found(&dir, &snapshot.build).await;
    };
    let page = rest.is_empty() || rest.ends_with('/') || rest.ends_with(".html");
    let mut inner = Request::builder().method(if page { Method::GET } else { request.method().clone() });
    inner = inner.uri(format!("/{rest}{}", request.uri().query().map(|q| format!("?{q}")).unwrap_or_default()));
    for (name, value) in request.headers() {
        // A page is sent whole (the script changes its length), so no range of it is asked for.
        if !(page && (name == header::RANGE || name == header::IF_RANGE)) {
            inner = inner.header(name, value);
        }
    }
    let Ok(inner) = inner.body(Body::empty()) else {
        return (StatusCode::BAD_REQUEST, "400 Bad Request\n").into_response();
    };
    let response = match ServeDir::new(&dir).oneshot(inner).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    match response.status() {
        StatusCode::NOT_FOUND => not_found(&dir, &snapshot.build).await,
        StatusCode::OK if is_html(&response) => add_script(response, &snapshot.build).await,
        status if status.is_redirection() => under_prefix(response, prefix),
        _ => response,
    }
}

/// A redirect `ServeDir` made (a folder asked for without its `/`), pointed back under the
/// site's prefix: it saw the path without it.
fn under_prefix(mut response: Response, prefix: &str) -> Response {
    let location = response.headers().get(header::LOCATION).and_then(|l| l.to_str().ok());
    let moved = location.and_then(|l| l.strip_prefix('/')).map(|rest| format!("{prefix}{rest}"));
    if let Some(value) = moved.and_then(|m| HeaderValue::from_str(&m).ok()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn is_html(response: &Response) -> bool {
    let kind = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    kind.starts_with("text/html")
}

/// `response` (a whole HTML page) with the reload script in it.
async fn add_script(response: Response, build: &str) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_INJECTED_PAGE).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "500: the page could not be read\n").into_response();
    };
    let page = reload::inject(bytes.to_vec(), build);
    parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(page.len()));
    // The page differs from the file: its validators no longer describe it.
    parts.headers.remove(header::ETAG);
    parts.headers.remove(header::LAST_MODIFIED);
    parts.headers.remove(header::ACCEPT_RANGES);
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    Response::from_parts(parts, Body::from(page))
}

/// The site's own 404 page (with status 404), or a plain one when the site has none.
async fn not_found(dir: &std::path::Path, build: &str) -> Response {
    match tokio::fs::read(dir.join("404.html")).await {
        Ok(page) => html(StatusCode::NOT_FOUND, page, build),
        Err(_) => (StatusCode::NOT_FOUND, "404 Not Found: no such page\n").into_response(),
    }
}

fn html(status: StatusCode, page: Vec<u8>, build: &str) -> Response {
    let headers = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")];
    (status, headers, reload::inject(page, build)).into_response()
}

fn redirect(status: StatusCode, location: &str) -> Response {
    let location = HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/"));
    (status, [(header::LOCATION, location)], "see the new location\n").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_only_to_local_names_and_addresses() {
        for host in ["localhost", "LOCALHOST:1111", "127.0.0.1:8080", "192.168.1.5", "[::1]:1111", "[fe80::1]"] {
            assert!(is_local_host(host), "{host}");
        }
        for host in
            ["", "evil.example", "evil.example:1111", "localhost.evil.example", "127.0.0.1.nip.io", "[::1", "[evil]"]
        {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
