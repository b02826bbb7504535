//! 党群沟通 printouts: the 群众诉求上报单 and the 职工思想动态分析报告 (A4).
//!
//! The 上报单 is a ruled form of one concern, printed whether or not it was escalated (the 上报
//! fields are then left blank to fill in by hand). The 分析报告 sets the cadre's own text for
//! its four sections beside the figures the app computes for the period and unit.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::error::Result;
use crate::units;
use crate::voice::concern;
use crate::voice::export::concern_number;
use crate::voice::report::{self, Figures, Tally};

use super::docs::{dash, finish, print_date};
use super::layout::{Align, Block, Column, DocSpec, FormRow, Table, mm};
use super::{Document, PrintOptions, chinese_date};

/// Room to write a date by hand.
const BLANK_DATE: &str = "\u{3000}\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日";

/// The 群众诉求上报单 of one concern: what was raised, how it is being dealt with and, once it
/// was escalated, when, to whom and why (blank otherwise, to fill in by hand), with lines to
/// sign. The raiser of an anonymous concern stays 匿名.
pub fn concern_escalation(
    conn: &Connection,
    concern_id: i64,
    opts: &PrintOptions,
) -> Result<Document> {
    let c = concern::get(conn, concern_id, opts.today)?;
    let source = match &c.activity_title {
        Some(t) => format!("{}（{t}）", c.source.label()),
        None => c.source.label().to_string(),
    };
    let handling = match (&c.reply, c.replied_on) {
        (Some(reply), Some(on)) => format!("{reply}\n（答复日期：{}）", chinese_date(on)),
        (Some(reply), None) => reply.clone(),
        (None, _) => String::new(),
    };
    let status = if c.overdue {
        format!("{}（已超期 {} 天）", c.status.label(), c.overdue_days)
    } else {
        c.status.label().to_string()
    };
    let rows = vec![
        FormRow::new(&[
            ("受理日期", chinese_date(c.received_on)),
            ("诉求来源", source),
        ]),
        FormRow::new(&[
            ("提 出 人", c.raiser.clone()),
            ("所属单位", dash(c.unit_name.as_deref())),
        ]),
        FormRow::new(&[
            ("诉求类别", c.category.clone()),
            ("办理期限", chinese_date(c.deadline)),
        ]),
        FormRow::new(&[("诉求内容", c.content.clone())]).tall(mm(45.0)),
        FormRow::new(&[
            ("办理单位", dash(c.handler_unit_name.as_deref())),
            ("责 任 人", dash(c.handler_person_name.as_deref())),
        ]),
        // Left blank (room to write by hand) while there is no answer.
        FormRow::new(&[("办理情况", handling)]).tall(mm(40.0)),
        FormRow::new(&[
            ("办理状态", status),
            ("满 意 度", dash(c.satisfaction.map(|s| s.label()))),
        ]),
        FormRow::new(&[
            (
                "上报日期",
                c.escalated_on.map_or(BLANK_DATE.to_string(), chinese_date),
            ),
            ("上 报 至", c.escalated_to.clone().unwrap_or_default()),
        ]),
        FormRow::new(&[("上报说明", c.escalation_note.clone().unwrap_or_default())]).tall(mm(40.0)),
    ];
    let title = "群众诉求上报单".to_string();
    let blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!("编号：{}", concern_number(&c.uid)),
            right: print_date(opts),
        },
        Block::Space(4.0),
        Block::Form(rows),
        Block::Space(6.0),
        Block::Meta {
            left: "填报人（签字）：".into(),
            right: "单位负责人（签字）：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}".into(),
        },
        Block::Space(14.0),
        Block::Meta {
            left: String::new(),
            right: format!("日期：{BLANK_DATE}"),
        },
    ];
    finish(
        &DocSpec {
            running_title: format!("{title} {}", concern_number(&c.uid)),
            landscape: false,
            blocks,
        },
        opts,
    )
}

/// 85.7%, or — without a denominator.
fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:.1}%", x * 100.0))
}

