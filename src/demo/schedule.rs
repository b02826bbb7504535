//! The programme over three years back and two months ahead: each company's quarterly
//! briefings, song contests, lectures and talks; each unit's monthly briefings and own events;
//! who hosts them; all on working days.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use rand::Rng;
use rand::seq::IndexedRandom;

use super::activities::{Plan, Scope};
use super::data::*;
use super::units::Role;
use super::{Gen, Scale, add_days, ymd};
use crate::codes::{ActivityKind, ActivityMode};
use crate::db::new_uid;
use crate::structure::age_on;

fn is_workday(d: NaiveDate) -> bool {
    if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    let (m, day) = (d.month(), d.day());
    if (m == 1 && day == 1) || (m == 5 && day <= 5) || (m == 10 && day <= 7) {
        return false;
    }
    if let Some(&(y, sm, sd)) = SPRING_FESTIVAL.iter().find(|f| f.0 == d.year()) {
        let fest = ymd(y, sm, sd);
        let off = (d - fest).num_days();
        if (-1..=6).contains(&off) {
            return false;
        }
    }
    true
}

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

impl Gen {
    /// `d` if it is a working day, else the next one (or the previous one if that passes
    /// `limit`).
    pub(super) fn workday_near(d: NaiveDate, limit: NaiveDate) -> NaiveDate {
        // A Saturday goes back to Friday, a Sunday or holiday forward, so that Mondays are not
        // crowded.
        let d = if d.weekday() == Weekday::Sat && is_workday(add_days(d, -1)) {
            add_days(d, -1)
        } else {
            d
        };
        let mut x = d;
        for _ in 0..12 {
            if is_workday(x) && x < limit {
                return x;
            }
            x = add_days(x, 1);
        }
        let mut x = d;
        for _ in 0..12 {
            if is_workday(x) {
                return x;
            }
            x = add_days(x, -1);
        }
        d
    }

    fn random_workday(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(1);
        for _ in 0..20 {
            let d = add_days(from, self.rng.random_range(0..span));
            if is_workday(d) {
                return d;
            }
        }
        Self::workday_near(add_days(from, self.rng.random_range(0..span)), to)
    }

    /// A day for a unit's event that does not clash with another one it holds that half-day.
    fn free_day(&mut self, org: usize, from: NaiveDate, to: NaiveDate, morning: bool) -> NaiveDate {
        let mut d = self.random_workday(from, to);
        for _ in 0..6 {
            if !self.busy_slots.contains(&(org, d, morning)) {
                break;
            }
            d = self.random_workday(from, to);
        }
        self.busy_slots.insert((org, d, morning));
        d
    }

    fn series(&mut self, org: usize, year: i32, tag: u8) -> usize {
        if let Some(&i) = self.series_keys.get(&(org, year, tag)) {
            return i;
        }
        let i = self.series_uids.len();
        self.series_uids.push(new_uid());
        self.series_keys.insert((org, year, tag), i);
        i
    }

    pub(super) fn plan_activities(&mut self) -> Vec<Plan> {
        let from = self
            .today
            .checked_sub_months(Months::new(36))
            .unwrap_or(self.today);
        let to = self
            .today
            .checked_add_months(Months::new(2))
            .unwrap_or(self.today);
        let years = (to - from).num_days() as f64 / 365.25;
        let (unit_rate, talk_rate) = match self.scale {
            Scale::Branch => (0.25, 0.1),
            Scale::City => (0.38, 0.1),
        };
        let mut plans = Vec::new();

        for ci in 0..self.companies.len() {
            let c = self.companies[ci];
            self.plan_company(&mut plans, c, from, to, years, talk_rate);
        }
        for u in 0..self.units.len() {
            let role = self.units[u].role;
            if matches!(role, Role::Company { .. }) {
                continue;
            }
            let monthly = match role {
                Role::SupplyStation => true,
                // City centres (变电运维中心 …) brief monthly too.
                Role::Dept(d) => self.scale == Scale::City && d.teams.len() >= 3,
                _ => false,
            };
            if monthly {
                self.plan_monthly_briefings(&mut plans, u, from, to);
            }
            let direct = self.units[u].direct.len() as f64;
            let n = self.stoch_round(direct * unit_rate * years);
            for _ in 0..n {
                self.plan_unit_event(&mut plans, u, from, to);
            }
        }
        plans
    }

