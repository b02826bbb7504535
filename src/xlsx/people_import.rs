//! Staff import: the 花名册 a branch already keeps in Excel / WPS / CSV, into the staff records.
//!
//! 1. [`load`] reads the file and picks the worksheet whose header row names the most fields;
//!    [`auto_mapping`] finds that header row (under any title rows) and maps its columns to
//!    fields from the usual Chinese headers. The [`Mapping`] is a plain serializable struct the
//!    user may correct (another header row, another field for a column).
//! 2. [`import`] runs over every data row on a transaction: each row is normalised
//!    ([`normalize_row`]: full-width folding, stray spaces, dates in every typed form, lower-case
//!    x in ID numbers, 党员 / 共产党员 …), matched to an existing person by 工号 (or by 身份证号
//!    when the sheet has no 工号), its unit matched in the tree by name or path, and then added
//!    or updated with the same [`people::add`] / [`people::update`] (and so the same validation)
//!    as a form entry. Each row comes out as 新增 / 更新 / 不变 / 错误 with its reasons.
//! 3. [`preview`] runs it in a transaction that is rolled back (the dry run: it sees exactly what
//!    the commit would do), [`commit`] in one transaction that writes the good rows and one audit
//!    row, or nothing at all when anything fails or the user cancels. Importing the same sheet
//!    again finds every row 不变 and writes nothing.
//!
//! A blank cell never erases what is stored: the sheet adds and corrects, it does not clear.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::read::{
    self, Cell, DateValue, HeaderRow, Precision, Sheet, column_letter, match_header,
};
use crate::codes::{
    Education, Ethnicity, Gender, PoliticalStatus, ProfessionalTitle, RetirementCategory,
    SkillLevel, UnitKind, fold_input,
};
use crate::db::{Actor, Db, Tx};
use crate::error::{DbError, Error, Result};
use crate::idcard::{self, IdNumber};
use crate::people::{self, PersonInput};
use crate::privacy::{mask_id_number, mask_phone};
use crate::units;

