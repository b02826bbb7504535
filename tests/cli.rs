//! The `qungong` command line, run as a real process on a real database file.
mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{ok, qungong};

fn json(db: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, &args)).unwrap()
}

/// Runs a command that must fail; returns its stderr.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = qungong(db, args);
    assert!(!out.status.success(), "qungong {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

fn logical_state(db: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let audit: i64 = conn
        // Each command signs in (audited as 登录); what it did is the rest.
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'account.%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (common::logical_dump(&conn), audit)
}

#[test]
fn a_lecture_from_unit_to_attendance_rate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["init"]);
    ok(&db, &["unit", "add", "国网示范县供电公司"]);
    ok(
        &db,
        &[
            "unit",
            "add",
            "城关供电所",
            "--parent",
            "国网示范县供电公司",
        ],
    );
    ok(&db, &["unit", "add", "营业班", "--parent", "城关供电所"]);
    let units = json(&db, &["unit", "list"]);
    let kinds: Vec<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["公司", "站所", "班组"]);
    assert_eq!(units[2]["path"], "国网示范县供电公司/城关供电所/营业班");

    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10001",
            "--name",
            "张三",
            "--unit",
            "城关供电所",
            "--id-number",
            "140105198503120018",
            "--political-status",
            "党员",
            "--phone",
            "13812345678",
        ],
    );
    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10002",
            "--name",
            "李四",
            "--unit",
            "营业班",
            "--gender",
            "女",
            "--birth-date",
            "1990-07-01",
            "--retirement-category",
            "工人",
        ],
    );
    let people = json(&db, &["person", "list", "--unit", "城关供电所"]);
    assert_eq!(people.as_array().unwrap().len(), 2);
    assert_eq!(people[0]["birth_date"], "1985-03-12");
    assert_eq!(people[0]["political_status"], "中共党员");
    // Personal numbers are masked unless asked for.
    assert_eq!(people[0]["id_number"], "1401**********0018");
    assert_eq!(people[0]["phone"], "138****5678");
    let full = json(&db, &["person", "show", "10001", "--full"]);
    assert_eq!(full["id_number"], "140105198503120018");
    let found = json(&db, &["person", "list", "--search", "ls"]);
    assert_eq!(found[0]["name"], "李四");
    // The 工号 argument and the --employee-no option are two things: who, and the new 工号.
    ok(&db, &["person", "edit", "10002", "--employee-no", "10003"]);
    assert_eq!(json(&db, &["person", "show", "10003"])["name"], "李四");
    ok(&db, &["person", "edit", "10003", "--employee-no", "10002"]);

    let added = json(
        &db,
        &[
            "activity",
            "add",
            "--title",
            "安全生产专题讲座",
            "--kind",
            "专题讲座",
            "--start",
            "2026-03-10 09:00",
            "--place",
            "三楼会议室",
            "--organizer",
            "城关供电所",
        ],
    );
    let id = added[0]["id"].as_i64().unwrap().to_string();
    let invited = json(&db, &["invite", "--activity", &id, "--unit", "城关供电所"]);
    assert_eq!(invited["invited"], 2);
    // The lecture was in March: its check-in window is long closed, so what the paper sheet
    // says is entered as 补录.
    let err = fails(&db, &["checkin", "--activity", &id, "10001"]);
    assert!(
        err.contains("3月10日 09:00 开始") && err.contains("补录"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "checkin",
            "--activity",
            &id,
            "10001",
            "--at",
            "2026-03-10 08:58",
        ],
    );
    assert!(err.contains("--backfill"), "{err}");
    let first = json(
        &db,
        &[
            "checkin",
            "--activity",
            &id,
            "10001",
            "--backfill",
            "--at",
            "2026-03-10 08:58",
        ],
    );
    assert_eq!(first["result"], "recorded");
    assert_eq!(first["status"], "出席");
    assert_eq!(first["at"], "2026-03-10T08:58:00");
    let action: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(action, "attendance.backfill");
    let again = ok(
        &db,
        &[
            "checkin",
            "--activity",
            &id,
            "10001",
            "--backfill",
            "--at",
            "2026-03-10 09:30",
        ],
    );
    assert!(again.contains("已签到（08:58），不重复计数"), "{again}");
    let sheet = json(&db, &["attendance", "sheet", "--activity", &id]);
    assert_eq!(sheet["counts"]["attended"], 1);
    assert_eq!(sheet["counts"]["absent"], 1);
    assert_eq!(sheet["counts"]["rate"], 0.5);

    let rates = json(
        &db,
        &[
            "attendance",
            "rates",
            "--by",
            "unit",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
        ],
    );
    let rows: Vec<(&str, i64, i64)> = rates
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["invited"].as_i64().unwrap(),
                r["attended"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("国网示范县供电公司", 2, 1),
            ("城关供电所", 2, 1),
            ("营业班", 1, 0)
        ]
    );
    let absent = json(
        &db,
        &[
            "attendance",
            "absent",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
        ],
    );
    assert_eq!(absent[0]["name"], "李四");
    let table = ok(
        &db,
        &[
            "attendance",
            "rates",
            "--by",
            "person",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
        ],
    );
    assert!(
        table.contains("出勤率") && table.contains("李四") && table.contains("0.0%"),
        "{table}"
    );
}

