//! A round's flow: the round's own checks, 结果反馈 with 反馈 and 确认, back to 评分中, 公布
//! (after which every write is refused and nothing changes), a cadre's history and the
//! 工作台's waiting rounds.

use qungong::Action;
use qungong::codes::{Grade, RoundKind, RoundStatus};
use qungong::evaluation::{BallotCounts, GradeBands, HistoryRow, RoundWaiting, SubjectPick, round};

use super::common::{TestDb, time};
use super::{
    act, add_people, d, err, eval_dump, mark, marks, new_round, new_system, round_input,
    system_input,
};

fn now() -> chrono::NaiveDateTime {
    time("2026-04-10 09:00")
}

#[test]
fn a_rounds_input_is_checked() {
    let mut t = TestDb::new();
    let sys = new_system(&mut t, system_input("体系", vec![marks("工作实绩", 100.0)]));
    let mut save = |input| {
        err(act(&mut t, Action::EvalRoundSave, |tx| {
            round::save(tx, None, input)
        }))
    };
    let ok = round_input("2026年第一季度考核", sys, "2026-01-01", "2026-03-31");
    assert_eq!(
        save(round_input(" ", sys, "2026-01-01", "2026-03-31")),
        "考核名称：不能为空"
    );
    assert_eq!(
        save(round_input(
            &"考".repeat(61),
            sys,
            "2026-01-01",
            "2026-03-31"
        )),
        "考核名称：不能超过 60 个字"
    );
    assert_eq!(
        save(round_input("考核", sys, "2026-03-31", "2026-01-01")),
        "考核期间：结束日期不能早于开始日期"
    );
    let mut bands = ok.clone();
    bands.grade_bands = GradeBands {
        excellent: 90.0,
        competent: 95.0,
        basic: 60.0,
    };
    assert_eq!(save(bands), "等级分数线：应满足 基本称职 ≤ 称职 ≤ 优秀");
    let mut high = ok.clone();
    high.grade_bands.excellent = 101.0;
    assert_eq!(save(high), "等级分数线：应在 0–100 之间");
    let mut quota = ok.clone();
    quota.excellent_quota = Some(0.0);
    assert_eq!(
        save(quota),
        "优秀比例：应大于 0 且不超过 100（%），不限比例请留空"
    );
    let mut missing = ok.clone();
    missing.system_id = 999;
    assert_eq!(save(missing), "指标体系：请选择一个存在的考核指标体系");
    assert_eq!(round::list(t.db.conn()).unwrap(), vec![]);
}

#[test]
fn a_round_with_marks_keeps_its_system() {
    let mut b = super::common::branch();
    let zhang = b.zhang;
    let t = &mut b.t;
    let s1 = new_system(t, system_input("体系一", vec![marks("工作实绩", 100.0)]));
    let s2 = new_system(t, system_input("体系二", vec![marks("工作作风", 100.0)]));
    let work = qungong::evaluation::system::get(t.db.conn(), s1)
        .unwrap()
        .indicators[0]
        .id;
    let r = new_round(t, round_input("考核", s1, "2026-01-01", "2026-03-31"));
    add_people(t, r, &[zhang]);
    // Nothing entered yet: another system may be chosen, and back.
    let mut input = round_input("考核", s2, "2026-01-01", "2026-03-31");
    act(t, Action::EvalRoundSave, |tx| {
        round::save(tx, Some(r), input.clone())
    })
    .unwrap();
    input.system_id = s1;
    act(t, Action::EvalRoundSave, |tx| {
        round::save(tx, Some(r), input.clone())
    })
    .unwrap();
    mark(t, r, "评委一", work, &[(zhang, 88.0)]).unwrap();
    input.system_id = s2;
    assert_eq!(
        err(act(t, Action::EvalRoundSave, |tx| round::save(
            tx,
            Some(r),
            input.clone()
        ))),
        "指标体系：本次考核已有评委打分或民主测评票数，不能更换指标体系"
    );
    // A rename keeps it.
    input.system_id = s1;
    input.name = "2026年第一季度考核".into();
    act(t, Action::EvalRoundSave, |tx| {
        round::save(tx, Some(r), input.clone())
    })
    .unwrap();
    let detail = round::get(t.db.conn(), r, now()).unwrap();
    assert_eq!(
        (detail.input.name.as_str(), detail.system.id),
        ("2026年第一季度考核", s1)
    );
}

