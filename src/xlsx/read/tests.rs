use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn every_typed_date_form_parses() {
    let day = DateValue::day(d("1985-03-12"));
    let month = DateValue::month(d("1985-03-01"));
    for s in [
        "1985-03-12",
        "1985/3/12",
        "1985.3.12",
        "19850312",
        "1985年3月12日",
        "1985年03月12号",
        " １９８５－０３－１２ ",
        "1985-03-12 00:00:00",
        "1985-3-12T08:30",
        "31118",
    ] {
        assert_eq!(parse_date_text(s), Ok(day), "{s}");
    }
    for s in [
        "1985.03",
        "1985.3",
        "1985-03",
        "1985/3",
        "1985年3月",
        "198503",
    ] {
        assert_eq!(parse_date_text(s), Ok(month), "{s}");
    }
    assert_eq!(
        parse_date_text("1985.10").unwrap().date,
        d("1985-10-01"),
        "as text, 1985.10 is October"
    );
}

#[test]
fn bad_dates_say_why() {
    assert_eq!(
        parse_date_text("1985-02-30").unwrap_err(),
        "“1985-02-30”不是有效日期，请写成 1985-03-12、1985.03 或 1985年3月12日 这样的形式"
    );
    assert_eq!(
        parse_date_text("1985").unwrap_err(),
        "“1985”只有年份，请补上月份（如 1985.03 或 1985-03-12）"
    );
    assert!(parse_date_text("85.3.12").unwrap_err().contains("两位"));
    assert_eq!(
        parse_date_text("0645.12").unwrap_err(),
        "“0645.12”的年份 645 不在 1900–2100 年之间，请核对"
    );
    assert!(parse_date_text("06451201").is_err());
    for s in [
        "abc",
        "1985-13",
        "1985..",
        "--",
        "1985-3-12-1",
        "１２３４５６７８９",
    ] {
        assert!(parse_date_text(s).is_err(), "{s}");
    }
}

#[test]
fn excel_serials_follow_the_1900_system_with_its_leap_year_bug() {
    assert_eq!(excel_serial_to_date(1.0), Some(d("1900-01-01")));
    assert_eq!(excel_serial_to_date(59.0), Some(d("1900-02-28")));
    assert_eq!(
        excel_serial_to_date(60.0),
        None,
        "1900-02-29 does not exist"
    );
    assert_eq!(excel_serial_to_date(61.0), Some(d("1900-03-01")));
    assert_eq!(excel_serial_to_date(31118.0), Some(d("1985-03-12")));
    assert_eq!(excel_serial_to_date(45943.541), Some(d("2025-10-13")));
    assert_eq!(excel_serial_to_date(0.0), None);
    assert_eq!(excel_serial_to_date(f64::NAN), None);
    assert_eq!(excel_serial_to_date(1e300), None);
}

#[test]
fn number_cells_are_serials_digits_or_year_dot_month() {
    let n = |v: f64| parse_date_value(&Cell::Number(v));
    assert_eq!(n(31118.0), Ok(DateValue::day(d("1985-03-12"))));
    assert_eq!(n(19850312.0), Ok(DateValue::day(d("1985-03-12"))));
    assert_eq!(n(198503.0), Ok(DateValue::month(d("1985-03-01"))));
    assert_eq!(n(1985.03), Ok(DateValue::month(d("1985-03-01"))));
    assert_eq!(n(1985.3), Ok(DateValue::month(d("1985-03-01"))));
    assert_eq!(n(1985.12), Ok(DateValue::month(d("1985-12-01"))));
    assert!(n(1985.1).unwrap_err().contains("1 月还是 10 月"));
    assert!(n(1985.0).unwrap_err().contains("只有年份"));
    assert!(n(1985.13).is_err());
    assert!(n(-3.0).is_err());
    assert!(n(19851312.0).is_err());
    let t = NaiveDate::from_ymd_opt(1985, 3, 12)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(parse_date_cell(&Cell::DateTime(t)), Ok(d("1985-03-12")));
    assert_eq!(parse_date_cell(&Cell::Empty), Err("为空".into()));
}

#[test]
fn csv_in_gbk_utf8_and_utf16_decodes_the_same() {
    let text = "职工花名册\n\n姓名,工号\n张三,10001\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    for (bytes, label) in [
        (gbk.to_vec(), "gbk"),
        (text.as_bytes().to_vec(), "utf8"),
        (bom, "bom"),
        (utf16, "utf16"),
    ] {
        let sheet = open_bytes(&bytes, "花名册.csv").unwrap();
        assert_eq!(sheet.name, "花名册", "{label}");
        assert_eq!(sheet.rows.len(), 4, "{label}");
        assert_eq!(sheet.cell(0, 0).text(), "职工花名册", "{label}");
        assert!(sheet.row_is_blank(1), "{label}: blank line kept as a row");
        assert_eq!(sheet.cell(3, 0).text(), "张三", "{label}");
        assert_eq!(sheet.cell(3, 1), &Cell::Text("10001".into()), "{label}");
    }
}

#[test]
fn semicolons_and_quoted_line_breaks() {
    let sheet = open_bytes("a;b\n\"x\ny\";2\nlast;3\n".as_bytes(), "t.csv").unwrap();
    assert_eq!(sheet.rows.len(), 3);
    assert_eq!(sheet.cell(1, 0).text(), "x\ny");
    assert_eq!(sheet.cell(2, 1).text(), "3");
}

#[test]
fn html_and_garbage_are_refused_clearly() {
    let err = open_bytes(b"<html><table><tr><td>1</td></tr></table></html>", "x.xls").unwrap_err();
    assert_eq!(err.code(), "import.html");
    let err = open_bytes(b"PK\x03\x04garbage", "x.xlsx").unwrap_err();
    assert_eq!(err.code(), "import.workbook");
    assert_eq!(open_bytes(b"", "x.csv").unwrap_err().code(), "import.empty");
    assert_eq!(
        open_bytes(b"abc", "x.pdf").unwrap_err().code(),
        "import.unsupported"
    );
}

#[test]
fn header_is_found_under_a_title() {
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum F {
        Name,
        No,
        Birth,
    }
    let aliases: &[(F, &[&str])] = &[
        (F::Name, &["姓名"]),
        (F::No, &["工号", "员工编号"]),
        (F::Birth, &["出生日期", "出生年月"]),
    ];
    let t = |s: &str| Cell::Text(s.into());
    let sheet = Sheet {
        name: "s".into(),
        rows: vec![
            vec![t("某某供电公司职工花名册")],
            vec![],
            vec![
                t("序号"),
                t("姓 名*"),
                t("员工编号"),
                t("出生年月\n(yyyy.mm)"),
                t("姓名"),
            ],
            vec![t("1"), t("张三"), t("10001")],
        ],
    };
    let h = find_header(&sheet, aliases, 2).unwrap();
    assert_eq!(h.index, 2);
    assert_eq!(h.column_of(F::Name), Some(1));
    assert_eq!(h.column_of(F::No), Some(2));
    assert_eq!(h.column_of(F::Birth), Some(3));
    assert_eq!(h.columns[0].key, None);
    assert_eq!(
        h.columns[4].key, None,
        "a repeated field goes to the first column"
    );
    assert!(find_header(&sheet, aliases, 4).is_none());
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(27), "AB");
}
