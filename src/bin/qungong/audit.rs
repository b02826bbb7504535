//! `qungong audit`: the latest rows of the audit trail (管理员), with the fields each write
//! changed.

use clap::Args;

use qungong::Result;
use qungong::audit::{self, AuditQuery};

use crate::Context;
use crate::output::{out, table};

#[derive(Args)]
pub struct AuditArgs {
    /// 显示条数
    #[arg(long, default_value_t = 20, value_name = "条数")]
    limit: u32,
    /// 只看这个操作人
    #[arg(long, value_name = "账号")]
    actor: Option<String>,
    /// 只看这种操作（如 person.edit）
    #[arg(long, value_name = "操作")]
    action: Option<String>,
}

pub fn run(ctx: &Context, args: &AuditArgs) -> Result<()> {
    ctx.require(qungong::auth::Need::Admin)?;
    let db = ctx.open()?;
    let page = audit::list(
        db.conn(),
        &AuditQuery {
            actor: args.actor.clone(),
            action: args.action.clone(),
            limit: args.limit.into(),
            ..Default::default()
        },
    )?;
    out(ctx.json, &page, || {
        table(
            &["时间", "操作人", "操作", "内容", "改动"],
            page.rows.iter().map(|e| {
                let changes: Vec<String> = e.changes.iter().map(audit::change_text).collect();
                vec![
                    e.at.clone(),
                    e.actor.clone(),
                    format!("{}（{}）", e.action_label, e.action),
                    e.detail.clone(),
                    changes.join("\n"),
                ]
            }),
        )
    });
    Ok(())
}
