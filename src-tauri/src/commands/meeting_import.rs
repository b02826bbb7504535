//! 导入线上签到: check in an online meeting's participants from its export file.

use std::path::Path;

use tauri::{AppHandle, State};

use qungong::Action;
use qungong::attendance::meeting_import::{self, Applied, ManualMatch, Preview};

use super::dialogs::{self, Filter};
use super::{AppState, Reply};

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

/// What importing the file would do: matched and unmatched rows, the invitees to match by hand.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_preview(
    state: State<AppState>,
    activity_id: i64,
    path: String,
) -> Reply<Preview> {
    state.read(|c| meeting_import::preview_file(c, activity_id, Path::new(&path)))
}

/// Checks in everyone the file matches and the rows matched by hand, in one transaction.
#[tauri::command(async, rename_all = "snake_case")]
pub fn meeting_import_apply(
    state: State<AppState>,
    activity_id: i64,
    path: String,
    manual: Vec<ManualMatch>,
) -> Reply<Applied> {
    let file =
        state.read(|c| meeting_import::read_for_activity(c, activity_id, Path::new(&path)))?;
    state.write(Action::AttendanceImportMeeting, |tx| {
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
) -> Reply<Applied> {
    let file =
        state.read(|c| meeting_import::read_for_activity(c, activity_id, Path::new(&path)))?;
    state.write(Action::AttendanceImportMeeting, |tx| {
        meeting_import::apply_manual(tx, activity_id, &file, &manual)
    })
}