    fn plan_monthly_briefings(
        &mut self,
        plans: &mut Vec<Plan>,
        u: usize,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        let mut m = ymd(from.year(), from.month(), 1);
        while m < to {
            let day = self.rng.random_range(5..=22);
            let d = Self::workday_near(ymd(m.year(), m.month(), day), to);
            let next = m.checked_add_months(Months::new(1)).unwrap_or(to);
            if d >= from && d < to {
                self.busy_slots.insert((u, d, true));
                let series = self.series(u, m.year(), 0);
                let title = format!("{}年{}月形势任务宣讲", m.year(), m.month());
                let host = self.unit_host(u);
                let slot = (self.pick(&[510, 540, 900]), self.pick(&[60, 90]));
                self.push_plan(
                    plans,
                    u,
                    d,
                    ActivityKind::Briefing,
                    title,
                    Scope::Subtree { unit: u, cap: 300 },
                    host,
                    Some(series),
                    Some(slot),
                );
            }
            m = next;
        }
    }

    fn person_name(&self, p: Option<usize>) -> Option<String> {
        p.map(|i| self.people[i].name.clone())
    }

    fn leader(&self, company: usize, post: &str) -> Option<usize> {
        self.units[company].leaders.get(post).copied()
    }

    fn dept_head(&self, company: usize, dept: &str) -> Option<usize> {
        self.units
            .iter()
            .find(|u| u.company == company && u.parent == Some(company) && u.name == dept)
            .and_then(|u| u.head)
    }

    /// A guest speaker for a company's lecture on `title`.
    fn external_speaker(&mut self, company: usize, title: &str) -> String {
        let s = self.pickw(SURNAMES);
        let level = match self.units[company].role {
            Role::Company { city_root: true } => "市委",
            _ => "县委",
        };
        if title.contains("法") {
            return format!("{s}律师（普法讲师团）");
        }
        if title.contains("安全") || title.contains("电力") || title.contains("健康") {
            return format!("{s}高级工程师（特邀）");
        }
        match self.rng.random_range(0..3) {
            0 => format!("{level}党校 {s}教授"),
            1 => format!("{s}老师（{level}宣讲团）"),
            _ => format!("{s}主任（{level}党校）"),
        }
    }

    fn unit_host(&mut self, u: usize) -> Option<String> {
        let sec = self.units[u].secretary;
        let head = self.units[u].head;
        let who = if sec.is_some() && self.chance(0.4) {
            sec
        } else {
            head
        };
        self.person_name(who)
    }

