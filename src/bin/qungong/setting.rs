//! `qungong setting`: the key-value settings (the print font, the structure thresholds …).

use clap::Subcommand;

use qungong::{Result, settings};

use crate::Context;
use crate::output::out;

#[derive(Subcommand)]
pub enum SettingCmd {
    /// 查看设置
    Get {
        #[arg(value_name = "名称")]
        key: String,
    },
    /// 修改设置（值为空则清除）
    Set {
        #[arg(value_name = "名称")]
        key: String,
        #[arg(value_name = "值")]
        value: String,
    },
}

pub fn run(ctx: &Context, cmd: &SettingCmd) -> Result<()> {
    let mut db = ctx.open()?;
    match cmd {
        SettingCmd::Get { key } => {
            let value = settings::get(db.conn(), key)?;
            out(
                ctx.json,
                &serde_json::json!({ "key": key, "value": value }),
                || println!("{key} = {}", value.as_deref().unwrap_or("（未设置）")),
            );
        }
        SettingCmd::Set { key, value } => {
            db.transact(&ctx.actor, qungong::Action::SettingSet, |tx| {
                settings::set(tx, key, value)
            })?;
            out(
                ctx.json,
                &serde_json::json!({ "key": key, "value": value }),
                || println!("已保存设置 {key}"),
            );
        }
    }
    Ok(())
}
