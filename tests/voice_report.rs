//! 职工思想动态分析报告 and the other 党群沟通 outputs, on hand-made data: every figure of
//! `voice::report::figures` for a quarter, the saved reports, the printed report and
//! 群众诉求上报单 read back with `pdftotext -layout`, and the .xlsx exports read back with
//! calamine (谈话内容 only when asked for, and only the summaries the viewer may see).

mod common;

use std::path::Path;
use std::process::Command;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDateTime;
use common::{Branch, branch, date, time};
use qungong::codes::ActivityKind;
use qungong::pdf::{Document, PrintOptions};
use qungong::voice::concern::ConcernFilter;
use qungong::voice::contact::VisitFilter;
use qungong::voice::export;
use qungong::voice::opinion::OpinionFilter;
use qungong::voice::report::{self, ReportInput, Tally};
use qungong::voice::talk::TalkFilter;
use qungong::voice::{Period, Viewer};
use qungong::xlsx::export::Export;

/// 2026 年第三季度.
fn q3() -> Period {
    Period::quarter(2026, 3).unwrap()
}

/// When the figures are asked for: two weeks after the quarter.
fn later() -> NaiveDateTime {
    time("2026-10-15 10:00")
}

/// A concern as the test writes it straight into the table.
struct C {
    received: &'static str,
    unit: Option<i64>,
    category: i64,
    source: &'static str,
    raiser: Option<i64>,
    content: &'static str,
    status: &'static str,
    deadline: &'static str,
    reply: Option<&'static str>,
    replied: Option<&'static str>,
    satisfaction: Option<&'static str>,
    escalated: Option<(&'static str, &'static str, &'static str)>,
}

impl Default for C {
    fn default() -> C {
        C {
            received: "2026-07-01",
            unit: None,
            category: 1,
            source: "other",
            raiser: None,
            content: "反映的问题",
            status: "received",
            deadline: "2026-07-15",
            reply: None,
            replied: None,
            satisfaction: None,
            escalated: None,
        }
    }
}

fn concern(b: &mut Branch, c: C) -> i64 {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO concern (uid, received_on, source, raiser_kind, raiser_id, unit_id,
                    category_id, content, status, deadline, reply, replied_on, closed_on,
                    satisfaction, escalated_on, escalated_to, escalation_note, created_at,
                    updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                     CASE WHEN ?9 = 'closed' THEN ?12 END, ?13, ?14, ?15, ?16,
                     '2026-07-01 08:00:00', '2026-07-01 08:00:00')",
            rusqlite::params![
                qungong::db::new_uid(),
                c.received,
                c.source,
                if c.raiser.is_some() {
                    "person"
                } else {
                    "anonymous"
                },
                c.raiser,
                c.unit,
                c.category,
                c.content,
                c.status,
                c.deadline,
                c.reply,
                c.replied,
                c.satisfaction,
                c.escalated.map(|e| e.0),
                c.escalated.map(|e| e.1),
                c.escalated.map(|e| e.2),
            ],
        )?;
        Ok(tx.last_insert_rowid())
    })
    .unwrap()
}

fn opinion(
    b: &mut Branch,
    at: &str,
    level: &str,
    trend: &str,
    units: &[i64],
    reported: Option<&str>,
) -> i64 {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO opinion (uid, observed_at, kind, title, level, trend, reported_at,
                    created_at, updated_at)
             VALUES (?1, ?2, 'internal', ?3, ?4, ?5, ?6, ?2, ?2)",
            rusqlite::params![
                qungong::db::new_uid(),
                format!("{at}:00"),
                format!("{at} 的思想动态"),
                level,
                trend,
                reported.map(|r| format!("{r}:00")),
            ],
        )?;
        let id = tx.last_insert_rowid();
        for u in units {
            tx.execute(
                "INSERT INTO opinion_unit (opinion_id, unit_id) VALUES (?1, ?2)",
                [id, *u],
            )?;
        }
        Ok(id)
    })
    .unwrap()
}

fn talk(b: &mut Branch, on: &str, talker: i64, with: i64, summary: Option<&str>) -> i64 {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO talk (uid, talked_on, talker_id, person_id, kind, topic, summary,
                    created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'daily', '工作与家庭情况', ?5, ?2, ?2)",
            rusqlite::params![qungong::db::new_uid(), on, talker, with, summary],
        )?;
        Ok(tx.last_insert_rowid())
    })
    .unwrap()
}

fn point(b: &mut Branch, leader: i64, unit: i64, since: &str) -> i64 {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO contact_point (leader_id, unit_id, since) VALUES (?1, ?2, ?3)",
            rusqlite::params![leader, unit, since],
        )?;
        Ok(tx.last_insert_rowid())
    })
    .unwrap()
}

fn visit(b: &mut Branch, on: &str, leader: i64, unit: i64) -> i64 {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO contact_visit (uid, visited_on, leader_id, unit_id, findings,
                    created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '职工反映食堂饭菜品种少', ?2, ?2)",
            rusqlite::params![qungong::db::new_uid(), on, leader, unit],
        )?;
        Ok(tx.last_insert_rowid())
    })
    .unwrap()
}

