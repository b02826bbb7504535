//! 考核评价 and 推优评先: indicator systems, rounds (subjects, marks, 民主测评, results, 反馈,
//! 确认, 公布), recognition rounds and the honours roll. The core is src/evaluation; each
//! handler is one call into it, with the app's clock for what is computed "as of now".

use chrono::NaiveDate;

use crate::Action;
use crate::evaluation::{
    Ballot, BallotCounts, HistoryRow, Honour, HonourFilter, HonourInput, Mark, MarkInput,
    NominationInput, RecognitionInput, RecognitionRound, RecognitionSummary, RoundDetail,
    RoundInput, RoundSummary, SubjectPick, System, SystemInput, SystemSummary, VoteInput, honour,
    recognition, round, score, system,
};

use super::{Call, Reply};

fn today(state: &Call) -> NaiveDate {
    state.app().now().date()
}

commands! {
// ---------- 考核指标体系 ----------

[Read] pub fn eval_systems(
    state: &Call,
    all_versions: bool,
    include_retired: bool,
) -> Reply<Vec<SystemSummary>> {
    state.read(|c| system::list(c, all_versions, include_retired))
}

[Read] pub fn eval_system_get(state: &Call, id: i64) -> Reply<System> {
    state.read(|c| system::get(c, id))
}

[Edit] pub fn eval_system_save(state: &Call, id: Option<i64>, input: SystemInput) -> Reply<i64> {
    state.write(Action::EvalSystemSave, |tx| system::save(tx, id, input))
}

[Edit] pub fn eval_system_retire(state: &Call, id: i64, retired: bool) -> Reply<()> {
    state.write(Action::EvalSystemRetire, |tx| system::set_retired(tx, id, retired))
}

// ---------- 考核 ----------

[Read] pub fn eval_rounds(state: &Call) -> Reply<Vec<RoundSummary>> {
    state.read(round::list)
}

[Read] pub fn eval_round_get(state: &Call, id: i64) -> Reply<RoundDetail> {
    let now = state.app().now();
    state.read(|c| round::get(c, id, now))
}

[Edit] pub fn eval_round_save(state: &Call, id: Option<i64>, input: RoundInput) -> Reply<i64> {
    state.write(Action::EvalRoundSave, |tx| round::save(tx, id, input))
}

[Edit] pub fn eval_round_delete(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::EvalRoundDelete, |tx| round::delete(tx, id))
}

[Edit] pub fn eval_subjects_add(state: &Call, round_id: i64, pick: SubjectPick) -> Reply<usize> {
    state.write(Action::EvalSubjects, |tx| round::add_subjects(tx, round_id, &pick))
}

[Edit] pub fn eval_subject_remove(state: &Call, round_id: i64, person_id: i64) -> Reply<()> {
    state.write(Action::EvalSubjects, |tx| {
        round::remove_subject(tx, round_id, person_id)
    })
}

[Read] pub fn eval_marks(state: &Call, round_id: i64) -> Reply<Vec<Mark>> {
    state.read(|c| round::marks(c, round_id))
}

[Edit] pub fn eval_marks_set(
    state: &Call,
    round_id: i64,
    evaluator: String,
    marks: Vec<MarkInput>,
) -> Reply<usize> {
    state.write(Action::EvalMarks, |tx| {
        round::set_marks(tx, round_id, &evaluator, &marks)
    })
}

[Read] pub fn eval_ballots(state: &Call, round_id: i64) -> Reply<Vec<Ballot>> {
    state.read(|c| round::ballots(c, round_id))
}

[Edit] pub fn eval_ballot_set(
    state: &Call,
    round_id: i64,
    person_id: i64,
    indicator_id: i64,
    counts: BallotCounts,
) -> Reply<()> {
    state.write(Action::EvalBallot, |tx| {
        round::set_ballot(tx, round_id, person_id, indicator_id, counts)
    })
}

[Edit] pub fn eval_compute(state: &Call, round_id: i64) -> Reply<RoundDetail> {
    let now = state.app().now();
    state.write(Action::EvalCompute, |tx| round::compute(tx, round_id, now))?;
    eval_round_get(state, round_id)
}

[Edit] pub fn eval_start_feedback(state: &Call, round_id: i64) -> Reply<()> {
    let now = state.app().now();
    state.write(Action::EvalCompute, |tx| round::start_feedback(tx, round_id, now))
}

[Edit] pub fn eval_reopen(state: &Call, round_id: i64) -> Reply<()> {
    state.write(Action::EvalCompute, |tx| round::reopen(tx, round_id))
}

