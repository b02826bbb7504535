//! 职工思想动态分析报告: for a period and a unit (or the whole company), the figures the app
//! fills in (concerns by category / unit / status, on-time and satisfaction rates, opinion
//! entries by level and trend, the most frequent topics, 座谈会 / 谈心谈话 / 联系点走访 counts
//! and coverage) beside the cadre's own text for 总体情况, 主要思想动态, 原因分析, 下一步措施.
//! The text is kept; the figures are computed whenever the report is shown or printed.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Period, check_unit, trimmed};
use crate::codes::{ConcernSource, ConcernStatus, OpinionLevel, OpinionTrend};
use crate::db::sql::in_subtree;
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::people::{check_line, check_text};
use crate::units;

/// What the cadre writes and keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportInput {
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit_id: Option<i64>,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// 一、总体情况
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub overall: Option<String>,
    /// 二、主要思想动态
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub main_trends: Option<String>,
    /// 三、原因分析
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub causes: Option<String>,
    /// 四、下一步措施
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub next_steps: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedReport {
    pub id: i64,
    pub uid: String,
    pub input: ReportInput,
    pub unit_name: Option<String>,
    pub updated_at: String,
}

/// A count under a name (a category, a unit, a level …).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tally {
    pub name: String,
    pub count: i64,
}

/// Every figure of the report, for one period and unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Figures {
    pub period: Period,
    pub unit_id: Option<i64>,
    /// The unit's name, or the company's (the root unit) for the whole company.
    pub unit_name: String,
    /// Concerns received in the period (about the unit or below it).
    pub concerns: i64,
    pub by_category: Vec<Tally>,
    pub by_unit: Vec<Tally>,
    pub by_status: Vec<Tally>,
    pub by_source: Vec<Tally>,
    /// Of the period's concerns answered (已答复 / 已办结): how many by their deadline.
    pub answered: i64,
    pub answered_on_time: i64,
    pub on_time_rate: Option<f64>,
    /// Still open and past the deadline at the period's end.
    pub overdue: i64,
    /// Rated concerns, and of them 满意 / 基本满意 / 不满意.
    pub rated: i64,
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub unsatisfied: i64,
    /// (满意 + 基本满意) ÷ rated.
    pub satisfaction_rate: Option<f64>,
    pub escalated: i64,
    /// Opinion entries observed in the period.
    pub opinions: i64,
    pub by_level: Vec<Tally>,
    pub by_trend: Vec<Tally>,
    /// 重大 entries not reported in time.
    pub grave_unreported: i64,
    /// The most frequent topics: concern categories and opinion titles' categories, most first
    /// (at most 5).
    pub top_topics: Vec<Tally>,
    /// 职工座谈会 held in the period (organised by the unit or below it).
    pub forums: i64,
    pub talks: i64,
    /// Share of staff in post talked with at least once in the period.
    pub talk_staff: i64,
    pub talk_talked: i64,
    pub talk_coverage: Option<f64>,
    pub visits: i64,
    /// Contact points (in the unit) and, of them, visited at least once in the period.
    pub points: i64,
    pub points_visited: i64,
    pub visit_coverage: Option<f64>,
}

/// The longest title and section text.
const TITLE_MAX: usize = 60;
const TEXT_MAX: usize = 5000;

/// What an unnamed unit is tallied under.
pub const NO_UNIT: &str = "未指定单位";

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// One tally per value of an enumeration, in its order (zeros kept), counted by `count`.
fn tallies<T: Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
    count: impl Fn(T) -> i64,
) -> Vec<Tally> {
    all.iter()
        .map(|&v| Tally {
            name: label(v).to_string(),
            count: count(v),
        })
        .collect()
}

