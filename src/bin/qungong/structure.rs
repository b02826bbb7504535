//! `qungong structure`: the team's structure (age pyramid, distributions, indicators,
//! warnings, trend and outlook, coming retirements).

use clap::Args;

use qungong::Result;
use qungong::structure::{self, Config};

use crate::Context;
use crate::args::AnalysisArgs;
use crate::output::{opt, out, percent, table};

#[derive(Args)]
pub struct StructureArgs {
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// 列出每个人的年龄和法定退休日期
    #[arg(long)]
    people: bool,
}

pub fn run(ctx: &Context, args: &StructureArgs) -> Result<()> {
    let db = ctx.open()?;
    let conn = db.conn();
    let q = args.analysis.scope.query(conn)?;
    let cfg = Config::load(conn)?;
    let a = structure::analyse(conn, &q, &cfg, args.analysis.years)?;
    let members = if args.people {
        Some(structure::members(conn, &q, &cfg, None)?)
    } else {
        None
    };
    let value = serde_json::json!({
        "structure": a.structure, "warnings": a.warnings, "retiring": a.retiring,
        "retiring_within": a.retiring_within, "retiring_by_unit": a.retiring_by_unit,
        "retirement_category_missing": a.retirement_category_missing, "overdue": a.overdue,
        "trend": a.trend, "outlook": a.outlook, "config": a.config, "people": members,
    });
    out(ctx.json, &value, || {
        let s = &a.structure;
        let num = |x: Option<f64>| x.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into());
        println!(
            "{}，统计日期 {}：{} 人，平均年龄 {} 岁，年龄中位数 {} 岁，35岁及以下 {}，50岁及以上 {}",
            q.population.label(),
            q.as_of,
            s.headcount,
            num(s.average_age),
            num(s.median_age),
            percent(s.share_35_and_under),
            percent(s.share_50_and_over)
        );
        println!(
            "政工干部 {} 人，后备人才 {} 人，后备人才与政工干部之比 {}",
            s.cadres,
            s.reserves,
            s.reserve_per_cadre
                .map(|x| format!("{x:.2}"))
                .unwrap_or_else(|| "—".into())
        );
        table(
            &["年龄段", "男", "女"],
            s.pyramid
                .iter()
                .map(|r| vec![r.label.clone(), r.male.to_string(), r.female.to_string()]),
        );
        for (title, shares) in [
            ("学历", &s.education),
            ("职称", &s.professional_title),
            ("技能等级", &s.skill_level),
            ("政治面貌", &s.political_status),
        ] {
            table(
                &[title, "人数", "占比"],
                shares
                    .iter()
                    .map(|x| vec![x.label.clone(), x.count.to_string(), percent(Some(x.share))]),
            );
        }
        table(
            &[
                "时点",
                "日期",
                "人数",
                "平均年龄",
                "35岁及以下",
                "50岁及以上",
                "累计退休",
            ],
            a.trend.iter().map(|p| {
                vec![
                    p.label.clone(),
                    p.date.to_string(),
                    p.headcount.to_string(),
                    num(p.average_age),
                    percent(p.share_35_and_under),
                    percent(p.share_50_and_over),
                    if p.projected {
                        p.retired.to_string()
                    } else {
                        "—".into()
                    },
                ]
            }),
        );
        println!("{}", a.outlook);
        let r = &a.retiring_within;
        println!(
            "今后退休：1 年内 {} 人，3 年内 {} 人，5 年内 {} 人{}",
            r.within_1,
            r.within_3,
            r.within_5,
            if a.retirement_category_missing > 0 {
                format!(
                    "（另有 {} 名女职工未填退休类别，无法计算）",
                    a.retirement_category_missing
                )
            } else {
                String::new()
            }
        );
        if !a.retiring_by_unit.is_empty() {
            table(
                &["单位", "1 年内", "3 年内", "5 年内"],
                a.retiring_by_unit.iter().map(|u| {
                    vec![
                        u.unit_name.clone(),
                        u.counts.within_1.to_string(),
                        u.counts.within_3.to_string(),
                        u.counts.within_5.to_string(),
                    ]
                }),
            );
        }
        for w in &a.warnings {
            println!("【{}】{}", w.title, w.message);
        }
        if !a.overdue.is_empty() {
            let names: Vec<String> = a
                .overdue
                .iter()
                .map(|o| format!("{}（{}）", o.name, o.date))
                .collect();
            println!(
                "【数据提醒】{} 人已过法定退休日期仍在职，档案可能漏办退休：{}。可用 qungong person retire 办理。",
                a.overdue.len(),
                names.join("、")
            );
        }
        if let Some(members) = &members {
            table(
                &[
                    "工号",
                    "姓名",
                    "单位",
                    "性别",
                    "年龄",
                    "法定退休年龄",
                    "退休日期",
                ],
                members.iter().map(|m| {
                    vec![
                        opt(&m.employee_no),
                        m.name.clone(),
                        m.unit_name.clone(),
                        m.gender.label().to_string(),
                        m.age.to_string(),
                        m.retirement_age
                            .clone()
                            .unwrap_or_else(|| "未填退休类别".into()),
                        m.retirement_date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "—".into()),
                    ]
                }),
            );
        }
    });
    Ok(())
}
