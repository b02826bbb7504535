//! Every list written out as .xlsx: 职工名单, an activity's 考勤, 出勤率, 活动列表 / 活动台账 and
//! 队伍结构. Each sheet has Chinese headers in a frozen header row (under an optional title
//! row), dates as real Excel dates, shares as percentages and columns as wide as their content.
//! Personal numbers (身份证号, 手机, the day of birth) are masked unless `full` is asked for.
//!
//! Every export is made in memory first ([`Export`]), so the desktop can report a problem before
//! asking where to save, and the CLI writes nothing when it fails.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde::{Deserialize, Serialize};

use crate::activities::{self, Activity, ActivityFilter};
use crate::attendance::{self, Counts, RateQuery, SheetRow};
use crate::codes::{ActivityKind, ActivityStatus};
use crate::collate::{NameOrder, sort_by_name};
use crate::error::{Error, Result};
use crate::people::{self, Person, PersonFilter};
use crate::structure::{self, Population, Share, StructureQuery};
use crate::units;

/// Number formats of date, date-time and share cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
pub const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm";
pub const PERCENT_FORMAT: &str = "0.0%";
const DECIMAL_FORMAT: &str = "0.0";

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// One decimal (ages).
    Decimal(f64),
    /// 0–1, shown as 92.3%.
    Percent(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn opt_text(s: Option<&str>) -> Cell {
        Cell::text(s.unwrap_or_default())
    }

    fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    fn opt_percent(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Percent)
    }

    /// Roughly how many "half-width" characters the cell shows (CJK counts 2).
    fn display_width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => text_width(s),
            Cell::Int(n) => n.to_string().len(),
            Cell::Decimal(_) => 5,
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
    fn new(sheet: &str, title: Option<String>, headers: &[&str]) -> Table {
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

fn xlsx_error(e: XlsxError) -> Error {
    Error::invalid("导出", format!("无法生成 Excel 文件：{e}"))
}

/// Characters file systems refuse become '_'.
fn safe_file_name(name: &str) -> String {
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

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    // Excel's dates begin in 1900.
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn excel_datetime(t: NaiveDateTime) -> Option<ExcelDateTime> {
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

fn finish(tables: Vec<Table>, file_name: &str) -> Result<Export> {
    let bytes = workbook(&tables)?;
    Ok(Export {
        bytes,
        file_name: safe_file_name(file_name),
        rows: tables.first().map_or(0, |t| t.rows.len()),
        sheets: tables.into_iter().map(|t| t.sheet).collect(),
    })
}

fn exported_on(today: NaiveDate) -> String {
    format!("导出日期：{}", crate::pdf::chinese_date(today))
}

/// Each unit's place in the tree (for ordering by unit).
fn unit_ranks(conn: &Connection) -> Result<HashMap<i64, i64>> {
    Ok(units::list(conn)?
        .into_iter()
        .enumerate()
        .map(|(i, u)| (u.id, i as i64))
        .collect())
}

fn yes(b: bool) -> Cell {
    Cell::text(if b { "是" } else { "" })
}

// ---- 职工名单

/// Which staff and how (the people list's filter, the roster's order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeopleExport {
    pub filter: PersonFilter,
    pub order: NameOrder,
    /// 身份证号, 手机 and the full birth date unmasked.
    pub full: bool,
}

/// 职工名单: everyone matching the filter, in the chosen order. Masked unless `full`: the ID
/// and phone numbers keep only their ends and 出生日期 becomes 出生年月 (text "1985.03").
pub fn people(conn: &Connection, q: &PeopleExport, today: NaiveDate) -> Result<Export> {
    let mut staff: Vec<Person> = people::list(conn, &q.filter, 0, i64::MAX)?.items;
    let ranks = unit_ranks(conn)?;
    sort_by_name(
        &mut staff,
        q.order,
        |p| p.name.as_str(),
        |p| ranks.get(&p.unit_id).copied().unwrap_or(i64::MAX),
        |p| p.employee_no.as_str(),
    );
    let scope = match q.filter.unit_id {
        Some(id) => units::get(conn, id)?.name,
        None => "全部单位".to_string(),
    };
    let birth = if q.full {
        "出生日期"
    } else {
        "出生年月"
    };
    let mut headers = vec![
        "序号",
        "工号",
        "姓名",
        "所在单位",
        "性别",
        birth,
        "年龄",
        "民族",
        "政治面貌",
        "学历",
        "职称",
        "技能等级",
        "岗位",
        "参加工作时间",
        "入职时间",
        "身份证号",
        "手机",
        "政工干部",
        "后备人才",
        "退休类别",
    ];
    let include_left = q.filter.include_left;
    if include_left {
        headers.extend(["状态", "离职日期", "离职原因"]);
    }
    let title = format!(
        "{scope}职工名单（{} 人，排序：{}；{}）",
        staff.len(),
        q.order.label(),
        exported_on(today)
    );
    let mut t = Table::new("职工名单", Some(title), &headers);
    for (i, p) in staff.into_iter().enumerate() {
        let p = if q.full { p } else { p.masked() };
        let birth = if q.full {
            Cell::Date(p.birth_date)
        } else {
            Cell::text(p.birth_date.format("%Y.%m").to_string())
        };
        let mut row = vec![
            Cell::Int(i as i64 + 1),
            Cell::text(&p.employee_no),
            Cell::text(&p.name),
            Cell::text(&p.unit_name),
            Cell::text(p.gender.label()),
            birth,
            Cell::Int(i64::from(structure::age_on(p.birth_date, today))),
            Cell::opt_text(p.ethnicity.map(|e| e.label())),
            Cell::opt_text(p.political_status.map(|s| s.label())),
            Cell::opt_text(p.education.map(|s| s.label())),
            Cell::opt_text(p.professional_title.map(|s| s.label())),
            Cell::opt_text(p.skill_level.map(|s| s.label())),
            Cell::opt_text(p.position.as_deref()),
            Cell::opt_date(p.work_start_date),
            Cell::opt_date(p.hire_date),
            Cell::opt_text(p.id_number.as_deref()),
            Cell::opt_text(p.phone.as_deref()),
            yes(p.political_cadre),
            yes(p.reserve_talent),
            Cell::opt_text(p.retirement_category.map(|c| c.label())),
        ];
        if include_left {
            row.extend([
                Cell::text(p.status_label()),
                Cell::opt_date(p.left_date),
                Cell::opt_text(p.leave_reason.as_deref()),
            ]);
        }
        t.rows.push(row);
    }
    finish(vec![t], &format!("职工名单-{scope}"))
}

// ---- 考勤

/// An activity's attendance: invitees (then walk-ins, marked 非名单人员) in `order` with status,
/// check-in time and leave reason; a second sheet with the counts and the rate.
pub fn attendance(
    conn: &Connection,
    activity_id: i64,
    order: NameOrder,
    today: NaiveDate,
) -> Result<Export> {
    let sheet = attendance::sheet(conn, activity_id)?;
    let a = &sheet.activity;
    let ranks = unit_ranks(conn)?;
    let mut unit_of: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT unit_id FROM person WHERE id = ?1")?;
    for r in &sheet.rows {
        let unit: i64 = stmt.query_row([r.person_id], |row| row.get(0))?;
        unit_of.insert(r.person_id, ranks.get(&unit).copied().unwrap_or(i64::MAX));
    }
    let (mut invited, mut walk_ins): (Vec<&SheetRow>, Vec<&SheetRow>) =
        sheet.rows.iter().partition(|r| r.invited);
    for group in [&mut invited, &mut walk_ins] {
        sort_by_name(
            group,
            order,
            |r| r.name.as_str(),
            |r| unit_of.get(&r.person_id).copied().unwrap_or(i64::MAX),
            |r| r.employee_no.as_str(),
        );
    }
    let title = format!(
        "{} 考勤（{}，{}）",
        a.title,
        a.starts_at.format("%Y-%m-%d %H:%M"),
        exported_on(today)
    );
    let mut t = Table::new(
        "考勤",
        Some(title),
        &[
            "序号",
            "工号",
            "姓名",
            "部门(班组)",
            "岗位",
            "状态",
            "签到时间",
            "请假事由",
            "备注",
        ],
    );
    for (i, r) in invited.iter().chain(&walk_ins).enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::text(&r.employee_no),
            Cell::text(&r.name),
            Cell::text(&r.unit_name),
            Cell::opt_text(r.position.as_deref()),
            Cell::text(r.status_label),
            r.checked_in_at.map_or(Cell::Empty, Cell::DateTime),
            Cell::opt_text(r.leave_reason.as_deref()),
            Cell::text(if r.invited { "" } else { "非名单人员" }),
        ]);
    }
    let c = &sheet.counts;
    let mut summary = Table::new("汇总", Some(a.title.clone()), &["项目", "数值"]);
    let held = a.status == ActivityStatus::Held;
    let count = |label: &str, n: i64| vec![Cell::text(label), Cell::Int(n)];
    summary.rows.extend([
        vec![Cell::text("活动时间"), Cell::DateTime(a.starts_at)],
        vec![Cell::text("活动类型"), Cell::text(a.kind.label())],
        vec![Cell::text("活动形式"), Cell::text(a.mode.label())],
        vec![Cell::text("活动状态"), Cell::text(a.status.label())],
        count("应到", c.invited),
        count("实到", c.attended),
        count("出席", c.present),
        count("迟到", c.late),
        count("请假", c.leave),
        count("缺席", c.absent),
    ]);
    if !held {
        summary.rows.push(count("未签到", c.not_checked_in));
    }
    summary.rows.extend([
        count("非名单人员", c.walk_ins),
        vec![Cell::text("出勤率"), Cell::opt_percent(c.rate)],
    ]);
    finish(vec![t, summary], &format!("考勤-{}", a.title))
}