/// A 座谈会 (or another kind) organised by `unit`, held unless `planned`.
fn activity(b: &mut Branch, starts: &str, kind: ActivityKind, unit: i64, held: bool) -> i64 {
    let id = b.t.activity_of("职工座谈会", starts, kind, Some(unit));
    if held {
        b.t.write(|tx| {
            tx.execute("UPDATE activity SET status = 'held' WHERE id = ?1", [id])?;
            Ok(())
        })
        .unwrap();
    }
    id
}

/// The ids of what [`quarter`] wrote that later tests look at.
struct Quarter {
    /// Anonymous, no unit, received at the end of the quarter.
    anonymous: i64,
    /// Escalated to 县公司工会.
    escalated: i64,
}

/// The quarter's data (see the figures in [`company_figures`] for what counts).
fn quarter(b: &mut Branch) -> Quarter {
    let (company, station, team, dept) = (b.company, b.station, b.team, b.dept);
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    let _ = company;
    // Concerns. Categories: 1 薪酬待遇, 2 工作环境, 3 安全生产.
    // Before the quarter: not counted.
    concern(
        b,
        C {
            received: "2026-06-20",
            unit: Some(station),
            deadline: "2026-07-05",
            ..C::default()
        },
    );
    // Answered on time, satisfied.
    concern(
        b,
        C {
            received: "2026-07-05",
            unit: Some(team),
            category: 1,
            source: "forum",
            raiser: Some(li),
            content: "夜班补助标准多年未调整",
            status: "closed",
            deadline: "2026-07-20",
            reply: Some("已按新标准发放"),
            replied: Some("2026-07-18"),
            satisfaction: Some("satisfied"),
            ..C::default()
        },
    );
    // Answered late, basically satisfied.
    concern(
        b,
        C {
            received: "2026-07-10",
            unit: Some(station),
            category: 2,
            source: "mailbox",
            status: "closed",
            deadline: "2026-07-25",
            reply: Some("已更换空调"),
            replied: Some("2026-07-30"),
            satisfaction: Some("basically"),
            ..C::default()
        },
    );
    // Answered on time, rated 不满意 and reopened: open again, past its deadline.
    concern(
        b,
        C {
            received: "2026-08-01",
            unit: Some(team),
            category: 1,
            source: "talk",
            raiser: Some(wang),
            status: "in_progress",
            deadline: "2026-08-16",
            reply: Some("按规定不予调整"),
            replied: Some("2026-08-10"),
            satisfaction: Some("unsatisfied"),
            ..C::default()
        },
    );
    // Not answered, past its deadline, escalated.
    let escalated = concern(
        b,
        C {
            received: "2026-08-20",
            unit: Some(dept),
            category: 3,
            source: "visit",
            raiser: Some(zhao),
            content: "营业厅消防通道被杂物堵塞",
            status: "received",
            deadline: "2026-08-27",
            escalated: Some(("2026-08-22", "县公司工会", "涉及多个部门，需协调")),
            ..C::default()
        },
    );
    // Anonymous, no unit; its deadline is after the quarter.
    let anonymous = concern(
        b,
        C {
            received: "2026-09-25",
            unit: None,
            category: 1,
            source: "online",
            content: "绩效考核结果不公开",
            status: "received",
            deadline: "2026-10-10",
            ..C::default()
        },
    );
    // Answered after the quarter, past its deadline: overdue at the quarter's end.
    concern(
        b,
        C {
            received: "2026-09-20",
            unit: Some(team),
            category: 2,
            source: "call",
            status: "replied",
            deadline: "2026-09-28",
            reply: Some("已协调解决"),
            replied: Some("2026-10-05"),
            ..C::default()
        },
    );
    // After the quarter: not counted.
    concern(
        b,
        C {
            received: "2026-10-02",
            unit: Some(team),
            deadline: "2026-10-20",
            ..C::default()
        },
    );

    // Opinion entries.
    opinion(b, "2026-07-03 09:00", "normal", "steady", &[team], None);
    // 重大, never reported.
    opinion(b, "2026-08-15 14:00", "grave", "rising", &[station], None);
    // 重大, reported within the hour.
    opinion(
        b,
        "2026-09-10 08:00",
        "grave",
        "falling",
        &[dept],
        Some("2026-09-10 09:00"),
    );
    // 重大, observed an hour before the quarter ends: due after it.
    opinion(b, "2026-09-30 23:00", "grave", "steady", &[team], None);
    // Before the quarter.
    opinion(b, "2026-06-30 23:59", "major", "rising", &[team], None);
    // No unit: counted for the whole company only.
    opinion(b, "2026-08-01 10:00", "major", "rising", &[], None);

    // 座谈会: held in the station and the department; one only planned; one after the quarter;
    // a held lecture is not a forum.
    activity(b, "2026-08-05 09:00", ActivityKind::Forum, station, true);
    activity(b, "2026-09-05 09:00", ActivityKind::Forum, dept, true);
    activity(b, "2026-09-15 09:00", ActivityKind::Forum, team, false);
    activity(b, "2026-10-08 09:00", ActivityKind::Forum, station, true);
    activity(b, "2026-08-06 09:00", ActivityKind::Lecture, station, true);

    // Talks: 李四 twice, 张三, 赵六 in the quarter; 王五 only after it.
    talk(b, "2026-07-15", zhang, li, Some("李四谈到孩子上学的困难"));
    talk(b, "2026-08-20", zhang, li, None);
    talk(b, "2026-09-01", zhao, zhang, Some("张三希望参加技能培训"));
    talk(b, "2026-09-05", zhang, zhao, None);
    talk(b, "2026-10-03", zhang, wang, None);

    // Contact points: 赵六 → 营业班 and 张三 → 营销部 from January; 赵六 → 城关供电所 only
    // from November (after the quarter: not counted).
    point(b, zhao, team, "2026-01-01");
    point(b, zhang, dept, "2026-01-01");
    point(b, zhao, station, "2026-11-01");
    visit(b, "2026-08-10", zhao, team);
    visit(b, "2026-09-12", zhao, station);
    visit(b, "2026-10-05", zhang, dept);
    visit(b, "2026-07-20", li, dept);

    Quarter {
        anonymous,
        escalated,
    }
}

