//! Backups and restores (issue 14 part 3), the start that refuses a damaged file (part 4), the
//! file modes (part 6) and the faults 4 (a full disk during an import), 5 (read-only file and
//! folder) and 6 (a damaged page).
mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TestDb, damage, qungong as cli};
use qungong::backup::{self, BackupKind};
#[cfg(unix)]
use qungong::codes::UnitKind;
use qungong::people::import::{self as people_import, ImportOptions};
use qungong::{Action, Actor, Db};

fn actor() -> Actor {
    Actor("测试".into())
}

fn dump(path: &Path) -> String {
    common::dump_tables(path, |_| true)
}

/// A database with the branch demo in it (about 2 MB), closed.
fn demo_db(dir: &Path) -> PathBuf {
    let path = dir.join("qungong.db");
    let mut db = Db::open(&path).unwrap();
    db.transact(&actor(), Action::Demo, |tx| {
        qungong::demo::generate(
            tx,
            qungong::demo::Scale::Branch,
            7,
            common::date("2026-11-01"),
        )
    })
    .unwrap();
    path
}

#[test]
fn backup_then_damage_then_restore_gives_back_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let before = dump(&path);

    let made = backup::make(&path, None, BackupKind::Manual).unwrap();
    assert!(made.ok, "{made:?}");
    assert_eq!(made.path.parent().unwrap(), dir.path().join("备份"));
    assert!(made.file.starts_with("qungong-") && made.file.ends_with("-手动.db"));
    assert_eq!(made.schema_version, qungong::db::SCHEMA_VERSION);
    assert!(made.people > 200 && made.activities > 100 && made.attendance > 1000);
    assert_eq!(backup::list(&dir.path().join("备份")), vec![made.clone()]);

    damage(&path);
    let err = Db::open(&path).err().expect("a damaged file is refused");
    assert_eq!(err.code(), "db.damaged");
    let msg = err.to_string();
    assert!(
        msg.contains("已损坏") && msg.contains("从备份恢复"),
        "{msg}"
    );
    assert!(
        msg.contains(&made.file),
        "the newest good backup is named: {msg}"
    );
    let offered = backup::newest_good(&path).expect("a good backup is offered");
    assert_eq!(offered.path, made.path);

    let done = backup::restore(&path, &offered.path).unwrap();
    let kept = done.before.expect("the damaged file is kept");
    assert_eq!(kept.kind, BackupKind::BeforeRestore);
    assert!(kept.path.exists());
    assert!(!sibling(&path, ".restore-tmp").exists());
    let db = Db::open(&path).expect("the restored file opens");
    drop(db);
    assert_eq!(dump(&path), before);
    // The damaged copy is not offered as the newest good backup.
    assert_eq!(backup::newest_good(&path).unwrap().path, made.path);
}

#[test]
fn a_backup_with_a_newer_schema_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let made = backup::make(&path, None, BackupKind::Manual).unwrap();
    let conn = rusqlite::Connection::open(&made.path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = {}",
        qungong::db::SCHEMA_VERSION + 1
    ))
    .unwrap();
    drop(conn);
    let before = dump(&path);
    let err = backup::restore(&path, &made.path).unwrap_err();
    assert_eq!(err.code(), "backup.too_new");
    assert!(err.to_string().contains("请升级群工台"), "{err}");
    assert_eq!(dump(&path), before);
    // No 恢复前 copy either: nothing was begun.
    assert_eq!(backup::list(&dir.path().join("备份")).len(), 1);

    // A backup that is damaged is refused too.
    let other = backup::make(&path, None, BackupKind::Manual).unwrap();
    damage(&other.path);
    let err = backup::restore(&path, &other.path).unwrap_err();
    assert_eq!(err.code(), "backup.damaged", "{err}");
    assert_eq!(dump(&path), before);
}

