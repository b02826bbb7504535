//! Matching a participant's name or nickname to one invitee.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::*;
use crate::codes::fold_input;
use crate::error::Result;
use crate::units;

/// How a participant was matched, or why not.
pub(super) enum Found {
    One(usize, &'static str),
    None(String, Vec<usize>),
}

pub(super) struct Matcher {
    pub(super) invitees: Vec<Invitee>,
    by_no: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Unit names, longest first (to strip “营销部” from “营销部张三”).
    unit_names: Vec<String>,
    /// Staff in post not on the list: 工号 → name, name → 工号s.
    others_by_no: HashMap<String, String>,
    others_by_name: HashMap<String, Vec<String>>,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '（' | '）'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '《'
                | '》'
                | '「'
                | '」'
                | '—'
                | '–'
                | '－'
                | '·'
                | '•'
                | '、'
                | '，'
                | '。'
                | '：'
                | '；'
                | '｜'
                | '／'
                | '＿'
                | '～'
                | '~'
        )
}

impl Matcher {
    pub(super) fn new(conn: &Connection, activity_id: i64) -> Result<Matcher> {
        let units = units::list(conn)?;
        let paths: HashMap<i64, Vec<String>> = units
            .iter()
            .map(|u| (u.id, u.path.split('/').map(str::to_string).collect()))
            .collect();
        let mut unit_names: Vec<String> = units
            .iter()
            .map(|u| fold_input(&u.name))
            .filter(|n| n.chars().count() >= 2)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        unit_names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let mut stmt = conn.prepare(
            "SELECT p.id, p.employee_no, p.name, u.name, p.unit_id, t.status, t.checked_in_at,
                    p.left_date
               FROM attendance t JOIN person p ON p.id = t.person_id
               JOIN unit u ON u.id = p.unit_id
              WHERE t.activity_id = ?1 AND t.invited = 1
              ORDER BY u.sort_order, u.id, p.employee_no",
        )?;
        let invitees: Vec<Invitee> = stmt
            .query_map([activity_id], |r| {
                let unit_id: i64 = r.get(4)?;
                Ok(Invitee {
                    person_id: r.get(0)?,
                    employee_no: r.get(1)?,
                    name: r.get(2)?,
                    unit_name: r.get(3)?,
                    status: r.get(5)?,
                    checked_in_at: r.get(6)?,
                    unit_names: paths.get(&unit_id).cloned().unwrap_or_default(),
                    left_date: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_no = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in invitees.iter().enumerate() {
            by_no.insert(p.employee_no.to_lowercase(), i);
            by_name.entry(p.name.clone()).or_default().push(i);
        }
        let mut others_by_no = HashMap::new();
        let mut others_by_name: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.employee_no, p.name FROM person p
              WHERE p.left_date IS NULL AND NOT EXISTS (SELECT 1 FROM attendance t
                    WHERE t.activity_id = ?1 AND t.person_id = p.id AND t.invited = 1)",
        )?;
        let rows = stmt.query_map([activity_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (no, name) = row?;
            others_by_no.insert(no.to_lowercase(), name.clone());
            others_by_name.entry(name).or_default().push(no);
        }
        Ok(Matcher {
            invitees,
            by_no,
            by_name,
            unit_names,
            others_by_no,
            others_by_name,
        })
    }

    fn describe(&self, ids: &[usize]) -> String {
        ids.iter()
            .map(|&i| {
                let p = &self.invitees[i];
                format!("{}（{}，{}）", p.name, p.employee_no, p.unit_name)
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    pub(super) fn find(&self, p: &Participant) -> Found {
        // 1. A 工号 column, then a 工号 written into the nickname (张三_123456).
        if let Some(no) = &p.employee_no {
            let no = no.to_lowercase();
            if let Some(&i) = self.by_no.get(&no) {
                return Found::One(i, "工号");
            }
        }
        let text = fold_input(&p.name);
        let runs: Vec<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .flat_map(|s| s.split('-'))
            .chain(
                text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .filter(|s| s.contains('-')),
            )
            .filter(|s| s.len() >= 3 && s.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect();
        for run in &runs {
            if let Some(&i) = self.by_no.get(run) {
                return Found::One(i, "工号");
            }
        }
        // 2. Names: the units named in the nickname are noted and taken out.
        let mentioned: Vec<&String> = self
            .unit_names
            .iter()
            .filter(|u| text.contains(u.as_str()))
            .collect();
        let mut cleaned = text.clone();
        for u in &mentioned {
            cleaned = cleaned.replace(u.as_str(), " ");
        }
        let cleaned: String = cleaned
            .chars()
            .map(|c| {
                if c.is_ascii_digit() || is_separator(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let tokens: Vec<&str> = cleaned.split_whitespace().collect();
        let joined: String = tokens.concat();
        let mut names: Vec<&str> = tokens
            .iter()
            .copied()
            .chain(std::iter::once(joined.as_str()))
            .filter(|t| self.by_name.contains_key(*t))
            .collect();
        let mut how = "姓名";
        if names.is_empty() {
            // A name inside a nickname without separators (营销张三): the longest names found.
            let found: Vec<&str> = self
                .by_name
                .keys()
                .filter(|n| n.chars().count() >= 2 && joined.contains(n.as_str()))
                .map(String::as_str)
                .collect();
            names = found
                .iter()
                .copied()
                .filter(|n| !found.iter().any(|m| m != n && m.contains(n)))
                .collect();
            how = "昵称中的姓名";
        }
        names.sort_unstable();
        names.dedup();
        let ids: Vec<usize> = names
            .iter()
            .flat_map(|n| self.by_name.get(*n).cloned().unwrap_or_default())
            .collect();
        match ids.as_slice() {
            [i] => Found::One(*i, how),
            [] => {
                let known_no = runs
                    .iter()
                    .chain(p.employee_no.iter())
                    .find_map(|no| self.others_by_no.get(&no.to_lowercase()).map(|n| (no, n)));
                let known_name = tokens
                    .iter()
                    .copied()
                    .chain(std::iter::once(joined.as_str()))
                    .find_map(|t| self.others_by_name.get(t).map(|nos| (t, nos)));
                let reason = if let Some((no, name)) = known_no {
                    format!("工号 {no}（{name}）不在本次活动的应到名单中")
                } else if let Some((name, nos)) = known_name {
                    format!("{name}（工号 {}）不在本次活动的应到名单中", nos.join("、"))
                } else {
                    "应到名单中没有与此名称对应的人".to_string()
                };
                Found::None(reason, Vec::new())
            }
            many => {
                // Two of the same name: a unit in the nickname may tell them apart.
                if !mentioned.is_empty() {
                    let in_unit: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&i| {
                            self.invitees[i]
                                .unit_names
                                .iter()
                                .any(|u| mentioned.iter().any(|m| fold_input(u) == **m))
                        })
                        .collect();
                    if let [i] = in_unit.as_slice() {
                        return Found::One(*i, "姓名和单位");
                    }
                }
                Found::None(
                    format!(
                        "应到名单中有 {} 人与此名称相符：{}，请手动选择",
                        many.len(),
                        self.describe(many)
                    ),
                    many.to_vec(),
                )
            }
        }
    }
}
