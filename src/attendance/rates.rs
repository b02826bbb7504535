//! 出勤率: attendance rates over a period by person and by unit, the did-not-attend list and the
//! period's totals.
//!
//! Only held activities count. An invitee with no status at an activity whose day is not over
//! yet (they may still come) is left out of every figure: neither 应到 nor 缺席 until it is.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};
use serde::Serialize;

use super::*;
use crate::codes::AttendanceStatus;
use crate::error::{Error, Result};
use crate::people::{self, PersonFilter};
use crate::units;

/// A period and a unit (with its sub-units) for rates and follow-up lists.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateQuery {
    /// First day, inclusive (of the activity's start).
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// People now in this unit or below; None: everyone.
    pub unit_id: Option<i64>,
}

impl RateQuery {
    pub(super) fn check(&self) -> Result<()> {
        if self.to < self.from {
            return Err(Error::invalid("截止日期", "不能早于起始日期"));
        }
        Ok(())
    }

    /// Bounds as stored text: [from 00:00, day after `to` 00:00).
    pub(super) fn bounds(&self) -> (String, String) {
        let end = self.to.succ_opt().unwrap_or(self.to);
        (self.from.to_string(), end.to_string())
    }
}

/// The rows that count, over `activity a JOIN attendance t`: of held activities, and no pending
/// invitee of an activity still open. Parameter `n` is today's date.
pub(super) fn settled(n: usize) -> String {
    format!(
        "a.status = 'held' AND (t.status IS NOT NULL OR {})",
        super::window::day_over_sql(n)
    )
}

