//! Issue 15, 群众诉求: the way a concern goes (已受理 → 办理中 → 已答复 → 已办结, 不满意
//! reopening it), the steps kept, deadlines in calendar and working days, overdue on given
//! dates, the list's filters, the categories, and an audit row for every write — on real SQLite.
mod common;

use chrono::NaiveDate;
use common::{Branch, TestDb, branch, date};
use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::voice::concern::{self, Concern, ConcernFilter, ConcernInput};
use qungong::{Action, Actor, Result, Tx};

/// An anonymous concern from the mailbox, received on `received`, under `category`.
fn input(category: i64, received: &str, content: &str) -> ConcernInput {
    ConcernInput {
        received_on: date(received),
        source: ConcernSource::Mailbox,
        activity_id: None,
        talk_id: None,
        visit_id: None,
        opinion_id: None,
        raiser_kind: RaiserKind::Anonymous,
        raiser_id: None,
        raiser_group: None,
        unit_id: None,
        category_id: category,
        content: content.into(),
        deadline: None,
    }
}

/// The id of the category called `name`.
fn cat(t: &TestDb, name: &str) -> i64 {
    concern::categories(t.db.conn(), true)
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no category {name}"))
        .id
}

/// Runs `f` as `who` doing `action` (the audit records both).
fn act<T>(
    t: &mut TestDb,
    who: &str,
    action: Action,
    f: impl FnOnce(&Tx) -> Result<T>,
) -> Result<T> {
    t.db.transact(&Actor(who.into()), action, f)
}

fn add(t: &mut TestDb, i: ConcernInput) -> i64 {
    act(t, "测试", Action::ConcernAdd, |tx| concern::add(tx, i)).unwrap()
}

fn assign(t: &mut TestDb, id: i64, unit: Option<i64>, person: Option<i64>) {
    act(t, "测试", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, unit, person, None, None)
    })
    .unwrap()
}

fn reply(t: &mut TestDb, id: i64, on: &str) {
    act(t, "测试", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "已协调解决", date(on))
    })
    .unwrap()
}

fn close(t: &mut TestDb, id: i64, s: Satisfaction, on: &str) -> ConcernStatus {
    act(t, "测试", Action::ConcernClose, |tx| {
        concern::close(tx, id, s, date(on), None)
    })
    .unwrap()
}

fn get(t: &TestDb, id: i64, today: &str) -> Concern {
    concern::get(t.db.conn(), id, date(today)).unwrap()
}

/// The message of a refused call.
fn refused<T: std::fmt::Debug>(r: Result<T>) -> String {
    r.unwrap_err().to_string()
}

/// (step, status label, actor, note) of every step, oldest first.
fn steps(t: &TestDb, id: i64) -> Vec<(String, String, String, Option<String>)> {
    concern::detail(t.db.conn(), id, date("2026-01-01"))
        .unwrap()
        .steps
        .into_iter()
        .map(|s| (s.step, s.status.label().to_string(), s.actor, s.note))
        .collect()
}

fn step_count(t: &TestDb, id: i64) -> usize {
    concern::detail(t.db.conn(), id, date("2026-01-01"))
        .unwrap()
        .steps
        .len()
}

fn s(
    step: &str,
    status: &str,
    actor: &str,
    note: Option<&str>,
) -> (String, String, String, Option<String>) {
    (
        step.into(),
        status.into(),
        actor.into(),
        note.map(String::from),
    )
}

fn set_holidays(t: &mut TestDb, text: &str) {
    t.write(|tx| qungong::settings::set(tx, "voice.holidays", text))
        .unwrap();
}

/// 国庆 2026: 1–7 October off (Thursday to Wednesday), Saturday 10 October worked (调休).
const NATIONAL_DAY: &str = "2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 \
                            2026-10-07 +2026-10-10";

#[test]
fn a_concern_goes_from_received_to_closed_and_every_step_is_kept() {
    let Branch {
        mut t,
        team,
        li,
        zhang,
        ..
    } = branch();
    let pay = cat(&t, "薪酬待遇");
    let mut i = input(pay, "2026-09-30", "夜班补贴发放不及时");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(li);
    i.unit_id = Some(team);
    let before = qungong::db::now();
    let id = act(&mut t, "王干事", Action::ConcernAdd, |tx| {
        concern::add(tx, i)
    })
    .unwrap();

    let c = get(&t, id, "2026-09-30");
    assert_eq!(c.status, ConcernStatus::Received);
    assert_eq!(c.raiser, "李四");
    assert_eq!(c.unit_name.as_deref(), Some("营业班"));
    assert_eq!(c.category, "薪酬待遇");
    // Calendar days: 30 September + 15 = 15 October.
    assert_eq!(c.deadline, date("2026-10-15"));
    assert_eq!(c.uid.len(), 36);
    assert!(!c.overdue);

    act(&mut t, "李主任", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, Some(team), Some(zhang), None, Some("请一周内反馈"))
    })
    .unwrap();
    let c = get(&t, id, "2026-10-01");
    assert_eq!(c.status, ConcernStatus::InProgress);
    assert_eq!(c.handler_unit_name.as_deref(), Some("营业班"));
    assert_eq!(c.handler_person_name.as_deref(), Some("张三"));
    assert_eq!(c.deadline, date("2026-10-15"));

    act(&mut t, "张三", Action::ConcernReply, |tx| {
        concern::reply(
            tx,
            id,
            "  已与财务核对，10 月起按月发放  ",
            date("2026-10-12"),
        )
    })
    .unwrap();
    let c = get(&t, id, "2026-10-20");
    assert_eq!(c.status, ConcernStatus::Replied);
    assert_eq!(c.reply.as_deref(), Some("已与财务核对，10 月起按月发放"));
    assert_eq!(c.replied_on, Some(date("2026-10-12")));
    assert!(!c.overdue, "answered: not overdue, even after the deadline");
    assert_eq!(c.overdue_days, 0);

    let status = act(&mut t, "王干事", Action::ConcernClose, |tx| {
        concern::close(tx, id, Satisfaction::Satisfied, date("2026-10-14"), None)
    })
    .unwrap();
    assert_eq!(status, ConcernStatus::Closed);
    let c = get(&t, id, "2026-10-20");
    assert_eq!(c.status, ConcernStatus::Closed);
    assert_eq!(c.closed_on, Some(date("2026-10-14")));
    assert_eq!(c.satisfaction, Some(Satisfaction::Satisfied));

    assert_eq!(
        steps(&t, id),
        [
            s("受理", "已受理", "王干事", Some("办理期限 2026年10月15日")),
            s(
                "交办",
                "办理中",
                "李主任",
                Some("交由营业班 张三办理；请一周内反馈")
            ),
            s(
                "答复",
                "已答复",
                "张三",
                Some("已答复提出人（2026年10月12日）")
            ),
            s("办结", "已办结", "王干事", Some("满意")),
        ]
    );
    // Each step carries the local time it was written.
    let after = qungong::db::now();
    for step in concern::detail(t.db.conn(), id, date("2026-10-20"))
        .unwrap()
        .steps
    {
        assert!(before <= step.at && step.at <= after, "{:?}", step.at);
    }
    // Serialized with the labels users read.
    let json = serde_json::to_value(get(&t, id, "2026-10-20")).unwrap();
    assert_eq!(json["status"], "已办结");
    assert_eq!(json["satisfaction"], "满意");
    assert_eq!(json["source"], "意见箱");
    assert_eq!(json["raiser_kind"], "个人");
}

