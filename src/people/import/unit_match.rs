//! A row's unit found in the tree by name or path, or proposed for creation.
//!
//! Where a sheet's units are looked for, and where missing ones go:
//!
//! - **With a target unit (导入到 城关供电所)**: the unit cells of a row (部门, 班组, or a path
//!   cell) are read below the target. Leading names of the target and of its ancestors are
//!   dropped (城东供电公司/城关供电所/综合班 and 综合班 mean the same), the rest is matched by
//!   name or path anywhere below the target, and a row with no unit cell (or one naming just the
//!   target) belongs to the target itself. A missing unit is created under the deepest unit of
//!   its path that exists below the target, else directly under the target.
//! - **Without a target**: the path is matched in the whole tree (a leading company name not in
//!   the tree is also tried without, as before). A missing unit is created under the deepest
//!   existing unit of its path; when no part of the path exists, under the tree's only
//!   top-level unit as it was before the import (the company: new 部门 / 供电所 go under it).
//!   With several top-level units there is no telling where, and the row asks for a target;
//!   in an empty tree the missing units become top-level units.
//!
//! Either way the values of one unit column are siblings: a unit created for one row is never
//! the parent of another row's unit unless that row's own path names it (部门 营销部 + 班组
//! 一班 puts 一班 under 营销部; 综合班 and 营业班 in the same column stay side by side). Created
//! units get their kind from [`UnitKind::guess`].

use std::collections::HashMap;

use crate::codes::{UnitKind, fold_input};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::units;

struct TreeUnit {
    id: i64,
    parent: Option<i64>,
    /// Folded name, for matching.
    key: String,
    path: String,
    kind: UnitKind,
}

/// A path looked up in the tree.
pub(super) enum Lookup {
    Found(i64),
    /// Not in the tree: `names` would be created under `parent` (None: at the top level).
    Missing(Missing),
}

#[derive(Clone)]
pub(super) struct Missing {
    /// The path as shown to the user: below the target's path when there is one.
    pub(super) shown: String,
    parent: Option<i64>,
    names: Vec<String>,
}

/// The unit tree in memory for matching names and paths; units created during the import are
/// added to it (and dropped again when their row is rolled back).
pub(super) struct UnitTree {
    units: Vec<TreeUnit>,
    index: HashMap<i64, usize>,
    /// 导入到: the unit the sheet's units are read below.
    target: Option<i64>,
    /// Without a target: where a path of which nothing exists goes (the only top-level unit
    /// before the import); Err: several top-level units.
    anchor: std::result::Result<Option<i64>, ()>,
    /// Paths created (or, in a dry run, to be created), in order.
    pub(super) created: Vec<String>,
    /// Units created for the row in progress: (index into `units`, index into `created`).
    pending: Vec<usize>,
    pending_created: usize,
    cache: HashMap<Vec<String>, i64>,
    /// Units rows name that are not in the tree (when not creating them): shown path → rows.
    pub(super) missing: Vec<(String, usize)>,
    /// Created directly under the company although they look like 班组 (no target chosen).
    pub(super) teams_under_top: Vec<String>,
}

impl UnitTree {
    pub(super) fn load(conn: &rusqlite::Connection, target: Option<i64>) -> Result<UnitTree> {
        let units: Vec<TreeUnit> = units::list(conn)?
            .into_iter()
            .map(|u| TreeUnit {
                id: u.id,
                parent: u.parent_id,
                key: fold_input(&u.name),
                path: u.path,
                kind: u.kind,
            })
            .collect();
        if let Some(t) = target
            && !units.iter().any(|u| u.id == t)
        {
            return Err(Error::not_found("单位", t));
        }
        let roots: Vec<i64> = units
            .iter()
            .filter(|u| u.parent.is_none())
            .map(|u| u.id)
            .collect();
        let anchor = match roots.as_slice() {
            [] => Ok(None),
            [root] => Ok(Some(*root)),
            _ => Err(()),
        };
        let mut tree = UnitTree {
            units,
            index: HashMap::new(),
            target,
            anchor,
            created: Vec::new(),
            pending: Vec::new(),
            pending_created: 0,
            cache: HashMap::new(),
            missing: Vec::new(),
            teams_under_top: Vec::new(),
        };
        tree.reindex();
        Ok(tree)
    }

