//! 考核指标体系: the checks (weights summing to 100, in Chinese), versions, and a published
//! round unchanged after its system is edited.

use qungong::Action;
use qungong::codes::{AutoSource, EvalMethod, RoundStatus, ScoreRule};
use qungong::evaluation::{round, system};

use super::common::{TestDb, time};
use super::{
    act, add_people, auto, ballot, err, mark, marks, new_round, new_system, round_input,
    system_input, tally,
};

#[test]
fn weights_not_summing_to_100_are_refused_in_chinese() {
    let mut t = TestDb::new();
    let input = system_input(
        "政工干部日常考核",
        vec![
            marks("工作实绩", 40.0),
            marks("工作作风", 30.0),
            ballot("民主测评", 25.0),
        ],
    );
    assert_eq!(
        err(system::check(&input)),
        "权重：各项指标权重合计应为 100，现为 95"
    );
    assert_eq!(
        err(act(&mut t, Action::EvalSystemSave, |tx| system::save(
            tx, None, input
        ))),
        "权重：各项指标权重合计应为 100，现为 95"
    );
    // Weights are kept to one decimal: 33.33 × 3 is 33.3 × 3 = 99.9.
    let thirds = |w: [f64; 3]| {
        system_input(
            "三项",
            vec![marks("甲", w[0]), marks("乙", w[1]), ballot("丙", w[2])],
        )
    };
    assert_eq!(
        err(system::check(&thirds([33.33, 33.33, 33.34]))),
        "权重：各项指标权重合计应为 100，现为 99.9"
    );
    assert!(system::check(&thirds([33.4, 33.3, 33.3])).is_ok());
    assert_eq!(
        err(system::check(&thirds([60.0, 40.0, 10.0]))),
        "权重：各项指标权重合计应为 100，现为 110"
    );
    assert_eq!(
        err(system::check(&thirds([100.0, 0.0, 0.0]))),
        "权重：应大于 0 且不超过 100（指标“乙”）"
    );
    // Nothing was written.
    assert_eq!(system::list(t.db.conn(), true, true).unwrap(), vec![]);
}

#[test]
fn each_methods_fields_are_checked() {
    let one = |ind| system_input("体系", vec![ind]);
    let rate = |rule, target, bands: &[(f64, f64)]| {
        auto(
            "出勤率",
            100.0,
            AutoSource::AttendanceRate,
            rule,
            target,
            bands,
        )
    };
    assert!(system::check(&one(rate(ScoreRule::Proportional, Some(95.0), &[]))).is_ok());
    assert_eq!(
        err(system::check(&one(rate(
            ScoreRule::Proportional,
            None,
            &[]
        )))),
        "目标值：按目标比例计分须填大于 0 的目标值（指标“出勤率”）"
    );
    assert_eq!(
        err(system::check(&one(rate(
            ScoreRule::Proportional,
            Some(0.0),
            &[]
        )))),
        "目标值：按目标比例计分须填大于 0 的目标值（指标“出勤率”）"
    );
    assert_eq!(
        err(system::check(&one(rate(ScoreRule::Bands, None, &[])))),
        "分档：至少要设一档（指标“出勤率”）"
    );
    assert_eq!(
        err(system::check(&one(rate(
            ScoreRule::Bands,
            None,
            &[(80.0, 80.0), (90.0, 100.0)]
        )))),
        "分档：各档应从高到低排列，起点逐档递减且不能重复（指标“出勤率”）"
    );
    let mut no_source = rate(ScoreRule::Proportional, Some(95.0), &[]);
    no_source.source = None;
    assert_eq!(
        err(system::check(&one(no_source))),
        "数据来源：请选择数据来源（指标“出勤率”）"
    );
    let mut no_rule = rate(ScoreRule::Proportional, Some(95.0), &[]);
    no_rule.rule = None;
    assert_eq!(
        err(system::check(&one(no_rule))),
        "计分规则：请选择计分规则（指标“出勤率”）"
    );
    assert_eq!(
        err(system::check(&system_input(
            "体系",
            vec![marks("工作实绩", 50.0), ballot("工作实绩", 50.0)]
        ))),
        "指标名称：“工作实绩”重复，同一指标体系内的指标名称不能相同"
    );
    assert_eq!(
        err(system::check(&system_input("体系", vec![]))),
        "指标：至少要有一项指标"
    );
    assert_eq!(
        err(system::check(&system_input(" ", vec![marks("甲", 100.0)]))),
        "名称：不能为空"
    );
    let mut category = marks("甲", 100.0);
    category.category = " ".into();
    assert_eq!(
        err(system::check(&one(category))),
        "指标类别：不能为空（指标“甲”）"
    );
    let mut drop_two = one(marks("甲", 100.0));
    drop_two.drop_extremes_min = 2;
    assert_eq!(
        err(system::check(&drop_two)),
        "去掉最高最低分：评委人数门槛应为 3–20 人，或 0（不去掉）"
    );
    let mut points = one(marks("甲", 100.0));
    points.ballot_points.excellent = 120.0;
    assert_eq!(
        err(system::check(&points)),
        "测评计分：每票分值应在 0–100 之间"
    );
}

