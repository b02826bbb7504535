//! End-to-end: 党群沟通 (issue 15) in the real built app. A concern raised at a 职工座谈会 is
//! recorded from the activity's page (记录诉求), then 交办, 答复 and 办结 with 满意, its history
//! shown step by step; a 重大 思想动态 entry past its reporting time shows on the 工作台 (a 一般
//! one does not); a 联系点走访 recorded through the page leads, through 由此登记诉求, to a
//! concern linked to that visit. Each checks the database afterwards. See `app.rs` for the
//! harness; with `QUNGONG_SCREENSHOTS=DIR` the concern's detail and the 工作台's card are saved.

// Not every helper of the harness is used here.
#[allow(dead_code)]
mod support;

use std::path::Path;

use chrono::{Duration, Local, NaiveDate};
use qungong::codes::{
    ActivityKind, ActivityMode, ConcernSource, ConcernStatus, Gender, OpinionKind, OpinionLevel,
    OpinionTrend, RaiserKind, Satisfaction, UnitKind,
};
use qungong::voice::concern::{self, ConcernFilter};
use qungong::voice::contact::{self, VisitFilter};
use qungong::voice::opinion::{self, OpinionInput};
use qungong::{Action, Actor, Db};

use support::App;
use support::Dialogs;

/// A shown Element Plus select dropdown (a hidden one keeps `display: none`).
const SHOWN_DROPDOWN: &str =
    "//div[contains(@class,'el-select__popper') and not(contains(@style,'display: none'))]";

/// Opens the select (el-select or el-tree-select) in or at `testid` and picks the option whose
/// text contains `option`; waits until the select shows it.
async fn pick(app: &App, testid: &str, option: &str) {
    let select = app
        .xpath(&format!(
            "(//*[@data-testid='{testid}']/descendant-or-self::*\
             [contains(@class,'el-select__wrapper')])[1]"
        ))
        .await;
    app.press(&select, &format!("the select {testid}")).await;
    choose(app, testid, option).await;
}

/// Picks `option` in the dropdown open for `testid` and waits until the select shows it.
async fn choose(app: &App, testid: &str, option: &str) {
    let item = app
        .xpath(&format!(
            "{SHOWN_DROPDOWN}//li[contains(@class,'el-select-dropdown__item') \
             and not(contains(@class,'is-disabled')) and contains(normalize-space(.), '{option}')]"
        ))
        .await;
    app.press(&item, &format!("{option} in {testid}")).await;
    let shown = format!("{option} chosen");
    app.wait_text(testid, &shown, |t| t.contains(option)).await;
}

/// Types `search` into a person picker (a remote search) and picks `name` among the people found.
async fn pick_person(app: &App, testid: &str, search: &str, name: &str) {
    app.type_into(testid, search).await;
    choose(app, testid, name).await;
}

/// Presses the radio button `label` in `testid` and waits until it is the chosen one.
async fn radio(app: &App, testid: &str, label: &str) {
    let button = format!(
        "//*[@data-testid='{testid}']//label[contains(@class,'el-radio-button') \
         and normalize-space()='{label}']"
    );
    let el = app.xpath(&button).await;
    app.press(&el, &format!("{label} in {testid}")).await;
    app.xpath(&format!("{button}[contains(@class,'is-active')]"))
        .await;
}

/// Closes the drawer (or dialog) in front with its × button.
async fn close_drawer(app: &App, testid: &str) {
    let x = app
        .xpath(&format!(
            "//*[@data-testid='{testid}']/ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' el-drawer ')][1]\
             //button[contains(@class,'el-drawer__close-btn')]"
        ))
        .await;
    app.press(&x, "the drawer's close button").await;
    app.wait_gone(testid).await;
}

/// Scrolls the element into the middle of the view (for a picture of it).
async fn show(app: &App, testid: &str) {
    app.c()
        .execute(
            &format!(
                "document.querySelector(\"[data-testid='{testid}']\")\
                 .scrollIntoView({{ block: 'center' }})"
            ),
            vec![],
        )
        .await
        .unwrap();
}

