//! Activities, invitees and check-in, and the rates computed from them, on hand-made data.
mod common;

use common::{activity_input, branch, date, time};
use qungong::activities::{self, ActivityFilter};
use qungong::attendance::{self, CheckIn, RateQuery};
use qungong::codes::{ActivityMode, ActivityStatus, AttendanceStatus, Recurrence};
use qungong::people::{self, PersonFilter};

#[test]
fn the_invitee_list_is_frozen_when_people_are_invited() {
    let mut b = branch();
    let a = b.t.activity("形势任务宣讲", "2026-03-10 09:00");
    assert_eq!(
        b.t.write(|tx| attendance::invite_unit(tx, a, b.station))
            .unwrap(),
        3
    );
    // Someone who joins the station afterwards is not on the list: never "absent" from it.
    let newcomer = b.t.person("10005", "孙七", b.team);
    let sheet = attendance::sheet(b.t.db.conn(), a).unwrap();
    assert_eq!(sheet.counts.invited, 3);
    assert_eq!(
        sheet.counts.rate, None,
        "no rate before the activity is held"
    );
    assert!(sheet.rows.iter().all(|r| r.person_id != newcomer));
    // Inviting the unit again adds only who is new, nobody twice.
    assert_eq!(
        b.t.write(|tx| attendance::invite_unit(tx, a, b.station))
            .unwrap(),
        1
    );
    assert_eq!(
        b.t.write(|tx| attendance::invite_unit(tx, a, b.station))
            .unwrap(),
        0
    );
    // The list can be edited by hand.
    b.t.write(|tx| attendance::uninvite(tx, a, newcomer))
        .unwrap();
    assert_eq!(
        b.t.write(|tx| attendance::invite_people(tx, a, &[b.zhao]))
            .unwrap(),
        1
    );
    let names: Vec<String> = attendance::sheet(b.t.db.conn(), a)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["张三", "李四", "王五", "赵六"]);
}

#[test]
fn people_hired_after_or_gone_before_the_activity_are_not_invited() {
    let mut b = branch();
    let mut input = people::get(b.t.db.conn(), b.li).unwrap().to_input();
    input.hire_date = Some(date("2026-05-01"));
    b.t.write(|tx| people::update(tx, b.li, input)).unwrap();
    b.t.write(|tx| people::leave(tx, b.wang, date("2026-02-01"), Some("调出")))
        .unwrap();
    let a = b.t.activity("一季度宣讲", "2026-03-10 09:00");
    assert_eq!(
        b.t.write(|tx| attendance::invite_unit(tx, a, b.station))
            .unwrap(),
        1
    );
    let err =
        b.t.write(|tx| attendance::invite_people(tx, a, &[b.wang]))
            .unwrap_err();
    assert_eq!(err.to_string(), "王五（工号 10003）已离职，不能邀请");
}

#[test]
fn invite_by_filter_takes_everyone_matching() {
    let mut b = branch();
    for id in [b.li, b.zhao] {
        let mut input = people::get(b.t.db.conn(), id).unwrap().to_input();
        input.political_cadre = true;
        b.t.write(|tx| people::update(tx, id, input)).unwrap();
    }
    let a = b.t.activity("政工干部培训", "2026-03-10 09:00");
    let cadres = PersonFilter {
        political_cadre: Some(true),
        ..Default::default()
    };
    assert_eq!(
        b.t.write(|tx| attendance::invite_filter(tx, a, &cadres))
            .unwrap(),
        2
    );
    let in_station = PersonFilter {
        unit_id: Some(b.station),
        ..cadres
    };
    let a2 = b.t.activity("供电所政工例会", "2026-03-11 09:00");
    assert_eq!(
        b.t.write(|tx| attendance::invite_filter(tx, a2, &in_station))
            .unwrap(),
        1
    );
}

