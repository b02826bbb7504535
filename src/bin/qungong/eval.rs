//! `qungong eval`: 考核评价 — the indicator systems (指标体系, versioned, read and written as
//! JSON so a user can edit one in any editor), the rounds ([`crate::eval_round`]) and a
//! cadre's history of results.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use qungong::codes::{EvalMethod, ScoreRule};
use qungong::evaluation::{
    BallotPoints, Band, Indicator, IndicatorInput, System, SystemInput, round, system,
};
use qungong::{Action, Error, Result};

use crate::Context;
use crate::eval_round::{RoundCmd, run_round};
use crate::output::{key_values, opt, out, table};
use crate::voice::person;

#[derive(Subcommand)]
pub enum EvalCmd {
    /// 考核指标体系：列表、查看、导入（新建或修改）、导出、停用
    #[command(subcommand)]
    System(SystemCmd),
    /// 考核：新建、考核对象、评委打分、民主测评、计算、反馈、确认、公布
    #[command(subcommand)]
    Round(RoundCmd),
    /// 一名职工历次考核的结果
    History {
        /// 职工（工号或姓名）
        #[arg(long, value_name = "工号或姓名")]
        person: String,
    },
}

#[derive(Subcommand)]
pub enum SystemCmd {
    /// 指标体系列表（每个体系的最新版本）
    List {
        /// 列出每个体系的所有版本
        #[arg(long)]
        all: bool,
        /// 含已停用的体系
        #[arg(long)]
        retired: bool,
    },
    /// 查看一个版本的指标、权重和计分方式
    Show {
        #[arg(value_name = "体系编号")]
        id: i64,
    },
    /// 从 JSON 文件导入指标体系（格式同 export / sample 的输出）；加 --id 则保存为对该版本的修改
    Import {
        /// UTF-8 编码的 JSON 文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 要修改的体系编号（已用于计算过的考核的版本不会改动，修改另存为新版本）
        #[arg(long, value_name = "体系编号")]
        id: Option<i64>,
    },
    /// 导出一个版本的 JSON（可编辑后用 import --id 导回）
    Export {
        #[arg(value_name = "体系编号")]
        id: i64,
        /// 写入文件；不填则输出到屏幕
        #[arg(short = 'o', long = "output", value_name = "文件")]
        output: Option<PathBuf>,
    },
    /// 输出一个示例指标体系的 JSON（三种计分方式各有一例），可作为新建的起点
    Sample,
    /// 停用指标体系（所有版本；已有考核不受影响），加 --undo 恢复启用
    Retire {
        #[arg(value_name = "体系编号")]
        id: i64,
        /// 恢复启用
        #[arg(long)]
        undo: bool,
    },
}

/// A score as every table shows it: two decimals.
pub fn fixed(x: f64) -> String {
    format!("{x:.2}")
}

/// A number as written by the user (weights, targets, marks): up to two decimals, no
/// trailing zeros (20, 12.5, 86.33).
pub fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The state of a system version, in words.
fn state(superseded: bool, retired: bool, frozen: bool) -> String {
    let mut parts = Vec::new();
    if retired {
        parts.push("已停用");
    }
    if superseded {
        parts.push("已有新版本");
    }
    if frozen {
        parts.push("已锁定（用于已计算的考核）");
    }
    if parts.is_empty() {
        "可修改".into()
    } else {
        parts.join("，")
    }
}

/// How an indicator is scored, in words: 按目标比例：目标 95 / 分档计分：≥6 得 100；≥4 得 80.
pub fn scoring(i: &IndicatorInput) -> String {
    match i.method {
        EvalMethod::Marks | EvalMethod::Ballot => i.method.label().to_string(),
        EvalMethod::Auto => {
            let source = i.source.map(|s| s.label()).unwrap_or("（未选数据来源）");
            let rule = match i.rule {
                Some(ScoreRule::Proportional) => format!(
                    "按目标比例，目标 {}",
                    i.target.map(num).unwrap_or_else(|| "—".into())
                ),
                Some(ScoreRule::Bands) => format!("分档计分：{}", bands(&i.bands)),
                None => "（未选计分规则）".into(),
            };
            format!("{source}，{rule}")
        }
    }
}

