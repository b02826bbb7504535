//! People without 工号 (known by 身份证号), 职称 kept as written, and migration 0003 which
//! made both possible on files written by earlier versions.
mod common;

use common::{TestDb, date, person_input, time};
use qungong::codes::Gender;
use qungong::people::{self, PersonInput};
use qungong::structure::{self, Population, StructureQuery};
use qungong::{Db, attendance, idcard};

/// A valid 18-digit ID number for a birth date and serial.
fn id_number(birth: &str, serial: &str) -> String {
    let first17 = format!("140105{}{serial}", birth.replace('-', ""));
    format!("{first17}{}", idcard::check_char(&first17))
}

fn without_no(name: &str, id: &str, unit: i64) -> PersonInput {
    PersonInput {
        employee_no: None,
        id_number: Some(id.into()),
        gender: None,
        birth_date: None,
        ..person_input("x", name, unit)
    }
}

#[test]
fn a_person_without_employee_no_is_known_by_id_number() {
    let mut t = TestDb::new();
    let unit = t.unit("城关供电所", None);
    let id = id_number("1985-03-12", "001");
    let zhang = t
        .write(|tx| people::add(tx, without_no("张三", &id, unit)))
        .unwrap();
    let p = people::get(t.db.conn(), zhang).unwrap();
    assert_eq!(p.employee_no, None);
    assert_eq!(p.who(), "张三");
    assert_eq!(p.birth_date, date("1985-03-12"));
    // Found by the ID number (also typed in lower case / with spaces), not by a made-up 工号.
    assert_eq!(people::by_key(t.db.conn(), &id).unwrap().id, zhang);
    let spaced = format!(" {} ", id.to_lowercase());
    assert_eq!(people::by_key(t.db.conn(), &spaced).unwrap().id, zhang);
    let other = id_number("1990-01-01", "002");
    let err = people::by_key(t.db.conn(), &other).unwrap_err().to_string();
    assert!(err.starts_with("未找到身份证号“"), "{err}");
    assert!(!err.contains(&other), "the message masks the number: {err}");

    // Neither 工号 nor 身份证号: refused, naming both.
    let err = t
        .write(|tx| {
            people::add(
                tx,
                PersonInput {
                    employee_no: None,
                    ..person_input("x", "李四", unit)
                },
            )
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "工号：工号和身份证号至少填一项（没有工号的职工按身份证号识别）"
    );
    // The same ID number twice: named by the holder, who has no 工号.
    let err = t
        .write(|tx| people::add(tx, without_no("张叁", &id, unit)))
        .unwrap_err();
    assert_eq!(err.to_string(), "该身份证号已登记在 张三名下");
    // Two people without 工号 may coexist (NULL is not a duplicate).
    t.write(|tx| people::add(tx, without_no("王五", &other, unit)))
        .unwrap();
    let list = people::list(t.db.conn(), &Default::default(), 0, 10).unwrap();
    assert_eq!(list.total, 2);
}

#[test]
fn the_kiosk_takes_an_id_number_or_its_last_six_characters() {
    let mut t = TestDb::new();
    let unit = t.unit("城关供电所", None);
    let id_zhang = id_number("1985-03-12", "001");
    let id_li = id_number("1986-07-01", "023");
    let zhang = t
        .write(|tx| people::add(tx, without_no("张三", &id_zhang, unit)))
        .unwrap();
    let li = t
        .write(|tx| people::add(tx, without_no("李四", &id_li, unit)))
        .unwrap();
    let a = t.activity("专题讲座", "2026-12-08 09:00");
    t.write(|tx| attendance::invite(tx, a, &[], None, &[zhang]))
        .unwrap();
    let conn = t.db.conn();
    assert_eq!(
        attendance::find_attendee(conn, a, &id_zhang).unwrap(),
        zhang
    );
    assert_eq!(
        attendance::find_attendee(conn, a, &id_zhang[12..]).unwrap(),
        zhang
    );
    // The last six of someone not invited are not enough (they could be anyone's).
    assert!(attendance::find_attendee(conn, a, &id_li[12..]).is_err());
    // The full number of someone not invited finds them (a walk-in can then be offered).
    assert_eq!(attendance::find_attendee(conn, a, &id_li).unwrap(), li);
    let r = t
        .write(|tx| attendance::check_in_by_key(tx, a, &id_zhang, time("2026-12-08 08:50"), false))
        .unwrap();
    assert!(r.message().contains("张三"), "{}", r.message());
}

#[test]
fn titles_are_kept_as_written_and_counted_by_their_level() {
    let mut t = TestDb::new();
    let unit = t.unit("城关供电所", None);
    for (i, title) in ["高级工程师", "高级政工师", "政工师", "技术员", "经济师"]
        .iter()
        .enumerate()
    {
        let input = PersonInput {
            professional_title: Some((*title).into()),
            ..person_input(&format!("{}", 10001 + i), "职工", unit)
        };
        let id = t.write(|tx| people::add(tx, input)).unwrap();
        let p = people::get(t.db.conn(), id).unwrap();
        assert_eq!(p.professional_title.as_deref(), Some(*title));
    }
    let p = people::by_key(t.db.conn(), "10001").unwrap();
    assert_eq!(p.title_level.map(|l| l.label()), Some("副高级"));
    let s = structure::snapshot(
        t.db.conn(),
        &StructureQuery {
            unit_id: None,
            population: Population::All,
            as_of: date("2026-11-30"),
        },
    )
    .unwrap();
    let count = |label: &str| {
        s.professional_title
            .iter()
            .find(|x| x.label == label)
            .map_or(0, |x| x.count)
    };
    assert_eq!((count("副高级"), count("中级"), count("初级")), (2, 2, 1));
    let err = t
        .write(|tx| {
            people::add(
                tx,
                PersonInput {
                    professional_title: Some("班长".into()),
                    ..person_input("10099", "职工", unit)
                },
            )
        })
        .unwrap_err();
    assert!(
        err.to_string().starts_with("职称：“班长”看不出级别"),
        "{err}"
    );
}

#[test]
fn migration_3_keeps_people_and_their_attendance_and_names_old_title_levels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        for (i, m) in qungong::db::MIGRATIONS.iter().enumerate().take(2) {
            conn.execute_batch(m).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO unit (id, uid, name, kind, created_at)
                 VALUES (1, 'u1', '城关供电所', 'station', '2026-01-01 08:00:00');
             INSERT INTO person (id, uid, employee_no, name, name_initials, gender, birth_date,
                                 professional_title, unit_id, created_at, updated_at)
                 VALUES (1, 'p1', '10001', '张三', 'zs', '1', '1980-05-06', '2', 1,
                         '2026-01-01 08:00:00', '2026-01-01 08:00:00'),
                        (2, 'p2', '10002', '李四', 'ls', '2', '1990-05-06', NULL, 1,
                         '2026-01-01 08:00:00', '2026-01-01 08:00:00');
             INSERT INTO activity (id, uid, kind, mode, title, starts_at, ends_at, status,
                                   late_grace_minutes, created_at, updated_at)
                 VALUES (1, 'a1', 'lecture', 'offline', '讲座', '2026-03-10 09:00:00',
                         '2026-03-10 11:00:00', 'held', 10, '2026-01-01 08:00:00',
                         '2026-01-01 08:00:00');
             INSERT INTO attendance (activity_id, person_id, invited, status, checked_in_at)
                 VALUES (1, 1, 1, 'present', '2026-03-10 08:55:00');",
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert!(db.schema_version().unwrap() >= 3);
    let p = people::get(db.conn(), 1).unwrap();
    assert_eq!(p.professional_title.as_deref(), Some("副高级"));
    assert_eq!(p.gender, Gender::Male);
    assert_eq!(people::get(db.conn(), 2).unwrap().professional_title, None);
    let fk: i64 = db
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are back on after migrating");
    let broken: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let history = attendance::person_attendance(
        db.conn(),
        1,
        &attendance::RateQuery {
            from: date("2026-01-01"),
            to: date("2026-12-31"),
            unit_id: None,
            kinds: Vec::new(),
        },
    )
    .unwrap();
    assert_eq!(history.rows.len(), 1);
    // The table still refuses a person with neither key.
    let err = db
        .conn()
        .execute(
            "INSERT INTO person (uid, name, name_initials, gender, birth_date, unit_id, created_at,
                                 updated_at)
             VALUES ('p3', '王五', 'ww', '1', '1980-01-01', 1, 'x', 'x')",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
}
