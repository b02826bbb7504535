//! Legal retirement dates under the 2025 gradual reform (国务院关于渐进式延迟法定退休年龄的办法).
//!
//! From 1 January 2025 the original ages (men 60; women 55 as 干部, 50 as 工人) rise gradually:
//! for men and for women whose original age was 55, one month for every four months of birth
//! after the start, up to 63 and 58; for women whose original age was 50, one month for every two
//! months, up to 55. Someone whose original retirement month falls before 2025-01 retires at
//! the original age.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::codes::{Gender, RetirementCategory};

/// A legal retirement age, in years and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetirementAge {
    pub years: u32,
    pub months: u32,
}

impl RetirementAge {
    fn total_months(self) -> u32 {
        self.years * 12 + self.months
    }

    /// "60岁", "60岁1个月".
    pub fn label(self) -> String {
        if self.months == 0 {
            format!("{}岁", self.years)
        } else {
            format!("{}岁{}个月", self.years, self.months)
        }
    }
}

/// (original age in years, birth months per month of delay, maximum delay in months)
fn rule(gender: Gender, category: Option<RetirementCategory>) -> Option<(u32, u32, u32)> {
    match (gender, category) {
        (Gender::Male, _) => Some((60, 4, 36)),
        (Gender::Female, Some(RetirementCategory::Cadre)) => Some((55, 4, 36)),
        (Gender::Female, Some(RetirementCategory::Worker)) => Some((50, 2, 60)),
        // A woman's category decides between 55 and 50: without it there is no answer.
        (Gender::Female, None) => None,
    }
}

/// The legal retirement age of someone born in `birth`'s month. None for a woman whose
/// category (干部 / 工人) is not recorded.
pub fn retirement_age(
    birth: NaiveDate,
    gender: Gender,
    category: Option<RetirementCategory>,
) -> Option<RetirementAge> {
    let (original, per, max) = rule(gender, category)?;
    // Months counted from 2025-01 to the month the original age is reached.
    let reached = (birth.year() + original as i32) * 12 + birth.month0() as i32;
    let start = 2025 * 12;
    let delay = if reached < start {
        0
    } else {
        (((reached - start) as u32) / per + 1).min(max)
    };
    let total = original * 12 + delay;
    Some(RetirementAge {
        years: total / 12,
        months: total % 12,
    })
}

