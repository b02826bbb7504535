//! An activity's 考勤, 出勤率 by person or unit, and the 活动台账 / 活动列表 as .xlsx.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::activities::{self, Activity, ActivityFilter};
use crate::attendance::{self, Counts, RateQuery, SheetRow};
use crate::codes::{ActivityKind, ActivityStatus};
use crate::collate::{NameOrder, sort_by_name};
use crate::error::{Error, Result};
use crate::units;
use crate::xlsx::export::*;

// ---- 考勤

/// An activity's attendance: invitees (then walk-ins, marked 非名单人员) in `order` with status,
/// check-in time and leave reason; a second sheet with the counts and the rate.
pub fn attendance(
    conn: &Connection,
    activity_id: i64,
    order: NameOrder,
    today: NaiveDate,
) -> Result<Export> {
    let sheet = attendance::sheet(conn, activity_id)?;
    let a = &sheet.activity;
    let ranks = unit_ranks(conn)?;
    let mut unit_of: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT unit_id FROM person WHERE id = ?1")?;
    for r in &sheet.rows {
        let unit: i64 = stmt.query_row([r.person_id], |row| row.get(0))?;
        unit_of.insert(r.person_id, ranks.get(&unit).copied().unwrap_or(i64::MAX));
    }
    let (mut invited, mut walk_ins): (Vec<&SheetRow>, Vec<&SheetRow>) =
        sheet.rows.iter().partition(|r| r.invited);
    for group in [&mut invited, &mut walk_ins] {
        sort_by_name(
            group,
            order,
            |r| r.name.as_str(),
            |r| unit_of.get(&r.person_id).copied().unwrap_or(i64::MAX),
            |r| r.employee_no.as_deref().unwrap_or(""),
        );
    }
    let title = format!(
        "{} 考勤（{}，{}）",
        a.title,
        a.starts_at.format("%Y-%m-%d %H:%M"),
        exported_on(today)
    );
    let mut t = Table::new(
        "考勤",
        Some(title),
        &[
            "序号",
            "工号",
            "姓名",
            "部门(班组)",
            "岗位",
            "状态",
            "签到时间",
            "请假事由",
            "备注",
        ],
    );
    for (i, r) in invited.iter().chain(&walk_ins).enumerate() {
        t.rows.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::opt_text(r.employee_no.as_deref()),
            Cell::text(&r.name),
            Cell::text(&r.unit_name),
            Cell::opt_text(r.position.as_deref()),
            Cell::text(r.status_label),
            r.checked_in_at.map_or(Cell::Empty, Cell::DateTime),
            Cell::opt_text(r.leave_reason.as_deref()),
            Cell::text(if r.invited { "" } else { "非名单人员" }),
        ]);
    }
    let c = &sheet.counts;
    let mut summary = Table::new("汇总", Some(a.title.clone()), &["项目", "数值"]);
    let held = a.status == ActivityStatus::Held;
    let count = |label: &str, n: i64| vec![Cell::text(label), Cell::Int(n)];
    summary.rows.extend([
        vec![Cell::text("活动时间"), Cell::DateTime(a.starts_at)],
        vec![Cell::text("活动类型"), Cell::text(a.kind.label())],
        vec![Cell::text("活动形式"), Cell::text(a.mode.label())],
        vec![Cell::text("活动状态"), Cell::text(a.status.label())],
        count("应到", c.invited),
        count("实到", c.attended),
        count("出席", c.present),
        count("迟到", c.late),
        count("请假", c.leave),
        count("缺席", c.absent),
    ]);
    if c.not_checked_in > 0 || !held {
        summary.rows.push(count("未签到", c.not_checked_in));
    }
    summary.rows.extend([
        count("非名单人员", c.walk_ins),
        vec![Cell::text("出勤率"), Cell::opt_percent(c.rate)],
    ]);
    finish(vec![t, summary], &format!("考勤-{}", a.title))
}

// ---- 出勤率

/// Which tables of the rates: by unit, by person, or both (two sheets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RatesBy {
    Unit,
    Person,
    #[default]
    Both,
}

fn count_cells(c: &Counts) -> Vec<Cell> {
    vec![
        Cell::Int(c.invited),
        Cell::Int(c.attended),
        Cell::Int(c.late),
        Cell::Int(c.leave),
        Cell::Int(c.absent),
        Cell::opt_percent(c.rate),
    ]
}