/// Why an import cannot start (or was stopped). Row problems are not errors: they are listed
/// in the [`Preview`].
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "没有找到表头行：前 {} 行中没有一行同时含有“姓名”和“工号”或“身份证号”等列名。请确认选择的是花名册，或手动指定表头所在行",
        read::HEADER_SEARCH_ROWS
    )]
    NoHeader,
    #[error("第 {0} 行超出了表格范围（共 {1} 行）")]
    HeaderOutOfRange(usize, usize),
    #[error("请指定“{0}”所在的列")]
    MissingField(&'static str),
    #[error("“{0}”对应了多列（{1}），每项只能对应一列（所在单位除外：多列按从左到右拼成单位路径）")]
    DuplicateField(&'static str, String),
    #[error("导入已取消，数据库未作任何改动")]
    Cancelled,
    /// Internal: a commit that would change nothing is rolled back (no audit row either).
    #[doc(hidden)]
    #[error("没有需要导入的新内容")]
    NothingToWrite,
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::NoHeader => "import.no_header",
            ImportError::HeaderOutOfRange(..) => "import.header_out_of_range",
            ImportError::MissingField(_) => "import.missing_field",
            ImportError::DuplicateField(..) => "import.duplicate_field",
            ImportError::Cancelled => "import.cancelled",
            ImportError::NothingToWrite => "import.nothing_to_write",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fields and the column mapping

/// A staff-record field a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    EmployeeNo,
    Name,
    Gender,
    BirthDate,
    IdNumber,
    /// Several columns may hold it (部门, 班组): read left to right as a path.
    Unit,
    Position,
    Education,
    ProfessionalTitle,
    SkillLevel,
    PoliticalStatus,
    Ethnicity,
    WorkStartDate,
    HireDate,
    Phone,
    PoliticalCadre,
    ReserveTalent,
    RetirementCategory,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::EmployeeNo,
        Field::Name,
        Field::Gender,
        Field::BirthDate,
        Field::IdNumber,
        Field::Unit,
        Field::Position,
        Field::Education,
        Field::ProfessionalTitle,
        Field::SkillLevel,
        Field::PoliticalStatus,
        Field::Ethnicity,
        Field::WorkStartDate,
        Field::HireDate,
        Field::Phone,
        Field::PoliticalCadre,
        Field::ReserveTalent,
        Field::RetirementCategory,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Field::EmployeeNo => "工号",
            Field::Name => "姓名",
            Field::Gender => "性别",
            Field::BirthDate => "出生日期",
            Field::IdNumber => "身份证号",
            Field::Unit => "所在单位",
            Field::Position => "岗位",
            Field::Education => "学历",
            Field::ProfessionalTitle => "职称",
            Field::SkillLevel => "技能等级",
            Field::PoliticalStatus => "政治面貌",
            Field::Ethnicity => "民族",
            Field::WorkStartDate => "参加工作时间",
            Field::HireDate => "入职时间",
            Field::Phone => "手机",
            Field::PoliticalCadre => "政工干部",
            Field::ReserveTalent => "后备人才",
            Field::RetirementCategory => "退休类别",
        }
    }

    /// Header names that mean this field (compared after [`read::normalize_header`]).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::EmployeeNo => &[
                "工号",
                "员工编号",
                "人员编号",
                "职工编号",
                "员工号",
                "职工号",
                "员工工号",
                "职工工号",
                "人员编码",
                "员工编码",
                "人资编号",
                "ERP编号",
            ],
            Field::Name => &["姓名", "职工姓名", "员工姓名", "人员姓名", "名字"],
            Field::Gender => &["性别"],
            Field::BirthDate => &[
                "出生日期",
                "出生年月",
                "出生年月日",
                "出生时间",
                "生日",
                "出生日期年月",
            ],
            Field::IdNumber => &[
                "身份证号",
                "身份证号码",
                "身份证",
                "公民身份号码",
                "公民身份证号",
                "证件号码",
                "身份证件号码",
                "身份证件号",
            ],
            Field::Unit => &[
                "部门",
                "单位",
                "班组",
                "所在单位",
                "所在部门",
                "所在班组",
                "工作单位",
                "单位名称",
                "部门名称",
                "班组名称",
                "所属单位",
                "所属部门",
                "所属班组",
                "单位部门",
                "部门班组",
                "供电所",
                "所在供电所",
                "站所",
                "机构",
                "组织机构",
            ],
            Field::Position => &[
                "岗位",
                "职务",
                "岗位名称",
                "现任职务",
                "现任岗位",
                "现岗位",
                "职务岗位",
                "岗位职务",
            ],
            Field::Education => &["学历", "文化程度", "最高学历", "学历层次"],
            Field::ProfessionalTitle => &[
                "职称",
                "专业技术职称",
                "专业技术资格",
                "职称等级",
                "职称级别",
                "专业技术职务",
            ],
            Field::SkillLevel => &[
                "技能等级",
                "技能鉴定等级",
                "职业技能等级",
                "技能级别",
                "职业资格等级",
            ],
            Field::PoliticalStatus => &["政治面貌", "政治身份"],
            Field::Ethnicity => &["民族"],
            Field::WorkStartDate => &[
                "参加工作时间",
                "参加工作日期",
                "参加工作年月",
                "工作时间",
                "参工时间",
            ],
            Field::HireDate => &[
                "入职时间",
                "入职日期",
                "入职年月",
                "进入本单位时间",
                "进本单位时间",
                "入企时间",
                "入司时间",
                "到本单位时间",
            ],
            Field::Phone => &[
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "电话",
                "联系方式",
                "移动电话",
                "电话号码",
            ],
            Field::PoliticalCadre => &["政工干部", "是否政工干部"],
            Field::ReserveTalent => &["后备人才", "后备干部", "是否后备人才", "是否后备干部"],
            Field::RetirementCategory => &["退休类别", "干部工人", "干部/工人"],
        }
    }
}

/// Every field with its header aliases, in the form [`read::find_header`] takes.
pub fn alias_table() -> Vec<(Field, &'static [&'static str])> {
    Field::ALL.iter().map(|&f| (f, f.aliases())).collect()
}

/// What one column of the sheet holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 0-based column index.
    pub index: usize,
    /// Column letter as Excel shows it (A, B, … AA).
    pub letter: String,
    /// The header as written in the sheet.
    pub title: String,
    /// The field it holds; None: ignored.
    pub field: Option<Field>,
}

/// Which row holds the headers and which column holds which field. Built by [`auto_mapping`],
/// corrected by the user, passed back to [`preview`] / [`commit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The header row as the sheet numbers it (1-based); data starts on the next row.
    pub header_row: usize,
    pub columns: Vec<ColumnMapping>,
}

impl Mapping {
    /// The column holding `field` (the first, for 所在单位).
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.index)
    }

    /// Checks that 姓名 and 工号 or 身份证号 are mapped, and that no field but 所在单位 is
    /// mapped twice.
    pub fn validate(&self) -> Result<(), ImportError> {
        for &f in Field::ALL {
            let cols: Vec<&ColumnMapping> =
                self.columns.iter().filter(|c| c.field == Some(f)).collect();
            if cols.len() > 1 && f != Field::Unit {
                let letters = cols
                    .iter()
                    .map(|c| format!("{} 列", c.letter))
                    .collect::<Vec<_>>()
                    .join("、");
                return Err(ImportError::DuplicateField(f.label(), letters));
            }
        }
        if self.column_of(Field::Name).is_none() {
            return Err(ImportError::MissingField("姓名"));
        }
        if self.column_of(Field::EmployeeNo).is_none() && self.column_of(Field::IdNumber).is_none()
        {
            return Err(ImportError::MissingField("工号"));
        }
        Ok(())
    }
}

