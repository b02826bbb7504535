//! `qungong recognition`: 推优评先 — a round with its eligibility rules, nominations by units
//! with their 事迹, the votes, the 公示 and, on confirmation, the honours.

use chrono::NaiveDate;
use clap::Subcommand;

use qungong::codes::{Grade, RecognitionTarget, fold_input};
use qungong::db::Connection;
use qungong::evaluation::{
    Candidate, NominationInput, RecognitionInput, RecognitionRound, Rule, VoteInput, recognition,
};
use qungong::{Action, Error, Result, people, units};

use crate::Context;
use crate::args::{code_arg, date_arg};
use crate::output::{key_values, opt, out, table};
use crate::voice::{person, today};

const RULES_HELP: &str =
    "在职、政工干部、党员、出勤率≥80（或 出勤率不低于80）、等级≥称职（或 等级不低于称职）";

#[derive(Subcommand)]
pub enum RecognitionCmd {
    /// 推优评先列表（年度新的在前）
    List,
    /// 新建推优评先，如 2026年度优秀政工干部评选
    Add {
        /// 名称，如 2026年度优秀政工干部评选
        #[arg(long, value_name = "名称")]
        name: String,
        /// 授予的荣誉称号，如 优秀政工干部
        #[arg(long, value_name = "荣誉称号")]
        title: String,
        #[arg(long, value_name = "年度")]
        year: i32,
        /// 个人 / 集体
        #[arg(long, value_name = "对象", value_parser = code_arg::<RecognitionTarget>)]
        target: RecognitionTarget,
        /// 名额
        #[arg(long, value_name = "名额")]
        quota: u32,
        /// 资格条件（可多次给出）：在职、政工干部、党员、出勤率≥80、等级≥称职（“≥”也可写作“不低于”；命令行里写 >= 须加引号）
        #[arg(long = "rule", value_name = "条件", value_parser = rule_arg)]
        rules: Vec<Rule>,
        /// 授予单位，如 国网示范县供电公司
        #[arg(long, value_name = "单位")]
        granted_by: Option<String>,
    },
    /// 修改推优评先（推荐中或投票中；只改给出的项，给出 --rule 则替换全部条件）
    Edit {
        #[arg(value_name = "评选编号")]
        id: i64,
        #[arg(long, value_name = "名称")]
        name: Option<String>,
        #[arg(long, value_name = "荣誉称号")]
        title: Option<String>,
        #[arg(long, value_name = "年度")]
        year: Option<i32>,
        /// 个人 / 集体（尚无推荐时才能改）
        #[arg(long, value_name = "对象", value_parser = code_arg::<RecognitionTarget>)]
        target: Option<RecognitionTarget>,
        #[arg(long, value_name = "名额")]
        quota: Option<u32>,
        /// 资格条件（替换原有的全部条件）
        #[arg(long = "rule", value_name = "条件", value_parser = rule_arg)]
        rules: Vec<Rule>,
        /// 取消全部资格条件
        #[arg(long, conflicts_with = "rules")]
        no_rules: bool,
        /// 授予单位（给空值 "" 表示清除）
        #[arg(long, value_name = "单位")]
        granted_by: Option<String>,
    },
    /// 删除尚未确认的推优评先
    Delete {
        #[arg(value_name = "评选编号")]
        id: i64,
    },
    /// 查看：候选人、资格审查（✓/✗ 及原因）、得票、排名、是否当选
    Show {
        #[arg(value_name = "评选编号")]
        id: i64,
    },
    /// 推荐候选人（推荐中）：个人评选用 --person，集体评选用 --unit
    Nominate {
        #[arg(value_name = "评选编号")]
        id: i64,
        /// 被推荐的职工（工号或姓名）
        #[arg(long, value_name = "工号或姓名", conflicts_with = "unit")]
        person: Option<String>,
        /// 被推荐的集体（单位编号或名称）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 推荐单位（编号或名称）
        #[arg(long, value_name = "单位")]
        by_unit: Option<String>,
        /// 主要事迹
        #[arg(long, value_name = "事迹")]
        deeds: String,
    },
    /// 推荐结束，进入投票（推荐中 → 投票中）
    Voting {
        #[arg(value_name = "评选编号")]
        id: i64,
    },
    /// 录入得票：--votes 张三=35 --votes 李四=20（集体写单位名称；写 张三= 表示清除）
    Votes {
        #[arg(value_name = "评选编号")]
        id: i64,
        #[arg(long = "votes", value_name = "候选人=票数", required = true, num_args = 1..)]
        votes: Vec<String>,
    },
    /// 按得票和名额确定当选人选并进入公示（投票中 → 公示中）
    Publicity {
        #[arg(value_name = "评选编号")]
        id: i64,
        /// 公示开始日期
        #[arg(long, value_name = "日期", value_parser = date_arg("公示开始日期"))]
        from: NaiveDate,
        /// 公示结束日期
        #[arg(long, value_name = "日期", value_parser = date_arg("公示结束日期"))]
        to: NaiveDate,
    },
    /// 公示期间撤回一名当选人选（异议成立），写明原因
    Withdraw {
        #[arg(value_name = "评选编号")]
        id: i64,
        /// 职工（工号或姓名）
        #[arg(long, value_name = "工号或姓名", conflicts_with = "unit")]
        person: Option<String>,
        /// 集体（单位编号或名称）
        #[arg(long, value_name = "单位")]
        unit: Option<String>,
        /// 撤回原因
        #[arg(long, value_name = "原因")]
        reason: String,
    },
    /// 公示期满后确认，为当选者登记荣誉（公示中 → 已确认）
    Confirm {
        #[arg(value_name = "评选编号")]
        id: i64,
        /// 确认日期（默认今天，不能早于公示结束）
        #[arg(long, value_name = "日期", value_parser = date_arg("确认日期"))]
        on: Option<NaiveDate>,
    },
}

