//! Dates in every form people type them in a sheet: 1985-03-12, 1985/3/12, 1985.3.12, 1985.03,
//! 19850312, 1985年3月12日, 1985年3月, Excel date cells and date serials.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::read::{Cell, number_text};
use crate::codes::fold_input;

/// How exact a parsed date is: 1985年3月 gives the first of the month with `Month` precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Precision {
    Day,
    Month,
}

/// A date read from a cell, and whether only its year and month were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateValue {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl DateValue {
    pub(crate) fn day(date: NaiveDate) -> Self {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }
    pub(crate) fn month(date: NaiveDate) -> Self {
        DateValue {
            date,
            precision: Precision::Month,
        }
    }
}

/// Latest serial accepted: 2100-12-31 (no roster date lies beyond it).
const MAX_SERIAL: f64 = 73_415.0;

/// The date of an Excel serial in the 1900 date system (the one every Excel and WPS on
/// Windows uses): 1 is 1900-01-01, and 60 is Excel's non-existent 1900-02-29 (its leap-year
/// bug kept for Lotus 1-2-3 compatibility), so serials from 61 on are one day behind a plain
/// count from 1899-12-31. The time of day (the fraction) is dropped. None for 60, for values
/// below 1 and beyond 2100.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..MAX_SERIAL + 1.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = match days {
        60 => return None,
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// Reads a date cell; see [`parse_date_value`].
pub fn parse_date_cell(cell: &Cell) -> Result<NaiveDate, String> {
    parse_date_value(cell).map(|v| v.date)
}

/// Reads a date cell in any of the forms users type, keeping whether only year and month
/// were given (that is the first of the month):
/// - a cell formatted as a date in the workbook;
/// - a number: an Excel date serial (31118 → 1985-03-12), 19850312, 198503, or 1985.03 /
///   1985.3 (the month; 1985.1 is refused as it may be January or October, which Excel does
///   not distinguish once the cell holds a number);
/// - text: see [`parse_date_text`].
///
/// Errors are Chinese sentences naming the value, without the field name.
pub fn parse_date_value(cell: &Cell) -> Result<DateValue, String> {
    match cell {
        Cell::Empty => Err("为空".into()),
        Cell::Bool(_) => Err(format!("“{}”不是日期", cell.text())),
        Cell::DateTime(t) => Ok(DateValue::day(t.date())),
        Cell::Text(s) => parse_date_text(s),
        Cell::Number(n) => parse_date_number(*n),
    }
}

fn in_years(y: f64) -> bool {
    (1900.0..2101.0).contains(&y)
}

fn parse_date_number(n: f64) -> Result<DateValue, String> {
    let shown = number_text(n);
    let bad = || format!("“{shown}”不是有效日期");
    if !n.is_finite() || n <= 0.0 {
        return Err(bad());
    }
    if n.fract() == 0.0 {
        if (19_000_101.0..=21_001_231.0).contains(&n) {
            return ymd_digits(&shown).ok_or_else(bad);
        }
        if (190_001.0..=210_012.0).contains(&n) {
            return ymd_digits(&shown).ok_or_else(bad);
        }
        if in_years(n) {
            return Err(year_only(&shown));
        }
        return excel_serial_to_date(n).map(DateValue::day).ok_or_else(bad);
    }
    let year = n.trunc();
    if in_years(year) {
        // 1985.03 is stored as the number 1985.03: the month is in the first two decimals.
        let hundredths = ((n - year) * 100.0).round() as i64;
        let month = match hundredths {
            1..=9 | 11 | 12 => hundredths as u32,
            20 | 30 | 40 | 50 | 60 | 70 | 80 | 90 => (hundredths / 10) as u32,
            10 => {
                return Err(format!(
                    "“{shown}”无法分辨是 1 月还是 10 月（单元格是数字时 {y}.10 会变成 {y}.1），请写成 {y}-01 或 {y}-10",
                    y = year as i32
                ));
            }
            _ => return Err(bad()),
        };
        if ((n - year) * 100.0 - hundredths as f64).abs() > 1e-6 {
            return Err(bad());
        }
        return NaiveDate::from_ymd_opt(year as i32, month, 1)
            .map(DateValue::month)
            .ok_or_else(bad);
    }
    // A date-time serial with a time of day.
    excel_serial_to_date(n).map(DateValue::day).ok_or_else(bad)
}

