//! 群众诉求: a concern or suggestion received from staff, followed to the end —
//! 已受理 → 办理中 → 已答复 → 已办结, 不满意 reopening it — with every step kept.
//!
//! Here the types and the reads; the categories are in `category.rs`, the checks of what is
//! entered in `check.rs`, and the writes that move a concern along (and its history) in
//! `flow.rs`, all reached from here.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use crate::db::Page;
use crate::error::{Error, Result};

mod category;
mod check;
mod flow;

pub use category::{categories, save_category};
pub use flow::{add, assign, close, escalate, reply, update};

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
