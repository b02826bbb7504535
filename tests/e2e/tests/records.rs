//! End-to-end: 活动记录 — a photo attached to an activity through 添加照片 (the open dialog
//! answered through the shell's test seam), its thumbnail shown on the activity's page, the
//! original opened in the viewer, and the 活动记录 printed with it. See `app.rs` for the harness.

// Not every helper of the harness is used here.
#[allow(dead_code)]
mod support;

use qungong::codes::{ActivityKind, ActivityMode};
use qungong::{Action, Actor, Db};

use support::{App, Dialogs, wait_for_pdf};

/// The fixture photo: 340×255 (tests/fixtures/records/meeting.jpg).
const PHOTO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/records/meeting.jpg"
);

#[tokio::test(flavor = "multi_thread")]
async fn an_activity_photo_attached_and_shown() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("qungong.db");
    let activity = {
        let mut store = Db::open(&db).unwrap();
        let starts_at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let input = qungong::activities::ActivityInput {
            kind: ActivityKind::Forum,
            mode: ActivityMode::Offline,
            title: "职工代表座谈会".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            place: Some("三楼会议室".into()),
            online_meeting: None,
            organizer_unit_id: None,
            host: Some("李主任".into()),
            description: None,
            late_grace_minutes: 10,
        };
        store
            .transact(&Actor::local(), Action::ActivityAdd, |tx| {
                qungong::activities::add(tx, input)
            })
            .unwrap()
    };
    // The photo as a user's file, with a Chinese name.
    let photo = data.path().join("座谈会现场.jpg");
    std::fs::copy(PHOTO, &photo).unwrap();
    let pdf = data.path().join("活动记录.pdf");

    let app = App::start(4484, data, &db, Dialogs::Scripted).await;
    app.click("nav-activities").await;
    let row = app
        .xpath(
            "//*[@data-testid='activity-table']//td//*[normalize-space(text())='职工代表座谈会']",
        )
        .await;
    app.press(&row, "活动列表中的座谈会").await;
    app.wait_text("activity-detail-title", "the forum", |t| {
        t == "职工代表座谈会"
    })
    .await;
    app.wait_text("records-empty", "what to add", |t| {
        t.contains("还没有照片和附件")
    })
    .await;

    // 添加照片: the open dialog answers with the photo.
    app.answer_next_dialog(&photo);
    app.click("records-add-photo").await;
    app.wait_dialogs_answered().await;
    app.wait_text("records-caption", "the photo's name", |t| {
        t == "座谈会现场.jpg"
    })
    .await;
    // The thumbnail is really shown: a decoded picture, the photo scaled to 320 px.
    app.eval_until(
        "the thumbnail to be decoded and shown",
        "const img = document.querySelector(\"[data-testid='records-thumb']\"); \
         if (!img || !img.complete || img.naturalWidth === 0) return null; \
         const r = img.getBoundingClientRect(); \
         return { w: img.naturalWidth, h: img.naturalHeight, shown: r.width > 0 && r.height > 0, \
                  data: img.src.startsWith('data:image/jpeg;base64,') };",
        |v| *v == serde_json::json!({ "w": 320, "h": 240, "shown": true, "data": true }),
    )
    .await;
    assert!(
        app.text("activity-records")
            .await
            .contains("照片 1 张，附件 0 个")
    );
    app.c()
        .execute(
            "document.querySelector(\"[data-testid='activity-records']\").scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.shot("activity-records").await;

    // A click opens the original in the viewer.
    let thumb = app.el("records-thumb").await;
    app.press(&thumb, "the thumbnail").await;
    app.eval_until(
        "the original in the viewer",
        "const img = document.querySelector('.el-image-viewer__img'); \
         return img && img.complete ? img.naturalWidth : null;",
        |v| *v == serde_json::json!(340),
    )
    .await;
    app.c()
        .execute(
            "document.querySelector('.el-image-viewer__close').click()",
            vec![],
        )
        .await
        .unwrap();
    app.eval_until(
        "the viewer to close",
        "return document.querySelectorAll('.el-image-viewer__wrapper').length",
        |v| *v == serde_json::json!(0),
    )
    .await;

    // 打印活动记录: the PDF carries the photo with its number.
    app.answer_next_dialog(&pdf);
    app.click("print-activity-record").await;
    app.wait_dialogs_answered().await;
    let text = wait_for_pdf(&pdf).await;
    assert!(
        text.contains("活动记录") && text.contains("职工代表座谈会") && text.contains("图1"),
        "{text}"
    );

    // The core holds what the page showed.
    let store = Db::open(&db).unwrap();
    let files = qungong::records::list(store.conn(), activity, false).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "座谈会现场.jpg");
    assert_eq!(
        qungong::records::content(store.conn(), files[0].id)
            .unwrap()
            .1,
        std::fs::read(PHOTO).unwrap()
    );
}