/// `qungong checkin` takes the same check-in window as the kiosk (from 60 minutes before the
/// start); `--backfill` (补录) is its own act, only after the start, audited as such.
#[test]
fn checkin_keeps_to_the_window_and_backfill_is_separate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10001",
            "--name",
            "张三",
            "--unit",
            "营销部",
            "--gender",
            "男",
            "--birth-date",
            "1980-01-01",
        ],
    );
    let now = chrono::Local::now().naive_local();
    let minute = "%Y-%m-%d %H:%M";
    let soon = (now + chrono::Duration::minutes(30))
        .format(minute)
        .to_string();
    let later = (now + chrono::Duration::days(2))
        .date()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    for (title, start) in [
        ("形势任务宣讲", soon),
        ("安全生产专题讲座", later.format(minute).to_string()),
    ] {
        ok(
            &db,
            &[
                "activity",
                "add",
                "--title",
                title,
                "--start",
                &start,
                "--place",
                "会议室",
            ],
        );
    }
    ok(&db, &["invite", "--activity", "1", "--unit", "营销部"]);
    ok(&db, &["invite", "--activity", "2", "--unit", "营销部"]);
    let audit = |db: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare("SELECT action FROM audit_log ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };

    let before = logical_state(&db);
    let err = fails(&db, &["checkin", "--activity", "2", "10001"]);
    let starts = format!("{} 09:00", later.format("%-m月%-d日"));
    assert!(
        err.contains("本活动于 ") && err.contains(&format!("{starts} 开始，现在不能签到")),
        "{err}"
    );
    let err = fails(&db, &["checkin", "--activity", "2", "10001", "--backfill"]);
    assert!(err.contains("开始后才能补录签到"), "{err}");
    assert_eq!(
        logical_state(&db),
        before,
        "a refused check-in writes nothing"
    );
    let sheet = json(&db, &["attendance", "sheet", "--activity", "2"]);
    assert_eq!(sheet["activity"]["status"], "计划");
    assert_eq!(sheet["counts"]["absent"], 0);
    assert_eq!(sheet["rows"][0]["status_label"], "未签到");

    let first = json(&db, &["checkin", "--activity", "1", "10001"]);
    assert_eq!(first["result"], "recorded");
    assert_eq!(first["status"], "出席");
    assert_eq!(audit(&db).last().unwrap(), "attendance.check_in");
    // Before the start a 补录 is refused even for an activity whose check-in is open.
    let err = fails(&db, &["checkin", "--activity", "1", "10001", "--backfill"]);
    assert!(err.contains("开始后才能补录签到"), "{err}");
}

#[test]
fn a_check_in_with_an_unknown_employee_no_fails_in_chinese_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10001",
            "--name",
            "张三",
            "--unit",
            "营销部",
            "--gender",
            "男",
            "--birth-date",
            "1980-01-01",
        ],
    );
    ok(
        &db,
        &[
            "activity",
            "add",
            "--title",
            "形势任务宣讲",
            "--start",
            "2026-03-10 09:00",
            "--place",
            "会议室",
        ],
    );
    ok(&db, &["invite", "--activity", "1", "--unit", "营销部"]);
    let before = logical_state(&db);
    let err = fails(&db, &["checkin", "--activity", "1", "99999"]);
    assert_eq!(err.trim(), "错误：未找到工号“99999”");
    let err = fails(&db, &["checkin", "--activity", "7", "10001"]);
    assert_eq!(err.trim(), "错误：未找到活动“7”");
    assert_eq!(
        logical_state(&db),
        before,
        "a failed command must not write"
    );
}

