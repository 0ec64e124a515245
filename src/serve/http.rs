//! The HTTP/1.1 subset the preview speaks: bounded request heads, GET and HEAD only, no request
//! bodies, one response per connection (`Connection: close`).
//!
//! Hand-rolled on `std::net` rather than a server crate: the preview needs a handful of routes,
//! a streamed event response, and strict limits, all of which fit in this file.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// Largest request head (request line and headers) accepted, in bytes.
pub const MAX_HEAD: usize = 8 * 1024;

/// How long a client may take to send its request head.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The methods the preview answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Send the resource.
    Get,
    /// Send only the response head.
    Head,
}

/// A request the preview accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// GET or HEAD.
    pub method: Method,
    /// The request target as sent (path and query, percent-encoded).
    pub target: String,
}

/// A response to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers besides those every response carries.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for HEAD).
    pub body: Vec<u8>,
}

impl Response {
    /// A response with `status`, a `Content-Type` and `body`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body: body.into() }
    }

    /// A short plain-text response, for errors.
    pub fn text(status: u16, message: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{status} {}: {message}\n", reason(status)))
    }

    /// A redirect to `location` (a path on this server).
    pub fn redirect(status: u16, location: &str) -> Response {
        let mut response = Response::text(status, &format!("see {location}"));
        response.headers.push(("Location", location.to_string()));
        response
    }

    /// Write this response to `stream`; the body only when `with_body`.
    pub fn write_to(&self, stream: &mut impl Write, with_body: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if with_body {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// The reason phrase of the statuses the preview sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

/// Read and check a request head from `stream`. `Ok(None)` when the client closed or went
/// silent before sending one; `Err` is the response that refuses the request.
pub fn read_request(stream: &mut impl Read) -> Result<Option<Request>, Response> {
    let Some(head) = read_head(stream)? else {
        return Ok(None);
    };
    parse_head(&head).map(Some)
}

/// The bytes up to the blank line that ends the head, at most [`MAX_HEAD`] of them.
fn read_head(stream: &mut impl Read) -> Result<Option<Vec<u8>>, Response> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = head_end(&head) {
            head.truncate(end);
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Err(Response::text(431, "the request head is larger than 8 KiB"));
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Where the head's terminating blank line starts, if it has arrived within the limit.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let limit = bytes.len().min(MAX_HEAD + 4);
    let bytes = &bytes[..limit];
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = bytes.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &[u8]) -> Result<Request, Response> {
    let text = std::str::from_utf8(head).map_err(|_| Response::text(400, "the request head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request = parse_request_line(lines.next().unwrap_or_default())?;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| Response::text(400, "malformed header"))?;
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        let has_body = match name.as_str() {
            "content-length" => value != "0",
            "transfer-encoding" => true,
            _ => false,
        };
        if has_body {
            return Err(Response::text(413, "the preview accepts no request bodies"));
        }
    }
    Ok(request)
}

fn parse_request_line(line: &str) -> Result<Request, Response> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Response::text(400, "malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Response::text(505, "only HTTP/1.x is spoken here"));
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => {
            let mut response = Response::text(405, "only GET and HEAD are allowed");
            response.headers.push(("Allow", "GET, HEAD".to_string()));
            return Err(response);
        }
    };
    if !target.starts_with('/') || target.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(Response::text(400, "the request target must be a path"));
    }
    Ok(Request { method, target: target.to_string() })
}

/// Close `stream` politely: stop sending, then read (briefly, boundedly) what the client still
/// sends, so that it sees the response rather than a reset.
pub fn close(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    for _ in 0..16 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &[u8]) -> Result<Option<Request>, Response> {
        read_request(&mut &raw[..])
    }

    #[test]
    fn reads_get_and_head() {
        let request = parse(b"GET /crossings/?q=x HTTP/1.1\r\nHost: a\r\n\r\n").unwrap().unwrap();
        assert_eq!(request, Request { method: Method::Get, target: "/crossings/?q=x".into() });
        let request = parse(b"HEAD / HTTP/1.0\n\n").unwrap().unwrap();
        assert_eq!(request.method, Method::Head);
    }

    #[test]
    fn refuses_bodies_methods_and_odd_targets() {
        let status = |raw: &[u8]| parse(raw).unwrap_err().status;
        assert_eq!(status(b"POST / HTTP/1.1\r\n\r\n"), 405);
        assert_eq!(status(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"), 413);
        assert_eq!(status(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 413);
        assert_eq!(status(b"GET http://x/ HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/2\r\n\r\n"), 505);
        assert_eq!(status(b"GET /a\x01b HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"), 400);
    }

    #[test]
    fn bounds_the_head() {
        let mut raw = b"GET / HTTP/1.1\r\nX: ".to_vec();
        raw.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        raw.extend_from_slice(b"\r\n\r\n");
        assert_eq!(parse(&raw).unwrap_err().status, 431);
        assert_eq!(parse(b"GET / HTTP/1.1\r\n").unwrap(), None, "a head cut short is dropped");
    }

    #[test]
    fn writes_head_only_for_head_requests() {
        let response = Response::new(200, "text/plain", "hello");
        let mut out = Vec::new();
        response.write_to(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n") && text.contains("Content-Length: 5\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n"), "{text}");
    }
}
