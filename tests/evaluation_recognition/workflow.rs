//! A round's way: 推荐中 → 投票中 → 公示中 → 已确认, with its checks at each step, the
//! selection within the quota (the tie at the edge left out), withdrawal and the honours.

use qungong::Action;
use qungong::codes::{RecognitionStatus, RecognitionTarget};
use qungong::evaluation::recognition;
use qungong::evaluation::{HonourFilter, NominationInput, Rule, VoteInput, honour};

use crate::common::date;
use crate::{by_name, fixture, message, names, nomination, round_input};

/// A candidate as a row: name, votes, rank, selected, note.
type CandidateRow<'a> = (&'a str, Option<u32>, Option<i64>, bool, Option<&'a str>);
/// An honour as a row: year, title, holder, unit, round, granted by.
type HonourRow<'a> = (i32, &'a str, &'a str, Option<&'a str>, Option<i64>, &'a str);

/// The fixture's ids, for closures that borrow it.
struct Ids {
    zhang: i64,
    li: i64,
    wang: i64,
    zhao: i64,
    team: i64,
}

impl Ids {
    fn of(f: &crate::Fixture) -> Ids {
        Ids {
            zhang: f.zhang,
            li: f.li,
            wang: f.wang,
            zhao: f.zhao,
            team: f.team,
        }
    }
}

#[test]
fn votes_select_within_the_quota_and_a_tie_at_the_edge_is_left_out_and_noted() {
    let mut f = fixture();
    let id = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        2,
        vec![Rule::InPost],
    );
    let zhang = f.nominate_person(id, f.zhang);
    let li = f.nominate_person(id, f.li);
    let wang = f.nominate_person(id, f.wang);
    let sun = f.nominate_person(id, f.sun);
    let zhao = f.nominate_person(id, f.zhao);
    f.zhao_leaves();
    f.start_voting(id);
    // 赵六 is not eligible: his 40 votes rank nobody. 张三 30 is 1st; 李四, 王五 and 孙七 with 25
    // tie for 2nd, three for the one place left: none of them is in.
    f.votes(
        id,
        &[(zhang, 30), (li, 25), (wang, 25), (sun, 25), (zhao, 40)],
    );
    let before = f.get(id);
    assert_eq!(before.status, RecognitionStatus::Voting);
    assert!(before.candidates.iter().all(|c| !c.selected));
    assert_eq!(f.publicity(id).unwrap(), 1);
    let r = f.get(id);
    assert_eq!(r.status, RecognitionStatus::Publicity);
    assert_eq!(r.notice_from, Some(date("2026-12-01")));
    assert_eq!(r.notice_to, Some(date("2026-12-10")));
    // By rank, then 姓氏笔画 (王 4, 孙 6, 李 7); the ineligible last.
    assert_eq!(names(&r), ["张三", "王五", "孙七", "李四", "赵六"]);
    let tie = "得票并列（3 人争 1 个名额），超出名额，请加票或研究决定";
    let rows: Vec<CandidateRow> = r
        .candidates
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.votes,
                c.rank,
                c.selected,
                c.note.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("张三", Some(30), Some(1), true, None),
            ("王五", Some(25), Some(2), false, Some(tie)),
            ("孙七", Some(25), Some(2), false, Some(tie)),
            ("李四", Some(25), Some(2), false, Some(tie)),
            ("赵六", Some(40), None, false, None),
        ]
    );
    assert_eq!(by_name(&r, "赵六").checks[0].found, "已离职");
    let summary = &recognition::list(f.t.db.conn()).unwrap()[0];
    assert_eq!(
        (summary.candidates, summary.selected, summary.notice_to),
        (5, 1, Some(date("2026-12-10")))
    );
}

