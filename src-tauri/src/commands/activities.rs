//! Activities: the list, one activity, series, cancelling, the summary.

use tauri::State;

use qungong::Action;
use qungong::activities::{self, Activity, ActivityFilter, ActivityInput};
use qungong::codes::Recurrence;
use qungong::db::Page;

use super::{AppState, Reply};

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_list(
    state: State<AppState>,
    filter: ActivityFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Activity>> {
    state.read(|c| activities::list(c, &filter, offset, limit.clamp(1, 1000)))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_get(state: State<AppState>, id: i64) -> Reply<Activity> {
    state.read(|c| activities::get(c, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_add(
    state: State<AppState>,
    input: ActivityInput,
    repeat: Option<Recurrence>,
    count: Option<u32>,
) -> Reply<Vec<i64>> {
    match repeat {
        Some(r) => state.write(Action::ActivityAddSeries, |tx| {
            activities::add_series(tx, input, r, count.unwrap_or(0))
        }),
        None => state.write(Action::ActivityAdd, |tx| {
            activities::add(tx, input).map(|id| vec![id])
        }),
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_update(
    state: State<AppState>,
    id: i64,
    input: ActivityInput,
    series: bool,
) -> Reply<usize> {
    if series {
        state.write(Action::ActivityEditSeries, |tx| {
            activities::update_series(tx, id, input)
        })
    } else {
        state.write(Action::ActivityEdit, |tx| {
            activities::update(tx, id, input).map(|()| 1)
        })
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_cancel(state: State<AppState>, id: i64, series: bool) -> Reply<usize> {
    state.write(Action::ActivityCancel, |tx| {
        activities::cancel(tx, id, series)
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn activity_summary(state: State<AppState>, id: i64, summary: String) -> Reply<Activity> {
    state.write(Action::ActivitySummary, |tx| {
        activities::record_summary(tx, id, &summary)
    })?;
    activity_get(state, id)
}
