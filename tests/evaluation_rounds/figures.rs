//! Automatic indicators read the same figures as 出勤统计, 群众诉求, 活动 and 队伍结构 for the
//! same unit and period (one source of truth), and score them as their rules say.
//!
//! 2026 年第三季度, 城关供电所 (with 营业班): 张三 (供电所), 李四 and 王五 (营业班); 赵六 (营销部)
//! is the contact-point leader and talker.
//!
//! | activity | organiser | 张三 | 李四 | 王五 |
//! |---|---|---|---|---|
//! | A1 07-10 讲座, held | 供电所 | 出席 | 出席 | 出席 |
//! | A2 08-05 座谈会, held | 营业班 | 出席 | 迟到 | 出席 |
//! | A3 09-01 讲座, held | 营销部 | 出席 | 缺席 | 请假 |
//! | A4 09-20 讲座, planned | 供电所 | — | — | — |
//! | A5 06-20 讲座, held (Q2) | 供电所 | 出席 | — | — |
//!
//! 出勤率 (people now in the unit): 应到 9, 请假 1, 实到 7 → 7 ÷ 8 = 87.5%. Activities held by
//! the unit or below in the quarter: A1, A2 → 2; 座谈会: A2 → 1.
//!
//! Concerns about the unit received in the quarter (C8 in June is outside): C1 answered 07-10
//! (deadline 07-15) 满意; C2 answered 07-25 (deadline 07-20, late) 基本满意; C3 answered 08-15
//! (deadline 08-15) 不满意; C4 answered 09-10 (09-15) 满意; C5 open; C6 answered 09-18 (09-19)
//! unrated → 按期答复率 4 ÷ 5 = 80%, 满意率 (2 + 1) ÷ 4 = 75%.
//!
//! Contact points 赵六 → 供电所, 赵六 → 营业班, one visit (供电所, 08-10) → 50%. Talks with 李四
//! and 王五 → 2 of 3 in post → 66.67%. 王五 born 1995 (31 on 09-30), the others 1980: 35岁及以下
//! 1 of 3 → 33.33%; 张三 and 李四 政工干部, 王五 后备人才 → 0.5.

use chrono::NaiveDateTime;
use qungong::Action;
use qungong::activities::{self, ActivityFilter};
use qungong::attendance::{self, RateQuery};
use qungong::codes::{
    ActivityKind, ActivityStatus, AttendanceStatus, AutoSource, Grade, ScoreRule,
};
use qungong::evaluation::figures::auto_figure;
use qungong::evaluation::score::round2;
use qungong::evaluation::{IndicatorScore, round, system};
use qungong::structure::{self, Population, StructureQuery};
use qungong::voice::Period;
use qungong::voice::report;

use super::common::{Branch, time};
use super::{act, add_people, auto, make_cadres, new_round, new_system, round_input, system_input};

fn q3() -> Period {
    Period::quarter(2026, 3).unwrap()
}

fn now() -> NaiveDateTime {
    time("2026-10-15 10:00")
}

/// A concern about `unit`: (received, deadline, replied, status, satisfaction).
fn concern(
    b: &mut Branch,
    unit: i64,
    (received, deadline, replied, status, satisfaction): (
        &str,
        &str,
        Option<&str>,
        &str,
        Option<&str>,
    ),
) {
    b.t.write(|tx| {
        tx.execute(
            "INSERT INTO concern (uid, received_on, source, raiser_kind, unit_id, category_id,
                    content, status, deadline, reply, replied_on, closed_on, satisfaction,
                    created_at, updated_at)
             VALUES (?1, ?2, 'other', 'anonymous', ?3, 1, '反映的问题', ?4, ?5,
                     CASE WHEN ?6 IS NOT NULL THEN '已答复' END, ?6,
                     CASE WHEN ?4 = 'closed' THEN ?6 END, ?7, ?2, ?2)",
            rusqlite::params![
                qungong::db::new_uid(),
                received,
                unit,
                status,
                deadline,
                replied,
                satisfaction
            ],
        )?;
        Ok(())
    })
    .unwrap();
}

