use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;

fn t(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(h, m, s)
        .unwrap()
}

fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("q.db")).unwrap();
    setup(&mut db, "admin", "admin-pass-1").unwrap();
    (dir, db)
}

fn code(r: Result<Principal>) -> String {
    r.unwrap_err().code().to_string()
}

#[test]
fn the_password_rule_at_its_boundaries() {
    assert!(check_password("abcd123").is_err(), "7 characters");
    assert!(check_password("abcd1234").is_ok(), "8, letters and digits");
    assert!(check_password("abcdefgh").is_err(), "one kind");
    assert!(check_password("12345678").is_err(), "one kind");
    assert!(check_password("1234567!").is_ok(), "digits and a symbol");
    assert!(
        check_password("群众工作台2026").is_ok(),
        "letters of any script count"
    );
    assert!(
        check_password("群众工作台群众工作台").is_err(),
        "letters only"
    );
    assert!(check_password("abcd 1234").is_ok());
    assert!(check_password("abcdefg ").is_err(), "a space is not a kind");
    assert!(
        check_password("abc\n12345").is_err(),
        "no control characters"
    );
    let e = check_password("abc").unwrap_err();
    assert_eq!(e.code(), "auth.weak_password");
    assert_eq!(e.to_string(), "密码不符合要求：至少 8 个字符（现为 3 个）");
}

#[test]
fn five_wrong_passwords_lock_for_five_minutes_exactly() {
    let (_d, mut db) = db();
    let start = t(9, 0, 0);
    // Four wrong, then the right one: in, and the count starts again.
    for i in 1..=4 {
        let e = sign_in(&mut db, "admin", "wrong", start, "测试").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("账号或密码不正确（再错 {} 次账号将锁定 5 分钟）", 5 - i)
        );
    }
    assert!(sign_in(&mut db, "admin", "admin-pass-1", start, "测试").is_ok());
    for _ in 1..=4 {
        sign_in(&mut db, "admin", "wrong", start, "测试").unwrap_err();
    }
    // The fifth in a row locks.
    let e = sign_in(&mut db, "admin", "wrong", start, "测试").unwrap_err();
    assert_eq!(e.code(), "auth.account_locked");
    assert!(e.to_string().contains("2026-12-01 09:05:00"), "{e}");
    // Until the last second even the right password is refused …
    let just_before = start + Duration::minutes(LOCK_MINUTES) - Duration::seconds(1);
    assert_eq!(
        code(sign_in(
            &mut db,
            "admin",
            "admin-pass-1",
            just_before,
            "测试"
        )),
        "auth.account_locked"
    );
    // … and at the minute it is over.
    let at = start + Duration::minutes(LOCK_MINUTES);
    let who = sign_in(&mut db, "admin", "admin-pass-1", at, "测试").unwrap();
    assert_eq!(who.role, Role::Admin);
    // Sign-ins, failures and the lockout are all in the audit trail.
    let actions: Vec<String> = db
        .conn()
        .prepare("SELECT action FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "account.sign_in_failed")
            .count(),
        8
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "account.locked_out")
            .count(),
        1
    );
    assert_eq!(
        actions.iter().filter(|a| *a == "account.sign_in").count(),
        2
    );
}

#[test]
fn unknown_names_and_stopped_accounts_are_refused() {
    let (_d, mut db) = db();
    let e = sign_in(&mut db, "nobody", "whatever-1", t(9, 0, 0), "测试").unwrap_err();
    // The same answer as a wrong password: which names exist is not told.
    assert_eq!(e.to_string(), "账号或密码不正确");
    let viewer = db
        .transact(&Actor("admin".into()), Action::AccountAdd, |tx| {
            add(tx, "小李", Role::Viewer, "view-pass-1")
        })
        .unwrap();
    // Names are unique whatever their letter case.
    let e = db
        .transact(&Actor("admin".into()), Action::AccountAdd, |tx| {
            add(tx, "ADMIN", Role::Viewer, "view-pass-1")
        })
        .unwrap_err();
    assert_eq!(e.code(), "auth.duplicate_name");
    db.transact(&Actor("admin".into()), Action::AccountSetDisabled, |tx| {
        set_disabled(tx, viewer.id, true)
    })
    .unwrap();
    let e = sign_in(&mut db, "小李", "view-pass-1", t(9, 0, 0), "测试").unwrap_err();
    assert_eq!(e.code(), "auth.disabled");
}

