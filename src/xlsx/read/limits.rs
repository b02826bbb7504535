//! How big a sheet may be, and the checks that hold a file to it *before* it is read whole.
//!
//! A roster file is small: a whole province is ~100,000 people in a few dozen columns. A file
//! far beyond that is a mistake or an attack, and reading it first and measuring after is
//! what killed the process (a one-cell .xlsx at XFD1048576 made calamine allocate a 512 GB
//! grid; a 1.7 MB zip of 500 MB XML took 1.6 GB). So, in this order:
//! 1. the file's size, from the file system, before a byte is read ([`MAX_FILE_BYTES`]);
//! 2. text files: the first bytes sniffed for binary content ([`sniff_text`]);
//! 3. .xlsx / .xlsb / .ods: every zip entry's declared size (the zip reader stops at the
//!    declared size, so a lying header cannot get past it), the shared-string count calamine
//!    reserves room for, and for .ods the grid its repeated rows and columns spread over
//!    ([`check_zip`]);
//! 4. .xls / .et: the sheet records' rows and columns, which calamine turns into a dense grid
//!    ([`check_xls`]);
//! 5. while the cells are read (streamed for .xlsx, never a dense grid): rows, cells, text and
//!    a cell's length ([`Budget`]).
//!
//! Every refusal is a [`ReadError`] in Chinese saying what was too large and the limit.

use std::io::{Cursor, Read};

use crate::error::ReadError;

/// The largest file read at all (a 100,000-row roster is ~15 MB as .xlsx, ~40 MB as CSV).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Sheet rows read (the row number of the last non-empty cell).
pub const MAX_ROWS: usize = 100_000;
/// Columns beyond this are ignored (a roster has a few dozen).
pub const MAX_COLUMNS: usize = 200;
/// Non-empty cells kept over the whole workbook (100,000 rows × 50 columns).
pub const MAX_CELLS: usize = 5_000_000;
/// Characters of text kept over the whole workbook (shared strings are copied per cell, so
/// a small file can name one long string millions of times).
pub const MAX_TEXT_CHARS: usize = 100_000_000;
/// Excel's own limit for one cell; a longer cell cannot come from Excel or WPS.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The uncompressed size of one XML part of a zipped workbook (a sheet, the shared strings).
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// The uncompressed size of all XML parts of a zipped workbook together.
pub const MAX_PARTS_BYTES: u64 = 300 * 1024 * 1024;
/// Cells of the dense grid calamine builds for an .xls or .ods sheet (from its first to its
/// last non-empty row and column): 65,536 rows × 61 columns.
pub const MAX_GRID_CELLS: usize = 4_000_000;
/// Cell visits while copying merged regions down (a few merged columns over every row).
pub const MAX_MERGE_VISITS: usize = 50 * MAX_ROWS;

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1024.0 / 1024.0)
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_file_size(len: u64) -> Result<(), ReadError> {
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(format!(
            "文件有 {}，最多 {}",
            mb(len),
            mb(MAX_FILE_BYTES)
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Text files

/// How the bytes of a text file are encoded, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// UTF-8, GBK / GB18030, or UTF-16 with a BOM: [`super::decode_text`] decides.
    Bytes,
    /// UTF-16 without a BOM (some exports write it so): NUL bytes at odd (LE) or even (BE)
    /// positions.
    Utf16Le,
    Utf16Be,
    /// Not text: NUL bytes, control characters or undecodable bytes.
    Binary,
}

/// How many bytes from the start [`sniff_text`] looks at.
pub const SNIFF_BYTES: usize = 4096;

/// Judges the first bytes of a would-be text file (at most [`SNIFF_BYTES`] of them are read).
pub fn sniff_text(bytes: &[u8]) -> TextKind {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if encoding_rs::Encoding::for_bom(head).is_some() {
        return TextKind::Bytes;
    }
    let pairs = head.len() / 2;
    let nul_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if nul_even + nul_odd > 0 {
        // Text in UTF-16 has its NULs mostly on one side: the high byte of ASCII characters
        // (digits, commas, line breaks: every CSV has them). A few 汉字 have a NUL low byte
        // (销 is U+9500).
        let utf16 = |nuls: usize, other: usize, kind: TextKind| {
            (pairs > 0 && other * 4 <= nuls && nuls * 10 >= pairs && utf16_is_text(head, kind))
                .then_some(kind)
        };
        return utf16(nul_odd, nul_even, TextKind::Utf16Le)
            .or_else(|| utf16(nul_even, nul_odd, TextKind::Utf16Be))
            .unwrap_or(TextKind::Binary);
    }
    // A multi-byte character may be cut at the end of the sample: UTF-8 up to there is UTF-8.
    let text = match std::str::from_utf8(head) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) if e.error_len().is_none() => std::borrow::Cow::Borrowed(
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        ),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(head);
            text
        }
    };
    if is_text(&text) {
        TextKind::Bytes
    } else {
        TextKind::Binary
    }
}

