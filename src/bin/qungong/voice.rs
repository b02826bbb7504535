//! 党群沟通 on the command line: what the groups `concern`, `opinion`, `contact` and `talk`
//! share (people named by 工号 or name, the viewer of talk summaries, paging, texts from
//! files), and `qungong report`, the 职工思想动态分析报告.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use qungong::auth::{self, Role};
use qungong::db::Connection;
use qungong::people::{self, Person, PersonFilter};
use qungong::voice::report::{self, Figures, ReportInput, SavedReport, Tally};
use qungong::voice::{Period, Viewer};
use qungong::{Action, Error, Result};

use crate::Context;
use crate::args::{date_arg, unit_id};
use crate::output::{key_values, opt, out, percent, table};

/// A person named by 工号 (or 身份证号 for people without one) or by name. A name shared by
/// several people is refused, listing them, unless only one of them is in post.
pub fn person(conn: &Connection, field: &'static str, key: &str) -> Result<Person> {
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::invalid(field, "请填写工号或姓名"));
    }
    match people::by_key(conn, key) {
        Ok(p) => return Ok(p),
        Err(Error::NotFound { .. }) => {}
        Err(e) => return Err(e),
    }
    let name: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let filter = PersonFilter {
        search: Some(name.clone()),
        include_left: true,
        ..Default::default()
    };
    let named: Vec<Person> = people::list(conn, &filter, 0, 1000)?
        .items
        .into_iter()
        .filter(|p| p.name == name)
        .collect();
    let in_post: Vec<&Person> = named.iter().filter(|p| p.in_post()).collect();
    let candidates: Vec<&Person> = if in_post.is_empty() {
        named.iter().collect()
    } else {
        in_post
    };
    match candidates.as_slice() {
        [p] => Ok((*p).clone()),
        [] => Err(Error::invalid(
            field,
            format!("没有工号或姓名为“{key}”的职工"),
        )),
        many => {
            let list = many
                .iter()
                .map(|p| {
                    let no = p.employee_no.as_deref().unwrap_or("无工号");
                    format!("{no} {}（{}）", p.name, p.unit_name)
                })
                .collect::<Vec<_>>()
                .join("、");
            Err(Error::invalid(
                field,
                format!("有 {} 位职工名为“{name}”：{list}，请改用工号", many.len()),
            ))
        }
    }
}

/// An optional person option as the person's id.
pub fn person_id(conn: &Connection, field: &'static str, key: Option<&str>) -> Result<Option<i64>> {
    key.map(|k| person(conn, field, k).map(|p| p.id))
        .transpose()
}

/// Who is looking at talk summaries: the signed-in account.
pub fn viewer(ctx: &Context, conn: &Connection) -> Result<Viewer> {
    // A viewer without an account counts as the administrator in the core: never hand one
    // over for somebody else.
    let account = auth::list(conn)?
        .into_iter()
        .find(|a| a.name == ctx.actor.0)
        .ok_or_else(|| Error::invalid("账号", "找不到登录的账号"))?;
    Ok(Viewer {
        account_id: Some(account.id),
        admin: ctx.role == Some(Role::Admin),
    })
}

/// (offset, limit) of page `page` (from 1) of `size` rows.
pub fn window(page: i64, size: i64) -> (i64, i64) {
    let size = size.clamp(1, 1000);
    ((page.max(1) - 1) * size, size)
}

/// Today, for deadlines and overdue flags.
pub fn today() -> NaiveDate {
    qungong::db::today()
}

/// "3 / 5（60.0%）".
pub fn share(part: i64, whole: i64, rate: Option<f64>) -> String {
    format!("{part} / {whole}（{}）", percent(rate))
}

/// A text option read from a UTF-8 file: None when not given, `Some(None)` for `-` (none),
/// else the file's text (empty: none).
fn text_file(field: &'static str, path: &Option<PathBuf>) -> Result<Option<Option<String>>> {
    let Some(path) = path else {
        return Ok(None);
    };
    if path.as_os_str() == "-" {
        return Ok(Some(None));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::invalid(field, format!("无法读取 {}：{e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::invalid(
            field,
            format!("{} 不是 UTF-8 编码的文本文件", path.display()),
        )
    })?;
    let text = text.trim_start_matches('\u{feff}').trim().to_string();
    Ok(Some((!text.is_empty()).then_some(text)))
}

