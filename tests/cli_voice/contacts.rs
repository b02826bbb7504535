//! `qungong contact`: the contact points and their visits, and the quarter's coverage.

use serde_json::Value;

use crate::common::ok;
use crate::{branch, fails, json};

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
