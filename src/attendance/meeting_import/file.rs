//! Reading the participant list an online meeting exports: the header found among the usual
//! column names, each participant's rows gathered (the earliest join counts), times and
//! durations in every form the meeting systems write them.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use crate::codes::fold_input;
use crate::error::{Error, Result};
use crate::xlsx::read::{self, Cell, Sheet};

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

pub(super) fn earliest(
    a: Option<NaiveDateTime>,
    b: Option<NaiveDateTime>,
) -> Option<NaiveDateTime> {
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
pub(super) enum DurationUnit {
    Seconds,
    Minutes,
    Hours,
}

/// The unit a bare number in the 参会时长 column is in, from its header: “参会时长（秒）”.
pub(super) fn duration_unit(title: &str) -> DurationUnit {
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
pub(super) fn parse_minutes(cell: &Cell, bare: DurationUnit) -> Option<i64> {
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
