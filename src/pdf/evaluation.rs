//! 考核评价 printouts (A4): the 考核结果汇总表 of a round, the 考核反馈表 (a page per person) and
//! the 民主测评表 (blank for the meeting, or with the counts entered). The 推优评先 公示 and the
//! 荣誉名册 are in [`recognition`]. Nothing here prints an ID or phone number.
//!
//! The 汇总表 is portrait with up to [`PORTRAIT_INDICATORS`] indicators and landscape with
//! more, so every indicator keeps a column wide enough for its score.

mod recognition;

pub use recognition::{
    describe_filter, honours, honours_file_stem, notice_title, recognition_name, recognition_notice,
};

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::codes::{EvalMethod, RoundStatus};
use crate::collate::sort_by_name;
use crate::error::{Error, Result};
use crate::evaluation::{BallotCounts, BallotPoints, Indicator, RoundDetail, SubjectResult, round};
use crate::voice::Period;

use super::docs::{finish, print_date};
use super::layout::{Align, Block, Column, DocSpec, FormRow, Table, mm};
use super::{Document, PrintOptions, chinese_date};

/// Room to write a date by hand.
pub(super) const BLANK_DATE: &str =
    "\u{3000}\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日";

/// The most indicators the 汇总表 holds in portrait.
pub const PORTRAIT_INDICATORS: usize = 5;

/// The time automatic figures are read at when printing on `opts.today`: now, or that day's
/// end (as the 分析报告 does).
pub(super) fn judged_at(opts: &PrintOptions) -> NaiveDateTime {
    let now = crate::db::now();
    if now.date() == opts.today {
        now
    } else {
        opts.today.and_hms_opt(23, 59, 59).unwrap_or(now)
    }
}

/// 92.5 → "92.5", 20 → "20", 12.25 → "12.25".
pub fn plain_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A score as printed: two decimals.
fn score_text(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{x:.2}"))
}

/// The mark of the `n`th note (from 1): ① … ⑳, then （注21）.
fn note_mark(n: usize) -> String {
    match n {
        1..=20 => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(format!("（注{n}）"), |c| c.to_string())
        }
        _ => format!("（注{n}）"),
    }
}

/// “日常考核” and the period, as the rounds' headers print them.
fn period_of(r: &RoundDetail) -> String {
    Period {
        from: r.input.period_from,
        to: r.input.period_to,
    }
    .label()
}

/// The name of the round `id` (for file names), without computing anything.
pub fn round_name(conn: &Connection, id: i64) -> Result<String> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT name FROM eval_round WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("考核", id))
}

/// The 制表单位: the company, or a blank to write in when the tree has several roots.
fn maker(conn: &Connection) -> Result<String> {
    let name = crate::units::company_name(conn)?;
    Ok(if name == "全部单位" {
        "\u{3000}".repeat(8)
    } else {
        name
    })
}

/// The score of `indicator` for `s`.
fn score_of(s: &SubjectResult, indicator: i64) -> Option<&crate::evaluation::IndicatorScore> {
    s.scores.iter().find(|x| x.indicator_id == indicator)
}

/// How the grades were given: the bands and the 优秀 quota.
fn grade_rule(r: &RoundDetail) -> String {
    let b = r.input.grade_bands;
    let mut s = format!(
        "等级按总分评定：{} 分及以上为优秀，{} 分及以上为称职，{} 分及以上为基本称职，{} 分以下为不称职",
        plain_number(b.excellent),
        plain_number(b.competent),
        plain_number(b.basic),
        plain_number(b.basic)
    );
    if let Some(q) = r.input.excellent_quota {
        s.push_str(&format!(
            "；优秀人数不超过考核人数的 {}%，名额边缘并列且超出名额的，均暂评为称职并注明",
            plain_number(q)
        ));
    }
    s.push('。');
    s
}

/// Still 评分中 and never computed: the scores are a preview and there is no total yet.
fn is_preview(r: &RoundDetail) -> bool {
    r.status == RoundStatus::Open && r.computed_at.is_none()
}

