//! `qungong opinion`: a grave opinion is listed until it is reported.

use crate::common::ok;
use crate::{branch, json};

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
