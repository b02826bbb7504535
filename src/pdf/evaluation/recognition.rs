//! 推优评先 printouts: the 公示 of a round's results and the 荣誉名册.

use rusqlite::Connection;

use crate::codes::{RecognitionStatus, RecognitionTarget};
use crate::error::{Error, Result};
use crate::evaluation::{Candidate, HonourFilter, honour, recognition};

use super::super::docs::{finish, print_date};
use super::super::layout::{Align, Block, Column, DocSpec, Table};
use super::super::{Document, PrintOptions, chinese_date};

/// Who objections go to when the round names nobody granting the honour.
pub const DEFAULT_GRANTED_BY: &str = "党委党建部";

/// The name of the 推优评先 round `id` (for file names), without checking anything.
pub fn recognition_name(conn: &Connection, id: i64) -> Result<String> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT name FROM recognition_round WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("推优评先", id))
}

/// “荣誉名册-2026年度-城关供电所-张三”: the list's file name without its extension.
pub fn honours_file_stem(conn: &Connection, filter: &HonourFilter) -> Result<String> {
    let mut parts = vec!["荣誉名册".to_string()];
    if let Some(y) = filter.year {
        parts.push(format!("{y}年度"));
    }
    if let Some(id) = filter.unit_id {
        parts.push(crate::units::get(conn, id)?.name);
    }
    if let Some(id) = filter.person_id {
        parts.push(crate::people::get(conn, id)?.name);
    }
    Ok(parts.join("-"))
}

/// The notice's title: “关于{name}结果的公示”, with 评选 added when the name says nothing of
/// how it was chosen (“2026年度优秀政工干部” → “关于2026年度优秀政工干部评选结果的公示”).
pub fn notice_title(round_name: &str) -> String {
    let name = round_name.trim();
    let says_how = ["评选", "推选", "评比", "评先", "推荐", "推优", "选树"]
        .iter()
        .any(|w| name.ends_with(w));
    if says_how {
        format!("关于{name}结果的公示")
    } else {
        format!("关于{name}评选结果的公示")
    }
}

/// The 公示 of a 推优评先 round (公示中 or 已确认): who is to be honoured, the period and where
/// objections go, with the selected candidates (not those withdrawn) in a table, and who
/// grants the honour and the notice's date at the foot.
pub fn recognition_notice(
    conn: &Connection,
    round_id: i64,
    opts: &PrintOptions,
) -> Result<Document> {
    let r = recognition::get(conn, round_id, opts.today)?;
    if !matches!(
        r.status,
        RecognitionStatus::Publicity | RecognitionStatus::Confirmed
    ) {
        return Err(Error::invalid(
            "公示",
            format!(
                "“{}”目前为{}，进入公示后才能打印公示",
                r.input.name,
                r.status.label()
            ),
        ));
    }
    let (Some(from), Some(to)) = (r.notice_from, r.notice_to) else {
        return Err(Error::invalid("公示", "公示期未设定"));
    };
    let unit_round = r.input.target == RecognitionTarget::Unit;
    let selected: Vec<&Candidate> = r
        .candidates
        .iter()
        .filter(|c| c.selected && c.withdrawn.is_none())
        .collect();
    let granted_by = r
        .input
        .granted_by
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .unwrap_or(DEFAULT_GRANTED_BY);
    let whom = if unit_round {
        "以下集体"
    } else {
        "以下同志"
    };
    let body = format!(
        "\u{3000}\u{3000}经推荐、民主投票，拟授予{whom}“{}”称号，现予以公示。",
        r.input.honour_title.trim()
    );
    let period = format!(
        "\u{3000}\u{3000}公示期：{}至{}。",
        chinese_date(from),
        chinese_date(to)
    );
    let objections = format!(
        "\u{3000}\u{3000}公示期间，如对公示对象有异议，请以书面或当面方式向{granted_by}反映。"
    );
    let rows: Vec<Vec<String>> = selected
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                c.name.clone(),
                c.unit_name.clone().unwrap_or_default(),
                c.deeds.trim().to_string(),
                c.votes.map_or("—".into(), |v| v.to_string()),
            ]
        })
        .collect();
    let title = notice_title(&r.input.name);
    let blocks = vec![
        Block::Title(title.clone()),
        Block::Space(8.0),
        Block::Paragraph(body),
        Block::Paragraph(period),
        Block::Paragraph(objections),
        Block::Space(6.0),
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 8.0, Align::Center),
                Column::new(
                    if unit_round { "集体名称" } else { "姓名" },
                    16.0,
                    Align::Center,
                ),
                Column::new("单位", 22.0, Align::Left),
                Column::new("主要事迹", 60.0, Align::Left),
                Column::new("得票", 9.0, Align::Center),
            ],
            rows,
            size: 10.0,
            min_row_height: 0.0,
        }),
        Block::Space(16.0),
        Block::Meta {
            left: String::new(),
            right: granted_by.to_string(),
        },
        Block::Meta {
            left: String::new(),
            right: chinese_date(from),
        },
    ];
    finish(
        &DocSpec {
            running_title: title,
            landscape: false,
            blocks,
        },
        opts,
    )
}

