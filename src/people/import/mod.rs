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
    /// Remarks that do not stop the row, e.g. a unit to be created.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportTotals"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportPreview"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ImportOptions {
    /// The mapping to use; None: [`auto_mapping`].
    pub mapping: Option<Mapping>,
    /// Create the units a row names that are not in the tree (else such rows are errors).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
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
