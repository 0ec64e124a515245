//! Fetching a source over HTTP(S): limits on time, size and redirects, a descriptive
//! User-Agent, and no requests to this machine or its private network unless allowed.

use std::io::Read as _;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs as _};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use reqwest::Url;
use reqwest::blocking::{Client, Response};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::ingest::sources::Kind;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str =
    concat!("crossings/", env!("CARGO_PKG_VERSION"), " (+https://github.com/crossings-kz/crossings; content ingest)");

/// Limits of one run's requests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time for one whole request, body included.
    pub timeout: Duration,
    /// Largest body accepted, in bytes (after decompression).
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// Allow loopback, private and link-local addresses (for tests and local mirrors).
    pub allow_private: bool,
}

/// A fetched body and what the server said about it.
#[derive(Debug)]
pub struct Fetched {
    /// The body's bytes.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
}

/// A client that keeps to `limits`.
pub fn client(limits: Limits) -> anyhow::Result<Client> {
    // reqwest is built without a default crypto provider: install ring's (once per process).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let max = limits.max_redirects;
    let allow_private = limits.allow_private;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            let message = format!("more than {max} redirects (raise --max-redirects if this is expected)");
            return attempt.error(message);
        }
        match check_literal(attempt.url(), allow_private) {
            Ok(()) => attempt.follow(),
            Err(e) => attempt.error(format!("redirect refused: {e:#}")),
        }
    });
    let mut builder = Client::builder()
        .user_agent(USER_AGENT)
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout)
        .redirect(policy);
    if !allow_private {
        builder = builder.dns_resolver(Arc::new(PublicOnly));
    }
    builder.build().context("cannot set up the HTTP client")
}

/// Fetch `url`, expecting material of `kind`.
pub fn fetch(client: &Client, url: &str, kind: Kind, limits: Limits) -> anyhow::Result<Fetched> {
    let parsed = Url::parse(url).with_context(|| format!("`{url}` is not a valid address"))?;
    check_url(&parsed, limits.allow_private)?;
    let started = Instant::now();
    let response = client.get(parsed).send().map_err(|e| request_error(e, limits))?;
    let status = response.status();
    if !status.is_success() {
        bail!("the server answered {status} (check the address in sources.yaml, or whether the page moved)");
    }
    let content_type =
        response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    check_content_type(content_type.as_deref(), kind)?;
    let bytes = read_body(response, limits, started)?;
    Ok(Fetched { bytes, content_type })
}

/// Read the body within the size limit and before the request's deadline (a server that drips
/// a byte at a time never trips a per-read timeout).
fn read_body(response: Response, limits: Limits, started: Instant) -> anyhow::Result<Vec<u8>> {
    let mut body = response.take(limits.max_bytes.saturating_add(1));
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if started.elapsed() > limits.timeout {
            bail!(
                "no complete answer within {}s (raise --timeout if the server is slow)",
                limits.timeout.as_secs_f64()
            );
        }
        let n = body.read(&mut chunk).map_err(|e| {
            anyhow::anyhow!(
                "reading the page failed: {e} (a slow server hits --timeout {}s)",
                limits.timeout.as_secs_f64()
            )
        })?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    if bytes.len() as u64 > limits.max_bytes {
        bail!("the page is larger than the limit of {} bytes (raise --max-bytes if it is expected)", limits.max_bytes);
    }
    Ok(bytes)
}

fn request_error(e: reqwest::Error, limits: Limits) -> anyhow::Error {
    if e.is_timeout() {
        anyhow::anyhow!(
            "no complete answer within {}s (raise --timeout if the server is slow)",
            limits.timeout.as_secs_f64()
        )
    } else {
        let mut message = format!("request failed: {e}");
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        anyhow::anyhow!(message)
    }
}

fn check_content_type(content_type: Option<&str>, kind: Kind) -> anyhow::Result<()> {
    let Some(full) = content_type else { return Ok(()) };
    let mime = full.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let accepted: &[&str] = match kind {
        Kind::Html => &["text/html", "application/xhtml+xml"],
        Kind::Tsv => &["text/tab-separated-values", "text/plain", "text/csv"],
    };
    if !accepted.contains(&mime.as_str()) {
        bail!(
            "the server sent `{full}`, not {}: the address may point at a download or an API; check it in sources.yaml",
            accepted.join(" or ")
        );
    }
    Ok(())
}

/// Refuse anything but http(s), and hosts on this machine or a private network unless allowed.
pub fn check_url(url: &Url, allow_private: bool) -> anyhow::Result<()> {
    check_literal(url, allow_private)?;
    if allow_private {
        return Ok(());
    }
    if let Some(url::Host::Domain(host)) = url.host() {
        let port = url.port_or_known_default().unwrap_or(443);
        let addrs: Vec<SocketAddr> =
            (host, port).to_socket_addrs().with_context(|| format!("cannot resolve the host `{host}`"))?.collect();
        refuse_private(host, addrs.iter().map(SocketAddr::ip))?;
    }
    Ok(())
}

/// The scheme check, and the address check for hosts written as IP addresses.
fn check_literal(url: &Url, allow_private: bool) -> anyhow::Result<()> {
    if !matches!(url.scheme(), "http" | "https") {
        bail!("`{url}` is not an http(s) address: only http and https are fetched (a local file is a source's `path`)");
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        Some(url::Host::Domain(_)) => return Ok(()),
        None => bail!("`{url}` has no host"),
    };
    if allow_private { Ok(()) } else { refuse_private(&ip.to_string(), [ip]) }
}

fn refuse_private(host: &str, addrs: impl IntoIterator<Item = IpAddr>) -> anyhow::Result<()> {
    for ip in addrs {
        if !is_public(ip) {
            bail!(
                "`{host}` is a loopback, private or link-local address ({ip}); ingest fetches only public addresses unless given --allow-private"
            );
        }
    }
    Ok(())
}

/// Whether `ip` is a public unicast address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// A resolver that refuses names resolving to non-public addresses (against DNS rebinding).
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = (host.as_str(), 0).to_socket_addrs()?.collect();
            refuse_private(&host, addrs.iter().map(SocketAddr::ip))?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_public_from_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "2a00:1450:4001::1", "93.184.216.34"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_private_hosts() {
        let file = Url::parse("file:///etc/passwd").unwrap();
        assert!(format!("{:#}", check_url(&file, true).unwrap_err()).contains("not an http(s) address"));
        let local = Url::parse("http://127.0.0.1:8080/").unwrap();
        assert!(format!("{:#}", check_url(&local, false).unwrap_err()).contains("--allow-private"));
        assert!(check_url(&local, true).is_ok());
        let localhost = Url::parse("http://localhost:8080/").unwrap();
        assert!(check_url(&localhost, false).is_err());
    }

    #[test]
    fn checks_content_types() {
        assert!(check_content_type(Some("text/html; charset=utf-8"), Kind::Html).is_ok());
        assert!(check_content_type(None, Kind::Html).is_ok());
        assert!(check_content_type(Some("application/pdf"), Kind::Html).is_err());
        assert!(check_content_type(Some("text/plain"), Kind::Tsv).is_ok());
    }
}
