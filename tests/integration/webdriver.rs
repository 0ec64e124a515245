//! Headless Chromium for the browser tests: one chromedriver and one browser session for the whole
//! test process, lent to one test at a time, driven by the `fantoccini` WebDriver client through
//! a small blocking wrapper so that a test reads as a list of steps.
//!
//! Starting Chromium costs more than most tests' steps, so it starts once. A test gets the
//! session from [`browser`] and holds it until it ends; the session is reset before it is lent
//! (blank page, console read, no device emulation), and whatever else a test changes in the
//! browser belongs to its own site's origin.
//!
//! fantoccini rather than thirtyfour: it is the smaller of the two (thirtyfour's defaults add a
//! driver manager that downloads browsers), it runs on hyper, already here, and chromedriver's own
//! commands (DevTools, the console log) are a small trait away ([`Chromedriver`]).

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The async runtime the WebDriver client and the test servers run on.
pub static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime")
});

/// Whether the browser tests can run here. Under CI (CI=true) a missing browser is a failure.
pub fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium or chromedriver is missing: install the Debian packages `chromium` and `chromium-driver` (.ci/run does)"
        );
        eprintln!("browser tests not run: {CHROMIUM} or {CHROMEDRIVER} missing (they fail instead under CI=true)");
    }
    present
}

/// The shared browser session, reset, for as long as the caller holds it; `None` when Chromium
/// is not installed (outside CI).
pub fn browser() -> Option<MutexGuard<'static, Browser>> {
    static SHARED: LazyLock<Mutex<Browser>> = LazyLock::new(|| Mutex::new(Browser::start()));
    if !browser_available() {
        return None;
    }
    let browser = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    browser.reset();
    Some(browser)
}

/// A headless Chromium session on a chromedriver of its own.
pub struct Browser {
    client: Client,
    _driver: Driver,
}

impl Browser {
    fn start() -> Browser {
        let driver = Driver::start();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), json!({"binary": CHROMIUM, "args": chromium_args(&driver)}));
        capabilities.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = RUNTIME
            .block_on(ClientBuilder::new(connector).capabilities(capabilities).connect(&driver.url))
            .unwrap_or_else(|e| panic!("no Chromium session from chromedriver: {e}"));
        Browser { client, _driver: driver }
    }

    /// Run one WebDriver exchange to its end.
    fn run<T>(&self, what: &str, step: impl Future<Output = Result<T, fantoccini::error::CmdError>>) -> T {
        RUNTIME.block_on(step).unwrap_or_else(|e| panic!("webdriver {what}: {e}"))
    }

    /// A blank page, the console read, no device emulation: as a new session.
    fn reset(&self) {
        self.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
        self.goto("about:blank");
        self.console();
    }

    /// Open `url`.
    pub fn goto(&self, url: &str) {
        self.run(url, self.client.goto(url));
    }

    /// Run `script` (a function body; `arguments` holds `args`, a JSON array) and return its
    /// value (a promise's, once settled).
    pub fn eval(&self, script: &str, args: Value) -> Value {
        let args = match args {
            Value::Array(args) => args,
            other => vec![other],
        };
        self.run("execute", self.client.execute(script, args))
    }

    /// Click the element matching `css`.
    pub fn click(&self, css: &str) {
        self.run(css, async { self.client.find(Locator::Css(css)).await?.click().await });
    }

    /// Type `text` into the element matching `css` (WebDriver key codes allowed: \u{E015} is ArrowDown).
    pub fn type_into(&self, css: &str, text: &str) {
        self.run(css, async { self.client.find(Locator::Css(css)).await?.send_keys(text).await });
    }

    /// Press keys on whatever has focus.
    pub fn press(&self, keys: &str) {
        let actions = keys.chars().fold(KeyActions::new("keyboard".into()), |actions, value| {
            actions.then(KeyAction::Down { value }).then(KeyAction::Up { value })
        });
        self.run("actions", self.client.perform_actions(actions));
    }

    /// Browser console entries since the last call: (level, message).
    pub fn console(&self) -> Vec<(String, String)> {
        let entries = self.run("log", self.client.issue_cmd(Chromedriver::Log));
        let text = |entry: &Value, key: &str| entry[key].as_str().unwrap_or_default().to_string();
        entries.as_array().into_iter().flatten().map(|e| (text(e, "level"), text(e, "message"))).collect()
    }

    /// Run a Chrome DevTools Protocol command (`Emulation.setDeviceMetricsOverride`, ...).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.run(cmd, self.client.issue_cmd(Chromedriver::Cdp(json!({"cmd": cmd, "params": params}))))
    }

    /// Wait until `script` returns true.
    pub fn wait_for(&self, script: &str, what: &str) {
        self.wait_for_secs(script, what, 10);
    }

    /// Wait until `script` returns true, at most `secs` seconds.
    pub fn wait_for_secs(&self, script: &str, what: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while self.eval(script, json!([])) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

/// Chromium's switches: headless, quiet, a fixed window, a profile of the driver's.
fn chromium_args(driver: &Driver) -> Vec<String> {
    let fixed = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,900",
    ];
    let profile = format!("--user-data-dir={}", driver.profile.display());
    fixed.iter().map(|s| s.to_string()).chain([profile]).collect()
}

/// chromedriver's own commands, beside the standard ones.
#[derive(Debug)]
enum Chromedriver {
    /// Read the browser's console (`se/log`).
    Log,
    /// Run a DevTools command (`goog/cdp/execute`): `{"cmd", "params"}`.
    Cdp(Value),
}

impl fantoccini::wd::WebDriverCompatibleCommand for Chromedriver {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        let command = match self {
            Chromedriver::Log => "se/log",
            Chromedriver::Cdp(_) => "goog/cdp/execute",
        };
        base.join(&format!("session/{}/{command}", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = match self {
            Chromedriver::Log => json!({"type": "browser"}),
            Chromedriver::Cdp(command) => command.clone(),
        };
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// chromedriver, and the Chromium it starts, in a process group of their own under a small
/// shell that ends the group when this process's end closes the shell's input: a test process
/// has no hook that runs at its end, and the driver must not outlive it.
struct Driver {
    url: String,
    profile: PathBuf,
    _watch: Child,
    _input: ChildStdin,
}

impl Driver {
    fn start() -> Driver {
        use std::os::unix::process::CommandExt as _;
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let profile = crate::util::process_folder("chromium");
        let script = r#"trap 'wait; rm -rf "$2"' TERM; "$3" --port="$1" >/dev/null 2>&1 & read -r line; kill 0"#;
        let mut watch = Command::new("sh")
            .args(["-c", script, "sh", &port.to_string(), &profile.display().to_string(), CHROMEDRIVER])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let input = watch.stdin.take().expect("the watch's input");
        let url = format!("http://127.0.0.1:{port}/");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { url, profile, _watch: watch, _input: input }
    }
}
