//! 活动: lectures, briefings, forums, contests … and series of them.

use chrono::{Duration, Months, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::codes::{ActivityKind, ActivityMode, ActivityStatus, Recurrence};
use crate::db::Page;
use crate::db::{Tx, new_uid, now_text};
use crate::error::{ActivityError, Error, Result};

/// Minutes after the start at which a check-in counts as 迟到, unless the activity says otherwise.
pub const DEFAULT_LATE_GRACE_MINUTES: u32 = 10;

/// What a user enters for an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityInput {
    pub kind: ActivityKind,
    pub mode: ActivityMode,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// Where (线下 and 线上线下).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub place: Option<String>,
    /// The online meeting's name or number (线上 and 线上线下).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub online_meeting: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub organizer_unit_id: Option<i64>,
    /// 主讲人 / 主持人.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub host: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub description: Option<String>,
    #[serde(default = "default_grace")]
    pub late_grace_minutes: u32,
}

fn default_grace() -> u32 {
    DEFAULT_LATE_GRACE_MINUTES
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Activity {
    pub id: i64,
    pub uid: String,
    pub series_uid: Option<String>,
    pub kind: ActivityKind,
    pub mode: ActivityMode,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub place: Option<String>,
    pub online_meeting: Option<String>,
    pub organizer_unit_id: Option<i64>,
    pub organizer_name: Option<String>,
    pub host: Option<String>,
    pub description: Option<String>,
    pub status: ActivityStatus,
    pub summary: Option<String>,
    pub late_grace_minutes: u32,
    /// 应到 (invitees).
    pub invited: i64,
    /// 实到 (invitees present or late).
    pub attended: i64,
}

impl Activity {
    pub fn to_input(&self) -> ActivityInput {
        ActivityInput {
            kind: self.kind,
            mode: self.mode,
            title: self.title.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            place: self.place.clone(),
            online_meeting: self.online_meeting.clone(),
            organizer_unit_id: self.organizer_unit_id,
            host: self.host.clone(),
            description: self.description.clone(),
            late_grace_minutes: self.late_grace_minutes,
        }
    }

    /// When a check-in stops counting as on time.
    pub fn late_after(&self) -> NaiveDateTime {
        self.starts_at + Duration::minutes(i64::from(self.late_grace_minutes))
    }
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn check(conn: &Connection, mut a: ActivityInput) -> Result<ActivityInput> {
    a.title = a.title.trim().to_string();
    let len = a.title.chars().count();
    if len == 0 {
        return Err(Error::invalid("活动名称", "不能为空"));
    }
    if len > 100 {
        return Err(Error::invalid("活动名称", "不能超过 100 个字"));
    }
    if a.ends_at <= a.starts_at {
        return Err(Error::invalid("结束时间", "应晚于开始时间"));
    }
    if a.ends_at - a.starts_at > Duration::days(31) {
        return Err(Error::invalid("结束时间", "一项活动最长 31 天"));
    }
    a.place = trimmed(a.place);
    a.online_meeting = trimmed(a.online_meeting);
    a.host = trimmed(a.host);
    a.description = trimmed(a.description);
    // One-line fields stay one line (a line break would break lists and the printed forms);
    // the description may have several.
    crate::people::check_line("活动名称", &a.title)?;
    for (field, value) in [
        ("活动地点", &a.place),
        ("线上会议", &a.online_meeting),
        ("主持人", &a.host),
    ] {
        if let Some(v) = value {
            crate::people::check_line(field, v)?;
        }
    }
    if let Some(d) = &a.description {
        crate::people::check_text("活动说明", d)?;
    }
    let needs_place = matches!(a.mode, ActivityMode::Offline | ActivityMode::Hybrid);
    let needs_meeting = matches!(a.mode, ActivityMode::Online | ActivityMode::Hybrid);
    if needs_place && a.place.is_none() {
        return Err(Error::invalid(
            "活动地点",
            format!("{}活动须填写地点", a.mode),
        ));
    }
    if needs_meeting && a.online_meeting.is_none() {
        return Err(Error::invalid(
            "线上会议",
            format!("{}活动须填写线上会议名称或会议号", a.mode),
        ));
    }
    if a.late_grace_minutes > 240 {
        return Err(Error::invalid("迟到宽限", "不能超过 240 分钟"));
    }
    if let Some(unit) = a.organizer_unit_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit WHERE id = ?1)",
            [unit],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::invalid("主办单位", "请选择一个存在的单位"));
        }
    }
    Ok(a)
}