#[test]
fn publicity_needs_every_eligible_candidate_s_votes() {
    let mut f = fixture();
    let id = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        2,
        vec![Rule::InPost],
    );
    let zhang = f.nominate_person(id, f.zhang);
    let li = f.nominate_person(id, f.li);
    let wang = f.nominate_person(id, f.wang);
    let zhao = f.nominate_person(id, f.zhao);
    f.zhao_leaves();
    assert_eq!(message(f.publicity(id)), "评选：只有投票中可以开始公示");
    f.start_voting(id);
    // 赵六 needs no votes: he is not eligible.
    f.votes(id, &[(wang, 12)]);
    assert_eq!(
        message(f.publicity(id)),
        "得票：候选人尚未录入得票：李四、张三"
    );
    assert_eq!(
        message(f.act(Action::RecognitionStage, |tx| {
            recognition::start_publicity(
                tx,
                id,
                date("2026-12-10"),
                date("2026-12-01"),
                date("2026-12-01"),
            )
        })),
        "公示期：结束日期不能早于开始日期"
    );
    // Votes of another round's nomination are refused.
    let other = f.round("另一评选", RecognitionTarget::Person, 1, vec![]);
    let theirs = f.nominate_person(other, f.zhang);
    assert_eq!(
        message(f.act(Action::RecognitionVotes, |tx| {
            recognition::set_votes(
                tx,
                id,
                &[VoteInput {
                    nomination_id: theirs,
                    votes: Some(3),
                }],
            )
        })),
        format!("得票：候选人 {theirs} 不属于本次评选")
    );
    f.votes(id, &[(zhang, 30), (li, 20), (zhao, 50)]);
    // 张三 30, 李四 20, 王五 12: the first two of quota 2.
    assert_eq!(f.publicity(id).unwrap(), 2);
    let r = f.get(id);
    let selected: Vec<&str> = r
        .candidates
        .iter()
        .filter(|c| c.selected)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(selected, ["张三", "李四"]);
    assert_eq!(
        message(f.act(Action::RecognitionVotes, |tx| {
            recognition::set_votes(
                tx,
                id,
                &[VoteInput {
                    nomination_id: zhang,
                    votes: Some(31),
                }],
            )
        })),
        "得票：只有投票中可以录入得票"
    );
}

#[test]
fn a_withdrawn_candidate_keeps_the_reason_and_gets_no_honour() {
    let mut f = fixture();
    let id = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        2,
        vec![Rule::InPost],
    );
    let zhang = f.nominate_person(id, f.zhang);
    let li = f.nominate_person(id, f.li);
    let wang = f.nominate_person(id, f.wang);
    f.start_voting(id);
    f.votes(id, &[(zhang, 30), (li, 25), (wang, 20)]);
    let withdraw = |f: &mut crate::Fixture, n: i64, reason: &str| {
        let reason = reason.to_string();
        f.act(Action::RecognitionWithdraw, |tx| {
            recognition::withdraw(tx, n, &reason)
        })
    };
    let reason = "公示期间收到实名反映，经核实不符合评选条件";
    assert_eq!(
        message(withdraw(&mut f, li, reason)),
        "撤回：只有公示中可以撤回候选人"
    );
    assert_eq!(f.publicity(id).unwrap(), 2);
    assert_eq!(
        message(withdraw(&mut f, wang, reason)),
        "撤回：只能撤回已入选的候选人"
    );
    assert_eq!(
        message(withdraw(&mut f, li, "  ")),
        "撤回原因：请填写撤回原因"
    );
    assert_eq!(
        message(withdraw(&mut f, li, &"理".repeat(201))),
        "撤回原因：不能超过 200 个字"
    );
    withdraw(&mut f, li, &format!(" {reason} ")).unwrap();
    let r = f.get(id);
    let li_row = by_name(&r, "李四");
    assert!(!li_row.selected);
    assert_eq!(li_row.withdrawn.as_deref(), Some(reason));
    assert_eq!(
        li_row.note.as_deref(),
        Some("已撤回：公示期间收到实名反映，经核实不符合评选条件")
    );
    // The place is not passed on: 王五 (3rd) stays out.
    assert!(!by_name(&r, "王五").selected);
    assert_eq!(
        message(withdraw(&mut f, li, reason)),
        "撤回：只能撤回已入选的候选人"
    );
    assert_eq!(
        f.act(Action::RecognitionStage, |tx| {
            recognition::confirm(tx, id, date("2026-12-11"))
        })
        .unwrap(),
        1
    );
    let honours = honour::list(f.t.db.conn(), &HonourFilter::default()).unwrap();
    let holders: Vec<&str> = honours.iter().map(|h| h.holder.as_str()).collect();
    assert_eq!(holders, ["张三"]);
}

