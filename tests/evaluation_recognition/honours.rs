//! The honours roll by hand: added, edited, deleted, listed and searched; bad input refused.

use qungong::Action;
use qungong::evaluation::{HonourFilter, HonourInput, honour};

use crate::common::date;
use crate::{Fixture, fixture, message};

fn input(person: Option<i64>, unit: Option<i64>, title: &str, year: i32) -> HonourInput {
    HonourInput {
        person_id: person,
        unit_id: unit,
        title: title.into(),
        year,
        awarded_on: date(&format!("{year}-05-04")),
        granted_by: Some(" 共青团国网示范县供电公司委员会 ".into()),
        note: None,
    }
}

fn add(f: &mut Fixture, input: HonourInput) -> qungong::Result<i64> {
    f.act(Action::HonourSave, |tx| honour::add(tx, input))
}

fn listed(f: &Fixture, filter: HonourFilter) -> Vec<String> {
    honour::list(f.t.db.conn(), &filter)
        .unwrap()
        .into_iter()
        .map(|h| format!("{} {} {}", h.input.year, h.input.title, h.holder))
        .collect()
}

#[test]
fn honours_by_hand_are_added_edited_and_deleted() {
    let mut f = fixture();
    let (zhang, li, team) = (f.zhang, f.li, f.team);
    let youth = add(&mut f, input(Some(zhang), None, " 青年岗位能手 ", 2025)).unwrap();
    add(&mut f, input(None, Some(team), "工人先锋号", 2025)).unwrap();
    add(&mut f, input(Some(li), None, "青年岗位能手", 2025)).unwrap();
    add(&mut f, input(Some(li), None, "优秀共产党员", 2024)).unwrap();

    let h = honour::get(f.t.db.conn(), youth).unwrap();
    assert_eq!(h.input.title, "青年岗位能手");
    assert_eq!(
        h.input.granted_by.as_deref(),
        Some("共青团国网示范县供电公司委员会")
    );
    assert_eq!(h.input.awarded_on, date("2025-05-04"));
    assert_eq!(
        (h.holder.as_str(), h.unit_name.as_deref()),
        ("张三", Some("城关供电所"))
    );
    assert_eq!(h.round_id, None);
    let unit = honour::list(
        f.t.db.conn(),
        &HonourFilter {
            search: Some("先锋".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(unit.len(), 1);
    assert_eq!(
        (unit[0].holder.as_str(), unit[0].unit_name.as_deref()),
        ("营业班", Some("城关供电所"))
    );

    // Newest year first; 工 (3 strokes) before 青 (8); 李 before 张 (both 7: 横 before 横折).
    assert_eq!(
        listed(&f, HonourFilter::default()),
        [
            "2025 工人先锋号 营业班",
            "2025 青年岗位能手 李四",
            "2025 青年岗位能手 张三",
            "2024 优秀共产党员 李四"
        ]
    );
    // The search reads the title and the holder's name; `%` is a plain character.
    assert_eq!(
        listed(
            &f,
            HonourFilter {
                search: Some("李四".into()),
                ..Default::default()
            }
        ),
        ["2025 青年岗位能手 李四", "2024 优秀共产党员 李四"]
    );
    assert!(
        listed(
            &f,
            HonourFilter {
                search: Some("%".into()),
                ..Default::default()
            }
        )
        .is_empty()
    );
    // 营业班: 李四 is in it, and the unit's own honour.
    assert_eq!(
        listed(
            &f,
            HonourFilter {
                unit_id: Some(team),
                year: Some(2025),
                ..Default::default()
            }
        ),
        ["2025 工人先锋号 营业班", "2025 青年岗位能手 李四"]
    );

    let mut edit = input(Some(zhang), None, "优秀青年岗位能手", 2025);
    edit.note = Some("  市公司级  ".into());
    edit.granted_by = None;
    f.act(Action::HonourSave, |tx| honour::update(tx, youth, edit))
        .unwrap();
    let h = honour::get(f.t.db.conn(), youth).unwrap();
    assert_eq!(h.input.title, "优秀青年岗位能手");
    assert_eq!(h.input.note.as_deref(), Some("市公司级"));
    assert_eq!(h.input.granted_by, None);

    f.act(Action::HonourDelete, |tx| honour::delete(tx, youth))
        .unwrap();
    assert_eq!(
        message(honour::get(f.t.db.conn(), youth)),
        format!("未找到荣誉“{youth}”")
    );
    assert_eq!(
        listed(
            &f,
            HonourFilter {
                person_id: Some(zhang),
                ..Default::default()
            }
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        message(f.act(Action::HonourDelete, |tx| honour::delete(tx, youth))),
        format!("未找到荣誉“{youth}”")
    );
    let rows: Vec<(String, String)> = qungong::db::audit_log(f.t.db.conn(), 1)
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect();
    assert_eq!(
        rows,
        [(
            "honour.delete".to_string(),
            format!("删除荣誉 {youth}：张三，2025年度“优秀青年岗位能手”")
        )]
    );
}

#[test]
fn bad_honour_input_is_refused() {
    let mut f = fixture();
    let (zhang, team) = (f.zhang, f.team);
    let cases: Vec<(HonourInput, &str)> = vec![
        (
            input(Some(zhang), Some(team), "青年岗位能手", 2025),
            "获得者：请选择一名职工或一个集体",
        ),
        (
            input(None, None, "青年岗位能手", 2025),
            "获得者：请选择一名职工或一个集体",
        ),
        (
            input(Some(9999), None, "青年岗位能手", 2025),
            "获得者：请选择一名存在的职工",
        ),
        (
            input(None, Some(9999), "工人先锋号", 2025),
            "获得者：请选择一个存在的单位",
        ),
        (
            input(Some(zhang), None, "  ", 2025),
            "荣誉称号：请填写荣誉称号",
        ),
        (
            input(Some(zhang), None, &"优".repeat(31), 2025),
            "荣誉称号：不能超过 30 个字",
        ),
        (
            input(Some(zhang), None, "青年岗位能手", 1999),
            "年度：应在 2000–2100 之间",
        ),
        (
            input(Some(zhang), None, "青年岗位能手", 2101),
            "年度：应在 2000–2100 之间",
        ),
        (
            HonourInput {
                note: Some("备".repeat(501)),
                ..input(Some(zhang), None, "青年岗位能手", 2025)
            },
            "备注：不能超过 500 个字",
        ),
        (
            input(Some(zhang), None, "青年\u{0007}岗位能手", 2025),
            "荣誉称号：不能含控制字符或不可见的格式字符",
        ),
    ];
    for (bad, text) in cases {
        assert_eq!(message(add(&mut f, bad)), text);
    }
    // Exactly 30 characters and a 500-character note are fine; nothing bad was stored.
    let mut ok = input(Some(zhang), None, &"优".repeat(30), 2100);
    ok.note = Some("备".repeat(500));
    add(&mut f, ok).unwrap();
    assert_eq!(
        honour::list(f.t.db.conn(), &HonourFilter::default())
            .unwrap()
            .len(),
        1
    );
    let id = add(&mut f, input(Some(zhang), None, "青年岗位能手", 2025)).unwrap();
    assert_eq!(
        message(f.act(Action::HonourSave, |tx| {
            honour::update(tx, id, input(None, None, "青年岗位能手", 2025))
        })),
        "获得者：请选择一名职工或一个集体"
    );
    assert_eq!(
        message(f.act(Action::HonourSave, |tx| {
            honour::update(tx, 9999, input(Some(zhang), None, "青年岗位能手", 2025))
        })),
        "未找到荣誉“9999”"
    );
}
