//! .xlsx exports of 考核评价's result tables: a round's results (ranked, every indicator's
//! score, 反馈 and 确认; each score's 计分依据 on a second sheet), a 推优评先 round's candidates
//! (each rule's result, votes, selection), the honours roll and one cadre's history. None of
//! them holds an ID or phone number.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{HonourFilter, RoundDetail, honour, recognition, round};
use crate::codes::RoundStatus;
use crate::error::Result;
use crate::pdf::chinese_date;
use crate::pdf::evaluation::{describe_filter, honours_file_stem, plain_number};
use crate::xlsx::export::*;

fn opt_score(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Score)
}

fn opt_int(x: Option<i64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Int)
}

/// A stored time ('YYYY-MM-DD HH:MM:SS') as a date-time cell (as text if it is not one).
fn stored_time(t: Option<&str>) -> Cell {
    match t {
        None => Cell::Empty,
        Some(t) => NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")
            .map_or_else(|_| Cell::text(t), Cell::DateTime),
    }
}

fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{}至{}", chinese_date(from), chinese_date(to))
}

/// The round's state for a title: 已公布, or （预览，尚未计算） while 评分中 and never computed.
fn round_state(r: &RoundDetail) -> String {
    if r.status == RoundStatus::Open && r.computed_at.is_none() {
        "预览，尚未计算".to_string()
    } else {
        r.status.label().to_string()
    }
}

/// 考核结果: the subjects ranked with every indicator's score (header “指标（权重）”), the
/// total, rank, grade and its note, the 反馈, the person's reply and when they confirmed; the
/// second sheet 计分依据 has a row per subject and indicator with the figure and how the score
/// was reached. Scores are read as of `now` while the round is a preview.
pub fn results(conn: &Connection, round_id: i64, now: NaiveDateTime) -> Result<Export> {
    let r = round::get(conn, round_id, now)?;
    let indicators = &r.system.indicators;
    let title = format!(
        "{}结果（{}，{}；{}；指标体系：{} 第{}版；{}）",
        r.input.name,
        r.input.kind.label(),
        period(r.input.period_from, r.input.period_to),
        round_state(&r),
        r.system.name,
        r.system.version,
        exported_on(now.date())
    );
    let heads: Vec<String> = indicators
        .iter()
        .map(|i| format!("{}（{}）", i.input.name, plain_number(i.input.weight)))
        .collect();
    let mut headers: Vec<&str> = vec!["排名", "姓名", "工号", "单位", "职务"];
    headers.extend(heads.iter().map(String::as_str));
    headers.extend([
        "总分",
        "等级",
        "等级说明",
        "考核反馈",
        "本人反馈意见",
        "确认时间",
    ]);
    let mut t = Table::new("考核结果", Some(title), &headers);
    let mut b = Table::new(
        "计分依据",
        Some(format!("{}计分依据", r.input.name)),
        &[
            "排名",
            "姓名",
            "工号",
            "单位",
            "类别",
            "指标",
            "权重",
            "计分方式",
            "数据",
            "得分",
            "计分依据",
        ],
    );
    for s in &r.subjects {
        let mut row = vec![
            opt_int(s.rank),
            Cell::text(&s.name),
            Cell::opt_text(s.employee_no.as_deref()),
            Cell::text(&s.unit_name),
            Cell::opt_text(s.position.as_deref()),
        ];
        for i in indicators {
            let sc = s.scores.iter().find(|x| x.indicator_id == i.id);
            row.push(opt_score(sc.map(|x| x.score)));
            b.rows.push(vec![
                opt_int(s.rank),
                Cell::text(&s.name),
                Cell::opt_text(s.employee_no.as_deref()),
                Cell::text(&s.unit_name),
                Cell::text(&i.input.category),
                Cell::text(&i.input.name),
                Cell::Decimal(i.input.weight),
                Cell::text(i.input.method.label()),
                opt_score(sc.and_then(|x| x.figure)),
                opt_score(sc.map(|x| x.score)),
                Cell::opt_text(sc.map(|x| x.basis.as_str())),
            ]);
        }
        row.extend([
            opt_score(s.total),
            Cell::opt_text(s.grade.map(|g| g.label())),
            Cell::opt_text(s.grade_note.as_deref()),
            Cell::opt_text(s.feedback.as_deref()),
            Cell::opt_text(s.reply.as_deref()),
            stored_time(s.confirmed_at.as_deref()),
        ]);
        t.rows.push(row);
    }
    finish(vec![t, b], &format!("考核结果-{}", r.input.name))
}

