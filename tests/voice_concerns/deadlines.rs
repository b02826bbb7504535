//! Deadlines in calendar and working days, and overdue as of the day asked about.

use qungong::Action;
use qungong::codes::Satisfaction;
use qungong::voice::concern;

use crate::common::{TestDb, branch, date};
use crate::{act, add, assign, cat, close, get, input, refused, reply, s, steps};

fn set_holidays(t: &mut TestDb, text: &str) {
    t.write(|tx| qungong::settings::set(tx, "voice.holidays", text))
        .unwrap();
}

/// 国庆 2026: 1–7 October off (Thursday to Wednesday), Saturday 10 October worked (调休).
const NATIONAL_DAY: &str = "2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 \
                            2026-10-07 +2026-10-10";

#[test]
fn deadlines_count_calendar_days_until_a_holiday_list_is_set() {
    let mut t = TestDb::new();
    let safety = cat(&t, "安全生产"); // 7 days
    let pay = cat(&t, "薪酬待遇"); // 15 days
    let life = cat(&t, "生活后勤"); // 10 days

    // Calendar days: 30 September + 7 = 7 October, + 15 = 15 October, + 10 = 10 October.
    let a = add(&mut t, input(safety, "2026-09-30", "安全帽老化"));
    let b = add(&mut t, input(pay, "2026-09-30", "绩效分配不透明"));
    let c = add(&mut t, input(life, "2026-09-30", "班车时间不合适"));
    assert_eq!(get(&t, a, "2026-09-30").deadline, date("2026-10-07"));
    assert_eq!(get(&t, b, "2026-09-30").deadline, date("2026-10-15"));
    assert_eq!(get(&t, c, "2026-09-30").deadline, date("2026-10-10"));

    set_holidays(&mut t, NATIONAL_DAY);
    // Working days after Wednesday 30 September: 8 (Thu), 9 (Fri), 10 (Sat, 调休), 12, 13,
    // 14, 15 → the 7th is 15 October; then 16, 19, 20 → the 10th is 20 October; then 21, 22,
    // 23, 26, 27 → the 15th is 27 October.
    let a2 = add(&mut t, input(safety, "2026-09-30", "安全帽老化"));
    let b2 = add(&mut t, input(pay, "2026-09-30", "绩效分配不透明"));
    let c2 = add(&mut t, input(life, "2026-09-30", "班车时间不合适"));
    assert_eq!(get(&t, a2, "2026-09-30").deadline, date("2026-10-15"));
    assert_eq!(get(&t, b2, "2026-09-30").deadline, date("2026-10-27"));
    assert_eq!(get(&t, c2, "2026-09-30").deadline, date("2026-10-20"));
    // Received on a holiday (Saturday 3 October): 8, 9, 10, 12, 13, 14, 15 → 15 October.
    let d = add(&mut t, input(safety, "2026-10-03", "登高作业防护不足"));
    assert_eq!(get(&t, d, "2026-10-03").deadline, date("2026-10-15"));
    // Received on Friday 16 October, 7 working days: 19, 20, 21, 22, 23, 26, 27 → 27 October.
    let e = add(&mut t, input(safety, "2026-10-16", "绝缘手套不够"));
    assert_eq!(get(&t, e, "2026-10-16").deadline, date("2026-10-27"));
    // Concerns already received keep their deadline.
    assert_eq!(get(&t, a, "2026-09-30").deadline, date("2026-10-07"));

    // A deadline given is kept as given.
    let mut i = input(safety, "2026-09-30", "仓库照明不足");
    i.deadline = Some(date("2026-10-09"));
    let f = add(&mut t, i);
    assert_eq!(get(&t, f, "2026-09-30").deadline, date("2026-10-09"));
    // … but never before the day received.
    let mut i = input(safety, "2026-09-30", "仓库照明不足");
    i.deadline = Some(date("2026-09-29"));
    assert_eq!(
        refused(t.write(|tx| concern::add(tx, i))),
        "办理期限：不能早于受理日期"
    );

    // Clearing the list goes back to calendar days.
    set_holidays(&mut t, "");
    let g = add(&mut t, input(safety, "2026-09-30", "安全帽老化"));
    assert_eq!(get(&t, g, "2026-09-30").deadline, date("2026-10-07"));
    // A list that is not dates is refused by 设置.
    assert_eq!(
        refused(t.write(|tx| qungong::settings::set(tx, "voice.holidays", "十月一日"))),
        "节假日：“十月一日”不是日期，请写成 2026-10-01；调休上班日前加 +，如 +2026-10-10"
    );
}

#[test]
fn overdue_is_judged_on_the_day_asked_about() {
    let mut b = branch();
    let safety = cat(&b.t, "安全生产");
    set_holidays(&mut b.t, NATIONAL_DAY);
    // 7 working days from 30 September: 15 October.
    let id = add(&mut b.t, input(safety, "2026-09-30", "安全工器具检验过期"));
    let t = &mut b.t;
    let on = |t: &TestDb, day: &str| {
        let c = get(t, id, day);
        (c.overdue, c.overdue_days)
    };
    assert_eq!(on(t, "2026-10-14"), (false, 0));
    assert_eq!(
        on(t, "2026-10-15"),
        (false, 0),
        "the deadline itself is in time"
    );
    assert_eq!(on(t, "2026-10-16"), (true, 1));
    // Overdue days are calendar days, holidays or not.
    assert_eq!(on(t, "2026-10-20"), (true, 5));
    assert_eq!(
        concern::open_counts(t.db.conn(), date("2026-10-15")).unwrap(),
        (1, 0)
    );
    assert_eq!(
        concern::open_counts(t.db.conn(), date("2026-10-16")).unwrap(),
        (1, 1)
    );

    // 办理中 is still unanswered.
    assign(t, id, Some(b.team), None);
    assert_eq!(on(t, "2026-10-20"), (true, 5));
    // A new deadline at assignment: 23 October.
    act(t, "测试", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, Some(b.team), None, Some(date("2026-10-23")), None)
    })
    .unwrap();
    assert_eq!(on(t, "2026-10-20"), (false, 0));
    assert_eq!(on(t, "2026-10-26"), (true, 3));
    // Answered late: no longer overdue.
    reply(t, id, "2026-10-26");
    assert_eq!(on(t, "2026-10-30"), (false, 0));
    assert_eq!(
        concern::open_counts(t.db.conn(), date("2026-10-30")).unwrap(),
        (1, 0)
    );
    close(t, id, Satisfaction::Satisfied, "2026-10-27");
    assert_eq!(
        concern::open_counts(t.db.conn(), date("2026-10-30")).unwrap(),
        (0, 0)
    );
    let last = steps(t, id);
    assert_eq!(
        last[2],
        s(
            "交办",
            "办理中",
            "测试",
            Some("改由营业班办理；办理期限由 2026年10月15日 调整为 2026年10月23日")
        )
    );
}
