//! Staff import from real .xlsx, .xls and GBK .csv files, messy on purpose: a title merged over
//! the header, blank rows, a 部门 merged down, every date form, full-width characters, a bad
//! check digit, a duplicate 工号, an unknown and an ambiguous unit.
mod common;

use std::path::{Path, PathBuf};

use common::qungong as cli;
use common::{TestDb, date, logical_dump};
use qungong::codes::{Education, Gender, PoliticalStatus};
use qungong::people::import::{
    self as people_import, Field, ImportOptions, Preview, RowAction, auto_mapping,
};
use qungong::people::{self, PersonInput};
use qungong::xlsx::read::Cell;
use qungong::{Actor, Db};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const HEADER: [&str; 14] = [
    "序号",
    "工号",
    "姓名",
    "性别",
    "出生日期",
    "身份证号码",
    "部门",
    "班组",
    "岗位",
    "文化程度",
    "政治面貌",
    "参加工作时间",
    "入职时间",
    "联系电话",
];

/// A cell of the messy sheet: text, a number, or a real Excel date cell.
#[derive(Clone, Copy)]
enum V {
    T(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}
use V::{D, E, N, T};

/// Data rows, starting on sheet row 4 (title on row 1, blank row 2, header on row 3). Row 6
/// is blank. 部门 of rows 4–5 is one merged cell.
fn data_rows() -> Vec<(u32, [V; 14])> {
    vec![
        // 4: Excel date cell, ID with its birth date and gender, 党员, phone with spaces.
        (
            4,
            [
                N(1.0),
                T("10001"),
                T("张三"),
                E,
                D(1985, 3, 12),
                T("140105198503120018"),
                T("营销部"),
                T("一班"),
                T("班员"),
                T("本科"),
                T("党员"),
                T("2007/7/1"),
                T("2007.7.1"),
                T("138 1234 5678"),
            ],
        ),
        // 5: 部门 from the merged cell, a name with a space, a date serial as a plain number.
        (
            5,
            [
                N(2.0),
                N(10002.0),
                T("李 娜"),
                T("女"),
                T("1990.5.6"),
                E,
                E,
                T("一班"),
                E,
                T("硕士研究生"),
                T("中共党员"),
                N(41456.0),
                T("2013年7月1日"),
                E,
            ],
        ),
        // 7: full-width 工号 and letters, 19880808, 大专, 共产党员, 2010年7月 (month only).
        (
            7,
            [
                N(3.0),
                T("１０００３"),
                T("王五"),
                T("男"),
                T("19880808"),
                E,
                T("运检部"),
                E,
                T("ＧＩＳ运维"),
                T("大专"),
                T("共产党员"),
                T("2010年7月"),
                T("201007"),
                E,
            ],
        ),
        // 8: lower-case x in the ID, birth as year and month only (1949.12), gender blank.
        (
            8,
            [
                N(4.0),
                T("10004"),
                T("赵六"),
                E,
                T("1949.12"),
                T("11010519491231002x"),
                T("运检部"),
                E,
                E,
                E,
                T("群众"),
                T("1968-03-01"),
                N(19680301.0),
                E,
            ],
        ),
        // 9: bad check digit.
        (
            9,
            [
                N(5.0),
                T("10005"),
                T("孙七"),
                T("男"),
                E,
                T("140105198503120017"),
                T("营销部"),
                E,
                E,
                E,
                E,
                E,
                E,
                E,
            ],
        ),
        // 10: 工号 already used on row 4.
        (
            10,
            [
                N(6.0),
                T("10001"),
                T("周八"),
                T("男"),
                T("1985年3月12日"),
                E,
                T("营销部"),
                E,
                E,
                E,
                E,
                E,
                E,
                E,
            ],
        ),
        // 11: a unit not in the tree.
        (
            11,
            [
                N(7.0),
                T("10006"),
                T("吴九"),
                T("男"),
                N(1985.03),
                E,
                T("物资部"),
                T("仓储班"),
                E,
                E,
                E,
                T("2005/3/12"),
                E,
                E,
            ],
        ),
        // 12: already stored, 岗位 changes.
        (
            12,
            [
                N(8.0),
                T("10008"),
                T("陈一"),
                T("男"),
                T("1980-05-06"),
                E,
                T("营销部"),
                E,
                T("班长"),
                E,
                E,
                E,
                E,
                E,
            ],
        ),
        // 13: already stored, the same.
        (
            13,
            [
                N(9.0),
                T("10009"),
                T("褚二"),
                T("男"),
                D(1980, 5, 6),
                E,
                T("营销部"),
                E,
                E,
                E,
                E,
                E,
                E,
                E,
            ],
        ),
        // 14: 一班 alone is in two departments.
        (
            14,
            [
                N(10.0),
                T("10010"),
                T("卫三"),
                T("女"),
                T("1985.3.12"),
                E,
                E,
                T("一班"),
                E,
                E,
                E,
                E,
                E,
                E,
            ],
        ),
    ]
}

/// The messy roster as an .xlsx file.
fn write_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    let title = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 13, "城东供电公司职工花名册（2026年）", &title)
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (row_no, cells) in data_rows() {
        let r = row_no - 1;
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            match *v {
                T(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                N(n) => {
                    sheet.write_number(r, c, n).unwrap();
                }
                D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &dt, &date_format)
                        .unwrap();
                }
                E => {}
            }
        }
    }
    // 部门 of rows 4–5 as one merged cell (written after the data, over it).
    sheet
        .merge_range(3, 6, 4, 6, "营销部", &Format::new())
        .unwrap();
    book.save(path).unwrap();
}