/// What every test starts from: the company, a 供电所 with its 营业班, and three people.
struct Branch {
    station: i64,
    team: i64,
    /// 张建国, 10001, in 营业班.
    worker: i64,
    /// 王书记, 10003, the station's 党支部书记 (a contact point's leader).
    leader: i64,
}

fn seed(db: &Path) -> Branch {
    let mut store = Db::open(db).unwrap();
    store
        .transact(&Actor::local(), Action::Demo, |tx| {
            let company = qungong::units::add(tx, "国网示范县供电公司", UnitKind::Company, None)?;
            let station = qungong::units::add(tx, "城关供电所", UnitKind::Station, Some(company))?;
            let team = qungong::units::add(tx, "营业班", UnitKind::Team, Some(station))?;
            let person = |no: &str, name: &str, unit: i64| qungong::people::PersonInput {
                employee_no: Some(no.into()),
                name: name.into(),
                gender: Some(Gender::Male),
                birth_date: NaiveDate::from_ymd_opt(1980, 5, 6),
                unit_id: unit,
                ..Default::default()
            };
            let worker = qungong::people::add(tx, person("10001", "张建国", team))?;
            qungong::people::add(tx, person("10002", "李秀英", team))?;
            let leader = qungong::people::add(tx, person("10003", "王书记", station))?;
            Ok(Branch {
                station,
                team,
                worker,
                leader,
            })
        })
        .unwrap()
}

