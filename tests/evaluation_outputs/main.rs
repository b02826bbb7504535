//! 考核评价 and 推优评先 outputs on hand-made data: the printed 汇总表, 反馈表, 民主测评表, 公示
//! and 荣誉名册 read back with `pdftotext -layout`, and the .xlsx exports read back with
//! calamine. The data is made through the core functions (system, round, marks, tallies,
//! recognition), never written into the tables.
//!
//! The round: four 政工干部, a system of two 'marks' indicators and one 'ballot' indicator,
//! two evaluators (no extremes dropped), default points 100 / 80 / 60 / 0:
//!
//! | 姓名 | 思想政治工作 (40) | 宣传工作 (30) | 民主测评 (30)      | 总分  |
//! |------|-------------------|---------------|--------------------|-------|
//! | 陈明 | 90, 94 → 92       | 80, 84 → 82   | 8/2/0/0 → 96       | 36.8 + 24.6 + 28.8 = 90.20 |
//! | 刘芳 | 70, 74 → 72       | 90, 90 → 90   | 4/4/2/0 → 84       | 28.8 + 27.0 + 25.2 = 81.00 |
//! | 孙伟 | 95, 95 → 95       | 95, 97 → 96   | 9/1/0/0 → 98       | 38.0 + 28.8 + 29.4 = 96.20 |
//! | 周敏 | 60, 62 → 61       | 50, 54 → 52   | 1/3/4/2 → 58       | 24.4 + 15.6 + 17.4 = 57.40 |
//!
//! Ranked 孙伟 1, 陈明 2, 刘芳 3, 周敏 4. Bands 90 / 75 / 60 and a 25% 优秀 quota (⌊4 × 25%⌋ =
//! 1 place): 孙伟 优秀; 陈明 is in the 优秀 band beyond the quota, so 称职 with a note; 刘芳
//! 称职; 周敏 不称职.

#[path = "../common/mod.rs"]
mod common;

mod exports;
mod prints;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDateTime;
use qungong::codes::{EvalMethod, RecognitionTarget, RoundKind};
use qungong::evaluation::{
    BallotCounts, BallotPoints, GradeBands, IndicatorInput, MarkInput, NominationInput,
    RecognitionInput, RoundInput, Rule, SubjectPick, SystemInput, VoteInput, recognition, round,
    system,
};
use qungong::pdf::Document;

use common::{Branch, branch, date, person_input, time};

/// When the round is computed and read.
fn later() -> NaiveDateTime {
    time("2026-10-15 10:00")
}

/// The cadres of the round, and the branch they work in.
struct Data {
    b: Branch,
    chen: i64,
    liu: i64,
    sun: i64,
    zhou: i64,
    round_id: i64,
    /// (思想政治工作, 宣传工作, 民主测评).
    indicators: (i64, i64, i64),
}

fn cadre(b: &mut Branch, no: &str, name: &str, unit: i64, position: &str) -> i64 {
    let mut input = person_input(no, name, unit);
    input.position = Some(position.into());
    input.political_cadre = true;
    b.t.write(|tx| qungong::people::add(tx, input)).unwrap()
}

fn indicator(category: &str, name: &str, weight: f64, method: EvalMethod) -> IndicatorInput {
    IndicatorInput {
        category: category.into(),
        name: name.into(),
        weight,
        method,
        source: None,
        rule: None,
        target: None,
        bands: Vec::new(),
        note: None,
    }
}

fn system_input(indicators: Vec<IndicatorInput>) -> SystemInput {
    SystemInput {
        name: "政工干部考核指标".into(),
        note: None,
        drop_extremes_min: 5,
        ballot_points: BallotPoints::default(),
        indicators,
    }
}

fn round_input(name: &str, system_id: i64) -> RoundInput {
    RoundInput {
        name: name.into(),
        kind: RoundKind::Daily,
        period_from: date("2026-07-01"),
        period_to: date("2026-09-30"),
        system_id,
        grade_bands: GradeBands::default(),
        excellent_quota: Some(25.0),
    }
}

fn counts(excellent: u32, competent: u32, basic: u32, incompetent: u32) -> BallotCounts {
    BallotCounts {
        excellent,
        competent,
        basic,
        incompetent,
    }
}

