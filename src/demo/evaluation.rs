//! 考核评价 and 推优评先 in the demo: the quarterly indicator system of the 政工干部, last
//! quarter's round published (five evaluators' marks, 民主测评 tallies, 反馈 and most
//! confirmations), this quarter's round open with marks for some subjects only (so 工作台 shows
//! it waiting), last year's 优秀政工干部 confirmed into honours, a 先进班组 round in 公示, and
//! a few honours entered by hand. Drawn from a generator of its own (as the 党群沟通 demo), so
//! the rest of the demo stays what it was for a seed; run after it, so the automatic indicators
//! read its concerns, talks and visits.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Gen, Scale, add_days};
use crate::codes::{
    AutoSource, EvalMethod, Grade, RecognitionTarget, RoundKind, ScoreRule, UnitKind,
};
use crate::db::Tx;
use crate::error::Result;
use crate::evaluation::{
    BallotCounts, BallotPoints, Band, GradeBands, HonourInput, IndicatorInput, MarkInput,
    NominationInput, RecognitionInput, RoundInput, Rule, SubjectPick, SystemInput, VoteInput,
    honour, recognition, round, system,
};
use crate::voice::Period;

/// Who marks the 评委打分 indicator.
const EVALUATORS: [&str; 5] = [
    "党委书记",
    "党委副书记",
    "纪委书记",
    "工会主席",
    "党建部主任",
];

const DEEDS: &[&str] = &[
    "牵头开展形势任务宣讲 12 场，覆盖职工 600 余人次，职工思想稳定。",
    "坚持谈心谈话全覆盖，全年谈心谈话 80 余人次，协调解决职工诉求 15 件。",
    "组织红色教育和主题党日活动，班组学习制度落实到位，活动出勤率保持在 95% 以上。",
    "落实领导班子联系点制度，深入基层走访调研，推动解决一批急难愁盼问题。",
    "创新“线上+线下”学习模式，带动青年职工参加技能培训，队伍结构持续优化。",
];

const TEAM_DEEDS: &[&str] = &[
    "班组学习制度健全，全年组织政治学习 24 次，安全生产无事故。",
    "开展“党员责任区”活动，客户满意率持续提升，职工诉求件件有回音。",
    "坚持班前会“讲形势、讲安全、讲服务”，全员参加技能比武并取得好成绩。",
];

const FEEDBACK: [(Grade, &str); 4] = [
    (
        Grade::Excellent,
        "本季度思想政治工作扎实，组织活动有声有色，职工诉求答复及时，望继续保持。",
    ),
    (
        Grade::Competent,
        "各项工作完成较好，建议进一步提高谈心谈话覆盖面和活动出勤率。",
    ),
    (
        Grade::Basic,
        "组织活动次数偏少，诉求按期答复率不高，下季度请重点改进。",
    ),
    (
        Grade::Incompetent,
        "多项工作未达要求，请对照指标逐项整改，并于下季度初书面报告。",
    ),
];

/// How many 考核评价 and 推优评先 records the demo wrote.
#[derive(Debug, Default)]
pub(super) struct EvaluationSummary {
    pub(super) eval_rounds: usize,
    pub(super) eval_subjects: usize,
    pub(super) recognition_rounds: usize,
    pub(super) honours: usize,
}

/// The indicator system of the demo: weights 15 + 15 + 10 + 15 + 10 + 10 + 15 + 10 = 100.
fn system_input() -> SystemInput {
    let auto = |category: &str, source: AutoSource, weight: f64, target: f64| IndicatorInput {
        category: category.into(),
        name: source.label().into(),
        weight,
        method: EvalMethod::Auto,
        source: Some(source),
        rule: Some(ScoreRule::Proportional),
        target: Some(target),
        bands: Vec::new(),
        note: None,
    };
    let by_hand = |name: &str, method: EvalMethod, weight: f64, note: &str| IndicatorInput {
        category: "综合评价".into(),
        name: name.into(),
        weight,
        method,
        source: None,
        rule: None,
        target: None,
        bands: Vec::new(),
        note: Some(note.into()),
    };
    let band = |from: f64, score: f64| Band { from, score };
    SystemInput {
        name: "政工干部季度考核指标体系".into(),
        note: Some("按季度考核政工干部，系统数据自动取数，评委打分去掉最高分和最低分。".into()),
        drop_extremes_min: 5,
        ballot_points: BallotPoints::default(),
        indicators: vec![
            auto("思想政治工作", AutoSource::Activities, 15.0, 6.0),
            IndicatorInput {
                rule: Some(ScoreRule::Bands),
                target: None,
                bands: vec![
                    band(95.0, 100.0),
                    band(90.0, 90.0),
                    band(80.0, 75.0),
                    band(0.0, 60.0),
                ],
                ..auto("思想政治工作", AutoSource::AttendanceRate, 15.0, 0.0)
            },
            auto("思想政治工作", AutoSource::TalkCoverage, 10.0, 80.0),
            auto("群众工作", AutoSource::ConcernsOnTime, 15.0, 95.0),
            auto("群众工作", AutoSource::Satisfaction, 10.0, 90.0),
            auto("群众工作", AutoSource::VisitCoverage, 10.0, 100.0),
            by_hand(
                "评委打分",
                EvalMethod::Marks,
                15.0,
                "考核小组成员对工作实绩打分",
            ),
            by_hand("民主测评", EvalMethod::Ballot, 10.0, "所在单位职工民主测评"),
        ],
    }
}

