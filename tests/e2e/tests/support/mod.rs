//! The harness of the end-to-end tests: the app through one of its two front doors — the
//! desktop window started through tauri-driver, or browser mode (`qungong serve`) in headless
//! Chromium through chromedriver — with the same WebDriver client and the same steps; waits that
//! poll a condition; files chosen and saved the way each door takes them ([`App::open_with`],
//! [`App::save_from`]: the shell's dialog test seam, see `src-tauri/API.md`, or the browser's
//! file input and downloads); and the one driver of a real GTK dialog (`native_dialog`).
//!
//! Nothing here waits for a fixed time: every wait polls its condition until a deadline, and the
//! deadlines are generous (minutes) because a busy machine — a CI runner, the other core
//! compiling — makes every step many times slower. A passing run never waits that long.

pub mod native_dialog;
mod process;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub use process::descendants;
use process::{
    SessionBus, app_binary, chromedriver, chromium, cli_binary, driver_ready, processes,
    quiet_opener, stop_all, tauri_driver,
};

/// How long a step in the app (an element appearing, a text changing, a file being written) may
/// take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(120);
/// How long starting or stopping the app, or a native dialog, may take.
pub const LONG_PATIENCE: Duration = Duration::from_secs(300);
/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(100);

/// The shell's test seam for file dialogs (`src-tauri/src/commands/dialogs.rs`).
const DIALOG_ANSWERS_ENV: &str = "QUNGONG_TEST_DIALOGS";

