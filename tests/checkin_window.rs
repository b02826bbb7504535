//! Check-in only when it makes sense: the window (from 设置's minutes before the start until the
//! activity's last day ends), 补录 after the fact, and nobody 缺席 before the activity has been
//! held and its day is over.
mod common;

use chrono::{Duration, NaiveDateTime};
use common::{TestDb, activity_input, date, time};
use qungong::attendance::{self, CheckIn, RateQuery};
use qungong::codes::{ActivityStatus, AttendanceStatus};
use qungong::{Action, Actor, Error, activities, dashboard, settings};

struct Lecture {
    t: TestDb,
    /// 2026-12-08 09:00–11:00, 10 minutes' grace.
    id: i64,
    zhang: i64,
    li: i64,
    wang: i64,
}

fn lecture() -> Lecture {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let zhang = t.person("10001", "张三", company);
    let li = t.person("10002", "李四", company);
    let wang = t.person("10003", "王五", company);
    let id = t.activity("安全生产专题讲座", "2026-12-08 09:00");
    t.write(|tx| attendance::invite_unit(tx, id, company))
        .unwrap();
    Lecture {
        t,
        id,
        zhang,
        li,
        wang,
    }
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn check_in(l: &mut Lecture, person: i64, now: NaiveDateTime) -> qungong::Result<CheckIn> {
    let id = l.id;
    l.t.write(|tx| attendance::check_in(tx, id, person, now, false))
}

fn status(l: &Lecture) -> ActivityStatus {
    activities::get(l.t.db.conn(), l.id).unwrap().status
}

fn recorded(c: CheckIn) -> (AttendanceStatus, NaiveDateTime) {
    match c {
        CheckIn::Recorded { status, at, .. } => (status, at),
        other => panic!("not recorded: {other:?}"),
    }
}

fn code(e: &Error) -> &'static str {
    e.code()
}

#[test]
fn the_window_opens_sixty_minutes_before_and_closes_when_the_day_ends() {
    let mut l = lecture();
    let (zhang, li, wang) = (l.zhang, l.li, l.wang);
    let before = common::logical_dump(l.t.db.conn());

    let err = check_in(&mut l, zhang, time("2026-12-08 07:59")).unwrap_err();
    assert_eq!(code(&err), "attendance.not_open");
    assert_eq!(
        err.to_string(),
        "本活动于 12月8日 09:00 开始，现在不能签到（12月8日 08:00 起可以签到）"
    );
    // A week early, as the users reported: refused, and nothing changes (the lecture stays 计划).
    let err = check_in(&mut l, zhang, time("2026-11-30 10:00")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("本活动于 12月8日 09:00 开始，现在不能签到"),
        "{err}"
    );
    assert_eq!(common::logical_dump(l.t.db.conn()), before);
    assert_eq!(status(&l), ActivityStatus::Planned);

    // Exactly 60 minutes before: taken, 出席.
    let (s, t) = recorded(check_in(&mut l, zhang, time("2026-12-08 08:00")).unwrap());
    assert_eq!(
        (s, t),
        (AttendanceStatus::Present, time("2026-12-08 08:00"))
    );
    assert_eq!(status(&l), ActivityStatus::Held);
    // The last moment of the day: 迟到.
    let (s, _) = recorded(check_in(&mut l, li, at("2026-12-08 23:59:59")).unwrap());
    assert_eq!(s, AttendanceStatus::Late);
    // The next day: closed, and the message points to 补录.
    let err = check_in(&mut l, wang, time("2026-12-09 00:00")).unwrap_err();
    assert_eq!(code(&err), "attendance.closed");
    assert_eq!(
        err.to_string(),
        "本活动于 12月8日 09:00 开始，签到已于12月8日当天结束时截止，现在不能签到；按纸质签到表登记请用“补录”"
    );
    // The kiosk finds people the same way and goes through the same rule.
    let err = l
        .t
        .write(|tx| attendance::check_in_by_key(tx, l.id, "10003", time("2026-12-09 08:00"), false))
        .unwrap_err();
    assert_eq!(code(&err), "attendance.closed");
    // In another year the date says which.
    let err = check_in(&mut l, wang, time("2027-01-05 09:00")).unwrap_err();
    assert!(err.to_string().contains("2026年12月8日 09:00"), "{err}");
}

