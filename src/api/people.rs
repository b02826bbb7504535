//! Staff: the list, one person, and their edits (ID and phone numbers masked unless asked).

use chrono::NaiveDate;

use crate::Action;
use crate::db::{Page, today};
use crate::people::bulk::{self, BulkResult, PersonFlag};
use crate::people::{self, Person, PersonFilter, PersonInput};
use crate::structure::retirement::{self, Overdue};

use super::{Call, Reply};

commands! {
[Read] pub fn person_list(
    state: &Call,
    filter: PersonFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Person>> {
    let mut page = state.read(|c| people::list(c, &filter, offset, limit.clamp(1, 500)))?;
    page.items = page.items.into_iter().map(Person::masked).collect();
    Ok(page)
}

/// Full numbers (`full`, to edit the record) only for a 政工干部 or 管理员.
[Read] pub fn person_get(state: &Call, id: i64, full: bool) -> Reply<Person> {
    if full {
        state.require(crate::auth::Need::Edit)?;
    }
    let p = state.read(|c| people::get(c, id))?;
    Ok(if full { p } else { p.masked() })
}

[Edit] pub fn person_add(state: &Call, input: PersonInput) -> Reply<Person> {
    let id = state.write(Action::PersonAdd, |tx| people::add(tx, input))?;
    person_get(state, id, false)
}

[Edit] pub fn person_update(state: &Call, id: i64, input: PersonInput) -> Reply<Person> {
    state.write(Action::PersonEdit, |tx| people::update(tx, id, input))?;
    person_get(state, id, false)
}

[Edit] pub fn person_leave(
    state: &Call,
    id: i64,
    date: NaiveDate,
    reason: Option<String>,
) -> Reply<Person> {
    state.write(Action::PersonLeave, |tx| {
        people::leave(tx, id, date, reason.as_deref())
    })?;
    person_get(state, id, false)
}

[Edit] pub fn person_reinstate(state: &Call, id: i64) -> Reply<Person> {
    state.write(Action::PersonReinstate, |tx| people::reinstate(tx, id))?;
    person_get(state, id, false)
}

/// 办理退休: the 离职 (reason 退休) of each person on their legal retirement date, all in one
/// transaction; any refusal (named in the message) writes nothing.
[Edit] pub fn person_retire(state: &Call, person_ids: Vec<i64>) -> Reply<Vec<Overdue>> {
    state.write(Action::PersonRetire, |tx| {
        retirement::retire(tx, &person_ids, today())
    })
}

/// 批量设置: 设为 / 取消 政工干部 or 后备人才 for many people, one transaction.
[Edit] pub fn person_bulk_flag(
    state: &Call,
    person_ids: Vec<i64>,
    flag: PersonFlag,
    on: bool,
) -> Reply<BulkResult> {
    state.write(Action::PersonBulkFlag, |tx| {
        bulk::set_flag(tx, &person_ids, flag, on)
    })
}

/// 批量调动 into one unit, one transaction.
[Edit] pub fn person_bulk_move(
    state: &Call,
    person_ids: Vec<i64>,
    unit_id: i64,
) -> Reply<BulkResult> {
    state.write(Action::PersonBulkMove, |tx| {
        bulk::move_to_unit(tx, &person_ids, unit_id)
    })
}

/// 批量办理离职 on one date, one transaction.
[Edit] pub fn person_bulk_leave(
    state: &Call,
    person_ids: Vec<i64>,
    date: NaiveDate,
    reason: Option<String>,
) -> Reply<BulkResult> {
    state.write(Action::PersonBulkLeave, |tx| {
        bulk::leave(tx, &person_ids, date, reason.as_deref())
    })
}
}
