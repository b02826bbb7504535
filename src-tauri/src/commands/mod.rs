//! What only the desktop can do, as `#[tauri::command]` handlers: the native file dialogs
//! (`dialogs`), saving a printed PDF or an export where the user chooses and opening it, the
//! kiosk's full screen, and the staff import's progress events. Every other command of the
//! contract (`src-tauri/API.md`) is a transport-free handler of the core (`qungong::api`),
//! which `main.rs` hands to `qungong::api::dispatch`, as browser mode does.

pub mod app;
pub mod backup;
pub mod dialogs;
pub mod export;
pub mod meeting_import;
pub mod people_import;
pub mod print;
pub mod records;

pub use qungong::api::{ApiError, AppState, Reply, io_error};
pub use qungong::auth::Need;

/// The commands above: `main.rs` gives these to the shell's own handler, every other name to
/// `qungong::api::dispatch`. (Browser mode serves its own staff import preview and commit, with
/// the progress kept for `import_progress`: src/serve.)
/// Each with what it needs of the signed-in account: `main.rs` checks it before the command
/// runs, as `qungong::api::dispatch` does for its own.
pub const HOST: &[(&str, Need)] = &[
    ("set_fullscreen", Need::Read),
    ("print_document", Need::Read),
    ("pick_font_file", Need::Admin),
    ("export_xlsx", Need::Read),
    ("meeting_import_pick", Need::Edit),
    ("people_import_pick", Need::Edit),
    ("people_import_preview", Need::Edit),
    ("people_import_commit", Need::Edit),
    ("activity_file_add", Need::Edit),
    ("activity_file_save", Need::Read),
    ("activity_file_open", Need::Read),
    ("backup_save", Need::Admin),
];

/// What the shell's command `name` needs, if it is one of them.
pub fn host_need(name: &str) -> Option<Need> {
    HOST.iter().find(|h| h.0 == name).map(|h| h.1)
}
