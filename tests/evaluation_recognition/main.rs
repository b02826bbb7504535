//! Issue 16, 推优评先 and 荣誉 on real SQLite: every eligibility rule passing and failing with
//! what was found, candidates failing a rule listed with the reason, votes selecting within the
//! quota (a tie at the edge left out and noted), 公示, withdrawal, confirmation into honours on
//! people and on a unit, and the honours roll by hand.
//!
//! One hand-made branch for all of them (see [`fixture`]); every number is written out there.

#[path = "../common/mod.rs"]
mod common;

mod demo;
mod honours;
mod rules;
mod workflow;

use chrono::NaiveDate;
use qungong::codes::{AttendanceStatus, PoliticalStatus, RecognitionTarget, UnitKind};
use qungong::evaluation::recognition;
use qungong::evaluation::{
    Candidate, NominationInput, RecognitionInput, RecognitionRound, Rule, VoteInput,
};
use qungong::{Action, Actor, Result, Tx, attendance, people};

use common::{TestDb, date, person_input, time};

/// The day the tests look from.
const TODAY: &str = "2026-12-01";

/// The branch:
///
/// ```text
/// 国网示范县供电公司 (company)
/// ├── 城关供电所 (station) — 张三 (中共党员, 政工干部)
/// │   ├── 营业班 (team)    — 李四 (中共预备党员, 政工干部), 王五 (群众)
/// │   └── 运维班 (team2)   — 孙七 (中共党员, 政工干部)
/// └── 营销部 (dept)        — 赵六 (中共党员, 政工干部; leaves on 2026-06-30 when a test says so)
/// ```
///
/// Attendance (activities A1–A8 on the 10th of March … October 2026, 09:00; A0 on 2025-11-10):
///
/// | person | invited      | came         | 2026 rate        |
/// |--------|--------------|--------------|------------------|
/// | 张三   | A1–A4        | A1–A4        | 4/4 = 100.0%     |
/// | 李四   | A0, A1–A8    | A1–A5        | 5/8 = 62.5% (A0 absent, in 2025: not counted) |
/// | 孙七   | A1, A2       | A1, A2       | 2/2 = 100.0%     |
/// | 王五, 赵六 | —        | —            | none             |
///
/// so 营业班 5/8 = 62.5%, 运维班 2/2 = 100.0%, 营销部 none.
///
/// Published 考核 (read directly by the rule): 2026年第二季度 (04-01–06-30): 李四 优秀, 张三 称职,
/// 赵六 基本称职; 2026年第三季度 (07-01–09-30): 李四 称职, 张三 优秀; 2026年第四季度 is only
/// 结果反馈 (not published): 李四 不称职, 王五 优秀 — never read.
pub struct Fixture {
    pub t: TestDb,
    pub company: i64,
    pub station: i64,
    pub team: i64,
    pub team2: i64,
    pub dept: i64,
    pub zhang: i64,
    pub li: i64,
    pub wang: i64,
    pub zhao: i64,
    pub sun: i64,
}

pub fn today() -> NaiveDate {
    date(TODAY)
}

fn person(
    t: &mut TestDb,
    no: &str,
    name: &str,
    unit: i64,
    status: PoliticalStatus,
    cadre: bool,
) -> i64 {
    let mut input = person_input(no, name, unit);
    input.political_status = Some(status);
    input.political_cadre = cadre;
    t.write(|tx| people::add(tx, input)).unwrap()
}

fn unit(t: &mut TestDb, name: &str, kind: UnitKind, parent: Option<i64>) -> i64 {
    t.write(|tx| qungong::units::add(tx, name, kind, parent))
        .unwrap()
}

