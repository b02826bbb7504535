//! 单位: the unit tree (公司 → 部门 / 供电所 / 变电站 → 班组).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::codes::UnitKind;
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result, UnitError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unit {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
    /// Names from the root down, joined with '/'.
    pub path: String,
    pub depth: u32,
    /// Staff in post directly in this unit (not in its sub-units).
    pub staff: i64,
    /// Staff in post in this unit and in all units below it.
    pub staff_total: i64,
}

/// A unit with its sub-units, for tree views.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitNode {
    #[serde(flatten)]
    pub unit: Unit,
    pub children: Vec<UnitNode>,
}

const MAX_NAME_CHARS: usize = 50;

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("单位名称", "不能为空"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "单位名称",
            format!("不能超过 {MAX_NAME_CHARS} 个字"),
        ));
    }
    if name.contains('/') {
        return Err(Error::invalid("单位名称", "不能包含“/”"));
    }
    crate::people::check_line("单位名称", name)?;
    Ok(name.to_string())
}

fn name_of(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM unit WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("单位", id))
}

fn check_sibling_free(
    conn: &Connection,
    parent: Option<i64>,
    name: &str,
    except: i64,
) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM unit WHERE ifnull(parent_id, 0) = ifnull(?1, 0)
                                           AND name = ?2 AND id <> ?3)",
        params![parent, name, except],
        |r| r.get(0),
    )?;
    if taken {
        let parent = match parent {
            Some(p) => name_of(conn, p)?,
            None => "（顶层）".to_string(),
        };
        return Err(UnitError::DuplicateName {
            parent,
            name: name.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Adds a unit under `parent` (None: a top-level unit). Returns its id.
pub fn add(tx: &Tx, name: &str, kind: UnitKind, parent: Option<i64>) -> Result<i64> {
    let name = check_name(name)?;
    if let Some(p) = parent {
        name_of(tx, p)?;
    }
    check_sibling_free(tx, parent, &name, 0)?;
    let order: i64 = tx.query_row(
        "SELECT ifnull(max(sort_order), 0) + 1 FROM unit WHERE ifnull(parent_id, 0) = ifnull(?1, 0)",
        [parent],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO unit (uid, name, kind, parent_id, sort_order, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new_uid(), name, kind, parent, order, now_text()],
    )?;
    let id = tx.last_insert_rowid();
    tx.note(format!("新增单位 {name}（编号 {id}）"));
    Ok(id)
}

pub fn rename(tx: &Tx, id: i64, new_name: &str) -> Result<()> {
    let old = name_of(tx, id)?;
    let name = check_name(new_name)?;
    let parent: Option<i64> =
        tx.query_row("SELECT parent_id FROM unit WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    check_sibling_free(tx, parent, &name, id)?;
    tx.execute("UPDATE unit SET name = ?1 WHERE id = ?2", params![name, id])?;
    tx.note(format!("单位 {old} 更名为 {name}"));
    Ok(())
}

/// Moves a unit (with its whole subtree) under `new_parent` (None: to the top level). Its
/// people stay in their units, so they move with it; it goes last among its new siblings.
pub fn move_to(tx: &Tx, id: i64, new_parent: Option<i64>) -> Result<()> {
    let unit = get(tx, id)?;
    let old_parent = unit.parent_id;
    let parent_path = |p: Option<i64>| -> Result<String> {
        Ok(match p {
            Some(p) => get(tx, p)?.path,
            None => "顶层".to_string(),
        })
    };
    let to = parent_path(new_parent)?;
    if let Some(p) = new_parent
        && subtree_ids(tx, id)?.contains(&p)
    {
        return Err(UnitError::Cycle { name: unit.name }.into());
    }
    if new_parent == old_parent {
        let message = match new_parent {
            Some(_) => format!("“{}”已在“{to}”之下，无需移动", unit.name),
            None => format!("“{}”已是顶层单位，无需移动", unit.name),
        };
        return Err(Error::invalid("上级单位", message));
    }
    check_sibling_free(tx, new_parent, &unit.name, id)?;
    tx.execute(
        "UPDATE unit SET parent_id = ?1,
                sort_order = (SELECT ifnull(max(sort_order), 0) + 1 FROM unit
                               WHERE ifnull(parent_id, 0) = ifnull(?1, 0))
          WHERE id = ?2",
        params![new_parent, id],
    )?;
    let below = subtree_ids(tx, id)?.len() - 1;
    let whither = match new_parent {
        Some(_) => format!("移到 {to} 之下"),
        None => "移为顶层单位".to_string(),
    };
    tx.note(format!(
        "单位 {} 从 {} {whither}（连同下级单位 {below} 个、在职职工 {} 人）",
        unit.name,
        parent_path(old_parent)?,
        unit.staff_total
    ));
    Ok(())
}

/// Deletes an empty unit. A unit with sub-units, staff (in post or not: people who left keep
/// their history) or activities it organised is refused.
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    let name = name_of(tx, id)?;
    let count = |sql: &str| -> Result<i64> { Ok(tx.query_row(sql, [id], |r| r.get(0))?) };
    let children = count("SELECT count(*) FROM unit WHERE parent_id = ?1")?;
    if children > 0 {
        return Err(UnitError::HasChildren {
            name,
            count: children,
        }
        .into());
    }
    let staff = count("SELECT count(*) FROM person WHERE unit_id = ?1")?;
    if staff > 0 {
        return Err(UnitError::HasStaff { name, count: staff }.into());
    }
    let activities = count("SELECT count(*) FROM activity WHERE organizer_unit_id = ?1")?;
    if activities > 0 {
        return Err(UnitError::HasActivities {
            name,
            count: activities,
        }
        .into());
    }
    tx.execute("DELETE FROM unit WHERE id = ?1", [id])?;
    tx.note(format!("删除单位 {name}"));
    Ok(())
}

/// The ids of a unit and all units below it.
pub fn subtree_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)
         SELECT id FROM sub",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// All units in tree order (each parent before its children, siblings by sort order), with
/// their paths and staff counts (direct and with the sub-units).
pub fn list(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE t(id, path, depth, sort_key) AS (
             SELECT id, name, 0, printf('%08d', sort_order) || '.' || printf('%08d', id)
               FROM unit WHERE parent_id IS NULL
             UNION ALL
             SELECT u.id, t.path || '/' || u.name, t.depth + 1,
                    t.sort_key || '/' || printf('%08d', u.sort_order) || '.' || printf('%08d', u.id)
               FROM unit u JOIN t ON u.parent_id = t.id)
         SELECT u.id, u.uid, u.name, u.kind, u.parent_id, t.path, t.depth,
                (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.left_date IS NULL),
                0
           FROM t JOIN unit u ON u.id = t.id
          ORDER BY t.sort_key",
    )?;
    let mut units: Vec<Unit> = stmt
        .query_map([], unit_row)?
        .collect::<rusqlite::Result<_>>()?;
    // Children come after their parent, so walking backwards finishes every subtree before its
    // parent is reached: one pass instead of one query per unit.
    let index: HashMap<i64, usize> = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    for i in (0..units.len()).rev() {
        units[i].staff_total += units[i].staff;
        if let Some(&p) = units[i].parent_id.and_then(|p| index.get(&p)) {
            units[p].staff_total += units[i].staff_total;
        }
    }
    Ok(units)
}

fn unit_row(r: &rusqlite::Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        uid: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        parent_id: r.get(4)?,
        path: r.get(5)?,
        depth: r.get(6)?,
        staff: r.get(7)?,
        staff_total: r.get(8)?,
    })
}