#[test]
fn daily_makes_one_a_day_and_the_folder_can_be_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let first = backup::daily(&path)
        .unwrap()
        .expect("first start of the day");
    assert_eq!(first.kind, BackupKind::Daily);
    assert!(backup::daily(&path).unwrap().is_none());
    let exit = backup::on_exit(&path).unwrap();
    assert_eq!(exit.kind, BackupKind::Exit);
    let list = backup::list(&dir.path().join("备份"));
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].path, exit.path, "newest first");

    // 设置 backup.dir: checked (an absolute folder, created) and used.
    let other = dir.path().join("第二块盘").join("备份");
    let mut db = Db::open(&path).unwrap();
    let err = db
        .transact(&actor(), Action::SettingSet, |tx| {
            qungong::settings::set(tx, "backup.dir", "相对路径")
        })
        .unwrap_err();
    assert!(err.to_string().contains("完整的文件夹路径"), "{err}");
    db.transact(&actor(), Action::SettingSet, |tx| {
        qungong::settings::set(tx, "backup.dir", other.to_str().unwrap())
    })
    .unwrap();
    drop(db);
    assert!(other.is_dir());
    assert_eq!(backup::dir_for(&path), other);
    let made = backup::make(&path, None, BackupKind::Manual).unwrap();
    assert_eq!(made.path.parent().unwrap(), other);

    // Damaged and foreign files are listed, not ok, with the reason.
    fs::write(
        other.join("qungong-2026-01-02-030405-手动.db"),
        b"not a database",
    )
    .unwrap();
    let list = backup::list(&other);
    assert_eq!(list.len(), 2);
    let bad = list.iter().find(|b| !b.ok).unwrap();
    assert!(bad.reason.as_deref().unwrap_or("").contains("不完整") || bad.reason.is_some());
}

#[cfg(unix)]
#[test]
fn database_wal_shm_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // A umask that would leave them readable by everyone.
    // SAFETY: umask only changes this process's file-creation mask.
    let old = unsafe { libc::umask(0o002) };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新建").join("qungong.db");
    let mut db = Db::open(&path).unwrap();
    db.transact(&actor(), Action::UnitAdd, |tx| {
        qungong::units::add(tx, "供电公司", UnitKind::Company, None)
    })
    .unwrap();
    assert_eq!(mode(&path), 0o600);
    for side in ["-wal", "-shm"] {
        let p = sibling(&path, side);
        assert!(p.exists(), "{side} exists while open");
        assert_eq!(mode(&p), 0o600, "{side}");
    }
    let made = backup::make(&path, None, BackupKind::Manual).unwrap();
    assert_eq!(mode(&made.path), 0o600);
    assert_eq!(mode(made.path.parent().unwrap()), 0o700);
    drop(db);
    unsafe { libc::umask(old) };
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Fault 4: a disk that fills during an import said "no such savepoint: import_row" (SQLite had
/// rolled the whole transaction back; the clean-up's error hid the cause). The full disk is
/// simulated with `PRAGMA max_page_count`, which fails writes with SQLITE_FULL as a full disk
/// does.
#[test]
fn a_disk_full_during_an_import_says_so_and_writes_nothing() {
    let mut t = TestDb::new();
    t.unit("示范供电公司", None);
    let xlsx = t.dir.path().join("花名册.xlsx");
    write_roster(&xlsx, "示范供电公司", 3000, "");
    let sheet = people_import::load(&xlsx).unwrap();
    let before: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
            .unwrap();
    let pages: i64 =
        t.db.conn()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
    t.db.conn()
        .execute_batch(&format!("PRAGMA max_page_count = {}", pages + 20))
        .unwrap();
    let result = people_import::commit(
        &mut t.db,
        &actor(),
        &sheet,
        &ImportOptions::default(),
        &mut |_, _| true,
    );
    let err = match result {
        Ok(p) => panic!(
            "the import should fail: {:?} {:?}",
            p.totals, p.rows[0].errors
        ),
        Err(e) => e,
    };
    let msg = err.to_string();
    assert_eq!(err.code(), "db.disk_full", "{msg}");
    assert!(
        msg.contains("磁盘空间不足") && msg.contains("未作改动"),
        "{msg}"
    );
    assert!(!msg.contains("savepoint"), "{msg}");
    let after: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
            .unwrap();
    assert_eq!(after, before);
}

/// A 花名册 of `rows` people in `unit`, their 岗位 marked with `marker`.
fn write_roster(path: &Path, unit: &str, rows: usize, marker: &str) {
    let names = [
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["工号", "姓名", "所在单位", "岗位", "出生日期", "性别"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, format!("9{i:05}")).unwrap();
        sheet.write_string(r, 1, names[i % names.len()]).unwrap();
        sheet.write_string(r, 2, unit).unwrap();
        sheet
            .write_string(r, 3, format!("配电运维岗位第{}班组值班员{marker}", i % 40))
            .unwrap();
        sheet
            .write_string(r, 4, format!("1985-03-{:02}", i % 28 + 1))
            .unwrap();
        sheet.write_string(r, 5, ["男", "女"][i % 2]).unwrap();
    }
    book.save(path).unwrap();
}

/// Fault 5: a read-only file or folder. Run as an ordinary user: root may write anything, so
/// under root the steps run in a child process that has given up root.
#[cfg(unix)]
#[test]
fn a_read_only_file_or_folder_can_be_read_and_writes_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qungong.db");
    {
        let mut db = Db::open(&path).unwrap();
        db.transact(&actor(), Action::UnitAdd, |tx| {
            qungong::units::add(tx, "供电公司", UnitKind::Company, None)
        })
        .unwrap();
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        read_only_steps(dir.path());
        return;
    }
    use std::os::unix::process::CommandExt;
    chown_all(dir.path(), 65534);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--exact",
            "read_only_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("QUNGONG_RO_DIR", dir.path());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        child.pre_exec(|| {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = child.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("read-only steps done"), "{text}");
}

