//! 考核评价 and 推优评先: the evaluation of political-work cadres (政工干部) from the work the
//! app already records, and the recognition rounds that end in honours.
//!
//! - [`system`]: 考核指标体系 — categories and indicators with weights summing to 100, each
//!   scored from the app's data ([`figures`]), by evaluators' marks or by a 民主测评 tally.
//!   Versioned: a version used by any round is never changed in place; an edit makes the next
//!   version, and only rounds still 评分中 with nothing entered move to it.
//! - [`score`]: the arithmetic, pure and written out — the proportional and banded rules, the
//!   evaluators' average with the extremes dropped, the ballot points, grades and the 优秀 quota.
//! - [`round`]: 考核 — who is evaluated, marks and tallies, results, 反馈, 确认, 公布 (locks).
//! - [`recognition`]: 推优评先 — eligibility rules with reasons, nominations, votes, 公示, and on
//!   confirmation the honours; [`honour`]: the honours roll on people and units.
//! - [`export`]: the .xlsx of each result table.
//!
//! **Ties at a quota's edge** (the 优秀 quota of a round, the places of a 推优评先 round): those
//! ranked above the quota's last place are in; when the people tied at the edge would take more
//! places than are left, none of that tied group is in, and each of them carries a note saying
//! so (并列…超出名额), for the meeting to decide (a re-vote, or a changed mark). The quota is
//! never exceeded silently and nobody tied is preferred by an arbitrary order.

pub mod export;
pub mod figures;
pub mod honour;
pub mod recognition;
pub mod round;
pub mod score;
pub mod system;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{
    AutoSource, EvalMethod, Grade, RecognitionStatus, RecognitionTarget, RoundKind, RoundStatus,
    ScoreRule,
};

// ---------------------------------------------------------------------------------------------
// 指标体系

/// An indicator as written by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorInput {
    /// 思想政治工作, 组织人事工作, 宣传工作, 统战工作 …
    pub category: String,
    pub name: String,
    /// Share of the total, in points (the weights of a system sum to 100); one decimal.
    pub weight: f64,
    pub method: EvalMethod,
    /// [`EvalMethod::Auto`]: which figure.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub source: Option<AutoSource>,
    /// [`EvalMethod::Auto`]: how the figure becomes a score.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub rule: Option<ScoreRule>,
    /// [`ScoreRule::Proportional`]: the figure that earns 100 (rates in percent: 95 = 95%).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub target: Option<f64>,
    /// [`ScoreRule::Bands`]: best first, each "at least this figure → this score".
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: Option<String>,
}

/// One band of a banded rule: a figure at least `from` scores `score` (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Band {
    pub from: f64,
    pub score: f64,
}

/// The points one 民主测评 ballot of each choice is worth (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BallotPoints {
    pub excellent: f64,
    pub competent: f64,
    pub basic: f64,
    pub incompetent: f64,
}

impl Default for BallotPoints {
    fn default() -> Self {
        BallotPoints {
            excellent: 100.0,
            competent: 80.0,
            basic: 60.0,
            incompetent: 0.0,
        }
    }
}

/// A system as written by the user (a new one, or an edit of one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SystemInput {
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: Option<String>,
    /// With at least this many marks, the highest and the lowest are dropped; 0: never.
    pub drop_extremes_min: u32,
    pub ballot_points: BallotPoints,
    pub indicators: Vec<IndicatorInput>,
}

/// A stored indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Indicator {
    pub id: i64,
    #[serde(flatten)]
    pub input: IndicatorInput,
}

/// A stored system version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct System {
    pub id: i64,
    pub uid: String,
    /// Shared by every version of this system.
    pub family_uid: String,
    pub version: u32,
    pub name: String,
    pub note: Option<String>,
    pub drop_extremes_min: u32,
    pub ballot_points: BallotPoints,
    pub indicators: Vec<Indicator>,
    /// A newer version exists.
    pub superseded: bool,
    pub retired: bool,
    /// Used by any round: an edit makes a new version (rounds still 评分中 with no marks, no
    /// tallies and no stored scores move to it; the others keep this one).
    pub frozen: bool,
    /// Rounds using this version.
    pub rounds: i64,
    pub updated_at: String,
}

/// A line of the systems list (the newest version of each, unless asked for all).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SystemSummary {
    pub id: i64,
    pub family_uid: String,
    pub version: u32,
    pub name: String,
    pub indicators: i64,
    pub superseded: bool,
    pub retired: bool,
    pub frozen: bool,
    pub rounds: i64,
    pub updated_at: String,
}