/// Polls `check` until it gives a value; fails the test after `limit` with `what` and the last
/// observation (`check`'s error).
pub async fn until<T>(
    limit: Duration,
    what: &str,
    mut check: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + limit;
    loop {
        let last = match check().await {
            Ok(value) => return value,
            Err(last) => last,
        };
        assert!(
            Instant::now() < deadline,
            "waited {limit:?} for {what}; last seen: {last}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// [`until`] for code outside the async runtime (drop, the dialog driver).
pub fn until_blocking<T>(
    limit: Duration,
    what: &str,
    mut check: impl FnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + limit;
    loop {
        let last = match check() {
            Ok(value) => return value,
            Err(last) => last,
        };
        assert!(
            Instant::now() < deadline,
            "waited {limit:?} for {what}; last seen: {last}"
        );
        std::thread::sleep(POLL);
    }
}

/// How the app's file dialogs are answered.
pub enum Dialogs {
    /// Through the shell's test seam: [`App::answer_next_dialog`] queues the answers, no dialog
    /// is shown (an unanswered one counts as cancelled).
    Scripted,
    /// The real native dialogs, answered with the keyboard (`native_dialog`).
    Native,
}

/// A running tauri-driver with one app session, on a D-Bus session bus of its own. Dropping it
/// ends the session, stops the driver with SIGTERM (a SIGKILL would leave WebKitWebDriver
/// holding its port) and waits until every process started for it has gone.
pub struct App {
    client: Option<Client>,
    /// tauri-driver (desktop) or chromedriver (browser mode).
    driver: Child,
    /// Browser mode: the `qungong serve` the page talks to, and where the browser saves.
    server: Option<Child>,
    downloads: Option<PathBuf>,
    /// The test's own D-Bus session bus (see [`SessionBus`]).
    bus: SessionBus,
    shots: Option<PathBuf>,
    answers: Option<PathBuf>,
    _data: Option<tempfile::TempDir>,
}

/// The administrator the tests sign in as (given to every database the tests prepare).
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "e2e-pass-1";

/// Gives the database at `db` (created when missing) its administrator [`ADMIN`] unless it
/// has accounts.
pub fn ensure_admin(db: &Path) {
    let mut store = qungong::Db::open(db).expect("open the test database");
    if !qungong::auth::any(store.conn()).unwrap() {
        qungong::auth::setup(&mut store, ADMIN, ADMIN_PASSWORD).expect("the test administrator");
    }
}

impl App {
    /// Starts the app on `db` with the driver on `port` (and `port + 1`) and signs in as
    /// [`ADMIN`] (given to the database first).
    pub async fn start(port: u16, data: tempfile::TempDir, db: &Path, dialogs: Dialogs) -> App {
        ensure_admin(db);
        let app = App::start_first(port, data, db, dialogs).await;
        app.sign_in(ADMIN, ADMIN_PASSWORD).await;
        app
    }

    /// Signs in on the sign-in page and waits for the app's menu.
    pub async fn sign_in(&self, name: &str, password: &str) {
        self.type_into("login-name", name).await;
        self.type_into("login-password", password).await;
        self.click("login-submit").await;
        // The menu, or what the page says instead (a refusal, an error page).
        until(PATIENCE, "the app's menu after signing in", async || {
            let shown = self
                .c()
                .execute(
                    "return document.querySelector(\"[data-testid='nav-dashboard']\") ? true \
                       : document.body.innerText.replace(/\\s+/g, ' ').slice(0, 400)",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            if shown == true {
                Ok(())
            } else {
                Err(shown.to_string())
            }
        })
        .await;
    }

    /// Starts the app on `db` as it is (nobody signed in: the first start's form or the
    /// sign-in page) with the driver on `port` (and `port + 1`).
    pub async fn start_first(
        port: u16,
        data: tempfile::TempDir,
        db: &Path,
        dialogs: Dialogs,
    ) -> App {
        Box::pin(App::start_first_tries(port, data, db, dialogs, 2)).await
    }

    /// [`App::start_first`], starting everything once more (at most `tries` in all) when the
    /// WebDriver session's request is dropped unanswered: CI once saw tauri-driver close the
    /// connection of `POST /session` (hyper's IncompleteMessage) with nothing on stderr, and the
    /// same test passed when run again.
    async fn start_first_tries(
        port: u16,
        data: tempfile::TempDir,
        db: &Path,
        dialogs: Dialogs,
        tries: u32,
    ) -> App {
        let native_port = port + 1;
        for p in [port, native_port] {
            assert!(
                TcpStream::connect(("127.0.0.1", p)).is_err(),
                "port {p} is taken (a tauri-driver or WebKitWebDriver left from an earlier run?)"
            );
        }
        let bus = SessionBus::start();
        let mut driver = Command::new(tauri_driver());
        driver
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("PATH", quiet_opener(data.path()))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("QUNGONG_DB", db)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let answers = match dialogs {
            Dialogs::Scripted => {
                let queue = data.path().join("dialog-answers.txt");
                std::fs::write(&queue, "").unwrap();
                driver.env(DIALOG_ANSWERS_ENV, &queue);
                Some(queue)
            }
            Dialogs::Native => {
                driver.env_remove(DIALOG_ANSWERS_ENV);
                None
            }
        };
        // From here on, dropping `app` (also when a step below fails) stops what was started.
        let mut app = App {
            client: None,
            driver: driver.spawn().expect("start tauri-driver"),
            server: None,
            downloads: None,
            bus,
            shots: std::env::var_os("QUNGONG_SCREENSHOTS").map(PathBuf::from),
            answers,
            _data: Some(data),
        };
        // tauri-driver listens at once but starts WebKitWebDriver behind it, and drops requests
        // until that one listens too: wait until the pair answers `/status` as ready.
        until(
            LONG_PATIENCE,
            "the WebDriver servers to be ready",
            async || {
                if let Ok(Some(status)) = app.driver.try_wait() {
                    panic!("tauri-driver exited ({status})");
                }
                driver_ready(port)
            },
        )
        .await;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary() }),
        );
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        let Ok(client) = tokio::time::timeout(LONG_PATIENCE, builder.connect(&url)).await else {
            panic!(
                "the app did not start within {LONG_PATIENCE:?}; its processes:\n{}",
                processes()
            );
        };
        let client = match client {
            Ok(client) => client,
            Err(fantoccini::error::NewSessionError::FailedC(e)) if tries > 1 => {
                eprintln!(
                    "the WebDriver session with the app was dropped ({e}): starting again; \
                     its processes:\n{}",
                    processes()
                );
                let data = app._data.take().expect("the test's data directory");
                drop(app);
                return Box::pin(App::start_first_tries(port, data, db, dialogs, tries - 1)).await;
            }
            Err(e) => panic!("WebDriver session with the app: {e:?}"),
        };
        app.client = Some(client);
        app.wait_mounted().await;
        app
    }

    /// Waits until the page has loaded and the UI has drawn itself into `#app`. Once (CI,
    /// 2026-11-30) the desktop window stayed without its sign-in page for the whole wait with
    /// nothing to say why: a window still blank after half the wait is reloaded once (said on
    /// stderr), and a page that never draws fails with what it shows.
    async fn wait_mounted(&self) {
        const MOUNTED: &str = "return document.readyState === 'complete' \
            && !!document.querySelector('#app') && document.querySelector('#app').children.length > 0";
        let drawn = async || -> Result<(), String> {
            match self.c().execute(MOUNTED, vec![]).await {
                Ok(serde_json::Value::Bool(true)) => Ok(()),
                Ok(other) => Err(format!("not drawn ({other}): {}", self.describe().await)),
                Err(e) => Err(e.to_string()),
            }
        };
        let half = PATIENCE / 2;
        let deadline = Instant::now() + half;
        loop {
            match drawn().await {
                Ok(()) => return,
                Err(last) if Instant::now() >= deadline => {
                    eprintln!(
                        "the window was still blank after {half:?} ({last}); reloading it once"
                    );
                    self.c().refresh().await.ok();
                    break;
                }
                Err(_) => tokio::time::sleep(POLL).await,
            }
        }
        until(PATIENCE, "the page to draw itself after a reload", drawn).await;
    }

    /// What the page shows, for a failure's message: its address, its load state and the start
    /// of its text.
    pub async fn describe(&self) -> String {
        let script = "return location.href + ' [' + document.readyState + '] ' \
            + (document.body ? document.body.innerText.replace(/\\s+/g, ' ').slice(0, 300) : '(no body)')";
        match self.c().execute(script, vec![]).await {
            Ok(v) => v.as_str().unwrap_or_default().to_string(),
            Err(e) => format!("(the page did not answer: {e})"),
        }
    }

    pub fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    /// Browser mode: `qungong serve` on `db`, and headless Chromium (chromedriver on `port`)
    /// opened at the address it prints, as a user's browser would be; nobody signed in.
    pub async fn start_first_browser(port: u16, data: tempfile::TempDir, db: &Path) -> App {
        use std::io::BufRead;
        assert!(
            TcpStream::connect(("127.0.0.1", port)).is_err(),
            "port {port} is taken (a chromedriver left from an earlier run?)"
        );
        let mut server = Command::new(cli_binary())
            .arg("--db")
            .arg(db)
            .args(["serve", "--no-browser"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start qungong serve");
        // Its first line is the address with the token ("群工台（浏览器版）已启动：http://…");
        // the rest is read and dropped, so its later lines never meet a closed pipe.
        let mut out = std::io::BufReader::new(server.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first)
            .expect("qungong serve's first line");
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let url = first
            .split_once("http://")
            .map(|(_, rest)| format!("http://{}", rest.trim()))
            .unwrap_or_else(|| panic!("qungong serve printed no address: {first:?}"));
        let downloads = data.path().join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let bus = SessionBus::start();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut app = App {
            client: None,
            driver,
            server: Some(server),
            downloads: Some(downloads.clone()),
            bus,
            shots: std::env::var_os("QUNGONG_SCREENSHOTS").map(PathBuf::from),
            answers: None,
            _data: Some(data),
        };
        until(LONG_PATIENCE, "chromedriver to be ready", async || {
            if let Ok(Some(status)) = app.driver.try_wait() {
                panic!("chromedriver exited ({status})");
            }
            driver_ready(port)
        })
        .await;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1280,800", "--lang=zh-CN"],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
            }),
        );
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let Ok(client) = tokio::time::timeout(
            LONG_PATIENCE,
            builder.connect(&format!("http://127.0.0.1:{port}")),
        )
        .await
        else {
            panic!(
                "Chromium did not start within {LONG_PATIENCE:?}; its processes:\n{}",
                processes()
            );
        };
        let client = client.expect("WebDriver session with Chromium");
        client.goto(&url).await.expect("open browser mode's page");
        // Headless Chromium closes every file chooser at once ("cancel"); with this the page
        // waits for the file WebDriver puts into the chooser instead (ui/src/api/transport.ts).
        // And it has no screen to be full on: its "full screen" is the 800×600 default screen,
        // which would leave the kiosk's buttons outside the page; the kiosk stays in the window.
        client
            .execute(
                "sessionStorage.setItem('qungong-e2e-chooser', 'wait'); \
                 Element.prototype.requestFullscreen = undefined;",
                vec![],
            )
            .await
            .expect("the chooser seam");
        app.client = Some(client);
        app
    }

    /// Whether this is browser mode (else the desktop window).
    pub fn is_browser(&self) -> bool {
        self.server.is_some()
    }

    /// Clicks `testid`, which asks for a file to open, and gives it `path`: the desktop's
    /// dialog answered through its test seam, or the browser's file chooser filled in.
    pub async fn open_with(&self, testid: &str, path: &Path) {
        if !self.is_browser() {
            self.answer_next_dialog(path);
            self.click(testid).await;
            self.wait_dialogs_answered().await;
            return;
        }
        self.click(testid).await;
        let input = self
            .c()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css("input[data-testid='file-chooser']"))
            .await
            .unwrap_or_else(|e| panic!("no file chooser after clicking {testid}: {e}"));
        input
            .send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("choose {}: {e}", path.display()));
    }

    /// Clicks `testid`, which saves a file, and puts that file at `path`: the desktop's save
    /// dialog answered with `path`, or the browser's download moved there once complete.
    pub async fn save_from(&self, testid: &str, path: &Path) {
        let Some(downloads) = &self.downloads else {
            self.answer_next_dialog(path);
            self.click(testid).await;
            self.wait_dialogs_answered().await;
            return;
        };
        let before: Vec<PathBuf> = files_in(downloads);
        self.click(testid).await;
        let done = until(PATIENCE, "the download to complete", async || {
            let new: Vec<PathBuf> = files_in(downloads)
                .into_iter()
                .filter(|p| !before.contains(p))
                .collect();
            match new.as_slice() {
                [one] if one.extension().is_none_or(|e| e != "crdownload") => Ok(one.clone()),
                _ => Err(format!("{new:?}")),
            }
        })
        .await;
        std::fs::rename(&done, path).unwrap();
    }

    /// Starts the app a second time, as a user double-clicking it again would, on the same
    /// database and session bus as the running one (browser mode: `qungong serve` again).
    pub fn launch_again(&self, db: &Path) -> Child {
        if self.is_browser() {
            return Command::new(cli_binary())
                .arg("--db")
                .arg(db)
                .args(["serve", "--no-browser"])
                .stdout(Stdio::null())
                .spawn()
                .expect("start qungong serve a second time");
        }
        Command::new(app_binary())
            .env("QUNGONG_DB", db)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus.address)
            .spawn()
            .expect("start the app a second time")
    }

    /// Queues `path` as what the user picks in the next file dialog (open or save).
    pub fn answer_next_dialog(&self, path: &Path) {
        use std::io::Write;
        let queue = self.answers.as_ref().expect(
            "the app was started with Dialogs::Native: answer its dialogs with native_dialog",
        );
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(queue)
            .unwrap();
        writeln!(f, "{}", path.display()).unwrap();
    }

    /// Waits until the app has taken every queued dialog answer (the dialogs were opened).
    pub async fn wait_dialogs_answered(&self) {
        let queue = self.answers.as_ref().expect("scripted dialogs");
        until(PATIENCE, "the app to open its file dialog", async || {
            let left = std::fs::read_to_string(queue).unwrap_or_default();
            if left.is_empty() {
                Ok(())
            } else {
                Err(format!("answers not taken yet: {left:?}"))
            }
        })
        .await;
    }

    pub async fn el(&self, testid: &str) -> Element {
        match self
            .c()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
        {
            Ok(el) => el,
            Err(e) => panic!(
                "no element [data-testid={testid}]: {e}; the page: {}",
                self.describe().await
            ),
        }
    }

    pub async fn xpath(&self, xpath: &str) -> Element {
        self.c()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
    }

    pub async fn click(&self, testid: &str) {
        let el = self.el(testid).await;
        self.press(&el, testid).await;
    }

    /// Clicks like a user, once the element can take the click: shown, enabled, still and not
    /// covered (a click during a dialog's opening animation lands beside the moving button, one
    /// on a button still disabled while its page loads is lost, and one on a closing dialog's
    /// fading overlay goes to the overlay). Where WebKit still refuses the click, the element
    /// itself gets it.
    pub async fn press(&self, el: &Element, what: &str) {
        self.settle(el, what).await;
        if let Err(e) = el.click().await {
            let arg = serde_json::to_value(el).unwrap();
            self.c()
                .execute("arguments[0].click()", vec![arg])
                .await
                .unwrap_or_else(|e2| panic!("click {what}: {e}; {e2}"));
        }
    }

    /// Waits until `el` is shown, enabled, not moving (no animation or transition runs on it or
    /// on an element around it, and it is where it was at the previous look) and the topmost
    /// element at its centre. Toasts (`.el-message`) are made click-through first: they come
    /// and go by themselves, a few seconds after the step that raised them, so whether one
    /// covers the next button would be a matter of timing.
    async fn settle(&self, el: &Element, what: &str) {
        const STATE: &str = "const el = arguments[0]; \
            if (!document.getElementById('e2e-toasts')) { \
              const s = document.createElement('style'); s.id = 'e2e-toasts'; \
              s.textContent = '.el-message { pointer-events: none !important; }'; \
              document.head.appendChild(s); } \
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' }); \
            const r = el.getBoundingClientRect(); \
            const moving = (document.getAnimations ? document.getAnimations() : []).filter(a => \
              a.playState === 'running' && a.effect && a.effect.target && a.effect.target.contains(el)); \
            const disabled = el.disabled === true || el.getAttribute('aria-disabled') === 'true' \
              || !!el.closest('.is-disabled'); \
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
            return { rect: [r.x, r.y, r.width, r.height], shown: r.width > 0 && r.height > 0, \
              disabled, moving: moving.length, covered: !(hit && (hit === el || el.contains(hit))), \
              on_top: hit ? hit.outerHTML.slice(0, 120) : null };";
        let arg = serde_json::to_value(el).unwrap();
        let mut last = serde_json::Value::Null;
        let what = format!("{what} to be shown, enabled, still and uncovered");
        until(PATIENCE, &what, async || {
            let state = self
                .c()
                .execute(STATE, vec![arg.clone()])
                .await
                .map_err(|e| e.to_string())?;
            let ready = state["shown"] == true
                && state["disabled"] == false
                && state["moving"] == 0
                && state["covered"] == false
                && state["rect"] == last["rect"];
            last = state;
            if ready { Ok(()) } else { Err(last.to_string()) }
        })
        .await;
    }

    /// Waits until no element `[data-testid=…]` is shown any more (a dialog has closed).
    pub async fn wait_gone(&self, testid: &str) {
        let js = format!(
            "return [...document.querySelectorAll(\"[data-testid='{testid}']\")]\
             .filter(e => e.getClientRects().length > 0).length"
        );
        let what = format!("[data-testid={testid}] to go away");
        until(PATIENCE, &what, async || {
            let shown = self
                .c()
                .execute(&js, vec![])
                .await
                .map_err(|e| e.to_string())?;
            if shown == 0 {
                Ok(())
            } else {
                Err(format!("{shown} shown"))
            }
        })
        .await;
    }

    /// Runs `script` until `ok` accepts what it returns (the app state it reads may still be
    /// loading); returns that value.
    pub async fn eval_until(
        &self,
        what: &str,
        script: &str,
        ok: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        until(PATIENCE, what, async || {
            let value = self
                .c()
                .execute(script, vec![])
                .await
                .map_err(|e| e.to_string())?;
            if ok(&value) {
                Ok(value)
            } else {
                Err(value.to_string())
            }
        })
        .await
    }

    /// Types into the input (or textarea) of an Element Plus field.
    pub async fn type_into(&self, testid: &str, text: &str) {
        let css = format!(
            "input[data-testid='{testid}'], textarea[data-testid='{testid}'], \
             [data-testid='{testid}'] input, [data-testid='{testid}'] textarea"
        );
        let input = self
            .c()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&css))
            .await;
        let input = match input {
            Ok(input) => input,
            Err(e) => panic!(
                "no input in [data-testid={testid}]: {e}; the page: {}",
                self.describe().await
            ),
        };
        input.clear().await.ok();
        // Element Plus puts its model's value back after a WebDriver clear (which sends no
        // `input` event): empty the field as a user would, select all and delete.
        let left = input.prop("value").await.ok().flatten().unwrap_or_default();
        if !left.is_empty() {
            input
                .send_keys("\u{E009}a\u{E000}\u{E003}")
                .await
                .unwrap_or_else(|e| panic!("empty {testid}: {e}"));
        }
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {testid}: {e}"));
    }

    /// The element's text content, whitespace collapsed (WebKit's rendered-text answer leaves
    /// out table cells scrolled out of view).
    pub async fn text(&self, testid: &str) -> String {
        let el = self.el(testid).await;
        let arg = serde_json::to_value(&el).unwrap();
        let text = self
            .c()
            .execute(
                "return arguments[0].textContent.replace(/\\s+/g, ' ').trim()",
                vec![arg],
            )
            .await
            .unwrap_or_default();
        text.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the element's text satisfies `ok`; returns the text.
    pub async fn wait_text(&self, testid: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let waiting = format!("[data-testid={testid}] to show {what}");
        until(PATIENCE, &waiting, async || {
            let text = self.text(testid).await;
            if ok(&text) {
                Ok(text)
            } else {
                Err(format!("{text:?}"))
            }
        })
        .await
    }

    /// With `QUNGONG_SCREENSHOTS=DIR`, saves the window as `DIR/name.png` once it has stopped
    /// changing (charts animate in, dialogs fade).
    pub async fn shot(&self, name: &str) {
        let Some(dir) = &self.shots else { return };
        std::fs::create_dir_all(dir).unwrap();
        // Browser mode's pictures beside the desktop's, not over them.
        let name = if self.is_browser() {
            format!("browser-{name}")
        } else {
            name.to_string()
        };
        // Earlier steps' toasts would cover the picture; a blinking caret would never let it
        // settle.
        let prepare = "document.querySelectorAll('.el-message').forEach(e => e.remove()); \
             if (!document.getElementById('e2e-no-caret')) { \
               const s = document.createElement('style'); s.id = 'e2e-no-caret'; \
               s.textContent = '* { caret-color: transparent !important; }'; \
               document.head.appendChild(s); }";
        self.c().execute(prepare, vec![]).await.ok();
        let mut last = Vec::new();
        let png = until(PATIENCE, "the screen to settle", async || {
            let png = self.c().screenshot().await.expect("screenshot");
            if png == last {
                Ok(png)
            } else {
                last = png;
                Err("still changing".into())
            }
        })
        .await;
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Closing the session quits the app; then stop the driver politely.
        if let Some(client) = self.client.take() {
            let handle = tokio::runtime::Handle::current();
            let _ = std::thread::spawn(move || handle.block_on(client.close())).join();
        }
        let started = descendants(self.driver.id());
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            until_blocking(LONG_PATIENCE, "tauri-driver to stop", || {
                match self.driver.try_wait() {
                    Ok(Some(_)) => Ok(()),
                    _ => Err("running".into()),
                }
            })
        }));
        if stopped.is_err() {
            let _ = self.driver.kill();
            let _ = self.driver.wait();
        }
        // Nothing of this test may outlive it: WebKitWebDriver, the app, WebKit's helpers.
        stop_all(&started, "the app and its WebDriver server");
        if let Some(mut server) = self.server.take() {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

/// The files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Waits until the app has written a whole PDF to `path`, and returns its text (pdftotext).
pub async fn wait_for_pdf(path: &Path) -> String {
    let what = format!("a complete PDF at {}", path.display());
    until(LONG_PATIENCE, &what, async || {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        if bytes.trim_ascii_end().ends_with(b"%%EOF") {
            Ok(())
        } else {
            Err(format!("{} bytes so far", bytes.len()))
        }
    })
    .await;
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}
