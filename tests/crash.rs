//! The crash harness (issue 14 part 5): the built `qungong` runs an import, a loop of
//! check-ins, a backup or a restore in a child process, which is killed with SIGKILL after a
//! random delay (seeded; drawn from the operation's measured duration). Then the file must open
//! and pass `PRAGMA integrity_check`; an import is wholly there or wholly absent; every check-in
//! the child acknowledged is there; a restore is complete (the backup's rows) or not begun (the
//! rows before); every backup file left under a backup's name is good.
//!
//! `QUNGONG_CRASH_TRIALS` trials (default 20, so `cargo test` stays quick; `scripts/bench.sh
//! crash` runs 600), seed `QUNGONG_CRASH_SEED` (default 14). Prints one line of figures
//! (`crash: …`). No assertion depends on timing.
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const USER: &str = "admin";
const PASSWORD: &str = "crash-test-1";
const IMPORT_ROWS: usize = 300;
const CHECKINS_PER_TRIAL: usize = 25;

/// The child command on the database `db`: the one place that says how the CLI is run (who
/// signs in, with what).
fn qungong(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qungong"));
    c.arg("--db")
        .arg(db)
        .env("QUNGONG_USER", USER)
        .env("QUNGONG_PASSWORD", PASSWORD)
        .env_remove("QUNGONG_NEW_PASSWORD")
        .env_remove("QUNGONG_DB");
    c
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = qungong(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "qungong {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Import,
    CheckIns,
    Backup,
    Restore,
}

const OPS: [Op; 4] = [Op::Import, Op::CheckIns, Op::Backup, Op::Restore];

/// The prepared database every trial starts from (a copy of it).
struct Base {
    dir: tempfile::TempDir,
    activity: i64,
    employee_nos: Vec<String>,
    /// A backup made before the last change of the base: restoring it changes the rows.
    backup_name: String,
}

fn base() -> Base {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qungong.db");
    run_ok(&db, &["account", "setup"]);
    run_ok(&db, &["demo", "--today", "2026-11-01"]);
    let out = run_ok(
        &db,
        &[
            "--json",
            "activity",
            "add",
            "--title",
            "断电演练动员会",
            "--start",
            "2026-10-20 09:00",
            "--place",
            "三楼会议室",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let activity = v["id"]
        .as_i64()
        .or_else(|| v[0]["id"].as_i64())
        .unwrap_or_else(|| panic!("activity id in {out}"));
    let out = run_ok(&db, &["--json", "backup", "now"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let backup_name = v["backup"]["file"].as_str().unwrap().to_string();
    run_ok(&db, &["unit", "add", "恢复后应消失的单位"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let employee_nos = conn
        .prepare("SELECT employee_no FROM person WHERE employee_no IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    drop(conn);
    Base {
        dir,
        activity,
        employee_nos,
        backup_name,
    }
}

/// A fresh copy of the base in `to`: the database and its backup folder.
fn copy_base(base: &Base, to: &Path) -> PathBuf {
    fs::create_dir_all(to.join("备份")).unwrap();
    fs::copy(base.dir.path().join("qungong.db"), to.join("qungong.db")).unwrap();
    fs::copy(
        base.dir.path().join("备份").join(&base.backup_name),
        to.join("备份").join(&base.backup_name),
    )
    .unwrap();
    to.join("qungong.db")
}

/// Every row of every table but those a sign-in writes to (the audit trail, the accounts), in
/// a total order.
fn dump(path: &Path) -> String {
    common::dump_tables(path, |t| {
        !t.starts_with("audit") && !t.starts_with("account")
    })
}

fn write_roster(path: &Path, trial: usize) {
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
    for i in 0..IMPORT_ROWS {
        let r = i as u32 + 1;
        sheet
            .write_string(r, 0, format!("7{trial:04}{i:03}"))
            .unwrap();
        sheet.write_string(r, 1, names[i % names.len()]).unwrap();
        sheet.write_string(r, 2, "崩溃测试单位").unwrap();
        sheet
            .write_string(r, 3, format!("值班员#T{trial}#"))
            .unwrap();
        sheet
            .write_string(r, 4, format!("1985-03-{:02}", i % 28 + 1))
            .unwrap();
        sheet.write_string(r, 5, ["男", "女"][i % 2]).unwrap();
    }
    book.save(path).unwrap();
}

/// Starts the child of `op` in its own process group (so that SIGKILL reaches a loop's
/// current `qungong` too).
fn start(op: Op, base: &Base, dir: &Path, db: &Path, trial: usize, rng: &mut ChaCha8Rng) -> Child {
    let mut cmd = match op {
        Op::Import => {
            let file = dir.join("花名册.xlsx");
            write_roster(&file, trial);
            let mut c = qungong(db);
            c.args(["import", "people", "--create-units"]).arg(file);
            c
        }
        Op::CheckIns => {
            // The loop runs the same command as qungong(db) and prints each employee number
            // after its check-in returned success.
            let probe = qungong(db);
            let program = probe.get_program().to_owned();
            let mut script = String::from("set -u\n");
            for _ in 0..CHECKINS_PER_TRIAL {
                let no = &base.employee_nos[rng.random_range(0..base.employee_nos.len())];
                script.push_str(&format!(
                    "\"$Q\" --db \"$DB\" checkin --activity {} {no} --backfill --walk-in >/dev/null 2>&1 && echo {no}\n",
                    base.activity
                ));
            }
            let mut c = Command::new("sh");
            c.arg("-c").arg(script).env("Q", program).env("DB", db);
            for (k, v) in probe.get_envs() {
                match v {
                    Some(v) => c.env(k, v),
                    None => c.env_remove(k),
                };
            }
            c
        }
        Op::Backup => {
            let mut c = qungong(db);
            c.args(["backup", "now"]);
            c
        }
        Op::Restore => {
            let mut c = qungong(db);
            c.args(["backup", "restore", "--yes"])
                .arg(dir.join("备份").join(&base.backup_name));
            c
        }
    };
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    // SAFETY: setpgid is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::setpgid(0, 0);
            Ok(())
        });
    }
    cmd.spawn().unwrap()
}

/// Waits for the child at most `delay`; kills its process group if it is still running.
/// True if it was killed.
fn kill_after(child: &mut Child, delay: Duration) -> bool {
    let until = Instant::now() + delay;
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if Instant::now() >= until {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // SAFETY: the child's process group (its pid), created by setpgid above.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    child.wait().unwrap();
    true
}

#[derive(Default, Debug)]
struct Figures {
    trials: usize,
    kills: usize,
    corrupt: usize,
    partial_imports: usize,
    lost_checkins: usize,
    incomplete_restores: usize,
    bad_backups: usize,
    acknowledged: usize,
}

fn integrity_ok(db: &Path) -> Result<(), String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if r != "ok" {
        return Err(r);
    }
    drop(conn);
    qungong::Db::open(db).map(drop).map_err(|e| e.to_string())
}

#[test]
fn killed_at_random_moments_the_database_stays_whole() {
    let trials: usize = std::env::var("QUNGONG_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("QUNGONG_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let started = Instant::now();
    let base = base();
    let restored_dump = {
        let b = base.dir.path().join("备份").join(&base.backup_name);
        dump(&b)
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let work = tempfile::tempdir().unwrap();

    // Each operation's duration, measured once without a kill: the delays are drawn from
    // 0 to 1.2 times it.
    let mut typical = [Duration::ZERO; 4];
    for (i, op) in OPS.iter().enumerate() {
        let dir = work.path().join(format!("measure-{i}"));
        let db = copy_base(&base, &dir);
        let t = Instant::now();
        let child = start(*op, &base, &dir, &db, 9000 + i, &mut rng);
        child.wait_with_output().unwrap();
        typical[i] = t.elapsed();
    }

    let mut f = Figures::default();
    let mut failures = Vec::new();
    for trial in 0..trials {
        let op = OPS[trial % OPS.len()];
        let dir = work.path().join(format!("t{trial}"));
        let db = copy_base(&base, &dir);
        let before = dump(&db);
        let max = typical[trial % OPS.len()].mul_f64(1.2);
        let delay = max.mul_f64(rng.random_range(0.0..1.0));
        let mut child = start(op, &base, &dir, &db, trial, &mut rng);
        // Read as it comes, so a full pipe never holds the child up.
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut printed = String::new();
            let _ = stdout.read_to_string(&mut printed);
            printed
        });
        let killed = kill_after(&mut child, delay);
        let printed = reader.join().unwrap();
        f.trials += 1;
        f.kills += usize::from(killed);
        let what = format!("trial {trial} ({op:?}, {delay:?}, killed: {killed})");

        let after = dump(&db);
        if let Err(e) = integrity_ok(&db) {
            f.corrupt += 1;
            failures.push(format!("{what}: the file is damaged: {e}"));
            continue;
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        match op {
            Op::Import => {
                let n: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM person WHERE position LIKE ?1",
                        [format!("%#T{trial}#%")],
                        |r| r.get(0),
                    )
                    .unwrap();
                if n != 0 && n != IMPORT_ROWS as i64 {
                    f.partial_imports += 1;
                    failures.push(format!("{what}: {n} of {IMPORT_ROWS} rows imported"));
                }
            }
            Op::CheckIns => {
                for no in printed.split_whitespace() {
                    f.acknowledged += 1;
                    let there: bool = conn
                        .query_row(
                            "SELECT count(*) > 0 FROM attendance a JOIN person p ON p.id = a.person_id
                             WHERE a.activity_id = ?1 AND p.employee_no = ?2
                               AND a.checked_in_at IS NOT NULL",
                            rusqlite::params![base.activity, no],
                            |r| r.get(0),
                        )
                        .unwrap();
                    if !there {
                        f.lost_checkins += 1;
                        failures.push(format!("{what}: acknowledged check-in {no} lost"));
                    }
                }
            }
            Op::Restore => {
                if after != before && after != restored_dump {
                    f.incomplete_restores += 1;
                    failures.push(format!("{what}: neither the rows before nor the backup's"));
                }
            }
            Op::Backup => {}
        }
        // Every file under a backup's name is a good backup (a killed backup leaves at most
        // a hidden temporary file).
        for b in qungong::backup::list(&dir.join("备份")) {
            let checked = qungong::backup::verify(&b.path);
            if !checked.ok {
                f.bad_backups += 1;
                failures.push(format!(
                    "{what}: backup {} not good: {:?}",
                    b.file, checked.reason
                ));
            }
        }
        drop(conn);
        let _ = fs::remove_dir_all(&dir);
    }
    let seconds = started.elapsed().as_secs_f64();
    // On a line of its own (the test harness has printed the test's name without a newline).
    println!(
        "\ncrash: trials {} | kills {} | corrupt databases {} | partial imports {} | lost acknowledged check-ins {} (of {} acknowledged) | incomplete restores {} | bad backup files {} | {:.0} s | seed {seed} | typical ms: import {}, {} check-ins {}, backup {}, restore {}",
        f.trials,
        f.kills,
        f.corrupt,
        f.partial_imports,
        f.lost_checkins,
        f.acknowledged,
        f.incomplete_restores,
        f.bad_backups,
        seconds,
        typical[0].as_millis(),
        CHECKINS_PER_TRIAL,
        typical[1].as_millis(),
        typical[2].as_millis(),
        typical[3].as_millis(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
