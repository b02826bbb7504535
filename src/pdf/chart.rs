//! Charts drawn into a document as vector graphics (filled rectangles, lines and text), in
//! greys so they read the same from a black-and-white office printer: the numbers are written
//! beside the bars and points rather than left to colours.

use super::layout::{FaceId, Item, Typesetter};

/// Text size of chart labels, in points.
const LABEL: f32 = 8.0;
const MALE_GREY: f32 = 0.35;
const FEMALE_GREY: f32 = 0.7;
const BAR_GREY: f32 = 0.45;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Chart {
    /// Age pyramid: (bracket, male, female), youngest first; drawn oldest at the top, men to
    /// the left, women to the right.
    Pyramid(Vec<(String, i64, i64)>),
    /// Horizontal bars: (label, count, share 0–1).
    Bars(Vec<(String, i64, f64)>),
    /// One value over time: the points' labels and values; points from `projected_from` on
    /// are a projection (dashed line on a shaded ground). `unit` follows each value ("岁").
    Line {
        labels: Vec<String>,
        values: Vec<Option<f64>>,
        projected_from: usize,
        unit: &'static str,
    },
}

const PYRAMID_ROW: f32 = 17.0;
const BAR_ROW: f32 = 15.0;
const LINE_PLOT: f32 = 120.0;

impl Chart {
    /// The height the chart takes, in points.
    pub fn height(&self) -> f32 {
        match self {
            Chart::Pyramid(rows) => 18.0 + PYRAMID_ROW * rows.len() as f32 + 4.0,
            Chart::Bars(rows) => BAR_ROW * rows.len() as f32 + 4.0,
            Chart::Line { .. } => LINE_PLOT + 34.0,
        }
    }

    /// The chart's marks with its top-left corner at (`x`, `y`), `w` wide.
    pub fn draw(&self, ts: &mut Typesetter, x: f32, y: f32, w: f32) -> Vec<Item> {
        let mut out = Marks {
            ts,
            items: Vec::new(),
        };
        match self {
            Chart::Pyramid(rows) => out.pyramid(rows, x, y, w),
            Chart::Bars(rows) => out.bars(rows, x, y, w),
            Chart::Line {
                labels,
                values,
                projected_from,
                unit,
            } => out.line(labels, values, *projected_from, unit, x, y, w),
        }
        out.items
    }
}

struct Marks<'a, 'm> {
    ts: &'a mut Typesetter<'m>,
    items: Vec<Item>,
}

#[derive(Clone, Copy)]
enum At {
    Left,
    Center,
    Right,
}

impl Marks<'_, '_> {
    /// Text whose vertical middle is at `mid`, placed by its left edge, centre or right edge.
    fn text(&mut self, text: &str, x: f32, mid: f32, at: At, size: f32) -> f32 {
        let line = self.ts.line(FaceId::Body, size, text);
        let x = match at {
            At::Left => x,
            At::Center => x - line.width / 2.0,
            At::Right => x - line.width,
        };
        let width = line.width;
        self.items.push(Item::Text {
            x,
            // The em box centred on `mid`: baseline at top + ascent.
            y: mid - size / 2.0 + 0.88 * size,
            face: FaceId::Body,
            size,
            text: line.text,
        });
        width
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        if w > 0.0 && h > 0.0 {
            self.items.push(Item::Fill { x, y, w, h, grey });
        }
    }

    fn stroke(&mut self, points: Vec<(f32, f32)>, width: f32, grey: f32, dashed: bool) {
        self.items.push(Item::Stroke {
            points,
            width,
            grey,
            dashed,
        });
    }

    fn legend(&mut self, entries: &[(&str, f32)], x_center: f32, mid: f32) {
        // Measure first to centre the whole legend.
        let gap = 14.0;
        let widths: Vec<f32> = entries
            .iter()
            .map(|(t, _)| self.ts.line(FaceId::Body, LABEL, t).width + 12.0)
            .collect();
        let total: f32 = widths.iter().sum::<f32>() + gap * (entries.len() as f32 - 1.0);
        let mut x = x_center - total / 2.0;
        for ((label, grey), w) in entries.iter().zip(widths) {
            self.fill(x, mid - 4.0, 8.0, 8.0, *grey);
            self.text(label, x + 12.0, mid, At::Left, LABEL);
            x += w + gap;
        }
    }

