//! Migration 0010 (考核评价 / 推优评先) from the version before, with data: everything kept, the
//! new tables there and empty, and a 推优评先 round of the old file's people reads their old
//! attendance and ends in an honour.
mod common;

use common::{date, dump_conn};
use qungong::codes::{Grade, RecognitionStatus, RecognitionTarget};
use qungong::db::{MIGRATIONS, SCHEMA_VERSION};
use qungong::evaluation::recognition;
use qungong::evaluation::{
    HonourFilter, HonourInput, NominationInput, RecognitionInput, Rule, VoteInput, honour,
};
use qungong::{Action, Actor, Db};

/// The tables migration 0010 makes.
const NEW_TABLES: [&str; 10] = [
    "eval_ballot",
    "eval_mark",
    "eval_round",
    "eval_score",
    "eval_subject",
    "honour",
    "indicator",
    "indicator_system",
    "nomination",
    "recognition_round",
];

#[test]
fn a_database_of_version_9_with_data_migrates_and_runs_a_recognition_round() {
    assert_eq!(SCHEMA_VERSION, 10);
    assert_eq!(
        MIGRATIONS[9],
        include_str!("../src/db/migrations/0010_evaluation.sql")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.db");
    let old_tables = |name: &str| {
        !NEW_TABLES.contains(&name)
            // A cache the open rebuilds from attendance.
            && !name.starts_with("attendance_timeline")
    };
    let before = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (i, m) in MIGRATIONS.iter().enumerate().take(9) {
            conn.execute_batch(m).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO unit (id, uid, name, kind, created_at)
                 VALUES (1, 'u1', '国网示范县供电公司', 'company', '2026-01-01 08:00:00'),
                        (2, 'u2', '城关供电所', 'station', '2026-01-01 08:00:00');
             UPDATE unit SET parent_id = 1 WHERE id = 2;
             INSERT INTO person (id, uid, employee_no, name, name_initials, gender, birth_date,
                                 political_status, political_cadre, unit_id, created_at,
                                 updated_at)
                 VALUES (1, 'p1', '10001', '张三', 'zs', '1', '1980-05-06', '01', 1, 2,
                         '2026-01-01 08:00:00', '2026-01-01 08:00:00'),
                        (2, 'p2', '10002', '李四', 'ls', '2', '1985-03-12', '13', 0, 2,
                         '2026-01-01 08:00:00', '2026-01-01 08:00:00');
             INSERT INTO activity (id, uid, kind, mode, title, starts_at, ends_at, status, place,
                                   late_grace_minutes, created_at, updated_at)
                 VALUES (1, 'a1', 'forum', 'offline', '四季度职工座谈会', '2026-11-20 09:00:00',
                         '2026-11-20 11:00:00', 'held', '三楼会议室', 10,
                         '2026-11-01 08:00:00', '2026-11-01 08:00:00');
             INSERT INTO attendance (activity_id, person_id, invited, status)
                 VALUES (1, 1, 1, 'present'), (1, 2, 1, 'absent');
             INSERT INTO concern (id, uid, received_on, source, activity_id, raiser_kind,
                                  raiser_id, unit_id, category_id, content, deadline,
                                  created_at, updated_at)
                 VALUES (1, 'c1', '2026-11-20', 'forum', 1, 'person', 2, 2, 4,
                         '食堂晚餐时间太早，夜班职工吃不上热饭', '2026-11-30',
                         '2026-11-20 11:00:00', '2026-11-20 11:00:00');
             INSERT INTO concern_step (concern_id, at, actor, step, status)
                 VALUES (1, '2026-11-20 11:00:00', 'admin', '受理', 'received');
             INSERT INTO talk (id, uid, talked_on, talker_id, person_id, kind, topic,
                               created_at, updated_at)
                 VALUES (1, 't1', '2026-11-21', 1, 2, 'daily', '岗位调整后的想法',
                         '2026-11-21 10:00:00', '2026-11-21 10:00:00');
             INSERT INTO contact_point (id, leader_id, unit_id, since)
                 VALUES (1, 1, 2, '2026-01-01');
             INSERT INTO contact_visit (id, uid, visited_on, leader_id, unit_id, findings,
                                        created_at, updated_at)
                 VALUES (1, 'v1', '2026-11-22', 1, 2, '班组学习制度落实较好',
                         '2026-11-22 16:00:00', '2026-11-22 16:00:00');
             INSERT INTO opinion (id, uid, observed_at, kind, title, level, trend, created_at,
                                  updated_at)
                 VALUES (1, 'o1', '2026-11-23 09:00:00', 'internal',
                         '部分职工对绩效考核细则调整有议论', 'normal', 'steady',
                         '2026-11-23 09:00:00', '2026-11-23 09:00:00');
             INSERT INTO account (id, name, role, password_hash, created_at, password_changed_at)
                 VALUES (1, 'admin', 'admin', 'x', '2026-01-01 08:00:00', '2026-01-01 08:00:00');
             INSERT INTO audit_log (at, actor, action, detail)
                 VALUES ('2026-11-20 09:05:00', 'admin', 'attendance.check_in', '签到');",
        )
        .unwrap();
        dump_conn(&conn, old_tables)
    };
    // Every old table with rows is in the comparison.
    for table in [
        "unit:",
        "person:",
        "activity:",
        "attendance:",
        "concern:",
        "concern_step:",
        "talk:",
        "contact_point:",
        "contact_visit:",
        "opinion:",
        "account:",
        "audit_log:",
    ] {
        assert!(before.lines().any(|l| l.starts_with(table)), "{table}");
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(dump_conn(db.conn(), old_tables), before);
    for table in NEW_TABLES {
        let rows: i64 = db
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "{table}");
    }

    // A round over the old people: 张三 came to the old 座谈会 (1/1), 李四 did not (0/1) and is a
    // 群众; nobody has a published 考核 yet.
    let actor = Actor("admin".into());
    let today = date("2026-12-01");
    let round = db
        .transact(&actor, Action::RecognitionSave, |tx| {
            recognition::save(
                tx,
                None,
                RecognitionInput {
                    name: "2026年度优秀共产党员评选".into(),
                    honour_title: "优秀共产党员".into(),
                    year: 2026,
                    target: RecognitionTarget::Person,
                    quota: 1,
                    rules: vec![Rule::PartyMember, Rule::AttendanceAtLeast { percent: 80.0 }],
                    granted_by: Some("国网示范县供电公司党委".into()),
                },
            )
        })
        .unwrap();
    let nominate = |db: &mut Db, person: i64| {
        db.transact(&actor, Action::RecognitionNominate, |tx| {
            recognition::nominate(
                tx,
                round,
                NominationInput {
                    person_id: Some(person),
                    unit_id: None,
                    by_unit_id: Some(2),
                    deeds: "带头落实职工诉求办理".into(),
                },
            )
        })
        .unwrap()
    };
    let zhang = nominate(&mut db, 1);
    nominate(&mut db, 2);
    let r = recognition::get(db.conn(), round, today).unwrap();
    let found: Vec<(&str, bool, Vec<&str>)> = r
        .candidates
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.eligible,
                c.checks.iter().map(|k| k.found.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "张三",
                true,
                vec!["政治面貌：中共党员", "出勤率 100.0%（1/1）"]
            ),
            ("李四", false, vec!["政治面貌：群众", "出勤率 0.0%（0/1）"]),
        ]
    );
    // The 考核 tables answer too: no published round yet.
    let grade_round = db
        .transact(&actor, Action::RecognitionSave, |tx| {
            recognition::save(
                tx,
                None,
                RecognitionInput {
                    name: "2026年度优秀政工干部评选".into(),
                    honour_title: "优秀政工干部".into(),
                    year: 2026,
                    target: RecognitionTarget::Person,
                    quota: 1,
                    rules: vec![Rule::LastGradeAtLeast {
                        grade: Grade::Competent,
                    }],
                    granted_by: None,
                },
            )
        })
        .unwrap();
    assert_eq!(recognition::list(db.conn()).unwrap().len(), 2);
    db.transact(&actor, Action::RecognitionNominate, |tx| {
        recognition::nominate(
            tx,
            grade_round,
            NominationInput {
                person_id: Some(1),
                unit_id: None,
                by_unit_id: None,
                deeds: "组织职工座谈会".into(),
            },
        )
    })
    .unwrap();
    let g = recognition::get(db.conn(), grade_round, today).unwrap();
    assert_eq!(g.candidates[0].checks[0].found, "无已公布的考核结果");

    db.transact(&actor, Action::RecognitionStage, |tx| {
        recognition::start_voting(tx, round)?;
        recognition::set_votes(
            tx,
            round,
            &[VoteInput {
                nomination_id: zhang,
                votes: Some(21),
            }],
        )?;
        recognition::start_publicity(tx, round, date("2026-12-01"), date("2026-12-07"), today)?;
        recognition::confirm(tx, round, date("2026-12-08"))
    })
    .unwrap();
    assert_eq!(
        recognition::get(db.conn(), round, today).unwrap().status,
        RecognitionStatus::Confirmed
    );
    db.transact(&actor, Action::HonourSave, |tx| {
        honour::add(
            tx,
            HonourInput {
                person_id: None,
                unit_id: Some(2),
                title: "工人先锋号".into(),
                year: 2025,
                awarded_on: date("2025-05-01"),
                granted_by: None,
                note: None,
            },
        )
    })
    .unwrap();
    let honours: Vec<(String, String, Option<String>)> =
        honour::list(db.conn(), &HonourFilter::default())
            .unwrap()
            .into_iter()
            .map(|h| (h.input.title, h.holder, h.unit_name))
            .collect();
    assert_eq!(
        honours,
        [
            (
                "优秀共产党员".to_string(),
                "张三".to_string(),
                Some("城关供电所".to_string())
            ),
            (
                "工人先锋号".to_string(),
                "城关供电所".to_string(),
                Some("国网示范县供电公司".to_string())
            ),
        ]
    );
    drop(db);
    // Opening again is a no-op, and everything written stays.
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        honour::list(db.conn(), &HonourFilter::default())
            .unwrap()
            .len(),
        2
    );
}
