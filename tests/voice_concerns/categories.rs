//! The categories: added, renamed, retired, never deleted.

use qungong::Action;
use qungong::voice::concern;

use crate::common::{TestDb, branch, date};
use crate::{act, add, cat, get, input, refused};

#[test]
fn categories_are_added_renamed_and_retired_never_deleted() {
    let mut b = branch();
    let t = &mut b.t;
    let names = |t: &TestDb, retired: bool| -> Vec<(String, u32, bool)> {
        concern::categories(t.db.conn(), retired)
            .unwrap()
            .into_iter()
            .map(|c| (c.name, c.deadline_days, c.retired))
            .collect()
    };
    let seeded = names(t, false);
    assert_eq!(seeded.len(), 9);
    assert_eq!(seeded[0], ("薪酬待遇".to_string(), 15, false));
    assert_eq!(seeded[2], ("安全生产".to_string(), 7, false));
    assert_eq!(seeded[8], ("其他".to_string(), 15, false));

    let save = |t: &mut TestDb, id: Option<i64>, name: &str, days: u32, retired: bool| {
        act(t, "测试", Action::ConcernCategory, |tx| {
            concern::save_category(tx, id, name, days, retired)
        })
    };
    // Added last.
    let housing = save(t, None, " 住房保障 ", 20, false).unwrap();
    assert_eq!(
        names(t, false).last().unwrap(),
        &("住房保障".to_string(), 20, false)
    );
    assert_eq!(
        refused(save(t, None, "薪酬待遇", 15, false)),
        "分类名称：已有名为“薪酬待遇”的分类（含已停用的）"
    );
    assert_eq!(
        refused(save(t, None, "  ", 15, false)),
        "分类名称：不能为空"
    );
    assert_eq!(
        refused(save(t, None, &"长".repeat(21), 15, false)),
        "分类名称：不能超过 20 个字"
    );
    assert_eq!(
        refused(save(t, None, "住房\n补贴", 15, false)),
        "分类名称：不能含换行、制表符等控制字符或不可见的格式字符"
    );
    assert_eq!(
        refused(save(t, None, "交通", 0, false)),
        "办理期限：应为 1–365 天"
    );
    assert_eq!(
        refused(save(t, None, "交通", 366, false)),
        "办理期限：应为 1–365 天"
    );
    assert_eq!(
        refused(save(t, Some(999), "交通", 10, false)),
        "未找到诉求分类“999”"
    );
    // 20 characters and 365 days are allowed.
    save(t, None, &"长".repeat(20), 365, false).unwrap();
    // Renamed, with new days; the same name again is no conflict with itself.
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    let pay = cat(t, "薪酬待遇");
    assert_eq!(
        refused(save(t, Some(housing), "薪酬待遇", 10, false)),
        "分类名称：已有名为“薪酬待遇”的分类（含已停用的）"
    );
    // New concerns use the new days: 30 September + 10 = 10 October.
    let id = add(t, input(housing, "2026-09-30", "通勤班车太少"));
    assert_eq!(get(t, id, "2026-09-30").deadline, date("2026-10-10"));

    // Retired: no longer offered, refused for new concerns, kept by the concerns filed under it.
    save(t, Some(housing), "住房与通勤", 10, true).unwrap();
    assert!(!names(t, false).iter().any(|c| c.0 == "住房与通勤"));
    assert_eq!(
        names(t, true).iter().find(|c| c.0 == "住房与通勤"),
        Some(&("住房与通勤".to_string(), 10, true))
    );
    assert_eq!(
        refused(t.write(|tx| concern::add(tx, input(housing, "2026-10-01", "通勤补贴")))),
        "诉求分类：分类“住房与通勤”已停用，请选择其他分类"
    );
    let mut i = get(t, id, "2026-09-30").to_input();
    i.content = "通勤班车太少，建议增加".into();
    act(t, "测试", Action::ConcernEdit, |tx| {
        concern::update(tx, id, i)
    })
    .unwrap();
    assert_eq!(get(t, id, "2026-09-30").category, "住房与通勤");
    // … but an edit may not move another concern into it.
    let other = add(t, input(pay, "2026-09-30", "绩效工资"));
    let mut i = get(t, other, "2026-09-30").to_input();
    i.category_id = housing;
    assert_eq!(
        refused(act(t, "测试", Action::ConcernEdit, |tx| concern::update(
            tx, other, i
        ))),
        "诉求分类：分类“住房与通勤”已停用，请选择其他分类"
    );
    // Its name stays taken; it can be brought back.
    assert_eq!(
        refused(save(t, None, "住房与通勤", 10, false)),
        "分类名称：已有名为“住房与通勤”的分类（含已停用的）"
    );
    save(t, Some(housing), "住房与通勤", 10, false).unwrap();
    assert!(names(t, false).iter().any(|c| c.0 == "住房与通勤"));

    // The last category in use cannot be retired.
    let all = concern::categories(t.db.conn(), false).unwrap();
    let (last, rest) = all.split_last().unwrap();
    for c in rest {
        save(t, Some(c.id), &c.name, c.deadline_days, true).unwrap();
    }
    assert_eq!(
        refused(save(t, Some(last.id), &last.name, last.deadline_days, true)),
        format!(
            "诉求分类：“{}”是唯一在用的分类，不能停用；请先新增或恢复一个分类",
            last.name
        )
    );
    assert_eq!(concern::categories(t.db.conn(), false).unwrap().len(), 1);
    assert_eq!(concern::categories(t.db.conn(), true).unwrap().len(), 11);
}
