//! `qungong`: the command-line face of the core. Every command parses its arguments, calls the
//! same core functions the desktop app calls, and prints a Chinese table (or JSON with --json).
//! Errors go to stderr in Chinese with a non-zero exit; a failed command writes nothing.
//!
//! This file holds the top level (global options, parsing, dispatch); each command group has
//! its own file with its arguments and its `run`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use qungong::{Actor, Db, Result};

mod account;
mod activity;
mod args;
mod attendance;
mod audit;
mod backup;
mod concern;
mod contact;
mod demo;
mod eval;
mod eval_marks;
mod eval_round;
mod export;
mod honour;
mod import;
mod opinion;
mod output;
mod person;
mod print;
mod recognition;
#[cfg(feature = "serve")]
mod serve;
mod setting;
mod structure;
mod talk;
mod unit;
mod voice;

use output::out;

#[derive(Parser)]
#[command(
    name = "qungong",
    about = "群工台：职工档案、群众活动、签到与出勤统计（命令行）",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// 数据库文件（默认取环境变量 QUNGONG_DB，否则为数据目录下的 qungong/qungong.db）
    #[arg(long, global = true, value_name = "文件")]
    db: Option<PathBuf>,
    /// 以 JSON 输出（便于脚本处理）
    #[arg(long, global = true)]
    json: bool,
    /// 以哪个账号操作（默认取环境变量 QUNGONG_USER）；密码取环境变量 QUNGONG_PASSWORD，否则提示输入
    #[arg(long, global = true, value_name = "账号")]
    user: Option<String>,
    /// 显示帮助
    #[arg(short = 'h', long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// 创建数据库（已存在则检查并升级结构）
    Init,
    /// 在空数据库中生成演示数据
    Demo(demo::DemoArgs),
    /// 单位：新增、列表、更名、移动、删除
    #[command(subcommand)]
    Unit(unit::UnitCmd),
    /// 职工档案：列表、新增、查看、修改、离职、办理退休
    #[command(subcommand)]
    Person(person::PersonCmd),
    /// 活动：列表、新增、查看、修改、取消、小结
    #[command(subcommand)]
    Activity(activity::ActivityCmd),
    /// 邀请人员进入活动的应到名单（按单位、条件或个人），或移出名单
    Invite(attendance::InviteArgs),
    /// 签到（按工号）
    Checkin(attendance::CheckinArgs),
    /// 考勤：签到表、设置状态、出勤率、未出席名单
    #[command(subcommand)]
    Attendance(attendance::AttendanceCmd),
    /// 队伍结构：年龄金字塔、学历职称技能分布、指标、预警、今后退休人员
    Structure(structure::StructureArgs),
    /// 群众诉求：受理、交办、答复、办结（满意度）、上报，诉求分类
    #[command(subcommand)]
    Concern(concern::ConcernCmd),
    /// 思想动态与舆情：登记、研判、上报
    #[command(subcommand)]
    Opinion(opinion::OpinionCmd),
    /// 领导班子联系点：联系点、走访计划、走访记录、季度覆盖情况
    #[command(subcommand)]
    Contact(contact::ContactCmd),
    /// 谈心谈话：登记、列表、覆盖率
    #[command(subcommand)]
    Talk(talk::TalkCmd),
    /// 职工思想动态分析报告：统计数据、保存、删除
    #[command(subcommand)]
    Report(voice::ReportCmd),
    /// 考核评价：指标体系、考核（打分、民主测评、结果、反馈、公布）、历次考核
    #[command(subcommand)]
    Eval(eval::EvalCmd),
    /// 推优评先：资格条件、推荐、投票、公示、确认并登记荣誉
    #[command(subcommand)]
    Recognition(recognition::RecognitionCmd),
    /// 荣誉：列表、登记、删除
    #[command(subcommand)]
    Honour(honour::HonourCmd),
    /// 打印：签到表、考勤表、花名册、活动台账、出勤统计、诉求上报单、分析报告、考核结果与反馈、民主测评表、推优公示、荣誉名册（A4 PDF）
    #[command(subcommand)]
    Print(print::PrintCmd),
    /// 导入 Excel / WPS / CSV：职工花名册、线上会议签到
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// 导出 Excel：职工名单、考勤、出勤率、活动列表、活动台账、队伍结构、党群沟通各列表、考核结果、推优候选人、荣誉（.xlsx）
    #[command(subcommand)]
    Export(export::ExportCmd),
    /// 设置：查看或修改（如打印字体 pdf_font）
    #[command(subcommand)]
    Setting(setting::SettingCmd),
    /// 操作日志（最近的写入记录）
    Audit(audit::AuditArgs),
    /// 备份与恢复：立即备份、列出备份、从备份恢复
    #[command(subcommand)]
    Backup(backup::BackupCmd),
    /// 账号：创建首个管理员、新增、角色、重置密码、停用，及忘记管理员密码时的恢复
    #[command(subcommand)]
    Account(account::AccountCmd),
    /// 浏览器版：在本机启动群工台并用浏览器打开（只有本机能访问）
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// What every command gets from the global options.
pub struct Context {
    db: Option<PathBuf>,
    pub json: bool,
    /// Who acts: the signed-in account.
    pub actor: Actor,
    /// The account named with --user / QUNGONG_USER.
    pub user: Option<String>,
    /// The signed-in account's role (None only for the commands that need no account).
    pub role: Option<qungong::auth::Role>,
    /// The database is damaged, so nobody could sign in to it: only `backup list` and
    /// `backup restore` (by a 管理员 of the backup) run then.
    pub damaged: bool,
}

