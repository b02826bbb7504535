//! 导入线上签到: the participant list an online meeting exports (腾讯会议, 钉钉, 飞书, WeLink …;
//! .xlsx or .csv, UTF-8 or GBK) matched to an activity's invitees, who are then checked in at
//! the time they joined (迟到 past the activity's grace period, as at the kiosk).
//!
//! Three steps, so the user sees what will happen before anything is written:
//! 1. [`read`] finds the header (用户昵称 / 参会者 / 姓名 …, 入会时间, 退会时间, 参会时长, 工号) and
//!    gathers each participant's rows (someone who rejoined has several: the earliest join
//!    counts);
//! 2. [`preview`] matches participants to invitees — by a 工号 column or a 工号 inside the
//!    nickname, by the exact name, or by a name inside a nickname such as “张三-营销部”,
//!    “营销部 张三”, “张三(营销部)”, “张三_123456” — and lists what could not be matched, and
//!    why (two invitees of that name, not on the list …);
//! 3. [`apply`] checks them in at their join times (nobody already checked in is changed), with
//!    the rows the user matched by hand, in one transaction — once the activity has started:
//!    the file is the meeting's own record, so it is taken after the kiosk's window as well.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::activities::{self, Activity};
use crate::attendance::{self, CheckIn};
use crate::codes::{ActivityStatus, AttendanceStatus};
use crate::db::Tx;
use crate::error::{ActivityError, Error, Result};

mod file;
mod matcher;
#[cfg(test)]
mod tests;

pub use file::*;
use matcher::*;

// ---------------------------------------------------------------------------------------------
// Matching

/// An invitee as the matching sees them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MeetingInvitee"))]
pub struct Invitee {
    pub person_id: i64,
    pub employee_no: String,
    pub name: String,
    pub unit_name: String,
    /// Current status (None: not checked in).
    pub status: Option<AttendanceStatus>,
    pub checked_in_at: Option<NaiveDateTime>,
    #[serde(skip)]
    unit_names: Vec<String>,
    #[serde(skip)]
    left_date: Option<NaiveDate>,
}

/// A participant matched to an invitee.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MeetingMatchedRow"))]
pub struct MatchedRow {
    pub row: usize,
    pub rows: Vec<usize>,
    /// The name in the file.
    pub file_name: String,
    pub joined_at: Option<NaiveDateTime>,
    pub left_at: Option<NaiveDateTime>,
    pub minutes: Option<i64>,
    pub person_id: i64,
    pub employee_no: String,
    pub name: String,
    pub unit_name: String,
    /// 工号, 姓名, 昵称中的姓名, 姓名和单位, 手动匹配.
    pub how: &'static str,
    /// What will be recorded: 出席 or 迟到; None when nothing changes (already checked in).
    pub status: Option<AttendanceStatus>,
    /// The check-in time that will be recorded.
    pub at: NaiveDateTime,
    /// The status now (None: not checked in).
    pub current: Option<AttendanceStatus>,
    /// "已签到（出席 08:58），不变", "原为请假", "同一人在文件中有多条记录，按最早入会时间" …
    pub note: String,
}

