//! `qungong talk`: 谈心谈话 records and their coverage. A talk's summary is sensitive: it is
//! printed only when asked for (--summaries / --summary), and then only where the signed-in
//! account may see it (the recorder, the talker's account, an administrator).

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use qungong::codes::TalkKind;
use qungong::db::Connection;
use qungong::voice::talk::{self, Talk, TalkFilter, TalkInput};
use qungong::voice::{Period, Viewer};
use qungong::{Action, Result};

use crate::Context;
use crate::args::{code_arg, date_arg, unit_id};
use crate::output::{key_values, out, percent, table};
use crate::voice::{person, person_id, today, viewer, window};

#[derive(Subcommand)]
pub enum TalkCmd {
    /// 谈心谈话记录（新的在前）；谈话内容只在加 --summaries 时显示
    List {
        #[command(flatten)]
        filter: TalkFilterArgs,
        /// 显示谈话内容（仅限记录人、谈话人本人和管理员可见的）
        #[arg(long)]
        summaries: bool,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 查看一次谈话；谈话内容只在加 --summary 时显示
    Show {
        #[arg(value_name = "谈话编号")]
        id: i64,
        /// 显示谈话内容（仅限有权查看的账号）
        #[arg(long)]
        summary: bool,
    },
    /// 登记一次谈心谈话
    Add {
        /// 谈话日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("谈话日期"))]
        date: Option<NaiveDate>,
        /// 谈话人（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        talker: String,
        /// 谈话对象（工号或姓名）
        #[arg(long = "with", value_name = "工号或姓名")]
        with: String,
        /// 日常谈心、提醒谈话、困难帮扶、新入职、岗位调整、离岗退休、其他
        #[arg(long, value_name = "类型", value_parser = code_arg::<TalkKind>)]
        kind: TalkKind,
        /// 谈话主题
        #[arg(long, value_name = "主题")]
        topic: String,
        /// 谈话内容（仅记录人、谈话人本人和管理员可见）
        #[arg(long, value_name = "内容")]
        summary: Option<String>,
        /// 需要跟进（再登记为群众诉求）
        #[arg(long)]
        follow_up: bool,
    },
    /// 谈心谈话覆盖率：统计期内谈过话的在职职工占比（默认今年）
    Coverage {
        #[command(flatten)]
        scope: TalkCoverageArgs,
        /// 列出未谈话的人员
        #[arg(long)]
        missing: bool,
    },
}

/// Which talks: shared by `talk list` and `export talks`.
#[derive(Args)]
pub struct TalkFilterArgs {
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    /// 日常谈心、提醒谈话、困难帮扶、新入职、岗位调整、离岗退休、其他
    #[arg(long, value_name = "类型", value_parser = code_arg::<TalkKind>)]
    kind: Option<TalkKind>,
    /// 谈话人（工号或姓名）
    #[arg(long, value_name = "工号或姓名")]
    talker: Option<String>,
    /// 谈话对象（工号或姓名）
    #[arg(long = "with", value_name = "工号或姓名")]
    with: Option<String>,
    /// 谈话对象所在单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 主题或姓名中的文字
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
}

impl TalkFilterArgs {
    pub fn filter(&self, conn: &Connection) -> Result<TalkFilter> {
        Ok(TalkFilter {
            from: self.from,
            to: self.to,
            kind: self.kind,
            talker_id: person_id(conn, "谈话人", self.talker.as_deref())?,
            person_id: person_id(conn, "谈话对象", self.with.as_deref())?,
            unit_id: unit_id(conn, self.unit.as_deref())?,
            search: self.search.clone(),
        })
    }
}

/// The period and unit of the coverage: shared by `talk coverage` and `export talk-coverage`.
#[derive(Args)]
pub struct TalkCoverageArgs {
    /// 起始日期（默认今年 1 月 1 日）
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    /// 截止日期（默认今年 12 月 31 日）
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    /// 单位（含下级），编号或名称；不填为全公司
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
}

impl TalkCoverageArgs {
    /// (period, unit id).
    pub fn get(&self, conn: &Connection) -> Result<(Period, Option<i64>)> {
        let year = Period::year(self.from.or(self.to).unwrap_or_else(today).year())?;
        let period = Period::new(self.from.unwrap_or(year.from), self.to.unwrap_or(year.to))?;
        Ok((period, unit_id(conn, self.unit.as_deref())?))
    }
}

/// The talk as it may be shown: the summary only when asked for.
fn shown(mut t: Talk, summaries: bool) -> Talk {
    if !summaries {
        t.summary = None;
    }
    t
}

fn summary_text(t: &Talk) -> String {
    match (&t.summary, t.summary_hidden) {
        (Some(s), _) => s.clone(),
        (None, true) => "（无权查看）".into(),
        (None, false) => String::new(),
    }
}

fn print_talk(json: bool, t: &Talk, with_summary: bool) {
    out(json, t, || {
        let mut rows = vec![
            ("编号", t.id.to_string()),
            ("日期", t.talked_on.to_string()),
            ("谈话人", t.talker_name.clone()),
            ("谈话对象", t.person_name.clone()),
            ("单位", t.unit_name.clone().unwrap_or_default()),
            ("类型", t.kind.to_string()),
            ("主题", t.topic.clone()),
            ("需跟进", if t.follow_up { "是" } else { "否" }.to_string()),
        ];
        if with_summary {
            rows.push(("谈话内容", summary_text(t)));
        }
        if !t.concern_ids.is_empty() {
            rows.push((
                "相关诉求",
                t.concern_ids
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ));
        }
        key_values(&rows);
    });
}

pub fn run(ctx: &Context, cmd: &TalkCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    let viewer: Viewer = viewer(ctx, db.conn())?;
    match cmd {
        TalkCmd::List {
            filter,
            summaries,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let (offset, limit) = window(*page, *page_size);
            let mut page = talk::list(db.conn(), &filter, viewer, offset, limit)?;
            page.items = std::mem::take(&mut page.items)
                .into_iter()
                .map(|t| shown(t, *summaries))
                .collect();
            out(json, &page, || {
                let mut headers = vec![
                    "编号",
                    "日期",
                    "谈话人",
                    "谈话对象",
                    "单位",
                    "类型",
                    "主题",
                    "需跟进",
                ];
                if *summaries {
                    headers.push("谈话内容");
                }
                table(
                    &headers,
                    page.items.iter().map(|t| {
                        let mut row = vec![
                            t.id.to_string(),
                            t.talked_on.to_string(),
                            t.talker_name.clone(),
                            t.person_name.clone(),
                            t.unit_name.clone().unwrap_or_default(),
                            t.kind.to_string(),
                            t.topic.clone(),
                            if t.follow_up { "是" } else { "" }.to_string(),
                        ];
                        if *summaries {
                            row.push(summary_text(t));
                        }
                        row
                    }),
                );
                println!("共 {} 次，本页 {} 次", page.total, page.items.len());
            });
        }
        TalkCmd::Show { id, summary } => {
            let t = shown(talk::get(db.conn(), *id, viewer)?, *summary);
            print_talk(json, &t, *summary);
        }
        TalkCmd::Add {
            date,
            talker,
            with,
            kind,
            topic,
            summary,
            follow_up,
        } => {
            let input = TalkInput {
                talked_on: date.unwrap_or_else(today),
                talker_id: person(db.conn(), "谈话人", talker)?.id,
                person_id: person(db.conn(), "谈话对象", with)?.id,
                kind: *kind,
                topic: topic.clone(),
                summary: summary.clone(),
                follow_up: *follow_up,
            };
            let id = db.transact(actor, Action::TalkAdd, |tx| {
                talk::add(tx, input, viewer.account_id)
            })?;
            if json {
                print_talk(
                    true,
                    &shown(talk::get(db.conn(), id, viewer)?, false),
                    false,
                );
            } else {
                println!("已登记谈心谈话，编号 {id}");
            }
        }
        TalkCmd::Coverage { scope, missing } => {
            let (period, unit) = scope.get(db.conn())?;
            let c = talk::coverage(db.conn(), period, unit, today())?;
            out(json, &c, || {
                println!("统计期：{}", period.label());
                table(
                    &["单位", "在职人数", "已谈话", "覆盖率"],
                    c.units.iter().map(|u| {
                        vec![
                            u.unit_name.clone(),
                            u.staff.to_string(),
                            u.talked.to_string(),
                            percent(u.rate),
                        ]
                    }),
                );
                if *missing {
                    println!("未谈话人员：");
                    table(
                        &["姓名", "单位"],
                        c.not_talked
                            .iter()
                            .map(|p| vec![p.name.clone(), p.unit_name.clone()]),
                    );
                } else if !c.not_talked.is_empty() {
                    println!("未谈话 {} 人（加 --missing 列出）", c.not_talked.len());
                }
            });
        }
    }
    Ok(())
}
