//! Excel export: a workbook saved where the user chooses.

use tauri::{AppHandle, State};

use qungong::db::today;
use qungong::xlsx::job::{self as export, ExportJob};

use super::dialogs::{self, Filter};
use super::dto::Exported;
use super::{AppState, Reply, io_error};

/// Makes the workbook, asks where to save it (native dialog, a file name offered) and writes
/// it. `None`: the user cancelled. The workbook is made first, so a problem (an activity that
/// does not exist, a period the wrong way round) is reported before any dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub fn export_xlsx(
    app: AppHandle,
    state: State<AppState>,
    job: ExportJob,
) -> Reply<Option<Exported>> {
    let e = state.read(|c| export::render(c, &job, today()))?;
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
