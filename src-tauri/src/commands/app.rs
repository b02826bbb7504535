//! The kiosk's full screen (the window's own; browser mode uses the browser's Fullscreen API).

use super::{ApiError, Reply};

#[tauri::command(rename_all = "snake_case")]
pub fn set_fullscreen(window: tauri::WebviewWindow, fullscreen: bool) -> Reply<()> {
    window.set_fullscreen(fullscreen).map_err(|e| ApiError {
        code: "window".into(),
        message: format!("无法切换全屏：{e}"),
    })
}
