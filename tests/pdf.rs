//! The printed documents, generated from demo data and read back with poppler (`pdftotext`,
//! `pdftoppm`, from poppler-utils): titles, every name once, counts, page numbers, the header
//! row on every page, wrapping inside cells, file size, missing characters, masking, and that
//! page 1 is not blank. Set QUNGONG_PDF_OUT=dir to keep the PDFs for a look.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use chrono::NaiveDate;
use qungong::codes::Gender;
use qungong::collate::sort_by_name;
use qungong::pdf::{self, Document, FontChoice, NameOrder, PrintOptions};
use qungong::{Actor, Db};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn opts() -> PrintOptions {
    PrintOptions::new(today())
}

/// One branch-scale demo database for the read-only tests.
fn demo_path() -> &'static Path {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut db = Db::open(&path).unwrap();
        db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
            qungong::demo::generate(tx, qungong::demo::Scale::Branch, 7, today())
        })
        .unwrap();
        (dir, path)
    });
    path
}

fn demo() -> Db {
    Db::open(demo_path()).unwrap()
}

/// Writes the PDF to a temp file (and to $QUNGONG_PDF_OUT when set) and returns its text.
fn text_of(name: &str, doc: &Document) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &doc.bytes).unwrap();
    if let Some(out) = std::env::var_os("QUNGONG_PDF_OUT") {
        std::fs::write(Path::new(&out).join(name), &doc.bytes).unwrap();
    }
    let text = pdftotext(&path, &["-layout"]);
    // pdftotext ends every page with a form feed.
    assert_eq!(
        text.matches('\u{c}').count(),
        doc.pages,
        "{name}: page count"
    );
    (dir, path, text)
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

/// Words of the text layer with their boxes (pdftotext -bbox): (text, x_min, y_min, x_max).
fn words(path: &Path) -> Vec<(String, f32, f32, f32)> {
    let html = pdftotext(path, &["-bbox", "-f", "1", "-l", "1"]);
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let text = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            (text, attr(l, "xMin"), attr(l, "yMin"), attr(l, "xMax"))
        })
        .collect()
}

/// How often `token` stands alone (between spaces / line ends) in `text`.
fn token_count(text: &str, token: &str) -> usize {
    text.split_whitespace().filter(|w| *w == token).count()
}

/// "第 1 页 共 M 页" and "第 M 页 共 M 页" (pdftotext may drop the narrow spaces).
fn footer_check(text: &str, pages: usize) {
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains(&format!("第1页共{pages}页")), "first footer");
    assert!(
        flat.contains(&format!("第{pages}页共{pages}页")),
        "last footer"
    );
    assert!(!flat.contains(&format!("第{}页", pages + 1)));
}