#[test]
fn bad_input_and_bad_arguments_get_chinese_messages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    let err = fails(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "1",
            "--name",
            "王五",
            "--unit",
            "营销部",
            "--id-number",
            "140105198503120017",
        ],
    );
    assert_eq!(
        err.trim(),
        "错误：身份证号：校验位错误（按 GB 11643 应为 8）"
    );
    let err = fails(&db, &["unit", "add", "班组", "--parent", "不存在的单位"]);
    assert_eq!(err.trim(), "错误：未找到单位“不存在的单位”");
    let err = fails(
        &db,
        &["activity", "add", "--title", "讲座", "--start", "明天上午"],
    );
    assert!(err.contains("开始时间：“明天上午”不是有效时间"), "{err}");
    let err = fails(
        &db,
        &[
            "activity",
            "add",
            "--title",
            "讲座",
            "--kind",
            "跳舞",
            "--start",
            "2026-03-10 09:00",
        ],
    );
    assert!(err.contains("活动类型“跳舞”无法识别"), "{err}");
    let err = fails(&db, &["frobnicate"]);
    assert!(err.contains("没有“frobnicate”这个命令"), "{err}");
    let err = fails(&db, &["unit", "delete", "营销部", "--force"]);
    assert!(err.contains("无法识别的参数 --force"), "{err}");
    let help = ok(&db, &["--help"]);
    assert!(
        help.contains("用法：") && help.contains("命令") && help.contains("签到"),
        "{help}"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42;")
        .unwrap();
    let err = fails(&db, &["unit", "list"]);
    assert!(
        err.contains("数据库文件的版本（42）比本程序支持的版本"),
        "{err}"
    );
}

#[test]
fn the_database_location_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub").join("env.db");
    let setup = common::cli()
        .args(["account", "setup"])
        .env("QUNGONG_DB", &db)
        .output()
        .unwrap();
    assert!(setup.status.success());
    let out = common::cli()
        .args(["unit", "add", "营销部"])
        .env("QUNGONG_DB", &db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());
}

