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

#[test]
fn retirements_and_warnings_on_hand_made_data() {
    use qungong::codes::RetirementCategory::{Cadre, Worker};
    let mut t = TestDb::new();
    let unit = t.unit("城关供电所", None);
    let as_of = date("2026-06-30");
    type Row<'a> = (
        &'a str,
        &'a str,
        Gender,
        &'a str,
        Option<qungong::codes::RetirementCategory>,
        bool,
    );
    let people: Vec<Row> = vec![
        // Reached 60y4m on 2026-05-10: already past, still in post, not "upcoming".
        ("1", "甲", Gender::Male, "1966-01-10", None, false),
        // 60y6m → 2027-03-20.
        ("2", "乙", Gender::Male, "1966-09-20", None, true),
        // 工人: 51y1m → 2028-02-05.
        ("3", "丙", Gender::Female, "1977-01-05", Some(Worker), false),
        // 干部: 57y8m → 2038-01-05, beyond 3 years.
        ("4", "丁", Gender::Female, "1980-05-05", Some(Cadre), false),
        // No category recorded: counted as unknown.
        ("5", "戊", Gender::Female, "1990-01-01", None, false),
        ("6", "己", Gender::Male, "2000-01-01", None, false),
    ];
    for (no, name, gender, birth, category, cadre) in people {
        let input = PersonInput {
            employee_no: no.into(),
            name: format!("职工{name}"),
            gender: Some(gender),
            birth_date: Some(date(birth)),
            retirement_category: category,
            political_cadre: cadre,
            unit_id: unit,
            ..Default::default()
        };
        t.write(|tx| people::add(tx, input)).unwrap();
    }
    let filter = qungong::people::PersonFilter {
        unit_id: Some(unit),
        ..Default::default()
    };
    let (soon, unknown) = qungong::retirement::upcoming(t.db.conn(), &filter, as_of, 3).unwrap();
    let got: Vec<(&str, String, String)> = soon
        .iter()
        .map(|r| (r.employee_no.as_str(), r.age.label(), r.date.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "60岁6个月".to_string(), "2027-03-20".to_string()),
            ("3", "51岁1个月".to_string(), "2028-02-05".to_string()),
        ]
    );
    assert_eq!(unknown, 1);

    let q = StructureQuery {
        unit_id: Some(unit),
        population: Population::All,
        as_of,
    };
    let warnings = structure::warnings(t.db.conn(), &q, &structure::Thresholds::default()).unwrap();
    let got: Vec<(&str, &str)> = warnings
        .iter()
        .map(|w| (w.title, w.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("断层", "31–35岁、41–45岁、51–55岁 没有人，年龄结构出现断层"),
            ("后备不足", "后备人才 0 人，少于政工干部 1 人"),
            (
                "退休高峰",
                "今后 3 年将有 2 人达到退休年龄，占 33.3%（高于 20.0%）"
            ),
        ]
    );
    // 2 of 6 are 50 or over (33.3%): over a 30% threshold it is 老龄化.
    let strict = structure::Thresholds {
        ageing_share_50: 0.30,
        ..Default::default()
    };
    let warnings = structure::warnings(t.db.conn(), &q, &strict).unwrap();
    assert_eq!(warnings[0].title, "老龄化");
    assert!(
        warnings[0]
            .message
            .starts_with("50岁及以上占 33.3%（高于 30.0%）"),
        "{}",
        warnings[0].message
    );
}
