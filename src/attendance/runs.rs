//! 连续缺席: people absent from N activities in a row, for follow-up (N is a setting, default 3).
//!
//! A person's activities are the held ones they were on the list of, or walked into, in order
//! of their start. 缺席 (marked, or not checked in once the activity's day is over) adds one to
//! the run; 出席, 迟到, coming without being invited and 请假 end it (a leave was asked for: it is
//! not an absence, and the run after it starts again). An invitee still pending at an activity
//! whose day is not over is not counted, as in every rate.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use super::RateQuery;
use super::rates::{IdMap, dense_max_id, people_sql, unit_names};
use crate::error::{Error, Result};
use crate::people::PersonFilter;
use crate::settings::store::{self, Key};

/// The threshold unless 设置 says otherwise.
pub const DEFAULT_ABSENCE_RUN: u32 = 3;

/// 设置: people absent from this many activities in a row are flagged.
pub const ABSENCE_RUN: Key = Key {
    name: "attendance_absence_run",
    label: "连续缺席提醒（次）",
    check: |v| parse_run(v).map(drop),
};

/// Someone with a run of absences of at least the threshold in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AbsenceRun {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    /// The longest run in the period.
    pub longest: u32,
    /// The run at the end of the period (their latest activities): 0 if they last came.
    pub current: u32,
}

/// "3", "３", "3次" → 3; whole numbers of activities from 2 to 20.
pub fn parse_run(input: &str) -> Result<u32> {
    let folded = crate::codes::fold_input(input);
    let s = folded.trim().trim_end_matches('次').trim();
    match s.parse::<u32>() {
        Ok(n) if (2..=20).contains(&n) => Ok(n),
        _ => Err(Error::invalid(
            "连续缺席提醒",
            format!("应为 2 到 20 之间的整数（次），收到“{}”", input.trim()),
        )),
    }
}

/// The threshold in use (from 设置, else the default).
pub fn absence_run(conn: &Connection) -> Result<u32> {
    match store::get(conn, ABSENCE_RUN.name)? {
        Some(v) => parse_run(&v),
        None => Ok(DEFAULT_ABSENCE_RUN),
    }
}

/// Everyone (now in `q`'s unit or below) whose longest run of absences in the period is at
/// least `min`: longest run first, then the run still going, then by 工号.
pub fn absence_runs(conn: &Connection, q: &RateQuery, min: u32) -> Result<Vec<AbsenceRun>> {
    let max_id = dense_max_id(conn, "person")?;
    // (current, longest) per person: a table indexed by id, else a map.
    let mut dense: Vec<(u32, u32)> = vec![(0, 0); usize::try_from(max_id + 1).unwrap_or(0)];
    let mut other: IdMap<(u32, u32)> = IdMap::default();
    // Each person's entries come in order of the activities' start (see `timeline::for_each`).
    super::timeline::for_each(conn, q, crate::db::today(), |person, e| {
        let slot = e.slot;
        let run = match usize::try_from(person).ok().filter(|&i| i < dense.len()) {
            Some(i) => &mut dense[i],
            None => other.entry(person).or_default(),
        };
        // Slots: 1 出席, 2 迟到, 3 请假, 4 缺席, 5 no status (its day over: 缺席), 6 walk-in.
        if slot == 4 || slot == 5 {
            run.0 += 1;
            run.1 = run.1.max(run.0);
        } else {
            run.0 = 0;
        }
    })?;
    let mut found: HashMap<i64, (u32, u32)> = other
        .into_iter()
        .filter(|(_, (_, longest))| *longest >= min)
        .collect();
    found.extend(
        dense
            .iter()
            .enumerate()
            .filter(|(_, (_, longest))| *longest >= min)
            .map(|(i, run)| (i as i64, *run)),
    );
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let (clause, values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    let names = unit_names(conn)?;
    let mut stmt = conn.prepare_cached(&people_sql(&clause))?;
    let mut out = Vec::new();
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let Some(&(current, longest)) = found.get(&id) else {
            continue;
        };
        let unit_id: i64 = r.get(3)?;
        out.push(AbsenceRun {
            person_id: id,
            employee_no: r.get(1)?,
            name: r.get(2)?,
            unit_name: names.get(&unit_id).cloned().unwrap_or_default(),
            longest,
            current,
        });
    }
    out.sort_by(|a, b| {
        b.longest
            .cmp(&a.longest)
            .then(b.current.cmp(&a.current))
            .then_with(|| a.employee_no.cmp(&b.employee_no))
            .then(a.person_id.cmp(&b.person_id))
    });
    Ok(out)
}

/// People whose latest activities, up to `today`, are a run of at least the threshold
/// (the 工作台's reminder): over the last year, everyone.
pub fn current_absence_runs(conn: &Connection, today: NaiveDate) -> Result<Vec<AbsenceRun>> {
    let min = absence_run(conn)?;
    let from = today - chrono::Days::new(365);
    let q = RateQuery::new(from, today, None);
    let mut runs = absence_runs(conn, &q, min)?;
    runs.retain(|r| r.current >= min);
    runs.sort_by(|a, b| {
        b.current
            .cmp(&a.current)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
            .then(a.person_id.cmp(&b.person_id))
    });
    Ok(runs)
}
