//! The four documents: their data, order and columns.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::Connection;

use crate::activities::{self, Activity, ActivityFilter};
use crate::attendance::{self, SheetRow};
use crate::codes::{ActivityKind, ActivityMode, ActivityStatus};
use crate::collate::sort_by_name;
use crate::error::{ActivityError, Error, Result};
use crate::people::{self, Person, PersonFilter};
use crate::units;

use super::font::{FaceMetrics, LoadedFonts};
use super::layout::{self, Align, Block, Column, DocSpec, Table, mm};
use super::{Document, PrintOptions, chinese_date};

/// Lays out and draws `spec` with the chosen fonts.
pub(super) fn finish(spec: &DocSpec, opts: &PrintOptions) -> Result<Document> {
    let fonts = LoadedFonts::load(&opts.font)?;
    let metrics = FaceMetrics::new(&fonts)?;
    let laid = layout::layout(spec, &metrics);
    let bytes = super::render::render(&laid, &fonts, &metrics, &spec.running_title)?;
    Ok(Document {
        bytes,
        pages: laid.pages.len(),
        missing_glyphs: laid.missing.into_iter().collect(),
        font: fonts.source(),
    })
}

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// 2026年11月24日（星期二）09:00–11:00, or both dates when it spans days.
pub(super) fn time_range(start: NaiveDateTime, end: NaiveDateTime) -> String {
    if start.date() == end.date() {
        format!(
            "{}（{}）{}–{}",
            chinese_date(start.date()),
            weekday(start.date()),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {} 至 {} {}",
            chinese_date(start.date()),
            start.format("%H:%M"),
            chinese_date(end.date()),
            end.format("%H:%M")
        )
    }
}

pub(super) fn place(a: &Activity) -> String {
    let place = a.place.clone().unwrap_or_default();
    let online = a
        .online_meeting
        .as_deref()
        .map(|m| format!("线上（{m}）"))
        .unwrap_or_default();
    match a.mode {
        ActivityMode::Offline => place,
        ActivityMode::Online => online,
        ActivityMode::Hybrid => [place, online]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；"),
    }
}

pub(super) fn dash(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "—".to_string(),
    }
}

pub(super) fn print_date(opts: &PrintOptions) -> String {
    format!("打印日期：{}", chinese_date(opts.today))
}

/// What the activity's `host` is called: 主持人 at a forum, contest or talk, else 主讲人.
pub(super) fn host_label(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Forum | ActivityKind::SongContest | ActivityKind::Talk => "主持人",
        _ => "主讲人",
    }
}

/// Title, 时间 / 地点 / 主办单位 / 主讲人 and the print date of an activity's sheets.
fn activity_header(a: &Activity, what: &str, opts: &PrintOptions) -> Vec<Block> {
    let host_label = host_label(a.kind);
    vec![
        Block::Title(format!("{} {what}", a.title)),
        Block::Space(2.0),
        Block::Fields {
            items: vec![
                ("时间".into(), time_range(a.starts_at, a.ends_at)),
                ("地点".into(), dash(Some(&place(a)))),
                ("主办单位".into(), dash(a.organizer_name.as_deref())),
                (host_label.into(), dash(a.host.as_deref())),
            ],
            per_row: 2,
        },
        Block::Meta {
            left: format!("活动类型：{}（{}）", a.kind.label(), a.mode.label()),
            right: print_date(opts),
        },
        Block::Space(4.0),
    ]
}

pub(super) fn printable_activity(
    conn: &Connection,
    activity_id: i64,
    action: &'static str,
) -> Result<()> {
    let a = activities::get(conn, activity_id)?;
    if a.status == ActivityStatus::Cancelled {
        return Err(ActivityError::Cancelled {
            title: a.title,
            action,
        }
        .into());
    }
    Ok(())
}

/// Each unit's place in the tree (for ordering by unit).
fn unit_ranks(conn: &Connection) -> Result<HashMap<i64, i64>> {
    Ok(units::list(conn)?
        .into_iter()
        .enumerate()
        .map(|(i, u)| (u.id, i as i64))
        .collect())
}

