//! What is entered, assigned, answered, closed and escalated is checked, with Chinese
//! messages; the links to the talk, visit and opinion a concern came from.

use qungong::Action;
use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::voice::concern::{self, ConcernFilter, ConcernInput};

use crate::common::{TestDb, branch, date};
use crate::{act, add, assign, cat, get, input, refused, reply, s, steps};

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