/// The date the retirement age is reached (the birthday in the month it falls in; the last
/// day of the month when that month is shorter).
pub fn retirement_date(
    birth: NaiveDate,
    gender: Gender,
    category: Option<RetirementCategory>,
) -> Option<NaiveDate> {
    let age = retirement_age(birth, gender, category)?;
    birth.checked_add_months(Months::new(age.total_months()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::RetirementCategory::{Cadre, Worker};

    fn born(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(&format!("{s}-15"), "%Y-%m-%d").unwrap()
    }

    fn age(birth: &str, g: Gender, c: Option<RetirementCategory>) -> String {
        retirement_age(born(birth), g, c).unwrap().label()
    }

    #[test]
    fn men_follow_the_four_month_rule_up_to_63() {
        assert_eq!(age("1964-12", Gender::Male, None), "60岁");
        assert_eq!(age("1965-01", Gender::Male, None), "60岁1个月");
        assert_eq!(age("1965-04", Gender::Male, None), "60岁1个月");
        assert_eq!(age("1965-05", Gender::Male, None), "60岁2个月");
        assert_eq!(age("1976-08", Gender::Male, None), "62岁11个月");
        assert_eq!(age("1976-09", Gender::Male, None), "63岁");
        assert_eq!(age("1990-01", Gender::Male, None), "63岁");
    }

    #[test]
    fn women_cadres_follow_the_four_month_rule_up_to_58() {
        assert_eq!(age("1969-12", Gender::Female, Some(Cadre)), "55岁");
        assert_eq!(age("1970-01", Gender::Female, Some(Cadre)), "55岁1个月");
        assert_eq!(age("1981-09", Gender::Female, Some(Cadre)), "58岁");
    }

    #[test]
    fn women_workers_follow_the_two_month_rule_up_to_55() {
        assert_eq!(age("1974-12", Gender::Female, Some(Worker)), "50岁");
        assert_eq!(age("1975-01", Gender::Female, Some(Worker)), "50岁1个月");
        assert_eq!(age("1975-03", Gender::Female, Some(Worker)), "50岁2个月");
        assert_eq!(age("1984-10", Gender::Female, Some(Worker)), "54岁11个月");
        assert_eq!(age("1984-11", Gender::Female, Some(Worker)), "55岁");
        assert_eq!(age("1995-06", Gender::Female, Some(Worker)), "55岁");
    }

    #[test]
    fn dates_and_unknown_categories() {
        let d = NaiveDate::from_ymd_opt(1965, 1, 31).unwrap();
        // 60 years 1 month after 31 January 1965: the last day of February 2025.
        assert_eq!(
            retirement_date(d, Gender::Male, None),
            NaiveDate::from_ymd_opt(2025, 2, 28)
        );
        assert_eq!(retirement_age(d, Gender::Female, None), None);
    }
}

/// Someone who reaches the retirement age within a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Retiree {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    /// Not sent to the UI or written as JSON: the retirement date is what lists show.
    #[serde(skip_serializing)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub birth_date: NaiveDate,
    pub age: RetirementAge,
    pub date: NaiveDate,
}

/// Who of the people in post on `as_of` (in the unit's subtree, or everyone) reaches the legal
/// retirement age within `years` years after it, soonest first; plus how many women could not
/// be placed because their category (干部 / 工人) is not recorded.
pub fn upcoming(
    conn: &rusqlite::Connection,
    filter: &crate::people::PersonFilter,
    as_of: NaiveDate,
    years: u32,
) -> crate::Result<(Vec<Retiree>, usize)> {
    let until = as_of
        .checked_add_months(Months::new(years * 12))
        .unwrap_or(as_of);
    let filter = crate::people::PersonFilter {
        include_left: true,
        ..filter.clone()
    };
    let everyone = crate::people::list(conn, &filter, 0, i64::MAX)?.items;
    let mut unknown = 0;
    let mut out = Vec::new();
    for p in everyone {
        let in_post =
            p.left_date.is_none_or(|d| d > as_of) && p.hire_date.is_none_or(|d| d <= as_of);
        if !in_post {
            continue;
        }
        let (Some(age), Some(date)) = (
            retirement_age(p.birth_date, p.gender, p.retirement_category),
            retirement_date(p.birth_date, p.gender, p.retirement_category),
        ) else {
            unknown += 1;
            continue;
        };
        if date > as_of && date <= until {
            out.push(Retiree {
                person_id: p.id,
                employee_no: p.employee_no,
                name: p.name,
                unit_name: p.unit_name,
                birth_date: p.birth_date,
                age,
                date,
            });
        }
    }
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
    });
    Ok((out, unknown))
}

/// Someone still in post by the record on a date that is on or after their legal retirement
/// date: the record is most likely out of date (nobody entered the 离职).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overdue {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    pub gender: Gender,
    /// The legal retirement age.
    pub age: RetirementAge,
    /// The legal retirement date: the 离职 date 办理退休 records.
    pub date: NaiveDate,
}

/// People in post past their legal retirement date, and the women who could not be judged.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OverdueList {
    /// Longest overdue first.
    pub people: Vec<Overdue>,
    /// Women in post without 干部 / 工人 recorded: whether they are past the date is unknown,
    /// so they are counted here and not listed.
    pub retirement_category_missing: i64,
}

