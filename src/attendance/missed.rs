//! 未出勤名单 as the screen shows it: grouped by person ("缺席 3 次，请假 1 次"), most absences
//! first, a page at a time.
//!
//! A year at city scale has ~32,000 missed rows of ~9,000 people. Who is on which page needs
//! only each person's two counts, which the timelines give without reading a row
//! ([`super::timeline`]); the activities behind them are read for the page's people only, each
//! through their own rows. The whole list ([`super::absences`]) is still what the .xlsx and the
//! printed 出勤统计表 use.

use rusqlite::{Connection, params, params_from_iter};
use serde::Serialize;

use super::rates::{IdMap, dense_max_id, people_sql, settled, unit_names};
use super::{Absence, RateQuery};
use crate::error::Result;
use crate::people::PersonFilter;
use crate::units;

/// One person's absences and leaves in the period, each by date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AbsentGroup {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    pub absent: Vec<Absence>,
    pub leave: Vec<Absence>,
}

/// A page of [`AbsentGroup`]s and how many people the whole list has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AbsentPage {
    /// People with at least one absence or leave in the period (and unit).
    pub total: i64,
    pub groups: Vec<AbsentGroup>,
}

/// One person's (?4) missed rows in the period (?1 from, ?2 end exclusive, ?3 today), by date.
pub(crate) fn person_missed_sql(kinds: &str) -> String {
    format!(
        "SELECT a.id, a.title, a.starts_at, coalesce(t.status, 'absent'), t.leave_reason
           FROM attendance t CROSS JOIN activity a ON a.id = t.activity_id
          WHERE t.person_id = ?4 AND a.starts_at >= ?1 AND a.starts_at < ?2 AND {}
            AND t.invited = 1 AND (t.status IS NULL OR t.status IN ('absent', 'leave')){kinds}
          ORDER BY a.starts_at, a.id",
        settled(3)
    )
}

/// The people (of `q`'s unit) with an absence or a leave in the period, most absences first,
/// then most leaves, then by 工号 (people without one first) and id; `offset` and `limit`
/// choose the page.
pub fn absent_groups(
    conn: &Connection,
    q: &RateQuery,
    offset: usize,
    limit: usize,
) -> Result<AbsentPage> {
    q.check()?;
    if let Some(unit) = q.unit_id {
        units::get(conn, unit)?;
    }
    let today = crate::db::today();
    // [absent, leave] per person, from the timelines; slot 5 (no status) only reaches here
    // once the activity's day is over, when it is 缺席.
    let max_id = dense_max_id(conn, "person")?;
    let mut dense: Vec<[u32; 2]> = vec![[0; 2]; usize::try_from(max_id + 1).unwrap_or(0)];
    let mut other: IdMap<[u32; 2]> = IdMap::default();
    super::timeline::for_each(conn, q, today, |person, e| {
        let which = match e.slot {
            3 => 1,
            4 | 5 => 0,
            _ => return,
        };
        match usize::try_from(person).ok().filter(|&i| i < dense.len()) {
            Some(i) => dense[i][which] += 1,
            None => other.entry(person).or_default()[which] += 1,
        }
    })?;
    let missed = |id: i64| -> [u32; 2] {
        usize::try_from(id)
            .ok()
            .and_then(|i| dense.get(i))
            .or_else(|| other.get(&id))
            .copied()
            .unwrap_or_default()
    };

    let (clause, values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    // ([absent, leave], 工号, id, name, unit id) of everyone with something missed.
    struct Listed([u32; 2], Option<String>, i64, String, i64);
    let mut listed: Vec<Listed> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&people_sql(&clause))?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let counts = missed(id);
            if counts != [0, 0] {
                listed.push(Listed(counts, r.get(1)?, id, r.get(2)?, r.get(3)?));
            }
        }
    }
    listed.sort_by(|a, b| {
        b.0[0]
            .cmp(&a.0[0])
            .then(b.0[1].cmp(&a.0[1]))
            .then_with(|| a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let total = listed.len() as i64;
    let names = unit_names(conn)?;
    let (from, end) = q.bounds();
    let mut stmt = conn.prepare_cached(&person_missed_sql(&q.kind_clause()))?;
    let mut groups = Vec::new();
    for Listed(_, employee_no, person_id, name, unit_id) in
        listed.into_iter().skip(offset).take(limit)
    {
        let unit_name = names.get(&unit_id).cloned().unwrap_or_default();
        let mut group = AbsentGroup {
            person_id,
            employee_no: employee_no.clone(),
            name: name.clone(),
            unit_name: unit_name.clone(),
            absent: Vec::new(),
            leave: Vec::new(),
        };
        let mut rows = stmt.query(params![from, end, today.to_string(), person_id])?;
        while let Some(r) = rows.next()? {
            let status: crate::codes::AttendanceStatus = r.get(3)?;
            let row = Absence {
                activity_id: r.get(0)?,
                activity_title: r.get(1)?,
                starts_at: r.get(2)?,
                person_id,
                employee_no: employee_no.clone(),
                name: name.clone(),
                unit_name: unit_name.clone(),
                status,
                leave_reason: r.get(4)?,
            };
            if status == crate::codes::AttendanceStatus::Leave {
                group.leave.push(row);
            } else {
                group.absent.push(row);
            }
        }
        groups.push(group);
    }
    Ok(AbsentPage { total, groups })
}
