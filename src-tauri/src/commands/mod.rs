//! What only the desktop can do, as `#[tauri::command]` handlers: the native file dialogs
//! (`dialogs`), saving a printed PDF or an export where the user chooses and opening it, the
//! kiosk's full screen, and the staff import's progress events. Every other command of the
//! contract (`src-tauri/API.md`) is a transport-free handler of the core (`qungong::api`),
//! which `main.rs` hands to `qungong::api::dispatch`, as browser mode does.

pub mod app;
pub mod dialogs;
pub mod export;
pub mod meeting_import;
pub mod people_import;
pub mod print;
pub mod records;

pub use qungong::api::{ApiError, AppState, Reply, io_error};

/// The commands above: `main.rs` gives these to the shell's own handler, every other name to
/// `qungong::api::dispatch`. (Browser mode serves its own staff import preview and commit, with
/// the progress kept for `import_progress`: src/serve.)
pub const HOST: &[&str] = &[
    "set_fullscreen",
    "print_document",
    "pick_font_file",
    "export_xlsx",
    "meeting_import_pick",
    "people_import_pick",
    "people_import_preview",
    "people_import_commit",
    "activity_file_add",
    "activity_file_save",
    "activity_file_open",
];
