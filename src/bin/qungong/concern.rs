//! `qungong concern`: 群众诉求 from receipt to close — 受理, 交办, 答复, 办结 with the
//! raiser's satisfaction (不满意 reopens it), 上报 — and the categories with their deadlines.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::db::Connection;
use qungong::voice::concern::{self, Category, Concern, ConcernFilter, ConcernInput};
use qungong::{Action, Db, Error, Result, units};

use crate::Context;
use crate::args::{code_arg, date_arg, unit_id};
use crate::output::{key_values, opt, out, table};
use crate::voice::{person_id, today, window};

#[derive(Subcommand)]
pub enum ConcernCmd {
    /// 诉求列表（新的在前）
    List {
        #[command(flatten)]
        filter: ConcernFilterArgs,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 查看一件诉求及其办理过程
    Show {
        #[arg(value_name = "诉求编号")]
        id: i64,
    },
    /// 登记（受理）一件诉求
    Add(ConcernFields),
    /// 交办：承办单位、承办人、办理期限
    Assign {
        #[arg(value_name = "诉求编号")]
        id: i64,
        /// 承办单位（编号或名称）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 承办人（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: Option<String>,
        /// 办理期限（不填则不变）
        #[arg(long, value_name = "日期", value_parser = date_arg("办理期限"))]
        deadline: Option<NaiveDate>,
        /// 交办说明
        #[arg(long, value_name = "说明")]
        note: Option<String>,
    },
    /// 答复提出人
    Reply {
        #[arg(value_name = "诉求编号")]
        id: i64,
        /// 答复内容
        #[arg(long, value_name = "答复")]
        text: String,
        /// 答复日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("答复日期"))]
        date: Option<NaiveDate>,
    },
    /// 办结（须已答复）：记录提出人的满意度；不满意则重新办理
    Close {
        #[arg(value_name = "诉求编号")]
        id: i64,
        /// 满意 / 基本满意 / 不满意
        #[arg(long, value_name = "满意度", value_parser = code_arg::<Satisfaction>)]
        satisfaction: Satisfaction,
        /// 办结日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("办结日期"))]
        date: Option<NaiveDate>,
        #[arg(long, value_name = "说明")]
        note: Option<String>,
    },
    /// 上报上级（如超出本单位权限）
    Escalate {
        #[arg(value_name = "诉求编号")]
        id: i64,
        /// 上报给谁（单位或部门）
        #[arg(long, value_name = "上级")]
        to: String,
        /// 上报说明
        #[arg(long, value_name = "说明")]
        note: String,
        /// 上报日期（默认今天）
        #[arg(long, value_name = "日期", value_parser = date_arg("上报日期"))]
        date: Option<NaiveDate>,
    },
    /// 诉求分类及默认办理期限
    Categories {
        /// 含已停用的分类
        #[arg(long)]
        all: bool,
    },
    /// 新增或修改一个分类（按名称）；不加 --retire 则为启用
    CategorySet {
        #[arg(value_name = "分类名称")]
        name: String,
        /// 默认办理期限（天）
        #[arg(long, value_name = "天数")]
        days: u32,
        /// 停用该分类（已有诉求保留）
        #[arg(long)]
        retire: bool,
    },
}

/// Which concerns: shared by `concern list` and `export concerns`.
#[derive(Args)]
pub struct ConcernFilterArgs {
    /// 只要未办结的
    #[arg(long)]
    open: bool,
    /// 只要逾期未答复的
    #[arg(long)]
    overdue: bool,
    /// 已受理 / 办理中 / 已答复 / 已办结
    #[arg(long, value_name = "状态", value_parser = code_arg::<ConcernStatus>)]
    status: Option<ConcernStatus>,
    /// 分类名称
    #[arg(long, value_name = "分类")]
    category: Option<String>,
    /// 来源：座谈会、谈心谈话、联系点走访、意见箱、线上、来电来访、其他
    #[arg(long, value_name = "来源", value_parser = code_arg::<ConcernSource>)]
    source: Option<ConcernSource>,
    /// 涉及单位（含下级）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 受理日期不早于
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: Option<NaiveDate>,
    /// 受理日期不晚于
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: Option<NaiveDate>,
    /// 内容或提出人中的文字
    #[arg(long, short = 's', value_name = "关键词")]
    search: Option<String>,
}

impl ConcernFilterArgs {
    pub fn filter(&self, conn: &Connection) -> Result<ConcernFilter> {
        Ok(ConcernFilter {
            from: self.from,
            to: self.to,
            status: self.status,
            open: self.open,
            overdue: self.overdue,
            category_id: self
                .category
                .as_deref()
                .map(|c| category(conn, c).map(|c| c.id))
                .transpose()?,
            source: self.source,
            unit_id: unit_id(conn, self.unit.as_deref())?,
            search: self.search.clone(),
            ..Default::default()
        })
    }
}

#[derive(Args)]
pub struct ConcernFields {
    /// 受理日期（默认今天）
    #[arg(long, value_name = "日期", value_parser = date_arg("受理日期"))]
    date: Option<NaiveDate>,
    /// 来源：座谈会、谈心谈话、联系点走访、意见箱、线上、来电来访、其他
    #[arg(long, value_name = "来源", value_parser = code_arg::<ConcernSource>)]
    source: ConcernSource,
    /// 提出诉求的活动（如职工座谈会）编号
    #[arg(long, value_name = "活动编号")]
    activity: Option<i64>,
    /// 来自哪次谈心谈话（编号）
    #[arg(long, value_name = "谈话编号")]
    talk: Option<i64>,
    /// 来自哪次联系点走访（编号）
    #[arg(long, value_name = "走访编号")]
    visit: Option<i64>,
    /// 来自哪条思想动态（编号）
    #[arg(long, value_name = "动态编号")]
    opinion: Option<i64>,
    /// 提出人：个人 / 匿名 / 集体
    #[arg(long, value_name = "类型", value_parser = code_arg::<RaiserKind>)]
    raiser: RaiserKind,
    /// 提出人（个人时填，工号或姓名）
    #[arg(long, value_name = "工号或姓名", conflicts_with = "group")]
    person: Option<String>,
    /// 集体名称（集体时填，如 营业班全体）
    #[arg(long, value_name = "名称")]
    group: Option<String>,
    /// 涉及单位（编号或名称）
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 分类名称，如 薪酬待遇
    #[arg(long, value_name = "分类")]
    category: String,
    /// 诉求内容
    #[arg(long, value_name = "内容")]
    content: String,
    /// 办理期限（默认按分类的天数推算）
    #[arg(long, value_name = "日期", value_parser = date_arg("办理期限"))]
    deadline: Option<NaiveDate>,
}

impl ConcernFields {
    fn input(&self, conn: &Connection) -> Result<ConcernInput> {
        Ok(ConcernInput {
            received_on: self.date.unwrap_or_else(today),
            source: self.source,
            activity_id: self.activity,
            talk_id: self.talk,
            visit_id: self.visit,
            opinion_id: self.opinion,
            raiser_kind: self.raiser,
            raiser_id: person_id(conn, "提出人", self.person.as_deref())?,
            raiser_group: self.group.clone(),
            unit_id: unit_id(conn, self.unit.as_deref())?,
            category_id: category(conn, &self.category)?.id,
            content: self.content.clone(),
            deadline: self.deadline,
        })
    }
}

/// The category named `name` (retired ones too: old concerns keep theirs).
fn category(conn: &Connection, name: &str) -> Result<Category> {
    let name = name.trim();
    let all = concern::categories(conn, true)?;
    if let Some(c) = all.iter().find(|c| c.name == name) {
        return Ok(c.clone());
    }
    let names = all
        .iter()
        .filter(|c| !c.retired)
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    Err(Error::invalid(
        "诉求分类",
        format!("没有“{name}”这个分类，可选：{names}"),
    ))
}

fn concern_rows(list: &[Concern]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|c| {
        vec![
            c.id.to_string(),
            c.received_on.to_string(),
            c.source.to_string(),
            c.raiser.clone(),
            c.category.clone(),
            c.content.clone(),
            c.status.to_string(),
            c.deadline.to_string(),
            if c.overdue {
                format!("逾期 {} 天", c.overdue_days)
            } else {
                String::new()
            },
        ]
    })
}