#[test]
fn every_transition_that_is_not_allowed_is_refused_in_chinese() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let id = add(&mut b.t, input(pay, "2026-09-30", "食堂饭菜太咸"));
    let t = &mut b.t;

    // 已受理: no reply, no closing.
    assert_eq!(
        refused(act(t, "测试", Action::ConcernReply, |tx| concern::reply(
            tx,
            id,
            "答复",
            date("2026-10-01")
        ))),
        "办理状态：尚未交办，请先交办再答复"
    );
    assert_eq!(
        refused(act(t, "测试", Action::ConcernClose, |tx| concern::close(
            tx,
            id,
            Satisfaction::Satisfied,
            date("2026-10-01"),
            None
        ))),
        "办理状态：尚未答复，不能办结"
    );
    // 办理中: no closing either.
    assign(t, id, Some(b.team), None);
    assert_eq!(
        refused(act(t, "测试", Action::ConcernClose, |tx| concern::close(
            tx,
            id,
            Satisfaction::Basically,
            date("2026-10-01"),
            None
        ))),
        "办理状态：尚未答复，不能办结"
    );
    // 办理中 may be handed to someone else.
    assign(t, id, None, Some(b.wang));
    // 已答复: no more assigning.
    reply(t, id, "2026-10-05");
    assert_eq!(
        refused(act(t, "测试", Action::ConcernAssign, |tx| {
            concern::assign(tx, id, Some(b.team), None, None, None)
        })),
        "办理状态：诉求已答复，不能再交办；提出人不满意时，办结时选择“不满意”即退回重新办理"
    );
    // 已办结: nothing but a report upwards.
    close(t, id, Satisfaction::Basically, "2026-10-06");
    let steps_before = step_count(t, id);
    let edit = input(pay, "2026-09-30", "食堂饭菜太咸了");
    assert_eq!(
        refused(act(t, "测试", Action::ConcernEdit, |tx| concern::update(
            tx, id, edit
        ))),
        "办理状态：诉求已办结，不能再修改"
    );
    assert_eq!(
        refused(act(t, "测试", Action::ConcernAssign, |tx| {
            concern::assign(tx, id, Some(b.team), None, None, None)
        })),
        "办理状态：诉求已办结，不能再交办"
    );
    assert_eq!(
        refused(act(t, "测试", Action::ConcernReply, |tx| concern::reply(
            tx,
            id,
            "再答复",
            date("2026-10-07")
        ))),
        "办理状态：诉求已办结，不能再答复"
    );
    for s in Satisfaction::ALL {
        assert_eq!(
            refused(act(t, "测试", Action::ConcernClose, |tx| concern::close(
                tx,
                id,
                *s,
                date("2026-10-07"),
                None
            ))),
            "办理状态：诉求已办结，不能重复办结"
        );
    }
    assert_eq!(step_count(t, id), steps_before, "nothing refused is kept");
    let c = get(t, id, "2026-10-07");
    assert_eq!(c.status, ConcernStatus::Closed);
    assert_eq!(c.satisfaction, Some(Satisfaction::Basically));
    assert_eq!(c.handler_person_name.as_deref(), Some("王五"));
    assert_eq!(
        c.handler_unit_id, None,
        "the second assignment replaced the first"
    );
    act(t, "测试", Action::ConcernEscalate, |tx| {
        concern::escalate(tx, id, date("2026-10-08"), "市公司工会", "")
    })
    .unwrap();
    assert_eq!(get(t, id, "2026-10-08").status, ConcernStatus::Closed);
    // A concern that does not exist.
    assert_eq!(
        refused(act(t, "测试", Action::ConcernReply, |tx| concern::reply(
            tx,
            999,
            "答复",
            date("2026-10-07")
        ))),
        "未找到群众诉求“999”"
    );
    assert_eq!(
        refused(concern::detail(t.db.conn(), 999, date("2026-10-07"))),
        "未找到群众诉求“999”"
    );
}

