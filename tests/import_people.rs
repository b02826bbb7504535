//! Staff import from real .xlsx, .xls and GBK .csv files, messy on purpose: a title merged over
//! the header, blank rows, a 部门 merged down, every date form, full-width characters, a bad
//! check digit, a duplicate 工号, an unknown and an ambiguous unit.
mod common;

use std::path::{Path, PathBuf};

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
    };
    people_import::preview(db, &sheet, &options, &mut no_progress()).unwrap()
}

fn run_commit(db: &mut Db, path: &Path, create_units: bool) -> Preview {
    let sheet = people_import::load(path).unwrap();
    let options = ImportOptions {
        mapping: None,
        create_units,
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
    assert_eq!(p.totals.skipped, 1, "the blank row 6");
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
    };
    let err =
        people_import::preview(&mut b.t.db, &sheet, &options, &mut no_progress()).unwrap_err();
    assert_eq!(err.to_string(), "请指定“工号”所在的列");
}

#[test]
fn people_are_found_by_id_number_when_the_sheet_has_no_employee_number() {
    let mut b = branch();
    let unit = qungong::units::resolve(b.t.db.conn(), "营销部").unwrap();
    b.t.write(|tx| {
        people::add(
            tx,
            PersonInput {
                employee_no: "20001".into(),
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
            (
                3,
                "错误",
                "行 3：工号为空：新增人员须有工号（已有人员可只凭身份证号更新）".into()
            )
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

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qungong"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
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
