//! 党群沟通 on the command line (`qungong concern / opinion / contact / talk / report`, and
//! their prints and exports), run as a real process on a real database file.
mod common;

use std::path::{Path, PathBuf};

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
    assert_ne!(out.status.code(), Some(0));
    String::from_utf8(out.stderr).unwrap()
}

/// The test branch (国网示范县供电公司 > 城关供电所 > 营业班, 营销部; 10001 张三, 10002 李四,
/// 10003 王五, 10004 赵六) in a database file the command line then works on.
fn branch() -> (common::Branch, PathBuf) {
    let b = common::branch();
    let db = b.t.dir.path().join("qungong.db");
    (b, db)
}

fn status(db: &Path, id: &str) -> String {
    json(db, &["concern", "show", id])["concern"]["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_concern_from_receipt_to_close_with_its_history() {
    let (_b, db) = branch();
    let added = json(
        &db,
        &[
            "concern",
            "add",
            "--date",
            "2026-11-20",
            "--source",
            "座谈会",
            "--raiser",
            "个人",
            "--person",
            "李四",
            "--unit",
            "营业班",
            "--category",
            "薪酬待遇",
            "--content",
            "夜班补贴标准偏低",
        ],
    );
    let c = &added["concern"];
    assert_eq!(c["status"], "已受理");
    assert_eq!(c["raiser"], "李四");
    assert_eq!(c["category"], "薪酬待遇");
    // 薪酬待遇 is 15 days by default.
    assert_eq!(c["deadline"], "2026-12-05");
    let id = c["id"].to_string();

    let text = ok(
        &db,
        &[
            "concern",
            "assign",
            &id,
            "--unit",
            "城关供电所",
            "--person",
            "10001",
            "--note",
            "请核实后答复",
        ],
    );
    assert!(text.contains("已交办") && text.contains("办理中"), "{text}");
    ok(
        &db,
        &[
            "concern",
            "reply",
            &id,
            "--text",
            "已按新标准发放",
            "--date",
            "2026-11-25",
        ],
    );
    assert_eq!(status(&db, &id), "已答复");
    // 不满意 sends it back.
    let text = ok(
        &db,
        &[
            "concern",
            "close",
            &id,
            "--satisfaction",
            "不满意",
            "--date",
            "2026-11-26",
        ],
    );
    assert!(text.contains("重新办理"), "{text}");
    assert_eq!(status(&db, &id), "办理中");
    ok(
        &db,
        &[
            "concern",
            "reply",
            &id,
            "--text",
            "补发差额",
            "--date",
            "2026-11-27",
        ],
    );
    let closed = json(
        &db,
        &[
            "concern",
            "close",
            &id,
            "--satisfaction",
            "满意",
            "--date",
            "2026-11-28",
            "--note",
            "当面确认",
        ],
    );
    assert_eq!(closed["concern"]["status"], "已办结");
    assert_eq!(closed["concern"]["satisfaction"], "满意");
    assert_eq!(closed["concern"]["handler_person_name"], "张三");
    let steps: Vec<&str> = closed["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["受理", "交办", "答复", "重新办理", "答复", "办结"],
        "{closed}"
    );

    let shown = ok(&db, &["concern", "show", &id]);
    for want in ["办理过程", "重新办理", "当面确认", "补发差额", "已办结"] {
        assert!(shown.contains(want), "{want}: {shown}");
    }
    let listed = json(&db, &["concern", "list", "--status", "已办结"]);
    assert_eq!(listed["total"], 1);
    assert_eq!(json(&db, &["concern", "list", "--open"])["total"], 0);
    let by_category = json(&db, &["concern", "list", "--category", "工作环境"]);
    assert_eq!(by_category["total"], 0);
    let err = fails(&db, &["concern", "list", "--category", "不存在的分类"]);
    assert!(err.contains("没有“不存在的分类”这个分类"), "{err}");
}

#[test]
fn closing_without_a_reply_is_refused_in_chinese() {
    let (_b, db) = branch();
    let text = ok(
        &db,
        &[
            "concern",
            "add",
            "--date",
            "2026-11-20",
            "--source",
            "意见箱",
            "--raiser",
            "匿名",
            "--category",
            "生活后勤",
            "--content",
            "食堂饭菜偏咸",
        ],
    );
    assert!(text.contains("已受理诉求，编号 1"), "{text}");
    let err = fails(&db, &["concern", "close", "1", "--satisfaction", "满意"]);
    assert!(
        err.starts_with("错误：") && err.contains("尚未答复，不能办结"),
        "{err}"
    );
    assert_eq!(status(&db, "1"), "已受理");
    // A wrong label is refused before anything runs.
    let err = fails(&db, &["concern", "close", "1", "--satisfaction", "很好"]);
    assert!(err.contains("满意度"), "{err}");
    // Escalating works whatever the status, and is kept in the history.
    ok(
        &db,
        &[
            "concern",
            "escalate",
            "1",
            "--to",
            "公司工会",
            "--note",
            "涉及全公司食堂",
            "--date",
            "2026-11-21",
        ],
    );
    let d = json(&db, &["concern", "show", "1"]);
    assert_eq!(d["concern"]["escalated_to"], "公司工会");
    assert_eq!(d["concern"]["raiser"], "匿名");
}

#[test]
fn people_are_named_by_employee_no_or_an_unambiguous_name() {
    let (mut b, db) = branch();
    b.t.person("10005", "李四", b.dept);
    let err = fails(
        &db,
        &[
            "concern",
            "add",
            "--source",
            "来电",
            "--raiser",
            "个人",
            "--person",
            "李四",
            "--category",
            "其他",
            "--content",
            "咨询",
        ],
    );
    assert!(
        err.contains("有 2 位职工名为“李四”")
            && err.contains("10002 李四（营业班）")
            && err.contains("10005 李四（营销部）")
            && err.contains("请改用工号"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "contact",
            "add-point",
            "--leader",
            "无此人",
            "--unit",
            "营业班",
        ],
    );
    assert!(err.contains("没有工号或姓名为“无此人”的职工"), "{err}");
    let added = json(
        &db,
        &[
            "concern",
            "add",
            "--source",
            "来电",
            "--raiser",
            "个人",
            "--person",
            "10005",
            "--category",
            "其他",
            "--content",
            "咨询",
        ],
    );
    assert_eq!(added["concern"]["raiser_id"], 5);
    // The categories, and a new one.
    ok(&db, &["concern", "category-set", "住房", "--days", "20"]);
    let cats = json(&db, &["concern", "categories"]);
    let housing = cats
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "住房")
        .unwrap();
    assert_eq!(housing["deadline_days"], 20);
    ok(
        &db,
        &[
            "concern",
            "category-set",
            "住房",
            "--days",
            "20",
            "--retire",
        ],
    );
    let cats = json(&db, &["concern", "categories"]);
    assert!(cats.as_array().unwrap().iter().all(|c| c["name"] != "住房"));
    let all = json(&db, &["concern", "categories", "--all"]);
    assert!(all.as_array().unwrap().iter().any(|c| c["name"] == "住房"));
}

