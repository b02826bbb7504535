//! 考核: a round's subjects, marks and tallies, results, 反馈, 确认 and 公布 (which locks it).
//! While 评分中 the results are a preview computed on reading; [`compute`] stores them, and
//! once 公布 nothing of the round changes again.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::{
    Ballot, BallotCounts, HistoryRow, Mark, MarkInput, RoundDetail, RoundInput, RoundSummary,
    RoundWaiting, SubjectPick,
};
use crate::db::Tx;
use crate::error::Result;

/// Every round, newest period first.
pub fn list(conn: &Connection) -> Result<Vec<RoundSummary>> {
    todo!()
}

/// A round with its subjects: stored results once computed; while 评分中, a preview computed
/// now (automatic figures as of `now`).
pub fn get(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<RoundDetail> {
    todo!()
}

/// A new round (`id` None) or an edit of one still 评分中.
pub fn save(tx: &Tx, id: Option<i64>, input: RoundInput) -> Result<i64> {
    todo!()
}

/// Deletes a round still 评分中, with its marks and tallies.
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    todo!()
}

/// Adds the 政工干部 in post in the picked units (and below) and the picked people; those
/// already in are skipped. Returns how many were added. 评分中 only.
pub fn add_subjects(tx: &Tx, round_id: i64, pick: &SubjectPick) -> Result<usize> {
    todo!()
}

/// Takes a person out of a round still 评分中 (with their marks and tallies).
pub fn remove_subject(tx: &Tx, round_id: i64, person_id: i64) -> Result<()> {
    todo!()
}

/// One evaluator's marks (replacing that evaluator's earlier mark of the same subject and
/// indicator; None clears it). Only subjects of the round and its 'marks' indicators. Returns
/// how many were written. 评分中 only.
pub fn set_marks(tx: &Tx, round_id: i64, evaluator: &str, marks: &[MarkInput]) -> Result<usize> {
    todo!()
}

pub fn marks(conn: &Connection, round_id: i64) -> Result<Vec<Mark>> {
    todo!()
}

/// The 民主测评 counts of one subject on one 'ballot' indicator (replacing earlier ones).
/// 评分中 only.
pub fn set_ballot(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    indicator_id: i64,
    counts: BallotCounts,
) -> Result<()> {
    todo!()
}

pub fn ballots(conn: &Connection, round_id: i64) -> Result<Vec<Ballot>> {
    todo!()
}

/// Computes and stores every subject's scores, total, rank and grade (评分中 or 结果反馈).
pub fn compute(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    todo!()
}

/// Computes the results and sends them out for 反馈 (评分中 → 结果反馈).
pub fn start_feedback(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    todo!()
}

/// Back to 评分中 from 结果反馈 (a mark to correct); confirmations are cleared.
pub fn reopen(tx: &Tx, round_id: i64) -> Result<()> {
    todo!()
}

/// The 考核反馈 text for one subject (结果反馈 only).
pub fn set_feedback(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    feedback: Option<String>,
) -> Result<()> {
    todo!()
}

/// The subject's confirmation with their own 反馈意见 (结果反馈 only).
pub fn confirm(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    reply: Option<String>,
    now: NaiveDateTime,
) -> Result<()> {
    todo!()
}

/// 公布: 结果反馈 → 已公布; nothing of the round changes after this.
pub fn publish(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    todo!()
}

/// A person's results over the rounds they were in (computed ones), oldest period first.
pub fn history(conn: &Connection, person_id: i64) -> Result<Vec<HistoryRow>> {
    todo!()
}

/// Rounds waiting for marks (评分中 with subjects incomplete) or for confirmations (结果反馈
/// with subjects unconfirmed), for 工作台.
pub fn waiting(conn: &Connection) -> Result<Vec<RoundWaiting>> {
    todo!()
}