#[test]
fn check_in_after_the_grace_period_is_late_and_twice_is_reported_not_counted() {
    let mut b = branch();
    let a = b.t.activity("专题讲座", "2026-03-10 09:00");
    b.t.write(|tx| attendance::invite_unit(tx, a, b.company))
        .unwrap();
    let on_time =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhang, time("2026-03-10 09:10"), false))
            .unwrap();
    assert!(matches!(
        on_time,
        CheckIn::Recorded {
            status: AttendanceStatus::Present,
            ..
        }
    ));
    let late = b
        .t
        .write(|tx| attendance::check_in_by_key(tx, a, "10002", time("2026-03-10 09:11"), false))
        .unwrap();
    assert!(matches!(
        late,
        CheckIn::Recorded {
            status: AttendanceStatus::Late,
            ..
        }
    ));
    assert_eq!(late.message(), "李四 签到成功（迟到），09:11");
    let again =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhang, time("2026-03-10 09:30"), false))
            .unwrap();
    assert_eq!(again.message(), "张三 已签到（09:10），不重复计数");
    let c = attendance::counts(b.t.db.conn(), a).unwrap();
    assert_eq!((c.invited, c.present, c.late, c.attended), (4, 1, 1, 2));
    // The first check-in marked the activity as held.
    assert_eq!(
        activities::get(b.t.db.conn(), a).unwrap().status,
        ActivityStatus::Held
    );
}

#[test]
fn a_custom_grace_period_moves_the_late_threshold() {
    let mut b = branch();
    let mut input = activity_input("座谈会", "2026-03-10 14:30");
    input.late_grace_minutes = 0;
    let a = b.t.write(|tx| activities::add(tx, input)).unwrap();
    b.t.write(|tx| attendance::invite_people(tx, a, &[b.zhang]))
        .unwrap();
    let r =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhang, time("2026-03-10 14:31"), false))
            .unwrap();
    assert!(matches!(
        r,
        CheckIn::Recorded {
            status: AttendanceStatus::Late,
            ..
        }
    ));
}

#[test]
fn walk_ins_must_be_asked_for_and_stay_out_of_the_rate() {
    let mut b = branch();
    let a = b.t.activity("专题讲座", "2026-03-10 09:00");
    b.t.write(|tx| attendance::invite_unit(tx, a, b.team))
        .unwrap();
    let err =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhao, time("2026-03-10 09:00"), false))
            .unwrap_err();
    assert_eq!(err.code(), "attendance.not_invited");
    assert!(
        err.to_string()
            .starts_with("赵六（工号 10004）不是本次活动的应到人员"),
        "{err}"
    );
    assert_eq!(attendance::counts(b.t.db.conn(), a).unwrap().walk_ins, 0);
    let r =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhao, time("2026-03-10 09:00"), true))
            .unwrap();
    assert!(matches!(r, CheckIn::Recorded { walk_in: true, .. }));
    b.t.write(|tx| attendance::check_in(tx, a, b.li, time("2026-03-10 09:00"), false))
        .unwrap();
    let c = attendance::counts(b.t.db.conn(), a).unwrap();
    // 应到 2 (李四, 王五), 实到 1, walk-in 赵六 beside it; 王五 not checked in → 缺席 once held.
    assert_eq!((c.invited, c.attended, c.walk_ins, c.absent), (2, 1, 1, 1));
    assert_eq!(c.rate, Some(0.5));
    assert_eq!(c.rate_text(), "50.0%（1/2）");
    let sheet = attendance::sheet(b.t.db.conn(), a).unwrap();
    let last = sheet.rows.last().unwrap();
    assert_eq!((last.name.as_str(), last.invited), ("赵六", false));
}