/// A participant no invitee could be found for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MeetingUnmatchedRow"))]
pub struct UnmatchedRow {
    pub row: usize,
    pub rows: Vec<usize>,
    pub file_name: String,
    pub employee_no: Option<String>,
    pub joined_at: Option<NaiveDateTime>,
    pub left_at: Option<NaiveDateTime>,
    pub minutes: Option<i64>,
    pub reason: String,
    /// Invitees it may be (two of the same name): offered first when matching by hand.
    pub suggestions: Vec<i64>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MeetingPreview"))]
pub struct Preview {
    pub activity_id: i64,
    pub activity_title: String,
    pub starts_at: NaiveDateTime,
    /// Joins after this are 迟到.
    pub late_after: NaiveDateTime,
    pub sheet: String,
    pub header_row: usize,
    /// One per invitee found (several rows of the same person merged).
    pub matched: Vec<MatchedRow>,
    pub unmatched: Vec<UnmatchedRow>,
    pub problems: Vec<String>,
    /// The invitee list, for matching by hand.
    pub invitees: Vec<Invitee>,
    /// Invitees not checked in and not found in the file.
    pub not_in_file: usize,
}

fn open_activity(conn: &Connection, activity_id: i64) -> Result<Activity> {
    let a = activities::get(conn, activity_id)?;
    if a.status == ActivityStatus::Cancelled {
        return Err(ActivityError::Cancelled {
            title: a.title,
            action: "导入线上签到",
        }
        .into());
    }
    Ok(a)
}

/// A manual choice: the participant of sheet row `row` is invitee `person_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ManualMatch {
    pub row: usize,
    pub person_id: i64,
}

struct Plan {
    preview: Preview,
}

fn plan(conn: &Connection, activity_id: i64, file: &MeetingFile) -> Result<Plan> {
    let a = open_activity(conn, activity_id)?;
    let m = Matcher::new(conn, activity_id)?;
    let late_after = a.late_after();
    // Per invitee: the participants matched to them.
    let mut per_person: BTreeMap<usize, Vec<(&Participant, &'static str)>> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for p in &file.participants {
        let found = match m.find(p) {
            Found::One(i, how) => {
                let inv = &m.invitees[i];
                let day = p.joined_at.map_or(a.starts_at.date(), |t| t.date());
                if inv.left_date.is_some_and(|d| d <= day) {
                    Found::None(
                        format!("{}（工号 {}）已离职，不能签到", inv.name, inv.employee_no),
                        Vec::new(),
                    )
                } else {
                    Found::One(i, how)
                }
            }
            other => other,
        };
        match found {
            Found::One(i, how) => per_person.entry(i).or_default().push((p, how)),
            Found::None(reason, suggestions) => unmatched.push(UnmatchedRow {
                row: p.row,
                rows: p.rows.clone(),
                file_name: p.name.clone(),
                employee_no: p.employee_no.clone(),
                joined_at: p.joined_at,
                left_at: p.left_at,
                minutes: p.minutes,
                reason,
                suggestions: suggestions
                    .iter()
                    .map(|&i| m.invitees[i].person_id)
                    .collect(),
            }),
        }
    }
    let mut matched: Vec<MatchedRow> = per_person
        .iter()
        .map(|(&i, parts)| matched_row(&a, &m.invitees[i], parts, late_after))
        .collect();
    matched.sort_by_key(|r| r.row);
    let found: HashSet<i64> = matched.iter().map(|r| r.person_id).collect();
    let mut problems = file.problems.clone();
    let far = file
        .participants
        .iter()
        .filter(|p| {
            p.joined_at
                .is_some_and(|t| (t - a.starts_at).abs() > Duration::hours(24))
        })
        .count();
    if far > 0 {
        problems.push(format!(
            "有 {far} 条记录的入会时间与活动开始时间相差一天以上，请确认选择的是本次活动的参会记录"
        ));
    }
    let not_in_file = m
        .invitees
        .iter()
        .filter(|p| p.status.is_none() && !found.contains(&p.person_id))
        .count();
    Ok(Plan {
        preview: Preview {
            activity_id,
            activity_title: a.title.clone(),
            starts_at: a.starts_at,
            late_after,
            sheet: file.sheet.clone(),
            header_row: file.header_row,
            matched,
            unmatched,
            problems,
            invitees: m.invitees,
            not_in_file,
        },
    })
}

