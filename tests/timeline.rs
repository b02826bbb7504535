//! Issue 12: the statistics over a period read each person's year as one row (the attendance
//! timelines of migration 0007), kept by the writes. Whatever is written — by the core's own
//! functions, by SQL inside a transaction, or by SQL outside one that no refresh follows — the
//! figures must equal those computed from the attendance rows themselves.
mod common;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use common::TestDb;
use qungong::attendance::{self, RateQuery};
use qungong::codes::AttendanceStatus;
use qungong::{Actor, demo};

/// Per person, from the rows: [invited, present, late, leave, absent (incl. pending whose day
/// is over), walk-ins], and (longest, current) run of absences, as the rates define them.
struct FromRows {
    sums: HashMap<i64, [i64; 6]>,
    runs: HashMap<i64, (u32, u32)>,
}

fn from_rows(conn: &rusqlite::Connection, q: &RateQuery, today: NaiveDate) -> FromRows {
    let end = (q.to + Duration::days(1)).to_string();
    let kinds: Vec<String> = q.kinds.iter().map(|k| format!("'{}'", k.code())).collect();
    let kind_clause = if kinds.is_empty() {
        String::new()
    } else {
        format!(" AND a.kind IN ({})", kinds.join(","))
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT t.person_id, t.invited, t.status
               FROM activity a JOIN attendance t ON t.activity_id = a.id
              WHERE a.status = 'held'
                AND (t.status IS NOT NULL OR date(a.ends_at, '-1 seconds') < ?3)
                AND a.starts_at >= ?1 AND a.starts_at < ?2{kind_clause}
              ORDER BY a.starts_at, a.id"
        ))
        .unwrap();
    let mut rows = stmt
        .query(rusqlite::params![
            q.from.to_string(),
            end,
            today.to_string()
        ])
        .unwrap();
    let mut sums: HashMap<i64, [i64; 6]> = HashMap::new();
    let mut runs: HashMap<i64, (u32, u32)> = HashMap::new();
    while let Some(r) = rows.next().unwrap() {
        let person: i64 = r.get(0).unwrap();
        let invited: bool = r.get(1).unwrap();
        let status: Option<String> = r.get(2).unwrap();
        let s = sums.entry(person).or_default();
        let run = runs.entry(person).or_default();
        if !invited {
            s[5] += 1;
            run.1 = 0;
            continue;
        }
        s[0] += 1;
        match status.as_deref() {
            Some("present") => s[1] += 1,
            Some("late") => s[2] += 1,
            Some("leave") => s[3] += 1,
            _ => s[4] += 1,
        }
        if matches!(status.as_deref(), None | Some("absent")) {
            run.1 += 1;
            run.0 = run.0.max(run.1);
        } else {
            run.1 = 0;
        }
    }
    FromRows { sums, runs }
}

