//! 领导班子联系点: each leader's contact points (units), the visit log, the yearly plan
//! (visits per point per quarter, default 1) and the coverage: which leader has not visited
//! which point as planned in a quarter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
