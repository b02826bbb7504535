//! End-to-end: the real built desktop app (target/debug/qungong-desktop), started by
//! tauri-driver (with WebKitWebDriver) and driven through WebDriver, as a user would.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` (PATH, `TAURI_DRIVER`, or
//! `.tools/bin/tauri-driver` as `./test.sh` installs it) and the built app (`QUNGONG_APP` or
//! target/debug/qungong-desktop). Missing pieces fail the test with what to do; they never skip.
//! With `QUNGONG_SCREENSHOTS=DIR` the screens are also saved as PNGs (the README's pictures).
//!
//! No step depends on timing (see `support`): the file dialogs are answered through the
//! shell's test seam, except in `printing_through_the_native_save_dialog`, which drives the real
//! GTK dialog with the keyboard.

mod support;

use std::path::Path;

use fantoccini::key::Key;

use support::{App, Dialogs, PATIENCE, native_dialog, until, wait_for_pdf};

/// A user's first morning in the desktop window.
#[tokio::test(flavor = "multi_thread")]
async fn from_an_empty_database_to_a_checked_in_lecture() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let app = App::start_first(4444, data, &db, Dialogs::Scripted).await;
    first_morning(&app, &db).await;
}

/// The same morning in browser mode (`qungong serve`, headless Chromium): the same steps, the
/// roster an upload and the sign-in sheet a download.
#[tokio::test(flavor = "multi_thread")]
async fn browser_mode_from_an_empty_database_to_a_checked_in_lecture() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let app = App::start_first_browser(4494, data, &db).await;
    first_morning(&app, &db).await;
}

