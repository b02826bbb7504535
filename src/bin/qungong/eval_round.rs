//! `qungong eval round`: a 考核 from its subjects to 公布 — marks typed one by one or read
//! from a sheet (CSV / Excel: 姓名 and one column per 评委打分 indicator), 民主测评 tallies,
//! the ranked results, 反馈, the subject's confirmation, and 公布, which locks the round.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use qungong::codes::{EvalMethod, RoundKind, RoundStatus};
use qungong::db::Connection;
use qungong::evaluation::{
    BallotCounts, GradeBands, MarkInput, RoundDetail, RoundInput, SubjectPick, SubjectResult,
    round, score,
};
use qungong::{Action, Error, Result, units};

use crate::Context;
use crate::args::{code_arg, date_arg};
use crate::eval::{fixed, indicator, num};
use crate::eval_marks::read_marks;
use crate::output::{key_values, opt, out, table};
use crate::voice::person;

#[derive(Subcommand)]
pub enum RoundCmd {
    /// 考核列表（考核期新的在前）
    List,
    /// 新建考核
    Add(RoundFields),
    /// 修改评分中的考核（只改给出的项）
    Edit {
        #[arg(value_name = "考核编号")]
        id: i64,
        #[arg(long, value_name = "名称")]
        name: Option<String>,
        /// 日常 / 定期 / 专项
        #[arg(long, value_name = "类型", value_parser = code_arg::<RoundKind>)]
        kind: Option<RoundKind>,
        #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
        to: Option<NaiveDate>,
        /// 指标体系编号
        #[arg(long, value_name = "体系编号")]
        system: Option<i64>,
        /// 优秀的分数线
        #[arg(long, value_name = "分数")]
        excellent: Option<f64>,
        /// 称职的分数线
        #[arg(long, value_name = "分数")]
        competent: Option<f64>,
        /// 基本称职的分数线
        #[arg(long, value_name = "分数")]
        basic: Option<f64>,
        /// 优秀名额占考核人数的百分比，如 20；给空值 "" 表示不限
        #[arg(long, value_name = "百分比")]
        quota: Option<String>,
    },
    /// 删除评分中的考核（连同打分和测评票数）
    Delete {
        #[arg(value_name = "考核编号")]
        id: i64,
    },
    /// 查看考核：按名次排列的结果（各项指标得分、总分、等级）
    Show {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 同时列出每项得分的计算过程
        #[arg(long)]
        basis: bool,
    },
    /// 加入考核对象：所选单位（含下级）在职的政工干部，及点名的职工；加 --remove 则移出点名的职工
    Subjects {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 单位（编号或名称，可写多个）
        #[arg(long = "unit", value_name = "单位", num_args = 1..)]
        units: Vec<String>,
        /// 职工（工号或姓名，可写多个）
        #[arg(long = "person", value_name = "工号或姓名", num_args = 1..)]
        people: Vec<String>,
        /// 移出 --person 点名的职工（连同其打分和测评票数）
        #[arg(long)]
        remove: bool,
    },
    /// 录入一位评委对一名考核对象一项指标的打分（0–100，或 优秀/良好/一般/较差；写 - 表示清除）
    Mark {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 评委（如 评委1，或评委姓名）
        #[arg(long, value_name = "评委")]
        evaluator: String,
        /// 考核对象（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: String,
        /// 评委打分指标的名称
        #[arg(long, value_name = "指标")]
        indicator: String,
        #[arg(value_name = "分数")]
        mark: String,
    },
    /// 从表格（CSV / Excel）录入一位评委的打分：表头为 姓名（或工号）和各评委打分指标，每行一名考核对象，空白单元格不录
    Marks {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 评委（如 评委1，或评委姓名）
        #[arg(long, value_name = "评委")]
        evaluator: String,
        /// 打分表（.csv / .xlsx / .xls）
        #[arg(long, value_name = "文件")]
        file: PathBuf,
    },
    /// 录入一名考核对象在民主测评指标上的票数
    Ballot {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 考核对象（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: String,
        /// 民主测评指标的名称
        #[arg(long, value_name = "指标")]
        indicator: String,
        /// 优秀,称职,基本称职,不称职 的票数，如 10,5,1,0
        #[arg(long, value_name = "票数", value_parser = counts_arg)]
        counts: BallotCounts,
    },
    /// 计算并保存各考核对象的得分、总分、名次和等级
    Compute {
        #[arg(value_name = "考核编号")]
        id: i64,
    },
    /// 计算结果并发给考核对象反馈（评分中 → 结果反馈）
    Feedback {
        #[arg(value_name = "考核编号")]
        id: i64,
    },
    /// 退回评分中（如需更正打分；本人确认将清除）
    Reopen {
        #[arg(value_name = "考核编号")]
        id: i64,
    },
    /// 公布考核结果（结果反馈 → 已公布）；公布后不能再修改
    Publish {
        #[arg(value_name = "考核编号")]
        id: i64,
    },
    /// 填写对一名考核对象的考核反馈，或记录其本人确认及反馈意见
    Reply {
        #[arg(value_name = "考核编号")]
        id: i64,
        /// 考核对象（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: String,
        /// 考核反馈（给空值 "" 表示清除）
        #[arg(long, value_name = "反馈", conflicts_with = "confirm")]
        feedback: Option<String>,
        /// 记录本人已确认考核结果
        #[arg(long)]
        confirm: bool,
        /// 本人的反馈意见（与 --confirm 一起）
        #[arg(long, value_name = "意见", requires = "confirm")]
        reply: Option<String>,
    },
}