fn first(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Dark pixels of page 1 rendered as a 40 dpi grey map (pdftoppm -gray, binary PGM).
fn dark_share_of_page_one(path: &Path) -> f64 {
    let out = path.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
        .arg(path)
        .arg(&out)
        .status()
        .expect("pdftoppm is installed (apt-get install poppler-utils)");
    assert!(status.success());
    let pgm = std::fs::read(out.with_extension("pgm")).unwrap();
    // Header: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    let pixels = &pgm[i + 1..];
    pixels.iter().filter(|&&p| p < 128).count() as f64 / pixels.len() as f64
}

/// The planned activity with the most invitees (several pages of sign-in sheet).
fn big_planned_activity(conn: &rusqlite::Connection) -> i64 {
    first(
        conn,
        "SELECT a.id FROM activity a JOIN attendance t ON t.activity_id = a.id
          WHERE a.status = 'planned' GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1",
    )
}

#[test]
fn sign_in_sheet_lists_every_invitee_once_in_stroke_order() {
    let db = demo();
    let conn = db.conn();
    let id = big_planned_activity(conn);
    let sheet = qungong::attendance::sheet(conn, id).unwrap();
    let a = &sheet.activity;
    let doc = pdf::sign_in_sheet(conn, id, &opts()).unwrap();
    assert!(doc.missing_glyphs.is_empty(), "{:?}", doc.missing_glyphs);
    let (_dir, path, text) = text_of("sign-in-sheet.pdf", &doc);

    assert!(text.contains(&format!("{} 签到表", a.title)), "title");
    for label in ["时间：", "地点：", "主办单位：", "打印日期：2026年11月24日"] {
        assert!(text.contains(label), "{label}");
    }
    let invitees: Vec<_> = sheet.rows.iter().filter(|r| r.invited).collect();
    assert!(invitees.len() > 20, "a big list: {}", invitees.len());
    assert!(text.contains(&format!("应到 {} 人", invitees.len())));
    assert!(doc.pages >= 2, "{} pages", doc.pages);
    footer_check(&text, doc.pages);
    // Header on every page.
    assert_eq!(token_count(&text, "签到"), doc.pages);

    let mut homonyms: HashMap<&str, usize> = HashMap::new();
    for r in &invitees {
        *homonyms.entry(r.name.as_str()).or_default() += 1;
    }
    for r in &invitees {
        assert_eq!(
            token_count(&text, &r.name),
            homonyms[r.name.as_str()],
            "{}",
            r.name
        );
    }
    // 姓氏笔画: the names come in the collator's order.
    let mut expected: Vec<&str> = invitees.iter().map(|r| r.name.as_str()).collect();
    sort_by_name(&mut expected, NameOrder::Stroke, |n| n, |_| 0, |n| n);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut at = 0;
    for name in expected.iter().filter(|n| homonyms[*n] == 1) {
        let found = tokens[at..]
            .iter()
            .position(|t| t == name)
            .unwrap_or_else(|| panic!("{name} out of order"));
        at += found + 1;
    }
    assert!(dark_share_of_page_one(&path) > 0.01);
}

#[test]
fn attendance_sheet_shows_statuses_walk_ins_and_the_rate() {
    let db = demo();
    let conn = db.conn();
    // A held activity with a walk-in and someone on leave.
    let id = first(
        conn,
        "SELECT activity_id FROM attendance GROUP BY activity_id
          HAVING sum(invited = 0) > 0 AND sum(status = 'leave') > 0 ORDER BY activity_id LIMIT 1",
    );
    let sheet = qungong::attendance::sheet(conn, id).unwrap();
    let c = sheet.counts;
    let doc = pdf::attendance_sheet(conn, id, &opts()).unwrap();
    let (_dir, path, text) = text_of("attendance-sheet.pdf", &doc);
    assert!(text.contains(&format!("{} 考勤表", sheet.activity.title)));
    let summary = format!(
        "应到 {} 人，实到 {} 人，迟到 {} 人，请假 {} 人，缺席 {} 人，出勤率 {}",
        c.invited,
        c.attended,
        c.late,
        c.leave,
        c.absent,
        c.rate_text()
    );
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&summary.replace(' ', "")),
        "{summary} in {text}"
    );
    assert!(c.rate.is_some());
    assert!(text.contains("非名单人员"));
    for r in &sheet.rows {
        assert!(token_count(&text, &r.name) >= 1, "{}", r.name);
        if let Some(reason) = &r.leave_reason {
            assert!(flat.contains(reason.as_str()), "{reason}");
        }
    }
    footer_check(&text, doc.pages);
    assert!(dark_share_of_page_one(&path) > 0.01);
}

#[test]
fn roster_masks_numbers_unless_asked_and_lists_everyone() {
    let db = demo();
    let conn = db.conn();
    let root = first(conn, "SELECT id FROM unit WHERE parent_id IS NULL");
    let staff = qungong::people::list(
        conn,
        &qungong::people::PersonFilter {
            unit_id: Some(root),
            ..Default::default()
        },
        0,
        i64::MAX,
    )
    .unwrap()
    .items;
    let someone = staff.iter().find(|p| p.id_number.is_some()).unwrap();
    let full_id = someone.id_number.clone().unwrap();
    let masked_id = qungong::privacy::mask_id_number(&full_id);

    // Default: no ID or phone column at all.
    let plain = pdf::roster(conn, root, &opts()).unwrap();
    let (_d0, path, text) = text_of("roster.pdf", &plain);
    assert!(text.contains("职工花名册"));
    assert!(!text.contains("身份证号") && !text.contains(&masked_id));
    for p in &staff {
        let no = p.employee_no.as_deref().unwrap();
        assert_eq!(token_count(&text, no), 1, "{no}");
    }
    assert!(text.contains(&format!("在职职工 {} 人", staff.len())));
    let birth = someone.birth_date.format("%Y.%m").to_string();
    assert!(text.contains(&birth));
    assert_eq!(token_count(&text, "技能等级"), plain.pages);
    footer_check(&text, plain.pages);
    assert!(dark_share_of_page_one(&path) > 0.01);

    let mut o = opts();
    o.show_id_number = true;
    o.show_phone = true;
    let masked = pdf::roster(conn, root, &o).unwrap();
    let (_d1, _, text) = text_of("roster-masked.pdf", &masked);
    assert!(text.contains("身份证号") && text.contains("手机"));
    assert!(text.contains(&masked_id), "{masked_id}");
    assert!(!text.contains(&full_id));

    o.unmask = true;
    let full = pdf::roster(conn, root, &o).unwrap();
    let (_d2, _, text) = text_of("roster-full.pdf", &full);
    assert!(text.contains(&full_id));
    assert!(!text.contains(&masked_id));
}

