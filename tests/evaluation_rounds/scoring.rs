//! A round's scoring on hand-made marks and tallies: each indicator's score and its basis in
//! words, totals, ranks (ties), grades with the 优秀 quota and its tie rule; who is evaluated.

use qungong::codes::{AutoSource, Grade, RoundStatus, ScoreRule};
use qungong::evaluation::{
    IndicatorScore, MarkInput, MarksEntered, RoundDetail, SubjectPick, round,
};
use qungong::{Action, Db};

use super::common::{Branch, time};
use super::{
    act, add_people, auto, ballot, err, make_cadres, mark, marks, new_round, new_system,
    round_input, system_input, tally,
};

/// (name, total, rank, grade, note) of each subject, in the listed order.
type Line = (
    String,
    Option<f64>,
    Option<i64>,
    Option<Grade>,
    Option<String>,
);

fn lines(r: &RoundDetail) -> Vec<Line> {
    r.subjects
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.total,
                s.rank,
                s.grade,
                s.grade_note.clone(),
            )
        })
        .collect()
}

fn line(name: &str, total: f64, rank: i64, grade: Grade, note: Option<&str>) -> Line {
    (
        name.to_string(),
        Some(total),
        Some(rank),
        Some(grade),
        note.map(str::to_string),
    )
}

fn score(indicator_id: i64, figure: Option<f64>, score: f64, basis: &str) -> IndicatorScore {
    IndicatorScore {
        indicator_id,
        figure,
        score,
        basis: basis.to_string(),
    }
}

struct Setup {
    b: Branch,
    round: i64,
    /// 诉求按期答复率 (auto, 20), 工作实绩 (marks, 50), 民主测评 (ballot, 30).
    concerns: i64,
    work: i64,
    vote: i64,
}

/// The four of the branch, all 政工干部, in a 2026 Q3 round of a system of three indicators.
fn setup() -> Setup {
    let mut b = super::common::branch();
    let people = [b.zhang, b.li, b.wang, b.zhao];
    make_cadres(&mut b, &people);
    let company = b.company;
    let t = &mut b.t;
    let system = new_system(
        t,
        system_input(
            "政工干部日常考核",
            vec![
                auto(
                    "诉求按期答复率",
                    20.0,
                    AutoSource::ConcernsOnTime,
                    ScoreRule::Proportional,
                    Some(90.0),
                    &[],
                ),
                marks("工作实绩", 50.0),
                ballot("民主测评", 30.0),
            ],
        ),
    );
    let ind = qungong::evaluation::system::get(t.db.conn(), system)
        .unwrap()
        .indicators;
    let round = new_round(
        t,
        round_input(
            "2026年第三季度政工干部日常考核",
            system,
            "2026-07-01",
            "2026-09-30",
        ),
    );
    let pick = SubjectPick {
        unit_ids: vec![company],
        person_ids: Vec::new(),
    };
    let added = act(t, Action::EvalSubjects, |tx| {
        round::add_subjects(tx, round, &pick)
    })
    .unwrap();
    assert_eq!(added, 4);
    Setup {
        round,
        concerns: ind[0].id,
        work: ind[1].id,
        vote: ind[2].id,
        b,
    }
}

fn now() -> chrono::NaiveDateTime {
    time("2026-10-15 10:00")
}

fn get(db: &Db, round_id: i64) -> RoundDetail {
    round::get(db.conn(), round_id, now()).unwrap()
}

/// Marks: 张三 98 70 85 88 86 (five: 98 and 70 dropped → 86.33), 李四 80 90 85 95 and
/// 王五 95 90 85 80 (four: 87.5), 赵六 70 (one).
fn enter_marks(s: &mut Setup) {
    let (zhang, li, wang, zhao) = (s.b.zhang, s.b.li, s.b.wang, s.b.zhao);
    let (r, w, t) = (s.round, s.work, &mut s.b.t);
    mark(
        t,
        r,
        "评委一",
        w,
        &[(zhang, 98.0), (li, 80.0), (wang, 95.0), (zhao, 70.0)],
    )
    .unwrap();
    mark(
        t,
        r,
        "评委二",
        w,
        &[(zhang, 70.0), (li, 90.0), (wang, 90.0)],
    )
    .unwrap();
    mark(
        t,
        r,
        "评委三",
        w,
        &[(zhang, 85.0), (li, 85.0), (wang, 85.0)],
    )
    .unwrap();
    mark(
        t,
        r,
        "评委四",
        w,
        &[(zhang, 88.0), (li, 95.0), (wang, 80.0)],
    )
    .unwrap();
    mark(t, r, "评委五", w, &[(zhang, 86.0)]).unwrap();
}

