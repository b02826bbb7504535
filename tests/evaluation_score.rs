//! The arithmetic of 考核 (src/evaluation/score.rs) on hand-made numbers, every result written
//! out: the proportional and banded rules at and around their targets, the evaluators'
//! average with and without the extremes dropped, the 民主测评 points, marks as typed,
//! competition ranking, the 优秀 quota and its tie rule, and grades.

use qungong::codes::Grade;
use qungong::evaluation::score::{
    self, Graded, MarksAverage, average_marks, ballot_score, banded, check_bands, grades,
    parse_mark, proportional, quota_places, rank, round2, within_quota,
};
use qungong::evaluation::{BallotCounts, BallotPoints, Band, GradeBands};

fn bands(pairs: &[(f64, f64)]) -> Vec<Band> {
    pairs
        .iter()
        .map(|&(from, score)| Band { from, score })
        .collect()
}

#[test]
fn round2_is_half_away_from_zero_as_written() {
    assert_eq!(round2(86.325), 86.33); // 86.32499… in binary
    assert_eq!(round2(2.675), 2.68);
    assert_eq!(round2(92.105263), 92.11);
    assert_eq!(round2(92.104), 92.1);
    assert_eq!(round2(-1.005), -1.01);
    assert_eq!(round2(85.8555), 85.86);
    assert_eq!(round2(100.0), 100.0);
    assert_eq!(score::num(95.0), "95");
    assert_eq!(score::num(87.5), "87.5");
    assert_eq!(score::num(86.333), "86.33");
    assert_eq!(score::num(0.0), "0");
}

#[test]
fn proportional_is_capped_at_the_target() {
    // 87.5 ÷ 95 × 100 = 92.105… → 92.11.
    assert_eq!(proportional(87.5, 95.0), 92.11);
    // Just under the target: 94.99 ÷ 95 × 100 = 99.989… → 99.99.
    assert_eq!(proportional(94.99, 95.0), 99.99);
    // At the target and above it: 100, never more.
    assert_eq!(proportional(95.0, 95.0), 100.0);
    assert_eq!(proportional(96.0, 95.0), 100.0);
    assert_eq!(proportional(300.0, 4.0), 100.0);
    // Counts: 3 of a target of 4 → 75.
    assert_eq!(proportional(3.0, 4.0), 75.0);
    assert_eq!(proportional(0.0, 95.0), 0.0);
    // A target that is not above 0 (refused by the system's check) scores 0, not a division
    // by zero.
    assert_eq!(proportional(50.0, 0.0), 0.0);
}

#[test]
fn banded_takes_the_first_band_reached() {
    let b = bands(&[(95.0, 100.0), (90.0, 90.0), (80.0, 75.0), (60.0, 60.0)]);
    assert_eq!(banded(100.0, &b), 100.0);
    assert_eq!(banded(95.0, &b), 100.0);
    assert_eq!(banded(94.99, &b), 90.0);
    assert_eq!(banded(90.0, &b), 90.0);
    assert_eq!(banded(89.99, &b), 75.0);
    assert_eq!(banded(80.0, &b), 75.0);
    assert_eq!(banded(79.99, &b), 60.0);
    assert_eq!(banded(60.0, &b), 60.0);
    // Below the last band: 0.
    assert_eq!(banded(59.99, &b), 0.0);
    assert_eq!(banded(0.0, &b), 0.0);
    // A last band from 0 catches everything.
    let counts = bands(&[(4.0, 100.0), (2.0, 80.0), (0.0, 60.0)]);
    assert_eq!(banded(5.0, &counts), 100.0);
    assert_eq!(banded(3.0, &counts), 80.0);
    assert_eq!(banded(0.0, &counts), 60.0);
}

#[test]
fn bands_are_checked_as_written() {
    let msg = |b: &[(f64, f64)]| check_bands(&bands(b)).unwrap_err().to_string();
    assert!(check_bands(&bands(&[(95.0, 100.0), (90.0, 90.0), (0.0, 60.0)])).is_ok());
    assert_eq!(msg(&[]), "分档：至少要设一档");
    assert_eq!(msg(&[(95.0, 101.0)]), "分档：各档得分应在 0–100 之间");
    assert_eq!(
        msg(&[(90.0, 100.0), (-1.0, -5.0)]),
        "分档：各档得分应在 0–100 之间"
    );
    // Equal or rising starts.
    let order = "分档：各档应从高到低排列，起点逐档递减且不能重复";
    assert_eq!(msg(&[(90.0, 100.0), (90.0, 80.0)]), order);
    assert_eq!(msg(&[(80.0, 80.0), (90.0, 100.0)]), order);
}

