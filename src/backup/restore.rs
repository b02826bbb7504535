//! Replacing the database with a backup, crash-safely.

use super::*;

/// Replaces the database at `db_path` with the backup `backup_file`.
///
/// **The caller must hold no connection to the database** (the app closes its own first and
/// opens it again afterwards with `Db::open`); a database still in use by another program is
/// refused ([`DbError::InUse`]).
///
/// 1. The backup is opened read-only and must pass `PRAGMA integrity_check`; a schema newer
///    than this build ([`SCHEMA_VERSION`]) is refused.
/// 2. The current database is kept as a 恢复前 backup (also when it is damaged: then the copy
///    is kept as it is, marked not ok).
/// 3. The backup is copied to `<db>.restore-tmp` in the database's folder and fsynced; the live
///    database's WAL is checkpointed (TRUNCATE) and the empty -wal / -shm removed; the copy is
///    renamed over the live file and the folder fsynced.
///
/// A process killed at any moment leaves either the old database complete (its WAL is only
/// removed once empty) or the new one complete (it is renamed in whole, and no -wal is left to
/// be applied to it).
pub fn restore(db_path: &Path, backup_file: &Path) -> Result<Restored> {
    let from = verify(backup_file);
    if !from.ok {
        return Err(DbError::BackupDamaged {
            file: from.file.clone(),
            detail: from.reason.clone().unwrap_or_default(),
        }
        .into());
    }
    if from.schema_version > SCHEMA_VERSION {
        return Err(DbError::BackupTooNew {
            file: from.file.clone(),
            found: from.schema_version,
            supported: SCHEMA_VERSION,
        }
        .into());
    }
    let before = if db_path.exists() {
        Some(safekeep(db_path)?)
    } else {
        None
    };

    let dir = parent(db_path);
    let tmp = sibling(db_path, ".restore-tmp");
    let _ = fs::remove_file(&tmp);
    copy_private(backup_file, &tmp).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_failed("无法复制备份文件到", &tmp, e)
    })?;
    // The bytes about to become the database, checked once more after the copy.
    let copied = open_immutable(&tmp)
        .map_err(|e| sqlite_reason(&e))
        .and_then(|c| integrity(&c, "quick_check"));
    if let Err(detail) = copied {
        let _ = fs::remove_file(&tmp);
        return Err(failed(format!(
            "复制后的备份未通过检查：{detail}；数据库未作改动"
        )));
    }
    if let Err(e) = settle_wal(db_path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, db_path).map_err(|e| io_failed("无法替换数据库文件", db_path, e))?;
    set_private(db_path);
    let _ = sync_dir(dir);
    Ok(Restored { from, before })
}

/// The 恢复前 copy of the live database: through the backup API (a damaged database is
/// copied as it is, marked not ok); if even that fails, the file's bytes.
fn safekeep(db_path: &Path) -> Result<BackupInfo> {
    let dir = dir_for(db_path);
    create_dir(&dir).map_err(|e| io_failed("无法创建备份文件夹", &dir, e))?;
    let dest = new_path(&dir, &stem(db_path), BackupKind::BeforeRestore);
    let through_api = open_source(db_path).and_then(|src| write_copy(&src, &dest, false));
    match through_api {
        Ok(None) => Ok(info(&dest)),
        Ok(Some(problems)) => {
            let mut i = info(&dest);
            i.ok = false;
            i.reason = Some(problems);
            Ok(i)
        }
        Err(Error::Db(DbError::DiskFull)) => Err(DbError::DiskFull.into()),
        Err(_) => {
            // The raw bytes (and the -wal beside them, if any), so nothing is lost.
            let tmp = dir.join(format!(
                ".{}.tmp",
                dest.file_name().unwrap_or_default().to_string_lossy()
            ));
            copy_private(db_path, &tmp)
                .map_err(|e| io_failed("无法保存恢复前的数据库", &tmp, e))?;
            fs::rename(&tmp, &dest).map_err(|e| io_failed("无法保存恢复前的数据库", &dest, e))?;
            let wal = sibling(db_path, "-wal");
            if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                let _ = copy_private(&wal, &sibling(&dest, "-wal"));
            }
            let _ = sync_dir(&dir);
            let mut i = info(&dest);
            i.ok = false;
            i.reason
                .get_or_insert_with(|| "数据库已损坏，按原样保存".into());
            Ok(i)
        }
    }
}

/// Makes sure the live database has no WAL left: checkpoint (TRUNCATE) through a connection
/// that is closed again, then the empty -wal and the -shm removed. A -wal that is not empty
/// afterwards means another program writes: refused.
fn settle_wal(db_path: &Path) -> Result<()> {
    let wal = sibling(db_path, "-wal");
    let shm = sibling(db_path, "-shm");
    let checkpointed = (|| -> rusqlite::Result<i64> {
        let conn = Connection::open_with_flags(
            db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let busy = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(busy)
    })();
    match checkpointed {
        Ok(0) => {}
        Ok(_) => return Err(DbError::InUse.into()),
        Err(e) => match e.sqlite_error_code() {
            // A damaged database cannot be checkpointed; its 恢复前 copy holds what it had.
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                let _ = fs::remove_file(&wal);
            }
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                return Err(DbError::InUse.into());
            }
            _ => return Err(Error::from(e)),
        },
    }
    match fs::metadata(&wal) {
        Ok(m) if m.len() > 0 => return Err(DbError::InUse.into()),
        Ok(_) => fs::remove_file(&wal).map_err(|e| io_failed("无法删除", &wal, e))?,
        Err(_) => {}
    }
    let _ = fs::remove_file(&shm);
    let journal = sibling(db_path, "-journal");
    if fs::metadata(&journal).is_ok_and(|m| m.len() == 0) {
        let _ = fs::remove_file(&journal);
    }
    sync_dir(parent(db_path)).map_err(|e| io_failed("无法写入文件夹", parent(db_path), e))?;
    Ok(())
}