/// The sheet's rows, invitees then walk-ins, each group in `order`.
fn ordered_sheet_rows(
    conn: &Connection,
    rows: Vec<SheetRow>,
    opts: &PrintOptions,
) -> Result<(Vec<SheetRow>, Vec<SheetRow>)> {
    let ranks = unit_ranks(conn)?;
    let mut unit_of: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT unit_id FROM person WHERE id = ?1")?;
    for r in &rows {
        let unit: i64 = stmt.query_row([r.person_id], |row| row.get(0))?;
        unit_of.insert(r.person_id, ranks.get(&unit).copied().unwrap_or(i64::MAX));
    }
    let (mut invited, mut walk_ins): (Vec<SheetRow>, Vec<SheetRow>) =
        rows.into_iter().partition(|r| r.invited);
    for group in [&mut invited, &mut walk_ins] {
        sort_by_name(
            group,
            opts.order,
            |r| r.name.as_str(),
            |r| unit_of.get(&r.person_id).copied().unwrap_or(i64::MAX),
            |r| r.employee_no.as_deref().unwrap_or(""),
        );
    }
    Ok((invited, walk_ins))
}

/// 签到表, printed before an activity: the invitees with an empty column to sign in, rows tall
/// enough to sign by hand, and 应到 N 人.
pub fn sign_in_sheet(conn: &Connection, activity_id: i64, opts: &PrintOptions) -> Result<Document> {
    printable_activity(conn, activity_id, "打印签到表")?;
    let sheet = attendance::sheet(conn, activity_id)?;
    let (invited, _) = ordered_sheet_rows(conn, sheet.rows, opts)?;
    let a = &sheet.activity;
    let mut blocks = activity_header(a, "签到表", opts);
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("序号", 10.0, Align::Center),
            Column::new("姓名", 22.0, Align::Center),
            Column::new("部门(班组)", 38.0, Align::Left),
            Column::new("岗位", 36.0, Align::Left),
            Column::new("签到", 44.0, Align::Center),
            Column::new("备注", 30.0, Align::Left),
        ],
        rows: invited
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.unit_name.clone(),
                    r.position.clone().unwrap_or_default(),
                    String::new(),
                    String::new(),
                ]
            })
            .collect(),
        size: 10.5,
        min_row_height: mm(10.5),
    }));
    blocks.push(Block::Paragraph(format!(
        "应到 {} 人　　实到 ______ 人",
        invited.len()
    )));
    finish(
        &DocSpec {
            running_title: format!("{} 签到表", a.title),
            landscape: false,
            blocks,
        },
        opts,
    )
}

/// 考勤表, printed after an activity: each invitee's status and sign-in time (walk-ins after
/// them, marked 非名单人员) and the summary with the attendance rate.
pub fn attendance_sheet(
    conn: &Connection,
    activity_id: i64,
    opts: &PrintOptions,
) -> Result<Document> {
    printable_activity(conn, activity_id, "打印考勤表")?;
    let sheet = attendance::sheet(conn, activity_id)?;
    let a = sheet.activity.clone();
    let c = sheet.counts;
    let (invited, walk_ins) = ordered_sheet_rows(conn, sheet.rows, opts)?;
    let time = |t: Option<NaiveDateTime>| match t {
        Some(t) if t.date() == a.starts_at.date() => t.format("%H:%M").to_string(),
        Some(t) => t.format("%m-%d %H:%M").to_string(),
        None => String::new(),
    };
    let rows = invited
        .iter()
        .chain(&walk_ins)
        .enumerate()
        .map(|(i, r)| {
            let note = if !r.invited {
                "非名单人员".to_string()
            } else {
                r.leave_reason.clone().unwrap_or_default()
            };
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.unit_name.clone(),
                r.position.clone().unwrap_or_default(),
                r.status_label.to_string(),
                time(r.checked_in_at),
                note,
            ]
        })
        .collect();
    let mut blocks = activity_header(&a, "考勤表", opts);
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("序号", 10.0, Align::Center),
            Column::new("姓名", 20.0, Align::Center),
            Column::new("部门(班组)", 35.0, Align::Left),
            Column::new("岗位", 33.0, Align::Left),
            Column::new("状态", 14.0, Align::Center),
            Column::new("签到时间", 22.0, Align::Center),
            Column::new("备注", 46.0, Align::Left),
        ],
        rows,
        size: 10.5,
        min_row_height: 0.0,
    }));
    let mut summary = format!(
        "应到 {} 人，实到 {} 人，迟到 {} 人，请假 {} 人，缺席 {} 人",
        c.invited, c.attended, c.late, c.leave, c.absent
    );
    if c.not_checked_in > 0 {
        summary.push_str(&format!("，未签到 {} 人", c.not_checked_in));
    }
    summary.push_str(&format!("，出勤率 {}。", c.rate_text()));
    if c.walk_ins > 0 {
        summary.push_str(&format!(
            "\n另有非名单人员 {} 人签到，不计入出勤率。",
            c.walk_ins
        ));
    }
    blocks.push(Block::Paragraph(summary));
    finish(
        &DocSpec {
            running_title: format!("{} 考勤表", a.title),
            landscape: false,
            blocks,
        },
        opts,
    )
}

