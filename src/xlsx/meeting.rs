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
//! 3. [`apply`] checks them in through [`attendance::check_in`] (nobody already checked in is
//!    changed), with the rows the user matched by hand, in one transaction.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::read::{self, Cell, Sheet};
use crate::activities::{self, Activity};
use crate::attendance::{self, CheckIn};
use crate::codes::{ActivityStatus, AttendanceStatus, fold_input};
use crate::db::Tx;
use crate::error::{ActivityError, Error, Result};
use crate::units;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    EmployeeNo,
    Joined,
    Left,
    Duration,
}

const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "用户昵称",
            "昵称",
            "参会者",
            "参会人",
            "参会人员",
            "参会者昵称",
            "参会者名称",
            "参会人姓名",
            "会中昵称",
            "入会昵称",
            "与会者",
            "成员",
            "成员名称",
            "姓名",
            "名称",
            "名字",
            "用户名",
            "用户名称",
            "显示名称",
            "人员",
        ],
    ),
    (
        Field::EmployeeNo,
        &[
            "工号",
            "员工工号",
            "员工编号",
            "员工号",
            "职工编号",
            "人员编号",
        ],
    ),
    (
        Field::Joined,
        &[
            "入会时间",
            "首次入会时间",
            "加入时间",
            "加入会议时间",
            "首次加入时间",
            "进入时间",
            "进入会议时间",
            "入会",
            "签到时间",
            "参会时间",
        ],
    ),
    (
        Field::Left,
        &[
            "退会时间",
            "最后退会时间",
            "离开时间",
            "离会时间",
            "退出时间",
            "离开会议时间",
            "退会",
        ],
    ),
    (
        Field::Duration,
        &[
            "参会时长",
            "时长",
            "在会时长",
            "入会时长",
            "累计参会时长",
            "参会总时长",
            "累计时长",
        ],
    ),
];

/// One participant of the meeting: the rows of the file with the same name (and 工号).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    /// The sheet row number (as Excel shows it) of the participant's first row: the key for
    /// matching by hand.
    pub row: usize,
    /// Every sheet row of this participant (several when they left and rejoined).
    pub rows: Vec<usize>,
    /// The name or nickname as in the file.
    pub name: String,
    /// From a 工号 column, if the file has one.
    pub employee_no: Option<String>,
    /// The earliest join.
    pub joined_at: Option<NaiveDateTime>,
    /// The latest leave.
    pub left_at: Option<NaiveDateTime>,
    /// Minutes in the meeting, summed over the rows.
    pub minutes: Option<i64>,
}

/// A participant list as read from the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingFile {
    pub sheet: String,
    /// Sheet row number of the header.
    pub header_row: usize,
    pub participants: Vec<Participant>,
    /// Cells that could not be read (the row is kept): "第 5 行：入会时间“…”无法识别".
    pub problems: Vec<String>,
}

/// Reads a participant export. `day` is the activity's date, for files that give only the time
/// of day.
pub fn read(path: &Path, day: NaiveDate) -> Result<MeetingFile> {
    parse(read::open_book(path)?, day)
}

/// Like [`read`], for a file already in memory (`file_name` gives its type).
pub fn read_bytes(bytes: &[u8], file_name: &str, day: NaiveDate) -> Result<MeetingFile> {
    parse(read::open_book_bytes(bytes, file_name)?, day)
}