#[test]
fn ledger_lists_the_period_and_totals_per_kind() {
    let db = demo();
    let conn = db.conn();
    let root = first(conn, "SELECT id FROM unit WHERE parent_id IS NULL");
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let expected = first(
        conn,
        "SELECT count(*) FROM activity WHERE status <> 'cancelled'
            AND starts_at >= '2026-01-01' AND starts_at < '2026-11-25'",
    );
    let held = first(
        conn,
        "SELECT count(*) FROM activity WHERE status = 'held'
            AND starts_at >= '2026-01-01' AND starts_at < '2026-11-25'",
    );
    let doc = pdf::ledger(conn, root, from, today(), &opts()).unwrap();
    let (_dir, path, text) = text_of("ledger.pdf", &doc);
    assert!(text.contains("活动台账"));
    assert!(text.contains("期间：2026年1月1日至2026年11月24日"));
    assert!(text.contains(&format!("共 {expected} 项活动，其中已开展 {held} 项")));
    assert!(text.contains("分类汇总") && text.contains("合计"));
    assert!(text.contains("2026.01.0"), "dates");
    // The last numbered row is the last activity.
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().next() == Some(&expected.to_string()))
    );
    footer_check(&text, doc.pages);
    // The header on every page of the list (the totals may start a page of their own).
    let headers = token_count(&text, "活动名称");
    assert!(
        headers == doc.pages || headers + 1 == doc.pages,
        "{headers} headers"
    );
    assert!(dark_share_of_page_one(&path) > 0.01);
    // The totals row adds up: 合计 <activities> <held> ...
    let total_line = text.lines().find(|l| l.contains("合计")).unwrap();
    let numbers: Vec<&str> = total_line.split_whitespace().collect();
    assert_eq!(numbers[1], expected.to_string());
    assert_eq!(numbers[2], held.to_string());

    let err = pdf::ledger(conn, root, today(), from, &opts()).unwrap_err();
    assert!(err.to_string().contains("不能早于"));
}

#[test]
fn a_thousand_person_roster_repeats_its_header_and_stays_small() {
    // The demo's ~300 people, and 720 more whose names mix the demo's surnames and given
    // names (so the font subset is as varied as a real roster's).
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("big.db")).unwrap();
    db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        qungong::demo::generate(tx, qungong::demo::Scale::Branch, 11, today())
    })
    .unwrap();
    let (root, names): (i64, Vec<String>) = {
        let conn = db.conn();
        let root = first(conn, "SELECT id FROM unit WHERE parent_id IS NULL");
        let mut stmt = conn.prepare("SELECT name FROM person").unwrap();
        let names = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (root, names)
    };
    let start = Instant::now();
    db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        for i in 0..720usize {
            let surname = names[i % names.len()].chars().next().unwrap();
            let given: String = names[(i * 7 + 3) % names.len()].chars().skip(1).collect();
            let mut input =
                common::person_input(&format!("9{i:05}"), &format!("{surname}{given}"), root);
            input.gender = Some(if i % 3 == 0 {
                Gender::Female
            } else {
                Gender::Male
            });
            input.position = Some(["变电运维工", "配电线路工", "营业员", "班长"][i % 4].into());
            qungong::people::add(tx, input)?;
        }
        Ok(())
    })
    .unwrap();
    eprintln!("720 people added in {:?}", start.elapsed());
    let conn = db.conn();
    let count = first(conn, "SELECT count(*) FROM person WHERE left_date IS NULL") as usize;
    assert!(count >= 1000, "{count}");

    let start = Instant::now();
    let doc = pdf::roster(conn, root, &opts()).unwrap();
    eprintln!(
        "roster of {count}: {} pages, {} bytes, {:?} (debug build)",
        doc.pages,
        doc.bytes.len(),
        start.elapsed()
    );
    assert!(doc.bytes.len() < 300_000, "{} bytes", doc.bytes.len());
    let (_dir, _, text) = text_of("roster-1000.pdf", &doc);
    assert!(doc.pages >= 30);
    for header in ["序号", "工号", "出生年月", "技能等级", "参加工作时间"] {
        assert_eq!(token_count(&text, header), doc.pages, "{header}");
    }
    footer_check(&text, doc.pages);
    // The last 序号, and the count in the heading.
    assert_eq!(token_count(&text, &count.to_string()), 2);
    assert_eq!(token_count(&text, "900719"), 1);
}

