//! `qungong print`: the A4 PDF documents (sign-in sheet, attendance sheet, activity record,
//! roster, activity ledger, structure report, attendance statistics, and those of 考核评价:
//! results, feedback forms, 民主测评 sheets, the 公示 notice, the honours list).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use qungong::collate::NameOrder;
use qungong::evaluation::round;
use qungong::pdf::StatsTab;
use qungong::pdf::job::{self as printing, PrintChoices, PrintJob};
use qungong::{Error, Result, units};

use crate::Context;
use crate::args::{AnalysisArgs, RateScope, date_arg, order_arg};
use crate::honour::HonourFilterArgs;
use crate::output::out;

#[derive(Subcommand)]
pub enum PrintCmd {
    /// 签到表（活动前打印，签名栏留空）
    SignInSheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 考勤表（活动后打印，含签到状态与出勤率）
    AttendanceSheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 活动记录（活动情况、出勤、小结、附件清单和照片，供台账检查）
    ActivityRecord {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 花名册（单位及下级的在职职工）
    Roster {
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 加印身份证号（默认打码，加 --full 显示完整号码）
        #[arg(long)]
        id_number: bool,
        /// 加印手机号（默认打码，加 --full 显示完整号码）
        #[arg(long)]
        phone: bool,
        /// 身份证号和手机号不打码
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 活动台账（单位及下级在期间内组织的活动）
    Ledger {
        #[arg(long, value_name = "单位")]
        unit: String,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 队伍结构分析报告（指标、预警、年龄金字塔、分布、趋势与预测、今后退休人员）
    Structure {
        #[command(flatten)]
        analysis: AnalysisArgs,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 出勤统计表（按单位、按人员、按活动类型或未出勤名单，统计期内已开展的活动）
    AttendanceStats {
        /// unit（按单位）、person（按人员）、kind（按活动类型）或 absent（未出勤名单）
        #[arg(long, value_enum, value_name = "维度")]
        tab: Tab,
        #[command(flatten)]
        scope: RateScope,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 群众诉求上报单
    ConcernEscalation {
        #[arg(value_name = "诉求编号")]
        id: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 职工思想动态分析报告（已保存的报告，统计数据按当前计算）
    OpinionReport {
        #[arg(value_name = "报告编号")]
        id: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 考核结果汇总表（按名次，含各项指标得分）
    EvalResults {
        #[arg(value_name = "考核编号")]
        round: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 考核反馈表（每名考核对象一页；--person 只印一人）
    EvalFeedback {
        #[arg(value_name = "考核编号")]
        round: i64,
        /// 考核对象（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: Option<String>,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 民主测评表（空白，供会上填写；加 --filled 印已录入的票数）
    BallotSheet {
        #[arg(value_name = "考核编号")]
        round: i64,
        /// 印出已录入的票数
        #[arg(long)]
        filled: bool,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 推优评先公示
    RecognitionNotice {
        #[arg(value_name = "评选编号")]
        round: i64,
        #[command(flatten)]
        common: PrintArgs,
    },
    /// 荣誉名册（条件同 honour list）
    Honours {
        #[command(flatten)]
        filter: HonourFilterArgs,
        #[command(flatten)]
        common: PrintArgs,
    },
}

/// The tabs of 出勤统计 (`--tab`).
#[derive(Clone, Copy, ValueEnum)]
pub enum Tab {
    Unit,
    Person,
    Kind,
    Absent,
}

impl From<Tab> for StatsTab {
    fn from(t: Tab) -> StatsTab {
        match t {
            Tab::Unit => StatsTab::Unit,
            Tab::Person => StatsTab::Person,
            Tab::Kind => StatsTab::Kind,
            Tab::Absent => StatsTab::Absent,
        }
    }
}

#[derive(Args)]
pub struct PrintArgs {
    /// 输出的 PDF 文件
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: PathBuf,
    /// 姓名排序：stroke（姓氏笔画，默认）、pinyin（拼音）、unit（单位）、employee-no（工号）
    #[arg(long, default_value = "stroke", value_name = "排序", value_parser = order_arg)]
    order: NameOrder,
    /// 中文字体文件（.ttf / .otf / .ttc）；不填则用“设置”中的字体或系统字体
    #[arg(long, value_name = "字体文件")]
    font: Option<PathBuf>,
}

pub fn run(ctx: &Context, cmd: &PrintCmd) -> Result<()> {
    if let PrintCmd::Roster { full: true, .. } = cmd {
        ctx.reveal("打印花名册（完整号码）")?;
    }
    let db = ctx.open()?;
    let conn = db.conn();
    let (job, common, choices) = match cmd {
        PrintCmd::SignInSheet { activity, common } => (
            PrintJob::SignInSheet {
                activity_id: *activity,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::AttendanceSheet { activity, common } => (
            PrintJob::AttendanceSheet {
                activity_id: *activity,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::ActivityRecord { activity, common } => (
            PrintJob::ActivityRecord {
                activity_id: *activity,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::Roster {
            unit,
            id_number,
            phone,
            full,
            common,
        } => (
            PrintJob::Roster {
                unit_id: units::resolve(conn, unit)?,
            },
            common,
            PrintChoices {
                show_id_number: *id_number,
                show_phone: *phone,
                unmask: *full,
                ..Default::default()
            },
        ),
        PrintCmd::Ledger {
            unit,
            from,
            to,
            common,
        } => (
            PrintJob::Ledger {
                unit_id: units::resolve(conn, unit)?,
                from: *from,
                to: *to,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::Structure { analysis, common } => {
            let q = analysis.scope.query(conn)?;
            (
                PrintJob::Structure {
                    unit_id: q.unit_id,
                    population: q.population,
                    as_of: q.as_of,
                    years: analysis.years,
                },
                common,
                PrintChoices::default(),
            )
        }
        PrintCmd::AttendanceStats { tab, scope, common } => {
            let q = scope.query(conn)?;
            (
                PrintJob::AttendanceStats {
                    tab: (*tab).into(),
                    from: q.from,
                    to: q.to,
                    unit_id: q.unit_id,
                    kinds: q.kinds,
                },
                common,
                PrintChoices::default(),
            )
        }
        PrintCmd::ConcernEscalation { id, common } => (
            PrintJob::ConcernEscalation { concern_id: *id },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::OpinionReport { id, common } => (
            PrintJob::OpinionReport { report_id: *id },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::EvalResults { round, common } => (
            PrintJob::EvalResults { round_id: *round },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::EvalFeedback {
            round,
            person,
            common,
        } => {
            let person_id = match person {
                Some(key) => {
                    let d = round::get(conn, *round, qungong::db::now())?;
                    Some(crate::eval_round::subject(conn, &d, key)?.person_id)
                }
                None => None,
            };
            (
                PrintJob::EvalFeedback {
                    round_id: *round,
                    person_id,
                },
                common,
                PrintChoices::default(),
            )
        }
        PrintCmd::BallotSheet {
            round,
            filled,
            common,
        } => (
            PrintJob::BallotSheet {
                round_id: *round,
                filled: *filled,
            },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::RecognitionNotice { round, common } => (
            PrintJob::RecognitionNotice { round_id: *round },
            common,
            PrintChoices::default(),
        ),
        PrintCmd::Honours { filter, common } => (
            PrintJob::Honours {
                filter: filter.filter(conn)?,
            },
            common,
            PrintChoices::default(),
        ),
    };
    let choices = PrintChoices {
        order: common.order,
        font: common.font.clone(),
        ..choices
    };
    let opts = printing::options(conn, &choices, qungong::db::today())?;
    let doc = printing::render(conn, &job, &opts)?;
    let path = &common.output;
    std::fs::write(path, &doc.bytes)
        .map_err(|e| Error::invalid("输出文件", format!("无法写入 {}：{e}", path.display())))?;
    let missing: String = doc.missing_glyphs.iter().collect();
    out(
        ctx.json,
        &serde_json::json!({ "path": path, "pages": doc.pages, "bytes": doc.bytes.len(), "missing_glyphs": missing }),
        || {
            println!(
                "已生成 {}（{} 页，{} KB）",
                path.display(),
                doc.pages,
                doc.bytes.len().div_ceil(1024)
            );
            if !missing.is_empty() {
                eprintln!("注意：字体中没有这些字，已用“□”代替，请换用字库更全的字体：{missing}");
            }
        },
    );
    Ok(())
}
