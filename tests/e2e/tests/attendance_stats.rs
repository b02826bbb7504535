//! End-to-end: 出勤统计 on the demo company — 本年 chosen, the first unit row's 应到 / 实到 /
//! 出勤率, the lowest person and the number of rates below the 提醒线, and the 未出勤名单 are the
//! numbers the core computes for the same period; a person's activities open in the drawer; the
//! page does not scroll sideways at 1024×640 (its picture is saved with `QUNGONG_SCREENSHOTS`).
//! See `app.rs` for the harness.

// Not every helper of the harness is used here.
#[allow(dead_code)]
mod support;

use chrono::Datelike;
use qungong::attendance::{self, RateQuery};
use qungong::{Action, Actor, Db};
use serde_json::{Value, json};

use support::{App, Dialogs, PATIENCE, until};

/// A script returning the text of the first `[data-testid=testid]` inside `[data-testid=within]`,
/// whitespace collapsed, or null.
fn first_text(within: &str, testid: &str) -> String {
    format!(
        "const e = document.querySelector(\"[data-testid='{within}'] [data-testid='{testid}']\"); \
         return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;"
    )
}

/// Opens the tab called `name` of the screen's el-tabs.
async fn open_tab(app: &App, name: &str) {
    let tab = app.xpath(&format!("//*[@id='tab-{name}']")).await;
    app.press(&tab, &format!("tab {name}")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn attendance_stats_show_the_core_numbers() {
    let data = tempfile::tempdir().unwrap();
    // Where the exports and the printout are saved (the app's data dir moves into `App`).
    let out = tempfile::tempdir().unwrap();
    let db = data.path().join("demo.db");
    let today = chrono::Local::now().date_naive();
    let q = RateQuery {
        from: chrono::NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap(),
        unit_id: None,
        kinds: Vec::new(),
    };
    let (unit, lowest, people_count, low_count, absent_people, history_title, by_kind, runs) = {
        let mut store = Db::open(&db).unwrap();
        store
            .transact(&Actor::local(), Action::Demo, |tx| {
                qungong::demo::generate(tx, qungong::demo::Scale::Branch, 1, today)
            })
            .unwrap();
        let conn = store.conn();
        let unit = attendance::rates_by_unit(conn, &q).unwrap().remove(0);
        assert!(unit.counts.invited > 0, "the demo has attendance this year");
        let people = attendance::rates_by_person(conn, &q).unwrap();
        // Marked as shown: below 80.0 % in tenths of a percent (设置's default 提醒线).
        let low_count = people
            .iter()
            .filter(|p| p.counts.rate.is_some_and(|r| (r * 1000.0).round() < 800.0))
            .count();
        let lowest = people[0].clone();
        let mut absent: Vec<i64> = attendance::absences(conn, &q, true)
            .unwrap()
            .iter()
            .map(|a| a.person_id)
            .collect();
        absent.sort_unstable();
        absent.dedup();
        let history = attendance::person_attendance(conn, lowest.person_id, &q).unwrap();
        let title = history.rows[0].title.clone();
        let by_kind = attendance::rates_by_kind(conn, &q).unwrap();
        let runs = attendance::absence_runs(conn, &q, 3).unwrap();
        (
            unit,
            lowest,
            people.len(),
            low_count,
            absent.len(),
            title,
            by_kind,
            runs,
        )
    };

    let app = App::start(4484, data, &db, Dialogs::Scripted).await;
    app.c()
        .set_window_size(1024, 640)
        .await
        .expect("window size");
    app.click("nav-attendance").await;
    app.el("attendance-stats").await;
    app.click("stats-pick-year").await;
    let year_from = format!("{}-01-01", today.year());
    until(PATIENCE, "the period to be 本年", async || {
        let v = app
            .c()
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='stats-range'] input\")].map(i => i.value)",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        if v.get(0).and_then(Value::as_str) == Some(year_from.as_str()) {
            Ok(())
        } else {
            Err(v.to_string())
        }
    })
    .await;

    // 按单位: the first row is the core's first unit, for the year.
    let expected = json!([
        unit.name,
        unit.counts.invited.to_string(),
        unit.counts.attended.to_string(),
        unit.counts.rate_text(),
    ]);
    let script = r#"const t = (id) => {
          const e = document.querySelector("[data-testid='stats-units'] [data-testid='" + id + "']");
          return e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
        };
        return [t('stats-unit-name'), t('stats-unit-invited'), t('stats-unit-attended'), t('stats-unit-rate')];"#;
    let shown = app
        .eval_until(
            "the first unit row to show the core's numbers of the year",
            script,
            |v| *v == expected,
        )
        .await;
    assert_eq!(shown, expected);
    app.shot("attendance-stats-1024x640").await;
    let sideways = app
        .c()
        .execute(
            "const m = document.querySelector('.main'); \
             return [document.documentElement.scrollWidth - document.documentElement.clientWidth, \
                     m.scrollWidth - m.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        sideways,
        json!([0, 0]),
        "the page scrolls sideways at 1024×640"
    );

    // 按人员: lowest rate first as the core sorts, the low ones counted against 80 %.
    open_tab(&app, "person").await;
    let want = lowest.counts.rate_text();
    let rate = app
        .eval_until(
            "the first person's rate",
            &first_text("stats-people", "stats-person-rate"),
            |v| v.as_str() == Some(want.as_str()),
        )
        .await;
    assert_eq!(rate.as_str(), Some(want.as_str()));
    app.wait_text(
        "stats-people-summary",
        "the people and the low count",
        |t| {
            t.contains(&format!("共 {people_count} 人"))
                && t.contains(&format!("低于 80% 的 {low_count} 人"))
        },
    )
    .await;
    app.shot("attendance-stats-people-1024x640").await;

    // A click on the lowest person opens their activities of the year.
    let row = app
        .xpath("//*[@data-testid='stats-people']//tr[contains(@class,'el-table__row')][1]")
        .await;
    app.press(&row, "the first person's row").await;
    app.wait_text("stats-person-history", "the person's activities", |t| {
        t.contains(&history_title)
    })
    .await;
    app.wait_text("stats-person-name", "the person's name", |t| {
        t == lowest.name
    })
    .await;
    app.shot("attendance-stats-drawer-1024x640").await;
    let close = app
        .xpath("//*[contains(@class,'el-drawer__close-btn')]")
        .await;
    app.press(&close, "the drawer's close button").await;
    app.wait_gone("stats-person-history").await;

    // 导出 on 按人员: the existing rates export, by person, for the year.
    let xlsx = out.path().join("出勤统计.xlsx");
    app.answer_next_dialog(&xlsx);
    app.click("export-xlsx").await;
    app.wait_dialogs_answered().await;
    let bytes = until(
        PATIENCE,
        "the workbook to be written",
        async || match std::fs::read(&xlsx) {
            Ok(b) if b.len() > 4 && b.starts_with(b"PK") => Ok(b),
            Ok(b) => Err(format!("{} bytes", b.len())),
            Err(e) => Err(e.to_string()),
        },
    )
    .await;
    let sheets = qungong::xlsx::read::open_book_bytes(&bytes, "出勤统计.xlsx").unwrap();
    assert_eq!(sheets[0].name, "按人员", "the by-person sheet first");
    let cells = format!("{:?}", sheets[0].rows);
    assert!(
        cells.contains(&lowest.name),
        "{} in the export",
        lowest.name
    );

    // 按活动类型: the first unit's held activities and rate over every kind, as the core has them.
    open_tab(&app, "kind").await;
    let first = &by_kind.rows[0];
    let want = json!([
        first.name,
        first.activities.to_string(),
        first.counts.rate_text()
    ]);
    let script = r#"const t = (id) => {
          const e = document.querySelector("[data-testid='stats-kinds-table'] [data-testid='" + id + "']");
          return e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
        };
        return [t('stats-kind-unit'), t('stats-kind-total'), t('stats-kind-rate')];"#;
    let shown = app
        .eval_until("the first by-kind row", script, |v| *v == want)
        .await;
    assert_eq!(shown, want);
    let headers = app
        .eval_until(
            "a column per kind held",
            "return document.querySelector(\"[data-testid='stats-kinds-table'] thead\")?.textContent ?? ''",
            |v| v.as_str().is_some_and(|t| !t.is_empty()),
        )
        .await;
    for k in &by_kind.kinds {
        assert!(
            headers.as_str().unwrap().contains(k.label()),
            "{} is a column: {headers}",
            k.label()
        );
    }
    app.shot("attendance-stats-kinds-1024x640").await;

    // 打印 on 按活动类型: an A4 出勤统计表 is written where the dialog says.
    let pdf = out.path().join("出勤统计表.pdf");
    app.answer_next_dialog(&pdf);
    app.click("stats-print").await;
    app.wait_dialogs_answered().await;
    let bytes = until(
        PATIENCE,
        "the PDF to be written",
        async || match std::fs::read(&pdf) {
            Ok(b)
                if b.starts_with(b"%PDF")
                    && b[b.len().saturating_sub(32)..]
                        .windows(5)
                        .any(|w| w == b"%%EOF") =>
            {
                Ok(b)
            }
            Ok(b) => Err(format!("{} bytes", b.len())),
            Err(e) => Err(e.to_string()),
        },
    )
    .await;
    assert!(bytes.starts_with(b"%PDF"), "a PDF");

    // 未出勤名单: one group per person who was absent or on leave; the runs of 3 or more above.
    open_tab(&app, "absent").await;
    app.wait_text("stats-absent-note", "the number of people", |t| {
        t.contains(&format!("共 {absent_people} 人"))
    })
    .await;
    if runs.is_empty() {
        app.wait_gone("stats-runs").await;
    } else {
        app.wait_text("stats-runs", "the runs of absences", |t| {
            t.contains(&format!("连续缺席 3 次及以上：{} 人", runs.len()))
        })
        .await;
    }
    app.shot("attendance-stats-absent-1024x640").await;
}