/// The round of the module's table, with marks and tallies entered, not yet computed.
fn data() -> Data {
    let mut b = branch();
    let (station, team, dept) = (b.station, b.team, b.dept);
    let chen = cadre(&mut b, "20001", "陈明", station, "党支部书记");
    let liu = cadre(&mut b, "20002", "刘芳", team, "政工专责");
    let sun = cadre(&mut b, "20003", "孙伟", dept, "宣传专责");
    let zhou = cadre(&mut b, "20004", "周敏", dept, "组织干事");
    let system_id =
        b.t.write(|tx| {
            system::save(
                tx,
                None,
                system_input(vec![
                    indicator("思想政治工作", "思想政治工作", 40.0, EvalMethod::Marks),
                    indicator("宣传工作", "宣传工作", 30.0, EvalMethod::Marks),
                    indicator("民主测评", "民主测评", 30.0, EvalMethod::Ballot),
                ]),
            )
        })
        .unwrap();
    let ids: Vec<i64> = system::get(b.t.db.conn(), system_id)
        .unwrap()
        .indicators
        .iter()
        .map(|i| i.id)
        .collect();
    let (politics, publicity, ballot) = (ids[0], ids[1], ids[2]);
    let round_id =
        b.t.write(|tx| {
            let id = round::save(
                tx,
                None,
                round_input("2026年第三季度政工干部考核", system_id),
            )?;
            round::add_subjects(
                tx,
                id,
                &SubjectPick {
                    unit_ids: Vec::new(),
                    person_ids: vec![chen, liu, sun, zhou],
                },
            )?;
            Ok(id)
        })
        .unwrap();
    let marks = |first: bool| -> Vec<MarkInput> {
        let table = [
            (chen, (90.0, 94.0), (80.0, 84.0)),
            (liu, (70.0, 74.0), (90.0, 90.0)),
            (sun, (95.0, 95.0), (95.0, 97.0)),
            (zhou, (60.0, 62.0), (50.0, 54.0)),
        ];
        let mut out = Vec::new();
        for (p, a, c) in table {
            let pick = |x: (f64, f64)| if first { x.0 } else { x.1 };
            out.push(MarkInput {
                person_id: p,
                indicator_id: politics,
                mark: Some(pick(a)),
            });
            out.push(MarkInput {
                person_id: p,
                indicator_id: publicity,
                mark: Some(pick(c)),
            });
        }
        out
    };
    b.t.write(|tx| {
        round::set_marks(tx, round_id, "评委甲", &marks(true))?;
        round::set_marks(tx, round_id, "评委乙", &marks(false))?;
        round::set_ballot(tx, round_id, chen, ballot, counts(8, 2, 0, 0))?;
        round::set_ballot(tx, round_id, liu, ballot, counts(4, 4, 2, 0))?;
        round::set_ballot(tx, round_id, sun, ballot, counts(9, 1, 0, 0))?;
        round::set_ballot(tx, round_id, zhou, ballot, counts(1, 3, 4, 2))
    })
    .unwrap();
    Data {
        b,
        chen,
        liu,
        sun,
        zhou,
        round_id,
        indicators: (politics, publicity, ballot),
    }
}

/// The round sent out for 反馈: 陈明 has a 反馈 and has confirmed with a reply.
fn in_feedback(d: &mut Data) {
    let (id, chen) = (d.round_id, d.chen);
    d.b.t
        .write(|tx| {
            round::start_feedback(tx, id, later())?;
            round::set_feedback(
                tx,
                id,
                chen,
                Some("理论学习扎实，宣传工作有待加强。".into()),
            )?;
            round::confirm(
                tx,
                id,
                chen,
                Some("无异议。".into()),
                time("2026-10-20 09:30"),
            )
        })
        .unwrap();
}

/// A 推优评先 round of `d`'s cadres: 陈明 30 votes, 刘芳 25, 周敏 10 (eligible), 孙伟 not a
/// 政工干部 any more (not eligible); 2 places; left 投票中 with the votes in.
fn recognition_round(d: &mut Data) -> i64 {
    let (chen, liu, sun, zhou, station, team, dept) = (
        d.chen,
        d.liu,
        d.sun,
        d.zhou,
        d.b.station,
        d.b.team,
        d.b.dept,
    );
    // 孙伟 leaves the 政工干部 team.
    let mut p = person_input("20003", "孙伟", dept);
    p.position = Some("宣传专责".into());
    p.political_cadre = false;
    d.b.t
        .write(|tx| qungong::people::update(tx, sun, p))
        .unwrap();
    d.b.t
        .write(|tx| {
            let id = recognition::save(
                tx,
                None,
                RecognitionInput {
                    name: "2026年度优秀政工干部评选".into(),
                    honour_title: "优秀政工干部".into(),
                    year: 2026,
                    target: RecognitionTarget::Person,
                    quota: 2,
                    rules: vec![Rule::InPost, Rule::PoliticalCadre],
                    granted_by: Some("国网示范县供电公司".into()),
                },
            )?;
            let mut noms = Vec::new();
            for (person, by, deeds) in [
                (
                    chen,
                    station,
                    "组织开展形势任务宣讲12场，覆盖职工300余人次。",
                ),
                (liu, team, "建立班组谈心谈话台账，全年谈心谈话46人次。"),
                (sun, dept, "负责公司宣传报道，在省级媒体发稿8篇。"),
                (zhou, dept, "协助开展主题教育。"),
            ] {
                noms.push(recognition::nominate(
                    tx,
                    id,
                    NominationInput {
                        person_id: Some(person),
                        unit_id: None,
                        by_unit_id: Some(by),
                        deeds: deeds.into(),
                    },
                )?);
            }
            recognition::start_voting(tx, id)?;
            recognition::set_votes(
                tx,
                id,
                &[
                    VoteInput {
                        nomination_id: noms[0],
                        votes: Some(30),
                    },
                    VoteInput {
                        nomination_id: noms[1],
                        votes: Some(25),
                    },
                    VoteInput {
                        nomination_id: noms[3],
                        votes: Some(10),
                    },
                ],
            )?;
            Ok(id)
        })
        .unwrap()
}

/// The PDF's text by `pdftotext -layout`, after checking its page count and that no glyph is
/// missing. With $QUNGONG_PDF_OUT set, the PDF is kept there too (to look at).
fn text_of(name: &str, doc: &Document) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
    }
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\u{c}').count(), doc.pages, "{name}: pages");
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
    (dir, text)
}

/// The text of each page (pdftotext ends each with a form feed).
fn pages(text: &str) -> Vec<&str> {
    let mut p: Vec<&str> = text.split('\u{c}').collect();
    p.pop();
    p
}

/// (width, height) of the first page in points, by `pdfinfo`.
fn page_size(doc: &Document) -> (f64, f64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, &doc.bytes).unwrap();
    let out = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let line = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// `text` without any whitespace (pdftotext spaces CJK text unevenly).
fn flat(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Asserts that `parts` appear in `text` in this order (whitespace ignored).
fn in_order(text: &str, parts: &[&str]) {
    let text = flat(text);
    let mut from = 0;
    for p in parts {
        let p = flat(p);
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => panic!("“{p}” not found (in order) in:\n{text}"),
        }
    }
}