#[test]
fn leave_is_not_absence_and_needs_a_reason() {
    let mut b = branch();
    let a = b.t.activity("专题讲座", "2026-03-10 09:00");
    b.t.write(|tx| attendance::invite_unit(tx, a, b.company))
        .unwrap();
    let at = time("2026-03-10 09:00");
    let err = b
        .t
        .write(|tx| attendance::set_status(tx, a, b.li, Some(AttendanceStatus::Leave), None, at))
        .unwrap_err();
    assert_eq!(err.to_string(), "请假须填写请假事由");
    b.t.write(|tx| {
        attendance::set_status(
            tx,
            a,
            b.li,
            Some(AttendanceStatus::Leave),
            Some("抢修值班"),
            at,
        )
    })
    .unwrap();
    b.t.write(|tx| attendance::check_in(tx, a, b.zhang, at, false))
        .unwrap();
    b.t.write(|tx| attendance::set_status(tx, a, b.wang, Some(AttendanceStatus::Absent), None, at))
        .unwrap();
    // 应到 4, 请假 1 → 3 expected; 实到 1 (张三); 缺席 王五 (marked) + 赵六 (never came, and
    // the day is over: no longer 未签到).
    let c = attendance::counts(b.t.db.conn(), a).unwrap();
    assert_eq!(
        (c.invited, c.leave, c.attended, c.absent, c.not_checked_in),
        (4, 1, 1, 2, 0)
    );
    assert_eq!(c.rate_text(), "33.3%（1/3）");
    let sheet = attendance::sheet(b.t.db.conn(), a).unwrap();
    let li = sheet.rows.iter().find(|r| r.person_id == b.li).unwrap();
    assert_eq!(
        (li.status_label, li.leave_reason.as_deref()),
        ("请假", Some("抢修值班"))
    );
    let zhao = sheet.rows.iter().find(|r| r.person_id == b.zhao).unwrap();
    assert_eq!(zhao.status_label, "缺席");
    // Someone on leave who comes after all is simply checked in.
    b.t.write(|tx| attendance::check_in(tx, a, b.li, time("2026-03-10 09:05"), false))
        .unwrap();
    assert_eq!(
        attendance::counts(b.t.db.conn(), a).unwrap().rate_text(),
        "50.0%（2/4）"
    );
}

