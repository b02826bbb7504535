//! `qungong activity`: planning activities (single or a weekly / monthly series), editing,
//! cancelling and summing them up; the photos and files of their 活动记录.

use std::path::PathBuf;

use chrono::{Duration, NaiveDateTime};
use clap::{Args, Subcommand};

use qungong::activities::{self, Activity, ActivityInput};
use qungong::attendance;
use qungong::codes::{ActivityKind, ActivityMode, AttachmentKind, Recurrence};
use qungong::db::Connection;
use qungong::{Db, Error, Result, records, units};

use crate::Context;
use crate::args::{ActivityFilterArgs, code_arg, datetime_arg, field, set};
use crate::output::{key_values, opt, out, table};

#[derive(Subcommand)]
pub enum ActivityCmd {
    /// 活动列表（新的在前）
    List {
        #[command(flatten)]
        filter: ActivityFilterArgs,
        #[arg(long, default_value_t = 1, value_name = "页码")]
        page: i64,
        #[arg(long, default_value_t = 50, value_name = "条数")]
        page_size: i64,
    },
    /// 新增活动（可用 --repeat 一次建立系列活动）
    Add {
        #[command(flatten)]
        fields: ActivityFields,
        /// 重复：每周 / 每月（与 --count 一起使用）
        #[arg(long, value_name = "方式", value_parser = code_arg::<Recurrence>, requires = "count")]
        repeat: Option<Recurrence>,
        /// 系列共几次
        #[arg(long, value_name = "次数", requires = "repeat")]
        count: Option<u32>,
    },
    /// 查看活动详情与出勤概况
    Show {
        #[arg(value_name = "活动编号")]
        id: i64,
    },
    /// 修改活动（只改给出的项）；加 --series 则修改整个系列中尚未开展的各次
    Edit {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[command(flatten)]
        fields: ActivityFields,
        #[arg(long)]
        series: bool,
    },
    /// 取消活动；加 --series 则取消整个系列中尚未开展的各次
    Cancel {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[arg(long)]
        series: bool,
    },
    /// 填写活动小结（活动记为已开展）
    Summary {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[arg(value_name = "小结")]
        text: String,
    },
    /// 给活动添加照片或附件（会议记录、签字签到表的扫描件等），单个不超过 20 MB
    Attach {
        #[arg(value_name = "活动编号")]
        id: i64,
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 照片说明（打印在活动记录的照片下方）
        #[arg(long, value_name = "说明")]
        caption: Option<String>,
        /// 照片 / 文件（默认：JPG、PNG 图片为照片，其他为文件）
        #[arg(long, value_name = "类型", value_parser = code_arg::<AttachmentKind>)]
        kind: Option<AttachmentKind>,
    },
    /// 活动的照片和附件
    Files {
        #[arg(value_name = "活动编号")]
        id: i64,
    },
    /// 把附件原样另存为文件
    FileSave {
        #[arg(value_name = "附件编号")]
        file_id: i64,
        #[arg(short = 'o', long = "output", value_name = "文件")]
        output: PathBuf,
    },
    /// 删除活动的照片或附件
    Detach {
        #[arg(value_name = "附件编号")]
        file_id: i64,
    },
}

#[derive(Args)]
pub struct ActivityFields {
    /// 活动名称
    #[arg(long, value_name = "名称")]
    title: Option<String>,
    /// 专题讲座、歌咏比赛、形势任务宣讲、职工座谈会、主题教育、红色教育、谈心谈话、其他
    #[arg(long, value_name = "类型", value_parser = code_arg::<ActivityKind>)]
    kind: Option<ActivityKind>,
    /// 线下 / 线上 / 线上线下
    #[arg(long, value_name = "形式", value_parser = code_arg::<ActivityMode>)]
    mode: Option<ActivityMode>,
    /// 开始时间，如 "2026-11-25 09:00"
    #[arg(long, value_name = "时间", value_parser = datetime_arg("开始时间"))]
    start: Option<NaiveDateTime>,
    /// 结束时间（新增时默认开始后 2 小时）
    #[arg(long, value_name = "时间", value_parser = datetime_arg("结束时间"))]
    end: Option<NaiveDateTime>,
    /// 地点（线下）
    #[arg(long, value_name = "地点")]
    place: Option<String>,
    /// 线上会议名称或会议号（线上）
    #[arg(long, value_name = "会议")]
    meeting: Option<String>,
    /// 主办单位（编号或名称）
    #[arg(long, value_name = "单位")]
    organizer: Option<String>,
    /// 主讲人 / 主持人
    #[arg(long, value_name = "姓名")]
    host: Option<String>,
    /// 活动内容简介
    #[arg(long, value_name = "简介")]
    description: Option<String>,
    /// 开始后多少分钟内签到不算迟到（默认 10）
    #[arg(long, value_name = "分钟")]
    grace: Option<u32>,
}

