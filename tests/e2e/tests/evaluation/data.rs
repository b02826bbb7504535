//! The demo company for the tests in `evaluation.rs`, and the people they pick from it: a
//! station's two 政工干部, and two people either side of an 出勤率 threshold.

use std::path::Path;

use chrono::NaiveDate;
use qungong::attendance::{self, RateQuery};
use qungong::{Action, Actor, Db};

/// The demo company (branch scale, seed 1, anchored today) in a new database at `db`.
pub fn demo(db: &Path, today: NaiveDate) {
    let mut store = Db::open(db).unwrap();
    store
        .transact(&Actor::local(), Action::Demo, |tx| {
            qungong::demo::generate(tx, qungong::demo::Scale::Branch, 1, today)
        })
        .unwrap();
}

/// A person as the tests name them.
#[derive(Debug, Clone)]
pub struct Someone {
    pub id: i64,
    pub name: String,
    pub employee_no: String,
}

/// The first 供电所 of the demo with exactly two 政工干部 in post, and those two (by id).
pub fn station_with_two_cadres(db: &Path) -> (String, Someone, Someone) {
    let store = Db::open(db).unwrap();
    let conn = store.conn();
    let (unit_id, unit): (i64, String) = conn
        .query_row(
            "SELECT u.id, u.name FROM unit u WHERE u.kind = 'station' AND
               (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.political_cadre = 1
                   AND p.left_date IS NULL) = 2
             ORDER BY u.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a 供电所 with two 政工干部 in the demo");
    let mut stmt = conn
        .prepare(
            "SELECT id, name, employee_no FROM person
              WHERE unit_id = ?1 AND political_cadre = 1 AND left_date IS NULL ORDER BY id",
        )
        .unwrap();
    let people: Vec<Someone> = stmt
        .query_map([unit_id], |r| {
            Ok(Someone {
                id: r.get(0)?,
                name: r.get(1)?,
                employee_no: r.get(2)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(people.len(), 2, "{people:?}");
    assert_ne!(people[0].name, people[1].name, "two different names");
    (unit, people[0].clone(), people[1].clone())
}

/// Two people with their year's 出勤率 (in percent) and a whole-number threshold between them:
/// a 政工干部 in post at or above it, and someone in post below it.
pub struct RateSplit {
    pub passes: Someone,
    pub fails: Someone,
    pub threshold: u32,
    /// How the core words the failing person's rate ("62.5%（5/8）").
    pub fails_rate: String,
}

/// Over `year`: the 政工干部 with the highest rate passes a threshold of its whole percent; the
/// person with the lowest rate fails it.
pub fn split_by_rate(db: &Path, year: i32) -> RateSplit {
    let store = Db::open(db).unwrap();
    let conn = store.conn();
    let q = RateQuery::new(
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
        None,
    );
    let mut stmt = conn
        .prepare(
            "SELECT id, name, employee_no, political_cadre FROM person
              WHERE left_date IS NULL AND employee_no IS NOT NULL ORDER BY id",
        )
        .unwrap();
    let people: Vec<(Someone, bool)> = stmt
        .query_map([], |r| {
            Ok((
                Someone {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    employee_no: r.get(2)?,
                },
                r.get(3)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rated = Vec::new();
    for (p, cadre) in people {
        let counts = attendance::person_attendance(conn, p.id, &q)
            .unwrap()
            .counts;
        if let Some(rate) = counts.rate {
            rated.push((p, cadre, rate, counts.rate_text()));
        }
    }
    let best = rated
        .iter()
        .filter(|r| r.1)
        .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.id.cmp(&a.0.id)))
        .expect("a 政工干部 with attendance in the demo");
    let worst = rated
        .iter()
        .filter(|r| r.0.id != best.0.id)
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.0.id.cmp(&b.0.id)))
        .unwrap();
    // The usual 80% when it falls between them, else the best one's whole percent.
    let threshold = if best.2 >= 0.8 && worst.2 < 0.8 {
        80
    } else {
        (best.2 * 100.0).floor() as u32
    };
    assert!(
        worst.2 * 100.0 < f64::from(threshold),
        "someone below {threshold}%: {} {}",
        worst.0.name,
        worst.3
    );
    let unique = |n: &str| rated.iter().filter(|r| r.0.name == n).count() == 1;
    assert!(unique(&best.0.name) && unique(&worst.0.name));
    RateSplit {
        passes: best.0.clone(),
        fails: worst.0.clone(),
        threshold,
        fails_rate: worst.3.clone(),
    }
}
