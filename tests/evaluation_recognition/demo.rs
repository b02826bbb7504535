//! The demo's 考核评价 and 推优评先: what it leaves for the screens, the same for a seed.

use qungong::codes::{RecognitionStatus, RoundStatus};
use qungong::demo::{self, DemoSummary, Scale};
use qungong::evaluation::{HonourFilter, honour, recognition, round, system};
use qungong::{Action, Actor, Db};

use crate::common::date;

fn generate(dir: &tempfile::TempDir, file: &str) -> (Db, DemoSummary) {
    let mut db = Db::open(dir.path().join(file)).unwrap();
    let summary = db
        .transact(&Actor("演示".into()), Action::Demo, |tx| {
            demo::generate(tx, Scale::Branch, 7, date("2026-11-24"))
        })
        .unwrap();
    (db, summary)
}

/// The evaluation tables as text, without uids and time stamps.
fn digest(db: &Db) -> String {
    let q = |sql: &str| -> String {
        db.conn()
            .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .unwrap_or_default()
    };
    [
        q("SELECT group_concat(name || kind || period_from || period_to || status, '|')
             FROM (SELECT * FROM eval_round ORDER BY id)"),
        q("SELECT group_concat(round_id || ':' || person_id || ifnull(total, '-') || ifnull(rank, '-')
             || ifnull(grade, '-') || ifnull(reply, '-') || (confirmed_at IS NULL), '|')
             FROM (SELECT * FROM eval_subject ORDER BY id)"),
        q("SELECT group_concat(subject_id || evaluator || mark, '|') FROM (SELECT * FROM eval_mark ORDER BY id)"),
        q("SELECT group_concat(subject_id || ':' || excellent || competent || basic || incompetent, '|')
             FROM (SELECT * FROM eval_ballot ORDER BY id)"),
        q("SELECT group_concat(ifnull(person_id, '-') || ifnull(unit_id, '-') || deeds || ifnull(votes, '-')
             || selected, '|') FROM (SELECT * FROM nomination ORDER BY id)"),
        q("SELECT group_concat(ifnull(person_id, '-') || ifnull(unit_id, '-') || title || year || awarded_on,
             '|') FROM (SELECT * FROM honour ORDER BY id)"),
    ]
    .join("\n")
}

#[test]
fn the_demo_has_a_published_round_an_open_one_and_recognition_at_two_stages() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s) = generate(&dir, "a.db");
    let conn = db.conn();
    assert_eq!((s.eval_rounds, s.recognition_rounds), (2, 2));

    let systems = system::list(conn, false, false).unwrap();
    assert_eq!(systems.len(), 1);
    let sys = system::get(conn, systems[0].id).unwrap();
    assert_eq!(sys.name, "政工干部季度考核指标体系");
    let weights: Vec<(String, String, f64)> = sys
        .indicators
        .iter()
        .map(|i| {
            (
                i.input.category.clone(),
                i.input.name.clone(),
                i.input.weight,
            )
        })
        .collect();
    let expect = [
        ("思想政治工作", "组织活动次数", 15.0),
        ("思想政治工作", "活动出勤率", 15.0),
        ("思想政治工作", "谈心谈话覆盖率", 10.0),
        ("群众工作", "诉求按期答复率", 15.0),
        ("群众工作", "诉求满意率", 10.0),
        ("群众工作", "联系点走访覆盖率", 10.0),
        ("综合评价", "评委打分", 15.0),
        ("综合评价", "民主测评", 10.0),
    ];
    assert_eq!(
        weights,
        expect
            .iter()
            .map(|&(c, n, w)| (c.to_string(), n.to_string(), w))
            .collect::<Vec<_>>()
    );
    assert!(sys.frozen);

    // Newest period first: this quarter open and waiting for marks, last quarter published.
    let rounds = round::list(conn).unwrap();
    let lines: Vec<(&str, RoundStatus)> =
        rounds.iter().map(|r| (r.name.as_str(), r.status)).collect();
    assert_eq!(
        lines,
        [
            ("2026年第四季度政工干部考核", RoundStatus::Open),
            ("2026年第三季度政工干部考核", RoundStatus::Published),
        ]
    );
    assert_eq!(rounds[0].subjects, rounds[1].subjects);
    assert_eq!(s.eval_subjects as i64, rounds[0].subjects * 2);
    assert!(rounds[0].subjects >= 5, "{}", rounds[0].subjects);
    assert!(rounds[0].incomplete > 0 && rounds[0].incomplete <= rounds[0].subjects);
    let waiting = round::waiting(conn).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].id, rounds[0].id);
    let published = round::get(conn, rounds[1].id, qungong::db::now()).unwrap();
    assert!(
        published
            .subjects
            .iter()
            .all(|r| r.grade.is_some() && r.feedback.is_some())
    );
    assert!(published.subjects.iter().any(|r| r.confirmed_at.is_some()));
    assert_eq!(published.evaluators.len(), 5);

    let list = recognition::list(conn).unwrap();
    let stages: Vec<(&str, RecognitionStatus)> =
        list.iter().map(|r| (r.name.as_str(), r.status)).collect();
    assert_eq!(
        stages,
        [
            ("2025年度先进班组评选", RecognitionStatus::Publicity),
            ("2025年度优秀政工干部评选", RecognitionStatus::Confirmed),
        ]
    );
    let teams = recognition::get(conn, list[0].id, date("2026-11-24")).unwrap();
    assert_eq!(teams.notice_from, Some(date("2026-11-22")));
    assert_eq!(teams.notice_to, Some(date("2026-11-28")));
    assert!(teams.candidates.iter().any(|c| c.selected));
    let cadres = recognition::get(conn, list[1].id, date("2026-11-24")).unwrap();
    assert_eq!(cadres.confirmed_on, Some(date("2026-01-16")));
    let from_round = honour::list(conn, &HonourFilter::default())
        .unwrap()
        .into_iter()
        .filter(|h| h.round_id == Some(cadres.id))
        .count();
    assert_eq!(from_round as i64, list[1].selected);
    assert!(from_round >= 1);
    // Five by hand besides: two 青年岗位能手, two 优秀共产党员, a 工人先锋号.
    assert_eq!(s.honours, from_round + 5);
    assert_eq!(
        honour::list(conn, &HonourFilter::default()).unwrap().len(),
        s.honours
    );

    // The same seed, the same records.
    let (again, _) = generate(&dir, "b.db");
    assert_eq!(digest(&db), digest(&again));
}
