//! The command handlers the UI calls, knowing no transport (the contract is
//! `src-tauri/API.md`). The desktop shell hands every command named in [`COMMANDS`] to
//! [`dispatch`] over Tauri's IPC; `qungong serve` (browser mode) routes `POST /api/<command>`
//! to the same function. Each handler parses its arguments, calls one core function and maps
//! the core error to `{code, message}`; no business logic lives here. What needs the desktop
//! itself (native file dialogs, opening a file with the system's program, full screen, progress
//! events) stays in the shell, which calls the parts here that both front doors share.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::auth::{self as accounts, Need, Principal, Role};
use crate::db::Connection;
use crate::error::AuthError;
use crate::{Action, Actor, Db, Tx};

/// Declares a group of commands: each `[Need] pub fn name(state: &Call, arg: Type, …) -> Reply<T>`
/// is kept as written, and the group gets `NAMES` and `dispatch`, which checks that the caller's
/// session may do what `Need` says (src/auth: `Open`, `Read`, `Edit`, `Admin`) before anything
/// else, then reads the arguments by name from a JSON object (as Tauri's `invoke(name, {arg: …})`
/// and the browser's request body send them; a missing `Option` argument is `None`).
macro_rules! commands {
    ($(
        $(#[$meta:meta])*
        [$need:ident] pub fn $name:ident($state:ident: &Call $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub fn $name($state: &Call $(, $arg: $ty)*) -> $ret $body
        )*

        /// The commands of this group, by name, with what each needs.
        pub(super) const NAMES: &[(&str, crate::auth::Need)] =
            &[$((stringify!($name), crate::auth::Need::$need)),*];

        /// Runs this group's command `name` with `args` for the session `key`; None when it is
        /// not one of them.
        pub(super) fn dispatch(
            state: &super::AppState,
            key: Option<&str>,
            name: &str,
            args: serde_json::Value,
        ) -> Option<Result<serde_json::Value, super::ApiError>> {
            match name {
                $(stringify!($name) => Some((|| {
                    let call = state.call(key, crate::auth::Need::$need)?;
                    #[derive(serde::Deserialize)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = super::parse_args::<Args>(name, args)?;
                    super::to_json($name(&call $(, $arg)*))
                })()),)*
                _ => None,
            }
        }
    };
}

pub mod activities;
pub mod app;
pub mod attendance;
pub mod auth;
pub mod backup;
pub mod dto;
pub mod evaluation;
pub mod files;
pub mod meeting_import;
pub mod people;
pub mod people_import;
pub mod records;
pub mod settings;
pub mod structure;
pub mod units;
pub mod voice;

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

/// The open database (or why it could not be opened, shown by every screen) and who is signed
/// in: one session per key (the desktop window has one, fixed key; browser mode gives each
/// sign-in a random key the page sends back in a header).
pub struct AppState {
    path: PathBuf,
    db: Mutex<Result<Db, ApiError>>,
    sessions: Mutex<HashMap<String, Session>>,
    /// The desktop's one session key; None in browser mode (each sign-in gets its own).
    fixed_key: Option<String>,
    /// Where sign-ins come from, for the audit trail (桌面 / 浏览器版).
    door: &'static str,
    clock: Box<dyn Fn() -> NaiveDateTime + Send + Sync>,
}

/// A signed-in person's session.
#[derive(Debug, Clone)]
pub struct Session {
    pub who: Principal,
    pub last_active: NaiveDateTime,
    pub locked: bool,
}

impl AppState {
    /// The database at its usual place (`QUNGONG_DB`, else the user's data folder).
    pub fn open() -> AppState {
        AppState::open_at(&crate::db::resolve_path(None))
    }

    pub fn open_at(path: &Path) -> AppState {
        AppState {
            path: path.to_path_buf(),
            db: Mutex::new(Db::open(path).map_err(ApiError::from)),
            sessions: Mutex::default(),
            fixed_key: None,
            door: "浏览器版",
            clock: Box::new(crate::db::now),
        }
    }

    /// The desktop window: one session, under a fixed key.
    pub fn desktop(mut self) -> AppState {
        self.fixed_key = Some(DESKTOP_KEY.into());
        self.door = "桌面";
        self
    }

    /// Replaces the clock (tests of the idle lock and the lockout).
    pub fn with_clock(mut self, clock: impl Fn() -> NaiveDateTime + Send + Sync + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    /// The session key a transport gives (the desktop's is fixed).
    fn key<'a>(&'a self, given: Option<&'a str>) -> Option<&'a str> {
        self.fixed_key.as_deref().or(given)
    }

    /// Runs `f` on the open database, or answers why it is not open.
    pub(crate) fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> crate::Result<T>) -> Reply<T> {
        // A poisoned lock only means an earlier command panicked; the connection is still sound
        // because every write is a transaction that was rolled back.
        let mut db = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let db = db.as_mut().map_err(|e| e.clone())?;
        f(db).map_err(ApiError::from)
    }

    /// Why the database could not be opened, if it could not.
    pub fn open_error(&self) -> Option<ApiError> {
        self.db
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .err()
            .cloned()
    }

    /// Closes the database, runs `f` on its path (a restore replaces the file), then opens it
    /// again; every session ends (the accounts may differ).
    pub(crate) fn reopen_after<T>(&self, f: impl FnOnce(&Path) -> crate::Result<T>) -> Reply<T> {
        let mut db = self.db.lock().unwrap_or_else(|e| e.into_inner());
        *db = Err(ApiError {
            code: "db.closed".into(),
            message: "数据库正在恢复，请稍候".into(),
        });
        let result = f(&self.path).map_err(ApiError::from);
        *db = Db::open(&self.path).map_err(ApiError::from);
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        result
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The session of `key`, if any.
    pub fn session(&self, key: Option<&str>) -> Option<Session> {
        let key = self.key(key)?;
        self.sessions().get(key).cloned()
    }

    /// Starts a session for `who` (after a sign-in) and returns its key.
    fn start_session(&self, given: Option<&str>, who: Principal) -> String {
        let key = match &self.fixed_key {
            Some(k) => k.clone(),
            None => {
                let _ = given;
                new_session_key()
            }
        };
        let now = self.now();
        self.sessions().insert(
            key.clone(),
            Session {
                who,
                last_active: now,
                locked: false,
            },
        );
        key
    }

    fn end_session(&self, key: Option<&str>) -> Option<Session> {
        let key = self.key(key)?;
        self.sessions().remove(key)
    }

    fn set_session(&self, key: Option<&str>, f: impl FnOnce(&mut Session)) {
        if let Some(key) = self.key(key)
            && let Some(s) = self.sessions().get_mut(key)
        {
            f(s);
        }
    }

    /// The caller of a command needing `need`, from the session `key`: refused when nobody is
    /// signed in (请先登录), when the session is idle past 设置's minutes (locked until the
    /// password is given again), or when the account's role (read afresh: it may have been
    /// changed or stopped) does not allow it (无权限执行此操作).
    pub fn call(&self, key: Option<&str>, need: Need) -> Reply<Call<'_>> {
        let key = self.key(key).map(str::to_string);
        let session = key.as_deref().and_then(|k| self.sessions().get(k).cloned());
        if need == Need::Open {
            let who = session.filter(|s| !s.locked).map(|s| s.who);
            return Ok(Call {
                app: self,
                key,
                who,
            });
        }
        let Some(session) = session else {
            let setup = self
                .with_db(|db| Ok(!accounts::any(db.conn())?))
                .unwrap_or(false);
            return Err(if setup {
                AuthError::Setup
            } else {
                AuthError::SignedOut
            }
            .into());
        };
        let now = self.now();
        let idle = self.with_db(|db| accounts::idle_minutes(db.conn()))?;
        if session.locked || now - session.last_active >= chrono::Duration::minutes(idle.into()) {
            self.set_session(key.as_deref(), |s| s.locked = true);
            return Err(AuthError::Locked.into());
        }
        let Some(who) = self.with_db(|db| accounts::current(db.conn(), session.who.id))? else {
            self.end_session(key.as_deref());
            return Err(AuthError::SignedOut.into());
        };
        if !who.role.allows(need) {
            return Err(AuthError::Forbidden.into());
        }
        let current = who.clone();
        self.set_session(key.as_deref(), |s| {
            s.last_active = now;
            s.who = current;
        });
        Ok(Call {
            app: self,
            key,
            who: Some(who),
        })
    }

    /// A caller with every right, for the core's own tests and tools that signed in by other
    /// means; never reachable from a transport.
    pub fn system(&self) -> Call<'_> {
        Call {
            app: self,
            key: None,
            who: Some(Principal {
                id: 0,
                name: "系统".into(),
                role: Role::Admin,
            }),
        }
    }

    /// The database file's path.
    pub fn db_path(&self) -> PathBuf {
        self.path.clone()
    }
}

/// The desktop window's session key.
pub const DESKTOP_KEY: &str = "desktop";

fn new_session_key() -> String {
    use rand::Rng;
    let bytes: [u8; 24] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One command's caller: the app, and who is signed in (checked by [`AppState::call`]).
pub struct Call<'a> {
    app: &'a AppState,
    key: Option<String>,
    who: Option<Principal>,
}

impl Call<'_> {
    pub fn app(&self) -> &AppState {
        self.app
    }

    /// Who is signed in (None for an `Open` command called before signing in).
    pub fn who(&self) -> Option<&Principal> {
        self.who.as_ref()
    }

    /// Refused unless the caller's role allows `need` (for what one command does only with
    /// some arguments, such as full personal numbers).
    pub fn require(&self, need: Need) -> Reply<()> {
        match &self.who {
            Some(p) if p.role.allows(need) => Ok(()),
            Some(_) => Err(AuthError::Forbidden.into()),
            None if need == Need::Open => Ok(()),
            None => Err(AuthError::SignedOut.into()),
        }
    }

    pub fn actor(&self) -> Actor {
        self.who
            .as_ref()
            .map(Principal::actor)
            .unwrap_or_else(|| Actor("（未登录）".into()))
    }

    /// Runs `f` on the database with the caller's role: every write `f` makes is checked
    /// against it (nobody signed in: read only).
    pub fn with<T>(&self, f: impl FnOnce(&mut Db) -> crate::Result<T>) -> Reply<T> {
        let role = self.who.as_ref().map(|p| p.role).unwrap_or(Role::Viewer);
        self.app.with_db(|db| {
            db.set_role(Some(role));
            let result = f(db);
            db.set_role(None);
            result
        })
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> crate::Result<T>) -> Reply<T> {
        self.with(|db| f(db.conn()))
    }

    /// One write by the caller, audited under `action`.
    pub fn write<T>(&self, action: Action, f: impl FnOnce(&Tx) -> crate::Result<T>) -> Reply<T> {
        let actor = self.actor();
        self.with(|db| db.transact(&actor, action, f))
    }

    /// The database file's path.
    pub fn db_path(&self) -> Option<PathBuf> {
        Some(self.app.db_path())
    }
}