/// Finds the participant table among the sheets (the one whose header names the most of
/// name, 工号 and times) and gathers its participants.
pub fn parse(sheets: Vec<Sheet>, day: NaiveDate) -> Result<MeetingFile> {
    let best = sheets
        .iter()
        .filter_map(|s| {
            let h = read::find_header(s, ALIASES, 1)?;
            h.column_of(Field::Name).map(|_| (s, h))
        })
        .max_by_key(|(_, h)| h.matched());
    let Some((sheet, header)) = best else {
        return Err(Error::invalid(
            "参会记录文件",
            "找不到参会人所在的列。表头应有“用户昵称”“参会者”或“姓名”等列，以及“入会时间”",
        ));
    };
    let col = |f| header.column_of(f);
    let name_col = col(Field::Name).unwrap_or(0);
    let duration_unit = col(Field::Duration)
        .and_then(|c| header.columns.iter().find(|h| h.index == c))
        .map(|h| duration_unit(&h.title))
        .unwrap_or(DurationUnit::Minutes);
    let mut problems = Vec::new();
    let mut by_key: BTreeMap<(String, String), Participant> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for r in header.index + 1..sheet.rows.len() {
        let line = r + 1;
        let name = sheet.cell(r, name_col).text();
        let employee_no = col(Field::EmployeeNo)
            .map(|c| fold_input(&sheet.cell(r, c).text()))
            .filter(|s| !s.is_empty());
        if name.is_empty() && employee_no.is_none() {
            continue;
        }
        let mut time = |field: Field, what: &str| -> Option<NaiveDateTime> {
            let cell = sheet.cell(r, col(field)?);
            if cell.is_empty() {
                return None;
            }
            match parse_time(cell, day) {
                Some(t) => Some(t),
                None => {
                    problems.push(format!(
                        "第 {line} 行：{what}“{}”无法识别",
                        shorten(&cell.text())
                    ));
                    None
                }
            }
        };
        let joined = time(Field::Joined, "入会时间");
        let left = time(Field::Left, "退会时间");
        let minutes = col(Field::Duration).and_then(|c| {
            let cell = sheet.cell(r, c);
            if cell.is_empty() {
                return None;
            }
            let m = parse_minutes(cell, duration_unit);
            if m.is_none() {
                problems.push(format!(
                    "第 {line} 行：参会时长“{}”无法识别",
                    shorten(&cell.text())
                ));
            }
            m
        });
        let key = (fold_input(&name), employee_no.clone().unwrap_or_default());
        match by_key.get_mut(&key) {
            Some(p) => {
                p.rows.push(line);
                p.joined_at = earliest(p.joined_at, joined);
                p.left_at = match (p.left_at, left) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                p.minutes = match (p.minutes, minutes) {
                    (Some(a), Some(b)) => Some(a + b),
                    (a, b) => a.or(b),
                };
            }
            None => {
                order.push(key.clone());
                by_key.insert(
                    key,
                    Participant {
                        row: line,
                        rows: vec![line],
                        name,
                        employee_no,
                        joined_at: joined,
                        left_at: left,
                        minutes,
                    },
                );
            }
        }
    }
    let participants: Vec<Participant> = order.iter().filter_map(|k| by_key.remove(k)).collect();
    if participants.is_empty() {
        return Err(Error::invalid(
            "参会记录文件",
            format!("表头（第 {} 行）下没有参会记录", header.index + 1),
        ));
    }
    Ok(MeetingFile {
        sheet: sheet.name.clone(),
        header_row: header.index + 1,
        participants,
        problems,
    })
}

fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

