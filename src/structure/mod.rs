//! 队伍结构: the age and qualification structure of the staff (or of the 政工干部 …) of a unit,
//! as of a date. Ages are never stored: always computed for the date asked.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

use self::retirement::RetirementAge;
use crate::codes::{
    Education, Gender, PoliticalStatus, RetirementCategory, SkillLevel, TitleLevel,
};
use crate::error::Result;
use crate::people::PersonFilter;

mod analysis;
pub mod config;
pub mod export;
pub mod retirement;
#[cfg(test)]
mod tests;

pub use analysis::*;
pub use config::{Config, Thresholds};

/// Whose structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Population {
    /// Everyone in post.
    #[default]
    All,
    /// 政工干部.
    Cadres,
    /// 后备人才.
    Reserve,
    /// 中共党员 (with 预备党员).
    Party,
}

impl Population {
    pub fn label(self) -> &'static str {
        match self {
            Population::All => "全体在职职工",
            Population::Cadres => "政工干部",
            Population::Reserve => "后备人才",
            Population::Party => "中共党员",
        }
    }

    /// The people of this population in the unit's subtree (or everyone), whether in post or not.
    pub fn filter(self, unit_id: Option<i64>) -> PersonFilter {
        PersonFilter {
            unit_id,
            include_left: true, // who was in post on the date is decided below
            political_cadre: (self == Population::Cadres).then_some(true),
            reserve_talent: (self == Population::Reserve).then_some(true),
            party_member: (self == Population::Party).then_some(true),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StructureQuery {
    pub unit_id: Option<i64>,
    pub population: Population,
    pub as_of: NaiveDate,
}

/// Age in full years (周岁) on `date`: one is 35 on one's 35th birthday. Someone born on
/// 29 February has the birthday on 1 March in common years.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> u32 {
    let years = date.year() - birth.year();
    let before_birthday = (date.month(), date.day()) < (birth.month(), birth.day());
    (years - i32::from(before_birthday)).max(0) as u32
}

/// Default age brackets: 30岁及以下, 31–35, 36–40, 41–45, 46–50, 51–55, 56岁及以上, given by
/// the upper bound of each but the last.
pub const DEFAULT_BRACKETS: [u32; 6] = [30, 35, 40, 45, 50, 55];

pub(crate) fn bracket_labels(upper: &[u32]) -> Vec<String> {
    let mut labels = Vec::with_capacity(upper.len() + 1);
    let mut low = 0;
    for (i, &u) in upper.iter().enumerate() {
        labels.push(if i == 0 {
            format!("{u}岁及以下")
        } else {
            format!("{low}–{u}岁")
        });
        low = u + 1;
    }
    labels.push(format!("{low}岁及以上"));
    labels
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PyramidRow {
    pub label: String,
    pub male: i64,
    pub female: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Share {
    pub label: String,
    pub count: i64,
    /// 0–1 of the headcount.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Structure {
    pub as_of: NaiveDate,
    pub population: Population,
    pub headcount: i64,
    pub average_age: Option<f64>,
    pub median_age: Option<f64>,
    pub share_35_and_under: Option<f64>,
    pub share_50_and_over: Option<f64>,
    /// 政工干部 and 后备人才 in post in the unit on the date, whatever the population.
    pub cadres: i64,
    pub reserves: i64,
    /// 后备人才 per 政工干部 (None without cadres).
    pub reserve_per_cadre: Option<f64>,
    pub pyramid: Vec<PyramidRow>,
    pub education: Vec<Share>,
    pub professional_title: Vec<Share>,
    pub skill_level: Vec<Share>,
    pub political_status: Vec<Share>,
}

/// One person as the structure sees them.
#[derive(Debug, Clone)]
struct Member {
    id: i64,
    employee_no: Option<String>,
    name: String,
    unit_name: String,
    birth: NaiveDate,
    gender: Gender,
    hire: Option<NaiveDate>,
    left: Option<NaiveDate>,
    education: Option<Education>,
    title: Option<TitleLevel>,
    skill: Option<SkillLevel>,
    political: Option<PoliticalStatus>,
    cadre: bool,
    reserve: bool,
    /// The legal retirement age and date; None for a woman without 干部 / 工人 recorded.
    retirement: Option<(RetirementAge, NaiveDate)>,
}

impl Member {
    /// Born, hired by then (or no hire date) and not yet left.
    fn in_post(&self, date: NaiveDate) -> bool {
        self.birth <= date
            && self.hire.is_none_or(|h| h <= date)
            && self.left.is_none_or(|l| l > date)
    }

    fn belongs(&self, population: Population) -> bool {
        match population {
            Population::All => true,
            Population::Cadres => self.cadre,
            Population::Reserve => self.reserve,
            Population::Party => self.political.is_some_and(|p| p.is_party_member()),
        }
    }

    fn who(&self) -> String {
        crate::people::who(self.employee_no.as_deref(), &self.name)
    }

    fn retires_by(&self, date: NaiveDate) -> bool {
        self.retirement.is_some_and(|(_, d)| d <= date)
    }
}

const MEMBERS_SQL: &str = "SELECT p.id, p.employee_no, p.name, u.name, p.birth_date, p.gender,
        p.hire_date, p.left_date, p.retirement_category, p.education, p.professional_title,
        p.skill_level, p.political_status, p.political_cadre, p.reserve_talent
   FROM person p JOIN unit u ON u.id = p.unit_id
  WHERE {FILTER}";

/// Everyone who was ever on the staff of the unit's subtree (or of the company), people who
/// left included: loaded once, so the structure on any date, the trend and the projection are
/// computed in memory from the same rows.
fn load(conn: &Connection, unit_id: Option<i64>) -> Result<Vec<Member>> {
    let (clause, values) = Population::All.filter(unit_id).to_sql();
    let mut stmt = conn.prepare(&MEMBERS_SQL.replace("{FILTER}", &clause))?;
    let rows = stmt.query_map(params_from_iter(values.iter()), member_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One person as the structure sees them (for 办理退休).
fn load_one(conn: &Connection, person_id: i64) -> Result<Member> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        &MEMBERS_SQL.replace("{FILTER}", "p.id = ?1"),
        [person_id],
        member_from_row,
    )
    .optional()?
    .ok_or_else(|| crate::Error::not_found("职工", person_id))
}

fn member_from_row(r: &rusqlite::Row) -> rusqlite::Result<Member> {
    let birth: NaiveDate = r.get(4)?;
    let gender: Gender = r.get(5)?;
    let category: Option<RetirementCategory> = r.get(8)?;
    let retirement = retirement::retirement_age(birth, gender, category)
        .zip(retirement::retirement_date(birth, gender, category));
    Ok(Member {
        id: r.get(0)?,
        employee_no: r.get(1)?,
        name: r.get(2)?,
        unit_name: r.get(3)?,
        birth,
        gender,
        hire: r.get(6)?,
        left: r.get(7)?,
        education: r.get(9)?,
        title: r
            .get::<_, Option<String>>(10)?
            .as_deref()
            .and_then(crate::titles::level_of),
        skill: r.get(11)?,
        political: r.get(12)?,
        cadre: r.get(13)?,
        reserve: r.get(14)?,
        retirement,
    })
}

/// Counts per label in `order`, then 未填写 when some have none; empty labels are kept so
/// charts have stable categories.
fn shares<T: Copy>(
    members: &[&Member],
    value: impl Fn(&Member) -> Option<T>,
    label: impl Fn(T) -> &'static str,
    order: &[&'static str],
) -> Vec<Share> {
    let total = members.len() as f64;
    let mut counts: Vec<(String, i64)> = order.iter().map(|l| (l.to_string(), 0)).collect();
    let mut missing = 0;
    for m in members {
        match value(m) {
            Some(v) => {
                let l = label(v);
                if let Some(slot) = counts.iter_mut().find(|(name, _)| name == l) {
                    slot.1 += 1;
                }
            }
            None => missing += 1,
        }
    }
    if missing > 0 {
        counts.push((UNFILLED.into(), missing));
    }
    counts
        .into_iter()
        .map(|(label, count)| Share {
            label,
            count,
            share: if total > 0.0 {
                count as f64 / total
            } else {
                0.0
            },
        })
        .collect()
}

const UNFILLED: &str = "未填写";

fn education_group(e: Education) -> &'static str {
    match e {
        Education::Postgraduate => "研究生",
        Education::Bachelor => "本科",
        Education::College => "大专",
        _ => "中专及以下",
    }
}

fn political_group(p: PoliticalStatus) -> &'static str {
    match p {
        PoliticalStatus::CpcMember => "中共党员",
        PoliticalStatus::CpcProbationary => "中共预备党员",
        PoliticalStatus::YouthLeague => "共青团员",
        PoliticalStatus::NonParty => "无党派人士",
        PoliticalStatus::Masses => "群众",
        _ => "民主党派",
    }
}

const EDUCATION_GROUPS: [&str; 4] = ["研究生", "本科", "大专", "中专及以下"];
const POLITICAL_GROUPS: [&str; 6] = [
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民主党派",
    "无党派人士",
    "群众",
];

/// The index of `age`'s bracket.
fn bracket_of(age: u32, upper_bounds: &[u32]) -> usize {
    upper_bounds
        .iter()
        .position(|&u| age <= u)
        .unwrap_or(upper_bounds.len())
}

/// Headcount and the age indicators of people aged `ages` (any order).
struct AgeStats {
    headcount: i64,
    average: Option<f64>,
    median: Option<f64>,
    young: Option<f64>,
    old: Option<f64>,
}

fn age_stats(mut ages: Vec<u32>) -> AgeStats {
    ages.sort_unstable();
    let n = ages.len();
    let share_of = |pred: &dyn Fn(u32) -> bool| {
        (n > 0).then(|| ages.iter().filter(|&&a| pred(a)).count() as f64 / n as f64)
    };
    AgeStats {
        headcount: n as i64,
        average: (n > 0).then(|| ages.iter().map(|&a| f64::from(a)).sum::<f64>() / n as f64),
        median: (n > 0).then(|| {
            if n % 2 == 1 {
                f64::from(ages[n / 2])
            } else {
                f64::from(ages[n / 2 - 1] + ages[n / 2]) / 2.0
            }
        }),
        young: share_of(&|a| a <= 35),
        old: share_of(&|a| a >= 50),
    }
}

fn compute(all: &[Member], q: &StructureQuery, upper_bounds: &[u32]) -> Structure {
    let in_post: Vec<&Member> = all.iter().filter(|m| m.in_post(q.as_of)).collect();
    let members: Vec<&Member> = in_post
        .iter()
        .copied()
        .filter(|m| m.belongs(q.population))
        .collect();
    let cadres = in_post.iter().filter(|m| m.cadre).count() as i64;
    let reserves = in_post.iter().filter(|m| m.reserve).count() as i64;
    let ages: Vec<u32> = members.iter().map(|m| age_on(m.birth, q.as_of)).collect();
    let mut pyramid: Vec<PyramidRow> = bracket_labels(upper_bounds)
        .into_iter()
        .map(|label| PyramidRow {
            label,
            male: 0,
            female: 0,
        })
        .collect();
    for (m, &age) in members.iter().zip(&ages) {
        let row = &mut pyramid[bracket_of(age, upper_bounds)];
        match m.gender {
            Gender::Male => row.male += 1,
            Gender::Female => row.female += 1,
        }
    }
    let stats = age_stats(ages);
    let labels = |all: &[TitleLevel]| all.iter().map(|t| t.label()).collect::<Vec<_>>();
    Structure {
        as_of: q.as_of,
        population: q.population,
        headcount: stats.headcount,
        average_age: stats.average,
        median_age: stats.median,
        share_35_and_under: stats.young,
        share_50_and_over: stats.old,
        cadres,
        reserves,
        reserve_per_cadre: (cadres > 0).then(|| reserves as f64 / cadres as f64),
        pyramid,
        education: shares(
            &members,
            |m| m.education,
            education_group,
            &EDUCATION_GROUPS,
        ),
        professional_title: shares(
            &members,
            |m| m.title,
            TitleLevel::label,
            &labels(TitleLevel::ALL),
        ),
        skill_level: shares(
            &members,
            |m| m.skill,
            SkillLevel::label,
            &SkillLevel::ALL
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>(),
        ),
        political_status: shares(
            &members,
            |m| m.political,
            political_group,
            &POLITICAL_GROUPS,
        ),
    }
}

/// The structure of `q.population` in `q.unit_id`'s subtree (or the whole company) on
/// `q.as_of`, with the default age brackets.
pub fn snapshot(conn: &Connection, q: &StructureQuery) -> Result<Structure> {
    snapshot_with_brackets(conn, q, &DEFAULT_BRACKETS)
}

/// As [`snapshot`], with age brackets given by their upper bounds (ascending).
pub fn snapshot_with_brackets(
    conn: &Connection,
    q: &StructureQuery,
    upper_bounds: &[u32],
) -> Result<Structure> {
    Ok(compute(&load(conn, q.unit_id)?, q, upper_bounds))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// ageing, gap, reserve_shortage, retirement_peak
    pub code: &'static str,
    /// 老龄化, 断层, 后备不足, 退休高峰
    pub title: &'static str,
    pub message: String,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Years after `date`, on the same day of the year (28 February for 29 February).
pub(crate) fn years_after(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years * 12))
        .unwrap_or(date)
}

fn warnings_of(all: &[Member], s: &Structure, q: &StructureQuery, t: &Thresholds) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(share) = s.share_50_and_over.filter(|&x| x > t.ageing_share_50) {
        out.push(Warning {
            code: "ageing",
            title: "老龄化",
            message: format!(
                "50岁及以上占 {}（高于 {}），平均年龄 {:.1} 岁",
                pct(share),
                pct(t.ageing_share_50),
                s.average_age.unwrap_or_default()
            ),
        });
    }
    let occupied: Vec<bool> = s.pyramid.iter().map(|r| r.male + r.female > 0).collect();
    let first = occupied.iter().position(|&o| o);
    let last = occupied.iter().rposition(|&o| o);
    if let (Some(first), Some(last)) = (first, last) {
        let gaps: Vec<&str> = (first..=last)
            .filter(|&i| !occupied[i])
            .map(|i| s.pyramid[i].label.as_str())
            .collect();
        if !gaps.is_empty() {
            out.push(Warning {
                code: "gap",
                title: "断层",
                message: format!("{} 没有人，年龄结构出现断层", gaps.join("、")),
            });
        }
    }
    if (s.reserves as f64) < s.cadres as f64 * t.reserve_per_cadre {
        let message = if t.reserve_per_cadre == 1.0 {
            format!("后备人才 {} 人，少于政工干部 {} 人", s.reserves, s.cadres)
        } else {
            format!(
                "后备人才 {} 人、政工干部 {} 人，每名政工干部不足 {} 名后备",
                s.reserves,
                s.cadres,
                format_ratio(t.reserve_per_cadre)
            )
        };
        out.push(Warning {
            code: "reserve_shortage",
            title: "后备不足",
            message,
        });
    }
    if s.headcount > 0 {
        let until = years_after(q.as_of, 3);
        let retiring = all
            .iter()
            .filter(|m| m.in_post(q.as_of) && m.belongs(q.population))
            .filter(|m| m.retirement.is_some_and(|(_, d)| d > q.as_of && d <= until))
            .count();
        let share = retiring as f64 / s.headcount as f64;
        if share > t.retirement_peak_share {
            out.push(Warning {
                code: "retirement_peak",
                title: "退休高峰",
                message: format!(
                    "今后 3 年将有 {retiring} 人达到退休年龄，占 {}（高于 {}）",
                    pct(share),
                    pct(t.retirement_peak_share)
                ),
            });
        }
    }
    out
}

