//! End-to-end: the real built desktop app (target/debug/qungong-desktop), started by
//! tauri-driver (with WebKitWebDriver) and driven through WebDriver, as a user would.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` (PATH, `TAURI_DRIVER`, or
//! `.tools/bin/tauri-driver` as `./test.sh` installs it) and the built app (`QUNGONG_APP` or
//! target/debug/qungong-desktop). Missing pieces fail the test with what to do; they never skip.
//! With `QUNGONG_SCREENSHOTS=DIR` the screens are also saved as PNGs (the README's pictures).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = root().join(".tools/bin/tauri-driver");
    if local.exists() {
        return local;
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("tauri-driver"))
            .find(|p| p.exists())
    });
    found.unwrap_or_else(|| {
        panic!("未找到 tauri-driver：请运行 ./test.sh（它会安装），或 cargo install tauri-driver --version '^2' --locked")
    })
}

fn app_binary() -> PathBuf {
    let app = std::env::var_os("QUNGONG_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/debug/qungong-desktop"));
    assert!(
        app.exists(),
        "未找到桌面应用 {}：请先构建（npm --prefix ui run build && cargo build -p qungong-desktop），或运行 ./test.sh",
        app.display()
    );
    app
}

/// A running tauri-driver with one app session; stopped with SIGTERM on drop (a SIGKILL would
/// leave WebKitWebDriver holding its port).
struct App {
    client: Option<Client>,
    driver: Child,
    shots: Option<PathBuf>,
    _data: tempfile::TempDir,
}

