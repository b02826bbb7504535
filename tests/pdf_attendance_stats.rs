//! 出勤统计表: the four tabs printed from a small hand-made dataset and read back with poppler
//! (`pdftotext`): every count and rate, the period, the kinds, the notes, the 偏低 marks, the
//! runs of absences; then long lists over several pages with the header on each, and the CLI.
//! Set QUNGONG_PDF_OUT=dir to keep the PDFs for a look.
//!
//! The dataset (2026; units 公司 > 城关供电所 > 营业班, 公司 > 营销部):
//!
//! | activity (organiser, kind) | 张三 所   | 李四 班 | 王五 班        | 赵六 营销部 |
//! |----------------------------|-----------|---------|----------------|-------------|
//! | A 03-10 (所, 讲座)         | 出席      | 迟到    | 请假（年休假） | 未签到→缺席 |
//! | B 03-20 (班, 讲座)         | 出席      | 缺席    | 出席           |             |
//! | C 03-25 (营销部, 座谈会)   | 非名单签到| 出席    |                | 出席        |
//! | D 04-02 (公司, 座谈会)     | 缺席      |         |                | 未签到→缺席 |
//! | E 04-10 (所, 讲座)         | 出席      |         |                | 未签到→缺席 |
//! | G 05-06 (营销部, 座谈会)   |           |         |                | 缺席        |
//! | K 06-15 (营销部, 座谈会)   |           |         |                | 请假（病假）|
//! | L 07-01 (营销部, 座谈会)   |           |         |                | 缺席        |
//! | F 03-15 cancelled; H 2025-12-20 (outside the period): not counted, not listed |
//!
//! By person: 张三 3/4 = 75.0% (+1 walk-in), 李四 2/3 = 66.7% (1 late), 王五 1/1 = 100.0%
//! (1 leave), 赵六 1/6 = 16.7% (1 leave, 5 absent). 赵六's absences: D, E, G in a row (3), then
//! the leave K breaks the run and L starts a new one: longest 3, current 1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestDb, activity_input, branch, date, time};
use qungong::activities;
use qungong::attendance::{self, RateQuery};
use qungong::codes::{ActivityKind, AttendanceStatus};
use qungong::pdf::job::{self as printing, PrintJob};
use qungong::pdf::{self, Document, PrintOptions, StatsTab};

fn opts() -> PrintOptions {
    PrintOptions::new(date("2026-12-01"))
}

fn year() -> RateQuery {
    RateQuery::new(date("2026-01-01"), date("2026-12-31"), None)
}

struct Data {
    t: TestDb,
    station: i64,
}

