//! The saved reports: checked, listed, deleted.

use qungong::voice::report::{self, ReportInput};

use crate::common::{Branch, branch, date};
use crate::input;

#[test]
fn reports_are_saved_checked_listed_and_deleted() {
    let mut b = branch();
    let station = b.station;
    let first =
        b.t.write(|tx| report::save(tx, None, input("三季度分析报告", Some(station))))
            .unwrap();
    let mut older = input("二季度分析报告", None);
    older.period_from = date("2026-04-01");
    older.period_to = date("2026-06-30");
    let second = b.t.write(|tx| report::save(tx, None, older)).unwrap();
    let conn = b.t.db.conn();
    let r = report::get(conn, first).unwrap();
    assert_eq!(r.input.title, "三季度分析报告");
    assert_eq!(r.unit_name.as_deref(), Some("城关供电所"));
    assert_eq!(r.input.causes, None);
    assert_eq!(
        r.input.next_steps.as_deref(),
        Some("落实夜班补助新标准，公开绩效考核结果。")
    );
    assert_eq!(r.uid.len(), 36);
    // Newest period first.
    let ids: Vec<i64> = report::list(conn).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, [first, second]);

    // Changed in place.
    let mut changed = input("三季度职工思想动态分析报告", Some(station));
    changed.causes = Some("补助标准多年未调整。".into());
    b.t.write(|tx| report::save(tx, Some(first), changed))
        .unwrap();
    let r = report::get(b.t.db.conn(), first).unwrap();
    assert_eq!(r.input.title, "三季度职工思想动态分析报告");
    assert_eq!(r.input.causes.as_deref(), Some("补助标准多年未调整。"));

    // Refused, with the field named.
    let refused = |b: &mut Branch, id: Option<i64>, i: ReportInput| -> String {
        b.t.write(|tx| report::save(tx, id, i))
            .unwrap_err()
            .to_string()
    };
    let e = refused(&mut b, None, input("  ", None));
    assert!(e.contains("标题"), "{e}");
    let e = refused(&mut b, None, input(&"长".repeat(61), None));
    assert!(e.contains("标题") && e.contains("60"), "{e}");
    let e = refused(&mut b, None, input("第一行\n第二行", None));
    assert!(e.contains("标题"), "{e}");
    let mut backwards = input("报告", None);
    backwards.period_to = date("2026-06-30");
    let e = refused(&mut b, None, backwards);
    assert!(e.contains("结束日期"), "{e}");
    let e = refused(&mut b, None, input("报告", Some(9999)));
    assert!(e.contains("单位"), "{e}");
    let mut long = input("报告", None);
    long.causes = Some("因".repeat(5001));
    let e = refused(&mut b, None, long);
    assert!(e.contains("原因分析") && e.contains("5000"), "{e}");
    let mut control = input("报告", None);
    control.overall = Some("总体\u{7}稳定".into());
    let e = refused(&mut b, None, control);
    assert!(e.contains("总体情况"), "{e}");
    let e = refused(&mut b, Some(9999), input("报告", None));
    assert!(e.contains("未找到"), "{e}");
    assert_eq!(report::list(b.t.db.conn()).unwrap().len(), 2);

    b.t.write(|tx| report::delete(tx, second)).unwrap();
    let ids: Vec<i64> = report::list(b.t.db.conn())
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [first]);
    assert!(report::get(b.t.db.conn(), second).is_err());
    assert!(b.t.write(|tx| report::delete(tx, second)).is_err());
}
