//! Every figure of `voice::report::figures`: the company, a station with its team, a period
//! asked about before it ended, an empty period.

use qungong::voice::Period;
use qungong::voice::report::{self, Tally};

use crate::common::{branch, time};
use crate::{later, q3, quarter};

fn tallies(list: &[(&str, i64)]) -> Vec<Tally> {
    list.iter()
        .map(|(name, count)| Tally {
            name: name.to_string(),
            count: *count,
        })
        .collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn company_figures() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, q3(), None, later()).unwrap();
    assert_eq!(f.period, q3());
    assert_eq!(f.unit_id, None);
    assert_eq!(f.unit_name, "国网示范县供电公司");

    assert_eq!(f.concerns, 6);
    assert_eq!(
        f.by_category,
        tallies(&[("薪酬待遇", 3), ("工作环境", 2), ("安全生产", 1)])
    );
    assert_eq!(
        f.by_unit,
        tallies(&[
            ("城关供电所", 1),
            ("营业班", 3),
            ("营销部", 1),
            ("未指定单位", 1)
        ])
    );
    assert_eq!(
        f.by_status,
        tallies(&[("已受理", 2), ("办理中", 1), ("已答复", 1), ("已办结", 2)])
    );
    assert_eq!(
        f.by_source,
        tallies(&[
            ("座谈会", 1),
            ("谈心谈话", 1),
            ("联系点走访", 1),
            ("意见箱", 1),
            ("线上（微信群/公众号）", 1),
            ("来电来访", 1),
        ])
    );
    // Answered: the two closed, the reopened one and the one answered after the quarter; on
    // time: the first closed one and the reopened one.
    assert_eq!((f.answered, f.answered_on_time), (4, 2));
    assert!(close(f.on_time_rate, 0.5));
    // At the quarter's end: the reopened one, the escalated one and the one answered after.
    assert_eq!(f.overdue, 3);
    assert_eq!(
        (f.rated, f.satisfied, f.basically_satisfied, f.unsatisfied),
        (3, 1, 1, 1)
    );
    assert!(close(f.satisfaction_rate, 2.0 / 3.0));
    assert_eq!(f.escalated, 1);

    assert_eq!(f.opinions, 5);
    assert_eq!(
        f.by_level,
        tallies(&[("一般", 1), ("较大", 1), ("重大", 3)])
    );
    assert_eq!(
        f.by_trend,
        tallies(&[("平稳", 2), ("升温", 2), ("降温", 1)])
    );
    assert_eq!(f.grave_unreported, 2);
    assert_eq!(
        f.top_topics,
        tallies(&[("薪酬待遇", 3), ("工作环境", 2), ("安全生产", 1)])
    );

    assert_eq!(f.forums, 2);
    assert_eq!(f.talks, 4);
    assert_eq!((f.talk_staff, f.talk_talked), (4, 3));
    assert!(close(f.talk_coverage, 0.75));
    assert_eq!(f.visits, 3);
    assert_eq!((f.points, f.points_visited), (2, 1));
    assert!(close(f.visit_coverage, 0.5));
}

#[test]
fn station_figures_count_the_station_and_its_team() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, q3(), Some(b.station), later()).unwrap();
    assert_eq!(f.unit_name, "城关供电所");
    assert_eq!(f.concerns, 4);
    assert_eq!(f.by_category, tallies(&[("薪酬待遇", 2), ("工作环境", 2)]));
    assert_eq!(f.by_unit, tallies(&[("城关供电所", 1), ("营业班", 3)]));
    assert_eq!(
        f.by_status,
        tallies(&[("已受理", 0), ("办理中", 1), ("已答复", 1), ("已办结", 2)])
    );
    assert_eq!(
        f.by_source,
        tallies(&[
            ("座谈会", 1),
            ("谈心谈话", 1),
            ("意见箱", 1),
            ("来电来访", 1)
        ])
    );
    assert_eq!((f.answered, f.answered_on_time, f.overdue), (4, 2, 2));
    assert_eq!((f.rated, f.escalated), (3, 0));
    assert_eq!(f.opinions, 3);
    assert_eq!(
        f.by_level,
        tallies(&[("一般", 1), ("较大", 0), ("重大", 2)])
    );
    assert_eq!(
        f.by_trend,
        tallies(&[("平稳", 2), ("升温", 1), ("降温", 0)])
    );
    assert_eq!(f.grave_unreported, 2);
    // A tie keeps the categories' order.
    assert_eq!(f.top_topics, tallies(&[("薪酬待遇", 2), ("工作环境", 2)]));
    assert_eq!((f.forums, f.talks, f.visits), (1, 3, 2));
    assert_eq!((f.talk_staff, f.talk_talked), (3, 2));
    assert_eq!((f.points, f.points_visited), (1, 1));
    assert!(close(f.visit_coverage, 1.0));
}

#[test]
fn figures_asked_for_during_the_quarter() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    // Half an hour before the quarter ends: the last 重大 entry is not yet due, and the
    // concern answered in October is still open.
    let f = report::figures(conn, q3(), None, time("2026-09-30 23:30")).unwrap();
    assert_eq!(f.grave_unreported, 1);
    assert_eq!(f.overdue, 3);
    // On 26 August only the escalated one (due the 27th) is not yet overdue; the reopened one
    // is.
    let f = report::figures(conn, q3(), None, time("2026-08-26 12:00")).unwrap();
    assert_eq!(f.overdue, 1);
    assert_eq!(f.grave_unreported, 1);
}

#[test]
fn an_empty_period_has_zeros_and_no_rates() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let f = report::figures(conn, Period::quarter(2025, 1).unwrap(), None, later()).unwrap();
    assert_eq!(f.concerns, 0);
    assert!(f.by_category.is_empty() && f.by_unit.is_empty() && f.by_source.is_empty());
    assert_eq!(f.by_status.iter().map(|t| t.count).sum::<i64>(), 0);
    assert_eq!(f.by_status.len(), 4);
    assert_eq!(f.by_level.len(), 3);
    assert_eq!(f.by_trend.len(), 3);
    assert!(f.top_topics.is_empty());
    assert_eq!(f.on_time_rate, None);
    assert_eq!(f.satisfaction_rate, None);
    assert_eq!(f.visit_coverage, None);
    assert_eq!((f.forums, f.talks, f.visits, f.opinions), (0, 0, 0, 0));
    // Points set up in 2026 are not counted in 2025.
    assert_eq!(f.points, 0);
    let e = report::figures(conn, q3(), Some(9999), later()).unwrap_err();
    assert!(e.to_string().contains("单位"), "{e}");
}
