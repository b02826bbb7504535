//! The changed fields of every audited write, seen by SQLite's pre-update hook: each row a
//! transaction inserts, updates or deletes, with its old and new values, whatever core function
//! wrote it. [`Db::transact`](super::Db::transact) turns them into `audit_change` rows in the same
//! transaction: personal numbers masked, passwords and talk contents never, file contents as
//! their size.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use rusqlite::hooks::{PreUpdateCase, PreUpdateNewValueAccessor, PreUpdateOldValueAccessor};
use rusqlite::types::Value;

use crate::error::Result;

/// Records changed per transaction; beyond this (a large import) only the count is kept.
pub const MAX_RECORDS: usize = 20_000;

/// Tables whose rows are derived or are the audit itself: never recorded.
const SKIPPED: &[&str] = &[
    "audit_log",
    "audit_change",
    "attendance_timeline",
    "attendance_timeline_dirty",
];

/// Columns whose values are never written to the audit trail.
const NEVER: &[(&str, &str)] = &[("account", "password_hash"), ("talk", "summary")];

/// Columns whose values are masked in the audit trail.
const MASKED: &[(&str, &str)] = &[
    ("person", "id_number"),
    ("person", "phone"),
    ("person", "birth_date"),
];

/// Columns not worth a line (bookkeeping the record's own fields already say).
const QUIET: &[&str] = &["id", "uid", "created_at", "updated_at", "name_initials"];

