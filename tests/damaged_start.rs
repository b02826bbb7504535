//! Issue 14 part 4 through the handler layer both front doors use: a start on a damaged file
//! does not run on it; `auth_status` says so and offers the newest backup that passes, which a
//! 管理员 *of that backup* restores; afterwards the data are what the backup held.

mod common;

use std::path::Path;

use common::damage;

use qungong::api::{AppState, dispatch};
use qungong::backup::{self, BackupKind};
use serde_json::{Value, json};

const ADMIN_PW: &str = "admin-pass-1";

fn dump(path: &Path) -> String {
    common::dump_tables(path, |t| matches!(t, "unit" | "person" | "account"))
}

#[test]
fn a_damaged_database_is_not_opened_and_a_backup_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    {
        let state = AppState::open_at(&db);
        let s = dispatch(
            &state,
            None,
            "auth_setup",
            json!({ "name": "admin", "password": ADMIN_PW }),
        )
        .unwrap();
        let key = s["token"].as_str().unwrap().to_string();
        // Enough rows that the middle of the file is data.
        for i in 0..400 {
            dispatch(
                &state,
                Some(&key),
                "unit_add",
                json!({ "name": format!("供电所{i:03}号（用来把文件撑大一些的名字）") }),
            )
            .unwrap();
        }
        let made = dispatch(&state, Some(&key), "backup_now", Value::Null).unwrap();
        assert_eq!(made["kind"], "手动");
        assert_eq!(made["ok"], true);
    }
    let backups = backup::list(&backup::dir_for(&db));
    let good = backups
        .iter()
        .find(|b| b.kind == BackupKind::Manual)
        .unwrap();
    let before = dump(&good.path);
    // Checkpointed and closed: the damage lands in the database file itself.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    damage(&db);

    let state = AppState::open_at(&db);
    let status = dispatch(&state, None, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "damaged", "{status}");
    let message = status["damage"]["message"].as_str().unwrap();
    assert!(message.contains("损坏"), "{message}");
    let offered = status["damage"]["backup"]["file"].as_str().unwrap();
    assert_eq!(offered, good.file);
    // Nothing else runs on the damaged file.
    let e = dispatch(
        &state,
        None,
        "auth_sign_in",
        json!({ "name": "admin", "password": ADMIN_PW }),
    )
    .unwrap_err();
    assert_eq!(e.code, "db.damaged");
    // The backup's administrator is asked for: a wrong password restores nothing.
    let e = dispatch(
        &state,
        None,
        "backup_restore_damaged",
        json!({ "file": offered, "name": "admin", "password": "wrong-pass-1" }),
    )
    .unwrap_err();
    assert_eq!(e.code, "auth.bad_password");
    assert_eq!(
        dispatch(&state, None, "auth_status", Value::Null).unwrap()["state"],
        "damaged"
    );
    dispatch(
        &state,
        None,
        "backup_restore_damaged",
        json!({ "file": offered, "name": "admin", "password": ADMIN_PW }),
    )
    .unwrap();
    // Open again, on the backup's data, nobody signed in; the restore is in the audit trail.
    let status = dispatch(&state, None, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "signed_out", "{status}");
    let s = dispatch(
        &state,
        None,
        "auth_sign_in",
        json!({ "name": "admin", "password": ADMIN_PW }),
    )
    .unwrap();
    let key = s["token"].as_str().unwrap().to_string();
    let page = dispatch(
        &state,
        Some(&key),
        "audit_list",
        json!({ "query": { "action": "backup.restore", "offset": 0, "limit": 5 } }),
    )
    .unwrap();
    assert_eq!(page["total"], 1, "{page}");
    drop(state);
    let after = dump(&db);
    // The accounts' sign-in times moved with the sign-in above; everything else is identical.
    let strip = |d: &str| {
        d.lines()
            .filter(|l| !l.starts_with("account:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&after), strip(&before));
    // The damaged file was kept as a 恢复前 copy, not thrown away.
    assert!(
        backup::list(&backup::dir_for(&db))
            .iter()
            .any(|b| b.kind == BackupKind::BeforeRestore)
    );
}