/// A small database with one unit, a person with a long name and position, and an activity.
fn small(title: &str, name: &str, position: &str) -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("small.db")).unwrap();
    let id = db
        .transact(&Actor::local(), qungong::Action::Demo, |tx| {
            let unit =
                qungong::units::add(tx, "城关供电所", qungong::codes::UnitKind::Company, None)?;
            let mut p = common::person_input("10001", name, unit);
            p.position = Some(position.into());
            qungong::people::add(tx, p)?;
            qungong::people::add(tx, common::person_input("10002", "丁一", unit))?;
            let mut a = common::activity_input(title, "2026-12-01 09:00");
            a.organizer_unit_id = Some(unit);
            let a = qungong::activities::add(tx, a)?;
            qungong::attendance::invite_unit(tx, a, unit)?;
            Ok(a)
        })
        .unwrap();
    (dir, db, id)
}

#[test]
fn long_titles_and_cells_wrap_inside_the_page_and_their_column() {
    let title =
        "关于深入学习贯彻新时代中国特色社会主义思想和安全生产重要论述的专题讲座暨警示教育会";
    assert!(title.chars().count() >= 40);
    let name = "阿卜杜热合曼·买买提明";
    let position = "变电运维一班副班长兼安全员兼兼职培训师兼技术员";
    let (_d, db, id) = small(title, name, position);
    let doc = pdf::sign_in_sheet(db.conn(), id, &opts()).unwrap();
    let (_dir, path, text) = text_of("long.pdf", &doc);
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&format!("{title}签到表")),
        "title whole: {text}"
    );

    let words = words(&path);
    let page_width = 595.28;
    for (w, x0, _, x1) in &words {
        assert!(
            *x0 >= 42.0 && *x1 <= page_width - 42.0,
            "{w} outside the margins"
        );
    }
    // Title lines (18 pt, above the fields) are each narrower than the text area.
    let head = |h: &str| words.iter().find(|w| w.0.starts_with(h)).unwrap().clone();
    let title_words: Vec<_> = words
        .iter()
        .filter(|w| w.2 < head("时间：").2 - 5.0)
        .collect();
    assert!(title_words.len() >= 2, "the title wraps: {title_words:?}");

    // Pieces of a cell: in order, nothing lost, each left of the next column's header.
    let pieces = |text: &str, next_header: &str| {
        let next = head(next_header);
        let mut found: Vec<&(String, f32, f32, f32)> = words
            .iter()
            .filter(|w| w.2 > head("序号").2 + 5.0 && text.contains(w.0.as_str()))
            .collect();
        found.sort_by(|a, b| a.2.total_cmp(&b.2));
        let joined: String = found.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(joined, text);
        assert!(found.len() >= 2, "{text} wraps");
        for w in &found {
            assert!(w.3 < next.1, "{} runs into the next column", w.0);
        }
    };
    pieces(name, "部门(班组)");
    pieces(position, "签到");
}

#[test]
fn a_character_the_font_lacks_is_reported_and_printed_as_a_box() {
    let source = pdf::find_system_font().unwrap();
    let bytes = std::fs::read(&source.body.path).unwrap();
    let face = ttf_parser::Face::parse(&bytes, source.body.index).unwrap();
    // U+2A6D6 (𪛖, CJK Extension B) is outside Noto CJK's coverage; 䶮 (U+4DAE) is inside it.
    let rare = '\u{2A6D6}';
    assert!(
        face.glyph_index(rare).is_none(),
        "the test needs a character the font lacks"
    );
    assert!(face.glyph_index('䶮').is_some());
    let name = format!("刘{rare}䶮");
    let (_d, db, id) = small("安全生产专题讲座", &name, "班员");
    let doc = pdf::sign_in_sheet(db.conn(), id, &opts()).unwrap();
    assert_eq!(doc.missing_glyphs, vec![rare]);
    assert!(doc.missing_glyphs_warning().unwrap().contains(rare));
    let (_dir, _, text) = text_of("missing.pdf", &doc);
    assert!(text.contains("刘□䶮"), "{text}");
}