#[test]
fn demo_data_answers_rates_with_one_entry_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(
        &db,
        &[
            "demo",
            "--scale",
            "branch",
            "--seed",
            "3",
            "--today",
            "2026-11-24",
        ],
    );
    let units = json(&db, &["unit", "list"]);
    let rates = json(
        &db,
        &[
            "attendance",
            "rates",
            "--by",
            "unit",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ],
    );
    assert_eq!(
        rates.as_array().unwrap().len(),
        units.as_array().unwrap().len()
    );
    let top = &rates[0];
    let rate = top["rate"].as_f64().unwrap();
    assert!(
        top["invited"].as_i64().unwrap() > 1000 && (0.8..0.98).contains(&rate),
        "{top}"
    );
    let err = fails(&db, &["demo", "--scale", "branch"]);
    assert!(err.contains("已有数据"), "{err}");

    // 按活动类型 and a kind filter: the company's lectures alone are fewer than all its activities.
    let year = ["--from", "2025-01-01", "--to", "2025-12-31"];
    let by_kind = json(
        &db,
        &[&["attendance", "rates", "--by", "kind"][..], &year].concat(),
    );
    let kinds = by_kind["kinds"].as_array().unwrap();
    assert!(kinds.len() >= 2, "{kinds:?}");
    let lecture = kinds.iter().position(|k| k == "专题讲座").unwrap();
    let company = &by_kind["rows"][0];
    let lectures = company["cells"][lecture]["activities"].as_i64().unwrap();
    assert!(
        lectures > 0 && lectures < company["activities"].as_i64().unwrap(),
        "{company}"
    );
    let only = json(
        &db,
        &[
            &["attendance", "rates", "--by", "kind", "--kind", "专题讲座"][..],
            &year,
        ]
        .concat(),
    );
    assert_eq!(only["kinds"], serde_json::json!(["专题讲座"]));
    assert_eq!(only["rows"][0]["activities"].as_i64().unwrap(), lectures);
    let err = fails(
        &db,
        &[
            &["attendance", "rates", "--by", "unit", "--kind", "联欢会"][..],
            &year,
        ]
        .concat(),
    );
    assert!(err.contains("活动类型"), "{err}");

    // 连续缺席: every run listed reaches the minimum, the longest first.
    let runs = json(
        &db,
        &[&["attendance", "runs", "--min", "2"][..], &year].concat(),
    );
    let longest: Vec<i64> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["longest"].as_i64().unwrap())
        .collect();
    assert!(
        !longest.is_empty() && longest.iter().all(|&n| n >= 2),
        "{longest:?}"
    );
    assert!(longest.windows(2).all(|w| w[0] >= w[1]), "{longest:?}");
    let err = fails(
        &db,
        &[&["attendance", "runs", "--min", "1"][..], &year].concat(),
    );
    assert!(err.contains("连续缺席提醒"), "{err}");
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn printing_writes_searchable_pdfs_and_refuses_a_missing_font() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("print.db");
    ok(
        &db,
        &[
            "demo",
            "--scale",
            "branch",
            "--seed",
            "5",
            "--today",
            "2026-11-24",
        ],
    );
    let roster = dir.path().join("花名册.pdf");
    let printed = json(
        &db,
        &[
            "print",
            "roster",
            "--unit",
            "城关供电所",
            "--order",
            "pinyin",
            "-o",
            roster.to_str().unwrap(),
        ],
    );
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    let text = pdftotext(&roster);
    assert!(
        text.contains("花名册") && text.contains("城关供电所"),
        "{text}"
    );
    let sheet = dir.path().join("sign.pdf");
    ok(
        &db,
        &[
            "print",
            "sign-in-sheet",
            "--activity",
            "1",
            "-o",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(pdftotext(&sheet).contains("签到表"));
    let err = fails(
        &db,
        &[
            "print",
            "ledger",
            "--unit",
            "1",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "-o",
            dir.path().join("l.pdf").to_str().unwrap(),
            "--font",
            "/nonexistent/font.ttf",
        ],
    );
    assert!(
        err.starts_with("错误：") && err.contains("/nonexistent/font.ttf"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "print", "roster", "--unit", "1", "--order", "age", "-o", "x.pdf",
        ],
    );
    assert!(err.contains("排序：“age”无法识别"), "{err}");
    let err = fails(
        &db,
        &["setting", "set", "pdf_font", "/nonexistent/font.ttf"],
    );
    assert!(err.contains("找不到字体文件"), "{err}");
}

#[test]
fn structure_of_the_cadres_with_warnings_and_retirements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    ok(
        &db,
        &[
            "demo",
            "--scale",
            "branch",
            "--seed",
            "2",
            "--today",
            "2026-11-24",
        ],
    );
    let v = json(
        &db,
        &[
            "structure",
            "--population",
            "cadres",
            "--as-of",
            "2026-11-24",
        ],
    );
    let s = &v["structure"];
    assert_eq!(s["population"], "cadres");
    let headcount = s["headcount"].as_i64().unwrap();
    let pyramid: i64 = s["pyramid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["male"].as_i64().unwrap() + r["female"].as_i64().unwrap())
        .sum();
    assert_eq!(pyramid, headcount);
    let (in3, in5) = (
        v["retiring_within"]["within_3"].as_u64().unwrap(),
        v["retiring_within"]["within_5"].as_u64().unwrap(),
    );
    assert!(in3 <= in5 && in5 as usize == v["retiring"].as_array().unwrap().len());
    let text = ok(&db, &["structure", "--unit", "国网示范县供电公司"]);
    assert!(
        text.contains("全体在职职工") && text.contains("年龄段") && text.contains("今后退休"),
        "{text}"
    );
}

/// A branch for the export and import commands: 张三 (with ID and phone) and two 钱七 invited
/// to an online forum on 2026-03-10 09:00; returns the database path.
fn online_forum(t: &mut common::TestDb) -> (std::path::PathBuf, i64) {
    let company = t.unit("国网示范县供电公司", None);
    let sales = t.unit("营销部", Some(company));
    let team = t.unit("营业班", Some(company));
    let zhang = t
        .write(|tx| {
            qungong::people::add(
                tx,
                qungong::people::PersonInput {
                    id_number: Some("140105198503120018".into()),
                    birth_date: None,
                    phone: Some("13812345678".into()),
                    ..common::person_input("10001", "张三", sales)
                },
            )
        })
        .unwrap();
    let qian_a = t.person("10005", "钱七", sales);
    let qian_b = t.person("10006", "钱七", team);
    let mut input = common::activity_input("云上论坛", "2026-03-10 09:00");
    input.mode = qungong::codes::ActivityMode::Online;
    input.place = None;
    input.online_meeting = Some("腾讯会议".into());
    let forum = t.write(|tx| qungong::activities::add(tx, input)).unwrap();
    t.write(|tx| qungong::attendance::invite_people(tx, forum, &[zhang, qian_a, qian_b]))
        .unwrap();
    (t.dir.path().join("qungong.db"), forum)
}

fn xlsx_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn export_writes_xlsx_lists_masked_unless_full() {
    let mut t = common::TestDb::new();
    let (db, forum) = online_forum(&mut t);
    let out = t.dir.path().join("职工名单.xlsx");
    let v = json(
        &db,
        &[
            "export",
            "people",
            "--order",
            "employee-no",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(v["rows"], 3);
    assert_eq!(v["sheets"][0], "职工名单");
    let rows = xlsx_rows(&out, "职工名单");
    assert_eq!(rows[1][1], "工号");
    assert_eq!(rows[2][2], "张三");
    assert!(
        rows[2].contains(&"1401**********0018".to_string()),
        "{:?}",
        rows[2]
    );
    assert!(!rows[2].contains(&"13812345678".to_string()));
    ok(
        &db,
        &[
            "export",
            "people",
            "--full",
            "--unit",
            "营销部",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let rows = xlsx_rows(&out, "职工名单");
    assert_eq!(rows.len(), 4, "title, header, 张三 and 钱七 of 营销部");
    assert!(
        rows.iter()
            .any(|r| r.contains(&"140105198503120018".to_string()))
    );

    let sheet = t.dir.path().join("考勤.xlsx");
    let text = ok(
        &db,
        &[
            "export",
            "attendance",
            "--activity",
            &forum.to_string(),
            "-o",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(
        text.contains("已导出") && text.contains("考勤、汇总"),
        "{text}"
    );
    for args in [
        vec![
            "export",
            "rates",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--by",
            "unit",
        ],
        vec![
            "export",
            "ledger",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
        vec!["export", "activities", "--kind", "专题讲座"],
        vec![
            "export",
            "structure",
            "--population",
            "party",
            "--as-of",
            "2026-11-24",
        ],
    ] {
        let file = t.dir.path().join("x.xlsx");
        let mut args = args.clone();
        args.extend(["-o", file.to_str().unwrap()]);
        ok(&db, &args);
        assert!(std::fs::metadata(&file).unwrap().len() > 1000);
        std::fs::remove_file(&file).unwrap();
    }
    let err = fails(
        &db,
        &[
            "export",
            "ledger",
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
            "-o",
            "/tmp/never.xlsx",
        ],
    );
    assert!(
        err.contains("截止日期") && !Path::new("/tmp/never.xlsx").exists(),
        "{err}"
    );
}

#[test]
fn import_meeting_attendance_previews_matches_by_hand_and_checks_in() {
    let mut t = common::TestDb::new();
    let (db, forum) = online_forum(&mut t);
    let csv = t.dir.path().join("参会者.csv");
    let text = "用户昵称,入会时间,退会时间\r\n张三-营销部,2026-03-10 09:15:00,2026-03-10 11:00:00\r\n钱七,2026-03-10 08:59:00,2026-03-10 11:00:00\r\n";
    std::fs::write(&csv, encoding_rs::GBK.encode(text).0).unwrap();
    let activity = forum.to_string();
    let before = logical_state(&db);
    let out = ok(
        &db,
        &[
            "import",
            "meeting-attendance",
            "--activity",
            &activity,
            "--dry-run",
            csv.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("张三") && out.contains("迟到") && out.contains("未写入"),
        "{out}"
    );
    assert!(out.contains("有 2 人与此名称相符"), "{out}");
    assert_eq!(logical_state(&db), before, "a dry run writes nothing");
    // A wrong manual match fails and writes nothing.
    let err = fails(
        &db,
        &[
            "import",
            "meeting-attendance",
            "--activity",
            &activity,
            "--match",
            "9=10006",
            csv.to_str().unwrap(),
        ],
    );
    assert!(err.contains("第 9 行不是参会记录"), "{err}");
    assert_eq!(logical_state(&db), before);

    let v = json(
        &db,
        &[
            "import",
            "meeting-attendance",
            "--activity",
            &activity,
            "--match",
            "3=10006",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(v["applied"]["late"], 1);
    assert_eq!(v["applied"]["present"], 1);
    assert_eq!(v["applied"]["manual"], 1);
    assert_eq!(v["preview"]["unmatched"][0]["row"], 3);
    let sheet = json(&db, &["attendance", "sheet", "--activity", &activity]);
    let status = |no: &str| {
        sheet["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["employee_no"] == no)
            .map(|r| (r["status"].clone(), r["checked_in_at"].clone()))
            .unwrap()
    };
    assert_eq!(status("10001").0, "迟到");
    assert_eq!(
        status("10006"),
        ("出席".into(), "2026-03-10T08:59:00".into())
    );
    assert_eq!(status("10005").0, Value::Null);
}

#[test]
fn people_past_their_legal_retirement_date_are_listed_and_retired() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(&db, &["unit", "add", "城关供电所"]);
    for (no, name, gender, birth) in [
        // 60 on 2024-12-05: overdue whenever this test runs.
        ("10001", "张建国", "男", "1964-12-05"),
        ("10002", "刘洋", "男", "1990-03-03"),
        // No 退休类别: cannot be judged.
        ("10003", "赵桂兰", "女", "1960-01-01"),
    ] {
        ok(
            &db,
            &[
                "person",
                "add",
                "--employee-no",
                no,
                "--name",
                name,
                "--gender",
                gender,
                "--birth-date",
                birth,
                "--unit",
                "城关供电所",
            ],
        );
    }
    let list = json(&db, &["person", "overdue"]);
    assert_eq!(list["people"].as_array().unwrap().len(), 1);
    assert_eq!(list["people"][0]["employee_no"], "10001");
    assert_eq!(list["people"][0]["date"], "2024-12-05");
    assert_eq!(list["retirement_category_missing"], 1);
    let text = ok(&db, &["person", "overdue", "--unit", "城关供电所"]);
    assert!(
        text.contains("张建国") && text.contains("2024-12-05") && text.contains("另有 1 名女职工"),
        "{text}"
    );
    let text = ok(&db, &["structure"]);
    assert!(
        text.contains("【数据提醒】1 人已过法定退休日期仍在职"),
        "{text}"
    );

    // One not yet due: refused by name, nothing written.
    let before = logical_state(&db);
    let err = fails(&db, &["person", "retire", "10001", "10002"]);
    assert!(
        err.contains("刘洋（工号 10002）的法定退休日期是 2053年3月3日，尚未到达"),
        "{err}"
    );
    assert_eq!(logical_state(&db), before);

    let done = json(&db, &["person", "retire", "--all"]);
    assert_eq!(done.as_array().unwrap().len(), 1);
    let p = json(&db, &["person", "show", "10001"]);
    assert_eq!(p["left_date"], "2024-12-05");
    assert_eq!(p["leave_reason"], "退休");
    let (_, audit) = logical_state(&db);
    assert_eq!(audit, before.1 + 1);
    let text = ok(&db, &["person", "retire", "--all"]);
    assert!(text.contains("无需办理"), "{text}");
    assert_eq!(logical_state(&db).1, audit);
}

#[test]
fn flags_and_transfers_for_several_people_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "城关供电所"]);
    ok(&db, &["unit", "add", "营业班", "--parent", "城关供电所"]);
    for (no, name, id) in [
        ("10001", "张三", "140105198503120018"),
        ("10002", "李四", "11010519491231002x"),
    ] {
        ok(
            &db,
            &[
                "person",
                "add",
                "--employee-no",
                no,
                "--name",
                name,
                "--id-number",
                id,
                "--unit",
                "城关供电所",
            ],
        );
    }
    let out = ok(
        &db,
        &[
            "person",
            "set-flag",
            "10001",
            "10002",
            "--cadre",
            "是",
            "--reserve",
            "是",
        ],
    );
    assert!(out.contains("已设为政工干部 2 人"), "{out}");
    assert!(out.contains("已设为后备人才 2 人"), "{out}");
    let done = json(&db, &["person", "set-flag", "10002", "--cadre", "否"]);
    assert_eq!(done[0]["changed"], 1);
    let cadres = json(&db, &["person", "list", "--cadres"]);
    assert_eq!(cadres.as_array().unwrap().len(), 1);
    assert_eq!(cadres[0]["name"], "张三");

    let out = ok(
        &db,
        &["person", "transfer", "10001", "10002", "--unit", "营业班"],
    );
    assert_eq!(out.trim(), "已调到 城关供电所/营业班 2 人");

    ok(&db, &["person", "leave", "10002", "--date", "2025-06-30"]);
    let before = logical_state(&db);
    let err = fails(
        &db,
        &["person", "set-flag", "10001", "10002", "--reserve", "否"],
    );
    assert!(
        err.contains("李四（工号 10002）已于 2025-06-30 离职"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "person",
            "transfer",
            "10001",
            "--unit",
            "城关供电所",
            "10009",
        ],
    );
    assert!(err.contains("10009"), "{err}");
    assert_eq!(logical_state(&db), before, "a refused batch writes nothing");
}

#[test]
fn people_without_employee_no_are_named_by_id_number_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营业班"]);
    let added = ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "李四",
            "--unit",
            "营业班",
            "--id-number",
            "140105198607010235",
            "--title",
            "高级工程师",
        ],
    );
    assert!(added.contains("已新增职工：李四（营业班）"), "{added}");
    let shown = json(&db, &["person", "show", "140105198607010235"]);
    assert_eq!(shown["name"], "李四");
    assert_eq!(shown["employee_no"], Value::Null);
    assert_eq!(shown["professional_title"], "高级工程师");
    assert_eq!(shown["title_level"], "副高级");
    ok(
        &db,
        &["person", "edit", "140105198607010235", "--title", "政工师"],
    );
    let shown = json(&db, &["person", "show", "140105198607010235"]);
    assert_eq!(shown["title_level"], "中级");
    let err = fails(&db, &["person", "show", "140105198607010243"]);
    assert!(err.contains("未找到身份证号"), "{err}");
    assert!(!err.contains("140105198607010243"), "masked: {err}");
    let err = fails(
        &db,
        &["person", "add", "--name", "王五", "--unit", "营业班"],
    );
    assert!(err.contains("工号和身份证号至少填一项"), "{err}");
}

/// Issue 14: `person edit` changes a phone and a 工号 (the README's way), found by 工号 or by
/// 身份证号; in a debug build clap checks the command's definition on every run, so a clash
/// of argument names fails here.
#[test]
fn person_edit_changes_the_phone_and_the_employee_no() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10020980",
            "--name",
            "高琴露",
            "--unit",
            "营销部",
            "--id-number",
            "140105198503120018",
        ],
    );
    let err = fails(&db, &["person", "edit", "10020980", "--phone", "12345"]);
    assert!(err.contains("手机：应为 11 位手机号"), "{err}");
    let edited = ok(
        &db,
        &["person", "edit", "10020980", "--phone", "13812345678"],
    );
    assert!(edited.contains("已修改职工：10020980"), "{edited}");
    let shown = json(&db, &["person", "show", "10020980", "--full"]);
    assert_eq!(shown["phone"], "13812345678");

    let edited = ok(
        &db,
        &["person", "edit", "10020980", "--employee-no", "20020980"],
    );
    assert!(edited.contains("已修改职工：20020980"), "{edited}");
    let shown = json(&db, &["person", "show", "20020980"]);
    assert_eq!(shown["name"], "高琴露");
    assert_eq!(shown["employee_no"], "20020980");
    let err = fails(&db, &["person", "show", "10020980"]);
    assert!(err.contains("未找到工号“10020980”"), "{err}");
    // Found by 身份证号, the 工号 changed back and the name with it.
    ok(
        &db,
        &[
            "person",
            "edit",
            "140105198503120018",
            "--employee-no",
            "10020980",
            "--name",
            "高琴",
        ],
    );
    assert_eq!(json(&db, &["person", "show", "10020980"])["name"], "高琴");
}

/// Issue 14: emoji, line breaks and the right-to-left override are not name characters (a
/// line break in a name broke the `audit` table).
#[test]
fn names_with_emoji_line_breaks_or_bidi_controls_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    let before = logical_state(&db);
    for name in ["张😀三", "张\n三", "\u{202E}张三", "张\u{200B}三", "张\t三"] {
        let err = fails(
            &db,
            &[
                "person",
                "add",
                "--employee-no",
                "10001",
                "--name",
                name,
                "--unit",
                "营销部",
                "--gender",
                "男",
                "--birth-date",
                "1980-01-01",
            ],
        );
        assert!(
            err.contains("姓名：应为 1–20 个字，不能含数字或符号"),
            "{name:?}: {err}"
        );
    }
    assert_eq!(logical_state(&db), before);
    // Minority names with the middle dot, and Latin letters, still are.
    for (no, name) in [("10002", "阿不都·热合曼"), ("10003", "Anna")] {
        ok(
            &db,
            &[
                "person",
                "add",
                "--employee-no",
                no,
                "--name",
                name,
                "--unit",
                "营销部",
                "--gender",
                "女",
                "--birth-date",
                "1980-01-01",
            ],
        );
    }
    let err = fails(
        &db,
        &["person", "edit", "10002", "--position", "班长\n副班长"],
    );
    assert!(err.contains("岗位：不能含换行"), "{err}");
}

/// Issue 14: scanning a badge twice writes one check-in and one audit row; a negative grace
/// period is refused in Chinese.
#[test]
fn a_repeated_check_in_writes_no_audit_row_and_grace_is_checked_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    ok(
        &db,
        &[
            "person",
            "add",
            "--employee-no",
            "10001",
            "--name",
            "张三",
            "--unit",
            "营销部",
            "--gender",
            "男",
            "--birth-date",
            "1980-01-01",
        ],
    );
    let soon = (chrono::Local::now().naive_local() + chrono::Duration::minutes(30))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let base = [
        "activity",
        "add",
        "--title",
        "形势任务宣讲",
        "--start",
        &soon,
        "--place",
        "会议室",
    ];
    let err = fails(&db, &[&base[..], &["--grace=-5"]].concat());
    assert!(err.contains("不能为负数"), "{err}");
    assert!(!err.contains("is not in"), "{err}");
    let err = fails(&db, &[&base[..], &["--grace", "十"]].concat());
    assert!(err.contains("应为整数"), "{err}");
    ok(&db, &base);
    ok(&db, &["invite", "--activity", "1", "--unit", "营销部"]);

    let first = json(&db, &["checkin", "--activity", "1", "10001"]);
    assert_eq!(first["result"], "recorded");
    let after_first = logical_state(&db);
    let again = json(&db, &["checkin", "--activity", "1", "10001"]);
    assert_eq!(again["result"], "already");
    assert_eq!(
        logical_state(&db),
        after_first,
        "a repeated check-in writes nothing, not even an audit row"
    );
    let again = ok(&db, &["checkin", "--activity", "1", "10001"]);
    assert!(
        again.contains("已签到") && again.contains("不重复计数"),
        "{again}"
    );
}

