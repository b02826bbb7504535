//! `qungong import`: staff rosters (花名册) and online meetings' participant lists.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use qungong::attendance::meeting_import::{self, ManualMatch};
use qungong::people::import::{self as people_import, ImportOptions, RowAction};
use qungong::{Error, Result, people};

use crate::Context;
use crate::output::{clip, out, table};

#[derive(Subcommand)]
pub enum ImportCmd {
    /// 职工花名册：.xlsx、.xls、.et、.ods 或 .csv（UTF-8 或 GBK），自动找到表头、识别各列；
    /// 按工号（无工号时按身份证号）新增或更新，空白单元格不会清除已有信息；表尾的制表人、审核、
    /// 日期、备注、合计等行跳过
    People(ImportPeopleArgs),
    /// 线上会议的参会记录（腾讯会议、钉钉等导出的 .xlsx / .csv）：按姓名、昵称或工号匹配应到人员，
    /// 按入会时间签到（超过迟到宽限记迟到），已签到的不变
    MeetingAttendance(MeetingArgs),
}

#[derive(Args)]
pub struct ImportPeopleArgs {
    /// 花名册文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 只预览每一行将新增、更新、不变还是有错，不写入数据库
    #[arg(long)]
    dry_run: bool,
    /// 自动创建表中出现而单位树中没有的单位（否则这些行报错）
    #[arg(long)]
    create_units: bool,
    /// 导入到：本表所属的单位（编号或名称）。表中的部门、班组在它之下查找（和新建），
    /// 没有填单位的行归入它本身
    #[arg(long, value_name = "单位")]
    into: Option<String>,
}

#[derive(Args)]
pub struct MeetingArgs {
    #[arg(long, value_name = "活动编号")]
    activity: i64,
    /// 参会记录文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 只预览匹配结果，不写入
    #[arg(long)]
    dry_run: bool,
    /// 手动匹配未能自动匹配的记录：文件中的行号=工号（可重复），如 --match 12=10005
    #[arg(long = "match", value_name = "行号=工号")]
    matches: Vec<String>,
}

pub fn run(ctx: &Context, cmd: &ImportCmd) -> Result<()> {
    match cmd {
        ImportCmd::People(args) => import_people(ctx, args),
        ImportCmd::MeetingAttendance(args) => import_meeting(ctx, args),
    }
}

fn import_meeting(ctx: &Context, args: &MeetingArgs) -> Result<()> {
    let activity = args.activity;
    let mut db = ctx.open()?;
    let parsed = meeting_import::read_for_activity(db.conn(), activity, &args.file)?;
    let manual: Vec<ManualMatch> = args
        .matches
        .iter()
        .map(|m| {
            let bad = || Error::invalid("--match", format!("“{m}”应写成 行号=工号，如 12=10005"));
            let (row, no) = m.split_once(['=', '＝']).ok_or_else(bad)?;
            let row: usize = row.trim().parse().map_err(|_| bad())?;
            let person_id = people::by_key(db.conn(), no)?.id;
            Ok(ManualMatch { row, person_id })
        })
        .collect::<Result<_>>()?;
    let preview = meeting_import::preview(db.conn(), activity, &parsed)?;
    let applied = if args.dry_run {
        None
    } else {
        Some(
            db.transact(&ctx.actor, qungong::Action::AttendanceImportMeeting, |tx| {
                meeting_import::apply(tx, activity, &parsed, &manual)
            })?,
        )
    };
    let time = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%H:%M:%S").to_string())
            .unwrap_or_default()
    };
    out(
        ctx.json,
        &serde_json::json!({ "preview": preview, "applied": applied }),
        || {
            println!(
                "{}（{}）：文件第 {} 行为表头，迟到界限 {}",
                preview.activity_title,
                preview.starts_at.format("%Y-%m-%d %H:%M"),
                preview.header_row,
                preview.late_after.format("%H:%M")
            );
            table(
                &[
                    "行号",
                    "文件中的名称",
                    "工号",
                    "姓名",
                    "单位",
                    "匹配依据",
                    "入会时间",
                    "签到结果",
                    "说明",
                ],
                preview.matched.iter().map(|r| {
                    vec![
                        r.row.to_string(),
                        r.file_name.clone(),
                        r.employee_no.clone(),
                        r.name.clone(),
                        r.unit_name.clone(),
                        r.how.to_string(),
                        time(r.joined_at),
                        r.status.map_or("不变", |s| s.label()).to_string(),
                        r.note.clone(),
                    ]
                }),
            );
            if !preview.unmatched.is_empty() {
                println!("未能匹配的记录（可用 --match 行号=工号 手动匹配）：");
                table(
                    &["行号", "文件中的名称", "入会时间", "原因"],
                    preview.unmatched.iter().map(|r| {
                        vec![
                            r.row.to_string(),
                            r.file_name.clone(),
                            time(r.joined_at),
                            r.reason.clone(),
                        ]
                    }),
                );
            }
            for p in &preview.problems {
                eprintln!("注意：{p}");
            }
            match &applied {
                Some(a) => println!("{}", a.message()),
                None => println!(
                    "预览：将签到 {} 人（另有 {} 人已签到不变），未匹配 {} 条；未写入（去掉 --dry-run 即导入）",
                    preview
                        .matched
                        .iter()
                        .filter(|r| r.status.is_some())
                        .count(),
                    preview
                        .matched
                        .iter()
                        .filter(|r| r.status.is_none())
                        .count(),
                    preview.unmatched.len()
                ),
            }
        },
    );
    Ok(())
}

