//! `qungong audit`: the latest rows of the append-only audit log.

use clap::Args;

use qungong::Result;

use crate::Context;
use crate::output::{out, table};

#[derive(Args)]
pub struct AuditArgs {
    /// 显示条数
    #[arg(long, default_value_t = 20, value_name = "条数")]
    limit: u32,
}

pub fn run(ctx: &Context, args: &AuditArgs) -> Result<()> {
    let db = ctx.open()?;
    let log = qungong::db::audit_log(db.conn(), args.limit)?;
    out(ctx.json, &log, || {
        table(
            &["时间", "操作人", "操作", "内容"],
            log.iter().map(|e| {
                vec![
                    e.at.clone(),
                    e.actor.clone(),
                    e.action.clone(),
                    e.detail.clone(),
                ]
            }),
        )
    });
    Ok(())
}
