//! One activity: its time, mode, place and invitees; and, when it is written, what happened
//! (held or cancelled, each invitee's check-in, walk-ins, the summary).

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use rand::Rng;
use rand::seq::SliceRandom;
use rusqlite::params;

use super::data::*;
use super::people::Person;
use super::units::Role;
use super::{Gen, add_days};
use crate::codes::{ActivityKind, ActivityMode, ActivityStatus, AttendanceStatus};
use crate::db::{Tx, datetime_text, new_uid, now_text};
use crate::error::Result;
use crate::structure::age_on;

/// Who is invited, resolved against the staff in post on the activity's date.
pub(super) enum Scope {
    Subtree { unit: usize, cap: usize },
    Party { unit: usize, cap: usize },
    Cadres { unit: usize, cap: usize },
    Managers { company: usize },
    Young { company: usize, cap: usize },
    Women { company: usize, cap: usize },
    NewHires { company: usize, cap: usize },
    Sample { company: usize, cap: usize },
}

pub(super) struct Plan {
    pub(super) date: NaiveDate,
    /// Minutes after midnight.
    pub(super) start: u32,
    pub(super) minutes: u32,
    pub(super) kind: ActivityKind,
    pub(super) mode: ActivityMode,
    pub(super) title: String,
    pub(super) org: usize,
    pub(super) series: Option<usize>,
    pub(super) place: Option<String>,
    pub(super) online: Option<String>,
    pub(super) host: Option<String>,
    pub(super) description: Option<String>,
    pub(super) invitees: Vec<usize>,
    pub(super) seq: usize,
}

fn yyyymm(d: NaiveDate) -> u32 {
    d.year() as u32 * 100 + d.month()
}

fn title_fits(t: &Title, d: NaiveDate) -> bool {
    (t.months.is_empty() || t.months.contains(&d.month()))
        && (t.from == 0 || yyyymm(d) >= t.from)
        && (t.to == 0 || yyyymm(d) <= t.to)
}

/// `secs` seconds after midnight on `d`, as stored.
fn at(d: NaiveDate, secs: i64) -> String {
    datetime_text(d.and_time(NaiveTime::MIN) + TimeDelta::seconds(secs))
}

impl Gen {
    pub(super) fn slot(&mut self, kind: ActivityKind) -> (u32, u32) {
        match kind {
            ActivityKind::Talk => {
                let s = self.pick(&[540, 570, 600, 630, 900, 930, 960]);
                (s, self.pick(&[30, 45, 60]))
            }
            ActivityKind::HeritageVisit => (480, self.pickw(&[(240, 2), (570, 1)])),
            ActivityKind::SongContest => (self.pick(&[870, 900]), self.pick(&[150, 180])),
            _ => {
                let s = self.pickw(&[
                    (510, 25),
                    (540, 30),
                    (570, 8),
                    (600, 5),
                    (870, 15),
                    (900, 12),
                    (930, 3),
                    (960, 2),
                ]);
                let mut m = self.pickw(&[(60, 30), (90, 35), (120, 20), (150, 8), (180, 7)]);
                if s == 600 || s >= 930 {
                    m = m.min(120);
                }
                (s, m)
            }
        }
    }

    fn mode(&mut self, kind: ActivityKind) -> ActivityMode {
        let (online, hybrid) = match kind {
            ActivityKind::SongContest | ActivityKind::HeritageVisit | ActivityKind::Talk => {
                return ActivityMode::Offline;
            }
            ActivityKind::Other => (0.05, 0.02),
            ActivityKind::Forum => (0.08, 0.04),
            _ => (0.22, 0.065),
        };
        let r: f64 = self.rng.random();
        if r < online {
            ActivityMode::Online
        } else if r < online + hybrid {
            ActivityMode::Hybrid
        } else {
            ActivityMode::Offline
        }
    }

