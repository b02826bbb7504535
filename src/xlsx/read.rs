//! Reading the sheets users already keep: .xlsx / .xlsm / .xls / .et / .ods (calamine) and
//! .csv / .txt (UTF-8 with or without BOM, UTF-16 with BOM, else GBK/GB18030 as Excel and WPS
//! in China save it; comma, tab or semicolon separated).
//!
//! The result is a plain [`Sheet`]: `rows[i]` is the row Excel shows as number `i + 1`, each a
//! list of typed [`Cell`]s (blank rows and leading blank columns are kept, so row and column
//! numbers in messages match what the user sees). A cell merged over several rows is copied
//! down, so a 部门 merged down ten rows gives each of those rows its 部门.
//!
//! Around it: [`find_header`] locates the header row under any title rows, and
//! [`parse_date_cell`] / [`parse_date_text`] read dates in every form people type them
//! (1985-03-12, 1985/3/12, 1985.3.12, 1985.03, 19850312, 1985年3月12日, 1985年3月, Excel date
//! cells and date serials).
//!
//! Used by the staff import ([`super::people_import`]) and the meeting attendance import.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::codes::fold_input;

/// Sheets larger than this are refused (a roster of a whole province is ~100,000 people).
pub const MAX_ROWS: usize = 200_000;
/// Columns beyond this are ignored (a roster has a few dozen).
pub const MAX_COLUMNS: usize = 200;

/// Why a file could not be read. Messages are shown to the user as they are.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法打开文件 {path}：{reason}")]
    Open { path: String, reason: String },
    #[error(
        "不支持的文件类型“{0}”，请选择 Excel（.xlsx、.xls）、WPS（.et）、OpenDocument（.ods）或 CSV 文件"
    )]
    UnsupportedType(String),
    #[error(
        "文件内容是网页（HTML）格式，不是真正的 Excel 文件（常见于从网页系统导出的 .xls）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
    )]
    Html,
    #[error(
        "无法读取表格：{0}。文件可能已损坏或有密码保护，请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
    )]
    Workbook(String),
    #[error("无法读取 CSV 文件第 {line} 行：{reason}")]
    Csv { line: u64, reason: String },
    #[error("文件中没有任何数据")]
    Empty,
    #[error("表格有 {0} 行，超过了一次最多可导入的 {MAX_ROWS} 行，请拆分后分批导入")]
    TooManyRows(usize),
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Open { .. } => "import.open",
            ReadError::UnsupportedType(_) => "import.unsupported",
            ReadError::Html => "import.html",
            ReadError::Workbook(_) => "import.workbook",
            ReadError::Csv { .. } => "import.csv",
            ReadError::Empty => "import.empty",
            ReadError::TooManyRows(_) => "import.too_many_rows",
        }
    }
}

/// One cell, with the type the spreadsheet gave it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Cell {
    #[default]
    Empty,
    /// Text as typed (not trimmed; see [`Cell::text`]).
    Text(String),
    /// A number (Excel keeps every number as a float; integers up to 2^53 are exact).
    Number(f64),
    /// A cell formatted as a date or time in the workbook (already converted from its serial,
    /// in the workbook's 1900 or 1904 date system).
    DateTime(NaiveDateTime),
    Bool(bool),
}

impl Cell {
    /// True for an empty cell or one holding only spaces.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it: text trimmed, whole numbers without ".0"
    /// (31118, not 31118.0), dates as 1985-03-12, booleans as 是 / 否.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::DateTime(t) => {
                if t.time() == chrono::NaiveTime::MIN {
                    t.date().format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

/// A number as text: integers without a decimal point (when exact), others in their shortest
/// form.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// One worksheet. `rows[i]` is sheet row `i + 1`; rows may have different lengths.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sheet {
    /// The worksheet's name (the file name's stem for CSV).
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at 0-based `row`, `col`; Empty outside the data.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// True when every cell of the row is empty.
    pub fn row_is_blank(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|cells| cells.iter().all(Cell::is_empty))
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn has_data(&self) -> bool {
        (0..self.rows.len()).any(|r| !self.row_is_blank(r))
    }
}

/// Excel's column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Opening files

/// What a file holds, judged by its first bytes (and the extension for text files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Workbook,
    Text,
    Html,
}

