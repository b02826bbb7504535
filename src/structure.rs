//! 队伍结构: the age and qualification structure of the staff (or of the 政工干部 …) of a unit,
//! as of a date. Ages are never stored: always computed for the date asked.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::codes::{Education, Gender, PoliticalStatus, ProfessionalTitle, SkillLevel};
use crate::error::Result;
use crate::people::PersonFilter;

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
    pub pyramid: Vec<PyramidRow>,
    pub education: Vec<Share>,
    pub professional_title: Vec<Share>,
    pub skill_level: Vec<Share>,
    pub political_status: Vec<Share>,
}

struct Member {
    age: u32,
    gender: Gender,
    education: Option<Education>,
    title: Option<ProfessionalTitle>,
    skill: Option<SkillLevel>,
    political: Option<PoliticalStatus>,
}

/// The people of the population in post on `as_of`: hired by then (or no hire date) and not
/// yet left.
const MEMBERS_SQL: &str = "SELECT p.birth_date, p.gender, p.education, p.professional_title,
        p.skill_level, p.political_status
   FROM person p
  WHERE {FILTER} AND p.birth_date <= ?{D}
    AND (p.hire_date IS NULL OR p.hire_date <= ?{D})
    AND (p.left_date IS NULL OR p.left_date > ?{D})";

fn members(conn: &Connection, q: &StructureQuery) -> Result<Vec<Member>> {
    let (clause, mut values) = q.population.filter(q.unit_id).to_sql();
    values.push(Value::Text(q.as_of.to_string()));
    let sql = MEMBERS_SQL
        .replace("{FILTER}", &clause)
        .replace("{D}", &values.len().to_string());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
        let birth: NaiveDate = r.get(0)?;
        Ok(Member {
            age: age_on(birth, q.as_of),
            gender: r.get(1)?,
            education: r.get(2)?,
            title: r.get(3)?,
            skill: r.get(4)?,
            political: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts per label in `order`, then 未填写 when some have none; empty labels are kept so
/// charts have stable categories.
fn shares<T: Copy>(
    members: &[Member],
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
        counts.push(("未填写".into(), missing));
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
    let members = members(conn, q)?;
    let n = members.len();
    let mut ages: Vec<u32> = members.iter().map(|m| m.age).collect();
    ages.sort_unstable();
    let share_of = |pred: &dyn Fn(u32) -> bool| {
        (n > 0).then(|| ages.iter().filter(|&&a| pred(a)).count() as f64 / n as f64)
    };
    let median_age = (n > 0).then(|| {
        if n % 2 == 1 {
            f64::from(ages[n / 2])
        } else {
            f64::from(ages[n / 2 - 1] + ages[n / 2]) / 2.0
        }
    });
    let mut pyramid: Vec<PyramidRow> = bracket_labels(upper_bounds)
        .into_iter()
        .map(|label| PyramidRow {
            label,
            male: 0,
            female: 0,
        })
        .collect();
    for m in &members {
        let i = upper_bounds
            .iter()
            .position(|&u| m.age <= u)
            .unwrap_or(upper_bounds.len());
        match m.gender {
            Gender::Male => pyramid[i].male += 1,
            Gender::Female => pyramid[i].female += 1,
        }
    }
    Ok(Structure {
        as_of: q.as_of,
        population: q.population,
        headcount: n as i64,
        average_age: (n > 0).then(|| ages.iter().map(|&a| f64::from(a)).sum::<f64>() / n as f64),
        median_age,
        share_35_and_under: share_of(&|a| a <= 35),
        share_50_and_over: share_of(&|a| a >= 50),
        pyramid,
        education: shares(
            &members,
            |m| m.education,
            education_group,
            &["研究生", "本科", "大专", "中专及以下"],
        ),
        professional_title: shares(
            &members,
            |m| m.title,
            ProfessionalTitle::label,
            &ProfessionalTitle::ALL
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>(),
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
            &[
                "中共党员",
                "中共预备党员",
                "共青团员",
                "民主党派",
                "无党派人士",
                "群众",
            ],
        ),
    })
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

/// When a structure warning is raised (editable in 设置 later).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// 老龄化: share aged 50 and over above this.
    pub ageing_share_50: f64,
    /// 退休高峰: share reaching retirement age within 3 years above this.
    pub retirement_peak_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ageing_share_50: 0.40,
            retirement_peak_share: 0.20,
        }
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

/// The warnings for `q` (老龄化, 断层, 后备不足, 退休高峰), each with the numbers behind it.
pub fn warnings(conn: &Connection, q: &StructureQuery, t: &Thresholds) -> Result<Vec<Warning>> {
    let s = snapshot(conn, q)?;
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
    let count = |population| -> Result<i64> {
        Ok(snapshot(
            conn,
            &StructureQuery {
                population,
                ..q.clone()
            },
        )?
        .headcount)
    };
    let (cadres, reserves) = (count(Population::Cadres)?, count(Population::Reserve)?);
    if reserves < cadres {
        out.push(Warning {
            code: "reserve_shortage",
            title: "后备不足",
            message: format!("后备人才 {reserves} 人，少于政工干部 {cadres} 人"),
        });
    }
    if s.headcount > 0 {
        let filter = q.population.filter(q.unit_id);
        let (retiring, _) = crate::retirement::upcoming(conn, &filter, q.as_of, 3)?;
        let share = retiring.len() as f64 / s.headcount as f64;
        if share > t.retirement_peak_share {
            out.push(Warning {
                code: "retirement_peak",
                title: "退休高峰",
                message: format!(
                    "今后 3 年将有 {} 人达到退休年龄，占 {}（高于 {}）",
                    retiring.len(),
                    pct(share),
                    pct(t.retirement_peak_share)
                ),
            });
        }
    }
    Ok(out)
}
