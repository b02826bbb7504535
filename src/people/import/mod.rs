//! Staff import: the 花名册 a branch already keeps in Excel / WPS / CSV, into the staff records.
//!
//! 1. [`load`] reads the file and picks the worksheet whose header row names the most fields;
//!    [`auto_mapping`] finds that header row (under any title rows) and maps its columns to
//!    fields from the usual Chinese headers. The [`Mapping`] is a plain serializable struct the
//!    user may correct (another header row, another field for a column).
//! 2. [`import`] runs over every data row on a transaction: each row is normalised
//!    ([`normalize_row`]: full-width folding, stray spaces, dates in every typed form, lower-case
//!    x in ID numbers, 党员 / 共产党员 …), matched to an existing person by 工号 (or by 身份证号
//!    when the row has no 工号: such people are known by their 身份证号 everywhere, see
//!    [`people::by_key`]), its unit matched in the tree by name or path — below the unit the
//!    sheet is imported into (导入到, [`ImportOptions::target_unit_id`]) when one is chosen, see
//!    `unit_match` for where missing units go — and then added or updated with the same
//!    [`people::add`] / [`people::update`] (and so the same validation) as a form entry. Each
//!    row comes out as 新增 / 更新 / 不变 / 错误 with its reasons, or 跳过 for the footer and note
//!    rows under the table (制表人, 审核, 日期, 备注, 合计 …, see [`FOOTER_WORDS`]); blank rows
//!    are passed over silently.
//!
//!    One pass shows every problem of the sheet: a row's unreadable fields, its duplicate keys,
//!    its missing unit and what the staff-record rules say are reported together, and the
//!    missing units of all rows are also listed once for the whole sheet ([`Preview::problems`]).
//! 3. [`preview`] runs it in a transaction that is rolled back (the dry run: it sees exactly what
//!    the commit would do), [`commit`] in one transaction that writes the good rows and one audit
//!    row, or nothing at all when anything fails or the user cancels. Importing the same sheet
//!    again finds every row 不变 and writes nothing.
//!
//! A blank cell never erases what is stored: the sheet adds and corrects, it does not clear.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::codes::fold_input;
use crate::db::{Actor, Db, Tx};
use crate::error::{DbError, Error, Result};
use crate::people::{self, PersonInput};
use crate::privacy::{mask_id_number, mask_phone};
use crate::xlsx::read::{self, Cell, Precision, Sheet};

use crate::error::ImportError;

mod mapping;
mod normalize;
#[cfg(test)]
mod tests;
mod unit_match;

pub use mapping::*;
pub use normalize::*;
use unit_match::*;

// ---------------------------------------------------------------------------------------------
// The preview

/// What importing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportAction"))]
pub enum RowAction {
    #[serde(rename = "新增")]
    New,
    #[serde(rename = "更新")]
    Update,
    #[serde(rename = "不变")]
    Unchanged,
    #[serde(rename = "错误")]
    Error,
    /// Not a person: a footer or note row under the table, a repeated header.
    #[serde(rename = "跳过")]
    Skipped,
}

impl RowAction {
    pub fn label(self) -> &'static str {
        match self {
            RowAction::New => "新增",
            RowAction::Update => "更新",
            RowAction::Unchanged => "不变",
            RowAction::Error => "错误",
            RowAction::Skipped => "跳过",
        }
    }
}

/// One data row of the sheet in the preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportRow"))]
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
    /// Remarks that do not stop the row, e.g. a unit to be created; for 跳过, why
    /// ("表尾：制表人：王芳 审核：李军").
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportTotals"))]
pub struct Totals {
    /// Rows about people: 新增 + 更新 + 不变 + 错误.
    pub rows: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: usize,
    /// Rows listed as 跳过: footers and notes under the table, repeated headers.
    pub skipped: usize,
    /// Blank rows and rows with nothing in the mapped columns (a 序号 alone), not listed.
    pub blank: usize,
}

