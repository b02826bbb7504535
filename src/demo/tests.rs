use super::*;
use crate::{Actor, Db};

fn today() -> NaiveDate {
    ymd(2025, 11, 24)
}

fn digest(db: &Db) -> String {
    let q = |sql: &str| -> String {
        db.conn()
            .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .unwrap_or_default()
    };
    [
        q("SELECT group_concat(id || name || kind || ifnull(parent_id, '') || sort_order, '|') FROM (SELECT * FROM unit ORDER BY id)"),
        q("SELECT group_concat(id || employee_no || name || name_initials || gender || birth_date || ifnull(id_number, '')
             || ifnull(phone, '') || ifnull(position, '') || unit_id || ifnull(hire_date, '') || ifnull(left_date, '')
             || political_status || education || political_cadre || reserve_talent, '|')
           FROM (SELECT * FROM person ORDER BY id)"),
        q("SELECT group_concat(id || kind || mode || title || starts_at || ends_at || ifnull(place, '') || ifnull(online_meeting, '')
             || ifnull(organizer_unit_id, '') || ifnull(host, '') || ifnull(description, '') || status || ifnull(summary, ''), '|')
           FROM (SELECT * FROM activity ORDER BY id)"),
        q("SELECT group_concat(activity_id || ':' || person_id || invited || ifnull(status, '-') || ifnull(checked_in_at, '')
             || ifnull(leave_reason, ''), '|')
           FROM (SELECT * FROM attendance ORDER BY activity_id, person_id)"),
        q("SELECT group_concat(id || received_on || source || ifnull(activity_id, '') || ifnull(visit_id, '')
             || ifnull(talk_id, '') || raiser_kind || ifnull(raiser_id, '') || category_id || content || status
             || deadline || ifnull(replied_on, '') || ifnull(closed_on, '') || ifnull(satisfaction, ''), '|')
           FROM (SELECT * FROM concern ORDER BY id)"),
        q("SELECT group_concat(id || talked_on || talker_id || person_id || kind || follow_up, '|')
           FROM (SELECT * FROM talk ORDER BY id)"),
        q("SELECT group_concat(id || visited_on || leader_id || unit_id, '|')
           FROM (SELECT * FROM contact_visit ORDER BY id)"),
        q("SELECT group_concat(id || observed_at || level || trend || ifnull(reported_at, ''), '|')
           FROM (SELECT * FROM opinion ORDER BY id)"),
    ]
    .join("\n")
}

fn branch_db(dir: &tempfile::TempDir, file: &str, seed: u64) -> (Db, DemoSummary) {
    let mut db = Db::open(dir.path().join(file)).unwrap();
    let summary = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
        generate(tx, Scale::Branch, seed, today())
    })
    .unwrap();
    (db, summary)
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn scale_parses_with_a_chinese_error() {
    assert_eq!("branch".parse::<Scale>().unwrap(), Scale::Branch);
    assert_eq!(" City ".parse::<Scale>().unwrap(), Scale::City);
    assert_eq!(
        "town".parse::<Scale>().unwrap_err(),
        "规模只能是 branch（约 300 人）或 city（约 10000 人）"
    );
}

#[test]
fn branch_is_deterministic_and_plausible() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (db1, s1) = branch_db(&dir, "a.db", 7);
    eprintln!("branch: {s1:?} in {:?}", started.elapsed());
    let (db2, s2) = branch_db(&dir, "b.db", 7);
    assert_eq!(digest(&db1), digest(&db2));
    assert_eq!(s1.attendance_rows, s2.attendance_rows);
    let (db3, _) = branch_db(&dir, "c.db", 8);
    assert_ne!(digest(&db1), digest(&db3));

    let db = &db1;
    assert_eq!(count(db, "SELECT count(*) FROM unit") as usize, s1.units);
    assert_eq!(count(db, "SELECT count(*) FROM person") as usize, s1.people);
    assert_eq!(
        count(db, "SELECT count(*) FROM activity") as usize,
        s1.activities
    );
    assert_eq!(
        count(db, "SELECT count(*) FROM attendance") as usize,
        s1.attendance_rows
    );
    assert!((20..=40).contains(&s1.units), "{s1:?}");
    assert!((250..=350).contains(&s1.people), "{s1:?}");
    assert!(s1.activities > 300, "{s1:?}");
    assert!(count(db, "SELECT count(*) FROM attendance WHERE invited = 0") > 0);
    // 党群沟通: every kind of record, concerns in every status, a few overdue and reopened,
    // contact points partly unvisited this quarter, 重大 entries all reported in time.
    assert_eq!(
        count(db, "SELECT count(*) FROM concern") as usize,
        s1.concerns
    );
    assert_eq!(count(db, "SELECT count(*) FROM talk") as usize, s1.talks);
    assert_eq!(
        count(db, "SELECT count(*) FROM contact_visit") as usize,
        s1.visits
    );
    assert_eq!(
        count(db, "SELECT count(*) FROM opinion") as usize,
        s1.opinions
    );
    assert!(
        s1.concerns >= 20 && s1.talks >= 80 && s1.visits >= 10,
        "{s1:?}"
    );
    for status in ["received", "in_progress", "replied", "closed"] {
        assert!(
            count(
                db,
                &format!("SELECT count(*) FROM concern WHERE status = '{status}'")
            ) > 0,
            "{status}"
        );
    }
    assert!(
        count(
            db,
            "SELECT count(*) FROM concern_step WHERE step = '重新办理'"
        ) > 0
    );
    let now = today().and_hms_opt(12, 0, 0).unwrap();
    assert!(
        crate::voice::opinion::unreported(db.conn(), now)
            .unwrap()
            .is_empty()
    );
    let board = crate::dashboard::overview(db.conn(), now).unwrap();
    assert!(board.concerns_open > 0, "{}", board.concerns_open);
    assert!(!board.unvisited_points.is_empty());
    assert_eq!(count(db, "SELECT count(*) FROM opinion_report"), 1);
    // Titles as rosters write them, every one with a level the structure figures can count.
    let titles: Vec<String> = db
        .conn()
        .prepare("SELECT DISTINCT professional_title FROM person")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(titles.iter().any(|t| t == "高级政工师"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "技术员"), "{titles:?}");
    assert!(
        titles.iter().all(|t| crate::titles::level_of(t).is_some()),
        "{titles:?}"
    );
    assert!(
        count(
            db,
            "SELECT count(*) FROM attendance WHERE status = 'leave' AND leave_reason IS NOT NULL"
        ) > 0
    );
    assert!(
        count(
            db,
            "SELECT count(*) FROM person WHERE left_date IS NOT NULL"
        ) > 0
    );
    assert!(count(db, "SELECT count(*) FROM activity WHERE status = 'planned'") > 0);
    assert!(
        count(
            db,
            "SELECT count(*) FROM activity WHERE series_uid IS NOT NULL"
        ) > 0
    );
    // Planned and cancelled activities have invitees but nobody has checked in.
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                   WHERE v.status <> 'held' AND (a.status IS NOT NULL OR a.invited = 0)"
        ),
        0
    );
    assert!(
        count(
            db,
            "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'planned'"
        ) > 0
    );
    // Late means after the grace period; present means not after it.
    assert_eq!(
        count(db, "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                   WHERE a.status = 'late' AND a.checked_in_at <= datetime(v.starts_at, '+10 minutes')"),
        0
    );
    assert_eq!(
        count(db, "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                   WHERE a.status = 'present' AND a.checked_in_at > datetime(v.starts_at, '+10 minutes')"),
        0
    );
    // Nobody is invited before they were hired or on / after the day they left.
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                   JOIN person p ON p.id = a.person_id
                   WHERE date(v.starts_at) < p.hire_date OR date(v.starts_at) >= p.left_date"
        ),
        0
    );
    // … but people who left do appear on earlier lists.
    assert!(
        count(
            db,
            "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id WHERE p.left_date IS NOT NULL"
        ) > 0
    );
    // Rough shape of the attendance.
    let held = count(
        db,
        "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'held' AND a.invited = 1",
    ) as f64;
    let present = count(
        db,
        "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'held' AND a.invited = 1 AND a.status = 'present'",
    ) as f64;
    assert!(
        (0.8..0.92).contains(&(present / held)),
        "present share {}",
        present / held
    );

    let mut stmt = db
        .conn()
        .prepare("SELECT id_number FROM person WHERE id_number IS NOT NULL")
        .unwrap();
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(ids.len() as f64 > s1.people as f64 * 0.9);
    for id in &ids {
        crate::idcard::parse(id).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    // ID numbers agree with the birth date and gender columns.
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM person WHERE id_number IS NOT NULL AND
                   (substr(id_number, 7, 8) <> replace(birth_date, '-', '')
                    OR (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1) <> (gender = '1'))"
        ),
        0
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM person WHERE gender = '1' AND retirement_category IS NOT NULL"
        ),
        0
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM person WHERE gender = '2' AND retirement_category IS NULL"
        ),
        0
    );
    assert_eq!(
        count(
            db,
            "SELECT count(*) FROM person WHERE hire_date < work_start_date"
        ),
        0
    );
}

