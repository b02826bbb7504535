//! Printing: a document as a PDF saved where the user chooses, and the font file picker.

use std::sync::Arc;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use qungong::api::dto::Printed;
use qungong::pdf::job::{PrintChoices, PrintJob};

use super::dialogs::{self, Filter};
use super::{AppState, Need, Reply, io_error};

/// Makes the PDF, asks where to save it (native dialog), writes it and opens it in the system
/// viewer. `None`: the user cancelled the dialog. The document is made first, so a missing font
/// is reported before any dialog.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_document(
    app: AppHandle,
    state: State<Arc<AppState>>,
    job: PrintJob,
    choices: PrintChoices,
) -> Reply<Option<Printed>> {
    let out = qungong::api::files::print(&state.call(None, Need::Read)?, &job, &choices)?;
    let pdf = Filter {
        name: "PDF 文件",
        extensions: &["pdf"],
    };
    let Some(path) = dialogs::save_file(&app, "保存 PDF", &out.file_name, pdf)? else {
        return Ok(None);
    };
    std::fs::write(&path, &out.doc.bytes).map_err(|e| io_error("无法保存文件", e))?;
    let opened = app
        .opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .is_ok();
    Ok(Some(Printed {
        path: path.display().to_string(),
        pages: out.doc.pages,
        missing_glyphs: out.doc.missing_glyphs.iter().collect(),
        opened,
    }))
}

/// Shows the open dialog for a font file; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_font_file(app: AppHandle) -> Reply<Option<String>> {
    let fonts = Filter {
        name: "字体文件",
        extensions: &["ttf", "otf", "ttc", "TTF", "OTF", "TTC"],
    };
    let picked = dialogs::pick_file(&app, "选择中文字体文件", fonts)?;
    Ok(picked.map(|p| p.display().to_string()))
}
