//! 推优评先: a round from nominations to 公示 and, on confirmation, the honours.
//! 推荐中 (nominations) → 投票中 (votes entered) → 公示中 (the selected, by votes among the
//! eligible within the quota — the tie rule of the module's doc — and the 公示 period) →
//! 已确认 (an [`super::honour`] per selected candidate not withdrawn).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{
    NominationInput, RecognitionInput, RecognitionRound, RecognitionSummary, Rule, VoteInput,
};
use crate::codes::RecognitionTarget;
use crate::db::Tx;
use crate::error::Result;

/// The rule in words: 在职, 政工干部, 中共党员（含预备党员）, 出勤率不低于 80%,
/// 最近一次考核等级不低于称职.
pub fn rule_label(rule: &Rule) -> String {
    todo!()
}

/// Checks a round's rules: people-only rules refused for unit rounds, percent 0–100.
pub fn check_rules(target: RecognitionTarget, rules: &[Rule]) -> Result<()> {
    todo!()
}

/// Every round, newest year first.
pub fn list(conn: &Connection) -> Result<Vec<RecognitionSummary>> {
    todo!()
}

/// A round with its candidates, each with the rules checked as of `today` (attendance over the
/// round's year up to its end or `today`).
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<RecognitionRound> {
    todo!()
}

/// A new round or an edit (推荐中 or 投票中; the target only while it has no nominations).
pub fn save(tx: &Tx, id: Option<i64>, input: RecognitionInput) -> Result<i64> {
    todo!()
}

/// Deletes a round not yet confirmed.
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    todo!()
}

/// A nomination (推荐中 only): a person for a person round, a unit for a unit round, once each.
pub fn nominate(tx: &Tx, round_id: i64, input: NominationInput) -> Result<i64> {
    todo!()
}

/// Edits a nomination's 事迹 and nominating unit (推荐中 only).
pub fn update_nomination(tx: &Tx, nomination_id: i64, input: NominationInput) -> Result<()> {
    todo!()
}

/// Removes a nomination (推荐中 only).
pub fn remove_nomination(tx: &Tx, nomination_id: i64) -> Result<()> {
    todo!()
}

/// 推荐中 → 投票中 (at least one nomination).
pub fn start_voting(tx: &Tx, round_id: i64) -> Result<()> {
    todo!()
}

/// Votes per nomination (投票中 only).
pub fn set_votes(tx: &Tx, round_id: i64, votes: &[VoteInput]) -> Result<()> {
    todo!()
}

/// 投票中 → 公示中: every eligible candidate has votes; selects by votes within the quota
/// (ties at the edge: none of the tied group, noted); the 公示 runs `from`–`to`. Returns how
/// many were selected.
pub fn start_publicity(
    tx: &Tx,
    round_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    todo!()
}

/// A selected candidate withdrawn during 公示 (an objection upheld), with the reason.
pub fn withdraw(tx: &Tx, nomination_id: i64, reason: &str) -> Result<()> {
    todo!()
}

/// 公示中 → 已确认 on `on` (not before the 公示 has ended): an honour per selected candidate
/// not withdrawn. Returns how many honours were recorded.
pub fn confirm(tx: &Tx, round_id: i64, on: NaiveDate) -> Result<usize> {
    todo!()
}