    fn plan_company(
        &mut self,
        plans: &mut Vec<Plan>,
        c: usize,
        from: NaiveDate,
        to: NaiveDate,
        years: f64,
        talk_rate: f64,
    ) {
        let secretary = self.leader(c, "党委书记");
        let gm = self.leader(c, "总经理");
        let union = self.leader(c, "工会主席");
        let party_head = self.dept_head(c, "党委党建部");
        let own_n = self.units[c].own.len();
        let party_cap = match self.scale {
            Scale::Branch => 200,
            Scale::City => 260,
        };

        // Quarterly 形势任务宣讲 to the managers.
        for y in from.year()..=to.year() {
            for q in 0..4u32 {
                let day = self.rng.random_range(8..=22);
                let d = Self::workday_near(ymd(y, q * 3 + 1, day), to);
                if d < from || d >= to {
                    continue;
                }
                self.busy_slots.insert((c, d, true));
                let series = self.series(c, y, 1);
                let host = if self.chance(0.5) { gm } else { secretary };
                let host = self.person_name(host);
                self.push_plan(
                    plans,
                    c,
                    d,
                    ActivityKind::Briefing,
                    format!("{y}年{}季度形势任务宣讲", QUARTERS[q as usize]),
                    Scope::Managers { company: c },
                    host,
                    Some(series),
                    Some((540, 120)),
                );
            }
        }

        // 红歌比赛 around 七一, sometimes another around 国庆.
        for y in from.year()..=to.year() {
            let july = Self::workday_near(ymd(y, 6, self.rng.random_range(16..=28)), ymd(y, 7, 1));
            if july >= from && july < to {
                let title = if self.chance(0.5) {
                    "“迎七一”红歌比赛".to_string()
                } else {
                    format!("庆祝建党{}周年“唱支山歌给党听”歌咏比赛", y - 1921)
                };
                self.song_contest(plans, c, july, title, union);
            }
            let oct = Self::workday_near(ymd(y, 9, self.rng.random_range(15..=28)), ymd(y, 9, 30));
            if self.chance(0.5) && oct >= from && oct < to {
                let title = format!("“礼赞新中国”庆祝新中国成立{}周年歌咏比赛", y - 1949);
                self.song_contest(plans, c, oct, title, union);
            }
        }

        // Company-wide lectures, theme education, forums, visits …
        let rate = 10.0 + own_n.min(1500) as f64 / 60.0;
        let n = self.stoch_round(rate * years);
        for _ in 0..n {
            let kind = self.pickw(&[
                (ActivityKind::Lecture, 30),
                (ActivityKind::ThemeEducation, 25),
                (ActivityKind::Forum, 14),
                (ActivityKind::HeritageVisit, 8),
                (ActivityKind::Other, 13),
                (ActivityKind::Briefing, 10),
            ]);
            let morning = self.chance(0.7);
            let d = self.free_day(c, from, to, morning);
            let (title, scope, host) = match kind {
                ActivityKind::Lecture => {
                    let title = self.pick_title(LECTURES_COMPANY, d);
                    let scope = if title.starts_with("政工干部") {
                        Scope::Cadres { unit: c, cap: 300 }
                    } else {
                        match self.rng.random_range(0..20) {
                            0..=7 => Scope::Party {
                                unit: c,
                                cap: party_cap,
                            },
                            8..=12 => Scope::Managers { company: c },
                            13..=16 => Scope::Sample {
                                company: c,
                                cap: self.rng.random_range(40..=120),
                            },
                            _ => Scope::Cadres { unit: c, cap: 300 },
                        }
                    };
                    let host = match self.rng.random_range(0..20) {
                        0..=6 => self.person_name(secretary),
                        7..=9 => self.person_name(party_head),
                        10..=16 => Some(self.external_speaker(c, title)),
                        _ => self.person_name(gm),
                    };
                    (title.to_string(), scope, host)
                }
                ActivityKind::ThemeEducation => {
                    let title = self.pick_title(THEME_COMPANY, d);
                    let scope = match self.rng.random_range(0..20) {
                        0..=11 => Scope::Party {
                            unit: c,
                            cap: party_cap,
                        },
                        12..=16 => Scope::Managers { company: c },
                        _ => Scope::Cadres { unit: c, cap: 300 },
                    };
                    let host = if self.chance(0.6) {
                        secretary
                    } else {
                        party_head
                    };
                    (title.to_string(), scope, self.person_name(host))
                }
                ActivityKind::Forum => {
                    let title = self.pick_title(FORUMS, d);
                    let cap = self.rng.random_range(12..=30);
                    let scope = if title.contains("青年") {
                        Scope::Young { company: c, cap }
                    } else if title.contains("女职工") {
                        Scope::Women { company: c, cap }
                    } else if title.contains("新进员工") {
                        Scope::NewHires { company: c, cap }
                    } else if title.contains("班组长") {
                        Scope::Managers { company: c }
                    } else {
                        Scope::Sample { company: c, cap }
                    };
                    let host = if self.chance(0.6) { secretary } else { union };
                    (title.to_string(), scope, self.person_name(host))
                }
                ActivityKind::HeritageVisit => {
                    let (title, _) = self.pick(HERITAGE);
                    let cap = self.rng.random_range(25..=45);
                    (
                        title.to_string(),
                        Scope::Party { unit: c, cap },
                        self.person_name(party_head),
                    )
                }
                ActivityKind::Other => {
                    let title = self.pick_title(OTHERS_COMPANY, d);
                    let cap = self.rng.random_range(30..=80);
                    let scope = if title.contains("三八") {
                        Scope::Women { company: c, cap }
                    } else {
                        Scope::Sample { company: c, cap }
                    };
                    (title.to_string(), scope, self.person_name(union))
                }
                _ => {
                    let title = self.pick_title(BRIEFINGS, d);
                    let scope = if self.chance(0.6) {
                        Scope::Managers { company: c }
                    } else {
                        Scope::Sample {
                            company: c,
                            cap: self.rng.random_range(40..=100),
                        }
                    };
                    let host = if self.chance(0.5) { gm } else { secretary };
                    (title.to_string(), scope, self.person_name(host))
                }
            };
            let slot = self.half_day_slot(kind, morning);
            self.push_plan(plans, c, d, kind, title, scope, host, None, slot);
        }

        // 谈心谈话: one or two people at a time.
        let n = self.stoch_round(own_n as f64 * talk_rate * years);
        for _ in 0..n {
            self.plan_talk(plans, c, from, to);
        }
    }