fn matched_row(
    a: &Activity,
    inv: &Invitee,
    parts: &[(&Participant, &'static str)],
    late_after: NaiveDateTime,
) -> MatchedRow {
    let first = parts[0].0;
    let joined = parts
        .iter()
        .fold(None, |acc, (p, _)| earliest(acc, p.joined_at));
    let at = joined.unwrap_or(a.starts_at);
    let left = parts.iter().filter_map(|(p, _)| p.left_at).max();
    let minutes = parts
        .iter()
        .filter_map(|(p, _)| p.minutes)
        .reduce(|x, y| x + y);
    let mut rows: Vec<usize> = parts.iter().flat_map(|(p, _)| p.rows.clone()).collect();
    rows.sort_unstable();
    let would_be = if at > late_after {
        AttendanceStatus::Late
    } else {
        AttendanceStatus::Present
    };
    let already = inv.status.filter(|s| s.attended());
    let mut notes = Vec::new();
    match (already, inv.status) {
        (Some(s), _) => notes.push(match inv.checked_in_at {
            Some(t) => format!("已签到（{} {}），不变", s.label(), t.format("%H:%M")),
            None => format!("已签到（{}），不变", s.label()),
        }),
        (None, Some(s)) => notes.push(format!("原为{}", s.label())),
        _ => {}
    }
    if joined.is_none() {
        notes.push("文件中没有入会时间，按活动开始时间计".into());
    }
    if parts.len() > 1 || first.rows.len() > 1 {
        notes.push("文件中有多条记录，按最早入会时间".into());
    }
    MatchedRow {
        row: rows.first().copied().unwrap_or(first.row),
        rows,
        file_name: parts
            .iter()
            .map(|(p, _)| p.name.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        joined_at: joined,
        left_at: left,
        minutes,
        person_id: inv.person_id,
        employee_no: inv.employee_no.clone(),
        name: inv.name.clone(),
        unit_name: inv.unit_name.clone(),
        how: parts[0].1,
        status: already.is_none().then_some(would_be),
        at,
        current: inv.status,
        note: notes.join("；"),
    }
}

/// What the file would do to the activity's attendance; nothing is written.
pub fn preview(conn: &Connection, activity_id: i64, file: &MeetingFile) -> Result<Preview> {
    Ok(plan(conn, activity_id, file)?.preview)
}

/// Reads a participant export for an activity: its date completes times given without one.
/// The same file then goes to [`preview`] and [`apply`].
pub fn read_for_activity(conn: &Connection, activity_id: i64, path: &Path) -> Result<MeetingFile> {
    let a = activities::get(conn, activity_id)?;
    read(path, a.starts_at.date())
}

/// Reads the file and previews it (the activity's date completes times given without one).
pub fn preview_file(conn: &Connection, activity_id: i64, path: &Path) -> Result<Preview> {
    let a = open_activity(conn, activity_id)?;
    let file = read(path, a.starts_at.date())?;
    preview(conn, activity_id, &file)
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MeetingApplied"))]
pub struct Applied {
    /// Checked in as 出席.
    pub present: usize,
    /// Checked in as 迟到.
    pub late: usize,
    /// Already checked in: unchanged.
    pub unchanged: usize,
    /// Of the above, matched by hand.
    pub manual: usize,
    /// Rows left unmatched (not imported).
    pub unmatched: usize,
    pub check_ins: Vec<CheckIn>,
}

impl Applied {
    /// "已导入线上签到：出席 12 人，迟到 3 人，已签到未变 2 人；未匹配 4 条".
    pub fn message(&self) -> String {
        let mut s = format!(
            "已导入线上签到：出席 {} 人，迟到 {} 人",
            self.present, self.late
        );
        if self.unchanged > 0 {
            s.push_str(&format!("，已签到未变 {} 人", self.unchanged));
        }
        if self.manual > 0 {
            s.push_str(&format!("（其中手动匹配 {} 人）", self.manual));
        }
        if self.unmatched > 0 {
            s.push_str(&format!("；未匹配 {} 条，未导入", self.unmatched));
        }
        s
    }
}

fn check_in_all(
    tx: &Tx,
    activity_id: i64,
    times: BTreeMap<i64, (NaiveDateTime, bool)>,
    unmatched: usize,
) -> Result<Applied> {
    let a = open_activity(tx, activity_id)?;
    let now = crate::db::now();
    attendance::CheckInWindow::load(tx, &a, now)?.require_started(&a, now, "导入线上签到")?;
    let mut applied = Applied {
        unmatched,
        ..Default::default()
    };
    let mut order: Vec<(i64, NaiveDateTime, bool)> =
        times.into_iter().map(|(p, (t, m))| (p, t, m)).collect();
    order.sort_by_key(|&(p, t, _)| (t, p));
    for (person_id, at, manual) in order {
        let result = attendance::record(tx, &a, person_id, at, false, "线上签到")?;
        match &result {
            CheckIn::Recorded { status, .. } if *status == AttendanceStatus::Late => {
                applied.late += 1
            }
            CheckIn::Recorded { .. } => applied.present += 1,
            CheckIn::Already { .. } => applied.unchanged += 1,
        }
        if manual {
            applied.manual += 1;
        }
        applied.check_ins.push(result);
    }
    Ok(applied)
}

/// The time a manual match is checked in at: the participant's first join, else the start.
fn manual_times(
    a: &Activity,
    file: &MeetingFile,
    manual: &[ManualMatch],
    times: &mut BTreeMap<i64, (NaiveDateTime, bool)>,
) -> Result<HashSet<usize>> {
    let mut rows = HashSet::new();
    for m in manual {
        let p = file
            .participants
            .iter()
            .find(|p| p.row == m.row || p.rows.contains(&m.row))
            .ok_or_else(|| {
                Error::invalid("手动匹配", format!("文件中第 {} 行不是参会记录", m.row))
            })?;
        rows.insert(p.row);
        let at = p.joined_at.unwrap_or(a.starts_at);
        times
            .entry(m.person_id)
            .and_modify(|(t, manual)| {
                if at < *t {
                    *t = at;
                }
                *manual = true;
            })
            .or_insert((at, true));
    }
    Ok(rows)
}

/// Checks in everyone the file matched, and the rows matched by hand, at their (earliest) join
/// time, in one go: someone already checked in stays as they are. Any error (a person matched
/// by hand who is not on the list, the activity cancelled …) writes nothing.
pub fn apply(
    tx: &Tx,
    activity_id: i64,
    file: &MeetingFile,
    manual: &[ManualMatch],
) -> Result<Applied> {
    let plan = plan(tx, activity_id, file)?;
    let a = activities::get(tx, activity_id)?;
    let mut times: BTreeMap<i64, (NaiveDateTime, bool)> = plan
        .preview
        .matched
        .iter()
        .map(|r| (r.person_id, (r.at, false)))
        .collect();
    let by_hand = manual_times(&a, file, manual, &mut times)?;
    let unmatched = plan
        .preview
        .unmatched
        .iter()
        .filter(|u| !by_hand.contains(&u.row))
        .count();
    let applied = check_in_all(tx, activity_id, times, unmatched)?;
    tx.note(format!(
        "活动 {activity_id} 导入线上签到（{}）：出席 {}，迟到 {}，未变 {}，手动匹配 {}，未匹配 {}",
        file.sheet, applied.present, applied.late, applied.unchanged, applied.manual, unmatched
    ));
    Ok(applied)
}

/// Checks in only the rows matched by hand (after the file itself has been imported).
pub fn apply_manual(
    tx: &Tx,
    activity_id: i64,
    file: &MeetingFile,
    manual: &[ManualMatch],
) -> Result<Applied> {
    let a = open_activity(tx, activity_id)?;
    let mut times = BTreeMap::new();
    manual_times(&a, file, manual, &mut times)?;
    let applied = check_in_all(tx, activity_id, times, 0)?;
    tx.note(format!(
        "活动 {activity_id} 线上签到手动匹配 {} 人",
        applied.manual
    ));
    Ok(applied)
}
