//! A person's page: their attendance history over a period, and a rate that is the one the
//! 出勤率 table shows for them.
mod common;

use common::{TestDb, date, time};
use qungong::attendance::{self, RateQuery};
use qungong::codes::AttendanceStatus;
use qungong::people;

fn march() -> RateQuery {
    RateQuery {
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        unit_id: None,
        kinds: Vec::new(),
    }
}

/// | activity  | 张三             | 李四           |
/// |-----------|-----------------|----------------|
/// | A 03-10   | 出席             | 请假（年休假）   |
/// | B 03-20   | 迟到             | 出席           |
/// | C 03-25   | walk-in 出席     | 缺席（未签）     |
/// | D 03-28   | planned: not shown             |
/// | E 04-02   | 缺席 (outside March)            |
struct Data {
    t: TestDb,
    zhang: i64,
    li: i64,
    ids: [i64; 5],
}

fn data() -> Data {
    let mut t = TestDb::new();
    let station = t.unit("城关供电所", None);
    let zhang = t.person("10001", "张三", station);
    let li = t.person("10002", "李四", station);
    let a = t.activity("A", "2026-03-10 09:00");
    let b = t.activity("B", "2026-03-20 09:00");
    let c = t.activity("C", "2026-03-25 09:00");
    let d = t.activity("D", "2026-03-28 09:00");
    let e = t.activity("E", "2026-04-02 09:00");
    t.write(|tx| {
        use AttendanceStatus::*;
        attendance::invite_people(tx, a, &[zhang, li])?;
        attendance::invite_people(tx, b, &[zhang, li])?;
        attendance::invite_people(tx, c, &[li])?;
        attendance::invite_people(tx, d, &[zhang])?;
        attendance::invite_people(tx, e, &[zhang])?;
        attendance::check_in(tx, a, zhang, time("2026-03-10 08:55"), false)?;
        attendance::set_status(
            tx,
            a,
            li,
            Some(Leave),
            Some("年休假"),
            time("2026-03-10 08:00"),
        )?;
        attendance::check_in(tx, b, zhang, time("2026-03-20 09:40"), false)?;
        attendance::check_in(tx, b, li, time("2026-03-20 08:50"), false)?;
        attendance::check_in(tx, c, zhang, time("2026-03-25 09:00"), true)?;
        attendance::set_status(tx, e, zhang, Some(Absent), None, time("2026-04-02 09:00"))?;
        Ok(())
    })
    .unwrap();
    Data {
        t,
        zhang,
        li,
        ids: [a, b, c, d, e],
    }
}

fn rate_of(d: &Data, person: i64) -> attendance::Counts {
    attendance::rates_by_person(d.t.db.conn(), &march())
        .unwrap()
        .into_iter()
        .find(|r| r.person_id == person)
        .unwrap()
        .counts
}

#[test]
fn history_is_newest_first_with_statuses_and_the_periods_counts() {
    let d = data();
    let [a, b, c, ..] = d.ids;
    let h = attendance::person_attendance(d.t.db.conn(), d.zhang, &march()).unwrap();
    let got: Vec<(i64, &str, bool)> = h
        .rows
        .iter()
        .map(|r| (r.activity_id, r.status_label, r.invited))
        .collect();
    assert_eq!(
        got,
        [(c, "出席", false), (b, "迟到", true), (a, "出席", true)]
    );
    assert_eq!(h.rows[1].checked_in_at, Some(time("2026-03-20 09:40")));
    assert_eq!(h.rows[0].title, "C");
    assert_eq!(
        (
            h.counts.invited,
            h.counts.attended,
            h.counts.late,
            h.counts.walk_ins
        ),
        (2, 2, 1, 1)
    );
    assert_eq!(h.counts.rate, Some(1.0));
}

#[test]
fn the_rate_equals_the_one_in_the_rates_table() {
    let d = data();
    for person in [d.zhang, d.li] {
        let h = attendance::person_attendance(d.t.db.conn(), person, &march()).unwrap();
        assert_eq!(h.counts, rate_of(&d, person));
    }
    let li = attendance::person_attendance(d.t.db.conn(), d.li, &march()).unwrap();
    assert_eq!(li.counts.rate_text(), "50.0%（1/2）");
}

#[test]
fn leave_reasons_and_absences_are_shown() {
    let d = data();
    let [a, _, c, ..] = d.ids;
    let h = attendance::person_attendance(d.t.db.conn(), d.li, &march()).unwrap();
    let got: Vec<(i64, &str, Option<&str>)> = h
        .rows
        .iter()
        .map(|r| (r.activity_id, r.status_label, r.leave_reason.as_deref()))
        .collect();
    assert_eq!(got[0], (c, "缺席", None), "not checked in, the day over");
    assert_eq!(got[2], (a, "请假", Some("年休假")));
}

#[test]
fn people_who_left_keep_their_history() {
    let mut d = data();
    let li = d.li;
    d.t.write(|tx| people::leave(tx, li, date("2026-05-01"), Some("调出")))
        .unwrap();
    let h = attendance::person_attendance(d.t.db.conn(), li, &march()).unwrap();
    assert_eq!(h.rows.len(), 3);
    assert_eq!(h.counts, rate_of(&d, li));
}

#[test]
fn an_empty_period_has_no_rate_and_bad_input_is_refused() {
    let d = data();
    let q = RateQuery {
        from: date("2025-01-01"),
        to: date("2025-12-31"),
        unit_id: None,
        kinds: Vec::new(),
    };
    let h = attendance::person_attendance(d.t.db.conn(), d.zhang, &q).unwrap();
    assert!(h.rows.is_empty());
    assert_eq!(h.counts.rate, None);
    let backwards = RateQuery {
        from: date("2026-03-31"),
        to: date("2026-03-01"),
        unit_id: None,
        kinds: Vec::new(),
    };
    assert!(attendance::person_attendance(d.t.db.conn(), d.zhang, &backwards).is_err());
    assert!(attendance::person_attendance(d.t.db.conn(), 9999, &march()).is_err());
}

#[test]
fn someone_who_may_still_come_today_is_shown_but_not_counted() {
    let mut d = data();
    let (zhang, li) = (d.zhang, d.li);
    let today = qungong::db::today();
    let start = today.and_hms_opt(0, 0, 0).unwrap();
    let f =
        d.t.activity("今天的讲座", &start.format("%Y-%m-%d %H:%M").to_string());
    d.t.write(|tx| {
        attendance::invite_people(tx, f, &[zhang, li])?;
        attendance::check_in(tx, f, zhang, start + chrono::Duration::minutes(10), false)?;
        Ok(())
    })
    .unwrap();
    let q = RateQuery {
        from: today,
        to: today,
        unit_id: None,
        kinds: Vec::new(),
    };
    let h = attendance::person_attendance(d.t.db.conn(), li, &q).unwrap();
    assert_eq!(h.rows.len(), 1);
    assert_eq!(h.rows[0].status_label, "未签到");
    assert_eq!(h.counts.invited, 0, "not counted until the day is over");
    assert_eq!(h.counts.rate, None);
    let rates = attendance::rates_by_person(d.t.db.conn(), &q).unwrap();
    assert!(rates.iter().all(|r| r.person_id != li));
}