// ---- 出勤率

/// Which tables of the rates: by unit, by person, or both (two sheets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RatesBy {
    Unit,
    Person,
    #[default]
    Both,
}

fn count_cells(c: &Counts) -> Vec<Cell> {
    vec![
        Cell::Int(c.invited),
        Cell::Int(c.attended),
        Cell::Int(c.late),
        Cell::Int(c.leave),
        Cell::Int(c.absent),
        Cell::opt_percent(c.rate),
    ]
}

/// 出勤率 of held activities in the period: per unit (each with its sub-units) and / or per
/// person (lowest rate first).
pub fn rates(conn: &Connection, q: &RateQuery, by: RatesBy, today: NaiveDate) -> Result<Export> {
    let scope = match q.unit_id {
        Some(id) => units::get(conn, id)?.name,
        None => "全部单位".to_string(),
    };
    let period = format!(
        "{}至{}",
        crate::pdf::chinese_date(q.from),
        crate::pdf::chinese_date(q.to)
    );
    let mut tables = Vec::new();
    if by != RatesBy::Person {
        let list = attendance::rates_by_unit(conn, q)?;
        let mut t = Table::new(
            "按单位",
            Some(format!(
                "{scope}出勤率（按单位，含下级；{period}；{}）",
                exported_on(today)
            )),
            &[
                "单位",
                "单位路径",
                "应到",
                "实到",
                "迟到",
                "请假",
                "缺席",
                "出勤率",
            ],
        );
        for r in &list {
            let mut row = vec![
                // Full-width spaces show the tree in the sheet.
                Cell::text(format!("{}{}", "\u{3000}".repeat(r.depth as usize), r.name)),
                Cell::text(&r.path),
            ];
            row.extend(count_cells(&r.counts));
            t.rows.push(row);
        }
        tables.push(t);
    }
    if by != RatesBy::Unit {
        let list = attendance::rates_by_person(conn, q)?;
        let mut t = Table::new(
            "按人员",
            Some(format!(
                "{scope}出勤率（按人员，低的在前；{period}；{}）",
                exported_on(today)
            )),
            &[
                "工号",
                "姓名",
                "单位",
                "应到",
                "实到",
                "迟到",
                "请假",
                "缺席",
                "出勤率",
            ],
        );
        for r in &list {
            let mut row = vec![
                Cell::text(&r.employee_no),
                Cell::text(&r.name),
                Cell::text(&r.unit_name),
            ];
            row.extend(count_cells(&r.counts));
            t.rows.push(row);
        }
        tables.push(t);
    }
    finish(
        tables,
        &format!(
            "出勤率-{scope}-{}至{}",
            q.from.format("%Y%m%d"),
            q.to.format("%Y%m%d")
        ),
    )
}

