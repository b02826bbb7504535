//! `qungong opinion`: 思想动态与舆情研判 — entries graded 一般 / 较大 / 重大 with their trend,
//! and when a 较大 / 重大 one was reported up (重大 ones not reported in time are flagged).

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};

use qungong::codes::{OpinionKind, OpinionLevel, OpinionTrend};
use qungong::db::Connection;
use qungong::voice::opinion::{self, Opinion, OpinionFilter, OpinionInput};
use qungong::{Action, Db, Result, units};

use crate::Context;
use crate::args::{code_arg, date_arg, datetime_arg, unit_id};
use crate::output::{key_values, opt, out, table};
use crate::voice::window;

#[derive(Subcommand)]
pub enum OpinionCmd {
    /// 思想动态列表（新的在前）
    List {
        #[command(flatten)]
        filter: OpinionFilterArgs,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 查看一条思想动态
    Show {
        #[arg(value_name = "动态编号")]
        id: i64,
    },
    /// 登记一条思想动态或网络舆情
    Add {
        /// 发现时间，如 "2026-11-30 09:00"
        #[arg(long, value_name = "时间", value_parser = datetime_arg("发现时间"))]
        at: NaiveDateTime,
        /// 内部思想动态 / 网络舆情
        #[arg(long, value_name = "类型", value_parser = code_arg::<OpinionKind>)]
        kind: OpinionKind,
        /// 概要（一句话）
        #[arg(long, value_name = "概要")]
        title: String,
        /// 渠道：班组会、微信群、某论坛 …
        #[arg(long, value_name = "渠道")]
        channel: Option<String>,
        /// 详细情况
        #[arg(long, value_name = "情况")]
        detail: Option<String>,
        /// 涉及单位（编号或名称，可多次给出）
        #[arg(long = "unit", value_name = "单位")]
        units: Vec<String>,
        /// 一般 / 较大 / 重大
        #[arg(long, value_name = "等级", value_parser = code_arg::<OpinionLevel>)]
        level: OpinionLevel,
        /// 平稳 / 升温 / 降温
        #[arg(long, value_name = "趋势", value_parser = code_arg::<OpinionTrend>)]
        trend: OpinionTrend,
        /// 研判意见
        #[arg(long, value_name = "意见")]
        assessment: Option<String>,
        /// 处置措施
        #[arg(long, value_name = "措施")]
        measures: Option<String>,
    },
    /// 记录已向上级报告
    Reported {
        #[arg(value_name = "动态编号")]
        id: i64,
        /// 报告时间（默认现在）
        #[arg(long, value_name = "时间", value_parser = datetime_arg("报告时间"))]
        at: Option<NaiveDateTime>,
        /// 报告给谁
        #[arg(long, value_name = "上级")]
        to: String,
    },
}

/// Which entries: shared by `opinion list` and `export opinions`.
#[derive(Args)]
pub struct OpinionFilterArgs {
    /// 一般 / 较大 / 重大
    #[arg(long, value_name = "等级", value_parser = code_arg::<OpinionLevel>)]
    level: Option<OpinionLevel>,
    /// 只要未按时上报的重大动态
    #[arg(long)]
    unreported: bool,
    /// 内部思想动态 / 网络舆情
    #[arg(long, value_name = "类型", value_parser = code_arg::<OpinionKind>)]
    kind: Option<OpinionKind>,
    /// 平稳 / 升温 / 降温
    #[arg(long, value_name = "趋势", value_parser = code_arg::<OpinionTrend>)]
    trend: Option<OpinionTrend>,
    /// 涉及单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 发现日期不早于
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    /// 发现日期不晚于
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    /// 概要或情况中的文字
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
}

impl OpinionFilterArgs {
    pub fn filter(&self, conn: &Connection) -> Result<OpinionFilter> {
        Ok(OpinionFilter {
            from: self.from,
            to: self.to,
            kind: self.kind,
            level: self.level,
            trend: self.trend,
            unit_id: unit_id(conn, self.unit.as_deref())?,
            unreported: self.unreported,
            search: self.search.clone(),
        })
    }
}

fn reported(o: &Opinion) -> String {
    match (o.reported_at, &o.reported_to) {
        (Some(at), to) => {
            let late = if o.reported_late { "（超时）" } else { "" };
            format!("{} 报{}{late}", at.format("%Y-%m-%d %H:%M"), opt(to))
        }
        (None, _) if o.unreported_flag => "超时未上报".into(),
        (None, _) => match o.report_due {
            Some(due) => format!("须于 {} 前上报", due.format("%Y-%m-%d %H:%M")),
            None => String::new(),
        },
    }
}

fn show(db: &Db, json: bool, id: i64) -> Result<()> {
    let o = opinion::get(db.conn(), id, qungong::db::now())?;
    out(json, &o, || {
        key_values(&[
            ("编号", o.id.to_string()),
            (
                "发现时间",
                o.observed_at.format("%Y-%m-%d %H:%M").to_string(),
            ),
            ("类型", o.kind.to_string()),
            ("渠道", opt(&o.channel)),
            ("概要", o.title.clone()),
            ("详细情况", opt(&o.detail)),
            ("涉及单位", o.units.clone()),
            ("等级", o.level.to_string()),
            ("趋势", o.trend.to_string()),
            ("研判意见", opt(&o.assessment)),
            ("处置措施", opt(&o.measures)),
            ("上报", reported(&o)),
            (
                "相关诉求",
                o.concern_ids
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        ])
    });
    Ok(())
}

pub fn run(ctx: &Context, cmd: &OpinionCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        OpinionCmd::List {
            filter,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let (offset, limit) = window(*page, *page_size);
            let page = opinion::list(db.conn(), &filter, qungong::db::now(), offset, limit)?;
            out(json, &page, || {
                table(
                    &[
                        "编号",
                        "发现时间",
                        "类型",
                        "概要",
                        "涉及单位",
                        "等级",
                        "趋势",
                        "上报",
                    ],
                    page.items.iter().map(|o| {
                        vec![
                            o.id.to_string(),
                            o.observed_at.format("%Y-%m-%d %H:%M").to_string(),
                            o.kind.to_string(),
                            o.title.clone(),
                            o.units.clone(),
                            o.level.to_string(),
                            o.trend.to_string(),
                            reported(o),
                        ]
                    }),
                );
                println!("共 {} 条，本页 {} 条", page.total, page.items.len());
            });
        }
        OpinionCmd::Show { id } => show(&db, json, *id)?,
        OpinionCmd::Add {
            at,
            kind,
            title,
            channel,
            detail,
            units: unit_keys,
            level,
            trend,
            assessment,
            measures,
        } => {
            let unit_ids = unit_keys
                .iter()
                .map(|u| units::resolve(db.conn(), u))
                .collect::<Result<Vec<_>>>()?;
            let input = OpinionInput {
                observed_at: *at,
                kind: *kind,
                channel: channel.clone(),
                title: title.clone(),
                detail: detail.clone(),
                unit_ids,
                level: *level,
                trend: *trend,
                assessment: assessment.clone(),
                measures: measures.clone(),
            };
            let id = db.transact(actor, Action::OpinionAdd, |tx| opinion::add(tx, input))?;
            if json {
                show(&db, json, id)?;
            } else {
                let o = opinion::get(db.conn(), id, qungong::db::now())?;
                println!("已登记思想动态，编号 {id}");
                if let (None, Some(due)) = (o.reported_at, o.report_due) {
                    println!(
                        "重大动态须于 {} 前向上级报告（报告后用 qungong opinion reported {id} 记录）",
                        due.format("%Y-%m-%d %H:%M")
                    );
                }
            }
        }
        OpinionCmd::Reported { id, at, to } => {
            let at = at.unwrap_or_else(qungong::db::now);
            db.transact(actor, Action::OpinionReport, |tx| {
                opinion::mark_reported(tx, *id, at, to)
            })?;
            if json {
                show(&db, json, *id)?;
            } else {
                let o = opinion::get(db.conn(), *id, qungong::db::now())?;
                println!("已记录上报：{}", reported(&o));
            }
        }
    }
    Ok(())
}