// ---------------------------------------------------------------------------------------------
// 考核

/// The grade bands of a round: a total at least `excellent` is 优秀, at least `competent` 称职,
/// at least `basic` 基本称职, else 不称职.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GradeBands {
    pub excellent: f64,
    pub competent: f64,
    pub basic: f64,
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands {
            excellent: 90.0,
            competent: 75.0,
            basic: 60.0,
        }
    }
}

/// A round as written by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundInput {
    /// e.g. 2026年第四季度政工干部日常考核.
    pub name: String,
    pub kind: RoundKind,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// A system version (the newest, not retired, when the round is made).
    pub system_id: i64,
    pub grade_bands: GradeBands,
    /// 优秀 quota as a percentage of those evaluated (20 = 20%); None: no quota.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub excellent_quota: Option<f64>,
}

/// Whom to evaluate: the 政工干部 in post in these units (and below), and these people.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SubjectPick {
    pub unit_ids: Vec<i64>,
    pub person_ids: Vec<i64>,
}

/// A line of the rounds list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundSummary {
    pub id: i64,
    pub name: String,
    pub kind: RoundKind,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub status: RoundStatus,
    pub system_id: i64,
    pub system_name: String,
    pub system_version: u32,
    pub subjects: i64,
    /// Subjects still missing a mark from some evaluator or a ballot tally (评分中 only;
    /// "missing" = a 'marks' indicator with no mark at all, or a 'ballot' one with no tally).
    pub incomplete: i64,
    /// Subjects who have not confirmed (结果反馈 only).
    pub unconfirmed: i64,
}

/// One indicator's score for one subject: computed (stored once the round is computed), or a
/// preview while 评分中.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorScore {
    pub indicator_id: i64,
    /// The figure of an automatic indicator (rates in percent), the evaluators' average, or the
    /// ballot score; None when there is nothing to read.
    pub figure: Option<f64>,
    /// 0–100.
    pub score: f64,
    /// How it was reached, in words (e.g. "出勤率 87.5%，目标 95%：87.5 ÷ 95 × 100 = 92.11";
    /// "5 位评委，去掉最高 98、最低 70，3 位平均 86.33"; "本期无数据（无已答复的诉求），按满分计";
    /// "尚无评委打分").
    pub basis: String,
}

/// A subject of a round with the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubjectResult {
    pub person_id: i64,
    pub name: String,
    pub employee_no: Option<String>,
    pub position: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    /// In the system's indicator order.
    pub scores: Vec<IndicatorScore>,
    /// Σ score × weight ÷ 100, to 2 decimals; None before the round is computed (while 评分中
    /// and computed, as it stands now).
    pub total: Option<f64>,
    /// Competition ranking (1, 2, 2, 4) by total.
    pub rank: Option<i64>,
    pub grade: Option<Grade>,
    /// Why the grade is not the band's (the quota), in words.
    pub grade_note: Option<String>,
    pub feedback: Option<String>,
    /// The person's own 反馈意见.
    pub reply: Option<String>,
    pub confirmed_at: Option<String>,
    /// Marks entered per 'marks' indicator (count), for the marks screen.
    pub marks_entered: Vec<MarksEntered>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarksEntered {
    pub indicator_id: i64,
    pub count: i64,
}

/// A round with its system and its subjects' results: by rank, then name (姓氏笔画) once
/// computed; by unit (the tree's order), then name before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundDetail {
    pub id: i64,
    pub uid: String,
    pub input: RoundInput,
    pub status: RoundStatus,
    pub system: System,
    pub subjects: Vec<SubjectResult>,
    pub computed_at: Option<String>,
    pub published_at: Option<String>,
    /// The evaluators who have entered marks, in the order first seen.
    pub evaluators: Vec<String>,
}

/// One evaluator's mark as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MarkInput {
    pub person_id: i64,
    pub indicator_id: i64,
    /// 0–100, or None to clear that mark.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub mark: Option<f64>,
}

/// A stored mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mark {
    pub person_id: i64,
    pub indicator_id: i64,
    pub evaluator: String,
    pub mark: f64,
}

/// The counts of a 民主测评 from the paper ballots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BallotCounts {
    pub excellent: u32,
    pub competent: u32,
    pub basic: u32,
    pub incompetent: u32,
}

/// A stored tally.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ballot {
    pub person_id: i64,
    pub indicator_id: i64,
    pub counts: BallotCounts,
}

