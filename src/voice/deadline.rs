//! Deadlines of concerns: calendar days, or — once a holiday list is set in 设置 — working days
//! (Monday to Friday, minus the listed holidays, plus the listed make-up working days 调休).

use std::collections::BTreeSet;

use chrono::NaiveDate;

/// 设置: the holiday list. Dates separated by commas, spaces or new lines; a date preceded by
/// `+` is a make-up working day (a weekend day worked, 调休). Empty: deadlines count calendar
/// days.
pub const HOLIDAYS: crate::settings::Key = crate::settings::Key {
    name: "voice.holidays",
    label: "节假日（诉求办理期限按工作日计算）",
    check: check_holidays,
};

fn check_holidays(v: &str) -> crate::Result<()> {
    Calendar::parse(v).map(|_| ())
}

/// How deadlines are counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// None: calendar days.
    pub working: Option<WorkingDays>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingDays {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Reads the holiday list as 设置 keeps it; empty text: calendar days.
    pub fn parse(text: &str) -> crate::Result<Calendar> {
        let mut days = WorkingDays::default();
        let mut any = false;
        for item in text
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let (workday, date) = match item.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, item),
            };
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
                crate::Error::invalid(
                    "节假日",
                    format!("“{item}”不是日期，请写成 2026-10-01；调休上班日前加 +，如 +2026-10-10"),
                )
            })?;
            if workday {
                days.workdays.insert(day);
            } else {
                days.holidays.insert(day);
            }
            any = true;
        }
        Ok(Calendar {
            working: any.then_some(days),
        })
    }

    /// The calendar 设置 holds.
    pub fn load(conn: &rusqlite::Connection) -> crate::Result<Calendar> {
        match crate::settings::get(conn, HOLIDAYS.name)? {
            Some(text) => Calendar::parse(&text),
            None => Ok(Calendar::default()),
        }
    }

    /// Is `day` a working day (always true for calendar days).
    pub fn is_working(&self, day: NaiveDate) -> bool {
        use chrono::Datelike;
        match &self.working {
            None => true,
            Some(w) => {
                if w.workdays.contains(&day) {
                    return true;
                }
                let weekend = day.weekday().number_from_monday() > 5;
                !weekend && !w.holidays.contains(&day)
            }
        }
    }

    /// The deadline `days` days after `start`: calendar days, or the `days`-th working day
    /// after `start` once a holiday list is set.
    pub fn add_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        match &self.working {
            None => start + chrono::Days::new(u64::from(days)),
            Some(_) => {
                let mut day = start;
                let mut left = days;
                // At most a year of days is asked for; a year has far more working days than
                // any holiday list could remove, so this ends.
                while left > 0 {
                    day = day.succ_opt().unwrap_or(day);
                    if self.is_working(day) {
                        left -= 1;
                    }
                }
                day
            }
        }
    }
}
