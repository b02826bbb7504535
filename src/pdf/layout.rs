//! Page layout, independent of the PDF library: blocks (title, fields, tables …) are wrapped with
//! the font's real advance widths and flowed onto A4 pages as positioned text and rules. The
//! whole document is laid out before anything is drawn, so the page count is known for
//! "第 N 页 共 M 页". Lengths are in points, y grows downwards from the top of the page.

use std::collections::BTreeSet;

/// Millimetres to points.
pub(crate) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

pub(crate) const A4_SHORT: f32 = 595.276;
pub(crate) const A4_LONG: f32 = 841.89;

/// Which face a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaceId {
    /// Titles and table headers (bold Song).
    Title,
    /// Everything else.
    Body,
}

/// What the layout needs to know of the fonts.
pub(crate) trait Metrics {
    /// The advance of `c` in em, or None when the face has no glyph for it.
    fn advance(&self, face: FaceId, c: char) -> Option<f32>;
    /// The baseline's distance from the top of a line's em box, in em.
    fn ascent(&self, _face: FaceId) -> f32 {
        0.88
    }
}

/// Drawn instead of a character the font lacks, so the gap is seen and can be written in by hand.
pub(crate) const PLACEHOLDER: char = '□';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub title: String,
    /// Share of the table's width (relative to the other columns).
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, weight: f32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            weight,
            align,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Text size in points.
    pub size: f32,
    /// The least height of a body row (the sign-in sheet's rows are tall enough to sign).
    pub min_row_height: f32,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// The document title: centred, bold, wrapped.
    Title(String),
    /// "标签：值" pairs in a grid of `per_row` columns, without rules.
    Fields {
        items: Vec<(String, String)>,
        per_row: usize,
    },
    /// One line with a text at the left and one at the right (单位 … 打印日期).
    Meta {
        left: String,
        right: String,
    },
    /// A bold line before a table.
    Heading(String),
    /// Running text.
    Paragraph(String),
    Table(Table),
    /// A chart, kept on one page.
    Chart(super::chart::Chart),
    /// A ruled form of 标签 | 值 cells (活动记录), see [`record`].
    Form(Vec<record::FormRow>),
    /// Photos two to a row, each scaled to fit, its caption under it (活动记录).
    Photos(Vec<record::Photo>),
    Space(f32),
    /// What follows starts on a new page (a form per person); nothing at the top of a page.
    PageBreak,
}

#[derive(Debug, Clone)]
pub(crate) struct DocSpec {
    /// Repeated small at the top of continuation pages: "…（续）".
    pub running_title: String,
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

/// A positioned mark on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        face: FaceId,
        size: f32,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// A line through `points`, `width` points wide, in `grey`, maybe dashed (charts).
    Stroke {
        points: Vec<(f32, f32)>,
        width: f32,
        grey: f32,
        dashed: bool,
    },
    /// A JPEG picture filling the box whose top left corner is (`x`, `y`).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: std::sync::Arc<record::Embedded>,
    },
    /// A grey filled rectangle (`grey` 0 black … 1 white), drawn under the text.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug)]
pub(crate) struct Laid {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    /// Characters the fonts lack (drawn as [`PLACEHOLDER`]).
    pub missing: BTreeSet<char>,
}

const MARGIN_X: f32 = 15.0; // mm
const MARGIN_TOP: f32 = 14.0; // mm
const MARGIN_BOTTOM: f32 = 16.0; // mm: the footer sits in it
const FOOTER_BASELINE: f32 = 9.0; // mm above the bottom edge
const TITLE_SIZE: f32 = 18.0; // 小二
const TEXT_SIZE: f32 = 10.5; // 五号
const HEADING_SIZE: f32 = 12.0; // 小四
const SMALL_SIZE: f32 = 9.0; // 小五
const LEADING: f32 = 1.3; // line height / size
const PAD_X: f32 = 3.0; // cell padding, pt
const PAD_Y: f32 = 3.0;
pub(crate) const HEADER_GREY: f32 = 0.9;

/// One wrapped line: its text and width in points.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    pub width: f32,
}

/// A character with its width in points, after missing characters were replaced.
type Glyph = (char, f32);

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '-' | '_' | '/' | '@' | ':' | '%' | '+' | '*' | '#' | '\'' | '(' | ')'
        )
        || c.is_alphabetic() && (c as u32) < 0x2E80 // Latin, Greek, Cyrillic letters
}