#[test]
fn a_grave_opinion_is_listed_until_reported() {
    let (_b, db) = branch();
    let added = json(
        &db,
        &[
            "opinion",
            "add",
            "--at",
            "2026-11-01 09:00",
            "--kind",
            "网络舆情",
            "--title",
            "论坛帖文称停电抢修迟缓",
            "--channel",
            "本地论坛",
            "--unit",
            "城关供电所",
            "--unit",
            "营业班",
            "--level",
            "重大",
            "--trend",
            "升温",
            "--assessment",
            "需正面回应",
        ],
    );
    assert_eq!(added["level"], "重大");
    assert_eq!(added["units"], "城关供电所、营业班");
    ok(
        &db,
        &[
            "opinion",
            "add",
            "--at",
            "2026-11-02 09:00",
            "--kind",
            "思想动态",
            "--title",
            "年轻职工关心职业发展",
            "--level",
            "一般",
            "--trend",
            "平稳",
        ],
    );
    let unreported = json(&db, &["opinion", "list", "--unreported"]);
    assert_eq!(unreported["total"], 1, "{unreported}");
    assert_eq!(unreported["items"][0]["title"], "论坛帖文称停电抢修迟缓");
    let text = ok(&db, &["opinion", "list", "--unreported"]);
    assert!(text.contains("超时未上报"), "{text}");
    assert_eq!(
        json(&db, &["opinion", "list", "--level", "一般"])["total"],
        1
    );

    let id = added["id"].to_string();
    let reported = json(
        &db,
        &[
            "opinion",
            "reported",
            &id,
            "--at",
            "2026-11-01 10:30",
            "--to",
            "公司党委",
        ],
    );
    assert_eq!(reported["reported_to"], "公司党委");
    assert_eq!(json(&db, &["opinion", "list", "--unreported"])["total"], 0);
}

