//! `cargo bench --bench core`: demo data at city scale and the screen queries over it, each run
//! `RUNS` times; prints a Markdown table (p95 and median, wall clock and this thread's CPU time)
//! whose figures are copied into BENCHMARKS.md beside their targets.
//!
//! `QUNGONG_BENCH_SHORT=1 cargo bench --bench core`: the branch-scale demo, one run of each,
//! the statistics query plans checked: a quick check that every measured path still works.
//! `QUNGONG_BENCH_DB=FILE`: time an existing database (copied first, so it is left as it was)
//! instead of generating one.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use qungong::attendance::{self, RateQuery};
use qungong::codes::{RecognitionTarget, RoundStatus};
use qungong::evaluation::{recognition, round};
use qungong::people::{self, PersonFilter};
use qungong::{Action, Actor, Db, demo, voice};

/// This thread's CPU time: on a shared machine the wall clock also counts other processes.
fn cpu_now() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    }
    #[cfg(not(unix))]
    Duration::ZERO
}

/// Wall and CPU time of each of the runs of one measurement.
struct Timings {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Timings {
    fn pct(v: &[Duration], p: f64) -> Duration {
        let mut v = v.to_vec();
        v.sort();
        // Nearest rank: the p95 of 20 runs is the 19th fastest.
        let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
        v[rank - 1]
    }
    fn p95(&self) -> Duration {
        Self::pct(&self.wall, 0.95)
    }
    fn median(&self) -> Duration {
        Self::pct(&self.wall, 0.5)
    }
    fn cpu_p95(&self) -> Duration {
        Self::pct(&self.cpu, 0.95)
    }
}

/// Runs `f` `runs` times (after one warm-up run), timing each.
fn measure(runs: usize, mut f: impl FnMut(usize)) -> Timings {
    f(usize::MAX);
    let mut t = Timings {
        wall: Vec::new(),
        cpu: Vec::new(),
    };
    for i in 0..runs {
        let (c0, w0) = (cpu_now(), Instant::now());
        f(i);
        t.wall.push(w0.elapsed());
        t.cpu.push(cpu_now() - c0);
    }
    t
}

fn main() {
    // `cargo bench` passes --bench; a filter argument would be ignored here.
    let short = std::env::var_os("QUNGONG_BENCH_SHORT").is_some_and(|v| !v.is_empty() && v != "0");
    let runs = if short { 1 } else { 20 };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut generation = None;
    match std::env::var_os("QUNGONG_BENCH_DB").filter(|_| !short) {
        Some(existing) => {
            std::fs::copy(&existing, &path).expect("copy QUNGONG_BENCH_DB");
        }
        None => {
            let mut db = Db::open(&path).expect("open");
            let scale = if short {
                demo::Scale::Branch
            } else {
                demo::Scale::City
            };
            let start = Instant::now();
            db.transact(&Actor::local(), Action::Demo, |tx| {
                demo::generate(tx, scale, 1, today)
            })
            .expect("demo");
            generation = Some(start.elapsed());
        }
    }
    let mut db = Db::open(&path).expect("open");
    let count = |sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    let (units, staff, activities, rows) = (
        count("SELECT count(*) FROM unit"),
        count("SELECT count(*) FROM person"),
        count("SELECT count(*) FROM activity"),
        count("SELECT count(*) FROM attendance"),
    );

    // Every statistics query on its indexes, as tests/query_plans.rs asserts on a small file.
    for (name, plan) in attendance::statistics_query_plans(db.conn()).expect("plans") {
        assert!(
            !plan
                .lines()
                .any(|l| l.starts_with("SCAN t") || l.contains("SCAN attendance")),
            "{name} scans attendance:\n{plan}"
        );
    }

    let year = RateQuery {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        unit_id: None,
        kinds: Vec::new(),
    };
    let month = RateQuery {
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        unit_id: None,
        kinds: Vec::new(),
    };
    let conn = db.conn();
    // The person with the most rows in the year, and the held activity with the longest list.
    let busiest: i64 = conn
        .query_row(
            "SELECT t.person_id FROM activity a JOIN attendance t ON t.activity_id = a.id
              WHERE a.starts_at >= '2025-01-01' AND a.starts_at < '2026-01-01'
              GROUP BY t.person_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a person");
    let biggest: i64 = conn
        .query_row(
            "SELECT activity_id FROM attendance GROUP BY activity_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an activity");

    let mut results: Vec<(&str, Timings, &str)> = Vec::new();
    let by_unit = measure(runs, |_| {
        attendance::rates_by_unit(conn, &year).expect("rates");
    });
    results.push(("出勤率 by unit, one year (whole tree)", by_unit, "40 ms"));
    let by_person = measure(runs, |_| {
        attendance::rates_by_person(conn, &year).expect("rates");
    });
    results.push((
        "出勤率 by person, one year (all entries)",
        by_person,
        "50 ms",
    ));
    // The floor: the same rows only counted, inside SQLite (no row leaves it).
    let floor_sql = |columns: &str| {
        format!(
            "SELECT {columns} FROM activity a CROSS JOIN attendance t ON t.activity_id = a.id
              WHERE a.starts_at >= '2025-01-01' AND a.starts_at < '2026-01-01'
                AND a.status = 'held'
                AND (t.status IS NOT NULL OR date(a.ends_at, '-1 seconds') < '{today}')"
        )
    };
    let counted = floor_sql("count(*)");
    let floor = measure(runs, |_| {
        conn.query_row(&counted, [], |r| r.get::<_, i64>(0))
            .expect("floor");
    });
    results.push((
        "floor: the same year's rows counted inside SQLite",
        floor,
        "—",
    ));
    // Before issue 12: the rates' one query, summing per person with GROUP BY (which sorted
    // all the year's rows), for comparison in the same run.
    let before = measure(runs, |_| {
        let mut stmt = conn
            .prepare_cached(
                "SELECT t.person_id, sum(t.invited),
                        sum(t.invited AND t.status = 'present'), sum(t.invited AND t.status = 'late'),
                        sum(t.invited AND t.status = 'leave'), sum(t.invited AND t.status = 'absent'),
                        sum(t.invited AND t.status IS NULL), sum(NOT t.invited)
                   FROM activity a JOIN attendance t ON t.activity_id = a.id
                  WHERE a.status = 'held'
                    AND (t.status IS NOT NULL OR date(a.ends_at, '-1 seconds') < ?3)
                    AND a.starts_at >= ?1 AND a.starts_at < ?2
                    AND (?4 IS NULL OR t.person_id = ?4)
                  GROUP BY t.person_id",
            )
            .unwrap();
        let n = stmt
            .query_map(
                rusqlite::params!["2025-01-01", "2026-01-01", today.to_string(), None::<i64>],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            .count();
        std::hint::black_box(n);
    });
    results.push((
        "before: the rates' GROUP BY query of issue 2 alone",
        before,
        "—",
    ));
    let mut entries = 0;
    let first_page = measure(runs, |_| {
        let all = attendance::rates_by_person(conn, &year).expect("rates");
        entries = all.len();
        let page: Vec<_> = all.into_iter().take(50).collect();
        std::hint::black_box(serde_json::to_string(&page).expect("json"));
    });
    results.push((
        "出勤率 by person, first page of 50 as JSON (the ranking needs every entry)",
        first_page,
        "30 ms",
    ));
    let absent_page = measure(runs, |_| {
        let page = attendance::absent_groups(conn, &year, 0, 20).expect("groups");
        std::hint::black_box(serde_json::to_string(&page).expect("json"));
    });
    results.push((
        "未出勤名单 as the screen shows it: first page of 20 people as JSON, one year",
        absent_page,
        "50 ms",
    ));
    let absences = measure(runs, |_| {
        attendance::absences(conn, &year, true).expect("absences");
    });
    results.push((
        "did-not-attend list, every row (absent + leave; what the .xlsx and PDF list), one year",
        absences,
        "—",
    ));
    let by_kind = measure(runs, |_| {
        attendance::rates_by_kind(conn, &year).expect("by kind");
    });
    results.push((
        "出勤统计 按活动类型 (every unit × kind), one year",
        by_kind,
        "50 ms",
    ));
    let lectures = RateQuery {
        kinds: vec![qungong::codes::ActivityKind::Lecture],
        ..year.clone()
    };
    let by_unit_kind = measure(runs, |_| {
        attendance::rates_by_unit(conn, &lectures).expect("rates");
    });
    results.push((
        "出勤率 by unit, one year, 专题讲座 only",
        by_unit_kind,
        "40 ms",
    ));
    let absence_runs = measure(runs, |_| {
        attendance::absence_runs(conn, &year, 3).expect("runs");
    });
    results.push((
        "连续缺席 3 次及以上 (未出勤名单), one year",
        absence_runs,
        "50 ms",
    ));
    let current_runs = measure(runs, |_| {
        attendance::current_absence_runs(conn, today).expect("runs");
    });
    results.push((
        "工作台 连续缺席 reminder (last 365 days)",
        current_runs,
        "50 ms",
    ));
    let mut history_rows = 0;
    let history = measure(runs, |_| {
        let h = attendance::person_attendance(conn, busiest, &year).expect("history");
        history_rows = h.rows.len();
    });
    results.push(("one person's history and rate, one year", history, "50 ms"));
    let this_month = measure(runs, |_| {
        attendance::period_counts_on(conn, &month, today).expect("counts");
    });
    results.push(("工作台 this month's counts", this_month, "50 ms"));
    let mut sheet_rows = 0;
    let sheet = measure(runs, |_| {
        sheet_rows = attendance::sheet(conn, biggest).expect("sheet").rows.len();
    });
    results.push((
        "签到 page of the largest activity (list + counts)",
        sheet,
        "50 ms",
    ));
    let search = PersonFilter {
        search: Some("zs".into()),
        ..Default::default()
    };
    let search_page = measure(runs, |_| {
        people::list(conn, &search, 0, 50).expect("list");
    });
    results.push(("staff search `zs`, first page of 50", search_page, "50 ms"));
    let list_page = measure(runs, |_| {
        people::list(conn, &PersonFilter::default(), 5000, 50).expect("list");
    });
    results.push(("staff list, page 101 of 50", list_page, "50 ms"));
    let tree = measure(runs, |_| {
        qungong::units::tree(conn).expect("tree");
    });
    results.push(("unit tree with staff counts", tree, "50 ms"));

    // 党群沟通 on the demo's year of concerns, talks, visits and opinion entries.
    let now = today.and_hms_opt(12, 0, 0).unwrap();
    let board = measure(runs, |_| {
        qungong::dashboard::overview(conn, now).expect("dashboard");
    });
    results.push((
        "工作台 (whole overview, 党群沟通 card included)",
        board,
        "—",
    ));
    let concerns = measure(runs, |_| {
        voice::concern::list(conn, &Default::default(), today, 0, 50).expect("concerns");
    });
    results.push(("群众诉求, first page of 50", concerns, "50 ms"));
    let overdue = measure(runs, |_| {
        voice::concern::open_counts(conn, today).expect("open counts");
    });
    results.push(("未办结 / 超期 counts (工作台)", overdue, "50 ms"));
    let year = voice::Period::year(2026).unwrap();
    let talk_cov = measure(runs, |_| {
        voice::talk::coverage(conn, year, None, today).expect("talk coverage");
    });
    results.push(("谈心谈话覆盖, whole company, one year", talk_cov, "200 ms"));
    let quarter = voice::Period::quarter_of(today);
    let figures = measure(runs, |_| {
        voice::report::figures(conn, quarter, None, now).expect("figures");
    });
    results.push((
        "思想动态分析报告 figures, whole company, one quarter",
        figures,
        "500 ms",
    ));

    // 考核评价 on the demo's rounds: the open round's page computes every subject's automatic
    // figures live (attendance, concerns, talks, visits of the subject's unit); the published
    // one reads stored scores; a 推优评先 round checks every candidate's eligibility.
    let rounds = round::list(conn).expect("rounds");
    let open = rounds
        .iter()
        .find(|r| r.status == RoundStatus::Open)
        .expect("an open round");
    let published = rounds
        .iter()
        .find(|r| r.status == RoundStatus::Published)
        .expect("a published round");
    let open_get = measure(runs, |_| {
        round::get(conn, open.id, now).expect("open round");
    });
    results.push((
        "考核: an open round's results (live preview), demo round",
        open_get,
        "500 ms",
    ));
    let published_get = measure(runs, |_| {
        round::get(conn, published.id, now).expect("published round");
    });
    results.push(("考核: a published round's results", published_get, "50 ms"));
    let rec = recognition::list(conn).expect("recognition rounds");
    let rec_id = rec
        .iter()
        .find(|r| r.target == RecognitionTarget::Person)
        .expect("a recognition round of people")
        .id;
    let rec_get = measure(runs, |_| {
        recognition::get(conn, rec_id, today).expect("recognition round");
    });
    results.push((
        "推优评先: a round of people with eligibility checked",
        rec_get,
        "200 ms",
    ));

    // The kiosk last (it writes): a planned activity's invitees checked in one by one at its
    // start, each as the desktop does it — find the entry, check in, commit with the audit row —
    // then the counts the screen shows after it.
    let (kiosk_activity, starts_at): (i64, NaiveDateTime) = conn
        .query_row(
            "SELECT a.id, a.starts_at FROM activity a
              WHERE a.status = 'planned'
                AND (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id) > ?1
              ORDER BY a.starts_at LIMIT 1",
            [runs as i64 + 1],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a planned activity");
    let keys: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT p.employee_no FROM attendance t JOIN person p ON p.id = t.person_id
                  WHERE t.activity_id = ?1 AND t.status IS NULL AND p.employee_no IS NOT NULL
                    AND p.left_date IS NULL
                  ORDER BY p.id",
            )
            .unwrap();
        stmt.query_map([kiosk_activity], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let kiosk = measure(runs, |i| {
        let key = &keys[if i == usize::MAX { runs } else { i }];
        db.transact(&Actor::local(), Action::AttendanceCheckIn, |tx| {
            let person = attendance::find_attendee(tx, kiosk_activity, key)?;
            attendance::check_in(tx, kiosk_activity, person, starts_at, false)
        })
        .expect("check in");
        attendance::counts(db.conn(), kiosk_activity).expect("counts");
    });
    results.push((
        "kiosk check-in (工号 lookup + check-in + commit + updated counts)",
        kiosk,
        "20 ms",
    ));

    // What the first open after upgrading to the timelines (migration 0007) costs: every
    // (person, year) made from the rows, once.
    db.conn()
        .execute_batch(
            "INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
               SELECT DISTINCT t.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
                 FROM attendance t JOIN activity a ON a.id = t.activity_id",
        )
        .expect("mark dirty");
    drop(db);
    // Timed once, without the warm-up `measure` does (that would make them all).
    let (c0, w0) = (cpu_now(), Instant::now());
    drop(Db::open(&path).expect("reopen"));
    let reopen = Timings {
        wall: vec![w0.elapsed()],
        cpu: vec![cpu_now() - c0],
    };
    results.push((
        "first open after the upgrade to timelines (every person-year made once)",
        reopen,
        "—",
    ));
    // (Each open and close checkpoints the WAL into the file, so its size below is complete.)
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{} scale: {units} units, {staff} people, {activities} activities, {rows} attendance rows; \
         file {:.0} MB{}; {runs} runs each after a warm-up; by person: {entries} entries; \
         history: {history_rows} rows; largest sheet: {sheet_rows} rows",
        if short { "branch" } else { "city" },
        size as f64 / 1e6,
        generation.map_or(String::new(), |g| format!(
            "; generated in {:.1} s",
            g.as_secs_f64()
        )),
    );
    println!();
    println!("| what | p95 | target | met | median | CPU p95 |");
    println!("|---|---|---|---|---|---|");
    for (what, t, target) in &results {
        let (target, met) = match target.trim_end_matches(" ms").parse::<f64>() {
            Ok(limit) if t.p95().as_secs_f64() * 1000.0 <= limit => (format!("≤ {target}"), "yes"),
            Ok(_) => (format!("≤ {target}"), "no"),
            Err(_) => (target.to_string(), "—"),
        };
        println!(
            "| {what} | {} | {target} | {met} | {} | {} |",
            ms(t.p95()),
            ms(t.median()),
            ms(t.cpu_p95())
        );
    }
}
