//! Storage: migrations, refusal of newer databases, atomic audited writes.
mod common;

use common::TestDb;
use qungong::codes::UnitKind;
use qungong::db::{SCHEMA_VERSION, audit_log};
use qungong::{Actor, Db, Error};

#[test]
fn a_new_file_is_migrated_to_the_current_version_with_wal_and_foreign_keys() {
    let t = TestDb::new();
    assert_eq!(t.db.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String =
        t.db.conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 =
        t.db.conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
    assert_eq!(fk, 1);
    let tables: Vec<String> =
        t.db.conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    assert_eq!(
        tables,
        [
            "account",
            "activity",
            "activity_file",
            "activity_file_data",
            "attendance",
            "attendance_timeline",
            "attendance_timeline_dirty",
            "audit_change",
            "audit_log",
            "concern",
            "concern_category",
            "concern_step",
            "contact_plan",
            "contact_point",
            "contact_visit",
            "eval_ballot",
            "eval_mark",
            "eval_round",
            "eval_score",
            "eval_subject",
            "honour",
            "indicator",
            "indicator_system",
            "nomination",
            "opinion",
            "opinion_report",
            "opinion_unit",
            "person",
            "recognition_round",
            "setting",
            "talk",
            "unit"
        ]
    );
}

#[test]
fn migrating_from_the_version_before_keeps_the_data() {
    // A file at the previous version, with data written by that version, is brought up to date
    // on open and keeps its data.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let previous = SCHEMA_VERSION as usize - 1;
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (i, m) in qungong::db::MIGRATIONS.iter().enumerate().take(previous) {
            conn.execute_batch(m).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute(
            "INSERT INTO unit (uid, name, kind, created_at) VALUES ('u1', '营销部', 'department', '2026-01-01 08:00:00')",
            [],
        )
        .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    let id = qungong::units::resolve(db.conn(), "营销部").unwrap();
    let font = dir.path().join("font.ttf");
    std::fs::write(&font, b"not checked here").unwrap();
    let font = font.display().to_string();
    db.transact(&Actor::local(), qungong::Action::SettingSet, |tx| {
        qungong::settings::set(tx, "pdf_font", &font)
    })
    .unwrap();
    let err = db
        .transact(&Actor::local(), qungong::Action::SettingSet, |tx| {
            qungong::settings::set(tx, "colour", "red")
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("设置：没有“colour”这一项，可设置：pdf_font、structure_brackets"),
        "{err}"
    );
    let err = db
        .transact(&Actor::local(), qungong::Action::SettingSet, |tx| {
            qungong::settings::set(tx, "pdf_font", "/nope.ttf")
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "打印字体：找不到字体文件 /nope.ttf");
    drop(db);
    let db = Db::open(&path).unwrap();
    assert_eq!(qungong::units::get(db.conn(), id).unwrap().name, "营销部");
    assert_eq!(
        qungong::settings::get(db.conn(), "pdf_font").unwrap(),
        Some(font)
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Db::open(&path)
        .err()
        .expect("a newer database must be refused");
    assert_eq!(err.code(), "db.too_new");
    let msg = err.to_string();
    assert!(msg.contains("99") && msg.contains("请升级群工台"), "{msg}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file must not be touched"
    );
}

#[test]
fn a_failed_write_leaves_nothing_behind_not_even_its_audit_row() {
    let mut t = TestDb::new();
    let err = t.write(|tx| {
        qungong::units::add(tx, "国网示范县供电公司", UnitKind::Company, None)?;
        Err::<(), _>(Error::invalid("测试", "中途失败"))
    });
    assert!(err.is_err());
    assert!(qungong::units::list(t.db.conn()).unwrap().is_empty());
    assert!(audit_log(t.db.conn(), 10).unwrap().is_empty());
}

#[test]
fn every_write_is_audited_with_its_actor_in_the_same_transaction() {
    let mut t = TestDb::new();
    let actor = Actor("王政工".into());
    t.db.transact(&actor, qungong::Action::UnitAdd, |tx| {
        qungong::units::add(tx, "党建部", UnitKind::Department, None)
    })
    .unwrap();
    let log = audit_log(t.db.conn(), 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, "王政工");
    assert_eq!(log[0].action, "unit.add");
    assert!(log[0].detail.contains("党建部"));
}

#[test]
fn the_location_follows_flag_then_environment_then_data_dir() {
    use std::path::Path;
    let explicit = qungong::db::resolve_path(Some(Path::new("/tmp/x.db")));
    assert_eq!(explicit, Path::new("/tmp/x.db"));
    let default = qungong::db::default_path();
    assert!(
        default.ends_with("qungong/qungong.db"),
        "{}",
        default.display()
    );
}
