//! Who is evaluated in a round, and what is entered for them: the evaluators' marks and the
//! 民主测评 tallies. All of it 评分中 only.

use rusqlite::{Connection, OptionalExtension, params};

use super::{load, require_open};
use crate::codes::EvalMethod;
use crate::db::Tx;
use crate::db::sql::in_subtree;
use crate::error::{Error, Result};
use crate::evaluation::score::{ballots as ballot_count, round2};
use crate::evaluation::{Ballot, BallotCounts, Mark, MarkInput, SubjectPick};
use crate::people::check_line;

const EVALUATOR_MAX: usize = 20;
/// More ballots than this on one tally is a typing slip.
const BALLOTS_MAX: u64 = 10_000;

/// The person's name for messages (张三（工号 10001）) and whether they have left.
fn person_who(conn: &Connection, person_id: i64) -> Result<Option<(String, bool)>> {
    Ok(conn
        .query_row(
            "SELECT name, employee_no, left_date IS NOT NULL FROM person WHERE id = ?1",
            [person_id],
            |r| {
                let name: String = r.get(0)?;
                let no: Option<String> = r.get(1)?;
                Ok((crate::people::who(no.as_deref(), &name), r.get(2)?))
            },
        )
        .optional()?)
}

/// The subject row of `person_id` in the round, or an error naming the person.
pub(super) fn subject_id(conn: &Connection, round_id: i64, person_id: i64) -> Result<i64> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM eval_subject WHERE round_id = ?1 AND person_id = ?2",
            [round_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => Ok(id),
        None => {
            let who = person_who(conn, person_id)?.map_or_else(|| "该职工".to_string(), |(w, _)| w);
            Err(Error::invalid("考核对象", format!("{who}不在本次考核中")))
        }
    }
}

/// Checks that `indicator_id` is an indicator of the round's system scored by `method`.
fn check_indicator(
    conn: &Connection,
    system_id: i64,
    indicator_id: i64,
    method: EvalMethod,
) -> Result<()> {
    let found: Option<(String, EvalMethod)> = conn
        .query_row(
            "SELECT name, method FROM indicator WHERE id = ?1 AND system_id = ?2",
            [indicator_id, system_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => Err(Error::invalid("指标", "该指标不属于本次考核所用的指标体系")),
        Some((name, m)) if m != method => Err(Error::invalid(
            "指标",
            format!("“{name}”的计分方式是{}，不是{}", m.label(), method.label()),
        )),
        Some(_) => Ok(()),
    }
}

/// Adds the 政工干部 in post in the picked units (and below) and the picked people (in post);
/// those already in are skipped. A subject's unit is the person's unit now: its work is what
/// the automatic indicators read. Returns how many were added. 评分中 only.
pub fn add_subjects(tx: &Tx, round_id: i64, pick: &SubjectPick) -> Result<usize> {
    let round = load(tx, round_id)?;
    require_open(&round, "修改考核对象")?;
    let mut people: Vec<i64> = Vec::new();
    for &unit in &pick.unit_ids {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit WHERE id = ?1)",
            [unit],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::invalid("单位", "请选择一个存在的单位"));
        }
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT p.id FROM person p
              WHERE p.political_cadre = 1 AND p.left_date IS NULL AND {}
              ORDER BY p.id",
            in_subtree("p.unit_id", 1)
        ))?;
        let ids: Vec<i64> = stmt
            .query_map([unit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        people.extend(ids);
    }
    for &person in &pick.person_ids {
        match person_who(tx, person)? {
            None => return Err(Error::invalid("考核对象", "请选择一名存在的职工")),
            Some((who, true)) => {
                return Err(Error::invalid(
                    "考核对象",
                    format!("{who}已离职，不能列为考核对象"),
                ));
            }
            Some(_) => people.push(person),
        }
    }
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO eval_subject (round_id, person_id, unit_id)
         SELECT ?1, id, unit_id FROM person WHERE id = ?2",
    )?;
    let mut added = 0;
    for person in people {
        added += insert.execute(params![round_id, person])?;
    }
    if added > 0 {
        tx.note(format!(
            "考核“{}”：新增 {added} 名考核对象",
            round.input.name
        ));
    }
    Ok(added)
}

/// Takes a person out of a round still 评分中 (with their marks and tallies).
pub fn remove_subject(tx: &Tx, round_id: i64, person_id: i64) -> Result<()> {
    let round = load(tx, round_id)?;
    require_open(&round, "修改考核对象")?;
    let id = subject_id(tx, round_id, person_id)?;
    tx.execute("DELETE FROM eval_subject WHERE id = ?1", [id])?;
    Ok(())
}