#[derive(Subcommand)]
pub enum ReportCmd {
    /// 已保存的职工思想动态分析报告
    List,
    /// 统计期内的各项数据（诉求、思想动态、座谈会、谈心谈话、联系点走访）
    Figures {
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: NaiveDate,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: NaiveDate,
        /// 单位（含下级），编号或名称；不填为全公司
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
    },
    /// 查看一份报告（正文与统计数据）
    Show {
        #[arg(value_name = "报告编号")]
        id: i64,
    },
    /// 新建报告，或用 --id 修改已保存的报告（只改给出的项）；正文各部分从 UTF-8 文本文件读取，写 - 表示清空
    Save {
        /// 要修改的报告编号；不填则新建
        #[arg(long, value_name = "报告编号")]
        id: Option<i64>,
        /// 标题
        #[arg(long, value_name = "标题")]
        title: Option<String>,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: Option<NaiveDate>,
        /// 单位（编号或名称）；给空值 "" 表示全公司
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 一、总体情况
        #[arg(long, value_name = "文件")]
        overall_file: Option<PathBuf>,
        /// 二、主要思想动态
        #[arg(long, value_name = "文件")]
        trends_file: Option<PathBuf>,
        /// 三、原因分析
        #[arg(long, value_name = "文件")]
        causes_file: Option<PathBuf>,
        /// 四、下一步措施
        #[arg(long, value_name = "文件")]
        steps_file: Option<PathBuf>,
    },
    /// 删除报告
    Delete {
        #[arg(value_name = "报告编号")]
        id: i64,
    },
}

fn tallies(list: &[Tally]) -> String {
    if list.is_empty() {
        return "—".into();
    }
    list.iter()
        .map(|t| format!("{} {}", t.name, t.count))
        .collect::<Vec<_>>()
        .join("、")
}

fn print_figures(f: &Figures) {
    key_values(&[
        ("统计期", f.period.label()),
        ("单位", f.unit_name.clone()),
        ("受理诉求", format!("{} 件", f.concerns)),
        ("按分类", tallies(&f.by_category)),
        ("按单位", tallies(&f.by_unit)),
        ("按状态", tallies(&f.by_status)),
        ("按来源", tallies(&f.by_source)),
        (
            "按期答复",
            share(f.answered_on_time, f.answered, f.on_time_rate),
        ),
        ("逾期未答复", format!("{} 件", f.overdue)),
        (
            "满意度",
            format!(
                "满意 {}、基本满意 {}、不满意 {}；满意率 {}",
                f.satisfied,
                f.basically_satisfied,
                f.unsatisfied,
                share(
                    f.satisfied + f.basically_satisfied,
                    f.rated,
                    f.satisfaction_rate
                )
            ),
        ),
        ("上报", format!("{} 件", f.escalated)),
        ("思想动态", format!("{} 条", f.opinions)),
        ("按等级", tallies(&f.by_level)),
        ("按趋势", tallies(&f.by_trend)),
        ("重大未及时上报", format!("{} 条", f.grave_unreported)),
        ("集中反映", tallies(&f.top_topics)),
        ("职工座谈会", format!("{} 次", f.forums)),
        ("谈心谈话", format!("{} 次", f.talks)),
        (
            "谈心谈话覆盖",
            share(f.talk_talked, f.talk_staff, f.talk_coverage),
        ),
        ("联系点走访", format!("{} 次", f.visits)),
        (
            "联系点覆盖",
            share(f.points_visited, f.points, f.visit_coverage),
        ),
    ]);
}

