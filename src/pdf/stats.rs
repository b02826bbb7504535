//! 出勤统计表: the 出勤统计 screen's four tabs as printed tables — 按单位, 按人员, 按活动类型 and
//! 未出勤名单 — with the period, the kinds chosen, the notes a reader needs, and no personal
//! numbers (身份证号, 手机) at all.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::attendance::{self, Absence, Counts, RateQuery, export::kinds_text};
use crate::codes::AttendanceStatus;
use crate::error::Result;
use crate::units;

use super::docs::{finish, print_date};
use super::layout::{A4_LONG, A4_SHORT, Align, Block, Column, DocSpec, Table, mm};
use super::{Document, PrintOptions, chinese_date};

/// Which tab of 出勤统计 is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum StatsTab {
    /// 按单位: the unit tree, each unit with its sub-units.
    Unit,
    /// 按人员: lowest rate first, rates under the 设置 threshold marked.
    Person,
    /// 按活动类型: activities held and their rate per organising unit and kind.
    Kind,
    /// 未出勤名单: who missed what, and the runs of absences.
    Absent,
}

impl StatsTab {
    /// "按单位" … as in the title "…出勤统计表（按单位）".
    pub fn label(self) -> &'static str {
        match self {
            StatsTab::Unit => "按单位",
            StatsTab::Person => "按人员",
            StatsTab::Kind => "按活动类型",
            StatsTab::Absent => "未出勤名单",
        }
    }
}

/// The note every tab carries on how the rate is made.
const RATE_NOTE: &str =
    "出勤率 = 实到 ÷（应到 − 请假）：请假不算缺席，也不计入出勤率的应到人数；只统计已开展的活动。";

/// The number of activity lines in one row of the did-not-attend list: a person who missed more
/// is continued in a second row, so no row is taller than a page.
const LINES_PER_ROW: usize = 24;

fn percent(rate: Option<f64>) -> String {
    rate.map_or("—".to_string(), |r| format!("{:.1}%", r * 100.0))
}

fn count_cells(c: &Counts) -> [String; 6] {
    [
        c.invited.to_string(),
        c.attended.to_string(),
        c.late.to_string(),
        c.leave.to_string(),
        c.absent.to_string(),
        c.rate_text(),
    ]
}

fn count_columns() -> [Column; 6] {
    [
        Column::new("应到", 11.0, Align::Center),
        Column::new("实到", 11.0, Align::Center),
        Column::new("迟到", 11.0, Align::Center),
        Column::new("请假", 11.0, Align::Center),
        Column::new("缺席", 11.0, Align::Center),
        Column::new("出勤率", 30.0, Align::Center),
    ]
}

/// A unit's name indented by its depth (full-width spaces, as in the .xlsx export).
fn indented(name: &str, depth: u32) -> String {
    format!("{}{name}", "\u{3000}".repeat(depth as usize))
}

/// The 出勤统计表 of one tab for the period, unit and kinds of `q`.
pub fn attendance_stats(
    conn: &Connection,
    tab: StatsTab,
    q: &RateQuery,
    opts: &PrintOptions,
) -> Result<Document> {
    let scope = units::scope_name(conn, q.unit_id)?;
    let path = match q.unit_id {
        Some(id) => units::get(conn, id)?.path.replace('/', " / "),
        None => scope.clone(),
    };
    let title = format!("{scope}出勤统计表（{}）", tab.label());
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "单位：{path}　　期间：{}至{}",
                chinese_date(q.from),
                chinese_date(q.to)
            ),
            right: print_date(opts),
        },
    ];
    if let Some(kinds) = kinds_text(q) {
        blocks.push(Block::Paragraph(format!(
            "活动类型：{kinds}（只统计这些类型的活动）"
        )));
    }
    let landscape = match tab {
        StatsTab::Unit => unit_tab(conn, q, &mut blocks)?,
        StatsTab::Person => person_tab(conn, q, &mut blocks)?,
        StatsTab::Kind => kind_tab(conn, q, &mut blocks)?,
        StatsTab::Absent => absent_tab(conn, q, &mut blocks)?,
    };
    finish(
        &DocSpec {
            running_title: title,
            landscape,
            blocks,
        },
        opts,
    )
}

fn notes(blocks: &mut Vec<Block>, text: String) {
    blocks.push(Block::Paragraph(text));
    blocks.push(Block::Space(4.0));
}

