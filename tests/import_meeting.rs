//! 导入线上签到: participant exports of online meetings, built here as real .xlsx and GBK .csv
//! files, matched to an activity's invitees and checked in at their join times.
mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{TestDb, date, logical_dump, time};
use qungong::attendance;
use qungong::attendance::meeting_import::{self, ManualMatch, MeetingFile, Preview};
use qungong::codes::{ActivityMode, AttendanceStatus};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

struct Branch {
    t: TestDb,
    /// 张三 (城关供电所), 李四 (营业班), 王五 (营业班), 赵六 (营销部), 钱七 ×2 (营销部, 营业班),
    /// 孙八 (营销部, not invited), 周九 (营销部, invited, checked in at the venue at 08:50).
    zhang: i64,
    li: i64,
    wang: i64,
    zhao: i64,
    qian_sales: i64,
    qian_team: i64,
    zhou: i64,
    /// 云上论坛, online, 2026-03-10 09:00, 10 minutes' grace; all but 孙八 invited.
    forum: i64,
}

fn branch() -> Branch {
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let station = t.unit("城关供电所", Some(company));
    let team = t.unit("营业班", Some(station));
    let sales = t.unit("营销部", Some(company));
    let zhang = t.person("10001", "张三", station);
    let li = t.person("10002", "李四", team);
    let wang = t.person("10003", "王五", team);
    let zhao = t.person("10004", "赵六", sales);
    let qian_sales = t.person("10005", "钱七", sales);
    let qian_team = t.person("10006", "钱七", team);
    t.person("10007", "孙八", sales);
    let zhou = t.person("10008", "周九", sales);
    let mut input = common::activity_input("云上论坛：安全生产形势", "2026-03-10 09:00");
    input.mode = ActivityMode::Online;
    input.place = None;
    input.online_meeting = Some("腾讯会议 123 456 789".into());
    let forum = t.write(|tx| qungong::activities::add(tx, input)).unwrap();
    t.write(|tx| {
        attendance::invite_people(
            tx,
            forum,
            &[zhang, li, wang, zhao, qian_sales, qian_team, zhou],
        )?;
        attendance::check_in(tx, forum, zhou, time("2026-03-10 08:50"), false)
    })
    .unwrap();
    Branch {
        t,
        zhang,
        li,
        wang,
        zhao,
        qian_sales,
        qian_team,
        zhou,
        forum,
    }
}

fn day() -> NaiveDate {
    date("2026-03-10")
}

/// A 腾讯会议-style export: title rows, then 用户昵称 / 入会时间 / 退会时间 / 参会时长 as text.
fn tencent_xlsx(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("参会明细").unwrap();
    ws.write(0, 0, "会议主题：云上论坛：安全生产形势").unwrap();
    ws.write(1, 0, "会议号：123456789").unwrap();
    let rows: &[[&str; 4]] = &[
        ["用户昵称", "入会时间", "退会时间", "参会时长"],
        [
            "张三-城关供电所",
            "2026-03-10 08:58:12",
            "2026-03-10 11:00:03",
            "122分钟",
        ],
        [
            "营销部 李四",
            "2026-03-10 09:20:40",
            "2026-03-10 11:00:00",
            "100分钟",
        ],
        // Rejoined: the earliest join counts (on time).
        [
            "王五(营业班)",
            "2026-03-10 09:30:00",
            "2026-03-10 11:00:00",
            "90分钟",
        ],
        [
            "王五(营业班)",
            "2026-03-10 09:05:00",
            "2026-03-10 09:25:00",
            "20分钟",
        ],
        [
            "赵六_10004",
            "2026-03-10 09:11:00",
            "2026-03-10 10:00:00",
            "49分钟",
        ],
        // Two invitees are called 钱七: the user has to choose.
        [
            "钱七",
            "2026-03-10 09:01:00",
            "2026-03-10 11:00:00",
            "119分钟",
        ],
        [
            "会议室终端",
            "2026-03-10 08:40:00",
            "2026-03-10 11:05:00",
            "145分钟",
        ],
        [
            "孙八",
            "2026-03-10 09:00:00",
            "2026-03-10 11:00:00",
            "120分钟",
        ],
        // Checked in at the venue at 08:50: stays 出席 at 08:50.
        [
            "周九",
            "2026-03-10 09:40:00",
            "2026-03-10 11:00:00",
            "80分钟",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32 + 3, c as u16, *v).unwrap();
        }
    }
    let path = dir.join("参会明细.xlsx");
    wb.save(&path).unwrap();
    path
}

