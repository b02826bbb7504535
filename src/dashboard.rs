//! 工作台: what the home screen shows at a glance.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::activities::{self, Activity, ActivityFilter};
use crate::attendance::{self, Counts, RateQuery};
use crate::codes::ActivityStatus;
use crate::error::Result;
use crate::evaluation::{RoundWaiting, round};
use crate::structure::retirement::Overdue;
use crate::structure::{Config, Population, Staff, Structure, StructureQuery, Warning};
use crate::voice::Period;
use crate::voice::concern::{self, Concern, ConcernFilter};
use crate::voice::contact::{self, PointCoverage};
use crate::voice::opinion::{self, Opinion};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Dashboard"))]
pub struct Overview {
    pub today: NaiveDate,
    /// Planned activities from today on, soonest first.
    pub upcoming: Vec<Activity>,
    /// The latest held activities.
    pub latest: Vec<Activity>,
    /// Attendance over this month's held activities.
    pub month: Counts,
    pub month_activities: i64,
    /// The whole company's staff structure today.
    pub structure: Structure,
    /// 队伍结构 warnings for the whole company: all staff, then the 政工干部.
    pub warnings: Vec<ScopedWarning>,
    /// A data warning: people in post by the record past their legal retirement date, longest
    /// overdue first.
    pub overdue: Vec<Overdue>,
    /// Women in post without 干部 / 工人 recorded: not judged for `overdue`.
    pub retirement_category_missing: i64,
    /// How many units there are, and people without a 离职 recorded: the 工作台 shows how to
    /// begin while either is 0 (a new database).
    pub unit_count: i64,
    pub staff_count: i64,
    /// 党群沟通: concerns not yet 已办结, and of them those past their deadline unanswered.
    pub concerns_open: i64,
    pub concerns_overdue: i64,
    /// The most overdue concerns (at most 8).
    pub overdue_concerns: Vec<Concern>,
    /// 重大 opinion entries not reported up within the time set in 设置, oldest first.
    pub unreported_opinions: Vec<Opinion>,
    /// This quarter's contact points short of their planned visits.
    pub unvisited_points: Vec<PointCoverage>,
    /// 考核 waiting for marks (评分中) or for the subjects' confirmation (结果反馈).
    pub eval_waiting: Vec<RoundWaiting>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScopedWarning {
    /// 全体在职职工 / 政工干部.
    pub population: &'static str,
    #[serde(flatten)]
    pub warning: Warning,
}

/// The 工作台 at `now` (the day's figures for its date; 重大 opinion entries judged at the time).
pub fn overview(conn: &Connection, now: NaiveDateTime) -> Result<Overview> {
    let today = now.date();
    let upcoming_filter = ActivityFilter {
        from: Some(today),
        status: Some(ActivityStatus::Planned),
        ascending: true,
        ..Default::default()
    };
    let upcoming = activities::list(conn, &upcoming_filter, 0, 8)?.items;
    let held = ActivityFilter {
        status: Some(ActivityStatus::Held),
        ..Default::default()
    };
    let latest = activities::list(conn, &held, 0, 8)?.items;
    let first = today.with_day(1).unwrap_or(today);
    let month = RateQuery {
        from: first,
        to: today,
        unit_id: None,
        kinds: Vec::new(),
    };
    let (month, month_activities) = attendance::period_counts_on(conn, &month, today)?;
    let cfg = Config::load(conn)?;
    // One read of the company's staff for the structure and both populations' warnings.
    let staff = Staff::load(conn, None)?;
    let query = |population| StructureQuery {
        unit_id: None,
        population,
        as_of: today,
    };
    let structure = staff.structure(&query(Population::All), &cfg.brackets);
    let mut warnings: Vec<ScopedWarning> = Vec::new();
    for population in [Population::All, Population::Cadres] {
        for warning in staff.warnings(&query(population), &cfg) {
            // 后备不足 compares the unit's reserves with its cadres: the same for every
            // population, so it is said once.
            if warnings.iter().any(|w| w.warning == warning) {
                continue;
            }
            warnings.push(ScopedWarning {
                population: population.label(),
                warning,
            });
        }
    }
    let overdue = staff.overdue(today);
    let (unit_count, staff_count) = conn.query_row(
        "SELECT (SELECT count(*) FROM unit), (SELECT count(*) FROM person WHERE left_date IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (concerns_open, concerns_overdue) = concern::open_counts(conn, today)?;
    let overdue_filter = ConcernFilter {
        overdue: true,
        ..Default::default()
    };
    let mut overdue_concerns = concern::list(conn, &overdue_filter, today, 0, 1000)?.items;
    overdue_concerns.sort_by_key(|c| (std::cmp::Reverse(c.overdue_days), c.id));
    overdue_concerns.truncate(8);
    let quarter = Period::quarter_of(today);
    let quarter_no = (quarter.from.month() - 1) / 3 + 1;
    let unvisited_points = contact::coverage(conn, quarter.from.year(), quarter_no)?
        .points
        .into_iter()
        .filter(|p| p.short)
        .collect();
    Ok(Overview {
        concerns_open,
        concerns_overdue,
        overdue_concerns,
        unreported_opinions: opinion::unreported(conn, now)?,
        unvisited_points,
        eval_waiting: round::waiting(conn)?,
        warnings,
        overdue: overdue.people,
        retirement_category_missing: overdue.retirement_category_missing,
        unit_count,
        staff_count,
        today,
        upcoming,
        latest,
        month,
        month_activities,
        structure,
    })
}