fn year_only(shown: &str) -> String {
    format!("“{shown}”只有年份，请补上月份（如 {shown}.03 或 {shown}-03-12）")
}

/// Years a roster date may have; others are typing mistakes (0645.12, 20085-1-1).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

fn year_out_of_range(shown: &str, year: i32) -> String {
    format!("“{shown}”的年份 {year} 不在 1900–2100 年之间，请核对")
}

/// 19850312 or 198503 (the first of the month).
fn ymd_digits(s: &str) -> Option<DateValue> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.get(..4)?.parse().ok().filter(|y| YEARS.contains(y))?;
    let m: u32 = s.get(4..6)?.parse().ok()?;
    match s.len() {
        8 => {
            let d: u32 = s.get(6..8)?.parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d).map(DateValue::day)
        }
        6 => NaiveDate::from_ymd_opt(y, m, 1).map(DateValue::month),
        _ => None,
    }
}

/// Reads a date typed as text: 1985-03-12, 1985/3/12, 1985.3.12, 1985年3月12日, 19850312,
/// with only year and month 1985-03, 1985/3, 1985.03, 1985.3, 1985年3月, 198503, and a date
/// serial (31118, as a CSV saved from Excel shows an unformatted date cell). Full-width digits
/// and separators are folded, a time after the date (1985-03-12 00:00:00) is ignored. Two-digit
/// years are refused (85.3.12 could be 1985 or 2085 to a program).
pub fn parse_date_text(input: &str) -> Result<DateValue, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("为空".into());
    }
    let shown: String = trimmed.chars().take(40).collect();
    let bad =
        || format!("“{shown}”不是有效日期，请写成 1985-03-12、1985.03 或 1985年3月12日 这样的形式");
    // Drop a time of day: "1985-03-12 08:00:00", "1985-03-12T08:00".
    let date_part = trimmed
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()
        .unwrap_or(trimmed);
    let s: String = fold_input(date_part)
        .chars()
        .map(|c| match c {
            '。' | '·' => '.',
            '－' | '—' | '–' => '-',
            c => c,
        })
        .collect();
    let s = s.trim_end_matches(['日', '号']);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 | 6 => ymd_digits(s).ok_or_else(bad),
            4 => Err(year_only(s)),
            5 => s
                .parse::<f64>()
                .ok()
                .filter(|n| *n >= 10_000.0)
                .and_then(excel_serial_to_date)
                .map(DateValue::day)
                .ok_or_else(bad),
            _ => Err(bad()),
        };
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '\\'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4)
    {
        return Err(bad());
    }
    let year = match parts.first() {
        Some(y) if y.len() == 4 => {
            let year = y.parse::<i32>().map_err(|_| bad())?;
            if !YEARS.contains(&year) {
                return Err(year_out_of_range(&shown, year));
            }
            year
        }
        Some(y) if y.len() <= 2 && parts.len() >= 2 => {
            return Err(format!(
                "“{shown}”的年份只有两位，请写全四位年份（如 19{y}）"
            ));
        }
        _ => return Err(bad()),
    };
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [_] => Err(year_only(&year.to_string())),
        [_, m] => NaiveDate::from_ymd_opt(year, num(m)?, 1)
            .map(DateValue::month)
            .ok_or_else(bad),
        [_, m, d] => NaiveDate::from_ymd_opt(year, num(m)?, num(d)?)
            .map(DateValue::day)
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// The same date shown as people write it: 1985-03-12, or 1985-03 with month precision.
pub fn date_value_text(v: &DateValue) -> String {
    match v.precision {
        Precision::Day => v.date.format("%Y-%m-%d").to_string(),
        Precision::Month => format!("{}-{:02}", v.date.year(), v.date.month()),
    }
}
