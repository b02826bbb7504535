//! 队伍结构 on a hand-made dataset: every expected number is written here.
mod common;

use common::{TestDb, date, time};
use qungong::codes::{Education, Gender, PoliticalStatus};
use qungong::people::{self, PersonInput};
use qungong::structure::{self, Population, StructureQuery, config};

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
            employee_no: Some(no.into()),
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
        p.professional_title = Some("政工师".into());
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
            employee_no: Some(no.into()),
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
    let (soon, unknown) =
        qungong::structure::retirement::upcoming(t.db.conn(), &filter, as_of, 3).unwrap();
    let got: Vec<(&str, String, String)> = soon
        .iter()
        .map(|r| {
            (
                r.employee_no.as_deref().unwrap_or(""),
                r.age.label(),
                r.date.to_string(),
            )
        })
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
    let warnings = structure::warnings(t.db.conn(), &q, &structure::Config::default()).unwrap();
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
    let mut strict = structure::Config::default();
    strict.thresholds.ageing_share_50 = 0.30;
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

/// A small staff whose history is known: who was in post at each year end, who retires when.
fn history(t: &mut TestDb) -> i64 {
    use qungong::codes::RetirementCategory::{Cadre, Worker};
    let unit = t.unit("城关供电所", None);
    type Row<'a> = (
        &'a str,
        Gender,
        &'a str,
        Option<qungong::codes::RetirementCategory>,
        &'a str,
        (bool, bool),
    );
    let rows: Vec<Row> = vec![
        // 甲: retires at 60y6m on 2027-03-20; a cadre.
        (
            "甲",
            Gender::Male,
            "1966-09-20",
            None,
            "2000-01-01",
            (true, false),
        ),
        // 乙: 工人, retires at 51y1m on 2028-02-05.
        (
            "乙",
            Gender::Female,
            "1977-01-05",
            Some(Worker),
            "2010-01-01",
            (false, false),
        ),
        // 丙: hired in 2025, a reserve; 36 on the as-of date (his birthday).
        (
            "丙",
            Gender::Male,
            "1990-06-30",
            None,
            "2025-03-01",
            (false, true),
        ),
        // 丁: left on 2025-06-01.
        (
            "丁",
            Gender::Male,
            "1985-01-01",
            None,
            "2005-01-01",
            (false, false),
        ),
        // 戊: 干部, retires in 2048; a cadre.
        (
            "戊",
            Gender::Female,
            "1990-01-01",
            Some(Cadre),
            "2012-01-01",
            (true, false),
        ),
    ];
    for (i, (name, gender, birth, category, hired, (cadre, reserve))) in
        rows.into_iter().enumerate()
    {
        let input = PersonInput {
            employee_no: Some(format!("{}", i + 1)),
            name: format!("职工{name}"),
            gender: Some(gender),
            birth_date: Some(date(birth)),
            retirement_category: category,
            hire_date: Some(date(hired)),
            political_cadre: cadre,
            reserve_talent: reserve,
            unit_id: unit,
            ..Default::default()
        };
        let id = t.write(|tx| people::add(tx, input)).unwrap();
        if name == "丁" {
            t.write(|tx| people::leave(tx, id, date("2025-06-01"), Some("调出")))
                .unwrap();
        }
    }
    unit
}

