//! The prints (考核结果汇总表, 考核反馈表, 民主测评表, 公示, 荣誉名册) and the .xlsx exports
//! of 考核评价, read back.

use std::path::Path;

use crate::common::ok;
use crate::{branch, fails, json, published_round, s};

fn pdftotext(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
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

/// The row of `cells` holding `name`.
fn row_of<'a>(cells: &'a [Vec<String>], name: &str) -> &'a [String] {
    cells
        .iter()
        .find(|r| r.iter().any(|c| c == name))
        .unwrap_or_else(|| panic!("no row with {name}: {cells:?}"))
}

/// Prints `args` to `file` in `dir`; returns the pages and the text.
fn print(db: &Path, dir: &Path, file: &str, args: &[&str]) -> (u64, String) {
    let pdf = dir.join(file);
    let mut args = args.to_vec();
    args.extend(["-o", s(&pdf)]);
    let printed = json(db, &args);
    (printed["pages"].as_u64().unwrap(), pdftotext(&pdf))
}

#[test]
fn the_evaluation_documents_print_and_the_tables_export() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    let round = published_round(&db, dir);
    let r = round.as_str();
    // A 推优评先 round confirmed for 张三.
    let rec = json(
        &db,
        &[
            "recognition",
            "add",
            "--name",
            "2026年度优秀政工干部评选",
            "--title",
            "优秀政工干部",
            "--year",
            "2026",
            "--target",
            "个人",
            "--quota",
            "1",
            "--granted-by",
            "国网示范县供电公司",
        ],
    )["id"]
        .to_string();
    ok(
        &db,
        &[
            "recognition",
            "nominate",
            &rec,
            "--person",
            "张三",
            "--deeds",
            "组织形势任务宣讲12场",
        ],
    );
    ok(
        &db,
        &[
            "recognition",
            "nominate",
            &rec,
            "--person",
            "李四",
            "--deeds",
            "营业班党建",
        ],
    );
    ok(&db, &["recognition", "voting", &rec]);
    ok(
        &db,
        &[
            "recognition",
            "votes",
            &rec,
            "--votes",
            "张三=35",
            "--votes",
            "李四=20",
        ],
    );
    ok(
        &db,
        &[
            "recognition",
            "publicity",
            &rec,
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-07",
        ],
    );
    ok(&db, &["recognition", "confirm", &rec, "--on", "2026-12-08"]);

    let (_, text) = print(&db, dir, "汇总表.pdf", &["print", "eval-results", r]);
    assert!(
        text.contains("2026年第四季度政工干部考核结果汇总表"),
        "{text}"
    );
    let zhang = text.lines().find(|l| l.contains("张三")).unwrap();
    assert!(zhang.contains("95.80") && zhang.contains("优秀"), "{text}");
    assert!(text.find("张三").unwrap() < text.find("王五").unwrap());

    let (pages, text) = print(
        &db,
        dir,
        "反馈表.pdf",
        &["print", "eval-feedback", r, "--person", "张三"],
    );
    assert_eq!(pages, 1);
    assert!(
        text.contains("考核反馈表") && text.contains("张三"),
        "{text}"
    );
    let (pages, _) = print(&db, dir, "反馈表全部.pdf", &["print", "eval-feedback", r]);
    assert_eq!(pages, 4, "a page per subject");
    let err = fails(
        &db,
        &[
            "print",
            "eval-feedback",
            r,
            "--person",
            "周七",
            "-o",
            s(&dir.join("x.pdf")),
        ],
    );
    assert!(err.contains("周七"), "{err}");

    let (_, blank) = print(&db, dir, "测评表.pdf", &["print", "ballot-sheet", r]);
    assert!(
        blank.contains("民主测评") && blank.contains("张三"),
        "{blank}"
    );
    assert!(!blank.contains("100.00"), "blank: {blank}");
    let (_, filled) = print(
        &db,
        dir,
        "测评表已填.pdf",
        &["print", "ballot-sheet", r, "--filled"],
    );
    let zhang = filled.lines().find(|l| l.contains("张三")).unwrap();
    assert!(zhang.contains("100.00"), "{filled}");

    let (_, notice) = print(&db, dir, "公示.pdf", &["print", "recognition-notice", &rec]);
    assert!(
        notice.contains("公示") && notice.contains("优秀政工干部"),
        "{notice}"
    );
    assert!(
        notice.contains("张三") && !notice.contains("李四"),
        "{notice}"
    );

    let (_, roll) = print(
        &db,
        dir,
        "荣誉.pdf",
        &["print", "honours", "--year", "2026"],
    );
    assert!(roll.contains("荣誉名册") && roll.contains("张三"), "{roll}");

    // The exports.
    let xlsx = dir.join("考核结果.xlsx");
    let e = json(&db, &["export", "eval-results", r, "-o", s(&xlsx)]);
    assert_eq!(e["rows"], 4);
    let cells = xlsx_cells(&xlsx, e["sheets"][0].as_str().unwrap());
    let zhang = row_of(&cells, "张三");
    assert!(zhang.iter().any(|c| c == "95.8"), "{zhang:?}");
    assert!(zhang.iter().any(|c| c == "优秀"), "{zhang:?}");

    let xlsx = dir.join("候选人.xlsx");
    let e = json(
        &db,
        &["export", "recognition-candidates", &rec, "-o", s(&xlsx)],
    );
    assert_eq!(e["rows"], 2);
    let cells = xlsx_cells(&xlsx, e["sheets"][0].as_str().unwrap());
    assert!(
        row_of(&cells, "张三").iter().any(|c| c == "35"),
        "{cells:?}"
    );

    let xlsx = dir.join("荣誉.xlsx");
    let e = json(
        &db,
        &["export", "honours", "--unit", "城关供电所", "-o", s(&xlsx)],
    );
    assert_eq!(e["rows"], 1);
    let cells = xlsx_cells(&xlsx, e["sheets"][0].as_str().unwrap());
    assert!(
        row_of(&cells, "张三").iter().any(|c| c == "优秀政工干部"),
        "{cells:?}"
    );

    let xlsx = dir.join("历次考核.xlsx");
    let e = json(
        &db,
        &["export", "eval-history", "--person", "张三", "-o", s(&xlsx)],
    );
    assert_eq!(e["rows"], 1);
    let cells = xlsx_cells(&xlsx, e["sheets"][0].as_str().unwrap());
    let row = row_of(&cells, "2026年第四季度政工干部考核");
    assert!(row.iter().any(|c| c == "95.8"), "{row:?}");
}