fn data() -> Data {
    let common::Branch {
        mut t,
        company,
        station,
        team,
        dept,
        zhang,
        li,
        wang,
        zhao,
    } = branch();
    let mut activity = |title: &str, at: &str, kind: ActivityKind, unit: i64| {
        t.activity_of(title, at, kind, Some(unit))
    };
    use ActivityKind::{Forum, Lecture};
    let a = activity("安全生产专题讲座", "2026-03-10 09:00", Lecture, station);
    let b = activity("优质服务专题讲座", "2026-03-20 09:00", Lecture, team);
    let c = activity("营销职工座谈会", "2026-03-25 09:00", Forum, dept);
    let d = activity("迎峰度夏座谈会", "2026-04-02 09:00", Forum, company);
    let e = activity("廉洁从业专题讲座", "2026-04-10 09:00", Lecture, station);
    let f = activity("已取消的讲座", "2026-03-15 09:00", Lecture, station);
    let g = activity("五月职工座谈会", "2026-05-06 09:00", Forum, dept);
    let k = activity("六月职工座谈会", "2026-06-15 09:00", Forum, dept);
    let l = activity("七月职工座谈会", "2026-07-01 09:00", Forum, dept);
    let h = activity("去年的讲座", "2025-12-20 09:00", Lecture, station);
    t.write(|tx| {
        use AttendanceStatus::*;
        attendance::invite_people(tx, a, &[zhang, li, wang, zhao])?;
        attendance::invite_people(tx, b, &[zhang, li, wang])?;
        attendance::invite_people(tx, c, &[li, zhao])?;
        attendance::invite_people(tx, d, &[zhang, zhao])?;
        attendance::invite_people(tx, e, &[zhang, zhao])?;
        attendance::invite_people(tx, f, &[zhang, li])?;
        attendance::invite_people(tx, g, &[zhao])?;
        attendance::invite_people(tx, k, &[zhao])?;
        attendance::invite_people(tx, l, &[zhao])?;
        attendance::invite_people(tx, h, &[zhang])?;
        attendance::check_in(tx, a, zhang, time("2026-03-10 08:55"), false)?;
        attendance::check_in(tx, a, li, time("2026-03-10 09:20"), false)?;
        let at = time("2026-03-10 08:00");
        attendance::set_status(tx, a, wang, Some(Leave), Some("年休假"), at)?;
        attendance::check_in(tx, b, zhang, time("2026-03-20 09:00"), false)?;
        attendance::set_status(tx, b, li, Some(Absent), None, time("2026-03-20 09:00"))?;
        attendance::check_in(tx, b, wang, time("2026-03-20 09:00"), false)?;
        attendance::check_in(tx, c, zhang, time("2026-03-25 09:00"), true)?;
        attendance::check_in(tx, c, li, time("2026-03-25 09:00"), false)?;
        attendance::check_in(tx, c, zhao, time("2026-03-25 09:00"), false)?;
        attendance::set_status(tx, d, zhang, Some(Absent), None, time("2026-04-02 09:00"))?;
        attendance::check_in(tx, e, zhang, time("2026-04-10 09:00"), false)?;
        attendance::set_status(tx, g, zhao, Some(Absent), None, time("2026-05-06 09:00"))?;
        attendance::set_status(
            tx,
            k,
            zhao,
            Some(Leave),
            Some("病假"),
            time("2026-06-14 09:00"),
        )?;
        activities::record_summary(tx, k, "座谈会按期召开")?;
        attendance::set_status(tx, l, zhao, Some(Absent), None, time("2026-07-01 09:00"))?;
        attendance::set_status(tx, h, zhang, Some(Absent), None, time("2025-12-20 09:00"))?;
        activities::cancel(tx, f, false)?;
        Ok(())
    })
    .unwrap();
    Data { t, station }
}

fn pdftotext(path: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text (pdftotext -layout), after checking the page count and the footers.
fn text_of(name: &str, doc: &Document) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
    }
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
    let text = pdftotext(&path, &["-layout"]);
    assert_eq!(
        text.matches('\u{c}').count(),
        doc.pages,
        "{name}: page count"
    );
    let flat: String = text.split_whitespace().collect();
    let pages = doc.pages;
    assert!(flat.contains(&format!("第1页共{pages}页")), "first footer");
    assert!(
        flat.contains(&format!("第{pages}页共{pages}页")),
        "last footer"
    );
    text
}

/// The words of the line that starts with `first` (after the 序号, if any).
fn row<'t>(text: &'t str, first: &str) -> Vec<&'t str> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            let w = words.next();
            w == Some(first) || w.is_some_and(|w| w.parse::<u32>().is_ok()) && l.contains(first)
        })
        .collect();
    assert_eq!(lines.len(), 1, "one line for {first}: {lines:?}");
    let words: Vec<&str> = lines[0].split_whitespace().collect();
    let at = words.iter().position(|w| *w == first).unwrap();
    words[at..].to_vec()
}

/// Common to every tab: title, period, print date, the rate's note, no personal numbers.
fn heading(text: &str, tab: &str) {
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&format!("国网示范县供电公司出勤统计表（{tab}）")),
        "title in {text}"
    );
    assert!(
        flat.contains("期间：2026年1月1日至2026年12月31日"),
        "period"
    );
    assert!(flat.contains("打印日期：2026年12月1日"), "print date");
    assert!(flat.contains("请假不算缺席"), "the rate's note");
    for hidden in ["身份证", "手机", "2025.12.20", "去年的讲座", "已取消的讲座"] {
        assert!(!flat.contains(hidden), "{hidden} shown");
    }
}

fn print(d: &Data, tab: StatsTab, q: &RateQuery) -> (Document, String) {
    let doc = pdf::attendance_stats(d.t.db.conn(), tab, q, &opts()).unwrap();
    let name = format!("attendance-stats-{}.pdf", format!("{tab:?}").to_lowercase());
    let text = text_of(&name, &doc);
    (doc, text)
}

