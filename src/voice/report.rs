//! 职工思想动态分析报告: for a period and a unit (or the whole company), the figures the app
//! fills in (concerns by category / unit / status, on-time and satisfaction rates, opinion
//! entries by level and trend, the most frequent topics, 座谈会 / 谈心谈话 / 联系点走访 counts
//! and coverage) beside the cadre's own text for 总体情况, 主要思想动态, 原因分析, 下一步措施.
//! The text is kept; the figures are computed whenever the report is shown or printed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Period;

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
