//! The key–value table behind 设置. Each area declares its own [`Key`]s (name, Chinese label,
//! check); the registry of all of them is [`super::KEYS`].

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::Tx;
use crate::error::Result;

/// One setting: its stored name, its Chinese name, and the check a new value must pass.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub label: &'static str,
    /// Checks a (non-empty, trimmed) value; the error names the field in Chinese.
    pub check: fn(&str) -> Result<()>,
}

/// The stored value of the setting `name`, if any.
pub fn get(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Stores `value` (already checked) for `key`; an empty value removes the setting.
pub fn put(tx: &Tx, key: &Key, value: &str) -> Result<()> {
    if value.is_empty() {
        tx.execute("DELETE FROM setting WHERE key = ?1", [key.name])?;
        tx.note(format!("清除设置 {}", key.name));
    } else {
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key.name, value],
        )?;
        tx.note(format!("设置 {}", key.name));
    }
    Ok(())
}