fn tallies(list: &[(&str, i64)]) -> Vec<Tally> {
    list.iter()
        .map(|(name, count)| Tally {
            name: name.to_string(),
            count: *count,
        })
        .collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn company_figures() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, q3(), None, later()).unwrap();
    assert_eq!(f.period, q3());
    assert_eq!(f.unit_id, None);
    assert_eq!(f.unit_name, "国网示范县供电公司");

    assert_eq!(f.concerns, 6);
    assert_eq!(
        f.by_category,
        tallies(&[("薪酬待遇", 3), ("工作环境", 2), ("安全生产", 1)])
    );
    assert_eq!(
        f.by_unit,
        tallies(&[
            ("城关供电所", 1),
            ("营业班", 3),
            ("营销部", 1),
            ("未指定单位", 1)
        ])
    );
    assert_eq!(
        f.by_status,
        tallies(&[("已受理", 2), ("办理中", 1), ("已答复", 1), ("已办结", 2)])
    );
    assert_eq!(
        f.by_source,
        tallies(&[
            ("座谈会", 1),
            ("谈心谈话", 1),
            ("联系点走访", 1),
            ("意见箱", 1),
            ("线上（微信群/公众号）", 1),
            ("来电来访", 1),
        ])
    );
    // Answered: the two closed, the reopened one and the one answered after the quarter; on
    // time: the first closed one and the reopened one.
    assert_eq!((f.answered, f.answered_on_time), (4, 2));
    assert!(close(f.on_time_rate, 0.5));
    // At the quarter's end: the reopened one, the escalated one and the one answered after.
    assert_eq!(f.overdue, 3);
    assert_eq!(
        (f.rated, f.satisfied, f.basically_satisfied, f.unsatisfied),
        (3, 1, 1, 1)
    );
    assert!(close(f.satisfaction_rate, 2.0 / 3.0));
    assert_eq!(f.escalated, 1);

    assert_eq!(f.opinions, 5);
    assert_eq!(
        f.by_level,
        tallies(&[("一般", 1), ("较大", 1), ("重大", 3)])
    );
    assert_eq!(
        f.by_trend,
        tallies(&[("平稳", 2), ("升温", 2), ("降温", 1)])
    );
    assert_eq!(f.grave_unreported, 2);
    assert_eq!(
        f.top_topics,
        tallies(&[("薪酬待遇", 3), ("工作环境", 2), ("安全生产", 1)])
    );

    assert_eq!(f.forums, 2);
    assert_eq!(f.talks, 4);
    assert_eq!((f.talk_staff, f.talk_talked), (4, 3));
    assert!(close(f.talk_coverage, 0.75));
    assert_eq!(f.visits, 3);
    assert_eq!((f.points, f.points_visited), (2, 1));
    assert!(close(f.visit_coverage, 0.5));
}

#[test]
fn station_figures_count_the_station_and_its_team() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, q3(), Some(b.station), later()).unwrap();
    assert_eq!(f.unit_name, "城关供电所");
    assert_eq!(f.concerns, 4);
    assert_eq!(f.by_category, tallies(&[("薪酬待遇", 2), ("工作环境", 2)]));
    assert_eq!(f.by_unit, tallies(&[("城关供电所", 1), ("营业班", 3)]));
    assert_eq!(
        f.by_status,
        tallies(&[("已受理", 0), ("办理中", 1), ("已答复", 1), ("已办结", 2)])
    );
    assert_eq!(
        f.by_source,
        tallies(&[
            ("座谈会", 1),
            ("谈心谈话", 1),
            ("意见箱", 1),
            ("来电来访", 1)
        ])
    );
    assert_eq!((f.answered, f.answered_on_time, f.overdue), (4, 2, 2));
    assert_eq!((f.rated, f.escalated), (3, 0));
    assert_eq!(f.opinions, 3);
    assert_eq!(
        f.by_level,
        tallies(&[("一般", 1), ("较大", 0), ("重大", 2)])
    );
    assert_eq!(
        f.by_trend,
        tallies(&[("平稳", 2), ("升温", 1), ("降温", 0)])
    );
    assert_eq!(f.grave_unreported, 2);
    // A tie keeps the categories' order.
    assert_eq!(f.top_topics, tallies(&[("薪酬待遇", 2), ("工作环境", 2)]));
    assert_eq!((f.forums, f.talks, f.visits), (1, 3, 2));
    assert_eq!((f.talk_staff, f.talk_talked), (3, 2));
    assert_eq!((f.points, f.points_visited), (1, 1));
    assert!(close(f.visit_coverage, 1.0));
}

