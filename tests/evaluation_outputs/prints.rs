//! The printed 汇总表, 反馈表, 民主测评表, 公示 and 荣誉名册, read back with pdftotext.

use qungong::codes::{EvalMethod, RecognitionTarget};
use qungong::collate::NameOrder;
use qungong::evaluation::{
    HonourFilter, HonourInput, NominationInput, RecognitionInput, VoteInput, honour, recognition,
    round, system,
};
use qungong::pdf::PrintOptions;
use qungong::pdf::evaluation as print;
use qungong::pdf::job::{self, PrintJob};

use crate::common::date;
use crate::{
    data, in_feedback, in_order, indicator, page_size, pages, recognition_round, round_input,
    system_input, text_of,
};

fn opts() -> PrintOptions {
    PrintOptions::new(date("2026-10-15"))
}

#[test]
fn the_results_table_ranks_the_subjects_with_every_indicator_and_notes_the_quota() {
    let mut d = data();
    in_feedback(&mut d);
    let conn = d.b.t.db.conn();
    let doc = print::results(conn, d.round_id, &opts()).unwrap();
    assert_eq!(doc.pages, 1);
    // Three indicators: portrait.
    let (w, h) = page_size(&doc);
    assert!(w < h, "portrait: {w} × {h}");
    let (_dir, text) = text_of("考核结果汇总表.pdf", &doc);
    in_order(
        &text,
        &[
            "2026年第三季度政工干部考核结果汇总表",
            "考核类型：日常考核",
            "考核期间：2026年7月1日至2026年9月30日",
            "状态：结果反馈",
            "指标体系：政工干部考核指标（第1版）",
            "考核人数：4 人",
            "排名",
            "总分",
            "等级",
            "1 孙伟 营销部 95.00 96.00 98.00 96.20 优秀",
            "2 陈明 城关供电所 92.00 82.00 96.00 90.20 称职①",
            "3 刘芳 营业班 72.00 90.00 84.00 81.00 称职",
            "4 周敏 营销部 61.00 52.00 58.00 57.40 不称职",
            "注：",
            "①陈明：总分达优秀档，超出优秀名额（25%，1 名）",
            "说明：",
            "90 分及以上为优秀，75 分及以上为称职，60 分及以上为基本称职，60 分以下为不称职",
            "优秀人数不超过考核人数的 25%",
            "制表单位：国网示范县供电公司",
            "制表日期：2026年10月15日",
        ],
    );
    for header in ["思想政治工作", "（40）", "宣传工作", "（30）", "民主测评"] {
        assert!(text.contains(header), "{header}");
    }
    assert!(!text.contains("预览"));
    // No personal numbers: not even the 工号.
    assert!(!text.contains("20001"));
}

#[test]
fn a_round_not_yet_computed_prints_as_a_preview_without_totals() {
    let d = data();
    let conn = d.b.t.db.conn();
    let r = round::get(conn, d.round_id, crate::later()).unwrap();
    assert!(r.computed_at.is_none());
    let doc = print::results(conn, d.round_id, &opts()).unwrap();
    let (_dir, text) = text_of("预览.pdf", &doc);
    in_order(
        &text,
        &[
            "2026年第三季度政工干部考核结果汇总表",
            "（预览，尚未计算）",
            "— 陈明 城关供电所 92.00 82.00 96.00 — —",
            "本表为评分中的预览",
        ],
    );
    // Not ranked yet: every score as it stands, no rank.
    for row in [
        "— 刘芳 营业班 72.00 90.00 84.00 — —",
        "— 孙伟 营销部 95.00 96.00 98.00 — —",
        "— 周敏 营销部 61.00 52.00 58.00 — —",
    ] {
        assert!(crate::flat(&text).contains(&crate::flat(row)), "{row}");
    }
    assert!(!text.contains("96.20"), "no totals before computing");
}

