//! 设置: small key–value settings kept in the database (so they travel with the data).

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::Tx;
use crate::error::{Error, Result};

/// The font file for printed documents (empty or absent: search the system).
pub const PDF_FONT: &str = "pdf_font";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// 队伍结构 age brackets: the upper bound of each bracket but the last, "30,35,40,45,50,55".
pub const STRUCTURE_BRACKETS: &str = "structure_brackets";
/// 老龄化 warning: share aged 50 and over above this many percent.
pub const AGEING_THRESHOLD: &str = "ageing_threshold";
/// 后备不足 warning: fewer 后备人才 per 政工干部 than this.
pub const RESERVE_THRESHOLD: &str = "reserve_threshold";
/// 退休高峰 warning: more than this many percent retiring within 3 years.
pub const RETIREMENT_PEAK_THRESHOLD: &str = "retirement_peak_threshold";

/// Every setting there is.
pub const KEYS: &[&str] = &[
    PDF_FONT,
    STRUCTURE_BRACKETS,
    AGEING_THRESHOLD,
    RESERVE_THRESHOLD,
    RETIREMENT_PEAK_THRESHOLD,
];

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

/// Checks a value for `key`; an error names the field in Chinese.
fn validate(key: &str, value: &str) -> Result<()> {
    match key {
        PDF_FONT if !std::path::Path::new(value).is_file() => Err(Error::invalid(
            "打印字体",
            format!("找不到字体文件 {value}"),
        )),
        STRUCTURE_BRACKETS => parse_brackets(value).map(drop),
        AGEING_THRESHOLD => parse_percent("老龄化预警线", value).map(drop),
        RESERVE_THRESHOLD => parse_ratio("后备不足预警线", value).map(drop),
        RETIREMENT_PEAK_THRESHOLD => parse_percent("退休高峰预警线", value).map(drop),
        _ => Ok(()),
    }
}

/// The 队伍结构 brackets and thresholds from the settings, defaults where not set.
pub fn structure_config(conn: &Connection) -> Result<crate::structure::Config> {
    let mut cfg = crate::structure::Config::default();
    if let Some(v) = get(conn, STRUCTURE_BRACKETS)? {
        cfg.brackets = parse_brackets(&v)?;
    }
    if let Some(v) = get(conn, AGEING_THRESHOLD)? {
        cfg.thresholds.ageing_share_50 = parse_percent("老龄化预警线", &v)?;
    }
    if let Some(v) = get(conn, RESERVE_THRESHOLD)? {
        cfg.thresholds.reserve_per_cadre = parse_ratio("后备不足预警线", &v)?;
    }
    if let Some(v) = get(conn, RETIREMENT_PEAK_THRESHOLD)? {
        cfg.thresholds.retirement_peak_share = parse_percent("退休高峰预警线", &v)?;
    }
    Ok(cfg)
}

/// Stores the 队伍结构 brackets and thresholds (all checked first; nothing is written when one
/// is wrong).
pub fn set_structure_config(tx: &Tx, cfg: &crate::structure::Config) -> Result<()> {
    let brackets = cfg
        .brackets
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let percent = |x: f64| format_number(x * 100.0);
    let values = [
        (STRUCTURE_BRACKETS, brackets),
        (AGEING_THRESHOLD, percent(cfg.thresholds.ageing_share_50)),
        (
            RESERVE_THRESHOLD,
            format_number(cfg.thresholds.reserve_per_cadre),
        ),
        (
            RETIREMENT_PEAK_THRESHOLD,
            percent(cfg.thresholds.retirement_peak_share),
        ),
    ];
    for (key, value) in &values {
        validate(key, value)?;
    }
    for (key, value) in &values {
        set(tx, key, value)?;
    }
    Ok(())
}

/// 40 → "40", 12.5 → "12.5".
fn format_number(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Sets a value; an empty value removes the setting. Unknown keys and a font path that is not
/// a file are refused.
pub fn set(tx: &Tx, key: &str, value: &str) -> Result<()> {
    if !KEYS.contains(&key) {
        return Err(Error::invalid(
            "设置",
            format!("没有“{key}”这一项，可设置：{}", KEYS.join("、")),
        ));
    }
    let value = value.trim();
    if !value.is_empty() {
        validate(key, value)?;
    }
    if value.is_empty() {
        tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
        tx.note(format!("清除设置 {key}"));
    } else {
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        tx.note(format!("设置 {key}"));
    }
    Ok(())
}
