//! 领导班子联系点: each leader's contact points (units), the visit log, the yearly plan
//! (visits per point per quarter, default 1) and the coverage: which leader has not visited
//! which point as planned in a quarter.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{Period, check_person, check_unit, trimmed};
use crate::collate::NameCollator;
use crate::db::{Page, Tx, new_uid, now_text};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactPoint {
    pub id: i64,
    pub leader_id: i64,
    pub leader_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub since: NaiveDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitInput {
    pub visited_on: NaiveDate,
    pub leader_id: i64,
    pub unit_id: i64,
    /// Who took part (names, free text).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub participants: Option<String>,
    /// What was found / heard.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub findings: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Visit {
    pub id: i64,
    pub uid: String,
    pub visited_on: NaiveDate,
    pub leader_id: i64,
    pub leader_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub participants: Option<String>,
    pub findings: Option<String>,
    /// Is (leader, unit) one of the leader's contact points.
    pub at_contact_point: bool,
    pub concern_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct VisitFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub leader_id: Option<i64>,
    /// This unit or one below it.
    pub unit_id: Option<i64>,
}

/// One point's coverage in a quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PointCoverage {
    pub point: ContactPoint,
    /// Visits planned in the quarter (the year's plan; 1 when none is set).
    pub planned: u32,
    pub visits: u32,
    pub last_visit: Option<NaiveDate>,
    /// visits < planned.
    pub short: bool,
}

/// Every point's coverage in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coverage {
    pub year: i32,
    pub quarter: u32,
    pub points: Vec<PointCoverage>,
    /// Points with visits ≥ planned, and all points with a plan above 0.
    pub covered: u32,
    pub total: u32,
}

/// A point's plan for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanRow {
    pub point_id: i64,
    pub year: i32,
    pub per_quarter: u32,
}

/// The longest 备注 of a point and 参加人员 of a visit.
const NOTE_MAX: usize = 500;
/// The longest 走访情况.
const FINDINGS_MAX: usize = 5000;

fn check_long(field: &'static str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
    }
    Ok(())
}

const SELECT_POINT: &str = "SELECT cp.id, cp.leader_id, p.name, cp.unit_id, u.name, cp.since,
        cp.note
   FROM contact_point cp JOIN person p ON p.id = cp.leader_id JOIN unit u ON u.id = cp.unit_id";

fn point_row(r: &Row) -> rusqlite::Result<ContactPoint> {
    Ok(ContactPoint {
        id: r.get(0)?,
        leader_id: r.get(1)?,
        leader_name: r.get(2)?,
        unit_id: r.get(3)?,
        unit_name: r.get(4)?,
        since: r.get(5)?,
        note: r.get(6)?,
    })
}

/// Orders points by the leader's name (姓氏笔画), then the unit's place in the tree.
fn point_order(conn: &Connection) -> Result<impl Fn(&ContactPoint, &ContactPoint) -> Ordering> {
    let order = super::opinion::unit_tree_order(conn)?;
    let names = NameCollator::stroke();
    Ok(move |a: &ContactPoint, b: &ContactPoint| {
        names
            .compare(&a.leader_name, &b.leader_name)
            .then(a.leader_id.cmp(&b.leader_id))
            .then_with(|| {
                let place = |p: &ContactPoint| order.get(&p.unit_id).copied().unwrap_or(usize::MAX);
                place(a).cmp(&place(b))
            })
            .then(a.id.cmp(&b.id))
    })
}

/// Every contact point (or one leader's), by leader name (姓氏笔画), then unit.
pub fn points(conn: &Connection, leader_id: Option<i64>) -> Result<Vec<ContactPoint>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_POINT} WHERE ?1 IS NULL OR cp.leader_id = ?1"
    ))?;
    let mut points: Vec<ContactPoint> = stmt
        .query_map([leader_id], point_row)?
        .collect::<rusqlite::Result<_>>()?;
    let order = point_order(conn)?;
    points.sort_by(|a, b| order(a, b));
    Ok(points)
}

fn get_point(conn: &Connection, id: i64) -> Result<ContactPoint> {
    conn.query_row(&format!("{SELECT_POINT} WHERE cp.id = ?1"), [id], point_row)
        .optional()?
        .ok_or_else(|| Error::not_found("联系点", id))
}

fn person_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))?)
}

fn unit_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM unit WHERE id = ?1", [id], |r| r.get(0))?)
}

