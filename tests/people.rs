//! Staff records: validation, ID numbers, search, leaving.
mod common;

use common::{TestDb, date, person_input};
use qungong::codes::{Gender, PoliticalStatus, RetirementCategory};
use qungong::people::{self, PersonFilter, PersonInput};

#[test]
fn an_id_number_gives_birth_date_and_gender_and_must_agree_with_what_was_typed() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    let input = PersonInput {
        employee_no: Some("10001".into()),
        name: "李娜".into(),
        id_number: Some("11010519491231002x".into()),
        unit_id: unit,
        ..Default::default()
    };
    let id = t.write(|tx| people::add(tx, input.clone())).unwrap();
    let p = people::get(t.db.conn(), id).unwrap();
    assert_eq!(p.birth_date, date("1949-12-31"));
    assert_eq!(p.gender, Gender::Female);
    assert_eq!(p.id_number.as_deref(), Some("11010519491231002X"));

    let wrong_birth = PersonInput {
        employee_no: Some("10002".into()),
        id_number: Some("140105198503120018".into()),
        birth_date: Some(date("1985-03-13")),
        ..input.clone()
    };
    let err = t.write(|tx| people::add(tx, wrong_birth)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "出生日期与身份证号不一致：身份证号对应1985-03-12，填写的是1985-03-13"
    );
    let wrong_gender = PersonInput {
        employee_no: Some("10002".into()),
        id_number: Some("140105198503120018".into()),
        gender: Some(Gender::Female),
        ..input.clone()
    };
    let err = t.write(|tx| people::add(tx, wrong_gender)).unwrap_err();
    assert_eq!(err.code(), "person.mismatch");
    let bad_check = PersonInput {
        employee_no: Some("10002".into()),
        id_number: Some("140105198503120017".into()),
        ..input.clone()
    };
    let err = t.write(|tx| people::add(tx, bad_check)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "身份证号：校验位错误（按 GB 11643 应为 8）"
    );
    let same_id = PersonInput {
        employee_no: Some("10003".into()),
        ..input
    };
    let err = t.write(|tx| people::add(tx, same_id)).unwrap_err();
    assert_eq!(err.to_string(), "该身份证号已登记在 李娜（工号 10001）名下");
}

#[test]
fn fields_are_checked_and_named_in_the_message() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    t.person("10001", "张三", unit);
    let cases: Vec<(PersonInput, &str)> = vec![
        (
            PersonInput {
                employee_no: Some("".into()),
                ..person_input("x", "王五", unit)
            },
            "工号：工号和身份证号至少填一项（没有工号的职工按身份证号识别）",
        ),
        (
            person_input("10001", "王五", unit),
            "工号 10001 已被 张三 使用",
        ),
        (person_input("10002", "", unit), "姓名：不能为空"),
        (
            person_input("10002", "王5", unit),
            "姓名：应为 1–20 个字，不能含数字或符号",
        ),
        (
            PersonInput {
                gender: None,
                ..person_input("10002", "王五", unit)
            },
            "性别：请填写性别或身份证号",
        ),
        (
            PersonInput {
                birth_date: None,
                ..person_input("10002", "王五", unit)
            },
            "出生日期：请填写出生日期或身份证号",
        ),
        (
            PersonInput {
                phone: Some("12345".into()),
                ..person_input("10002", "王五", unit)
            },
            "手机：应为 11 位手机号或带区号的固定电话",
        ),
        (
            PersonInput {
                hire_date: Some(date("1990-01-01")),
                ..person_input("10002", "王五", unit)
            },
            "入职时间：早于年满 16 周岁的日期，请核对",
        ),
        (
            PersonInput {
                work_start_date: Some(date("2004-07-01")),
                hire_date: Some(date("2003-07-01")),
                ..person_input("10002", "王五", unit)
            },
            "入职时间：不能早于参加工作时间",
        ),
        (
            PersonInput {
                retirement_category: Some(RetirementCategory::Worker),
                ..person_input("10002", "王五", unit)
            },
            "退休类别：仅女职工需要填写（干部或工人）",
        ),
        (
            PersonInput {
                unit_id: 999,
                ..person_input("10002", "王五", unit)
            },
            "所在单位：请选择一个存在的单位",
        ),
    ];
    for (input, expected) in cases {
        let err = t.write(|tx| people::add(tx, input)).unwrap_err();
        assert_eq!(err.to_string(), expected);
    }
    assert_eq!(
        people::list(t.db.conn(), &PersonFilter::default(), 0, 100)
            .unwrap()
            .total,
        1
    );
}