fn unit_tab(conn: &Connection, q: &RateQuery, blocks: &mut Vec<Block>) -> Result<bool> {
    let list = attendance::rates_by_unit(conn, q)?;
    notes(
        blocks,
        format!("说明：各单位的数字含其下级单位（按人员现在所在的单位统计）。{RATE_NOTE}"),
    );
    let mut columns = vec![Column::new("单位", 58.0, Align::Left)];
    columns.extend(count_columns());
    let rows = list
        .iter()
        .map(|r| {
            let mut row = vec![indented(&r.name, r.depth)];
            row.extend(count_cells(&r.counts));
            row
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns,
        rows,
        size: 10.0,
        min_row_height: 0.0,
    }));
    Ok(false)
}

fn person_tab(conn: &Connection, q: &RateQuery, blocks: &mut Vec<Block>) -> Result<bool> {
    let list = attendance::rates_by_person(conn, q)?;
    let threshold = attendance::low_rate::low_rate(conn)?;
    let is_low = |c: &Counts| c.rate.is_some_and(|r| r * 100.0 < f64::from(threshold));
    let low = list.iter().filter(|r| is_low(&r.counts)).count();
    notes(
        blocks,
        format!(
            "共 {} 人，出勤率低的在前；其中出勤率低于 {threshold}% 的 {low} 人，在“偏低”栏标 ▲（提醒线可在“设置”中修改）。{RATE_NOTE}非名单人员签到不计入出勤率，在备注栏注明。",
            list.len()
        ),
    );
    let mut columns = vec![
        Column::new("序号", 10.0, Align::Center),
        Column::new("工号", 15.0, Align::Center),
        Column::new("姓名", 15.0, Align::Center),
        Column::new("单位", 29.0, Align::Left),
    ];
    columns.extend(count_columns());
    columns.push(Column::new("偏低", 10.0, Align::Center));
    columns.push(Column::new("备注", 30.0, Align::Left));
    let rows = list
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                (i + 1).to_string(),
                r.employee_no.clone().unwrap_or_default(),
                r.name.clone(),
                r.unit_name.clone(),
            ];
            row.extend(count_cells(&r.counts));
            row.push(if is_low(&r.counts) { "▲" } else { "" }.to_string());
            row.push(if r.counts.walk_ins > 0 {
                format!("非名单签到 {} 次", r.counts.walk_ins)
            } else {
                String::new()
            });
            row
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns,
        rows,
        size: 9.0,
        min_row_height: 0.0,
    }));
    Ok(false)
}

fn kind_tab(conn: &Connection, q: &RateQuery, blocks: &mut Vec<Block>) -> Result<bool> {
    let t = attendance::rates_by_kind(conn, q)?;
    notes(
        blocks,
        format!(
            "说明：活动按组织单位统计，各单位的数字含其下级单位组织的活动；“次数”为已开展的活动数。{RATE_NOTE}"
        ),
    );
    let landscape = t.kinds.len() > 3;
    let size = if landscape { 8.5 } else { 9.5 };
    // The kind's name heads both its columns, as wide as each other. A name longer than a
    // column's line is broken in two even halves (形势任/务宣讲, not 形势任务宣/讲).
    const UNIT_WEIGHT: f32 = 30.0;
    const WEIGHT: f32 = 12.0;
    let total = UNIT_WEIGHT + WEIGHT * 2.0 * (t.kinds.len() + 1) as f32;
    let page = if landscape { A4_LONG } else { A4_SHORT } - 2.0 * mm(15.0);
    let per_line = ((page * WEIGHT / total - 6.0) / size).floor().max(1.0) as usize;
    let head = |label: &str| {
        let chars: Vec<char> = label.chars().collect();
        if chars.len() <= per_line {
            label.to_string()
        } else {
            let half = chars.len().div_ceil(2);
            format!(
                "{}\n{}",
                chars[..half].iter().collect::<String>(),
                chars[half..].iter().collect::<String>()
            )
        }
    };
    let mut columns = vec![Column::new("单位", UNIT_WEIGHT, Align::Left)];
    for k in &t.kinds {
        let label = head(k.label());
        columns.push(Column::new(
            &format!("{label}\n次数"),
            WEIGHT,
            Align::Center,
        ));
        columns.push(Column::new(
            &format!("{label}\n出勤率"),
            WEIGHT,
            Align::Center,
        ));
    }
    columns.push(Column::new("合计\n次数", WEIGHT, Align::Center));
    columns.push(Column::new("合计\n出勤率", WEIGHT, Align::Center));
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![indented(&r.name, r.depth)];
            for c in &r.cells {
                row.push(c.activities.to_string());
                row.push(percent(c.counts.rate));
            }
            row.push(r.activities.to_string());
            row.push(percent(r.counts.rate));
            row
        })
        .collect();
    if t.kinds.is_empty() {
        blocks.push(Block::Paragraph("期间内没有已开展的活动。".into()));
    }
    blocks.push(Block::Table(Table {
        columns,
        rows,
        size,
        min_row_height: 0.0,
    }));
    Ok(landscape)
}