#[derive(Args)]
pub struct RoundFields {
    /// 名称，如 2026年第四季度政工干部日常考核
    #[arg(long, value_name = "名称")]
    name: String,
    /// 日常 / 定期 / 专项
    #[arg(long, value_name = "类型", value_parser = code_arg::<RoundKind>)]
    kind: RoundKind,
    /// 考核期起始日期
    #[arg(long, value_name = "日期", value_parser = date_arg("起始日期"))]
    from: NaiveDate,
    /// 考核期截止日期
    #[arg(long, value_name = "日期", value_parser = date_arg("截止日期"))]
    to: NaiveDate,
    /// 指标体系编号（eval system list 可查）
    #[arg(long, value_name = "体系编号")]
    system: i64,
    /// 优秀的分数线（默认 90）
    #[arg(long, value_name = "分数", default_value_t = 90.0)]
    excellent: f64,
    /// 称职的分数线（默认 75）
    #[arg(long, value_name = "分数", default_value_t = 75.0)]
    competent: f64,
    /// 基本称职的分数线（默认 60）
    #[arg(long, value_name = "分数", default_value_t = 60.0)]
    basic: f64,
    /// 优秀名额占考核人数的百分比，如 20；不填则不限
    #[arg(long, value_name = "百分比")]
    quota: Option<f64>,
}

/// "10,5,1,0" (commas, full-width commas, 、 or spaces) as the four counts.
fn counts_arg(s: &str) -> Result<BallotCounts, String> {
    let wrong = || format!("“{s}”应为 4 个票数（优秀,称职,基本称职,不称职），如 10,5,1,0");
    let parts: Vec<&str> = s
        .split([',', '，', '、', ' ', '/'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let [a, b, c, d] = parts.as_slice() else {
        return Err(wrong());
    };
    let n = |p: &str| p.trim().parse::<u32>().map_err(|_| wrong());
    Ok(BallotCounts {
        excellent: n(a)?,
        competent: n(b)?,
        basic: n(c)?,
        incompetent: n(d)?,
    })
}

/// The subject of `d` named by `key` (工号 or name); someone who is not a subject is refused
/// saying so.
pub fn subject<'a>(conn: &Connection, d: &'a RoundDetail, key: &str) -> Result<&'a SubjectResult> {
    let key = key.trim();
    if let Some(s) = d
        .subjects
        .iter()
        .find(|s| s.employee_no.as_deref() == Some(key))
    {
        return Ok(s);
    }
    let named: Vec<&SubjectResult> = d.subjects.iter().filter(|s| s.name == key).collect();
    match named.as_slice() {
        [s] => Ok(s),
        [] => {
            let p = person(conn, "考核对象", key)?;
            Err(Error::invalid(
                "考核对象",
                format!("{}不是本次考核的对象", p.name),
            ))
        }
        many => Err(Error::invalid(
            "考核对象",
            format!(
                "本次考核有 {} 人名为“{key}”：{}，请改用工号",
                many.len(),
                many.iter()
                    .map(|s| format!(
                        "{} {}（{}）",
                        s.employee_no.as_deref().unwrap_or("无工号"),
                        s.name,
                        s.unit_name
                    ))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        )),
    }
}

fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{from} 至 {to}")
}