/// The quarter described in the module's doc.
fn quarter() -> Branch {
    use AttendanceStatus::*;
    let mut b = super::common::branch();
    let (zhang, li, wang, zhao) = (b.zhang, b.li, b.wang, b.zhao);
    let (station, team, dept) = (b.station, b.team, b.dept);
    make_cadres(&mut b, &[zhang, li]);
    b.t.write(|tx| {
        tx.execute(
            "UPDATE person SET birth_date = '1995-01-01', reserve_talent = 1 WHERE id = ?1",
            [wang],
        )?;
        Ok(())
    })
    .unwrap();
    let t = &mut b.t;
    let a1 = t.activity_of(
        "A1",
        "2026-07-10 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    let a2 = t.activity_of("A2", "2026-08-05 09:00", ActivityKind::Forum, Some(team));
    let a3 = t.activity_of("A3", "2026-09-01 09:00", ActivityKind::Lecture, Some(dept));
    t.activity_of(
        "A4",
        "2026-09-20 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    let a5 = t.activity_of(
        "A5",
        "2026-06-20 09:00",
        ActivityKind::Lecture,
        Some(station),
    );
    t.write(|tx| {
        for a in [a1, a2, a3] {
            attendance::invite_people(tx, a, &[zhang, li, wang])?;
        }
        attendance::invite_people(tx, a5, &[zhang])?;
        for p in [zhang, li, wang] {
            attendance::check_in(tx, a1, p, time("2026-07-10 09:00"), false)?;
        }
        attendance::check_in(tx, a2, zhang, time("2026-08-05 09:00"), false)?;
        attendance::check_in(tx, a2, li, time("2026-08-05 09:20"), false)?;
        attendance::check_in(tx, a2, wang, time("2026-08-05 09:00"), false)?;
        let a3_at = time("2026-09-01 09:00");
        attendance::check_in(tx, a3, zhang, a3_at, false)?;
        attendance::set_status(tx, a3, li, Some(Absent), None, a3_at)?;
        attendance::set_status(tx, a3, wang, Some(Leave), Some("年休假"), a3_at)?;
        attendance::check_in(tx, a5, zhang, time("2026-06-20 09:00"), false)?;
        Ok(())
    })
    .unwrap();
    let c = |b: &mut Branch, unit, row| concern(b, unit, row);
    c(
        &mut b,
        station,
        (
            "2026-07-01",
            "2026-07-15",
            Some("2026-07-10"),
            "closed",
            Some("satisfied"),
        ),
    );
    c(
        &mut b,
        team,
        (
            "2026-07-05",
            "2026-07-20",
            Some("2026-07-25"),
            "replied",
            Some("basically"),
        ),
    );
    c(
        &mut b,
        station,
        (
            "2026-08-01",
            "2026-08-15",
            Some("2026-08-15"),
            "closed",
            Some("unsatisfied"),
        ),
    );
    c(
        &mut b,
        team,
        (
            "2026-09-01",
            "2026-09-15",
            Some("2026-09-10"),
            "closed",
            Some("satisfied"),
        ),
    );
    c(
        &mut b,
        station,
        ("2026-09-20", "2026-10-04", None, "received", None),
    );
    c(
        &mut b,
        station,
        (
            "2026-09-05",
            "2026-09-19",
            Some("2026-09-18"),
            "closed",
            None,
        ),
    );
    c(
        &mut b,
        station,
        (
            "2026-06-15",
            "2026-06-29",
            Some("2026-07-05"),
            "closed",
            Some("unsatisfied"),
        ),
    );
    b.t.write(|tx| {
        for unit in [station, team] {
            tx.execute(
                "INSERT INTO contact_point (leader_id, unit_id, since) VALUES (?1, ?2, '2026-01-01')",
                [zhao, unit],
            )?;
        }
        tx.execute(
            "INSERT INTO contact_visit (uid, visited_on, leader_id, unit_id, findings, created_at,
                    updated_at)
             VALUES (?1, '2026-08-10', ?2, ?3, '职工反映食堂饭菜品种少', '2026-08-10', '2026-08-10')",
            rusqlite::params![qungong::db::new_uid(), zhao, station],
        )?;
        for (on, with) in [("2026-07-20", li), ("2026-08-20", wang)] {
            tx.execute(
                "INSERT INTO talk (uid, talked_on, talker_id, person_id, kind, topic, created_at,
                        updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'daily', '工作与家庭情况', ?2, ?2)",
                rusqlite::params![qungong::db::new_uid(), on, zhao, with],
            )?;
        }
        Ok(())
    })
    .unwrap();
    b
}

