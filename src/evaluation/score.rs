//! The arithmetic of 考核, pure: every rule here is written out in its doc and tested on
//! hand-made numbers (tests/evaluation_score.rs).

use super::{BallotCounts, BallotPoints, Band, GradeBands};
use crate::codes::{Grade, fold_input};
use crate::error::{Error, Result};

/// Rounds to 2 decimals (half away from zero), as every score is shown and stored. The
/// product's binary noise is cleared first, so 86.325 (stored as 86.32499…) rounds to 86.33
/// as it is written.
pub fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let cents = (x * 100.0 * 1e6).round() / 1e6;
    cents.round() / 100.0
}

/// A number as people write it: at most 2 decimals, no trailing zeros (95, 87.5, 86.33).
pub fn num(x: f64) -> String {
    let s = format!("{:.2}", round2(x));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// Proportional to target, capped: min(100, figure ÷ target × 100), to 2 decimals; a figure
/// at or above the target scores 100. `target` must be above 0 (the system's check); a target
/// that is not scores 0.
pub fn proportional(figure: f64, target: f64) -> f64 {
    if target.is_nan() || target <= 0.0 || !figure.is_finite() {
        return 0.0;
    }
    if figure >= target {
        return 100.0;
    }
    round2((figure / target * 100.0).clamp(0.0, 100.0))
}

/// Banded: the score of the first band (best first) whose `from` the figure reaches; 0 when
/// it reaches none.
pub fn banded(figure: f64, bands: &[Band]) -> f64 {
    bands
        .iter()
        .find(|b| figure >= b.from)
        .map_or(0.0, |b| b.score)
}

/// The band a figure reaches (its index, best first), for the basis text.
pub fn band_reached(figure: f64, bands: &[Band]) -> Option<usize> {
    bands.iter().position(|b| figure >= b.from)
}

/// Checks bands as written: at least one, scores 0–100, `from` strictly falling.
pub fn check_bands(bands: &[Band]) -> Result<()> {
    if bands.is_empty() {
        return Err(Error::invalid("分档", "至少要设一档"));
    }
    if bands.len() > 20 {
        return Err(Error::invalid("分档", "最多 20 档"));
    }
    for b in bands {
        if !b.from.is_finite() {
            return Err(Error::invalid("分档", "各档的起点应为数字"));
        }
        if !(0.0..=100.0).contains(&b.score) {
            return Err(Error::invalid("分档", "各档得分应在 0–100 之间"));
        }
    }
    if bands.windows(2).any(|w| w[1].from >= w[0].from) {
        return Err(Error::invalid(
            "分档",
            "各档应从高到低排列，起点逐档递减且不能重复",
        ));
    }
    Ok(())
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
/// one lowest are dropped first (never below one mark left). None without marks.
pub fn average_marks(marks: &[f64], drop_extremes_min: u32) -> Option<MarksAverage> {
    if marks.is_empty() {
        return None;
    }
    let n = marks.len();
    let drop = drop_extremes_min > 0 && n >= drop_extremes_min as usize && n >= 3;
    let (sum, used, dropped) = if drop {
        let high = marks.iter().copied().fold(f64::MIN, f64::max);
        let low = marks.iter().copied().fold(f64::MAX, f64::min);
        (
            marks.iter().sum::<f64>() - high - low,
            n - 2,
            Some((high, low)),
        )
    } else {
        (marks.iter().sum::<f64>(), n, None)
    };
    Some(MarksAverage {
        average: round2(sum / used as f64),
        used,
        dropped,
    })
}

/// A 民主测评 score: Σ count × points ÷ ballots, to 2 decimals; None without ballots.
pub fn ballot_score(counts: BallotCounts, points: BallotPoints) -> Option<f64> {
    let total = ballots(counts);
    if total == 0 {
        return None;
    }
    let sum = f64::from(counts.excellent) * points.excellent
        + f64::from(counts.competent) * points.competent
        + f64::from(counts.basic) * points.basic
        + f64::from(counts.incompetent) * points.incompetent;
    Some(round2(sum / total as f64))
}

/// How many ballots a tally counts.
pub fn ballots(counts: BallotCounts) -> u64 {
    u64::from(counts.excellent)
        + u64::from(counts.competent)
        + u64::from(counts.basic)
        + u64::from(counts.incompetent)
}

/// The marks a band word stands for.
pub const MARK_WORDS: [(&str, f64); 4] = [
    ("优秀", 95.0),
    ("良好", 85.0),
    ("一般", 75.0),
    ("较差", 60.0),
];

/// A mark as typed: a number 0–100 (full-width digits too, "86.5", "86.5分"), or a band word
/// (优秀 95, 良好 85, 一般 75, 较差 60).
pub fn parse_mark(input: &str) -> Result<f64> {
    let s = fold_input(input);
    if let Some(&(_, mark)) = MARK_WORDS.iter().find(|(w, _)| *w == s) {
        return Ok(mark);
    }
    let digits = s.strip_suffix('分').unwrap_or(&s);
    match digits.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=100.0).contains(&x) => Ok(round2(x)),
        _ => Err(Error::invalid(
            "分数",
            "应为 0–100 的数字，或 优秀/良好/一般/较差",
        )),
    }
}

