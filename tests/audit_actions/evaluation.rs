//! 考核评价 and 推优评先 through the handler layer: every write of indicator systems, rounds,
//! marks, tallies, 反馈, 公布, recognition rounds and honours, for the audit test.

use serde_json::{Value, json};

use super::Session;

fn system_input(name: &str) -> Value {
    json!({
        "name": name,
        "note": null,
        "drop_extremes_min": 5,
        "ballot_points": {"excellent": 100.0, "competent": 80.0, "basic": 60.0, "incompetent": 0.0},
        "indicators": [
            {"category": "组织人事工作", "name": "活动出勤率", "weight": 30.0, "method": "系统数据",
             "source": "活动出勤率", "rule": "按目标比例", "target": 95.0, "bands": []},
            {"category": "思想政治工作", "name": "工作实绩", "weight": 40.0, "method": "评委打分", "bands": []},
            {"category": "宣传工作", "name": "群众评议", "weight": 30.0, "method": "民主测评", "bands": []},
        ],
    })
}

fn round_input(name: &str, system_id: i64) -> Value {
    json!({
        "name": name,
        "kind": "日常考核",
        "period_from": "2026-10-01",
        "period_to": "2026-12-31",
        "system_id": system_id,
        "grade_bands": {"excellent": 90.0, "competent": 75.0, "basic": 60.0},
        "excellent_quota": 20.0,
    })
}

