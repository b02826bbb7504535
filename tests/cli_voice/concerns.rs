//! `qungong concern`: a concern from receipt to close, the refusals, people named by employee
//! number or by a name no one else has, and the categories.

use std::path::Path;

use crate::common::ok;
use crate::{branch, fails, json};

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