fn matched<'a>(p: &'a Preview, name: &str) -> &'a meeting_import::MatchedRow {
    p.matched
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} not matched: {p:#?}"))
}

fn status_of(t: &TestDb, activity: i64, person: i64) -> (Option<AttendanceStatus>, Option<String>) {
    let sheet = attendance::sheet(t.db.conn(), activity).unwrap();
    let r = sheet.rows.iter().find(|r| r.person_id == person).unwrap();
    (
        r.status,
        r.checked_in_at
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
    )
}

#[test]
fn a_meeting_export_is_matched_by_name_nickname_and_employee_no_and_previewed() {
    let b = branch();
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_import::read(&tencent_xlsx(dir.path()), day()).unwrap();
    assert_eq!(file.sheet, "参会明细");
    assert_eq!(file.header_row, 4);
    assert_eq!(
        file.participants.len(),
        8,
        "王五's two rows are one participant"
    );
    let wang = &file.participants[2];
    assert_eq!(wang.rows, [7, 8]);
    assert_eq!(wang.joined_at, Some(time("2026-03-10 09:05")));
    assert_eq!(wang.minutes, Some(110));
    assert!(file.problems.is_empty(), "{:?}", file.problems);

    let p = meeting_import::preview(b.t.db.conn(), b.forum, &file).unwrap();
    assert_eq!(p.activity_title, "云上论坛：安全生产形势");
    assert_eq!(p.late_after, time("2026-03-10 09:10"));
    let z = matched(&p, "张三");
    assert_eq!(
        (z.person_id, z.how, z.status),
        (b.zhang, "姓名", Some(AttendanceStatus::Present))
    );
    assert_eq!(
        z.at,
        time("2026-03-10 08:58") + chrono::Duration::seconds(12)
    );
    let li = matched(&p, "李四");
    assert_eq!(
        (li.person_id, li.status),
        (b.li, Some(AttendanceStatus::Late))
    );
    let wang = matched(&p, "王五");
    assert_eq!(
        (wang.person_id, wang.status, wang.rows.clone()),
        (b.wang, Some(AttendanceStatus::Present), vec![7, 8])
    );
    assert!(wang.note.contains("最早入会时间"));
    let zhao = matched(&p, "赵六");
    assert_eq!(
        (zhao.person_id, zhao.how, zhao.status),
        (b.zhao, "工号", Some(AttendanceStatus::Late))
    );
    let zhou = matched(&p, "周九");
    assert_eq!(zhou.status, None, "already checked in: unchanged");
    assert_eq!(zhou.current, Some(AttendanceStatus::Present));
    assert!(zhou.note.contains("已签到（出席 08:50），不变"));

    assert_eq!(p.unmatched.len(), 3);
    let qian = p.unmatched.iter().find(|u| u.file_name == "钱七").unwrap();
    assert_eq!(qian.row, 10);
    assert!(qian.reason.contains("有 2 人"), "{}", qian.reason);
    assert!(qian.reason.contains("10005") && qian.reason.contains("10006"));
    let mut suggestions = qian.suggestions.clone();
    suggestions.sort_unstable();
    assert_eq!(suggestions, [b.qian_sales, b.qian_team]);
    let terminal = p
        .unmatched
        .iter()
        .find(|u| u.file_name == "会议室终端")
        .unwrap();
    assert_eq!(terminal.reason, "应到名单中没有与此名称对应的人");
    let sun = p.unmatched.iter().find(|u| u.file_name == "孙八").unwrap();
    assert_eq!(sun.reason, "孙八（工号 10007）不在本次活动的应到名单中");
    // 钱七 ×2 are still to be found by hand; everyone else is in the file.
    assert_eq!(p.not_in_file, 2);
    assert_eq!(p.invitees.len(), 7);
}

