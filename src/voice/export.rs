//! The .xlsx exports of 党群沟通's lists: 群众诉求, 思想动态, 联系点走访, 谈心谈话 (summaries
//! only when asked for, and only those the viewer may see) and the coverage tables. Every list
//! is read whole, page after page. None of them holds an ID or phone number.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::concern::{self, ConcernFilter};
use super::contact::{self, VisitFilter};
use super::opinion::{self, OpinionFilter};
use super::talk::{self, TalkFilter};
use super::{Period, Viewer};
use crate::db::Page;
use crate::error::Result;
use crate::units;
use crate::xlsx::export::*;

/// The number a concern is known by on paper (the 上报单, the export): the last 8 characters
/// of its uid, the same on every machine it travels to.
pub fn concern_number(uid: &str) -> String {
    let chars: Vec<char> = uid.chars().filter(char::is_ascii_alphanumeric).collect();
    chars[chars.len().saturating_sub(8)..]
        .iter()
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Every item of a paged list: pages of [`PAGE`] until the total is reached.
fn all<T>(mut page: impl FnMut(i64, i64) -> Result<Page<T>>) -> Result<Vec<T>> {
    const PAGE: i64 = 500;
    let mut items = Vec::new();
    loop {
        let p = page(items.len() as i64, PAGE)?;
        let got = p.items.len();
        items.extend(p.items);
        if got == 0 || items.len() as i64 >= p.total {
            return Ok(items);
        }
    }
}

/// “，受理日期 2026-07-01 至 2026-09-30” for a list's date filter, or nothing.
fn dates(what: &str, from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => format!("，{what} {f} 至 {t}"),
        (Some(f), None) => format!("，{what} {f} 起"),
        (None, Some(t)) => format!("，{what}至 {t}"),
        (None, None) => String::new(),
    }
}

fn ids(list: &[i64]) -> Cell {
    if list.is_empty() {
        Cell::Empty
    } else {
        Cell::Int(list.len() as i64)
    }
}

/// 群众诉求: every concern matching `filter` (the latest received first), with its handling,
/// overdue state on `today`, answer, satisfaction and escalation.
pub fn concerns(conn: &Connection, filter: &ConcernFilter, today: NaiveDate) -> Result<Export> {
    let list = all(|offset, limit| concern::list(conn, filter, today, offset, limit))?;
    let scope = units::scope_name(conn, filter.unit_id)?;
    let overdue = list.iter().filter(|c| c.overdue).count();
    let title = format!(
        "{scope}群众诉求（{} 件，其中超期 {overdue} 件{}；{}）",
        list.len(),
        dates("受理日期", filter.from, filter.to),
        exported_on(today)
    );
    let mut t = Table::new(
        "群众诉求",
        Some(title),
        &[
            "序号",
            "编号",
            "受理日期",
            "来源",
            "来源活动",
            "提出人",
            "所属单位",
            "类别",
            "诉求内容",
            "办理状态",
            "办理期限",
            "是否超期",
            "超期天数",
            "办理单位",
            "责任人",
            "答复内容",
            "答复日期",
            "办结日期",
            "满意度",
            "上报日期",
            "上报至",
            "上报说明",
        ],
    );
    for (i, c) in list.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::text(concern_number(&c.uid)),
            Cell::Date(c.received_on),
            Cell::text(c.source.label()),
            Cell::opt_text(c.activity_title.as_deref()),
            Cell::text(&c.raiser),
            Cell::opt_text(c.unit_name.as_deref()),
            Cell::text(&c.category),
            Cell::text(&c.content),
            Cell::text(c.status.label()),
            Cell::Date(c.deadline),
            yes(c.overdue),
            if c.overdue {
                Cell::Int(c.overdue_days)
            } else {
                Cell::Empty
            },
            Cell::opt_text(c.handler_unit_name.as_deref()),
            Cell::opt_text(c.handler_person_name.as_deref()),
            Cell::opt_text(c.reply.as_deref()),
            Cell::opt_date(c.replied_on),
            Cell::opt_date(c.closed_on),
            Cell::opt_text(c.satisfaction.map(|s| s.label())),
            Cell::opt_date(c.escalated_on),
            Cell::opt_text(c.escalated_to.as_deref()),
            Cell::opt_text(c.escalation_note.as_deref()),
        ]);
    }
    finish(vec![t], &format!("群众诉求-{scope}"))
}

