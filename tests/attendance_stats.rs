//! 出勤统计 beyond the rates: 按活动类型, the activity-kind filter, runs of absences and the
//! 未出勤名单 export, on a hand-made branch where every figure is written out.
mod common;

use common::{Branch, date, time};
use qungong::activities;
use qungong::attendance::{self, KindTable, RateQuery};
use qungong::codes::{ActivityKind, AttendanceStatus};
use qungong::xlsx::job::{ExportJob, RatesBy, render};

/// 国网示范县供电公司 > 城关供电所 > 营业班, and > 营销部. 张三 (station), 李四 and 王五 (team),
/// 赵六 (dept). In March 2026, by date:
///
/// | activity | kind, organiser | 张三 | 李四 | 王五 | 赵六 |
/// |---|---|---|---|---|---|
/// | A1 03-02 | 讲座, 供电所 | 缺席 | 出席 | 请假 | — |
/// | A2 03-05 | 座谈会, 营业班 | 未签到 (缺席) | 缺席 | 迟到 | — |
/// | A3 03-09 | 讲座, 营销部 | 缺席 | 请假 | 非名单 | 出席 |
/// | A4 03-12 | 座谈会, none | 出席 | 缺席 | — | — |
/// | A5 03-16 | 讲座, 供电所 | 缺席 | 缺席 | — | — |
/// | A6 03-18 | 讲座, cancelled | (invited) | — | — | — |
/// | A7 04-02 | 讲座, outside March | 缺席 | — | — | — |
fn branch() -> Branch {
    use AttendanceStatus::*;
    let mut b = common::branch();
    let (station, team, dept) = (b.station, b.team, b.dept);
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    let t = &mut b.t;
    let a1 = t.activity_of(
        "A1",
        "2026-03-02 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    let a2 = t.activity_of("A2", "2026-03-05 09:00", ActivityKind::Forum, Some(team));
    let a3 = t.activity_of("A3", "2026-03-09 09:00", ActivityKind::Lecture, Some(dept));
    let a4 = t.activity_of("A4", "2026-03-12 09:00", ActivityKind::Forum, None);
    let a5 = t.activity_of(
        "A5",
        "2026-03-16 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    let a6 = t.activity_of(
        "A6",
        "2026-03-18 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    let a7 = t.activity_of(
        "A7",
        "2026-04-02 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    t.write(|tx| {
        let at = |a: &str| time(a);
        attendance::invite_people(tx, a1, &[zhang, li, wang])?;
        attendance::invite_people(tx, a2, &[zhang, li, wang])?;
        attendance::invite_people(tx, a3, &[zhang, li, zhao])?;
        attendance::invite_people(tx, a4, &[zhang, li])?;
        attendance::invite_people(tx, a5, &[zhang, li])?;
        attendance::invite_people(tx, a6, &[zhang])?;
        attendance::invite_people(tx, a7, &[zhang])?;
        let a1_at = at("2026-03-02 09:00");
        attendance::set_status(tx, a1, zhang, Some(Absent), None, a1_at)?;
        attendance::check_in(tx, a1, li, at("2026-03-02 08:55"), false)?;
        attendance::set_status(tx, a1, wang, Some(Leave), Some("年休假"), a1_at)?;
        attendance::set_status(tx, a2, li, Some(Absent), None, at("2026-03-05 09:00"))?;
        attendance::check_in(tx, a2, wang, at("2026-03-05 09:20"), false)?;
        let a3_at = at("2026-03-09 09:00");
        attendance::set_status(tx, a3, zhang, Some(Absent), None, a3_at)?;
        attendance::set_status(tx, a3, li, Some(Leave), Some("出差"), a3_at)?;
        attendance::check_in(tx, a3, zhao, a3_at, false)?;
        attendance::check_in(tx, a3, wang, a3_at, true)?;
        attendance::check_in(tx, a4, zhang, at("2026-03-12 09:00"), false)?;
        attendance::set_status(tx, a4, li, Some(Absent), None, at("2026-03-12 09:00"))?;
        let a5_at = at("2026-03-16 09:00");
        attendance::set_status(tx, a5, zhang, Some(Absent), None, a5_at)?;
        attendance::set_status(tx, a5, li, Some(Absent), None, a5_at)?;
        activities::cancel(tx, a6, false)?;
        attendance::set_status(tx, a7, zhang, Some(Absent), None, at("2026-04-02 09:00"))?;
        Ok(())
    })
    .unwrap();
    b
}