/// `part` of `whole` as 85.7%, — when `whole` is 0.
fn share(part: i64, whole: i64) -> String {
    pct((whole > 0).then(|| part as f64 / whole as f64))
}

fn table(columns: &[(&str, f32, Align)], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns
            .iter()
            .map(|(t, w, a)| Column::new(t, *w, *a))
            .collect(),
        rows,
        size: 10.0,
        min_row_height: 0.0,
    })
}

/// The cadre's text as paragraphs, each first line indented two characters; （未填写） when
/// there is none.
fn text_blocks(text: Option<&str>) -> Vec<Block> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return vec![Block::Paragraph("（未填写）".into())];
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(format!("\u{3000}\u{3000}{l}")))
        .collect()
}

/// The time figures are judged at when printing on `opts.today`: now, or that day's end.
fn judged_at(opts: &PrintOptions) -> NaiveDateTime {
    let now = crate::db::now();
    if now.date() == opts.today {
        now
    } else {
        opts.today.and_hms_opt(23, 59, 59).unwrap_or(now)
    }
}

/// “已受理 2 件、办理中 1 件 …”.
fn tallies(list: &[Tally], unit: &str) -> String {
    list.iter()
        .map(|t| format!("{} {} {unit}", t.name, t.count))
        .collect::<Vec<_>>()
        .join("，")
}

/// The 主要数据 table of 一、总体情况.
fn main_figures(f: &Figures) -> Block {
    let rows = vec![
        vec!["群众诉求".into(), format!("{} 件", f.concerns)],
        vec!["办理状态".into(), tallies(&f.by_status, "件")],
        vec![
            "按期答复率".into(),
            format!(
                "{}（已答复 {} 件，其中按期答复 {} 件）",
                pct(f.on_time_rate),
                f.answered,
                f.answered_on_time
            ),
        ],
        vec!["超期未办结".into(), format!("{} 件", f.overdue)],
        vec![
            "满意率".into(),
            format!(
                "{}（评价 {} 件：满意 {} 件，基本满意 {} 件，不满意 {} 件）",
                pct(f.satisfaction_rate),
                f.rated,
                f.satisfied,
                f.basically_satisfied,
                f.unsatisfied
            ),
        ],
        vec!["上报上级".into(), format!("{} 件", f.escalated)],
        vec!["职工座谈会".into(), format!("{} 次", f.forums)],
        vec![
            "谈心谈话".into(),
            format!(
                "{} 人次；覆盖率 {}（在岗职工 {} 人，已谈话 {} 人）",
                f.talks,
                pct(f.talk_coverage),
                f.talk_staff,
                f.talk_talked
            ),
        ],
        vec![
            "联系点走访".into(),
            format!(
                "{} 次；覆盖率 {}（联系点 {} 个，已走访 {} 个）",
                f.visits,
                pct(f.visit_coverage),
                f.points,
                f.points_visited
            ),
        ],
    ];
    table(
        &[("项目", 22.0, Align::Center), ("数据", 78.0, Align::Left)],
        rows,
    )
}

/// A table of counts with their shares of `total`, or a sentence when there is nothing.
fn tally_table(title: &str, list: &[Tally], total: i64) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(title.to_string())];
    if list.iter().all(|t| t.count == 0) {
        blocks.push(Block::Paragraph("本期未登记群众诉求。".into()));
        blocks.push(Block::Space(4.0));
        return blocks;
    }
    let mut rows: Vec<Vec<String>> = list
        .iter()
        .map(|t| vec![t.name.clone(), t.count.to_string(), share(t.count, total)])
        .collect();
    rows.push(vec!["合计".into(), total.to_string(), share(total, total)]);
    blocks.push(table(
        &[
            (title_column(title), 50.0, Align::Left),
            ("件数", 20.0, Align::Center),
            ("占比", 20.0, Align::Center),
        ],
        rows,
    ));
    blocks
}

fn title_column(title: &str) -> &'static str {
    if title.contains("单位") {
        "单位"
    } else {
        "类别"
    }
}

