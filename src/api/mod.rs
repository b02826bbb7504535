//! The command handlers the UI calls, knowing no transport (the contract is
//! `src-tauri/API.md`). The desktop shell hands every command named in [`COMMANDS`] to
//! [`dispatch`] over Tauri's IPC; `qungong serve` (browser mode) routes `POST /api/<command>`
//! to the same function. Each handler parses its arguments, calls one core function and maps
//! the core error to `{code, message}`; no business logic lives here. What needs the desktop
//! itself (native file dialogs, opening a file with the system's program, full screen, progress
//! events) stays in the shell, which calls the parts here that both front doors share.

use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::db::Connection;
use crate::{Action, Actor, Db, Tx};

/// Declares a group of commands: each `pub fn name(state: &AppState, arg: Type, …) -> Reply<T>`
/// is kept as written, and the group gets `NAMES` and `dispatch`, which reads the arguments by
/// name from a JSON object (as Tauri's `invoke(name, {arg: …})` and the browser's request body
/// send them; a missing `Option` argument is `None`).
macro_rules! commands {
    ($(
        $(#[$meta:meta])*
        pub fn $name:ident($state:ident: &AppState $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub fn $name($state: &AppState $(, $arg: $ty)*) -> $ret $body
        )*

        /// The commands of this group, by name.
        pub(super) const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs this group's command `name` with `args`; None when it is not one of them.
        pub(super) fn dispatch(
            state: &AppState,
            name: &str,
            args: serde_json::Value,
        ) -> Option<Result<serde_json::Value, super::ApiError>> {
            match name {
                $(stringify!($name) => Some((|| {
                    #[derive(serde::Deserialize)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = super::parse_args::<Args>(name, args)?;
                    super::to_json($name(state $(, $arg)*))
                })()),)*
                _ => None,
            }
        }
    };
}

pub mod activities;
pub mod app;
pub mod attendance;
pub mod dto;
pub mod files;
pub mod meeting_import;
pub mod people;
pub mod people_import;
pub mod records;
pub mod settings;
pub mod structure;
pub mod units;

pub use dto::ApiError;

/// What every handler returns: its value, or the error the UI shows.
pub type Reply<T> = Result<T, ApiError>;

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> Self {
        ApiError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// A file could not be read or written where the user chose: code `io`.
pub fn io_error(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "io".into(),
        message: format!("{what}：{e}"),
    }
}

/// The open database, or why it could not be opened (shown by every screen).
pub struct AppState {
    db: Result<Mutex<Db>, ApiError>,
}

impl AppState {
    /// The database at its usual place (`QUNGONG_DB`, else the user's data folder).
    pub fn open() -> AppState {
        AppState::open_at(&crate::db::resolve_path(None))
    }

    pub fn open_at(path: &std::path::Path) -> AppState {
        AppState {
            db: Db::open(path).map(Mutex::new).map_err(ApiError::from),
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Db) -> crate::Result<T>) -> Reply<T> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // A poisoned lock only means an earlier command panicked; the connection is still sound
        // because every write is a transaction that was rolled back.
        let mut db = db.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut db).map_err(ApiError::from)
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> crate::Result<T>) -> Reply<T> {
        self.with(|db| f(db.conn()))
    }

    pub fn write<T>(&self, action: Action, f: impl FnOnce(&Tx) -> crate::Result<T>) -> Reply<T> {
        self.with(|db| db.transact(&Actor::local(), action, f))
    }

    /// The database file's path, when it is open.
    pub fn db_path(&self) -> Option<std::path::PathBuf> {
        self.with(|db| Ok(db.path().to_path_buf())).ok()
    }
}

/// Every command [`dispatch`] runs, by name.
pub fn commands() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().flat_map(|g| g.0.iter().copied())
}

/// Whether `name` is one of the commands [`dispatch`] runs.
pub fn is_command(name: &str) -> bool {
    commands().any(|c| c == name)
}

type Dispatch = fn(&AppState, &str, Value) -> Option<Result<Value, ApiError>>;

const GROUPS: &[(&[&str], Dispatch)] = &[
    (app::NAMES, app::dispatch),
    (units::NAMES, units::dispatch),
    (people::NAMES, people::dispatch),
    (activities::NAMES, activities::dispatch),
    (records::NAMES, records::dispatch),
    (attendance::NAMES, attendance::dispatch),
    (meeting_import::NAMES, meeting_import::dispatch),
    (people_import::NAMES, people_import::dispatch),
    (settings::NAMES, settings::dispatch),
    (structure::NAMES, structure::dispatch),
];

/// Runs the command `name` with `args` (a JSON object of its arguments by name; `null` for
/// none) and returns its result as JSON.
pub fn dispatch(state: &AppState, name: &str, args: Value) -> Result<Value, ApiError> {
    for (names, run) in GROUPS {
        if names.contains(&name) {
            if let Some(result) = run(state, name, args) {
                return result;
            }
            break;
        }
    }
    Err(ApiError {
        code: "unknown_command".into(),
        message: format!("没有这个操作：{name}（界面与程序的版本可能不一致）"),
    })
}

fn parse_args<T: DeserializeOwned>(name: &str, args: Value) -> Reply<T> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| ApiError {
        code: "invalid_args".into(),
        message: format!("界面传来的参数有误（{name}）：{e}"),
    })
}

fn to_json<T: Serialize>(reply: Reply<T>) -> Result<Value, ApiError> {
    serde_json::to_value(reply?).map_err(|e| ApiError {
        code: "internal".into(),
        message: format!("结果无法输出：{e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_reach_the_ui_as_code_and_chinese_message() {
        let e: ApiError =
            crate::Error::invalid("身份证号", "校验位错误（按 GB 11643 应为 8）").into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.message, "身份证号：校验位错误（按 GB 11643 应为 8）");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid");
    }

    #[test]
    fn commands_are_run_by_name_with_their_arguments_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open_at(&dir.path().join("q.db"));
        let unit = dispatch(
            &state,
            "unit_add",
            serde_json::json!({ "name": "国网示范县供电公司" }),
        )
        .unwrap();
        assert_eq!(unit["name"], "国网示范县供电公司");
        let tree = dispatch(&state, "unit_tree", Value::Null).unwrap();
        assert_eq!(tree.as_array().unwrap().len(), 1);

        let e = dispatch(&state, "unit_add", serde_json::json!({})).unwrap_err();
        assert_eq!(e.code, "invalid_args");
        assert!(
            e.message.contains("unit_add") && e.message.contains("name"),
            "{}",
            e.message
        );
        let e = dispatch(&state, "no_such_thing", Value::Null).unwrap_err();
        assert_eq!(e.code, "unknown_command");
        assert!(e.message.contains("没有这个操作"));
        // A refusal of the core arrives as its code and Chinese message.
        let e = dispatch(
            &state,
            "unit_rename",
            serde_json::json!({ "id": 99, "name": "x" }),
        )
        .unwrap_err();
        assert_eq!(e.code, "not_found");
    }

    #[test]
    fn every_command_name_is_unique() {
        let mut all: Vec<&str> = commands().collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(n > 50, "{n}");
    }
}