#[test]
fn by_unit_rolls_sub_units_up_with_every_count_and_rate() {
    let d = data();
    let (doc, text) = print(&d, StatsTab::Unit, &year());
    assert_eq!(doc.pages, 1);
    heading(&text, "按单位");
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("各单位的数字含其下级单位"));
    for title in ["单位", "应到", "实到", "迟到", "请假", "缺席", "出勤率"] {
        assert!(text.contains(title), "{title}");
    }
    // 应到 实到 迟到 请假 缺席 出勤率（实到/(应到−请假)）.
    assert_eq!(
        row(&text, "国网示范县供电公司"),
        [
            "国网示范县供电公司",
            "16",
            "7",
            "1",
            "2",
            "7",
            "50.0%（7/14）"
        ]
    );
    assert_eq!(
        row(&text, "城关供电所"),
        ["城关供电所", "9", "6", "1", "1", "2", "75.0%（6/8）"]
    );
    assert_eq!(
        row(&text, "营业班"),
        ["营业班", "5", "3", "1", "1", "1", "75.0%（3/4）"]
    );
    assert_eq!(
        row(&text, "营销部"),
        ["营销部", "7", "1", "0", "1", "5", "16.7%（1/6）"]
    );
    // The tree: each level further in than its parent.
    let indent = |name: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap();
        line.chars().take_while(|c| c.is_whitespace()).count()
    };
    assert!(indent("国网示范县供电公司") < indent("城关供电所"));
    assert!(indent("城关供电所") < indent("营业班"));
    assert_eq!(indent("城关供电所"), indent("营销部"));

    // Narrowed to 专题讲座 (A, B, E): the kinds are named, the figures are theirs.
    let lectures = RateQuery {
        kinds: vec![ActivityKind::Lecture],
        ..year()
    };
    let (_, text) = print(&d, StatsTab::Unit, &lectures);
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("活动类型：专题讲座"), "{text}");
    assert_eq!(
        row(&text, "国网示范县供电公司"),
        [
            "国网示范县供电公司",
            "9",
            "5",
            "1",
            "1",
            "3",
            "62.5%（5/8）"
        ]
    );
    // Every kind: the line names none.
    let (_, text) = print(&d, StatsTab::Unit, &year());
    assert!(!text.contains("活动类型："));

    // One unit: its subtree only, named in the title.
    let station = RateQuery::new(date("2026-01-01"), date("2026-12-31"), Some(d.station));
    let doc = pdf::attendance_stats(d.t.db.conn(), StatsTab::Unit, &station, &opts()).unwrap();
    let text = text_of("stats-station.pdf", &doc);
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("城关供电所出勤统计表（按单位）"));
    assert!(flat.contains("单位：国网示范县供电公司/城关供电所"));
    assert!(!text.contains("营销部"));
    assert_eq!(
        row(&text, "营业班"),
        ["营业班", "5", "3", "1", "1", "1", "75.0%（3/4）"]
    );
}

