//! `qungong recognition` and `qungong honour`: a 推优评先 round from nominations to the
//! honour on the person's record, and the honours roll.

use serde_json::json as j;

use crate::common::ok;
use crate::{branch, fails, json, published_round};

/// 2026年度优秀政工干部评选, one place, rules 在职, 政工干部, last grade at least 称职.
fn recognition(db: &std::path::Path) -> String {
    let added = json(
        db,
        &[
            "recognition",
            "add",
            "--name",
            "2026年度优秀政工干部评选",
            "--title",
            "优秀政工干部",
            "--year",
            "2026",
            "--target",
            "个人",
            "--quota",
            "1",
            "--rule",
            "在职",
            "--rule",
            "政工干部",
            "--rule",
            "等级>=称职",
            "--granted-by",
            "国网示范县供电公司",
        ],
    );
    added["id"].to_string()
}

#[test]
fn a_recognition_round_ends_in_an_honour_on_the_roll() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    // Grades: 张三 优秀, 李四 称职, 赵六 称职, 王五 基本称职.
    published_round(&db, dir);
    let err = fails(
        &db,
        &[
            "recognition",
            "add",
            "--name",
            "x",
            "--title",
            "y",
            "--year",
            "2026",
            "--target",
            "个人",
            "--quota",
            "1",
            "--rule",
            "出勤率高",
        ],
    );
    assert!(err.contains("资格条件“出勤率高”"), "{err}");
    let id = recognition(&db);
    let r = id.as_str();
    for (who, by, deeds) in [
        ("张三", "城关供电所", "组织形势任务宣讲12场"),
        ("李四", "城关供电所", "营业班党建工作扎实"),
        ("赵六", "营销部", "营销宣传"),
        ("王五", "城关供电所", "积极参加活动"),
    ] {
        let text = ok(
            &db,
            &[
                "recognition",
                "nominate",
                r,
                "--person",
                who,
                "--by-unit",
                by,
                "--deeds",
                deeds,
            ],
        );
        assert!(text.contains(&format!("已推荐{who}")), "{text}");
    }
    // Those who fail a rule are shown with the reason, not hidden.
    let shown = json(&db, &["recognition", "show", r]);
    let candidates = shown["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 4);
    let eligible = |name: &str| {
        candidates.iter().find(|c| c["name"] == name).unwrap()["eligible"]
            .as_bool()
            .unwrap()
    };
    assert!(eligible("张三") && eligible("李四"));
    assert!(!eligible("赵六") && !eligible("王五"));
    let text = ok(&db, &["recognition", "show", r]);
    let zhao = &text[text.find("赵六").unwrap()..];
    assert!(zhao.contains("✗ 政工干部"), "{text}");
    assert!(
        text.contains("✗ 最近一次考核等级不低于称职（最近考核：基本称职"),
        "{text}"
    );
    assert!(
        text.contains("✓ 最近一次考核等级不低于称职（最近考核：优秀"),
        "{text}"
    );
    assert!(
        text.contains("不符合条件") && text.contains("组织形势任务宣讲12场"),
        "{text}"
    );

    ok(&db, &["recognition", "voting", r]);
    let err = fails(&db, &["recognition", "votes", r, "--votes", "周七=3"]);
    assert!(err.contains("“周七”不是本次评选的候选人"), "{err}");
    let err = fails(&db, &["recognition", "votes", r, "--votes", "张三35"]);
    assert!(err.contains("应写为 候选人=票数"), "{err}");
    ok(
        &db,
        &[
            "recognition",
            "votes",
            r,
            "--votes",
            "张三=35",
            "--votes",
            "李四=20",
        ],
    );
    let text = ok(
        &db,
        &[
            "recognition",
            "publicity",
            r,
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-07",
        ],
    );
    assert!(
        text.contains("当选 1 名") && text.contains("当选：张三"),
        "{text}"
    );
    let shown = json(&db, &["recognition", "show", r]);
    let zhang = &shown["candidates"][0];
    assert_eq!(zhang["name"], "张三");
    assert_eq!(zhang["votes"], 35);
    assert_eq!(zhang["rank"], 1);
    assert_eq!(zhang["selected"], true);
    assert_eq!(shown["candidates"][1]["selected"], false);

    let err = fails(&db, &["recognition", "confirm", r, "--on", "2026-12-07"]);
    assert!(err.contains("公示期满后才能确认"), "{err}");
    let text = ok(&db, &["recognition", "confirm", r, "--on", "2026-12-08"]);
    assert!(text.contains("登记荣誉 1 项"), "{text}");
    let listed = json(&db, &["recognition", "list"]);
    assert_eq!(listed[0]["status"], "已确认");
    assert_eq!(listed[0]["selected"], 1);

    // The honour on the person, and one entered by hand for a unit.
    let text = ok(
        &db,
        &[
            "honour",
            "add",
            "--unit",
            "营业班",
            "--title",
            "先进班组",
            "--date",
            "2026-12-10",
            "--granted-by",
            "国网示范县供电公司",
        ],
    );
    assert!(
        text.contains("已登记荣誉：营业班 2026年度先进班组"),
        "{text}"
    );
    let roll = json(&db, &["honour", "list", "--year", "2026"]);
    let roll = roll.as_array().unwrap();
    assert_eq!(roll.len(), 2);
    let zhang = roll.iter().find(|h| h["holder"] == "张三").unwrap();
    assert_eq!(zhang["title"], "优秀政工干部");
    assert_eq!(zhang["year"], 2026);
    assert_eq!(zhang["awarded_on"], "2026-12-08");
    assert_eq!(zhang["granted_by"], "国网示范县供电公司");
    assert_eq!(zhang["round_id"].to_string(), id);
    let text = ok(&db, &["honour", "list", "--person", "张三"]);
    assert!(
        text.contains("优秀政工干部") && text.contains(&format!("推优评先（编号 {id}）")),
        "{text}"
    );
    assert!(!text.contains("先进班组"), "{text}");
    // By unit: 城关供电所 holds both (营业班 is below it); 营销部 none.
    assert_eq!(
        json(&db, &["honour", "list", "--unit", "城关供电所"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(json(&db, &["honour", "list", "--unit", "营销部"]), j!([]));
    let team = roll.iter().find(|h| h["holder"] == "营业班").unwrap()["id"].to_string();
    let text = ok(&db, &["honour", "delete", &team]);
    assert!(
        text.contains("已删除荣誉：营业班 2026年度先进班组"),
        "{text}"
    );
    assert_eq!(json(&db, &["honour", "list"]).as_array().unwrap().len(), 1);
    let err = fails(
        &db,
        &[
            "honour",
            "add",
            "--title",
            "先进个人",
            "--date",
            "2026-12-10",
        ],
    );
    assert!(
        err.contains("请用 --person 指明职工，或用 --unit 指明集体"),
        "{err}"
    );
}
