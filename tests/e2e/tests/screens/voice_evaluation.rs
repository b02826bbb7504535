//! The screens of 党群沟通 and 考核评价 in the whole-screen run: each list on the demo's
//! records, a 考核 still being scored and one published, and a 推优评先 round in 公示.

use qungong::codes::{RecognitionStatus, RoundStatus};

use super::{Kind, Run, ready};

/// What the detail pages open on: the demo's 考核 being scored and the one published, and
/// its 推优评先 round in 公示.
pub struct Picks {
    open_round: i64,
    published_round: i64,
    recognition: i64,
}

impl Picks {
    pub fn of(db: &qungong::Db) -> Picks {
        let conn = db.conn();
        let rounds = qungong::evaluation::round::list(conn).unwrap();
        let round = |status| {
            rounds
                .iter()
                .find(|r| r.status == status)
                .unwrap_or_else(|| panic!("a demo round {status:?}"))
                .id
        };
        let recognition = qungong::evaluation::recognition::list(conn)
            .unwrap()
            .into_iter()
            .find(|r| r.status == RecognitionStatus::Publicity)
            .expect("a demo 推优评先 round in 公示")
            .id;
        Picks {
            open_round: round(RoundStatus::Open),
            published_round: round(RoundStatus::Published),
            recognition,
        }
    }
}

/// A script: the table `testid` shows at least `n` rows.
fn rows(testid: &str, n: usize) -> String {
    ready(&format!(
        "document.querySelectorAll(\"[data-testid='{testid}'] .el-table__body tr\").length >= {n}"
    ))
}

pub async fn visit(run: &mut Run<'_>, picks: &Picks) {
    run.nav("nav-concerns").await;
    run.screen("concerns", &rows("concern-table", 5), Kind::Page)
        .await;
    run.nav("nav-opinions").await;
    run.screen("opinions", &rows("opinion-table", 3), Kind::Page)
        .await;
    run.nav("nav-contacts").await;
    run.screen("contacts", &rows("contact-point-table", 2), Kind::Page)
        .await;
    run.nav("nav-talks").await;
    run.screen("talks", &rows("talk-table", 5), Kind::Page)
        .await;

    run.nav("nav-eval-systems").await;
    run.screen("eval-systems", &rows("sys-table", 1), Kind::Page)
        .await;
    run.nav("nav-eval-rounds").await;
    run.screen("eval-rounds", &rows("round-table", 2), Kind::Page)
        .await;
    run.go(&format!("#/evaluation/rounds/{}", picks.open_round))
        .await;
    run.screen(
        "eval-round-open",
        &ready("!!document.querySelector(\"[data-testid='round-title']\") && !!document.querySelector(\"[data-testid='round-tabs']\")"),
        Kind::Page,
    )
    .await;
    run.go(&format!("#/evaluation/rounds/{}", picks.published_round))
        .await;
    run.screen(
        "eval-round-published",
        &rows("results-table", 5),
        Kind::Page,
    )
    .await;
    run.nav("nav-recognition").await;
    run.screen("recognition", &rows("rec-table", 2), Kind::Page)
        .await;
    run.go(&format!("#/evaluation/recognition/{}", picks.recognition))
        .await;
    run.screen("recognition-round", &rows("cand-table", 2), Kind::Page)
        .await;
    run.nav("nav-honours").await;
    run.screen("honours", &rows("honour-table", 3), Kind::Page)
        .await;
}
