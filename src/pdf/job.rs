//! What the 打印 buttons and `qungong print` ask for: one job, the options from 设置, and a file
//! name for the save dialog. The documents themselves are in [`crate::pdf`].

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use crate::attendance::RateQuery;
use crate::codes::ActivityKind;
use crate::collate::NameOrder;
use crate::error::Result;
use crate::evaluation::HonourFilter;
use crate::pdf::{self, Document, FontChoice, PrintOptions, StatsTab};
use crate::structure::{Config, Population, StructureQuery};
use crate::{activities, settings, units};

/// One printed document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintJob {
    SignInSheet {
        activity_id: i64,
    },
    AttendanceSheet {
        activity_id: i64,
    },
    /// 活动记录: the activity's record with its photos.
    ActivityRecord {
        activity_id: i64,
    },
    Roster {
        unit_id: i64,
    },
    Ledger {
        unit_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// 队伍结构分析报告 (brackets and thresholds from 设置).
    Structure {
        unit_id: Option<i64>,
        population: Population,
        as_of: NaiveDate,
        #[serde(default = "default_years")]
        years: u32,
    },
    /// 出勤统计表: one tab of 出勤统计 for a period (a unit and its sub-units, or everyone).
    AttendanceStats {
        tab: StatsTab,
        from: NaiveDate,
        to: NaiveDate,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        unit_id: Option<i64>,
        /// Only activities of these kinds; empty: every kind.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ActivityKind>>", optional))]
        kinds: Vec<ActivityKind>,
    },
    /// 群众诉求上报单.
    ConcernEscalation {
        concern_id: i64,
    },
    /// 职工思想动态分析报告 (a saved report: its text, the figures computed now).
    OpinionReport {
        report_id: i64,
    },
    /// 考核结果汇总表 of a 考核 (a preview while it is 评分中 and not computed).
    EvalResults {
        round_id: i64,
    },
    /// 考核反馈表: a page per subject; `person_id` None: every subject, in rank order.
    EvalFeedback {
        round_id: i64,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        person_id: Option<i64>,
    },
    /// 民主测评表: blank for the meeting, or `filled` with the counts entered.
    BallotSheet {
        round_id: i64,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
        filled: bool,
    },
    /// The 公示 of a 推优评先 round (公示中 or 已确认).
    RecognitionNotice {
        round_id: i64,
    },
    /// 荣誉名册 of the honours the filter selects.
    Honours {
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(as = "Option<HonourFilter>", optional))]
        filter: HonourFilter,
    },
}

fn default_years() -> u32 {
    5
}

/// Choices a user makes when printing; the font comes from `font` or else from 设置.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PrintChoices {
    pub order: NameOrder,
    pub show_id_number: bool,
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub show_phone: bool,
    pub unmask: bool,
    pub font: Option<PathBuf>,
}

/// The options for a job: the user's choices, the font (given, else 设置, else the system's),
/// and today as 打印日期.
pub fn options(
    conn: &Connection,
    choices: &PrintChoices,
    today: NaiveDate,
) -> Result<PrintOptions> {
    let font = match &choices.font {
        Some(path) => Some(path.clone()),
        None => settings::get(conn, super::FONT_SETTING.name)?.map(PathBuf::from),
    };
    Ok(PrintOptions {
        font: FontChoice { path: font },
        order: choices.order,
        show_id_number: choices.show_id_number,
        show_phone: choices.show_phone,
        unmask: choices.unmask,
        today,
    })
}

