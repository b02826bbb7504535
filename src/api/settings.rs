//! Settings: the key-value store (each area declares its keys in the core).

use crate::{Action, settings};

use super::{Call, Reply};

commands! {
[Read] pub fn setting_get(state: &Call, key: String) -> Reply<Option<String>> {
    state.read(|c| settings::get(c, &key))
}

[Admin] pub fn setting_set(state: &Call, key: String, value: String) -> Reply<()> {
    state.write(Action::SettingSet, |tx| settings::set(tx, &key, &value))
}
}