#[test]
fn unsatisfied_reopens_the_concern_and_it_can_be_closed_again() {
    let mut b = branch();
    let env = cat(&b.t, "工作环境");
    let id = add(&mut b.t, input(env, "2026-09-01", "值班室空调坏了"));
    let t = &mut b.t;
    assign(t, id, Some(b.station), None);
    reply(t, id, "2026-09-10");
    let status = act(t, "赵干事", Action::ConcernClose, |tx| {
        concern::close(
            tx,
            id,
            Satisfaction::Unsatisfied,
            date("2026-09-12"),
            Some("只修了一台，另一台仍不制冷"),
        )
    })
    .unwrap();
    assert_eq!(status, ConcernStatus::InProgress);
    let c = get(t, id, "2026-09-12");
    assert_eq!(c.status, ConcernStatus::InProgress);
    assert_eq!(c.closed_on, None);
    assert_eq!(c.satisfaction, Some(Satisfaction::Unsatisfied));
    // Deadline 1 + 15 = 16 September: reopened on the 12th, not yet overdue; on the 20th 4 days.
    assert_eq!(c.deadline, date("2026-09-16"));
    assert!(!c.overdue);
    let c = get(t, id, "2026-09-20");
    assert!(c.overdue);
    assert_eq!(c.overdue_days, 4);
    // Back in 办理中: it may be handed on again, answered again and closed.
    assign(t, id, Some(b.station), Some(b.zhang));
    act(t, "测试", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "两台空调均已更换", date("2026-09-18"))
    })
    .unwrap();
    assert_eq!(
        close(t, id, Satisfaction::Basically, "2026-09-19"),
        ConcernStatus::Closed
    );
    let c = get(t, id, "2026-09-20");
    assert_eq!(c.closed_on, Some(date("2026-09-19")));
    assert_eq!(c.satisfaction, Some(Satisfaction::Basically));
    assert_eq!(c.reply.as_deref(), Some("两台空调均已更换"));
    assert!(!c.overdue);
    assert_eq!(
        steps(t, id),
        [
            s("受理", "已受理", "测试", Some("办理期限 2026年9月16日")),
            s("交办", "办理中", "测试", Some("交由城关供电所办理")),
            s(
                "答复",
                "已答复",
                "测试",
                Some("已答复提出人（2026年9月10日）")
            ),
            s(
                "重新办理",
                "办理中",
                "赵干事",
                Some("不满意；只修了一台，另一台仍不制冷")
            ),
            s("交办", "办理中", "测试", Some("改由城关供电所 张三办理")),
            s(
                "答复",
                "已答复",
                "测试",
                Some("已答复提出人（2026年9月18日）")
            ),
            s("办结", "已办结", "测试", Some("基本满意")),
        ]
    );
}

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

#[test]
fn what_is_entered_is_checked_with_chinese_messages() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let a = b.t.activity("四季度职工座谈会", "2026-09-20 09:00");
    let gone = b.t.activity("取消的座谈会", "2026-09-21 09:00");
    b.t.write(|tx| qungong::activities::cancel(tx, gone, false))
        .unwrap();
    let t = &mut b.t;
    let try_add = |t: &mut TestDb, f: &dyn Fn(&mut ConcernInput)| {
        let mut i = input(pay, "2026-09-30", "加班费计算有误");
        f(&mut i);
        refused(t.write(|tx| concern::add(tx, i)))
    };
    assert_eq!(
        try_add(t, &|i| i.content = "  ".into()),
        "诉求内容：不能为空"
    );
    assert_eq!(
        try_add(t, &|i| i.content = "字".repeat(2001)),
        "诉求内容：不能超过 2000 个字"
    );
    assert_eq!(
        try_add(t, &|i| i.content = "加班费\u{0}有误".into()),
        "诉求内容：不能含控制字符或不可见的格式字符"
    );
    assert_eq!(
        try_add(t, &|i| i.raiser_kind = RaiserKind::Person),
        "提出人：实名诉求请选择提出诉求的职工"
    );
    assert_eq!(
        try_add(t, &|i| {
            i.raiser_kind = RaiserKind::Person;
            i.raiser_id = Some(999);
        }),
        "提出人：请选择一名存在的职工"
    );
    assert_eq!(
        try_add(t, &|i| {
            i.raiser_kind = RaiserKind::Group;
            i.raiser_group = Some("  ".into());
        }),
        "提出集体：集体诉求请填写集体名称，如“营业班全体职工”"
    );
    assert_eq!(
        try_add(t, &|i| {
            i.raiser_kind = RaiserKind::Group;
            i.raiser_group = Some("营业班\n全体".into());
        }),
        "提出集体：不能含换行、制表符等控制字符或不可见的格式字符"
    );
    assert_eq!(
        try_add(t, &|i| i.activity_id = Some(999)),
        "关联活动：请选择一项存在的活动"
    );
    assert_eq!(
        try_add(t, &|i| i.activity_id = Some(gone)),
        "关联活动：活动“取消的座谈会”已取消，不能关联"
    );
    assert_eq!(
        try_add(t, &|i| i.talk_id = Some(999)),
        "关联谈话：请选择一条存在的谈心谈话记录"
    );
    assert_eq!(
        try_add(t, &|i| i.visit_id = Some(999)),
        "关联走访：请选择一次存在的联系点走访"
    );
    assert_eq!(
        try_add(t, &|i| i.opinion_id = Some(999)),
        "关联动态：请选择一条存在的思想动态或舆情"
    );
    assert_eq!(
        try_add(t, &|i| i.unit_id = Some(999)),
        "涉及单位：请选择一个存在的单位"
    );
    assert_eq!(
        try_add(t, &|i| i.category_id = 999),
        "诉求分类：请选择一个存在的分类"
    );
    assert_eq!(
        concern::list(
            t.db.conn(),
            &ConcernFilter::default(),
            date("2026-10-01"),
            0,
            10
        )
        .unwrap()
        .total,
        0,
        "nothing refused was written"
    );

    // 个人: the group is dropped; 集体: the person is dropped; 匿名: both.
    let mut i = input(pay, "2026-09-30", "加班费计算有误");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(b.wang);
    i.raiser_group = Some("营业班".into());
    i.source = ConcernSource::Forum;
    i.activity_id = Some(a);
    let id = add(t, i);
    let c = get(t, id, "2026-09-30");
    assert_eq!(c.raiser, "王五");
    assert_eq!(c.activity_title.as_deref(), Some("四季度职工座谈会"));
    assert_eq!(c.to_input().raiser_group, None);
    let mut i = input(pay, "2026-09-30", "  加班费计算有误  ");
    i.raiser_kind = RaiserKind::Group;
    i.raiser_id = Some(b.wang);
    i.raiser_group = Some("  营业班全体职工 ".into());
    let id = add(t, i);
    let c = get(t, id, "2026-09-30");
    assert_eq!((c.raiser.as_str(), c.raiser_id), ("营业班全体职工", None));
    assert_eq!(c.content, "加班费计算有误");
    let mut i = input(pay, "2026-09-30", "加班费计算有误");
    i.raiser_id = Some(b.wang);
    i.raiser_group = Some("营业班".into());
    let id = add(t, i);
    let c = get(t, id, "2026-09-30");
    assert_eq!((c.raiser.as_str(), c.raiser_id), ("匿名", None));
}

