//! 队伍结构: the age and qualification structure of the staff (or of the 政工干部 …) of a unit,
//! as of a date. Ages are never stored: always computed for the date asked.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

use crate::codes::{
    Education, Gender, PoliticalStatus, ProfessionalTitle, RetirementCategory, SkillLevel,
};
use crate::error::Result;
use crate::people::PersonFilter;
use crate::retirement::{self, Retiree, RetirementAge};

/// Whose structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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

fn bracket_labels(upper: &[u32]) -> Vec<String> {
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
pub struct PyramidRow {
    pub label: String,
    pub male: i64,
    pub female: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub label: String,
    pub count: i64,
    /// 0–1 of the headcount.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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
    employee_no: String,
    name: String,
    unit_name: String,
    birth: NaiveDate,
    gender: Gender,
    hire: Option<NaiveDate>,
    left: Option<NaiveDate>,
    education: Option<Education>,
    title: Option<ProfessionalTitle>,
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
    let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
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
            title: r.get(10)?,
            skill: r.get(11)?,
            political: r.get(12)?,
            cadre: r.get(13)?,
            reserve: r.get(14)?,
            retirement,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
    let labels = |all: &[ProfessionalTitle]| all.iter().map(|t| t.label()).collect::<Vec<_>>();
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
            ProfessionalTitle::label,
            &labels(ProfessionalTitle::ALL),
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

/// When a structure warning is raised; editable in 设置.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// 老龄化: share aged 50 and over above this.
    pub ageing_share_50: f64,
    /// 后备不足: fewer 后备人才 per 政工干部 than this.
    pub reserve_per_cadre: f64,
    /// 退休高峰: share reaching retirement age within 3 years above this.
    pub retirement_peak_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ageing_share_50: 0.40,
            reserve_per_cadre: 1.0,
            retirement_peak_share: 0.20,
        }
    }
}

/// The age brackets and warning thresholds in use (from 设置, else the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Upper bounds of the age brackets but the last, ascending.
    pub brackets: Vec<u32>,
    pub thresholds: Thresholds,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            brackets: DEFAULT_BRACKETS.to_vec(),
            thresholds: Thresholds::default(),
        }
    }
}

impl Config {
    /// What 设置 holds, with the defaults for anything not set.
    pub fn load(conn: &Connection) -> Result<Config> {
        crate::settings::structure_config(conn)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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
fn years_after(date: NaiveDate, years: u32) -> NaiveDate {
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
}

/// The indicators on one date of the trend or the projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
pub struct RetiringCounts {
    pub within_1: i64,
    pub within_3: i64,
    pub within_5: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRetiring {
    pub unit_name: String,
    #[serde(flatten)]
    pub counts: RetiringCounts,
}

/// Everything the 队伍结构 screen, report and command show.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    let trend = trend_of(&all, q, years);
    let outlook = outlook(&structure, &trend, years, missing);
    Ok(Analysis {
        structure,
        config: cfg.clone(),
        warnings,
        retiring,
        retiring_within: total,
        retiring_by_unit: by_unit,
        retirement_category_missing: missing,
        trend,
        outlook,
    })
}

fn outlook(s: &Structure, trend: &[TrendPoint], years: u32, missing: i64) -> String {
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
    format!(
        "如不补充新人，{years} 年后（{}）{who}{average}，现有 {} 人中 {} 人退休。{note}",
        crate::pdf::chinese_date(end.date),
        s.headcount,
        end.retired
    )
}

/// Which people a chart's bar stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dimension", rename_all = "snake_case")]
pub enum Slice {
    /// An age bracket (index in the pyramid), one gender or both.
    Age {
        bracket: usize,
        #[serde(default)]
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
pub struct MemberRow {
    pub person_id: i64,
    pub employee_no: String,
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
                label_or_unfilled(m.title, ProfessionalTitle::label) == label
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ages_turn_on_the_birthday_and_29_february_on_1_march() {
        assert_eq!(age_on(d("1990-11-24"), d("2025-11-23")), 34);
        assert_eq!(age_on(d("1990-11-24"), d("2025-11-24")), 35);
        assert_eq!(age_on(d("2000-02-29"), d("2025-02-28")), 24);
        assert_eq!(age_on(d("2000-02-29"), d("2025-03-01")), 25);
        assert_eq!(age_on(d("2000-02-29"), d("2024-02-29")), 24);
        assert_eq!(age_on(d("2030-01-01"), d("2025-01-01")), 0);
    }

    #[test]
    fn bracket_labels_follow_the_bounds() {
        assert_eq!(
            bracket_labels(&DEFAULT_BRACKETS),
            [
                "30岁及以下",
                "31–35岁",
                "36–40岁",
                "41–45岁",
                "46–50岁",
                "51–55岁",
                "56岁及以上"
            ]
        );
    }
}