fn year_month(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y.%m").to_string()).unwrap_or_default()
}

/// 花名册 of a unit and everything below it: the staff in post, in `opts.order`; landscape.
/// 身份证号 and 手机 only when asked for, masked unless `opts.unmask`.
pub fn roster(conn: &Connection, unit_id: i64, opts: &PrintOptions) -> Result<Document> {
    let unit = units::get(conn, unit_id)?;
    let filter = PersonFilter {
        unit_id: Some(unit_id),
        ..Default::default()
    };
    let mut staff: Vec<Person> = people::list(conn, &filter, 0, i64::MAX)?.items;
    let ranks = unit_ranks(conn)?;
    let rank = |p: &Person| ranks.get(&p.unit_id).copied().unwrap_or(i64::MAX);
    sort_by_name(
        &mut staff,
        opts.order,
        |p| p.name.as_str(),
        rank,
        |p| p.employee_no.as_deref().unwrap_or(""),
    );
    // A roster of several units says which one each person is in.
    let several_units = staff.windows(2).any(|w| w[0].unit_id != w[1].unit_id);
    let mut columns = vec![
        Column::new("序号", 9.0, Align::Center),
        Column::new("工号", 15.0, Align::Center),
        Column::new("姓名", 16.0, Align::Center),
    ];
    if several_units {
        columns.push(Column::new("部门(班组)", 26.0, Align::Left));
    }
    columns.extend([
        Column::new("性别", 8.0, Align::Center),
        Column::new("出生年月", 15.0, Align::Center),
        Column::new("年龄", 8.0, Align::Center),
        Column::new("政治面貌", 20.0, Align::Center),
        Column::new("学历", 16.0, Align::Center),
        Column::new("职称", 12.0, Align::Center),
        Column::new("技能等级", 15.0, Align::Center),
        Column::new("岗位", 28.0, Align::Left),
        Column::new("参加工作时间", 20.0, Align::Center),
    ]);
    if opts.show_id_number {
        columns.push(Column::new("身份证号", 34.0, Align::Center));
    }
    if opts.show_phone {
        columns.push(Column::new("手机", 22.0, Align::Center));
    }
    let label = |s: Option<&'static str>| s.unwrap_or("").to_string();
    let rows = staff
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let p = if opts.unmask { p } else { p.masked() };
            let mut row = vec![
                (i + 1).to_string(),
                p.employee_no.clone().unwrap_or_default(),
                p.name.clone(),
            ];
            if several_units {
                row.push(p.unit_name.clone());
            }
            row.extend([
                p.gender.label().to_string(),
                year_month(Some(p.birth_date)),
                crate::structure::age_on(p.birth_date, opts.today).to_string(),
                label(p.political_status.map(|s| s.label())),
                label(p.education.map(|s| s.label())),
                p.professional_title.clone().unwrap_or_default(),
                label(p.skill_level.map(|s| s.label())),
                p.position.clone().unwrap_or_default(),
                year_month(p.work_start_date),
            ]);
            if opts.show_id_number {
                row.push(p.id_number.clone().unwrap_or_default());
            }
            if opts.show_phone {
                row.push(p.phone.clone().unwrap_or_default());
            }
            row
        })
        .collect::<Vec<_>>();
    let count = rows.len();
    let blocks = vec![
        Block::Title(format!("{}职工花名册", unit.name)),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "单位：{}　　在职职工 {count} 人　　排序：{}",
                unit.path.replace('/', " / "),
                opts.order.label()
            ),
            right: print_date(opts),
        },
        Block::Space(4.0),
        Block::Table(Table {
            columns,
            rows,
            size: 9.0,
            min_row_height: 0.0,
        }),
    ];
    finish(
        &DocSpec {
            running_title: format!("{}职工花名册", unit.name),
            landscape: true,
            blocks,
        },
        opts,
    )
}

/// Sums for the ledger's totals.
#[derive(Default, Clone, Copy)]
struct Totals {
    activities: i64,
    held: i64,
    invited: i64,
    attended: i64,
    leave: i64,
}

impl Totals {
    fn rate(&self) -> String {
        let expected = self.invited - self.leave;
        if expected > 0 {
            format!(
                "{:.1}%（{}/{}）",
                self.attended as f64 * 100.0 / expected as f64,
                self.attended,
                expected
            )
        } else {
            "—".to_string()
        }
    }