fn kind_of(bytes: &[u8], extension: &str) -> Result<Kind, ReadError> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) || bytes.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Workbook);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<table")
        || (head.starts_with("<?xml") && head.contains("<html"))
    {
        return Ok(Kind::Html);
    }
    match extension {
        "csv" | "txt" | "tsv" | "xls" | "et" | "" => Ok(Kind::Text),
        "xlsx" | "xlsm" | "ods" => Err(ReadError::Workbook("文件内容不是有效的表格文件".into())),
        other => Err(ReadError::UnsupportedType(format!(".{other}"))),
    }
}

/// Opens every worksheet of a file (for CSV: one sheet).
pub fn open_book(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Open {
        path: path.display().to_string(),
        reason: io_reason(&e),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    open_book_bytes(&bytes, &name)
}

/// Like [`open_book`], for a file already in memory; `file_name` gives the extension and the
/// name of a CSV's sheet.
pub fn open_book_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>, ReadError> {
    let file_path = Path::new(file_name);
    let extension = file_path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let sheets = match kind_of(bytes, &extension)? {
        Kind::Workbook => read_workbook(bytes)?,
        Kind::Html => return Err(ReadError::Html),
        Kind::Text => {
            let stem = file_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![read_csv(bytes, &stem)?]
        }
    };
    if !sheets.iter().any(Sheet::has_data) {
        return Err(ReadError::Empty);
    }
    Ok(sheets)
}

/// Opens a file and returns its first worksheet that holds any data.
pub fn open(path: &Path) -> Result<Sheet, ReadError> {
    first_with_data(open_book(path)?)
}

/// Like [`open`], for a file already in memory.
pub fn open_bytes(bytes: &[u8], file_name: &str) -> Result<Sheet, ReadError> {
    first_with_data(open_book_bytes(bytes, file_name)?)
}

fn first_with_data(sheets: Vec<Sheet>) -> Result<Sheet, ReadError> {
    sheets
        .into_iter()
        .find(Sheet::has_data)
        .ok_or(ReadError::Empty)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => {
            "没有读取权限（文件可能正在 Excel/WPS 中打开）".into()
        }
        _ => e.to_string(),
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ReadError::Workbook(workbook_reason(&e.to_string())))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ReadError::Workbook(workbook_reason(&e.to_string())))?;
        let merged = merged_regions(&mut book, &name);
        let mut sheet = Sheet {
            name: name.clone(),
            rows: Vec::new(),
        };
        if let Some((top, left)) = range.start() {
            let (height, width) = range.get_size();
            let (top, left) = (top as usize, left as usize);
            if top + height > MAX_ROWS {
                return Err(ReadError::TooManyRows(top + height));
            }
            let width = width.min(MAX_COLUMNS.saturating_sub(left));
            sheet.rows = vec![Vec::new(); top];
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; left];
                cells.extend(row.iter().take(width).map(cell_of));
                while cells.last().is_some_and(|c| *c == Cell::Empty) {
                    cells.pop();
                }
                sheet.rows.push(cells);
            }
        }
        fill_merged(&mut sheet, &merged);
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn workbook_reason(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        "文件有密码保护".into()
    } else if lower.contains("cannot detect file format") {
        "无法识别文件格式".into()
    } else {
        raw.to_string()
    }
}

/// Merged regions as (top, left, bottom, right), 0-based inclusive.
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Vec<(usize, usize, usize, usize)> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        // .xlsb and .ods: calamine does not report merged regions; their cells stay as stored.
        _ => Vec::new(),
    };
    dims.iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

/// Copies the value of each merged region down its first column: a 部门 merged over ten rows
/// gives each row its 部门. Across columns nothing is copied: a title or a note merged over
/// the whole width stays one cell, in its first column.
fn fill_merged(sheet: &mut Sheet, regions: &[(usize, usize, usize, usize)]) {
    for &(top, left, bottom, _right) in regions {
        let value = sheet.cell(top, left).clone();
        if value.is_empty() || left >= MAX_COLUMNS {
            continue;
        }
        let bottom = bottom.min(sheet.rows.len().saturating_sub(1));
        for r in top + 1..=bottom {
            let row = &mut sheet.rows[r];
            if row.len() <= left {
                row.resize(left + 1, Cell::Empty);
            }
            if row[left].is_empty() {
                row[left] = value.clone();
            }
        }
    }
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
                .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map(Cell::DateTime)
                // Excel's non-existent 1900-02-29 (serial 60): keep the number.
                .unwrap_or(Cell::Number(dt.as_f64()))
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => iso_datetime(s)
            .map(Cell::DateTime)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("{e}")),
    }
}