#[test]
fn fonts_are_found_on_the_system_or_refused_with_a_chinese_message() {
    let source = pdf::find_system_font().unwrap();
    eprintln!("{}", source.describe());
    // On Windows the fonts are looked for where Windows keeps them (%WINDIR%\Fonts; under Wine
    // scripts/cross-test.sh puts Noto Sans CJK there), never in Linux's folders.
    #[cfg(windows)]
    {
        let fonts = Path::new(&std::env::var_os("WINDIR").unwrap()).join("Fonts");
        assert!(source.body.path.starts_with(&fonts), "{source:?}");
    }
    // On Debian with fonts-noto-cjk: Noto Serif CJK SC Bold for titles, Noto Sans CJK SC for
    // text — the SC faces of the collections, not index 0 (JP).
    if !cfg!(windows) && source.body.path.to_string_lossy().contains("NotoSansCJK") {
        assert_eq!(source.body.family, "Noto Sans CJK SC", "{source:?}");
        assert_ne!(source.body.index, 0);
        assert_eq!(source.title.family, "Noto Serif CJK SC", "{source:?}");
        assert!(source.title.path.ends_with("NotoSerifCJK-Bold.ttc"));
        assert!(source.has_bold_title());
    }

    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("bad.ttf");
    std::fs::write(&garbage, b"not a font").unwrap();
    let cases = [
        (dir.path().join("none.ttf"), "文件不存在"),
        (garbage, "不是有效的"),
    ];
    for (path, message) in cases {
        let err = FontChoice { path: Some(path) }.resolve().unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
        assert!(err.to_string().starts_with("字体"), "{err}");
    }
    let latin = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if latin.exists() {
        let err = FontChoice {
            path: Some(latin.into()),
        }
        .resolve()
        .unwrap_err();
        assert!(err.to_string().contains("不含中文字符"), "{err}");
    }

    // A chosen file is used for everything (the title drawn emboldened).
    let serif = source.body.path.with_file_name("NotoSerifCJK-Regular.ttc");
    if serif.exists() {
        let db = demo();
        let id = big_planned_activity(db.conn());
        let mut o = opts();
        o.font = FontChoice {
            path: Some(serif.clone()),
        };
        let doc = pdf::sign_in_sheet(db.conn(), id, &o).unwrap();
        assert_eq!(doc.font.body.path, serif);
        assert_eq!(doc.font.body.family, "Noto Serif CJK SC");
        assert!(!doc.font.has_bold_title());
        let (_dir, _, text) = text_of("serif.pdf", &doc);
        assert!(text.contains("签到表"));
    }
}

#[test]
fn a_cancelled_activity_is_not_printed() {
    let (_d, mut db, id) = small("安全生产专题讲座", "张三", "班员");
    db.transact(&Actor::local(), qungong::Action::ActivityCancel, |tx| {
        qungong::activities::cancel(tx, id, false)
    })
    .unwrap();
    let err = pdf::sign_in_sheet(db.conn(), id, &opts()).unwrap_err();
    assert!(err.to_string().contains("已取消"), "{err}");
    assert!(pdf::attendance_sheet(db.conn(), 999, &opts()).is_err());
}

