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
pub(crate) mod changes;
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
    include_str!("migrations/0008_accounts_audit.sql"),
    include_str!("migrations/0009_voice.sql"),
    include_str!("migrations/0010_evaluation.sql"),
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

/// Opens the file for [`Db::open`]: creates it (mode 0600 on Unix) if missing, gives an
/// existing -wal / -shm the database file's mode (a stale read-only -shm left by a read-only
/// spell would refuse every write), opens read-only when the file or its folder cannot be
/// written (immutable, leaving nothing beside it, when no WAL is pending), and runs
/// `PRAGMA quick_check`: a damaged file is refused with [`DbError::Damaged`], naming the newest
/// good backup.
fn open_checked(path: &Path) -> Result<Connection> {
    let open_err = |reason: String| DbError::Open {
        path: path.display().to_string(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
    }
    if !path.exists() {
        match crate::backup::create_private(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(open_err("没有在该文件夹中创建文件的权限".into()).into());
            }
            Err(e) => return Err(open_err(e.to_string()).into()),
        }
    }
    match_side_modes(path);
    let conn = if writable(path) {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else if std::fs::metadata(crate::backup::sibling(path, "-wal")).is_ok_and(|m| m.len() > 0) {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(
            crate::backup::immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .map_err(|e| open_err(e.to_string()))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(DbError::from)?;
    functions::register(&conn).map_err(DbError::from)?;
    let damaged = |detail: String| DbError::Damaged {
        path: path.display().to_string(),
        detail,
        backup: crate::backup::newest_good(path).map(|b| b.path.display().to_string()),
    };
    if checked_recently(path) {
        return Ok(conn);
    }
    match crate::backup::quick_check(&conn) {
        Ok(None) => {
            note_checked(path);
            Ok(conn)
        }
        Ok(Some(problems)) => Err(damaged(problems).into()),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Err(damaged(e.to_string()).into())
        }
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => Err(open_err(
            "文件或所在文件夹只读，且有尚未并入数据库的 -wal 日志，无法打开。请把数据库文件连同旁边的 -wal、-shm 文件复制到可写的文件夹后再打开"
                .into(),
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

/// How long a passed quick_check of an unchanged file is trusted.
const CHECK_FRESH: Duration = Duration::from_secs(24 * 3600);

/// `.<name>.checked` beside the database: the size and modification time of the file when it
/// last passed `PRAGMA quick_check` (1.5–2 s for a city-scale file of 110 MB, so not on every
/// open). A file changed since (by anything: a checkpoint, a bad copy, bytes overwritten) or
/// checked more than a day ago is checked again.
fn check_stamp(path: &Path) -> Option<(PathBuf, String)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let name = path.file_name()?.to_string_lossy();
    let stamp = path.with_file_name(format!(".{name}.checked"));
    Some((stamp, format!("{} {mtime}", meta.len())))
}

fn checked_recently(path: &Path) -> bool {
    let Some((stamp, want)) = check_stamp(path) else {
        return false;
    };
    let fresh = std::fs::metadata(&stamp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < CHECK_FRESH);
    fresh && std::fs::read_to_string(&stamp).is_ok_and(|got| got.trim() == want)
}

/// After this program's own writes: the stamp of a check that is still fresh follows the file
/// (its time stays that of the check), so the next open does not check again what only this
/// connection changed.
fn restamp_after_writes(path: &Path) {
    let Some((stamp, value)) = check_stamp(path) else {
        return;
    };
    let Ok(checked_at) = std::fs::metadata(&stamp).and_then(|m| m.modified()) else {
        return;
    };
    if checked_at.elapsed().map_or(true, |age| age >= CHECK_FRESH) {
        return;
    }
    if std::fs::read_to_string(&stamp).is_ok_and(|got| got.trim() == value) {
        return;
    }
    if std::fs::write(&stamp, value).is_ok()
        && let Ok(f) = std::fs::File::options().write(true).open(&stamp)
    {
        let _ = f.set_modified(checked_at);
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Merge the WAL now (as closing would), so the stamp sees the file as it stays.
        if !self.is_read_only()
            && self
                .conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                .is_ok()
        {
            restamp_after_writes(&self.path);
        }
    }
}

fn note_checked(path: &Path) {
    if let Some((stamp, value)) = check_stamp(path) {
        let _ = std::fs::write(&stamp, value);
        crate::backup::set_private(&stamp);
    }
}

/// SQLite's "database or disk is full".
fn is_disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

/// Whether the database can be written: the file, and its folder (where SQLite creates the
/// -wal and -shm) unless both already exist writable.
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let can_write = |p: &Path| {
            let Ok(c) = std::ffi::CString::new(p.as_os_str().as_bytes()) else {
                return false;
            };
            // SAFETY: a valid NUL-terminated path; access() only reads it.
            unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let sides = ["-wal", "-shm"].map(|s| crate::backup::sibling(path, s));
        can_write(path) && (can_write(dir) || sides.iter().all(|p| can_write(p)))
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Gives an existing -wal and -shm the database file's permissions (best effort: only their
/// owner may).
fn match_side_modes(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o777;
        for suffix in ["-wal", "-shm"] {
            let side = crate::backup::sibling(path, suffix);
            if let Ok(m) = std::fs::metadata(&side)
                && m.permissions().mode() & 0o777 != mode
            {
                let _ = std::fs::set_permissions(&side, std::fs::Permissions::from_mode(mode));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// An open database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// The role of whoever uses this connection, when a front door signed someone in: every
    /// write is checked against it (`None`: the core's own callers and tests, trusted).
    role: Option<crate::auth::Role>,
    /// The rows each transaction writes, for the audit trail.
    recorder: changes::Recorder,
}

/// A write transaction handed to the closure of [`Db::transact`]. Write functions of the core
/// take `&Tx`, so they cannot run outside a transaction; it derefs to a connection for reads.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    detail: std::cell::RefCell<Vec<String>>,
    actor: String,
}

impl Tx<'_> {
    /// Adds a line to the audit record of this transaction. Never pass ID numbers, phone numbers
    /// or birth dates here.
    /// Who does this write (the name its audit row carries), for records that keep their own
    /// history (a concern's steps).
    pub fn actor(&self) -> &str {
        &self.actor
    }

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
        let conn = open_checked(&path)?;
        let recorder = changes::Recorder::install(&conn);
        let mut db = Db {
            conn,
            path,
            role: None,
            recorder,
        };
        db.check_version()?;
        if db.is_read_only() {
            // A file (or folder) that cannot be written: reads work, writes are refused with
            // DbError::ReadOnly; nothing derived is made again.
            db.conn.execute_batch("PRAGMA foreign_keys = ON")?;
            if db.schema_version()? < SCHEMA_VERSION {
                return Err(DbError::ReadOnly {
                    path: db.path.display().to_string(),
                }
                .into());
            }
            return Ok(db);
        }
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

    /// True when the file was opened read-only (it or its folder is not writable).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// Merges the WAL into the database file now (a passive checkpoint). What a committed write
    /// put in the -wal file is safe either way; a disk too full to merge it is reported
    /// ([`DbError::WalPending`], 磁盘空间不足 and what to do) instead of passing unnoticed.
    pub fn checkpoint(&self) -> Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        match self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0))
        {
            Ok(_) => Ok(()),
            Err(e) if is_disk_full(&e) => Err(DbError::WalPending {
                path: self.path.display().to_string(),
            }
            .into()),
            Err(e) => Err(e.into()),
        }
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

    /// Signs the connection's user in (see [`crate::auth`]): from now on every write is checked
    /// against `role` (refused with 无权限执行此操作 before anything is written).
    pub fn set_role(&mut self, role: Option<crate::auth::Role>) {
        self.role = role;
    }

    /// The role writes are checked against, if any.
    pub fn role(&self) -> Option<crate::auth::Role> {
        self.role
    }

    /// Runs `f` in one immediate transaction and records `action` by `actor` in the audit log in
    /// that same transaction, with every record `f` inserted, changed or deleted and its changed
    /// fields (src/db/changes.rs). Either everything `f` wrote and the audit rows are committed,
    /// or (on error) nothing is. A write that changed nothing and noted nothing leaves no audit
    /// row. Refused when the signed-in role may not do `action`.
    pub fn transact<T>(
        &mut self,
        actor: &Actor,
        action: Action,
        f: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        if let Some(role) = self.role
            && !role.allows(crate::auth::action_need(action))
        {
            return Err(crate::error::AuthError::Forbidden.into());
        }
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            detail: Default::default(),
            actor: actor.0.clone(),
        };
        // The demo's hundreds of thousands of rows are summed up by its audit line instead.
        self.recorder.start(action != Action::Demo);
        let written = (|| {
            let value = f(&tx)?;
            // The attendance timelines the writes touched, made again in the same transaction.
            crate::attendance::refresh_timelines(&tx)?;
            Ok(value)
        })();
        let value = match written {
            Ok(v) => v,
            Err(e) => {
                self.recorder.discard();
                return Err(e);
            }
        };
        let changes = self.recorder.finish(&tx)?;
        let mut detail = tx.detail.take();
        if changes.overflow > 0 {
            detail.push(format!("另有 {} 条记录的改动未逐条记录", changes.overflow));
        }
        if action == Action::Demo || !changes.is_empty() || !detail.is_empty() {
            tx.tx.execute(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
                (now_text(), &actor.0, action.code(), detail.join("；")),
            )?;
            let audit_id = tx.tx.last_insert_rowid();
            let mut insert = tx.tx.prepare_cached(
                "INSERT INTO audit_change (audit_id, tbl, record_id, op, fields)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for c in &changes.records {
                insert.execute((audit_id, &c.table, c.record_id, c.op.code(), &c.fields))?;
            }
            drop(insert);
        }
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
            actor: "试运行".into(),
        };
        let value = f(&tx);
        tx.tx.rollback()?;
        self.recorder.discard();
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
