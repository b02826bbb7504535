//! 党群沟通: 群众诉求, 思想动态, 联系点 and their visits, 谈心谈话, 分析报告. The core is
//! src/voice; a talk's summary is shown only to whom `talk::can_see` allows, so every talk
//! handler passes the caller as a [`Viewer`].

use chrono::{NaiveDate, NaiveDateTime};

use crate::Action;
use crate::auth::Role;
use crate::codes::Satisfaction;
use crate::db::Page;
use crate::voice::concern::{self, Category, ConcernDetail, ConcernFilter, ConcernInput};
use crate::voice::contact::{
    self, ContactPoint, Coverage, PlanRow, Visit, VisitFilter, VisitInput,
};
use crate::voice::opinion::{self, Opinion, OpinionFilter, OpinionInput};
use crate::voice::report::{self, Figures, ReportInput, SavedReport};
use crate::voice::talk::{self, Talk, TalkCoverage, TalkFilter, TalkInput};
use crate::voice::{Period, Viewer};

use super::{Call, Reply};

/// Who is asking, for the talk summaries.
pub(crate) fn viewer(state: &Call) -> Viewer {
    match state.who() {
        Some(p) => Viewer {
            account_id: (p.id > 0).then_some(p.id),
            admin: p.role == Role::Admin,
        },
        None => Viewer::default(),
    }
}

fn today(state: &Call) -> NaiveDate {
    state.app().now().date()
}