    fn row(&self, label: &str) -> Vec<String> {
        vec![
            label.to_string(),
            self.activities.to_string(),
            self.held.to_string(),
            self.invited.to_string(),
            self.attended.to_string(),
            self.leave.to_string(),
            self.rate(),
        ]
    }
}

/// 活动台账 of a unit for a period: every activity it or a unit below it organised (not the
/// cancelled ones) with 应到 / 实到 / 出勤率, then the totals per kind and overall (over the
/// activities held).
pub fn ledger(
    conn: &Connection,
    unit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    opts: &PrintOptions,
) -> Result<Document> {
    if to < from {
        return Err(Error::invalid("截止日期", "不能早于起始日期"));
    }
    let unit = units::get(conn, unit_id)?;
    let filter = ActivityFilter {
        from: Some(from),
        to: Some(to),
        organizer_unit_id: Some(unit_id),
        ascending: true,
        ..Default::default()
    };
    let list: Vec<Activity> = activities::list(conn, &filter, 0, i64::MAX)?
        .items
        .into_iter()
        .filter(|a| a.status != ActivityStatus::Cancelled)
        .collect();
    let mut per_kind: BTreeMap<ActivityKind, Totals> = BTreeMap::new();
    let mut total = Totals::default();
    let mut rows = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        let held = a.status == ActivityStatus::Held;
        let mut t = Totals {
            activities: 1,
            ..Default::default()
        };
        let (attended, rate) = if held {
            let c = attendance::counts(conn, a.id)?;
            t.held = 1;
            t.invited = c.invited;
            t.attended = c.attended;
            t.leave = c.leave;
            let rate = c
                .rate
                .map_or("—".to_string(), |r| format!("{:.1}%", r * 100.0));
            (c.attended.to_string(), rate)
        } else {
            ("—".to_string(), "未开展".to_string())
        };
        rows.push(vec![
            (i + 1).to_string(),
            a.starts_at.format("%Y.%m.%d").to_string(),
            a.kind.label().to_string(),
            a.title.clone(),
            dash(a.organizer_name.as_deref()),
            a.invited.to_string(),
            attended,
            rate,
        ]);
        add(per_kind.entry(a.kind).or_default(), &t);
        add(&mut total, &t);
    }
    // BTreeMap by kind: the kinds in their display order.
    let mut total_rows: Vec<Vec<String>> = per_kind.iter().map(|(k, t)| t.row(k.label())).collect();
    total_rows.push(total.row("合计"));

    let period = format!("{}至{}", chinese_date(from), chinese_date(to));
    let blocks = vec![
        Block::Title(format!("{}活动台账", unit.name)),
        Block::Space(2.0),
        Block::Meta {
            left: format!("单位：{}　　期间：{period}", unit.path.replace('/', " / ")),
            right: print_date(opts),
        },
        Block::Space(4.0),
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 9.0, Align::Center),
                Column::new("日期", 20.0, Align::Center),
                Column::new("类型", 22.0, Align::Center),
                Column::new("活动名称", 46.0, Align::Left),
                Column::new("主办单位", 33.0, Align::Left),
                Column::new("应到", 12.0, Align::Center),
                Column::new("实到", 12.0, Align::Center),
                Column::new("出勤率", 16.0, Align::Center),
            ],
            rows,
            size: 9.5,
            min_row_height: 0.0,
        }),
        Block::Heading("分类汇总".into()),
        Block::Paragraph(format!(
            "共 {} 项活动，其中已开展 {} 项；应到、实到、请假人数和出勤率按已开展的活动统计。",
            total.activities, total.held
        )),
        Block::Space(4.0),
        Block::Table(Table {
            columns: vec![
                Column::new("活动类型", 30.0, Align::Center),
                Column::new("项数", 16.0, Align::Center),
                Column::new("已开展", 16.0, Align::Center),
                Column::new("应到", 20.0, Align::Center),
                Column::new("实到", 20.0, Align::Center),
                Column::new("请假", 20.0, Align::Center),
                Column::new("出勤率", 38.0, Align::Center),
            ],
            rows: total_rows,
            size: 10.0,
            min_row_height: 0.0,
        }),
    ];
    finish(
        &DocSpec {
            running_title: format!("{}活动台账", unit.name),
            landscape: false,
            blocks,
        },
        opts,
    )
}

fn add(sum: &mut Totals, t: &Totals) {
    sum.activities += t.activities;
    sum.held += t.held;
    sum.invited += t.invited;
    sum.attended += t.attended;
    sum.leave += t.leave;
}