    /// Sung by a sample of the company's staff, hosted by its 工会主席.
    fn song_contest(
        &mut self,
        plans: &mut Vec<Plan>,
        c: usize,
        d: NaiveDate,
        title: String,
        union: Option<usize>,
    ) {
        let cap = self.rng.random_range(60..=120);
        let host = self.person_name(union);
        self.push_plan(
            plans,
            c,
            d,
            ActivityKind::SongContest,
            title,
            Scope::Sample { company: c, cap },
            host,
            None,
            None,
        );
    }

    fn plan_talk(&mut self, plans: &mut Vec<Plan>, c: usize, from: NaiveDate, to: NaiveDate) {
        let d = self.random_workday(from, to);
        let own_n = self.units[c].own.len();
        let mut person = None;
        for _ in 0..20 {
            let i = self.units[c].own[self.rng.random_range(0..own_n)];
            if self.people[i].in_post(d) {
                person = Some(i);
                break;
            }
        }
        let Some(pi) = person else { return };
        let unit = self.people[pi].unit;
        let mut invitees = vec![pi];
        if self.chance(0.15) {
            let mates: Vec<usize> = self.units[unit]
                .direct
                .iter()
                .copied()
                .filter(|&j| j != pi && self.people[j].in_post(d))
                .collect();
            if let Some(&j) = mates.choose(&mut self.rng) {
                invitees.push(j);
                invitees.sort_unstable();
            }
        }
        let p = &self.people[pi];
        let since_hire = (d - p.hire).num_days();
        let to_left = p.left.map(|l| (l - d).num_days());
        let (manager, status, age) = (
            p.manager || p.leader,
            p.political_status,
            age_on(p.birth, d),
        );
        let retiring = p.leave_reason == Some("退休") && to_left.is_some_and(|x| x <= 120);
        let title = if since_hire < 365 {
            "新进员工谈心谈话"
        } else if retiring {
            "退休前谈心谈话"
        } else if manager && self.chance(0.5) {
            "廉洁从业提醒谈话"
        } else if matches!(status, "03" | "13") && age < 40 && self.chance(0.2) {
            "入党积极分子谈心谈话"
        } else {
            self.pickw(&[
                ("年度谈心谈话", 40),
                ("思想动态谈心谈话", 20),
                ("岗位调整谈心谈话", 15),
                ("困难职工谈心谈话", 10),
                ("家访谈心", 5),
            ])
        };
        // Organised by the person's 供电所 / 部门 (a team's talks belong to its department).
        let org = match self.units[unit].role {
            Role::Team(_) => self.units[unit].parent.unwrap_or(unit),
            _ => unit,
        };
        let host_idx = if manager {
            self.leader(c, "党委书记")
        } else {
            self.units[org]
                .secretary
                .or(self.units[org].head)
                .filter(|&h| h != pi)
        };
        let host_idx = host_idx
            .filter(|&h| h != pi)
            .or_else(|| self.dept_head(c, "党委党建部"));
        let host = self.person_name(host_idx);
        let (start, minutes) = self.slot(ActivityKind::Talk);
        let place = Some(self.pick(PLACES_TALK).to_string());
        let description = self.description(ActivityKind::Talk, ActivityMode::Offline);
        let seq = plans.len();
        plans.push(Plan {
            date: d,
            start,
            minutes,
            kind: ActivityKind::Talk,
            mode: ActivityMode::Offline,
            title: title.to_string(),
            org,
            series: None,
            place,
            online: None,
            host,
            description,
            invitees,
            seq,
        });
    }

