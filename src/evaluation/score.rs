//! The arithmetic of 考核, pure: every rule here is written out in its doc and tested on
//! hand-made numbers (tests/evaluation_score.rs).

use super::{BallotCounts, BallotPoints, Band, GradeBands};
use crate::codes::Grade;
use crate::error::Result;

/// Rounds to 2 decimals (half away from zero), as every score is shown and stored.
pub fn round2(x: f64) -> f64 {
    todo!()
}

/// Proportional to target, capped: min(100, figure ÷ target × 100), to 2 decimals.
pub fn proportional(figure: f64, target: f64) -> f64 {
    todo!()
}

/// Banded: the score of the first band (best first) whose `from` the figure reaches; 0 when
/// it reaches none.
pub fn banded(figure: f64, bands: &[Band]) -> f64 {
    todo!()
}

/// Checks bands as written: at least one, scores 0–100, `from` strictly falling.
pub fn check_bands(bands: &[Band]) -> Result<()> {
    todo!()
}

/// The evaluators' average of one subject on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct MarksAverage {
    /// To 2 decimals.
    pub average: f64,
    /// How many marks the average is over.
    pub used: usize,
    /// The (highest, lowest) dropped, if they were.
    pub dropped: Option<(f64, f64)>,
}

/// The average of `marks`; with at least `drop_extremes_min` marks (0: never) one highest and
/// one lowest are dropped first. None without marks.
pub fn average_marks(marks: &[f64], drop_extremes_min: u32) -> Option<MarksAverage> {
    todo!()
}

/// A 民主测评 score: Σ count × points ÷ ballots, to 2 decimals; None without ballots.
pub fn ballot_score(counts: BallotCounts, points: BallotPoints) -> Option<f64> {
    todo!()
}

/// A mark as typed: a number 0–100, or a band word (优秀 95, 良好 85, 一般 75, 较差 60).
pub fn parse_mark(input: &str) -> Result<f64> {
    todo!()
}

/// Competition ranking, highest first: [90, 95, 90, 80] → [2, 1, 2, 4].
pub fn rank(values: &[f64]) -> Vec<i64> {
    todo!()
}

/// Places of a percentage quota: ⌊n × percent ÷ 100⌋ (20% of 7 → 1).
pub fn quota_places(n: usize, percent: f64) -> usize {
    todo!()
}

/// Who is within `places`, by value, highest first — the tie rule of the module's doc: for
/// each value, `Some(true)` in, `Some(false)` out only because a tie at the edge would exceed
/// the places (the caller notes it), `None` out by rank.
pub fn within_quota(values: &[f64], places: usize) -> Vec<Option<bool>> {
    todo!()
}

/// A subject's grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub rank: i64,
    pub grade: Grade,
    pub note: Option<String>,
}

/// Grades by `bands`; with a `quota` (percent of all evaluated) those in the 优秀 band beyond
/// the quota's places (or tied at its edge, the module's tie rule) get 称职 with a note.
pub fn grades(totals: &[f64], bands: GradeBands, quota: Option<f64>) -> Vec<Graded> {
    todo!()
}
