//! Issue 15: 思想动态 (the 重大 time limit, reported late, units and concerns), 领导班子联系点
//! (plans, visits and the quarter's coverage) and 谈心谈话 (coverage per unit, who sees the
//! summary, who may edit, and an audit trail without it).

mod common;

use common::{Branch, branch, date, person_input, time};
use qungong::codes::{OpinionKind, OpinionLevel, OpinionTrend, TalkKind};
use qungong::voice::Period;
use qungong::voice::Viewer;
use qungong::voice::contact::{self, VisitFilter, VisitInput};
use qungong::voice::opinion::{self, OpinionFilter, OpinionInput};
use qungong::voice::talk::{self, TalkFilter, TalkInput};
use qungong::{Action, Actor};

fn opinion_input(title: &str, observed_at: &str, level: OpinionLevel) -> OpinionInput {
    OpinionInput {
        observed_at: time(observed_at),
        kind: OpinionKind::Internal,
        channel: Some("班组会".into()),
        title: title.into(),
        detail: Some("部分职工对绩效分配有不同看法".into()),
        unit_ids: Vec::new(),
        level,
        trend: OpinionTrend::Rising,
        assessment: None,
        measures: None,
    }
}

fn add_opinion(b: &mut Branch, input: OpinionInput) -> i64 {
    b.t.write(|tx| opinion::add(tx, input)).unwrap()
}

fn message<T: std::fmt::Debug>(r: qungong::Result<T>) -> String {
    r.expect_err("should be refused").to_string()
}

/// A concern linked to an opinion entry, a visit or a talk, written as the concern module does.
fn link_concern(b: &Branch, column: &str, id: i64) -> i64 {
    let conn = b.t.db.conn();
    conn.execute(
        &format!(
            "INSERT INTO concern (uid, received_on, source, {column}, raiser_kind, category_id,
                 content, deadline, created_at, updated_at)
             VALUES (?1, '2026-03-02', 'other', ?2, 'anonymous',
                 (SELECT min(id) FROM concern_category), '希望改善值班休息条件', '2026-03-17',
                 '2026-03-02 10:00:00', '2026-03-02 10:00:00')"
        ),
        rusqlite::params![qungong::db::new_uid(), id],
    )
    .unwrap();
    conn.last_insert_rowid()
}