#[test]
fn a_system_of_more_than_five_indicators_prints_landscape() {
    let mut d = data();
    let names = [
        "思想政治",
        "组织人事",
        "宣传工作",
        "统战工作",
        "群团工作",
        "作风建设",
    ];
    let weights = [20.0, 20.0, 15.0, 15.0, 15.0, 15.0];
    let indicators = names
        .iter()
        .zip(weights)
        .map(|(n, w)| indicator("综合", n, w, EvalMethod::Marks))
        .collect();
    let (chen, liu) = (d.chen, d.liu);
    let id =
        d.b.t
            .write(|tx| {
                let mut s = system_input(indicators);
                s.name = "六项指标".into();
                let system_id = system::save(tx, None, s)?;
                let id = round::save(tx, None, round_input("六项指标考核", system_id))?;
                round::add_subjects(
                    tx,
                    id,
                    &qungong::evaluation::SubjectPick {
                        unit_ids: Vec::new(),
                        person_ids: vec![chen, liu],
                    },
                )?;
                Ok(id)
            })
            .unwrap();
    let doc = print::results(d.b.t.db.conn(), id, &opts()).unwrap();
    let (w, h) = page_size(&doc);
    assert!(w > h, "landscape: {w} × {h}");
    let (_dir, text) = text_of("六项指标.pdf", &doc);
    for n in names {
        assert!(text.contains(n), "{n}");
    }
    in_order(&text, &["六项指标考核结果汇总表", "（预览，尚未计算）"]);
}

#[test]
fn the_feedback_form_is_a_page_per_subject_in_rank_order() {
    let mut d = data();
    in_feedback(&mut d);
    let conn = d.b.t.db.conn();
    let doc = print::feedback(conn, d.round_id, None, &opts()).unwrap();
    assert_eq!(doc.pages, 4, "one page per subject");
    let (_dir, text) = text_of("考核反馈表.pdf", &doc);
    let pages = pages(&text);
    assert_eq!(pages.len(), 4);
    for (page, name) in pages.iter().zip(["孙伟", "陈明", "刘芳", "周敏"]) {
        in_order(page, &["考核反馈表", &format!("姓名 {name}")]);
        let others = ["孙伟", "陈明", "刘芳", "周敏"]
            .into_iter()
            .filter(|n| *n != name);
        for other in others {
            assert!(!page.contains(other), "{other} on {name}'s page");
        }
    }
    in_order(
        pages[1],
        &[
            "考核反馈表",
            "姓名 陈明",
            "单位 城关供电所",
            "职务 党支部书记",
            "考核类型 日常考核",
            "考核名称 2026年第三季度政工干部考核",
            "考核期间 2026年7月1日至2026年9月30日",
            "指标",
            "权重",
            "得分",
            "计分依据",
            "思想政治工作 40 92.00",
            "宣传工作 30 82.00",
            "民主测评 30 96.00",
            "总分 90.20",
            "排名 第 2 名（共 4 人）",
            "等级 称职",
            "等级说明 总分达优秀档，超出优秀名额（25%，1 名）",
            "理论学习扎实，宣传工作有待加强。",
            "考核反馈",
            "无异议。",
            "（已于2026年10月20日确认考核结果）",
            "本人签字",
            "日期： 年 月 日",
        ],
    );
    in_order(
        pages[0],
        &["总分 96.20", "排名 第 1 名（共 4 人）", "等级 优秀"],
    );
    // Nothing written for 刘芳: the boxes are left to fill in by hand.
    in_order(
        pages[2],
        &["排名 第 3 名（共 4 人）", "考核反馈", "本人", "反馈意见"],
    );
    assert!(!pages[2].contains("已于"));

    // One person: one page.
    let doc = print::feedback(conn, d.round_id, Some(d.liu), &opts()).unwrap();
    assert_eq!(doc.pages, 1);
    let (_dir, text) = text_of("考核反馈表-刘芳.pdf", &doc);
    in_order(
        &text,
        &[
            "姓名 刘芳",
            "职务 政工专责",
            "总分 81.00",
            "排名 第 3 名（共 4 人）",
        ],
    );
    let e = print::feedback(conn, d.round_id, Some(d.b.zhang), &opts()).unwrap_err();
    assert!(e.to_string().contains("不在本次考核的对象中"), "{e}");
}

/// The lines of `text` that hold `name`.
fn line_of<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no line with {name}"))
}

