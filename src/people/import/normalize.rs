//! One sheet row made into a staff record's fields: full-width folding, stray spaces, dates in
//! every typed form, lower-case x in ID numbers, 党员 / 共产党员 ….

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::codes::{
    Education, Ethnicity, Gender, PoliticalStatus, RetirementCategory, SkillLevel, fold_input,
};
use crate::error::Result;
use crate::idcard::{self, IdNumber};
use crate::xlsx::read::{self, Cell, DateValue, Precision};

/// One row as read and normalised, before it meets the database. Fields the sheet leaves
/// blank (or does not have) are None.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowData {
    pub employee_no: Option<String>,
    pub name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_date: Option<DateValue>,
    pub id_number: Option<IdNumber>,
    /// Unit names from the top down (部门, 班组; or one cell 营销部/一班).
    pub unit_path: Vec<String>,
    pub position: Option<String>,
    pub education: Option<Education>,
    pub professional_title: Option<String>,
    pub skill_level: Option<SkillLevel>,
    pub political_status: Option<PoliticalStatus>,
    pub ethnicity: Option<Ethnicity>,
    pub work_start_date: Option<DateValue>,
    pub hire_date: Option<DateValue>,
    pub phone: Option<String>,
    pub political_cadre: Option<bool>,
    pub reserve_talent: Option<bool>,
    pub retirement_category: Option<RetirementCategory>,
}

impl RowData {
    /// Nothing in any mapped column: a blank row, a row of 序号 only, a note under the table.
    pub fn is_empty(&self) -> bool {
        *self == RowData::default()
    }
}

/// The longest text a mapped cell may hold: far above any real field (a unit path of a few
/// levels, a 岗位 of 50 characters), low enough that the preview stays readable.
pub const MAX_FIELD_CHARS: usize = 1_000;

/// Placeholders people put in a cell that means "nothing".
fn is_placeholder(s: &str) -> bool {
    matches!(
        s,
        "-" | "--" | "—" | "——" | "/" | "\\" | "、" | "－" | "／" | "…" | "..."
    )
}

/// A text cell's content for a field: trimmed, None when blank or a placeholder.
fn cell_text(cell: &Cell) -> Option<String> {
    let s = cell.text();
    let s = s.trim();
    (!s.is_empty() && !is_placeholder(s)).then(|| s.to_string())
}

fn parse_code<T>(
    text: &str,
    parse: impl Fn(&str) -> std::result::Result<T, crate::codes::CodeError>,
) -> Result<T, String> {
    parse(text).map_err(|e| e.to_string())
}

fn parse_flag(label: &str, cell: &Cell) -> Result<bool, String> {
    if let Cell::Bool(b) = cell {
        return Ok(*b);
    }
    let s = fold_input(&cell.text()).to_lowercase();
    match s.as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "有" => Ok(true),
        "否" | "n" | "no" | "false" | "0" | "×" | "✗" | "无" | "不是" => Ok(false),
        _ => Err(format!("{label}“{}”无法识别，请填“是”或“否”", cell.text())),
    }
}

fn parse_date_field(label: &str, cell: &Cell) -> Result<DateValue, String> {
    read::parse_date_value(cell).map_err(|e| format!("{label}{e}"))
}

/// Full-width letters and digits folded (ＧＩＳ运维 → GIS运维), runs of spaces made one.
fn fold_width(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// 张 三 → 张三; 阿不都.热合曼 → 阿不都·热合曼 (the middle dot of minority names, typed in
/// many ways).
fn normalize_name(s: &str) -> String {
    fold_input(s)
        .chars()
        .map(|c| match c {
            '.' | '•' | '・' | '‧' | '∙' | '．' | '。' => '·',
            c => c,
        })
        .collect()
}

/// 138 1234 5678, 138-1234-5678, +86 13812345678 → 13812345678; landlines keep their dash.
fn normalize_phone(s: &str) -> String {
    let folded = fold_input(s);
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("86")
        .filter(|d| d.len() == 11 && d.starts_with('1'))
        .unwrap_or(&digits);
    if digits.len() == 11 && digits.starts_with('1') {
        digits.to_string()
    } else {
        folded
    }
}

fn read_id_number(cell: &Cell) -> Result<Option<IdNumber>, String> {
    const LOST: &str = "身份证号在表格中被存成了数字，后几位已丢失（Excel 只保留 15 位有效数字）。请把该列设为“文本”格式后重新录入";
    match cell {
        Cell::Number(n) if n.abs() >= 1e15 => return Err(LOST.into()),
        Cell::Text(s) if s.contains(['E', 'e']) && s.contains('+') => return Err(LOST.into()),
        _ => {}
    }
    let Some(text) = cell_text(cell) else {
        return Ok(None);
    };
    idcard::parse(&text)
        .map(Some)
        .map_err(|e| format!("身份证号{e}"))
}

/// Reads and normalises the mapped cells of one row. All problems of the row are reported
/// together (without the row number), each naming its field.
pub fn normalize_row(cells: &[Cell], mapping: &Mapping) -> Result<RowData, Vec<String>> {
    let (row, errors) = normalize_row_lenient(cells, mapping);
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(errors)
    }
}

