//! 队伍结构 settings: the age brackets and the warning thresholds, kept in 设置.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::DEFAULT_BRACKETS;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::settings::store::{self, Key};

/// 队伍结构 age brackets: the upper bound of each bracket but the last, "30,35,40,45,50,55".
pub const BRACKETS: Key = Key {
    name: "structure_brackets",
    label: "年龄段",
    check: |v| parse_brackets(v).map(drop),
};
/// 老龄化 warning: share aged 50 and over above this many percent.
pub const AGEING_THRESHOLD: Key = Key {
    name: "ageing_threshold",
    label: "老龄化预警线",
    check: |v| parse_percent("老龄化预警线", v).map(drop),
};
/// 后备不足 warning: fewer 后备人才 per 政工干部 than this.
pub const RESERVE_THRESHOLD: Key = Key {
    name: "reserve_threshold",
    label: "后备不足预警线",
    check: |v| parse_ratio("后备不足预警线", v).map(drop),
};
/// 退休高峰 warning: more than this many percent retiring within 3 years.
pub const RETIREMENT_PEAK_THRESHOLD: Key = Key {
    name: "retirement_peak_threshold",
    label: "退休高峰预警线",
    check: |v| parse_percent("退休高峰预警线", v).map(drop),
};

/// The keys of this area, in the order of the 设置 screen.
pub const KEYS: [&Key; 4] = [
    &BRACKETS,
    &AGEING_THRESHOLD,
    &RESERVE_THRESHOLD,
    &RETIREMENT_PEAK_THRESHOLD,
];

/// When a structure warning is raised; editable in 设置.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Thresholds {
    /// 老龄化: share aged 50 and over above this.
    pub ageing_share_50: f64,
    /// 后备不足: fewer 后备人才 per 政工干部 than this.
    pub reserve_per_cadre: f64,
    /// 退休高峰: share reaching retirement age within 3 years above this.
    pub retirement_peak_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ageing_share_50: 0.40,
            reserve_per_cadre: 1.0,
            retirement_peak_share: 0.20,
        }
    }
}

/// The age brackets and warning thresholds in use (from 设置, else the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StructureConfig"))]
pub struct Config {
    /// Upper bounds of the age brackets but the last, ascending.
    pub brackets: Vec<u32>,
    pub thresholds: Thresholds,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            brackets: DEFAULT_BRACKETS.to_vec(),
            thresholds: Thresholds::default(),
        }
    }
}

impl Config {
    /// What 设置 holds, with the defaults for anything not set.
    pub fn load(conn: &Connection) -> Result<Config> {
        let mut cfg = Config::default();
        if let Some(v) = store::get(conn, BRACKETS.name)? {
            cfg.brackets = parse_brackets(&v)?;
        }
        if let Some(v) = store::get(conn, AGEING_THRESHOLD.name)? {
            cfg.thresholds.ageing_share_50 = parse_percent(AGEING_THRESHOLD.label, &v)?;
        }
        if let Some(v) = store::get(conn, RESERVE_THRESHOLD.name)? {
            cfg.thresholds.reserve_per_cadre = parse_ratio(RESERVE_THRESHOLD.label, &v)?;
        }
        if let Some(v) = store::get(conn, RETIREMENT_PEAK_THRESHOLD.name)? {
            cfg.thresholds.retirement_peak_share =
                parse_percent(RETIREMENT_PEAK_THRESHOLD.label, &v)?;
        }
        Ok(cfg)
    }

    /// Stores the brackets and thresholds (all checked first; nothing is written when one is
    /// wrong).
    pub fn save(&self, tx: &Tx) -> Result<()> {
        let brackets = self
            .brackets
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let percent = |x: f64| format_number(x * 100.0);
        let values = [
            (&BRACKETS, brackets),
            (&AGEING_THRESHOLD, percent(self.thresholds.ageing_share_50)),
            (
                &RESERVE_THRESHOLD,
                format_number(self.thresholds.reserve_per_cadre),
            ),
            (
                &RETIREMENT_PEAK_THRESHOLD,
                percent(self.thresholds.retirement_peak_share),
            ),
        ];
        for (key, value) in &values {
            (key.check)(value)?;
        }
        for (key, value) in &values {
            store::put(tx, key, value)?;
        }
        Ok(())
    }
}

/// "30, 35，40、45 50" → [30, 35, 40, 45, 50]: ascending whole ages from 16 to 80, at most 12.
pub fn parse_brackets(input: &str) -> Result<Vec<u32>> {
    let field = "年龄段";
    let folded = crate::codes::fold_input(input);
    let mut out: Vec<u32> = Vec::new();
    for part in folded
        .split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let part = part.trim_end_matches('岁');
        let age: u32 = part
            .parse()
            .map_err(|_| Error::invalid(field, format!("“{part}”不是整数岁数")))?;
        if !(16..=80).contains(&age) {
            return Err(Error::invalid(field, format!("{age} 岁不在 16–80 岁之间")));
        }
        if let Some(&last) = out.last()
            && age <= last
        {
            return Err(Error::invalid(
                field,
                format!("分界岁数要从小到大排列（{last} 之后是 {age}）"),
            ));
        }
        out.push(age);
    }
    if out.is_empty() {
        return Err(Error::invalid(
            field,
            "至少要有一个分界岁数，如 30,35,40,45,50,55",
        ));
    }
    if out.len() > 12 {
        return Err(Error::invalid(field, "最多 12 个分界岁数"));
    }
    Ok(out)
}

/// "40" or "40%" → 0.40, between 0 and 100 percent.
fn parse_percent(field: &'static str, input: &str) -> Result<f64> {
    let s = crate::codes::fold_input(input);
    let s = s.trim().trim_end_matches(['%', '％']).trim();
    let v: f64 = s
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Error::invalid(field, format!("“{input}”不是百分数")))?;
    if !(0.0..=100.0).contains(&v) {
        return Err(Error::invalid(field, "应在 0 到 100 之间"));
    }
    Ok(v / 100.0)
}

fn parse_ratio(field: &'static str, input: &str) -> Result<f64> {
    let s = crate::codes::fold_input(input);
    let v: f64 = s
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Error::invalid(field, format!("“{input}”不是数字")))?;
    if !(0.0..=20.0).contains(&v) {
        return Err(Error::invalid(field, "应在 0 到 20 之间"));
    }
    Ok(v)
}

/// Age brackets as typed in 设置, read by the core for the screen's live preview (the UI keeps
/// no copy of the rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BracketsPreview {
    /// The upper bounds, to send back with the configuration.
    pub brackets: Vec<u32>,
    /// 30岁及以下, 31–35岁, …, 56岁及以上: what the pyramid will show.
    pub labels: Vec<String>,
}

/// Reads the brackets typed as `text`; an error says in Chinese what is wrong.
pub fn preview_brackets(text: &str) -> Result<BracketsPreview> {
    let brackets = parse_brackets(text)?;
    let labels = super::bracket_labels(&brackets);
    Ok(BracketsPreview { brackets, labels })
}

/// 40 → "40", 12.5 → "12.5".
fn format_number(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