fn march(kinds: &[ActivityKind]) -> RateQuery {
    RateQuery {
        kinds: kinds.to_vec(),
        ..RateQuery::new(date("2026-03-01"), date("2026-03-31"), None)
    }
}

/// (unit name, [(activities, invited, attended, leave, absent, rate ‰) per kind], total the same).
type KindRow = (
    String,
    Vec<(i64, i64, i64, i64, i64, i64)>,
    (i64, i64, i64, i64, i64, i64),
);

fn kind_rows(t: &KindTable) -> Vec<KindRow> {
    let figures = |n: i64, c: &attendance::Counts| {
        let rate = c.rate.map_or(-1, |r| (r * 1000.0).round() as i64);
        (n, c.invited, c.attended, c.leave, c.absent, rate)
    };
    t.rows
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                r.cells
                    .iter()
                    .map(|c| figures(c.activities, &c.counts))
                    .collect(),
                figures(r.activities, &r.counts),
            )
        })
        .collect()
}

#[test]
fn by_kind_counts_each_units_held_activities_with_their_sub_units() {
    let b = branch();
    let conn = b.t.db.conn();
    let t = attendance::rates_by_kind(conn, &march(&[])).unwrap();
    // Only the kinds held in the period are columns, in the code table's order.
    assert_eq!(t.kinds, vec![ActivityKind::Lecture, ActivityKind::Forum]);
    let rows = kind_rows(&t);
    let row = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().clone();
    // Company: A1, A3, A5 (讲座) and A2 (座谈会); A4 has no organiser, A6 was cancelled, A7 is
    // in April.
    assert_eq!(
        row("国网示范县供电公司"),
        (
            "国网示范县供电公司".into(),
            vec![(3, 8, 2, 2, 4, 333), (1, 3, 1, 0, 2, 333)],
            (4, 11, 3, 2, 6, 333)
        )
    );
    // The station holds A1 and A5 itself, and its team's A2.
    assert_eq!(
        row("城关供电所").1,
        vec![(2, 5, 1, 1, 3, 250), (1, 3, 1, 0, 2, 333)]
    );
    assert_eq!(row("城关供电所").2, (3, 8, 2, 1, 5, 286));
    assert_eq!(
        row("营业班").1,
        vec![(0, 0, 0, 0, 0, -1), (1, 3, 1, 0, 2, 333)]
    );
    // A3's walk-in (王五) is not part of the rate.
    assert_eq!(
        row("营销部").1,
        vec![(1, 3, 1, 1, 1, 500), (0, 0, 0, 0, 0, -1)]
    );
    assert_eq!(t.rows[3].cells[0].counts.walk_ins, 1);
    // The activity with no organiser is a row of its own, last.
    assert_eq!(
        rows.last().unwrap(),
        &(
            "未指定组织单位".to_string(),
            vec![(0, 0, 0, 0, 0, -1), (1, 2, 1, 0, 1, 500)],
            (1, 2, 1, 0, 1, 500)
        )
    );
    assert_eq!(rows.len(), 5);
    assert_eq!(t.rows[0].unit_id, Some(b.company));

    // One unit: its subtree only, and no unassigned row.
    let station = RateQuery {
        unit_id: Some(b.station),
        ..march(&[])
    };
    let t = attendance::rates_by_kind(conn, &station).unwrap();
    let ids: Vec<Option<i64>> = t.rows.iter().map(|r| r.unit_id).collect();
    assert_eq!(ids, vec![Some(b.station), Some(b.team)]);
    assert_eq!(t.kinds, vec![ActivityKind::Lecture, ActivityKind::Forum]);

    // Narrowed to 座谈会: one column, the lectures gone.
    let t = attendance::rates_by_kind(conn, &march(&[ActivityKind::Forum])).unwrap();
    assert_eq!(t.kinds, vec![ActivityKind::Forum]);
    let rows = kind_rows(&t);
    assert_eq!(rows[0].2, (1, 3, 1, 0, 2, 333));
    assert_eq!(rows.last().unwrap().2, (1, 2, 1, 0, 1, 500));
    let dept = rows.iter().find(|r| r.0 == "营销部").unwrap();
    assert_eq!(dept.2, (0, 0, 0, 0, 0, -1));
    let _ = b.dept;
}

