//! The staff: posts per unit, then for each post a person whose age, education, title, skill,
//! political status and name fit the post and the generation.

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rusqlite::params;

use super::data::*;
use super::units::Role;
use super::{Gen, add_days, add_years, sub_years};
use crate::codes::{Gender, PoliticalStatus, RetirementCategory};
use crate::db::{Tx, new_uid, now_text};
use crate::error::Result;
use crate::structure::age_on;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Leader,
    Manager,
    Cadre,
    Staff,
    Worker,
}

pub(super) struct Post {
    pub(super) title: &'static str,
    pub(super) class: Class,
    pub(super) min_age: u32,
    pub(super) cadre: bool,
    pub(super) female: f64,
    /// Women on it retire as 干部 (55) rather than 工人 (50).
    pub(super) cadre_track: bool,
    /// Heads the unit (主任 / 所长 / 班长 / 站长).
    pub(super) head: bool,
    pub(super) secretary: bool,
}

pub(super) struct Person {
    pub(super) id: i64,
    pub(super) unit: usize,
    pub(super) employee_no: String,
    pub(super) name: String,
    pub(super) male: bool,
    pub(super) birth: NaiveDate,
    pub(super) id_number: Option<String>,
    pub(super) ethnicity: &'static str,
    pub(super) political_status: &'static str,
    pub(super) education: &'static str,
    pub(super) title: &'static str,
    pub(super) skill: &'static str,
    pub(super) position: &'static str,
    pub(super) work_start: NaiveDate,
    pub(super) hire: NaiveDate,
    pub(super) phone: String,
    pub(super) cadre: bool,
    pub(super) reserve: bool,
    pub(super) retirement: Option<RetirementCategory>,
    pub(super) left: Option<NaiveDate>,
    pub(super) leave_reason: Option<&'static str>,
    pub(super) manager: bool,
    pub(super) leader: bool,
    pub(super) frontline: bool,
    /// How often this person is away (leave / absent), around 1.0.
    pub(super) busy: f64,
}

impl Person {
    pub(super) fn in_post(&self, d: NaiveDate) -> bool {
        self.hire <= d && self.left.is_none_or(|l| d < l)
    }
    pub(super) fn party(&self) -> bool {
        PoliticalStatus::from_code(self.political_status).is_some_and(|s| s.is_party_member())
    }
}

