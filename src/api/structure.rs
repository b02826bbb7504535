//! Overview and structure: the 工作台 overview and the 队伍结构 screen with its settings.

use chrono::NaiveDate;

use crate::db::today;
use crate::structure::{self, Analysis, Config, MemberRow, Population, Slice, StructureQuery};
use crate::{Action, dashboard};

use super::{Call, Reply};

commands! {
[Read] pub fn dashboard(state: &Call) -> Reply<dashboard::Overview> {
    let now = state.app().now();
    state.read(|c| dashboard::overview(c, now))
}

/// The 队伍结构 screen: structure, warnings, retirements, trend and projection (`years` back and
/// forward, default 5), with the brackets and thresholds from 设置.
[Read] pub fn structure(
    state: &Call,
    unit_id: Option<i64>,
    population: Population,
    as_of: Option<NaiveDate>,
    years: Option<u32>,
) -> Reply<Analysis> {
    let q = StructureQuery {
        unit_id,
        population,
        as_of: as_of.unwrap_or_else(today),
    };
    let years = years.unwrap_or(5).clamp(1, 30);
    state.read(|c| structure::analyse(c, &q, &Config::load(c)?, years))
}

/// The people behind a bar of the 队伍结构 charts (all of them without `slice`).
[Read] pub fn structure_members(
    state: &Call,
    unit_id: Option<i64>,
    population: Population,
    as_of: Option<NaiveDate>,
    slice: Option<Slice>,
) -> Reply<Vec<MemberRow>> {
    let q = StructureQuery {
        unit_id,
        population,
        as_of: as_of.unwrap_or_else(today),
    };
    state.read(|c| structure::members(c, &q, &Config::load(c)?, slice.as_ref()))
}

/// People in post today past their legal retirement date (in the unit's subtree, or everyone).
[Read] pub fn retirement_overdue(
    state: &Call,
    unit_id: Option<i64>,
) -> Reply<structure::retirement::OverdueList> {
    state.read(|c| structure::retirement::overdue(c, unit_id, today()))
}

[Read] pub fn structure_config_get(state: &Call) -> Reply<Config> {
    state.read(Config::load)
}

[Admin] pub fn structure_config_set(state: &Call, config: Config) -> Reply<()> {
    state.write(Action::SettingStructure, |tx| config.save(tx))
}

/// The age brackets as typed in 设置, read by the core: the bounds and the labels the pyramid
/// will show, or why the text is not valid.
[Read] pub fn structure_brackets_preview(_state: &Call, text: String) -> Reply<structure::config::BracketsPreview> {
    Ok(structure::config::preview_brackets(&text)?)
}
}