fn utf16_is_text(head: &[u8], kind: TextKind) -> bool {
    let even = &head[..head.len() & !1];
    let units = even.chunks_exact(2).map(|p| match kind {
        TextKind::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
        _ => u16::from_le_bytes([p[0], p[1]]),
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
    // The last unit may be half of a surrogate pair cut by the sample.
    let text = text.strip_suffix('\u{FFFD}').unwrap_or(&text);
    is_text(text)
}

/// Text a person could have typed: no control characters but tab, line breaks and form feed,
/// and (almost) no undecodable bytes.
fn is_text(text: &str) -> bool {
    let mut chars = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) {
            bad += 1;
        }
    }
    bad == 0 || bad * 100 <= chars
}

/// Refuses bytes that [`sniff_text`] finds binary.
pub fn check_text(bytes: &[u8]) -> Result<TextKind, ReadError> {
    match sniff_text(bytes) {
        TextKind::Binary => Err(ReadError::NotASheet(
            "文件开头含有二进制内容（不是文本），可能是程序、图片、压缩包或数据库文件改了扩展名"
                .into(),
        )),
        kind => Ok(kind),
    }
}

// ---------------------------------------------------------------------------------------------
// Zipped workbooks (.xlsx, .xlsm, .xlsb, .ods)

/// Checks a zipped workbook before calamine opens it: the declared size of every XML part,
/// the shared strings' count, and for .ods the grid each table spreads over. A zip that
/// cannot be read at all is left for calamine to report.
pub fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    let mut shared_strings = None;
    let mut ods_content = None;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let shown = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let name = shown.to_ascii_lowercase();
        // Pictures and other media are never read.
        if !(name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".bin")) {
            continue;
        }
        let size = entry.size();
        if size > MAX_PART_BYTES {
            return Err(ReadError::TooLarge(format!(
                "文件中的“{shown}”解压后有 {}，最多 {}",
                mb(size),
                mb(MAX_PART_BYTES)
            )));
        }
        total = total.saturating_add(size);
        if name.ends_with("sharedstrings.xml") {
            shared_strings = Some((i, size));
        }
        if name == "content.xml" {
            ods_content = Some(i);
        }
    }
    if total > MAX_PARTS_BYTES {
        return Err(ReadError::TooLarge(format!(
            "文件解压后有 {}，最多 {}",
            mb(total),
            mb(MAX_PARTS_BYTES)
        )));
    }
    if let Some((index, size)) = shared_strings {
        let mut head = Vec::new();
        if let Ok(entry) = zip.by_index(index) {
            let _ = entry.take(64 * 1024).read_to_end(&mut head);
        }
        // calamine reserves room for `uniqueCount` strings up front; each takes at least
        // `<si/>` (5 bytes) of the part, so a larger count is a lie.
        if let Some(count) = attribute_number(&head, b"uniqueCount")
            && count > size / 5 + 1
        {
            return Err(ReadError::Workbook(format!(
                "共享字符串表声明了 {count} 个字符串，与其内容不符"
            )));
        }
    }
    if let Some(index) = ods_content
        && let Ok(entry) = zip.by_index(index)
    {
        check_ods_content(entry)?;
    }
    Ok(())
}

/// The number in `name="123"` within the first tag that has it.
fn attribute_number(xml: &[u8], name: &[u8]) -> Option<u64> {
    let at = xml.windows(name.len()).position(|w| w == name)?;
    let rest = &xml[at + name.len()..];
    let rest = rest.strip_prefix(b"=")?;
    let quote = *rest.first()?;
    let digits: Vec<u8> = rest[1..]
        .iter()
        .take_while(|&&b| b != quote)
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.trim().parse().ok()
}

