//! An activity's 考勤, 出勤率 by person or unit, and the 活动台账 / 活动列表 as .xlsx.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::activities::{self, Activity, ActivityFilter};
use crate::attendance::{self, Counts, RateQuery, SheetRow};
use crate::codes::{ActivityKind, ActivityStatus, AttendanceStatus};
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

/// Which tables of the rates: by unit, by person, both (two sheets), by activity kind, or the
/// did-not-attend list (each absence, and per person with their longest run of absences).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RatesBy {
    Unit,
    Person,
    #[default]
    Both,
    Kind,
    Absent,
}

/// "专题讲座、职工座谈会" when the query is narrowed to some kinds, for titles.
pub fn kinds_text(q: &RateQuery) -> Option<String> {
    (!q.kinds.is_empty()).then(|| {
        q.kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("、")
    })
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
    let mut period = format!(
        "{}至{}",
        crate::pdf::chinese_date(q.from),
        crate::pdf::chinese_date(q.to)
    );
    if let Some(kinds) = kinds_text(q) {
        period = format!("{period}；活动类型：{kinds}");
    }
    let mut tables = Vec::new();
    let file = |what: &str| {
        format!(
            "{what}-{scope}-{}至{}",
            q.from.format("%Y%m%d"),
            q.to.format("%Y%m%d")
        )
    };
    match by {
        RatesBy::Kind => {
            tables.push(kind_table(conn, q, &scope, &period, today)?);
            return finish(tables, &file("出勤统计按活动类型"));
        }
        RatesBy::Absent => {
            tables.extend(absent_tables(conn, q, &scope, &period, today)?);
            return finish(tables, &file("未出勤名单"));
        }
        _ => {}
    }
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
    finish(tables, &file("出勤率"))
}

/// 按活动类型: a row per unit (tree order), for each kind 次数 and 出勤率, then all kinds.
fn kind_table(
    conn: &Connection,
    q: &RateQuery,
    scope: &str,
    period: &str,
    today: NaiveDate,
) -> Result<Table> {
    let t = attendance::rates_by_kind(conn, q)?;
    let mut headers: Vec<String> = vec!["单位".into(), "单位路径".into()];
    for k in &t.kinds {
        headers.push(format!("{}次数", k.label()));
        headers.push(format!("{}出勤率", k.label()));
    }
    headers.extend(["合计次数", "应到", "实到", "请假", "缺席", "出勤率"].map(String::from));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = Table::new(
        "按活动类型",
        Some(format!(
            "{scope}活动开展与出勤（按组织单位，含下级；{period}；{}）",
            exported_on(today)
        )),
        &header_refs,
    );
    for r in &t.rows {
        let mut row = vec![
            Cell::text(format!("{}{}", "\u{3000}".repeat(r.depth as usize), r.name)),
            Cell::text(&r.path),
        ];
        for c in &r.cells {
            row.push(Cell::Int(c.activities));
            row.push(Cell::opt_percent(c.counts.rate));
        }
        row.extend([
            Cell::Int(r.activities),
            Cell::Int(r.counts.invited),
            Cell::Int(r.counts.attended),
            Cell::Int(r.counts.leave),
            Cell::Int(r.counts.absent),
            Cell::opt_percent(r.counts.rate),
        ]);
        table.rows.push(row);
    }
    Ok(table)
}

/// 未出勤名单: every absence and leave of the period by date; then per person their 缺席 and
/// 请假 counts and longest run of absences (most absences first).
fn absent_tables(
    conn: &Connection,
    q: &RateQuery,
    scope: &str,
    period: &str,
    today: NaiveDate,
) -> Result<Vec<Table>> {
    let list = attendance::absences(conn, q, true)?;
    let mut each = Table::new(
        "未出勤名单",
        Some(format!(
            "{scope}未出勤名单（{period}；{}）",
            exported_on(today)
        )),
        &["日期", "活动", "工号", "姓名", "单位", "情况", "请假事由"],
    );
    // Per person: (工号, 姓名, 单位, 缺席, 请假), in order of first appearance.
    let mut per_person: Vec<(i64, Option<String>, String, String, i64, i64)> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for a in &list {
        each.rows.push(vec![
            Cell::Date(a.starts_at.date()),
            Cell::text(&a.activity_title),
            Cell::opt_text(a.employee_no.as_deref()),
            Cell::text(&a.name),
            Cell::text(&a.unit_name),
            Cell::text(a.status.label()),
            Cell::opt_text(a.leave_reason.as_deref()),
        ]);
        let i = *index.entry(a.person_id).or_insert_with(|| {
            per_person.push((
                a.person_id,
                a.employee_no.clone(),
                a.name.clone(),
                a.unit_name.clone(),
                0,
                0,
            ));
            per_person.len() - 1
        });
        if a.status == AttendanceStatus::Leave {
            per_person[i].5 += 1;
        } else {
            per_person[i].4 += 1;
        }
    }
    let runs: HashMap<i64, u32> = attendance::absence_runs(conn, q, 1)?
        .into_iter()
        .map(|r| (r.person_id, r.longest))
        .collect();
    per_person.sort_by(|a, b| b.4.cmp(&a.4).then(b.5.cmp(&a.5)).then(a.1.cmp(&b.1)));
    let mut people = Table::new(
        "按人员汇总",
        Some(format!(
            "{scope}未出勤人员汇总（{period}；请假不算缺席，并中断连续；{}）",
            exported_on(today)
        )),
        &[
            "工号",
            "姓名",
            "单位",
            "缺席次数",
            "请假次数",
            "最长连续缺席",
        ],
    );
    for (id, no, name, unit, absent, leave) in per_person {
        people.rows.push(vec![
            Cell::opt_text(no.as_deref()),
            Cell::text(name),
            Cell::text(unit),
            Cell::Int(absent),
            Cell::Int(leave),
            Cell::Int(i64::from(runs.get(&id).copied().unwrap_or(0))),
        ]);
    }
    Ok(vec![each, people])
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