#[test]
fn applying_checks_in_at_the_join_time_and_never_downgrades() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_import::read(&tencent_xlsx(dir.path()), day()).unwrap();
    let applied =
        b.t.write(|tx| meeting_import::apply(tx, b.forum, &file, &[]))
            .unwrap();
    assert_eq!(
        (
            applied.present,
            applied.late,
            applied.unchanged,
            applied.unmatched
        ),
        (2, 2, 1, 3)
    );
    assert_eq!(
        applied.message(),
        "已导入线上签到：出席 2 人，迟到 2 人，已签到未变 1 人；未匹配 3 条，未导入"
    );
    assert_eq!(
        status_of(&b.t, b.forum, b.zhang),
        (
            Some(AttendanceStatus::Present),
            Some("2026-03-10 08:58:12".into())
        )
    );
    assert_eq!(
        status_of(&b.t, b.forum, b.li),
        (
            Some(AttendanceStatus::Late),
            Some("2026-03-10 09:20:40".into())
        )
    );
    assert_eq!(
        status_of(&b.t, b.forum, b.wang).1.as_deref(),
        Some("2026-03-10 09:05:00")
    );
    assert_eq!(
        status_of(&b.t, b.forum, b.zhou),
        (
            Some(AttendanceStatus::Present),
            Some("2026-03-10 08:50:00".into())
        )
    );
    assert_eq!(status_of(&b.t, b.forum, b.qian_sales).0, None);
    // 孙八 was not made a walk-in.
    let sheet = attendance::sheet(b.t.db.conn(), b.forum).unwrap();
    assert_eq!(sheet.counts.walk_ins, 0);
    assert_eq!(sheet.counts.attended, 5);

    // Importing the same file again changes nothing.
    let before = logical_dump(b.t.db.conn());
    let again =
        b.t.write(|tx| meeting_import::apply(tx, b.forum, &file, &[]))
            .unwrap();
    assert_eq!((again.present, again.late, again.unchanged), (0, 0, 5));
    assert_eq!(logical_dump(b.t.db.conn()), before);

    // The ambiguous 钱七 matched by hand afterwards: checked in at the row's join time.
    let manual = [ManualMatch {
        row: 10,
        person_id: b.qian_team,
    }];
    let applied =
        b.t.write(|tx| meeting_import::apply_manual(tx, b.forum, &file, &manual))
            .unwrap();
    assert_eq!((applied.present, applied.manual), (1, 1));
    assert_eq!(
        status_of(&b.t, b.forum, b.qian_team),
        (
            Some(AttendanceStatus::Present),
            Some("2026-03-10 09:01:00".into())
        )
    );
    assert_eq!(status_of(&b.t, b.forum, b.qian_sales).0, None);
    let log = qungong::db::audit_log(b.t.db.conn(), 5).unwrap();
    assert!(log[1].detail.contains("导入线上签到"), "{:?}", log[1]);
}

#[test]
fn manual_matches_are_applied_with_the_file_in_one_transaction() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_import::read(&tencent_xlsx(dir.path()), day()).unwrap();
    let applied =
        b.t.write(|tx| {
            meeting_import::apply(
                tx,
                b.forum,
                &file,
                &[ManualMatch {
                    row: 10,
                    person_id: b.qian_sales,
                }],
            )
        })
        .unwrap();
    assert_eq!(
        (applied.present, applied.manual, applied.unmatched),
        (3, 1, 2)
    );
    assert_eq!(
        status_of(&b.t, b.forum, b.qian_sales).0,
        Some(AttendanceStatus::Present)
    );
}