/// Never at the start of a line (标点避头).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '％'
            | '】'
            | '〕'
    )
}

/// Never at the end of a line (标点避尾).
fn is_opening(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '『' | '“' | '‘' | '【' | '〔')
}

/// Breaks `glyphs` into lines no wider than `max`: CJK may break between any two characters
/// (but not before closing or after opening punctuation), a run of Latin letters and digits
/// stays together when it fits on a line, spaces vanish at line ends, '\n' forces a break.
/// Only a single character wider than `max` can overflow.
pub(crate) fn wrap_glyphs(glyphs: &[Glyph], max: f32) -> Vec<Line> {
    const EPS: f32 = 0.01;
    // Atoms: (start, end) ranges that are not broken unless wider than a line.
    let mut atoms: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let c = glyphs[i].0;
        let mut end = i + 1;
        if is_word_char(c) {
            while end < glyphs.len() && is_word_char(glyphs[end].0) {
                end += 1;
            }
        }
        let attach_next = is_opening(c);
        // Closing punctuation joins the atom before it.
        if is_closing(c)
            && let Some(last) = atoms.last_mut()
            && last.1 == i
            && glyphs[last.0].0 != ' '
            && glyphs[last.0].0 != '\n'
        {
            last.1 = end;
        } else {
            atoms.push((i, end));
        }
        if attach_next && end < glyphs.len() && glyphs[end].0 != '\n' && glyphs[end].0 != ' ' {
            // Take the next character (or word) into this atom.
            let mut next_end = end + 1;
            if is_word_char(glyphs[end].0) {
                while next_end < glyphs.len() && is_word_char(glyphs[next_end].0) {
                    next_end += 1;
                }
            }
            if let Some(last) = atoms.last_mut() {
                last.1 = next_end;
            }
            end = next_end;
        }
        i = end;
    }

    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Vec<Glyph> = Vec::new();
    let mut cur_w = 0.0f32;
    let push = |cur: &mut Vec<Glyph>, cur_w: &mut f32, lines: &mut Vec<Line>| {
        while cur.last().is_some_and(|g| g.0 == ' ') {
            let g = cur.pop().unwrap_or((' ', 0.0));
            *cur_w -= g.1;
        }
        lines.push(Line {
            text: cur.iter().map(|g| g.0).collect(),
            width: cur_w.max(0.0),
        });
        cur.clear();
        *cur_w = 0.0;
    };
    for &(start, end) in &atoms {
        let atom = &glyphs[start..end];
        if atom[0].0 == '\n' {
            push(&mut cur, &mut cur_w, &mut lines);
            continue;
        }
        if atom[0].0 == ' ' && cur.is_empty() {
            continue;
        }
        let w: f32 = atom.iter().map(|g| g.1).sum();
        if cur_w + w <= max + EPS {
            cur.extend_from_slice(atom);
            cur_w += w;
            continue;
        }
        if atom[0].0 == ' ' {
            push(&mut cur, &mut cur_w, &mut lines);
            continue;
        }
        if !cur.is_empty() {
            push(&mut cur, &mut cur_w, &mut lines);
        }
        if w <= max + EPS {
            cur.extend_from_slice(atom);
            cur_w = w;
            continue;
        }
        // Wider than a whole line: break it by character.
        for &g in atom {
            if cur_w + g.1 > max + EPS && !cur.is_empty() {
                push(&mut cur, &mut cur_w, &mut lines);
            }
            cur.push(g);
            cur_w += g.1;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        push(&mut cur, &mut cur_w, &mut lines);
    }
    // An empty text gives no lines.
    if lines.len() == 1 && lines[0].text.is_empty() {
        lines.clear();
    }
    lines
}

/// Measures text with the fonts and remembers what they lack.
pub(crate) struct Typesetter<'m> {
    m: &'m dyn Metrics,
    pub missing: BTreeSet<char>,
}

