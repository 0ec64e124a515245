//! `crossings serve`: build the site, serve it locally under the sub-path `build` publishes it
//! at, and rebuild it and reload every open page on each edit to `content/` or `templates/`.
//!
//! The site is built into a temporary folder the server owns (see [`site`]), never into
//! `output/`, and the folder is removed on exit. Invalid content never stops the server: it
//! keeps serving the last good build and shows the problems in the terminal and over the pages.
//! Pages differ from `build`'s only in that the preview's own address replaces `base_url` and
//! HTML responses carry the reload script.

mod preview;
mod reload;
mod server;
mod watch;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

/// What `crossings serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder.
    pub content: PathBuf,
    /// The templates folder.
    pub templates: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The port to listen on (0: any free port).
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// Serve until Ctrl-C (or SIGTERM), then clean up.
pub fn run(options: &Options) -> anyhow::Result<()> {
    if !options.content.is_dir() {
        anyhow::bail!(
            "content folder `{}` not found: run from the project's root or pass --content DIR",
            options.content.display()
        );
    }
    let stop = stop_signal()?;
    let preview = Arc::new(preview::Preview::new(&options.content, &options.templates)?);
    let listener = TcpListener::bind((options.bind.as_str(), options.port)).with_context(|| {
        format!("cannot listen on {}:{} (another port: --port N, or 0 for any)", options.bind, options.port)
    })?;
    let address = listener.local_addr().context("cannot read the address listened on")?;
    let _watch = watch::start(&[&options.content, &options.templates], preview.clone())?;
    eprintln!("serve: building into `{}` (removed on exit)", preview.root().display());
    preview.rebuild();
    let url = site_url(address, &preview.snapshot().prefix);
    println!("serving {url} (Ctrl-C to stop)");
    if address.ip().is_unspecified() {
        eprintln!("serve: listening on every interface ({address}): other machines can see the preview");
    }
    let (shutdown, stopping) = tokio::sync::oneshot::channel::<()>();
    let server = start_server(listener, preview.clone(), async {
        let _ = stopping.await;
    })?;
    if options.open {
        open_browser(&url);
    }
    let _ = stop.recv();
    eprintln!("serve: stopping");
    // Event streams end first, so that the server's graceful shutdown need not wait for them.
    let stopped = preview.stop();
    let _ = shutdown.send(());
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !server.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    stopped
}

/// Run the HTTP server for `preview` on `listener` in a thread of its own (with its own async
/// runtime) until `stop` resolves.
fn start_server(
    listener: TcpListener,
    preview: Arc<preview::Preview>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<std::thread::JoinHandle<()>> {
    listener.set_nonblocking(true).context("cannot set up the listening socket")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("serve-http")
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    std::thread::Builder::new()
        .name("serve".into())
        .spawn(move || {
            runtime.block_on(async move {
                let served = match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => server::serve(listener, preview, stop).await,
                    Err(e) => Err(e),
                };
                if let Err(e) = served {
                    eprintln!("serve: the server stopped: {e}");
                }
            });
        })
        .context("cannot start the server thread")
}

/// A channel that receives once Ctrl-C (SIGINT) or SIGTERM arrives.
fn stop_signal() -> anyhow::Result<std::sync::mpsc::Receiver<()>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = sender.send(());
    })
    .context("cannot handle Ctrl-C")?;
    Ok(receiver)
}

/// The address to print for `address` and the site's `prefix`.
fn site_url(address: SocketAddr, prefix: &str) -> String {
    let mut shown = address;
    if address.ip().is_unspecified() {
        let loopback: std::net::IpAddr =
            if address.is_ipv4() { std::net::Ipv4Addr::LOCALHOST.into() } else { std::net::Ipv6Addr::LOCALHOST.into() };
        shown.set_ip(loopback);
    }
    format!("http://{shown}{prefix}")
}

/// Open `url` with the desktop's opener, if there is one; never fails.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => eprintln!("serve: --open: `{opener}` not found; open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_a_reachable_address() {
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(site_url(any, "/crossings/"), "http://127.0.0.1:1111/crossings/");
        let v6: SocketAddr = "[::1]:8080".parse().unwrap();
        assert_eq!(site_url(v6, "/"), "http://[::1]:8080/");
    }
}