/// Three held activities in March 2026, one in April, one cancelled, one planned:
///
/// | activity | 张三 (station) | 李四 (team) | 王五 (team) | 赵六 (dept) |
/// |----------|---------------|-------------|-------------|-------------|
/// | A 03-10  | 出席           | 迟到         | 请假         | 缺席(未签)   |
/// | B 03-20  | 出席           | 缺席         | 出席         | —           |
/// | C 03-25  | walk-in 出席   | 出席         | —           | 出席         |
/// | D 04-02  | 缺席           | —           | —           | —           |
/// | E 03-15 cancelled, F 03-28 planned: not counted |
///
/// March by person: 张三 2/2 (+1 walk-in), 李四 2/3, 王五 1/1 (1 leave), 赵六 1/2.
#[test]
fn rates_by_person_and_unit_match_hand_computed_values() {
    let mut b = branch();
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    let a = b.t.activity("A", "2026-03-10 09:00");
    let bb = b.t.activity("B", "2026-03-20 09:00");
    let c = b.t.activity("C", "2026-03-25 09:00");
    let d = b.t.activity("D", "2026-04-02 09:00");
    let e = b.t.activity("E", "2026-03-15 09:00");
    let f = b.t.activity("F", "2026-03-28 09:00");
    b.t.write(|tx| {
        use AttendanceStatus::*;
        attendance::invite_people(tx, a, &[zhang, li, wang, zhao])?;
        attendance::invite_people(tx, bb, &[zhang, li, wang])?;
        attendance::invite_people(tx, c, &[li, zhao])?;
        attendance::invite_people(tx, d, &[zhang])?;
        attendance::invite_people(tx, e, &[zhang, li])?;
        attendance::invite_people(tx, f, &[zhang, li])?;
        attendance::check_in(tx, a, zhang, time("2026-03-10 08:55"), false)?;
        attendance::check_in(tx, a, li, time("2026-03-10 09:20"), false)?;
        attendance::set_status(
            tx,
            a,
            wang,
            Some(Leave),
            Some("年休假"),
            time("2026-03-10 08:00"),
        )?;
        attendance::check_in(tx, bb, zhang, time("2026-03-20 09:00"), false)?;
        attendance::set_status(tx, bb, li, Some(Absent), None, time("2026-03-20 09:00"))?;
        attendance::check_in(tx, bb, wang, time("2026-03-20 09:00"), false)?;
        attendance::check_in(tx, c, zhang, time("2026-03-25 09:00"), true)?;
        attendance::check_in(tx, c, li, time("2026-03-25 09:00"), false)?;
        attendance::check_in(tx, c, zhao, time("2026-03-25 09:00"), false)?;
        attendance::set_status(tx, d, zhang, Some(Absent), None, time("2026-04-02 09:00"))?;
        activities::cancel(tx, e, false)?;
        Ok(())
    })
    .unwrap();
    let march = RateQuery {
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        unit_id: None,
        kinds: Vec::new(),
    };
    let by_person = attendance::rates_by_person(b.t.db.conn(), &march).unwrap();
    let got: Vec<(&str, i64, i64, i64, i64, i64, i64)> = by_person
        .iter()
        .map(|r| {
            let c = &r.counts;
            (
                r.name.as_str(),
                c.invited,
                c.attended,
                c.late,
                c.leave,
                c.absent,
                c.walk_ins,
            )
        })
        .collect();
    // Lowest rate first: 赵六 50%, 李四 66.7%, then 张三 and 王五 at 100% by 工号.
    assert_eq!(
        got,
        [
            ("赵六", 2, 1, 0, 0, 1, 0),
            ("李四", 3, 2, 1, 0, 1, 0),
            ("张三", 2, 2, 0, 0, 0, 1),
            ("王五", 2, 1, 0, 1, 0, 0),
        ]
    );
    assert_eq!(by_person[0].counts.rate, Some(0.5));
    assert_eq!(by_person[1].counts.rate_text(), "66.7%（2/3）");
    assert_eq!(by_person[3].counts.rate, Some(1.0));

    let by_unit = attendance::rates_by_unit(b.t.db.conn(), &march).unwrap();
    let got: Vec<(&str, i64, i64, i64)> = by_unit
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.counts.invited,
                r.counts.leave,
                r.counts.attended,
            )
        })
        .collect();
    // team = 李四 + 王五: 5 invited, 1 leave, 3 attended; station adds 张三 (2, 0, 2);
    // dept = 赵六 (2, 0, 1); company = everyone (9, 1, 6).
    assert_eq!(
        got,
        [
            ("国网示范县供电公司", 9, 1, 6),
            ("城关供电所", 7, 1, 5),
            ("营业班", 5, 1, 3),
            ("营销部", 2, 0, 1),
        ]
    );
    assert_eq!(by_unit[0].counts.rate_text(), "75.0%（6/8）");

    let station_only = RateQuery {
        unit_id: Some(b.station),
        ..march.clone()
    };
    let units: Vec<i64> = attendance::rates_by_unit(b.t.db.conn(), &station_only)
        .unwrap()
        .iter()
        .map(|r| r.unit_id)
        .collect();
    assert_eq!(units, [b.station, b.team]);
    let people: Vec<String> = attendance::rates_by_person(b.t.db.conn(), &station_only)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(people, ["李四", "张三", "王五"]);

    let absent = attendance::absences(b.t.db.conn(), &march, false).unwrap();
    let got: Vec<(&str, &str)> = absent
        .iter()
        .map(|x| (x.activity_title.as_str(), x.name.as_str()))
        .collect();
    assert_eq!(got, [("A", "赵六"), ("B", "李四")]);
    let with_leave = attendance::absences(b.t.db.conn(), &march, true).unwrap();
    assert_eq!(with_leave.len(), 3);
    // Same activity: by 工号, so 王五 (10003, 请假) before 赵六 (10004).
    assert_eq!(
        (with_leave[0].name.as_str(), with_leave[0].status),
        ("王五", AttendanceStatus::Leave)
    );
    assert_eq!(with_leave[0].leave_reason.as_deref(), Some("年休假"));
    let april = RateQuery {
        from: date("2026-04-01"),
        to: date("2026-04-30"),
        unit_id: Some(b.dept),
        kinds: Vec::new(),
    };
    assert!(
        attendance::absences(b.t.db.conn(), &april, false)
            .unwrap()
            .is_empty()
    );
    let _ = b.company;
}