#[test]
fn refuses_a_database_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = branch_db(&dir, "t.db", 7);
    let err = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
        generate(tx, Scale::Branch, 7, today())
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "数据库：已有数据，演示数据只能写入空数据库"
    );
}

/// `cargo test --release demo -- --ignored --nocapture`
#[test]
#[ignore]
fn city_scale_timing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("city.db")).unwrap();
    let started = std::time::Instant::now();
    let s = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
        generate(tx, Scale::City, 7, today())
    })
    .unwrap();
    let elapsed = started.elapsed();
    eprintln!("city: {s:?} in {elapsed:?}");
    let q = |sql: &str| -> f64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    eprintln!(
        "  female {:.1}%, party {:.1}%, cadres {:.1}%, reserve {:.1}%, left {:.1}%, online {:.1}%, hybrid {:.1}%",
        q("SELECT 100.0 * avg(gender = '2') FROM person"),
        q("SELECT 100.0 * avg(political_status = '01') FROM person"),
        q("SELECT 100.0 * avg(political_cadre) FROM person"),
        q("SELECT 100.0 * avg(reserve_talent) FROM person"),
        q("SELECT 100.0 * avg(left_date IS NOT NULL) FROM person"),
        q("SELECT 100.0 * avg(mode = 'online') FROM activity"),
        q("SELECT 100.0 * avg(mode = 'hybrid') FROM activity"),
    );
    assert!((150..=260).contains(&s.units), "{s:?}");
    assert!((9_000..=11_000).contains(&s.people), "{s:?}");
}