/// An .ods table is one grid in calamine, from its first to its last non-empty row and
/// column, with repeated rows and columns spread out: measure it from the tags, streaming.
fn check_ods_content(mut reader: impl Read) -> Result<(), ReadError> {
    let mut scan = OdsScan::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        carry.extend_from_slice(&buf[..n]);
        // Tags are handled whole: keep an unfinished one for the next chunk.
        let end = match carry.iter().rposition(|&b| b == b'<') {
            Some(p) if !carry[p..].contains(&b'>') => p,
            _ => carry.len(),
        };
        scan.feed(&carry[..end])?;
        carry.drain(..end);
        if carry.len() > MAX_PART_BYTES as usize {
            break;
        }
    }
    scan.feed(&carry)?;
    scan.end_table()
}

#[derive(Default)]
struct OdsScan {
    /// The row the next `<table:table-row>` starts at.
    row: u64,
    /// The current row's repeat count, and the column its next cell starts at.
    row_repeats: u64,
    col: u64,
    /// The current row's last non-empty column + 1.
    row_width: u64,
    first_row: Option<u64>,
    last_row: u64,
    width: u64,
}

impl OdsScan {
    fn feed(&mut self, xml: &[u8]) -> Result<(), ReadError> {
        let mut i = 0;
        while let Some(p) = xml[i..].iter().position(|&b| b == b'<') {
            let start = i + p;
            let Some(len) = xml[start..].iter().position(|&b| b == b'>') else {
                break;
            };
            let tag = &xml[start + 1..start + len];
            i = start + len + 1;
            // The name ends at a space or the `/` of `<x/>` (a leading `/` is an end tag's).
            let name_end = tag
                .iter()
                .skip(1)
                .position(|b| b.is_ascii_whitespace() || *b == b'/')
                .map_or(tag.len(), |p| p + 1);
            match &tag[..name_end] {
                b"table:table" => self.end_table()?,
                b"table:table-row" => {
                    self.row_repeats = attribute_number(tag, b"table:number-rows-repeated")
                        .unwrap_or(1)
                        .max(1);
                    self.col = 0;
                    self.row_width = 0;
                    if tag.ends_with(b"/") {
                        self.end_row();
                    }
                }
                b"/table:table-row" => self.end_row(),
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let repeats = attribute_number(tag, b"table:number-columns-repeated")
                        .unwrap_or(1)
                        .max(1);
                    // calamine caps a row at 16,384 columns.
                    let end = self.col.saturating_add(repeats).min(16_384);
                    let empty =
                        tag.ends_with(b"/") && !tag.windows(16).any(|w| w == b"office:value-typ");
                    if !empty {
                        self.row_width = end;
                    }
                    self.col = end;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn end_row(&mut self) {
        let repeats = self.row_repeats.max(1);
        if self.row_width > 0 {
            self.first_row.get_or_insert(self.row);
            self.last_row = self.row.saturating_add(repeats);
            self.width = self.width.max(self.row_width);
        }
        // calamine caps a table at 1,048,576 rows.
        self.row = self.row.saturating_add(repeats).min(1_048_576);
        self.row_repeats = 1;
        self.row_width = 0;
    }

    fn end_table(&mut self) -> Result<(), ReadError> {
        if let Some(first) = self.first_row {
            let rows = self.last_row.saturating_sub(first);
            let cells = rows.saturating_mul(self.width);
            if rows > MAX_ROWS as u64 || cells > MAX_GRID_CELLS as u64 {
                return Err(grid_too_large(rows, self.width));
            }
        }
        *self = OdsScan::default();
        Ok(())
    }
}

fn grid_too_large(rows: u64, columns: u64) -> ReadError {
    if rows > MAX_ROWS as u64 {
        ReadError::TooLarge(format!("工作表有 {rows} 行，最多 {MAX_ROWS} 行"))
    } else {
        ReadError::TooLarge(format!(
            "工作表的数据区有 {rows} 行 × {columns} 列，共 {} 个单元格，最多 {MAX_GRID_CELLS} 个（可能是远处有零星内容，请删去）",
            rows.saturating_mul(columns)
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// .xls / .et (BIFF in a compound file)

/// Checks an .xls before calamine opens it. calamine reads every sheet when it opens the file
/// and makes each a dense grid from its records' rows and columns (and reserves room from the
/// DIMENSIONS record): measure both from the records first. A file whose compound structure
/// cannot be read here is refused as damaged: calamine's own reader is more lenient, and a
/// damaged file it accepted made it fill 24 GB (found by the fuzz target `sheet`).
pub fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let damaged = || ReadError::Workbook("文件结构已损坏".into());
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged())?;
    let path = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|p| cfb.is_stream(p))
        .ok_or_else(damaged)?;
    let stream = cfb.open_stream(path).map_err(|_| damaged())?;
    let mut data = Vec::new();
    stream
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|_| damaged())?;
    check_biff(&data)
}

/// One substream's extent of cell records.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col_first: u32, col_last: u32) {
        let (r0, r1) = self.rows.unwrap_or((row, row));
        self.rows = Some((r0.min(row), r1.max(row)));
        let (c0, c1) = self.cols.unwrap_or((col_first, col_last));
        self.cols = Some((c0.min(col_first), c1.max(col_last)));
    }

    fn check(&self) -> Result<(), ReadError> {
        if let (Some((r0, r1)), Some((c0, c1))) = (self.rows, self.cols) {
            let rows = u64::from(r1 - r0) + 1;
            let cols = u64::from(c1.saturating_sub(c0)) + 1;
            if rows.saturating_mul(cols) > MAX_GRID_CELLS as u64 {
                return Err(grid_too_large(rows, cols));
            }
        }
        Ok(())
    }
}

fn check_biff(data: &[u8]) -> Result<(), ReadError> {
    let u16_at = |d: &[u8], at: usize| d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut at = 0usize;
    let mut depth = 0usize;
    let mut extent = Extent::default();
    while let (Some(typ), Some(len)) = (u16_at(data, at), u16_at(data, at + 2)) {
        let start = at + 4;
        let end = (start + len as usize).min(data.len());
        let r = &data[start..end];
        at = start + len as usize;
        match typ {
            // BOF: a sheet (or a chart inside one) begins.
            0x0809 => depth += 1,
            // EOF
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    extent.check()?;
                    extent = Extent::default();
                }
            }
            // DIMENSIONS: calamine reserves room for rows × columns of cells.
            0x0200 => {
                let (rows, cols) = match r.len() {
                    10 => (
                        u32::from(u16_at(r, 2).unwrap_or(0))
                            .saturating_sub(u32::from(u16_at(r, 0).unwrap_or(0))),
                        u32::from(u16_at(r, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u32_at(r, 4)
                            .unwrap_or(0)
                            .saturating_sub(u32_at(r, 0).unwrap_or(0)),
                        u32::from(u16_at(r, 10).unwrap_or(0)),
                    ),
                    _ => (0, 0),
                };
                if u64::from(rows).saturating_mul(u64::from(cols)) > MAX_GRID_CELLS as u64 {
                    return Err(grid_too_large(u64::from(rows), u64::from(cols)));
                }
            }
            // Number, Label, RString, BoolErr, Formula, RK, LabelSst: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(r, 0), u16_at(r, 2)) {
                    extent.add(u32::from(row), u32::from(col), u32::from(col));
                }
            }
            // MulRk: row, first column, …, last column.
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(r, 0),
                    u16_at(r, 2),
                    r.len().checked_sub(2).and_then(|e| u16_at(r, e)),
                ) {
                    extent.add(u32::from(row), u32::from(first), u32::from(last.max(first)));
                }
            }
            _ => {}
        }
    }
    extent.check()
}

