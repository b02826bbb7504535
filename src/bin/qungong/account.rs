//! `qungong account`: the first administrator, the accounts (管理员), and the recovery of a
//! forgotten administrator password, which needs write access to the database file itself.
//!
//! Passwords never come as arguments (they would stay in the shell's history and the process
//! list): from `QUNGONG_PASSWORD` (the signed-in account's), `QUNGONG_NEW_PASSWORD` (a password
//! being set), or a prompt that does not echo.

use clap::Subcommand;

use qungong::auth::{self, Need, Role};
use qungong::error::AuthError;
use qungong::{Action, Error, Result};

use crate::Context;
use crate::output::{out, table};

/// The signed-in account's password.
pub const PASSWORD_ENV: &str = "QUNGONG_PASSWORD";
/// A password being set (a new account's, a reset, the first administrator's when
/// `QUNGONG_PASSWORD` is not given).
pub const NEW_PASSWORD_ENV: &str = "QUNGONG_NEW_PASSWORD";
/// The account to act as, when `--user` is not given.
pub const USER_ENV: &str = "QUNGONG_USER";

#[derive(Subcommand)]
pub enum AccountCmd {
    /// 创建首个管理员账号（数据库还没有任何账号时；账号名取 --user，密码取环境变量或提示输入）
    Setup,
    /// 账号列表（管理员）
    List,
    /// 新增账号（管理员；密码取环境变量 QUNGONG_NEW_PASSWORD 或提示输入）
    Add {
        /// 账号名
        #[arg(value_name = "账号")]
        name: String,
        /// 角色：管理员、政工干部、查看
        #[arg(long, value_name = "角色", value_parser = role_arg)]
        role: Role,
    },
    /// 修改账号角色（管理员）
    Role {
        #[arg(value_name = "账号")]
        name: String,
        #[arg(value_name = "角色", value_parser = role_arg)]
        role: Role,
    },
    /// 重置账号密码（管理员；新密码取环境变量 QUNGONG_NEW_PASSWORD 或提示输入）
    Password {
        #[arg(value_name = "账号")]
        name: String,
    },
    /// 停用账号（管理员）
    Disable {
        #[arg(value_name = "账号")]
        name: String,
    },
    /// 启用账号（管理员）
    Enable {
        #[arg(value_name = "账号")]
        name: String,
    },
    /// 关联职工（管理员）：账号关联的职工能看到自己作为谈话人的谈心谈话内容
    Link {
        #[arg(value_name = "账号")]
        name: String,
        /// 职工的工号、身份证号或姓名
        #[arg(
            long,
            value_name = "职工",
            conflicts_with = "none",
            required_unless_present = "none"
        )]
        person: Option<String>,
        /// 取消关联
        #[arg(long)]
        none: bool,
    },
    /// 忘记管理员密码时：为管理员 <账号> 设新密码（需要能写数据库文件的本机用户；会记入审计）
    Recover {
        #[arg(value_name = "账号")]
        name: String,
    },
}

fn role_arg(s: &str) -> std::result::Result<Role, String> {
    Role::parse(s).map_err(|e| e.to_string())
}

/// A password from `env`, else asked for on the terminal without echo (twice when `confirm`).
pub fn password(env: &str, prompt: &str, confirm: bool) -> Result<String> {
    if let Ok(p) = std::env::var(env)
        && !p.is_empty()
    {
        return Ok(p);
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|e| {
            Error::invalid(
                "密码",
                format!("无法读取（可改用环境变量 {env} 提供）：{e}"),
            )
        })
    };
    let first = ask(prompt)?;
    if confirm && ask("再输入一次：")? != first {
        return Err(Error::invalid("密码", "两次输入的密码不一致"));
    }
    Ok(first)
}

fn new_password(prompt: &str) -> Result<String> {
    password(NEW_PASSWORD_ENV, prompt, true)
}

fn account_id(db: &qungong::Db, name: &str) -> Result<i64> {
    auth::list(db.conn())?
        .into_iter()
        .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
        .map(|a| a.id)
        .ok_or_else(|| Error::not_found("账号", name))
}

