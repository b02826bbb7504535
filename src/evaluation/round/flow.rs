//! A round's steps after the marks: 结果反馈 (with the 反馈 texts and the subjects' 确认), back
//! to 评分中, and 公布.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::subjects::subject_id;
use super::{PUBLISHED, load, require_feedback, results, status_error, subjects};
use crate::codes::RoundStatus;
use crate::db::{Tx, datetime_text, now_text};
use crate::error::{Error, Result};
use crate::people::check_text;

const TEXT_MAX: usize = 2000;
/// How many names a "not yet scored" message lists.
const NAMES_SHOWN: usize = 5;

/// A text trimmed (empty: None), on lines, at most [`TEXT_MAX`] characters.
fn text(field: &'static str, s: Option<String>) -> Result<Option<String>> {
    let s = s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(t) = &s {
        check_text(field, t)?;
        if t.chars().count() > TEXT_MAX {
            return Err(Error::invalid(field, format!("不能超过 {TEXT_MAX} 个字")));
        }
    }
    Ok(s)
}

/// Computes the results and sends them out for 反馈 (评分中 → 结果反馈). Refused without
/// subjects, and while a subject lacks a mark or a tally ("尚有 2 人未完成评分：张三、李四").
pub fn start_feedback(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    let round = load(tx, round_id)?;
    match round.status {
        RoundStatus::Open => {}
        RoundStatus::Feedback => return Err(status_error("考核已在结果反馈中")),
        RoundStatus::Published => return Err(status_error(PUBLISHED)),
    }
    let system = crate::evaluation::system::get(tx, round.input.system_id)?;
    let subjects = subjects(tx, round_id)?;
    if subjects.is_empty() {
        return Err(Error::invalid("考核对象", "尚未添加考核对象"));
    }
    let scored = results::score(tx, &round, &system, &subjects, now)?;
    let missing: Vec<&str> = subjects
        .iter()
        .zip(&scored)
        .filter(|(_, r)| r.incomplete)
        .map(|(s, _)| s.name.as_str())
        .collect();
    if !missing.is_empty() {
        let mut names = missing
            .iter()
            .take(NAMES_SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join("、");
        if missing.len() > NAMES_SHOWN {
            names.push('等');
        }
        return Err(Error::invalid(
            "考核对象",
            format!("尚有 {} 人未完成评分：{names}", missing.len()),
        ));
    }
    results::store(tx, &round, &subjects, &scored, now)?;
    tx.execute(
        "UPDATE eval_round SET status = 'feedback', updated_at = ?2 WHERE id = ?1",
        params![round_id, now_text()],
    )?;
    Ok(())
}

/// Back to 评分中 from 结果反馈 (a mark to correct); the confirmations (确认 and 反馈意见) are
/// cleared, the 反馈 texts kept.
pub fn reopen(tx: &Tx, round_id: i64) -> Result<()> {
    let round = load(tx, round_id)?;
    match round.status {
        RoundStatus::Feedback => {}
        RoundStatus::Open => return Err(status_error("考核已在评分中")),
        RoundStatus::Published => return Err(status_error(PUBLISHED)),
    }
    tx.execute(
        "UPDATE eval_subject SET reply = NULL, confirmed_at = NULL
          WHERE round_id = ?1 AND (reply IS NOT NULL OR confirmed_at IS NOT NULL)",
        [round_id],
    )?;
    tx.execute(
        "UPDATE eval_round SET status = 'open', updated_at = ?2 WHERE id = ?1",
        params![round_id, now_text()],
    )?;
    Ok(())
}

/// The 考核反馈 text for one subject (结果反馈 only; None or empty clears it).
pub fn set_feedback(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    feedback: Option<String>,
) -> Result<()> {
    let round = load(tx, round_id)?;
    require_feedback(&round)?;
    let subject = subject_id(tx, round_id, person_id)?;
    let feedback = text("反馈意见", feedback)?;
    tx.execute(
        "UPDATE eval_subject SET feedback = ?2 WHERE id = ?1",
        params![subject, feedback],
    )?;
    Ok(())
}

/// The subject's confirmation with their own 反馈意见 (结果反馈 only); confirming again
/// replaces the reply and the time.
pub fn confirm(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    reply: Option<String>,
    now: NaiveDateTime,
) -> Result<()> {
    let round = load(tx, round_id)?;
    require_feedback(&round)?;
    let subject = subject_id(tx, round_id, person_id)?;
    let reply = text("本人意见", reply)?;
    tx.execute(
        "UPDATE eval_subject SET reply = ?2, confirmed_at = ?3 WHERE id = ?1",
        params![subject, reply, datetime_text(now)],
    )?;
    Ok(())
}

/// 公布: 结果反馈 → 已公布; nothing of the round changes after this. Subjects who have not
/// confirmed do not hold it up.
pub fn publish(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    let round = load(tx, round_id)?;
    match round.status {
        RoundStatus::Feedback => {}
        RoundStatus::Open => {
            return Err(status_error("考核尚在评分中，请先进入结果反馈再公布"));
        }
        RoundStatus::Published => return Err(status_error("考核已公布")),
    }
    tx.execute(
        "UPDATE eval_round SET status = 'published', published_at = ?2, updated_at = ?3
          WHERE id = ?1",
        params![round_id, datetime_text(now), now_text()],
    )?;
    tx.note(format!("考核“{}”公布", round.input.name));
    Ok(())
}
