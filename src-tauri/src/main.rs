//! 群工台 desktop app: a Tauri 2 window over the core library. The UI (ui/, built into
//! ui/dist and embedded) calls commands by name: the shell's own (`commands`: dialogs, files,
//! full screen) or, for every other, the handler layer `qungong::api`, which browser mode
//! (`qungong serve`) serves too.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
#[cfg(test)]
mod contract;

use std::sync::Arc;

use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{Manager, RunEvent};

use qungong::api::{self, AppState};

fn main() {
    // Windows draws the window with the WebView2 runtime, which Windows 11 and an updated
    // Windows 10 have, but an older or locked-down PC may not: say so, and where else to go,
    // instead of the silent exit a release build (no console) would make.
    #[cfg(windows)]
    if let Err(e) = tauri::webview_version() {
        cannot_start(&format!("{NO_WEBVIEW2}\n\n（{e}）"));
    }
    let state = Arc::new(AppState::open().desktop());
    state.start_daily_backup();
    // The shell's own commands (dialogs, saving files, full screen, progress events).
    let host: Box<tauri::ipc::InvokeHandler<tauri::Wry>> = Box::new(tauri::generate_handler![
        commands::app::set_fullscreen,
        commands::print::print_document,
        commands::print::pick_font_file,
        commands::export::export_xlsx,
        commands::meeting_import::meeting_import_pick,
        commands::people_import::people_import_pick,
        commands::people_import::people_import_preview,
        commands::people_import::people_import_commit,
        commands::records::activity_file_add,
        commands::records::activity_file_save,
        commands::records::activity_file_open,
        commands::backup::backup_save,
    ]);
    let shared = Arc::clone(&state);
    let state_at_exit = Arc::clone(&state);
    tauri::Builder::default()
        // A second launch focuses the running window instead of opening another one on the
        // same database.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(move |invoke: Invoke| {
            let name = invoke.message.command();
            if let Some(need) = commands::host_need(name) {
                // The signed-in account's role, checked before the shell's command runs.
                if let Err(e) = shared.call(None, need) {
                    invoke.resolver.reject(e);
                    return true;
                }
                return host(invoke);
            }
            if !api::is_command(name) {
                return host(invoke);
            }
            // Every other command: the handler layer browser mode also uses, off the main
            // thread (as `#[tauri::command(async)]` ran them).
            let name = name.to_string();
            let args = match invoke.message.payload() {
                InvokeBody::Json(v) => v.clone(),
                InvokeBody::Raw(_) => serde_json::Value::Null,
            };
            let state = Arc::clone(&shared);
            invoke.resolver.respond_async(async move {
                tauri::async_runtime::spawn_blocking(move || {
                    api::dispatch(&state, None, &name, args)
                })
                .await
                .map_err(|e| InvokeError::from(e.to_string()))?
                .map_err(InvokeError::from)
            });
            true
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| cannot_start(&format!("群工台桌面版无法启动：{e}")))
        .run(move |_, event| {
            if let RunEvent::Exit = event {
                // The backup on exit (the first start of each day made one too).
                state_at_exit.backup_on_exit();
            }
        });
}

#[cfg(windows)]
const NO_WEBVIEW2: &str = "这台电脑没有 Microsoft Edge WebView2 运行时，群工台桌面版的窗口打不开。\n\n\
请从开始菜单打开“群工台”（浏览器版）：它在本机浏览器中打开，功能和数据与桌面版相同。\n\
要用桌面版，请信息部门安装 WebView2 运行时（Windows 11 和更新过的 Windows 10 已自带）。";

/// Says why the window cannot open, and ends (exit code 1). A Windows release build has no
/// console, so there the message is also shown in a message box.
fn cannot_start(message: &str) -> ! {
    eprintln!("{message}");
    #[cfg(windows)]
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("群工台")
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(1);
}