    fn pyramid(&mut self, rows: &[(String, i64, i64)], x: f32, y: f32, w: f32) {
        let label_w = 64.0;
        let number_w = 26.0;
        let center = x + w / 2.0;
        let half = (w - label_w) / 2.0 - number_w;
        let max = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(0).max(1) as f32;
        self.legend(&[("男", MALE_GREY), ("女", FEMALE_GREY)], center, y + 6.0);
        let top = y + 18.0;
        let bar_h = PYRAMID_ROW - 5.0;
        for (i, (label, male, female)) in rows.iter().rev().enumerate() {
            let row_top = top + PYRAMID_ROW * i as f32;
            let mid = row_top + PYRAMID_ROW / 2.0;
            self.text(label, center, mid, At::Center, LABEL);
            let ml = half * *male as f32 / max;
            let fl = half * *female as f32 / max;
            let left_edge = center - label_w / 2.0;
            let right_edge = center + label_w / 2.0;
            self.fill(left_edge - ml, mid - bar_h / 2.0, ml, bar_h, MALE_GREY);
            self.fill(right_edge, mid - bar_h / 2.0, fl, bar_h, FEMALE_GREY);
            self.text(
                &male.to_string(),
                left_edge - ml - 3.0,
                mid,
                At::Right,
                LABEL,
            );
            self.text(
                &female.to_string(),
                right_edge + fl + 3.0,
                mid,
                At::Left,
                LABEL,
            );
        }
        let bottom = top + PYRAMID_ROW * rows.len() as f32;
        for edge in [center - label_w / 2.0, center + label_w / 2.0] {
            self.stroke(vec![(edge, top), (edge, bottom)], 0.5, 0.0, false);
        }
    }