// ---- 活动台账 / 活动列表

/// One activity of a ledger with its counts (only for held activities).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerEntry {
    pub activity: Activity,
    pub counts: Option<Counts>,
}

/// Sums of a ledger, per kind and overall (应到 / 实到 / 请假 over the held activities).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LedgerTotals {
    pub activities: i64,
    pub held: i64,
    pub invited: i64,
    pub attended: i64,
    pub leave: i64,
}

impl LedgerTotals {
    fn add(&mut self, o: &LedgerTotals) {
        self.activities += o.activities;
        self.held += o.held;
        self.invited += o.invited;
        self.attended += o.attended;
        self.leave += o.leave;
    }

    pub fn rate(&self) -> Option<f64> {
        let expected = self.invited - self.leave;
        (expected > 0).then(|| self.attended as f64 / expected as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ledger {
    pub entries: Vec<LedgerEntry>,
    /// In the kinds' display order.
    pub per_kind: Vec<(ActivityKind, LedgerTotals)>,
    pub total: LedgerTotals,
}

/// The activities matching `filter` with their counts and totals: what the printed 活动台账
/// shows (there: organised by a unit or below it, in a period, soonest first, not cancelled).
pub fn ledger_entries(
    conn: &Connection,
    filter: &ActivityFilter,
    include_cancelled: bool,
) -> Result<Ledger> {
    let list = activities::list(conn, filter, 0, i64::MAX)?.items;
    let mut per_kind: BTreeMap<ActivityKind, LedgerTotals> = BTreeMap::new();
    let mut total = LedgerTotals::default();
    let mut entries = Vec::with_capacity(list.len());
    for a in list {
        if a.status == ActivityStatus::Cancelled && !include_cancelled {
            continue;
        }
        let mut t = LedgerTotals {
            activities: 1,
            ..Default::default()
        };
        let counts = if a.status == ActivityStatus::Held {
            let c = attendance::counts(conn, a.id)?;
            t.held = 1;
            t.invited = c.invited;
            t.attended = c.attended;
            t.leave = c.leave;
            Some(c)
        } else {
            None
        };
        per_kind.entry(a.kind).or_default().add(&t);
        total.add(&t);
        entries.push(LedgerEntry {
            activity: a,
            counts,
        });
    }
    Ok(Ledger {
        entries,
        per_kind: per_kind.into_iter().collect(),
        total,
    })
}

fn ledger_tables(ledger: &Ledger, title: String, with_status: bool) -> Vec<Table> {
    let mut headers = vec![
        "序号",
        "日期",
        "开始时间",
        "类型",
        "形式",
        "活动名称",
        "主办单位",
        "主讲人",
    ];
    if with_status {
        headers.push("状态");
    }
    headers.extend(["应到", "实到", "迟到", "请假", "缺席", "出勤率"]);
    let mut t = Table::new("活动台账", Some(title.clone()), &headers);
    for (i, e) in ledger.entries.iter().enumerate() {
        let a = &e.activity;
        let mut row = vec![
            Cell::Int(i as i64 + 1),
            Cell::Date(a.starts_at.date()),
            Cell::text(a.starts_at.format("%H:%M").to_string()),
            Cell::text(a.kind.label()),
            Cell::text(a.mode.label()),
            Cell::text(&a.title),
            Cell::opt_text(a.organizer_name.as_deref()),
            Cell::opt_text(a.host.as_deref()),
        ];
        if with_status {
            row.push(Cell::text(a.status.label()));
        }
        match &e.counts {
            Some(c) => row.extend([
                Cell::Int(c.invited),
                Cell::Int(c.attended),
                Cell::Int(c.late),
                Cell::Int(c.leave),
                Cell::Int(c.absent),
                Cell::opt_percent(c.rate),
            ]),
            None => row.extend([
                Cell::Int(a.invited),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text(if a.status == ActivityStatus::Cancelled {
                    "已取消"
                } else {
                    "未开展"
                }),
            ]),
        }
        t.rows.push(row);
    }
    let mut sums = Table::new(
        "分类汇总",
        Some(format!(
            "{title}　分类汇总（应到、实到、请假和出勤率按已开展的活动统计）"
        )),
        &[
            "活动类型",
            "项数",
            "已开展",
            "应到",
            "实到",
            "请假",
            "出勤率",
        ],
    );
    let sum_row = |label: &str, s: &LedgerTotals| {
        vec![
            Cell::text(label),
            Cell::Int(s.activities),
            Cell::Int(s.held),
            Cell::Int(s.invited),
            Cell::Int(s.attended),
            Cell::Int(s.leave),
            Cell::opt_percent(s.rate()),
        ]
    };
    for (kind, s) in &ledger.per_kind {
        sums.rows.push(sum_row(kind.label(), s));
    }
    sums.rows.push(sum_row("合计", &ledger.total));
    vec![t, sums]
}

/// 活动台账 of a unit (with the units below it; None: all activities) for a period, as
/// printed: every activity not cancelled, soonest first, then the totals per kind.
pub fn ledger(
    conn: &Connection,
    unit_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Export> {
    if to < from {
        return Err(Error::invalid("截止日期", "不能早于起始日期"));
    }
    let scope = match unit_id {
        Some(id) => units::get(conn, id)?.name,
        None => "全部单位".to_string(),
    };
    let filter = ActivityFilter {
        from: Some(from),
        to: Some(to),
        organizer_unit_id: unit_id,
        ascending: true,
        ..Default::default()
    };
    let ledger = ledger_entries(conn, &filter, false)?;
    let title = format!(
        "{scope}活动台账（{}至{}；{}）",
        crate::pdf::chinese_date(from),
        crate::pdf::chinese_date(to),
        exported_on(today)
    );
    finish(
        ledger_tables(&ledger, title, false),
        &format!(
            "活动台账-{scope}-{}至{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
    )
}

/// The 活动管理 list as filtered on screen (cancelled ones included, with a 状态 column).
pub fn activity_list(
    conn: &Connection,
    filter: &ActivityFilter,
    today: NaiveDate,
) -> Result<Export> {
    let ledger = ledger_entries(conn, filter, true)?;
    let title = format!(
        "活动列表（{} 项；{}）",
        ledger.entries.len(),
        exported_on(today)
    );
    finish(ledger_tables(&ledger, title, true), "活动列表")
}

// ---- 队伍结构

fn share_table(sheet: &str, what: &str, title: &str, shares: &[Share]) -> Table {
    let mut t = Table::new(
        sheet,
        Some(format!("{title}　{what}")),
        &[what, "人数", "占比"],
    );
    for s in shares {
        t.rows.push(vec![
            Cell::text(&s.label),
            Cell::Int(s.count),
            Cell::Percent(s.share),
        ]);
    }
    let total: i64 = shares.iter().map(|s| s.count).sum();
    t.rows.push(vec![
        Cell::text("合计"),
        Cell::Int(total),
        Cell::Percent(if total > 0 { 1.0 } else { 0.0 }),
    ]);
    t
}

/// 队伍结构 of a population on a date: 主要指标, 年龄结构 (the pyramid), 学历, 职称, 技能等级 and
/// 政治面貌, each with counts and shares.
pub fn structure(conn: &Connection, q: &StructureQuery) -> Result<Export> {
    let s = structure::snapshot(conn, q)?;
    let scope = match q.unit_id {
        Some(id) => units::get(conn, id)?.name,
        None => "全部单位".to_string(),
    };
    let title = format!(
        "{scope}{}队伍结构（统计日期 {}）",
        q.population.label(),
        crate::pdf::chinese_date(q.as_of)
    );
    let mut ind = Table::new("主要指标", Some(title.clone()), &["指标", "数值"]);
    let opt_decimal = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Decimal);
    ind.rows.extend([
        vec![Cell::text("单位"), Cell::text(&scope)],
        vec![Cell::text("人员范围"), Cell::text(q.population.label())],
        vec![Cell::text("统计日期"), Cell::Date(q.as_of)],
        vec![Cell::text("人数"), Cell::Int(s.headcount)],
        vec![Cell::text("平均年龄（岁）"), opt_decimal(s.average_age)],
        vec![Cell::text("年龄中位数（岁）"), opt_decimal(s.median_age)],
        vec![
            Cell::text("35岁及以下占比"),
            Cell::opt_percent(s.share_35_and_under),
        ],
        vec![
            Cell::text("50岁及以上占比（老龄化）"),
            Cell::opt_percent(s.share_50_and_over),
        ],
    ]);
    let mut pyramid = Table::new(
        "年龄结构",
        Some(format!("{title}　年龄结构")),
        &["年龄段", "男", "女", "合计", "占比"],
    );
    let share = |n: i64| {
        if s.headcount > 0 {
            n as f64 / s.headcount as f64
        } else {
            0.0
        }
    };
    for r in &s.pyramid {
        let n = r.male + r.female;
        pyramid.rows.push(vec![
            Cell::text(&r.label),
            Cell::Int(r.male),
            Cell::Int(r.female),
            Cell::Int(n),
            Cell::Percent(share(n)),
        ]);
    }
    let (male, female) = s
        .pyramid
        .iter()
        .fold((0, 0), |(m, f), r| (m + r.male, f + r.female));
    pyramid.rows.push(vec![
        Cell::text("合计"),
        Cell::Int(male),
        Cell::Int(female),
        Cell::Int(male + female),
        Cell::Percent(share(male + female)),
    ]);
    let tables = vec![
        ind,
        pyramid,
        share_table("学历", "学历", &title, &s.education),
        share_table("职称", "职称", &title, &s.professional_title),
        share_table("技能等级", "技能等级", &title, &s.skill_level),
        share_table("政治面貌", "政治面貌", &title, &s.political_status),
    ];
    let mut export = finish(
        tables,
        &format!(
            "队伍结构-{scope}-{}-{}",
            q.population.label(),
            q.as_of.format("%Y%m%d")
        ),
    )?;
    export.rows = s.headcount as usize;
    Ok(export)
}

// ---- one entry point for the desktop and the CLI

/// One export, as the 导出 buttons ask for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportJob {
    People {
        #[serde(default)]
        filter: PersonFilter,
        #[serde(default)]
        order: NameOrder,
        #[serde(default)]
        full: bool,
    },
    Attendance {
        activity_id: i64,
        #[serde(default)]
        order: NameOrder,
    },
    Rates {
        from: NaiveDate,
        to: NaiveDate,
        #[serde(default)]
        unit_id: Option<i64>,
        #[serde(default)]
        by: RatesBy,
    },
    Ledger {
        #[serde(default)]
        unit_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    },
    Activities {
        #[serde(default)]
        filter: ActivityFilter,
    },
    Structure {
        #[serde(default)]
        unit_id: Option<i64>,
        #[serde(default)]
        population: Population,
        /// Default: today.
        #[serde(default)]
        as_of: Option<NaiveDate>,
    },
}

/// Makes the workbook for `job`; `today` is the export date (and the date ages are computed on).
pub fn render(conn: &Connection, job: &ExportJob, today: NaiveDate) -> Result<Export> {
    match job {
        ExportJob::People {
            filter,
            order,
            full,
        } => people(
            conn,
            &PeopleExport {
                filter: filter.clone(),
                order: *order,
                full: *full,
            },
            today,
        ),
        ExportJob::Attendance { activity_id, order } => {
            attendance(conn, *activity_id, *order, today)
        }
        ExportJob::Rates {
            from,
            to,
            unit_id,
            by,
        } => rates(
            conn,
            &RateQuery {
                from: *from,
                to: *to,
                unit_id: *unit_id,
            },
            *by,
            today,
        ),
        ExportJob::Ledger { unit_id, from, to } => ledger(conn, *unit_id, *from, *to, today),
        ExportJob::Activities { filter } => activity_list(conn, filter, today),
        ExportJob::Structure {
            unit_id,
            population,
            as_of,
        } => structure(
            conn,
            &StructureQuery {
                unit_id: *unit_id,
                population: *population,
                as_of: as_of.unwrap_or(today),
            },
        ),
    }
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