/// The filter in words: “2026年度　单位：城关供电所（含下级）　获得者：张三　称号含“优秀””, or
/// “全部” when it selects everything.
pub fn describe_filter(conn: &Connection, filter: &HonourFilter) -> Result<String> {
    let mut parts = Vec::new();
    if let Some(y) = filter.year {
        parts.push(format!("{y}年度"));
    }
    if let Some(id) = filter.unit_id {
        parts.push(format!(
            "单位：{}（含下级）",
            crate::units::get(conn, id)?.name
        ));
    }
    if let Some(id) = filter.person_id {
        parts.push(format!("获得者：{}", crate::people::get(conn, id)?.name));
    }
    if let Some(s) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        parts.push(format!("称号含“{s}”"));
    }
    Ok(if parts.is_empty() {
        "全部".to_string()
    } else {
        parts.join("\u{3000}")
    })
}

/// 荣誉名册: the honours `filter` selects (newest year first), each with its title, year,
/// holder, unit, who granted it and when.
pub fn honours(conn: &Connection, filter: &HonourFilter, opts: &PrintOptions) -> Result<Document> {
    let list = honour::list(conn, filter)?;
    let rows: Vec<Vec<String>> = list
        .iter()
        .enumerate()
        .map(|(i, h)| {
            vec![
                (i + 1).to_string(),
                h.input.title.clone(),
                h.input.year.to_string(),
                h.holder.clone(),
                h.unit_name.clone().unwrap_or_default(),
                h.input.granted_by.clone().unwrap_or_default(),
                chinese_date(h.input.awarded_on),
            ]
        })
        .collect();
    let title = "荣誉名册".to_string();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "范围：{}\u{3000}\u{3000}共 {} 项",
                describe_filter(conn, filter)?,
                list.len()
            ),
            right: print_date(opts),
        },
        Block::Space(4.0),
        Block::Table(Table {
            columns: vec![
                Column::new("序号", 8.0, Align::Center),
                Column::new("荣誉称号", 26.0, Align::Left),
                Column::new("年度", 9.0, Align::Center),
                Column::new("获得者", 16.0, Align::Center),
                Column::new("单位", 20.0, Align::Left),
                Column::new("授予单位", 22.0, Align::Left),
                Column::new("授予日期", 19.0, Align::Center),
            ],
            rows,
            size: 9.5,
            min_row_height: 0.0,
        }),
    ];
    if list.is_empty() {
        blocks.push(Block::Paragraph("没有符合条件的荣誉记录。".into()));
    }
    finish(
        &DocSpec {
            running_title: title,
            landscape: false,
            blocks,
        },
        opts,
    )
}