#[test]
fn the_blank_ballot_sheet_has_no_counts_and_the_filled_one_has_them() {
    let d = data();
    let conn = d.b.t.db.conn();
    let mut o = opts();
    o.order = NameOrder::Pinyin;
    let doc = print::ballot_sheet(conn, d.round_id, false, &o).unwrap();
    let (_dir, blank) = text_of("民主测评表.pdf", &doc);
    in_order(
        &blank,
        &[
            "2026年第三季度政工干部考核民主测评表",
            "被测评人：4 人",
            "请在相应栏内划“√”，每名被测评人只能选择一项。",
            "序号 姓名 单位 职务 优秀 称职 基本称职 不称职",
            // 拼音: chen, liu, sun, zhou.
            "1 陈明 城关供电所 党支部书记",
            "2 刘芳 营业班 政工专责",
            "3 孙伟 营销部 宣传专责",
            "4 周敏 营销部 组织干事",
            "测评人（可不署名）",
            "日期： 年 月 日",
        ],
    );
    for name in ["陈明", "刘芳", "孙伟", "周敏"] {
        let line = line_of(&blank, name);
        let digits = line.chars().filter(char::is_ascii_digit).count();
        assert_eq!(digits, 1, "only the 序号 on a blank row: {line}");
    }
    assert!(!blank.contains("总票数"));
    assert!(!blank.contains("得分"));

    let doc = print::ballot_sheet(conn, d.round_id, true, &o).unwrap();
    let (_dir, filled) = text_of("民主测评统计表.pdf", &doc);
    in_order(
        &filled,
        &[
            "2026年第三季度政工干部考核民主测评统计表",
            "打印日期：2026年10月15日",
            "测评项目：民主测评",
            "序号 姓名 单位 职务 优秀 称职 基本称职 不称职 总票数 得分",
            "1 陈明 城关供电所 党支部书记 8 2 0 0 10 96.00",
            "2 刘芳 营业班 政工专责 4 4 2 0 10 84.00",
            "3 孙伟 营销部 宣传专责 9 1 0 0 10 98.00",
            "4 周敏 营销部 组织干事 1 3 4 2 10 58.00",
            "计分标准：优秀 100 分、称职 80 分、基本称职 60 分、不称职 0 分；得分 = Σ（票数 × 分值）÷ 总票数。",
            "计票人（签字）",
            "监票人（签字）",
        ],
    );
    assert!(!filled.contains("请在相应栏内"));
}

#[test]
fn a_ballot_sheet_needs_a_ballot_indicator() {
    let mut d = data();
    let id =
        d.b.t
            .write(|tx| {
                let mut s = system_input(vec![indicator(
                    "综合",
                    "综合评价",
                    100.0,
                    EvalMethod::Marks,
                )]);
                s.name = "只有打分".into();
                let system_id = system::save(tx, None, s)?;
                round::save(tx, None, round_input("无测评考核", system_id))
            })
            .unwrap();
    let e = print::ballot_sheet(d.b.t.db.conn(), id, false, &opts()).unwrap_err();
    assert!(
        e.to_string().contains("指标体系“只有打分”没有民主测评指标"),
        "{e}"
    );
}

#[test]
fn the_notice_lists_the_selected_with_the_period_and_is_refused_before_publicity() {
    let mut d = data();
    let id = recognition_round(&mut d);
    let e = print::recognition_notice(d.b.t.db.conn(), id, &opts()).unwrap_err();
    assert!(
        e.to_string()
            .contains("“2026年度优秀政工干部评选”目前为投票中，进入公示后才能打印公示"),
        "{e}"
    );
    let selected =
        d.b.t
            .write(|tx| {
                recognition::start_publicity(
                    tx,
                    id,
                    date("2026-12-01"),
                    date("2026-12-07"),
                    date("2026-12-01"),
                )
            })
            .unwrap();
    assert_eq!(selected, 2);
    let doc = print::recognition_notice(d.b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("公示.pdf", &doc);
    in_order(
        &text,
        &[
            "关于2026年度优秀政工干部评选结果的公示",
            "经推荐、民主投票，拟授予以下同志“优秀政工干部”称号，现予以公示。",
            "公示期：2026年12月1日至2026年12月7日。",
            "公示期间，如对公示对象有异议，请以书面或当面方式向国网示范县供电公司反映。",
            "序号 姓名 单位 主要事迹 得票",
            "陈明",
            "刘芳",
            "国网示范县供电公司",
            "2026年12月1日",
        ],
    );
    for part in [
        "组织开展形势任务宣讲12场",
        "全年谈心谈话46人次",
        "城关供电所",
        "营业班",
    ] {
        assert!(crate::flat(&text).contains(part), "{part}");
    }
    let votes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("30") || l.contains("25"))
        .collect();
    assert!(!votes.is_empty(), "votes printed");
    assert!(!text.contains("周敏"), "not selected");
    assert!(!text.contains("孙伟"), "not eligible");

    // Still printable once confirmed.
    d.b.t
        .write(|tx| recognition::confirm(tx, id, date("2026-12-08")))
        .unwrap();
    print::recognition_notice(d.b.t.db.conn(), id, &opts()).unwrap();
}

