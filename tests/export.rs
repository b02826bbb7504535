//! The .xlsx exports, written from hand-made data and read back with calamine (values, dates
//! being date cells, percentages) and from the sheet XML (frozen header row, column widths).
mod common;

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::{TestDb, date, person_input, time};
use qungong::activities::ActivityFilter;
use qungong::attendance::{self, RateQuery};
use qungong::codes::{AttendanceStatus, Education, Gender, PoliticalStatus};
use qungong::collate::NameOrder;
use qungong::people::PersonFilter;
use qungong::structure::{Population, StructureQuery};
use qungong::voice::Viewer;
use qungong::xlsx::export::Export;
use qungong::xlsx::job::{self as export, ExportJob, PeopleExport, RatesBy};

fn now() -> chrono::NaiveDateTime {
    today().and_hms_opt(12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    date("2026-11-24")
}

struct Branch {
    t: TestDb,
    company: i64,
    station: i64,
    /// 张三 (station, ID and phone), 李四 (team), 王五 (team, left), 赵六 (company)
    zhang: i64,
    li: i64,
    zhao: i64,
    /// Held on 2026-03-10 09:00: 张三 on time, 李四 late, 赵六 on leave; 王五 walked in.
    lecture: i64,
}

fn branch() -> Branch {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let team = t.unit("营业班", Some(station));
    let zhang = t
        .write(|tx| {
            qungong::people::add(
                tx,
                qungong::people::PersonInput {
                    id_number: Some("140105198503120018".into()),
                    birth_date: None,
                    phone: Some("13812345678".into()),
                    political_status: Some(PoliticalStatus::CpcMember),
                    education: Some(Education::Bachelor),
                    hire_date: Some(date("2008-07-01")),
                    position: Some("营业班班长".into()),
                    ..person_input("10001", "张三", station)
                },
            )
        })
        .unwrap();
    let li = t.person("10002", "李四", team);
    let wang = t.person("10003", "王五", team);
    let zhao = t
        .write(|tx| {
            qungong::people::add(
                tx,
                qungong::people::PersonInput {
                    gender: Some(Gender::Female),
                    birth_date: Some(date("1998-02-03")),
                    ..person_input("10004", "赵六", company)
                },
            )
        })
        .unwrap();
    let mut input = common::activity_input("安全生产专题讲座", "2026-03-10 09:00");
    input.organizer_unit_id = Some(station);
    let lecture = t.write(|tx| qungong::activities::add(tx, input)).unwrap();
    t.write(|tx| {
        attendance::invite_people(tx, lecture, &[zhang, li, zhao])?;
        attendance::check_in(tx, lecture, zhang, time("2026-03-10 08:55"), false)?;
        attendance::check_in(tx, lecture, li, time("2026-03-10 09:25"), false)?;
        attendance::check_in(tx, lecture, wang, time("2026-03-10 09:05"), true)?;
        attendance::set_status(
            tx,
            lecture,
            zhao,
            Some(AttendanceStatus::Leave),
            Some("倒班"),
            time("2026-03-10 09:00"),
        )
    })
    .unwrap();
    t.write(|tx| qungong::people::leave(tx, wang, date("2026-06-30"), Some("调出")))
        .unwrap();
    Branch {
        t,
        company,
        station,
        zhang,
        li,
        zhao,
        lecture,
    }
}

/// A sheet of the exported workbook as calamine reads it (rows from the first used row).
fn sheet(e: &Export, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(e.bytes.clone())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "the sheet starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn row_of<'a>(rows: &'a [Vec<Data>], col: usize, key: &str) -> &'a Vec<Data> {
    rows.iter()
        .find(|r| text(&r[col]) == key)
        .unwrap_or_else(|| panic!("no row with “{key}”"))
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A date(-time) cell: its (y, m, d, h, min).
fn datetime(d: &Data) -> (u16, u8, u8, u8, u8) {
    match d {
        Data::DateTime(x) => {
            assert!(x.is_datetime(), "{x:?} is a date, not a duration");
            let (y, m, d, h, min, _, _) = x.to_ymd_hms_milli();
            (y, m, d, h, min)
        }
        other => panic!("not a date cell: {other:?}"),
    }
}

/// The XML of the n-th sheet (1-based) inside the .xlsx package.
fn sheet_xml(e: &Export, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(e.bytes.clone())).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The header row (0-based) is frozen: the pane starts right under it.
fn assert_frozen_below(e: &Export, n: usize, header_row: u32) {
    let xml = sheet_xml(e, n);
    let below = header_row + 1;
    assert!(
        xml.contains(&format!(
            "<pane ySplit=\"{below}\" topLeftCell=\"A{}\" activePane=\"bottomLeft\" state=\"frozen\"/>",
            below + 1
        )),
        "sheet {n} has no frozen header row: {xml:.600}"
    );
}

/// Column widths as written in the sheet XML, by column (1-based).
fn widths(e: &Export, n: usize) -> Vec<(u32, f64)> {
    let xml = sheet_xml(e, n);
    xml.split("<col ")
        .skip(1)
        .map(|c| {
            let attr = |name: &str| -> String {
                let start = c.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                c[start..].split('"').next().unwrap().to_string()
            };
            (attr("min").parse().unwrap(), attr("width").parse().unwrap())
        })
        .collect()
}

#[test]
fn the_staff_list_masks_personal_numbers_unless_the_full_values_are_asked_for() {
    let b = branch();
    let conn = b.t.db.conn();
    let q = PeopleExport {
        filter: PersonFilter::default(),
        order: NameOrder::EmployeeNo,
        full: false,
    };
    let e = export::people(conn, &q, today()).unwrap();
    assert_eq!(e.rows, 3, "people in post only");
    assert_eq!(e.sheets, ["职工名单"]);
    assert!(e.file_name.starts_with("职工名单-") && e.file_name.ends_with(".xlsx"));
    let rows = sheet(&e, "职工名单");
    assert!(text(&rows[0][0]).starts_with("国网示范县供电公司职工名单（3 人"));
    let header: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(
        &header[..7],
        [
            "序号",
            "工号",
            "姓名",
            "所在单位",
            "性别",
            "出生年月",
            "年龄"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let zhang = row_of(&rows, col("工号"), "10001");
    assert_eq!(text(&zhang[col("姓名")]), "张三");
    assert_eq!(text(&zhang[col("所在单位")]), "城关供电所");
    assert_eq!(text(&zhang[col("身份证号")]), "1401**********0018");
    assert_eq!(text(&zhang[col("手机")]), "138****5678");
    // Masked: the month of birth as text, never the day.
    assert_eq!(zhang[col("出生年月")], Data::String("1985.03".into()));
    assert_eq!(number(&zhang[col("年龄")]), 41.0);
    assert_eq!(text(&zhang[col("政治面貌")]), "中共党员");
    assert_eq!(text(&zhang[col("学历")]), "大学本科");
    assert_eq!(datetime(&zhang[col("入职时间")]), (2008, 7, 1, 0, 0));
    assert_eq!(zhang[col("参加工作时间")], Data::Empty);
    // Ordered by 工号 as asked.
    let nos: Vec<String> = rows[2..].iter().map(|r| text(&r[1])).collect();
    assert_eq!(nos, ["10001", "10002", "10004"]);
    assert_frozen_below(&e, 1, 1);
    let xml = sheet_xml(&e, 1);
    assert!(!xml.contains("13812345678") && !xml.contains("140105198503120018"));

    let full = export::people(
        conn,
        &PeopleExport {
            full: true,
            ..q.clone()
        },
        today(),
    )
    .unwrap();
    let rows = sheet(&full, "职工名单");
    let header: Vec<String> = rows[1].iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let zhang = row_of(&rows, col("工号"), "10001");
    assert_eq!(text(&zhang[col("身份证号")]), "140105198503120018");
    assert_eq!(text(&zhang[col("手机")]), "13812345678");
    assert_eq!(datetime(&zhang[col("出生日期")]), (1985, 3, 12, 0, 0));
}

#[test]
fn the_staff_list_follows_the_filter_and_the_order() {
    let b = branch();
    let conn = b.t.db.conn();
    let q = PeopleExport {
        filter: PersonFilter {
            unit_id: Some(b.station),
            include_left: true,
            ..Default::default()
        },
        order: NameOrder::Stroke,
        full: false,
    };
    let e = export::people(conn, &q, today()).unwrap();
    let rows = sheet(&e, "职工名单");
    assert!(text(&rows[0][0]).starts_with("城关供电所职工名单（3 人，排序：姓氏笔画"));
    // 王 (4 strokes) 李 (7, 横) 张 (7, 横折).
    let names: Vec<String> = rows[2..].iter().map(|r| text(&r[2])).collect();
    assert_eq!(names, ["王五", "李四", "张三"]);
    let header: Vec<String> = rows[1].iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let wang = row_of(&rows, 2, "王五");
    assert_eq!(text(&wang[col("状态")]), "离职");
    assert_eq!(datetime(&wang[col("离职日期")]), (2026, 6, 30, 0, 0));
    assert_eq!(text(&wang[col("离职原因")]), "调出");
    // Party members only.
    let party = export::people(
        conn,
        &PeopleExport {
            filter: PersonFilter {
                party_member: Some(true),
                ..Default::default()
            },
            ..q
        },
        today(),
    )
    .unwrap();
    assert_eq!(party.rows, 1);
}

#[test]
fn column_widths_fit_the_content_with_chinese_counted_double() {
    let b = branch();
    let e = export::people(b.t.db.conn(), &PeopleExport::default(), today()).unwrap();
    let w = widths(&e, 1);
    let width = |col: u32| w.iter().find(|(c, _)| *c == col).unwrap().1;
    // 序号 (4 wide) → the minimum; 所在单位: “国网示范县供电公司” is 18 wide.
    assert!(width(1) >= 6.0 && width(1) < 10.0, "{w:?}");
    assert!(width(4) >= 18.0 && width(4) <= 24.0, "{w:?}");
    // 参加工作时间 (12 wide) is wider than 性别.
    assert!(width(14) > width(5));
}

#[test]
fn an_activitys_attendance_has_statuses_times_as_dates_and_walk_ins_marked() {
    let b = branch();
    let conn = b.t.db.conn();
    let e = export::attendance(conn, b.lecture, NameOrder::EmployeeNo, today()).unwrap();
    assert_eq!(e.rows, 4);
    assert_eq!(e.sheets, ["考勤", "汇总"]);
    assert_eq!(e.file_name, "考勤-安全生产专题讲座.xlsx");
    let rows = sheet(&e, "考勤");
    assert!(text(&rows[0][0]).starts_with("安全生产专题讲座 考勤（2026-03-10 09:00"));
    let header: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "序号",
            "工号",
            "姓名",
            "部门(班组)",
            "岗位",
            "状态",
            "签到时间",
            "请假事由",
            "备注"
        ]
    );
    let names: Vec<String> = rows[2..].iter().map(|r| text(&r[2])).collect();
    assert_eq!(names, ["张三", "李四", "赵六", "王五"], "walk-ins last");
    assert_eq!(text(&rows[2][5]), "出席");
    assert_eq!(datetime(&rows[2][6]), (2026, 3, 10, 8, 55));
    assert_eq!(text(&rows[3][5]), "迟到");
    assert_eq!(datetime(&rows[3][6]), (2026, 3, 10, 9, 25));
    assert_eq!(text(&rows[4][5]), "请假");
    assert_eq!(rows[4][6], Data::Empty);
    assert_eq!(text(&rows[4][7]), "倒班");
    assert_eq!(text(&rows[5][8]), "非名单人员");
    assert_eq!(text(&rows[2][8]), "");
    assert_frozen_below(&e, 1, 1);

    let sums = sheet(&e, "汇总");
    let value = |label: &str| row_of(&sums, 0, label)[1].clone();
    assert_eq!(number(&value("应到")), 3.0);
    assert_eq!(number(&value("实到")), 2.0);
    assert_eq!(number(&value("请假")), 1.0);
    assert_eq!(number(&value("非名单人员")), 1.0);
    // 2 / (3 − 1) = 100%, as a number with a percent format.
    assert_eq!(number(&value("出勤率")), 1.0);
    assert_eq!(datetime(&value("活动时间")), (2026, 3, 10, 9, 0));
    assert!(sheet_xml(&e, 2).contains("<pane"));
    let styles = {
        let mut zip = zip::ZipArchive::new(Cursor::new(e.bytes.clone())).unwrap();
        let mut s = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(styles.contains("formatCode=\"0.0%\""));
    assert!(styles.contains("formatCode=\"yyyy-mm-dd hh:mm\""));
}

#[test]
fn rates_by_unit_and_by_person_are_two_sheets_with_percentages() {
    let b = branch();
    let conn = b.t.db.conn();
    let q = RateQuery {
        from: date("2026-01-01"),
        to: date("2026-12-31"),
        unit_id: None,
        kinds: Vec::new(),
    };
    let e = export::rates(conn, &q, RatesBy::Both, today()).unwrap();
    assert_eq!(e.sheets, ["按单位", "按人员"]);
    let units = sheet(&e, "按单位");
    assert_eq!(
        units[1].iter().map(text).collect::<Vec<_>>(),
        [
            "单位",
            "单位路径",
            "应到",
            "实到",
            "迟到",
            "请假",
            "缺席",
            "出勤率"
        ]
    );
    let company = row_of(&units, 1, "国网示范县供电公司");
    assert_eq!(number(&company[2]), 3.0);
    assert_eq!(number(&company[3]), 2.0);
    assert_eq!(number(&company[7]), 1.0);
    let station = row_of(&units, 1, "国网示范县供电公司/城关供电所");
    assert_eq!(text(&station[0]), "\u{3000}城关供电所");
    let people = sheet(&e, "按人员");
    let zhao = row_of(&people, 1, "赵六");
    assert_eq!(number(&zhao[6]), 1.0, "请假 1");
    // Nobody was expected of 赵六 (on leave): no rate, an empty cell.
    assert_eq!(zhao[8], Data::Empty);
    assert_frozen_below(&e, 1, 1);
    assert_frozen_below(&e, 2, 1);

    let only_people = export::rates(conn, &q, RatesBy::Person, today()).unwrap();
    assert_eq!(only_people.sheets, ["按人员"]);
    assert_eq!(
        only_people.rows, 4,
        "张三, 李四, 赵六 and 王五, who walked in"
    );
    let bad = RateQuery {
        from: date("2026-12-31"),
        to: date("2026-01-01"),
        unit_id: None,
        kinds: Vec::new(),
    };
    assert!(export::rates(conn, &bad, RatesBy::Both, today()).is_err());
}

#[test]
fn the_ledger_lists_the_units_activities_with_dates_and_totals_per_kind() {
    let mut b = branch();
    let mut planned = common::activity_input("形势任务宣讲", "2026-12-01 14:00");
    planned.kind = qungong::codes::ActivityKind::Briefing;
    planned.organizer_unit_id = Some(b.station);
    b.t.write(|tx| qungong::activities::add(tx, planned))
        .unwrap();
    let mut elsewhere = common::activity_input("别处的讲座", "2026-05-01 14:00");
    elsewhere.organizer_unit_id = Some(b.company);
    b.t.write(|tx| qungong::activities::add(tx, elsewhere))
        .unwrap();
    let conn = b.t.db.conn();
    let e = export::ledger(
        conn,
        Some(b.station),
        date("2026-01-01"),
        date("2026-12-31"),
        today(),
    )
    .unwrap();
    assert_eq!(e.rows, 2);
    assert_eq!(e.sheets, ["活动台账", "分类汇总"]);
    let rows = sheet(&e, "活动台账");
    assert!(text(&rows[0][0]).starts_with("城关供电所活动台账（2026年1月1日至2026年12月31日"));
    let header: Vec<String> = rows[1].iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(text(&rows[2][col("活动名称")]), "安全生产专题讲座");
    assert_eq!(datetime(&rows[2][col("日期")]), (2026, 3, 10, 0, 0));
    assert_eq!(number(&rows[2][col("应到")]), 3.0);
    assert_eq!(number(&rows[2][col("实到")]), 2.0);
    assert_eq!(number(&rows[2][col("出勤率")]), 1.0);
    assert_eq!(text(&rows[3][col("活动名称")]), "形势任务宣讲");
    assert_eq!(text(&rows[3][col("出勤率")]), "未开展");
    let sums = sheet(&e, "分类汇总");
    let total = row_of(&sums, 0, "合计");
    assert_eq!(number(&total[1]), 2.0);
    assert_eq!(number(&total[2]), 1.0);
    assert_eq!(number(&total[6]), 1.0);
    assert_eq!(text(&sums[2][0]), "专题讲座");

    // The 活动管理 list as filtered: all three, newest first, with their status.
    let list = export::activity_list(conn, &ActivityFilter::default(), today()).unwrap();
    assert_eq!(list.rows, 3);
    let rows = sheet(&list, "活动台账");
    let header: Vec<String> = rows[1].iter().map(text).collect();
    assert!(header.contains(&"状态".to_string()));
    assert_eq!(text(&rows[2][5]), "形势任务宣讲");
}

#[test]
fn the_structure_tables_have_counts_shares_and_indicators() {
    let b = branch();
    let conn = b.t.db.conn();
    let q = StructureQuery {
        unit_id: None,
        population: Population::All,
        as_of: today(),
    };
    let e = export::structure(conn, &q).unwrap();
    assert_eq!(e.rows, 3, "headcount");
    assert_eq!(
        e.sheets,
        [
            "主要指标",
            "年龄结构",
            "学历",
            "职称",
            "技能等级",
            "政治面貌"
        ]
    );
    let ind = sheet(&e, "主要指标");
    assert_eq!(number(&row_of(&ind, 0, "人数")[1]), 3.0);
    assert_eq!(
        datetime(&row_of(&ind, 0, "统计日期")[1]),
        (2026, 11, 24, 0, 0)
    );
    // Ages 41 (张三), 46 (李四), 28 (赵六).
    let avg = number(&row_of(&ind, 0, "平均年龄（岁）")[1]);
    assert!((avg - 115.0 / 3.0).abs() < 1e-9, "{avg}");
    assert!((number(&row_of(&ind, 0, "35岁及以下占比")[1]) - 1.0 / 3.0).abs() < 1e-9);
    let pyramid = sheet(&e, "年龄结构");
    assert_eq!(
        pyramid[1].iter().map(text).collect::<Vec<_>>(),
        ["年龄段", "男", "女", "合计", "占比"]
    );
    let young = row_of(&pyramid, 0, "30岁及以下");
    assert_eq!((number(&young[1]), number(&young[2])), (0.0, 1.0));
    let total = row_of(&pyramid, 0, "合计");
    assert_eq!(number(&total[3]), 3.0);
    assert_eq!(number(&total[4]), 1.0);
    let edu = sheet(&e, "学历");
    assert_eq!(number(&row_of(&edu, 0, "本科")[1]), 1.0);
    let missing = row_of(&edu, 0, "未填写");
    assert_eq!(number(&missing[1]), 2.0);
    assert!((number(&missing[2]) - 2.0 / 3.0).abs() < 1e-9);
    for n in 1..=6 {
        assert_frozen_below(&e, n, 1);
    }
}

#[test]
fn one_job_type_for_every_export_and_files_written_where_asked() {
    let b = branch();
    let conn = b.t.db.conn();
    let jobs: Vec<ExportJob> = [
        serde_json::json!({"kind": "people", "filter": {"unit_id": b.station}, "order": "employee-no", "full": true}),
        serde_json::json!({"kind": "attendance", "activity_id": b.lecture}),
        serde_json::json!({"kind": "rates", "from": "2026-01-01", "to": "2026-12-31", "by": "unit"}),
        serde_json::json!({"kind": "ledger", "unit_id": b.company, "from": "2026-01-01", "to": "2026-12-31"}),
        serde_json::json!({"kind": "activities", "filter": {"search": "讲座"}}),
        serde_json::json!({"kind": "structure", "population": "party"}),
        serde_json::json!({"kind": "concerns"}),
        serde_json::json!({"kind": "opinions", "filter": {"level": "重大"}}),
        serde_json::json!({"kind": "visits"}),
        serde_json::json!({"kind": "talks", "summaries": true}),
        serde_json::json!({"kind": "contact_coverage", "year": 2026, "quarter": 4}),
        serde_json::json!({"kind": "talk_coverage", "from": "2026-01-01", "to": "2026-12-31"}),
    ]
    .into_iter()
    .map(|v| serde_json::from_value(v).unwrap())
    .collect();
    let dir = tempfile::tempdir().unwrap();
    for job in &jobs {
        let e = export::render(conn, job, now(), Viewer::ADMIN).unwrap();
        let path = dir.path().join(&e.file_name);
        e.write_to(&path).unwrap();
        let wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        assert_eq!(wb.sheet_names(), e.sheets);
    }
    let e = export::render(conn, &jobs[0], now(), Viewer::ADMIN).unwrap();
    assert_eq!(e.rows, 2);
    assert!(
        export::render(
            conn,
            &ExportJob::Attendance {
                activity_id: 999,
                order: NameOrder::Stroke
            },
            now(),
            Viewer::ADMIN
        )
        .is_err()
    );
    let unwritable = Path::new("/nonexistent-dir/x.xlsx");
    assert!(e.write_to(unwritable).is_err());
    let _ = (b.zhang, b.li, b.zhao);
}

#[test]
fn a_full_staff_export_imports_back_unchanged() {
    use qungong::people::import::{self as people_import, ImportOptions};
    let mut b = branch();
    let e = export::people(
        b.t.db.conn(),
        &PeopleExport {
            full: true,
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let path = b.t.dir.path().join(&e.file_name);
    e.write_to(&path).unwrap();
    let sheet = people_import::load(&path).unwrap();
    let p = people_import::preview(
        &mut b.t.db,
        &sheet,
        &ImportOptions::default(),
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(p.totals.rows, 3);
    assert_eq!(p.totals.errors, 0, "{:#?}", p.rows);
    assert_eq!(p.totals.unchanged, 3, "{:#?}", p.rows);
}
