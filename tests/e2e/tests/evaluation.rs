//! End-to-end: 考核评价 and 推优评先 (issue 16) in the real built app, on the demo company.
//!
//! - `a_round_from_indicator_system_to_published_ranking`: 指标体系 built through its editor (a
//!   系统数据 活动出勤率 indicator, target 95, weight 40; a 评委打分 one, 40; a 民主测评 one, first
//!   10 — the red 权重合计 90 and the core's Chinese refusal — then 20); a 本季度 考核 with that
//!   system; a station's 政工干部 added as subjects (the 工作台 shows the round waiting); two
//!   evaluators' marks in the grid; the ballot counts; 计算结果, 进入结果反馈, a 反馈 and 本人确认
//!   for one, 公布: the ranked table (rank 1 first, each score and total as the core stored
//!   them), 已公布, and no edit control left; the 考核结果汇总表 printed and read back; the
//!   person page shows the result.
//! - `a_recognition_round_from_nomination_to_honour`, in browser mode (`qungong serve` in
//!   headless Chromium): a 个人 推优评先 round (quota 1, 在职 and 出勤率不低于 a threshold
//!   between two people's rates); the one below it is listed with ✗ and the reason, not
//!   hidden; 开始投票, votes, 公示 over days already past (the 公示 printed and read back),
//!   确认结果 today; the honour on the winner's page and in 荣誉.
//!
//! Both check the database through the core afterwards. See `app.rs` for the harness; with
//! `QUNGONG_SCREENSHOTS=DIR` the key screens are saved (eval-*.png).

// Not every helper of the harness is used here.
#[path = "evaluation/data.rs"]
mod data;
#[allow(dead_code)]
mod support;
#[allow(dead_code)]
#[path = "evaluation/ui.rs"]
mod ui;

use chrono::{Datelike, Duration, Local, NaiveDate};
use qungong::Db;
use qungong::codes::{
    AutoSource, EvalMethod, RecognitionStatus, RoundKind, RoundStatus, ScoreRule,
};
use qungong::evaluation::{BallotCounts, HonourFilter, Rule, honour, recognition, round, system};
use qungong::pdf::chinese_date;

use data::{Someone, demo, split_by_rate, station_with_two_cadres};
use support::{App, Dialogs, PATIENCE, until, wait_for_pdf};
use ui::{
    TAB, act, click_in_row, fill_in_row, go, id_in_address, open_tab, pick, pick_nth, pick_person,
    present, row_text, row_xpath, set_range, show, texts, tick_unit, type_nth, wait_nth_text,
    wait_row,
};

const SYSTEM_NAME: &str = "政工干部日常考核指标体系";
/// The honour of the 推优评先 round (one the demo does not award).
const HONOUR: &str = "群众工作先进个人";

