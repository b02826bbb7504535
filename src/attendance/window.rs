//! When check-in makes sense: from a set time before the start (设置 `checkin_open_minutes`,
//! default 60) until the activity's last day ends. Outside it the kiosk and the 签到 page refuse
//! with a message saying when; what is recorded later from a paper sheet is a 补录 instead.
//! Until that day is over an invitee without a status is 未签到 (they may still come), after it
//! 缺席.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::activities::Activity;
use crate::codes::ActivityStatus;
use crate::error::{ActivityError, AttendanceError, Error, Result};
use crate::settings::store::{self, Key};

/// Minutes before the start from which check-in is taken, unless 设置 says otherwise.
pub const DEFAULT_OPEN_MINUTES: u32 = 60;
/// Half a day: beyond it a check-in would not be "at" the activity any more.
pub const MAX_OPEN_MINUTES: u32 = 720;

/// 设置: how many minutes before the start the kiosk and the 签到 page take check-ins.
pub const OPEN_MINUTES: Key = Key {
    name: "checkin_open_minutes",
    label: "开始前可签到（分钟）",
    check: |v| parse_open_minutes(v).map(drop),
};

/// "60", "６０", "60分钟" → 60; whole minutes from 0 to [`MAX_OPEN_MINUTES`].
pub fn parse_open_minutes(input: &str) -> Result<u32> {
    let field = "开始前可签到";
    let folded = crate::codes::fold_input(input);
    let s = folded.trim_end_matches("分钟").trim_end_matches('分');
    let minutes: u32 = s
        .parse()
        .map_err(|_| Error::invalid(field, format!("“{}”不是整数分钟数", input.trim())))?;
    if minutes > MAX_OPEN_MINUTES {
        return Err(Error::invalid(
            field,
            format!("应在 0 到 {MAX_OPEN_MINUTES} 分钟之间"),
        ));
    }
    Ok(minutes)
}

/// The minutes in use (from 设置, else the default).
pub fn open_minutes(conn: &Connection) -> Result<u32> {
    match store::get(conn, OPEN_MINUTES.name)? {
        Some(v) => parse_open_minutes(&v),
        None => Ok(DEFAULT_OPEN_MINUTES),
    }
}

/// Where `now` is relative to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "CheckInPhase"))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Too early: check-in opens at `opens_at`.
    Before,
    Open,
    /// The activity's last day is over: only 补录 is left.
    Closed,
}

/// An activity's check-in window as of a moment, for the screens.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "CheckInWindow"))]
pub struct Window {
    /// The first moment a check-in is taken.
    pub opens_at: NaiveDateTime,
    /// The first moment it is not any more: 00:00 after the activity's last day.
    pub closes_at: NaiveDateTime,
    /// The 设置 value the window was computed with.
    pub open_minutes: u32,
    pub phase: Phase,
    /// The activity has started: 缺席 and 补录 can be recorded.
    pub started: bool,
    /// Why a check-in is refused now, exactly as the core refuses it; None while it is taken.
    pub notice: Option<String>,
}

/// The last day of the activity: the day it ends (an end at 00:00 belongs to the day before).
pub fn last_day(a: &Activity) -> NaiveDate {
    (a.ends_at - Duration::seconds(1))
        .date()
        .max(a.starts_at.date())
}

/// Whether an invitee without a status is 缺席 on `today`: the activity was held and its last
/// day is over. Before that they may still come (未签到).
pub fn pending_is_absent(a: &Activity, today: NaiveDate) -> bool {
    a.status == ActivityStatus::Held && last_day(a) < today
}

/// The SQL twin of [`pending_is_absent`]'s day test, over `activity a`: its last day is before
/// the date bound as parameter `n`.
pub(crate) fn day_over_sql(n: usize) -> String {
    format!("date(a.ends_at, '-1 seconds') < ?{n}")
}

/// "12月8日 09:00"; the year is added when it is not the year of `now`.
pub fn when(t: NaiveDateTime, now: NaiveDateTime) -> String {
    format!("{} {}", day(t.date(), now), t.format("%H:%M"))
}

/// "12月8日"; the year is added when it is not the year of `now`.
pub fn day(d: NaiveDate, now: NaiveDateTime) -> String {
    if d.year() == now.year() {
        d.format("%-m月%-d日").to_string()
    } else {
        d.format("%Y年%-m月%-d日").to_string()
    }
}

impl Window {
    pub fn of(a: &Activity, open_minutes: u32, now: NaiveDateTime) -> Window {
        let opens_at = a.starts_at - Duration::minutes(i64::from(open_minutes));
        let closes_at = last_day(a)
            .succ_opt()
            .unwrap_or(NaiveDate::MAX)
            .and_time(chrono::NaiveTime::MIN);
        let phase = if now < opens_at {
            Phase::Before
        } else if now < closes_at {
            Phase::Open
        } else {
            Phase::Closed
        };
        let mut w = Window {
            opens_at,
            closes_at,
            open_minutes,
            phase,
            started: now >= a.starts_at,
            notice: None,
        };
        w.notice = if a.status == ActivityStatus::Cancelled {
            Some(
                ActivityError::Cancelled {
                    title: a.title.clone(),
                    action: "签到",
                }
                .to_string(),
            )
        } else {
            w.refusal(a, now).map(|e| e.to_string())
        };
        w
    }

    /// The window of `a` with the minutes from 设置.
    pub fn load(conn: &Connection, a: &Activity, now: NaiveDateTime) -> Result<Window> {
        Ok(Window::of(a, open_minutes(conn)?, now))
    }

    fn refusal(&self, a: &Activity, now: NaiveDateTime) -> Option<AttendanceError> {
        match self.phase {
            Phase::Open => None,
            Phase::Before => Some(AttendanceError::NotOpenYet {
                starts: when(a.starts_at, now),
                opens: when(self.opens_at, now),
            }),
            Phase::Closed => Some(AttendanceError::Closed {
                starts: when(a.starts_at, now),
                last_day: day(last_day(a), now),
            }),
        }
    }

    /// Refuses a check-in at `now` outside the window.
    pub fn check(&self, a: &Activity, now: NaiveDateTime) -> Result<()> {
        match self.refusal(a, now) {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }

    /// Refuses what can only be recorded once the activity has started (缺席, 补录 …).
    pub fn require_started(
        &self,
        a: &Activity,
        now: NaiveDateTime,
        action: &'static str,
    ) -> Result<()> {
        if self.started {
            return Ok(());
        }
        Err(AttendanceError::NotStarted {
            starts: when(a.starts_at, now),
            action,
        }
        .into())
    }

    /// Checks a time typed for a 补录: inside the window and not in the future.
    pub fn check_backfill_time(
        &self,
        a: &Activity,
        at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<()> {
        let field = "签到时间";
        if at > now {
            return Err(Error::invalid(field, "不能晚于现在"));
        }
        if at < self.opens_at || at >= self.closes_at {
            return Err(Error::invalid(
                field,
                format!(
                    "应在 {} 至 {}当天结束之间",
                    when(self.opens_at, now),
                    day(last_day(a), now)
                ),
            ));
        }
        Ok(())
    }
}
