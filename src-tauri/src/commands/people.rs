//! Staff: the list, one person, and their edits (ID and phone numbers masked unless asked).

use chrono::NaiveDate;
use tauri::State;

use qungong::Action;
use qungong::db::Page;
use qungong::people::{self, Person, PersonFilter, PersonInput};

use super::{AppState, Reply};

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_list(
    state: State<AppState>,
    filter: PersonFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Person>> {
    let mut page = state.read(|c| people::list(c, &filter, offset, limit.clamp(1, 500)))?;
    page.items = page.items.into_iter().map(Person::masked).collect();
    Ok(page)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_get(state: State<AppState>, id: i64, full: bool) -> Reply<Person> {
    let p = state.read(|c| people::get(c, id))?;
    Ok(if full { p } else { p.masked() })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_add(state: State<AppState>, input: PersonInput) -> Reply<Person> {
    let id = state.write(Action::PersonAdd, |tx| people::add(tx, input))?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_update(state: State<AppState>, id: i64, input: PersonInput) -> Reply<Person> {
    state.write(Action::PersonEdit, |tx| people::update(tx, id, input))?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_leave(
    state: State<AppState>,
    id: i64,
    date: NaiveDate,
    reason: Option<String>,
) -> Reply<Person> {
    state.write(Action::PersonLeave, |tx| {
        people::leave(tx, id, date, reason.as_deref())
    })?;
    person_get(state, id, false)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn person_reinstate(state: State<AppState>, id: i64) -> Reply<Person> {
    state.write(Action::PersonReinstate, |tx| people::reinstate(tx, id))?;
    person_get(state, id, false)
}