/// One person's missed activities: who, and each absence or leave in order of date.
struct Missed<'a> {
    first: &'a Absence,
    absent: usize,
    leave: usize,
    lines: Vec<String>,
}

fn absent_tab(conn: &Connection, q: &RateQuery, blocks: &mut Vec<Block>) -> Result<bool> {
    let list = attendance::absences(conn, q, true)?;
    let mut people: Vec<Missed> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for a in &list {
        let i = *index.entry(a.person_id).or_insert_with(|| {
            people.push(Missed {
                first: a,
                absent: 0,
                leave: 0,
                lines: Vec::new(),
            });
            people.len() - 1
        });
        let p = &mut people[i];
        let status = if a.status == AttendanceStatus::Leave {
            p.leave += 1;
            match a.leave_reason.as_deref().map(str::trim) {
                Some(reason) if !reason.is_empty() => format!("请假（{reason}）"),
                _ => "请假".to_string(),
            }
        } else {
            p.absent += 1;
            "缺席".to_string()
        };
        p.lines.push(format!(
            "{}　{}　{status}",
            a.starts_at.format("%Y.%m.%d"),
            a.activity_title
        ));
    }
    people.sort_by(|a, b| {
        b.absent
            .cmp(&a.absent)
            .then(b.leave.cmp(&a.leave))
            .then_with(|| a.first.employee_no.cmp(&b.first.employee_no))
            .then(a.first.person_id.cmp(&b.first.person_id))
    });
    let (absent, leave): (usize, usize) = people
        .iter()
        .fold((0, 0), |(x, y), p| (x + p.absent, y + p.leave));
    notes(
        blocks,
        format!(
            "共 {} 人未出勤：缺席 {absent} 人次，请假 {leave} 人次；缺席多的在前。请假不算缺席，注明事由；缺席含到活动当天结束仍未签到的。",
            people.len()
        ),
    );
    let mut rows = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let summary = match (p.absent, p.leave) {
            (a, 0) => format!("缺席 {a} 次"),
            (0, l) => format!("请假 {l} 次"),
            (a, l) => format!("缺席 {a} 次\n请假 {l} 次"),
        };
        for (k, chunk) in p.lines.chunks(LINES_PER_ROW).enumerate() {
            rows.push(vec![
                // A second row of the same person is numbered 续.
                if k == 0 {
                    (i + 1).to_string()
                } else {
                    "续".to_string()
                },
                p.first.employee_no.clone().unwrap_or_default(),
                p.first.name.clone(),
                p.first.unit_name.clone(),
                summary.clone(),
                chunk.join("\n"),
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Paragraph("期间内没有缺席或请假的人员。".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 9.0, Align::Center),
                Column::new("工号", 15.0, Align::Center),
                Column::new("姓名", 15.0, Align::Center),
                Column::new("单位", 26.0, Align::Left),
                Column::new("小计", 22.0, Align::Center),
                Column::new("未出勤的活动（日期　活动　情况）", 90.0, Align::Left),
            ],
            rows,
            size: 9.0,
            min_row_height: 0.0,
        }));
    }

    let n = attendance::absence_run(conn)?;
    let runs = attendance::absence_runs(conn, q, n)?;
    blocks.push(Block::Heading(format!("连续缺席 {n} 次及以上")));
    notes(
        blocks,
        format!(
            "按每人参加的活动依时间先后计：出席、迟到、非名单签到和请假都中断连续缺席（请假后重新计数）。“最长”为期间内最长的连续缺席次数，“当前”为截至期间末仍在持续的次数。提醒次数（{n} 次）可在“设置”中修改。"
        ),
    );
    if runs.is_empty() {
        blocks.push(Block::Paragraph(format!("无连续缺席 {n} 次及以上的人员。")));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("序号", 9.0, Align::Center),
                Column::new("工号", 15.0, Align::Center),
                Column::new("姓名", 15.0, Align::Center),
                Column::new("单位", 40.0, Align::Left),
                Column::new("最长连续缺席（次）", 22.0, Align::Center),
                Column::new("当前连续缺席（次）", 22.0, Align::Center),
            ],
            rows: runs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        (i + 1).to_string(),
                        r.employee_no.clone().unwrap_or_default(),
                        r.name.clone(),
                        r.unit_name.clone(),
                        r.longest.to_string(),
                        r.current.to_string(),
                    ]
                })
                .collect(),
            size: 9.5,
            min_row_height: 0.0,
        }));
    }
    Ok(false)
}
