//! 按活动类型: how many activities of each kind each unit held in a period, and their 出勤率 —
//! the figures the annual 群众工作台账 asks for.
//!
//! An activity belongs to its organising unit (组织单位), and a unit's figures include its
//! sub-units', as in [`super::rates_by_unit`]. Activities with no organising unit are one row
//! of their own at the end ("未指定组织单位"), when no unit is chosen. The counts are those of
//! every rate: held activities only, an invitee still pending at an activity whose day is not
//! over is left out.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::rates::{dense_max_id, tally};
use super::{Counts, RateQuery};
use crate::codes::ActivityKind;
use crate::error::Result;
use crate::units;

/// One kind's figures in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindCell {
    pub kind: ActivityKind,
    /// Held activities of this kind in the period.
    pub activities: i64,
    /// Their attendance.
    pub counts: Counts,
}

/// One unit's row: a cell per kind of [`KindTable::kinds`], in that order, and all kinds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitKinds {
    /// None: the activities with no organising unit.
    pub unit_id: Option<i64>,
    pub name: String,
    pub path: String,
    pub depth: u32,
    pub cells: Vec<KindCell>,
    /// Held activities of every kind shown.
    pub activities: i64,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindTable {
    /// The columns: the chosen kinds, or (none chosen) every kind held in the period and scope,
    /// in the code table's order.
    pub kinds: Vec<ActivityKind>,
    /// Units in tree order (the chosen unit's subtree), then the unassigned row if any.
    pub rows: Vec<UnitKinds>,
}

/// The name of the row of activities with no organising unit.
pub const NO_UNIT: &str = "未指定组织单位";

/// The period's held activities (of the chosen kinds): id, organising unit, kind. Through
/// `activity_starts`. Parameters ?1 from, ?2 end (exclusive).
pub(crate) fn held_activities_sql(kinds: &str) -> String {
    format!(
        "SELECT a.id, a.organizer_unit_id, a.kind
           FROM activity a
          WHERE a.status = 'held' AND a.starts_at >= ?1 AND a.starts_at < ?2{kinds}"
    )
}

/// See the module: per unit (rolled up the tree) and kind, held activities and attendance.
pub fn rates_by_kind(conn: &Connection, q: &RateQuery) -> Result<KindTable> {
    q.check()?;
    let (from, end) = q.bounds();
    let kinds_sql = q.kind_clause();
    let today = crate::db::today();

    let mut stmt = conn.prepare_cached(&held_activities_sql(&kinds_sql))?;
    let held: Vec<(i64, Option<i64>, ActivityKind)> = stmt
        .query_map(params![from, end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;

    let max_id = dense_max_id(conn, "activity")?;
    // The rows, from the people's timelines, keyed by activity.
    let mut rows = Vec::with_capacity(1 << 14);
    super::timeline::for_each(conn, q, today, |_, e| {
        rows.push(e.activity_id * 16 + i64::from(e.slot));
    })?;
    let per_activity = tally(&rows, max_id);

    // Each unit's own figures (not yet its sub-units'), per kind.
    let mut own: HashMap<Option<i64>, HashMap<ActivityKind, (i64, Counts)>> = HashMap::new();
    for (id, unit, kind) in &held {
        let counts = per_activity
            .get(id)
            .map(|raw| Counts::new(*raw, true, true))
            .unwrap_or_default();
        let cell = own.entry(*unit).or_default().entry(*kind).or_default();
        cell.0 += 1;
        cell.1.add(&counts);
    }

    let all = units::list(conn)?;
    let mut total: HashMap<i64, HashMap<ActivityKind, (i64, Counts)>> = HashMap::new();
    // Tree order backwards: children are summed before their parent is read.
    for u in all.iter().rev() {
        let mut mine = own.get(&Some(u.id)).cloned().unwrap_or_default();
        for (kind, (n, c)) in total.remove(&u.id).unwrap_or_default() {
            let cell = mine.entry(kind).or_default();
            cell.0 += n;
            cell.1.add(&c);
        }
        if let Some(parent) = u.parent_id {
            let up = total.entry(parent).or_default();
            for (kind, (n, c)) in &mine {
                let cell = up.entry(*kind).or_default();
                cell.0 += n;
                cell.1.add(c);
            }
        }
        total.insert(u.id, mine);
    }

    let keep = match q.unit_id {
        Some(id) => {
            units::get(conn, id)?;
            Some(units::subtree_ids(conn, id)?)
        }
        None => None,
    };
    let in_scope = |unit: &Option<i64>| match (&keep, unit) {
        (None, _) => true,
        (Some(k), Some(u)) => k.contains(u),
        (Some(_), None) => false,
    };
    let kinds: Vec<ActivityKind> = if q.kinds.is_empty() {
        ActivityKind::ALL
            .iter()
            .copied()
            .filter(|k| held.iter().any(|(_, u, kind)| kind == k && in_scope(u)))
            .collect()
    } else {
        ActivityKind::ALL
            .iter()
            .copied()
            .filter(|k| q.kinds.contains(k))
            .collect()
    };
    let row =
        |unit_id, name, path, depth, figures: Option<&HashMap<ActivityKind, (i64, Counts)>>| {
            let cells: Vec<KindCell> = kinds
                .iter()
                .map(|&kind| {
                    let (activities, counts) = figures
                        .and_then(|f| f.get(&kind))
                        .copied()
                        .unwrap_or_default();
                    KindCell {
                        kind,
                        activities,
                        counts,
                    }
                })
                .collect();
            let mut counts = Counts::default();
            for c in &cells {
                counts.add(&c.counts);
            }
            UnitKinds {
                unit_id,
                name,
                path,
                depth,
                activities: cells.iter().map(|c| c.activities).sum(),
                counts,
                cells,
            }
        };
    let mut rows: Vec<UnitKinds> = all
        .into_iter()
        .filter(|u| in_scope(&Some(u.id)))
        .map(|u| row(Some(u.id), u.name, u.path, u.depth, total.get(&u.id)))
        .collect();
    if keep.is_none()
        && let Some(figures) = own.get(&None)
    {
        rows.push(row(
            None,
            NO_UNIT.to_string(),
            NO_UNIT.to_string(),
            0,
            Some(figures),
        ));
    }
    Ok(KindTable { kinds, rows })
}
