//! One bar of signal: when the network takes the request and never answers, the service worker
//! answers from the kept copy after a few seconds, the page's assets come from the copy too, and
//! a feed fetched once online is there as well. The site is served through a proxy that can stop
//! answering while it keeps accepting connections, which is what a failing mobile link looks like
//! to the browser (Chromium's offline mode fails requests at once instead).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::open;
use crate::static_site::StaticSite;

/// A proxy on 127.0.0.1 in front of `upstream` (`host:port`); returns its address and a switch
/// that, while on, makes it accept connections and never answer them.
fn stalling_proxy(upstream: String) -> (String, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let stalled = Arc::new(AtomicBool::new(false));
    let switch = Arc::clone(&stalled);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for client in listener.incoming().flatten() {
            if stalled.load(Ordering::SeqCst) {
                held.push(client); // open, unanswered, until the tests end
                continue;
            }
            let (upstream, stalled) = (upstream.clone(), Arc::clone(&stalled));
            std::thread::spawn(move || forward(client, &upstream, &stalled));
        }
    });
    (address, switch)
}

/// Pass bytes between `client` and `upstream` until the server has answered and closed. Once
/// `stalled`, what the client sends on a connection it keeps alive is dropped, so that request
/// too goes unanswered.
fn forward(client: TcpStream, upstream: &str, stalled: &Arc<AtomicBool>) {
    let Ok(server) = TcpStream::connect(upstream) else { return };
    let (mut to_server, mut from_client) = (server.try_clone().unwrap(), client.try_clone().unwrap());
    let stalled = Arc::clone(stalled);
    std::thread::spawn(move || {
        let mut buffer = [0; 1 << 14];
        while let Ok(n) = from_client.read(&mut buffer) {
            if n == 0 {
                break;
            }
            if !stalled.load(Ordering::SeqCst) && to_server.write_all(&buffer[..n]).is_err() {
                break;
            }
        }
    });
    let (mut from_server, mut to_client) = (server, client);
    let mut buffer = [0; 1 << 14];
    while let Ok(n) = from_server.read(&mut buffer) {
        if n == 0 || to_client.write_all(&buffer[..n]).is_err() {
            break;
        }
    }
    let _ = to_client.shutdown(Shutdown::Both);
    let _ = from_server.shutdown(Shutdown::Both);
}

#[test]
fn a_network_that_never_answers_gets_the_kept_copy_after_a_few_seconds() {
    let Some((shared, browser)) = open() else { return };
    let direct = StaticSite::serve(&shared.output);
    let upstream = direct.url.trim_start_matches("http://").trim_end_matches("/crossings/").to_string();
    let (proxy, stalled) = stalling_proxy(upstream);
    let site = format!("http://{proxy}/crossings/");
    browser.goto(&format!("{site}index.html"));
    browser.wait_for_secs("const n = document.getElementById('offline-note'); return !n.hidden;", "kept", 60);
    let feed = format!("return fetch('{site}feed.xml').then(r => r.text()).then(t => t.includes('<feed'));");
    assert_eq!(browser.eval(&feed, json!([])), json!(true), "the feed, online");

    stalled.store(true, Ordering::SeqCst);
    let start = Instant::now();
    browser.goto(&format!("{site}checkpoints/zhelkuar/index.html"));
    let waited = start.elapsed();
    let page = browser.eval(
        "return {h1: document.querySelector('h1')?.textContent || '',
                 copy: !document.getElementById('offline-copy').hidden,
                 styled: getComputedStyle(document.querySelector('.site-header')).borderBottomStyle};",
        json!([]),
    );
    assert!(page["h1"].as_str().unwrap().contains("Zhelkuar"), "{page}");
    assert_eq!(page["copy"], json!(true), "the page says it is the kept copy: {page}");
    assert_eq!(page["styled"], json!("solid"), "its stylesheet came from the copy: {page}");
    assert!(waited >= Duration::from_secs(2), "answered before the network had its chance: {waited:?}");
    assert!(waited < Duration::from_secs(15), "the page took {waited:?}");
    let start = Instant::now();
    assert_eq!(browser.eval(&feed, json!([])), json!(true), "the feed, kept when it was fetched");
    assert!(start.elapsed() < Duration::from_secs(10), "the feed took {:?}", start.elapsed());
}
