//! The `#[tauri::command]` handlers (the contract is `src-tauri/API.md`), one file per area of
//! it. Each parses its arguments, calls one core function and maps the core error to
//! `{code, message}`; no business logic lives here. What the shell itself sends to the UI is
//! declared in `dto`, the native file dialogs live in `dialogs`.

pub mod activities;
pub mod app;
pub mod attendance;
pub mod dialogs;
pub mod dto;
pub mod export;
pub mod meeting_import;
pub mod people;
pub mod people_import;
pub mod print;
pub mod records;
pub mod settings;
pub mod structure;
pub mod units;

use std::sync::Mutex;

use qungong::db::Connection;
use qungong::{Action, Actor, Db, Tx};

pub use dto::ApiError;

impl From<qungong::Error> for ApiError {
    fn from(e: qungong::Error) -> Self {
        ApiError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// A file could not be read or written where the user chose: code `io`.
pub(crate) fn io_error(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "io".into(),
        message: format!("{what}：{e}"),
    }
}

pub type Reply<T> = Result<T, ApiError>;

/// The open database, or why it could not be opened (shown by every screen).
pub struct AppState {
    db: Result<Mutex<Db>, ApiError>,
}

impl AppState {
    pub fn open() -> AppState {
        let path = qungong::db::resolve_path(None);
        AppState {
            db: Db::open(path).map(Mutex::new).map_err(ApiError::from),
        }
    }

    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Db) -> qungong::Result<T>) -> Reply<T> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // A poisoned lock only means an earlier command panicked; the connection is still sound
        // because every write is a transaction that was rolled back.
        let mut db = db.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut db).map_err(ApiError::from)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> qungong::Result<T>) -> Reply<T> {
        self.with(|db| f(db.conn()))
    }

    pub(crate) fn write<T>(
        &self,
        action: Action,
        f: impl FnOnce(&Tx) -> qungong::Result<T>,
    ) -> Reply<T> {
        self.with(|db| db.transact(&Actor::local(), action, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_reach_the_ui_as_code_and_chinese_message() {
        let e: ApiError =
            qungong::Error::invalid("身份证号", "校验位错误（按 GB 11643 应为 8）").into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.message, "身份证号：校验位错误（按 GB 11643 应为 8）");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid");
    }
}
