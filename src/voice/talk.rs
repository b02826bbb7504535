//! 谈心谈话: one-to-one talks, and their coverage (share of staff in post talked with at least
//! once in a year, per unit). The summary is sensitive: it is shown only to the account that
//! recorded it, the account linked to the talker and an administrator ([`crate::voice::Viewer`]);
//! it never reaches exports unless asked for, nor the audit trail or logs.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{Period, Viewer, check_person, trimmed};
use crate::codes::TalkKind;
use crate::collate::{NameOrder, sort_by_name};
use crate::db::{Page, Tx, new_uid, now_text};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TalkInput {
    pub talked_on: NaiveDate,
    /// Who talked (a leader, a cadre).
    pub talker_id: i64,
    /// With whom.
    pub person_id: i64,
    pub kind: TalkKind,
    pub topic: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub summary: Option<String>,
    /// Follow-up needed (a concern is then recorded from it).
    #[serde(default)]
    pub follow_up: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Talk {
    pub id: i64,
    pub uid: String,
    pub talked_on: NaiveDate,
    pub talker_id: i64,
    pub talker_name: String,
    pub person_id: i64,
    pub person_name: String,
    /// The person's unit today.
    pub unit_name: Option<String>,
    pub kind: TalkKind,
    pub topic: String,
    /// Only when the viewer may see it (else None, with `summary_hidden` true if there is one).
    pub summary: Option<String>,
    pub summary_hidden: bool,
    pub follow_up: bool,
    pub concern_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct TalkFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<TalkKind>,
    pub talker_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The talked-with person's unit, or one below it.
    pub unit_id: Option<i64>,
    pub search: Option<String>,
}

/// One unit's talk coverage in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitTalkCoverage {
    pub unit_id: i64,
    pub unit_name: String,
    /// Staff in post at the end of the period (or today, if earlier) in the unit and below it.
    pub staff: i64,
    /// Of them, talked with at least once in the period.
    pub talked: i64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TalkCoverage {
    pub period: super::Period,
    /// The unit asked about (or the whole company) first, then each unit directly below it.
    pub units: Vec<UnitTalkCoverage>,
    /// Staff in post not talked with in the period (in the unit asked about), by unit then name.
    pub not_talked: Vec<NotTalked>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotTalked {
    pub person_id: i64,
    pub name: String,
    pub unit_name: String,
}

/// The longest topic, in characters.
const TOPIC_MAX: usize = 100;
/// The longest summary.
const SUMMARY_MAX: usize = 5000;

/// Who may see a talk's summary and edit it: the administrator, the account that recorded it,
/// and the account linked to the talker (`account.person_id`).
struct Access {
    admin: bool,
    account_id: Option<i64>,
    /// The person the viewer's account stands for.
    person_id: Option<i64>,
}

impl Access {
    fn of(conn: &Connection, viewer: Viewer) -> Result<Access> {
        let person_id = match viewer.account_id {
            Some(account) if !viewer.admin => conn
                .query_row(
                    "SELECT person_id FROM account WHERE id = ?1",
                    [account],
                    |r| r.get::<_, Option<i64>>(0),
                )
                .optional()?
                .flatten(),
            _ => None,
        };
        Ok(Access {
            // Only an explicit administrator (`Viewer::ADMIN` for the core's own callers) sees
            // everything; a viewer with neither an account nor the flag sees no summary.
            admin: viewer.admin,
            account_id: viewer.account_id,
            person_id,
        })
    }

    fn allows(&self, recorded_by: Option<i64>, talker_id: i64) -> bool {
        self.admin
            || (self.account_id.is_some() && self.account_id == recorded_by)
            || self.person_id == Some(talker_id)
    }
}

/// Whether `viewer` may see the talk's summary (and edit the talk).
pub fn can_see(conn: &Connection, talk_id: i64, viewer: Viewer) -> Result<bool> {
    let (recorded_by, talker_id): (Option<i64>, i64) = conn
        .query_row(
            "SELECT recorded_by, talker_id FROM talk WHERE id = ?1",
            [talk_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("谈心谈话", talk_id))?;
    Ok(Access::of(conn, viewer)?.allows(recorded_by, talker_id))
}

fn check(conn: &Connection, mut t: TalkInput) -> Result<TalkInput> {
    check_person(conn, "谈话人", t.talker_id)?;
    check_person(conn, "谈话对象", t.person_id)?;
    if t.talker_id == t.person_id {
        return Err(Error::invalid("谈话对象", "谈话人和谈话对象不能是同一人"));
    }
    t.topic = t.topic.trim().to_string();
    if t.topic.is_empty() {
        return Err(Error::invalid("谈话主题", "不能为空"));
    }
    if t.topic.chars().count() > TOPIC_MAX {
        return Err(Error::invalid(
            "谈话主题",
            format!("不能超过 {TOPIC_MAX} 个字"),
        ));
    }
    crate::people::check_line("谈话主题", &t.topic)?;
    t.summary = trimmed(t.summary);
    if let Some(s) = &t.summary {
        if s.chars().count() > SUMMARY_MAX {
            return Err(Error::invalid(
                "谈话内容",
                format!("不能超过 {SUMMARY_MAX} 个字"),
            ));
        }
        crate::people::check_text("谈话内容", s)?;
    }
    Ok(t)
}

/// Records a talk; `recorded_by` is the account entering it. Returns its id. The audit line
/// names the talk and its kind only: never the topic or the summary.
pub fn add(tx: &Tx, input: TalkInput, recorded_by: Option<i64>) -> Result<i64> {
    let t = check(tx, input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO talk (uid, talked_on, talker_id, person_id, kind, topic, summary, follow_up,
             recorded_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            new_uid(),
            t.talked_on,
            t.talker_id,
            t.person_id,
            t.kind,
            t.topic,
            t.summary,
            t.follow_up,
            recorded_by,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!("登记谈心谈话 {id}（{}）", t.kind));
    Ok(id)
}

/// Replaces a talk's details; only a viewer who may see it ([`can_see`]) may.
pub fn update(tx: &Tx, id: i64, input: TalkInput, viewer: Viewer) -> Result<()> {
    if !can_see(tx, id, viewer)? {
        return Err(Error::invalid(
            "谈心谈话",
            "只有谈话人、记录人和管理员可以修改这次谈话",
        ));
    }
    let t = check(tx, input)?;
    tx.execute(
        "UPDATE talk SET talked_on = ?2, talker_id = ?3, person_id = ?4, kind = ?5, topic = ?6,
             summary = ?7, follow_up = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            t.talked_on,
            t.talker_id,
            t.person_id,
            t.kind,
            t.topic,
            t.summary,
            t.follow_up,
            now_text(),
        ],
    )?;
    tx.note(format!("修改谈心谈话 {id}（{}）", t.kind));
    Ok(())
}

const SELECT_TALK: &str = "SELECT t.id, t.uid, t.talked_on, t.talker_id, tp.name, t.person_id,
        p.name, u.name, t.kind, t.topic, t.summary, t.follow_up, t.recorded_by
   FROM talk t JOIN person tp ON tp.id = t.talker_id JOIN person p ON p.id = t.person_id
   LEFT JOIN unit u ON u.id = p.unit_id";

/// A talk as read, with its summary and who recorded it, before the viewer's rights apply.
struct Stored {
    talk: Talk,
    recorded_by: Option<i64>,
}

fn talk_row(r: &Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        talk: Talk {
            id: r.get(0)?,
            uid: r.get(1)?,
            talked_on: r.get(2)?,
            talker_id: r.get(3)?,
            talker_name: r.get(4)?,
            person_id: r.get(5)?,
            person_name: r.get(6)?,
            unit_name: r.get(7)?,
            kind: r.get(8)?,
            topic: r.get(9)?,
            summary: r.get(10)?,
            summary_hidden: false,
            follow_up: r.get(11)?,
            concern_ids: Vec::new(),
        },
        recorded_by: r.get(12)?,
    })
}

/// Hides the summary unless `access` allows it, and fills in the concerns.
fn finish(conn: &Connection, row: Stored, access: &Access) -> Result<Talk> {
    let mut t = row.talk;
    if !access.allows(row.recorded_by, t.talker_id) {
        t.summary_hidden = t.summary.is_some();
        t.summary = None;
    }
    let mut stmt = conn.prepare_cached("SELECT id FROM concern WHERE talk_id = ?1 ORDER BY id")?;
    t.concern_ids = stmt
        .query_map([t.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(t)
}

/// One talk; the summary only when `viewer` may see it.
pub fn get(conn: &Connection, id: i64, viewer: Viewer) -> Result<Talk> {
    let row = conn
        .query_row(&format!("{SELECT_TALK} WHERE t.id = ?1"), [id], talk_row)
        .optional()?
        .ok_or_else(|| Error::not_found("谈心谈话", id))?;
    finish(conn, row, &Access::of(conn, viewer)?)
}

/// Talks matching `filter`, newest first, paged in SQL; summaries only where `viewer` may see
/// them. The search looks at the topic and the names, never at summaries.
pub fn list(
    conn: &Connection,
    filter: &TalkFilter,
    viewer: Viewer,
    offset: i64,
    limit: i64,
) -> Result<Page<Talk>> {
    let mut clauses = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &dyn Fn(usize) -> String, v: Value| {
        values.push(v);
        clauses.push(clause(values.len()));
    };
    if let Some(from) = filter.from {
        bind(&|n| format!("t.talked_on >= ?{n}"), from.to_string().into());
    }
    if let Some(to) = filter.to {
        bind(&|n| format!("t.talked_on <= ?{n}"), to.to_string().into());
    }
    if let Some(kind) = filter.kind {
        bind(
            &|n| format!("t.kind = ?{n}"),
            kind.code().to_string().into(),
        );
    }
    if let Some(talker) = filter.talker_id {
        bind(&|n| format!("t.talker_id = ?{n}"), talker.into());
    }
    if let Some(person) = filter.person_id {
        bind(&|n| format!("t.person_id = ?{n}"), person.into());
    }
    if let Some(unit) = filter.unit_id {
        bind(
            &|n| {
                format!(
                    "t.person_id IN (SELECT p2.id FROM person p2 WHERE {})",
                    crate::db::sql::in_subtree("p2.unit_id", n)
                )
            },
            unit.into(),
        );
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
                    "(t.topic LIKE ?{n} ESCAPE '\\'
                      OR t.person_id IN (SELECT id FROM person WHERE name LIKE ?{n} ESCAPE '\\')
                      OR t.talker_id IN (SELECT id FROM person WHERE name LIKE ?{n} ESCAPE '\\'))"
                )
            },
            pattern.into(),
        );
    }
    let clause = clauses.join(" AND ");
    let page = crate::db::sql::page(
        conn,
        SELECT_TALK,
        "talk t",
        &clause,
        values,
        "t.talked_on DESC, t.id DESC",
        (offset, limit),
        talk_row,
    )?;
    let access = Access::of(conn, viewer)?;
    let items = page
        .items
        .into_iter()
        .map(|row| finish(conn, row, &access))
        .collect::<Result<_>>()?;
    Ok(Page {
        total: page.total,
        offset: page.offset,
        items,
    })
}

