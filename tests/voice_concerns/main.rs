//! Issue 15, 群众诉求: the way a concern goes (已受理 → 办理中 → 已答复 → 已办结, 不满意
//! reopening it), the steps kept, deadlines in calendar and working days, overdue on given
//! dates, the list's filters, the categories, and an audit row for every write — on real SQLite.
//!
//! The tests are grouped by what they look at, one module each; the helpers they share are
//! here.

#[path = "../common/mod.rs"]
mod common;

mod audit;
mod categories;
mod checks;
mod deadlines;
mod filters;
mod transitions;

use qungong::codes::{ConcernSource, ConcernStatus, RaiserKind, Satisfaction};
use qungong::voice::concern::{self, Concern, ConcernInput};
use qungong::{Action, Actor, Result, Tx};

use common::{TestDb, date};

/// An anonymous concern from the mailbox, received on `received`, under `category`.
fn input(category: i64, received: &str, content: &str) -> ConcernInput {
    ConcernInput {
        received_on: date(received),
        source: ConcernSource::Mailbox,
        activity_id: None,
        talk_id: None,
        visit_id: None,
        opinion_id: None,
        raiser_kind: RaiserKind::Anonymous,
        raiser_id: None,
        raiser_group: None,
        unit_id: None,
        category_id: category,
        content: content.into(),
        deadline: None,
    }
}

/// The id of the category called `name`.
fn cat(t: &TestDb, name: &str) -> i64 {
    concern::categories(t.db.conn(), true)
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no category {name}"))
        .id
}

/// Runs `f` as `who` doing `action` (the audit records both).
fn act<T>(
    t: &mut TestDb,
    who: &str,
    action: Action,
    f: impl FnOnce(&Tx) -> Result<T>,
) -> Result<T> {
    t.db.transact(&Actor(who.into()), action, f)
}

fn add(t: &mut TestDb, i: ConcernInput) -> i64 {
    act(t, "测试", Action::ConcernAdd, |tx| concern::add(tx, i)).unwrap()
}

fn assign(t: &mut TestDb, id: i64, unit: Option<i64>, person: Option<i64>) {
    act(t, "测试", Action::ConcernAssign, |tx| {
        concern::assign(tx, id, unit, person, None, None)
    })
    .unwrap()
}

fn reply(t: &mut TestDb, id: i64, on: &str) {
    act(t, "测试", Action::ConcernReply, |tx| {
        concern::reply(tx, id, "已协调解决", date(on))
    })
    .unwrap()
}

fn close(t: &mut TestDb, id: i64, s: Satisfaction, on: &str) -> ConcernStatus {
    act(t, "测试", Action::ConcernClose, |tx| {
        concern::close(tx, id, s, date(on), None)
    })
    .unwrap()
}

fn get(t: &TestDb, id: i64, today: &str) -> Concern {
    concern::get(t.db.conn(), id, date(today)).unwrap()
}

/// The message of a refused call.
fn refused<T: std::fmt::Debug>(r: Result<T>) -> String {
    r.unwrap_err().to_string()
}

/// (step, status label, actor, note) of every step, oldest first.
fn steps(t: &TestDb, id: i64) -> Vec<(String, String, String, Option<String>)> {
    concern::detail(t.db.conn(), id, date("2026-01-01"))
        .unwrap()
        .steps
        .into_iter()
        .map(|s| (s.step, s.status.label().to_string(), s.actor, s.note))
        .collect()
}

fn s(
    step: &str,
    status: &str,
    actor: &str,
    note: Option<&str>,
) -> (String, String, String, Option<String>) {
    (
        step.into(),
        status.into(),
        actor.into(),
        note.map(String::from),
    )
}