#[test]
fn the_kind_filter_narrows_rates_absences_and_the_person_page_alike() {
    let b = branch();
    let conn = b.t.db.conn();
    let forums = march(&[ActivityKind::Forum]);
    let people: Vec<(String, i64, i64, i64)> = attendance::rates_by_person(conn, &forums)
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.counts.invited, p.counts.attended, p.counts.absent))
        .collect();
    // 赵六 was at no 座谈会; 李四 0/2, 张三 1/2 (A2 未签到 counts as 缺席), 王五 1/1.
    assert_eq!(
        people,
        vec![
            ("李四".to_string(), 2, 0, 2),
            ("张三".to_string(), 2, 1, 1),
            ("王五".to_string(), 1, 1, 0),
        ]
    );
    let absent: Vec<(String, String)> = attendance::absences(conn, &forums, true)
        .unwrap()
        .into_iter()
        .map(|a| (a.activity_title, a.name))
        .collect();
    assert_eq!(
        absent,
        vec![
            ("A2".to_string(), "张三".to_string()),
            ("A2".to_string(), "李四".to_string()),
            ("A4".to_string(), "李四".to_string()),
        ]
    );
    let page = attendance::person_attendance(conn, b.li, &forums).unwrap();
    let titles: Vec<&str> = page.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, vec!["A4", "A2"]);
    assert_eq!((page.counts.invited, page.counts.absent), (2, 2));
    // Every kind: 李四 was at A1 and on leave at A3.
    let all = attendance::person_attendance(conn, b.li, &march(&[])).unwrap();
    assert_eq!(all.rows.len(), 5);
    assert_eq!(
        (all.counts.invited, all.counts.attended, all.counts.leave),
        (5, 1, 1)
    );
    let _ = (b.zhang, b.wang, b.zhao);
}

#[test]
fn runs_of_absences_are_counted_in_date_order_and_a_leave_ends_one() {
    let mut b = branch();
    let conn = b.t.db.conn();
    let runs = |q: &RateQuery, min: u32| -> Vec<(String, u32, u32)> {
        attendance::absence_runs(conn, q, min)
            .unwrap()
            .into_iter()
            .map(|r| (r.name, r.longest, r.current))
            .collect()
    };
    // 张三: 缺席 A1, A2 (未签到), A3, then came to A4, then 缺席 A5: longest 3, now 1.
    // 李四: came to A1, 缺席 A2, 请假 A3 (ends the run), 缺席 A4 and A5: longest 2, now 2.
    assert_eq!(runs(&march(&[]), 3), vec![("张三".to_string(), 3, 1)]);
    assert_eq!(
        runs(&march(&[]), 2),
        vec![("张三".to_string(), 3, 1), ("李四".to_string(), 2, 2)]
    );
    // Lectures only: 张三 missed A1, A3 and A5, nothing between.
    assert_eq!(
        runs(&march(&[ActivityKind::Lecture]), 3),
        vec![("张三".to_string(), 3, 3)]
    );
    // With April, 张三's A7 absence continues the run after A5.
    let spring = RateQuery::new(date("2026-03-01"), date("2026-04-30"), None);
    assert_eq!(runs(&spring, 3), vec![("张三".to_string(), 3, 2)]);
    // The team only: 李四.
    let team = RateQuery {
        unit_id: Some(b.team),
        ..march(&[])
    };
    assert_eq!(runs(&team, 2), vec![("李四".to_string(), 2, 2)]);

    // The 工作台 reminder: runs still going on the day, at the 设置's threshold (default 3).
    let on = date("2026-03-20");
    assert_eq!(attendance::absence_run(conn).unwrap(), 3);
    assert!(
        attendance::current_absence_runs(conn, on)
            .unwrap()
            .is_empty()
    );
    b.t.write(|tx| qungong::settings::set(tx, "attendance_absence_run", "2"))
        .unwrap();
    let conn = b.t.db.conn();
    let now: Vec<(String, u32)> = attendance::current_absence_runs(conn, on)
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.current))
        .collect();
    assert_eq!(now, vec![("李四".to_string(), 2)]);
    // The threshold is checked: a bad value is refused with the field named.
    let e =
        b.t.write(|tx| qungong::settings::set(tx, "attendance_absence_run", "1"))
            .unwrap_err()
            .to_string();
    assert!(e.contains("连续缺席提醒"), "{e}");
    let _ = (b.company, b.dept, b.wang, b.zhao);
}

