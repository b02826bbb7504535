//! 党群沟通 in the demo: each leader's contact points and a year of visits (the current quarter
//! partly unvisited), talks with about half the staff, concerns raised at the held 座谈会 and on
//! visits and walked through their statuses by age (a few overdue, one reopened), opinion
//! entries, and last quarter's analysis report. Drawn from a generator of its own, so the rest of
//! the demo stays what it was for a seed.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Gen, add_days};
use crate::codes::{
    ConcernSource, OpinionKind, OpinionLevel, OpinionTrend, RaiserKind, Satisfaction, TalkKind,
};
use crate::db::Tx;
use crate::error::Result;
use crate::voice::Period;
use crate::voice::concern::{self, ConcernInput};
use crate::voice::contact::{self, VisitInput};
use crate::voice::opinion::{self, OpinionInput};
use crate::voice::report::{self, ReportInput};
use crate::voice::talk::{self, TalkInput};

/// What staff raise, by category name (the default categories of migration 0009).
const CONCERNS: &[(&str, &[&str])] = &[
    (
        "薪酬待遇",
        &[
            "夜班补贴标准多年未调整，希望按新标准执行",
            "绩效考核结果公示不及时，职工不清楚扣分原因",
            "抢修加班费核算周期长，希望按月发放",
        ],
    ),
    (
        "工作环境",
        &[
            "供电所值班室空调老化，夏季闷热",
            "班组活动室面积小，学习培训时座位不够",
            "营业厅排队叫号系统经常故障",
        ],
    ),
    (
        "安全生产",
        &[
            "部分绝缘工器具临近检验周期，希望尽快送检",
            "偏远台区巡视路线无照明，夜间巡视存在风险",
        ],
    ),
    (
        "生活后勤",
        &[
            "食堂晚餐时间太早，夜班职工吃不上热饭",
            "职工宿舍热水供应时间短",
            "单位班车线路不经过新建小区",
        ],
    ),
    (
        "职业发展",
        &["希望增加技能等级评价的培训名额", "青年职工轮岗交流机会少"],
    ),
    (
        "劳动保护",
        &["冬季防寒服尺码不全", "高温天气户外作业防暑物品发放不及时"],
    ),
    (
        "政策咨询",
        &["咨询企业年金缴费基数调整政策", "咨询异地就医备案办理流程"],
    ),
    ("思想情绪", &["对岗位调整方案有顾虑，希望提前沟通"]),
];

const REPLIES: &[&str] = &[
    "已协调相关部门落实，并向职工当面反馈",
    "已纳入本年度改造计划，预计下月完成",
    "已按政策作出解释，职工表示理解",
    "已督促责任部门整改到位",
];

const FINDINGS: &[&str] = &[
    "班组学习制度落实较好，职工反映值班室空调需更换",
    "职工对抢修工作量大有意见，建议优化排班",
    "新入职青年职工思想稳定，希望多参加技能培训",
    "台区经理反映偏远台区巡视路线无照明",
    "职工关心企业年金政策调整",
];

const OPINIONS: &[(OpinionKind, &str, &str)] = &[
    (
        OpinionKind::Internal,
        "班组会",
        "部分职工对绩效考核细则调整有议论",
    ),
    (
        OpinionKind::Internal,
        "职工座谈会",
        "青年职工关注技能等级评价名额分配",
    ),
    (
        OpinionKind::Online,
        "微信群",
        "职工微信群转发停电检修通知引发讨论",
    ),
    (
        OpinionKind::Online,
        "本地论坛",
        "网民发帖反映营业厅排队时间长",
    ),
    (
        OpinionKind::Internal,
        "谈心谈话",
        "岗位调整期间个别职工情绪波动",
    ),
    (
        OpinionKind::Online,
        "短视频平台",
        "抢修现场视频被转发，评论总体正面",
    ),
];

