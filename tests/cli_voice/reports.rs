//! `qungong report`: the figures of a period and a saved report.

use serde_json::Value;

use crate::common::ok;
use crate::{branch, fails, json};

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