pub fn fixture() -> Fixture {
    let mut t = TestDb::new();
    let company = unit(&mut t, "国网示范县供电公司", UnitKind::Company, None);
    let station = unit(&mut t, "城关供电所", UnitKind::Station, Some(company));
    let team = unit(&mut t, "营业班", UnitKind::Team, Some(station));
    let team2 = unit(&mut t, "运维班", UnitKind::Team, Some(station));
    let dept = unit(&mut t, "营销部", UnitKind::Department, Some(company));
    use PoliticalStatus::*;
    let zhang = person(&mut t, "10001", "张三", station, CpcMember, true);
    let li = person(&mut t, "10002", "李四", team, CpcProbationary, true);
    let wang = person(&mut t, "10003", "王五", team, Masses, false);
    let zhao = person(&mut t, "10004", "赵六", dept, CpcMember, true);
    let sun = person(&mut t, "10005", "孙七", team2, CpcMember, true);

    let a0 = t.activity("十一月形势任务宣讲", "2025-11-10 09:00");
    let months: Vec<i64> = (3..=10)
        .map(|m| t.activity(&format!("{m}月专题讲座"), &format!("2026-{m:02}-10 09:00")))
        .collect();
    t.write(|tx| {
        attendance::invite_people(tx, a0, &[li])?;
        absent(tx, a0, li, "2025-11-10 10:00")?;
        for (i, &a) in months.iter().enumerate() {
            let start = format!("2026-{:02}-10 09:00", i + 3);
            let mut invited = vec![li];
            if i < 4 {
                invited.push(zhang);
            }
            if i < 2 {
                invited.push(sun);
            }
            attendance::invite_people(tx, a, &invited)?;
            for &p in &invited {
                if p == li && i >= 5 {
                    absent(tx, a, p, &format!("2026-{:02}-10 10:00", i + 3))?;
                } else {
                    attendance::check_in(tx, a, p, time(&start), false)?;
                }
            }
        }
        Ok(())
    })
    .unwrap();

    // 考核 results as helper rounds would leave them, written directly: the rule reads the
    // stored grade of published rounds only.
    t.db.conn()
        .execute_batch(&format!(
            "INSERT INTO indicator_system (id, uid, family_uid, version, name, created_at,
                                           updated_at)
                 VALUES (1, 's1', 'f1', 1, '政工干部季度考核指标体系', '2026-01-01 08:00:00',
                         '2026-01-01 08:00:00');
             INSERT INTO eval_round (id, uid, name, kind, period_from, period_to, system_id,
                                     status, created_at, updated_at)
                 VALUES (1, 'r1', '2026年第二季度政工干部考核', 'daily', '2026-04-01',
                         '2026-06-30', 1, 'published', '2026-07-01 08:00:00',
                         '2026-07-01 08:00:00'),
                        (2, 'r2', '2026年第三季度政工干部考核', 'daily', '2026-07-01',
                         '2026-09-30', 1, 'published', '2026-10-01 08:00:00',
                         '2026-10-01 08:00:00'),
                        (3, 'r3', '2026年第四季度政工干部考核', 'daily', '2026-10-01',
                         '2026-12-31', 1, 'feedback', '2026-11-01 08:00:00',
                         '2026-11-01 08:00:00');
             INSERT INTO eval_subject (round_id, person_id, unit_id, grade) VALUES
                 (1, {li}, {team}, 'excellent'), (1, {zhang}, {station}, 'competent'),
                 (1, {zhao}, {dept}, 'basic'),
                 (2, {li}, {team}, 'competent'), (2, {zhang}, {station}, 'excellent'),
                 (3, {li}, {team}, 'incompetent'), (3, {wang}, {team}, 'excellent');"
        ))
        .unwrap();
    Fixture {
        t,
        company,
        station,
        team,
        team2,
        dept,
        zhang,
        li,
        wang,
        zhao,
        sun,
    }
}

fn absent(tx: &Tx, activity: i64, person: i64, now: &str) -> Result<()> {
    attendance::set_status(
        tx,
        activity,
        person,
        Some(AttendanceStatus::Absent),
        None,
        time(now),
    )
}

impl Fixture {
    pub fn act<T>(&mut self, action: Action, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.t.db.transact(&Actor("政工干部甲".into()), action, f)
    }