fn format_ratio(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The warnings for `q` (老龄化, 断层, 后备不足, 退休高峰), each with the numbers behind it.
pub fn warnings(conn: &Connection, q: &StructureQuery, cfg: &Config) -> Result<Vec<Warning>> {
    Ok(Staff::load(conn, q.unit_id)?.warnings(q, cfg))
}

/// The staff of a unit's subtree (or of the company) read once, for several structures or
/// warnings without reading again (the 工作台 shows several populations).
pub struct Staff(Vec<Member>);

impl Staff {
    pub fn load(conn: &Connection, unit_id: Option<i64>) -> Result<Staff> {
        Ok(Staff(load(conn, unit_id)?))
    }

    /// The structure for `q`; `q.unit_id` must be the unit the staff was loaded for.
    pub fn structure(&self, q: &StructureQuery, upper_bounds: &[u32]) -> Structure {
        compute(&self.0, q, upper_bounds)
    }

    /// The warnings for `q`, as [`warnings`].
    pub fn warnings(&self, q: &StructureQuery, cfg: &Config) -> Vec<Warning> {
        let s = compute(&self.0, q, &cfg.brackets);
        warnings_of(&self.0, &s, q, &cfg.thresholds)
    }

    /// Everyone in post on `as_of` past the legal retirement date, as [`retirement::overdue`].
    pub fn overdue(&self, as_of: NaiveDate) -> retirement::OverdueList {
        let now: Vec<&Member> = self.0.iter().filter(|m| m.in_post(as_of)).collect();
        retirement::overdue_of(&now, as_of)
    }
}