#[test]
fn full_width_employee_numbers_and_phones_are_folded() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    let input = PersonInput {
        phone: Some("１３８ １２３４ ５６７８".into()),
        ..person_input("１０００１", " 张 三 ", unit)
    };
    let id = t.write(|tx| people::add(tx, input)).unwrap();
    let p = people::get(t.db.conn(), id).unwrap();
    assert_eq!(
        (p.employee_no.as_deref().unwrap_or(""), p.name.as_str()),
        ("10001", "张三")
    );
    assert_eq!(p.phone.as_deref(), Some("13812345678"));
    assert_eq!(p.clone().masked().phone.as_deref(), Some("138****5678"));
    assert_eq!(
        people::by_employee_no(t.db.conn(), " １０００１")
            .unwrap()
            .id,
        id
    );
}

#[test]
fn search_finds_by_name_pinyin_initials_and_employee_no() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    t.person("10001", "张三", company);
    t.person("10002", "张珊珊", station);
    t.person("20001", "赵四", station);
    t.person("20002", "单雄信", station);
    let names = |filter: PersonFilter| -> Vec<String> {
        people::list(t.db.conn(), &filter, 0, 100)
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    let search = |q: &str| PersonFilter {
        search: Some(q.into()),
        ..Default::default()
    };
    assert_eq!(names(search("zs")), ["张三", "张珊珊", "赵四"]);
    assert_eq!(names(search("ZSS")), ["张珊珊"]);
    assert_eq!(names(search("sxx")), ["单雄信"]);
    assert_eq!(names(search("张")), ["张三", "张珊珊"]);
    assert_eq!(names(search("2000")), ["赵四", "单雄信"]);
    assert_eq!(names(search("%")), Vec::<String>::new());
    assert_eq!(
        names(PersonFilter {
            unit_id: Some(station),
            search: Some("zs".into()),
            ..Default::default()
        }),
        ["张珊珊", "赵四"]
    );
}

#[test]
fn paging_happens_in_the_query_with_a_total() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    for i in 0..25 {
        t.person(&format!("1{i:04}"), "王强", unit);
    }
    let page = people::list(t.db.conn(), &PersonFilter::default(), 20, 10).unwrap();
    assert_eq!(page.total, 25);
    assert_eq!(page.items.len(), 5);
    assert_eq!(page.items[0].employee_no.as_deref(), Some("10020"));
}

#[test]
fn people_who_leave_keep_their_record_and_drop_out_of_default_lists() {
    let mut t = TestDb::new();
    let unit = t.unit("营销部", None);
    let id = t.person("10001", "张三", unit);
    t.write(|tx| people::leave(tx, id, date("2026-03-31"), Some("调出")))
        .unwrap();
    let p = people::get(t.db.conn(), id).unwrap();
    assert_eq!(p.status_label(), "离职");
    assert_eq!(p.left_date, Some(date("2026-03-31")));
    assert_eq!(
        people::list(t.db.conn(), &PersonFilter::default(), 0, 10)
            .unwrap()
            .total,
        0
    );
    let all = PersonFilter {
        include_left: true,
        ..Default::default()
    };
    assert_eq!(people::list(t.db.conn(), &all, 0, 10).unwrap().total, 1);
    let err = t
        .write(|tx| people::leave(tx, id, date("2026-04-01"), None))
        .unwrap_err();
    assert_eq!(err.to_string(), "张三（工号 10001）已于 2026-03-31 离职");
    t.write(|tx| people::reinstate(tx, id)).unwrap();
    assert!(people::get(t.db.conn(), id).unwrap().in_post());
}

#[test]
fn edits_replace_the_record_and_flags_filter() {
    let mut t = TestDb::new();
    let unit = t.unit("党建部", None);
    let id = t.person("10001", "张三", unit);
    let mut input = people::get(t.db.conn(), id).unwrap().to_input();
    input.political_cadre = true;
    input.political_status = Some(PoliticalStatus::parse("党员").unwrap());
    input.position = Some("政工专责".into());
    t.write(|tx| people::update(tx, id, input)).unwrap();
    t.person("10002", "李四", unit);
    let cadres = PersonFilter {
        political_cadre: Some(true),
        ..Default::default()
    };
    let found = people::list(t.db.conn(), &cadres, 0, 10).unwrap().items;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].political_status, Some(PoliticalStatus::CpcMember));
    assert_eq!(found[0].position.as_deref(), Some("政工专责"));
    let members = PersonFilter {
        party_member: Some(true),
        ..Default::default()
    };
    assert_eq!(people::ids(t.db.conn(), &members).unwrap(), [id]);
}