/// A rule as typed: 在职, 政工干部, 党员, 出勤率≥80, 等级≥称职 (>= or 不低于 also; a shell
/// takes a bare `>` for a redirection, so the help offers ≥ and 不低于).
fn rule_arg(s: &str) -> Result<Rule, String> {
    let t = fold_input(s);
    let wrong = || format!("资格条件“{}”无法识别，可写：{RULES_HELP}", s.trim());
    let bound = |rest: &str| -> String {
        let rest = rest.trim_start_matches(['>', '=', '≥']);
        rest.strip_prefix("不低于").unwrap_or(rest).to_string()
    };
    match t.as_str() {
        "在职" => return Ok(Rule::InPost),
        "政工干部" => return Ok(Rule::PoliticalCadre),
        "党员" | "中共党员" | "中共党员(含预备党员)" => {
            return Ok(Rule::PartyMember);
        }
        _ => {}
    }
    if let Some(rest) = t.strip_prefix("出勤率") {
        let value = bound(rest);
        return match value.trim_end_matches('%').parse::<f64>() {
            Ok(percent) if percent.is_finite() => Ok(Rule::AttendanceAtLeast { percent }),
            _ => Err(format!(
                "资格条件“{}”：出勤率应写为数字，如 出勤率≥80",
                s.trim()
            )),
        };
    }
    for prefix in [
        "最近一次考核等级",
        "最近考核等级",
        "考核等级",
        "最近考核",
        "等级",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return Grade::parse(&bound(rest))
                .map(|grade| Rule::LastGradeAtLeast { grade })
                .map_err(|e| format!("资格条件“{}”：{e}", s.trim()));
        }
    }
    Err(wrong())
}