#[test]
fn the_minutes_before_the_start_come_from_settings_and_are_checked() {
    let mut l = lecture();
    let err =
        l.t.write(|tx| settings::set(tx, "checkin_open_minutes", "一小时"))
            .unwrap_err();
    assert_eq!(err.to_string(), "开始前可签到：“一小时”不是整数分钟数");
    let err =
        l.t.write(|tx| settings::set(tx, "checkin_open_minutes", "1000"))
            .unwrap_err();
    assert_eq!(err.to_string(), "开始前可签到：应在 0 到 720 分钟之间");
    l.t.write(|tx| settings::set(tx, "checkin_open_minutes", "３０分钟"))
        .unwrap();
    assert_eq!(attendance::window::open_minutes(l.t.db.conn()).unwrap(), 30);

    let (zhang, li) = (l.zhang, l.li);
    let err = check_in(&mut l, zhang, time("2026-12-08 08:29")).unwrap_err();
    assert!(
        err.to_string().contains("12月8日 08:30 起可以签到"),
        "{err}"
    );
    check_in(&mut l, zhang, time("2026-12-08 08:30")).unwrap();
    // Cleared: back to the default 60.
    l.t.write(|tx| settings::set(tx, "checkin_open_minutes", ""))
        .unwrap();
    let sheet = attendance::sheet_at(l.t.db.conn(), l.id, time("2026-12-08 07:30")).unwrap();
    assert_eq!(sheet.window.open_minutes, 60);
    assert_eq!(sheet.window.opens_at, time("2026-12-08 08:00"));
    assert_eq!(sheet.window.closes_at, time("2026-12-09 00:00"));
    assert_eq!(sheet.window.phase, attendance::window::Phase::Before);
    assert!(!sheet.window.started);
    assert_eq!(
        sheet.window.notice.as_deref(),
        Some("本活动于 12月8日 09:00 开始，现在不能签到（12月8日 08:00 起可以签到）")
    );
    let open = attendance::sheet_at(l.t.db.conn(), l.id, time("2026-12-08 09:30")).unwrap();
    assert_eq!(open.window.phase, attendance::window::Phase::Open);
    assert!(open.window.started && open.window.notice.is_none());
    check_in(&mut l, li, time("2026-12-08 08:00")).unwrap();
}

#[test]
fn an_activity_over_several_days_takes_check_ins_until_its_last_day_ends() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    let zhang = t.person("10001", "张三", unit);
    let mut input = activity_input("主题教育读书班", "2026-12-08 09:00");
    input.ends_at = time("2026-12-10 17:00");
    let id = t.write(|tx| activities::add(tx, input)).unwrap();
    t.write(|tx| attendance::invite_people(tx, id, &[zhang]))
        .unwrap();
    let err = t
        .write(|tx| attendance::check_in(tx, id, zhang, time("2026-12-11 00:00"), false))
        .unwrap_err();
    assert!(
        err.to_string().contains("签到已于12月10日当天结束时截止"),
        "{err}"
    );
    let c = t
        .write(|tx| attendance::check_in(tx, id, zhang, at("2026-12-10 23:59:59"), false))
        .unwrap();
    assert_eq!(recorded(c).0, AttendanceStatus::Late);
}

