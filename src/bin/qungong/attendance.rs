//! Who is expected and who came: `qungong invite`, `qungong checkin` and `qungong attendance`
//! (the sheet, setting a status, rates, the did-not-attend list).

use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use qungong::attendance::{self, Counts};
use qungong::codes::{AttendanceStatus, PoliticalStatus};
use qungong::{Error, Result, people, units};

use crate::Context;
use crate::args::{FilterArgs, RateScope, RatesBy, code_arg, datetime_arg, person_ids};
use crate::output::{opt, out, percent, table};

#[derive(Args)]
pub struct InviteArgs {
    /// 活动编号
    #[arg(long, value_name = "活动编号")]
    activity: i64,
    /// 邀请该单位（含下级）全体在职职工；与条件同用时只邀请其中符合条件的人
    #[arg(long = "unit", value_name = "单位")]
    units: Vec<String>,
    /// 按条件：政工干部
    #[arg(long)]
    cadres: bool,
    /// 按条件：后备人才
    #[arg(long)]
    reserve: bool,
    /// 按条件：中共党员（含预备党员）
    #[arg(long)]
    party: bool,
    /// 按条件：政治面貌
    #[arg(long, value_name = "政治面貌", value_parser = code_arg::<PoliticalStatus>)]
    political: Option<PoliticalStatus>,
    /// 邀请个人（工号或身份证号，可重复）
    #[arg(long = "person", value_name = "工号或身份证号")]
    people: Vec<String>,
    /// 移出名单（工号或身份证号，可重复）
    #[arg(long = "remove", value_name = "工号或身份证号")]
    remove: Vec<String>,
}

#[derive(Args)]
pub struct CheckinArgs {
    /// 活动编号
    #[arg(long, value_name = "活动编号")]
    activity: i64,
    /// 工号（扫码枪输入的即为工号）；没有工号的职工用身份证号
    #[arg(value_name = "工号或身份证号")]
    employee_no: String,
    /// 补录：活动开始后按纸质签到表登记（签到时段已过也可），时间默认为活动开始时间
    #[arg(long, visible_alias = "补录")]
    backfill: bool,
    /// 补录的签到时间，如 "2026-11-25 09:03"（只与 --backfill 同用；现场签到一律按现在时间）
    #[arg(long, value_name = "时间", value_parser = datetime_arg("签到时间"))]
    at: Option<NaiveDateTime>,
    /// 确认为非名单人员签到
    #[arg(long)]
    walk_in: bool,
}

#[derive(Subcommand)]
pub enum AttendanceCmd {
    /// 一项活动的签到情况
    Sheet {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
    },
    /// 设置某人的签到状态：出席 / 迟到 / 请假（须填事由）/ 缺席 / 未签到
    Set {
        #[arg(long, value_name = "活动编号")]
        activity: i64,
        #[arg(value_name = "工号或身份证号")]
        employee_no: String,
        #[arg(long, value_name = "状态")]
        status: String,
        /// 请假事由
        #[arg(long, value_name = "事由")]
        reason: Option<String>,
    },
    /// 出勤率：按单位、按人员或按活动类型，统计期内已开展的活动
    Rates {
        /// unit（按单位，含下级汇总）、person（按人员）或 kind（按活动类型：各单位开展次数与出勤率）
        #[arg(long, value_enum, value_name = "维度")]
        by: RatesBy,
        #[command(flatten)]
        scope: RateScope,
    },
    /// 未出席名单（便于跟进）
    Absent {
        #[command(flatten)]
        scope: RateScope,
        /// 同时列出请假人员及事由
        #[arg(long)]
        include_leave: bool,
    },
    /// 连续缺席：统计期内连续缺席达到次数的人员（请假中断连续）
    Runs {
        #[command(flatten)]
        scope: RateScope,
        /// 连续缺席次数下限；不给则用设置（attendance_absence_run，默认 3）
        #[arg(long, value_name = "次数")]
        min: Option<u32>,
    },
}