impl Gen {
    /// Writes the 党群沟通 records; returns how many rows of each kind (for the audit line).
    pub(super) fn insert_voice(&self, tx: &Tx, seed: u64) -> Result<VoiceSummary> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5155_4e47_474f_4e47);
        let today = self.today;
        let mut summary = VoiceSummary::default();
        let in_post: Vec<usize> = (0..self.people.len())
            .filter(|&i| self.people[i].left.is_none_or(|d| d > today))
            .collect();
        if in_post.is_empty() {
            return Ok(summary);
        }
        let categories = concern::categories(tx, false)?;
        let category = |name: &str| categories.iter().find(|c| c.name == name).map(|c| c.id);

        // Contact points: each leader keeps one or two units of his company below it.
        let mut points = Vec::new();
        for &p in &in_post {
            let person = &self.people[p];
            if !person.leader {
                continue;
            }
            let company = self.units[person.unit].company;
            let below: Vec<usize> = (0..self.units.len())
                .filter(|&u| self.units[u].parent == Some(company) && u != person.unit)
                .collect();
            let n = rng.random_range(1..=2).min(below.len());
            for &u in below.choose_multiple(&mut rng, n) {
                let since = add_days(today, -rng.random_range(400..900));
                contact::add_point(tx, person.id, self.units[u].id, since, None)?;
                points.push((person.id, self.units[u].id, u));
            }
        }
        summary.points = points.len();

        // A year of visits: most points once a quarter; the current quarter half done.
        let quarter = Period::quarter_of(today);
        let mut visits = Vec::new();
        for &(leader, unit, u) in &points {
            for q in 0..5 {
                let start = quarter.from.checked_sub_months(chrono::Months::new(3 * q));
                let Some(start) = start else { continue };
                let period = Period::quarter_of(start);
                let last = period.to.min(add_days(today, -1));
                if last < period.from {
                    continue;
                }
                let n = match (q, rng.random_range(0..10)) {
                    (0, 0..=4) => 0,
                    (_, 0) => 0,
                    (_, 9) => 2,
                    _ => 1,
                };
                for _ in 0..n {
                    let span = (last - period.from).num_days().max(0);
                    let day = add_days(period.from, rng.random_range(0..=span));
                    let staff = &self.units[u].subtree;
                    let participants: Vec<&str> = staff
                        .choose_multiple(&mut rng, 3.min(staff.len()))
                        .map(|&i| self.people[i].name.as_str())
                        .collect();
                    let id = contact::add_visit(
                        tx,
                        VisitInput {
                            visited_on: day,
                            leader_id: leader,
                            unit_id: unit,
                            participants: Some(participants.join("、")),
                            findings: FINDINGS.choose(&mut rng).map(|s| s.to_string()),
                        },
                    )?;
                    visits.push((id, day, unit, u));
                }
            }
        }
        summary.visits = visits.len();

        // Talks this year and last: about half the staff in post, by a cadre of their company.
        let cadres: Vec<usize> = in_post
            .iter()
            .copied()
            .filter(|&i| self.people[i].cadre || self.people[i].leader)
            .collect();
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let mut talks = Vec::new();
        for &p in &in_post {
            if !rng.random_bool(0.5) {
                continue;
            }
            let company = self.units[self.people[p].unit].company;
            let same: Vec<usize> = cadres
                .iter()
                .copied()
                .filter(|&c| c != p && self.units[self.people[c].unit].company == company)
                .collect();
            let Some(&talker) = same.choose(&mut rng).or_else(|| cadres.choose(&mut rng)) else {
                continue;
            };
            if talker == p {
                continue;
            }
            let span = (today - year_start).num_days().max(1);
            let day = add_days(today, -rng.random_range(1..=span + 200));
            let kind = *[
                TalkKind::Daily,
                TalkKind::Daily,
                TalkKind::Daily,
                TalkKind::Hardship,
                TalkKind::Transfer,
                TalkKind::Reminder,
                TalkKind::Newcomer,
            ]
            .choose(&mut rng)
            .unwrap_or(&TalkKind::Daily);
            let follow_up = rng.random_bool(0.08);
            summary.talks += 1;
            let id = talk::add(
                tx,
                TalkInput {
                    talked_on: day,
                    talker_id: self.people[talker].id,
                    person_id: self.people[p].id,
                    kind,
                    topic: format!("{}：近期工作与思想情况", kind.label()),
                    summary: Some(
                        "谈话对象工作状态良好，对班组安排无意见，提出希望参加技能培训。".into(),
                    ),
                    follow_up,
                },
                None,
            )?;
            if follow_up {
                talks.push((id, day, p));
            }
        }

        // Concerns: raised at held forums of the last year, on visits, after talks, and by mail.
        let forums: Vec<(i64, NaiveDateTime, Option<i64>)> = {
            let mut stmt = tx.prepare(
                "SELECT id, starts_at, organizer_unit_id FROM activity
                  WHERE kind = 'forum' AND status = 'held' AND starts_at >= ?1 AND starts_at < ?2
                  ORDER BY starts_at",
            )?;
            stmt.query_map(
                (add_days(today, -365).to_string(), today.to_string()),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?
            .collect::<rusqlite::Result<_>>()?
        };
        let mut raised: Vec<(ConcernInput, NaiveDate)> = Vec::new();
        let draw = |rng: &mut ChaCha8Rng| -> Option<(i64, String)> {
            let (name, texts) = CONCERNS.choose(rng)?;
            Some((category(name)?, texts.choose(rng)?.to_string()))
        };
        for &(activity, at, unit) in &forums {
            for _ in 0..rng.random_range(0..=2) {
                let Some((category_id, content)) = draw(&mut rng) else {
                    continue;
                };
                let raiser = in_post.choose(&mut rng).map(|&i| self.people[i].id);
                raised.push((
                    ConcernInput {
                        received_on: at.date(),
                        source: ConcernSource::Forum,
                        activity_id: Some(activity),
                        talk_id: None,
                        visit_id: None,
                        opinion_id: None,
                        raiser_kind: RaiserKind::Person,
                        raiser_id: raiser,
                        raiser_group: None,
                        unit_id: unit,
                        category_id,
                        content,
                        deadline: None,
                    },
                    at.date(),
                ));
            }
        }
        for &(visit, day, unit, _) in &visits {
            if !rng.random_bool(0.3) {
                continue;
            }
            let Some((category_id, content)) = draw(&mut rng) else {
                continue;
            };
            raised.push((
                ConcernInput {
                    received_on: day,
                    source: ConcernSource::Visit,
                    activity_id: None,
                    talk_id: None,
                    visit_id: Some(visit),
                    opinion_id: None,
                    raiser_kind: RaiserKind::Group,
                    raiser_id: None,
                    raiser_group: Some("班组职工".into()),
                    unit_id: Some(unit),
                    category_id,
                    content,
                    deadline: None,
                },
                day,
            ));
        }
        for &(talk_id, day, p) in &talks {
            let Some((category_id, content)) = draw(&mut rng) else {
                continue;
            };
            raised.push((
                ConcernInput {
                    received_on: day,
                    source: ConcernSource::Talk,
                    activity_id: None,
                    talk_id: Some(talk_id),
                    visit_id: None,
                    opinion_id: None,
                    raiser_kind: RaiserKind::Person,
                    raiser_id: Some(self.people[p].id),
                    raiser_group: None,
                    unit_id: Some(self.units[self.people[p].unit].id),
                    category_id,
                    content,
                    deadline: None,
                },
                day,
            ));
        }
        for i in 0..8 {
            let Some((category_id, content)) = draw(&mut rng) else {
                continue;
            };
            // The first two arrived in the last days: still 已受理.
            let day = add_days(today, -if i < 2 { i } else { rng.random_range(1..300) });
            raised.push((
                ConcernInput {
                    received_on: day,
                    source: ConcernSource::Mailbox,
                    activity_id: None,
                    talk_id: None,
                    visit_id: None,
                    opinion_id: None,
                    raiser_kind: RaiserKind::Anonymous,
                    raiser_id: None,
                    raiser_group: None,
                    unit_id: None,
                    category_id,
                    content,
                    deadline: None,
                },
                day,
            ));
        }
        raised.sort_by_key(|(_, day)| *day);
        let handlers: Vec<i64> = self.units.iter().map(|u| u.id).collect();
        for (input, day) in raised {
            let age = (today - day).num_days();
            let handler_unit = input.unit_id.or_else(|| handlers.first().copied());
            let id = concern::add(tx, input)?;
            summary.concerns += 1;
            // Recent ones are still open; the rest went through, nearly all on time.
            if age < 3 {
                continue;
            }
            concern::assign(tx, id, handler_unit, None, None, None)?;
            if age < 12 && rng.random_bool(0.6) {
                continue;
            }
            let late = rng.random_bool(0.1);
            let took = if late { 20 } else { rng.random_range(2..7) };
            let replied = add_days(day, took).min(add_days(today, -1));
            let reply_text = REPLIES.choose(&mut rng).copied().unwrap_or("已答复");
            concern::reply(tx, id, reply_text, replied)?;
            if age < 20 {
                continue;
            }
            let closed = add_days(replied, 3).min(today);
            let satisfaction = *[
                Satisfaction::Satisfied,
                Satisfaction::Satisfied,
                Satisfaction::Satisfied,
                Satisfaction::Basically,
                Satisfaction::Unsatisfied,
            ]
            .choose(&mut rng)
            .unwrap_or(&Satisfaction::Satisfied);
            concern::close(tx, id, satisfaction, closed, None)?;
            if satisfaction == Satisfaction::Unsatisfied {
                // Reopened, answered again and accepted.
                let again = add_days(closed, 5).min(today);
                concern::reply(tx, id, "已再次协调并落实整改", again)?;
                concern::close(tx, id, Satisfaction::Basically, again, None)?;
            }
        }

        // Opinion entries: about two a month; 较大 ones reported, 重大 reported within the hour.
        for m in 0..12 {
            for _ in 0..rng.random_range(1..=3) {
                let day = add_days(today, -(m * 30 + rng.random_range(1..30)));
                let Some(&(kind, channel, title)) = OPINIONS.choose(&mut rng) else {
                    continue;
                };
                let level = *[
                    OpinionLevel::Normal,
                    OpinionLevel::Normal,
                    OpinionLevel::Normal,
                    OpinionLevel::Normal,
                    OpinionLevel::Major,
                    OpinionLevel::Grave,
                ]
                .choose(&mut rng)
                .unwrap_or(&OpinionLevel::Normal);
                let trend = *[
                    OpinionTrend::Steady,
                    OpinionTrend::Rising,
                    OpinionTrend::Falling,
                ]
                .choose(&mut rng)
                .unwrap_or(&OpinionTrend::Steady);
                let observed_at = day
                    .and_hms_opt(rng.random_range(8..18), 30, 0)
                    .unwrap_or_default();
                let unit = self.units.choose(&mut rng).map(|u| u.id);
                let id = opinion::add(
                    tx,
                    OpinionInput {
                        observed_at,
                        kind,
                        channel: Some(channel.into()),
                        title: title.into(),
                        detail: None,
                        unit_ids: unit.into_iter().collect(),
                        level,
                        trend,
                        assessment: Some("总体可控，需持续关注并做好解释引导".into()),
                        measures: Some("由所在单位负责人当面沟通，及时回应职工关切".into()),
                    },
                )?;
                if level != OpinionLevel::Normal {
                    opinion::mark_reported(
                        tx,
                        id,
                        observed_at + chrono::Duration::minutes(50),
                        "上级公司党委党建部",
                    )?;
                }
                summary.opinions += 1;
            }
        }

        // Last quarter's analysis report, written.
        let last = Period::quarter_of(add_days(quarter.from, -1));
        report::save(
            tx,
            None,
            ReportInput {
                title: format!(
                    "{}年第{}季度职工思想动态分析报告",
                    last.from.year(),
                    (last.from.month() - 1) / 3 + 1
                ),
                unit_id: None,
                period_from: last.from,
                period_to: last.to,
                overall: Some("本季度职工队伍思想总体稳定，对公司改革发展充满信心。".into()),
                main_trends: Some("职工关注薪酬待遇、技能成长和后勤保障。".into()),
                causes: Some("部分诉求源于政策宣传解读不够及时、基层设施老化。".into()),
                next_steps: Some(
                    "加强政策宣讲，落实领导班子联系点制度，推进谈心谈话全覆盖。".into(),
                ),
            },
        )?;
        Ok(summary)
    }
}

/// How many 党群沟通 records the demo wrote.
#[derive(Debug, Default)]
pub(super) struct VoiceSummary {
    pub(super) points: usize,
    pub(super) visits: usize,
    pub(super) talks: usize,
    pub(super) concerns: usize,
    pub(super) opinions: usize,
}
