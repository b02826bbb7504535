//! The eligibility rules of 推优评先 in words and checked for one nominee, and the candidates of
//! a round: every nomination (those failing a rule too, with the reason), ranked by votes among
//! the eligible.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::RoundRow;
use crate::attendance::{self, Counts, RateQuery};
use crate::codes::{Grade, PoliticalStatus, RecognitionStatus, RecognitionTarget};
use crate::collate::NameCollator;
use crate::error::{Error, Result};
use crate::evaluation::score;
use crate::evaluation::{Candidate, Rule, RuleCheck};

/// A number as people write it: 80, 87.5.
fn number(x: f64) -> String {
    format!("{x}")
}

/// The rule in words: 在职, 政工干部, 中共党员（含预备党员）, 出勤率不低于 80%,
/// 最近一次考核等级不低于称职.
pub fn rule_label(rule: &Rule) -> String {
    match rule {
        Rule::InPost => "在职".to_string(),
        Rule::PoliticalCadre => "政工干部".to_string(),
        Rule::PartyMember => "中共党员（含预备党员）".to_string(),
        Rule::AttendanceAtLeast { percent } => format!("出勤率不低于 {}%", number(*percent)),
        Rule::LastGradeAtLeast { grade } => format!("最近一次考核等级不低于{}", grade.label()),
    }
}

/// The rule's short name in messages.
fn rule_name(rule: &Rule) -> &'static str {
    match rule {
        Rule::InPost => "在职",
        Rule::PoliticalCadre => "政工干部",
        Rule::PartyMember => "中共党员",
        Rule::AttendanceAtLeast { .. } => "出勤率",
        Rule::LastGradeAtLeast { .. } => "最近一次考核等级",
    }
}

/// Checks a round's rules: people-only rules refused for unit rounds, percent 0–100, each kind
/// of rule once.
pub fn check_rules(target: RecognitionTarget, rules: &[Rule]) -> Result<()> {
    for (i, rule) in rules.iter().enumerate() {
        if let Rule::AttendanceAtLeast { percent } = rule {
            if !(percent.is_finite() && (0.0..=100.0).contains(percent)) {
                return Err(Error::invalid("评选条件", "出勤率应在 0–100 之间"));
            }
        } else if target == RecognitionTarget::Unit {
            return Err(Error::invalid(
                "评选条件",
                format!("“{}”只适用于个人评选", rule_name(rule)),
            ));
        }
        let same = |r: &Rule| std::mem::discriminant(r) == std::mem::discriminant(rule);
        if rules[..i].iter().any(same) {
            return Err(Error::invalid(
                "评选条件",
                format!("“{}”重复", rule_name(rule)),
            ));
        }
    }
    Ok(())
}

/// What the rules read of a nominated person.
pub(super) struct PersonFacts {
    pub id: i64,
    pub political_status: Option<PoliticalStatus>,
    pub political_cadre: bool,
    pub left_date: Option<NaiveDate>,
}

/// Whom a nomination puts forward.
pub(super) enum Nominee {
    Person(PersonFacts),
    Unit(i64),
}

/// The attendance period of a round of `year`, as of `today`: the year up to its end or
/// `today`; None when the year has not begun.
fn year_to_date(year: i32, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31)?.min(today);
    (from <= to).then_some((from, to))
}

