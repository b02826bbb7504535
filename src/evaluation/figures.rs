//! The figures automatic indicators read, for the evaluated cadre's unit (and below) and the
//! round's period — each from the module whose screen shows the same number, so 考核 and
//! 出勤统计 / 群众诉求 / 活动 never disagree:
//! - 组织活动次数: [`crate::activities::list`] (held, organised by the unit or below) `total`;
//! - 活动出勤率: [`crate::attendance::period_counts_on`] (the 出勤统计 figure) in percent;
//! - 诉求按期答复率 / 满意率 / 走访覆盖率 / 谈话覆盖率 / 座谈会次数:
//!   [`crate::voice::report::figures`] (rates in percent);
//! - 35岁及以下占比 / 后备人才与政工干部之比: [`crate::structure::snapshot`] on the period's
//!   last day (percent; the ratio as is).

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::codes::AutoSource;
use crate::error::Result;
use crate::voice::Period;

/// The figure `source` for `unit_id` and `period`, as of `now`; None when there is nothing to
/// measure (no concerns rated, nobody expected at an activity …).
pub fn auto_figure(
    conn: &Connection,
    source: AutoSource,
    unit_id: i64,
    period: Period,
    now: NaiveDateTime,
) -> Result<Option<f64>> {
    todo!()
}