/// The same roster as a CSV in GBK, as Excel in China saves it (dates as shown, the serial
/// of row 5 shown as a date, the 部门 merged cell only on its first row).
fn write_gbk_csv(path: &Path) {
    let mut text =
        String::from("城东供电公司职工花名册（2026年）,,,,,,,,,,,,,\r\n,,,,,,,,,,,,,\r\n");
    text.push_str(&HEADER.join(","));
    text.push_str("\r\n");
    let mut next = 4;
    for (row_no, cells) in data_rows() {
        while next < row_no {
            text.push_str(",,,,,,,,,,,,,\r\n");
            next += 1;
        }
        let fields: Vec<String> = cells
            .iter()
            .map(|v| match *v {
                T(s) => s.to_string(),
                N(41456.0) => "2013-07-01".to_string(),
                N(n) => qungong::xlsx::read::number_text(n),
                D(y, m, d) => format!("{y}-{m:02}-{d:02}"),
                E => String::new(),
            })
            .collect();
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
        next += 1;
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(path, bytes).unwrap();
}

struct Branch {
    t: TestDb,
}

/// 城东供电公司 with 营销部/一班 and 运检部/一班, and two people already stored.
fn branch() -> Branch {
    let mut t = TestDb::new();
    let company = t.unit("城东供电公司", None);
    let marketing = t.unit("营销部", Some(company));
    t.unit("一班", Some(marketing));
    let maintenance = t.unit("运检部", Some(company));
    t.unit("一班", Some(maintenance));
    t.person("10008", "陈一", marketing);
    t.person("10009", "褚二", marketing);
    Branch { t }
}

fn no_progress() -> impl FnMut(usize, usize) -> bool {
    |_, _| true
}

fn run_preview(db: &mut Db, path: &Path, create_units: bool) -> Preview {
    let sheet = people_import::load(path).unwrap();
    let options = ImportOptions {
        mapping: None,
        create_units,
        ..Default::default()
    };
    people_import::preview(db, &sheet, &options, &mut no_progress()).unwrap()
}

fn run_commit(db: &mut Db, path: &Path, create_units: bool) -> Preview {
    let sheet = people_import::load(path).unwrap();
    let options = ImportOptions {
        mapping: None,
        create_units,
        ..Default::default()
    };
    people_import::commit(
        db,
        &Actor("测试".into()),
        &sheet,
        &options,
        &mut no_progress(),
    )
    .unwrap()
}

/// (row, action, first error) of every row of a preview.
fn summary(p: &Preview) -> Vec<(usize, &'static str, String)> {
    p.rows
        .iter()
        .map(|r| {
            (
                r.row_no,
                r.action.label(),
                r.errors.first().cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn expected(create_units: bool) -> Vec<(usize, &'static str, String)> {
    let s = |x: &str| x.to_string();
    vec![
        (4, "新增", s("")),
        (5, "新增", s("")),
        (7, "新增", s("")),
        (8, "新增", s("")),
        (
            9,
            "错误",
            s("行 9：身份证号校验位错误（按 GB 11643 应为 8）"),
        ),
        (10, "错误", s("行 10：工号 10001 与第 4 行重复")),
        if create_units {
            (11, "新增", s(""))
        } else {
            (
                11,
                "错误",
                s(
                    "行 11：所在单位：单位“物资部/仓储班”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）",
                ),
            )
        },
        (12, "更新", s("")),
        (13, "不变", s("")),
        (
            14,
            "错误",
            s(
                "行 14：所在单位：有多个单位名为“一班”：城东供电公司/营销部/一班、城东供电公司/运检部/一班。请写出上级单位，如“城东供电公司/营销部/一班”",
            ),
        ),
    ]
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

#[test]
fn xlsx_preview_shows_every_row_and_writes_nothing() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&path);
    let sheet = people_import::load(&path).unwrap();
    let mapping = auto_mapping(&sheet).unwrap();
    assert_eq!(
        mapping.header_row, 3,
        "the title row and the blank row are skipped"
    );
    assert_eq!(mapping.column_of(Field::EmployeeNo), Some(1));
    assert_eq!(mapping.column_of(Field::WorkStartDate), Some(11));
    assert_eq!(mapping.columns[0].field, None, "序号 is not a field");

    let before = logical_dump(b.t.db.conn());
    let p = run_preview(&mut b.t.db, &path, false);
    assert_eq!(summary(&p), expected(false));
    assert_eq!(
        logical_dump(b.t.db.conn()),
        before,
        "a dry run writes nothing"
    );
    assert!(!p.committed);
    assert_eq!(
        (
            p.totals.new,
            p.totals.updated,
            p.totals.unchanged,
            p.totals.errors
        ),
        (4, 1, 1, 4)
    );
    assert_eq!(p.totals.rows, 10);
    assert_eq!(p.totals.blank, 1, "the blank row 6");
    assert_eq!(p.totals.skipped, 0);
    let row12 = p.rows.iter().find(|r| r.row_no == 12).unwrap();
    assert_eq!(row12.changes, ["岗位：（空） → 班长"]);
    let row7 = p.rows.iter().find(|r| r.row_no == 7).unwrap();
    assert_eq!(row7.employee_no, "10003");
    assert_eq!(row7.unit, "城东供电公司/运检部");
    let row5 = p.rows.iter().find(|r| r.row_no == 5).unwrap();
    assert_eq!(
        row5.unit, "城东供电公司/营销部/一班",
        "部门 from the merged cell"
    );
}

#[test]
fn xlsx_commit_normalises_every_field_and_a_second_import_changes_nothing() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&path);
    let p = run_commit(&mut b.t.db, &path, false);
    assert!(p.committed);
    assert_eq!(summary(&p), expected(false));

    let conn = b.t.db.conn();
    let zhang = people::by_employee_no(conn, "10001").unwrap();
    assert_eq!(zhang.birth_date, date("1985-03-12"));
    assert_eq!(zhang.gender, Gender::Male);
    assert_eq!(zhang.political_status, Some(PoliticalStatus::CpcMember));
    assert_eq!(zhang.education, Some(Education::Bachelor));
    assert_eq!(zhang.phone.as_deref(), Some("13812345678"));
    assert_eq!(zhang.work_start_date, Some(date("2007-07-01")));
    assert_eq!(zhang.hire_date, Some(date("2007-07-01")));
    assert_eq!(zhang.unit_name, "一班");
    let li = people::by_employee_no(conn, "10002").unwrap();
    assert_eq!(li.name, "李娜");
    assert_eq!(li.birth_date, date("1990-05-06"));
    assert_eq!(li.work_start_date, Some(date("2013-07-01")), "serial 41456");
    assert_eq!(li.education, Some(Education::Postgraduate));
    let wang = people::by_employee_no(conn, "10003").unwrap();
    assert_eq!(wang.birth_date, date("1988-08-08"));
    assert_eq!(wang.position.as_deref(), Some("GIS运维"));
    assert_eq!(wang.work_start_date, Some(date("2010-07-01")));
    assert_eq!(wang.hire_date, Some(date("2010-07-01")));
    let zhao = people::by_employee_no(conn, "10004").unwrap();
    assert_eq!(zhao.id_number.as_deref(), Some("11010519491231002X"));
    assert_eq!(
        zhao.birth_date,
        date("1949-12-31"),
        "1949.12 agrees with the ID"
    );
    assert_eq!(zhao.gender, Gender::Female);
    assert_eq!(zhao.hire_date, Some(date("1968-03-01")));
    assert_eq!(
        people::by_employee_no(conn, "10008")
            .unwrap()
            .position
            .as_deref(),
        Some("班长")
    );
    assert!(people::by_employee_no(conn, "10005").is_err());
    let audit = qungong::db::audit_log(conn, 1).unwrap();
    assert_eq!(audit[0].action, "person.import");
    assert_eq!(
        audit[0].detail,
        "导入职工花名册（花名册）：新增 4 人，更新 1 人，不变 1 人，有错未导入 4 行"
    );
    assert!(
        !audit[0].detail.contains("1401"),
        "no ID numbers in the log"
    );

    // Again: nothing to add or update, nothing written (not even an audit row).
    let dump = logical_dump(b.t.db.conn());
    let audit_count = qungong::db::audit_log(b.t.db.conn(), 1000).unwrap().len();
    let again = run_commit(&mut b.t.db, &path, false);
    let actions: Vec<_> = again.rows.iter().map(|r| r.action.label()).collect();
    assert_eq!(
        actions,
        [
            "不变", "不变", "不变", "不变", "错误", "错误", "错误", "不变", "不变", "错误"
        ]
    );
    assert_eq!(logical_dump(b.t.db.conn()), dump);
    assert_eq!(
        qungong::db::audit_log(b.t.db.conn(), 1000).unwrap().len(),
        audit_count
    );
}

#[test]
fn missing_units_are_created_when_asked() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&path);
    let p = run_preview(&mut b.t.db, &path, true);
    assert_eq!(summary(&p), expected(true));
    assert_eq!(
        p.new_units,
        ["城东供电公司/物资部", "城东供电公司/物资部/仓储班"]
    );
    let row11 = p.rows.iter().find(|r| r.row_no == 11).unwrap();
    assert_eq!(
        row11.notes,
        [
            "新建单位 城东供电公司/物资部",
            "新建单位 城东供电公司/物资部/仓储班",
            "出生日期只填到月，按当月 1 日记录"
        ]
    );
    assert!(
        qungong::units::resolve(b.t.db.conn(), "物资部").is_err(),
        "the dry run created nothing"
    );
    run_commit(&mut b.t.db, &path, true);
    let wu = people::by_employee_no(b.t.db.conn(), "10006").unwrap();
    assert_eq!(wu.unit_name, "仓储班");
    assert_eq!(wu.birth_date, date("1985-03-01"));
    let units = qungong::units::list(b.t.db.conn()).unwrap();
    let store = units.iter().find(|u| u.name == "仓储班").unwrap();
    assert_eq!(store.path, "城东供电公司/物资部/仓储班");
    assert_eq!(store.kind, qungong::codes::UnitKind::Team);
}

