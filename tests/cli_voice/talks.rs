//! `qungong talk`: a talk's summary is printed only when asked for and allowed.

use serde_json::Value;

use crate::common::{self, ok};
use crate::{branch, json};

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
    // Linked to the talker (张三) by the administrator, the same account sees it.
    let linked = ok(&db, &["account", "link", "cadre1", "--person", "张三"]);
    assert!(linked.contains("已关联职工张三"), "{linked}");
    assert!(ok(&db, &["account", "list"]).contains("张三"));
    let shown = as_cadre(&["talk", "show", "1", "--summary"]);
    assert!(shown.contains(secret), "{shown}");
    let unlinked = ok(&db, &["account", "link", "cadre1", "--none"]);
    assert!(unlinked.contains("已取消关联职工"), "{unlinked}");
    let shown = as_cadre(&["talk", "show", "1", "--summary"]);
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
