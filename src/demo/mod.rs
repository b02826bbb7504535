//! Demo data (演示数据): a realistic, deterministic dataset for a State Grid power supply company
//! in Shanxi — the unit tree, its staff, three years of held activities with attendance and about
//! two months of planned ones. For screenshots, trying the app out, and performance checks.
//!
//! The same `(scale, seed, today)` always gives the same content (apart from `uid`,
//! `series_uid` and the `created_at` / `updated_at` stamps): everything is drawn from one seeded
//! ChaCha stream in a fixed order.

#[rustfmt::skip] // the word lists are laid out as tables
mod data;
mod activities;
mod evaluation;
mod people;
mod schedule;
#[cfg(test)]
mod tests;
mod units;
mod voice;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::db::Tx;
use crate::error::{Error, Result};
use crate::structure::years_after as add_years;
use people::Person;
use units::Unit;

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
    /// 党群沟通: 群众诉求, 谈心谈话, 联系点走访, 思想动态.
    pub concerns: usize,
    pub talks: usize,
    pub visits: usize,
    pub opinions: usize,
    /// 考核评价: rounds and their subjects; 推优评先 rounds; honours (from rounds and by hand).
    pub eval_rounds: usize,
    pub eval_subjects: usize,
    pub recognition_rounds: usize,
    pub honours: usize,
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
    // Its own generator: the rest of the demo stays what it was for a seed.
    let voice = g.insert_voice(tx, seed)?;
    // Its own generator too; after 党群沟通, whose records the automatic indicators read.
    let evaluation = g.insert_evaluation(tx, seed)?;
    let summary = DemoSummary {
        units: g.units.len(),
        people: g.people.len(),
        activities,
        attendance_rows,
        concerns: voice.concerns,
        talks: voice.talks,
        visits: voice.visits,
        opinions: voice.opinions,
        eval_rounds: evaluation.eval_rounds,
        eval_subjects: evaluation.eval_subjects,
        recognition_rounds: evaluation.recognition_rounds,
        honours: evaluation.honours,
    };
    let label = match scale {
        Scale::Branch => "县公司规模",
        Scale::City => "市公司规模",
    };
    tx.note(format!(
        "生成演示数据（{label}，种子 {seed}，基准日 {today}）：单位 {} 个，职工 {} 人，活动 {} 项，签到记录 {} 条，\
         群众诉求 {} 件，谈心谈话 {} 次，联系点走访 {} 次，思想动态 {} 条，\
         考核 {} 次（考核对象 {} 人次），推优评先 {} 项，荣誉 {} 项",
        summary.units,
        summary.people,
        summary.activities,
        summary.attendance_rows,
        summary.concerns,
        summary.talks,
        summary.visits,
        summary.opinions,
        summary.eval_rounds,
        summary.eval_subjects,
        summary.recognition_rounds,
        summary.honours
    ));
    Ok(summary)
}

/// What has been drawn so far. Its methods live beside what they build (units, people,
/// schedule, activities); every draw comes from `rng`, so changing their order changes the data.
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

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

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
}