impl Gen {
    fn posts_for(&mut self, u: usize) -> Vec<Post> {
        let n = self.units[u].staff;
        let mut posts = Vec::with_capacity(n);
        let post = |title, class, min_age, female: f64| Post {
            title,
            class,
            min_age,
            cadre: false,
            female,
            cadre_track: class != Class::Worker,
            head: false,
            secretary: false,
        };
        match self.units[u].role {
            Role::Company { city_root } => {
                for &t in Self::leader_posts(city_root) {
                    let mut p = post(t, Class::Leader, 43, 0.1);
                    p.cadre = matches!(t, "党委书记" | "党委副书记" | "纪委书记" | "工会主席");
                    p.female = if t == "工会主席" { 0.4 } else { 0.1 };
                    posts.push(p);
                }
            }
            Role::Dept(d) => {
                let mut head = post("主任", Class::Manager, 38, d.female * 0.5);
                head.head = true;
                head.cadre = d.party_work;
                posts.push(head);
                if n >= 5 {
                    let mut p = post("副主任", Class::Manager, 33, d.female * 0.6);
                    p.cadre = d.party_work;
                    posts.push(p);
                }
                if n >= 12 {
                    let mut p = post("副主任", Class::Manager, 33, d.female * 0.6);
                    p.cadre = d.party_work;
                    posts.push(p);
                }
                while posts.len() < n {
                    let t = self.pickw(d.posts);
                    let cadre = d.party_work || t == "政工专责";
                    let mut p = post(
                        t,
                        if cadre { Class::Cadre } else { Class::Staff },
                        22,
                        d.female,
                    );
                    p.cadre = cadre;
                    posts.push(p);
                }
            }
            Role::Team(t) => {
                let mut head = post("班长", Class::Manager, 30, t.female * 0.5);
                head.head = true;
                head.cadre_track = false;
                posts.push(head);
                if n >= 8 {
                    let mut p = post("副班长", Class::Manager, 28, t.female * 0.5);
                    p.cadre_track = false;
                    posts.push(p);
                }
                if n >= 6 {
                    posts.push(post("技术员", Class::Staff, 22, t.female));
                }
                if n >= 20 {
                    let mut p = post("政工专责", Class::Cadre, 26, 0.4);
                    p.cadre = true;
                    posts.push(p);
                }
                while posts.len() < n {
                    let w = self.pickw(t.workers);
                    let f = if FEMALE_LEANING.contains(&w) {
                        t.female.max(0.6)
                    } else {
                        t.female
                    };
                    posts.push(post(w, Class::Worker, 20, f));
                }
            }
            Role::SupplyStation => {
                let mut head = post("所长", Class::Manager, 35, 0.08);
                head.head = true;
                posts.push(head);
                if n >= 10 {
                    posts.push(post("副所长", Class::Manager, 30, 0.15));
                }
                if n >= 30 {
                    posts.push(post("副所长", Class::Manager, 30, 0.15));
                }
                if n >= 12 {
                    let mut p = post("党支部书记", Class::Cadre, 35, 0.25);
                    p.cadre = true;
                    p.secretary = true;
                    posts.push(p);
                }
                for _ in 0..n / 20 {
                    let mut p = post("政工专责", Class::Cadre, 25, 0.45);
                    p.cadre = true;
                    posts.push(p);
                }
                posts.push(post("安全员", Class::Staff, 25, 0.1));
                if n >= 15 {
                    posts.push(post("技术员", Class::Staff, 22, 0.2));
                }
                if n >= 20 {
                    posts.push(post("营销专责", Class::Staff, 22, 0.45));
                }
                while posts.len() < n {
                    let w = self.pickw(STATION_WORKERS);
                    let f = if FEMALE_LEANING.contains(&w) {
                        0.65
                    } else {
                        0.12
                    };
                    posts.push(post(w, Class::Worker, 20, f));
                }
            }
            Role::Substation => {
                let mut head = post("站长", Class::Manager, 32, 0.1);
                head.head = true;
                head.cadre_track = false;
                posts.push(head);
                if n >= 6 {
                    let mut p = post("副站长", Class::Manager, 28, 0.15);
                    p.cadre_track = false;
                    posts.push(p);
                }
                while posts.len() < n {
                    let w = self.pickw(SUBSTATION_WORKERS);
                    posts.push(post(w, Class::Worker, 20, 0.22));
                }
            }
        }
        posts.truncate(n.max(1));
        posts
    }