    fn plan_unit_event(&mut self, plans: &mut Vec<Plan>, u: usize, from: NaiveDate, to: NaiveDate) {
        let kind = self.pickw(&[
            (ActivityKind::Lecture, 28),
            (ActivityKind::ThemeEducation, 28),
            (ActivityKind::Forum, 12),
            (ActivityKind::Briefing, 6),
            (ActivityKind::Other, 17),
            (ActivityKind::HeritageVisit, 5),
        ]);
        // Teams and substations do not organise trips of their own.
        let kind = match (kind, self.units[u].role) {
            (ActivityKind::HeritageVisit, Role::Team(_) | Role::Substation) => {
                ActivityKind::ThemeEducation
            }
            (k, _) => k,
        };
        let morning = self.chance(0.65);
        let d = self.free_day(u, from, to, morning);
        let (title, scope) = match kind {
            ActivityKind::Lecture => (
                self.pick_title(LECTURES_UNIT, d).to_string(),
                Scope::Subtree { unit: u, cap: 300 },
            ),
            ActivityKind::ThemeEducation => (
                self.pick_title(THEME_UNIT, d).to_string(),
                Scope::Party { unit: u, cap: 300 },
            ),
            ActivityKind::Forum => {
                let t = self.pick_title(FORUMS, d);
                (t.to_string(), Scope::Subtree { unit: u, cap: 40 })
            }
            ActivityKind::Briefing => (
                self.pick_title(BRIEFINGS, d).to_string(),
                Scope::Subtree { unit: u, cap: 300 },
            ),
            ActivityKind::HeritageVisit => {
                let (t, _) = self.pick(HERITAGE);
                (t.to_string(), Scope::Party { unit: u, cap: 40 })
            }
            _ => (
                self.pick_title(OTHERS_UNIT, d).to_string(),
                Scope::Subtree {
                    unit: u,
                    cap: self.rng.random_range(12..=40),
                },
            ),
        };
        let host = self.unit_host(u);
        let slot = self.half_day_slot(kind, morning);
        self.push_plan(plans, u, d, kind, title, scope, host, None, slot);
    }

    /// A time in the half-day `free_day` booked; a visit keeps its own all-day slot.
    fn half_day_slot(&mut self, kind: ActivityKind, morning: bool) -> Option<(u32, u32)> {
        if kind == ActivityKind::HeritageVisit {
            return None;
        }
        let (s, m) = self.slot(kind);
        let s = if morning { s.min(600) } else { s.max(870) };
        Some((s, m.min(if s >= 930 { 120 } else { 180 })))
    }
}