#[test]
fn saving_tidies_the_input_and_an_unused_version_is_edited_in_place() {
    let mut t = TestDb::new();
    // A 'marks' indicator's source, rule and target are dropped; a weight to one decimal.
    let mut stray = marks("工作实绩", 59.96);
    stray.source = Some(AutoSource::Forums);
    stray.rule = Some(ScoreRule::Proportional);
    stray.target = Some(3.0);
    let mut rate = auto(
        "活动出勤率",
        40.04,
        AutoSource::AttendanceRate,
        ScoreRule::Bands,
        Some(95.0),
        &[(95.0, 100.0), (90.0, 90.0), (0.0, 60.0)],
    );
    rate.category = "  组织工作 ".into();
    let id = new_system(&mut t, system_input(" 政工干部考核 ", vec![stray, rate]));
    let s = system::get(t.db.conn(), id).unwrap();
    assert_eq!(
        (s.name.as_str(), s.version, s.frozen, s.rounds),
        ("政工干部考核", 1, false, 0)
    );
    let i = &s.indicators;
    assert_eq!(i.len(), 2);
    assert_eq!(
        (i[0].input.weight, i[0].input.method),
        (60.0, EvalMethod::Marks)
    );
    assert_eq!(
        (i[0].input.source, i[0].input.rule, i[0].input.target),
        (None, None, None)
    );
    assert_eq!(i[1].input.weight, 40.0);
    assert_eq!(i[1].input.category, "组织工作");
    // Bands keep their bands and lose the target.
    assert_eq!(i[1].input.target, None);
    assert_eq!(
        i[1].input
            .bands
            .iter()
            .map(|b| (b.from, b.score))
            .collect::<Vec<_>>(),
        vec![(95.0, 100.0), (90.0, 90.0), (0.0, 60.0)]
    );
    // No round uses it: an edit changes this version.
    let edited = act(&mut t, Action::EvalSystemSave, |tx| {
        system::save(
            tx,
            Some(id),
            system_input("政工干部考核", vec![marks("工作实绩", 100.0)]),
        )
    })
    .unwrap();
    assert_eq!(edited, id);
    let s = system::get(t.db.conn(), id).unwrap();
    assert_eq!((s.version, s.indicators.len(), s.superseded), (1, 1, false));
    assert_eq!(system::list(t.db.conn(), true, true).unwrap().len(), 1);
}

