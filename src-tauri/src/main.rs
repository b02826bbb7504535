//! 群工台 desktop app: a Tauri 2 window over the core library. The UI (ui/, built into
//! ui/dist and embedded) talks to the handlers in `commands`, which call the core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use tauri::Manager;

fn main() {
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
        .manage(commands::AppState::open())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::codes,
            commands::set_fullscreen,
            commands::unit_tree,
            commands::unit_add,
            commands::unit_rename,
            commands::unit_move,
            commands::unit_delete,
            commands::person_list,
            commands::person_get,
            commands::person_add,
            commands::person_update,
            commands::person_leave,
            commands::person_reinstate,
            commands::activity_list,
            commands::activity_get,
            commands::activity_add,
            commands::activity_update,
            commands::activity_cancel,
            commands::activity_summary,
            commands::invite,
            commands::uninvite,
            commands::attendance_sheet,
            commands::check_in,
            commands::kiosk_check_in,
            commands::set_status,
            commands::attendance_rates,
            commands::print_document,
            commands::pick_font_file,
            commands::export_xlsx,
            commands::meeting_import_pick,
            commands::meeting_import_preview,
            commands::meeting_import_apply,
            commands::meeting_import_match,
            commands::people_import_pick,
            commands::people_import_open,
            commands::people_import_mapping,
            commands::people_import_preview,
            commands::people_import_commit,
            commands::setting_get,
            commands::setting_set,
            commands::dashboard,
            commands::structure,
            commands::structure_members,
            commands::structure_config_get,
            commands::structure_config_set,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("群工台无法启动：{e}");
            std::process::exit(1);
        });
}