/// 活动管理 → a held 职工座谈会 → 记录诉求: the concern dialog opens with the forum; a person's
/// concern is saved (已受理), then 交办 to the station, 答复 and 办结 with 满意 (已办结), every
/// step in its history; the database holds it closed, satisfied, linked to the forum.
#[tokio::test(flavor = "multi_thread")]
async fn a_forum_concern_from_receipt_to_closure() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let branch = seed(&db);
    let forum = {
        let mut store = Db::open(&db).unwrap();
        let starts_at = (Local::now().date_naive() - Duration::days(1))
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let input = qungong::activities::ActivityInput {
            kind: ActivityKind::Forum,
            mode: ActivityMode::Offline,
            title: "城关供电所职工座谈会".into(),
            starts_at,
            ends_at: starts_at + Duration::hours(2),
            place: Some("三楼会议室".into()),
            online_meeting: None,
            organizer_unit_id: Some(branch.station),
            host: Some("王书记".into()),
            description: None,
            late_grace_minutes: 10,
        };
        store
            .transact(&Actor::local(), Action::ActivityAdd, |tx| {
                let id = qungong::activities::add(tx, input)?;
                qungong::activities::record_summary(tx, id, "座谈 12 人，收集意见 3 条")?;
                Ok(id)
            })
            .unwrap()
    };
    let started = std::time::Instant::now();
    let app = App::start(4524, data, &db, Dialogs::Scripted).await;
    eprintln!("the app started in {:?}", started.elapsed());

    // The forum, from 活动管理.
    app.click("nav-activities").await;
    let row = app
        .xpath(
            "//*[@data-testid='activity-table']//td\
             //*[normalize-space(text())='城关供电所职工座谈会']",
        )
        .await;
    app.press(&row, "活动列表中的座谈会").await;
    app.wait_text("activity-detail-title", "the forum", |t| {
        t == "城关供电所职工座谈会"
    })
    .await;
    app.click("record-concern").await;

    // 登记诉求, opened from the forum: 座谈会 and this forum already chosen.
    app.el("concern-dialog").await;
    app.wait_text("concern-source", "来源 座谈会", |t| {
        t.contains("座谈会")
    })
    .await;
    app.wait_text("concern-activity", "the forum chosen", |t| {
        t.contains("城关供电所职工座谈会")
    })
    .await;
    radio(&app, "concern-raiser-kind", "个人").await;
    pick_person(&app, "concern-raiser-person", "张建国", "张建国").await;
    pick(&app, "concern-category", "工作环境").await;
    app.type_into(
        "concern-content",
        "营业厅夏季空调制冷不足，职工希望尽快维修。",
    )
    .await;
    app.click("concern-save").await;
    app.wait_gone("concern-dialog").await;

    // 群众诉求 lists it as 已受理 (the detail opens by itself after saving; closed here, and
    // opened again from the list as a user coming back to it would).
    app.wait_text("concern-status", "已受理", |t| t == "已受理")
        .await;
    close_drawer(&app, "concern-detail").await;
    app.wait_text("concern-table", "the new concern, 已受理", |t| {
        t.contains("营业厅夏季空调制冷不足") && t.contains("张建国") && t.contains("已受理")
    })
    .await;
    let row = app
        .xpath(
            "//*[@data-testid='concern-table']\
             //tr[.//*[@data-testid='concern-row-content']]/td[1]",
        )
        .await;
    app.press(&row, "the concern in the list").await;
    app.wait_text("concern-status", "已受理", |t| t == "已受理")
        .await;
    app.wait_text("concern-detail", "the forum and the raiser", |t| {
        t.contains("座谈会：城关供电所职工座谈会") && t.contains("张建国") && t.contains("工作环境")
    })
    .await;

    // 交办 to the station.
    app.click("concern-assign").await;
    pick(&app, "concern-assign-unit", "城关供电所").await;
    app.click("concern-assign-save").await;
    app.wait_text("concern-status", "办理中", |t| t == "办理中")
        .await;
    app.wait_text("concern-detail", "the station as handler", |t| {
        t.contains("责任单位 / 人") && t.contains("城关供电所")
    })
    .await;

    // 答复.
    app.click("concern-reply").await;
    app.type_into(
        "concern-reply-text",
        "已联系后勤部门检修营业厅空调，本周内完成。",
    )
    .await;
    app.click("concern-reply-save").await;
    app.wait_text("concern-status", "已答复", |t| t == "已答复")
        .await;

    // 办结, the raiser 满意.
    app.click("concern-close").await;
    radio(&app, "concern-close-satisfaction", "满意").await;
    app.click("concern-close-save").await;
    app.wait_text("concern-status", "已办结", |t| t == "已办结")
        .await;
    let steps = app
        .wait_text("concern-steps", "受理, 交办, 答复, 办结", |t| {
            t.contains("办结")
        })
        .await;
    let order: Vec<usize> = ["受理", "交办", "答复", "办结"]
        .iter()
        .map(|s| {
            steps
                .find(s)
                .unwrap_or_else(|| panic!("{s} missing from the history: {steps}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "the history in order: {steps}"
    );
    let detail = app.text("concern-detail").await;
    assert!(
        detail.contains("已联系后勤部门检修营业厅空调") && detail.contains("满意"),
        "the reply and the satisfaction shown: {detail}"
    );
    // Nothing more to do with a closed concern.
    let buttons = app
        .c()
        .execute(
            "return ['concern-assign', 'concern-reply', 'concern-close', 'concern-escalate', \
             'concern-edit'].filter(id => document.querySelector(`[data-testid='${id}']`))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        buttons,
        serde_json::json!([]),
        "buttons left on a closed concern"
    );
    app.shot("voice-concern-detail").await;

    // The forum's page lists the concern raised at it, closed.
    app.c()
        .execute(&format!("location.hash = '#/activities/{forum}'"), vec![])
        .await
        .unwrap();
    app.wait_text("activity-concerns", "the concern, 已办结", |t| {
        t.contains("（1 件）") && t.contains("营业厅夏季空调制冷不足") && t.contains("已办结")
    })
    .await;

    // The database: closed, satisfied, raised at the forum, four steps or more.
    let store = Db::open(&db).unwrap();
    let today = Local::now().date_naive();
    let filter = ConcernFilter {
        activity_id: Some(forum),
        ..Default::default()
    };
    let found = concern::list(store.conn(), &filter, today, 0, 10)
        .unwrap()
        .items;
    assert_eq!(found.len(), 1, "one concern at the forum: {found:?}");
    let d = concern::detail(store.conn(), found[0].id, today).unwrap();
    let c = &d.concern;
    assert_eq!(c.status, ConcernStatus::Closed);
    assert_eq!(c.satisfaction, Some(Satisfaction::Satisfied));
    assert_eq!(c.activity_id, Some(forum));
    assert_eq!(c.source, ConcernSource::Forum);
    assert_eq!(c.raiser_kind, RaiserKind::Person);
    assert_eq!(c.raiser_id, Some(branch.worker));
    assert_eq!(c.category, "工作环境");
    assert_eq!(c.handler_unit_id, Some(branch.station));
    assert_eq!(
        c.reply.as_deref(),
        Some("已联系后勤部门检修营业厅空调，本周内完成。")
    );
    let (status, satisfaction, activity, steps): (String, String, i64, i64) = store
        .conn()
        .query_row(
            "SELECT status, satisfaction, activity_id, \
             (SELECT count(*) FROM concern_step s WHERE s.concern_id = c.id) \
             FROM concern c WHERE c.id = ?1",
            [c.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), satisfaction.as_str(), activity),
        ("closed", "satisfied", forum)
    );
    assert!(steps >= 4, "{steps} concern_step rows");
    let names: Vec<&str> = d.steps.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(names, ["受理", "交办", "答复", "办结"]);
}

/// A 重大 entry three hours old and not reported shows on the 工作台 under 重大舆情超时未上报;
/// a 一般 one as old does not. A click on it opens 思想动态 with the entry flagged.
#[tokio::test(flavor = "multi_thread")]
async fn a_grave_opinion_not_reported_shows_on_the_dashboard() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let branch = seed(&db);
    {
        let mut store = Db::open(&db).unwrap();
        let observed_at = Local::now().naive_local() - Duration::hours(3);
        let entry = |title: &str, level: OpinionLevel| OpinionInput {
            observed_at,
            kind: OpinionKind::Online,
            channel: Some("职工微信群".into()),
            title: title.into(),
            detail: Some("有职工转发并议论".into()),
            unit_ids: vec![branch.team],
            level,
            trend: OpinionTrend::Rising,
            assessment: None,
            measures: None,
        };
        store
            .transact(&Actor::local(), Action::OpinionAdd, |tx| {
                opinion::add(
                    tx,
                    entry("微信群流传营业班绩效考核不实消息", OpinionLevel::Grave),
                )?;
                opinion::add(
                    tx,
                    entry("班组会上职工议论食堂饭菜价格", OpinionLevel::Normal),
                )
            })
            .unwrap();
    }
    let app = App::start(4534, data, &db, Dialogs::Scripted).await;
    app.click("nav-dashboard").await;
    app.wait_text("dash-unreported", "the 重大 entry", |t| {
        t.contains("微信群流传营业班绩效考核不实消息")
    })
    .await;
    let items = app
        .eval_until(
            "the items under 重大舆情超时未上报",
            "return [...document.querySelectorAll(\"[data-testid='dash-unreported-item']\")] \
             .map(e => e.textContent.replace(/\\s+/g, ' ').trim())",
            |v| v.as_array().is_some_and(|a| !a.is_empty()),
        )
        .await;
    let items: Vec<String> = serde_json::from_value(items).unwrap();
    assert_eq!(items.len(), 1, "only the 重大 entry: {items:?}");
    assert!(
        items[0].contains("重大") && items[0].contains("微信群流传营业班绩效考核不实消息"),
        "{items:?}"
    );
    let card = app.text("dash-voice").await;
    assert!(
        !card.contains("食堂饭菜价格"),
        "a 一般 entry is not on the card: {card}"
    );
    show(&app, "dash-voice").await;
    app.shot("voice-dashboard").await;

    // The item leads to 思想动态, showing the entries not reported in time.
    app.click("dash-unreported-item").await;
    app.wait_text("opinion-table", "the 重大 entry flagged", |t| {
        t.contains("微信群流传营业班绩效考核不实消息") && t.contains("超时未上报")
    })
    .await;
    let table = app.text("opinion-table").await;
    assert!(
        !table.contains("食堂饭菜价格"),
        "only entries not reported in time: {table}"
    );
}