#[cfg(unix)]
fn chown_all(path: &Path, uid: u32) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path.
    unsafe { libc::chown(c.as_ptr(), uid, uid) };
    if path.is_dir() {
        for e in fs::read_dir(path).unwrap() {
            chown_all(&e.unwrap().path(), uid);
        }
    }
}

/// The child of the test above (does nothing unless started by it).
#[cfg(unix)]
#[test]
fn read_only_child() {
    if let Some(dir) = std::env::var_os("QUNGONG_RO_DIR") {
        read_only_steps(Path::new(&dir));
        println!("read-only steps done");
    }
}

#[cfg(unix)]
fn read_only_steps(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let chmod = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    let path = dir.join("qungong.db");
    let units = |db: &Db| -> i64 {
        db.conn()
            .query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
            .unwrap()
    };
    let add = |db: &mut Db, name: &str| {
        db.transact(&actor(), Action::UnitAdd, |tx| {
            qungong::units::add(tx, name, UnitKind::Company, None)
        })
    };
    let no_side_files = || {
        for s in ["-wal", "-shm"] {
            assert!(!sibling(&path, s).exists(), "{s} left behind");
        }
    };

    // chmod 444: reads work, a write is refused in Chinese, nothing is left beside the file.
    chmod(&path, 0o444);
    {
        let mut db = Db::open(&path).expect("a read-only file opens for reading");
        assert!(db.is_read_only());
        assert_eq!(units(&db), 1);
        let err = add(&mut db, "营销部").unwrap_err();
        assert_eq!(err.code(), "db.read_only", "{err}");
        assert!(err.to_string().contains("只读"), "{err}");
    }
    no_side_files();

    // Back to 644: writes work again.
    chmod(&path, 0o644);
    {
        let mut db = Db::open(&path).unwrap();
        assert!(!db.is_read_only());
        add(&mut db, "营销部").unwrap();
    }

    // Stale -wal / -shm of mode 444 (left by a read-only spell of an older build): they get
    // the file's mode and writes work ("attempt to write a readonly database" before).
    for s in ["-wal", "-shm"] {
        let p = sibling(&path, s);
        fs::write(&p, b"").unwrap();
        chmod(&p, 0o444);
    }
    {
        let mut db = Db::open(&path).unwrap();
        add(&mut db, "运检部").unwrap();
        assert_eq!(units(&db), 3);
    }

    // A read-only folder: reads work, writes are refused in Chinese.
    let _ = fs::remove_file(sibling(&path, "-wal"));
    let _ = fs::remove_file(sibling(&path, "-shm"));
    chmod(dir, 0o555);
    let result = std::panic::catch_unwind(|| {
        let mut db = Db::open(&path).expect("a read-only folder opens for reading");
        assert_eq!(units(&db), 3);
        let err = add(&mut db, "办公室").unwrap_err();
        assert_eq!(err.code(), "db.read_only", "{err}");
    });
    chmod(dir, 0o755);
    result.unwrap();
}

