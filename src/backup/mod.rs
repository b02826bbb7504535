//! 备份与恢复: copies of the database made through SQLite's online backup API (so a backup is
//! consistent even while the app writes), checked with `PRAGMA integrity_check`, kept in a
//! folder beside the database (or the one set in 设置, [`DIR_SETTING`]) and thinned by the pure
//! rule [`keep`]; and [`restore`], which replaces the live file crash-safely.
//!
//! Backup files are named so that their time and kind sort and parse:
//! `qungong-2026-12-01-083000-每日.db` (the database file's stem, the local date and time, the
//! [`BackupKind`]). Everything here works by path and opens its own connections, so that it can
//! run on a damaged database that `Db::open` refuses.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::db::SCHEMA_VERSION;
use crate::error::{DbError, Error, Result};
use crate::settings::Key;

/// 设置 `backup.dir`: the folder automatic and 立即备份 backups go to (default: `备份` beside
/// the database).
pub const DIR_SETTING: Key = Key {
    name: "backup.dir",
    label: "备份文件夹",
    check: check_dir,
};

fn check_dir(value: &str) -> Result<()> {
    let field = "备份文件夹";
    let path = Path::new(value);
    if !path.is_absolute() {
        return Err(Error::invalid(
            field,
            "请填写完整的文件夹路径（如 D:\\群工台备份 或 /media/u盘/备份）",
        ));
    }
    if path.exists() && !path.is_dir() {
        return Err(Error::invalid(
            field,
            format!("“{value}”是文件，不是文件夹"),
        ));
    }
    create_dir(path).map_err(|e| Error::invalid(field, format!("无法创建文件夹“{value}”：{e}")))
}

/// Automatic backups of one kind kept by [`keep`]: the newest of each of the last 7 days, of
/// each of the last 4 weeks and of each of the last 12 months.
pub const KEEP_DAYS: i64 = 7;
pub const KEEP_WEEKS: i64 = 4;
pub const KEEP_MONTHS: i64 = 12;
/// 手动 and 恢复前 backups are kept this many days.
pub const KEEP_MANUAL_DAYS: i64 = 90;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BackupKind {
    /// The first start of each day.
    #[serde(rename = "每日")]
    Daily,
    /// On exit.
    #[serde(rename = "退出")]
    Exit,
    /// 立即备份 / 备份到….
    #[serde(rename = "手动")]
    Manual,
    /// The database as it was before a restore replaced it.
    #[serde(rename = "恢复前")]
    BeforeRestore,
}

impl BackupKind {
    pub const ALL: [BackupKind; 4] = [
        BackupKind::Daily,
        BackupKind::Exit,
        BackupKind::Manual,
        BackupKind::BeforeRestore,
    ];

    /// The Chinese name, as in the file name.
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "每日",
            BackupKind::Exit => "退出",
            BackupKind::Manual => "手动",
            BackupKind::BeforeRestore => "恢复前",
        }
    }

    fn from_label(s: &str) -> Option<BackupKind> {
        BackupKind::ALL.into_iter().find(|k| k.label() == s)
    }

    fn automatic(self) -> bool {
        matches!(self, BackupKind::Daily | BackupKind::Exit)
    }
}

/// One backup file, read from the file itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// The file name.
    pub file: String,
    pub path: PathBuf,
    /// When it was made (local time, from its name).
    pub at: NaiveDateTime,
    pub kind: BackupKind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size_bytes: u64,
    /// Its schema version (0 when it cannot be read).
    pub schema_version: i64,
    pub people: i64,
    pub activities: i64,
    pub attendance: i64,
    /// The file opens, is complete and holds a 群工台 database (the full integrity check ran
    /// when it was written; [`verify`] runs it again).
    pub ok: bool,
    /// Why it is not ok.
    pub reason: Option<String>,
}

/// What [`restore`] did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restored {
    /// The backup the database was restored from.
    pub from: BackupInfo,
    /// The 恢复前 copy of the database it replaced (none when there was no database file).
    pub before: Option<BackupInfo>,
}

// ---------------------------------------------------------------------------------------------
// Folders and names

/// `备份` beside the database.
pub fn default_dir(db_path: &Path) -> PathBuf {
    parent(db_path).join("备份")
}

/// The folder set in 设置 (`backup.dir`), else [`default_dir`]. Reads the setting from the file
/// by itself, so it works on a database `Db::open` refuses (a damaged one falls back to the
/// default).
pub fn dir_for(db_path: &Path) -> PathBuf {
    stored_dir(db_path).unwrap_or_else(|| default_dir(db_path))
}

