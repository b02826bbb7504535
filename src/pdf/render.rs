//! Laid-out pages → PDF bytes with printpdf: the faces embedded as subsets (only the glyphs used,
//! with a ToUnicode map so the text can be searched and copied).

use std::collections::HashMap;

use printpdf::{
    Codepoint, Color, DictItem, ExternalStream, ExternalXObject, FontId, Greyscale, Line,
    LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode, WindingOrder, XObjectTransform,
};

use crate::error::{Error, Result};

use super::font::{FaceMetrics, FontFile, LoadedFonts};
use super::layout::{Embedded, FaceId, Item, Laid};

const RULE_WIDTH: f32 = 0.5;

/// printpdf's parse of `file`, made once per process and kept with the file (font.rs). It
/// shares the file's bytes (`from_bytes` would keep a copy of its own: 20–30 MB a face).
fn parse(file: &FontFile) -> Result<&ParsedFont> {
    file.pdf
        .get_or_init(|| {
            let mut warnings = Vec::new();
            let bytes = printpdf::rust_fontconfig::FontBytes::Owned(file.bytes.clone());
            let face = printpdf::AzulParsedFont::from_bytes_shared(
                std::sync::Arc::new(bytes),
                file.face.index as usize,
                &mut warnings,
            )?;
            Some(ParsedFont::from_azul(face))
        })
        .as_ref()
        .ok_or_else(|| {
            Error::invalid(
                "字体",
                format!(
                    "无法使用字体文件“{}”：字体数据无法解析",
                    file.face.path.display()
                ),
            )
        })
}

fn grey(v: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: v,
        icc_profile: None,
    })
}

fn centi(v: f32) -> i32 {
    (v * 100.0).round() as i32
}

/// Coordinates to 1/100 pt: shorter numbers, a smaller file, no visible difference.
fn r(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn point(x: f32, y: f32, height: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: r(x),
            y: r(height - y),
        },
        bezier: false,
    }
}

/// A JPEG as an image XObject, embedded byte for byte (the PDF reader decodes it: DCTDecode).
fn jpeg_xobject(p: &Embedded) -> ExternalXObject {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let dict = [
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", DictItem::Int(i64::from(p.width))),
        ("Height", DictItem::Int(i64::from(p.height))),
        ("ColorSpace", name("DeviceRGB")),
        ("BitsPerComponent", DictItem::Int(8)),
        ("Filter", name("DCTDecode")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content: p.jpeg.clone(),
            compress: false,
        },
        // No size: the transform below maps the image's unit square onto its box.
        width: None,
        height: None,
        dpi: None,
    }
}

