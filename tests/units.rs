//! The unit tree.
mod common;

use common::TestDb;
use qungong::units;

#[test]
fn units_form_a_tree_listed_parents_first_with_paths() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let dept = t.unit("营销部", Some(company));
    let team = t.unit("营业班", Some(station));
    let list = units::list(t.db.conn()).unwrap();
    let paths: Vec<&str> = list.iter().map(|u| u.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "国网示范县供电公司",
            "国网示范县供电公司/城关供电所",
            "国网示范县供电公司/城关供电所/营业班",
            "国网示范县供电公司/营销部"
        ]
    );
    let tree = units::tree(t.db.conn()).unwrap();
    assert_eq!(tree.len(), 1);
    assert_eq!(tree[0].children.len(), 2);
    assert_eq!(tree[0].children[0].children[0].unit.id, team);
    let mut sub = units::subtree_ids(t.db.conn(), station).unwrap();
    sub.sort();
    assert_eq!(sub, [station, team]);
    assert_eq!(units::resolve(t.db.conn(), "营销部").unwrap(), dept);
    assert_eq!(
        units::resolve(t.db.conn(), &dept.to_string()).unwrap(),
        dept
    );
}

#[test]
fn rename_and_move_keep_sibling_names_unique_and_refuse_cycles() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let a = t.unit("运维检修部", Some(company));
    let b = t.unit("营销部", Some(company));
    let team = t.unit("变电运维班", Some(a));
    let err = t
        .write(|tx| units::rename(tx, b, "运维检修部"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "单位“国网示范县供电公司”下已有名为“运维检修部”的单位"
    );
    let err = t.write(|tx| units::move_to(tx, a, Some(team))).unwrap_err();
    assert_eq!(err.code(), "unit.cycle");
    t.write(|tx| units::move_to(tx, team, Some(b))).unwrap();
    t.write(|tx| units::rename(tx, team, "营业班")).unwrap();
    assert_eq!(
        units::get(t.db.conn(), team).unwrap().path,
        "国网示范县供电公司/营销部/营业班"
    );
    let err = t
        .write(|tx| units::add(tx, "  ", qungong::codes::UnitKind::Team, None))
        .unwrap_err();
    assert_eq!(err.to_string(), "单位名称：不能为空");
}

#[test]
fn deleting_a_unit_with_children_or_staff_is_refused() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let dept = t.unit("营销部", Some(company));
    let err = t.write(|tx| units::delete(tx, company)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "单位“国网示范县供电公司”下还有 1 个下级单位，请先删除或移走下级单位"
    );
    let person = t.person("10001", "张三", dept);
    // Someone who has left still keeps the unit: their history points at it.
    t.write(|tx| qungong::people::leave(tx, person, common::date("2025-01-01"), Some("调出")))
        .unwrap();
    let err = t.write(|tx| units::delete(tx, dept)).unwrap_err();
    assert_eq!(err.code(), "unit.has_staff");
    assert!(err.to_string().contains("1 名职工"), "{err}");
    assert_eq!(units::list(t.db.conn()).unwrap().len(), 2);
    let empty = t.unit("发展建设部", Some(company));
    t.write(|tx| units::delete(tx, empty)).unwrap();
    assert_eq!(units::list(t.db.conn()).unwrap().len(), 2);
}

#[test]
fn an_ambiguous_name_asks_for_the_id() {
    let mut t = TestDb::new();
    let a = t.unit("城关供电所", None);
    let b = t.unit("东关供电所", None);
    t.unit("综合班", Some(a));
    t.unit("综合班", Some(b));
    let err = units::resolve(t.db.conn(), "综合班").unwrap_err();
    assert!(err.to_string().contains("城关供电所/综合班"), "{err}");
    assert!(units::resolve(t.db.conn(), "不存在的单位").is_err());
}

#[test]
fn one_unit_is_read_with_its_path_depth_and_staff_as_in_the_list() {
    let mut t = TestDb::new();
    let company = t.unit("城关供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let team = t.unit("营业班", Some(station));
    for u in units::list(t.db.conn()).unwrap() {
        assert_eq!(units::get(t.db.conn(), u.id).unwrap(), u);
    }
    let got = units::get(t.db.conn(), team).unwrap();
    assert_eq!(got.path, "城关供电公司/城关供电所/营业班");
    assert_eq!(got.depth, 2);
    assert_eq!(
        units::get(t.db.conn(), 9999).unwrap_err().code(),
        "not_found"
    );
}

/// 城关供电所 holds nobody itself but its teams hold people: the tree says both numbers.
#[test]
fn staff_counts_include_the_sub_units_and_people_who_left_are_not_counted() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let team_a = t.unit("营业班", Some(station));
    let team_b = t.unit("配电运维班", Some(station));
    let sub_team = t.unit("抢修组", Some(team_b));
    let dept = t.unit("营销部", Some(company));
    t.person("10001", "张三", company);
    t.person("10002", "李四", team_a);
    t.person("10003", "王五", team_a);
    t.person("10004", "赵六", team_b);
    t.person("10005", "钱七", sub_team);
    let left = t.person("10006", "孙八", sub_team);
    t.write(|tx| qungong::people::leave(tx, left, common::date("2025-01-01"), None))
        .unwrap();

    let counts: Vec<(i64, i64, i64)> = units::list(t.db.conn())
        .unwrap()
        .iter()
        .map(|u| (u.id, u.staff, u.staff_total))
        .collect();
    let expected = [
        (company, 1, 5),
        (station, 0, 4),
        (team_b, 1, 2),
        (sub_team, 1, 1),
        (team_a, 2, 2),
        (dept, 0, 0),
    ];
    for e in expected {
        assert!(counts.contains(&e), "{e:?} not in {counts:?}");
    }
    let tree = units::tree(t.db.conn()).unwrap();
    assert_eq!(tree[0].unit.staff_total, 5);
    assert_eq!(tree[0].children[0].unit.name, "城关供电所");
    assert_eq!(tree[0].children[0].unit.staff, 0);
    assert_eq!(tree[0].children[0].unit.staff_total, 4);
    // One unit read alone agrees with the list.
    for u in units::list(t.db.conn()).unwrap() {
        assert_eq!(units::get(t.db.conn(), u.id).unwrap(), u);
    }
}