fn stored_dir(db_path: &Path) -> Option<PathBuf> {
    if !db_path.is_file() {
        return None;
    }
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    let value = crate::settings::get(&conn, DIR_SETTING.name).ok()??;
    let value = value.trim();
    (!value.is_empty()).then(|| PathBuf::from(value))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The database file's stem: what backup names of this database start with.
fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "qungong".into())
}

const TIME_FORMAT: &str = "%Y-%m-%d-%H%M%S";

/// `qungong-2026-12-01-083000-每日.db` (with `-2`, `-3` … before `.db` if that name is taken).
pub fn file_name(stem: &str, at: NaiveDateTime, kind: BackupKind, n: u32) -> String {
    let at = at.format(TIME_FORMAT);
    if n <= 1 {
        format!("{stem}-{at}-{}.db", kind.label())
    } else {
        format!("{stem}-{at}-{}-{n}.db", kind.label())
    }
}

/// The stem, time and kind of a backup's file name; `None` for any other file.
pub fn parse_name(name: &str) -> Option<(String, NaiveDateTime, BackupKind)> {
    let body = name.strip_suffix(".db")?;
    if name.starts_with('.') {
        return None;
    }
    let mut parts: Vec<&str> = body.split('-').collect();
    if parts
        .last()
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.len() > 1
        && BackupKind::from_label(parts[parts.len() - 2]).is_some()
    {
        parts.pop();
    }
    let kind = BackupKind::from_label(parts.pop()?)?;
    if parts.len() < 5 {
        return None;
    }
    let time = parts.split_off(parts.len() - 4).join("-");
    let at = NaiveDateTime::parse_from_str(&time, TIME_FORMAT).ok()?;
    let stem = parts.join("-");
    (!stem.is_empty()).then_some((stem, at, kind))
}

/// The backups in `dir` by name alone (no file opened): (path, stem, time, kind).
fn scan(dir: &Path) -> Vec<(PathBuf, String, NaiveDateTime, BackupKind)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (stem, at, kind) = parse_name(&name)?;
            Some((e.path(), stem, at, kind))
        })
        .collect();
    found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| b.0.cmp(&a.0)));
    found
}

// ---------------------------------------------------------------------------------------------
// Reading backups

/// What `path` holds, read from the file (opened read-only, immutable: nothing is written
/// beside it). Never fails: a file that cannot be read comes back with `ok == false` and the
/// reason. Checks that it opens, is as long as its header says and holds a 群工台 database;
/// the full integrity check is [`verify`].
pub fn info(path: &Path) -> BackupInfo {
    let file = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = fs::metadata(path);
    let size_bytes = meta.as_ref().map(|m| m.len()).unwrap_or(0);
    let (at, kind) = match parse_name(&file) {
        Some((_, at, kind)) => (at, kind),
        None => {
            let at = meta
                .as_ref()
                .ok()
                .and_then(|m| m.modified().ok())
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local())
                .unwrap_or_default();
            (
                chrono::Timelike::with_nanosecond(&at, 0).unwrap_or(at),
                BackupKind::Manual,
            )
        }
    };
    let mut info = BackupInfo {
        file,
        path: path.to_path_buf(),
        at,
        kind,
        size_bytes,
        schema_version: 0,
        people: 0,
        activities: 0,
        attendance: 0,
        ok: false,
        reason: None,
    };
    if let Err(e) = &meta {
        info.reason = Some(format!("无法读取文件：{e}"));
        return info;
    }
    match read_counts(path, size_bytes) {
        Ok((version, people, activities, attendance)) => {
            info.schema_version = version;
            info.people = people;
            info.activities = activities;
            info.attendance = attendance;
            info.ok = true;
        }
        Err(reason) => info.reason = Some(reason),
    }
    info
}

fn read_counts(path: &Path, size: u64) -> std::result::Result<(i64, i64, i64, i64), String> {
    let conn = open_immutable(path).map_err(|e| format!("无法打开：{}", sqlite_reason(&e)))?;
    let q = |sql: &str| -> std::result::Result<i64, String> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| sqlite_reason(&e))
    };
    let pages = q("PRAGMA page_count")?;
    let page_size = q("PRAGMA page_size")?;
    if (pages * page_size) as u64 > size {
        return Err(format!(
            "文件不完整：应有 {} 字节，实际只有 {size} 字节（可能复制时中断）",
            pages * page_size
        ));
    }
    let version = q("PRAGMA user_version")?;
    let count = |table: &str| {
        q(&format!("SELECT count(*) FROM {table}"))
            .map_err(|e| format!("不是群工台的数据库，或已损坏（{table}：{e}）"))
    };
    Ok((
        version,
        count("person")?,
        count("activity")?,
        count("attendance")?,
    ))
}