fn iso_datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The text of a CSV file: UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"),
/// otherwise GB18030, the superset of the GBK that Excel and WPS in China write.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The most likely separator: the one of comma, tab and semicolon that occurs most (outside
/// quotes) on the busiest of the first lines.
fn guess_delimiter(text: &str) -> u8 {
    let mut best = (0usize, b',');
    for delim in [b',', b'\t', b';'] {
        let most = text
            .lines()
            .take(30)
            .map(|line| {
                let mut quoted = false;
                line.bytes()
                    .filter(|&b| {
                        if b == b'"' {
                            quoted = !quoted;
                        }
                        !quoted && b == delim
                    })
                    .count()
            })
            .max()
            .unwrap_or(0);
        if most > best.0 {
            best = (most, delim);
        }
    }
    best.1
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Sheet, ReadError> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // Lines taken by line breaks inside quoted fields: a spreadsheet shows such a record as one
    // row, so they are not counted in the row number.
    let mut extra_lines = 0u64;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ReadError::Csv {
                    line,
                    reason: e.to_string(),
                });
            }
        }
        // Blank lines are skipped by the parser (and the position it reports is where the
        // skipped run began) but shown as rows by a spreadsheet: count them back in.
        let line = record.position().map_or(rows.len() as u64 + 1, |p| {
            let blank = text.as_bytes()[(p.byte() as usize).min(text.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .filter(|&&b| b == b'\n')
                .count();
            p.line() + blank as u64
        });
        let index = line.saturating_sub(1 + extra_lines) as usize;
        if index >= MAX_ROWS {
            return Err(ReadError::TooManyRows(index + 1));
        }
        if rows.len() < index {
            rows.resize(index, Vec::new());
        }
        let mut cells: Vec<Cell> = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while cells.last().is_some_and(|c| *c == Cell::Empty) {
            cells.pop();
        }
        extra_lines += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        rows.push(cells);
    }
    Ok(Sheet {
        name: name.to_string(),
        rows,
    })
}

// ---------------------------------------------------------------------------------------------
// Header row

/// A header name as compared: full-width folded, spaces, line breaks, asterisks and colons
/// dropped, anything in brackets dropped (出生日期（yyyy-mm-dd） → 出生日期, 姓名* → 姓名),
/// ASCII lower-cased.
pub fn normalize_header(s: &str) -> String {
    let folded = fold_input(s);
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            '*' | ':' | '：' | '※' | '★' => {}
            _ if depth == 0 => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

/// The header row found by [`find_header`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderRow<K> {
    /// 0-based index into [`Sheet::rows`] (the sheet row number is `index + 1`).
    pub index: usize,
    /// Every non-empty header cell, left to right.
    pub columns: Vec<HeaderColumn<K>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderColumn<K> {
    /// 0-based column index (column letter: [`column_letter`]).
    pub index: usize,
    /// The header as written in the sheet (trimmed).
    pub title: String,
    /// The field this header names, if it is one of the aliases. A field named by several
    /// columns is given to the first only.
    pub key: Option<K>,
}

impl<K: Copy + PartialEq> HeaderRow<K> {
    /// The column holding `key`, if any.
    pub fn column_of(&self, key: K) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.key == Some(key))
            .map(|c| c.index)
    }

    /// How many distinct fields were recognised.
    pub fn matched(&self) -> usize {
        self.columns.iter().filter(|c| c.key.is_some()).count()
    }
}

/// How many rows from the top are searched for the header (title rows, notes, blank rows).
pub const HEADER_SEARCH_ROWS: usize = 50;

/// The field a header cell names: `aliases` lists, for each field, the header names that mean
/// it (compared after [`normalize_header`]).
pub fn match_header<K: Copy>(title: &str, aliases: &[(K, &[&str])]) -> Option<K> {
    let title = normalize_header(title);
    if title.is_empty() {
        return None;
    }
    aliases
        .iter()
        .find(|(_, names)| names.iter().any(|n| normalize_header(n) == title))
        .map(|(k, _)| *k)
}

