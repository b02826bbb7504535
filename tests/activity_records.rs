//! 活动记录: photos and files attached to an activity, kept in the database (migration 0004),
//! their thumbnails and checksums, the refusals (each naming the file), and the printed record
//! read back with poppler (`pdftotext`, `pdfimages`, `pdftoppm`). Set QUNGONG_PDF_OUT=dir to
//! keep the PDFs and page 1 as PNG for a look.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use base64::Engine;
use common::{TestDb, ok, qungong, time};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use qungong::codes::{ActivityKind, AttachmentKind, AttendanceStatus};
use qungong::db::{MIGRATIONS, SCHEMA_VERSION, audit_log};
use qungong::pdf::{Document, PrintOptions};
use qungong::records::{self, MAX_FILE_BYTES};
use qungong::{Action, Actor, Db, Error};

/// A photo-like JPEG: smooth colours with some grain (a flat picture would compress to nothing).
fn jpeg(w: u32, h: u32, seed: u32, quality: u8) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 48) as i32 - 24;
        let c = |v: u32| (v as i32 + grain).clamp(0, 255) as u8;
        Rgb([
            c(x * 255 / w.max(1)),
            c(y * 255 / h.max(1)),
            c((seed * 60 + 90) % 256),
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with an EXIF block saying "rotate 90° clockwise to view" (orientation 6), as phones
/// save portrait photos.
fn jpeg_rotated(w: u32, h: u32) -> Vec<u8> {
    let plain = jpeg(w, h, 9, 85);
    let mut app1 = vec![0xFF, 0xE1, 0x00, 34];
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF, first IFD at 8
    app1.extend_from_slice(&[0, 1]); // one entry
    app1.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    app1.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn size_of_picture(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

fn thumb_bytes(url: &str) -> Vec<u8> {
    let b64 = url
        .strip_prefix("data:image/jpeg;base64,")
        .expect("a JPEG data URL");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

fn attach(
    t: &mut TestDb,
    activity: i64,
    kind: Option<AttachmentKind>,
    name: &str,
    bytes: Vec<u8>,
    caption: Option<&str>,
) -> qungong::Result<i64> {
    let p = records::prepare(kind, name, bytes, caption)?;
    t.db.transact(&Actor("测试".into()), Action::ActivityFileAdd, |tx| {
        records::attach(tx, activity, p)
    })
}

fn audit_rows(t: &TestDb) -> usize {
    audit_log(t.db.conn(), 10_000).unwrap().len()
}

#[test]
fn a_database_of_the_version_before_migrates_and_its_activities_take_photos() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    assert_eq!(
        MIGRATIONS[3],
        include_str!("../src/db/migrations/0004_activity_files.sql")
    );
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (i, m) in MIGRATIONS.iter().enumerate().take(3) {
            conn.execute_batch(m).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO activity (uid, kind, mode, title, starts_at, ends_at, place,
                 late_grace_minutes, created_at, updated_at)
             VALUES ('a1', 'lecture', 'offline', '安全生产专题讲座', '2026-11-20 09:00:00',
                 '2026-11-20 11:00:00', '三楼会议室', 10, '2026-11-01 08:00:00',
                 '2026-11-01 08:00:00');",
        )
        .unwrap();
    }
    let mut t = TestDb {
        db: Db::open(&path).unwrap(),
        dir,
    };
    assert_eq!(t.db.schema_version().unwrap(), SCHEMA_VERSION);
    let id: i64 =
        t.db.conn()
            .query_row("SELECT id FROM activity WHERE uid = 'a1'", [], |r| r.get(0))
            .unwrap();
    let f = attach(
        &mut t,
        id,
        None,
        "现场.jpg",
        jpeg(64, 48, 1, 80),
        Some("会场"),
    )
    .unwrap();
    let list = records::list(t.db.conn(), id, false).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, f);
    assert_eq!(list[0].kind, AttachmentKind::Photo);
    // The bytes go with their activity (foreign keys are on after the migration).
    t.db.conn()
        .execute("DELETE FROM attendance WHERE activity_id = ?1", [id])
        .unwrap();
    t.db.conn()
        .execute("DELETE FROM activity WHERE id = ?1", [id])
        .unwrap();
    let left: i64 =
        t.db.conn()
            .query_row(
                "SELECT (SELECT count(*) FROM activity_file) + (SELECT count(*) FROM activity_file_data)",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_photo_is_kept_byte_for_byte_with_its_checksum_size_and_thumbnail() {
    let mut t = TestDb::new();
    let a = t.activity("安全生产专题讲座", "2026-11-20 09:00");
    let original = jpeg(1600, 1200, 2, 90);
    let id = attach(
        &mut t,
        a,
        Some(AttachmentKind::Photo),
        "C:\\照片\\现场.jpg",
        original.clone(),
        Some("  主讲人讲解安全规程  "),
    )
    .unwrap();

    let (f, bytes) = records::content(t.db.conn(), id).unwrap();
    assert_eq!(bytes, original, "the original is not re-encoded");
    assert_eq!(f.name, "现场.jpg", "the folder is dropped");
    assert_eq!(f.mime, "image/jpeg");
    assert_eq!(f.size, original.len() as i64);
    assert_eq!((f.width, f.height), (Some(1600), Some(1200)));
    assert_eq!(f.caption.as_deref(), Some("主讲人讲解安全规程"));
    assert_eq!(f.sha256.len(), 64);
    assert_eq!(f.thumbnail, None, "get and plain lists carry no thumbnail");

    let listed = records::list(t.db.conn(), a, true).unwrap();
    let thumb = thumb_bytes(listed[0].thumbnail.as_deref().unwrap());
    assert_eq!(size_of_picture(&thumb), (320, 240));
    assert!(thumb.len() < 40_000, "thumbnail {} bytes", thumb.len());

    let full = records::content_data_url(t.db.conn(), id).unwrap();
    assert!(full.starts_with("data:image/jpeg;base64,"));

    let out = t.dir.path().join("另存.jpg");
    records::save_to(t.db.conn(), id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), original);

    let log = audit_log(t.db.conn(), 1).unwrap();
    assert_eq!(log[0].action, "activity.file_add");
    assert!(
        log[0].detail.contains("添加照片 现场.jpg"),
        "{}",
        log[0].detail
    );
}

#[test]
fn a_portrait_photo_saved_sideways_by_a_phone_is_shown_upright() {
    let mut t = TestDb::new();
    let a = t.activity("红色教育", "2026-11-20 09:00");
    let id = attach(&mut t, a, None, "竖拍.jpg", jpeg_rotated(400, 300), None).unwrap();
    let f = &records::list(t.db.conn(), a, true).unwrap()[0];
    assert_eq!(f.id, id);
    assert_eq!((f.width, f.height), (Some(300), Some(400)));
    let thumb = thumb_bytes(f.thumbnail.as_deref().unwrap());
    assert_eq!(size_of_picture(&thumb), (240, 320));
}

#[test]
fn files_that_are_not_pictures_are_kept_as_files_and_listed_after_the_photos() {
    let mut t = TestDb::new();
    let a = t.activity("职工座谈会", "2026-11-20 09:00");
    let doc = b"PK\x03\x04 minutes of the meeting".to_vec();
    let minutes = attach(&mut t, a, None, "会议记录.docx", doc.clone(), None).unwrap();
    let scan = attach(
        &mut t,
        a,
        Some(AttachmentKind::File),
        "签到表扫描件.pdf",
        b"%PDF-1.4 scan".to_vec(),
        None,
    )
    .unwrap();
    let photo = attach(&mut t, a, None, "合影.png", png(40, 30), None).unwrap();
    let list = records::list(t.db.conn(), a, true).unwrap();
    let ids: Vec<i64> = list.iter().map(|f| f.id).collect();
    assert_eq!(ids, [photo, minutes, scan], "photos first, then files");
    assert_eq!(list[0].mime, "image/png");
    assert_eq!(list[1].kind, AttachmentKind::File);
    assert_eq!(
        list[1].mime,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert_eq!(list[1].thumbnail, None);
    assert_eq!((list[1].width, list[1].height), (None, None));
    assert_eq!(list[2].mime, "application/pdf");
    assert_eq!(records::content(t.db.conn(), minutes).unwrap().1, doc);
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| Rgb([(x * 5) as u8, 100, 50]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn fails(r: qungong::Result<i64>) -> Error {
    r.expect_err("must be refused")
}

#[test]
fn refusals_name_the_file_and_write_nothing() {
    let mut t = TestDb::new();
    let a = t.activity("形势任务宣讲", "2026-11-20 09:00");
    attach(&mut t, a, None, "第一张.jpg", jpeg(50, 40, 3, 80), None).unwrap();
    let before = (
        audit_rows(&t),
        records::list(t.db.conn(), a, false).unwrap(),
    );

    let big = vec![0u8; MAX_FILE_BYTES as usize + 1];
    let e = fails(attach(&mut t, a, None, "录像.mp4", big, None));
    assert_eq!(e.code(), "record.too_large");
    assert_eq!(
        e.to_string(),
        "文件“录像.mp4”有 20.1 MB，超过了单个附件 20.0 MB 的上限；照片可先用手机或电脑压缩后再添加"
    );
    // Exactly at the limit is taken (as a file).
    let p = records::prepare(None, "最大.bin", vec![7u8; MAX_FILE_BYTES as usize], None).unwrap();
    assert_eq!(p.kind(), AttachmentKind::File);

    let e = fails(attach(&mut t, a, None, "空.txt", Vec::new(), None));
    assert_eq!(e.code(), "record.empty");
    assert!(e.to_string().contains("“空.txt”"));

    let e = fails(attach(
        &mut t,
        a,
        Some(AttachmentKind::Photo),
        "动图.gif",
        b"GIF89a\x01\x00\x01\x00".to_vec(),
        None,
    ));
    assert_eq!(e.code(), "record.not_picture");
    assert_eq!(
        e.to_string(),
        "“动图.gif”不是 JPG 或 PNG 图片，不能作为照片添加（可作为文件添加）"
    );

    let mut broken = jpeg(200, 150, 4, 80);
    broken.truncate(300);
    let e = fails(attach(
        &mut t,
        a,
        Some(AttachmentKind::Photo),
        "半张.jpg",
        broken.clone(),
        None,
    ));
    assert_eq!(e.code(), "record.bad_picture");
    assert!(e.to_string().starts_with("照片“半张.jpg”无法读取："), "{e}");
    // The same broken bytes as a file are kept as they are, without a thumbnail.
    let kept = attach(
        &mut t,
        a,
        Some(AttachmentKind::File),
        "半张.jpg",
        broken,
        None,
    )
    .unwrap();
    assert_eq!(records::get(t.db.conn(), kept).unwrap().width, None);
    t.db.transact(&Actor("测试".into()), Action::ActivityFileRemove, |tx| {
        records::remove(tx, kept)
    })
    .unwrap();
    let before = (before.0 + 2, before.1);

    let e = fails(attach(
        &mut t,
        a,
        None,
        "重复.jpg",
        jpeg(50, 40, 3, 80),
        None,
    ));
    assert_eq!(e.code(), "record.duplicate");
    assert_eq!(
        e.to_string(),
        "本活动已有内容完全相同的附件“第一张.jpg”，“重复.jpg”不再重复添加"
    );

    let e = fails(attach(
        &mut t,
        a,
        None,
        "说明太长.jpg",
        jpeg(20, 20, 5, 80),
        Some(&"长".repeat(101)),
    ));
    assert_eq!(e.to_string(), "照片说明：不能超过 100 个字");

    let e = fails(attach(&mut t, 999, None, "x.txt", b"x".to_vec(), None));
    assert_eq!(e.code(), "not_found");

    assert_eq!(audit_rows(&t), before.0, "no audit row for a refusal");
    assert_eq!(records::list(t.db.conn(), a, false).unwrap(), before.1);
}

#[test]
fn a_cancelled_activity_takes_nothing_and_an_activity_takes_at_most_sixty() {
    let mut t = TestDb::new();
    let a = t.activity("歌咏比赛", "2026-12-20 09:00");
    for i in 0..records::MAX_FILES_PER_ACTIVITY {
        attach(
            &mut t,
            a,
            None,
            &format!("记录{i}.txt"),
            format!("第 {i} 份").into_bytes(),
            None,
        )
        .unwrap();
    }
    let e = fails(attach(&mut t, a, None, "多一份.txt", b"61".to_vec(), None));
    assert_eq!(e.code(), "record.too_many");
    assert_eq!(
        e.to_string(),
        "每项活动最多 60 个附件，请先删除不需要的再添加"
    );

    let b = t.activity("主题教育", "2026-12-21 09:00");
    t.db.transact(&Actor::local(), Action::ActivityCancel, |tx| {
        qungong::activities::cancel(tx, b, false)
    })
    .unwrap();
    let e = fails(attach(&mut t, b, None, "a.txt", b"a".to_vec(), None));
    assert_eq!(e.code(), "activity.cancelled");
    assert_eq!(e.to_string(), "活动“主题教育”已取消，不能再添加照片或附件");
}

#[test]
fn damaged_bytes_are_caught_by_the_checksum_and_lists_never_read_the_bytes() {
    let mut t = TestDb::new();
    let a = t.activity("专题讲座", "2026-11-20 09:00");
    let id = attach(&mut t, a, None, "会场.jpg", jpeg(80, 60, 6, 80), None).unwrap();
    // Flip one byte of the stored original behind the app's back.
    let mut data: Vec<u8> =
        t.db.conn()
            .query_row("SELECT data FROM activity_file_data", [], |r| r.get(0))
            .unwrap();
    data[200] ^= 0x01;
    t.db.conn()
        .execute("UPDATE activity_file_data SET data = ?1", [data])
        .unwrap();
    let e = records::content(t.db.conn(), id).unwrap_err();
    assert_eq!(e.code(), "record.corrupt");
    assert_eq!(
        e.to_string(),
        "附件“会场.jpg”的内容与添加时记下的校验值（SHA-256）不符，数据已损坏；请从备份恢复数据库"
    );
    // With the bytes gone altogether, the list (and its thumbnails) still works.
    t.db.conn()
        .execute("DELETE FROM activity_file_data", [])
        .unwrap();
    let list = records::list(t.db.conn(), a, true).unwrap();
    assert!(list[0].thumbnail.is_some());
    assert_eq!(
        records::content(t.db.conn(), id).unwrap_err().code(),
        "record.corrupt"
    );
}

#[test]
fn captions_are_set_and_cleared_and_removing_takes_the_bytes_with_it() {
    let mut t = TestDb::new();
    let a = t.activity("专题讲座", "2026-11-20 09:00");
    let id = attach(&mut t, a, None, "会场.jpg", jpeg(80, 60, 7, 80), None).unwrap();
    let actor = Actor("测试".into());
    let f =
        t.db.transact(&actor, Action::ActivityFileCaption, |tx| {
            records::set_caption(tx, id, "会场全景\n（东侧）")
        })
        .unwrap();
    assert_eq!(f.caption.as_deref(), Some("会场全景 （东侧）"));
    let f =
        t.db.transact(&actor, Action::ActivityFileCaption, |tx| {
            records::set_caption(tx, id, "  ")
        })
        .unwrap();
    assert_eq!(f.caption, None);
    t.db.transact(&actor, Action::ActivityFileRemove, |tx| {
        records::remove(tx, id)
    })
    .unwrap();
    let n: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM activity_file_data", [], |r| r.get(0))
            .unwrap();
    assert_eq!(n, 0);
    assert_eq!(
        records::get(t.db.conn(), id).unwrap_err().code(),
        "not_found"
    );
    let log = audit_log(t.db.conn(), 1).unwrap();
    assert_eq!(log[0].action, "activity.file_remove");
    assert_eq!(log[0].detail, format!("活动 {a} 删除照片 会场.jpg"));
}

#[test]
fn a_five_megabyte_photo_is_attached_and_thumbnailed_in_a_moment() {
    let mut t = TestDb::new();
    let a = t.activity("专题讲座", "2026-11-20 09:00");
    let big = jpeg(4000, 3000, 8, 93);
    assert!(
        (3_500_000..9_000_000).contains(&big.len()),
        "a phone-sized photo: {} bytes",
        big.len()
    );
    let started = Instant::now();
    let p = records::prepare(None, "现场.jpg", big.clone(), None).unwrap();
    let prepared = started.elapsed();
    let id =
        t.db.transact(&Actor::local(), Action::ActivityFileAdd, |tx| {
            records::attach(tx, a, p)
        })
        .unwrap();
    let total = started.elapsed();
    let started = Instant::now();
    let list = records::list(t.db.conn(), a, true).unwrap();
    let listed = started.elapsed();
    eprintln!(
        "attach {:.1} MB JPEG 4000×3000: checksum + thumbnail {prepared:?}, stored {total:?}; list with thumbnail {listed:?}",
        big.len() as f64 / 1048576.0
    );
    assert_eq!(list[0].id, id);
    assert!(
        total.as_secs() < 20,
        "attaching took {total:?} (a debug build on a busy machine)"
    );
}

// ---------- the printed record ----------

fn pdf_out(name: &str, doc: &Document) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
        let png = Path::new(&out).join(name.replace(".pdf", "-p1"));
        let _ = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&path)
            .arg(&png)
            .status();
    }
    (dir, path)
}

fn poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|_| panic!("{tool} is installed (apt-get install poppler-utils)"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// (width, height) of every image in the PDF (`pdfimages -list`).
fn images(path: &Path) -> Vec<(u32, u32, String)> {
    poppler("pdfimages", &["-list"], path)
        .lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
                f[8].to_string(),
            )
        })
        .collect()
}

/// An activity held on 2026-11-20 with 5 invitees: 3 present (one late), 1 on leave, 1 absent.
fn held_activity(t: &mut TestDb) -> i64 {
    let unit = t.unit("城关供电所", None);
    let people: Vec<i64> = ["张三", "李四", "王五", "赵六", "钱七"]
        .iter()
        .enumerate()
        .map(|(i, n)| t.person(&format!("1000{i}"), n, unit))
        .collect();
    let mut input = common::activity_input("安全生产专题讲座", "2026-11-20 09:00");
    input.kind = ActivityKind::Forum;
    input.organizer_unit_id = Some(unit);
    input.description = Some("学习《电力安全工作规程》变电部分，通报近期典型违章案例。".into());
    let a = t
        .write(|tx| qungong::activities::add(tx, input.clone()))
        .unwrap();
    t.write(|tx| {
        qungong::attendance::invite_people(tx, a, &people)?;
        let at = |s| time(s);
        qungong::attendance::check_in(tx, a, people[0], at("2026-11-20 08:55"), false)?;
        qungong::attendance::check_in(tx, a, people[1], at("2026-11-20 08:58"), false)?;
        qungong::attendance::check_in(tx, a, people[2], at("2026-11-20 09:25"), false)?;
        qungong::attendance::set_status(
            tx,
            a,
            people[3],
            Some(AttendanceStatus::Leave),
            Some("抢修值班"),
            at("2026-11-20 08:00"),
        )?;
        qungong::attendance::set_status(
            tx,
            a,
            people[4],
            Some(AttendanceStatus::Absent),
            None,
            at("2026-11-20 12:00"),
        )?;
        qungong::activities::record_summary(
            tx,
            a,
            "本次座谈会职工发言踊跃，提出意见建议 6 条，已逐条登记并明确责任部门和完成时限。",
        )
    })
    .unwrap();
    a
}

#[test]
fn the_activity_record_prints_the_form_the_counts_the_files_and_the_photos() {
    let mut t = TestDb::new();
    let a = held_activity(&mut t);
    // Four photos as phones take them (two landscape, one portrait saved sideways, one PNG),
    // and a file.
    attach(
        &mut t,
        a,
        None,
        "会场.jpg",
        jpeg(4000, 3000, 11, 90),
        Some("座谈会现场"),
    )
    .unwrap();
    attach(
        &mut t,
        a,
        None,
        "发言.jpg",
        jpeg(3000, 2000, 12, 90),
        Some("职工代表发言"),
    )
    .unwrap();
    attach(&mut t, a, None, "竖拍.jpg", jpeg_rotated(1200, 900), None).unwrap();
    attach(
        &mut t,
        a,
        None,
        "合影.png",
        png(800, 600),
        Some("参会人员合影"),
    )
    .unwrap();
    attach(
        &mut t,
        a,
        None,
        "会议记录.docx",
        b"PK\x03\x04 word".to_vec(),
        None,
    )
    .unwrap();

    let opts = PrintOptions::new(common::date("2026-11-24"));
    let started = Instant::now();
    let doc = qungong::pdf::activity_record(t.db.conn(), a, &opts).unwrap();
    eprintln!(
        "活动记录 with 4 photos: {} pages, {} KB, made in {:?}",
        doc.pages,
        doc.bytes.len() / 1024,
        started.elapsed()
    );
    let (_dir, path) = pdf_out("activity-record.pdf", &doc);
    let text = poppler("pdftotext", &["-layout"], &path);
    let flat: String = text.split_whitespace().collect();
    for want in [
        "活动记录",
        "活动名称安全生产专题讲座",
        "活动类型职工座谈会（线下）",
        "组织单位城关供电所",
        "2026年11月20日（星期五）09:00–11:00",
        "活动地点三楼会议室",
        "主持人李主任",
        "应到人数5人",
        "实到人数3人",
        "75.0%",
        "出席2人，迟到1人，请假1人，缺席1人",
        "学习《电力安全工作规程》变电部分",
        "提出意见建议6条",
        "1.会议记录.docx（9字节）",
        "4张，附后",
        "图1座谈会现场",
        "图2职工代表发言",
        "图3",
        "图4参会人员合影",
        "打印日期：2026年11月24日",
        "记录人（签字）：",
    ] {
        assert!(flat.contains(want), "missing {want:?} in\n{text}");
    }
    // The rate is the attendance rules' (3 of 5 − 1 on leave), not a recount.
    let c = qungong::attendance::counts_on(t.db.conn(), a, opts.today).unwrap();
    assert_eq!((c.invited, c.attended, c.leave), (5, 3, 1));

    let imgs = images(&path);
    assert_eq!(imgs.len(), 4, "{imgs:?}");
    for (w, h, enc) in &imgs {
        assert_eq!(enc, "jpeg", "embedded as JPEG (DCTDecode)");
        assert!(*w <= 1200 && *h <= 1200, "scaled for print: {w}×{h}");
    }
    assert_eq!((imgs[0].0, imgs[0].1), (1200, 900));
    assert_eq!(
        (imgs[2].0, imgs[2].1),
        (900, 1200),
        "the portrait photo upright"
    );
    assert!(
        doc.bytes.len() < 2_000_000,
        "4 photos in {} bytes",
        doc.bytes.len()
    );
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
}

#[test]
fn a_record_without_photos_leaves_room_for_the_summary_and_a_long_one_runs_over_the_page() {
    let mut t = TestDb::new();
    let a = t.activity("形势任务宣讲", "2026-11-20 09:00");
    let opts = PrintOptions::new(common::date("2026-11-24"));
    let doc = qungong::pdf::activity_record(t.db.conn(), a, &opts).unwrap();
    assert_eq!(doc.pages, 1);
    let (_d, path) = pdf_out("activity-record-empty.pdf", &doc);
    let flat: String = poppler("pdftotext", &[], &path)
        .split_whitespace()
        .collect();
    assert!(flat.contains("活动照片无"), "{flat}");
    assert!(flat.contains("附件无"), "{flat}");
    assert!(flat.contains("未确定应到人员"), "{flat}");
    assert!(images(&path).is_empty());

    let long: String = (1..=90)
        .map(|i| format!("第{i}条：宣讲内容要点及职工反映的情况记录。"))
        .collect();
    assert!(long.chars().count() <= 2000);
    t.write(|tx| qungong::activities::record_summary(tx, a, &long))
        .unwrap();
    let doc = qungong::pdf::activity_record(t.db.conn(), a, &opts).unwrap();
    assert_eq!(doc.pages, 2);
    let (_d, path) = pdf_out("activity-record-long.pdf", &doc);
    let flat: String = poppler("pdftotext", &[], &path)
        .split_whitespace()
        .collect();
    assert!(flat.contains("活动小结（续）"), "{flat}");
    assert!(flat.contains("第1条") && flat.contains("第90条：宣讲内容要点及职工反映的情况记录。"));
}

#[test]
fn a_cancelled_activity_has_no_record_to_print() {
    let mut t = TestDb::new();
    let a = t.activity("歌咏比赛", "2026-12-20 09:00");
    t.db.transact(&Actor::local(), Action::ActivityCancel, |tx| {
        qungong::activities::cancel(tx, a, false)
    })
    .unwrap();
    let e = qungong::pdf::activity_record(
        t.db.conn(),
        a,
        &PrintOptions::new(common::date("2026-11-24")),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "活动“歌咏比赛”已取消，不能再打印活动记录");
}

// ---------- the command line ----------

#[test]
fn the_command_line_attaches_lists_saves_prints_and_detaches() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "activity",
            "add",
            "--title",
            "安全生产专题讲座",
            "--start",
            "2026-11-20 09:00",
            "--place",
            "三楼会议室",
        ],
    );
    let photo = dir.path().join("现场.jpg");
    std::fs::write(&photo, jpeg(640, 480, 21, 85)).unwrap();
    let minutes = dir.path().join("会议记录.txt");
    std::fs::write(&minutes, "会议记录").unwrap();

    let out = ok(
        &db,
        &[
            "activity",
            "attach",
            "1",
            photo.to_str().unwrap(),
            "--caption",
            "会场",
        ],
    );
    assert!(out.contains("已添加照片“现场.jpg”"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "activity",
            "attach",
            "1",
            minutes.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(v["kind"], "文件");
    let file_id = v["id"].as_i64().unwrap();

    let table = ok(&db, &["activity", "files", "1"]);
    assert!(
        table.contains("现场.jpg") && table.contains("640×480") && table.contains("会议记录.txt"),
        "{table}"
    );

    let back = dir.path().join("取回.txt");
    ok(
        &db,
        &[
            "activity",
            "file-save",
            &file_id.to_string(),
            "-o",
            back.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "会议记录");

    let pdf = dir.path().join("活动记录.pdf");
    let out = ok(
        &db,
        &[
            "print",
            "activity-record",
            "--activity",
            "1",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.starts_with("已生成"), "{out}");
    assert_eq!(images(&pdf).len(), 1);

    let again = qungong(&db, &["activity", "attach", "1", photo.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("本活动已有内容完全相同的附件“现场.jpg”")
    );

    ok(&db, &["activity", "detach", &file_id.to_string()]);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&db, &["activity", "files", "1", "--json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}