#[test]
fn a_failed_import_leaves_the_database_exactly_as_it_was() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_import::read(&tencent_xlsx(dir.path()), day()).unwrap();
    let before = logical_dump(b.t.db.conn());
    let audit_before = qungong::db::audit_log(b.t.db.conn(), 100).unwrap().len();
    // 孙八 is not on the list: matching him by hand fails after the others were checked in.
    let sun = qungong::people::by_employee_no(b.t.db.conn(), "10007")
        .unwrap()
        .id;
    let err =
        b.t.write(|tx| {
            meeting_import::apply(
                tx,
                b.forum,
                &file,
                &[ManualMatch {
                    row: 12,
                    person_id: sun,
                }],
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), "attendance.not_invited");
    assert!(err.to_string().contains("孙八"));
    // A row that is not a participant.
    let err =
        b.t.write(|tx| {
            meeting_import::apply(
                tx,
                b.forum,
                &file,
                &[ManualMatch {
                    row: 2,
                    person_id: b.zhang,
                }],
            )
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "手动匹配：文件中第 2 行不是参会记录");
    assert_eq!(logical_dump(b.t.db.conn()), before);
    assert_eq!(
        qungong::db::audit_log(b.t.db.conn(), 100).unwrap().len(),
        audit_before
    );
    // A cancelled activity takes no import at all.
    let mut input = common::activity_input("已取消的线上宣讲", "2026-03-11 09:00");
    input.mode = ActivityMode::Online;
    input.place = None;
    input.online_meeting = Some("钉钉".into());
    let cancelled = b.t.write(|tx| qungong::activities::add(tx, input)).unwrap();
    b.t.write(|tx| qungong::activities::cancel(tx, cancelled, false))
        .unwrap();
    let err = meeting_import::preview(b.t.db.conn(), cancelled, &file).unwrap_err();
    assert!(err.to_string().contains("已取消"), "{err}");
}

/// A GBK CSV as Excel/WPS in China saves it: 参会者, 工号, 加入时间 (time of day only), 时长.
fn gbk_csv(dir: &Path, lines: &[&str]) -> PathBuf {
    let text = lines.join("\r\n");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let path = dir.join("参会者列表.csv");
    std::fs::write(&path, &bytes).unwrap();
    path
}

#[test]
fn a_gbk_csv_with_times_of_day_and_an_employee_no_column() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let path = gbk_csv(
        dir.path(),
        &[
            "参会者,工号,加入时间,离开时间,时长",
            // The 工号 column wins over a nickname that names nobody.
            "小张的手机,10001,08:59,11:00,01:01:00",
            "李四（营业班）,,9:12:30,11:00,1小时48分钟",
            // Two 钱七, told apart by the unit in the nickname.
            "钱七-营销部,,09:03,11:00,117",
            "钱七 营业班,,09:15,11:00,105",
            ",,,,",
            "王五手机,,2026/3/10 9:06,2026/3/10 11:00,114",
            "赵六,,九点,11:00,",
        ],
    );
    let file = meeting_import::read(&path, day()).unwrap();
    assert_eq!(file.header_row, 1);
    assert_eq!(file.participants.len(), 6);
    assert_eq!(
        file.problems,
        ["第 8 行：入会时间“九点”无法识别"],
        "blank rows are skipped, unreadable times reported"
    );
    assert_eq!(file.participants[0].minutes, Some(61));
    assert_eq!(file.participants[1].minutes, Some(108));

    let p = meeting_import::preview(b.t.db.conn(), b.forum, &file).unwrap();
    assert!(p.unmatched.is_empty(), "{:#?}", p.unmatched);
    let z = matched(&p, "张三");
    assert_eq!((z.how, z.at), ("工号", time("2026-03-10 08:59")));
    let li = matched(&p, "李四");
    assert_eq!(li.status, Some(AttendanceStatus::Late));
    let qs: Vec<_> = p.matched.iter().filter(|r| r.name == "钱七").collect();
    assert_eq!(qs.len(), 2);
    let sales = qs.iter().find(|r| r.person_id == b.qian_sales).unwrap();
    assert_eq!(
        (sales.how, sales.status),
        ("姓名和单位", Some(AttendanceStatus::Present))
    );
    let team = qs.iter().find(|r| r.person_id == b.qian_team).unwrap();
    assert_eq!(team.status, Some(AttendanceStatus::Late));
    let wang = matched(&p, "王五");
    assert_eq!(wang.how, "昵称中的姓名");
    // No readable join time: the start of the activity (出席), and said so.
    let zhao = matched(&p, "赵六");
    assert_eq!(zhao.at, time("2026-03-10 09:00"));
    assert!(zhao.note.contains("按活动开始时间计"));

    let applied =
        b.t.write(|tx| meeting_import::apply(tx, b.forum, &file, &[]))
            .unwrap();
    assert_eq!((applied.present, applied.late), (4, 2));
}

