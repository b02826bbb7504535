//! `qungong unit`: the unit tree (company, departments, stations, teams).

use clap::Subcommand;

use qungong::codes::UnitKind;
use qungong::{Error, Result, units};

use crate::Context;
use crate::args::{code_arg, unit_id};
use crate::output::{out, table};

#[derive(Subcommand)]
pub enum UnitCmd {
    /// 新增单位
    Add {
        /// 单位名称
        #[arg(value_name = "名称")]
        name: String,
        /// 上级单位（编号或名称）；不填则为顶层单位
        #[arg(long, value_name = "单位")]
        parent: Option<String>,
        /// 单位类型：公司、部门、站所（供电所 / 变电站）、班组；不填则按名称推断
        #[arg(long, value_name = "类型", value_parser = code_arg::<UnitKind>)]
        kind: Option<UnitKind>,
    },
    /// 以树形列出全部单位
    List,
    /// 单位更名
    Rename {
        #[arg(value_name = "单位")]
        unit: String,
        #[arg(value_name = "新名称")]
        new_name: String,
    },
    /// 把单位（连同下级）移到另一个上级之下
    Move {
        #[arg(value_name = "单位")]
        unit: String,
        /// 新的上级单位
        #[arg(long, value_name = "单位", required_unless_present = "top")]
        parent: Option<String>,
        /// 移为顶层单位
        #[arg(long, conflicts_with = "parent")]
        top: bool,
    },
    /// 删除没有下级、职工和活动的单位
    Delete {
        #[arg(value_name = "单位")]
        unit: String,
    },
}

pub fn run(ctx: &Context, cmd: &UnitCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        UnitCmd::Add { name, parent, kind } => {
            let parent = unit_id(db.conn(), parent.as_deref())?;
            let kind = kind.unwrap_or_else(|| UnitKind::guess(name, parent.is_some()));
            let id = db.transact(actor, qungong::Action::UnitAdd, |tx| {
                units::add(tx, name, kind, parent)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || {
                println!("已新增单位：{}（编号 {id}，{}）", unit.path, unit.kind)
            });
        }
        UnitCmd::List => {
            let list = units::list(db.conn())?;
            out(json, &list, || {
                table(
                    &["编号", "单位", "类型", "本级在职", "含下级在职"],
                    list.iter().map(|u| {
                        let indent = "  ".repeat(u.depth as usize);
                        vec![
                            u.id.to_string(),
                            format!("{indent}{}", u.name),
                            u.kind.to_string(),
                            u.staff.to_string(),
                            u.staff_total.to_string(),
                        ]
                    }),
                )
            });
        }
        UnitCmd::Rename { unit, new_name } => {
            let id = units::resolve(db.conn(), unit)?;
            db.transact(actor, qungong::Action::UnitRename, |tx| {
                units::rename(tx, id, new_name)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || println!("已更名：{}", unit.path));
        }
        UnitCmd::Move { unit, parent, top } => {
            let id = units::resolve(db.conn(), unit)?;
            let parent = match (parent, top) {
                (_, true) => None,
                (Some(p), false) => Some(units::resolve(db.conn(), p)?),
                (None, false) => {
                    return Err(Error::invalid(
                        "上级单位",
                        "请用 --parent 指定，或用 --top 移为顶层",
                    ));
                }
            };
            db.transact(actor, qungong::Action::UnitMove, |tx| {
                units::move_to(tx, id, parent)
            })?;
            let unit = units::get(db.conn(), id)?;
            out(json, &unit, || println!("已移动：{}", unit.path));
        }
        UnitCmd::Delete { unit } => {
            let id = units::resolve(db.conn(), unit)?;
            let path = units::get(db.conn(), id)?.path;
            db.transact(actor, qungong::Action::UnitDelete, |tx| {
                units::delete(tx, id)
            })?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!("已删除单位：{path}")
            });
        }
    }
    Ok(())
}
