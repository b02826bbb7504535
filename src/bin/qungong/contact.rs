//! `qungong contact`: 领导班子联系点 — each leader's points, the yearly visit plan, the visit
//! log and the quarter's coverage.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use qungong::db::Connection;
use qungong::voice::Period;
use qungong::voice::contact::{self, Visit, VisitFilter, VisitInput};
use qungong::{Action, Result, units};

use crate::Context;
use crate::args::{date_arg, unit_id};
use crate::output::{opt, out, table};
use crate::voice::{person, person_id, today, window};

#[derive(Subcommand)]
pub enum ContactCmd {
    /// 联系点列表（领导班子成员 × 单位）
    Points {
        /// 只看这位领导（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        leader: Option<String>,
    },
    /// 新增联系点
    AddPoint {
        /// 领导班子成员（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        leader: String,
        /// 联系的单位（编号或名称）
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 联系起始日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        since: Option<NaiveDate>,
        #[arg(long, value_name = "备注")]
        note: Option<String>,
    },
    /// 取消联系点（走访记录保留）
    RemovePoint {
        #[arg(value_name = "联系点编号")]
        id: i64,
    },
    /// 某年的走访计划（每季度走访次数，未设为 1）；加 --point 与 --per-quarter 设置一个联系点的计划
    Plan {
        #[arg(value_name = "年份", value_parser = clap::value_parser!(i32).range(1900..=2200))]
        year: i32,
        /// 联系点编号
        #[arg(long, value_name = "联系点编号", requires = "per_quarter")]
        point: Option<i64>,
        /// 每季度走访次数
        #[arg(long, value_name = "次数", requires = "point")]
        per_quarter: Option<u32>,
    },
    /// 登记一次走访
    Visit {
        /// 走访日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("走访日期"))]
        date: Option<NaiveDate>,
        /// 领导班子成员（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        leader: String,
        /// 走访的单位（编号或名称）
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 参加人员
        #[arg(long, value_name = "人员")]
        participants: Option<String>,
        /// 了解到的情况
        #[arg(long, value_name = "情况")]
        findings: Option<String>,
    },
    /// 走访记录（新的在前）
    Visits {
        #[command(flatten)]
        filter: VisitFilterArgs,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 季度走访覆盖情况：哪位领导没有按计划走访哪个联系点（默认本季度）
    Coverage {
        #[command(flatten)]
        quarter: QuarterArgs,
    },
}

/// Which visits: shared by `contact visits` and `export visits`.
#[derive(Args)]
pub struct VisitFilterArgs {
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    /// 领导班子成员（工号或姓名）
    #[arg(long, value_name = "工号或姓名")]
    leader: Option<String>,
    /// 走访的单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
}

impl VisitFilterArgs {
    pub fn filter(&self, conn: &Connection) -> Result<VisitFilter> {
        Ok(VisitFilter {
            from: self.from,
            to: self.to,
            leader_id: person_id(conn, "领导", self.leader.as_deref())?,
            unit_id: unit_id(conn, self.unit.as_deref())?,
        })
    }
}

/// A quarter (default: this one): shared by `contact coverage` and `export contact-coverage`.
#[derive(Args)]
pub struct QuarterArgs {
    /// 年份（默认今年）
    #[arg(long, value_name = "年份", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    year: Option<i32>,
    /// 季度 1–4（默认本季度）
    #[arg(long, value_name = "季度", value_parser = clap::value_parser!(u32).range(1..=4))]
    quarter: Option<u32>,
}

impl QuarterArgs {
    /// (year, quarter).
    pub fn get(&self) -> Result<(i32, u32)> {
        let today = today();
        let year = self.year.unwrap_or(today.year());
        let quarter = self.quarter.unwrap_or((today.month() - 1) / 3 + 1);
        Period::quarter(year, quarter)?;
        Ok((year, quarter))
    }
}

fn visit_rows(list: &[Visit]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|v| {
        vec![
            v.id.to_string(),
            v.visited_on.to_string(),
            v.leader_name.clone(),
            v.unit_name.clone(),
            if v.at_contact_point { "是" } else { "否" }.to_string(),
            opt(&v.participants),
            opt(&v.findings),
        ]
    })
}

fn print_points(db: &qungong::Db, json: bool, leader: Option<i64>) -> Result<()> {
    let list = contact::points(db.conn(), leader)?;
    out(json, &list, || {
        table(
            &["编号", "领导", "联系单位", "起始日期", "备注"],
            list.iter().map(|p| {
                vec![
                    p.id.to_string(),
                    p.leader_name.clone(),
                    p.unit_name.clone(),
                    p.since.to_string(),
                    opt(&p.note),
                ]
            }),
        )
    });
    Ok(())
}