/// Every figure the timelines give for `q` equals the one from the rows.
fn assert_agree(conn: &rusqlite::Connection, q: &RateQuery, what: &str) {
    let today = qungong::db::today();
    let expected = from_rows(conn, q, today);
    let by_person = attendance::rates_by_person(conn, q).unwrap();
    let got: HashMap<i64, [i64; 6]> = by_person
        .iter()
        .map(|p| {
            let c = &p.counts;
            (
                p.person_id,
                [c.invited, c.present, c.late, c.leave, c.absent, c.walk_ins],
            )
        })
        .collect();
    let mut differ: Vec<_> = expected
        .sums
        .iter()
        .filter(|(id, sums)| got.get(id) != Some(sums))
        .map(|(id, sums)| (*id, *sums, got.get(id).copied()))
        .collect();
    differ.sort();
    differ.truncate(5);
    assert!(
        differ.is_empty() && got.len() == expected.sums.len(),
        "{what}: rates by person differ from the rows (person, rows, timelines): {differ:?}; \
         {} people against {}",
        got.len(),
        expected.sums.len()
    );

    // The whole tree's total, and the by-kind table's, are the sum over everyone.
    let total: [i64; 6] = expected.sums.values().fold([0; 6], |mut t, s| {
        for i in 0..6 {
            t[i] += s[i];
        }
        t
    });
    // [invited, present, late, leave, absent, walk-ins] summed over the top rows.
    let sum = |rows: &mut dyn Iterator<Item = &attendance::Counts>| {
        let c = rows.fold(attendance::Counts::default(), |mut acc, c| {
            acc.add(c);
            acc
        });
        [c.invited, c.present, c.late, c.leave, c.absent, c.walk_ins]
    };
    let units = attendance::rates_by_unit(conn, q).unwrap();
    assert_eq!(
        sum(&mut units.iter().filter(|u| u.depth == 0).map(|u| &u.counts)),
        total,
        "{what}: rates by unit, whole tree"
    );
    let kinds = attendance::rates_by_kind(conn, q).unwrap();
    assert_eq!(
        sum(&mut kinds
            .rows
            .iter()
            .filter(|r| r.depth == 0)
            .map(|r| &r.counts)),
        total,
        "{what}: 按活动类型, every unit and the unassigned row"
    );

    let runs: HashMap<i64, (u32, u32)> = attendance::absence_runs(conn, q, 2)
        .unwrap()
        .into_iter()
        .map(|r| (r.person_id, (r.longest, r.current)))
        .collect();
    let expected_runs: HashMap<i64, (u32, u32)> = expected
        .runs
        .into_iter()
        .filter(|(_, (longest, _))| *longest >= 2)
        .collect();
    assert_eq!(runs, expected_runs, "{what}: runs of absences");
}

fn queries(today: NaiveDate) -> Vec<(&'static str, RateQuery)> {
    use chrono::Datelike;
    let year = today.year();
    let jan1 = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    let dec31 = |y| NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
    vec![
        ("本年", RateQuery::new(jan1(year), dec31(year), None)),
        (
            "上一年",
            RateQuery::new(jan1(year - 1), dec31(year - 1), None),
        ),
        (
            "近 365 天（跨两年）",
            RateQuery::new(today - Duration::days(365), today, None),
        ),
        (
            "前后 30 天（有尚未结束的活动）",
            RateQuery::new(today - Duration::days(30), today + Duration::days(30), None),
        ),
        (
            "本年，专题讲座与座谈",
            RateQuery {
                kinds: vec![
                    qungong::codes::ActivityKind::Lecture,
                    qungong::codes::ActivityKind::Forum,
                ],
                ..RateQuery::new(jan1(year - 1), dec31(year), None)
            },
        ),
    ]
}

fn assert_all_agree(conn: &rusqlite::Connection, when: &str) {
    for (name, q) in queries(qungong::db::today()) {
        assert_agree(conn, &q, &format!("{when}, {name}"));
    }
}

