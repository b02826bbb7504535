//! 出勤率: attendance rates over a period by person and by unit, the did-not-attend list and the
//! period's totals.
//!
//! Only held activities count. An invitee with no status at an activity whose day is not over
//! yet (they may still come) is left out of every figure: neither 应到 nor 缺席 until it is.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params, params_from_iter};
use serde::Serialize;

use super::*;
use crate::codes::{ActivityKind, AttendanceStatus};
use crate::error::{Error, Result};
use crate::people::PersonFilter;
use crate::units;

/// A period and a unit (with its sub-units) for rates and follow-up lists.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateQuery {
    /// First day, inclusive (of the activity's start).
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// People now in this unit or below; None: everyone.
    pub unit_id: Option<i64>,
    /// Only activities of these kinds; empty: every kind.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ActivityKind>>", optional))]
    pub kinds: Vec<ActivityKind>,
}

impl RateQuery {
    pub(super) fn check(&self) -> Result<()> {
        if self.to < self.from {
            return Err(Error::invalid("截止日期", "不能早于起始日期"));
        }
        Ok(())
    }

    /// The period and unit, every kind.
    pub fn new(from: NaiveDate, to: NaiveDate, unit_id: Option<i64>) -> RateQuery {
        RateQuery {
            from,
            to,
            unit_id,
            kinds: Vec::new(),
        }
    }

    /// `AND a.kind IN (…)` for the chosen kinds (their codes are fixed words, not user text),
    /// or nothing for every kind.
    pub(super) fn kind_clause(&self) -> String {
        if self.kinds.is_empty() {
            return String::new();
        }
        let codes: Vec<String> = self
            .kinds
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect();
        format!(" AND a.kind IN ({})", codes.join(", "))
    }

    /// Bounds as stored text: [from 00:00, day after `to` 00:00).
    pub(super) fn bounds(&self) -> (String, String) {
        let end = self.to.succ_opt().unwrap_or(self.to);
        (self.from.to_string(), end.to_string())
    }
}

/// The rows that count, over `activity a JOIN attendance t`: of held activities, and no pending
/// invitee of an activity still open. Parameter `n` is today's date.
pub(super) fn settled(n: usize) -> String {
    format!(
        "a.status = 'held' AND (t.status IS NOT NULL OR {})",
        super::window::day_over_sql(n)
    )
}

/// What `qg_collect` (src/db/functions.rs) is given per attendance row: the person, whether
/// invited, and the status. It codes each row as person × 16 + which of the raw counts it adds
/// to (the slots of [`tally`]).
const ROW_CODE: &str = "t.person_id, t.invited, t.status";

/// One person's (?4) attendance rows that count in the period (?1 from, ?2 end exclusive, ?3
/// today), as coded rows ([`crate::db::take_collected`]): through `attendance_person`, each
/// activity by its id, so a person page reads ~100 rows. `kinds` is [`RateQuery::kind_clause`].
pub(crate) fn person_rows_sql(kinds: &str) -> String {
    format!(
        "SELECT qg_collect({ROW_CODE})
           FROM attendance t CROSS JOIN activity a ON a.id = t.activity_id
          WHERE t.person_id = ?4 AND a.starts_at >= ?1 AND a.starts_at < ?2 AND {}{kinds}",
        settled(3)
    )
}

/// Runs a `qg_collect` query: its codes, in loop order.
pub(super) fn codes(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    // Whatever an earlier, failed query may have left is dropped first.
    drop(crate::db::take_collected());
    stmt.query_row(params, |r| r.get::<_, Option<i64>>(0))?;
    Ok(crate::db::take_collected())
}

/// A hasher for row ids: one multiplication instead of SipHash for each of the period's rows.
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(super) type IdMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Sums rows of [`ROW_CODE`] per person into the raw counts of
/// [`super::COUNT_COLUMNS`]: [invited, present, late, leave, absent, no status, walk-ins].
/// `max_id` (the largest person id) sizes a table indexed by id: no hashing per row.
pub(super) fn tally(codes: &[i64], max_id: i64) -> IdMap<[i64; 7]> {
    let mut dense: Vec<[i64; 7]> = vec![[0; 7]; usize::try_from(max_id + 1).unwrap_or(0)];
    let mut seen: Vec<bool> = vec![false; dense.len()];
    let mut other: IdMap<[i64; 7]> = IdMap::default();
    for &code in codes {
        let (person, slot) = (code >> 4, (code & 15) as usize);
        let raw = match usize::try_from(person).ok().filter(|&i| i < dense.len()) {
            Some(i) => {
                seen[i] = true;
                &mut dense[i]
            }
            // Not reached while attendance.person_id references person.
            None => other.entry(person).or_default(),
        };
        // Slot 6 (walk-in) is not an invitee; every other one is.
        if slot != 6 {
            raw[0] += 1;
        }
        raw[slot] += 1;
    }
    other.extend(
        (0..dense.len())
            .filter(|&i| seen[i])
            .map(|i| (i as i64, dense[i])),
    );
    other
}