fn show(db: &Db, json: bool, id: i64) -> Result<()> {
    let d = concern::detail(db.conn(), id, today())?;
    out(json, &d, || {
        let c = &d.concern;
        let handler = [c.handler_unit_name.clone(), c.handler_person_name.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let mut rows = vec![
            ("编号", c.id.to_string()),
            ("受理日期", c.received_on.to_string()),
            ("来源", c.source.to_string()),
        ];
        if let Some(a) = &c.activity_title {
            rows.push(("活动", a.clone()));
        }
        rows.extend([
            ("提出人", format!("{}（{}）", c.raiser, c.raiser_kind)),
            ("涉及单位", opt(&c.unit_name)),
            ("分类", c.category.clone()),
            ("内容", c.content.clone()),
            ("状态", c.status.to_string()),
            ("承办", handler),
            (
                "办理期限",
                if c.overdue {
                    format!("{}（逾期 {} 天）", c.deadline, c.overdue_days)
                } else {
                    c.deadline.to_string()
                },
            ),
            ("答复", opt(&c.reply)),
            ("答复日期", opt(&c.replied_on)),
            ("办结日期", opt(&c.closed_on)),
            ("满意度", opt(&c.satisfaction)),
        ]);
        if let Some(on) = c.escalated_on {
            rows.push((
                "上报",
                format!(
                    "{on} 上报{}：{}",
                    opt(&c.escalated_to),
                    opt(&c.escalation_note)
                ),
            ));
        }
        key_values(&rows);
        println!("办理过程：");
        table(
            &["时间", "环节", "状态", "经办", "说明"],
            d.steps.iter().map(|s| {
                vec![
                    s.at.format("%Y-%m-%d %H:%M").to_string(),
                    s.step.clone(),
                    s.status.to_string(),
                    s.actor.clone(),
                    opt(&s.note),
                ]
            }),
        );
    });
    Ok(())
}

pub fn run(ctx: &Context, cmd: &ConcernCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        ConcernCmd::List {
            filter,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let (offset, limit) = window(*page, *page_size);
            let page = concern::list(db.conn(), &filter, today(), offset, limit)?;
            out(json, &page, || {
                table(
                    &[
                        "编号",
                        "受理日期",
                        "来源",
                        "提出人",
                        "分类",
                        "内容",
                        "状态",
                        "期限",
                        "逾期",
                    ],
                    concern_rows(&page.items),
                );
                println!("共 {} 件，本页 {} 件", page.total, page.items.len());
            });
        }
        ConcernCmd::Show { id } => show(&db, json, *id)?,
        ConcernCmd::Add(fields) => {
            let input = fields.input(db.conn())?;
            let id = db.transact(actor, Action::ConcernAdd, |tx| concern::add(tx, input))?;
            if json {
                show(&db, json, id)?;
            } else {
                let c = concern::get(db.conn(), id, today())?;
                println!("已受理诉求，编号 {id}，办理期限 {}", c.deadline);
            }
        }
        ConcernCmd::Assign {
            id,
            unit,
            person,
            deadline,
            note,
        } => {
            if unit.is_none() && person.is_none() && deadline.is_none() && note.is_none() {
                return Err(Error::invalid(
                    "交办",
                    "请用 --unit、--person、--deadline 或 --note 说明如何交办",
                ));
            }
            let handler_unit = unit
                .as_deref()
                .map(|u| units::resolve(db.conn(), u))
                .transpose()?;
            let handler_person = person_id(db.conn(), "承办人", person.as_deref())?;
            db.transact(actor, Action::ConcernAssign, |tx| {
                concern::assign(
                    tx,
                    *id,
                    handler_unit,
                    handler_person,
                    *deadline,
                    note.as_deref(),
                )
            })?;
            done(&db, json, *id, "已交办")?;
        }
        ConcernCmd::Reply { id, text, date } => {
            db.transact(actor, Action::ConcernReply, |tx| {
                concern::reply(tx, *id, text, date.unwrap_or_else(today))
            })?;
            done(&db, json, *id, "已答复")?;
        }
        ConcernCmd::Close {
            id,
            satisfaction,
            date,
            note,
        } => {
            let status = db.transact(actor, Action::ConcernClose, |tx| {
                concern::close(
                    tx,
                    *id,
                    *satisfaction,
                    date.unwrap_or_else(today),
                    note.as_deref(),
                )
            })?;
            let message = if status == ConcernStatus::Closed {
                format!("已办结（{satisfaction}）")
            } else {
                format!("提出人{satisfaction}，诉求重新办理（{status}）")
            };
            done(&db, json, *id, &message)?;
        }
        ConcernCmd::Escalate { id, to, note, date } => {
            db.transact(actor, Action::ConcernEscalate, |tx| {
                concern::escalate(tx, *id, date.unwrap_or_else(today), to, note)
            })?;
            done(&db, json, *id, &format!("已上报{to}"))?;
        }
        ConcernCmd::Categories { all } => {
            let list = concern::categories(db.conn(), *all)?;
            out(json, &list, || {
                table(
                    &["编号", "分类", "办理期限", "状态"],
                    list.iter().map(|c| {
                        vec![
                            c.id.to_string(),
                            c.name.clone(),
                            format!("{} 天", c.deadline_days),
                            if c.retired { "已停用" } else { "启用" }.to_string(),
                        ]
                    }),
                )
            });
        }
        ConcernCmd::CategorySet { name, days, retire } => {
            let existing = concern::categories(db.conn(), true)?
                .into_iter()
                .find(|c| c.name == name.trim())
                .map(|c| c.id);
            let id = db.transact(actor, Action::ConcernCategory, |tx| {
                concern::save_category(tx, existing, name, *days, *retire)
            })?;
            out(
                json,
                &serde_json::json!({"id": id, "name": name.trim(), "deadline_days": days, "retired": retire}),
                || {
                    let what = if existing.is_some() {
                        "修改"
                    } else {
                        "新增"
                    };
                    let state = if *retire { "，已停用" } else { "" };
                    println!("已{what}分类“{}”：办理期限 {days} 天{state}", name.trim())
                },
            );
        }
    }
    Ok(())
}

/// After a step: the concern as it now stands (JSON), or a line saying what was done.
fn done(db: &Db, json: bool, id: i64, message: &str) -> Result<()> {
    if json {
        return show(db, json, id);
    }
    let c = concern::get(db.conn(), id, today())?;
    println!("诉求 {id} {message}，当前状态：{}", c.status);
    Ok(())
}