fn report_rows(list: &[SavedReport]) -> impl Iterator<Item = Vec<String>> + '_ {
    list.iter().map(|r| {
        vec![
            r.id.to_string(),
            r.input.title.clone(),
            format!("{} 至 {}", r.input.period_from, r.input.period_to),
            r.unit_name.clone().unwrap_or_else(|| "全公司".into()),
            r.updated_at.clone(),
        ]
    })
}

pub fn run_report(ctx: &Context, cmd: &ReportCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let json = ctx.json;
    let now = qungong::db::now();
    match cmd {
        ReportCmd::List => {
            let list = report::list(db.conn())?;
            out(json, &list, || {
                table(
                    &["编号", "标题", "统计期", "单位", "修改时间"],
                    report_rows(&list),
                )
            });
        }
        ReportCmd::Figures { from, to, unit } => {
            let unit = unit_id(db.conn(), unit.as_deref())?;
            let f = report::figures(db.conn(), Period::new(*from, *to)?, unit, now)?;
            out(json, &f, || print_figures(&f));
        }
        ReportCmd::Show { id } => {
            let r = report::get(db.conn(), *id)?;
            let period = Period::new(r.input.period_from, r.input.period_to)?;
            let f = report::figures(db.conn(), period, r.input.unit_id, now)?;
            out(
                json,
                &serde_json::json!({"report": r, "figures": f}),
                || {
                    key_values(&[
                        ("编号", r.id.to_string()),
                        ("标题", r.input.title.clone()),
                        (
                            "单位",
                            r.unit_name.clone().unwrap_or_else(|| "全公司".into()),
                        ),
                        ("统计期", period.label()),
                        ("一、总体情况", opt(&r.input.overall)),
                        ("二、主要思想动态", opt(&r.input.main_trends)),
                        ("三、原因分析", opt(&r.input.causes)),
                        ("四、下一步措施", opt(&r.input.next_steps)),
                        ("修改时间", r.updated_at.clone()),
                    ]);
                    print_figures(&f);
                },
            );
        }
        ReportCmd::Save {
            id,
            title,
            from,
            to,
            unit,
            overall_file,
            trends_file,
            causes_file,
            steps_file,
        } => {
            let mut input = match id {
                Some(id) => report::get(db.conn(), *id)?.input,
                None => ReportInput {
                    title: title
                        .clone()
                        .ok_or_else(|| Error::invalid("标题", "请用 --title 填写"))?,
                    unit_id: None,
                    period_from: from
                        .ok_or_else(|| Error::invalid("起始日期", "请用 --from 填写"))?,
                    period_to: to.ok_or_else(|| Error::invalid("截止日期", "请用 --to 填写"))?,
                    overall: None,
                    main_trends: None,
                    causes: None,
                    next_steps: None,
                },
            };
            if let Some(t) = title {
                input.title = t.clone();
            }
            if let Some(d) = from {
                input.period_from = *d;
            }
            if let Some(d) = to {
                input.period_to = *d;
            }
            if let Some(u) = unit {
                input.unit_id =
                    unit_id(db.conn(), Some(u.as_str()).filter(|u| !u.trim().is_empty()))?;
            }
            for (target, field, path) in [
                (&mut input.overall, "总体情况", overall_file),
                (&mut input.main_trends, "主要思想动态", trends_file),
                (&mut input.causes, "原因分析", causes_file),
                (&mut input.next_steps, "下一步措施", steps_file),
            ] {
                if let Some(text) = text_file(field, path)? {
                    *target = text;
                }
            }
            let saved = db.transact(&ctx.actor, Action::OpinionReportSave, |tx| {
                report::save(tx, *id, input)
            })?;
            let r = report::get(db.conn(), saved)?;
            out(json, &r, || {
                if id.is_some() {
                    println!("已保存报告“{}”（编号 {}）", r.input.title, r.id)
                } else {
                    println!("已新建报告“{}”，编号 {}", r.input.title, r.id)
                }
            });
        }
        ReportCmd::Delete { id } => {
            db.transact(&ctx.actor, Action::OpinionReportDelete, |tx| {
                report::delete(tx, *id)
            })?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!("已删除报告 {id}")
            });
        }
    }
    Ok(())
}
