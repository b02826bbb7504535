//! Scoring a round: each subject's indicator scores with their basis in words, the total, the
//! rank and the grade. One function ([`score`]) serves the preview of [`super::get`] and the
//! stored results of [`compute`].

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::{PUBLISHED, RoundRow, Subject, load, status_error, subjects};
use crate::codes::{AutoSource, EvalMethod, RoundStatus, ScoreRule};
use crate::db::{Tx, datetime_text, now_text};
use crate::error::Result;
use crate::evaluation::figures::{FigureCache, missing_reason, short_name, unit_suffix};
use crate::evaluation::score::{
    self, Graded, average_marks, ballot_score, ballots, band_reached, num, round2,
};
use crate::evaluation::{BallotCounts, Indicator, IndicatorScore, System};
use crate::voice::Period;

/// One subject scored.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    /// In the system's indicator order.
    pub scores: Vec<IndicatorScore>,
    /// Σ score × weight ÷ 100, to 2 decimals.
    pub total: f64,
    pub graded: Graded,
    /// A 'marks' indicator without a mark, or a 'ballot' one without a tally.
    pub incomplete: bool,
}

/// The marks of a round per (subject, indicator), in the order entered.
fn marks_by_subject(conn: &Connection, round_id: i64) -> Result<HashMap<(i64, i64), Vec<f64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.subject_id, m.indicator_id, m.mark FROM eval_mark m
           JOIN eval_subject s ON s.id = m.subject_id
          WHERE s.round_id = ?1 ORDER BY m.id",
    )?;
    let mut out: HashMap<(i64, i64), Vec<f64>> = HashMap::new();
    let rows = stmt.query_map([round_id], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?),
            r.get::<_, f64>(2)?,
        ))
    })?;
    for row in rows {
        let (key, mark) = row?;
        out.entry(key).or_default().push(mark);
    }
    Ok(out)
}

