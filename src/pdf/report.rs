//! 队伍结构分析报告: indicators, warnings, the pyramid and the distributions as vector charts
//! with their tables, the trend and projection, and who retires in the next five years.

use rusqlite::Connection;

use crate::error::Result;
use crate::structure::{self, Analysis, Config, Share, StructureQuery};
use crate::units;

use super::chart::Chart;
use super::docs::{finish, print_date};
use super::layout::{Align, Block, Column, DocSpec, Table};
use super::{Document, PrintOptions, chinese_date};

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:.1}%", x * 100.0))
}

fn num(x: Option<f64>, unit: &str) -> String {
    x.map_or("—".into(), |x| format!("{x:.1}{unit}"))
}

fn table(columns: &[(&str, f32, Align)], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns
            .iter()
            .map(|(t, w, a)| Column::new(t, *w, *a))
            .collect(),
        rows,
        size: 9.5,
        min_row_height: 0.0,
    })
}

fn distribution(title: &str, shares: &[Share]) -> Vec<Block> {
    let shown: Vec<&Share> = shares
        .iter()
        .filter(|s| s.count > 0 || s.label != "未填写")
        .collect();
    vec![
        Block::Heading(title.to_string()),
        Block::Chart(Chart::Bars(
            shown
                .iter()
                .map(|s| (s.label.clone(), s.count, s.share))
                .collect(),
        )),
        table(
            &[
                ("类别", 40.0, Align::Left),
                ("人数", 20.0, Align::Center),
                ("占比", 20.0, Align::Center),
            ],
            shown
                .iter()
                .map(|s| vec![s.label.clone(), s.count.to_string(), pct(Some(s.share))])
                .collect(),
        ),
    ]
}

/// The report of `q`, with trend and projection over `years` years.
pub fn structure_report(
    conn: &Connection,
    q: &StructureQuery,
    cfg: &Config,
    years: u32,
    opts: &PrintOptions,
) -> Result<Document> {
    let a = structure::analyse(conn, q, cfg, years)?;
    let (scope, path) = match q.unit_id {
        Some(id) => {
            let u = units::get(conn, id)?;
            (u.name, u.path.replace('/', " / "))
        }
        None => {
            let company = units::company_name(conn)?;
            (company.clone(), company)
        }
    };
    let title = format!("{scope}{}队伍结构分析报告", q.population.label());
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Space(2.0),
        Block::Meta {
            left: format!(
                "单位：{path}　　人员范围：{}　　统计日期：{}",
                q.population.label(),
                chinese_date(q.as_of)
            ),
            right: print_date(opts),
        },
        Block::Paragraph(
            "年龄按统计日期计算周岁；只统计当日在职人员；法定退休年龄按国务院关于渐进式延迟法定退休年龄的办法计算。"
                .into(),
        ),
        Block::Space(4.0),
    ];
    blocks.extend(indicators(&a));
    blocks.extend(warnings(&a));
    blocks.extend(pyramid(&a));
    let s = &a.structure;
    blocks.push(Block::Heading("四、学历、职称、技能等级与政治面貌".into()));
    for (t, shares) in [
        ("（一）学历", &s.education),
        ("（二）职称", &s.professional_title),
        ("（三）技能等级", &s.skill_level),
        ("（四）政治面貌", &s.political_status),
    ] {
        blocks.extend(distribution(t, shares));
    }
    blocks.extend(trend(&a, years));
    blocks.extend(retiring(&a));
    finish(
        &DocSpec {
            running_title: title,
            landscape: false,
            blocks,
        },
        opts,
    )
}

fn indicators(a: &Analysis) -> Vec<Block> {
    let s = &a.structure;
    let r = &a.retiring_within;
    let rows = vec![
        vec!["人数".into(), format!("{} 人", s.headcount)],
        vec!["平均年龄".into(), num(s.average_age, " 岁")],
        vec!["年龄中位数".into(), num(s.median_age, " 岁")],
        vec!["35岁及以下占比".into(), pct(s.share_35_and_under)],
        vec!["50岁及以上占比".into(), pct(s.share_50_and_over)],
        vec![
            "政工干部 / 后备人才".into(),
            format!("{} 人 / {} 人", s.cadres, s.reserves),
        ],
        vec![
            "后备人才与政工干部之比".into(),
            s.reserve_per_cadre
                .map_or("—（无政工干部）".into(), |x| format!("{x:.2}")),
        ],
        vec![
            "今后 1 / 3 / 5 年达到退休年龄".into(),
            format!("{} 人 / {} 人 / {} 人", r.within_1, r.within_3, r.within_5),
        ],
    ];
    vec![
        Block::Heading("一、主要指标".into()),
        table(
            &[("指标", 40.0, Align::Left), ("数值", 40.0, Align::Center)],
            rows,
        ),
    ]
}

fn warnings(a: &Analysis) -> Vec<Block> {
    let t = &a.config.thresholds;
    let mut blocks = vec![Block::Heading("二、预警".into())];
    if a.warnings.is_empty() {
        blocks.push(Block::Paragraph("未触发预警。".into()));
    }
    for w in &a.warnings {
        blocks.push(Block::Paragraph(format!("【{}】{}", w.title, w.message)));
    }
    blocks.push(Block::Paragraph(format!(
        "预警线：50岁及以上占比高于 {:.0}% 为老龄化；相邻有人的年龄段之间出现空档为断层；每名政工干部的后备人才少于 {} 名为后备不足；3 年内达到退休年龄的超过 {:.0}% 为退休高峰。",
        t.ageing_share_50 * 100.0,
        t.reserve_per_cadre,
        t.retirement_peak_share * 100.0
    )));
    blocks.push(Block::Space(4.0));
    blocks
}