    pub(super) fn build_people(&mut self) {
        for u in 0..self.units.len() {
            let posts = self.posts_for(u);
            for post in &posts {
                let p = self.make_person(u, post);
                let idx = self.people.len();
                self.people.push(p);
                self.units[u].direct.push(idx);
                if post.head && self.units[u].head.is_none() {
                    self.units[u].head = Some(idx);
                }
                if post.secretary {
                    self.units[u].secretary = Some(idx);
                }
                if post.class == Class::Leader {
                    self.units[u].leaders.entry(post.title).or_insert(idx);
                }
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            let mut u = Some(p.unit);
            while let Some(x) = u {
                self.units[x].subtree.push(i);
                u = self.units[x].parent;
            }
            let c = self.units[p.unit].company;
            self.units[c].own.push(i);
        }
    }

    fn draw_age(&mut self, male: bool, worker_woman: bool, min_age: u32) -> u32 {
        let table = if male {
            MEN_AGES
        } else if worker_woman {
            WOMEN_WORKER_AGES
        } else {
            WOMEN_AGES
        };
        let max = table[table.len() - 1].0.1;
        for _ in 0..30 {
            let (lo, hi) = self.pickw(table);
            let a = self.rng.random_range(lo..=hi);
            if a >= min_age {
                return a;
            }
        }
        (min_age + self.rng.random_range(0..8)).min(max)
    }

    fn make_person(&mut self, unit: usize, post: &Post) -> Person {
        let today = self.today;
        let male = !self.chance(post.female);
        let worker_woman = !male && !post.cadre_track;
        let can_leave = !matches!(post.class, Class::Leader | Class::Manager) && !post.cadre;
        // 3% have left in the last three years: mostly retired.
        let (left, leave_reason, birth) = if can_leave && self.chance(0.03) {
            let left = Self::workday_near(add_days(today, -self.rng.random_range(5..1090)), today);
            let reason = self.pickw(&[("退休", 60), ("调出", 25), ("辞职", 15)]);
            let birth = match reason {
                "退休" => {
                    let years = if male {
                        60
                    } else if worker_woman {
                        50
                    } else {
                        55
                    };
                    add_days(sub_years(left, years), -self.rng.random_range(1..40))
                }
                "辞职" => {
                    let a = self.rng.random_range(25..=34);
                    add_days(sub_years(left, a), -self.rng.random_range(0..365))
                }
                _ => {
                    let a = self.draw_age(male, worker_woman, post.min_age.max(26));
                    add_days(sub_years(left, a), -self.rng.random_range(0..365))
                }
            };
            (Some(left), Some(reason), birth)
        } else {
            let a = self.draw_age(male, worker_woman, post.min_age);
            (
                None,
                None,
                add_days(sub_years(today, a), -self.rng.random_range(0..365)),
            )
        };
        let reference = left.unwrap_or(today);
        let age = age_on(birth, reference);
        let age_now = age_on(birth, today);

        let education = self.draw_education(age_now, post.class);
        let mut start_age: u32 = match education {
            "10" => self.rng.random_range(24..=26),
            "20" => self.rng.random_range(22..=23),
            "30" => self.rng.random_range(20..=21),
            "40" => self.rng.random_range(18..=19),
            _ => self.rng.random_range(18..=20),
        };
        // Older staff often joined young and earned their degree later (函授, 职工大学).
        if age_now >= 45 && matches!(education, "20" | "30") && self.chance(0.4) {
            start_age = self.rng.random_range(18..=20);
        }
        let start_age = start_age.min(age.saturating_sub(1)).max(18);
        let latest_start = add_days(reference, -120);
        let mut work_start = add_days(add_years(birth, start_age), self.rng.random_range(0..300));
        if work_start > latest_start {
            work_start = add_days(latest_start, -self.rng.random_range(0..200));
        }
        let earliest = add_years(birth, 18);
        if work_start < earliest {
            work_start = earliest;
        }
        let mut hire = work_start;
        if self.chance(0.22) {
            let later = add_days(work_start, self.rng.random_range(365..15 * 365));
            let latest_hire = add_days(reference, -60);
            if later < latest_hire {
                hire = later;
            }
        }

        let political_status = self.draw_political(age_now, post);
        let title = title_name(
            self.draw_title(age, post.class),
            post.class,
            birth.ordinal(),
        );
        let skill = self.draw_skill(age, post.class);
        let reserve = left.is_none()
            && post.class != Class::Leader
            && match age_now {
                28..=40 => matches!(education, "10" | "20") && self.chance(0.32),
                41..=45 => self.chance(0.05),
                _ => false,
            };
        let retirement = (!male).then_some(if post.cadre_track {
            RetirementCategory::Cadre
        } else {
            RetirementCategory::Worker
        });

        let name = self.draw_name(male, birth.year());
        let employee_no = loop {
            let no = format!("1{:07}", self.rng.random_range(0..10_000_000u32));
            if self.employee_nos.insert(no.clone()) {
                break no;
            }
        };
        let region = if self.chance(0.75) && !self.units[unit].region.is_empty() {
            self.units[unit].region
        } else if self.chance(0.5) {
            self.pick(REGIONS_CHANGZHI)
        } else {
            self.pick(REGIONS_SHANXI)
        };
        let id_number = self.draw_id_number(region, birth, male);
        let id_number = (!self.chance(0.03)).then_some(id_number);
        let phone = loop {
            let prefix = self.pickw(PHONE_PREFIXES);
            let ph = format!("{prefix}{:08}", self.rng.random_range(0..100_000_000u32));
            if self.phones.insert(ph.clone()) {
                break ph;
            }
        };
        let ethnicity = self.pickw(&[("01", 980), ("03", 12), ("11", 5), ("02", 3)]);
        let frontline = matches!(
            self.units[unit].role,
            Role::Team(_) | Role::SupplyStation | Role::Substation
        );
        let busy_base = if frontline { 1.1 } else { 0.6 };
        let busy = busy_base * self.rng.random_range(0.6..1.4);

        Person {
            id: 0,
            unit,
            employee_no,
            name,
            male,
            birth,
            id_number,
            ethnicity,
            political_status,
            education,
            title,
            skill,
            position: post.title,
            work_start,
            hire,
            phone,
            cadre: post.cadre,
            reserve,
            retirement,
            left,
            leave_reason,
            manager: post.class == Class::Manager || post.secretary,
            leader: post.class == Class::Leader,
            frontline,
            busy,
        }
    }

    fn draw_education(&mut self, age: u32, class: Class) -> &'static str {
        let office = !matches!(class, Class::Worker);
        let table: &[(&str, u32)] = match (office, age) {
            (true, 0..=35) => &[("10", 25), ("20", 68), ("30", 7)],
            (true, 36..=45) => &[("10", 12), ("20", 65), ("30", 20), ("40", 3)],
            (true, _) => &[("10", 5), ("20", 55), ("30", 32), ("40", 6), ("60", 2)],
            (false, 0..=35) => &[("10", 4), ("20", 56), ("30", 33), ("40", 7)],
            (false, 36..=45) => &[("10", 1), ("20", 35), ("30", 40), ("40", 17), ("60", 7)],
            (false, _) => &[("20", 15), ("30", 38), ("40", 31), ("60", 16)],
        };
        self.pickw(table)
    }