#[test]
fn a_concern_links_to_the_talk_visit_and_opinion_it_came_from() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    // The talk, visit and opinion records are written directly: only their ids matter here.
    let conn = b.t.db.conn();
    conn.execute(
        "INSERT INTO talk (uid, talked_on, talker_id, person_id, kind, topic, created_at,
                           updated_at)
         VALUES ('t1', '2026-09-10', ?1, ?2, 'daily', '工作近况', '2026-09-10 10:00:00',
                 '2026-09-10 10:00:00')",
        [b.zhang, b.li],
    )
    .unwrap();
    let talk = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO contact_visit (uid, visited_on, leader_id, unit_id, created_at, updated_at)
         VALUES ('v1', '2026-09-11', ?1, ?2, '2026-09-11 10:00:00', '2026-09-11 10:00:00')",
        [b.zhao, b.station],
    )
    .unwrap();
    let visit = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO opinion (uid, observed_at, kind, title, level, trend, created_at,
                              updated_at)
         VALUES ('o1', '2026-09-12 09:00:00', 'internal', '对薪酬调整有议论', 'normal',
                 'steady', '2026-09-12 09:00:00', '2026-09-12 09:00:00')",
        [],
    )
    .unwrap();
    let opinion = conn.last_insert_rowid();
    let mut i = input(pay, "2026-09-30", "岗位工资标准偏低");
    i.source = ConcernSource::Talk;
    i.talk_id = Some(talk);
    i.visit_id = Some(visit);
    i.opinion_id = Some(opinion);
    let id = add(&mut b.t, i);
    let c = get(&b.t, id, "2026-09-30");
    assert_eq!(
        (c.talk_id, c.visit_id, c.opinion_id),
        (Some(talk), Some(visit), Some(opinion))
    );
    let filter = ConcernFilter {
        opinion_id: Some(opinion),
        ..Default::default()
    };
    let page = concern::list(b.t.db.conn(), &filter, date("2026-10-01"), 0, 10).unwrap();
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
}

#[test]
fn editing_keeps_a_step_and_a_new_deadline_is_a_step_of_its_own() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇"); // 15 days
    let safety = cat(&b.t, "安全生产"); // 7 days
    let id = add(&mut b.t, input(pay, "2026-09-30", "加班费计算有误"));
    let t = &mut b.t;
    let edit = |t: &mut TestDb, who: &str, f: &dyn Fn(&mut ConcernInput)| {
        let mut i = get(t, id, "2026-09-30").to_input();
        f(&mut i);
        act(t, who, Action::ConcernEdit, |tx| concern::update(tx, id, i))
    };
    // Nothing changed: nothing written.
    edit(t, "测试", &|_| {}).unwrap();
    assert_eq!(step_count(t, id), 1);
    // The content and the unit: one step 修改, the deadline as it was.
    edit(t, "钱干事", &|i| {
        i.content = "九月加班费计算有误".into();
        i.unit_id = Some(b.team);
    })
    .unwrap();
    let c = get(t, id, "2026-09-30");
    assert_eq!(c.content, "九月加班费计算有误");
    assert_eq!(c.deadline, date("2026-10-15"));
    // The deadline alone: 调整期限.
    edit(t, "钱干事", &|i| i.deadline = Some(date("2026-10-20"))).unwrap();
    assert_eq!(get(t, id, "2026-09-30").deadline, date("2026-10-20"));
    // Another category without a deadline: its days again, from the day received (+ 7).
    edit(t, "测试", &|i| {
        i.category_id = safety;
        i.deadline = None;
    })
    .unwrap();
    assert_eq!(get(t, id, "2026-09-30").deadline, date("2026-10-07"));
    // No deadline, nothing about it changed: kept.
    edit(t, "测试", &|i| {
        i.source = ConcernSource::Call;
        i.deadline = None;
    })
    .unwrap();
    assert_eq!(get(t, id, "2026-09-30").deadline, date("2026-10-07"));
    assert_eq!(
        steps(t, id),
        [
            s("受理", "已受理", "测试", Some("办理期限 2026年10月15日")),
            s("修改", "已受理", "钱干事", Some("修改了涉及单位、诉求内容")),
            s(
                "调整期限",
                "已受理",
                "钱干事",
                Some("办理期限由 2026年10月15日 调整为 2026年10月20日")
            ),
            s("修改", "已受理", "测试", Some("修改了诉求分类")),
            s(
                "调整期限",
                "已受理",
                "测试",
                Some("办理期限由 2026年10月20日 调整为 2026年10月7日")
            ),
            s("修改", "已受理", "测试", Some("修改了来源")),
        ]
    );
    // The day received moved after the deadline kept: refused.
    assert_eq!(
        refused(edit(t, "测试", &|i| i.received_on = date("2026-10-08"))),
        "办理期限：不能早于受理日期"
    );
    // Once answered, the day received cannot move past the answer.
    assign(t, id, Some(b.team), None);
    reply(t, id, "2026-10-05");
    assert_eq!(
        refused(edit(t, "测试", &|i| {
            i.received_on = date("2026-10-06");
            i.deadline = Some(date("2026-10-10"));
        })),
        "受理日期：不能晚于答复日期"
    );
    // Editing keeps the status it is in.
    edit(t, "测试", &|i| {
        i.content = "九月、十月加班费计算有误".into()
    })
    .unwrap();
    let c = get(t, id, "2026-10-06");
    assert_eq!(c.status, ConcernStatus::Replied);
    assert_eq!(
        steps(t, id).last().unwrap(),
        &s("修改", "已答复", "测试", Some("修改了诉求内容"))
    );
}