/// Makes `unit_id` one of the leader's contact points from `since`; returns its id.
pub fn add_point(
    tx: &Tx,
    leader_id: i64,
    unit_id: i64,
    since: NaiveDate,
    note: Option<&str>,
) -> Result<i64> {
    check_person(tx, "联系领导", leader_id)?;
    check_unit(tx, "联系单位", unit_id)?;
    let note = trimmed(note.map(str::to_string));
    if let Some(n) = &note {
        check_long("备注", n, NOTE_MAX)?;
        crate::people::check_text("备注", n)?;
    }
    let leader = person_name(tx, leader_id)?;
    let unit = unit_name(tx, unit_id)?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_point WHERE leader_id = ?1 AND unit_id = ?2)",
        [leader_id, unit_id],
        |r| r.get(0),
    )?;
    if exists {
        return Err(Error::invalid(
            "联系单位",
            format!("“{unit}”已是{leader}的联系点"),
        ));
    }
    tx.execute(
        "INSERT INTO contact_point (leader_id, unit_id, since, note) VALUES (?1, ?2, ?3, ?4)",
        params![leader_id, unit_id, since, note],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!(
        "设置联系点 {id}：{leader} 联系 {unit}（自 {since} 起）"
    ));
    Ok(id)
}

/// Removes a contact point and its plans; the visits stay in the log.
pub fn remove_point(tx: &Tx, id: i64) -> Result<()> {
    let p = get_point(tx, id)?;
    tx.execute("DELETE FROM contact_point WHERE id = ?1", [id])?;
    tx.note(format!(
        "取消联系点 {id}：{} 联系 {}",
        p.leader_name, p.unit_name
    ));
    Ok(())
}

/// Every point's plan for `year` (1 visit per quarter where none is set), in the order of
/// [`points`].
pub fn plan(conn: &Connection, year: i32) -> Result<Vec<PlanRow>> {
    let per_quarter = plans(conn, year)?;
    Ok(points(conn, None)?
        .into_iter()
        .map(|p| PlanRow {
            point_id: p.id,
            year,
            per_quarter: per_quarter
                .get(&p.id)
                .copied()
                .unwrap_or(DEFAULT_PER_QUARTER),
        })
        .collect())
}

/// Visits per quarter when a year has no plan for a point.
pub const DEFAULT_PER_QUARTER: u32 = 1;

/// The plans set for `year`, by point.
fn plans(conn: &Connection, year: i32) -> Result<HashMap<i64, u32>> {
    let mut stmt =
        conn.prepare("SELECT point_id, per_quarter FROM contact_plan WHERE year = ?1")?;
    let rows = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets the visits per quarter planned for a point in `year` (0–12; 0: no visit planned).
pub fn set_plan(tx: &Tx, point_id: i64, year: i32, per_quarter: u32) -> Result<()> {
    let p = get_point(tx, point_id)?;
    Period::year(year)?;
    if per_quarter > 12 {
        return Err(Error::invalid("每季度走访次数", "应为 0–12 次"));
    }
    tx.execute(
        "INSERT INTO contact_plan (point_id, year, per_quarter) VALUES (?1, ?2, ?3)
         ON CONFLICT (point_id, year) DO UPDATE SET per_quarter = excluded.per_quarter",
        params![point_id, year, per_quarter],
    )?;
    tx.note(format!(
        "{year} 年走访计划：{} 联系 {}，每季度 {per_quarter} 次",
        p.leader_name, p.unit_name
    ));
    Ok(())
}

fn check_visit(conn: &Connection, mut v: VisitInput) -> Result<VisitInput> {
    check_person(conn, "走访领导", v.leader_id)?;
    check_unit(conn, "走访单位", v.unit_id)?;
    v.participants = trimmed(v.participants);
    if let Some(p) = &v.participants {
        check_long("参加人员", p, NOTE_MAX)?;
        crate::people::check_line("参加人员", p)?;
    }
    v.findings = trimmed(v.findings);
    if let Some(f) = &v.findings {
        check_long("走访情况", f, FINDINGS_MAX)?;
        crate::people::check_text("走访情况", f)?;
    }
    Ok(v)
}

/// Records a leader's visit to a unit (a contact point of his, or another unit); returns its id.
pub fn add_visit(tx: &Tx, input: VisitInput) -> Result<i64> {
    let v = check_visit(tx, input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO contact_visit (uid, visited_on, leader_id, unit_id, participants, findings,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            new_uid(),
            v.visited_on,
            v.leader_id,
            v.unit_id,
            v.participants,
            v.findings,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!(
        "登记联系点走访 {id}：{} {} 到 {}",
        v.visited_on,
        person_name(tx, v.leader_id)?,
        unit_name(tx, v.unit_id)?
    ));
    Ok(id)
}

/// Replaces a visit's details.
pub fn update_visit(tx: &Tx, id: i64, input: VisitInput) -> Result<()> {
    get_visit(tx, id)?;
    let v = check_visit(tx, input)?;
    tx.execute(
        "UPDATE contact_visit SET visited_on = ?2, leader_id = ?3, unit_id = ?4,
             participants = ?5, findings = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            v.visited_on,
            v.leader_id,
            v.unit_id,
            v.participants,
            v.findings,
            now_text()
        ],
    )?;
    tx.note(format!(
        "修改联系点走访 {id}：{} {} 到 {}",
        v.visited_on,
        person_name(tx, v.leader_id)?,
        unit_name(tx, v.unit_id)?
    ));
    Ok(())
}

const SELECT_VISIT: &str = "SELECT v.id, v.uid, v.visited_on, v.leader_id, p.name, v.unit_id,
        u.name, v.participants, v.findings,
        EXISTS (SELECT 1 FROM contact_point cp
                 WHERE cp.leader_id = v.leader_id AND cp.unit_id = v.unit_id)
   FROM contact_visit v JOIN person p ON p.id = v.leader_id JOIN unit u ON u.id = v.unit_id";

fn visit_row(r: &Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: r.get(0)?,
        uid: r.get(1)?,
        visited_on: r.get(2)?,
        leader_id: r.get(3)?,
        leader_name: r.get(4)?,
        unit_id: r.get(5)?,
        unit_name: r.get(6)?,
        participants: r.get(7)?,
        findings: r.get(8)?,
        at_contact_point: r.get(9)?,
        concern_ids: Vec::new(),
    })
}

