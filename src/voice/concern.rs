//! 群众诉求: a concern or suggestion received from staff, followed to the end —
//! 已受理 → 办理中 → 已答复 → 已办结, 不满意 reopening it — with every step kept.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::deadline::Calendar;
use super::{check_person, check_unit, trimmed};
use crate::codes::{ActivityStatus, ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use crate::db::{Page, Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::pdf::chinese_date;

/// A category (薪酬待遇 …) with its default deadline in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub deadline_days: u32,
    pub retired: bool,
}

/// What a user enters when a concern is received (and may correct until it is closed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernInput {
    pub received_on: NaiveDate,
    pub source: ConcernSource,
    /// The 座谈会 (or other activity) it was raised at.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub activity_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub talk_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub visit_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub opinion_id: Option<i64>,
    pub raiser_kind: RaiserKind,
    /// The person, when `raiser_kind` is 个人.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub raiser_id: Option<i64>,
    /// The group's name (营业班全体 …), when `raiser_kind` is 集体.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub raiser_group: Option<String>,
    /// The unit it is about.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit_id: Option<i64>,
    pub category_id: i64,
    pub content: String,
    /// None: `received_on` + the category's days (working days once a holiday list is set).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub deadline: Option<NaiveDate>,
}

/// One concern as lists and the detail show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Concern {
    pub id: i64,
    pub uid: String,
    pub received_on: NaiveDate,
    pub source: ConcernSource,
    pub activity_id: Option<i64>,
    pub activity_title: Option<String>,
    pub talk_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub opinion_id: Option<i64>,
    pub raiser_kind: RaiserKind,
    pub raiser_id: Option<i64>,
    /// The person's name, the group's name, or 匿名.
    pub raiser: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub category_id: i64,
    pub category: String,
    pub content: String,
    pub status: ConcernStatus,
    pub handler_unit_id: Option<i64>,
    pub handler_unit_name: Option<String>,
    pub handler_person_id: Option<i64>,
    pub handler_person_name: Option<String>,
    pub deadline: NaiveDate,
    pub reply: Option<String>,
    pub replied_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub escalated_on: Option<NaiveDate>,
    pub escalated_to: Option<String>,
    pub escalation_note: Option<String>,
    /// Not yet answered (已受理 / 办理中) and past its deadline on the day asked about.
    pub overdue: bool,
    /// Days past the deadline (overdue ones), else 0.
    pub overdue_days: i64,
}

/// One step of a concern's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Step {
    pub at: NaiveDateTime,
    pub actor: String,
    /// 受理 / 修改 / 交办 / 答复 / 办结 / 重新办理 / 上报 / 调整期限.
    pub step: String,
    pub status: ConcernStatus,
    pub note: Option<String>,
}

/// A concern with its history, newest step last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernDetail {
    pub concern: Concern,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ConcernFilter {
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
    pub status: Option<ConcernStatus>,
    /// Not closed (已受理, 办理中, 已答复).
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub open: bool,
    /// Overdue on `today`.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub overdue: bool,
    pub category_id: Option<i64>,
    pub source: Option<ConcernSource>,
    /// About this unit or one below it.
    pub unit_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub opinion_id: Option<i64>,
    /// Part of the content or the raiser's name.
    pub search: Option<String>,
}

/// The longest content, reply and other free texts.
const MAX_TEXT: usize = 2000;
/// The longest note on a step (交办说明, 办结说明, 上报说明).
const MAX_NOTE: usize = 500;
/// The longest one-line names (a group of raisers, whom it was reported to).
const MAX_LINE: usize = 50;

impl Concern {
    /// What the edit form starts from (the deadline as it stands).
    pub fn to_input(&self) -> ConcernInput {
        ConcernInput {
            received_on: self.received_on,
            source: self.source,
            activity_id: self.activity_id,
            talk_id: self.talk_id,
            visit_id: self.visit_id,
            opinion_id: self.opinion_id,
            raiser_kind: self.raiser_kind,
            raiser_id: self.raiser_id,
            raiser_group: (self.raiser_kind == RaiserKind::Group).then(|| self.raiser.clone()),
            unit_id: self.unit_id,
            category_id: self.category_id,
            content: self.content.clone(),
            deadline: Some(self.deadline),
        }
    }