#[test]
fn by_person_puts_the_lowest_first_and_marks_rates_under_the_threshold() {
    let d = data();
    let (doc, text) = print(&d, StatsTab::Person, &year());
    assert_eq!(doc.pages, 1);
    heading(&text, "按人员");
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("共4人，出勤率低的在前；其中出勤率低于80%的3人"),
        "{text}"
    );
    for title in ["工号", "姓名", "单位", "备注"] {
        assert!(text.contains(title), "{title}");
    }
    // 工号 姓名 单位 应到 实到 迟到 请假 缺席 出勤率 偏低 备注, lowest rate first.
    let r = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = |text: &str| -> Vec<Vec<String>> {
        ["10004", "10002", "10001", "10003"]
            .iter()
            .map(|no| r(&row(text, no)))
            .collect()
    };
    assert_eq!(
        rows(&text),
        [
            r(&[
                "10004",
                "赵六",
                "营销部",
                "7",
                "1",
                "0",
                "1",
                "5",
                "16.7%（1/6）",
                "▲"
            ]),
            r(&[
                "10002",
                "李四",
                "营业班",
                "3",
                "2",
                "1",
                "0",
                "1",
                "66.7%（2/3）",
                "▲"
            ]),
            // 张三's walk-in at C is noted, and not in his rate.
            r(&[
                "10001",
                "张三",
                "城关供电所",
                "4",
                "3",
                "0",
                "0",
                "1",
                "75.0%（3/4）",
                "▲",
                "非名单签到",
                "1",
                "次"
            ]),
            r(&[
                "10003",
                "王五",
                "营业班",
                "2",
                "1",
                "0",
                "1",
                "0",
                "100.0%（1/1）"
            ]),
        ]
    );
    let at = |no: &str| text.find(no).unwrap();
    assert!(at("10004") < at("10002") && at("10002") < at("10001") && at("10001") < at("10003"));
    let marks = |text: &str| text.split_whitespace().filter(|w| *w == "▲").count();
    assert_eq!(marks(&text), 3);

    // The threshold comes from 设置: at 70% 张三 (75%) is no longer marked.
    let mut d = d;
    d.t.write(|tx| qungong::settings::set(tx, "attendance_low_rate", "70"))
        .unwrap();
    let (_, text) = print(&d, StatsTab::Person, &year());
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("低于70%的2人"));
    assert_eq!(marks(&text), 2);
    assert_eq!(
        row(&text, "10001"),
        [
            "10001",
            "张三",
            "城关供电所",
            "4",
            "3",
            "0",
            "0",
            "1",
            "75.0%（3/4）",
            "非名单签到",
            "1",
            "次"
        ]
    );
}

#[test]
fn by_kind_shows_each_kinds_activities_and_rate_per_organising_unit() {
    let d = data();
    let (doc, text) = print(&d, StatsTab::Kind, &year());
    assert_eq!(doc.pages, 1);
    heading(&text, "按活动类型");
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("活动按组织单位统计"));
    // Two kinds held: 专题讲座 then 职工座谈会 (the code table's order), each 次数 and 出勤率.
    assert!(flat.contains("专题讲座") && flat.contains("职工座谈会"));
    assert!(text.matches("次数").count() >= 3 && text.matches("出勤率").count() >= 3);
    // 单位 | 讲座 次数 出勤率 | 座谈会 次数 出勤率 | 合计 次数 出勤率.
    // 公司: lectures A, B, E: 5 of 8; forums C, D, G, K, L: 2 of 6; all 7 of 14.
    assert_eq!(
        row(&text, "国网示范县供电公司"),
        [
            "国网示范县供电公司",
            "3",
            "62.5%",
            "5",
            "33.3%",
            "8",
            "50.0%"
        ]
    );
    assert_eq!(
        row(&text, "城关供电所"),
        ["城关供电所", "3", "62.5%", "0", "—", "3", "62.5%"]
    );
    assert_eq!(
        row(&text, "营业班"),
        ["营业班", "1", "66.7%", "0", "—", "1", "66.7%"]
    );
    // 营销部: C 2/2, G 0/1, K only a leave (0/0), L 0/1.
    assert_eq!(
        row(&text, "营销部"),
        ["营销部", "0", "—", "4", "50.0%", "4", "50.0%"]
    );
    assert!(!doc_is_landscape(&doc), "two kinds fit upright");

    // Narrowed to one kind: only its columns.
    let forums = RateQuery {
        kinds: vec![ActivityKind::Forum],
        ..year()
    };
    let (_, text) = print(&d, StatsTab::Kind, &forums);
    assert!(!text.contains("专题讲座"));
    assert_eq!(
        row(&text, "国网示范县供电公司"),
        ["国网示范县供电公司", "5", "33.3%", "5", "33.3%"]
    );
}

