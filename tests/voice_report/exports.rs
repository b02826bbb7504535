//! The .xlsx exports read back with calamine (谈话内容 only when asked for, and only the
//! summaries the viewer may see).

use qungong::voice::concern::ConcernFilter;
use qungong::voice::contact::VisitFilter;
use qungong::voice::opinion::OpinionFilter;
use qungong::voice::talk::TalkFilter;
use qungong::voice::{Viewer, export};
use qungong::xlsx::export::Export;

use crate::common::{branch, date, xlsx_rows, xlsx_sheets};
use crate::{C, concern, later, q3, quarter};

/// The data row whose column `header` holds `key`, as header → value.
fn row_where<'a>(rows: &'a [Vec<String>], header: &str, key: &str) -> Vec<(&'a str, &'a str)> {
    let headers = &rows[1];
    let col = headers.iter().position(|h| h == header).unwrap();
    let row = rows[2..]
        .iter()
        .find(|r| r[col] == key)
        .unwrap_or_else(|| panic!("no row with {header} = {key}"));
    headers
        .iter()
        .map(String::as_str)
        .zip(row.iter().map(String::as_str))
        .collect()
}

fn value<'a>(row: &[(&str, &'a str)], header: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| *h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
        .1
}

#[test]
fn the_concern_export_has_every_concern_with_its_handling() {
    let mut b = branch();
    let d = quarter(&mut b);
    let conn = b.t.db.conn();
    let today = date("2026-10-15");
    let e = export::concerns(conn, &ConcernFilter::default(), today).unwrap();
    assert_eq!(e.rows, 8);
    assert_eq!(e.sheets, ["群众诉求"]);
    assert!(e.file_name.ends_with(".xlsx") && e.file_name.contains("群众诉求"));
    let rows = xlsx_rows(&e, "群众诉求");
    assert!(
        rows[0][0].contains("国网示范县供电公司群众诉求（8 件"),
        "{}",
        rows[0][0]
    );
    assert!(rows[0][0].contains("导出日期：2026年10月15日"));
    assert_eq!(
        rows[1],
        [
            "序号",
            "编号",
            "受理日期",
            "来源",
            "来源活动",
            "提出人",
            "所属单位",
            "类别",
            "诉求内容",
            "办理状态",
            "办理期限",
            "是否超期",
            "超期天数",
            "办理单位",
            "责任人",
            "答复内容",
            "答复日期",
            "办结日期",
            "满意度",
            "上报日期",
            "上报至",
            "上报说明",
        ]
    );
    assert_eq!(rows.len(), 2 + 8);
    let c = qungong::voice::concern::get(conn, d.escalated, today).unwrap();
    let esc = row_where(&rows, "编号", &export::concern_number(&c.uid));
    assert_eq!(value(&esc, "受理日期"), "2026-08-20");
    assert_eq!(value(&esc, "来源"), "联系点走访");
    assert_eq!(value(&esc, "提出人"), "赵六");
    assert_eq!(value(&esc, "所属单位"), "营销部");
    assert_eq!(value(&esc, "类别"), "安全生产");
    assert_eq!(value(&esc, "诉求内容"), "营业厅消防通道被杂物堵塞");
    assert_eq!(value(&esc, "办理状态"), "已受理");
    assert_eq!(value(&esc, "办理期限"), "2026-08-27");
    assert_eq!(value(&esc, "是否超期"), "是");
    assert_eq!(value(&esc, "超期天数"), "49");
    assert_eq!(value(&esc, "上报日期"), "2026-08-22");
    assert_eq!(value(&esc, "上报至"), "县公司工会");
    assert_eq!(value(&esc, "上报说明"), "涉及多个部门，需协调");
    let done = row_where(&rows, "诉求内容", "夜班补助标准多年未调整");
    assert_eq!(value(&done, "办理状态"), "已办结");
    assert_eq!(value(&done, "是否超期"), "");
    assert_eq!(value(&done, "答复内容"), "已按新标准发放");
    assert_eq!(value(&done, "答复日期"), "2026-07-18");
    assert_eq!(value(&done, "办结日期"), "2026-07-18");
    assert_eq!(value(&done, "满意度"), "满意");
    assert_eq!(value(&done, "来源"), "座谈会");
    let anon = row_where(&rows, "诉求内容", "绩效考核结果不公开");
    assert_eq!(value(&anon, "提出人"), "匿名");
    assert_eq!(value(&anon, "所属单位"), "");

    // The filter applies: the station's concerns received in the quarter.
    let filter = ConcernFilter {
        from: Some(date("2026-07-01")),
        to: Some(date("2026-09-30")),
        unit_id: Some(b.station),
        ..ConcernFilter::default()
    };
    let e = export::concerns(conn, &filter, today).unwrap();
    assert_eq!(e.rows, 4);
    let rows = xlsx_rows(&e, "群众诉求");
    assert!(
        rows[0][0].starts_with("城关供电所群众诉求（4 件"),
        "{}",
        rows[0][0]
    );
}

