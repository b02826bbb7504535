//! Roles, sessions and the idle lock through the handler layer, as both front doors call it.

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use super::{AppState, dispatch, need_of};
use crate::auth::Need;

const ADMIN_PW: &str = "admin-pass-1";

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
    clock: Arc<Mutex<NaiveDateTime>>,
    admin: String,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(Mutex::new(t0()));
        let c = Arc::clone(&clock);
        let state =
            AppState::open_at(&dir.path().join("q.db")).with_clock(move || *c.lock().unwrap());
        let s = dispatch(
            &state,
            None,
            "auth_setup",
            json!({ "name": "管理员甲", "password": ADMIN_PW }),
        )
        .unwrap();
        let admin = s["token"].as_str().unwrap().to_string();
        Fixture {
            _dir: dir,
            state,
            clock,
            admin,
        }
    }

    fn call(&self, key: &str, name: &str, args: Value) -> Result<Value, super::ApiError> {
        dispatch(&self.state, Some(key), name, args)
    }

    /// An account of `role` signed in; its session key.
    fn account(&self, name: &str, role: &str) -> String {
        self.call(
            &self.admin,
            "account_add",
            json!({ "name": name, "role": role, "password": "pass-word-9" }),
        )
        .unwrap();
        let s = dispatch(
            &self.state,
            None,
            "auth_sign_in",
            json!({ "name": name, "password": "pass-word-9" }),
        )
        .unwrap();
        s["token"].as_str().unwrap().to_string()
    }

    fn advance(&self, minutes: i64) {
        *self.clock.lock().unwrap() += Duration::minutes(minutes);
    }

    fn audit_rows(&self) -> i64 {
        self.state
            .with_db(|db| {
                Ok(db
                    .conn()
                    .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
            })
            .unwrap()
    }

    fn data(&self) -> String {
        self.state
            .with_db(|db| {
                let c = db.conn();
                let mut out = String::new();
                for t in [
                    "unit",
                    "person",
                    "activity",
                    "attendance",
                    "setting",
                    "account",
                ] {
                    let n: i64 =
                        c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
                    out.push_str(&format!("{t}={n} "));
                }
                Ok(out)
            })
            .unwrap()
    }
}

#[test]
fn every_command_is_refused_to_a_role_below_its_need_before_it_runs() {
    let f = Fixture::new();
    f.call(&f.admin, "unit_add", json!({ "name": "示范公司" }))
        .unwrap();
    let viewer = f.account("查看员", "查看");
    let cadre = f.account("干部乙", "政工干部");
    let before = (f.data(), f.audit_rows());
    let mut refused = 0;
    for name in super::commands() {
        // These end or lock the caller's own session.
        if matches!(name, "auth_lock" | "auth_sign_out") {
            continue;
        }
        let need = need_of(name).unwrap();
        // Arguments that would pass parsing for most commands do not matter: the role is
        // checked before they are read.
        for (key, role_allows) in [
            (&viewer, matches!(need, Need::Open | Need::Read)),
            (&cadre, need != Need::Admin),
        ] {
            let answer = f.call(key, name, json!({}));
            let forbidden = answer.as_ref().is_err_and(|e| e.code == "auth.forbidden");
            assert_eq!(
                forbidden, !role_allows,
                "{name} ({need:?}) answered {answer:?}"
            );
            if forbidden {
                assert_eq!(answer.unwrap_err().message, "无权限执行此操作");
                refused += 1;
            }
        }
    }
    assert!(refused > 40, "{refused}");
    // Nothing was written by the refused calls (the reads leave no audit row either).
    assert_eq!((f.data(), f.audit_rows()), before);
}

#[test]
fn a_viewer_reads_and_prints_masked_but_not_full_numbers() {
    let f = Fixture::new();
    let viewer = f.account("查看员", "查看");
    assert!(f.call(&viewer, "unit_tree", Value::Null).is_ok());
    let e = f
        .call(&viewer, "person_get", json!({ "id": 1, "full": true }))
        .unwrap_err();
    assert_eq!(e.code, "auth.forbidden");
    // The core refuses a viewer's write even when a handler is reached another way.
    let call = f.state.call(Some(&viewer), Need::Read).unwrap();
    let e = call
        .write(crate::Action::UnitAdd, |tx| {
            crate::units::add(tx, "x", crate::codes::UnitKind::Company, None)
        })
        .unwrap_err();
    assert_eq!(e.code, "auth.forbidden");
}

#[test]
fn the_first_administrator_only_once_and_sign_in_errors_in_chinese() {
    let f = Fixture::new();
    let e = dispatch(
        &f.state,
        None,
        "auth_setup",
        json!({ "name": "另一个", "password": "abc12345" }),
    )
    .unwrap_err();
    assert_eq!(e.code, "auth.already_set_up");
    let e = dispatch(
        &f.state,
        None,
        "auth_sign_in",
        json!({ "name": "管理员甲", "password": "wrong-pass-1" }),
    )
    .unwrap_err();
    assert_eq!(e.code, "auth.bad_password");
    assert!(e.message.starts_with("账号或密码不正确"), "{}", e.message);
    let status = dispatch(&f.state, None, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "signed_out");
    let status = f.call(&f.admin, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "signed_in");
    assert_eq!(status["session"]["role"], "管理员");
}

