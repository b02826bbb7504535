//! The `#[tauri::command]` handlers (the contract is `src-tauri/API.md`). Each parses its
//! arguments, calls one core function and maps the core error to `{code, message}`; no business
//! logic lives here.

use std::sync::Mutex;

use chrono::{Local, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use tauri::State;

use qungong::activities::{self, Activity, ActivityFilter, ActivityInput};
use qungong::attendance::meeting_import::{self, ManualMatch, MeetingFile};
use qungong::attendance::{self, CheckIn, Counts, RateQuery, Sheet};
use qungong::codes::{self, AttendanceStatus, Recurrence, UnitKind};
use qungong::db::Connection;
use qungong::db::Page;
use qungong::pdf::job::{self as printing, PrintChoices, PrintJob};
use qungong::people::import as people_import;
use qungong::people::{self, Person, PersonFilter, PersonInput};
use qungong::structure::{self, Analysis, Config, MemberRow, Population, Slice, StructureQuery};
use qungong::units::{self, Unit, UnitNode};
use qungong::xlsx::job::{self as export, ExportJob};
use qungong::{Actor, Db, Tx, dashboard, settings};

/// What the UI receives when a command fails: `message` is shown as it is.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl From<qungong::Error> for ApiError {
    fn from(e: qungong::Error) -> Self {
        ApiError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

type Reply<T> = Result<T, ApiError>;

/// The open database, or why it could not be opened (shown by every screen).
pub struct AppState {
    db: Result<Mutex<Db>, ApiError>,
}

impl AppState {
    pub fn open() -> AppState {
        let path = qungong::db::resolve_path(None);
        AppState {
            db: Db::open(path).map(Mutex::new).map_err(ApiError::from),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Db) -> qungong::Result<T>) -> Reply<T> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // A poisoned lock only means an earlier command panicked; the connection is still sound
        // because every write is a transaction that was rolled back.
        let mut db = db.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut db).map_err(ApiError::from)
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> qungong::Result<T>) -> Reply<T> {
        self.with(|db| f(db.conn()))
    }

    fn write<T>(&self, action: &str, f: impl FnOnce(&Tx) -> qungong::Result<T>) -> Reply<T> {
        self.with(|db| db.transact(&Actor::local(), action, f))
    }
}

fn now() -> NaiveDateTime {
    let t = Local::now().naive_local();
    t.with_nanosecond(0).unwrap_or(t)
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    schema_version: Option<i64>,
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_info(state: State<AppState>) -> Reply<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: qungong::db::resolve_path(None).display().to_string(),
        schema_version: state.with(|db| db.schema_version()).ok(),
    })
}

#[derive(Serialize)]
pub struct Codes {
    gender: Vec<&'static str>,
    political_status: Vec<&'static str>,
    education: Vec<&'static str>,
    professional_title: Vec<&'static str>,
    skill_level: Vec<&'static str>,
    retirement_category: Vec<&'static str>,
    unit_kind: Vec<&'static str>,
    activity_kind: Vec<&'static str>,
    activity_mode: Vec<&'static str>,
    activity_status: Vec<&'static str>,
    attendance_status: Vec<&'static str>,
    recurrence: Vec<&'static str>,
    ethnicity: Vec<&'static str>,
}

macro_rules! labels {
    ($t:ty) => {
        <$t>::ALL.iter().map(|v| v.label()).collect()
    };
}