/// Two rounds of 张三 and 李四 on one 'marks' indicator: Q1 and Q2 2026.
#[test]
fn feedback_confirmation_publication_history_and_waiting() {
    let mut b = super::common::branch();
    let (zhang, li, wang) = (b.zhang, b.li, b.wang);
    let t = &mut b.t;
    let sys = new_system(t, system_input("体系", vec![marks("工作实绩", 100.0)]));
    let work = qungong::evaluation::system::get(t.db.conn(), sys)
        .unwrap()
        .indicators[0]
        .id;
    let q1 = new_round(
        t,
        round_input("2026年第一季度考核", sys, "2026-01-01", "2026-03-31"),
    );
    add_people(t, q1, &[zhang, li]);
    let waiting = |t: &TestDb| round::waiting(t.db.conn()).unwrap();
    let w = |id, name: &str, status, waiting| RoundWaiting {
        id,
        name: name.into(),
        status,
        waiting,
    };
    assert_eq!(
        waiting(t),
        vec![w(q1, "2026年第一季度考核", RoundStatus::Open, 2)]
    );
    // Feedback needs subjects and every mark.
    let empty = new_round(t, round_input("空考核", sys, "2025-10-01", "2025-12-31"));
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::start_feedback(
            tx,
            empty,
            now()
        ))),
        "考核对象：尚未添加考核对象"
    );
    act(t, Action::EvalRoundDelete, |tx| round::delete(tx, empty)).unwrap();
    mark(t, q1, "评委一", work, &[(zhang, 90.0)]).unwrap();
    assert_eq!(
        waiting(t),
        vec![w(q1, "2026年第一季度考核", RoundStatus::Open, 1)]
    );
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::start_feedback(
            tx,
            q1,
            now()
        ))),
        "考核对象：尚有 1 人未完成评分：李四"
    );
    mark(t, q1, "评委一", work, &[(li, 80.0)]).unwrap();
    assert_eq!(waiting(t), vec![]);
    // Not yet out for feedback.
    assert_eq!(
        err(act(t, Action::EvalConfirm, |tx| round::confirm(
            tx,
            q1,
            zhang,
            None,
            now()
        ))),
        "考核状态：考核尚在评分中，尚未进入结果反馈"
    );
    assert_eq!(
        err(act(t, Action::EvalPublish, |tx| round::publish(
            tx,
            q1,
            now()
        ))),
        "考核状态：考核尚在评分中，请先进入结果反馈再公布"
    );

    act(t, Action::EvalFeedback, |tx| {
        round::start_feedback(tx, q1, now())
    })
    .unwrap();
    let r = round::get(t.db.conn(), q1, now()).unwrap();
    assert_eq!(r.status, RoundStatus::Feedback);
    assert_eq!(
        r.subjects
            .iter()
            .map(|s| (s.name.as_str(), s.total, s.rank, s.grade))
            .collect::<Vec<_>>(),
        vec![
            ("张三", Some(90.0), Some(1), Some(Grade::Excellent)),
            ("李四", Some(80.0), Some(2), Some(Grade::Competent)),
        ]
    );
    assert_eq!(
        waiting(t),
        vec![w(q1, "2026年第一季度考核", RoundStatus::Feedback, 2)]
    );
    assert_eq!(
        err(mark(t, q1, "评委一", work, &[(li, 85.0)])),
        "考核状态：考核正在结果反馈，请先退回评分中再修改打分"
    );
    assert_eq!(
        err(act(t, Action::EvalRoundDelete, |tx| round::delete(tx, q1))),
        "考核状态：只有评分中的考核可以删除"
    );
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::start_feedback(
            tx,
            q1,
            now()
        ))),
        "考核状态：考核已在结果反馈中"
    );
    act(t, Action::EvalFeedback, |tx| {
        round::set_feedback(tx, q1, zhang, Some("  工作扎实，群众基础好。 ".into()))
    })
    .unwrap();
    let confirmed_at = time("2026-04-12 15:30");
    act(t, Action::EvalConfirm, |tx| {
        round::confirm(tx, q1, zhang, Some("无异议".into()), confirmed_at)
    })
    .unwrap();
    assert_eq!(
        waiting(t),
        vec![w(q1, "2026年第一季度考核", RoundStatus::Feedback, 1)]
    );
    let r = round::get(t.db.conn(), q1, now()).unwrap();
    let z = &r.subjects[0];
    assert_eq!(
        (
            z.feedback.as_deref(),
            z.reply.as_deref(),
            z.confirmed_at.as_deref()
        ),
        (
            Some("工作扎实，群众基础好。"),
            Some("无异议"),
            Some("2026-04-12 15:30:00")
        )
    );
    assert_eq!(
        err(act(t, Action::EvalConfirm, |tx| round::confirm(
            tx,
            q1,
            wang,
            None,
            now()
        ))),
        "考核对象：王五（工号 10003）不在本次考核中"
    );

    // Back to 评分中 to correct 李四's mark: confirmations cleared, the 反馈 kept.
    act(t, Action::EvalFeedback, |tx| round::reopen(tx, q1)).unwrap();
    let r = round::get(t.db.conn(), q1, now()).unwrap();
    let z = &r.subjects[0];
    assert_eq!(r.status, RoundStatus::Open);
    assert_eq!(
        (
            z.feedback.as_deref(),
            z.reply.as_deref(),
            z.confirmed_at.as_deref()
        ),
        (Some("工作扎实，群众基础好。"), None, None)
    );
    mark(t, q1, "评委一", work, &[(li, 85.0)]).unwrap();
    act(t, Action::EvalFeedback, |tx| {
        round::start_feedback(tx, q1, now())
    })
    .unwrap();
    act(t, Action::EvalConfirm, |tx| {
        round::confirm(tx, q1, zhang, None, confirmed_at)
    })
    .unwrap();
    // 公布 does not wait for 李四's confirmation.
    let published_at = time("2026-04-20 10:00");
    act(t, Action::EvalPublish, |tx| {
        round::publish(tx, q1, published_at)
    })
    .unwrap();
    let r = round::get(t.db.conn(), q1, now()).unwrap();
    assert_eq!(r.status, RoundStatus::Published);
    assert_eq!(r.published_at.as_deref(), Some("2026-04-20 10:00:00"));
    assert_eq!(
        r.subjects.iter().map(|s| s.total).collect::<Vec<_>>(),
        vec![Some(90.0), Some(85.0)]
    );
    assert_eq!(waiting(t), vec![]);

    // After 公布 every write is refused and nothing changes.
    let before = eval_dump(t);
    let locked = "考核状态：考核已公布，不能修改";
    let mut input = r.input.clone();
    input.name = "改名".into();
    assert_eq!(
        err(act(t, Action::EvalRoundSave, |tx| round::save(
            tx,
            Some(q1),
            input.clone()
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalRoundDelete, |tx| round::delete(tx, q1))),
        "考核状态：只有评分中的考核可以删除"
    );
    let pick = SubjectPick {
        unit_ids: vec![],
        person_ids: vec![wang],
    };
    assert_eq!(
        err(act(t, Action::EvalSubjects, |tx| round::add_subjects(
            tx, q1, &pick
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalSubjects, |tx| round::remove_subject(
            tx, q1, li
        ))),
        locked
    );
    assert_eq!(err(mark(t, q1, "评委二", work, &[(li, 60.0)])), locked);
    assert_eq!(
        err(act(t, Action::EvalBallot, |tx| round::set_ballot(
            tx,
            q1,
            li,
            work,
            BallotCounts::default()
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalCompute, |tx| round::compute(
            tx,
            q1,
            now()
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::start_feedback(
            tx,
            q1,
            now()
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::reopen(tx, q1))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalFeedback, |tx| round::set_feedback(
            tx,
            q1,
            li,
            Some("补充".into())
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalConfirm, |tx| round::confirm(
            tx,
            q1,
            li,
            None,
            now()
        ))),
        locked
    );
    assert_eq!(
        err(act(t, Action::EvalPublish, |tx| round::publish(
            tx,
            q1,
            now()
        ))),
        "考核状态：考核已公布"
    );
    assert_eq!(eval_dump(t), before);

    // Q2: computed while 评分中 (a stored total); Q3: not computed. Only computed rounds are
    // history, oldest first.
    let mut q2_input = round_input("2026年第二季度考核", sys, "2026-04-01", "2026-06-30");
    q2_input.kind = RoundKind::Daily;
    let q2 = new_round(t, q2_input);
    add_people(t, q2, &[zhang, li, wang]);
    mark(
        t,
        q2,
        "评委一",
        work,
        &[(zhang, 70.0), (li, 95.0), (wang, 70.0)],
    )
    .unwrap();
    act(t, Action::EvalCompute, |tx| round::compute(tx, q2, now())).unwrap();
    let q3 = new_round(
        t,
        round_input("2026年第三季度考核", sys, "2026-07-01", "2026-09-30"),
    );
    add_people(t, q3, &[zhang]);
    let h = |id, name: &str, from, to, status, total, rank, of, grade| HistoryRow {
        round_id: id,
        round_name: name.into(),
        kind: RoundKind::Daily,
        period_from: d(from),
        period_to: d(to),
        status,
        total: Some(total),
        rank: Some(rank),
        of,
        grade: Some(grade),
    };
    assert_eq!(
        round::history(t.db.conn(), zhang).unwrap(),
        vec![
            h(
                q1,
                "2026年第一季度考核",
                "2026-01-01",
                "2026-03-31",
                RoundStatus::Published,
                90.0,
                1,
                2,
                Grade::Excellent
            ),
            h(
                q2,
                "2026年第二季度考核",
                "2026-04-01",
                "2026-06-30",
                RoundStatus::Open,
                70.0,
                2,
                3,
                Grade::Basic
            ),
        ]
    );
    assert_eq!(round::history(t.db.conn(), wang).unwrap().len(), 1);
    assert_eq!(err(round::history(t.db.conn(), 9999)), "未找到职工“9999”");
    // The 工作台: Q3 waits for 张三's mark (Q2 is complete).
    assert_eq!(
        waiting(t),
        vec![w(q3, "2026年第三季度考核", RoundStatus::Open, 1)]
    );
    let overview = qungong::dashboard::overview(t.db.conn(), now()).unwrap();
    assert_eq!(overview.eval_waiting, waiting(t));
    // The rounds list, newest period first.
    let list = round::list(t.db.conn()).unwrap();
    assert_eq!(
        list.iter()
            .map(|r| (r.id, r.status, r.subjects, r.incomplete, r.unconfirmed))
            .collect::<Vec<_>>(),
        vec![
            (q3, RoundStatus::Open, 1, 1, 0),
            (q2, RoundStatus::Open, 3, 0, 0),
            (q1, RoundStatus::Published, 2, 0, 0),
        ]
    );
}
