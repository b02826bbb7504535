//! 职工思想动态分析报告 and the other 党群沟通 outputs, on hand-made data: every figure of
//! `voice::report::figures` for a quarter, the saved reports, the printed report and
//! 群众诉求上报单 read back with `pdftotext -layout`, and the .xlsx exports read back with
//! calamine (谈话内容 only when asked for, and only the summaries the viewer may see).
//!
//! The hand-made quarter and the helpers that write it are here; the figures, the saved
//! reports, the prints and the exports are a module each.

#[path = "../common/mod.rs"]
mod common;

mod exports;
mod figures;
mod prints;
mod saved;

use chrono::NaiveDateTime;
use qungong::codes::ActivityKind;
use qungong::voice::Period;
use qungong::voice::report::ReportInput;

use common::{Branch, date, time};

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

/// The quarter's data (see the figures in [`figures::company_figures`] for what counts).
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