#[test]
fn a_notice_for_units_says_collective_and_names_the_party_office_by_default() {
    let mut d = data();
    let (team, station) = (d.b.team, d.b.station);
    let id =
        d.b.t
            .write(|tx| {
                let id = recognition::save(
                    tx,
                    None,
                    RecognitionInput {
                        name: "2026年度先进班组".into(),
                        honour_title: "先进班组".into(),
                        year: 2026,
                        target: RecognitionTarget::Unit,
                        quota: 1,
                        rules: Vec::new(),
                        granted_by: None,
                    },
                )?;
                let nom = recognition::nominate(
                    tx,
                    id,
                    NominationInput {
                        person_id: None,
                        unit_id: Some(team),
                        by_unit_id: Some(station),
                        deeds: "全年无安全事故。".into(),
                    },
                )?;
                recognition::start_voting(tx, id)?;
                recognition::set_votes(
                    tx,
                    id,
                    &[VoteInput {
                        nomination_id: nom,
                        votes: Some(18),
                    }],
                )?;
                recognition::start_publicity(
                    tx,
                    id,
                    date("2026-12-10"),
                    date("2026-12-16"),
                    date("2026-12-10"),
                )?;
                Ok(id)
            })
            .unwrap();
    let doc = print::recognition_notice(d.b.t.db.conn(), id, &opts()).unwrap();
    let (_dir, text) = text_of("公示-集体.pdf", &doc);
    in_order(
        &text,
        &[
            // The name says nothing of how: 评选 is added.
            "关于2026年度先进班组评选结果的公示",
            "拟授予以下集体“先进班组”称号",
            "公示期：2026年12月10日至2026年12月16日。",
            "向党委党建部反映",
            "序号 集体名称 单位 主要事迹 得票",
            "1 营业班 城关供电所 全年无安全事故。 18",
            "党委党建部",
            "2026年12月10日",
        ],
    );
    assert_eq!(
        print::notice_title("2026年度优秀政工干部评选"),
        "关于2026年度优秀政工干部评选结果的公示"
    );
}