impl<'m> Typesetter<'m> {
    pub fn new(m: &'m dyn Metrics) -> Typesetter<'m> {
        Typesetter {
            m,
            missing: BTreeSet::new(),
        }
    }

    /// The characters of `text` with their widths at `size`; characters the face lacks become
    /// [`PLACEHOLDER`] (and are recorded), control characters become spaces ('\n' stays).
    fn glyphs(&mut self, face: FaceId, size: f32, text: &str) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            let c = match c {
                '\n' => {
                    out.push(('\n', 0.0));
                    continue;
                }
                '\r' => continue,
                c if c.is_control() => ' ',
                c => c,
            };
            match self.m.advance(face, c) {
                Some(w) => out.push((c, w * size)),
                None => {
                    if !c.is_whitespace() {
                        self.missing.insert(c);
                    }
                    let (p, w) = [PLACEHOLDER, '?']
                        .into_iter()
                        .find_map(|p| self.m.advance(face, p).map(|w| (p, w)))
                        .unwrap_or((' ', 0.5));
                    out.push((p, w * size));
                }
            }
        }
        out
    }

    pub fn wrap(&mut self, face: FaceId, size: f32, text: &str, max: f32) -> Vec<Line> {
        let glyphs = self.glyphs(face, size, text);
        wrap_glyphs(&glyphs, max)
    }

    /// One line, unwrapped ('\n' read as a space).
    pub fn line(&mut self, face: FaceId, size: f32, text: &str) -> Line {
        let glyphs = self.glyphs(face, size, &text.replace('\n', " "));
        Line {
            text: glyphs.iter().map(|g| g.0).collect(),
            width: glyphs.iter().map(|g| g.1).sum(),
        }
    }

    fn baseline(&self, face: FaceId, size: f32, line_top: f32, line_height: f32) -> f32 {
        line_top + (line_height - size) / 2.0 + self.m.ascent(face) * size
    }
}

/// A table row wrapped into its cells.
struct PreparedRow {
    height: f32,
    cells: Vec<Vec<Line>>,
}

struct Flow<'t, 'm> {
    ts: &'t mut Typesetter<'m>,
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    running_title: String,
    pages: Vec<Page>,
    y: f32,
}

impl Flow<'_, '_> {
    fn content_width(&self) -> f32 {
        self.right - self.left
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
        // Continuation pages say what they continue.
        let text = format!("{}（续）", self.running_title);
        let line = self.ts.line(FaceId::Body, SMALL_SIZE, &text);
        let lh = SMALL_SIZE * LEADING;
        let y = self.ts.baseline(FaceId::Body, SMALL_SIZE, self.y, lh);
        let x = self.left;
        self.page().items.push(Item::Text {
            x,
            y,
            face: FaceId::Body,
            size: SMALL_SIZE,
            text: line.text,
        });
        self.y += lh + 4.0;
    }

