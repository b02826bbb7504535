//! Each person's year of held activities as one row (migration 0007): what the statistics over
//! a period read instead of the attendance rows.
//!
//! A year of a city company is ~340,000 attendance rows of ~9,700 people. Every statistic over
//! it (出勤率 by unit and by person, 按活动类型, 连续缺席, the 未出勤名单's counts) needs, per
//! row, only: whose, which activity, when it started and ended, its kind, and what the row adds
//! to. A person's rows of one year, kept as one blob of 12-byte entries in order of the
//! activities' start, make the year ~9,700 rows to read: reading them costs a fraction of
//! visiting the rows (which cost 26–44 ms just to count inside SQLite, BENCHMARKS.md).
//!
//! Kept current by the writes: triggers list every (person, year) a write touches as dirty
//! (`attendance_timeline_dirty`), and [`refresh`] makes those again from the rows before the
//! write commits ([`crate::db::Db::transact`]) or when the file is opened. A reader that finds
//! a (person, year) still dirty (written by something that did not refresh) computes it from
//! the rows, so a figure is never read from an out-of-date timeline.
//!
//! An entry holds the row as it is stored; whether a pending invitee (no status) counts as
//! 缺席 depends on the day the figures are asked for, so that is decided on reading
//! ([`Filter`]), exactly as [`super::rates::settled`] decides it in SQL.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use super::RateQuery;
use crate::codes::ActivityKind;
use crate::db::functions::slot;
use crate::error::Result;

/// Bytes per entry: activity id (u32), start day (i32, days from the common era), days from
/// the start to the last day (u16), kind (u8, its place in [`ActivityKind::ALL`]; 255 unknown),
/// slot (u8, [`slot`]: 1 出席, 2 迟到, 3 请假, 4 缺席, 5 no status, 6 walk-in). Little-endian.
pub(crate) const ENTRY_BYTES: usize = 12;

/// Above this many dirty (person, year), [`refresh`] makes each year involved from one pass
/// over its rows instead of one query per person (the demo, a large import).
const BULK: usize = 2_000;

/// One attendance row at a held activity, as a timeline keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub activity_id: i64,
    /// The day the activity starts, as days from the common era.
    pub start_day: i32,
    /// Its last day (see [`super::window::last_day`]), same count.
    pub last_day: i32,
    pub kind: u8,
    pub slot: u8,
}

impl Entry {
    fn write(&self, out: &mut Vec<u8>) {
        // Activity ids are SQLite rowids counted from 1; no branch has four billion.
        out.extend_from_slice(&(self.activity_id as u32).to_le_bytes());
        out.extend_from_slice(&self.start_day.to_le_bytes());
        let span = (self.last_day - self.start_day).clamp(0, i32::from(u16::MAX)) as u16;
        out.extend_from_slice(&span.to_le_bytes());
        out.push(self.kind);
        out.push(self.slot);
    }

    fn read(b: &[u8]) -> Entry {
        let start_day = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        Entry {
            activity_id: i64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            start_day,
            last_day: start_day + i32::from(u16::from_le_bytes([b[8], b[9]])),
            kind: b[10],
            slot: b[11],
        }
    }
}

/// The entries of a blob, in order.
pub(crate) fn entries(blob: &[u8]) -> impl Iterator<Item = Entry> + '_ {
    blob.chunks_exact(ENTRY_BYTES).map(Entry::read)
}

fn kind_index(code: &str) -> u8 {
    ActivityKind::from_code(code)
        .and_then(|k| ActivityKind::ALL.iter().position(|&x| x == k))
        .map_or(u8::MAX, |i| i as u8)
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// An activity as its entries need it, parsed once per activity.
struct Held {
    start_day: i32,
    last_day: i32,
    kind: u8,
}

impl Held {
    fn new(starts_at: NaiveDateTime, ends_at: NaiveDateTime, kind: &str) -> Held {
        let start = starts_at.date();
        let last = (ends_at - chrono::Duration::seconds(1)).date().max(start);
        Held {
            start_day: day(start),
            last_day: day(last),
            kind: kind_index(kind),
        }
    }

    fn entry(&self, activity_id: i64, invited: bool, status: Option<&[u8]>) -> Entry {
        Entry {
            activity_id,
            start_day: self.start_day,
            last_day: self.last_day,
            kind: self.kind,
            slot: slot(invited, status) as u8,
        }
    }
}

/// A column's text or blob bytes, as stored (no copy); None for NULL or a number.
fn bytes(v: ValueRef<'_>) -> Option<&[u8]> {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => Some(b),
        _ => None,
    }
}

/// A text column (the kind code); "" when not text.
fn text(v: ValueRef<'_>) -> &str {
    bytes(v)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
}

/// One person's (?1) rows at the held activities of a year (?2 first day, ?3 the next year's):
/// through `attendance_person`, ~35 rows at city scale, sorted by start.
pub(crate) const PERSON_YEAR_SQL: &str =
    "SELECT a.id, a.starts_at, a.ends_at, a.kind, t.invited, t.status
       FROM attendance t CROSS JOIN activity a ON a.id = t.activity_id
      WHERE t.person_id = ?1 AND a.status = 'held' AND a.starts_at >= ?2 AND a.starts_at < ?3
      ORDER BY a.starts_at, a.id";

/// Every row at the held activities of a year (?1, ?2 as above), in order of the activities'
/// start through `activity_starts` (no sort), each activity's rows through `attendance_tally`.
pub(crate) const WHOLE_YEAR_SQL: &str =
    "SELECT a.id, a.starts_at, a.ends_at, a.kind, t.person_id, t.invited, t.status
       FROM activity a CROSS JOIN attendance t ON t.activity_id = a.id
      WHERE a.status = 'held' AND a.starts_at >= ?1 AND a.starts_at < ?2
      ORDER BY a.starts_at, a.id";

