//! The .xlsx file format of every list written out: 职工名单, an activity's 考勤, 出勤率, 活动列表 / 活动台账 and
//! 队伍结构. Each sheet has Chinese headers in a frozen header row (under an optional title
//! row), dates as real Excel dates, shares as percentages and columns as wide as their content.
//! Personal numbers (身份证号, 手机, the day of birth) are masked unless `full` is asked for.
//!
//! Every export is made in memory first ([`Export`]), so the desktop can report a problem before
//! asking where to save, and the CLI writes nothing when it fails.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::units;

/// Number formats of date, date-time and share cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
pub const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm";
pub const PERCENT_FORMAT: &str = "0.0%";
const DECIMAL_FORMAT: &str = "0.0";
const SCORE_FORMAT: &str = "0.00";

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// One decimal (ages).
    Decimal(f64),
    /// Two decimals (考核 scores).
    Score(f64),
    /// 0–1, shown as 92.3%.
    Percent(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl Cell {
    pub(crate) fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub(crate) fn opt_text(s: Option<&str>) -> Cell {
        Cell::text(s.unwrap_or_default())
    }

    pub(crate) fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    pub(crate) fn opt_percent(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Percent)
    }

    /// Roughly how many "half-width" characters the cell shows (CJK counts 2).
    fn display_width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => text_width(s),
            Cell::Int(n) => n.to_string().len(),
            Cell::Decimal(_) => 5,
            Cell::Score(_) => 6,
            Cell::Percent(_) => 6,
            Cell::Date(_) => 10,
            Cell::DateTime(_) => 16,
        }
    }
}

/// Display width of text: characters of the CJK and full-width ranges count 2.
pub fn text_width(s: &str) -> usize {
    s.lines()
        .map(|line| {
            line.chars()
                .map(|c| if is_wide(c) { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// One sheet: a table with a header row and, above it, an optional title.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, no []:*?/\).
    pub sheet: String,
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(sheet: &str, title: Option<String>, headers: &[&str]) -> Table {
        Table {
            sheet: sheet.to_string(),
            title,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The row the headers are in (0-based): 1 under a title, else 0.
    pub fn header_row(&self) -> u32 {
        u32::from(self.title.is_some())
    }
}

/// A finished workbook, not yet saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub bytes: Vec<u8>,
    /// A file name to offer, e.g. "考勤-安全生产专题讲座.xlsx".
    pub file_name: String,
    /// Data rows of the main (first) sheet: people, activities, units …
    pub rows: usize,
    /// The sheets' names.
    pub sheets: Vec<String>,
}

impl Export {
    /// Writes the workbook to `path`.
    pub fn write_to(&self, path: &Path) -> Result<()> {
        std::fs::write(path, &self.bytes)
            .map_err(|e| Error::invalid("输出文件", format!("无法写入“{}”：{e}", path.display())))
    }
}

pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    Error::invalid("导出", format!("无法生成 Excel 文件：{e}"))
}

/// Characters file systems refuse become '_'.
pub(crate) fn safe_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{safe}.xlsx")
}

pub(crate) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    // Excel's dates begin in 1900.
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

pub(crate) fn excel_datetime(t: NaiveDateTime) -> Option<ExcelDateTime> {
    excel_date(t.date())?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second())
        .ok()
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    decimal: Format,
    score: Format,
    percent: Format,
    date: Format,
    datetime: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Left),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_align(FormatAlign::Center),
            text: cell.clone(),
            number: cell.clone().set_align(FormatAlign::Right),
            decimal: cell.clone().set_num_format(DECIMAL_FORMAT),
            score: cell.clone().set_num_format(SCORE_FORMAT),
            percent: cell.clone().set_num_format(PERCENT_FORMAT),
            date: cell
                .clone()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
            datetime: cell
                .set_num_format(DATETIME_FORMAT)
                .set_align(FormatAlign::Center),
        }
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell, f: &Formats) -> Result<()> {
    let r = match cell {
        Cell::Empty => ws.write_blank(row, col, &f.text),
        Cell::Text(s) => ws.write_string_with_format(row, col, s, &f.text),
        Cell::Int(n) => ws.write_number_with_format(row, col, *n as f64, &f.number),
        Cell::Decimal(x) => ws.write_number_with_format(row, col, *x, &f.decimal),
        Cell::Score(x) => ws.write_number_with_format(row, col, *x, &f.score),
        Cell::Percent(x) => ws.write_number_with_format(row, col, *x, &f.percent),
        // Dates Excel cannot hold (before 1900) are written as text rather than lost.
        Cell::Date(d) => match excel_date(*d) {
            Some(x) => ws.write_datetime_with_format(row, col, x, &f.date),
            None => ws.write_string_with_format(row, col, d.to_string(), &f.text),
        },
        Cell::DateTime(t) => match excel_datetime(*t) {
            Some(x) => ws.write_datetime_with_format(row, col, x, &f.datetime),
            None => ws.write_string_with_format(
                row,
                col,
                t.format("%Y-%m-%d %H:%M").to_string(),
                &f.text,
            ),
        },
    };
    r.map(|_| ()).map_err(xlsx_error)
}