#[test]
fn assigning_replying_closing_and_escalating_check_what_they_are_given() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let id = add(&mut b.t, input(pay, "2026-09-30", "加班费计算有误"));
    let t = &mut b.t;
    let try_assign = |t: &mut TestDb,
                      unit: Option<i64>,
                      person: Option<i64>,
                      deadline: Option<&str>,
                      note: Option<&str>| {
        refused(act(t, "测试", Action::ConcernAssign, |tx| {
            concern::assign(tx, id, unit, person, deadline.map(date), note)
        }))
    };
    assert_eq!(
        try_assign(t, None, None, None, None),
        "承办单位：请选择承办单位或承办人"
    );
    assert_eq!(
        try_assign(t, Some(999), None, None, None),
        "承办单位：请选择一个存在的单位"
    );
    assert_eq!(
        try_assign(t, None, Some(999), None, None),
        "承办人：请选择一名存在的职工"
    );
    assert_eq!(
        try_assign(t, Some(b.team), None, Some("2026-09-29"), None),
        "办理期限：不能早于受理日期"
    );
    assert_eq!(
        try_assign(t, Some(b.team), None, None, Some(&"字".repeat(501))),
        "交办说明：不能超过 500 个字"
    );
    assert_eq!(get(t, id, "2026-09-30").status, ConcernStatus::Received);
    assign(t, id, Some(b.team), None);

    let try_reply = |t: &mut TestDb, text: &str, on: &str| {
        refused(act(t, "测试", Action::ConcernReply, |tx| {
            concern::reply(tx, id, text, date(on))
        }))
    };
    assert_eq!(try_reply(t, " \n ", "2026-10-01"), "答复内容：不能为空");
    assert_eq!(
        try_reply(t, &"字".repeat(2001), "2026-10-01"),
        "答复内容：不能超过 2000 个字"
    );
    assert_eq!(
        try_reply(t, "已核实", "2026-09-29"),
        "答复日期：不能早于受理日期"
    );
    assert_eq!(get(t, id, "2026-09-30").status, ConcernStatus::InProgress);
    reply(t, id, "2026-10-05");
    // Amending the answer keeps 已答复.
    act(t, "测试", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "已核实并补发", date("2026-10-06"))
    })
    .unwrap();
    let c = get(t, id, "2026-10-06");
    assert_eq!(c.status, ConcernStatus::Replied);
    assert_eq!(c.reply.as_deref(), Some("已核实并补发"));
    assert_eq!(c.replied_on, Some(date("2026-10-06")));
    assert_eq!(
        steps(t, id).last().unwrap(),
        &s("答复", "已答复", "测试", Some("修改答复（2026年10月6日）"))
    );

    assert_eq!(
        refused(act(t, "测试", Action::ConcernClose, |tx| concern::close(
            tx,
            id,
            Satisfaction::Satisfied,
            date("2026-10-05"),
            None
        ))),
        "办结日期：不能早于答复日期"
    );
    assert_eq!(
        refused(act(t, "测试", Action::ConcernClose, |tx| concern::close(
            tx,
            id,
            Satisfaction::Satisfied,
            date("2026-10-07"),
            Some("说明\u{200B}")
        ))),
        "办结说明：不能含控制字符或不可见的格式字符"
    );

    let try_escalate = |t: &mut TestDb, on: &str, to: &str| {
        refused(act(t, "测试", Action::ConcernEscalate, |tx| {
            concern::escalate(tx, id, date(on), to, "")
        }))
    };
    assert_eq!(try_escalate(t, "2026-10-01", "  "), "上报对象：不能为空");
    assert_eq!(
        try_escalate(t, "2026-10-01", "市公司\n工会"),
        "上报对象：不能含换行、制表符等控制字符或不可见的格式字符"
    );
    assert_eq!(
        try_escalate(t, "2026-09-29", "市公司工会"),
        "上报日期：不能早于受理日期"
    );
    act(t, "孙主任", Action::ConcernEscalate, |tx| {
        concern::escalate(
            tx,
            id,
            date("2026-10-02"),
            "市公司工会",
            "涉及全公司加班费口径",
        )
    })
    .unwrap();
    // Reported again: the latest report shows, both stay in the history.
    act(t, "孙主任", Action::ConcernEscalate, |tx| {
        concern::escalate(tx, id, date("2026-10-08"), " 市公司人资部 ", "  ")
    })
    .unwrap();
    let c = get(t, id, "2026-10-08");
    assert_eq!(c.escalated_on, Some(date("2026-10-08")));
    assert_eq!(c.escalated_to.as_deref(), Some("市公司人资部"));
    assert_eq!(c.escalation_note, None);
    assert_eq!(
        c.status,
        ConcernStatus::Replied,
        "reporting up keeps the status"
    );
    let all = steps(t, id);
    assert_eq!(
        all[all.len() - 2..],
        [
            s(
                "上报",
                "已答复",
                "孙主任",
                Some("2026年10月2日 上报市公司工会；涉及全公司加班费口径")
            ),
            s(
                "上报",
                "已答复",
                "孙主任",
                Some("2026年10月8日 上报市公司人资部")
            ),
        ]
    );
}

