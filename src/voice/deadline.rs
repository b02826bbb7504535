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
                    format!(
                        "“{item}”不是日期，请写成 2026-10-01；调休上班日前加 +，如 +2026-10-10"
                    ),
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
    /// after `start` once a holiday list is set. `start` itself never counts. Dates past the
    /// last one chrono knows stop there instead of failing.
    pub fn add_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        match &self.working {
            None => start
                .checked_add_days(chrono::Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX),
            Some(_) => {
                let mut day = start;
                let mut left = days;
                // At most a year of days is asked for; a year has far more working days than
                // any holiday list could remove, so this ends.
                while left > 0 {
                    let Some(next) = day.succ_opt() else { break };
                    day = next;
                    if self.is_working(day) {
                        left -= 1;
                    }
                }
                day
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 国庆 2026: 1–7 October off, Saturday 10 October worked (调休).
    const NATIONAL_DAY: &str = "2026-10-01,2026-10-02,2026-10-03,2026-10-04,2026-10-05,\
                                2026-10-06,2026-10-07,+2026-10-10";

    #[test]
    fn an_empty_list_counts_calendar_days() {
        for text in ["", "  ", "\n，、 ,"] {
            assert_eq!(Calendar::parse(text).unwrap(), Calendar::default());
        }
        let c = Calendar::default();
        // Weekends and holidays count like any day.
        assert_eq!(c.add_days(d("2026-09-30"), 15), d("2026-10-15"));
        assert_eq!(c.add_days(d("2026-09-30"), 7), d("2026-10-07"));
        assert_eq!(c.add_days(d("2026-12-25"), 10), d("2027-01-04"));
        // 2028 is a leap year: 21–29 February are 9 days.
        assert_eq!(c.add_days(d("2028-02-20"), 10), d("2028-03-01"));
        assert_eq!(c.add_days(d("2026-09-30"), 0), d("2026-09-30"));
        assert!(c.is_working(d("2026-10-01")));
        assert!(c.is_working(d("2026-10-11")));
    }

    #[test]
    fn a_holiday_list_counts_working_days() {
        let c = Calendar::parse(NATIONAL_DAY).unwrap();
        let w = c.working.as_ref().unwrap();
        assert_eq!(w.holidays.len(), 7);
        assert_eq!(
            w.workdays.iter().copied().collect::<Vec<_>>(),
            [d("2026-10-10")]
        );
        assert!(!c.is_working(d("2026-10-01")), "Thursday, a holiday");
        assert!(!c.is_working(d("2026-10-07")), "Wednesday, a holiday");
        assert!(c.is_working(d("2026-10-08")), "Thursday");
        assert!(
            c.is_working(d("2026-10-10")),
            "Saturday, a make-up working day"
        );
        assert!(!c.is_working(d("2026-10-11")), "Sunday");
        assert!(!c.is_working(d("2026-10-17")), "Saturday");
        // Wednesday 30 September + 7: 8 (Thu), 9 (Fri), 10 (Sat, 调休), 12, 13, 14, 15 October.
        assert_eq!(c.add_days(d("2026-09-30"), 7), d("2026-10-15"));
        // + 15: … 15, 16, 19, 20, 21, 22, 23, 26, 27 October.
        assert_eq!(c.add_days(d("2026-09-30"), 15), d("2026-10-27"));
        // + 1 from the eve of the holidays: the first working day after them.
        assert_eq!(c.add_days(d("2026-09-30"), 1), d("2026-10-08"));
        // Received on a holiday: counting starts the next working day.
        assert_eq!(c.add_days(d("2026-10-03"), 3), d("2026-10-10"));
        assert_eq!(c.add_days(d("2026-10-03"), 4), d("2026-10-12"));
        assert_eq!(c.add_days(d("2026-10-03"), 0), d("2026-10-03"));
    }

    #[test]
    fn weekends_are_skipped_once_any_date_is_listed() {
        let c = Calendar::parse("2026-01-01").unwrap();
        // Friday 25 September + 1: Monday 28 September.
        assert_eq!(c.add_days(d("2026-09-25"), 1), d("2026-09-28"));
        // Saturday 26 September + 1: Monday as well.
        assert_eq!(c.add_days(d("2026-09-26"), 1), d("2026-09-28"));
        // Friday + 10: two whole weeks.
        assert_eq!(c.add_days(d("2026-09-25"), 10), d("2026-10-09"));
        // Over New Year: Thursday 1 January 2026 is off.
        assert_eq!(c.add_days(d("2025-12-31"), 1), d("2026-01-02"));
    }

    #[test]
    fn every_separator_people_type_is_read() {
        let c = Calendar::parse("2026-10-01，2026-10-02、2026-10-03\n+2026-10-10\t 2026-10-04")
            .unwrap();
        let w = c.working.unwrap();
        assert_eq!(w.holidays.len(), 4);
        assert!(w.workdays.contains(&d("2026-10-10")));
        // A make-up day alone is a list too: weekends no longer count.
        let c = Calendar::parse("+2026-10-10").unwrap();
        assert!(!c.is_working(d("2026-10-11")));
        assert!(c.is_working(d("2026-10-10")));
    }

    #[test]
    fn what_is_not_a_date_is_refused_in_chinese() {
        for (text, item) in [
            ("2026-10-01,2026-13-01", "2026-13-01"),
            ("10月1日", "10月1日"),
            ("2026-10-01 +", "+"),
            ("2026/10/01", "2026/10/01"),
        ] {
            let err = Calendar::parse(text).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "节假日：“{item}”不是日期，请写成 2026-10-01；调休上班日前加 +，如 +2026-10-10"
                ),
                "{text}"
            );
            assert!(check_holidays(text).is_err());
        }
        assert!(check_holidays(NATIONAL_DAY).is_ok());
    }

    #[test]
    fn the_last_date_stops_the_count_instead_of_failing() {
        assert_eq!(
            Calendar::default().add_days(NaiveDate::MAX, 10),
            NaiveDate::MAX
        );
        let c = Calendar::parse(NATIONAL_DAY).unwrap();
        assert_eq!(c.add_days(NaiveDate::MAX, 365), NaiveDate::MAX);
        let near = NaiveDate::MAX - chrono::Days::new(2);
        assert_eq!(Calendar::default().add_days(near, 365), NaiveDate::MAX);
    }
}
