//! The list and its filters.

use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::voice::concern::{self, ConcernFilter};

use crate::common::{Branch, branch, date};
use crate::{add, assign, cat, close, input, reply};

/// Four concerns over the branch, for the filters.
struct Listed {
    b: Branch,
    pay: i64,
    /// 营业班, 李四, 薪酬待遇, received 1 September, still 已受理 (deadline 16 September).
    a: i64,
    /// 营销部, 集体 “营销部全体”, 工作环境, 5 September, 办理中 (deadline 20 September).
    c: i64,
    /// 城关供电所, 匿名, 薪酬待遇, 10 September, answered (deadline 25 September).
    d: i64,
    /// No unit, 匿名, 安全生产, 12 September, closed.
    e: i64,
}

fn listed() -> Listed {
    let mut b = branch();
    let pay = cat(&b.t, "薪酬待遇");
    let env = cat(&b.t, "工作环境");
    let safety = cat(&b.t, "安全生产");
    let mut i = input(pay, "2026-09-01", "绩效工资_系数100%不合理");
    i.raiser_kind = RaiserKind::Person;
    i.raiser_id = Some(b.li);
    i.unit_id = Some(b.team);
    let a = add(&mut b.t, i);
    let mut i = input(env, "2026-09-05", "办公楼电梯经常故障");
    i.raiser_kind = RaiserKind::Group;
    i.raiser_group = Some("营销部全体".into());
    i.unit_id = Some(b.dept);
    i.source = ConcernSource::Forum;
    let c = add(&mut b.t, i);
    assign(&mut b.t, c, Some(b.dept), None);
    let mut i = input(pay, "2026-09-10", "年终奖发放时间");
    i.unit_id = Some(b.station);
    let d = add(&mut b.t, i);
    assign(&mut b.t, d, Some(b.station), None);
    reply(&mut b.t, d, "2026-09-20");
    let e = add(&mut b.t, input(safety, "2026-09-12", "安全帽老化"));
    assign(&mut b.t, e, None, Some(b.zhang));
    reply(&mut b.t, e, "2026-09-13");
    close(&mut b.t, e, Satisfaction::Satisfied, "2026-09-14");
    Listed { b, pay, a, c, d, e }
}

fn ids(l: &Listed, filter: ConcernFilter, today: &str) -> Vec<i64> {
    concern::list(l.b.t.db.conn(), &filter, date(today), 0, 50)
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.id)
        .collect()
}

#[test]
fn the_list_filters_by_status_overdue_category_unit_and_text() {
    let l = listed();
    let (a, c, d, e) = (l.a, l.c, l.d, l.e);
    let all = ConcernFilter::default();
    // Latest received first.
    assert_eq!(ids(&l, all.clone(), "2026-09-15"), [e, d, c, a]);
    let open = ConcernFilter {
        open: true,
        ..Default::default()
    };
    assert_eq!(ids(&l, open, "2026-09-15"), [d, c, a]);
    let overdue = ConcernFilter {
        overdue: true,
        ..Default::default()
    };
    // a's deadline is 16 September, c's 20 September; d is answered.
    assert_eq!(ids(&l, overdue.clone(), "2026-09-16"), Vec::<i64>::new());
    assert_eq!(ids(&l, overdue.clone(), "2026-09-17"), [a]);
    assert_eq!(ids(&l, overdue.clone(), "2026-09-30"), [c, a]);
    let page = concern::list(l.b.t.db.conn(), &overdue, date("2026-09-30"), 0, 50).unwrap();
    let days: Vec<(bool, i64)> = page
        .items
        .iter()
        .map(|c| (c.overdue, c.overdue_days))
        .collect();
    assert_eq!(days, [(true, 10), (true, 14)]);
    assert_eq!(
        concern::open_counts(l.b.t.db.conn(), date("2026-09-30")).unwrap(),
        (3, 2)
    );
    let status = ConcernFilter {
        status: Some(ConcernStatus::Replied),
        ..Default::default()
    };
    assert_eq!(ids(&l, status, "2026-09-30"), [d]);
    let category = ConcernFilter {
        category_id: Some(l.pay),
        ..Default::default()
    };
    assert_eq!(ids(&l, category, "2026-09-30"), [d, a]);
    let source = ConcernFilter {
        source: Some(ConcernSource::Forum),
        ..Default::default()
    };
    assert_eq!(ids(&l, source, "2026-09-30"), [c]);
    // A unit and every unit below it: the station holds the team.
    let unit = |id| ConcernFilter {
        unit_id: Some(id),
        ..Default::default()
    };
    assert_eq!(ids(&l, unit(l.b.station), "2026-09-30"), [d, a]);
    assert_eq!(ids(&l, unit(l.b.team), "2026-09-30"), [a]);
    assert_eq!(ids(&l, unit(l.b.company), "2026-09-30"), [d, c, a]);
    let dates = ConcernFilter {
        from: Some(date("2026-09-05")),
        to: Some(date("2026-09-10")),
        ..Default::default()
    };
    assert_eq!(ids(&l, dates, "2026-09-30"), [d, c]);
    // Text: part of the content, the raiser's name or the group's; % and _ are plain text.
    let search = |q: &str| ConcernFilter {
        search: Some(q.into()),
        ..Default::default()
    };
    assert_eq!(ids(&l, search(" 电梯 "), "2026-09-30"), [c]);
    assert_eq!(ids(&l, search("李四"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("营销部全"), "2026-09-30"), [c]);
    assert_eq!(ids(&l, search("100%"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("_"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("%"), "2026-09-30"), [a]);
    assert_eq!(ids(&l, search("奖金"), "2026-09-30"), Vec::<i64>::new());
    assert_eq!(ids(&l, search("  "), "2026-09-30").len(), 4);
    // Filters combine.
    let both = ConcernFilter {
        open: true,
        category_id: Some(l.pay),
        unit_id: Some(l.b.station),
        search: Some("年终".into()),
        ..Default::default()
    };
    assert_eq!(ids(&l, both, "2026-09-30"), [d]);
    // Paged, with the total.
    let page = concern::list(l.b.t.db.conn(), &all, date("2026-09-30"), 1, 2).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.offset, 1);
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), [d, c]);
    let page = concern::list(l.b.t.db.conn(), &search("李四"), date("2026-09-30"), 0, 1).unwrap();
    assert_eq!(page.total, 1);
    // Names shown in the list.
    let rows = concern::list(l.b.t.db.conn(), &all, date("2026-09-30"), 0, 10).unwrap();
    let shown: Vec<(&str, Option<&str>, &str)> = rows
        .items
        .iter()
        .map(|c| {
            (
                c.raiser.as_str(),
                c.unit_name.as_deref(),
                c.category.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("匿名", None, "安全生产"),
            ("匿名", Some("城关供电所"), "薪酬待遇"),
            ("营销部全体", Some("营销部"), "工作环境"),
            ("李四", Some("营业班"), "薪酬待遇"),
        ]
    );
}
