//! People past their legal retirement date still on the staff list: the data warning of 队伍结构
//! and the 工作台, and 办理退休 (their 离职 on that date), on hand-made staff.
mod common;

use common::{TestDb, date, logical_dump, time};
use qungong::codes::{Gender, RetirementCategory};
use qungong::people::{self, PersonInput};
use qungong::structure::retirement::{self, OverdueList};
use qungong::structure::{self, Population, StructureQuery};
use qungong::{Action, Actor};

struct Staff {
    t: TestDb,
    station: i64,
    /// 工号 → id
    ids: Vec<(&'static str, i64)>,
}

impl Staff {
    fn id(&self, no: &str) -> i64 {
        self.ids.iter().find(|(n, _)| *n == no).unwrap().1
    }

    fn retire(&mut self, nos: &[&str], today: &str) -> qungong::Result<Vec<retirement::Overdue>> {
        let ids: Vec<i64> = nos.iter().map(|n| self.id(n)).collect();
        self.t
            .db
            .transact(&Actor("测试".into()), Action::PersonRetire, |tx| {
                retirement::retire(tx, &ids, date(today))
            })
    }
}

/// 国网示范县供电公司 (机关 staff) with 城关供电所 under it.
fn staff() -> Staff {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    type Row = (
        &'static str,
        &'static str,
        Gender,
        &'static str,
        Option<RetirementCategory>,
        Option<&'static str>,
        bool,
    );
    let rows: [Row; 9] = [
        // 60 on 2024-12-10 (before the reform): two years overdue on 2026-11-30.
        ("1", "张建国", Gender::Male, "1964-12-10", None, None, false),
        // 60岁5个月 → 2026-11-30: overdue on that very day, not the day before.
        ("2", "李卫东", Gender::Male, "1966-06-30", None, None, true),
        // 工人: 50岁1个月 → 2025-02-05.
        (
            "3",
            "王秀英",
            Gender::Female,
            "1975-01-05",
            Some(RetirementCategory::Worker),
            None,
            false,
        ),
        // No 干部 / 工人: 55 or 50 cannot be told, so unknown rather than overdue.
        (
            "4",
            "赵桂兰",
            Gender::Female,
            "1960-01-01",
            None,
            None,
            false,
        ),
        ("5", "刘洋", Gender::Male, "1990-03-03", None, None, false),
        // Past the date but already left: not in post.
        ("6", "陈志强", Gender::Male, "1963-05-05", None, None, false),
        // Reached 60 on 2020-01-01, hired in 2021 (返聘): in post on purpose.
        (
            "7",
            "孙德明",
            Gender::Male,
            "1960-01-01",
            None,
            Some("2021-03-01"),
            false,
        ),
        // At the company itself, not under 城关供电所; 干部: 55 → 2024-08-20.
        (
            "8",
            "周丽华",
            Gender::Female,
            "1969-08-20",
            Some(RetirementCategory::Cadre),
            None,
            false,
        ),
        // 60 on 2024-01-01, his 离职 already entered for 2026-12-31: the record is up to date.
        ("9", "吴国庆", Gender::Male, "1964-01-01", None, None, false),
    ];
    let mut ids = Vec::new();
    for (no, name, gender, birth, category, hired, cadre) in rows {
        let input = PersonInput {
            employee_no: Some(no.into()),
            name: name.into(),
            gender: Some(gender),
            birth_date: Some(date(birth)),
            retirement_category: category,
            hire_date: hired.map(date),
            political_cadre: cadre,
            unit_id: if no == "8" { company } else { station },
            ..Default::default()
        };
        let id = t.write(|tx| people::add(tx, input)).unwrap();
        ids.push((no, id));
    }
    let gone = ids[5].1;
    t.write(|tx| people::leave(tx, gone, date("2023-05-05"), Some("退休")))
        .unwrap();
    let leaving = ids[8].1;
    t.write(|tx| people::leave(tx, leaving, date("2026-12-31"), Some("退休")))
        .unwrap();
    Staff { t, station, ids }
}

fn listed(list: &OverdueList) -> Vec<(&str, String, String)> {
    list.people
        .iter()
        .map(|o| {
            (
                o.employee_no.as_deref().unwrap_or(""),
                o.age.label(),
                o.date.to_string(),
            )
        })
        .collect()
}

#[test]
fn people_past_their_legal_date_are_listed_longest_overdue_first() {
    let s = staff();
    let conn = s.t.db.conn();
    let list = retirement::overdue(conn, None, date("2026-11-30")).unwrap();
    assert_eq!(
        listed(&list),
        [
            ("8", "55岁".to_string(), "2024-08-20".to_string()),
            ("1", "60岁".to_string(), "2024-12-10".to_string()),
            ("3", "50岁1个月".to_string(), "2025-02-05".to_string()),
            ("2", "60岁5个月".to_string(), "2026-11-30".to_string()),
        ]
    );
    assert_eq!(list.people[1].name, "张建国");
    assert_eq!(list.people[1].unit_name, "城关供电所");
    // 赵桂兰 has no category: counted, not listed.
    assert_eq!(list.retirement_category_missing, 1);

    // The day before 李卫东's date he is not overdue yet.
    let before = retirement::overdue(conn, None, date("2026-11-29")).unwrap();
    assert_eq!(
        before
            .people
            .iter()
            .map(|o| o.employee_no.as_deref().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["8", "1", "3"]
    );

    // A unit's subtree only: 周丽华 works at the company itself.
    let station = retirement::overdue(conn, Some(s.station), date("2026-11-30")).unwrap();
    assert_eq!(
        station
            .people
            .iter()
            .map(|o| o.employee_no.as_deref().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["1", "3", "2"]
    );
}

#[test]
fn the_structure_still_counts_them_and_says_the_record_is_out_of_date() {
    let s = staff();
    let conn = s.t.db.conn();
    let q = StructureQuery {
        unit_id: None,
        population: Population::All,
        as_of: date("2026-11-30"),
    };
    let a = structure::analyse(conn, &q, &structure::Config::default(), 1).unwrap();
    // In post by the record: 1, 2, 3, 4, 5, 7, 8, 9 (6 left; 9 leaves later).
    assert_eq!(a.structure.headcount, 8);
    let overdue: Vec<&str> = a
        .overdue
        .iter()
        .map(|o| o.employee_no.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(overdue, ["8", "1", "3", "2"]);
    // Not "retiring within 5 years": they are past it.
    assert!(
        a.retiring
            .iter()
            .all(|r| !overdue.contains(&r.employee_no.as_deref().unwrap_or("")))
    );
    assert_eq!(a.retirement_category_missing, 1);
    // The projection lets them go (with 孙德明 and 吴国庆, whose dates are past too); the
    // outlook says why its 退休 count is larger than the record's.
    assert_eq!(a.trend.last().unwrap().retired, 6);
    assert!(
        a.outlook
            .contains("现有 8 人中 6 人退休（含已过法定退休日期仍在册的 4 人）"),
        "{}",
        a.outlook
    );
    // Structure warnings stay apart from this data warning.
    assert!(a.warnings.iter().all(|w| w.code != "overdue"));

    // Among the 政工干部 only 李卫东.
    let cadres = StructureQuery {
        population: Population::Cadres,
        ..q
    };
    let a = structure::analyse(conn, &cadres, &structure::Config::default(), 1).unwrap();
    let overdue: Vec<&str> = a
        .overdue
        .iter()
        .map(|o| o.employee_no.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(overdue, ["2"]);

    let o = qungong::dashboard::overview(conn, time("2026-11-30 12:00")).unwrap();
    let overdue: Vec<&str> = o
        .overdue
        .iter()
        .map(|o| o.employee_no.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(overdue, ["8", "1", "3", "2"]);
    assert_eq!(o.retirement_category_missing, 1);
    assert_eq!((o.unit_count, o.staff_count), (2, 7));
}

#[test]
fn retiring_records_each_legal_date_with_reason_and_one_audit_row() {
    let mut s = staff();
    let done = s.retire(&["1", "2", "1"], "2026-11-30").unwrap();
    assert_eq!(
        done.iter()
            .map(|o| (o.employee_no.as_deref().unwrap_or(""), o.date.to_string()))
            .collect::<Vec<_>>(),
        [
            ("1", "2024-12-10".to_string()),
            ("2", "2026-11-30".to_string())
        ]
    );
    let conn = s.t.db.conn();
    for (no, left) in [("1", "2024-12-10"), ("2", "2026-11-30")] {
        let p = people::by_employee_no(conn, no).unwrap();
        assert_eq!(p.left_date, Some(date(left)));
        assert_eq!(p.leave_reason.as_deref(), Some("退休"));
    }
    let audit = qungong::db::audit_log(conn, 1).unwrap();
    assert_eq!(audit[0].action, "person.retire");
    assert_eq!(audit[0].detail, "办理退休 2 人：1 张建国、2 李卫东");
    assert_eq!(Action::PersonRetire.label(), "办理退休");

    // Gone from the list, and from the structure on the same day.
    let list = retirement::overdue(conn, None, date("2026-11-30")).unwrap();
    assert_eq!(listed(&list).len(), 2);
    let q = StructureQuery {
        unit_id: None,
        population: Population::All,
        as_of: date("2026-11-30"),
    };
    let st = structure::snapshot(conn, &q).unwrap();
    assert_eq!(st.headcount, 6);
}

#[test]
fn one_refused_person_in_a_bulk_retire_writes_nothing() {
    let mut s = staff();
    let before = (
        logical_dump(s.t.db.conn()),
        qungong::db::audit_log(s.t.db.conn(), 100).unwrap().len(),
    );
    let cases: [(&[&str], &str, &str, &str); 6] = [
        (
            &["1", "5"],
            "2026-11-30",
            "person.not_yet_retirement_date",
            "刘洋（工号 5）的法定退休日期是 2053年3月3日，尚未到达，不能办理退休",
        ),
        (
            &["1", "2"],
            "2026-11-29",
            "person.not_yet_retirement_date",
            "李卫东（工号 2）的法定退休日期是 2026年11月30日，尚未到达，不能办理退休",
        ),
        (
            &["3", "4"],
            "2026-11-30",
            "person.retirement_category_missing",
            "赵桂兰（工号 4）未填退休类别（干部 / 工人），无法确定法定退休日期，请先在人员档案中补填",
        ),
        (
            &["1", "6"],
            "2026-11-30",
            "person.left",
            "陈志强（工号 6）已于 2023-05-05 离职",
        ),
        (
            &["9"],
            "2026-11-30",
            "person.left",
            "吴国庆（工号 9）已于 2026-12-31 离职",
        ),
        (
            &["7"],
            "2026-11-30",
            "person.hired_after_retirement_date",
            "孙德明（工号 7）入职晚于法定退休日期 2020年1月1日（返聘人员），请按一般离职办理",
        ),
    ];
    for (nos, today, code, message) in cases {
        let err = s.retire(nos, today).unwrap_err();
        assert_eq!((err.code(), err.to_string().as_str()), (code, message));
    }
    let err =
        s.t.db
            .transact(&Actor("测试".into()), Action::PersonRetire, |tx| {
                retirement::retire(tx, &[s.ids[0].1, 999_999], date("2026-11-30"))
            })
            .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err =
        s.t.db
            .transact(&Actor("测试".into()), Action::PersonRetire, |tx| {
                retirement::retire(tx, &[], date("2026-11-30"))
            })
            .unwrap_err();
    assert_eq!(err.to_string(), "人员：请选择要办理退休的人员");

    let after = (
        logical_dump(s.t.db.conn()),
        qungong::db::audit_log(s.t.db.conn(), 100).unwrap().len(),
    );
    assert_eq!(before, after, "nothing written, not even an audit row");
}

#[test]
fn an_empty_database_has_nothing_to_evaluate_and_nothing_overdue() {
    let t = TestDb::new();
    let o = qungong::dashboard::overview(t.db.conn(), time("2026-11-30 12:00")).unwrap();
    assert_eq!((o.unit_count, o.staff_count), (0, 0));
    assert_eq!(o.structure.headcount, 0);
    assert!(o.warnings.is_empty());
    assert!(o.overdue.is_empty());
    assert_eq!(o.retirement_category_missing, 0);
}