#[test]
fn trend_goes_back_through_year_ends_and_projects_with_no_new_hires() {
    let mut t = TestDb::new();
    let unit = history(&mut t);
    let q = StructureQuery {
        unit_id: Some(unit),
        population: Population::All,
        as_of: date("2026-06-30"),
    };
    let a = structure::analyse(t.db.conn(), &q, &structure::Config::default(), 2).unwrap();
    type P<'a> = (
        &'a str,
        bool,
        i64,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        i64,
    );
    let got: Vec<P> = a
        .trend
        .iter()
        .map(|p| {
            (
                p.label.as_str(),
                p.projected,
                p.headcount,
                p.average_age,
                p.median_age,
                p.share_35_and_under,
                p.share_50_and_over,
                p.retired,
            )
        })
        .collect();
    let dates: Vec<String> = a.trend.iter().map(|p| p.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2024-12-31",
            "2025-12-31",
            "2026-06-30",
            "2027-06-30",
            "2028-06-30"
        ]
    );
    assert_eq!(
        got,
        [
            // 甲 58, 乙 47, 丁 39, 戊 34 (丙 not yet hired).
            (
                "2024年末",
                false,
                4,
                Some(44.5),
                Some(43.0),
                Some(0.25),
                Some(0.25),
                0
            ),
            // 甲 59, 乙 48, 丙 35, 戊 35 (丁 gone).
            (
                "2025年末",
                false,
                4,
                Some(44.25),
                Some(41.5),
                Some(0.5),
                Some(0.25),
                0
            ),
            // 甲 59, 乙 49, 丙 36 (birthday), 戊 36.
            (
                "统计日",
                false,
                4,
                Some(45.0),
                Some(42.5),
                Some(0.0),
                Some(0.25),
                0
            ),
            // 甲 retired on 2027-03-20; 乙 50, 丙 37, 戊 37.
            (
                "1年后",
                true,
                3,
                Some(124.0 / 3.0),
                Some(37.0),
                Some(0.0),
                Some(1.0 / 3.0),
                1
            ),
            // 乙 retired on 2028-02-05; 丙 38, 戊 38.
            (
                "2年后",
                true,
                2,
                Some(38.0),
                Some(38.0),
                Some(0.0),
                Some(0.0),
                2
            ),
        ]
    );
    assert_eq!(
        a.outlook,
        "如不补充新人，2 年后（2028年6月30日）全体在职职工平均年龄 38.0 岁（现为 45.0 岁），现有 4 人中 2 人退休。"
    );
    // Indicators of the unit: 2 cadres (甲, 戊), 1 reserve (丙).
    let s = &a.structure;
    assert_eq!(
        (s.cadres, s.reserves, s.reserve_per_cadre),
        (2, 1, Some(0.5))
    );
    assert_eq!(
        (
            a.retiring_within.within_1,
            a.retiring_within.within_3,
            a.retiring_within.within_5
        ),
        (1, 2, 2)
    );
    assert_eq!(a.retiring_by_unit.len(), 1);
    assert_eq!(a.retiring_by_unit[0].unit_name, "城关供电所");
    assert_eq!(a.retiring_by_unit[0].counts, a.retiring_within);
    assert_eq!(a.retirement_category_missing, 0);
    let titles: Vec<&str> = a.warnings.iter().map(|w| w.title).collect();
    // Ages 59, 49, 36, 36: 36–40, 46–50 and 56+ are occupied, 41–45 and 51–55 between them
    // are empty.
    assert_eq!(titles, ["断层", "后备不足", "退休高峰"]);
    assert_eq!(
        a.warnings[0].message,
        "41–45岁、51–55岁 没有人，年龄结构出现断层"
    );
    assert_eq!(a.warnings[1].message, "后备人才 1 人，少于政工干部 2 人");

    // The 政工干部 alone: 甲 and 戊; in 2 years 甲 has retired.
    let cadres = StructureQuery {
        population: Population::Cadres,
        ..q.clone()
    };
    let a = structure::analyse(t.db.conn(), &cadres, &structure::Config::default(), 2).unwrap();
    let last = a.trend.last().unwrap();
    assert_eq!(
        (last.headcount, last.average_age, last.retired),
        (1, Some(38.0), 1)
    );
    assert_eq!(
        a.outlook,
        "如不补充新人，2 年后（2028年6月30日）政工干部平均年龄 38.0 岁（现为 47.5 岁），现有 2 人中 1 人退休。"
    );
}

