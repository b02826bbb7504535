//! The eligibility rules: in words, refused where they do not apply, and each checked for the
//! fixture's people and units with what was found.

use qungong::codes::{Grade, RecognitionTarget};
use qungong::evaluation::Rule;
use qungong::evaluation::recognition::{self, check_rules, rule_label};
use qungong::{Action, attendance};

use crate::common::date;
use crate::{by_name, fixture, found, message, names, round_input};

#[test]
fn rules_read_in_words() {
    assert_eq!(rule_label(&Rule::InPost), "在职");
    assert_eq!(rule_label(&Rule::PoliticalCadre), "政工干部");
    assert_eq!(rule_label(&Rule::PartyMember), "中共党员（含预备党员）");
    assert_eq!(
        rule_label(&Rule::AttendanceAtLeast { percent: 80.0 }),
        "出勤率不低于 80%"
    );
    assert_eq!(
        rule_label(&Rule::AttendanceAtLeast { percent: 87.5 }),
        "出勤率不低于 87.5%"
    );
    assert_eq!(
        rule_label(&Rule::LastGradeAtLeast {
            grade: Grade::Competent
        }),
        "最近一次考核等级不低于称职"
    );
    // Rules travel and are stored as tagged JSON, the grade by its label.
    assert_eq!(
        serde_json::to_string(&[
            Rule::InPost,
            Rule::AttendanceAtLeast { percent: 80.0 },
            Rule::LastGradeAtLeast {
                grade: Grade::Competent
            }
        ])
        .unwrap(),
        r#"[{"kind":"in_post"},{"kind":"attendance_at_least","percent":80.0},{"kind":"last_grade_at_least","grade":"称职"}]"#
    );
}

#[test]
fn unit_rounds_take_only_the_attendance_rule() {
    let unit = RecognitionTarget::Unit;
    check_rules(unit, &[Rule::AttendanceAtLeast { percent: 90.0 }]).unwrap();
    for (rule, text) in [
        (Rule::PartyMember, "评选条件：“中共党员”只适用于个人评选"),
        (Rule::InPost, "评选条件：“在职”只适用于个人评选"),
        (Rule::PoliticalCadre, "评选条件：“政工干部”只适用于个人评选"),
        (
            Rule::LastGradeAtLeast {
                grade: Grade::Excellent,
            },
            "评选条件：“最近一次考核等级”只适用于个人评选",
        ),
    ] {
        assert_eq!(message(check_rules(unit, &[rule])), text);
    }
    let person = RecognitionTarget::Person;
    check_rules(
        person,
        &[
            Rule::InPost,
            Rule::PoliticalCadre,
            Rule::PartyMember,
            Rule::AttendanceAtLeast { percent: 0.0 },
            Rule::LastGradeAtLeast {
                grade: Grade::Basic,
            },
        ],
    )
    .unwrap();
    check_rules(person, &[Rule::AttendanceAtLeast { percent: 100.0 }]).unwrap();
    for percent in [100.5, -1.0, f64::NAN] {
        assert_eq!(
            message(check_rules(person, &[Rule::AttendanceAtLeast { percent }])),
            "评选条件：出勤率应在 0–100 之间"
        );
    }
    assert_eq!(
        message(check_rules(person, &[Rule::InPost, Rule::InPost])),
        "评选条件：“在职”重复"
    );

    // Saving a unit round with a person rule is refused the same way, and nothing is stored.
    let mut f = fixture();
    let input = round_input(
        "2026年度先进班组评选",
        unit,
        1,
        vec![Rule::AttendanceAtLeast { percent: 90.0 }, Rule::PartyMember],
    );
    assert_eq!(
        message(f.act(Action::RecognitionSave, |tx| {
            recognition::save(tx, None, input)
        })),
        "评选条件：“中共党员”只适用于个人评选"
    );
    assert!(recognition::list(f.t.db.conn()).unwrap().is_empty());
}

#[test]
fn every_rule_passes_and_fails_with_what_was_found() {
    let mut f = fixture();
    let competent = Grade::Competent;
    let id = f.round(
        "2026年度优秀政工干部评选",
        RecognitionTarget::Person,
        2,
        vec![
            Rule::InPost,
            Rule::PoliticalCadre,
            Rule::PartyMember,
            Rule::AttendanceAtLeast { percent: 80.0 },
            Rule::LastGradeAtLeast { grade: competent },
        ],
    );
    for p in [f.zhang, f.li, f.wang, f.zhao] {
        f.nominate_person(id, p);
    }
    f.zhao_leaves();
    let r = f.get(id);
    // Nobody is hidden: the eligible first, then the others by 姓氏笔画 (王 4, 李 7, 赵 9).
    assert_eq!(names(&r), ["张三", "王五", "李四", "赵六"]);
    let labels: Vec<&str> = r.candidates[0]
        .checks
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "在职",
            "政工干部",
            "中共党员（含预备党员）",
            "出勤率不低于 80%",
            "最近一次考核等级不低于称职"
        ]
    );
    let zhang = by_name(&r, "张三");
    assert_eq!(
        found(zhang),
        [
            "在职 ✓",
            "政工干部 ✓",
            "政治面貌：中共党员 ✓",
            "出勤率 100.0%（4/4） ✓",
            "最近考核：优秀（2026年第三季度政工干部考核） ✓"
        ]
    );
    assert!(zhang.eligible);
    assert_eq!(zhang.unit_name.as_deref(), Some("城关供电所"));
    assert_eq!(zhang.by_unit_name.as_deref(), Some("城关供电所"));
    assert_eq!(
        zhang.deeds,
        "扎实开展班组思想政治工作，组织职工学习教育活动 12 次。"
    );
    // 李四: a 预备党员 counts; 5 of 8 is below 80%; the latest published grade is 称职 (the
    // 第二季度's 优秀 is older, the 第四季度's 不称职 not published).
    let li = by_name(&r, "李四");
    assert_eq!(
        found(li),
        [
            "在职 ✓",
            "政工干部 ✓",
            "政治面貌：中共预备党员 ✓",
            "出勤率 62.5%（5/8） ✗",
            "最近考核：称职（2026年第三季度政工干部考核） ✓"
        ]
    );
    assert!(!li.eligible);
    assert_eq!(li.unit_name.as_deref(), Some("营业班"));
    let wang = by_name(&r, "王五");
    assert_eq!(
        found(wang),
        [
            "在职 ✓",
            "非政工干部 ✗",
            "政治面貌：群众 ✗",
            "无出勤记录 ✗",
            "无已公布的考核结果 ✗"
        ]
    );
    assert!(!wang.eligible);
    let zhao = by_name(&r, "赵六");
    assert_eq!(
        found(zhao),
        [
            "已离职 ✗",
            "政工干部 ✓",
            "政治面貌：中共党员 ✓",
            "无出勤记录 ✗",
            "最近考核：基本称职（2026年第二季度政工干部考核） ✗"
        ]
    );
    assert_eq!(zhao.unit_name.as_deref(), Some("营销部"));
    assert!(r.candidates.iter().all(|c| c.rank.is_none() && !c.selected));
}