/// "2026年第三季度".
fn quarter_name(p: &Period) -> String {
    format!(
        "{}年第{}季度",
        p.from.year(),
        ["一", "二", "三", "四"][((p.from.month() - 1) / 3) as usize]
    )
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

impl Gen {
    /// Writes the 考核评价 and 推优评先 records; returns how many of each (for the audit line).
    pub(super) fn insert_evaluation(&self, tx: &Tx, seed: u64) -> Result<EvaluationSummary> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4b41_4f48_4550_4a49);
        let today = self.today;
        let mut summary = EvaluationSummary::default();
        let Some(top) = self.units.iter().find(|u| u.parent.is_none()) else {
            return Ok(summary);
        };
        let system_id = system::save(tx, None, system_input())?;
        let indicators = system::get(tx, system_id)?.indicators;
        let of = |m: EvalMethod| {
            indicators
                .iter()
                .find(|i| i.input.method == m)
                .map(|i| i.id)
        };
        let (Some(marks_id), Some(ballot_id)) = (of(EvalMethod::Marks), of(EvalMethod::Ballot))
        else {
            return Ok(summary);
        };

        // Last quarter: published.
        let current = Period::quarter_of(today);
        let last = Period::quarter_of(add_days(current.from, -1));
        let new_round = |tx: &Tx, p: &Period| {
            round::save(
                tx,
                None,
                RoundInput {
                    name: format!("{}政工干部考核", quarter_name(p)),
                    kind: RoundKind::Daily,
                    period_from: p.from,
                    period_to: p.to,
                    system_id,
                    // The demo's data cover few talks a quarter: the bands are set to match.
                    grade_bands: GradeBands {
                        excellent: 85.0,
                        competent: 70.0,
                        basic: 60.0,
                    },
                    excellent_quota: Some(20.0),
                },
            )
        };
        // The 政工干部 of the top company (of a city company, not those of its counties: each
        // company runs its own rounds), and of a city company those of six of its units only:
        // the automatic figures are read per unit, and the demo stays quick.
        let max_units = match self.scale {
            Scale::Branch => usize::MAX,
            Scale::City => 6,
        };
        let mut units: Vec<usize> = Vec::new();
        let mut person_ids = Vec::new();
        for &i in &top.own {
            let p = &self.people[i];
            if !(p.cadre && p.left.is_none() && p.hire <= today) {
                continue;
            }
            if !units.contains(&p.unit) {
                if units.len() == max_units {
                    continue;
                }
                units.push(p.unit);
            }
            person_ids.push(p.id);
        }
        let pick = SubjectPick {
            unit_ids: Vec::new(),
            person_ids,
        };
        let closed = new_round(tx, &last)?;
        summary.eval_rounds += 1;
        summary.eval_subjects += round::add_subjects(tx, closed, &pick)?;
        let subjects = subjects_of(tx, closed)?;
        if subjects.is_empty() {
            // No 政工干部 in post: nothing to evaluate.
            return Ok(summary);
        }
        // Each subject has a level of work; the evaluators mark around it.
        let level: Vec<f64> = subjects
            .iter()
            .map(|_| rng.random_range(72.0..99.0_f64))
            .collect();
        for evaluator in EVALUATORS {
            let marks: Vec<MarkInput> = subjects
                .iter()
                .zip(&level)
                .map(|(&person_id, &l)| MarkInput {
                    person_id,
                    indicator_id: marks_id,
                    mark: Some(
                        (l + rng.random_range(-6.0..6.0_f64))
                            .round()
                            .clamp(0.0, 100.0),
                    ),
                })
                .collect();
            round::set_marks(tx, closed, evaluator, &marks)?;
        }
        for (&person, &l) in subjects.iter().zip(&level) {
            let voters = rng.random_range(18..40_u32);
            let excellent = ((f64::from(voters) * (l - 60.0) / 40.0).round() as u32).min(voters);
            let rest = voters - excellent;
            let basic = rng.random_range(0..=2_u32).min(rest);
            let incompetent = u32::from(rest > basic && rng.random_bool(0.15));
            let counts = BallotCounts {
                excellent,
                competent: rest - basic - incompetent,
                basic,
                incompetent,
            };
            round::set_ballot(tx, closed, person, ballot_id, counts)?;
        }
        let computed = at(add_days(last.to, 10).min(today), 9);
        round::start_feedback(tx, closed, computed)?;
        let grades: Vec<(i64, Option<Grade>)> = tx
            .prepare("SELECT person_id, grade FROM eval_subject WHERE round_id = ?1 ORDER BY id")?
            .query_map([closed], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for &(person, grade) in &grades {
            let text = FEEDBACK
                .iter()
                .find(|(g, _)| Some(*g) == grade)
                .map(|(_, t)| t.to_string());
            round::set_feedback(tx, closed, person, text)?;
            if rng.random_bool(0.8) {
                let reply = rng
                    .random_bool(0.3)
                    .then(|| "对考核结果无异议，将对照反馈意见抓好整改。".to_string());
                let on = at(add_days(last.to, rng.random_range(11..18)).min(today), 15);
                round::confirm(tx, closed, person, reply, on)?;
            }
        }
        round::publish(tx, closed, at(add_days(last.to, 20).min(today), 10))?;

        // This quarter: open, marks from three evaluators for about half the subjects.
        let open = new_round(tx, &current)?;
        summary.eval_subjects += round::add_subjects(tx, open, &pick)?;
        let now_subjects = subjects_of(tx, open)?;
        let marked: Vec<i64> = now_subjects
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.5))
            .collect();
        for evaluator in &EVALUATORS[..3] {
            let marks: Vec<MarkInput> = marked
                .iter()
                .map(|&person_id| MarkInput {
                    person_id,
                    indicator_id: marks_id,
                    mark: Some(f64::from(rng.random_range(72..97_u32))),
                })
                .collect();
            round::set_marks(tx, open, evaluator, &marks)?;
        }
        summary.eval_rounds += 1;

        self.insert_recognition(tx, &mut rng, &mut summary)?;
        Ok(summary)
    }

    /// Last year's 优秀政工干部 confirmed, a 先进班组 round in 公示, honours by hand.
    fn insert_recognition(
        &self,
        tx: &Tx,
        rng: &mut ChaCha8Rng,
        summary: &mut EvaluationSummary,
    ) -> Result<()> {
        let today = self.today;
        let year = today.year() - 1;
        let Some(root) = self.units.iter().find(|u| u.parent.is_none()) else {
            return Ok(());
        };
        let granted_by = Some(root.name.clone());
        let in_post: Vec<usize> = (0..self.people.len())
            .filter(|&i| {
                self.people[i].left.is_none_or(|d| d > today) && self.people[i].hire <= today
            })
            .collect();

        // 优秀政工干部: six cadres nominated by their companies.
        let mut cadres: Vec<usize> = in_post
            .iter()
            .copied()
            .filter(|&i| self.people[i].cadre)
            .collect();
        cadres.shuffle(rng);
        cadres.truncate(6);
        let person_round = recognition::save(
            tx,
            None,
            RecognitionInput {
                name: format!("{year}年度优秀政工干部评选"),
                honour_title: "优秀政工干部".into(),
                year,
                target: RecognitionTarget::Person,
                quota: 3,
                rules: vec![
                    Rule::InPost,
                    Rule::PoliticalCadre,
                    Rule::PartyMember,
                    Rule::AttendanceAtLeast { percent: 80.0 },
                ],
                granted_by: granted_by.clone(),
            },
        )?;
        summary.recognition_rounds += 1;
        for &p in &cadres {
            let company = self.units[self.units[self.people[p].unit].company].id;
            recognition::nominate(
                tx,
                person_round,
                NominationInput {
                    person_id: Some(self.people[p].id),
                    unit_id: None,
                    by_unit_id: Some(company),
                    deeds: DEEDS.choose(rng).copied().unwrap_or(DEEDS[0]).into(),
                },
            )?;
        }
        // 公示 in January (or, early in January, just before today), confirmed two days after.
        let confirmed_on = NaiveDate::from_ymd_opt(today.year(), 1, 16)
            .unwrap_or(today)
            .min(add_days(today, -1));
        let notice_to = add_days(confirmed_on, -2);
        let notice_from = add_days(notice_to, -6);
        if self.vote(tx, rng, person_round, notice_from, notice_to)? {
            summary.honours += recognition::confirm(tx, person_round, confirmed_on)?;
        }

        // 先进班组: up to five teams, in 公示 now.
        let mut teams: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.units[u].kind == UnitKind::Team && !self.units[u].subtree.is_empty())
            .collect();
        teams.shuffle(rng);
        teams.truncate(5);
        if !teams.is_empty() {
            let unit_round = recognition::save(
                tx,
                None,
                RecognitionInput {
                    name: format!("{year}年度先进班组评选"),
                    honour_title: "先进班组".into(),
                    year,
                    target: RecognitionTarget::Unit,
                    quota: 2,
                    rules: vec![Rule::AttendanceAtLeast { percent: 95.0 }],
                    granted_by: granted_by.clone(),
                },
            )?;
            summary.recognition_rounds += 1;
            for &u in &teams {
                recognition::nominate(
                    tx,
                    unit_round,
                    NominationInput {
                        person_id: None,
                        unit_id: Some(self.units[u].id),
                        by_unit_id: self.units[u].parent.map(|p| self.units[p].id),
                        deeds: TEAM_DEEDS
                            .choose(rng)
                            .copied()
                            .unwrap_or(TEAM_DEEDS[0])
                            .into(),
                    },
                )?;
            }
            self.vote(tx, rng, unit_round, add_days(today, -2), add_days(today, 4))?;
        }

        // By hand: honours of earlier years.
        let young: Vec<usize> = in_post
            .iter()
            .copied()
            .filter(|&i| (today - self.people[i].birth).num_days() < 35 * 365)
            .collect();
        let party: Vec<usize> = in_post
            .iter()
            .copied()
            .filter(|&i| self.people[i].party())
            .collect();
        let mut by_hand: Vec<HonourInput> = Vec::new();
        let person_honour = |p: usize, title: &str, year: i32, granted: &str| HonourInput {
            person_id: Some(self.people[p].id),
            unit_id: None,
            title: title.into(),
            year,
            awarded_on: NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or(today),
            granted_by: Some(granted.into()),
            note: None,
        };
        for &p in young.choose_multiple(rng, 2) {
            let mut h = person_honour(
                p,
                "青年岗位能手",
                year,
                &format!("共青团{}委员会", root.name),
            );
            h.awarded_on = NaiveDate::from_ymd_opt(year, 5, 4).unwrap_or(today);
            by_hand.push(h);
        }
        for &p in party.choose_multiple(rng, 2) {
            by_hand.push(person_honour(p, "优秀共产党员", year - 1, &root.name));
        }
        if let Some(&u) = teams.first() {
            by_hand.push(HonourInput {
                person_id: None,
                unit_id: Some(self.units[u].id),
                title: "工人先锋号".into(),
                year: year - 1,
                awarded_on: NaiveDate::from_ymd_opt(year - 1, 4, 28).unwrap_or(today),
                granted_by: Some("省总工会".into()),
                note: Some("表彰班组在迎峰度夏保供电中的突出表现".into()),
            });
        }
        for h in by_hand {
            honour::add(tx, h)?;
            summary.honours += 1;
        }
        Ok(())
    }

    /// Starts the voting of `round`, gives each candidate distinct votes (so no tie holds the
    /// 公示 up) and opens the 公示 `from`–`to` when someone is eligible. Returns whether it did.
    fn vote(
        &self,
        tx: &Tx,
        rng: &mut ChaCha8Rng,
        round_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<bool> {
        recognition::start_voting(tx, round_id)?;
        let candidates = recognition::get(tx, round_id, self.today)?.candidates;
        let mut votes: Vec<u32> = (0..candidates.len() as u32).map(|i| 40 - 4 * i).collect();
        votes.shuffle(rng);
        let votes: Vec<VoteInput> = candidates
            .iter()
            .zip(votes)
            .map(|(c, v)| VoteInput {
                nomination_id: c.nomination_id,
                votes: Some(v + rng.random_range(0..3)),
            })
            .collect();
        recognition::set_votes(tx, round_id, &votes)?;
        if !candidates.iter().any(|c| c.eligible) {
            return Ok(false);
        }
        recognition::start_publicity(tx, round_id, from, to, self.today)?;
        Ok(true)
    }
}

/// The subjects of a round, by id.
fn subjects_of(tx: &Tx, round_id: i64) -> Result<Vec<i64>> {
    Ok(tx
        .prepare("SELECT person_id FROM eval_subject WHERE round_id = ?1 ORDER BY id")?
        .query_map([round_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