/// 联系点 → 走访记录 → 登记走访 (leader, unit, findings); 由此登记诉求 on it opens 登记诉求
/// with 联系点走访 and the visit; the concern saved is linked to the visit.
#[tokio::test(flavor = "multi_thread")]
async fn a_visit_leads_to_a_concern() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let branch = seed(&db);
    let app = App::start(4544, data, &db, Dialogs::Scripted).await;

    app.click("nav-contacts").await;
    let tab = app
        .xpath(
            "//*[@data-testid='contact-tabs']//*[contains(@class,'el-tabs__item') \
             and normalize-space()='走访记录']",
        )
        .await;
    app.press(&tab, "the tab 走访记录").await;
    app.wait_text("visit-table", "no visits yet", |t| {
        t.contains("还没有走访记录")
    })
    .await;
    app.click("visit-add").await;
    app.el("visit-dialog").await;
    pick_person(&app, "visit-leader", "王书记", "王书记").await;
    pick(&app, "visit-unit", "营业班").await;
    app.type_into("visit-participants", "营业班全体职工").await;
    app.type_into(
        "visit-findings",
        "职工反映营业厅排队叫号系统经常死机，高峰时段群众等候时间长。",
    )
    .await;
    app.click("visit-save").await;
    app.wait_gone("visit-dialog").await;
    app.wait_text("visit-table", "the visit", |t| {
        t.contains("王书记") && t.contains("营业班") && t.contains("叫号系统")
    })
    .await;

    // 由此登记诉求: 登记诉求 with 联系点走访, the visit and its unit.
    app.click("visit-concern").await;
    app.el("concern-dialog").await;
    app.wait_text("concern-source", "来源 联系点走访", |t| {
        t.contains("联系点走访")
    })
    .await;
    app.wait_text("concern-origin", "来自联系点走访记录", |t| {
        t.contains("来自联系点走访记录")
    })
    .await;
    app.wait_text("concern-unit", "the visited unit", |t| t.contains("营业班"))
        .await;
    // Raised by the team together (what the dialog starts with for a visit).
    app.xpath(
        "//*[@data-testid='concern-raiser-kind']//label[contains(@class,'is-active') \
         and normalize-space()='集体']",
    )
    .await;
    app.type_into("concern-raiser-group", "营业班全体职工")
        .await;
    pick(&app, "concern-category", "工作环境").await;
    app.shot("voice-visit-concern-dialog").await;
    app.type_into(
        "concern-content",
        "营业厅排队叫号系统经常死机，请尽快更换。",
    )
    .await;
    app.click("concern-save").await;
    app.wait_gone("concern-dialog").await;
    app.wait_text("concern-status", "已受理", |t| t == "已受理")
        .await;
    app.wait_text("concern-detail", "联系点走访, the group", |t| {
        t.contains("联系点走访") && t.contains("营业班全体职工")
    })
    .await;

    // The database: the concern is the visit's.
    let store = Db::open(&db).unwrap();
    let visits = contact::list_visits(store.conn(), &VisitFilter::default(), 0, 10)
        .unwrap()
        .items;
    assert_eq!(visits.len(), 1, "{visits:?}");
    let visit = &visits[0];
    assert_eq!(
        (visit.leader_id, visit.unit_id),
        (branch.leader, branch.team)
    );
    let today = Local::now().date_naive();
    let concerns = concern::list(store.conn(), &ConcernFilter::default(), today, 0, 10)
        .unwrap()
        .items;
    assert_eq!(concerns.len(), 1, "{concerns:?}");
    let c = &concerns[0];
    assert_eq!(c.visit_id, Some(visit.id));
    assert_eq!(c.source, ConcernSource::Visit);
    assert_eq!(c.unit_id, Some(branch.team));
    assert_eq!(c.raiser_kind, RaiserKind::Group);
    assert_eq!(c.raiser, "营业班全体职工");
    assert_eq!(c.status, ConcernStatus::Received);
    assert_eq!(
        contact::get_visit(store.conn(), visit.id)
            .unwrap()
            .concern_ids,
        vec![c.id]
    );
}
