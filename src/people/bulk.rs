//! 批量修改: several people at once (设为 / 取消 政工干部 or 后备人才, 调动 to a unit, 离职).
//! Each goes through the one-person rules ([`super::update`], [`super::leave`]) inside the
//! caller's transaction, so one refusal (named in the message) writes nothing, and leaves one
//! audit line for the whole batch.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Person;
use crate::db::Tx;
use crate::error::{Error, PersonError, Result};

/// A yes / no mark on a person that can be set for many at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PersonFlag {
    /// 政工干部
    PoliticalCadre,
    /// 后备人才
    ReserveTalent,
}

impl PersonFlag {
    pub fn label(self) -> &'static str {
        match self {
            PersonFlag::PoliticalCadre => "政工干部",
            PersonFlag::ReserveTalent => "后备人才",
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkResult {
    /// People whose record was changed.
    pub changed: i64,
    /// People who already were as asked (left untouched).
    pub unchanged: i64,
}

/// Sets (`on`) or clears a flag on each of `ids`, all in post.
pub fn set_flag(tx: &Tx, ids: &[i64], flag: PersonFlag, on: bool) -> Result<BulkResult> {
    let people = in_post(tx, ids)?;
    let notes = tx.notes_len();
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    for p in people {
        let mut input = p.to_input();
        let value = match flag {
            PersonFlag::PoliticalCadre => &mut input.political_cadre,
            PersonFlag::ReserveTalent => &mut input.reserve_talent,
        };
        if *value == on {
            unchanged.push(p);
            continue;
        }
        *value = on;
        super::update(tx, p.id, input).map_err(|e| naming(&p, e))?;
        changed.push(p);
    }
    let verb = if on { "设为" } else { "取消" };
    let label = flag.label();
    let already = if on {
        format!("原已是{label}")
    } else {
        format!("原本不是{label}")
    };
    let head = format!("{verb}{label} {} 人", changed.len());
    summarize(tx, notes, &head, &changed, &already, &unchanged)
}

/// Moves each of `ids`, all in post, into `unit_id` (调动).
pub fn move_to_unit(tx: &Tx, ids: &[i64], unit_id: i64) -> Result<BulkResult> {
    let unit = crate::units::get(tx, unit_id)?;
    let people = in_post(tx, ids)?;
    let notes = tx.notes_len();
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    for p in people {
        if p.unit_id == unit_id {
            unchanged.push(p);
            continue;
        }
        let input = super::PersonInput {
            unit_id,
            ..p.to_input()
        };
        super::update(tx, p.id, input).map_err(|e| naming(&p, e))?;
        changed.push(p);
    }
    let head = format!("调到 {} {} 人", unit.path, changed.len());
    summarize(tx, notes, &head, &changed, "原已在该单位", &unchanged)
}

/// Records the 离职 of each of `ids`, all in post, on `date` for `reason`.
pub fn leave(tx: &Tx, ids: &[i64], date: NaiveDate, reason: Option<&str>) -> Result<BulkResult> {
    let people = in_post(tx, ids)?;
    let notes = tx.notes_len();
    for p in &people {
        super::leave(tx, p.id, date, reason).map_err(|e| naming(p, e))?;
    }
    let reason = reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| format!("（原因：{r}）"))
        .unwrap_or_default();
    let head = format!("办理离职 {} 人{reason}", people.len());
    summarize(tx, notes, &head, &people, "", &[])
}

/// The people of `ids` (each once, in the order given), refusing an unknown id or someone who
/// has left: a batch acts on people in post only.
fn in_post(tx: &Tx, ids: &[i64]) -> Result<Vec<Person>> {
    let mut seen = std::collections::HashSet::new();
    let mut people = Vec::with_capacity(ids.len());
    for &id in ids {
        if !seen.insert(id) {
            continue;
        }
        let p = super::get(tx, id)?;
        if let Some(d) = p.left_date {
            return Err(PersonError::AlreadyLeft {
                who: p.who(),
                date: d.to_string(),
            }
            .into());
        }
        people.push(p);
    }
    if people.is_empty() {
        return Err(Error::invalid("职工", "请至少选择一名职工"));
    }
    Ok(people)
}

/// A one-person rule's refusal, with the person named unless the message already names them.
fn naming(p: &Person, e: Error) -> Error {
    match e {
        Error::Invalid { .. }
        | Error::Code(_)
        | Error::Person(PersonError::IdNumber(_) | PersonError::Mismatch { .. }) => {
            PersonError::OnePerson {
                who: p.who(),
                source: Box::new(e),
            }
            .into()
        }
        e => e,
    }
}

/// Replaces the per-person audit lines noted since `notes` with one for the batch: `head`, then
/// who was changed and who was already as asked.
fn summarize(
    tx: &Tx,
    notes: usize,
    head: &str,
    changed: &[Person],
    unchanged_as: &str,
    unchanged: &[Person],
) -> Result<BulkResult> {
    // Enough to find the batch again; a batch of thousands would make an unreadable row.
    const NAMED: usize = 20;
    let names = |people: &[Person]| {
        let mut s = people
            .iter()
            .take(NAMED)
            .map(|p| p.tag())
            .collect::<Vec<_>>()
            .join("、");
        if people.len() > NAMED {
            s.push_str(" 等");
        }
        s
    };
    tx.truncate_notes(notes);
    let mut line = head.to_string();
    if !changed.is_empty() {
        line.push_str(&format!("：{}", names(changed)));
    }
    if !unchanged.is_empty() {
        line.push_str(&format!(
            "；另有 {} 人{unchanged_as}：{}",
            unchanged.len(),
            names(unchanged)
        ));
    }
    tx.note(line);
    Ok(BulkResult {
        changed: changed.len() as i64,
        unchanged: unchanged.len() as i64,
    })
}