/// 思想动态与舆情: every entry matching `filter`, with its report state at `now`.
pub fn opinions(conn: &Connection, filter: &OpinionFilter, now: NaiveDateTime) -> Result<Export> {
    let list = all(|offset, limit| opinion::list(conn, filter, now, offset, limit))?;
    let scope = units::scope_name(conn, filter.unit_id)?;
    let unreported = list.iter().filter(|o| o.unreported_flag).count();
    let title = format!(
        "{scope}思想动态与舆情（{} 条，其中重大未按时上报 {unreported} 条{}；{}）",
        list.len(),
        dates("发现日期", filter.from, filter.to),
        exported_on(now.date())
    );
    let mut t = Table::new(
        "思想动态",
        Some(title),
        &[
            "序号",
            "发现时间",
            "类型",
            "渠道",
            "标题",
            "详细情况",
            "涉及单位",
            "等级",
            "趋势",
            "研判意见",
            "处置措施",
            "上报时限",
            "上报时间",
            "上报对象",
            "未按时上报",
            "逾时上报",
            "形成诉求（件）",
        ],
    );
    for (i, o) in list.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::DateTime(o.observed_at),
            Cell::text(o.kind.label()),
            Cell::opt_text(o.channel.as_deref()),
            Cell::text(&o.title),
            Cell::opt_text(o.detail.as_deref()),
            Cell::text(&o.units),
            Cell::text(o.level.label()),
            Cell::text(o.trend.label()),
            Cell::opt_text(o.assessment.as_deref()),
            Cell::opt_text(o.measures.as_deref()),
            o.report_due.map_or(Cell::Empty, Cell::DateTime),
            o.reported_at.map_or(Cell::Empty, Cell::DateTime),
            Cell::opt_text(o.reported_to.as_deref()),
            yes(o.unreported_flag),
            yes(o.reported_late),
            ids(&o.concern_ids),
        ]);
    }
    finish(vec![t], &format!("思想动态-{scope}"))
}

/// 联系点走访: every visit matching `filter`, the latest first.
pub fn visits(conn: &Connection, filter: &VisitFilter) -> Result<Export> {
    let list = all(|offset, limit| contact::list_visits(conn, filter, offset, limit))?;
    let scope = units::scope_name(conn, filter.unit_id)?;
    let title = format!(
        "{scope}领导班子联系点走访记录（{} 次{}；{}）",
        list.len(),
        dates("走访日期", filter.from, filter.to),
        exported_on(crate::db::today())
    );
    let mut t = Table::new(
        "走访记录",
        Some(title),
        &[
            "序号",
            "走访日期",
            "领导",
            "走访单位",
            "是否联系点",
            "参加人员",
            "了解情况",
            "形成诉求（件）",
        ],
    );
    for (i, v) in list.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::Date(v.visited_on),
            Cell::text(&v.leader_name),
            Cell::text(&v.unit_name),
            yes(v.at_contact_point),
            Cell::opt_text(v.participants.as_deref()),
            Cell::opt_text(v.findings.as_deref()),
            ids(&v.concern_ids),
        ]);
    }
    finish(vec![t], &format!("联系点走访-{scope}"))
}

/// What the 谈话内容 column shows when the viewer may not see a summary.
pub const HIDDEN_SUMMARY: &str = "无权查看";

