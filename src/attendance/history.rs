//! One person's attendance over a period: every held activity they were on the list of (or
//! walked into), newest first, with the period's counts and 出勤率.
//!
//! The counts come from the same query as [`super::rates_by_person`], so the person page and
//! the 出勤率 table can never disagree; the rows only add the detail behind them.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::rates::{person_counts, settled};
use super::{Counts, RateQuery};
use crate::codes::{ActivityKind, AttendanceStatus};
use crate::error::Result;
use crate::people;

/// One activity in a person's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryRow {
    pub activity_id: i64,
    pub title: String,
    pub kind: ActivityKind,
    pub starts_at: NaiveDateTime,
    /// The organising unit's name, if one was set.
    pub organizer_name: Option<String>,
    /// false: came without being on the list (not part of the rate).
    pub invited: bool,
    pub status: Option<AttendanceStatus>,
    /// 出席 / 迟到 / 请假 / 缺席, or 未签到 while the activity's day is not over.
    pub status_label: &'static str,
    pub checked_in_at: Option<NaiveDateTime>,
    pub leave_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonAttendance {
    pub person_id: i64,
    /// Over the period, by the rules of [`super::rates_by_person`] (all zero when nothing counts).
    pub counts: Counts,
    /// Newest first.
    pub rows: Vec<HistoryRow>,
}

/// A person's held activities in `q`'s period (`q.unit_id` is ignored: the person is the
/// filter). People who have left keep their history.
pub fn person_attendance(
    conn: &Connection,
    person_id: i64,
    q: &RateQuery,
) -> Result<PersonAttendance> {
    q.check()?;
    people::get(conn, person_id)?;
    let counts = person_counts(conn, q, Some(person_id))?
        .remove(&person_id)
        .unwrap_or_default();
    let (from, end) = q.bounds();
    let today = crate::db::today().to_string();
    // Rows still pending (未签到 of an activity whose day is not over) are shown but, as in
    // every rate, not counted: the `settled` column tells them apart.
    let mut stmt = conn.prepare_cached(&history_sql(&q.kind_clause()))?;
    let rows = stmt
        .query_map(params![from, end, today, person_id], |r| {
            let status: Option<AttendanceStatus> = r.get(6)?;
            let day_over: bool = r.get(9)?;
            Ok(HistoryRow {
                activity_id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                starts_at: r.get(3)?,
                organizer_name: r.get(4)?,
                invited: r.get(5)?,
                status,
                status_label: match status {
                    Some(s) => s.label(),
                    None if day_over => AttendanceStatus::Absent.label(),
                    None => "未签到",
                },
                checked_in_at: r.get(7)?,
                leave_reason: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PersonAttendance {
        person_id,
        counts,
        rows,
    })
}

/// The history rows of person ?4 from ?1 to ?2 (exclusive), today ?3: through the person's
/// `attendance_person` entries, each activity by its id (`CROSS JOIN` keeps that order), so a
/// person page reads their ~100 rows, never the period's.
/// `kinds` is [`RateQuery::kind_clause`].
pub(crate) fn history_sql(kinds: &str) -> String {
    format!(
        "SELECT a.id, a.title, a.kind, a.starts_at, u.name, t.invited, t.status,
                t.checked_in_at, t.leave_reason, {}
           FROM attendance t CROSS JOIN activity a ON a.id = t.activity_id
           LEFT JOIN unit u ON u.id = a.organizer_unit_id
          WHERE a.status = 'held' AND t.person_id = ?4
            AND a.starts_at >= ?1 AND a.starts_at < ?2{kinds}
          ORDER BY a.starts_at DESC, a.id DESC",
        settled(3)
    )
}
