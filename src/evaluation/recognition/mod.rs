//! 推优评先: a round from nominations to 公示 and, on confirmation, the honours.
//! 推荐中 (nominations) → 投票中 (votes entered) → 公示中 (the selected, by votes among the
//! eligible within the quota — the tie rule of the module's doc — and the 公示 period) →
//! 已确认 (an [`super::honour`] per selected candidate not withdrawn).
//!
//! Eligibility is never stored: each reading checks every nomination's rules as of that day
//! ([`rules`]), and a nominee failing one is listed with what was found, not hidden.

mod rules;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::honour::{self, check_long, check_title, check_year};
use super::{
    HonourInput, NominationInput, RecognitionInput, RecognitionRound, RecognitionSummary, VoteInput,
};
use crate::codes::{RecognitionStatus, RecognitionTarget};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::voice::{check_unit, trimmed};

pub use rules::{check_rules, rule_label};

/// The longest 评选名称, in characters.
const NAME_MAX: usize = 60;
/// The longest 授予单位.
const GRANTED_BY_MAX: usize = 60;
/// The longest 主要事迹.
const DEEDS_MAX: usize = 2000;
/// The longest 撤回原因.
const REASON_MAX: usize = 200;
/// The most places a round may have.
const QUOTA_MAX: u32 = 100;

/// A stored round without its candidates.
pub(super) struct RoundRow {
    pub id: i64,
    pub uid: String,
    pub input: RecognitionInput,
    pub status: RecognitionStatus,
    pub notice_from: Option<NaiveDate>,
    pub notice_to: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
}