commands! {
[Read] pub fn concern_categories(state: &Call, include_retired: bool) -> Reply<Vec<Category>> {
    state.read(|c| concern::categories(c, include_retired))
}

[Edit] pub fn concern_category_save(
    state: &Call,
    id: Option<i64>,
    name: String,
    deadline_days: u32,
    retired: bool,
) -> Reply<i64> {
    state.write(Action::ConcernCategory, |tx| {
        concern::save_category(tx, id, &name, deadline_days, retired)
    })
}

[Read] pub fn concern_list(
    state: &Call,
    filter: ConcernFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<concern::Concern>> {
    let today = today(state);
    state.read(|c| concern::list(c, &filter, today, offset, limit.clamp(1, 1000)))
}

[Read] pub fn concern_get(state: &Call, id: i64) -> Reply<ConcernDetail> {
    let today = today(state);
    state.read(|c| concern::detail(c, id, today))
}

[Edit] pub fn concern_add(state: &Call, input: ConcernInput) -> Reply<i64> {
    state.write(Action::ConcernAdd, |tx| concern::add(tx, input))
}

[Edit] pub fn concern_update(state: &Call, id: i64, input: ConcernInput) -> Reply<ConcernDetail> {
    state.write(Action::ConcernEdit, |tx| concern::update(tx, id, input))?;
    concern_get(state, id)
}

[Edit] pub fn concern_assign(
    state: &Call,
    id: i64,
    handler_unit_id: Option<i64>,
    handler_person_id: Option<i64>,
    deadline: Option<NaiveDate>,
    note: Option<String>,
) -> Reply<ConcernDetail> {
    state.write(Action::ConcernAssign, |tx| {
        concern::assign(tx, id, handler_unit_id, handler_person_id, deadline, note.as_deref())
    })?;
    concern_get(state, id)
}

[Edit] pub fn concern_reply(
    state: &Call,
    id: i64,
    reply: String,
    on: NaiveDate,
) -> Reply<ConcernDetail> {
    state.write(Action::ConcernReply, |tx| concern::reply(tx, id, &reply, on))?;
    concern_get(state, id)
}

[Edit] pub fn concern_close(
    state: &Call,
    id: i64,
    satisfaction: Satisfaction,
    on: NaiveDate,
    note: Option<String>,
) -> Reply<ConcernDetail> {
    state.write(Action::ConcernClose, |tx| {
        concern::close(tx, id, satisfaction, on, note.as_deref())
    })?;
    concern_get(state, id)
}

[Edit] pub fn concern_escalate(
    state: &Call,
    id: i64,
    on: NaiveDate,
    to: String,
    note: String,
) -> Reply<ConcernDetail> {
    state.write(Action::ConcernEscalate, |tx| {
        concern::escalate(tx, id, on, &to, &note)
    })?;
    concern_get(state, id)
}

[Read] pub fn opinion_list(
    state: &Call,
    filter: OpinionFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Opinion>> {
    let now = state.app().now();
    state.read(|c| opinion::list(c, &filter, now, offset, limit.clamp(1, 1000)))
}

[Read] pub fn opinion_get(state: &Call, id: i64) -> Reply<Opinion> {
    let now = state.app().now();
    state.read(|c| opinion::get(c, id, now))
}

[Edit] pub fn opinion_add(state: &Call, input: OpinionInput) -> Reply<i64> {
    state.write(Action::OpinionAdd, |tx| opinion::add(tx, input))
}

[Edit] pub fn opinion_update(state: &Call, id: i64, input: OpinionInput) -> Reply<Opinion> {
    state.write(Action::OpinionEdit, |tx| opinion::update(tx, id, input))?;
    opinion_get(state, id)
}

[Edit] pub fn opinion_mark_reported(
    state: &Call,
    id: i64,
    at: NaiveDateTime,
    to: String,
) -> Reply<Opinion> {
    state.write(Action::OpinionReport, |tx| opinion::mark_reported(tx, id, at, &to))?;
    opinion_get(state, id)
}

[Read] pub fn contact_points(state: &Call, leader_id: Option<i64>) -> Reply<Vec<ContactPoint>> {
    state.read(|c| contact::points(c, leader_id))
}

[Edit] pub fn contact_point_add(
    state: &Call,
    leader_id: i64,
    unit_id: i64,
    since: NaiveDate,
    note: Option<String>,
) -> Reply<i64> {
    state.write(Action::ContactPointSave, |tx| {
        contact::add_point(tx, leader_id, unit_id, since, note.as_deref())
    })
}

[Edit] pub fn contact_point_remove(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::ContactPointSave, |tx| contact::remove_point(tx, id))
}

[Read] pub fn contact_plan(state: &Call, year: i32) -> Reply<Vec<PlanRow>> {
    state.read(|c| contact::plan(c, year))
}

[Edit] pub fn contact_plan_set(
    state: &Call,
    point_id: i64,
    year: i32,
    per_quarter: u32,
) -> Reply<()> {
    state.write(Action::ContactPlan, |tx| {
        contact::set_plan(tx, point_id, year, per_quarter)
    })
}

[Read] pub fn contact_coverage(state: &Call, year: i32, quarter: u32) -> Reply<Coverage> {
    state.read(|c| contact::coverage(c, year, quarter))
}

[Read] pub fn visit_list(
    state: &Call,
    filter: VisitFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Visit>> {
    state.read(|c| contact::list_visits(c, &filter, offset, limit.clamp(1, 1000)))
}

[Read] pub fn visit_get(state: &Call, id: i64) -> Reply<Visit> {
    state.read(|c| contact::get_visit(c, id))
}

[Edit] pub fn visit_add(state: &Call, input: VisitInput) -> Reply<i64> {
    state.write(Action::ContactVisit, |tx| contact::add_visit(tx, input))
}

[Edit] pub fn visit_update(state: &Call, id: i64, input: VisitInput) -> Reply<Visit> {
    state.write(Action::ContactVisit, |tx| contact::update_visit(tx, id, input))?;
    visit_get(state, id)
}

[Read] pub fn talk_list(
    state: &Call,
    filter: TalkFilter,
    offset: i64,
    limit: i64,
) -> Reply<Page<Talk>> {
    let viewer = viewer(state);
    state.read(|c| talk::list(c, &filter, viewer, offset, limit.clamp(1, 1000)))
}

[Read] pub fn talk_get(state: &Call, id: i64) -> Reply<Talk> {
    let viewer = viewer(state);
    state.read(|c| talk::get(c, id, viewer))
}

[Edit] pub fn talk_add(state: &Call, input: TalkInput) -> Reply<i64> {
    let recorded_by = viewer(state).account_id;
    state.write(Action::TalkAdd, |tx| talk::add(tx, input, recorded_by))
}

[Edit] pub fn talk_update(state: &Call, id: i64, input: TalkInput) -> Reply<Talk> {
    let viewer = viewer(state);
    state.write(Action::TalkEdit, |tx| talk::update(tx, id, input, viewer))?;
    talk_get(state, id)
}

[Read] pub fn talk_coverage(
    state: &Call,
    from: NaiveDate,
    to: NaiveDate,
    unit_id: Option<i64>,
) -> Reply<TalkCoverage> {
    let today = today(state);
    state.read(|c| talk::coverage(c, Period::new(from, to)?, unit_id, today))
}

[Read] pub fn opinion_report_list(state: &Call) -> Reply<Vec<SavedReport>> {
    state.read(report::list)
}

[Read] pub fn opinion_report_get(state: &Call, id: i64) -> Reply<SavedReport> {
    state.read(|c| report::get(c, id))
}

[Edit] pub fn opinion_report_save(state: &Call, id: Option<i64>, input: ReportInput) -> Reply<i64> {
    state.write(Action::OpinionReportSave, |tx| report::save(tx, id, input))
}

[Edit] pub fn opinion_report_delete(state: &Call, id: i64) -> Reply<()> {
    state.write(Action::OpinionReportDelete, |tx| report::delete(tx, id))
}

[Read] pub fn opinion_report_figures(
    state: &Call,
    unit_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<Figures> {
    let now = state.app().now();
    state.read(|c| report::figures(c, Period::new(from, to)?, unit_id, now))
}
}
