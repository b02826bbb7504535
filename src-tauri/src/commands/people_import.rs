//! Staff import (导入花名册): the open dialog, and the preview and commit with their progress
//! sent as events (the reading and mapping steps are `qungong::api`).

use std::sync::Arc;

use tauri::{AppHandle, Emitter, State};

use qungong::api::dto::ImportProgress;
use qungong::people::import::{ImportOptions, Preview};

use super::dialogs::{self, Filter};
use super::{AppState, Need, Reply};

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

fn run(
    app: &AppHandle,
    state: &AppState,
    path: &str,
    options: &ImportOptions,
    commit: bool,
) -> Reply<Preview> {
    qungong::api::people_import::run(
        &state.call(None, Need::Edit)?,
        path,
        options,
        commit,
        &mut |done, total| {
            let _ = app.emit("people_import_progress", ImportProgress { done, total });
        },
    )
}

/// Dry run: every row as 新增 / 更新 / 不变 / 错误, nothing written; progress as the event
/// `people_import_progress`.
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_preview(
    app: AppHandle,
    state: State<Arc<AppState>>,
    path: String,
    options: ImportOptions,
) -> Reply<Preview> {
    run(&app, &state, &path, &options, false)
}

/// Imports the good rows in one transaction (rows with errors are left out).
#[tauri::command(async, rename_all = "snake_case")]
pub fn people_import_commit(
    app: AppHandle,
    state: State<Arc<AppState>>,
    path: String,
    options: ImportOptions,
) -> Reply<Preview> {
    run(&app, &state, &path, &options, true)
}