fn pyramid(a: &Analysis) -> Vec<Block> {
    let s = &a.structure;
    let n = s.headcount.max(1) as f64;
    let mut rows: Vec<Vec<String>> = s
        .pyramid
        .iter()
        .map(|r| {
            let total = r.male + r.female;
            vec![
                r.label.clone(),
                r.male.to_string(),
                r.female.to_string(),
                total.to_string(),
                pct(Some(total as f64 / n)),
            ]
        })
        .collect();
    let males: i64 = s.pyramid.iter().map(|r| r.male).sum();
    let females: i64 = s.pyramid.iter().map(|r| r.female).sum();
    rows.push(vec![
        "合计".into(),
        males.to_string(),
        females.to_string(),
        s.headcount.to_string(),
        if s.headcount > 0 { "100.0%" } else { "—" }.into(),
    ]);
    vec![
        Block::Heading("三、年龄结构".into()),
        Block::Chart(Chart::Pyramid(
            s.pyramid
                .iter()
                .map(|r| (r.label.clone(), r.male, r.female))
                .collect(),
        )),
        table(
            &[
                ("年龄段", 30.0, Align::Center),
                ("男", 15.0, Align::Center),
                ("女", 15.0, Align::Center),
                ("合计", 15.0, Align::Center),
                ("占比", 20.0, Align::Center),
            ],
            rows,
        ),
    ]
}

fn trend(a: &Analysis, years: u32) -> Vec<Block> {
    let projected_from = a
        .trend
        .iter()
        .position(|p| p.projected)
        .unwrap_or(a.trend.len());
    let rows = a
        .trend
        .iter()
        .map(|p| {
            vec![
                p.label.clone(),
                chinese_date(p.date),
                p.headcount.to_string(),
                num(p.average_age, ""),
                pct(p.share_35_and_under),
                pct(p.share_50_and_over),
                if p.projected {
                    p.retired.to_string()
                } else {
                    "—".into()
                },
            ]
        })
        .collect();
    vec![
        Block::Heading(format!("五、近 {years} 年趋势与今后 {years} 年预测")),
        Block::Paragraph(a.outlook.clone()),
        Block::Paragraph("平均年龄（岁）：".into()),
        Block::Chart(Chart::Line {
            labels: a.trend.iter().map(|p| p.label.clone()).collect(),
            values: a.trend.iter().map(|p| p.average_age).collect(),
            projected_from,
            unit: "岁",
        }),
        table(
            &[
                ("时点", 14.0, Align::Center),
                ("日期", 24.0, Align::Center),
                ("人数", 10.0, Align::Center),
                ("平均年龄", 12.0, Align::Center),
                ("35岁及以下", 14.0, Align::Center),
                ("50岁及以上", 14.0, Align::Center),
                ("累计退休", 12.0, Align::Center),
            ],
            rows,
        ),
        Block::Paragraph(
            "历年数据按入职、离职日期回溯各年 12 月 31 日的在职人员；预测假定不补充新人，现有人员到法定退休日期即退出。"
                .into(),
        ),
        Block::Space(4.0),
    ]
}

fn retiring(a: &Analysis) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("六、今后五年达到法定退休年龄的人员".into())];
    if a.retiring.is_empty() {
        blocks.push(Block::Paragraph(
            "今后五年没有人员达到法定退休年龄。".into(),
        ));
    } else {
        blocks.push(table(
            &[
                ("单位", 40.0, Align::Left),
                ("1 年内", 14.0, Align::Center),
                ("3 年内", 14.0, Align::Center),
                ("5 年内", 14.0, Align::Center),
            ],
            a.retiring_by_unit
                .iter()
                .map(|u| {
                    vec![
                        u.unit_name.clone(),
                        u.counts.within_1.to_string(),
                        u.counts.within_3.to_string(),
                        u.counts.within_5.to_string(),
                    ]
                })
                .collect(),
        ));
        blocks.push(table(
            &[
                ("序号", 8.0, Align::Center),
                ("姓名", 14.0, Align::Center),
                ("工号", 14.0, Align::Center),
                ("单位", 30.0, Align::Left),
                ("法定退休年龄", 16.0, Align::Center),
                ("退休日期", 20.0, Align::Center),
            ],
            a.retiring
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        (i + 1).to_string(),
                        r.name.clone(),
                        r.employee_no.clone().unwrap_or_default(),
                        r.unit_name.clone(),
                        r.age.label(),
                        chinese_date(r.date),
                    ]
                })
                .collect(),
        ));
    }
    if a.retirement_category_missing > 0 {
        blocks.push(Block::Paragraph(format!(
            "另有 {} 名女职工未填退休类别（干部 / 工人），无法计算退休日期，请在人员档案中补填。",
            a.retirement_category_missing
        )));
    }
    if !a.overdue.is_empty() {
        let names: Vec<String> = a
            .overdue
            .iter()
            .map(|o| format!("{}（{}）", o.name, chinese_date(o.date)))
            .collect();
        blocks.push(Block::Paragraph(format!(
            "另有 {} 人已过法定退休日期仍登记为在职：{}。以上统计仍计入这些人员，请核实后办理退休。",
            a.overdue.len(),
            names.join("、")
        )));
    }
    blocks
}
