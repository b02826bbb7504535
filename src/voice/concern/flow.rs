//! The writes that move a concern along — receive, correct, assign, reply, close, escalate —
//! each leaving a step in its history.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::check::{
    MAX_LINE, MAX_NOTE, MAX_TEXT, check, line, optional_text, refuse_closed, required_text,
};
use super::{ConcernInput, fetch};
use crate::codes::{ConcernStatus, RaiserKind, Satisfaction};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::pdf::chinese_date;
use crate::voice::deadline::Calendar;
use crate::voice::{check_person, check_unit};

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