/// 指标体系 → 新建: three indicators; with the weights summing to 90 the total is red and the
/// core refuses in Chinese; with 100 it saves.
async fn build_system(app: &App) {
    app.click("nav-eval-systems").await;
    app.click("sys-new").await;
    app.el("sys-editor").await;
    app.type_into("sys-name", SYSTEM_NAME).await;

    // 1: 活动出勤率 from the app's data, proportional to a target of 95%.
    type_nth(app, "sys-ind-name", 1, "活动出勤率").await;
    type_nth(app, "sys-ind-weight", 1, &format!("40{TAB}")).await;
    pick_nth(app, "sys-ind-method", 1, "系统数据").await;
    wait_nth_text(app, "sys-ind-source", 1, "活动出勤率", |t| {
        t.contains("活动出勤率")
    })
    .await;
    pick_nth(app, "sys-ind-source", 1, "活动出勤率").await;
    wait_nth_text(app, "sys-ind-rule", 1, "按目标比例", |t| {
        t.contains("按目标比例")
    })
    .await;
    type_nth(app, "sys-ind-target", 1, &format!("95{TAB}")).await;

    // 2: the evaluators' marks.
    app.click("sys-ind-add").await;
    type_nth(app, "sys-ind-name", 2, "工作实绩评价").await;
    type_nth(app, "sys-ind-weight", 2, &format!("40{TAB}")).await;
    wait_nth_text(app, "sys-ind-method", 2, "评委打分", |t| {
        t.contains("评委打分")
    })
    .await;

    // 3: 民主测评, first with a weight that leaves the total at 90.
    app.click("sys-ind-add").await;
    type_nth(app, "sys-ind-name", 3, "民主测评").await;
    type_nth(app, "sys-ind-weight", 3, &format!("10{TAB}")).await;
    pick_nth(app, "sys-ind-method", 3, "民主测评").await;
    app.wait_text("sys-weight-total", "权重合计 90", |t| {
        t == "权重合计 90"
    })
    .await;
    app.wait_text("sys-weight-hint", "（应为 100）", |t| {
        t == "（应为 100）"
    })
    .await;
    let red = app
        .eval_until(
            "the total marked as wrong",
            "return document.querySelector(\"[data-testid='sys-weight-total']\").className",
            |v| v.as_str().is_some(),
        )
        .await;
    assert!(
        red.as_str().unwrap().split(' ').any(|c| c == "bad"),
        "the total of 90 is shown red: {red}"
    );
    app.click("sys-save").await;
    app.wait_text("form-error", "the core's refusal", |t| {
        t.contains("各项指标权重合计应为 100，现为 90")
    })
    .await;
    app.shot("eval-system-weights-refused").await;

    // 20 makes 100: green, and it saves.
    type_nth(app, "sys-ind-weight", 3, &format!("20{TAB}")).await;
    app.wait_text("sys-weight-total", "权重合计 100", |t| {
        t == "权重合计 100"
    })
    .await;
    app.wait_gone("sys-weight-hint").await;
    app.shot("eval-system-editor").await;
    app.click("sys-save").await;
    app.wait_gone("sys-editor").await;
    app.wait_text("sys-table", "the new system", |t| {
        t.contains(SYSTEM_NAME) && t.contains("第 1 版") && t.contains("可用")
    })
    .await;
}