    fn bars(&mut self, rows: &[(String, i64, f64)], x: f32, y: f32, w: f32) {
        let label_w = 78.0;
        let number_w = 86.0;
        let room = w - label_w - number_w;
        let max = rows
            .iter()
            .map(|r| r.2)
            .fold(0.0f64, f64::max)
            .max(f64::EPSILON);
        let left = x + label_w;
        for (i, (label, count, share)) in rows.iter().enumerate() {
            let mid = y + BAR_ROW * i as f32 + BAR_ROW / 2.0;
            self.text(label, left - 4.0, mid, At::Right, LABEL);
            let len = room * (*share / max) as f32;
            self.fill(left, mid - 5.0, len, 10.0, BAR_GREY);
            let text = format!("{count} 人（{:.1}%）", share * 100.0);
            self.text(&text, left + len + 4.0, mid, At::Left, LABEL);
        }
        let bottom = y + BAR_ROW * rows.len() as f32;
        self.stroke(vec![(left, y), (left, bottom)], 0.5, 0.0, false);
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        labels: &[String],
        values: &[Option<f64>],
        projected_from: usize,
        unit: &str,
        x: f32,
        y: f32,
        w: f32,
    ) {
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        let (lo, hi) = match (
            known.iter().copied().reduce(f64::min),
            known.iter().copied().reduce(f64::max),
        ) {
            (Some(lo), Some(hi)) => (lo, hi),
            _ => (0.0, 1.0),
        };
        // A count of people is ticked in whole numbers (no "2.5 人").
        let (lo, hi, step) = axis(lo, hi, unit == "人");
        let axis_w = 34.0;
        let left = x + axis_w;
        let plot_w = w - axis_w - 8.0;
        let top = y + 14.0;
        let bottom = top + LINE_PLOT;
        let n = labels.len().max(1);
        let slot = plot_w / n as f32;
        let px = |i: usize| left + slot * (i as f32 + 0.5);
        let py = |v: f64| bottom - ((v - lo) / (hi - lo)) as f32 * LINE_PLOT;
        if projected_from < n {
            let from = left + slot * projected_from as f32;
            self.fill(from, top, left + plot_w - from, LINE_PLOT, 0.93);
            self.text(
                "预测（不补充新人）",
                left + plot_w - 3.0,
                bottom - 7.0,
                At::Right,
                LABEL,
            );
        }
        let mut tick = lo;
        while tick <= hi + step * 0.01 {
            let ty = py(tick);
            self.stroke(vec![(left, ty), (left + plot_w, ty)], 0.3, 0.75, false);
            self.text(&format_tick(tick, step), left - 4.0, ty, At::Right, LABEL);
            tick += step;
        }
        self.stroke(
            vec![(left, top), (left, bottom), (left + plot_w, bottom)],
            0.5,
            0.0,
            false,
        );
        self.text(unit, left - 4.0, top - 8.0, At::Right, LABEL);
        for (i, label) in labels.iter().enumerate() {
            self.text(label, px(i), bottom + 9.0, At::Center, LABEL - 0.5);
        }
        // The record (solid) up to the projection's first point, the projection dashed from the
        // last recorded point on.
        let pts: Vec<Option<(f32, f32)>> = values
            .iter()
            .enumerate()
            .map(|(i, v)| v.map(|v| (px(i), py(v))))
            .collect();
        let split = projected_from.min(pts.len());
        for (range, dashed) in [
            (0..split, false),
            (split.saturating_sub(1)..pts.len(), true),
        ] {
            let run: Vec<(f32, f32)> = pts[range].iter().flatten().copied().collect();
            if run.len() >= 2 {
                self.stroke(run, 1.2, 0.1, dashed);
            }
        }
        for (i, v) in values.iter().enumerate() {
            if let (Some(v), Some((cx, cy))) = (v, pts[i]) {
                self.fill(cx - 2.0, cy - 2.0, 4.0, 4.0, 0.0);
                self.text(&format!("{v:.1}"), cx, cy - 8.0, At::Center, LABEL - 1.0);
            }
        }
    }
}

/// A round axis around [lo, hi]: (start, end, step) with about four steps; with `whole`, steps
/// of 1, 2, 5 × 10ⁿ only, never below 1 (an axis counting people).
fn axis(lo: f64, hi: f64, whole: bool) -> (f64, f64, f64) {
    let span = (hi - lo).max(1.0);
    let raw = span / 4.0;
    let p = 10f64.powf(raw.log10().floor());
    let multiples: &[f64] = if whole {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let step = multiples
        .iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    let step = if whole { step.max(1.0) } else { step };
    let start = (lo / step).floor() * step;
    let mut end = (hi / step).ceil() * step;
    if end <= start {
        end = start + step;
    }
    (start, end, step)
}

fn format_tick(v: f64, step: f64) -> String {
    if step.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round_and_cover_the_values() {
        assert_eq!(axis(38.2, 44.9, false), (38.0, 46.0, 2.0));
        assert_eq!(axis(40.0, 40.0, false), (40.0, 40.25, 0.25));
        assert_eq!(axis(0.0, 137.0, false), (0.0, 150.0, 50.0));
    }

    #[test]
    fn an_axis_counting_people_has_whole_steps() {
        // Without the rule the first two would tick in steps of 2.5 and 0.25.
        assert_eq!(axis(0.0, 9.0, true), (0.0, 10.0, 5.0));
        assert_eq!(axis(3.0, 3.0, true), (3.0, 4.0, 1.0));
        assert_eq!(axis(0.0, 1000.0, true), (0.0, 1000.0, 500.0));
        for hi in 1..=400 {
            let (lo, end, step) = axis(0.0, f64::from(hi), true);
            assert!(step >= 1.0 && step.fract() == 0.0, "{hi}: step {step}");
            assert!(
                lo.fract() == 0.0 && end >= f64::from(hi),
                "{hi}: {lo}–{end}"
            );
        }
        assert_eq!(format_tick(5.0, 5.0), "5");
    }
}
