//! The figures automatic indicators read, for the evaluated cadre's unit (and below) and the
//! round's period — each from the module whose screen shows the same number, so 考核 and
//! 出勤统计 / 群众诉求 / 活动 never disagree:
//! - 组织活动次数: [`crate::activities::list`] (held in the period, organised by the unit or
//!   below) `total`;
//! - 活动出勤率: [`crate::attendance::rates_by_unit`] (the 出勤统计 按单位 figure: people now in
//!   the unit or below, held activities of the period) in percent — read once for the whole
//!   tree (a few ms at city scale) however many units the round's subjects are in;
//! - 诉求按期答复率 / 满意率 / 走访覆盖率 / 谈话覆盖率 / 座谈会次数:
//!   [`crate::voice::report::figures`] (rates in percent);
//! - 35岁及以下占比 / 后备人才与政工干部之比: [`crate::structure::snapshot`] of the staff in post
//!   on the period's last day (percent; the ratio as is).
//!
//! Every figure is given to 2 decimals (0.875 → 87.5), as it is shown and scored. A
//! [`FigureCache`] reads each module once per unit, however many indicators use it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::score::round2;
use crate::activities::{self, ActivityFilter};
use crate::attendance::{self, RateQuery};
use crate::codes::{ActivityStatus, AutoSource};
use crate::error::Result;
use crate::structure::{self, Population, Structure, StructureQuery};
use crate::voice::Period;
use crate::voice::report::{self, Figures};

/// The figure `source` for `unit_id` and `period`, as of `now`; None when there is nothing to
/// measure (no concerns rated, nobody expected at an activity …).
pub fn auto_figure(
    conn: &Connection,
    source: AutoSource,
    unit_id: i64,
    period: Period,
    now: NaiveDateTime,
) -> Result<Option<f64>> {
    FigureCache::new(conn, period, now).figure(source, unit_id)
}

/// The figures of one period as of one time, read once per unit and module.
pub struct FigureCache<'c> {
    conn: &'c Connection,
    period: Period,
    now: NaiveDateTime,
    units: HashMap<i64, UnitFigures>,
    /// 出勤统计 按单位 of the period, every unit (read at the first 出勤率 asked for).
    unit_rates: Option<HashMap<i64, Option<f64>>>,
}

#[derive(Default)]
struct UnitFigures {
    activities: Option<i64>,
    voice: Option<Figures>,
    structure: Option<Structure>,
}

/// A rate (0–1) in percent, to 2 decimals.
fn percent(rate: Option<f64>) -> Option<f64> {
    rate.map(|r| round2(r * 100.0))
}

impl<'c> FigureCache<'c> {
    pub fn new(conn: &'c Connection, period: Period, now: NaiveDateTime) -> FigureCache<'c> {
        FigureCache {
            conn,
            period,
            now,
            units: HashMap::new(),
            unit_rates: None,
        }
    }

    /// The figure `source` for `unit_id` (see [`auto_figure`]).
    pub fn figure(&mut self, source: AutoSource, unit_id: i64) -> Result<Option<f64>> {
        let (conn, period, now) = (self.conn, self.period, self.now);
        let u = self.units.entry(unit_id).or_default();
        Ok(match source {
            AutoSource::Activities => {
                if u.activities.is_none() {
                    let filter = ActivityFilter {
                        from: Some(period.from),
                        to: Some(period.to),
                        status: Some(ActivityStatus::Held),
                        organizer_unit_id: Some(unit_id),
                        ..Default::default()
                    };
                    u.activities = Some(activities::list(conn, &filter, 0, 1)?.total);
                }
                u.activities.map(|n| n as f64)
            }
            AutoSource::AttendanceRate => {
                if self.unit_rates.is_none() {
                    let q = RateQuery::new(period.from, period.to, None);
                    let rates = attendance::rates_by_unit(conn, &q)?;
                    self.unit_rates = Some(
                        rates
                            .into_iter()
                            .map(|r| (r.unit_id, percent(r.counts.rate)))
                            .collect(),
                    );
                }
                self.unit_rates
                    .as_ref()
                    .and_then(|m| m.get(&unit_id).copied())
                    .flatten()
            }
            AutoSource::ConcernsOnTime
            | AutoSource::Satisfaction
            | AutoSource::VisitCoverage
            | AutoSource::TalkCoverage
            | AutoSource::Forums => {
                if u.voice.is_none() {
                    u.voice = Some(report::figures(conn, period, Some(unit_id), now)?);
                }
                let Some(f) = u.voice.as_ref() else {
                    return Ok(None);
                };
                match source {
                    AutoSource::ConcernsOnTime => percent(f.on_time_rate),
                    AutoSource::Satisfaction => percent(f.satisfaction_rate),
                    AutoSource::VisitCoverage => percent(f.visit_coverage),
                    AutoSource::TalkCoverage => percent(f.talk_coverage),
                    _ => Some(f.forums as f64),
                }
            }
            AutoSource::YoungShare | AutoSource::ReservePerCadre => {
                if u.structure.is_none() {
                    let q = StructureQuery {
                        unit_id: Some(unit_id),
                        population: Population::All,
                        as_of: period.to,
                    };
                    u.structure = Some(structure::snapshot(conn, &q)?);
                }
                let Some(s) = u.structure.as_ref() else {
                    return Ok(None);
                };
                if source == AutoSource::YoungShare {
                    percent(s.share_35_and_under)
                } else {
                    s.reserve_per_cadre.map(round2)
                }
            }
        })
    }
}

/// What a figure is called in a basis text (出勤率 87.5%).
pub fn short_name(source: AutoSource) -> &'static str {
    match source {
        AutoSource::Activities => "组织活动",
        AutoSource::AttendanceRate => "出勤率",
        AutoSource::ConcernsOnTime => "诉求按期答复率",
        AutoSource::Satisfaction => "诉求满意率",
        AutoSource::VisitCoverage => "走访覆盖率",
        AutoSource::TalkCoverage => "谈话覆盖率",
        AutoSource::Forums => "职工座谈会",
        AutoSource::YoungShare => "35岁及以下职工占比",
        AutoSource::ReservePerCadre => "后备人才与政工干部之比",
    }
}

/// What follows a figure of `source`: "%" for rates, " 次" for counts, nothing for the ratio.
pub fn unit_suffix(source: AutoSource) -> &'static str {
    match source {
        AutoSource::Activities | AutoSource::Forums => " 次",
        AutoSource::ReservePerCadre => "",
        _ => "%",
    }
}

/// Why there is no figure of `source` (本期无数据（…）).
pub fn missing_reason(source: AutoSource) -> &'static str {
    match source {
        AutoSource::Activities | AutoSource::Forums => "无活动记录",
        AutoSource::AttendanceRate => "无应出勤人员的已开展活动",
        AutoSource::ConcernsOnTime => "无已答复的诉求",
        AutoSource::Satisfaction => "无评价满意度的诉求",
        AutoSource::VisitCoverage => "无领导班子联系点",
        AutoSource::TalkCoverage => "无在职职工",
        AutoSource::YoungShare => "无在职职工",
        AutoSource::ReservePerCadre => "无在职政工干部",
    }
}