#[test]
fn figures_asked_for_during_the_quarter() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    // Half an hour before the quarter ends: the last 重大 entry is not yet due, and the
    // concern answered in October is still open.
    let f = report::figures(conn, q3(), None, time("2026-09-30 23:30")).unwrap();
    assert_eq!(f.grave_unreported, 1);
    assert_eq!(f.overdue, 3);
    // On 26 August only the escalated one (due the 27th) is not yet overdue; the reopened one
    // is.
    let f = report::figures(conn, q3(), None, time("2026-08-26 12:00")).unwrap();
    assert_eq!(f.overdue, 1);
    assert_eq!(f.grave_unreported, 1);
}

#[test]
fn an_empty_period_has_zeros_and_no_rates() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, Period::quarter(2025, 1).unwrap(), None, later()).unwrap();
    assert_eq!(f.concerns, 0);
    assert!(f.by_category.is_empty() && f.by_unit.is_empty() && f.by_source.is_empty());
    assert_eq!(f.by_status.iter().map(|t| t.count).sum::<i64>(), 0);
    assert_eq!(f.by_status.len(), 4);
    assert_eq!(f.by_level.len(), 3);
    assert_eq!(f.by_trend.len(), 3);
    assert!(f.top_topics.is_empty());
    assert_eq!(f.on_time_rate, None);
    assert_eq!(f.satisfaction_rate, None);
    assert_eq!(f.visit_coverage, None);
    assert_eq!((f.forums, f.talks, f.visits, f.opinions), (0, 0, 0, 0));
    // Points set up in 2026 are not counted in 2025.
    assert_eq!(f.points, 0);
    let e = report::figures(conn, q3(), Some(9999), later()).unwrap_err();
    assert!(e.to_string().contains("单位"), "{e}");
}

fn input(title: &str, unit: Option<i64>) -> ReportInput {
    ReportInput {
        title: title.into(),
        unit_id: unit,
        period_from: date("2026-07-01"),
        period_to: date("2026-09-30"),
        overall: Some("本季度职工队伍思想总体稳定。".into()),
        main_trends: Some("职工关注薪酬待遇和工作环境。\n部分职工对绩效考核有疑虑。".into()),
        causes: None,
        next_steps: Some("  落实夜班补助新标准，公开绩效考核结果。  ".into()),
    }
}

#[test]
fn reports_are_saved_checked_listed_and_deleted() {
    let mut b = branch();
    let station = b.station;
    let first =
        b.t.write(|tx| report::save(tx, None, input("三季度分析报告", Some(station))))
            .unwrap();
    let mut older = input("二季度分析报告", None);
    older.period_from = date("2026-04-01");
    older.period_to = date("2026-06-30");
    let second = b.t.write(|tx| report::save(tx, None, older)).unwrap();
    let conn = b.t.db.conn();
    let r = report::get(conn, first).unwrap();
    assert_eq!(r.input.title, "三季度分析报告");
    assert_eq!(r.unit_name.as_deref(), Some("城关供电所"));
    assert_eq!(r.input.causes, None);
    assert_eq!(
        r.input.next_steps.as_deref(),
        Some("落实夜班补助新标准，公开绩效考核结果。")
    );
    assert_eq!(r.uid.len(), 36);
    // Newest period first.
    let ids: Vec<i64> = report::list(conn).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, [first, second]);

    // Changed in place.
    let mut changed = input("三季度职工思想动态分析报告", Some(station));
    changed.causes = Some("补助标准多年未调整。".into());
    b.t.write(|tx| report::save(tx, Some(first), changed))
        .unwrap();
    let r = report::get(b.t.db.conn(), first).unwrap();
    assert_eq!(r.input.title, "三季度职工思想动态分析报告");
    assert_eq!(r.input.causes.as_deref(), Some("补助标准多年未调整。"));

    // Refused, with the field named.
    let refused = |b: &mut Branch, id: Option<i64>, i: ReportInput| -> String {
        b.t.write(|tx| report::save(tx, id, i))
            .unwrap_err()
            .to_string()
    };
    let e = refused(&mut b, None, input("  ", None));
    assert!(e.contains("标题"), "{e}");
    let e = refused(&mut b, None, input(&"长".repeat(61), None));
    assert!(e.contains("标题") && e.contains("60"), "{e}");
    let e = refused(&mut b, None, input("第一行\n第二行", None));
    assert!(e.contains("标题"), "{e}");
    let mut backwards = input("报告", None);
    backwards.period_to = date("2026-06-30");
    let e = refused(&mut b, None, backwards);
    assert!(e.contains("结束日期"), "{e}");
    let e = refused(&mut b, None, input("报告", Some(9999)));
    assert!(e.contains("单位"), "{e}");
    let mut long = input("报告", None);
    long.causes = Some("因".repeat(5001));
    let e = refused(&mut b, None, long);
    assert!(e.contains("原因分析") && e.contains("5000"), "{e}");
    let mut control = input("报告", None);
    control.overall = Some("总体\u{7}稳定".into());
    let e = refused(&mut b, None, control);
    assert!(e.contains("总体情况"), "{e}");
    let e = refused(&mut b, Some(9999), input("报告", None));
    assert!(e.contains("未找到"), "{e}");
    assert_eq!(report::list(b.t.db.conn()).unwrap().len(), 2);

    b.t.write(|tx| report::delete(tx, second)).unwrap();
    let ids: Vec<i64> = report::list(b.t.db.conn())
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [first]);
    assert!(report::get(b.t.db.conn(), second).is_err());
    assert!(b.t.write(|tx| report::delete(tx, second)).is_err());
}