fn dirty(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM attendance_timeline_dirty", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn the_timelines_follow_every_kind_of_write() {
    let mut t = TestDb::new();
    let today = qungong::db::today();
    t.write(|tx| demo::generate(tx, demo::Scale::Branch, 1, today))
        .unwrap();
    let stored: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM attendance_timeline", [], |r| r.get(0))
            .unwrap();
    assert!(stored > 300, "the demo's people have timelines: {stored}");
    assert_eq!(dirty(t.db.conn()), 0, "the write made them all");
    assert_all_agree(t.db.conn(), "after the demo");

    // A held activity of this year with invitees of several statuses.
    let conn = t.db.conn();
    let (held, person, other): (i64, i64, i64) = conn
        .query_row(
            "SELECT a.id, min(t.person_id), max(t.person_id)
               FROM activity a JOIN attendance t ON t.activity_id = a.id
              WHERE a.status = 'held' AND a.starts_at >= ?1 AND a.starts_at < ?2
              GROUP BY a.id HAVING count(*) > 3 ORDER BY a.starts_at DESC LIMIT 1",
            [
                (today - Duration::days(200)).to_string(),
                (today - Duration::days(2)).to_string(),
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let now = qungong::db::now();

    // The core's own writes.
    t.write(|tx| {
        attendance::set_status(
            tx,
            held,
            person,
            Some(AttendanceStatus::Leave),
            Some("抢修"),
            now,
        )
    })
    .unwrap();
    t.write(|tx| attendance::set_status(tx, held, other, None, None, now))
        .unwrap();
    assert_eq!(dirty(t.db.conn()), 0);
    assert_all_agree(t.db.conn(), "after 请假 and a status cleared");

    // SQL inside a transaction: an activity moved into the year before, another cancelled,
    // one changed kind, one deleted with its rows, a row's person changed, a walk-in added.
    t.write(|tx| {
        tx.execute_batch(&format!(
            "UPDATE activity SET starts_at = '{y}-12-30 09:00:00', ends_at = '{y}-12-30 11:00:00'
              WHERE id = {held};
             UPDATE activity SET status = 'cancelled'
              WHERE id = (SELECT max(id) FROM activity WHERE status = 'held' AND id <> {held});
             UPDATE activity SET kind = 'song_contest'
              WHERE id = (SELECT min(id) FROM activity WHERE status = 'held' AND kind <> 'song_contest');
             DELETE FROM activity WHERE id = (SELECT min(a.id) FROM activity a
               WHERE a.status = 'held' AND a.id <> {held}
                 AND EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = a.id));
             UPDATE attendance SET person_id = {person}
              WHERE activity_id = (SELECT min(activity_id) FROM attendance WHERE person_id = {other}
                                    AND activity_id NOT IN (SELECT activity_id FROM attendance
                                                             WHERE person_id = {person}))
                AND person_id = {other};
             INSERT OR IGNORE INTO attendance (activity_id, person_id, invited, status)
               SELECT id, {other}, 0, 'present' FROM activity WHERE status = 'held' LIMIT 3;",
            y = chrono::Datelike::year(&today) - 1,
        ))?;
        Ok(())
    })
    .unwrap();
    assert_eq!(dirty(t.db.conn()), 0);
    assert_all_agree(t.db.conn(), "after SQL in a transaction");

    // SQL outside any transaction: nothing makes the timelines again, the readers compute
    // the dirty ones from the rows.
    t.db.conn()
        .execute_batch(&format!(
            "UPDATE attendance SET status = 'absent' WHERE person_id = {person};
             UPDATE activity SET status = 'held' WHERE status = 'planned'
                AND starts_at < '{today}';"
        ))
        .unwrap();
    assert!(dirty(t.db.conn()) > 0, "the triggers listed what changed");
    assert_all_agree(t.db.conn(), "after SQL outside a transaction");

    // Opening the file makes them again.
    let path = t.db.path().to_path_buf();
    t.db = qungong::Db::open(&path).unwrap();
    assert_eq!(dirty(t.db.conn()), 0, "the open made them");
    assert_all_agree(t.db.conn(), "after reopening");

    // And a person removed with their rows leaves no timeline behind.
    t.db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        tx.execute_batch(&format!(
            "DELETE FROM attendance WHERE person_id = {other};"
        ))?;
        Ok(())
    })
    .unwrap();
    let left: i64 =
        t.db.conn()
            .query_row(
                "SELECT count(*) FROM attendance_timeline WHERE person_id = ?1",
                [other],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(left, 0);
    assert_all_agree(t.db.conn(), "after a person's rows were deleted");
}

/// A file of the version before the timelines (6) gets them all when it is first opened.
#[test]
fn an_older_file_gets_its_timelines_when_opened() {
    let mut t = TestDb::new();
    let today = qungong::db::today();
    t.write(|tx| demo::generate(tx, demo::Scale::Branch, 1, today))
        .unwrap();
    // As version 6 left it: no timelines (the migration then lists everything as dirty).
    t.db.conn()
        .execute_batch(
            "DELETE FROM attendance_timeline;
             INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
               SELECT DISTINCT t.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
                 FROM attendance t JOIN activity a ON a.id = t.activity_id;",
        )
        .unwrap();
    assert_all_agree(t.db.conn(), "dirty, read from the rows");
    let path = t.db.path().to_path_buf();
    t.db = qungong::Db::open(&path).unwrap();
    assert_eq!(dirty(t.db.conn()), 0);
    assert_all_agree(t.db.conn(), "made on open");
}
