//! 账号与权限: accounts with a role, passwords hashed with Argon2id, sign-in with a lockout after
//! five wrong passwords, and what each role may do. The front doors (the handler layer
//! `crate::api` for the desktop and browser mode, and the CLI) sign a person in here and then
//! open the database with [`Db::set_role`](crate::Db::set_role), so every write is checked
//! against the role in [`crate::Db::transact`] as well.
//!
//! A forgotten administrator password is reset with `qungong account recover`, which needs write
//! access to the database file itself (the file is readable by its owner only): the person who
//! can do that owns the data anyway. The app has no back door.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::db::{DATETIME_FORMAT, datetime_text};
use crate::error::{AuthError, Error, Result};
use crate::settings::store::Key;
use crate::{Action, Actor, Db, Tx};

/// Wrong passwords in a row that lock an account.
pub const MAX_FAILURES: u32 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 5;
/// Shortest password.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The idle time after which a session asks for the password again, unless 设置 says otherwise.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;
/// The longest idle time 设置 accepts.
pub const MAX_IDLE_MINUTES: u32 = 480;

/// 设置: minutes without use before the session locks.
pub const IDLE_MINUTES: Key = Key {
    name: "security.idle_minutes",
    label: "无操作自动锁定（分钟）",
    check: |v| parse_idle_minutes(v).map(drop),
};

/// "15", "１５", "15分钟" → 15; whole minutes from 1 to [`MAX_IDLE_MINUTES`].
pub fn parse_idle_minutes(input: &str) -> Result<u32> {
    let field = "无操作自动锁定";
    let folded = crate::codes::fold_input(input);
    let s = folded.trim_end_matches("分钟").trim_end_matches('分');
    let minutes: u32 = s
        .parse()
        .map_err(|_| Error::invalid(field, format!("“{}”不是整数分钟数", input.trim())))?;
    if !(1..=MAX_IDLE_MINUTES).contains(&minutes) {
        return Err(Error::invalid(
            field,
            format!("应在 1 到 {MAX_IDLE_MINUTES} 分钟之间"),
        ));
    }
    Ok(minutes)
}

/// The idle time in effect.
pub fn idle_minutes(conn: &Connection) -> Result<u32> {
    Ok(crate::settings::get(conn, IDLE_MINUTES.name)?
        .and_then(|v| parse_idle_minutes(&v).ok())
        .unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 查看: reads, prints and exports with the personal numbers masked.
    Viewer,
    /// 政工干部: edits staff, activities, attendance and the other work records.
    Cadre,
    /// 管理员: everything, including accounts, settings, the audit trail and restore.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Cadre, Role::Viewer];

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Cadre => "政工干部",
            Role::Viewer => "查看",
        }
    }

    /// The code stored in `account.role`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Cadre => "cadre",
            Role::Viewer => "viewer",
        }
    }

    fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role named by its Chinese label (or its code, for scripts).
    pub fn parse(input: &str) -> Result<Role> {
        let s = input.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.label() == s || r.code() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "角色",
                    format!("“{s}”不是角色，可选：管理员、政工干部、查看"),
                )
            })
    }

    /// Whether this role may do what `need` asks.
    pub fn allows(self, need: Need) -> bool {
        match need {
            Need::Open | Need::Read => true,
            Need::Edit => self >= Role::Cadre,
            Need::Admin => self == Role::Admin,
        }
    }
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Role::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "ts")]
impl ts_rs::TS for Role {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Role".into()
    }
    fn decl_concrete(c: &ts_rs::Config) -> String {
        Self::decl(c)
    }
    fn decl(_: &ts_rs::Config) -> String {
        "type Role = \"管理员\" | \"政工干部\" | \"查看\";".into()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "\"管理员\" | \"政工干部\" | \"查看\"".into()
    }
    fn output_path() -> Option<std::path::PathBuf> {
        Some("Role.ts".into())
    }
}

/// What a command needs of the person calling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nobody need be signed in (sign-in itself, the first administrator, the damaged start).
    Open,
    /// Any account.
    Read,
    /// 政工干部 or 管理员.
    Edit,
    /// 管理员 only.
    Admin,
}

/// What a write `action` needs: accounts, settings, demo data and restores are the
/// administrator's; every other write is a 政工干部's. Sign-ins and the reading of full numbers
/// are recorded under their action by whoever does them.
pub fn action_need(action: Action) -> Need {
    use Action::*;
    match action {
        SignIn | SignInFailed | AccountLockedOut | SignOut | PasswordChange | Setup => Need::Open,
        AccountAdd | AccountSetRole | AccountSetPassword | AccountSetDisabled
        | AccountSetPerson | AccountRecover | SettingSet | SettingStructure | Demo
        | BackupRestore | BackupMake | AuditExport => Need::Admin,
        _ => Need::Edit,
    }
}

