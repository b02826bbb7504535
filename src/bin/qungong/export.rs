//! `qungong export`: the .xlsx workbooks (staff list, attendance, rates, activities, ledger,
//! structure, 党群沟通 lists, and 考核评价: results, candidates, honours, a cadre's history).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use qungong::Result;
use qungong::collate::NameOrder;
use qungong::xlsx::job::{self as export, ExportJob};

use crate::Context;
use crate::args::{
    ActivityFilterArgs, PeopleArgs, RateScope, RatesBy, StructureScope, date_arg, order_arg,
    unit_id,
};
use crate::concern::ConcernFilterArgs;
use crate::contact::{QuarterArgs, VisitFilterArgs};
use crate::honour::HonourFilterArgs;
use crate::opinion::OpinionFilterArgs;
use crate::output::out;
use crate::talk::{TalkCoverageArgs, TalkFilterArgs};

#[derive(Subcommand)]
pub enum ExportCmd {
    /// 职工名单（条件同 person list；身份证号、手机号、出生日期默认打码）
    People {
        #[command(flatten)]
        people: PeopleArgs,
        /// 身份证号、手机号和出生日期不打码
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 一项活动的考勤（状态、签到时间、请假事由、非名单人员）
    Attendance {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 出勤率（按单位和按人员，统计期内已开展的活动）
    Rates {
        /// 只导出 unit（按单位）、person（按人员）或 kind（按活动类型）；不填则按单位、按人员两张表
        #[arg(long, value_enum, value_name = "维度")]
        by: Option<RatesBy>,
        #[command(flatten)]
        scope: RateScope,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 未出勤名单（每次缺席、请假及事由；按人员汇总缺席次数和最长连续缺席）
    Absent {
        #[command(flatten)]
        scope: RateScope,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 活动列表（条件同 activity list，含应到、实到、出勤率）
    Activities {
        #[command(flatten)]
        filter: ActivityFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 活动台账（单位及下级在期间内组织的活动，与打印的台账相同）
    Ledger {
        /// 主办单位（含下级）；不填为全部
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 队伍结构（主要指标、年龄结构、学历、职称、技能等级、政治面貌）
    Structure {
        #[command(flatten)]
        scope: StructureScope,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 群众诉求（条件同 concern list）
    Concerns {
        #[command(flatten)]
        filter: ConcernFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 思想动态（条件同 opinion list）
    Opinions {
        #[command(flatten)]
        filter: OpinionFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 联系点走访记录（条件同 contact visits）
    Visits {
        #[command(flatten)]
        filter: VisitFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 谈心谈话记录（条件同 talk list）；谈话内容只在加 --summaries 时导出，且仅限有权查看的
    Talks {
        #[command(flatten)]
        filter: TalkFilterArgs,
        /// 导出谈话内容（政工干部或管理员；记入操作日志）
        #[arg(long)]
        summaries: bool,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 联系点季度走访覆盖情况（默认本季度）
    ContactCoverage {
        #[command(flatten)]
        quarter: QuarterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 谈心谈话覆盖率（默认今年）
    TalkCoverage {
        #[command(flatten)]
        scope: TalkCoverageArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 考核结果（按名次，含各项指标得分和计分依据）
    EvalResults {
        #[arg(value_name = "考核编号")]
        round: i64,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 推优评先候选人（资格审查、得票、是否当选）
    RecognitionCandidates {
        #[arg(value_name = "评选编号")]
        round: i64,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 荣誉名册（条件同 honour list）
    Honours {
        #[command(flatten)]
        filter: HonourFilterArgs,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// 一名职工历次考核的结果
    EvalHistory {
        /// 职工（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: String,
        #[command(flatten)]
        out: ExportArgs,
    },
}

#[derive(Args)]
pub struct ExportArgs {
    /// 输出的 Excel 文件（.xlsx）
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: PathBuf,
    /// 名单排序：stroke（姓氏笔画，默认）、pinyin（拼音）、unit（单位）、employee-no（工号）
    #[arg(long, default_value = "stroke", value_name = "排序", value_parser = order_arg)]
    order: NameOrder,
}

pub fn run(ctx: &Context, cmd: &ExportCmd) -> Result<()> {
    if let ExportCmd::People { full: true, .. } = cmd {
        ctx.reveal("导出职工名单（完整号码）")?;
    }
    if let ExportCmd::Talks {
        summaries: true, ..
    } = cmd
    {
        ctx.require(qungong::auth::Need::Edit)?;
        ctx.open()?
            .transact(&ctx.actor, qungong::Action::RevealTalks, |tx| {
                tx.note("命令行：导出谈心谈话（含谈话内容）");
                Ok(())
            })?;
    }
    let db = ctx.open()?;
    let conn = db.conn();
    let (job, args) = match cmd {
        ExportCmd::People { people, full, out } => (
            ExportJob::People {
                filter: people.filter(conn)?,
                order: out.order,
                full: *full,
            },
            out,
        ),
        ExportCmd::Attendance { activity, out } => (
            ExportJob::Attendance {
                activity_id: *activity,
                order: out.order,
            },
            out,
        ),
        ExportCmd::Rates { by, scope, out } => {
            let q = scope.query(conn)?;
            (
                ExportJob::Rates {
                    from: q.from,
                    to: q.to,
                    unit_id: q.unit_id,
                    by: match by {
                        None => export::RatesBy::Both,
                        Some(RatesBy::Unit) => export::RatesBy::Unit,
                        Some(RatesBy::Person) => export::RatesBy::Person,
                        Some(RatesBy::Kind) => export::RatesBy::Kind,
                    },
                    kinds: q.kinds,
                },
                out,
            )
        }
        ExportCmd::Absent { scope, out } => {
            let q = scope.query(conn)?;
            (
                ExportJob::Rates {
                    from: q.from,
                    to: q.to,
                    unit_id: q.unit_id,
                    by: export::RatesBy::Absent,
                    kinds: q.kinds,
                },
                out,
            )
        }
        ExportCmd::Activities { filter, out } => (
            ExportJob::Activities {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::Ledger {
            unit,
            from,
            to,
            out,
        } => (
            ExportJob::Ledger {
                unit_id: unit_id(conn, unit.as_deref())?,
                from: *from,
                to: *to,
            },
            out,
        ),
        // Left unset when not given: the export fills in the day it is handed.
        ExportCmd::Structure { scope, out } => (
            ExportJob::Structure {
                unit_id: unit_id(conn, scope.unit.as_deref())?,
                population: scope.population.into(),
                as_of: scope.as_of,
            },
            out,
        ),
        ExportCmd::Concerns { filter, out } => (
            ExportJob::Concerns {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::Opinions { filter, out } => (
            ExportJob::Opinions {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::Visits { filter, out } => (
            ExportJob::Visits {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::Talks {
            filter,
            summaries,
            out,
        } => (
            ExportJob::Talks {
                filter: filter.filter(conn)?,
                summaries: *summaries,
            },
            out,
        ),
        ExportCmd::ContactCoverage { quarter, out } => {
            let (year, quarter) = quarter.get()?;
            (ExportJob::ContactCoverage { year, quarter }, out)
        }
        ExportCmd::TalkCoverage { scope, out } => {
            let (period, unit_id) = scope.get(conn)?;
            (
                ExportJob::TalkCoverage {
                    from: period.from,
                    to: period.to,
                    unit_id,
                },
                out,
            )
        }
        ExportCmd::EvalResults { round, out } => (ExportJob::EvalResults { round_id: *round }, out),
        ExportCmd::RecognitionCandidates { round, out } => {
            (ExportJob::RecognitionCandidates { round_id: *round }, out)
        }
        ExportCmd::Honours { filter, out } => (
            ExportJob::Honours {
                filter: filter.filter(conn)?,
            },
            out,
        ),
        ExportCmd::EvalHistory { person, out } => (
            ExportJob::EvalHistory {
                person_id: crate::voice::person(conn, "职工", person)?.id,
            },
            out,
        ),
    };
    // Only a talks export reads the viewer (whose summaries it may carry).
    let viewer = match job {
        ExportJob::Talks { .. } => crate::voice::viewer(ctx, conn)?,
        _ => qungong::voice::Viewer::ADMIN,
    };
    let e = export::render(conn, &job, qungong::db::now(), viewer)?;
    let path = &args.output;
    e.write_to(path)?;
    out(
        ctx.json,
        &serde_json::json!({ "path": path, "rows": e.rows, "sheets": e.sheets, "bytes": e.bytes.len() }),
        || {
            println!(
                "已导出 {}（{} 行；工作表：{}）",
                path.display(),
                e.rows,
                e.sheets.join("、")
            )
        },
    );
    Ok(())
}
