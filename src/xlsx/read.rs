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

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::codes::fold_input;
use crate::error::ReadError;

pub mod limits;
use limits::{Budget, TextKind};
pub use limits::{MAX_COLUMNS, MAX_ROWS};

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

/// Opens every worksheet of a file (for CSV: one sheet). A text file's first bytes and the
/// file's size are checked before the rest is read ([`limits`]).
pub fn open_book(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let open_error = |e: std::io::Error| ReadError::Open {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let mut file = std::fs::File::open(path).map_err(open_error)?;
    let len = file.metadata().map_err(open_error)?.len();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    (&mut file)
        .take(limits::SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(open_error)?;
    if !bytes.is_empty() && kind_of(&bytes, &extension_of(&name))? == Kind::Text {
        limits::check_text(&bytes)?;
    }
    limits::check_file_size(len)?;
    // The file may have grown since it was measured.
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(open_error)?;
    open_book_bytes(&bytes, &name)
}

fn extension_of(file_name: &str) -> String {
    Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Like [`open_book`], for a file already in memory; `file_name` gives the extension and the
/// name of a CSV's sheet.
pub fn open_book_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>, ReadError> {
    let file_path = Path::new(file_name);
    let extension = extension_of(file_name);
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    limits::check_file_size(bytes.len() as u64)?;
    let sheets = match kind_of(bytes, &extension)? {
        Kind::Workbook => read_workbook(bytes)?,
        Kind::Html => return Err(ReadError::Html),
        Kind::Text => {
            limits::check_text(bytes)?;
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
    // calamine still panics on some damaged files (an .xls cut short: a slice out of range in
    // its compound-file reader): a damaged file, not a reason to stop the program.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook_unchecked(bytes)
    }))
    .unwrap_or_else(|_| Err(ReadError::Workbook("文件已损坏，读取时出错".into())))
}

fn read_workbook_unchecked(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    // Measured before calamine reads anything: it reserves and fills memory from what the
    // file declares.
    if bytes.starts_with(b"PK") {
        limits::check_zip(bytes)?;
    } else {
        limits::check_xls(bytes)?;
    }
    let workbook_error =
        |e: &dyn std::fmt::Display| ReadError::Workbook(workbook_reason(&e.to_string()));
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| workbook_error(&e))?;
    let mut budget = Budget::default();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut sheet = Sheet {
            name: name.clone(),
            rows: Vec::new(),
        };
        // .xlsx and .xlsb: the cells streamed one by one, never a grid from the first to the
        // last cell (one stray cell at XFD1048576 would make that 17 billion cells).
        match &mut book {
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(&name) {
                Ok(mut cells) => loop {
                    match cells.next_cell() {
                        Ok(Some(c)) => put_cell(&mut sheet, &mut budget, c)?,
                        Ok(None) => break,
                        Err(e) => return Err(workbook_error(&e)),
                    }
                },
                // A chart sheet: no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {}
                Err(e) => return Err(workbook_error(&e)),
            },
            Sheets::Xlsb(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| workbook_error(&e))?;
                loop {
                    match cells.next_cell() {
                        Ok(Some(c)) => put_cell(&mut sheet, &mut budget, c)?,
                        Ok(None) => break,
                        Err(e) => return Err(workbook_error(&e)),
                    }
                }
            }
            // .xls and .ods: calamine has already read them into grids, whose size
            // `limits` checked from the records and tags beforehand.
            _ => {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| workbook_error(&e))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (row, col, value) in range.used_cells() {
                    let text = match value {
                        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                            Some(s.as_str())
                        }
                        _ => None,
                    };
                    put(
                        &mut sheet,
                        &mut budget,
                        (top as usize + row, left as usize + col),
                        text,
                        *value == Data::Empty,
                        || cell_of(value),
                    )?;
                }
            }
        }
        let merged = merged_regions(&mut book, &name);
        fill_merged(&mut sheet, &merged)?;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Puts one cell read from a workbook into the sheet, within the [`Budget`]; empty cells and
/// columns beyond [`MAX_COLUMNS`] are passed over.
fn put_cell(
    sheet: &mut Sheet,
    budget: &mut Budget,
    cell: calamine::Cell<DataRef<'_>>,
) -> Result<(), ReadError> {
    let (row, col) = cell.get_position();
    let value = cell.get_value();
    let text = match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.as_str()),
        DataRef::SharedString(s) => Some(*s),
        _ => None,
    };
    put(
        sheet,
        budget,
        (row as usize, col as usize),
        text,
        *value == DataRef::Empty,
        || cell_of(&Data::from(value.clone())),
    )
}

/// Puts a cell at (row, col) whose text (if it is text) is `text`.
fn put(
    sheet: &mut Sheet,
    budget: &mut Budget,
    (row, col): (usize, usize),
    text: Option<&str>,
    empty: bool,
    value: impl FnOnce() -> Cell,
) -> Result<(), ReadError> {
    if col >= MAX_COLUMNS || empty {
        return Ok(());
    }
    budget.cell(row, col, text)?;
    let value = value();
    if sheet.rows.len() <= row {
        sheet.rows.resize(row + 1, Vec::new());
    }
    let cells = &mut sheet.rows[row];
    if cells.len() <= col {
        cells.resize(col + 1, Cell::Empty);
    }
    cells[col] = value;
    Ok(())
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
fn fill_merged(
    sheet: &mut Sheet,
    regions: &[(usize, usize, usize, usize)],
) -> Result<(), ReadError> {
    // Many regions over the same rows would make this slow, not big: count the rows walked.
    let mut visits = 0usize;
    for &(top, left, bottom, _right) in regions {
        let value = sheet.cell(top, left).clone();
        if value.is_empty() || left >= MAX_COLUMNS {
            continue;
        }
        let bottom = bottom.min(sheet.rows.len().saturating_sub(1));
        visits += bottom.saturating_sub(top);
        if visits > limits::MAX_MERGE_VISITS {
            return Err(ReadError::TooLarge(format!(
                "工作表“{}”的合并单元格过多",
                sheet.name
            )));
        }
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
    Ok(())
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
    // UTF-16 without a BOM (some systems export it so): told by its NUL bytes.
    let utf16 = match limits::sniff_text(bytes) {
        TextKind::Utf16Le => Some(encoding_rs::UTF_16LE),
        TextKind::Utf16Be => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
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
    let mut budget = Budget::default();
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
        let mut cells: Vec<Cell> = Vec::with_capacity(record.len().min(MAX_COLUMNS));
        for (col, f) in record.iter().take(MAX_COLUMNS).enumerate() {
            cells.push(if f.trim().is_empty() {
                Cell::Empty
            } else {
                budget.cell(index, col, Some(f))?;
                Cell::Text(f.to_string())
            });
        }
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

pub use super::dates::*;

#[cfg(test)]
mod tests;
