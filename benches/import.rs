//! `cargo bench --bench import`: a generated 10,000-row 花名册 (.xlsx and GBK .csv) imported
//! into a database holding the unit tree: reading, dry run, commit, and the same sheet again.
//! Prints a Markdown table; the figures are copied into BENCHMARKS.md.

use std::path::Path;
use std::time::{Duration, Instant};

use qungong::codes::UnitKind;
use qungong::people::import::{self as people_import, ImportOptions, Preview};
use qungong::{Actor, Db, idcard, units};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROWS: usize = 10_000;
const DEPARTMENTS: [&str; 8] = [
    "营销部",
    "运检部",
    "调控中心",
    "安监部",
    "物资部",
    "财务部",
    "党建部",
    "城区供电所",
];
const TEAMS: [&str; 6] = ["一班", "二班", "三班", "四班", "五班", "综合班"];
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文";

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Row `i` of the roster: every date form, IDs with their check digit.
fn row(i: usize) -> [String; 12] {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let name = format!(
        "{}{}{}",
        s[i % s.len()],
        g[i / 7 % g.len()],
        g[i / 3 % g.len()]
    );
    let year = 1966 + (i % 36) as i32;
    let month = 1 + (i / 36 % 12) as u32;
    let day = 1 + (i / 432 % 28) as u32;
    let male = !i.is_multiple_of(3);
    let seq = 100 + (i % 400) * 2 + usize::from(male);
    let first17 = format!("140105{year:04}{month:02}{day:02}{seq:03}");
    let id = format!("{first17}{}", idcard::check_char(&first17));
    let birth = match i % 5 {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{year}/{month}/{day}"),
        2 => format!("{year}.{month}.{day}"),
        3 => format!("{year}{month:02}{day:02}"),
        _ => format!("{year}年{month}月{day}日"),
    };
    let work_year = year + 20;
    let work = match i % 3 {
        0 => format!("{work_year}.{month:02}"),
        1 => format!("{work_year}年{month}月"),
        _ => format!("{work_year}-07-01"),
    };
    [
        (i + 1).to_string(),
        format!("{}", 100_000 + i),
        name,
        if male { "男" } else { "女" }.to_string(),
        birth,
        id,
        DEPARTMENTS[i % DEPARTMENTS.len()].to_string(),
        TEAMS[i / DEPARTMENTS.len() % TEAMS.len()].to_string(),
        ["本科", "大专", "硕士研究生", "中专"][i % 4].to_string(),
        ["党员", "中共党员", "群众", "共青团员"][i % 4].to_string(),
        work,
        format!("139{:08}", i),
    ]
}

const HEADER: [&str; 12] = [
    "序号",
    "工号",
    "姓名",
    "性别",
    "出生日期",
    "身份证号码",
    "部门",
    "班组",
    "学历",
    "政治面貌",
    "参加工作时间",
    "联系电话",
];

fn write_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 11, "职工花名册", &Format::new())
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for i in 0..ROWS {
        let r = (i + 2) as u32;
        for (c, v) in row(i).iter().enumerate() {
            if c == 4 && i % 10 == 9 {
                // Every tenth birth date as a real date cell.
                let v = row(i);
                let d = &v[5][6..14];
                let dt = ExcelDateTime::from_ymd(
                    d[..4].parse().unwrap(),
                    d[4..6].parse().unwrap(),
                    d[6..].parse().unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(r, 4, &dt, &date).unwrap();
            } else {
                sheet.write_string(r, c as u16, v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn write_gbk_csv(path: &Path) {
    let mut text = HEADER.join(",");
    text.push('\n');
    for i in 0..ROWS {
        text.push_str(&row(i).join(","));
        text.push('\n');
    }
    std::fs::write(path, encoding_rs::GBK.encode(&text).0).unwrap();
}

fn fresh_db(dir: &Path, n: usize) -> Db {
    let mut db = Db::open(dir.join(format!("bench{n}.db"))).unwrap();
    db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        let company = units::add(tx, "城东供电公司", UnitKind::Company, None)?;
        for d in DEPARTMENTS {
            let dept = units::add(tx, d, UnitKind::Department, Some(company))?;
            for t in TEAMS {
                units::add(tx, t, UnitKind::Team, Some(dept))?;
            }
        }
        Ok(())
    })
    .unwrap();
    db
}

fn check(p: &Preview, new: usize, unchanged: usize) {
    assert_eq!(p.totals.errors, 0, "{:?}", p.errors().next());
    assert_eq!(p.totals.new, new);
    assert_eq!(p.totals.unchanged, unchanged);
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("roster.xlsx");
    let csv = dir.path().join("roster.csv");
    write_xlsx(&xlsx);
    write_gbk_csv(&csv);
    let options = ImportOptions::default();
    let mut ok = |_: usize, _: usize| true;

    let mut read_xlsx = Vec::new();
    let mut read_csv = Vec::new();
    let mut dry = Vec::new();
    let mut commit = Vec::new();
    let mut again_dry = Vec::new();
    let mut again_commit = Vec::new();
    let mut totals_dry = Vec::new();
    let mut totals_commit = Vec::new();
    for n in 0..3 {
        let (sheet, t_read) = time(|| people_import::load(&xlsx).unwrap());
        read_xlsx.push(t_read);
        read_csv.push(time(|| people_import::load(&csv).unwrap()).1);
        let mut db = fresh_db(dir.path(), n);
        let (p, t) = time(|| people_import::preview(&mut db, &sheet, &options, &mut ok).unwrap());
        check(&p, ROWS, 0);
        dry.push(t);
        totals_dry.push(t + t_read);
        let (p, t) = time(|| {
            people_import::commit(&mut db, &Actor::local(), &sheet, &options, &mut ok).unwrap()
        });
        check(&p, ROWS, 0);
        commit.push(t);
        totals_commit.push(t + t_read);
        let (p, t) = time(|| people_import::preview(&mut db, &sheet, &options, &mut ok).unwrap());
        check(&p, 0, ROWS);
        again_dry.push(t);
        let (p, t) = time(|| {
            people_import::commit(&mut db, &Actor::local(), &sheet, &options, &mut ok).unwrap()
        });
        check(&p, 0, ROWS);
        again_commit.push(t);
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let size = |p: &Path| std::fs::metadata(p).unwrap().len() / 1024;
    println!(
        "| 10,000-row 花名册 (median of 3) | time |\n|---|---|\n\
         | read .xlsx ({} KB, every 10th birth date a date cell) | {} |\n\
         | read GBK .csv ({} KB) | {} |\n\
         | dry run into an empty database (10,000 新增) | {} |\n\
         | commit (10,000 新增, one transaction) | {} |\n\
         | **read .xlsx + dry run** | **{}** |\n\
         | **read .xlsx + commit** | **{}** |\n\
         | same sheet again: dry run (10,000 不变) | {} |\n\
         | same sheet again: commit (nothing written) | {} |",
        size(&xlsx),
        ms(median(read_xlsx)),
        size(&csv),
        ms(median(read_csv)),
        ms(median(dry)),
        ms(median(commit)),
        ms(median(totals_dry)),
        ms(median(totals_commit)),
        ms(median(again_dry)),
        ms(median(again_commit)),
    );
}