pub fn run(ctx: &Context, cmd: &ContactCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        ContactCmd::Points { leader } => {
            let leader = person_id(db.conn(), "领导", leader.as_deref())?;
            print_points(&db, json, leader)?;
        }
        ContactCmd::AddPoint {
            leader,
            unit,
            since,
            note,
        } => {
            let leader = person(db.conn(), "领导", leader)?;
            let unit = units::resolve(db.conn(), unit)?;
            let id = db.transact(actor, Action::ContactPointSave, |tx| {
                contact::add_point(
                    tx,
                    leader.id,
                    unit,
                    since.unwrap_or_else(today),
                    note.as_deref(),
                )
            })?;
            if json {
                let p = contact::points(db.conn(), Some(leader.id))?
                    .into_iter()
                    .find(|p| p.id == id);
                out(true, &p, || {});
            } else {
                println!("已新增{}的联系点，编号 {id}", leader.name);
            }
        }
        ContactCmd::RemovePoint { id } => {
            db.transact(actor, Action::ContactPointSave, |tx| {
                contact::remove_point(tx, *id)
            })?;
            out(json, &serde_json::json!({"removed": id}), || {
                println!("已取消联系点 {id}")
            });
        }
        ContactCmd::Plan {
            year,
            point,
            per_quarter,
        } => {
            Period::year(*year)?;
            if let (Some(point), Some(n)) = (point, per_quarter) {
                db.transact(actor, Action::ContactPlan, |tx| {
                    contact::set_plan(tx, *point, *year, *n)
                })?;
            }
            let plan = contact::plan(db.conn(), *year)?;
            let points = contact::points(db.conn(), None)?;
            let rows: Vec<serde_json::Value> = points
                .iter()
                .map(|p| {
                    let n = plan
                        .iter()
                        .find(|r| r.point_id == p.id)
                        .map(|r| r.per_quarter)
                        .unwrap_or(1);
                    serde_json::json!({"point_id": p.id, "leader_name": p.leader_name,
                        "unit_name": p.unit_name, "year": year, "per_quarter": n})
                })
                .collect();
            out(json, &rows, || {
                table(
                    &["联系点编号", "领导", "联系单位", "每季度走访"],
                    points.iter().zip(&rows).map(|(p, r)| {
                        vec![
                            p.id.to_string(),
                            p.leader_name.clone(),
                            p.unit_name.clone(),
                            format!("{} 次", r["per_quarter"]),
                        ]
                    }),
                );
                println!("{year} 年走访计划（未设置的按每季度 1 次）");
            });
        }
        ContactCmd::Visit {
            date,
            leader,
            unit,
            participants,
            findings,
        } => {
            let leader = person(db.conn(), "领导", leader)?;
            let unit = units::resolve(db.conn(), unit)?;
            let input = VisitInput {
                visited_on: date.unwrap_or_else(today),
                leader_id: leader.id,
                unit_id: unit,
                participants: participants.clone(),
                findings: findings.clone(),
            };
            let id = db.transact(actor, Action::ContactVisit, |tx| {
                contact::add_visit(tx, input)
            })?;
            let v = contact::get_visit(db.conn(), id)?;
            out(json, &v, || {
                let note = if v.at_contact_point {
                    ""
                } else {
                    "（该单位不是其联系点）"
                };
                println!(
                    "已登记{}走访{}，编号 {id}{note}",
                    v.leader_name, v.unit_name
                )
            });
        }
        ContactCmd::Visits {
            filter,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let (offset, limit) = window(*page, *page_size);
            let page = contact::list_visits(db.conn(), &filter, offset, limit)?;
            out(json, &page, || {
                table(
                    &[
                        "编号",
                        "日期",
                        "领导",
                        "单位",
                        "联系点",
                        "参加人员",
                        "了解到的情况",
                    ],
                    visit_rows(&page.items),
                );
                println!("共 {} 次，本页 {} 次", page.total, page.items.len());
            });
        }
        ContactCmd::Coverage { quarter } => {
            let (year, q) = quarter.get()?;
            let c = contact::coverage(db.conn(), year, q)?;
            out(json, &c, || {
                table(
                    &["领导", "联系单位", "计划", "已走访", "最近走访", "情况"],
                    c.points.iter().map(|p| {
                        vec![
                            p.point.leader_name.clone(),
                            p.point.unit_name.clone(),
                            p.planned.to_string(),
                            p.visits.to_string(),
                            opt(&p.last_visit),
                            if p.short { "未完成" } else { "已完成" }.to_string(),
                        ]
                    }),
                );
                println!(
                    "{year} 年第 {q} 季度：{} 个联系点中 {} 个已按计划走访",
                    c.total, c.covered
                );
            });
        }
    }
    Ok(())
}
