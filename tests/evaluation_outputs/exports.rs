//! The .xlsx exports read back with calamine.

use qungong::evaluation::{HonourFilter, export, recognition, round};
use qungong::voice::Viewer;
use qungong::xlsx::job::{self, ExportJob};

use crate::common::{date, xlsx_rows};
use crate::{data, in_feedback, later, recognition_round};

/// The data rows (under the title and the headers) whose column `header` holds `key`, as
/// header → value.
fn rows_where<'a>(
    rows: &'a [Vec<String>],
    header: &str,
    key: &str,
) -> Vec<Vec<(&'a str, &'a str)>> {
    let headers = &rows[1];
    let col = headers.iter().position(|h| h == header).unwrap();
    rows[2..]
        .iter()
        .filter(|r| r[col] == key)
        .map(|row| {
            headers
                .iter()
                .map(String::as_str)
                .zip(row.iter().map(String::as_str))
                .collect()
        })
        .collect()
}

fn row_where<'a>(rows: &'a [Vec<String>], header: &str, key: &str) -> Vec<(&'a str, &'a str)> {
    let mut found = rows_where(rows, header, key);
    assert_eq!(found.len(), 1, "rows with {header} = {key}");
    found.remove(0)
}

fn value<'a>(row: &[(&str, &'a str)], header: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| *h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
        .1
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_results_export_has_every_indicator_the_feedback_and_the_bases() {
    let mut d = data();
    in_feedback(&mut d);
    let conn = d.b.t.db.conn();
    let e = export::results(conn, d.round_id, later()).unwrap();
    assert_eq!(e.file_name, "考核结果-2026年第三季度政工干部考核.xlsx");
    assert_eq!(e.sheets, strings(&["考核结果", "计分依据"]));
    assert_eq!(e.rows, 4);
    let rows = xlsx_rows(&e, "考核结果");
    assert_eq!(
        rows[0][0],
        "2026年第三季度政工干部考核结果（日常考核，2026年7月1日至2026年9月30日；结果反馈；指标体系：政工干部考核指标 第1版；导出日期：2026年10月15日）"
    );
    assert_eq!(
        rows[1],
        strings(&[
            "排名",
            "姓名",
            "工号",
            "单位",
            "职务",
            "思想政治工作（40）",
            "宣传工作（30）",
            "民主测评（30）",
            "总分",
            "等级",
            "等级说明",
            "考核反馈",
            "本人反馈意见",
            "确认时间",
        ])
    );
    let names: Vec<&str> = rows[2..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["孙伟", "陈明", "刘芳", "周敏"]);
    assert_eq!(
        rows[3],
        strings(&[
            "2",
            "陈明",
            "20001",
            "城关供电所",
            "党支部书记",
            "92",
            "82",
            "96",
            "90.2",
            "称职",
            "总分达优秀档，超出优秀名额（25%，1 名）",
            "理论学习扎实，宣传工作有待加强。",
            "无异议。",
            "2026-10-20 09:30",
        ])
    );
    assert_eq!(
        rows[5][..11],
        strings(&[
            "4",
            "周敏",
            "20004",
            "营销部",
            "组织干事",
            "61",
            "52",
            "58",
            "57.4",
            "不称职",
            "",
        ])[..]
    );

    // 计分依据: a row per subject and indicator, each basis as the round shows it.
    let bases = xlsx_rows(&e, "计分依据");
    assert_eq!(
        bases[1],
        strings(&[
            "排名",
            "姓名",
            "工号",
            "单位",
            "类别",
            "指标",
            "权重",
            "计分方式",
            "数据",
            "得分",
            "计分依据",
        ])
    );
    assert_eq!(bases.len(), 2 + 4 * 3);
    let r = round::get(conn, d.round_id, later()).unwrap();
    let chen = r.subjects.iter().find(|s| s.name == "陈明").unwrap();
    let ballot = chen
        .scores
        .iter()
        .find(|s| s.indicator_id == d.indicators.2)
        .unwrap();
    let chen_rows = rows_where(&bases, "姓名", "陈明");
    assert_eq!(chen_rows.len(), 3);
    let row = chen_rows
        .iter()
        .find(|r| value(r, "指标") == "民主测评")
        .unwrap();
    assert_eq!(value(row, "权重"), "30");
    assert_eq!(value(row, "计分方式"), "民主测评");
    assert_eq!(value(row, "数据"), "96");
    assert_eq!(value(row, "得分"), "96");
    assert_eq!(value(row, "计分依据"), ballot.basis);
    assert!(!ballot.basis.is_empty());
}

