//! Dates and times as people type them on the command line and in forms.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::codes::fold_input;
use crate::error::{Error, Result};

/// 2026-03-12, 2026/3/12, 2026.3.12, 20260312, 2026年3月12日 (full-width digits are folded).
pub fn parse_date(field: &'static str, input: &str) -> Result<NaiveDate> {
    let s = fold_input(input);
    let digits_only = s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit());
    let parsed = if digits_only {
        NaiveDate::parse_from_str(&s, "%Y%m%d").ok()
    } else {
        let parts: Vec<&str> = s
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => match (y.parse(), m.parse(), d.parse()) {
                (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            },
            _ => None,
        }
    };
    parsed.ok_or_else(|| {
        Error::invalid(
            field,
            format!("“{}”不是有效日期，请写成 2026-03-12 的形式", input.trim()),
        )
    })
}

/// A date and a time: "2026-03-12 09:00" (seconds optional; 'T' accepted for the space).
pub fn parse_datetime(field: &'static str, input: &str) -> Result<NaiveDateTime> {
    let s = input.trim().replace('T', " ");
    let bad = || {
        Error::invalid(
            field,
            format!(
                "“{}”不是有效时间，请写成 2026-03-12 09:00 的形式",
                input.trim()
            ),
        )
    };
    let (date, time) = s.split_once(' ').ok_or_else(bad)?;
    let date = parse_date(field, date).map_err(|_| bad())?;
    let time = fold_input(time);
    let time = NaiveTime::parse_from_str(&time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(&time, "%H:%M"))
        .map_err(|_| bad())?;
    Ok(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_date_forms_parse() {
        let d = NaiveDate::from_ymd_opt(1985, 3, 12).unwrap();
        for s in [
            "1985-03-12",
            "1985/3/12",
            "1985.3.12",
            "19850312",
            "1985年3月12日",
            "１９８５-０３-１２",
        ] {
            assert_eq!(parse_date("出生日期", s).unwrap(), d, "{s}");
        }
        let err = parse_date("出生日期", "1985-02-30").unwrap_err();
        assert_eq!(
            err.to_string(),
            "出生日期：“1985-02-30”不是有效日期，请写成 2026-03-12 的形式"
        );
        assert!(parse_date("出生日期", "85-3-12").is_err());
    }

    #[test]
    fn date_times_parse_with_or_without_seconds() {
        let t = parse_datetime("开始时间", "2026-03-12 09:05").unwrap();
        assert_eq!(t.to_string(), "2026-03-12 09:05:00");
        assert_eq!(
            parse_datetime("开始时间", "2026-03-12T09:05:30")
                .unwrap()
                .to_string(),
            "2026-03-12 09:05:30"
        );
        assert!(parse_datetime("开始时间", "2026-03-12").is_err());
        assert!(parse_datetime("开始时间", "2026-03-12 25:00").is_err());
    }
}
