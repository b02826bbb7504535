//! Issue 14: an audit row for every write path, and an audit trail SQL cannot change.
//!
//! One real database is driven through every write the app has — through the handler layer the
//! desktop and browser use (`qungong::api::dispatch`) wherever a command exists, through the core
//! where only the command line or the shell reaches it (the demo, `account recover`, the staff
//! import's commit, printing and exporting) — and then every [`Action`] must have an audit row,
//! none of them empty; `UPDATE` / `DELETE` on the trail must fail in SQLite itself; and the trail
//! must never hold a full ID number, phone number or password hash.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Duration, NaiveDateTime, Timelike};
use qungong::Action;
use qungong::api::{AppState, dispatch};
use qungong::auth::Need;
use qungong::codes::{ActivityKind, ActivityMode, AttachmentKind};
use serde_json::{Value, json};

#[path = "audit_actions/evaluation.rs"]
mod evaluation;

/// Actions no test can produce, with the reason. Keep it empty: every write path must be
/// covered below.
const NOT_PRODUCIBLE: &[(&str, &str)] = &[];

const ADMIN: &str = "admin";
const ADMIN_PASSWORD: &str = "admin-pass-1";

/// The person whose numbers must never reach the trail in full.
const ID_NUMBER: &str = "11010519491231002X";
const PHONE: &str = "13812345678";
const NEW_PHONE: &str = "13987654321";

/// The session of one signed-in account, calling commands by name as the UI does.
struct Session<'a> {
    state: &'a AppState,
    key: String,
}

impl Session<'_> {
    /// Runs `name`, which must succeed.
    fn ok(&self, name: &str, args: Value) -> Value {
        dispatch(self.state, Some(&self.key), name, args.clone())
            .unwrap_or_else(|e| panic!("{name}({args}) failed: {} {}", e.code, e.message))
    }

    fn id(&self, name: &str, args: Value) -> i64 {
        let v = self.ok(name, args);
        v["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{name}: no id in {v}"))
    }

    /// Runs `name`, which returns the new record's id.
    fn num(&self, name: &str, args: Value) -> i64 {
        let v = self.ok(name, args);
        v.as_i64()
            .unwrap_or_else(|| panic!("{name}: not an id: {v}"))
    }
}

fn sign_in<'a>(state: &'a AppState, name: &str, password: &str) -> Session<'a> {
    let info = dispatch(
        state,
        None,
        "auth_sign_in",
        json!({"name": name, "password": password}),
    )
    .unwrap_or_else(|e| panic!("sign-in of {name} failed: {}", e.message));
    Session {
        state,
        key: info["token"].as_str().unwrap().to_string(),
    }
}

fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// A valid 18-digit ID number: `first17` with its GB 11643 check digit.
fn id_number(first17: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first17}{check}")
}

fn person(employee_no: &str, name: &str, unit: i64) -> Value {
    json!({
        "employee_no": employee_no,
        "name": name,
        "gender": "男",
        "birth_date": "1980-05-06",
        "unit_id": unit,
        "hire_date": "2003-07-01",
        "political_cadre": false,
        "reserve_talent": false,
    })
}

fn activity(title: &str, starts_at: NaiveDateTime, mode: ActivityMode) -> Value {
    let online = mode != ActivityMode::Offline;
    json!({
        "kind": to_json(ActivityKind::Lecture),
        "mode": to_json(mode),
        "title": title,
        "starts_at": to_json(starts_at),
        "ends_at": to_json(starts_at + Duration::hours(2)),
        "place": if online { Value::Null } else { json!("三楼会议室") },
        "online_meeting": if online { json!("腾讯会议 123 456 789") } else { Value::Null },
        "host": "李主任",
        "late_grace_minutes": 10,
    })
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 8) as u8, (y * 8) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn actions_written(conn: &rusqlite::Connection) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT DISTINCT action FROM audit_log")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every audit row and change as text, to compare before and after the refused statements.
fn trail(conn: &rusqlite::Connection) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT id, at, actor, action, detail FROM audit_log ORDER BY id",
        "SELECT id, audit_id, tbl, record_id, op, fields FROM audit_change ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    v => format!("{v:?}"),
                })
                .collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// Drives every write the app has; returns the path of the database.