/// [`info`] plus the full `PRAGMA integrity_check`: `ok` only if the check says "ok".
pub fn verify(path: &Path) -> BackupInfo {
    let mut info = info(path);
    if !info.ok {
        return info;
    }
    let checked = open_immutable(path)
        .map_err(|e| sqlite_reason(&e))
        .and_then(|conn| integrity(&conn, "integrity_check"));
    if let Err(reason) = checked {
        info.ok = false;
        info.reason = Some(reason);
    }
    info
}

/// Runs `PRAGMA integrity_check` or `quick_check`: Ok if it says "ok", else the first problems
/// found (in SQLite's words, after a Chinese lead).
fn integrity(conn: &Connection, pragma: &str) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA {pragma}(20)"))
        .map_err(|e| sqlite_reason(&e))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| sqlite_reason(&e))?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(format!(
            "完整性检查未通过（{} 处问题：{}）",
            lines.len(),
            lines.iter().take(3).cloned().collect::<Vec<_>>().join("；")
        ))
    }
}

/// The `quick_check` of an open connection, for `Db::open`: `Ok(None)` if it passes,
/// `Ok(Some(problems))` if it finds damage; an error only for other failures (busy …).
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(None)
    } else {
        Ok(Some(format!(
            "{} 处问题：{}",
            lines.len(),
            lines.iter().take(3).cloned().collect::<Vec<_>>().join("；")
        )))
    }
}

fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "文件已损坏".into(),
        Some(rusqlite::ErrorCode::NotADatabase) => "不是数据库文件，或文件头已损坏".into(),
        Some(rusqlite::ErrorCode::CannotOpen) => "无法打开文件".into(),
        Some(rusqlite::ErrorCode::PermissionDenied) => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

/// Opens a file that nobody writes (a backup) read-only and immutable: no locks, no -wal or
/// -shm created beside it.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// `file:<path>?immutable=1`, with the characters a URI path cannot hold escaped.
pub(crate) fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    #[cfg(windows)]
    let text = format!("/{}", text.replace('\\', "/"));
    let mut out = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?immutable=1");
    out
}

/// The backups in `dir`, newest first (every file named like a backup; damaged or unreadable
/// ones with `ok == false` and the reason).
pub fn list(dir: &Path) -> Vec<BackupInfo> {
    scan(dir)
        .into_iter()
        .map(|(path, ..)| info(&path))
        .collect()
}

/// The newest backup of the database at `db_path` (in [`dir_for`]) that passes the full
/// integrity check and whose schema this build can open: what a damaged start offers.
pub fn newest_good(db_path: &Path) -> Option<BackupInfo> {
    newest_good_in(db_path, &dir_for(db_path))
}

fn newest_good_in(db_path: &Path, dir: &Path) -> Option<BackupInfo> {
    let stem = stem(db_path);
    scan(dir)
        .into_iter()
        .filter(|(_, s, ..)| *s == stem)
        .map(|(path, ..)| verify(&path))
        .find(|i| i.ok && i.schema_version <= SCHEMA_VERSION)
}

// ---------------------------------------------------------------------------------------------
// Writing backups

/// Copies the database open on `conn` to `dest_file` through SQLite's online backup API: into a
/// temporary file in the destination folder, `PRAGMA integrity_check` on the copy (it must say
/// "ok"), fsync, then renamed into place (mode 0600 on Unix). The copy is in rollback-journal
/// mode, so reading it later leaves nothing beside it.
pub fn backup_to(conn: &Connection, dest_file: &Path) -> Result<BackupInfo> {
    write_copy(conn, dest_file, true)?;
    Ok(info(dest_file))
}

fn failed(reason: impl Into<String>) -> Error {
    DbError::BackupFailed {
        reason: reason.into(),
    }
    .into()
}

/// Maps an I/O error of a backup to its Chinese message (a full disk named as such).
fn io_failed(what: &str, path: &Path, e: std::io::Error) -> Error {
    if is_disk_full(&e) {
        return DbError::DiskFull.into();
    }
    failed(format!("{what}“{}”：{e}", path.display()))
}

fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// The backup itself; with `require_ok` false (the 恢复前 copy of a damaged database) a copy
/// that fails the integrity check is kept anyway.
fn write_copy(conn: &Connection, dest_file: &Path, require_ok: bool) -> Result<Option<String>> {
    let dir = parent(dest_file);
    let name = dest_file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .ok_or_else(|| failed(format!("“{}”不是文件名", dest_file.display())))?;
    let tmp = dir.join(format!(".{name}.tmp"));
    let _ = fs::remove_file(&tmp);
    create_private(&tmp).map_err(|e| io_failed("无法创建备份文件", &tmp, e))?;
    let done = (|| -> Result<Option<String>> {
        let mut dst = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let backup = Backup::new(conn, &mut dst)?;
            let mut waits = 0;
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ => {
                        waits += 1;
                        if waits > 200 {
                            return Err(DbError::Busy.into());
                        }
                        std::thread::sleep(Duration::from_millis(25));
                    }
                }
            }
        }
        dst.execute_batch("PRAGMA journal_mode = DELETE")?;
        let problems = integrity(&dst, "integrity_check").err();
        if let (Some(p), true) = (&problems, require_ok) {
            return Err(failed(format!(
                "数据库未通过完整性检查，已损坏，不能据此备份：{p}。请从以前的备份恢复"
            )));
        }
        dst.close().map_err(|(_, e)| e)?;
        sync_file(&tmp).map_err(|e| io_failed("无法写入备份文件", &tmp, e))?;
        set_private(&tmp);
        fs::rename(&tmp, dest_file).map_err(|e| io_failed("无法保存备份文件", dest_file, e))?;
        let _ = sync_dir(dir);
        Ok(problems)
    })();
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// A free name for a backup made now in `dir`.
fn new_path(dir: &Path, stem: &str, kind: BackupKind) -> PathBuf {
    let at = crate::db::now();
    (1..)
        .map(|n| dir.join(file_name(stem, at, kind, n)))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(file_name(stem, at, kind, 1)))
}

/// Opens the live database at `db_path` to copy it (never creates it). Read-write when
/// allowed, so that closing it leaves no -wal or -shm behind.
fn open_source(db_path: &Path) -> Result<Connection> {
    if !db_path.is_file() {
        return Err(failed(format!("数据库文件“{}”不存在", db_path.display())));
    }
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        failed(format!(
            "无法打开数据库文件“{}”：{}",
            db_path.display(),
            sqlite_reason(&e)
        ))
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Makes a backup of kind `kind` of the database at `db_path` in `dir` (default: [`dir_for`]).
/// Does not thin.
pub fn make(db_path: &Path, dir: Option<&Path>, kind: BackupKind) -> Result<BackupInfo> {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir_for(db_path));
    create_dir(&dir).map_err(|e| io_failed("无法创建备份文件夹", &dir, e))?;
    let src = open_source(db_path)?;
    let dest = new_path(&dir, &stem(db_path), kind);
    backup_to(&src, &dest)
}

/// The first start of the day: a 每日 backup unless one of today exists, then [`thin`].
/// `Ok(None)` when today's backup was already there.
pub fn daily(db_path: &Path) -> Result<Option<BackupInfo>> {
    let dir = dir_for(db_path);
    let stem = stem(db_path);
    let today = crate::db::today();
    let exists = scan(&dir)
        .iter()
        .any(|(_, s, at, k)| *s == stem && *k == BackupKind::Daily && at.date() == today);
    if exists {
        return Ok(None);
    }
    let made = make(db_path, Some(&dir), BackupKind::Daily)?;
    thin(&dir);
    Ok(Some(made))
}

/// On exit: a 退出 backup, then [`thin`].
pub fn on_exit(db_path: &Path) -> Result<BackupInfo> {
    let dir = dir_for(db_path);
    let made = make(db_path, Some(&dir), BackupKind::Exit)?;
    thin(&dir);
    Ok(made)
}

// ---------------------------------------------------------------------------------------------
// Thinning (thin.rs) and restoring (restore.rs)

mod restore;
mod thin;

pub use restore::restore;
pub use thin::{keep, thin};

// ---------------------------------------------------------------------------------------------
// Files

/// `path` with `suffix` appended to its name (`qungong.db` → `qungong.db-wal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Creates an empty file readable by its owner only (0600 whatever the umask), failing if it
/// exists.
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    set_private(path);
    Ok(())
}

