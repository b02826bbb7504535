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
    pub employee_no: String,
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
