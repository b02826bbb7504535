//! Settings: the key-value store (each area declares its keys in the core).

use crate::{Action, settings};

use super::{AppState, Reply};

commands! {
pub fn setting_get(state: &AppState, key: String) -> Reply<Option<String>> {
    state.read(|c| settings::get(c, &key))
}

pub fn setting_set(state: &AppState, key: String, value: String) -> Reply<()> {
    state.write(Action::SettingSet, |tx| settings::set(tx, &key, &value))
}
}
