//! 职工名单 as .xlsx.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::collate::{NameOrder, sort_by_name};
use crate::error::Result;
use crate::people::{self, Person, PersonFilter};
use crate::structure::{self};
use crate::units;
use crate::xlsx::export::*;

/// Which staff and how (the people list's filter, the roster's order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PeopleExport {
    pub filter: PersonFilter,
    pub order: NameOrder,
    /// 身份证号, 手机 and the full birth date unmasked.
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub full: bool,
}

/// 职工名单: everyone matching the filter, in the chosen order. Masked unless `full`: the ID
/// and phone numbers keep only their ends and 出生日期 becomes 出生年月 (text "1985.03").
pub fn people(conn: &Connection, q: &PeopleExport, today: NaiveDate) -> Result<Export> {
    let mut staff: Vec<Person> = people::list(conn, &q.filter, 0, i64::MAX)?.items;
    let ranks = unit_ranks(conn)?;
    sort_by_name(
        &mut staff,
        q.order,
        |p| p.name.as_str(),
        |p| ranks.get(&p.unit_id).copied().unwrap_or(i64::MAX),
        |p| p.employee_no.as_deref().unwrap_or(""),
    );
    let scope = units::scope_name(conn, q.filter.unit_id)?;
    let birth = if q.full {
        "出生日期"
    } else {
        "出生年月"
    };
    let mut headers = vec![
        "序号",
        "工号",
        "姓名",
        "所在单位",
        "性别",
        birth,
        "年龄",
        "民族",
        "政治面貌",
        "学历",
        "职称",
        "技能等级",
        "岗位",
        "参加工作时间",
        "入职时间",
        "身份证号",
        "手机",
        "政工干部",
        "后备人才",
        "退休类别",
    ];
    let include_left = q.filter.include_left;
    if include_left {
        headers.extend(["状态", "离职日期", "离职原因"]);
    }
    let title = format!(
        "{scope}职工名单（{} 人，排序：{}；{}）",
        staff.len(),
        q.order.label(),
        exported_on(today)
    );
    let mut t = Table::new("职工名单", Some(title), &headers);
    for (i, p) in staff.into_iter().enumerate() {
        let p = if q.full { p } else { p.masked() };
        let birth = if q.full {
            Cell::Date(p.birth_date)
        } else {
            Cell::text(p.birth_date.format("%Y.%m").to_string())
        };
        let mut row = vec![
            Cell::Int(i as i64 + 1),
            Cell::opt_text(p.employee_no.as_deref()),
            Cell::text(&p.name),
            Cell::text(&p.unit_name),
            Cell::text(p.gender.label()),
            birth,
            Cell::Int(i64::from(structure::age_on(p.birth_date, today))),
            Cell::opt_text(p.ethnicity.map(|e| e.label())),
            Cell::opt_text(p.political_status.map(|s| s.label())),
            Cell::opt_text(p.education.map(|s| s.label())),
            Cell::opt_text(p.professional_title.as_deref()),
            Cell::opt_text(p.skill_level.map(|s| s.label())),
            Cell::opt_text(p.position.as_deref()),
            Cell::opt_date(p.work_start_date),
            Cell::opt_date(p.hire_date),
            Cell::opt_text(p.id_number.as_deref()),
            Cell::opt_text(p.phone.as_deref()),
            yes(p.political_cadre),
            yes(p.reserve_talent),
            Cell::opt_text(p.retirement_category.map(|c| c.label())),
        ];
        if include_left {
            row.extend([
                Cell::text(p.status_label()),
                Cell::opt_date(p.left_date),
                Cell::opt_text(p.leave_reason.as_deref()),
            ]);
        }
        t.rows.push(row);
    }
    finish(vec![t], &format!("职工名单-{scope}"))
}