/// Writes the tables, one sheet each, into an .xlsx in memory.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet).map_err(xlsx_error)?;
        let ncols = t.headers.len().clamp(1, 16_000) as u16;
        let head = t.header_row();
        if let Some(title) = &t.title {
            if ncols > 1 {
                ws.merge_range(0, 0, 0, ncols - 1, title, &f.title)
                    .map_err(xlsx_error)?;
            } else {
                ws.write_string_with_format(0, 0, title, &f.title)
                    .map_err(xlsx_error)?;
            }
            ws.set_row_height(0, 24).map_err(xlsx_error)?;
        }
        let mut widths: Vec<usize> = t.headers.iter().map(|h| text_width(h)).collect();
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(head, c as u16, h, &f.header)
                .map_err(xlsx_error)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let r = head + 1 + i as u32;
            for (c, cell) in row.iter().enumerate().take(ncols as usize) {
                write_cell(ws, r, c as u16, cell, &f)?;
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.display_width());
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            // Excel's width unit is about one digit; a little padding, within reason.
            let width = (*w + 2).clamp(6, 60) as f64;
            ws.set_column_width(c as u16, width).map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(head + 1, 0).map_err(xlsx_error)?;
        if !t.rows.is_empty() {
            ws.autofilter(head, 0, head + t.rows.len() as u32, ncols - 1)
                .map_err(xlsx_error)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

pub(crate) fn finish(tables: Vec<Table>, file_name: &str) -> Result<Export> {
    let bytes = workbook(&tables)?;
    Ok(Export {
        bytes,
        file_name: safe_file_name(file_name),
        rows: tables.first().map_or(0, |t| t.rows.len()),
        sheets: tables.into_iter().map(|t| t.sheet).collect(),
    })
}

pub(crate) fn exported_on(today: NaiveDate) -> String {
    format!("导出日期：{}", crate::pdf::chinese_date(today))
}

/// Each unit's place in the tree (for ordering by unit).
pub(crate) fn unit_ranks(conn: &Connection) -> Result<HashMap<i64, i64>> {
    Ok(units::list(conn)?
        .into_iter()
        .enumerate()
        .map(|(i, u)| (u.id, i as i64))
        .collect())
}

pub(crate) fn yes(b: bool) -> Cell {
    Cell::text(if b { "是" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_count_twice_in_widths() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("张三"), 4);
        assert_eq!(text_width("营销部（1）"), 11);
        assert_eq!(text_width("第一行\n长一些的第二行"), 14);
    }

    #[test]
    fn file_names_lose_characters_file_systems_refuse() {
        assert_eq!(safe_file_name("考勤-a/b:c?"), "考勤-a_b_c_.xlsx");
    }

    #[test]
    fn dates_excel_cannot_hold_are_not_dates() {
        assert!(excel_date(NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()).is_none());
        assert!(excel_date(NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()).is_some());
    }
}