#[test]
fn the_honours_roll_lists_what_the_filter_selects() {
    let mut d = data();
    let id = recognition_round(&mut d);
    let sun = d.sun;
    d.b.t
        .write(|tx| {
            recognition::start_publicity(
                tx,
                id,
                date("2026-12-01"),
                date("2026-12-07"),
                date("2026-12-01"),
            )?;
            recognition::confirm(tx, id, date("2026-12-08"))?;
            honour::add(
                tx,
                HonourInput {
                    person_id: Some(sun),
                    unit_id: None,
                    title: "优秀宣传工作者".into(),
                    year: 2025,
                    awarded_on: date("2026-01-15"),
                    granted_by: Some("市公司党委宣传部".into()),
                    note: None,
                },
            )
        })
        .unwrap();
    let conn = d.b.t.db.conn();
    let filter = HonourFilter {
        year: Some(2026),
        ..Default::default()
    };
    let doc = print::honours(conn, &filter, &opts()).unwrap();
    let (_dir, text) = text_of("荣誉名册.pdf", &doc);
    in_order(
        &text,
        &[
            "荣誉名册",
            "范围：2026年度 共 2 项",
            "打印日期：2026年10月15日",
            "序号 荣誉称号 年度 获得者 单位 授予单位 授予日期",
        ],
    );
    assert!(
        text.contains("优秀政工干部 2026 陈明 城关供电所 国网示范县供电公司 2026年12月8日")
            || crate::flat(&text)
                .contains("优秀政工干部2026陈明城关供电所国网示范县供电公司2026年12月8日"),
        "{text}"
    );
    assert!(
        crate::flat(&text).contains("优秀政工干部2026刘芳营业班国网示范县供电公司2026年12月8日")
    );
    assert!(!text.contains("孙伟"));

    let filter = HonourFilter {
        unit_id: Some(d.b.dept),
        ..Default::default()
    };
    let doc = print::honours(conn, &filter, &opts()).unwrap();
    let (_dir, text) = text_of("荣誉名册-营销部.pdf", &doc);
    in_order(
        &text,
        &[
            "范围：单位：营销部（含下级） 共 1 项",
            "1 优秀宣传工作者 2025 孙伟 营销部 市公司党委宣传部 2026年1月15日",
        ],
    );
    assert!(!text.contains("陈明"));
}

#[test]
fn print_jobs_render_the_documents_and_name_their_files() {
    let mut d = data();
    in_feedback(&mut d);
    let rec = recognition_round(&mut d);
    let conn = d.b.t.db.conn();
    let cases = [
        (
            PrintJob::EvalResults {
                round_id: d.round_id,
            },
            "考核结果汇总表-2026年第三季度政工干部考核.pdf",
        ),
        (
            PrintJob::EvalFeedback {
                round_id: d.round_id,
                person_id: None,
            },
            "考核反馈表-2026年第三季度政工干部考核.pdf",
        ),
        (
            PrintJob::EvalFeedback {
                round_id: d.round_id,
                person_id: Some(d.chen),
            },
            "考核反馈表-2026年第三季度政工干部考核-陈明.pdf",
        ),
        (
            PrintJob::BallotSheet {
                round_id: d.round_id,
                filled: false,
            },
            "民主测评表-2026年第三季度政工干部考核.pdf",
        ),
        (
            PrintJob::BallotSheet {
                round_id: d.round_id,
                filled: true,
            },
            "民主测评统计表-2026年第三季度政工干部考核.pdf",
        ),
        (
            PrintJob::Honours {
                filter: HonourFilter {
                    year: Some(2026),
                    unit_id: Some(d.b.station),
                    ..Default::default()
                },
            },
            "荣誉名册-2026年度-城关供电所.pdf",
        ),
    ];
    for (j, name) in cases {
        assert_eq!(job::file_name(conn, &j).unwrap(), name);
        let doc = job::render(conn, &j, &opts()).unwrap();
        assert!(doc.pages >= 1, "{name}");
    }
    let j = PrintJob::RecognitionNotice { round_id: rec };
    assert_eq!(
        job::file_name(conn, &j).unwrap(),
        "公示-2026年度优秀政工干部评选.pdf"
    );
    assert!(job::render(conn, &j, &opts()).is_err(), "not yet 公示");

    // As the UI sends them.
    let parsed: PrintJob =
        serde_json::from_str(r#"{"kind":"eval_feedback","round_id":3}"#).unwrap();
    assert_eq!(
        parsed,
        PrintJob::EvalFeedback {
            round_id: 3,
            person_id: None
        }
    );
    let parsed: PrintJob = serde_json::from_str(r#"{"kind":"ballot_sheet","round_id":3}"#).unwrap();
    assert_eq!(
        parsed,
        PrintJob::BallotSheet {
            round_id: 3,
            filled: false
        }
    );
    let parsed: PrintJob = serde_json::from_str(r#"{"kind":"honours"}"#).unwrap();
    assert_eq!(
        parsed,
        PrintJob::Honours {
            filter: HonourFilter::default()
        }
    );
    let e = job::file_name(conn, &PrintJob::EvalResults { round_id: 999 }).unwrap_err();
    assert!(e.to_string().contains("未找到考核"), "{e}");
}