/// The mapping read from the header at 0-based row `index`: every non-empty header cell, with
/// the field its name means. Several unit columns (部门, 班组) all map to 所在单位.
pub fn mapping_at(sheet: &Sheet, index: usize) -> Result<Mapping, ImportError> {
    let Some(row) = sheet.rows.get(index) else {
        return Err(ImportError::HeaderOutOfRange(index + 1, sheet.rows.len()));
    };
    let aliases = alias_table();
    let mut columns: Vec<ColumnMapping> = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        let title = cell.text();
        if title.is_empty() {
            continue;
        }
        let field = match_header(&title, &aliases)
            .filter(|f| *f == Field::Unit || !columns.iter().any(|c| c.field == Some(*f)));
        columns.push(ColumnMapping {
            index: i,
            letter: column_letter(i),
            title,
            field,
        });
    }
    Ok(Mapping {
        header_row: index + 1,
        columns,
    })
}

/// Finds the header row and maps the columns from their names.
pub fn auto_mapping(sheet: &Sheet) -> Result<Mapping, ImportError> {
    let header = find(sheet).ok_or(ImportError::NoHeader)?;
    mapping_at(sheet, header.index)
}

fn find(sheet: &Sheet) -> Option<HeaderRow<Field>> {
    read::find_header(sheet, &alias_table(), 2).filter(|h| {
        h.column_of(Field::Name).is_some()
            && (h.column_of(Field::EmployeeNo).is_some() || h.column_of(Field::IdNumber).is_some())
    })
}

/// Reads a roster file and picks its worksheet: the one whose header names the most fields
/// (a workbook often has a 说明 or 统计 sheet besides the 花名册).
pub fn load(path: &Path) -> Result<Sheet> {
    Ok(pick_sheet(read::open_book(path)?))
}

/// Like [`load`], for a file in memory.
pub fn load_bytes(bytes: &[u8], file_name: &str) -> Result<Sheet> {
    Ok(pick_sheet(read::open_book_bytes(bytes, file_name)?))
}

fn pick_sheet(sheets: Vec<Sheet>) -> Sheet {
    let score = |s: &Sheet| find(s).map_or(0, |h| h.matched());
    let best = sheets
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (score(s), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    sheets.into_iter().nth(best).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Normalising one row

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
    pub professional_title: Option<ProfessionalTitle>,
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
    let mut row = RowData::default();
    let mut errors: Vec<String> = Vec::new();
    let empty = Cell::Empty;
    for col in &mapping.columns {
        let Some(field) = col.field else { continue };
        let cell = cells.get(col.index).unwrap_or(&empty);
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
                    row.professional_title = Some(parse_code(&text, ProfessionalTitle::parse)?)
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
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(errors)
    }
}

fn same_month(a: NaiveDate, b: NaiveDate) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

/// A date from the sheet against what is known: 1985.03 keeps a stored 1985-03-12 (the sheet
/// only says less), otherwise it is the first of the month.
fn resolve_date(sheet: DateValue, known: Option<NaiveDate>) -> NaiveDate {
    match (sheet.precision, known) {
        (Precision::Month, Some(k)) if same_month(sheet.date, k) => k,
        _ => sheet.date,
    }
}

// ---------------------------------------------------------------------------------------------
// The preview

/// What importing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowAction {
    #[serde(rename = "新增")]
    New,
    #[serde(rename = "更新")]
    Update,
    #[serde(rename = "不变")]
    Unchanged,
    #[serde(rename = "错误")]
    Error,
}

impl RowAction {
    pub fn label(self) -> &'static str {
        match self {
            RowAction::New => "新增",
            RowAction::Update => "更新",
            RowAction::Unchanged => "不变",
            RowAction::Error => "错误",
        }
    }
}

/// One data row of the sheet in the preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewRow {
    /// The row number the sheet shows (1-based, as in Excel).
    pub row_no: usize,
    pub action: RowAction,
    pub employee_no: String,
    pub name: String,
    /// The unit's path in the tree (or as written, when it is not found).
    pub unit: String,
    /// For 更新: what changes, "岗位：班员 → 班长" (ID and phone numbers masked).
    pub changes: Vec<String>,
    /// For 错误: why, "行 17：身份证号校验位错误（按 GB 11643 应为 8）".
    pub errors: Vec<String>,
    /// Remarks that do not stop the row, e.g. a unit to be created.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Data rows (blank rows not counted).
    pub rows: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: usize,
    /// Blank rows and rows with nothing in the mapped columns, skipped.
    pub skipped: usize,
}

/// The result of an import run: every data row with its action, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub sheet_name: String,
    pub mapping: Mapping,
    pub rows: Vec<PreviewRow>,
    pub totals: Totals,
    /// Units that are (or, in a dry run, would be) created, as paths.
    pub new_units: Vec<String>,
    /// True when the rows were written ([`commit`]); false for a dry run.
    pub committed: bool,
}