fn import_people(ctx: &Context, args: &ImportPeopleArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let sheet = people_import::load(&args.file)?;
    let target_unit_id = match &args.into {
        Some(key) => Some(qungong::units::resolve(db.conn(), key)?),
        None => None,
    };
    let options = ImportOptions {
        mapping: None,
        create_units: args.create_units,
        target_unit_id,
    };
    let started = Instant::now();
    let mut progress = |_: usize, _: usize| true;
    let preview = if args.dry_run {
        people_import::preview(&mut db, &sheet, &options, &mut progress)?
    } else {
        people_import::commit(&mut db, &ctx.actor, &sheet, &options, &mut progress)?
    };
    // A disk too full to merge the WAL is said now, not hidden behind 导入完成 (issue 14).
    db.checkpoint()?;
    let seconds = started.elapsed().as_secs_f64();
    let t = &preview.totals;
    out(ctx.json, &preview, || {
        let columns: Vec<String> = preview
            .mapping
            .columns
            .iter()
            .map(|c| {
                let field = c.field.map_or("（不导入）", |f| f.label());
                format!("{} {} → {field}", c.letter, clip(&c.title))
            })
            .collect();
        println!(
            "工作表“{}”，表头在第 {} 行：{}",
            preview.sheet_name,
            preview.mapping.header_row,
            columns.join("；")
        );
        if let Some(t) = &preview.target {
            println!("导入到：{t}");
        }
        table(
            &["行", "结果", "工号", "姓名", "所在单位", "说明"],
            preview.rows.iter().map(|r| {
                let detail = r
                    .errors
                    .iter()
                    .chain(&r.changes)
                    .chain(&r.notes)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    r.row_no.to_string(),
                    r.action.label().to_string(),
                    r.employee_no.clone(),
                    r.name.clone(),
                    r.unit.clone(),
                    detail,
                ]
            }),
        );
        let verb = if !preview.committed {
            "预览（未写入）"
        } else if t.new + t.updated == 0 && preview.new_units.is_empty() {
            "没有需要写入的变化，数据库未改动"
        } else {
            "已导入"
        };
        println!(
            "{verb}：共 {} 行，新增 {}，更新 {}，不变 {}，错误 {}（跳过表尾等 {} 行、空行 {} 行），用时 {seconds:.2} 秒",
            t.rows, t.new, t.updated, t.unchanged, t.errors, t.skipped, t.blank
        );
        for note in &preview.notes {
            println!("说明：{note}");
        }
        for problem in &preview.problems {
            eprintln!("问题：{problem}");
        }
        if !preview.new_units.is_empty() {
            let verb = if preview.committed {
                "已新建"
            } else {
                "将新建"
            };
            println!("{verb}单位：{}", preview.new_units.join("、"));
        }
        if t.errors > 0 {
            if preview.committed {
                eprintln!(
                    "有 {} 行有错误，未导入；请修改表格后重新导入（已导入的行不会重复）",
                    t.errors
                );
            } else {
                eprintln!("有 {} 行有错误，导入时将跳过这些行", t.errors);
            }
        }
    });
    let imported = preview
        .rows
        .iter()
        .any(|r| !matches!(r.action, RowAction::Error | RowAction::Skipped));
    if preview.committed && t.errors > 0 && !imported {
        return Err(Error::invalid(
            "导入",
            format!("全部 {} 行都有错误，未导入任何数据", t.errors),
        ));
    }
    Ok(())
}