#[test]
fn backfill_comes_after_the_start_defaults_to_it_and_is_audited_as_its_own_act() {
    let mut l = lecture();
    let (id, zhang, li, wang) = (l.id, l.zhang, l.li, l.wang);
    let backfill = |l: &mut Lecture, person, when: Option<&str>, now: &str| {
        let when = when.map(time);
        let now = time(now);
        l.t.db
            .transact(&Actor("测试".into()), Action::AttendanceBackfill, |tx| {
                attendance::backfill(tx, id, person, when, false, now)
            })
    };
    let err = backfill(&mut l, zhang, None, "2026-12-08 08:59").unwrap_err();
    assert_eq!(code(&err), "attendance.not_started");
    assert_eq!(
        err.to_string(),
        "本活动于 12月8日 09:00 开始，开始后才能补录签到"
    );
    assert_eq!(status(&l), ActivityStatus::Planned);

    // Twelve days later, from the paper sheet: the time defaults to the start.
    let c = backfill(&mut l, zhang, None, "2026-12-20 10:00").unwrap();
    assert_eq!(
        recorded(c),
        (AttendanceStatus::Present, time("2026-12-08 09:00"))
    );
    assert_eq!(status(&l), ActivityStatus::Held);
    let audit = qungong::db::audit_log(l.t.db.conn(), 1).unwrap();
    assert_eq!(audit[0].action, "attendance.backfill");
    assert!(
        audit[0]
            .detail
            .contains("补录签到 10001 张三（出席，2026-12-08 09:00）"),
        "{}",
        audit[0].detail
    );
    assert_eq!(Action::AttendanceBackfill.label(), "补录签到");
    // A time from the sheet: 迟到 past the grace period, as at the kiosk.
    let c = backfill(&mut l, li, Some("2026-12-08 09:25"), "2026-12-20 10:00").unwrap();
    assert_eq!(
        recorded(c),
        (AttendanceStatus::Late, time("2026-12-08 09:25"))
    );
    // Times outside the window, or still to come, are refused in Chinese.
    let err = backfill(&mut l, wang, Some("2026-12-09 09:00"), "2026-12-20 10:00").unwrap_err();
    assert_eq!(
        err.to_string(),
        "签到时间：应在 12月8日 08:00 至 12月8日当天结束之间"
    );
    let err = backfill(&mut l, wang, Some("2026-12-08 10:00"), "2026-12-08 09:30").unwrap_err();
    assert_eq!(err.to_string(), "签到时间：不能晚于现在");
    // Twice: reported, not counted.
    let again = backfill(&mut l, zhang, None, "2026-12-20 10:00").unwrap();
    assert!(matches!(again, CheckIn::Already { .. }));
    // The sheet after the day: 王五 never came.
    let sheet = attendance::sheet_at(l.t.db.conn(), id, time("2026-12-20 10:00")).unwrap();
    let labels: Vec<_> = sheet.rows.iter().map(|r| r.status_label).collect();
    assert_eq!(labels, ["出席", "迟到", "缺席"]);
    assert_eq!(sheet.window.phase, attendance::window::Phase::Closed);
    assert!(sheet.window.notice.unwrap().contains("补录"));
    assert_eq!(sheet.counts.rate_text(), "66.7%（2/3）");
}

#[test]
fn statuses_by_hand_keep_to_the_same_rules() {
    let mut l = lecture();
    let (id, zhang, li, wang) = (l.id, l.zhang, l.li, l.wang);
    let set = |l: &mut Lecture, person, s: Option<AttendanceStatus>, reason, now: &str| {
        let now = time(now);
        l.t.write(|tx| attendance::set_status(tx, id, person, s, reason, now))
    };
    // 请假 is known days before: recorded, and the lecture is not 已开展 for it.
    set(
        &mut l,
        li,
        Some(AttendanceStatus::Leave),
        Some("外出培训"),
        "2026-12-01 10:00",
    )
    .unwrap();
    assert_eq!(status(&l), ActivityStatus::Planned);
    // 缺席 before the start, 出席 before the window: refused.
    let err = set(
        &mut l,
        wang,
        Some(AttendanceStatus::Absent),
        None,
        "2026-12-08 08:30",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "本活动于 12月8日 09:00 开始，开始后才能记为缺席"
    );
    let err = set(
        &mut l,
        zhang,
        Some(AttendanceStatus::Present),
        None,
        "2026-12-01 10:00",
    )
    .unwrap_err();
    assert_eq!(code(&err), "attendance.not_open");
    assert_eq!(status(&l), ActivityStatus::Planned);
    // In the window 出席 by hand is a check-in now.
    set(
        &mut l,
        zhang,
        Some(AttendanceStatus::Late),
        None,
        "2026-12-08 09:40",
    )
    .unwrap();
    assert_eq!(status(&l), ActivityStatus::Held);
    // After the day: correcting 迟到 to 出席 keeps the time; a new 出席 is a 补录.
    set(
        &mut l,
        zhang,
        Some(AttendanceStatus::Present),
        None,
        "2026-12-10 10:00",
    )
    .unwrap();
    let err = set(
        &mut l,
        wang,
        Some(AttendanceStatus::Present),
        None,
        "2026-12-10 10:00",
    )
    .unwrap_err();
    assert_eq!(code(&err), "attendance.closed");
    set(
        &mut l,
        wang,
        Some(AttendanceStatus::Absent),
        None,
        "2026-12-10 10:00",
    )
    .unwrap();
    let sheet = attendance::sheet_at(l.t.db.conn(), id, time("2026-12-10 10:00")).unwrap();
    let rows: Vec<_> = sheet
        .rows
        .iter()
        .map(|r| (r.status_label, r.checked_in_at))
        .collect();
    assert_eq!(
        rows,
        [
            ("出席", Some(time("2026-12-08 09:40"))),
            ("请假", None),
            ("缺席", None)
        ]
    );
}

