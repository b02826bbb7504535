//! 导入线上签到: the open dialog for the meeting's export (the rest is `qungong::api`).

use tauri::AppHandle;

use super::Reply;
use super::dialogs::{self, Filter};

/// Shows the open dialog for a meeting's participant export; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_pick(app: AppHandle) -> Reply<Option<String>> {
    let filter = Filter {
        name: "参会记录（Excel、CSV）",
        extensions: &["xlsx", "xls", "et", "ods", "csv", "XLSX", "XLS", "CSV"],
    };
    let picked = dialogs::pick_file(&app, "选择线上会议的参会记录", filter)?;
    Ok(picked.map(|p| p.display().to_string()))
}
