//! Printed documents: 签到表, 考勤表, 花名册, 活动台账, 活动记录, 队伍结构分析报告 and 出勤统计表 as
//! A4 PDFs in Chinese.
//!
//! Each document is built in three steps: the data is read and put in order ([`docs`]), laid
//! out on pages with the font's real widths ([`layout`]: wrapping, header rows repeated, rows
//! never split, page numbers known before drawing), then drawn with printpdf ([`render`]), which
//! embeds only the glyphs used. The CJK font is found at run time ([`font`]).

mod chart;
mod docs;
pub mod evaluation;
mod font;
pub mod job;
pub(crate) mod layout;
mod record;
mod render;
mod report;
mod stats;
pub mod voice;

use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};

pub use crate::collate::NameOrder;
pub use docs::{attendance_sheet, ledger, roster, sign_in_sheet};
pub use font::{FontChoice, FontFace, FontSource, find_system_font};
pub use record::activity_record;
pub use report::structure_report;
pub use stats::{StatsTab, attendance_stats};

/// The font file for printed documents (empty or absent: search the system).
pub const FONT_SETTING: crate::settings::Key = crate::settings::Key {
    name: "pdf_font",
    label: "打印字体",
    check: |value| {
        if std::path::Path::new(value).is_file() {
            Ok(())
        } else {
            Err(Error::invalid(
                "打印字体",
                format!("找不到字体文件 {value}"),
            ))
        }
    },
};

/// What a printout shows and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintOptions {
    pub font: FontChoice,
    /// How names are ordered (default 姓氏笔画).
    pub order: NameOrder,
    /// 花名册: add the 身份证号 column.
    pub show_id_number: bool,
    /// 花名册: add the 手机 column.
    pub show_phone: bool,
    /// Print ID and phone numbers in full instead of masked (1401**********1234).
    pub unmask: bool,
    /// 打印日期, and the date ages are computed on.
    pub today: NaiveDate,
}

impl PrintOptions {
    /// The defaults: system font, 姓氏笔画, no ID or phone columns.
    pub fn new(today: NaiveDate) -> PrintOptions {
        PrintOptions {
            font: FontChoice::default(),
            order: NameOrder::default(),
            show_id_number: false,
            show_phone: false,
            unmask: false,
            today,
        }
    }
}

/// A finished PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the font lacks, in code point order. They are printed as “□” so they can be
    /// written in by hand; tell the user (or have them choose another font in 设置).
    pub missing_glyphs: Vec<char>,
    /// The faces the document is set in.
    pub font: FontSource,
}

impl Document {
    /// A one-line Chinese warning about missing characters, if any.
    pub fn missing_glyphs_warning(&self) -> Option<String> {
        if self.missing_glyphs.is_empty() {
            return None;
        }
        let chars: String = self
            .missing_glyphs
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        Some(format!(
            "字体“{}”缺少以下字符，已印为“□”：{chars}。可在“设置”中选择包含这些字的字体",
            self.font.body.family
        ))
    }

    /// Writes the PDF to `path`.
    pub fn write_to(&self, path: &Path) -> Result<()> {
        std::fs::write(path, &self.bytes)
            .map_err(|e| Error::invalid("输出文件", format!("无法写入“{}”：{e}", path.display())))
    }
}

/// 2026年11月24日.
pub fn chinese_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}