/// Competition ranking, highest first: [90, 95, 90, 80] → [2, 1, 2, 4]. Values are compared
/// to 2 decimals, as they are shown.
pub fn rank(values: &[f64]) -> Vec<i64> {
    let shown: Vec<f64> = values.iter().map(|&v| round2(v)).collect();
    shown
        .iter()
        .map(|&v| 1 + shown.iter().filter(|&&w| w > v).count() as i64)
        .collect()
}

/// Places of a percentage quota: ⌊n × percent ÷ 100⌋ (20% of 7 → 1).
pub fn quota_places(n: usize, percent: f64) -> usize {
    if percent.is_nan() || percent <= 0.0 {
        return 0;
    }
    // The tiny nudge keeps 30% of 10 at 3 whatever the binary product is.
    let places = (n as f64 * percent / 100.0 + 1e-9).floor();
    (places.max(0.0) as usize).min(n)
}

/// Who is within `places`, by value, highest first — the tie rule of the module's doc: for
/// each value, `Some(true)` in, `Some(false)` out only because a tie at the edge would exceed
/// the places (the caller notes it), `None` out by rank.
///
/// A value ranked r (competition ranking) and tied with k values in all is in when its whole
/// group fits (r + k − 1 ≤ places); a group that starts within the places but does not fit is
/// out, every one of it: [95, 93, 93, 80] with 2 places → [in, tie, tie, out].
pub fn within_quota(values: &[f64], places: usize) -> Vec<Option<bool>> {
    let ranks = rank(values);
    ranks
        .iter()
        .map(|&r| {
            let group = ranks.iter().filter(|&&x| x == r).count() as i64;
            if r + group - 1 <= places as i64 {
                Some(true)
            } else if r <= places as i64 {
                Some(false)
            } else {
                None
            }
        })
        .collect()
}

/// A subject's grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub rank: i64,
    pub grade: Grade,
    pub note: Option<String>,
}

/// The grade of `total` by `bands` alone.
pub fn band_grade(total: f64, bands: GradeBands) -> Grade {
    let t = round2(total);
    if t >= bands.excellent {
        Grade::Excellent
    } else if t >= bands.competent {
        Grade::Competent
    } else if t >= bands.basic {
        Grade::Basic
    } else {
        Grade::Incompetent
    }
}

/// Grades by `bands`; with a `quota` (percent of all evaluated) those in the 优秀 band beyond
/// the quota's places (or tied at its edge, the module's tie rule) get 称职 with a note:
/// "总分达优秀档，超出优秀名额（20%，2 名）", or for the tied group
/// "与其他 1 人并列，超出优秀名额（20%，2 名），待研究确定". The places are
/// [`quota_places`] of everyone evaluated; those in the 优秀 band compete for them by total.
/// Without a quota there are no notes.
pub fn grades(totals: &[f64], bands: GradeBands, quota: Option<f64>) -> Vec<Graded> {
    let ranks = rank(totals);
    let mut out: Vec<Graded> = totals
        .iter()
        .zip(&ranks)
        .map(|(&t, &rank)| Graded {
            rank,
            grade: band_grade(t, bands),
            note: None,
        })
        .collect();
    let Some(percent) = quota else {
        return out;
    };
    let places = quota_places(totals.len(), percent);
    let quota_text = format!("{}%，{places} 名", num(percent));
    let excellent: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].grade == Grade::Excellent)
        .collect();
    let values: Vec<f64> = excellent.iter().map(|&i| totals[i]).collect();
    let verdicts = within_quota(&values, places);
    for (k, &i) in excellent.iter().enumerate() {
        match verdicts[k] {
            Some(true) => {}
            Some(false) => {
                let others = values
                    .iter()
                    .filter(|&&v| round2(v) == round2(values[k]))
                    .count()
                    - 1;
                out[i].grade = Grade::Competent;
                out[i].note = Some(format!(
                    "与其他 {others} 人并列，超出优秀名额（{quota_text}），待研究确定"
                ));
            }
            None => {
                out[i].grade = Grade::Competent;
                out[i].note = Some(format!("总分达优秀档，超出优秀名额（{quota_text}）"));
            }
        }
    }
    out
}
