//! Every export as one job: the one entry point the desktop and the CLI call (as
//! [`crate::pdf::job`] is for printing). The sheets themselves are built by each feature's
//! `export` module.

use chrono::{NaiveDate, NaiveDateTime};
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
use crate::evaluation::{HonourFilter, export as evaluation};
use crate::people::PersonFilter;
pub use crate::people::export::{PeopleExport, people};
pub use crate::structure::export::structure;
use crate::structure::{Population, StructureQuery};
use crate::voice::concern::ConcernFilter;
use crate::voice::contact::VisitFilter;
use crate::voice::opinion::OpinionFilter;
use crate::voice::talk::TalkFilter;
use crate::voice::{Period, Viewer, export as voice};
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
    /// 群众诉求 list.
    Concerns {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<ConcernFilter>", optional))]
        filter: ConcernFilter,
    },
    /// 思想动态 list.
    Opinions {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<OpinionFilter>", optional))]
        filter: OpinionFilter,
    },
    /// 联系点走访记录.
    Visits {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<VisitFilter>", optional))]
        filter: VisitFilter,
    },
    /// 谈心谈话 records; the summaries only when `summaries` (and only those the caller may see).
    Talks {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<TalkFilter>", optional))]
        filter: TalkFilter,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
        summaries: bool,
    },
    /// 联系点走访覆盖 of a quarter.
    ContactCoverage { year: i32, quarter: u32 },
    /// 谈心谈话覆盖 of a period.
    TalkCoverage {
        from: NaiveDate,
        to: NaiveDate,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        unit_id: Option<i64>,
    },
    /// 考核结果 of a round (a preview while 评分中 and not computed), with 计分依据.
    EvalResults { round_id: i64 },
    /// 推优评先 candidates with each rule's result, votes and selection.
    RecognitionCandidates { round_id: i64 },
    /// 荣誉名册.
    Honours {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<HonourFilter>", optional))]
        filter: HonourFilter,
    },
    /// One cadre's 考核 history.
    EvalHistory { person_id: i64 },
}

/// Makes the workbook for `job` at `now` (its date is the export date, and the date ages are
/// computed on); `viewer` decides which 谈心谈话 summaries a talks export may carry.
pub fn render(
    conn: &Connection,
    job: &ExportJob,
    now: NaiveDateTime,
    viewer: Viewer,
) -> Result<Export> {
    let today = now.date();
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
        ExportJob::Concerns { filter } => voice::concerns(conn, filter, today),
        ExportJob::Opinions { filter } => voice::opinions(conn, filter, now),
        ExportJob::Visits { filter } => voice::visits(conn, filter),
        ExportJob::Talks { filter, summaries } => voice::talks(conn, filter, viewer, *summaries),
        ExportJob::ContactCoverage { year, quarter } => {
            voice::contact_coverage(conn, *year, *quarter)
        }
        ExportJob::TalkCoverage { from, to, unit_id } => {
            voice::talk_coverage(conn, Period::new(*from, *to)?, *unit_id, today)
        }
        ExportJob::EvalResults { round_id } => evaluation::results(conn, *round_id, now),
        ExportJob::RecognitionCandidates { round_id } => {
            evaluation::recognition_candidates(conn, *round_id, today)
        }
        ExportJob::Honours { filter } => evaluation::honours(conn, filter, today),
        ExportJob::EvalHistory { person_id } => evaluation::history(conn, *person_id, today),
    }
}