/// Tallies: 张三 10/5/1/0 (91.25), 李四 and 王五 16/0/0/0 (100), 赵六 0/10/6/0 (72.5).
fn enter_tallies(s: &mut Setup) {
    let (zhang, li, wang, zhao) = (s.b.zhang, s.b.li, s.b.wang, s.b.zhao);
    let (r, v, t) = (s.round, s.vote, &mut s.b.t);
    tally(t, r, zhang, v, (10, 5, 1, 0)).unwrap();
    tally(t, r, li, v, (16, 0, 0, 0)).unwrap();
    tally(t, r, wang, v, (16, 0, 0, 0)).unwrap();
    tally(t, r, zhao, v, (0, 10, 6, 0)).unwrap();
}

#[test]
fn scores_show_their_arithmetic_and_totals_rank_with_ties() {
    let mut s = setup();
    let (round_id, concerns, work, vote) = (s.round, s.concerns, s.work, s.vote);

    // Nothing entered: by unit (供电所, 营业班, 营销部), then name (王 before 李).
    let r = get(&s.b.t.db, round_id);
    assert_eq!(
        r.subjects
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>(),
        ["张三", "王五", "李四", "赵六"]
    );
    assert!(
        r.subjects
            .iter()
            .all(|x| x.total.is_none() && x.rank.is_none())
    );
    assert_eq!(
        r.subjects[0].scores,
        vec![
            // No concerns in the unit this quarter: not penalised.
            score(
                concerns,
                None,
                100.0,
                "本期无数据（无已答复的诉求），按满分计"
            ),
            score(work, None, 0.0, "尚无评委打分"),
            score(vote, None, 0.0, "尚未录入民主测评票数"),
        ]
    );
    let summary = &round::list(s.b.t.db.conn()).unwrap()[0];
    assert_eq!((summary.subjects, summary.incomplete), (4, 4));

    enter_marks(&mut s);
    // Marks alone leave everyone without a tally.
    assert_eq!(
        err(act(&mut s.b.t, Action::EvalFeedback, |tx| {
            round::start_feedback(tx, round_id, now())
        })),
        "考核对象：尚有 4 人未完成评分：张三、王五、李四、赵六"
    );
    enter_tallies(&mut s);
    assert_eq!(round::list(s.b.t.db.conn()).unwrap()[0].incomplete, 0);

    let r = get(&s.b.t.db, round_id);
    assert_eq!(
        r.evaluators,
        ["评委一", "评委二", "评委三", "评委四", "评委五"]
    );
    let by_name = |n: &str| r.subjects.iter().find(|x| x.name == n).unwrap();
    let no_data = "本期无数据（无已答复的诉求），按满分计";
    assert_eq!(
        by_name("张三").scores,
        vec![
            score(concerns, None, 100.0, no_data),
            score(
                work,
                Some(86.33),
                86.33,
                "5 位评委，去掉最高 98、最低 70，3 位平均 86.33"
            ),
            score(
                vote,
                Some(91.25),
                91.25,
                "优秀 10、称职 5、基本称职 1、不称职 0，共 16 票：(10×100+5×80+1×60+0×0)÷16 = 91.25"
            ),
        ]
    );
    assert_eq!(
        by_name("李四").scores[1..],
        [
            score(work, Some(87.5), 87.5, "4 位评委平均 87.5"),
            score(
                vote,
                Some(100.0),
                100.0,
                "优秀 16、称职 0、基本称职 0、不称职 0，共 16 票：(16×100+0×80+0×60+0×0)÷16 = 100"
            ),
        ]
    );
    assert_eq!(
        by_name("赵六").scores[1..],
        [
            score(work, Some(70.0), 70.0, "1 位评委打分 70"),
            score(
                vote,
                Some(72.5),
                72.5,
                "优秀 0、称职 10、基本称职 6、不称职 0，共 16 票：(0×100+10×80+6×60+0×0)÷16 = 72.5"
            ),
        ]
    );
    assert_eq!(
        by_name("张三").marks_entered,
        vec![MarksEntered {
            indicator_id: work,
            count: 5
        }]
    );
    assert_eq!(by_name("赵六").marks_entered[0].count, 1);
    // Not computed yet: no totals.
    assert!(r.subjects.iter().all(|x| x.total.is_none()));

    // Computed, 优秀 quota 25% of 4 = 1 place. Totals (Σ score × weight ÷ 100):
    // 张三 (100×20 + 86.33×50 + 91.25×30) ÷ 100 = 90.54; 李四 and 王五 (2000 + 4375 + 3000)
    // ÷ 100 = 93.75; 赵六 (2000 + 3500 + 2175) ÷ 100 = 76.75.
    let mut input = r.input.clone();
    input.excellent_quota = Some(25.0);
    act(&mut s.b.t, Action::EvalRoundSave, |tx| {
        round::save(tx, Some(round_id), input.clone())
    })
    .unwrap();
    act(&mut s.b.t, Action::EvalCompute, |tx| {
        round::compute(tx, round_id, now())
    })
    .unwrap();
    let r = get(&s.b.t.db, round_id);
    assert!(r.computed_at.is_some());
    let tie = "与其他 1 人并列，超出优秀名额（25%，1 名），待研究确定";
    use Grade::*;
    // By rank, then name.
    assert_eq!(
        lines(&r),
        vec![
            line("王五", 93.75, 1, Competent, Some(tie)),
            line("李四", 93.75, 1, Competent, Some(tie)),
            line(
                "张三",
                90.54,
                3,
                Competent,
                Some("总分达优秀档，超出优秀名额（25%，1 名）")
            ),
            line("赵六", 76.75, 4, Competent, None),
        ]
    );

    // 50% of 4 = 2 places: the tie fits. While 评分中 the computed results follow the input.
    input.excellent_quota = Some(50.0);
    act(&mut s.b.t, Action::EvalRoundSave, |tx| {
        round::save(tx, Some(round_id), input.clone())
    })
    .unwrap();
    let expected = vec![
        line("王五", 93.75, 1, Excellent, None),
        line("李四", 93.75, 1, Excellent, None),
        line(
            "张三",
            90.54,
            3,
            Competent,
            Some("总分达优秀档，超出优秀名额（50%，2 名）"),
        ),
        line("赵六", 76.75, 4, Competent, None),
    ];
    assert_eq!(lines(&get(&s.b.t.db, round_id)), expected);

    // 结果反馈 stores the results: the same, each indicator's score kept.
    act(&mut s.b.t, Action::EvalFeedback, |tx| {
        round::start_feedback(tx, round_id, now())
    })
    .unwrap();
    let r = get(&s.b.t.db, round_id);
    assert_eq!(r.status, RoundStatus::Feedback);
    assert_eq!(lines(&r), expected);
    let stored: i64 =
        s.b.t
            .db
            .conn()
            .query_row("SELECT count(*) FROM eval_score", [], |r| r.get(0))
            .unwrap();
    assert_eq!(stored, 12);
    assert_eq!(
        r.subjects[2].scores[1],
        score(
            work,
            Some(86.33),
            86.33,
            "5 位评委，去掉最高 98、最低 70，3 位平均 86.33"
        )
    );
}