fn drive_every_write(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("qungong.db");
    let state = AppState::open_at(&path);

    // account.setup: the first administrator, signed in.
    let info = dispatch(
        &state,
        None,
        "auth_setup",
        json!({"name": ADMIN, "password": ADMIN_PASSWORD}),
    )
    .unwrap();
    let admin = Session {
        state: &state,
        key: info["token"].as_str().unwrap().to_string(),
    };

    // demo: only on an empty database, and only from the command line (as `qungong demo` does).
    {
        let mut db = qungong::Db::open(&path).unwrap();
        let today = qungong::db::today();
        db.transact(&qungong::Actor(ADMIN.into()), Action::Demo, |tx| {
            qungong::demo::generate(tx, qungong::demo::Scale::Branch, 7, today)
        })
        .unwrap();
    }

    // Units.
    let company = admin.id(
        "unit_add",
        json!({"name": "审计测试供电公司", "kind": null, "parent_id": null}),
    );
    let station = admin.id(
        "unit_add",
        json!({"name": "城关供电所", "kind": null, "parent_id": company}),
    );
    let team = admin.id(
        "unit_add",
        json!({"name": "营业班", "kind": null, "parent_id": company}),
    );
    let spare = admin.id(
        "unit_add",
        json!({"name": "临时班组", "kind": null, "parent_id": company}),
    );
    admin.ok("unit_rename", json!({"id": team, "name": "营业一班"}));
    admin.ok("unit_move", json!({"id": team, "parent_id": station}));
    admin.ok("unit_delete", json!({"id": spare}));

    // Staff.
    let zhang = admin.id(
        "person_add",
        json!({"input": person("A1001", "张三", station)}),
    );
    let li = admin.id(
        "person_add",
        json!({"input": person("A1002", "李四", team)}),
    );
    let wang = admin.id(
        "person_add",
        json!({"input": person("A1003", "王五", team)}),
    );
    let zhao = admin.id(
        "person_add",
        json!({"input": person("A1004", "赵六", team)}),
    );
    let qian = admin.id(
        "person_add",
        json!({"input": person("A1005", "钱七", station)}),
    );
    let sun = admin.id(
        "person_add",
        json!({"input": person("A1006", "孙八", station)}),
    );
    // The person whose numbers the trail must mask.
    let mut private = json!({
        "employee_no": "A1007",
        "name": "周九",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "unit_id": station,
        "retirement_category": "工人",
        "political_cadre": false,
        "reserve_talent": false,
    });
    let zhou = admin.id("person_add", json!({"input": private.clone()}));
    private["phone"] = json!(NEW_PHONE);
    admin.ok("person_update", json!({"id": zhou, "input": private}));
    let full = admin.ok("person_get", json!({"id": zhou, "full": true}));
    assert_eq!(full["phone"], NEW_PHONE, "the edit was saved");
    // Someone past the legal retirement age, hired before it: 办理退休.
    let mut old = person("A1008", "吴十", station);
    old["birth_date"] = json!("1958-02-10");
    old["hire_date"] = json!("1978-09-01");
    let wu = admin.id("person_add", json!({"input": old}));
    let retired = admin.ok("person_retire", json!({"person_ids": [wu]}));
    assert_eq!(retired.as_array().unwrap().len(), 1, "{retired}");
    admin.ok(
        "person_leave",
        json!({"id": sun, "date": "2026-06-30", "reason": "调出"}),
    );
    admin.ok("person_reinstate", json!({"id": sun}));
    admin.ok(
        "person_bulk_flag",
        json!({"person_ids": [zhang, li], "flag": "political_cadre", "on": true}),
    );
    admin.ok(
        "person_bulk_move",
        json!({"person_ids": [wang, zhao], "unit_id": station}),
    );
    let leavers: Vec<i64> = (0..2)
        .map(|i| {
            admin.id(
                "person_add",
                json!({"input": person(&format!("A120{i}"), ["郑甲", "郑乙"][i], team)}),
            )
        })
        .collect();
    admin.ok(
        "person_bulk_leave",
        json!({"person_ids": leavers, "date": "2026-06-30", "reason": null}),
    );

    // 导入花名册: the commit has no command of its own (the shells report progress themselves).
    let roster = dir.join("花名册.csv");
    std::fs::write(
        &roster,
        format!(
            "工号,姓名,性别,出生日期,身份证号码,部门,岗位,联系电话\n\
             B2001,导入甲,男,1985-03-12,{},导入部,班员,13700001111\n\
             B2002,导入乙,女,1990-05-06,,导入部,班长,\n",
            id_number("14010519850312001")
        ),
    )
    .unwrap();
    {
        let call = state.call(Some(&admin.key), Need::Edit).unwrap();
        let options = qungong::people::import::ImportOptions {
            create_units: true,
            target_unit_id: Some(company),
            ..Default::default()
        };
        let done = qungong::api::people_import::run(
            &call,
            roster.to_str().unwrap(),
            &options,
            true,
            &mut |_, _| {},
        )
        .unwrap();
        assert!(done.committed, "{done:?}");
        assert_eq!(done.totals.new, 2, "{done:?}");
    }

    // Activities: one now (check-in is open), a weekly series ahead, an online one past.
    let now = chrono::Local::now().naive_local();
    let now = now.with_second(0).unwrap().with_nanosecond(0).unwrap();
    let started = now - Duration::minutes(30);
    let meeting_id = |v: Value| v.as_array().unwrap()[0].as_i64().unwrap();
    let current = meeting_id(admin.ok(
        "activity_add",
        json!({"input": activity("形势任务宣讲", started, ActivityMode::Offline), "repeat": null, "count": null}),
    ));
    let next_week = now + Duration::days(7);
    let series = admin.ok(
        "activity_add",
        json!({
            "input": activity("每周安全学习", next_week, ActivityMode::Offline),
            "repeat": to_json(qungong::codes::Recurrence::Weekly),
            "count": 3,
        }),
    );
    let series: Vec<i64> = series
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(series.len(), 3);
    admin.ok(
        "activity_update",
        json!({"id": series[0], "input": activity("每周安全学习（改）", next_week, ActivityMode::Offline), "series": true}),
    );
    admin.ok(
        "activity_update",
        json!({"id": series[2], "input": activity("每周安全学习（第三次）", next_week + Duration::days(14), ActivityMode::Offline), "series": false}),
    );
    admin.ok("activity_cancel", json!({"id": series[1], "series": false}));
    let past = chrono::NaiveDate::from_ymd_opt(2026, 3, 10)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let online = meeting_id(admin.ok(
        "activity_add",
        json!({"input": activity("云上论坛", past, ActivityMode::Online), "repeat": null, "count": null}),
    ));

    // Photos and files of the current activity.
    let photo = dir.join("现场.png");
    std::fs::write(&photo, png(32, 24)).unwrap();
    let notes = dir.join("讲稿.txt");
    std::fs::write(&notes, "宣讲提纲").unwrap();
    let photo_id = admin.id(
        "activity_file_attach",
        json!({"activity_id": current, "kind": to_json(AttachmentKind::Photo), "caption": null, "path": photo}),
    );
    admin.ok(
        "activity_file_caption",
        json!({"id": photo_id, "caption": "宣讲现场"}),
    );
    let file_id = admin.id(
        "activity_file_attach",
        json!({"activity_id": current, "kind": to_json(AttachmentKind::File), "caption": "讲稿", "path": notes}),
    );
    admin.ok("activity_file_remove", json!({"id": file_id}));

    // Invitees and check-in.
    admin.ok(
        "invite",
        json!({"activity_id": current, "unit_ids": [], "filter": null,
               "person_ids": [zhang, li, wang, zhao, qian, sun]}),
    );
    admin.ok(
        "uninvite",
        json!({"activity_id": current, "person_id": sun}),
    );
    admin.ok(
        "check_in",
        json!({"activity_id": current, "person_id": zhang, "walk_in": false}),
    );
    admin.ok(
        "kiosk_check_in",
        json!({"activity_id": current, "key": "A1002", "walk_in": false}),
    );
    admin.ok(
        "attendance_backfill",
        json!({"activity_id": current, "person_id": wang, "at": null, "walk_in": false}),
    );
    admin.ok(
        "set_status",
        json!({"activity_id": current, "person_id": zhao, "status": "请假", "reason": "出差"}),
    );
    admin.ok(
        "activity_summary",
        json!({"id": current, "summary": "宣讲形势任务，到会职工踊跃发言。"}),
    );

    // 导入线上签到.
    admin.ok(
        "invite",
        json!({"activity_id": online, "unit_ids": [], "filter": null, "person_ids": [zhang, li]}),
    );
    let participants = dir.join("参会者列表.csv");
    std::fs::write(
        &participants,
        "参会者,工号,加入时间,离开时间,时长\n\
         张三,A1001,2026-03-10 08:58,2026-03-10 11:00,122\n\
         李四,A1002,2026-03-10 09:20,2026-03-10 11:00,100\n",
    )
    .unwrap();
    let applied = admin.ok(
        "meeting_import_apply",
        json!({"activity_id": online, "path": participants, "manual": []}),
    );
    assert_eq!(
        applied["present"].as_i64().unwrap() + applied["late"].as_i64().unwrap(),
        2,
        "{applied}"
    );

    // Settings.
    admin.ok(
        "setting_set",
        json!({"key": "checkin_open_minutes", "value": "90"}),
    );
    let mut config = admin.ok("structure_config_get", Value::Null);
    config["thresholds"]["ageing_share_50"] = json!(0.35);
    admin.ok("structure_config_set", json!({"config": config}));

    // Accounts and signing in.
    let editor = admin.id(
        "account_add",
        json!({"name": "editor", "role": "政工干部", "password": "editor-pass-1"}),
    );
    let viewer = admin.id(
        "account_add",
        json!({"name": "viewer", "role": "查看", "password": "viewer-pass-1"}),
    );
    admin.ok(
        "account_set_role",
        json!({"id": viewer, "role": "政工干部"}),
    );
    admin.ok(
        "account_set_person",
        json!({"id": viewer, "person_id": zhang}),
    );
    admin.ok(
        "account_set_password",
        json!({"id": editor, "password": "editor-pass-2"}),
    );
    let ed = sign_in(&state, "editor", "editor-pass-2");
    ed.ok(
        "auth_change_password",
        json!({"old_password": "editor-pass-2", "new_password": "editor-pass-3"}),
    );
    ed.ok("auth_sign_out", Value::Null);
    let wrong = |name: &str| {
        dispatch(
            &state,
            None,
            "auth_sign_in",
            json!({"name": name, "password": "not-the-password-9"}),
        )
        .unwrap_err()
    };
    assert_eq!(wrong("nobody").code, "auth.bad_password");
    let mut last = wrong("viewer");
    for _ in 0..4 {
        last = wrong("viewer");
    }
    assert_eq!(last.code, "auth.account_locked", "{}", last.message);
    admin.ok(
        "account_set_disabled",
        json!({"id": viewer, "disabled": true}),
    );
    // `qungong account recover`: the command line on the database file itself.
    {
        let mut db = qungong::Db::open(&path).unwrap();
        qungong::auth::recover(&mut db, "rescue", "rescue-pass-1", "tester").unwrap();
    }

    // Full numbers printed and exported; the audit trail exported.
    {
        let call = state.call(Some(&admin.key), Need::Read).unwrap();
        let job: qungong::pdf::job::PrintJob =
            serde_json::from_value(json!({"kind": "roster", "unit_id": station})).unwrap();
        let choices = qungong::pdf::job::PrintChoices {
            show_id_number: true,
            show_phone: true,
            unmask: true,
            ..Default::default()
        };
        // The PDF may lack a font on this machine; the reveal is audited before it is made.
        let _ = qungong::api::files::print(&call, &job, &choices);
        let job: qungong::xlsx::job::ExportJob =
            serde_json::from_value(json!({"kind": "people", "full": true})).unwrap();
        qungong::api::files::export(&call, &job).unwrap();
        let job: qungong::xlsx::job::ExportJob =
            serde_json::from_value(json!({"kind": "audit", "query": {}})).unwrap();
        qungong::api::files::export(&call, &job).unwrap();
    }

    // 党群沟通: every write of concerns, opinion entries, contact points, talks and reports.
    let category = admin.num(
        "concern_category_save",
        json!({"id": null, "name": "交通出行", "deadline_days": 10, "retired": false}),
    );
    let visit = admin.num(
        "visit_add",
        json!({"input": {"visited_on": "2026-11-02", "leader_id": zhang, "unit_id": team,
                         "participants": "李四、王五", "findings": "值班室空调老化"}}),
    );
    admin.ok(
        "visit_update",
        json!({"id": visit, "input": {"visited_on": "2026-11-03", "leader_id": zhang, "unit_id": team,
                                      "participants": "李四", "findings": "值班室空调老化"}}),
    );
    let point = admin.num(
        "contact_point_add",
        json!({"leader_id": zhang, "unit_id": team, "since": "2026-01-01", "note": null}),
    );
    admin.ok(
        "contact_plan_set",
        json!({"point_id": point, "year": 2026, "per_quarter": 2}),
    );
    let concern_input = json!({"received_on": "2026-11-03", "source": "联系点走访",
        "visit_id": visit, "raiser_kind": "集体", "raiser_group": "营业一班",
        "unit_id": team, "category_id": category, "content": "班车不经过新小区"});
    let concern = admin.num("concern_add", json!({"input": concern_input}));
    let mut edited = concern_input.clone();
    edited["content"] = json!("班车线路不经过新建小区");
    admin.ok("concern_update", json!({"id": concern, "input": edited}));
    admin.ok(
        "concern_assign",
        json!({"id": concern, "handler_unit_id": station, "handler_person_id": null,
               "deadline": null, "note": null}),
    );
    admin.ok(
        "concern_reply",
        json!({"id": concern, "reply": "已调整班车线路", "on": "2026-11-05"}),
    );
    admin.ok(
        "concern_close",
        json!({"id": concern, "satisfaction": "满意", "on": "2026-11-06", "note": null}),
    );
    admin.ok(
        "concern_escalate",
        json!({"id": concern, "on": "2026-11-07", "to": "市公司工会", "note": "涉及跨单位协调"}),
    );
    let opinion_input = json!({"observed_at": "2026-11-03T09:00:00", "kind": "网络舆情",
        "title": "微信群讨论班车线路", "unit_ids": [team], "level": "较大", "trend": "升温"});
    let opinion = admin.num("opinion_add", json!({"input": opinion_input}));
    let mut calmer = opinion_input.clone();
    calmer["trend"] = json!("降温");
    admin.ok("opinion_update", json!({"id": opinion, "input": calmer}));
    admin.ok(
        "opinion_mark_reported",
        json!({"id": opinion, "at": "2026-11-03T10:00:00", "to": "县公司党建部"}),
    );
    let talk_input = json!({"talked_on": "2026-11-04", "talker_id": zhang, "person_id": li,
        "kind": "日常谈心", "topic": "近期工作", "summary": "家中老人住院，情绪低落", "follow_up": false});
    let talk = admin.num("talk_add", json!({"input": talk_input}));
    let mut followed = talk_input.clone();
    followed["follow_up"] = json!(true);
    admin.ok("talk_update", json!({"id": talk, "input": followed}));
    {
        let call = state.call(Some(&admin.key), Need::Read).unwrap();
        let job: qungong::xlsx::job::ExportJob =
            serde_json::from_value(json!({"kind": "talks", "summaries": true})).unwrap();
        qungong::api::files::export(&call, &job).unwrap();
    }
    let report_input = json!({"title": "2026年第四季度职工思想动态分析报告", "unit_id": null,
        "period_from": "2026-10-01", "period_to": "2026-12-31", "overall": "总体稳定"});
    let report = admin.num(
        "opinion_report_save",
        json!({"id": null, "input": report_input}),
    );
    let spare_report = admin.num(
        "opinion_report_save",
        json!({"id": null, "input": report_input}),
    );
    admin.ok(
        "opinion_report_save",
        json!({"id": report, "input": report_input}),
    );
    admin.ok("opinion_report_delete", json!({"id": spare_report}));

    // 考核评价 and 推优评先.
    evaluation::drive(&admin, [zhang, li], qian, station);

    // Backups: the second holds the first's audit row; restoring it keeps everything above and
    // adds the restore's own row.
    admin.ok("backup_now", Value::Null);
    let second = admin.ok("backup_now", Value::Null);
    admin.ok("backup_restore", json!({"file": second["file"]}));
    // Every session ended with the restore.
    let again = sign_in(&state, ADMIN, ADMIN_PASSWORD);
    again.ok("auth_sign_out", Value::Null);
    path
}