/// The result of an import run: every data row with its action, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportPreview"))]
pub struct Preview {
    pub sheet_name: String,
    pub mapping: Mapping,
    pub rows: Vec<PreviewRow>,
    pub totals: Totals,
    /// Units that are (or, in a dry run, would be) created, as paths.
    pub new_units: Vec<String>,
    /// 导入到: the path of the unit the sheet was imported into, if one was chosen.
    pub target: Option<String>,
    /// Problems of the sheet as a whole, each also on its rows: the units rows name that are
    /// not in the tree ("表中有 3 个单位不存在：…").
    pub problems: Vec<String>,
    /// Remarks on the sheet as a whole: people without 工号 and how they are found, 班组
    /// created under the company for want of a target.
    pub notes: Vec<String>,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ImportOptions {
    /// The mapping to use; None: [`auto_mapping`].
    pub mapping: Option<Mapping>,
    /// Create the units a row names that are not in the tree (else such rows are errors).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub create_units: bool,
    /// 导入到: the unit the sheet belongs to. Its rows' 部门 / 班组 are matched below it and
    /// missing ones created below it (as siblings, see `unit_match`); a row without a unit
    /// goes to it (a stored person already below it stays in their unit). None: units are
    /// matched from the top of the tree.
    pub target_unit_id: Option<i64>,
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
    let result = db.transact(actor, crate::db::Action::PersonImport, |tx| {
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
    let unit_tree = UnitTree::load(tx, options.target_unit_id)?;
    let header_titles: Vec<(usize, String)> = mapping
        .columns
        .iter()
        .filter(|c| c.field.is_some())
        .map(|c| (c.index, read::normalize_header(&c.title)))
        .collect();
    let has_employee_no = mapping.column_of(Field::EmployeeNo).is_some();
    let mut run = Run {
        tx,
        create_units: options.create_units,
        has_employee_no,
        unit_tree,
        seen_no: HashMap::new(),
        seen_id: HashMap::new(),
    };

    let first = mapping.header_row; // 0-based index of the first data row
    let total = sheet.rows.len() - first;
    let step = (total / 100).max(1);
    let mut rows = Vec::new();
    let mut totals = Totals::default();
    // Under the table: after a footer row, or after a blank row that follows people.
    let mut in_footer = false;
    let mut after_gap = false;
    let mut seen_people = false;
    let skipped = |row_no: usize, reason: String| PreviewRow {
        row_no,
        action: RowAction::Skipped,
        employee_no: String::new(),
        name: String::new(),
        unit: String::new(),
        changes: Vec::new(),
        errors: Vec::new(),
        notes: vec![reason],
    };
    for (done, index) in (first..sheet.rows.len()).enumerate() {
        if done % step == 0 && !progress(done, total) {
            return Err(ImportError::Cancelled.into());
        }
        let cells = &sheet.rows[index];
        let row_no = index + 1;
        if sheet.row_is_blank(index) {
            totals.blank += 1;
            after_gap |= seen_people;
            continue;
        }
        if is_repeated_header(cells, &header_titles) {
            rows.push(skipped(row_no, "重复的表头行".into()));
            continue;
        }
        if footer_word(cells).is_some() {
            in_footer = true;
            rows.push(skipped(row_no, format!("表尾：{}", row_text(cells))));
            continue;
        }
        if (in_footer || after_gap) && filled_cells(cells) <= 1 {
            rows.push(skipped(row_no, format!("表尾说明：{}", row_text(cells))));
            continue;
        }
        let (data, errors) = normalize_row_lenient(cells, &mapping);
        if data.is_empty() && errors.is_empty() {
            totals.blank += 1;
            continue;
        }
        seen_people = true;
        after_gap = false;
        let id_given = mapping
            .column_of(Field::IdNumber)
            .is_some_and(|c| !sheet.cell(index, c).is_empty());
        let mut row = run.row(row_no, data, errors, id_given)?;
        if row.action == RowAction::Error {
            // Show who the row is about even when it could not be read.
            let raw = |f: Field| {
                mapping
                    .column_of(f)
                    .map(|c| shorten(&fold_input(&sheet.cell(index, c).text())))
                    .unwrap_or_default()
            };
            if row.employee_no.is_empty() {
                row.employee_no = raw(Field::EmployeeNo);
            }
            if row.name.is_empty() {
                row.name = raw(Field::Name);
            }
        }
        rows.push(row);
    }
    if !progress(total, total) {
        return Err(ImportError::Cancelled.into());
    }
    for r in &rows {
        match r.action {
            RowAction::New => totals.new += 1,
            RowAction::Update => totals.updated += 1,
            RowAction::Unchanged => totals.unchanged += 1,
            RowAction::Error => totals.errors += 1,
            RowAction::Skipped => totals.skipped += 1,
        }
    }
    totals.rows = totals.new + totals.updated + totals.unchanged + totals.errors;
    let unit_tree = run.unit_tree;

    let mut problems = Vec::new();
    if !unit_tree.missing.is_empty() {
        let rows_affected: usize = unit_tree.missing.iter().map(|(_, n)| n).sum();
        let paths: Vec<&str> = unit_tree.missing.iter().map(|(p, _)| p.as_str()).collect();
        problems.push(format!(
            "表中有 {} 个单位在单位树中不存在（涉及 {rows_affected} 行）：{}。可选择“自动创建缺少的单位”，或先在单位管理中添加",
            paths.len(),
            paths.join("、")
        ));
    }
    let mut notes = Vec::new();
    let no_key_rows = rows
        .iter()
        .filter(|r| r.action != RowAction::Skipped && r.employee_no.is_empty())
        .count();
    if !has_employee_no {
        notes.push(
            "表中没有工号列：人员按身份证号识别（签到台可输入身份证号或其后 6 位，命令行中用身份证号代替工号）"
                .to_string(),
        );
    } else if no_key_rows > 0 {
        notes.push(format!(
            "有 {no_key_rows} 行没有工号：这些人员按身份证号识别（签到台可输入身份证号或其后 6 位，命令行中用身份证号代替工号）"
        ));
    }
    if !unit_tree.teams_under_top.is_empty() {
        notes.push(format!(
            "未选择“导入到”的单位：班组 {} 将直接建在公司之下；如它们属于某个供电所或部门，请在“导入到”中选择该单位",
            unit_tree.teams_under_top.join("、")
        ));
    }
    let target = unit_tree.target().map(|t| unit_tree.path_of(t));

    tx.truncate_notes(notes_before);
    let mut summary = format!(
        "导入职工花名册（{}）：新增 {} 人，更新 {} 人，不变 {} 人，有错未导入 {} 行",
        sheet.name, totals.new, totals.updated, totals.unchanged, totals.errors
    );
    if let Some(t) = &target {
        summary.push_str(&format!("，导入到 {t}"));
    }
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
        target,
        problems,
        notes,
        committed: false,
    })
}

/// A cell's text as the preview shows it in the 工号 and 姓名 columns of a row in error: at
/// most 40 characters (the cell may be a paragraph pasted in the wrong column).
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
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

/// What the import carries from row to row.
struct Run<'t, 'c> {
    tx: &'t Tx<'c>,
    create_units: bool,
    /// The sheet has a 工号 column.
    has_employee_no: bool,
    unit_tree: UnitTree,
    seen_no: HashMap<String, usize>,
    seen_id: HashMap<String, usize>,
}

/// Where a row's person goes.
enum RowUnit {
    /// An existing unit.
    Id(i64),
    /// A unit still to be created.
    Create(Missing),
    /// The row names no unit: the stored person's unit (an existing person), else an error.
    Keep,
}

impl Run<'_, '_> {
    /// One data row: every problem it has, or what importing it does (done on the
    /// transaction, in a savepoint undone when the row fails).
    fn row(
        &mut self,
        row_no: usize,
        data: RowData,
        read_errors: Vec<String>,
        id_given: bool,
    ) -> Result<PreviewRow> {
        let tx = self.tx;
        let prefix = |e: &str| format!("行 {row_no}：{e}");
        let mut out = PreviewRow {
            row_no,
            action: RowAction::Error,
            employee_no: data.employee_no.clone().unwrap_or_default(),
            name: data.name.clone().unwrap_or_default(),
            unit: data.unit_path.join("/"),
            changes: Vec::new(),
            errors: Vec::new(),
            notes: Vec::new(),
        };

        // Problems of the row itself: what could not be read, what repeats another row.
        let mut errors = read_errors;
        if data.name.is_none() {
            errors.push("姓名为空".to_string());
        }
        if let Some(no) = &data.employee_no {
            if let Some(first) = self.seen_no.get(no) {
                errors.push(format!("工号 {no} 与第 {first} 行重复"));
            } else {
                self.seen_no.insert(no.clone(), row_no);
            }
        }
        if let Some(id) = &data.id_number {
            if let Some(first) = self.seen_id.get(&id.number) {
                errors.push(format!("身份证号与第 {first} 行重复"));
            } else {
                self.seen_id.insert(id.number.clone(), row_no);
            }
        }

        // The stored person: by 工号, else (no 工号 in the row) by ID number.
        let existing = match (&data.employee_no, &data.id_number) {
            (Some(no), _) => find_by_employee_no(tx, no)?,
            (None, Some(id)) => find_by_id_number(tx, &id.number)?,
            (None, None) => None,
        };
        if existing.is_none() && data.employee_no.is_none() && !id_given {
            errors.push(
                "工号和身份证号都为空：新增人员至少要有其中一项（没有工号的按身份证号识别）"
                    .to_string(),
            );
        }
        let row_ok = errors.is_empty();

        // The unit, looked up for every row so that missing units show at once.
        let mut unit_error = None;
        let unit = if data.unit_path.is_empty() {
            match (self.unit_tree.target(), &existing) {
                // A person already below the target stays where they are.
                (Some(t), Some(p)) if self.unit_tree.is_within(p.unit_id, t) => RowUnit::Keep,
                (Some(t), _) => RowUnit::Id(t),
                (None, _) => RowUnit::Keep,
            }
        } else {
            match self.unit_tree.lookup(&data.unit_path) {
                Ok(Lookup::Found(id)) => {
                    out.unit = self.unit_tree.path_of(id);
                    RowUnit::Id(id)
                }
                Ok(Lookup::Missing(m)) => {
                    out.unit = m.shown.clone();
                    if self.create_units {
                        RowUnit::Create(m)
                    } else {
                        unit_error = Some(self.unit_tree.report_missing(&m));
                        RowUnit::Keep
                    }
                }
                Err(e) => {
                    unit_error = Some(e);
                    RowUnit::Keep
                }
            }
        };
        if let RowUnit::Keep = unit
            && existing.is_none()
            && unit_error.is_none()
        {
            unit_error = Some(Error::invalid("所在单位", "为空"));
        }
        if let Some(e) = &unit_error {
            errors.push(e.to_string());
        }

        if !errors.is_empty() {
            if row_ok {
                // Only the unit is wrong: still check the rest against the staff-record rules
                // (with a stand-in unit, undone) so that fixing the unit is not followed by a
                // second wave of problems.
                if let Some(stand_in) = self.unit_tree.any_unit() {
                    tx.execute_batch("SAVEPOINT import_check")?;
                    let mut scratch = out.clone();
                    let checked = self.write(&data, existing, stand_in, &mut scratch);
                    // After a full disk SQLite has rolled back the whole transaction (savepoint
                    // included): report that, not the clean-up's "no such savepoint".
                    let undone = tx.execute_batch("ROLLBACK TO import_check; RELEASE import_check");
                    match checked {
                        Err(e) if is_fatal(&e) => return Err(e),
                        Err(e) => errors.push(e.to_string()),
                        Ok(()) => {}
                    }
                    undone?;
                }
            }
            out.errors = errors.iter().map(|e| prefix(e)).collect();
            return Ok(out);
        }

        tx.execute_batch("SAVEPOINT import_row")?;
        let result = (|| -> Result<()> {
            let unit_id = match unit {
                RowUnit::Id(id) => id,
                RowUnit::Keep => existing.as_ref().map(|p| p.unit_id).unwrap_or_default(),
                RowUnit::Create(m) => {
                    let (id, created) = self.unit_tree.create(tx, &data.unit_path, m)?;
                    for path in created {
                        out.notes.push(format!("新建单位 {path}"));
                    }
                    id
                }
            };
            self.write(&data, existing, unit_id, &mut out)
        })();
        match result {
            Ok(()) => tx.execute_batch("RELEASE import_row")?,
            Err(e) => {
                let undone = tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row");
                if undone.is_err() && is_fatal(&e) {
                    return Err(e);
                }
                undone?;
                self.unit_tree.forget_uncommitted();
                if is_fatal(&e) {
                    return Err(e);
                }
                out.action = RowAction::Error;
                out.changes.clear();
                out.notes.clear();
                out.errors.push(prefix(&e.to_string()));
            }
        }
        self.unit_tree.keep_uncommitted();
        if out.action == RowAction::New && out.employee_no.is_empty() && self.has_employee_no {
            out.notes.push("没有工号：按身份证号识别".into());
        }
        Ok(out)
    }

    /// Adds or updates the person of a good row in `unit_id`.
    fn write(
        &self,
        data: &RowData,
        existing: Option<people::Person>,
        unit_id: i64,
        out: &mut PreviewRow,
    ) -> Result<()> {
        let tx = self.tx;
        let unit_tree = &self.unit_tree;
        let base = existing
            .as_ref()
            .map(people::Person::to_input)
            .unwrap_or_default();
        out.unit = unit_tree.path_of(unit_id);

        let mut input = base.clone();
        if let Some(no) = &data.employee_no {
            input.employee_no = Some(no.clone());
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
            if b.precision == Precision::Month && known_birth.is_none_or(|k| !same_month(k, b.date))
            {
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
        out.employee_no = input.employee_no.clone().unwrap_or_default();
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
    diff("工号", opt(&old.employee_no), opt(&new.employee_no));
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