/// Fault 6: a damaged page. `init` said 数据库已就绪 and reads said "database disk image is
/// malformed" in English; now every command says the file is damaged, in Chinese, names the
/// newest good backup and exits non-zero.
#[test]
fn the_cli_refuses_a_damaged_file_and_names_the_newest_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qungong.db");
    let out = cli(&path, &["demo", "--today", "2026-11-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&path, &["backup", "now"]);
    let made = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(made.contains("已备份到"), "{made}");
    let listed = cli(&path, &["--json", "backup", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let file = list[0]["file"].as_str().unwrap().to_string();
    assert_eq!(list[0]["kind"], "手动");
    assert_eq!(list[0]["ok"], true);

    damage(&path);
    for args in [&["init"][..], &["person", "list"][..]] {
        let out = cli(&path, args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stdout}");
        assert!(!stdout.contains("数据库已就绪"), "{stdout}");
        assert!(
            stderr.contains("已损坏") && stderr.contains("从备份恢复"),
            "{stderr}"
        );
        assert!(stderr.contains(&file), "names the backup: {stderr}");
        assert!(!stderr.contains("malformed"), "{stderr}");
    }
}

/// Fault 4, second half: the data fit in the WAL but merging it into the database file did
/// not; the import was reported done with the data only in the -wal file. Now it says
/// 磁盘空间不足 and what to do. Run on small tmpfs mounts of growing size (in a user and mount
/// namespace: `unshare -rm`, no privileges needed); skipped where unshare is not allowed.
#[cfg(target_os = "linux")]
#[test]
fn a_disk_too_full_to_merge_the_wal_is_reported() {
    let ok = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: unshare -rm is not allowed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    common::ensure_admin(&db);
    let roster = dir.path().join("花名册.xlsx");
    write_roster(&roster, "示范供电公司", 300, "");
    let mnt = dir.path().join("mnt");
    fs::create_dir(&mnt).unwrap();
    let script = r#"set -u
for kb in $(seq 200 16 1000); do
  mount -t tmpfs -o size=${kb}k tmpfs "$MNT" || exit 3
  # Sizes too small to hold the database itself tell nothing.
  cp "$DB" "$MNT/q.db" 2>/dev/null || { umount "$MNT"; continue; }
  "$Q" --db "$MNT/q.db" import people --create-units "$ROSTER" >/dev/null 2>"$ERR"
  rc=$?
  echo "== $kb $rc $(tr '\n' ' ' < "$ERR")"
  umount "$MNT"
  [ $rc -eq 0 ] && break
done
"#;
    let out = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("Q", env!("CARGO_BIN_EXE_qungong"))
        .env("DB", &db)
        .env("MNT", &mnt)
        .env("ERR", dir.path().join("err.txt"))
        .env("ROSTER", &roster)
        .env("QUNGONG_USER", common::ADMIN)
        .env("QUNGONG_PASSWORD", common::ADMIN_PASSWORD)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (mut full, mut pending, mut done) = (0, 0, 0);
    for line in text.lines().filter(|l| l.starts_with("== ")) {
        let mut parts = line.splitn(4, ' ');
        let (_, _kb, rc, err) = (parts.next(), parts.next(), parts.next(), parts.next());
        let err = err.unwrap_or("");
        assert!(
            !err.contains("savepoint") && !err.contains("disk is full"),
            "{line}"
        );
        match rc {
            Some("0") => done += 1,
            _ if err.contains("暂存在") && err.contains("-wal") && err.contains("磁盘空间不足") => {
                pending += 1
            }
            _ if err.contains("磁盘空间不足") && err.contains("未作改动") => full += 1,
            _ => panic!("unexpected outcome: {line}\n{text}"),
        }
    }
    assert!(full > 0 && pending > 0 && done == 1, "{text}");
}

/// On a damaged file nobody can sign in: `backup list` still runs, and `backup restore` asks
/// for a 管理员 of the backup (wrong password: nothing restored), then audits the restore in the
/// restored database.
#[test]
fn the_cli_restores_a_damaged_file_with_an_administrator_of_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    assert!(cli(&db, &["unit", "add", "城关供电所"]).status.success());
    for i in 0..300 {
        let name = format!("供电所{i:03}号（用来把文件撑大一些的名字）");
        assert!(cli(&db, &["unit", "add", &name]).status.success());
    }
    let made = cli(&db, &["backup", "now"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let file = backup::list(&backup::dir_for(&db))[0].path.clone();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    damage(&db);
    let _ = fs::remove_file(dir.path().join(".q.db.checked"));
    let refused = cli(&db, &["unit", "list"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("损坏"));
    let list = cli(&db, &["backup", "list"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let run = |password: &str| {
        common::cli()
            .arg("--db")
            .arg(&db)
            .args(["backup", "restore", "--yes"])
            .arg(&file)
            .env("QUNGONG_PASSWORD", password)
            .output()
            .unwrap()
    };
    let refused = run("wrong-pass-1");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("账号或密码不正确"));
    let done = run(common::ADMIN_PASSWORD);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let log = cli(&db, &["audit", "--action", "backup.restore"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("从备份恢复"));
}
