//! Issue 12: every statistics query reads attendance through an index — `attendance_tally`
//! (activity_id, person_id, invited, status) or the primary key from the period's activities, or `attendance_person` for one
//! person — never a scan of the table, which at city scale holds over a million rows. And the
//! rates, now summed in Rust from the period's rows, are exactly the SQL sums they were.
mod common;

use std::collections::HashMap;

use common::TestDb;
use qungong::attendance::{self, RateQuery};
use qungong::{Actor, Db, demo};

/// A real file with the branch-scale demo (about 300 staff, a few years of activities).
fn demo_db() -> TestDb {
    let mut t = TestDb::new();
    t.db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        demo::generate(tx, demo::Scale::Branch, 1, qungong::db::today())
    })
    .unwrap();
    t
}

fn plans(db: &Db) -> HashMap<&'static str, String> {
    attendance::statistics_query_plans(db.conn())
        .unwrap()
        .into_iter()
        .collect()
}

fn scans_attendance(plan: &str) -> bool {
    plan.lines()
        .any(|l| l.contains("SCAN t") || l.contains("SCAN attendance"))
}

fn assert_indexed(plans: &HashMap<&'static str, String>) {
    assert_eq!(
        plans.len(),
        12,
        "every statistics query is listed: {plans:#?}"
    );
    // Neither the list of held activities nor the timelines read attendance at all.
    let no_attendance = [
        "rates by kind: the period's held activities",
        "timelines: a year's (every statistic over a period)",
    ];
    for (name, plan) in plans {
        assert!(!scans_attendance(plan), "{name} scans attendance:\n{plan}");
        assert!(
            plan.lines().any(|l| l.starts_with("SEARCH t USING")) || no_attendance.contains(name),
            "{name} reads attendance through an index:\n{plan}"
        );
        // No query reads the whole activity table either: the period bounds it.
        assert!(
            !plan.lines().any(|l| l.starts_with("SCAN a")),
            "{name} scans activity:\n{plan}"
        );
    }
    // Every statistic over a period reads the period's years of timelines by key.
    assert_eq!(
        plans["timelines: a year's (every statistic over a period)"],
        "SEARCH attendance_timeline USING PRIMARY KEY (year=?)"
    );
    // Made again in bulk: the year's activities in order of start (no sort), then each one's
    // rows' counted columns.
    assert_eq!(
        plans["timelines: a whole year, made again in bulk"]
            .lines()
            .collect::<Vec<_>>(),
        [
            "SEARCH a USING INDEX activity_starts (starts_at>? AND starts_at<?)",
            "SEARCH t USING COVERING INDEX attendance_tally (activity_id=?)",
        ],
    );
    assert_eq!(
        plans["rates by kind: the period's held activities"],
        "SEARCH a USING INDEX activity_starts (starts_at>? AND starts_at<?)"
    );
    for name in [
        "rates: one person's rows (person page)",
        "person history",
        "did-not-attend list: one person's missed rows (a page of the screen)",
        "timelines: one person's year, made again after a write",
    ] {
        let first = plans[name].lines().next().unwrap();
        assert!(
            first.starts_with("SEARCH t USING")
                && first.contains("attendance_person (person_id=?)"),
            "{name} starts from the person's own rows:\n{}",
            plans[name]
        );
    }
    // Over the whole company: the period's activities, then their rows.
    {
        let name = "period counts (工作台)";
        let plan = &plans[name];
        assert!(
            plan.contains("SEARCH a USING INDEX activity_starts")
                && (plan.contains("SEARCH t USING PRIMARY KEY (activity_id=?)")
                    || plan.contains(
                        "SEARCH t USING COVERING INDEX attendance_tally (activity_id=?)"
                    )),
            "{name} reads the period's activities, then their rows:\n{plan}"
        );
    }
    // Over one unit the planner may instead start from the unit's people and their own rows
    // (`attendance_person`); either way an index, as asserted above.
    // The did-not-attend list reads only the rows of those who did not come.
    for name in [
        "did-not-attend list",
        "did-not-attend list, absent only",
        "did-not-attend list of some kinds",
    ] {
        let plan = &plans[name];
        assert!(
            plan.contains("SEARCH a USING INDEX activity_starts")
                && plan.contains("SEARCH t USING COVERING INDEX attendance_missed (activity_id=?)"),
            "{name} reads the missed rows of the period's activities:\n{plan}"
        );
    }
}

#[test]
fn statistics_queries_use_their_indexes() {
    let t = demo_db();
    assert_indexed(&plans(&t.db));
}

/// With statistics gathered (as `PRAGMA optimize` or `ANALYZE` would) the planner knows how
/// big each table is; the plans must not turn into scans then either.
#[test]
fn statistics_queries_use_their_indexes_after_analyze() {
    let t = demo_db();
    t.db.conn().execute_batch("ANALYZE").unwrap();
    assert_indexed(&plans(&t.db));
}

