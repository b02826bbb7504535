use super::*;

/// CJK 1 em, ASCII 0.5 em, U+2A6D6 missing.
struct Fake;
impl Metrics for Fake {
    fn advance(&self, _face: FaceId, c: char) -> Option<f32> {
        match c {
            '\u{2A6D6}' => None,
            c if c.is_ascii() => Some(0.5),
            _ => Some(1.0),
        }
    }
}

fn wrap(text: &str, max_em: f32) -> Vec<String> {
    let mut ts = Typesetter::new(&Fake);
    ts.wrap(FaceId::Body, 10.0, text, max_em * 10.0)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn cjk_breaks_anywhere_and_lines_fit() {
    assert_eq!(
        wrap("安全生产专题讲座签到表", 4.0),
        ["安全生产", "专题讲座", "签到表"]
    );
    let mut ts = Typesetter::new(&Fake);
    let text = "国网示范县供电公司运维检修部变电运维一班（城关变电站）值班长兼安全员";
    for max in [3.0, 4.0, 5.5, 7.0] {
        let lines = ts.wrap(FaceId::Body, 10.0, text, max * 10.0);
        assert!(
            lines.iter().all(|l| l.width <= max * 10.0 + 0.01),
            "{lines:?}"
        );
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, text);
    }
}

#[test]
fn latin_and_digit_runs_stay_together_when_they_fit() {
    // "10kV" is 2 em wide: it moves to the next line whole.
    assert_eq!(wrap("变电站10kV母线", 4.0), ["变电站", "10kV母线"]);
    // An 18-digit number in a 4-em cell is broken by character, every line filled.
    let lines = wrap("140105198503120018", 4.0);
    assert_eq!(lines, ["14010519", "85031200", "18"]);
    // Spaces break Latin words and vanish at line ends.
    assert_eq!(wrap("ab cd ef", 2.5), ["ab cd", "ef"]);
}

#[test]
fn punctuation_does_not_start_or_end_a_line() {
    // The comma stays with 讲, 《 with 安.
    assert_eq!(wrap("学习讲，好", 3.0), ["学习", "讲，好"]);
    assert_eq!(wrap("学习《安全", 3.0), ["学习", "《安全"]);
    assert_eq!(wrap("一行\n两行", 10.0), ["一行", "两行"]);
    assert!(wrap("", 4.0).is_empty());
}

#[test]
fn missing_characters_become_placeholders_and_are_reported() {
    let mut ts = Typesetter::new(&Fake);
    let lines = ts.wrap(FaceId::Body, 10.0, "王\u{2A6D6}明", 10.0 * 10.0);
    assert_eq!(lines[0].text, format!("王{PLACEHOLDER}明"));
    assert_eq!(
        ts.missing.iter().copied().collect::<Vec<_>>(),
        ['\u{2A6D6}']
    );
}

fn table(rows: usize, min_row_height: f32) -> DocSpec {
    DocSpec {
        running_title: "测试".into(),
        landscape: false,
        blocks: vec![
            Block::Title("测试表".into()),
            Block::Table(Table {
                columns: vec![
                    Column::new("序号", 1.0, Align::Center),
                    Column::new("姓名", 2.0, Align::Left),
                    Column::new("岗位", 1.0, Align::Left),
                ],
                rows: (1..=rows)
                    .map(|i| {
                        vec![
                            i.to_string(),
                            format!("人{i}"),
                            if i % 7 == 0 {
                                "变电运维值班长兼安全员".to_string()
                            } else {
                                "班员".into()
                            },
                        ]
                    })
                    .collect(),
                size: 10.0,
                min_row_height,
            }),
            Block::Paragraph("应到 N 人".into()),
        ],
    }
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn header_row_is_repeated_on_every_page_and_footer_counts_pages() {
    let laid = layout(&table(200, 0.0), &Fake);
    let n = laid.pages.len();
    assert!(n > 3, "{n} pages");
    for (i, page) in laid.pages.iter().enumerate() {
        let t = texts(page);
        assert_eq!(t.iter().filter(|s| **s == "姓名").count(), 1, "page {i}");
        assert!(t.contains(&format!("第 {} 页 共 {n} 页", i + 1).as_str()));
    }
    // Every row appears once, in order, and no row is split: each row's texts are on one page.
    let all: Vec<&str> = laid.pages.iter().flat_map(texts).collect();
    for i in 1..=200 {
        assert_eq!(all.iter().filter(|s| **s == format!("人{i}")).count(), 1);
    }
    assert!(laid.pages[1..].iter().all(|p| texts(p)[0] == "测试（续）"));
}

#[test]
fn nothing_is_drawn_below_the_bottom_margin_or_outside_its_cell() {
    let laid = layout(&table(120, mm(10.0)), &Fake);
    let bottom = laid.height - mm(MARGIN_BOTTOM);
    for page in &laid.pages {
        for item in &page.items {
            match item {
                Item::Rule { y1, y2, .. } => {
                    assert!(*y1 <= bottom + 0.01 && *y2 <= bottom + 0.01)
                }
                Item::Text { x, text, size, .. } if !text.starts_with('第') => {
                    let width: f32 = text
                        .chars()
                        .map(|c| Fake.advance(FaceId::Body, c).unwrap() * size)
                        .sum();
                    assert!(*x >= mm(MARGIN_X) - 0.01);
                    assert!(x + width <= laid.width - mm(MARGIN_X) + 0.01, "{text}");
                }
                _ => {}
            }
        }
    }
    // 10 mm rows: the wrapped 岗位 cells (2 lines) still fit in them.
    let rule_ys: Vec<f32> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { y1, y2, .. } if y1 == y2 => Some(*y1),
            _ => None,
        })
        .collect();
    for pair in rule_ys[2..].windows(2) {
        assert!(pair[1] - pair[0] >= mm(10.0) - 0.01);
    }
}

#[test]
fn cell_text_stays_inside_narrow_columns() {
    let spec = DocSpec {
        running_title: "t".into(),
        landscape: false,
        blocks: vec![Block::Table(Table {
            columns: vec![
                Column::new("岗位", 4.0 * 10.5 + 2.0 * PAD_X, Align::Left),
                Column::new("其他", 400.0, Align::Left),
            ],
            rows: vec![vec!["变电运维一班副班长兼安全员".into(), "x".into()]],
            size: 10.5,
            min_row_height: 0.0,
        })],
    };
    let laid = layout(&spec, &Fake);
    let cell = (laid.width - 2.0 * mm(MARGIN_X)) * (4.0 * 10.5 + 6.0) / (4.0 * 10.5 + 6.0 + 400.0);
    let lines: Vec<(f32, String)> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, text, .. }
                if *x < mm(MARGIN_X) + cell
                    && *y < laid.height - mm(MARGIN_BOTTOM)
                    && text != "岗位" =>
            {
                Some((*x, text.clone()))
            }
            _ => None,
        })
        .collect();
    assert!(lines.len() >= 3, "{lines:?}");
    for (x, text) in &lines {
        let w = text.chars().count() as f32 * 10.5;
        assert!(x + w <= mm(MARGIN_X) + cell + 0.01, "{text} overflows");
    }
    let joined: String = lines.iter().map(|l| l.1.as_str()).collect();
    assert_eq!(joined, "变电运维一班副班长兼安全员");
}