impl Preview {
    pub fn errors(&self) -> impl Iterator<Item = &PreviewRow> {
        self.rows.iter().filter(|r| r.action == RowAction::Error)
    }
}

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// The mapping to use; None: [`auto_mapping`].
    pub mapping: Option<Mapping>,
    /// Create the units a row names that are not in the tree (else such rows are errors).
    pub create_units: bool,
}

/// Progress: called with (rows done, rows in all) every 1 % or so; return false to cancel
/// (the transaction is then rolled back and the import returns [`ImportError::Cancelled`]).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

/// Dry run: what importing `sheet` would do, with nothing written.
pub fn preview(
    db: &mut Db,
    sheet: &Sheet,
    options: &ImportOptions,
    progress: Progress,
) -> Result<Preview> {
    db.dry_run(|tx| import(tx, sheet, options, progress))
}

/// Imports the good rows of `sheet` in one transaction with one audit row. Rows with errors
/// are left out (and listed in the result); any other failure or a cancel writes nothing.
pub fn commit(
    db: &mut Db,
    actor: &Actor,
    sheet: &Sheet,
    options: &ImportOptions,
    progress: Progress,
) -> Result<Preview> {
    let mut unchanged = None;
    let result = db.transact(actor, "person.import", |tx| {
        let p = import(tx, sheet, options, progress)?;
        if p.totals.new == 0 && p.totals.updated == 0 && p.new_units.is_empty() {
            // Importing the same sheet again: nothing is written, not even an audit row.
            unchanged = Some(p);
            return Err(ImportError::NothingToWrite.into());
        }
        Ok(p)
    });
    let mut preview = match (result, unchanged) {
        (Ok(p), _) => p,
        (Err(Error::Import(ImportError::NothingToWrite)), Some(p)) => p,
        (Err(e), _) => return Err(e),
    };
    preview.committed = true;
    Ok(preview)
}

/// The import itself, on a transaction: adds and updates every good row, creates missing
/// units when asked, and returns the preview. Callers choose to commit ([`commit`]) or roll
/// back ([`preview`]).
pub fn import(
    tx: &Tx,
    sheet: &Sheet,
    options: &ImportOptions,
    progress: Progress,
) -> Result<Preview> {
    let mapping = match &options.mapping {
        Some(m) => m.clone(),
        None => auto_mapping(sheet)?,
    };
    mapping.validate()?;
    if mapping.header_row == 0 || mapping.header_row > sheet.rows.len() {
        return Err(ImportError::HeaderOutOfRange(mapping.header_row, sheet.rows.len()).into());
    }
    let notes_before = tx.notes_len();
    let mut unit_tree = UnitTree::load(tx)?;
    let header_titles: Vec<(usize, String)> = mapping
        .columns
        .iter()
        .filter(|c| c.field.is_some())
        .map(|c| (c.index, read::normalize_header(&c.title)))
        .collect();

    let first = mapping.header_row; // 0-based index of the first data row
    let total = sheet.rows.len() - first;
    let step = (total / 100).max(1);
    let mut seen_no: HashMap<String, usize> = HashMap::new();
    let mut seen_id: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    let mut totals = Totals::default();
    for (done, index) in (first..sheet.rows.len()).enumerate() {
        if done % step == 0 && !progress(done, total) {
            return Err(ImportError::Cancelled.into());
        }
        let cells = &sheet.rows[index];
        if is_repeated_header(cells, &header_titles) {
            totals.skipped += 1;
            continue;
        }
        let row_no = index + 1;
        let data = normalize_row(cells, &mapping);
        if matches!(&data, Ok(d) if d.is_empty()) {
            totals.skipped += 1;
            continue;
        }
        let mut row = import_row(
            tx,
            row_no,
            data,
            options.create_units,
            &mut unit_tree,
            &mut seen_no,
            &mut seen_id,
        )?;
        if row.action == RowAction::Error {
            // Show who the row is about even when it could not be read.
            let raw = |f: Field| {
                mapping
                    .column_of(f)
                    .map(|c| fold_input(&sheet.cell(index, c).text()))
                    .unwrap_or_default()
            };
            if row.employee_no.is_empty() {
                row.employee_no = raw(Field::EmployeeNo);
            }
            if row.name.is_empty() {
                row.name = raw(Field::Name);
            }
        }
        match row.action {
            RowAction::New => totals.new += 1,
            RowAction::Update => totals.updated += 1,
            RowAction::Unchanged => totals.unchanged += 1,
            RowAction::Error => totals.errors += 1,
        }
        rows.push(row);
    }
    if !progress(total, total) {
        return Err(ImportError::Cancelled.into());
    }
    totals.rows = rows.len();
    tx.truncate_notes(notes_before);
    let mut summary = format!(
        "导入职工花名册（{}）：新增 {} 人，更新 {} 人，不变 {} 人，有错未导入 {} 行",
        sheet.name, totals.new, totals.updated, totals.unchanged, totals.errors
    );
    if !unit_tree.created.is_empty() {
        summary.push_str(&format!("，新建单位 {}", unit_tree.created.join("、")));
    }
    tx.note(summary);
    Ok(Preview {
        sheet_name: sheet.name.clone(),
        mapping,
        rows,
        totals,
        new_units: unit_tree.created,
        committed: false,
    })
}