#[test]
fn evaluators_average_drops_the_extremes_from_the_threshold_on() {
    // 4 marks, threshold 5: all four: (80 + 90 + 85 + 95) ÷ 4 = 87.5.
    assert_eq!(
        average_marks(&[80.0, 90.0, 85.0, 95.0], 5),
        Some(MarksAverage {
            average: 87.5,
            used: 4,
            dropped: None
        })
    );
    // 5 marks: 98 and 70 dropped, (85 + 88 + 86) ÷ 3 = 86.333… → 86.33.
    let five = [98.0, 70.0, 85.0, 88.0, 86.0];
    assert_eq!(
        average_marks(&five, 5),
        Some(MarksAverage {
            average: 86.33,
            used: 3,
            dropped: Some((98.0, 70.0))
        })
    );
    // Dropping disabled (0): all five, 427 ÷ 5 = 85.4.
    assert_eq!(
        average_marks(&five, 0),
        Some(MarksAverage {
            average: 85.4,
            used: 5,
            dropped: None
        })
    );
    // Threshold 3 with 3 marks: only the middle one is left.
    assert_eq!(
        average_marks(&[60.0, 100.0, 80.0], 3),
        Some(MarksAverage {
            average: 80.0,
            used: 1,
            dropped: Some((100.0, 60.0))
        })
    );
    // Equal extremes: one of each is dropped.
    assert_eq!(
        average_marks(&[90.0, 90.0, 90.0, 90.0, 90.0], 5),
        Some(MarksAverage {
            average: 90.0,
            used: 3,
            dropped: Some((90.0, 90.0))
        })
    );
    assert_eq!(average_marks(&[], 5), None);
}

#[test]
fn ballot_points_default_and_configured() {
    let counts = |excellent, competent, basic, incompetent| BallotCounts {
        excellent,
        competent,
        basic,
        incompetent,
    };
    let default = BallotPoints::default();
    assert_eq!(
        (
            default.excellent,
            default.competent,
            default.basic,
            default.incompetent
        ),
        (100.0, 80.0, 60.0, 0.0)
    );
    // (10×100 + 5×80 + 1×60 + 0×0) ÷ 16 = 1460 ÷ 16 = 91.25.
    assert_eq!(ballot_score(counts(10, 5, 1, 0), default), Some(91.25));
    // Every ballot 不称职: 0.
    assert_eq!(ballot_score(counts(0, 0, 0, 7), default), Some(0.0));
    // (0×100 + 10×80 + 6×60 + 0×0) ÷ 16 = 1160 ÷ 16 = 72.5.
    assert_eq!(ballot_score(counts(0, 10, 6, 0), default), Some(72.5));
    // Configured points 100 / 85 / 60 / 20: (6×100 + 3×85 + 1×60 + 2×20) ÷ 12 = 955 ÷ 12
    // = 79.583… → 79.58.
    let points = BallotPoints {
        excellent: 100.0,
        competent: 85.0,
        basic: 60.0,
        incompetent: 20.0,
    };
    assert_eq!(ballot_score(counts(6, 3, 1, 2), points), Some(79.58));
    // No ballots: no score.
    assert_eq!(ballot_score(counts(0, 0, 0, 0), default), None);
}

#[test]
fn marks_are_read_as_typed() {
    assert_eq!(parse_mark("86.5").unwrap(), 86.5);
    assert_eq!(parse_mark(" 90 ").unwrap(), 90.0);
    assert_eq!(parse_mark("８６．５").unwrap(), 86.5);
    assert_eq!(parse_mark("88分").unwrap(), 88.0);
    assert_eq!(parse_mark("0").unwrap(), 0.0);
    assert_eq!(parse_mark("100").unwrap(), 100.0);
    assert_eq!(parse_mark("优秀").unwrap(), 95.0);
    assert_eq!(parse_mark("良好").unwrap(), 85.0);
    assert_eq!(parse_mark("一般").unwrap(), 75.0);
    assert_eq!(parse_mark("较差").unwrap(), 60.0);
    for bad in ["101", "-1", "abc", "", "NaN", "inf", "称职"] {
        assert_eq!(
            parse_mark(bad).unwrap_err().to_string(),
            "分数：应为 0–100 的数字，或 优秀/良好/一般/较差",
            "{bad}"
        );
    }
}

#[test]
fn ranking_is_competition_ranking() {
    assert_eq!(rank(&[90.0, 95.0, 90.0, 80.0]), vec![2, 1, 2, 4]);
    assert_eq!(rank(&[70.0, 70.0, 70.0]), vec![1, 1, 1]);
    assert_eq!(rank(&[60.0, 70.0, 80.0]), vec![3, 2, 1]);
    // Compared as shown, to 2 decimals.
    assert_eq!(rank(&[88.004, 88.0]), vec![1, 1]);
    assert_eq!(rank(&[]), Vec::<i64>::new());
}

