//! 考核评价 and 推优评先 on the command line (`qungong eval / recognition / honour`, and their
//! prints and exports), run as a real process on a real database file.
//!
//! One module a command group (and one for the prints and exports); the helpers and the
//! hand-made round they share are here.
//!
//! The round every module uses: system “政工干部季度考核” — 工作实绩 (评委打分, weight 60) and
//! 民主测评 (weight 40, points 100 / 80 / 60 / 0); subjects 张三, 李四, 王五 (the 政工干部 of
//! 城关供电所) and 赵六 (named); 评委1 from a sheet (张三 90, 李四 80, 王五 70, 赵六 blank),
//! 评委2 one by one (96, 良好 = 85, 74, 85); ballots 10/0/0/0, 5/5/0/0, 0/5/5/0, 2/6/2/0.
//!
//! | | 工作实绩 | 民主测评 | 总分 = 0.6 × 实绩 + 0.4 × 测评 | 排名 | 等级 |
//! |---|---|---|---|---|---|
//! | 张三 | (90+96)/2 = 93 | 1000/10 = 100 | 55.8 + 40 = 95.80 | 1 | 优秀 (≥90; 25% of 4 = 1 place) |
//! | 李四 | (80+85)/2 = 82.5 | 900/10 = 90 | 49.5 + 36 = 85.50 | 2 | 称职 |
//! | 赵六 | 85 (one mark) | 800/10 = 80 | 51 + 32 = 83.00 | 3 | 称职 |
//! | 王五 | (70+74)/2 = 72 | 700/10 = 70 | 43.2 + 28 = 71.20 | 4 | 基本称职 |

#[path = "../common/mod.rs"]
mod common;

mod honours;
mod outputs;
mod rounds;
mod systems;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{ok, qungong};

fn json(db: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, &args)).unwrap()
}

/// Runs a command that must fail; returns its stderr.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = qungong(db, args);
    assert!(!out.status.success(), "qungong {args:?} should have failed");
    assert_ne!(out.status.code(), Some(0));
    String::from_utf8(out.stderr).unwrap()
}

/// The test branch (国网示范县供电公司 > 城关供电所 > 营业班, 营销部; 10001 张三, 10002 李四,
/// 10003 王五, 10004 赵六) with 张三, 李四 and 王五 made 政工干部, in a database file the
/// command line then works on.
fn branch() -> (common::Branch, PathBuf) {
    let b = common::branch();
    let db = b.t.dir.path().join("qungong.db");
    let text = ok(
        &db,
        &[
            "person", "set-flag", "10001", "10002", "10003", "--cadre", "是",
        ],
    );
    assert!(text.contains("已设为政工干部 3 人"), "{text}");
    (b, db)
}

/// Writes `text` to `name` in `dir`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The system of the module doc, as a user writes it (drop_extremes_min and ballot_points
/// left to their defaults).
const SYSTEM: &str = r#"{
  "name": "政工干部季度考核",
  "indicators": [
    {"category": "组织人事工作", "name": "工作实绩", "weight": 60, "method": "评委打分"},
    {"category": "综合评价", "name": "民主测评", "weight": 40, "method": "民主测评"}
  ]
}"#;

/// Imports [`SYSTEM`]; returns its id.
fn import_system(db: &Path, dir: &Path) -> String {
    let file = write(dir, "体系.json", SYSTEM);
    let saved = json(db, &["eval", "system", "import", s(&file)]);
    assert_eq!(saved["version"], 1);
    saved["id"].to_string()
}

/// A round on `system` with the default bands and a 25% 优秀 quota; returns its id.
fn add_round(db: &Path, system: &str) -> String {
    let added = json(
        db,
        &[
            "eval",
            "round",
            "add",
            "--name",
            "2026年第四季度政工干部考核",
            "--kind",
            "日常",
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--system",
            system,
            "--quota",
            "25",
        ],
    );
    added["id"].to_string()
}

const MARKS_1: &str = "序号,姓名,工作实绩\n1,张三,90\n2,李四,80\n3,王五,70\n4,赵六,\n";
const MARKS_2: [(&str, &str); 4] = [
    ("张三", "96"),
    ("李四", "良好"),
    ("王五", "74"),
    ("10004", "85"),
];
const BALLOTS: [(&str, &str); 4] = [
    ("张三", "10,0,0,0"),
    ("李四", "5,5,0,0"),
    ("王五", "0,5,5,0"),
    ("赵六", "2,6,2,0"),
];

fn mark(db: &Path, round: &str, evaluator: &str, who: &str, mark: &str) -> String {
    ok(
        db,
        &[
            "eval",
            "round",
            "mark",
            round,
            "--evaluator",
            evaluator,
            "--person",
            who,
            "--indicator",
            "工作实绩",
            mark,
        ],
    )
}

fn ballot(db: &Path, round: &str, who: &str, counts: &str) -> String {
    ok(
        db,
        &[
            "eval",
            "round",
            "ballot",
            round,
            "--person",
            who,
            "--indicator",
            "民主测评",
            "--counts",
            counts,
        ],
    )
}

/// The round of the module doc, published; returns its id.
fn published_round(db: &Path, dir: &Path) -> String {
    let system = import_system(db, dir);
    let round = add_round(db, &system);
    ok(
        db,
        &[
            "eval",
            "round",
            "subjects",
            &round,
            "--unit",
            "城关供电所",
            "--person",
            "赵六",
        ],
    );
    let sheet = write(dir, "评委1.csv", MARKS_1);
    ok(
        db,
        &[
            "eval",
            "round",
            "marks",
            &round,
            "--evaluator",
            "评委1",
            "--file",
            s(&sheet),
        ],
    );
    for (who, m) in MARKS_2 {
        mark(db, &round, "评委2", who, m);
    }
    for (who, counts) in BALLOTS {
        ballot(db, &round, who, counts);
    }
    ok(db, &["eval", "round", "feedback", &round]);
    ok(db, &["eval", "round", "publish", &round]);
    round
}