#[test]
fn every_action_is_audited_and_the_trail_cannot_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = drive_every_write(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap();

    // 1. Every action has a row.
    let written = actions_written(&conn);
    let excused: BTreeSet<&str> = NOT_PRODUCIBLE.iter().map(|(code, _)| *code).collect();
    let missing: Vec<&str> = Action::ALL
        .iter()
        .map(|a| a.code())
        .filter(|c| !written.contains(*c) && !excused.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "actions never written to audit_log by any step of this test: {missing:?}"
    );
    let unknown: Vec<&String> = written
        .iter()
        .filter(|c| Action::from_code(c).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "audit rows with unknown actions: {unknown:?}"
    );

    // 2. No audit row is empty: each says what was done or lists the records changed.
    let empty: Vec<(i64, String)> = conn
        .prepare(
            "SELECT l.id, l.action FROM audit_log l
              WHERE trim(l.detail) = ''
                AND NOT EXISTS (SELECT 1 FROM audit_change c WHERE c.audit_id = l.id)
              ORDER BY l.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        empty.is_empty(),
        "audit rows with neither detail nor changes: {empty:?}"
    );

    // 3. SQLite itself refuses to change or delete the trail.
    let before = trail(&conn);
    assert!(before.contains("person.edit"));
    for sql in [
        "UPDATE audit_log SET detail = 'x'",
        "UPDATE audit_log SET action = 'x' WHERE id = (SELECT max(id) FROM audit_log)",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "UPDATE audit_change SET fields = '[]'",
        "UPDATE audit_change SET op = 'insert' WHERE id = (SELECT min(id) FROM audit_change)",
        "DELETE FROM audit_change",
        "DELETE FROM audit_change WHERE id = (SELECT min(id) FROM audit_change)",
    ] {
        let e = conn
            .execute(sql, [])
            .expect_err(&format!("`{sql}` must fail"));
        assert!(
            e.to_string().contains("审计记录不能修改或删除"),
            "`{sql}`: {e}"
        );
    }
    assert_eq!(
        trail(&conn),
        before,
        "the refused statements changed nothing"
    );

    // 4. No full personal number and no password hash in the trail.
    let texts: Vec<String> = conn
        .prepare("SELECT detail FROM audit_log UNION ALL SELECT fields FROM audit_change")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let imported_id = id_number("14010519850312001");
    for secret in [
        ID_NUMBER,
        PHONE,
        NEW_PHONE,
        &imported_id,
        "13700001111",
        "$argon2",
        // A 谈心谈话's summary never reaches the trail.
        "家中老人住院",
    ] {
        let found: Vec<&String> = texts.iter().filter(|t| t.contains(secret)).collect();
        assert!(
            found.is_empty(),
            "{secret} is in the audit trail: {found:?}"
        );
    }
    // The masked forms are there, so the edits were recorded at all.
    let all = texts.join("\n");
    for masked in [
        "1101**********002X",
        "138****5678",
        "139****4321",
        "137****1111",
    ] {
        assert!(all.contains(masked), "{masked} is not in the audit trail");
    }
    // The talk's other fields were recorded, so the talk itself was audited.
    assert!(
        all.contains("近期工作"),
        "the talk's topic is not in the trail"
    );
    // Every recorded ID number or phone is masked; password hashes are never recorded.
    let mut stmt = conn
        .prepare("SELECT tbl, fields FROM audit_change")
        .unwrap();
    let changes = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(Result::unwrap);
    let mut password_changes = 0;
    for (tbl, fields) in changes {
        let fields: Vec<(String, Option<String>, Option<String>)> =
            serde_json::from_str(&fields).unwrap();
        for (field, old, new) in fields {
            let values = [old, new].into_iter().flatten();
            match (tbl.as_str(), field.as_str()) {
                ("person", "id_number" | "phone") => {
                    for v in values {
                        assert!(v.contains('*'), "person.{field} recorded in full: {v}");
                    }
                }
                ("account", "password_hash") => {
                    password_changes += 1;
                    for v in values {
                        assert_eq!(v, "（不记录）");
                    }
                }
                _ => {}
            }
        }
    }
    assert!(
        password_changes > 0,
        "password changes are recorded (without the hash)"
    );
}