pub fn invite(ctx: &Context, args: &InviteArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let conn = db.conn();
    let condition = FilterArgs {
        unit: None,
        cadres: args.cadres,
        reserve: args.reserve,
        party: args.party,
        political: args.political,
    };
    let unit_ids: Vec<i64> = args
        .units
        .iter()
        .map(|u| units::resolve(conn, u))
        .collect::<Result<_>>()?;
    let named_ids = person_ids(conn, &args.people)?;
    let remove_ids = person_ids(conn, &args.remove)?;
    if unit_ids.is_empty()
        && named_ids.is_empty()
        && remove_ids.is_empty()
        && !condition.has_condition()
    {
        return Err(Error::invalid(
            "邀请对象",
            "请用 --unit、--person、--cadres / --party 等条件指定，或用 --remove 移出",
        ));
    }
    let activity = args.activity;
    let filter = condition
        .has_condition()
        .then(|| condition.to_filter_without_unit());
    // Removing and adding are two acts, audited as such (移出应到名单, 加入应到名单), as the
    // desktop records them.
    if !remove_ids.is_empty() {
        db.transact(&ctx.actor, qungong::Action::AttendanceUninvite, |tx| {
            remove_ids
                .iter()
                .try_for_each(|&p| attendance::uninvite(tx, activity, p))
        })?;
    }
    let added = if !unit_ids.is_empty() || filter.is_some() || !named_ids.is_empty() {
        db.transact(&ctx.actor, qungong::Action::AttendanceInvite, |tx| {
            attendance::invite(tx, activity, &unit_ids, filter.as_ref(), &named_ids)
        })?
    } else {
        0
    };
    let counts = attendance::counts(db.conn(), activity)?;
    out(
        ctx.json,
        &serde_json::json!({"added": added, "removed": remove_ids.len(), "invited": counts.invited}),
        || {
            let removed = if remove_ids.is_empty() {
                String::new()
            } else {
                format!("，移出 {} 人", remove_ids.len())
            };
            println!(
                "已邀请 {added} 人{removed}，应到名单现有 {} 人",
                counts.invited
            );
        },
    );
    Ok(())
}

pub fn check_in(ctx: &Context, args: &CheckinArgs) -> Result<()> {
    if args.at.is_some() && !args.backfill {
        return Err(Error::invalid(
            "签到时间",
            "现场签到按现在的时间记录；要按纸质签到表登记当时的时间，请同时加 --backfill（补录）",
        ));
    }
    let mut db = ctx.open()?;
    let now = qungong::db::now();
    let p = people::by_key(db.conn(), &args.employee_no)?;
    // A repeated check-in writes nothing, not even an audit row.
    let result = if args.backfill {
        attendance::check_in_audited(
            &mut db,
            &ctx.actor,
            qungong::Action::AttendanceBackfill,
            |tx| attendance::backfill(tx, args.activity, p.id, args.at, args.walk_in, now),
        )?
    } else {
        attendance::check_in_audited(
            &mut db,
            &ctx.actor,
            qungong::Action::AttendanceCheckIn,
            |tx| attendance::check_in(tx, args.activity, p.id, now, args.walk_in),
        )?
    };
    out(ctx.json, &result, || println!("{}", result.message()));
    Ok(())
}

/// The columns every rate table ends with, and their cells.
const COUNT_HEADERS: [&str; 6] = ["应到", "实到", "迟到", "请假", "缺席", "出勤率"];

fn count_cells(c: &Counts) -> Vec<String> {
    vec![
        c.invited.to_string(),
        c.attended.to_string(),
        c.late.to_string(),
        c.leave.to_string(),
        c.absent.to_string(),
        percent(c.rate),
    ]
}