#[test]
fn automatic_figures_are_the_figures_of_the_modules_that_show_them() {
    let b = quarter();
    let conn = b.t.db.conn();
    let (p, station) = (q3(), b.station);
    let fig = |source| auto_figure(conn, source, station, p, now()).unwrap();

    // 出勤统计.
    let (counts, held) = attendance::period_counts_on(
        conn,
        &RateQuery::new(p.from, p.to, Some(station)),
        now().date(),
    )
    .unwrap();
    assert_eq!(
        (counts.invited, counts.leave, counts.attended, held),
        (9, 1, 7, 3)
    );
    assert_eq!(counts.rate, Some(0.875));
    assert_eq!(fig(AutoSource::AttendanceRate), Some(87.5));
    assert_eq!(
        fig(AutoSource::AttendanceRate),
        counts.rate.map(|r| r * 100.0)
    );
    // … and the 出勤统计 按单位 row of the station, read for the whole tree.
    let by_unit = attendance::rates_by_unit(conn, &RateQuery::new(p.from, p.to, None)).unwrap();
    let row = by_unit.iter().find(|r| r.unit_id == station).unwrap();
    assert_eq!(row.counts, counts);

    // 活动.
    let filter = ActivityFilter {
        from: Some(p.from),
        to: Some(p.to),
        status: Some(ActivityStatus::Held),
        organizer_unit_id: Some(station),
        ..Default::default()
    };
    let listed = activities::list(conn, &filter, 0, 100).unwrap();
    assert_eq!(
        listed
            .items
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["A2", "A1"]
    );
    assert_eq!(fig(AutoSource::Activities), Some(2.0));
    assert_eq!(fig(AutoSource::Activities), Some(listed.total as f64));

    // 群众诉求 and the other 党群沟通 figures.
    let f = report::figures(conn, p, Some(station), now()).unwrap();
    assert_eq!((f.answered, f.answered_on_time, f.rated), (5, 4, 4));
    assert_eq!(
        (f.on_time_rate, f.satisfaction_rate),
        (Some(0.8), Some(0.75))
    );
    assert_eq!(
        (f.points, f.points_visited, f.talk_staff, f.talk_talked),
        (2, 1, 3, 2)
    );
    let pct = |r: Option<f64>| r.map(|r| round2(r * 100.0));
    assert_eq!(fig(AutoSource::ConcernsOnTime), Some(80.0));
    assert_eq!(fig(AutoSource::ConcernsOnTime), pct(f.on_time_rate));
    assert_eq!(fig(AutoSource::Satisfaction), Some(75.0));
    assert_eq!(fig(AutoSource::Satisfaction), pct(f.satisfaction_rate));
    assert_eq!(fig(AutoSource::VisitCoverage), Some(50.0));
    assert_eq!(fig(AutoSource::VisitCoverage), pct(f.visit_coverage));
    assert_eq!(fig(AutoSource::TalkCoverage), Some(66.67));
    assert_eq!(fig(AutoSource::TalkCoverage), pct(f.talk_coverage));
    assert_eq!(fig(AutoSource::Forums), Some(1.0));
    assert_eq!(fig(AutoSource::Forums), Some(f.forums as f64));

    // 队伍结构 on the quarter's last day.
    let s = structure::snapshot(
        conn,
        &StructureQuery {
            unit_id: Some(station),
            population: Population::All,
            as_of: p.to,
        },
    )
    .unwrap();
    assert_eq!((s.headcount, s.cadres, s.reserves), (3, 2, 1));
    assert_eq!(fig(AutoSource::YoungShare), Some(33.33));
    assert_eq!(fig(AutoSource::YoungShare), pct(s.share_35_and_under));
    assert_eq!(fig(AutoSource::ReservePerCadre), Some(0.5));
    assert_eq!(fig(AutoSource::ReservePerCadre), s.reserve_per_cadre);

    // 营销部: nothing to measure but its own activity (A3) and one person not talked with.
    let dept = |source| auto_figure(conn, source, b.dept, p, now()).unwrap();
    assert_eq!(dept(AutoSource::Activities), Some(1.0));
    assert_eq!(dept(AutoSource::AttendanceRate), None);
    assert_eq!(dept(AutoSource::ConcernsOnTime), None);
    assert_eq!(dept(AutoSource::Satisfaction), None);
    assert_eq!(dept(AutoSource::VisitCoverage), None);
    assert_eq!(dept(AutoSource::TalkCoverage), Some(0.0));
    assert_eq!(dept(AutoSource::Forums), Some(0.0));
    assert_eq!(dept(AutoSource::YoungShare), Some(0.0));
    assert_eq!(dept(AutoSource::ReservePerCadre), None);
}

