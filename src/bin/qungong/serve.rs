//! `qungong serve`: browser mode (src/serve): the app in the PC's own browser.

use std::time::Duration;

use clap::Args;
use qungong::Result;
use qungong::serve::{self, Options};

use crate::Context;

#[derive(Args)]
pub struct ServeArgs {
    /// 端口（默认自动选一个空闲端口）
    #[arg(long, default_value_t = 0, value_name = "端口")]
    port: u16,
    /// 不自动打开浏览器（只显示地址）
    #[arg(long)]
    no_browser: bool,
    /// 没有页面打开多少分钟后自动停止
    #[arg(long, default_value_t = 5, value_name = "分钟", value_parser = clap::value_parser!(u64).range(1..=1440))]
    idle_minutes: u64,
}

pub fn run(ctx: &Context, args: &ServeArgs) -> Result<()> {
    let opts = Options {
        db: qungong::db::resolve_path(ctx.db()),
        port: args.port,
        open_browser: !args.no_browser,
        idle: Duration::from_secs(args.idle_minutes * 60),
    };
    let idle = args.idle_minutes;
    let mut announce = |url: &str| {
        println!("群工台（浏览器版）已启动：{url}");
        println!("数据库：{}", opts.db.display());
        println!(
            "请在浏览器中使用（只有本机能访问）。停止：页面右上角“退出”，或在此按 Ctrl+C；\
             所有页面关闭 {idle} 分钟后自动停止。"
        );
    };
    if let Some(url) = serve::run(&opts, &mut announce)? {
        println!("群工台（浏览器版）已在运行，已打开：{url}");
    } else {
        println!("群工台（浏览器版）已停止。");
    }
    Ok(())
}