/// Subjects missing a mark on some 评委打分 indicator or a tally on some 民主测评 one.
fn incomplete(d: &RoundDetail) -> Vec<&str> {
    let ballots: Vec<i64> = d
        .system
        .indicators
        .iter()
        .filter(|i| i.input.method == EvalMethod::Ballot)
        .map(|i| i.id)
        .collect();
    d.subjects
        .iter()
        .filter(|s| {
            s.marks_entered.iter().any(|m| m.count == 0)
                || s.scores
                    .iter()
                    .any(|x| ballots.contains(&x.indicator_id) && x.figure.is_none())
        })
        .map(|s| s.name.as_str())
        .collect()
}

fn results(d: &RoundDetail, basis: bool) {
    let heads: Vec<String> = ["排名", "姓名", "单位"]
        .into_iter()
        .map(String::from)
        .chain(
            d.system
                .indicators
                .iter()
                .map(|i| format!("{}（{}）", i.input.name, num(i.input.weight))),
        )
        .chain(["总分", "等级", "备注"].into_iter().map(String::from))
        .collect();
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    table(
        &heads,
        d.subjects.iter().map(|s| {
            let mut row = vec![
                s.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                s.name.clone(),
                s.unit_name.clone(),
            ];
            row.extend(d.system.indicators.iter().map(|i| {
                s.scores
                    .iter()
                    .find(|x| x.indicator_id == i.id)
                    .map(|x| fixed(x.score))
                    .unwrap_or_else(|| "—".into())
            }));
            row.push(s.total.map(fixed).unwrap_or_else(|| "—".into()));
            row.push(opt(&s.grade));
            row.push(opt(&s.grade_note));
            row
        }),
    );
    if basis {
        println!("计算过程：");
        table(
            &["姓名", "指标", "数值", "得分", "计算过程"],
            d.subjects.iter().flat_map(|s| {
                s.scores.iter().map(move |x| {
                    let name = d
                        .system
                        .indicators
                        .iter()
                        .find(|i| i.id == x.indicator_id)
                        .map(|i| i.input.name.clone())
                        .unwrap_or_default();
                    vec![
                        s.name.clone(),
                        name,
                        x.figure.map(num).unwrap_or_else(|| "—".into()),
                        fixed(x.score),
                        x.basis.clone(),
                    ]
                })
            }),
        );
    }
}

fn show(d: &RoundDetail, basis: bool) {
    let b = d.input.grade_bands;
    let mut rows = vec![
        ("编号", d.id.to_string()),
        ("名称", d.input.name.clone()),
        ("类型", d.input.kind.to_string()),
        ("考核期", period(d.input.period_from, d.input.period_to)),
        (
            "指标体系",
            format!(
                "{}（第 {} 版，编号 {}）",
                d.system.name, d.system.version, d.system.id
            ),
        ),
        ("状态", d.status.to_string()),
        (
            "等级分数线",
            format!(
                "优秀 ≥{}，称职 ≥{}，基本称职 ≥{}，其下为不称职",
                num(b.excellent),
                num(b.competent),
                num(b.basic)
            ),
        ),
        (
            "优秀名额",
            d.input
                .excellent_quota
                .map(|q| format!("考核人数的 {}%", num(q)))
                .unwrap_or_else(|| "不限".into()),
        ),
        ("考核人数", d.subjects.len().to_string()),
        ("评委", d.evaluators.join("、")),
    ];
    if let Some(at) = &d.computed_at {
        rows.push(("计算时间", at.clone()));
    }
    if let Some(at) = &d.published_at {
        rows.push(("公布时间", at.clone()));
    }
    key_values(&rows);
    results(d, basis);
    if d.status == RoundStatus::Open {
        if d.computed_at.is_none() {
            println!(
                "评分中：以上得分为按当前打分的预览，计算（eval round compute）后排名、定等级"
            );
        }
        let missing = incomplete(d);
        if !missing.is_empty() {
            println!("尚缺打分或测评票数：{}", missing.join("、"));
        }
    } else {
        println!("反馈与确认：");
        table(
            &["姓名", "考核反馈", "本人意见", "确认时间"],
            d.subjects.iter().map(|s| {
                vec![
                    s.name.clone(),
                    opt(&s.feedback),
                    opt(&s.reply),
                    s.confirmed_at.clone().unwrap_or_else(|| "未确认".into()),
                ]
            }),
        );
    }
}