    /// A round saved with `rules`; returns its id.
    pub fn round(
        &mut self,
        name: &str,
        target: RecognitionTarget,
        quota: u32,
        rules: Vec<Rule>,
    ) -> i64 {
        let input = round_input(name, target, quota, rules);
        self.act(Action::RecognitionSave, |tx| {
            recognition::save(tx, None, input)
        })
        .unwrap()
    }

    pub fn nominate_person(&mut self, round: i64, person: i64) -> i64 {
        let by = self.station;
        self.act(Action::RecognitionNominate, |tx| {
            recognition::nominate(tx, round, nomination(Some(person), None, Some(by)))
        })
        .unwrap()
    }

    pub fn nominate_unit(&mut self, round: i64, unit: i64) -> i64 {
        let by = self.company;
        self.act(Action::RecognitionNominate, |tx| {
            recognition::nominate(tx, round, nomination(None, Some(unit), Some(by)))
        })
        .unwrap()
    }

    /// 赵六 leaves on 2026-06-30.
    pub fn zhao_leaves(&mut self) {
        let zhao = self.zhao;
        self.act(Action::Demo, |tx| {
            people::leave(tx, zhao, date("2026-06-30"), Some("调出"))
        })
        .unwrap();
    }

    pub fn get(&self, round: i64) -> RecognitionRound {
        recognition::get(self.t.db.conn(), round, today()).unwrap()
    }

    pub fn start_voting(&mut self, round: i64) {
        self.act(Action::RecognitionStage, |tx| {
            recognition::start_voting(tx, round)
        })
        .unwrap();
    }

    pub fn votes(&mut self, round: i64, votes: &[(i64, u32)]) {
        let votes: Vec<VoteInput> = votes
            .iter()
            .map(|&(nomination_id, v)| VoteInput {
                nomination_id,
                votes: Some(v),
            })
            .collect();
        self.act(Action::RecognitionVotes, |tx| {
            recognition::set_votes(tx, round, &votes)
        })
        .unwrap();
    }

    /// 公示 2026-12-01 – 2026-12-10.
    pub fn publicity(&mut self, round: i64) -> Result<usize> {
        self.act(Action::RecognitionStage, |tx| {
            recognition::start_publicity(tx, round, date("2026-12-01"), date("2026-12-10"), today())
        })
    }
}

pub fn round_input(
    name: &str,
    target: RecognitionTarget,
    quota: u32,
    rules: Vec<Rule>,
) -> RecognitionInput {
    RecognitionInput {
        name: name.into(),
        honour_title: match target {
            RecognitionTarget::Person => "优秀政工干部".into(),
            RecognitionTarget::Unit => "先进班组".into(),
        },
        year: 2026,
        target,
        quota,
        rules,
        granted_by: Some("国网示范县供电公司".into()),
    }
}

pub fn nomination(person: Option<i64>, unit: Option<i64>, by: Option<i64>) -> NominationInput {
    NominationInput {
        person_id: person,
        unit_id: unit,
        by_unit_id: by,
        deeds: "  扎实开展班组思想政治工作，组织职工学习教育活动 12 次。  ".into(),
    }
}

/// A candidate's checks as "found ✓/✗" lines, in the rules' order.
pub fn found(c: &Candidate) -> Vec<String> {
    c.checks
        .iter()
        .map(|k| format!("{} {}", k.found, if k.passed { "✓" } else { "✗" }))
        .collect()
}

pub fn names(r: &RecognitionRound) -> Vec<&str> {
    r.candidates.iter().map(|c| c.name.as_str()).collect()
}

pub fn by_name<'a>(r: &'a RecognitionRound, name: &str) -> &'a Candidate {
    r.candidates
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no candidate {name}"))
}

/// The error's message as the user sees it.
pub fn message<T: std::fmt::Debug>(r: Result<T>) -> String {
    r.expect_err("should be refused").to_string()
}