fn bands(bands: &[Band]) -> String {
    bands
        .iter()
        .map(|b| format!("≥{} 得 {}", num(b.from), num(b.score)))
        .collect::<Vec<_>>()
        .join("；")
}

fn ballot_points(p: &BallotPoints) -> String {
    format!(
        "优秀 {}、称职 {}、基本称职 {}、不称职 {} 分",
        num(p.excellent),
        num(p.competent),
        num(p.basic),
        num(p.incompetent)
    )
}

fn show_system(s: &System) {
    let drop = if s.drop_extremes_min == 0 {
        "不去掉".to_string()
    } else {
        format!(
            "评委不少于 {} 人时去掉一个最高分和一个最低分",
            s.drop_extremes_min
        )
    };
    key_values(&[
        ("编号", s.id.to_string()),
        ("名称", s.name.clone()),
        ("版本", format!("第 {} 版", s.version)),
        ("状态", state(s.superseded, s.retired, s.frozen)),
        ("使用的考核", format!("{} 次", s.rounds)),
        ("评委打分", drop),
        ("民主测评计分", ballot_points(&s.ballot_points)),
        ("说明", opt(&s.note)),
        ("修改时间", s.updated_at.clone()),
    ]);
    indicator_table(&s.indicators);
}

fn indicator_table(list: &[Indicator]) {
    let total: f64 = list.iter().map(|i| i.input.weight).sum();
    table(
        &["序号", "类别", "指标", "权重", "计分方式", "说明"],
        list.iter()
            .enumerate()
            .map(|(n, i)| {
                vec![
                    (n + 1).to_string(),
                    i.input.category.clone(),
                    i.input.name.clone(),
                    num(i.input.weight),
                    scoring(&i.input),
                    opt(&i.input.note),
                ]
            })
            .chain(std::iter::once(vec![
                String::new(),
                "合计".into(),
                String::new(),
                num(total),
                String::new(),
                String::new(),
            ])),
    );
}

/// A version as the JSON a user edits and imports again.
fn as_input(s: &System) -> SystemInput {
    SystemInput {
        name: s.name.clone(),
        note: s.note.clone(),
        drop_extremes_min: s.drop_extremes_min,
        ballot_points: s.ballot_points,
        indicators: s.indicators.iter().map(|i| i.input.clone()).collect(),
    }
}

fn sample() -> SystemInput {
    let indicator = |category: &str, name: &str, weight: f64, method| IndicatorInput {
        category: category.into(),
        name: name.into(),
        weight,
        method,
        source: None,
        rule: None,
        target: None,
        bands: Vec::new(),
        note: None,
    };
    SystemInput {
        name: "政工干部考核指标体系".into(),
        note: Some("示例：按本单位实际修改指标、权重和目标".into()),
        drop_extremes_min: 5,
        ballot_points: BallotPoints::default(),
        indicators: vec![
            IndicatorInput {
                source: Some(qungong::codes::AutoSource::AttendanceRate),
                rule: Some(ScoreRule::Proportional),
                target: Some(95.0),
                ..indicator("思想政治工作", "活动出勤率", 30.0, EvalMethod::Auto)
            },
            IndicatorInput {
                source: Some(qungong::codes::AutoSource::Activities),
                rule: Some(ScoreRule::Bands),
                bands: vec![
                    Band {
                        from: 6.0,
                        score: 100.0,
                    },
                    Band {
                        from: 4.0,
                        score: 80.0,
                    },
                    Band {
                        from: 1.0,
                        score: 60.0,
                    },
                ],
                ..indicator("宣传工作", "组织活动次数", 20.0, EvalMethod::Auto)
            },
            indicator("组织人事工作", "工作实绩", 30.0, EvalMethod::Marks),
            indicator("综合评价", "民主测评", 20.0, EvalMethod::Ballot),
        ],
    }
}

/// What a field of the JSON means, for messages.
fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "name" => "名称",
        "note" => "说明",
        "category" => "类别",
        "weight" => "权重",
        "method" => "计分方式",
        "source" => "数据来源",
        "rule" => "计分规则",
        "target" => "目标",
        "bands" => "分档",
        "from" => "分档起点",
        "score" => "得分",
        "drop_extremes_min" => "去掉最高最低分的评委人数",
        "ballot_points" => "民主测评计分",
        "excellent" => "优秀",
        "competent" => "称职",
        "basic" => "基本称职",
        "incompetent" => "不称职",
        _ => return None,
    })
}

