//! 党群沟通: what staff say and how it was followed up — 群众诉求 ([`concern`]), 思想动态与舆情
//! ([`opinion`]), 领导班子联系点 ([`contact`]), 谈心谈话 ([`talk`]) and the quarterly
//! 职工思想动态分析报告 ([`report`]). Deadlines count calendar days, or working days once a
//! holiday list is set ([`deadline`]).

pub mod concern;
pub mod contact;
pub mod deadline;
pub mod export;
pub mod opinion;
pub mod report;
pub mod talk;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A period of days, both ends included (a quarter, a year, any dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if to < from {
            return Err(Error::invalid("结束日期", "不能早于开始日期"));
        }
        Ok(Period { from, to })
    }

    /// The quarter (1–4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Result<Period> {
        if !(1..=4).contains(&quarter) {
            return Err(Error::invalid("季度", "应为 1–4"));
        }
        let from = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)
            .ok_or_else(|| Error::invalid("年份", "超出范围"))?;
        let to = if quarter == 4 {
            NaiveDate::from_ymd_opt(year, 12, 31)
        } else {
            NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1).and_then(|d| d.pred_opt())
        }
        .ok_or_else(|| Error::invalid("年份", "超出范围"))?;
        Ok(Period { from, to })
    }

    /// The quarter `day` falls in.
    pub fn quarter_of(day: NaiveDate) -> Period {
        let q = (day.month() - 1) / 3 + 1;
        Period::quarter(day.year(), q).expect("a real date's quarter")
    }

    /// The calendar year of `year`.
    pub fn year(year: i32) -> Result<Period> {
        let from = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| Error::invalid("年份", "超出范围"))?;
        let to = NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or_else(|| Error::invalid("年份", "超出范围"))?;
        Ok(Period { from, to })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// 2026年10月1日至2026年12月31日.
    pub fn label(&self) -> String {
        format!(
            "{}至{}",
            crate::pdf::chinese_date(self.from),
            crate::pdf::chinese_date(self.to)
        )
    }
}

/// Trims `s`; empty becomes None.
pub(crate) fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Checks that the unit `id` exists; `field` names it in the error.
pub(crate) fn check_unit(conn: &rusqlite::Connection, field: &'static str, id: i64) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM unit WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::invalid(field, "请选择一个存在的单位"))
    }
}

/// Checks that the person `id` exists; `field` names it in the error.
pub(crate) fn check_person(
    conn: &rusqlite::Connection,
    field: &'static str,
    id: i64,
) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::invalid(field, "请选择一名存在的职工"))
    }
}

/// Who is looking: decides whether a 谈心谈话 summary is shown. The core's own callers that
/// may see everything pass [`Viewer::ADMIN`]; the default (no account, not admin) sees none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewer {
    pub account_id: Option<i64>,
    pub admin: bool,
}

impl Viewer {
    /// The administrator (sees every summary).
    pub const ADMIN: Viewer = Viewer {
        account_id: None,
        admin: true,
    };
}