pub fn run_round(ctx: &Context, cmd: &RoundCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    let now = qungong::db::now();
    match cmd {
        RoundCmd::List => {
            let list = round::list(db.conn())?;
            out(json, &list, || {
                table(
                    &[
                        "编号",
                        "名称",
                        "类型",
                        "考核期",
                        "状态",
                        "指标体系",
                        "人数",
                        "待办",
                    ],
                    list.iter().map(|r| {
                        let waiting = match r.status {
                            RoundStatus::Open if r.incomplete > 0 => {
                                format!("{} 人缺打分", r.incomplete)
                            }
                            RoundStatus::Feedback if r.unconfirmed > 0 => {
                                format!("{} 人未确认", r.unconfirmed)
                            }
                            _ => String::new(),
                        };
                        vec![
                            r.id.to_string(),
                            r.name.clone(),
                            r.kind.to_string(),
                            period(r.period_from, r.period_to),
                            r.status.to_string(),
                            format!("{} 第 {} 版", r.system_name, r.system_version),
                            r.subjects.to_string(),
                            waiting,
                        ]
                    }),
                )
            });
        }
        RoundCmd::Add(f) => {
            let input = RoundInput {
                name: f.name.clone(),
                kind: f.kind,
                period_from: f.from,
                period_to: f.to,
                system_id: f.system,
                grade_bands: GradeBands {
                    excellent: f.excellent,
                    competent: f.competent,
                    basic: f.basic,
                },
                excellent_quota: f.quota,
            };
            let id = db.transact(actor, Action::EvalRoundSave, |tx| {
                round::save(tx, None, input)
            })?;
            out(json, &serde_json::json!({"id": id}), || {
                println!(
                    "已新建考核“{}”，编号 {id}；下一步：eval round subjects {id} 加入考核对象",
                    f.name.trim()
                )
            });
        }
        RoundCmd::Edit {
            id,
            name,
            kind,
            from,
            to,
            system: system_id,
            excellent,
            competent,
            basic,
            quota,
        } => {
            let mut input = round::get(db.conn(), *id, now)?.input;
            if let Some(v) = name {
                input.name = v.clone();
            }
            if let Some(v) = kind {
                input.kind = *v;
            }
            if let Some(v) = from {
                input.period_from = *v;
            }
            if let Some(v) = to {
                input.period_to = *v;
            }
            if let Some(v) = system_id {
                input.system_id = *v;
            }
            if let Some(v) = excellent {
                input.grade_bands.excellent = *v;
            }
            if let Some(v) = competent {
                input.grade_bands.competent = *v;
            }
            if let Some(v) = basic {
                input.grade_bands.basic = *v;
            }
            if let Some(q) = crate::args::field(quota, |s| {
                s.trim_end_matches('%')
                    .parse::<f64>()
                    .map_err(|_| Error::invalid("优秀名额", format!("“{s}”应为百分比数字，如 20")))
            })? {
                input.excellent_quota = q;
            }
            db.transact(actor, Action::EvalRoundSave, |tx| {
                round::save(tx, Some(*id), input)
            })?;
            let d = round::get(db.conn(), *id, now)?;
            out(json, &d, || {
                println!("已修改考核“{}”（编号 {id}）", d.input.name)
            });
        }
        RoundCmd::Delete { id } => {
            let d = round::get(db.conn(), *id, now)?;
            db.transact(actor, Action::EvalRoundDelete, |tx| round::delete(tx, *id))?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!("已删除考核“{}”", d.input.name)
            });
        }
        RoundCmd::Show { id, basis } => {
            let d = round::get(db.conn(), *id, now)?;
            out(json, &d, || show(&d, *basis));
        }
        RoundCmd::Subjects {
            id,
            units: unit_keys,
            people,
            remove,
        } => {
            let conn = db.conn();
            let person_ids = people
                .iter()
                .map(|k| person(conn, "考核对象", k).map(|p| p.id))
                .collect::<Result<Vec<_>>>()?;
            if *remove {
                if !unit_keys.is_empty() {
                    return Err(Error::invalid(
                        "考核对象",
                        "移出时请用 --person 点名，不能按单位",
                    ));
                }
                if person_ids.is_empty() {
                    return Err(Error::invalid("考核对象", "请用 --person 点名要移出的职工"));
                }
                db.transact(actor, Action::EvalSubjects, |tx| {
                    person_ids
                        .iter()
                        .try_for_each(|p| round::remove_subject(tx, *id, *p))
                })?;
            } else {
                if unit_keys.is_empty() && person_ids.is_empty() {
                    return Err(Error::invalid(
                        "考核对象",
                        "请用 --unit 选择单位（其在职政工干部）或用 --person 点名职工",
                    ));
                }
                let pick = SubjectPick {
                    unit_ids: unit_keys
                        .iter()
                        .map(|u| units::resolve(conn, u))
                        .collect::<Result<_>>()?,
                    person_ids: person_ids.clone(),
                };
                let added = db.transact(actor, Action::EvalSubjects, |tx| {
                    round::add_subjects(tx, *id, &pick)
                })?;
                let d = round::get(db.conn(), *id, now)?;
                out(
                    json,
                    &serde_json::json!({"added": added, "subjects": d.subjects.len()}),
                    || {
                        println!(
                            "已加入 {added} 人，考核对象共 {} 人：{}",
                            d.subjects.len(),
                            d.subjects
                                .iter()
                                .map(|s| s.name.as_str())
                                .collect::<Vec<_>>()
                                .join("、")
                        )
                    },
                );
                return Ok(());
            }
            let d = round::get(db.conn(), *id, now)?;
            out(
                json,
                &serde_json::json!({"removed": person_ids.len(), "subjects": d.subjects.len()}),
                || {
                    println!(
                        "已移出 {} 人，考核对象共 {} 人",
                        person_ids.len(),
                        d.subjects.len()
                    )
                },
            );
        }
        RoundCmd::Mark {
            id,
            evaluator,
            person: key,
            indicator: name,
            mark,
        } => {
            let d = round::get(db.conn(), *id, now)?;
            let s = subject(db.conn(), &d, key)?;
            let i = indicator(&d.system, name, EvalMethod::Marks)?;
            let value = match mark.trim() {
                "-" | "清除" => None,
                m => Some(score::parse_mark(m)?),
            };
            let input = MarkInput {
                person_id: s.person_id,
                indicator_id: i.id,
                mark: value,
            };
            db.transact(actor, Action::EvalMarks, |tx| {
                round::set_marks(tx, *id, evaluator, std::slice::from_ref(&input))
            })?;
            out(json, &input, || match value {
                Some(v) => println!(
                    "已录入：评委“{}”给{}“{}”打 {} 分",
                    evaluator.trim(),
                    s.name,
                    i.input.name,
                    num(v)
                ),
                None => println!(
                    "已清除评委“{}”给{}“{}”的打分",
                    evaluator.trim(),
                    s.name,
                    i.input.name
                ),
            });
        }
        RoundCmd::Marks {
            id,
            evaluator,
            file,
        } => {
            let d = round::get(db.conn(), *id, now)?;
            let marks = read_marks(file, &d)?;
            let people = {
                let mut ids: Vec<i64> = marks.iter().map(|m| m.person_id).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            };
            let written = db.transact(actor, Action::EvalMarks, |tx| {
                round::set_marks(tx, *id, evaluator, &marks)
            })?;
            out(
                json,
                &serde_json::json!({"written": written, "people": people}),
                || {
                    println!(
                        "已录入评委“{}”的打分 {written} 项（{people} 人）",
                        evaluator.trim()
                    )
                },
            );
        }
        RoundCmd::Ballot {
            id,
            person: key,
            indicator: name,
            counts,
        } => {
            let d = round::get(db.conn(), *id, now)?;
            let s = subject(db.conn(), &d, key)?;
            let i = indicator(&d.system, name, EvalMethod::Ballot)?;
            db.transact(actor, Action::EvalBallot, |tx| {
                round::set_ballot(tx, *id, s.person_id, i.id, *counts)
            })?;
            let c = counts;
            let score = score::ballot_score(*c, d.system.ballot_points);
            out(
                json,
                &serde_json::json!({"counts": c, "score": score}),
                || {
                    println!(
                        "已录入{}“{}”票数：优秀 {}、称职 {}、基本称职 {}、不称职 {}（得分 {}）",
                        s.name,
                        i.input.name,
                        c.excellent,
                        c.competent,
                        c.basic,
                        c.incompetent,
                        score.map(fixed).unwrap_or_else(|| "—".into())
                    )
                },
            );
        }
        RoundCmd::Compute { id } => {
            db.transact(actor, Action::EvalCompute, |tx| {
                round::compute(tx, *id, now)
            })?;
            let d = round::get(db.conn(), *id, now)?;
            out(json, &d, || {
                println!("已计算考核结果：");
                results(&d, false);
            });
        }
        RoundCmd::Feedback { id } => {
            db.transact(actor, Action::EvalCompute, |tx| {
                round::start_feedback(tx, *id, now)
            })?;
            let d = round::get(db.conn(), *id, now)?;
            out(json, &d, || {
                println!(
                    "已计算结果并进入结果反馈：{} 人待本人确认；反馈和确认用 eval round reply",
                    d.subjects.len()
                );
                results(&d, false);
            });
        }
        RoundCmd::Reopen { id } => {
            db.transact(actor, Action::EvalCompute, |tx| round::reopen(tx, *id))?;
            done(&db, json, *id, "已退回评分中，本人确认已清除")?;
        }
        RoundCmd::Publish { id } => {
            db.transact(actor, Action::EvalPublish, |tx| {
                round::publish(tx, *id, now)
            })?;
            done(&db, json, *id, "已公布，考核结果不能再修改")?;
        }
        RoundCmd::Reply {
            id,
            person: key,
            feedback,
            confirm,
            reply,
        } => {
            let d = round::get(db.conn(), *id, now)?;
            let s = subject(db.conn(), &d, key)?;
            let message = if *confirm {
                db.transact(actor, Action::EvalConfirm, |tx| {
                    round::confirm(tx, *id, s.person_id, reply.clone(), now)
                })?;
                format!("已记录{}本人确认", s.name)
            } else if let Some(text) = feedback {
                let text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                let cleared = text.is_none();
                db.transact(actor, Action::EvalFeedback, |tx| {
                    round::set_feedback(tx, *id, s.person_id, text)
                })?;
                if cleared {
                    format!("已清除对{}的考核反馈", s.name)
                } else {
                    format!("已填写对{}的考核反馈", s.name)
                }
            } else {
                return Err(Error::invalid(
                    "反馈",
                    "请用 --feedback 填写考核反馈，或用 --confirm（及 --reply）记录本人确认",
                ));
            };
            done(&db, json, *id, &message)?;
        }
    }
    Ok(())
}

/// After a step: the round as it now stands (JSON), or a line saying what was done.
fn done(db: &qungong::Db, json: bool, id: i64, message: &str) -> Result<()> {
    let d = round::get(db.conn(), id, qungong::db::now())?;
    out(json, &d, || {
        println!("考核“{}”{message}，当前状态：{}", d.input.name, d.status)
    });
    Ok(())
}