#[test]
fn a_series_is_created_and_edited_together() {
    let mut b = branch();
    let mut input = activity_input("月度形势任务宣讲", "2026-01-31 09:00");
    input.organizer_unit_id = Some(b.station);
    let ids =
        b.t.write(|tx| activities::add_series(tx, input.clone(), Recurrence::Monthly, 4))
            .unwrap();
    let first = activities::get(b.t.db.conn(), ids[0]).unwrap();
    let series = activities::series(b.t.db.conn(), first.series_uid.as_deref().unwrap()).unwrap();
    let dates: Vec<String> = series
        .iter()
        .map(|a| a.starts_at.date().to_string())
        .collect();
    assert_eq!(
        dates,
        ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    );
    // The first one is held; editing the series changes the others only, each on its own date.
    b.t.write(|tx| attendance::invite_people(tx, ids[0], &[b.zhang]))
        .unwrap();
    b.t.write(|tx| attendance::check_in(tx, ids[0], b.zhang, time("2026-01-31 09:00"), false))
        .unwrap();
    let mut edit = input.clone();
    edit.title = "月度形势任务宣讲（调整）".into();
    edit.mode = ActivityMode::Hybrid;
    edit.online_meeting = Some("i国网 云上论坛".into());
    edit.starts_at = time("2026-02-28 14:30");
    edit.ends_at = time("2026-02-28 16:00");
    assert_eq!(
        b.t.write(|tx| activities::update_series(tx, ids[1], edit))
            .unwrap(),
        3
    );
    let series = activities::series(b.t.db.conn(), first.series_uid.as_deref().unwrap()).unwrap();
    assert_eq!(series[0].title, "月度形势任务宣讲");
    assert_eq!(series[3].title, "月度形势任务宣讲（调整）");
    assert_eq!(series[3].starts_at, time("2026-04-30 14:30"));
    assert_eq!(series[3].ends_at, time("2026-04-30 16:00"));
    assert_eq!(
        b.t.write(|tx| activities::cancel(tx, ids[2], true))
            .unwrap(),
        3
    );
    let err =
        b.t.write(|tx| activities::cancel(tx, ids[0], false))
            .unwrap_err();
    assert_eq!(err.to_string(), "活动“月度形势任务宣讲”已开展，不能取消");
}

#[test]
fn activity_input_is_checked_and_cancelled_ones_take_no_check_in() {
    let mut b = branch();
    let mut bad = activity_input("讲座", "2026-03-10 09:00");
    bad.ends_at = bad.starts_at;
    let err = b.t.write(|tx| activities::add(tx, bad)).unwrap_err();
    assert_eq!(err.to_string(), "结束时间：应晚于开始时间");
    let mut online = activity_input("云上论坛", "2026-03-10 09:00");
    online.mode = ActivityMode::Online;
    online.place = None;
    let err = b.t.write(|tx| activities::add(tx, online)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "线上会议：线上活动须填写线上会议名称或会议号"
    );
    let mut long = activity_input(&"很".repeat(101), "2026-03-10 09:00");
    long.late_grace_minutes = 10;
    assert_eq!(
        b.t.write(|tx| activities::add(tx, long))
            .unwrap_err()
            .to_string(),
        "活动名称：不能超过 100 个字"
    );

    let a = b.t.activity("讲座", "2026-03-10 09:00");
    b.t.write(|tx| attendance::invite_people(tx, a, &[b.zhang]))
        .unwrap();
    b.t.write(|tx| activities::cancel(tx, a, false)).unwrap();
    let err =
        b.t.write(|tx| attendance::check_in(tx, a, b.zhang, time("2026-03-10 09:00"), false))
            .unwrap_err();
    assert_eq!(err.to_string(), "活动“讲座”已取消，不能再签到");
    let forum = b.t.activity("座谈", "2026-03-11 09:00");
    b.t.write(|tx| activities::record_summary(tx, forum, "座谈 12 人，收集意见 5 条"))
        .unwrap();
    let listed = activities::list(
        b.t.db.conn(),
        &ActivityFilter {
            status: Some(ActivityStatus::Held),
            ..Default::default()
        },
        0,
        10,
    )
    .unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(
        listed.items[0].summary.as_deref(),
        Some("座谈 12 人，收集意见 5 条")
    );
    let _ = (b.li, b.wang, b.team);
}