pub fn run(ctx: &Context, cmd: &AccountCmd) -> Result<()> {
    match cmd {
        AccountCmd::Setup => {
            let name = ctx.user.clone().ok_or_else(|| {
                Error::invalid(
                    "账号",
                    format!("请用 --user 或环境变量 {USER_ENV} 给出管理员账号名"),
                )
            })?;
            let mut db = ctx.open()?;
            if auth::any(db.conn())? {
                return Err(AuthError::AlreadySetUp.into());
            }
            let pw = match std::env::var(PASSWORD_ENV) {
                Ok(p) if !p.is_empty() => p,
                _ => new_password("管理员密码：")?,
            };
            let a = auth::setup(&mut db, &name, &pw)?;
            out(ctx.json, &a, || println!("已创建管理员账号“{}”", a.name));
        }
        AccountCmd::Recover { name } => {
            let mut db = ctx.open()?;
            let os_user = std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_else(|_| "未知".into());
            let pw = new_password("新密码：")?;
            let a = auth::recover(&mut db, name, &pw, &os_user)?;
            out(ctx.json, &a, || {
                println!("管理员“{}”的密码已重设（已记入审计）", a.name)
            });
        }
        AccountCmd::List => {
            ctx.require(Need::Admin)?;
            let db = ctx.open()?;
            let list = auth::list(db.conn())?;
            out(ctx.json, &list, || {
                table(
                    &["账号", "角色", "状态", "最近登录", "关联职工"],
                    list.iter().map(|a| {
                        vec![
                            a.name.clone(),
                            a.role.label().into(),
                            match (&a.disabled, &a.locked_until) {
                                (true, _) => "停用".into(),
                                (false, Some(t)) => format!("锁定至 {t}"),
                                _ => "正常".into(),
                            },
                            a.last_sign_in.clone().unwrap_or_default(),
                            a.person_name.clone().unwrap_or_default(),
                        ]
                    }),
                )
            });
        }
        AccountCmd::Add { name, role } => {
            ctx.require(Need::Admin)?;
            let mut db = ctx.open()?;
            let pw = new_password(&format!("账号“{name}”的密码："))?;
            let a = db.transact(&ctx.actor, Action::AccountAdd, |tx| {
                auth::add(tx, name, *role, &pw)
            })?;
            out(ctx.json, &a, || {
                println!("已新增账号“{}”（{}）", a.name, a.role.label())
            });
        }
        AccountCmd::Role { name, role } => {
            ctx.require(Need::Admin)?;
            let mut db = ctx.open()?;
            let id = account_id(&db, name)?;
            let a = db.transact(&ctx.actor, Action::AccountSetRole, |tx| {
                auth::set_role(tx, id, *role)
            })?;
            out(ctx.json, &a, || {
                println!("账号“{}”的角色改为{}", a.name, a.role.label())
            });
        }
        AccountCmd::Password { name } => {
            ctx.require(Need::Admin)?;
            let mut db = ctx.open()?;
            let id = account_id(&db, name)?;
            let pw = new_password(&format!("账号“{name}”的新密码："))?;
            db.transact(&ctx.actor, Action::AccountSetPassword, |tx| {
                auth::set_password(tx, id, &pw)
            })?;
            out(ctx.json, &serde_json::Value::Null, || {
                println!("账号“{name}”的密码已重置")
            });
        }
        AccountCmd::Link { name, person, .. } => {
            ctx.require(Need::Admin)?;
            let mut db = ctx.open()?;
            let id = account_id(&db, name)?;
            let person_id = match person {
                Some(key) => Some(crate::voice::person(db.conn(), "职工", key)?.id),
                None => None,
            };
            let a = db.transact(&ctx.actor, Action::AccountSetPerson, |tx| {
                auth::set_person(tx, id, person_id)
            })?;
            out(ctx.json, &a, || match &a.person_name {
                Some(p) => println!("账号“{}”已关联职工{p}", a.name),
                None => println!("账号“{}”已取消关联职工", a.name),
            });
        }
        AccountCmd::Disable { name } | AccountCmd::Enable { name } => {
            ctx.require(Need::Admin)?;
            let disabled = matches!(cmd, AccountCmd::Disable { .. });
            let mut db = ctx.open()?;
            let id = account_id(&db, name)?;
            let a = db.transact(&ctx.actor, Action::AccountSetDisabled, |tx| {
                auth::set_disabled(tx, id, disabled)
            })?;
            out(ctx.json, &a, || {
                println!(
                    "账号“{}”已{}",
                    a.name,
                    if a.disabled { "停用" } else { "启用" }
                )
            });
        }
    }
    Ok(())
}