#[test]
fn marks_are_replaced_cleared_and_checked() {
    let mut s = setup();
    let (round_id, work, vote, concerns) = (s.round, s.work, s.vote, s.concerns);
    let (zhang, li) = (s.b.zhang, s.b.li);
    let outsider = s.b.t.person("10005", "钱七", s.b.dept);
    let t = &mut s.b.t;
    assert_eq!(
        mark(t, round_id, " 评委一 ", work, &[(zhang, 80.0), (li, 85.5)]).unwrap(),
        2
    );
    // The same mark again writes nothing; another replaces it.
    assert_eq!(
        mark(t, round_id, "评委一", work, &[(zhang, 80.0)]).unwrap(),
        0
    );
    assert_eq!(
        mark(t, round_id, "评委一", work, &[(zhang, 82.0)]).unwrap(),
        1
    );
    let clear = [MarkInput {
        person_id: li,
        indicator_id: work,
        mark: None,
    }];
    assert_eq!(
        act(t, Action::EvalMarks, |tx| round::set_marks(
            tx,
            round_id,
            "评委一",
            &clear
        ))
        .unwrap(),
        1
    );
    let stored = round::marks(t.db.conn(), round_id).unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|m| (m.person_id, m.evaluator.as_str(), m.mark))
            .collect::<Vec<_>>(),
        vec![(zhang, "评委一", 82.0)]
    );
    assert_eq!(
        err(mark(t, round_id, "评委一", work, &[(zhang, 101.0)])),
        "分数：应为 0–100 的数字"
    );
    assert_eq!(
        err(mark(t, round_id, "  ", work, &[(zhang, 90.0)])),
        "评委：请填写评委姓名"
    );
    assert_eq!(
        err(mark(t, round_id, &"评".repeat(21), work, &[(zhang, 90.0)])),
        "评委：不能超过 20 个字"
    );
    assert_eq!(
        err(mark(t, round_id, "评委一", vote, &[(zhang, 90.0)])),
        "指标：“民主测评”的计分方式是民主测评，不是评委打分"
    );
    assert_eq!(
        err(mark(t, round_id, "评委一", concerns, &[(zhang, 90.0)])),
        "指标：“诉求按期答复率”的计分方式是系统数据，不是评委打分"
    );
    assert_eq!(
        err(mark(t, round_id, "评委一", work, &[(outsider, 90.0)])),
        "考核对象：钱七（工号 10005）不在本次考核中"
    );
    assert_eq!(
        err(tally(t, round_id, zhang, work, (1, 0, 0, 0))),
        "指标：“工作实绩”的计分方式是评委打分，不是民主测评"
    );
    // A failed batch writes none of it.
    assert_eq!(
        err(mark(
            t,
            round_id,
            "评委二",
            work,
            &[(zhang, 90.0), (li, 120.0)]
        )),
        "分数：应为 0–100 的数字"
    );
    assert_eq!(round::marks(t.db.conn(), round_id).unwrap().len(), 1);
    // Tallies: replaced, and all four 0 clears.
    tally(t, round_id, zhang, vote, (3, 1, 0, 0)).unwrap();
    tally(t, round_id, zhang, vote, (4, 1, 0, 0)).unwrap();
    let b = round::ballots(t.db.conn(), round_id).unwrap();
    assert_eq!((b.len(), b[0].counts.excellent), (1, 4));
    tally(t, round_id, zhang, vote, (0, 0, 0, 0)).unwrap();
    assert_eq!(round::ballots(t.db.conn(), round_id).unwrap(), vec![]);
    // Taking a subject out takes their marks.
    act(t, Action::EvalSubjects, |tx| {
        round::remove_subject(tx, round_id, zhang)
    })
    .unwrap();
    assert_eq!(round::marks(t.db.conn(), round_id).unwrap(), vec![]);
    assert_eq!(
        err(act(t, Action::EvalSubjects, |tx| round::remove_subject(
            tx, round_id, zhang
        ))),
        "考核对象：张三（工号 10001）不在本次考核中"
    );
}

