//! The two blocks of the 活动记录 (`crate::pdf::record`): a ruled form of shaded 标签 cells and
//! their values, and the photos, two to a row, each scaled to fit its box, with its caption.

use std::sync::Arc;

use super::{
    Align, FaceId, Flow, HEADER_GREY, Item, LEADING, Line, PAD_X, PAD_Y, SMALL_SIZE, TEXT_SIZE, mm,
};

/// One row of a form: `(标签, 值)` pairs sharing the width (a label cell is always the same
/// width, the values share the rest), and the least height of the row (room to write by hand).
#[derive(Debug, Clone)]
pub(crate) struct FormRow {
    pub cells: Vec<(String, String)>,
    pub min_height: f32,
}

impl FormRow {
    pub fn new(cells: &[(&str, String)]) -> FormRow {
        FormRow {
            cells: cells
                .iter()
                .map(|(l, v)| (l.to_string(), v.clone()))
                .collect(),
            min_height: 0.0,
        }
    }

    pub fn tall(mut self, min_height: f32) -> FormRow {
        self.min_height = min_height;
        self
    }
}

/// A JPEG to embed as it is (DCTDecode), with its size in pixels.
#[derive(Clone, PartialEq)]
pub(crate) struct Embedded {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl std::fmt::Debug for Embedded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Embedded({}×{}, {} bytes)",
            self.width,
            self.height,
            self.jpeg.len()
        )
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Photo {
    pub picture: Arc<Embedded>,
    pub caption: String,
}

/// The width of a label cell.
fn label_width() -> f32 {
    mm(24.0)
}

/// Lines this many or fewer may sit in the middle of a cell; more start at its top.
const CENTRED_LINES: usize = 2;
/// A row split across pages leaves at least this many lines on the first page.
const MIN_SPLIT_LINES: usize = 3;

impl Flow<'_, '_> {
    pub(super) fn form(&mut self, rows: &[FormRow]) {
        let lh = TEXT_SIZE * LEADING;
        let label_w = label_width();
        for row in rows {
            let n = row.cells.len().max(1);
            let value_w = ((self.content_width() - label_w * n as f32) / n as f32).max(lh);
            let mut cells: Vec<(Vec<Line>, Vec<Line>)> = row
                .cells
                .iter()
                .map(|(label, value)| {
                    (
                        self.ts
                            .wrap(FaceId::Title, TEXT_SIZE, label, label_w - 2.0 * PAD_X),
                        self.ts
                            .wrap(FaceId::Body, TEXT_SIZE, value, value_w - 2.0 * PAD_X),
                    )
                })
                .collect();
            let mut min_height = row.min_height;
            loop {
                let lines = cells
                    .iter()
                    .map(|(l, v)| l.len().max(v.len()))
                    .max()
                    .unwrap_or(0)
                    .max(1);
                let natural = lines as f32 * lh + 2.0 * PAD_Y;
                let height = natural.max(min_height);
                if self.y + height <= self.bottom + 0.01 {
                    // A row made taller for writing by hand keeps its text at the top.
                    let at_top = height > natural;
                    self.form_row(&cells, label_w, value_w, height, at_top);
                    break;
                }
                // A long text (a summary of 2,000 characters) goes on over the page; anything
                // else moves to the next page whole.
                let room = ((self.bottom - self.y - 2.0 * PAD_Y) / lh).floor().max(0.0) as usize;
                let splittable = cells.len() == 1 && cells[0].1.len() > room;
                if splittable && room >= MIN_SPLIT_LINES {
                    let rest = cells[0].1.split_off(room);
                    let label = cells[0].0.clone();
                    let full = self.bottom - self.y;
                    self.form_row(&cells, label_w, value_w, full, true);
                    self.new_page();
                    let cont = self.ts.wrap(
                        FaceId::Title,
                        TEXT_SIZE,
                        &format!(
                            "{}（续）",
                            label.iter().map(|l| l.text.as_str()).collect::<String>()
                        ),
                        label_w - 2.0 * PAD_X,
                    );
                    cells = vec![(cont, rest)];
                    min_height = 0.0;
                    continue;
                }
                if self.y > self.top + 30.0 {
                    self.new_page();
                    continue;
                }
                // Taller than a page even at its top (never with real data): cut.
                let keep = room.max(1);
                for (l, v) in &mut cells {
                    l.truncate(keep);
                    v.truncate(keep);
                }
                let full = self.bottom - self.y;
                self.form_row(&cells, label_w, value_w, full, true);
                break;
            }
        }
        self.y += 8.0;
    }

