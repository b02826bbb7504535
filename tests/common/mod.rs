//! Shared helpers: every test gets its own real SQLite file in a temp dir.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use qungong::codes::{ActivityKind, ActivityMode, Gender, UnitKind};
use qungong::{Actor, Db, Result, Tx};

pub struct TestDb {
    pub db: Db,
    pub dir: tempfile::TempDir,
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path().join("qungong.db")).unwrap();
        TestDb { db, dir }
    }

    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.db
            .transact(&Actor("测试".into()), qungong::Action::Demo, f)
    }

    pub fn unit(&mut self, name: &str, parent: Option<i64>) -> i64 {
        let kind = if parent.is_none() {
            UnitKind::Company
        } else {
            UnitKind::Department
        };
        self.write(|tx| qungong::units::add(tx, name, kind, parent))
            .unwrap()
    }

    pub fn person(&mut self, employee_no: &str, name: &str, unit: i64) -> i64 {
        self.write(|tx| qungong::people::add(tx, person_input(employee_no, name, unit)))
            .unwrap()
    }

    pub fn activity(&mut self, title: &str, starts_at: &str) -> i64 {
        let input = activity_input(title, starts_at);
        self.write(|tx| qungong::activities::add(tx, input))
            .unwrap()
    }

    /// An activity of `kind` organised by `unit`.
    pub fn activity_of(
        &mut self,
        title: &str,
        starts_at: &str,
        kind: ActivityKind,
        unit: Option<i64>,
    ) -> i64 {
        let mut input = activity_input(title, starts_at);
        input.kind = kind;
        input.organizer_unit_id = unit;
        self.write(|tx| qungong::activities::add(tx, input))
            .unwrap()
    }
}

/// A small branch: 国网示范县供电公司 > 城关供电所 > 营业班, and > 营销部; 张三 (station),
/// 李四 and 王五 (team), 赵六 (dept).
pub struct Branch {
    pub t: TestDb,
    pub company: i64,
    pub station: i64,
    pub team: i64,
    pub dept: i64,
    pub zhang: i64,
    pub li: i64,
    pub wang: i64,
    pub zhao: i64,
}

pub fn branch() -> Branch {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let team = t.unit("营业班", Some(station));
    let dept = t.unit("营销部", Some(company));
    let zhang = t.person("10001", "张三", station);
    let li = t.person("10002", "李四", team);
    let wang = t.person("10003", "王五", team);
    let zhao = t.person("10004", "赵六", dept);
    Branch {
        t,
        company,
        station,
        team,
        dept,
        zhang,
        li,
        wang,
        zhao,
    }
}

pub fn person_input(employee_no: &str, name: &str, unit: i64) -> qungong::people::PersonInput {
    qungong::people::PersonInput {
        employee_no: Some(employee_no.into()),
        name: name.into(),
        gender: Some(Gender::Male),
        birth_date: Some(date("1980-05-06")),
        unit_id: unit,
        ..Default::default()
    }
}

pub fn activity_input(title: &str, starts_at: &str) -> qungong::activities::ActivityInput {
    let starts_at = time(starts_at);
    qungong::activities::ActivityInput {
        kind: ActivityKind::Lecture,
        mode: ActivityMode::Offline,
        title: title.into(),
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(2),
        place: Some("三楼会议室".into()),
        online_meeting: None,
        organizer_unit_id: None,
        host: Some("李主任".into()),
        description: None,
        late_grace_minutes: 10,
    }
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn time(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The rows of the data tables (units, staff, activities, attendance), as text: "logically
/// unchanged" means equal.
pub fn logical_dump(conn: &rusqlite::Connection) -> String {
    dump_conn(conn, |t| {
        matches!(t, "unit" | "person" | "activity" | "attendance")
    })
}

/// The administrator every CLI test acts as (created by [`ensure_admin`]).
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "test-pass-1";

/// `qungong` acting as [`ADMIN`] (user and password from the environment, as a script would).
pub fn cli() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_qungong"));
    c.env("QUNGONG_USER", ADMIN)
        .env("QUNGONG_PASSWORD", ADMIN_PASSWORD)
        .env_remove("QUNGONG_NEW_PASSWORD")
        .env_remove("QUNGONG_DB");
    c
}

/// Creates [`ADMIN`] in the database at `db` (creating the file) unless it has accounts. A file
/// this build cannot open (newer, damaged) is left alone: the command under test says why.
pub fn ensure_admin(db: &std::path::Path) {
    let has_accounts =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| {
                c.query_row("SELECT count(*) > 0 FROM account", [], |r| {
                    r.get::<_, bool>(0)
                })
            })
            .unwrap_or(false);
    if !has_accounts {
        let _ = cli()
            .arg("--db")
            .arg(db)
            .args(["account", "setup"])
            .output();
    }
}

/// Runs the `qungong` command line on `db` (never the environment's QUNGONG_DB) as [`ADMIN`].
pub fn qungong(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    ensure_admin(db);
    cli()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run qungong")
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(db: &std::path::Path, args: &[&str]) -> String {
    let out = qungong(db, args);
    assert!(
        out.status.success(),
        "qungong {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every row of every table `keep` accepts, in order: what `.dump` would print, without the
/// SQL (the backup, restore and crash tests compare databases with it).
pub fn dump_tables(path: &std::path::Path, keep: impl Fn(&str) -> bool) -> String {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    dump_conn(&conn, keep)
}

/// [`dump_tables`] on an open connection.
pub fn dump_conn(conn: &rusqlite::Connection, keep: impl Fn(&str) -> bool) -> String {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap()
        .into_iter()
        .filter(|t| keep(t))
        .collect();
    let mut out = String::new();
    for table in tables {
        let n = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .unwrap()
            .column_count();
        let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT * FROM \"{table}\" ORDER BY {}",
                order.join(", ")
            ))
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push_str(&format!("{table}: {}\n", cells.join(" | ")));
        }
    }
    out
}

/// Overwrites 16 KiB in the middle of the file: a few pages of whatever lies there.
pub fn damage(path: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(len / 2 / 4096 * 4096)).unwrap();
    f.write_all(&[0xA5; 16 * 1024]).unwrap();
    f.sync_all().unwrap();
}

/// Every sheet of an exported workbook as text rows (dates as yyyy-mm-dd, numbers as written).
pub fn xlsx_sheets(e: &qungong::xlsx::export::Export) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(e.bytes.clone())).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(xlsx_cell_text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// A cell as text: whole numbers without decimals, dates as yyyy-mm-dd (with the time when
/// there is one).
pub fn xlsx_cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        Data::Float(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Data::DateTime(x) => {
            let (y, m, d, h, min, _, _) = x.to_ymd_hms_milli();
            if x.as_f64().fract() == 0.0 {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}")
            }
        }
        other => other.to_string(),
    }
}

/// One sheet's rows of an exported workbook: the title, the headers, the data.
pub fn xlsx_rows(e: &qungong::xlsx::export::Export, sheet: &str) -> Vec<Vec<String>> {
    xlsx_sheets(e)
        .into_iter()
        .find(|(n, _)| n == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"))
        .1
}
