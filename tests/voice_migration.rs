//! Migration 0009 (党群沟通) from the version before, with data: everything kept, the new tables
//! ready, and a concern can be recorded at an activity of the old file.
mod common;

use common::{TestDb, date, dump_conn};
use qungong::Db;
use qungong::codes::{ConcernSource, RaiserKind};
use qungong::db::{MIGRATIONS, SCHEMA_VERSION};
use qungong::voice::concern::{self, ConcernInput};

#[test]
fn a_database_of_version_8_with_data_migrates_and_takes_concerns() {
    // Migrations after 0009 run too: the file ends at the current version.
    const { assert!(SCHEMA_VERSION >= 9) };
    assert_eq!(
        MIGRATIONS[8],
        include_str!("../src/db/migrations/0009_voice.sql")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    let old_tables = |name: &str| {
        !name.starts_with("concern")
            && !name.starts_with("contact")
            && !name.starts_with("opinion")
            && name != "talk"
            && name != "account"
            // Tables of 0010 (考核评价).
            && !name.starts_with("eval_")
            && !name.starts_with("indicator")
            && !matches!(name, "honour" | "nomination" | "recognition_round")
            // A cache the open rebuilds from attendance.
            && !name.starts_with("attendance_timeline")
    };
    let before = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (i, m) in MIGRATIONS.iter().enumerate().take(8) {
            conn.execute_batch(m).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO unit (id, uid, name, kind, created_at)
                 VALUES (1, 'u1', '国网示范县供电公司', 'company', '2026-01-01 08:00:00');
             INSERT INTO person (id, uid, employee_no, name, name_initials, gender, birth_date,
                                 unit_id, created_at, updated_at)
                 VALUES (1, 'p1', '10001', '张三', 'zs', '1', '1980-05-06', 1,
                         '2026-01-01 08:00:00', '2026-01-01 08:00:00');
             INSERT INTO activity (id, uid, kind, mode, title, starts_at, ends_at, status, place,
                                   late_grace_minutes, created_at, updated_at)
                 VALUES (1, 'a1', 'forum', 'offline', '四季度职工座谈会', '2026-11-20 09:00:00',
                         '2026-11-20 11:00:00', 'held', '三楼会议室', 10,
                         '2026-11-01 08:00:00', '2026-11-01 08:00:00');
             INSERT INTO attendance (activity_id, person_id, invited, status)
                 VALUES (1, 1, 1, 'present');
             INSERT INTO account (id, name, role, password_hash, created_at, password_changed_at)
                 VALUES (1, 'admin', 'admin', 'x', '2026-01-01 08:00:00', '2026-01-01 08:00:00');
             INSERT INTO audit_log (at, actor, action, detail)
                 VALUES ('2026-11-20 09:05:00', 'admin', 'attendance.check_in', '签到');",
        )
        .unwrap();
        dump_conn(&conn, old_tables)
    };
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(dump_conn(db.conn(), old_tables), before);
    let (name, person): (String, Option<i64>) = db
        .conn()
        .query_row(
            "SELECT name, person_id FROM account WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((name.as_str(), person), ("admin", None));
    let categories: Vec<String> = concern::categories(db.conn(), false)
        .unwrap()
        .into_iter()
        .map(|c| format!("{}{}", c.name, c.deadline_days))
        .collect();
    assert_eq!(
        categories,
        [
            "薪酬待遇15",
            "工作环境15",
            "安全生产7",
            "生活后勤10",
            "职业发展30",
            "劳动保护10",
            "政策咨询7",
            "思想情绪7",
            "其他15"
        ]
    );
    let category = concern::categories(db.conn(), false).unwrap()[3].id;
    let id = db
        .transact(
            &qungong::Actor("admin".into()),
            qungong::Action::ConcernAdd,
            |tx| {
                concern::add(
                    tx,
                    ConcernInput {
                        received_on: date("2026-11-20"),
                        source: ConcernSource::Forum,
                        activity_id: Some(1),
                        talk_id: None,
                        visit_id: None,
                        opinion_id: None,
                        raiser_kind: RaiserKind::Person,
                        raiser_id: Some(1),
                        raiser_group: None,
                        unit_id: Some(1),
                        category_id: category,
                        content: "食堂晚餐时间太早，夜班职工吃不上热饭".into(),
                        deadline: None,
                    },
                )
            },
        )
        .unwrap();
    let c = concern::get(db.conn(), id, date("2026-11-21")).unwrap();
    assert_eq!(c.activity_title.as_deref(), Some("四季度职工座谈会"));
    assert_eq!(c.deadline, date("2026-11-30"));
    drop(db);
    // Opening again is a no-op.
    let t = TestDb {
        db: Db::open(&path).unwrap(),
        dir,
    };
    assert_eq!(t.db.schema_version().unwrap(), SCHEMA_VERSION);
}