// ---- PDFs ----

fn opts() -> PrintOptions {
    PrintOptions::new(date("2026-10-15"))
}

/// Writes the PDF to a temp dir (and to $QUNGONG_PDF_OUT when set) and returns its text.
fn text_of(name: &str, doc: &Document) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
    }
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\u{c}').count(), doc.pages, "{name}: pages");
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
    (dir, text)
}

/// `text` without any whitespace (pdftotext spaces CJK text unevenly).
fn flat(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Asserts that `parts` appear in `text` in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for p in parts {
        let p = flat(p);
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => panic!("“{p}” not found (in order) in:\n{text}"),
        }
    }
}

#[test]
fn the_printed_report_has_its_period_figures_and_text_in_order() {
    let mut b = branch();
    quarter(&mut b);
    let station = b.station;
    let id =
        b.t.write(|tx| {
            report::save(
                tx,
                None,
                input("城关供电所2026年三季度职工思想动态分析报告", Some(station)),
            )
        })
        .unwrap();
    let doc = qungong::pdf::voice::opinion_report(b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("分析报告.pdf", &doc);
    let t = flat(&text);
    in_order(
        &t,
        &[
            "城关供电所2026年三季度职工思想动态分析报告",
            "单位：国网示范县供电公司 / 城关供电所",
            "打印日期：2026年10月15日",
            "统计期间：2026年7月1日至2026年9月30日",
            "一、总体情况",
            "本季度职工队伍思想总体稳定。",
            "群众诉求 4 件",
            "已受理 0 件，办理中 1 件，已答复 1 件，已办结 2 件",
            "按期答复率 50.0%（已答复 4 件，其中按期答复 2 件）",
            "超期未办结 2 件",
            "满意率 66.7%（评价 3 件：满意 1 件，基本满意 1 件，不满意 1 件）",
            "上报上级 0 件",
            "职工座谈会 1 次",
            "谈心谈话 3 人次；覆盖率 66.7%（在岗职工 3 人，已谈话 2 人）",
            "联系点走访 2 次；覆盖率 100.0%（联系点 1 个，已走访 1 个）",
            "诉求分类统计",
            "薪酬待遇 2 50.0%",
            "工作环境 2 50.0%",
            "合计 4 100.0%",
            "各单位诉求",
            "城关供电所 1 25.0%",
            "营业班 3 75.0%",
            "二、主要思想动态",
            "职工关注薪酬待遇和工作环境。",
            "部分职工对绩效考核有疑虑。",
            "本期登记思想动态与舆情 3 条；重大舆情未按时上报 2 条。",
            "等级 一般 1 33.3%",
            "等级 较大 0 0.0%",
            "等级 重大 2 66.7%",
            "趋势 平稳 2 66.7%",
            "趋势 升温 1 33.3%",
            "趋势 降温 0 0.0%",
            "职工关注的主要问题",
            "1 薪酬待遇 2 50.0%",
            "2 工作环境 2 50.0%",
            "三、原因分析",
            "（未填写）",
            "四、下一步措施",
            "落实夜班补助新标准，公开绩效考核结果。",
            "报告人（签字）",
            "审核人（签字）",
        ],
    );
    assert!(!t.contains("营销部"), "another unit's concerns");
}

#[test]
fn a_company_report_with_no_concerns_says_so() {
    let mut b = branch();
    let mut i = input("2025年一季度分析报告", None);
    i.period_from = date("2025-01-01");
    i.period_to = date("2025-03-31");
    i.overall = None;
    i.main_trends = None;
    i.next_steps = None;
    let id = b.t.write(|tx| report::save(tx, None, i)).unwrap();
    let doc = qungong::pdf::voice::opinion_report(b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("空报告.pdf", &doc);
    let t = flat(&text);
    in_order(
        &t,
        &[
            "单位：国网示范县供电公司",
            "期间：2025年1月1日至2025年3月31日",
            "一、总体情况",
            "（未填写）",
            "群众诉求 0 件",
            "按期答复率 —",
            "诉求分类统计",
            "本期未登记群众诉求。",
            "二、主要思想动态",
            "（未填写）",
            "三、原因分析",
            "（未填写）",
            "四、下一步措施",
            "（未填写）",
        ],
    );
    let e = qungong::pdf::voice::opinion_report(b.t.db.conn(), 9999, &opts()).unwrap_err();
    assert!(e.to_string().contains("未找到"), "{e}");
}

#[test]
fn the_escalation_form_prints_what_was_escalated_or_leaves_it_blank() {
    let mut b = branch();
    let d = quarter(&mut b);
    let conn = b.t.db.conn();
    let c = qungong::voice::concern::get(conn, d.escalated, date("2026-10-15")).unwrap();
    let doc = qungong::pdf::voice::concern_escalation(conn, d.escalated, &opts()).unwrap();
    let (_dir, text) = text_of("上报单.pdf", &doc);
    let number = qungong::voice::export::concern_number(&c.uid);
    assert_eq!(number.len(), 8);
    in_order(
        &flat(&text),
        &[
            "群众诉求上报单",
            &format!("编号：{number}"),
            "打印日期：2026年10月15日",
            "受理日期 2026年8月20日",
            "诉求来源 联系点走访",
            "提出人 赵六",
            "所属单位 营销部",
            "诉求类别 安全生产",
            "办理期限 2026年8月27日",
            // A tall row's text sits at its top, above its label's middle.
            "营业厅消防通道被杂物堵塞",
            "诉求内容",
            "办理单位 —",
            "责任人 —",
            "办理情况",
            "办理状态 已受理（已超期 49 天）",
            "满意度 —",
            "上报日期 2026年8月22日",
            "上报至 县公司工会",
            "涉及多个部门，需协调",
            "上报说明",
            "填报人（签字）",
            "单位负责人（签字）",
            "日期： 年 月 日",
        ],
    );

    // Never escalated, anonymous: printed with the 上报 fields blank.
    let doc = qungong::pdf::voice::concern_escalation(conn, d.anonymous, &opts()).unwrap();
    let (_dir, text) = text_of("上报单-匿名.pdf", &doc);
    in_order(
        &flat(&text),
        &[
            "提出人 匿名",
            "所属单位 —",
            "绩效考核结果不公开",
            "诉求内容",
            "上报日期 年 月 日",
            "上报至",
            "上报说明",
        ],
    );
    assert!(!text.contains("县公司工会"));
    let e = qungong::pdf::voice::concern_escalation(conn, 9999, &opts()).unwrap_err();
    assert!(e.to_string().contains("未找到"), "{e}");
}

// ---- .xlsx ----

/// Every sheet of the workbook as text rows (dates as yyyy-mm-dd, numbers as written).
fn sheets(e: &Export) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(e.bytes.clone())).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(cell_text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        Data::Float(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Data::DateTime(x) => {
            let (y, m, d, h, min, _, _) = x.to_ymd_hms_milli();
            if x.as_f64().fract() == 0.0 {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}")
            }
        }
        other => other.to_string(),
    }
}