#[test]
fn a_published_round_is_unchanged_after_its_system_is_edited() {
    let mut b = super::common::branch();
    let (zhang, li) = (b.zhang, b.li);
    let t = &mut b.t;
    let v1 = new_system(
        t,
        system_input(
            "政工干部季度考核",
            vec![marks("工作实绩", 60.0), ballot("民主测评", 40.0)],
        ),
    );
    let s1 = system::get(t.db.conn(), v1).unwrap();
    let (work, vote) = (s1.indicators[0].id, s1.indicators[1].id);
    let now = time("2026-04-10 09:00");

    // Round A: marked, tallied, published. 张三 (0.6 × 90 + 0.4 × 91.25 = 90.5), 李四
    // (0.6 × 80 + 0.4 × 72.5 = 77).
    let a = new_round(
        t,
        round_input("2026年第一季度考核", v1, "2026-01-01", "2026-03-31"),
    );
    add_people(t, a, &[zhang, li]);
    mark(t, a, "评委一", work, &[(zhang, 90.0), (li, 80.0)]).unwrap();
    tally(t, a, zhang, vote, (10, 5, 1, 0)).unwrap();
    tally(t, a, li, vote, (0, 10, 6, 0)).unwrap();
    act(t, Action::EvalFeedback, |tx| {
        round::start_feedback(tx, a, now)
    })
    .unwrap();
    act(t, Action::EvalPublish, |tx| round::publish(tx, a, now)).unwrap();
    // Round B: open, nothing entered. Round C: open, with a mark.
    let bb = new_round(
        t,
        round_input("2026年第二季度考核", v1, "2026-04-01", "2026-06-30"),
    );
    add_people(t, bb, &[zhang]);
    let c = new_round(
        t,
        round_input("2026年第二季度专项考核", v1, "2026-04-01", "2026-06-30"),
    );
    add_people(t, c, &[zhang]);
    mark(t, c, "评委一", work, &[(zhang, 70.0)]).unwrap();

    let before = round::get(t.db.conn(), a, now).unwrap();
    let totals = |r: &qungong::evaluation::RoundDetail| {
        r.subjects
            .iter()
            .map(|s| (s.name.clone(), s.total, s.rank, s.grade))
            .collect::<Vec<_>>()
    };
    use qungong::codes::Grade::*;
    assert_eq!(
        totals(&before),
        vec![
            ("张三".to_string(), Some(90.5), Some(1), Some(Excellent)),
            ("李四".to_string(), Some(77.0), Some(2), Some(Competent)),
        ]
    );
    let system_v1 = system::get(t.db.conn(), v1).unwrap();
    assert!(system_v1.frozen);
    assert_eq!(system_v1.rounds, 3);

    // Saved unchanged: no new version.
    let same = act(t, Action::EvalSystemSave, |tx| {
        system::save(
            tx,
            Some(v1),
            system_input(
                "政工干部季度考核",
                vec![marks("工作实绩", 60.0), ballot("民主测评", 40.0)],
            ),
        )
    })
    .unwrap();
    assert_eq!(same, v1);
    assert_eq!(system::list(t.db.conn(), true, true).unwrap().len(), 1);

    // The edit: other weights and one more indicator.
    let v2 = act(t, Action::EvalSystemSave, |tx| {
        system::save(
            tx,
            Some(v1),
            system_input(
                "政工干部季度考核",
                vec![
                    marks("工作实绩", 50.0),
                    ballot("民主测评", 30.0),
                    marks("工作作风", 20.0),
                ],
            ),
        )
    })
    .unwrap();
    assert_ne!(v2, v1);
    let s2 = system::get(t.db.conn(), v2).unwrap();
    let s1_after = system::get(t.db.conn(), v1).unwrap();
    assert_eq!((s2.version, &s2.family_uid), (2, &s1.family_uid));
    assert_ne!(s2.uid, s1.uid);
    assert!(s1_after.superseded && !s2.superseded);
    // Version 1 as it was.
    assert_eq!(s1_after.indicators, s1.indicators);
    // The published round: same system, indicators, scores and totals.
    let after = round::get(t.db.conn(), a, now).unwrap();
    assert_eq!(after.system.id, v1);
    assert_eq!(after.system.indicators, s1.indicators);
    assert_eq!(after.subjects, before.subjects);
    assert_eq!(after.status, RoundStatus::Published);
    // B (nothing entered) moved to version 2; C (marked) kept version 1.
    let system_of = |id| round::get(b.t.db.conn(), id, now).unwrap().system.id;
    assert_eq!(system_of(bb), v2);
    assert_eq!(system_of(c), v1);
    let t = &mut b.t;
    // Version 1 cannot be edited any more.
    assert_eq!(
        err(act(t, Action::EvalSystemSave, |tx| system::save(
            tx,
            Some(v1),
            system_input("政工干部季度考核", vec![marks("工作实绩", 100.0)])
        ))),
        "指标体系：该指标体系已有新版本（第 2 版），请编辑最新版本"
    );
    // Nor chosen for a new round.
    assert_eq!(
        err(act(t, Action::EvalRoundSave, |tx| round::save(
            tx,
            None,
            round_input("新考核", v1, "2026-07-01", "2026-09-30")
        ))),
        "指标体系：该指标体系已有新版本（第 2 版），请选用最新版本"
    );
    // The list shows the newest version; every version when asked.
    let newest = system::list(t.db.conn(), false, false).unwrap();
    assert_eq!(
        newest
            .iter()
            .map(|s| (s.id, s.version, s.indicators))
            .collect::<Vec<_>>(),
        vec![(v2, 2, 3)]
    );
    let all = system::list(t.db.conn(), true, false).unwrap();
    assert_eq!(
        all.iter()
            .map(|s| (s.id, s.version, s.superseded, s.rounds))
            .collect::<Vec<_>>(),
        vec![(v2, 2, false, 1), (v1, 1, true, 2)]
    );
}

#[test]
fn a_retired_system_is_not_offered_for_new_rounds() {
    let mut t = TestDb::new();
    let id = new_system(
        &mut t,
        system_input("旧体系", vec![marks("工作实绩", 100.0)]),
    );
    act(&mut t, Action::EvalSystemRetire, |tx| {
        system::set_retired(tx, id, true)
    })
    .unwrap();
    assert_eq!(system::list(t.db.conn(), false, false).unwrap(), vec![]);
    let listed = system::list(t.db.conn(), false, true).unwrap();
    assert_eq!((listed.len(), listed[0].retired), (1, true));
    assert_eq!(
        err(act(&mut t, Action::EvalRoundSave, |tx| round::save(
            tx,
            None,
            round_input("考核", id, "2026-01-01", "2026-03-31")
        ))),
        "指标体系：“旧体系”已停用，请选择其他指标体系"
    );
    act(&mut t, Action::EvalSystemRetire, |tx| {
        system::set_retired(tx, id, false)
    })
    .unwrap();
    new_round(&mut t, round_input("考核", id, "2026-01-01", "2026-03-31"));
    assert_eq!(
        err(act(&mut t, Action::EvalSystemRetire, |tx| {
            system::set_retired(tx, 999, true)
        })),
        "未找到考核指标体系“999”"
    );
    // The audit log names what was done.
    let log = qungong::db::audit_log(t.db.conn(), 10).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == Action::EvalSystemRetire.code())
    );
}