impl Context {
    /// The database path given with --db, if any.
    pub fn db(&self) -> Option<&std::path::Path> {
        self.db.as_deref()
    }

    /// Opens the database; every write through it is checked against the account's role.
    pub fn open(&self) -> Result<Db> {
        let mut db = Db::open(qungong::db::resolve_path(self.db.as_deref()))?;
        db.set_role(self.role);
        Ok(db)
    }

    /// Refused (无权限执行此操作) unless the account's role allows `need`.
    pub fn require(&self, need: qungong::auth::Need) -> Result<()> {
        match self.role {
            Some(r) if r.allows(need) => Ok(()),
            _ => Err(qungong::error::AuthError::Forbidden.into()),
        }
    }

    /// Full personal numbers: a 政工干部 or 管理员 only, and audited.
    pub fn reveal(&self, what: &str) -> Result<()> {
        self.require(qungong::auth::Need::Edit)?;
        self.open()?
            .transact(&self.actor, qungong::Action::RevealNumbers, |tx| {
                tx.note(format!("命令行：{what}"));
                Ok(())
            })
    }
}

/// Windows has no SIGPIPE: when the reader of a pipe goes away (`qungong … | more` quit early),
/// the next print panics with "failed printing to stdout: … (os error 232)". Stop quietly
/// instead, as on Unix; any other panic is reported as before.
#[cfg(windows)]
fn stop_quietly_when_the_pipe_closes() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        // 109 ERROR_BROKEN_PIPE, 232 ERROR_NO_DATA, 233 ERROR_PIPE_NOT_CONNECTED.
        let pipe_gone = ["(os error 109)", "(os error 232)", "(os error 233)"]
            .iter()
            .any(|code| message.contains(code));
        if message.starts_with("failed printing to stdout") && pipe_gone {
            std::process::exit(0);
        }
        report(info);
    }));
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, which turns `qungong … | head` into a panic on the next print;
    // a command-line tool should simply stop, as other Unix tools do.
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    #[cfg(windows)]
    stop_quietly_when_the_pipe_closes();
    let cli = match parse_cli() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: on a full disk stderr itself may fail, and the exit code must
            // still say what happened.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "错误：{e}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the command line with Chinese help headings and Chinese usage errors.
fn parse_cli() -> Result<Cli, ExitCode> {
    fn localize(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd
            .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    "参数"
                } else {
                    "选项"
                };
                a.help_heading(heading)
            });
        for name in names {
            cmd = cmd.mut_subcommand(name, localize);
        }
        cmd
    }
    let matches = localize(Cli::command()).try_get_matches();
    let result = matches.and_then(|m| Cli::from_arg_matches(&m));
    result.map_err(|e| {
        match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                let _ = e.print();
                return ExitCode::from(2);
            }
            _ => {}
        }
        eprintln!("错误：{}（用 --help 查看用法）", usage_error(&e));
        ExitCode::from(2)
    })
}

/// clap's own number parsers answer in English ("-5 is not in 0..=4294967295", "invalid
/// digit found in string"); our value parsers already answer in Chinese and pass through.
fn number_reason(reason: &str) -> String {
    if let Some((value, range)) = reason.split_once(" is not in ") {
        let (low, high) = range.split_once("..=").unwrap_or((range, ""));
        return if low == "0" && value.starts_with('-') {
            format!("“{value}”不能为负数")
        } else if high.is_empty() || high.len() >= 10 {
            format!("“{value}”应不小于 {low}")
        } else {
            format!("“{value}”应在 {low} 到 {high} 之间")
        };
    }
    match reason {
        "invalid digit found in string" => "应为整数".into(),
        "cannot parse integer from empty string" => "不能为空".into(),
        "number too large to fit in target type" => "数值过大".into(),
        "number too small to fit in target type" => "数值过小".into(),
        "invalid float literal" => "应为数字".into(),
        other => other.to_string(),
    }
}

