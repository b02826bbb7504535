//! The SQLite file: where it lives, how it is opened, its migrations, and [`Db::transact`],
//! the one door every write goes through.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{OpenFlags, Transaction, TransactionBehavior};

/// The SQLite connection type, for callers (the desktop shell) that take one without depending
/// on rusqlite themselves.
pub use rusqlite::Connection;

use crate::error::{DbError, Result};

mod action;
pub(crate) mod functions;
pub(crate) use functions::take_collected;
pub(crate) mod sql;

pub use action::Action;
pub use sql::Page;

/// Embedded schema migrations; migration `i` brings the schema to version `i + 1`
/// (stored in `PRAGMA user_version`). Never edit a landed migration: append a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_settings.sql"),
    include_str!("migrations/0003_person_keys_titles.sql"),
    include_str!("migrations/0004_activity_files.sql"),
    include_str!("migrations/0005_attendance_indexes.sql"),
    include_str!("migrations/0006_attendance_tally.sql"),
    include_str!("migrations/0007_attendance_timeline.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Environment variable that overrides the database location.
pub const DB_ENV: &str = "QUNGONG_DB";

/// The default database file: `<platform data dir>/qungong/qungong.db`
/// (`~/.local/share/qungong/qungong.db` on Linux, `%APPDATA%\qungong\qungong.db` on Windows).
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("qungong")
        .join("qungong.db")
}

/// Where the database is: an explicit path (`--db`), else `QUNGONG_DB`, else [`default_path`].
pub fn resolve_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => default_path(),
    }
}

/// Who performs a write; recorded in the audit log with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    /// The local administrator (until accounts exist): the operating-system user.
    pub fn local() -> Self {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "local".into());
        Actor(format!("本机管理员（{user}）"))
    }
}

/// A new UUID v7 for the `uid` of rows that may travel between machines.
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The local time now, to the second: what a check-in or an audit row records.
pub fn now() -> NaiveDateTime {
    let t = Local::now().naive_local();
    t.with_nanosecond(0).unwrap_or(t)
}

/// The local date today.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Local time as stored in the database ('YYYY-MM-DD HH:MM:SS').
pub fn now_text() -> String {
    datetime_text(now())
}

pub const DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

pub fn datetime_text(t: NaiveDateTime) -> String {
    t.format(DATETIME_FORMAT).to_string()
}

/// An open database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

/// A write transaction handed to the closure of [`Db::transact`]. Write functions of the core
/// take `&Tx`, so they cannot run outside a transaction; it derefs to a connection for reads.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    detail: std::cell::RefCell<Vec<String>>,
}

impl Tx<'_> {
    /// Adds a line to the audit record of this transaction. Never pass ID numbers, phone numbers
    /// or birth dates here.
    pub fn note(&self, line: impl Into<String>) {
        self.detail.borrow_mut().push(line.into());
    }

    /// How many audit lines have been noted so far.
    pub(crate) fn notes_len(&self) -> usize {
        self.detail.borrow().len()
    }

    /// Drops the audit lines noted after the first `len`: a bulk write (an import of 10,000
    /// people) replaces its per-row lines with one summary.
    pub(crate) fn truncate_notes(&self, len: usize) {
        self.detail.borrow_mut().truncate(len);
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database written by a newer version is refused untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Db> {
        let path = path.as_ref().to_path_buf();
        let open_err = |reason: String| DbError::Open {
            path: path.display().to_string(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_err(e.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(DbError::from)?;
        functions::register(&conn).map_err(DbError::from)?;
        let mut db = Db { conn, path };
        db.check_version()?;
        db.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;",
            )
            .map_err(DbError::from)?;
        db.migrate()?;
        db.refresh_derived()?;
        Ok(db)
    }

    /// Makes again what is derived from the rows and out of date (the attendance timelines of
    /// migration 0007: all of them after that migration, or what a write that did not go
    /// through [`Db::transact`] left), so the first statistics read is not the one that pays.
    fn refresh_derived(&mut self) -> Result<()> {
        let dirty: i64 = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM attendance_timeline_dirty)",
            [],
            |r| r.get(0),
        )?;
        if dirty == 0 {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        crate::attendance::refresh_timelines(&tx)?;
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn check_version(&self) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(DbError::TooNew {
                found,
                supported: SCHEMA_VERSION,
            }
            .into());
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        if self.schema_version()? >= SCHEMA_VERSION {
            return Ok(());
        }
        // A migration that rebuilds a table (SQLite's only way to change a column) must run
        // with foreign keys off; they are checked before each migration commits instead.
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let done = self.migrate_steps();
        self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        done
    }

    fn migrate_steps(&mut self) -> Result<()> {
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Read inside the write lock: two processes opening a new file at once must not
            // both run the same migration.
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version >= SCHEMA_VERSION {
                return Ok(());
            }
            tx.execute_batch(MIGRATIONS[version as usize])?;
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(DbError::Migration {
                    version: version + 1,
                    detail: format!("{broken} 处外键引用失效"),
                }
                .into());
            }
            tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
            tx.commit()?;
        }
    }

    /// Runs `f` in one immediate transaction and records `action` by `actor` in the audit log in
    /// that same transaction. Either everything `f` wrote and the audit row are committed, or
    /// (on error) nothing is.
    pub fn transact<T>(
        &mut self,
        actor: &Actor,
        action: Action,
        f: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            detail: Default::default(),
        };
        let value = f(&tx)?;
        // The attendance timelines the writes touched, made again in the same transaction.
        crate::attendance::refresh_timelines(&tx)?;
        let detail = tx.detail.take().join("；");
        tx.tx.execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
            (now_text(), &actor.0, action.code(), detail),
        )?;
        tx.tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back: a dry run that sees exactly what
    /// the writes would do (later rows see earlier ones, constraints apply) and leaves nothing.
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            detail: Default::default(),
        };
        let value = f(&tx);
        tx.tx.rollback()?;
        value
    }
}

/// One audit record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// The latest `limit` audit records, newest first.
pub fn audit_log(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn
        .prepare("SELECT id, at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            detail: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
