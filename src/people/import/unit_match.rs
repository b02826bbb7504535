//! A row's unit found in the tree by name or path, or proposed for creation.

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
}

/// The unit tree in memory for matching names and paths; units created during the import are
/// added to it (and dropped again when their row is rolled back).
pub(super) struct UnitTree {
    units: Vec<TreeUnit>,
    /// Paths created (or, in a dry run, to be created), in order.
    pub(super) created: Vec<String>,
    /// Units created for the row in progress: (index into `units`, index into `created`).
    pending: Vec<usize>,
    pending_created: usize,
    cache: HashMap<Vec<String>, i64>,
}

impl UnitTree {
    pub(super) fn load(conn: &rusqlite::Connection) -> Result<UnitTree> {
        let units = units::list(conn)?
            .into_iter()
            .map(|u| TreeUnit {
                id: u.id,
                parent: u.parent_id,
                key: fold_input(&u.name),
                path: u.path,
            })
            .collect();
        Ok(UnitTree {
            units,
            created: Vec::new(),
            pending: Vec::new(),
            pending_created: 0,
            cache: HashMap::new(),
        })
    }

    pub(super) fn path_of(&self, id: i64) -> String {
        self.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.path.clone())
            .unwrap_or_default()
    }

    fn get(&self, id: i64) -> Option<&TreeUnit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// Units whose path ends with `segments` (folded names, top down).
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

    /// The unit named by `path` (top down). A path whose top is a company name not in the
    /// tree (XX公司/营销部) is also looked up without it. With `create`, the missing tail of
    /// the path is created under its deepest existing unit (or under the only top-level unit);
    /// returns the unit and the paths created.
    pub(super) fn resolve(
        &mut self,
        tx: &Tx,
        path: &[String],
        create: bool,
    ) -> Result<(i64, Vec<String>)> {
        if let Some(&id) = self.cache.get(path) {
            return Ok((id, Vec::new()));
        }
        let shown = path.join("/");
        let mut found = self.matches(path);
        if found.is_empty()
            && path.len() > 1
            && (path[0].ends_with("公司") || path[0].ends_with("局"))
            && self.matches(&path[..1]).is_empty()
        {
            found = self.matches(&path[1..]);
        }
        match found.as_slice() {
            [id] => {
                self.cache.insert(path.to_vec(), *id);
                return Ok((*id, Vec::new()));
            }
            [] => {}
            ids => return Err(self.ambiguous(&shown, ids)),
        }
        if !create {
            return Err(Error::invalid(
                "所在单位",
                format!("单位“{shown}”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）"),
            ));
        }
        // The deepest existing unit along the path.
        let mut parent: Option<i64> = None;
        let mut start = 0;
        for k in (1..path.len()).rev() {
            match self.matches(&path[..k]).as_slice() {
                [id] => {
                    parent = Some(*id);
                    start = k;
                    break;
                }
                [] => {}
                ids => return Err(self.ambiguous(&path[..k].join("/"), ids)),
            }
        }
        if parent.is_none() {
            let roots: Vec<i64> = self
                .units
                .iter()
                .filter(|u| u.parent.is_none())
                .map(|u| u.id)
                .collect();
            match roots.as_slice() {
                [] => {}
                [root] => parent = Some(*root),
                _ => {
                    return Err(Error::invalid(
                        "所在单位",
                        format!(
                            "单位“{shown}”不存在，且有多个顶层单位，无法确定建在哪个单位之下，请写出完整路径"
                        ),
                    ));
                }
            }
        }
        let mut created = Vec::new();
        for name in &path[start..] {
            let kind = UnitKind::guess(name, parent.is_some());
            let id = units::add(tx, name, kind, parent)?;
            let full = match parent.and_then(|p| self.get(p)) {
                Some(p) => format!("{}/{name}", p.path),
                None => name.clone(),
            };
            self.units.push(TreeUnit {
                id,
                parent,
                key: fold_input(name),
                path: full.clone(),
            });
            self.pending.push(self.units.len() - 1);
            self.created.push(full.clone());
            self.pending_created += 1;
            created.push(full);
            parent = Some(id);
        }
        let id = parent.unwrap_or_default();
        Ok((id, created))
    }

    /// The row failed: units created for it were rolled back.
    pub(super) fn forget_uncommitted(&mut self) {
        for &i in self.pending.iter().rev() {
            self.units.remove(i);
        }
        let keep = self.created.len() - self.pending_created;
        self.created.truncate(keep);
        self.pending.clear();
        self.pending_created = 0;
        self.cache.clear();
    }

    /// The row went in: units created for it stay.
    pub(super) fn keep_uncommitted(&mut self) {
        self.pending.clear();
        self.pending_created = 0;
    }
}