fn usage_error(e: &clap::Error) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数 {arg}"),
        ErrorKind::InvalidValue => format!(
            "参数 {arg} 的值“{}”无效，可填：{}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(|s| number_reason(&s.to_string()))
                .unwrap_or_default();
            format!("参数 {arg}：{reason}")
        }
        ErrorKind::ArgumentConflict => {
            format!("参数 {arg} 不能与 {} 同时使用", ctx(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数过多或重复：{arg}")
        }
        _ => format!(
            "命令行有误：{}",
            e.render().to_string().lines().next().unwrap_or("")
        ),
    }
}

fn run(cli: Cli) -> Result<()> {
    let user = cli
        .user
        .or_else(|| std::env::var(account::USER_ENV).ok())
        .filter(|u| !u.trim().is_empty());
    let mut ctx = Context {
        db: cli.db,
        json: cli.json,
        actor: Actor(user.clone().unwrap_or_else(|| "（未登录）".into())),
        user,
        role: None,
        damaged: false,
    };
    // Every command acts as a signed-in account, with the same checks as the app, except
    // creating the database, the first administrator, the recovery (which needs write access
    // to the file itself) and browser mode (whose page signs in).
    let open = matches!(
        cli.command,
        Command::Init
            | Command::Account(account::AccountCmd::Setup | account::AccountCmd::Recover { .. })
    );
    #[cfg(feature = "serve")]
    let open = open || matches!(cli.command, Command::Serve(_));
    // On a damaged database the backups can still be listed and restored.
    let rescue = matches!(
        cli.command,
        Command::Backup(backup::BackupCmd::List { .. } | backup::BackupCmd::Restore { .. })
    );
    if !open {
        match sign_in(&mut ctx) {
            Err(e) if rescue && e.code() == "db.damaged" => ctx.damaged = true,
            signed => signed?,
        }
    }
    match cli.command {
        Command::Init => init(&ctx),
        Command::Demo(args) => demo::run(&ctx, &args),
        Command::Unit(cmd) => unit::run(&ctx, &cmd),
        Command::Person(cmd) => person::run(&ctx, &cmd),
        Command::Activity(cmd) => activity::run(&ctx, &cmd),
        Command::Invite(args) => attendance::invite(&ctx, &args),
        Command::Checkin(args) => attendance::check_in(&ctx, &args),
        Command::Attendance(cmd) => attendance::run(&ctx, &cmd),
        Command::Structure(args) => structure::run(&ctx, &args),
        Command::Concern(cmd) => concern::run(&ctx, &cmd),
        Command::Opinion(cmd) => opinion::run(&ctx, &cmd),
        Command::Contact(cmd) => contact::run(&ctx, &cmd),
        Command::Talk(cmd) => talk::run(&ctx, &cmd),
        Command::Report(cmd) => voice::run_report(&ctx, &cmd),
        Command::Eval(cmd) => eval::run(&ctx, &cmd),
        Command::Recognition(cmd) => recognition::run(&ctx, &cmd),
        Command::Honour(cmd) => honour::run(&ctx, &cmd),
        Command::Print(cmd) => print::run(&ctx, &cmd),
        Command::Import(cmd) => import::run(&ctx, &cmd),
        Command::Export(cmd) => export::run(&ctx, &cmd),
        Command::Setting(cmd) => setting::run(&ctx, &cmd),
        Command::Audit(args) => audit::run(&ctx, &args),
        Command::Backup(cmd) => backup::run(&ctx, &cmd),
        Command::Account(cmd) => account::run(&ctx, &cmd),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&ctx, &args),
    }
}

/// Signs the account of --user / QUNGONG_USER in, with the password from QUNGONG_PASSWORD or a
/// prompt: wrong passwords count towards the lockout as in the app.
fn sign_in(ctx: &mut Context) -> Result<()> {
    let mut db = ctx.open()?;
    if !qungong::auth::any(db.conn())? {
        return Err(qungong::Error::invalid(
            "账号",
            "数据库还没有账号：请先创建管理员，例如 QUNGONG_USER=管理员名 qungong account setup",
        ));
    }
    let Some(user) = ctx.user.clone() else {
        return Err(qungong::Error::invalid(
            "账号",
            format!(
                "请用 --user 指定账号（或设置环境变量 {}）",
                account::USER_ENV
            ),
        ));
    };
    let password = account::password(
        account::PASSWORD_ENV,
        &format!("账号“{user}”的密码："),
        false,
    )?;
    let who = qungong::auth::sign_in(&mut db, &user, &password, qungong::db::now(), "命令行")?;
    ctx.actor = who.actor();
    ctx.role = Some(who.role);
    Ok(())
}

/// Opening the database creates or migrates it; that is all `init` asks for.
fn init(ctx: &Context) -> Result<()> {
    let db = ctx.open()?;
    let version = db.schema_version()?;
    out(
        ctx.json,
        &serde_json::json!({"path": db.path(), "schema_version": version}),
        || {
            println!(
                "数据库已就绪：{}（结构版本 {version}）",
                db.path().display()
            );
        },
    );
    Ok(())
}