/// 推优评先候选人: every nomination with its unit, the nominating unit, the 事迹, each rule's
/// result (符合 / 不符合 and what was found), eligibility, votes, rank, selection, the note of
/// a tie at the quota's edge and the reason of a withdrawal. Rules are checked as of `today`.
pub fn recognition_candidates(
    conn: &Connection,
    round_id: i64,
    today: NaiveDate,
) -> Result<Export> {
    let r = recognition::get(conn, round_id, today)?;
    let unit_round = r.input.target == crate::codes::RecognitionTarget::Unit;
    let title = format!(
        "{}候选人（{}年度，{}，名额 {}；{}；{}）",
        r.input.name,
        r.input.year,
        r.input.honour_title,
        r.input.quota,
        r.status.label(),
        exported_on(today)
    );
    let rules: Vec<String> = r.input.rules.iter().map(recognition::rule_label).collect();
    let mut headers: Vec<&str> = vec![
        "序号",
        if unit_round { "集体名称" } else { "姓名" },
        "单位",
        "推荐单位",
        "主要事迹",
    ];
    headers.extend(rules.iter().map(String::as_str));
    headers.extend([
        "是否符合条件",
        "得票",
        "排名",
        "是否当选",
        "说明",
        "撤回原因",
    ]);
    let mut t = Table::new("候选人", Some(title), &headers);
    for (n, c) in r.candidates.iter().enumerate() {
        let mut row = vec![
            Cell::Int(n as i64 + 1),
            Cell::text(&c.name),
            Cell::opt_text(c.unit_name.as_deref()),
            Cell::opt_text(c.by_unit_name.as_deref()),
            Cell::text(c.deeds.trim()),
        ];
        for rule in &r.input.rules {
            let cell = match c.checks.iter().find(|k| &k.rule == rule) {
                Some(k) => {
                    let verdict = if k.passed { "符合" } else { "不符合" };
                    if k.found.trim().is_empty() {
                        Cell::text(verdict)
                    } else {
                        Cell::text(format!("{verdict}（{}）", k.found.trim()))
                    }
                }
                None => Cell::Empty,
            };
            row.push(cell);
        }
        row.extend([
            Cell::text(if c.eligible { "是" } else { "否" }),
            opt_int(c.votes.map(i64::from)),
            opt_int(c.rank),
            yes(c.selected),
            Cell::opt_text(c.note.as_deref()),
            Cell::opt_text(c.withdrawn.as_deref()),
        ]);
        t.rows.push(row);
    }
    finish(vec![t], &format!("推优评先候选人-{}", r.input.name))
}

/// 荣誉名册: the honours `filter` selects, newest year first.
pub fn honours(conn: &Connection, filter: &HonourFilter, today: NaiveDate) -> Result<Export> {
    let list = honour::list(conn, filter)?;
    let title = format!(
        "荣誉名册（{}，共 {} 项；{}）",
        describe_filter(conn, filter)?,
        list.len(),
        exported_on(today)
    );
    let mut t = Table::new(
        "荣誉",
        Some(title),
        &[
            "序号",
            "荣誉称号",
            "年度",
            "获得者",
            "类别",
            "单位",
            "授予单位",
            "授予日期",
            "来源",
            "备注",
        ],
    );
    for (n, h) in list.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(n as i64 + 1),
            Cell::text(&h.input.title),
            Cell::Int(i64::from(h.input.year)),
            Cell::text(&h.holder),
            Cell::text(if h.input.unit_id.is_some() {
                "集体"
            } else {
                "个人"
            }),
            Cell::opt_text(h.unit_name.as_deref()),
            Cell::opt_text(h.input.granted_by.as_deref()),
            Cell::Date(h.input.awarded_on),
            Cell::text(if h.round_id.is_some() {
                "推优评先"
            } else {
                "手工登记"
            }),
            Cell::opt_text(h.input.note.as_deref()),
        ]);
    }
    finish(vec![t], &honours_file_stem(conn, filter)?)
}

/// 考核记录 of one cadre: every computed round they were in, oldest period first, with the
/// total, rank of how many, and grade.
pub fn history(conn: &Connection, person_id: i64, today: NaiveDate) -> Result<Export> {
    let person = crate::people::get(conn, person_id)?;
    let list = round::history(conn, person_id)?;
    let title = format!(
        "{}（{}）考核记录（{} 次；{}）",
        person.name,
        person.unit_name,
        list.len(),
        exported_on(today)
    );
    let mut t = Table::new(
        "考核记录",
        Some(title),
        &[
            "序号",
            "考核名称",
            "考核类型",
            "起始日期",
            "截止日期",
            "状态",
            "总分",
            "排名",
            "参评人数",
            "等级",
        ],
    );
    for (n, h) in list.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(n as i64 + 1),
            Cell::text(&h.round_name),
            Cell::text(h.kind.label()),
            Cell::Date(h.period_from),
            Cell::Date(h.period_to),
            Cell::text(h.status.label()),
            opt_score(h.total),
            opt_int(h.rank),
            Cell::Int(h.of),
            Cell::opt_text(h.grade.map(|g| g.label())),
        ]);
    }
    finish(vec![t], &format!("考核记录-{}", person.name))
}