    /// Starts a new page unless `h` more fits on this one.
    fn ensure(&mut self, h: f32) {
        if self.pages.is_empty() {
            self.page();
        }
        if self.y + h > self.bottom + 0.01 && self.y > self.top + 30.0 {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, face: FaceId, size: f32, text: String) {
        if !text.is_empty() {
            self.page().items.push(Item::Text {
                x,
                y,
                face,
                size,
                text,
            });
        }
    }

    /// Lines of one face and size, each aligned within [x, x + w], from the current y.
    fn lines(&mut self, lines: Vec<Line>, face: FaceId, size: f32, x: f32, w: f32, align: Align) {
        let lh = size * LEADING;
        for line in lines {
            self.ensure(lh);
            let y = self.ts.baseline(face, size, self.y, lh);
            let x = match align {
                Align::Left => x,
                Align::Center => x + (w - line.width) / 2.0,
            };
            self.text(x, y, face, size, line.text);
            self.y += lh;
        }
    }

    fn block(&mut self, block: &Block) {
        let cw = self.content_width();
        let (left, _) = (self.left, self.right);
        match block {
            Block::Title(text) => {
                let lines = self.ts.wrap(FaceId::Title, TITLE_SIZE, text, cw * 0.9);
                self.lines(lines, FaceId::Title, TITLE_SIZE, left, cw, Align::Center);
                self.y += 6.0;
            }
            Block::Heading(text) => {
                let lines = self.ts.wrap(FaceId::Title, HEADING_SIZE, text, cw);
                // Not alone at the foot of a page: with room for what it heads.
                self.ensure(120.0);
                self.lines(lines, FaceId::Title, HEADING_SIZE, left, cw, Align::Left);
                self.y += 2.0;
            }
            Block::Paragraph(text) => {
                let lines = self.ts.wrap(FaceId::Body, TEXT_SIZE, text, cw);
                self.lines(lines, FaceId::Body, TEXT_SIZE, left, cw, Align::Left);
            }
            Block::Space(h) => self.y += h,
            Block::Meta { left: l, right: r } => {
                let lh = TEXT_SIZE * LEADING;
                let right = self.ts.line(FaceId::Body, TEXT_SIZE, r);
                let lines = self
                    .ts
                    .wrap(FaceId::Body, TEXT_SIZE, l, cw - right.width - 12.0);
                let n = lines.len().max(1);
                // Only a right side: the line is still taken.
                let right_only = lines.is_empty();
                self.ensure(lh * n as f32);
                let y = self.ts.baseline(FaceId::Body, TEXT_SIZE, self.y, lh);
                let x = self.right - right.width;
                self.text(x, y, FaceId::Body, TEXT_SIZE, right.text);
                self.lines(lines, FaceId::Body, TEXT_SIZE, left, cw, Align::Left);
                if right_only {
                    self.y += lh;
                }
            }
            Block::Fields { items, per_row } => self.fields(items, (*per_row).max(1)),
            Block::Table(t) => self.table(t),
            Block::Chart(chart) => {
                let h = chart.height();
                self.ensure(h);
                let (x, y) = (self.left, self.y);
                let items = chart.draw(self.ts, x, y, cw);
                self.page().items.extend(items);
                self.y += h + 6.0;
            }
            Block::Form(rows) => self.form(rows),
            Block::Photos(photos) => self.photos(photos),
            Block::PageBreak => {
                if self.y > self.top + 0.01 {
                    self.pages.push(Page::default());
                    self.y = self.top;
                }
            }
        }
    }

    fn fields(&mut self, items: &[(String, String)], per_row: usize) {
        let lh = TEXT_SIZE * LEADING;
        let cell_w = self.content_width() / per_row as f32;
        for chunk in items.chunks(per_row) {
            let mut cells = Vec::new();
            for (label, value) in chunk {
                let label = self.ts.line(FaceId::Body, TEXT_SIZE, &format!("{label}："));
                let value = self.ts.wrap(
                    FaceId::Body,
                    TEXT_SIZE,
                    value,
                    (cell_w - label.width - 8.0).max(TEXT_SIZE),
                );
                cells.push((label, value));
            }
            let n = cells.iter().map(|c| c.1.len().max(1)).max().unwrap_or(1);
            self.ensure(lh * n as f32);
            let top = self.y;
            for (i, (label, value)) in cells.into_iter().enumerate() {
                let x = self.left + cell_w * i as f32;
                let y = self.ts.baseline(FaceId::Body, TEXT_SIZE, top, lh);
                let indent = label.width;
                self.text(x, y, FaceId::Body, TEXT_SIZE, label.text);
                for (k, line) in value.into_iter().enumerate() {
                    let y = self
                        .ts
                        .baseline(FaceId::Body, TEXT_SIZE, top + lh * k as f32, lh);
                    self.text(x + indent, y, FaceId::Body, TEXT_SIZE, line.text);
                }
            }
            self.y = top + lh * n as f32;
        }
        self.y += 3.0;
    }

    fn prepare_row(
        &mut self,
        cells: &[String],
        widths: &[f32],
        face: FaceId,
        size: f32,
        min: f32,
    ) -> PreparedRow {
        let lh = size * LEADING;
        let cells: Vec<Vec<Line>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                self.ts.wrap(face, size, text, w - 2.0 * PAD_X)
            })
            .collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        PreparedRow {
            height: (n as f32 * lh + 2.0 * PAD_Y).max(min),
            cells,
        }
    }

    fn draw_row(
        &mut self,
        row: PreparedRow,
        columns: &[Column],
        widths: &[f32],
        face: FaceId,
        size: f32,
        header: bool,
    ) {
        let lh = size * LEADING;
        let top = self.y;
        if header {
            let (x, w, h) = (self.left, widths.iter().sum(), row.height);
            self.page().items.push(Item::Fill {
                x,
                y: top,
                w,
                h,
                grey: HEADER_GREY,
            });
        }
        let mut x = self.left;
        for ((lines, col), &w) in row.cells.into_iter().zip(columns).zip(widths) {
            let block = lines.len() as f32 * lh;
            let mut line_top = top + (row.height - block) / 2.0;
            let align = if header { Align::Center } else { col.align };
            for line in lines {
                let y = self.ts.baseline(face, size, line_top, lh);
                let lx = match align {
                    Align::Left => x + PAD_X,
                    Align::Center => x + (w - line.width) / 2.0,
                };
                self.text(lx, y, face, size, line.text);
                line_top += lh;
            }
            x += w;
        }
        self.y = top + row.height;
    }

    /// The rules of the part of a table on one page: a line under every row and the column
    /// borders from `top` to `bottoms.last()`.
    fn grid(&mut self, top: f32, bottoms: &[f32], widths: &[f32]) {
        let Some(&bottom) = bottoms.last() else {
            return;
        };
        let x0 = self.left;
        let x1 = x0 + widths.iter().sum::<f32>();
        let mut items = vec![Item::Rule {
            x1: x0,
            y1: top,
            x2: x1,
            y2: top,
        }];
        for &y in bottoms {
            items.push(Item::Rule {
                x1: x0,
                y1: y,
                x2: x1,
                y2: y,
            });
        }
        let mut x = x0;
        items.push(Item::Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: bottom,
        });
        for w in widths {
            x += w;
            items.push(Item::Rule {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
            });
        }
        self.page().items.extend(items);
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().map(|c| c.weight).sum::<f32>().max(0.001);
        let cw = self.content_width();
        let widths: Vec<f32> = t.columns.iter().map(|c| cw * c.weight / total).collect();
        let titles: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let header = self.prepare_row(&titles, &widths, FaceId::Title, t.size, 0.0);
        let header_h = header.height;
        let header_cells = header.cells;
        let start_header = |flow: &mut Self| -> f32 {
            let top = flow.y;
            let row = PreparedRow {
                height: header_h,
                cells: header_cells.clone(),
            };
            flow.draw_row(row, &t.columns, &widths, FaceId::Title, t.size, true);
            top
        };
        let rows: Vec<PreparedRow> = t
            .rows
            .iter()
            .map(|r| self.prepare_row(r, &widths, FaceId::Body, t.size, t.min_row_height))
            .collect();
        // The header and the first row start together.
        let first = rows.first().map_or(0.0, |r| r.height);
        self.ensure(header_h + first);
        let mut top = start_header(self);
        let mut bottoms = vec![self.y];
        for mut row in rows {
            if self.y + row.height > self.bottom + 0.01 {
                self.grid(top, &bottoms, &widths);
                self.new_page();
                top = start_header(self);
                bottoms = vec![self.y];
                // A row taller than a whole page is cut (never happens with real data: cells
                // hold at most a few lines).
                let room = self.bottom - self.y;
                if row.height > room {
                    let lh = t.size * LEADING;
                    let keep = (((room - 2.0 * PAD_Y) / lh).floor() as usize).max(1);
                    for cell in &mut row.cells {
                        cell.truncate(keep);
                    }
                    row.height = room;
                }
            }
            self.draw_row(row, &t.columns, &widths, FaceId::Body, t.size, false);
            bottoms.push(self.y);
        }
        self.grid(top, &bottoms, &widths);
        self.y += 8.0;
    }
}

