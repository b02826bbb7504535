use super::*;
use crate::codes::{Education, PoliticalStatus};

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn mapping(titles: &[&str]) -> Mapping {
    let sheet = Sheet {
        name: "s".into(),
        rows: vec![titles.iter().map(|s| t(s)).collect()],
    };
    mapping_at(&sheet, 0).unwrap()
}

#[test]
fn headers_map_to_fields_and_unit_columns_form_a_path() {
    let m = mapping(&[
        "序号",
        "员工编号",
        "姓 名",
        "出生年月",
        "身份证号码",
        "部门",
        "班组",
        "文化程度",
        "联系电话",
        "备注",
    ]);
    let fields: Vec<Option<Field>> = m.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            None,
            Some(Field::EmployeeNo),
            Some(Field::Name),
            Some(Field::BirthDate),
            Some(Field::IdNumber),
            Some(Field::Unit),
            Some(Field::Unit),
            Some(Field::Education),
            Some(Field::Phone),
            None
        ]
    );
    assert!(m.validate().is_ok());
    let row = normalize_row(
        &[
            t("1"),
            t("１０００１"),
            t(" 张  三 "),
            Cell::Number(1985.03),
            t("14010519850312001８"),
            t("营销部"),
            t("一班"),
            t("本科"),
            t("138-1234-5678"),
        ],
        &m,
    )
    .unwrap();
    assert_eq!(row.employee_no.as_deref(), Some("10001"));
    assert_eq!(row.name.as_deref(), Some("张三"));
    assert_eq!(row.unit_path, ["营销部", "一班"]);
    assert_eq!(row.phone.as_deref(), Some("13812345678"));
    assert_eq!(row.education, Some(Education::Bachelor));
    assert_eq!(row.birth_date.unwrap().precision, Precision::Month);
}

#[test]
fn row_problems_are_all_reported() {
    let m = mapping(&["工号", "姓名", "性别", "身份证号", "政治面貌", "入职时间"]);
    let errors = normalize_row(
        &[
            t("1"),
            t("李四"),
            t("女"),
            t("140105198503120018"),
            t("党员"),
            t("1985-02-30"),
        ],
        &m,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "入职时间“1985-02-30”不是有效日期，请写成 1985-03-12、1985.03 或 1985年3月12日 这样的形式",
            "性别与身份证号不一致：身份证号对应男，填写的是女",
        ]
    );
    let errors = normalize_row(
        &[
            t("1"),
            t("王五"),
            t(""),
            Cell::Number(1.401_051_985_031_2e17),
        ],
        &m,
    )
    .unwrap_err();
    assert!(errors[0].contains("存成了数字"), "{errors:?}");
    let ok = normalize_row(
        &[
            t("1"),
            t("王五"),
            t("—"),
            t("11010519491231002x"),
            t("共产党员"),
        ],
        &m,
    )
    .unwrap();
    assert_eq!(ok.political_status, Some(PoliticalStatus::CpcMember));
    assert_eq!(ok.id_number.unwrap().number, "11010519491231002X");
    assert_eq!(ok.gender, None, "a placeholder is blank");
}

#[test]
fn mapping_must_name_a_person() {
    let err = mapping(&["姓名", "部门"]).validate().unwrap_err();
    assert_eq!(err.to_string(), "请指定“工号”或“身份证号”所在的列");
    let mut m = mapping(&["姓名", "工号", "岗位", "职务"]);
    assert_eq!(
        m.columns[3].field, None,
        "职务 after 岗位 is left to the user"
    );
    m.columns[3].field = Some(Field::Position);
    assert!(matches!(
        m.validate(),
        Err(ImportError::DuplicateField("岗位", _))
    ));
}

#[test]
fn footer_and_note_rows_are_told_from_people() {
    let row = |cells: &[&str]| cells.iter().map(|s| t(s)).collect::<Vec<Cell>>();
    for (cells, word) in [
        (row(&["制表人：王芳", "", "审核：李军"]), "制表人"),
        (row(&["", "", "制 表 人:王芳"]), "制表人"),
        (row(&["审核人（签字）："]), "审核人"),
        (row(&["日期：2026年1月5日"]), "日期"),
        (row(&["填报日期：2026.01"]), "填报日期"),
        (row(&["合  计", "41人"]), "合计"),
        (row(&["小计：12 人"]), "小计"),
        (row(&["备注：身份证号请用文本格式"]), "备注"),
        (row(&["说明：本表由人资部提供"]), "说明"),
        (row(&["注：退休人员不列入"]), "注:"),
        (row(&["注1、在岗人员"]), "注"),
        (row(&["共 41 人"]), "共计"),
        (row(&["单位（盖章）"]), "单位(盖章)"),
        (row(&["部门负责人：赵六"]), "部门负责人"),
    ] {
        assert_eq!(footer_word(&cells), Some(word), "{cells:?}");
    }
    for cells in [
        vec![Cell::Number(1.0), t("张三"), t("140105198503120018")],
        row(&["注册安全工程师", "李四"]),
        row(&["共青团员"]),
        row(&["日月", "王五"]),
        vec![Cell::Empty, Cell::Number(41.0)],
    ] {
        assert_eq!(footer_word(&cells), None, "{cells:?}");
    }
    assert_eq!(
        row_text(&row(&["制表人：王芳", "", "  审核：  李军 "])),
        "制表人：王芳 审核： 李军"
    );
    let long = "本表所列人员均为截至二〇二六年一月一日在册在岗的全民合同制职工，不含劳务派遣人员和退休返聘人员";
    assert!(row_text(&row(&[long])).ends_with('…'));
    assert_eq!(filled_cells(&row(&["", "甲", " ", "乙"])), 2);
}