/// One rule checked for one nominee of `round`, as of `today`.
fn check_one(
    conn: &Connection,
    round: &RoundRow,
    rule: &Rule,
    nominee: &Nominee,
    today: NaiveDate,
) -> Result<RuleCheck> {
    let (passed, found) = match (rule, nominee) {
        (Rule::InPost, Nominee::Person(p)) => {
            let as_of = round.confirmed_on.unwrap_or(today);
            if p.left_date.is_none_or(|d| d > as_of) {
                (true, "在职".to_string())
            } else {
                (false, "已离职".to_string())
            }
        }
        (Rule::PoliticalCadre, Nominee::Person(p)) => {
            if p.political_cadre {
                (true, "政工干部".to_string())
            } else {
                (false, "非政工干部".to_string())
            }
        }
        (Rule::PartyMember, Nominee::Person(p)) => (
            p.political_status
                .is_some_and(PoliticalStatus::is_party_member),
            format!(
                "政治面貌：{}",
                p.political_status.map_or("未填写", PoliticalStatus::label)
            ),
        ),
        (Rule::AttendanceAtLeast { percent }, nominee) => {
            let counts = match year_to_date(round.input.year, today) {
                None => None,
                Some((from, to)) => Some(match nominee {
                    // The person page's figure: the same count as 出勤统计 by person.
                    Nominee::Person(p) => {
                        attendance::person_attendance(conn, p.id, &RateQuery::new(from, to, None))?
                            .counts
                    }
                    Nominee::Unit(u) => {
                        attendance::period_counts_on(
                            conn,
                            &RateQuery::new(from, to, Some(*u)),
                            today,
                        )?
                        .0
                    }
                }),
            };
            attendance_check(counts, *percent)
        }
        (Rule::LastGradeAtLeast { grade }, Nominee::Person(p)) => {
            match last_grade(conn, p.id)? {
                None => (false, "无已公布的考核结果".to_string()),
                Some((round_name, found)) => (
                    // Grades are ordered best first.
                    found <= *grade,
                    format!("最近考核：{}（{round_name}）", found.label()),
                ),
            }
        }
        // A people-only rule on a unit ([`check_rules`] keeps them out of unit rounds).
        (_, Nominee::Unit(_)) => (false, "只适用于个人".to_string()),
    };
    Ok(RuleCheck {
        rule: rule.clone(),
        label: rule_label(rule),
        passed,
        found,
    })
}

/// 出勤率 against `percent`: not met without a rate.
fn attendance_check(counts: Option<Counts>, percent: f64) -> (bool, String) {
    match counts {
        Some(c) if c.rate.is_some() => {
            let expected = (c.invited - c.leave) as f64;
            // attended ÷ expected ≥ percent ÷ 100, without the rounding of a division.
            let passed = c.attended as f64 * 100.0 >= percent * expected - 1e-9;
            (passed, format!("出勤率 {}", c.rate_text()))
        }
        _ => (false, "无出勤记录".to_string()),
    }
}