pub fn run(ctx: &Context, cmd: &AttendanceCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let json = ctx.json;
    match cmd {
        AttendanceCmd::Sheet { activity } => {
            let sheet = attendance::sheet(db.conn(), *activity)?;
            out(json, &sheet, || {
                println!(
                    "{}（{}）",
                    sheet.activity.title,
                    sheet.activity.starts_at.format("%Y-%m-%d %H:%M")
                );
                table(
                    &[
                        "序号",
                        "工号",
                        "姓名",
                        "单位",
                        "岗位",
                        "状态",
                        "签到时间",
                        "备注",
                    ],
                    sheet.rows.iter().enumerate().map(|(i, r)| {
                        let note = match (&r.leave_reason, r.invited) {
                            (Some(reason), _) => reason.clone(),
                            (None, false) => "非名单人员".into(),
                            _ => String::new(),
                        };
                        vec![
                            (i + 1).to_string(),
                            opt(&r.employee_no),
                            r.name.clone(),
                            r.unit_name.clone(),
                            opt(&r.position),
                            r.status_label.to_string(),
                            r.checked_in_at
                                .map(|t| t.format("%H:%M").to_string())
                                .unwrap_or_default(),
                            note,
                        ]
                    }),
                );
                let c = &sheet.counts;
                println!(
                    "应到 {} 人，实到 {} 人（迟到 {}），请假 {}，缺席 {}，非名单签到 {}；出勤率 {}",
                    c.invited,
                    c.attended,
                    c.late,
                    c.leave,
                    c.absent,
                    c.walk_ins,
                    c.rate_text()
                );
            });
        }
        AttendanceCmd::Set {
            activity,
            employee_no,
            status,
            reason,
        } => {
            let status = match status.trim() {
                "未签到" | "清除" => None,
                s => Some(AttendanceStatus::parse(s)?),
            };
            let p = people::by_key(db.conn(), employee_no)?;
            db.transact(&ctx.actor, qungong::Action::AttendanceSetStatus, |tx| {
                attendance::set_status(
                    tx,
                    *activity,
                    p.id,
                    status,
                    reason.as_deref(),
                    qungong::db::now(),
                )
            })?;
            let counts = attendance::counts(db.conn(), *activity)?;
            out(json, &counts, || {
                println!(
                    "已将 {} 设为{}；出勤率 {}",
                    p.name,
                    status.map_or("未签到", |s| s.label()),
                    counts.rate_text()
                )
            });
        }
        AttendanceCmd::Rates { by, scope } => {
            let q = scope.query(db.conn())?;
            let (from, to) = (q.from, q.to);
            match by {
                RatesBy::Unit => {
                    let rates = attendance::rates_by_unit(db.conn(), &q)?;
                    out(json, &rates, || {
                        table(
                            &[&["单位"][..], &COUNT_HEADERS].concat(),
                            rates.iter().map(|r| {
                                let name = format!("{}{}", "  ".repeat(r.depth as usize), r.name);
                                [vec![name], count_cells(&r.counts)].concat()
                            }),
                        );
                        println!("统计期 {from} 至 {to}，已开展的活动；单位数字含下级单位");
                    });
                }
                RatesBy::Person => {
                    let rates = attendance::rates_by_person(db.conn(), &q)?;
                    out(json, &rates, || {
                        table(
                            &[&["工号", "姓名", "单位"][..], &COUNT_HEADERS].concat(),
                            rates.iter().map(|r| {
                                let who =
                                    vec![opt(&r.employee_no), r.name.clone(), r.unit_name.clone()];
                                [who, count_cells(&r.counts)].concat()
                            }),
                        );
                        println!("统计期 {from} 至 {to}，已开展的活动；出勤率低的在前");
                    });
                }
                RatesBy::Kind => {
                    let t = attendance::rates_by_kind(db.conn(), &q)?;
                    out(json, &t, || {
                        let mut headers = vec!["单位".to_string()];
                        for k in &t.kinds {
                            headers.push(format!("{}次数", k.label()));
                            headers.push(format!("{}出勤率", k.label()));
                        }
                        headers.push("合计次数".into());
                        headers.push("合计出勤率".into());
                        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                        table(
                            &headers,
                            t.rows.iter().map(|r| {
                                let mut row =
                                    vec![format!("{}{}", "  ".repeat(r.depth as usize), r.name)];
                                for c in &r.cells {
                                    row.push(c.activities.to_string());
                                    row.push(c.counts.rate_text());
                                }
                                row.push(r.activities.to_string());
                                row.push(r.counts.rate_text());
                                row
                            }),
                        );
                        println!("统计期 {from} 至 {to}，已开展的活动，按组织单位（含下级单位）");
                    });
                }
            }
        }
        AttendanceCmd::Runs { scope, min } => {
            let q = scope.query(db.conn())?;
            let min = match min {
                Some(n) => attendance::runs::parse_run(&n.to_string())?,
                None => attendance::absence_run(db.conn())?,
            };
            let list = attendance::absence_runs(db.conn(), &q, min)?;
            out(json, &list, || {
                table(
                    &["工号", "姓名", "单位", "最长连续缺席", "至今连续缺席"],
                    list.iter().map(|r| {
                        vec![
                            opt(&r.employee_no),
                            r.name.clone(),
                            r.unit_name.clone(),
                            format!("{} 次", r.longest),
                            format!("{} 次", r.current),
                        ]
                    }),
                );
                println!(
                    "统计期 {} 至 {}，连续缺席 {min} 次及以上：{} 人（请假中断连续）",
                    q.from,
                    q.to,
                    list.len()
                );
            });
        }
        AttendanceCmd::Absent {
            scope,
            include_leave,
        } => {
            let q = scope.query(db.conn())?;
            let list = attendance::absences(db.conn(), &q, *include_leave)?;
            out(json, &list, || {
                table(
                    &["日期", "活动", "工号", "姓名", "单位", "状态", "事由"],
                    list.iter().map(|x| {
                        vec![
                            x.starts_at.format("%Y-%m-%d").to_string(),
                            x.activity_title.clone(),
                            opt(&x.employee_no),
                            x.name.clone(),
                            x.unit_name.clone(),
                            x.status.to_string(),
                            opt(&x.leave_reason),
                        ]
                    }),
                );
                println!("共 {} 人次", list.len());
            });
        }
    }
    Ok(())
}
