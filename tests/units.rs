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