/// The one sheet's rows: the title, the headers, the data.
fn rows_of(e: &Export, sheet: &str) -> Vec<Vec<String>> {
    sheets(e)
        .into_iter()
        .find(|(n, _)| n == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"))
        .1
}

/// The data row whose column `header` holds `key`, as header → value.
fn row_where<'a>(rows: &'a [Vec<String>], header: &str, key: &str) -> Vec<(&'a str, &'a str)> {
    let headers = &rows[1];
    let col = headers.iter().position(|h| h == header).unwrap();
    let row = rows[2..]
        .iter()
        .find(|r| r[col] == key)
        .unwrap_or_else(|| panic!("no row with {header} = {key}"));
    headers
        .iter()
        .map(String::as_str)
        .zip(row.iter().map(String::as_str))
        .collect()
}

fn value<'a>(row: &[(&str, &'a str)], header: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| *h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
        .1
}

#[test]
fn the_concern_export_has_every_concern_with_its_handling() {
    let mut b = branch();
    let d = quarter(&mut b);
    let conn = b.t.db.conn();
    let today = date("2026-10-15");
    let e = export::concerns(conn, &ConcernFilter::default(), today).unwrap();
    assert_eq!(e.rows, 8);
    assert_eq!(e.sheets, ["群众诉求"]);
    assert!(e.file_name.ends_with(".xlsx") && e.file_name.contains("群众诉求"));
    let rows = rows_of(&e, "群众诉求");
    assert!(
        rows[0][0].contains("国网示范县供电公司群众诉求（8 件"),
        "{}",
        rows[0][0]
    );
    assert!(rows[0][0].contains("导出日期：2026年10月15日"));
    assert_eq!(
        rows[1],
        [
            "序号",
            "编号",
            "受理日期",
            "来源",
            "来源活动",
            "提出人",
            "所属单位",
            "类别",
            "诉求内容",
            "办理状态",
            "办理期限",
            "是否超期",
            "超期天数",
            "办理单位",
            "责任人",
            "答复内容",
            "答复日期",
            "办结日期",
            "满意度",
            "上报日期",
            "上报至",
            "上报说明",
        ]
    );
    assert_eq!(rows.len(), 2 + 8);
    let c = qungong::voice::concern::get(conn, d.escalated, today).unwrap();
    let esc = row_where(&rows, "编号", &export::concern_number(&c.uid));
    assert_eq!(value(&esc, "受理日期"), "2026-08-20");
    assert_eq!(value(&esc, "来源"), "联系点走访");
    assert_eq!(value(&esc, "提出人"), "赵六");
    assert_eq!(value(&esc, "所属单位"), "营销部");
    assert_eq!(value(&esc, "类别"), "安全生产");
    assert_eq!(value(&esc, "诉求内容"), "营业厅消防通道被杂物堵塞");
    assert_eq!(value(&esc, "办理状态"), "已受理");
    assert_eq!(value(&esc, "办理期限"), "2026-08-27");
    assert_eq!(value(&esc, "是否超期"), "是");
    assert_eq!(value(&esc, "超期天数"), "49");
    assert_eq!(value(&esc, "上报日期"), "2026-08-22");
    assert_eq!(value(&esc, "上报至"), "县公司工会");
    assert_eq!(value(&esc, "上报说明"), "涉及多个部门，需协调");
    let done = row_where(&rows, "诉求内容", "夜班补助标准多年未调整");
    assert_eq!(value(&done, "办理状态"), "已办结");
    assert_eq!(value(&done, "是否超期"), "");
    assert_eq!(value(&done, "答复内容"), "已按新标准发放");
    assert_eq!(value(&done, "答复日期"), "2026-07-18");
    assert_eq!(value(&done, "办结日期"), "2026-07-18");
    assert_eq!(value(&done, "满意度"), "满意");
    assert_eq!(value(&done, "来源"), "座谈会");
    let anon = row_where(&rows, "诉求内容", "绩效考核结果不公开");
    assert_eq!(value(&anon, "提出人"), "匿名");
    assert_eq!(value(&anon, "所属单位"), "");

    // The filter applies: the station's concerns received in the quarter.
    let filter = ConcernFilter {
        from: Some(date("2026-07-01")),
        to: Some(date("2026-09-30")),
        unit_id: Some(b.station),
        ..ConcernFilter::default()
    };
    let e = export::concerns(conn, &filter, today).unwrap();
    assert_eq!(e.rows, 4);
    let rows = rows_of(&e, "群众诉求");
    assert!(
        rows[0][0].starts_with("城关供电所群众诉求（4 件"),
        "{}",
        rows[0][0]
    );
}