/// Writes the pages. `title` goes into the document information.
pub(crate) fn render(
    laid: &Laid,
    fonts: &LoadedFonts,
    metrics: &FaceMetrics,
    title: &str,
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "群工台".to_string();
    doc.metadata.info.producer = "群工台（printpdf）".to_string();
    let body = doc.add_font(parse(&fonts.body)?);
    let title_font = match &fonts.title {
        Some(file) => Some(doc.add_font(parse(file)?)),
        None => None,
    };
    // Without a bold face, titles are the body face drawn with a thin outline.
    let fake_bold = title_font.is_none();
    let font_of = |face: FaceId| -> FontId {
        match face {
            FaceId::Title => title_font.clone().unwrap_or_else(|| body.clone()),
            FaceId::Body => body.clone(),
        }
    };
    let width_mm = Mm(laid.width * 25.4 / 72.0);
    let height_mm = Mm(laid.height * 25.4 / 72.0);
    let h = laid.height;
    let mut pages = Vec::with_capacity(laid.pages.len());
    // Each picture embedded once, however often it is drawn.
    let mut pictures = HashMap::new();
    for page in &laid.pages {
        let mut ops = Vec::with_capacity(page.items.len() * 3 + 16);
        // Fills first, then rules, then text on top.
        for item in &page.items {
            if let Item::Fill {
                x,
                y,
                w,
                h: fh,
                grey: g,
            } = item
            {
                ops.push(Op::SetFillColor { col: grey(*g) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: r(*x),
                        y: r(h - y - fh),
                        width: r(*w),
                        height: r(*fh),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
        }
        for item in &page.items {
            if let Item::Image {
                x,
                y,
                w,
                h: ih,
                picture,
            } = item
            {
                let id = pictures
                    .entry(std::sync::Arc::as_ptr(picture))
                    .or_insert_with(|| doc.add_xobject(&jpeg_xobject(picture)))
                    .clone();
                ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        translate_x: Some(r(*x)),
                        translate_y: Some(r(h - y - ih)),
                        scale_x: Some(*w),
                        scale_y: Some(*ih),
                        ..Default::default()
                    },
                });
            }
        }
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
        ops.push(Op::SetOutlineThickness { pt: Pt(RULE_WIDTH) });
        for item in &page.items {
            if let Item::Rule { x1, y1, x2, y2 } = item {
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, *y1, h), point(*x2, *y2, h)],
                        is_closed: false,
                    },
                });
            }
        }
        for item in &page.items {
            if let Item::Stroke {
                points,
                width,
                grey: g,
                dashed,
            } = item
            {
                ops.push(Op::SetOutlineColor { col: grey(*g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                if *dashed {
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::new(0.0, &[4.0, 2.5]),
                    });
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|&(x, y)| point(x, y, h)).collect(),
                        is_closed: false,
                    },
                });
                if *dashed {
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::solid(),
                    });
                }
            }
        }
        ops.push(Op::SetFillColor { col: grey(0.0) });
        ops.push(Op::StartTextSection);
        let mut current: Option<(FaceId, f32)> = None;
        // Where the text line matrix is (BT starts it at the origin), in 1/100 pt.
        let mut pen = (0i32, 0i32);
        for item in &page.items {
            let Item::Text {
                x,
                y,
                face,
                size,
                text,
            } = item
            else {
                continue;
            };
            if current != Some((*face, *size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_of(*face)),
                    size: Pt(*size),
                });
                if fake_bold {
                    let bold = *face == FaceId::Title;
                    ops.push(Op::SetTextRenderingMode {
                        mode: if bold {
                            TextRenderingMode::FillStroke
                        } else {
                            TextRenderingMode::Fill
                        },
                    });
                    if bold {
                        ops.push(Op::SetOutlineThickness {
                            pt: Pt(size * 0.035),
                        });
                    }
                }
                current = Some((*face, *size));
            }
            // Relative moves (Td) from the previous text: the same column offsets repeat on
            // every row, so the page's content stream compresses far better than with absolute
            // matrices. Positions are whole 1/100 pt, so the moves add up exactly.
            let (cx, cy) = (centi(*x), centi(h - y));
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt((cx - pen.0) as f32 / 100.0),
                    y: Pt((cy - pen.1) as f32 / 100.0),
                },
            });
            pen = (cx, cy);
            // Glyph ids from ttf-parser (a binary search in the cmap) rather than text for
            // printpdf to map: its cmap lookup scans the format-12 groups of a CJK font
            // linearly, twice per character, which was a third of the time of a big roster.
            // Each glyph carries its character for the ToUnicode map (search, copy).
            let glyphs = text
                .chars()
                .map(|c| Codepoint {
                    gid: metrics.glyph_id(*face, c),
                    offset: 0.0,
                    cid: Some(c.to_string()),
                })
                .collect();
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        ops.push(Op::EndTextSection);
        pages.push(PdfPage::new(width_mm, height_mm, ops));
    }
    doc.with_pages(pages);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        optimize: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut pdf = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut warnings);
    // Deflate the streams as printpdf's `optimize` would, but at zlib's default level rather
    // than lopdf's best (9), and on two threads: level 9 took a fifth of a 1,000-row roster's
    // time for a file under 1 % smaller. Streams that would not shrink stay as they are.
    let mut streams: Vec<_> = pdf
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.allows_compression && s.dict.get(b"Filter").is_err())
        .collect();
    // Two shares of about equal size: the largest streams (the fonts) first, each to the
    // lighter share.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let mut shares: [(usize, Vec<_>); 2] = [(0, Vec::new()), (0, Vec::new())];
    for stream in streams {
        let lighter = usize::from(shares[1].0 < shares[0].0);
        shares[lighter].0 += stream.content.len();
        shares[lighter].1.push(stream);
    }
    std::thread::scope(|scope| {
        for (_, part) in shares {
            scope.spawn(move || {
                for stream in part {
                    if let Some(packed) = deflate(&stream.content)
                        && packed.len() + 19 < stream.content.len()
                    {
                        stream.dict.set("Filter", "FlateDecode");
                        stream.set_content(packed);
                    }
                }
            });
        }
    });
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| Error::invalid("PDF", format!("无法生成 PDF：{e}")))?;
    Ok(bytes)
}

/// `data` deflated (zlib, default level).
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut out = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::default(),
    );
    out.write_all(data).ok()?;
    out.finish().ok()
}