/// Issue 14: a cell far longer than any field is a row error naming row and column, the table
/// printed after the import stays short, and a binary file or a UTF-16 file without BOM
/// named .csv are told apart.
#[test]
fn import_people_reports_long_cells_briefly_and_refuses_binary_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "营销部"]);
    let long = "长".repeat(5_000);
    let csv = format!(
        "工号,姓名,性别,出生日期,所在单位\n10001,张三,男,1980-01-01,营销部\n10002,{long},女,1981-02-03,营销部\n10003,李四,男,1982-03-04,{long}\n"
    );
    let file = dir.path().join("花名册.csv");
    std::fs::write(&file, &csv).unwrap();
    let out = common::qungong(&db, &["import", "people", file.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("姓名（B 列）过长：共 5000 个字，最多 1000 个"),
        "{stdout}"
    );
    assert!(stdout.contains("所在单位（E 列）过长"), "{stdout}");
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 600, "a line of {widest} characters");
    assert!(stdout.contains("新增 1"), "{stdout}");
    assert!(stdout.contains("错误 2"), "{stdout}");
    // Only the reported row was written.
    let people = json(&db, &["person", "list"]);
    assert_eq!(people.as_array().map_or(0, Vec::len), 1, "{people}");

    // UTF-16 (little-endian) without a BOM, as some systems export it.
    let text = "工号,姓名,性别,出生日期,所在单位\r\n10004,王五,男,1983-04-05,营销部\r\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let file = dir.path().join("utf16.csv");
    std::fs::write(&file, utf16).unwrap();
    let done = ok(&db, &["import", "people", file.to_str().unwrap()]);
    assert!(done.contains("新增 1"), "{done}");

    let file = dir.path().join("程序.csv");
    std::fs::write(&file, std::fs::read(env!("CARGO_BIN_EXE_qungong")).unwrap()).unwrap();
    let before = logical_state(&db);
    let err = fails(&db, &["import", "people", file.to_str().unwrap()]);
    assert!(err.contains("不是表格文件"), "{err}");
    assert_eq!(logical_state(&db), before);
}