/// Four concerns over the branch, for the filters.
struct Listed {
    b: Branch,
    pay: i64,
    /// 营业班, 李四, 薪酬待遇, received 1 September, still 已受理 (deadline 16 September).
    a: i64,
    /// 营销部, 集体 “营销部全体”, 工作环境, 5 September, 办理中 (deadline 20 September).
    c: i64,
    /// 城关供电所, 匿名, 薪酬待遇, 10 September, answered (deadline 25 September).
    d: i64,
    /// No unit, 匿名, 安全生产, 12 September, closed.
    e: i64,
}

fn listed() -> Listed {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let env = cat(&b.t, "工作环境");
    let safety = cat(&b.t, "安全生产");
    let mut i = input(pay, "2026-09-01", "绩效工资_系数100%不合理");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(b.li);
    i.unit_id = Some(b.team);
    let a = add(&mut b.t, i);
    let mut i = input(env, "2026-09-05", "办公楼电梯经常故障");
    i.raiser_kind = RaiserKind::Group;
    i.raiser_group = Some("营销部全体".into());
    i.unit_id = Some(b.dept);
    i.source = ConcernSource::Forum;
    let c = add(&mut b.t, i);
    assign(&mut b.t, c, Some(b.dept), None);
    let mut i = input(pay, "2026-09-10", "年终奖发放时间");
    i.unit_id = Some(b.station);
    let d = add(&mut b.t, i);
    assign(&mut b.t, d, Some(b.station), None);
    reply(&mut b.t, d, "2026-09-20");
    let e = add(&mut b.t, input(safety, "2026-09-12", "安全帽老化"));
    assign(&mut b.t, e, None, Some(b.zhang));
    reply(&mut b.t, e, "2026-09-13");
    close(&mut b.t, e, Satisfaction::Satisfied, "2026-09-14");
    Listed { b, pay, a, c, d, e }
}

fn ids(l: &Listed, filter: ConcernFilter, today: &str) -> Vec<i64> {
    concern::list(l.b.t.db.conn(), &filter, date(today), 0, 50)
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.id)
        .collect()
}

