//! 设置: small key–value settings kept in the database (so they travel with the data). The
//! table is [`store`]; each area declares its keys next to the code that reads them, and
//! [`KEYS`] lists them all for the 设置 screen and `qungong setting`.

pub mod store;

pub use store::{Key, get};

use crate::db::Tx;
use crate::error::{Error, Result};

/// Every setting there is.
pub const KEYS: &[&Key] = &[
    &crate::pdf::FONT_SETTING,
    &crate::structure::config::BRACKETS,
    &crate::structure::config::AGEING_THRESHOLD,
    &crate::structure::config::RESERVE_THRESHOLD,
    &crate::structure::config::RETIREMENT_PEAK_THRESHOLD,
    &crate::attendance::window::OPEN_MINUTES,
    &crate::attendance::low_rate::LOW_RATE,
    &crate::attendance::runs::ABSENCE_RUN,
    &crate::backup::DIR_SETTING,
    &crate::auth::IDLE_MINUTES,
    &crate::voice::opinion::REPORT_HOURS,
    &crate::voice::deadline::HOLIDAYS,
];

/// The setting called `name`; an unknown name is refused with the list of known ones.
pub fn key(name: &str) -> Result<&'static Key> {
    KEYS.iter()
        .copied()
        .find(|k| k.name == name)
        .ok_or_else(|| {
            let names: Vec<_> = KEYS.iter().map(|k| k.name).collect();
            Error::invalid(
                "设置",
                format!("没有“{name}”这一项，可设置：{}", names.join("、")),
            )
        })
}

/// Sets a value by the setting's name; an empty value removes the setting. Unknown names and
/// values that fail the key's check are refused.
pub fn set(tx: &Tx, name: &str, value: &str) -> Result<()> {
    let key = key(name)?;
    let value = value.trim();
    if !value.is_empty() {
        (key.check)(value)?;
    }
    store::put(tx, key, value)
}