#[test]
fn the_did_not_attend_export_lists_each_absence_and_sums_per_person() {
    use calamine::{Data, Reader, Xlsx};
    let b = branch();
    let conn = b.t.db.conn();
    let job = ExportJob::Rates {
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        unit_id: None,
        by: RatesBy::Absent,
        kinds: Vec::new(),
    };
    let export = render(
        conn,
        &job,
        time("2026-04-01 12:00"),
        qungong::voice::Viewer::ADMIN,
    )
    .unwrap();
    assert_eq!(export.sheets, vec!["未出勤名单", "按人员汇总"]);
    assert!(
        export.file_name.starts_with("未出勤名单-"),
        "{}",
        export.file_name
    );
    let mut book = Xlsx::new(std::io::Cursor::new(export.bytes)).unwrap();
    let text = |c: &Data| match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    };
    let each = book.worksheet_range("未出勤名单").unwrap();
    let rows: Vec<Vec<String>> = each.rows().map(|r| r.iter().map(text).collect()).collect();
    // Title, header, then A1 张三 缺席, A1 王五 请假, A2 张三, A2 李四, A3 张三, A3 李四 请假,
    // A4 李四, A5 张三, A5 李四.
    assert_eq!(rows.len(), 2 + 9, "{rows:?}");
    assert_eq!(
        rows[1][..4],
        ["日期", "活动", "工号", "姓名"].map(String::from)
    );
    let leave: Vec<(String, String, String)> = rows[2..]
        .iter()
        .filter(|r| r[5] == "请假")
        .map(|r| (r[1].clone(), r[3].clone(), r[6].clone()))
        .collect();
    assert_eq!(
        leave,
        vec![
            ("A1".to_string(), "王五".to_string(), "年休假".to_string()),
            ("A3".to_string(), "李四".to_string(), "出差".to_string()),
        ]
    );
    let sums = book.worksheet_range("按人员汇总").unwrap();
    let rows: Vec<Vec<String>> = sums.rows().map(|r| r.iter().map(text).collect()).collect();
    assert_eq!(
        rows[1],
        [
            "工号",
            "姓名",
            "单位",
            "缺席次数",
            "请假次数",
            "最长连续缺席"
        ]
        .map(String::from)
    );
    let body: Vec<Vec<String>> = rows[2..].to_vec();
    assert_eq!(
        body,
        vec![
            ["10001", "张三", "城关供电所", "4", "0", "3"].map(String::from),
            ["10002", "李四", "营业班", "3", "1", "2"].map(String::from),
            ["10003", "王五", "营业班", "0", "1", "0"].map(String::from),
        ]
    );

    // 按活动类型 as a sheet: a 次数 and a 出勤率 column per kind.
    let job = ExportJob::Rates {
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        unit_id: None,
        by: RatesBy::Kind,
        kinds: Vec::new(),
    };
    let export = render(
        conn,
        &job,
        time("2026-04-01 12:00"),
        qungong::voice::Viewer::ADMIN,
    )
    .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(export.bytes)).unwrap();
    let sheet = book.worksheet_range("按活动类型").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text).collect()).collect();
    assert_eq!(
        rows[1][..6],
        [
            "单位",
            "单位路径",
            "专题讲座次数",
            "专题讲座出勤率",
            "职工座谈会次数",
            "职工座谈会出勤率"
        ]
        .map(String::from)
    );
    assert_eq!(rows[2][0], "国网示范县供电公司");
    assert_eq!(rows[2][2], "3");
    assert_eq!(rows[2][6], "4");
    let _ = (b.zhang, b.li, b.wang, b.zhao);
}