#[test]
fn subjects_are_the_cadres_in_post_of_the_units_and_the_named() {
    let mut b = super::common::branch();
    // 张三 (供电所) and 李四 (营业班) are 政工干部; 王五 (营业班) was one and has left;
    // 赵六 (营销部) is not one.
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    make_cadres(&mut b, &[zhang, li, wang]);
    let (station, team, company) = (b.station, b.team, b.company);
    let t = &mut b.t;
    t.write(|tx| qungong::people::leave(tx, wang, super::d("2026-05-31"), Some("调出")))
        .unwrap();
    let system = new_system(t, system_input("体系", vec![marks("工作实绩", 100.0)]));
    let r = new_round(t, round_input("考核", system, "2026-07-01", "2026-09-30"));
    let pick = |units: Vec<i64>, people: Vec<i64>| SubjectPick {
        unit_ids: units,
        person_ids: people,
    };
    let p = pick(vec![station], vec![]);
    assert_eq!(
        act(t, Action::EvalSubjects, |tx| round::add_subjects(tx, r, &p)).unwrap(),
        2
    );
    // Again, and the company: nobody new.
    let p = pick(vec![station, company], vec![]);
    assert_eq!(
        act(t, Action::EvalSubjects, |tx| round::add_subjects(tx, r, &p)).unwrap(),
        0
    );
    // Named: 赵六, not a cadre, may be named.
    assert_eq!(add_people(t, r, &[zhao, zhang]), 1);
    let p = pick(vec![], vec![wang]);
    assert_eq!(
        err(act(t, Action::EvalSubjects, |tx| round::add_subjects(
            tx, r, &p
        ))),
        "考核对象：王五（工号 10003）已离职，不能列为考核对象"
    );
    let p = pick(vec![9999], vec![]);
    assert_eq!(
        err(act(t, Action::EvalSubjects, |tx| round::add_subjects(
            tx, r, &p
        ))),
        "单位：请选择一个存在的单位"
    );
    let detail = round::get(t.db.conn(), r, time("2026-10-01 09:00")).unwrap();
    assert_eq!(
        detail
            .subjects
            .iter()
            .map(|s| (s.name.as_str(), s.unit_id, s.unit_name.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("张三", station, "城关供电所"),
            ("李四", team, "营业班"),
            ("赵六", b.dept, "营销部"),
        ]
    );
}