#[test]
fn more_concerns_than_a_page_are_all_exported() {
    let mut b = branch();
    let team = b.team;
    for i in 0..1203 {
        let content: &'static str = Box::leak(format!("第 {i} 条意见").into_boxed_str());
        concern(
            &mut b,
            C {
                unit: Some(team),
                content,
                ..C::default()
            },
        );
    }
    let e = export::concerns(b.t.db.conn(), &ConcernFilter::default(), date("2026-10-15")).unwrap();
    assert_eq!(e.rows, 1203);
    let rows = xlsx_rows(&e, "群众诉求");
    for i in [0, 600, 1202] {
        row_where(&rows, "诉求内容", &format!("第 {i} 条意见"));
    }
}

#[test]
fn the_opinion_and_visit_exports() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let filter = OpinionFilter {
        from: Some(date("2026-07-01")),
        to: Some(date("2026-09-30")),
        ..OpinionFilter::default()
    };
    let e = export::opinions(conn, &filter, later()).unwrap();
    assert_eq!(e.rows, 5);
    let rows = xlsx_rows(&e, "思想动态");
    assert!(
        rows[0][0].contains("其中重大未按时上报 2 条"),
        "{}",
        rows[0][0]
    );
    let grave = row_where(&rows, "标题", "2026-08-15 14:00 的思想动态");
    assert_eq!(value(&grave, "发现时间"), "2026-08-15 14:00");
    assert_eq!(value(&grave, "等级"), "重大");
    assert_eq!(value(&grave, "趋势"), "升温");
    assert_eq!(value(&grave, "涉及单位"), "城关供电所");
    assert_eq!(value(&grave, "上报时限"), "2026-08-15 16:00");
    assert_eq!(value(&grave, "未按时上报"), "是");
    let reported = row_where(&rows, "标题", "2026-09-10 08:00 的思想动态");
    assert_eq!(value(&reported, "上报时间"), "2026-09-10 09:00");
    assert_eq!(value(&reported, "未按时上报"), "");
    let normal = row_where(&rows, "标题", "2026-07-03 09:00 的思想动态");
    assert_eq!(value(&normal, "上报时限"), "");

    let e = export::visits(conn, &VisitFilter::default()).unwrap();
    assert_eq!(e.rows, 4);
    let rows = xlsx_rows(&e, "走访记录");
    assert_eq!(
        rows[1],
        [
            "序号",
            "走访日期",
            "领导",
            "走访单位",
            "是否联系点",
            "参加人员",
            "了解情况",
            "形成诉求（件）"
        ]
    );
    let v = row_where(&rows, "走访日期", "2026-08-10");
    assert_eq!(value(&v, "领导"), "赵六");
    assert_eq!(value(&v, "走访单位"), "营业班");
    assert_eq!(value(&v, "是否联系点"), "是");
    assert_eq!(value(&v, "了解情况"), "职工反映食堂饭菜品种少");
    let v = row_where(&rows, "走访日期", "2026-07-20");
    assert_eq!(value(&v, "是否联系点"), "");
    let filter = VisitFilter {
        unit_id: Some(b.station),
        ..VisitFilter::default()
    };
    assert_eq!(export::visits(conn, &filter).unwrap().rows, 2);
}