#[test]
fn confirmation_waits_for_the_publicity_to_end_then_records_the_honours() {
    let mut f = fixture();
    let person_round = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        2,
        vec![Rule::InPost, Rule::PoliticalCadre],
    );
    let zhang = f.nominate_person(person_round, f.zhang);
    let li = f.nominate_person(person_round, f.li);
    let sun = f.nominate_person(person_round, f.sun);
    f.start_voting(person_round);
    f.votes(person_round, &[(zhang, 30), (li, 25), (sun, 20)]);
    f.publicity(person_round).unwrap();
    let confirm = |f: &mut crate::Fixture, round: i64, on: &str| {
        let on = date(on);
        f.act(Action::RecognitionStage, |tx| {
            recognition::confirm(tx, round, on)
        })
    };
    // The 公示 runs to 2026-12-10 inclusive.
    assert_eq!(
        message(confirm(&mut f, person_round, "2026-12-10")),
        "确认日期：公示期至 2026年12月10日，公示期满后才能确认"
    );
    assert_eq!(confirm(&mut f, person_round, "2026-12-11").unwrap(), 2);
    let r = f.get(person_round);
    assert_eq!(r.status, RecognitionStatus::Confirmed);
    assert_eq!(r.confirmed_on, Some(date("2026-12-11")));
    assert_eq!(
        message(confirm(&mut f, person_round, "2026-12-12")),
        "评选：只有公示中可以确认"
    );
    assert_eq!(
        message(f.act(Action::RecognitionSave, |tx| {
            recognition::delete(tx, person_round)
        })),
        "评选：已确认的评选不能删除"
    );

    // 先进班组: 运维班 (100%) is the only one eligible.
    let unit_round = f.round(
        "2026年度先进班组评选",
        RecognitionTarget::Unit,
        1,
        vec![Rule::AttendanceAtLeast { percent: 90.0 }],
    );
    let team2 = f.nominate_unit(unit_round, f.team2);
    f.nominate_unit(unit_round, f.team);
    f.start_voting(unit_round);
    f.votes(unit_round, &[(team2, 12)]);
    assert_eq!(f.publicity(unit_round).unwrap(), 1);
    assert_eq!(confirm(&mut f, unit_round, "2026-12-15").unwrap(), 1);

    let conn = f.t.db.conn();
    let all = honour::list(conn, &HonourFilter::default()).unwrap();
    // Newest year first, then by title and holder (姓氏笔画): 先 before 优 (both 6 strokes,
    // 撇横… before 撇竖…), 李 before 张 (both 7, 横 before 横折).
    let rows: Vec<HonourRow> = all
        .iter()
        .map(|h| {
            (
                h.input.year,
                h.input.title.as_str(),
                h.holder.as_str(),
                h.unit_name.as_deref(),
                h.round_id,
                h.input.granted_by.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                2026,
                "先进班组",
                "运维班",
                Some("城关供电所"),
                Some(unit_round),
                "国网示范县供电公司"
            ),
            (
                2026,
                "优秀政工干部",
                "李四",
                Some("营业班"),
                Some(person_round),
                "国网示范县供电公司"
            ),
            (
                2026,
                "优秀政工干部",
                "张三",
                Some("城关供电所"),
                Some(person_round),
                "国网示范县供电公司"
            ),
        ]
    );
    assert_eq!(all[0].input.awarded_on, date("2026-12-15"));
    assert_eq!(all[0].input.unit_id, Some(f.team2));
    assert_eq!(all[0].input.person_id, None);
    assert!(
        all.iter()
            .skip(1)
            .all(|h| h.input.awarded_on == date("2026-12-11") && h.input.unit_id.is_none())
    );

    let holders = |filter: HonourFilter| -> Vec<String> {
        honour::list(conn, &filter)
            .unwrap()
            .into_iter()
            .map(|h| h.holder)
            .collect()
    };
    // By person: 李四's record.
    assert_eq!(
        holders(HonourFilter {
            person_id: Some(f.li),
            ..Default::default()
        }),
        ["李四"]
    );
    // By unit: people now in it or below, and units in its subtree.
    assert_eq!(
        holders(HonourFilter {
            unit_id: Some(f.station),
            ..Default::default()
        }),
        ["运维班", "李四", "张三"]
    );
    assert_eq!(
        holders(HonourFilter {
            unit_id: Some(f.team2),
            ..Default::default()
        }),
        ["运维班"]
    );
    assert_eq!(
        holders(HonourFilter {
            unit_id: Some(f.dept),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        holders(HonourFilter {
            year: Some(2026),
            ..Default::default()
        }),
        ["运维班", "李四", "张三"]
    );
    assert_eq!(
        holders(HonourFilter {
            year: Some(2025),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    let rounds: Vec<(String, RecognitionStatus, i64, i64)> = recognition::list(conn)
        .unwrap()
        .into_iter()
        .map(|s| (s.name, s.status, s.candidates, s.selected))
        .collect();
    assert_eq!(
        rounds,
        [
            (
                "2026年度先进班组评选".to_string(),
                RecognitionStatus::Confirmed,
                2,
                1
            ),
            (
                "2026年度优秀政工干部评选".to_string(),
                RecognitionStatus::Confirmed,
                3,
                2
            ),
        ]
    );
}

#[test]
fn each_step_refuses_what_does_not_belong_to_it() {
    let mut f = fixture();
    let ids = Ids::of(&f);
    let save = |f: &mut crate::Fixture, id: Option<i64>, input| {
        f.act(Action::RecognitionSave, |tx| {
            recognition::save(tx, id, input)
        })
    };
    let good = || {
        round_input(
            "2026年度优秀政工干部评选",
            RecognitionTarget::Person,
            2,
            vec![Rule::InPost],
        )
    };
    for (change, text) in [
        (
            Box::new(|i: &mut qungong::evaluation::RecognitionInput| i.name = "  ".into())
                as Box<dyn Fn(&mut qungong::evaluation::RecognitionInput)>,
            "评选名称：请填写评选名称",
        ),
        (
            Box::new(|i| i.name = "评".repeat(61)),
            "评选名称：不能超过 60 个字",
        ),
        (
            Box::new(|i| i.honour_title = String::new()),
            "荣誉称号：请填写荣誉称号",
        ),
        (
            Box::new(|i| i.honour_title = "优".repeat(31)),
            "荣誉称号：不能超过 30 个字",
        ),
        (Box::new(|i| i.year = 1999), "年度：应在 2000–2100 之间"),
        (Box::new(|i| i.year = 2101), "年度：应在 2000–2100 之间"),
        (Box::new(|i| i.quota = 0), "名额：应为 1–100"),
        (Box::new(|i| i.quota = 101), "名额：应为 1–100"),
    ] {
        let mut input = good();
        change(&mut input);
        assert_eq!(message(save(&mut f, None, input)), text);
    }
    let id = save(&mut f, None, good()).unwrap();

    // Nominations: the right kind of nominee, once, with 事迹.
    let nominate = |f: &mut crate::Fixture, input: NominationInput| {
        f.act(Action::RecognitionNominate, |tx| {
            recognition::nominate(tx, id, input)
        })
    };
    assert_eq!(
        message(nominate(&mut f, nomination(None, Some(ids.team), None))),
        "候选人：本次评选对象为个人，请选择一名职工"
    );
    assert_eq!(
        message(nominate(&mut f, nomination(Some(9999), None, None))),
        "候选人：请选择一名存在的职工"
    );
    let mut empty = nomination(Some(f.zhang), None, None);
    empty.deeds = " \n ".into();
    assert_eq!(message(nominate(&mut f, empty)), "主要事迹：请填写主要事迹");
    let mut long = nomination(Some(f.zhang), None, None);
    long.deeds = "事".repeat(2001);
    assert_eq!(
        message(nominate(&mut f, long)),
        "主要事迹：不能超过 2000 个字"
    );
    let zhang = nominate(&mut f, nomination(Some(ids.zhang), None, None)).unwrap();
    assert_eq!(
        message(nominate(&mut f, nomination(Some(ids.zhang), None, None))),
        "候选人：张三已被推荐"
    );
    f.zhao_leaves();
    assert_eq!(
        message(nominate(&mut f, nomination(Some(ids.zhao), None, None))),
        "候选人：赵六已离职，不能被推荐"
    );
    // The target changes only while nobody is nominated.
    let mut unit = good();
    unit.target = RecognitionTarget::Unit;
    unit.rules = vec![];
    assert_eq!(
        message(save(&mut f, Some(id), unit)),
        "评选对象：已有推荐的候选人，不能再更改评选对象"
    );
    // A nomination's 事迹 and nominating unit can be edited, its nominee not.
    let mut edit = nomination(None, None, Some(f.team));
    edit.deeds = "带头开展谈心谈话 36 人次".into();
    f.act(Action::RecognitionNominate, |tx| {
        recognition::update_nomination(tx, zhang, edit)
    })
    .unwrap();
    let c = &f.get(id).candidates[0];
    assert_eq!(
        (c.deeds.as_str(), c.by_unit_name.as_deref()),
        ("带头开展谈心谈话 36 人次", Some("营业班"))
    );
    assert_eq!(
        message(f.act(Action::RecognitionNominate, |tx| {
            recognition::update_nomination(tx, zhang, nomination(Some(999), None, None))
        })),
        "候选人：不能更换候选人，请删除后重新推荐"
    );
    let li = nominate(&mut f, nomination(Some(ids.li), None, None)).unwrap();
    f.act(Action::RecognitionNominate, |tx| {
        recognition::remove_nomination(tx, li)
    })
    .unwrap();
    assert_eq!(names(&f.get(id)), ["张三"]);

    // Voting: needs a nomination; then nominations are closed.
    let empty_round = save(&mut f, None, good()).unwrap();
    assert_eq!(
        message(f.act(Action::RecognitionStage, |tx| {
            recognition::start_voting(tx, empty_round)
        })),
        "候选人：还没有推荐候选人，不能开始投票"
    );
    assert_eq!(
        message(f.act(Action::RecognitionVotes, |tx| {
            recognition::set_votes(tx, id, &[])
        })),
        "得票：只有投票中可以录入得票"
    );
    f.start_voting(id);
    assert_eq!(
        message(f.act(Action::RecognitionStage, |tx| {
            recognition::start_voting(tx, id)
        })),
        "评选：只有推荐中可以开始投票"
    );
    assert_eq!(
        message(nominate(&mut f, nomination(Some(ids.wang), None, None))),
        "推荐：推荐已结束，不能再推荐候选人"
    );
    assert_eq!(
        message(f.act(Action::RecognitionNominate, |tx| {
            recognition::remove_nomination(tx, zhang)
        })),
        "推荐：推荐已结束，不能再删除候选人"
    );
    // Still editable while voting (the quota, say); not once the 公示 has begun.
    let mut three = good();
    three.quota = 3;
    save(&mut f, Some(id), three).unwrap();
    assert_eq!(f.get(id).input.quota, 3);
    f.votes(id, &[(zhang, 9)]);
    f.publicity(id).unwrap();
    assert_eq!(
        message(save(&mut f, Some(id), good())),
        "评选：公示开始后不能再修改评选"
    );
    // A round not confirmed can be deleted, with its nominations.
    f.act(Action::RecognitionSave, |tx| recognition::delete(tx, id))
        .unwrap();
    let left: i64 =
        f.t.db
            .conn()
            .query_row("SELECT count(*) FROM nomination", [], |r| r.get(0))
            .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        message(recognition::get(f.t.db.conn(), id, crate::today())),
        format!("未找到推优评先“{id}”")
    );
}

#[test]
fn unit_rounds_take_units() {
    let mut f = fixture();
    let ids = Ids::of(&f);
    let id = f.round("2026年度先进班组评选", RecognitionTarget::Unit, 1, vec![]);
    let nominate = |f: &mut crate::Fixture, input: NominationInput| {
        f.act(Action::RecognitionNominate, |tx| {
            recognition::nominate(tx, id, input)
        })
    };
    assert_eq!(
        message(nominate(&mut f, nomination(Some(ids.li), None, None))),
        "候选集体：本次评选对象为集体，请选择一个集体"
    );
    assert_eq!(
        message(nominate(&mut f, nomination(None, Some(9999), None))),
        "候选集体：请选择一个存在的单位"
    );
    nominate(&mut f, nomination(None, Some(ids.team), None)).unwrap();
    assert_eq!(
        message(nominate(&mut f, nomination(None, Some(ids.team), None))),
        "候选集体：“营业班”已被推荐"
    );
    // No rules: everyone is eligible.
    assert!(f.get(id).candidates[0].eligible);
}

#[test]
fn writes_leave_an_audit_row() {
    let mut f = fixture();
    let id = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        1,
        vec![],
    );
    f.nominate_person(id, f.zhang);
    let rows: Vec<(String, String)> = qungong::db::audit_log(f.t.db.conn(), 2)
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "recognition.nominate".to_string(),
                "推荐候选人 1：张三（2026年度优秀政工干部评选）".to_string()
            ),
            (
                "recognition.round".to_string(),
                format!("新建推优评先 {id}：2026年度优秀政工干部评选（个人，名额 1）")
            ),
        ]
    );
}