/// The 未出勤名单 as the screen pages it: by person, most absences first, then most leaves;
/// each person's absences and leaves by date; a unit and the kinds narrow it.
#[test]
fn the_did_not_attend_list_is_grouped_by_person_and_paged() {
    let b = branch();
    let conn = b.t.db.conn();
    type Line = (String, Vec<String>, Vec<(String, Option<String>)>);
    let lines = |q: &RateQuery, offset, limit| -> (i64, Vec<Line>) {
        let page = attendance::absent_groups(conn, q, offset, limit).unwrap();
        let lines = page
            .groups
            .into_iter()
            .map(|g| {
                (
                    g.name,
                    g.absent.into_iter().map(|a| a.activity_title).collect(),
                    g.leave
                        .into_iter()
                        .map(|a| (a.activity_title, a.leave_reason))
                        .collect(),
                )
            })
            .collect();
        (page.total, lines)
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let leave = |a: &str, why: &str| (a.to_string(), Some(why.to_string()));
    // March: 张三 4 absences (A2 未签到 counts once its day is over; A6 was cancelled, A7 is
    // April), 李四 3 and a leave, 王五 a leave; 赵六 missed nothing.
    assert_eq!(
        lines(&march(&[]), 0, 2),
        (
            3,
            vec![
                ("张三".into(), s(&["A1", "A2", "A3", "A5"]), vec![]),
                (
                    "李四".into(),
                    s(&["A2", "A4", "A5"]),
                    vec![leave("A3", "出差")]
                ),
            ]
        )
    );
    assert_eq!(
        lines(&march(&[]), 2, 2),
        (
            3,
            vec![("王五".into(), vec![], vec![leave("A1", "年休假")])]
        )
    );
    // 营业班 only (李四, 王五); 座谈会 only.
    let team = RateQuery {
        unit_id: Some(b.team),
        ..march(&[])
    };
    assert_eq!(
        lines(&team, 0, 20)
            .1
            .into_iter()
            .map(|l| l.0)
            .collect::<Vec<_>>(),
        s(&["李四", "王五"])
    );
    assert_eq!(
        lines(&march(&[ActivityKind::Forum]), 0, 20),
        (
            2,
            vec![
                ("李四".into(), s(&["A2", "A4"]), vec![]),
                ("张三".into(), s(&["A2"]), vec![]),
            ]
        )
    );
}

/// On the branch demo, the pages put together are the whole list grouped by person.
#[test]
fn the_pages_of_the_grouped_list_are_the_whole_list() {
    let mut t = common::TestDb::new();
    let today = qungong::db::today();
    t.write(|tx| qungong::demo::generate(tx, qungong::demo::Scale::Branch, 1, today))
        .unwrap();
    let conn = t.db.conn();
    let q = RateQuery::new(today - chrono::Duration::days(365), today, None);
    let all = attendance::absences(conn, &q, true).unwrap();
    // Per person: the activities they were absent from, and on leave from.
    type Missed = (Vec<i64>, Vec<i64>);
    let mut expected: std::collections::HashMap<i64, Missed> = Default::default();
    for a in &all {
        let e = expected.entry(a.person_id).or_default();
        if a.status == AttendanceStatus::Leave {
            e.1.push(a.activity_id);
        } else {
            e.0.push(a.activity_id);
        }
    }
    let mut got: Vec<(i64, Missed)> = Vec::new();
    let mut offset = 0;
    loop {
        let page = attendance::absent_groups(conn, &q, offset, 20).unwrap();
        assert_eq!(page.total as usize, expected.len());
        if page.groups.is_empty() {
            break;
        }
        offset += page.groups.len();
        got.extend(page.groups.into_iter().map(|g| {
            (
                g.person_id,
                (
                    g.absent.iter().map(|a| a.activity_id).collect(),
                    g.leave.iter().map(|a| a.activity_id).collect(),
                ),
            )
        }));
    }
    assert!(got.len() > 20, "several pages: {}", got.len());
    // Most absences first, then most leaves.
    assert!(got.windows(2).all(|w| {
        let (a, b) = (&w[0].1, &w[1].1);
        (a.0.len(), a.1.len()) >= (b.0.len(), b.1.len())
    }));
    // Each person's rows as the whole list has them (both by date).
    let got: std::collections::HashMap<_, _> = got.into_iter().collect();
    assert_eq!(got, expected);
}
