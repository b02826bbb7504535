//! 审计: reading the audit trail (who did what, when, and which fields of which records
//! changed). The trail is written by [`crate::Db::transact`] only and SQL triggers refuse to
//! change or delete it (migration 0008); this module only reads it.

use rusqlite::{Connection, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};

use crate::Action;
use crate::error::Result;

/// The filter of the 审计 screen and its export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AuditQuery {
    /// Who acted (the account name, exactly).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actor: Option<String>,
    /// The action's code (`person.edit`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub action: Option<String>,
    /// From this day (YYYY-MM-DD), inclusive.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from: Option<String>,
    /// To this day (YYYY-MM-DD), inclusive.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to: Option<String>,
    /// The record concerned: its table (`person`) …
    #[cfg_attr(feature = "ts", ts(optional))]
    pub table: Option<String>,
    /// … and id.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub record_id: Option<i64>,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditPage {
    pub total: i64,
    pub rows: Vec<AuditRow>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub detail: String,
    pub changes: Vec<AuditChange>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditChange {
    pub table: String,
    pub table_label: String,
    pub record_id: i64,
    /// 新增 / 修改 / 删除.
    pub op: String,
    pub fields: Vec<AuditField>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditField {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An action for the screen's filter.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionInfo {
    pub code: &'static str,
    pub label: &'static str,
}

/// Every action, in the filter's order.
pub fn actions() -> Vec<ActionInfo> {
    Action::ALL
        .iter()
        .map(|a| ActionInfo {
            code: a.code(),
            label: a.label(),
        })
        .collect()
}

/// The Chinese name of a table.
pub fn table_label(table: &str) -> &str {
    match table {
        "person" => "职工",
        "unit" => "单位",
        "activity" => "活动",
        "attendance" => "考勤",
        "setting" => "设置",
        "account" => "账号",
        "activity_file" => "活动照片或附件",
        "activity_file_data" => "附件内容",
        other => other,
    }
}

/// The Chinese name of a field of `table`.
pub fn field_label<'a>(table: &str, field: &'a str) -> &'a str {
    match field {
        "name" if table != "person" && table != "activity_file" => "名称",
        "employee_no" => "工号",
        "name" => "姓名",
        "gender" => "性别",
        "birth_date" => "出生日期",
        "id_number" => "身份证号",
        "ethnicity" => "民族",
        "political_status" => "政治面貌",
        "education" => "学历",
        "professional_title" => "职称",
        "title_level" => "职称等级",
        "title_series" => "职称系列",
        "skill_level" => "技能等级",
        "position" => "岗位",
        "unit_id" => "单位",
        "parent_id" => "上级单位",
        "work_start_date" => "参加工作时间",
        "hire_date" => "入职时间",
        "phone" => "手机",
        "political_cadre" => "政工干部",
        "reserve_talent" => "后备人才",
        "retirement_category" => "退休类别",
        "left_date" => "离职日期",
        "leave_reason" => "离职原因",
        "kind" => "类型",
        "mode" => "形式",
        "title" => "标题",
        "starts_at" => "开始时间",
        "ends_at" => "结束时间",
        "place" => "地点",
        "online_meeting" => "线上会议",
        "organizer_unit_id" => "组织单位",
        "host" => "主持人",
        "description" => "说明",
        "status" => "状态",
        "summary" => "纪要",
        "activity_id" => "活动",
        "person_id" => "职工",
        "invited" => "应到",
        "checked_in_at" => "签到时间",
        "note" => "备注",
        "caption" => "说明",
        "key" => "设置项",
        "value" => "值",
        "role" => "角色",
        "disabled" => "停用",
        "failed_count" => "连续输错次数",
        "locked_until" => "锁定至",
        "last_sign_in_at" => "最近登录",
        "password_hash" => "密码",
        "password_changed_at" => "密码更换时间",
        other => other,
    }
}

fn op_label(op: &str) -> &'static str {
    match op {
        "insert" => "新增",
        "delete" => "删除",
        _ => "修改",
    }
}