/// The units as a forest of [`UnitNode`]s.
pub fn tree(conn: &Connection) -> Result<Vec<UnitNode>> {
    fn build(children: &mut HashMap<Option<i64>, Vec<Unit>>, parent: Option<i64>) -> Vec<UnitNode> {
        let units = children.remove(&parent).unwrap_or_default();
        units
            .into_iter()
            .map(|u| {
                let id = u.id;
                UnitNode {
                    unit: u,
                    children: build(children, Some(id)),
                }
            })
            .collect()
    }
    let mut children: HashMap<Option<i64>, Vec<Unit>> = HashMap::new();
    for u in list(conn)? {
        children.entry(u.parent_id).or_default().push(u);
    }
    Ok(build(&mut children, None))
}

/// One unit, its path found by walking up from it (not by reading the whole tree).
pub fn get(conn: &Connection, id: i64) -> Result<Unit> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH RECURSIVE up(id, parent_id, path, depth) AS (
             SELECT id, parent_id, name, 0 FROM unit WHERE id = ?1
             UNION ALL
             SELECT p.id, p.parent_id, p.name || '/' || up.path, up.depth + 1
               FROM unit p JOIN up ON p.id = up.parent_id)
         SELECT u.id, u.uid, u.name, u.kind, u.parent_id,
                (SELECT path FROM up WHERE parent_id IS NULL),
                (SELECT max(depth) FROM up),
                (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.left_date IS NULL),
                (SELECT count(*) FROM person p WHERE p.left_date IS NULL AND {})
           FROM unit u WHERE u.id = ?1",
        crate::db::sql::in_subtree("p.unit_id", 1)
    ))?;
    stmt.query_row([id], unit_row)
        .optional()?
        .ok_or_else(|| Error::not_found("单位", id))
}

/// Finds a unit by its id or its exact name, as typed on the command line.
/// A name shared by several units is refused, listing their paths.
pub fn resolve(conn: &Connection, key: &str) -> Result<i64> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if exists {
            return Ok(id);
        }
    }
    let mut stmt = conn.prepare_cached("SELECT id FROM unit WHERE name = ?1")?;
    let ids: Vec<i64> = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => Err(Error::not_found("单位", key)),
        _ => {
            let paths = list(conn)?
                .into_iter()
                .filter(|u| ids.contains(&u.id))
                .map(|u| format!("{}（编号 {}）", u.path, u.id))
                .collect::<Vec<_>>()
                .join("、");
            Err(UnitError::Ambiguous {
                name: key.to_string(),
                paths,
            }
            .into())
        }
    }
}

/// What a report covering every unit names as its 单位: the top-level unit when there is one
/// (the company), the company among several top-level units ("…及其他单位"), else 全部单位.
pub fn company_name(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, kind FROM unit WHERE parent_id IS NULL ORDER BY sort_order, id",
    )?;
    let roots: Vec<(String, UnitKind)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let companies: Vec<&str> = roots
        .iter()
        .filter(|(_, kind)| *kind == UnitKind::Company)
        .map(|(name, _)| name.as_str())
        .collect();
    Ok(match (roots.as_slice(), companies.as_slice()) {
        ([(only, _)], _) => only.clone(),
        (_, [company]) => format!("{company}及其他单位"),
        _ => "全部单位".to_string(),
    })
}

/// The name of `unit`, or for none (every unit) the [`company_name`].
pub fn scope_name(conn: &Connection, unit: Option<i64>) -> Result<String> {
    match unit {
        Some(id) => Ok(get(conn, id)?.name),
        None => company_name(conn),
    }
}
