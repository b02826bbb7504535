//! The columns of a roster and the fields they hold: the header row found under any title rows
//! and the usual Chinese header names.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ImportError;
use crate::error::Result;
use crate::xlsx::read::{self, HeaderRow, Sheet, column_letter, match_header};

/// A staff-record field a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportField"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportColumn"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportMapping"))]
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

    /// Checks that 姓名 and 工号 or 身份证号 (either identifies a person) are mapped, and that no field but 所在单位 is
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
            return Err(ImportError::MissingField("工号”或“身份证号"));
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
