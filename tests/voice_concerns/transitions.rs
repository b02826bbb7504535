//! The way a concern goes, 已受理 to 已办结 (不满意 reopening it), the transitions refused,
//! and the steps every write keeps.

use qungong::Action;
use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::voice::concern::{self, ConcernInput};

use crate::common::{Branch, TestDb, branch, date};
use crate::{act, add, assign, cat, close, get, input, refused, reply, s, steps};

fn step_count(t: &TestDb, id: i64) -> usize {
    concern::detail(t.db.conn(), id, date("2026-01-01"))
        .unwrap()
        .steps
        .len()
}

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