/// The grade of the person's latest published 考核 (by its period's end, then id), with the
/// round's name.
fn last_grade(conn: &Connection, person_id: i64) -> Result<Option<(String, Grade)>> {
    Ok(conn
        .query_row(
            "SELECT r.name, s.grade
               FROM eval_subject s JOIN eval_round r ON r.id = s.round_id
              WHERE s.person_id = ?1 AND r.status = 'published' AND s.grade IS NOT NULL
              ORDER BY r.period_to DESC, r.id DESC
              LIMIT 1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A stored nomination, before its checks.
struct Row {
    candidate: Candidate,
    nominee: Nominee,
}

/// Every nomination of `round` with its rules checked as of `today`, ranked by votes among the
/// eligible, the tie at the quota's edge noted; ordered by rank, then the eligible without a
/// rank, then the others, each by name (姓氏笔画).
pub(super) fn candidates(
    conn: &Connection,
    round: &RoundRow,
    today: NaiveDate,
) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.person_id, n.unit_id, n.by_unit_id, bu.name, n.deeds, n.votes,
                n.selected, n.withdrawn, coalesce(p.name, u.name, ''),
                CASE WHEN n.person_id IS NOT NULL THEN pu.name ELSE par.name END,
                p.political_status, p.political_cadre, p.left_date
           FROM nomination n
           LEFT JOIN unit bu ON bu.id = n.by_unit_id
           LEFT JOIN person p ON p.id = n.person_id
           LEFT JOIN unit pu ON pu.id = p.unit_id
           LEFT JOIN unit u ON u.id = n.unit_id
           LEFT JOIN unit par ON par.id = u.parent_id
          WHERE n.round_id = ?1
          ORDER BY n.id",
    )?;
    let shows_selection = matches!(
        round.status,
        RecognitionStatus::Publicity | RecognitionStatus::Confirmed
    );
    let rows: Vec<Row> = stmt
        .query_map(params![round.id], |r| {
            let person_id: Option<i64> = r.get(1)?;
            let unit_id: Option<i64> = r.get(2)?;
            let nominee = match person_id {
                Some(id) => Nominee::Person(PersonFacts {
                    id,
                    political_status: r.get(11)?,
                    political_cadre: r.get::<_, Option<bool>>(12)?.unwrap_or(false),
                    left_date: r.get(13)?,
                }),
                None => Nominee::Unit(unit_id.unwrap_or_default()),
            };
            let selected: bool = r.get(7)?;
            let withdrawn: Option<String> = r.get(8)?;
            Ok(Row {
                candidate: Candidate {
                    nomination_id: r.get(0)?,
                    person_id,
                    unit_id,
                    name: r.get(9)?,
                    unit_name: r.get(10)?,
                    by_unit_id: r.get(3)?,
                    by_unit_name: r.get(4)?,
                    deeds: r.get(5)?,
                    checks: Vec::new(),
                    eligible: false,
                    votes: r.get(6)?,
                    rank: None,
                    selected: shows_selection && selected && withdrawn.is_none(),
                    note: withdrawn.as_ref().map(|w| format!("已撤回：{w}")),
                    withdrawn,
                },
                nominee,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for Row {
        mut candidate,
        nominee,
    } in rows
    {
        for rule in &round.input.rules {
            candidate
                .checks
                .push(check_one(conn, round, rule, &nominee, today)?);
        }
        candidate.eligible = candidate.checks.iter().all(|c| c.passed);
        out.push(candidate);
    }
    rank(&mut out, round);
    let names = NameCollator::stroke();
    out.sort_by(|a, b| {
        let place = |c: &Candidate| (c.rank.is_none(), c.rank, !c.eligible);
        place(a)
            .cmp(&place(b))
            .then_with(|| names.compare(&a.name, &b.name))
            .then(a.nomination_id.cmp(&b.nomination_id))
    });
    Ok(out)
}

/// Ranks the eligible with votes (competition ranking) and, once every eligible candidate has
/// votes, notes the group tied at the quota's edge that is out (the module's tie rule).
fn rank(candidates: &mut [Candidate], round: &RoundRow) {
    let voted: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].eligible && candidates[i].votes.is_some())
        .collect();
    let values: Vec<f64> = voted
        .iter()
        .map(|&i| f64::from(candidates[i].votes.unwrap_or(0)))
        .collect();
    for (&i, r) in voted.iter().zip(score::rank(&values)) {
        candidates[i].rank = Some(r);
    }
    let all_voted = candidates.iter().all(|c| !c.eligible || c.votes.is_some());
    if round.status == RecognitionStatus::Nominating || !all_voted || voted.is_empty() {
        return;
    }
    let places = usize::try_from(round.input.quota).unwrap_or(usize::MAX);
    let within = score::within_quota(&values, places);
    let tied = within.iter().filter(|w| **w == Some(false)).count();
    if tied == 0 {
        return;
    }
    let taken = within.iter().filter(|w| **w == Some(true)).count();
    let left = places.saturating_sub(taken);
    let note = format!("得票并列（{tied} 人争 {left} 个名额），超出名额，请加票或研究决定");
    for (&i, w) in voted.iter().zip(&within) {
        if *w == Some(false) && candidates[i].withdrawn.is_none() {
            candidates[i].note = Some(note.clone());
        }
    }
}

/// Whom the votes select: within the quota among the eligible (the module's tie rule). Returns
/// the selected nominations' ids. Every eligible candidate must have votes.
pub(super) fn selection(candidates: &[Candidate], quota: u32) -> Result<Vec<i64>> {
    let missing: Vec<&str> = candidates
        .iter()
        .filter(|c| c.eligible && c.votes.is_none())
        .map(|c| c.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(
            "得票",
            format!("候选人尚未录入得票：{}", missing.join("、")),
        ));
    }
    let eligible: Vec<&Candidate> = candidates.iter().filter(|c| c.eligible).collect();
    if eligible.is_empty() {
        return Err(Error::invalid(
            "候选人",
            "没有符合评选条件的候选人，不能开始公示",
        ));
    }
    let values: Vec<f64> = eligible
        .iter()
        .map(|c| f64::from(c.votes.unwrap_or(0)))
        .collect();
    let places = usize::try_from(quota).unwrap_or(usize::MAX);
    Ok(eligible
        .iter()
        .zip(score::within_quota(&values, places))
        .filter(|(_, w)| *w == Some(true))
        .map(|(c, _)| c.nomination_id)
        .collect())
}