    fn online_meeting(&mut self) -> String {
        match self.rng.random_range(0..10) {
            0..=4 => format!(
                "腾讯会议 {:03}-{:03}-{:03}",
                self.rng.random_range(100..1000),
                self.rng.random_range(0..1000),
                self.rng.random_range(0..1000)
            ),
            5..=6 => "i国网 云上论坛".to_string(),
            7..=8 => format!(
                "i国网视频会议 {:09}",
                self.rng.random_range(100_000_000..1_000_000_000u32)
            ),
            _ => "国网视频会议系统".to_string(),
        }
    }

    fn place(&mut self, org: usize) -> String {
        let list = match self.units[org].role {
            Role::Company { .. } => PLACES_COMPANY,
            Role::Dept(_) => PLACES_DEPT,
            Role::Team(_) => PLACES_TEAM,
            Role::SupplyStation => PLACES_STATION,
            Role::Substation => PLACES_SUBSTATION,
        };
        self.pick(list).to_string()
    }

    pub(super) fn pick_title(&mut self, pool: &[Title], d: NaiveDate) -> &'static str {
        let fits: Vec<(&'static str, u32)> = pool
            .iter()
            .filter(|t| title_fits(t, d))
            .map(|t| {
                (
                    t.text,
                    if t.months.is_empty() && t.from == 0 {
                        1
                    } else {
                        4
                    },
                )
            })
            .collect();
        if fits.is_empty() {
            return pool[0].text;
        }
        self.pickw(&fits)
    }

    pub(super) fn description(&mut self, kind: ActivityKind, mode: ActivityMode) -> Option<String> {
        if !self.chance(0.35) {
            return None;
        }
        let text = match (kind, mode) {
            (_, ActivityMode::Online) => "线上参会人员请提前15分钟登录，调试好音视频设备。",
            (_, ActivityMode::Hybrid) => {
                "外围各所线上参会，请提前15分钟登录调试；本部人员现场参会。"
            }
            (ActivityKind::HeritageVisit, _) => {
                "统一乘车前往，07:40在公司大门口集合，请着工装、佩戴党员徽章。"
            }
            (ActivityKind::SongContest, _) => {
                "各支部组织不少于15人的合唱队参赛，每队演唱曲目两首。"
            }
            (ActivityKind::Talk, _) => "谈话记录填写后报党建部备案。",
            (ActivityKind::ThemeEducation, _) => "请各支部组织党员准时参加，带好学习笔记本。",
            (ActivityKind::Forum, _) => "请与会人员提前收集班组职工意见建议。",
            (ActivityKind::Other, _) => self.pick(&[
                "请各部门、各所组织职工积极参加。",
                "活动期间注意安全，服从现场工作人员安排。",
            ]),
            _ => self.pick(&[
                "请参会人员提前10分钟签到，会场内手机调至静音。",
                "请带好笔记本，会后交流学习体会。",
            ]),
        };
        Some(text.to_string())
    }

    /// Staff in post on `d` from `source`, keeping those `keep` accepts, at most `cap`
    /// (sampled at random), in person order.
    fn resolve(
        &mut self,
        source: &[usize],
        d: NaiveDate,
        cap: usize,
        keep: impl Fn(&Person) -> bool,
    ) -> Vec<usize> {
        let mut v: Vec<usize> = source
            .iter()
            .copied()
            .filter(|&i| {
                let p = &self.people[i];
                p.in_post(d) && keep(p)
            })
            .collect();
        if v.len() > cap {
            let (chosen, _) = v.partial_shuffle(&mut self.rng, cap);
            let mut chosen = chosen.to_vec();
            chosen.sort_unstable();
            v = chosen;
        }
        v
    }

