//! 账号与审计: signing in and out, the idle lock, the first administrator, the accounts (管理员
//! only) and the audit trail (管理员 only).

use serde::Serialize;

use crate::Action;
use crate::audit::{self, ActionInfo, AuditPage, AuditQuery};
use crate::auth::{self as accounts, Account, Principal, Role};
use crate::error::AuthError;

use super::{ApiError, Call, Reply};

/// Who is signed in, as the UI keeps it. `token` is the session's key: browser mode's page
/// sends it back in the header `X-Qungong-Session`; the desktop ignores it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionInfo {
    pub token: String,
    pub account: String,
    pub role: Role,
    pub idle_minutes: u32,
}

/// What the UI shows first: the first administrator's form (`setup`), the sign-in page
/// (`signed_out`), the lock over the screen (`locked`), the app (`signed_in`), or the damaged
/// database's page (`damaged`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuthStatus {
    #[cfg_attr(
        feature = "ts",
        ts(type = "\"setup\" | \"signed_out\" | \"locked\" | \"signed_in\" | \"damaged\"")
    )]
    pub state: &'static str,
    pub session: Option<SessionInfo>,
    pub damage: Option<DamageInfo>,
}

/// Why the database could not be opened, and the newest backup that passes the check.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DamageInfo {
    pub message: String,
    pub backup: Option<crate::backup::BackupInfo>,
}

fn info(call: &Call, token: String, who: &Principal) -> Reply<SessionInfo> {
    Ok(SessionInfo {
        token,
        account: who.name.clone(),
        role: who.role,
        idle_minutes: call.app().with_db(|db| accounts::idle_minutes(db.conn()))?,
    })
}

fn signed_in(call: &Call, who: Principal) -> Reply<SessionInfo> {
    let token = call.app().start_session(call.key.as_deref(), who.clone());
    info(call, token, &who)
}

fn door(call: &Call) -> &'static str {
    call.app().door
}

