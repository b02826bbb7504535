//! Issue 14 end to end, at both front doors: a wrong password is refused in Chinese, a 查看
//! account sees no edit buttons, and a call it makes directly (past the UI) is refused by the
//! handler layer and writes nothing.

// Not every helper of the harness is used here.
#[allow(dead_code)]
mod support;

use std::path::Path;

use qungong::auth::{self, Role};
use qungong::codes::UnitKind;
use qungong::{Action, Actor, Db};
use support::{App, Dialogs, ensure_admin};

const VIEWER: &str = "小李";
const VIEWER_PASSWORD: &str = "view-pass-1";

/// A database with its administrator, one unit and a 查看 account.
fn prepare(db: &Path) {
    ensure_admin(db);
    let mut store = Db::open(db).unwrap();
    store
        .transact(&Actor("admin".into()), Action::AccountAdd, |tx| {
            qungong::units::add(tx, "国网示范县供电公司", UnitKind::Company, None)?;
            auth::add(tx, VIEWER, Role::Viewer, VIEWER_PASSWORD)
        })
        .unwrap();
}

fn units_named(db: &Path, name: &str) -> i64 {
    let store = Db::open(db).unwrap();
    store
        .conn()
        .query_row("SELECT count(*) FROM unit WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_in_the_desktop_window_cannot_edit() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    prepare(&db);
    let app = App::start_first(4504, data, &db, Dialogs::Scripted).await;
    viewer(&app, &db).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_in_browser_mode_cannot_edit() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    prepare(&db);
    let app = App::start_first_browser(4514, data, &db).await;
    viewer(&app, &db).await;
}

async fn viewer(app: &App, db: &Path) {
    // A wrong password: refused, in Chinese, and the page stays.
    app.type_into("login-name", VIEWER).await;
    app.type_into("login-password", "wrong-pass-9").await;
    app.click("login-submit").await;
    app.wait_text("login-error", "the refusal", |t| {
        t.contains("账号或密码不正确")
    })
    .await;
    app.shot("login-refused").await;

    app.sign_in(VIEWER, VIEWER_PASSWORD).await;
    app.wait_text("account-role", "the role", |t| t.contains("查看"))
        .await;

    // 人员档案: the list and its unit, but no 新增 / 导入 / unit buttons.
    app.click("nav-people").await;
    app.el("people-table").await;
    app.wait_text("unit-selection", "the unit tree loaded", |t| !t.is_empty())
        .await;
    let edit_buttons = app
        .c()
        .execute(
            "return ['person-add', 'people-import', 'unit-add', 'unit-rename', 'unit-delete', \
                     'nav-accounts', 'nav-audit']\
               .filter(id => document.querySelector(`[data-testid='${id}']`)).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(edit_buttons, 0, "a 查看 account sees no edit buttons");
    app.shot("viewer-people").await;

    // A call made directly, past the UI, as a curious user could from the developer tools.
    let direct = if app.is_browser() {
        "return fetch('/api/unit_add', { method: 'POST', headers: { \
           'Content-Type': 'application/json', \
           'X-Qungong-Token': sessionStorage.getItem('qungong-token'), \
           'X-Qungong-Session': sessionStorage.getItem('qungong-session') }, \
           body: JSON.stringify({ name: '越权单位' }) }) \
         .then(r => r.json()).then(j => j.message || 'written')"
    } else {
        "return window.__TAURI_INTERNALS__.invoke('unit_add', { name: '越权单位' }) \
         .then(() => 'written', e => (e && e.message) || String(e))"
    };
    let answer = app.c().execute(direct, vec![]).await.unwrap();
    assert_eq!(answer, "无权限执行此操作");
    assert_eq!(units_named(db, "越权单位"), 0, "nothing written");

    // The administrator sees who tried what in 审计.
    app.click("account-menu").await;
    app.click("account-sign-out").await;
    app.sign_in(support::ADMIN, support::ADMIN_PASSWORD).await;
    app.click("nav-audit").await;
    app.wait_text("audit-table-rows", "the failed sign-in", |t| {
        t.contains("登录失败") && t.contains(VIEWER)
    })
    .await;
    app.shot("audit").await;
}