/// Lays out a document: blocks flowed onto pages, then the footer "第 N 页 共 M 页" on each.
pub(crate) fn layout(spec: &DocSpec, m: &dyn Metrics) -> Laid {
    let (width, height) = if spec.landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    };
    let mut ts = Typesetter::new(m);
    let mut flow = Flow {
        ts: &mut ts,
        width,
        height,
        left: mm(MARGIN_X),
        right: width - mm(MARGIN_X),
        top: mm(MARGIN_TOP),
        bottom: height - mm(MARGIN_BOTTOM),
        running_title: spec.running_title.clone(),
        pages: vec![Page::default()],
        y: mm(MARGIN_TOP),
    };
    for block in &spec.blocks {
        flow.block(block);
    }
    let mut pages = std::mem::take(&mut flow.pages);
    let (fw, fh) = (flow.width, flow.height);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let text = format!("第 {} 页 共 {} 页", i + 1, total);
        let line = ts.line(FaceId::Body, SMALL_SIZE, &text);
        page.items.push(Item::Text {
            x: (fw - line.width) / 2.0,
            y: fh - mm(FOOTER_BASELINE),
            face: FaceId::Body,
            size: SMALL_SIZE,
            text: line.text,
        });
    }
    Laid {
        width,
        height,
        pages,
        missing: ts.missing,
    }
}

mod record;
#[cfg(test)]
mod tests;

pub(crate) use record::{Embedded, FormRow, Photo};
