//! 群众诉求: a concern or suggestion received from staff, followed to the end —
//! 已受理 → 办理中 → 已答复 → 已办结, 不满意 reopening it — with every step kept.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};

/// A category (薪酬待遇 …) with its default deadline in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub deadline_days: u32,
    pub retired: bool,
}

/// What a user enters when a concern is received (and may correct until it is closed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernInput {
    pub received_on: NaiveDate,
    pub source: ConcernSource,
    /// The 座谈会 (or other activity) it was raised at.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub activity_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub talk_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub visit_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub opinion_id: Option<i64>,
    pub raiser_kind: RaiserKind,
    /// The person, when `raiser_kind` is 个人.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub raiser_id: Option<i64>,
    /// The group's name (营业班全体 …), when `raiser_kind` is 集体.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub raiser_group: Option<String>,
    /// The unit it is about.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit_id: Option<i64>,
    pub category_id: i64,
    pub content: String,
    /// None: `received_on` + the category's days (working days once a holiday list is set).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub deadline: Option<NaiveDate>,
}

/// One concern as lists and the detail show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Concern {
    pub id: i64,
    pub uid: String,
    pub received_on: NaiveDate,
    pub source: ConcernSource,
    pub activity_id: Option<i64>,
    pub activity_title: Option<String>,
    pub talk_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub opinion_id: Option<i64>,
    pub raiser_kind: RaiserKind,
    pub raiser_id: Option<i64>,
    /// The person's name, the group's name, or 匿名.
    pub raiser: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub category_id: i64,
    pub category: String,
    pub content: String,
    pub status: ConcernStatus,
    pub handler_unit_id: Option<i64>,
    pub handler_unit_name: Option<String>,
    pub handler_person_id: Option<i64>,
    pub handler_person_name: Option<String>,
    pub deadline: NaiveDate,
    pub reply: Option<String>,
    pub replied_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub escalated_on: Option<NaiveDate>,
    pub escalated_to: Option<String>,
    pub escalation_note: Option<String>,
    /// Not yet answered (已受理 / 办理中) and past its deadline on the day asked about.
    pub overdue: bool,
    /// Days past the deadline (overdue ones), else 0.
    pub overdue_days: i64,
}

/// One step of a concern's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Step {
    pub at: NaiveDateTime,
    pub actor: String,
    /// 受理 / 修改 / 交办 / 答复 / 办结 / 重新办理 / 上报 / 调整期限.
    pub step: String,
    pub status: ConcernStatus,
    pub note: Option<String>,
}

/// A concern with its history, newest step last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernDetail {
    pub concern: Concern,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ConcernFilter {
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    pub status: Option<ConcernStatus>,
    /// Not closed (已受理, 办理中, 已答复).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub open: bool,
    /// Overdue on `today`.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub overdue: bool,
    pub category_id: Option<i64>,
    pub source: Option<ConcernSource>,
    /// About this unit or one below it.
    pub unit_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub opinion_id: Option<i64>,
    /// Part of the content or the raiser's name.
    pub search: Option<String>,
}