/// A user's first morning: a unit, a person, a lecture with the unit invited, the sign-in sheet
/// printed, the person checked in at the kiosk, the counts and the rate changing, the structure
/// chart, a second start, and a roster imported. Written once for both front doors.
async fn first_morning(app: &App, db: &Path) {
    // The first start asks for the administrator's account; a weak password is refused in
    // Chinese, then the account is made and signed in.
    app.type_into("setup-name", "admin").await;
    app.type_into("setup-password", "12345678").await;
    app.type_into("setup-password2", "12345678").await;
    app.click("setup-submit").await;
    app.wait_text("setup-error", "the password rule", |t| {
        t.contains("密码太简单")
    })
    .await;
    app.type_into("setup-password", "qungong-2026").await;
    app.type_into("setup-password2", "qungong-2026").await;
    app.click("setup-submit").await;
    app.wait_text("account-name", "the administrator signed in", |t| {
        t.contains("admin")
    })
    .await;

    // The guided start on the 工作台: the company first, created in place.
    app.wait_text("dashboard-start", "the guided start", |t| {
        t.contains("还没有单位和职工数据")
    })
    .await;
    app.type_into(
        "start-company-name",
        &format!("国网示范县供电公司{}", Key::Enter),
    )
    .await;
    app.wait_text("start-company", "the company created", |t| {
        t.contains("已建立 国网示范县供电公司")
    })
    .await;

    // The station is added as a second top-level unit: with nothing selected 新增单位 adds at
    // the top (a click on the company would also fold it, hiding its new child on a busy machine).
    app.click("nav-people").await;
    app.xpath("//*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='国网示范县供电公司']")
        .await;
    app.click("unit-add").await;
    app.type_into("unit-name", "城关供电所").await;
    app.click("unit-save").await;
    // Select the new unit in the tree: new people go into it.
    let node = app
        .xpath("//*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='城关供电所']")
        .await;
    app.press(&node, "单位树中的城关供电所").await;
    app.xpath(
        "//*[contains(@class,'el-tree-node') and contains(@class,'is-current')]\
         /*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='城关供电所']",
    )
    .await;

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
    let cancel = app
        .xpath(
            "//*[@data-testid='form-error']\
             /ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' el-dialog ')][1]\
             //button[normalize-space()='取消']",
        )
        .await;
    app.press(&cancel, "人员表单的取消").await;
    app.wait_gone("form-error").await;

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
    let node = "//*[@data-testid='invite-unit-node' and normalize-space()='城关供电所']\
                /ancestor::*[contains(@class,'el-tree-node__content')][1]";
    let checkbox = app
        .xpath(&format!("{node}//*[contains(@class,'el-checkbox__inner')]"))
        .await;
    app.press(&checkbox, "城关供电所的复选框").await;
    app.xpath(&format!(
        "{node}//*[contains(@class,'el-checkbox') and contains(@class,'is-checked')]"
    ))
    .await;
    app.click("invite-unit-confirm").await;
    app.wait_text("count-invited", "应到 1", |t| t == "1").await;
    app.shot("activity-detail").await;

    app.click("go-checkin").await;
    app.wait_text("checkin-title", "the lecture", |t| t == "安全生产专题讲座")
        .await;
    app.wait_text("count-invited", "应到 1", |t| t == "1").await;
    assert_eq!(app.text("count-attended").await, "0");
    assert_eq!(
        app.text("rate").await,
        "—",
        "no rate before anyone has come"
    );

    // 打印签到表: the save dialog answers with a path (the shell's test seam; the real dialog has
    // its own test below); the PDF lands there and reads back with the invitee on it.
    let sheet = db.with_file_name("签到表.pdf");
    app.save_from("print-sign-in-sheet", &sheet).await;
    let text = wait_for_pdf(&sheet).await;
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
    app.xpath("//*[@data-testid='chart-pyramid']//canvas").await;
    app.eval_until(
        "the pyramid chart drawn wider than 100 px",
        "const c = document.querySelector(\"[data-testid='chart-pyramid'] canvas\"); \
         return c ? c.width : 0;",
        |w| w.as_i64().is_some_and(|w| w > 100),
    )
    .await;
    // One man (张三, from his ID number): the chart shows exactly one person.
    app.eval_until(
        "the pyramid to show one person",
        "const o = window.__qungongCharts && window.__qungongCharts.pyramid; \
         if (!o) return null; \
         return o.series.map(s => s.data.reduce((a, v) => a + Math.abs(typeof v === 'object' ? v.value : v), 0));",
        |totals| {
            totals
                .as_array()
                .is_some_and(|t| t.iter().filter_map(|v| v.as_f64()).sum::<f64>() == 1.0)
        },
    )
    .await;

    // A second launch hands over to the running window and exits at once.
    let mut second = app.launch_again(db);
    let status = until(PATIENCE, "a second launch to exit", async || {
        second
            .try_wait()
            .unwrap()
            .ok_or_else(|| "still running".to_string())
    })
    .await;
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
    let csv = db.with_file_name("城关供电所花名册.csv");
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
    app.open_with("import-pick", &csv).await;
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
    let (activity, title, first, second, later, later_key) = {
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
        // One further out stays where the demo put it: the kiosk must refuse it for now.
        let soon = qungong::db::now() + chrono::Duration::hours(3);
        let later = list
            .iter()
            .find(|a| a.invited >= 1 && a.starts_at > soon)
            .expect("a planned activity more than 3 hours away")
            .clone();
        let later_key = qungong::attendance::sheet(store.conn(), later.id)
            .unwrap()
            .rows[0]
            .employee_no
            .clone()
            .expect("demo people have a 工号");
        let a = list
            .into_iter()
            .find(|a| a.invited >= 2 && a.id != later.id)
            .expect("a planned activity with invitees");
        // The kiosk takes check-ins only from an hour before the start: move the activity to
        // half an hour from now, whatever day the demo put it on.
        let mut store = store;
        let start = qungong::db::now() + chrono::Duration::minutes(30);
        let input = qungong::activities::ActivityInput {
            starts_at: start,
            ends_at: start + chrono::Duration::hours(2),
            ..a.to_input()
        };
        store
            .transact(
                &qungong::Actor::local(),
                qungong::Action::ActivityEdit,
                |tx| qungong::activities::update(tx, a.id, input),
            )
            .unwrap();
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
        (
            a.id,
            a.title.clone(),
            sheet.rows[0].clone(),
            second.clone(),
            later.id,
            later_key,
        )
    };
    let app = App::start(4454, data, &db, Dialogs::Scripted).await;
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
    let s = &expected.structure;
    let labels: Vec<&str> = s.pyramid.iter().map(|r| r.label.as_str()).collect();
    let male: Vec<i64> = s.pyramid.iter().map(|r| -r.male).collect();
    let female: Vec<i64> = s.pyramid.iter().map(|r| r.female).collect();
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
    let heads: Vec<i64> = expected.trend.iter().map(|p| p.headcount).collect();
    let trend_labels: Vec<&str> = expected.trend.iter().map(|p| p.label.as_str()).collect();
    let want = serde_json::json!({
        "labels": labels,
        "male": male,
        "female": female,
        "segments": segments,
        "trend": heads,
        "trend_labels": trend_labels,
    });
    app.eval_until(
        "the charts to show the core's numbers (brackets, men and women per bracket, \
         distribution segments, trend headcounts and labels)",
        "const o = window.__qungongCharts; \
         if (!o || !o.pyramid || !o.distributions || !o.trend) return null; \
         const v = (d) => (d && typeof d === 'object' ? d.value : d); \
         return { labels: o.pyramid.yAxis.data, \
                  male: o.pyramid.series[0].data.map(v), \
                  female: o.pyramid.series[1].data.map(v), \
                  segments: o.distributions.series.map(s => [s.id, s.count]), \
                  trend: o.trend.series[2].data.map(v), \
                  trend_labels: o.trend.xAxis.data };",
        |shown| *shown == want,
    )
    .await;
    let outlook = expected.outlook.trim();
    app.wait_text("structure-outlook", "the core's outlook", |t| {
        t.trim() == outlook
    })
    .await;
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
    app.wait_gone("structure-people-count").await;

    app.click("nav-checkin").await;
    app.shot("checkin").await;

    app.c()
        .execute(&format!("location.hash = '#/checkin/{activity}'"), vec![])
        .await
        .unwrap();
    app.wait_text("checkin-title", "the planned activity", |t| t == title)
        .await;
    app.click("kiosk-open").await;
    app.type_into(
        "kiosk-input",
        &format!(
            "{}{}",
            first.employee_no.clone().expect("demo people have a 工号"),
            Key::Enter
        ),
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

    // The person's page shows the lecture just attended in their history, with the rate.
    app.c()
        .execute(
            &format!("location.hash = '#/people/{}'", first.person_id),
            vec![],
        )
        .await
        .unwrap();
    let name = first.name.clone();
    app.wait_text("person-detail-name", "the person's page", |t| t == name)
        .await;
    app.wait_text("person-detail-history", "the lecture in the history", |t| {
        t.contains(&title) && t.contains("出席")
    })
    .await;
    app.wait_text("person-detail-rate", "a rate", |t| t.contains('%'))
        .await;
    app.shot("person").await;

    // An activity days away: the kiosk refuses a check-in and says when it opens.
    app.c()
        .execute(&format!("location.hash = '#/kiosk/{later}'"), vec![])
        .await
        .unwrap();
    app.type_into("kiosk-input", &format!("{later_key}{}", Key::Enter))
        .await;
    app.wait_text("kiosk-result", "a refusal", |t| {
        t.contains("现在不能签到") && t.contains("起可以签到")
    })
    .await;
    app.wait_text("kiosk-attended", "nobody checked in", |t| t == "0")
        .await;
    app.click("kiosk-exit").await;
    app.click("nav-settings").await;
    app.xpath("//*[contains(text(),'demo.db')]").await;
}

/// 打印签到表 through the real native save dialog (GTK), answered with the keyboard as a user
/// would; every other test answers its dialogs through the shell's test seam.
#[tokio::test(flavor = "multi_thread")]
async fn printing_through_the_native_save_dialog() {
    use qungong::codes::{ActivityKind, ActivityMode, UnitKind};
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let activity = {
        let mut store = qungong::Db::open(&db).unwrap();
        let starts_at = chrono::Local::now()
            .date_naive()
            .and_hms_opt(15, 0, 0)
            .unwrap();
        store
            .transact(&qungong::Actor::local(), qungong::Action::Demo, |tx| {
                let unit = qungong::units::add(tx, "城关供电所", UnitKind::Station, None)?;
                qungong::people::add(
                    tx,
                    qungong::people::PersonInput {
                        employee_no: Some("10001".into()),
                        name: "张三".into(),
                        id_number: Some("140105198503120018".into()),
                        unit_id: unit,
                        ..Default::default()
                    },
                )?;
                let id = qungong::activities::add(
                    tx,
                    qungong::activities::ActivityInput {
                        kind: ActivityKind::Lecture,
                        mode: ActivityMode::Offline,
                        title: "安全生产专题讲座".into(),
                        starts_at,
                        ends_at: starts_at + chrono::Duration::hours(2),
                        place: Some("三楼会议室".into()),
                        online_meeting: None,
                        organizer_unit_id: Some(unit),
                        host: None,
                        description: None,
                        late_grace_minutes: 10,
                    },
                )?;
                qungong::attendance::invite(tx, id, &[unit], None, &[])?;
                Ok(id)
            })
            .unwrap()
    };
    // A fresh, empty folder: nothing for the dialog's name field to complete.
    let out = data.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let sheet = out.join("sign-in-sheet.pdf");
    let app = App::start(4464, data, &db, Dialogs::Native).await;
    app.el("nav-dashboard").await;
    app.c()
        .execute(&format!("location.hash = '#/checkin/{activity}'"), vec![])
        .await
        .unwrap();
    app.wait_text("checkin-title", "the lecture", |t| t == "安全生产专题讲座")
        .await;
    app.wait_text("count-invited", "应到 1", |t| t == "1").await;
    app.click("print-sign-in-sheet").await;
    let typed = sheet.clone();
    tokio::task::spawn_blocking(move || native_dialog::save_as("保存 PDF", &typed))
        .await
        .unwrap();
    let text = wait_for_pdf(&sheet).await;
    assert!(
        text.contains("安全生产专题讲座") && text.contains("签到表") && text.contains("张三"),
        "{text}"
    );
}