    /// Draws one row of `height` at the current y: shaded labels, values (`at_top`, or in the
    /// middle when they are short), the cell rules.
    fn form_row(
        &mut self,
        cells: &[(Vec<Line>, Vec<Line>)],
        label_w: f32,
        value_w: f32,
        height: f32,
        at_top: bool,
    ) {
        let lh = TEXT_SIZE * LEADING;
        let top = self.y;
        let mut x = self.left;
        let mut items = Vec::new();
        let mut edges = vec![x];
        for (label, value) in cells {
            items.push(Item::Fill {
                x,
                y: top,
                w: label_w,
                h: height,
                grey: HEADER_GREY,
            });
            let block = label.len() as f32 * lh;
            let mut line_top = top + (height - block) / 2.0;
            for line in label {
                let y = self.ts.baseline(FaceId::Title, TEXT_SIZE, line_top, lh);
                items.push(Item::Text {
                    x: x + (label_w - line.width) / 2.0,
                    y,
                    face: FaceId::Title,
                    size: TEXT_SIZE,
                    text: line.text.clone(),
                });
                line_top += lh;
            }
            x += label_w;
            edges.push(x);
            let block = value.len() as f32 * lh;
            let mut line_top = if value.len() <= CENTRED_LINES && !at_top {
                top + (height - block) / 2.0
            } else {
                top + PAD_Y
            };
            for line in value {
                let y = self.ts.baseline(FaceId::Body, TEXT_SIZE, line_top, lh);
                if !line.text.is_empty() {
                    items.push(Item::Text {
                        x: x + PAD_X,
                        y,
                        face: FaceId::Body,
                        size: TEXT_SIZE,
                        text: line.text.clone(),
                    });
                }
                line_top += lh;
            }
            x += value_w;
            edges.push(x);
        }
        let (x0, x1, bottom) = (self.left, x, top + height);
        for y in [top, bottom] {
            items.push(Item::Rule {
                x1: x0,
                y1: y,
                x2: x1,
                y2: y,
            });
        }
        for &ex in &edges {
            items.push(Item::Rule {
                x1: ex,
                y1: top,
                x2: ex,
                y2: bottom,
            });
        }
        self.page().items.extend(items);
        self.y = bottom;
    }

    pub(super) fn photos(&mut self, photos: &[Photo]) {
        let gap = mm(6.0);
        let cell_w = (self.content_width() - gap) / 2.0;
        // A 4:3 landscape photo fills its box; a portrait one is as tall and narrower.
        let box_h = cell_w * 0.75;
        let lh = SMALL_SIZE * LEADING;
        for (row_no, pair) in photos.chunks(2).enumerate() {
            let placed: Vec<(f32, f32, Vec<Line>)> = pair
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let (pw, ph) = (
                        p.picture.width.max(1) as f32,
                        p.picture.height.max(1) as f32,
                    );
                    let scale = (cell_w / pw).min(box_h / ph);
                    let number = row_no * 2 + i + 1;
                    let caption = if p.caption.trim().is_empty() {
                        format!("图{number}")
                    } else {
                        format!("图{number}　{}", p.caption.trim())
                    };
                    let lines = self.ts.wrap(FaceId::Body, SMALL_SIZE, &caption, cell_w);
                    (pw * scale, ph * scale, lines)
                })
                .collect();
            let img_h = placed.iter().map(|p| p.1).fold(0.0, f32::max);
            let caption_lines = placed.iter().map(|p| p.2.len()).max().unwrap_or(0);
            let row_h = img_h + 4.0 + caption_lines as f32 * lh;
            self.ensure(row_h);
            let top = self.y;
            for (i, ((w, h, lines), photo)) in placed.into_iter().zip(pair).enumerate() {
                let cell_x = self.left + i as f32 * (cell_w + gap);
                let x = cell_x + (cell_w - w) / 2.0;
                let y = top + (img_h - h) / 2.0;
                self.page().items.push(Item::Image {
                    x,
                    y,
                    w,
                    h,
                    picture: photo.picture.clone(),
                });
                self.y = top + img_h + 4.0;
                self.lines(
                    lines,
                    FaceId::Body,
                    SMALL_SIZE,
                    cell_x,
                    cell_w,
                    Align::Center,
                );
            }
            self.y = top + row_h + 10.0;
        }
    }
}
