//! Demo data (演示数据): a realistic, deterministic dataset for a State Grid power supply company
//! in Shanxi — the unit tree, its staff, three years of held activities with attendance and about
//! two months of planned ones. For screenshots, trying the app out, and performance checks.
//!
//! The same `(scale, seed, today)` always gives the same content (apart from `uid`,
//! `series_uid` and the `created_at` / `updated_at` stamps): everything is drawn from one seeded
//! ChaCha stream in a fixed order.

#[rustfmt::skip] // the word lists are laid out as tables
mod data;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::codes::{ActivityKind, ActivityMode, UnitKind};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use data::*;

/// How big a dataset to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// A county company (县供电公司): about 30 units and 300 staff.
    Branch,
    /// A city company (市供电公司) with its county companies: about 200 units and 10,000 staff.
    City,
}

impl FromStr for Scale {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "branch" => Ok(Scale::Branch),
            "city" => Ok(Scale::City),
            _ => Err("规模只能是 branch（约 300 人）或 city（约 10000 人）".to_string()),
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoSummary {
    pub units: usize,
    pub people: usize,
    pub activities: usize,
    pub attendance_rows: usize,
}

/// Fills an EMPTY database with demo data (refused if table `unit` or `person` has rows).
/// `today` anchors the dataset: activities cover the three years before `today` (held, with
/// attendance) and about two months after it (planned: invitees, no attendance status).
/// Same (scale, seed, today) => the same logical content, except uid columns and
/// created_at / updated_at.
pub fn generate(tx: &Tx, scale: Scale, seed: u64, today: NaiveDate) -> Result<DemoSummary> {
    let existing: i64 = tx.query_row(
        "SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM person)",
        [],
        |r| r.get(0),
    )?;
    if existing > 0 {
        return Err(Error::invalid(
            "数据库",
            "已有数据，演示数据只能写入空数据库",
        ));
    }
    let mut g = Gen::new(scale, seed, today);
    g.build_units();
    g.size_units();
    g.insert_units(tx)?;
    g.build_people();
    g.insert_people(tx)?;
    let plans = g.plan_activities();
    let (activities, attendance_rows) = g.insert_activities(tx, plans)?;
    let summary = DemoSummary {
        units: g.units.len(),
        people: g.people.len(),
        activities,
        attendance_rows,
    };
    let label = match scale {
        Scale::Branch => "县公司规模",
        Scale::City => "市公司规模",
    };
    tx.note(format!(
        "生成演示数据（{label}，种子 {seed}，基准日 {today}）：单位 {} 个，职工 {} 人，活动 {} 项，签到记录 {} 条",
        summary.units, summary.people, summary.activities, summary.attendance_rows
    ));
    Ok(summary)
}

// ---------------------------------------------------------------------------------------------
// In-memory model

#[derive(Clone, Copy)]
enum Role {
    Company { city_root: bool },
    Dept(&'static DeptT),
    Team(&'static TeamT),
    SupplyStation,
    Substation,
}

struct Unit {
    id: i64,
    name: String,
    kind: UnitKind,
    parent: Option<usize>,
    /// The nearest company at or above this unit.
    company: usize,
    role: Role,
    base_staff: f64,
    staff: usize,
    /// Region code most of its staff were born in.
    region: &'static str,
    direct: Vec<usize>,
    /// Everyone at or below this unit, by person index.
    subtree: Vec<usize>,
    /// For a company: its staff not in a lower company.
    own: Vec<usize>,
    head: Option<usize>,
    secretary: Option<usize>,
    /// For a company: who holds which leading post.
    leaders: BTreeMap<&'static str, usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Leader,
    Manager,
    Cadre,
    Staff,
    Worker,
}

struct Post {
    title: &'static str,
    class: Class,
    min_age: u32,
    cadre: bool,
    female: f64,
    /// Women on it retire as 干部 (55) rather than 工人 (50).
    cadre_track: bool,
    /// Heads the unit (主任 / 所长 / 班长 / 站长).
    head: bool,
    secretary: bool,
}

struct Person {
    id: i64,
    unit: usize,
    employee_no: String,
    name: String,
    male: bool,
    birth: NaiveDate,
    id_number: Option<String>,
    ethnicity: &'static str,
    political_status: &'static str,
    education: &'static str,
    title: &'static str,
    skill: &'static str,
    position: &'static str,
    work_start: NaiveDate,
    hire: NaiveDate,
    phone: String,
    cadre: bool,
    reserve: bool,
    retirement: Option<&'static str>,
    left: Option<NaiveDate>,
    leave_reason: Option<&'static str>,
    manager: bool,
    leader: bool,
    frontline: bool,
    /// How often this person is away (leave / absent), around 1.0.
    busy: f64,
}

impl Person {
    fn in_post(&self, d: NaiveDate) -> bool {
        self.hire <= d && self.left.is_none_or(|l| d < l)
    }
    fn party(&self) -> bool {
        matches!(self.political_status, "01" | "02")
    }
}

/// Who is invited, resolved against the staff in post on the activity's date.
enum Scope {
    Subtree { unit: usize, cap: usize },
    Party { unit: usize, cap: usize },
    Cadres { unit: usize, cap: usize },
    Managers { company: usize },
    Young { company: usize, cap: usize },
    Women { company: usize, cap: usize },
    NewHires { company: usize, cap: usize },
    Sample { company: usize, cap: usize },
}

struct Plan {
    date: NaiveDate,
    /// Minutes after midnight.
    start: u32,
    minutes: u32,
    kind: ActivityKind,
    mode: ActivityMode,
    title: String,
    org: usize,
    series: Option<usize>,
    place: Option<String>,
    online: Option<String>,
    host: Option<String>,
    description: Option<String>,
    invitees: Vec<usize>,
    seq: usize,
}

struct Gen {
    rng: ChaCha8Rng,
    scale: Scale,
    today: NaiveDate,
    units: Vec<Unit>,
    people: Vec<Person>,
    companies: Vec<usize>,
    employee_nos: HashSet<String>,
    id_numbers: HashSet<String>,
    phones: HashSet<String>,
    series_uids: Vec<String>,
    series_keys: BTreeMap<(usize, i32, u8), usize>,
    busy_slots: BTreeSet<(usize, NaiveDate, bool)>,
}

const MEN_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 12),
    ((31, 35), 10),
    ((36, 40), 10),
    ((41, 45), 13),
    ((46, 50), 18),
    ((51, 55), 22),
    ((56, 59), 15),
];
const WOMEN_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 14),
    ((31, 35), 12),
    ((36, 40), 12),
    ((41, 45), 16),
    ((46, 50), 22),
    ((51, 54), 24),
];
/// Women workers retire at 50.
const WOMEN_WORKER_AGES: &[((u32, u32), u32)] = &[
    ((22, 30), 16),
    ((31, 35), 14),
    ((36, 40), 14),
    ((41, 45), 20),
    ((46, 49), 26),
];

fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|x| x.1).sum();
    let mut r = rng.random_range(0..total);
    for (v, w) in items {
        if r < *w {
            return v;
        }
        r -= w;
    }
    &items[items.len() - 1].0
}

fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(d)
}

fn sub_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(12 * years)).unwrap_or(d)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    }
}

fn age_at(birth: NaiveDate, d: NaiveDate) -> u32 {
    let mut a = d.year() - birth.year();
    if (d.month(), d.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a.max(0) as u32
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// 春节 (first day of the lunar year); the week from the eve is a holiday.
const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
];

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

fn yyyymm(d: NaiveDate) -> u32 {
    d.year() as u32 * 100 + d.month()
}

fn title_fits(t: &Title, d: NaiveDate) -> bool {
    (t.months.is_empty() || t.months.contains(&d.month()))
        && (t.from == 0 || yyyymm(d) >= t.from)
        && (t.to == 0 || yyyymm(d) <= t.to)
}

fn hm(minutes: u32) -> String {
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}

fn datetime(d: NaiveDate, minutes: u32) -> String {
    format!("{d} {}", hm(minutes))
}

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

impl Gen {
    fn new(scale: Scale, seed: u64, today: NaiveDate) -> Self {
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
            scale,
            today,
            units: Vec::new(),
            people: Vec::new(),
            companies: Vec::new(),
            employee_nos: HashSet::new(),
            id_numbers: HashSet::new(),
            phones: HashSet::new(),
            series_uids: Vec::new(),
            series_keys: BTreeMap::new(),
            busy_slots: BTreeSet::new(),
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty list")
    }

    fn pickw<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        *weighted(&mut self.rng, items)
    }

    /// Rounds `x` up or down at random so that the expectation is `x`.
    fn stoch_round(&mut self, x: f64) -> usize {
        let f = x.floor();
        let extra = self.rng.random::<f64>() < x - f;
        f as usize + usize::from(extra)
    }

    // -----------------------------------------------------------------------------------------
    // Units

    fn add_unit(
        &mut self,
        name: String,
        kind: UnitKind,
        parent: Option<usize>,
        role: Role,
    ) -> usize {
        let idx = self.units.len();
        let (company, region) = match (role, parent) {
            (Role::Company { .. }, _) | (_, None) => (idx, ""),
            (_, Some(p)) => (self.units[p].company, self.units[p].region),
        };
        self.units.push(Unit {
            id: 0,
            name,
            kind,
            parent,
            company,
            role,
            base_staff: 0.0,
            staff: 0,
            region,
            direct: Vec::new(),
            subtree: Vec::new(),
            own: Vec::new(),
            head: None,
            secretary: None,
            leaders: BTreeMap::new(),
        });
        if matches!(role, Role::Company { .. }) {
            self.companies.push(idx);
        }
        idx
    }

    fn set_base(&mut self, u: usize, range: (u32, u32)) {
        self.units[u].base_staff = f64::from(self.rng.random_range(range.0..=range.1));
    }

    fn build_units(&mut self) {
        match self.scale {
            Scale::Branch => {
                let region = self.pick(REGIONS_CHANGZHI);
                self.add_county("国网示范县供电公司".into(), None, true, region);
            }
            Scale::City => {
                let root = self.add_unit(
                    "国网示范市供电公司".into(),
                    UnitKind::Company,
                    None,
                    Role::Company { city_root: true },
                );
                self.units[root].region = "140402";
                for d in CITY_DEPTS {
                    let du = self.add_unit(
                        d.name.into(),
                        UnitKind::Department,
                        Some(root),
                        Role::Dept(d),
                    );
                    self.set_base(du, d.staff);
                    for t in d.teams {
                        let tu =
                            self.add_unit(t.name.into(), UnitKind::Team, Some(du), Role::Team(t));
                        self.set_base(tu, t.staff);
                    }
                    if d.name == "变电运维中心" {
                        let mut names = SUBSTATIONS.to_vec();
                        names.shuffle(&mut self.rng);
                        for n in &names[..2] {
                            let s = self.add_unit(
                                format!("220kV{n}变电站"),
                                UnitKind::Station,
                                Some(du),
                                Role::Substation,
                            );
                            self.set_base(s, (5, 8));
                        }
                    }
                }
                let n_counties = self.rng.random_range(8..=9);
                let mut regions = REGIONS_CHANGZHI[2..].to_vec();
                regions.shuffle(&mut self.rng);
                for (i, name) in COUNTIES.iter().take(n_counties).enumerate() {
                    self.add_county(format!("{name}供电公司"), Some(root), false, regions[i]);
                }
            }
        }
    }

    fn add_county(
        &mut self,
        name: String,
        parent: Option<usize>,
        full: bool,
        region: &'static str,
    ) {
        let c = self.add_unit(
            name,
            UnitKind::Company,
            parent,
            Role::Company { city_root: false },
        );
        self.units[c].region = region;
        for d in COUNTY_DEPTS {
            let du = self.add_unit(d.name.into(), UnitKind::Department, Some(c), Role::Dept(d));
            self.set_base(du, d.staff);
            for t in d.teams.iter().filter(|t| full || t.core) {
                let tu = self.add_unit(t.name.into(), UnitKind::Team, Some(du), Role::Team(t));
                self.set_base(tu, t.staff);
            }
        }
        let towns_n = if full {
            self.rng.random_range(5..=6)
        } else {
            self.rng.random_range(5..=7)
        };
        let main = self.add_unit(
            "城关供电所".into(),
            UnitKind::Station,
            Some(c),
            Role::SupplyStation,
        );
        self.set_base(main, (28, 38));
        let mut towns = TOWNS.to_vec();
        towns.shuffle(&mut self.rng);
        for town in &towns[..towns_n] {
            let name = if town.chars().count() == 2 {
                format!("{town}镇供电所")
            } else {
                format!("{town}供电所")
            };
            let s = self.add_unit(name, UnitKind::Station, Some(c), Role::SupplyStation);
            self.set_base(s, (16, 28));
        }
        let subs_n = if full {
            self.rng.random_range(2..=4)
        } else {
            1
        };
        let mut subs = SUBSTATIONS.to_vec();
        subs.shuffle(&mut self.rng);
        for (i, n) in subs[..subs_n].iter().enumerate() {
            let voltage = if i == 0 { "110kV" } else { "35kV" };
            let s = self.add_unit(
                format!("{voltage}{n}变电站"),
                UnitKind::Station,
                Some(c),
                Role::Substation,
            );
            self.set_base(s, (4, 6));
        }
    }

    fn leader_posts(city_root: bool) -> &'static [&'static str] {
        if city_root {
            &[
                "总经理",
                "党委书记",
                "党委副书记",
                "副总经理",
                "副总经理",
                "副总经理",
                "纪委书记",
                "工会主席",
                "总工程师",
                "总会计师",
                "安全总监",
            ]
        } else {
            &[
                "总经理",
                "党委书记",
                "副总经理",
                "副总经理",
                "纪委书记",
                "工会主席",
            ]
        }
    }

    /// Head counts: template ranges, scaled so that the total is near the target. In the city
    /// dataset departments grow a little and frontline units take the rest.
    fn size_units(&mut self) {
        let target = match self.scale {
            Scale::Branch => 300.0 + f64::from(self.rng.random_range(-8..=12)),
            Scale::City => 10_000.0 + f64::from(self.rng.random_range(-120..=150)),
        };
        let dept_factor = match self.scale {
            Scale::Branch => 1.0,
            Scale::City => 1.7,
        };
        let mut leaders = 0.0;
        let mut depts = 0.0;
        let mut front = 0.0;
        for u in &self.units {
            match u.role {
                Role::Company { city_root } => {
                    leaders += Self::leader_posts(city_root).len() as f64
                }
                Role::Dept(_) => depts += u.base_staff,
                _ => front += u.base_staff,
            }
        }
        let front_factor = ((target - leaders - depts * dept_factor) / front).max(0.5);
        for i in 0..self.units.len() {
            let n = match self.units[i].role {
                Role::Company { city_root } => Self::leader_posts(city_root).len(),
                Role::Dept(_) => {
                    let x = self.units[i].base_staff * dept_factor;
                    self.stoch_round(x).max(3)
                }
                _ => {
                    let x = self.units[i].base_staff * front_factor;
                    self.stoch_round(x).max(3)
                }
            };
            self.units[i].staff = n;
        }
    }

    fn insert_units(&mut self, tx: &Tx) -> Result<()> {
        let now = now_text();
        let mut stmt = tx.prepare_cached(
            "INSERT INTO unit (uid, name, kind, parent_id, sort_order, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for i in 0..self.units.len() {
            let parent_id = self.units[i].parent.map(|p| self.units[p].id);
            let u = &self.units[i];
            stmt.execute(params![
                new_uid(),
                u.name,
                u.kind.code(),
                parent_id,
                i as i64 + 1,
                now
            ])?;
            self.units[i].id = tx.last_insert_rowid();
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // People

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

    fn build_people(&mut self) {
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
        let age = age_at(birth, reference);
        let age_now = age_at(birth, today);

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
        let title = self.draw_title(age, post.class);
        let skill = self.draw_skill(age, post.class);
        let reserve = left.is_none()
            && post.class != Class::Leader
            && match age_now {
                28..=40 => matches!(education, "10" | "20") && self.chance(0.32),
                41..=45 => self.chance(0.05),
                _ => false,
            };
        let retirement = (!male).then_some(if post.cadre_track { "cadre" } else { "worker" });

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

    fn insert_people(&mut self, tx: &Tx) -> Result<()> {
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
                if p.male { "1" } else { "2" },
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

    // -----------------------------------------------------------------------------------------
    // Activities: planning

    /// `d` if it is a working day, else the next one (or the previous one if that passes
    /// `limit`).
    fn workday_near(d: NaiveDate, limit: NaiveDate) -> NaiveDate {
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

    fn slot(&mut self, kind: ActivityKind) -> (u32, u32) {
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

    fn pick_title(&mut self, pool: &[Title], d: NaiveDate) -> &'static str {
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

    fn description(&mut self, kind: ActivityKind, mode: ActivityMode) -> Option<String> {
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
                self.resolve(&s, d, cap, |p| age_at(p.birth, d) <= 35)
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
    fn push_plan(
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

    fn plan_activities(&mut self) -> Vec<Plan> {
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
                let cap = self.rng.random_range(60..=120);
                let host = self.person_name(union);
                self.push_plan(
                    plans,
                    c,
                    july,
                    ActivityKind::SongContest,
                    title,
                    Scope::Sample { company: c, cap },
                    host,
                    None,
                    None,
                );
            }
            let oct = Self::workday_near(ymd(y, 9, self.rng.random_range(15..=28)), ymd(y, 9, 30));
            if self.chance(0.5) && oct >= from && oct < to {
                let title = format!("“礼赞新中国”庆祝新中国成立{}周年歌咏比赛", y - 1949);
                let cap = self.rng.random_range(60..=120);
                let host = self.person_name(union);
                self.push_plan(
                    plans,
                    c,
                    oct,
                    ActivityKind::SongContest,
                    title,
                    Scope::Sample { company: c, cap },
                    host,
                    None,
                    None,
                );
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
            let slot = if kind == ActivityKind::HeritageVisit {
                None
            } else {
                let (s, m) = self.slot(kind);
                let s = if morning { s.min(600) } else { s.max(870) };
                Some((s, m.min(if s >= 930 { 120 } else { 180 })))
            };
            self.push_plan(plans, c, d, kind, title, scope, host, None, slot);
        }

        // 谈心谈话: one or two people at a time.
        let n = self.stoch_round(own_n as f64 * talk_rate * years);
        for _ in 0..n {
            self.plan_talk(plans, c, from, to);
        }
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
            age_at(p.birth, d),
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
        let slot = if kind == ActivityKind::HeritageVisit {
            None
        } else {
            let (s, m) = self.slot(kind);
            let s = if morning { s.min(600) } else { s.max(870) };
            Some((s, m.min(if s >= 930 { 120 } else { 180 })))
        };
        self.push_plan(plans, u, d, kind, title, scope, host, None, slot);
    }

    // -----------------------------------------------------------------------------------------
    // Activities: what happened, and the rows

    fn insert_activities(&mut self, tx: &Tx, mut plans: Vec<Plan>) -> Result<(usize, usize)> {
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
            status: Option<&'static str>,
            at: Option<String>,
            reason: Option<&'static str>,
        }
        let mut rows: Vec<Row> = Vec::new();
        for (ai, plan) in plans.iter().enumerate() {
            let held = plan.date < self.today;
            let cancelled = held && plan.kind != ActivityKind::Talk && self.chance(0.02);
            let status = if !held {
                "planned"
            } else if cancelled {
                "cancelled"
            } else {
                "held"
            };
            let date_text = plan.date.to_string();
            let start_s = i64::from(plan.start) * 60;
            let clock = |secs: i64| -> String {
                format!(
                    "{date_text} {:02}:{:02}:{:02}",
                    secs / 3600,
                    secs / 60 % 60,
                    secs % 60
                )
            };
            rows.clear();
            let (mut attended, mut leave) = (0usize, 0usize);
            for &pi in &plan.invitees {
                mark[pi] = ai + 1;
                if status != "held" {
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
                        status: Some("leave"),
                        at: None,
                        reason: Some(reason),
                    }
                } else if r < p_leave + p_absent {
                    // Most absences are recorded; some are simply never checked in.
                    let s = if self.chance(0.75) {
                        Some("absent")
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
                        status: Some("late"),
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
                        status: Some("present"),
                        at: Some(clock(start_s + off)),
                        reason: None,
                    }
                };
                rows.push(row);
            }
            // Walk-ins: someone from the same company who was not on the list.
            if status == "held" && plan.kind != ActivityKind::Talk {
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
                                status: Some("present"),
                                at: Some(clock(start_s + off)),
                                reason: None,
                            });
                            break;
                        }
                    }
                }
            }
            let invited = plan.invitees.len();
            let summary = if status == "held" && self.chance(0.7) {
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
                datetime(plan.date, plan.start),
                datetime(plan.date, plan.start + plan.minutes),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, Db};

    fn today() -> NaiveDate {
        ymd(2025, 11, 24)
    }

    fn digest(db: &Db) -> String {
        let q = |sql: &str| -> String {
            db.conn()
                .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
                .unwrap()
                .unwrap_or_default()
        };
        [
            q("SELECT group_concat(id || name || kind || ifnull(parent_id, '') || sort_order, '|') FROM (SELECT * FROM unit ORDER BY id)"),
            q("SELECT group_concat(id || employee_no || name || name_initials || gender || birth_date || ifnull(id_number, '')
                 || ifnull(phone, '') || ifnull(position, '') || unit_id || ifnull(hire_date, '') || ifnull(left_date, '')
                 || political_status || education || political_cadre || reserve_talent, '|')
               FROM (SELECT * FROM person ORDER BY id)"),
            q("SELECT group_concat(id || kind || mode || title || starts_at || ends_at || ifnull(place, '') || ifnull(online_meeting, '')
                 || ifnull(organizer_unit_id, '') || ifnull(host, '') || ifnull(description, '') || status || ifnull(summary, ''), '|')
               FROM (SELECT * FROM activity ORDER BY id)"),
            q("SELECT group_concat(activity_id || ':' || person_id || invited || ifnull(status, '-') || ifnull(checked_in_at, '')
                 || ifnull(leave_reason, ''), '|')
               FROM (SELECT * FROM attendance ORDER BY activity_id, person_id)"),
        ]
        .join("\n")
    }

    fn branch_db(dir: &tempfile::TempDir, file: &str, seed: u64) -> (Db, DemoSummary) {
        let mut db = Db::open(dir.path().join(file)).unwrap();
        let summary = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
            generate(tx, Scale::Branch, seed, today())
        })
        .unwrap();
        (db, summary)
    }

    fn count(db: &Db, sql: &str) -> i64 {
        db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn scale_parses_with_a_chinese_error() {
        assert_eq!("branch".parse::<Scale>().unwrap(), Scale::Branch);
        assert_eq!(" City ".parse::<Scale>().unwrap(), Scale::City);
        assert_eq!(
            "town".parse::<Scale>().unwrap_err(),
            "规模只能是 branch（约 300 人）或 city（约 10000 人）"
        );
    }

    #[test]
    fn branch_is_deterministic_and_plausible() {
        let dir = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        let (db1, s1) = branch_db(&dir, "a.db", 7);
        eprintln!("branch: {s1:?} in {:?}", started.elapsed());
        let (db2, s2) = branch_db(&dir, "b.db", 7);
        assert_eq!(digest(&db1), digest(&db2));
        assert_eq!(s1.attendance_rows, s2.attendance_rows);
        let (db3, _) = branch_db(&dir, "c.db", 8);
        assert_ne!(digest(&db1), digest(&db3));

        let db = &db1;
        assert_eq!(count(db, "SELECT count(*) FROM unit") as usize, s1.units);
        assert_eq!(count(db, "SELECT count(*) FROM person") as usize, s1.people);
        assert_eq!(
            count(db, "SELECT count(*) FROM activity") as usize,
            s1.activities
        );
        assert_eq!(
            count(db, "SELECT count(*) FROM attendance") as usize,
            s1.attendance_rows
        );
        assert!((20..=40).contains(&s1.units), "{s1:?}");
        assert!((250..=350).contains(&s1.people), "{s1:?}");
        assert!(s1.activities > 300, "{s1:?}");
        assert!(count(db, "SELECT count(*) FROM attendance WHERE invited = 0") > 0);
        assert!(
            count(
                db,
                "SELECT count(*) FROM attendance WHERE status = 'leave' AND leave_reason IS NOT NULL"
            ) > 0
        );
        assert!(
            count(
                db,
                "SELECT count(*) FROM person WHERE left_date IS NOT NULL"
            ) > 0
        );
        assert!(count(db, "SELECT count(*) FROM activity WHERE status = 'planned'") > 0);
        assert!(
            count(
                db,
                "SELECT count(*) FROM activity WHERE series_uid IS NOT NULL"
            ) > 0
        );
        // Planned and cancelled activities have invitees but nobody has checked in.
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                       WHERE v.status <> 'held' AND (a.status IS NOT NULL OR a.invited = 0)"
            ),
            0
        );
        assert!(
            count(
                db,
                "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'planned'"
            ) > 0
        );
        // Late means after the grace period; present means not after it.
        assert_eq!(
            count(db, "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                       WHERE a.status = 'late' AND a.checked_in_at <= datetime(v.starts_at, '+10 minutes')"),
            0
        );
        assert_eq!(
            count(db, "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                       WHERE a.status = 'present' AND a.checked_in_at > datetime(v.starts_at, '+10 minutes')"),
            0
        );
        // Nobody is invited before they were hired or on / after the day they left.
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id
                       JOIN person p ON p.id = a.person_id
                       WHERE date(v.starts_at) < p.hire_date OR date(v.starts_at) >= p.left_date"
            ),
            0
        );
        // … but people who left do appear on earlier lists.
        assert!(
            count(
                db,
                "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id WHERE p.left_date IS NOT NULL"
            ) > 0
        );
        // Rough shape of the attendance.
        let held = count(
            db,
            "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'held' AND a.invited = 1",
        ) as f64;
        let present = count(
            db,
            "SELECT count(*) FROM attendance a JOIN activity v ON v.id = a.activity_id WHERE v.status = 'held' AND a.invited = 1 AND a.status = 'present'",
        ) as f64;
        assert!(
            (0.8..0.92).contains(&(present / held)),
            "present share {}",
            present / held
        );

        let mut stmt = db
            .conn()
            .prepare("SELECT id_number FROM person WHERE id_number IS NOT NULL")
            .unwrap();
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(ids.len() as f64 > s1.people as f64 * 0.9);
        for id in &ids {
            crate::idcard::parse(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
        // ID numbers agree with the birth date and gender columns.
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM person WHERE id_number IS NOT NULL AND
                       (substr(id_number, 7, 8) <> replace(birth_date, '-', '')
                        OR (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1) <> (gender = '1'))"
            ),
            0
        );
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM person WHERE gender = '1' AND retirement_category IS NOT NULL"
            ),
            0
        );
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM person WHERE gender = '2' AND retirement_category IS NULL"
            ),
            0
        );
        assert_eq!(
            count(
                db,
                "SELECT count(*) FROM person WHERE hire_date < work_start_date"
            ),
            0
        );
    }

    #[test]
    fn refuses_a_database_with_data() {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = branch_db(&dir, "t.db", 7);
        let err = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
            generate(tx, Scale::Branch, 7, today())
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "数据库：已有数据，演示数据只能写入空数据库"
        );
    }

    /// `cargo test --release demo -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn city_scale_timing() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(dir.path().join("city.db")).unwrap();
        let started = std::time::Instant::now();
        let s = Db::transact(&mut db, &Actor::local(), crate::db::Action::Demo, |tx| {
            generate(tx, Scale::City, 7, today())
        })
        .unwrap();
        let elapsed = started.elapsed();
        eprintln!("city: {s:?} in {elapsed:?}");
        let q = |sql: &str| -> f64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        eprintln!(
            "  female {:.1}%, party {:.1}%, cadres {:.1}%, reserve {:.1}%, left {:.1}%, online {:.1}%, hybrid {:.1}%",
            q("SELECT 100.0 * avg(gender = '2') FROM person"),
            q("SELECT 100.0 * avg(political_status = '01') FROM person"),
            q("SELECT 100.0 * avg(political_cadre) FROM person"),
            q("SELECT 100.0 * avg(reserve_talent) FROM person"),
            q("SELECT 100.0 * avg(left_date IS NOT NULL) FROM person"),
            q("SELECT 100.0 * avg(mode = 'online') FROM activity"),
            q("SELECT 100.0 * avg(mode = 'hybrid') FROM activity"),
        );
        assert!((150..=260).contains(&s.units), "{s:?}");
        assert!((9_000..=11_000).contains(&s.people), "{s:?}");
    }
}