/// The evaluator's name, trimmed: 1–20 characters on one line.
fn check_evaluator(evaluator: &str) -> Result<String> {
    let e = evaluator.trim().to_string();
    if e.is_empty() {
        return Err(Error::invalid("评委", "请填写评委姓名"));
    }
    if e.chars().count() > EVALUATOR_MAX {
        return Err(Error::invalid(
            "评委",
            format!("不能超过 {EVALUATOR_MAX} 个字"),
        ));
    }
    check_line("评委", &e)?;
    Ok(e)
}

/// One evaluator's marks (replacing that evaluator's earlier mark of the same subject and
/// indicator; None clears it). Only subjects of the round and its 'marks' indicators; marks
/// 0–100, kept to 2 decimals. Returns how many were written (set or cleared). 评分中 only.
pub fn set_marks(tx: &Tx, round_id: i64, evaluator: &str, marks: &[MarkInput]) -> Result<usize> {
    let round = load(tx, round_id)?;
    require_open(&round, "修改打分")?;
    let evaluator = check_evaluator(evaluator)?;
    let mut written = 0;
    for m in marks {
        let subject = subject_id(tx, round_id, m.person_id)?;
        check_indicator(tx, round.input.system_id, m.indicator_id, EvalMethod::Marks)?;
        match m.mark {
            Some(mark) => {
                if !(mark.is_finite() && (0.0..=100.0).contains(&mark)) {
                    return Err(Error::invalid("分数", "应为 0–100 的数字"));
                }
                written += tx.execute(
                    "INSERT INTO eval_mark (subject_id, indicator_id, evaluator, mark)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (subject_id, indicator_id, evaluator)
                     DO UPDATE SET mark = excluded.mark WHERE mark <> excluded.mark",
                    params![subject, m.indicator_id, evaluator, round2(mark)],
                )?;
            }
            None => {
                written += tx.execute(
                    "DELETE FROM eval_mark
                      WHERE subject_id = ?1 AND indicator_id = ?2 AND evaluator = ?3",
                    params![subject, m.indicator_id, evaluator],
                )?;
            }
        }
    }
    if written > 0 {
        tx.note(format!(
            "考核“{}”：评委{evaluator}的 {written} 项打分",
            round.input.name
        ));
    }
    Ok(written)
}

/// Every mark of the round, in the order entered.
pub fn marks(conn: &Connection, round_id: i64) -> Result<Vec<Mark>> {
    load(conn, round_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.person_id, m.indicator_id, m.evaluator, m.mark
           FROM eval_mark m JOIN eval_subject s ON s.id = m.subject_id
          WHERE s.round_id = ?1 ORDER BY m.id",
    )?;
    let rows = stmt
        .query_map([round_id], |r| {
            Ok(Mark {
                person_id: r.get(0)?,
                indicator_id: r.get(1)?,
                evaluator: r.get(2)?,
                mark: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The 民主测评 counts of one subject on one 'ballot' indicator (replacing earlier ones; all
/// four 0 clears the tally). 评分中 only.
pub fn set_ballot(
    tx: &Tx,
    round_id: i64,
    person_id: i64,
    indicator_id: i64,
    counts: BallotCounts,
) -> Result<()> {
    let round = load(tx, round_id)?;
    require_open(&round, "修改测评票数")?;
    let subject = subject_id(tx, round_id, person_id)?;
    check_indicator(tx, round.input.system_id, indicator_id, EvalMethod::Ballot)?;
    let n = ballot_count(counts);
    if n > BALLOTS_MAX {
        return Err(Error::invalid(
            "票数",
            format!("合计不能超过 {BALLOTS_MAX} 票"),
        ));
    }
    if n == 0 {
        tx.execute(
            "DELETE FROM eval_ballot WHERE subject_id = ?1 AND indicator_id = ?2",
            params![subject, indicator_id],
        )?;
        return Ok(());
    }
    tx.execute(
        "INSERT INTO eval_ballot (subject_id, indicator_id, excellent, competent, basic,
                incompetent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (subject_id, indicator_id) DO UPDATE SET excellent = excluded.excellent,
                competent = excluded.competent, basic = excluded.basic,
                incompetent = excluded.incompetent",
        params![
            subject,
            indicator_id,
            counts.excellent,
            counts.competent,
            counts.basic,
            counts.incompetent
        ],
    )?;
    Ok(())
}

/// Every tally of the round.
pub fn ballots(conn: &Connection, round_id: i64) -> Result<Vec<Ballot>> {
    load(conn, round_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.person_id, b.indicator_id, b.excellent, b.competent, b.basic, b.incompetent
           FROM eval_ballot b JOIN eval_subject s ON s.id = b.subject_id
          WHERE s.round_id = ?1 ORDER BY b.id",
    )?;
    let rows = stmt
        .query_map([round_id], |r| {
            Ok(Ballot {
                person_id: r.get(0)?,
                indicator_id: r.get(1)?,
                counts: BallotCounts {
                    excellent: r.get(2)?,
                    competent: r.get(3)?,
                    basic: r.get(4)?,
                    incompetent: r.get(5)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