/// Tables without a rowid (their key is their columns): the record is named by the column
/// given here (its `record_id`, so a person's attendance is found under the person) and these
/// key columns are always listed, changed or not.
const KEYED: &[(&str, &str, &[&str])] = &[
    ("attendance", "person_id", &["activity_id", "person_id"]),
    ("setting", "", &["key"]),
    ("contact_plan", "point_id", &["point_id", "year"]),
    ("opinion_unit", "opinion_id", &["opinion_id", "unit_id"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    pub fn code(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

struct Raw {
    table: String,
    op: Op,
    record_id: i64,
    old: Vec<Value>,
    new: Vec<Value>,
}

#[derive(Default)]
struct State {
    on: bool,
    raw: Vec<Raw>,
    overflow: usize,
}

/// The recorder a connection's hook fills while [`Recorder::start`] is in effect.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<State>>);

impl Recorder {
    /// Installs the pre-update hook on `conn`; nothing is kept until [`Recorder::start`].
    pub fn install(conn: &Connection) -> Recorder {
        let rec = Recorder::default();
        let state = Arc::clone(&rec.0);
        conn.preupdate_hook(Some(
            move |_: rusqlite::hooks::Action, db: &str, table: &str, case: &PreUpdateCase| {
                let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                if !s.on || db != "main" || SKIPPED.contains(&table) {
                    return;
                }
                if s.raw.len() >= MAX_RECORDS {
                    s.overflow += 1;
                    return;
                }
                let raw = match case {
                    PreUpdateCase::Insert(new) => Raw {
                        table: table.to_string(),
                        op: Op::Insert,
                        record_id: new.get_new_row_id(),
                        old: Vec::new(),
                        new: new_values(new),
                    },
                    PreUpdateCase::Delete(old) => Raw {
                        table: table.to_string(),
                        op: Op::Delete,
                        record_id: old.get_old_row_id(),
                        old: old_values(old),
                        new: Vec::new(),
                    },
                    PreUpdateCase::Update {
                        old_value_accessor,
                        new_value_accessor,
                    } => Raw {
                        table: table.to_string(),
                        op: Op::Update,
                        record_id: new_value_accessor.get_new_row_id(),
                        old: old_values(old_value_accessor),
                        new: new_values(new_value_accessor),
                    },
                    PreUpdateCase::Unknown => return,
                };
                s.raw.push(raw);
            },
        ));
        rec
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts keeping the rows written (`on` false: a bulk write such as the demo data, whose
    /// audit row says what it did without listing every row).
    pub fn start(&self, on: bool) {
        let mut s = self.state();
        s.on = on;
        s.raw.clear();
        s.overflow = 0;
    }

    /// Stops and hands over what was kept.
    fn take(&self) -> (Vec<Raw>, usize) {
        let mut s = self.state();
        s.on = false;
        (std::mem::take(&mut s.raw), std::mem::take(&mut s.overflow))
    }

    /// Stops and drops what was kept (the transaction was rolled back).
    pub fn discard(&self) {
        self.take();
    }

    /// Turns what was kept into `audit_change` rows of the audit row `audit_id`. Returns the
    /// count of changed records, and of those over [`MAX_RECORDS`] that were only counted.
    pub fn finish(&self, conn: &Connection) -> Result<Changes> {
        let (raw, overflow) = self.take();
        let mut columns: HashMap<String, Vec<String>> = HashMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for r in raw {
            if !columns.contains_key(&r.table) {
                columns.insert(r.table.clone(), table_columns(conn, &r.table)?);
            }
            let cols = &columns[&r.table];
            let keyed = KEYED.iter().find(|k| k.0 == r.table);
            let always = keyed.map_or(&[][..], |k| k.2);
            let fields = fields(&r, cols, always);
            if r.op == Op::Update && fields.iter().all(|f| always.contains(&f.0.as_str())) {
                continue;
            }
            let record_id = match keyed {
                Some((_, by, _)) => key_value(&r, cols, by),
                None => r.record_id,
            };
            out.push(Change {
                table: r.table,
                record_id,
                op: r.op,
                fields: serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()),
            });
        }
        Ok(Changes {
            records: out,
            overflow,
        })
    }
}

/// What a transaction changed, ready for `audit_change`.
pub struct Changes {
    pub records: Vec<Change>,
    pub overflow: usize,
}

pub struct Change {
    pub table: String,
    pub record_id: i64,
    pub op: Op,
    /// JSON `[[field, old, new], …]`.
    pub fields: String,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.overflow == 0
    }
}

fn table_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn new_values(a: &PreUpdateNewValueAccessor) -> Vec<Value> {
    (0..a.get_column_count())
        .map(|i| {
            a.get_new_column_value(i)
                .map(Value::from)
                .unwrap_or(Value::Null)
        })
        .collect()
}

fn old_values(a: &PreUpdateOldValueAccessor) -> Vec<Value> {
    (0..a.get_column_count())
        .map(|i| {
            a.get_old_column_value(i)
                .map(Value::from)
                .unwrap_or(Value::Null)
        })
        .collect()
}

type Field = (String, Option<String>, Option<String>);

/// The integer value of column `name` in the row (new, else old); 0 when there is none.
fn key_value(r: &Raw, cols: &[String], name: &str) -> i64 {
    let Some(i) = cols.iter().position(|c| c == name) else {
        return 0;
    };
    [r.new.get(i), r.old.get(i)]
        .into_iter()
        .flatten()
        .find_map(|v| match v {
            Value::Integer(n) => Some(*n),
            _ => None,
        })
        .unwrap_or(0)
}

fn fields(r: &Raw, cols: &[String], always: &[&str]) -> Vec<Field> {
    let n = cols.len().max(r.old.len()).max(r.new.len());
    let mut out = Vec::new();
    for i in 0..n {
        let Some(col) = cols.get(i) else { continue };
        if QUIET.contains(&col.as_str()) {
            continue;
        }
        let old = r.old.get(i).unwrap_or(&Value::Null);
        let new = r.new.get(i).unwrap_or(&Value::Null);
        if r.op == Op::Update && old == new && !always.contains(&col.as_str()) {
            continue;
        }
        if r.op != Op::Update && matches!(old, Value::Null) && matches!(new, Value::Null) {
            continue;
        }
        let shown = |v: &Value| show(&r.table, col, v);
        out.push((col.clone(), shown(old), shown(new)));
    }
    out
}

/// A value as the audit trail shows it.
fn show(table: &str, col: &str, v: &Value) -> Option<String> {
    if matches!(v, Value::Null) {
        return None;
    }
    if NEVER.contains(&(table, col)) {
        return Some("（不记录）".into());
    }
    let text = match v {
        Value::Null => return None,
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => return Some(format!("（文件内容，{} 字节）", b.len())),
    };
    if MASKED.contains(&(table, col)) {
        return Some(mask(col, &text));
    }
    const LONG: usize = 200;
    if text.chars().count() > LONG {
        let cut: String = text.chars().take(LONG).collect();
        return Some(format!("{cut}…（共 {} 字）", text.chars().count()));
    }
    Some(text)
}

fn mask(col: &str, text: &str) -> String {
    match col {
        "id_number" => crate::privacy::mask_id_number(text),
        "phone" => crate::privacy::mask_phone(text),
        // A birth date keeps its year only.
        _ => text
            .get(..4)
            .map(|y| format!("{y}-**-**"))
            .unwrap_or_else(|| "****".into()),
    }
}
