//! The native file dialogs: the only place the shell opens one. Every open dialog goes through
//! [`pick_file`], every save dialog through [`save_file`].
//!
//! # Test seam: `QUNGONG_TEST_DIALOGS`
//!
//! When the environment variable `QUNGONG_TEST_DIALOGS` names a file, no dialog is shown at
//! all: each dialog instead takes the first line of that file as the user's answer and removes
//! it (a queue, one line per dialog, open and save alike). A line holding a path is the chosen
//! file; a line `-` (or an empty line), or no line left, is a cancelled dialog. The answer is then
//! used exactly as a path chosen in the real dialog would be.
//!
//! The end-to-end tests (`tests/e2e`) set it so that their steps that pick or save files do not
//! depend on driving GTK with synthetic keystrokes on a busy machine; one test still drives the
//! real dialog. Nothing else sets the variable (the app, its installers and its launchers never
//! do), so for users the real dialog always opens; the variable is read only when a dialog is
//! about to open. Documented in `src-tauri/API.md` ("Test seam for file dialogs").

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::{Reply, io_error};

/// The environment variable naming the answer queue (see the module documentation).
pub const ANSWERS_ENV: &str = "QUNGONG_TEST_DIALOGS";

/// The kind of file a dialog offers: a name shown in the dialog and the extensions it lists.
#[derive(Clone, Copy)]
pub struct Filter<'a> {
    pub name: &'a str,
    pub extensions: &'a [&'a str],
}

/// Shows the open dialog titled `title`; `None` if cancelled.
pub fn pick_file(app: &AppHandle, title: &str, filter: Filter) -> Reply<Option<PathBuf>> {
    if let Some(answer) = scripted(title) {
        return Ok(answer);
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.name, filter.extensions)
        .blocking_pick_file();
    picked
        .map(|p| p.into_path().map_err(|e| io_error("无法使用所选文件", e)))
        .transpose()
}

/// Shows the save dialog titled `title`, offering `file_name`; `None` if cancelled.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: Filter,
) -> Reply<Option<PathBuf>> {
    if let Some(answer) = scripted(title) {
        return Ok(answer);
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter.name, filter.extensions)
        .blocking_save_file();
    chosen
        .map(|p| p.into_path().map_err(|e| io_error("无法使用所选位置", e)))
        .transpose()
}

/// The queued answer for the dialog titled `title` when the seam is on; `None`: show the dialog.
fn scripted(title: &str) -> Option<Option<PathBuf>> {
    let queue = std::env::var_os(ANSWERS_ENV).filter(|v| !v.is_empty())?;
    let answer = take_answer(Path::new(&queue));
    eprintln!("{ANSWERS_ENV}: dialog “{title}” answered with {answer:?}");
    Some(answer)
}

/// Removes the first line of the queue file and returns it as an answer.
fn take_answer(queue: &Path) -> Option<PathBuf> {
    // Two dialogs opened at once must not take the same line.
    static QUEUE: Mutex<()> = Mutex::new(());
    let _guard = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    let text = std::fs::read_to_string(queue).unwrap_or_default();
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let first = first.trim_end_matches('\r').to_string();
    if !text.is_empty() {
        let _ = std::fs::write(queue, rest);
    }
    match first.as_str() {
        "" | "-" => None,
        path => Some(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_seam_answers_dialogs_in_order_and_cancels_when_nothing_is_left() {
        let dir = std::env::temp_dir().join(format!("qungong-dialogs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let queue = dir.join("answers");
        std::fs::write(&queue, "/tmp/名册.csv\n-\r\n/tmp/out.pdf\n").unwrap();
        assert_eq!(take_answer(&queue), Some(PathBuf::from("/tmp/名册.csv")));
        assert_eq!(take_answer(&queue), None, "“-” cancels");
        assert_eq!(take_answer(&queue), Some(PathBuf::from("/tmp/out.pdf")));
        assert_eq!(std::fs::read_to_string(&queue).unwrap(), "");
        assert_eq!(take_answer(&queue), None, "an empty queue cancels");
        std::fs::remove_file(&queue).unwrap();
        assert_eq!(take_answer(&queue), None, "a missing queue cancels");
        assert!(!queue.exists(), "nothing is created");
        std::fs::remove_dir(&dir).unwrap();
    }
}
