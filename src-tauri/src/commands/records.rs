//! 活动记录: attaching a file through the open dialog, saving the original where the user
//! chooses, opening it with the system's program (the list, captions, views are `qungong::api`).

use std::sync::Arc;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use qungong::codes::AttachmentKind;
use qungong::records::{self, ActivityFile};

use super::dialogs::{self, Filter};
use super::{AppState, Need, Reply, io_error};

/// Asks for a photo (JPG / PNG) or any file and attaches it; `None` if the dialog was
/// cancelled. The file is read and its thumbnail made before the write.
#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_file_add(
    app: AppHandle,
    state: State<Arc<AppState>>,
    activity_id: i64,
    kind: AttachmentKind,
    caption: Option<String>,
) -> Reply<Option<ActivityFile>> {
    let (title, filter) = match kind {
        AttachmentKind::Photo => (
            "添加活动照片",
            Filter {
                name: "照片（JPG、PNG）",
                extensions: &["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"],
            },
        ),
        AttachmentKind::File => (
            "添加附件",
            Filter {
                name: "所有文件",
                extensions: &["*"],
            },
        ),
    };
    let Some(path) = dialogs::pick_file(&app, title, filter)? else {
        return Ok(None);
    };
    qungong::api::records::attach_path(
        &state.call(None, Need::Edit)?,
        activity_id,
        kind,
        caption.as_deref(),
        &path,
    )
    .map(Some)
}

/// Asks where to save the original (its own name offered) and writes it; `None` if cancelled.
#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_file_save(
    app: AppHandle,
    state: State<Arc<AppState>>,
    id: i64,
) -> Reply<Option<String>> {
    let (f, bytes) = state
        .call(None, Need::Read)?
        .read(|c| records::content(c, id))?;
    let ext = f
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_string())
        .unwrap_or_else(|| "*".into());
    let filter = Filter {
        name: "原文件",
        extensions: &[&ext],
    };
    let Some(path) = dialogs::save_file(&app, "另存附件", &f.name, filter)? else {
        return Ok(None);
    };
    std::fs::write(&path, &bytes).map_err(|e| io_error("无法保存文件", e))?;
    Ok(Some(path.display().to_string()))
}

/// Opens a copy of the original with the system's program for it (a copy in the temporary
/// folder, so the stored original cannot be changed by editing it there).
#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_file_open(app: AppHandle, state: State<Arc<AppState>>, id: i64) -> Reply<()> {
    let (f, bytes) = state
        .call(None, Need::Read)?
        .read(|c| records::content(c, id))?;
    let dir = std::env::temp_dir().join("qungong-附件").join(&f.uid);
    std::fs::create_dir_all(&dir).map_err(|e| io_error("无法创建临时文件夹", e))?;
    let path = dir.join(&f.name);
    std::fs::write(&path, &bytes).map_err(|e| io_error("无法写入临时文件", e))?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| io_error("无法用系统程序打开", e))
}
