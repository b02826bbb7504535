//! 队伍结构 as .xlsx: the pyramid and each distribution on its own sheet.

use rusqlite::Connection;

use crate::error::Result;
use crate::structure::{self, Share, StructureQuery};
use crate::units;
use crate::xlsx::export::*;

fn share_table(sheet: &str, what: &str, title: &str, shares: &[Share]) -> Table {
    let mut t = Table::new(
        sheet,
        Some(format!("{title}　{what}")),
        &[what, "人数", "占比"],
    );
    for s in shares {
        t.rows.push(vec![
            Cell::text(&s.label),
            Cell::Int(s.count),
            Cell::Percent(s.share),
        ]);
    }
    let total: i64 = shares.iter().map(|s| s.count).sum();
    t.rows.push(vec![
        Cell::text("合计"),
        Cell::Int(total),
        Cell::Percent(if total > 0 { 1.0 } else { 0.0 }),
    ]);
    t
}

/// 队伍结构 of a population on a date: 主要指标, 年龄结构 (the pyramid), 学历, 职称, 技能等级 and
/// 政治面貌, each with counts and shares.
pub fn structure(conn: &Connection, q: &StructureQuery) -> Result<Export> {
    let s = structure::snapshot(conn, q)?;
    let scope = units::scope_name(conn, q.unit_id)?;
    let title = format!(
        "{scope}{}队伍结构（统计日期 {}）",
        q.population.label(),
        crate::pdf::chinese_date(q.as_of)
    );
    let mut ind = Table::new("主要指标", Some(title.clone()), &["指标", "数值"]);
    let opt_decimal = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Decimal);
    ind.rows.extend([
        vec![Cell::text("单位"), Cell::text(&scope)],
        vec![Cell::text("人员范围"), Cell::text(q.population.label())],
        vec![Cell::text("统计日期"), Cell::Date(q.as_of)],
        vec![Cell::text("人数"), Cell::Int(s.headcount)],
        vec![Cell::text("平均年龄（岁）"), opt_decimal(s.average_age)],
        vec![Cell::text("年龄中位数（岁）"), opt_decimal(s.median_age)],
        vec![
            Cell::text("35岁及以下占比"),
            Cell::opt_percent(s.share_35_and_under),
        ],
        vec![
            Cell::text("50岁及以上占比（老龄化）"),
            Cell::opt_percent(s.share_50_and_over),
        ],
    ]);
    let mut pyramid = Table::new(
        "年龄结构",
        Some(format!("{title}　年龄结构")),
        &["年龄段", "男", "女", "合计", "占比"],
    );
    let share = |n: i64| {
        if s.headcount > 0 {
            n as f64 / s.headcount as f64
        } else {
            0.0
        }
    };
    for r in &s.pyramid {
        let n = r.male + r.female;
        pyramid.rows.push(vec![
            Cell::text(&r.label),
            Cell::Int(r.male),
            Cell::Int(r.female),
            Cell::Int(n),
            Cell::Percent(share(n)),
        ]);
    }
    let (male, female) = s
        .pyramid
        .iter()
        .fold((0, 0), |(m, f), r| (m + r.male, f + r.female));
    pyramid.rows.push(vec![
        Cell::text("合计"),
        Cell::Int(male),
        Cell::Int(female),
        Cell::Int(male + female),
        Cell::Percent(share(male + female)),
    ]);
    let tables = vec![
        ind,
        pyramid,
        share_table("学历", "学历", &title, &s.education),
        share_table("职称", "职称", &title, &s.professional_title),
        share_table("技能等级", "技能等级", &title, &s.skill_level),
        share_table("政治面貌", "政治面貌", &title, &s.political_status),
    ];
    let mut export = finish(
        tables,
        &format!(
            "队伍结构-{scope}-{}-{}",
            q.population.label(),
            q.as_of.format("%Y%m%d")
        ),
    )?;
    export.rows = s.headcount as usize;
    Ok(export)
}