    fn draw_political(&mut self, age: u32, post: &Post) -> &'static str {
        if post.cadre || matches!(post.class, Class::Leader) {
            return if age < 30 && self.chance(0.1) {
                "02"
            } else {
                "01"
            };
        }
        if post.class == Class::Manager && self.chance(0.65) {
            return "01";
        }
        let table: &[(&str, u32)] = match age {
            0..=28 => &[("01", 12), ("02", 8), ("03", 68), ("13", 12)],
            29..=31 => &[("01", 30), ("02", 6), ("03", 25), ("13", 39)],
            32..=35 => &[("01", 38), ("02", 4), ("13", 58)],
            _ => &[("01", 39), ("02", 1), ("13", 60)],
        };
        let s = self.pickw(table);
        if s == "13" && self.chance(0.025) {
            // 民主党派: 民革 … 台盟
            return self.pick(&["04", "05", "06", "07", "08", "09", "10", "11"]);
        }
        s
    }

    /// The title's level as a code (1 正高级 … 4 初级, 9 无); [`title_name`] names it.
    fn draw_title(&mut self, age: u32, class: Class) -> &'static str {
        let table: &[(&str, u32)] = match (class, age) {
            (Class::Leader, _) => &[("1", 10), ("2", 60), ("3", 30)],
            (Class::Worker, 0..=30) => &[("9", 70), ("4", 30)],
            (Class::Worker, 31..=45) => &[("9", 50), ("4", 30), ("3", 20)],
            (Class::Worker, _) => &[("9", 50), ("4", 25), ("3", 22), ("2", 3)],
            (_, 0..=28) => &[("4", 70), ("9", 30)],
            (_, 29..=35) => &[("3", 60), ("4", 35), ("2", 5)],
            (_, 36..=45) => &[("3", 55), ("2", 35), ("4", 10)],
            (_, _) => &[("2", 45), ("3", 45), ("1", 3), ("4", 7)],
        };
        self.pickw(table)
    }

    fn draw_skill(&mut self, age: u32, class: Class) -> &'static str {
        let table: &[(&str, u32)] = match (class, age) {
            (Class::Worker | Class::Manager, 0..=25) => &[("5", 50), ("4", 40), ("9", 10)],
            (Class::Worker | Class::Manager, 26..=32) => &[("4", 50), ("3", 40), ("5", 10)],
            (Class::Worker | Class::Manager, 33..=40) => &[("3", 55), ("2", 30), ("4", 15)],
            (Class::Worker | Class::Manager, _) => &[("3", 45), ("2", 40), ("1", 10), ("4", 5)],
            _ => &[("9", 80), ("3", 12), ("2", 8)],
        };
        self.pickw(table)
    }

    fn draw_name(&mut self, male: bool, birth_year: i32) -> String {
        let surname = self.pickw(SURNAMES);
        let (common, era): (&[&str], &[&str]) = match (male, birth_year) {
            (true, ..1975) => (MALE_COMMON, MALE_OLD),
            (true, 1988..) => (MALE_COMMON, MALE_YOUNG),
            (true, _) => (MALE_COMMON, &[]),
            (false, ..1975) => (FEMALE_COMMON, FEMALE_OLD),
            (false, 1988..) => (FEMALE_COMMON, FEMALE_YOUNG),
            (false, _) => (FEMALE_COMMON, &[]),
        };
        let single_p = if (1975..1995).contains(&birth_year) {
            0.28
        } else {
            0.16
        };
        let len = if self.chance(single_p) { 1 } else { 2 };
        let mut name = surname.to_string();
        let mut given: Vec<&str> = Vec::with_capacity(2);
        while given.len() < len {
            let c = if !era.is_empty() && self.chance(0.45) {
                self.pick(era)
            } else {
                self.pick(common)
            };
            if c == surname || given.contains(&c) {
                continue;
            }
            given.push(c);
        }
        // 婷婷, 丹丹: doubled names, mostly women's.
        if len == 2 && !male && self.chance(0.04) {
            given[1] = given[0];
        }
        if self.chance(0.005) {
            let i = self.rng.random_range(0..given.len());
            given[i] = self.pick(RARE);
        }
        for c in given {
            name.push_str(c);
        }
        name
    }

    fn draw_id_number(&mut self, region: &str, birth: NaiveDate, male: bool) -> String {
        loop {
            let seq = self.rng.random_range(0..100u32);
            let mut g = self.rng.random_range(0..5u32) * 2;
            if male {
                g += 1;
            }
            let first17 = format!("{region}{}{seq:02}{g}", birth.format("%Y%m%d"));
            let id = format!("{first17}{}", crate::idcard::check_char(&first17));
            if self.id_numbers.insert(id.clone()) {
                return id;
            }
        }
    }

    pub(super) fn insert_people(&mut self, tx: &Tx) -> Result<()> {
        let now = now_text();
        let mut stmt = tx.prepare_cached(
            "INSERT INTO person (uid, employee_no, name, name_initials, gender, birth_date, id_number,
                 ethnicity, political_status, education, professional_title, skill_level, position,
                 unit_id, work_start_date, hire_date, phone, political_cadre, reserve_talent,
                 retirement_category, left_date, leave_reason, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?23)",
        )?;
        for i in 0..self.people.len() {
            let p = &self.people[i];
            stmt.execute(params![
                new_uid(),
                p.employee_no,
                p.name,
                crate::people::name_initials(&p.name),
                if p.male { Gender::Male } else { Gender::Female },
                p.birth.to_string(),
                p.id_number,
                p.ethnicity,
                p.political_status,
                p.education,
                p.title,
                p.skill,
                p.position,
                self.units[p.unit].id,
                p.work_start.to_string(),
                p.hire.to_string(),
                p.phone,
                p.cadre,
                p.reserve,
                p.retirement,
                p.left.map(|d| d.to_string()),
                p.leave_reason,
                now,
            ])?;
            self.people[i].id = tx.last_insert_rowid();
        }
        Ok(())
    }
}

/// A title as rosters write it for a level code: the series follows the post (政工 for cadres,
/// 工程 for workers, 工程 / 经济 / 会计 spread over managers and staff by birthday, which keeps
/// the seeded draws unchanged).
fn title_name(code: &str, class: Class, day: u32) -> &'static str {
    const SERIES: [[&str; 4]; 4] = [
        ["正高级工程师", "高级工程师", "工程师", "助理工程师"],
        ["正高级政工师", "高级政工师", "政工师", "助理政工师"],
        ["正高级经济师", "高级经济师", "经济师", "助理经济师"],
        ["正高级会计师", "高级会计师", "会计师", "助理会计师"],
    ];
    let series = match class {
        Class::Cadre => 1,
        Class::Leader => (day % 2) as usize,
        Class::Worker => 0,
        Class::Manager | Class::Staff => [0, 0, 2, 3][(day % 4) as usize],
    };
    match code {
        "1" => SERIES[series][0],
        "2" => SERIES[series][1],
        "3" => SERIES[series][2],
        "4" if series == 0 && day.is_multiple_of(2) => "技术员",
        "4" => SERIES[series][3],
        _ => "无",
    }
}
