//! Every export as one job: the one entry point the desktop and the CLI call (as
//! [`crate::pdf::job`] is for printing). The sheets themselves are built by each feature's
//! `export` module.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use crate::activities::ActivityFilter;
use crate::attendance::RateQuery;
pub use crate::attendance::export::{
    Ledger, LedgerEntry, LedgerTotals, RatesBy, activity_list, attendance, ledger, ledger_entries,
    rates,
};
use crate::codes::ActivityKind;
use crate::collate::NameOrder;
use crate::error::Result;
use crate::people::PersonFilter;
pub use crate::people::export::{PeopleExport, people};
pub use crate::structure::export::structure;
use crate::structure::{Population, StructureQuery};
pub use crate::xlsx::export::Export;

/// One export, as the 导出 buttons ask for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportJob {
    People {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<PersonFilter>", optional))]
        filter: PersonFilter,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<NameOrder>", optional))]
        order: NameOrder,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
        full: bool,
    },
    Attendance {
        activity_id: i64,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<NameOrder>", optional))]
        order: NameOrder,
    },
    Rates {
        from: NaiveDate,
        to: NaiveDate,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        unit_id: Option<i64>,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<RatesBy>", optional))]
        by: RatesBy,
        /// Only activities of these kinds; empty: every kind.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ActivityKind>>", optional))]
        kinds: Vec<ActivityKind>,
    },
    Ledger {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        unit_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    },
    Activities {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<ActivityFilter>", optional))]
        filter: ActivityFilter,
    },
    Structure {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        unit_id: Option<i64>,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<Population>", optional))]
        population: Population,
        /// Default: today.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        as_of: Option<NaiveDate>,
    },
    /// The audit trail (管理员): the rows the 审计 screen's filter selects.
    Audit { query: crate::audit::AuditQuery },
}

/// Makes the workbook for `job`; `today` is the export date (and the date ages are computed on).
pub fn render(conn: &Connection, job: &ExportJob, today: NaiveDate) -> Result<Export> {
    match job {
        ExportJob::People {
            filter,
            order,
            full,
        } => people(
            conn,
            &PeopleExport {
                filter: filter.clone(),
                order: *order,
                full: *full,
            },
            today,
        ),
        ExportJob::Attendance { activity_id, order } => {
            attendance(conn, *activity_id, *order, today)
        }
        ExportJob::Rates {
            from,
            to,
            unit_id,
            by,
            kinds,
        } => rates(
            conn,
            &RateQuery {
                from: *from,
                to: *to,
                unit_id: *unit_id,
                kinds: kinds.clone(),
            },
            *by,
            today,
        ),
        ExportJob::Ledger { unit_id, from, to } => ledger(conn, *unit_id, *from, *to, today),
        ExportJob::Activities { filter } => activity_list(conn, filter, today),
        ExportJob::Structure {
            unit_id,
            population,
            as_of,
        } => structure(
            conn,
            &StructureQuery {
                unit_id: *unit_id,
                population: *population,
                as_of: as_of.unwrap_or(today),
            },
        ),
        ExportJob::Audit { query } => crate::audit::export(conn, query, today),
    }
}