/// One account, as the 账号 screen lists it (never its password hash).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub locked_until: Option<String>,
    pub last_sign_in: Option<String>,
    pub created_at: String,
    /// The person (职工) the account stands for: he sees the summaries of the 谈心谈话 he held.
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
}

const ACCOUNT_COLUMNS: &str = "id, name, role, disabled, locked_until, last_sign_in_at, created_at, password_hash, failed_count, person_id, (SELECT p.name FROM person p WHERE p.id = account.person_id)";

struct Row {
    account: Account,
    hash: String,
    failed: u32,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let role: String = r.get(2)?;
    Ok(Row {
        account: Account {
            id: r.get(0)?,
            name: r.get(1)?,
            role: Role::from_code(&role).unwrap_or(Role::Viewer),
            disabled: r.get(3)?,
            locked_until: r.get(4)?,
            last_sign_in: r.get(5)?,
            created_at: r.get(6)?,
            person_id: r.get(9)?,
            person_name: r.get(10)?,
        },
        hash: r.get(7)?,
        failed: r.get(8)?,
    })
}

fn find(conn: &Connection, name: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE name = ?1"),
            [name.trim()],
            row,
        )
        .optional()?)
}

fn by_id(conn: &Connection, id: i64) -> Result<Row> {
    conn.query_row(
        &format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("账号", id))
}

/// Every account, by name.
pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY name"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows
        .map(|r| r.map(|r| r.account))
        .collect::<rusqlite::Result<_>>()?)
}

/// Whether any account exists (none: the first start asks for the administrator's).
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))?)
}

/// The password rule: at least [`MIN_PASSWORD_CHARS`] characters of at least two kinds
/// (letters, digits, other characters).
pub fn check_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AuthError::WeakPassword(format!(
            "至少 {MIN_PASSWORD_CHARS} 个字符（现为 {n} 个）"
        ))
        .into());
    }
    if password.chars().any(char::is_control) {
        return Err(AuthError::WeakPassword("不能含控制字符".into()).into());
    }
    // As the UI counts them: letters of any script, digits, and anything else but spaces.
    let letters = password.chars().any(char::is_alphabetic);
    let digits = password.chars().any(|c| c.is_ascii_digit());
    let others = password
        .chars()
        .any(|c| !c.is_alphabetic() && !c.is_ascii_digit() && !c.is_whitespace());
    if [letters, digits, others].into_iter().filter(|&k| k).count() < 2 {
        return Err(AuthError::WeakPassword("须含字母、数字、符号中的至少两类".into()).into());
    }
    Ok(())
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 {
        return Err(AuthError::BadName("不能为空".into()).into());
    }
    if n > 32 {
        return Err(AuthError::BadName("最多 32 个字符".into()).into());
    }
    if name
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || is_format_char(c))
    {
        return Err(AuthError::BadName("不能含空格或控制字符".into()).into());
    }
    Ok(name.to_string())
}

/// Invisible characters that change how text is shown (bidi controls, zero-width marks).
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The Argon2id hasher with the crate's recommended parameters (19 MiB, 2 passes).
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::invalid("密码", format!("无法生成密码摘要：{e}")))
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// Adds an account. Names are unique regardless of letter case.
pub fn add(tx: &Tx, name: &str, role: Role, password: &str) -> Result<Account> {
    let name = check_name(name)?;
    check_password(password)?;
    if find(tx, &name)?.is_some() {
        return Err(AuthError::DuplicateName(name).into());
    }
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO account (name, role, password_hash, created_at, password_changed_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, role.code(), hash(password)?, now],
    )?;
    tx.note(format!("账号 {name}（{}）", role.label()));
    Ok(by_id(tx, tx.last_insert_rowid())?.account)
}

/// The first administrator, on a database with no account yet.
pub fn setup(db: &mut Db, name: &str, password: &str) -> Result<Account> {
    let name = check_name(name)?;
    check_password(password)?;
    db.transact(&Actor(name.clone()), Action::Setup, |tx| {
        if any(tx)? {
            return Err(AuthError::AlreadySetUp.into());
        }
        add(tx, &name, Role::Admin, password)
    })
}

fn admins_left(tx: &Tx, except: i64) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM account WHERE role = 'admin' AND disabled = 0 AND id <> ?1",
        [except],
        |r| r.get(0),
    )?)
}