#[test]
fn the_candidates_export_shows_each_rule_votes_and_selection() {
    let mut d = data();
    let id = recognition_round(&mut d);
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
    let conn = d.b.t.db.conn();
    let e = export::recognition_candidates(conn, id, date("2026-12-02")).unwrap();
    assert_eq!(e.file_name, "推优评先候选人-2026年度优秀政工干部评选.xlsx");
    let rows = xlsx_rows(&e, "候选人");
    assert_eq!(
        rows[0][0],
        "2026年度优秀政工干部评选候选人（2026年度，优秀政工干部，名额 2；公示中；导出日期：2026年12月2日）"
    );
    assert_eq!(
        rows[1],
        strings(&[
            "序号",
            "姓名",
            "单位",
            "推荐单位",
            "主要事迹",
            "在职",
            "政工干部",
            "是否符合条件",
            "得票",
            "排名",
            "是否当选",
            "说明",
            "撤回原因",
        ])
    );
    assert_eq!(rows.len(), 2 + 4);
    let chen = row_where(&rows, "姓名", "陈明");
    assert_eq!(value(&chen, "单位"), "城关供电所");
    assert_eq!(value(&chen, "推荐单位"), "城关供电所");
    assert_eq!(
        value(&chen, "主要事迹"),
        "组织开展形势任务宣讲12场，覆盖职工300余人次。"
    );
    assert!(value(&chen, "在职").starts_with("符合"));
    assert!(value(&chen, "政工干部").starts_with("符合"));
    assert_eq!(value(&chen, "是否符合条件"), "是");
    assert_eq!(value(&chen, "得票"), "30");
    assert_eq!(value(&chen, "排名"), "1");
    assert_eq!(value(&chen, "是否当选"), "是");
    let zhou = row_where(&rows, "姓名", "周敏");
    assert_eq!(value(&zhou, "得票"), "10");
    assert_eq!(value(&zhou, "排名"), "3");
    assert_eq!(value(&zhou, "是否当选"), "");
    // Not eligible: shown with the reason, not hidden.
    let sun = row_where(&rows, "姓名", "孙伟");
    assert!(value(&sun, "政工干部").starts_with("不符合"), "{sun:?}");
    assert_eq!(value(&sun, "是否符合条件"), "否");
    assert_eq!(value(&sun, "得票"), "");
    assert_eq!(value(&sun, "是否当选"), "");
}

#[test]
fn the_honours_and_history_exports() {
    let mut d = data();
    in_feedback(&mut d);
    let id = recognition_round(&mut d);
    d.b.t
        .write(|tx| {
            recognition::start_publicity(
                tx,
                id,
                date("2026-12-01"),
                date("2026-12-07"),
                date("2026-12-01"),
            )?;
            recognition::confirm(tx, id, date("2026-12-08"))
        })
        .unwrap();
    let conn = d.b.t.db.conn();
    let filter = HonourFilter {
        year: Some(2026),
        ..Default::default()
    };
    let e = export::honours(conn, &filter, date("2026-12-10")).unwrap();
    assert_eq!(e.file_name, "荣誉名册-2026年度.xlsx");
    let rows = xlsx_rows(&e, "荣誉");
    assert_eq!(
        rows[0][0],
        "荣誉名册（2026年度，共 2 项；导出日期：2026年12月10日）"
    );
    assert_eq!(
        rows[1],
        strings(&[
            "序号",
            "荣誉称号",
            "年度",
            "获得者",
            "类别",
            "单位",
            "授予单位",
            "授予日期",
            "来源",
            "备注",
        ])
    );
    let liu = row_where(&rows, "获得者", "刘芳");
    assert_eq!(
        liu[1..],
        [
            ("荣誉称号", "优秀政工干部"),
            ("年度", "2026"),
            ("获得者", "刘芳"),
            ("类别", "个人"),
            ("单位", "营业班"),
            ("授予单位", "国网示范县供电公司"),
            ("授予日期", "2026-12-08"),
            ("来源", "推优评先"),
            ("备注", ""),
        ]
    );

    let e = export::history(conn, d.chen, date("2026-12-10")).unwrap();
    assert_eq!(e.file_name, "考核记录-陈明.xlsx");
    let rows = xlsx_rows(&e, "考核记录");
    assert_eq!(
        rows[0][0],
        "陈明（城关供电所）考核记录（1 次；导出日期：2026年12月10日）"
    );
    assert_eq!(
        rows[1..],
        [
            strings(&[
                "序号",
                "考核名称",
                "考核类型",
                "起始日期",
                "截止日期",
                "状态",
                "总分",
                "排名",
                "参评人数",
                "等级",
            ]),
            strings(&[
                "1",
                "2026年第三季度政工干部考核",
                "日常考核",
                "2026-07-01",
                "2026-09-30",
                "结果反馈",
                "90.2",
                "2",
                "4",
                "称职",
            ]),
        ]
    );
}

#[test]
fn export_jobs_make_the_workbooks() {
    let mut d = data();
    in_feedback(&mut d);
    let rec = recognition_round(&mut d);
    let conn = d.b.t.db.conn();
    let cases = [
        (
            ExportJob::EvalResults {
                round_id: d.round_id,
            },
            "考核结果-2026年第三季度政工干部考核.xlsx",
        ),
        (
            ExportJob::RecognitionCandidates { round_id: rec },
            "推优评先候选人-2026年度优秀政工干部评选.xlsx",
        ),
        (
            ExportJob::Honours {
                filter: HonourFilter::default(),
            },
            "荣誉名册.xlsx",
        ),
        (
            ExportJob::EvalHistory { person_id: d.liu },
            "考核记录-刘芳.xlsx",
        ),
    ];
    for (j, name) in cases {
        let e = job::render(conn, &j, later(), Viewer::ADMIN).unwrap();
        assert_eq!(e.file_name, name);
    }
    let parsed: ExportJob =
        serde_json::from_str(r#"{"kind":"recognition_candidates","round_id":5}"#).unwrap();
    assert_eq!(parsed, ExportJob::RecognitionCandidates { round_id: 5 });
    let parsed: ExportJob = serde_json::from_str(r#"{"kind":"honours"}"#).unwrap();
    assert_eq!(
        parsed,
        ExportJob::Honours {
            filter: HonourFilter::default()
        }
    );
}