/// 指标体系 → 考核 → 考核对象 → 评委打分 → 民主测评 → 计算结果 → 进入结果反馈 → 反馈 and 本人确认
/// → 公布; the ranked table and the stored result agree.
#[tokio::test(flavor = "multi_thread")]
async fn a_round_from_indicator_system_to_published_ranking() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let db = data.path().join("demo.db");
    let today = Local::now().date_naive();
    demo(&db, today);
    let (station, x, y) = station_with_two_cadres(&db);
    let app = App::start(4554, data, &db, Dialogs::Scripted).await;

    build_system(&app).await;
    let sys = {
        let store = Db::open(&db).unwrap();
        let found = system::list(store.conn(), false, false).unwrap();
        let ours: Vec<_> = found.iter().filter(|s| s.name == SYSTEM_NAME).collect();
        assert_eq!(ours.len(), 1, "the new system: {found:?}");
        assert_eq!((ours[0].version, ours[0].indicators), (1, 3));
        system::get(store.conn(), ours[0].id).unwrap()
    };
    let ind: Vec<_> = sys.indicators.iter().map(|i| &i.input).collect();
    assert_eq!(
        ind.iter()
            .map(|i| (i.name.as_str(), i.weight, i.method))
            .collect::<Vec<_>>(),
        [
            ("活动出勤率", 40.0, EvalMethod::Auto),
            ("工作实绩评价", 40.0, EvalMethod::Marks),
            ("民主测评", 20.0, EvalMethod::Ballot),
        ]
    );
    assert_eq!(
        (ind[0].source, ind[0].rule, ind[0].target),
        (
            Some(AutoSource::AttendanceRate),
            Some(ScoreRule::Proportional),
            Some(95.0)
        )
    );
    let (auto_id, marks_id, ballot_id) = (
        sys.indicators[0].id,
        sys.indicators[1].id,
        sys.indicators[2].id,
    );

    // 考核 → 新建考核: 日常考核, 本季度, the new system.
    app.click("nav-eval-rounds").await;
    app.click("round-new").await;
    app.click("round-period-quarter").await;
    pick(&app, "round-system", SYSTEM_NAME).await;
    app.click("round-save").await;
    let round_id = id_in_address(&app, "/evaluation/rounds").await;
    let name = {
        let store = Db::open(&db).unwrap();
        let r = round::get(store.conn(), round_id, Local::now().naive_local()).unwrap();
        assert_eq!(r.input.kind, RoundKind::Daily);
        assert_eq!(r.input.system_id, sys.id);
        let q0 = (today.month0() / 3) * 3 + 1;
        assert_eq!(
            r.input.period_from,
            NaiveDate::from_ymd_opt(today.year(), q0, 1).unwrap(),
            "本季度 starts the quarter"
        );
        r.input.name
    };
    assert!(name.ends_with("季度政工干部日常考核"), "{name}");
    app.wait_text("round-title", "the round's name", |t| t == name)
        .await;
    app.wait_text("round-status", "评分中", |t| t == "评分中")
        .await;

    // 考核对象: the station's 政工干部.
    tick_unit(&app, "subjects-units", &station, "round-title").await;
    app.click("subjects-add-units").await;
    app.wait_text("subjects-table", "the station's two 政工干部", |t| {
        t.contains(&x.name) && t.contains(&y.name) && t.contains(&station)
    })
    .await;

    // The 工作台 shows the round waiting for marks (beside the demo's own), and leads back to it.
    app.click("nav-dashboard").await;
    let line = format!(
        "//*[@data-testid='dash-eval-round'][.//*[contains(normalize-space(.), '{name}')]]"
    );
    let waiting = app
        .xpath(&format!("{line}//*[@data-testid='dash-eval-waiting']"))
        .await;
    until(PATIENCE, "the round, 2 人待评分", async || {
        let t = waiting.text().await.map_err(|e| e.to_string())?;
        if t == "2 人待评分" {
            Ok(())
        } else {
            Err(t)
        }
    })
    .await;
    let el = app.xpath(&line).await;
    app.press(&el, "the round on the 工作台").await;
    app.wait_text("round-title", "the round again", |t| t == name)
        .await;

    // 评委打分: two evaluators. Each save reloads the round and then the grid's marks; the
    // grid is marked 未保存 from the typing until that reload has filled it again, so the next
    // evaluator is chosen only once no reload can overwrite what is typed.
    open_tab(&app, "marks").await;
    let cell = |p: &Someone| format!("marks-cell-{}-{marks_id}", p.id);
    let unsaved = "return [...document.querySelectorAll(\"[data-testid='marks'] .el-tag\")]\
                   .some(t => t.textContent.includes('未保存'))";
    for (who, mx, my, n) in [("评委甲", 95.0, 80.0, 1), ("评委乙", 91.0, 76.0, 2)] {
        pick_person(&app, "marks-evaluator", who, who).await;
        type_nth(&app, &cell(&x), 1, &mx.to_string()).await;
        type_nth(&app, &cell(&y), 1, &my.to_string()).await;
        app.eval_until("the grid marked 未保存", unsaved, |v| v == true)
            .await;
        app.click("marks-save").await;
        let entered = format!("已有 {n} 位评委");
        app.wait_text("marks-grid", &entered, |t| t.matches(&entered).count() == 2)
            .await;
        app.eval_until("the grid filled again", unsaved, |v| v == false)
            .await;
        until(PATIENCE, "the evaluator's marks stored", async || {
            let store = Db::open(&db).map_err(|e| e.to_string())?;
            let mut got: Vec<(i64, f64)> = round::marks(store.conn(), round_id)
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|m| m.evaluator == who && m.indicator_id == marks_id)
                .map(|m| (m.person_id, m.mark))
                .collect();
            got.sort_by_key(|m| m.0);
            let mut want = vec![(x.id, mx), (y.id, my)];
            want.sort_by_key(|m| m.0);
            if got == want {
                Ok(())
            } else {
                Err(format!("{got:?}"))
            }
        })
        .await;
    }
    app.shot("eval-marks").await;

    // 民主测评: X 8 优秀 2 称职 → 96; Y 2 优秀 6 称职 2 基本称职 → 80.
    open_tab(&app, "ballots").await;
    for (p, counts) in [(&x, ["8", "2", "0", "0"]), (&y, ["2", "6", "2", "0"])] {
        for (field, n) in ["ballot-excellent", "ballot-competent", "ballot-basic"]
            .iter()
            .zip(counts)
        {
            fill_in_row(&app, "ballot-table", &p.name, field, &format!("{n}{TAB}")).await;
        }
    }
    wait_row(&app, "ballot-table", &x.name, "96.00", |t| {
        t.contains("96.00")
    })
    .await;
    wait_row(&app, "ballot-table", &y.name, "80.00", |t| {
        t.contains("80.00")
    })
    .await;
    app.click("ballot-save").await;
    until(PATIENCE, "both tallies stored", async || {
        let store = Db::open(&db).map_err(|e| e.to_string())?;
        let b = round::ballots(store.conn(), round_id).map_err(|e| e.to_string())?;
        let counts = |p: i64| {
            b.iter()
                .find(|b| b.person_id == p && b.indicator_id == ballot_id)
                .map(|b| b.counts)
        };
        let want = |excellent, competent, basic| BallotCounts {
            excellent,
            competent,
            basic,
            incompetent: 0,
        };
        if counts(x.id) == Some(want(8, 2, 0)) && counts(y.id) == Some(want(2, 6, 2)) {
            Ok(())
        } else {
            Err(format!("{b:?}"))
        }
    })
    .await;
    app.shot("eval-ballots").await;

    // 计算结果: the ranked table.
    act(&app, "round-compute", "计算结果").await;
    app.eval_until(
        "the ranks 1 and 2",
        "return [...document.querySelectorAll(\"[data-testid='results-rank']\")]\
         .map(e => e.textContent.trim())",
        |v| v == &serde_json::json!(["1", "2"]),
    )
    .await;

    // 进入结果反馈: a 反馈 for X, and X's own confirmation.
    act(&app, "round-start-feedback", "进入结果反馈").await;
    app.wait_text("round-status", "结果反馈", |t| t == "结果反馈")
        .await;
    let feedback = "工作扎实，所在单位活动组织有力，出勤率高；宣传报道还需加强。";
    fill_in_row(&app, "feedback-table", &x.name, "feedback-text", feedback).await;
    click_in_row(&app, "feedback-table", &x.name, "feedback-save").await;
    until(PATIENCE, "the 反馈 stored", async || {
        let store = Db::open(&db).map_err(|e| e.to_string())?;
        let r = round::get(store.conn(), round_id, Local::now().naive_local())
            .map_err(|e| e.to_string())?;
        let s = r.subjects.iter().find(|s| s.person_id == x.id).unwrap();
        if s.feedback.as_deref() == Some(feedback) {
            Ok(())
        } else {
            Err(format!("{:?}", s.feedback))
        }
    })
    .await;
    click_in_row(&app, "feedback-table", &x.name, "feedback-confirm").await;
    app.type_into("feedback-reply", "无异议，将加强宣传工作。")
        .await;
    app.click("feedback-confirm-save").await;
    app.wait_gone("feedback-reply").await;
    wait_row(&app, "feedback-table", &x.name, "已确认", |t| {
        t.contains("已确认") && t.contains("反馈意见：无异议")
    })
    .await;
    let other = row_text(&app, "feedback-table", &y.name).await.unwrap();
    assert!(other.contains("未确认"), "{other}");
    app.shot("eval-feedback").await;

    // 公布: locked.
    act(&app, "round-publish", "公布").await;
    app.wait_text("round-status", "已公布", |t| t == "已公布")
        .await;
    app.el("round-locked").await;
    app.eval_until(
        "the results tab in front",
        "return document.querySelector('#tab-results').classList.contains('is-active')",
        |v| v == true,
    )
    .await;
    let left = present(
        &app,
        &[
            "round-edit",
            "round-compute",
            "round-start-feedback",
            "round-reopen",
            "round-publish",
            "subjects-add-units",
            "subject-remove",
            "marks-save",
            "ballot-save",
            "feedback-save",
            "feedback-confirm",
            "feedback-text",
        ],
    )
    .await;
    assert!(left.is_empty(), "edit controls left after 公布: {left:?}");

    // The stored result, and the table showing it.
    let stored = {
        let store = Db::open(&db).unwrap();
        round::get(store.conn(), round_id, Local::now().naive_local()).unwrap()
    };
    assert_eq!(stored.status, RoundStatus::Published);
    assert!(stored.published_at.is_some());
    assert_eq!(stored.evaluators, ["评委甲", "评委乙"]);
    let first = &stored.subjects[0];
    let second = &stored.subjects[1];
    assert_eq!((first.rank, second.rank), (Some(1), Some(2)));
    assert_eq!(
        first.person_id, x.id,
        "X (marks 93, ballots 96) ranks first"
    );
    for (s, marks, ballot) in [(first, 93.0, 96.0), (second, 78.0, 80.0)] {
        let score = |id: i64| s.scores.iter().find(|c| c.indicator_id == id).unwrap();
        assert_eq!(score(marks_id).score, marks, "{}: {:?}", s.name, s.scores);
        assert_eq!(score(ballot_id).score, ballot, "{}: {:?}", s.name, s.scores);
        let auto = score(auto_id);
        assert!(
            (0.0..=100.0).contains(&auto.score) && auto.basis.contains("95"),
            "the 活动出勤率 score against its target: {auto:?}"
        );
        let sum = auto.score * 0.4 + marks * 0.4 + ballot * 0.2;
        let total = s.total.unwrap();
        assert!(
            (total - sum).abs() < 0.006,
            "{}: total {total} = Σ score × weight ÷ 100 = {sum}",
            s.name
        );
        assert!(s.grade.is_some());
    }
    assert_eq!(first.feedback.as_deref(), Some(feedback));
    assert_eq!(first.reply.as_deref(), Some("无异议，将加强宣传工作。"));
    assert!(first.confirmed_at.is_some() && second.confirmed_at.is_none());

    let names = texts(&app, "results-name").await;
    assert_eq!(names, [first.name.clone(), second.name.clone()]);
    let totals = texts(&app, "results-total").await;
    let want: Vec<String> = stored
        .subjects
        .iter()
        .map(|s| format!("{:.2}", s.total.unwrap()))
        .collect();
    assert_eq!(totals, want, "the totals shown are the stored ones");
    for s in &stored.subjects {
        for c in &s.scores {
            let shown = app
                .text(&format!("results-score-{}-{}", s.person_id, c.indicator_id))
                .await;
            assert_eq!(shown, format!("{:.2}", c.score), "{}: {c:?}", s.name);
        }
    }
    let grades = texts(&app, "results-grade").await;
    let want: Vec<String> = stored
        .subjects
        .iter()
        .map(|s| s.grade.unwrap().label().to_string())
        .collect();
    assert_eq!(grades, want);
    show(&app, "results-table").await;
    app.shot("eval-results-published").await;

    // 打印 → 考核结果汇总表: ranked, with each indicator and the totals.
    app.click("round-print").await;
    let sheet = out.path().join("考核结果汇总表.pdf");
    app.save_from("round-print-results", &sheet).await;
    let text: String = wait_for_pdf(&sheet)
        .await
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for word in [name.as_str(), "活动出勤率", "工作实绩评价", "民主测评"] {
        assert!(text.contains(word), "{word} in {text}");
    }
    let (i1, i2) = (
        text.find(&first.name).expect("rank 1 printed"),
        text.find(&second.name).expect("rank 2 printed"),
    );
    assert!(i1 < i2, "rank 1 printed first: {text}");
    for s in &stored.subjects {
        let total = format!("{:.2}", s.total.unwrap());
        assert!(text.contains(&total), "{total} in {text}");
    }

    // X's page: the round in the history, with the total and 1/2.
    go(&app, &format!("/people/{}", x.id)).await;
    let total = format!("{:.2}", first.total.unwrap());
    app.wait_text("person-eval-history", "the published round", |t| {
        t.contains(&name) && t.contains(&total) && t.contains("1/2") && t.contains("已公布")
    })
    .await;
}