fn load(conn: &Connection, id: i64) -> Result<RoundRow> {
    let row = conn
        .query_row(
            "SELECT id, uid, name, honour_title, year, target, quota, rules, granted_by, status,
                    notice_from, notice_to, confirmed_on
               FROM recognition_round WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    RoundRow {
                        id: r.get(0)?,
                        uid: r.get(1)?,
                        input: RecognitionInput {
                            name: r.get(2)?,
                            honour_title: r.get(3)?,
                            year: r.get(4)?,
                            target: r.get(5)?,
                            quota: r.get(6)?,
                            rules: Vec::new(),
                            granted_by: r.get(8)?,
                        },
                        status: r.get(9)?,
                        notice_from: r.get(10)?,
                        notice_to: r.get(11)?,
                        confirmed_on: r.get(12)?,
                    },
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?;
    let (mut round, rules) = row.ok_or_else(|| Error::not_found("推优评先", id))?;
    round.input.rules = serde_json::from_str(&rules)
        .map_err(|_| Error::invalid("评选条件", "保存的评选条件无法读取，请重新设置"))?;
    Ok(round)
}

/// The round of nomination `id`, with the nomination's name (for messages).
fn nomination_round(conn: &Connection, nomination_id: i64) -> Result<(RoundRow, String)> {
    let (round_id, name): (i64, String) = conn
        .query_row(
            "SELECT n.round_id, coalesce(p.name, u.name, '')
               FROM nomination n
               LEFT JOIN person p ON p.id = n.person_id
               LEFT JOIN unit u ON u.id = n.unit_id
              WHERE n.id = ?1",
            [nomination_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("候选人", nomination_id))?;
    Ok((load(conn, round_id)?, name))
}

/// Every round, newest year first (then the newest made first).
pub fn list(conn: &Connection) -> Result<Vec<RecognitionSummary>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.name, r.honour_title, r.year, r.target, r.quota, r.status,
                (SELECT count(*) FROM nomination n WHERE n.round_id = r.id),
                (SELECT count(*) FROM nomination n
                  WHERE n.round_id = r.id AND n.selected = 1 AND n.withdrawn IS NULL),
                r.notice_to
           FROM recognition_round r
          ORDER BY r.year DESC, r.id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(RecognitionSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                honour_title: r.get(2)?,
                year: r.get(3)?,
                target: r.get(4)?,
                quota: r.get(5)?,
                status: r.get(6)?,
                candidates: r.get(7)?,
                selected: r.get(8)?,
                notice_to: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A round with its candidates, each with the rules checked as of `today` (attendance over the
/// round's year up to its end or `today`): every nomination, those failing a rule with what was
/// found; ranked by votes among the eligible, then by name.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<RecognitionRound> {
    let round = load(conn, id)?;
    let candidates = rules::candidates(conn, &round, today)?;
    Ok(RecognitionRound {
        id: round.id,
        uid: round.uid,
        input: round.input,
        status: round.status,
        notice_from: round.notice_from,
        notice_to: round.notice_to,
        confirmed_on: round.confirmed_on,
        candidates,
    })
}

/// Checks and tidies a round as written.
fn check_input(mut input: RecognitionInput) -> Result<RecognitionInput> {
    input.name = input.name.trim().to_string();
    if input.name.is_empty() {
        return Err(Error::invalid("评选名称", "请填写评选名称"));
    }
    check_long("评选名称", &input.name, NAME_MAX)?;
    input.honour_title = input.honour_title.trim().to_string();
    check_title(&input.honour_title)?;
    check_year(input.year)?;
    if !(1..=QUOTA_MAX).contains(&input.quota) {
        return Err(Error::invalid("名额", format!("应为 1–{QUOTA_MAX}")));
    }
    check_rules(input.target, &input.rules)?;
    input.granted_by = trimmed(input.granted_by);
    if let Some(g) = &input.granted_by {
        check_long("授予单位", g, GRANTED_BY_MAX)?;
    }
    Ok(input)
}

/// A new round or an edit (推荐中 or 投票中; the target only while it has no nominations).
pub fn save(tx: &Tx, id: Option<i64>, input: RecognitionInput) -> Result<i64> {
    let input = check_input(input)?;
    let rules = serde_json::to_string(&input.rules)
        .map_err(|_| Error::invalid("评选条件", "无法保存评选条件"))?;
    let now = now_text();
    let Some(id) = id else {
        tx.execute(
            "INSERT INTO recognition_round (uid, name, honour_title, year, target, quota, rules,
                                            granted_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                new_uid(),
                input.name,
                input.honour_title,
                input.year,
                input.target,
                input.quota,
                rules,
                input.granted_by,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.note(format!(
            "新建推优评先 {id}：{}（{}，名额 {}）",
            input.name,
            input.target.label(),
            input.quota
        ));
        return Ok(id);
    };
    let old = load(tx, id)?;
    if !matches!(
        old.status,
        RecognitionStatus::Nominating | RecognitionStatus::Voting
    ) {
        return Err(Error::invalid("评选", "公示开始后不能再修改评选"));
    }
    if input.target != old.input.target && nominations(tx, id)? > 0 {
        return Err(Error::invalid(
            "评选对象",
            "已有推荐的候选人，不能再更改评选对象",
        ));
    }
    tx.execute(
        "UPDATE recognition_round
            SET name = ?2, honour_title = ?3, year = ?4, target = ?5, quota = ?6, rules = ?7,
                granted_by = ?8, updated_at = ?9
          WHERE id = ?1",
        params![
            id,
            input.name,
            input.honour_title,
            input.year,
            input.target,
            input.quota,
            rules,
            input.granted_by,
            now
        ],
    )?;
    tx.note(format!("修改推优评先 {id}：{}", input.name));
    Ok(id)
}

fn nominations(conn: &Connection, round_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM nomination WHERE round_id = ?1",
        [round_id],
        |r| r.get(0),
    )?)
}

/// Deletes a round not yet confirmed, with its nominations.
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    let round = load(tx, id)?;
    if round.status == RecognitionStatus::Confirmed {
        return Err(Error::invalid("评选", "已确认的评选不能删除"));
    }
    tx.execute("DELETE FROM recognition_round WHERE id = ?1", [id])?;
    tx.note(format!("删除推优评先 {id}：{}", round.input.name));
    Ok(())
}

/// 主要事迹: trimmed, 1–2000 characters.
fn check_deeds(deeds: &str) -> Result<String> {
    let deeds = deeds.trim();
    if deeds.is_empty() {
        return Err(Error::invalid("主要事迹", "请填写主要事迹"));
    }
    check_long("主要事迹", deeds, DEEDS_MAX)?;
    Ok(deeds.to_string())
}

/// A nomination (推荐中 only): a person for a person round, a unit for a unit round, once each.
pub fn nominate(tx: &Tx, round_id: i64, input: NominationInput) -> Result<i64> {
    let round = load(tx, round_id)?;
    if round.status != RecognitionStatus::Nominating {
        return Err(Error::invalid("推荐", "推荐已结束，不能再推荐候选人"));
    }
    let name = match (round.input.target, input.person_id, input.unit_id) {
        (RecognitionTarget::Person, Some(person), None) => {
            let p = tx
                .query_row(
                    "SELECT name, left_date IS NULL FROM person WHERE id = ?1",
                    [person],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)),
                )
                .optional()?;
            let Some((name, in_post)) = p else {
                return Err(Error::invalid("候选人", "请选择一名存在的职工"));
            };
            if !in_post {
                return Err(Error::invalid(
                    "候选人",
                    format!("{name}已离职，不能被推荐"),
                ));
            }
            name
        }
        (RecognitionTarget::Person, ..) => {
            return Err(Error::invalid(
                "候选人",
                "本次评选对象为个人，请选择一名职工",
            ));
        }
        (RecognitionTarget::Unit, None, Some(unit)) => {
            check_unit(tx, "候选集体", unit)?;
            let name: String =
                tx.query_row("SELECT name FROM unit WHERE id = ?1", [unit], |r| r.get(0))?;
            format!("“{name}”")
        }
        (RecognitionTarget::Unit, ..) => {
            return Err(Error::invalid(
                "候选集体",
                "本次评选对象为集体，请选择一个集体",
            ));
        }
    };
    if let Some(by) = input.by_unit_id {
        check_unit(tx, "推荐单位", by)?;
    }
    let deeds = check_deeds(&input.deeds)?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM nomination
                         WHERE round_id = ?1 AND (person_id = ?2 OR unit_id = ?3))",
        params![round_id, input.person_id, input.unit_id],
        |r| r.get(0),
    )?;
    if taken {
        let field = match round.input.target {
            RecognitionTarget::Person => "候选人",
            RecognitionTarget::Unit => "候选集体",
        };
        return Err(Error::invalid(field, format!("{name}已被推荐")));
    }
    let now = now_text();
    tx.execute(
        "INSERT INTO nomination (round_id, person_id, unit_id, by_unit_id, deeds, created_at,
                                 updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            round_id,
            input.person_id,
            input.unit_id,
            input.by_unit_id,
            deeds,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!("推荐候选人 {id}：{name}（{}）", round.input.name));
    Ok(id)
}