/// 谈心谈话: every talk matching `filter`, the latest first. The 谈话内容 column only when
/// `summaries`, and then only the summaries `viewer` may see ([`HIDDEN_SUMMARY`] for others).
pub fn talks(
    conn: &Connection,
    filter: &TalkFilter,
    viewer: Viewer,
    summaries: bool,
) -> Result<Export> {
    let list = all(|offset, limit| talk::list(conn, filter, viewer, offset, limit))?;
    let scope = units::scope_name(conn, filter.unit_id)?;
    let title = format!(
        "{scope}谈心谈话记录（{} 次{}{}；{}）",
        list.len(),
        dates("谈话日期", filter.from, filter.to),
        if summaries {
            "，含谈话内容，请妥善保管"
        } else {
            ""
        },
        exported_on(crate::db::today())
    );
    let mut headers = vec![
        "序号",
        "谈话日期",
        "谈话人",
        "谈话对象",
        "所在单位",
        "谈话类型",
        "谈话主题",
        "需跟进",
        "形成诉求（件）",
    ];
    if summaries {
        headers.push("谈话内容");
    }
    let mut t = Table::new("谈心谈话", Some(title), &headers);
    for (i, k) in list.into_iter().enumerate() {
        let mut row = vec![
            Cell::Int(i as i64 + 1),
            Cell::Date(k.talked_on),
            Cell::text(&k.talker_name),
            Cell::text(&k.person_name),
            Cell::opt_text(k.unit_name.as_deref()),
            Cell::text(k.kind.label()),
            Cell::text(&k.topic),
            yes(k.follow_up),
            ids(&k.concern_ids),
        ];
        if summaries {
            row.push(match k.summary {
                Some(s) => Cell::text(s),
                None if k.summary_hidden => Cell::text(HIDDEN_SUMMARY),
                None => Cell::Empty,
            });
        }
        t.rows.push(row);
    }
    finish(vec![t], &format!("谈心谈话-{scope}"))
}

/// 联系点走访情况 in a quarter: each point's plan, visits and last visit, short ones first.
pub fn contact_coverage(conn: &Connection, year: i32, quarter: u32) -> Result<Export> {
    let c = contact::coverage(conn, year, quarter)?;
    let title = format!(
        "{year}年第{quarter}季度领导班子联系点走访情况（{} 个联系点，已按计划走访 {} 个；{}）",
        c.total,
        c.covered,
        exported_on(crate::db::today())
    );
    let mut t = Table::new(
        "联系点走访情况",
        Some(title),
        &[
            "序号",
            "领导",
            "联系点",
            "建立日期",
            "计划走访（次）",
            "已走访（次）",
            "最近走访",
            "未完成计划",
        ],
    );
    for (i, p) in c.points.iter().enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::text(&p.point.leader_name),
            Cell::text(&p.point.unit_name),
            Cell::Date(p.point.since),
            Cell::Int(i64::from(p.planned)),
            Cell::Int(i64::from(p.visits)),
            Cell::opt_date(p.last_visit),
            yes(p.short),
        ]);
    }
    finish(vec![t], &format!("联系点走访情况-{year}年第{quarter}季度"))
}

/// 谈心谈话覆盖率: the unit (or the company) and each unit below it, then who was not talked
/// with in the period.
pub fn talk_coverage(
    conn: &Connection,
    period: Period,
    unit_id: Option<i64>,
    today: NaiveDate,
) -> Result<Export> {
    let c = talk::coverage(conn, period, unit_id, today)?;
    let scope = units::scope_name(conn, unit_id)?;
    let title = format!(
        "{scope}谈心谈话覆盖率（{}；{}）",
        period.label(),
        exported_on(today)
    );
    let mut t = Table::new(
        "覆盖率",
        Some(title),
        &["单位", "在岗职工（人）", "已谈话（人）", "覆盖率"],
    );
    for (i, u) in c.units.iter().enumerate() {
        // The units below the first row are indented under it.
        let name = if i == 0 {
            u.unit_name.clone()
        } else {
            format!("\u{3000}{}", u.unit_name)
        };
        t.rows.push(vec![
            Cell::text(name),
            Cell::Int(u.staff),
            Cell::Int(u.talked),
            Cell::opt_percent(u.rate),
        ]);
    }
    let mut missed = Table::new(
        "未谈话人员",
        Some(format!(
            "{scope}期间内未谈心谈话的在岗职工（{} 人；{}）",
            c.not_talked.len(),
            period.label()
        )),
        &["序号", "姓名", "单位"],
    );
    for (i, n) in c.not_talked.iter().enumerate() {
        missed.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::text(&n.name),
            Cell::text(&n.unit_name),
        ]);
    }
    finish(vec![t, missed], &format!("谈心谈话覆盖率-{scope}"))
}