fn check_marks(c: &Candidate) -> String {
    c.checks
        .iter()
        .map(|k| {
            let mark = if k.passed { "✓" } else { "✗" };
            if k.found.is_empty() || k.found == k.label {
                format!("{mark} {}", k.label)
            } else {
                format!("{mark} {}（{}）", k.label, k.found)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn outcome(c: &Candidate) -> String {
    if let Some(reason) = &c.withdrawn {
        return format!("已撤回：{reason}");
    }
    if c.selected {
        return "当选".into();
    }
    if !c.eligible {
        return "不符合条件".into();
    }
    opt(&c.note)
}

fn show(r: &RecognitionRound) {
    let i = &r.input;
    let mut rows = vec![
        ("编号", r.id.to_string()),
        ("名称", i.name.clone()),
        ("荣誉称号", i.honour_title.clone()),
        ("年度", i.year.to_string()),
        ("评选对象", i.target.to_string()),
        ("名额", i.quota.to_string()),
        (
            "资格条件",
            if i.rules.is_empty() {
                "无".into()
            } else {
                i.rules
                    .iter()
                    .map(recognition::rule_label)
                    .collect::<Vec<_>>()
                    .join("；")
            },
        ),
        ("授予单位", opt(&i.granted_by)),
        ("状态", r.status.to_string()),
    ];
    if let (Some(from), Some(to)) = (r.notice_from, r.notice_to) {
        rows.push(("公示期", format!("{from} 至 {to}")));
    }
    if let Some(on) = r.confirmed_on {
        rows.push(("确认日期", on.to_string()));
    }
    key_values(&rows);
    table(
        &[
            "推荐编号",
            "候选人",
            "所在单位",
            "推荐单位",
            "资格审查",
            "得票",
            "排名",
            "结果",
        ],
        r.candidates.iter().map(|c| {
            vec![
                c.nomination_id.to_string(),
                c.name.clone(),
                opt(&c.unit_name),
                opt(&c.by_unit_name),
                check_marks(c),
                opt(&c.votes),
                opt(&c.rank),
                outcome(c),
            ]
        }),
    );
    if !r.candidates.is_empty() {
        println!("主要事迹：");
        for c in &r.candidates {
            println!("{}（推荐编号 {}）：{}", c.name, c.nomination_id, c.deeds);
        }
    }
}

/// The candidate of `r` named `key`: a nomination 编号, the candidate's name, or a person's
/// 工号.
fn candidate<'a>(conn: &Connection, r: &'a RecognitionRound, key: &str) -> Result<&'a Candidate> {
    let key = key.trim();
    if let Some(c) = r
        .candidates
        .iter()
        .find(|c| c.nomination_id.to_string() == key)
    {
        return Ok(c);
    }
    let named: Vec<&Candidate> = r.candidates.iter().filter(|c| c.name == key).collect();
    match named.as_slice() {
        [c] => return Ok(c),
        [] => {}
        many => {
            return Err(Error::invalid(
                "候选人",
                format!(
                    "有 {} 名候选人名为“{key}”，请改用推荐编号（{}）",
                    many.len(),
                    many.iter()
                        .map(|c| c.nomination_id.to_string())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            ));
        }
    }
    if let Ok(p) = people::by_key(conn, key)
        && let Some(c) = r.candidates.iter().find(|c| c.person_id == Some(p.id))
    {
        return Ok(c);
    }
    Err(Error::invalid(
        "候选人",
        format!("“{key}”不是本次评选的候选人"),
    ))
}

/// The candidate named by --person or --unit.
fn holder<'a>(
    conn: &Connection,
    r: &'a RecognitionRound,
    person_key: &Option<String>,
    unit_key: &Option<String>,
) -> Result<&'a Candidate> {
    let found = match (person_key, unit_key) {
        (Some(k), _) => {
            let p = person(conn, "候选人", k)?;
            r.candidates
                .iter()
                .find(|c| c.person_id == Some(p.id))
                .ok_or_else(|| (p.name.clone(), "候选人"))
        }
        (None, Some(k)) => {
            let u = units::resolve(conn, k)?;
            r.candidates
                .iter()
                .find(|c| c.unit_id == Some(u))
                .ok_or_else(|| (k.trim().to_string(), "候选集体"))
        }
        (None, None) => {
            return Err(Error::invalid(
                "候选人",
                "请用 --person 或 --unit 指明候选人",
            ));
        }
    };
    found.map_err(|(name, what)| Error::invalid("候选人", format!("“{name}”不是本次评选的{what}")))
}

pub fn run(ctx: &Context, cmd: &RecognitionCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let (json, actor) = (ctx.json, &ctx.actor);
    let today = today();
    match cmd {
        RecognitionCmd::List => {
            let list = recognition::list(db.conn())?;
            out(json, &list, || {
                table(
                    &[
                        "编号",
                        "名称",
                        "荣誉称号",
                        "年度",
                        "对象",
                        "名额",
                        "状态",
                        "候选",
                        "当选",
                        "公示截止",
                    ],
                    list.iter().map(|r| {
                        vec![
                            r.id.to_string(),
                            r.name.clone(),
                            r.honour_title.clone(),
                            r.year.to_string(),
                            r.target.to_string(),
                            r.quota.to_string(),
                            r.status.to_string(),
                            r.candidates.to_string(),
                            r.selected.to_string(),
                            opt(&r.notice_to),
                        ]
                    }),
                )
            });
        }
        RecognitionCmd::Add {
            name,
            title,
            year,
            target,
            quota,
            rules,
            granted_by,
        } => {
            let input = RecognitionInput {
                name: name.clone(),
                honour_title: title.clone(),
                year: *year,
                target: *target,
                quota: *quota,
                rules: rules.clone(),
                granted_by: granted_by.clone(),
            };
            let id = db.transact(actor, Action::RecognitionSave, |tx| {
                recognition::save(tx, None, input)
            })?;
            out(json, &serde_json::json!({"id": id}), || {
                println!(
                    "已新建推优评先“{}”，编号 {id}；下一步：recognition nominate {id} 推荐候选人",
                    name.trim()
                )
            });
        }
        RecognitionCmd::Edit {
            id,
            name,
            title,
            year,
            target,
            quota,
            rules,
            no_rules,
            granted_by,
        } => {
            let mut input = recognition::get(db.conn(), *id, today)?.input;
            if let Some(v) = name {
                input.name = v.clone();
            }
            if let Some(v) = title {
                input.honour_title = v.clone();
            }
            if let Some(v) = year {
                input.year = *v;
            }
            if let Some(v) = target {
                input.target = *v;
            }
            if let Some(v) = quota {
                input.quota = *v;
            }
            if *no_rules {
                input.rules.clear();
            } else if !rules.is_empty() {
                input.rules = rules.clone();
            }
            if let Some(g) = granted_by {
                input.granted_by = Some(g.trim().to_string()).filter(|g| !g.is_empty());
            }
            db.transact(actor, Action::RecognitionSave, |tx| {
                recognition::save(tx, Some(*id), input)
            })?;
            done(&db, json, *id, "已修改")?;
        }
        RecognitionCmd::Delete { id } => {
            let r = recognition::get(db.conn(), *id, today)?;
            db.transact(actor, Action::RecognitionSave, |tx| {
                recognition::delete(tx, *id)
            })?;
            out(json, &serde_json::json!({"deleted": id}), || {
                println!("已删除推优评先“{}”", r.input.name)
            });
        }
        RecognitionCmd::Show { id } => {
            let r = recognition::get(db.conn(), *id, today)?;
            out(json, &r, || show(&r));
        }
        RecognitionCmd::Nominate {
            id,
            person: person_key,
            unit,
            by_unit,
            deeds,
        } => {
            let conn = db.conn();
            let (person_id, unit_id, name) = match (person_key, unit) {
                (Some(k), _) => {
                    let p = person(conn, "被推荐人", k)?;
                    (Some(p.id), None, p.name)
                }
                (None, Some(k)) => (None, Some(units::resolve(conn, k)?), k.trim().to_string()),
                (None, None) => {
                    return Err(Error::invalid(
                        "被推荐人",
                        "个人评选请用 --person 推荐职工，集体评选请用 --unit 推荐集体",
                    ));
                }
            };
            let input = NominationInput {
                person_id,
                unit_id,
                by_unit_id: by_unit
                    .as_deref()
                    .map(|u| units::resolve(conn, u))
                    .transpose()?,
                deeds: deeds.clone(),
            };
            let nomination = db.transact(actor, Action::RecognitionNominate, |tx| {
                recognition::nominate(tx, *id, input)
            })?;
            out(
                json,
                &serde_json::json!({"nomination_id": nomination}),
                || println!("已推荐{name}（推荐编号 {nomination}）"),
            );
        }
        RecognitionCmd::Voting { id } => {
            db.transact(actor, Action::RecognitionStage, |tx| {
                recognition::start_voting(tx, *id)
            })?;
            done(&db, json, *id, "推荐结束，进入投票")?;
        }
        RecognitionCmd::Votes { id, votes } => {
            let r = recognition::get(db.conn(), *id, today)?;
            let mut list = Vec::new();
            for v in votes {
                let Some((key, count)) = v.split_once(['=', '＝']) else {
                    return Err(Error::invalid(
                        "得票",
                        format!("“{v}”应写为 候选人=票数，如 张三=35"),
                    ));
                };
                let c = candidate(db.conn(), &r, key)?;
                let count = count.trim();
                let votes = if count.is_empty() {
                    None
                } else {
                    Some(count.parse::<u32>().map_err(|_| {
                        Error::invalid(
                            "得票",
                            format!("{}的票数“{count}”应为不小于 0 的整数", c.name),
                        )
                    })?)
                };
                list.push(VoteInput {
                    nomination_id: c.nomination_id,
                    votes,
                });
            }
            db.transact(actor, Action::RecognitionVotes, |tx| {
                recognition::set_votes(tx, *id, &list)
            })?;
            done(
                &db,
                json,
                *id,
                &format!("已录入 {} 名候选人的得票", list.len()),
            )?;
        }
        RecognitionCmd::Publicity { id, from, to } => {
            let n = db.transact(actor, Action::RecognitionStage, |tx| {
                recognition::start_publicity(tx, *id, *from, *to, today)
            })?;
            done(
                &db,
                json,
                *id,
                &format!("进入公示：当选 {n} 名，公示期 {from} 至 {to}"),
            )?;
        }
        RecognitionCmd::Withdraw {
            id,
            person: person_key,
            unit,
            reason,
        } => {
            let r = recognition::get(db.conn(), *id, today)?;
            let c = holder(db.conn(), &r, person_key, unit)?;
            db.transact(actor, Action::RecognitionWithdraw, |tx| {
                recognition::withdraw(tx, c.nomination_id, reason)
            })?;
            done(&db, json, *id, &format!("已撤回{}", c.name))?;
        }
        RecognitionCmd::Confirm { id, on } => {
            let on = on.unwrap_or(today);
            let n = db.transact(actor, Action::RecognitionStage, |tx| {
                recognition::confirm(tx, *id, on)
            })?;
            done(&db, json, *id, &format!("已确认，登记荣誉 {n} 项"))?;
        }
    }
    Ok(())
}

/// After a step: the round as it now stands (JSON), or a line saying what was done.
fn done(db: &qungong::Db, json: bool, id: i64, message: &str) -> Result<()> {
    let r = recognition::get(db.conn(), id, today())?;
    out(json, &r, || {
        println!(
            "推优评先“{}”{message}，当前状态：{}",
            r.input.name, r.status
        );
        if r.candidates.iter().any(|c| c.selected) {
            println!(
                "当选：{}",
                r.candidates
                    .iter()
                    .filter(|c| c.selected && c.withdrawn.is_none())
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            );
        }
        if let Some(c) = r
            .candidates
            .iter()
            .find(|c| c.note.is_some() && !c.selected)
        {
            println!("注意：{}", opt(&c.note));
        }
    });
    Ok(())
}