commands! {
/// Where the UI starts.
[Open] pub fn auth_status(state: &Call) -> Reply<AuthStatus> {
    let app = state.app();
    if let Some(e) = app.open_error() {
        return Ok(AuthStatus {
            state: if e.code == "db.damaged" { "damaged" } else { "signed_out" },
            session: None,
            damage: Some(DamageInfo {
                message: e.message,
                backup: crate::backup::newest_good(&app.db_path()),
            }),
        });
    }
    if !app.with_db(|db| accounts::any(db.conn()))? {
        return Ok(AuthStatus { state: "setup", session: None, damage: None });
    }
    let Some(session) = app.session(state.key.as_deref()) else {
        return Ok(AuthStatus { state: "signed_out", session: None, damage: None });
    };
    // Idle past its minutes counts as locked (without this look counting as use).
    let idle = app.with_db(|db| accounts::idle_minutes(db.conn()))?;
    let locked =
        session.locked || app.now() - session.last_active >= chrono::Duration::minutes(idle.into());
    let token = state.key.clone().unwrap_or_default();
    Ok(AuthStatus {
        state: if locked { "locked" } else { "signed_in" },
        session: Some(info(state, token, &session.who)?),
        damage: None,
    })
}

/// The first administrator, on the first start (refused once any account exists).
[Open] pub fn auth_setup(state: &Call, name: String, password: String) -> Reply<SessionInfo> {
    let account = state.app().with_db(|db| accounts::setup(db, &name, &password))?;
    signed_in(state, Principal { id: account.id, name: account.name, role: account.role })
}

[Open] pub fn auth_sign_in(state: &Call, name: String, password: String) -> Reply<SessionInfo> {
    let now = state.app().now();
    let who = state
        .app()
        .with_db(|db| accounts::sign_in(db, &name, &password, now, door(state)))?;
    signed_in(state, who)
}

/// The password again after the idle lock: the screen under the lock is kept.
[Open] pub fn auth_unlock(state: &Call, password: String) -> Reply<SessionInfo> {
    let app = state.app();
    let Some(session) = app.session(state.key.as_deref()) else {
        return Err(AuthError::SignedOut.into());
    };
    let now = app.now();
    let who = app.with_db(|db| {
        accounts::sign_in(db, &session.who.name, &password, now, &format!("{}（解锁）", door(state)))
    })?;
    app.set_session(state.key.as_deref(), |s| {
        s.locked = false;
        s.last_active = now;
        s.who = who.clone();
    });
    info(state, state.key.clone().unwrap_or_default(), &who)
}

/// The user is still at work (typing a long form sends no command): keeps the session open.
[Read] pub fn auth_touch(_state: &Call) -> Reply<()> {
    Ok(())
}

/// Locks the session now (the UI's own idle timer ran out).
[Read] pub fn auth_lock(state: &Call) -> Reply<()> {
    state.app().set_session(state.key.as_deref(), |s| s.locked = true);
    Ok(())
}

[Open] pub fn auth_sign_out(state: &Call) -> Reply<()> {
    if let Some(s) = state.app().end_session(state.key.as_deref()) {
        let actor = s.who.actor();
        let how = door(state);
        state.app().with_db(|db| {
            db.transact(&actor, Action::SignOut, |tx| {
                tx.note(how);
                Ok(())
            })
        })?;
    }
    Ok(())
}

/// The signed-in person's own password, after the old one.
[Read] pub fn auth_change_password(state: &Call, old_password: String, new_password: String) -> Reply<()> {
    let who = state.who().cloned().ok_or(ApiError::from(crate::Error::from(AuthError::SignedOut)))?;
    accounts::check_password(&new_password).map_err(ApiError::from)?;
    let now = state.app().now();
    state.app().with_db(|db| {
        accounts::sign_in(db, &who.name, &old_password, now, &format!("{}（修改密码）", door(state)))
    })?;
    state.write(Action::PasswordChange, |tx| accounts::set_password(tx, who.id, &new_password))
}

[Admin] pub fn account_list(state: &Call) -> Reply<Vec<Account>> {
    state.read(accounts::list)
}

[Admin] pub fn account_add(state: &Call, name: String, role: Role, password: String) -> Reply<Account> {
    state.write(Action::AccountAdd, |tx| accounts::add(tx, &name, role, &password))
}

[Admin] pub fn account_set_role(state: &Call, id: i64, role: Role) -> Reply<Account> {
    not_self(state, id, role != Role::Admin, "不能降低自己账号的角色")?;
    state.write(Action::AccountSetRole, |tx| accounts::set_role(tx, id, role))
}

[Admin] pub fn account_set_password(state: &Call, id: i64, password: String) -> Reply<()> {
    state.write(Action::AccountSetPassword, |tx| accounts::set_password(tx, id, &password))
}

/// Links the account to the person it stands for (null: unlinks).
[Admin] pub fn account_set_person(state: &Call, id: i64, person_id: Option<i64>) -> Reply<Account> {
    state.write(Action::AccountSetPerson, |tx| accounts::set_person(tx, id, person_id))
}

[Admin] pub fn account_set_disabled(state: &Call, id: i64, disabled: bool) -> Reply<Account> {
    not_self(state, id, disabled, "不能停用自己的账号")?;
    state.write(Action::AccountSetDisabled, |tx| accounts::set_disabled(tx, id, disabled))
}

[Admin] pub fn audit_actions(_state: &Call) -> Reply<Vec<ActionInfo>> {
    Ok(audit::actions())
}

[Admin] pub fn audit_list(state: &Call, query: AuditQuery) -> Reply<AuditPage> {
    state.read(|c| audit::list(c, &query))
}
}

/// An administrator does not lock themself out.
fn not_self(call: &Call, id: i64, harmful: bool, message: &str) -> Reply<()> {
    if harmful && call.who().is_some_and(|w| w.id == id) {
        return Err(AuthError::LastAdmin(message.to_string()).into());
    }
    Ok(())
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        crate::Error::from(e).into()
    }
}