/// Why `m` may not be retired on `today`, or the legal retirement age and date to record.
fn retirement_due(
    m: &super::Member,
    today: NaiveDate,
) -> std::result::Result<(RetirementAge, NaiveDate), crate::error::PersonError> {
    use crate::error::PersonError;
    let Some((age, date)) = m.retirement else {
        return Err(PersonError::RetirementCategoryMissing { who: m.who() });
    };
    if date > today {
        return Err(PersonError::NotYetRetirementDate {
            who: m.who(),
            date: crate::pdf::chinese_date(date),
        });
    }
    // Someone hired after reaching the age was taken on again (返聘): being in post is what
    // the record means, not an omission, and a 离职 before the hire date cannot be recorded.
    if m.hire.is_some_and(|h| h > date) {
        return Err(PersonError::HiredAfterRetirementDate {
            who: m.who(),
            date: crate::pdf::chinese_date(date),
        });
    }
    Ok((age, date))
}

/// Who of `now` (people in post on `as_of`) is past the legal retirement date, longest overdue
/// first. The structure figures keep counting them, as the record says they are in post; this
/// list is the data warning that the record is probably out of date.
pub(super) fn overdue_of(now: &[&super::Member], as_of: NaiveDate) -> OverdueList {
    let mut out = OverdueList::default();
    for m in now {
        match retirement_due(m, as_of) {
            // A 离职 already entered for a later day: the record is not out of date.
            Ok(_) if m.left.is_some() => {}
            Ok((age, date)) => out.people.push(Overdue {
                person_id: m.id,
                employee_no: m.employee_no.clone(),
                name: m.name.clone(),
                unit_name: m.unit_name.clone(),
                gender: m.gender,
                age,
                date,
            }),
            Err(crate::error::PersonError::RetirementCategoryMissing { .. }) => {
                out.retirement_category_missing += 1
            }
            Err(_) => {}
        }
    }
    out.people.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
    });
    out
}

/// Everyone in post on `as_of` in the unit's subtree (or the whole company) whose legal
/// retirement date is on or before `as_of`, longest overdue first, with the women whose
/// category is not recorded counted apart.
pub fn overdue(
    conn: &rusqlite::Connection,
    unit_id: Option<i64>,
    as_of: NaiveDate,
) -> crate::Result<OverdueList> {
    let all = super::load(conn, unit_id)?;
    let now: Vec<&super::Member> = all.iter().filter(|m| m.in_post(as_of)).collect();
    Ok(overdue_of(&now, as_of))
}

/// 办理退休: records the 离职 of each of `ids` on their legal retirement date with the reason
/// 退休, all of them or (on the first refusal) none: the caller's transaction rolls back.
/// Refused, naming the person: someone already left, not yet at the date on `today`, a woman
/// without 干部 / 工人, or someone hired after the date. Returns who was retired, in the order
/// given.
pub fn retire(tx: &crate::Tx, ids: &[i64], today: NaiveDate) -> crate::Result<Vec<Overdue>> {
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<i64> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
    if ids.is_empty() {
        return Err(crate::Error::invalid("人员", "请选择要办理退休的人员"));
    }
    let notes_before = tx.notes_len();
    let mut done = Vec::with_capacity(ids.len());
    for id in ids {
        let m = super::load_one(tx, id)?;
        if let Some(left) = m.left {
            return Err(crate::error::PersonError::AlreadyLeft {
                who: m.who(),
                date: left.to_string(),
            }
            .into());
        }
        let (age, date) = retirement_due(&m, today)?;
        crate::people::leave(tx, id, date, Some("退休"))?;
        done.push(Overdue {
            person_id: m.id,
            employee_no: m.employee_no,
            name: m.name,
            unit_name: m.unit_name,
            gender: m.gender,
            age,
            date,
        });
    }
    // One line for the whole batch instead of one per person; no dates (they would tell the
    // birth month).
    tx.truncate_notes(notes_before);
    const NAMED: usize = 20;
    let names: Vec<String> = done
        .iter()
        .take(NAMED)
        .map(|o| crate::people::tag(o.employee_no.as_deref(), &o.name))
        .collect();
    let more = if done.len() > NAMED { " 等" } else { "" };
    tx.note(format!(
        "办理退休 {} 人：{}{more}",
        done.len(),
        names.join("、")
    ));
    Ok(done)
}