/// 推优评先 → 新建评选 → 推荐 (one below the 出勤率 rule: ✗ with the reason, still listed) →
/// 开始投票 → 票数 → 公示 (printed) → 确认结果 → the honour on the winner's page and in 荣誉.
#[tokio::test(flavor = "multi_thread")]
async fn a_recognition_round_from_nomination_to_honour() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let db = data.path().join("demo.db");
    let today = Local::now().date_naive();
    demo(&db, today);
    // Last year: a whole year of attendance whatever today's date.
    let year = today.year() - 1;
    let split = split_by_rate(&db, year);
    let (a, b, t) = (&split.passes, &split.fails, split.threshold);
    // Browser mode (`qungong serve` in headless Chromium): the other front door.
    support::ensure_admin(&db);
    let app = App::start_first_browser(4564, data, &db).await;
    app.sign_in(support::ADMIN, support::ADMIN_PASSWORD).await;

    app.click("nav-recognition").await;
    app.click("rec-add").await;
    app.el("rec-dialog").await;
    app.type_into("rec-title", HONOUR).await;
    app.type_into("rec-year", &format!("{year}{TAB}")).await;
    app.type_into("rec-granted-by", "国网示范县供电公司").await;
    app.type_into("rule-attendance", &format!("{t}{TAB}")).await;
    app.click("rec-save").await;
    let round_id = id_in_address(&app, "/evaluation/recognition").await;
    let title = format!("{year}年度{HONOUR}评选");
    app.wait_text("rec-detail-name", &title, |s| s == title)
        .await;
    app.wait_text("rec-detail-status", "推荐中", |s| s == "推荐中")
        .await;
    let rule = format!("出勤率不低于 {t}%");
    app.wait_text("rec-rules-text", "在职 and the 出勤率 rule", |s| {
        s == format!("在职；{rule}")
    })
    .await;

    // Two nominations.
    for (p, deeds) in [
        (
            a,
            "扎实开展形势任务宣讲，组织职工座谈会，群众工作成效明显。",
        ),
        (b, "积极参加班组建设，完成各项生产任务。"),
    ] {
        app.click("stage-nominate").await;
        app.el("nom-dialog").await;
        pick_person(&app, "nom-person", &p.employee_no, &p.name).await;
        app.type_into("nom-deeds", deeds).await;
        app.click("nom-save").await;
        app.wait_gone("nom-dialog").await;
        let start: String = deeds.chars().take(8).collect();
        wait_row(&app, "cand-table", &p.name, "the nomination", |s| {
            s.contains(&start)
        })
        .await;
    }
    // B below the rule: listed, ✗ and the reason; A eligible.
    let reason = format!("{rule}：出勤率 {}", split.fails_rate);
    let row = wait_row(&app, "cand-table", &b.name, "✗ and the reason", |s| {
        s.contains("不符合条件") && s.contains(&reason)
    })
    .await;
    assert!(
        row.contains(&format!("✗ 出勤率 {}", split.fails_rate)),
        "the rule's cell: {row}"
    );
    let shown = app
        .c()
        .execute(
            &format!(
                "const r = document.evaluate(\"{}\", document, null, 9, null).singleNodeValue; \
                 return !!r && r.getClientRects().length > 0 && getComputedStyle(r).display !== 'none';",
                row_xpath("cand-table", &b.name)
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, true, "the ineligible candidate is shown, not hidden");
    wait_row(&app, "cand-table", &a.name, "符合条件", |s| {
        s.contains("符合条件") && !s.contains("不符合条件") && s.contains("✓")
    })
    .await;
    app.shot("eval-recognition-candidates").await;

    // 开始投票; votes for the eligible one only.
    act(&app, "stage-start-voting", "开始投票").await;
    app.wait_text("rec-detail-status", "投票中", |s| s == "投票中")
        .await;
    // Only the eligible candidate takes votes.
    app.eval_until(
        "one votes field",
        "return document.querySelectorAll(\"[data-testid='cand-votes-input']\").length",
        |v| v == 1,
    )
    .await;
    fill_in_row(
        &app,
        "cand-table",
        &a.name,
        "cand-votes-input",
        &format!("23{TAB}"),
    )
    .await;
    app.click("stage-votes-save").await;
    until(PATIENCE, "the votes stored", async || {
        let store = Db::open(&db).map_err(|e| e.to_string())?;
        let r = recognition::get(store.conn(), round_id, today).map_err(|e| e.to_string())?;
        let c = r
            .candidates
            .iter()
            .find(|c| c.person_id == Some(a.id))
            .unwrap();
        if c.votes == Some(23) {
            Ok(())
        } else {
            Err(format!("{:?}", c.votes))
        }
    })
    .await;

    // 公示 from 10 to 3 days ago: over, so it can be confirmed today.
    let (from, to) = (today - Duration::days(10), today - Duration::days(3));
    app.click("stage-start-publicity").await;
    set_range(&app, "publicity-range", from, to, "publicity-range").await;
    app.click("publicity-save").await;
    app.wait_text("rec-detail-status", "公示中", |s| s == "公示中")
        .await;
    wait_row(
        &app,
        "cand-table",
        &a.name,
        "当选, 23 votes, rank 1",
        |s| s.contains("当选") && s.contains("23"),
    )
    .await;
    let ranks = texts(&app, "cand-rank").await;
    assert!(ranks.contains(&"1".to_string()), "{ranks:?}");
    app.shot("eval-recognition-publicity").await;

    // The printed 公示.
    let notice = out.path().join("公示.pdf");
    app.save_from("rec-print-notice", &notice).await;
    let text: String = wait_for_pdf(&notice)
        .await
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.contains("公示") && text.contains(&a.name) && text.contains(HONOUR),
        "{text}"
    );
    assert!(
        !text.contains(&b.name),
        "only the selected on the notice: {text}"
    );
    let period = format!("公示期：{}至{}", chinese_date(from), chinese_date(to));
    assert!(text.contains(&period), "{period} in {text}");

    // 确认结果 today.
    app.click("stage-confirm").await;
    app.click("confirm-save").await;
    app.wait_text("rec-detail-status", "已确认", |s| s == "已确认")
        .await;

    // The database.
    {
        let store = Db::open(&db).unwrap();
        let r = recognition::get(store.conn(), round_id, today).unwrap();
        assert_eq!(r.status, RecognitionStatus::Confirmed);
        assert_eq!(
            (r.notice_from, r.notice_to, r.confirmed_on),
            (Some(from), Some(to), Some(today))
        );
        assert_eq!(r.input.quota, 1);
        assert_eq!(r.input.year, year);
        assert_eq!(
            r.input.rules,
            [
                Rule::InPost,
                Rule::AttendanceAtLeast {
                    percent: f64::from(t)
                }
            ]
        );
        let ca = r
            .candidates
            .iter()
            .find(|c| c.person_id == Some(a.id))
            .unwrap();
        let cb = r
            .candidates
            .iter()
            .find(|c| c.person_id == Some(b.id))
            .unwrap();
        assert!(ca.eligible && ca.selected && ca.votes == Some(23) && ca.rank == Some(1));
        assert!(!cb.eligible && !cb.selected, "{cb:?}");
        let failed: Vec<_> = cb.checks.iter().filter(|c| !c.passed).collect();
        assert_eq!(failed.len(), 1, "{:?}", cb.checks);
        assert_eq!(failed[0].found, format!("出勤率 {}", split.fails_rate));
        // The demo has honours of its own: those of this round.
        let held: Vec<_> = honour::list(store.conn(), &HonourFilter::default())
            .unwrap()
            .into_iter()
            .filter(|h| h.round_id == Some(round_id))
            .collect();
        assert_eq!(held.len(), 1, "one honour, A's: {held:?}");
        let h = &held[0];
        assert_eq!(
            (
                h.input.person_id,
                h.input.title.as_str(),
                h.input.year,
                h.input.awarded_on
            ),
            (Some(a.id), HONOUR, year, today)
        );
        assert_eq!(h.input.granted_by.as_deref(), Some("国网示范县供电公司"));
    }

    // The winner's page shows the honour.
    click_in_row(&app, "cand-table", &a.name, "person-link").await;
    app.wait_text("person-detail-name", "the winner", |s| s == a.name)
        .await;
    wait_row(&app, "person-honours", HONOUR, "the honour", |s| {
        s.contains(&year.to_string()) && s.contains("国网示范县供电公司") && s.contains("推优评先")
    })
    .await;
    show(&app, "person-honours").await;
    app.shot("eval-person-honour").await;

    // And 荣誉 lists it, from the round (searched by its title among the demo's honours).
    app.click("nav-honours").await;
    app.type_into("honour-search", &format!("{HONOUR}{}", ui::ENTER))
        .await;
    let table = app
        .wait_text("honour-table", "only this round's honour", |s| {
            s.contains(&a.name) && !s.contains("优秀共产党员") && !s.contains("先进班组")
        })
        .await;
    assert!(!table.contains(&b.name), "{table}");
    wait_row(&app, "honour-table", &a.name, "the honour", |s| {
        s.contains(HONOUR) && s.contains(&year.to_string()) && s.contains("国网示范县供电公司")
    })
    .await;
    let row = row_xpath("honour-table", &a.name);
    app.xpath(&format!("{row}//*[@data-testid='honour-source-round']"))
        .await;
    app.shot("eval-honours").await;
}