/// Attendance rows of held activities in the period, per person (or of `person` only): the query
/// every rate and the follow-up list are made of, and the person page's rate, so both always
/// agree. Parameters: ?1 from, ?2 end (exclusive), ?3 today, ?4 the person or NULL.
pub(super) fn person_counts(
    conn: &Connection,
    q: &RateQuery,
    person: Option<i64>,
) -> Result<HashMap<i64, Counts>> {
    q.check()?;
    let (from, end) = q.bounds();
    let mut stmt = conn.prepare(&format!(
        "SELECT t.person_id, {COUNT_COLUMNS}
           FROM activity a JOIN attendance t ON t.activity_id = a.id
          WHERE {} AND a.starts_at >= ?1 AND a.starts_at < ?2
            AND (?4 IS NULL OR t.person_id = ?4)
          GROUP BY t.person_id",
        settled(3)
    ))?;
    let today = crate::db::today().to_string();
    let rows = stmt.query_map(params![from, end, today, person], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Counts::new(raw_counts(r, 1)?, true, true),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonRate {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Per person (now in the unit's subtree) who was expected at, or walked into, at least one held
/// activity in the period; lowest rate first, so follow-up starts at the top.
pub fn rates_by_person(conn: &Connection, q: &RateQuery) -> Result<Vec<PersonRate>> {
    let counts = person_counts(conn, q, None)?;
    let filter = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    };
    let all = people::list(conn, &filter, 0, i64::MAX)?.items;
    let mut out: Vec<PersonRate> = all
        .into_iter()
        .filter_map(|p| {
            let c = *counts.get(&p.id)?;
            Some(PersonRate {
                person_id: p.id,
                employee_no: p.employee_no,
                name: p.name,
                unit_id: p.unit_id,
                unit_name: p.unit_name,
                counts: c,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let ra = a.counts.rate.unwrap_or(f64::INFINITY);
        let rb = b.counts.rate.unwrap_or(f64::INFINITY);
        ra.total_cmp(&rb)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
    });
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRate {
    pub unit_id: i64,
    pub name: String,
    pub path: String,
    pub depth: u32,
    /// Over the unit and everything below it (by where people are now).
    #[serde(flatten)]
    pub counts: Counts,
}

/// One entry per unit (of the whole tree, or of `q.unit_id`'s subtree), in tree order, each
/// counting the people now in that unit and its sub-units.
pub fn rates_by_unit(conn: &Connection, q: &RateQuery) -> Result<Vec<UnitRate>> {
    let counts = person_counts(conn, q, None)?;
    let mut per_unit: HashMap<i64, Counts> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, unit_id FROM person")?;
    let homes = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for home in homes {
        let (person, unit) = home?;
        if let Some(c) = counts.get(&person) {
            per_unit.entry(unit).or_default().add(c);
        }
    }
    let all = units::list(conn)?;
    // Roll each unit's own counts up to every ancestor; `all` is in tree order, so walking it
    // backwards adds children before their parents are read.
    let mut total: HashMap<i64, Counts> = HashMap::new();
    for u in all.iter().rev() {
        let mut c = per_unit.get(&u.id).copied().unwrap_or_default();
        c.add(&total.get(&u.id).copied().unwrap_or_default());
        total.insert(u.id, c);
        if let Some(parent) = u.parent_id {
            total.entry(parent).or_default().add(&c);
        }
    }
    let keep = match q.unit_id {
        Some(id) => {
            units::get(conn, id)?;
            Some(units::subtree_ids(conn, id)?)
        }
        None => None,
    };
    Ok(all
        .into_iter()
        .filter(|u| keep.as_ref().is_none_or(|k| k.contains(&u.id)))
        .map(|u| UnitRate {
            counts: total.get(&u.id).copied().unwrap_or_default(),
            unit_id: u.id,
            name: u.name,
            path: u.path,
            depth: u.depth,
        })
        .collect())
}

/// Someone expected at a held activity who did not come (its day over, for the 未签到).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Absence {
    pub activity_id: i64,
    pub activity_title: String,
    pub starts_at: NaiveDateTime,
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    /// 缺席 or 请假.
    pub status: AttendanceStatus,
    pub leave_reason: Option<String>,
}

/// The "did not attend" list for follow-up: invitees of held activities in the period who were
/// absent, and with `include_leave` also those on leave (with their reasons); by date.
pub fn absences(conn: &Connection, q: &RateQuery, include_leave: bool) -> Result<Vec<Absence>> {
    q.check()?;
    let (from, end) = q.bounds();
    let mut values: Vec<Value> = vec![from.into(), end.into()];
    let mut unit_clause = String::new();
    if let Some(unit) = q.unit_id {
        units::get(conn, unit)?;
        values.push(unit.into());
        unit_clause = format!("AND {}", crate::db::sql::in_subtree("p.unit_id", 3));
    }
    values.push(crate::db::today().to_string().into());
    let settled = settled(values.len());
    let statuses = if include_leave {
        "'absent', 'leave'"
    } else {
        "'absent'"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.title, a.starts_at, p.id, p.employee_no, p.name, u.name,
                coalesce(t.status, 'absent'), t.leave_reason
           FROM activity a JOIN attendance t ON t.activity_id = a.id
           JOIN person p ON p.id = t.person_id JOIN unit u ON u.id = p.unit_id
          WHERE {settled} AND a.starts_at >= ?1 AND a.starts_at < ?2 AND t.invited = 1
            AND coalesce(t.status, 'absent') IN ({statuses}) {unit_clause}
          ORDER BY a.starts_at, a.id, p.employee_no"
    ))?;
    let rows = stmt
        .query_map(params_from_iter(values.iter()), |r| {
            Ok(Absence {
                activity_id: r.get(0)?,
                activity_title: r.get(1)?,
                starts_at: r.get(2)?,
                person_id: r.get(3)?,
                employee_no: r.get(4)?,
                name: r.get(5)?,
                unit_name: r.get(6)?,
                status: r.get(7)?,
                leave_reason: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// All counts of held activities in the period summed, and how many activities they were
/// (the 工作台's "this month").
pub fn period_counts(conn: &Connection, q: &RateQuery) -> Result<(Counts, i64)> {
    period_counts_on(conn, q, crate::db::today())
}

/// [`period_counts`] as they stand on `today`.
pub fn period_counts_on(
    conn: &Connection,
    q: &RateQuery,
    today: NaiveDate,
) -> Result<(Counts, i64)> {
    q.check()?;
    let (from, end) = q.bounds();
    let (clause, mut values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    values.push(from.into());
    values.push(end.into());
    values.push(today.to_string().into());
    let n = values.len();
    let (counts, activities) = conn.query_row(
        &format!(
            "SELECT {COUNT_COLUMNS}, count(DISTINCT a.id)
               FROM activity a JOIN attendance t ON t.activity_id = a.id
               JOIN person p ON p.id = t.person_id
              WHERE {} AND a.starts_at >= ?{} AND a.starts_at < ?{} AND {clause}",
            settled(n),
            n - 2,
            n - 1
        ),
        params_from_iter(values.iter()),
        |r| Ok((Counts::new(raw_counts(r, 0)?, true, true), r.get(7)?)),
    )?;
    Ok((counts, activities))
}