#[test]
fn the_people_behind_a_bar_with_their_retirement_dates() {
    use structure::Slice;
    let mut t = TestDb::new();
    let unit = history(&mut t);
    let q = StructureQuery {
        unit_id: Some(unit),
        population: Population::All,
        as_of: date("2026-06-30"),
    };
    let cfg = structure::Config::default();
    let names = |slice: Option<&Slice>| -> Vec<(String, u32, Option<String>, Option<String>)> {
        structure::members(t.db.conn(), &q, &cfg, slice)
            .unwrap()
            .into_iter()
            .map(|m| {
                (
                    m.name,
                    m.age,
                    m.retirement_age,
                    m.retirement_date.map(|d| d.to_string()),
                )
            })
            .collect()
    };
    let s = |a: &str| Some(a.to_string());
    assert_eq!(
        names(None),
        [
            ("职工甲".into(), 59, s("60岁6个月"), s("2027-03-20")),
            ("职工乙".into(), 49, s("51岁1个月"), s("2028-02-05")),
            ("职工丙".into(), 36, s("63岁"), s("2053-06-30")),
            ("职工戊".into(), 36, s("58岁"), s("2048-01-01")),
        ]
    );
    let oldest = Slice::Age {
        bracket: 6,
        gender: None,
    };
    assert_eq!(names(Some(&oldest)).len(), 1);
    let women_36_40 = Slice::Age {
        bracket: 2,
        gender: Some(Gender::Female),
    };
    assert_eq!(names(Some(&women_36_40))[0].0, "职工戊");
    let soon = Slice::RetiringWithin { years: 3 };
    let soon: Vec<String> = names(Some(&soon)).into_iter().map(|r| r.0).collect();
    assert_eq!(soon, ["职工甲", "职工乙"]);
    let unfilled = Slice::Education {
        label: "未填写".into(),
    };
    assert_eq!(names(Some(&unfilled)).len(), 4);
    // The slice as the UI sends it.
    let from_ui: Slice =
        serde_json::from_str(r#"{"dimension":"age","bracket":2,"gender":"女"}"#).unwrap();
    assert_eq!(from_ui, women_36_40);
}

#[test]
fn brackets_and_thresholds_come_from_the_settings() {
    use qungong::settings;
    let mut t = TestDb::new();
    let unit = history(&mut t);
    let q = StructureQuery {
        unit_id: Some(unit),
        population: Population::All,
        as_of: date("2026-06-30"),
    };
    assert_eq!(
        structure::Config::load(t.db.conn()).unwrap(),
        structure::Config::default()
    );
    t.write(|tx| settings::set(tx, config::BRACKETS.name, "35，45、55"))
        .unwrap();
    t.write(|tx| settings::set(tx, config::AGEING_THRESHOLD.name, "20%"))
        .unwrap();
    t.write(|tx| settings::set(tx, config::RESERVE_THRESHOLD.name, "0.5"))
        .unwrap();
    t.write(|tx| settings::set(tx, config::RETIREMENT_PEAK_THRESHOLD.name, "60"))
        .unwrap();
    let cfg = structure::Config::load(t.db.conn()).unwrap();
    assert_eq!(cfg.brackets, [35, 45, 55]);
    assert_eq!(cfg.thresholds.ageing_share_50, 0.2);
    let a = structure::analyse(t.db.conn(), &q, &cfg, 1).unwrap();
    let labels: Vec<&str> = a
        .structure
        .pyramid
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels, ["35岁及以下", "36–45岁", "46–55岁", "56岁及以上"]);
    // 25% aged 50+ is over 20%; 1 reserve per 2 cadres meets 0.5; 2 of 4 retiring (50%) is
    // under 60%; no empty bracket between occupied ones.
    let titles: Vec<&str> = a.warnings.iter().map(|w| w.title).collect();
    assert_eq!(titles, ["老龄化"]);

    // Wrong values are refused, in Chinese, and nothing is stored.
    let e = t
        .write(|tx| settings::set(tx, config::BRACKETS.name, "40,30"))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "年龄段：分界岁数要从小到大排列（40 之后是 30）"
    );
    let e = t
        .write(|tx| settings::set(tx, config::AGEING_THRESHOLD.name, "120"))
        .unwrap_err();
    assert_eq!(e.to_string(), "老龄化预警线：应在 0 到 100 之间");
    let mut bad = cfg.clone();
    bad.brackets = vec![30, 40];
    bad.thresholds.retirement_peak_share = 2.0;
    assert!(t.write(|tx| bad.save(tx)).is_err());
    assert_eq!(structure::Config::load(t.db.conn()).unwrap(), cfg);
    let mut good = cfg.clone();
    good.brackets = vec![30, 40, 50];
    good.thresholds.reserve_per_cadre = 1.0;
    t.write(|tx| good.save(tx)).unwrap();
    assert_eq!(structure::Config::load(t.db.conn()).unwrap(), good);
}

#[test]
fn the_dashboard_shows_each_warning_once_with_its_population() {
    let mut t = TestDb::new();
    history(&mut t);
    let o = qungong::dashboard::overview(t.db.conn(), time("2026-06-30 12:00")).unwrap();
    let got: Vec<(&str, &str)> = o
        .warnings
        .iter()
        .map(|w| (w.population, w.warning.title))
        .collect();
    assert_eq!(
        got,
        [
            ("全体在职职工", "断层"),
            ("全体在职职工", "后备不足"),
            ("全体在职职工", "退休高峰"),
            // 甲 59 and 戊 36: half are 50 or over, 41–55 is empty, 甲 retires in 2027.
            ("政工干部", "老龄化"),
            ("政工干部", "断层"),
            // 后备不足 compares the same two numbers for every population: not repeated.
            ("政工干部", "退休高峰"),
        ]
    );
}
