//! Every type the shell itself defines that crosses to the UI (the core's own types cross as
//! they are). They are declared here, and only here, so that their TypeScript can be generated
//! from one place; see `src-tauri/API.md` for where each travels.

use serde::{Deserialize, Serialize};

use crate::people::import::{Field, Mapping};

/// What the UI receives when a command fails: `message` is shown as it is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// `app_info`.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
    pub schema_version: Option<i64>,
}

/// `codes`: each code table as its Chinese labels in display order.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Codes {
    pub gender: Vec<&'static str>,
    pub political_status: Vec<&'static str>,
    pub education: Vec<&'static str>,
    /// 职称级别 (derived from the title; for filters and figures).
    pub title_level: Vec<&'static str>,
    /// The common titles of each series, for the 职称 field's suggestions (others are accepted).
    pub title_series: Vec<crate::titles::Series>,
    pub skill_level: Vec<&'static str>,
    pub retirement_category: Vec<&'static str>,
    pub unit_kind: Vec<&'static str>,
    pub activity_kind: Vec<&'static str>,
    pub activity_mode: Vec<&'static str>,
    pub activity_status: Vec<&'static str>,
    pub attendance_status: Vec<&'static str>,
    pub recurrence: Vec<&'static str>,
    pub ethnicity: Vec<&'static str>,
    pub concern_source: Vec<&'static str>,
    pub raiser_kind: Vec<&'static str>,
    pub concern_status: Vec<&'static str>,
    pub satisfaction: Vec<&'static str>,
    pub opinion_kind: Vec<&'static str>,
    pub opinion_level: Vec<&'static str>,
    pub opinion_trend: Vec<&'static str>,
    pub talk_kind: Vec<&'static str>,
    pub eval_method: Vec<&'static str>,
    pub auto_source: Vec<&'static str>,
    pub score_rule: Vec<&'static str>,
    pub round_kind: Vec<&'static str>,
    pub round_status: Vec<&'static str>,
    pub grade: Vec<&'static str>,
    pub recognition_target: Vec<&'static str>,
    pub recognition_status: Vec<&'static str>,
}

/// The `by` argument of `attendance_rates` (it comes from the UI, not back to it).
#[derive(Deserialize, Clone, Copy)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RatesByArg"))]
#[serde(rename_all = "lowercase")]
pub enum RatesBy {
    Unit,
    Person,
}

/// `print_document`: the PDF as saved.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printed {
    pub path: String,
    pub pages: usize,
    /// Characters the font lacks (printed as □).
    pub missing_glyphs: String,
    /// Whether the system PDF viewer was started.
    pub opened: bool,
}

/// `export_xlsx`: the workbook as saved.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub path: String,
    /// Data rows of the main sheet (people, activities, units …).
    pub rows: usize,
    pub sheets: Vec<String>,
}

/// A field a column can be mapped to, for the mapping step of `people_import_open`.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportFieldLabel"))]
pub struct ImportField {
    pub key: Field,
    pub label: &'static str,
}

/// `people_import_open`: the file as read, for the mapping step.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSheet {
    pub path: String,
    pub sheet_name: String,
    /// Rows in the sheet (blank ones included).
    pub row_count: usize,
    /// The first rows as text (up to 30), to show where the header is.
    pub head: Vec<Vec<String>>,
    /// The mapping found from the headers; `null` when no header row was recognised (the user
    /// then picks the header row).
    pub mapping: Option<Mapping>,
    pub fields: Vec<ImportField>,
}

/// Payload of the event `people_import_progress`, sent while a preview or commit runs.
#[derive(Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}
