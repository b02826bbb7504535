//! 活动记录: the one-activity record an inspection asks for in the 台账 — a ruled form (名称,
//! 类型, 组织单位, 时间, 地点, 主持人 / 主讲人, 应到 / 实到 / 出勤率 and the detail behind them,
//! 活动内容, 活动小结, the files attached), lines to sign, then the photos two to a row with their
//! captions. Counts come from the attendance rules (`attendance::counts_on`), as on every other
//! document.

use std::sync::Arc;

use rusqlite::Connection;

use crate::activities;
use crate::attendance::{self, Counts};
use crate::codes::AttachmentKind;
use crate::error::{RecordError, Result};
use crate::records::{self, Picture};

use super::docs::{dash, finish, host_label, place, print_date, printable_activity, time_range};
use super::layout::{Block, DocSpec, Embedded, FormRow, Photo, mm};
use super::{Document, PrintOptions};

/// 出席 9 人，迟到 1 人，请假 1 人，缺席 1 人; walk-ins said apart.
fn attendance_detail(c: &Counts) -> String {
    if c.invited == 0 {
        return "未确定应到人员".into();
    }
    let mut s = format!(
        "出席 {} 人，迟到 {} 人，请假 {} 人，缺席 {} 人",
        c.present, c.late, c.leave, c.absent
    );
    if c.not_checked_in > 0 {
        s.push_str(&format!("，未签到 {} 人", c.not_checked_in));
    }
    s.push_str("（出勤率 = 实到 ÷（应到 − 请假））");
    if c.walk_ins > 0 {
        s.push_str(&format!(
            "；另有非名单人员 {} 人签到，不计入出勤率",
            c.walk_ins
        ));
    }
    s
}

/// The 活动记录 of one activity (not a cancelled one).
pub fn activity_record(
    conn: &Connection,
    activity_id: i64,
    opts: &PrintOptions,
) -> Result<Document> {
    printable_activity(conn, activity_id, "打印活动记录")?;
    let a = activities::get(conn, activity_id)?;
    let c = attendance::counts_on(conn, activity_id, opts.today)?;
    let files = records::list(conn, activity_id, false)?;
    let others: Vec<String> = files
        .iter()
        .filter(|f| f.kind == AttachmentKind::File)
        .enumerate()
        .map(|(i, f)| {
            format!(
                "{}. {}（{}）",
                i + 1,
                f.name,
                records::human_size(f.size as u64)
            )
        })
        .collect();
    let mut photos = Vec::new();
    for (f, bytes) in records::photos(conn, activity_id)? {
        let bad = |reason: String| RecordError::BadPicture {
            name: f.name.clone(),
            reason,
        };
        let (jpeg, width, height) = Picture::decode(&bytes)
            .and_then(|p| p.for_print())
            .map_err(|e| bad(e.to_string()))?;
        photos.push(Photo {
            picture: Arc::new(Embedded {
                jpeg,
                width,
                height,
            }),
            caption: f.caption.clone().unwrap_or_default(),
        });
    }

    let rate = c
        .rate
        .map_or("—".to_string(), |r| format!("{:.1}%", r * 100.0));
    let rows = vec![
        FormRow::new(&[("活动名称", a.title.clone())]),
        FormRow::new(&[
            (
                "活动类型",
                format!("{}（{}）", a.kind.label(), a.mode.label()),
            ),
            ("组织单位", dash(a.organizer_name.as_deref())),
        ]),
        FormRow::new(&[("活动时间", time_range(a.starts_at, a.ends_at))]),
        FormRow::new(&[
            ("活动地点", dash(Some(&place(&a)))),
            (host_label(a.kind), dash(a.host.as_deref())),
        ]),
        FormRow::new(&[
            ("应到人数", format!("{} 人", c.invited)),
            ("实到人数", format!("{} 人", c.attended)),
            ("出 勤 率", rate),
        ]),
        FormRow::new(&[("考勤情况", attendance_detail(&c))]),
        FormRow::new(&[("活动内容", a.description.clone().unwrap_or_default())]).tall(mm(20.0)),
        // Left blank (room to write by hand) when no summary was entered.
        FormRow::new(&[("活动小结", a.summary.clone().unwrap_or_default())]).tall(mm(45.0)),
        FormRow::new(&[(
            "附件",
            if others.is_empty() {
                "无".into()
            } else {
                others.join("\n")
            },
        )]),
        FormRow::new(&[(
            "活动照片",
            if photos.is_empty() {
                "无".into()
            } else {
                format!("{} 张，附后", photos.len())
            },
        )]),
    ];
    let mut blocks = vec![
        Block::Title("活动记录".into()),
        Block::Space(2.0),
        Block::Meta {
            left: format!("单位：{}", dash(a.organizer_name.as_deref())),
            right: print_date(opts),
        },
        Block::Space(4.0),
        Block::Form(rows),
        Block::Meta {
            left: "记录人（签字）：".into(),
            right: "负责人（签字）：　　　　　　　　".into(),
        },
        Block::Space(10.0),
    ];
    if !photos.is_empty() {
        blocks.push(Block::Heading("活动照片".into()));
        blocks.push(Block::Space(4.0));
        blocks.push(Block::Photos(photos));
    }
    finish(
        &DocSpec {
            running_title: format!("{} 活动记录", a.title),
            landscape: false,
            blocks,
        },
        opts,
    )
}