fn visit_concerns(conn: &Connection, v: &mut Visit) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id FROM concern WHERE visit_id = ?1 ORDER BY id")?;
    v.concern_ids = stmt
        .query_map([v.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

pub fn get_visit(conn: &Connection, id: i64) -> Result<Visit> {
    let mut v = conn
        .query_row(&format!("{SELECT_VISIT} WHERE v.id = ?1"), [id], visit_row)
        .optional()?
        .ok_or_else(|| Error::not_found("走访记录", id))?;
    visit_concerns(conn, &mut v)?;
    Ok(v)
}

/// Visits matching `filter`, newest first, paged in SQL.
pub fn list_visits(
    conn: &Connection,
    filter: &VisitFilter,
    offset: i64,
    limit: i64,
) -> Result<Page<Visit>> {
    let mut clauses = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &dyn Fn(usize) -> String, v: Value| {
        values.push(v);
        clauses.push(clause(values.len()));
    };
    if let Some(from) = filter.from {
        bind(
            &|n| format!("v.visited_on >= ?{n}"),
            from.to_string().into(),
        );
    }
    if let Some(to) = filter.to {
        bind(&|n| format!("v.visited_on <= ?{n}"), to.to_string().into());
    }
    if let Some(leader) = filter.leader_id {
        bind(&|n| format!("v.leader_id = ?{n}"), leader.into());
    }
    if let Some(unit) = filter.unit_id {
        bind(&|n| crate::db::sql::in_subtree("v.unit_id", n), unit.into());
    }
    let clause = clauses.join(" AND ");
    let mut page = crate::db::sql::page(
        conn,
        SELECT_VISIT,
        "contact_visit v",
        &clause,
        values,
        "v.visited_on DESC, v.id DESC",
        (offset, limit),
        visit_row,
    )?;
    for v in &mut page.items {
        visit_concerns(conn, v)?;
    }
    Ok(page)
}

/// Every point set up by the quarter's end, with the visits planned (the year's plan) and
/// made in the quarter; points short of their plan first, then by leader. `last_visit` is the
/// leader's latest visit to the unit up to the quarter's end (earlier quarters included).
pub fn coverage(conn: &Connection, year: i32, quarter: u32) -> Result<Coverage> {
    let period = Period::quarter(year, quarter)?;
    let per_quarter = plans(conn, year)?;
    let mut count = conn.prepare(
        "SELECT count(*) FILTER (WHERE visited_on >= ?3), max(visited_on)
           FROM contact_visit
          WHERE leader_id = ?1 AND unit_id = ?2 AND visited_on <= ?4",
    )?;
    let mut rows = Vec::new();
    for point in points(conn, None)? {
        if point.since > period.to {
            continue;
        }
        let planned = per_quarter
            .get(&point.id)
            .copied()
            .unwrap_or(DEFAULT_PER_QUARTER);
        let (visits, last_visit): (u32, Option<NaiveDate>) = count.query_row(
            params![point.leader_id, point.unit_id, period.from, period.to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        rows.push(PointCoverage {
            point,
            planned,
            visits,
            last_visit,
            short: visits < planned,
        });
    }
    // `points` is already by leader then unit; a stable sort keeps that within each group.
    rows.sort_by_key(|r| !r.short);
    let planned: Vec<&PointCoverage> = rows.iter().filter(|r| r.planned > 0).collect();
    let total = planned.len() as u32;
    let covered = planned.iter().filter(|r| r.visits >= r.planned).count() as u32;
    Ok(Coverage {
        year,
        quarter,
        points: rows,
        covered,
        total,
    })
}