#[test]
fn a_visit_counts_towards_the_quarter_coverage() {
    let (_b, db) = branch();
    ok(
        &db,
        &[
            "contact",
            "add-point",
            "--leader",
            "赵六",
            "--unit",
            "营业班",
            "--since",
            "2026-01-01",
        ],
    );
    ok(
        &db,
        &[
            "contact",
            "add-point",
            "--leader",
            "10004",
            "--unit",
            "城关供电所",
            "--since",
            "2026-01-01",
        ],
    );
    let points = json(&db, &["contact", "points", "--leader", "赵六"]);
    assert_eq!(points.as_array().unwrap().len(), 2);
    let plan = json(
        &db,
        &[
            "contact",
            "plan",
            "2026",
            "--point",
            "2",
            "--per-quarter",
            "0",
        ],
    );
    let row = |plan: &Value, point: i64| {
        plan.as_array()
            .unwrap()
            .iter()
            .find(|r| r["point_id"] == point)
            .unwrap()["per_quarter"]
            .clone()
    };
    assert_eq!(row(&plan, 2), 0, "{plan}");
    assert_eq!(row(&plan, 1), 1, "{plan}");
    let visit = json(
        &db,
        &[
            "contact",
            "visit",
            "--date",
            "2026-11-10",
            "--leader",
            "赵六",
            "--unit",
            "营业班",
            "--participants",
            "李四、王五",
            "--findings",
            "班组休息室空调损坏",
        ],
    );
    assert_eq!(visit["at_contact_point"], true);
    let visits = json(
        &db,
        &[
            "contact",
            "visits",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert_eq!(visits["total"], 1);
    let c = json(
        &db,
        &["contact", "coverage", "--year", "2026", "--quarter", "4"],
    );
    assert_eq!(c["quarter"], 4);
    let first = c["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["point"]["unit_name"] == "营业班")
        .unwrap();
    assert_eq!(first["visits"], 1);
    assert_eq!(first["short"], false);
    let text = ok(
        &db,
        &["contact", "coverage", "--year", "2026", "--quarter", "3"],
    );
    assert!(text.contains("未完成"), "{text}");
    let err = fails(&db, &["contact", "coverage", "--quarter", "5"]);
    assert!(err.contains("--quarter"), "{err}");
    ok(&db, &["contact", "remove-point", "2"]);
    assert_eq!(
        json(&db, &["contact", "points"]).as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_talk_summary_is_printed_only_when_asked_and_allowed() {
    let (_b, db) = branch();
    let secret = "家中老人住院，经济压力大";
    let text = ok(
        &db,
        &[
            "talk",
            "add",
            "--date",
            "2026-11-11",
            "--talker",
            "张三",
            "--with",
            "10002",
            "--kind",
            "困难帮扶",
            "--topic",
            "家庭困难",
            "--summary",
            secret,
            "--follow-up",
        ],
    );
    assert!(!text.contains(secret), "{text}");
    let listed = ok(&db, &["talk", "list"]);
    assert!(
        listed.contains("家庭困难") && !listed.contains(secret),
        "{listed}"
    );
    let listed = json(&db, &["talk", "list"]);
    assert_eq!(listed["items"][0]["summary"], Value::Null);
    assert!(!listed.to_string().contains(secret));
    let shown = ok(&db, &["talk", "show", "1"]);
    assert!(!shown.contains(secret), "{shown}");
    // The administrator asks for it.
    let listed = ok(&db, &["talk", "list", "--summaries"]);
    assert!(listed.contains(secret), "{listed}");

    // A 政工干部 who neither recorded it nor talked is not shown it even when asking.
    let out = common::cli()
        .env("QUNGONG_NEW_PASSWORD", "cadre-pass-1")
        .arg("--db")
        .arg(&db)
        .args(["account", "add", "cadre1", "--role", "政工干部"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let as_cadre = |args: &[&str]| {
        let out = common::cli()
            .env("QUNGONG_USER", "cadre1")
            .env("QUNGONG_PASSWORD", "cadre-pass-1")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = as_cadre(&["talk", "list", "--summaries"]);
    assert!(
        !listed.contains(secret) && listed.contains("无权查看"),
        "{listed}"
    );
    let shown = as_cadre(&["talk", "show", "1", "--summary", "--json"]);
    assert!(!shown.contains(secret), "{shown}");

    let cov = json(
        &db,
        &[
            "talk",
            "coverage",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--unit",
            "城关供电所",
        ],
    );
    assert_eq!(cov["units"][0]["unit_name"], "城关供电所");
    assert_eq!(cov["units"][0]["staff"], 3);
    assert_eq!(cov["units"][0]["talked"], 1);
    let text = ok(
        &db,
        &[
            "talk",
            "coverage",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--missing",
        ],
    );
    assert!(text.contains("王五") && text.contains("33.3%"), "{text}");
}

#[test]
fn report_figures_and_a_saved_report() {
    let (b, db) = branch();
    for (content, date) in [("夜班补贴", "2026-10-10"), ("工装更换", "2026-11-03")] {
        ok(
            &db,
            &[
                "concern",
                "add",
                "--date",
                date,
                "--source",
                "座谈会",
                "--raiser",
                "集体",
                "--group",
                "营业班全体",
                "--unit",
                "营业班",
                "--category",
                "薪酬待遇",
                "--content",
                content,
            ],
        );
    }
    ok(&db, &["concern", "assign", "1", "--unit", "城关供电所"]);
    ok(
        &db,
        &[
            "concern",
            "reply",
            "1",
            "--text",
            "已答复",
            "--date",
            "2026-10-12",
        ],
    );
    ok(
        &db,
        &[
            "concern",
            "close",
            "1",
            "--satisfaction",
            "基本满意",
            "--date",
            "2026-10-13",
        ],
    );
    let f = json(
        &db,
        &[
            "report",
            "figures",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert_eq!(f["concerns"], 2, "{f}");
    assert_eq!(f["rated"], 1);
    assert_eq!(f["basically_satisfied"], 1);
    assert_eq!(f["by_category"][0]["name"], "薪酬待遇");
    assert_eq!(f["by_category"][0]["count"], 2);
    let f = json(
        &db,
        &[
            "report",
            "figures",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--unit",
            "营销部",
        ],
    );
    assert_eq!(f["concerns"], 0);
    let text = ok(
        &db,
        &[
            "report",
            "figures",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert!(text.contains("受理诉求") && text.contains("2 件"), "{text}");
    let err = fails(
        &db,
        &[
            "report",
            "figures",
            "--from",
            "2026-12-31",
            "--to",
            "2026-10-01",
        ],
    );
    assert!(err.contains("不能早于开始日期"), "{err}");

    let overall = b.t.dir.path().join("总体情况.txt");
    std::fs::write(&overall, "四季度职工思想总体稳定。\n").unwrap();
    let saved = json(
        &db,
        &[
            "report",
            "save",
            "--title",
            "2026年第四季度职工思想动态分析报告",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--overall-file",
            overall.to_str().unwrap(),
            "--steps-file",
            "-",
        ],
    );
    assert_eq!(saved["input"]["overall"], "四季度职工思想总体稳定。");
    assert_eq!(saved["input"]["next_steps"], Value::Null);
    let id = saved["id"].to_string();
    let edited = json(
        &db,
        &["report", "save", "--id", &id, "--unit", "城关供电所"],
    );
    assert_eq!(edited["input"]["overall"], "四季度职工思想总体稳定。");
    assert_eq!(edited["unit_name"], "城关供电所");
    let err = fails(&db, &["report", "save", "--title", "缺日期"]);
    assert!(err.contains("--from"), "{err}");
    assert_eq!(json(&db, &["report", "list"]).as_array().unwrap().len(), 1);
    let shown = ok(&db, &["report", "show", &id]);
    assert!(
        shown.contains("总体稳定") && shown.contains("满意度"),
        "{shown}"
    );
    ok(&db, &["report", "delete", &id]);
    assert!(
        json(&db, &["report", "list"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Every cell of `sheet`, as text, row by row.
fn xlsx_cells(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_escalation_sheet_and_the_report_print_and_the_lists_export() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    ok(
        &db,
        &[
            "concern",
            "add",
            "--date",
            "2026-11-20",
            "--source",
            "联系点走访",
            "--raiser",
            "集体",
            "--group",
            "营业班全体职工",
            "--unit",
            "营业班",
            "--category",
            "工作环境",
            "--content",
            "班组休息室空调损坏",
        ],
    );
    ok(
        &db,
        &[
            "concern",
            "escalate",
            "1",
            "--to",
            "公司后勤部",
            "--note",
            "需公司统一采购",
            "--date",
            "2026-11-21",
        ],
    );
    let pdf = dir.join("上报单.pdf");
    let printed = json(
        &db,
        &[
            "print",
            "concern-escalation",
            "1",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    let text = pdftotext(&pdf);
    for want in [
        "群众诉求上报单",
        "班组休息室空调损坏",
        "公司后勤部",
        "需公司统一采购",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let err = fails(
        &db,
        &[
            "print",
            "concern-escalation",
            "99",
            "-o",
            dir.join("无.pdf").to_str().unwrap(),
        ],
    );
    assert!(err.starts_with("错误："), "{err}");

    ok(
        &db,
        &[
            "report",
            "save",
            "--title",
            "第四季度职工思想动态分析报告",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    );
    let report = dir.join("分析报告.pdf");
    ok(
        &db,
        &[
            "print",
            "opinion-report",
            "1",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&report);
    assert!(text.contains("第四季度职工思想动态分析报告"), "{text}");

    let xlsx = dir.join("群众诉求.xlsx");
    let exported = json(
        &db,
        &[
            "export",
            "concerns",
            "--category",
            "工作环境",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(exported["rows"], 1, "{exported}");
    assert!(xlsx.exists());
    let sheet = exported["sheets"][0].as_str().unwrap().to_string();
    let cells = xlsx_cells(&xlsx, &sheet);
    assert!(
        cells.iter().flatten().any(|c| c == "班组休息室空调损坏"),
        "{cells:?}"
    );

    // A talks export carries the summaries only when asked.
    let secret = "想调回老家附近的供电所";
    ok(
        &db,
        &[
            "talk",
            "add",
            "--date",
            "2026-11-12",
            "--talker",
            "10001",
            "--with",
            "王五",
            "--kind",
            "岗位调整",
            "--topic",
            "工作安排",
            "--summary",
            secret,
        ],
    );
    let talks = dir.join("谈心谈话.xlsx");
    let exported = json(&db, &["export", "talks", "-o", talks.to_str().unwrap()]);
    let sheet = exported["sheets"][0].as_str().unwrap().to_string();
    let cells = xlsx_cells(&talks, &sheet);
    assert!(cells.iter().flatten().any(|c| c == "工作安排"), "{cells:?}");
    assert!(!cells.iter().flatten().any(|c| c.contains(secret)));
    ok(
        &db,
        &[
            "export",
            "talks",
            "--summaries",
            "-o",
            talks.to_str().unwrap(),
        ],
    );
    let cells = xlsx_cells(&talks, &sheet);
    assert!(cells.iter().flatten().any(|c| c.contains(secret)));
    let audit = ok(&db, &["audit"]);
    assert!(audit.contains("导出谈话内容"), "{audit}");

    for (what, extra) in [
        ("opinions", &[][..]),
        ("visits", &[][..]),
        (
            "contact-coverage",
            &["--year", "2026", "--quarter", "4"][..],
        ),
        (
            "talk-coverage",
            &["--from", "2026-01-01", "--to", "2026-12-31"][..],
        ),
    ] {
        let path = dir.join(format!("{what}.xlsx"));
        let args = [
            &["export", what][..],
            extra,
            &["-o", path.to_str().unwrap()],
        ]
        .concat();
        ok(&db, &args);
        assert!(path.exists(), "{what}");
    }
}