#[test]
fn more_concerns_than_a_page_are_all_exported() {
    let mut b = branch();
    let team = b.team;
    for i in 0..1203 {
        let content: &'static str = Box::leak(format!("第 {i} 条意见").into_boxed_str());
        concern(
            &mut b,
            C {
                unit: Some(team),
                content,
                ..C::default()
            },
        );
    }
    let e = export::concerns(b.t.db.conn(), &ConcernFilter::default(), date("2026-10-15")).unwrap();
    assert_eq!(e.rows, 1203);
    let rows = rows_of(&e, "群众诉求");
    for i in [0, 600, 1202] {
        row_where(&rows, "诉求内容", &format!("第 {i} 条意见"));
    }
}

#[test]
fn the_opinion_and_visit_exports() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let filter = OpinionFilter {
        from: Some(date("2026-07-01")),
        to: Some(date("2026-09-30")),
        ..OpinionFilter::default()
    };
    let e = export::opinions(conn, &filter, later()).unwrap();
    assert_eq!(e.rows, 5);
    let rows = rows_of(&e, "思想动态");
    assert!(
        rows[0][0].contains("其中重大未按时上报 2 条"),
        "{}",
        rows[0][0]
    );
    let grave = row_where(&rows, "标题", "2026-08-15 14:00 的思想动态");
    assert_eq!(value(&grave, "发现时间"), "2026-08-15 14:00");
    assert_eq!(value(&grave, "等级"), "重大");
    assert_eq!(value(&grave, "趋势"), "升温");
    assert_eq!(value(&grave, "涉及单位"), "城关供电所");
    assert_eq!(value(&grave, "上报时限"), "2026-08-15 16:00");
    assert_eq!(value(&grave, "未按时上报"), "是");
    let reported = row_where(&rows, "标题", "2026-09-10 08:00 的思想动态");
    assert_eq!(value(&reported, "上报时间"), "2026-09-10 09:00");
    assert_eq!(value(&reported, "未按时上报"), "");
    let normal = row_where(&rows, "标题", "2026-07-03 09:00 的思想动态");
    assert_eq!(value(&normal, "上报时限"), "");

    let e = export::visits(conn, &VisitFilter::default()).unwrap();
    assert_eq!(e.rows, 4);
    let rows = rows_of(&e, "走访记录");
    assert_eq!(
        rows[1],
        [
            "序号",
            "走访日期",
            "领导",
            "走访单位",
            "是否联系点",
            "参加人员",
            "了解情况",
            "形成诉求（件）"
        ]
    );
    let v = row_where(&rows, "走访日期", "2026-08-10");
    assert_eq!(value(&v, "领导"), "赵六");
    assert_eq!(value(&v, "走访单位"), "营业班");
    assert_eq!(value(&v, "是否联系点"), "是");
    assert_eq!(value(&v, "了解情况"), "职工反映食堂饭菜品种少");
    let v = row_where(&rows, "走访日期", "2026-07-20");
    assert_eq!(value(&v, "是否联系点"), "");
    let filter = VisitFilter {
        unit_id: Some(b.station),
        ..VisitFilter::default()
    };
    assert_eq!(export::visits(conn, &filter).unwrap().rows, 2);
}

