//! `cargo bench --bench pdf`: a 1,000-row 花名册 printed by the core (printpdf, subset CJK font)
//! against the same rows written to .xlsx (rust_xlsxwriter) and converted to PDF by LibreOffice
//! (`soffice --headless --convert-to pdf`), when LibreOffice is installed. Prints a Markdown
//! table; the figures are copied into BENCHMARKS.md. `QUNGONG_PDF_RUNS=n` sets the number of
//! warm runs of the PDF (default 5). `QUNGONG_BENCH_SHORT=1` (what ./test.sh runs): 100 people
//! of the branch-scale demo, one warm run, no LibreOffice — it checks the paths run, not speed.
//!
//! The 1,000 people are real demo records (names, units, qualifications) taken from the
//! city-scale demo, so the font subset is as varied as a real roster's.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qungong::codes::UnitKind;
use qungong::pdf::{self, PrintOptions};
use qungong::people::{self, PersonFilter};
use qungong::{Actor, Db, demo};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

const ROWS: usize = 1000;

fn short() -> bool {
    std::env::var_os("QUNGONG_BENCH_SHORT").is_some_and(|v| !v.is_empty() && v != "0")
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn kb(bytes: u64) -> String {
    format!("{:.0} KB", bytes as f64 / 1024.0)
}

/// A database with one unit of exactly `rows` people copied from the city-scale demo (the
/// branch-scale one in the short mode).
fn thousand_people(dir: &Path, today: NaiveDate, rows: usize) -> (Db, i64) {
    let mut city = Db::open(dir.join("city.db")).expect("open");
    let scale = if short() {
        demo::Scale::Branch
    } else {
        demo::Scale::City
    };
    city.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        demo::generate(tx, scale, 1, today)
    })
    .expect("demo");
    let all = people::list(city.conn(), &PersonFilter::default(), 0, i64::MAX)
        .expect("list")
        .items;
    // Every ninth person (every second in the short mode): people from every unit of the city.
    let step = if short() { 2 } else { 9 };
    let chosen: Vec<_> = all.into_iter().step_by(step).take(rows).collect();
    assert_eq!(chosen.len(), rows);
    let mut db = Db::open(dir.join("roster.db")).expect("open");
    let unit = db
        .transact(&Actor::local(), qungong::Action::Demo, |tx| {
            let unit = qungong::units::add(tx, "国网示范市供电公司", UnitKind::Company, None)?;
            for p in &chosen {
                let mut input = p.to_input();
                input.unit_id = unit;
                people::add(tx, input)?;
            }
            Ok(unit)
        })
        .expect("copy people");
    (db, unit)
}

