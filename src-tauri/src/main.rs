//! 群工台 desktop app: a Tauri 2 window over the core library. The UI (ui/, built into
//! ui/dist and embedded) talks to the handlers in `commands`, which call the core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
#[cfg(test)]
mod contract;

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
            commands::app::app_info,
            commands::app::codes,
            commands::app::set_fullscreen,
            commands::units::unit_tree,
            commands::units::unit_add,
            commands::units::unit_rename,
            commands::units::unit_move,
            commands::units::unit_delete,
            commands::people::person_list,
            commands::people::person_get,
            commands::people::person_add,
            commands::people::person_update,
            commands::people::person_leave,
            commands::people::person_reinstate,
            commands::people::person_retire,
            commands::people::person_bulk_flag,
            commands::people::person_bulk_move,
            commands::people::person_bulk_leave,
            commands::activities::activity_list,
            commands::activities::activity_get,
            commands::activities::activity_add,
            commands::activities::activity_update,
            commands::activities::activity_cancel,
            commands::activities::activity_summary,
            commands::records::activity_files,
            commands::records::activity_file_add,
            commands::records::activity_file_caption,
            commands::records::activity_file_remove,
            commands::records::activity_file_view,
            commands::records::activity_file_save,
            commands::records::activity_file_open,
            commands::attendance::invite,
            commands::attendance::uninvite,
            commands::attendance::attendance_sheet,
            commands::attendance::check_in,
            commands::attendance::kiosk_check_in,
            commands::attendance::attendance_backfill,
            commands::attendance::set_status,
            commands::attendance::attendance_rates,
            commands::attendance::person_attendance,
            commands::attendance::attendance_absent_groups,
            commands::attendance::attendance_by_kind,
            commands::attendance::attendance_absence_runs,
            commands::attendance::attendance_current_runs,
            commands::print::print_document,
            commands::print::pick_font_file,
            commands::export::export_xlsx,
            commands::meeting_import::meeting_import_pick,
            commands::meeting_import::meeting_import_preview,
            commands::meeting_import::meeting_import_apply,
            commands::meeting_import::meeting_import_match,
            commands::people_import::people_import_pick,
            commands::people_import::people_import_open,
            commands::people_import::people_import_mapping,
            commands::people_import::people_import_preview,
            commands::people_import::people_import_commit,
            commands::settings::setting_get,
            commands::settings::setting_set,
            commands::structure::dashboard,
            commands::structure::structure,
            commands::structure::structure_members,
            commands::structure::retirement_overdue,
            commands::structure::structure_config_get,
            commands::structure::structure_config_set,
            commands::structure::structure_brackets_preview,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("群工台无法启动：{e}");
            std::process::exit(1);
        });
}