pub fn render(conn: &Connection, job: &PrintJob, opts: &PrintOptions) -> Result<Document> {
    match *job {
        PrintJob::SignInSheet { activity_id } => pdf::sign_in_sheet(conn, activity_id, opts),
        PrintJob::AttendanceSheet { activity_id } => pdf::attendance_sheet(conn, activity_id, opts),
        PrintJob::ActivityRecord { activity_id } => pdf::activity_record(conn, activity_id, opts),
        PrintJob::Roster { unit_id } => pdf::roster(conn, unit_id, opts),
        PrintJob::Ledger { unit_id, from, to } => pdf::ledger(conn, unit_id, from, to, opts),
        PrintJob::Structure {
            unit_id,
            population,
            as_of,
            years,
        } => {
            let q = StructureQuery {
                unit_id,
                population,
                as_of,
            };
            pdf::structure_report(conn, &q, &Config::load(conn)?, years, opts)
        }
        PrintJob::AttendanceStats {
            tab,
            from,
            to,
            unit_id,
            ref kinds,
        } => {
            let q = RateQuery {
                from,
                to,
                unit_id,
                kinds: kinds.clone(),
            };
            pdf::attendance_stats(conn, tab, &q, opts)
        }
        PrintJob::ConcernEscalation { concern_id } => {
            pdf::voice::concern_escalation(conn, concern_id, opts)
        }
        PrintJob::OpinionReport { report_id } => pdf::voice::opinion_report(conn, report_id, opts),
        PrintJob::EvalResults { round_id } => pdf::evaluation::results(conn, round_id, opts),
        PrintJob::EvalFeedback {
            round_id,
            person_id,
        } => pdf::evaluation::feedback(conn, round_id, person_id, opts),
        PrintJob::BallotSheet { round_id, filled } => {
            pdf::evaluation::ballot_sheet(conn, round_id, filled, opts)
        }
        PrintJob::RecognitionNotice { round_id } => {
            pdf::evaluation::recognition_notice(conn, round_id, opts)
        }
        PrintJob::Honours { ref filter } => pdf::evaluation::honours(conn, filter, opts),
    }
}

/// A file name to offer in the save dialog, e.g. "签到表-安全生产专题讲座.pdf".
pub fn file_name(conn: &Connection, job: &PrintJob) -> Result<String> {
    let name = match *job {
        PrintJob::SignInSheet { activity_id } => {
            format!("签到表-{}", activities::get(conn, activity_id)?.title)
        }
        PrintJob::AttendanceSheet { activity_id } => {
            format!("考勤表-{}", activities::get(conn, activity_id)?.title)
        }
        PrintJob::ActivityRecord { activity_id } => {
            format!("活动记录-{}", activities::get(conn, activity_id)?.title)
        }
        PrintJob::Roster { unit_id } => format!("花名册-{}", units::get(conn, unit_id)?.name),
        PrintJob::Ledger { unit_id, from, to } => format!(
            "活动台账-{}-{}至{}",
            units::get(conn, unit_id)?.name,
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        PrintJob::Structure {
            unit_id,
            population,
            as_of,
            ..
        } => format!(
            "队伍结构分析报告-{}{}-{}",
            units::scope_name(conn, unit_id)?,
            population.label(),
            as_of.format("%Y%m%d")
        ),
        PrintJob::AttendanceStats {
            tab,
            from,
            to,
            unit_id,
            ..
        } => format!(
            "出勤统计表（{}）-{}-{}至{}",
            tab.label(),
            units::scope_name(conn, unit_id)?,
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        PrintJob::ConcernEscalation { concern_id } => format!(
            "群众诉求上报单-{}",
            crate::voice::export::concern_number(
                &crate::voice::concern::get(conn, concern_id, crate::db::today())?.uid
            )
        ),
        PrintJob::OpinionReport { report_id } => {
            crate::voice::report::get(conn, report_id)?.input.title
        }
        PrintJob::EvalResults { round_id } => {
            format!(
                "考核结果汇总表-{}",
                pdf::evaluation::round_name(conn, round_id)?
            )
        }
        PrintJob::EvalFeedback {
            round_id,
            person_id,
        } => {
            let round = pdf::evaluation::round_name(conn, round_id)?;
            match person_id {
                Some(id) => format!("考核反馈表-{round}-{}", crate::people::get(conn, id)?.name),
                None => format!("考核反馈表-{round}"),
            }
        }
        PrintJob::BallotSheet { round_id, filled } => format!(
            "{}-{}",
            if filled {
                "民主测评统计表"
            } else {
                "民主测评表"
            },
            pdf::evaluation::round_name(conn, round_id)?
        ),
        PrintJob::RecognitionNotice { round_id } => format!(
            "公示-{}",
            pdf::evaluation::recognition_name(conn, round_id)?
        ),
        PrintJob::Honours { ref filter } => pdf::evaluation::honours_file_stem(conn, filter)?,
    };
    // Characters file systems refuse become '_'.
    let safe: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    Ok(format!("{safe}.pdf"))
}