    fn invitees(&mut self, scope: &Scope, d: NaiveDate) -> Vec<usize> {
        let src = |g: &Gen, u: usize| -> Vec<usize> { g.units[u].subtree.clone() };
        let own = |g: &Gen, c: usize| -> Vec<usize> { g.units[c].own.clone() };
        let v = match *scope {
            Scope::Subtree { unit, cap } => {
                let s = src(self, unit);
                self.resolve(&s, d, cap, |_| true)
            }
            Scope::Party { unit, cap } => {
                let s = src(self, unit);
                self.resolve(&s, d, cap, |p| p.party())
            }
            Scope::Cadres { unit, cap } => {
                let s = src(self, unit);
                self.resolve(&s, d, cap, |p| p.cadre)
            }
            Scope::Managers { company } => {
                let s = own(self, company);
                self.resolve(&s, d, usize::MAX, |p| p.manager || p.leader)
            }
            Scope::Young { company, cap } => {
                let s = own(self, company);
                self.resolve(&s, d, cap, |p| age_on(p.birth, d) <= 35)
            }
            Scope::Women { company, cap } => {
                let s = own(self, company);
                self.resolve(&s, d, cap, |p| !p.male)
            }
            Scope::NewHires { company, cap } => {
                let s = own(self, company);
                let since = add_days(d, -730);
                self.resolve(&s, d, cap, |p| p.hire >= since)
            }
            Scope::Sample { company, cap } => {
                let s = own(self, company);
                self.resolve(&s, d, cap, |_| true)
            }
        };
        if v.len() >= 2 {
            return v;
        }
        // Too narrow on that date: fall back to a sample of the whole unit.
        let unit = match *scope {
            Scope::Subtree { unit, .. }
            | Scope::Party { unit, .. }
            | Scope::Cadres { unit, .. } => unit,
            Scope::Managers { company }
            | Scope::Young { company, .. }
            | Scope::Women { company, .. }
            | Scope::NewHires { company, .. }
            | Scope::Sample { company, .. } => company,
        };
        let s = src(self, unit);
        self.resolve(&s, d, 30, |_| true)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_plan(
        &mut self,
        plans: &mut Vec<Plan>,
        org: usize,
        date: NaiveDate,
        kind: ActivityKind,
        title: String,
        scope: Scope,
        host: Option<String>,
        series: Option<usize>,
        slot: Option<(u32, u32)>,
    ) {
        let (start, minutes) = slot.unwrap_or_else(|| self.slot(kind));
        let mode = self.mode(kind);
        let place = match (kind, mode) {
            (_, ActivityMode::Online) => None,
            (ActivityKind::HeritageVisit, _) => HERITAGE
                .iter()
                .find(|h| h.0 == title)
                .map(|h| h.1.to_string()),
            (ActivityKind::SongContest, _) => Some(self.pick(PLACES_SONG).to_string()),
            (ActivityKind::Talk, _) => Some(self.pick(PLACES_TALK).to_string()),
            _ => Some(self.place(org)),
        };
        let online = matches!(mode, ActivityMode::Online | ActivityMode::Hybrid)
            .then(|| self.online_meeting());
        let description = self.description(kind, mode);
        let invitees = self.invitees(&scope, date);
        if invitees.is_empty() {
            return;
        }
        let seq = plans.len();
        plans.push(Plan {
            date,
            start,
            minutes,
            kind,
            mode,
            title,
            org,
            series,
            place,
            online,
            host,
            description,
            invitees,
            seq,
        });
    }

    pub(super) fn insert_activities(
        &mut self,
        tx: &Tx,
        mut plans: Vec<Plan>,
    ) -> Result<(usize, usize)> {
        plans.sort_by_key(|p| (p.date, p.start, p.seq));
        let now = now_text();
        let mut act = tx.prepare_cached(
            "INSERT INTO activity (uid, series_uid, kind, mode, title, starts_at, ends_at, place,
                 online_meeting, organizer_unit_id, host, description, status, summary,
                 late_grace_minutes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 10, ?15, ?15)",
        )?;
        let mut att = tx.prepare_cached(
            "INSERT INTO attendance (activity_id, person_id, invited, status, checked_in_at, leave_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        // Marks who is already on the current activity's list (value = activity index + 1).
        let mut mark = vec![0usize; self.people.len()];
        let mut rows_total = 0usize;
        struct Row {
            person: usize,
            invited: bool,
            status: Option<AttendanceStatus>,
            at: Option<String>,
            reason: Option<&'static str>,
        }
        let mut rows: Vec<Row> = Vec::new();
        for (ai, plan) in plans.iter().enumerate() {
            let held = plan.date < self.today;
            let cancelled = held && plan.kind != ActivityKind::Talk && self.chance(0.02);
            let status = if !held {
                ActivityStatus::Planned
            } else if cancelled {
                ActivityStatus::Cancelled
            } else {
                ActivityStatus::Held
            };
            let start_s = i64::from(plan.start) * 60;
            let clock = |secs: i64| at(plan.date, secs);
            rows.clear();
            let (mut attended, mut leave) = (0usize, 0usize);
            for &pi in &plan.invitees {
                mark[pi] = ai + 1;
                if status != ActivityStatus::Held {
                    rows.push(Row {
                        person: pi,
                        invited: true,
                        status: None,
                        at: None,
                        reason: None,
                    });
                    continue;
                }
                let p = &self.people[pi];
                let (p_leave, p_absent, p_late) = match plan.kind {
                    ActivityKind::Talk => (0.02, 0.01, 0.03),
                    ActivityKind::HeritageVisit => (0.06 * p.busy, 0.02, 0.01),
                    _ => (0.05 * p.busy, 0.04 * p.busy.sqrt(), 0.05),
                };
                let frontline = p.frontline;
                let r: f64 = self.rng.random();
                let row = if r < p_leave {
                    leave += 1;
                    let reason = self.pickw(if frontline {
                        LEAVE_FRONTLINE
                    } else {
                        LEAVE_OFFICE
                    });
                    Row {
                        person: pi,
                        invited: true,
                        status: Some(AttendanceStatus::Leave),
                        at: None,
                        reason: Some(reason),
                    }
                } else if r < p_leave + p_absent {
                    // Most absences are recorded; some are simply never checked in.
                    let s = if self.chance(0.75) {
                        Some(AttendanceStatus::Absent)
                    } else {
                        None
                    };
                    Row {
                        person: pi,
                        invited: true,
                        status: s,
                        at: None,
                        reason: None,
                    }
                } else if r < p_leave + p_absent + p_late {
                    attended += 1;
                    let off = self.rng.random_range(601..=2700);
                    Row {
                        person: pi,
                        invited: true,
                        status: Some(AttendanceStatus::Late),
                        at: Some(clock(start_s + off)),
                        reason: None,
                    }
                } else {
                    attended += 1;
                    let off = if self.chance(0.82) {
                        -self.rng.random_range(0..=1200)
                    } else {
                        self.rng.random_range(1..=600)
                    };
                    Row {
                        person: pi,
                        invited: true,
                        status: Some(AttendanceStatus::Present),
                        at: Some(clock(start_s + off)),
                        reason: None,
                    }
                };
                rows.push(row);
            }
            // Walk-ins: someone from the same company who was not on the list.
            if status == ActivityStatus::Held && plan.kind != ActivityKind::Talk {
                let expected = plan.invitees.len() as f64 * 0.003;
                let k = self.stoch_round(expected);
                let company = self.units[plan.org].company;
                let own_n = self.units[company].own.len();
                for _ in 0..k {
                    for _ in 0..20 {
                        let j = self.units[company].own[self.rng.random_range(0..own_n)];
                        if mark[j] != ai + 1 && self.people[j].in_post(plan.date) {
                            mark[j] = ai + 1;
                            attended += 1;
                            let off = self.rng.random_range(-900..=600);
                            rows.push(Row {
                                person: j,
                                invited: false,
                                status: Some(AttendanceStatus::Present),
                                at: Some(clock(start_s + off)),
                                reason: None,
                            });
                            break;
                        }
                    }
                }
            }
            let invited = plan.invitees.len();
            let summary = if status == ActivityStatus::Held && self.chance(0.7) {
                Some(self.summary(plan, invited, attended, leave))
            } else {
                None
            };
            let description = if cancelled {
                let why = self.pick(CANCEL_REASONS);
                let base = plan.description.clone().unwrap_or_default();
                Some(format!("{base}因{why}，本次活动取消。"))
            } else {
                plan.description.clone()
            };
            let series = plan.series.map(|i| self.series_uids[i].as_str());
            act.execute(params![
                new_uid(),
                series,
                plan.kind.code(),
                plan.mode.code(),
                plan.title,
                at(plan.date, start_s),
                at(plan.date, i64::from(plan.start + plan.minutes) * 60),
                plan.place,
                plan.online,
                self.units[plan.org].id,
                plan.host,
                description,
                status,
                summary,
                now,
            ])?;
            let activity_id = tx.last_insert_rowid();
            rows.sort_by_key(|r| r.person);
            for r in &rows {
                att.execute(params![
                    activity_id,
                    self.people[r.person].id,
                    r.invited,
                    r.status,
                    r.at,
                    r.reason
                ])?;
            }
            rows_total += rows.len();
        }
        Ok((plans.len(), rows_total))
    }

    fn summary(&mut self, plan: &Plan, invited: usize, attended: usize, leave: usize) -> String {
        let counts = format!("应到{invited}人，实到{attended}人，请假{leave}人。");
        let host = plan.host.clone().unwrap_or_else(|| "主讲人".to_string());
        match plan.kind {
            ActivityKind::Lecture => format!(
                "{host}围绕“{}”作专题辅导。{counts}参会人员认真聆听、做好笔记，会后进行了交流研讨。",
                plan.title
            ),
            ActivityKind::Briefing => format!(
                "{counts}通报了近期安全生产和经营形势，解读了上级工作部署，布置了下阶段重点工作。"
            ),
            ActivityKind::ThemeEducation => {
                let k = self.rng.random_range(2..=6).min(attended.max(1));
                format!("{counts}集中学习了相关文件精神，{k}名同志结合岗位实际作交流发言。")
            }
            ActivityKind::Forum => {
                let m = self.rng.random_range(3..=15);
                format!(
                    "{counts}与会职工围绕工作生活中的实际困难畅所欲言，收集意见建议{m}条，已明确责任部门限期答复。"
                )
            }
            ActivityKind::SongContest => {
                let teams = self.rng.random_range(6..=14);
                format!("{counts}共有{teams}支代表队参赛，评出一等奖1名、二等奖2名、三等奖3名。")
            }
            ActivityKind::HeritageVisit => {
                format!("{counts}全体人员在讲解员带领下参观了展馆，并在纪念碑前重温入党誓词。")
            }
            ActivityKind::Talk => {
                let text = match plan.title.as_str() {
                    "廉洁从业提醒谈话" => "谈话对象表示将严守纪律规矩，廉洁从业。",
                    "困难职工谈心谈话" | "家访谈心" => {
                        "谈话对象反映了家庭困难，已报工会研究帮扶。"
                    }
                    "岗位调整谈心谈话" => {
                        "谈话对象对岗位安排表示理解，表示将尽快适应新岗位。"
                    }
                    "新进员工谈心谈话" => "谈话对象已基本熟悉岗位，希望多参加技能培训。",
                    "退休前谈心谈话" => {
                        "谈话对象感谢组织关怀，表示站好最后一班岗，做好工作交接。"
                    }
                    "入党积极分子谈心谈话" => {
                        "谈话对象对党的认识进一步加深，已递交入党申请书。"
                    }
                    _ => "谈话对象思想稳定，工作积极，对班组建设提出了建议。",
                };
                text.to_string()
            }
            _ => format!("{counts}活动顺利开展，职工参与热情高。"),
        }
    }
}
