//! 数据备份's 另存到…: a backup copied where the user chooses (a USB stick); the list, 立即备份
//! and the restores are `qungong::api::backup`.

use std::sync::Arc;

use tauri::{AppHandle, State};

use super::dialogs::{self, Filter};
use super::{AppState, Need, Reply, io_error};

/// Asks where to save the backup `file` (its own name offered) and copies it there; `None` if
/// cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_save(
    app: AppHandle,
    state: State<Arc<AppState>>,
    file: String,
) -> Reply<Option<String>> {
    let call = state.call(None, Need::Admin)?;
    let path = qungong::api::backup::backup_for_saving(&call, &file)?;
    let filter = Filter {
        name: "群工台备份",
        extensions: &["db"],
    };
    let Some(dest) = dialogs::save_file(&app, "备份另存到", &file, filter)? else {
        return Ok(None);
    };
    std::fs::copy(&path, &dest).map_err(|e| io_error("无法保存备份", e))?;
    Ok(Some(dest.display().to_string()))
}
