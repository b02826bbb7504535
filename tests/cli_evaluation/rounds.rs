//! `qungong eval round` and `eval history`: a round from its subjects to 公布, with a marks
//! sheet whose faulty cell is named, the ballots, the ranked results and the lock.

use serde_json::{Value, json as j};

use crate::common::ok;
use crate::{
    BALLOTS, MARKS_1, MARKS_2, add_round, ballot, branch, fails, import_system, json, mark, s,
    write,
};

#[test]
fn a_round_runs_from_its_subjects_to_publication_and_is_then_locked() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    let system = import_system(&db, dir);
    let round = add_round(&db, &system);
    let r = round.as_str();

    // The 政工干部 of 城关供电所 and below (张三, 李四, 王五; not 赵六 of 营销部), and 赵六 named.
    let added = json(
        &db,
        &[
            "eval",
            "round",
            "subjects",
            r,
            "--unit",
            "城关供电所",
            "--person",
            "赵六",
        ],
    );
    assert_eq!(added["added"], 4);
    assert_eq!(added["subjects"], 4);
    let again = json(&db, &["eval", "round", "subjects", r, "--person", "张三"]);
    assert_eq!(again["added"], 0, "already in");
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "mark",
            r,
            "--evaluator",
            "评委1",
            "--person",
            "营业班",
            "--indicator",
            "工作实绩",
            "90",
        ],
    );
    assert!(err.contains("没有工号或姓名为“营业班”的职工"), "{err}");

    // A sheet with a faulty cell is refused by its row and column, and writes nothing.
    let bad = write(dir, "bad.csv", &MARKS_1.replace("李四,80", "李四,八十"));
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "marks",
            r,
            "--evaluator",
            "评委1",
            "--file",
            s(&bad),
        ],
    );
    assert!(
        err.contains("打分表：第 3 行 C 列（工作实绩）“八十”：应为 0–100 的数字"),
        "{err}"
    );
    let shown = json(&db, &["eval", "round", "show", r]);
    assert_eq!(shown["evaluators"], j!([]), "nothing written");
    // A column that is no 评委打分 indicator is refused too.
    let wrong = write(dir, "wrong.csv", "姓名,民主测评\n张三,90\n");
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "marks",
            r,
            "--evaluator",
            "评委1",
            "--file",
            s(&wrong),
        ],
    );
    assert!(
        err.contains("表头第 1 行 B 列“民主测评”的计分方式是民主测评"),
        "{err}"
    );
    let stranger = write(dir, "stranger.csv", "姓名,工作实绩\n张三,90\n周七,80\n");
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "marks",
            r,
            "--evaluator",
            "评委1",
            "--file",
            s(&stranger),
        ],
    );
    assert!(err.contains("第 3 行：“周七”不是本次考核的对象"), "{err}");

    // The corrected sheet: 赵六's empty cell is no mark.
    let good = write(dir, "评委1.csv", MARKS_1);
    let text = ok(
        &db,
        &[
            "eval",
            "round",
            "marks",
            r,
            "--evaluator",
            "评委1",
            "--file",
            s(&good),
        ],
    );
    assert!(
        text.contains("已录入评委“评委1”的打分 3 项（3 人）"),
        "{text}"
    );
    for (who, m) in MARKS_2 {
        mark(&db, r, "评委2", who, m);
    }
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "mark",
            r,
            "--evaluator",
            "评委2",
            "--person",
            "张三",
            "--indicator",
            "民主测评",
            "90",
        ],
    );
    assert!(
        err.contains("“民主测评”的计分方式是民主测评，不是评委打分"),
        "{err}"
    );

    // Without the ballots nobody is complete: no 反馈 yet.
    let err = fails(&db, &["eval", "round", "feedback", r]);
    assert!(err.contains("尚有 4 人未完成评分"), "{err}");
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "ballot",
            r,
            "--person",
            "张三",
            "--indicator",
            "民主测评",
            "--counts",
            "10,0,0",
        ],
    );
    assert!(err.contains("应为 4 个票数"), "{err}");
    for (who, counts) in BALLOTS {
        ballot(&db, r, who, counts);
    }

    ok(&db, &["eval", "round", "compute", r]);
    let shown = json(&db, &["eval", "round", "show", r]);
    let expected = [
        ("张三", 93.0, 100.0, 95.8, 1, "优秀"),
        ("李四", 82.5, 90.0, 85.5, 2, "称职"),
        ("赵六", 85.0, 80.0, 83.0, 3, "称职"),
        ("王五", 72.0, 70.0, 71.2, 4, "基本称职"),
    ];
    let subjects = shown["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), 4);
    for (got, (name, work, vote, total, rank, grade)) in subjects.iter().zip(expected) {
        assert_eq!(got["name"], name);
        assert_eq!(got["scores"][0]["score"], work, "{name}");
        assert_eq!(got["scores"][1]["score"], vote, "{name}");
        assert_eq!(got["total"], total, "{name}");
        assert_eq!(got["rank"], rank, "{name}");
        assert_eq!(got["grade"], grade, "{name}");
    }
    assert_eq!(shown["evaluators"], j!(["评委1", "评委2"]));
    // The table: ranked, each indicator, the total to two decimals.
    let text = ok(&db, &["eval", "round", "show", r]);
    assert!(
        text.contains("工作实绩（60）") && text.contains("民主测评（40）"),
        "{text}"
    );
    let lines: Vec<&str> = ["张三", "李四", "赵六", "王五"]
        .iter()
        .map(|n| text.lines().find(|l| l.contains(n)).unwrap())
        .collect();
    for (line, want) in lines.iter().zip(["95.80", "85.50", "83.00", "71.20"]) {
        assert!(line.contains(want), "{line}");
    }
    let at = |n: &str| text.find(n).unwrap();
    assert!(at("张三") < at("李四") && at("李四") < at("赵六") && at("赵六") < at("王五"));
    assert!(
        lines[0].contains("优秀") && lines[3].contains("基本称职"),
        "{text}"
    );

    // 反馈, the subject's confirmation, 公布.
    let text = ok(&db, &["eval", "round", "feedback", r]);
    assert!(text.contains("4 人待本人确认"), "{text}");
    ok(
        &db,
        &[
            "eval",
            "round",
            "reply",
            r,
            "--person",
            "张三",
            "--feedback",
            "工作扎实，继续保持",
        ],
    );
    ok(
        &db,
        &[
            "eval",
            "round",
            "reply",
            r,
            "--person",
            "10001",
            "--confirm",
            "--reply",
            "无异议",
        ],
    );
    let err = fails(&db, &["eval", "round", "reply", r, "--person", "张三"]);
    assert!(err.contains("请用 --feedback 填写考核反馈"), "{err}");
    let listed = json(&db, &["eval", "round", "list"]);
    assert_eq!(listed[0]["status"], "结果反馈");
    assert_eq!(listed[0]["unconfirmed"], 3);
    let text = ok(&db, &["eval", "round", "publish", r]);
    assert!(text.contains("已公布"), "{text}");
    let published = json(&db, &["eval", "round", "show", r]);
    assert_eq!(published["status"], "已公布");
    assert_eq!(published["subjects"][0]["feedback"], "工作扎实，继续保持");
    assert_eq!(published["subjects"][0]["reply"], "无异议");
    assert_ne!(published["subjects"][0]["confirmed_at"], Value::Null);

    // Nothing of a published round changes.
    for args in [
        vec![
            "eval",
            "round",
            "mark",
            r,
            "--evaluator",
            "评委3",
            "--person",
            "张三",
            "--indicator",
            "工作实绩",
            "60",
        ],
        vec![
            "eval",
            "round",
            "ballot",
            r,
            "--person",
            "张三",
            "--indicator",
            "民主测评",
            "--counts",
            "0,0,0,10",
        ],
        vec![
            "eval", "round", "subjects", r, "--person", "王五", "--remove",
        ],
        vec![
            "eval",
            "round",
            "reply",
            r,
            "--person",
            "李四",
            "--feedback",
            "补写",
        ],
        vec!["eval", "round", "reopen", r],
        vec!["eval", "round", "compute", r],
    ] {
        let err = fails(&db, &args);
        assert!(err.contains("考核已公布"), "{args:?}: {err}");
    }
    assert_eq!(json(&db, &["eval", "round", "show", r]), published);

    // Editing the system now keeps this round's version.
    let edited = write(
        dir,
        "改.json",
        &crate::SYSTEM
            .replace("\"weight\": 60", "\"weight\": 70")
            .replace("\"weight\": 40", "\"weight\": 30"),
    );
    let text = ok(
        &db,
        &["eval", "system", "import", s(&edited), "--id", &system],
    );
    assert!(text.contains("已保存：第 2 版"), "{text}");
    assert!(
        text.contains(&format!(
            "第 1 版（编号 {system}）已用于计算过的考核，保持不变"
        )),
        "{text}"
    );
    let after = json(&db, &["eval", "round", "show", r]);
    assert_eq!(after["system"]["version"], 1);
    assert_eq!(after["subjects"][0]["total"], 95.8);

    // The cadre's history.
    let history = json(&db, &["eval", "history", "--person", "张三"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["round_name"], "2026年第四季度政工干部考核");
    assert_eq!(history[0]["total"], 95.8);
    assert_eq!(history[0]["rank"], 1);
    assert_eq!(history[0]["of"], 4);
    assert_eq!(history[0]["grade"], "优秀");
    let text = ok(&db, &["eval", "history", "--person", "王五"]);
    assert!(text.contains("71.20") && text.contains("4 / 4"), "{text}");
}

#[test]
fn subjects_are_taken_out_and_marks_cleared_while_scoring() {
    let (b, db) = branch();
    let dir = b.t.dir.path();
    let system = import_system(&db, dir);
    let round = add_round(&db, &system);
    let r = round.as_str();
    ok(
        &db,
        &["eval", "round", "subjects", r, "--person", "张三", "李四"],
    );
    mark(&db, r, "评委1", "张三", "90");
    let shown = json(&db, &["eval", "round", "show", r]);
    assert_eq!(shown["subjects"].as_array().unwrap().len(), 2);
    assert_eq!(shown["evaluators"], j!(["评委1"]));
    // "-" clears the mark.
    let text = mark(&db, r, "评委1", "张三", "-");
    assert!(
        text.contains("已清除评委“评委1”给张三“工作实绩”的打分"),
        "{text}"
    );
    assert_eq!(
        json(&db, &["eval", "round", "show", r])["evaluators"],
        j!([])
    );
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "subjects",
            r,
            "--unit",
            "营业班",
            "--remove",
        ],
    );
    assert!(err.contains("移出时请用 --person 点名"), "{err}");
    let removed = json(
        &db,
        &[
            "eval", "round", "subjects", r, "--person", "李四", "--remove",
        ],
    );
    assert_eq!(removed["subjects"], 1);
    let err = fails(
        &db,
        &[
            "eval",
            "round",
            "mark",
            r,
            "--evaluator",
            "评委1",
            "--person",
            "李四",
            "--indicator",
            "工作实绩",
            "90",
        ],
    );
    assert!(err.contains("李四不是本次考核的对象"), "{err}");
    let text = ok(&db, &["eval", "round", "delete", r]);
    assert!(
        text.contains("已删除考核“2026年第四季度政工干部考核”"),
        "{text}"
    );
    assert_eq!(json(&db, &["eval", "round", "list"]), j!([]));
}