/// A year's timelines (?1), by the table's key.
pub(crate) const YEAR_SQL: &str =
    "SELECT person_id, entries FROM attendance_timeline WHERE year = ?1";

/// One person's entries of one year, from the attendance rows.
fn person_year(conn: &Connection, person: i64, year: i32) -> Result<Vec<u8>> {
    let (from, end) = year_bounds(year);
    let mut stmt = conn.prepare_cached(PERSON_YEAR_SQL)?;
    let mut rows = stmt.query(params![person, from, end])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let held = Held::new(r.get(1)?, r.get(2)?, text(r.get_ref(3)?));
        let status = bytes(r.get_ref(5)?);
        held.entry(r.get(0)?, r.get(4)?, status).write(&mut out);
    }
    Ok(out)
}

/// Every person's entries of one year, from one pass over its held activities in order of
/// their start (so each person's entries come in order).
fn whole_year(conn: &Connection, year: i32) -> Result<HashMap<i64, Vec<u8>>> {
    let (from, end) = year_bounds(year);
    let mut stmt = conn.prepare_cached(WHOLE_YEAR_SQL)?;
    let mut rows = stmt.query(params![from, end])?;
    let mut out: HashMap<i64, Vec<u8>> = HashMap::new();
    let mut current: Option<(i64, Held)> = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if current.as_ref().is_none_or(|(c, _)| *c != id) {
            current = Some((id, Held::new(r.get(1)?, r.get(2)?, text(r.get_ref(3)?))));
        }
        let Some((_, held)) = &current else { continue };
        let status = bytes(r.get_ref(6)?);
        held.entry(id, r.get(5)?, status)
            .write(out.entry(r.get(4)?).or_default());
    }
    Ok(out)
}

fn store(conn: &Connection, year: i32, person: i64, blob: &[u8]) -> Result<()> {
    if blob.is_empty() {
        conn.prepare_cached("DELETE FROM attendance_timeline WHERE year = ?1 AND person_id = ?2")?
            .execute(params![year, person])?;
    } else {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO attendance_timeline (year, person_id, entries)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![year, person, blob])?;
    }
    Ok(())
}

/// Makes every dirty timeline again from the attendance rows and clears the list; returns how
/// many (person, year) it made. Run inside the caller's transaction (a write, or the open).
pub(crate) fn refresh(conn: &Connection) -> Result<usize> {
    let dirty: Vec<(i64, i32)> = conn
        .prepare_cached("SELECT person_id, year FROM attendance_timeline_dirty")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if dirty.is_empty() {
        return Ok(0);
    }
    if dirty.len() > BULK {
        let years: HashSet<i32> = dirty.iter().map(|&(_, y)| y).collect();
        for year in years {
            let all = whole_year(conn, year)?;
            conn.execute("DELETE FROM attendance_timeline WHERE year = ?1", [year])?;
            for (person, blob) in all {
                store(conn, year, person, &blob)?;
            }
        }
    } else {
        for &(person, year) in &dirty {
            let blob = person_year(conn, person, year)?;
            store(conn, year, person, &blob)?;
        }
    }
    conn.execute("DELETE FROM attendance_timeline_dirty", [])?;
    Ok(dirty.len())
}

/// Which entries count for a period's figures, as [`super::rates::settled`] says in SQL.
pub(crate) struct Filter {
    from: i32,
    to: i32,
    /// Bit i: the kind at ALL\[i\]; None: every kind.
    kinds: Option<u64>,
    today: i32,
}

impl Filter {
    pub(crate) fn new(q: &RateQuery, today: NaiveDate) -> Filter {
        Filter {
            from: day(q.from),
            to: day(q.to),
            kinds: (!q.kinds.is_empty()).then(|| {
                q.kinds
                    .iter()
                    .filter_map(|k| ActivityKind::ALL.iter().position(|x| x == k))
                    .fold(0u64, |m, i| m | 1 << i)
            }),
            today: day(today),
        }
    }

    /// In the period, of a chosen kind, and not an invitee still pending at an activity whose
    /// last day is not over.
    pub(crate) fn counts(&self, e: &Entry) -> bool {
        e.start_day >= self.from
            && e.start_day <= self.to
            && self
                .kinds
                .is_none_or(|m| e.kind < 64 && m & (1 << e.kind) != 0)
            && (e.slot != 5 || e.last_day < self.today)
    }
}

/// Calls `f(person, entry)` for every entry that counts for `q` on `today`: person by person
/// within a year, each person's entries in order of the activities' start, year after year
/// (so one person's entries reach `f` in order of start across the years too).
pub(crate) fn for_each(
    conn: &Connection,
    q: &RateQuery,
    today: NaiveDate,
    mut f: impl FnMut(i64, Entry),
) -> Result<()> {
    q.check()?;
    let filter = Filter::new(q, today);
    for year in q.from.year()..=q.to.year() {
        let dirty: HashSet<i64> = conn
            .prepare_cached("SELECT person_id FROM attendance_timeline_dirty WHERE year = ?1")?
            .query_map([year], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(YEAR_SQL)?;
        let mut rows = stmt.query([year])?;
        while let Some(r) = rows.next()? {
            let person: i64 = r.get(0)?;
            if dirty.contains(&person) {
                continue;
            }
            for e in entries(bytes(r.get_ref(1)?).unwrap_or_default()) {
                if filter.counts(&e) {
                    f(person, e);
                }
            }
        }
        drop(rows);
        for person in dirty {
            for e in entries(&person_year(conn, person, year)?) {
                if filter.counts(&e) {
                    f(person, e);
                }
            }
        }
    }
    Ok(())
}
