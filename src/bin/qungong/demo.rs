//! `qungong demo`: fills an empty database with a made-up branch or city company.

use std::time::Instant;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use qungong::{Result, demo};

use crate::Context;
use crate::args::date_arg;
use crate::output::out;

#[derive(Args)]
pub struct DemoArgs {
    /// 规模：branch（基层单位，约 300 人）或 city（地市公司，约 1 万人）
    #[arg(long, value_enum, default_value = "branch", value_name = "规模")]
    scale: ScaleArg,
    /// 随机种子：相同种子生成相同数据
    #[arg(long, default_value_t = 1, value_name = "种子")]
    seed: u64,
    /// 数据截止日（默认今天）：此前三年的活动已开展，此后约两个月为计划
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日"))]
    today: Option<NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScaleArg {
    Branch,
    City,
}

pub fn run(ctx: &Context, args: &DemoArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let scale = match args.scale {
        ScaleArg::Branch => demo::Scale::Branch,
        ScaleArg::City => demo::Scale::City,
    };
    let today = args.today.unwrap_or_else(qungong::db::today);
    let started = Instant::now();
    let summary = db.transact(&ctx.actor, qungong::Action::Demo, |tx| {
        demo::generate(tx, scale, args.seed, today)
    })?;
    let seconds = started.elapsed().as_secs_f64();
    out(
        ctx.json,
        &serde_json::json!({"summary": summary, "seconds": seconds}),
        || {
            println!(
                "已生成演示数据：{} 个单位，{} 名职工，{} 项活动，{} 条签到记录，\
                 {} 件群众诉求，{} 次谈心谈话，{} 次联系点走访，{} 条思想动态，\
                 {} 轮考核（{} 人次），{} 轮推优评先，{} 项荣誉，用时 {seconds:.2} 秒",
                summary.units,
                summary.people,
                summary.activities,
                summary.attendance_rows,
                summary.concerns,
                summary.talks,
                summary.visits,
                summary.opinions,
                summary.eval_rounds,
                summary.eval_subjects,
                summary.recognition_rounds,
                summary.honours
            );
        },
    );
    Ok(())
}
