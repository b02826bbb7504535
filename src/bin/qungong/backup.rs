//! `qungong backup`: 备份与恢复 — a backup now (to the backup folder or another one, e.g. a USB
//! stick), the list of backups, and a restore. `list` and `restore` work on a damaged database
//! (they never open it through `Db::open`), so that a broken file can be replaced.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use qungong::auth::{self, Need};
use qungong::backup::{self, BackupInfo, BackupKind};
use qungong::{Action, Result};

use crate::Context;
use crate::output::{key_values, out, table};

#[derive(Subcommand)]
pub enum BackupCmd {
    /// 立即备份（存到数据库旁的“备份”文件夹，或设置 backup.dir 指定的文件夹）
    Now {
        /// 存到这个文件夹（如 U 盘）
        #[arg(long, value_name = "文件夹")]
        to: Option<PathBuf>,
    },
    /// 列出备份（最新的在前）
    List {
        /// 列出这个文件夹中的备份（默认为备份文件夹）
        #[arg(long, value_name = "文件夹")]
        dir: Option<PathBuf>,
    },
    /// 从备份恢复：检查备份后替换当前数据库（当前数据库先另存为“恢复前”备份）
    Restore {
        /// 备份文件（见 qungong backup list）
        #[arg(value_name = "备份文件")]
        file: PathBuf,
        /// 不再询问，直接恢复
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(ctx: &Context, cmd: &BackupCmd) -> Result<()> {
    let db_path = qungong::db::resolve_path(ctx.db());
    match cmd {
        BackupCmd::Now { to } => {
            ctx.require(Need::Admin)?;
            // Opened first: a damaged or too new database is refused with its own message.
            let db = ctx.open()?;
            let info = backup::make(db.path(), to.as_deref(), BackupKind::Manual)?;
            let mut db = db;
            db.transact(&ctx.actor, Action::BackupMake, |tx| {
                tx.note(format!("命令行：备份到 {}", info.path.display()));
                Ok(())
            })?;
            drop(db);
            let removed = if to.is_none() {
                backup::thin(&backup::dir_for(&db_path))
            } else {
                Vec::new()
            };
            out(
                ctx.json,
                &serde_json::json!({"backup": info, "removed": removed}),
                || {
                    println!("已备份到 {}", info.path.display());
                    println!("{}", summary(&info));
                    if !removed.is_empty() {
                        println!("按保留规则删除了 {} 个较早的自动备份", removed.len());
                    }
                },
            );
        }
        BackupCmd::List { dir } => {
            if !ctx.damaged {
                ctx.require(Need::Admin)?;
            }
            let dir = dir.clone().unwrap_or_else(|| backup::dir_for(&db_path));
            let list = backup::list(&dir);
            out(ctx.json, &list, || {
                println!("备份文件夹：{}", dir.display());
                table(
                    &[
                        "时间",
                        "类别",
                        "文件",
                        "大小",
                        "结构版本",
                        "职工",
                        "活动",
                        "签到记录",
                        "状态",
                    ],
                    list.iter().map(|b| {
                        vec![
                            b.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                            b.kind.label().to_string(),
                            b.file.clone(),
                            size(b.size_bytes),
                            if b.ok {
                                b.schema_version.to_string()
                            } else {
                                String::new()
                            },
                            count(b, b.people),
                            count(b, b.activities),
                            count(b, b.attendance),
                            status(b),
                        ]
                    }),
                );
            });
        }
        BackupCmd::Restore { file, yes } => restore(ctx, &db_path, file, *yes)?,
    }
    Ok(())
}

fn restore(ctx: &Context, db_path: &Path, file: &Path, yes: bool) -> Result<()> {
    // A 管理员 of this database, or, when it is damaged and nobody can sign in to it, of the
    // backup being restored.
    let actor = if ctx.damaged {
        let name = ctx.user.clone().unwrap_or_default();
        let pw = crate::account::password(
            crate::account::PASSWORD_ENV,
            &format!("备份中管理员“{name}”的密码："),
            false,
        )?;
        auth::admin_of_file(file, &name, &pw)?.actor()
    } else {
        ctx.require(Need::Admin)?;
        ctx.actor.clone()
    };
    if ctx.json && !yes {
        return Err(qungong::Error::invalid(
            "恢复",
            "以 --json 运行时请加 --yes 确认恢复；数据库未作改动",
        ));
    }
    let candidate = backup::verify(file);
    if !yes {
        key_values(&[
            ("备份文件", candidate.path.display().to_string()),
            (
                "备份时间",
                candidate.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            ),
            ("结构版本", candidate.schema_version.to_string()),
            (
                "内容",
                format!(
                    "{} 名职工，{} 项活动，{} 条签到记录",
                    candidate.people, candidate.activities, candidate.attendance
                ),
            ),
            ("检查", status(&candidate)),
            ("将替换", db_path.display().to_string()),
        ]);
        if candidate.ok {
            println!(
                "恢复后，当前数据库中在此备份之后的修改将不再显示（当前数据库会先另存为“恢复前”备份）。"
            );
            println!("确认恢复请输入“是”，其他任何输入取消：");
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if !matches!(answer.trim(), "是" | "y" | "Y" | "yes") {
                println!("已取消，数据库未作改动");
                return Ok(());
            }
        }
    }
    // (A backup that fails its check is refused by restore itself, with the reason.)
    let done = backup::restore(db_path, file)?;
    let before = done
        .before
        .as_ref()
        .map(|b| format!("，恢复前的数据已存为 {}", b.file))
        .unwrap_or_default();
    qungong::Db::open(db_path)?.transact(&actor, Action::BackupRestore, |tx| {
        tx.note(format!("命令行：从备份 {} 恢复{before}", done.from.file));
        Ok(())
    })?;
    out(ctx.json, &done, || {
        println!("已从备份恢复：{}", done.from.path.display());
        println!("{}", summary(&done.from));
        if let Some(before) = &done.before {
            println!("恢复前的数据库已另存为 {}", before.path.display());
        }
    });
    Ok(())
}

fn summary(b: &BackupInfo) -> String {
    format!(
        "结构版本 {}，{} 名职工，{} 项活动，{} 条签到记录，{}",
        b.schema_version,
        b.people,
        b.activities,
        b.attendance,
        size(b.size_bytes)
    )
}

fn count(b: &BackupInfo, n: i64) -> String {
    if b.ok { n.to_string() } else { String::new() }
}

fn status(b: &BackupInfo) -> String {
    if b.ok {
        "完好".into()
    } else {
        format!("不可用：{}", b.reason.as_deref().unwrap_or("无法读取"))
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