#[test]
fn structure_report_draws_the_core_numbers_as_vector_charts_and_tables() {
    use qungong::structure::{self, Config, Population, StructureQuery};
    let db = demo();
    let q = StructureQuery {
        unit_id: None,
        population: Population::All,
        as_of: today(),
    };
    let cfg = Config::default();
    let a = structure::analyse(db.conn(), &q, &cfg, 5).unwrap();
    let doc = pdf::structure_report(db.conn(), &q, &cfg, 5, &opts()).unwrap();
    let (_dir, path, text) = text_of("structure-report.pdf", &doc);
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("国网示范县供电公司全体在职职工队伍结构分析报告"));
    assert!(flat.contains(&format!("{}人", a.structure.headcount)));
    let outlook: String = a.outlook.split_whitespace().collect();
    assert!(flat.contains(&outlook), "outlook sentence: {outlook}");
    for w in &a.warnings {
        let line: String = format!("【{}】{}", w.title, w.message)
            .split_whitespace()
            .collect();
        assert!(flat.contains(&line), "warning {line}");
    }
    for r in &a.retiring {
        let no = r.employee_no.as_deref().unwrap();
        assert_eq!(token_count(&text, no), 1, "retiree {}", r.name);
    }
    footer_check(&text, doc.pages);

    // The pyramid on page 1: each bracket's label with its men's and women's counts written
    // beside the bars, on the same line.
    let words = words(&path);
    for row in &a.structure.pyramid {
        let on_line = |y: f32| -> Vec<&str> {
            words
                .iter()
                .filter(|w| (w.2 - y).abs() < 2.0)
                .map(|w| w.0.as_str())
                .collect()
        };
        let found = words.iter().filter(|w| w.0 == row.label).any(|w| {
            let line = on_line(w.2);
            line.len() == 3
                && line.contains(&row.male.to_string().as_str())
                && line.contains(&row.female.to_string().as_str())
        });
        assert!(
            found,
            "pyramid row {} {} {}",
            row.label, row.male, row.female
        );
    }
    // Charts are drawn, not pasted in as pictures.
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages (poppler-utils)");
    let listing = String::from_utf8_lossy(&images.stdout);
    assert_eq!(listing.lines().count(), 2, "no images: {listing}");
    // The bars make page 1 dark (7.6% of the pixels with Noto CJK here).
    let dark = dark_share_of_page_one(&path);
    assert!(dark > 0.06, "dark share {dark}");
}

/// The report over every unit names the company — in its title, its 单位 line and its file
/// name — never 全公司; with several top-level units it says there are others, with no unit at
/// all it says 全部单位. Every count of people it prints is a whole number.
#[test]
fn the_structure_report_of_every_unit_names_the_company() {
    use qungong::codes::UnitKind;
    use qungong::pdf::job::{PrintJob, file_name};
    use qungong::structure::{Config, Population, StructureQuery};
    let q = StructureQuery {
        unit_id: None,
        population: Population::All,
        as_of: today(),
    };
    let report = |db: &Db| -> String {
        let doc = pdf::structure_report(db.conn(), &q, &Config::default(), 5, &opts()).unwrap();
        let (_dir, _path, text) = text_of("structure-scope.pdf", &doc);
        text.split_whitespace().collect()
    };
    let job = PrintJob::Structure {
        unit_id: None,
        population: Population::All,
        as_of: today(),
        years: 5,
    };

    let demo = demo();
    let flat = report(&demo);
    let company = "国网示范县供电公司";
    assert!(
        flat.contains(&format!("{company}全体在职职工队伍结构分析报告")),
        "title: {flat}"
    );
    assert!(
        flat.contains(&format!("单位：{company}人员范围")),
        "单位 line: {flat}"
    );
    assert!(!flat.contains("全公司"), "{flat}");
    assert_eq!(
        file_name(demo.conn(), &job).unwrap(),
        format!("队伍结构分析报告-{company}全体在职职工-20261124.pdf")
    );
    // "2.5 人" would be a count no one can be: every number before 人 is whole.
    let chars: Vec<char> = flat.chars().collect();
    let mut counts = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c != '人' {
            continue;
        }
        let number: String = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .collect();
        if number.chars().any(|c| c.is_ascii_digit()) {
            counts += 1;
            assert!(
                !number.contains('.'),
                "a fractional count of people: {}人",
                number.chars().rev().collect::<String>()
            );
        }
    }
    assert!(counts > 10, "the report's counts of people: {counts}");

    // Two top-level units, one of them the company; then none.
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(dir.path().join("two.db")).unwrap();
    db.transact(&Actor::local(), qungong::Action::Demo, |tx| {
        let company = qungong::units::add(tx, "城关供电公司", UnitKind::Company, None)?;
        qungong::people::add(tx, common::person_input("10001", "张三", company))?;
        let other = qungong::units::add(tx, "离退休管理站", UnitKind::Department, None)?;
        qungong::people::add(tx, common::person_input("10002", "李四", other))?;
        Ok(())
    })
    .unwrap();
    let flat = report(&db);
    assert!(
        flat.contains("单位：城关供电公司及其他单位人员范围"),
        "{flat}"
    );
    let empty = Db::open(dir.path().join("empty.db")).unwrap();
    assert!(report(&empty).contains("单位：全部单位人员范围"));
    assert_eq!(
        qungong::units::company_name(empty.conn()).unwrap(),
        "全部单位"
    );
}