impl App {
    /// Starts the app on `db` (a fresh file unless given) with the driver on `port`.
    async fn start(port: u16, data: tempfile::TempDir, db: &Path) -> App {
        let native_port = port + 1;
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("QUNGONG_DB", db)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tauri-driver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary() }),
        );
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        let connect = builder.connect(&url);
        let client = tokio::time::timeout(Duration::from_secs(60), connect)
            .await
            .expect("the app did not start within 60 s (is another instance of it still running?)")
            .expect("WebDriver session with the app");
        let shots = std::env::var_os("QUNGONG_SCREENSHOTS").map(PathBuf::from);
        App {
            client: Some(client),
            driver,
            shots,
            _data: data,
        }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    async fn el(&self, testid: &str) -> Element {
        self.c()
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .unwrap_or_else(|e| panic!("no element [data-testid={testid}]: {e}"))
    }

    async fn xpath(&self, xpath: &str) -> Element {
        self.c()
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
    }

    async fn click(&self, testid: &str) {
        let el = self.el(testid).await;
        self.press(&el, testid).await;
    }

    /// Clicks like a user; where WebKit reports the point covered (Element Plus draws styled
    /// boxes over its real checkboxes), the element itself gets the click.
    async fn press(&self, el: &Element, what: &str) {
        if let Err(e) = el.click().await {
            let arg = serde_json::to_value(el).unwrap();
            self.c()
                .execute("arguments[0].click()", vec![arg])
                .await
                .unwrap_or_else(|e2| panic!("click {what}: {e}; {e2}"));
        }
    }

    /// Types into the input (or textarea) of an Element Plus field.
    async fn type_into(&self, testid: &str, text: &str) {
        let css = format!(
            "input[data-testid='{testid}'], textarea[data-testid='{testid}'], \
             [data-testid='{testid}'] input, [data-testid='{testid}'] textarea"
        );
        let input = self
            .c()
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no input in [data-testid={testid}]: {e}"));
        input.clear().await.ok();
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {testid}: {e}"));
    }

    /// The element's text content, whitespace collapsed (WebKit's rendered-text answer leaves
    /// out table cells scrolled out of view).
    async fn text(&self, testid: &str) -> String {
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
    async fn wait_text(&self, testid: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self.text(testid).await;
            if ok(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "[data-testid={testid}] never showed {what}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    async fn shot(&self, name: &str) {
        if let Some(dir) = &self.shots {
            std::fs::create_dir_all(dir).unwrap();
            tokio::time::sleep(Duration::from_millis(600)).await; // let charts finish animating
            // Earlier steps' toasts would cover the picture.
            let clear = "document.querySelectorAll('.el-message').forEach(e => e.remove())";
            self.c().execute(clear, vec![]).await.ok();
            let png = self.c().screenshot().await.expect("screenshot");
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Closing the session quits the app; then stop the driver politely.
        if let Some(client) = self.client.take() {
            let handle = tokio::runtime::Handle::current();
            let _ = std::thread::spawn(move || handle.block_on(client.close())).join();
        }
        let pid = self.driver.id().to_string();
        let _ = Command::new("kill").arg("-TERM").arg(&pid).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && !matches!(self.driver.try_wait(), Ok(Some(_))) {
            std::thread::sleep(Duration::from_millis(100));
        }
        if !matches!(self.driver.try_wait(), Ok(Some(_))) {
            let _ = self.driver.kill();
            let _ = self.driver.wait();
        }
        // The app must not outlive its test: a leftover instance would take over the next test's
        // launch (single instance) and that session would never start.
        stop_app_processes(&app_binary());
    }
}

/// Types `path` into the native "保存 PDF" dialog and presses Enter.
fn answer_save_dialog(path: &Path) {
    answer_file_dialog("保存 PDF", "ctrl+a", path);
}

/// Types `path` into the native open dialog titled `title` (Ctrl+L opens its location field)
/// and presses Enter.
fn answer_open_dialog(title: &str, path: &Path) {
    answer_file_dialog(title, "ctrl+l", path);
}

fn answer_file_dialog(title: &str, first_key: &str, path: &Path) {
    let status = Command::new("timeout")
        .args([
            "30",
            "xdotool",
            "search",
            "--sync",
            "--name",
            title,
            "windowfocus",
            "--sync",
            "%1",
        ])
        .args([
            "key",
            "--clearmodifiers",
            first_key,
            "type",
            "--delay",
            "15",
        ])
        .arg(path)
        .status()
        .expect("xdotool (apt-get install xdotool)");
    assert!(
        status.success(),
        "the file dialog “{title}” did not appear or could not be answered"
    );
    // Enter, in a separate call (`type` takes every argument after it as text). In an open
    // dialog the first Enter may only accept the location field's completion: press it again
    // while the dialog is still there.
    let open = || {
        Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .output()
            .is_ok_and(|o| !o.stdout.is_empty())
    };
    for _ in 0..5 {
        let pressed = Command::new("xdotool")
            .args(["key", "Return"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(pressed, "xdotool could not press Enter");
        std::thread::sleep(Duration::from_millis(700));
        if !open() {
            return;
        }
    }
    panic!("the file dialog “{title}” did not close after Enter");
}

/// Stops every running process of `exe` (the app this test suite built and started), giving
/// each a few seconds to quit by itself first.
fn stop_app_processes(exe: &Path) {
    let Ok(exe) = exe.canonicalize() else { return };
    let running = || -> Vec<String> {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .bytes()
                    .all(|c| c.is_ascii_digit())
            })
            .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while !running().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    for pid in running() {
        let _ = Command::new("kill").arg("-TERM").arg(&pid).status();
    }
}

/// A user's first morning: a unit, a person, a lecture with the unit invited, the person
/// checked in at the kiosk, the counts and the rate changing, and the structure chart.
#[tokio::test(flavor = "multi_thread")]
async fn from_an_empty_database_to_a_checked_in_lecture() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let app = App::start(4444, data, &db).await;

    app.click("nav-people").await;
    app.click("unit-add").await;
    app.type_into("unit-name", "城关供电所").await;
    app.click("unit-save").await;
    // Select the new unit in the tree: new people go into it.
    let node = app
        .xpath("//*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='城关供电所']")
        .await;
    app.press(&node, "单位树中的城关供电所").await;

    app.click("person-add").await;
    app.type_into("person-employee-no", "10001").await;
    app.type_into("person-name", "张三").await;
    app.type_into("person-id-number", "140105198503120018")
        .await;
    app.click("person-save").await;
    app.wait_text("people-table", "张三", |t| {
        t.contains("张三") && t.contains("10001")
    })
    .await;

    // Bad input: the core's Chinese message appears in the form, and nothing is saved.
    app.click("person-add").await;
    app.type_into("person-employee-no", "10002").await;
    app.type_into("person-name", "李四").await;
    app.type_into("person-id-number", "140105198503120017")
        .await;
    app.click("person-save").await;
    app.wait_text("form-error", "校验位错误", |t| {
        t.contains("身份证号：校验位错误（按 GB 11643 应为 8）")
    })
    .await;
    app.shot("person-form").await;
    app.c()
        .execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await
        .ok();
    app.el("form-error")
        .await
        .send_keys(&Key::Escape.to_string())
        .await
        .ok();

    app.click("nav-activities").await;
    app.click("activity-add").await;
    app.type_into("activity-title", "安全生产专题讲座").await;
    app.type_into("activity-place", "三楼会议室").await;
    app.click("activity-save").await;
    app.wait_text("activity-detail-title", "the title", |t| {
        t.contains("安全生产专题讲座")
    })
    .await;

    app.click("invite-unit").await;
    let checkbox = app
        .xpath(
            "//*[@data-testid='invite-unit-node' and normalize-space()='城关供电所']\
             /ancestor::*[contains(@class,'el-tree-node__content')][1]//input[@type='checkbox']",
        )
        .await;
    app.press(&checkbox, "城关供电所的复选框").await;
    app.click("invite-unit-confirm").await;
    app.shot("activity-detail").await;

    app.click("go-checkin").await;
    app.wait_text("count-invited", "应到 1", |t| t == "1").await;
    assert_eq!(app.text("count-attended").await, "0");
    assert_eq!(
        app.text("rate").await,
        "—",
        "no rate before anyone has come"
    );

    // 打印签到表: the shell's native save dialog (GTK) is answered as a user would, by typing a
    // path and Enter (xdotool); the PDF lands there and reads back with the invitee on it.
    let sheet = db.with_file_name("sign-in-sheet.pdf");
    app.click("print-sign-in-sheet").await;
    answer_save_dialog(&sheet);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !sheet.exists() {
        if Instant::now() > deadline {
            let _ = Command::new("import")
                .args(["-window", "root", "/tmp/e2e-dialog.png"])
                .status();
            panic!("the sign-in sheet was not saved to {}", sheet.display());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let text = Command::new("pdftotext")
        .arg(&sheet)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("安全生产专题讲座") && text.contains("签到表") && text.contains("张三"),
        "{text}"
    );

    app.click("kiosk-open").await;
    app.type_into("kiosk-input", &format!("10001{}", Key::Enter))
        .await;
    app.wait_text("kiosk-result", "签到成功", |t| {
        t.contains("张三") && t.contains("签到成功")
    })
    .await;
    app.shot("kiosk-empty-start").await;
    app.type_into("kiosk-input", &format!("10001{}", Key::Enter))
        .await;
    app.wait_text("kiosk-result", "已签到", |t| t.contains("已签到"))
        .await;
    app.type_into("kiosk-input", &format!("99999{}", Key::Enter))
        .await;
    app.wait_text("kiosk-result", "未找到", |t| t.contains("未找到"))
        .await;
    app.click("kiosk-exit").await;

    app.wait_text("count-attended", "实到 1", |t| t == "1")
        .await;
    app.wait_text("rate", "100%", |t| t.contains("100.0%"))
        .await;
    assert_eq!(app.text("count-absent").await, "0");

    app.click("nav-structure").await;
    app.wait_text("structure-headcount", "1 人", |t| t.contains('1'))
        .await;
    let canvas = app.xpath("//*[@data-testid='chart-pyramid']//canvas").await;
    let width = app
        .c()
        .execute(
            "return arguments[0].width",
            vec![serde_json::to_value(&canvas).unwrap()],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap_or(0);
    assert!(
        width > 100,
        "the pyramid chart is drawn (canvas width {width})"
    );
    let male_total = app
        .c()
        .execute(
            "const o = window.__qungongCharts && window.__qungongCharts.pyramid; \
             if (!o) return null; \
             return o.series.map(s => s.data.reduce((a, v) => a + Math.abs(typeof v === 'object' ? v.value : v), 0));",
            vec![],
        )
        .await
        .unwrap();
    // One man (张三, from his ID number): the chart shows exactly one person.
    let totals: Vec<f64> = serde_json::from_value(male_total).unwrap();
    assert_eq!(
        totals.iter().sum::<f64>(),
        1.0,
        "pyramid series totals {totals:?}"
    );

    // A second launch hands over to the running window and exits at once.
    let mut second = Command::new(app_binary())
        .env("QUNGONG_DB", &db)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            second.kill().ok();
            panic!("a second launch did not exit: single instance is not working");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success());
    assert!(
        !app.text("structure-headcount").await.is_empty(),
        "the first window still answers"
    );

    // 导入花名册: a CSV as Excel users save it (a title row above the header, dates typed the
    // way people type them), one good row and one with a wrong check digit.
    let good = format!(
        "14010519900101123{}",
        qungong::idcard::check_char("14010519900101123")
    );
    // An ASCII name: xdotool types it into the GTK dialog key by key.
    let csv = db.with_file_name("roster.csv");
    std::fs::write(
        &csv,
        format!(
            "城关供电所职工花名册,,,,,\n序号,姓名,工号,身份证号,所在单位,政治面貌,参加工作时间\n\
             1,李四,10002,{good},城关供电所,党员,2012.07\n\
             2,王五,10003,140105198503120017,城关供电所,群众,2013年3月\n"
        ),
    )
    .unwrap();
    app.click("nav-people").await;
    app.click("people-import").await;
    app.click("import-pick").await;
    answer_open_dialog("选择职工花名册", &csv);
    app.wait_text("import-mapping", "the columns mapped", |t| {
        t.contains("姓名") && t.contains("身份证号")
    })
    .await;
    app.click("import-preview").await;
    app.wait_text("import-summary", "新增 1 人", |t| {
        t.contains("新增 1 人") && t.contains("1 行有错误")
    })
    .await;
    let rows = app.text("import-rows").await;
    assert!(
        rows.contains("王五") && rows.contains("校验位错误"),
        "the bad row is named with its reason: {rows}"
    );
    app.click("import-commit").await;
    app.wait_text("import-result", "导入完成", |t| t.contains("新增 1 人"))
        .await;
    app.click("import-done").await;
    app.wait_text("people-table", "李四", |t| {
        t.contains("李四") && t.contains("10002") && !t.contains("王五")
    })
    .await;
}

/// Every main screen renders the demo company without an error; saves the README pictures.
#[tokio::test(flavor = "multi_thread")]
async fn the_main_screens_show_the_demo_company() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("demo.db");
    {
        let mut store = qungong::Db::open(&db).unwrap();
        let today = chrono::Local::now().date_naive();
        store
            .transact(&qungong::Actor::local(), qungong::Action::Demo, |tx| {
                qungong::demo::generate(tx, qungong::demo::Scale::Branch, 1, today)
            })
            .unwrap();
    }
    // The kiosk part checks in two invitees of the next planned activity: one by 工号, one by name.
    let (activity, first, second) = {
        let store = qungong::Db::open(&db).unwrap();
        let next = qungong::activities::ActivityFilter {
            status: Some(qungong::codes::ActivityStatus::Planned),
            from: Some(chrono::Local::now().date_naive()),
            ascending: true,
            ..Default::default()
        };
        let list = qungong::activities::list(store.conn(), &next, 0, 50)
            .unwrap()
            .items;
        let a = list
            .into_iter()
            .find(|a| a.invited >= 2)
            .expect("a planned activity with invitees");
        let sheet = qungong::attendance::sheet(store.conn(), a.id).unwrap();
        let conn = store.conn();
        let by_name = |r: &&qungong::attendance::SheetRow| {
            qungong::attendance::find_attendee(conn, a.id, &r.name).ok() == Some(r.person_id)
        };
        let second = sheet
            .rows
            .iter()
            .skip(1)
            .find(by_name)
            .expect("an invitee with a unique name");
        (a.id, sheet.rows[0].clone(), second.clone())
    };
    let app = App::start(4454, data, &db).await;
    app.el("nav-dashboard").await;
    app.shot("dashboard").await;

    app.click("nav-people").await;
    app.wait_text("people-table", "a page of staff", |t| {
        t.matches("在职").count() >= 20
    })
    .await;
    app.type_into("person-search", "zs").await;
    app.wait_text("people-table", "张", |t| t.contains('张'))
        .await;
    app.shot("people").await;

    app.click("nav-activities").await;
    app.xpath("//*[contains(text(),'形势任务宣讲')]").await;
    app.shot("activities").await;

    app.click("nav-structure").await;
    app.wait_text("structure-headcount", "about 300", |t| {
        t.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse::<i64>()
            .is_ok_and(|n| n > 200)
    })
    .await;
    app.xpath("//*[@data-testid='chart-pyramid']//canvas").await;
    app.xpath("//*[@data-testid='chart-trend']//canvas").await;
    app.shot("structure").await;
    // The charts show the core's numbers: the same analysis computed here, in-process.
    let expected = {
        let store = qungong::Db::open(&db).unwrap();
        let q = qungong::structure::StructureQuery {
            unit_id: None,
            population: qungong::structure::Population::All,
            as_of: chrono::Local::now().date_naive(),
        };
        let cfg = qungong::structure::Config::load(store.conn()).unwrap();
        qungong::structure::analyse(store.conn(), &q, &cfg, 5).unwrap()
    };
    let shown = app
        .c()
        .execute(
            "const o = window.__qungongCharts;              const v = (d) => (d && typeof d === 'object' ? d.value : d);              return {                labels: o.pyramid.yAxis.data,                male: o.pyramid.series[0].data.map(v),                female: o.pyramid.series[1].data.map(v),                segments: o.distributions.series.map(s => [s.id, s.count]),                trend: o.trend.series[2].data.map(v),                trend_labels: o.trend.xAxis.data };",
            vec![],
        )
        .await
        .unwrap();
    let s = &expected.structure;
    let labels: Vec<String> = s.pyramid.iter().map(|r| r.label.clone()).collect();
    assert_eq!(shown["labels"], serde_json::json!(labels));
    let male: Vec<i64> = s.pyramid.iter().map(|r| -r.male).collect();
    let female: Vec<i64> = s.pyramid.iter().map(|r| r.female).collect();
    assert_eq!(shown["male"], serde_json::json!(male), "men per bracket");
    assert_eq!(
        shown["female"],
        serde_json::json!(female),
        "women per bracket"
    );
    let mut segments = Vec::new();
    for (key, shares) in [
        ("education", &s.education),
        ("professional_title", &s.professional_title),
        ("skill_level", &s.skill_level),
        ("political_status", &s.political_status),
    ] {
        for x in shares.iter().filter(|x| x.count > 0) {
            segments.push(serde_json::json!([format!("{key}|{}", x.label), x.count]));
        }
    }
    assert_eq!(shown["segments"], serde_json::Value::Array(segments));
    let heads: Vec<i64> = expected.trend.iter().map(|p| p.headcount).collect();
    assert_eq!(shown["trend"], serde_json::json!(heads), "trend headcounts");
    let trend_labels: Vec<&str> = expected.trend.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(shown["trend_labels"], serde_json::json!(trend_labels));
    assert_eq!(
        app.text("structure-outlook").await.trim(),
        expected.outlook.trim()
    );
    // The retiring card lists the people behind it.
    app.click("structure-retiring").await;
    let within_5 = expected.retiring_within.within_5;
    app.wait_text("structure-people-count", "the people retiring", |t| {
        t.contains(&format!("共 {within_5} 人"))
    })
    .await;
    app.c()
        .execute(
            "document.querySelectorAll('.el-dialog__headerbtn').forEach(b => b.click())",
            vec![],
        )
        .await
        .unwrap();

    app.click("nav-checkin").await;
    app.shot("checkin").await;

    app.c()
        .execute(&format!("location.hash = '#/checkin/{activity}'"), vec![])
        .await
        .unwrap();
    app.click("kiosk-open").await;
    app.type_into(
        "kiosk-input",
        &format!("{}{}", first.employee_no, Key::Enter),
    )
    .await;
    let name = first.name.clone();
    app.wait_text("kiosk-result", "签到成功", |t| {
        t.contains(&format!("{name} 签到成功"))
    })
    .await;
    app.type_into("kiosk-input", &format!("{}{}", second.name, Key::Enter))
        .await;
    let name = second.name.clone();
    app.wait_text("kiosk-result", "签到成功", |t| {
        t.contains(&name) && t.contains("签到")
    })
    .await;
    app.shot("kiosk").await;
    app.click("kiosk-exit").await;
    app.wait_text("count-attended", "实到 2", |t| t == "2")
        .await;
    app.click("nav-settings").await;
    app.xpath("//*[contains(text(),'demo.db')]").await;
}
