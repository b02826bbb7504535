//! What is entered for a concern, checked and tidied before it is written.

use rusqlite::{Connection, OptionalExtension};

use super::category::category;
use super::{Category, Concern, ConcernInput};
use crate::codes::{ActivityStatus, ConcernStatus, RaiserKind};
use crate::error::{Error, Result};
use crate::voice::{check_person, check_unit, trimmed};

/// The longest content, reply and other free texts.
pub(super) const MAX_TEXT: usize = 2000;
/// The longest note on a step (交办说明, 办结说明, 上报说明).
pub(super) const MAX_NOTE: usize = 500;
/// The longest one-line names (a group of raisers, whom it was reported to).
pub(super) const MAX_LINE: usize = 50;

/// A required multi-line text: trimmed, not empty, at most `max` characters.
pub(super) fn required_text(field: &'static str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "不能为空"));
    }
    optional_text(field, Some(text.to_string()), max).map(|t| t.unwrap_or_default())
}

/// An optional multi-line text: trimmed (empty: None), at most `max` characters.
pub(super) fn optional_text(
    field: &'static str,
    text: Option<String>,
    max: usize,
) -> Result<Option<String>> {
    let text = trimmed(text);
    if let Some(t) = &text {
        if t.chars().count() > max {
            return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
        }
        crate::people::check_text(field, t)?;
    }
    Ok(text)
}

/// A one-line name: trimmed, at most `max` characters, no line breaks.
pub(super) fn line(
    field: &'static str,
    text: Option<String>,
    max: usize,
) -> Result<Option<String>> {
    let text = trimmed(text);
    if let Some(t) = &text {
        if t.chars().count() > max {
            return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
        }
        crate::people::check_line(field, t)?;
    }
    Ok(text)
}

fn exists(conn: &Connection, sql: &str, id: i64) -> Result<bool> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

/// Checks and tidies what was entered; `old` is the concern being edited. Returns the input
/// and its category.
pub(super) fn check(
    conn: &Connection,
    mut c: ConcernInput,
    old: Option<&Concern>,
) -> Result<(ConcernInput, Category)> {
    c.content = required_text("诉求内容", &c.content, MAX_TEXT)?;
    match c.raiser_kind {
        RaiserKind::Person => {
            let id = c
                .raiser_id
                .ok_or_else(|| Error::invalid("提出人", "实名诉求请选择提出诉求的职工"))?;
            check_person(conn, "提出人", id)?;
            c.raiser_group = None;
        }
        RaiserKind::Group => {
            c.raiser_group = line("提出集体", c.raiser_group.take(), MAX_LINE)?;
            if c.raiser_group.is_none() {
                return Err(Error::invalid(
                    "提出集体",
                    "集体诉求请填写集体名称，如“营业班全体职工”",
                ));
            }
            c.raiser_id = None;
        }
        RaiserKind::Anonymous => {
            c.raiser_id = None;
            c.raiser_group = None;
        }
    }
    if let Some(id) = c.activity_id {
        let activity: Option<(String, ActivityStatus)> = conn
            .query_row(
                "SELECT title, status FROM activity WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((title, status)) = activity else {
            return Err(Error::invalid("关联活动", "请选择一项存在的活动"));
        };
        // A link made before the activity was cancelled stays as it was.
        let unchanged = old.is_some_and(|o| o.activity_id == Some(id));
        if status == ActivityStatus::Cancelled && !unchanged {
            return Err(Error::invalid(
                "关联活动",
                format!("活动“{title}”已取消，不能关联"),
            ));
        }
    }
    if let Some(id) = c.talk_id
        && !exists(conn, "SELECT EXISTS (SELECT 1 FROM talk WHERE id = ?1)", id)?
    {
        return Err(Error::invalid("关联谈话", "请选择一条存在的谈心谈话记录"));
    }
    if let Some(id) = c.visit_id
        && !exists(
            conn,
            "SELECT EXISTS (SELECT 1 FROM contact_visit WHERE id = ?1)",
            id,
        )?
    {
        return Err(Error::invalid("关联走访", "请选择一次存在的联系点走访"));
    }
    if let Some(id) = c.opinion_id
        && !exists(
            conn,
            "SELECT EXISTS (SELECT 1 FROM opinion WHERE id = ?1)",
            id,
        )?
    {
        return Err(Error::invalid("关联动态", "请选择一条存在的思想动态或舆情"));
    }
    if let Some(id) = c.unit_id {
        check_unit(conn, "涉及单位", id)?;
    }
    let cat = category(conn, c.category_id)?
        .ok_or_else(|| Error::invalid("诉求分类", "请选择一个存在的分类"))?;
    // A concern filed before its category was retired keeps it.
    let kept = old.is_some_and(|o| o.category_id == cat.id);
    if cat.retired && !kept {
        return Err(Error::invalid(
            "诉求分类",
            format!("分类“{}”已停用，请选择其他分类", cat.name),
        ));
    }
    if let Some(d) = c.deadline
        && d < c.received_on
    {
        return Err(Error::invalid("办理期限", "不能早于受理日期"));
    }
    Ok((c, cat))
}

/// Refuses a write to a closed concern.
pub(super) fn refuse_closed(c: &Concern, what: &str) -> Result<()> {
    if c.status == ConcernStatus::Closed {
        return Err(Error::invalid(
            "办理状态",
            format!("诉求已办结，不能再{what}"),
        ));
    }
    Ok(())
}
