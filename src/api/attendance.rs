//! Invitees and check-in: the invitee list, check-in (list and kiosk), statuses, rates.

use chrono::{NaiveDate, NaiveDateTime};

use crate::Action;
use crate::attendance::{
    self, AbsenceRun, CheckIn, Counts, KindTable, PersonAttendance, RateQuery, Sheet,
};
use crate::codes::{ActivityKind, AttendanceStatus};
use crate::db::now;
use crate::people::PersonFilter;

use super::dto::RatesBy;
use super::{ApiError, Call, Reply};

commands! {
[Edit] pub fn invite(
    state: &Call,
    activity_id: i64,
    unit_ids: Vec<i64>,
    filter: Option<PersonFilter>,
    person_ids: Vec<i64>,
) -> Reply<usize> {
    state.write(Action::AttendanceInvite, |tx| {
        attendance::invite(tx, activity_id, &unit_ids, filter.as_ref(), &person_ids)
    })
}

[Edit] pub fn uninvite(state: &Call, activity_id: i64, person_id: i64) -> Reply<()> {
    state.write(Action::AttendanceUninvite, |tx| {
        attendance::uninvite(tx, activity_id, person_id)
    })
}

[Read] pub fn attendance_sheet(state: &Call, activity_id: i64) -> Reply<Sheet> {
    state.read(|c| attendance::sheet(c, activity_id))
}

[Edit] pub fn check_in(
    state: &Call,
    activity_id: i64,
    person_id: i64,
    walk_in: bool,
) -> Reply<CheckIn> {
    // A repeated check-in writes nothing and leaves no audit row.
    let actor = state.actor();
    state.with(|db| {
        attendance::check_in_audited(db, &actor, Action::AttendanceCheckIn, |tx| {
            attendance::check_in(tx, activity_id, person_id, now(), walk_in)
        })
    })
}

[Edit] pub fn kiosk_check_in(
    state: &Call,
    activity_id: i64,
    key: String,
    walk_in: bool,
) -> Reply<CheckIn> {
    let actor = state.actor();
    state.with(|db| {
        attendance::check_in_audited(db, &actor, Action::AttendanceCheckIn, |tx| {
            let person_id = attendance::find_attendee(tx, activity_id, &key)?;
            attendance::check_in(tx, activity_id, person_id, now(), walk_in)
        })
    })
}

/// 补录: a check-in recorded after the fact, at `at` (default: the activity's start).
[Edit] pub fn attendance_backfill(
    state: &Call,
    activity_id: i64,
    person_id: i64,
    at: Option<NaiveDateTime>,
    walk_in: bool,
) -> Reply<CheckIn> {
    state.write(Action::AttendanceBackfill, |tx| {
        attendance::backfill(tx, activity_id, person_id, at, walk_in, now())
    })
}

[Edit] pub fn set_status(
    state: &Call,
    activity_id: i64,
    person_id: i64,
    status: Option<AttendanceStatus>,
    reason: Option<String>,
) -> Reply<Counts> {
    state.write(Action::AttendanceSetStatus, |tx| {
        attendance::set_status(tx, activity_id, person_id, status, reason.as_deref(), now())
    })?;
    state.read(|c| attendance::counts(c, activity_id))
}

/// The person page's history and rate; `unit_id` plays no part (the person is the filter).
[Read] pub fn person_attendance(
    state: &Call,
    person_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    kinds: Option<Vec<ActivityKind>>,
) -> Reply<PersonAttendance> {
    let q = RateQuery {
        from,
        to,
        unit_id: None,
        kinds: kinds.unwrap_or_default(),
    };
    state.read(|c| attendance::person_attendance(c, person_id, &q))
}

[Read] pub fn attendance_rates(
    state: &Call,
    by: RatesBy,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
    kinds: Option<Vec<ActivityKind>>,
) -> Reply<serde_json::Value> {
    let q = RateQuery {
        from,
        to,
        unit_id,
        kinds: kinds.unwrap_or_default(),
    };
    let value = match by {
        RatesBy::Unit => state
            .read(|c| attendance::rates_by_unit(c, &q))
            .map(serde_json::to_value),
        RatesBy::Person => state
            .read(|c| attendance::rates_by_person(c, &q))
            .map(serde_json::to_value),
    }?;
    value.map_err(|e| ApiError {
        code: "internal".into(),
        message: format!("结果无法输出：{e}"),
    })
}

/// 未出勤名单 as the screen shows it: a page of people, each with their absences and leaves.
[Read] pub fn attendance_absent_groups(
    state: &Call,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
    kinds: Option<Vec<ActivityKind>>,
    offset: usize,
    limit: usize,
) -> Reply<attendance::AbsentPage> {
    let q = RateQuery {
        from,
        to,
        unit_id,
        kinds: kinds.unwrap_or_default(),
    };
    state.read(|c| attendance::absent_groups(c, &q, offset, limit))
}

/// 按活动类型: per unit (with its sub-units) and kind, held activities and their attendance.
[Read] pub fn attendance_by_kind(
    state: &Call,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
    kinds: Option<Vec<ActivityKind>>,
) -> Reply<KindTable> {
    let q = RateQuery {
        from,
        to,
        unit_id,
        kinds: kinds.unwrap_or_default(),
    };
    state.read(|c| attendance::rates_by_kind(c, &q))
}

/// 连续缺席: people absent from at least `min` activities in a row in the period (default: the
/// 设置's threshold).
[Read] pub fn attendance_absence_runs(
    state: &Call,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
    kinds: Option<Vec<ActivityKind>>,
    min: Option<u32>,
) -> Reply<Vec<AbsenceRun>> {
    let q = RateQuery {
        from,
        to,
        unit_id,
        kinds: kinds.unwrap_or_default(),
    };
    state.read(|c| {
        let min = match min {
            Some(n) => n,
            None => attendance::absence_run(c)?,
        };
        attendance::absence_runs(c, &q, min)
    })
}

/// The 工作台's reminder: people whose latest activities (over the last year) are a run of
/// absences of at least the 设置's threshold.
[Read] pub fn attendance_current_runs(state: &Call) -> Reply<Vec<AbsenceRun>> {
    state.read(|c| attendance::current_absence_runs(c, crate::db::today()))
}
}