/// A serde message in Chinese: ours (code labels) pass as they are; serde's own are
/// translated for the cases a hand-edited file meets.
fn serde_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line L column C" to errors read from text.
    let msg = match msg.find(" at line ") {
        Some(at) => msg[..at].to_string(),
        None => msg,
    };
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return match field_label(field) {
            Some(label) => format!("缺少“{field}”（{label}）"),
            None => format!("缺少“{field}”"),
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("无法识别的字段“{field}”");
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let expected = msg.rsplit("expected ").next().unwrap_or("");
        let want = if expected.contains("f64")
            || expected.contains("u32")
            || expected.contains("i32")
            || expected.contains("number")
            || expected.contains("integer")
        {
            "数字"
        } else if expected.contains("string") {
            "文字"
        } else if expected.contains("sequence") {
            "列表 [ … ]"
        } else if expected.contains("struct") || expected.contains("map") {
            "对象 { … }"
        } else {
            "其他类型"
        };
        return format!("有一项的值类型不对（应为{want}）");
    }
    if !msg.is_ascii() {
        return msg;
    }
    "内容不符合指标体系的格式".into()
}

/// Reads a system written as JSON. `drop_extremes_min` (default 5) and `ballot_points`
/// (default 100 / 80 / 60 / 0) may be left out; a faulty indicator is named by its place.
fn read_system(path: &Path) -> Result<SystemInput> {
    const FIELD: &str = "指标体系文件";
    let shown = path.display();
    let bytes =
        std::fs::read(path).map_err(|e| Error::invalid(FIELD, format!("无法读取 {shown}：{e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid(FIELD, format!("{shown} 不是 UTF-8 编码的文本文件")))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid(
            FIELD,
            format!(
                "{shown} 不是有效的 JSON（第 {} 行第 {} 列）",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Some(object) = value.as_object_mut() else {
        return Err(Error::invalid(
            FIELD,
            format!("{shown} 应为一个对象 {{ … }}"),
        ));
    };
    object
        .entry("drop_extremes_min")
        .or_insert_with(|| serde_json::json!(5));
    object
        .entry("ballot_points")
        .or_insert_with(|| serde_json::to_value(BallotPoints::default()).unwrap_or_default());
    let indicators = match object.remove("indicators") {
        Some(serde_json::Value::Array(list)) => list,
        Some(_) => {
            return Err(Error::invalid(FIELD, "“indicators”应为指标的列表 [ … ]"));
        }
        None => return Err(Error::invalid(FIELD, "缺少“indicators”（指标列表）")),
    };
    object.insert("indicators".into(), serde_json::Value::Array(Vec::new()));
    let mut input: SystemInput =
        serde_json::from_value(value).map_err(|e| Error::invalid(FIELD, serde_reason(&e)))?;
    for (n, item) in indicators.into_iter().enumerate() {
        let indicator: IndicatorInput = serde_json::from_value(item).map_err(|e| {
            Error::invalid(FIELD, format!("第 {} 项指标：{}", n + 1, serde_reason(&e)))
        })?;
        input.indicators.push(indicator);
    }
    Ok(input)
}

fn write_or_print(output: &Option<PathBuf>, text: &str) -> Result<()> {
    match output {
        Some(path) => std::fs::write(path, format!("{text}\n"))
            .map_err(|e| Error::invalid("输出文件", format!("无法写入 {}：{e}", path.display()))),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

fn pretty<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Error::invalid("JSON", format!("无法生成：{e}")))
}

pub fn run(ctx: &Context, cmd: &EvalCmd) -> Result<()> {
    match cmd {
        EvalCmd::System(cmd) => run_system(ctx, cmd),
        EvalCmd::Round(cmd) => run_round(ctx, cmd),
        EvalCmd::History { person: key } => {
            let db = ctx.open()?;
            let p = person(db.conn(), "职工", key)?;
            let rows = round::history(db.conn(), p.id)?;
            out(ctx.json, &rows, || {
                println!("{} 历次考核：", p.name);
                table(
                    &[
                        "考核编号",
                        "考核",
                        "类型",
                        "考核期",
                        "状态",
                        "总分",
                        "排名",
                        "等级",
                    ],
                    rows.iter().map(|r| {
                        vec![
                            r.round_id.to_string(),
                            r.round_name.clone(),
                            r.kind.to_string(),
                            format!("{} 至 {}", r.period_from, r.period_to),
                            r.status.to_string(),
                            r.total.map(fixed).unwrap_or_else(|| "—".into()),
                            r.rank
                                .map(|k| format!("{k} / {}", r.of))
                                .unwrap_or_else(|| "—".into()),
                            opt(&r.grade),
                        ]
                    }),
                );
            });
            Ok(())
        }
    }
}

fn run_system(ctx: &Context, cmd: &SystemCmd) -> Result<()> {
    let mut db = ctx.open()?;
    let json = ctx.json;
    match cmd {
        SystemCmd::List { all, retired } => {
            let list = system::list(db.conn(), *all, *retired)?;
            out(json, &list, || {
                table(
                    &[
                        "编号",
                        "名称",
                        "版本",
                        "指标数",
                        "状态",
                        "考核次数",
                        "修改时间",
                    ],
                    list.iter().map(|s| {
                        vec![
                            s.id.to_string(),
                            s.name.clone(),
                            format!("第 {} 版", s.version),
                            s.indicators.to_string(),
                            state(s.superseded, s.retired, s.frozen),
                            s.rounds.to_string(),
                            s.updated_at.clone(),
                        ]
                    }),
                )
            });
        }
        SystemCmd::Show { id } => {
            let s = system::get(db.conn(), *id)?;
            out(json, &s, || show_system(&s));
        }
        SystemCmd::Import { file, id } => {
            let input = read_system(file)?;
            let old = id.map(|id| system::get(db.conn(), id)).transpose()?;
            let saved = db.transact(&ctx.actor, Action::EvalSystemSave, |tx| {
                system::save(tx, *id, input)
            })?;
            let s = system::get(db.conn(), saved)?;
            out(json, &s, || {
                println!(
                    "已保存：第 {} 版（体系编号 {}）“{}”",
                    s.version, s.id, s.name
                );
                if let Some(old) = old.filter(|o| o.id != s.id) {
                    println!(
                        "第 {} 版（编号 {}）已用于计算过的考核，保持不变；修改另存为新版本，评分中的考核已改用新版本",
                        old.version, old.id
                    );
                }
            });
        }
        SystemCmd::Export { id, output } => {
            let s = system::get(db.conn(), *id)?;
            write_or_print(output, &pretty(&as_input(&s))?)?;
            if let Some(path) = output {
                eprintln!("已导出第 {} 版到 {}", s.version, path.display());
            }
        }
        SystemCmd::Sample => println!("{}", pretty(&sample())?),
        SystemCmd::Retire { id, undo } => {
            let s = system::get(db.conn(), *id)?;
            db.transact(&ctx.actor, Action::EvalSystemRetire, |tx| {
                system::set_retired(tx, *id, !*undo)
            })?;
            out(
                json,
                &serde_json::json!({"id": id, "retired": !undo}),
                || {
                    if *undo {
                        println!("已恢复启用指标体系“{}”", s.name)
                    } else {
                        println!("已停用指标体系“{}”（所有版本；已有考核不受影响）", s.name)
                    }
                },
            );
        }
    }
    Ok(())
}

/// The indicator of `system` named `key` (its name, or its 编号), scored by `method`.
pub fn indicator<'a>(system: &'a System, key: &str, method: EvalMethod) -> Result<&'a Indicator> {
    let key = key.trim();
    let found = system
        .indicators
        .iter()
        .find(|i| i.input.name == key || i.id.to_string() == key);
    let offered = || {
        system
            .indicators
            .iter()
            .filter(|i| i.input.method == method)
            .map(|i| i.input.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    match found {
        Some(i) if i.input.method == method => Ok(i),
        Some(i) => Err(Error::invalid(
            "指标",
            format!(
                "“{}”的计分方式是{}，不是{}；{}的指标：{}",
                i.input.name,
                i.input.method,
                method,
                method,
                offered()
            ),
        )),
        None => Err(Error::invalid(
            "指标",
            format!(
                "指标体系中没有“{key}”这个指标；{}的指标：{}",
                method,
                offered()
            ),
        )),
    }
}