#[test]
fn the_kiosk_finds_people_by_employee_no_or_name() {
    let mut b = branch();
    let a = b.t.activity("专题讲座", "2026-03-10 09:00");
    b.t.write(|tx| attendance::invite_unit(tx, a, b.team))
        .unwrap();
    let conn = b.t.db.conn();
    assert_eq!(attendance::find_attendee(conn, a, " 10002 ").unwrap(), b.li);
    assert_eq!(attendance::find_attendee(conn, a, "王五").unwrap(), b.wang);
    // Not invited, but a unique name in post: found, so a walk-in can be offered.
    assert_eq!(attendance::find_attendee(conn, a, "赵六").unwrap(), b.zhao);
    assert_eq!(
        attendance::find_attendee(conn, a, "钱八")
            .unwrap_err()
            .to_string(),
        "未找到工号、身份证号或姓名“钱八”"
    );
    b.t.person("10009", "王五", b.dept);
    let conn = b.t.db.conn();
    // Two 王五, but only one is invited: that one.
    assert_eq!(attendance::find_attendee(conn, a, "王五").unwrap(), b.wang);
    let other = RateQuery {
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        unit_id: None,
        kinds: Vec::new(),
    };
    let (c, n) = attendance::period_counts(conn, &other).unwrap();
    assert_eq!((c.invited, n), (0, 0), "nothing held yet");
    let a2 = b.t.activity("座谈会", "2026-03-11 09:00");
    let err = attendance::find_attendee(b.t.db.conn(), a2, "王五").unwrap_err();
    assert_eq!(
        err.to_string(),
        "签到：有 2 位职工名为“王五”，请输入工号或身份证号后 6 位"
    );
}

#[test]
fn activities_are_listed_by_period_organizer_subtree_and_title() {
    let mut b = branch();
    let mut add = |title: &str, at: &str, organizer: i64| {
        let mut input = activity_input(title, at);
        input.organizer_unit_id = Some(organizer);
        b.t.write(|tx| activities::add(tx, input)).unwrap()
    };
    add("营业班安全学习", "2026-03-02 09:00", b.team);
    add("供电所100%覆盖宣讲", "2026-03-05 09:00", b.station);
    add("营销部座谈会", "2026-03-09 09:00", b.dept);
    add("四月宣讲", "2026-04-01 09:00", b.station);
    let titles = |f: ActivityFilter| -> Vec<String> {
        activities::list(b.t.db.conn(), &f, 0, 10)
            .unwrap()
            .items
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    let march = ActivityFilter {
        from: Some(date("2026-03-01")),
        to: Some(date("2026-03-31")),
        ..Default::default()
    };
    assert_eq!(
        titles(march.clone()),
        ["营销部座谈会", "供电所100%覆盖宣讲", "营业班安全学习"]
    );
    let station = ActivityFilter {
        organizer_unit_id: Some(b.station),
        ascending: true,
        ..march.clone()
    };
    assert_eq!(titles(station), ["营业班安全学习", "供电所100%覆盖宣讲"]);
    // '%' in a search is a literal character, not a wildcard.
    let percent = ActivityFilter {
        search: Some("100%".into()),
        ..Default::default()
    };
    assert_eq!(titles(percent), ["供电所100%覆盖宣讲"]);
    let none = ActivityFilter {
        search: Some("%".into()),
        to: Some(date("2026-03-04")),
        ..Default::default()
    };
    assert!(titles(none).is_empty());
    let page = activities::list(b.t.db.conn(), &ActivityFilter::default(), 3, 2).unwrap();
    assert_eq!((page.total, page.items.len(), page.offset), (4, 1, 3));
}