#[test]
fn the_list_filters_by_status_overdue_category_unit_and_text() {
    let l = listed();
    let (a, c, d, e) = (l.a, l.c, l.d, l.e);
    let all = ConcernFilter::default();
    // Latest received first.
    assert_eq!(ids(&l, all.clone(), "2026-09-15"), [e, d, c, a]);
    let open = ConcernFilter {
        open: true,
        ..Default::default()
    };
    assert_eq!(ids(&l, open, "2026-09-15"), [d, c, a]);
    let overdue = ConcernFilter {
        overdue: true,
        ..Default::default()
    };
    // a's deadline is 16 September, c's 20 September; d is answered.
    assert_eq!(ids(&l, overdue.clone(), "2026-09-16"), Vec::<i64>::new());
    assert_eq!(ids(&l, overdue.clone(), "2026-09-17"), [a]);
    assert_eq!(ids(&l, overdue.clone(), "2026-09-30"), [c, a]);
    let page = concern::list(l.b.t.db.conn(), &overdue, date("2026-09-30"), 0, 50).unwrap();
    let days: Vec<(bool, i64)> = page
        .items
        .iter()
        .map(|c| (c.overdue, c.overdue_days))
        .collect();
    assert_eq!(days, [(true, 10), (true, 14)]);
    assert_eq!(
        concern::open_counts(l.b.t.db.conn(), date("2026-09-30")).unwrap(),
        (3, 2)
    );
    let status = ConcernFilter {
        status: Some(ConcernStatus::Replied),
        ..Default::default()
    };
    assert_eq!(ids(&l, status, "2026-09-30"), [d]);
    let category = ConcernFilter {
        category_id: Some(l.pay),
        ..Default::default()
    };
    assert_eq!(ids(&l, category, "2026-09-30"), [d, a]);
    let source = ConcernFilter {
        source: Some(ConcernSource::Forum),
        ..Default::default()
    };
    assert_eq!(ids(&l, source, "2026-09-30"), [c]);
    // A unit and every unit below it: the station holds the team.
    let unit = |id| ConcernFilter {
        unit_id: Some(id),
        ..Default::default()
    };
    assert_eq!(ids(&l, unit(l.b.station), "2026-09-30"), [d, a]);
    assert_eq!(ids(&l, unit(l.b.team), "2026-09-30"), [a]);
    assert_eq!(ids(&l, unit(l.b.company), "2026-09-30"), [d, c, a]);
    let dates = ConcernFilter {
        from: Some(date("2026-09-05")),
        to: Some(date("2026-09-10")),
        ..Default::default()
    };
    assert_eq!(ids(&l, dates, "2026-09-30"), [d, c]);
    // Text: part of the content, the raiser's name or the group's; % and _ are plain text.
    let search = |q: &str| ConcernFilter {
        search: Some(q.into()),
        ..Default::default()
    };
    assert_eq!(ids(&l, search(" 电梯 "), "2026-09-30"), [c]);
    assert_eq!(ids(&l, search("李四"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("营销部全"), "2026-09-30"), [c]);
    assert_eq!(ids(&l, search("100%"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("_"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("%"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("奖金"), "2026-09-30"), Vec::<i64>::new());
    assert_eq!(ids(&l, search("  "), "2026-09-30").len(), 4);
    // Filters combine.
    let both = ConcernFilter {
        open: true,
        category_id: Some(l.pay),
        unit_id: Some(l.b.station),
        search: Some("年终".into()),
        ..Default::default()
    };
    assert_eq!(ids(&l, both, "2026-09-30"), [d]);
    // Paged, with the total.
    let page = concern::list(l.b.t.db.conn(), &all, date("2026-09-30"), 1, 2).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.offset, 1);
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), [d, c]);
    let page = concern::list(l.b.t.db.conn(), &search("李四"), date("2026-09-30"), 0, 1).unwrap();
    assert_eq!(page.total, 1);
    // Names shown in the list.
    let rows = concern::list(l.b.t.db.conn(), &all, date("2026-09-30"), 0, 10).unwrap();
    let shown: Vec<(&str, Option<&str>, &str)> = rows
        .items
        .iter()
        .map(|c| {
            (
                c.raiser.as_str(),
                c.unit_name.as_deref(),
                c.category.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("匿名", None, "安全生产"),
            ("匿名", Some("城关供电所"), "薪酬待遇"),
            ("营销部全体", Some("营销部"), "工作环境"),
            ("李四", Some("营业班"), "薪酬待遇"),
        ]
    );
}

#[test]
fn categories_are_added_renamed_and_retired_never_deleted() {
    let mut b = branch();
    let t = &mut b.t;
    let names = |t: &TestDb, retired: bool| -> Vec<(String, u32, bool)> {
        concern::categories(t.db.conn(), retired)
            .unwrap()
            .into_iter()
            .map(|c| (c.name, c.deadline_days, c.retired))
            .collect()
    };
    let seeded = names(t, false);
    assert_eq!(seeded.len(), 9);
    assert_eq!(seeded[0], ("薪酬待遇".to_string(), 15, false));
    assert_eq!(seeded[2], ("安全生产".to_string(), 7, false));
    assert_eq!(seeded[8], ("其他".to_string(), 15, false));

    let save = |t: &mut TestDb, id: Option<i64>, name: &str, days: u32, retired: bool| {
        act(t, "测试", Action::ConcernCategory, |tx| {
            concern::save_category(tx, id, name, days, retired)
        })
    };
    // Added last.
    let housing = save(t, None, " 住房保障 ", 20, false).unwrap();
    assert_eq!(
        names(t, false).last().unwrap(),
        &("住房保障".to_string(), 20, false)
    );
    assert_eq!(
        refused(save(t, None, "薪酬待遇", 15, false)),
        "分类名称：已有名为“薪酬待遇”的分类（含已停用的）"
    );
    assert_eq!(
        refused(save(t, None, "  ", 15, false)),
        "分类名称：不能为空"
    );
    assert_eq!(
        refused(save(t, None, &"长".repeat(21), 15, false)),
        "分类名称：不能超过 20 个字"
    );
    assert_eq!(
        refused(save(t, None, "住房\n补贴", 15, false)),
        "分类名称：不能含换行、制表符等控制字符或不可见的格式字符"
    );
    assert_eq!(
        refused(save(t, None, "交通", 0, false)),
        "办理期限：应为 1–365 天"
    );
    assert_eq!(
        refused(save(t, None, "交通", 366, false)),
        "办理期限：应为 1–365 天"
    );
    assert_eq!(
        refused(save(t, Some(999), "交通", 10, false)),
        "未找到诉求分类“999”"
    );
    // 20 characters and 365 days are allowed.
    save(t, None, &"长".repeat(20), 365, false).unwrap();
    // Renamed, with new days; the same name again is no conflict with itself.
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    let pay = cat(t, "薪酬待遇");
    assert_eq!(
        refused(save(t, Some(housing), "薪酬待遇", 10, false)),
        "分类名称：已有名为“薪酬待遇”的分类（含已停用的）"
    );
    // New concerns use the new days: 30 September + 10 = 10 October.
    let id = add(t, input(housing, "2026-09-30", "通勤班车太少"));
    assert_eq!(get(t, id, "2026-09-30").deadline, date("2026-10-10"));

    // Retired: no longer offered, refused for new concerns, kept by the concerns filed under it.
    save(t, Some(housing), "住房与通勤", 10, true).unwrap();
    assert!(!names(t, false).iter().any(|c| c.0 == "住房与通勤"));
    assert_eq!(
        names(t, true).iter().find(|c| c.0 == "住房与通勤"),
        Some(&("住房与通勤".to_string(), 10, true))
    );
    assert_eq!(
        refused(t.write(|tx| concern::add(tx, input(housing, "2026-10-01", "通勤补贴")))),
        "诉求分类：分类“住房与通勤”已停用，请选择其他分类"
    );
    let mut i = get(t, id, "2026-09-30").to_input();
    i.content = "通勤班车太少，建议增加".into();
    act(t, "测试", Action::ConcernEdit, |tx| {
        concern::update(tx, id, i)
    })
    .unwrap();
    assert_eq!(get(t, id, "2026-09-30").category, "住房与通勤");
    // … but an edit may not move another concern into it.
    let other = add(t, input(pay, "2026-09-30", "绩效工资"));
    let mut i = get(t, other, "2026-09-30").to_input();
    i.category_id = housing;
    assert_eq!(
        refused(act(t, "测试", Action::ConcernEdit, |tx| concern::update(
            tx, other, i
        ))),
        "诉求分类：分类“住房与通勤”已停用，请选择其他分类"
    );
    // Its name stays taken; it can be brought back.
    assert_eq!(
        refused(save(t, None, "住房与通勤", 10, false)),
        "分类名称：已有名为“住房与通勤”的分类（含已停用的）"
    );
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    assert!(names(t, false).iter().any(|c| c.0 == "住房与通勤"));

    // The last category in use cannot be retired.
    let all = concern::categories(t.db.conn(), false).unwrap();
    let (last, rest) = all.split_last().unwrap();
    for c in rest {
        save(t, Some(c.id), &c.name, c.deadline_days, true).unwrap();
    }
    assert_eq!(
        refused(save(t, Some(last.id), &last.name, last.deadline_days, true)),
        format!(
            "诉求分类：“{}”是唯一在用的分类，不能停用；请先新增或恢复一个分类",
            last.name
        )
    );
    assert_eq!(concern::categories(t.db.conn(), false).unwrap().len(), 1);
    assert_eq!(concern::categories(t.db.conn(), true).unwrap().len(), 11);
}

#[test]
fn every_write_leaves_an_audit_row_without_the_content() {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let t = &mut b.t;
    let start: i64 =
        t.db.conn()
            .query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
                r.get(0)
            })
            .unwrap();
    let housing = act(t, "管理员", Action::ConcernCategory, |tx| {
        concern::save_category(tx, None, "住房保障", 20, false)
    })
    .unwrap();
    act(t, "管理员", Action::ConcernCategory, |tx| {
        concern::save_category(tx, Some(housing), "住房与通勤", 10, true)
    })
    .unwrap();
    let mut i = input(pay, "2026-09-30", "机密内容：夜班补贴被克扣");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(b.li);
    let id = act(t, "王干事", Action::ConcernAdd, |tx| concern::add(tx, i)).unwrap();
    let mut i = get(t, id, "2026-09-30").to_input();
    i.content = "机密内容：夜班补贴被克扣两个月".into();
    i.deadline = Some(date("2026-10-20"));
    act(t, "王干事", Action::ConcernEdit, |tx| {
        concern::update(tx, id, i)
    })
    .unwrap();
    act(t, "李主任", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, Some(b.team), Some(b.wang), None, None)
    })
    .unwrap();
    act(t, "王五", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "机密答复：已补发", date("2026-10-08"))
    })
    .unwrap();
    act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(
            tx,
            id,
            Satisfaction::Unsatisfied,
            date("2026-10-09"),
            Some("金额不对"),
        )
    })
    .unwrap();
    act(t, "王干事", Action::ConcernEscalate, |tx| {
        concern::escalate(tx, id, date("2026-10-10"), "市公司工会", "")
    })
    .unwrap();
    act(t, "王五", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "机密答复：差额已补发", date("2026-10-12"))
    })
    .unwrap();
    act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(tx, id, Satisfaction::Satisfied, date("2026-10-13"), None)
    })
    .unwrap();

    let conn = t.db.conn();
    let mut stmt = conn
        .prepare("SELECT id, actor, action, detail FROM audit_log WHERE id > ?1 ORDER BY id")
        .unwrap();
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([start], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    drop(stmt);
    let log: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(_, actor, action, detail)| (actor.as_str(), action.as_str(), detail.as_str()))
        .collect();
    assert_eq!(
        log,
        [
            (
                "管理员",
                "concern.category",
                "新增诉求分类 住房保障（20 天）"
            ),
            (
                "管理员",
                "concern.category",
                "修改诉求分类 住房保障：改名为 住房与通勤，办理期限 20 天改为 10 天，停用"
            ),
            (
                "王干事",
                "concern.add",
                &format!("登记群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.edit",
                &format!(
                    "修改群众诉求 {id}（薪酬待遇）：诉求内容；调整期限 2026-10-15 → 2026-10-20"
                )
            ),
            (
                "李主任",
                "concern.assign",
                &format!("交办群众诉求 {id}（薪酬待遇）给 营业班 王五")
            ),
            (
                "王五",
                "concern.reply",
                &format!("答复群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.close",
                &format!("群众诉求 {id}（薪酬待遇）提出人不满意，退回重新办理")
            ),
            (
                "王干事",
                "concern.escalate",
                &format!("上报群众诉求 {id}（薪酬待遇）至 市公司工会")
            ),
            (
                "王五",
                "concern.reply",
                &format!("答复群众诉求 {id}（薪酬待遇）")
            ),
            (
                "王干事",
                "concern.close",
                &format!("办结群众诉求 {id}（薪酬待遇，满意）")
            ),
        ]
    );
    for (_, _, _, detail) in &rows {
        assert!(
            !detail.contains("机密"),
            "content in the audit line: {detail}"
        );
    }
    // Every write of a concern records the concern row and its new step.
    for (audit, _, action, _) in &rows[2..] {
        let mut stmt = conn
            .prepare("SELECT tbl, op FROM audit_change WHERE audit_id = ?1 ORDER BY id")
            .unwrap();
        let changes: Vec<(String, String)> = stmt
            .query_map([audit], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let concern_op = if action == "concern.add" {
            "insert"
        } else {
            "update"
        };
        assert!(
            changes.contains(&("concern".into(), concern_op.into())),
            "{action}: {changes:?}"
        );
        assert!(
            changes.contains(&("concern_step".into(), "insert".into())),
            "{action}: {changes:?}"
        );
    }
    let steps_written: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_change WHERE tbl = 'concern_step' AND record_id IN
                 (SELECT id FROM concern_step WHERE concern_id = ?1)",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        steps_written, 9,
        "受理, 修改, 调整期限, 交办, 答复, 重新办理, 上报, 答复, 办结"
    );
    let category_changes: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_change WHERE tbl = 'concern_category' AND record_id = ?1",
            [housing],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(category_changes, 2);
    // A refused write leaves no row.
    let before: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
    let _ = act(t, "王干事", Action::ConcernClose, |tx| {
        concern::close(tx, id, Satisfaction::Satisfied, date("2026-10-14"), None)
    });
    let after: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
    assert_eq!(before, after);
    let _: NaiveDate = get(t, id, "2026-10-14").closed_on.unwrap();
}