#[tauri::command(rename_all = "snake_case")]
pub fn codes() -> Codes {
    Codes {
        gender: labels!(codes::Gender),
        political_status: labels!(codes::PoliticalStatus),
        education: labels!(codes::Education),
        professional_title: labels!(codes::ProfessionalTitle),
        skill_level: labels!(codes::SkillLevel),
        retirement_category: labels!(codes::RetirementCategory),
        unit_kind: labels!(codes::UnitKind),
        activity_kind: labels!(codes::ActivityKind),
        activity_mode: labels!(codes::ActivityMode),
        activity_status: labels!(codes::ActivityStatus),
        attendance_status: labels!(codes::AttendanceStatus),
        recurrence: labels!(codes::Recurrence),
        ethnicity: codes::ETHNICITIES.to_vec(),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub fn set_fullscreen(window: tauri::WebviewWindow, fullscreen: bool) -> Reply<()> {
    window.set_fullscreen(fullscreen).map_err(|e| ApiError {
        code: "window".into(),
        message: format!("无法切换全屏：{e}"),
    })
}

// ---- units

#[tauri::command(async, rename_all = "snake_case")]
pub fn unit_tree(state: State<AppState>) -> Reply<Vec<UnitNode>> {
    state.read(units::tree)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unit_add(
    state: State<AppState>,
    name: String,
    kind: Option<UnitKind>,
    parent_id: Option<i64>,
) -> Reply<Unit> {
    let kind = kind.unwrap_or_else(|| UnitKind::guess(&name, parent_id.is_some()));
    let id = state.write(qungong::Action::UnitAdd, |tx| {
        units::add(tx, &name, kind, parent_id)
    })?;
    state.read(|c| units::get(c, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unit_rename(state: State<AppState>, id: i64, name: String) -> Reply<Unit> {
    state.write(qungong::Action::UnitRename, |tx| {
        units::rename(tx, id, &name)
    })?;
    state.read(|c| units::get(c, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unit_move(state: State<AppState>, id: i64, parent_id: Option<i64>) -> Reply<Unit> {
    state.write(qungong::Action::UnitMove, |tx| {
        units::move_to(tx, id, parent_id)
    })?;
    state.read(|c| units::get(c, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unit_delete(state: State<AppState>, id: i64) -> Reply<()> {
    state.write(qungong::Action::UnitDelete, |tx| units::delete(tx, id))
}

// ---- staff

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_list(
    state: State<AppState>,
    filter: PersonFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Person>> {
    let mut page = state.read(|c| people::list(c, &filter, offset, limit.clamp(1, 500)))?;
    page.items = page.items.into_iter().map(Person::masked).collect();
    Ok(page)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_get(state: State<AppState>, id: i64, full: bool) -> Reply<Person> {
    let p = state.read(|c| people::get(c, id))?;
    Ok(if full { p } else { p.masked() })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_add(state: State<AppState>, input: PersonInput) -> Reply<Person> {
    let id = state.write(qungong::Action::PersonAdd, |tx| people::add(tx, input))?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_update(state: State<AppState>, id: i64, input: PersonInput) -> Reply<Person> {
    state.write(qungong::Action::PersonEdit, |tx| {
        people::update(tx, id, input)
    })?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_leave(
    state: State<AppState>,
    id: i64,
    date: NaiveDate,
    reason: Option<String>,
) -> Reply<Person> {
    state.write(qungong::Action::PersonLeave, |tx| {
        people::leave(tx, id, date, reason.as_deref())
    })?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_reinstate(state: State<AppState>, id: i64) -> Reply<Person> {
    state.write(qungong::Action::PersonReinstate, |tx| {
        people::reinstate(tx, id)
    })?;
    person_get(state, id, false)
}

// ---- activities

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_list(
    state: State<AppState>,
    filter: ActivityFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Activity>> {
    state.read(|c| activities::list(c, &filter, offset, limit.clamp(1, 1000)))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_get(state: State<AppState>, id: i64) -> Reply<Activity> {
    state.read(|c| activities::get(c, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_add(
    state: State<AppState>,
    input: ActivityInput,
    repeat: Option<Recurrence>,
    count: Option<u32>,
) -> Reply<Vec<i64>> {
    match repeat {
        Some(r) => state.write(qungong::Action::ActivityAddSeries, |tx| {
            activities::add_series(tx, input, r, count.unwrap_or(0))
        }),
        None => state.write(qungong::Action::ActivityAdd, |tx| {
            activities::add(tx, input).map(|id| vec![id])
        }),
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_update(
    state: State<AppState>,
    id: i64,
    input: ActivityInput,
    series: bool,
) -> Reply<usize> {
    if series {
        state.write(qungong::Action::ActivityEditSeries, |tx| {
            activities::update_series(tx, id, input)
        })
    } else {
        state.write(qungong::Action::ActivityEdit, |tx| {
            activities::update(tx, id, input).map(|()| 1)
        })
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_cancel(state: State<AppState>, id: i64, series: bool) -> Reply<usize> {
    state.write(qungong::Action::ActivityCancel, |tx| {
        activities::cancel(tx, id, series)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_summary(state: State<AppState>, id: i64, summary: String) -> Reply<Activity> {
    state.write(qungong::Action::ActivitySummary, |tx| {
        activities::record_summary(tx, id, &summary)
    })?;
    activity_get(state, id)
}

// ---- invitees and check-in

#[tauri::command(async, rename_all = "snake_case")]
pub fn invite(
    state: State<AppState>,
    activity_id: i64,
    unit_ids: Vec<i64>,
    filter: Option<PersonFilter>,
    person_ids: Vec<i64>,
) -> Reply<usize> {
    state.write(qungong::Action::AttendanceInvite, |tx| {
        attendance::invite(tx, activity_id, &unit_ids, filter.as_ref(), &person_ids)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn uninvite(state: State<AppState>, activity_id: i64, person_id: i64) -> Reply<()> {
    state.write(qungong::Action::AttendanceUninvite, |tx| {
        attendance::uninvite(tx, activity_id, person_id)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn attendance_sheet(state: State<AppState>, activity_id: i64) -> Reply<Sheet> {
    state.read(|c| attendance::sheet(c, activity_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn check_in(
    state: State<AppState>,
    activity_id: i64,
    person_id: i64,
    walk_in: bool,
) -> Reply<CheckIn> {
    state.write(qungong::Action::AttendanceCheckIn, |tx| {
        attendance::check_in(tx, activity_id, person_id, now(), walk_in)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kiosk_check_in(
    state: State<AppState>,
    activity_id: i64,
    key: String,
    walk_in: bool,
) -> Reply<CheckIn> {
    state.write(qungong::Action::AttendanceCheckIn, |tx| {
        let person_id = attendance::find_attendee(tx, activity_id, &key)?;
        attendance::check_in(tx, activity_id, person_id, now(), walk_in)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_status(
    state: State<AppState>,
    activity_id: i64,
    person_id: i64,
    status: Option<AttendanceStatus>,
    reason: Option<String>,
) -> Reply<Counts> {
    state.write(qungong::Action::AttendanceSetStatus, |tx| {
        attendance::set_status(tx, activity_id, person_id, status, reason.as_deref(), now())
    })?;
    state.read(|c| attendance::counts(c, activity_id))
}

#[derive(serde::Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum RatesBy {
    Unit,
    Person,
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn attendance_rates(
    state: State<AppState>,
    by: RatesBy,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
) -> Reply<serde_json::Value> {
    let q = RateQuery { from, to, unit_id };
    let value = match by {
        RatesBy::Unit => state
            .read(|c| attendance::rates_by_unit(c, &q))
            .map(serde_json::to_value),
        RatesBy::Person => state
            .read(|c| attendance::rates_by_person(c, &q))
            .map(serde_json::to_value),
    }?;
    value.map_err(|e| ApiError {
        code: "internal".into(),
        message: format!("结果无法输出：{e}"),
    })
}

// ---- printing and settings

#[derive(Serialize)]
pub struct Printed {
    path: String,
    pages: usize,
    /// Characters the font lacks (printed as □).
    missing_glyphs: String,
    /// Whether the system PDF viewer was started.
    opened: bool,
}

/// Makes the PDF, asks where to save it (native dialog), writes it and opens it in the system
/// viewer. `None`: the user cancelled the dialog. The document is made first, so a missing font
/// is reported before any dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_document(
    app: tauri::AppHandle,
    state: State<AppState>,
    job: PrintJob,
    choices: PrintChoices,
) -> Reply<Option<Printed>> {
    use tauri_plugin_dialog::DialogExt;
    use tauri_plugin_opener::OpenerExt;

    let (doc, name) = state.read(|c| {
        let opts = printing::options(c, &choices, today())?;
        Ok((
            printing::render(c, &job, &opts)?,
            printing::file_name(c, &job)?,
        ))
    })?;
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("保存 PDF")
        .set_file_name(&name)
        .add_filter("PDF 文件", &["pdf"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| io_error("无法使用所选位置", e))?;
    std::fs::write(&path, &doc.bytes).map_err(|e| io_error("无法保存文件", e))?;
    let opened = app
        .opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .is_ok();
    Ok(Some(Printed {
        path: path.display().to_string(),
        pages: doc.pages,
        missing_glyphs: doc.missing_glyphs.iter().collect(),
        opened,
    }))
}

fn io_error(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "io".into(),
        message: format!("{what}：{e}"),
    }
}

/// Shows the open dialog for a font file; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_font_file(app: tauri::AppHandle) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .set_title("选择中文字体文件")
        .add_filter("字体文件", &["ttf", "otf", "ttc", "TTF", "OTF", "TTC"])
        .blocking_pick_file();
    match picked {
        None => Ok(None),
        Some(p) => Ok(Some(
            p.into_path()
                .map_err(|e| io_error("无法使用所选文件", e))?
                .display()
                .to_string(),
        )),
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn setting_get(state: State<AppState>, key: String) -> Reply<Option<String>> {
    state.read(|c| settings::get(c, &key))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn setting_set(state: State<AppState>, key: String, value: String) -> Reply<()> {
    state.write(qungong::Action::SettingSet, |tx| {
        settings::set(tx, &key, &value)
    })
}

// ---- Excel export and 导入线上签到

#[derive(Serialize)]
pub struct Exported {
    path: String,
    /// Data rows of the main sheet (people, activities, units …).
    rows: usize,
    sheets: Vec<String>,
}

/// Makes the workbook, asks where to save it (native dialog, a file name offered) and writes
/// it. `None`: the user cancelled. The workbook is made first, so a problem (an activity that
/// does not exist, a period the wrong way round) is reported before any dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub fn export_xlsx(
    app: tauri::AppHandle,
    state: State<AppState>,
    job: ExportJob,
) -> Reply<Option<Exported>> {
    use tauri_plugin_dialog::DialogExt;

    let e = state.read(|c| export::render(c, &job, today()))?;
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("导出 Excel")
        .set_file_name(&e.file_name)
        .add_filter("Excel 工作簿", &["xlsx"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let mut path = chosen
        .into_path()
        .map_err(|e| io_error("无法使用所选位置", e))?;
    if path.extension().is_none() {
        path.set_extension("xlsx");
    }
    std::fs::write(&path, &e.bytes).map_err(|e| io_error("无法保存文件", e))?;
    Ok(Some(Exported {
        path: path.display().to_string(),
        rows: e.rows,
        sheets: e.sheets,
    }))
}

/// Shows the open dialog for a meeting's participant export; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_pick(app: tauri::AppHandle) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .set_title("选择线上会议的参会记录")
        .add_filter(
            "参会记录（Excel、CSV）",
            &["xlsx", "xls", "et", "ods", "csv", "XLSX", "XLS", "CSV"],
        )
        .blocking_pick_file();
    match picked {
        None => Ok(None),
        Some(p) => Ok(Some(
            p.into_path()
                .map_err(|e| io_error("无法使用所选文件", e))?
                .display()
                .to_string(),
        )),
    }
}

fn meeting_file(c: &Connection, activity_id: i64, path: &str) -> qungong::Result<MeetingFile> {
    let a = activities::get(c, activity_id)?;
    meeting_import::read(std::path::Path::new(path), a.starts_at.date())
}

/// What importing the file would do: matched and unmatched rows, the invitees to match by hand.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_preview(
    state: State<AppState>,
    activity_id: i64,
    path: String,
) -> Reply<meeting_import::Preview> {
    state.read(|c| meeting_import::preview(c, activity_id, &meeting_file(c, activity_id, &path)?))
}

/// Checks in everyone the file matches and the rows matched by hand, in one transaction.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_apply(
    state: State<AppState>,
    activity_id: i64,
    path: String,
    manual: Vec<ManualMatch>,
) -> Reply<meeting_import::Applied> {
    let file = state.read(|c| meeting_file(c, activity_id, &path))?;
    state.write(qungong::Action::AttendanceImportMeeting, |tx| {
        meeting_import::apply(tx, activity_id, &file, &manual)
    })
}

/// Checks in only rows matched by hand (after the file has been imported).
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_match(
    state: State<AppState>,
    activity_id: i64,
    path: String,
    manual: Vec<ManualMatch>,
) -> Reply<meeting_import::Applied> {
    let file = state.read(|c| meeting_file(c, activity_id, &path))?;
    state.write(qungong::Action::AttendanceImportMeeting, |tx| {
        meeting_import::apply_manual(tx, activity_id, &file, &manual)
    })
}

// ---- overview and structure

#[tauri::command(async, rename_all = "snake_case")]
pub fn dashboard(state: State<AppState>) -> Reply<dashboard::Overview> {
    state.read(|c| dashboard::overview(c, today()))
}

/// The 队伍结构 screen: structure, warnings, retirements, trend and projection (`years` back and
/// forward, default 5), with the brackets and thresholds from 设置.
#[tauri::command(async, rename_all = "snake_case")]
pub fn structure(
    state: State<AppState>,
    unit_id: Option<i64>,
    population: Population,
    as_of: Option<NaiveDate>,
    years: Option<u32>,
) -> Reply<Analysis> {
    let q = StructureQuery {
        unit_id,
        population,
        as_of: as_of.unwrap_or_else(today),
    };
    let years = years.unwrap_or(5).clamp(1, 30);
    state.read(|c| structure::analyse(c, &q, &Config::load(c)?, years))
}

/// The people behind a bar of the 队伍结构 charts (all of them without `slice`).
#[tauri::command(async, rename_all = "snake_case")]
pub fn structure_members(
    state: State<AppState>,
    unit_id: Option<i64>,
    population: Population,
    as_of: Option<NaiveDate>,
    slice: Option<Slice>,
) -> Reply<Vec<MemberRow>> {
    let q = StructureQuery {
        unit_id,
        population,
        as_of: as_of.unwrap_or_else(today),
    };
    state.read(|c| structure::members(c, &q, &Config::load(c)?, slice.as_ref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn structure_config_get(state: State<AppState>) -> Reply<Config> {
    state.read(Config::load)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn structure_config_set(state: State<AppState>, config: Config) -> Reply<()> {
    state.write(qungong::Action::SettingStructure, |tx| {
        settings::set_structure_config(tx, &config)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_reach_the_ui_as_code_and_chinese_message() {
        let e: ApiError =
            qungong::Error::invalid("身份证号", "校验位错误（按 GB 11643 应为 8）").into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.message, "身份证号：校验位错误（按 GB 11643 应为 8）");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid");
    }

    #[test]
    fn every_code_table_is_listed_in_chinese() {
        let c = codes();
        assert_eq!(c.gender, ["男", "女"]);
        assert_eq!(c.activity_kind.len(), 8);
        assert_eq!(c.ethnicity.len(), 56);
        assert!(c.attendance_status.contains(&"请假"));
    }
}

// ---------------------------------------------------------------------------------------------
// Staff import (导入花名册)

/// Shows the open dialog for a roster file; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_pick(app: tauri::AppHandle) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .set_title("选择职工花名册")
        .add_filter(
            "花名册（Excel、WPS、CSV）",
            &[
                "xlsx", "xls", "et", "ods", "csv", "XLSX", "XLS", "ET", "ODS", "CSV",
            ],
        )
        .blocking_pick_file();
    match picked {
        None => Ok(None),
        Some(p) => Ok(Some(
            p.into_path()
                .map_err(|e| io_error("无法使用所选文件", e))?
                .display()
                .to_string(),
        )),
    }
}

/// A field a column can be mapped to, for the mapping step.
#[derive(Serialize)]
pub struct ImportField {
    key: people_import::Field,
    label: &'static str,
}

/// The file as read, for the mapping step.
#[derive(Serialize)]
pub struct ImportSheet {
    path: String,
    sheet_name: String,
    /// Rows in the sheet (blank ones included).
    row_count: usize,
    /// The first rows as text (up to 30), to show where the header is.
    head: Vec<Vec<String>>,
    /// The mapping found from the headers; `null` when no header row was recognised (the user
    /// then picks the header row).
    mapping: Option<people_import::Mapping>,
    fields: Vec<ImportField>,
}

/// Reads a roster file and maps its columns from the header names.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_open(path: String) -> Reply<ImportSheet> {
    let sheet = people_import::load(std::path::Path::new(&path)).map_err(ApiError::from)?;
    let head = sheet
        .rows
        .iter()
        .take(30)
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    Ok(ImportSheet {
        path,
        sheet_name: sheet.name.clone(),
        row_count: sheet.rows.len(),
        head,
        mapping: people_import::auto_mapping(&sheet).ok(),
        fields: people_import::Field::ALL
            .iter()
            .map(|&f| ImportField {
                key: f,
                label: f.label(),
            })
            .collect(),
    })
}

/// The mapping read from another header row (1-based, as the sheet numbers it).
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_mapping(path: String, header_row: usize) -> Reply<people_import::Mapping> {
    let sheet = people_import::load(std::path::Path::new(&path)).map_err(ApiError::from)?;
    people_import::mapping_at(&sheet, header_row.saturating_sub(1))
        .map_err(|e| ApiError::from(qungong::Error::from(e)))
}

/// Progress event of a preview or commit: `people_import_progress` with `{ done, total }`.
#[derive(Clone, Serialize)]
struct ImportProgress {
    done: usize,
    total: usize,
}

fn import_run(
    app: &tauri::AppHandle,
    state: &AppState,
    path: &str,
    options: &people_import::ImportOptions,
    commit: bool,
) -> Reply<people_import::Preview> {
    use tauri::Emitter;
    let sheet = people_import::load(std::path::Path::new(path)).map_err(ApiError::from)?;
    let mut progress = |done: usize, total: usize| {
        let _ = app.emit("people_import_progress", ImportProgress { done, total });
        true
    };
    state.with(|db| {
        if commit {
            people_import::commit(db, &Actor::local(), &sheet, options, &mut progress)
        } else {
            people_import::preview(db, &sheet, options, &mut progress)
        }
    })
}

/// Dry run: every row as 新增 / 更新 / 不变 / 错误, nothing written.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_preview(
    app: tauri::AppHandle,
    state: State<AppState>,
    path: String,
    options: people_import::ImportOptions,
) -> Reply<people_import::Preview> {
    import_run(&app, &state, &path, &options, false)
}

/// Imports the good rows in one transaction (rows with errors are left out).
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_commit(
    app: tauri::AppHandle,
    state: State<AppState>,
    path: String,
    options: people_import::ImportOptions,
) -> Reply<people_import::Preview> {
    import_run(&app, &state, &path, &options, true)
}
