//! 应到名单 and 签到: who is expected at an activity, who came, and the rates.
//!
//! One `attendance` row per (activity, person). The invitee list is frozen when people are
//! invited: someone who joins the unit later is not on it, so is never "absent" from earlier
//! activities. Status NULL means not checked in (yet): 未签到 while check-in is still open (see
//! [`window`]), 缺席 once the activity has been held and its day is over. 请假 is not 缺席: it
//! leaves the denominator of the rate.
//!
//! Check-in ([`check_in`], the kiosk and the 签到 page) is taken only inside the activity's
//! window; a record made later from a paper sheet is a [`backfill`] (补录), with its own audit
//! action.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

use crate::activities::{self, Activity};
use crate::codes::{ActivityStatus, AttendanceStatus};
use crate::db::Tx;
use crate::error::{ActivityError, AttendanceError, Error, Result};
use crate::people::{self, Person, PersonFilter};
use crate::units;

mod by_kind;
pub mod export;
mod history;
pub mod low_rate;
pub mod meeting_import;
mod missed;
mod rates;
pub mod runs;
mod timeline;
pub mod window;

pub use by_kind::*;
pub use history::*;
pub use missed::{AbsentGroup, AbsentPage, absent_groups};
pub use rates::*;
pub use runs::{AbsenceRun, absence_run, absence_runs, current_absence_runs};
pub use window::Window as CheckInWindow;

/// Makes again the attendance timelines a write made out of date (see `timeline`); run by
/// [`crate::db::Db::transact`] before it commits. Returns how many (person, year) it made.
pub(crate) fn refresh_timelines(conn: &Connection) -> Result<usize> {
    timeline::refresh(conn)
}

/// The counts behind an attendance rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    /// 应到: people on the invitee list.
    pub invited: i64,
    /// 实到: invitees present or late.
    pub attended: i64,
    pub present: i64,
    pub late: i64,
    pub leave: i64,
    /// 缺席: marked absent, or not checked in at a held activity whose day is over.
    pub absent: i64,
    /// 未签到: invitees with no status who may still come. Once the activity's day is over they
    /// are 缺席 instead, so 实到 + 请假 + 缺席 + 未签到 = 应到 always.
    pub not_checked_in: i64,
    /// Came without being invited; not part of the rate.
    pub walk_ins: i64,
    /// 出勤率 = 实到 / (应到 − 请假); None when nobody was expected.
    pub rate: Option<f64>,
}

impl Counts {
    /// From raw sums; `pending_is_absent` once the activity is held and its day over (sums over
    /// a period leave out the 未签到 of activities still open); `rate_known` once it is held.
    fn new(raw: [i64; 7], pending_is_absent: bool, rate_known: bool) -> Counts {
        let [invited, present, late, leave, absent, pending, walk_ins] = raw;
        let attended = present + late;
        let expected = invited - leave;
        Counts {
            invited,
            attended,
            present,
            late,
            leave,
            absent: absent + if pending_is_absent { pending } else { 0 },
            not_checked_in: if pending_is_absent { 0 } else { pending },
            walk_ins,
            // Before an activity is held there is no rate to speak of; while it is open the rate
            // is the one so far.
            rate: (rate_known && expected > 0).then(|| attended as f64 / expected as f64),
        }
    }

    /// Adds `other`'s counts to these (the rate is that of the sums).
    pub fn add(&mut self, other: &Counts) {
        self.invited += other.invited;
        self.attended += other.attended;
        self.present += other.present;
        self.late += other.late;
        self.leave += other.leave;
        self.absent += other.absent;
        self.not_checked_in += other.not_checked_in;
        self.walk_ins += other.walk_ins;
        let expected = self.invited - self.leave;
        self.rate = (expected > 0).then(|| self.attended as f64 / expected as f64);
    }

    /// "92.3%（24/26）", or "—" when nobody was expected.
    pub fn rate_text(&self) -> String {
        match self.rate {
            Some(r) => format!(
                "{:.1}%（{}/{}）",
                r * 100.0,
                self.attended,
                self.invited - self.leave
            ),
            None => "—".to_string(),
        }
    }
}