/// The roster's rows as the PDF prints them, for the spreadsheet.
fn rows(db: &Db, unit: i64, today: NaiveDate) -> Vec<Vec<String>> {
    let filter = PersonFilter {
        unit_id: Some(unit),
        ..Default::default()
    };
    let staff = people::list(db.conn(), &filter, 0, i64::MAX)
        .expect("list")
        .items;
    let label = |s: Option<&'static str>| s.unwrap_or("").to_string();
    staff
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.employee_no.clone().unwrap_or_default(),
                p.name.clone(),
                p.gender.label().to_string(),
                p.birth_date.format("%Y.%m").to_string(),
                qungong::structure::age_on(p.birth_date, today).to_string(),
                label(p.political_status.map(|s| s.label())),
                label(p.education.map(|s| s.label())),
                p.professional_title.clone().unwrap_or_default(),
                label(p.skill_level.map(|s| s.label())),
                p.position.clone().unwrap_or_default(),
                p.work_start_date
                    .map(|d| d.format("%Y.%m").to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

const HEADERS: [&str; 12] = [
    "序号",
    "工号",
    "姓名",
    "性别",
    "出生年月",
    "年龄",
    "政治面貌",
    "学历",
    "职称",
    "技能等级",
    "岗位",
    "参加工作时间",
];

/// The same roster as an A4 landscape sheet with the header row repeated on every page.
fn write_xlsx(rows: &[Vec<String>], path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").expect("name");
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(1, 1).expect("repeat rows");
    sheet.set_header("&C&\"宋体,Bold\"&16国网示范市供电公司职工花名册");
    sheet.set_footer("&C第 &P 页 共 &N 页");
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_font_name("宋体")
        .set_font_size(9);
    let head = cell.clone().set_bold().set_background_color("#E6E6E6");
    let widths = [
        5.0, 10.0, 9.0, 5.0, 9.0, 5.0, 12.0, 10.0, 8.0, 10.0, 18.0, 12.0,
    ];
    for (c, (title, width)) in HEADERS.iter().zip(widths).enumerate() {
        sheet.set_column_width(c as u16, width).expect("width");
        sheet
            .write_string_with_format(1, c as u16, *title, &head)
            .expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet
                .write_string_with_format(r as u32 + 2, c as u16, value, &cell)
                .expect("cell");
        }
    }
    book.save(path).expect("save xlsx");
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|cmd| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let rows_wanted = if short() { 100 } else { ROWS };
    eprintln!("building the demo and copying {rows_wanted} people …");
    let (db, unit) = thousand_people(dir.path(), today, rows_wanted);
    let opts = PrintOptions::new(today);

    // The first document of the process reads and parses the two font files (about 30 ms);
    // the documents after it reuse them, as the desktop app and `qungong serve` do (one process
    // prints many documents). Both are reported: the median is over the warm runs, and the
    // first run is what a one-off `qungong print` costs.
    let (mut doc, first_time) = time(|| pdf::roster(db.conn(), unit, &opts).expect("roster"));
    let mut times = Vec::new();
    // QUNGONG_PDF_RUNS=n: more warm runs (e.g. under a profiler).
    let runs: usize = std::env::var("QUNGONG_PDF_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if short() { 1 } else { 5 });
    for _ in 0..runs {
        let (d, t) = time(|| pdf::roster(db.conn(), unit, &opts).expect("roster"));
        doc = d;
        times.push(t);
    }
    let pdf_time = median(times);
    let pdf_path = dir.path().join("roster.pdf");
    doc.write_to(&pdf_path).expect("write");

    let rows = rows(&db, unit, today);
    let xlsx = dir.path().join("roster.xlsx");
    let ((), xlsx_time) = time(|| write_xlsx(&rows, &xlsx));
    let xlsx_size = std::fs::metadata(&xlsx).expect("xlsx").len();

    println!(
        "| {rows_wanted}-row 花名册 (A4 landscape, {} pages) | time | file |",
        doc.pages
    );
    println!("|---|---|---|");
    println!(
        "| 群工台 PDF (printpdf, subset {} + {}), median of {runs} | {} | {} |",
        doc.font.title.family,
        doc.font.body.family,
        ms(pdf_time),
        kb(doc.bytes.len() as u64)
    );
    println!(
        "| 群工台 PDF, the process's first document (fonts read and parsed) | {} | |",
        ms(first_time)
    );
    println!(
        "| .xlsx of the same rows (rust_xlsxwriter) | {} | {} |",
        ms(xlsx_time),
        kb(xlsx_size)
    );
    match soffice().filter(|_| !short()) {
        Some(cmd) => {
            let out = dir.path().join("lo");
            let profile = dir.path().join("lo-profile");
            let convert = || {
                time(|| {
                    Command::new(cmd)
                        .arg(format!(
                            "-env:UserInstallation=file://{}",
                            profile.display()
                        ))
                        .args(["--headless", "--convert-to", "pdf", "--outdir"])
                        .arg(&out)
                        .arg(&xlsx)
                        .output()
                        .expect("run LibreOffice")
                })
            };
            // The first start also creates LibreOffice's user profile, which a user pays once
            // ever: the comparison is with the runs after it (a new process each time, as
            // `soffice --convert-to` is used), the median of three.
            let (first_status, first_lo) = convert();
            let mut lo_times = Vec::new();
            let mut status = first_status;
            for _ in 0..3 {
                let (s, t) = convert();
                status = s;
                lo_times.push(t);
            }
            let lo_time = median(lo_times);
            let pdf = out.join("roster.pdf");
            match std::fs::metadata(&pdf) {
                Ok(meta) if status.status.success() => {
                    println!(
                        "| .xlsx → PDF by LibreOffice (`{cmd} --headless --convert-to pdf`, a new process, its profile made before), median of 3 | {} | {} |",
                        ms(lo_time),
                        kb(meta.len())
                    );
                    println!(
                        "| … LibreOffice's very first start (making its user profile) | {} | |",
                        ms(first_lo)
                    );
                    let lo_total = (xlsx_time + lo_time).as_secs_f64();
                    println!(
                        "| LibreOffice path total (.xlsx + conversion) vs 群工台 | {:.0}× slower | |",
                        lo_total / pdf_time.as_secs_f64()
                    );
                    println!(
                        "| … vs 群工台's first document of a process | {:.0}× slower | |",
                        lo_total / first_time.as_secs_f64()
                    );
                }
                _ => println!(
                    "| LibreOffice conversion failed: {} | | |",
                    String::from_utf8_lossy(&status.stderr).trim()
                ),
            }
        }
        None if short() => println!("| (short mode: LibreOffice not run) | — | — |"),
        None => {
            println!("| LibreOffice not installed (no `soffice` / `libreoffice` on PATH) | — | — |")
        }
    }
}