#[test]
fn gbk_csv_gives_the_same_preview() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.csv");
    write_gbk_csv(&path);
    let bytes = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let sheet = people_import::load(&path).unwrap();
    assert_eq!(
        sheet.cell(0, 0),
        &Cell::Text("城东供电公司职工花名册（2026年）".into())
    );
    // In a CSV the merged 部门 is only on its first row: row 5 then names 一班 alone,
    // which is in two departments.
    let mut want = expected(false);
    want[1] = (
        5,
        "错误",
        "行 5：所在单位：有多个单位名为“一班”：城东供电公司/营销部/一班、城东供电公司/运检部/一班。请写出上级单位，如“城东供电公司/营销部/一班”".into(),
    );
    let p = run_preview(&mut b.t.db, &path, false);
    assert_eq!(summary(&p), want);
    run_commit(&mut b.t.db, &path, false);
    let zhang = people::by_employee_no(b.t.db.conn(), "10001").unwrap();
    assert_eq!(zhang.work_start_date, Some(date("2007-07-01")));
}

#[test]
fn xls_fixture_gives_the_same_preview() {
    // Made from the same roster by scripts/make-import-fixtures.sh (LibreOffice).
    let path = fixture_dir().join("roster.xls");
    let mut b = branch();
    let p = run_preview(&mut b.t.db, &path, false);
    assert_eq!(summary(&p), expected(false));
}

#[test]
fn ods_fixture_gives_the_same_preview() {
    // calamine does not report merged regions in .ods: the merged 部门 is on row 4 only, so
    // row 5 names 一班 alone, as in a CSV.
    let path = fixture_dir().join("roster.ods");
    let mut b = branch();
    let p = run_preview(&mut b.t.db, &path, false);
    let mut want = expected(false);
    want[1] = (5, "错误", ambiguous_team(5));
    assert_eq!(summary(&p), want);
}

fn ambiguous_team(row: usize) -> String {
    format!(
        "行 {row}：所在单位：有多个单位名为“一班”：城东供电公司/营销部/一班、城东供电公司/运检部/一班。请写出上级单位，如“城东供电公司/营销部/一班”"
    )
}

/// Writes the roster .xlsx the .xls fixture is converted from:
/// `IMPORT_FIXTURE_OUT=… cargo test --test import_people -- --ignored write_fixture_source`.
#[test]
#[ignore]
fn write_fixture_source() {
    let out = std::env::var("IMPORT_FIXTURE_OUT").expect("IMPORT_FIXTURE_OUT");
    write_xlsx(Path::new(&out));
}

fn db_file_bytes(db: &Db) -> Vec<u8> {
    std::fs::read(db.path()).unwrap()
}

#[test]
fn a_failed_import_leaves_the_database_as_it_was() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&path);
    let sheet = people_import::load(&path).unwrap();
    let options = ImportOptions {
        mapping: None,
        create_units: true,
        ..Default::default()
    };
    let dump = logical_dump(b.t.db.conn());
    let audit = qungong::db::audit_log(b.t.db.conn(), 1000).unwrap().len();
    let file = db_file_bytes(&b.t.db);

    // The audit row, written last after every person, fails.
    b.t.db
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_log
             BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;",
        )
        .unwrap();
    let err = people_import::commit(
        &mut b.t.db,
        &Actor("测试".into()),
        &sheet,
        &options,
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    b.t.db
        .conn()
        .execute_batch("DROP TRIGGER no_audit")
        .unwrap();
    assert_eq!(logical_dump(b.t.db.conn()), dump);
    assert_eq!(
        qungong::db::audit_log(b.t.db.conn(), 1000).unwrap().len(),
        audit
    );

    // Cancelled half-way (the user closes the dialog).
    let mut calls = 0;
    let mut cancel = |done: usize, total: usize| {
        calls += 1;
        done < total / 2
    };
    let err = people_import::commit(
        &mut b.t.db,
        &Actor("测试".into()),
        &sheet,
        &options,
        &mut cancel,
    )
    .unwrap_err();
    assert_eq!(err.code(), "import.cancelled");
    assert_eq!(err.to_string(), "导入已取消，数据库未作任何改动");
    assert!(calls > 1);
    assert_eq!(logical_dump(b.t.db.conn()), dump);
    assert_eq!(
        db_file_bytes(&b.t.db),
        file,
        "the database file is byte-identical"
    );
}

#[test]
fn a_corrected_mapping_is_used() {
    let mut b = branch();
    let path = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&path);
    let sheet = people_import::load(&path).unwrap();
    let mut mapping = auto_mapping(&sheet).unwrap();
    // The user says 入职时间 is not to be imported, and 岗位 is ignored.
    for c in &mut mapping.columns {
        if matches!(c.title.as_str(), "入职时间" | "岗位") {
            c.field = None;
        }
    }
    let options = ImportOptions {
        mapping: Some(mapping.clone()),
        create_units: false,
        ..Default::default()
    };
    let p = people_import::preview(&mut b.t.db, &sheet, &options, &mut no_progress()).unwrap();
    assert_eq!(p.mapping, mapping);
    let row12 = p.rows.iter().find(|r| r.row_no == 12).unwrap();
    assert_eq!(row12.action, RowAction::Unchanged, "岗位 is not read");

    // A mapping with neither 工号 nor 身份证号 is refused before anything runs.
    let mut bad = mapping;
    for c in &mut bad.columns {
        if matches!(c.field, Some(Field::EmployeeNo | Field::IdNumber)) {
            c.field = None;
        }
    }
    let options = ImportOptions {
        mapping: Some(bad),
        create_units: false,
        ..Default::default()
    };
    let err =
        people_import::preview(&mut b.t.db, &sheet, &options, &mut no_progress()).unwrap_err();
    assert_eq!(err.to_string(), "请指定“工号”或“身份证号”所在的列");
}