#[test]
fn moving_a_unit_takes_its_sub_units_and_people_along() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let old_parent = t.unit("城关供电所", Some(company));
    let new_parent = t.unit("东关供电所", Some(company));
    t.unit("综合班", Some(new_parent));
    let team = t.unit("营业班", Some(old_parent));
    let group = t.unit("抄表组", Some(team));
    let a = t.person("10001", "张三", team);
    let b = t.person("10002", "李四", group);

    t.write(|tx| units::move_to(tx, team, Some(new_parent)))
        .unwrap();
    assert_eq!(
        units::get(t.db.conn(), group).unwrap().path,
        "国网示范县供电公司/东关供电所/营业班/抄表组"
    );
    assert_eq!(qungong::people::get(t.db.conn(), a).unwrap().unit_id, team);
    assert_eq!(qungong::people::get(t.db.conn(), b).unwrap().unit_id, group);
    assert_eq!(units::get(t.db.conn(), old_parent).unwrap().staff_total, 0);
    assert_eq!(units::get(t.db.conn(), new_parent).unwrap().staff_total, 2);
    // It goes last among its new siblings.
    let children: Vec<String> = units::tree(t.db.conn()).unwrap()[0].children[1]
        .children
        .iter()
        .map(|c| c.unit.name.clone())
        .collect();
    assert_eq!(children, ["综合班", "营业班"]);
    let detail: String =
        t.db.conn()
            .query_row(
                "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        detail,
        "单位 营业班 从 国网示范县供电公司/城关供电所 移到 国网示范县供电公司/东关供电所 之下（连同下级单位 1 个、在职职工 2 人）"
    );

    let err = t
        .write(|tx| units::move_to(tx, team, Some(team)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "不能把单位“营业班”移到它自己或它的下级单位之下"
    );
    let err = t
        .write(|tx| units::move_to(tx, team, Some(group)))
        .unwrap_err();
    assert_eq!(err.code(), "unit.cycle");
    let err = t
        .write(|tx| units::move_to(tx, team, Some(new_parent)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "上级单位：“营业班”已在“国网示范县供电公司/东关供电所”之下，无需移动"
    );
    let err = t
        .write(|tx| units::move_to(tx, team, Some(999)))
        .unwrap_err();
    assert_eq!(err.code(), "not_found");

    t.write(|tx| units::move_to(tx, team, None)).unwrap();
    let detail: String =
        t.db.conn()
            .query_row(
                "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        detail,
        "单位 营业班 从 国网示范县供电公司/东关供电所 移为顶层单位（连同下级单位 1 个、在职职工 2 人）"
    );
    assert_eq!(
        units::get(t.db.conn(), group).unwrap().path,
        "营业班/抄表组"
    );
    assert_eq!(units::tree(t.db.conn()).unwrap().len(), 2);
}

/// A unit name or an activity's one-line field with a line break, a bidi override or a
/// zero-width character is refused in Chinese (it would break lists, printed forms and the
/// audit trail); an activity's description may have line breaks.
#[test]
fn control_and_invisible_characters_are_refused_in_names_and_titles() {
    let mut t = common::TestDb::new();
    for bad in ["城关\n供电所", "城关\u{202E}供电所", "城关\u{200B}供电所"] {
        let e = t
            .write(|tx| qungong::units::add(tx, bad, qungong::codes::UnitKind::Company, None))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "单位名称：不能含换行、制表符等控制字符或不可见的格式字符"
        );
    }
    let mut input = common::activity_input("安全\n讲座", "2026-12-01 09:00");
    let e = t
        .write(|tx| qungong::activities::add(tx, input.clone()))
        .unwrap_err();
    assert!(e.to_string().starts_with("活动名称："), "{e}");
    input.title = "安全讲座".into();
    input.description = Some("第一部分\n第二部分".into());
    assert!(t.write(|tx| qungong::activities::add(tx, input)).is_ok());
}
