//! 设置: small key–value settings kept in the database (so they travel with the data).

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::Tx;
use crate::error::{Error, Result};

/// The font file for printed documents (empty or absent: search the system).
pub const PDF_FONT: &str = "pdf_font";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Every setting there is.
pub const KEYS: &[&str] = &[PDF_FONT];

/// Sets a value; an empty value removes the setting. Unknown keys and a font path that is not
/// a file are refused.
pub fn set(tx: &Tx, key: &str, value: &str) -> Result<()> {
    if !KEYS.contains(&key) {
        return Err(Error::invalid(
            "设置",
            format!("没有“{key}”这一项，可设置：{}", KEYS.join("、")),
        ));
    }
    let value = value.trim();
    if key == PDF_FONT && !value.is_empty() && !std::path::Path::new(value).is_file() {
        return Err(Error::invalid(
            "打印字体",
            format!("找不到字体文件 {value}"),
        ));
    }
    if value.is_empty() {
        tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
        tx.note(format!("清除设置 {key}"));
    } else {
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        tx.note(format!("设置 {key}"));
    }
    Ok(())
}
