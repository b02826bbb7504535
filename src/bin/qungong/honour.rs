//! `qungong honour`: the honours roll (荣誉) of people and units — from 推优评先 or entered
//! by hand.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use qungong::db::Connection;
use qungong::evaluation::{Honour, HonourFilter, HonourInput, honour};
use qungong::{Action, Error, Result, units};

use crate::Context;
use crate::args::{date_arg, unit_id};
use crate::output::{opt, out, table};
use crate::voice::{person, person_id};

#[derive(Subcommand)]
pub enum HonourCmd {
    /// 荣誉列表（年度新的在前）
    List {
        #[command(flatten)]
        filter: HonourFilterArgs,
    },
    /// 登记一项荣誉：个人用 --person，集体用 --unit
    Add {
        /// 获得荣誉的职工（工号或姓名）
        #[arg(long, value_name = "工号或姓名", conflicts_with = "unit")]
        person: Option<String>,
        /// 获得荣誉的集体（单位编号或名称）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 荣誉称号，如 优秀共产党员
        #[arg(long, value_name = "荣誉称号")]
        title: String,
        /// 年度（默认为授予日期的年份）
        #[arg(long, value_name = "年度")]
        year: Option<i32>,
        /// 授予日期
        #[arg(long, value_name = "日期", value_parser = date_arg("授予日期"))]
        date: NaiveDate,
        /// 授予单位，如 国网示范县供电公司
        #[arg(long, value_name = "单位")]
        granted_by: Option<String>,
        #[arg(long, value_name = "备注")]
        note: Option<String>,
    },
    /// 删除一项荣誉
    Delete {
        #[arg(value_name = "荣誉编号")]
        id: i64,
    },
}

/// Which honours: shared by `honour list`, `print honours` and `export honours`.
#[derive(Args)]
pub struct HonourFilterArgs {
    /// 年度
    #[arg(long, value_name = "年度")]
    year: Option<i32>,
    /// 单位（含下级的职工和集体），编号或名称
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 职工（工号或姓名）
    #[arg(long, value_name = "工号或姓名")]
    person: Option<String>,
    /// 荣誉称号中的文字
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
}

impl HonourFilterArgs {
    pub fn filter(&self, conn: &Connection) -> Result<HonourFilter> {
        Ok(HonourFilter {
            year: self.year,
            unit_id: unit_id(conn, self.unit.as_deref())?,
            person_id: person_id(conn, "职工", self.person.as_deref())?,
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
        })
    }
}

fn rows(list: &[Honour]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|h| {
        vec![
            h.id.to_string(),
            h.input.year.to_string(),
            h.input.title.clone(),
            h.holder.clone(),
            opt(&h.unit_name),
            h.input.awarded_on.to_string(),
            opt(&h.input.granted_by),
            match h.round_id {
                Some(r) => format!("推优评先（编号 {r}）"),
                None => "登记".into(),
            },
            opt(&h.input.note),
        ]
    })
}

pub fn run(ctx: &Context, cmd: &HonourCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let json = ctx.json;
    match cmd {
        HonourCmd::List { filter } => {
            let filter = filter.filter(db.conn())?;
            let list = honour::list(db.conn(), &filter)?;
            out(json, &list, || {
                table(
                    &[
                        "编号",
                        "年度",
                        "荣誉称号",
                        "获得者",
                        "所在单位",
                        "授予日期",
                        "授予单位",
                        "来源",
                        "备注",
                    ],
                    rows(&list),
                );
                println!("共 {} 项", list.len());
            });
        }
        HonourCmd::Add {
            person: person_key,
            unit,
            title,
            year,
            date,
            granted_by,
            note,
        } => {
            let conn = db.conn();
            let (person_id, unit_id) = match (person_key, unit) {
                (Some(k), _) => (Some(person(conn, "获得者", k)?.id), None),
                (None, Some(u)) => (None, Some(units::resolve(conn, u)?)),
                (None, None) => {
                    return Err(Error::invalid(
                        "获得者",
                        "请用 --person 指明职工，或用 --unit 指明集体",
                    ));
                }
            };
            let input = HonourInput {
                person_id,
                unit_id,
                title: title.clone(),
                year: year.unwrap_or_else(|| date.year()),
                awarded_on: *date,
                granted_by: granted_by.clone(),
                note: note.clone(),
            };
            let id = db.transact(&ctx.actor, Action::HonourSave, |tx| honour::add(tx, input))?;
            let h = honour::get(db.conn(), id)?;
            out(json, &h, || {
                println!(
                    "已登记荣誉：{} {}年度{}（编号 {id}）",
                    h.holder, h.input.year, h.input.title
                )
            });
        }
        HonourCmd::Delete { id } => {
            let h = honour::get(db.conn(), *id)?;
            db.transact(&ctx.actor, Action::HonourDelete, |tx| {
                honour::delete(tx, *id)
            })?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!(
                    "已删除荣誉：{} {}年度{}",
                    h.holder, h.input.year, h.input.title
                )
            });
        }
    }
    Ok(())
}
