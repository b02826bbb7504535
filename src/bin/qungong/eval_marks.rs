//! One evaluator's marks read from a sheet (CSV, .xlsx, .xls, WPS): a header naming 姓名 (or
//! 工号) and one column per 评委打分 indicator, then a row per subject. Empty cells are not
//! marks; every faulty cell is reported by its row and column, and nothing is written then.

use std::collections::HashMap;
use std::path::Path;

use qungong::codes::EvalMethod;
use qungong::evaluation::{MarkInput, RoundDetail, score};
use qungong::xlsx::read::{self, Sheet, column_letter, find_header, normalize_header};
use qungong::{Error, Result};

const FIELD: &str = "打分表";

/// Reported at most, so a wrong file does not flood the terminal.
const MAX_ERRORS: usize = 20;

/// Columns a sheet may carry besides the names and the marks.
const IGNORED: &[&str] = &[
    "序号",
    "编号",
    "单位",
    "部门",
    "班组",
    "单位部门",
    "岗位",
    "职务",
    "备注",
    "总分",
    "合计",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Name,
    EmployeeNo,
    /// Index into the round's indicators.
    Indicator(usize),
}

/// The marks of the sheet at `path` for the subjects of round `d`.
pub fn read_marks(path: &Path, d: &RoundDetail) -> Result<Vec<MarkInput>> {
    let sheet = read::open(path)?;
    parse(&sheet, d)
}

fn parse(sheet: &Sheet, d: &RoundDetail) -> Result<Vec<MarkInput>> {
    let indicators = &d.system.indicators;
    let marked: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].input.method == EvalMethod::Marks)
        .collect();
    let offered = marked
        .iter()
        .map(|&i| indicators[i].input.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    if marked.is_empty() {
        return Err(Error::invalid(FIELD, "本次考核的指标体系没有评委打分指标"));
    }
    let mut aliases: Vec<(Col, Vec<&str>)> = vec![
        (Col::Name, vec!["姓名", "考核对象", "被考核人"]),
        (Col::EmployeeNo, vec!["工号", "员工编号"]),
    ];
    aliases.extend(
        marked
            .iter()
            .map(|&i| (Col::Indicator(i), vec![indicators[i].input.name.as_str()])),
    );
    let aliases: Vec<(Col, &[&str])> = aliases.iter().map(|(k, v)| (*k, v.as_slice())).collect();
    let Some(header) = find_header(sheet, &aliases, 1) else {
        return Err(Error::invalid(
            FIELD,
            format!("找不到表头：应有“姓名”（或“工号”）列和评委打分指标的列（{offered}）"),
        ));
    };
    let head_row = header.index + 1;
    let (name_col, no_col) = (
        header.column_of(Col::Name),
        header.column_of(Col::EmployeeNo),
    );
    if name_col.is_none() && no_col.is_none() {
        return Err(Error::invalid(
            FIELD,
            format!("表头（第 {head_row} 行）缺少“姓名”或“工号”列"),
        ));
    }
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for c in &header.columns {
        match c.key {
            Some(Col::Indicator(i)) => columns.push((c.index, i)),
            Some(_) => {}
            None => {
                let title = normalize_header(&c.title);
                let at = format!(
                    "表头第 {head_row} 行 {} 列“{}”",
                    column_letter(c.index),
                    c.title
                );
                if marked
                    .iter()
                    .any(|&i| normalize_header(&indicators[i].input.name) == title)
                {
                    return Err(Error::invalid(FIELD, format!("{at}与前面的列重复")));
                }
                if let Some(i) = indicators
                    .iter()
                    .find(|i| normalize_header(&i.input.name) == title)
                {
                    return Err(Error::invalid(
                        FIELD,
                        format!(
                            "{at}的计分方式是{}，不由评委打分；评委打分的指标：{offered}",
                            i.input.method
                        ),
                    ));
                }
                if !IGNORED.iter().any(|n| normalize_header(n) == title) {
                    return Err(Error::invalid(
                        FIELD,
                        format!("{at}不是本次考核的评委打分指标；评委打分的指标：{offered}"),
                    ));
                }
            }
        }
    }
    if columns.is_empty() {
        return Err(Error::invalid(
            FIELD,
            format!("表头（第 {head_row} 行）没有评委打分指标的列（{offered}）"),
        ));
    }

    let mut errors: Vec<String> = Vec::new();
    let mut marks = Vec::new();
    // Subject → the row it was first on.
    let mut seen: HashMap<i64, usize> = HashMap::new();
    for r in header.index + 1..sheet.rows.len() {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        if sheet.row_is_blank(r) {
            continue;
        }
        let row = r + 1;
        let name = name_col
            .map(|c| sheet.cell(r, c).text())
            .unwrap_or_default();
        let no = no_col.map(|c| sheet.cell(r, c).text()).unwrap_or_default();
        let found = if !no.is_empty() {
            d.subjects
                .iter()
                .find(|s| s.employee_no.as_deref() == Some(no.as_str()))
                .ok_or_else(|| format!("第 {row} 行：工号“{no}”不是本次考核的对象"))
        } else if !name.is_empty() {
            let named: Vec<_> = d.subjects.iter().filter(|s| s.name == name).collect();
            match named.as_slice() {
                [s] => Ok(*s),
                [] => Err(format!("第 {row} 行：“{name}”不是本次考核的对象")),
                _ => Err(format!(
                    "第 {row} 行：本次考核有 {} 人名为“{name}”，请加“工号”列区分",
                    named.len()
                )),
            }
        } else {
            Err(format!("第 {row} 行：没有填姓名"))
        };
        let subject = match found {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(first) = seen.insert(subject.person_id, row) {
            errors.push(format!(
                "第 {row} 行：{}已在第 {first} 行出现",
                subject.name
            ));
            continue;
        }
        for &(c, i) in &columns {
            let text = sheet.cell(r, c).text();
            if text.is_empty() {
                continue;
            }
            match score::parse_mark(&text) {
                Ok(mark) => marks.push(MarkInput {
                    person_id: subject.person_id,
                    indicator_id: indicators[i].id,
                    mark: Some(mark),
                }),
                Err(e) => {
                    let reason = match e {
                        Error::Invalid { message, .. } => message,
                        other => other.to_string(),
                    };
                    errors.push(format!(
                        "第 {row} 行 {} 列（{}）“{text}”：{reason}",
                        column_letter(c),
                        indicators[i].input.name
                    ));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::invalid(FIELD, errors.join("；")));
    }
    if marks.is_empty() {
        return Err(Error::invalid(FIELD, "表中没有分数"));
    }
    Ok(marks)
}