#[test]
fn a_round_scores_the_units_figures_by_their_rules() {
    let mut b = quarter();
    let (zhang, zhao) = (b.zhang, b.zhao);
    let t = &mut b.t;
    use AutoSource::*;
    use ScoreRule::*;
    let sys = new_system(
        t,
        system_input(
            "政工干部季度考核（数据）",
            vec![
                auto(
                    "活动出勤率",
                    30.0,
                    AttendanceRate,
                    Proportional,
                    Some(95.0),
                    &[],
                ),
                auto(
                    "组织活动",
                    20.0,
                    Activities,
                    Bands,
                    None,
                    &[(4.0, 100.0), (2.0, 80.0), (0.0, 60.0)],
                ),
                auto(
                    "诉求按期答复",
                    20.0,
                    ConcernsOnTime,
                    Proportional,
                    Some(90.0),
                    &[],
                ),
                auto(
                    "诉求满意",
                    10.0,
                    Satisfaction,
                    Bands,
                    None,
                    &[(90.0, 100.0), (70.0, 80.0), (0.0, 50.0)],
                ),
                auto(
                    "谈心谈话",
                    10.0,
                    TalkCoverage,
                    Bands,
                    None,
                    &[(50.0, 100.0), (20.0, 60.0)],
                ),
                auto("职工座谈会", 10.0, Forums, Proportional, Some(1.0), &[]),
            ],
        ),
    );
    let ids: Vec<i64> = system::get(t.db.conn(), sys)
        .unwrap()
        .indicators
        .iter()
        .map(|i| i.id)
        .collect();
    let r = new_round(
        t,
        round_input("2026年第三季度考核", sys, "2026-07-01", "2026-09-30"),
    );
    add_people(t, r, &[zhang, zhao]);
    act(t, Action::EvalCompute, |tx| round::compute(tx, r, now())).unwrap();
    let detail = round::get(t.db.conn(), r, now()).unwrap();
    let s = |i: usize, figure: Option<f64>, score: f64, basis: &str| IndicatorScore {
        indicator_id: ids[i],
        figure,
        score,
        basis: basis.into(),
    };
    // 张三 (城关供电所): (92.11×30 + 80×20 + 88.89×20 + 80×10 + 100×10 + 100×10) ÷ 100
    // = 8941.1 ÷ 100 = 89.41.
    let zhang_row = &detail.subjects[0];
    assert_eq!(zhang_row.name, "张三");
    assert_eq!(
        zhang_row.scores,
        vec![
            s(
                0,
                Some(87.5),
                92.11,
                "出勤率 87.5%，目标 95%：87.5 ÷ 95 × 100 = 92.11"
            ),
            s(1, Some(2.0), 80.0, "组织活动 2 次：达到“≥2 得 80”档"),
            s(
                2,
                Some(80.0),
                88.89,
                "诉求按期答复率 80%，目标 90%：80 ÷ 90 × 100 = 88.89"
            ),
            s(3, Some(75.0), 80.0, "诉求满意率 75%：达到“≥70 得 80”档"),
            s(
                4,
                Some(66.67),
                100.0,
                "谈话覆盖率 66.67%：达到“≥50 得 100”档"
            ),
            s(
                5,
                Some(1.0),
                100.0,
                "职工座谈会 1 次，目标 1 次：达到目标，得 100"
            ),
        ]
    );
    assert_eq!(
        (zhang_row.total, zhang_row.rank, zhang_row.grade),
        (Some(89.41), Some(1), Some(Grade::Competent))
    );
    // 赵六 (营销部): no attendance, no concerns → full marks; (100×30 + 60×20 + 100×20 +
    // 100×10 + 0×10 + 0×10) ÷ 100 = 72.
    let zhao_row = &detail.subjects[1];
    assert_eq!(zhao_row.name, "赵六");
    assert_eq!(
        zhao_row.scores,
        vec![
            s(
                0,
                None,
                100.0,
                "本期无数据（无应出勤人员的已开展活动），按满分计"
            ),
            s(1, Some(1.0), 60.0, "组织活动 1 次：达到“≥0 得 60”档"),
            s(2, None, 100.0, "本期无数据（无已答复的诉求），按满分计"),
            s(3, None, 100.0, "本期无数据（无评价满意度的诉求），按满分计"),
            s(
                4,
                Some(0.0),
                0.0,
                "谈话覆盖率 0%：未达到最低一档（≥20），得 0"
            ),
            s(
                5,
                Some(0.0),
                0.0,
                "职工座谈会 0 次，目标 1 次：0 ÷ 1 × 100 = 0"
            ),
        ]
    );
    assert_eq!(
        (zhao_row.total, zhao_row.rank, zhao_row.grade),
        (Some(72.0), Some(2), Some(Grade::Basic))
    );
}