#[test]
fn the_last_administrator_stays_one_and_recovery_needs_the_file() {
    let (dir, mut db) = db();
    let admin = list(db.conn()).unwrap()[0].clone();
    let e = db
        .transact(&Actor("admin".into()), Action::AccountSetRole, |tx| {
            set_role(tx, admin.id, Role::Cadre)
        })
        .unwrap_err();
    assert_eq!(e.code(), "auth.last_admin");
    // A second start of the setup is refused.
    assert_eq!(
        setup(&mut db, "other", "other-pass-1").unwrap_err().code(),
        "auth.already_set_up"
    );
    // The password forgotten: recovery by whoever can write the file (the CLI's `account
    // recover`), audited with the PC's user name.
    recover(&mut db, "admin", "new-pass-22", "zhang").unwrap();
    assert!(sign_in(&mut db, "admin", "admin-pass-1", t(9, 0, 0), "测试").is_err());
    assert!(sign_in(&mut db, "admin", "new-pass-22", t(9, 0, 0), "测试").is_ok());
    let detail: String = db
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'account.recover'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains("本机用户 zhang"), "{detail}");
    // A backup's administrator checked without writing to it (the damaged start).
    let file = dir.path().join("q.db");
    drop(db);
    assert!(admin_of_file(&file, "admin", "new-pass-22").is_ok());
    assert_eq!(
        admin_of_file(&file, "admin", "wrong-pass-1")
            .unwrap_err()
            .code(),
        "auth.bad_password"
    );
}

#[test]
fn a_role_below_the_action_is_refused_by_the_database_itself() {
    let (_d, mut db) = db();
    db.set_role(Some(Role::Viewer));
    let e = db
        .transact(&Actor("小李".into()), Action::UnitAdd, |tx| {
            crate::units::add(tx, "x", crate::codes::UnitKind::Company, None)
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "无权限执行此操作");
    db.set_role(Some(Role::Cadre));
    assert!(
        db.transact(&Actor("干部".into()), Action::UnitAdd, |tx| {
            crate::units::add(tx, "x", crate::codes::UnitKind::Company, None)
        })
        .is_ok()
    );
    let e = db
        .transact(&Actor("干部".into()), Action::SettingSet, |tx| {
            crate::settings::set(tx, "security.idle_minutes", "30")
        })
        .unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
    let units: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(units, 1);
}

#[test]
fn an_account_linked_to_the_talker_sees_his_talks_summaries() {
    use crate::codes::{TalkKind, UnitKind};
    use crate::voice::Viewer;
    use crate::voice::talk::{self, TalkInput};
    let (_dir, mut db) = db();
    let actor = Actor("admin".into());
    let (zhang, li, cadre) = db
        .transact(&actor, Action::Demo, |tx| {
            let unit = crate::units::add(tx, "城关供电所", UnitKind::Station, None)?;
            let person = |no: &str, name: &str, birth: &str| {
                crate::people::add(
                    tx,
                    crate::people::PersonInput {
                        employee_no: Some(no.into()),
                        name: name.into(),
                        gender: Some(crate::codes::Gender::Male),
                        birth_date: Some(birth.parse().unwrap()),
                        unit_id: unit,
                        ..Default::default()
                    },
                )
            };
            Ok((
                person("10001", "张三", "1980-01-02")?,
                person("10002", "李四", "1990-01-02")?,
                add(tx, "xiaoli", Role::Cadre, "cadre-pass-1")?.id,
            ))
        })
        .unwrap();
    let talk_id = db
        .transact(&actor, Action::TalkAdd, |tx| {
            talk::add(
                tx,
                TalkInput {
                    talked_on: "2026-11-20".parse().unwrap(),
                    talker_id: zhang,
                    person_id: li,
                    kind: TalkKind::Daily,
                    topic: "近期工作".into(),
                    summary: Some("家中老人住院".into()),
                    follow_up: false,
                },
                None,
            )
        })
        .unwrap();
    let as_cadre = Viewer {
        account_id: Some(cadre),
        admin: false,
    };
    let seen = |db: &Db| talk::get(db.conn(), talk_id, as_cadre).unwrap();
    assert_eq!(seen(&db).summary, None);
    assert!(seen(&db).summary_hidden);

    // Linked to the talker: he sees it.
    let a = db
        .transact(&actor, Action::AccountSetPerson, |tx| {
            set_person(tx, cadre, Some(zhang))
        })
        .unwrap();
    assert_eq!(
        (a.person_id, a.person_name.as_deref()),
        (Some(zhang), Some("张三"))
    );
    assert_eq!(seen(&db).summary.as_deref(), Some("家中老人住院"));

    // One account per person; an unknown person is refused; nothing changes.
    let admin_id = list(db.conn()).unwrap()[0].id;
    let err = db
        .transact(&actor, Action::AccountSetPerson, |tx| {
            set_person(tx, admin_id, Some(zhang))
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "关联职工：张三已关联账号“xiaoli”，一名职工只能关联一个账号"
    );
    let err = db
        .transact(&actor, Action::AccountSetPerson, |tx| {
            set_person(tx, admin_id, Some(9999))
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "关联职工：请选择一名存在的职工");

    // Unlinked: hidden again.
    db.transact(&actor, Action::AccountSetPerson, |tx| {
        set_person(tx, cadre, None)
    })
    .unwrap();
    assert_eq!(seen(&db).summary, None);
}
