//! Excel export: a workbook saved where the user chooses.

use std::sync::Arc;

use tauri::{AppHandle, State};

use qungong::api::dto::Exported;
use qungong::xlsx::job::ExportJob;

use super::dialogs::{self, Filter};
use super::{AppState, Need, Reply, io_error};

/// Makes the workbook, asks where to save it (native dialog, a file name offered) and writes
/// it. `None`: the user cancelled. The workbook is made first, so a problem (an activity that
/// does not exist, a period the wrong way round) is reported before any dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub fn export_xlsx(
    app: AppHandle,
    state: State<Arc<AppState>>,
    job: ExportJob,
) -> Reply<Option<Exported>> {
    let e = qungong::api::files::export(&state.call(None, Need::Read)?, &job)?;
    let workbook = Filter {
        name: "Excel 工作簿",
        extensions: &["xlsx"],
    };
    let Some(mut path) = dialogs::save_file(&app, "导出 Excel", &e.file_name, workbook)? else {
        return Ok(None);
    };
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