[Edit] pub fn eval_feedback_set(
    state: &Call,
    round_id: i64,
    person_id: i64,
    feedback: Option<String>,
) -> Reply<()> {
    state.write(Action::EvalFeedback, |tx| {
        round::set_feedback(tx, round_id, person_id, feedback)
    })
}

[Edit] pub fn eval_confirm(
    state: &Call,
    round_id: i64,
    person_id: i64,
    reply: Option<String>,
) -> Reply<()> {
    let now = state.app().now();
    state.write(Action::EvalConfirm, |tx| {
        round::confirm(tx, round_id, person_id, reply, now)
    })
}

[Edit] pub fn eval_publish(state: &Call, round_id: i64) -> Reply<()> {
    let now = state.app().now();
    state.write(Action::EvalPublish, |tx| round::publish(tx, round_id, now))
}

[Read] pub fn eval_history(state: &Call, person_id: i64) -> Reply<Vec<HistoryRow>> {
    state.read(|c| round::history(c, person_id))
}

[Read] pub fn eval_parse_mark(_state: &Call, input: String) -> Reply<f64> {
    Ok(score::parse_mark(&input)?)
}

// ---------- 推优评先 ----------

[Read] pub fn recognition_rounds(state: &Call) -> Reply<Vec<RecognitionSummary>> {
    state.read(recognition::list)
}

[Read] pub fn recognition_get(state: &Call, id: i64) -> Reply<RecognitionRound> {
    let today = today(state);
    state.read(|c| recognition::get(c, id, today))
}

[Edit] pub fn recognition_save(
    state: &Call,
    id: Option<i64>,
    input: RecognitionInput,
) -> Reply<i64> {
    state.write(Action::RecognitionSave, |tx| recognition::save(tx, id, input))
}

[Edit] pub fn recognition_delete(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::RecognitionSave, |tx| recognition::delete(tx, id))
}

[Edit] pub fn recognition_nominate(
    state: &Call,
    round_id: i64,
    input: NominationInput,
) -> Reply<i64> {
    state.write(Action::RecognitionNominate, |tx| {
        recognition::nominate(tx, round_id, input)
    })
}

[Edit] pub fn recognition_nomination_update(
    state: &Call,
    nomination_id: i64,
    input: NominationInput,
) -> Reply<()> {
    state.write(Action::RecognitionNominate, |tx| {
        recognition::update_nomination(tx, nomination_id, input)
    })
}

[Edit] pub fn recognition_nomination_remove(state: &Call, nomination_id: i64) -> Reply<()> {
    state.write(Action::RecognitionNominate, |tx| {
        recognition::remove_nomination(tx, nomination_id)
    })
}

[Edit] pub fn recognition_start_voting(state: &Call, round_id: i64) -> Reply<()> {
    state.write(Action::RecognitionStage, |tx| {
        recognition::start_voting(tx, round_id)
    })
}

[Edit] pub fn recognition_votes_set(
    state: &Call,
    round_id: i64,
    votes: Vec<VoteInput>,
) -> Reply<()> {
    state.write(Action::RecognitionVotes, |tx| {
        recognition::set_votes(tx, round_id, &votes)
    })
}

[Edit] pub fn recognition_start_publicity(
    state: &Call,
    round_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<usize> {
    let today = today(state);
    state.write(Action::RecognitionStage, |tx| {
        recognition::start_publicity(tx, round_id, from, to, today)
    })
}

[Edit] pub fn recognition_withdraw(state: &Call, nomination_id: i64, reason: String) -> Reply<()> {
    state.write(Action::RecognitionWithdraw, |tx| {
        recognition::withdraw(tx, nomination_id, &reason)
    })
}

[Edit] pub fn recognition_confirm(
    state: &Call,
    round_id: i64,
    on: Option<NaiveDate>,
) -> Reply<usize> {
    let on = on.unwrap_or_else(|| today(state));
    state.write(Action::RecognitionStage, |tx| {
        recognition::confirm(tx, round_id, on)
    })
}

// ---------- 荣誉 ----------

[Read] pub fn honours(state: &Call, filter: HonourFilter) -> Reply<Vec<Honour>> {
    state.read(|c| honour::list(c, &filter))
}

[Edit] pub fn honour_save(state: &Call, id: Option<i64>, input: HonourInput) -> Reply<i64> {
    state.write(Action::HonourSave, |tx| match id {
        Some(id) => honour::update(tx, id, input).map(|()| id),
        None => honour::add(tx, input),
    })
}

[Edit] pub fn honour_delete(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::HonourDelete, |tx| honour::delete(tx, id))
}
}
