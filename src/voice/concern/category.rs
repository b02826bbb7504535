//! 诉求分类: the categories concerns are filed under, each with its default deadline.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Category;
use crate::db::Tx;
use crate::error::{Error, Result};

fn category_from_row(r: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        name: r.get(1)?,
        deadline_days: r.get(2)?,
        retired: r.get(3)?,
    })
}

/// The categories in their order; retired ones only when asked for.
pub fn categories(conn: &Connection, include_retired: bool) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, deadline_days, retired FROM concern_category
          WHERE ?1 OR retired = 0 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([include_retired], category_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn category(conn: &Connection, id: i64) -> Result<Option<Category>> {
    Ok(conn
        .query_row(
            "SELECT id, name, deadline_days, retired FROM concern_category WHERE id = ?1",
            [id],
            category_from_row,
        )
        .optional()?)
}

/// Adds a category (`id` None) or changes one: its name, its default deadline in days, retired
/// or in use. A category is never deleted: concerns filed under it keep it. Returns its id.
pub fn save_category(
    tx: &Tx,
    id: Option<i64>,
    name: &str,
    deadline_days: u32,
    retired: bool,
) -> Result<i64> {
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(Error::invalid("分类名称", "不能为空"));
    }
    if len > 20 {
        return Err(Error::invalid("分类名称", "不能超过 20 个字"));
    }
    crate::people::check_line("分类名称", name)?;
    if !(1..=365).contains(&deadline_days) {
        return Err(Error::invalid("办理期限", "应为 1–365 天"));
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM concern_category WHERE name = ?1 AND id IS NOT ?2)",
        params![name, id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "分类名称",
            format!("已有名为“{name}”的分类（含已停用的）"),
        ));
    }
    let Some(id) = id else {
        tx.execute(
            "INSERT INTO concern_category (name, deadline_days, position, retired)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM concern_category), ?3)",
            params![name, deadline_days, retired],
        )?;
        let id = tx.last_insert_rowid();
        tx.note(format!(
            "新增诉求分类 {name}（{deadline_days} 天{}）",
            if retired { "，已停用" } else { "" }
        ));
        return Ok(id);
    };
    let old = category(tx, id)?.ok_or_else(|| Error::not_found("诉求分类", id))?;
    if retired && !old.retired {
        let others: i64 = tx.query_row(
            "SELECT count(*) FROM concern_category WHERE retired = 0 AND id <> ?1",
            [id],
            |r| r.get(0),
        )?;
        if others == 0 {
            return Err(Error::invalid(
                "诉求分类",
                format!(
                    "“{}”是唯一在用的分类，不能停用；请先新增或恢复一个分类",
                    old.name
                ),
            ));
        }
    }
    let mut changes = Vec::new();
    if old.name != name {
        changes.push(format!("改名为 {name}"));
    }
    if old.deadline_days != deadline_days {
        changes.push(format!(
            "办理期限 {} 天改为 {deadline_days} 天",
            old.deadline_days
        ));
    }
    if old.retired != retired {
        changes.push(if retired { "停用" } else { "恢复使用" }.to_string());
    }
    if changes.is_empty() {
        return Ok(id);
    }
    tx.execute(
        "UPDATE concern_category SET name = ?2, deadline_days = ?3, retired = ?4 WHERE id = ?1",
        params![id, name, deadline_days, retired],
    )?;
    tx.note(format!("修改诉求分类 {}：{}", old.name, changes.join("，")));
    Ok(id)
}