/// Edits a nomination's 事迹 and nominating unit (推荐中 only); the nominee stays (remove the
/// nomination and make another to change it).
pub fn update_nomination(tx: &Tx, nomination_id: i64, input: NominationInput) -> Result<()> {
    let (round, name) = nomination_round(tx, nomination_id)?;
    if round.status != RecognitionStatus::Nominating {
        return Err(Error::invalid("推荐", "推荐已结束，不能再修改候选人"));
    }
    let (person, unit): (Option<i64>, Option<i64>) = tx.query_row(
        "SELECT person_id, unit_id FROM nomination WHERE id = ?1",
        [nomination_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if input.person_id.is_some_and(|p| Some(p) != person)
        || input.unit_id.is_some_and(|u| Some(u) != unit)
    {
        return Err(Error::invalid("候选人", "不能更换候选人，请删除后重新推荐"));
    }
    if let Some(by) = input.by_unit_id {
        check_unit(tx, "推荐单位", by)?;
    }
    let deeds = check_deeds(&input.deeds)?;
    tx.execute(
        "UPDATE nomination SET by_unit_id = ?2, deeds = ?3, updated_at = ?4 WHERE id = ?1",
        params![nomination_id, input.by_unit_id, deeds, now_text()],
    )?;
    tx.note(format!(
        "修改候选人 {nomination_id}：{name}（{}）",
        round.input.name
    ));
    Ok(())
}

/// Removes a nomination (推荐中 only).
pub fn remove_nomination(tx: &Tx, nomination_id: i64) -> Result<()> {
    let (round, name) = nomination_round(tx, nomination_id)?;
    if round.status != RecognitionStatus::Nominating {
        return Err(Error::invalid("推荐", "推荐已结束，不能再删除候选人"));
    }
    tx.execute("DELETE FROM nomination WHERE id = ?1", [nomination_id])?;
    tx.note(format!(
        "删除候选人 {nomination_id}：{name}（{}）",
        round.input.name
    ));
    Ok(())
}

fn set_status(tx: &Tx, round_id: i64, status: RecognitionStatus) -> Result<()> {
    tx.execute(
        "UPDATE recognition_round SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![round_id, status, now_text()],
    )?;
    Ok(())
}

/// 推荐中 → 投票中 (at least one nomination).
pub fn start_voting(tx: &Tx, round_id: i64) -> Result<()> {
    let round = load(tx, round_id)?;
    if round.status != RecognitionStatus::Nominating {
        return Err(Error::invalid("评选", "只有推荐中可以开始投票"));
    }
    if nominations(tx, round_id)? == 0 {
        return Err(Error::invalid("候选人", "还没有推荐候选人，不能开始投票"));
    }
    set_status(tx, round_id, RecognitionStatus::Voting)?;
    tx.note(format!(
        "推优评先 {round_id} 开始投票：{}",
        round.input.name
    ));
    Ok(())
}

/// Votes per nomination (投票中 only; None clears them).
pub fn set_votes(tx: &Tx, round_id: i64, votes: &[VoteInput]) -> Result<()> {
    let round = load(tx, round_id)?;
    if round.status != RecognitionStatus::Voting {
        return Err(Error::invalid("得票", "只有投票中可以录入得票"));
    }
    let mut update = tx.prepare_cached(
        "UPDATE nomination SET votes = ?3, updated_at = ?4 WHERE id = ?1 AND round_id = ?2",
    )?;
    let now = now_text();
    for v in votes {
        if update.execute(params![v.nomination_id, round_id, v.votes, now])? == 0 {
            return Err(Error::invalid(
                "得票",
                format!("候选人 {} 不属于本次评选", v.nomination_id),
            ));
        }
    }
    tx.note(format!(
        "录入得票：{}（{} 名候选人）",
        round.input.name,
        votes.len()
    ));
    Ok(())
}

/// 投票中 → 公示中: every eligible candidate has votes; selects by votes within the quota
/// (ties at the edge: none of the tied group, noted); the 公示 runs `from`–`to`. Returns how
/// many were selected.
pub fn start_publicity(
    tx: &Tx,
    round_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    let round = load(tx, round_id)?;
    if round.status != RecognitionStatus::Voting {
        return Err(Error::invalid("评选", "只有投票中可以开始公示"));
    }
    if to < from {
        return Err(Error::invalid("公示期", "结束日期不能早于开始日期"));
    }
    let candidates = rules::candidates(tx, &round, today)?;
    let selected = rules::selection(&candidates, round.input.quota)?;
    tx.execute(
        "UPDATE nomination SET selected = 0 WHERE round_id = ?1 AND selected = 1",
        [round_id],
    )?;
    let mut mark =
        tx.prepare_cached("UPDATE nomination SET selected = 1, updated_at = ?2 WHERE id = ?1")?;
    let now = now_text();
    for id in &selected {
        mark.execute(params![id, now])?;
    }
    tx.execute(
        "UPDATE recognition_round
            SET status = 'publicity', notice_from = ?2, notice_to = ?3, updated_at = ?4
          WHERE id = ?1",
        params![round_id, from, to, now],
    )?;
    tx.note(format!(
        "推优评先 {round_id} 开始公示：{}，入选 {} 名，公示期 {from} 至 {to}",
        round.input.name,
        selected.len()
    ));
    Ok(selected.len())
}

/// A selected candidate withdrawn during 公示 (an objection upheld), with the reason; the
/// place is not passed on.
pub fn withdraw(tx: &Tx, nomination_id: i64, reason: &str) -> Result<()> {
    let (round, name) = nomination_round(tx, nomination_id)?;
    if round.status != RecognitionStatus::Publicity {
        return Err(Error::invalid("撤回", "只有公示中可以撤回候选人"));
    }
    let selected: bool = tx.query_row(
        "SELECT selected = 1 AND withdrawn IS NULL FROM nomination WHERE id = ?1",
        [nomination_id],
        |r| r.get(0),
    )?;
    if !selected {
        return Err(Error::invalid("撤回", "只能撤回已入选的候选人"));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("撤回原因", "请填写撤回原因"));
    }
    check_long("撤回原因", reason, REASON_MAX)?;
    tx.execute(
        "UPDATE nomination SET selected = 0, withdrawn = ?2, updated_at = ?3 WHERE id = ?1",
        params![nomination_id, reason, now_text()],
    )?;
    tx.note(format!(
        "撤回候选人 {nomination_id}：{name}（{}）",
        round.input.name
    ));
    Ok(())
}

/// 公示中 → 已确认 on `on` (not before the 公示 has ended): an honour per selected candidate
/// not withdrawn. Returns how many honours were recorded.
pub fn confirm(tx: &Tx, round_id: i64, on: NaiveDate) -> Result<usize> {
    let round = load(tx, round_id)?;
    if round.status != RecognitionStatus::Publicity {
        return Err(Error::invalid("评选", "只有公示中可以确认"));
    }
    if let Some(end) = round.notice_to
        && on <= end
    {
        return Err(Error::invalid(
            "确认日期",
            format!(
                "公示期至 {}，公示期满后才能确认",
                crate::pdf::chinese_date(end)
            ),
        ));
    }
    let holders: Vec<(Option<i64>, Option<i64>)> = tx
        .prepare(
            "SELECT person_id, unit_id FROM nomination
              WHERE round_id = ?1 AND selected = 1 AND withdrawn IS NULL
              ORDER BY id",
        )?
        .query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for &(person_id, unit_id) in &holders {
        honour::add_from_round(
            tx,
            HonourInput {
                person_id,
                unit_id,
                title: round.input.honour_title.clone(),
                year: round.input.year,
                awarded_on: on,
                granted_by: round.input.granted_by.clone(),
                note: None,
            },
            Some(round_id),
        )?;
    }
    tx.execute(
        "UPDATE recognition_round
            SET status = 'confirmed', confirmed_on = ?2, updated_at = ?3
          WHERE id = ?1",
        params![round_id, on, now_text()],
    )?;
    tx.note(format!(
        "推优评先 {round_id} 确认：{}，记荣誉 {} 项",
        round.input.name,
        holders.len()
    ));
    Ok(holders.len())
}