// ---------------------------------------------------------------------------------------------
// While reading

/// What has been kept so far, against [`MAX_CELLS`] and [`MAX_TEXT_CHARS`].
#[derive(Debug, Default)]
pub struct Budget {
    cells: usize,
    chars: usize,
}

impl Budget {
    /// Counts one non-empty cell at 0-based `row`, `col` holding `text` (None for a number,
    /// date or boolean).
    pub fn cell(&mut self, row: usize, col: usize, text: Option<&str>) -> Result<(), ReadError> {
        if row >= MAX_ROWS {
            return Err(ReadError::TooManyRows(row + 1));
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(ReadError::TooLarge(format!(
                "非空单元格超过 {MAX_CELLS} 个"
            )));
        }
        if let Some(text) = text {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(ReadError::TooLarge(format!(
                    "第 {} 行 {} 列的单元格有 {chars} 个字符，超过了 Excel 单元格最多 {MAX_CELL_CHARS} 个字符的上限",
                    row + 1,
                    super::column_letter(col)
                )));
            }
            self.chars += chars;
            if self.chars > MAX_TEXT_CHARS {
                return Err(ReadError::TooLarge(format!(
                    "文字共超过 {MAX_TEXT_CHARS} 个字符"
                )));
            }
        }
        Ok(())
    }
}
