//! An audit row for every write, without the content.

use chrono::NaiveDate;
use qungong::Action;
use qungong::codes::{RaiserKind, Satisfaction};
use qungong::voice::concern;

use crate::common::{branch, date};
use crate::{act, cat, get, input};

#[test]
fn every_write_leaves_an_audit_row_without_the_content() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let t = &mut b.t;
    let start: i64 =
        t.db.conn()
            .query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
                r.get(0)
            })
            .unwrap();
    let housing = act(t, "管理员", Action::ConcernCategory, |tx| {
        concern::save_category(tx, None, "住房保障", 20, false)
    })
    .unwrap();
    act(t, "管理员", Action::ConcernCategory, |tx| {
        concern::save_category(tx, Some(housing), "住房与通勤", 10, true)
    })
    .unwrap();
    let mut i = input(pay, "2026-09-30", "机密内容：夜班补贴被克扣");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(b.li);
    let id = act(t, "王干事", Action::ConcernAdd, |tx| concern::add(tx, i)).unwrap();
    let mut i = get(t, id, "2026-09-30").to_input();
    i.content = "机密内容：夜班补贴被克扣两个月".into();
    i.deadline = Some(date("2026-10-20"));
    act(t, "王干事", Action::ConcernEdit, |tx| {
        concern::update(tx, id, i)
    })
    .unwrap();
    act(t, "李主任", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, Some(b.team), Some(b.wang), None, None)
    })
    .unwrap();
    act(t, "王五", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "机密答复：已补发", date("2026-10-08"))
    })
    .unwrap();
    act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(
            tx,
            id,
            Satisfaction::Unsatisfied,
            date("2026-10-09"),
            Some("金额不对"),
        )
    })
    .unwrap();
    act(t, "王干事", Action::ConcernEscalate, |tx| {
        concern::escalate(tx, id, date("2026-10-10"), "市公司工会", "")
    })
    .unwrap();
    act(t, "王五", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "机密答复：差额已补发", date("2026-10-12"))
    })
    .unwrap();
    act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(tx, id, Satisfaction::Satisfied, date("2026-10-13"), None)
    })
    .unwrap();

    let conn = t.db.conn();
    let mut stmt = conn
        .prepare("SELECT id, actor, action, detail FROM audit_log WHERE id > ?1 ORDER BY id")
        .unwrap();
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([start], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    drop(stmt);
    let log: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(_, actor, action, detail)| (actor.as_str(), action.as_str(), detail.as_str()))
        .collect();
    assert_eq!(
        log,
        [
            (
                "管理员",
                "concern.category",
                "新增诉求分类 住房保障（20 天）"
            ),
            (
                "管理员",
                "concern.category",
                "修改诉求分类 住房保障：改名为 住房与通勤，办理期限 20 天改为 10 天，停用"
            ),
            (
                "王干事",
                "concern.add",
                &format!("登记群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.edit",
                &format!(
                    "修改群众诉求 {id}（薪酬待遇）：诉求内容；调整期限 2026-10-15 → 2026-10-20"
                )
            ),
            (
                "李主任",
                "concern.assign",
                &format!("交办群众诉求 {id}（薪酬待遇）给 营业班 王五")
            ),
            (
                "王五",
                "concern.reply",
                &format!("答复群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.close",
                &format!("群众诉求 {id}（薪酬待遇）提出人不满意，退回重新办理")
            ),
            (
                "王干事",
                "concern.escalate",
                &format!("上报群众诉求 {id}（薪酬待遇）至 市公司工会")
            ),
            (
                "王五",
                "concern.reply",
                &format!("答复群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.close",
                &format!("办结群众诉求 {id}（薪酬待遇，满意）")
            ),
        ]
    );
    for (_, _, _, detail) in &rows {
        assert!(
            !detail.contains("机密"),
            "content in the audit line: {detail}"
        );
    }
    // Every write of a concern records the concern row and its new step.
    for (audit, _, action, _) in &rows[2..] {
        let mut stmt = conn
            .prepare("SELECT tbl, op FROM audit_change WHERE audit_id = ?1 ORDER BY id")
            .unwrap();
        let changes: Vec<(String, String)> = stmt
            .query_map([audit], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let concern_op = if action == "concern.add" {
            "insert"
        } else {
            "update"
        };
        assert!(
            changes.contains(&("concern".into(), concern_op.into())),
            "{action}: {changes:?}"
        );
        assert!(
            changes.contains(&("concern_step".into(), "insert".into())),
            "{action}: {changes:?}"
        );
    }
    let steps_written: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_change WHERE tbl = 'concern_step' AND record_id IN
                 (SELECT id FROM concern_step WHERE concern_id = ?1)",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        steps_written, 9,
        "受理, 修改, 调整期限, 交办, 答复, 重新办理, 上报, 答复, 办结"
    );
    let category_changes: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_change WHERE tbl = 'concern_category' AND record_id = ?1",
            [housing],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(category_changes, 2);
    // A refused write leaves no row.
    let before: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
    let _ = act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(tx, id, Satisfaction::Satisfied, date("2026-10-14"), None)
    });
    let after: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
    assert_eq!(before, after);
    let _: NaiveDate = get(t, id, "2026-10-14").closed_on.unwrap();
}
