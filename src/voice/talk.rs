//! 谈心谈话: one-to-one talks, and their coverage (share of staff in post talked with at least
//! once in a year, per unit). The summary is sensitive: it is shown only to the account that
//! recorded it, the account linked to the talker and an administrator ([`crate::voice::Viewer`]);
//! it never reaches exports unless asked for, nor the audit trail or logs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::TalkKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TalkInput {
    pub talked_on: NaiveDate,
    /// Who talked (a leader, a cadre).
    pub talker_id: i64,
    /// With whom.
    pub person_id: i64,
    pub kind: TalkKind,
    pub topic: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub summary: Option<String>,
    /// Follow-up needed (a concern is then recorded from it).
    #[serde(default)]
    pub follow_up: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Talk {
    pub id: i64,
    pub uid: String,
    pub talked_on: NaiveDate,
    pub talker_id: i64,
    pub talker_name: String,
    pub person_id: i64,
    pub person_name: String,
    /// The person's unit today.
    pub unit_name: Option<String>,
    pub kind: TalkKind,
    pub topic: String,
    /// Only when the viewer may see it (else None, with `summary_hidden` true if there is one).
    pub summary: Option<String>,
    pub summary_hidden: bool,
    pub follow_up: bool,
    pub concern_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct TalkFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<TalkKind>,
    pub talker_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The talked-with person's unit, or one below it.
    pub unit_id: Option<i64>,
    pub search: Option<String>,
}

/// One unit's talk coverage in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitTalkCoverage {
    pub unit_id: i64,
    pub unit_name: String,
    /// Staff in post at the end of the period (or today, if earlier) in the unit and below it.
    pub staff: i64,
    /// Of them, talked with at least once in the period.
    pub talked: i64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TalkCoverage {
    pub period: super::Period,
    /// The unit asked about (or the whole company) first, then each unit directly below it.
    pub units: Vec<UnitTalkCoverage>,
    /// Staff in post not talked with in the period (in the unit asked about), by unit then name.
    pub not_talked: Vec<NotTalked>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotTalked {
    pub person_id: i64,
    pub name: String,
    pub unit_name: String,
}