/// The largest id of `table` (person or activity) when ids are dense enough to index a table
/// by them; else 0, and [`tally`] takes them in a hash map (ids are dense unless rows were
/// deleted in bulk).
pub(super) fn dense_max_id(conn: &Connection, table: &str) -> Result<i64> {
    let (max_id, rows): (i64, i64) = conn.query_row(
        &format!("SELECT ifnull(max(id), 0), count(*) FROM {table}"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(if max_id <= 2 * rows + 1024 { max_id } else { 0 })
}

/// Attendance rows of held activities in the period, per person (or of `person` only): the
/// counts every rate and the follow-up list are made of, and the person page's rate, so both
/// always agree.
pub(super) fn person_counts(
    conn: &Connection,
    q: &RateQuery,
    person: Option<i64>,
) -> Result<HashMap<i64, Counts>> {
    q.check()?;
    let (from, end) = q.bounds();
    let today = crate::db::today().to_string();
    let kinds = q.kind_clause();
    let sums = match person {
        None => {
            let max_id = dense_max_id(conn, "person")?;
            let mut all = Vec::with_capacity(1 << 14);
            super::timeline::for_each(conn, q, crate::db::today(), |person, e| {
                all.push(person * 16 + i64::from(e.slot));
            })?;
            tally(&all, max_id)
        }
        Some(id) => {
            let mine = codes(
                conn,
                &person_rows_sql(&kinds),
                params![from, end, today, id],
            )?;
            tally(&mine, 0)
        }
    };
    Ok(sums
        .into_iter()
        .map(|(id, raw)| (id, Counts::new(raw, true, true)))
        .collect())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonRate {
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Per person (now in the unit's subtree) who was expected at, or walked into, at least one held
/// activity in the period; lowest rate first, so follow-up starts at the top.
pub fn rates_by_person(conn: &Connection, q: &RateQuery) -> Result<Vec<PersonRate>> {
    let counts = person_counts(conn, q, None)?;
    let (clause, values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    // Only the five fields shown, not whole records: the 1,000s of people of a city company.
    let unit_names = unit_names(conn)?;
    let mut stmt = conn.prepare_cached(&people_sql(&clause))?;
    let mut out: Vec<(PersonRate, String)> = Vec::with_capacity(counts.len());
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let Some(c) = counts.get(&id) else { continue };
        let unit_id: i64 = r.get(3)?;
        out.push((
            PersonRate {
                person_id: id,
                employee_no: r.get(1)?,
                name: r.get(2)?,
                unit_id,
                unit_name: unit_names.get(&unit_id).cloned().unwrap_or_default(),
                counts: *c,
            },
            r.get(4)?,
        ));
    }
    // Lowest rate first, then by 工号; people without one (None, first) by the staff list's
    // order: pinyin initials, then id.
    out.sort_by(|(a, ai), (b, bi)| {
        let ra = a.counts.rate.unwrap_or(f64::INFINITY);
        let rb = b.counts.rate.unwrap_or(f64::INFINITY);
        ra.total_cmp(&rb)
            .then_with(|| a.employee_no.cmp(&b.employee_no))
            .then_with(|| ai.cmp(bi))
            .then_with(|| a.person_id.cmp(&b.person_id))
    });
    Ok(out.into_iter().map(|(p, _)| p).collect())
}

/// Every unit's name by id, read once for a list that names thousands of rows' units (a city
/// company has ~200 units) instead of a lookup per row. (Every person's unit_id references one.)
pub(super) fn unit_names(conn: &Connection) -> Result<IdMap<String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM unit")?;
    let names = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The people a by-person table may name, over [`PersonFilter::to_sql`]'s `clause`.
pub(crate) fn people_sql(clause: &str) -> String {
    format!(
        "SELECT p.id, p.employee_no, p.name, p.unit_id, p.name_initials
           FROM person p
          WHERE {clause}"
    )
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRate {
    pub unit_id: i64,
    pub name: String,
    pub path: String,
    pub depth: u32,
    /// Over the unit and everything below it (by where people are now).
    #[serde(flatten)]
    pub counts: Counts,
}

/// One entry per unit (of the whole tree, or of `q.unit_id`'s subtree), in tree order, each
/// counting the people now in that unit and its sub-units.
pub fn rates_by_unit(conn: &Connection, q: &RateQuery) -> Result<Vec<UnitRate>> {
    let counts = person_counts(conn, q, None)?;
    let mut per_unit: HashMap<i64, Counts> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, unit_id FROM person")?;
    let homes = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for home in homes {
        let (person, unit) = home?;
        if let Some(c) = counts.get(&person) {
            per_unit.entry(unit).or_default().add(c);
        }
    }
    let all = units::list(conn)?;
    // Roll each unit's own counts up to every ancestor; `all` is in tree order, so walking it
    // backwards adds children before their parents are read.
    let mut total: HashMap<i64, Counts> = HashMap::new();
    for u in all.iter().rev() {
        let mut c = per_unit.get(&u.id).copied().unwrap_or_default();
        c.add(&total.get(&u.id).copied().unwrap_or_default());
        total.insert(u.id, c);
        if let Some(parent) = u.parent_id {
            total.entry(parent).or_default().add(&c);
        }
    }
    let keep = match q.unit_id {
        Some(id) => {
            units::get(conn, id)?;
            Some(units::subtree_ids(conn, id)?)
        }
        None => None,
    };
    Ok(all
        .into_iter()
        .filter(|u| keep.as_ref().is_none_or(|k| k.contains(&u.id)))
        .map(|u| UnitRate {
            counts: total.get(&u.id).copied().unwrap_or_default(),
            unit_id: u.id,
            name: u.name,
            path: u.path,
            depth: u.depth,
        })
        .collect())
}

/// Someone expected at a held activity who did not come (its day over, for the 未签到).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Absence {
    pub activity_id: i64,
    pub activity_title: String,
    pub starts_at: NaiveDateTime,
    pub person_id: i64,
    pub employee_no: Option<String>,
    pub name: String,
    pub unit_name: String,
    /// 缺席 or 请假.
    pub status: AttendanceStatus,
    pub leave_reason: Option<String>,
}

/// The "did not attend" list for follow-up: invitees of held activities in the period who were
/// absent, and with `include_leave` also those on leave (with their reasons); by date, then
/// 工号.
pub fn absences(conn: &Connection, q: &RateQuery, include_leave: bool) -> Result<Vec<Absence>> {
    q.check()?;
    let (from, end) = q.bounds();
    if let Some(unit) = q.unit_id {
        units::get(conn, unit)?;
    }
    // The people who may be listed (the unit's, or everyone), read once: a join per row to
    // the person table's wide rows cost more than the rows themselves (~32,000 a year at city
    // scale).
    let (clause, values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    let unit_names = unit_names(conn)?;
    let mut people: IdMap<(Option<String>, String, String)> = IdMap::default();
    {
        let mut stmt = conn.prepare_cached(&people_sql(&clause))?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let unit = unit_names
                .get(&r.get::<_, i64>(3)?)
                .cloned()
                .unwrap_or_default();
            people.insert(r.get(0)?, (r.get(1)?, r.get(2)?, unit));
        }
    }
    let mut stmt = conn.prepare_cached(&absences_sql(include_leave, &q.kind_clause()))?;
    let today = crate::db::today().to_string();
    let mut out: Vec<Absence> = Vec::new();
    // Where the current activity's rows begin in `out`: they are sorted by 工号 when it ends.
    let mut first = 0;
    let mut rows = stmt.query(params![from, end, today])?;
    while let Some(r) = rows.next()? {
        let person_id: i64 = r.get(3)?;
        let Some((employee_no, name, unit_name)) = people.get(&person_id) else {
            continue;
        };
        let activity_id: i64 = r.get(0)?;
        // Rows come by activity: its title and time are read (and the time parsed) once each.
        let (activity_title, starts_at) = match out.last() {
            Some(prev) if prev.activity_id == activity_id => {
                (prev.activity_title.clone(), prev.starts_at)
            }
            _ => {
                sort_by_employee_no(&mut out[first..]);
                first = out.len();
                (r.get(1)?, r.get(2)?)
            }
        };
        out.push(Absence {
            activity_id,
            activity_title,
            starts_at,
            person_id,
            employee_no: employee_no.clone(),
            name: name.clone(),
            unit_name: unit_name.clone(),
            status: r.get(4)?,
            leave_reason: r.get(5)?,
        });
    }
    sort_by_employee_no(&mut out[first..]);
    Ok(out)
}

/// One activity's rows by 工号 (people without one first), then id.
fn sort_by_employee_no(rows: &mut [Absence]) {
    rows.sort_by(|a, b| {
        a.employee_no
            .cmp(&b.employee_no)
            .then(a.person_id.cmp(&b.person_id))
    });
}

/// The did-not-attend list's query (?1 from, ?2 end exclusive, ?3 today). It reads the rows
/// through the partial index `attendance_missed` (migration 0005: only the invitees who did
/// not come, about a tenth of the rows), whose condition the WHERE repeats, from the period's
/// activities in order of start (`CROSS JOIN` keeps that order; no sort).
pub(crate) fn absences_sql(include_leave: bool, kinds: &str) -> String {
    let statuses = if include_leave {
        "'absent', 'leave'"
    } else {
        "'absent'"
    };
    format!(
        "SELECT a.id, a.title, a.starts_at, t.person_id, coalesce(t.status, 'absent'),
                t.leave_reason
           FROM activity a CROSS JOIN attendance t INDEXED BY attendance_missed
             ON t.activity_id = a.id
          WHERE {} AND a.starts_at >= ?1 AND a.starts_at < ?2
            AND t.invited = 1 AND (t.status IS NULL OR t.status IN ('absent', 'leave'))
            AND coalesce(t.status, 'absent') IN ({statuses}){kinds}
          ORDER BY a.starts_at, a.id",
        settled(3)
    )
}

/// All counts of held activities in the period summed, and how many activities they were
/// (the 工作台's "this month").
pub fn period_counts(conn: &Connection, q: &RateQuery) -> Result<(Counts, i64)> {
    period_counts_on(conn, q, crate::db::today())
}

/// [`period_counts`] as they stand on `today`.
pub fn period_counts_on(
    conn: &Connection,
    q: &RateQuery,
    today: NaiveDate,
) -> Result<(Counts, i64)> {
    q.check()?;
    let (from, end) = q.bounds();
    let (clause, mut values) = PersonFilter {
        unit_id: q.unit_id,
        include_left: true,
        ..Default::default()
    }
    .to_sql();
    values.push(from.into());
    values.push(end.into());
    values.push(today.to_string().into());
    let n = values.len();
    let (counts, activities) = conn.query_row(
        &period_counts_sql(&clause, n),
        params_from_iter(values.iter()),
        |r| Ok((Counts::new(raw_counts(r, 0)?, true, true), r.get(7)?)),
    )?;
    Ok((counts, activities))
}

/// [`period_counts_on`]'s query over a [`PersonFilter::to_sql`] clause with `n` parameters, the
/// last three being from, end and today.
pub(crate) fn period_counts_sql(clause: &str, n: usize) -> String {
    format!(
        "SELECT {COUNT_COLUMNS}, count(DISTINCT a.id)
           FROM activity a JOIN attendance t ON t.activity_id = a.id
           JOIN person p ON p.id = t.person_id
          WHERE {} AND a.starts_at >= ?{} AND a.starts_at < ?{} AND {clause}",
        settled(n),
        n - 2,
        n - 1
    )
}

/// EXPLAIN QUERY PLAN of every statistics query over `attendance` of this module and of the
/// person history, as run (the same SQL text), for the test that pins them to their indexes
/// (tests/query_plans.rs): (name, plan lines).
#[doc(hidden)]
pub fn statistics_query_plans(conn: &Connection) -> Result<Vec<(&'static str, String)>> {
    let whole = PersonFilter {
        include_left: true,
        ..Default::default()
    }
    .to_sql()
    .0;
    let unit = PersonFilter {
        unit_id: Some(1),
        include_left: true,
        ..Default::default()
    }
    .to_sql()
    .0;
    let queries: Vec<(&'static str, String)> = vec![
        (
            "timelines: one person's year, made again after a write",
            super::timeline::PERSON_YEAR_SQL.to_string(),
        ),
        (
            "timelines: a whole year, made again in bulk",
            super::timeline::WHOLE_YEAR_SQL.to_string(),
        ),
        (
            "timelines: a year's (every statistic over a period)",
            super::timeline::YEAR_SQL.to_string(),
        ),
        (
            "rates by kind: the period's held activities",
            held_activities_sql(""),
        ),
        (
            "rates: one person's rows (person page)",
            person_rows_sql(""),
        ),
        ("did-not-attend list", absences_sql(true, "")),
        (
            "did-not-attend list of some kinds",
            absences_sql(true, " AND a.kind IN ('lecture')"),
        ),
        ("did-not-attend list, absent only", absences_sql(false, "")),
        (
            "did-not-attend list: one person's missed rows (a page of the screen)",
            super::missed::person_missed_sql(""),
        ),
        ("period counts (工作台)", period_counts_sql(&whole, 3)),
        ("period counts of a unit", period_counts_sql(&unit, 4)),
        ("person history", super::history::history_sql("")),
    ];
    queries
        .into_iter()
        .map(|(name, sql)| {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            // Parameters stay unbound (NULL): the plan does not depend on their values.
            let mut rows = stmt.raw_query();
            let mut lines = Vec::new();
            while let Some(r) = rows.next()? {
                lines.push(r.get::<_, String>(3)?);
            }
            Ok((name, lines.join("\n")))
        })
        .collect()
}
