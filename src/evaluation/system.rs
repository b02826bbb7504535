//! 考核指标体系: versions, indicators, checks (weights sum to 100).

use rusqlite::Connection;

use super::{System, SystemInput, SystemSummary};
use crate::db::Tx;
use crate::error::Result;

/// Checks a system as written: a name, at least one indicator, weights (one decimal) summing
/// to 100 ("各项指标权重合计应为 100，现为 95"), each method's fields (an automatic indicator's
/// source, rule and target or bands), ballot points 0–100.
pub fn check(input: &SystemInput) -> Result<()> {
    todo!()
}

/// The newest version of each system (every version with `all_versions`), retired ones only
/// with `include_retired`, by name.
pub fn list(
    conn: &Connection,
    all_versions: bool,
    include_retired: bool,
) -> Result<Vec<SystemSummary>> {
    todo!()
}

pub fn get(conn: &Connection, id: i64) -> Result<System> {
    todo!()
}

/// Writes a new system (`id` None) or an edit of version `id`. A frozen version (used by a
/// round past 评分中) is left as it is: the edit becomes the next version of its family (the
/// old one `superseded`), and rounds still 评分中 on the old version move to the new one.
/// Returns the id of the version written. Editing a superseded version is refused.
pub fn save(tx: &Tx, id: Option<i64>, input: SystemInput) -> Result<i64> {
    todo!()
}

/// Retires (or brings back) every version of the system `id` belongs to: retired systems are
/// not offered for new rounds.
pub fn set_retired(tx: &Tx, id: i64, retired: bool) -> Result<()> {
    todo!()
}