/// Finds the header row: among the first [`HEADER_SEARCH_ROWS`] rows, the one naming the most
/// distinct fields of `aliases` (the earliest on a tie), if it names at least `min_matches`.
/// Title rows (公司职工花名册), notes and blank rows above it are skipped this way.
pub fn find_header<K: Copy + PartialEq>(
    sheet: &Sheet,
    aliases: &[(K, &[&str])],
    min_matches: usize,
) -> Option<HeaderRow<K>> {
    let mut best: Option<HeaderRow<K>> = None;
    for index in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        let mut columns: Vec<HeaderColumn<K>> = Vec::new();
        for (col, cell) in sheet.rows[index].iter().enumerate() {
            let title = cell.text();
            if title.is_empty() {
                continue;
            }
            let key = match_header(&title, aliases)
                .filter(|k| !columns.iter().any(|c| c.key == Some(*k)));
            columns.push(HeaderColumn {
                index: col,
                title,
                key,
            });
        }
        let row = HeaderRow { index, columns };
        let matched = row.matched();
        if matched >= min_matches.max(1) && best.as_ref().is_none_or(|b| matched > b.matched()) {
            best = Some(row);
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Dates

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
    fn day(date: NaiveDate) -> Self {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }
    fn month(date: NaiveDate) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_typed_date_form_parses() {
        let day = DateValue::day(d("1985-03-12"));
        let month = DateValue::month(d("1985-03-01"));
        for s in [
            "1985-03-12",
            "1985/3/12",
            "1985.3.12",
            "19850312",
            "1985年3月12日",
            "1985年03月12号",
            " １９８５－０３－１２ ",
            "1985-03-12 00:00:00",
            "1985-3-12T08:30",
            "31118",
        ] {
            assert_eq!(parse_date_text(s), Ok(day), "{s}");
        }
        for s in [
            "1985.03",
            "1985.3",
            "1985-03",
            "1985/3",
            "1985年3月",
            "198503",
        ] {
            assert_eq!(parse_date_text(s), Ok(month), "{s}");
        }
        assert_eq!(
            parse_date_text("1985.10").unwrap().date,
            d("1985-10-01"),
            "as text, 1985.10 is October"
        );
    }

    #[test]
    fn bad_dates_say_why() {
        assert_eq!(
            parse_date_text("1985-02-30").unwrap_err(),
            "“1985-02-30”不是有效日期，请写成 1985-03-12、1985.03 或 1985年3月12日 这样的形式"
        );
        assert_eq!(
            parse_date_text("1985").unwrap_err(),
            "“1985”只有年份，请补上月份（如 1985.03 或 1985-03-12）"
        );
        assert!(parse_date_text("85.3.12").unwrap_err().contains("两位"));
        assert_eq!(
            parse_date_text("0645.12").unwrap_err(),
            "“0645.12”的年份 645 不在 1900–2100 年之间，请核对"
        );
        assert!(parse_date_text("06451201").is_err());
        for s in [
            "abc",
            "1985-13",
            "1985..",
            "--",
            "1985-3-12-1",
            "１２３４５６７８９",
        ] {
            assert!(parse_date_text(s).is_err(), "{s}");
        }
    }

    #[test]
    fn excel_serials_follow_the_1900_system_with_its_leap_year_bug() {
        assert_eq!(excel_serial_to_date(1.0), Some(d("1900-01-01")));
        assert_eq!(excel_serial_to_date(59.0), Some(d("1900-02-28")));
        assert_eq!(
            excel_serial_to_date(60.0),
            None,
            "1900-02-29 does not exist"
        );
        assert_eq!(excel_serial_to_date(61.0), Some(d("1900-03-01")));
        assert_eq!(excel_serial_to_date(31118.0), Some(d("1985-03-12")));
        assert_eq!(excel_serial_to_date(45943.541), Some(d("2025-10-13")));
        assert_eq!(excel_serial_to_date(0.0), None);
        assert_eq!(excel_serial_to_date(f64::NAN), None);
        assert_eq!(excel_serial_to_date(1e300), None);
    }

    #[test]
    fn number_cells_are_serials_digits_or_year_dot_month() {
        let n = |v: f64| parse_date_value(&Cell::Number(v));
        assert_eq!(n(31118.0), Ok(DateValue::day(d("1985-03-12"))));
        assert_eq!(n(19850312.0), Ok(DateValue::day(d("1985-03-12"))));
        assert_eq!(n(198503.0), Ok(DateValue::month(d("1985-03-01"))));
        assert_eq!(n(1985.03), Ok(DateValue::month(d("1985-03-01"))));
        assert_eq!(n(1985.3), Ok(DateValue::month(d("1985-03-01"))));
        assert_eq!(n(1985.12), Ok(DateValue::month(d("1985-12-01"))));
        assert!(n(1985.1).unwrap_err().contains("1 月还是 10 月"));
        assert!(n(1985.0).unwrap_err().contains("只有年份"));
        assert!(n(1985.13).is_err());
        assert!(n(-3.0).is_err());
        assert!(n(19851312.0).is_err());
        let t = NaiveDate::from_ymd_opt(1985, 3, 12)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(parse_date_cell(&Cell::DateTime(t)), Ok(d("1985-03-12")));
        assert_eq!(parse_date_cell(&Cell::Empty), Err("为空".into()));
    }

    #[test]
    fn csv_in_gbk_utf8_and_utf16_decodes_the_same() {
        let text = "职工花名册\n\n姓名,工号\n张三,10001\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.replace(',', "\t").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        for (bytes, label) in [
            (gbk.to_vec(), "gbk"),
            (text.as_bytes().to_vec(), "utf8"),
            (bom, "bom"),
            (utf16, "utf16"),
        ] {
            let sheet = open_bytes(&bytes, "花名册.csv").unwrap();
            assert_eq!(sheet.name, "花名册", "{label}");
            assert_eq!(sheet.rows.len(), 4, "{label}");
            assert_eq!(sheet.cell(0, 0).text(), "职工花名册", "{label}");
            assert!(sheet.row_is_blank(1), "{label}: blank line kept as a row");
            assert_eq!(sheet.cell(3, 0).text(), "张三", "{label}");
            assert_eq!(sheet.cell(3, 1), &Cell::Text("10001".into()), "{label}");
        }
    }

    #[test]
    fn semicolons_and_quoted_line_breaks() {
        let sheet = open_bytes("a;b\n\"x\ny\";2\nlast;3\n".as_bytes(), "t.csv").unwrap();
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.cell(1, 0).text(), "x\ny");
        assert_eq!(sheet.cell(2, 1).text(), "3");
    }

    #[test]
    fn html_and_garbage_are_refused_clearly() {
        let err =
            open_bytes(b"<html><table><tr><td>1</td></tr></table></html>", "x.xls").unwrap_err();
        assert_eq!(err.code(), "import.html");
        let err = open_bytes(b"PK\x03\x04garbage", "x.xlsx").unwrap_err();
        assert_eq!(err.code(), "import.workbook");
        assert_eq!(open_bytes(b"", "x.csv").unwrap_err().code(), "import.empty");
        assert_eq!(
            open_bytes(b"abc", "x.pdf").unwrap_err().code(),
            "import.unsupported"
        );
    }

    #[test]
    fn header_is_found_under_a_title() {
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum F {
            Name,
            No,
            Birth,
        }
        let aliases: &[(F, &[&str])] = &[
            (F::Name, &["姓名"]),
            (F::No, &["工号", "员工编号"]),
            (F::Birth, &["出生日期", "出生年月"]),
        ];
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![
                vec![t("某某供电公司职工花名册")],
                vec![],
                vec![
                    t("序号"),
                    t("姓 名*"),
                    t("员工编号"),
                    t("出生年月\n(yyyy.mm)"),
                    t("姓名"),
                ],
                vec![t("1"), t("张三"), t("10001")],
            ],
        };
        let h = find_header(&sheet, aliases, 2).unwrap();
        assert_eq!(h.index, 2);
        assert_eq!(h.column_of(F::Name), Some(1));
        assert_eq!(h.column_of(F::No), Some(2));
        assert_eq!(h.column_of(F::Birth), Some(3));
        assert_eq!(h.columns[0].key, None);
        assert_eq!(
            h.columns[4].key, None,
            "a repeated field goes to the first column"
        );
        assert!(find_header(&sheet, aliases, 4).is_none());
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