impl ActivityFields {
    fn apply(&self, conn: &Connection, base: Option<ActivityInput>) -> Result<ActivityInput> {
        let mut a = match base {
            Some(a) => a,
            None => {
                let title = self
                    .title
                    .clone()
                    .ok_or_else(|| Error::invalid("活动名称", "请用 --title 填写"))?;
                let start = self
                    .start
                    .ok_or_else(|| Error::invalid("开始时间", "请用 --start 填写"))?;
                ActivityInput {
                    kind: ActivityKind::Other,
                    mode: ActivityMode::Offline,
                    title,
                    starts_at: start,
                    ends_at: start + Duration::hours(2),
                    place: None,
                    online_meeting: None,
                    organizer_unit_id: None,
                    host: None,
                    description: None,
                    late_grace_minutes: activities::DEFAULT_LATE_GRACE_MINUTES,
                }
            }
        };
        if let Some(t) = &self.title {
            a.title = t.clone();
        }
        if let Some(k) = self.kind {
            a.kind = k;
        }
        if let Some(m) = self.mode {
            a.mode = m;
        }
        if let Some(start) = self.start {
            // Moving the start keeps the length unless an end is given too.
            let length = a.ends_at - a.starts_at;
            a.starts_at = start;
            a.ends_at = start + length;
        }
        if let Some(end) = self.end {
            a.ends_at = end;
        }
        set(&mut a.place, field(&self.place, |s| Ok(s.to_string()))?);
        set(
            &mut a.online_meeting,
            field(&self.meeting, |s| Ok(s.to_string()))?,
        );
        set(&mut a.host, field(&self.host, |s| Ok(s.to_string()))?);
        set(
            &mut a.description,
            field(&self.description, |s| Ok(s.to_string()))?,
        );
        set(
            &mut a.organizer_unit_id,
            field(&self.organizer, |s| units::resolve(conn, s))?,
        );
        if let Some(g) = self.grace {
            a.late_grace_minutes = g;
        }
        Ok(a)
    }
}

fn activity_rows(list: &[Activity]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|a| {
        let rate = if a.invited > 0 {
            format!("{}/{}", a.attended, a.invited)
        } else {
            String::new()
        };
        vec![
            a.id.to_string(),
            a.starts_at.format("%Y-%m-%d %H:%M").to_string(),
            a.kind.to_string(),
            a.title.clone(),
            opt(&a.organizer_name),
            a.status.to_string(),
            rate,
        ]
    })
}