/// Every figure of the report for `period` and `unit_id` (None: the whole company). Concerns
/// still open are judged overdue as of the period's last day (or today, if earlier); a 重大
/// entry counts as not reported in time when it had not been reported by its due time at `now`.
pub fn figures(
    conn: &Connection,
    period: Period,
    unit_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<Figures> {
    if let Some(id) = unit_id {
        check_unit(conn, "单位", id)?;
    }
    let unit_name = units::scope_name(conn, unit_id)?;
    let as_of = period.to.min(now.date());
    // ?1 from, ?2 to, ?3 the unit (NULL: all).
    let p = params![period.from, period.to, unit_id];
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, p, |r| r.get(0))?) };

    let concern_where = format!(
        "c.received_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR {})",
        in_subtree("c.unit_id", 3)
    );

    // By category, in the categories' order (only those with concerns).
    let mut stmt = conn.prepare(&format!(
        "SELECT k.name, count(*) FROM concern c JOIN concern_category k ON k.id = c.category_id
          WHERE {concern_where} GROUP BY k.id ORDER BY k.position, k.id"
    ))?;
    let by_category: Vec<Tally> = stmt
        .query_map(p, |r| {
            Ok(Tally {
                name: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // By unit, in the unit tree's order, unnamed last.
    let mut stmt = conn.prepare(&format!(
        "SELECT c.unit_id, u.name, count(*) FROM concern c LEFT JOIN unit u ON u.id = c.unit_id
          WHERE {concern_where} GROUP BY c.unit_id"
    ))?;
    let mut units_found: Vec<(Option<i64>, Option<String>, i64)> = stmt
        .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let ranks = crate::xlsx::export::unit_ranks(conn)?;
    units_found.sort_by_key(|(id, _, _)| {
        id.and_then(|id| ranks.get(&id).copied())
            .unwrap_or(i64::MAX)
    });
    let by_unit = units_found
        .into_iter()
        .map(|(_, name, count)| Tally {
            name: name.unwrap_or_else(|| NO_UNIT.to_string()),
            count,
        })
        .collect();

    // By status and source: every status (zeros kept), the sources that occur.
    let mut stmt = conn.prepare(&format!(
        "SELECT c.status, c.source, count(*) FROM concern c WHERE {concern_where}
          GROUP BY c.status, c.source"
    ))?;
    let pairs: Vec<(ConcernStatus, ConcernSource, i64)> = stmt
        .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let concerns: i64 = pairs.iter().map(|x| x.2).sum();
    let by_status = tallies(ConcernStatus::ALL, ConcernStatus::label, |s| {
        pairs.iter().filter(|x| x.0 == s).map(|x| x.2).sum()
    });
    let mut by_source = tallies(ConcernSource::ALL, ConcernSource::label, |s| {
        pairs.iter().filter(|x| x.1 == s).map(|x| x.2).sum()
    });
    by_source.retain(|t| t.count > 0);

    // Answered, on time, overdue, satisfaction, escalated. A concern answered after `as_of`
    // was still open on that day.
    let (answered, answered_on_time, overdue, rated, satisfied, basically, unsatisfied, escalated) =
        conn.query_row(
            &format!(
                "SELECT count(c.replied_on),
                        count(CASE WHEN c.replied_on <= c.deadline THEN 1 END),
                        count(CASE WHEN (c.status IN ('received', 'in_progress')
                                         OR c.replied_on > ?4) AND ?4 > c.deadline THEN 1 END),
                        count(c.satisfaction),
                        count(CASE WHEN c.satisfaction = 'satisfied' THEN 1 END),
                        count(CASE WHEN c.satisfaction = 'basically' THEN 1 END),
                        count(CASE WHEN c.satisfaction = 'unsatisfied' THEN 1 END),
                        count(c.escalated_on)
                   FROM concern c WHERE {concern_where}"
            ),
            params![period.from, period.to, unit_id, as_of],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            },
        )?;

    let mut top_topics: Vec<Tally> = by_category.clone();
    // Stable: ties keep the categories' order.
    top_topics.sort_by_key(|t| std::cmp::Reverse(t.count));
    top_topics.truncate(5);

    // Opinion entries observed in the period, concerning the unit or below it.
    let opinion_where = format!(
        "substr(o.observed_at, 1, 10) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR EXISTS
             (SELECT 1 FROM opinion_unit ou WHERE ou.opinion_id = o.id AND {}))",
        in_subtree("ou.unit_id", 3)
    );
    let mut stmt = conn.prepare(&format!(
        "SELECT o.level, o.trend, count(*) FROM opinion o WHERE {opinion_where}
          GROUP BY o.level, o.trend"
    ))?;
    let pairs: Vec<(OpinionLevel, OpinionTrend, i64)> = stmt
        .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let opinions: i64 = pairs.iter().map(|x| x.2).sum();
    let by_level = tallies(OpinionLevel::ALL, OpinionLevel::label, |l| {
        pairs.iter().filter(|x| x.0 == l).map(|x| x.2).sum()
    });
    let by_trend = tallies(OpinionTrend::ALL, OpinionTrend::label, |t| {
        pairs.iter().filter(|x| x.1 == t).map(|x| x.2).sum()
    });
    let hours = super::opinion::report_hours(conn)?;
    let grave_unreported: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM opinion o WHERE {opinion_where} AND o.level = 'grave'
                AND o.reported_at IS NULL
                AND datetime(o.observed_at, '+' || ?4 || ' hours') < ?5"
        ),
        params![
            period.from,
            period.to,
            unit_id,
            hours,
            crate::db::datetime_text(now)
        ],
        |r| r.get(0),
    )?;

    let forums = count(&format!(
        "SELECT count(*) FROM activity a
          WHERE a.kind = 'forum' AND a.status = 'held'
            AND substr(a.starts_at, 1, 10) BETWEEN ?1 AND ?2
            AND (?3 IS NULL OR {})",
        in_subtree("a.organizer_unit_id", 3)
    ))?;
    let talks = count(&format!(
        "SELECT count(*) FROM talk t JOIN person p ON p.id = t.person_id
          WHERE t.talked_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR {})",
        in_subtree("p.unit_id", 3)
    ))?;
    let (talk_staff, talk_talked) = talk_coverage(conn, period, unit_id, now.date())?;

    let visits = count(&format!(
        "SELECT count(*) FROM contact_visit v
          WHERE v.visited_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR {})",
        in_subtree("v.unit_id", 3)
    ))?;
    // Points set up by the period's end.
    let (points, points_visited) = conn.query_row(
        &format!(
            "SELECT count(*), count(CASE WHEN EXISTS
                    (SELECT 1 FROM contact_visit v WHERE v.leader_id = cp.leader_id
                        AND v.unit_id = cp.unit_id AND v.visited_on BETWEEN ?1 AND ?2)
                    THEN 1 END)
               FROM contact_point cp
              WHERE cp.since <= ?2 AND (?3 IS NULL OR {})",
            in_subtree("cp.unit_id", 3)
        ),
        p,
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )?;

    Ok(Figures {
        period,
        unit_id,
        unit_name,
        concerns,
        by_category,
        by_unit,
        by_status,
        by_source,
        answered,
        answered_on_time,
        on_time_rate: rate(answered_on_time, answered),
        overdue,
        rated,
        satisfied,
        basically_satisfied: basically,
        unsatisfied,
        satisfaction_rate: rate(satisfied + basically, rated),
        escalated,
        opinions,
        by_level,
        by_trend,
        grave_unreported,
        top_topics,
        forums,
        talks,
        talk_staff,
        talk_talked,
        talk_coverage: rate(talk_talked, talk_staff),
        visits,
        points,
        points_visited,
        visit_coverage: rate(points_visited, points),
    })
}

