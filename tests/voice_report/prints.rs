//! The printed report and the 群众诉求上报单, read back with `pdftotext -layout`.

use std::path::Path;
use std::process::Command;

use qungong::pdf::{Document, PrintOptions};
use qungong::voice::report;

use crate::common::{branch, date};
use crate::{input, quarter};

fn opts() -> PrintOptions {
    PrintOptions::new(date("2026-10-15"))
}

/// Writes the PDF to a temp dir (and to $QUNGONG_PDF_OUT when set) and returns its text.
fn text_of(name: &str, doc: &Document) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
    }
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\u{c}').count(), doc.pages, "{name}: pages");
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
    (dir, text)
}

/// `text` without any whitespace (pdftotext spaces CJK text unevenly).
fn flat(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Asserts that `parts` appear in `text` in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for p in parts {
        let p = flat(p);
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => panic!("“{p}” not found (in order) in:\n{text}"),
        }
    }
}

#[test]
fn the_printed_report_has_its_period_figures_and_text_in_order() {
    let mut b = branch();
    quarter(&mut b);
    let station = b.station;
    let id =
        b.t.write(|tx| {
            report::save(
                tx,
                None,
                input("城关供电所2026年三季度职工思想动态分析报告", Some(station)),
            )
        })
        .unwrap();
    let doc = qungong::pdf::voice::opinion_report(b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("分析报告.pdf", &doc);
    let t = flat(&text);
    in_order(
        &t,
        &[
            "城关供电所2026年三季度职工思想动态分析报告",
            "单位：国网示范县供电公司 / 城关供电所",
            "打印日期：2026年10月15日",
            "统计期间：2026年7月1日至2026年9月30日",
            "一、总体情况",
            "本季度职工队伍思想总体稳定。",
            "群众诉求 4 件",
            "已受理 0 件，办理中 1 件，已答复 1 件，已办结 2 件",
            "按期答复率 50.0%（已答复 4 件，其中按期答复 2 件）",
            "超期未办结 2 件",
            "满意率 66.7%（评价 3 件：满意 1 件，基本满意 1 件，不满意 1 件）",
            "上报上级 0 件",
            "职工座谈会 1 次",
            "谈心谈话 3 人次；覆盖率 66.7%（在岗职工 3 人，已谈话 2 人）",
            "联系点走访 2 次；覆盖率 100.0%（联系点 1 个，已走访 1 个）",
            "诉求分类统计",
            "薪酬待遇 2 50.0%",
            "工作环境 2 50.0%",
            "合计 4 100.0%",
            "各单位诉求",
            "城关供电所 1 25.0%",
            "营业班 3 75.0%",
            "二、主要思想动态",
            "职工关注薪酬待遇和工作环境。",
            "部分职工对绩效考核有疑虑。",
            "本期登记思想动态与舆情 3 条；重大舆情未按时上报 2 条。",
            "等级 一般 1 33.3%",
            "等级 较大 0 0.0%",
            "等级 重大 2 66.7%",
            "趋势 平稳 2 66.7%",
            "趋势 升温 1 33.3%",
            "趋势 降温 0 0.0%",
            "职工关注的主要问题",
            "1 薪酬待遇 2 50.0%",
            "2 工作环境 2 50.0%",
            "三、原因分析",
            "（未填写）",
            "四、下一步措施",
            "落实夜班补助新标准，公开绩效考核结果。",
            "报告人（签字）",
            "审核人（签字）",
        ],
    );
    assert!(!t.contains("营销部"), "another unit's concerns");
}

#[test]
fn a_company_report_with_no_concerns_says_so() {
    let mut b = branch();
    let mut i = input("2025年一季度分析报告", None);
    i.period_from = date("2025-01-01");
    i.period_to = date("2025-03-31");
    i.overall = None;
    i.main_trends = None;
    i.next_steps = None;
    let id = b.t.write(|tx| report::save(tx, None, i)).unwrap();
    let doc = qungong::pdf::voice::opinion_report(b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("空报告.pdf", &doc);
    let t = flat(&text);
    in_order(
        &t,
        &[
            "单位：国网示范县供电公司",
            "期间：2025年1月1日至2025年3月31日",
            "一、总体情况",
            "（未填写）",
            "群众诉求 0 件",
            "按期答复率 —",
            "诉求分类统计",
            "本期未登记群众诉求。",
            "二、主要思想动态",
            "（未填写）",
            "三、原因分析",
            "（未填写）",
            "四、下一步措施",
            "（未填写）",
        ],
    );
    let e = qungong::pdf::voice::opinion_report(b.t.db.conn(), 9999, &opts()).unwrap_err();
    assert!(e.to_string().contains("未找到"), "{e}");
}

#[test]
fn the_escalation_form_prints_what_was_escalated_or_leaves_it_blank() {
    let mut b = branch();
    let d = quarter(&mut b);
    let conn = b.t.db.conn();
    let c = qungong::voice::concern::get(conn, d.escalated, date("2026-10-15")).unwrap();
    let doc = qungong::pdf::voice::concern_escalation(conn, d.escalated, &opts()).unwrap();
    let (_dir, text) = text_of("上报单.pdf", &doc);
    let number = qungong::voice::export::concern_number(&c.uid);
    assert_eq!(number.len(), 8);
    in_order(
        &flat(&text),
        &[
            "群众诉求上报单",
            &format!("编号：{number}"),
            "打印日期：2026年10月15日",
            "受理日期 2026年8月20日",
            "诉求来源 联系点走访",
            "提出人 赵六",
            "所属单位 营销部",
            "诉求类别 安全生产",
            "办理期限 2026年8月27日",
            // A tall row's text sits at its top, above its label's middle.
            "营业厅消防通道被杂物堵塞",
            "诉求内容",
            "办理单位 —",
            "责任人 —",
            "办理情况",
            "办理状态 已受理（已超期 49 天）",
            "满意度 —",
            "上报日期 2026年8月22日",
            "上报至 县公司工会",
            "涉及多个部门，需协调",
            "上报说明",
            "填报人（签字）",
            "单位负责人（签字）",
            "日期： 年 月 日",
        ],
    );

    // Never escalated, anonymous: printed with the 上报 fields blank.
    let doc = qungong::pdf::voice::concern_escalation(conn, d.anonymous, &opts()).unwrap();
    let (_dir, text) = text_of("上报单-匿名.pdf", &doc);
    in_order(
        &flat(&text),
        &[
            "提出人 匿名",
            "所属单位 —",
            "绩效考核结果不公开",
            "诉求内容",
            "上报日期 年 月 日",
            "上报至",
            "上报说明",
        ],
    );
    assert!(!text.contains("县公司工会"));
    let e = qungong::pdf::voice::concern_escalation(conn, 9999, &opts()).unwrap_err();
    assert!(e.to_string().contains("未找到"), "{e}");
}
