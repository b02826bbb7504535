//! 考核 on real SQLite files with hand-made data, every score written out: indicator systems
//! (weights, versions: a published round unchanged after its system is edited), a round's
//! scoring (marks, tallies, ranks, grades and the 优秀 quota's tie rule), automatic figures
//! that agree with 出勤统计 and 群众诉求, and the flow (结果反馈, 确认, 公布 locks), the
//! history and the 工作台's waiting rounds.
//!
//! The builders shared by the modules are here.

#[path = "../common/mod.rs"]
mod common;

mod figures;
mod flow;
mod scoring;
mod systems;

use chrono::NaiveDate;
use qungong::codes::{AutoSource, EvalMethod, RoundKind, ScoreRule};
use qungong::evaluation::{
    BallotCounts, BallotPoints, Band, GradeBands, IndicatorInput, MarkInput, RoundInput,
    SubjectPick, SystemInput, round, system,
};
use qungong::{Action, Actor, Result, Tx};

use common::{Branch, TestDb, date};

/// A write as the app does it: one audited transaction.
fn act<T>(t: &mut TestDb, action: Action, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
    t.db.transact(&Actor("测试".into()), action, f)
}

/// The Chinese message of a refused call.
fn err<T: std::fmt::Debug>(r: Result<T>) -> String {
    r.unwrap_err().to_string()
}

fn auto(
    name: &str,
    weight: f64,
    source: AutoSource,
    rule: ScoreRule,
    target: Option<f64>,
    bands: &[(f64, f64)],
) -> IndicatorInput {
    IndicatorInput {
        category: "思想政治工作".into(),
        name: name.into(),
        weight,
        method: EvalMethod::Auto,
        source: Some(source),
        rule: Some(rule),
        target,
        bands: bands
            .iter()
            .map(|&(from, score)| Band { from, score })
            .collect(),
        note: None,
    }
}

fn marks(name: &str, weight: f64) -> IndicatorInput {
    IndicatorInput {
        category: "工作实绩".into(),
        name: name.into(),
        weight,
        method: EvalMethod::Marks,
        source: None,
        rule: None,
        target: None,
        bands: Vec::new(),
        note: None,
    }
}

fn ballot(name: &str, weight: f64) -> IndicatorInput {
    IndicatorInput {
        method: EvalMethod::Ballot,
        category: "民主测评".into(),
        ..marks(name, weight)
    }
}

fn system_input(name: &str, indicators: Vec<IndicatorInput>) -> SystemInput {
    SystemInput {
        name: name.into(),
        note: None,
        drop_extremes_min: 5,
        ballot_points: BallotPoints::default(),
        indicators,
    }
}

fn new_system(t: &mut TestDb, input: SystemInput) -> i64 {
    act(t, Action::EvalSystemSave, |tx| {
        system::save(tx, None, input)
    })
    .unwrap()
}

fn round_input(name: &str, system_id: i64, from: &str, to: &str) -> RoundInput {
    RoundInput {
        name: name.into(),
        kind: RoundKind::Daily,
        period_from: date(from),
        period_to: date(to),
        system_id,
        grade_bands: GradeBands::default(),
        excellent_quota: None,
    }
}

fn new_round(t: &mut TestDb, input: RoundInput) -> i64 {
    act(t, Action::EvalRoundSave, |tx| round::save(tx, None, input)).unwrap()
}

fn add_people(t: &mut TestDb, round_id: i64, people: &[i64]) -> usize {
    let pick = SubjectPick {
        unit_ids: Vec::new(),
        person_ids: people.to_vec(),
    };
    act(t, Action::EvalSubjects, |tx| {
        round::add_subjects(tx, round_id, &pick)
    })
    .unwrap()
}

/// One evaluator's marks of one indicator: (person, mark).
fn mark(
    t: &mut TestDb,
    round_id: i64,
    evaluator: &str,
    indicator_id: i64,
    marks: &[(i64, f64)],
) -> Result<usize> {
    let marks: Vec<MarkInput> = marks
        .iter()
        .map(|&(person_id, mark)| MarkInput {
            person_id,
            indicator_id,
            mark: Some(mark),
        })
        .collect();
    act(t, Action::EvalMarks, |tx| {
        round::set_marks(tx, round_id, evaluator, &marks)
    })
}

fn tally(
    t: &mut TestDb,
    round_id: i64,
    person_id: i64,
    indicator_id: i64,
    (excellent, competent, basic, incompetent): (u32, u32, u32, u32),
) -> Result<()> {
    let counts = BallotCounts {
        excellent,
        competent,
        basic,
        incompetent,
    };
    act(t, Action::EvalBallot, |tx| {
        round::set_ballot(tx, round_id, person_id, indicator_id, counts)
    })
}

/// Marks people as 政工干部.
fn make_cadres(b: &mut Branch, people: &[i64]) {
    b.t.write(|tx| {
        for p in people {
            tx.execute("UPDATE person SET political_cadre = 1 WHERE id = ?1", [p])?;
        }
        Ok(())
    })
    .unwrap();
}

/// The rows of the 考核 tables, as text: "unchanged" means equal.
fn eval_dump(t: &TestDb) -> String {
    common::dump_conn(t.db.conn(), |table| {
        matches!(
            table,
            "indicator_system"
                | "indicator"
                | "eval_round"
                | "eval_subject"
                | "eval_mark"
                | "eval_ballot"
                | "eval_score"
        )
    })
}

fn d(s: &str) -> NaiveDate {
    date(s)
}
