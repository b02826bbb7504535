//! 批量修改 in 人员档案: flags, 调动 and 离职 for many people, all or nothing, one audit row.
mod common;

use common::{TestDb, date, logical_dump, person_input};
use qungong::people::bulk::{self, BulkResult, PersonFlag};
use qungong::people::{self, PersonInput};
use qungong::{Action, Actor, Result, Tx};

fn bulk<T>(t: &mut TestDb, action: Action, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
    t.db.transact(&Actor("测试".into()), action, f)
}

fn audit(t: &TestDb) -> Vec<(String, String)> {
    let mut stmt =
        t.db.conn()
            .prepare("SELECT action, detail FROM audit_log ORDER BY id")
            .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

struct Team {
    t: TestDb,
    station: i64,
    team: i64,
    ids: Vec<i64>,
}

fn team() -> Team {
    let mut t = TestDb::new();
    let station = t.unit("城关供电所", None);
    let team = t.unit("营业班", Some(station));
    let ids = vec![
        t.person("10001", "张三", team),
        t.person("10002", "李四", team),
        t.person("10003", "王五", station),
    ];
    Team {
        t,
        station,
        team,
        ids,
    }
}

#[test]
fn flags_are_set_and_cleared_for_many_in_one_audited_write() {
    let Team { mut t, ids, .. } = team();
    let before = audit(&t).len();
    let done = bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &ids[..2], PersonFlag::PoliticalCadre, true)
    })
    .unwrap();
    assert_eq!(
        done,
        BulkResult {
            changed: 2,
            unchanged: 0
        }
    );
    let cadre = |t: &TestDb, id| people::get(t.db.conn(), id).unwrap().political_cadre;
    assert!(cadre(&t, ids[0]) && cadre(&t, ids[1]) && !cadre(&t, ids[2]));

    // Someone already marked is counted apart; an id given twice counts once.
    let done = bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(
            tx,
            &[ids[1], ids[2], ids[2]],
            PersonFlag::PoliticalCadre,
            true,
        )
    })
    .unwrap();
    assert_eq!(
        done,
        BulkResult {
            changed: 1,
            unchanged: 1
        }
    );
    bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &ids, PersonFlag::ReserveTalent, true)
    })
    .unwrap();
    let done = bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &ids, PersonFlag::PoliticalCadre, false)
    })
    .unwrap();
    assert_eq!(done.changed, 3);
    for &id in &ids {
        let p = people::get(t.db.conn(), id).unwrap();
        assert!(!p.political_cadre && p.reserve_talent, "{p:?}");
    }

    let rows = audit(&t);
    assert_eq!(rows.len(), before + 4, "one audit row per batch");
    assert!(rows[before..].iter().all(|(a, _)| a == "person.bulk_flag"));
    assert_eq!(rows[before].1, "设为政工干部 2 人：10001 张三、10002 李四");
    assert_eq!(
        rows[before + 1].1,
        "设为政工干部 1 人：10003 王五；另有 1 人原已是政工干部：10002 李四"
    );
    assert_eq!(
        rows[before + 3].1,
        "取消政工干部 3 人：10001 张三、10002 李四、10003 王五"
    );
    assert_eq!(Action::PersonBulkFlag.label(), "批量设置政工干部或后备人才");
}

#[test]
fn one_person_who_left_or_an_unknown_id_refuses_the_whole_batch() {
    let Team {
        mut t, ids, team, ..
    } = team();
    t.write(|tx| people::leave(tx, ids[1], date("2025-03-01"), Some("调出")))
        .unwrap();
    let dump = logical_dump(t.db.conn());
    let audited = audit(&t).len();

    let err = bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &ids, PersonFlag::ReserveTalent, true)
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "李四（工号 10002）已于 2025-03-01 离职");
    assert_eq!(err.code(), "person.left");
    let err = bulk(&mut t, Action::PersonBulkLeave, |tx| {
        bulk::leave(tx, &[ids[0], ids[1]], date("2025-06-30"), None)
    })
    .unwrap_err();
    assert_eq!(err.code(), "person.left");
    let err = bulk(&mut t, Action::PersonBulkMove, |tx| {
        bulk::move_to_unit(tx, &[ids[2], 9999], team)
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "未找到职工“9999”");
    let err = bulk(&mut t, Action::PersonBulkMove, |tx| {
        bulk::move_to_unit(tx, &[ids[0]], 9999)
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "未找到单位“9999”");
    let err = bulk(&mut t, Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &[], PersonFlag::ReserveTalent, true)
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "职工：请至少选择一名职工");

    assert_eq!(logical_dump(t.db.conn()), dump, "nothing was written");
    assert_eq!(audit(&t).len(), audited);
}

#[test]
fn a_rule_of_one_person_refuses_the_batch_naming_them() {
    let Team { mut t, ids, .. } = team();
    let hired = PersonInput {
        hire_date: Some(date("2020-07-01")),
        ..person_input(
            "10004",
            "赵六",
            people::get(t.db.conn(), ids[0]).unwrap().unit_id,
        )
    };
    let late = t.write(|tx| people::add(tx, hired)).unwrap();
    let dump = logical_dump(t.db.conn());
    let err = bulk(&mut t, Action::PersonBulkLeave, |tx| {
        bulk::leave(tx, &[ids[0], late], date("2019-12-31"), Some("调出"))
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "赵六（工号 10004）：离职日期：不能早于入职时间"
    );
    assert_eq!(err.code(), "invalid");
    assert_eq!(logical_dump(t.db.conn()), dump);
}

#[test]
fn people_are_moved_to_a_unit_and_leave_together() {
    let Team {
        mut t,
        ids,
        station,
        team,
    } = team();
    let done = bulk(&mut t, Action::PersonBulkMove, |tx| {
        bulk::move_to_unit(tx, &ids, team)
    })
    .unwrap();
    assert_eq!(
        done,
        BulkResult {
            changed: 1,
            unchanged: 2
        }
    );
    for &id in &ids {
        assert_eq!(people::get(t.db.conn(), id).unwrap().unit_id, team);
    }
    assert_eq!(qungong::units::get(t.db.conn(), station).unwrap().staff, 0);
    assert_eq!(qungong::units::get(t.db.conn(), team).unwrap().staff, 3);

    let done = bulk(&mut t, Action::PersonBulkLeave, |tx| {
        bulk::leave(tx, &ids[1..], date("2025-06-30"), Some(" 调出 "))
    })
    .unwrap();
    assert_eq!(done.changed, 2);
    let p = people::get(t.db.conn(), ids[2]).unwrap();
    assert_eq!(p.left_date, Some(date("2025-06-30")));
    assert_eq!(p.leave_reason.as_deref(), Some("调出"));
    assert!(people::get(t.db.conn(), ids[0]).unwrap().in_post());
    assert_eq!(
        qungong::units::get(t.db.conn(), station)
            .unwrap()
            .staff_total,
        1
    );

    let rows = audit(&t);
    let tail: Vec<(&str, &str)> = rows[rows.len() - 2..]
        .iter()
        .map(|(a, d)| (a.as_str(), d.as_str()))
        .collect();
    assert_eq!(
        tail,
        [
            (
                "person.bulk_move",
                "调到 城关供电所/营业班 1 人：10003 王五；另有 2 人原已在该单位：10001 张三、10002 李四"
            ),
            (
                "person.bulk_leave",
                "办理离职 2 人（原因：调出）：10002 李四、10003 王五"
            ),
        ]
    );
}