/// Like [`normalize_row`], but also gives what could be read when some fields could not (a
/// field in error is left None): the import still matches the row's unit and checks the rest,
/// so a row's problems come all at once rather than one wave after another.
pub fn normalize_row_lenient(cells: &[Cell], mapping: &Mapping) -> (RowData, Vec<String>) {
    let mut row = RowData::default();
    let mut errors: Vec<String> = Vec::new();
    let empty = Cell::Empty;
    for col in &mapping.columns {
        let Some(field) = col.field else { continue };
        let cell = cells.get(col.index).unwrap_or(&empty);
        if let Cell::Text(text) = cell
            && text.len() > MAX_FIELD_CHARS
        {
            let chars = text.chars().count();
            if chars > MAX_FIELD_CHARS {
                errors.push(format!(
                    "{}（{} 列）过长：共 {chars} 个字，最多 {MAX_FIELD_CHARS} 个",
                    field.label(),
                    col.letter
                ));
                continue;
            }
        }
        if field == Field::IdNumber {
            match read_id_number(cell) {
                Ok(id) => row.id_number = id,
                Err(e) => errors.push(e),
            }
            continue;
        }
        let Some(text) = cell_text(cell) else {
            continue;
        };
        let label = field.label();
        let result: Result<(), String> = (|| {
            match field {
                Field::EmployeeNo => row.employee_no = Some(fold_input(&text)),
                Field::Name => row.name = Some(normalize_name(&text)),
                Field::Gender => row.gender = Some(parse_code(&text, Gender::parse)?),
                Field::BirthDate => row.birth_date = Some(parse_date_field(label, cell)?),
                Field::IdNumber => {}
                Field::Unit => row.unit_path.extend(
                    text.split(['/', '／', '\\', '＼', '>', '＞'])
                        .map(fold_input)
                        .filter(|s| !s.is_empty()),
                ),
                Field::Position => row.position = Some(fold_width(&text)),
                Field::Education => row.education = Some(parse_code(&text, Education::parse)?),
                Field::ProfessionalTitle => {
                    row.professional_title =
                        crate::titles::check(Some(&text)).map_err(|e| e.to_string())?
                }
                Field::SkillLevel => row.skill_level = Some(parse_code(&text, SkillLevel::parse)?),
                Field::PoliticalStatus => {
                    row.political_status = Some(parse_code(&text, PoliticalStatus::parse)?)
                }
                Field::Ethnicity => row.ethnicity = Some(parse_code(&text, Ethnicity::parse)?),
                Field::WorkStartDate => row.work_start_date = Some(parse_date_field(label, cell)?),
                Field::HireDate => row.hire_date = Some(parse_date_field(label, cell)?),
                Field::Phone => row.phone = Some(normalize_phone(&text)),
                Field::PoliticalCadre => row.political_cadre = Some(parse_flag(label, cell)?),
                Field::ReserveTalent => row.reserve_talent = Some(parse_flag(label, cell)?),
                Field::RetirementCategory => {
                    row.retirement_category = Some(parse_code(&text, RetirementCategory::parse)?)
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if let Some(id) = &row.id_number {
        if let Some(g) = row.gender
            && g != id.gender
        {
            errors.push(format!(
                "性别与身份证号不一致：身份证号对应{}，填写的是{}",
                id.gender.label(),
                g.label()
            ));
        }
        if let Some(b) = row.birth_date {
            let agrees = match b.precision {
                Precision::Day => b.date == id.birth_date,
                Precision::Month => same_month(b.date, id.birth_date),
            };
            if !agrees {
                errors.push(format!(
                    "出生日期与身份证号不一致：身份证号对应{}，填写的是{}",
                    id.birth_date.format("%Y-%m-%d"),
                    read::date_value_text(&b)
                ));
            }
        }
    }
    (row, errors)
}

pub(super) fn same_month(a: NaiveDate, b: NaiveDate) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

/// A date from the sheet against what is known: 1985.03 keeps a stored 1985-03-12 (the sheet
/// only says less), otherwise it is the first of the month.
pub(super) fn resolve_date(sheet: DateValue, known: Option<NaiveDate>) -> NaiveDate {
    match (sheet.precision, known) {
        (Precision::Month, Some(k)) if same_month(sheet.date, k) => k,
        _ => sheet.date,
    }
}

/// Words that open a footer or note row under a roster (compared after [`fold_input`], so
/// full-width colons and brackets and spaces inside the word do not matter). A row whose first
/// non-empty cell starts with one is not a person.
pub const FOOTER_WORDS: &[&str] = &[
    "制表人",
    "制表",
    "填表人",
    "填表",
    "填报人",
    "填报日期",
    "填报单位",
    "审核人",
    "审核",
    "审批",
    "复核",
    "核对人",
    "统计日期",
    "统计时间",
    "日期",
    "截止",
    "截至",
    "备注",
    "说明",
    "附注",
    "注:",
    "合计",
    "总计",
    "小计",
    "共计",
    "单位负责人",
    "部门负责人",
    "负责人",
    "联系人",
    "签字",
    "签名",
    "盖章",
    "(盖章)",
    "单位(盖章)",
    "单位盖章",
];

/// The footer word a row's first non-empty cell opens with (制表人：王芳, 合 计, 注1：…), if any.
pub fn footer_word(cells: &[Cell]) -> Option<&'static str> {
    let first = cells.iter().find(|c| !c.is_empty())?;
    let Cell::Text(text) = first else {
        return None;
    };
    let t = fold_input(text);
    if let Some(w) = FOOTER_WORDS.iter().find(|w| t.starts_with(**w)) {
        return Some(w);
    }
    // 注1：, 注、…, 注. …
    let mut chars = t.chars();
    if chars.next() == Some('注')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '、' | ','))
    {
        return Some("注");
    }
    // 共 41 人
    let mut chars = t.chars();
    if chars.next() == Some('共') && chars.next().is_some_and(|c| c.is_ascii_digit()) {
        return Some("共计");
    }
    None
}

/// How many cells of the row hold something.
pub fn filled_cells(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

/// The row's text as shown in the preview for a skipped row: its non-empty cells, shortened.
pub fn row_text(cells: &[Cell]) -> String {
    const MAX: usize = 40;
    let text = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > MAX {
        let mut short: String = text.chars().take(MAX).collect();
        short.push('…');
        short
    } else {
        text
    }
}
