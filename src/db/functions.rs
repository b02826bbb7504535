//! SQL functions of our own, registered on every connection [`super::Db::open`] makes.
//!
//! `qg_collect(key, invited, status)`: an aggregate over attendance rows that hands back, for
//! every row in the order the query's loop met them, one integer `key × 16 + slot`, where slot
//! is what the row adds to ([`slot`]: 1 出席, 2 迟到, 3 请假, 4 缺席, 5 no status, 6 walk-in), as
//! one list. The statistics over a
//! period's ~340,000 attendance rows (src/attendance) use it so that the rows never leave SQLite
//! one at a time: handing a row to the caller (`step`, then a column read) cost about three
//! times what SQLite spends finding it, and a CASE over the status text in SQL about as much
//! again; one call into Rust per row from inside the query, looking at a byte or two of the
//! status, costs a fraction of either. The aggregate's result is NULL; the codes themselves are
//! left for the caller on its thread ([`take_collected`]), so ~340,000 codes are not copied
//! into a blob and back.

use rusqlite::Connection;
use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;

/// What an attendance row adds to: 6 when not invited (a walk-in), else by status (the CHECK
/// allows only these four words or NULL; anything else would count as no status).
pub(crate) fn slot(invited: bool, status: Option<&[u8]>) -> i64 {
    if !invited {
        return 6;
    }
    match status {
        Some(b"present") => 1,
        Some(b"late") => 2,
        Some(b"leave") => 3,
        Some(b"absent") => 4,
        _ => 5,
    }
}

thread_local! {
    /// The codes of the last `qg_collect` query run on this thread, until taken.
    static COLLECTED: std::cell::RefCell<Option<Vec<i64>>> = const { std::cell::RefCell::new(None) };
}

/// The codes of the `qg_collect` query just run on this thread (none when it met no row).
pub(crate) fn take_collected() -> Vec<i64> {
    COLLECTED
        .with(|c| c.borrow_mut().take())
        .unwrap_or_default()
}

struct Collect;

impl Aggregate<Vec<i64>, Option<i64>> for Collect {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<Vec<i64>> {
        // A year of a city company is ~340,000 rows; start at a size that grows a few times.
        Ok(Vec::with_capacity(1 << 14))
    }

    fn step(&self, ctx: &mut Context<'_>, acc: &mut Vec<i64>) -> rusqlite::Result<()> {
        // The raw value: no conversion machinery (this runs for each of ~340,000 rows).
        let key = match ctx.get_raw(0) {
            ValueRef::Integer(n) => n,
            _ => 0,
        };
        let invited = matches!(ctx.get_raw(1), ValueRef::Integer(n) if n != 0);
        let status = match ctx.get_raw(2) {
            ValueRef::Text(t) => Some(t),
            _ => None,
        };
        acc.push(key * 16 + slot(invited, status));
        Ok(())
    }

    fn finalize(
        &self,
        _: &mut Context<'_>,
        acc: Option<Vec<i64>>,
    ) -> rusqlite::Result<Option<i64>> {
        COLLECTED.with(|c| *c.borrow_mut() = acc);
        Ok(None)
    }
}

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_aggregate_function(
        "qg_collect",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        Collect,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collect_hands_back_every_row_coded_in_loop_order() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (k INTEGER PRIMARY KEY, person INTEGER, invited INTEGER, status TEXT);
             INSERT INTO t VALUES (1, 30, 1, 'late'), (2, 7, 0, NULL), (3, 1099511627776, 1, NULL),
                                  (4, 5, 1, 'present'), (5, 5, 1, 'leave'), (6, 5, 1, 'absent'),
                                  (7, 5, 0, 'present');",
        )
        .unwrap();
        let result: Option<i64> = conn
            .query_row(
                "SELECT qg_collect(person, invited, status) FROM t ORDER BY k",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(result, None);
        assert_eq!(
            take_collected(),
            vec![
                30 * 16 + 2,
                7 * 16 + 6,
                1_099_511_627_776 * 16 + 5,
                5 * 16 + 1,
                5 * 16 + 3,
                5 * 16 + 4,
                5 * 16 + 6,
            ]
        );
        // Taken once; a query that meets no row leaves none.
        assert!(take_collected().is_empty());
        conn.query_row(
            "SELECT qg_collect(person, invited, status) FROM t WHERE k > 100",
            [],
            |r| r.get::<_, Option<i64>>(0),
        )
        .unwrap();
        assert!(take_collected().is_empty());
    }
}
