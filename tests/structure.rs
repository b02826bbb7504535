//! 队伍结构 on a hand-made dataset: every expected number is written here.
mod common;

use common::{TestDb, date};
use qungong::codes::{Education, Gender, PoliticalStatus, ProfessionalTitle};
use qungong::people::{self, PersonInput};
use qungong::structure::{self, Population, StructureQuery};

#[test]
fn structure_as_of_a_date_counts_ages_exactly_and_only_people_in_post() {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let as_of = date("2026-06-30");
    fn add(
        t: &mut TestDb,
        unit: i64,
        no: &str,
        gender: Gender,
        birth: &str,
        f: &dyn Fn(&mut PersonInput),
    ) -> i64 {
        let mut p = PersonInput {
            employee_no: no.into(),
            name: format!(
                "职工{}",
                ["甲", "乙", "丙", "丁", "戊", "己", "庚"][no.parse::<usize>().unwrap() - 1]
            ),
            gender: Some(gender),
            birth_date: Some(date(birth)),
            unit_id: unit,
            ..Default::default()
        };
        f(&mut p);
        t.write(|tx| people::add(tx, p)).unwrap()
    }
    // Turns 35 on the as-of date: 35, so in 31–35 and "35 and under".
    add(&mut t, station, "1", Gender::Male, "1991-06-30", &|p| {
        p.education = Some(Education::Bachelor);
        p.political_cadre = true;
        p.political_status = Some(PoliticalStatus::CpcMember);
    });
    // One day short of 36: still 35.
    add(&mut t, station, "2", Gender::Female, "1990-07-01", &|p| {
        p.education = Some(Education::Postgraduate)
    });
    // Born 29 February 1976: 50 on 1 March 2026, so 50 here (46–50, and "50 and over").
    add(&mut t, station, "3", Gender::Male, "1976-02-29", &|p| {
        p.education = Some(Education::College);
        p.professional_title = Some(ProfessionalTitle::Intermediate);
        p.political_status = Some(PoliticalStatus::CpcProbationary);
    });
    // 56 → 56岁及以上.
    add(&mut t, station, "4", Gender::Female, "1970-01-15", &|p| {
        p.education = Some(Education::Secondary)
    });
    // Hired after the as-of date: not counted.
    add(&mut t, station, "5", Gender::Male, "1995-03-03", &|p| {
        p.hire_date = Some(date("2026-07-01"))
    });
    // Left the day before: not counted.
    let gone = add(&mut t, station, "6", Gender::Male, "1980-01-01", &|_| {});
    t.write(|tx| people::leave(tx, gone, date("2026-06-29"), Some("调出")))
        .unwrap();
    // Leaves on the day after: still counted, aged 26 (30岁及以下).
    let leaving = add(&mut t, station, "7", Gender::Female, "2000-01-01", &|_| {});
    t.write(|tx| people::leave(tx, leaving, date("2026-07-01"), Some("辞职")))
        .unwrap();

    let q = StructureQuery {
        unit_id: Some(company),
        population: Population::All,
        as_of,
    };
    let s = structure::snapshot(t.db.conn(), &q).unwrap();
    assert_eq!(s.headcount, 5);
    // Ages 35, 35, 50, 56, 26 → mean 202/5, median 35.
    assert_eq!(s.average_age, Some(40.4));
    assert_eq!(s.median_age, Some(35.0));
    assert_eq!(s.share_35_and_under, Some(0.6));
    assert_eq!(s.share_50_and_over, Some(0.4));
    let pyramid: Vec<(&str, i64, i64)> = s
        .pyramid
        .iter()
        .map(|r| (r.label.as_str(), r.male, r.female))
        .collect();
    assert_eq!(
        pyramid,
        [
            ("30岁及以下", 0, 1),
            ("31–35岁", 1, 1),
            ("36–40岁", 0, 0),
            ("41–45岁", 0, 0),
            ("46–50岁", 1, 0),
            ("51–55岁", 0, 0),
            ("56岁及以上", 0, 1),
        ]
    );
    let edu: Vec<(&str, i64)> = s
        .education
        .iter()
        .map(|x| (x.label.as_str(), x.count))
        .collect();
    assert_eq!(
        edu,
        [
            ("研究生", 1),
            ("本科", 1),
            ("大专", 1),
            ("中专及以下", 1),
            ("未填写", 1)
        ]
    );
    assert_eq!(s.education[0].share, 0.2);
    let party: Vec<(&str, i64)> = s
        .political_status
        .iter()
        .filter(|x| x.count > 0)
        .map(|x| (x.label.as_str(), x.count))
        .collect();
    assert_eq!(party, [("中共党员", 1), ("中共预备党员", 1), ("未填写", 3)]);

    let cadres = StructureQuery {
        population: Population::Cadres,
        ..q.clone()
    };
    assert_eq!(
        structure::snapshot(t.db.conn(), &cadres).unwrap().headcount,
        1
    );
    let party = StructureQuery {
        population: Population::Party,
        ..q.clone()
    };
    assert_eq!(
        structure::snapshot(t.db.conn(), &party).unwrap().headcount,
        2
    );
    // A day later the leaver is gone and the newcomer is in.
    let later = StructureQuery {
        as_of: date("2026-07-01"),
        ..q
    };
    assert_eq!(
        structure::snapshot(t.db.conn(), &later).unwrap().headcount,
        5
    );
    let empty = StructureQuery {
        unit_id: Some(t.unit("营销部", Some(company))),
        ..cadres
    };
    let s = structure::snapshot(t.db.conn(), &empty).unwrap();
    assert_eq!((s.headcount, s.average_age), (0, None));
}