/// Issue 14: the command line acts as a named account with the app's checks.
#[test]
fn the_command_line_acts_as_an_account_with_its_role() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "城关供电所"]);
    let add = common::cli()
        .arg("--db")
        .arg(&db)
        .args(["account", "add", "小李", "--role", "查看"])
        .env("QUNGONG_NEW_PASSWORD", "view-pass-1")
        .output()
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let as_viewer = |args: &[&str], password: &str| {
        common::cli()
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("QUNGONG_USER", "小李")
            .env("QUNGONG_PASSWORD", password)
            .output()
            .unwrap()
    };
    // Reads are allowed; writes and the administrator's reads are refused, writing nothing.
    let list = as_viewer(&["unit", "list"], "view-pass-1");
    assert!(list.status.success());
    assert!(String::from_utf8_lossy(&list.stdout).contains("城关供电所"));
    let before = logical_state(&db);
    for args in [
        &["unit", "add", "越权单位"][..],
        &["audit"],
        &["account", "list"],
        &["setting", "set", "checkin_open_minutes", "30"],
        &[
            "export",
            "people",
            "--full",
            "-o",
            "/tmp/qungong-never.xlsx",
        ],
    ] {
        let out = as_viewer(args, "view-pass-1");
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("无权限执行此操作"), "{args:?}: {err}");
    }
    assert_eq!(logical_state(&db), before);
    // A wrong password, and no account named: Chinese, non-zero, nothing done.
    let out = as_viewer(&["unit", "list"], "wrong-pass-1");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("账号或密码不正确"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qungong"))
        .arg("--db")
        .arg(&db)
        .args(["unit", "list"])
        .env_remove("QUNGONG_USER")
        .env_remove("QUNGONG_PASSWORD")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("请用 --user 指定账号"));
    // A password is never an argument.
    let err = fails(&db, &["unit", "list", "--password", "x"]);
    assert!(err.contains("--password"), "{err}");
}

/// The documented recovery of a forgotten administrator password: whoever can write the file.
#[test]
fn a_forgotten_administrator_password_is_recovered_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["unit", "add", "城关供电所"]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qungong"))
        .arg("--db")
        .arg(&db)
        .args(["account", "recover", common::ADMIN])
        .env_remove("QUNGONG_USER")
        .env_remove("QUNGONG_PASSWORD")
        .env("QUNGONG_NEW_PASSWORD", "recovered-1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let old = qungong(&db, &["unit", "list"]);
    assert!(!old.status.success(), "the old password no longer works");
    let new = common::cli()
        .arg("--db")
        .arg(&db)
        .args(["unit", "list"])
        .env("QUNGONG_PASSWORD", "recovered-1")
        .output()
        .unwrap();
    assert!(new.status.success());
    let log = common::cli()
        .arg("--db")
        .arg(&db)
        .args(["audit", "--limit", "50"])
        .env("QUNGONG_PASSWORD", "recovered-1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&log.stdout).contains("account.recover"));
}