/// The tallies of a round per (subject, indicator).
fn tallies(conn: &Connection, round_id: i64) -> Result<HashMap<(i64, i64), BallotCounts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.subject_id, b.indicator_id, b.excellent, b.competent, b.basic, b.incompetent
           FROM eval_ballot b JOIN eval_subject s ON s.id = b.subject_id
          WHERE s.round_id = ?1",
    )?;
    let rows = stmt
        .query_map([round_id], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                BallotCounts {
                    excellent: r.get(2)?,
                    competent: r.get(3)?,
                    basic: r.get(4)?,
                    incompetent: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A figure with its unit: 87.5%, 5 次, 1.5.
fn shown(source: AutoSource, figure: f64) -> String {
    format!("{}{}", num(figure), unit_suffix(source))
}

/// An automatic indicator's score from its figure.
fn auto_score(ind: &Indicator, source: AutoSource, figure: Option<f64>) -> IndicatorScore {
    let name = short_name(source);
    let (score, basis) = match figure {
        None => (
            100.0,
            format!("本期无数据（{}），按满分计", missing_reason(source)),
        ),
        Some(f) => match ind.input.rule {
            Some(ScoreRule::Bands) => {
                let bands = &ind.input.bands;
                match band_reached(f, bands) {
                    Some(i) => (
                        bands[i].score,
                        format!(
                            "{name} {}：达到“≥{} 得 {}”档",
                            shown(source, f),
                            num(bands[i].from),
                            num(bands[i].score)
                        ),
                    ),
                    None => (
                        0.0,
                        match bands.last() {
                            Some(last) => format!(
                                "{name} {}：未达到最低一档（≥{}），得 0",
                                shown(source, f),
                                num(last.from)
                            ),
                            None => format!("{name} {}：未设分档，得 0", shown(source, f)),
                        },
                    ),
                }
            }
            _ => match ind.input.target.filter(|t| *t > 0.0) {
                None => (
                    0.0,
                    format!("{name} {}：未设目标值，得 0", shown(source, f)),
                ),
                Some(t) => {
                    let s = score::proportional(f, t);
                    let head = format!("{name} {}，目标 {}", shown(source, f), shown(source, t));
                    if f >= t {
                        (s, format!("{head}：达到目标，得 100"))
                    } else {
                        (
                            s,
                            format!("{head}：{} ÷ {} × 100 = {}", num(f), num(t), num(s)),
                        )
                    }
                }
            },
        },
    };
    IndicatorScore {
        indicator_id: ind.id,
        figure,
        score,
        basis,
    }
}

/// The evaluators' marks' score; None when there are none.
fn marks_score(ind: &Indicator, marks: &[f64], drop_extremes_min: u32) -> Option<IndicatorScore> {
    let avg = average_marks(marks, drop_extremes_min)?;
    let n = marks.len();
    let basis = match avg.dropped {
        Some((high, low)) => format!(
            "{n} 位评委，去掉最高 {}、最低 {}，{} 位平均 {}",
            num(high),
            num(low),
            avg.used,
            num(avg.average)
        ),
        None if n == 1 => format!("1 位评委打分 {}", num(avg.average)),
        None => format!("{n} 位评委平均 {}", num(avg.average)),
    };
    Some(IndicatorScore {
        indicator_id: ind.id,
        figure: Some(avg.average),
        score: avg.average,
        basis,
    })
}

/// The 民主测评 score; None without ballots.
fn ballot_indicator_score(
    ind: &Indicator,
    counts: BallotCounts,
    system: &System,
) -> Option<IndicatorScore> {
    let p = system.ballot_points;
    let s = ballot_score(counts, p)?;
    let c = counts;
    let basis = format!(
        "优秀 {}、称职 {}、基本称职 {}、不称职 {}，共 {} 票：({}×{}+{}×{}+{}×{}+{}×{})÷{} = {}",
        c.excellent,
        c.competent,
        c.basic,
        c.incompetent,
        ballots(c),
        c.excellent,
        num(p.excellent),
        c.competent,
        num(p.competent),
        c.basic,
        num(p.basic),
        c.incompetent,
        num(p.incompetent),
        ballots(c),
        num(s)
    );
    Some(IndicatorScore {
        indicator_id: ind.id,
        figure: Some(s),
        score: s,
        basis,
    })
}

/// Scores `subjects` (in their order) by the round's system as of `now`: every indicator,
/// the total, and the ranks and grades among them.
pub(super) fn score(
    conn: &Connection,
    round: &RoundRow,
    system: &System,
    subjects: &[Subject],
    now: NaiveDateTime,
) -> Result<Vec<Scored>> {
    let period = Period {
        from: round.input.period_from,
        to: round.input.period_to,
    };
    let mut figures = FigureCache::new(conn, period, now);
    let marks = marks_by_subject(conn, round.id)?;
    let tallies = tallies(conn, round.id)?;
    let mut rows: Vec<(Vec<IndicatorScore>, f64, bool)> = Vec::with_capacity(subjects.len());
    for s in subjects {
        let mut scores = Vec::with_capacity(system.indicators.len());
        let mut incomplete = false;
        let mut weighted = 0.0;
        for ind in &system.indicators {
            let key = (s.id, ind.id);
            let scored = match ind.input.method {
                EvalMethod::Auto => match ind.input.source {
                    Some(source) => {
                        let figure = figures.figure(source, s.unit_id)?;
                        auto_score(ind, source, figure)
                    }
                    None => IndicatorScore {
                        indicator_id: ind.id,
                        figure: None,
                        score: 0.0,
                        basis: "未设数据来源，得 0".into(),
                    },
                },
                EvalMethod::Marks => {
                    let list = marks.get(&key).map(Vec::as_slice).unwrap_or(&[]);
                    marks_score(ind, list, system.drop_extremes_min).unwrap_or_else(|| {
                        incomplete = true;
                        IndicatorScore {
                            indicator_id: ind.id,
                            figure: None,
                            score: 0.0,
                            basis: "尚无评委打分".into(),
                        }
                    })
                }
                EvalMethod::Ballot => tallies
                    .get(&key)
                    .and_then(|&c| ballot_indicator_score(ind, c, system))
                    .unwrap_or_else(|| {
                        incomplete = true;
                        IndicatorScore {
                            indicator_id: ind.id,
                            figure: None,
                            score: 0.0,
                            basis: "尚未录入民主测评票数".into(),
                        }
                    }),
            };
            weighted += scored.score * ind.input.weight;
            scores.push(scored);
        }
        rows.push((scores, round2(weighted / 100.0), incomplete));
    }
    let totals: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let graded = score::grades(
        &totals,
        round.input.grade_bands,
        round.input.excellent_quota,
    );
    Ok(rows
        .into_iter()
        .zip(graded)
        .map(|((scores, total, incomplete), graded)| Scored {
            scores,
            total,
            graded,
            incomplete,
        })
        .collect())
}

/// The stored indicator scores of a round per (subject, indicator).
pub(super) fn stored_scores(
    conn: &Connection,
    round_id: i64,
) -> Result<HashMap<(i64, i64), IndicatorScore>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.subject_id, c.indicator_id, c.figure, c.score, c.basis
           FROM eval_score c JOIN eval_subject s ON s.id = c.subject_id
          WHERE s.round_id = ?1",
    )?;
    let rows = stmt
        .query_map([round_id], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                IndicatorScore {
                    indicator_id: r.get(1)?,
                    figure: r.get(2)?,
                    score: r.get(3)?,
                    basis: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Forgets a round's stored results (its system changed).
pub(super) fn clear(tx: &Tx, round_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM eval_score WHERE subject_id IN
             (SELECT id FROM eval_subject WHERE round_id = ?1)",
        [round_id],
    )?;
    tx.execute(
        "UPDATE eval_subject SET total = NULL, rank = NULL, grade = NULL, grade_note = NULL
          WHERE round_id = ?1",
        [round_id],
    )?;
    tx.execute(
        "UPDATE eval_round SET computed_at = NULL WHERE id = ?1",
        [round_id],
    )?;
    Ok(())
}

/// Stores the results `score` gave for `subjects` (replacing earlier ones) and the time.
pub(super) fn store(
    tx: &Tx,
    round: &RoundRow,
    subjects: &[Subject],
    scored: &[Scored],
    now: NaiveDateTime,
) -> Result<()> {
    clear(tx, round.id)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO eval_score (subject_id, indicator_id, figure, score, basis)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE eval_subject SET total = ?2, rank = ?3, grade = ?4, grade_note = ?5
          WHERE id = ?1",
    )?;
    for (s, r) in subjects.iter().zip(scored) {
        for c in &r.scores {
            insert.execute(params![s.id, c.indicator_id, c.figure, c.score, c.basis])?;
        }
        update.execute(params![
            s.id,
            r.total,
            r.graded.rank,
            r.graded.grade,
            r.graded.note
        ])?;
    }
    tx.execute(
        "UPDATE eval_round SET computed_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![round.id, datetime_text(now), now_text()],
    )?;
    tx.note(format!(
        "考核“{}”：计算 {} 人的结果",
        round.input.name,
        subjects.len()
    ));
    Ok(())
}

/// Computes and stores every subject's scores, total, rank and grade (评分中 or 结果反馈),
/// replacing what an earlier computation stored.
pub fn compute(tx: &Tx, round_id: i64, now: NaiveDateTime) -> Result<()> {
    let round = load(tx, round_id)?;
    if round.status == RoundStatus::Published {
        return Err(status_error(PUBLISHED));
    }
    let system = crate::evaluation::system::get(tx, round.input.system_id)?;
    let subjects = subjects(tx, round_id)?;
    let scored = score(tx, &round, &system, &subjects, now)?;
    store(tx, &round, &subjects, &scored, now)
}
