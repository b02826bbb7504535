//! `qungong eval system`: a system imported from JSON (weights checked), exported for
//! editing, edited in place while unused, retired.

use serde_json::{Value, json as j};

use crate::common::ok;
use crate::{SYSTEM, branch, fails, json, s, write};

#[test]
fn a_system_whose_weights_do_not_sum_to_100_is_refused_and_nothing_is_saved() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    let file = write(
        dir,
        "95.json",
        &SYSTEM.replace("\"weight\": 40", "\"weight\": 35"),
    );
    let err = fails(&db, &["eval", "system", "import", s(&file)]);
    assert!(err.contains("各项指标权重合计应为 100，现为 95"), "{err}");
    assert_eq!(json(&db, &["eval", "system", "list"]), j!([]));

    // A hand-written file's faults are named by the indicator's place.
    let file = write(dir, "缺权重.json", &SYSTEM.replace("\"weight\": 40, ", ""));
    let err = fails(&db, &["eval", "system", "import", s(&file)]);
    assert!(err.contains("第 2 项指标：缺少“weight”（权重）"), "{err}");
    let file = write(
        dir,
        "方式.json",
        &SYSTEM.replace("\"method\": \"民主测评\"", "\"method\": \"打星\""),
    );
    let err = fails(&db, &["eval", "system", "import", s(&file)]);
    assert!(
        err.contains("第 2 项指标：计分方式“打星”无法识别，可填：系统数据、评委打分、民主测评"),
        "{err}"
    );
    let file = write(dir, "坏.json", "{\"name\": \"政工干部季度考核\",\n");
    let err = fails(&db, &["eval", "system", "import", s(&file)]);
    assert!(err.contains("不是有效的 JSON（第 2 行"), "{err}");
    assert_eq!(json(&db, &["eval", "system", "list"]), j!([]));
}

#[test]
fn a_system_is_exported_edited_in_place_while_unused_and_retired() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    let file = write(dir, "体系.json", SYSTEM);
    let text = ok(&db, &["eval", "system", "import", s(&file)]);
    assert!(
        text.contains("已保存：第 1 版（体系编号 1）“政工干部季度考核”"),
        "{text}"
    );

    // The export is the input with the defaults filled in, ready to edit.
    let exported: Value =
        serde_json::from_str(&ok(&db, &["eval", "system", "export", "1"])).unwrap();
    assert_eq!(exported["name"], "政工干部季度考核");
    assert_eq!(exported["drop_extremes_min"], 5);
    assert_eq!(
        exported["ballot_points"],
        j!({"excellent": 100.0, "competent": 80.0, "basic": 60.0, "incompetent": 0.0})
    );
    assert_eq!(exported["indicators"][0]["name"], "工作实绩");
    assert_eq!(exported["indicators"][0]["weight"], 60.0);
    assert_eq!(exported["indicators"][0]["method"], "评委打分");
    assert_eq!(exported["indicators"][1]["method"], "民主测评");

    let mut edited = exported.clone();
    edited["indicators"][0]["weight"] = j!(50);
    edited["indicators"][1]["weight"] = j!(50);
    edited["drop_extremes_min"] = j!(0);
    let out = dir.join("导出.json");
    ok(&db, &["eval", "system", "export", "1", "-o", s(&out)]);
    assert_eq!(
        serde_json::from_str::<Value>(&std::fs::read_to_string(&out).unwrap()).unwrap(),
        exported
    );
    std::fs::write(&out, edited.to_string()).unwrap();
    // Unused: edited in place, no new version.
    let text = ok(&db, &["eval", "system", "import", s(&out), "--id", "1"]);
    assert!(text.contains("已保存：第 1 版（体系编号 1）"), "{text}");
    assert!(!text.contains("新版本"), "{text}");
    let shown = json(&db, &["eval", "system", "show", "1"]);
    assert_eq!(shown["indicators"][0]["weight"], 50.0);
    assert_eq!(shown["drop_extremes_min"], 0);
    let text = ok(&db, &["eval", "system", "show", "1"]);
    assert!(text.contains("不去掉") && text.contains("合计"), "{text}");

    // The sample is a valid system.
    let sample = write(dir, "示例.json", &ok(&db, &["eval", "system", "sample"]));
    let text = ok(&db, &["eval", "system", "import", s(&sample)]);
    assert!(text.contains("已保存：第 1 版（体系编号 2）"), "{text}");
    let shown = ok(&db, &["eval", "system", "show", "2"]);
    assert!(shown.contains("活动出勤率，按目标比例，目标 95"), "{shown}");

    // Retired: not listed unless asked, and back with --undo.
    let text = ok(&db, &["eval", "system", "retire", "1"]);
    assert!(text.contains("已停用指标体系“政工干部季度考核”"), "{text}");
    let listed = json(&db, &["eval", "system", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], 2);
    let listed = json(&db, &["eval", "system", "list", "--retired"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert!(ok(&db, &["eval", "system", "list", "--retired"]).contains("已停用"));
    ok(&db, &["eval", "system", "retire", "1", "--undo"]);
    assert_eq!(
        json(&db, &["eval", "system", "list"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