/// Every command [`dispatch`] runs, by name.
pub fn commands() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().flat_map(|g| g.0.iter().map(|c| c.0))
}

/// What the command `name` needs of its caller, if it is one of [`dispatch`]'s.
pub fn need_of(name: &str) -> Option<Need> {
    GROUPS
        .iter()
        .flat_map(|g| g.0.iter())
        .find(|c| c.0 == name)
        .map(|c| c.1)
}

/// Whether `name` is one of the commands [`dispatch`] runs.
pub fn is_command(name: &str) -> bool {
    commands().any(|c| c == name)
}

type Dispatch = fn(&AppState, Option<&str>, &str, Value) -> Option<Result<Value, ApiError>>;

const GROUPS: &[(&[(&str, Need)], Dispatch)] = &[
    (app::NAMES, app::dispatch),
    (auth::NAMES, auth::dispatch),
    (backup::NAMES, backup::dispatch),
    (units::NAMES, units::dispatch),
    (people::NAMES, people::dispatch),
    (activities::NAMES, activities::dispatch),
    (records::NAMES, records::dispatch),
    (attendance::NAMES, attendance::dispatch),
    (meeting_import::NAMES, meeting_import::dispatch),
    (people_import::NAMES, people_import::dispatch),
    (settings::NAMES, settings::dispatch),
    (structure::NAMES, structure::dispatch),
    (voice::NAMES, voice::dispatch),
    (evaluation::NAMES, evaluation::dispatch),
];