/// 考核结果汇总表 of a round: its subjects ranked, each indicator's score, the total and the
/// grade (a mark where the quota changed it, the notes under the table). A round still 评分中
/// and never computed prints as a preview (“（预览，尚未计算）”).
pub fn results(conn: &Connection, round_id: i64, opts: &PrintOptions) -> Result<Document> {
    let r = round::get(conn, round_id, judged_at(opts))?;
    let indicators = &r.system.indicators;
    let landscape = indicators.len() > PORTRAIT_INDICATORS;
    let mut columns = vec![
        Column::new("排名", 8.0, Align::Center),
        Column::new("姓名", 13.0, Align::Center),
        Column::new("单位", 24.0, Align::Left),
    ];
    for i in indicators {
        columns.push(Column::new(
            &format!("{}（{}）", i.input.name, plain_number(i.input.weight)),
            14.0,
            Align::Center,
        ));
    }
    columns.push(Column::new("总分", 12.0, Align::Center));
    columns.push(Column::new("等级", 13.0, Align::Center));
    let mut notes = Vec::new();
    let mut rows = Vec::with_capacity(r.subjects.len());
    for s in &r.subjects {
        let mut row = vec![
            s.rank.map_or("—".into(), |n| n.to_string()),
            s.name.clone(),
            s.unit_name.clone(),
        ];
        for i in indicators {
            row.push(score_text(score_of(s, i.id).map(|x| x.score)));
        }
        row.push(score_text(s.total));
        let mut grade = s.grade.map_or("—".to_string(), |g| g.label().to_string());
        if let Some(note) = s.grade_note.as_deref().filter(|n| !n.trim().is_empty()) {
            let mark = note_mark(notes.len() + 1);
            grade.push_str(&mark);
            notes.push(format!("{mark}{}：{}", s.name, note.trim()));
        }
        row.push(grade);
        rows.push(row);
    }
    let title = format!("{}结果汇总表", r.input.name);
    let status = if is_preview(&r) {
        "（预览，尚未计算）".to_string()
    } else {
        format!("状态：{}", r.status.label())
    };
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "考核类型：{}\u{3000}\u{3000}考核期间：{}",
                r.input.kind.label(),
                period_of(&r)
            ),
            right: status,
        },
        Block::Meta {
            left: format!(
                "指标体系：{}（第{}版）\u{3000}\u{3000}考核人数：{} 人",
                r.system.name,
                r.system.version,
                r.subjects.len()
            ),
            right: String::new(),
        },
        Block::Space(4.0),
        Block::Table(Table {
            columns,
            rows,
            size: if landscape { 9.0 } else { 9.5 },
            min_row_height: 0.0,
        }),
    ];
    if !notes.is_empty() {
        blocks.push(Block::Paragraph("注：".into()));
        for n in notes {
            blocks.push(Block::Paragraph(n));
        }
        blocks.push(Block::Space(3.0));
    }
    blocks.push(Block::Paragraph(format!(
        "说明：表中各指标为百分制得分，括号内为权重；总分 = Σ（指标得分 × 权重）÷ 100。{}",
        grade_rule(&r)
    )));
    if is_preview(&r) {
        blocks.push(Block::Paragraph(
            "本表为评分中的预览：各项得分按当前数据和已录入的打分计算，计算考核结果后给出总分、排名和等级。"
                .into(),
        ));
    }
    blocks.push(Block::Space(10.0));
    blocks.push(Block::Meta {
        left: format!("制表单位：{}", maker(conn)?),
        right: format!("制表日期：{}", chinese_date(opts.today)),
    });
    finish(
        &DocSpec {
            running_title: title,
            landscape,
            blocks,
        },
        opts,
    )
}

/// “第 2 名（共 7 人）”.
fn rank_text(rank: Option<i64>, of: usize) -> String {
    match rank {
        Some(n) => format!("第 {n} 名（共 {of} 人）"),
        None => format!("—（共 {of} 人）"),
    }
}

/// The date part of a stored time ('YYYY-MM-DD HH:MM:SS').
fn date_of(stored: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stored.get(..10)?, "%Y-%m-%d").ok()
}