#[test]
fn excel_date_cells_and_serials_are_read_as_times() {
    let b = branch();
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let dt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let tm = Format::new().set_num_format("hh:mm");
    ws.write(0, 0, "姓名").unwrap();
    ws.write(0, 1, "首次入会时间").unwrap();
    ws.write(0, 2, "参会时长（秒）").unwrap();
    ws.write(1, 0, "张三").unwrap();
    let joined = ExcelDateTime::from_ymd(2026, 3, 10)
        .unwrap()
        .and_hms(9, 12, 0)
        .unwrap();
    ws.write_datetime_with_format(1, 1, &joined, &dt).unwrap();
    ws.write(1, 2, 3600).unwrap();
    ws.write(2, 0, "李四").unwrap();
    let time_only = ExcelDateTime::from_hms(8, 57, 0).unwrap();
    ws.write_datetime_with_format(2, 1, &time_only, &tm)
        .unwrap();
    ws.write(2, 2, 7200).unwrap();
    // An unformatted serial.
    ws.write(3, 0, "王五").unwrap();
    ws.write(3, 1, 46091.375).unwrap();
    let path = dir.path().join("钉钉.xlsx");
    wb.save(&path).unwrap();

    let file = meeting_import::read(&path, day()).unwrap();
    let p = meeting_import::preview(b.t.db.conn(), b.forum, &file).unwrap();
    assert_eq!(matched(&p, "张三").at, time("2026-03-10 09:12"));
    assert_eq!(matched(&p, "张三").status, Some(AttendanceStatus::Late));
    assert_eq!(matched(&p, "张三").minutes, Some(60));
    assert_eq!(matched(&p, "李四").at, time("2026-03-10 08:57"));
    assert_eq!(matched(&p, "王五").at, time("2026-03-10 09:00"));
}

#[test]
fn files_that_are_not_participant_lists_are_refused_in_chinese() {
    let b = branch();
    let dir = tempfile::tempdir().unwrap();
    let path = gbk_csv(dir.path(), &["工作内容,完成情况", "巡视,完成"]);
    let err = meeting_import::read(&path, day()).unwrap_err();
    assert!(err.to_string().contains("找不到参会人所在的列"), "{err}");
    let only_header = gbk_csv(dir.path(), &["用户昵称,入会时间"]);
    let err = meeting_import::read(&only_header, day()).unwrap_err();
    assert!(err.to_string().contains("没有参会记录"), "{err}");
    let missing = meeting_import::read(&dir.path().join("不存在.xlsx"), day()).unwrap_err();
    assert!(missing.to_string().contains("文件不存在"), "{missing}");
    // A file of another day is flagged.
    let other_day = gbk_csv(dir.path(), &["用户昵称,入会时间", "张三,2026-05-20 09:00"]);
    let file: MeetingFile = meeting_import::read(&other_day, day()).unwrap();
    let p = meeting_import::preview(b.t.db.conn(), b.forum, &file).unwrap();
    assert!(p.problems[0].contains("相差一天以上"), "{:?}", p.problems);
}

/// The meeting's export is taken once the activity has started (after the kiosk's window as
/// well: it is the meeting's own record); before, nothing is written.
#[test]
fn a_meeting_export_is_refused_before_the_start() {
    let mut b = branch();
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_import::read(&tencent_xlsx(dir.path()), day()).unwrap();
    let forum = b.forum;
    let mut input = qungong::activities::get(b.t.db.conn(), forum)
        .unwrap()
        .to_input();
    input.starts_at = (qungong::db::now() + chrono::Duration::days(2))
        .date()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    input.ends_at = input.starts_at + chrono::Duration::hours(2);
    b.t.write(|tx| qungong::activities::update(tx, forum, input))
        .unwrap();
    let before = logical_dump(b.t.db.conn());
    let err =
        b.t.write(|tx| meeting_import::apply(tx, forum, &file, &[]))
            .unwrap_err();
    assert_eq!(err.code(), "attendance.not_started");
    assert!(err.to_string().ends_with("开始后才能导入线上签到"), "{err}");
    assert_eq!(logical_dump(b.t.db.conn()), before);
}