fn trends(f: &Figures) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("（一）思想动态登记情况".into())];
    blocks.push(Block::Paragraph(format!(
        "本期登记思想动态与舆情 {} 条；重大舆情未按时上报 {} 条。",
        f.opinions, f.grave_unreported
    )));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (what, list) in [("等级", &f.by_level), ("趋势", &f.by_trend)] {
        for t in list.iter() {
            rows.push(vec![
                what.to_string(),
                t.name.clone(),
                t.count.to_string(),
                share(t.count, f.opinions),
            ]);
        }
    }
    blocks.push(table(
        &[
            ("分类", 20.0, Align::Center),
            ("项目", 30.0, Align::Center),
            ("条数", 20.0, Align::Center),
            ("占比", 20.0, Align::Center),
        ],
        rows,
    ));
    blocks.push(Block::Heading("（二）职工关注的主要问题".into()));
    if f.top_topics.is_empty() {
        blocks.push(Block::Paragraph("本期未登记群众诉求。".into()));
        blocks.push(Block::Space(4.0));
    } else {
        blocks.push(table(
            &[
                ("序号", 12.0, Align::Center),
                ("问题类别", 40.0, Align::Left),
                ("诉求件数", 20.0, Align::Center),
                ("占比", 20.0, Align::Center),
            ],
            f.top_topics
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        (i + 1).to_string(),
                        t.name.clone(),
                        t.count.to_string(),
                        share(t.count, f.concerns),
                    ]
                })
                .collect(),
        ));
    }
    blocks
}

/// The 职工思想动态分析报告 saved as `report_id`, with its figures computed now.
pub fn opinion_report(conn: &Connection, report_id: i64, opts: &PrintOptions) -> Result<Document> {
    let r = report::get(conn, report_id)?;
    let period = crate::voice::Period::new(r.input.period_from, r.input.period_to)?;
    let f = report::figures(conn, period, r.input.unit_id, judged_at(opts))?;
    let path = match r.input.unit_id {
        Some(id) => units::get(conn, id)?.path.replace('/', " / "),
        None => f.unit_name.clone(),
    };
    let title = r.input.title.clone();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!("单位：{path}"),
            right: print_date(opts),
        },
        Block::Paragraph(format!("统计期间：{}", period.label())),
        Block::Space(6.0),
        Block::Heading("一、总体情况".into()),
    ];
    blocks.extend(text_blocks(r.input.overall.as_deref()));
    blocks.push(Block::Space(4.0));
    blocks.push(Block::Heading("（一）主要数据".into()));
    blocks.push(main_figures(&f));
    blocks.extend(tally_table(
        "（二）诉求分类统计",
        &f.by_category,
        f.concerns,
    ));
    blocks.extend(tally_table("（三）各单位诉求", &f.by_unit, f.concerns));
    blocks.push(Block::Heading("二、主要思想动态".into()));
    blocks.extend(text_blocks(r.input.main_trends.as_deref()));
    blocks.push(Block::Space(4.0));
    blocks.extend(trends(&f));
    blocks.push(Block::Heading("三、原因分析".into()));
    blocks.extend(text_blocks(r.input.causes.as_deref()));
    blocks.push(Block::Space(6.0));
    blocks.push(Block::Heading("四、下一步措施".into()));
    blocks.extend(text_blocks(r.input.next_steps.as_deref()));
    blocks.push(Block::Space(6.0));
    blocks.push(Block::Paragraph(
        "说明：群众诉求按受理日期统计，含下级单位；按期答复率 = 按期答复 ÷ 已答复；满意率 =（满意 + 基本满意）÷ 已评价；超期未办结按期间末（或打印当日）判断；谈心谈话覆盖率按期间末在岗职工计算。"
            .into(),
    ));
    blocks.push(Block::Space(16.0));
    blocks.push(Block::Meta {
        left: "报告人（签字）：".into(),
        right: "审核人（签字）：　　　　　　　　".into(),
    });
    finish(
        &DocSpec {
            running_title: title,
            landscape: false,
            blocks,
        },
        opts,
    )
}