#[test]
fn the_absent_list_groups_by_person_and_shows_runs_broken_by_leave() {
    let d = data();
    let (doc, text) = print(&d, StatsTab::Absent, &year());
    assert_eq!(doc.pages, 1);
    heading(&text, "未出勤名单");
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("共4人未出勤：缺席7人次，请假2人次"), "{text}");
    // Most absences first; each person once with the sum, then their activities by date.
    let zhao = text.find("赵六").unwrap();
    let zhang = text.find("张三").unwrap();
    let li = text.find("李四").unwrap();
    let wang = text.find("王五").unwrap();
    assert!(zhao < zhang && zhang < li && li < wang);
    // 赵六's sum in two lines: 缺席 5 次 / 请假 1 次; the others' in one.
    let sums: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.windows(3)
                .find(|w| (w[0] == "缺席" || w[0] == "请假") && w[2] == "次")
                .map(|w| w.concat())
        })
        .collect();
    assert_eq!(
        sums,
        ["缺席5次", "请假1次", "缺席1次", "缺席1次", "请假1次"],
        "{text}"
    );
    for line in [
        "2026.03.10安全生产专题讲座缺席",
        "2026.04.02迎峰度夏座谈会缺席",
        "2026.04.10廉洁从业专题讲座缺席",
        "2026.05.06五月职工座谈会缺席",
        "2026.06.15六月职工座谈会请假（病假）",
        "2026.07.01七月职工座谈会缺席",
        "2026.03.20优质服务专题讲座缺席",
        "2026.03.10安全生产专题讲座请假（年休假）",
    ] {
        assert!(flat.contains(line), "{line} in {text}");
    }
    // 赵六's activities in date order.
    let table = &text[text.find("未出勤的活动").unwrap()..];
    let order: Vec<usize> = [
        "2026.03.10",
        "2026.04.02",
        "2026.04.10",
        "2026.05.06",
        "2026.06.15",
        "2026.07.01",
    ]
    .iter()
    .map(|d| table.find(d).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Who came is not listed.
    assert!(!flat.contains("营销职工座谈会"));

    // Runs of 3 (设置's default): 赵六, longest 3 (D, E, G), now 1 (K's leave broke it).
    assert!(flat.contains("连续缺席3次及以上"));
    assert!(flat.contains("请假后重新计数"));
    let runs = &text[text.find("连续缺席 3 次及以上").unwrap()..];
    assert_eq!(row(runs, "10004"), ["10004", "赵六", "营销部", "3", "1"]);
    assert!(!runs.contains("张三"));

    // With the threshold at 2 nobody else qualifies either (张三, 李四 missed once each).
    let mut d = d;
    d.t.write(|tx| qungong::settings::set(tx, "attendance_absence_run", "4"))
        .unwrap();
    let (_, text) = print(&d, StatsTab::Absent, &year());
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("连续缺席4次及以上"));
    assert!(flat.contains("无连续缺席4次及以上的人员"));
}

/// Whether page 1 is wider than high (pdfinfo's "Page size").
fn doc_is_landscape(doc: &Document) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, &doc.bytes).unwrap();
    let out = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.parse::<f32>().ok())
        .collect::<Vec<_>>();
    size[0] > size[1]
}

/// 60 teams of 3 people, 8 kinds of activity: every tab runs over several pages.
fn many() -> (TestDb, RateQuery) {
    let mut t = TestDb::new();
    let company = t.unit("国网示范市供电公司", None);
    let mut people = Vec::new();
    let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
    for i in 0..60 {
        let team = t.unit(&format!("第{}运维班", i + 1), Some(company));
        for k in 0..3 {
            let name = format!(
                "{}{}{}",
                ["王", "李", "张"][k],
                given[i / 10],
                given[i % 10]
            );
            people.push(t.person(&format!("2{i:03}{k}"), &name, team));
        }
    }
    let kinds = ActivityKind::ALL;
    t.write(|tx| {
        for (n, kind) in kinds.iter().enumerate() {
            let mut input = activity_input(
                &format!("{}活动", kind.label()),
                &format!("2026-0{}-10 09:00", n + 1),
            );
            input.kind = *kind;
            input.organizer_unit_id = Some(company);
            let a = activities::add(tx, input)?;
            attendance::invite_people(tx, a, &people)?;
            let at = time(&format!("2026-0{}-10 09:00", n + 1));
            // Everyone but every third person comes; the others are absent.
            for (i, p) in people.iter().enumerate() {
                if i % 3 != 0 {
                    attendance::check_in(tx, a, *p, at, false)?;
                }
            }
        }
        Ok(())
    })
    .unwrap();
    let q = RateQuery::new(date("2026-01-01"), date("2026-12-31"), None);
    (t, q)
}

