//! 思想动态与舆情研判: what was observed (internal mood, or an online item about the company),
//! graded 一般 / 较大 / 重大, its trend, the assessment and measures, and for 较大 / 重大 when it
//! was reported up. A 重大 entry not reported within [`REPORT_HOURS`] is flagged.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{check_unit, trimmed};
use crate::codes::{OpinionKind, OpinionLevel, OpinionTrend};
use crate::db::{Page, Tx, datetime_text, new_uid, now_text};
use crate::error::{Error, Result};

/// 设置: hours within which a 重大 entry must be reported up (default 2).
pub const REPORT_HOURS: crate::settings::Key = crate::settings::Key {
    name: "voice.report_hours",
    label: "重大舆情上报时限（小时）",
    check: check_hours,
};

pub const DEFAULT_REPORT_HOURS: u32 = 2;

fn check_hours(v: &str) -> crate::Result<()> {
    match v.parse::<u32>() {
        Ok(h) if (1..=72).contains(&h) => Ok(()),
        _ => Err(crate::Error::invalid(
            "重大舆情上报时限",
            "请填写 1–72 之间的整数（小时）",
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpinionInput {
    pub observed_at: NaiveDateTime,
    pub kind: OpinionKind,
    /// Where: 班组会 / 微信群 / 某论坛 …
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub channel: Option<String>,
    /// What was observed, in a line.
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub detail: Option<String>,
    /// The units it concerns.
    #[serde(default)]
    pub unit_ids: Vec<i64>,
    pub level: OpinionLevel,
    pub trend: OpinionTrend,
    /// 研判意见.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub assessment: Option<String>,
    /// 处置措施.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub measures: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Opinion {
    pub id: i64,
    pub uid: String,
    pub observed_at: NaiveDateTime,
    pub kind: OpinionKind,
    pub channel: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub unit_ids: Vec<i64>,
    /// The units' names, joined with 、.
    pub units: String,
    pub level: OpinionLevel,
    pub trend: OpinionTrend,
    pub assessment: Option<String>,
    pub measures: Option<String>,
    pub reported_at: Option<NaiveDateTime>,
    pub reported_to: Option<String>,
    /// When a 重大 entry must be reported by (observed_at + the hours in 设置); None otherwise.
    pub report_due: Option<NaiveDateTime>,
    /// A 重大 entry not reported by `report_due` at the time asked about (reported late counts
    /// as not flagged once reported; `reported_late` says it).
    pub unreported_flag: bool,
    pub reported_late: bool,
    /// Concerns created from this entry.
    pub concern_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct OpinionFilter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub kind: Option<OpinionKind>,
    pub level: Option<OpinionLevel>,
    pub trend: Option<OpinionTrend>,
    /// Concerning this unit or one below it.
    pub unit_id: Option<i64>,
    /// 重大 and not reported in time (as of now).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub unreported: bool,
    pub search: Option<String>,
}

/// Hours within which a 重大 entry must be reported up: 设置 `voice.report_hours`, else
/// [`DEFAULT_REPORT_HOURS`] (a stored value that no longer passes the check counts as unset).
pub fn report_hours(conn: &Connection) -> Result<u32> {
    Ok(crate::settings::get(conn, REPORT_HOURS.name)?
        .and_then(|v| {
            check_hours(v.trim())
                .ok()
                .and_then(|()| v.trim().parse::<u32>().ok())
        })
        .unwrap_or(DEFAULT_REPORT_HOURS))
}

/// The longest title, in characters.
const TITLE_MAX: usize = 100;
/// The longest 渠道 and 上报对象.
const LINE_MAX: usize = 100;
/// The longest 详细情况, 研判意见 and 处置措施.
const TEXT_MAX: usize = 5000;

fn check_long(field: &'static str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
    }
    Ok(())
}

fn check(conn: &Connection, mut o: OpinionInput) -> Result<OpinionInput> {
    o.title = o.title.trim().to_string();
    if o.title.is_empty() {
        return Err(Error::invalid("标题", "不能为空"));
    }
    check_long("标题", &o.title, TITLE_MAX)?;
    crate::people::check_line("标题", &o.title)?;
    o.channel = trimmed(o.channel);
    if let Some(c) = &o.channel {
        check_long("渠道", c, LINE_MAX)?;
        crate::people::check_line("渠道", c)?;
    }
    o.detail = trimmed(o.detail);
    o.assessment = trimmed(o.assessment);
    o.measures = trimmed(o.measures);
    for (field, value) in [
        ("详细情况", &o.detail),
        ("研判意见", &o.assessment),
        ("处置措施", &o.measures),
    ] {
        if let Some(v) = value {
            check_long(field, v, TEXT_MAX)?;
            crate::people::check_text(field, v)?;
        }
    }
    let mut units = Vec::with_capacity(o.unit_ids.len());
    for id in o.unit_ids {
        if !units.contains(&id) {
            check_unit(conn, "涉及单位", id)?;
            units.push(id);
        }
    }
    o.unit_ids = units;
    Ok(o)
}

fn write_units(tx: &Tx, id: i64, units: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM opinion_unit WHERE opinion_id = ?1", [id])?;
    let mut stmt =
        tx.prepare_cached("INSERT INTO opinion_unit (opinion_id, unit_id) VALUES (?1, ?2)")?;
    for unit in units {
        stmt.execute([id, *unit])?;
    }
    Ok(())
}

/// Records one entry; returns its id.
pub fn add(tx: &Tx, input: OpinionInput) -> Result<i64> {
    let o = check(tx, input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO opinion (uid, observed_at, kind, channel, title, detail, level, trend,
             assessment, measures, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            new_uid(),
            datetime_text(o.observed_at),
            o.kind,
            o.channel,
            o.title,
            o.detail,
            o.level,
            o.trend,
            o.assessment,
            o.measures,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_units(tx, id, &o.unit_ids)?;
    tx.note(format!("登记思想动态 {id} {}（{}）", o.title, o.level));
    Ok(id)
}

/// Replaces an entry's details (when and to whom it was reported stay).
pub fn update(tx: &Tx, id: i64, input: OpinionInput) -> Result<()> {
    let old = fetch(tx, id)?;
    let o = check(tx, input)?;
    if let Some(at) = old.reported_at
        && at < o.observed_at
    {
        return Err(Error::invalid(
            "发现时间",
            format!("不能晚于上报时间 {}", datetime_text(at)),
        ));
    }
    tx.execute(
        "UPDATE opinion SET observed_at = ?2, kind = ?3, channel = ?4, title = ?5, detail = ?6,
             level = ?7, trend = ?8, assessment = ?9, measures = ?10, updated_at = ?11
         WHERE id = ?1",
        params![
            id,
            datetime_text(o.observed_at),
            o.kind,
            o.channel,
            o.title,
            o.detail,
            o.level,
            o.trend,
            o.assessment,
            o.measures,
            now_text(),
        ],
    )?;
    write_units(tx, id, &o.unit_ids)?;
    tx.note(format!("修改思想动态 {id} {}（{}）", o.title, o.level));
    Ok(())
}

/// Records that the entry was reported up, at `at`, to `to` (上报对象, required).
pub fn mark_reported(tx: &Tx, id: i64, at: NaiveDateTime, to: &str) -> Result<()> {
    let o = fetch(tx, id)?;
    let to = to.trim();
    if to.is_empty() {
        return Err(Error::invalid("上报对象", "不能为空"));
    }
    check_long("上报对象", to, LINE_MAX)?;
    crate::people::check_line("上报对象", to)?;
    if at < o.observed_at {
        return Err(Error::invalid(
            "上报时间",
            format!("不能早于发现时间 {}", datetime_text(o.observed_at)),
        ));
    }
    tx.execute(
        "UPDATE opinion SET reported_at = ?2, reported_to = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, datetime_text(at), to, now_text()],
    )?;
    tx.note(format!(
        "思想动态 {id} {} 于 {} 上报{to}",
        o.title,
        datetime_text(at)
    ));
    Ok(())
}

const SELECT_OPINION: &str = "SELECT o.id, o.uid, o.observed_at, o.kind, o.channel, o.title,
        o.detail, o.level, o.trend, o.assessment, o.measures, o.reported_at, o.reported_to
   FROM opinion o";

fn from_row(r: &Row) -> rusqlite::Result<Opinion> {
    Ok(Opinion {
        id: r.get(0)?,
        uid: r.get(1)?,
        observed_at: r.get(2)?,
        kind: r.get(3)?,
        channel: r.get(4)?,
        title: r.get(5)?,
        detail: r.get(6)?,
        unit_ids: Vec::new(),
        units: String::new(),
        level: r.get(7)?,
        trend: r.get(8)?,
        assessment: r.get(9)?,
        measures: r.get(10)?,
        reported_at: r.get(11)?,
        reported_to: r.get(12)?,
        report_due: None,
        unreported_flag: false,
        reported_late: false,
        concern_ids: Vec::new(),
    })
}

/// The row alone (no units, concerns or flags).
fn fetch(conn: &Connection, id: i64) -> Result<Opinion> {
    conn.query_row(&format!("{SELECT_OPINION} WHERE o.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("思想动态", id))
}

/// Each unit's place in the tree (parents before children, siblings by their sort order).
pub(crate) fn unit_tree_order(conn: &Connection) -> Result<HashMap<i64, usize>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE t(id, sort_key) AS (
             SELECT id, printf('%08d', sort_order) || '.' || printf('%08d', id)
               FROM unit WHERE parent_id IS NULL
             UNION ALL
             SELECT u.id,
                    t.sort_key || '/' || printf('%08d', u.sort_order) || '.' || printf('%08d', u.id)
               FROM unit u JOIN t ON u.parent_id = t.id)
         SELECT id FROM t ORDER BY sort_key",
    )?;
    let ids = stmt
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect())
}

/// Fills in the units, the concerns and the flags as of `now`.
fn complete(
    conn: &Connection,
    o: &mut Opinion,
    hours: u32,
    now: NaiveDateTime,
    order: &HashMap<i64, usize>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name FROM opinion_unit ou JOIN unit u ON u.id = ou.unit_id
          WHERE ou.opinion_id = ?1",
    )?;
    let mut units: Vec<(i64, String)> = stmt
        .query_map([o.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    units.sort_by_key(|(id, _)| (order.get(id).copied().unwrap_or(usize::MAX), *id));
    o.unit_ids = units.iter().map(|(id, _)| *id).collect();
    o.units = units
        .into_iter()
        .map(|(_, name)| name)
        .collect::<Vec<_>>()
        .join("、");
    let mut stmt =
        conn.prepare_cached("SELECT id FROM concern WHERE opinion_id = ?1 ORDER BY id")?;
    o.concern_ids = stmt
        .query_map([o.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    o.report_due = (o.level == OpinionLevel::Grave)
        .then(|| {
            o.observed_at
                .checked_add_signed(Duration::hours(i64::from(hours)))
        })
        .flatten();
    o.unreported_flag = o.reported_at.is_none() && o.report_due.is_some_and(|due| now > due);
    o.reported_late = o
        .reported_at
        .zip(o.report_due)
        .is_some_and(|(at, due)| at > due);
    Ok(())
}

/// One entry, its flags as of `now`.
pub fn get(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<Opinion> {
    let mut o = fetch(conn, id)?;
    let hours = report_hours(conn)?;
    complete(conn, &mut o, hours, now, &unit_tree_order(conn)?)?;
    Ok(o)
}

/// The latest observation time a 重大 entry unreported at `now` can have (it is flagged when
/// observed before it), as stored text.
fn flag_cutoff(now: NaiveDateTime, hours: u32) -> String {
    datetime_text(
        now.checked_sub_signed(Duration::hours(i64::from(hours)))
            .unwrap_or(NaiveDateTime::MIN),
    )
}

/// Entries matching `filter`, newest observed first, paged in SQL; flags as of `now`.
pub fn list(
    conn: &Connection,
    filter: &OpinionFilter,
    now: NaiveDateTime,
    offset: i64,
    limit: i64,
) -> Result<Page<Opinion>> {
    let hours = report_hours(conn)?;
    let mut clauses = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &dyn Fn(usize) -> String, v: Value| {
        values.push(v);
        clauses.push(clause(values.len()));
    };
    if let Some(from) = filter.from {
        bind(
            &|n| format!("o.observed_at >= ?{n}"),
            from.to_string().into(),
        );
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        bind(&|n| format!("o.observed_at < ?{n}"), to.to_string().into());
    }
    if let Some(kind) = filter.kind {
        bind(
            &|n| format!("o.kind = ?{n}"),
            kind.code().to_string().into(),
        );
    }
    if let Some(level) = filter.level {
        bind(
            &|n| format!("o.level = ?{n}"),
            level.code().to_string().into(),
        );
    }
    if let Some(trend) = filter.trend {
        bind(
            &|n| format!("o.trend = ?{n}"),
            trend.code().to_string().into(),
        );
    }
    if let Some(unit) = filter.unit_id {
        bind(
            &|n| {
                format!(
                    "EXISTS (SELECT 1 FROM opinion_unit ou WHERE ou.opinion_id = o.id AND {})",
                    crate::db::sql::in_subtree("ou.unit_id", n)
                )
            },
            unit.into(),
        );
    }
    if filter.unreported {
        bind(
            &|n| format!("o.level = 'grave' AND o.reported_at IS NULL AND o.observed_at < ?{n}"),
            flag_cutoff(now, hours).into(),
        );
    }
    if let Some(q) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        let pattern = format!("%{}%", crate::db::sql::like_literal(q));
        bind(
            &|n| {
                format!(
                    "(o.title LIKE ?{n} ESCAPE '\\' OR o.detail LIKE ?{n} ESCAPE '\\'
                      OR o.channel LIKE ?{n} ESCAPE '\\')"
                )
            },
            pattern.into(),
        );
    }
    let clause = clauses.join(" AND ");
    let mut page = crate::db::sql::page(
        conn,
        SELECT_OPINION,
        "opinion o",
        &clause,
        values,
        "o.observed_at DESC, o.id DESC",
        (offset, limit),
        from_row,
    )?;
    let order = unit_tree_order(conn)?;
    for o in &mut page.items {
        complete(conn, o, hours, now, &order)?;
    }
    Ok(page)
}

/// 重大 entries not reported and past their time limit at `now`, oldest first.
pub fn unreported(conn: &Connection, now: NaiveDateTime) -> Result<Vec<Opinion>> {
    let hours = report_hours(conn)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT_OPINION} WHERE o.level = 'grave' AND o.reported_at IS NULL
            AND o.observed_at < ?1 ORDER BY o.observed_at, o.id"
    ))?;
    let mut items: Vec<Opinion> = stmt
        .query_map([flag_cutoff(now, hours)], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let order = unit_tree_order(conn)?;
    for o in &mut items {
        complete(conn, o, hours, now, &order)?;
    }
    Ok(items)
}
