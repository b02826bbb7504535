//! 思想动态与舆情研判: what was observed (internal mood, or an online item about the company),
//! graded 一般 / 较大 / 重大, its trend, the assessment and measures, and for 较大 / 重大 when it
//! was reported up. A 重大 entry not reported within [`REPORT_HOURS`] is flagged.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::codes::{OpinionKind, OpinionLevel, OpinionTrend};

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