/// Drives every evaluation write; `cadres` are two people in post, `other` a third.
pub(super) fn drive(admin: &Session, cadres: [i64; 2], other: i64, unit: i64) {
    // 指标体系: a new one, an edit of it, a spare one retired and brought back.
    let system = admin.num(
        "eval_system_save",
        json!({"id": null, "input": system_input("政工干部日常考核指标")}),
    );
    let edited = admin.num(
        "eval_system_save",
        json!({"id": system, "input": system_input("政工干部日常考核指标体系")}),
    );
    assert_eq!(edited, system, "an unused version is edited in place");
    let spare = admin.num(
        "eval_system_save",
        json!({"id": null, "input": system_input("备用指标体系")}),
    );
    admin.ok("eval_system_retire", json!({"id": spare, "retired": true}));
    admin.ok("eval_system_retire", json!({"id": spare, "retired": false}));
    let indicators = admin.ok("eval_system_get", json!({"id": system}))["indicators"].clone();
    let marks_ind = indicators[1]["id"].as_i64().unwrap();
    let ballot_ind = indicators[2]["id"].as_i64().unwrap();

    // 考核: made, renamed; a spare one deleted.
    let round = admin.num(
        "eval_round_save",
        json!({"id": null, "input": round_input("第四季度考核", system)}),
    );
    admin.ok(
        "eval_round_save",
        json!({"id": round, "input": round_input("2026年第四季度政工干部日常考核", system)}),
    );
    let doomed = admin.num(
        "eval_round_save",
        json!({"id": null, "input": round_input("作废的考核", system)}),
    );
    admin.ok("eval_round_delete", json!({"id": doomed}));

    // 考核对象, marks and tallies.
    let [a, b] = cadres;
    let added = admin.ok(
        "eval_subjects_add",
        json!({"round_id": round, "pick": {"unit_ids": [], "person_ids": [a, b, other]}}),
    );
    assert_eq!(added, 3);
    admin.ok(
        "eval_subject_remove",
        json!({"round_id": round, "person_id": other}),
    );
    let written = admin.ok(
        "eval_marks_set",
        json!({"round_id": round, "evaluator": "评委甲", "marks": [
            {"person_id": a, "indicator_id": marks_ind, "mark": 92.0},
            {"person_id": b, "indicator_id": marks_ind, "mark": 85.0},
        ]}),
    );
    assert_eq!(written, 2);
    assert_eq!(admin.ok("eval_parse_mark", json!({"input": "优秀"})), 95.0);
    for (person, excellent) in [(a, 8), (b, 5)] {
        admin.ok(
            "eval_ballot_set",
            json!({"round_id": round, "person_id": person, "indicator_id": ballot_ind,
                   "counts": {"excellent": excellent, "competent": 2, "basic": 0, "incompetent": 0}}),
        );
    }

    // Results, 反馈 (and back), 确认, 公布.
    let detail = admin.ok("eval_compute", json!({"round_id": round}));
    assert_eq!(detail["subjects"].as_array().unwrap().len(), 2, "{detail}");
    admin.ok("eval_start_feedback", json!({"round_id": round}));
    admin.ok("eval_reopen", json!({"round_id": round}));
    admin.ok("eval_start_feedback", json!({"round_id": round}));
    for person in cadres {
        admin.ok(
            "eval_feedback_set",
            json!({"round_id": round, "person_id": person, "feedback": "工作扎实，继续保持"}),
        );
        admin.ok(
            "eval_confirm",
            json!({"round_id": round, "person_id": person, "reply": "无异议"}),
        );
    }
    admin.ok("eval_publish", json!({"round_id": round}));
    let history = admin.ok("eval_history", json!({"person_id": a}));
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");

    // 推优评先: nominations (one edited, one removed), votes, 公示, a withdrawal, 确认.
    let recognition_input = json!({"name": "2026年度优秀政工干部评选", "honour_title": "优秀政工干部",
        "year": 2026, "target": "个人", "quota": 2, "rules": [], "granted_by": "审计测试供电公司"});
    let rec = admin.num(
        "recognition_save",
        json!({"id": null, "input": recognition_input}),
    );
    admin.ok(
        "recognition_save",
        json!({"id": rec, "input": recognition_input}),
    );
    let spare_rec = admin.num(
        "recognition_save",
        json!({"id": null, "input": recognition_input}),
    );
    admin.ok("recognition_delete", json!({"id": spare_rec}));
    let nominate = |person: i64| {
        admin.num(
            "recognition_nominate",
            json!({"round_id": rec, "input": {"person_id": person, "by_unit_id": unit, "deeds": "扎根基层，成绩突出"}}),
        )
    };
    let na = nominate(a);
    let nb = nominate(b);
    let nc = nominate(other);
    admin.ok(
        "recognition_nomination_update",
        json!({"nomination_id": na, "input": {"person_id": a, "by_unit_id": unit, "deeds": "组织职工座谈会 6 次"}}),
    );
    admin.ok(
        "recognition_nomination_remove",
        json!({"nomination_id": nc}),
    );
    admin.ok("recognition_start_voting", json!({"round_id": rec}));
    admin.ok(
        "recognition_votes_set",
        json!({"round_id": rec, "votes": [{"nomination_id": na, "votes": 12}, {"nomination_id": nb, "votes": 9}]}),
    );
    let selected = admin.ok(
        "recognition_start_publicity",
        json!({"round_id": rec, "from": "2026-12-01", "to": "2026-12-07"}),
    );
    assert_eq!(selected, 2);
    admin.ok(
        "recognition_withdraw",
        json!({"nomination_id": nb, "reason": "公示期间收到实名反映，经核实"}),
    );
    let honours = admin.ok(
        "recognition_confirm",
        json!({"round_id": rec, "on": "2026-12-10"}),
    );
    assert_eq!(honours, 1);

    // 荣誉 entered by hand, changed, deleted.
    let honour_input = json!({"person_id": b, "unit_id": null, "title": "安全生产先进个人", "year": 2025,
        "awarded_on": "2025-12-20", "granted_by": null, "note": null});
    let honour = admin.num("honour_save", json!({"id": null, "input": honour_input}));
    let mut changed = honour_input.clone();
    changed["title"] = json!("安全生产先进工作者");
    assert_eq!(
        admin.num("honour_save", json!({"id": honour, "input": changed})),
        honour
    );
    let listed = admin.ok("honours", json!({"filter": {"person_id": b}}));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    admin.ok("honour_delete", json!({"id": honour}));
}
