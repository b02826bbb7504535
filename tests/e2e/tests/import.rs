//! End-to-end: a branch's own roster imported into the chosen unit, through the real built app
//! (see `app.rs` for what the tests need and how they wait). The roster is an .xlsx as a 供电所
//! keeps it: a title row, no 工号 column (people are known by their 身份证号), its 班组 in the
//! 部门 column, one bad row and a 制表人 / 审核 / 日期 footer.

// Each test file uses only part of the harness.
#[allow(dead_code)]
mod support;

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use support::{App, Dialogs};

/// A valid ID number for a birth date (yyyymmdd) and a sequence (odd: male, even: female).
fn id_for(birth: &str, seq: u32) -> String {
    let first17 = format!("140105{birth}{seq:03}");
    format!("{first17}{}", qungong::idcard::check_char(&first17))
}

/// The roster: people on rows 3–7 (row 7 with a wrong check digit), a blank row, the footer on
/// rows 9–10.
fn write_roster(path: &Path) {
    let good = id_for("19900101", 51);
    let wrong = if good.ends_with('1') { '2' } else { '1' };
    let bad = format!("{}{wrong}", &good[..17]);
    let people = [
        (
            "李秀英",
            id_for("19780822", 22),
            "综合班",
            "政工专责",
            "政工师",
        ),
        (
            "张伟",
            id_for("19850612", 31),
            "营业班",
            "营业员",
            "助理工程师",
        ),
        ("陈静", id_for("19951120", 62), "营业班", "营业员", "技术员"),
        (
            "刘洋",
            id_for("19880505", 71),
            "运维一班",
            "班长",
            "高级工程师",
        ),
        ("吴刚", bad, "运维一班", "运维工", ""),
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    sheet
        .merge_range(
            0,
            0,
            0,
            8,
            "城关供电所职工花名册",
            &Format::new().set_bold(),
        )
        .unwrap();
    let header = [
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "身份证号",
        "部门",
        "岗位",
        "学历",
        "职称",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (k, (name, id, team, position, title)) in people.iter().enumerate() {
        let r = k as u32 + 2;
        sheet.write_number(r, 0, (k + 1) as f64).unwrap();
        sheet.write_string(r, 1, *name).unwrap();
        sheet.write_string(r, 4, id).unwrap();
        sheet.write_string(r, 5, *team).unwrap();
        sheet.write_string(r, 6, *position).unwrap();
        sheet.write_string(r, 7, "本科").unwrap();
        if !title.is_empty() {
            sheet.write_string(r, 8, *title).unwrap();
        }
    }
    let plain = Format::new();
    sheet
        .merge_range(8, 0, 8, 2, "制表人：王芳", &plain)
        .unwrap();
    sheet.merge_range(8, 4, 8, 5, "审核：李军", &plain).unwrap();
    sheet
        .merge_range(8, 6, 8, 8, "日期：2026年1月5日", &plain)
        .unwrap();
    sheet
        .write_string(9, 0, "备注：身份证号请按文本格式填写")
        .unwrap();
    book.save(path).unwrap();
}

/// Clicks a unit in 人员档案's tree and waits until it is the selected one.
async fn select_unit(app: &App, name: &str) {
    let node = app
        .xpath(&format!(
            "//*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='{name}']"
        ))
        .await;
    app.press(&node, &format!("单位树中的{name}")).await;
    app.xpath(&format!(
        "//*[contains(@class,'el-tree-node') and contains(@class,'is-current')]\
         /*[contains(@class,'el-tree-node__content')]//*[normalize-space(text())='{name}']"
    ))
    .await;
}

/// 人员档案 → 城关供电所 → 导入: the roster goes into 城关供电所, its 班组 created side by side
/// under it, the footer listed as 跳过, the bad row named; the people then show under their 班组.
#[tokio::test(flavor = "multi_thread")]
async fn a_roster_without_employee_numbers_imports_into_the_chosen_unit() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let roster = data.path().join("城关供电所花名册.xlsx");
    write_roster(&roster);
    let chengguan = {
        let mut store = qungong::Db::open(&db).unwrap();
        store
            .transact(
                &qungong::Actor::local(),
                qungong::Action::Demo,
                |tx| -> qungong::Result<i64> {
                    use qungong::codes::UnitKind;
                    let company =
                        qungong::units::add(tx, "国网示范县供电公司", UnitKind::Company, None)?;
                    qungong::units::add(tx, "城关供电所", UnitKind::Station, Some(company))
                },
            )
            .unwrap()
    };
    let app = App::start(4484, data, &db, Dialogs::Scripted).await;

    app.click("nav-people").await;
    select_unit(&app, "城关供电所").await;
    app.click("people-import").await;
    // The wizard's hint says how people without 工号 are told apart.
    app.xpath("//p[contains(., '表中没有工号时按身份证号')]")
        .await;
    app.answer_next_dialog(&roster);
    app.click("import-pick").await;
    app.wait_dialogs_answered().await;
    app.wait_text("import-mapping", "the columns mapped", |t| {
        t.contains("身份证号") && t.contains("部门")
    })
    .await;
    app.wait_text("import-target", "导入到 城关供电所", |t| {
        t.contains("城关供电所")
    })
    .await;
    app.click("import-create-units").await;
    app.xpath("//*[@data-testid='import-create-units' and contains(@class,'is-checked')]")
        .await;

    app.click("import-preview").await;
    app.wait_text(
        "import-summary",
        "4 new, 1 error, the footer skipped",
        |t| t.contains("新增 4 人") && t.contains("1 行有错误") && t.contains("表尾等 2 行"),
    )
    .await;
    let target = app.text("import-target-shown").await;
    assert_eq!(target, "导入到：国网示范县供电公司/城关供电所");
    let notes = app.text("import-notes").await;
    assert!(notes.contains("表中没有工号列"), "{notes}");
    let rows = app.text("import-rows").await;
    assert!(
        rows.contains("吴刚") && rows.contains("校验位错误"),
        "the errors first: {rows}"
    );
    app.click("import-filter-跳过").await;
    app.wait_text("import-rows", "the footer rows", |t| {
        t.contains("表尾：制表人：王芳 审核：李军 日期：2026年1月5日")
            && t.contains("表尾：备注：身份证号请按文本格式填写")
    })
    .await;
    app.click("import-filter-新增").await;
    let rows = app
        .wait_text("import-rows", "the new rows", |t| t.contains("李秀英"))
        .await;
    for team in ["综合班", "营业班", "运维一班"] {
        assert!(
            rows.contains(&format!("新建单位 国网示范县供电公司/城关供电所/{team}")),
            "{team} created under 城关供电所: {rows}"
        );
    }

    app.click("import-commit").await;
    app.wait_text("import-result", "导入完成", |t| t.contains("新增 4 人"))
        .await;
    app.click("import-done").await;
    app.wait_gone("import-result").await;

    // The new 班组 are in the tree under 城关供电所, with their people.
    select_unit(&app, "营业班").await;
    app.wait_text("people-table", "营业班's people", |t| {
        t.contains("张伟") && t.contains("陈静") && !t.contains("李秀英")
    })
    .await;
    select_unit(&app, "运维一班").await;
    app.wait_text("people-table", "运维一班's people", |t| {
        t.contains("刘洋") && !t.contains("张伟") && !t.contains("吴刚")
    })
    .await;

    let store = qungong::Db::open(&db).unwrap();
    let units = qungong::units::list(store.conn()).unwrap();
    for team in ["综合班", "营业班", "运维一班"] {
        assert!(
            units
                .iter()
                .any(|u| u.name == team && u.parent_id == Some(chengguan)),
            "{team} under 城关供电所"
        );
    }
    let liu = qungong::people::by_key(store.conn(), &id_for("19880505", 71)).unwrap();
    assert_eq!(liu.employee_no, None);
    assert_eq!(liu.professional_title.as_deref(), Some("高级工程师"));
}
