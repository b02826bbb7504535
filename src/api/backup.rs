//! 数据备份 (管理员): the backups beside the database, 立即备份, and 从备份恢复 — also from the
//! damaged start, where nobody can sign in to the broken file: the administrator's name and
//! password are then checked against the backup being restored.

use std::path::{Path, PathBuf};

use crate::Action;
use crate::auth::{self as accounts, Principal};
use crate::backup::{self, BackupInfo, BackupKind};
use crate::error::{AuthError, DbError};

use super::{ApiError, AppState, Call, Reply};

/// The backup called `file` in the backup folder (a name from [`backup_list`], never a path).
pub fn backup_path(app: &AppState, file: &str) -> Reply<PathBuf> {
    let db = app.db_path();
    let dir = backup::dir_for(&db);
    let found = backup::list(&dir).into_iter().find(|b| b.file == file);
    found
        .map(|b| b.path)
        .ok_or_else(|| crate::Error::not_found("备份", file).into())
}

/// Writes the audit row of something done to the files (a backup, a restore) by `who`.
fn audit(app: &AppState, who: &Principal, action: Action, what: String) -> Reply<()> {
    let actor = who.actor();
    app.with_db(|db| {
        db.transact(&actor, action, |tx| {
            tx.note(what);
            Ok(())
        })
    })
}

/// Replaces the database with the backup `path` (closing and opening it again around it) and
/// audits that in the restored database.
fn restore_from(app: &AppState, who: &Principal, path: &Path) -> Reply<Option<BackupInfo>> {
    let restored = app.reopen_after(|db| backup::restore(db, path))?;
    let before = restored
        .before
        .as_ref()
        .map(|b| format!("，恢复前的数据已存为 {}", b.file))
        .unwrap_or_default();
    audit(
        app,
        who,
        Action::BackupRestore,
        format!(
            "从备份 {}（{}）恢复{before}",
            restored.from.file, restored.from.at
        ),
    )?;
    Ok(restored.before)
}

commands! {
/// The backups, newest first.
[Admin] pub fn backup_list(state: &Call) -> Reply<Vec<BackupInfo>> {
    Ok(backup::list(&backup::dir_for(&state.app().db_path())))
}

/// 立即备份, into the backup folder.
[Admin] pub fn backup_now(state: &Call) -> Reply<BackupInfo> {
    let made = backup::make(&state.app().db_path(), None, BackupKind::Manual)?;
    if let Some(who) = state.who() {
        audit(state.app(), who, Action::BackupMake, format!("立即备份：{}", made.file))?;
    }
    Ok(made)
}

/// 从备份恢复: the current database is kept as a 恢复前 backup first. Every session ends.
[Admin] pub fn backup_restore(state: &Call, file: String) -> Reply<Option<BackupInfo>> {
    let path = backup_path(state.app(), &file)?;
    let who = state.who().cloned().ok_or(ApiError::from(AuthError::SignedOut))?;
    restore_from(state.app(), &who, &path)
}

/// The damaged start's restore: only while the database cannot be opened because it is
/// damaged; `name` and `password` are an administrator's of the backup (a backup from before
/// accounts existed has none to ask for).
[Open] pub fn backup_restore_damaged(state: &Call, file: String, name: String, password: String) -> Reply<()> {
    let app = state.app();
    if app.open_error().is_none_or(|e| e.code != "db.damaged") {
        return Err(crate::Error::invalid(
            "从备份恢复",
            "数据库没有损坏：请登录后在“设置 → 数据备份”中恢复",
        )
        .into());
    }
    let path = backup_path(app, &file)?;
    let who = accounts::admin_of_file(&path, &name, &password)?;
    restore_from(app, &who, &path)?;
    Ok(())
}
}

/// The backup `file` for 另存到… (a copy on a USB stick): its path, audited.
pub fn backup_for_saving(call: &Call, file: &str) -> Reply<PathBuf> {
    call.require(crate::auth::Need::Admin)?;
    let path = backup_path(call.app(), file)?;
    if let Some(who) = call.who() {
        audit(
            call.app(),
            who,
            Action::BackupMake,
            format!("另存备份：{file}"),
        )?;
    }
    Ok(path)
}

impl AppState {
    /// The first start of the day's backup, in the background (the window opens meanwhile).
    pub fn start_daily_backup(&self) {
        if self.open_error().is_some() {
            return;
        }
        let path = self.db_path();
        std::thread::spawn(move || {
            if let Err(e) = backup::daily(&path) {
                eprintln!("每日自动备份未完成：{e}");
            }
        });
    }

    /// The backup on exit (the window closed, browser mode stopped).
    pub fn backup_on_exit(&self) {
        if self.open_error().is_some() {
            return;
        }
        if let Err(e) = backup::on_exit(&self.db_path()) {
            eprintln!("退出时的自动备份未完成：{e}");
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        crate::Error::from(e).into()
    }
}