    /// Still to be answered: 已受理 or 办理中.
    fn unanswered(&self) -> bool {
        matches!(
            self.status,
            ConcernStatus::Received | ConcernStatus::InProgress
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Categories

fn category_from_row(r: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        name: r.get(1)?,
        deadline_days: r.get(2)?,
        retired: r.get(3)?,
    })
}

/// The categories in their order; retired ones only when asked for.
pub fn categories(conn: &Connection, include_retired: bool) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, deadline_days, retired FROM concern_category
          WHERE ?1 OR retired = 0 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([include_retired], category_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn category(conn: &Connection, id: i64) -> Result<Option<Category>> {
    Ok(conn
        .query_row(
            "SELECT id, name, deadline_days, retired FROM concern_category WHERE id = ?1",
            [id],
            category_from_row,
        )
        .optional()?)
}

/// Adds a category (`id` None) or changes one: its name, its default deadline in days, retired
/// or in use. A category is never deleted: concerns filed under it keep it. Returns its id.
pub fn save_category(
    tx: &Tx,
    id: Option<i64>,
    name: &str,
    deadline_days: u32,
    retired: bool,
) -> Result<i64> {
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(Error::invalid("分类名称", "不能为空"));
    }
    if len > 20 {
        return Err(Error::invalid("分类名称", "不能超过 20 个字"));
    }
    crate::people::check_line("分类名称", name)?;
    if !(1..=365).contains(&deadline_days) {
        return Err(Error::invalid("办理期限", "应为 1–365 天"));
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM concern_category WHERE name = ?1 AND id IS NOT ?2)",
        params![name, id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "分类名称",
            format!("已有名为“{name}”的分类（含已停用的）"),
        ));
    }
    let Some(id) = id else {
        tx.execute(
            "INSERT INTO concern_category (name, deadline_days, position, retired)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM concern_category), ?3)",
            params![name, deadline_days, retired],
        )?;
        let id = tx.last_insert_rowid();
        tx.note(format!(
            "新增诉求分类 {name}（{deadline_days} 天{}）",
            if retired { "，已停用" } else { "" }
        ));
        return Ok(id);
    };
    let old = category(tx, id)?.ok_or_else(|| Error::not_found("诉求分类", id))?;
    if retired && !old.retired {
        let others: i64 = tx.query_row(
            "SELECT count(*) FROM concern_category WHERE retired = 0 AND id <> ?1",
            [id],
            |r| r.get(0),
        )?;
        if others == 0 {
            return Err(Error::invalid(
                "诉求分类",
                format!(
                    "“{}”是唯一在用的分类，不能停用；请先新增或恢复一个分类",
                    old.name
                ),
            ));
        }
    }
    let mut changes = Vec::new();
    if old.name != name {
        changes.push(format!("改名为 {name}"));
    }
    if old.deadline_days != deadline_days {
        changes.push(format!(
            "办理期限 {} 天改为 {deadline_days} 天",
            old.deadline_days
        ));
    }
    if old.retired != retired {
        changes.push(if retired { "停用" } else { "恢复使用" }.to_string());
    }
    if changes.is_empty() {
        return Ok(id);
    }
    tx.execute(
        "UPDATE concern_category SET name = ?2, deadline_days = ?3, retired = ?4 WHERE id = ?1",
        params![id, name, deadline_days, retired],
    )?;
    tx.note(format!("修改诉求分类 {}：{}", old.name, changes.join("，")));
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Checks

/// A required multi-line text: trimmed, not empty, at most `max` characters.
fn required_text(field: &'static str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "不能为空"));
    }
    optional_text(field, Some(text.to_string()), max).map(|t| t.unwrap_or_default())
}

