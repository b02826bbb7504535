//! 考核: a round's subjects, marks and tallies, results, 反馈, 确认 and 公布 (which locks it).
//! While 评分中 the results are a preview computed on reading; [`compute`] stores them, and
//! once 公布 nothing of the round changes again.
//!
//! - 评分中 (open): the round, its subjects, marks and tallies may change; [`get`] shows each
//!   indicator's score as it stands now, and once [`compute`] has been run the totals, ranks
//!   and grades too (kept up to date on reading).
//! - 结果反馈 (feedback): [`start_feedback`] computes and stores the results (refused while a
//!   subject lacks a mark or a tally); 反馈 texts and the subjects' 确认 are written; [`reopen`]
//!   goes back to 评分中 (clearing the confirmations).
//! - 已公布 (published): [`publish`] locks the round; every write is refused.
//!
//! The scoring ([`results`]) is one function used by both the preview and [`compute`].

mod flow;
mod results;
mod subjects;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    GradeBands, HistoryRow, IndicatorScore, MarksEntered, RoundDetail, RoundInput, RoundSummary,
    RoundWaiting, SubjectResult, System,
};
use crate::codes::{EvalMethod, Grade, RoundStatus};
use crate::collate::{NameOrder, sort_by_name};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::people::check_line;

pub use flow::{confirm, publish, reopen, set_feedback, start_feedback};
pub use results::compute;
pub use subjects::{add_subjects, ballots, marks, remove_subject, set_ballot, set_marks};

const NAME_MAX: usize = 60;