/// A header repeated inside the data (a sheet printed on several pages, pasted together).
fn is_repeated_header(cells: &[Cell], titles: &[(usize, String)]) -> bool {
    let same = titles
        .iter()
        .filter(|(i, t)| {
            cells
                .get(*i)
                .is_some_and(|c| !t.is_empty() && read::normalize_header(&c.text()) == *t)
        })
        .count();
    same >= 2 && same * 2 >= titles.len()
}

/// Errors that are about the database, not the row: they stop the whole import.
fn is_fatal(e: &Error) -> bool {
    match e {
        Error::Db(DbError::Sqlite(s)) => {
            s.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation)
        }
        Error::Db(_) => true,
        _ => false,
    }
}

fn import_row(
    tx: &Tx,
    row_no: usize,
    data: Result<RowData, Vec<String>>,
    create_units: bool,
    unit_tree: &mut UnitTree,
    seen_no: &mut HashMap<String, usize>,
    seen_id: &mut HashMap<String, usize>,
) -> Result<PreviewRow> {
    let prefix = |e: &str| format!("行 {row_no}：{e}");
    let mut out = PreviewRow {
        row_no,
        action: RowAction::Error,
        employee_no: String::new(),
        name: String::new(),
        unit: String::new(),
        changes: Vec::new(),
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let data = match data {
        Ok(d) => d,
        Err(errors) => {
            out.errors = errors.iter().map(|e| prefix(e)).collect();
            return Ok(out);
        }
    };
    out.employee_no = data.employee_no.clone().unwrap_or_default();
    out.name = data.name.clone().unwrap_or_default();
    out.unit = data.unit_path.join("/");

    let mut errors = Vec::new();
    if data.name.is_none() {
        errors.push("姓名为空".to_string());
    }
    if let Some(no) = &data.employee_no {
        if let Some(first) = seen_no.get(no) {
            errors.push(format!("工号 {no} 与第 {first} 行重复"));
        } else {
            seen_no.insert(no.clone(), row_no);
        }
    }
    if let Some(id) = &data.id_number {
        if let Some(first) = seen_id.get(&id.number) {
            errors.push(format!("身份证号与第 {first} 行重复"));
        } else {
            seen_id.insert(id.number.clone(), row_no);
        }
    }
    if !errors.is_empty() {
        out.errors = errors.iter().map(|e| prefix(e)).collect();
        return Ok(out);
    }

    // The stored person: by 工号, else (no 工号 in the sheet) by ID number.
    let existing = match (&data.employee_no, &data.id_number) {
        (Some(no), _) => find_by_employee_no(tx, no)?,
        (None, Some(id)) => find_by_id_number(tx, &id.number)?,
        (None, None) => None,
    };
    if existing.is_none() && data.employee_no.is_none() {
        out.errors.push(prefix(
            "工号为空：新增人员须有工号（已有人员可只凭身份证号更新）",
        ));
        return Ok(out);
    }

    tx.execute_batch("SAVEPOINT import_row")?;
    let result = write_row(tx, &data, existing, create_units, unit_tree, &mut out);
    match result {
        Ok(()) => tx.execute_batch("RELEASE import_row")?,
        Err(e) => {
            tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
            unit_tree.forget_uncommitted();
            if is_fatal(&e) {
                return Err(e);
            }
            out.action = RowAction::Error;
            out.changes.clear();
            out.errors.push(prefix(&e.to_string()));
        }
    }
    unit_tree.keep_uncommitted();
    Ok(out)
}

fn find_by_employee_no(tx: &Tx, no: &str) -> Result<Option<people::Person>> {
    match people::by_employee_no(tx, no) {
        Ok(p) => Ok(Some(p)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

fn find_by_id_number(tx: &Tx, id: &str) -> Result<Option<people::Person>> {
    let found: Option<i64> = rusqlite::OptionalExtension::optional(tx.query_row(
        "SELECT id FROM person WHERE id_number = ?1",
        [id],
        |r| r.get(0),
    ))?;
    found.map(|pid| people::get(tx, pid)).transpose()
}

fn write_row(
    tx: &Tx,
    data: &RowData,
    existing: Option<people::Person>,
    create_units: bool,
    unit_tree: &mut UnitTree,
    out: &mut PreviewRow,
) -> Result<()> {
    let base = existing
        .as_ref()
        .map(people::Person::to_input)
        .unwrap_or_default();
    let unit_id = if data.unit_path.is_empty() {
        match &existing {
            Some(p) => p.unit_id,
            None => return Err(Error::invalid("所在单位", "为空")),
        }
    } else {
        let (id, created) = unit_tree.resolve(tx, &data.unit_path, create_units)?;
        for path in created {
            out.notes.push(format!("新建单位 {path}"));
        }
        id
    };
    out.unit = unit_tree.path_of(unit_id);

    let mut input = base.clone();
    if let Some(no) = &data.employee_no {
        input.employee_no = no.clone();
    }
    if let Some(name) = &data.name {
        input.name = name.clone();
    }
    input.unit_id = unit_id;
    let known_birth = data
        .id_number
        .as_ref()
        .map(|id| id.birth_date)
        .or(base.birth_date);
    if let Some(id) = &data.id_number {
        input.id_number = Some(id.number.clone());
        input.gender = Some(id.gender);
        input.birth_date = Some(id.birth_date);
    }
    if let Some(g) = data.gender {
        input.gender = Some(g);
    }
    if let Some(b) = data.birth_date {
        input.birth_date = Some(resolve_date(b, known_birth));
        if b.precision == Precision::Month && known_birth.is_none_or(|k| !same_month(k, b.date)) {
            out.notes.push("出生日期只填到月，按当月 1 日记录".into());
        }
    }
    if let Some(d) = data.work_start_date {
        input.work_start_date = Some(resolve_date(d, base.work_start_date));
    }
    if let Some(d) = data.hire_date {
        input.hire_date = Some(resolve_date(d, base.hire_date));
    }
    macro_rules! take {
        ($($f:ident),*) => { $( if let Some(v) = &data.$f { input.$f = Some(v.clone()); } )* };
    }
    take!(
        position,
        education,
        professional_title,
        skill_level,
        political_status,
        ethnicity,
        phone,
        retirement_category
    );
    if let Some(v) = data.political_cadre {
        input.political_cadre = v;
    }
    if let Some(v) = data.reserve_talent {
        input.reserve_talent = v;
    }
    out.employee_no = input.employee_no.clone();
    out.name = input.name.clone();

    match existing {
        None => {
            people::add(tx, input)?;
            out.action = RowAction::New;
        }
        Some(p) => {
            out.changes = changes(&base, &input, unit_tree);
            if out.changes.is_empty() {
                out.action = RowAction::Unchanged;
            } else {
                people::update(tx, p.id, input)?;
                out.action = RowAction::Update;
            }
        }
    }
    Ok(())
}

/// What differs between the stored record and the imported one, for the preview.
fn changes(old: &PersonInput, new: &PersonInput, tree: &UnitTree) -> Vec<String> {
    fn opt<T: ToString>(v: &Option<T>) -> String {
        v.as_ref()
            .map_or_else(|| "（空）".to_string(), T::to_string)
    }
    fn flag(v: bool) -> String {
        if v { "是" } else { "否" }.to_string()
    }
    let mut out = Vec::new();
    let mut diff = |label: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{label}：{a} → {b}"));
        }
    };
    diff("工号", old.employee_no.clone(), new.employee_no.clone());
    diff("姓名", old.name.clone(), new.name.clone());
    diff("性别", opt(&old.gender), opt(&new.gender));
    diff("出生日期", opt(&old.birth_date), opt(&new.birth_date));
    if old.id_number != new.id_number {
        let masked = |v: &Option<String>| {
            v.as_deref()
                .map_or_else(|| "（空）".to_string(), mask_id_number)
        };
        out.push(format!(
            "身份证号：{} → {}",
            masked(&old.id_number),
            masked(&new.id_number)
        ));
    }
    let mut diff = |label: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{label}：{a} → {b}"));
        }
    };
    diff(
        "所在单位",
        tree.path_of(old.unit_id),
        tree.path_of(new.unit_id),
    );
    diff("岗位", opt(&old.position), opt(&new.position));
    diff("学历", opt(&old.education), opt(&new.education));
    diff(
        "职称",
        opt(&old.professional_title),
        opt(&new.professional_title),
    );
    diff("技能等级", opt(&old.skill_level), opt(&new.skill_level));
    diff(
        "政治面貌",
        opt(&old.political_status),
        opt(&new.political_status),
    );
    diff("民族", opt(&old.ethnicity), opt(&new.ethnicity));
    diff(
        "参加工作时间",
        opt(&old.work_start_date),
        opt(&new.work_start_date),
    );
    diff("入职时间", opt(&old.hire_date), opt(&new.hire_date));
    if old.phone != new.phone {
        let masked = |v: &Option<String>| {
            v.as_deref()
                .map_or_else(|| "（空）".to_string(), mask_phone)
        };
        out.push(format!(
            "手机：{} → {}",
            masked(&old.phone),
            masked(&new.phone)
        ));
    }
    let mut diff = |label: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{label}：{a} → {b}"));
        }
    };
    diff(
        "政工干部",
        flag(old.political_cadre),
        flag(new.political_cadre),
    );
    diff(
        "后备人才",
        flag(old.reserve_talent),
        flag(new.reserve_talent),
    );
    diff(
        "退休类别",
        opt(&old.retirement_category),
        opt(&new.retirement_category),
    );
    out
}