/// One round in a cadre's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "EvalHistoryRow"))]
pub struct HistoryRow {
    pub round_id: i64,
    pub round_name: String,
    pub kind: RoundKind,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub status: RoundStatus,
    pub total: Option<f64>,
    pub rank: Option<i64>,
    /// Of how many evaluated.
    pub of: i64,
    pub grade: Option<Grade>,
}

/// A round waiting for someone (工作台).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundWaiting {
    pub id: i64,
    pub name: String,
    pub status: RoundStatus,
    /// 评分中: subjects still missing marks or a tally; 结果反馈: subjects not confirmed.
    pub waiting: i64,
}

// ---------------------------------------------------------------------------------------------
// 推优评先

/// An eligibility rule of a 推优评先 round. Stored as JSON in `recognition_round.rules`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// 在职 on the round's confirmation (or today). People only.
    InPost,
    /// 政工干部. People only.
    PoliticalCadre,
    /// 中共党员 (预备党员 too). People only.
    PartyMember,
    /// 出勤率 over the round's year at least `percent` (a person's own rate; a unit's rate for
    /// a unit). No activities expected: the rule is not met ("无出勤记录").
    AttendanceAtLeast { percent: f64 },
    /// The grade of the person's latest published 考核 at least `grade`. People only.
    LastGradeAtLeast { grade: Grade },
}

/// A round as written by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecognitionInput {
    /// e.g. 2026年度优秀政工干部评选.
    pub name: String,
    /// The honour it awards, e.g. 优秀政工干部.
    pub honour_title: String,
    pub year: i32,
    pub target: RecognitionTarget,
    /// Places.
    pub quota: u32,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Who grants the honour (printed on the 公示 and the honours), e.g. 国网示范县供电公司.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub granted_by: Option<String>,
}

/// One rule checked for one candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleCheck {
    pub rule: Rule,
    /// The rule in words (出勤率不低于 80%).
    pub label: String,
    pub passed: bool,
    /// What was found (出勤率 62.5%; 最近考核：称职（2026年第三季度…）; 无出勤记录).
    pub found: String,
}

/// A nomination with its eligibility, votes and selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub nomination_id: i64,
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    /// The person's or the unit's name.
    pub name: String,
    /// The person's unit, or the unit's parent.
    pub unit_name: Option<String>,
    pub by_unit_id: Option<i64>,
    pub by_unit_name: Option<String>,
    pub deeds: String,
    pub checks: Vec<RuleCheck>,
    pub eligible: bool,
    pub votes: Option<u32>,
    /// Rank by votes among the eligible (competition ranking), once votes are in.
    pub rank: Option<i64>,
    pub selected: bool,
    /// Why not selected though ranked within the quota (a tie at the edge), or the reason
    /// it was withdrawn.
    pub note: Option<String>,
    pub withdrawn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecognitionRound {
    pub id: i64,
    pub uid: String,
    pub input: RecognitionInput,
    pub status: RecognitionStatus,
    pub notice_from: Option<NaiveDate>,
    pub notice_to: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecognitionSummary {
    pub id: i64,
    pub name: String,
    pub honour_title: String,
    pub year: i32,
    pub target: RecognitionTarget,
    pub quota: u32,
    pub status: RecognitionStatus,
    pub candidates: i64,
    pub selected: i64,
    pub notice_to: Option<NaiveDate>,
}

/// A nomination as written by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NominationInput {
    /// A person (person rounds) …
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub person_id: Option<i64>,
    /// … or a unit (unit rounds).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit_id: Option<i64>,
    /// The unit that nominates.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub by_unit_id: Option<i64>,
    /// 主要事迹.
    pub deeds: String,
}

// ---------------------------------------------------------------------------------------------
// 荣誉

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HonourInput {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub person_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit_id: Option<i64>,
    pub title: String,
    pub year: i32,
    pub awarded_on: NaiveDate,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub granted_by: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Honour {
    pub id: i64,
    pub uid: String,
    #[serde(flatten)]
    pub input: HonourInput,
    /// The person's or the unit's name.
    pub holder: String,
    /// The person's unit (people), or the unit's parent (units).
    pub unit_name: Option<String>,
    pub round_id: Option<i64>,
}

/// Which honours to list: a year, a unit (people in it and below, and it and its sub-units),
/// a person, a title's part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct HonourFilter {
    pub year: Option<i32>,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub search: Option<String>,
}

/// Votes entered for one nomination (None clears them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VoteInput {
    pub nomination_id: i64,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub votes: Option<u32>,
}
