//! Activities: the list, one activity, series, cancelling, the summary.

use crate::Action;
use crate::activities::{self, Activity, ActivityFilter, ActivityInput};
use crate::codes::Recurrence;
use crate::db::Page;

use super::{Call, Reply};

commands! {
[Read] pub fn activity_list(
    state: &Call,
    filter: ActivityFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Activity>> {
    state.read(|c| activities::list(c, &filter, offset, limit.clamp(1, 1000)))
}

[Read] pub fn activity_get(state: &Call, id: i64) -> Reply<Activity> {
    state.read(|c| activities::get(c, id))
}

[Edit] pub fn activity_add(
    state: &Call,
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

[Edit] pub fn activity_update(
    state: &Call,
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

[Edit] pub fn activity_cancel(state: &Call, id: i64, series: bool) -> Reply<usize> {
    state.write(Action::ActivityCancel, |tx| {
        activities::cancel(tx, id, series)
    })
}

[Edit] pub fn activity_summary(state: &Call, id: i64, summary: String) -> Reply<Activity> {
    state.write(Action::ActivitySummary, |tx| {
        activities::record_summary(tx, id, &summary)
    })?;
    activity_get(state, id)
}
}