/// The sums every count is made of, over `attendance t`.
const COUNT_COLUMNS: &str = "sum(t.invited),
       sum(t.invited AND t.status = 'present'),
       sum(t.invited AND t.status = 'late'),
       sum(t.invited AND t.status = 'leave'),
       sum(t.invited AND t.status = 'absent'),
       sum(t.invited AND t.status IS NULL),
       sum(NOT t.invited)";

fn raw_counts(r: &rusqlite::Row, first: usize) -> rusqlite::Result<[i64; 7]> {
    let mut raw = [0i64; 7];
    for (i, slot) in raw.iter_mut().enumerate() {
        *slot = r.get::<_, Option<i64>>(first + i)?.unwrap_or(0);
    }
    Ok(raw)
}

fn open_activity(conn: &Connection, id: i64, action: &'static str) -> Result<Activity> {
    let a = activities::get(conn, id)?;
    if a.status == ActivityStatus::Cancelled {
        return Err(ActivityError::Cancelled {
            title: a.title,
            action,
        }
        .into());
    }
    Ok(a)
}

/// Puts people on the list (a walk-in already there becomes an invitee). Returns how many
/// were added.
fn invite_ids(tx: &Tx, activity_id: i64, ids: &[i64]) -> Result<usize> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO attendance (activity_id, person_id, invited) VALUES (?1, ?2, 1)
         ON CONFLICT (activity_id, person_id) DO UPDATE SET invited = 1 WHERE invited = 0",
    )?;
    let mut added = 0;
    for &id in ids {
        added += insert.execute(params![activity_id, id])?;
    }
    Ok(added)
}