/// Staff in post in the unit (and below it) and, of them, talked with in the period: the
/// first row of the 谈心谈话 coverage.
fn talk_coverage(
    conn: &Connection,
    period: Period,
    unit_id: Option<i64>,
    today: NaiveDate,
) -> Result<(i64, i64)> {
    let c = super::talk::coverage(conn, period, unit_id, today)?;
    Ok(c.units.first().map_or((0, 0), |u| (u.staff, u.talked)))
}

const SELECT_REPORT: &str = "SELECT r.id, r.uid, r.title, r.unit_id, r.period_from, r.period_to,
        r.overall, r.main_trends, r.causes, r.next_steps, u.name, r.updated_at
   FROM opinion_report r LEFT JOIN unit u ON u.id = r.unit_id";

fn report_row(r: &rusqlite::Row) -> rusqlite::Result<SavedReport> {
    Ok(SavedReport {
        id: r.get(0)?,
        uid: r.get(1)?,
        input: ReportInput {
            title: r.get(2)?,
            unit_id: r.get(3)?,
            period_from: r.get(4)?,
            period_to: r.get(5)?,
            overall: r.get(6)?,
            main_trends: r.get(7)?,
            causes: r.get(8)?,
            next_steps: r.get(9)?,
        },
        unit_name: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// Every saved report, the newest period first.
pub fn list(conn: &Connection) -> Result<Vec<SavedReport>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_REPORT} ORDER BY r.period_to DESC, r.period_from DESC, r.id DESC"
    ))?;
    let list = stmt
        .query_map([], report_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

pub fn get(conn: &Connection, id: i64) -> Result<SavedReport> {
    conn.query_row(
        &format!("{SELECT_REPORT} WHERE r.id = ?1"),
        [id],
        report_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("思想动态分析报告", id))
}

fn check(conn: &Connection, mut input: ReportInput) -> Result<ReportInput> {
    input.title = input.title.trim().to_string();
    if input.title.is_empty() {
        return Err(Error::invalid("标题", "请填写报告标题"));
    }
    check_line("标题", &input.title)?;
    if input.title.chars().count() > TITLE_MAX {
        return Err(Error::invalid("标题", format!("不能超过 {TITLE_MAX} 个字")));
    }
    if input.period_to < input.period_from {
        return Err(Error::invalid("结束日期", "不能早于开始日期"));
    }
    if let Some(id) = input.unit_id {
        check_unit(conn, "单位", id)?;
    }
    for (field, text) in [
        ("总体情况", &mut input.overall),
        ("主要思想动态", &mut input.main_trends),
        ("原因分析", &mut input.causes),
        ("下一步措施", &mut input.next_steps),
    ] {
        *text = trimmed(text.take());
        if let Some(t) = text.as_deref() {
            check_text(field, t)?;
            if t.chars().count() > TEXT_MAX {
                return Err(Error::invalid(field, format!("不能超过 {TEXT_MAX} 个字")));
            }
        }
    }
    Ok(input)
}

/// Saves a new report (`id` None) or changes one; returns its id.
pub fn save(tx: &Tx, id: Option<i64>, input: ReportInput) -> Result<i64> {
    let r = check(tx, input)?;
    let now = now_text();
    let id = match id {
        Some(id) => {
            get(tx, id)?;
            tx.execute(
                "UPDATE opinion_report SET title = ?2, unit_id = ?3, period_from = ?4,
                        period_to = ?5, overall = ?6, main_trends = ?7, causes = ?8,
                        next_steps = ?9, updated_at = ?10
                  WHERE id = ?1",
                params![
                    id,
                    r.title,
                    r.unit_id,
                    r.period_from,
                    r.period_to,
                    r.overall,
                    r.main_trends,
                    r.causes,
                    r.next_steps,
                    now
                ],
            )?;
            tx.note(format!("修改思想动态分析报告 {id} {}", r.title));
            id
        }
        None => {
            tx.execute(
                "INSERT INTO opinion_report (uid, title, unit_id, period_from, period_to,
                        overall, main_trends, causes, next_steps, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    new_uid(),
                    r.title,
                    r.unit_id,
                    r.period_from,
                    r.period_to,
                    r.overall,
                    r.main_trends,
                    r.causes,
                    r.next_steps,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.note(format!("新增思想动态分析报告 {id} {}", r.title));
            id
        }
    };
    Ok(id)
}

pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    let r = get(tx, id)?;
    tx.execute("DELETE FROM opinion_report WHERE id = ?1", [id])?;
    tx.note(format!("删除思想动态分析报告 {id} {}", r.input.title));
    Ok(())
}