/// Changes an account's role; the last active administrator stays one.
pub fn set_role(tx: &Tx, id: i64, role: Role) -> Result<Account> {
    let before = by_id(tx, id)?.account;
    if before.role == Role::Admin && role != Role::Admin && admins_left(tx, id)? == 0 {
        return Err(AuthError::LastAdmin(format!(
            "“{}”是唯一可用的管理员，不能改为其他角色",
            before.name
        ))
        .into());
    }
    tx.execute(
        "UPDATE account SET role = ?2 WHERE id = ?1",
        params![id, role.code()],
    )?;
    tx.note(format!(
        "账号 {}：{} → {}",
        before.name,
        before.role.label(),
        role.label()
    ));
    Ok(by_id(tx, id)?.account)
}

/// Links an account to the person (职工) it stands for, or unlinks it (`None`); a person is
/// linked to one account at most.
pub fn set_person(tx: &Tx, id: i64, person_id: Option<i64>) -> Result<Account> {
    let before = by_id(tx, id)?.account;
    if let Some(person) = person_id {
        let name: Option<String> = tx
            .query_row("SELECT name FROM person WHERE id = ?1", [person], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(name) = name else {
            return Err(Error::invalid("关联职工", "请选择一名存在的职工"));
        };
        let other: Option<String> = tx
            .query_row(
                "SELECT name FROM account WHERE person_id = ?1 AND id <> ?2",
                params![person, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(Error::invalid(
                "关联职工",
                format!("{name}已关联账号“{other}”，一名职工只能关联一个账号"),
            ));
        }
    }
    tx.execute(
        "UPDATE account SET person_id = ?2 WHERE id = ?1",
        params![id, person_id],
    )?;
    let after = by_id(tx, id)?.account;
    tx.note(format!(
        "账号 {} 关联职工：{} → {}",
        before.name,
        before.person_name.as_deref().unwrap_or("无"),
        after.person_name.as_deref().unwrap_or("无")
    ));
    Ok(after)
}

/// Stops or allows an account's sign-in; the last active administrator cannot be stopped.
pub fn set_disabled(tx: &Tx, id: i64, disabled: bool) -> Result<Account> {
    let before = by_id(tx, id)?.account;
    if disabled && before.role == Role::Admin && admins_left(tx, id)? == 0 {
        return Err(
            AuthError::LastAdmin(format!("“{}”是唯一可用的管理员，不能停用", before.name)).into(),
        );
    }
    tx.execute(
        "UPDATE account SET disabled = ?2 WHERE id = ?1",
        params![id, disabled],
    )?;
    tx.note(format!(
        "账号 {} {}",
        before.name,
        if disabled { "停用" } else { "启用" }
    ));
    Ok(by_id(tx, id)?.account)
}

/// Sets a new password (by the administrator, or by the account itself after checking the old
/// one) and clears a lockout.
pub fn set_password(tx: &Tx, id: i64, password: &str) -> Result<()> {
    check_password(password)?;
    let name = by_id(tx, id)?.account.name;
    tx.execute(
        "UPDATE account SET password_hash = ?2, password_changed_at = ?3, failed_count = 0,
                locked_until = NULL
         WHERE id = ?1",
        params![id, hash(password)?, crate::db::now_text()],
    )?;
    tx.note(format!("账号 {name} 的密码已更换"));
    Ok(())
}

/// Whoever signed in: what the front doors keep for the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

impl Principal {
    pub fn actor(&self) -> Actor {
        Actor(self.name.clone())
    }
}

enum Outcome {
    Ok(Principal),
    Refused(AuthError),
}

/// Signs `name` in with `password` at `now`. Wrong passwords are counted; the
/// [`MAX_FAILURES`]th in a row locks the account for [`LOCK_MINUTES`] minutes, during which even
/// the right password is refused. Sign-ins, failures and lockouts are audited. `how` says where
/// (桌面、浏览器版、命令行) for the audit row.
pub fn sign_in(
    db: &mut Db,
    name: &str,
    password: &str,
    now: NaiveDateTime,
    how: &str,
) -> Result<Principal> {
    let name = name.trim().to_string();
    if !any(db.conn())? {
        return Err(AuthError::Setup.into());
    }
    let Some(found) = find(db.conn(), &name)? else {
        // An unknown name is refused as a wrong password is (not telling which names exist),
        // and audited.
        db.transact(&Actor(name.clone()), Action::SignInFailed, |tx| {
            tx.note(format!("{how}：没有这个账号"));
            Ok(())
        })?;
        return Err(AuthError::BadPassword { remaining: None }.into());
    };
    let actor = Actor(found.account.name.clone());
    if found.account.disabled {
        db.transact(&actor, Action::SignInFailed, |tx| {
            tx.note(format!("{how}：账号已停用"));
            Ok(())
        })?;
        return Err(AuthError::Disabled(found.account.name).into());
    }
    if let Some(until) = locked_until(&found.account, now) {
        return Err(AuthError::AccountLocked {
            name: found.account.name,
            until: datetime_text(until),
        }
        .into());
    }
    let ok = verify(password, &found.hash);
    let id = found.account.id;
    let outcome = if ok {
        db.transact(&actor, Action::SignIn, |tx| {
            tx.execute(
                "UPDATE account SET failed_count = 0, locked_until = NULL, last_sign_in_at = ?2
                 WHERE id = ?1",
                params![id, datetime_text(now)],
            )?;
            tx.note(how.to_string());
            Ok(())
        })?;
        Outcome::Ok(Principal {
            id,
            name: found.account.name,
            role: found.account.role,
        })
    } else {
        let failed = found.failed + 1;
        if failed >= MAX_FAILURES {
            let until = now + Duration::minutes(LOCK_MINUTES);
            db.transact(&actor, Action::AccountLockedOut, |tx| {
                tx.execute(
                    "UPDATE account SET failed_count = 0, locked_until = ?2 WHERE id = ?1",
                    params![id, datetime_text(until)],
                )?;
                tx.note(format!(
                    "{how}：密码连续输错 {MAX_FAILURES} 次，锁定至 {}",
                    datetime_text(until)
                ));
                Ok(())
            })?;
            Outcome::Refused(AuthError::AccountLocked {
                name: found.account.name,
                until: datetime_text(until),
            })
        } else {
            db.transact(&actor, Action::SignInFailed, |tx| {
                tx.execute(
                    "UPDATE account SET failed_count = ?2 WHERE id = ?1",
                    params![id, failed],
                )?;
                tx.note(format!("{how}：密码错误（连续第 {failed} 次）"));
                Ok(())
            })?;
            Outcome::Refused(AuthError::BadPassword {
                remaining: Some(MAX_FAILURES - failed),
            })
        }
    };
    match outcome {
        Outcome::Ok(p) => Ok(p),
        Outcome::Refused(e) => Err(e.into()),
    }
}

fn locked_until(account: &Account, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let until =
        NaiveDateTime::parse_from_str(account.locked_until.as_deref()?, DATETIME_FORMAT).ok()?;
    (now < until).then_some(until)
}

/// The account `id` as it is now (its role may have changed, or it may be stopped, since the
/// session began): None when it is gone or stopped.
pub fn current(conn: &Connection, id: i64) -> Result<Option<Principal>> {
    let Ok(r) = by_id(conn, id) else {
        return Ok(None);
    };
    Ok((!r.account.disabled).then_some(Principal {
        id,
        name: r.account.name,
        role: r.account.role,
    }))
}

/// Recovers access when the administrator's password is forgotten: sets the password of the
/// administrator `name` (creating it when there is no administrator of that name) and enables it.
/// Only `qungong account recover` calls this; it needs write access to the database file itself.
pub fn recover(db: &mut Db, name: &str, password: &str, os_user: &str) -> Result<Account> {
    let name = check_name(name)?;
    check_password(password)?;
    db.transact(
        &Actor(format!("{name}（本机用户 {os_user} 恢复）")),
        Action::AccountRecover,
        |tx| {
            let id = match find(tx, &name)? {
                Some(r) => {
                    tx.execute(
                        "UPDATE account SET role = 'admin', disabled = 0 WHERE id = ?1",
                        [r.account.id],
                    )?;
                    set_password(tx, r.account.id, password)?;
                    r.account.id
                }
                None => add(tx, &name, Role::Admin, password)?.id,
            };
            tx.note(format!(
                "本机用户 {os_user} 通过命令行恢复管理员 {name} 的密码"
            ));
            Ok(by_id(tx, id)?.account)
        },
    )
}

/// The 管理员 `name` of the database file `path` (a backup about to be restored while the live
/// database is damaged), checked with `password` without writing to the file. A file from
/// before accounts existed, or with none, has nobody to ask for: then anyone at the PC may
/// restore it (the data it holds was not protected by an account either).
pub fn admin_of_file(path: &std::path::Path, name: &str, password: &str) -> Result<Principal> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let has_accounts: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'account')",
        [],
        |r| r.get(0),
    )?;
    if !has_accounts || !any(&conn)? {
        return Ok(Principal {
            id: 0,
            name: if name.trim().is_empty() {
                "（备份中没有账号）".into()
            } else {
                name.trim().to_string()
            },
            role: Role::Admin,
        });
    }
    let found = find(&conn, name)?;
    match found {
        Some(r) if verify(password, &r.hash) => {
            if r.account.role != Role::Admin || r.account.disabled {
                return Err(AuthError::Forbidden.into());
            }
            Ok(Principal {
                id: r.account.id,
                name: r.account.name,
                role: Role::Admin,
            })
        }
        _ => Err(AuthError::BadPassword { remaining: None }.into()),
    }
}

#[cfg(test)]
mod tests;
