//! The structure over time: the trend at each past year's end, the projection forward assuming
//! nobody joins, the outlook sentence, who retires soon, and the people behind a bar.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::*;
use crate::codes::{Gender, SkillLevel, TitleLevel};
use crate::error::Result;
use crate::structure::retirement::{self, Overdue, Retiree};

/// The indicators on one date of the trend or the projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrendPoint {
    pub date: NaiveDate,
    /// 2023年末, 统计日, 3年后.
    pub label: String,
    /// A projection (nobody joins, retirees leave) rather than the record.
    pub projected: bool,
    pub headcount: i64,
    pub average_age: Option<f64>,
    pub median_age: Option<f64>,
    pub share_35_and_under: Option<f64>,
    pub share_50_and_over: Option<f64>,
    /// Projection: how many of today's people have retired by then.
    pub retired: i64,
}

fn point(
    date: NaiveDate,
    label: String,
    projected: bool,
    ages: Vec<u32>,
    retired: i64,
) -> TrendPoint {
    let s = age_stats(ages);
    TrendPoint {
        date,
        label,
        projected,
        headcount: s.headcount,
        average_age: s.average,
        median_age: s.median,
        share_35_and_under: s.young,
        share_50_and_over: s.old,
        retired,
    }
}

/// The indicators at the end of each of the `years` years before `q.as_of`'s year (from hire
/// and leave dates), on `q.as_of` itself, and projected `years` years forward assuming nobody
/// joins: people age, and leave on their legal retirement date.
fn trend_of(all: &[Member], q: &StructureQuery, years: u32) -> Vec<TrendPoint> {
    let mut points = Vec::with_capacity(2 * years as usize + 1);
    let year = q.as_of.year();
    for y in (year - years as i32)..year {
        let Some(date) = NaiveDate::from_ymd_opt(y, 12, 31) else {
            continue;
        };
        let ages = all
            .iter()
            .filter(|m| m.in_post(date) && m.belongs(q.population))
            .map(|m| age_on(m.birth, date))
            .collect();
        points.push(point(date, format!("{y}年末"), false, ages, 0));
    }
    let now: Vec<&Member> = all
        .iter()
        .filter(|m| m.in_post(q.as_of) && m.belongs(q.population))
        .collect();
    let ages = now.iter().map(|m| age_on(m.birth, q.as_of)).collect();
    points.push(point(q.as_of, "统计日".into(), false, ages, 0));
    for k in 1..=years {
        let date = years_after(q.as_of, k);
        let (retired, staying): (Vec<&&Member>, Vec<&&Member>) =
            now.iter().partition(|m| m.retires_by(date));
        let ages = staying.iter().map(|m| age_on(m.birth, date)).collect();
        points.push(point(
            date,
            format!("{k}年后"),
            true,
            ages,
            retired.len() as i64,
        ));
    }
    points
}

/// The indicators at past year ends, on the date and projected forward; see [`Analysis::trend`].
pub fn trend(conn: &Connection, q: &StructureQuery, years: u32) -> Result<Vec<TrendPoint>> {
    Ok(trend_of(&load(conn, q.unit_id)?, q, years))
}

/// How many retire within 1, 3 and 5 years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetiringCounts {
    pub within_1: i64,
    pub within_3: i64,
    pub within_5: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRetiring {
    pub unit_name: String,
    #[serde(flatten)]
    pub counts: RetiringCounts,
}

/// Everything the 队伍结构 screen, report and command show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Analysis {
    pub structure: Structure,
    pub config: Config,
    pub warnings: Vec<Warning>,
    /// Who reaches the retirement age within 5 years, soonest first.
    pub retiring: Vec<Retiree>,
    pub retiring_within: RetiringCounts,
    /// The same, per unit (the person's own unit), most first.
    pub retiring_by_unit: Vec<UnitRetiring>,
    /// Women whose category (干部 / 工人) is not recorded: no retirement date can be given.
    pub retirement_category_missing: i64,
    /// A data warning, apart from the structure warnings: people in post by the record past
    /// their legal retirement date (their 离职 was probably never entered), longest overdue
    /// first. They are counted in every figure above, as the record says they are in post.
    pub overdue: Vec<Overdue>,
    /// Past year ends, the date itself, then the projection.
    pub trend: Vec<TrendPoint>,
    /// "如不补充新人，5 年后……" in one sentence.
    pub outlook: String,
}

