//! 荣誉: honours on people and units, from 推优评先 or entered by hand.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::{Honour, HonourFilter, HonourInput};
use crate::collate::NameCollator;
use crate::db::sql::{in_subtree, like_literal};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{Error, Result};
use crate::voice::{check_person, check_unit, trimmed};

/// The longest 荣誉称号, in characters.
const TITLE_MAX: usize = 30;
/// The longest 授予单位.
const GRANTED_BY_MAX: usize = 60;
/// The longest 备注.
const NOTE_MAX: usize = 500;

/// The years an honour (and a 推优评先 round) may be of.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Checks and tidies an honour as written: exactly one holder, a title, a year, short texts.
fn check(conn: &Connection, mut input: HonourInput) -> Result<HonourInput> {
    match (input.person_id, input.unit_id) {
        (Some(p), None) => check_person(conn, "获得者", p)?,
        (None, Some(u)) => check_unit(conn, "获得者", u)?,
        _ => return Err(Error::invalid("获得者", "请选择一名职工或一个集体")),
    }
    input.title = input.title.trim().to_string();
    check_title(&input.title)?;
    check_year(input.year)?;
    input.granted_by = trimmed(input.granted_by);
    if let Some(g) = &input.granted_by {
        check_long("授予单位", g, GRANTED_BY_MAX)?;
    }
    input.note = trimmed(input.note);
    if let Some(n) = &input.note {
        check_long("备注", n, NOTE_MAX)?;
    }
    Ok(input)
}

/// A 荣誉称号: 1–30 characters, no control characters.
pub(super) fn check_title(title: &str) -> Result<()> {
    if title.is_empty() {
        return Err(Error::invalid("荣誉称号", "请填写荣誉称号"));
    }
    check_long("荣誉称号", title, TITLE_MAX)
}

/// A year 2000–2100.
pub(super) fn check_year(year: i32) -> Result<()> {
    if !YEARS.contains(&year) {
        return Err(Error::invalid("年度", "应在 2000–2100 之间"));
    }
    Ok(())
}

/// At most `max` characters, no control or invisible characters.
pub(super) fn check_long(field: &'static str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::invalid(field, format!("不能超过 {max} 个字")));
    }
    crate::people::check_text(field, text)
}

pub fn add(tx: &Tx, input: HonourInput) -> Result<i64> {
    add_from_round(tx, input, None)
}

/// [`add`], recording the 推优评先 round the honour comes from.
pub(super) fn add_from_round(tx: &Tx, input: HonourInput, round_id: Option<i64>) -> Result<i64> {
    let input = check(tx, input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO honour (uid, person_id, unit_id, title, year, awarded_on, granted_by,
                             round_id, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            new_uid(),
            input.person_id,
            input.unit_id,
            input.title,
            input.year,
            input.awarded_on,
            input.granted_by,
            round_id,
            input.note,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let holder = holder_name(tx, input.person_id, input.unit_id)?;
    tx.note(format!(
        "登记荣誉 {id}：{holder}，{}年度“{}”",
        input.year, input.title
    ));
    Ok(id)
}

pub fn update(tx: &Tx, id: i64, input: HonourInput) -> Result<()> {
    get(tx, id)?;
    let input = check(tx, input)?;
    tx.execute(
        "UPDATE honour SET person_id = ?2, unit_id = ?3, title = ?4, year = ?5, awarded_on = ?6,
                granted_by = ?7, note = ?8, updated_at = ?9
          WHERE id = ?1",
        params![
            id,
            input.person_id,
            input.unit_id,
            input.title,
            input.year,
            input.awarded_on,
            input.granted_by,
            input.note,
            now_text()
        ],
    )?;
    let holder = holder_name(tx, input.person_id, input.unit_id)?;
    tx.note(format!(
        "修改荣誉 {id}：{holder}，{}年度“{}”",
        input.year, input.title
    ));
    Ok(())
}

pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    let h = get(tx, id)?;
    tx.execute("DELETE FROM honour WHERE id = ?1", [id])?;
    tx.note(format!(
        "删除荣誉 {id}：{}，{}年度“{}”",
        h.holder, h.input.year, h.input.title
    ));
    Ok(())
}

fn holder_name(conn: &Connection, person_id: Option<i64>, unit_id: Option<i64>) -> Result<String> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT name FROM person WHERE id = ?1),
                         (SELECT name FROM unit WHERE id = ?2), '')",
        params![person_id, unit_id],
        |r| r.get(0),
    )?)
}

/// An honour with its holder's name and the unit shown beside it: the person's unit, or the
/// unit's parent.
const SELECT: &str = "SELECT h.id, h.uid, h.person_id, h.unit_id, h.title, h.year, h.awarded_on,
        h.granted_by, h.note, h.round_id, coalesce(p.name, u.name, ''),
        CASE WHEN h.person_id IS NOT NULL THEN pu.name ELSE par.name END
   FROM honour h
   LEFT JOIN person p ON p.id = h.person_id
   LEFT JOIN unit pu ON pu.id = p.unit_id
   LEFT JOIN unit u ON u.id = h.unit_id
   LEFT JOIN unit par ON par.id = u.parent_id";

fn row(r: &Row) -> rusqlite::Result<Honour> {
    Ok(Honour {
        id: r.get(0)?,
        uid: r.get(1)?,
        input: HonourInput {
            person_id: r.get(2)?,
            unit_id: r.get(3)?,
            title: r.get(4)?,
            year: r.get(5)?,
            awarded_on: r.get(6)?,
            granted_by: r.get(7)?,
            note: r.get(8)?,
        },
        round_id: r.get(9)?,
        holder: r.get(10)?,
        unit_name: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Honour> {
    conn.query_row(&format!("{SELECT} WHERE h.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("荣誉", id))
}

/// Honours matching `filter`, newest year first, then by title and holder (姓氏笔画).
pub fn list(conn: &Connection, filter: &HonourFilter) -> Result<Vec<Honour>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(year) = filter.year {
        values.push(i64::from(year).into());
        clauses.push(format!("h.year = ?{}", values.len()));
    }
    if let Some(unit) = filter.unit_id {
        values.push(unit.into());
        let n = values.len();
        clauses.push(format!(
            "({} OR {})",
            in_subtree("p.unit_id", n),
            in_subtree("h.unit_id", n)
        ));
    }
    if let Some(person) = filter.person_id {
        values.push(person.into());
        clauses.push(format!("h.person_id = ?{}", values.len()));
    }
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        values.push(format!("%{}%", like_literal(search)).into());
        let n = values.len();
        clauses.push(format!(
            "(h.title LIKE ?{n} ESCAPE '\\' OR p.name LIKE ?{n} ESCAPE '\\' \
              OR u.name LIKE ?{n} ESCAPE '\\')"
        ));
    }
    let clause = if clauses.is_empty() {
        "1".to_string()
    } else {
        clauses.join(" AND ")
    };
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE {clause}"))?;
    let mut honours: Vec<Honour> = stmt
        .query_map(params_from_iter(values.iter()), row)?
        .collect::<rusqlite::Result<_>>()?;
    let names = NameCollator::stroke();
    honours.sort_by(|a, b| {
        b.input
            .year
            .cmp(&a.input.year)
            .then_with(|| names.compare(&a.input.title, &b.input.title))
            .then_with(|| names.compare(&a.holder, &b.holder))
            .then(a.id.cmp(&b.id))
    });
    Ok(honours)
}