#[test]
fn long_tables_repeat_their_header_on_every_page() {
    let (t, q) = many();
    let conn = t.db.conn();
    // (tab, a header word of each table, most pages expected)
    for (tab, headers, most) in [
        (StatsTab::Unit, &["迟到"][..], 3),
        (StatsTab::Person, &["备注"][..], 6),
        (StatsTab::Kind, &["合计"][..], 3),
        (StatsTab::Absent, &["小计", "最长连续缺席"][..], 12),
    ] {
        let doc = pdf::attendance_stats(conn, tab, &q, &opts()).unwrap();
        let name = format!("many-{tab:?}.pdf").to_lowercase();
        let text = text_of(&name, &doc);
        assert!(doc.pages >= 2, "{tab:?}: {} pages", doc.pages);
        assert!(doc.pages <= most, "{tab:?}: {} pages", doc.pages);
        let with_header = text
            .split('\u{c}')
            .filter(|page| headers.iter().any(|h| page.contains(h)))
            .count();
        assert_eq!(with_header, doc.pages, "{tab:?}: a header on each page");
        assert!(text.contains("（续）"), "{tab:?}: continuation title");
        if tab == StatsTab::Kind {
            // Eight kinds: landscape, two columns each, then the totals.
            assert!(doc_is_landscape(&doc));
            let mut want = vec!["国网示范市供电公司"];
            for _ in ActivityKind::ALL {
                want.extend(["1", "66.7%"]);
            }
            want.extend(["8", "66.7%"]);
            assert_eq!(row(&text, "国网示范市供电公司"), want);
            assert_eq!(row(&text, "第60运维班").len(), 19);
        }
    }
    // Everyone came to 2 of 3 … every third person missed all 8: a run of 8.
    let doc = pdf::attendance_stats(conn, StatsTab::Absent, &q, &opts()).unwrap();
    let text = text_of("many-absent-runs.pdf", &doc);
    let runs = &text[text.find("连续缺席 3 次及以上").unwrap()..];
    assert_eq!(
        row(runs, "20000"),
        ["20000", "王伟伟", "第1运维班", "8", "8"]
    );
}

#[test]
fn a_long_absence_history_is_continued_in_a_second_row() {
    // 26 absences: more than a row holds (24 lines), so a second row says （续）.
    let mut t = TestDb::new();
    let company = t.unit("国网示范县供电公司", None);
    let sun = t.person("10009", "孙七", company);
    t.write(|tx| {
        for week in 0..26u32 {
            let day = date("2026-01-05") + chrono::Days::new(u64::from(week) * 7);
            let at = format!("{day} 09:00");
            let a = activities::add(tx, activity_input(&format!("第{}周学习", week + 1), &at))?;
            attendance::invite_people(tx, a, &[sun])?;
            attendance::set_status(tx, a, sun, Some(AttendanceStatus::Absent), None, time(&at))?;
        }
        Ok(())
    })
    .unwrap();
    let doc = pdf::attendance_stats(t.db.conn(), StatsTab::Absent, &year(), &opts()).unwrap();
    let text = text_of("absent-long.pdf", &doc);
    let flat: String = text.split_whitespace().collect();
    // The second row is numbered 续 and names the person again.
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|w| w.contains(&"孙七") && w.contains(&"10009"))
        .collect();
    assert_eq!(rows.len(), 3, "two rows and the runs: {text}");
    assert_eq!(rows[0][0], "1");
    assert_eq!(rows[1][0], "续");
    for week in 1..=26 {
        assert!(flat.contains(&format!("第{week}周学习缺席")), "week {week}");
    }
    assert_eq!(
        text.matches("缺席 26 次").count(),
        2,
        "the sum on both rows"
    );
    let runs = &text[text.find("连续缺席 3 次及以上").unwrap()..];
    assert_eq!(
        row(runs, "10009"),
        ["10009", "孙七", "国网示范县供电公司", "26", "26"]
    );
}