/// An optional multi-line text: trimmed (empty: None), at most `max` characters.
fn optional_text(field: &'static str, text: Option<String>, max: usize) -> Result<Option<String>> {
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
fn line(field: &'static str, text: Option<String>, max: usize) -> Result<Option<String>> {
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
fn check(
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
fn refuse_closed(c: &Concern, what: &str) -> Result<()> {
    if c.status == ConcernStatus::Closed {
        return Err(Error::invalid(
            "办理状态",
            format!("诉求已办结，不能再{what}"),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Writes

/// Adds one step to a concern's history, by whoever does this write.
fn step(tx: &Tx, id: i64, label: &str, status: ConcernStatus, note: Option<String>) -> Result<()> {
    tx.execute(
        "INSERT INTO concern_step (concern_id, at, actor, step, status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, now_text(), tx.actor(), label, status, note],
    )?;
    Ok(())
}

/// Joins the parts of a step's note that are there.
fn joined(parts: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join("；"))
}

/// Receives a concern (已受理). Without a deadline it gets its category's days from
/// `received_on` (working days once a holiday list is set). Returns its id.
pub fn add(tx: &Tx, input: ConcernInput) -> Result<i64> {
    let (c, cat) = check(tx, input, None)?;
    let deadline = match c.deadline {
        Some(d) => d,
        None => Calendar::load(tx)?.add_days(c.received_on, cat.deadline_days),
    };
    let now = now_text();
    tx.execute(
        "INSERT INTO concern (uid, received_on, source, activity_id, talk_id, visit_id,
             opinion_id, raiser_kind, raiser_id, raiser_group, unit_id, category_id, content,
             status, deadline, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'received', ?14,
                 ?15, ?15)",
        params![
            new_uid(),
            c.received_on,
            c.source,
            c.activity_id,
            c.talk_id,
            c.visit_id,
            c.opinion_id,
            c.raiser_kind,
            c.raiser_id,
            c.raiser_group,
            c.unit_id,
            c.category_id,
            c.content,
            deadline,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    step(
        tx,
        id,
        "受理",
        ConcernStatus::Received,
        Some(format!("办理期限 {}", chinese_date(deadline))),
    )?;
    tx.note(format!("登记群众诉求 {id}（{}）", cat.name));
    Ok(id)
}

/// Corrects what was entered, until the concern is closed. A deadline given is kept as given;
/// none keeps the current one, or — when the date received or the category changed — gives
/// the category's days again. A change of deadline is a step of its own (调整期限).
pub fn update(tx: &Tx, id: i64, input: ConcernInput) -> Result<()> {
    let old = fetch(tx, id)?;
    refuse_closed(&old, "修改")?;
    let (c, cat) = check(tx, input, Some(&old))?;
    let deadline = match c.deadline {
        Some(d) => d,
        None if c.received_on != old.received_on || c.category_id != old.category_id => {
            Calendar::load(tx)?.add_days(c.received_on, cat.deadline_days)
        }
        None => old.deadline,
    };
    if deadline < c.received_on {
        return Err(Error::invalid("办理期限", "不能早于受理日期"));
    }
    if let Some(replied) = old.replied_on
        && c.received_on > replied
    {
        return Err(Error::invalid("受理日期", "不能晚于答复日期"));
    }
    let old_group = (old.raiser_kind == RaiserKind::Group).then(|| old.raiser.clone());
    let mut changed = Vec::new();
    for (field, differs) in [
        ("受理日期", c.received_on != old.received_on),
        ("来源", c.source != old.source),
        ("关联活动", c.activity_id != old.activity_id),
        ("关联谈话", c.talk_id != old.talk_id),
        ("关联走访", c.visit_id != old.visit_id),
        ("关联动态", c.opinion_id != old.opinion_id),
        (
            "提出人",
            c.raiser_kind != old.raiser_kind
                || c.raiser_id != old.raiser_id
                || c.raiser_group != old_group,
        ),
        ("涉及单位", c.unit_id != old.unit_id),
        ("诉求分类", c.category_id != old.category_id),
        ("诉求内容", c.content != old.content),
    ] {
        if differs {
            changed.push(field);
        }
    }
    let new_deadline = deadline != old.deadline;
    if changed.is_empty() && !new_deadline {
        return Ok(());
    }
    tx.execute(
        "UPDATE concern SET received_on = ?2, source = ?3, activity_id = ?4, talk_id = ?5,
             visit_id = ?6, opinion_id = ?7, raiser_kind = ?8, raiser_id = ?9,
             raiser_group = ?10, unit_id = ?11, category_id = ?12, content = ?13,
             deadline = ?14, updated_at = ?15
         WHERE id = ?1",
        params![
            id,
            c.received_on,
            c.source,
            c.activity_id,
            c.talk_id,
            c.visit_id,
            c.opinion_id,
            c.raiser_kind,
            c.raiser_id,
            c.raiser_group,
            c.unit_id,
            c.category_id,
            c.content,
            deadline,
            now_text(),
        ],
    )?;
    let mut line = format!("修改群众诉求 {id}（{}）", cat.name);
    if !changed.is_empty() {
        step(
            tx,
            id,
            "修改",
            old.status,
            Some(format!("修改了{}", changed.join("、"))),
        )?;
        line.push_str(&format!("：{}", changed.join("、")));
    }
    if new_deadline {
        let moved = format!(
            "{} 调整为 {}",
            chinese_date(old.deadline),
            chinese_date(deadline)
        );
        step(
            tx,
            id,
            "调整期限",
            old.status,
            Some(format!("办理期限由 {moved}")),
        )?;
        line.push_str(&format!("；调整期限 {} → {}", old.deadline, deadline));
    }
    tx.note(line);
    Ok(())
}

/// Hands a concern to whoever deals with it (a unit, a person or both): 已受理 or 办理中
/// becomes 办理中. A deadline given replaces the current one.
pub fn assign(
    tx: &Tx,
    id: i64,
    handler_unit_id: Option<i64>,
    handler_person_id: Option<i64>,
    deadline: Option<NaiveDate>,
    note: Option<&str>,
) -> Result<()> {
    let old = fetch(tx, id)?;
    refuse_closed(&old, "交办")?;
    if old.status == ConcernStatus::Replied {
        return Err(Error::invalid(
            "办理状态",
            "诉求已答复，不能再交办；提出人不满意时，办结时选择“不满意”即退回重新办理",
        ));
    }
    if handler_unit_id.is_none() && handler_person_id.is_none() {
        return Err(Error::invalid("承办单位", "请选择承办单位或承办人"));
    }
    if let Some(unit) = handler_unit_id {
        check_unit(tx, "承办单位", unit)?;
    }
    if let Some(person) = handler_person_id {
        check_person(tx, "承办人", person)?;
    }
    if let Some(d) = deadline
        && d < old.received_on
    {
        return Err(Error::invalid("办理期限", "不能早于受理日期"));
    }
    let note = optional_text("交办说明", note.map(str::to_string), MAX_NOTE)?;
    let new_deadline = deadline.unwrap_or(old.deadline);
    tx.execute(
        "UPDATE concern SET status = 'in_progress', handler_unit_id = ?2,
             handler_person_id = ?3, deadline = ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            id,
            handler_unit_id,
            handler_person_id,
            new_deadline,
            now_text()
        ],
    )?;
    let unit_name: Option<String> = tx
        .query_row(
            "SELECT name FROM unit WHERE id = ?1",
            [handler_unit_id],
            |r| r.get(0),
        )
        .optional()?;
    let person_name: Option<String> = tx
        .query_row(
            "SELECT name FROM person WHERE id = ?1",
            [handler_person_id],
            |r| r.get(0),
        )
        .optional()?;
    let handlers: Vec<String> = [unit_name, person_name].into_iter().flatten().collect();
    let verb = if old.handler_unit_id.is_some() || old.handler_person_id.is_some() {
        "改由"
    } else {
        "交由"
    };
    let step_note = joined([
        Some(format!("{verb}{}办理", handlers.join(" "))),
        (new_deadline != old.deadline).then(|| {
            format!(
                "办理期限由 {} 调整为 {}",
                chinese_date(old.deadline),
                chinese_date(new_deadline)
            )
        }),
        note,
    ]);
    step(tx, id, "交办", ConcernStatus::InProgress, step_note)?;
    tx.note(format!(
        "交办群众诉求 {id}（{}）给 {}",
        old.category,
        handlers.join(" ")
    ));
    Ok(())
}

/// Records the answer given to the raiser: 办理中 becomes 已答复; a concern already answered
/// has its answer amended.
pub fn reply(tx: &Tx, id: i64, reply: &str, on: NaiveDate) -> Result<()> {
    let old = fetch(tx, id)?;
    refuse_closed(&old, "答复")?;
    if old.status == ConcernStatus::Received {
        return Err(Error::invalid("办理状态", "尚未交办，请先交办再答复"));
    }
    let reply = required_text("答复内容", reply, MAX_TEXT)?;
    if on < old.received_on {
        return Err(Error::invalid("答复日期", "不能早于受理日期"));
    }
    tx.execute(
        "UPDATE concern SET status = 'replied', reply = ?2, replied_on = ?3, updated_at = ?4
         WHERE id = ?1",
        params![id, reply, on, now_text()],
    )?;
    let amended = old.status == ConcernStatus::Replied;
    step(
        tx,
        id,
        "答复",
        ConcernStatus::Replied,
        Some(format!(
            "{}（{}）",
            if amended {
                "修改答复"
            } else {
                "已答复提出人"
            },
            chinese_date(on)
        )),
    )?;
    tx.note(if amended {
        format!("修改群众诉求 {id}（{}）的答复", old.category)
    } else {
        format!("答复群众诉求 {id}（{}）", old.category)
    });
    Ok(())
}

/// Closes an answered concern with the raiser's satisfaction. 满意 / 基本满意: 已办结.
/// 不满意: back to 办理中 to be dealt with again (the satisfaction is kept until it is closed).
/// Returns the status after.
pub fn close(
    tx: &Tx,
    id: i64,
    satisfaction: Satisfaction,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<ConcernStatus> {
    let old = fetch(tx, id)?;
    if old.status == ConcernStatus::Closed {
        return Err(Error::invalid("办理状态", "诉求已办结，不能重复办结"));
    }
    if old.status != ConcernStatus::Replied {
        return Err(Error::invalid("办理状态", "尚未答复，不能办结"));
    }
    if let Some(replied) = old.replied_on
        && on < replied
    {
        return Err(Error::invalid("办结日期", "不能早于答复日期"));
    }
    let note = optional_text("办结说明", note.map(str::to_string), MAX_NOTE)?;
    let step_note = joined([Some(satisfaction.label().to_string()), note]);
    let status = if satisfaction == Satisfaction::Unsatisfied {
        tx.execute(
            "UPDATE concern SET status = 'in_progress', satisfaction = ?2, closed_on = NULL,
                 updated_at = ?3
             WHERE id = ?1",
            params![id, satisfaction, now_text()],
        )?;
        step(tx, id, "重新办理", ConcernStatus::InProgress, step_note)?;
        tx.note(format!(
            "群众诉求 {id}（{}）提出人不满意，退回重新办理",
            old.category
        ));
        ConcernStatus::InProgress
    } else {
        tx.execute(
            "UPDATE concern SET status = 'closed', satisfaction = ?2, closed_on = ?3,
                 updated_at = ?4
             WHERE id = ?1",
            params![id, satisfaction, on, now_text()],
        )?;
        step(tx, id, "办结", ConcernStatus::Closed, step_note)?;
        tx.note(format!(
            "办结群众诉求 {id}（{}，{satisfaction}）",
            old.category
        ));
        ConcernStatus::Closed
    };
    Ok(status)
}

/// Reports a concern to the level above (上报), in whatever status; reporting again replaces
/// the date, the addressee and the note, and each report stays in the history.
pub fn escalate(tx: &Tx, id: i64, on: NaiveDate, to: &str, note: &str) -> Result<()> {
    let old = fetch(tx, id)?;
    let to = line("上报对象", Some(to.to_string()), MAX_LINE)?
        .ok_or_else(|| Error::invalid("上报对象", "不能为空"))?;
    if on < old.received_on {
        return Err(Error::invalid("上报日期", "不能早于受理日期"));
    }
    let note = optional_text("上报说明", Some(note.to_string()), MAX_NOTE)?;
    tx.execute(
        "UPDATE concern SET escalated_on = ?2, escalated_to = ?3, escalation_note = ?4,
             updated_at = ?5
         WHERE id = ?1",
        params![id, on, to, note, now_text()],
    )?;
    step(
        tx,
        id,
        "上报",
        old.status,
        joined([Some(format!("{} 上报{to}", chinese_date(on))), note]),
    )?;
    tx.note(format!("上报群众诉求 {id}（{}）至 {to}", old.category));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reads

const SELECT_CONCERN: &str = "SELECT c.id, c.uid, c.received_on, c.source, c.activity_id,
        a.title, c.talk_id, c.visit_id, c.opinion_id, c.raiser_kind, c.raiser_id,
        CASE c.raiser_kind WHEN 'person' THEN p.name WHEN 'group' THEN c.raiser_group
                           ELSE '匿名' END,
        c.unit_id, u.name, c.category_id, k.name, c.content, c.status, c.handler_unit_id,
        hu.name, c.handler_person_id, hp.name, c.deadline, c.reply, c.replied_on, c.closed_on,
        c.satisfaction, c.escalated_on, c.escalated_to, c.escalation_note
   FROM concern c
   JOIN concern_category k ON k.id = c.category_id
   LEFT JOIN person p ON p.id = c.raiser_id
   LEFT JOIN activity a ON a.id = c.activity_id
   LEFT JOIN unit u ON u.id = c.unit_id
   LEFT JOIN unit hu ON hu.id = c.handler_unit_id
   LEFT JOIN person hp ON hp.id = c.handler_person_id";

/// What the count of a filtered list joins (the raiser's name is searched).
const COUNT_FROM: &str = "concern c LEFT JOIN person p ON p.id = c.raiser_id";

fn from_row(r: &Row) -> rusqlite::Result<Concern> {
    Ok(Concern {
        id: r.get(0)?,
        uid: r.get(1)?,
        received_on: r.get(2)?,
        source: r.get(3)?,
        activity_id: r.get(4)?,
        activity_title: r.get(5)?,
        talk_id: r.get(6)?,
        visit_id: r.get(7)?,
        opinion_id: r.get(8)?,
        raiser_kind: r.get(9)?,
        raiser_id: r.get(10)?,
        raiser: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
        unit_id: r.get(12)?,
        unit_name: r.get(13)?,
        category_id: r.get(14)?,
        category: r.get(15)?,
        content: r.get(16)?,
        status: r.get(17)?,
        handler_unit_id: r.get(18)?,
        handler_unit_name: r.get(19)?,
        handler_person_id: r.get(20)?,
        handler_person_name: r.get(21)?,
        deadline: r.get(22)?,
        reply: r.get(23)?,
        replied_on: r.get(24)?,
        closed_on: r.get(25)?,
        satisfaction: r.get(26)?,
        escalated_on: r.get(27)?,
        escalated_to: r.get(28)?,
        escalation_note: r.get(29)?,
        overdue: false,
        overdue_days: 0,
    })
}

/// `c` with its overdue flag as of `today`.
fn as_of(mut c: Concern, today: NaiveDate) -> Concern {
    c.overdue = c.unanswered() && today > c.deadline;
    c.overdue_days = if c.overdue {
        (today - c.deadline).num_days()
    } else {
        0
    };
    c
}

/// The concern as stored (not judged overdue), for the writes.
fn fetch(conn: &Connection, id: i64) -> Result<Concern> {
    conn.query_row(&format!("{SELECT_CONCERN} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("群众诉求", id))
}

/// One concern, overdue or not on `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Concern> {
    fetch(conn, id).map(|c| as_of(c, today))
}

/// One concern with its history, oldest step first.
pub fn detail(conn: &Connection, id: i64, today: NaiveDate) -> Result<ConcernDetail> {
    let concern = get(conn, id, today)?;
    let mut stmt = conn.prepare(
        "SELECT at, actor, step, status, note FROM concern_step
          WHERE concern_id = ?1 ORDER BY id",
    )?;
    let steps = stmt
        .query_map([id], |r| {
            Ok(Step {
                at: r.get(0)?,
                actor: r.get(1)?,
                step: r.get(2)?,
                status: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ConcernDetail { concern, steps })
}

/// Concerns matching `filter`, the latest received first, paged in SQL; overdue as of `today`.
pub fn list(
    conn: &Connection,
    filter: &ConcernFilter,
    today: NaiveDate,
    offset: i64,
    limit: i64,
) -> Result<Page<Concern>> {
    let mut clauses = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &dyn Fn(usize) -> String, v: Value| {
        values.push(v);
        clauses.push(clause(values.len()));
    };
    if let Some(from) = filter.from {
        bind(
            &|n| format!("c.received_on >= ?{n}"),
            from.to_string().into(),
        );
    }
    if let Some(to) = filter.to {
        bind(&|n| format!("c.received_on <= ?{n}"), to.to_string().into());
    }
    if let Some(status) = filter.status {
        bind(
            &|n| format!("c.status = ?{n}"),
            status.code().to_string().into(),
        );
    }
    if filter.open {
        bind(
            &|n| format!("c.status <> ?{n}"),
            ConcernStatus::Closed.code().to_string().into(),
        );
    }
    if filter.overdue {
        bind(
            &|n| format!("c.status IN ('received', 'in_progress') AND c.deadline < ?{n}"),
            today.to_string().into(),
        );
    }
    if let Some(category) = filter.category_id {
        bind(&|n| format!("c.category_id = ?{n}"), category.into());
    }
    if let Some(source) = filter.source {
        bind(
            &|n| format!("c.source = ?{n}"),
            source.code().to_string().into(),
        );
    }
    if let Some(unit) = filter.unit_id {
        bind(&|n| crate::db::sql::in_subtree("c.unit_id", n), unit.into());
    }
    if let Some(activity) = filter.activity_id {
        bind(&|n| format!("c.activity_id = ?{n}"), activity.into());
    }
    if let Some(opinion) = filter.opinion_id {
        bind(&|n| format!("c.opinion_id = ?{n}"), opinion.into());
    }
    if let Some(q) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        let pattern = format!("%{}%", crate::db::sql::like_literal(q));
        bind(
            &|n| {
                format!(
                    "(c.content LIKE ?{n} ESCAPE '\\' OR p.name LIKE ?{n} ESCAPE '\\' \
                     OR c.raiser_group LIKE ?{n} ESCAPE '\\')"
                )
            },
            pattern.into(),
        );
    }
    let clause = clauses.join(" AND ");
    let mut page = crate::db::sql::page(
        conn,
        SELECT_CONCERN,
        COUNT_FROM,
        &clause,
        values,
        "c.received_on DESC, c.id DESC",
        (offset, limit),
        from_row,
    )?;
    page.items = page.items.into_iter().map(|c| as_of(c, today)).collect();
    Ok(page)
}

/// (not yet closed, overdue on `today`): the figures of the dashboard's reminder.
pub fn open_counts(conn: &Connection, today: NaiveDate) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(CASE WHEN status <> 'closed' THEN 1 END),
                count(CASE WHEN status IN ('received', 'in_progress') AND deadline < ?1
                           THEN 1 END)
           FROM concern",
        [today.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