/// Mode 0600 on Unix (nothing elsewhere); best effort.
pub(crate) fn set_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A folder (and its parents); a new backup folder is private to its owner (0700 on Unix).
fn create_dir(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Copies `from` to a new private file `to` and fsyncs it.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let _ = fs::remove_file(to);
    create_private(to)?;
    let mut src = fs::File::open(from)?;
    let mut dst = fs::OpenOptions::new().write(true).truncate(true).open(to)?;
    std::io::copy(&mut src, &mut dst)?;
    dst.sync_all()
}

fn sync_file(path: &Path) -> std::io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// fsync of a folder, so a rename or delete in it survives a power cut (a no-op on Windows,
/// where a folder cannot be opened as a file).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at("2026-12-01 08:30");
        let name = file_name("qungong", t, BackupKind::Daily, 1);
        assert_eq!(name, "qungong-2026-12-01-083000-每日.db");
        assert_eq!(
            parse_name(&name),
            Some(("qungong".into(), t, BackupKind::Daily))
        );
        let name = file_name("my-data", t, BackupKind::BeforeRestore, 3);
        assert_eq!(name, "my-data-2026-12-01-083000-恢复前-3.db");
        assert_eq!(
            parse_name(&name),
            Some(("my-data".into(), t, BackupKind::BeforeRestore))
        );
        assert_eq!(parse_name("qungong.db"), None);
        assert_eq!(parse_name(".qungong-2026-12-01-083000-每日.db.tmp"), None);
        assert_eq!(parse_name("qungong-2026-13-01-083000-每日.db"), None);
        assert_eq!(parse_name("qungong-2026-12-01-083000-其他.db"), None);
    }

    #[test]
    fn thinning_rule() {
        use BackupKind::*;
        // Today is Wednesday 2026-12-16.
        let now = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap();
        let list = [
            (at("2026-12-16 08:00"), Daily), // 0 today: day
            (at("2026-12-15 08:00"), Daily), // 1 day
            (at("2026-12-10 08:00"), Daily), // 2 6 days ago: day
            (at("2026-12-09 08:00"), Daily), // 3 7 days ago; week 12-07's newest is
            //                                          12-10: dropped
            (at("2026-12-08 08:00"), Daily), // 4 same week, older: dropped
            (at("2026-12-06 08:00"), Daily), // 5 Sunday: newest of week 11-30
            (at("2026-11-24 08:00"), Daily), // 6 newest of week 11-23: 4th week back
            (at("2026-11-17 08:00"), Daily), // 7 week 11-16: too old for weeks; not the
            //                                          newest of November: dropped
            (at("2026-11-30 08:00"), Daily), // 8 newest of November (also week 11-30,
            //                                          but 12-06 is newer there)
            (at("2026-10-31 08:00"), Daily), // 9 newest of October: month
            (at("2026-10-01 08:00"), Daily), // 10 dropped
            (at("2026-01-05 08:00"), Daily), // 11 January 2026: the 12th month back
            (at("2025-12-31 08:00"), Daily), // 12 13 months back: dropped
            (at("2026-12-16 17:00"), Exit),  // 13 exits kept apart from dailies: day
            (at("2026-12-16 12:00"), Exit),  // 14 older exit of today: dropped
            (at("2026-09-20 10:00"), Manual), // 15 87 days: kept
            (at("2026-09-16 10:00"), Manual), // 16 91 days: dropped
            (at("2026-09-17 10:00"), BeforeRestore), // 17 90 days: kept
            (at("2026-12-20 10:00"), Daily), // 18 in the future (clock): kept
        ];
        let kept = keep(now, &list);
        let want: BTreeSet<usize> = [0, 1, 2, 5, 6, 8, 9, 11, 13, 15, 17, 18].into();
        assert_eq!(kept, want);

        // The newest is always kept, even a manual backup older than 90 days.
        let old = [
            (at("2025-01-01 10:00"), Manual),
            (at("2024-12-01 10:00"), Manual),
        ];
        assert_eq!(keep(now, &old), BTreeSet::from([0]));

        // Thinning again a day later drops nothing kept the day before except leavers: what is
        // kept tomorrow was kept today.
        let tomorrow = keep(now.succ_opt().unwrap(), &list);
        assert!(tomorrow.is_subset(&kept), "{tomorrow:?} ⊄ {kept:?}");
    }
}