/// The whole analysis of `q`: structure, warnings, retirements, and the trend `years` back and
/// forward.
pub fn analyse(
    conn: &Connection,
    q: &StructureQuery,
    cfg: &Config,
    years: u32,
) -> Result<Analysis> {
    let all = load(conn, q.unit_id)?;
    let structure = compute(&all, q, &cfg.brackets);
    let warnings = warnings_of(&all, &structure, q, &cfg.thresholds);
    let now: Vec<&Member> = all
        .iter()
        .filter(|m| m.in_post(q.as_of) && m.belongs(q.population))
        .collect();
    let limits = [1, 3, 5].map(|y| years_after(q.as_of, y));
    let mut retiring = Vec::new();
    let mut missing = 0;
    let mut by_unit: Vec<UnitRetiring> = Vec::new();
    let mut total = RetiringCounts::default();
    for m in &now {
        let Some((age, date)) = m.retirement else {
            missing += 1;
            continue;
        };
        if date <= q.as_of || date > limits[2] {
            continue;
        }
        let slot = match by_unit.iter().position(|u| u.unit_name == m.unit_name) {
            Some(i) => i,
            None => {
                by_unit.push(UnitRetiring {
                    unit_name: m.unit_name.clone(),
                    counts: RetiringCounts::default(),
                });
                by_unit.len() - 1
            }
        };
        for counts in [&mut by_unit[slot].counts, &mut total] {
            counts.within_1 += i64::from(date <= limits[0]);
            counts.within_3 += i64::from(date <= limits[1]);
            counts.within_5 += 1;
        }
        retiring.push(Retiree {
            person_id: m.id,
            employee_no: m.employee_no.clone(),
            name: m.name.clone(),
            unit_name: m.unit_name.clone(),
            birth_date: m.birth,
            age,
            date,
        });
    }
    retiring.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
    });
    by_unit.sort_by(|a, b| {
        (b.counts.within_5, b.counts.within_3, b.counts.within_1)
            .cmp(&(a.counts.within_5, a.counts.within_3, a.counts.within_1))
            .then_with(|| a.unit_name.cmp(&b.unit_name))
    });
    let overdue = retirement::overdue_of(&now, q.as_of).people;
    let trend = trend_of(&all, q, years);
    let outlook = outlook(&structure, &trend, years, missing, overdue.len());
    Ok(Analysis {
        structure,
        config: cfg.clone(),
        warnings,
        retiring,
        retiring_within: total,
        retiring_by_unit: by_unit,
        retirement_category_missing: missing,
        overdue,
        trend,
        outlook,
    })
}

fn outlook(
    s: &Structure,
    trend: &[TrendPoint],
    years: u32,
    missing: i64,
    overdue: usize,
) -> String {
    let who = s.population.label();
    let Some(end) = trend.last().filter(|p| p.projected) else {
        return String::new();
    };
    if s.headcount == 0 {
        return format!("统计日没有在职的{who}，无法预测。");
    }
    let average = match end.average_age {
        Some(a) => format!(
            "平均年龄 {a:.1} 岁（现为 {:.1} 岁）",
            s.average_age.unwrap_or_default()
        ),
        None => "将无人在职".into(),
    };
    let note = if missing > 0 {
        format!("另有 {missing} 名女职工未填退休类别，按不退休计。")
    } else {
        String::new()
    };
    // The projection lets them leave on their (past) date, the 退休 counts of the record do
    // not: say so, or the two numbers seem to disagree.
    let overdue = if overdue > 0 {
        format!("（含已过法定退休日期仍在册的 {overdue} 人）")
    } else {
        String::new()
    };
    format!(
        "如不补充新人，{years} 年后（{}）{who}{average}，现有 {} 人中 {} 人退休{overdue}。{note}",
        crate::pdf::chinese_date(end.date),
        s.headcount,
        end.retired
    )
}

/// Which people a chart's bar stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "dimension", rename_all = "snake_case")]
pub enum Slice {
    /// An age bracket (index in the pyramid), one gender or both.
    Age {
        bracket: usize,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        gender: Option<Gender>,
    },
    Education {
        label: String,
    },
    ProfessionalTitle {
        label: String,
    },
    SkillLevel {
        label: String,
    },
    PoliticalStatus {
        label: String,
    },
    /// Reaching the retirement age within this many years.
    RetiringWithin {
        years: u32,
    },
}

/// One person behind a chart, with their legal retirement date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MemberRow {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    pub gender: Gender,
    pub age: u32,
    /// 60岁3个月; None for a woman without 干部 / 工人 recorded.
    pub retirement_age: Option<String>,
    pub retirement_date: Option<NaiveDate>,
}

fn label_or_unfilled<T>(v: Option<T>, f: impl Fn(T) -> &'static str) -> &'static str {
    v.map_or(UNFILLED, f)
}

/// The people of `q` (all of them, or those behind `slice`), oldest first, each with the legal
/// retirement date.
pub fn members(
    conn: &Connection,
    q: &StructureQuery,
    cfg: &Config,
    slice: Option<&Slice>,
) -> Result<Vec<MemberRow>> {
    let all = load(conn, q.unit_id)?;
    let matches = |m: &Member, age: u32| -> bool {
        match slice {
            None => true,
            Some(Slice::Age { bracket, gender }) => {
                bracket_of(age, &cfg.brackets) == *bracket && gender.is_none_or(|g| g == m.gender)
            }
            Some(Slice::Education { label }) => {
                label_or_unfilled(m.education, education_group) == label
            }
            Some(Slice::ProfessionalTitle { label }) => {
                label_or_unfilled(m.title, TitleLevel::label) == label
            }
            Some(Slice::SkillLevel { label }) => {
                label_or_unfilled(m.skill, SkillLevel::label) == label
            }
            Some(Slice::PoliticalStatus { label }) => {
                label_or_unfilled(m.political, political_group) == label
            }
            Some(Slice::RetiringWithin { years }) => m
                .retirement
                .is_some_and(|(_, d)| d > q.as_of && d <= years_after(q.as_of, *years)),
        }
    };
    let mut rows: Vec<MemberRow> = all
        .iter()
        .filter(|m| m.in_post(q.as_of) && m.belongs(q.population))
        .filter_map(|m| {
            let age = age_on(m.birth, q.as_of);
            matches(m, age).then(|| MemberRow {
                person_id: m.id,
                employee_no: m.employee_no.clone(),
                name: m.name.clone(),
                unit_name: m.unit_name.clone(),
                gender: m.gender,
                age,
                retirement_age: m.retirement.map(|(a, _)| a.label()),
                retirement_date: m.retirement.map(|(_, d)| d),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.age
            .cmp(&a.age)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
    });
    Ok(rows)
}
