//! Staff import (导入花名册): pick the file, map its columns, preview, commit.

use std::path::Path;

use tauri::{AppHandle, Emitter, State};

use qungong::Actor;
use qungong::people::import::{self as people_import, ImportOptions, Mapping, Preview};

use super::dialogs::{self, Filter};
use super::dto::{ImportField, ImportProgress, ImportSheet};
use super::{ApiError, AppState, Reply};

/// Shows the open dialog for a roster file; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_pick(app: AppHandle) -> Reply<Option<String>> {
    let filter = Filter {
        name: "花名册（Excel、WPS、CSV）",
        extensions: &[
            "xlsx", "xls", "et", "ods", "csv", "XLSX", "XLS", "ET", "ODS", "CSV",
        ],
    };
    let picked = dialogs::pick_file(&app, "选择职工花名册", filter)?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Reads a roster file and maps its columns from the header names.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_open(path: String) -> Reply<ImportSheet> {
    let sheet = people_import::load(Path::new(&path)).map_err(ApiError::from)?;
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
pub fn people_import_mapping(path: String, header_row: usize) -> Reply<Mapping> {
    let sheet = people_import::load(Path::new(&path)).map_err(ApiError::from)?;
    people_import::mapping_at(&sheet, header_row.saturating_sub(1))
        .map_err(|e| ApiError::from(qungong::Error::from(e)))
}

/// Reads the file, then previews or commits it, reporting progress as the event
/// `people_import_progress`.
fn import_run(
    app: &AppHandle,
    state: &AppState,
    path: &str,
    options: &ImportOptions,
    commit: bool,
) -> Reply<Preview> {
    let sheet = people_import::load(Path::new(path)).map_err(ApiError::from)?;
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
    app: AppHandle,
    state: State<AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<Preview> {
    import_run(&app, &state, &path, &options, false)
}

/// Imports the good rows in one transaction (rows with errors are left out).
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_commit(
    app: AppHandle,
    state: State<AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<Preview> {
    import_run(&app, &state, &path, &options, true)
}