#[test]
fn a_grave_entry_is_flagged_once_past_the_default_two_hours() {
    let mut b = branch();
    let grave = add_opinion(
        &mut b,
        opinion_input("绩效分配引发议论", "2026-03-02 09:00", OpinionLevel::Grave),
    );
    let conn = b.t.db.conn();
    assert_eq!(opinion::report_hours(conn).unwrap(), 2);

    let o = opinion::get(conn, grave, time("2026-03-02 10:59")).unwrap();
    assert_eq!(o.report_due, Some(time("2026-03-02 11:00")));
    assert!(!o.unreported_flag);
    // At the limit itself it is still in time.
    let o = opinion::get(conn, grave, time("2026-03-02 11:00")).unwrap();
    assert!(!o.unreported_flag);
    let o = opinion::get(conn, grave, time("2026-03-02 11:01")).unwrap();
    assert!(o.unreported_flag);
    assert!(!o.reported_late);

    let late = opinion::unreported(conn, time("2026-03-02 11:01")).unwrap();
    assert_eq!(late.iter().map(|o| o.id).collect::<Vec<_>>(), [grave]);
    assert!(
        opinion::unreported(conn, time("2026-03-02 11:00"))
            .unwrap()
            .is_empty()
    );
    let filter = OpinionFilter {
        unreported: true,
        ..Default::default()
    };
    let page = opinion::list(conn, &filter, time("2026-03-02 11:01"), 0, 50).unwrap();
    assert_eq!(page.total, 1);
    assert!(page.items[0].unreported_flag);
    let page = opinion::list(conn, &filter, time("2026-03-02 10:00"), 0, 50).unwrap();
    assert_eq!(page.total, 0);

    // Reported after the limit: no longer flagged, but reported late.
    b.t.write(|tx| opinion::mark_reported(tx, grave, time("2026-03-02 11:30"), "市公司党委宣传部"))
        .unwrap();
    let conn = b.t.db.conn();
    let o = opinion::get(conn, grave, time("2026-03-03 09:00")).unwrap();
    assert!(!o.unreported_flag);
    assert!(o.reported_late);
    assert_eq!(o.reported_to.as_deref(), Some("市公司党委宣传部"));
    assert!(
        opinion::unreported(conn, time("2026-03-03 09:00"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_time_limit_follows_the_setting_and_only_grave_entries_are_flagged() {
    let mut b = branch();
    b.t.write(|tx| qungong::settings::set(tx, "voice.report_hours", "4"))
        .unwrap();
    let grave = add_opinion(
        &mut b,
        opinion_input("网传停电补偿不公", "2026-03-02 09:00", OpinionLevel::Grave),
    );
    let on_time = add_opinion(
        &mut b,
        opinion_input("食堂涨价议论", "2026-03-02 08:00", OpinionLevel::Grave),
    );
    let normal = add_opinion(
        &mut b,
        opinion_input("班组排班意见", "2026-01-05 08:00", OpinionLevel::Normal),
    );
    let major = add_opinion(
        &mut b,
        opinion_input("改制传闻", "2026-01-05 08:00", OpinionLevel::Major),
    );
    b.t.write(|tx| opinion::mark_reported(tx, on_time, time("2026-03-02 12:00"), "县委网信办"))
        .unwrap();
    let conn = b.t.db.conn();
    assert_eq!(opinion::report_hours(conn).unwrap(), 4);

    let o = opinion::get(conn, grave, time("2026-03-02 11:01")).unwrap();
    assert_eq!(o.report_due, Some(time("2026-03-02 13:00")));
    assert!(!o.unreported_flag, "2 h passed, but the limit is 4 h");
    let o = opinion::get(conn, grave, time("2026-03-02 13:01")).unwrap();
    assert!(o.unreported_flag);

    // Reported within 4 hours: neither flagged nor late.
    let o = opinion::get(conn, on_time, time("2026-03-09 00:00")).unwrap();
    assert!(!o.unreported_flag && !o.reported_late);

    // 一般 and 较大 have no time limit and are never flagged, months later.
    for id in [normal, major] {
        let o = opinion::get(conn, id, time("2026-12-31 23:59")).unwrap();
        assert_eq!(o.report_due, None);
        assert!(!o.unreported_flag && !o.reported_late);
    }
    let late = opinion::unreported(conn, time("2026-12-31 23:59")).unwrap();
    assert_eq!(late.iter().map(|o| o.id).collect::<Vec<_>>(), [grave]);

    // Newest observed first.
    let page = opinion::list(
        conn,
        &OpinionFilter::default(),
        time("2026-03-02 13:01"),
        0,
        50,
    )
    .unwrap();
    assert_eq!(
        page.items.iter().map(|o| o.id).collect::<Vec<_>>(),
        [grave, on_time, major, normal]
    );
    let grave_only = OpinionFilter {
        level: Some(OpinionLevel::Grave),
        ..Default::default()
    };
    let page = opinion::list(conn, &grave_only, time("2026-03-02 13:01"), 0, 50).unwrap();
    assert_eq!(page.total, 2);

    // A report before the observation, or to nobody, is refused.
    let err = message(
        b.t.write(|tx| opinion::mark_reported(tx, grave, time("2026-03-02 08:59"), "县委网信办")),
    );
    assert!(
        err.contains("上报时间") && err.contains("不能早于发现时间"),
        "{err}"
    );
    let err =
        message(b.t.write(|tx| opinion::mark_reported(tx, grave, time("2026-03-02 10:00"), "  ")));
    assert_eq!(err, "上报对象：不能为空");
    // A limit outside 1–72 hours is refused.
    let err = message(b.t.write(|tx| qungong::settings::set(tx, "voice.report_hours", "0")));
    assert!(err.contains("1–72"), "{err}");
}

#[test]
fn an_entry_keeps_its_units_in_tree_order_and_its_concerns() {
    let mut b = branch();
    let mut input = opinion_input("营业厅排队投诉", "2026-03-02 09:00", OpinionLevel::Major);
    input.unit_ids = vec![b.team, b.station, b.team];
    let id = add_opinion(&mut b, input.clone());
    let other = add_opinion(
        &mut b,
        opinion_input("无关的动态", "2026-03-01 09:00", OpinionLevel::Normal),
    );
    let concern = link_concern(&b, "opinion_id", id);

    let conn = b.t.db.conn();
    let o = opinion::get(conn, id, time("2026-03-02 10:00")).unwrap();
    assert_eq!(o.unit_ids, [b.station, b.team]);
    assert_eq!(o.units, "城关供电所、营业班");
    assert_eq!(o.concern_ids, [concern]);
    assert_eq!(o.level, OpinionLevel::Major);
    assert_eq!(o.channel.as_deref(), Some("班组会"));
    assert!(
        opinion::get(conn, other, time("2026-03-02 10:00"))
            .unwrap()
            .concern_ids
            .is_empty()
    );

    // Concerning a unit or one below it.
    let in_unit = |unit: i64| {
        let f = OpinionFilter {
            unit_id: Some(unit),
            ..Default::default()
        };
        opinion::list(conn, &f, time("2026-03-02 10:00"), 0, 50)
            .unwrap()
            .items
            .into_iter()
            .map(|o| o.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(in_unit(b.company), [id]);
    assert_eq!(in_unit(b.team), [id]);
    assert!(in_unit(b.dept).is_empty());
    let search = OpinionFilter {
        search: Some("排队".into()),
        ..Default::default()
    };
    assert_eq!(
        opinion::list(conn, &search, time("2026-03-02 10:00"), 0, 50)
            .unwrap()
            .total,
        1
    );

    // Editing replaces the units.
    input.unit_ids = vec![b.dept];
    input.title = "  营业厅排队投诉（已处置）  ".into();
    input.measures = Some("增开窗口".into());
    b.t.write(|tx| opinion::update(tx, id, input.clone()))
        .unwrap();
    let o = opinion::get(b.t.db.conn(), id, time("2026-03-02 10:00")).unwrap();
    assert_eq!(o.unit_ids, [b.dept]);
    assert_eq!(o.units, "营销部");
    assert_eq!(o.title, "营业厅排队投诉（已处置）");
    assert_eq!(o.measures.as_deref(), Some("增开窗口"));

    // Validation, in Chinese.
    let refused = |b: &mut Branch, f: &dyn Fn(&mut OpinionInput)| {
        let mut i = opinion_input("标题", "2026-03-02 09:00", OpinionLevel::Normal);
        f(&mut i);
        message(b.t.write(|tx| opinion::add(tx, i)))
    };
    assert_eq!(refused(&mut b, &|i| i.title = " ".into()), "标题：不能为空");
    assert_eq!(
        refused(&mut b, &|i| i.title = "甲".repeat(101)),
        "标题：不能超过 100 个字"
    );
    assert!(refused(&mut b, &|i| i.title = "两\n行".into()).starts_with("标题：不能含换行"));
    assert_eq!(
        refused(&mut b, &|i| i.unit_ids = vec![9999]),
        "涉及单位：请选择一个存在的单位"
    );
    assert!(
        refused(&mut b, &|i| i.detail = Some("含\u{7}控制符".into())).starts_with("详细情况：")
    );
    let err = message(b.t.write(|tx| {
        opinion::update(
            tx,
            9999,
            opinion_input("标题", "2026-03-02 09:00", OpinionLevel::Normal),
        )
    }));
    assert!(err.contains("未找到思想动态"), "{err}");
}

fn visit(leader: i64, unit: i64, on: &str) -> VisitInput {
    VisitInput {
        visited_on: date(on),
        leader_id: leader,
        unit_id: unit,
        participants: Some("班组全体".into()),
        findings: Some("职工反映值班室空调老旧".into()),
    }
}

#[test]
fn contact_coverage_counts_planned_visits_per_quarter() {
    let mut b = branch();
    let (zhang, li, zhao) = (b.zhang, b.li, b.zhao);
    let (station, team, dept) = (b.station, b.team, b.dept);
    let zhao_station =
        b.t.write(|tx| contact::add_point(tx, zhao, station, date("2025-01-01"), Some("老联系点")))
            .unwrap();
    let zhao_team =
        b.t.write(|tx| contact::add_point(tx, zhao, team, date("2026-01-01"), None))
            .unwrap();
    let zhang_dept =
        b.t.write(|tx| contact::add_point(tx, zhang, dept, date("2026-02-01"), None))
            .unwrap();
    // Set up after the first quarter: not in its coverage.
    let li_dept =
        b.t.write(|tx| contact::add_point(tx, li, dept, date("2026-05-01"), None))
            .unwrap();
    let err = message(b.t.write(|tx| contact::add_point(tx, zhao, team, date("2026-03-01"), None)));
    assert_eq!(err, "联系单位：“营业班”已是赵六的联系点");

    b.t.write(|tx| {
        contact::set_plan(tx, zhao_team, 2026, 2)?;
        contact::set_plan(tx, zhang_dept, 2026, 1)?;
        contact::set_plan(tx, zhang_dept, 2026, 0) // changed: no visit planned
    })
    .unwrap();
    let err = message(b.t.write(|tx| contact::set_plan(tx, zhao_team, 2026, 13)));
    assert_eq!(err, "每季度走访次数：应为 0–12 次");

    let visits = [
        visit(zhao, station, "2026-02-10"),
        visit(zhao, team, "2026-01-15"),
        visit(zhao, team, "2026-04-02"), // the second quarter
        visit(zhao, dept, "2026-03-01"), // not his contact point
        visit(zhang, dept, "2026-03-05"),
        visit(zhao, station, "2025-12-30"), // last year
    ];
    let mut ids = Vec::new();
    for v in visits {
        ids.push(b.t.write(|tx| contact::add_visit(tx, v)).unwrap());
    }
    let concern = link_concern(&b, "visit_id", ids[0]);

    let conn = b.t.db.conn();
    let plan = contact::plan(conn, 2026).unwrap();
    let per = |point: i64| {
        plan.iter()
            .find(|r| r.point_id == point)
            .map(|r| r.per_quarter)
    };
    assert_eq!(plan.len(), 4);
    assert_eq!(per(zhao_station), Some(1), "no plan set: 1");
    assert_eq!(per(zhao_team), Some(2));
    assert_eq!(per(zhang_dept), Some(0));
    assert_eq!(per(li_dept), Some(1));
    assert!(
        contact::plan(conn, 2027)
            .unwrap()
            .iter()
            .all(|r| r.per_quarter == 1)
    );

    let q1 = contact::coverage(conn, 2026, 1).unwrap();
    let rows: Vec<(i64, u32, u32, bool)> = q1
        .points
        .iter()
        .map(|p| (p.point.id, p.planned, p.visits, p.short))
        .collect();
    // Short first; then by leader (张 before 赵 by strokes), then unit.
    assert_eq!(
        rows,
        [
            (zhao_team, 2, 1, true),
            (zhang_dept, 0, 1, false),
            (zhao_station, 1, 1, false),
        ]
    );
    assert_eq!(q1.points[0].last_visit, Some(date("2026-01-15")));
    assert_eq!((q1.covered, q1.total), (1, 2));

    let q2 = contact::coverage(conn, 2026, 2).unwrap();
    let rows: Vec<(i64, u32, u32, bool)> = q2
        .points
        .iter()
        .map(|p| (p.point.id, p.planned, p.visits, p.short))
        .collect();
    assert_eq!(
        rows,
        [
            (li_dept, 1, 0, true),
            (zhao_station, 1, 0, true),
            (zhao_team, 2, 1, true),
            (zhang_dept, 0, 0, false),
        ]
    );
    assert_eq!((q2.covered, q2.total), (0, 3));
    assert_eq!(q2.points[1].last_visit, Some(date("2026-02-10")));
    assert!(contact::coverage(conn, 2026, 5).is_err());

    // The visit log.
    let v = contact::get_visit(conn, ids[3]).unwrap();
    assert!(!v.at_contact_point);
    assert_eq!(v.unit_name, "营销部");
    let v = contact::get_visit(conn, ids[0]).unwrap();
    assert!(v.at_contact_point);
    assert_eq!(v.concern_ids, [concern]);
    let by_zhao = contact::list_visits(
        conn,
        &VisitFilter {
            leader_id: Some(zhao),
            ..Default::default()
        },
        0,
        50,
    )
    .unwrap();
    assert_eq!(
        by_zhao.items.iter().map(|v| v.id).collect::<Vec<_>>(),
        [ids[2], ids[3], ids[0], ids[1], ids[5]]
    );
    let in_station = contact::list_visits(
        conn,
        &VisitFilter {
            unit_id: Some(station),
            from: Some(date("2026-01-01")),
            to: Some(date("2026-03-31")),
            ..Default::default()
        },
        0,
        50,
    )
    .unwrap();
    assert_eq!(
        in_station.items.iter().map(|v| v.id).collect::<Vec<_>>(),
        [ids[0], ids[1]]
    );

    let points = contact::points(conn, None).unwrap();
    assert_eq!(
        points.iter().map(|p| p.id).collect::<Vec<_>>(),
        [li_dept, zhang_dept, zhao_station, zhao_team]
    );
    let zhaos = contact::points(conn, Some(zhao)).unwrap();
    assert_eq!(zhaos.len(), 2);
    assert_eq!(zhaos[0].note.as_deref(), Some("老联系点"));

    // Editing a visit moves it; removing a point drops its plan.
    b.t.write(|tx| contact::update_visit(tx, ids[2], visit(zhao, team, "2026-03-20")))
        .unwrap();
    b.t.write(|tx| contact::remove_point(tx, zhang_dept))
        .unwrap();
    let conn = b.t.db.conn();
    let q1 = contact::coverage(conn, 2026, 1).unwrap();
    assert_eq!((q1.covered, q1.total), (2, 2));
    assert_eq!(q1.points.len(), 2);
    let plans: i64 = conn
        .query_row(
            "SELECT count(*) FROM contact_plan WHERE point_id = ?1",
            [zhang_dept],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(plans, 0);
    let err = message(b.t.write(|tx| contact::add_visit(tx, visit(9999, team, "2026-03-20"))));
    assert_eq!(err, "走访领导：请选择一名存在的职工");
}

fn talk_input(talker: i64, person: i64, on: &str) -> TalkInput {
    TalkInput {
        talked_on: date(on),
        talker_id: talker,
        person_id: person,
        kind: TalkKind::Daily,
        topic: "近期工作和家庭情况".into(),
        summary: None,
        follow_up: false,
    }
}

/// Records a talk as the app does: under its own action, so the audit trail records its fields
/// (the tests' usual `write` runs as the demo, whose changes are not itemised).
fn add_talk(b: &mut Branch, input: TalkInput, recorded_by: Option<i64>) -> i64 {
    act(b, Action::TalkAdd, |tx| talk::add(tx, input, recorded_by)).unwrap()
}

fn act<T>(
    b: &mut Branch,
    action: Action,
    f: impl FnOnce(&qungong::Tx) -> qungong::Result<T>,
) -> qungong::Result<T> {
    b.t.db.transact(&Actor("测试".into()), action, f)
}

#[test]
fn talk_coverage_counts_staff_in_post_per_unit() {
    let mut b = branch();
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    b.t.person("10005", "周九", b.company);
    let sun = b.t.person("10006", "孙七", b.team);
    let mut qian = person_input("10007", "钱八", b.dept);
    qian.hire_date = Some(date("2026-05-01"));
    let qian = b.t.write(|tx| qungong::people::add(tx, qian)).unwrap();
    b.t.write(|tx| qungong::people::leave(tx, sun, date("2026-02-01"), Some("调出")))
        .unwrap();

    add_talk(&mut b, talk_input(zhao, li, "2026-01-10"), None);
    add_talk(&mut b, talk_input(zhao, li, "2026-02-10"), None);
    add_talk(&mut b, talk_input(zhao, zhang, "2026-03-31"), None);
    add_talk(&mut b, talk_input(zhao, sun, "2026-01-20"), None); // has left since
    add_talk(&mut b, talk_input(zhang, wang, "2026-04-01"), None); // the next quarter
    add_talk(&mut b, talk_input(zhang, qian, "2026-05-10"), None);

    let conn = b.t.db.conn();
    let q1 = Period::quarter(2026, 1).unwrap();
    let figures = |c: &qungong::voice::talk::TalkCoverage| {
        c.units
            .iter()
            .map(|u| (u.unit_name.clone(), u.staff, u.talked))
            .collect::<Vec<_>>()
    };
    let names = |c: &qungong::voice::talk::TalkCoverage| {
        c.not_talked
            .iter()
            .map(|n| format!("{}/{}", n.unit_name, n.name))
            .collect::<Vec<_>>()
    };

    // In post on 31 March: 周九 (company), 张三 (station), 李四 王五 (team), 赵六 (dept).
    // 孙七 left in February, 钱八 is hired in May. Talked with: 李四 (twice), 张三.
    let c = talk::coverage(conn, q1, None, date("2026-12-31")).unwrap();
    assert_eq!(
        figures(&c),
        [
            ("国网示范县供电公司".to_string(), 5, 2),
            ("城关供电所".to_string(), 3, 2),
            ("营销部".to_string(), 1, 0),
        ]
    );
    assert_eq!(c.units[0].unit_id, b.company);
    assert_eq!(c.units[0].rate, Some(0.4));
    assert_eq!(c.units[2].rate, Some(0.0));
    assert_eq!(
        names(&c),
        ["国网示范县供电公司/周九", "营业班/王五", "营销部/赵六"]
    );
    assert_eq!(c.period, q1);

    let c = talk::coverage(conn, q1, Some(b.station), date("2026-12-31")).unwrap();
    assert_eq!(
        figures(&c),
        [
            ("城关供电所".to_string(), 3, 2),
            ("营业班".to_string(), 2, 1)
        ]
    );
    assert_eq!(c.units[1].rate, Some(0.5));
    assert_eq!(names(&c), ["营业班/王五"]);

    let c = talk::coverage(conn, q1, Some(b.dept), date("2026-12-31")).unwrap();
    assert_eq!(figures(&c), [("营销部".to_string(), 1, 0)]);
    assert_eq!(names(&c), ["营销部/赵六"]);

    // The second quarter asked about on 15 April: 钱八 is not yet on the staff; on its last day
    // he is, and was talked with.
    let q2 = Period::quarter(2026, 2).unwrap();
    let c = talk::coverage(conn, q2, None, date("2026-04-15")).unwrap();
    assert_eq!(
        figures(&c),
        [
            ("国网示范县供电公司".to_string(), 5, 1),
            ("城关供电所".to_string(), 3, 1),
            ("营销部".to_string(), 1, 0),
        ]
    );
    let c = talk::coverage(conn, q2, None, date("2026-06-30")).unwrap();
    assert_eq!(
        figures(&c),
        [
            ("国网示范县供电公司".to_string(), 6, 2),
            ("城关供电所".to_string(), 3, 1),
            ("营销部".to_string(), 2, 1),
        ]
    );

    // A unit with nobody: no rate.
    let empty = b.t.unit("空班组", Some(b.dept));
    let c = talk::coverage(b.t.db.conn(), q1, Some(empty), date("2026-12-31")).unwrap();
    assert_eq!(c.units[0].staff, 0);
    assert_eq!(c.units[0].rate, None);
    assert!(talk::coverage(b.t.db.conn(), q1, Some(9999), date("2026-12-31")).is_err());
}

/// An account row (the password does not matter here), standing for `person` when given.
fn account(b: &Branch, name: &str, role: &str, person: Option<i64>) -> i64 {
    let conn = b.t.db.conn();
    conn.execute(
        "INSERT INTO account (name, role, password_hash, created_at, password_changed_at,
             person_id)
         VALUES (?1, ?2, 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00', ?3)",
        rusqlite::params![name, role, person],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn as_account(id: i64) -> Viewer {
    Viewer {
        account_id: Some(id),
        admin: false,
    }
}

const SECRET: &str = "家中老人住院，想申请调整夜班";

#[test]
fn a_summary_is_seen_only_by_its_recorder_the_talker_and_an_administrator() {
    let mut b = branch();
    let (li, wang, zhao) = (b.li, b.wang, b.zhao);
    let recorder = account(&b, "记录人", "cadre", None);
    let talker = account(&b, "赵六", "cadre", Some(zhao));
    let other = account(&b, "其他干部", "cadre", Some(wang));
    let admin = account(&b, "管理员", "admin", None);

    let mut input = talk_input(zhao, li, "2026-03-02");
    input.kind = TalkKind::Hardship;
    input.summary = Some(format!("  {SECRET}  "));
    input.follow_up = true;
    let id = add_talk(&mut b, input.clone(), Some(recorder));
    let plain = add_talk(&mut b, talk_input(wang, li, "2026-03-01"), Some(other));
    let concern = link_concern(&b, "talk_id", id);

    let conn = b.t.db.conn();
    let admin_viewer = Viewer {
        account_id: Some(admin),
        admin: true,
    };
    for viewer in [
        Viewer::ADMIN,
        admin_viewer,
        as_account(recorder),
        as_account(talker),
    ] {
        assert!(talk::can_see(conn, id, viewer).unwrap(), "{viewer:?}");
        let t = talk::get(conn, id, viewer).unwrap();
        assert_eq!(t.summary.as_deref(), Some(SECRET));
        assert!(!t.summary_hidden);
    }
    assert!(!talk::can_see(conn, id, as_account(other)).unwrap());
    let t = talk::get(conn, id, as_account(other)).unwrap();
    assert_eq!(t.summary, None);
    assert!(t.summary_hidden);
    // What is not secret is still shown.
    assert_eq!(t.topic, "近期工作和家庭情况");
    assert_eq!(t.kind, TalkKind::Hardship);
    assert_eq!(
        (t.talker_name.as_str(), t.person_name.as_str()),
        ("赵六", "李四")
    );
    assert_eq!(t.unit_name.as_deref(), Some("营业班"));
    assert!(t.follow_up);
    assert_eq!(t.concern_ids, [concern]);
    // No summary: nothing hidden.
    let t = talk::get(conn, plain, as_account(recorder)).unwrap();
    assert!(t.summary.is_none() && !t.summary_hidden);

    // The list applies the same rule row by row; newest first.
    let list = talk::list(conn, &TalkFilter::default(), as_account(other), 0, 50).unwrap();
    assert_eq!(
        list.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [id, plain]
    );
    assert!(list.items[0].summary.is_none() && list.items[0].summary_hidden);
    let list = talk::list(conn, &TalkFilter::default(), as_account(talker), 0, 50).unwrap();
    assert_eq!(list.items[0].summary.as_deref(), Some(SECRET));
    // Searching never looks into summaries.
    let search = |q: &str| {
        let f = TalkFilter {
            search: Some(q.into()),
            ..Default::default()
        };
        talk::list(conn, &f, Viewer::ADMIN, 0, 50).unwrap().total
    };
    assert_eq!(search("老人住院"), 0);
    assert_eq!(search("赵六"), 1);
    assert_eq!(search("家庭情况"), 2);
    let by_kind = TalkFilter {
        kind: Some(TalkKind::Hardship),
        unit_id: Some(b.station),
        ..Default::default()
    };
    assert_eq!(
        talk::list(conn, &by_kind, Viewer::ADMIN, 0, 50)
            .unwrap()
            .total,
        1
    );

    // Only those who may see it may edit it.
    input.summary = Some("已协调调整为白班".into());
    let err = message(act(&mut b, Action::TalkEdit, |tx| {
        talk::update(tx, id, input.clone(), as_account(other))
    }));
    assert_eq!(err, "谈心谈话：只有谈话人、记录人和管理员可以修改这次谈话");
    act(&mut b, Action::TalkEdit, |tx| {
        talk::update(tx, id, input.clone(), as_account(talker))
    })
    .unwrap();
    let t = talk::get(b.t.db.conn(), id, Viewer::ADMIN).unwrap();
    assert_eq!(t.summary.as_deref(), Some("已协调调整为白班"));

    // Neither summary ever reached the audit trail; the talks themselves did.
    let conn = b.t.db.conn();
    let trail: Vec<String> = conn
        .prepare("SELECT detail FROM audit_log UNION ALL SELECT fields FROM audit_change")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for text in [SECRET, "老人住院", "已协调调整为白班"] {
        assert!(
            trail.iter().all(|line| !line.contains(text)),
            "{text} in the trail"
        );
    }
    let details: Vec<String> = conn
        .prepare("SELECT detail FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(details.contains(&format!("登记谈心谈话 {id}（困难帮扶）")));
    assert!(details.contains(&format!("修改谈心谈话 {id}（困难帮扶）")));
    assert!(details.iter().all(|d| !d.contains("近期工作和家庭情况")));
    let talk_changes: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_change WHERE tbl = 'talk' AND record_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(talk_changes >= 2);
}

#[test]
fn talk_input_is_checked_in_chinese() {
    let mut b = branch();
    let (li, zhao) = (b.li, b.zhao);
    let refused = |b: &mut Branch, f: &dyn Fn(&mut TalkInput)| {
        let mut i = talk_input(zhao, li, "2026-03-02");
        f(&mut i);
        message(b.t.write(|tx| talk::add(tx, i, None)))
    };
    assert_eq!(
        refused(&mut b, &|i| i.person_id = zhao),
        "谈话对象：谈话人和谈话对象不能是同一人"
    );
    assert_eq!(
        refused(&mut b, &|i| i.topic = "  ".into()),
        "谈话主题：不能为空"
    );
    assert_eq!(
        refused(&mut b, &|i| i.topic = "题".repeat(101)),
        "谈话主题：不能超过 100 个字"
    );
    assert!(refused(&mut b, &|i| i.topic = "两\n行".into()).starts_with("谈话主题：不能含换行"));
    assert_eq!(
        refused(&mut b, &|i| i.summary = Some("字".repeat(5001))),
        "谈话内容：不能超过 5000 个字"
    );
    assert_eq!(
        refused(&mut b, &|i| i.talker_id = 9999),
        "谈话人：请选择一名存在的职工"
    );
    // A summary of 5000 characters with line breaks is fine; a blank one is none.
    let mut i = talk_input(zhao, li, "2026-03-02");
    i.summary = Some(format!("{}\n{}", "字".repeat(2000), "字".repeat(2999)));
    let id = add_talk(&mut b, i, None);
    let mut i = talk_input(zhao, li, "2026-03-03");
    i.summary = Some("   ".into());
    let blank = add_talk(&mut b, i, None);
    let conn = b.t.db.conn();
    assert_eq!(
        talk::get(conn, id, Viewer::ADMIN)
            .unwrap()
            .summary
            .map(|s| s.chars().count()),
        Some(5000)
    );
    assert_eq!(talk::get(conn, blank, Viewer::ADMIN).unwrap().summary, None);
    let err = message(talk::get(conn, 9999, Viewer::ADMIN));
    assert!(err.contains("未找到谈心谈话"), "{err}");
}