/// The sums as SQL computed them before issue 12 (one GROUP BY over the period's rows): the
/// rates summed in Rust must equal them for everyone, and rank the same.
#[test]
fn rates_equal_the_sql_sums() {
    let t = demo_db();
    let conn = t.db.conn();
    let today = qungong::db::today();
    for q in [
        RateQuery {
            from: today - chrono::Duration::days(365),
            to: today,
            unit_id: None,
            kinds: Vec::new(),
        },
        // Open activities of the coming weeks too: their invitees without a status are left out.
        RateQuery {
            from: today - chrono::Duration::days(30),
            to: today + chrono::Duration::days(30),
            unit_id: None,
            kinds: Vec::new(),
        },
    ] {
        let end = (q.to + chrono::Duration::days(1)).to_string();
        let mut stmt = conn
            .prepare(
                "SELECT t.person_id, sum(t.invited),
                        ifnull(sum(t.invited AND t.status = 'present'), 0),
                        ifnull(sum(t.invited AND t.status = 'late'), 0),
                        ifnull(sum(t.invited AND t.status = 'leave'), 0),
                        ifnull(sum(t.invited AND t.status = 'absent'), 0)
                          + ifnull(sum(t.invited AND t.status IS NULL), 0),
                        sum(NOT t.invited)
                   FROM activity a JOIN attendance t ON t.activity_id = a.id
                  WHERE a.status = 'held'
                    AND (t.status IS NOT NULL OR date(a.ends_at, '-1 seconds') < ?3)
                    AND a.starts_at >= ?1 AND a.starts_at < ?2
                  GROUP BY t.person_id",
            )
            .unwrap();
        let expected: HashMap<i64, [i64; 6]> = stmt
            .query_map(
                rusqlite::params![q.from.to_string(), end, today.to_string()],
                |r| {
                    let mut v = [0i64; 6];
                    for (i, slot) in v.iter_mut().enumerate() {
                        *slot = r.get(i + 1)?;
                    }
                    Ok((r.get(0)?, v))
                },
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            expected.len() > 50,
            "the demo has people with rows: {}",
            expected.len()
        );

        let by_person = attendance::rates_by_person(conn, &q).unwrap();
        assert_eq!(by_person.len(), expected.len());
        for p in &by_person {
            let c = &p.counts;
            assert_eq!(
                [c.invited, c.present, c.late, c.leave, c.absent, c.walk_ins],
                expected[&p.person_id],
                "{} {}",
                p.name,
                p.person_id
            );
            assert_eq!(c.not_checked_in, 0);
            assert_eq!(c.attended, c.present + c.late);
        }
        // Lowest rate first, then by 工号.
        for w in by_person.windows(2) {
            let (ra, rb) = (
                w[0].counts.rate.unwrap_or(f64::INFINITY),
                w[1].counts.rate.unwrap_or(f64::INFINITY),
            );
            assert!(
                ra < rb || (ra == rb && w[0].employee_no <= w[1].employee_no),
                "{:?} before {:?}",
                w[0],
                w[1]
            );
        }

        // The root of the tree by unit sums everyone; each person's page says the same.
        let by_unit = attendance::rates_by_unit(conn, &q).unwrap();
        let invited: i64 = expected.values().map(|v| v[0]).sum();
        let walk_ins: i64 = expected.values().map(|v| v[5]).sum();
        assert_eq!(by_unit[0].depth, 0);
        assert_eq!(by_unit[0].counts.invited, invited);
        assert_eq!(by_unit[0].counts.walk_ins, walk_ins);
        for p in by_person.iter().step_by(37) {
            let page = attendance::person_attendance(conn, p.person_id, &q).unwrap();
            assert_eq!(page.counts, p.counts, "{}", p.name);
        }
    }
}

/// The did-not-attend list, now read through the partial index `attendance_missed`, is the
/// list the plain join over every row gives.
#[test]
fn the_did_not_attend_list_equals_the_plain_join() {
    let t = demo_db();
    let conn = t.db.conn();
    let today = qungong::db::today();
    let q = RateQuery {
        from: today - chrono::Duration::days(365),
        to: today + chrono::Duration::days(30),
        unit_id: None,
        kinds: Vec::new(),
    };
    let end = (q.to + chrono::Duration::days(1)).to_string();
    for include_leave in [true, false] {
        let statuses = if include_leave {
            "'absent', 'leave'"
        } else {
            "'absent'"
        };
        let mut stmt = conn
            .prepare(&format!(
                "SELECT a.id, t.person_id, coalesce(t.status, 'absent'), t.leave_reason
                   FROM activity a JOIN attendance t ON t.activity_id = a.id
                   JOIN person p ON p.id = t.person_id
                  WHERE a.status = 'held'
                    AND (t.status IS NOT NULL OR date(a.ends_at, '-1 seconds') < ?3)
                    AND a.starts_at >= ?1 AND a.starts_at < ?2 AND t.invited = 1
                    AND coalesce(t.status, 'absent') IN ({statuses})
                  ORDER BY a.starts_at, a.id, p.employee_no"
            ))
            .unwrap();
        let expected: Vec<(i64, i64, String, Option<String>)> = stmt
            .query_map(
                rusqlite::params![q.from.to_string(), end, today.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            expected.len() > 20,
            "the demo has absences: {}",
            expected.len()
        );
        let got: Vec<(i64, i64, String, Option<String>)> =
            attendance::absences(conn, &q, include_leave)
                .unwrap()
                .into_iter()
                .map(|a| {
                    (
                        a.activity_id,
                        a.person_id,
                        a.status.code().to_string(),
                        a.leave_reason,
                    )
                })
                .collect();
        assert_eq!(got, expected, "include_leave = {include_leave}");
    }
}