#[test]
fn talk_summaries_are_exported_only_when_asked_and_only_those_the_viewer_may_see() {
    let mut b = branch();
    quarter(&mut b);
    let zhang = b.zhang;
    // An account standing for 张三 (the talker of three talks) that is not an administrator.
    let account =
        b.t.write(|tx| {
            tx.execute(
                "INSERT INTO account (name, role, password_hash, created_at,
                        password_changed_at, person_id)
                 VALUES ('zhangsan', 'cadre', 'x', '2026-01-01 00:00:00',
                         '2026-01-01 00:00:00', ?1)",
                [zhang],
            )?;
            Ok(tx.last_insert_rowid())
        })
        .unwrap();
    let cadre = Viewer {
        account_id: Some(account),
        admin: false,
    };
    let conn = b.t.db.conn();
    let his = "李四谈到孩子上学的困难";
    let other = "张三希望参加技能培训";
    let all_text = |e: &Export| -> String {
        sheets(e)
            .into_iter()
            .flat_map(|(_, rows)| rows.into_iter().flatten())
            .collect::<Vec<_>>()
            .join("\n")
    };

    for viewer in [Viewer::ADMIN, cadre] {
        let e = export::talks(conn, &TalkFilter::default(), viewer, false).unwrap();
        assert_eq!(e.rows, 5);
        let rows = rows_of(&e, "谈心谈话");
        assert!(!rows[1].iter().any(|h| h == "谈话内容"));
        let text = all_text(&e);
        assert!(!text.contains(his) && !text.contains(other));
        assert!(!text.contains("无权查看"));
    }

    let e = export::talks(conn, &TalkFilter::default(), cadre, true).unwrap();
    let rows = rows_of(&e, "谈心谈话");
    assert_eq!(rows[1].last().unwrap(), "谈话内容");
    let text = all_text(&e);
    assert!(text.contains(his));
    assert!(!text.contains(other));
    let mine = row_where(&rows, "谈话日期", "2026-07-15");
    assert_eq!(value(&mine, "谈话人"), "张三");
    assert_eq!(value(&mine, "谈话对象"), "李四");
    assert_eq!(value(&mine, "所在单位"), "营业班");
    assert_eq!(value(&mine, "谈话类型"), "日常谈心");
    assert_eq!(value(&mine, "谈话内容"), his);
    let hidden = row_where(&rows, "谈话日期", "2026-09-01");
    assert_eq!(value(&hidden, "谈话人"), "赵六");
    assert_eq!(value(&hidden, "谈话内容"), "无权查看");
    // No summary at all: nothing to hide.
    let empty = row_where(&rows, "谈话日期", "2026-08-20");
    assert_eq!(value(&empty, "谈话内容"), "");

    let e = export::talks(conn, &TalkFilter::default(), Viewer::ADMIN, true).unwrap();
    let text = all_text(&e);
    assert!(text.contains(his) && text.contains(other));
    assert!(!text.contains("无权查看"));
}

#[test]
fn the_coverage_exports() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let e = export::contact_coverage(conn, 2026, 3).unwrap();
    assert_eq!(e.rows, 2);
    let rows = rows_of(&e, "联系点走访情况");
    assert!(
        rows[0][0].starts_with("2026年第3季度领导班子联系点走访情况"),
        "{}",
        rows[0][0]
    );
    // Short of the plan first.
    assert_eq!(&rows[2][1..4], ["张三", "营销部", "2026-01-01"]);
    assert_eq!(&rows[2][4..], ["1", "0", "", "是"]);
    assert_eq!(&rows[3][1..3], ["赵六", "营业班"]);
    assert_eq!(&rows[3][4..], ["1", "1", "2026-08-10", ""]);

    let e = export::talk_coverage(conn, q3(), None, date("2026-10-15")).unwrap();
    assert_eq!(e.sheets, ["覆盖率", "未谈话人员"]);
    let rows = rows_of(&e, "覆盖率");
    assert!(
        rows[0][0].contains("2026年7月1日至2026年9月30日"),
        "{}",
        rows[0][0]
    );
    assert_eq!(
        rows[1],
        ["单位", "在岗职工（人）", "已谈话（人）", "覆盖率"]
    );
    assert_eq!(&rows[2][..3], ["国网示范县供电公司", "4", "3"]);
    assert_eq!(rows[2][3], "0.75");
    let station = rows.iter().find(|r| r[0].trim() == "城关供电所").unwrap();
    assert_eq!(&station[1..3], ["3", "2"]);
    let missed = rows_of(&e, "未谈话人员");
    assert_eq!(missed.len(), 3);
    assert_eq!(missed[2], ["1", "王五", "营业班"]);
}
