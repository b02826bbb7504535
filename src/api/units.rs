//! Units: the unit tree and its edits.

use crate::Action;
use crate::codes::UnitKind;
use crate::units::{self, Unit, UnitNode};

use super::{Call, Reply};

commands! {
[Read] pub fn unit_tree(state: &Call) -> Reply<Vec<UnitNode>> {
    state.read(units::tree)
}

[Edit] pub fn unit_add(
    state: &Call,
    name: String,
    kind: Option<UnitKind>,
    parent_id: Option<i64>,
) -> Reply<Unit> {
    let kind = kind.unwrap_or_else(|| UnitKind::guess(&name, parent_id.is_some()));
    let id = state.write(Action::UnitAdd, |tx| units::add(tx, &name, kind, parent_id))?;
    state.read(|c| units::get(c, id))
}

[Edit] pub fn unit_rename(state: &Call, id: i64, name: String) -> Reply<Unit> {
    state.write(Action::UnitRename, |tx| units::rename(tx, id, &name))?;
    state.read(|c| units::get(c, id))
}

[Edit] pub fn unit_move(state: &Call, id: i64, parent_id: Option<i64>) -> Reply<Unit> {
    state.write(Action::UnitMove, |tx| units::move_to(tx, id, parent_id))?;
    state.read(|c| units::get(c, id))
}

[Edit] pub fn unit_delete(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::UnitDelete, |tx| units::delete(tx, id))
}
}