/// A round as stored.
#[derive(Debug, Clone)]
pub(super) struct RoundRow {
    pub id: i64,
    pub uid: String,
    pub input: RoundInput,
    pub status: RoundStatus,
    pub computed_at: Option<String>,
    pub published_at: Option<String>,
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<RoundRow> {
    conn.query_row(
        "SELECT id, uid, name, kind, period_from, period_to, system_id, grade_excellent,
                grade_competent, grade_basic, excellent_quota, status, computed_at, published_at
           FROM eval_round WHERE id = ?1",
        [id],
        |r| {
            Ok(RoundRow {
                id: r.get(0)?,
                uid: r.get(1)?,
                input: RoundInput {
                    name: r.get(2)?,
                    kind: r.get(3)?,
                    period_from: r.get(4)?,
                    period_to: r.get(5)?,
                    system_id: r.get(6)?,
                    grade_bands: GradeBands {
                        excellent: r.get(7)?,
                        competent: r.get(8)?,
                        basic: r.get(9)?,
                    },
                    excellent_quota: r.get(10)?,
                },
                status: r.get(11)?,
                computed_at: r.get(12)?,
                published_at: r.get(13)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("考核", id))
}

/// The error of a write the round's status does not allow.
fn status_error(message: impl Into<String>) -> Error {
    Error::invalid("考核状态", message)
}

const PUBLISHED: &str = "考核已公布，不能修改";

/// Refuses unless the round is 评分中; `what` is the change asked for while 结果反馈
/// ("考核正在结果反馈，请先退回评分中再修改打分").
pub(super) fn require_open(round: &RoundRow, what: &str) -> Result<()> {
    match round.status {
        RoundStatus::Open => Ok(()),
        RoundStatus::Feedback => Err(status_error(format!(
            "考核正在结果反馈，请先退回评分中再{what}"
        ))),
        RoundStatus::Published => Err(status_error(PUBLISHED)),
    }
}

/// Refuses unless the round is 结果反馈.
pub(super) fn require_feedback(round: &RoundRow) -> Result<()> {
    match round.status {
        RoundStatus::Feedback => Ok(()),
        RoundStatus::Open => Err(status_error("考核尚在评分中，尚未进入结果反馈")),
        RoundStatus::Published => Err(status_error(PUBLISHED)),
    }
}

/// Subjects missing a mark on some 'marks' indicator or a tally on some 'ballot' one, of the
/// round `r` (SQL over `eval_round r`).
const INCOMPLETE: &str = "(SELECT count(*) FROM eval_subject x WHERE x.round_id = r.id AND EXISTS
     (SELECT 1 FROM indicator i WHERE i.system_id = r.system_id AND (
        (i.method = 'marks' AND NOT EXISTS (SELECT 1 FROM eval_mark m
            WHERE m.subject_id = x.id AND m.indicator_id = i.id))
     OR (i.method = 'ballot' AND NOT EXISTS (SELECT 1 FROM eval_ballot b
            WHERE b.subject_id = x.id AND b.indicator_id = i.id
              AND b.excellent + b.competent + b.basic + b.incompetent > 0)))))";

/// Every round, newest period first.
pub fn list(conn: &Connection) -> Result<Vec<RoundSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.name, r.kind, r.period_from, r.period_to, r.status, r.system_id,
                s.name, s.version,
                (SELECT count(*) FROM eval_subject x WHERE x.round_id = r.id),
                CASE WHEN r.status = 'open' THEN {INCOMPLETE} ELSE 0 END,
                CASE WHEN r.status = 'feedback' THEN (SELECT count(*) FROM eval_subject x
                     WHERE x.round_id = r.id AND x.confirmed_at IS NULL) ELSE 0 END
           FROM eval_round r JOIN indicator_system s ON s.id = r.system_id
          ORDER BY r.period_to DESC, r.period_from DESC, r.id DESC"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(RoundSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                period_from: r.get(3)?,
                period_to: r.get(4)?,
                status: r.get(5)?,
                system_id: r.get(6)?,
                system_name: r.get(7)?,
                system_version: r.get(8)?,
                subjects: r.get(9)?,
                incomplete: r.get(10)?,
                unconfirmed: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A subject as stored, with the person's name and the unit's.
#[derive(Debug, Clone)]
pub(super) struct Subject {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub employee_no: Option<String>,
    pub position: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    pub total: Option<f64>,
    pub rank: Option<i64>,
    pub grade: Option<Grade>,
    pub grade_note: Option<String>,
    pub feedback: Option<String>,
    pub reply: Option<String>,
    pub confirmed_at: Option<String>,
}

/// The subjects of a round by unit (the tree's order), then name (姓氏笔画).
pub(super) fn subjects(conn: &Connection, round_id: i64) -> Result<Vec<Subject>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.person_id, p.name, p.employee_no, p.position, s.unit_id, u.name,
                s.total, s.rank, s.grade, s.grade_note, s.feedback, s.reply, s.confirmed_at
           FROM eval_subject s JOIN person p ON p.id = s.person_id
           JOIN unit u ON u.id = s.unit_id
          WHERE s.round_id = ?1",
    )?;
    let mut rows: Vec<Subject> = stmt
        .query_map([round_id], |r| {
            Ok(Subject {
                id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get(2)?,
                employee_no: r.get(3)?,
                position: r.get(4)?,
                unit_id: r.get(5)?,
                unit_name: r.get(6)?,
                total: r.get(7)?,
                rank: r.get(8)?,
                grade: r.get(9)?,
                grade_note: r.get(10)?,
                feedback: r.get(11)?,
                reply: r.get(12)?,
                confirmed_at: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ranks = crate::xlsx::export::unit_ranks(conn)?;
    sort_by_name(
        &mut rows,
        NameOrder::Unit,
        |s| s.name.as_str(),
        |s| ranks.get(&s.unit_id).copied().unwrap_or(i64::MAX),
        |s| s.employee_no.as_deref().unwrap_or(""),
    );
    Ok(rows)
}

/// How many marks each subject has per 'marks' indicator.
fn marks_entered(
    conn: &Connection,
    round_id: i64,
) -> Result<std::collections::HashMap<(i64, i64), i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.subject_id, m.indicator_id, count(*) FROM eval_mark m
           JOIN eval_subject s ON s.id = m.subject_id
          WHERE s.round_id = ?1 GROUP BY m.subject_id, m.indicator_id",
    )?;
    let found: std::collections::HashMap<(i64, i64), i64> = stmt
        .query_map([round_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// A round with its subjects: stored results once computed; while 评分中, a preview computed
/// now (automatic figures as of `now`). While 评分中 the totals, ranks and grades show once
/// [`compute`] has been run (`computed_at`), as they stand now. Subjects are listed by rank
/// then name once there are totals, by unit then name before.
pub fn get(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<RoundDetail> {
    let round = load(conn, id)?;
    let system = super::system::get(conn, round.input.system_id)?;
    let subjects = subjects(conn, id)?;
    let entered = marks_entered(conn, id)?;
    let marks_of = |subject_id: i64| -> Vec<MarksEntered> {
        system
            .indicators
            .iter()
            .filter(|i| i.input.method == EvalMethod::Marks)
            .map(|i| MarksEntered {
                indicator_id: i.id,
                count: entered.get(&(subject_id, i.id)).copied().unwrap_or(0),
            })
            .collect()
    };
    let mut out: Vec<SubjectResult> = Vec::with_capacity(subjects.len());
    let ranked;
    if round.status == RoundStatus::Open {
        let scored = results::score(conn, &round, &system, &subjects, now)?;
        let show_totals = round.computed_at.is_some();
        ranked = show_totals;
        for (s, r) in subjects.iter().zip(scored) {
            let (total, rank, grade, grade_note) = if show_totals {
                (
                    Some(r.total),
                    Some(r.graded.rank),
                    Some(r.graded.grade),
                    r.graded.note,
                )
            } else {
                (None, None, None, None)
            };
            out.push(SubjectResult {
                person_id: s.person_id,
                name: s.name.clone(),
                employee_no: s.employee_no.clone(),
                position: s.position.clone(),
                unit_id: s.unit_id,
                unit_name: s.unit_name.clone(),
                scores: r.scores,
                total,
                rank,
                grade,
                grade_note,
                feedback: s.feedback.clone(),
                reply: s.reply.clone(),
                confirmed_at: s.confirmed_at.clone(),
                marks_entered: marks_of(s.id),
            });
        }
    } else {
        let stored = results::stored_scores(conn, id)?;
        ranked = true;
        for s in &subjects {
            let scores = system
                .indicators
                .iter()
                .map(|i| {
                    stored
                        .get(&(s.id, i.id))
                        .cloned()
                        .unwrap_or_else(|| IndicatorScore {
                            indicator_id: i.id,
                            figure: None,
                            score: 0.0,
                            basis: "未计算".into(),
                        })
                })
                .collect();
            out.push(SubjectResult {
                person_id: s.person_id,
                name: s.name.clone(),
                employee_no: s.employee_no.clone(),
                position: s.position.clone(),
                unit_id: s.unit_id,
                unit_name: s.unit_name.clone(),
                scores,
                total: s.total,
                rank: s.rank,
                grade: s.grade,
                grade_note: s.grade_note.clone(),
                feedback: s.feedback.clone(),
                reply: s.reply.clone(),
                confirmed_at: s.confirmed_at.clone(),
                marks_entered: marks_of(s.id),
            });
        }
    }
    if ranked {
        // Stable: equal ranks keep the name order.
        let stroke = crate::collate::NameCollator::stroke();
        out.sort_by(|a, b| {
            a.rank
                .unwrap_or(i64::MAX)
                .cmp(&b.rank.unwrap_or(i64::MAX))
                .then_with(|| stroke.compare(&a.name, &b.name))
                .then_with(|| a.employee_no.cmp(&b.employee_no))
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT m.evaluator FROM eval_mark m JOIN eval_subject s ON s.id = m.subject_id
          WHERE s.round_id = ?1 GROUP BY m.evaluator ORDER BY min(m.id)",
    )?;
    let evaluators = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RoundDetail {
        id: round.id,
        uid: round.uid,
        input: round.input,
        status: round.status,
        system,
        subjects: out,
        computed_at: round.computed_at,
        published_at: round.published_at,
        evaluators,
    })
}

/// Checks a system version for a round: it exists, is not retired and no newer version
/// replaces it.
fn check_system_for_round(conn: &Connection, system_id: i64) -> Result<System> {
    let system = super::system::get(conn, system_id)
        .map_err(|_| Error::invalid("指标体系", "请选择一个存在的考核指标体系"))?;
    if system.retired {
        return Err(Error::invalid(
            "指标体系",
            format!("“{}”已停用，请选择其他指标体系", system.name),
        ));
    }
    if system.superseded {
        return Err(super::system::superseded_error(conn, &system, "选用")?);
    }
    Ok(system)
}

/// The input checked and tidied (the name trimmed).
fn check_input(mut input: RoundInput) -> Result<RoundInput> {
    input.name = input.name.trim().to_string();
    if input.name.is_empty() {
        return Err(Error::invalid("考核名称", "不能为空"));
    }
    if input.name.chars().count() > NAME_MAX {
        return Err(Error::invalid(
            "考核名称",
            format!("不能超过 {NAME_MAX} 个字"),
        ));
    }
    check_line("考核名称", &input.name)?;
    if input.period_to < input.period_from {
        return Err(Error::invalid("考核期间", "结束日期不能早于开始日期"));
    }
    let b = input.grade_bands;
    let within = |x: f64| (0.0..=100.0).contains(&x);
    if !(within(b.excellent) && within(b.competent) && within(b.basic)) {
        return Err(Error::invalid("等级分数线", "应在 0–100 之间"));
    }
    if !(b.basic <= b.competent && b.competent <= b.excellent) {
        return Err(Error::invalid(
            "等级分数线",
            "应满足 基本称职 ≤ 称职 ≤ 优秀",
        ));
    }
    if let Some(q) = input.excellent_quota
        && !(q > 0.0 && q <= 100.0)
    {
        return Err(Error::invalid(
            "优秀比例",
            "应大于 0 且不超过 100（%），不限比例请留空",
        ));
    }
    Ok(input)
}

/// Whether any subject of the round has a mark or a tally.
fn has_entries(conn: &Connection, round_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM eval_mark m JOIN eval_subject s ON s.id = m.subject_id
                         WHERE s.round_id = ?1)
             OR EXISTS (SELECT 1 FROM eval_ballot b JOIN eval_subject s ON s.id = b.subject_id
                         WHERE s.round_id = ?1)",
        [round_id],
        |r| r.get(0),
    )?)
}

/// A new round (`id` None) or an edit of one still 评分中. A new round needs a system version
/// in use (not retired, not superseded); an edit keeps its version unless another is chosen,
/// which is refused once marks or tallies are entered.
pub fn save(tx: &Tx, id: Option<i64>, input: RoundInput) -> Result<i64> {
    let input = check_input(input)?;
    let now = now_text();
    let Some(id) = id else {
        check_system_for_round(tx, input.system_id)?;
        tx.execute(
            "INSERT INTO eval_round (uid, name, kind, period_from, period_to, system_id,
                    grade_excellent, grade_competent, grade_basic, excellent_quota,
                    created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                new_uid(),
                input.name,
                input.kind,
                input.period_from,
                input.period_to,
                input.system_id,
                input.grade_bands.excellent,
                input.grade_bands.competent,
                input.grade_bands.basic,
                input.excellent_quota,
                now,
            ],
        )?;
        tx.note(format!("考核“{}”", input.name));
        return Ok(tx.last_insert_rowid());
    };
    let round = load(tx, id)?;
    require_open(&round, "修改考核")?;
    if input.system_id != round.input.system_id {
        if has_entries(tx, id)? {
            return Err(Error::invalid(
                "指标体系",
                "本次考核已有评委打分或民主测评票数，不能更换指标体系",
            ));
        }
        check_system_for_round(tx, input.system_id)?;
        // Stored scores belong to the old version's indicators.
        results::clear(tx, id)?;
    }
    tx.execute(
        "UPDATE eval_round SET name = ?2, kind = ?3, period_from = ?4, period_to = ?5,
                system_id = ?6, grade_excellent = ?7, grade_competent = ?8, grade_basic = ?9,
                excellent_quota = ?10, updated_at = ?11
          WHERE id = ?1",
        params![
            id,
            input.name,
            input.kind,
            input.period_from,
            input.period_to,
            input.system_id,
            input.grade_bands.excellent,
            input.grade_bands.competent,
            input.grade_bands.basic,
            input.excellent_quota,
            now,
        ],
    )?;
    tx.note(format!("考核“{}”", input.name));
    Ok(id)
}

/// Deletes a round still 评分中, with its marks and tallies.
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    let round = load(tx, id)?;
    if round.status != RoundStatus::Open {
        return Err(status_error("只有评分中的考核可以删除"));
    }
    tx.execute("DELETE FROM eval_round WHERE id = ?1", [id])?;
    tx.note(format!("考核“{}”", round.input.name));
    Ok(())
}

/// A person's results over the rounds they were in with a stored total (computed ones),
/// oldest period first; `of` is how many that round evaluated.
pub fn history(conn: &Connection, person_id: i64) -> Result<Vec<HistoryRow>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
        [person_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::not_found("职工", person_id));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.name, r.kind, r.period_from, r.period_to, r.status, s.total, s.rank,
                (SELECT count(*) FROM eval_subject x WHERE x.round_id = r.id), s.grade
           FROM eval_subject s JOIN eval_round r ON r.id = s.round_id
          WHERE s.person_id = ?1 AND s.total IS NOT NULL
          ORDER BY r.period_from, r.period_to, r.id",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok(HistoryRow {
                round_id: r.get(0)?,
                round_name: r.get(1)?,
                kind: r.get(2)?,
                period_from: r.get(3)?,
                period_to: r.get(4)?,
                status: r.get(5)?,
                total: r.get(6)?,
                rank: r.get(7)?,
                of: r.get(8)?,
                grade: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Rounds waiting for marks (评分中 with subjects incomplete) or for confirmations (结果反馈
/// with subjects unconfirmed), for 工作台, newest period first.
pub fn waiting(conn: &Connection) -> Result<Vec<RoundWaiting>> {
    Ok(list(conn)?
        .into_iter()
        .filter_map(|r| {
            let waiting = match r.status {
                RoundStatus::Open => r.incomplete,
                RoundStatus::Feedback => r.unconfirmed,
                RoundStatus::Published => 0,
            };
            (waiting > 0).then_some(RoundWaiting {
                id: r.id,
                name: r.name,
                status: r.status,
                waiting,
            })
        })
        .collect())
}
