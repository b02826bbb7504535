//! SQL building blocks shared by the list and report queries.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use crate::error::Result;

/// One page of a list, with the total count for the pager.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page<T> {
    pub total: i64,
    pub offset: i64,
    pub items: Vec<T>,
}

/// `column IN (unit ?param and every unit below it)`.
pub(crate) fn in_subtree(column: &str, param: usize) -> String {
    format!(
        "{column} IN (WITH RECURSIVE sub(id) AS (SELECT ?{param} UNION ALL \
         SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)"
    )
}

/// `text` made literal inside a LIKE pattern (`%`, `_` and `\` escaped; use `ESCAPE '\'`).
pub(crate) fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// One page of `select WHERE clause ORDER BY order`, with the total count over `table`
/// (`"person p"`, …) for the pager. `values` are the clause's parameters.
#[allow(clippy::too_many_arguments)]
pub(crate) fn page<T>(
    conn: &Connection,
    select: &str,
    table: &str,
    clause: &str,
    mut values: Vec<Value>,
    order: &str,
    (offset, limit): (i64, i64),
    row: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Page<T>> {
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE {clause}"),
        params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    let offset = offset.max(0);
    values.push(limit.into());
    values.push(offset.into());
    let n = values.len();
    let mut stmt = conn.prepare(&format!(
        "{select} WHERE {clause} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
        n - 1
    ))?;
    let items = stmt
        .query_map(params_from_iter(values.iter()), row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page {
        total,
        offset,
        items,
    })
}