#[test]
fn the_print_job_and_the_command_line_make_the_same_document() {
    let d = data();
    let conn = d.t.db.conn();
    let job: PrintJob = serde_json::from_value(serde_json::json!({
        "kind": "attendance_stats", "tab": "person", "from": "2026-01-01", "to": "2026-12-31",
        "kinds": ["lecture"]
    }))
    .unwrap();
    assert_eq!(
        job,
        PrintJob::AttendanceStats {
            tab: StatsTab::Person,
            from: date("2026-01-01"),
            to: date("2026-12-31"),
            unit_id: None,
            kinds: vec![ActivityKind::Lecture],
        }
    );
    assert_eq!(
        printing::file_name(conn, &job).unwrap(),
        "出勤统计表（按人员）-国网示范县供电公司-20260101至20261231.pdf"
    );
    let station: PrintJob = serde_json::from_value(serde_json::json!({
        "kind": "attendance_stats", "tab": "absent", "from": "2026-01-01", "to": "2026-06-30",
        "unit_id": d.station
    }))
    .unwrap();
    assert_eq!(
        printing::file_name(conn, &station).unwrap(),
        "出勤统计表（未出勤名单）-城关供电所-20260101至20260630.pdf"
    );
    let doc = printing::render(conn, &job, &opts()).unwrap();
    let text = text_of("job.pdf", &doc);
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("活动类型：专题讲座"));
    assert!(flat.contains("出勤统计表（按人员）"));

    let db: PathBuf = d.t.dir.path().join("qungong.db");
    let out = d.t.dir.path().join("stats.pdf");
    let printed = common::ok(
        &db,
        &[
            "print",
            "attendance-stats",
            "--tab",
            "kind",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--unit",
            "城关供电所",
            "--kind",
            "专题讲座",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(printed.contains("已生成"), "{printed}");
    let text = pdftotext(&out, &["-layout"]);
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("城关供电所出勤统计表（按活动类型）"),
        "{text}"
    );
    assert!(flat.contains("活动类型：专题讲座"));
    assert_eq!(
        row(&text, "城关供电所"),
        ["城关供电所", "3", "62.5%", "3", "62.5%"]
    );
    let refused = common::qungong(
        &db,
        &[
            "print",
            "attendance-stats",
            "--tab",
            "kind",
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("不能早于起始日期"));
}

#[test]
fn a_changed_font_file_is_read_again() {
    // The fonts are parsed once per process; a font replaced in place (same path) must not be
    // served from the cache. Copy the system's body font, print, then put another file there.
    let system = pdf::find_system_font().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("font.ttc");
    std::fs::copy(&system.body.path, &path).unwrap();
    let d = data();
    let mut o = opts();
    o.font = pdf::FontChoice {
        path: Some(path.clone()),
    };
    let q = year();
    // The first document parses the new path's font; the second takes it from the cache and
    // must come out the same: same text, same pixels.
    let first = pdf::attendance_stats(d.t.db.conn(), StatsTab::Unit, &q, &o).unwrap();
    assert_eq!(first.font.body.path, path);
    let again = pdf::attendance_stats(d.t.db.conn(), StatsTab::Unit, &q, &o).unwrap();
    assert_eq!(again.pages, first.pages);
    assert_eq!(text_of("first.pdf", &first), text_of("again.pdf", &again));
    let (a, b) = (grey_pixels(&first), grey_pixels(&again));
    assert!(
        a.iter().filter(|&&p| p < 128).count() > 1000,
        "page 1 has ink"
    );
    assert!(a == b, "a cached font draws the same page");
    // Not a font any more (another length): refused with the reason, not the cached face.
    std::fs::write(&path, b"not a font at all").unwrap();
    let err = pdf::attendance_stats(d.t.db.conn(), StatsTab::Unit, &q, &o).unwrap_err();
    assert!(err.to_string().contains("不是有效的"), "{err}");
    // And a font again.
    std::fs::copy(&system.body.path, &path).unwrap();
    pdf::attendance_stats(d.t.db.conn(), StatsTab::Unit, &q, &o).unwrap();
}

/// Page 1 at 40 dpi as grey bytes (pdftoppm -gray, binary PGM, header included).
fn grey_pixels(doc: &Document) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, &doc.bytes).unwrap();
    let out = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&out)
        .status()
        .expect("pdftoppm is installed (apt-get install poppler-utils)");
    assert!(status.success());
    std::fs::read(out.with_extension("pgm")).unwrap()
}