/// Invites everyone matching `filter` who is in post on the activity's date: hired by then and
/// not left before it. Returns how many were added to the list.
pub fn invite_filter(tx: &Tx, activity_id: i64, filter: &PersonFilter) -> Result<usize> {
    let a = open_activity(tx, activity_id, "邀请人员")?;
    let filter = PersonFilter {
        include_left: true,
        ..filter.clone()
    };
    let (clause, mut values) = filter.to_sql();
    values.push(Value::Text(a.starts_at.date().to_string()));
    let n = values.len();
    let mut stmt = tx.prepare(&format!(
        "SELECT p.id FROM person p WHERE {clause}
            AND (p.left_date IS NULL OR p.left_date > ?{n})
            AND (p.hire_date IS NULL OR p.hire_date <= ?{n})
          ORDER BY p.id"
    ))?;
    let ids: Vec<i64> = stmt
        .query_map(params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let added = invite_ids(tx, activity_id, &ids)?;
    tx.note(format!("活动 {activity_id} 按条件邀请 {added} 人"));
    Ok(added)
}

/// Invites the staff of a unit and all its sub-units.
pub fn invite_unit(tx: &Tx, activity_id: i64, unit_id: i64) -> Result<usize> {
    units::get(tx, unit_id)?;
    invite_filter(
        tx,
        activity_id,
        &PersonFilter {
            unit_id: Some(unit_id),
            ..Default::default()
        },
    )
}

/// One invitation as the screens and the CLI put it: whole units (each narrowed by `filter` when
/// one is given), everyone matching `filter` (when no unit is given), and single people.
/// Returns how many were added to the list.
pub fn invite(
    tx: &Tx,
    activity_id: i64,
    unit_ids: &[i64],
    filter: Option<&PersonFilter>,
    person_ids: &[i64],
) -> Result<usize> {
    if unit_ids.is_empty() && filter.is_none() && person_ids.is_empty() {
        return Err(Error::invalid("邀请对象", "请选择单位、条件或人员"));
    }
    let mut added = 0;
    match (unit_ids, filter) {
        ([], Some(f)) => added += invite_filter(tx, activity_id, f)?,
        (units, f) => {
            for &unit in units {
                units::get(tx, unit)?;
                let scoped = PersonFilter {
                    unit_id: Some(unit),
                    ..f.cloned().unwrap_or_default()
                };
                added += invite_filter(tx, activity_id, &scoped)?;
            }
        }
    }
    if !person_ids.is_empty() {
        added += invite_people(tx, activity_id, person_ids)?;
    }
    Ok(added)
}

/// Invites single people. Someone who has left is refused.
pub fn invite_people(tx: &Tx, activity_id: i64, person_ids: &[i64]) -> Result<usize> {
    open_activity(tx, activity_id, "邀请人员")?;
    for &id in person_ids {
        let p = people::get(tx, id)?;
        if !p.in_post() {
            return Err(left(p, "邀请"));
        }
    }
    let added = invite_ids(tx, activity_id, person_ids)?;
    tx.note(format!("活动 {activity_id} 邀请 {added} 人"));
    Ok(added)
}

fn left(p: Person, action: &'static str) -> Error {
    AttendanceError::PersonLeft {
        who: p.who(),
        action,
    }
    .into()
}

/// Takes a person off the list. Someone already checked in stays.
pub fn uninvite(tx: &Tx, activity_id: i64, person_id: i64) -> Result<()> {
    open_activity(tx, activity_id, "修改名单")?;
    let p = people::get(tx, person_id)?;
    let status = row_status(tx, activity_id, person_id)?;
    match status {
        None => return Err(not_invited(p)),
        Some((_, Some(s))) if s.attended() => {
            return Err(AttendanceError::AlreadyCheckedIn { who: p.who() }.into());
        }
        Some(_) => {}
    }
    tx.execute(
        "DELETE FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
        params![activity_id, person_id],
    )?;
    tx.note(format!("活动 {activity_id} 移出 {}", p.tag()));
    Ok(())
}

fn not_invited(p: Person) -> Error {
    AttendanceError::NotInvited { who: p.who() }.into()
}

/// (invited, status) of a person's row, None if there is no row.
fn row_status(
    conn: &Connection,
    activity_id: i64,
    person_id: i64,
) -> Result<Option<(bool, Option<AttendanceStatus>)>> {
    Ok(conn
        .query_row(
            "SELECT invited, status FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
            params![activity_id, person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// What a check-in did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum CheckIn {
    /// Checked in now: 出席 or 迟到.
    Recorded {
        person_id: i64,
        employee_no: Option<String>,
        name: String,
        status: AttendanceStatus,
        at: NaiveDateTime,
        walk_in: bool,
    },
    /// Was already checked in: nothing changed.
    Already {
        person_id: i64,
        employee_no: Option<String>,
        name: String,
        status: AttendanceStatus,
        at: Option<NaiveDateTime>,
    },
}

impl CheckIn {
    /// A one-line Chinese answer for the kiosk and the CLI.
    pub fn message(&self) -> String {
        match self {
            CheckIn::Recorded {
                name,
                status,
                at,
                walk_in,
                ..
            } => {
                let late = if *status == AttendanceStatus::Late {
                    "（迟到）"
                } else {
                    ""
                };
                let walk = if *walk_in {
                    "（非名单人员）"
                } else {
                    ""
                };
                format!("{name} 签到成功{late}{walk}，{}", at.format("%H:%M"))
            }
            CheckIn::Already { name, at, .. } => match at {
                Some(at) => format!("{name} 已签到（{}），不重复计数", at.format("%H:%M")),
                None => format!("{name} 已签到，不重复计数"),
            },
        }
    }
}

/// Checks a person in at `now`, as the kiosk and the 签到 page do: only inside the activity's
/// check-in window ([`window`]); 出席 up to the start plus the activity's grace period, 迟到
/// after it. Checking in twice changes nothing and says so. Someone not on the list is refused
/// unless `walk_in` is set, when they are recorded as a walk-in (not part of the rate).
/// The first check-in marks a planned activity 已开展.
pub fn check_in(
    tx: &Tx,
    activity_id: i64,
    person_id: i64,
    now: NaiveDateTime,
    walk_in: bool,
) -> Result<CheckIn> {
    let a = open_activity(tx, activity_id, "签到")?;
    CheckInWindow::load(tx, &a, now)?.check(&a, now)?;
    record(tx, &a, person_id, now, walk_in, "签到")
}

/// Runs a check-in (`write`: [`check_in`], [`check_in_by_key`] or [`backfill`]) in its own
/// audited transaction. A repeated check-in ([`CheckIn::Already`]) changes nothing, so its
/// transaction is rolled back: no audit row says that nothing happened (a badge scanned twice
/// would otherwise write an empty row each time).
pub fn check_in_audited(
    db: &mut crate::db::Db,
    actor: &crate::db::Actor,
    action: crate::db::Action,
    write: impl FnOnce(&Tx) -> Result<CheckIn>,
) -> Result<CheckIn> {
    let mut already = None;
    let result = db.transact(actor, action, |tx| {
        let done = write(tx)?;
        if matches!(done, CheckIn::Already { .. }) {
            already = Some(done);
            return Err(crate::error::ImportError::NothingToWrite.into());
        }
        Ok(done)
    });
    match (result, already) {
        (Ok(done), _) => Ok(done),
        (Err(Error::Import(crate::error::ImportError::NothingToWrite)), Some(done)) => Ok(done),
        (Err(e), _) => Err(e),
    }
}

/// 补录: records from a paper sheet (or what someone remembers) that a person came, at `at`
/// (default: the activity's start), once the activity has started. The time must lie inside the
/// check-in window and not in the future; 出席 or 迟到 follows from it as at the kiosk. Audited
/// as [`crate::Action::AttendanceBackfill`] by the caller.
pub fn backfill(
    tx: &Tx,
    activity_id: i64,
    person_id: i64,
    at: Option<NaiveDateTime>,
    walk_in: bool,
    now: NaiveDateTime,
) -> Result<CheckIn> {
    let a = open_activity(tx, activity_id, "补录签到")?;
    let w = CheckInWindow::load(tx, &a, now)?;
    w.require_started(&a, now, "补录签到")?;
    // Times travel as "HH:MM:SS" but a sheet says minutes.
    let at = at
        .map(|t| {
            t.with_second(0)
                .unwrap_or(t)
                .with_nanosecond(0)
                .unwrap_or(t)
        })
        .unwrap_or(a.starts_at);
    w.check_backfill_time(&a, at, now)?;
    record(tx, &a, person_id, at, walk_in, "补录签到")
}

/// Writes a check-in at `at` with no window check (the callers decide when it is allowed):
/// the kiosk, 补录 and the online-meeting import. `what` names it in the audit note.
pub(crate) fn record(
    tx: &Tx,
    a: &Activity,
    person_id: i64,
    at: NaiveDateTime,
    walk_in: bool,
    what: &str,
) -> Result<CheckIn> {
    let activity_id = a.id;
    let p = people::get(tx, person_id)?;
    if p.left_date.is_some_and(|d| d <= at.date()) {
        return Err(left(p, "签到"));
    }
    let status = if at > a.late_after() {
        AttendanceStatus::Late
    } else {
        AttendanceStatus::Present
    };
    let existing = row_status(tx, activity_id, person_id)?;
    let walked_in = match existing {
        Some((_, Some(s))) if s.attended() => {
            let at: Option<NaiveDateTime> = tx.query_row(
                "SELECT checked_in_at FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
                params![activity_id, person_id],
                |r| r.get(0),
            )?;
            return Ok(CheckIn::Already {
                person_id,
                employee_no: p.employee_no,
                name: p.name,
                status: s,
                at,
            });
        }
        Some((invited, _)) => {
            tx.execute(
                "UPDATE attendance SET status = ?3, checked_in_at = ?4, leave_reason = NULL
                  WHERE activity_id = ?1 AND person_id = ?2",
                params![activity_id, person_id, status, at],
            )?;
            !invited
        }
        None if walk_in => {
            tx.execute(
                "INSERT INTO attendance (activity_id, person_id, invited, status, checked_in_at)
                 VALUES (?1, ?2, 0, ?3, ?4)",
                params![activity_id, person_id, status, at],
            )?;
            true
        }
        None => return Err(not_invited(p)),
    };
    activities::mark_held(tx, activity_id)?;
    tx.note(format!(
        "活动 {activity_id} {what} {}（{status}，{}）",
        p.tag(),
        at.format("%Y-%m-%d %H:%M")
    ));
    Ok(CheckIn::Recorded {
        person_id,
        employee_no: p.employee_no,
        name: p.name,
        status,
        at,
        walk_in: walked_in,
    })
}

/// Checks in by 工号 (as a badge scanner types it) or by 身份证号.
pub fn check_in_by_key(
    tx: &Tx,
    activity_id: i64,
    key: &str,
    now: NaiveDateTime,
    walk_in: bool,
) -> Result<CheckIn> {
    let p = people::by_key(tx, key)?;
    check_in(tx, activity_id, p.id, now, walk_in)
}

/// Sets a person's status by hand (the 签到 page's buttons, `qungong attendance set`) at `now`:
/// - 请假 (its reason required) and None (back to 未签到) at any time;
/// - 缺席 once the activity has started;
/// - 出席 / 迟到: switching between them keeps the check-in time; for someone not checked in it
///   is a check-in at `now`, so only inside the window (after it, that is a [`backfill`]).
pub fn set_status(
    tx: &Tx,
    activity_id: i64,
    person_id: i64,
    status: Option<AttendanceStatus>,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<()> {
    let a = open_activity(tx, activity_id, "修改签到")?;
    let p = people::get(tx, person_id)?;
    let checked_in_at: Option<NaiveDateTime> = match tx
        .query_row(
            "SELECT checked_in_at FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
            params![activity_id, person_id],
            |r| r.get(0),
        )
        .optional()?
    {
        Some(at) => at,
        None => return Err(not_invited(p)),
    };
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if status == Some(AttendanceStatus::Leave) && reason.is_none() {
        return Err(AttendanceError::LeaveNeedsReason.into());
    }
    match status {
        Some(AttendanceStatus::Absent) => {
            CheckInWindow::load(tx, &a, now)?.require_started(&a, now, "记为缺席")?
        }
        Some(s) if s.attended() && checked_in_at.is_none() => {
            CheckInWindow::load(tx, &a, now)?.check(&a, now)?
        }
        _ => {}
    }
    let new_time = status.filter(|s| s.attended()).map(|_| now);
    let reason = reason.filter(|_| status == Some(AttendanceStatus::Leave));
    tx.execute(
        "UPDATE attendance SET status = ?3,
                checked_in_at = CASE WHEN ?4 IS NULL THEN NULL ELSE coalesce(checked_in_at, ?4) END,
                leave_reason = ?5
          WHERE activity_id = ?1 AND person_id = ?2",
        params![activity_id, person_id, status, new_time, reason],
    )?;
    // 请假 may be known long before; only someone there (or found missing) shows it was held.
    if status.is_some_and(|s| s != AttendanceStatus::Leave) {
        activities::mark_held(tx, activity_id)?;
    }
    let label = status.map_or("未签到", |s| s.label());
    tx.note(format!("活动 {activity_id} {} 设为{label}", p.tag()));
    Ok(())
}

/// Counts for one activity today.
pub fn counts(conn: &Connection, activity_id: i64) -> Result<Counts> {
    counts_on(conn, activity_id, crate::db::today())
}

/// Counts for one activity as they stand on `today` (未签到 turn 缺席 once its day is over).
pub fn counts_on(conn: &Connection, activity_id: i64, today: NaiveDate) -> Result<Counts> {
    let a = activities::get(conn, activity_id)?;
    counts_of(conn, &a, today)
}

fn counts_of(conn: &Connection, a: &Activity, today: NaiveDate) -> Result<Counts> {
    let raw = conn.query_row(
        &format!("SELECT {COUNT_COLUMNS} FROM attendance t WHERE t.activity_id = ?1"),
        [a.id],
        |r| raw_counts(r, 0),
    )?;
    Ok(Counts::new(
        raw,
        window::pending_is_absent(a, today),
        a.status == ActivityStatus::Held,
    ))
}

/// One line of an activity's attendance sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetRow {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    pub position: Option<String>,
    /// false: a walk-in.
    pub invited: bool,
    pub status: Option<AttendanceStatus>,
    /// 出席 / 迟到 / 请假 / 缺席, or 未签到 while the person may still come.
    pub status_label: &'static str,
    pub checked_in_at: Option<NaiveDateTime>,
    pub leave_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sheet {
    pub activity: Activity,
    pub counts: Counts,
    /// When check-in is taken, as of the moment the sheet was read.
    pub window: CheckInWindow,
    pub rows: Vec<SheetRow>,
}

/// The invitee list with statuses now (invitees first, then walk-ins; by unit, then 工号).
pub fn sheet(conn: &Connection, activity_id: i64) -> Result<Sheet> {
    sheet_at(conn, activity_id, crate::db::now())
}

/// The invitee list with statuses as they stand at `now`.
pub fn sheet_at(conn: &Connection, activity_id: i64, now: NaiveDateTime) -> Result<Sheet> {
    let activity = activities::get(conn, activity_id)?;
    let absent = window::pending_is_absent(&activity, now.date());
    let counts = counts_of(conn, &activity, now.date())?;
    let window = CheckInWindow::load(conn, &activity, now)?;
    let mut stmt = conn.prepare(
        "SELECT p.id, p.employee_no, p.name, u.name, p.position, t.invited, t.status,
                t.checked_in_at, t.leave_reason
           FROM attendance t JOIN person p ON p.id = t.person_id JOIN unit u ON u.id = p.unit_id
          WHERE t.activity_id = ?1
          ORDER BY t.invited DESC, u.sort_order, u.id, p.employee_no IS NULL, p.employee_no, p.name_initials",
    )?;
    let rows = stmt
        .query_map([activity_id], |r| {
            let status: Option<AttendanceStatus> = r.get(6)?;
            Ok(SheetRow {
                person_id: r.get(0)?,
                employee_no: r.get(1)?,
                name: r.get(2)?,
                unit_name: r.get(3)?,
                position: r.get(4)?,
                invited: r.get(5)?,
                status,
                status_label: match status {
                    Some(s) => s.label(),
                    None if absent => AttendanceStatus::Absent.label(),
                    None => "未签到",
                },
                checked_in_at: r.get(7)?,
                leave_reason: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Sheet {
        activity,
        counts,
        window,
        rows,
    })
}

/// Who a kiosk entry means: a 工号 (what a badge scanner types) or a 身份证号 (people without a
/// 工号 are known by it), else the last 6 characters of an invitee's 身份证号, else a name — an
/// invitee of this activity first, else anyone in post of that name (who may then be admitted
/// as a walk-in). Names shared by several people ask for the 工号 or 身份证号.
pub fn find_attendee(conn: &Connection, activity_id: i64, key: &str) -> Result<i64> {
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::invalid("签到", "请输入工号、身份证号或姓名"));
    }
    if let Ok(p) = people::by_key(conn, key) {
        return Ok(p.id);
    }
    let folded = crate::codes::fold_input(key).to_uppercase();
    if folded.len() == 6 && folded.chars().all(|c| c.is_ascii_digit() || c == 'X') {
        let mut stmt = conn.prepare_cached(
            "SELECT p.id FROM person p
               JOIN attendance t ON t.person_id = p.id AND t.activity_id = ?2
              WHERE substr(p.id_number, 13) = ?1",
        )?;
        let found: Vec<i64> = stmt
            .query_map(params![folded, activity_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if let [id] = found.as_slice() {
            return Ok(*id);
        }
    }
    let name: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let ids = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let ids = stmt
            .query_map(params, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    };
    let invited = ids(
        "SELECT p.id FROM person p JOIN attendance t ON t.person_id = p.id AND t.activity_id = ?2
          WHERE p.name = ?1",
        &[&name, &activity_id],
    )?;
    let candidates = if invited.is_empty() {
        ids(
            "SELECT p.id FROM person p WHERE p.name = ?1 AND p.left_date IS NULL",
            &[&name],
        )?
    } else {
        invited
    };
    match candidates.as_slice() {
        [id] => Ok(*id),
        [] => Err(Error::not_found("工号、身份证号或姓名", key)),
        many => Err(Error::invalid(
            "签到",
            format!(
                "有 {} 位职工名为“{name}”，请输入工号或身份证号后 6 位",
                many.len()
            ),
        )),
    }
}