    fn reindex(&mut self) {
        self.index = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id, i))
            .collect();
    }

    pub(super) fn target(&self) -> Option<i64> {
        self.target
    }

    /// Some existing unit (the target, else the first): a stand-in for checking a row whose
    /// own unit is missing.
    pub(super) fn any_unit(&self) -> Option<i64> {
        self.target.or_else(|| self.units.first().map(|u| u.id))
    }

    pub(super) fn path_of(&self, id: i64) -> String {
        self.get(id).map(|u| u.path.clone()).unwrap_or_default()
    }

    fn get(&self, id: i64) -> Option<&TreeUnit> {
        self.index.get(&id).map(|&i| &self.units[i])
    }

    /// Whether `id` is `ancestor` or below it.
    pub(super) fn is_within(&self, id: i64, ancestor: i64) -> bool {
        let mut at = Some(id);
        while let Some(a) = at {
            if a == ancestor {
                return true;
            }
            at = self.get(a).and_then(|u| u.parent);
        }
        false
    }

    /// Units whose path ends with `segments` (folded names, top down), below the target when
    /// there is one.
    fn matches(&self, segments: &[String]) -> Vec<i64> {
        let Some((last, above)) = segments.split_last() else {
            return Vec::new();
        };
        self.units
            .iter()
            .filter(|u| &u.key == last)
            .filter(|u| {
                let mut parent = u.parent;
                for seg in above.iter().rev() {
                    match parent.and_then(|p| self.get(p)) {
                        Some(p) if &p.key == seg => parent = p.parent,
                        _ => return false,
                    }
                }
                true
            })
            .filter(|u| match self.target {
                Some(t) => u.id != t && self.is_within(u.id, t),
                None => true,
            })
            .map(|u| u.id)
            .collect()
    }

    fn ambiguous(&self, name: &str, ids: &[i64]) -> Error {
        let paths = ids
            .iter()
            .map(|&id| self.path_of(id))
            .collect::<Vec<_>>()
            .join("、");
        Error::invalid(
            "所在单位",
            format!(
                "有多个单位名为“{name}”：{paths}。请写出上级单位，如“{}”",
                { ids.first().map(|&id| self.path_of(id)).unwrap_or_default() }
            ),
        )
    }

    /// The path below the target: leading names of the target's ancestors and of the target
    /// itself dropped (the sheet may name the company and the 供电所 above its 班组).
    fn relative<'a>(&self, path: &'a [String]) -> &'a [String] {
        let Some(target) = self.target else {
            return path;
        };
        let mut chain = Vec::new();
        let mut at = Some(target);
        while let Some(id) = at {
            let Some(u) = self.get(id) else { break };
            chain.push(u.key.as_str());
            at = u.parent;
        }
        chain.reverse();
        let mut skip = 0;
        let mut from = 0;
        while skip < path.len() {
            match chain[from..].iter().position(|k| *k == path[skip]) {
                Some(p) => {
                    from += p + 1;
                    skip += 1;
                }
                None => break,
            }
        }
        &path[skip..]
    }

    /// Looks `path` (top down, as the row gives it) up in the tree; see the module's rules.
    /// Errors: several units match, or nowhere to create it.
    pub(super) fn lookup(&mut self, path: &[String]) -> Result<Lookup> {
        if let Some(&id) = self.cache.get(path) {
            return Ok(Lookup::Found(id));
        }
        let rel = self.relative(path);
        if rel.is_empty()
            && let Some(t) = self.target
        {
            return Ok(Lookup::Found(t));
        }
        let shown = match self.target {
            Some(t) => format!("{}/{}", self.path_of(t), rel.join("/")),
            None => path.join("/"),
        };
        let mut found = self.matches(rel);
        if found.is_empty()
            && self.target.is_none()
            && rel.len() > 1
            && (rel[0].ends_with("公司") || rel[0].ends_with("局"))
            && self.matches(&rel[..1]).is_empty()
        {
            found = self.matches(&rel[1..]);
        }
        match found.as_slice() {
            [id] => {
                self.cache.insert(path.to_vec(), *id);
                return Ok(Lookup::Found(*id));
            }
            [] => {}
            ids => return Err(self.ambiguous(&rel.join("/"), ids)),
        }
        // The deepest existing unit along the path.
        for k in (1..rel.len()).rev() {
            match self.matches(&rel[..k]).as_slice() {
                [id] => {
                    return Ok(Lookup::Missing(Missing {
                        shown,
                        parent: Some(*id),
                        names: rel[k..].to_vec(),
                    }));
                }
                [] => {}
                ids => return Err(self.ambiguous(&rel[..k].join("/"), ids)),
            }
        }
        let parent = match (self.target, self.anchor) {
            (Some(t), _) => Some(t),
            (None, Ok(anchor)) => anchor,
            (None, Err(())) => {
                return Err(Error::invalid(
                    "所在单位",
                    format!(
                        "单位“{shown}”不存在，且有多个顶层单位，无法确定建在哪个单位之下。请在“导入到”中选择本表所属的单位，或写出完整路径"
                    ),
                ));
            }
        };
        Ok(Lookup::Missing(Missing {
            shown,
            parent,
            names: rel.to_vec(),
        }))
    }

    /// The error of a row whose unit is missing and not to be created; the unit is listed for
    /// the sheet-level problem.
    pub(super) fn report_missing(&mut self, m: &Missing) -> Error {
        match self.missing.iter_mut().find(|(p, _)| *p == m.shown) {
            Some((_, rows)) => *rows += 1,
            None => self.missing.push((m.shown.clone(), 1)),
        }
        Error::invalid(
            "所在单位",
            format!(
                "单位“{}”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）",
                m.shown
            ),
        )
    }

    /// Creates the missing tail of a path; returns the unit and the paths created.
    pub(super) fn create(
        &mut self,
        tx: &Tx,
        path: &[String],
        m: Missing,
    ) -> Result<(i64, Vec<String>)> {
        let mut parent = m.parent;
        let mut created = Vec::new();
        for name in &m.names {
            let kind = match parent {
                Some(_) => UnitKind::guess(name, true),
                // A top-level unit of an empty tree: a company unless its name says otherwise.
                None => match UnitKind::guess(name, true) {
                    UnitKind::Department => UnitKind::Company,
                    k => k,
                },
            };
            let id = units::add(tx, name, kind, parent)?;
            let parent_unit = parent.and_then(|p| self.get(p));
            let under_top =
                parent_unit.is_some_and(|p| p.parent.is_none() && p.kind == UnitKind::Company);
            let full = match parent_unit {
                Some(p) => format!("{}/{name}", p.path),
                None => name.clone(),
            };
            if self.target.is_none() && kind == UnitKind::Team && under_top {
                self.teams_under_top.push(name.clone());
            }
            self.units.push(TreeUnit {
                id,
                parent,
                key: fold_input(name),
                path: full.clone(),
                kind,
            });
            self.index.insert(id, self.units.len() - 1);
            self.pending.push(self.units.len() - 1);
            self.created.push(full.clone());
            self.pending_created += 1;
            created.push(full);
            parent = Some(id);
        }
        let id = parent.unwrap_or_default();
        self.cache.insert(path.to_vec(), id);
        Ok((id, created))
    }

    /// The row failed: units created for it were rolled back.
    pub(super) fn forget_uncommitted(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        for &i in self.pending.iter().rev() {
            let u = self.units.remove(i);
            if let Some(pos) = self.teams_under_top.iter().rposition(|n| *n == u.key) {
                self.teams_under_top.remove(pos);
            }
        }
        let keep = self.created.len() - self.pending_created;
        self.created.truncate(keep);
        self.pending.clear();
        self.pending_created = 0;
        self.cache.clear();
        self.reindex();
    }

    /// The row went in: units created for it stay.
    pub(super) fn keep_uncommitted(&mut self) {
        self.pending.clear();
        self.pending_created = 0;
    }
}