#[test]
fn a_fresh_database_asks_for_the_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open_at(&dir.path().join("q.db"));
    let status = dispatch(&state, None, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "setup");
    let e = dispatch(&state, None, "unit_tree", Value::Null).unwrap_err();
    assert_eq!(e.code, "auth.setup");
    let e = dispatch(
        &state,
        None,
        "auth_setup",
        json!({ "name": "admin", "password": "short1" }),
    )
    .unwrap_err();
    assert_eq!(e.code, "auth.weak_password");
    assert!(e.message.contains("至少 8 个字符"), "{}", e.message);
}

#[test]
fn the_session_locks_when_idle_and_the_password_unlocks_it() {
    let f = Fixture::new();
    f.call(
        &f.admin,
        "setting_set",
        json!({ "key": "security.idle_minutes", "value": "10" }),
    )
    .unwrap();
    f.advance(9);
    // A command within the idle time keeps the session open …
    f.call(&f.admin, "unit_tree", Value::Null).unwrap();
    f.advance(9);
    f.call(&f.admin, "auth_touch", Value::Null).unwrap();
    f.advance(10);
    // … ten minutes without one lock it.
    let e = f.call(&f.admin, "unit_tree", Value::Null).unwrap_err();
    assert_eq!(e.code, "auth.locked");
    let status = f.call(&f.admin, "auth_status", Value::Null).unwrap();
    assert_eq!(status["state"], "locked");
    let e = f
        .call(
            &f.admin,
            "auth_unlock",
            json!({ "password": "nope-nope-1" }),
        )
        .unwrap_err();
    assert_eq!(e.code, "auth.bad_password");
    assert_eq!(
        f.call(&f.admin, "unit_tree", Value::Null).unwrap_err().code,
        "auth.locked"
    );
    f.call(&f.admin, "auth_unlock", json!({ "password": ADMIN_PW }))
        .unwrap();
    f.call(&f.admin, "unit_tree", Value::Null).unwrap();
    // The UI's own timer locks it at once.
    f.call(&f.admin, "auth_lock", Value::Null).unwrap();
    assert_eq!(
        f.call(&f.admin, "unit_tree", Value::Null).unwrap_err().code,
        "auth.locked"
    );
}

#[test]
fn a_changed_role_or_a_stopped_account_takes_effect_at_the_next_command() {
    let f = Fixture::new();
    let cadre = f.account("干部乙", "政工干部");
    f.call(&cadre, "unit_add", json!({ "name": "示范公司" }))
        .unwrap();
    let list = f.call(&f.admin, "account_list", Value::Null).unwrap();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "干部乙")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    f.call(
        &f.admin,
        "account_set_role",
        json!({ "id": id, "role": "查看" }),
    )
    .unwrap();
    let e = f
        .call(&cadre, "unit_add", json!({ "name": "又一个" }))
        .unwrap_err();
    assert_eq!(e.code, "auth.forbidden");
    f.call(
        &f.admin,
        "account_set_disabled",
        json!({ "id": id, "disabled": true }),
    )
    .unwrap();
    let e = f.call(&cadre, "unit_tree", Value::Null).unwrap_err();
    assert_eq!(e.code, "auth.signed_out");
    // The administrator cannot stop or demote themself.
    let me = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "管理员甲")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let e = f
        .call(
            &f.admin,
            "account_set_disabled",
            json!({ "id": me, "disabled": true }),
        )
        .unwrap_err();
    assert_eq!(e.code, "auth.last_admin");
}

#[test]
fn the_audit_trail_shows_changed_fields_masked_and_never_passwords() {
    let f = Fixture::new();
    f.call(&f.admin, "unit_add", json!({ "name": "示范公司" }))
        .unwrap();
    let page = f
        .call(
            &f.admin,
            "audit_list",
            json!({ "query": { "action": "unit.add", "offset": 0, "limit": 10 } }),
        )
        .unwrap();
    assert_eq!(page["total"], 1);
    let row = &page["rows"][0];
    assert_eq!(row["actor"], "管理员甲");
    assert_eq!(row["action_label"], "新增单位");
    let change = &row["changes"][0];
    assert_eq!(change["table_label"], "单位");
    assert_eq!(change["op"], "新增");
    assert!(
        change["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["label"] == "名称" || f["new"] == "示范公司"),
        "{change}"
    );
    // The account's password hash never reaches the trail.
    let page = f
        .call(
            &f.admin,
            "audit_list",
            json!({ "query": { "table": "account", "offset": 0, "limit": 50 } }),
        )
        .unwrap();
    let text = page.to_string();
    assert!(!text.contains("argon2"), "{text}");
    assert!(text.contains("（不记录）"), "{text}");
    // Filters: by who acted, and a day range (the trail's times are the real clock's).
    let today = crate::db::today().to_string();
    let page = f
        .call(
            &f.admin,
            "audit_list",
            json!({ "query": { "actor": "管理员甲", "from": today, "to": today, "offset": 0, "limit": 50 } }),
        )
        .unwrap();
    assert!(page["total"].as_i64().unwrap() >= 2, "{page}");
}
