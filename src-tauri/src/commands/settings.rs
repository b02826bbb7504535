//! Settings: the key-value store (each area declares its keys in the core).

use tauri::State;

use qungong::{Action, settings};

use super::{AppState, Reply};

#[tauri::command(async, rename_all = "snake_case")]
pub fn setting_get(state: State<AppState>, key: String) -> Reply<Option<String>> {
    state.read(|c| settings::get(c, &key))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn setting_set(state: State<AppState>, key: String, value: String) -> Reply<()> {
    state.write(Action::SettingSet, |tx| settings::set(tx, &key, &value))
}