/// Talk coverage in `period`: the staff in post at the period's end (or `today`, if earlier) in
/// the unit and below it (or the whole company), and how many were talked with at least once
/// in the period — for the unit asked about, then each unit directly below it — with those not
/// talked with, by unit (tree order) then name (姓氏笔画).
pub fn coverage(
    conn: &Connection,
    period: Period,
    unit_id: Option<i64>,
    today: NaiveDate,
) -> Result<TalkCoverage> {
    let as_of = period.to.min(today);
    let units = crate::units::list(conn)?;
    if let Some(id) = unit_id
        && !units.iter().any(|u| u.id == id)
    {
        return Err(Error::not_found("单位", id));
    }
    let roots: Vec<&crate::units::Unit> = units.iter().filter(|u| u.parent_id.is_none()).collect();
    // The first row: the unit asked about; for the whole company its only top-level unit, or
    // (several top-level units) the company's name with the top-level units below it.
    let top: Option<i64> = match (unit_id, roots.as_slice()) {
        (Some(id), _) => Some(id),
        (None, [root]) => Some(root.id),
        (None, _) => None,
    };
    let top_name = match top {
        Some(id) => units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        None => crate::units::company_name(conn)?,
    };
    let children: Vec<&crate::units::Unit> = units.iter().filter(|u| u.parent_id == top).collect();
    let place: HashMap<i64, usize> = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    let parent: HashMap<i64, Option<i64>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    // The row (index into `children`) a unit counts under: the child of `top` it lies below.
    let row_of = |mut unit: i64| -> Option<usize> {
        loop {
            let up = parent.get(&unit).copied().flatten();
            if up == top {
                return children.iter().position(|c| c.id == unit);
            }
            unit = up?;
        }
    };

    let staff = crate::structure::members(
        conn,
        &crate::structure::StructureQuery {
            unit_id: top,
            population: crate::structure::Population::All,
            as_of,
        },
        &crate::structure::Config::default(),
        None,
    )?;
    let unit_of: HashMap<i64, i64> = {
        let mut stmt = conn.prepare("SELECT id, unit_id FROM person")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let talked: HashSet<i64> = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT person_id FROM talk WHERE talked_on >= ?1 AND talked_on <= ?2",
        )?;
        stmt.query_map(params![period.from, period.to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };

    let mut top_row = UnitTalkCoverage {
        unit_id: top.unwrap_or(0),
        unit_name: top_name,
        staff: 0,
        talked: 0,
        rate: None,
    };
    let mut rows: Vec<UnitTalkCoverage> = children
        .iter()
        .map(|u| UnitTalkCoverage {
            unit_id: u.id,
            unit_name: u.name.clone(),
            staff: 0,
            talked: 0,
            rate: None,
        })
        .collect();
    let mut not_talked = Vec::new();
    for m in staff {
        let unit = unit_of.get(&m.person_id).copied();
        let was_talked = talked.contains(&m.person_id);
        let counted = i64::from(was_talked);
        top_row.staff += 1;
        top_row.talked += counted;
        if let Some(row) = unit.and_then(row_of) {
            rows[row].staff += 1;
            rows[row].talked += counted;
        }
        if !was_talked {
            let unit_place = unit
                .and_then(|u| place.get(&u).copied())
                .unwrap_or(usize::MAX);
            not_talked.push((
                unit_place,
                m.employee_no.unwrap_or_default(),
                NotTalked {
                    person_id: m.person_id,
                    name: m.name,
                    unit_name: m.unit_name,
                },
            ));
        }
    }
    sort_by_name(
        &mut not_talked,
        NameOrder::Unit,
        |(_, _, n)| n.name.as_str(),
        |(place, _, _)| *place as i64,
        |(_, no, _)| no.as_str(),
    );
    let mut all = Vec::with_capacity(rows.len() + 1);
    all.push(top_row);
    all.extend(rows);
    for row in &mut all {
        row.rate = (row.staff > 0).then(|| row.talked as f64 / row.staff as f64);
    }
    Ok(TalkCoverage {
        period,
        units: all,
        not_talked: not_talked.into_iter().map(|(_, _, n)| n).collect(),
    })
}