#[test]
fn nobody_is_absent_before_the_activity_is_held_and_its_day_over() {
    let mut l = lecture();
    let (id, zhang) = (l.id, l.zhang);
    // A week before: all 未签到, no rate.
    let c = attendance::counts_on(l.t.db.conn(), id, date("2026-12-01")).unwrap();
    assert_eq!(
        (c.invited, c.absent, c.not_checked_in, c.rate),
        (3, 0, 3, None)
    );
    // 张三 checks in half an hour early: the lecture is under way, the others may still come.
    check_in(&mut l, zhang, time("2026-12-08 08:30")).unwrap();
    for now in ["2026-12-08 08:30", "2026-12-08 11:30", "2026-12-08 23:59"] {
        let s = attendance::sheet_at(l.t.db.conn(), id, time(now)).unwrap();
        let labels: Vec<_> = s.rows.iter().map(|r| r.status_label).collect();
        assert_eq!(labels, ["出席", "未签到", "未签到"], "at {now}");
        assert_eq!(
            (s.counts.absent, s.counts.not_checked_in),
            (0, 2),
            "at {now}"
        );
    }
    // The day after: 缺席.
    let s = attendance::sheet_at(l.t.db.conn(), id, time("2026-12-09 00:00")).unwrap();
    let labels: Vec<_> = s.rows.iter().map(|r| r.status_label).collect();
    assert_eq!(labels, ["出席", "缺席", "缺席"]);
    assert_eq!((s.counts.absent, s.counts.not_checked_in), (2, 0));
    assert_eq!(s.counts.rate_text(), "33.3%（1/3）");

    // Period figures (the 工作台's month, rates): the 未签到 of an open activity are left out.
    let december = RateQuery {
        from: date("2026-12-01"),
        to: date("2026-12-31"),
        unit_id: None,
        kinds: Vec::new(),
    };
    let (on_the_day, n) =
        attendance::period_counts_on(l.t.db.conn(), &december, date("2026-12-08")).unwrap();
    assert_eq!(
        (n, on_the_day.invited, on_the_day.absent, on_the_day.rate),
        (1, 1, 0, Some(1.0))
    );
    let (after, _) =
        attendance::period_counts_on(l.t.db.conn(), &december, date("2026-12-09")).unwrap();
    assert_eq!((after.invited, after.absent), (3, 2));
    let board = dashboard::overview(l.t.db.conn(), time("2026-12-08 12:00")).unwrap();
    assert_eq!((board.month.absent, board.month.invited), (0, 1));
    let board = dashboard::overview(l.t.db.conn(), time("2026-12-09 12:00")).unwrap();
    assert_eq!(board.month.absent, 2);
}

/// The rates read today's date themselves: an activity starting in half an hour with one person
/// checked in counts nobody 缺席 in them.
#[test]
fn rates_and_the_absent_list_leave_out_who_may_still_come() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    let zhang = t.person("10001", "张三", unit);
    let li = t.person("10002", "李四", unit);
    let now = qungong::db::now();
    let start = (now + Duration::minutes(30))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let id = t.activity("形势任务宣讲", &start);
    t.write(|tx| attendance::invite_unit(tx, id, unit)).unwrap();
    t.write(|tx| attendance::check_in(tx, id, zhang, now, false))
        .unwrap();
    let day = time(&start).date();
    let q = RateQuery {
        from: day,
        to: day,
        unit_id: None,
        kinds: Vec::new(),
    };
    let people = attendance::rates_by_person(t.db.conn(), &q).unwrap();
    let ids: Vec<_> = people.iter().map(|p| p.person_id).collect();
    assert_eq!(ids, [zhang], "李四 may still come: not in the rates yet");
    assert!(!ids.contains(&li));
    let units = attendance::rates_by_unit(t.db.conn(), &q).unwrap();
    assert_eq!((units[0].counts.absent, units[0].counts.invited), (0, 1));
    assert!(
        attendance::absences(t.db.conn(), &q, true)
            .unwrap()
            .is_empty()
    );
    let c = attendance::counts(t.db.conn(), id).unwrap();
    assert_eq!((c.absent, c.not_checked_in, c.attended), (0, 1, 1));
}
