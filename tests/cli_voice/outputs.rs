//! The prints (群众诉求上报单, the report) and the lists' .xlsx exports, read back.

use std::path::Path;

use crate::common::ok;
use crate::{branch, fails, json};

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Every cell of `sheet`, as text, row by row.
fn xlsx_cells(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_escalation_sheet_and_the_report_print_and_the_lists_export() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    ok(
        &db,
        &[
            "concern",
            "add",
            "--date",
            "2026-11-20",
            "--source",
            "联系点走访",
            "--raiser",
            "集体",
            "--group",
            "营业班全体职工",
            "--unit",
            "营业班",
            "--category",
            "工作环境",
            "--content",
            "班组休息室空调损坏",
        ],
    );
    ok(
        &db,
        &[
            "concern",
            "escalate",
            "1",
            "--to",
            "公司后勤部",
            "--note",
            "需公司统一采购",
            "--date",
            "2026-11-21",
        ],
    );
    let pdf = dir.join("上报单.pdf");
    let printed = json(
        &db,
        &[
            "print",
            "concern-escalation",
            "1",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    let text = pdftotext(&pdf);
    for want in [
        "群众诉求上报单",
        "班组休息室空调损坏",
        "公司后勤部",
        "需公司统一采购",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let err = fails(
        &db,
        &[
            "print",
            "concern-escalation",
            "99",
            "-o",
            dir.join("无.pdf").to_str().unwrap(),
        ],
    );
    assert!(err.starts_with("错误："), "{err}");

    ok(
        &db,
        &[
            "report",
            "save",
            "--title",
            "第四季度职工思想动态分析报告",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
        ],
    );
    let report = dir.join("分析报告.pdf");
    ok(
        &db,
        &[
            "print",
            "opinion-report",
            "1",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&report);
    assert!(text.contains("第四季度职工思想动态分析报告"), "{text}");

    let xlsx = dir.join("群众诉求.xlsx");
    let exported = json(
        &db,
        &[
            "export",
            "concerns",
            "--category",
            "工作环境",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(exported["rows"], 1, "{exported}");
    assert!(xlsx.exists());
    let sheet = exported["sheets"][0].as_str().unwrap().to_string();
    let cells = xlsx_cells(&xlsx, &sheet);
    assert!(
        cells.iter().flatten().any(|c| c == "班组休息室空调损坏"),
        "{cells:?}"
    );

    // A talks export carries the summaries only when asked.
    let secret = "想调回老家附近的供电所";
    ok(
        &db,
        &[
            "talk",
            "add",
            "--date",
            "2026-11-12",
            "--talker",
            "10001",
            "--with",
            "王五",
            "--kind",
            "岗位调整",
            "--topic",
            "工作安排",
            "--summary",
            secret,
        ],
    );
    let talks = dir.join("谈心谈话.xlsx");
    let exported = json(&db, &["export", "talks", "-o", talks.to_str().unwrap()]);
    let sheet = exported["sheets"][0].as_str().unwrap().to_string();
    let cells = xlsx_cells(&talks, &sheet);
    assert!(cells.iter().flatten().any(|c| c == "工作安排"), "{cells:?}");
    assert!(!cells.iter().flatten().any(|c| c.contains(secret)));
    ok(
        &db,
        &[
            "export",
            "talks",
            "--summaries",
            "-o",
            talks.to_str().unwrap(),
        ],
    );
    let cells = xlsx_cells(&talks, &sheet);
    assert!(cells.iter().flatten().any(|c| c.contains(secret)));
    let audit = ok(&db, &["audit"]);
    assert!(audit.contains("导出谈话内容"), "{audit}");

    for (what, extra) in [
        ("opinions", &[][..]),
        ("visits", &[][..]),
        (
            "contact-coverage",
            &["--year", "2026", "--quarter", "4"][..],
        ),
        (
            "talk-coverage",
            &["--from", "2026-01-01", "--to", "2026-12-31"][..],
        ),
    ] {
        let path = dir.join(format!("{what}.xlsx"));
        let args = [
            &["export", what][..],
            extra,
            &["-o", path.to_str().unwrap()],
        ]
        .concat();
        ok(&db, &args);
        assert!(path.exists(), "{what}");
    }
}