/// 出勤率 of held activities in the period: per unit (each with its sub-units) and / or per
/// person (lowest rate first).
pub fn rates(conn: &Connection, q: &RateQuery, by: RatesBy, today: NaiveDate) -> Result<Export> {
    let scope = units::scope_name(conn, q.unit_id)?;
    let period = format!(
        "{}至{}",
        crate::pdf::chinese_date(q.from),
        crate::pdf::chinese_date(q.to)
    );
    let mut tables = Vec::new();
    if by != RatesBy::Person {
        let list = attendance::rates_by_unit(conn, q)?;
        let mut t = Table::new(
            "按单位",
            Some(format!(
                "{scope}出勤率（按单位，含下级；{period}；{}）",
                exported_on(today)
            )),
            &[
                "单位",
                "单位路径",
                "应到",
                "实到",
                "迟到",
                "请假",
                "缺席",
                "出勤率",
            ],
        );
        for r in &list {
            let mut row = vec![
                // Full-width spaces show the tree in the sheet.
                Cell::text(format!("{}{}", "\u{3000}".repeat(r.depth as usize), r.name)),
                Cell::text(&r.path),
            ];
            row.extend(count_cells(&r.counts));
            t.rows.push(row);
        }
        tables.push(t);
    }
    if by != RatesBy::Unit {
        let list = attendance::rates_by_person(conn, q)?;
        let mut t = Table::new(
            "按人员",
            Some(format!(
                "{scope}出勤率（按人员，低的在前；{period}；{}）",
                exported_on(today)
            )),
            &[
                "工号",
                "姓名",
                "单位",
                "应到",
                "实到",
                "迟到",
                "请假",
                "缺席",
                "出勤率",
            ],
        );
        for r in &list {
            let mut row = vec![
                Cell::opt_text(r.employee_no.as_deref()),
                Cell::text(&r.name),
                Cell::text(&r.unit_name),
            ];
            row.extend(count_cells(&r.counts));
            t.rows.push(row);
        }
        tables.push(t);
    }
    finish(
        tables,
        &format!(
            "出勤率-{scope}-{}至{}",
            q.from.format("%Y%m%d"),
            q.to.format("%Y%m%d")
        ),
    )
}

// ---- 活动台账 / 活动列表

/// One activity of a ledger with its counts (only for held activities).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerEntry {
    pub activity: Activity,
    pub counts: Option<Counts>,
}

/// Sums of a ledger, per kind and overall (应到 / 实到 / 请假 over the held activities).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LedgerTotals {
    pub activities: i64,
    pub held: i64,
    pub invited: i64,
    pub attended: i64,
    pub leave: i64,
}

impl LedgerTotals {
    fn add(&mut self, o: &LedgerTotals) {
        self.activities += o.activities;
        self.held += o.held;
        self.invited += o.invited;
        self.attended += o.attended;
        self.leave += o.leave;
    }