#[test]
fn quota_places_round_down() {
    assert_eq!(quota_places(7, 20.0), 1); // 1.4
    assert_eq!(quota_places(10, 20.0), 2);
    assert_eq!(quota_places(10, 30.0), 3); // 3.0000000000000004 in binary
    assert_eq!(quota_places(5, 20.0), 1);
    assert_eq!(quota_places(4, 20.0), 0); // 0.8
    assert_eq!(quota_places(10, 15.0), 1); // 1.5
    assert_eq!(quota_places(3, 100.0), 3);
    assert_eq!(quota_places(4, 50.0), 2);
    assert_eq!(quota_places(0, 20.0), 0);
}

#[test]
fn a_tie_at_the_quota_edge_is_out_as_a_group() {
    let v = [95.0, 93.0, 93.0, 80.0];
    // 2 places: 95 in; the two 93 would take places 2 and 3 — both out, as a tie.
    assert_eq!(
        within_quota(&v, 2),
        vec![Some(true), Some(false), Some(false), None]
    );
    // 3 places: the tie fits.
    assert_eq!(
        within_quota(&v, 3),
        vec![Some(true), Some(true), Some(true), None]
    );
    // 1 place: 95 in; the 93s are out by rank, not by the tie.
    assert_eq!(within_quota(&v, 1), vec![Some(true), None, None, None]);
    // Everyone tied, fewer places than people: nobody in, all noted.
    assert_eq!(
        within_quota(&[90.0, 90.0, 90.0], 2),
        vec![Some(false), Some(false), Some(false)]
    );
    assert_eq!(within_quota(&[90.0, 85.0], 0), vec![None, None]);
    // Order of the input does not matter.
    assert_eq!(
        within_quota(&[80.0, 93.0, 95.0, 93.0], 2),
        vec![None, Some(false), Some(true), Some(false)]
    );
}

fn g(rank: i64, grade: Grade, note: Option<&str>) -> Graded {
    Graded {
        rank,
        grade,
        note: note.map(str::to_string),
    }
}

#[test]
fn grades_by_band_and_quota_with_the_tie_rule() {
    use Grade::*;
    let b = GradeBands::default();
    assert_eq!((b.excellent, b.competent, b.basic), (90.0, 75.0, 60.0));
    // Band edges, no quota.
    assert_eq!(
        grades(&[90.0, 89.99, 75.0, 74.99, 60.0, 59.99], b, None)
            .into_iter()
            .map(|x| x.grade)
            .collect::<Vec<_>>(),
        vec![Excellent, Competent, Competent, Basic, Basic, Incompetent]
    );
    let totals = [95.0, 93.0, 93.0, 80.0];
    // No quota: every total in the band is 优秀, no notes.
    assert_eq!(
        grades(&totals, b, None),
        vec![
            g(1, Excellent, None),
            g(2, Excellent, None),
            g(2, Excellent, None),
            g(4, Competent, None),
        ]
    );
    // 50% of 4 = 2 places: 95 in; the two 93 tie for the second place: both 称职, noted.
    let tie = "与其他 1 人并列，超出优秀名额（50%，2 名），待研究确定";
    assert_eq!(
        grades(&totals, b, Some(50.0)),
        vec![
            g(1, Excellent, None),
            g(2, Competent, Some(tie)),
            g(2, Competent, Some(tie)),
            g(4, Competent, None),
        ]
    );
    // 75% of 4 = 3 places: the tie fits.
    assert_eq!(
        grades(&totals, b, Some(75.0)),
        vec![
            g(1, Excellent, None),
            g(2, Excellent, None),
            g(2, Excellent, None),
            g(4, Competent, None),
        ]
    );
    // 20% of 6 = 1 place: 96 in, 94, 92 and 91 beyond the places.
    let beyond = "总分达优秀档，超出优秀名额（20%，1 名）";
    assert_eq!(
        grades(&[96.0, 94.0, 92.0, 91.0, 70.0, 55.0], b, Some(20.0)),
        vec![
            g(1, Excellent, None),
            g(2, Competent, Some(beyond)),
            g(3, Competent, Some(beyond)),
            g(4, Competent, Some(beyond)),
            g(5, Basic, None),
            g(6, Incompetent, None),
        ]
    );
    // Three tied at the top, 2 places (50% of 4): none of them, each noted with the other two.
    let three = "与其他 2 人并列，超出优秀名额（50%，2 名），待研究确定";
    assert_eq!(
        grades(&[92.0, 92.0, 92.0, 70.0], b, Some(50.0)),
        vec![
            g(1, Competent, Some(three)),
            g(1, Competent, Some(three)),
            g(1, Competent, Some(three)),
            g(4, Basic, None),
        ]
    );
    // 20% of 4 = 0 places.
    assert_eq!(
        grades(&[95.0, 80.0, 79.0, 78.0], b, Some(20.0))[0],
        g(
            1,
            Competent,
            Some("总分达优秀档，超出优秀名额（20%，0 名）")
        )
    );
}