fn earliest(a: Option<NaiveDateTime>, b: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A join or leave time: a date-time cell, an Excel serial, or text such as
/// "2026-03-10 09:02:33", "2026/3/10 9:02", "2026年3月10日 09:02", "09:02" (on `day`). Time
/// zones in brackets ("(GMT+08:00)") are ignored.
pub fn parse_time(cell: &Cell, day: NaiveDate) -> Option<NaiveDateTime> {
    match cell {
        // A cell holding only a time of day comes as a date in 1899/1900.
        Cell::DateTime(t) if t.date() < NaiveDate::from_ymd_opt(1900, 1, 2)? => {
            Some(day.and_time(t.time()))
        }
        Cell::DateTime(t) => Some(*t),
        Cell::Number(n) if (0.0..1.0).contains(n) => Some(day.and_time(fraction_time(*n)?)),
        Cell::Number(n) => {
            let date = read::excel_serial_to_date(*n)?;
            Some(date.and_time(fraction_time(n.fract())?))
        }
        Cell::Text(s) => parse_time_text(s, day),
        _ => None,
    }
}

/// The time of day of a serial's fraction, to the second.
fn fraction_time(f: f64) -> Option<NaiveTime> {
    let secs = (f * 86_400.0).round() as u32;
    NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
}

fn parse_time_text(input: &str, day: NaiveDate) -> Option<NaiveDateTime> {
    let mut s = String::new();
    let mut depth = 0;
    for c in input.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth -= 1,
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    let s = s.trim().replace('T', " ");
    let (date, time) = match s.rsplit_once(|c: char| c.is_whitespace()) {
        Some((d, t)) => (Some(d.trim()), t.trim()),
        None if s.contains(':') || s.contains('：') || s.contains('时') => (None, s.as_str()),
        // A date with no time, or a bare number (a serial saved to CSV).
        None => {
            if let Ok(n) = s.parse::<f64>() {
                return parse_time(&Cell::Number(n), day);
            }
            let d = read::parse_date_text(&s).ok()?;
            return (d.precision == read::Precision::Day).then(|| d.date.and_time(NaiveTime::MIN));
        }
    };
    // "2026年3月10日09:02" has no space between date and time.
    let (date, time) = match (date, time.find('日')) {
        (None, Some(i)) => (
            Some(&time[..i + '日'.len_utf8()]),
            &time[i + '日'.len_utf8()..],
        ),
        _ => (date, time),
    };
    let day = match date {
        Some(d) => {
            let v = read::parse_date_text(d).ok()?;
            if v.precision != read::Precision::Day {
                return None;
            }
            v.date
        }
        None => day,
    };
    let time: String = fold_input(time)
        .replace(['：', '时', '点'], ":")
        .replace(['分'], ":")
        .replace('秒', "");
    let time = time.trim_end_matches(':');
    let t = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S%.f"))
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    Some(day.and_time(t))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DurationUnit {
    Seconds,
    Minutes,
    Hours,
}

/// The unit a bare number in the 参会时长 column is in, from its header: “参会时长（秒）”.
fn duration_unit(title: &str) -> DurationUnit {
    if title.contains('秒') || title.to_ascii_lowercase().contains("(s)") {
        DurationUnit::Seconds
    } else if title.contains("小时") {
        DurationUnit::Hours
    } else {
        DurationUnit::Minutes
    }
}

/// A duration in minutes: "65", "65分钟", "1小时5分钟", "1时5分30秒", "01:05:00", "3900秒"; a
/// bare number is in `bare` units.
fn parse_minutes(cell: &Cell, bare: DurationUnit) -> Option<i64> {
    let from_number = |n: f64| -> Option<i64> {
        if !n.is_finite() || n < 0.0 {
            return None;
        }
        let minutes = match bare {
            DurationUnit::Seconds => n / 60.0,
            DurationUnit::Minutes => n,
            DurationUnit::Hours => n * 60.0,
        };
        Some(minutes.round() as i64)
    };
    match cell {
        Cell::Number(n) => from_number(*n),
        // A duration cell (01:05:00) is a fraction of a day.
        Cell::DateTime(t) if t.date() < NaiveDate::from_ymd_opt(1900, 1, 2)? => {
            Some(i64::from(t.num_seconds_from_midnight() + 30) / 60)
        }
        Cell::Text(s) => {
            let s = fold_input(s).to_lowercase();
            if s.is_empty() {
                return None;
            }
            if let Ok(n) = s.parse::<f64>() {
                return from_number(n);
            }
            if s.contains(':') {
                let parts: Vec<i64> = s
                    .split(':')
                    .map(|p| p.parse().ok())
                    .collect::<Option<_>>()?;
                let secs = match parts.as_slice() {
                    [h, m, sec] => h * 3600 + m * 60 + sec,
                    [m, sec] => m * 60 + sec,
                    _ => return None,
                };
                return Some((secs + 30) / 60);
            }
            // 1小时5分钟30秒, 1h5m, 65分, 3900秒
            let mut secs = 0f64;
            let mut number = String::new();
            let mut any = false;
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if c.is_ascii_digit() || c == '.' {
                    number.push(c);
                    continue;
                }
                let n: f64 = match number.parse() {
                    Ok(n) => n,
                    Err(_) if number.is_empty() => continue,
                    Err(_) => return None,
                };
                let factor = match c {
                    '小' | '时' | 'h' => 3600.0,
                    '分' | 'm' => 60.0,
                    '秒' | 's' => 1.0,
                    _ => return None,
                };
                // Skip the rest of the unit word: 小时, 分钟.
                while chars
                    .peek()
                    .is_some_and(|c| matches!(c, '时' | '钟' | 'i' | 'n' | 'r'))
                {
                    chars.next();
                }
                secs += n * factor;
                number.clear();
                any = true;
            }
            if !number.is_empty() {
                return None;
            }
            any.then(|| (secs / 60.0).round() as i64)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Matching

/// An invitee as the matching sees them.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// How a participant was matched, or why not.
enum Found {
    One(usize, &'static str),
    None(String, Vec<usize>),
}

struct Matcher {
    invitees: Vec<Invitee>,
    by_no: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Unit names, longest first (to strip “营销部” from “营销部张三”).
    unit_names: Vec<String>,
    /// Staff in post not on the list: 工号 → name, name → 工号s.
    others_by_no: HashMap<String, String>,
    others_by_name: HashMap<String, Vec<String>>,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '（' | '）'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '《'
                | '》'
                | '「'
                | '」'
                | '—'
                | '–'
                | '－'
                | '·'
                | '•'
                | '、'
                | '，'
                | '。'
                | '：'
                | '；'
                | '｜'
                | '／'
                | '＿'
                | '～'
                | '~'
        )
}

impl Matcher {
    fn new(conn: &Connection, activity_id: i64) -> Result<Matcher> {
        let units = units::list(conn)?;
        let paths: HashMap<i64, Vec<String>> = units
            .iter()
            .map(|u| (u.id, u.path.split('/').map(str::to_string).collect()))
            .collect();
        let mut unit_names: Vec<String> = units
            .iter()
            .map(|u| fold_input(&u.name))
            .filter(|n| n.chars().count() >= 2)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        unit_names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let mut stmt = conn.prepare(
            "SELECT p.id, p.employee_no, p.name, u.name, p.unit_id, t.status, t.checked_in_at,
                    p.left_date
               FROM attendance t JOIN person p ON p.id = t.person_id
               JOIN unit u ON u.id = p.unit_id
              WHERE t.activity_id = ?1 AND t.invited = 1
              ORDER BY u.sort_order, u.id, p.employee_no",
        )?;
        let invitees: Vec<Invitee> = stmt
            .query_map([activity_id], |r| {
                let unit_id: i64 = r.get(4)?;
                Ok(Invitee {
                    person_id: r.get(0)?,
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                    unit_name: r.get(3)?,
                    status: r.get(5)?,
                    checked_in_at: r.get(6)?,
                    unit_names: paths.get(&unit_id).cloned().unwrap_or_default(),
                    left_date: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_no = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in invitees.iter().enumerate() {
            by_no.insert(p.employee_no.to_lowercase(), i);
            by_name.entry(p.name.clone()).or_default().push(i);
        }
        let mut others_by_no = HashMap::new();
        let mut others_by_name: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.employee_no, p.name FROM person p
              WHERE p.left_date IS NULL AND NOT EXISTS (SELECT 1 FROM attendance t
                    WHERE t.activity_id = ?1 AND t.person_id = p.id AND t.invited = 1)",
        )?;
        let rows = stmt.query_map([activity_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (no, name) = row?;
            others_by_no.insert(no.to_lowercase(), name.clone());
            others_by_name.entry(name).or_default().push(no);
        }
        Ok(Matcher {
            invitees,
            by_no,
            by_name,
            unit_names,
            others_by_no,
            others_by_name,
        })
    }

    fn describe(&self, ids: &[usize]) -> String {
        ids.iter()
            .map(|&i| {
                let p = &self.invitees[i];
                format!("{}（{}，{}）", p.name, p.employee_no, p.unit_name)
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    fn find(&self, p: &Participant) -> Found {
        // 1. A 工号 column, then a 工号 written into the nickname (张三_123456).
        if let Some(no) = &p.employee_no {
            let no = no.to_lowercase();
            if let Some(&i) = self.by_no.get(&no) {
                return Found::One(i, "工号");
            }
        }
        let text = fold_input(&p.name);
        let runs: Vec<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .flat_map(|s| s.split('-'))
            .chain(
                text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .filter(|s| s.contains('-')),
            )
            .filter(|s| s.len() >= 3 && s.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect();
        for run in &runs {
            if let Some(&i) = self.by_no.get(run) {
                return Found::One(i, "工号");
            }
        }
        // 2. Names: the units named in the nickname are noted and taken out.
        let mentioned: Vec<&String> = self
            .unit_names
            .iter()
            .filter(|u| text.contains(u.as_str()))
            .collect();
        let mut cleaned = text.clone();
        for u in &mentioned {
            cleaned = cleaned.replace(u.as_str(), " ");
        }
        let cleaned: String = cleaned
            .chars()
            .map(|c| {
                if c.is_ascii_digit() || is_separator(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let tokens: Vec<&str> = cleaned.split_whitespace().collect();
        let joined: String = tokens.concat();
        let mut names: Vec<&str> = tokens
            .iter()
            .copied()
            .chain(std::iter::once(joined.as_str()))
            .filter(|t| self.by_name.contains_key(*t))
            .collect();
        let mut how = "姓名";
        if names.is_empty() {
            // A name inside a nickname without separators (营销张三): the longest names found.
            let found: Vec<&str> = self
                .by_name
                .keys()
                .filter(|n| n.chars().count() >= 2 && joined.contains(n.as_str()))
                .map(String::as_str)
                .collect();
            names = found
                .iter()
                .copied()
                .filter(|n| !found.iter().any(|m| m != n && m.contains(n)))
                .collect();
            how = "昵称中的姓名";
        }
        names.sort_unstable();
        names.dedup();
        let ids: Vec<usize> = names
            .iter()
            .flat_map(|n| self.by_name.get(*n).cloned().unwrap_or_default())
            .collect();
        match ids.as_slice() {
            [i] => Found::One(*i, how),
            [] => {
                let known_no = runs
                    .iter()
                    .chain(p.employee_no.iter())
                    .find_map(|no| self.others_by_no.get(&no.to_lowercase()).map(|n| (no, n)));
                let known_name = tokens
                    .iter()
                    .copied()
                    .chain(std::iter::once(joined.as_str()))
                    .find_map(|t| self.others_by_name.get(t).map(|nos| (t, nos)));
                let reason = if let Some((no, name)) = known_no {
                    format!("工号 {no}（{name}）不在本次活动的应到名单中")
                } else if let Some((name, nos)) = known_name {
                    format!("{name}（工号 {}）不在本次活动的应到名单中", nos.join("、"))
                } else {
                    "应到名单中没有与此名称对应的人".to_string()
                };
                Found::None(reason, Vec::new())
            }
            many => {
                // Two of the same name: a unit in the nickname may tell them apart.
                if !mentioned.is_empty() {
                    let in_unit: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&i| {
                            self.invitees[i]
                                .unit_names
                                .iter()
                                .any(|u| mentioned.iter().any(|m| fold_input(u) == **m))
                        })
                        .collect();
                    if let [i] = in_unit.as_slice() {
                        return Found::One(*i, "姓名和单位");
                    }
                }
                Found::None(
                    format!(
                        "应到名单中有 {} 人与此名称相符：{}，请手动选择",
                        many.len(),
                        self.describe(many)
                    ),
                    many.to_vec(),
                )
            }
        }
    }
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

/// Reads the file and previews it (the activity's date completes times given without one).
pub fn preview_file(conn: &Connection, activity_id: i64, path: &Path) -> Result<Preview> {
    let a = open_activity(conn, activity_id)?;
    let file = read(path, a.starts_at.date())?;
    preview(conn, activity_id, &file)
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    let mut applied = Applied {
        unmatched,
        ..Default::default()
    };
    let mut order: Vec<(i64, NaiveDateTime, bool)> =
        times.into_iter().map(|(p, (t, m))| (p, t, m)).collect();
    order.sort_by_key(|&(p, t, _)| (t, p));
    for (person_id, at, manual) in order {
        let result = attendance::check_in(tx, activity_id, person_id, at, false)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn join_times_in_the_forms_meeting_software_writes() {
        let text = |s: &str| parse_time(&Cell::Text(s.into()), day());
        assert_eq!(text("2026-03-10 09:02:33"), Some(t("2026-03-10 09:02:33")));
        assert_eq!(text("2026/3/10 9:02"), Some(t("2026-03-10 09:02:00")));
        assert_eq!(text("2026-03-10T09:02:33"), Some(t("2026-03-10 09:02:33")));
        assert_eq!(text("2026年3月10日 09:02"), Some(t("2026-03-10 09:02:00")));
        assert_eq!(text("2026年3月10日09:02"), Some(t("2026-03-10 09:02:00")));
        assert_eq!(
            text("2026-03-10 09:02:33 (GMT+08:00)"),
            Some(t("2026-03-10 09:02:33"))
        );
        assert_eq!(text("09:02"), Some(t("2026-03-10 09:02:00")));
        assert_eq!(text("９：０２：０５"), Some(t("2026-03-10 09:02:05")));
        assert_eq!(text("abc"), None);
        assert_eq!(text("25:00"), None);
        // Excel serials: 46091 is 2026-03-10; a fraction alone is a time of day.
        assert_eq!(
            parse_time(&Cell::Number(46091.375), day()),
            Some(t("2026-03-10 09:00:00"))
        );
        assert_eq!(
            parse_time(&Cell::Number(0.5), day()),
            Some(t("2026-03-10 12:00:00"))
        );
        assert_eq!(text("46091.375"), Some(t("2026-03-10 09:00:00")));
        let time_only = NaiveDate::from_ymd_opt(1899, 12, 31)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        assert_eq!(
            parse_time(&Cell::DateTime(time_only), day()),
            Some(t("2026-03-10 09:05:00"))
        );
    }

    #[test]
    fn durations_in_minutes() {
        let m = |s: &str| parse_minutes(&Cell::Text(s.into()), DurationUnit::Minutes);
        assert_eq!(m("65"), Some(65));
        assert_eq!(m("65分钟"), Some(65));
        assert_eq!(m("1小时5分钟"), Some(65));
        assert_eq!(m("1时5分30秒"), Some(66));
        assert_eq!(m("01:05:00"), Some(65));
        assert_eq!(m("3900秒"), Some(65));
        assert_eq!(m("1h5m"), Some(65));
        assert_eq!(m("约一小时"), None);
        assert_eq!(
            parse_minutes(&Cell::Number(3900.0), DurationUnit::Seconds),
            Some(65)
        );
        assert_eq!(duration_unit("参会时长（秒）"), DurationUnit::Seconds);
        assert_eq!(duration_unit("参会时长"), DurationUnit::Minutes);
    }
}