/// The blocks of one subject's 考核反馈表.
fn feedback_page(r: &RoundDetail, s: &SubjectResult) -> Vec<Block> {
    let rows: Vec<Vec<String>> = r
        .system
        .indicators
        .iter()
        .map(|i| {
            let sc = score_of(s, i.id);
            vec![
                i.input.name.clone(),
                plain_number(i.input.weight),
                score_text(sc.map(|x| x.score)),
                sc.map(|x| x.basis.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    let grade = s.grade.map_or("—".to_string(), |g| g.label().to_string());
    let mut form = vec![
        FormRow::new(&[
            ("姓\u{3000}\u{3000}名", s.name.clone()),
            ("单\u{3000}\u{3000}位", s.unit_name.clone()),
        ]),
        FormRow::new(&[
            (
                "职\u{3000}\u{3000}务",
                s.position.clone().unwrap_or_default(),
            ),
            ("考核类型", r.input.kind.label().to_string()),
        ]),
        FormRow::new(&[("考核名称", r.input.name.clone())]),
        FormRow::new(&[("考核期间", period_of(r))]),
    ];
    let mut result = vec![FormRow::new(&[
        ("总\u{3000}\u{3000}分", score_text(s.total)),
        ("排\u{3000}\u{3000}名", rank_text(s.rank, r.subjects.len())),
        ("等\u{3000}\u{3000}级", grade),
    ])];
    if let Some(note) = s.grade_note.as_deref().filter(|n| !n.trim().is_empty()) {
        result.push(FormRow::new(&[("等级说明", note.trim().to_string())]));
    }
    let mut reply = s.reply.clone().unwrap_or_default();
    if let Some(on) = s.confirmed_at.as_deref().and_then(date_of) {
        if !reply.is_empty() {
            reply.push('\n');
        }
        reply.push_str(&format!("（已于{}确认考核结果）", chinese_date(on)));
    }
    result
        .push(FormRow::new(&[("考核反馈", s.feedback.clone().unwrap_or_default())]).tall(mm(40.0)));
    result.push(FormRow::new(&[("本人\n反馈意见", reply)]).tall(mm(40.0)));
    let mut blocks = vec![
        Block::Title("考核反馈表".into()),
        Block::Space(2.0),
        Block::Form(std::mem::take(&mut form)),
        Block::Table(Table {
            columns: vec![
                Column::new("指标", 26.0, Align::Left),
                Column::new("权重", 9.0, Align::Center),
                Column::new("得分", 11.0, Align::Center),
                Column::new("计分依据", 54.0, Align::Left),
            ],
            rows,
            size: 9.5,
            min_row_height: 0.0,
        }),
        Block::Form(result),
    ];
    if is_preview(r) {
        blocks.push(Block::Paragraph(
            "（预览，尚未计算：得分按当前数据和已录入的打分计算，总分、排名和等级在计算后给出。）"
                .into(),
        ));
    }
    blocks.extend([
        Block::Space(10.0),
        Block::Meta {
            left: "本人签字：________________".into(),
            right: format!("日期：{BLANK_DATE}"),
        },
    ]);
    blocks
}

/// 考核反馈表: a page for each subject (`person_id` None: every subject, in rank order) with the
/// round, each indicator's weight, score and how it was reached, the total, rank and grade, the
/// 考核反馈, the person's own 反馈意见 (room to write both by hand when empty) and a line to sign.
pub fn feedback(
    conn: &Connection,
    round_id: i64,
    person_id: Option<i64>,
    opts: &PrintOptions,
) -> Result<Document> {
    let r = round::get(conn, round_id, judged_at(opts))?;
    let subjects: Vec<&SubjectResult> = match person_id {
        Some(id) => {
            let s = r
                .subjects
                .iter()
                .find(|s| s.person_id == id)
                .ok_or_else(|| Error::invalid("考核对象", "该职工不在本次考核的对象中"))?;
            vec![s]
        }
        None => r.subjects.iter().collect(),
    };
    if subjects.is_empty() {
        return Err(Error::invalid("考核对象", "本次考核还没有考核对象"));
    }
    let mut blocks = Vec::new();
    for (i, s) in subjects.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.extend(feedback_page(&r, s));
    }
    let running_title = match subjects.as_slice() {
        [only] => format!("考核反馈表 {}", only.name),
        _ => format!("{}考核反馈表", r.input.name),
    };
    finish(
        &DocSpec {
            running_title,
            landscape: false,
            blocks,
        },
        opts,
    )
}

/// “优秀 100 分、称职 80 分、基本称职 60 分、不称职 0 分”.
pub fn points_text(p: &BallotPoints) -> String {
    format!(
        "优秀 {} 分、称职 {} 分、基本称职 {} 分、不称职 {} 分",
        plain_number(p.excellent),
        plain_number(p.competent),
        plain_number(p.basic),
        plain_number(p.incompetent)
    )
}

fn ballot_total(c: &BallotCounts) -> u32 {
    c.excellent + c.competent + c.basic + c.incompetent
}

/// 民主测评表 of a round. Blank (`filled` false), for the meeting: each subject with empty
/// 优秀 / 称职 / 基本称职 / 不称职 cells to tick. Filled: the counts entered from the paper
/// ballots, the 总票数 and the score by the system's points. Subjects in `opts.order`, as the
/// meeting reads them; a table per 民主测评 indicator.
pub fn ballot_sheet(
    conn: &Connection,
    round_id: i64,
    filled: bool,
    opts: &PrintOptions,
) -> Result<Document> {
    let r = round::get(conn, round_id, judged_at(opts))?;
    let ballot_indicators: Vec<&Indicator> = r
        .system
        .indicators
        .iter()
        .filter(|i| i.input.method == EvalMethod::Ballot)
        .collect();
    if ballot_indicators.is_empty() {
        return Err(Error::invalid(
            "民主测评表",
            format!("指标体系“{}”没有民主测评指标", r.system.name),
        ));
    }
    if r.subjects.is_empty() {
        return Err(Error::invalid("考核对象", "本次考核还没有考核对象"));
    }
    let ranks = crate::xlsx::export::unit_ranks(conn)?;
    let mut subjects: Vec<&SubjectResult> = r.subjects.iter().collect();
    sort_by_name(
        &mut subjects,
        opts.order,
        |s| s.name.as_str(),
        |s| ranks.get(&s.unit_id).copied().unwrap_or(i64::MAX),
        |s| s.employee_no.as_deref().unwrap_or(""),
    );
    let counts: HashMap<(i64, i64), BallotCounts> = if filled {
        round::ballots(conn, round_id)?
            .into_iter()
            .map(|b| ((b.person_id, b.indicator_id), b.counts))
            .collect()
    } else {
        HashMap::new()
    };
    let title = if filled {
        format!("{}民主测评统计表", r.input.name)
    } else {
        format!("{}民主测评表", r.input.name)
    };
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "考核期间：{}\u{3000}\u{3000}被测评人：{} 人",
                period_of(&r),
                subjects.len()
            ),
            right: if filled {
                print_date(opts)
            } else {
                String::new()
            },
        },
    ];
    if !filled {
        blocks.push(Block::Paragraph(
            "请在相应栏内划“√”，每名被测评人只能选择一项。".into(),
        ));
    }
    blocks.push(Block::Space(3.0));
    let several = ballot_indicators.len() > 1;
    for ind in &ballot_indicators {
        if several || filled {
            blocks.push(Block::Heading(format!("测评项目：{}", ind.input.name)));
        }
        let mut columns = vec![
            Column::new("序号", 8.0, Align::Center),
            Column::new("姓名", 14.0, Align::Center),
            Column::new("单位", 26.0, Align::Left),
            Column::new("职务", 20.0, Align::Left),
            Column::new("优秀", 10.0, Align::Center),
            Column::new("称职", 10.0, Align::Center),
            Column::new("基本称职", 12.0, Align::Center),
            Column::new("不称职", 10.0, Align::Center),
        ];
        if filled {
            columns.push(Column::new("总票数", 10.0, Align::Center));
            columns.push(Column::new("得分", 11.0, Align::Center));
        }
        let rows = subjects
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let mut row = vec![
                    (n + 1).to_string(),
                    s.name.clone(),
                    s.unit_name.clone(),
                    s.position.clone().unwrap_or_default(),
                ];
                if !filled {
                    row.extend(std::iter::repeat_n(String::new(), 4));
                    return row;
                }
                match counts.get(&(s.person_id, ind.id)) {
                    Some(c) => {
                        row.extend([
                            c.excellent.to_string(),
                            c.competent.to_string(),
                            c.basic.to_string(),
                            c.incompetent.to_string(),
                            ballot_total(c).to_string(),
                        ]);
                        let score =
                            crate::evaluation::score::ballot_score(*c, r.system.ballot_points);
                        row.push(score_text(score));
                    }
                    None => {
                        row.extend(std::iter::repeat_n("—".to_string(), 5));
                        row.push("未录入".into());
                    }
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns,
            rows,
            size: 10.0,
            min_row_height: if filled { 0.0 } else { mm(9.0) },
        }));
    }
    if filled {
        blocks.push(Block::Paragraph(format!(
            "计分标准：{}；得分 = Σ（票数 × 分值）÷ 总票数。",
            points_text(&r.system.ballot_points)
        )));
        blocks.push(Block::Space(12.0));
        blocks.push(Block::Meta {
            left: "计票人（签字）：".into(),
            right: "监票人（签字）：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}".into(),
        });
    } else {
        blocks.push(Block::Space(12.0));
        blocks.push(Block::Meta {
            left: "测评人（可不署名）：".into(),
            right: format!("日期：{BLANK_DATE}"),
        });
    }
    finish(
        &DocSpec {
            running_title: title,
            landscape: false,
            blocks,
        },
        opts,
    )
}