fn show_activity(db: &Db, json: bool, id: i64) -> Result<()> {
    let a = activities::get(db.conn(), id)?;
    let counts = attendance::counts(db.conn(), id)?;
    out(
        json,
        &serde_json::json!({"activity": a, "counts": counts}),
        || {
            let where_ = [a.place.clone(), a.online_meeting.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("；");
            key_values(&[
                ("编号", a.id.to_string()),
                ("活动名称", a.title.clone()),
                ("类型", a.kind.to_string()),
                ("形式", a.mode.to_string()),
                (
                    "时间",
                    format!(
                        "{} 至 {}",
                        a.starts_at.format("%Y-%m-%d %H:%M"),
                        a.ends_at.format(if a.ends_at.date() == a.starts_at.date() {
                            "%H:%M"
                        } else {
                            "%Y-%m-%d %H:%M"
                        })
                    ),
                ),
                ("地点", where_),
                ("主办单位", opt(&a.organizer_name)),
                ("主讲人", opt(&a.host)),
                ("状态", a.status.to_string()),
                (
                    "系列",
                    if a.series_uid.is_some() {
                        "是（系列活动）".into()
                    } else {
                        "否".into()
                    },
                ),
                ("迟到宽限", format!("{} 分钟", a.late_grace_minutes)),
                ("简介", opt(&a.description)),
                ("小结", opt(&a.summary)),
                (
                    "应到 / 实到",
                    format!("{} / {}", counts.invited, counts.attended),
                ),
                (
                    "迟到 / 请假 / 缺席",
                    format!("{} / {} / {}", counts.late, counts.leave, counts.absent),
                ),
                ("非名单签到", counts.walk_ins.to_string()),
                ("出勤率", counts.rate_text()),
            ])
        },
    );
    Ok(())
}

pub fn run(ctx: &Context, cmd: &ActivityCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    match cmd {
        ActivityCmd::List {
            filter,
            page,
            page_size,
        } => {
            let filter = filter.filter(db.conn())?;
            let size = (*page_size).clamp(1, 1000);
            let page = activities::list(db.conn(), &filter, (page.max(&1) - 1) * size, size)?;
            out(json, &page, || {
                table(
                    &[
                        "编号",
                        "时间",
                        "类型",
                        "活动名称",
                        "主办单位",
                        "状态",
                        "实到/应到",
                    ],
                    activity_rows(&page.items),
                );
                println!("共 {} 项，本页 {} 项", page.total, page.items.len());
            });
        }
        ActivityCmd::Add {
            fields,
            repeat,
            count,
        } => {
            let input = fields.apply(db.conn(), None)?;
            let ids = match (repeat, count) {
                (Some(r), Some(n)) => {
                    db.transact(actor, qungong::Action::ActivityAddSeries, |tx| {
                        activities::add_series(tx, input, *r, *n)
                    })?
                }
                _ => vec![db.transact(actor, qungong::Action::ActivityAdd, |tx| {
                    activities::add(tx, input)
                })?],
            };
            if json {
                let list: Vec<Activity> = ids
                    .iter()
                    .map(|&id| activities::get(db.conn(), id))
                    .collect::<Result<_>>()?;
                out(true, &list, || {});
            } else if ids.len() == 1 {
                println!("已新增活动，编号 {}", ids[0]);
            } else {
                println!(
                    "已新增系列活动 {} 次，编号 {}–{}",
                    ids.len(),
                    ids[0],
                    ids[ids.len() - 1]
                );
            }
        }
        ActivityCmd::Show { id } => show_activity(&db, json, *id)?,
        ActivityCmd::Edit { id, fields, series } => {
            let base = activities::get(db.conn(), *id)?.to_input();
            let input = fields.apply(db.conn(), Some(base))?;
            if *series {
                let n = db.transact(actor, qungong::Action::ActivityEditSeries, |tx| {
                    activities::update_series(tx, *id, input)
                })?;
                out(json, &serde_json::json!({"updated": n}), || {
                    println!("已修改系列中尚未开展的 {n} 项活动")
                });
            } else {
                db.transact(actor, qungong::Action::ActivityEdit, |tx| {
                    activities::update(tx, *id, input)
                })?;
                show_activity(&db, json, *id)?;
            }
        }
        ActivityCmd::Cancel { id, series } => {
            let n = db.transact(actor, qungong::Action::ActivityCancel, |tx| {
                activities::cancel(tx, *id, *series)
            })?;
            out(json, &serde_json::json!({"cancelled": n}), || {
                println!("已取消 {n} 项活动")
            });
        }
        ActivityCmd::Attach {
            id,
            file,
            caption,
            kind,
        } => {
            // Read and make the thumbnail before the write transaction.
            let prepared = records::prepare_path(*kind, file, caption.as_deref())?;
            let file_id = db.transact(actor, qungong::Action::ActivityFileAdd, |tx| {
                records::attach(tx, *id, prepared)
            })?;
            let f = records::get(db.conn(), file_id)?;
            out(json, &f, || {
                println!(
                    "已添加{}“{}”（{}），附件编号 {}",
                    f.kind,
                    f.name,
                    records::human_size(f.size as u64),
                    f.id
                )
            });
        }
        ActivityCmd::Files { id } => {
            let files = records::list(db.conn(), *id, false)?;
            out(json, &files, || {
                table(
                    &["编号", "类型", "文件名", "大小", "尺寸", "说明", "添加时间"],
                    files.iter().map(|f| {
                        vec![
                            f.id.to_string(),
                            f.kind.to_string(),
                            f.name.clone(),
                            records::human_size(f.size as u64),
                            match (f.width, f.height) {
                                (Some(w), Some(h)) => format!("{w}×{h}"),
                                _ => String::new(),
                            },
                            opt(&f.caption),
                            f.created_at.format("%Y-%m-%d %H:%M").to_string(),
                        ]
                    }),
                )
            });
        }
        ActivityCmd::FileSave { file_id, output } => {
            let f = records::save_to(db.conn(), *file_id, output)?;
            out(
                json,
                &serde_json::json!({"id": f.id, "path": output, "bytes": f.size, "sha256": f.sha256}),
                || println!("已将“{}”另存为 {}", f.name, output.display()),
            );
        }
        ActivityCmd::Detach { file_id } => {
            let f = db.transact(actor, qungong::Action::ActivityFileRemove, |tx| {
                records::remove(tx, *file_id)
            })?;
            out(json, &serde_json::json!({"removed": f.id}), || {
                println!("已删除{}“{}”", f.kind, f.name)
            });
        }
        ActivityCmd::Summary { id, text } => {
            db.transact(actor, qungong::Action::ActivitySummary, |tx| {
                activities::record_summary(tx, *id, text)
            })?;
            out(json, &serde_json::json!({"id": id}), || {
                println!("已填写小结，活动记为已开展")
            });
        }
    }
    Ok(())
}