/// The WHERE clause and its values for `q`.
fn filter(q: &AuditQuery) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut push = |clause: &str, v: Value| {
        values.push(v);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(a) = q.actor.as_deref().filter(|s| !s.trim().is_empty()) {
        push("l.actor = ?", Value::Text(a.trim().into()));
    }
    if let Some(a) = q.action.as_deref().filter(|s| !s.is_empty()) {
        push("l.action = ?", Value::Text(a.into()));
    }
    if let Some(d) = q.from.as_deref().filter(|s| !s.is_empty()) {
        push("l.at >= ?", Value::Text(d.into()));
    }
    if let Some(d) = q.to.as_deref().filter(|s| !s.is_empty()) {
        // Through the end of that day.
        push("l.at < date(?, '+1 day')", Value::Text(d.into()));
    }
    match (q.table.as_deref().filter(|s| !s.is_empty()), q.record_id) {
        (Some(t), Some(id)) => {
            values.push(Value::Text(t.into()));
            values.push(Value::Integer(id));
            let n = values.len();
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM audit_change c WHERE c.audit_id = l.id
                          AND c.tbl = ?{} AND c.record_id = ?{n})",
                n - 1
            ));
        }
        (Some(t), None) => push(
            "EXISTS (SELECT 1 FROM audit_change c WHERE c.audit_id = l.id AND c.tbl = ?)",
            Value::Text(t.into()),
        ),
        _ => {}
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

/// One page of the trail, newest first, with each row's changes (`limit` 1–500).
pub fn list(conn: &Connection, q: &AuditQuery) -> Result<AuditPage> {
    let (filter, values) = filter(q);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit_log l {filter}"),
        params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.clamp(1, 500);
    let rows = rows(conn, &filter, &values, q.offset.max(0), limit)?;
    Ok(AuditPage { total, rows })
}

/// Every row `q` selects (its offset and limit ignored), for the export.
pub fn all(conn: &Connection, q: &AuditQuery) -> Result<Vec<AuditRow>> {
    let (filter, values) = filter(q);
    rows(conn, &filter, &values, 0, i64::MAX)
}

fn rows(
    conn: &Connection,
    filter: &str,
    values: &[Value],
    offset: i64,
    limit: i64,
) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT l.id, l.at, l.actor, l.action, l.detail FROM audit_log l {filter}
         ORDER BY l.id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let mut rows = stmt
        .query_map(params_from_iter(values.iter()), |r| {
            let action: String = r.get(3)?;
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action_label: Action::from_code(&action)
                    .map(|a| a.label().to_string())
                    .unwrap_or_else(|| action.clone()),
                action,
                detail: r.get(4)?,
                changes: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut changes = conn.prepare_cached(
        "SELECT tbl, record_id, op, fields FROM audit_change WHERE audit_id = ?1 ORDER BY id",
    )?;
    for row in &mut rows {
        row.changes = changes
            .query_map([row.id], |r| {
                let table: String = r.get(0)?;
                let op: String = r.get(2)?;
                let fields: String = r.get(3)?;
                Ok(AuditChange {
                    table_label: table_label(&table).to_string(),
                    fields: parse_fields(&table, &fields),
                    table,
                    record_id: r.get(1)?,
                    op: op_label(&op).to_string(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

fn parse_fields(table: &str, json: &str) -> Vec<AuditField> {
    let parsed: Vec<(String, Option<String>, Option<String>)> =
        serde_json::from_str(json).unwrap_or_default();
    parsed
        .into_iter()
        .map(|(field, old, new)| AuditField {
            label: field_label(table, &field).to_string(),
            field,
            old,
            new,
        })
        .collect()
}

/// A change in one line, for the export and the CLI: `职工#12 修改 手机 138****0000 → 139****1111`.
pub fn change_text(c: &AuditChange) -> String {
    let fields: Vec<String> = c
        .fields
        .iter()
        .map(|f| match (&f.old, &f.new) {
            (Some(o), Some(n)) => format!("{} {o} → {n}", f.label),
            (None, Some(n)) => format!("{} {n}", f.label),
            (Some(o), None) => format!("{} {o} → （空）", f.label),
            (None, None) => f.label.clone(),
        })
        .collect();
    format!(
        "{}#{} {} {}",
        c.table_label,
        c.record_id,
        c.op,
        fields.join("，")
    )
}

/// The 审计 screen's 导出: every row the filter selects, with its changes, as one sheet.
pub fn export(
    conn: &Connection,
    q: &AuditQuery,
    today: chrono::NaiveDate,
) -> Result<crate::xlsx::export::Export> {
    use crate::xlsx::export::{Cell, Table, finish};
    let rows = all(conn, q)?;
    let mut table = Table::new(
        "审计记录",
        Some(format!(
            "审计记录（{} 条；导出于 {}）",
            rows.len(),
            today.format("%Y年%-m月%-d日")
        )),
        &["时间", "操作人", "操作", "说明", "改动"],
    );
    for r in rows {
        let changes: Vec<String> = r.changes.iter().map(change_text).collect();
        table.rows.push(vec![
            Cell::Text(r.at),
            Cell::Text(r.actor),
            Cell::Text(r.action_label),
            Cell::Text(r.detail),
            Cell::Text(changes.join("\n")),
        ]);
    }
    finish(vec![table], &format!("审计记录-{}", today.format("%Y%m%d")))
}