#[test]
fn talk_summaries_are_exported_only_when_asked_and_only_those_the_viewer_may_see() {
    let mut b = branch();
    quarter(&mut b);
    let zhang = b.zhang;
    // An account standing for 张三 (the talker of three talks) that is not an administrator.
    let account =
        b.t.write(|tx| {
            tx.execute(
                "INSERT INTO account (name, role, password_hash, created_at,
                        password_changed_at, person_id)
                 VALUES ('zhangsan', 'cadre', 'x', '2026-01-01 00:00:00',
                         '2026-01-01 00:00:00', ?1)",
                [zhang],
            )?;
            Ok(tx.last_insert_rowid())
        })
        .unwrap();
    let cadre = Viewer {
        account_id: Some(account),
        admin: false,
    };
    let conn = b.t.db.conn();
    let his = "李四谈到孩子上学的困难";
    let other = "张三希望参加技能培训";
    let all_text = |e: &Export| -> String {
        xlsx_sheets(e)
            .into_iter()
            .flat_map(|(_, rows)| rows.into_iter().flatten())
            .collect::<Vec<_>>()
            .join("\n")
    };

    for viewer in [Viewer::ADMIN, cadre] {
        let e = export::talks(conn, &TalkFilter::default(), viewer, false).unwrap();
        assert_eq!(e.rows, 5);
        let rows = xlsx_rows(&e, "谈心谈话");
        assert!(!rows[1].iter().any(|h| h == "谈话内容"));
        let text = all_text(&e);
        assert!(!text.contains(his) && !text.contains(other));
        assert!(!text.contains("无权查看"));
    }

    let e = export::talks(conn, &TalkFilter::default(), cadre, true).unwrap();
    let rows = xlsx_rows(&e, "谈心谈话");
    assert_eq!(rows[1].last().unwrap(), "谈话内容");
    let text = all_text(&e);
    assert!(text.contains(his));
    assert!(!text.contains(other));
    let mine = row_where(&rows, "谈话日期", "2026-07-15");
    assert_eq!(value(&mine, "谈话人"), "张三");
    assert_eq!(value(&mine, "谈话对象"), "李四");
    assert_eq!(value(&mine, "所在单位"), "营业班");
    assert_eq!(value(&mine, "谈话类型"), "日常谈心");
    assert_eq!(value(&mine, "谈话内容"), his);
    let hidden = row_where(&rows, "谈话日期", "2026-09-01");
    assert_eq!(value(&hidden, "谈话人"), "赵六");
    assert_eq!(value(&hidden, "谈话内容"), "无权查看");
    // No summary at all: nothing to hide.
    let empty = row_where(&rows, "谈话日期", "2026-08-20");
    assert_eq!(value(&empty, "谈话内容"), "");

    let e = export::talks(conn, &TalkFilter::default(), Viewer::ADMIN, true).unwrap();
    let text = all_text(&e);
    assert!(text.contains(his) && text.contains(other));
    assert!(!text.contains("无权查看"));
}

#[test]
fn the_coverage_exports() {
    let mut b = branch();
    quarter(&mut b);
    let conn = b.t.db.conn();
    let e = export::contact_coverage(conn, 2026, 3).unwrap();
    assert_eq!(e.rows, 2);
    let rows = xlsx_rows(&e, "联系点走访情况");
    assert!(
        rows[0][0].starts_with("2026年第3季度领导班子联系点走访情况"),
        "{}",
        rows[0][0]
    );
    // Short of the plan first.
    assert_eq!(&rows[2][1..4], ["张三", "营销部", "2026-01-01"]);
    assert_eq!(&rows[2][4..], ["1", "0", "", "是"]);
    assert_eq!(&rows[3][1..3], ["赵六", "营业班"]);
    assert_eq!(&rows[3][4..], ["1", "1", "2026-08-10", ""]);

    let e = export::talk_coverage(conn, q3(), None, date("2026-10-15")).unwrap();
    assert_eq!(e.sheets, ["覆盖率", "未谈话人员"]);
    let rows = xlsx_rows(&e, "覆盖率");
    assert!(
        rows[0][0].contains("2026年7月1日至2026年9月30日"),
        "{}",
        rows[0][0]
    );
    assert_eq!(
        rows[1],
        ["单位", "在岗职工（人）", "已谈话（人）", "覆盖率"]
    );
    assert_eq!(&rows[2][..3], ["国网示范县供电公司", "4", "3"]);
    assert_eq!(rows[2][3], "0.75");
    let station = rows.iter().find(|r| r[0].trim() == "城关供电所").unwrap();
    assert_eq!(&station[1..3], ["3", "2"]);
    let missed = xlsx_rows(&e, "未谈话人员");
    assert_eq!(missed.len(), 3);
    assert_eq!(missed[2], ["1", "王五", "营业班"]);
}