#[test]
fn the_rate_is_the_person_page_s_own_and_meets_its_threshold_exactly() {
    let mut f = fixture();
    let id = f.round(
        "2026年度优秀共产党员评选",
        RecognitionTarget::Person,
        1,
        vec![
            Rule::AttendanceAtLeast { percent: 62.5 },
            Rule::LastGradeAtLeast {
                grade: Grade::Excellent,
            },
        ],
    );
    f.nominate_person(id, f.li);
    f.nominate_person(id, f.zhang);
    let r = f.get(id);
    // 5 ÷ 8 = 62.5% is "not below 62.5%"; 优秀 is the only grade not below 优秀.
    assert_eq!(
        found(by_name(&r, "李四")),
        [
            "出勤率 62.5%（5/8） ✓",
            "最近考核：称职（2026年第三季度政工干部考核） ✗"
        ]
    );
    assert_eq!(
        found(by_name(&r, "张三")),
        [
            "出勤率 100.0%（4/4） ✓",
            "最近考核：优秀（2026年第三季度政工干部考核） ✓"
        ]
    );
    // The same counts the person page shows for the year.
    let page = attendance::person_attendance(
        f.t.db.conn(),
        f.li,
        &attendance::RateQuery::new(date("2026-01-01"), date("2026-12-01"), None),
    )
    .unwrap();
    assert_eq!((page.counts.attended, page.counts.invited), (5, 8));

    // Looking from 2026-06-01, the year so far holds A1–A3 only: 李四 came to all three.
    let early = recognition::get(f.t.db.conn(), id, date("2026-06-01")).unwrap();
    assert_eq!(
        by_name(&early, "李四").checks[0].found,
        "出勤率 100.0%（3/3）"
    );
    // A round of 2027 seen in 2026: its year has not begun.
    let mut input = round_input(
        "2027年度优秀共产党员评选",
        RecognitionTarget::Person,
        1,
        vec![Rule::AttendanceAtLeast { percent: 50.0 }],
    );
    input.year = 2027;
    let next = f
        .act(Action::RecognitionSave, |tx| {
            recognition::save(tx, None, input)
        })
        .unwrap();
    f.nominate_person(next, f.li);
    let r = f.get(next);
    assert_eq!(found(&r.candidates[0]), ["无出勤记录 ✗"]);
}

#[test]
fn a_unit_s_rate_is_over_its_people_now_in_it() {
    let mut f = fixture();
    let id = f.round(
        "2026年度先进班组评选",
        RecognitionTarget::Unit,
        1,
        vec![Rule::AttendanceAtLeast { percent: 90.0 }],
    );
    for u in [f.team, f.team2, f.dept, f.station] {
        f.nominate_unit(id, u);
    }
    let r = f.get(id);
    // 城关供电所 and below: 张三 4/4 + 李四 5/8 + 孙七 2/2 = 11/14 = 78.6%.
    // The eligible first, then by 笔画: 城 (9) before 营 (12); 营业 before 营销 (业 5, 销 12).
    assert_eq!(names(&r), ["运维班", "城关供电所", "营业班", "营销部"]);
    let lines: Vec<(String, Option<&str>, Vec<String>)> = r
        .candidates
        .iter()
        .map(|c| (c.name.clone(), c.unit_name.as_deref(), found(c)))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "运维班".to_string(),
                Some("城关供电所"),
                vec!["出勤率 100.0%（2/2） ✓".to_string()]
            ),
            (
                "城关供电所".to_string(),
                Some("国网示范县供电公司"),
                vec!["出勤率 78.6%（11/14） ✗".to_string()]
            ),
            (
                "营业班".to_string(),
                Some("城关供电所"),
                vec!["出勤率 62.5%（5/8） ✗".to_string()]
            ),
            (
                "营销部".to_string(),
                Some("国网示范县供电公司"),
                vec!["无出勤记录 ✗".to_string()]
            ),
        ]
    );
    assert_eq!(
        r.candidates.iter().map(|c| c.eligible).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    assert_eq!(
        r.candidates[0].by_unit_name.as_deref(),
        Some("国网示范县供电公司")
    );
}