#[test]
fn people_are_found_by_id_number_when_the_sheet_has_no_employee_number() {
    let mut b = branch();
    let unit = qungong::units::resolve(b.t.db.conn(), "营销部").unwrap();
    b.t.write(|tx| {
        people::add(
            tx,
            PersonInput {
                employee_no: Some("20001".into()),
                name: "蒋四".into(),
                id_number: Some("140105198503120018".into()),
                unit_id: unit,
                ..Default::default()
            },
        )
    })
    .unwrap();
    let csv = "姓名,身份证号,岗位\n蒋四,140105198503120018,营销员\n沈五,11010519491231002X,班员\n";
    let sheet = people_import::load_bytes(csv.as_bytes(), "名单.csv").unwrap();
    let p = people_import::preview(
        &mut b.t.db,
        &sheet,
        &ImportOptions::default(),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(
        summary(&p),
        [
            (2, "更新", String::new()),
            (3, "错误", "行 3：所在单位：为空".into())
        ]
    );
    assert_eq!(p.rows[0].changes, ["岗位：（空） → 营销员"]);
    assert_eq!(p.rows[0].employee_no, "20001");
}

#[test]
fn a_file_without_a_roster_header_is_refused() {
    let mut b = branch();
    let sheet = people_import::load_bytes("会议纪要\n时间,地点\n".as_bytes(), "x.csv").unwrap();
    let err = people_import::preview(
        &mut b.t.db,
        &sheet,
        &ImportOptions::default(),
        &mut no_progress(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "import.no_header");
}

#[test]
fn cli_previews_then_imports_and_reports_the_errors() {
    let b = branch();
    let db = b.t.db.path().to_path_buf();
    let file = b.t.dir.path().join("花名册.xlsx");
    write_xlsx(&file);
    let file = file.to_str().unwrap();

    let out = cli(&db, &["import", "people", file, "--dry-run"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("表头在第 3 行"), "{stdout}");
    assert!(stdout.contains("行 9：身份证号校验位错误（按 GB 11643 应为 8）"));
    assert!(stdout.contains("预览（未写入）：共 10 行，新增 4，更新 1，不变 1，错误 4"));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("有 4 行有错误，导入时将跳过这些行")
    );

    let out = cli(&db, &["--json", "import", "people", file, "--create-units"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["committed"], true);
    assert_eq!(json["totals"]["new"], 5);
    assert_eq!(json["rows"][0]["action"], "新增");
    assert_eq!(
        json["rows"][4]["errors"][0],
        "行 9：身份证号校验位错误（按 GB 11643 应为 8）"
    );

    // A sheet in which every row is wrong fails (exit 1) and writes nothing.
    let bad = b.t.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "工号,姓名,出生日期,部门\n30001,甲,1985-02-30,营销部\n",
    )
    .unwrap();
    let out = cli(&db, &["import", "people", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("错误：导入：全部 1 行都有错误，未导入任何数据")
    );
}

#[test]
fn the_roster_sheet_is_chosen_among_others_and_progress_is_reported() {
    let mut b = branch();
    let path = b.t.dir.path().join("两张表.xlsx");
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "请按工号填写，姓名不要带空格")
        .unwrap();
    let roster = book.add_worksheet();
    roster.set_name("职工名单").unwrap();
    for (c, h) in ["工号", "姓名", "性别", "出生年月", "单位"]
        .iter()
        .enumerate()
    {
        roster.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..250u32 {
        let no = format!("{}", 40000 + i);
        for (c, v) in [
            no.as_str(),
            "测试",
            "男",
            "1990.06",
            "城东供电公司/运检部/一班",
        ]
        .iter()
        .enumerate()
        {
            roster.write_string(i + 1, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    let sheet = people_import::load(&path).unwrap();
    assert_eq!(sheet.name, "职工名单");
    let mut seen = Vec::new();
    let mut progress = |done: usize, total: usize| {
        seen.push((done, total));
        true
    };
    let p = people_import::commit(
        &mut b.t.db,
        &Actor("测试".into()),
        &sheet,
        &ImportOptions::default(),
        &mut progress,
    )
    .unwrap();
    assert_eq!(p.totals.new, 250);
    assert_eq!(seen.first(), Some(&(0, 250)));
    assert_eq!(seen.last(), Some(&(250, 250)));
    assert!(seen.len() > 100, "about every 1 %");
    let p = people::by_employee_no(b.t.db.conn(), "40249").unwrap();
    assert_eq!(p.unit_name, "一班");
    assert_eq!(p.birth_date, date("1990-06-01"));
}

// ---------------------------------------------------------------------------------------------
// A branch's own roster, as a 供电所 keeps it: a title, no 工号 column (people are known by
// their 身份证号), its 班组 in the 部门 column, 职称 as written, a few bad rows and a 制表人 /
// 审核 / 日期 footer under a 合计 row.

/// A valid ID number for a birth date (yyyymmdd) and a sequence (odd: male, even: female).
fn id_for(birth: &str, seq: u32) -> String {
    let first17 = format!("140105{birth}{seq:03}");
    let check = qungong::idcard::check_char(&first17);
    format!("{first17}{check}")
}

/// The same with a wrong check digit.
fn bad_id_for(birth: &str, seq: u32) -> String {
    let good = id_for(birth, seq);
    let last = good.chars().last().unwrap();
    let wrong = if last == '1' { '2' } else { '1' };
    format!("{}{wrong}", &good[..17])
}

const BRANCH_HEADER: [&str; 13] = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "身份证号",
    "部门",
    "岗位",
    "学历",
    "职称",
    "技能等级",
    "政治面貌",
    "参加工作时间",
    "联系电话",
];

/// One person of the branch roster: (姓名, 性别, birth yyyymmdd, ID, 部门, 岗位, 学历, 职称,
/// 技能等级, 政治面貌, 参加工作时间, 电话).
type BranchRow = [String; 12];

fn branch_people() -> Vec<BranchRow> {
    let row = |cells: [&str; 12]| cells.map(str::to_string);
    let (a, b) = (id_for("19700315", 11), id_for("19780822", 22));
    let (c, d) = (id_for("19850612", 31), id_for("19900101", 51));
    let (e, f) = (id_for("19951120", 62), id_for("19880505", 71));
    let (g, h) = (id_for("19920909", 91), id_for("19830214", 82));
    let bad = bad_id_for("19870707", 13);
    let i = id_for("19910303", 24);
    let bad2 = bad_id_for("19890909", 15);
    vec![
        // 4: the head of the 供电所: its own name in the 部门 column.
        row([
            "王建国",
            "男",
            "1970.03",
            &a,
            "城关供电所",
            "所长",
            "本科",
            "高级工程师",
            "",
            "中共党员",
            "1990.07",
            "13800000001",
        ]),
        // 5
        row([
            "李秀英",
            "女",
            "1978.08",
            &b,
            "综合班",
            "政工专责",
            "本科",
            "政工师",
            "",
            "中共党员",
            "2000.07",
            "",
        ]),
        // 6
        row([
            "张伟",
            "男",
            "1985.06",
            &c,
            "营业班",
            "营业员",
            "大专",
            "助理工程师",
            "高级工",
            "群众",
            "2006.08",
            "",
        ]),
        // 7
        row([
            "刘洋",
            "男",
            "1990.01",
            &d,
            "运维一班",
            "班长",
            "本科",
            "工程师",
            "技师",
            "中共党员",
            "2012.07",
            "",
        ]),
        // 8
        row([
            "陈静",
            "女",
            "1995.11",
            &e,
            "营业班",
            "营业员",
            "大专",
            "技术员",
            "中级工",
            "共青团员",
            "2017.07",
            "",
        ]),
        // 9
        row([
            "杨帆",
            "男",
            "1988.05",
            &f,
            "运维一班",
            "运维工",
            "本科",
            "",
            "高级工",
            "群众",
            "2010.07",
            "",
        ]),
        // 10
        row([
            "赵磊",
            "男",
            "1992.09",
            &g,
            "综合班",
            "资料员",
            "中专",
            "",
            "初级工",
            "群众",
            "2013.03",
            "",
        ]),
        // 11: no 部门: the 供电所 itself.
        row([
            "周敏",
            "女",
            "1983.02",
            &h,
            "",
            "副所长",
            "本科",
            "经济师",
            "",
            "中共党员",
            "2004.07",
            "",
        ]),
        // 12: a wrong check digit.
        row([
            "吴刚",
            "男",
            "1987.07",
            &bad,
            "运维一班",
            "运维工",
            "大专",
            "",
            "中级工",
            "群众",
            "2009.07",
            "",
        ]),
        // 13: an unknown 学历.
        row([
            "郑丽",
            "女",
            "1991.03",
            &i,
            "综合班",
            "出纳",
            "幼儿园",
            "",
            "",
            "群众",
            "2014.07",
            "",
        ]),
        // 14: both at once.
        row([
            "孙强",
            "男",
            "1989.09",
            &bad2,
            "营业班",
            "营业员",
            "幼儿园",
            "",
            "",
            "群众",
            "2011.07",
            "",
        ]),
        // 15: neither 工号 nor 身份证号.
        row([
            "马超",
            "男",
            "1993.04",
            "",
            "营业班",
            "营业员",
            "本科",
            "",
            "",
            "群众",
            "2015.07",
            "",
        ]),
    ]
}

/// The branch roster as an .xlsx: title on row 1, 填报单位 on row 2, header on row 3, people on
/// rows 4–15, 合计 on 16, blank 17, footer 制表人 / 审核 / 日期 on 18 (merged cells), 备注 on
/// 19 and a note line on 20. With `team_column`, 部门 and a separate 班组 column instead.
fn write_branch_roster(path: &Path, people: &[BranchRow]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            12,
            "城关供电所职工花名册",
            &Format::new().set_bold(),
        )
        .unwrap();
    sheet
        .merge_range(1, 0, 1, 5, "填报单位：城关供电所", &plain)
        .unwrap();
    sheet.write_string(1, 9, "填报日期：2026年1月5日").unwrap();
    for (c, h) in BRANCH_HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let mut r = 3u32;
    for (k, p) in people.iter().enumerate() {
        sheet.write_number(r, 0, (k + 1) as f64).unwrap();
        for (c, v) in p.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r, c as u16 + 1, v).unwrap();
            }
        }
        r += 1;
    }
    // 合计 right under the table, its count in the 姓名 column.
    sheet.write_string(r, 0, "合  计").unwrap();
    sheet
        .write_string(r, 1, format!("{}人", people.len()))
        .unwrap();
    r += 2;
    sheet
        .merge_range(r, 0, r, 2, "制表人：王芳", &plain)
        .unwrap();
    sheet.merge_range(r, 4, r, 6, "审核：李军", &plain).unwrap();
    sheet
        .merge_range(r, 9, r, 12, "日期：2026年1月5日", &plain)
        .unwrap();
    r += 1;
    sheet
        .merge_range(r, 0, r, 12, "备注：身份证号请按文本格式填写。", &plain)
        .unwrap();
    r += 1;
    sheet
        .write_string(r, 0, "本表一式两份，报人资部一份。")
        .unwrap();
    book.save(path).unwrap();
}

/// 国网示范县供电公司 with 城关供电所 and 东关供电所; 东关供电所 already has a 综合班 (so a
/// 综合班 looked for everywhere would be found in the wrong place).
struct County {
    t: TestDb,
    company: i64,
    chengguan: i64,
    dongguan_team: i64,
}

fn county() -> County {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let chengguan = t.unit("城关供电所", Some(company));
    let dongguan = t.unit("东关供电所", Some(company));
    let dongguan_team = t.unit("综合班", Some(dongguan));
    County {
        t,
        company,
        chengguan,
        dongguan_team,
    }
}

fn into(target: i64, create_units: bool) -> ImportOptions {
    ImportOptions {
        mapping: None,
        create_units,
        target_unit_id: Some(target),
    }
}

/// (row, action, every error and note joined) of every row of a preview.
fn full_summary(p: &Preview) -> Vec<(usize, &'static str, String)> {
    p.rows
        .iter()
        .map(|r| {
            let text = r.errors.iter().chain(&r.notes).cloned().collect::<Vec<_>>();
            (r.row_no, r.action.label(), text.join(" | "))
        })
        .collect()
}

const CG: &str = "国网示范县供电公司/城关供电所";

#[test]
fn a_branch_roster_without_employee_numbers_imports_into_the_chosen_unit() {
    let mut c = county();
    let path = c.t.dir.path().join("城关供电所花名册.xlsx");
    let people = branch_people();
    write_branch_roster(&path, &people);
    let sheet = people_import::load(&path).unwrap();
    let mapping = auto_mapping(&sheet).unwrap();
    assert_eq!(
        mapping.header_row, 3,
        "the title and 填报单位 rows are above"
    );
    assert_eq!(mapping.column_of(Field::EmployeeNo), None);
    assert_eq!(mapping.column_of(Field::IdNumber), Some(4));

    let before = logical_dump(c.t.db.conn());
    let options = into(c.chengguan, true);
    let p = people_import::preview(&mut c.t.db, &sheet, &options, &mut no_progress()).unwrap();
    assert_eq!(
        logical_dump(c.t.db.conn()),
        before,
        "a dry run writes nothing"
    );
    assert_eq!(p.target.as_deref(), Some(CG));
    let s = |x: &str| x.to_string();
    let team = |t: &str| format!("新建单位 {CG}/{t}");
    // Rows 12 and 14 hold these IDs with a wrong last character.
    let bad_digit = |row: usize| {
        let (birth, seq) = if row == 12 {
            ("19870707", 13)
        } else {
            ("19890909", 15)
        };
        format!(
            "行 {row}：身份证号校验位错误（按 GB 11643 应为 {}）",
            id_for(birth, seq).chars().last().unwrap()
        )
    };
    let edu =
        "学历“幼儿园”无法识别，可填：研究生、大学本科、大学专科、中专、高中、初中、小学、其他";
    assert_eq!(
        full_summary(&p),
        vec![
            (4, "新增", s("")),
            (5, "新增", team("综合班")),
            (6, "新增", team("营业班")),
            (7, "新增", team("运维一班")),
            (8, "新增", s("")),
            (9, "新增", s("")),
            (10, "新增", s("")),
            (11, "新增", s("")),
            (12, "错误", bad_digit(12)),
            (13, "错误", format!("行 13：{edu}")),
            (14, "错误", format!("{} | 行 14：{edu}", bad_digit(14))),
            (
                15,
                "错误",
                s(
                    "行 15：工号和身份证号都为空：新增人员至少要有其中一项（没有工号的按身份证号识别）"
                )
            ),
            (16, "跳过", s("表尾：合 计 12人")),
            (
                18,
                "跳过",
                s("表尾：制表人：王芳 审核：李军 日期：2026年1月5日")
            ),
            (19, "跳过", s("表尾：备注：身份证号请按文本格式填写。")),
            (20, "跳过", s("表尾说明：本表一式两份，报人资部一份。")),
        ]
    );
    assert_eq!(
        (
            p.totals.rows,
            p.totals.new,
            p.totals.errors,
            p.totals.skipped,
            p.totals.blank
        ),
        (12, 8, 4, 4, 1)
    );
    // The 班组 of the 部门 column are siblings under the 供电所, never nested in each other.
    assert_eq!(
        p.new_units,
        [
            format!("{CG}/综合班"),
            format!("{CG}/营业班"),
            format!("{CG}/运维一班")
        ]
    );
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(
        p.notes,
        [
            "表中没有工号列：人员按身份证号识别（签到台可输入身份证号或其后 6 位，命令行中用身份证号代替工号）"
        ]
    );
    let unit_of = |row: usize| {
        p.rows
            .iter()
            .find(|r| r.row_no == row)
            .unwrap()
            .unit
            .clone()
    };
    assert_eq!(unit_of(4), CG, "the 供电所's own name: the 供电所 itself");
    assert_eq!(unit_of(11), CG, "no 部门: the 供电所 itself");
    assert_eq!(unit_of(8), format!("{CG}/营业班"));

    let done = people_import::commit(
        &mut c.t.db,
        &Actor("测试".into()),
        &sheet,
        &options,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(done.totals.new, 8);
    let conn = c.t.db.conn();
    let units = qungong::units::list(conn).unwrap();
    for team in ["综合班", "营业班", "运维一班"] {
        let u = units
            .iter()
            .find(|u| u.name == team && u.parent_id == Some(c.chengguan))
            .unwrap_or_else(|| panic!("{team} under 城关供电所"));
        assert_eq!(u.kind, qungong::codes::UnitKind::Team, "{team}");
    }
    assert_eq!(
        units.iter().filter(|u| u.name == "综合班").count(),
        2,
        "东关供电所's 综合班 is another unit"
    );
    assert_eq!(qungong::units::get(conn, c.dongguan_team).unwrap().staff, 0);
    assert_eq!(
        units
            .iter()
            .filter(|u| u.parent_id == Some(c.company))
            .count(),
        2,
        "nothing new under the company"
    );

    // People without 工号 are found by their 身份证号 (as the kiosk and the command line do).
    let li = people::by_key(conn, &people[1][3]).unwrap();
    assert_eq!((li.name.as_str(), li.employee_no.clone()), ("李秀英", None));
    assert_eq!(li.unit_name, "综合班");
    assert_eq!(li.birth_date, date("1978-08-22"), "the day from the ID");
    assert_eq!(li.gender, Gender::Female);
    assert_eq!(
        people::by_key(conn, &people[1][3].to_lowercase())
            .unwrap()
            .id,
        li.id
    );
    // 职称 as written, its level derived.
    use qungong::codes::TitleLevel;
    for (k, title, level) in [
        (0, "高级工程师", TitleLevel::AssociateSenior),
        (1, "政工师", TitleLevel::Intermediate),
        (4, "技术员", TitleLevel::Junior),
        (2, "助理工程师", TitleLevel::Junior),
        (7, "经济师", TitleLevel::Intermediate),
    ] {
        let p = people::by_key(conn, &people[k][3]).unwrap();
        assert_eq!(p.professional_title.as_deref(), Some(title));
        assert_eq!(p.title_level, Some(level), "{title}");
        assert_eq!(qungong::titles::level_of(title), Some(level));
    }
    let wang = people::by_key(conn, &people[0][3]).unwrap();
    assert_eq!(wang.unit_id, c.chengguan);
    assert_eq!(wang.phone.as_deref(), Some("13800000001"));
    assert!(
        people::by_key(conn, &people[8][3]).is_err(),
        "the bad row is not imported"
    );
    let audit = qungong::db::audit_log(conn, 1).unwrap();
    assert!(
        audit[0].detail.contains(&format!("导入到 {CG}")),
        "{}",
        audit[0].detail
    );

    // Again: every person 不变, the footer still skipped, nothing written.
    let dump = logical_dump(c.t.db.conn());
    let again = people_import::preview(&mut c.t.db, &sheet, &options, &mut no_progress()).unwrap();
    assert_eq!(
        (
            again.totals.unchanged,
            again.totals.new,
            again.totals.skipped
        ),
        (8, 0, 4)
    );
    assert!(again.new_units.is_empty());
    assert_eq!(logical_dump(c.t.db.conn()), dump);
}

#[test]
fn a_team_column_under_a_department_column_builds_that_tree_under_the_target() {
    let mut c = county();
    let path = c.t.dir.path().join("分班组.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "城关供电所职工名册").unwrap();
    for (col, h) in ["序号", "姓名", "身份证号", "部门", "班组", "职称"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, col as u16, *h).unwrap();
    }
    let rows = [
        (
            "甲一",
            id_for("19800101", 11),
            "运维部",
            "运维一班",
            "高级工程师",
        ),
        (
            "甲二",
            id_for("19800202", 21),
            "运维部",
            "运维二班",
            "工程师",
        ),
        ("甲三", id_for("19800303", 31), "营销部", "营业班", "技术员"),
        ("甲四", id_for("19800404", 41), "综合室", "", "政工师"),
        ("甲五", id_for("19800505", 51), "城关供电所", "运维一班", ""),
    ];
    for (k, (name, id, dept, team, title)) in rows.iter().enumerate() {
        let r = k as u32 + 2;
        sheet.write_number(r, 0, (k + 1) as f64).unwrap();
        for (col, v) in [*name, id.as_str(), *dept, *team, *title]
            .iter()
            .enumerate()
        {
            if !v.is_empty() {
                sheet.write_string(r, col as u16 + 1, *v).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    let sheet = people_import::load(&path).unwrap();
    let options = into(c.chengguan, true);
    let p = people_import::commit(
        &mut c.t.db,
        &Actor("测试".into()),
        &sheet,
        &options,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(p.totals.new, 5, "{:?}", p.errors().collect::<Vec<_>>());
    assert_eq!(
        p.new_units,
        [
            format!("{CG}/运维部"),
            format!("{CG}/运维部/运维一班"),
            format!("{CG}/运维部/运维二班"),
            format!("{CG}/营销部"),
            format!("{CG}/营销部/营业班"),
            format!("{CG}/综合室"),
        ]
    );
    // 城关供电所/运维一班: the target's own name dropped, 运维一班 found below it.
    assert_eq!(p.rows[4].unit, format!("{CG}/运维部/运维一班"));
    let units = qungong::units::list(c.t.db.conn()).unwrap();
    let kind = |name: &str| units.iter().find(|u| u.name == name).unwrap().kind;
    use qungong::codes::UnitKind;
    assert_eq!(kind("运维部"), UnitKind::Department);
    assert_eq!(kind("运维二班"), UnitKind::Team);
    let jia = people::by_key(c.t.db.conn(), &rows[0].1).unwrap();
    assert_eq!(jia.unit_name, "运维一班");
    assert_eq!(
        jia.title_level,
        Some(qungong::codes::TitleLevel::AssociateSenior)
    );
}

#[test]
fn every_problem_of_the_sheet_is_in_the_one_preview() {
    let mut c = county();
    let path = c.t.dir.path().join("城关供电所花名册.xlsx");
    let mut people = branch_people();
    // 杨帆 (row 9): started work at 12 — the staff-record rules say so too, with the unit.
    people[5][10] = "2000.07".into();
    write_branch_roster(&path, &people);
    let sheet = people_import::load(&path).unwrap();
    let before = logical_dump(c.t.db.conn());
    let p = people_import::preview(
        &mut c.t.db,
        &sheet,
        &into(c.chengguan, false),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(logical_dump(c.t.db.conn()), before);
    let missing = |row: usize, team: &str| {
        format!(
            "行 {row}：所在单位：单位“{CG}/{team}”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）"
        )
    };
    let row = |n: usize| p.rows.iter().find(|r| r.row_no == n).unwrap();
    // Rows in the 供电所 itself go in; the others name their unit and nothing hides the rest.
    assert_eq!(row(4).action, RowAction::New);
    assert_eq!(row(11).action, RowAction::New);
    assert_eq!(row(5).errors, [missing(5, "综合班")]);
    assert_eq!(
        row(9).errors,
        [
            missing(9, "运维一班"),
            "行 9：参加工作时间：早于年满 16 周岁的日期，请核对".to_string()
        ]
    );
    let r14 = &row(14).errors;
    assert_eq!(r14.len(), 3, "{r14:?}");
    assert!(
        r14[0].contains("校验位错误") && r14[1].contains("幼儿园"),
        "{r14:?}"
    );
    assert_eq!(r14[2], missing(14, "营业班"));
    assert!(row(15).errors[0].contains("工号和身份证号都为空"));
    assert_eq!(row(15).errors[1], missing(15, "营业班"));
    assert_eq!((p.totals.new, p.totals.errors), (2, 10));
    assert_eq!(
        p.problems,
        [format!(
            "表中有 3 个单位在单位树中不存在（涉及 10 行）：{CG}/综合班、{CG}/营业班、{CG}/运维一班。可选择“自动创建缺少的单位”，或先在单位管理中添加"
        )]
    );
    assert_eq!(p.totals.skipped, 4, "the footer is skipped all the same");
}

#[test]
fn without_a_target_one_column_of_teams_stays_side_by_side() {
    // An empty database: the teams become top-level units, side by side (they used to nest:
    // 综合班, 综合班/营业班, 综合班/运维一班 …).
    let mut t = TestDb::new();
    let path = t.dir.path().join("花名册.xlsx");
    let people = branch_people();
    write_branch_roster(&path, &people[..8]);
    let sheet = people_import::load(&path).unwrap();
    let create = ImportOptions {
        create_units: true,
        ..Default::default()
    };
    let p = people_import::preview(&mut t.db, &sheet, &create, &mut no_progress()).unwrap();
    assert_eq!(
        p.new_units,
        ["城关供电所", "综合班", "营业班", "运维一班"],
        "{:?}",
        p.errors().collect::<Vec<_>>()
    );
    assert_eq!(
        p.totals.errors, 1,
        "周敏 names no unit and there is no target"
    );
    assert_eq!(
        p.rows.iter().find(|r| r.row_no == 11).unwrap().errors,
        ["行 11：所在单位：为空"]
    );

    // With the company in the tree: under the company, side by side, and the preview says
    // to choose the 供电所 if they belong to one.
    let company = t.unit("国网示范县供电公司", None);
    let p = people_import::commit(
        &mut t.db,
        &Actor("测试".into()),
        &sheet,
        &create,
        &mut no_progress(),
    )
    .unwrap();
    let co = "国网示范县供电公司";
    assert_eq!(
        p.new_units,
        [
            format!("{co}/城关供电所"),
            format!("{co}/综合班"),
            format!("{co}/营业班"),
            format!("{co}/运维一班")
        ]
    );
    assert_eq!(
        p.notes[1],
        "未选择“导入到”的单位：班组 综合班、营业班、运维一班 将直接建在公司之下；如它们属于某个供电所或部门，请在“导入到”中选择该单位"
    );
    let units = qungong::units::list(t.db.conn()).unwrap();
    assert!(
        units
            .iter()
            .filter(|u| u.name.ends_with('班'))
            .all(|u| u.parent_id == Some(company))
    );
    assert_eq!(
        qungong::units::list(t.db.conn())
            .unwrap()
            .iter()
            .find(|u| u.name == "城关供电所")
            .unwrap()
            .kind,
        qungong::codes::UnitKind::Station
    );

    // Several top-level units and no target: nowhere to put them, said once for the sheet
    // and on each row.
    let mut t2 = TestDb::new();
    t2.unit("甲公司", None);
    t2.unit("乙公司", None);
    let p = people_import::preview(&mut t2.db, &sheet, &create, &mut no_progress()).unwrap();
    assert_eq!(p.totals.new, 0);
    assert!(
        p.rows[1].errors[0].contains("有多个顶层单位") && p.rows[1].errors[0].contains("导入到"),
        "{:?}",
        p.rows[1].errors
    );
}

#[test]
fn the_command_line_imports_into_a_unit_and_finds_people_by_id_number() {
    let c = county();
    let db = c.t.db.path().to_path_buf();
    let file = c.t.dir.path().join("城关供电所花名册.xlsx");
    let people = branch_people();
    write_branch_roster(&file, &people);
    let file = file.to_str().unwrap();
    let out = cli(
        &db,
        &[
            "import",
            "people",
            file,
            "--into",
            "城关供电所",
            "--create-units",
            "--dry-run",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("导入到：{CG}")), "{stdout}");
    assert!(stdout.contains("表尾：制表人：王芳"), "{stdout}");
    assert!(
        stdout.contains("新增 8，更新 0，不变 0，错误 4（跳过表尾等 4 行、空行 1 行）"),
        "{stdout}"
    );
    assert!(stdout.contains("说明：表中没有工号列"), "{stdout}");

    let out = cli(
        &db,
        &[
            "import",
            "people",
            file,
            "--into",
            "城关供电所",
            "--create-units",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A person without 工号, edited by their 身份证号 in place of one.
    let id = &people[2][3];
    let out = cli(&db, &["person", "edit", id, "--position", "营业班班长"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let zhang = people::by_key(&conn, id).unwrap();
    assert_eq!(zhang.position.as_deref(), Some("营业班班长"));

    // --into takes a number or an exact name; a name several units share is refused.
    let out = cli(&db, &["import", "people", file, "--into", "综合班"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("东关供电所/综合班"), "{stderr}");
}

#[test]
fn a_note_after_a_blank_gap_is_skipped_but_people_after_a_gap_are_not() {
    let mut c = county();
    let (a, b) = (id_for("19800101", 11), id_for("19810101", 21));
    let csv = format!(
        "城关供电所职工花名册\n姓名,身份证号,班组\n甲一,{a},综合班\n\n乙二,{b},综合班\n\n\
         以上人员均为在岗职工\n\n姓名,身份证号,班组\n"
    );
    let sheet = people_import::load_bytes(csv.as_bytes(), "名单.csv").unwrap();
    let p = people_import::preview(
        &mut c.t.db,
        &sheet,
        &into(c.chengguan, true),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(
        full_summary(&p),
        [
            (3, "新增", format!("新建单位 {CG}/综合班")),
            (5, "新增", String::new()),
            (7, "跳过", "表尾说明：以上人员均为在岗职工".to_string()),
            (9, "跳过", "重复的表头行".to_string()),
        ]
    );
    assert_eq!((p.totals.rows, p.totals.skipped, p.totals.blank), (2, 2, 3));
}

/// How long the preview of a large branch roster takes (a figure for BENCHMARKS.md, not a
/// check): `cargo test --release --test import_people -- --ignored --nocapture large_branch`.
#[test]
#[ignore]
fn large_branch_roster_preview_time() {
    const N: u32 = 2_000;
    let mut c = county();
    let path = c.t.dir.path().join("大花名册.xlsx");
    let teams = [
        "综合班",
        "营业一班",
        "营业二班",
        "运维一班",
        "运维二班",
        "运维三班",
    ];
    let people: Vec<BranchRow> = (0..N)
        .map(|i| {
            let birth = format!("19{:02}{:02}{:02}", 60 + i % 40, 1 + i % 12, 1 + i % 28);
            let id = if i % 100 == 99 {
                bad_id_for(&birth, i % 1000)
            } else {
                id_for(&birth, i % 1000)
            };
            let s = |x: &str| x.to_string();
            [
                // 职工一〇二四: names take no digits.
                format!(
                    "职工{}",
                    (i + 1)
                        .to_string()
                        .chars()
                        .map(|d| "〇一二三四五六七八九"
                            .chars()
                            .nth(d as usize - '0' as usize)
                            .unwrap())
                        .collect::<String>()
                ),
                s(if i % 1000 % 2 == 1 { "男" } else { "女" }),
                format!("{}.{}", &birth[..4], &birth[4..6]),
                id,
                s(teams[i as usize % teams.len()]),
                s("班员"),
                s("本科"),
                s(["高级工程师", "工程师", "技术员", ""][i as usize % 4]),
                s("高级工"),
                s("群众"),
                s("2015.07"),
                String::new(),
            ]
        })
        .collect();
    write_branch_roster(&path, &people);
    let started = std::time::Instant::now();
    let sheet = people_import::load(&path).unwrap();
    let read = started.elapsed();
    let started = std::time::Instant::now();
    let p = people_import::preview(
        &mut c.t.db,
        &sheet,
        &into(c.chengguan, true),
        &mut no_progress(),
    )
    .unwrap();
    let preview = started.elapsed();
    // Sequences repeat every 1,000 rows, so some ID numbers come twice: count, don't assume.
    assert_eq!(p.totals.rows, N as usize);
    assert_eq!(p.totals.skipped, 4);
    assert!(p.totals.new > 1_900, "{:?}", p.errors().next());
    assert_eq!(p.new_units.len(), teams.len());
    println!(
        "{N}-row branch roster: read {read:?}, preview {preview:?} ({} new, {} errors)",
        p.totals.new, p.totals.errors
    );
}

/// Issue 14: a cell far longer than any field is an error of its row, naming row, field and
/// column; the row is not written, its preview shows a short name; the other rows import.
/// Names with emoji or control characters are row errors too.
#[test]
fn over_long_cells_and_unprintable_names_are_row_errors() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.csv");
    let long_unit = "营销部".repeat(400);
    let long_name = "张".repeat(1_001);
    let csv = format!(
        "工号,姓名,性别,出生日期,所在单位\n\
         20001,张三,男,1980-01-01,营销部\n\
         20002,李四,女,1981-02-03,{long_unit}\n\
         20003,{long_name},男,1982-03-04,营销部\n\
         20004,王😀五,男,1983-04-05,营销部\n\
         20005,\"赵\n六\",男,1984-05-06,营销部\n\
         20006,\u{202E}钱七,男,1985-06-07,营销部\n"
    );
    std::fs::write(&path, csv).unwrap();
    let p = run_commit(&mut b.t.db, &path, false);
    let rows: Vec<(usize, RowAction, String, String)> = p
        .rows
        .iter()
        .map(|r| (r.row_no, r.action, r.name.clone(), r.errors.join("；")))
        .collect();
    assert_eq!(rows[0].1, RowAction::New);
    assert_eq!(rows[1].1, RowAction::Error);
    assert!(
        rows[1]
            .3
            .contains("行 3：所在单位（E 列）过长：共 1200 个字，最多 1000 个"),
        "{rows:?}"
    );
    assert_eq!(rows[2].1, RowAction::Error);
    assert!(
        rows[2].3.contains("行 4：姓名（B 列）过长：共 1001 个字"),
        "{rows:?}"
    );
    assert_eq!(
        rows[2].2,
        format!("{}…", "张".repeat(40)),
        "the preview shows it short"
    );
    for row in [&rows[3], &rows[5]] {
        assert_eq!(row.1, RowAction::Error, "{row:?}");
        assert!(
            row.3.contains("姓名：应为 1–20 个字，不能含数字或符号"),
            "{row:?}"
        );
    }
    // A line break typed inside the cell (Alt+Enter) is folded away like other spaces.
    assert_eq!((rows[4].1, rows[4].2.as_str()), (RowAction::New, "赵六"));
    assert_eq!(p.totals.new, 2);
    assert_eq!(p.totals.errors, 4);
    let conn = b.t.db.conn();
    let stored: i64 = conn
        .query_row(
            "SELECT count(*) FROM person WHERE employee_no LIKE '2000%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 2);
}