fn insert(tx: &Tx, a: &ActivityInput, series: Option<&str>) -> Result<i64> {
    let now = now_text();
    tx.execute(
        "INSERT INTO activity (uid, series_uid, kind, mode, title, starts_at, ends_at, place,
             online_meeting, organizer_unit_id, host, description, late_grace_minutes,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            new_uid(),
            series,
            a.kind,
            a.mode,
            a.title,
            a.starts_at,
            a.ends_at,
            a.place,
            a.online_meeting,
            a.organizer_unit_id,
            a.host,
            a.description,
            a.late_grace_minutes,
            now,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Adds one activity (status 计划); returns its id.
pub fn add(tx: &Tx, input: ActivityInput) -> Result<i64> {
    let a = check(tx, input)?;
    let id = insert(tx, &a, None)?;
    tx.note(format!("新增活动 {id} {}", a.title));
    Ok(id)
}

/// The start of occurrence `n` (0-based) of a series beginning at `first`. Monthly series keep
/// the day of month, falling back to the month's last day (31 January → 28/29 February).
pub fn occurrence(first: NaiveDateTime, repeat: Recurrence, n: u32) -> Option<NaiveDateTime> {
    match repeat {
        Recurrence::Weekly => first.checked_add_signed(Duration::weeks(i64::from(n))),
        Recurrence::Monthly => first.checked_add_months(Months::new(n)),
    }
}

/// Adds `count` activities repeating from `input`'s date, sharing one series id.
pub fn add_series(
    tx: &Tx,
    input: ActivityInput,
    repeat: Recurrence,
    count: u32,
) -> Result<Vec<i64>> {
    if !(2..=60).contains(&count) {
        return Err(Error::invalid("重复次数", "应在 2–60 次之间"));
    }
    let a = check(tx, input)?;
    let length = a.ends_at - a.starts_at;
    let series = new_uid();
    let mut ids = Vec::with_capacity(count as usize);
    for n in 0..count {
        let starts_at = occurrence(a.starts_at, repeat, n)
            .ok_or_else(|| Error::invalid("开始时间", "重复后的日期超出范围"))?;
        let one = ActivityInput {
            starts_at,
            ends_at: starts_at + length,
            ..a.clone()
        };
        ids.push(insert(tx, &one, Some(&series))?);
    }
    tx.note(format!(
        "新增系列活动 {}（{}，共 {count} 次）",
        a.title, repeat
    ));
    Ok(ids)
}

fn refuse_cancelled(a: &Activity, action: &'static str) -> Result<()> {
    if a.status == ActivityStatus::Cancelled {
        return Err(ActivityError::Cancelled {
            title: a.title.clone(),
            action,
        }
        .into());
    }
    Ok(())
}

fn write(tx: &Tx, id: i64, a: &ActivityInput) -> Result<()> {
    tx.execute(
        "UPDATE activity SET kind = ?2, mode = ?3, title = ?4, starts_at = ?5, ends_at = ?6,
             place = ?7, online_meeting = ?8, organizer_unit_id = ?9, host = ?10,
             description = ?11, late_grace_minutes = ?12, updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            a.kind,
            a.mode,
            a.title,
            a.starts_at,
            a.ends_at,
            a.place,
            a.online_meeting,
            a.organizer_unit_id,
            a.host,
            a.description,
            a.late_grace_minutes,
            now_text(),
        ],
    )?;
    Ok(())
}

/// Replaces one activity's details.
pub fn update(tx: &Tx, id: i64, input: ActivityInput) -> Result<()> {
    let old = get(tx, id)?;
    refuse_cancelled(&old, "修改")?;
    let a = check(tx, input)?;
    write(tx, id, &a)?;
    tx.note(format!("修改活动 {id} {}", a.title));
    Ok(())
}

/// Edits a whole series from `input`: every occurrence still 计划 gets its details, its time of
/// day and its length, and keeps its own date. Occurrences already held or cancelled keep their
/// record. Returns how many were changed.
pub fn update_series(tx: &Tx, id: i64, input: ActivityInput) -> Result<usize> {
    let this = get(tx, id)?;
    let series = this
        .series_uid
        .clone()
        .ok_or_else(|| ActivityError::NotInSeries {
            title: this.title.clone(),
        })?;
    let a = check(tx, input)?;
    let length = a.ends_at - a.starts_at;
    let mut stmt = tx.prepare(
        "SELECT id, starts_at FROM activity WHERE series_uid = ?1 AND status = 'planned' ORDER BY starts_at",
    )?;
    let members: Vec<(i64, NaiveDateTime)> = stmt
        .query_map([&series], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (member, starts) in &members {
        let starts_at = starts.date().and_time(a.starts_at.time());
        write(
            tx,
            *member,
            &ActivityInput {
                starts_at,
                ends_at: starts_at + length,
                ..a.clone()
            },
        )?;
    }
    tx.note(format!("修改系列活动 {}（{} 次）", a.title, members.len()));
    Ok(members.len())
}

/// Cancels an activity, or with `whole_series` every occurrence of its series still 计划.
/// Returns how many were cancelled.
pub fn cancel(tx: &Tx, id: i64, whole_series: bool) -> Result<usize> {
    let a = get(tx, id)?;
    refuse_cancelled(&a, "取消")?;
    if a.status == ActivityStatus::Held {
        return Err(ActivityError::AlreadyHeld { title: a.title }.into());
    }
    let n = match (&a.series_uid, whole_series) {
        (Some(series), true) => tx.execute(
            "UPDATE activity SET status = 'cancelled', updated_at = ?2
              WHERE series_uid = ?1 AND status = 'planned'",
            params![series, now_text()],
        )?,
        (None, true) => return Err(ActivityError::NotInSeries { title: a.title }.into()),
        (_, false) => tx.execute(
            "UPDATE activity SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
            params![id, now_text()],
        )?,
    };
    tx.note(format!("取消活动 {id} {}（{n} 项）", a.title));
    Ok(n)
}

/// Records the 小结 written after the event; the activity becomes 已开展.
pub fn record_summary(tx: &Tx, id: i64, summary: &str) -> Result<()> {
    let a = get(tx, id)?;
    refuse_cancelled(&a, "填写小结")?;
    let summary = summary.trim();
    if summary.chars().count() > 2000 {
        return Err(Error::invalid("活动小结", "不能超过 2000 个字"));
    }
    tx.execute(
        "UPDATE activity SET summary = ?2, status = 'held', updated_at = ?3 WHERE id = ?1",
        params![id, (!summary.is_empty()).then_some(summary), now_text()],
    )?;
    tx.note(format!("活动 {id} {} 填写小结", a.title));
    Ok(())
}

/// Marks an activity 已开展 (done by the first check-in as well).
pub(crate) fn mark_held(tx: &Tx, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE activity SET status = 'held', updated_at = ?2 WHERE id = ?1 AND status = 'planned'",
        params![id, now_text()],
    )?;
    Ok(())
}

const SELECT_ACTIVITY: &str = "SELECT a.id, a.uid, a.series_uid, a.kind, a.mode, a.title,
        a.starts_at, a.ends_at, a.place, a.online_meeting, a.organizer_unit_id, u.name, a.host,
        a.description, a.status, a.summary, a.late_grace_minutes,
        (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.invited = 1),
        (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.invited = 1
                                             AND t.status IN ('present', 'late'))
   FROM activity a LEFT JOIN unit u ON u.id = a.organizer_unit_id";

fn from_row(r: &Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        uid: r.get(1)?,
        series_uid: r.get(2)?,
        kind: r.get(3)?,
        mode: r.get(4)?,
        title: r.get(5)?,
        starts_at: r.get(6)?,
        ends_at: r.get(7)?,
        place: r.get(8)?,
        online_meeting: r.get(9)?,
        organizer_unit_id: r.get(10)?,
        organizer_name: r.get(11)?,
        host: r.get(12)?,
        description: r.get(13)?,
        status: r.get(14)?,
        summary: r.get(15)?,
        late_grace_minutes: r.get(16)?,
        invited: r.get(17)?,
        attended: r.get(18)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Activity> {
    conn.query_row(
        &format!("{SELECT_ACTIVITY} WHERE a.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("活动", id))
}

/// The occurrences of a series, in date order.
pub fn series(conn: &Connection, series_uid: &str) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_ACTIVITY} WHERE a.series_uid = ?1 ORDER BY a.starts_at"
    ))?;
    let rows = stmt
        .query_map([series_uid], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ActivityFilter {
    /// First day (inclusive) of the start date.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive) of the start date.
    pub to: Option<NaiveDate>,
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    /// Organised by this unit or one below it.
    pub organizer_unit_id: Option<i64>,
    /// Part of the title.
    pub search: Option<String>,
    /// Soonest first (for "upcoming"); newest first otherwise.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub ascending: bool,
}

/// Activities matching `filter`, newest first (or soonest first), paged in SQL.
pub fn list(
    conn: &Connection,
    filter: &ActivityFilter,
    offset: i64,
    limit: i64,
) -> Result<Page<Activity>> {
    let mut clauses = vec!["1".to_string()];
    let mut values: Vec<Value> = Vec::new();
    // Adds a parameter and the clause that uses it (given the parameter's number).
    let mut bind = |clause: &dyn Fn(usize) -> String, v: Value| {
        values.push(v);
        clauses.push(clause(values.len()));
    };
    if let Some(from) = filter.from {
        bind(&|n| format!("a.starts_at >= ?{n}"), from.to_string().into());
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        bind(&|n| format!("a.starts_at < ?{n}"), to.to_string().into());
    }
    if let Some(kind) = filter.kind {
        bind(
            &|n| format!("a.kind = ?{n}"),
            kind.code().to_string().into(),
        );
    }
    if let Some(status) = filter.status {
        bind(
            &|n| format!("a.status = ?{n}"),
            status.code().to_string().into(),
        );
    }
    if let Some(unit) = filter.organizer_unit_id {
        bind(
            &|n| crate::db::sql::in_subtree("a.organizer_unit_id", n),
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
            &|n| format!("a.title LIKE ?{n} ESCAPE '\\'"),
            pattern.into(),
        );
    }
    let order = if filter.ascending {
        "a.starts_at, a.id"
    } else {
        "a.starts_at DESC, a.id DESC"
    };
    let clause = clauses.join(" AND ");
    crate::db::sql::page(
        conn,
        SELECT_ACTIVITY,
        "activity a",
        &clause,
        values,
        order,
        (offset, limit),
        from_row,
    )
}
