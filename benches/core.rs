//! `cargo bench --bench core`: demo data at city scale and the attendance queries over it.
//! Prints a Markdown table; the figures are copied into BENCHMARKS.md.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qungong::attendance::{self, RateQuery};
use qungong::people::{self, PersonFilter};
use qungong::{Actor, Db, demo};

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| time(&mut f).1).collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    // `cargo bench` passes --bench; a filter argument would be ignored here.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("city.db");
    let mut db = Db::open(&path).expect("open");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (summary, generation) = time(|| {
        db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
            demo::generate(tx, demo::Scale::City, 1, today)
        })
        .expect("demo")
    });
    let conn = db.conn();
    let year = RateQuery {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        unit_id: None,
    };
    let by_unit = median(5, || {
        attendance::rates_by_unit(conn, &year).expect("rates");
    });
    let by_person = median(5, || {
        attendance::rates_by_person(conn, &year).expect("rates");
    });
    let absences = median(5, || {
        attendance::absences(conn, &year, true).expect("absences");
    });
    let search = PersonFilter {
        search: Some("zs".into()),
        ..Default::default()
    };
    let page = median(21, || {
        people::list(conn, &search, 0, 50).expect("list");
    });
    let first_page = median(21, || {
        people::list(conn, &PersonFilter::default(), 5000, 50).expect("list");
    });
    let tree = median(21, || {
        qungong::units::tree(conn).expect("tree");
    });
    drop(db); // closing checkpoints the WAL into the file
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| what (city scale: {} units, {} people, {} activities, {} attendance rows) | time |",
        summary.units, summary.people, summary.activities, summary.attendance_rows
    );
    println!("|---|---|");
    println!(
        "| `demo --scale city` (one transaction; file {:.0} MB) | {:.1} s |",
        size as f64 / 1e6,
        generation.as_secs_f64()
    );
    println!("| attendance rates by unit, one year | {} |", ms(by_unit));
    println!(
        "| attendance rates by person, one year | {} |",
        ms(by_person)
    );
    println!(
        "| did-not-attend list (absent + leave), one year | {} |",
        ms(absences)
    );
    println!("| staff search `zs`, first page of 50 | {} |", ms(page));
    println!("| staff list, page 101 of 50 | {} |", ms(first_page));
    println!(
        "| unit tree with staff counts (direct and with sub-units) | {} |",
        ms(tree)
    );
}
