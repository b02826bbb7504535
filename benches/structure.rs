//! `cargo bench --bench structure`: 队伍结构 at city scale — one structure for the whole company
//! and for one unit, the full analysis with a 10-year trend and projection, the people behind a
//! bar. Prints a Markdown table; the figures are copied into BENCHMARKS.md.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qungong::structure::{self, Config, Population, Slice, StructureQuery};
use qungong::{Actor, Db, demo};

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut db = Db::open(dir.path().join("city.db")).expect("open");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let summary = db
        .transact(&Actor::local(), qungong::Action::Demo, |tx| {
            demo::generate(tx, demo::Scale::City, 1, today)
        })
        .expect("demo");
    let conn = db.conn();
    // The unit with the most staff below it, short of the company itself.
    let (unit, unit_name, unit_staff): (i64, String, i64) = conn
        .query_row(
            "SELECT u.id, u.name,
                    (SELECT count(*) FROM person p WHERE p.left_date IS NULL AND p.unit_id IN
                       (WITH RECURSIVE t(id) AS (SELECT u.id UNION ALL
                          SELECT c.id FROM unit c JOIN t ON c.parent_id = t.id) SELECT id FROM t)) n
               FROM unit u WHERE u.parent_id IS NOT NULL ORDER BY n DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a unit");
    let cfg = Config::default();
    let q = |unit_id, population| StructureQuery {
        unit_id,
        population,
        as_of: today,
    };
    let all = q(None, Population::All);
    let company = median(21, || {
        structure::snapshot(conn, &all).expect("structure");
    });
    let one_unit = median(21, || {
        structure::snapshot(conn, &q(Some(unit), Population::All)).expect("structure");
    });
    let cadres = median(21, || {
        structure::snapshot(conn, &q(None, Population::Cadres)).expect("structure");
    });
    let analysis = median(11, || {
        structure::analyse(conn, &all, &cfg, 10).expect("analysis");
    });
    let trend = median(11, || {
        structure::trend(conn, &all, 10).expect("trend");
    });
    let bar = Slice::Age {
        bracket: 4,
        gender: None,
    };
    let people = median(11, || {
        structure::members(conn, &all, &cfg, Some(&bar)).expect("members");
    });
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| what (city scale: {} units, {} people) | time |",
        summary.units, summary.people
    );
    println!("|---|---|");
    println!("| structure, whole company, all staff | {} |", ms(company));
    println!(
        "| structure, one unit ({unit_name}, {unit_staff} in post) | {} |",
        ms(one_unit)
    );
    println!("| structure, whole company, 政工干部 | {} |", ms(cadres));
    println!(
        "| 10-year trend + 10-year projection, whole company | {} |",
        ms(trend)
    );
    println!(
        "| full analysis (structure, warnings, retirements by unit, 10-year trend and projection) | {} |",
        ms(analysis)
    );
    println!(
        "| people behind one pyramid bar (46–50岁) | {} |",
        ms(people)
    );
}