// ---------------------------------------------------------------------------------------------
// Units by name or path

struct TreeUnit {
    id: i64,
    parent: Option<i64>,
    /// Folded name, for matching.
    key: String,
    path: String,
}

/// The unit tree in memory for matching names and paths; units created during the import are
/// added to it (and dropped again when their row is rolled back).
struct UnitTree {
    units: Vec<TreeUnit>,
    /// Paths created (or, in a dry run, to be created), in order.
    created: Vec<String>,
    /// Units created for the row in progress: (index into `units`, index into `created`).
    pending: Vec<usize>,
    pending_created: usize,
    cache: HashMap<Vec<String>, i64>,
}

impl UnitTree {
    fn load(conn: &rusqlite::Connection) -> Result<UnitTree> {
        let units = units::list(conn)?
            .into_iter()
            .map(|u| TreeUnit {
                id: u.id,
                parent: u.parent_id,
                key: fold_input(&u.name),
                path: u.path,
            })
            .collect();
        Ok(UnitTree {
            units,
            created: Vec::new(),
            pending: Vec::new(),
            pending_created: 0,
            cache: HashMap::new(),
        })
    }

    fn path_of(&self, id: i64) -> String {
        self.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.path.clone())
            .unwrap_or_default()
    }

    fn get(&self, id: i64) -> Option<&TreeUnit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// Units whose path ends with `segments` (folded names, top down).
    fn matches(&self, segments: &[String]) -> Vec<i64> {
        let Some((last, above)) = segments.split_last() else {
            return Vec::new();
        };
        self.units
            .iter()
            .filter(|u| &u.key == last)
            .filter(|u| {
                let mut parent = u.parent;
                for seg in above.iter().rev() {
                    match parent.and_then(|p| self.get(p)) {
                        Some(p) if &p.key == seg => parent = p.parent,
                        _ => return false,
                    }
                }
                true
            })
            .map(|u| u.id)
            .collect()
    }

    fn ambiguous(&self, name: &str, ids: &[i64]) -> Error {
        let paths = ids
            .iter()
            .map(|&id| self.path_of(id))
            .collect::<Vec<_>>()
            .join("、");
        Error::invalid(
            "所在单位",
            format!(
                "有多个单位名为“{name}”：{paths}。请写出上级单位，如“{}”",
                { ids.first().map(|&id| self.path_of(id)).unwrap_or_default() }
            ),
        )
    }

    /// The unit named by `path` (top down). A path whose top is a company name not in the
    /// tree (XX公司/营销部) is also looked up without it. With `create`, the missing tail of
    /// the path is created under its deepest existing unit (or under the only top-level unit);
    /// returns the unit and the paths created.
    fn resolve(&mut self, tx: &Tx, path: &[String], create: bool) -> Result<(i64, Vec<String>)> {
        if let Some(&id) = self.cache.get(path) {
            return Ok((id, Vec::new()));
        }
        let shown = path.join("/");
        let mut found = self.matches(path);
        if found.is_empty()
            && path.len() > 1
            && (path[0].ends_with("公司") || path[0].ends_with("局"))
            && self.matches(&path[..1]).is_empty()
        {
            found = self.matches(&path[1..]);
        }
        match found.as_slice() {
            [id] => {
                self.cache.insert(path.to_vec(), *id);
                return Ok((*id, Vec::new()));
            }
            [] => {}
            ids => return Err(self.ambiguous(&shown, ids)),
        }
        if !create {
            return Err(Error::invalid(
                "所在单位",
                format!("单位“{shown}”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）"),
            ));
        }
        // The deepest existing unit along the path.
        let mut parent: Option<i64> = None;
        let mut start = 0;
        for k in (1..path.len()).rev() {
            match self.matches(&path[..k]).as_slice() {
                [id] => {
                    parent = Some(*id);
                    start = k;
                    break;
                }
                [] => {}
                ids => return Err(self.ambiguous(&path[..k].join("/"), ids)),
            }
        }
        if parent.is_none() {
            let roots: Vec<i64> = self
                .units
                .iter()
                .filter(|u| u.parent.is_none())
                .map(|u| u.id)
                .collect();
            match roots.as_slice() {
                [] => {}
                [root] => parent = Some(*root),
                _ => {
                    return Err(Error::invalid(
                        "所在单位",
                        format!(
                            "单位“{shown}”不存在，且有多个顶层单位，无法确定建在哪个单位之下，请写出完整路径"
                        ),
                    ));
                }
            }
        }
        let mut created = Vec::new();
        for name in &path[start..] {
            let kind = UnitKind::guess(name, parent.is_some());
            let id = units::add(tx, name, kind, parent)?;
            let full = match parent.and_then(|p| self.get(p)) {
                Some(p) => format!("{}/{name}", p.path),
                None => name.clone(),
            };
            self.units.push(TreeUnit {
                id,
                parent,
                key: fold_input(name),
                path: full.clone(),
            });
            self.pending.push(self.units.len() - 1);
            self.created.push(full.clone());
            self.pending_created += 1;
            created.push(full);
            parent = Some(id);
        }
        let id = parent.unwrap_or_default();
        Ok((id, created))
    }

    /// The row failed: units created for it were rolled back.
    fn forget_uncommitted(&mut self) {
        for &i in self.pending.iter().rev() {
            self.units.remove(i);
        }
        let keep = self.created.len() - self.pending_created;
        self.created.truncate(keep);
        self.pending.clear();
        self.pending_created = 0;
        self.cache.clear();
    }

    /// The row went in: units created for it stay.
    fn keep_uncommitted(&mut self) {
        self.pending.clear();
        self.pending_created = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn mapping(titles: &[&str]) -> Mapping {
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![titles.iter().map(|s| t(s)).collect()],
        };
        mapping_at(&sheet, 0).unwrap()
    }

    #[test]
    fn headers_map_to_fields_and_unit_columns_form_a_path() {
        let m = mapping(&[
            "序号",
            "员工编号",
            "姓 名",
            "出生年月",
            "身份证号码",
            "部门",
            "班组",
            "文化程度",
            "联系电话",
            "备注",
        ]);
        let fields: Vec<Option<Field>> = m.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                None,
                Some(Field::EmployeeNo),
                Some(Field::Name),
                Some(Field::BirthDate),
                Some(Field::IdNumber),
                Some(Field::Unit),
                Some(Field::Unit),
                Some(Field::Education),
                Some(Field::Phone),
                None
            ]
        );
        assert!(m.validate().is_ok());
        let row = normalize_row(
            &[
                t("1"),
                t("１０００１"),
                t(" 张  三 "),
                Cell::Number(1985.03),
                t("14010519850312001８"),
                t("营销部"),
                t("一班"),
                t("本科"),
                t("138-1234-5678"),
            ],
            &m,
        )
        .unwrap();
        assert_eq!(row.employee_no.as_deref(), Some("10001"));
        assert_eq!(row.name.as_deref(), Some("张三"));
        assert_eq!(row.unit_path, ["营销部", "一班"]);
        assert_eq!(row.phone.as_deref(), Some("13812345678"));
        assert_eq!(row.education, Some(Education::Bachelor));
        assert_eq!(row.birth_date.unwrap().precision, Precision::Month);
    }

    #[test]
    fn row_problems_are_all_reported() {
        let m = mapping(&["工号", "姓名", "性别", "身份证号", "政治面貌", "入职时间"]);
        let errors = normalize_row(
            &[
                t("1"),
                t("李四"),
                t("女"),
                t("140105198503120018"),
                t("党员"),
                t("1985-02-30"),
            ],
            &m,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "入职时间“1985-02-30”不是有效日期，请写成 1985-03-12、1985.03 或 1985年3月12日 这样的形式",
                "性别与身份证号不一致：身份证号对应男，填写的是女",
            ]
        );
        let errors = normalize_row(
            &[
                t("1"),
                t("王五"),
                t(""),
                Cell::Number(1.401_051_985_031_2e17),
            ],
            &m,
        )
        .unwrap_err();
        assert!(errors[0].contains("存成了数字"), "{errors:?}");
        let ok = normalize_row(
            &[
                t("1"),
                t("王五"),
                t("—"),
                t("11010519491231002x"),
                t("共产党员"),
            ],
            &m,
        )
        .unwrap();
        assert_eq!(ok.political_status, Some(PoliticalStatus::CpcMember));
        assert_eq!(ok.id_number.unwrap().number, "11010519491231002X");
        assert_eq!(ok.gender, None, "a placeholder is blank");
    }

    #[test]
    fn mapping_must_name_a_person() {
        let err = mapping(&["姓名", "部门"]).validate().unwrap_err();
        assert_eq!(err.to_string(), "请指定“工号”所在的列");
        let mut m = mapping(&["姓名", "工号", "岗位", "职务"]);
        assert_eq!(
            m.columns[3].field, None,
            "职务 after 岗位 is left to the user"
        );
        m.columns[3].field = Some(Field::Position);
        assert!(matches!(
            m.validate(),
            Err(ImportError::DuplicateField("岗位", _))
        ));
    }
}