/// Runs the command `name` with `args` (a JSON object of its arguments by name; `null` for
/// none) for the session `key` (the desktop's is fixed: None) and returns its result as JSON.
/// The session's role is checked first: a refused command writes nothing.
pub fn dispatch(
    state: &AppState,
    key: Option<&str>,
    name: &str,
    args: Value,
) -> Result<Value, ApiError> {
    for (names, run) in GROUPS {
        if names.iter().any(|c| c.0 == name) {
            if let Some(result) = run(state, key, name, args) {
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
mod roles_tests;

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
        let session = dispatch(
            &state,
            None,
            "auth_setup",
            serde_json::json!({ "name": "admin", "password": "abc12345" }),
        )
        .unwrap();
        let key = session["token"].as_str().unwrap().to_string();
        let key = Some(key.as_str());
        let unit = dispatch(
            &state,
            key,
            "unit_add",
            serde_json::json!({ "name": "国网示范县供电公司" }),
        )
        .unwrap();
        assert_eq!(unit["name"], "国网示范县供电公司");
        let tree = dispatch(&state, key, "unit_tree", Value::Null).unwrap();
        assert_eq!(tree.as_array().unwrap().len(), 1);

        let e = dispatch(&state, key, "unit_add", serde_json::json!({})).unwrap_err();
        assert_eq!(e.code, "invalid_args");
        assert!(
            e.message.contains("unit_add") && e.message.contains("name"),
            "{}",
            e.message
        );
        let e = dispatch(&state, key, "no_such_thing", Value::Null).unwrap_err();
        assert_eq!(e.code, "unknown_command");
        assert!(e.message.contains("没有这个操作"));
        // A refusal of the core arrives as its code and Chinese message.
        let e = dispatch(
            &state,
            key,
            "unit_rename",
            serde_json::json!({ "id": 99, "name": "x" }),
        )
        .unwrap_err();
        assert_eq!(e.code, "not_found");
        // Without the session's key nothing but the Open commands runs.
        let e = dispatch(&state, None, "unit_tree", Value::Null).unwrap_err();
        assert_eq!(e.code, "auth.signed_out");
        assert_eq!(e.message, "请先登录");
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