    pub fn rate(&self) -> Option<f64> {
        let expected = self.invited - self.leave;
        (expected > 0).then(|| self.attended as f64 / expected as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ledger {
    pub entries: Vec<LedgerEntry>,
    /// In the kinds' display order.
    pub per_kind: Vec<(ActivityKind, LedgerTotals)>,
    pub total: LedgerTotals,
}

/// The activities matching `filter` with their counts and totals: what the printed 活动台账
/// shows (there: organised by a unit or below it, in a period, soonest first, not cancelled).
pub fn ledger_entries(
    conn: &Connection,
    filter: &ActivityFilter,
    include_cancelled: bool,
) -> Result<Ledger> {
    let list = activities::list(conn, filter, 0, i64::MAX)?.items;
    let mut per_kind: BTreeMap<ActivityKind, LedgerTotals> = BTreeMap::new();
    let mut total = LedgerTotals::default();
    let mut entries = Vec::with_capacity(list.len());
    for a in list {
        if a.status == ActivityStatus::Cancelled && !include_cancelled {
            continue;
        }
        let mut t = LedgerTotals {
            activities: 1,
            ..Default::default()
        };
        let counts = if a.status == ActivityStatus::Held {
            let c = attendance::counts(conn, a.id)?;
            t.held = 1;
            t.invited = c.invited;
            t.attended = c.attended;
            t.leave = c.leave;
            Some(c)
        } else {
            None
        };
        per_kind.entry(a.kind).or_default().add(&t);
        total.add(&t);
        entries.push(LedgerEntry {
            activity: a,
            counts,
        });
    }
    Ok(Ledger {
        entries,
        per_kind: per_kind.into_iter().collect(),
        total,
    })
}

fn ledger_tables(ledger: &Ledger, title: String, with_status: bool) -> Vec<Table> {
    let mut headers = vec![
        "序号",
        "日期",
        "开始时间",
        "类型",
        "形式",
        "活动名称",
        "主办单位",
        "主讲人",
    ];
    if with_status {
        headers.push("状态");
    }
    headers.extend(["应到", "实到", "迟到", "请假", "缺席", "出勤率"]);
    let mut t = Table::new("活动台账", Some(title.clone()), &headers);
    for (i, e) in ledger.entries.iter().enumerate() {
        let a = &e.activity;
        let mut row = vec![
            Cell::Int(i as i64 + 1),
            Cell::Date(a.starts_at.date()),
            Cell::text(a.starts_at.format("%H:%M").to_string()),
            Cell::text(a.kind.label()),
            Cell::text(a.mode.label()),
            Cell::text(&a.title),
            Cell::opt_text(a.organizer_name.as_deref()),
            Cell::opt_text(a.host.as_deref()),
        ];
        if with_status {
            row.push(Cell::text(a.status.label()));
        }
        match &e.counts {
            Some(c) => row.extend([
                Cell::Int(c.invited),
                Cell::Int(c.attended),
                Cell::Int(c.late),
                Cell::Int(c.leave),
                Cell::Int(c.absent),
                Cell::opt_percent(c.rate),
            ]),
            None => row.extend([
                Cell::Int(a.invited),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text(if a.status == ActivityStatus::Cancelled {
                    "已取消"
                } else {
                    "未开展"
                }),
            ]),
        }
        t.rows.push(row);
    }
    let mut sums = Table::new(
        "分类汇总",
        Some(format!(
            "{title}　分类汇总（应到、实到、请假和出勤率按已开展的活动统计）"
        )),
        &[
            "活动类型",
            "项数",
            "已开展",
            "应到",
            "实到",
            "请假",
            "出勤率",
        ],
    );
    let sum_row = |label: &str, s: &LedgerTotals| {
        vec![
            Cell::text(label),
            Cell::Int(s.activities),
            Cell::Int(s.held),
            Cell::Int(s.invited),
            Cell::Int(s.attended),
            Cell::Int(s.leave),
            Cell::opt_percent(s.rate()),
        ]
    };
    for (kind, s) in &ledger.per_kind {
        sums.rows.push(sum_row(kind.label(), s));
    }
    sums.rows.push(sum_row("合计", &ledger.total));
    vec![t, sums]
}

/// 活动台账 of a unit (with the units below it; None: all activities) for a period, as
/// printed: every activity not cancelled, soonest first, then the totals per kind.
pub fn ledger(
    conn: &Connection,
    unit_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Export> {
    if to < from {
        return Err(Error::invalid("截止日期", "不能早于起始日期"));
    }
    let scope = units::scope_name(conn, unit_id)?;
    let filter = ActivityFilter {
        from: Some(from),
        to: Some(to),
        organizer_unit_id: unit_id,
        ascending: true,
        ..Default::default()
    };
    let ledger = ledger_entries(conn, &filter, false)?;
    let title = format!(
        "{scope}活动台账（{}至{}；{}）",
        crate::pdf::chinese_date(from),
        crate::pdf::chinese_date(to),
        exported_on(today)
    );
    finish(
        ledger_tables(&ledger, title, false),
        &format!(
            "活动台账-{scope}-{}至{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
    )
}

/// The 活动管理 list as filtered on screen (cancelled ones included, with a 状态 column).
pub fn activity_list(
    conn: &Connection,
    filter: &ActivityFilter,
    today: NaiveDate,
) -> Result<Export> {
    let ledger = ledger_entries(conn, filter, true)?;
    let title = format!(
        "活动列表（{} 项；{}）",
        ledger.entries.len(),
        exported_on(today)
    );
    finish(ledger_tables(&ledger, title, true), "活动列表")
}
